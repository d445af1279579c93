//! Property tests for the interest engine: interest never decreases as the until date moves
//! later; it is zero for an until date on or before the due date; the fast path and the full
//! computation agree to the cent; the outstanding amount balances.

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use termcalc::calc::interest::{
    claim_interest, compute, statutory_choice, Claim, ComputeInput, DayCount, Method, Payment,
    RateBasis, Spread,
};
use termcalc::law::rates::{RateKind, RateTables};
use termcalc::report::{Citation, Trace};

fn tables() -> RateTables {
    RateTables::embedded().unwrap()
}

fn day(offset: i64) -> NaiveDate {
    // 2003-01-01 plus offset days: every date has both statutory rates.
    NaiveDate::from_ymd_opt(2003, 1, 1).unwrap() + chrono::Duration::days(offset)
}

fn cents(c: i64) -> Decimal {
    Decimal::new(c, 2)
}

fn method<'a>(t: &'a RateTables, which: u8, act_act: bool) -> Method<'a> {
    let day_count = if act_act {
        DayCount::ActAct
    } else {
        DayCount::Act365
    };
    match which % 4 {
        0 => Method {
            basis: RateBasis::Statutory(t.get(RateKind::Consumer)),
            compound: true,
            day_count,
        },
        1 => Method {
            basis: RateBasis::Statutory(t.get(RateKind::Commercial)),
            compound: true,
            day_count,
        },
        2 => Method {
            basis: RateBasis::Fixed(Decimal::new(875, 2)),
            compound: false,
            day_count,
        },
        _ => Method {
            basis: RateBasis::PerMonthOrPart {
                percent: Decimal::new(2, 0),
                floor: Some(t.get(RateKind::Commercial)),
            },
            compound: false,
            day_count,
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn interest_never_decreases_with_later_until(
        principal in 1i64..100_000_000_000_000,
        start in 0i64..8000,
        a in 0i64..4000,
        extra in 0i64..800,
        which in 0u8..4,
        act_act: bool,
    ) {
        let t = tables();
        let m = method(&t, which, act_act);
        let first = day(start);
        let i1 = claim_interest(cents(principal), first, first + chrono::Duration::days(a), &m).unwrap();
        let i2 = claim_interest(cents(principal), first, first + chrono::Duration::days(a + extra), &m).unwrap();
        prop_assert!(i2 >= i1, "{i2} < {i1}");
        prop_assert!(i1 >= Decimal::ZERO);
    }

    #[test]
    fn zero_for_until_on_or_before_due(
        principal in 1i64..100_000_000_000_000,
        start in 1i64..8000,
        back in 0i64..400,
        which in 0u8..4,
    ) {
        let t = tables();
        let m = method(&t, which, false);
        let first = day(start);
        let due = first - chrono::Duration::days(1);
        let until = due - chrono::Duration::days(back);
        prop_assert_eq!(claim_interest(cents(principal), first, until, &m).unwrap(), Decimal::ZERO);
    }

    #[test]
    fn fast_path_equals_full_computation(
        principal in 1i64..100_000_000_000_000,
        start in 0i64..8000,
        len in 0i64..4000,
        commercial: bool,
        act_act: bool,
    ) {
        let t = tables();
        let kind = if commercial { RateKind::Commercial } else { RateKind::Consumer };
        let first = day(start);
        let until = first + chrono::Duration::days(len);
        let choice = statutory_choice(t.get(kind), Some((Citation::convention("test"), String::new(), None)), Some(first));
        let day_count = if act_act { DayCount::ActAct } else { DayCount::Act365 };
        let m = Method { basis: choice.basis, compound: choice.compound, day_count };
        let fast = claim_interest(cents(principal), first, until, &m).unwrap();
        let full = compute(input(&t, kind, vec![Claim { principal: cents(principal), due: first - chrono::Duration::days(1), first_day: first }], vec![], until, day_count), true).unwrap();
        prop_assert_eq!(fast, full.result.interest);
        let sum: Decimal = full.result.periods.iter().map(|p| p.interest).sum();
        prop_assert_eq!(sum, fast);
    }

    #[test]
    fn with_payments_interest_grows_and_outstanding_balances(
        p1 in 1i64..10_000_000_000,
        p2 in 1i64..10_000_000_000,
        start in 0i64..8000,
        gap in 0i64..400,
        pay_at in 0i64..1500,
        pay in 1i64..10_000_000_000,
        extra in 0i64..800,
        commercial: bool,
    ) {
        let t = tables();
        let kind = if commercial { RateKind::Commercial } else { RateKind::Consumer };
        let d1 = day(start);
        let d2 = d1 + chrono::Duration::days(gap);
        let claims = vec![
            Claim { principal: cents(p1), due: d1, first_day: d1 + chrono::Duration::days(1) },
            Claim { principal: cents(p2), due: d2, first_day: d2 + chrono::Duration::days(1) },
        ];
        let pdate = d2 + chrono::Duration::days(pay_at);
        let payments = vec![Payment { date: pdate, amount: cents(pay), claim: None }];
        let a = compute(input(&t, kind, claims.clone(), payments.clone(), pdate, DayCount::Act365), true).unwrap().result;
        let b = compute(input(&t, kind, claims.clone(), payments.clone(), pdate + chrono::Duration::days(extra), DayCount::Act365), true).unwrap().result;
        // Without tracing: the same figures, no periods kept.
        let quiet = compute(input(&t, kind, claims, payments, pdate + chrono::Duration::days(extra), DayCount::Act365), false).unwrap();
        prop_assert!(quiet.steps.is_empty() && quiet.result.periods.is_empty());
        prop_assert_eq!(quiet.result.interest, b.interest);
        prop_assert_eq!(quiet.result.outstanding, b.outstanding);
        prop_assert_eq!(&quiet.result.allocations, &b.allocations);
        prop_assert!(b.interest >= a.interest);
        for r in [&a, &b] {
            prop_assert_eq!(r.outstanding, r.principal + r.interest + r.costs - (r.paid - r.surplus));
            prop_assert!(r.outstanding >= Decimal::ZERO);
        }
    }

    /// Costs that fall due on a day (`costs_from`, issue 10 item 8) take nothing from a payment
    /// made before it, and from that day on are paid before interest and principal (BW 6:44):
    /// a payment on or after the day leaves interest or principal untouched unless the costs
    /// are paid in full. Every payment is split exactly.
    #[test]
    fn costs_from_a_day_are_paid_first_from_that_day_only(
        p in 1i64..10_000_000,
        costs in 1i64..1_000_000,
        start in 0i64..8000,
        costs_after in 0i64..200,
        pays in prop::collection::vec((0i64..300, 1i64..1_000_000), 1..4),
    ) {
        let t = tables();
        let due = day(start);
        let claims = vec![Claim { principal: cents(p), due, first_day: due + chrono::Duration::days(1) }];
        let from = due + chrono::Duration::days(1 + costs_after);
        let mut payments: Vec<Payment> = pays
            .iter()
            .map(|(off, a)| Payment { date: due + chrono::Duration::days(1 + off), amount: cents(*a), claim: None })
            .collect();
        payments.sort_by_key(|x| x.date);
        let until = payments.last().unwrap().date;
        let mut i = input(&t, RateKind::Commercial, claims, payments, until, DayCount::Act365);
        i.costs = cents(costs);
        i.costs_from = Some(from);
        let r = compute(i, true).unwrap().result;
        let mut costs_left = cents(costs);
        for a in &r.allocations {
            prop_assert_eq!(a.to_costs + a.to_interest + a.to_principal + a.surplus, a.amount);
            if a.date < from {
                prop_assert!(a.to_costs.is_zero());
            } else {
                prop_assert_eq!(a.to_costs, costs_left.min(a.amount));
                costs_left -= a.to_costs;
                if !costs_left.is_zero() {
                    prop_assert!((a.to_interest + a.to_principal).is_zero());
                }
            }
        }
        prop_assert_eq!(r.outstanding_costs, costs_left);
    }
}

/// An independent reference for one claim without payments, in `Decimal` throughout: walk the
/// interest days from `first` through `until`; a sub-period ends at the day before the next
/// anniversary (the same day a year later, 29 February → 28 February), before the next rate
/// change, or at `until`; its interest is base × rate × days / (divisor × 100) by `Decimal`
/// division, rounded half away from zero to cents; at each anniversary the year's interest joins
/// the base when compounding. Written apart from the engine (which computes in integer cents
/// where exact), so that the two can be compared.
fn reference(
    rows: &[(NaiveDate, Decimal)],
    principal: Decimal,
    first: NaiveDate,
    until: NaiveDate,
    compound: bool,
    act_act: bool,
) -> Decimal {
    use chrono::Months;
    let mut base = principal;
    let (mut accrued, mut total) = (Decimal::ZERO, Decimal::ZERO);
    let mut year_start = first;
    let mut k = 1;
    let mut next_anniversary = first.checked_add_months(Months::new(12)).unwrap();
    let mut next = first;
    while next <= until {
        if next == next_anniversary {
            if compound {
                base += accrued;
                accrued = Decimal::ZERO;
            }
            year_start = next_anniversary;
            k += 1;
            next_anniversary = first.checked_add_months(Months::new(12 * k)).unwrap();
        }
        let i = rows.iter().rposition(|r| r.0 <= next).unwrap();
        let mut end = until.min(next_anniversary.pred_opt().unwrap());
        if let Some(change) = rows.get(i + 1) {
            end = end.min(change.0.pred_opt().unwrap());
        }
        let days = Decimal::from((end - next).num_days() + 1);
        let divisor = if act_act {
            Decimal::from((next_anniversary - year_start).num_days())
        } else {
            Decimal::from(365)
        };
        let exact = base * rows[i].1 * days / (divisor * Decimal::ONE_HUNDRED);
        let interest =
            exact.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        accrued += interest;
        total += interest;
        next = end.succ_opt().unwrap();
    }
    total
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The engine (integer cents where exact) equals the independent `Decimal` reference to the
    /// cent: statutory tables and an agreed rate with up to six decimals, act/365 and act/act,
    /// compounding or not, amounts from 0.01 up to the largest accepted.
    #[test]
    fn engine_equals_an_independent_decimal_computation(
        principal in prop_oneof![1i64..100_000, 1i64..10_000_000_000, 1i64..1_000_000_000_000_000_000],
        start in 0i64..8000,
        len in 0i64..6000,
        which in 0u8..3,
        fixed in 1i64..99_999_999,
        compound: bool,
        act_act: bool,
    ) {
        let t = tables();
        let first = day(start);
        let until = first + chrono::Duration::days(len);
        let day_count = if act_act { DayCount::ActAct } else { DayCount::Act365 };
        let (basis, rows): (RateBasis, Vec<(NaiveDate, Decimal)>) = match which {
            0 | 1 => {
                let tab = t.get(if which == 0 { RateKind::Consumer } else { RateKind::Commercial });
                (RateBasis::Statutory(tab), tab.rows.iter().map(|r| (r.from, r.rate)).collect())
            }
            _ => {
                // Up to six decimals: 0.000001 % to 99.999999 %.
                let rate = Decimal::new(fixed, 6);
                (RateBasis::Fixed(rate), vec![(day(-100_000), rate)])
            }
        };
        let m = Method { basis, compound, day_count };
        let p = cents(principal);
        let engine = claim_interest(p, first, until, &m).unwrap();
        prop_assert_eq!(engine, reference(&rows, p, first, until, compound, act_act));
    }
}

fn input(
    t: &RateTables,
    kind: RateKind,
    claims: Vec<Claim>,
    payments: Vec<Payment>,
    until: NaiveDate,
    day_count: DayCount,
) -> ComputeInput<'_> {
    let first = claims.iter().map(|c| c.first_day).min();
    ComputeInput {
        start_reasons: vec![],
        claims,
        payments,
        until,
        costs: Decimal::ZERO,
        costs_from: None,
        rate: statutory_choice(
            t.get(kind),
            Some((Citation::convention("test"), String::new(), None)),
            first,
        ),
        day_count,
        spread: Spread::PerClaim,
        honour_designation: true,
        allocation_reason: Some((Citation::convention("test"), String::new())),
        verified_through: None,
        strict: false,
        claim_field: "claim",
        preamble: Trace::new(),
    }
}
