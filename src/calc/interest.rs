//! Late-payment interest (vertragingsrente): statutory (art. 6:119 / 6:119a BW), an agreed yearly
//! rate, or a provider's "percentage per month or part of a month" clause; with several claims,
//! partial payments and yearly compounding.
//!
//! The core is [`Engine`]: it walks each claim's interest days once, splitting at rate changes,
//! anniversaries and payment dates, and hands every sub-period to a [`Sink`]. The fast path
//! ([`claim_interest`]) uses the no-op sink `()`, so it builds no strings and no lists; the full
//! path ([`compute`]) collects the periods and builds the steps afterwards. Both run the same
//! arithmetic, so their results are identical to the cent.
//!
//! Conventions (issue 3, each named in a step):
//! a. interest runs from the first interest day (normally the day after the due date) through
//!    the until date, both inclusive;
//! b. sub-periods split at every rate change and every anniversary of the first interest day
//!    (29 February falls on 28 February in other years) and at every payment date;
//! c. a sub-period's interest is base × yearly rate × days / 365, rounded half away from zero to
//!    cents; with act/act the divisor is the length of the current compounding year (365/366);
//! d. statutory interest compounds at each anniversary (6:119 lid 2, 6:119a lid 3); an agreed
//!    rate is simple unless its clause says otherwise;
//! e. a payment on day P: interest runs through P on the old base; then the payment goes to
//!    costs, interest not yet added to the base, then the base (6:44); several claims: oldest due
//!    first unless the payment names a claim; a surplus is reported.

use crate::calendar::{add_days, add_months};
use crate::error::{Error, Result};
use crate::law::rates::{RateKind, RateTable};
use crate::law::BW;
use crate::money::{fmt_amount, round_cents, ser_amount};
use crate::report::{Citation, Detail, Outcome, Tabular, Trace, Value};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;
use std::borrow::Cow;

/// The names of conventions a–e as the steps cite them (docs/interest.md lists them).
pub const CONV_A: &str = "a. interest period, both ends inclusive";
pub const CONV_B: &str = "b. sub-periods at rate changes, anniversaries and payments";
pub const CONV_C: &str = "c. day count and rounding per sub-period";
pub const CONV_D: &str = "d. compounding";
pub const CONV_E: &str = "e. payments: interest through the payment day, then 6:44 order";

/// How days are turned into a fraction of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DayCount {
    /// Actual days / 365, also in leap years (the common practice; the default).
    #[serde(rename = "act/365")]
    Act365,
    /// Actual days / the length of the current compounding year (365 or 366).
    #[serde(rename = "act/act")]
    ActAct,
}

impl DayCount {
    pub fn as_str(self) -> &'static str {
        match self {
            DayCount::Act365 => "act/365",
            DayCount::ActAct => "act/act",
        }
    }
}

impl std::str::FromStr for DayCount {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        crate::error::keyword(
            s,
            &[
                ("act/365", DayCount::Act365),
                ("act365", DayCount::Act365),
                ("act/act", DayCount::ActAct),
                ("actact", DayCount::ActAct),
            ],
        )
        .ok_or_else(|| {
            format!(
                "'{}' is not a day count: use act/365 or act/act",
                crate::error::echo(s)
            )
        })
    }
}

/// Parses an agreed rate (field `rate`): a percentage above 0 and below 100, e.g. `8.15`.
pub fn parse_percent(s: &str) -> std::result::Result<Decimal, String> {
    let shown = crate::error::echo(s);
    let v = crate::money::parse_decimal(s)?;
    if v.is_zero() || v >= Decimal::ONE_HUNDRED {
        return Err(format!(
            "'{shown}' is not a usable rate: use a percentage above 0 and below 100, e.g. 8.15"
        ));
    }
    Ok(v)
}

/// Parses one claim (field `claim`): `AMOUNT@DATE` (the amount above 0, the due date).
pub fn parse_claim(s: &str) -> std::result::Result<(Decimal, NaiveDate), String> {
    let shown = crate::error::echo(s);
    let (a, d) = s.split_once('@').ok_or_else(|| {
        format!("'{shown}' is not a claim: use AMOUNT@DATE, e.g. 500.00@2025-01-31")
    })?;
    let amount = crate::money::parse_positive(a)?;
    let date = crate::calendar::parse_date(d)?;
    Ok((amount, date))
}

/// Parses one payment (field `payment`): `DATE=AMOUNT` or `DATE=AMOUNT@N`, N the 1-based claim
/// number (returned 0-based).
pub fn parse_payment(s: &str) -> std::result::Result<(NaiveDate, Decimal, Option<usize>), String> {
    let shown = crate::error::echo(s);
    let (d, rest) = s.split_once('=').ok_or_else(|| {
        format!("'{shown}' is not a payment: use DATE=AMOUNT or DATE=AMOUNT@N, e.g. 2025-06-30=400")
    })?;
    let date = crate::calendar::parse_date(d)?;
    let (a, n) = match rest.split_once('@') {
        Some((a, n)) => {
            let n: usize = n.trim().parse().ok().filter(|&n| n >= 1).ok_or_else(|| {
                format!(
                    "'{}' is not a claim number: use 1 for the first claim",
                    crate::error::echo(n)
                )
            })?;
            (a, Some(n - 1))
        }
        None => (rest, None),
    };
    Ok((date, crate::money::parse_positive(a)?, n))
}

/// Where the rate comes from.
#[derive(Debug, Clone, Copy)]
pub enum RateBasis<'a> {
    /// A statutory table: art. 6:119 or 6:119a BW.
    Statutory(&'a RateTable),
    /// An agreed rate in percent per year (a monthly rate is passed as 12 × the monthly rate).
    Fixed(Decimal),
    /// A percentage for every month or part of a month begun, months counted from the first
    /// interest day; `floor`: a statutory table whose interest is owed instead where higher.
    PerMonthOrPart {
        percent: Decimal,
        floor: Option<&'a RateTable>,
    },
}

/// How the interest is computed (everything but the amounts and dates).
#[derive(Debug, Clone, Copy)]
pub struct Method<'a> {
    pub basis: RateBasis<'a>,
    /// Capitalise unpaid interest at each anniversary of the first interest day.
    pub compound: bool,
    pub day_count: DayCount,
}

/// One claim (invoice): the amount, the last day to pay, and the first day interest runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Claim {
    #[serde(serialize_with = "ser_amount")]
    pub principal: Decimal,
    pub due: NaiveDate,
    /// Normally `due + 1`; a provider clause may move it (e.g. after a reminder).
    pub first_day: NaiveDate,
}

/// A payment received on `date` (counted as paid that day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payment {
    pub date: NaiveDate,
    pub amount: Decimal,
    /// The claim the payment names (0-based), if any.
    pub claim: Option<usize>,
}

/// The order in which a payment is spread over several claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Spread {
    /// Claim by claim (oldest due first): each claim's interest, then its base (6:43, 6:44 BW).
    PerClaim,
    /// First the interest of all claims, then the bases oldest first (a provider clause).
    InterestFirst,
}

/// The unit of a period's rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    Year,
    Month,
}

/// One sub-period of one claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// 1-based claim number.
    pub claim: usize,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: i64,
    /// Percent per year, or per month for a per-month clause (`per`).
    #[serde(serialize_with = "crate::law::rates::ser_rate")]
    pub rate: Decimal,
    pub per: Per,
    #[serde(serialize_with = "ser_amount")]
    pub base: Decimal,
    #[serde(serialize_with = "ser_amount")]
    pub interest: Decimal,
    /// 365 or 366 (act/act); 0 for a per-month charge.
    pub divisor: i64,
    /// A per-month period where the statutory floor was higher and applied instead.
    pub floor_applied: bool,
}

/// Unpaid interest of a full year added to the base at an anniversary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Capitalisation {
    pub claim: usize,
    /// The anniversary: the first day the larger base bears interest.
    pub date: NaiveDate,
    #[serde(serialize_with = "ser_amount")]
    pub amount: Decimal,
    #[serde(serialize_with = "ser_amount")]
    pub new_base: Decimal,
}

/// What one payment paid off in one claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AllocationPart {
    pub claim: usize,
    /// Interest not yet added to the base.
    #[serde(serialize_with = "ser_amount")]
    pub interest: Decimal,
    /// Interest earlier added to the base (capitalised).
    #[serde(serialize_with = "ser_amount")]
    pub capitalised_interest: Decimal,
    #[serde(serialize_with = "ser_amount")]
    pub principal: Decimal,
}

