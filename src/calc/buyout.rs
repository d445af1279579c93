//! Buyout (afkoopsom): what leaving before the regular end costs. The end-date rules give the
//! regular end the customer is bound to; the provider's buyout clause (`terms::buyout`) then
//! prices the days after the leaving day, within the limits of mandatory law
//! (Telecommunicatiewet art. 7.2a for end-users after the initial term).
//!
//! Conventions (each is also written in a step):
//! - The window is the days after the leaving day through the regular end, both as dates
//!   inclusive: the leaving day itself is the last day of service and is not in the window.
//! - Months are calendar months. A month fully inside the window counts 1; a month partly
//!   inside counts (days of it in the window) / (days in that month) under the usual
//!   `pro_rata_days` rule. The shown `remaining_months` is rounded to 4 decimals (half away
//!   from zero); amounts use the exact fractions.
//! - Each component is rounded once, half away from zero, to cents; the total is the sum of the
//!   rounded components; VAT (21 %) is rounded the same way.

use crate::calc::termination::{end_date_traced, EndDateRequest, EndDateResult};
use crate::calendar::{add_days, days_in_month, end_of_month};
use crate::error::{DataIssue, Error, Result};
use crate::law::mandatory::{self, Override};
use crate::money::{fmt_amount, fmt_plain, round_cents, ser_amount, ser_plain};
use crate::report::{Citation, Detail, Outcome, Tabular, Trace, Value};
use crate::terms::buyout::{Buyout, PartialMonthKind, Rule, Scope, When};
use crate::terms::{CustomerType, Provider};
use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

/// The VAT rate on buyout sums (Wet OB 1968 art. 9 lid 1): the general rate.
pub use crate::law::VAT_PERCENT;

/// The question "if the customer leaves on this day, what does it cost?".
#[derive(Debug, Clone)]
pub struct BuyoutRequest<'a> {
    pub provider: &'a Provider,
    /// First day of the term; with `not_delivered`, the day the contract was concluded.
    pub start: NaiveDate,
    /// The last day the customer wants the service (the `end` field).
    pub leaving_day: NaiveDate,
    /// The day the notice arrives.
    pub notice: NaiveDate,
    /// Fixed recurring monthly fees, excluding VAT, at the contract price.
    pub monthly: Decimal,
    /// The undiscounted list price per month, where the terms make discounts lapse.
    pub list_monthly: Option<Decimal>,
    pub term_months: Option<u32>,
    /// Average monthly usage charges invoiced so far, excluding VAT.
    pub usage_monthly: Option<Decimal>,
    /// One-off installation or delivery fee at list price, excluding VAT.
    pub one_off: Option<Decimal>,
    /// The service has not been delivered yet.
    pub not_delivered: bool,
    /// The prices (`monthly`, `list_monthly`, `usage_monthly`, `one_off`) include VAT: they are
    /// brought back to prices excluding VAT before any clause uses them.
    pub prices_incl_vat: bool,
    /// The contract was entered for an indefinite period (see `EndDateRequest::indefinite`).
    pub indefinite: bool,
    /// The customer asked for the terms' longer notice (see `EndDateRequest::requested_notice`).
    pub requested_notice: bool,
    pub customer: Option<CustomerType>,
    pub service: Option<String>,
    pub as_of: NaiveDate,
}

/// What the buyout needs from the end-date rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegularEnd {
    /// Last day the customer is bound to.
    pub end_date: NaiveDate,
    /// Last day of the initial term, where there is one.
    pub initial_term_end: Option<NaiveDate>,
    /// `"terms"` or the statute that set the end.
    pub regime: String,
    pub customer: CustomerType,
    /// The service kind whose rules were applied, where the end-date rules name one.
    pub service: Option<String>,
    /// The statute that protects this customer after the initial term (Tw 7.2a, BW 6:236 sub
    /// j), whether or not it changed the end date; `None`: the terms apply as written.
    pub protection: Option<Override>,
    /// The initial term in months, where there is one (after any statutory cap).
    pub term_months: Option<u32>,
}

impl RegularEnd {
    /// From the end-date answer; the protection follows the customer type, the service (an
    /// electronic communications service or not) and the notice date, as in the end-date rules.
    pub fn from_end_date(p: &Provider, r: EndDateResult) -> Self {
        let ecs = p
            .termination
            .as_ref()
            .and_then(|t| t.service(&r.service))
            .is_none_or(|s| s.electronic_communications);
        RegularEnd {
            end_date: r.end_date,
            initial_term_end: r.initial_term_end,
            regime: r.regime,
            customer: r.customer,
            service: Some(r.service),
            protection: mandatory::applicable(r.customer, ecs, r.notice_date).0,
            term_months: r.term_months,
        }
    }
}

/// One part of the sum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Component {
    /// The rule kind, e.g. `remaining_fixed_fees`, `ordinary_fees`, `vat`.
    pub kind: &'static str,
    pub label: &'static str,
    #[serde(serialize_with = "ser_amount")]
    pub amount: Decimal,
    /// The article behind it, as printed (e.g. `5.1.d (i)`).
    pub article: String,
    /// Whose article: the provider's terms or a statute.
    pub citation: Citation,
    /// First and last day the component covers, where it covers days.
    pub from: Option<NaiveDate>,
    pub through: Option<NaiveDate>,
    /// Months counted (4 decimals), where the component counts months.
    #[serde(serialize_with = "ser_opt_plain")]
    pub months: Option<Decimal>,
}

fn ser_opt_plain<S: serde::Serializer>(
    v: &Option<Decimal>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match v {
        Some(d) => ser_plain(d, s),
        None => s.serialize_none(),
    }
}

/// The answer. JSON keys are part of the output contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BuyoutResult {
    /// The sum excluding VAT.
    #[serde(serialize_with = "ser_amount")]
    pub total: Decimal,
    #[serde(serialize_with = "ser_amount")]
    pub vat: Decimal,
    #[serde(serialize_with = "ser_amount")]
    pub total_incl_vat: Decimal,
    pub regular_end_date: NaiveDate,
    /// Months from the day after the leaving day through the regular end (before delivery:
    /// the months of the initial term charged), 4 decimals at most.
    #[serde(serialize_with = "ser_plain")]
    pub remaining_months: Decimal,
    pub components: Vec<Component>,
    pub leaving_day: NaiveDate,
    pub initial_term_end: Option<NaiveDate>,
    #[serde(serialize_with = "ser_plain")]
    pub vat_percent: Decimal,
    /// `"contractual"` (the provider's clause), `"estimate"` (no clause: the fees up to the
    /// regular end), or `"none"` (nothing owed).
    pub basis: &'static str,
    /// `"terms"` or the statute that limited them.
    pub regime: String,
    pub customer: CustomerType,
    /// The service kind whose rules were applied, where the end-date rules name one.
    pub service: Option<String>,
}

