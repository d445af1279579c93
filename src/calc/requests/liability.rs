//! `liability`'s request: [`LiabilityInput`].

use crate::calc::liability::{liability_traced, LiabilityRequest, LiabilityResult};
use crate::error::{Error, Result};
use crate::report::Outcome;
use crate::terms::liability::DamageKind;
use crate::terms::{CustomerType, Provider};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;

/// `liability`: up to what amount is the provider liable for a damage, and by when must it be
/// claimed? The owned form of [`LiabilityRequest`], as a command line or a batch row gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct LiabilityInput {
    /// Provider id; required (an empty value is refused by [`LiabilityInput::check`]).
    #[serde(default, deserialize_with = "field::provider")]
    pub provider: String,
    /// The damage claimed; required (see [`LiabilityInput::check`]); 0 or more.
    #[serde(default, deserialize_with = "field::damage")]
    pub damage: Option<Decimal>,
    /// `None`: the provider file's default kind.
    #[serde(
        default,
        alias = "damage_kind",
        deserialize_with = "field::damage_kind"
    )]
    pub damage_kind: Option<DamageKind>,
    #[serde(default, alias = "event_date", deserialize_with = "field::event_date")]
    pub event_date: Option<NaiveDate>,
    /// Also `discovered`, as on the command line.
    #[serde(
        default,
        alias = "known_date",
        alias = "discovered",
        deserialize_with = "field::known_date"
    )]
    pub known_date: Option<NaiveDate>,
    #[serde(default, deserialize_with = "field::monthly")]
    pub monthly: Option<Decimal>,
    #[serde(default, alias = "fees_paid", deserialize_with = "field::fees_paid")]
    pub fees_paid: Option<Decimal>,
    #[serde(default, deserialize_with = "field::series")]
    pub series: bool,
    #[serde(
        default,
        alias = "paid_this_year",
        deserialize_with = "field::paid_this_year"
    )]
    pub paid_this_year: Option<Decimal>,
    #[serde(
        default,
        alias = "last_invoice",
        deserialize_with = "field::last_invoice"
    )]
    pub last_invoice: Option<Decimal>,
    #[serde(
        default,
        alias = "no_invoice_paid",
        deserialize_with = "field::no_invoice_paid"
    )]
    pub no_invoice_paid: bool,
    #[serde(
        default,
        alias = "insurer_payout",
        deserialize_with = "field::insurer_payout"
    )]
    pub insurer_payout: Option<Decimal>,
    #[serde(
        default,
        alias = "order_value",
        deserialize_with = "field::order_value"
    )]
    pub order_value: Option<Decimal>,
    #[serde(
        default,
        alias = "term_months",
        deserialize_with = "field::term_months"
    )]
    pub term_months: Option<u32>,
    #[serde(default, deserialize_with = "field::customer")]
    pub customer: Option<CustomerType>,
    #[serde(
        default,
        alias = "gross_negligence",
        deserialize_with = "field::gross_negligence"
    )]
    pub gross_negligence: bool,
    /// "Today" for this request; `None`: the caller's as-of date.
    #[serde(default, alias = "as_of", deserialize_with = "field::as_of")]
    pub as_of: Option<NaiveDate>,
}

impl LiabilityInput {
    /// The rules between fields that clap enforces on the command line (required, conflicts),
    /// for inputs that did not come through clap. Messages name the fields.
    pub fn check(&self) -> Result<()> {
        if self.provider.trim().is_empty() {
            return Err(Error::field(
                "provider",
                "give a provider id (see termcalc providers)",
            ));
        }
        if self.damage.is_none() {
            return Err(Error::field(
                "damage",
                "give the damage claimed, in euro (0 or more), e.g. 2500.00",
            ));
        }
        if self.no_invoice_paid && self.last_invoice.is_some() {
            return Err(Error::field(
                "no-invoice-paid",
                "cannot be used with `last-invoice`: give the last invoice paid, or say that \
                 none was paid yet, not both",
            ));
        }
        Ok(())
    }

