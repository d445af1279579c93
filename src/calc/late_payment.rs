//! Which late-payment interest applies and from when: the statutory kinds (art. 6:119, 6:119a
//! BW), a provider's late-payment clause (rate, start of interest per claim, allocation order,
//! statutory floor, reminder), or an agreed rate. `interest_for` turns an `InterestQuestion`
//! into the request for `calc::interest::compute` and runs it.

use crate::calc::interest::{
    self, statutory_allocation, statutory_choice, Claim, ComputeInput, DayCount, InterestResult,
    Payment, RateBasis, RateChoice, Reason, Spread,
};
use crate::calendar::add_days;
use crate::error::{Error, Result};
use crate::law::rates::{RateKind, RateTable, RateTables};
use crate::law::BW;
use crate::money::fmt_plain;
use crate::report::{Citation, Outcome, Trace};
use crate::terms::late_payment::{DefaultRule, InterestClause, Order, PaymentTerm, Start, Statute};
use crate::terms::{CustomerType, Provider};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::borrow::Cow;

/// A step, its text composed only when steps are kept (tracing).
macro_rules! step {
    ($t:expr, $c:expr, $text:expr $(,)?) => {
        if $t.keeps_steps() {
            $t.step($c, $text)
        }
    };
}

/// A step with the reading chosen, where the clause has one; composed only when tracing.
macro_rules! step_reading {
    ($t:expr, $c:expr, $text:expr, $reading:expr $(,)?) => {
        if $t.keeps_steps() {
            match $reading {
                Some(r) => $t.step_with_reading($c, $text, r.clone()),
                None => $t.step($c, $text),
            }
        }
    };
}

fn next_day(d: NaiveDate) -> Result<NaiveDate> {
    add_days(d, 1).ok_or_else(|| Error::input(format!("{d} is out of range")))
}

fn plus_days(d: NaiveDate, n: u32) -> Result<NaiveDate> {
    add_days(d, i64::from(n)).ok_or_else(|| Error::input(format!("{d} + {n} days is out of range")))
}

fn statutory_reason(kind: RateKind) -> (Citation, String, Option<String>) {
    match kind {
        RateKind::Commercial => (
            Citation::statute(BW, "6:119a lid 1"),
            "commercial contract: statutory commercial interest (wettelijke handelsrente), the ECB refinancing rate + 8 points (+ 7 before 16 March 2013), from the rate table".to_string(),
            None,
        ),
        RateKind::Consumer => (
            Citation::statute(BW, "6:119 lid 1"),
            "statutory interest (wettelijke rente) for the time the debtor is in default, from the rate table".to_string(),
            None,
        ),
    }
}

fn start_reason_for_kind(kind: RateKind) -> (Citation, String, Option<String>) {
    match kind {
        RateKind::Commercial => (
            Citation::statute(BW, "6:119a lid 1"),
            "interest runs by law from the day after the agreed last day of payment through the day of payment".to_string(),
            None,
        ),
        RateKind::Consumer => (
            Citation::statute(BW, "6:83 sub a"),
            "the due date is taken as a fixed term, so default (verzuim) and interest begin the day after it".to_string(),
            Some("outside commercial contracts default usually needs a fixed term or a notice of default (art. 6:82, 6:83 BW): enter as the due date the last day of the term whose expiry put the debtor in default".to_string()),
        ),
    }
}

/// The first day of default (verzuim) under the terms' default rule, with the step text:
/// a fatal term (art. 6:83 sub a BW) puts the debtor in default the day after the due date; a
/// demand giving N days counts them from the day after the demand was received, and default
/// begins the day after the N-th. `None` when the rule needs a demand and none is known.
pub fn default_begins(
    rule: &DefaultRule,
    due: NaiveDate,
    demand: Option<NaiveDate>,
) -> Result<(Option<NaiveDate>, String)> {
    match rule {
        DefaultRule::OnExpiry { .. } => {
            let d = next_day(due)?;
            Ok((
                Some(d),
                format!("default (verzuim) without notice from the day after the due date {due}: {d}"),
            ))
        }
        DefaultRule::AfterDemand { days, .. } => match demand {
            Some(r) => {
                let grace_end = plus_days(r, *days)?;
                let d = next_day(grace_end)?;
                Ok((
                    Some(d),
                    format!("demand received {r}: {days} days counted from the next day end on {grace_end}; default (verzuim) begins on {d}"),
                ))
            }
            None => Ok((
                None,
                format!("default (verzuim) only after a demand giving {days} days; no demand date is known"),
            )),
        },
    }
}