/// The table label of the VAT line: the rate is fixed ([`VAT_PERCENT`], checked by a test), so
/// the label is a constant.
const VAT_LABEL: &str = "VAT 21 %";

impl Tabular for BuyoutResult {
    fn visit_fields(&self, f: &mut dyn FnMut(&'static str, &'static str, Value<'_>)) {
        f("total", "Buyout excl. VAT", Value::Amount(self.total));
        f("vat", VAT_LABEL, Value::Amount(self.vat));
        f(
            "total_incl_vat",
            "Buyout incl. VAT",
            Value::Amount(self.total_incl_vat),
        );
        f("leaving_day", "Leaving day", Value::Date(self.leaving_day));
        f(
            "regular_end_date",
            "Regular end",
            Value::Date(self.regular_end_date),
        );
        let months = self.remaining_months.normalize();
        f(
            "remaining_months",
            "Remaining months",
            Value::Display(&months),
        );
        f("basis", "Basis", Value::Text(self.basis));
        f("regime", "Regime", Value::Text(&self.regime));
        f("customer", "Customer", Value::Text(self.customer.as_str()));
    }

    fn details(&self) -> Vec<Detail> {
        if self.components.is_empty() {
            return Vec::new();
        }
        let rows = self
            .components
            .iter()
            .map(|c| {
                let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
                let article = match &c.citation {
                    Citation::Provider { article, .. } => format!("art. {article}"),
                    other => other.to_string(),
                };
                vec![
                    c.label.to_string(),
                    day(c.from),
                    day(c.through),
                    c.months.map(fmt_plain).unwrap_or_default(),
                    fmt_amount(c.amount),
                    article,
                ]
            })
            .collect();
        vec![Detail {
            title: "Components (EUR excl. VAT; articles of the provider's terms)".to_string(),
            header: [
                "Component",
                "From",
                "Through",
                "Months",
                "Amount",
                "Article",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
            rows,
        }]
    }
}

/// Calendar months in the window `(after, through]`: a partial first month, whole months, a
/// partial last month. A partial month is (days in the window, days in that month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MonthCount {
    pub head: Option<(u32, u32)>,
    pub whole: u32,
    pub tail: Option<(u32, u32)>,
}

impl MonthCount {
    /// A count of whole months only (e.g. an agreed term of `n` months).
    pub fn whole_months(n: u32) -> Self {
        MonthCount {
            head: None,
            whole: n,
            tail: None,
        }
    }

    pub fn is_zero(&self) -> bool {
        self.whole == 0 && self.head.is_none() && self.tail.is_none()
    }

    fn partials(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.head.into_iter().chain(self.tail)
    }

    /// `rate × months` under the partial-month rule, exact (not rounded).
    pub fn times(&self, rate: Decimal, kind: PartialMonthKind) -> Result<Decimal> {
        let overflow = || Error::input("the amounts are too large to compute; use smaller amounts");
        let mut sum = rate
            .checked_mul(Decimal::from(self.whole))
            .ok_or_else(overflow)?;
        for (days, of) in self.partials() {
            let part = match kind {
                PartialMonthKind::ProRataDays => rate
                    .checked_mul(Decimal::from(days))
                    .and_then(|x| x.checked_div(Decimal::from(of.max(1))))
                    .ok_or_else(overflow)?,
                PartialMonthKind::WholeMonthUp => rate,
                PartialMonthKind::WholeMonthDown => Decimal::ZERO,
            };
            sum = sum.checked_add(part).ok_or_else(overflow)?;
        }
        Ok(sum)
    }

    /// The months as a number, rounded to 4 decimals half away from zero (display only).
    pub fn months(&self, kind: PartialMonthKind) -> Decimal {
        self.times(Decimal::ONE, kind)
            .unwrap_or(Decimal::ZERO)
            .round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero)
            .normalize()
    }

    /// The count in words for a step: "10/30 + 5 + 14/31".
    pub fn describe(&self, kind: PartialMonthKind) -> String {
        let part = |(d, of): (u32, u32)| match kind {
            PartialMonthKind::ProRataDays => format!("{d}/{of}"),
            PartialMonthKind::WholeMonthUp => "1".to_string(),
            PartialMonthKind::WholeMonthDown => "0".to_string(),
        };
        let mut items = Vec::new();
        if let Some(h) = self.head {
            items.push(part(h));
        }
        if self.whole > 0 || items.is_empty() && self.tail.is_none() {
            items.push(self.whole.to_string());
        }
        if let Some(t) = self.tail {
            items.push(part(t));
        }
        items.join(" + ")
    }
}

/// Counts the calendar months in the window `(after, through]`. Empty when `through <= after`.
pub fn count_months(after: NaiveDate, through: NaiveDate) -> MonthCount {
    if through <= after {
        return MonthCount::default();
    }
    let Some(first) = add_days(after, 1) else {
        return MonthCount::default();
    };
    let index = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    if index(first) == index(through) {
        let days = through.day() - first.day() + 1;
        let of = days_in_month(first);
        return if days == of {
            MonthCount::whole_months(1)
        } else {
            MonthCount {
                head: Some((days, of)),
                whole: 0,
                tail: None,
            }
        };
    }
    let head = (first.day() != 1).then(|| {
        let of = days_in_month(first);
        (of - first.day() + 1, of)
    });
    let tail = (through != end_of_month(through)).then(|| (through.day(), days_in_month(through)));
    // Whole months: from the first full month to the last full month, inclusive.
    let first_full = index(first) + i32::from(head.is_some());
    let last_full = index(through) - i32::from(tail.is_some());
    let whole = u32::try_from(last_full - first_full + 1).unwrap_or(0);
    MonthCount { head, whole, tail }
}

