//! The fast path of `termcalc interest --input ... --format csv` for the common ledger shape:
//! one claim per row, statutory interest (`--kind`), no payments, no costs, act/365.
//!
//! A row is parsed straight into whole cents and dates and computed by the same walk as the
//! interest library's `ClaimState::advance` (convention a–d of `calc::interest`: sub-periods split
//! at every rate change and every anniversary of the first interest day, each period's interest
//! base × rate × days / 365 rounded half away from zero to cents, the year's interest added to
//! the base at each anniversary), in integer cents instead of `Decimal`. The two give the same
//! cents: a period's interest is the rational number base_cents × rate × days / (365 × 100 ×
//! 10^scale); integer division rounds it exactly, and `Decimal`'s 28-digit quotient is off by
//! far less than the smallest distance between such a number and a half cent, so both round
//! the same way. tests/batch_fast.rs and bench/batch.sh compare the two paths row by row.
//!
//! The CSV line is written with the same fields and formatting as the full command. Any row the
//! fast path does not cover exactly (an amount or date in another accepted form, a parse error,
//! a due date after the until date, a date before the rate table, an overflow) is handed to the
//! generic path, so its result or error message is the full command's own.

use super::batch::{
    field_count_error, is_blank, not_utf8, read_csv_record, split_csv_line, too_long, trim_line,
    Column, LineRead, MAX_RECORD,
};
use chrono::{Datelike, NaiveDate};
use std::borrow::Cow;
use std::io::{self, BufReader, Read};
use std::sync::mpsc::SyncSender;
use termcalc::law::rates::{RateKind, RateTable, RateTables};
use termcalc::report::csv_field;

/// The result columns of `termcalc interest` (its `Tabular::fields` keys), in order.
pub const INTEREST_KEYS: [&str; 12] = [
    "until",
    "rate_basis",
    "day_count",
    "principal",
    "interest",
    "costs",
    "paid",
    "surplus",
    "outstanding_principal",
    "outstanding_interest",
    "outstanding",
    "claims",
];

/// What the command line fixed for every row, when it is within the fast path's reach.
#[derive(Debug, Clone)]
pub struct FastBase {
    pub as_of: Option<NaiveDate>,
    pub kind: Option<RateKind>,
    pub rates: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Principal,
    Due,
    Until,
    Kind,
    AsOf,
}

/// The fast path, ready to run rows.
pub struct FastInterest {
    cols: Vec<Col>,
    kind: Option<RateKind>,
    as_of: NaiveDate,
    tables: RateTables,
    consumer: IntTable,
    commercial: IntTable,
    labels: [(RateKind, String); 2],
    /// The coverage warning around its until date, CSV-quoted where needed, per kind.
    warning: [(Vec<u8>, Vec<u8>); 2],
    pre_1992: NaiveDate,
}

/// A statutory rate table with each rate as an integer: rate × 10^scale, and each start date
/// as a day number (`num_days_from_ce`).
struct IntTable {
    from: Vec<i32>,
    rate: Vec<i128>,
    /// 365 × 100 × 10^scale: divides base_cents × rate × days to give cents.
    den: i128,
}

impl IntTable {
    fn new(t: &RateTable) -> Option<Self> {
        let scale = t.rows.iter().map(|r| r.rate.scale()).max().unwrap_or(0);
        if scale > 6 {
            return None;
        }
        let mut rate = Vec::with_capacity(t.rows.len());
        for r in &t.rows {
            if r.rate.is_sign_negative() {
                return None;
            }
            let m = r.rate.mantissa();
            rate.push(m.checked_mul(10i128.pow(scale - r.rate.scale()))?);
        }
        Some(IntTable {
            from: t.rows.iter().map(|r| r.from.num_days_from_ce()).collect(),
            rate,
            den: 36_500 * 10i128.pow(scale),
        })
    }

