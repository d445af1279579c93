//! `quote`'s request: [`QuoteInput`].

use crate::calc::late_payment::AgreedPer;
use crate::calc::outage::Cause;
use crate::calc::quote::QuoteResult;
use crate::error::{Error, Result};
use crate::law::rates::RateKind;
use crate::report::Outcome;
use crate::terms::CustomerType;
use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use serde::Deserialize;

/// `quote`: what leaving costs a customer, all in (end date, buyout, open invoices with
/// interest and collection costs, an outage credit), as a command line or a batch row gives it.
/// Field names are the batch columns (the long options of `termcalc quote`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct QuoteInput {
    /// Provider id; required (an empty value is refused by [`QuoteInput::check`]).
    #[serde(default, deserialize_with = "field::provider")]
    pub provider: String,
    /// First day of the term; needed for the buyout.
    #[serde(default, deserialize_with = "field::start")]
    pub start: Option<NaiveDate>,
    /// The day the provider receives the notice; `None`: the as-of date.
    #[serde(default, deserialize_with = "field::notice")]
    pub notice: Option<NaiveDate>,
    #[serde(
        default,
        alias = "term_months",
        deserialize_with = "field::term_months"
    )]
    pub term_months: Option<u32>,
    #[serde(default, deserialize_with = "field::customer")]
    pub customer: Option<CustomerType>,
    #[serde(default, deserialize_with = "field::service")]
    pub service: Option<String>,
    /// The leaving day: adds the buyout.
    #[serde(default, deserialize_with = "field::end")]
    pub end: Option<NaiveDate>,
    /// With a leaving day: fixed monthly fees, excluding VAT (unless `incl_vat`).
    #[serde(default, deserialize_with = "field::monthly")]
    pub monthly: Option<Decimal>,
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
    /// The prices given include 21 % VAT.
    #[serde(default, alias = "incl_vat", deserialize_with = "field::incl_vat")]
    pub incl_vat: bool,
    /// Open invoices: (amount incl. VAT, due date). A JSON list, or `a;b` in one cell.
    #[serde(default, deserialize_with = "field::claim")]
    pub claim: Vec<(Decimal, NaiveDate)>,
    /// Partial payments: (date, amount, invoice index 0-based where named).
    #[serde(default, deserialize_with = "field::payment")]
    pub payment: Vec<(NaiveDate, Decimal, Option<usize>)>,
    /// Interest and collection costs are counted through this day; `None`: the as-of date.
    #[serde(default, deserialize_with = "field::until")]
    pub until: Option<NaiveDate>,
    /// Statutory interest instead of the provider's clause.
    #[serde(default, deserialize_with = "field::kind")]
    pub kind: Option<RateKind>,
    /// An agreed rate in percent instead of the provider's clause (with `per`).
    #[serde(default, deserialize_with = "field::rate")]
    pub rate: Option<Decimal>,
    #[serde(default, deserialize_with = "field::per")]
    pub per: Option<AgreedPer>,
    #[serde(default, deserialize_with = "field::reminder")]
    pub reminder: Option<NaiveDate>,
    /// The creditor cannot deduct VAT: 21 % on the collection costs.
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
    #[serde(
        default,
        alias = "outage_from",
        deserialize_with = "field::outage_from"
    )]
    pub outage_from: Option<NaiveDateTime>,
    #[serde(
        default,
        alias = "outage_until",
        deserialize_with = "field::outage_until"
    )]
    pub outage_until: Option<NaiveDateTime>,
    #[serde(
        default,
        alias = "outage_hours",
        deserialize_with = "field::outage_hours"
    )]
    pub outage_hours: Option<Decimal>,
    #[serde(
        default,
        alias = "outage_monthly",
        deserialize_with = "field::outage_monthly"
    )]
    pub outage_monthly: Option<Decimal>,
    #[serde(
        default,
        alias = "outage_cause",
        deserialize_with = "field::outage_cause"
    )]
    pub outage_cause: Option<Cause>,
    /// "Today" for this request; `None`: the caller's as-of date.
    #[serde(default, alias = "as_of", deserialize_with = "field::as_of")]
    pub as_of: Option<NaiveDate>,
}

