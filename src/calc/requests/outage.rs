//! `outage`'s request: [`OutageInput`].

use crate::calc::outage::{outage_traced, Cause, OutageRequest, OutageResult, OutageSpan};
use crate::error::{Error, Result};
use crate::report::Outcome;
use crate::terms::{CustomerType, Provider};
use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use serde::Deserialize;

/// `outage`: the compensation owed for an outage, the statutory minimum against the provider's
/// guarantee. The owned form of [`OutageRequest`], as a command line or a batch row gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct OutageInput {
    /// Provider id; required (an empty value is refused by [`OutageInput::check`]).
    #[serde(default, deserialize_with = "field::provider")]
    pub provider: String,
    #[serde(default, deserialize_with = "field::customer")]
    pub customer: Option<CustomerType>,
    /// The outage's start; with `until`, instead of `hours`.
    #[serde(default, deserialize_with = "field::from")]
    pub from: Option<NaiveDateTime>,
    /// The outage's end; with `from`.
    #[serde(default, deserialize_with = "field::until")]
    pub until: Option<NaiveDateTime>,
    /// The outage's length, instead of `from` and `until`.
    #[serde(default, deserialize_with = "field::hours")]
    pub hours: Option<Decimal>,
    #[serde(default, deserialize_with = "field::monthly")]
    pub monthly: Option<Decimal>,
    #[serde(default, deserialize_with = "field::usage")]
    pub usage: Option<Decimal>,
    #[serde(default, deserialize_with = "field::discovered")]
    pub discovered: Option<NaiveDate>,
    #[serde(default, deserialize_with = "field::reported")]
    pub reported: Option<NaiveDate>,
    #[serde(
        default,
        alias = "direct_debit",
        deserialize_with = "field::direct_debit"
    )]
    pub direct_debit: bool,
    #[serde(
        default,
        alias = "exclusive_carrier",
        deserialize_with = "field::exclusive_carrier"
    )]
    pub exclusive_carrier: bool,
    #[serde(
        default,
        alias = "guarantee_used",
        deserialize_with = "field::guarantee_used"
    )]
    pub guarantee_used: bool,
    #[serde(default, deserialize_with = "field::prepaid")]
    pub prepaid: bool,
    #[serde(default, deserialize_with = "field::cause")]
    pub cause: Option<Cause>,
    /// "Today" for this request; `None`: the caller's as-of date.
    #[serde(default, alias = "as_of", deserialize_with = "field::as_of")]
    pub as_of: Option<NaiveDate>,
}

impl OutageInput {
    /// The rules between fields that clap enforces on the command line (required, conflicts,
    /// requires), and that one of the two forms of the outage is given, for inputs that did
    /// not come through clap. Messages name the fields.
    pub fn check(&self) -> Result<()> {
        if self.provider.trim().is_empty() {
            return Err(Error::field(
                "provider",
                "give a provider id (see termcalc providers)",
            ));
        }
        if self.hours.is_some() {
            if let Some(field) = [
                ("from", self.from.is_some()),
                ("until", self.until.is_some()),
            ]
            .into_iter()
            .find_map(|(f, given)| given.then_some(f))
            {
                return Err(Error::field(
                    field,
                    "cannot be used with `hours`: give the outage as its start and end, or as its \
                     length in hours, not both",
                ));
            }
        }
        self.span().map(|_| ())
    }

    /// The outage as given: its start and end, or its length in hours.
    pub fn span(&self) -> Result<OutageSpan> {
        match (self.from, self.until, self.hours) {
            (Some(from), Some(until), None) => Ok(OutageSpan::Between { from, until }),
            (None, None, Some(h)) => Ok(OutageSpan::Hours(h)),
            (Some(_), None, None) => Err(Error::field(
                "from",
                "needs `until`: the moment the service worked again (YYYY-MM-DDTHH:MM)",
            )),
            (None, Some(_), None) => Err(Error::field(
                "until",
                "needs `from`: the moment the service stopped (YYYY-MM-DDTHH:MM)",
            )),
            (_, _, Some(_)) => Err(Error::field(
                "hours",
                "cannot be used with `from` and `until`: give the outage as its start and end, \
                 or as its length in hours, not both",
            )),
            (None, None, None) => Err(Error::field(
                "hours",
                "give the outage's length in hours, or its start and end (`from` and `until`, \
                 YYYY-MM-DDTHH:MM)",
            )),
        }
    }