/// How one payment was applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Allocation {
    pub date: NaiveDate,
    #[serde(serialize_with = "ser_amount")]
    pub amount: Decimal,
    /// The claim the payment named (1-based), if any.
    pub named_claim: Option<usize>,
    /// Whether the named claim was honoured (a provider clause may override it).
    pub designation_honoured: bool,
    #[serde(serialize_with = "ser_amount")]
    pub to_costs: Decimal,
    #[serde(serialize_with = "ser_amount")]
    pub to_interest: Decimal,
    #[serde(serialize_with = "ser_amount")]
    pub to_principal: Decimal,
    #[serde(serialize_with = "ser_amount")]
    pub surplus: Decimal,
    pub parts: Vec<AllocationPart>,
}

/// Receives the sub-periods and capitalisations as the engine produces them.
pub trait Sink {
    fn period(&mut self, _p: &Period) {}
    fn capitalised(&mut self, _c: &Capitalisation) {}
    /// Whether [`Sink::period`] wants every sub-period; when not, the engine builds none and
    /// reports only the last day of a run of sub-periods ([`Sink::reached`]).
    fn keeps_periods(&self) -> bool {
        true
    }
    /// The last day of a run of sub-periods whose `Period`s were not built.
    fn reached(&mut self, _last_day: NaiveDate) {}
}

/// The fast path: nothing is kept.
impl Sink for () {
    fn keeps_periods(&self) -> bool {
        false
    }
}

/// Keeps everything, for display; or, with `keep` off (no trace), only the last interest day
/// (for the rate table's coverage), so that memory does not grow with claims × payments.
#[derive(Debug, Default)]
pub struct Collect {
    pub keep: bool,
    pub periods: Vec<Period>,
    pub capitalisations: Vec<Capitalisation>,
    /// The last day of any sub-period (the latest day that bore interest).
    pub last_day: Option<NaiveDate>,
}

impl Collect {
    /// A sink that keeps the periods and capitalisations when `keep`.
    pub fn new(keep: bool) -> Self {
        Collect {
            keep,
            ..Self::default()
        }
    }
}

impl Sink for Collect {
    fn period(&mut self, p: &Period) {
        if self.last_day.is_none_or(|d| p.to > d) {
            self.last_day = Some(p.to);
        }
        if self.keep {
            self.periods.push(*p);
        }
    }
    fn capitalised(&mut self, c: &Capitalisation) {
        if self.keep {
            self.capitalisations.push(*c);
        }
    }
    fn keeps_periods(&self) -> bool {
        self.keep
    }
    fn reached(&mut self, last_day: NaiveDate) {
        if self.last_day.is_none_or(|d| last_day > d) {
            self.last_day = Some(last_day);
        }
    }
}

fn overflow() -> Error {
    Error::input("the amounts grow too large to compute: use smaller amounts or a shorter period")
}

fn add(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_add(b).ok_or_else(overflow)
}

fn day_after(d: NaiveDate) -> Result<NaiveDate> {
    add_days(d, 1).ok_or_else(|| Error::input(format!("{d} is too late a date to compute with")))
}

fn day_before(d: NaiveDate) -> Result<NaiveDate> {
    add_days(d, -1).ok_or_else(|| Error::input(format!("{d} is too early a date to compute with")))
}

/// The k-th anniversary of `first`: same day k years later, 29 February → 28 February.
fn anniversary(first: NaiveDate, k: u32) -> Result<NaiveDate> {
    let months = i32::try_from(k)
        .ok()
        .and_then(|k| k.checked_mul(12))
        .ok_or_else(overflow)?;
    add_months(first, months)
        .ok_or_else(|| Error::input(format!("{first} plus {k} years is out of range")))
}

/// base × rate% × days / divisor, rounded half away from zero to cents.
///
/// Computed in integers where that is exact, and by `Decimal` division otherwise; both give the
/// same cents. In cents the interest is the fraction N / D with N = base in cents × the rate's
/// digits × days and D = divisor × 10^(rate's decimals + 2); integer division rounds it exactly.
/// `Decimal` computes N exactly while it fits its 96 bits and the quotient to 28 significant
/// digits: for N below 10^26 (a period's interest far above any real amount) its error is far
/// less than 1 / (2 D), the least distance between a fraction with denominator D and a half
/// cent that it does not hit, so it rounds to the same cent. Beyond that bound, or for a base
/// with more than two decimals, the `Decimal` division decides (and reports an overflow).
fn period_interest(base: Decimal, rate: Decimal, days: i64, divisor: i64) -> Result<Decimal> {
    if let Some(cents) = period_interest_cents(base, rate, days, divisor) {
        return Ok(Decimal::from_i128_with_scale(cents, 2));
    }
    period_interest_decimal(base, rate, days, divisor)
}

/// [`period_interest`] by `Decimal` division: the reference computation.
fn period_interest_decimal(
    base: Decimal,
    rate: Decimal,
    days: i64,
    divisor: i64,
) -> Result<Decimal> {
    let num = base
        .checked_mul(rate)
        .and_then(|v| v.checked_mul(Decimal::from(days)))
        .ok_or_else(overflow)?;
    let den = Decimal::from(divisor)
        .checked_mul(Decimal::ONE_HUNDRED)
        .ok_or_else(overflow)?;
    num.checked_div(den).map(round_cents).ok_or_else(overflow)
}

/// [`period_interest`] in integer cents; `None` outside the range where it is exact (see there).
fn period_interest_cents(base: Decimal, rate: Decimal, days: i64, divisor: i64) -> Option<i128> {
    let bs = base.scale();
    if bs > 2 {
        return None;
    }
    let base_cents = base.mantissa().checked_mul(POW10[(2 - bs) as usize])?;
    period_interest_cents_of(base_cents, rate, days, divisor)
}

/// [`period_interest_cents`] of a base given in cents.
fn period_interest_cents_of(
    base_cents: i128,
    rate: Decimal,
    days: i64,
    divisor: i64,
) -> Option<i128> {
    const LIMIT: i128 = 100_000_000_000_000_000_000_000_000; // 10^26
    let rs = rate.scale();
    if rs > 10 || days < 0 || divisor <= 0 {
        return None;
    }
    let n = base_cents
        .checked_mul(rate.mantissa())?
        .checked_mul(i128::from(days))?;
    if n.unsigned_abs() >= LIMIT as u128 {
        return None;
    }
    let d = i128::from(divisor).checked_mul(POW10[rs as usize + 2])?;
    Some(div_round_half_away(n, d))
}

const POW10: [i128; 13] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
    10_000_000_000,
    100_000_000_000,
    1_000_000_000_000,
];

/// n / d (d > 0) rounded half away from zero; 64-bit division where both fit (much cheaper).
fn div_round_half_away(n: i128, d: i128) -> i128 {
    let (neg, a) = (n < 0, n.unsigned_abs());
    let d = d.unsigned_abs();
    let q = match (u64::try_from(a), u64::try_from(d)) {
        (Ok(a), Ok(d)) if a <= (u64::MAX - d) / 2 => u128::from((2 * a + d) / (2 * d)),
        _ => (2 * a + d) / (2 * d),
    };
    // q <= |n| < 10^26: fits i128.
    let q = q as i128;
    if neg {
        -q
    } else {
        q
    }
}

/// The running state of one claim.
#[derive(Debug, Clone, Copy)]
pub struct ClaimState {
    /// 1-based claim number (for periods).
    pub number: usize,
    pub first_day: NaiveDate,
    /// The next day not yet accrued.
    next: NaiveDate,
    /// Start of the current compounding year, its end + 1 (the next anniversary) and its number.
    year_start: NaiveDate,
    next_anniversary: NaiveDate,
    years: u32,
    /// Per-month clauses: first day of the next month to charge, and its number.
    next_month: NaiveDate,
    months: u32,
    pub principal_left: Decimal,
    pub capitalised_left: Decimal,
    /// Interest accrued and not yet capitalised nor paid.
    pub accrued: Decimal,
    /// All interest accrued (never reduced by payments).
    pub total_interest: Decimal,
}

impl ClaimState {
    pub fn new(number: usize, claim: &Claim) -> Result<Self> {
        Ok(ClaimState {
            number,
            first_day: claim.first_day,
            next: claim.first_day,
            year_start: claim.first_day,
            next_anniversary: anniversary(claim.first_day, 1)?,
            years: 1,
            next_month: claim.first_day,
            months: 0,
            principal_left: claim.principal,
            capitalised_left: Decimal::ZERO,
            accrued: Decimal::ZERO,
            total_interest: Decimal::ZERO,
        })
    }

    /// The base interest is computed on: unpaid principal plus unpaid capitalised interest.
    pub fn base(&self) -> Decimal {
        // Saturates instead of panicking; the next multiplication then reports the overflow.
        self.principal_left
            .checked_add(self.capitalised_left)
            .unwrap_or(Decimal::MAX)
    }

