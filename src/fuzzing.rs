//! Fuzz harnesses shared by the cargo-fuzz targets in `fuzz/` (nightly) and by
//! `tests/fuzz_regressions.rs` (stable), which replays the kept corpus through the same code.
//! Each harness takes arbitrary bytes, must never panic for any of them, and panics (so the
//! fuzzer reports it) when an answer breaks an invariant or an error message leaks internals.
//! Not part of the command-line contract.

use crate::calc::buyout::{buyout, BuyoutRequest};
use crate::calc::collection::{collection_costs, CollectionRequest};
use crate::calc::interest::{
    claim_interest, compute, parse_claim, parse_payment, parse_percent, statutory_choice, Claim,
    ComputeInput, DayCount, Method, Payment, RateBasis, Spread,
};
use crate::calc::liability::{liability, LiabilityRequest};
use crate::calc::termination::{
    end_date, end_date_after_change, ChangeNotice, EndDateRequest, CHANGE_KINDS,
};
use crate::calendar::{add_days, parse_date, FIRST_YEAR, LAST_YEAR};
use crate::error::{DataIssue, Error};
use crate::law::rates::{parse_rates, RateKind, RateTable, RateTables};
use crate::money::{parse_amount, parse_decimal, parse_non_negative, parse_positive, MAX_AMOUNT};
use crate::report::{Citation, Trace};
use crate::terms::liability::DamageKind;
use crate::terms::{parse_provider, CustomerType, Provider, ProviderSet};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// Fragments that must never reach a user: Rust type names, debug dumps, panics.
const LEAKS: [&str; 14] = [
    "Some(",
    "None",
    "Ok(",
    "Err(",
    "Decimal",
    "NaiveDate",
    "Option<",
    "unwrap",
    "panicked",
    "backtrace",
    "RUST_BACKTRACE",
    "DataIssue",
    "ProviderData(",
    "RateData(",
];

/// Panics when a user-facing message is empty, spans lines or leaks internals.
pub fn check_message(msg: &str) {
    check_echoing(msg, "");
}

/// As [`check_message`], for a message that may quote `input` (which may itself contain any
/// of the fragments looked for).
pub fn check_echoing(msg: &str, input: &str) {
    assert!(!msg.trim().is_empty(), "empty message");
    assert!(!msg.contains('\n'), "message spans lines: {msg}");
    for leak in LEAKS {
        if !input.contains(leak) {
            assert!(!msg.contains(leak), "message leaks `{leak}`: {msg}");
        }
    }
}

fn check_issues(text: &str, issues: &[DataIssue]) {
    assert!(!issues.is_empty(), "a data error without issues");
    let lines = text.split('\n').count();
    for i in issues {
        check_message(&i.to_string());
        if let Some((line, col)) = i.position {
            assert!(line >= 1 && line <= lines, "line {line} of {lines}: {i}");
            assert!(col >= 1, "column {col}: {i}");
        }
    }
}

/// Checks an error from a calculation: every kind has a clean message, one line per issue.
pub fn check_error(e: &Error) {
    match e {
        Error::Input(m) => check_message(m),
        Error::Field { .. } => check_message(&e.to_string()),
        Error::ProviderData(v) | Error::RateData(v) => {
            for i in v {
                check_message(&i.to_string());
            }
        }
    }
}