    /// The answer, for `provider` (looked up by the caller from `self.provider`) with `as_of`
    /// standing in for "today" where the input gives none. With `trace` off no steps are built.
    pub fn answer(
        &self,
        provider: &Provider,
        as_of: NaiveDate,
        trace: bool,
    ) -> Result<Outcome<OutageResult>> {
        let req = OutageRequest {
            provider,
            customer: self.customer,
            span: self.span()?,
            monthly: self.monthly,
            usage: self.usage,
            discovered: self.discovered,
            reported: self.reported,
            direct_debit: self.direct_debit,
            exclusive_carrier: self.exclusive_carrier,
            guarantee_used: self.guarantee_used,
            prepaid: self.prepaid,
            cause: self.cause,
            as_of: self.as_of.unwrap_or(as_of),
        };
        outage_traced(&req, trace)
    }
}

impl crate::calc::Question for OutageInput {
    type Answer = OutageResult;
    const COMMAND: &'static str = "outage";

    fn check(&self) -> Result<()> {
        OutageInput::check(self)
    }

    fn answer(&self, env: &dyn crate::calc::Env, trace: bool) -> Result<Outcome<OutageResult>> {
        let provider = env.provider(&self.provider)?;
        OutageInput::answer(self, provider, env.as_of(), trace)
    }
}

/// serde glue for [`OutageInput`]'s fields (see [`super::field`]).
mod field {
    pub use super::super::field::provider;
    use super::super::field::{fields, switch, with};
    use super::super::parse;
    use crate::calc::outage::Cause;
    use crate::calendar::parse_date;
    use crate::money::parse_amount;
    use crate::terms::CustomerType;
    use chrono::{NaiveDate, NaiveDateTime};
    use rust_decimal::Decimal;
    use serde::de::Deserializer;

    // Amounts are read as the command line reads them (any sign); the calculation refuses a
    // negative one with a sentence that names the field.
    fields! {
        customer: "customer" => Option<CustomerType>, |s: &str| s.parse::<CustomerType>();
        from: "from" => Option<NaiveDateTime>, parse::datetime;
        until: "until" => Option<NaiveDateTime>, parse::datetime;
        hours: "hours" => Option<Decimal>, parse::hours;
        monthly: "monthly" => Option<Decimal>, parse_amount;
        usage: "usage" => Option<Decimal>, parse_amount;
        discovered: "discovered" => Option<NaiveDate>, parse_date;
        reported: "reported" => Option<NaiveDate>, parse_date;
        cause: "cause" => Option<Cause>, |s: &str| s.parse::<Cause>();
        as_of: "as-of" => Option<NaiveDate>, parse_date;
    }