    /// Everything still owed on this claim.
    pub fn owed(&self) -> Decimal {
        self.base()
            .checked_add(self.accrued)
            .unwrap_or(Decimal::MAX)
    }

    /// Accrues interest for every day from the next day not yet accrued through `to`
    /// inclusive. `until` is the last day of the whole calculation (per-month periods are shown
    /// up to it).
    pub fn advance<S: Sink>(
        &mut self,
        to: NaiveDate,
        until: NaiveDate,
        m: &Method<'_>,
        sink: &mut S,
    ) -> Result<()> {
        if let RateBasis::PerMonthOrPart { percent, floor } = m.basis {
            return self.advance_months(to, until, percent, floor, m.day_count, sink);
        }
        if self.next > to {
            return Ok(());
        }
        if let Some(cents) = self.cents() {
            let known = match m.basis {
                RateBasis::Statutory(table) => table.first_day().is_some_and(|f| f <= self.next),
                _ => true,
            };
            if known {
                return self.advance_years_cents(cents, to, m, sink);
            }
        }
        self.advance_years(to, m, sink)
    }

    /// The amounts in whole cents: principal left, capitalised left, accrued, total interest;
    /// `None` where one has more than two decimals (then `Decimal` does the walk).
    fn cents(&self) -> Option<[i128; 4]> {
        let c = |d: Decimal| -> Option<i128> {
            let s = d.scale();
            (s <= 2).then(|| d.mantissa() * POW10[(2 - s) as usize])
        };
        Some([
            c(self.principal_left)?,
            c(self.capitalised_left)?,
            c(self.accrued)?,
            c(self.total_interest)?,
        ])
    }

    /// [`ClaimState::advance`] for a yearly rate, on day numbers and whole cents: the same walk
    /// as [`ClaimState::advance_years`] (which it must equal to the cent; see
    /// [`period_interest`] for why the integer arithmetic rounds the same), without a date or a
    /// `Decimal` per sub-period. `Period`s are built only for a sink that keeps them.
    fn advance_years_cents<S: Sink>(
        &mut self,
        cents: [i128; 4],
        to: NaiveDate,
        m: &Method<'_>,
        sink: &mut S,
    ) -> Result<()> {
        let [principal, mut capitalised, mut accrued, mut total] = cents;
        let day = |d: NaiveDate| d.num_days_from_ce();
        let date = |n: i32| NaiveDate::from_num_days_from_ce_opt(n).ok_or_else(overflow);
        let cents_to_decimal =
            |c: i128| Decimal::try_from_i128_with_scale(c, 2).map_err(|_| overflow());
        // The largest amount `Decimal` holds, in cents: beyond it `add` reports an overflow.
        let max = Decimal::MAX.mantissa() * 100;
        let to_n = day(to);
        let mut next = day(self.next);
        let mut anniversary_n = day(self.next_anniversary);
        let mut year_start_n = day(self.year_start);
        let keeps = sink.keeps_periods();
        let mut last_end: Option<i32> = None;
        // The rate row in force on `next` (rates only move forward in time).
        let rows = match m.basis {
            RateBasis::Statutory(table) => &table.rows[..],
            _ => &[],
        };
        let mut idx = rows
            .partition_point(|r| day(r.from) <= next)
            .saturating_sub(1);
        let result = loop {
            if next > to_n {
                break Ok(());
            }
            if next == anniversary_n {
                // Convention d: the year is over; its unpaid interest joins the base.
                if m.compound && accrued != 0 {
                    capitalised += accrued;
                    if capitalised.abs() > max {
                        break Err(overflow());
                    }
                    let amount = accrued;
                    accrued = 0;
                    sink.capitalised(&Capitalisation {
                        claim: self.number,
                        date: self.next_anniversary,
                        amount: cents_to_decimal(amount)?,
                        new_base: cents_to_decimal(principal + capitalised)?,
                    });
                }
                self.year_start = self.next_anniversary;
                self.years = self.years.checked_add(1).ok_or_else(overflow)?;
                self.next_anniversary = anniversary(self.first_day, self.years)?;
                year_start_n = anniversary_n;
                anniversary_n = day(self.next_anniversary);
            }
            let base = principal + capitalised;
            if base == 0 {
                // Nothing left to bear interest; interest accrued earlier is already paid
                // (payments reach the base only after the interest).
                next = match to_n.checked_add(1) {
                    Some(n) => n,
                    None => break Err(overflow()),
                };
                break Ok(());
            }
            let mut end = to_n.min(anniversary_n - 1);
            let rate = match m.basis {
                RateBasis::Statutory(_) => {
                    while idx + 1 < rows.len() && day(rows[idx + 1].from) <= next {
                        idx += 1;
                    }
                    if let Some(change) = rows.get(idx + 1) {
                        end = end.min(day(change.from) - 1);
                    }
                    rows[idx].rate
                }
                RateBasis::Fixed(r) => r,
                RateBasis::PerMonthOrPart { .. } => break Err(unreachable_basis().unwrap_err()),
            };
            let days = i64::from(end - next + 1);
            let divisor = match m.day_count {
                DayCount::Act365 => 365,
                DayCount::ActAct => i64::from(anniversary_n - year_start_n),
            };
            let interest = match period_interest_cents_of(base, rate, days, divisor) {
                Some(c) => c,
                None => {
                    let i = period_interest_decimal(cents_to_decimal(base)?, rate, days, divisor)?;
                    i.mantissa() * POW10[(2 - i.scale().min(2)) as usize]
                }
            };
            accrued += interest;
            total += interest;
            if accrued.abs() > max || total.abs() > max {
                break Err(overflow());
            }
            if keeps {
                sink.period(&Period {
                    claim: self.number,
                    from: date(next)?,
                    to: date(end)?,
                    days,
                    rate,
                    per: Per::Year,
                    base: cents_to_decimal(base)?,
                    interest: cents_to_decimal(interest)?,
                    divisor,
                    floor_applied: false,
                });
            }
            last_end = Some(end);
            next = end + 1;
        };
        if let Some(end) = last_end {
            sink.reached(date(end)?);
        }
        result?;
        self.next = date(next)?;
        self.capitalised_left = cents_to_decimal(capitalised)?;
        self.accrued = cents_to_decimal(accrued)?;
        self.total_interest = cents_to_decimal(total)?;
        Ok(())
    }

    /// [`ClaimState::advance`] for a yearly rate, in `Decimal`: for amounts with more than two
    /// decimals (which the command line does not accept) and days before the rate table.
    fn advance_years<S: Sink>(
        &mut self,
        to: NaiveDate,
        m: &Method<'_>,
        sink: &mut S,
    ) -> Result<()> {
        while self.next <= to {
            if self.next == self.next_anniversary {
                // Convention d: the year is over; its unpaid interest joins the base.
                if m.compound && !self.accrued.is_zero() {
                    let amount = self.accrued;
                    self.capitalised_left = add(self.capitalised_left, amount)?;
                    self.accrued = Decimal::ZERO;
                    sink.capitalised(&Capitalisation {
                        claim: self.number,
                        date: self.next,
                        amount,
                        new_base: self.base(),
                    });
                }
                self.year_start = self.next_anniversary;
                self.years = self.years.checked_add(1).ok_or_else(overflow)?;
                self.next_anniversary = anniversary(self.first_day, self.years)?;
            }
            let base = self.base();
            if base.is_zero() {
                // Nothing left to bear interest; interest accrued earlier is already paid
                // (payments reach the base only after the interest).
                self.next = day_after(to)?;
                return Ok(());
            }
            let mut end = to.min(day_before(self.next_anniversary)?);
            let rate = match m.basis {
                RateBasis::Statutory(table) => {
                    if let Some(change) = table.next_change_after(self.next) {
                        end = end.min(day_before(change)?);
                    }
                    table.rate_on(self.next).ok_or_else(|| {
                        Error::input(format!(
                            "no {} rate (art. {} BW) is known for {}: the table starts on {}",
                            table.kind.dutch_name(),
                            table.kind.article(),
                            self.next,
                            table.first_day().map(|d| d.to_string()).unwrap_or_default()
                        ))
                    })?
                }
                RateBasis::Fixed(r) => r,
                RateBasis::PerMonthOrPart { .. } => unreachable_basis()?,
            };
            let days = (end - self.next).num_days() + 1;
            let divisor = match m.day_count {
                DayCount::Act365 => 365,
                DayCount::ActAct => (self.next_anniversary - self.year_start).num_days(),
            };
            let interest = period_interest(base, rate, days, divisor)?;
            self.accrued = add(self.accrued, interest)?;
            self.total_interest = add(self.total_interest, interest)?;
            sink.period(&Period {
                claim: self.number,
                from: self.next,
                to: end,
                days,
                rate,
                per: Per::Year,
                base,
                interest,
                divisor,
                floor_applied: false,
            });
            self.next = day_after(end)?;
        }
        Ok(())
    }