impl QuoteInput {
    /// The rules between fields that clap enforces on the command line (required, conflicts,
    /// requires), for inputs that did not come through clap. Messages name the fields.
    pub fn check(&self) -> Result<()> {
        if self.provider.trim().is_empty() {
            return Err(Error::field(
                "provider",
                "give a provider id (see termcalc providers)",
            ));
        }
        if self.kind.is_some() && self.rate.is_some() {
            return Err(Error::field(
                "kind",
                "cannot be used with an agreed rate: give a statutory kind or an agreed rate, not both",
            ));
        }
        if self.letter_sent.is_some() && self.letter_date.is_some() {
            return Err(Error::field(
                "letter-sent",
                "cannot be used with the day the letter was received: give the day of receipt, or the day of posting when receipt is unknown, not both",
            ));
        }
        if self.outage_hours.is_some()
            && (self.outage_from.is_some() || self.outage_until.is_some())
        {
            return Err(Error::field(
                "outage-hours",
                "cannot be used with the outage's start and end: give its length in hours, or when it began and ended, not both",
            ));
        }
        match (self.outage_from, self.outage_until) {
            (Some(_), None) => Err(Error::field(
                "outage-from",
                "needs the moment the service worked again (outage-until)",
            )),
            (None, Some(_)) => Err(Error::field(
                "outage-until",
                "needs the moment the service stopped working (outage-from)",
            )),
            _ => Ok(()),
        }
        // `per` without `rate` is refused by the answer itself, with the command line's words.
    }

    /// The answer, for the provider and rate tables of `env`, with `env`'s as-of date standing
    /// in for "today" where the input gives none. With `trace` off no steps are built.
    pub fn answer(&self, env: &dyn crate::calc::Env, trace: bool) -> Result<Outcome<QuoteResult>> {
        let provider = env.provider(&self.provider)?;
        crate::calc::quote::answer(self, provider, env, trace)
    }
}

impl crate::calc::Question for QuoteInput {
    type Answer = QuoteResult;
    const COMMAND: &'static str = "quote";

    fn check(&self) -> Result<()> {
        QuoteInput::check(self)
    }

    fn answer(&self, env: &dyn crate::calc::Env, trace: bool) -> Result<Outcome<QuoteResult>> {
        QuoteInput::answer(self, env, trace)
    }
}

/// serde glue for [`QuoteInput`]'s fields (see [`super::field`]).
mod field {
    pub use super::super::field::provider;
    use super::super::field::{fields, list, switch, with};
    use super::super::parse;
    use crate::calc::interest::{parse_claim, parse_payment, parse_percent};
    use crate::calc::late_payment::AgreedPer;
    use crate::calc::outage::Cause;
    use crate::calendar::parse_date;
    use crate::law::rates::RateKind;
    use crate::money::parse_non_negative;
    use crate::terms::CustomerType;
    use chrono::{NaiveDate, NaiveDateTime};
    use rust_decimal::Decimal;
    use serde::de::Deserializer;

    fields! {
        start: "start" => Option<NaiveDate>, parse_date;
        notice: "notice" => Option<NaiveDate>, parse_date;
        end: "end" => Option<NaiveDate>, parse_date;
        until: "until" => Option<NaiveDate>, parse_date;
        reminder: "reminder" => Option<NaiveDate>, parse_date;
        letter_date: "letter-date" => Option<NaiveDate>, parse_date;
        letter_sent: "letter-sent" => Option<NaiveDate>, parse_date;
        default_date: "default-date" => Option<NaiveDate>, parse_date;
        as_of: "as-of" => Option<NaiveDate>, parse_date;
        term_months: "term-months" => Option<u32>, parse::term_months;
        customer: "customer" => Option<CustomerType>, |s: &str| s.parse::<CustomerType>();
        service: "service" => Option<String>, |s: &str| Ok(s.to_string());
        monthly: "monthly" => Option<Decimal>, parse_non_negative;
        usage_monthly: "usage-monthly" => Option<Decimal>, parse_non_negative;
        one_off: "one-off" => Option<Decimal>, parse_non_negative;
        list_monthly: "list-monthly" => Option<Decimal>, parse_non_negative;
        outage_monthly: "outage-monthly" => Option<Decimal>, parse_non_negative;
        kind: "kind" => Option<RateKind>, |s: &str| s.parse::<RateKind>();
        rate: "rate" => Option<Decimal>, parse_percent;
        per: "per" => Option<AgreedPer>, |s: &str| s.parse::<AgreedPer>();
        outage_from: "outage-from" => Option<NaiveDateTime>, parse::datetime;
        outage_until: "outage-until" => Option<NaiveDateTime>, parse::datetime;
        outage_hours: "outage-hours" => Option<Decimal>, parse::hours;
        outage_cause: "outage-cause" => Option<Cause>, |s: &str| s.parse::<Cause>();
    }

