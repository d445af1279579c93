//! Owned, serde-deserialisable requests: the one input type of a question, whatever the front end
//! (issue 11). A command line converts its clap arguments into the request; a batch row
//! (CSV or JSON Lines) deserialises straight into it. Field names are the batch column names
//! (kebab-case, with the snake_case spellings as aliases).
//!
//! Values are read by the library's own parsers (`calendar::parse_date`, `CustomerType`'s
//! `FromStr`, ...), so a bad value gets the same sentence as on the command line; the message
//! starts with the field's name in backticks (`` `notice`: ... ``), which a batch row shows as is.
//!
//! Only `end-date` is here so far; the other questions follow the same pattern.

use crate::calc::termination::{
    end_date_after_change_traced, end_date_traced, ChangeNotice, EndDateRequest, EndDateResult,
    CHANGE_KINDS,
};
use crate::error::{Error, Result};
use crate::report::Outcome;
use crate::terms::termination::{SpecialKind, MAX_MONTHS};
use crate::terms::{CustomerType, Provider};
use chrono::NaiveDate;
use serde::Deserialize;

/// `end-date`: when does the contract end for a notice received on a given day? The owned form
/// of [`EndDateRequest`] plus the announced change, as a command line or a batch row gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct EndDateInput {
    /// Provider id; required (an empty value is refused by [`EndDateInput::check`]).
    #[serde(default, deserialize_with = "field::provider")]
    pub provider: String,
    #[serde(default, deserialize_with = "field::start")]
    pub start: Option<NaiveDate>,
    /// `None`: the as-of date.
    #[serde(default, deserialize_with = "field::notice")]
    pub notice: Option<NaiveDate>,
    #[serde(
        default,
        alias = "term_months",
        deserialize_with = "field::term_months"
    )]
    pub term_months: Option<u32>,
    #[serde(default, deserialize_with = "field::indefinite")]
    pub indefinite: bool,
    #[serde(
        default,
        alias = "requested_notice",
        deserialize_with = "field::requested_notice"
    )]
    pub requested_notice: bool,
    #[serde(default, deserialize_with = "field::customer")]
    pub customer: Option<CustomerType>,
    #[serde(default, deserialize_with = "field::service")]
    pub service: Option<String>,
    #[serde(default, deserialize_with = "field::change")]
    pub change: Option<SpecialKind>,
    #[serde(
        default,
        alias = "change_announced",
        deserialize_with = "field::change_announced"
    )]
    pub change_announced: Option<NaiveDate>,
    #[serde(
        default,
        alias = "change_effective",
        deserialize_with = "field::change_effective"
    )]
    pub change_effective: Option<NaiveDate>,
    #[serde(default, deserialize_with = "field::objection")]
    pub objection: Option<NaiveDate>,
    /// "Today" for this request; `None`: the caller's as-of date.
    #[serde(default, alias = "as_of", deserialize_with = "field::as_of")]
    pub as_of: Option<NaiveDate>,
}

impl EndDateInput {
    /// The rules between fields that clap enforces on the command line (required, conflicts,
    /// requires), for inputs that did not come through clap. Messages name the fields.
    pub fn check(&self) -> Result<()> {
        if self.provider.trim().is_empty() {
            return Err(Error::input(
                "`provider`: give a provider id (see termcalc providers)",
            ));
        }
        if self.term_months.is_some() && self.indefinite {
            return Err(Error::input(
                "`indefinite` cannot be used with `term-months`: give --term-months for an agreed initial term or --indefinite for a contract for an indefinite period, not both",
            ));
        }
        if self.change.is_some() != self.change_announced.is_some() {
            return Err(Error::input(if self.change.is_some() {
                "`change` needs `change-announced`: the day the change was announced"
            } else {
                "`change-announced` needs `change`: price_increase, terms_change or service_change"
            }));
        }
        for (name, given) in [
            ("change-effective", self.change_effective.is_some()),
            ("objection", self.objection.is_some()),
        ] {
            if given && self.change.is_none() {
                return Err(Error::input(format!(
                    "`{name}` needs `change`: price_increase, terms_change or service_change"
                )));
            }
        }
        Ok(())
    }