fn round4(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// Works out the buyout: the regular end from the end-date rules, then the clause.
pub fn buyout(req: &BuyoutRequest) -> Result<Outcome<BuyoutResult>> {
    buyout_traced(req, true)
}

/// [`buyout`] with the steps kept only when `trace` is on (the warnings always are).
pub fn buyout_traced(req: &BuyoutRequest, trace: bool) -> Result<Outcome<BuyoutResult>> {
    check_inputs(req)?;
    let ed = end_date_traced(
        &EndDateRequest {
            provider: req.provider,
            start: Some(req.start),
            notice: req.notice,
            term_months: req.term_months,
            customer: req.customer,
            service: req.service.clone(),
            indefinite: req.indefinite,
            requested_notice: req.requested_notice,
            as_of: req.as_of,
        },
        trace,
    )?;
    let mut t = Trace::steps_if(trace);
    t.steps = ed.steps;
    t.warnings = ed.warnings;
    let regular = RegularEnd::from_end_date(req.provider, ed.result);
    step!(
        t,
        Citation::convention("regular end from the end-date rules"),
        format!(
            "For a notice received on {}, the contract binds the customer through {} (last day in force, regime: {}){}.",
            req.notice,
            regular.end_date,
            regular.regime,
            match regular.initial_term_end {
                Some(e) => format!("; the initial term ends on {e}"),
                None => "; there is no fixed initial term".to_string(),
            }
        ),
    );
    buyout_with_regular_end(req, &regular, t)
}

/// The request with its prices brought back from incl. to excl. VAT: price × 100 / (100 + 21),
/// rounded half away from zero to cents (a price incl. VAT is normally the excl. price plus VAT
/// rounded to cents, so this gives that excl. price back), each shown in a step.
fn prices_excl_vat<'a>(req: &BuyoutRequest<'a>, trace: &mut Trace) -> Result<BuyoutRequest<'a>> {
    let divisor = Decimal::ONE_HUNDRED + VAT_PERCENT;
    let back = |v: Decimal| -> Result<Decimal> {
        v.checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|x| x.checked_div(divisor))
            .map(round_cents)
            .ok_or_else(|| {
                Error::input("the amounts are too large to compute; use smaller amounts")
            })
    };
    let mut out = req.clone();
    out.prices_incl_vat = false;
    out.monthly = back(req.monthly)?;
    out.list_monthly = req.list_monthly.map(back).transpose()?;
    out.usage_monthly = req.usage_monthly.map(back).transpose()?;
    out.one_off = req.one_off.map(back).transpose()?;
    if !trace.keeps_steps() {
        return Ok(out);
    }
    let mut shown = vec![format!(
        "monthly fees {} → {}",
        fmt_amount(req.monthly),
        fmt_amount(out.monthly)
    )];
    for (name, given, excl) in [
        ("list price", req.list_monthly, out.list_monthly),
        ("usage", req.usage_monthly, out.usage_monthly),
        ("one-off fee", req.one_off, out.one_off),
    ] {
        if let (Some(g), Some(e)) = (given, excl) {
            shown.push(format!("{name} {} → {}", fmt_amount(g), fmt_amount(e)));
        }
    }
    trace.step(
        Citation::statute(crate::law::VAT_ACT, "9 lid 1"),
        format!(
            "The prices were given including {} % VAT; excluding VAT each is price × 100 / {} \
             (rounded half away from zero to cents): {}.",
            fmt_plain(VAT_PERCENT),
            fmt_plain(divisor),
            shown.join(", ")
        ),
    );
    Ok(out)
}

/// Rejects inputs no clause can work with: exit 2, naming the field.
fn check_inputs(req: &BuyoutRequest) -> Result<()> {
    let negative = |v: Decimal| v.is_sign_negative() && !v.is_zero();
    for (field, v) in [
        ("monthly", Some(req.monthly)),
        ("list-monthly", req.list_monthly),
        ("usage-monthly", req.usage_monthly),
        ("one-off", req.one_off),
    ] {
        if let Some(v) = v {
            if negative(v) {
                return Err(Error::field(
                    field,
                    format!(
                        "'{}' is negative; fees are amounts of 0 or more, e.g. 49.95",
                        fmt_amount(v)
                    ),
                ));
            }
        }
    }
    if req.leaving_day < req.start {
        return Err(Error::field(
            "end",
            format!(
                "the leaving day {} is before the start {}; give a last day of service on or after the start date",
                req.leaving_day, req.start
            ),
        ));
    }
    Ok(())
}

/// The clause arithmetic, given the regular end. Pure; `trace` holds the steps so far.
pub fn buyout_with_regular_end(
    req: &BuyoutRequest,
    regular: &RegularEnd,
    trace: Trace,
) -> Result<Outcome<BuyoutResult>> {
    let mut outcome = clause_arithmetic(req, regular, trace)?;
    // A notice after the last day of service is possible (the customer stops, then gives
    // notice), but a date far past it is more likely a typing error; the fees of every month
    // until the regular end then count. Said as a warning with the figures it causes.
    if req.notice > req.leaving_day {
        let r = &outcome.result;
        let warning = format!(
            "The notice date {} is after the leaving day {} (the last day of service): the contract binds the customer through {}, so the buyout counts {} month(s) of fees after the leaving day; check the notice date",
            req.notice,
            req.leaving_day,
            r.regular_end_date,
            fmt_plain(r.remaining_months)
        );
        outcome.warnings.push(warning);
    }
    Ok(outcome)
}

fn clause_arithmetic(
    req: &BuyoutRequest,
    regular: &RegularEnd,
    mut trace: Trace,
) -> Result<Outcome<BuyoutResult>> {
    check_inputs(req)?;
    let excl;
    let req = if req.prices_incl_vat {
        excl = prices_excl_vat(req, &mut trace)?;
        &excl
    } else {
        req
    };
    let p = req.provider;
    let section = p.buyout.as_ref().ok_or_else(|| {
        Error::ProviderData(vec![DataIssue {
            file: format!("{}.toml", p.id),
            position: None,
            key: "buyout".into(),
            message: "the provider file has no [buyout] section".into(),
            hint: Some("add the buyout rules after the `# ==== buyout ====` marker".into()),
        }])
    })?;
    let customer = regular.customer;
    let l = req.leaving_day;
    let e = regular.end_date;
    let e0 = regular.initial_term_end;
    let kind = section.partial_month.kind;

    step!(
        trace,
        Citation::input("end"),
        format!(
            "The customer's last day of service is {l} ({}); fixed monthly fees EUR {} excl. VAT{}.",
            if req.not_delivered {
                "the service has not been delivered yet"
            } else {
                "the service has been delivered"
            },
            fmt_amount(req.monthly),
            match req.usage_monthly {
                Some(u) => format!(", average monthly usage EUR {}", fmt_amount(u)),
                None => String::new(),
            }
        ),
    );

    let mut b = Builder {
        req,
        section,
        kind,
        customer,
        comps: Vec::new(),
        trace,
        contractual: section.no_clause.is_none(),
    };

    let has_before_delivery = section
        .rules
        .iter()
        .any(|r| matches!(r, Rule::BeforeDelivery { .. }));

    let remaining;
    if req.not_delivered && has_before_delivery {
        remaining = b.before_delivery(regular)?;
    } else if l >= e {
        step!(
            b.trace,
            Citation::convention("leaving on or after the regular end"),
            format!(
                "The leaving day {l} is on or after the regular end {e}: the contract has run its course, nothing is owed for leaving, only the fees up to the leaving day."
            ),
        );
        remaining = Decimal::ZERO;
        b.contractual = false;
        return b.finish(regular, remaining, "none");
    } else {
        remaining = b.delivered(regular, l, e, e0)?;
    }

    let basis = if b.comps.is_empty() {
        "none"
    } else if b.contractual {
        "contractual"
    } else {
        "estimate"
    };
    b.finish(regular, remaining, basis)
}