/// Everything the provider clause decides.
struct ProviderPlan<'a> {
    rate: RateChoice<'a>,
    /// The first interest day of each claim, and (tracing) why.
    start: Vec<NaiveDate>,
    start_reasons: Vec<Reason>,
    spread: Spread,
    honour: bool,
    allocation_reason: Option<(Citation, String)>,
    preamble: Trace,
    verified: bool,
    used_reminder: bool,
}

#[allow(clippy::too_many_arguments)]
fn provider_plan<'a>(
    p: &Provider,
    customer: CustomerType,
    customer_given: bool,
    tables: &'a RateTables,
    claims: &[(Decimal, NaiveDate)],
    reminder: Option<NaiveDate>,
    payments: &[(NaiveDate, Decimal, Option<usize>)],
    costs: Decimal,
    until: NaiveDate,
    trace: bool,
) -> Result<ProviderPlan<'a>> {
    let lp = p.late_payment.as_ref().ok_or_else(|| {
        Error::field(
            "provider",
            format!(
                "{}: the provider file has no [late_payment] section; ask for statutory interest (consumer or commercial) instead",
                p.id
            ),
        )
    })?;
    let mut pre = Trace::steps_if(trace);
    let consumer = customer == CustomerType::Consumer;
    match &lp.payment_term {
        PaymentTerm::DaysAfterInvoice {
            days,
            article,
            reading,
        } => {
            step_reading!(
                pre,
                p.cite(article.clone()),
                format!("payment term: {days} calendar days after the invoice date; the due date is the last of those days"),
                reading,
            );
        }
        PaymentTerm::NotStated { article, reading } => {
            step_reading!(
                pre,
                p.cite(article.clone()),
                "no payment term in days is printed; the due date given is the one on the invoice or the debit date",
                reading,
            );
        }
    }
    if customer_given {
        step!(
            pre,
            Citation::input("customer"),
            format!("customer type: {customer}"),
        );
    } else {
        step!(
            pre,
            p.cite(p.audience.article.clone()),
            format!("customer type: {customer} (the customer these terms are written for; a customer type given changes it)"),
        );
    }
    // The clause for this customer.
    let (clause, consumer_override) = match (&lp.consumer_interest, consumer) {
        (Some(c), true) => (c, true),
        _ => (&lp.interest, false),
    };
    let earliest_due = claims.iter().map(|c| c.1).min().unwrap_or(until);
    // When default begins (for `requires_default` and `after_demand` starts).
    // Without the day a demand was received, a clause that counts from a demand has not
    // started: the customer is not in default under it, so it gives no interest (yet). That is
    // said in a step and a warning rather than refused, so that a quote of open invoices works
    // for every provider.
    let no_demand = |what: &str, article: &str| -> String {
        format!(
            "no demand (aanmaning) date was given, and {} art. {article} counts {what} from the day a demand is received: without one the customer is not in default under the clause, so no interest is counted; give that day as the reminder date",
            p.display_name()
        )
    };
    let mut missing_demand: Option<String> = None;
    let mut used_reminder = false;
    let mut default_day: Option<(NaiveDate, NaiveDate)> = None; // (last day of grace, default day)
    match &lp.default {
        DefaultRule::OnExpiry { article, reading } => {
            step_reading!(
                pre,
                p.cite(article.clone()),
                "default (verzuim) without notice from the day after the due date",
                reading,
            );
        }
        DefaultRule::AfterDemand {
            days,
            article,
            reading,
        } => {
            let needs = matches!(
                clause,
                InterestClause::PerMonthOrPart {
                    requires_default: true,
                    ..
                }
            );
            if needs && reminder.is_none() {
                let why = no_demand("the days before default", article);
                step!(pre, p.cite(article.clone()), why.clone());
                missing_demand = Some(why);
            } else if let (true, Some(r)) = (needs, reminder) {
                if r < earliest_due {
                    return Err(Error::field(
                        "reminder",
                        format!(
                            "{r} is before the due date {earliest_due}; a demand under art. {article} can only follow a missed due date"
                        ),
                    ));
                }
                used_reminder = true;
                let (dd, text) = default_begins(&lp.default, earliest_due, Some(r))?;
                let dd = dd.unwrap_or(r);
                let grace_end = plus_days(r, *days)?;
                default_day = Some((grace_end, dd));
                step_reading!(pre, p.cite(article.clone()), text, reading);
            } else {
                step!(
                    pre,
                    p.cite(article.clone()),
                    format!("default (verzuim) after a demand giving {days} days"),
                );
            }
        }
    }
    // The first interest day of each claim, and (tracing) why.
    let start_of = |due: NaiveDate, used: &mut bool| -> Result<(NaiveDate, String)> {
        match clause.start() {
            Start::DayAfterDue => Ok((
                next_day(due)?,
                if trace {
                    "interest starts on the day after the due date".to_string()
                } else {
                    String::new()
                },
            )),
            Start::DueDate => Ok((
                due,
                if trace {
                    format!(
                        "interest starts on the due date itself, {due} (\"vanaf de vervaldatum\" read as written: the due date is the first interest day, not the day after it)"
                    )
                } else {
                    String::new()
                },
            )),
            Start::AfterDemand => {
                let days = clause.demand_days().unwrap_or(0);
                let Some(r) = reminder else {
                    // Also the warning's text: built with or without tracing.
                    return Ok((
                        next_day(until)?,
                        no_demand("the days before interest starts", clause.article()),
                    ));
                };
                if r < earliest_due {
                    return Err(Error::field(
                        "reminder",
                        format!(
                            "{r} is before the due date {earliest_due}; a demand under art. {} can only follow a missed due date",
                            clause.article()
                        ),
                    ));
                }
                *used = true;
                let last = plus_days(r, days)?;
                let s = next_day(last)?.max(next_day(due)?);
                Ok((
                    s,
                    if trace {
                        format!("demand received {r}; its {days} days end on {last}, so interest starts on {s}")
                    } else {
                        String::new()
                    },
                ))
            }
        }
    };
    let mut start = Vec::with_capacity(claims.len());
    let mut start_reasons = Vec::new();
    for &(_, due) in claims {
        let (s, why) = start_of(due, &mut used_reminder)?;
        if reminder.is_none() && matches!(clause.start(), Start::AfterDemand) {
            missing_demand.get_or_insert_with(|| why.clone());
        }
        start.push(s);
        if trace {
            // The clause's reading is shown once, with the rate.
            start_reasons.push((p.cite(clause.article()), why, None));
        }
    }
    // No interest for any claim: its first day after the until date, for the reason given.
    let mut no_interest = |why: &str| -> Result<()> {
        let after = next_day(until)?;
        start.fill(after);
        for r in &mut start_reasons {
            r.1 = why.to_string();
        }
        Ok(())
    };
    if let Some(why) = &missing_demand {
        no_interest(why)?;
        pre.warn(why.clone());
    }
    // Interest only once in default: not in default if everything was paid within the grace.
    if let (
        Some((grace_end, dd)),
        InterestClause::PerMonthOrPart {
            requires_default: true,
            ..
        },
    ) = (default_day, clause)
    {
        let owed: Decimal = claims.iter().map(|c| c.0).sum::<Decimal>() + costs;
        let paid_in_time: Decimal = payments
            .iter()
            .filter(|p| p.0 <= grace_end)
            .map(|p| p.1)
            .sum();
        if until < dd {
            no_interest(&format!("the customer is not in default by {until} (default would begin on {dd}): no interest is owed yet"))?;
        } else if paid_in_time >= owed {
            no_interest(&format!("everything was paid by {grace_end}, within the demand's term: no default, so no interest"))?;
        }
    }
    // The rate.
    let floor_kind = if consumer {
        RateKind::Consumer
    } else {
        RateKind::Commercial
    };
    let (rate, verified) = match clause {
        InterestClause::Statutory {
            statute,
            reading,
            article,
            ..
        } => {
            let mut kind = match statute {
                Statute::Consumer => RateKind::Consumer,
                Statute::Commercial => RateKind::Commercial,
            };
            let commercial_for_consumer =
                consumer && kind == RateKind::Commercial && !consumer_override;
            if commercial_for_consumer {
                kind = RateKind::Consumer;
            }
            let reason = trace.then(|| {
                if commercial_for_consumer {
                    (
                        Citation::statute(BW, "6:119a lid 1"),
                        format!(
                            "the clause ({} art. {article}) means the commercial rate, but art. 6:119a BW applies only to commercial contracts; for a consumer art. 6:119 BW (wettelijke rente) applies",
                            p.display_name()
                        ),
                        reading.clone(),
                    )
                } else {
                    (
                        p.cite(article.clone()),
                        format!(
                            "the clause applies statutory interest: art. {} BW ({})",
                            kind.article(),
                            kind.dutch_name()
                        ),
                        reading.clone(),
                    )
                }
            });
            let first = start.iter().copied().min();
            let mut choice = statutory_choice(tables.get(kind), reason, first);
            choice.label = Cow::Owned(format!(
                "{} art. {article}: {}",
                p.display_name(),
                choice.label
            ));
            (choice, true)
        }
        InterestClause::PerMonthOrPart {
            percent,
            statutory_floor,
            article,
            reading,
            ..
        } => {
            let floor = statutory_floor.then(|| tables.get(floor_kind));
            let text = || {
                format!(
                "contractual interest of {} % for every month or part of a month, simple (no compounding is agreed){}",
                fmt_plain(*percent),
                if floor.is_some() {
                    format!(
                        "; where statutory interest (art. {} BW) is higher for a month, that is owed instead",
                        floor_kind.article()
                    )
                } else {
                    String::new()
                }
            )
            };
            (
                RateChoice {
                    basis: RateBasis::PerMonthOrPart {
                        percent: *percent,
                        floor,
                    },
                    compound: false,
                    reason: trace.then(|| (p.cite(article.clone()), text(), reading.clone())),
                    compounding_reason: trace.then(|| {
                        (
                            p.cite(article.clone()),
                            "the clause agrees no compounding: simple interest on the overdue amounts"
                                .to_string(),
                        )
                    }),
                    label: Cow::Owned(format!(
                        "{} art. {article}: {} % per month or part",
                        p.display_name(),
                        fmt_plain(*percent)
                    )),
                },
                floor.is_some(),
            )
        }
    };
    if consumer {
        if let InterestClause::PerMonthOrPart { .. } = clause {
            pre.warn("a contractual rate this high charged to a consumer is open to review as unfair (art. 6:233 BW); consider statutory consumer interest (art. 6:119 BW) instead");
        }
    }
    let (spread, honour, allocation_reason) = match &lp.allocation {
        Some(a) => (
            match a.order {
                Order::Statutory => Spread::PerClaim,
                Order::InterestFirst => Spread::InterestFirst,
            },
            a.designation_honoured,
            trace.then(|| (
                p.cite(a.article.clone()),
                match (a.order, a.designation_honoured) {
                    (Order::InterestFirst, false) => "first costs, then the interest of all invoices, then the invoices oldest first, whatever invoice the payment names",
                    (Order::InterestFirst, true) => "first costs, then the interest of all invoices, then a named invoice, else the oldest first",
                    (Order::Statutory, false) => "invoice by invoice, oldest first, whatever invoice the payment names: costs, interest, then principal",
                    (Order::Statutory, true) => "a named invoice first, else the oldest: costs, interest, then principal",
                }
                .to_string(),
            )),
        ),
        None => (Spread::PerClaim, true, trace.then(statutory_allocation)),
    };
    Ok(ProviderPlan {
        rate,
        start,
        start_reasons,
        spread,
        honour,
        allocation_reason,
        preamble: pre,
        verified,
        used_reminder,
    })
}