    /// The announced change, where one is given.
    pub fn change_notice(&self) -> Option<ChangeNotice> {
        match (self.change, self.change_announced) {
            (Some(kind), Some(announced)) => Some(ChangeNotice {
                kind,
                announced,
                effective: self.change_effective,
                objection: self.objection,
            }),
            _ => None,
        }
    }

    /// The answer, for `provider` (looked up by the caller from `self.provider`) with `as_of`
    /// standing in for "today" where the input gives none. With `trace` off no steps are built
    /// (the warnings are kept): for output that shows no explanation, such as a CSV batch.
    pub fn answer(
        &self,
        provider: &Provider,
        as_of: NaiveDate,
        trace: bool,
    ) -> Result<Outcome<EndDateResult>> {
        let as_of = self.as_of.unwrap_or(as_of);
        let req = EndDateRequest {
            provider,
            start: self.start,
            notice: self.notice.unwrap_or(as_of),
            term_months: self.term_months,
            customer: self.customer,
            service: self.service.clone(),
            indefinite: self.indefinite,
            requested_notice: self.requested_notice,
            as_of,
        };
        match self.change_notice() {
            Some(c) => end_date_after_change_traced(&req, &c, trace),
            None => end_date_traced(&req, trace),
        }
    }
}

impl crate::calc::Question for EndDateInput {
    type Answer = EndDateResult;
    const COMMAND: &'static str = "end-date";

    fn check(&self) -> Result<()> {
        EndDateInput::check(self)
    }

    fn answer(&self, env: &dyn crate::calc::Env, trace: bool) -> Result<Outcome<EndDateResult>> {
        let provider = env.provider(&self.provider)?;
        EndDateInput::answer(self, provider, env.as_of(), trace)
    }
}

/// Value parsers shared by the command line and the request fields.
pub mod parse {
    use super::*;

    /// A number of months for an initial term: 1 to `MAX_MONTHS`.
    pub fn term_months(s: &str) -> std::result::Result<u32, String> {
        let shown = crate::error::echo(s);
        let max = MAX_MONTHS;
        match s.trim().parse::<i64>() {
            Ok(n) if n >= 1 && n <= i64::from(max) => Ok(n as u32),
            Ok(n) => Err(format!(
                "{n} is not a possible term; use a whole number of months from 1 to {max}"
            )),
            Err(_) => Err(format!(
                "'{shown}' is not a number of months; use a whole number of months from 1 to {max}, e.g. 12"
            )),
        }
    }

    /// A change kind with a special termination right.
    pub fn change_kind(s: &str) -> std::result::Result<SpecialKind, String> {
        let shown = crate::error::echo(s);
        let k = s.trim().to_ascii_lowercase().replace('-', "_");
        CHANGE_KINDS
            .iter()
            .copied()
            .find(|c| c.as_str() == k)
            .ok_or_else(|| {
                format!(
                    "'{shown}' is not a change kind; use price_increase, terms_change or service_change"
                )
            })
    }

    /// A yes/no value as a batch cell gives it (`true`, `yes`, `1`, `false`, `no`, `0`).
    pub fn yes_no(s: &str) -> std::result::Result<bool, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Ok(true),
            "false" | "no" | "0" => Ok(false),
            _ => Err(format!(
                "`{}` is not a yes/no value; use true or false",
                crate::error::echo(s.trim())
            )),
        }
    }
}

/// serde glue: every field is read as text (a string, or a JSON number or boolean as written)
/// and parsed by the functions in [`parse`]; an empty value or `null` is "not given".
mod field {
    use super::parse;
    use crate::calendar::parse_date;
    use crate::terms::termination::SpecialKind;
    use crate::terms::CustomerType;
    use chrono::NaiveDate;
    use serde::de::{self, Deserializer, Visitor};
    use std::fmt;