/// A step citing an article of the provider's terms, built only when the trace keeps steps.
macro_rules! clause_step {
    ($b:expr, $article:expr, $text:expr, $reading:expr $(,)?) => {
        if $b.trace.keeps_steps() {
            $b.step($article, $text, $reading)
        }
    };
}

struct Builder<'a> {
    req: &'a BuyoutRequest<'a>,
    section: &'a Buyout,
    kind: PartialMonthKind,
    customer: CustomerType,
    comps: Vec<Component>,
    trace: Trace,
    contractual: bool,
}

impl<'a> Builder<'a> {
    fn cite(&self, article: &str) -> Citation {
        self.req.provider.cite(article)
    }

    fn cite_text(&self, article: &str) -> String {
        self.cite(article).to_string()
    }

    fn step(&mut self, article: &str, text: String, reading: Option<&str>) {
        let c = self.cite(article);
        match reading {
            Some(r) => self.trace.step_with_reading(c, text, r),
            None => step!(self.trace, c, text),
        }
    }

    /// Adds `rate × months` as a component, rounded once to cents.
    #[allow(clippy::too_many_arguments)]
    fn months_component(
        &mut self,
        kind: &'static str,
        label: &'static str,
        article: &str,
        reading: Option<&str>,
        rate: Decimal,
        percent: Decimal,
        window: (NaiveDate, NaiveDate),
        count: MonthCount,
        what: &str,
    ) -> Result<()> {
        let base = rate
            .checked_mul(percent)
            .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
            .ok_or_else(|| Error::input("the amounts are too large to compute"))?;
        let exact = count.times(base, self.kind)?;
        let amount = round_cents(exact);
        let months = count.months(self.kind);
        if self.trace.keeps_steps() {
            let pct = if percent == Decimal::ONE_HUNDRED {
                String::new()
            } else {
                format!("{} % × ", fmt_plain(percent))
            };
            self.step(
                article,
                format!(
                "{what}: {pct}EUR {} × ({}) months for {}..{} = EUR {} (rounded half away from zero to cents).",
                fmt_amount(rate),
                count.describe(self.kind),
                window.0,
                window.1,
                    fmt_amount(amount)
                ),
                reading,
            );
        }
        self.comps.push(Component {
            kind,
            label,
            amount,
            article: article.to_string(),
            citation: self.cite(article),
            from: Some(window.0),
            through: Some(window.1),
            months: Some(months),
        });
        Ok(())
    }

    fn flat(&mut self, amount: Decimal, article: &str, reading: Option<&str>) {
        let amount = round_cents(amount);
        clause_step!(
            self,
            article,
            format!("A fixed fee of EUR {} applies.", fmt_amount(amount)),
            reading,
        );
        self.comps.push(Component {
            kind: "flat_fee",
            label: "fixed fee",
            amount,
            article: article.to_string(),
            citation: self.cite(article),
            from: None,
            through: None,
            months: None,
        });
    }

    /// Cancellation before delivery: the clause's before-delivery rules over the whole term.
    fn before_delivery(&mut self, regular: &RegularEnd) -> Result<Decimal> {
        let req = self.req;
        let rules: &'a [Rule] = &self.section.rules;
        let bd_article = rules
            .iter()
            .find_map(|r| match r {
                Rule::BeforeDelivery { article, .. } => Some(article.as_str()),
                _ => None,
            })
            .unwrap_or_default();
        // The term has not started: it is counted in full, as whole months of the term the
        // end-date rules used (the agreed or default term, after the consumer cap of Tw 7.2a). Its last day is that of a
        // period of months (Regulation 1182/71 art. 3(2)(c)), so a term ending on the last day of
        // February bills February in full.
        let Some(t) = regular.term_months.or(req.term_months).filter(|&t| t > 0) else {
            return Err(Error::field(
                "term-months",
                format!(
                    "{} charges a share of the fees over the whole agreed term when the service is cancelled before delivery, and this contract has no fixed term to count; give the agreed initial term in months",
                    self.cite_text(bd_article)
                ),
            ));
        };
        let through = crate::calendar::month_period_end(req.start, t).ok_or_else(|| {
            Error::field(
                "term-months",
                format!(
                    "{t} months is not a possible term; use a whole number of months from 1 to {}",
                    crate::terms::termination::MAX_MONTHS
                ),
            )
        })?;
        let (count, from) = (MonthCount::whole_months(t), req.start);
        step!(
            self.trace,
            Citation::input("not-delivered"),
            format!(
                "The service has not been delivered, so the term has not started: the whole initial term {from}..{through} ({} months) is still ahead.",
                fmt_plain(count.months(self.kind))
            ),
        );
        for r in rules {
            match r {
                Rule::BeforeDelivery {
                    percent,
                    minimum,
                    article,
                    reading,
                    warning,
                } => {
                    if let Some(w) = warning {
                        self.trace.warn(format!("{}: {w}", self.cite_text(article)));
                    }
                    self.months_component(
                        "before_delivery",
                        if *minimum {
                            "before delivery (minimum)"
                        } else {
                            "fixed fees, whole term"
                        },
                        article,
                        reading.as_deref(),
                        req.monthly,
                        *percent,
                        (from, through),
                        count,
                        "Cancellation before delivery",
                    )?;
                    if *minimum {
                        self.trace.warn(format!(
                            "{} sets a minimum cancellation amount: the provider may claim more where its costs are higher.",
                            self.cite_text(article)
                        ));
                    }
                }
                Rule::OneOffBeforeDelivery { article, reading } => {
                    let Some(one_off) = req.one_off else {
                        return Err(Error::field(
                            "one-off",
                            format!(
                                "{} charges the one-off installation or delivery fee at list price when the service is cancelled before delivery; give that fee (0 if there is none)",
                                self.cite_text(article)
                            ),
                        ));
                    };
                    let amount = round_cents(one_off);
                    clause_step!(
                self,
                        article,
                        format!(
                            "Cancelled before delivery: the one-off installation or delivery fee is owed at list price without discount, EUR {}.",
                            fmt_amount(amount)
                        ),
                        reading.as_deref(),
                    );
                    self.comps.push(Component {
                        kind: "one_off_before_delivery",
                        label: "one-off fee, list price",
                        amount,
                        article: article.to_string(),
                        citation: self.cite(article),
                        from: None,
                        through: None,
                        months: None,
                    });
                }
                Rule::FlatFee {
                    amount,
                    when: When::Always | When::BeforeDelivery,
                    article,
                    reading,
                } => self.flat(*amount, article, reading.as_deref()),
                Rule::UsageAverage { article, .. } => {
                    clause_step!(
                        self,
                        article,
                        "No usage has been invoiced before delivery, so the usage part is 0."
                            .to_string(),
                        None,
                    );
                }
                _ => {}
            }
        }
        if !rules
            .iter()
            .any(|r| matches!(r, Rule::OneOffBeforeDelivery { .. }))
            && req.one_off.is_some()
        {
            self.trace.warn(format!(
                "The one-off fee given is not used: the clause of {} does not charge the one-off fee on cancellation.",
                req.provider.display_name()
            ));
        }
        self.apply_minimum(rules);
        Ok(count.months(self.kind))
    }