    /// The answer, for `provider` (looked up by the caller from `self.provider`) with `as_of`
    /// standing in for "today" where the input gives none. With `trace` off no steps are built.
    pub fn answer(
        &self,
        provider: &Provider,
        as_of: NaiveDate,
        trace: bool,
    ) -> Result<Outcome<LiabilityResult>> {
        let damage = self.damage.ok_or_else(|| {
            Error::field(
                "damage",
                "give the damage claimed, in euro (0 or more), e.g. 2500.00",
            )
        })?;
        let req = LiabilityRequest {
            provider,
            damage,
            kind: self.damage_kind,
            event_date: self.event_date,
            known_date: self.known_date,
            monthly: self.monthly,
            fees_paid: self.fees_paid,
            paid_this_year: self.paid_this_year,
            last_invoice: self.last_invoice,
            no_invoice_paid: self.no_invoice_paid,
            insurer_payout: self.insurer_payout,
            order_value: self.order_value,
            term_months: self.term_months,
            series: self.series,
            customer: self.customer,
            gross_negligence: self.gross_negligence,
            as_of: self.as_of.unwrap_or(as_of),
        };
        liability_traced(&req, trace)
    }
}

impl crate::calc::Question for LiabilityInput {
    type Answer = LiabilityResult;
    const COMMAND: &'static str = "liability";

    fn check(&self) -> Result<()> {
        LiabilityInput::check(self)
    }

    fn answer(&self, env: &dyn crate::calc::Env, trace: bool) -> Result<Outcome<LiabilityResult>> {
        let provider = env.provider(&self.provider)?;
        LiabilityInput::answer(self, provider, env.as_of(), trace)
    }
}

/// serde glue for [`LiabilityInput`]'s fields (see [`super::field`]).
mod field {
    pub use super::super::field::provider;
    use super::super::field::{fields, switch, with};
    use super::super::parse;
    use crate::calendar::parse_date;
    use crate::money::parse_amount;
    use crate::terms::liability::DamageKind;
    use crate::terms::CustomerType;
    use chrono::NaiveDate;
    use rust_decimal::Decimal;
    use serde::de::Deserializer;

    // Amounts are read as the command line reads them (any sign); the calculation refuses a
    // negative one with a sentence that names the field.
    fields! {
        damage: "damage" => Option<Decimal>, parse_amount;
        damage_kind: "damage-kind" => Option<DamageKind>, |s: &str| s.parse::<DamageKind>();
        event_date: "event-date" => Option<NaiveDate>, parse_date;
        known_date: "known-date" => Option<NaiveDate>, parse_date;
        monthly: "monthly" => Option<Decimal>, parse_amount;
        fees_paid: "fees-paid" => Option<Decimal>, parse_amount;
        paid_this_year: "paid-this-year" => Option<Decimal>, parse_amount;
        last_invoice: "last-invoice" => Option<Decimal>, parse_amount;
        insurer_payout: "insurer-payout" => Option<Decimal>, parse_amount;
        order_value: "order-value" => Option<Decimal>, parse_amount;
        term_months: "term-months" => Option<u32>, parse::term_months;
        customer: "customer" => Option<CustomerType>, |s: &str| s.parse::<CustomerType>();
        as_of: "as-of" => Option<NaiveDate>, parse_date;
    }