/// The due date from the invoice date and the provider's payment term.
fn due_from_invoice_date(
    p: &Provider,
    invoice: NaiveDate,
    trace: bool,
) -> Result<(NaiveDate, Trace)> {
    let lp = p.late_payment.as_ref().ok_or_else(|| {
        Error::field(
            "invoice-date",
            format!(
                "the {} file has no payment term; give the due date instead",
                p.id
            ),
        )
    })?;
    match &lp.payment_term {
        PaymentTerm::DaysAfterInvoice { days, article, .. } => {
            let due = plus_days(invoice, *days)?;
            let mut t = Trace::steps_if(trace);
            step!(
                t,
                p.cite(article.clone()),
                format!("invoice dated {invoice}: the payment term of {days} calendar days ends on {due}, the due date"),
            );
            Ok((due, t))
        }
        PaymentTerm::NotStated { article, .. } => Err(Error::field(
            "invoice-date",
            format!(
                "{} art. {article} prints no payment term in days, so the due date cannot be derived; give the due date instead",
                p.display_name()
            ),
        )),
    }
}

/// The period of an agreed rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgreedPer {
    Year,
    Month,
}

impl AgreedPer {
    pub fn as_str(self) -> &'static str {
        match self {
            AgreedPer::Year => "year",
            AgreedPer::Month => "month",
        }
    }
}