    /// A delivered service, leaving day before the regular end.
    fn delivered(
        &mut self,
        regular: &RegularEnd,
        l: NaiveDate,
        e: NaiveDate,
        e0: Option<NaiveDate>,
    ) -> Result<Decimal> {
        let req = self.req;
        let section: &'a Buyout = self.section;
        let rules: &'a [Rule] = &section.rules;
        let first = add_days(l, 1).unwrap_or(l);
        // Part A: inside the initial term; part B: after it (renewal or notice period).
        let a_end = e0.map(|e0| e0.min(e)).filter(|&x| x > l);
        let b_after = e0.map_or(l, |e0| e0.max(l));
        let b = (e > b_after).then_some(b_after);
        let whole = count_months(l, e);
        clause_step!(
            self,
            &section.partial_month.article,
            format!(
                "Remaining: the days after the leaving day through the regular end, {first}..{e} inclusive, counted in calendar months: {} = {} months (shown to 4 decimals; amounts use the exact fractions).",
                whole.describe(self.kind),
                fmt_plain(whole.months(self.kind))
            ),
            section.partial_month.reading.as_deref(),
        );
        if let (Some(e0), Some(a)) = (e0, a_end) {
            if b.is_some() {
                step!(
            self.trace,
                    Citation::convention("initial term and later periods"),
                    format!(
                        "The window is split at the end of the initial term: {first}..{a} lies inside it, {}..{e} after it.",
                        add_days(e0, 1).unwrap_or(e0)
                    ),
                );
            }
        }
        let tw = regular.protection.is_some();
        let lapse = rules.iter().find_map(|r| match r {
            Rule::DiscountsLapse { article, reading } => {
                Some((article.as_str(), reading.as_deref()))
            }
            _ => None,
        });
        let mut fixed_a = false;
        let mut fixed_b = false;
        let mut set_aside: Vec<&str> = Vec::new();
        for r in rules {
            match r {
                Rule::RemainingFixedFees {
                    percent,
                    scope,
                    article,
                    reading,
                } => {
                    let covers_b = *scope == Scope::AnyPeriod && b.is_some() && !tw;
                    if *scope == Scope::AnyPeriod && b.is_some() && tw {
                        set_aside.push(article);
                    }
                    let to = if covers_b { Some(e) } else { a_end };
                    if let Some(to) = to {
                        let count = count_months(l, to);
                        self.months_component(
                            "remaining_fixed_fees",
                            "fixed fees",
                            article,
                            reading.as_deref(),
                            req.monthly,
                            *percent,
                            (first, to),
                            count,
                            "Fixed fees for the remaining months",
                        )?;
                        fixed_a = a_end.is_some();
                        fixed_b = covers_b;
                    }
                }
                Rule::UsageAverage {
                    scope,
                    article,
                    reading,
                } => {
                    let covers_b = *scope == Scope::AnyPeriod && b.is_some() && !tw;
                    if *scope == Scope::AnyPeriod && b.is_some() && tw {
                        set_aside.push(article);
                    }
                    let to = if covers_b { Some(e) } else { a_end };
                    if let Some(to) = to {
                        let Some(usage) = req.usage_monthly else {
                            return Err(Error::field(
                                "usage-monthly",
                                format!(
                                    "{} charges the average monthly usage over the remaining months; give the average monthly usage charges invoiced so far (0 if there are none)",
                                    self.cite_text(article)
                                ),
                            ));
                        };
                        let count = count_months(l, to);
                        self.months_component(
                            "usage_average",
                            "average usage",
                            article,
                            reading.as_deref(),
                            usage,
                            Decimal::ONE_HUNDRED,
                            (first, to),
                            count,
                            "Average monthly usage for the remaining months",
                        )?;
                    }
                }
                Rule::FlatFee {
                    amount,
                    when: When::Always | When::AfterDelivery,
                    article,
                    reading,
                } => self.flat(*amount, article, reading.as_deref()),
                _ => {}
            }
        }
        if let (Some(e0), Some(_)) = (e0, b) {
            for r in rules {
                if let Rule::RemainingFixedFees {
                    scope: Scope::InitialTerm,
                    article,
                    ..
                } = r
                {
                    let text = format!(
                        "The clause covers the initial term only (to {e0}): the days after it are no buyout; the fees up to the regular end {e} run as ordinary fees."
                    );
                    clause_step!(self, article, text, None);
                }
            }
        }
        if tw && b.is_some() && set_aside.is_empty() {
            let statute = regular.protection.unwrap_or(Override::Tw72a);
            step!(
            self.trace,
                statute.citation(),
                format!(
                    "The customer is protected ({}): after the initial term no buyout may be charged; only the fixed fees up to the regular end {e} (the notice period) remain owed.",
                    self.customer
                ),
            );
        }
        if !set_aside.is_empty() {
            set_aside.dedup();
            let statute = regular.protection.unwrap_or(Override::Tw72a);
            step!(
            self.trace,
                statute.citation(),
                format!(
                    "The customer is protected ({}): after the initial term the contract can be ended at any time at no cost with at most one month's notice, so {} is set aside for the days after the initial term; only the fixed fees up to the regular end remain owed.",
                    self.customer,
                    set_aside
                        .iter()
                        .map(|a| self.cite_text(a))
                        .collect::<Vec<_>>()
                        .join(" and ")
                ),
            );
        }
        if req.usage_monthly.is_some()
            && !rules.iter().any(|r| matches!(r, Rule::UsageAverage { .. }))
        {
            self.trace.warn(format!(
                "The average monthly usage given is not used: {} does not charge usage for the remaining months (usage is invoiced as it occurs).",
                req.provider.display_name()
            ));
        }
        if req.one_off.is_some() {
            self.trace.warn(
                "The one-off fee given is not used: the service has been delivered, so no one-off fee is charged for leaving.",
            );
        }

        // What no rule charges: the ordinary fixed fees up to the regular end.
        let of_article = section.ordinary_fees.article.as_str();
        let of_reading = section.ordinary_fees.reading.as_deref();
        let uncovered_a = a_end.filter(|_| !fixed_a);
        let uncovered_b = b.filter(|_| !fixed_b);
        let no_clause = section.no_clause.as_ref();
        if let Some(nc) = no_clause {
            if req.not_delivered {
                self.trace.warn(format!(
                    "The service has not been delivered and {} has no cancellation sum: the fees up to the regular end are an upper bound; what is owed is the provider's actual costs and loss, which termcalc cannot compute.",
                    req.provider.display_name()
                ));
            }
            clause_step!(
                self,
                &nc.article,
                format!(
                    "{} has no buyout clause: the customer stays bound to the fixed fees up to the regular end {e}, which is what leaving early leaves owed.",
                    req.provider.display_name()
                ),
                nc.reading.as_deref(),
            );
            self.trace.warn(format!(
                "{} has no buyout clause: this is an estimate (the fixed fees up to the regular end), not a contractual sum; if the provider claims damages instead, saved costs are deducted (BW 6:74, 6:100) and no VAT is due on them.",
                req.provider.display_name()
            ));
        }
        let label = if no_clause.is_some() {
            "fees to regular end (estimate)"
        } else {
            "fees to regular end"
        };
        match (uncovered_a, uncovered_b, lapse) {
            // One rate throughout: one component over the whole uncovered window.
            (Some(_), Some(_), None) => {
                self.months_component(
                    "ordinary_fees",
                    label,
                    of_article,
                    of_reading,
                    req.monthly,
                    Decimal::ONE_HUNDRED,
                    (first, e),
                    count_months(l, e),
                    "Fixed fees up to the regular end",
                )?;
            }
            _ => {
                if let Some(a) = uncovered_a {
                    self.months_component(
                        "ordinary_fees",
                        label,
                        of_article,
                        of_reading,
                        req.monthly,
                        Decimal::ONE_HUNDRED,
                        (first, a),
                        count_months(l, a),
                        "Fixed fees up to the end of the initial term",
                    )?;
                }
                if let Some(after) = uncovered_b {
                    let from = add_days(after, 1).unwrap_or(after);
                    let (rate, what, article, reading) = match (lapse, req.list_monthly) {
                        (Some((art, rd)), Some(list)) => (
                            list,
                            "Discounts have lapsed; fixed fees at the list price up to the regular end",
                            art,
                            rd,
                        ),
                        (Some((art, rd)), None) => {
                            self.trace.warn(format!(
                                "{}: discounts end with the initial term, so the fees after it are at the list price; no list price was given, so the monthly fee given was used, and the amount is too low if that fee is a discounted price.",
                                self.cite_text(art)
                            ));
                            (
                                req.monthly,
                                "Fixed fees up to the regular end (the monthly fee given used as the list price)",
                                art,
                                rd,
                            )
                        }
                        (None, _) => (
                            req.monthly,
                            "Fixed fees up to the regular end",
                            of_article,
                            of_reading,
                        ),
                    };
                    self.months_component(
                        "ordinary_fees",
                        if no_clause.is_some() {
                            label
                        } else {
                            "fees after initial term"
                        },
                        article,
                        reading,
                        rate,
                        Decimal::ONE_HUNDRED,
                        (from, e),
                        count_months(after, e),
                        what,
                    )?;
                }
            }
        }
        if req.list_monthly.is_some() && (lapse.is_none() || uncovered_b.is_none()) {
            self.trace.warn(
                "The list price given is not used: no fees after the initial term are charged at the list price here.",
            );
        }
        self.apply_minimum(rules);
        Ok(whole.months(self.kind))
    }