    pub fn series<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        switch(d, "series")
    }

    pub fn no_invoice_paid<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        switch(d, "no-invoice-paid")
    }

    pub fn gross_negligence<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        switch(d, "gross-negligence")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::ProviderSet;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn json_with_either_spelling_deserialises() {
        let a: LiabilityInput = serde_json::from_str(
            r#"{"provider":"qupra","damage":2500,"damage_kind":"property","event-date":"2025-03-03","discovered":"2025-03-04","monthly":"450","fees_paid":"1,5","series":"yes","paid_this_year":"","last-invoice":null,"no_invoice_paid":false,"insurer_payout":"0","order-value":"10","term_months":"24","customer":"Business","gross_negligence":"1","as_of":"2025-03-20"}"#,
        )
        .unwrap();
        assert_eq!(a.provider, "qupra");
        assert_eq!(a.damage, Some(dec!(2500)));
        assert_eq!(a.damage_kind, Some(DamageKind::Property));
        assert_eq!(a.event_date, Some(d("2025-03-03")));
        assert_eq!(a.known_date, Some(d("2025-03-04")));
        assert_eq!(a.monthly, Some(dec!(450)));
        assert_eq!(a.fees_paid, Some(dec!(1.5)));
        assert!(a.series && a.gross_negligence && !a.no_invoice_paid);
        assert_eq!((a.paid_this_year, a.last_invoice), (None, None));
        assert_eq!(a.insurer_payout, Some(dec!(0)));
        assert_eq!(a.order_value, Some(dec!(10)));
        assert_eq!(a.term_months, Some(24));
        assert_eq!(a.customer, Some(CustomerType::Business));
        assert_eq!(a.as_of, Some(d("2025-03-20")));
        let b: LiabilityInput =
            serde_json::from_str(r#"{"provider":"qupra","damage":"5","known-date":"2025-03-04"}"#)
                .unwrap();
        assert_eq!(b.known_date, Some(d("2025-03-04")));
    }

    #[test]
    fn bad_values_name_the_field_with_the_parsers_sentence() {
        let err = |json: &str| {
            serde_json::from_str::<LiabilityInput>(json)
                .unwrap_err()
                .to_string()
        };
        let e = err(r#"{"provider":"q","damage":"1.234,56"}"#);
        let want = crate::money::parse_amount("1.234,56").unwrap_err();
        assert!(e.starts_with(&format!("`damage`: {want}")), "{e}");
        let e = err(r#"{"provider":"q","damage":"5","damage-kind":"lost-profit"}"#);
        assert!(
            e.starts_with("`damage-kind`: 'lost-profit' is not a damage kind"),
            "{e}"
        );
        let e = err(r#"{"provider":"q","damage":"5","term-months":"0"}"#);
        assert!(
            e.starts_with("`term-months`: 0 is not a possible term"),
            "{e}"
        );
        let e = err(r#"{"provider":"q","damage":"5","series":"often"}"#);
        assert!(
            e.starts_with("`series`: `often` is not a yes/no value"),
            "{e}"
        );
        assert!(serde_json::from_str::<LiabilityInput>(r#"{"provider":"q","fee":"1"}"#).is_err());
    }

    #[test]
    fn field_rules_name_the_fields() {
        let ok = LiabilityInput {
            provider: "qupra".into(),
            damage: Some(dec!(5)),
            ..Default::default()
        };
        assert!(ok.check().is_ok());
        let msg = |i: LiabilityInput| i.check().unwrap_err().to_string();
        assert!(msg(LiabilityInput {
            provider: " ".into(),
            ..ok.clone()
        })
        .starts_with("`provider`: give a provider id"));
        assert!(msg(LiabilityInput {
            damage: None,
            ..ok.clone()
        })
        .starts_with("`damage`: give the damage claimed"));
        assert!(msg(LiabilityInput {
            no_invoice_paid: true,
            last_invoice: Some(dec!(20)),
            ..ok.clone()
        })
        .starts_with("`no-invoice-paid`: cannot be used with `last-invoice`"));
    }

    #[test]
    fn negative_figures_are_refused_naming_the_field() {
        let set = ProviderSet::embedded().unwrap();
        let p = set.get("qupra").unwrap();
        let i = LiabilityInput {
            provider: "qupra".into(),
            damage: Some(dec!(5)),
            order_value: Some(dec!(-1)),
            ..Default::default()
        };
        let e = i.answer(p, d("2025-06-01"), false).unwrap_err();
        assert_eq!(
            e.to_string(),
            "`order-value`: '-1.00' is negative; give an amount of 0 or more, e.g. 1234.56"
        );
    }

    #[test]
    fn trace_off_gives_the_same_result_and_warnings_without_steps() {
        let set = ProviderSet::embedded().unwrap();
        for (id, kind) in [
            ("qupra", DamageKind::Property),
            ("compri", DamageKind::Direct),
            ("voipzeker", DamageKind::Direct),
            ("quatel", DamageKind::PersonalInjury),
        ] {
            let p = set.get(id).unwrap();
            let i = LiabilityInput {
                provider: id.into(),
                damage: Some(dec!(20000)),
                damage_kind: Some(kind),
                event_date: Some(d("2025-01-15")),
                monthly: Some(dec!(450)),
                fees_paid: Some(dec!(1800)),
                last_invoice: Some(dec!(99)),
                order_value: Some(dec!(800)),
                term_months: Some(3),
                series: true,
                ..Default::default()
            };
            let on = i.answer(p, d("2025-06-01"), true).unwrap();
            let off = i.answer(p, d("2025-06-01"), false).unwrap();
            assert_eq!(on.result, off.result, "{id}");
            assert_eq!(on.warnings, off.warnings, "{id}");
            assert!(!on.steps.is_empty() && off.steps.is_empty(), "{id}");
        }
    }
}
