//! `collection-costs`' request: [`CollectionInput`].

use crate::calc::collection::{collection_costs_traced, CollectionRequest, CollectionResult};
use crate::error::{Error, Result};
use crate::report::Outcome;
use crate::terms::{CustomerType, Provider};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::borrow::Cow;

/// `collection-costs`: the extrajudicial collection costs of one or more claims against one
/// debtor. The owned form of [`CollectionRequest`], as a command line or a batch row gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct CollectionInput {
    /// The unpaid principal of each claim (`principal`, repeatable: a list, or `a;b;c`);
    /// at least one (checked by [`CollectionInput::check`]).
    #[serde(default, rename = "principal", deserialize_with = "field::principal")]
    pub principals: Vec<Decimal>,
    /// `None`: the provider file's default customer, or business without a provider.
    #[serde(default, deserialize_with = "field::customer")]
    pub customer: Option<CustomerType>,
    /// The provider whose collection-cost clause applies (optional).
    #[serde(default, deserialize_with = "field::provider")]
    pub provider: Option<String>,
    /// The creditor cannot deduct VAT (and has said so): VAT on top.
    #[serde(default, deserialize_with = "field::vat")]
    pub vat: bool,
    #[serde(
        default,
        alias = "letter_date",
        deserialize_with = "field::letter_date"
    )]
    pub letter_date: Option<NaiveDate>,
    #[serde(
        default,
        alias = "letter_sent",
        deserialize_with = "field::letter_sent"
    )]
    pub letter_sent: Option<NaiveDate>,
    #[serde(
        default,
        alias = "default_date",
        deserialize_with = "field::default_date"
    )]
    pub default_date: Option<NaiveDate>,
    #[serde(default, deserialize_with = "field::due")]
    pub due: Option<NaiveDate>,
    /// The day a demand (aanmaning) was received; needs `due`.
    #[serde(default, deserialize_with = "field::reminder")]
    pub reminder: Option<NaiveDate>,
    /// "Today" for this request; `None`: the caller's as-of date.
    #[serde(default, alias = "as_of", deserialize_with = "field::as_of")]
    pub as_of: Option<NaiveDate>,
}

impl CollectionInput {
    /// The rules between fields that clap enforces on the command line (required, conflicts,
    /// requires), for inputs that did not come through clap. Messages name the fields.
    pub fn check(&self) -> Result<()> {
        if self.principals.is_empty() {
            return Err(Error::field(
                "principal",
                "give the unpaid principal of each claim, e.g. 1250.00 (several: 1250.00;80.50)",
            ));
        }
        if self.letter_date.is_some() && self.letter_sent.is_some() {
            return Err(Error::field(
                "letter-sent",
                "cannot be used with `letter-date`: give the day the 14-day letter was received, \
                 or else the day it was sent, not both",
            ));
        }
        if self.reminder.is_some() && self.due.is_none() {
            return Err(Error::field(
                "reminder",
                "needs `due`: the last day to pay, from which the demand's days are counted",
            ));
        }
        Ok(())
    }

    /// The answer, for `provider` (looked up by the caller from `self.provider`) with `as_of`
    /// standing in for "today" where the input gives none. With `trace` off no steps are built.
    pub fn answer(
        &self,
        provider: Option<&Provider>,
        as_of: NaiveDate,
        trace: bool,
    ) -> Result<Outcome<CollectionResult>> {
        let req = CollectionRequest {
            principals: Cow::Borrowed(&self.principals),
            customer: self.customer,
            provider,
            vat: self.vat,
            letter_date: self.letter_date,
            letter_sent: self.letter_sent,
            default_date: self.default_date,
            due: self.due,
            demand: self.reminder,
            as_of: self.as_of.unwrap_or(as_of),
        };
        collection_costs_traced(&req, trace)
    }
}

impl crate::calc::Question for CollectionInput {
    type Answer = CollectionResult;
    const COMMAND: &'static str = "collection-costs";

    fn check(&self) -> Result<()> {
        CollectionInput::check(self)
    }

    fn answer(&self, env: &dyn crate::calc::Env, trace: bool) -> Result<Outcome<CollectionResult>> {
        let provider = match self.provider.as_deref() {
            Some(id) => Some(env.provider(id)?),
            None => None,
        };
        CollectionInput::answer(self, provider, env.as_of(), trace)
    }
}

/// serde glue for [`CollectionInput`]'s fields (see [`super::field`]).
mod field {
    use super::super::field::{fields, list, switch, with};
    use crate::calendar::parse_date;
    use crate::money::parse_positive;
    use crate::terms::CustomerType;
    use chrono::NaiveDate;
    use rust_decimal::Decimal;
    use serde::de::Deserializer;

    fields! {
        letter_date: "letter-date" => Option<NaiveDate>, parse_date;
        letter_sent: "letter-sent" => Option<NaiveDate>, parse_date;
        default_date: "default-date" => Option<NaiveDate>, parse_date;
        due: "due" => Option<NaiveDate>, parse_date;
        reminder: "reminder" => Option<NaiveDate>, parse_date;
        as_of: "as-of" => Option<NaiveDate>, parse_date;
        customer: "customer" => Option<CustomerType>, |s: &str| s.parse::<CustomerType>();
        provider: "provider" => Option<String>, |s: &str| Ok(s.to_string());
    }