    /// A minimum total raises the clause's components to at least that amount.
    fn apply_minimum(&mut self, rules: &[Rule]) {
        for r in rules {
            if let Rule::MinimumTotal {
                amount,
                article,
                reading,
            } = r
            {
                let sum = self
                    .comps
                    .iter()
                    .try_fold(Decimal::ZERO, |acc, c| acc.checked_add(c.amount))
                    .unwrap_or(Decimal::MAX);
                let min = round_cents(*amount);
                if sum < min {
                    let top_up = min - sum;
                    clause_step!(
                self,
                        article,
                        format!(
                            "The clause sets a minimum of EUR {}; the components come to EUR {}, so EUR {} is added.",
                            fmt_amount(min),
                            fmt_amount(sum),
                            fmt_amount(top_up)
                        ),
                        reading.as_deref(),
                    );
                    self.comps.push(Component {
                        kind: "minimum_total",
                        label: "top-up to the minimum",
                        amount: top_up,
                        article: article.to_string(),
                        citation: self.cite(article),
                        from: None,
                        through: None,
                        months: None,
                    });
                } else {
                    clause_step!(
                self,
                        article,
                        format!(
                            "The clause sets a minimum of EUR {}; the components (EUR {}) already reach it.",
                            fmt_amount(min),
                            fmt_amount(sum)
                        ),
                        reading.as_deref(),
                    );
                }
            }
        }
    }

