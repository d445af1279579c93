//! `buyout`'s request: [`BuyoutInput`].

use crate::calc::buyout::{buyout_traced, BuyoutRequest, BuyoutResult};
use crate::error::{Error, Result};
use crate::report::Outcome;
use crate::terms::{CustomerType, Provider};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;

/// `buyout`: what does leaving before the regular end cost? The owned form of
/// [`BuyoutRequest`], as a command line or a batch row gives it. `start`, `end` and `monthly`
/// are required ([`BuyoutInput::check`]); they are options here so that a row without them
/// gets a sentence naming the field rather than a deserialiser's message.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct BuyoutInput {
    /// Provider id; required.
    #[serde(default, deserialize_with = "field::provider")]
    pub provider: String,
    /// First day of the term; with `not_delivered`, the day the contract was concluded.
    #[serde(default, deserialize_with = "field::start")]
    pub start: Option<NaiveDate>,
    /// The leaving day: the last day the customer wants the service.
    #[serde(default, deserialize_with = "field::end")]
    pub end: Option<NaiveDate>,
    /// Fixed recurring monthly fees, excluding VAT (unless `incl_vat`).
    #[serde(default, deserialize_with = "field::monthly")]
    pub monthly: Option<Decimal>,
    #[serde(
        default,
        alias = "term_months",
        deserialize_with = "field::term_months"
    )]
    pub term_months: Option<u32>,
    /// The day the notice arrives; `None`: the as-of date.
    #[serde(default, deserialize_with = "field::notice")]
    pub notice: Option<NaiveDate>,
    #[serde(
        default,
        alias = "usage_monthly",
        deserialize_with = "field::usage_monthly"
    )]
    pub usage_monthly: Option<Decimal>,
    #[serde(default, alias = "one_off", deserialize_with = "field::one_off")]
    pub one_off: Option<Decimal>,
    #[serde(
        default,
        alias = "list_monthly",
        deserialize_with = "field::list_monthly"
    )]
    pub list_monthly: Option<Decimal>,
    #[serde(
        default,
        alias = "not_delivered",
        deserialize_with = "field::not_delivered"
    )]
    pub not_delivered: bool,
    /// The prices given include VAT.
    #[serde(default, alias = "incl_vat", deserialize_with = "field::incl_vat")]
    pub incl_vat: bool,
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
    /// "Today" for this request; `None`: the caller's as-of date.
    #[serde(default, alias = "as_of", deserialize_with = "field::as_of")]
    pub as_of: Option<NaiveDate>,
}

impl BuyoutInput {
    /// The rules between fields that clap enforces on the command line (required fields,
    /// conflicts), for inputs that did not come through clap. Messages name the fields.
    pub fn check(&self) -> Result<()> {
        if self.provider.trim().is_empty() {
            return Err(Error::field(
                "provider",
                "give a provider id (see termcalc providers)",
            ));
        }
        self.required()?;
        if self.term_months.is_some() && self.indefinite {
            return Err(Error::field(
                "indefinite",
                "cannot be used with `term-months`: give the agreed initial term in months, or say that the contract was entered for an indefinite period, not both",
            ));
        }
        Ok(())
    }

    /// The required values: start, leaving day and monthly fees.
    fn required(&self) -> Result<(NaiveDate, NaiveDate, Decimal)> {
        let start = self.start.ok_or_else(|| {
            Error::field(
                "start",
                "missing: give the first day of the term as YYYY-MM-DD",
            )
        })?;
        let end = self.end.ok_or_else(|| {
            Error::field("end", "missing: give the last day of service as YYYY-MM-DD")
        })?;
        let monthly = self.monthly.ok_or_else(|| {
            Error::field(
                "monthly",
                "missing: give the fixed monthly fees excluding VAT, e.g. 49.95",
            )
        })?;
        Ok((start, end, monthly))
    }

    /// The answer, for `provider` (looked up by the caller from `self.provider`) with `as_of`
    /// standing in for "today" where the input gives none. With `trace` off no steps are built
    /// (the warnings are kept).
    pub fn answer(
        &self,
        provider: &Provider,
        as_of: NaiveDate,
        trace: bool,
    ) -> Result<Outcome<BuyoutResult>> {
        let (start, leaving_day, monthly) = self.required()?;
        let as_of = self.as_of.unwrap_or(as_of);
        let req = BuyoutRequest {
            provider,
            start,
            leaving_day,
            notice: self.notice.unwrap_or(as_of),
            monthly,
            list_monthly: self.list_monthly,
            term_months: self.term_months,
            usage_monthly: self.usage_monthly,
            one_off: self.one_off,
            not_delivered: self.not_delivered,
            prices_incl_vat: self.incl_vat,
            customer: self.customer,
            service: self.service.clone(),
            indefinite: self.indefinite,
            requested_notice: self.requested_notice,
            as_of,
        };
        buyout_traced(&req, trace)
    }
}

