//! `end-date`'s request: [`EndDateInput`].

use super::parse;
use crate::calc::termination::{
    end_date_after_change_traced, end_date_traced, ChangeNotice, EndDateRequest, EndDateResult,
};
use crate::error::{Error, Result};
use crate::report::Outcome;
use crate::terms::termination::SpecialKind;
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
            return Err(Error::field(
                "provider",
                "give a provider id (see termcalc providers)",
            ));
        }
        if self.term_months.is_some() && self.indefinite {
            return Err(Error::field(
                "indefinite",
                "cannot be used with `term-months`: give the agreed initial term in months, or say that the contract was entered for an indefinite period, not both",
            ));
        }
        if self.change.is_some() != self.change_announced.is_some() {
            return Err(if self.change.is_some() {
                Error::field(
                    "change",
                    "needs `change-announced`: the day the change was announced",
                )
            } else {
                Error::field(
                    "change-announced",
                    "needs `change`: price_increase, terms_change or service_change",
                )
            });
        }
        for (name, given) in [
            ("change-effective", self.change_effective.is_some()),
            ("objection", self.objection.is_some()),
        ] {
            if given && self.change.is_none() {
                return Err(Error::field(
                    name,
                    "needs `change`: price_increase, terms_change or service_change",
                ));
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

/// serde glue for [`EndDateInput`]'s fields (see [`super::field`]).
mod field {
    pub use super::super::field::provider;
    use super::super::field::{fields, switch, with};
    use super::parse;
    use crate::calendar::parse_date;
    use crate::terms::termination::SpecialKind;
    use crate::terms::CustomerType;
    use chrono::NaiveDate;
    use serde::de::Deserializer;

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

    pub fn indefinite<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        switch(d, "indefinite")
    }

    pub fn requested_notice<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        switch(d, "requested-notice")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::CustomerType;

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
        .starts_with("`indefinite`: cannot be used with `term-months`"));
        assert!(msg(EndDateInput {
            change: Some(SpecialKind::PriceIncrease),
            ..ok.clone()
        })
        .starts_with("`change`: needs `change-announced`"));
        assert!(msg(EndDateInput {
            objection: Some(d("2025-01-01")),
            ..ok.clone()
        })
        .starts_with("`objection`: needs `change`"));
    }
}