    /// base × rate × days / den in cents, rounded half away from zero (all terms are >= 0).
    fn period(&self, base: i128, rate: i128, days: i128) -> Option<i128> {
        let num = base.checked_mul(rate)?.checked_mul(days)?;
        // The common case fits 64 bits, whose division is much cheaper than 128 bits'.
        if let (Ok(n), Ok(d)) = (u64::try_from(num), u64::try_from(self.den)) {
            if n <= (u64::MAX - d) / 2 {
                return Some(i128::from((2 * n + d) / (2 * d)));
            }
        }
        Some(num.checked_mul(2)?.checked_add(self.den)? / (2 * self.den))
    }

    /// The interest in cents on `principal` cents from `first` through `until` inclusive,
    /// statutory act/365, compounding yearly or not; `None` where the generic path must decide.
    /// The same walk as `ClaimState::advance`, on day numbers.
    fn interest(
        &self,
        principal: i128,
        first: NaiveDate,
        until: NaiveDate,
        compound: bool,
    ) -> Option<i128> {
        let (fy, fm, fd) = (first.year(), first.month(), first.day());
        // The k-th anniversary, as `calendar::add_months(first, 12 k)`: the same day k years
        // later, 29 February → 28 February in other years.
        let anniversary = |k: i32| -> Option<i32> {
            let y = fy.checked_add(k)?;
            if !(1..=9999).contains(&y) {
                return None;
            }
            let d = if fm == 2 && fd == 29 && !is_leap(y) {
                28
            } else {
                fd
            };
            Some(days_from_ce(y, fm, d))
        };
        let until = until.num_days_from_ce();
        let mut next = first.num_days_from_ce();
        let mut base = principal;
        let mut accrued: i128 = 0;
        let mut total: i128 = 0;
        let mut years: i32 = 1;
        let mut next_anniversary = anniversary(1)?;
        // Index of the first row starting after `next` (rates only move forward in time).
        let mut idx = self.from.partition_point(|d| *d <= next);
        while next <= until {
            if next == next_anniversary {
                if compound && accrued != 0 {
                    base = base.checked_add(accrued)?;
                    accrued = 0;
                }
                years = years.checked_add(1)?;
                next_anniversary = anniversary(years)?;
            }
            if base == 0 {
                break;
            }
            let mut end = until.min(next_anniversary - 1);
            while idx < self.from.len() && self.from[idx] <= next {
                idx += 1;
            }
            let rate = *self.rate.get(idx.checked_sub(1)?)?;
            if let Some(change) = self.from.get(idx) {
                end = end.min(change - 1);
            }
            let interest = self.period(base, rate, i128::from(end - next + 1))?;
            accrued = accrued.checked_add(interest)?;
            total = total.checked_add(interest)?;
            next = end + 1;
        }
        Some(total)
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// `NaiveDate::num_days_from_ce` for a valid date in years 1 to 9999, by integer arithmetic
/// (days from civil, H. Hinnant), without building a date.
fn days_from_ce(y: i32, m: u32, d: u32) -> i32 {
    let (m, d) = (m as i32, d as i32);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    // Days since 1970-01-01, then shifted: 1970-01-01 is day 719163 counted from 0001-01-01
    // as day 1.
    era * 146_097 + doe - 719_468 + 719_163
}

/// `YYYY-MM-DD` within 1900–2199, as `calendar::parse_date` accepts it.
fn fast_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let y = i32::try_from(num(0..4)?).ok()?;
    if !(1900..=2199).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, num(5..7)?, num(8..10)?)
}

/// A positive amount in the plain form `123` / `123.4` / `123.45` (up to 13 digits before the
/// point), in cents, as `money::parse_positive` reads it; other accepted forms go the generic way.
fn fast_cents(s: &str) -> Option<i128> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, f),
        None => (s, ""),
    };
    if int.is_empty() || int.len() > 13 || frac.len() > 2 || (s.contains('.') && frac.is_empty()) {
        return None;
    }
    let digits = |t: &str| -> Option<i128> {
        t.bytes().try_fold(0i128, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + i128::from(c - b'0'))
        })
    };
    let mut f = digits(frac)?;
    if frac.len() == 1 {
        f *= 10;
    }
    let cents = digits(int)? * 100 + f;
    (cents > 0).then_some(cents)
}