impl crate::calc::Question for BuyoutInput {
    type Answer = BuyoutResult;
    const COMMAND: &'static str = "buyout";

    fn check(&self) -> Result<()> {
        BuyoutInput::check(self)
    }

    fn answer(&self, env: &dyn crate::calc::Env, trace: bool) -> Result<Outcome<BuyoutResult>> {
        let provider = env.provider(&self.provider)?;
        BuyoutInput::answer(self, provider, env.as_of(), trace)
    }
}

/// serde glue for [`BuyoutInput`]'s fields (see [`super::field`]).
mod field {
    pub use super::super::field::provider;
    use super::super::field::{fields, switch, with};
    use super::super::parse;
    use crate::calendar::parse_date;
    use crate::money::parse_non_negative;
    use crate::terms::CustomerType;
    use chrono::NaiveDate;
    use rust_decimal::Decimal;
    use serde::de::Deserializer;

    fields! {
        start: "start" => Option<NaiveDate>, parse_date;
        end: "end" => Option<NaiveDate>, parse_date;
        notice: "notice" => Option<NaiveDate>, parse_date;
        as_of: "as-of" => Option<NaiveDate>, parse_date;
        monthly: "monthly" => Option<Decimal>, parse_non_negative;
        usage_monthly: "usage-monthly" => Option<Decimal>, parse_non_negative;
        one_off: "one-off" => Option<Decimal>, parse_non_negative;
        list_monthly: "list-monthly" => Option<Decimal>, parse_non_negative;
        term_months: "term-months" => Option<u32>, parse::term_months;
        customer: "customer" => Option<CustomerType>, |s: &str| s.parse::<CustomerType>();
        service: "service" => Option<String>, |s: &str| Ok(s.to_string());
    }