    /// The value's text, `None` when empty or null.
    fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        struct Text;
        impl<'de> Visitor<'de> for Text {
            type Value = Option<String>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, number or true/false")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                let v = v.trim();
                Ok((!v.is_empty()).then(|| v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                self.visit_str(&v)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(Some(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Some(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Some(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(Some(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(Text)
            }
        }
        d.deserialize_any(Text)
    }

    /// Parses the text with `p`, naming the field in the message.
    fn with<'de, D: Deserializer<'de>, T>(
        d: D,
        name: &str,
        p: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Option<T>, D::Error> {
        match text(d)? {
            None => Ok(None),
            Some(s) => p(&s)
                .map(Some)
                .map_err(|e| de::Error::custom(format!("`{name}`: {e}"))),
        }
    }

    macro_rules! fields {
        ($($fn:ident: $name:literal => $ty:ty, $parse:expr;)*) => {$(
            pub fn $fn<'de, D: Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
                with(d, $name, $parse)
            }
        )*};
    }

    fields! {
        start: "start" => Option<NaiveDate>, parse_date;
        notice: "notice" => Option<NaiveDate>, parse_date;
        change_announced: "change-announced" => Option<NaiveDate>, parse_date;
        change_effective: "change-effective" => Option<NaiveDate>, parse_date;
        objection: "objection" => Option<NaiveDate>, parse_date;
        as_of: "as-of" => Option<NaiveDate>, parse_date;
        term_months: "term-months" => Option<u32>, parse::term_months;
        customer: "customer" => Option<CustomerType>, |s: &str| s.parse::<CustomerType>();
        service: "service" => Option<String>, |s: &str| Ok(s.to_string());
        change: "change" => Option<SpecialKind>, parse::change_kind;
    }

    pub fn provider<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        Ok(text(d)?.unwrap_or_default())
    }

    pub fn indefinite<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        Ok(with(d, "indefinite", parse::yes_no)?.unwrap_or(false))
    }

    pub fn requested_notice<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        Ok(with(d, "requested-notice", parse::yes_no)?.unwrap_or(false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn json_with_either_spelling_deserialises() {
        let a: EndDateInput = serde_json::from_str(
            r#"{"provider":"quatel","start":"2024-01-31","term-months":12,"requested_notice":true,"indefinite":false,"customer":"Business","notice":null}"#,
        )
        .unwrap();
        assert_eq!(a.provider, "quatel");
        assert_eq!(a.start, Some(d("2024-01-31")));
        assert_eq!(a.term_months, Some(12));
        assert!(a.requested_notice && !a.indefinite);
        assert_eq!(a.customer, Some(CustomerType::Business));
        assert_eq!(a.notice, None);
        let b: EndDateInput =
            serde_json::from_str(r#"{"provider":"quatel","term_months":"12"}"#).unwrap();
        assert_eq!(b.term_months, Some(12));
    }

    #[test]
    fn bad_values_name_the_field_with_the_parsers_sentence() {
        let e = serde_json::from_str::<EndDateInput>(r#"{"provider":"q","notice":"2025-02-30"}"#)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("`notice`: "), "{e}");
        assert!(e.contains(&parse_date_msg("2025-02-30")), "{e}");
        let e = serde_json::from_str::<EndDateInput>(r#"{"provider":"q","term-months":0}"#)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("`term-months`: 0 is not a possible term"),
            "{e}"
        );
        let e = serde_json::from_str::<EndDateInput>(r#"{"provider":"q","indefinite":"maybe"}"#)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("`indefinite`: `maybe` is not a yes/no value"),
            "{e}"
        );
        assert!(serde_json::from_str::<EndDateInput>(r#"{"provider":"q","color":"red"}"#).is_err());
    }

    fn parse_date_msg(s: &str) -> String {
        crate::calendar::parse_date(s).unwrap_err()
    }

    #[test]
    fn field_rules_name_the_fields() {
        let ok = EndDateInput {
            provider: "qupra".into(),
            ..Default::default()
        };
        assert!(ok.check().is_ok());
        let msg = |i: EndDateInput| i.check().unwrap_err().to_string();
        assert!(msg(EndDateInput::default()).starts_with("`provider`"));
        assert!(msg(EndDateInput {
            term_months: Some(12),
            indefinite: true,
            ..ok.clone()
        })
        .starts_with("`indefinite` cannot be used with `term-months`"));
        assert!(msg(EndDateInput {
            change: Some(SpecialKind::PriceIncrease),
            ..ok.clone()
        })
        .starts_with("`change` needs `change-announced`"));
        assert!(msg(EndDateInput {
            objection: Some(d("2025-01-01")),
            ..ok.clone()
        })
        .starts_with("`objection` needs `change`"));
    }
}