    pub fn direct_debit<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        switch(d, "direct-debit")
    }

    pub fn exclusive_carrier<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        switch(d, "exclusive-carrier")
    }

    pub fn guarantee_used<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        switch(d, "guarantee-used")
    }

    pub fn prepaid<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        switch(d, "prepaid")
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;
    use crate::terms::ProviderSet;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn json_with_either_spelling_deserialises() {
        let a: OutageInput = serde_json::from_str(
            r#"{"provider":"quatel","from":"2025-03-03T08:00","until":"2025-03-04T10:00","monthly":40,"usage":"12,50","discovered":"2025-03-03","reported":"2025-03-13","direct_debit":true,"exclusive-carrier":"yes","guarantee_used":"0","prepaid":"","cause":"customer_equipment","as_of":"2025-06-30"}"#,
        )
        .unwrap();
        assert_eq!(a.provider, "quatel");
        assert_eq!(a.from, Some(dt("2025-03-03T08:00")));
        assert_eq!(a.until, Some(dt("2025-03-04T10:00")));
        assert_eq!(a.hours, None);
        assert_eq!((a.monthly, a.usage), (Some(dec!(40)), Some(dec!(12.50))));
        assert_eq!(a.discovered, Some(d("2025-03-03")));
        assert_eq!(a.reported, Some(d("2025-03-13")));
        assert!(a.direct_debit && a.exclusive_carrier && !a.guarantee_used && !a.prepaid);
        assert_eq!(a.cause, Some(Cause::CustomerEquipment));
        assert_eq!(a.as_of, Some(d("2025-06-30")));
        let b: OutageInput =
            serde_json::from_str(r#"{"provider":"compri","hours":"26.5","guarantee-used":1}"#)
                .unwrap();
        assert_eq!(b.hours, Some(dec!(26.5)));
        assert!(b.guarantee_used);
    }

    #[test]
    fn bad_values_name_the_field_with_the_parsers_sentence() {
        let err = |json: &str| {
            serde_json::from_str::<OutageInput>(json)
                .unwrap_err()
                .to_string()
        };
        let e = err(r#"{"provider":"q","from":"2025-03-03 08:00"}"#);
        let want = parse::datetime("2025-03-03 08:00").unwrap_err();
        assert!(e.starts_with(&format!("`from`: {want}")), "{e}");
        let e = err(r#"{"provider":"q","hours":"-2"}"#);
        assert!(e.starts_with("`hours`: '-2' is negative"), "{e}");
        let e = err(r#"{"provider":"q","hours":"1.23456"}"#);
        assert!(
            e.starts_with("`hours`: '1.23456' has more than four decimals"),
            "{e}"
        );
        let e = err(r#"{"provider":"q","cause":"storm"}"#);
        assert!(e.starts_with("`cause`: 'storm' is not a cause"), "{e}");
        let e = err(r#"{"provider":"q","prepaid":"sometimes"}"#);
        assert!(
            e.starts_with("`prepaid`: `sometimes` is not a yes/no value"),
            "{e}"
        );
        assert!(serde_json::from_str::<OutageInput>(r#"{"provider":"q","duration":"1"}"#).is_err());
    }

    #[test]
    fn field_rules_name_the_fields() {
        let ok = OutageInput {
            provider: "compri".into(),
            hours: Some(dec!(26)),
            ..Default::default()
        };
        assert!(ok.check().is_ok());
        let msg = |i: OutageInput| i.check().unwrap_err().to_string();
        assert!(msg(OutageInput {
            provider: String::new(),
            ..ok.clone()
        })
        .starts_with("`provider`: give a provider id"));
        assert!(msg(OutageInput {
            hours: None,
            ..ok.clone()
        })
        .starts_with("`hours`: give the outage's length in hours, or its start and end"));
        assert!(msg(OutageInput {
            from: Some(dt("2025-03-03T08:00")),
            ..ok.clone()
        })
        .starts_with("`from`: cannot be used with `hours`"));
        assert!(msg(OutageInput {
            hours: None,
            from: Some(dt("2025-03-03T08:00")),
            ..ok.clone()
        })
        .starts_with("`from`: needs `until`"));
        assert!(msg(OutageInput {
            hours: None,
            until: Some(dt("2025-03-03T08:00")),
            ..ok.clone()
        })
        .starts_with("`until`: needs `from`"));
        assert!(OutageInput {
            hours: None,
            from: Some(dt("2025-03-03T08:00")),
            until: Some(dt("2025-03-04T08:00")),
            ..ok
        }
        .check()
        .is_ok());
    }

    #[test]
    fn trace_off_gives_the_same_result_and_warnings_without_steps() {
        let set = ProviderSet::embedded().unwrap();
        for id in ["quatel", "compri", "qupra", "voipro", "voipzeker"] {
            let p = set.get(id).unwrap();
            let i = OutageInput {
                provider: id.into(),
                from: Some(dt("2025-03-31T08:00")),
                until: Some(dt("2025-04-01T10:00")),
                monthly: Some(dec!(40)),
                direct_debit: true,
                ..Default::default()
            };
            let on = i.answer(p, d("2025-06-30"), true).unwrap();
            let off = i.answer(p, d("2025-06-30"), false).unwrap();
            assert_eq!(on.result, off.result, "{id}");
            assert_eq!(on.warnings, off.warnings, "{id}");
            assert!(!on.steps.is_empty() && off.steps.is_empty(), "{id}");
        }
    }
}