    /// "A percentage per month or part of a month": every month begun (months counted from the
    /// first interest day) costs the full percentage of the base owed when the month begins.
    fn advance_months<S: Sink>(
        &mut self,
        to: NaiveDate,
        until: NaiveDate,
        percent: Decimal,
        floor: Option<&RateTable>,
        day_count: DayCount,
        sink: &mut S,
    ) -> Result<()> {
        while self.next <= to {
            if self.next == self.next_month {
                self.months = self.months.checked_add(1).ok_or_else(overflow)?;
                let month_end = day_before(anniversary_months(self.first_day, self.months)?)?;
                self.next_month = day_after(month_end)?;
                let base = self.base();
                if !base.is_zero() {
                    let shown_to = month_end.min(until);
                    let days = (shown_to - self.next).num_days() + 1;
                    let contractual = round_cents(
                        base.checked_mul(percent).ok_or_else(overflow)? / Decimal::ONE_HUNDRED,
                    );
                    let mut interest = contractual;
                    let mut floor_applied = false;
                    if let Some(table) = floor {
                        let statutory =
                            simple_statutory(table, base, self.next, shown_to, day_count)?;
                        if statutory > contractual {
                            interest = statutory;
                            floor_applied = true;
                        }
                    }
                    self.accrued = add(self.accrued, interest)?;
                    self.total_interest = add(self.total_interest, interest)?;
                    sink.period(&Period {
                        claim: self.number,
                        from: self.next,
                        to: shown_to,
                        days,
                        rate: percent,
                        per: Per::Month,
                        base,
                        interest,
                        divisor: 0,
                        floor_applied,
                    });
                }
            }
            let month_end = day_before(self.next_month)?;
            self.next = day_after(to.min(month_end))?;
        }
        Ok(())
    }
}

fn anniversary_months(first: NaiveDate, months: u32) -> Result<NaiveDate> {
    let m = i32::try_from(months).map_err(|_| overflow())?;
    add_months(first, m).ok_or_else(overflow)
}

fn unreachable_basis() -> Result<Decimal> {
    Err(Error::input("internal: per-month basis in the yearly loop"))
}

/// Simple statutory interest over `from..=to` (split at rate changes), for the floor of a
/// per-month clause. Act/365, or the calendar year's length under act/act.
pub fn simple_statutory(
    table: &RateTable,
    base: Decimal,
    from: NaiveDate,
    to: NaiveDate,
    day_count: DayCount,
) -> Result<Decimal> {
    let mut total = Decimal::ZERO;
    let mut next = from;
    while next <= to {
        let Some(rate) = table.rate_on(next) else {
            // No statutory rate known yet: no floor for these days.
            next = match table.first_day() {
                Some(d) if d > next => d,
                _ => day_after(to)?,
            };
            continue;
        };
        let mut end = to;
        if let Some(change) = table.next_change_after(next) {
            end = end.min(day_before(change)?);
        }
        let divisor = match day_count {
            DayCount::Act365 => 365,
            DayCount::ActAct => {
                i64::from(crate::calendar::days_in_year(chrono::Datelike::year(&next)))
            }
        };
        let days = (end - next).num_days() + 1;
        total = add(total, period_interest(base, rate, days, divisor)?)?;
        next = day_after(end)?;
    }
    Ok(total)
}

/// Fast path: the interest on one claim without payments, from `first_day` through `until`
/// inclusive; zero when `until` is before the first interest day. No strings, no lists.
pub fn claim_interest(
    principal: Decimal,
    first_day: NaiveDate,
    until: NaiveDate,
    m: &Method<'_>,
) -> Result<Decimal> {
    if until < first_day {
        return Ok(Decimal::ZERO);
    }
    let claim = Claim {
        principal,
        due: day_before(first_day)?,
        first_day,
    };
    let mut st = ClaimState::new(1, &claim)?;
    st.advance(until, until, m, &mut ())?;
    Ok(st.total_interest)
}

/// Everything the engine needs.
#[derive(Debug, Clone)]
pub struct Engine<'a> {
    pub method: Method<'a>,
    pub claims: &'a [Claim],
    /// Sorted by date (stable: same-day payments in the order given).
    pub payments: &'a [Payment],
    pub until: NaiveDate,
    /// Costs (no interest), paid first by every payment from `costs_from` on (6:44 BW).
    pub costs: Decimal,
    /// The day the costs fell due; `None`: already owed before the first payment. A payment
    /// before this day goes to interest and principal only.
    pub costs_from: Option<NaiveDate>,
    pub spread: Spread,
    /// Whether a payment that names a claim goes to that claim first.
    pub honour_designation: bool,
}

/// The engine's figures.
#[derive(Debug, Clone)]
pub struct Totals {
    pub claims: Vec<ClaimState>,
    pub allocations: Vec<Allocation>,
    pub costs_left: Decimal,
}

impl Totals {
    pub fn interest(&self) -> Result<Decimal> {
        sum(self.claims.iter().map(|c| c.total_interest))
    }
    pub fn surplus(&self) -> Result<Decimal> {
        sum(self.allocations.iter().map(|a| a.surplus))
    }
}

/// A sum that reports overflow instead of panicking.
fn sum(mut values: impl Iterator<Item = Decimal>) -> Result<Decimal> {
    values.try_fold(Decimal::ZERO, add)
}

