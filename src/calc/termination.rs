//! End dates: initial term, tacit renewal, notice periods, alignment, and the mandatory law for
//! end-users (end-date issue). The buyout calculation builds on `end_date`.
//!
//! Model: the contract's life is cut into periods. Period 0 is the initial term (when there is
//! one); after it the renewal rule gives further period ends (fixed renewals), or every day is a
//! possible end (indefinite). A notice received on day R runs out on `notice_end(R)` (the notice
//! period, then any end alignment); the contract ends on the first period end on or after that
//! day. Dates are inclusive: every end date is the last day the contract is in force.

use crate::calendar::{self, HolidaySet};
use crate::error::{Error, Result};
use crate::law::mandatory::{self, MAX_NOTICE_MONTHS};
use crate::law::PERIODS;
use crate::report::{Citation, Outcome, Tabular, Trace, Value};
use crate::terms::termination::{
    EndAlignment, InitialTerm, NoticeUnit, PeriodEnds, Renewal, Rules, SpecialEnd, SpecialKind,
    SpecialRight, StartKind, Termination, Window, MAX_MONTHS,
};
use crate::terms::{CustomerType, Provider};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

macro_rules! cite_reading {
    ($t:expr, $c:expr, $text:expr, $r:expr $(,)?) => {
        if $t.keeps_steps() {
            cite_reading($t, $c, $text, $r)
        }
    };
}

/// The question "if the notice arrives on this day, when does the contract end?".
#[derive(Debug, Clone)]
pub struct EndDateRequest<'a> {
    pub provider: &'a Provider,
    /// First day of the term (delivery / ready for service), where the rules need it.
    pub start: Option<NaiveDate>,
    /// The day the provider receives the notice.
    pub notice: NaiveDate,
    /// The initial term agreed in the contract, where it differs from the terms' default.
    pub term_months: Option<u32>,
    /// `None`: the provider file's default customer type.
    pub customer: Option<CustomerType>,
    /// Service kind where the terms differ per service (e.g. Compri's DSL).
    pub service: Option<String>,
    /// The contract was entered for an indefinite period, where the terms allow that instead of
    /// an agreed initial term (e.g. Quatel 10.3).
    pub indefinite: bool,
    /// The customer expressly asked for the longer notice period the terms offer (e.g. Quatel
    /// 10.3: three months).
    pub requested_notice: bool,
    /// "Today".
    pub as_of: NaiveDate,
}

/// The answer. JSON keys are part of the output contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EndDateResult {
    /// Last day the contract is in force.
    pub end_date: NaiveDate,
    /// Whether the notice was in time for the current period.
    pub notice_timely: bool,
    /// Last day of the period running on the notice date.
    pub current_period_end: NaiveDate,
    /// Last day a notice could arrive to end the contract at `current_period_end`.
    pub notice_deadline: NaiveDate,
    /// `"terms"`, or the statute that overrode them.
    pub regime: String,
    /// The end date the terms alone would give.
    pub as_written_end_date: NaiveDate,
    /// Last day of the initial term, where known.
    pub initial_term_end: Option<NaiveDate>,
    pub customer: CustomerType,
    /// The service kind whose rules were applied.
    pub service: String,
    /// The day the notice was received (given, or the as-of date).
    pub notice_date: NaiveDate,
    /// First day of the term after any alignment (e.g. Compri: the 1st of the next month).
    pub term_start: Option<NaiveDate>,
    /// The initial term used, in months (none for an indefinite contract).
    pub term_months: Option<u32>,
    /// The next period end after `current_period_end` under the regime applied, where periods
    /// are fixed (none when the contract can end on any day).
    pub next_period_end: Option<NaiveDate>,
}

impl Tabular for EndDateResult {
    fn visit_fields(&self, f: &mut dyn FnMut(&'static str, &'static str, Value<'_>)) {
        f("end_date", "Last day in force", Value::Date(self.end_date));
        f(
            "notice_timely",
            "Notice in time",
            Value::Bool(self.notice_timely),
        );
        f(
            "current_period_end",
            "Current period ends",
            Value::Date(self.current_period_end),
        );
        f(
            "notice_deadline",
            "Notice deadline",
            Value::Date(self.notice_deadline),
        );
        f("regime", "Regime", Value::Text(&self.regime));
        f(
            "as_written_end_date",
            "End date as written",
            Value::Date(self.as_written_end_date),
        );
        f("customer", "Customer", Value::Text(self.customer.as_str()));
        f("service", "Service", Value::Text(&self.service));
        f(
            "notice_date",
            "Notice received",
            Value::Date(self.notice_date),
        );
        f(
            "term_start",
            "Term start",
            Value::date_or_empty(self.term_start),
        );
        f(
            "term_months",
            "Initial term (months)",
            self.term_months
                .map_or(Value::Empty, |m| Value::Count(u64::from(m))),
        );
        f(
            "initial_term_end",
            "Initial term ends",
            Value::date_or_empty(self.initial_term_end),
        );
        f(
            "next_period_end",
            "Next period ends",
            Value::date_or_empty(self.next_period_end),
        );
    }
}

fn out_of_range() -> Error {
    Error::input("the dates are too far apart to compute: use dates from 1900 to 2199 and terms of at most 600 months")
}

fn months(d: NaiveDate, n: i64) -> Result<NaiveDate> {
    let n = i32::try_from(n).map_err(|_| out_of_range())?;
    calendar::add_months(d, n).ok_or_else(out_of_range)
}

/// The last day of a term or renewal period of `n` months from `start` (calendar.rs, Regulation
/// 1182/71 art. 3(2)(c)).
fn period_end(start: NaiveDate, n: i64) -> Result<NaiveDate> {
    let n = u32::try_from(n).map_err(|_| out_of_range())?;
    calendar::month_period_end(start, n).ok_or_else(out_of_range)
}

fn days(d: NaiveDate, n: i64) -> Result<NaiveDate> {
    calendar::add_days(d, n).ok_or_else(out_of_range)
}

/// How notice runs out: the notice period, then the alignment.
#[derive(Debug, Clone, Copy)]
struct NoticeRule {
    unit: NoticeUnit,
    length: u32,
    month_end: bool,
    holidays: HolidaySet,
    /// For the statutory overlay: at most this many months (the earlier of the terms' rule and
    /// receipt + the cap); one month, or three at a business end-user's express request.
    cap_months: Option<u32>,
}

impl NoticeRule {
    fn from_rules(r: &Rules) -> Self {
        NoticeRule {
            unit: r.notice.unit,
            length: r.notice.length,
            month_end: matches!(r.end_alignment, EndAlignment::EndOfCalendarMonth { .. }),
            holidays: r.holidays,
            cap_months: None,
        }
    }

    /// The last day in force for a notice received on `d`, before period ends are considered.
    fn end(&self, d: NaiveDate) -> Result<NaiveDate> {
        let n = i64::from(self.length);
        let raw = match self.unit {
            NoticeUnit::Months => months(d, n)?,
            NoticeUnit::CalendarMonths => {
                calendar::end_of_month(months(calendar::end_of_month(d), n)?)
            }
            NoticeUnit::Days => days(d, n)?,
            NoticeUnit::WorkingDays => {
                calendar::add_working_days(d, n, self.holidays).ok_or_else(out_of_range)?
            }
        };
        let aligned = if self.month_end {
            calendar::end_of_month(raw)
        } else {
            raw
        };
        if let Some(cap) = self.cap_months {
            Ok(aligned.min(months(d, i64::from(cap))?))
        } else {
            Ok(aligned)
        }
    }