impl std::str::FromStr for AgreedPer {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        crate::error::keyword(s, &[("year", AgreedPer::Year), ("month", AgreedPer::Month)])
            .ok_or_else(|| {
                format!(
                    "'{}' is not a period: use year or month",
                    crate::error::echo(s)
                )
            })
    }
}

/// Which interest the claims bear.
#[derive(Debug, Clone, Copy)]
pub enum InterestKind<'p> {
    /// Statutory interest: art. 6:119 (consumer) or 6:119a BW (commercial).
    Statutory(RateKind),
    /// The provider's late-payment clause.
    Provider {
        provider: &'p Provider,
        /// The customer type given (`None`: the provider file's default customer).
        customer: Option<CustomerType>,
        /// The day a reminder or demand was received.
        reminder: Option<NaiveDate>,
    },
    /// An agreed rate in percent per year or per month.
    Agreed {
        rate: Decimal,
        per: AgreedPer,
        compound: bool,
    },
}

/// The claims: amounts with their due dates, or one amount with an invoice date whose due date
/// follows from the provider's payment term.
#[derive(Debug, Clone)]
pub enum Claims {
    /// (principal, due date) per claim; `field` is the input field that named them (`due` for
    /// one principal with its due date, `claim`), used in messages.
    Due {
        claims: Vec<(Decimal, NaiveDate)>,
        field: &'static str,
    },
    /// One claim dated `invoice_date`; needs `InterestKind::Provider`.
    InvoiceDate {
        principal: Decimal,
        invoice_date: NaiveDate,
    },
}