impl Engine<'_> {
    pub fn run<S: Sink>(&self, sink: &mut S) -> Result<Totals> {
        let mut states = self
            .claims
            .iter()
            .enumerate()
            .map(|(i, c)| ClaimState::new(i + 1, c))
            .collect::<Result<Vec<_>>>()?;
        // Oldest due first; ties keep the order given.
        let mut order: Vec<usize> = (0..self.claims.len()).collect();
        order.sort_by_key(|&i| self.claims[i].due);
        let mut costs_left = self.costs;
        let mut allocations = Vec::with_capacity(self.payments.len());
        for p in self.payments {
            // Convention e: interest runs through the payment day on the old base.
            for st in &mut states {
                st.advance(p.date, self.until, &self.method, sink)?;
            }
            allocations.push(self.allocate(p, &order, &mut states, &mut costs_left)?);
        }
        for st in &mut states {
            st.advance(self.until, self.until, &self.method, sink)?;
        }
        Ok(Totals {
            claims: states,
            allocations,
            costs_left,
        })
    }

    fn allocate(
        &self,
        p: &Payment,
        order: &[usize],
        states: &mut [ClaimState],
        costs_left: &mut Decimal,
    ) -> Result<Allocation> {
        let mut left = p.amount;
        let take = |owed: &mut Decimal, left: &mut Decimal| {
            let t = (*owed).min(*left);
            *owed -= t;
            *left -= t;
            t
        };
        // Costs not yet due cannot take a payment (6:44 applies to what is owed).
        let to_costs = if self.costs_from.is_none_or(|d| p.date >= d) {
            take(costs_left, &mut left)
        } else {
            Decimal::ZERO
        };
        let honoured = self.honour_designation && p.claim.is_some();
        let first = if honoured { p.claim } else { None };
        let seq: Vec<usize> = first
            .into_iter()
            .chain(order.iter().copied().filter(|&i| Some(i) != first))
            .collect();
        let mut parts: Vec<AllocationPart> = Vec::new();
        let part = |parts: &mut Vec<AllocationPart>, claim: usize| -> usize {
            if let Some(i) = parts.iter().position(|x| x.claim == claim) {
                i
            } else {
                parts.push(AllocationPart {
                    claim,
                    interest: Decimal::ZERO,
                    capitalised_interest: Decimal::ZERO,
                    principal: Decimal::ZERO,
                });
                parts.len() - 1
            }
        };
        match self.spread {
            Spread::PerClaim => {
                for &i in &seq {
                    if left.is_zero() {
                        break;
                    }
                    let st = &mut states[i];
                    let a = take(&mut st.accrued, &mut left);
                    let c = take(&mut st.capitalised_left, &mut left);
                    let pr = take(&mut st.principal_left, &mut left);
                    if !(a + c + pr).is_zero() {
                        let k = part(&mut parts, st.number);
                        parts[k].interest += a;
                        parts[k].capitalised_interest += c;
                        parts[k].principal += pr;
                    }
                }
            }
            Spread::InterestFirst => {
                for &i in &seq {
                    let st = &mut states[i];
                    let a = take(&mut st.accrued, &mut left);
                    let c = take(&mut st.capitalised_left, &mut left);
                    if !(a + c).is_zero() {
                        let k = part(&mut parts, st.number);
                        parts[k].interest += a;
                        parts[k].capitalised_interest += c;
                    }
                }
                for &i in &seq {
                    let st = &mut states[i];
                    let pr = take(&mut st.principal_left, &mut left);
                    if !pr.is_zero() {
                        let k = part(&mut parts, st.number);
                        parts[k].principal += pr;
                    }
                }
            }
        }
        let to_interest = parts
            .iter()
            .map(|x| x.interest + x.capitalised_interest)
            .sum();
        let to_principal = parts.iter().map(|x| x.principal).sum();
        Ok(Allocation {
            date: p.date,
            amount: p.amount,
            named_claim: p.claim.map(|c| c + 1),
            designation_honoured: honoured,
            to_costs,
            to_interest,
            to_principal,
            surplus: left,
            parts,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// The full calculation with steps.

/// Why a figure is what it is: (citation, text, the reading chosen where a clause is ambiguous).
pub type Reason = (Citation, String, Option<String>);

/// The rate as the user or provider file chose it, with its authority, for steps.
#[derive(Debug, Clone)]
pub struct RateChoice<'a> {
    pub basis: RateBasis<'a>,
    pub compound: bool,
    /// Why this rate; `None` when not tracing (no steps are shown).
    pub reason: Option<Reason>,
    /// Why compounding is on or off: (citation, text); `None` when not tracing.
    pub compounding_reason: Option<(Citation, String)>,
    /// A short description for the summary, e.g. "art. 6:119a BW (wettelijke handelsrente)".
    pub label: Cow<'static, str>,
}

/// What [`compute`] computes: the claims with their first interest days, the payments, the
/// rate and the allocation rules, and the reasons for the steps.
#[derive(Debug, Clone)]
pub struct ComputeInput<'a> {
    pub claims: Vec<Claim>,
    /// Why each claim's first interest day is what it is (may be empty when not tracing).
    pub start_reasons: Vec<Reason>,
    pub payments: Vec<Payment>,
    pub until: NaiveDate,
    pub costs: Decimal,
    /// The day the costs fell due (`None`: owed from the start).
    pub costs_from: Option<NaiveDate>,
    pub rate: RateChoice<'a>,
    pub day_count: DayCount,
    pub spread: Spread,
    pub honour_designation: bool,
    /// Why payments are spread as they are: (citation, text); `None` when not tracing.
    pub allocation_reason: Option<(Citation, String)>,
    /// The last day the rate table is known complete (statutory bases and floors).
    pub verified_through: Option<NaiveDate>,
    pub strict: bool,
    /// The input field that supplied the claims, named in messages: `due` (one claim),
    /// `claim` or `invoice-date`.
    pub claim_field: &'static str,
    /// Extra steps placed before the computation (e.g. a provider's payment term).
    pub preamble: Trace,
}

/// The answer of `termcalc interest`.
#[derive(Debug, Clone, Serialize)]
pub struct InterestResult {
    /// All interest accrued over the period (paid or not).
    #[serde(serialize_with = "ser_amount")]
    pub interest: Decimal,
    /// Principal + interest + costs − payments applied, on the until date.
    #[serde(serialize_with = "ser_amount")]
    pub outstanding: Decimal,
    /// The claims' principal amounts together.
    #[serde(serialize_with = "ser_amount")]
    pub principal: Decimal,
    #[serde(serialize_with = "ser_amount")]
    pub costs: Decimal,
    /// The day the costs fell due; `null`: owed before the first payment.
    pub costs_from: Option<NaiveDate>,
    #[serde(serialize_with = "ser_amount")]
    pub paid: Decimal,
    /// Payments beyond everything owed.
    #[serde(serialize_with = "ser_amount")]
    pub surplus: Decimal,
    #[serde(serialize_with = "ser_amount")]
    pub outstanding_principal: Decimal,
    /// Unpaid interest, capitalised or not.
    #[serde(serialize_with = "ser_amount")]
    pub outstanding_interest: Decimal,
    #[serde(serialize_with = "ser_amount")]
    pub outstanding_costs: Decimal,
    pub until: NaiveDate,
    pub rate_basis: Cow<'static, str>,
    pub compounding: bool,
    pub day_count: DayCount,
    pub claims: Vec<ClaimResult>,
    pub periods: Vec<Period>,
    pub capitalisations: Vec<Capitalisation>,
    pub allocations: Vec<Allocation>,
}

/// One claim's figures.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimResult {
    pub claim: usize,
    #[serde(serialize_with = "ser_amount")]
    pub principal: Decimal,
    pub due: NaiveDate,
    pub first_interest_day: NaiveDate,
    #[serde(serialize_with = "ser_amount")]
    pub interest: Decimal,
    #[serde(serialize_with = "ser_amount")]
    pub outstanding: Decimal,
}

fn rate_text(rate: Decimal, per: Per) -> String {
    match per {
        Per::Year => format!("{} %/yr", crate::law::rates::fmt_rate(rate)),
        Per::Month => format!("{} %/mo", crate::law::rates::fmt_rate(rate)),
    }
}

impl Tabular for InterestResult {
    fn visit_fields(&self, f: &mut dyn FnMut(&'static str, &'static str, Value<'_>)) {
        f("until", "Interest through", Value::Date(self.until));
        f("rate_basis", "Rate", Value::Text(&self.rate_basis));
        f(
            "day_count",
            "Day count",
            Value::Text(match (self.day_count, self.compounding) {
                (DayCount::Act365, true) => "act/365, compounded yearly",
                (DayCount::Act365, false) => "act/365, simple",
                (DayCount::ActAct, true) => "act/act, compounded yearly",
                (DayCount::ActAct, false) => "act/act, simple",
            }),
        );
        f("principal", "Principal", Value::Amount(self.principal));
        f("interest", "Interest", Value::Amount(self.interest));
        f("costs", "Costs", Value::Amount(self.costs));
        f("paid", "Paid", Value::Amount(self.paid));
        f("surplus", "Surplus (overpaid)", Value::Amount(self.surplus));
        f(
            "outstanding_principal",
            "Outstanding principal",
            Value::Amount(self.outstanding_principal),
        );
        f(
            "outstanding_interest",
            "Outstanding interest",
            Value::Amount(self.outstanding_interest),
        );
        f(
            "outstanding",
            "Outstanding",
            Value::Amount(self.outstanding),
        );
        f("claims", "Claims", Value::Count(self.claims.len() as u64));
    }

    fn details(&self) -> Vec<Detail> {
        let several = self.claims.len() > 1;
        let mut header: Vec<String> = Vec::new();
        if several {
            header.push("Claim".into());
        }
        header.extend(
            ["From", "To", "Days", "Rate", "Base", "Interest"]
                .iter()
                .map(|s| s.to_string()),
        );
        let rows = self
            .periods
            .iter()
            .map(|p| {
                let mut r = Vec::new();
                if several {
                    r.push(p.claim.to_string());
                }
                let mut rate = rate_text(p.rate, p.per);
                if p.floor_applied {
                    rate.push_str(" (floor)");
                }
                r.extend([
                    p.from.to_string(),
                    p.to.to_string(),
                    p.days.to_string(),
                    rate,
                    fmt_amount(p.base),
                    fmt_amount(p.interest),
                ]);
                r
            })
            .collect();
        let mut out = vec![Detail {
            title: "Interest periods (both dates inclusive)".into(),
            header,
            rows,
        }];
        if !self.allocations.is_empty() {
            out.push(Detail {
                title: "Payments".into(),
                header: [
                    "Date",
                    "Amount",
                    "Costs",
                    "Interest",
                    "Principal",
                    "Surplus",
                ]
                .iter()
                .map(|s| s.to_string())
                .collect(),
                rows: self
                    .allocations
                    .iter()
                    .map(|a| {
                        vec![
                            a.date.to_string(),
                            fmt_amount(a.amount),
                            fmt_amount(a.to_costs),
                            fmt_amount(a.to_interest),
                            fmt_amount(a.to_principal),
                            fmt_amount(a.surplus),
                        ]
                    })
                    .collect(),
            });
        }
        out
    }
}

fn step(t: &mut Trace, c: Citation, text: String, reading: Option<String>) {
    match reading {
        Some(r) => t.step_with_reading(c, text, r),
        None => t.step(c, text),
    }
}

/// Checks a request; every message names the field and says what is accepted.
pub fn validate(input: &ComputeInput<'_>) -> Result<()> {
    let field = input.claim_field;
    if input.claims.is_empty() {
        return Err(Error::field(
            "claim",
            "at least one claim is required: a principal with its due date, or claims as AMOUNT@DATE",
        ));
    }
    let several = input.claims.len() > 1;
    for (i, c) in input.claims.iter().enumerate() {
        let which = if several {
            format!("claim {}: ", i + 1)
        } else {
            String::new()
        };
        if c.principal <= Decimal::ZERO {
            return Err(Error::field(
                field,
                format!(
                    "{which}the amount {} must be more than 0",
                    fmt_amount(c.principal)
                ),
            ));
        }
        if c.principal > crate::money::MAX_AMOUNT {
            return Err(Error::field(
                field,
                format!("{which}the amount is too large"),
            ));
        }
        if c.due > input.until {
            return Err(Error::field(
                field,
                format!(
                    "{which}the due date {} is after the until date {}; use an until date on or after the due date",
                    c.due, input.until
                ),
            ));
        }
    }
    let earliest = input
        .claims
        .iter()
        .map(|c| c.due)
        .min()
        .unwrap_or(input.until);
    for p in &input.payments {
        if p.amount <= Decimal::ZERO {
            return Err(Error::field(
                "payment",
                format!(
                    "the payment on {}: the amount {} must be more than 0",
                    p.date,
                    fmt_amount(p.amount)
                ),
            ));
        }
        if p.date > input.until {
            return Err(Error::field(
                "payment",
                format!(
                    "the payment on {} is after the until date {}; payments must fall within the period, on or before the until date",
                    p.date, input.until
                ),
            ));
        }
        if p.date < earliest {
            return Err(Error::field(
                "payment",
                format!(
                    "the payment on {} is before the first due date {}; deduct earlier payments from the claim amount instead",
                    p.date, earliest
                ),
            ));
        }
        if let Some(c) = p.claim {
            if c >= input.claims.len() {
                return Err(Error::field(
                    "payment",
                    format!(
                        "the payment on {} names claim {} but there are {} claim(s); use DATE=AMOUNT@N with N from 1 to {}",
                        p.date,
                        c + 1,
                        input.claims.len(),
                        input.claims.len()
                    ),
                ));
            }
        }
    }
    if input.costs < Decimal::ZERO {
        return Err(Error::field("costs", "the amount must be 0 or more"));
    }
    Ok(())
}

/// Computes the interest; with `trace` the steps and the periods are kept, without it only the
/// running totals (memory does not grow with claims × payments) and the warnings.
pub fn compute(mut input: ComputeInput<'_>, trace: bool) -> Result<Outcome<InterestResult>> {
    validate(&input)?;
    // Stable: same-day payments in the order given.
    let payments: Cow<'_, [Payment]> = if input.payments.is_sorted_by_key(|p| p.date) {
        Cow::Borrowed(&input.payments)
    } else {
        let mut p = input.payments.clone();
        p.sort_by_key(|p| p.date);
        Cow::Owned(p)
    };
    let method = Method {
        basis: input.rate.basis,
        compound: input.rate.compound,
        day_count: input.day_count,
    };
    let mut t = std::mem::take(&mut input.preamble);
    let trace = trace && t.keeps_steps();