/// Reads typed values from fuzz bytes; past the end every read is zero.
pub struct Src<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Src<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Src { data, pos: 0 }
    }

    pub fn byte(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
    }

    pub fn u64(&mut self) -> u64 {
        u64::from(self.u32()) | (u64::from(self.u32()) << 32)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            self.u32() as usize % n
        }
    }

    pub fn flag(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// A date from 1900-01-01 to 2199-12-31.
    pub fn date(&mut self) -> NaiveDate {
        let first = first_day();
        let span = (last_day() - first).num_days() as usize + 1;
        add_days(first, self.below(span) as i64).unwrap_or(first)
    }

    /// A date from `base` to `base + max` days, kept within 2199.
    pub fn after(&mut self, base: NaiveDate, max: usize) -> NaiveDate {
        add_days(base, self.below(max + 1) as i64)
            .filter(|d| *d <= last_day())
            .unwrap_or(last_day())
    }

    /// An amount of 0 to 10^12 euro in cents, biased to the edges.
    pub fn amount(&mut self) -> Decimal {
        let cents: u64 = match self.byte() % 5 {
            0 => u64::from(self.u32() % 1_000_000),
            1 => u64::from(self.u32()) % 10_000_000_000,
            2 => self.u64() % (100_000_000_000_000 + 1),
            3 => self.pick(&[
                0,
                1,
                99,
                4_000,
                250_000,
                266_700,
                500_000,
                1_000_000,
                20_000_000,
                677_500,
                99_999_999_999_999,
                100_000_000_000_000,
            ]),
            _ => u64::from(self.byte()) * 100,
        };
        Decimal::new(cents as i64, 2)
    }

    pub fn opt_amount(&mut self) -> Option<Decimal> {
        if self.flag() {
            Some(self.amount())
        } else {
            None
        }
    }

    pub fn customer(&mut self) -> Option<CustomerType> {
        self.pick(&[
            None,
            Some(CustomerType::Consumer),
            Some(CustomerType::Business),
            Some(CustomerType::Reseller),
        ])
    }

    pub fn term(&mut self) -> Option<u32> {
        match self.byte() % 4 {
            0 => None,
            1 => Some(self.pick(&[0, 1, 3, 6, 12, 24, 36, 60])),
            2 => Some(self.u32() % 1_300),
            _ => Some(self.u32()),
        }
    }
}

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap_or_default()
}

fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).unwrap_or_default()
}

fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Provider files and rate tables from arbitrary text. The first byte chooses which reader
/// sees the rest first; both always run. A provider or rate table that loads is then used in
/// calculations driven by the same bytes.
pub fn parse_files(data: &[u8]) {
    let text = text_of(data);
    match parse_provider("fuzz.toml", &text, None) {
        Ok(p) => {
            let _ = p.describe();
            let _ = p.audience_summary();
            let mut src = Src::new(data);
            for _ in 0..3 {
                exercise_provider(&p, &mut src);
            }
        }
        Err(issues) => check_issues(&text, &issues),
    }
    match parse_rates("fuzz.toml", &text) {
        Ok(t) => {
            let mut src = Src::new(data);
            for kind in [RateKind::Consumer, RateKind::Commercial] {
                let table = t.get(kind);
                for _ in 0..3 {
                    exercise_table(table, &mut src);
                }
            }
        }
        Err(issues) => check_issues(&text, &issues),
    }
}

/// Amounts, dates, rates, claims and payments as typed on the command line.
pub fn parse_inputs(data: &[u8]) {
    let text = text_of(data);
    for s in std::iter::once(text.as_str()).chain(text.split('\n')) {
        match parse_amount(s) {
            Ok(v) => {
                assert!(v.abs() <= MAX_AMOUNT, "{s} -> {v}");
                assert!(v.scale() <= 2, "{s} -> {v}");
                assert!(
                    !(v.is_zero() && v.is_sign_negative()),
                    "{s} -> negative zero"
                );
                // Accepted text means the same amount in its canonical form.
                let canon = crate::money::fmt_amount(v);
                assert_eq!(parse_amount(&canon), Ok(v), "{s} -> {v} -> {canon}");
            }
            Err(m) => check_echoing(&m, s),
        }
        match parse_positive(s) {
            Ok(v) => assert!(v > Decimal::ZERO),
            Err(m) => check_echoing(&m, s),
        }
        match parse_non_negative(s) {
            Ok(v) => assert!(v >= Decimal::ZERO),
            Err(m) => check_echoing(&m, s),
        }
        match parse_decimal(s) {
            Ok(v) => assert!(v >= Decimal::ZERO),
            Err(m) => check_echoing(&m, s),
        }
        match parse_percent(s) {
            Ok(v) => assert!(v > Decimal::ZERO && v < Decimal::ONE_HUNDRED),
            Err(m) => check_echoing(&m, s),
        }
        match parse_date(s) {
            Ok(d) => {
                assert!((FIRST_YEAR..=LAST_YEAR).contains(&d.year()));
                assert_eq!(d.format("%Y-%m-%d").to_string(), s.trim());
            }
            Err(m) => check_echoing(&m, s),
        }
        match parse_claim(s) {
            Ok((a, d)) => {
                assert!(a > Decimal::ZERO);
                assert!((FIRST_YEAR..=LAST_YEAR).contains(&d.year()));
            }
            Err(m) => check_echoing(&m, s),
        }
        match parse_payment(s) {
            Ok((d, a, _)) => {
                assert!(a > Decimal::ZERO);
                assert!((FIRST_YEAR..=LAST_YEAR).contains(&d.year()));
            }
            Err(m) => check_echoing(&m, s),
        }
        match s.parse::<DayCount>() {
            Ok(_) => {}
            Err(m) => check_echoing(&m, s),
        }
        match s.parse::<CustomerType>() {
            Ok(_) => {}
            Err(m) => check_echoing(&m, s),
        }
    }
}

