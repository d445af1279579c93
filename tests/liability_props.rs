//! Property tests for the liability calculation: whatever the provider, kind and figures,
//! the recoverable amount never exceeds the damage or the ceiling, an exclusion gives 0, and
//! bad combinations end in an input error, never a panic.

mod common;

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use termcalc::calc::liability::{liability, LiabilityRequest};
use termcalc::terms::liability::DamageKind;
use termcalc::terms::{CustomerType, ProviderSet};
use termcalc::Error;

fn providers() -> &'static ProviderSet {
    static SET: std::sync::OnceLock<ProviderSet> = std::sync::OnceLock::new();
    SET.get_or_init(|| ProviderSet::embedded().unwrap())
}

/// An amount in cents from 0 to 10^12 euro, or absent.
fn amount() -> impl Strategy<Value = Decimal> {
    (0i64..=100_000_000_000_000i64).prop_map(|c| Decimal::new(c, 2))
}

fn opt_amount() -> impl Strategy<Value = Option<Decimal>> {
    prop_oneof![Just(None), amount().prop_map(Some)]
}

fn date(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(i64::from(day))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]
    #[test]
    fn recoverable_never_exceeds_damage_or_ceiling(
        id in 0..common::provider_ids().len(),
        kind in prop_oneof![Just(None), (0..DamageKind::ALL.len()).prop_map(|i| Some(DamageKind::ALL[i]))],
        damage in amount(),
        monthly in opt_amount(),
        fees in opt_amount(),
        paid in opt_amount(),
        last in opt_amount(),
        insurer in opt_amount(),
        order in opt_amount(),
        term in prop_oneof![Just(None), (1u32..60).prop_map(Some)],
        series in any::<bool>(),
        gross in any::<bool>(),
        customer in prop_oneof![Just(None), (0usize..3).prop_map(|i| Some(CustomerType::ALL[i]))],
        event in prop_oneof![Just(None), (0u32..2000).prop_map(Some)],
        known_after in prop_oneof![Just(None), (0u32..400).prop_map(Some)],
        as_of_after in 0u32..800,
    ) {
        let provider = providers().get(common::provider_ids()[id]).unwrap();
        let event_date = event.map(date);
        let known_date = match (event, known_after) {
            (Some(e), Some(k)) => Some(date(e + k)),
            _ => None,
        };
        let base = event.unwrap_or(0) + known_after.unwrap_or(0);
        let req = LiabilityRequest {
            provider,
            damage,
            kind,
            event_date,
            known_date,
            monthly,
            fees_paid: fees,
            paid_this_year: paid,
            last_invoice: last,
            no_invoice_paid: last.is_none() && series,
            insurer_payout: insurer,
            order_value: order,
            term_months: term,
            series,
            customer,
            gross_negligence: gross,
            as_of: date(base + as_of_after),
        };
        match liability(&req) {
            Ok(out) => {
                let r = &out.result;
                prop_assert!(r.recoverable >= Decimal::ZERO);
                prop_assert!(r.recoverable <= damage, "recoverable {} > damage {}", r.recoverable, damage);
                if let Some(c) = r.ceiling {
                    prop_assert!(r.recoverable <= c, "recoverable {} > ceiling {}", r.recoverable, c);
                    prop_assert!(c >= Decimal::ZERO);
                }
                if r.excluded {
                    prop_assert_eq!(r.recoverable, Decimal::ZERO);
                    prop_assert!(!gross);
                }
                if gross {
                    prop_assert_eq!(r.ceiling, None);
                    prop_assert_eq!(r.recoverable, damage);
                }
                if let (Some(d), Some(e)) = (r.claim_deadline, event_date) {
                    prop_assert!(d > e);
                    prop_assert_eq!(r.claim_deadline_passed, Some(req.as_of > d));
                }
                prop_assert!(!out.steps.is_empty());
            }
            Err(e @ Error::Field { .. }) => {
                // Only a missing figure can fail here; the error names its field.
                let msg = e.for_command_line();
                prop_assert!(msg.starts_with("--"), "{}", msg);
                prop_assert!(msg.contains(": needed, because"), "{}", msg);
            }
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }
}
