//! Invariants not already held by the per-command property tests (tests/*_props.rs):
//! - an end date after a notice that reacts to an announced change (special termination
//!   right) is never before the notice date, whatever the provider, customer, service or change,
//!   unless the right ends the contract the day before the change took effect and the notice
//!   came after that day: then a warning says so;
//! - batch mode (`--input`) writes exactly one output row per input row, whatever the rows hold
//!   (tests/invariants.rs `batch_*`, run with many more cases by fuzz/run.sh).

use chrono::NaiveDate;
use proptest::prelude::*;
use termcalc::calc::termination::{
    end_date_after_change, ChangeNotice, EndDateRequest, CHANGE_KINDS,
};
use termcalc::terms::{CustomerType, ProviderSet};

fn providers() -> &'static ProviderSet {
    static SET: std::sync::OnceLock<ProviderSet> = std::sync::OnceLock::new();
    SET.get_or_init(|| ProviderSet::embedded().unwrap())
}

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Duration::days(n)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn end_after_a_change_is_never_before_the_notice(
        p in 0usize..5,
        service in 0usize..6,
        customer in 0usize..4,
        start in 0i64..(150 * 365),
        announced_after in 0i64..3000,
        notice_after in 0i64..400,
        effective in prop::option::of(0i64..400),
        term in prop::option::of(1u32..=60),
        kind in 0usize..3,
    ) {
        let set = providers();
        let provider = set.iter().nth(p).unwrap();
        let services: Vec<String> = provider
            .termination
            .as_ref()
            .map(|t| t.services.iter().map(|s| s.kind.clone()).collect())
            .unwrap_or_default();
        let announced = day(start + announced_after);
        let notice = day(start + announced_after + notice_after);
        let req = EndDateRequest {
            provider,
            start: Some(day(start)),
            notice,
            term_months: term,
            customer: [None, Some(CustomerType::Consumer), Some(CustomerType::Business), Some(CustomerType::Reseller)][customer],
            service: services.get(service).cloned(),
            as_of: notice,
        };
        let change = ChangeNotice {
            kind: CHANGE_KINDS[kind],
            announced,
            effective: effective.map(|e| day(start + announced_after + e)),
        };
        // Refusals (no such right in the terms, a term the terms leave to the contract) are
        // input errors; every answer must end on or after the notice.
        // The one exception: a right that ends the contract the day before the change took
        // effect, used after that day (VOIPZeker 7.7); the answer then says so in a warning.
        if let Ok(o) = end_date_after_change(&req, &change) {
            let warned = o.warnings.iter().any(|w| w.contains("before the notice arrived"));
            prop_assert!(o.result.end_date >= notice || warned, "end {} before notice {}", o.result.end_date, notice);
            prop_assert!(!o.steps.is_empty());
        }
    }
}