impl FastInterest {
    /// The fast path for this header, or `None` when a column or option is outside its reach.
    pub fn new(
        base: &FastBase,
        columns: &[Column],
        cols: &[usize],
        today: NaiveDate,
    ) -> Option<Self> {
        let mut mapped = Vec::with_capacity(cols.len());
        for &c in cols {
            mapped.push(match columns[c].long.as_str() {
                "principal" => Col::Principal,
                "due" => Col::Due,
                "until" => Col::Until,
                "kind" => Col::Kind,
                "as-of" => Col::AsOf,
                _ => return None,
            });
        }
        if !mapped.contains(&Col::Principal) || !mapped.contains(&Col::Due) {
            return None;
        }
        if base.kind.is_none() && !mapped.contains(&Col::Kind) {
            return None;
        }
        let tables = match &base.rates {
            Some(path) => RateTables::from_file(path).ok()?,
            None => RateTables::embedded().ok()?,
        };
        let label = |k: RateKind| format!("art. {} BW ({})", k.article(), k.dutch_name());
        // The same words as `calc::interest::compute`'s coverage warning.
        let warning = |k: RateKind| -> (Vec<u8>, Vec<u8>) {
            let (pre, post) = tables
                .get(k)
                .coverage_warning_parts(tables.verified_through);
            if csv_field(&format!("{pre}{post}")).starts_with('"') {
                (
                    format!("\"{}", pre.replace('"', "\"\"")).into_bytes(),
                    format!("{}\"", post.replace('"', "\"\"")).into_bytes(),
                )
            } else {
                (pre.into_bytes(), post.into_bytes())
            }
        };
        let warning = [warning(RateKind::Consumer), warning(RateKind::Commercial)];
        Some(FastInterest {
            warning,
            consumer: IntTable::new(tables.get(RateKind::Consumer))?,
            commercial: IntTable::new(tables.get(RateKind::Commercial))?,
            cols: mapped,
            kind: base.kind,
            as_of: base.as_of.unwrap_or(today),
            labels: [
                (RateKind::Consumer, label(RateKind::Consumer)),
                (RateKind::Commercial, label(RateKind::Commercial)),
            ],
            tables,
            pre_1992: NaiveDate::from_ymd_opt(1992, 1, 1)?,
        })
    }

    /// Sample rows to check the fast path against the full command before using it: the
    /// options of each (for the command line) and the fast path's CSV line for it as row 1.
    /// One crosses an anniversary and a rate change, one runs past the rate table's verified
    /// date (with its warning); for each kind the rows may use.
    pub fn probes(&self) -> Vec<(Vec<String>, Option<Vec<u8>>)> {
        let v = self.tables.verified_through;
        let dates = [
            (
                NaiveDate::from_ymd_opt(2013, 2, 28),
                NaiveDate::from_ymd_opt(2015, 7, 1),
            ),
            (
                v.checked_sub_days(chrono::Days::new(400)),
                v.checked_add_days(chrono::Days::new(30)),
            ),
        ];
        let kinds: Vec<RateKind> = match self.kind {
            Some(k) if !self.cols.contains(&Col::Kind) => vec![k],
            _ => vec![RateKind::Consumer, RateKind::Commercial],
        };
        let mut out = Vec::new();
        for &kind in &kinds {
            for (due, until) in dates {
                let (Some(due), Some(until)) = (due, until) else {
                    continue;
                };
                let mut args = vec![
                    "--principal=1234.56".to_string(),
                    format!("--due={due}"),
                    format!("--until={until}"),
                ];
                if self.cols.contains(&Col::Kind) || self.kind.is_none() {
                    args.push(format!("--kind={}", kind.as_str()));
                }
                let line = self.compute_typed(123_456, due, until, kind).map(|r| {
                    let mut buf = Vec::new();
                    self.write_row(&mut buf, 1, &r);
                    buf
                });
                out.push((args, line));
            }
        }
        out
    }

