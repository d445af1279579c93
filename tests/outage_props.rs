//! Invariants of the outage compensation (Tw 7.1a and the providers' guarantees), held for
//! generated inputs: a longer outage never gives less, the answer never falls below the
//! statutory minimum, a failed guarantee credits nothing.

mod common;

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use termcalc::calc::outage::{outage, Cause, OutageRequest, OutageSpan};
use termcalc::terms::ProviderSet;

fn set() -> &'static ProviderSet {
    static SET: std::sync::OnceLock<ProviderSet> = std::sync::OnceLock::new();
    SET.get_or_init(|| ProviderSet::embedded().unwrap())
}

#[allow(clippy::too_many_arguments)]
fn request(
    id: usize,
    minutes: u32,
    monthly_cents: u32,
    usage_cents: u32,
    flags: u8,
    report_days: u32,
    cause: Option<usize>,
) -> OutageRequest<'static> {
    let p = set().get(common::provider_ids()[id]).unwrap();
    let discovered = NaiveDate::from_ymd_opt(2025, 3, 3).unwrap();
    OutageRequest {
        provider: p,
        customer: None,
        span: OutageSpan::Hours(Decimal::from(minutes) / Decimal::from(60)),
        monthly: Some(Decimal::new(i64::from(monthly_cents), 2)),
        usage: Some(Decimal::new(i64::from(usage_cents), 2)),
        discovered: Some(discovered),
        reported: Some(discovered + chrono::Duration::days(i64::from(report_days))),
        direct_debit: flags & 1 != 0,
        exclusive_carrier: flags & 2 != 0,
        guarantee_used: flags & 4 != 0,
        prepaid: flags & 8 != 0,
        cause: cause.map(|c| Cause::ALL[c]),
        as_of: NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(),
    }
}

proptest! {
    #[test]
    fn longer_outage_never_gives_less(
        id in 0..common::provider_ids().len(), a in 0u32..100_000, extra in 0u32..10_000, monthly in 0u32..100_000,
        usage in 0u32..50_000, flags in 0u8..16, days in 0u32..20, cause in proptest::option::of(0usize..7),
    ) {
        let short = outage(&request(id, a, monthly, usage, flags, days, cause)).unwrap().result;
        let long = outage(&request(id, a + extra, monthly, usage, flags, days, cause)).unwrap().result;
        prop_assert!(long.statutory >= short.statutory);
        prop_assert!(long.compensation >= short.compensation);
        prop_assert!(long.outage_days >= short.outage_days);
    }

    #[test]
    fn never_below_the_statutory_minimum(
        id in 0..common::provider_ids().len(), m in 0u32..100_000, monthly in 0u32..100_000, usage in 0u32..50_000,
        flags in 0u8..16, days in 0u32..20, cause in proptest::option::of(0usize..7),
    ) {
        let r = outage(&request(id, m, monthly, usage, flags, days, cause)).unwrap().result;
        prop_assert!(r.compensation >= r.statutory);
        prop_assert!(r.compensation >= r.provider);
        if r.guarantee_met != Some(true) {
            prop_assert!(r.provider.is_zero());
            prop_assert_eq!(r.compensation, r.statutory);
        }
        // A subscription outage that qualifies gives at least EUR 1.00; prepaid 0.50 a day.
        if r.statutory > Decimal::ZERO {
            let floor = if flags & 8 != 0 { Decimal::new(50, 2) } else { Decimal::ONE };
            prop_assert!(r.statutory >= floor);
        }
        if m <= 12 * 60 {
            prop_assert!(r.statutory.is_zero());
        }
    }
}