    fn finish(
        mut self,
        regular: &RegularEnd,
        remaining: Decimal,
        basis: &'static str,
    ) -> Result<Outcome<BuyoutResult>> {
        let too_large =
            || Error::input("the amounts are too large to compute; use smaller amounts");
        let total = self
            .comps
            .iter()
            .try_fold(Decimal::ZERO, |acc, c| acc.checked_add(c.amount))
            .ok_or_else(too_large)?;
        let vat = round_cents(
            total
                .checked_mul(VAT_PERCENT)
                .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
                .ok_or_else(too_large)?,
        );
        let total_incl_vat = total.checked_add(vat).ok_or_else(too_large)?;
        if !self.comps.is_empty() {
            step!(
            self.trace,
                Citation::convention("rounding"),
                format!(
                    "Total excl. VAT: the sum of the components, each rounded to cents half away from zero: EUR {}.",
                    fmt_amount(total)
                ),
            );
        }
        step!(
            self.trace,
            Citation::statute(
                "Wet op de omzetbelasting 1968",
                "9 lid 1; CJEU C-295/17 MEO",
            ),
            format!(
                "{} so VAT applies: {} % × EUR {} = EUR {} (rounded half away from zero to cents); total incl. VAT EUR {}.",
                if basis == "estimate" {
                    "The fees up to the regular end are consideration for the service,"
                } else {
                    "A sum paid for ending a service contract early that matches the agreed fees is consideration for the service,"
                },
                fmt_plain(VAT_PERCENT),
                fmt_amount(total),
                fmt_amount(vat),
                fmt_amount(total_incl_vat)
            ),
        );
        let result = BuyoutResult {
            total,
            vat,
            total_incl_vat,
            regular_end_date: regular.end_date,
            remaining_months: round4(remaining),
            components: self.comps,
            leaving_day: self.req.leaving_day,
            initial_term_end: regular.initial_term_end,
            vat_percent: VAT_PERCENT,
            basis,
            regime: regular.regime.clone(),
            customer: self.customer,
            service: regular.service.clone(),
        };
        Ok(self.trace.finish(result))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        crate::calendar::parse_date(s).unwrap()
    }

    #[test]
    fn counts_calendar_months_with_partials_at_both_ends() {
        // 2025-09-21..2026-03-14: 10 days of September, October..February, 14 days of March.
        let c = count_months(d("2025-09-20"), d("2026-03-14"));
        assert_eq!(c.head, Some((10, 30)));
        assert_eq!(c.whole, 5);
        assert_eq!(c.tail, Some((14, 31)));
        assert_eq!(
            c.describe(PartialMonthKind::ProRataDays),
            "10/30 + 5 + 14/31"
        );
    }

    #[test]
    fn whole_months_when_aligned() {
        let c = count_months(d("2025-06-30"), d("2025-12-31"));
        assert_eq!(c, MonthCount::whole_months(6));
        assert_eq!(c.months(PartialMonthKind::ProRataDays), dec!(6));
    }

    #[test]
    fn single_partial_month() {
        let c = count_months(d("2025-02-10"), d("2025-02-24"));
        assert_eq!(c.head, Some((14, 28)));
        assert_eq!(c.whole, 0);
        assert_eq!(c.tail, None);
        assert_eq!(c.months(PartialMonthKind::ProRataDays), dec!(0.5));
        assert_eq!(c.months(PartialMonthKind::WholeMonthUp), dec!(1));
        assert_eq!(c.months(PartialMonthKind::WholeMonthDown), dec!(0));
    }

    #[test]
    fn empty_window() {
        assert!(count_months(d("2025-02-10"), d("2025-02-10")).is_zero());
        assert!(count_months(d("2025-02-11"), d("2025-02-10")).is_zero());
    }

    #[test]
    fn leap_february() {
        let c = count_months(d("2024-02-14"), d("2024-02-29"));
        assert_eq!(c.head, Some((15, 29)));
    }

    #[test]
    fn times_is_exact_and_large_amounts_work() {
        let c = count_months(d("2025-09-20"), d("2026-03-14"));
        let v = c
            .times(dec!(1000000000000), PartialMonthKind::ProRataDays)
            .unwrap();
        // 10^12 × (5 + 1/3 + 14/31)
        assert_eq!(round_cents(v), dec!(5784946236559.14));
    }

    const IDENTITY: &str = r#"
schema_version = 1
id = "testco"
name = "Test Co B.V."
[terms]
title = "Algemene voorwaarden"
version = "test"
seed = "none"
[audience]
customers = ["business", "reseller"]
default_customer = "business"
article = "1"
"#;