    pub fn claim<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(Decimal, NaiveDate)>, D::Error> {
        list(d, "claim", parse_claim)
    }

    #[allow(clippy::type_complexity)]
    pub fn payment<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<(NaiveDate, Decimal, Option<usize>)>, D::Error> {
        list(d, "payment", parse_payment)
    }

    pub fn not_delivered<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        switch(d, "not-delivered")
    }

    pub fn incl_vat<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        switch(d, "incl-vat")
    }

    pub fn vat<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        switch(d, "vat")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn json_with_either_spelling_deserialises() {
        let a: QuoteInput = serde_json::from_str(
            r#"{"provider":"qupra","start":"2025-03-15","term_months":12,"end":"2025-09-30",
                "monthly":"50","usage-monthly":12.40,"one_off":"0","list-monthly":null,
                "not_delivered":"no","incl-vat":true,
                "claim":["500@2025-03-01","200@2025-05-01"],"payment":"2025-06-01=100;2025-07-01=50@2",
                "until":"2025-09-01","kind":"","rate":"8","per":"month","reminder":"2025-03-10",
                "vat":"yes","letter_date":"2025-04-01","default-date":"2025-04-20",
                "outage_hours":"26.5","outage-monthly":"46.50","outage_cause":"network",
                "as_of":"2025-09-01"}"#,
        )
        .unwrap();
        assert_eq!(a.provider, "qupra");
        assert_eq!(a.term_months, Some(12));
        assert_eq!(a.usage_monthly, Some(dec("12.40")));
        assert_eq!(a.one_off, Some(Decimal::ZERO));
        assert_eq!(a.list_monthly, None);
        assert!(!a.not_delivered && a.incl_vat && a.vat);
        assert_eq!(
            a.claim,
            vec![(dec("500"), d("2025-03-01")), (dec("200"), d("2025-05-01"))]
        );
        assert_eq!(
            a.payment,
            vec![
                (d("2025-06-01"), dec("100"), None),
                (d("2025-07-01"), dec("50"), Some(1))
            ]
        );
        assert_eq!(a.kind, None);
        assert_eq!(a.rate, Some(dec("8")));
        assert_eq!(a.per, Some(AgreedPer::Month));
        assert_eq!(a.outage_hours, Some(dec("26.5")));
        assert_eq!(a.outage_cause, Some(Cause::Network));
        assert_eq!(a.as_of, Some(d("2025-09-01")));
        assert!(a.check().is_ok());
    }

    #[test]
    fn a_repeatable_field_takes_a_list_or_a_split_cell() {
        let list: QuoteInput =
            serde_json::from_str(r#"{"provider":"q","claim":["500@2025-03-01"]}"#).unwrap();
        let cell: QuoteInput =
            serde_json::from_str(r#"{"provider":"q","claim":" 500@2025-03-01 ; "}"#).unwrap();
        assert_eq!(list.claim, cell.claim);
        assert_eq!(list.claim.len(), 1);
        let none: QuoteInput =
            serde_json::from_str(r#"{"provider":"q","claim":"","payment":null}"#).unwrap();
        assert!(none.claim.is_empty() && none.payment.is_empty());
        // The second item is bad: the field is named with the parser's own sentence.
        let e =
            serde_json::from_str::<QuoteInput>(r#"{"provider":"q","claim":"500@2025-03-01;500"}"#)
                .unwrap_err()
                .to_string();
        assert!(
            e.starts_with("`claim`: ")
                && e.contains(&crate::calc::interest::parse_claim("500").unwrap_err()),
            "{e}"
        );
        let e =
            serde_json::from_str::<QuoteInput>(r#"{"provider":"q","payment":["2025-06-01=5@0"]}"#)
                .unwrap_err()
                .to_string();
        assert!(e.starts_with("`payment`: '0' is not a"), "{e}");
    }

    #[test]
    fn bad_values_name_the_field_with_the_parsers_sentence() {
        let msg = |json: &str| {
            serde_json::from_str::<QuoteInput>(json)
                .unwrap_err()
                .to_string()
        };
        let e = msg(r#"{"provider":"q","end":"2025-02-30"}"#);
        assert!(e.starts_with("`end`: "), "{e}");
        assert!(
            e.contains(&crate::calendar::parse_date("2025-02-30").unwrap_err()),
            "{e}"
        );
        assert!(msg(r#"{"provider":"q","monthly":"-5"}"#).starts_with("`monthly`: "));
        assert!(msg(r#"{"provider":"q","kind":"civil"}"#)
            .starts_with("`kind`: 'civil' is not a kind of statutory interest"));
        assert!(msg(r#"{"provider":"q","per":"week"}"#).starts_with("`per`: 'week' is not"));
        assert!(msg(r#"{"provider":"q","rate":"100"}"#)
            .starts_with("`rate`: '100' is not a usable rate"));
        assert!(msg(r#"{"provider":"q","vat":"maybe"}"#)
            .starts_with("`vat`: `maybe` is not a yes/no value"));
        assert!(msg(r#"{"provider":"q","outage-from":"2025-05-10 06:00"}"#)
            .contains("YYYY-MM-DDTHH:MM"));
        assert!(msg(r#"{"provider":"q","outage-hours":"-2"}"#)
            .starts_with("`outage-hours`: '-2' is negative"));
        assert!(msg(r#"{"provider":"q","outage-cause":"storm"}"#)
            .starts_with("`outage-cause`: 'storm' is not a cause"));
        assert!(msg(r#"{"provider":"q","colour":"red"}"#).contains("colour"));
    }

    #[test]
    fn field_rules_name_the_fields() {
        let ok = QuoteInput {
            provider: "qupra".into(),
            ..Default::default()
        };
        assert!(ok.check().is_ok());
        let field = |i: QuoteInput| match i.check().unwrap_err() {
            Error::Field { field, .. } => field,
            other => panic!("not a field error: {other}"),
        };
        assert_eq!(field(QuoteInput::default()), "provider");
        assert_eq!(
            field(QuoteInput {
                kind: Some(RateKind::Consumer),
                rate: Some(dec("8")),
                ..ok.clone()
            }),
            "kind"
        );
        assert_eq!(
            field(QuoteInput {
                letter_date: Some(d("2025-01-01")),
                letter_sent: Some(d("2025-01-01")),
                ..ok.clone()
            }),
            "letter-sent"
        );
        let t: NaiveDateTime = "2025-05-10T06:00:00".parse().unwrap();
        assert_eq!(
            field(QuoteInput {
                outage_from: Some(t),
                outage_until: Some(t),
                outage_hours: Some(dec("2")),
                ..ok.clone()
            }),
            "outage-hours"
        );
        assert_eq!(
            field(QuoteInput {
                outage_from: Some(t),
                ..ok.clone()
            }),
            "outage-from"
        );
        assert_eq!(
            field(QuoteInput {
                outage_until: Some(t),
                ..ok.clone()
            }),
            "outage-until"
        );
    }

    /// The built-in providers and rate tables, as the command line has them.
    struct Builtin {
        providers: crate::terms::ProviderSet,
        tables: crate::law::rates::RateTables,
        as_of: NaiveDate,
    }

    impl crate::calc::Env for Builtin {
        fn as_of(&self) -> NaiveDate {
            self.as_of
        }
        fn provider(&self, id: &str) -> Result<&crate::terms::Provider> {
            self.providers.get(id)
        }
        fn rate_tables(&self) -> Result<&crate::law::rates::RateTables> {
            Ok(&self.tables)
        }
    }

    fn builtin() -> &'static Builtin {
        static ENV: std::sync::OnceLock<Builtin> = std::sync::OnceLock::new();
        ENV.get_or_init(|| Builtin {
            providers: crate::terms::ProviderSet::embedded().unwrap(),
            tables: crate::law::rates::RateTables::embedded().unwrap(),
            as_of: d("2025-09-01"),
        })
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        /// Tracing changes the explanation only: with steps off (a CSV batch) the result and
        /// the warnings are those of the full answer, or the error is the same. The quote takes
        /// shortcuts without steps (the end date reused for the buyout, one interest run where
        /// no payment precedes the collection costs); this holds them to the full path.
        #[test]
        fn tracing_changes_only_the_steps(
            provider in 0usize..5,
            customer in prop::option::of(0usize..3),
            start in 0i64..900,
            notice in 0i64..900,
            term in prop::sample::select(vec![1u32, 12, 24, 36]),
            end in prop::option::of(0i64..900),
            monthly in 1u32..20_000,
            claims in prop::collection::vec((1u32..500_000, 0i64..900), 0..3),
            payments in prop::collection::vec((0i64..900, 1u32..300_000, prop::option::of(1usize..3)), 0..3),
            letter in prop::option::of(0i64..900),
            vat: bool,
            reminder in prop::option::of(0i64..900),
        ) {
            let env = builtin();
            let ids: Vec<&str> = env.providers.ids();
            let base = d("2023-01-01");
            let day = |n: i64| base + chrono::Duration::days(n);
            let cents = |c: u32| Decimal::new(i64::from(c), 2);
            let id = ids[provider % ids.len()];
            let service = env.providers.get(id).unwrap().termination.as_ref()
                .and_then(|t| t.services.first()).map(|s| s.kind.clone());
            let first_due = claims.iter().map(|c| c.1).min().unwrap_or(0);
            let q = QuoteInput {
                provider: id.to_string(),
                service,
                customer: customer.map(|c| [CustomerType::Consumer, CustomerType::Business, CustomerType::Reseller][c]),
                start: Some(day(start)),
                notice: Some(day(start + notice)),
                term_months: Some(term),
                end: end.map(|e| day(start + e)),
                monthly: end.map(|_| cents(monthly)),
                claim: claims.iter().map(|(a, due)| (cents(*a), day(*due))).collect(),
                payment: if claims.is_empty() { Vec::new() } else {
                    payments.iter().map(|(p, a, n)| (day(first_due + p / 3), cents(*a), n.filter(|n| *n < claims.len()))).collect()
                },
                letter_date: letter.filter(|_| !claims.is_empty()).map(day),
                vat: vat && !claims.is_empty(),
                reminder: reminder.filter(|_| !claims.is_empty()).map(|r| day(first_due + r / 3)),
                until: (!claims.is_empty()).then(|| day(1200)),
                ..Default::default()
            };
            let full = q.answer(env, true);
            let quick = q.answer(env, false);
            match (full, quick) {
                (Ok(a), Ok(b)) => {
                    prop_assert!(b.steps.is_empty());
                    // Without a trace the interest keeps no periods and capitalisations (detail
                    // tables, as in `interest`); every other figure is the same.
                    let without_details = |r: &crate::calc::quote::QuoteResult| {
                        let mut v = serde_json::to_value(r).unwrap();
                        if let Some(inv) = v.get_mut("invoices").and_then(|i| i.as_object_mut()) {
                            inv.remove("periods");
                            inv.remove("capitalisations");
                        }
                        v
                    };
                    prop_assert_eq!(without_details(&a.result), without_details(&b.result));
                    prop_assert_eq!(a.result.collection_charged, b.result.collection_charged);
                    prop_assert_eq!(a.warnings, b.warnings);
                }
                (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
                (a, b) => prop_assert!(false, "full {:?} / quick {:?}", a.map(|o| o.result.total), b.map(|o| o.result.total)),
            }
        }
    }
}