impl Claims {
    /// Several claims, each with its due date, as the repeatable `claim` field gives them (a
    /// quote's open invoices).
    pub fn repeated(claims: Vec<(Decimal, NaiveDate)>) -> Self {
        Claims::Due {
            claims,
            field: "claim",
        }
    }
}

/// A question for `termcalc interest`, its inputs read and its provider looked up.
#[derive(Debug, Clone)]
pub struct InterestQuestion<'p> {
    pub claims: Claims,
    /// The last day interest runs, inclusive.
    pub until: NaiveDate,
    /// (date, amount, claim index 0-based if named) per partial payment.
    pub payments: Vec<(NaiveDate, Decimal, Option<usize>)>,
    /// Costs (no interest).
    pub costs: Decimal,
    /// The day the costs fell due (`None`: already owed before any payment).
    pub costs_from: Option<NaiveDate>,
    pub day_count: DayCount,
    pub strict: bool,
    pub kind: InterestKind<'p>,
}

/// The claims with their due dates (borrowed where given), the field that named them, and
/// (for an invoice date) the steps that derived the due date.
pub type ResolvedClaims<'c> = (Cow<'c, [(Decimal, NaiveDate)]>, &'static str, Option<Trace>);

/// The claims with their due dates (see `ResolvedClaims`); steps only with `trace`.
pub fn resolve_claims<'c>(
    claims: &'c Claims,
    provider: Option<&Provider>,
    trace: bool,
) -> Result<ResolvedClaims<'c>> {
    match claims {
        Claims::Due { claims, field } => Ok((Cow::Borrowed(claims), *field, None)),
        Claims::InvoiceDate {
            principal,
            invoice_date,
        } => {
            let Some(p) = provider else {
                return Err(Error::field(
                    "invoice-date",
                    "an invoice date needs a provider, whose payment term gives the due date; otherwise give the due date",
                ));
            };
            let (due, trace) = due_from_invoice_date(p, *invoice_date, trace)?;
            Ok((
                Cow::Owned(vec![(*principal, due)]),
                "invoice-date",
                Some(trace),
            ))
        }
    }
}