    fn provider(buyout: &str) -> Provider {
        let text = format!("{IDENTITY}\n{buyout}");
        crate::terms::parse_provider("testco.toml", &text, Some("testco"))
            .unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn req<'a>(p: &'a Provider, leave: &str, not_delivered: bool) -> BuyoutRequest<'a> {
        BuyoutRequest {
            provider: p,
            start: d("2025-01-01"),
            leaving_day: d(leave),
            notice: d(leave),
            monthly: dec!(30.00),
            list_monthly: None,
            term_months: Some(12),
            usage_monthly: None,
            one_off: None,
            not_delivered,
            prices_incl_vat: false,
            customer: Some(CustomerType::Reseller),
            service: None,
            indefinite: false,
            requested_notice: false,
            as_of: d(leave),
        }
    }

    fn regular(customer: CustomerType) -> RegularEnd {
        RegularEnd {
            end_date: d("2025-12-31"),
            initial_term_end: Some(d("2025-12-31")),
            regime: "terms".into(),
            customer,
            service: None,
            protection: None,
            term_months: Some(12),
        }
    }

    /// A flat fee and a minimum: leaving 2025-11-30 leaves December: 50 % × 30 × 1 = 15.00;
    /// flat fee 25.00; together 40.00, under the 100.00 minimum, so a 60.00 top-up.
    #[test]
    fn flat_fee_and_minimum_total() {
        let p = provider(
            r#"
[buyout]
partial_month = { kind = "whole_month_up", article = "9" }
ordinary_fees = { article = "8" }
[[buyout.rules]]
kind = "remaining_fixed_fees"
percent = "50"
scope = "initial_term"
article = "10.1"
[[buyout.rules]]
kind = "flat_fee"
amount = "25.00"
when = "always"
article = "10.2"
[[buyout.rules]]
kind = "minimum_total"
amount = "100.00"
article = "10.3"
"#,
        );
        let o = buyout_with_regular_end(
            &req(&p, "2025-11-30", false),
            &regular(CustomerType::Reseller),
            Trace::new(),
        )
        .unwrap();
        let amounts: Vec<Decimal> = o.result.components.iter().map(|c| c.amount).collect();
        assert_eq!(amounts, vec![dec!(15.00), dec!(25.00), dec!(60.00)]);
        assert_eq!(o.result.total, dec!(100.00));
        // Whole-month-up: leaving 2025-12-15 leaves 16/31 of December, counted as 1 month.
        let o = buyout_with_regular_end(
            &req(&p, "2025-12-15", false),
            &regular(CustomerType::Reseller),
            Trace::new(),
        )
        .unwrap();
        assert_eq!(o.result.components[0].amount, dec!(15.00));
        assert_eq!(o.result.remaining_months, dec!(1));
        // On the regular end nothing is owed: no flat fee, no minimum.
        let o = buyout_with_regular_end(
            &req(&p, "2025-12-31", false),
            &regular(CustomerType::Reseller),
            Trace::new(),
        )
        .unwrap();
        assert!(o.result.components.is_empty());
    }

    /// Whole-month-down: a partial month is not counted.
    #[test]
    fn whole_month_down() {
        let p = provider(
            r#"
[buyout]
partial_month = { kind = "whole_month_down", article = "9" }
ordinary_fees = { article = "8" }
[[buyout.rules]]
kind = "remaining_fixed_fees"
percent = "100"
scope = "any_period"
article = "10.1"
"#,
        );
        // 2025-10-16..12-31: 16/31 (dropped) + 2 months = 60.00.
        let o = buyout_with_regular_end(
            &req(&p, "2025-10-15", false),
            &regular(CustomerType::Reseller),
            Trace::new(),
        )
        .unwrap();
        assert_eq!(o.result.total, dec!(60.00));
        assert_eq!(o.result.remaining_months, dec!(2));
    }

    /// A consumer bound for more than 24 months: before issue 10 this only warned and charged 30
    /// months (900.00). The end-date rules now cap the initial term at 24 months (Tw 7.2a, EECC
    /// art. 105(1)), so the buyout counts to the capped end. Worked by hand with Compri DSL
    /// (no buyout clause: the fees to the regular end, 9.14/19.4): start 2025-01-01, agreed
    /// 36 months, capped to 24 -> initial term 2025-01-01..2026-12-31 (1 January 2027 exists,
    /// so the day before). Notice 2025-06-15 + 1 month = 2025-07-15, inside the term, so the
    /// regular end is 2026-12-31. Leaving 2025-06-30: 2025-07..2026-12 = 18 whole months x 30.00
    /// = 540.00 (it was 30 x 30.00 = 900.00 to 2027-12-31).
    #[test]
    fn consumer_term_over_24_months_is_capped() {
        let set = crate::terms::ProviderSet::embedded().unwrap();
        let p = set.get("compri").unwrap();
        let q = BuyoutRequest {
            provider: p,
            start: d("2025-01-01"),
            leaving_day: d("2025-06-30"),
            notice: d("2025-06-15"),
            monthly: dec!(30.00),
            list_monthly: None,
            term_months: Some(36),
            usage_monthly: None,
            one_off: None,
            not_delivered: false,
            prices_incl_vat: false,
            customer: Some(CustomerType::Consumer),
            service: Some("dsl".into()),
            indefinite: false,
            requested_notice: false,
            as_of: d("2025-06-15"),
        };
        let o = buyout(&q).unwrap();
        assert_eq!(o.result.initial_term_end, Some(d("2026-12-31")));
        assert_eq!(o.result.regular_end_date, d("2026-12-31"));
        assert_eq!(o.result.remaining_months, dec!(18));
        assert_eq!(o.result.total, dec!(540.00));
        assert!(o.warnings.iter().any(|w| w.contains("over 24 months")));
    }

    /// Impossible values in the section are data errors with key paths.
    #[test]
    fn validation_names_the_key() {
        let text = format!(
            "{IDENTITY}\n{}",
            r#"
[buyout]
partial_month = { kind = "pro_rata_days", article = "9" }
ordinary_fees = { article = "8" }
no_clause = { article = "1" }
[[buyout.rules]]
kind = "remaining_fixed_fees"
percent = "0"
scope = "any_period"
article = ""
[[buyout.rules]]
kind = "flat_fee"
amount = "-5.00"
when = "always"
article = "10.2"
"#
        );
        let issues =
            crate::terms::parse_provider("testco.toml", &text, Some("testco")).unwrap_err();
        let keys: Vec<&str> = issues.iter().map(|i| i.key.as_str()).collect();
        assert!(keys.contains(&"buyout.no_clause"), "{keys:?}");
        assert!(keys.contains(&"buyout.rules[0].percent"), "{keys:?}");
        assert!(keys.contains(&"buyout.rules[0].article"), "{keys:?}");
        assert!(keys.contains(&"buyout.rules[1].amount"), "{keys:?}");
        assert!(issues.iter().all(|i| i.position.is_some()), "{issues:?}");
        // An unknown rule kind is a type error with its position.
        let text = format!(
            "{IDENTITY}\n{}",
            r#"
[buyout]
partial_month = { kind = "pro_rata_days", article = "9" }
ordinary_fees = { article = "8" }
[[buyout.rules]]
kind = "penalty"
article = "1"
"#
        );
        let issues =
            crate::terms::parse_provider("testco.toml", &text, Some("testco")).unwrap_err();
        assert!(issues[0].message.contains("penalty"), "{issues:?}");
        assert!(issues[0].position.is_some());
    }

    /// Every shipped provider file describes its buyout rules for `providers show`.
    #[test]
    fn shipped_providers_describe_buyout() {
        let set = crate::terms::ProviderSet::embedded().unwrap();
        for p in set.iter() {
            let b = p.buyout.as_ref().expect("buyout section");
            let rules = crate::terms::Section::describe(b);
            assert!(!rules.is_empty(), "{}", p.id);
        }
        // Compri and Voipro have no buyout clause; the other three have one.
        for (id, no_clause) in [
            ("compri", true),
            ("voipro", true),
            ("qupra", false),
            ("quatel", false),
            ("voipzeker", false),
        ] {
            let b = set.get(id).unwrap().buyout.as_ref().unwrap();
            assert_eq!(b.no_clause.is_some(), no_clause, "{id}");
        }
    }

    /// Amounts far beyond any real fee give an input error, never a panic.
    #[test]
    fn huge_amounts_do_not_panic() {
        let p = provider(
            r#"
[buyout]
partial_month = { kind = "pro_rata_days", article = "9" }
ordinary_fees = { article = "8" }
[[buyout.rules]]
kind = "remaining_fixed_fees"
percent = "100"
scope = "any_period"
article = "10.1"
[[buyout.rules]]
kind = "usage_average"
scope = "any_period"
article = "10.2"
"#,
        );
        let mut q = req(&p, "2025-01-15", false);
        q.monthly = Decimal::MAX;
        q.usage_monthly = Some(Decimal::MAX);
        let r = buyout_with_regular_end(&q, &regular(CustomerType::Reseller), Trace::new());
        assert!(r.is_err());
        q.monthly = dec!(7000000000000000000000000000);
        q.usage_monthly = Some(dec!(7000000000000000000000000000));
        let r = buyout_with_regular_end(&q, &regular(CustomerType::Reseller), Trace::new());
        assert!(r.is_err());
    }
}