    /// Computes a chunk of rows: their CSV lines, and the rows the generic path must take.
    pub fn run_chunk(&self, chunk: Chunk, ncols: usize) -> Done {
        let mut bytes = Vec::with_capacity(chunk.rows.len() * 160);
        let mut segs = Vec::new();
        let mut fast_rows = 0u64;
        let mut fields: Vec<Cow<'_, str>> = Vec::with_capacity(ncols);
        for (i, span) in chunk.rows.iter().enumerate() {
            let row = chunk.first_row + i as u64;
            let other = match *span {
                Span::TooLong(n) => Some(Seg::Error(too_long(n))),
                Span::Line(a, b) => match std::str::from_utf8(&chunk.data[a..b]) {
                    Err(e) => Some(Seg::Error(not_utf8(&e))),
                    Ok(text) => match split_csv_line(text, &mut fields) {
                        Err(e) => Some(Seg::Error(e)),
                        Ok(()) if fields.len() != ncols => {
                            Some(Seg::Error(field_count_error(fields.len(), ncols)))
                        }
                        Ok(()) => match self.compute(&fields) {
                            Some(r) => {
                                self.write_row(&mut bytes, row, &r);
                                fast_rows += 1;
                                None
                            }
                            None => {
                                Some(Seg::Generic(fields.iter().map(|f| f.to_string()).collect()))
                            }
                        },
                    },
                },
            };
            if let Some(seg) = other {
                if fast_rows > 0 {
                    segs.push(Seg::Bytes {
                        end: bytes.len(),
                        rows: fast_rows,
                    });
                    fast_rows = 0;
                }
                segs.push(seg);
            }
        }
        if fast_rows > 0 {
            segs.push(Seg::Bytes {
                end: bytes.len(),
                rows: fast_rows,
            });
        }
        Done::Chunk {
            seq: chunk.seq,
            bytes,
            segs,
        }
    }

    /// One CSV line, as `RowWriter::ok` writes the full command's report.
    fn write_row(&self, buf: &mut Vec<u8>, row: u64, r: &Computed) {
        push_u64(buf, row);
        buf.extend_from_slice(b",ok,,");
        push_date(buf, r.until);
        buf.push(b',');
        let k = usize::from(r.kind == RateKind::Commercial);
        buf.extend_from_slice(self.labels[k].1.as_bytes());
        buf.extend_from_slice(if r.compound {
            b",\"act/365, compounded yearly\","
        } else {
            b",\"act/365, simple\","
        });
        push_cents(buf, r.principal);
        buf.push(b',');
        push_cents(buf, r.interest);
        buf.extend_from_slice(b",0.00,0.00,0.00,");
        push_cents(buf, r.principal);
        buf.push(b',');
        push_cents(buf, r.interest);
        buf.push(b',');
        push_cents(buf, r.outstanding);
        buf.extend_from_slice(b",1,");
        // As `calc::interest::compute`: only when a day that bears interest (the last is
        // `until`, when there is one) lies past the table's verified date.
        if r.until >= r.first && r.until > self.tables.verified_through {
            let (pre, post) = &self.warning[k];
            buf.extend_from_slice(pre);
            push_date(buf, r.until);
            buf.extend_from_slice(post);
        }
        buf.push(b'\n');
    }