    pub fn not_delivered<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        switch(d, "not-delivered")
    }

    pub fn incl_vat<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        switch(d, "incl-vat")
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
    use crate::calc::Question;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn full() -> BuyoutInput {
        BuyoutInput {
            provider: "qupra".into(),
            start: Some(d("2025-03-15")),
            end: Some(d("2025-09-20")),
            monthly: Some(dec!(50)),
            // Qupra's clause counts usage (art. 5.1.d (ii)).
            usage_monthly: Some(dec!(0)),
            ..Default::default()
        }
    }

    #[test]
    fn json_with_either_spelling_deserialises() {
        let a: BuyoutInput = serde_json::from_str(
            r#"{"provider":"qupra","start":"2025-03-15","end":"2025-09-20","monthly":"50,00",
                "usage-monthly":12.4,"one_off":"0","list_monthly":"60","term_months":12,
                "not_delivered":"yes","incl-vat":true,"requested_notice":false,
                "customer":"Reseller","service":"voip","notice":null,"as_of":"2025-09-01"}"#,
        )
        .unwrap();
        assert_eq!(a.provider, "qupra");
        assert_eq!(a.start, Some(d("2025-03-15")));
        assert_eq!(a.end, Some(d("2025-09-20")));
        assert_eq!(a.monthly, Some(dec!(50)));
        assert_eq!(a.usage_monthly, Some(dec!(12.4)));
        assert_eq!(a.one_off, Some(dec!(0)));
        assert_eq!(a.list_monthly, Some(dec!(60)));
        assert_eq!(a.term_months, Some(12));
        assert!(a.not_delivered && a.incl_vat && !a.requested_notice && !a.indefinite);
        assert_eq!(a.customer, Some(CustomerType::Reseller));
        assert_eq!(a.service.as_deref(), Some("voip"));
        assert_eq!(a.notice, None);
        assert_eq!(a.as_of, Some(d("2025-09-01")));
        // The batch columns as clap names them (kebab-case), each text as a CSV cell gives it.
        let b: BuyoutInput = serde_json::from_str(
            r#"{"provider":"qupra","usage-monthly":"1","one-off":"2","list-monthly":"3",
                "term-months":"6","not-delivered":"1","incl-vat":"no","indefinite":"true",
                "requested-notice":"0","as-of":"2025-01-01"}"#,
        )
        .unwrap();
        assert_eq!(
            (b.usage_monthly, b.one_off, b.list_monthly),
            (Some(dec!(1)), Some(dec!(2)), Some(dec!(3)))
        );
        assert_eq!(b.term_months, Some(6));
        assert!(b.not_delivered && !b.incl_vat && b.indefinite && !b.requested_notice);
    }

    #[test]
    fn bad_values_name_the_field_with_the_parsers_sentence() {
        let err = |json: &str| {
            serde_json::from_str::<BuyoutInput>(json)
                .unwrap_err()
                .to_string()
        };
        let e = err(r#"{"provider":"q","end":"2025-02-30"}"#);
        assert!(e.starts_with("`end`: "), "{e}");
        assert!(
            e.contains(&crate::calendar::parse_date("2025-02-30").unwrap_err()),
            "{e}"
        );
        let e = err(r#"{"provider":"q","monthly":"-5"}"#);
        assert!(e.starts_with("`monthly`: "), "{e}");
        assert!(
            e.contains(&crate::money::parse_non_negative("-5").unwrap_err()),
            "{e}"
        );
        let e = err(r#"{"provider":"q","list-monthly":"1.234"}"#);
        assert!(e.starts_with("`list-monthly`: "), "{e}");
        let e = err(r#"{"provider":"q","term-months":0}"#);
        assert!(
            e.starts_with("`term-months`: 0 is not a possible term"),
            "{e}"
        );
        let e = err(r#"{"provider":"q","incl-vat":"maybe"}"#);
        assert!(
            e.starts_with("`incl-vat`: `maybe` is not a yes/no value"),
            "{e}"
        );
        let e = err(r#"{"provider":"q","customer":"alien"}"#);
        assert!(e.starts_with("`customer`: "), "{e}");
        assert!(serde_json::from_str::<BuyoutInput>(r#"{"provider":"q","vat":"1"}"#).is_err());
    }

    #[test]
    fn field_rules_name_the_fields() {
        assert!(full().check().is_ok());
        let field = |i: BuyoutInput| match i.check() {
            Err(Error::Field { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field(BuyoutInput::default()), "provider");
        for (missing, name) in [
            (
                BuyoutInput {
                    start: None,
                    ..full()
                },
                "start",
            ),
            (
                BuyoutInput {
                    end: None,
                    ..full()
                },
                "end",
            ),
            (
                BuyoutInput {
                    monthly: None,
                    ..full()
                },
                "monthly",
            ),
        ] {
            assert_eq!(field(missing), name);
        }
        assert_eq!(
            field(BuyoutInput {
                term_months: Some(12),
                indefinite: true,
                ..full()
            }),
            "indefinite"
        );
    }

    /// A request without its required values is refused by `answer` too (never a panic), with
    /// the same field error as `check`.
    #[test]
    fn answer_without_required_values_names_the_field() {
        let set = crate::terms::ProviderSet::embedded().unwrap();
        let p = set.get("qupra").unwrap();
        let i = BuyoutInput {
            end: None,
            ..full()
        };
        match BuyoutInput::answer(&i, p, d("2025-09-01"), false) {
            Err(Error::Field { field, .. }) => assert_eq!(field, "end"),
            other => panic!("{other:?}"),
        }
    }

    /// With tracing off the figures and warnings are those of the traced answer; only the steps
    /// are left out.
    #[test]
    fn untraced_answer_has_the_same_result_and_warnings() {
        struct Env(crate::terms::ProviderSet);
        impl crate::calc::Env for Env {
            fn as_of(&self) -> NaiveDate {
                d("2025-09-01")
            }
            fn provider(&self, id: &str) -> Result<&Provider> {
                self.0.get(id)
            }
            fn rate_tables(&self) -> Result<&crate::law::rates::RateTables> {
                unreachable!("buyout uses no rate tables")
            }
        }
        let env = Env(crate::terms::ProviderSet::embedded().unwrap());
        for i in [
            full(),
            BuyoutInput {
                usage_monthly: Some(dec!(12.40)),
                customer: Some(CustomerType::Reseller),
                notice: Some(d("2025-10-01")),
                ..full()
            },
            BuyoutInput {
                provider: "compri".into(),
                service: Some("dsl".into()),
                list_monthly: Some(dec!(60)),
                one_off: Some(dec!(10)),
                incl_vat: true,
                ..full()
            },
        ] {
            let traced = Question::answer(&i, &env, true).unwrap();
            let quiet = Question::answer(&i, &env, false).unwrap();
            assert_eq!(traced.result, quiet.result);
            assert_eq!(traced.warnings, quiet.warnings);
            assert!(!traced.steps.is_empty());
            assert!(quiet.steps.is_empty());
        }
    }
}