    /// A day `lo` at or before `e` whose notice certainly runs out on or before `e`.
    fn span_days(&self) -> i64 {
        let n = i64::from(self.length);
        match self.unit {
            NoticeUnit::Months | NoticeUnit::CalendarMonths => 31 * (n + 2),
            NoticeUnit::Days => n + 31,
            NoticeUnit::WorkingDays => 4 * n + 45,
        }
    }

    /// The last day a notice can be received so that it runs out on or before `e` (and before
    /// `e` itself): the notice end never falls as the notice date rises, so the days that work
    /// form a run up to the deadline. The search starts from a guess (a notice period as long
    /// as one received on `e`), widens by doubling steps until it brackets the deadline, then
    /// halves the bracket.
    fn deadline_for(&self, e: NaiveDate) -> Result<NaiveDate> {
        // Too far back: the notice period is shorter than this (as before the guess was used).
        let reach = 21 * self.span_days();
        let works = |x: NaiveDate| -> Result<bool> { Ok(x < e && self.end(x)? <= e) };
        let span = (self.end(e)? - e).num_days().clamp(1, reach);
        let guess = days(e, -span)?;
        // Invariant once bracketed: works(lo) and !works(hi).
        let (mut lo, mut hi);
        if works(guess)? {
            lo = guess;
            let mut step = 1;
            loop {
                let x = days(lo, step)?;
                if !works(x)? {
                    hi = x;
                    break;
                }
                lo = x;
                step *= 2;
            }
        } else {
            hi = guess;
            let mut step = 1;
            loop {
                let x = days(hi, -step)?;
                if works(x)? {
                    lo = x;
                    break;
                }
                hi = x;
                if (e - x).num_days() > reach {
                    return Err(out_of_range());
                }
                step *= 2;
            }
        }
        while (hi - lo).num_days() > 1 {
            let mid = days(lo, (hi - lo).num_days() / 2)?;
            if works(mid)? {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Ok(lo)
    }
}

/// Where periods end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Renewing {
    /// The contract ends with the initial term.
    Ends,
    /// Fixed renewal periods.
    Fixed(u32, PeriodEnds),
    /// Any day after the initial term.
    AnyDay,
}

#[derive(Debug, Clone, Copy)]
struct Schedule {
    /// First day of the term (anchored).
    anchor: Option<NaiveDate>,
    term_months: Option<u32>,
    /// Last day of the initial term.
    e0: Option<NaiveDate>,
    renewing: Renewing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PeriodEnd {
    Date(NaiveDate),
    AnyDay,
    Ended(NaiveDate),
}

impl Schedule {
    /// The first period end on or after `d`.
    fn first_end_on_or_after(&self, d: NaiveDate) -> Result<PeriodEnd> {
        if let Some(e0) = self.e0 {
            if d <= e0 {
                return Ok(PeriodEnd::Date(e0));
            }
        }
        match (self.renewing, self.e0, self.anchor, self.term_months) {
            (Renewing::AnyDay, _, _, _) => Ok(PeriodEnd::AnyDay),
            (Renewing::Ends, Some(e0), _, _) => Ok(PeriodEnd::Ended(e0)),
            (Renewing::Fixed(m, PeriodEnds::Anniversary), Some(_), Some(anchor), Some(t)) => {
                // Period k ends in the month `t + k·m` months after the anchor's (or the one
                // before): while that is before `d`'s month the end is before `d`, so the search
                // starts at the first k that reaches it rather than walking every period.
                let (m, t) = (i64::from(m.max(1)), i64::from(t));
                let before = month_index(d) - month_index(anchor) - 1 - t;
                let mut k: i64 = if before >= 0 { before / m + 1 } else { 1 };
                loop {
                    let p = period_end(anchor, t + k * m)?;
                    if p >= d {
                        return Ok(PeriodEnd::Date(p));
                    }
                    k += 1;
                }
            }
            (Renewing::Fixed(m, PeriodEnds::MonthEnd), Some(e0), _, _) => {
                let first = days(e0, 1)?;
                // Period k ends with the month `k·m` months after `first`'s: every k whose month
                // is before `d`'s ends before `d` (see above).
                let m = i64::from(m.max(1));
                let gap = month_index(d) - month_index(first);
                let mut k: i64 = if gap > 0 { (gap + m - 1) / m } else { 0 };
                loop {
                    let p = calendar::end_of_month(months(first, k * m)?);
                    if p >= d {
                        return Ok(PeriodEnd::Date(p));
                    }
                    k += 1;
                }
            }
            // No initial term: nothing to renew; notice takes effect on any day.
            _ => Ok(PeriodEnd::AnyDay),
        }
    }