fn embedded() -> Option<&'static ProviderSet> {
    static SET: std::sync::OnceLock<Option<ProviderSet>> = std::sync::OnceLock::new();
    SET.get_or_init(|| ProviderSet::embedded().ok()).as_ref()
}

fn embedded_rates() -> Option<&'static RateTables> {
    static SET: std::sync::OnceLock<Option<RateTables>> = std::sync::OnceLock::new();
    SET.get_or_init(|| RateTables::embedded().ok()).as_ref()
}

/// Every calculation with typed inputs built from the bytes, on the embedded providers and
/// rate tables, checking the invariants of each answer.
pub fn calculations(data: &[u8]) {
    let mut src = Src::new(data);
    let Some(set) = embedded() else {
        panic!("the embedded provider files do not load");
    };
    let providers: Vec<&Provider> = set.iter().collect();
    let p = providers[src.below(providers.len())];
    exercise_provider(p, &mut src);
    if let Some(t) = embedded_rates() {
        let kind = if src.flag() {
            RateKind::Consumer
        } else {
            RateKind::Commercial
        };
        exercise_table(t.get(kind), &mut src);
    }
    exercise_collection(None, &mut src);
}

fn service(p: &Provider, src: &mut Src) -> Option<String> {
    let kinds: Vec<String> = p
        .termination
        .as_ref()
        .map(|t| t.services.iter().map(|s| s.kind.clone()).collect())
        .unwrap_or_default();
    match src.byte() % 4 {
        0 => None,
        1 => Some("no-such-service".to_string()),
        _ if kinds.is_empty() => None,
        _ => Some(kinds[src.below(kinds.len())].clone()),
    }
}

/// Runs the provider-based calculations once with inputs from `src`.
pub fn exercise_provider(p: &Provider, src: &mut Src) {
    match src.byte() % 6 {
        0 => exercise_end_date(p, src),
        1 => exercise_buyout(p, src),
        2 => exercise_liability(p, src),
        3 => exercise_provider_interest(p, src),
        4 => exercise_outage(p, src),
        _ => exercise_collection(Some(p), src),
    }
}