/// Every due date must be on or before the until date; `field` names the claims' field.
pub fn check_due_dates(
    claims: &[(Decimal, NaiveDate)],
    field: &'static str,
    until: NaiveDate,
) -> Result<()> {
    for (i, (_, due)) in claims.iter().enumerate() {
        if *due > until {
            let which = if claims.len() > 1 {
                format!("claim {}: ", i + 1)
            } else {
                String::new()
            };
            return Err(Error::field(
                field,
                format!(
                    "{which}the due date {due} is after the until date {until}; use an until date (or as-of date) on or after the due date"
                ),
            ));
        }
    }
    Ok(())
}

/// A reminder received after the last day of the calculation: interest that counts from it has
/// not begun by then. Said as a warning, since the dates may be right (a reminder sent later).
pub fn reminder_after_until(reminder: Option<NaiveDate>, until: NaiveDate) -> Option<String> {
    reminder.filter(|r| *r > until).map(|r| {
        format!(
            "the reminder date {r} is after the until date {until}: interest or default that counts from the reminder has not begun by {until}; check the dates"
        )
    })
}

/// The interest on the claims as the question says, with every step (see [`interest_answer`]).
pub fn interest_for(q: &InterestQuestion, tables: &RateTables) -> Result<Outcome<InterestResult>> {
    interest_answer(q, tables, true)
}