    /// Each principal as the command line reads one: an amount of more than 0.
    pub fn principal<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Decimal>, D::Error> {
        list(d, "principal", parse_positive)
    }

    pub fn vat<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        switch(d, "vat")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn json_and_csv_shapes_with_either_spelling_deserialise() {
        // A JSON list, snake_case names, a number and a boolean as JSON values.
        let a: CollectionInput = serde_json::from_str(
            r#"{"principal":["1250.00", 80.5],"customer":"consumer","vat":true,"letter_date":"2025-04-11","as_of":"2025-05-01"}"#,
        )
        .unwrap();
        assert_eq!(a.principals, vec![dec!(1250.00), dec!(80.5)]);
        assert_eq!(a.customer, Some(CustomerType::Consumer));
        assert!(a.vat);
        assert_eq!(a.letter_date, Some(d("2025-04-11")));
        assert_eq!(a.as_of, Some(d("2025-05-01")));
        assert_eq!(a.provider, None);
        // One text with `;` (a CSV cell), kebab-case names, empty values not given.
        let b: CollectionInput = serde_json::from_str(
            r#"{"principal":"3000; 800,50;","provider":"compri","letter-sent":"","default-date":"2025-01-02","vat":"no","due":null}"#,
        )
        .unwrap();
        assert_eq!(b.principals, vec![dec!(3000), dec!(800.50)]);
        assert_eq!(b.provider.as_deref(), Some("compri"));
        assert_eq!(b.letter_sent, None);
        assert_eq!(b.default_date, Some(d("2025-01-02")));
        assert!(!b.vat);
        assert_eq!(b.due, None);
        // A single number.
        let c: CollectionInput = serde_json::from_str(r#"{"principal":125}"#).unwrap();
        assert_eq!(c.principals, vec![dec!(125)]);
    }

    #[test]
    fn bad_values_name_the_field_with_the_parsers_sentence() {
        let err = |json: &str| {
            serde_json::from_str::<CollectionInput>(json)
                .unwrap_err()
                .to_string()
        };
        // The second item of a list is 0: the same sentence as a principal of 0 on its own.
        let e = err(r#"{"principal":"100;0"}"#);
        let want = crate::money::parse_positive("0").unwrap_err();
        assert!(e.starts_with(&format!("`principal`: {want}")), "{e}");
        let e = err(r#"{"principal":["100","abc"]}"#);
        let want = crate::money::parse_positive("abc").unwrap_err();
        assert!(e.starts_with(&format!("`principal`: {want}")), "{e}");
        let e = err(r#"{"principal":"100","letter-date":"2025-02-30"}"#);
        let want = crate::calendar::parse_date("2025-02-30").unwrap_err();
        assert!(e.starts_with(&format!("`letter-date`: {want}")), "{e}");
        let e = err(r#"{"principal":"100","vat":"maybe"}"#);
        assert!(e.starts_with("`vat`: `maybe` is not a yes/no value"), "{e}");
        let e = err(r#"{"principal":"100","customer":"alien"}"#);
        assert!(
            e.starts_with("`customer`: 'alien' is not a customer type"),
            "{e}"
        );
        assert!(serde_json::from_str::<CollectionInput>(r#"{"principals":"1"}"#).is_err());
    }

    #[test]
    fn field_rules_name_the_fields() {
        let ok = CollectionInput {
            principals: vec![dec!(100)],
            ..Default::default()
        };
        assert!(ok.check().is_ok());
        let msg = |i: CollectionInput| i.check().unwrap_err().to_string();
        assert!(msg(CollectionInput::default()).starts_with("`principal`: give the unpaid"));
        assert!(msg(CollectionInput {
            letter_date: Some(d("2025-04-11")),
            letter_sent: Some(d("2025-04-09")),
            ..ok.clone()
        })
        .starts_with("`letter-sent`: cannot be used with `letter-date`"));
        assert!(msg(CollectionInput {
            reminder: Some(d("2025-04-11")),
            ..ok.clone()
        })
        .starts_with("`reminder`: needs `due`"));
        assert!(CollectionInput {
            reminder: Some(d("2025-04-11")),
            due: Some(d("2025-04-01")),
            ..ok
        }
        .check()
        .is_ok());
    }

    #[test]
    fn trace_off_gives_the_same_result_and_warnings_without_steps() {
        // A consumer with a presumed receipt: every branch that writes steps and warnings.
        let i = CollectionInput {
            principals: vec![dec!(2500), dec!(500)],
            customer: Some(CustomerType::Consumer),
            letter_sent: Some(d("2026-04-01")),
            vat: true,
            ..Default::default()
        };
        let as_of = d("2026-11-23");
        let on = i.answer(None, as_of, true).unwrap();
        let off = i.answer(None, as_of, false).unwrap();
        assert_eq!(on.result, off.result);
        assert_eq!(on.warnings, off.warnings);
        assert!(!on.steps.is_empty() && off.steps.is_empty());
        // 2500 x 15 % + 500 x 10 % = 375 + 50 = 425; VAT 21 % = 89.25.
        assert_eq!((off.result.costs, off.result.vat), (dec!(425), dec!(89.25)));
    }
}