/// Outage compensation: never below the statutory minimum, a guarantee that fails credits
/// nothing, 12 hours or less give no statutory amount.
fn exercise_outage(p: &Provider, src: &mut Src) {
    use crate::calc::outage::{outage, Cause, OutageRequest, OutageSpan};
    let span = if src.flag() {
        let from =
            src.date()
                .and_hms_opt(u32::from(src.byte() % 24), u32::from(src.byte() % 60), 0);
        let minutes = i64::from(src.u32() % 2_000_000) - 1000;
        match from {
            Some(f) => OutageSpan::Between {
                from: f,
                until: f + chrono::Duration::minutes(minutes),
            },
            None => return,
        }
    } else {
        OutageSpan::Hours(Decimal::new(i64::from(src.u32() % 10_000_000) - 100, 2))
    };
    let req = OutageRequest {
        provider: p,
        customer: src.customer(),
        span,
        monthly: src.opt_amount(),
        usage: src.opt_amount(),
        discovered: if src.flag() { Some(src.date()) } else { None },
        reported: if src.flag() { Some(src.date()) } else { None },
        direct_debit: src.flag(),
        exclusive_carrier: src.flag(),
        guarantee_used: src.flag(),
        prepaid: src.flag(),
        cause: if src.flag() {
            Some(src.pick(&Cause::ALL))
        } else {
            None
        },
        as_of: src.date(),
    };
    match outage(&req) {
        Ok(o) => {
            let r = &o.result;
            assert!(r.statutory >= Decimal::ZERO && r.provider >= Decimal::ZERO);
            assert!(r.compensation >= r.statutory, "{r:?}");
            assert!(r.compensation >= r.provider, "{r:?}");
            if r.guarantee_met != Some(true) {
                assert!(r.provider.is_zero(), "{r:?}");
                assert_eq!(r.compensation, r.statutory, "{r:?}");
            }
            if r.outage_hours <= crate::calc::outage::THRESHOLD_HOURS {
                assert!(r.statutory.is_zero(), "{r:?}");
            }
        }
        Err(e) => check_error(&e),
    }
}

/// Interest under the provider's late-payment clause (`calc::late_payment::interest_for`):
/// one or more claims, or an invoice date, with payments, costs and a reminder; the answer's
/// figures must hang together.
fn exercise_provider_interest(p: &Provider, src: &mut Src) {
    use crate::calc::interest::DayCount;
    use crate::calc::late_payment::{
        interest_answer, interest_for, Claims, InterestKind, InterestQuestion,
    };
    let Some(tables) = embedded_rates() else {
        return;
    };
    let claims = if src.byte().is_multiple_of(4) {
        Claims::InvoiceDate {
            principal: src.amount(),
            invoice_date: src.date(),
        }
    } else {
        let n = 1 + src.below(3);
        Claims::Due {
            claims: (0..n).map(|_| (src.amount(), src.date())).collect(),
            field: "claim",
        }
    };
    let until = src.date();
    let payments = (0..src.below(3))
        .map(|_| {
            let named = if src.flag() { Some(src.below(3)) } else { None };
            (src.date(), src.amount(), named)
        })
        .collect();
    let reminder = if src.flag() { Some(src.date()) } else { None };
    let q = InterestQuestion {
        claims,
        until,
        payments,
        costs: if src.flag() {
            src.amount()
        } else {
            Decimal::ZERO
        },
        costs_from: None,
        day_count: if src.flag() {
            DayCount::Act365
        } else {
            DayCount::ActAct
        },
        strict: src.flag(),
        kind: InterestKind::Provider {
            provider: p,
            customer: src.customer(),
            reminder,
        },
    };
    let quiet = interest_answer(&q, tables, false);
    match interest_for(&q, tables) {
        Ok(o) => {
            // Without tracing: the same figures and warnings, no steps and no periods.
            let Ok(quiet) = quiet else {
                panic!("traced answer ok, untraced failed: {quiet:?}");
            };
            assert!(quiet.steps.is_empty() && quiet.result.periods.is_empty());
            assert_eq!(quiet.warnings, o.warnings);
            assert_eq!(
                (
                    quiet.result.interest,
                    quiet.result.outstanding,
                    quiet.result.surplus
                ),
                (o.result.interest, o.result.outstanding, o.result.surplus)
            );
            assert_eq!(quiet.result.allocations, o.result.allocations);
            let r = &o.result;
            assert!(
                r.interest >= Decimal::ZERO,
                "negative interest {}",
                r.interest
            );
            assert!(
                r.outstanding >= Decimal::ZERO,
                "negative outstanding {}",
                r.outstanding
            );
            assert!(r.surplus >= Decimal::ZERO, "negative surplus {}", r.surplus);
            assert_eq!(
                r.outstanding,
                r.outstanding_principal + r.outstanding_interest + r.outstanding_costs,
                "outstanding does not add up"
            );
            for w in &o.warnings {
                check_message(w);
            }
        }
        Err(e) => {
            // Without tracing: the same error.
            assert_eq!(
                quiet.err().map(|q| q.to_string()),
                Some(e.to_string()),
                "untraced answer differs"
            );
            check_error(&e)
        }
    }
}