    // Coverage of the statutory table.
    let table = match input.rate.basis {
        RateBasis::Statutory(tab) => Some(tab),
        RateBasis::PerMonthOrPart { floor, .. } => floor,
        RateBasis::Fixed(_) => None,
    };
    if let Some(tab) = table {
        let first = input.claims.iter().map(|c| c.first_day).min();
        if let (RateBasis::Statutory(_), Some(first), Some(start)) =
            (input.rate.basis, first, tab.first_day())
        {
            if first < start && input.until >= first {
                return Err(Error::field(
                    input.claim_field,
                    format!(
                        "interest would start on {first}, but the {} table (art. {} BW) starts on {start}; no rate is known before it",
                        tab.kind.dutch_name(),
                        tab.kind.article()
                    ),
                ));
            }
        }
    }
    let coverage = table.zip(input.verified_through);

    if trace {
        // The rate and the compounding rule.
        if let Some((c, text, reading)) = input.rate.reason.clone() {
            step(&mut t, c, text, reading);
        }
        if let Some((c, text)) = input.rate.compounding_reason.clone() {
            t.step(c, text);
        }

        // Convention a, then per claim its first interest day.
        t.step(
            Citation::convention(CONV_A),
            "interest runs from the first interest day (normally the day after the due date) through the until date, both days included",
        );
        for (i, claim) in input.claims.iter().enumerate() {
            let (c, text, reading) = input.start_reasons.get(i).cloned().unwrap_or_else(|| {
                (
                    Citation::convention(CONV_A),
                    "interest starts on the day after the due date".to_string(),
                    None,
                )
            });
            let days = if input.until >= claim.first_day {
                (input.until - claim.first_day).num_days() + 1
            } else {
                0
            };
            let label = if input.claims.len() > 1 {
                format!("Claim {}: ", i + 1)
            } else {
                String::new()
            };
            step(
                &mut t,
                c,
                format!(
                    "{label}EUR {} due {}: {text}; interest runs from {} through {} inclusive ({days} days)",
                    fmt_amount(claim.principal),
                    claim.due,
                    claim.first_day,
                    input.until
                ),
                reading,
            );
        }
        match input.rate.basis {
            RateBasis::PerMonthOrPart { .. } => t.step(
                Citation::convention(CONV_B),
                "months are counted from the first interest day (a month ending on a shorter month's last day clamps to it); every month begun is charged in full on the base owed when it begins; a payment lowers the base from the next month",
            ),
            _ => {
                t.step(
                    Citation::convention(CONV_B),
                    "sub-periods end at every rate change, at every anniversary of the first interest day (29 February falls on 28 February in other years) and on every payment date",
                );
                t.step(
                    Citation::convention(CONV_C),
                    format!(
                        "each sub-period's interest is base × yearly rate × days / {}, rounded half away from zero to cents",
                        match input.day_count {
                            DayCount::Act365 => "365 (also in leap years)",
                            DayCount::ActAct =>
                                "the number of days of the current compounding year (365 or 366)",
                        }
                    ),
                );
            }
        }
        if !input.payments.is_empty() {
            t.step(
                Citation::convention(CONV_E),
                "a payment made on day P: interest runs through P on the old base; the payment then goes to costs, then interest not yet added to the base, then the base; what is left is a surplus",
            );
        }
        if let RateBasis::Statutory(tab) = input.rate.basis {
            t.step(
                Citation::statute(
                    BW,
                    match tab.kind {
                        RateKind::Consumer => "6:120 lid 1",
                        RateKind::Commercial => "6:120 lid 2",
                    },
                ),
                "a new statutory rate applies to interest already running from its effective date",
            );
        }
    }

    // The computation.
    let engine = Engine {
        method,
        claims: &input.claims,
        payments: &payments,
        until: input.until,
        costs: input.costs,
        costs_from: input.costs_from,
        spread: input.spread,
        honour_designation: input.honour_designation,
    };
    if let Some(d) = input.costs_from.filter(|_| trace && !input.costs.is_zero()) {
        t.step(
            Citation::statute(BW, "6:44 lid 1"),
            format!(
                "the costs of {} fell due on {d}: a payment before that day goes to interest and principal only; from {d} on, a payment goes to the costs first",
                fmt_amount(input.costs)
            ),
        );
    }
    let mut sink = Collect::new(trace);
    let totals = engine.run(&mut sink)?;

    // Coverage: a rate used for a day after the table's verified_through date.
    if let Some((tab, v)) = coverage {
        if let Some(last_day) = sink.last_day.filter(|d| *d > v) {
            if input.strict {
                return Err(Error::field(
                    "strict",
                    format!(
                        "interest runs through {last_day}, past the rate table's coverage ({v}); without the strict check the last known rate is used (with a warning), or load a newer rate table"
                    ),
                ));
            }
            t.warn(tab.coverage_warning(v, last_day));
        }
    }