    fn next_after(&self, p: NaiveDate) -> Result<Option<NaiveDate>> {
        match self.first_end_on_or_after(days(p, 1)?)? {
            PeriodEnd::Date(n) => Ok(Some(n)),
            _ => Ok(None),
        }
    }
}

/// Months since year 0: the months between two dates' months is the difference.
fn month_index(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

/// What one regime (the terms, or the statutory overlay) gives for a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Evaluation {
    notice_runs_to: NaiveDate,
    end: NaiveDate,
    current_period_end: NaiveDate,
    deadline: NaiveDate,
    timely: bool,
    any_day: bool,
    next_period_end: Option<NaiveDate>,
}

fn evaluate(s: &Schedule, rule: &NoticeRule, r: NaiveDate) -> Result<Evaluation> {
    let runs_to = rule.end(r)?;
    match s.first_end_on_or_after(r)? {
        PeriodEnd::Ended(e0) => Err(Error::field(
            "notice",
            format!(
                "the contract already ended on {e0} at the end of its term (no renewal); a notice on {r} comes too late to matter"
            ),
        )),
        PeriodEnd::AnyDay => Ok(Evaluation {
            notice_runs_to: runs_to,
            end: runs_to,
            current_period_end: runs_to,
            deadline: rule.deadline_for(runs_to)?,
            timely: true,
            any_day: true,
            next_period_end: None,
        }),
        PeriodEnd::Date(cpe) => {
            let end = match s.first_end_on_or_after(runs_to)? {
                PeriodEnd::Date(p) => p,
                PeriodEnd::AnyDay => runs_to,
                // No renewal: the term ends by itself, whatever the notice.
                PeriodEnd::Ended(e0) => e0,
            };
            let ends_anyway = s.renewing == Renewing::Ends;
            Ok(Evaluation {
                notice_runs_to: runs_to,
                end,
                current_period_end: cpe,
                deadline: if ends_anyway {
                    cpe
                } else {
                    rule.deadline_for(cpe)?
                },
                timely: ends_anyway || runs_to <= cpe,
                any_day: false,
                next_period_end: s.next_after(cpe)?,
            })
        }
    }
}

/// Joins article lists ("12.2" and "12.2, 1 (Opzegging)") without repeating an article.
fn join_articles(lists: &[&str]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for part in lists.iter().flat_map(|l| l.split(", ")) {
        let part = part.trim();
        if !part.is_empty() && !out.contains(&part) {
            out.push(part);
        }
    }
    out.join(", ")
}

fn cite_reading(t: &mut Trace, c: Citation, text: String, reading: Option<&str>) {
    match reading {
        Some(r) => step_with_reading!(t, c, text, r),
        None => step!(t, c, text),
    }
}

/// Finds the service: the one asked for, the file's default, or the only one.
fn pick_service<'a>(
    p: &Provider,
    tr: &'a Termination,
    asked: Option<&str>,
) -> Result<&'a crate::terms::termination::Service> {
    match asked {
        Some(kind) => tr.service(kind).ok_or_else(|| {
            Error::field(
                "service",
                format!(
                    "'{}' is not a service in the terms of {}; use one of: {}",
                    crate::error::echo(kind),
                    p.display_name(),
                    tr.service_kinds()
                ),
            )
        }),
        None => {
            if let Some(d) = &tr.default_service {
                if let Some(s) = tr.service(d) {
                    return Ok(s);
                }
            }
            match tr.services.as_slice() {
                [only] => Ok(only),
                _ => Err(Error::field(
                    "service",
                    format!(
                        "required for {}: its termination rules differ per service; use one of: {}",
                        p.display_name(),
                        tr.service_kinds()
                    ),
                )),
            }
        }
    }
}

/// Warns when the provider file's default customer type decides the regime: another customer
/// type the terms are written for would be protected differently (e.g. Qupra's default reseller
/// loses Telecommunicatiewet art. 7.2a, which a business end-user has).
fn warn_default_customer(
    t: &mut Trace,
    p: &Provider,
    default: CustomerType,
    ecs: bool,
    notice: NaiveDate,
    term_months: Option<u32>,
) {
    let regime_of = |c: CustomerType| {
        (
            mandatory::applicable(c, ecs, notice).0,
            mandatory::consumer_term_capped(c, ecs, term_months),
        )
    };
    let mine = regime_of(default);
    let describe = |(o, capped): (Option<mandatory::Override>, bool)| {
        let base = o.map_or("the terms as written", |o| o.regime());
        if capped {
            format!("{base}, with the initial term capped at 24 months")
        } else {
            base.to_string()
        }
    };
    for &other in &p.audience.customers {
        if other != default && regime_of(other) != mine {
            t.warn(format!(
                "No customer type given: the provider file's default customer type ({default}) decides the regime here ({}); a {other} customer would get {}. Give the customer type if the customer is not a {default}.",
                describe(mine),
                describe(regime_of(other))
            ));
        }
    }
}

/// The steps that explain the notice period under the terms (only built when tracing).
fn notice_steps(
    t: &mut Trace,
    p: &Provider,
    tr: &Termination,
    rules: &Rules,
    rule: &NoticeRule,
    r: NaiveDate,
    terms_eval: &Evaluation,
) -> Result<()> {
    let raw_rule = NoticeRule {
        month_end: false,
        ..*rule
    };
    let raw_end = raw_rule.end(r)?;
    let n = rule.length;
    let plural = |unit: &str| {
        if n == 1 {
            format!("{n} {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    let mut notice_text = match rules.notice.unit {
        NoticeUnit::Months => format!(
            "Notice period of {}: the notice runs out on {r} + {} = {raw_end} (a day missing in that month becomes its last day).",
            plural("month"),
            plural("month")
        ),
        NoticeUnit::CalendarMonths => format!(
            "Notice period of at least {}: received in {}, so the notice runs to {raw_end}, the end of the {} calendar month after it.",
            plural("full calendar month"),
            r.format("%B %Y"),
            if n == 1 { "first".to_string() } else { format!("{n}th") }
        ),
        NoticeUnit::Days => format!(
            "Notice period of {}: the notice runs out on {r} + {} = {raw_end}.",
            plural("day"),
            plural("day")
        ),
        NoticeUnit::WorkingDays => format!(
            "Notice period of {}: counting from the day after {r}, the notice runs out on {raw_end} ({}).",
            plural("working day"),
            calendar::weekday_name(raw_end)
        ),
    };
    if rules.notice.unit == NoticeUnit::WorkingDays {
        let skipped: Vec<String> = (1..(raw_end - r).num_days())
            .filter_map(|i| calendar::add_days(r, i))
            .filter(|d| !calendar::is_working_day(*d, rules.holidays))
            .map(|d| match calendar::holiday_name(d, rules.holidays) {
                Some(h) => format!("{d} {h}"),
                None => format!("{d} {}", calendar::weekday_name(d)),
            })
            .collect();
        if !skipped.is_empty() {
            notice_text.push_str(&format!(" Not working days: {}.", skipped.join(", ")));
        }
    }
    cite_reading!(
        t,
        p.cite(rules.notice.article.clone()),
        notice_text,
        rules.notice.reading.as_deref(),
    );
    if rules.notice.unit == NoticeUnit::WorkingDays {
        if let Some(h) = &tr.holidays {
            cite_reading!(
                t,
                p.cite(h.article.clone()),
                format!("Working days: {}.", h.set.describe()),
                h.reading.as_deref(),
            );
        }
    }
    if let EndAlignment::EndOfCalendarMonth { article, reading } = rules.end_alignment {
        cite_reading!(
            t,
            p.cite(article.clone()),
            format!(
                "The end moves to the last day of that calendar month: {raw_end} -> {}.",
                terms_eval.notice_runs_to
            ),
            reading.as_deref(),
        );
    }
    let period_text = if terms_eval.any_day {
        format!(
            "Under the terms there are no fixed periods to wait for: the notice ends the contract on {}. A notice received up to {} gives the same end.",
            terms_eval.end, terms_eval.deadline
        )
    } else if terms_eval.timely {
        format!(
            "The period running on {r} ends on {}; notice had to arrive by {} (the last day whose notice period runs out on or before it). {r} is on or before that, so the notice is in time: the contract ends on {} under the terms.",
            terms_eval.current_period_end, terms_eval.deadline, terms_eval.end
        )
    } else {
        format!(
            "The period running on {r} ends on {}; notice had to arrive by {}. {r} is later, so the notice is too late for that period: the contract continues and ends on {}, the first period end on or after {}.",
            terms_eval.current_period_end, terms_eval.deadline, terms_eval.end, terms_eval.notice_runs_to
        )
    };
    let period_article = join_articles(&[rules.renewal.article(), &rules.notice.article]);
    t.step(p.cite(period_article), period_text);
    Ok(())
}

/// Works out the end date for a notice.
pub fn end_date(req: &EndDateRequest) -> Result<Outcome<EndDateResult>> {
    end_date_traced(req, true)
}

/// [`end_date`] with the steps kept only when `trace` is on (the warnings always are).
pub fn end_date_traced(req: &EndDateRequest, trace: bool) -> Result<Outcome<EndDateResult>> {
    let p = req.provider;
    let tr = p.termination.as_ref().ok_or_else(|| {
        Error::ProviderData(vec![crate::error::DataIssue {
            file: format!("{}.toml", p.id),
            position: None,
            key: "termination".into(),
            message: "the provider file has no [termination] section, which end-date needs".into(),
            hint: Some("add the section; providers/qupra.toml shows every key".into()),
        }])
    })?;
    let mut t = Trace::steps_if(trace);
    let r = req.notice;

    // Customer type.
    let customer = p.customer_or_default(req.customer);
    match req.customer {
        Some(c) => step!(
            t,
            Citation::input("customer"),
            format!("Customer type: {c}."),
        ),
        None => step!(
            t,
            p.cite(p.audience.article.clone()),
            format!(
                "Customer type: {customer} (the provider file's default; giving the customer type changes it)."
            ),
        ),
    }
    if !p.audience.customers.contains(&customer) {
        t.warn(format!(
            "The terms of {} are written for {} customers, not for a {customer}; mandatory law is applied all the same.",
            p.display_name(),
            p.audience_summary()
        ));
    }

    // Service.
    let service = pick_service(p, tr, req.service.as_deref())?;
    let ecs = if service.electronic_communications {
        "an electronic communications service"
    } else {
        "not an electronic communications service"
    };
    step!(
        t,
        match (&req.service, &service.article) {
            (Some(_), _) => Citation::input("service"),
            (None, Some(a)) => p.cite(a.clone()),
            (None, None) => Citation::convention("default service"),
        },
        format!(
            "Service: {} ({}), {ecs}{}.",
            service.kind,
            service.label,
            if req.service.is_none() {
                "; the only or default service in the terms"
            } else {
                ""
            }
        ),
    );

    // Initial term.
    if let Some(n) = req.term_months {
        if n == 0 || n > MAX_MONTHS {
            return Err(Error::field(
                "term-months",
                format!(
                    "{n} is not a possible term; use a whole number of months from 1 to {MAX_MONTHS}"
                ),
            ));
        }
    }
    if req.indefinite && req.term_months.is_some() {
        return Err(Error::field(
            "indefinite",
            "cannot be used with an agreed initial term in months: give the agreed initial term, or say that the contract was entered for an indefinite period, not both",
        ));
    }
    let base_initial = tr.rules(service, false).initial_term.clone();
    let term_agreed = req.term_months.is_some() && matches!(base_initial, InitialTerm::None { .. });
    let rules = tr.rules(service, term_agreed);
    let term_months: Option<u32> = match rules.initial_term {
        InitialTerm::Months {
            months: default,
            article,
            reading,
        } => {
            if req.indefinite {
                return Err(Error::field(
                    "indefinite",
                    format!(
                        "the terms of {} set an initial term of {default} months (art. {article}) and provide no contract for an indefinite period; leave it out, or give the agreed term in months instead",
                        p.display_name()
                    ),
                ));
            }
            let n = req.term_months.unwrap_or(*default);
            cite_reading!(
                &mut t,
                p.cite(article.clone()),
                match req.term_months {
                    Some(n) if n != *default => format!(
                        "Initial term: {n} months as agreed in the contract (the term given), instead of the default {default} months."
                    ),
                    _ => format!("Initial term: {n} months."),
                },
                reading.as_deref(),
            );
            Some(n)
        }
        InitialTerm::SetByContract {
            article,
            max_months,
            indefinite,
            reading,
        } => match (req.indefinite, indefinite) {
            (true, Some(a)) => {
                step!(
                    t,
                    p.cite(a.clone()),
                    "No initial term: the contract was entered for an indefinite period (as given), which the terms allow.".to_string(),
                );
                None
            }
            (true, None) => {
                return Err(Error::field(
                    "indefinite",
                    format!(
                        "the terms of {} leave the initial term to the contract (art. {article}) and provide no contract for an indefinite period; give the agreed term in months instead",
                        p.display_name()
                    ),
                ))
            }
            (false, _) => {
            let n = req.term_months.ok_or_else(|| {
                Error::field(
                    "term-months",
                    format!(
                        "required for {}: art. {article} leaves the initial term to the contract; give the agreed term in months, e.g. 12{}",
                        p.display_name(),
                        indefinite
                            .as_ref()
                            .map(|a| format!(", or say that the contract was entered for an indefinite period (art. {a})"))
                            .unwrap_or_default()
                    ),
                )
            })?;
            cite_reading!(
                &mut t,
                p.cite(article.clone()),
                format!("Initial term: {n} months as agreed in the contract (the terms leave it to the contract)."),
                reading.as_deref(),
            );
            if let Some(max) = max_months {
                if n > *max {
                    t.warn(format!(
                        "art. {article} allows an initial term of at most {max} months; {n} months was given."
                    ));
                }
            }
            Some(n)
            }
        },
        InitialTerm::None { article, reading } => {
            match req.term_months {
                Some(n) => {
                    cite_reading!(
                        &mut t,
                        p.cite(
                            tr.when_term_agreed
                                .as_ref()
                                .and_then(|w| w.article.clone())
                                .unwrap_or_else(|| article.clone())
                        ),
                        format!("Initial term: {n} months, a fixed term agreed in the contract (the terms' default is an indefinite contract)."),
                        reading.as_deref(),
                    );
                }
                None => cite_reading!(
                    &mut t,
                    p.cite(article.clone()),
                    if req.indefinite {
                        "No initial term: the contract runs for an indefinite period (as given).".into()
                    } else {
                        "No initial term: the contract runs for an indefinite period (no fixed term in months given).".into()
                    },
                    reading.as_deref(),
                ),
            }
            req.term_months
        }
    };
    // The term the contract states, and the term the law lets it bind: a consumer of an
    // electronic communications service cannot be bound beyond 24 months.
    let written_term = term_months;
    let capped =
        mandatory::consumer_term_capped(customer, service.electronic_communications, term_months);
    if customer.is_end_user()
        && service.electronic_communications
        && term_months.is_some_and(|n| n > mandatory::MAX_CONSUMER_TERM_MONTHS)
    {
        t.warn("An initial term over 24 months: Telecommunicatiewet art. 7.2a (EECC art. 105(1)) allows at most 24 months for consumers, and for micro and small enterprises unless they waived it.");
    }
    let term_months = if capped {
        let n = term_months.unwrap_or_default();
        step!(
            t,
            Citation::statute(crate::law::TW, "7.2a"),
            format!(
                "Mandatory law: a consumer of an electronic communications service cannot be bound to an initial term over {max} months (Telecommunicatiewet art. 7.2a, EECC art. 105(1)); the {n} months agreed bind for {max} months only, so the initial term is computed as {max} months.",
                max = mandatory::MAX_CONSUMER_TERM_MONTHS
            ),
        );
        Some(mandatory::MAX_CONSUMER_TERM_MONTHS)
    } else {
        term_months
    };
    // Start of the term.
    if let Some(s) = req.start {
        if r < s {
            return Err(Error::field(
                "notice",
                format!(
                    "the notice date {r} is before the start {s}; give a notice date on or after the start date"
                ),
            ));
        }
    }
    let anchor = match (term_months, req.start) {
        (Some(_), None) => {
            return Err(Error::field(
                "start",
                format!(
                    "required for {}: the initial term runs from {} (art. {}); give the first day as YYYY-MM-DD",
                    p.display_name(),
                    rules.term_start.kind.describe(),
                    rules.term_start.article
                ),
            ))
        }
        (Some(_), Some(s)) => {
            let a = match rules.term_start.kind {
                StartKind::FirstOfNextFullMonth if s.day() != 1 => {
                    days(calendar::end_of_month(s), 1)?
                }
                _ => s,
            };
            cite_reading!(
                &mut t,
                p.cite(rules.term_start.article.clone()),
                if a == s {
                    format!(
                        "The term starts on {s}: {} (the start date given).",
                        rules.term_start.kind.describe()
                    )
                } else {
                    format!(
                        "Commencement {s} is not the 1st of a month, so the term starts on {a}, the first day of the next full calendar month; the days before are billed pro rata."
                    )
                },
                rules.term_start.reading.as_deref(),
            );
            Some(a)
        }
        (None, _) => None,
    };
    let e0 = match (anchor, term_months) {
        (Some(a), Some(n)) => {
            let e = period_end(a, i64::from(n))?;
            step!(
                t,
                Citation::statute(PERIODS, "3(2)(c)"),
                format!(
                    "The initial term's last day: {a} + {n} months ends on {e} ({}).",
                    calendar::month_period_end_reason(a, n)
                ),
            );
            Some(e)
        }
        _ => None,
    };

    // Renewal.
    let renewing = match rules.renewal {
        Renewal::None { .. } => Renewing::Ends,
        Renewal::Fixed {
            months,
            period_ends,
            ..
        } => {
            if e0.is_none() {
                Renewing::AnyDay
            } else {
                Renewing::Fixed(*months, *period_ends)
            }
        }
        Renewal::Indefinite { .. } => Renewing::AnyDay,
    };
    let renewal_text = || {
        match rules.renewal {
        Renewal::None { .. } => "There is no renewal: the contract ends with its term.".to_string(),
        Renewal::Fixed {
            months,
            period_ends: PeriodEnds::Anniversary,
            ..
        } => format!(
            "Without timely notice the contract renews tacitly for {months} months each time; each period ends on the day before the term start's day of the month (initial term + k x {months}) months on, or on that month's last day where it lacks that day (Regulation 1182/71 art. 3(2)(c))."
        ),
        Renewal::Fixed {
            months,
            period_ends: PeriodEnds::MonthEnd,
            ..
        } => format!(
            "Without timely notice the contract renews by {months} calendar month(s) at a time: first to the end of the month in which the initial term ends, then by calendar months."
        ),
        Renewal::Indefinite { .. } => {
            if e0.is_some() {
                "After the initial term the contract runs for an indefinite period: notice takes effect on any day the notice period allows.".to_string()
            } else {
                "The contract runs for an indefinite period: notice takes effect on any day the notice period allows.".to_string()
            }
        }
    }
    };
    cite_reading!(
        &mut t,
        p.cite(rules.renewal.article().to_string()),
        renewal_text(),
        rules.renewal.reading(),
    );
    let schedule = Schedule {
        anchor,
        term_months,
        e0,
        renewing,
    };
    // The schedule the contract states, where the law shortened its initial term.
    let written_schedule = match (capped, anchor, written_term) {
        (true, Some(a), Some(n)) => Some(Schedule {
            term_months: written_term,
            e0: Some(period_end(a, i64::from(n))?),
            ..schedule
        }),
        _ => None,
    };

    // Notice.
    let mut rule = NoticeRule::from_rules(&rules);
    if req.requested_notice {
        let Some(o) = &rules.notice.on_request else {
            return Err(Error::field(
                "requested-notice",
                format!(
                    "the terms of {} offer no longer notice period at the customer's request; leave it out",
                    p.display_name()
                ),
            ));
        };
        rule.length = o.length;
        step!(
            t,
            p.cite(o.article.clone()),
            format!(
                "The customer expressly asked for the longer notice period the terms offer (as given): {} instead of {}.",
                o.length, rules.notice.length
            ),
        );
    }
    step!(
        t,
        if req.notice == req.as_of {
            Citation::input_defaulted("notice", "as-of")
        } else {
            Citation::input("notice")
        },
        format!(
            "The notice is received on {r} ({}); the day of receipt counts.",
            calendar::weekday_name(r)
        ),
    );
    let terms_eval = evaluate(&schedule, &rule, r)?;
    if t.keeps_steps() {
        notice_steps(&mut t, p, tr, &rules, &rule, r, &terms_eval)?;
    }
    let form = rules.notice_form;
    if let Some(w) = &form.warning {
        t.warn(format!("art. {}: {w}", form.article));
    }
    cite_reading!(
        &mut t,
        p.cite(form.article.clone()),
        format!(
            "Form: notice {}{}. termcalc takes the date of receipt as given and does not move it for the form.",
            form.form.describe(),
            form.detail
                .as_ref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default()
        ),
        form.reading.as_deref(),
    );

    // Mandatory law.
    let (overlay, why) = mandatory::applicable(customer, service.electronic_communications, r);
    let mut chosen = terms_eval;
    let mut regime: &'static str = "terms";
    // The notice the law allows: one month; three at a business end-user's express request.
    let cap_months = if req.requested_notice && customer == CustomerType::Business {
        mandatory::MAX_REQUESTED_NOTICE_MONTHS_BUSINESS
    } else {
        MAX_NOTICE_MONTHS.unsigned_abs()
    };
    // For the step texts only.
    let cap_span = || {
        if cap_months == 1 {
            "1 month".to_string()
        } else {
            format!("{cap_months} months")
        }
    };
    let cap_words = || {
        if cap_months == 1 {
            "one month".to_string()
        } else {
            format!("{cap_months} months (the longer notice the customer asked for)")
        }
    };
    match overlay {
        None => step!(
            t,
            Citation::statute(crate::law::TW, "7.2a"),
            format!("Mandatory law: {why}."),
        ),
        Some(o) => {
            let overlay_rule = NoticeRule {
                cap_months: Some(cap_months),
                ..rule
            };
            let overlay_schedule = Schedule {
                renewing: if renewing == Renewing::Ends {
                    Renewing::Ends
                } else {
                    Renewing::AnyDay
                },
                ..schedule
            };
            let law_eval = evaluate(&overlay_schedule, &overlay_rule, r)?;
            if law_eval.end < terms_eval.end && t.keeps_steps() {
                let cap = months(r, i64::from(cap_months))?;
                let (cap_span, cap_words) = (cap_span(), cap_words());
                let notice_rule_text = match rules.end_alignment {
                    EndAlignment::EndOfCalendarMonth { article, .. }
                        if *article == rules.notice.article =>
                    {
                        format!(
                            "the notice with the month-end alignment of art. {article} would take more than {cap_words}"
                        )
                    }
                    EndAlignment::EndOfCalendarMonth { article, .. } => format!(
                        "the notice of art. {} with the month-end alignment of art. {article} would take more than {cap_words}",
                        rules.notice.article
                    ),
                    EndAlignment::None { .. } => format!(
                        "the notice rule of art. {} would take more than {cap_words}",
                        rules.notice.article
                    ),
                };
                let set_aside = match rules.renewal {
                    Renewal::Fixed { article, .. } if !terms_eval.timely && !law_eval.timely => {
                        format!(
                            "the tacit renewal of art. {article} cannot hold the customer for another period"
                        )
                    }
                    _ => notice_rule_text,
                };
                let when = match e0 {
                    Some(e) => format!(
                        "the later of the initial term's last day {e} and {r} + {cap_span} = {cap}"
                    ),
                    None => format!("{r} + {cap_span} = {cap}"),
                };
                t.step(
                    o.citation(),
                    format!(
                        "Mandatory law: {why}. {}, so {set_aside}; that clause is set aside. The contract ends on {when}: {} instead of {}.",
                        if e0.is_some() {
                            format!("Notice may take at most {cap_words}, and after the initial term the contract can be ended on any day")
                        } else {
                            format!("A contract for an indefinite period can be ended on any day with a notice of at most {cap_words}")
                        },
                        law_eval.end, terms_eval.end
                    ),
                );
            }
            if law_eval.end < terms_eval.end {
                chosen = law_eval;
                regime = o.regime();
            } else {
                step!(
                    t,
                    o.citation(),
                    format!(
                        "Mandatory law: {why}. It allows ending with a notice of at most {}{} ({}); the terms give {} already, which is no later, so they stand.",
                        cap_words(),
                        if e0.is_some() { " after the initial term" } else { "" },
                        law_eval.end, terms_eval.end
                    ),
                );
            }
        }
    }
    // The end the terms alone give: with the term the contract states.
    let as_written_end = match &written_schedule {
        Some(w) => evaluate(w, &rule, r)?.end,
        None => terms_eval.end,
    };
    // The consumer cap is mandatory law too: where it moved the end, the regime names it.
    if capped && regime == "terms" && chosen.end < as_written_end {
        regime = mandatory::Override::Tw72a.regime();
    }
    // A regime other than the terms means the law moved the end: where the contract as written
    // (its own, uncapped term) ends on the same day, the terms stand.
    if chosen.end >= as_written_end {
        regime = "terms";
    }
    if req.customer.is_none() {
        warn_default_customer(
            &mut t,
            p,
            customer,
            service.electronic_communications,
            r,
            written_term,
        );
    }
    step!(
        t,
        Citation::convention("last day in force"),
        format!(
            "Result: the contract is in force up to and including {} (regime: {regime}).",
            chosen.end
        ),
    );

    let result = EndDateResult {
        end_date: chosen.end,
        notice_timely: chosen.timely,
        current_period_end: chosen.current_period_end,
        notice_deadline: chosen.deadline,
        regime: regime.to_string(),
        as_written_end_date: as_written_end,
        initial_term_end: e0,
        customer,
        service: service.kind.clone(),
        notice_date: r,
        term_start: anchor,
        term_months,
        next_period_end: chosen.next_period_end,
    };
    Ok(t.finish(result))
}

/// A change the provider announced (price increase, change of terms or of the service), for
/// the special termination rights of the terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeNotice {
    pub kind: SpecialKind,
    /// The day the change was announced to the customer.
    pub announced: NaiveDate,
    /// The day the change takes effect, where the announcement names one.
    pub effective: Option<NaiveDate>,
    /// The day the provider received the customer's objection to the change, where the right
    /// depends on an objection (e.g. VOIPZeker 7.7).
    pub objection: Option<NaiveDate>,
}

/// The special-right kinds a `change` accepts.
pub const CHANGE_KINDS: [SpecialKind; 3] = [
    SpecialKind::PriceIncrease,
    SpecialKind::TermsChange,
    SpecialKind::ServiceChange,
];

/// End date for a notice given in reaction to an announced change: the special right of the
/// terms where the notice is within its window, otherwise (or where it gives a later end)
/// ordinary notice as computed by [`end_date`].
pub fn end_date_after_change(
    req: &EndDateRequest,
    change: &ChangeNotice,
) -> Result<Outcome<EndDateResult>> {
    end_date_after_change_traced(req, change, true)
}

/// [`end_date_after_change`] with the steps kept only when `trace` is on.
pub fn end_date_after_change_traced(
    req: &EndDateRequest,
    change: &ChangeNotice,
    trace: bool,
) -> Result<Outcome<EndDateResult>> {
    let ordinary = end_date_traced(req, trace)?;
    let p = req.provider;
    let r = req.notice;
    let kind = change.kind.describe();
    if r < change.announced {
        return Err(Error::field(
            "notice",
            format!(
                "the notice date {r} is before the change was announced ({}); give a notice date on or after the announcement",
                change.announced
            ),
        ));
    }
    let tr = match &p.termination {
        Some(tr) => tr,
        None => return Ok(ordinary),
    };
    let customer = ordinary.result.customer;
    let rights: Vec<&SpecialRight> = tr
        .special_rights
        .iter()
        .filter(|s| s.kind == change.kind)
        .collect();
    // Without a rule in the terms, end-users of an electronic communications service still have
    // the statutory right to end the contract free of charge (Telecommunicatiewet art. 7.2).
    let ecs = tr
        .service(&ordinary.result.service)
        .is_none_or(|s| s.electronic_communications);
    // A rule the terms give only to other customer types (e.g. Compri 3.2, consumers only) is no
    // rule for this customer either.
    let only_for_others = !rights.is_empty()
        && rights
            .iter()
            .all(|s| s.right && s.customers.as_ref().is_some_and(|c| !c.contains(&customer)));
    let statutory = ((rights.is_empty() || only_for_others) && ecs && customer.is_end_user())
        .then(|| mandatory::statutory_change_right(change.kind));
    if rights.is_empty() && statutory.is_none() {
        let mut kinds: Vec<&str> = tr
            .special_rights
            .iter()
            .filter(|s| s.right && CHANGE_KINDS.contains(&s.kind))
            .map(|s| s.kind.as_str())
            .collect();
        kinds.dedup();
        return Err(Error::field("change", format!(
            "the terms of {} have no rule for a {kind}, and the statutory right of Telecommunicatiewet art. 7.2 is for end-users (consumer or business customers) of an electronic communications service, not for a {customer}{}; kinds with a rule: {}",
            p.display_name(),
            if ecs { "" } else { " of this service" },
            if kinds.is_empty() {
                "none".to_string()
            } else {
                kinds.join(", ")
            }
        )));
    }
    let rights: Vec<&SpecialRight> = match &statutory {
        Some(s) => vec![s],
        None => rights,
    };
    // The statutory right cites the statute; the terms' rights cite the provider's article.
    let cite_right = |r: &SpecialRight| {
        if statutory.is_some() {
            Citation::statute(crate::law::TW, r.article.clone())
        } else {
            p.cite(r.article.clone())
        }
    };
    let mut t = Trace::steps_if(trace);
    t.steps = ordinary.steps.clone();
    t.warnings = ordinary.warnings.clone();
    if let Some(last) = t.steps.last_mut() {
        if last.citation == Citation::convention("last day in force") {
            last.text = format!(
                "With ordinary notice the contract is in force up to and including {} (regime: {}).",
                ordinary.result.end_date, ordinary.result.regime
            );
        }
    }
    if statutory.is_some() {
        step!(
            t,
            Citation::statute(crate::law::TW, "7.2"),
            format!(
                "{}. Mandatory law: the provider must let an end-user end the contract free of charge when it changes the terms, a price increase included (Telecommunicatiewet art. 7.2; EECC art. 105(4)); that right applies.",
                if only_for_others {
                    format!(
                        "The terms of {} give a right for a {kind} only to other customers than a {customer}",
                        p.display_name()
                    )
                } else {
                    format!("The terms of {} have no rule for a {kind}", p.display_name())
                }
            ),
        );
        if customer == CustomerType::Business {
            t.warn("The statutory right of Telecommunicatiewet art. 7.2 is applied to a business customer: since the EECC implementation it is certain for micro and small enterprises and not-for-profit organisations (which may waive it); check that it covers this customer.");
        }
    }
    let applies =
        |s: &&&SpecialRight| s.right && s.customers.as_ref().is_none_or(|c| c.contains(&customer));
    let Some(right) = rights.iter().find(applies).copied() else {
        let s = rights[0];
        let text = if !s.right {
            format!(
                "Announced {kind} on {}: the terms give no right to terminate for it ({}). Ordinary notice applies: {}.",
                change.announced, s.condition, ordinary.result.end_date
            )
        } else {
            let who: Vec<&str> = s.customers.iter().flatten().map(|c| c.as_str()).collect();
            format!(
                "Announced {kind} on {}: the right of art. {} is only for {} customers, not for a {customer}. Ordinary notice applies: {}.",
                change.announced,
                s.article,
                who.join(", "),
                ordinary.result.end_date
            )
        };
        cite_reading!(
            &mut t,
            p.cite(s.article.clone()),
            text,
            s.reading.as_deref(),
        );
        return Ok(t.finish(ordinary.result));
    };
    // Every rule of this kind is weighed, not only the first in the file: name the others and
    // why this one was used (issue 13: file order must not decide silently).
    for other in rights.iter().copied().filter(|o| !std::ptr::eq(*o, right)) {
        let why = if !other.right {
            format!(
                "the terms give no right to terminate in that case ({}); if the {kind} is of that kind, ordinary notice applies instead",
                other.condition
            )
        } else {
            let who: Vec<&str> = other
                .customers
                .iter()
                .flatten()
                .map(|c| c.as_str())
                .collect();
            format!("that right is only for {} customers", who.join(", "))
        };
        step!(
            t,
            p.cite(other.article.clone()),
            format!(
                "Another rule for a {kind}, art. {}, is not the one applied: {why}. termcalc applies art. {}.",
                other.article, right.article
            ),
        );
    }
    let needs_effective = right.ends == SpecialEnd::DayBeforeEffective
        || !matches!(right.window, Window::DaysAfterAnnouncement { .. });
    let effective = match (change.effective, right.effective_after_months) {
        (Some(e), _) => {
            step!(
                t,
                Citation::input("change-effective"),
                format!(
                    "The {kind} announced on {} takes effect on {e}, as announced.",
                    change.announced
                ),
            );
            Some(e)
        }
        (None, Some(m)) => {
            let e = months(change.announced, i64::from(m))?;
            step!(
                t,
                cite_right(right),
                format!(
                    "The {kind} announced on {} takes effect {m} month(s) later: {} + {m} month(s) = {e} (no other effective date given).",
                    change.announced, change.announced
                ),
            );
            Some(e)
        }
        (None, None) if needs_effective => {
            return Err(Error::field(
                "change-effective",
                format!(
                    "required for a {kind} with {}: art. {} states no date on which it takes effect; give the announced date as YYYY-MM-DD",
                    p.display_name(),
                    right.article
                ),
            ))
        }
        (None, None) => None,
    };
    if let Some(e) = effective {
        if e < change.announced {
            return Err(Error::field(
                "change-effective",
                format!(
                    "{e} is before the announcement {}; give a date on or after the announcement",
                    change.announced
                ),
            ));
        }
    }
    let mut condition = format!(
        "Special right of art. {}: {}",
        right.article, right.condition
    );
    if let Some(pct) = right.threshold_percent {
        condition.push_str(&format!(" (an increase of more than {pct}%)"));
    }
    condition.push_str(". termcalc assumes the condition is met; check it.");
    cite_reading!(
        &mut t,
        cite_right(right),
        condition,
        right.reading.as_deref(),
    );
    t.warn(format!(
        "The special right of art. {} applies only if its condition is met: {}.",
        right.article, right.condition
    ));
    // Only reached without an effective date when neither the window nor the end needs one.
    let effective = effective.unwrap_or(change.announced);
    let day_before = days(effective, -1)?;
    if let Window::AfterObjection {
        objection_days,
        agreement_days,
    } = &right.window
    {
        let Some(o) = change.objection else {
            return Err(Error::field(
                "objection",
                format!(
                    "required for a {kind} with {}: art. {} gives the right to end only after the customer objected; give the day the objection was received as YYYY-MM-DD",
                    p.display_name(),
                    right.article
                ),
            ));
        };
        if o < change.announced {
            return Err(Error::field(
                "objection",
                format!(
                    "{o} is before the announcement {}; give a date on or after the announcement",
                    change.announced
                ),
            ));
        }
        if o > r {
            return Err(Error::field(
                "objection",
                format!(
                    "{o} is after the notice {r}; the notice follows the objection, so give an objection date on or before the notice date"
                ),
            ));
        }
        let last = days(change.announced, i64::from(*objection_days))?;
        if o > last {
            step!(
                t,
                cite_right(right),
                format!(
                    "The objection had to be received within {objection_days} days after the announcement: {} + {objection_days} days = {last}. It was received on {o}, too late, so the right to end does not arise: ordinary notice applies ({}).",
                    change.announced, ordinary.result.end_date
                ),
            );
            return Ok(t.finish(ordinary.result));
        }
        let from = days(o, i64::from(*agreement_days) + 1)?;
        let agreed_text = if *agreement_days == 0 {
            String::new()
        } else {
            format!(
                " (the {agreement_days} days {}..{} without agreement)",
                days(o, 1)?,
                days(o, i64::from(*agreement_days))?
            )
        };
        if r < from {
            step!(
                t,
                cite_right(right),
                format!(
                    "The objection of {o} was in time (by {} + {objection_days} days = {last}). The right to end arises only when the parties have not agreed within {agreement_days} days after the objection, so from {o} + {} days = {from}{agreed_text}; the notice of {r} comes before that, so ordinary notice applies ({}).",
                    change.announced,
                    agreement_days + 1,
                    ordinary.result.end_date
                ),
            );
            return Ok(t.finish(ordinary.result));
        }
        step!(
            t,
            cite_right(right),
            format!(
                "The objection of {o} was in time (by {} + {objection_days} days = {last}). Without agreement within {agreement_days} days after it, the right to end exists from {o} + {} days = {from}{agreed_text}; the notice of {r} is on or after that day.",
                change.announced,
                agreement_days + 1
            ),
        );
    } else if change.objection.is_some() {
        t.warn(format!(
            "The objection date given is not used: art. {} does not make the right depend on an objection.",
            right.article
        ));
    }
    let (window_end, window_text) = match &right.window {
        Window::AfterObjection { .. } => (
            r,
            "after the objection and the days to agree, with no closing date in the terms".to_string(),
        ),
        Window::DaysAfterAnnouncement { days: n } => {
            let w = days(change.announced, i64::from(*n))?;
            (
                w,
                format!(
                    "within {n} days after the announcement: {} + {n} = {w}",
                    change.announced
                ),
            )
        }
        Window::OnOrBeforeEffectiveDate => (
            effective,
            format!("at the latest on the day the change takes effect, {effective}"),
        ),
        Window::BeforeEffectiveDate => (
            day_before,
            format!("before the change takes effect, so by {day_before}"),
        ),
        Window::NotStated | Window::AfterMonthsOfEvent { .. } => (
            day_before,
            format!(
                "the terms state no window; termcalc reads it as before the change takes effect, so by {day_before}"
            ),
        ),
    };
    if r > window_end {
        step!(
            t,
            cite_right(right),
            format!(
                "The notice must arrive {window_text}. It arrived on {r}, too late for this right: ordinary notice applies ({}).",
                ordinary.result.end_date
            ),
        );
        return Ok(t.finish(ordinary.result));
    }
    let (special_end, end_text) = match right.ends {
        SpecialEnd::DayBeforeEffective => (
            day_before,
            format!(
                "the contract ends before the change applies: last day in force {effective} - 1 day = {day_before}{}",
                if day_before < r {
                    " (a day before the notice arrived: the new terms never apply)"
                } else {
                    ""
                }
            ),
        ),
        SpecialEnd::OnReceipt => (r, format!("the contract ends on receipt, {r}")),
        SpecialEnd::OrdinaryNotice => (
            ordinary.result.end_date,
            "the ordinary notice period applies".to_string(),
        ),
    };
    step!(
        t,
        cite_right(right),
        format!(
            "The notice must arrive {window_text}; {r} is in time, so {end_text}{}{}.",
            if right.buyout {
                ""
            } else {
                ", without an early-termination sum"
            },
            right
                .form
                .map(|f| format!(" (form: {})", f.describe()))
                .unwrap_or_default()
        ),
    );
    let mut result = ordinary.result.clone();
    if special_end < ordinary.result.end_date {
        if special_end < r {
            // The one case where the end precedes the notice: say so, it is easy to misread.
            t.warn(format!(
                "The last day in force, {special_end}, is before the notice arrived ({r}): art. {} ends the contract the day before the change took effect, so the change never applies.",
                right.article
            ));
        }
        result.end_date = special_end;
        result.notice_timely = true;
        result.current_period_end = special_end;
        result.notice_deadline = window_end;
        result.regime = if statutory.is_some() {
            format!("{} art. 7.2", crate::law::TW)
        } else {
            "terms".to_string()
        };
        result.as_written_end_date = special_end.min(ordinary.result.as_written_end_date);
        result.next_period_end = None;
        step!(
            t,
            Citation::convention("last day in force"),
            format!(
                "Result: the special right ends the contract on {special_end}, before the ordinary end {}.",
                ordinary.result.end_date
            ),
        );
    } else {
        step!(
            t,
            Citation::convention("last day in force"),
            format!(
                "Result: ordinary notice already ends the contract on {}, no later than the special right ({special_end}); that date stands.",
                ordinary.result.end_date
            ),
        );
    }
    Ok(t.finish(result))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        calendar::parse_date(s).unwrap()
    }

    fn rule(unit: NoticeUnit, length: u32, month_end: bool) -> NoticeRule {
        NoticeRule {
            unit,
            length,
            month_end,
            holidays: HolidaySet::Atw,
            cap_months: None,
        }
    }

    #[test]
    fn month_deadline_uses_the_clamp() {
        // 2025-05-31 + 1 month = 2025-06-30, so a period ending 06-30 has deadline 05-31.
        let m = rule(NoticeUnit::Months, 1, false);
        assert_eq!(m.deadline_for(d("2025-06-30")).unwrap(), d("2025-05-31"));
        // 2025-02-14 + 1 month = 2025-03-14.
        assert_eq!(m.deadline_for(d("2025-03-14")).unwrap(), d("2025-02-14"));
        // 2024-01-31 + 1 month = 2024-02-29 (leap year).
        assert_eq!(m.deadline_for(d("2024-02-29")).unwrap(), d("2024-01-31"));
    }

    #[test]
    fn calendar_month_deadline() {
        // VOIPZeker 4.4 R1: a period ending 2025-03-14 needs the notice by 2025-01-31.
        let c = rule(NoticeUnit::CalendarMonths, 1, false);
        assert_eq!(c.end(d("2025-05-15")).unwrap(), d("2025-06-30"));
        assert_eq!(c.end(d("2025-04-30")).unwrap(), d("2025-05-31"));
        assert_eq!(c.deadline_for(d("2025-03-14")).unwrap(), d("2025-01-31"));
        assert_eq!(c.deadline_for(d("2025-03-31")).unwrap(), d("2025-02-28"));
    }

    #[test]
    fn working_day_notice() {
        // Friday 2025-04-25 + 1 working day: Sat 26 (Koningsdag), Sun 27 -> Monday 28.
        let w = rule(NoticeUnit::WorkingDays, 1, false);
        assert_eq!(w.end(d("2025-04-25")).unwrap(), d("2025-04-28"));
        assert_eq!(w.deadline_for(d("2025-04-28")).unwrap(), d("2025-04-27"));
    }

    #[test]
    fn articles_are_not_repeated() {
        assert_eq!(
            join_articles(&["12.2", "12.2, 1 (Opzegging)"]),
            "12.2, 1 (Opzegging)"
        );
        assert_eq!(join_articles(&["5.1.c", "5.1.c"]), "5.1.c");
        assert_eq!(join_articles(&["4.3", "4.4"]), "4.3, 4.4");
    }

    /// The period search starts near `d` instead of walking from the first renewal: it must
    /// find the same period end as the walk, for anniversaries and month ends, on every day of
    /// three years, with anchors on the 1st, the 15th, the 29th, 30th and 31st.
    #[test]
    fn period_search_matches_the_walk() {
        fn walk(s: &Schedule, d: NaiveDate) -> NaiveDate {
            let e0 = s.e0.unwrap();
            if d <= e0 {
                return e0;
            }
            match s.renewing {
                Renewing::Fixed(m, PeriodEnds::Anniversary) => (1..)
                    .map(|k| {
                        period_end(s.anchor.unwrap(), i64::from(s.term_months.unwrap() + k * m))
                            .unwrap()
                    })
                    .find(|&p| p >= d)
                    .unwrap(),
                Renewing::Fixed(m, PeriodEnds::MonthEnd) => (0..)
                    .map(|k| {
                        calendar::end_of_month(
                            months(days(e0, 1).unwrap(), i64::from(k * m)).unwrap(),
                        )
                    })
                    .find(|&p| p >= d)
                    .unwrap(),
                _ => unreachable!(),
            }
        }
        for anchor in [
            "2024-01-01",
            "2024-01-15",
            "2024-01-29",
            "2024-01-30",
            "2024-01-31",
            "2023-08-31",
        ] {
            let anchor = d(anchor);
            for t in [1, 12, 24] {
                for m in [1, 3, 12] {
                    for ends in [PeriodEnds::Anniversary, PeriodEnds::MonthEnd] {
                        let s = Schedule {
                            anchor: Some(anchor),
                            term_months: Some(t),
                            e0: Some(period_end(anchor, i64::from(t)).unwrap()),
                            renewing: Renewing::Fixed(m, ends),
                        };
                        for i in 0..365 * 3 {
                            let day = days(anchor, i).unwrap();
                            assert_eq!(
                                s.first_end_on_or_after(day).unwrap(),
                                PeriodEnd::Date(walk(&s, day)),
                                "{anchor} {t} {m} {ends:?} {day}"
                            );
                        }
                    }
                }
            }
        }
    }

    /// The deadline search finds the last day whose notice runs out on or before the end, as a
    /// plain scan of the days before it does, for every notice unit, with and without month-end
    /// alignment and the statutory cap, for every end day of two years.
    #[test]
    fn deadline_matches_a_scan() {
        let scan = |r: &NoticeRule, e: NaiveDate| {
            (1..400)
                .map(|i| days(e, -i).unwrap())
                .find(|&x| r.end(x).unwrap() <= e)
                .unwrap()
        };
        for (unit, length) in [
            (NoticeUnit::Months, 1),
            (NoticeUnit::Months, 3),
            (NoticeUnit::CalendarMonths, 1),
            (NoticeUnit::CalendarMonths, 2),
            (NoticeUnit::Days, 0),
            (NoticeUnit::Days, 30),
            (NoticeUnit::WorkingDays, 1),
            (NoticeUnit::WorkingDays, 10),
        ] {
            for month_end in [false, true] {
                for cap in [None, Some(1)] {
                    let mut r = rule(unit, length, month_end);
                    r.cap_months = cap;
                    for i in 0..731 {
                        let e = days(d("2024-01-01"), i).unwrap();
                        assert_eq!(
                            r.deadline_for(e).unwrap(),
                            scan(&r, e),
                            "{unit:?} {length} {month_end} {cap:?} {e}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn overlay_cap() {
        let mut c = rule(NoticeUnit::Months, 1, true);
        c.cap_months = Some(1);
        assert_eq!(c.end(d("2025-05-10")).unwrap(), d("2025-06-10"));
    }
}