    /// The figures for a row, or `None` when the generic path must decide.
    fn compute(&self, fields: &[Cow<'_, str>]) -> Option<Computed> {
        let (mut principal, mut due, mut until, mut kind, mut as_of) =
            (None, None, None, self.kind, None);
        for (col, f) in self.cols.iter().zip(fields) {
            let v = f.trim();
            if v.is_empty() {
                continue;
            }
            match col {
                Col::Principal => principal = Some(fast_cents(v)?),
                Col::Due => due = Some(fast_date(v)?),
                Col::Until => until = Some(fast_date(v)?),
                Col::Kind => {
                    kind = Some(match v {
                        "consumer" => RateKind::Consumer,
                        "commercial" => RateKind::Commercial,
                        _ => return None,
                    })
                }
                Col::AsOf => as_of = Some(fast_date(v)?),
            }
        }
        let (principal, due, kind) = (principal?, due?, kind?);
        let until = until.unwrap_or(as_of.unwrap_or(self.as_of));
        self.compute_typed(principal, due, until, kind)
    }

    fn compute_typed(
        &self,
        principal: i128,
        due: NaiveDate,
        until: NaiveDate,
        kind: RateKind,
    ) -> Option<Computed> {
        if due > until {
            return None;
        }
        let first = due.succ_opt()?;
        let table: &RateTable = self.tables.get(kind);
        if first < table.first_day()? {
            return None;
        }
        // As `statutory_choice`: interest that started before 1992 is simple.
        let compound = first >= self.pre_1992;
        let int_table = match kind {
            RateKind::Consumer => &self.consumer,
            RateKind::Commercial => &self.commercial,
        };
        let interest = int_table.interest(principal, first, until, compound)?;
        let outstanding = principal.checked_add(interest)?;
        Some(Computed {
            until,
            first,
            kind,
            compound,
            principal,
            interest,
            outstanding,
        })
    }
}

struct Computed {
    until: NaiveDate,
    /// The first interest day.
    first: NaiveDate,
    kind: RateKind,
    compound: bool,
    /// Cents.
    principal: i128,
    interest: i128,
    outstanding: i128,
}

/// Rows per chunk handed to a worker.
pub const CHUNK_ROWS: usize = 2048;

/// A row of a chunk: a line (byte range in `data`), or a line too long to keep.
#[derive(Debug, Clone, Copy)]
pub enum Span {
    Line(usize, usize),
    TooLong(u64),
}

/// Consecutive lines of the input, with the row number of the first.
pub struct Chunk {
    pub seq: u64,
    pub first_row: u64,
    pub data: Vec<u8>,
    pub rows: Vec<Span>,
}

/// A piece of a computed chunk, in row order.
pub enum Seg {
    /// CSV lines for `rows` rows, ending at `end` in the chunk's bytes.
    Bytes { end: usize, rows: u64 },
    /// A row's error (bad UTF-8, wrong number of fields, too long).
    Error(String),
    /// A row for the generic path: its fields.
    Generic(Vec<String>),
}

/// What reaches the writing thread, numbered in input order.
pub enum Done {
    Chunk {
        seq: u64,
        bytes: Vec<u8>,
        segs: Vec<Seg>,
    },
    ReadFailed(u64, io::Error),
    End(u64),
}

pub fn seq_of(d: &Done) -> u64 {
    match d {
        Done::Chunk { seq, .. } | Done::ReadFailed(seq, _) | Done::End(seq) => *seq,
    }
}

/// The reader thread: cuts the input into chunks. A chunk goes out when full, and also when
/// the next read would wait for input, so a slow pipe still gets each result promptly.
pub fn read_chunks(
    mut reader: BufReader<Box<dyn Read + Send>>,
    first_row: u64,
    chunk_rows: usize,
    work: &SyncSender<Chunk>,
    done: &SyncSender<Done>,
) {
    let mut seq = 0u64;
    let mut row = first_row;
    let new_chunk = |seq: u64, row: u64| Chunk {
        seq,
        first_row: row,
        data: Vec::with_capacity(chunk_rows * 48),
        rows: Vec::with_capacity(chunk_rows),
    };
    let mut chunk = new_chunk(seq, row);
    let mut line = Vec::new();
    loop {
        if !chunk.rows.is_empty() && (chunk.rows.len() >= chunk_rows || reader.buffer().is_empty())
        {
            seq += 1;
            let full = std::mem::replace(&mut chunk, new_chunk(seq, row));
            if work.send(full).is_err() {
                return;
            }
        }
        match read_csv_record(&mut reader, &mut line, MAX_RECORD) {
            Err(e) => {
                let _ = send_last(work, chunk, done, Done::ReadFailed(seq + 1, e), seq);
                return;
            }
            Ok(LineRead::Eof) => {
                let _ = send_last(work, chunk, done, Done::End(seq + 1), seq);
                return;
            }
            Ok(LineRead::TooLong(n)) => {
                chunk.rows.push(Span::TooLong(n));
                row += 1;
            }
            Ok(LineRead::Line) => {
                let l = trim_line(&line);
                if is_blank(l) {
                    continue;
                }
                let start = chunk.data.len();
                chunk.data.extend_from_slice(l);
                chunk.rows.push(Span::Line(start, chunk.data.len()));
                row += 1;
            }
        }
    }
}

/// Sends the last (possibly empty) chunk and then the closing message, numbered after it.
fn send_last(
    work: &SyncSender<Chunk>,
    chunk: Chunk,
    done: &SyncSender<Done>,
    last: Done,
    seq: u64,
) -> Result<(), ()> {
    // An empty chunk is still sent so that the numbering has no gap.
    debug_assert_eq!(chunk.seq, seq);
    work.send(chunk).map_err(|_| ())?;
    done.send(last).map_err(|_| ())
}

fn push_u64(buf: &mut Vec<u8>, mut n: u64) {
    let mut tmp = [0u8; 20];
    let mut i = tmp.len();
    loop {
        i -= 1;
        tmp[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&tmp[i..]);
}

/// Cents (0 or more) as an amount with two decimals.
fn push_cents(buf: &mut Vec<u8>, cents: i128) {
    if let Ok(c) = u64::try_from(cents) {
        push_u64(buf, c / 100);
        let frac = (c % 100) as u8;
        buf.extend_from_slice(&[b'.', b'0' + frac / 10, b'0' + frac % 10]);
        return;
    }
    let whole = cents / 100;
    let frac = (cents % 100) as u8;
    match u64::try_from(whole) {
        Ok(w) => push_u64(buf, w),
        Err(_) => buf.extend_from_slice(whole.to_string().as_bytes()),
    }
    buf.extend_from_slice(&[b'.', b'0' + frac / 10, b'0' + frac % 10]);
}

/// `YYYY-MM-DD` (years 1900–2199 here).
fn push_date(buf: &mut Vec<u8>, d: NaiveDate) {
    let (y, m, day) = (d.year() as u32, d.month(), d.day());
    buf.extend_from_slice(&[
        b'0' + (y / 1000 % 10) as u8,
        b'0' + (y / 100 % 10) as u8,
        b'0' + (y / 10 % 10) as u8,
        b'0' + (y % 10) as u8,
        b'-',
        b'0' + (m / 10) as u8,
        b'0' + (m % 10) as u8,
        b'-',
        b'0' + (day / 10) as u8,
        b'0' + (day % 10) as u8,
    ]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal::Decimal;
    use termcalc::calc::interest::{claim_interest, DayCount, Method, RateBasis};

    fn decimal_interest(
        t: &RateTable,
        cents: i128,
        first: NaiveDate,
        until: NaiveDate,
        compound: bool,
    ) -> Option<i128> {
        let m = Method {
            basis: RateBasis::Statutory(t),
            compound,
            day_count: DayCount::Act365,
        };
        let principal = Decimal::from_i128_with_scale(cents, 2);
        let r = claim_interest(principal, first, until, &m).ok()?;
        let mut r = r;
        r.rescale(2);
        Some(r.mantissa())
    }

    fn day(n: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(1985, 1, 1).unwrap_or_default() + chrono::Days::new(u64::from(n))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1500))]
        /// Integer cents and the library's decimal walk give the same cents, for both tables,
        /// compounding or not, amounts from 0.01 to 10^13 - 0.01, periods up to 30 years.
        #[test]
        fn integer_cents_equal_the_decimal_engine(
            cents in prop_oneof![1i128..100_000, 1i128..1_000_000_000_000_000],
            start in 0u32..15_000,
            len in 0u32..11_000,
            commercial in any::<bool>(),
            compound in any::<bool>(),
        ) {
            let tables = RateTables::embedded().unwrap();
            let kind = if commercial { RateKind::Commercial } else { RateKind::Consumer };
            let t = tables.get(kind);
            let first = day(start).max(t.first_day().unwrap());
            let until = first + chrono::Days::new(u64::from(len));
            let int = IntTable::new(t).unwrap().interest(cents, first, until, compound);
            let dec = decimal_interest(t, cents, first, until, compound);
            prop_assert_eq!(int, dec);
        }
    }