    for a in &totals.allocations {
        if !a.surplus.is_zero() {
            t.warn(format!(
                "the payment of {} on {} exceeds what was owed by {}",
                fmt_amount(a.amount),
                a.date,
                fmt_amount(a.surplus)
            ));
        }
    }
    let periods = if trace {
        // Steps in date order: on one day first a capitalisation, then the sub-periods that begin
        // that day, then the payments (which come after the day's interest, convention e).
        let several = input.claims.len() > 1;
        let mut items: Vec<((NaiveDate, u8, usize), Citation, String)> = Vec::new();
        for cap in &sink.capitalisations {
            items.push((
                (cap.date, 0, cap.claim),
                cap_citation(&input.rate),
                format!(
                    "{}a full year ended on {}: its unpaid interest {} is added to the base, which becomes {}",
                    if several { format!("claim {}: ", cap.claim) } else { String::new() },
                    day_before(cap.date)?,
                    fmt_amount(cap.amount),
                    fmt_amount(cap.new_base)
                ),
            ));
        }
        let mut periods = std::mem::take(&mut sink.periods);
        periods.sort_by_key(|p| (p.claim, p.from));
        for p in &periods {
            let who = if several {
                format!("claim {}, ", p.claim)
            } else {
                String::new()
            };
            let rate = crate::law::rates::fmt_rate(p.rate);
            let (cite, text) = match p.per {
                Per::Year => (
                    Citation::convention(CONV_C),
                    format!(
                        "{who}{} to {} ({} day{}): {} × {rate} % × {} / {} = {}",
                        p.from,
                        p.to,
                        p.days,
                        if p.days == 1 { "" } else { "s" },
                        fmt_amount(p.base),
                        p.days,
                        p.divisor,
                        fmt_amount(p.interest)
                    ),
                ),
                Per::Month => (
                    input
                        .rate
                        .reason
                        .as_ref()
                        .map_or_else(|| Citation::convention(CONV_B), |r| r.0.clone()),
                    if p.floor_applied {
                        format!(
                            "{who}month {} to {} ({} days): the statutory interest {} is higher than {rate} % of {} and is owed instead",
                            p.from, p.to, p.days, fmt_amount(p.interest), fmt_amount(p.base)
                        )
                    } else {
                        format!(
                            "{who}month {} to {} ({} days, charged in full): {} × {rate} % = {}",
                            p.from,
                            p.to,
                            p.days,
                            fmt_amount(p.base),
                            fmt_amount(p.interest)
                        )
                    },
                ),
            };
            items.push(((p.from, 1, p.claim), cite, text));
        }
        for (i, a) in totals.allocations.iter().enumerate() {
            let (c, why) = input
                .allocation_reason
                .clone()
                .unwrap_or_else(statutory_allocation);
            let named = match (a.named_claim, a.designation_honoured) {
                (Some(n), true) => format!(" (names claim {n}, which is paid first)"),
                (Some(n), false) => format!(" (names claim {n}; the clause sets that aside)"),
                _ => String::new(),
            };
            let parts: Vec<String> = a
                .parts
                .iter()
                .map(|p| {
                    let mut bits = Vec::new();
                    if !p.interest.is_zero() {
                        bits.push(format!("interest {}", fmt_amount(p.interest)));
                    }
                    if !p.capitalised_interest.is_zero() {
                        bits.push(format!(
                            "interest added to the base {}",
                            fmt_amount(p.capitalised_interest)
                        ));
                    }
                    if !p.principal.is_zero() {
                        bits.push(format!("principal {}", fmt_amount(p.principal)));
                    }
                    format!(
                        "{}{}",
                        if several {
                            format!("claim {}: ", p.claim)
                        } else {
                            String::new()
                        },
                        bits.join(", ")
                    )
                })
                .collect();
            items.push((
                (a.date, 2, i),
                c,
                format!(
                    "payment of {} on {}{named} (convention e): interest counted through that day on the old base; {why}: costs {}; {}{}",
                    fmt_amount(a.amount),
                    a.date,
                    fmt_amount(a.to_costs),
                    if parts.is_empty() { "nothing else was owed".to_string() } else { parts.join("; ") },
                    if a.surplus.is_zero() {
                        String::new()
                    } else {
                        format!("; surplus {} (more than was owed)", fmt_amount(a.surplus))
                    }
                ),
            ));
        }
        items.sort_by_key(|i| i.0);
        for (_, c, text) in items {
            t.step(c, text);
        }
        periods
    } else {
        Vec::new()
    };

    let interest = totals.interest()?;
    let principal = sum(input.claims.iter().map(|c| c.principal))?;
    let paid = sum(input.payments.iter().map(|p| p.amount))?;
    let surplus = totals.surplus()?;
    let outstanding_principal = sum(totals.claims.iter().map(|s| s.principal_left))?;
    let outstanding_interest = sum(totals.claims.iter().map(|s| {
        s.accrued
            .checked_add(s.capitalised_left)
            .unwrap_or(Decimal::MAX)
    }))?;
    let outstanding = add(
        add(outstanding_principal, outstanding_interest)?,
        totals.costs_left,
    )?;
    if trace {
        t.step(
            Citation::statute(BW, "6:44"),
            format!(
            "outstanding on {}: principal {} + interest {} + costs {} − payments applied {} = {}",
            input.until,
            fmt_amount(principal),
            fmt_amount(interest),
            fmt_amount(input.costs),
            fmt_amount(paid - surplus),
            fmt_amount(outstanding)
        ),
        );
    }
    let claims = input
        .claims
        .iter()
        .zip(&totals.claims)
        .enumerate()
        .map(|(i, (c, s))| ClaimResult {
            claim: i + 1,
            principal: c.principal,
            due: c.due,
            first_interest_day: c.first_day,
            interest: s.total_interest,
            outstanding: s.owed(),
        })
        .collect();
    Ok(t.finish(InterestResult {
        interest,
        outstanding,
        principal,
        costs: input.costs,
        costs_from: input.costs_from,
        paid,
        surplus,
        outstanding_principal,
        outstanding_interest,
        outstanding_costs: totals.costs_left,
        until: input.until,
        rate_basis: input.rate.label.clone(),
        compounding: input.rate.compound,
        day_count: input.day_count,
        claims,
        periods,
        capitalisations: sink.capitalisations,
        allocations: totals.allocations,
    }))
}

fn cap_citation(rate: &RateChoice<'_>) -> Citation {
    rate.compounding_reason
        .as_ref()
        .map_or_else(|| Citation::convention(CONV_D), |r| r.0.clone())
}

/// The statutory order of 6:43 and 6:44 BW for spreading a payment, for steps.
pub fn statutory_allocation() -> (Citation, String) {
    (
        Citation::statute(BW, "6:43, 6:44"),
        "applied to costs, then interest not yet added to the base, then the base; claim by claim, a claim the payment names first, else the oldest due first".to_string(),
    )
}

/// The summary label of a statutory kind: "art. 6:119a BW (wettelijke handelsrente)".
pub fn statutory_label(kind: RateKind) -> &'static str {
    match kind {
        RateKind::Consumer => "art. 6:119 BW (wettelijke rente)",
        RateKind::Commercial => "art. 6:119a BW (wettelijke handelsrente)",
    }
}