fn statute_straddled(a: NaiveDate, b: NaiveDate) -> bool {
    // The law in force on the notice date applies: a notice on or after the day a protection
    // started (BW 6:236 sub j, Tw 7.2a for businesses) may end earlier than one before it.
    [(2011, 12, 1), (2016, 10, 1), (2009, 7, 1)]
        .iter()
        .filter_map(|&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
        .any(|c| a < c && c <= b)
}

fn exercise_end_date(p: &Provider, src: &mut Src) {
    let start = src.date();
    let start = if src.byte().is_multiple_of(8) {
        None
    } else {
        Some(start)
    };
    let notice = src.after(start.unwrap_or_else(src_date_fallback), 4000);
    let later = src.after(notice, 800);
    let req = EndDateRequest {
        provider: p,
        start,
        notice,
        term_months: src.term(),
        customer: src.customer(),
        service: service(p, src),
        // Not drawn from the input, so the stored corpus keeps its meaning.
        indefinite: false,
        requested_notice: false,
        as_of: src.date(),
    };
    let first = match end_date(&req) {
        Ok(o) => {
            let r = &o.result;
            assert!(
                r.end_date >= notice,
                "end {} before notice {notice}",
                r.end_date
            );
            assert!(r.end_date <= r.as_written_end_date);
            assert!(!o.steps.is_empty());
            Some(r.end_date)
        }
        Err(e) => {
            check_error(&e);
            None
        }
    };
    let req2 = EndDateRequest {
        notice: later,
        ..req.clone()
    };
    match end_date(&req2) {
        Ok(o) => {
            assert!(o.result.end_date >= later);
            if let Some(a) = first {
                if !statute_straddled(notice, later) {
                    assert!(
                        o.result.end_date >= a,
                        "notice {notice} ends {a}, later notice {later} ends {}",
                        o.result.end_date
                    );
                }
            }
        }
        Err(e) => check_error(&e),
    }
    let change = ChangeNotice {
        kind: src.pick(&CHANGE_KINDS),
        announced: src.after(start.unwrap_or(notice), 4000),
        effective: if src.flag() {
            Some(src.after(notice, 200))
        } else {
            None
        },
        objection: None,
    };
    match end_date_after_change(&req, &change) {
        // A special right that ends the contract the day before the change took effect may
        // end it before a notice given after that day; the answer must then warn.
        Ok(o) => assert!(
            o.result.end_date >= notice
                || o.warnings.iter().any(|w| w.contains("before the notice arrived")),
            "{}: end {} before notice {notice} after {change:?} (start {start:?}, term {:?}, customer {:?}, service {:?})",
            p.id,
            o.result.end_date,
            req.term_months,
            req.customer,
            req.service
        ),
        Err(e) => check_error(&e),
    }
}

fn src_date_fallback() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default()
}

fn exercise_buyout(p: &Provider, src: &mut Src) {
    let start = src.date();
    let notice = src.after(start, 3000);
    let l1 = src.after(start, 3000);
    let l2 = src.after(l1, 800);
    let monthly = src.amount();
    let req = BuyoutRequest {
        provider: p,
        start,
        leaving_day: l1,
        notice,
        monthly,
        list_monthly: src.opt_amount(),
        term_months: src.term(),
        usage_monthly: src.opt_amount(),
        one_off: src.opt_amount(),
        not_delivered: src.flag(),
        prices_incl_vat: false,
        customer: src.customer(),
        service: service(p, src),
        indefinite: false,
        requested_notice: false,
        as_of: src.date(),
    };
    let first = match buyout(&req) {
        Ok(o) => {
            let r = &o.result;
            assert!(r.total >= Decimal::ZERO, "negative buyout {}", r.total);
            assert!(r.total_incl_vat >= r.total);
            Some(r.total)
        }
        Err(e) => {
            check_error(&e);
            None
        }
    };
    let req2 = BuyoutRequest {
        leaving_day: l2,
        ..req.clone()
    };
    match buyout(&req2) {
        Ok(o) => {
            if let Some(a) = first {
                assert!(
                    o.result.total <= a,
                    "leaving {l1} costs {a}, leaving later {l2} costs {}",
                    o.result.total
                );
            }
        }
        Err(e) => check_error(&e),
    }
}