/// The interest on the claims as the question says: rate, first interest days, allocation
/// and steps, computed by `calc::interest::compute`. With `trace` off no steps and no periods
/// are kept (the warnings are).
pub fn interest_answer(
    q: &InterestQuestion,
    tables: &RateTables,
    trace: bool,
) -> Result<Outcome<InterestResult>> {
    let provider = match q.kind {
        InterestKind::Provider { provider, .. } => Some(provider),
        _ => None,
    };
    let (claims_in, claim_field, mut due_from_invoice) =
        resolve_claims(&q.claims, provider, trace)?;
    check_due_dates(&claims_in, claim_field, q.until)?;
    let until = q.until;
    let costs = q.costs;

    let (rate, starts, start_reasons, spread, honour, allocation_reason, preamble, verified) =
        match q.kind {
            InterestKind::Statutory(kind) => {
                let starts = claims_in
                    .iter()
                    .map(|&(_, due)| next_day(due))
                    .collect::<Result<Vec<NaiveDate>>>()?;
                let start_reasons = if trace {
                    vec![start_reason_for_kind(kind); starts.len()]
                } else {
                    Vec::new()
                };
                let first = starts.iter().copied().min();
                let table: &RateTable = tables.get(kind);
                (
                    statutory_choice(table, trace.then(|| statutory_reason(kind)), first),
                    starts,
                    start_reasons,
                    Spread::PerClaim,
                    true,
                    trace.then(statutory_allocation),
                    Trace::steps_if(trace),
                    true,
                )
            }
            InterestKind::Provider {
                provider: p,
                customer,
                reminder,
            } => {
                let resolved = p.customer_or_default(customer);
                let plan = provider_plan(
                    p,
                    resolved,
                    customer.is_some(),
                    tables,
                    &claims_in,
                    reminder,
                    &q.payments,
                    // Costs that fall due later (after default) are not owed within the grace.
                    if q.costs_from.is_none() {
                        costs
                    } else {
                        Decimal::ZERO
                    },
                    until,
                    trace,
                )?;
                let mut pre = due_from_invoice
                    .take()
                    .unwrap_or_else(|| Trace::steps_if(trace));
                pre.extend(plan.preamble);
                if reminder.is_some() && !plan.used_reminder {
                    pre.warn(format!(
                        "the reminder date is not used: {}'s clause does not count from a reminder",
                        p.display_name()
                    ));
                }
                (
                    plan.rate,
                    plan.start,
                    plan.start_reasons,
                    plan.spread,
                    plan.honour,
                    plan.allocation_reason,
                    pre,
                    plan.verified,
                )
            }
            InterestKind::Agreed {
                rate: percent,
                per,
                compound,
            } => {
                let yearly = match per {
                    AgreedPer::Year => percent,
                    AgreedPer::Month => percent * Decimal::from(12),
                };
                let reason = trace.then(|| {
                    let text = match per {
                        AgreedPer::Year => format!("agreed rate: {} % per year", fmt_plain(percent)),
                        AgreedPer::Month => format!(
                            "agreed rate: {} % per month, counted as {} % per year (12 × the monthly rate) and pro rata per day",
                            fmt_plain(percent),
                            fmt_plain(yearly)
                        ),
                    };
                    (Citation::input("rate"), text, None)
                });
                let compounding_reason = trace.then(|| {
                    if compound {
                        (Citation::input("compound"), "the agreement compounds yearly: after each full year the unpaid interest is added to the base".to_string())
                    } else {
                        (Citation::convention(interest::CONV_D), "an agreed rate is simple interest unless the clause says otherwise (say so with the compound option if it does)".to_string())
                    }
                });
                let starts = claims_in
                    .iter()
                    .map(|&(_, due)| next_day(due))
                    .collect::<Result<Vec<NaiveDate>>>()?;
                let start_reasons = if trace {
                    vec![
                        (
                            Citation::convention(interest::CONV_A),
                            "interest starts on the day after the due date".to_string(),
                            None,
                        );
                        starts.len()
                    ]
                } else {
                    Vec::new()
                };
                (
                    RateChoice {
                        basis: RateBasis::Fixed(yearly),
                        compound,
                        reason,
                        compounding_reason,
                        label: Cow::Owned(format!(
                            "agreed {} % per {}",
                            fmt_plain(percent),
                            per.as_str()
                        )),
                    },
                    starts,
                    start_reasons,
                    Spread::PerClaim,
                    true,
                    trace.then(statutory_allocation),
                    Trace::steps_if(trace),
                    false,
                )
            }
        };
    let claims: Vec<Claim> = claims_in
        .iter()
        .zip(&starts)
        .map(|(&(principal, due), &first_day)| Claim {
            principal,
            due,
            first_day,
        })
        .collect();
    let payments: Vec<Payment> = q
        .payments
        .iter()
        .map(|&(date, amount, claim)| Payment {
            date,
            amount,
            claim,
        })
        .collect();
    let input = ComputeInput {
        claims,
        start_reasons,
        payments,
        until,
        costs,
        costs_from: q.costs_from,
        rate,
        day_count: q.day_count,
        spread,
        honour_designation: honour,
        allocation_reason,
        verified_through: verified.then_some(tables.verified_through),
        strict: q.strict,
        claim_field,
        preamble,
    };
    interest::compute(input, trace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::ProviderSet;
    use rust_decimal_macros::dec;

    fn date(s: &str) -> NaiveDate {
        crate::calendar::parse_date(s).unwrap()
    }

    fn question<'p>(
        kind: InterestKind<'p>,
        principal: Decimal,
        due: &str,
        until: &str,
    ) -> InterestQuestion<'p> {
        InterestQuestion {
            claims: Claims::Due {
                claims: vec![(principal, date(due))],
                field: "due",
            },
            until: date(until),
            payments: Vec::new(),
            costs: Decimal::ZERO,
            costs_from: None,
            day_count: DayCount::Act365,
            strict: false,
            kind,
        }
    }

    /// The figures of tests/interest.rs `commercial_rate_changes_and_compounding`: EUR 1,000
    /// due 2023-02-28 through 2025-06-30 at art. 6:119a BW, compounded yearly: 298.47.
    #[test]
    fn statutory_commercial() {
        let tables = RateTables::embedded().unwrap();
        let q = question(
            InterestKind::Statutory(RateKind::Commercial),
            dec!(1000),
            "2023-02-28",
            "2025-06-30",
        );
        let o = interest_for(&q, &tables).unwrap();
        assert_eq!(o.result.interest, dec!(298.47));
        assert_eq!(o.result.outstanding, dec!(1298.47));
        assert_eq!(o.result.capitalisations.len(), 2);
        assert_eq!(o.result.claims[0].first_interest_day, date("2023-03-01"));
    }

    /// The figures of tests/interest.rs `compri_two_percent_per_month_or_part`: Compri art.
    /// 20.3/20.4, demand received 2025-03-10, default from 2025-03-16; 2 % per month or part
    /// begun from the due date 2025-03-01 ("vanaf de vervaldatum" as written, issue 10 item
    /// 14; this test used to start on 2025-03-02): months 03-01..03-31, 04-01..04-30 and
    /// 05-01..05-15 (15 days), three months through 2025-05-15: 3 × 250 × 2 % = 15.00.
    #[test]
    fn compri_per_month_or_part_with_reminder() {
        let tables = RateTables::embedded().unwrap();
        let p = ProviderSet::embedded_one("compri").unwrap().unwrap();
        let q = question(
            InterestKind::Provider {
                provider: &p,
                customer: None,
                reminder: Some(date("2025-03-10")),
            },
            dec!(250),
            "2025-03-01",
            "2025-05-15",
        );
        let o = interest_for(&q, &tables).unwrap();
        assert_eq!(o.result.interest, dec!(15.00));
        assert_eq!(o.result.periods.len(), 3);
        assert_eq!(o.result.periods[2].days, 15);
        assert_eq!(o.result.claims[0].first_interest_day, date("2025-03-01"));
        assert!(o
            .steps
            .iter()
            .any(|s| s.text.contains("default (verzuim) begins on 2025-03-16")));
        assert!(o.warnings.is_empty(), "{:?}", o.warnings);
    }

    /// Without a demand date the Compri clause has not started default (20.3): no interest,
    /// and a warning that asks for the demand's date.
    #[test]
    fn compri_without_a_demand_counts_no_interest() {
        let tables = RateTables::embedded().unwrap();
        let p = ProviderSet::embedded_one("compri").unwrap().unwrap();
        let q = question(
            InterestKind::Provider {
                provider: &p,
                customer: None,
                reminder: None,
            },
            dec!(250),
            "2025-03-01",
            "2025-05-15",
        );
        let o = interest_for(&q, &tables).unwrap();
        assert_eq!(o.result.interest, Decimal::ZERO);
        assert!(
            o.warnings.iter().any(|w| w.contains("art. 20.3")),
            "{:?}",
            o.warnings
        );
    }

    /// A due date after the until date is refused, naming the field.
    #[test]
    fn due_after_until_is_refused() {
        let tables = RateTables::embedded().unwrap();
        let q = question(
            InterestKind::Statutory(RateKind::Consumer),
            dec!(100),
            "2025-03-01",
            "2025-02-01",
        );
        let e = interest_for(&q, &tables).unwrap_err().to_string();
        assert!(
            e.contains("`due`: the due date 2025-03-01 is after the until date 2025-02-01"),
            "{e}"
        );
    }
}