    /// Leap days, month ends and rate-change days as first interest day, over up to 12 years.
    #[test]
    fn integer_cents_equal_the_decimal_engine_on_calendar_edges() {
        let tables = RateTables::embedded().unwrap();
        let firsts = [
            (2004, 2, 28),
            (2004, 2, 29),
            (2004, 3, 1),
            (2008, 2, 29),
            (2012, 12, 31),
            (2013, 3, 16),
            (2016, 2, 29),
            (2019, 12, 31),
            (2024, 2, 29),
        ];
        for kind in RateKind::ALL {
            let t = tables.get(kind);
            let it = IntTable::new(t).unwrap();
            for (y, m, d) in firsts {
                let first = NaiveDate::from_ymd_opt(y, m, d).unwrap();
                for len in [0u64, 1, 364, 365, 366, 730, 1460, 1461, 1462, 4383] {
                    let until = first + chrono::Days::new(len);
                    for compound in [true, false] {
                        for cents in [1i128, 99_999, 123_456_789] {
                            assert_eq!(
                                it.interest(cents, first, until, compound),
                                decimal_interest(t, cents, first, until, compound),
                                "{kind:?} {first} {until} {compound} {cents}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn day_numbers_match_chrono() {
        let mut d = NaiveDate::from_ymd_opt(1899, 12, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(2201, 3, 1).unwrap();
        while d <= end {
            assert_eq!(
                days_from_ce(d.year(), d.month(), d.day()),
                d.num_days_from_ce(),
                "{d}"
            );
            d = d.succ_opt().unwrap();
        }
        assert!(is_leap(2000) && is_leap(2024) && !is_leap(1900) && !is_leap(2100));
    }

    #[test]
    fn plain_amounts_and_dates_only() {
        assert_eq!(fast_cents("100"), Some(10_000));
        assert_eq!(fast_cents("100.5"), Some(10_050));
        assert_eq!(fast_cents("0.01"), Some(1));
        assert_eq!(fast_cents("0"), None);
        assert_eq!(fast_cents("1,5"), None);
        assert_eq!(fast_cents("1."), None);
        assert_eq!(fast_cents(".5"), None);
        assert_eq!(fast_cents("1.234"), None);
        assert_eq!(fast_cents("+1"), None);
        assert_eq!(fast_cents("12345678901234"), None);
        assert_eq!(
            fast_date("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        assert_eq!(fast_date("2023-02-29"), None);
        assert_eq!(fast_date("1899-12-31"), None);
        assert_eq!(fast_date("2200-01-01"), None);
        assert_eq!(fast_date("2024-1-01"), None);
        let mut b = Vec::new();
        push_cents(&mut b, 5);
        b.push(b' ');
        push_cents(&mut b, 123_456);
        b.push(b' ');
        push_date(
            &mut b,
            NaiveDate::from_ymd_opt(1999, 3, 7).unwrap_or_default(),
        );
        assert_eq!(b, b"0.05 1234.56 1999-03-07");
    }
}