fn exercise_liability(p: &Provider, src: &mut Src) {
    let event = if src.flag() { Some(src.date()) } else { None };
    let known = match event {
        Some(e) if src.flag() => Some(src.after(e, 1000)),
        _ => None,
    };
    let damage = src.amount();
    let gross = src.byte().is_multiple_of(8);
    let req = LiabilityRequest {
        provider: p,
        damage,
        kind: if src.flag() {
            Some(src.pick(&DamageKind::ALL))
        } else {
            None
        },
        event_date: event,
        known_date: known,
        monthly: src.opt_amount(),
        fees_paid: src.opt_amount(),
        paid_this_year: src.opt_amount(),
        last_invoice: src.opt_amount(),
        insurer_payout: src.opt_amount(),
        order_value: src.opt_amount(),
        term_months: src.term(),
        series: src.flag(),
        customer: src.customer(),
        gross_negligence: gross,
        as_of: src.date(),
        no_invoice_paid: src.flag(),
    };
    match liability(&req) {
        Ok(o) => {
            let r = &o.result;
            assert!(r.recoverable >= Decimal::ZERO);
            assert!(
                r.recoverable <= damage,
                "recoverable {} > damage {damage}",
                r.recoverable
            );
            if let Some(c) = r.ceiling {
                assert!(
                    r.recoverable <= c,
                    "recoverable {} > ceiling {c}",
                    r.recoverable
                );
            }
            if r.excluded {
                assert!(r.recoverable.is_zero());
            }
        }
        Err(e) => check_error(&e),
    }
}

fn exercise_collection(p: Option<&Provider>, src: &mut Src) {
    let n = src.below(4);
    let principals: Vec<Decimal> = (0..n).map(|_| src.amount()).collect();
    let (letter_date, letter_sent) = match src.byte() % 4 {
        0 => (None, None),
        1 => (Some(src.date()), None),
        2 => (None, Some(src.date())),
        _ => (Some(src.date()), Some(src.date())),
    };
    let req = CollectionRequest {
        principals: principals.clone().into(),
        customer: src.customer(),
        provider: p,
        vat: src.flag(),
        letter_date,
        letter_sent,
        default_date: if src.flag() { Some(src.date()) } else { None },
        as_of: src.date(),
        due: if src.flag() { Some(src.date()) } else { None },
        demand: if src.flag() { Some(src.date()) } else { None },
    };
    let first = match collection_costs(&req) {
        Ok(o) => {
            let r = &o.result;
            if r.letter_valid == Some(false) {
                // No valid 14-day letter (BW 6:96 lid 6): nothing is charged.
                assert!(r.total.is_zero(), "invalid letter, costs {}", r.total);
            } else if r.customer == CustomerType::Consumer {
                assert!(
                    r.costs >= Decimal::new(40, 0) && r.costs <= Decimal::new(6775, 0),
                    "consumer costs {}",
                    r.costs
                );
            }
            assert!(r.total >= r.costs);
            Some(r.costs)
        }
        Err(e) => {
            check_error(&e);
            None
        }
    };
    // One more euro on the first claim never lowers the costs.
    if let (Some(a), Some(first_principal)) = (first, principals.first()) {
        let mut more = principals.clone();
        more[0] = *first_principal + Decimal::new(src.u32() as i64 % 100_000_000, 2);
        let req2 = CollectionRequest {
            principals: more.into(),
            ..req.clone()
        };
        match collection_costs(&req2) {
            Ok(o) => assert!(
                o.result.costs >= a,
                "costs fell from {a} to {}",
                o.result.costs
            ),
            Err(e) => check_error(&e),
        }
    }
}