/// The usual rate choice for a statutory kind (a statutory kind asked for, and provider
/// clauses). The reasons for the steps are built when `reason` is given (tracing).
pub fn statutory_choice<'a>(
    table: &'a RateTable,
    reason: Option<Reason>,
    first_day: Option<NaiveDate>,
) -> RateChoice<'a> {
    let kind = table.kind;
    // Claims that fell due before the new BW (1 January 1992) carry simple interest under the
    // transitional law; compounding came with art. 6:119 lid 2.
    let pre_1992 = first_day.is_some_and(|d| d < NaiveDate::from_ymd_opt(1992, 1, 1).unwrap_or(d));
    let compounding_reason = reason.as_ref().map(|_| {
        if pre_1992 {
            (
                Citation::statute("Overgangswet nieuw Burgerlijk Wetboek", "182 jo. 68a"),
                "interest started before 1 January 1992: simple interest, no yearly compounding"
                    .to_string(),
            )
        } else {
            (
                Citation::statute(BW, kind.compounding_article()),
                "statutory interest compounds: after each full year from the first interest day, that year's unpaid interest is added to the base".to_string(),
            )
        }
    });
    RateChoice {
        basis: RateBasis::Statutory(table),
        compound: !pre_1992,
        reason,
        compounding_reason,
        label: Cow::Borrowed(statutory_label(kind)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::rates::{Confidence, RateRow};
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn flat(kind: RateKind, rate: Decimal) -> RateTable {
        RateTable {
            kind,
            rows: vec![RateRow {
                from: d("1900-01-01"),
                rate,
                source: "test".into(),
                confidence: Confidence::High,
            }],
            verified_through: d("2199-12-31"),
        }
    }

    #[test]
    fn statutory_labels_name_article_and_dutch_term() {
        for kind in [RateKind::Consumer, RateKind::Commercial] {
            assert_eq!(
                statutory_label(kind),
                format!("art. {} BW ({})", kind.article(), kind.dutch_name())
            );
        }
    }

    /// The integer path and the `Decimal` division agree, also at exact half cents and for
    /// rates with many decimals; beyond the integer range the `Decimal` path decides.
    #[test]
    fn period_interest_integer_and_decimal_agree() {
        let cases = [
            (dec!(50), dec!(3.65), 1, 365),
            (dec!(49.99), dec!(3.65), 1, 365),
            (dec!(1000), dec!(10.5), 122, 365),
            (dec!(1234.56), dec!(8.123456), 366, 366),
            (dec!(0.01), dec!(0.000001), 1, 365),
            (dec!(9999999999999999.99), dec!(99.99), 366, 365),
            (dec!(123.4), dec!(12), 31, 366),
        ];
        for (b, r, days, div) in cases {
            let want = period_interest_decimal(b, r, days, div).unwrap();
            assert_eq!(
                period_interest(b, r, days, div).unwrap(),
                want,
                "{b} {r} {days}"
            );
            if let Some(c) = period_interest_cents(b, r, days, div) {
                assert_eq!(Decimal::from_i128_with_scale(c, 2), want);
            }
        }
        // 10^18 × 10^8 × 366 is past the integer bound: the Decimal path is taken.
        assert!(
            period_interest_cents(dec!(10000000000000000), dec!(99.999999), 366, 365).is_none()
        );
    }

    /// The walk in whole cents on day numbers equals the walk in `Decimal` on dates: every
    /// sub-period, capitalisation and total, across rate changes, anniversaries (29 February
    /// included) and both day counts, in several steps as payments make it go.
    #[test]
    fn cents_walk_equals_decimal_walk() {
        let tables = crate::law::rates::RateTables::embedded().unwrap();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        for case in 0..400 {
            let basis = match case % 3 {
                0 => RateBasis::Statutory(tables.get(RateKind::Consumer)),
                1 => RateBasis::Statutory(tables.get(RateKind::Commercial)),
                _ => RateBasis::Fixed(Decimal::new(next(99_999_999) as i64 + 1, 6)),
            };
            let m = Method {
                basis,
                compound: next(2) == 0,
                day_count: if next(2) == 0 {
                    DayCount::Act365
                } else {
                    DayCount::ActAct
                },
            };
            let first = d("2004-02-29") + chrono::Duration::days(next(8000) as i64);
            let principal = Decimal::new(next(1_000_000_000_000) as i64 + 1, 2);
            let claim = Claim {
                principal,
                due: first - chrono::Duration::days(1),
                first_day: first,
            };
            let mut a = ClaimState::new(1, &claim).unwrap();
            let mut b = a;
            let (mut sa, mut sb) = (Collect::new(true), Collect::new(true));
            let mut to = first;
            for _ in 0..3 {
                to += chrono::Duration::days(next(1500) as i64);
                let cents = b.cents().unwrap();
                a.advance_years(to, &m, &mut sa).unwrap();
                b.advance_years_cents(cents, to, &m, &mut sb).unwrap();
                assert_eq!(a.total_interest, b.total_interest, "case {case}");
                assert_eq!(
                    (a.accrued, a.capitalised_left),
                    (b.accrued, b.capitalised_left)
                );
                assert_eq!(
                    (a.next, a.next_anniversary, a.years),
                    (b.next, b.next_anniversary, b.years)
                );
                // A part payment between the steps.
                let paid = b.accrued / Decimal::TWO;
                let paid = paid.round_dp(2);
                a.accrued -= paid;
                b.accrued -= paid;
            }
            assert_eq!(sa.periods, sb.periods, "case {case}");
            assert_eq!(sa.capitalisations, sb.capitalisations, "case {case}");
        }
    }

    #[test]
    fn anniversaries_of_29_february() {
        let first = d("2024-02-29");
        assert_eq!(anniversary(first, 1).unwrap(), d("2025-02-28"));
        assert_eq!(anniversary(first, 3).unwrap(), d("2027-02-28"));
        assert_eq!(anniversary(first, 4).unwrap(), d("2028-02-29"));
        assert_eq!(anniversary(d("2023-03-01"), 1).unwrap(), d("2024-03-01"));
    }

    #[test]
    fn rounding_half_away_from_zero_per_period() {
        // 1000 × 10.5 × 122 / 36500 = 35.09589 → 35.10; 100 × 3.65 × 1 / 36500 = 0.01 exactly;
        // 50 × 3.65 × 1 / 36500 = 0.005 → 0.01 (half away from zero).
        assert_eq!(
            period_interest(dec!(1000), dec!(10.5), 122, 365).unwrap(),
            dec!(35.10)
        );
        assert_eq!(
            period_interest(dec!(100), dec!(3.65), 1, 365).unwrap(),
            dec!(0.01)
        );
        assert_eq!(
            period_interest(dec!(50), dec!(3.65), 1, 365).unwrap(),
            dec!(0.01)
        );
        assert_eq!(
            period_interest(dec!(49.99), dec!(3.65), 1, 365).unwrap(),
            dec!(0.00)
        );
    }

    /// Compri-style floor: where the statutory rate (here a test table at 30 %) is higher for a
    /// month, it is owed instead. Month 2025-03-02..04-01 (31 days): 1000 × 30 × 31 / 36500 =
    /// 25.4795 → 25.48 > 2 % of 1000 = 20.00.
    #[test]
    fn per_month_floor_applies_where_higher() {
        let high = flat(RateKind::Commercial, dec!(30));
        let m = Method {
            basis: RateBasis::PerMonthOrPart {
                percent: dec!(2),
                floor: Some(&high),
            },
            compound: false,
            day_count: DayCount::Act365,
        };
        let i = claim_interest(dec!(1000), d("2025-03-02"), d("2025-04-01"), &m).unwrap();
        assert_eq!(i, dec!(25.48));
        let low = flat(RateKind::Commercial, dec!(10));
        let m = Method {
            basis: RateBasis::PerMonthOrPart {
                percent: dec!(2),
                floor: Some(&low),
            },
            ..m
        };
        assert_eq!(
            claim_interest(dec!(1000), d("2025-03-02"), d("2025-04-01"), &m).unwrap(),
            dec!(20.00)
        );
    }

    /// Months from a 31st clamp: 2025-01-31 → months begin 01-31, 02-28, 03-31; until 03-31 is
    /// the first day of month 3, so three months are begun.
    #[test]
    fn per_month_counts_months_begun() {
        let m = Method {
            basis: RateBasis::PerMonthOrPart {
                percent: dec!(1),
                floor: None,
            },
            compound: false,
            day_count: DayCount::Act365,
        };
        let f = d("2025-01-31");
        assert_eq!(
            claim_interest(dec!(100), f, d("2025-01-31"), &m).unwrap(),
            dec!(1)
        );
        assert_eq!(
            claim_interest(dec!(100), f, d("2025-02-27"), &m).unwrap(),
            dec!(1)
        );
        assert_eq!(
            claim_interest(dec!(100), f, d("2025-02-28"), &m).unwrap(),
            dec!(2)
        );
        assert_eq!(
            claim_interest(dec!(100), f, d("2025-03-30"), &m).unwrap(),
            dec!(2)
        );
        assert_eq!(
            claim_interest(dec!(100), f, d("2025-03-31"), &m).unwrap(),
            dec!(3)
        );
    }

    /// Growth beyond what `Decimal` holds is an input error, never a panic.
    #[test]
    fn runaway_growth_is_an_error_not_a_panic() {
        let m = Method {
            basis: RateBasis::Fixed(dec!(99)),
            compound: true,
            day_count: DayCount::Act365,
        };
        let r = claim_interest(dec!(1000000000000000), d("1900-01-01"), d("2199-12-31"), &m);
        assert!(matches!(r, Err(Error::Input(_))), "{r:?}");
    }

    /// Interest-first spreading (a provider clause) against claim-by-claim (6:43, 6:44).
    #[test]
    fn spreads_differ_as_documented() {
        let m = Method {
            basis: RateBasis::Fixed(dec!(10)),
            compound: false,
            day_count: DayCount::Act365,
        };
        let claims = [
            Claim {
                principal: dec!(100),
                due: d("2025-01-31"),
                first_day: d("2025-02-01"),
            },
            Claim {
                principal: dec!(100),
                due: d("2025-02-28"),
                first_day: d("2025-03-01"),
            },
        ];
        let payments = [Payment {
            date: d("2025-03-31"),
            amount: dec!(50),
            claim: None,
        }];
        let mut e = Engine {
            method: m,
            claims: &claims,
            payments: &payments,
            until: d("2025-03-31"),
            costs: Decimal::ZERO,
            costs_from: None,
            spread: Spread::PerClaim,
            honour_designation: true,
        };
        // Claim 1: 59 d: 100 × 10 × 59 / 36500 = 1.6164 → 1.62; claim 2: 31 d: 0.8493 → 0.85.
        let per_claim = e.run(&mut ()).unwrap();
        assert_eq!(per_claim.allocations[0].to_interest, dec!(1.62));
        assert_eq!(per_claim.allocations[0].to_principal, dec!(48.38));
        e.spread = Spread::InterestFirst;
        let first = e.run(&mut ()).unwrap();
        assert_eq!(first.allocations[0].to_interest, dec!(2.47));
        assert_eq!(first.allocations[0].to_principal, dec!(47.53));
    }
}