/// Interest on one rate table: the fast path and the full computation.
pub fn exercise_table(table: &RateTable, src: &mut Src) {
    let due = src.date();
    let first_day = match add_days(due, 1) {
        Some(d) if d <= last_day() => d,
        _ => return,
    };
    let principal = src.amount().max(Decimal::new(1, 2));
    let day_count = if src.flag() {
        DayCount::ActAct
    } else {
        DayCount::Act365
    };
    let basis = match src.byte() % 3 {
        0 => RateBasis::Statutory(table),
        1 => RateBasis::Fixed(Decimal::new(i64::from(src.u32() % 9_999) + 1, 2)),
        _ => RateBasis::PerMonthOrPart {
            percent: Decimal::new(i64::from(src.u32() % 999) + 1, 2),
            floor: if src.flag() { Some(table) } else { None },
        },
    };
    let m = Method {
        basis,
        compound: src.flag(),
        day_count,
    };
    let u1 = if src.byte().is_multiple_of(4) {
        // On or before the due date: no interest.
        add_days(due, -(src.below(400) as i64)).unwrap_or(due)
    } else {
        src.after(due, 12_000)
    };
    let u2 = src.after(u1, 3_000);
    let a = claim_interest(principal, first_day, u1, &m);
    let b = claim_interest(principal, first_day, u2, &m);
    match (&a, &b) {
        (Ok(a), Ok(b)) => {
            assert!(*a >= Decimal::ZERO);
            assert!(
                b >= a,
                "interest fell from {a} (until {u1}) to {b} (until {u2})"
            );
            if u1 <= due {
                assert!(
                    a.is_zero(),
                    "interest {a} for until {u1} on or before due {due}"
                );
            }
        }
        _ => {
            if let Err(e) = &a {
                check_error(e);
            }
            if let Err(e) = &b {
                check_error(e);
            }
        }
    }

    // The full computation, with several claims and payments.
    let n = 1 + src.below(3);
    let claims: Vec<Claim> = (0..n)
        .filter_map(|_| {
            let due = src.after(due, 2000);
            Some(Claim {
                principal: src.amount(),
                due,
                first_day: add_days(due, 1 + src.below(30) as i64).filter(|d| *d <= last_day())?,
            })
        })
        .collect();
    if claims.is_empty() {
        return;
    }
    let payments: Vec<Payment> = (0..src.below(4))
        .map(|_| Payment {
            date: src.after(due, 4000),
            amount: src.amount(),
            claim: if src.flag() {
                Some(src.below(n + 1))
            } else {
                None
            },
        })
        .collect();
    let kind = table.kind;
    let rate = if matches!(m.basis, RateBasis::Statutory(_)) {
        statutory_choice(
            table,
            Some((Citation::convention("fuzz"), String::new(), None)),
            claims.iter().map(|c| c.first_day).min(),
        )
    } else {
        let mut r = statutory_choice(
            table,
            Some((Citation::convention("fuzz"), String::new(), None)),
            None,
        );
        r.basis = m.basis;
        r.compound = m.compound;
        r
    };
    let _ = kind;
    let input = ComputeInput {
        start_reasons: vec![],
        claims: claims.clone(),
        payments,
        until: u2,
        costs: if src.flag() {
            src.amount()
        } else {
            Decimal::ZERO
        },
        costs_from: None,
        rate,
        day_count,
        spread: if src.flag() {
            Spread::PerClaim
        } else {
            Spread::InterestFirst
        },
        honour_designation: src.flag(),
        allocation_reason: Some((Citation::convention("fuzz"), String::new())),
        verified_through: if src.flag() { Some(src.date()) } else { None },
        strict: src.flag(),
        claim_field: "claim",
        preamble: Trace::new(),
    };
    match compute(input, true) {
        Ok(o) => {
            let r = &o.result;
            assert!(
                r.interest >= Decimal::ZERO,
                "negative interest {}",
                r.interest
            );
            assert!(
                r.outstanding >= Decimal::ZERO,
                "negative outstanding {}",
                r.outstanding
            );
            assert!(r.surplus >= Decimal::ZERO);
            if claims.iter().all(|c| u2 < c.first_day) {
                assert!(
                    r.interest.is_zero(),
                    "interest {} before any first day",
                    r.interest
                );
            }
        }
        Err(e) => check_error(&e),
    }
}
