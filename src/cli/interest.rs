//! `termcalc interest`: late-payment interest on one or more claims, statutory (6:119, 6:119a
//! BW), by the provider's clause, or at an agreed rate, with partial payments.

use super::{Context, Output};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use termcalc::calc::interest::{
    self, statutory_choice, Claim, DayCount, InterestInput, Payment, RateBasis, RateChoice, Spread,
};
use termcalc::calendar::add_days;
use termcalc::error::{Error, Result};
use termcalc::law::rates::{RateKind, RateTable, RateTables};
use termcalc::law::BW;
use termcalc::money::{fmt_amount, fmt_plain};
use termcalc::report::{Citation, Report, Trace};
use termcalc::terms::late_payment::{
    DefaultRule, InterestClause, Order, PaymentTerm, Start, Statute,
};
use termcalc::terms::{CustomerType, Provider};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PerArg {
    Year,
    Month,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
termcalc --as-of 2025-06-30 interest --principal 1000 --due 2023-02-28 --kind commercial\n  \
termcalc interest --claim 500@2025-01-31 --claim 300@2025-02-28 --until 2025-12-31 \\\n      \
--kind commercial --payment 2025-06-30=400\n  \
termcalc interest --provider compri --principal 250 --due 2025-03-01 --reminder 2025-03-10 \\\n      \
--until 2025-06-30\n\n\
Interest runs from the day after the due date through --until, both inclusive. --payment \
DATE=AMOUNT@N names claim N (1-based) for the payment.")]
pub struct Args {
    /// The amount of one claim (invoice), with --due.
    #[arg(long, value_name = "AMOUNT", value_parser = super::positive_amount_arg, conflicts_with = "claim", allow_hyphen_values = true)]
    pub principal: Option<Decimal>,
    /// The last day to pay the claim; interest starts the next day.
    #[arg(long, value_name = "DATE", value_parser = super::date_arg, requires = "principal")]
    pub due: Option<NaiveDate>,
    /// With --provider, instead of --due: the invoice date; the due date follows from the
    /// provider's payment term.
    #[arg(long, value_name = "DATE", value_parser = super::date_arg, requires = "provider", conflicts_with = "due")]
    pub invoice_date: Option<NaiveDate>,
    /// One of several claims: AMOUNT@DUE-DATE (repeat for each invoice).
    #[arg(long, value_name = "AMOUNT@DATE", value_parser = claim_arg, allow_hyphen_values = true)]
    pub claim: Vec<(Decimal, NaiveDate)>,
    /// The day of payment or of the calculation, inclusive (default: --as-of).
    #[arg(long, value_name = "DATE", value_parser = super::date_arg)]
    pub until: Option<NaiveDate>,
    /// Statutory interest: consumer (art. 6:119 BW) or commercial (art. 6:119a BW).
    #[arg(long, value_name = "KIND", value_parser = super::rates::kind_arg, conflicts_with_all = ["provider", "rate"])]
    pub kind: Option<RateKind>,
    /// Apply this provider's late-payment clause.
    #[arg(long, value_name = "ID", conflicts_with = "rate")]
    pub provider: Option<String>,
    /// With --provider: the customer type (default: the provider file's default customer).
    #[arg(long, value_name = "TYPE", value_parser = super::customer_arg, requires = "provider")]
    pub customer: Option<CustomerType>,
    /// An agreed rate in percent (with --per).
    #[arg(long, value_name = "PERCENT", value_parser = percent_arg, allow_hyphen_values = true)]
    pub rate: Option<Decimal>,
    /// The period of --rate: year or month (a monthly rate counts as 12 × per year).
    #[arg(long, value_enum, value_name = "PERIOD", requires = "rate")]
    pub per: Option<PerArg>,
    /// With --rate: compound yearly (an agreed rate is simple unless the clause says so).
    #[arg(long, requires = "rate")]
    pub compound: bool,
    /// A partial payment: DATE=AMOUNT, or DATE=AMOUNT@N to name claim N (repeatable).
    #[arg(long, value_name = "DATE=AMOUNT[@N]", value_parser = payment_arg)]
    pub payment: Vec<(NaiveDate, Decimal, Option<usize>)>,
    /// Costs already owed (no interest); payments go to them first (art. 6:44 BW).
    #[arg(long, value_name = "AMOUNT", value_parser = super::non_negative_amount_arg, allow_hyphen_values = true)]
    pub costs: Option<Decimal>,
    /// The day a reminder or demand was received, where the provider's clause counts from it.
    #[arg(long, value_name = "DATE", value_parser = super::date_arg)]
    pub reminder: Option<NaiveDate>,
    /// act/365 (default) or act/act (divisor: days of the current compounding year).
    #[arg(long, value_name = "BASIS", default_value = "act/365", value_parser = day_count_arg)]
    pub day_count: DayCount,
    /// Fail (exit 2) instead of warning when --until is past the rate table's coverage.
    #[arg(long)]
    pub strict: bool,
}

fn day_count_arg(s: &str) -> std::result::Result<DayCount, String> {
    s.parse()
}

fn percent_arg(s: &str) -> std::result::Result<Decimal, String> {
    interest::parse_percent(s)
}

fn claim_arg(s: &str) -> std::result::Result<(Decimal, NaiveDate), String> {
    interest::parse_claim(s)
}

fn payment_arg(s: &str) -> std::result::Result<(NaiveDate, Decimal, Option<usize>), String> {
    interest::parse_payment(s)
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
            Some("outside commercial contracts default usually needs a fixed term or a notice of default (art. 6:82, 6:83 BW): enter as --due the last day of the term whose expiry put the debtor in default".to_string()),
        ),
    }
}

/// Why a figure is what it is: citation, text, reading chosen.
type Reason = (Citation, String, Option<String>);

/// Everything the provider clause decides.
struct ProviderPlan<'a> {
    rate: RateChoice<'a>,
    start: Vec<(NaiveDate, Reason)>,
    spread: Spread,
    honour: bool,
    allocation_reason: (Citation, String),
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
) -> Result<ProviderPlan<'a>> {
    let lp = p.late_payment.as_ref().ok_or_else(|| {
        Error::input(format!(
            "--provider {}: the provider file has no [late_payment] section; use --kind consumer|commercial instead",
            p.id
        ))
    })?;
    let mut pre = Trace::new();
    let consumer = customer == CustomerType::Consumer;
    match &lp.payment_term {
        PaymentTerm::DaysAfterInvoice {
            days,
            article,
            reading,
        } => {
            let text = format!("payment term: {days} calendar days after the invoice date; --due is the last of those days");
            match reading {
                Some(r) => pre.step_with_reading(p.cite(article.clone()), text, r.clone()),
                None => pre.step(p.cite(article.clone()), text),
            }
        }
        PaymentTerm::NotStated { article, reading } => {
            let text = "no payment term in days is printed; --due is the due date on the invoice or the debit date".to_string();
            match reading {
                Some(r) => pre.step_with_reading(p.cite(article.clone()), text, r.clone()),
                None => pre.step(p.cite(article.clone()), text),
            }
        }
    }
    if customer_given {
        pre.step(
            Citation::input("--customer"),
            format!("customer type: {customer}"),
        );
    } else {
        pre.step(
            p.cite(p.audience.article.clone()),
            format!("customer type: {customer} (the customer these terms are written for; --customer changes it)"),
        );
    }
    // The clause for this customer.
    let (clause, consumer_override) = match (&lp.consumer_interest, consumer) {
        (Some(c), true) => (c, true),
        _ => (&lp.interest, false),
    };
    let earliest_due = claims.iter().map(|c| c.1).min().unwrap_or(until);
    // When default begins (for `requires_default` and `after_demand` starts).
    let need_reminder = |what: &str, article: &str| -> Error {
        Error::input(format!(
            "--reminder: {} art. {article} counts {what} from the day the demand or reminder was received; give that day as --reminder DATE",
            p.display_name()
        ))
    };
    let mut used_reminder = false;
    let mut default_day: Option<(NaiveDate, NaiveDate)> = None; // (last day of grace, default day)
    match &lp.default {
        DefaultRule::OnExpiry { article, reading } => {
            let text =
                "default (verzuim) without notice from the day after the due date".to_string();
            match reading {
                Some(r) => pre.step_with_reading(p.cite(article.clone()), text, r.clone()),
                None => pre.step(p.cite(article.clone()), text),
            }
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
            if needs {
                let r =
                    reminder.ok_or_else(|| need_reminder("the days before default", article))?;
                if r < earliest_due {
                    return Err(Error::input(format!(
                        "--reminder: {r} is before the due date {earliest_due}; a demand under art. {article} can only follow a missed due date"
                    )));
                }
                used_reminder = true;
                let grace_end = plus_days(r, *days)?;
                let dd = next_day(grace_end)?;
                default_day = Some((grace_end, dd));
                let text = format!(
                    "demand received {r}: {days} days counted from the next day end on {grace_end},; default (verzuim) begins on {dd}"
                );
                match reading {
                    Some(rd) => pre.step_with_reading(p.cite(article.clone()), text, rd.clone()),
                    None => pre.step(p.cite(article.clone()), text),
                }
            } else {
                let text = format!("default (verzuim) after a demand giving {days} days");
                pre.step(p.cite(article.clone()), text);
            }
        }
    }
    // The first interest day of each claim.
    let start_of = |due: NaiveDate, used: &mut bool| -> Result<(NaiveDate, String)> {
        match clause.start() {
            Start::DayAfterDue => Ok((
                next_day(due)?,
                "interest starts on the day after the due date".to_string(),
            )),
            Start::AfterDemand => {
                let days = clause.demand_days().unwrap_or(0);
                let r = reminder.ok_or_else(|| {
                    need_reminder("the days before interest starts", clause.article())
                })?;
                if r < earliest_due {
                    return Err(Error::input(format!(
                        "--reminder: {r} is before the due date {earliest_due}; a demand under art. {} can only follow a missed due date",
                        clause.article()
                    )));
                }
                *used = true;
                let last = plus_days(r, days)?;
                let s = next_day(last)?.max(next_day(due)?);
                Ok((s, format!("demand received {r}; its {days} days end on {last}, so interest starts on {s}")))
            }
        }
    };
    let mut start = Vec::new();
    for &(_, due) in claims {
        let (s, why) = start_of(due, &mut used_reminder)?;
        start.push((
            s,
            // The clause's reading is shown once, with the rate.
            (p.cite(clause.article()), why, None),
        ));
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
        let not_in_default = until < dd || paid_in_time >= owed;
        if not_in_default {
            let why = if until < dd {
                format!("the customer is not in default by {until} (default would begin on {dd}): no interest is owed yet")
            } else {
                format!("everything was paid by {grace_end}, within the demand's term: no default, so no interest")
            };
            for s in &mut start {
                s.0 = next_day(until)?;
                s.1 .1 = why.clone();
            }
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
            let mut text = format!(
                "the clause applies statutory interest: art. {} BW ({})",
                kind.article(),
                kind.dutch_name()
            );
            let mut cite = p.cite(article.clone());
            if consumer && kind == RateKind::Commercial && !consumer_override {
                kind = RateKind::Consumer;
                cite = Citation::statute(BW, "6:119a lid 1");
                text = format!(
                    "the clause ({} art. {article}) means the commercial rate, but art. 6:119a BW applies only to commercial contracts; for a consumer art. 6:119 BW (wettelijke rente) applies",
                    p.display_name()
                );
            }
            let first = start.iter().map(|s| s.0).min();
            let mut choice =
                statutory_choice(tables.get(kind), (cite, text, reading.clone()), first);
            choice.label = format!("{} art. {article}: {}", p.display_name(), choice.label);
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
            let text = format!(
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
            );
            (
                RateChoice {
                    basis: RateBasis::PerMonthOrPart {
                        percent: *percent,
                        floor,
                    },
                    compound: false,
                    reason: (p.cite(article.clone()), text, reading.clone()),
                    compounding_reason: (
                        p.cite(article.clone()),
                        "the clause agrees no compounding: simple interest on the overdue amounts"
                            .to_string(),
                    ),
                    label: format!(
                        "{} art. {article}: {} % per month or part",
                        p.display_name(),
                        fmt_plain(*percent)
                    ),
                },
                floor.is_some(),
            )
        }
    };
    if consumer {
        if let InterestClause::PerMonthOrPart { .. } = clause {
            pre.warn("a contractual rate this high charged to a consumer is open to review as unfair (art. 6:233 BW); consider --kind consumer");
        }
    }
    let (spread, honour, allocation_reason) = match &lp.allocation {
        Some(a) => (
            match a.order {
                Order::Statutory => Spread::PerClaim,
                Order::InterestFirst => Spread::InterestFirst,
            },
            a.designation_honoured,
            (
                p.cite(a.article.clone()),
                match (a.order, a.designation_honoured) {
                    (Order::InterestFirst, false) => "first costs, then the interest of all invoices, then the invoices oldest first, whatever invoice the payment names",
                    (Order::InterestFirst, true) => "first costs, then the interest of all invoices, then a named invoice, else the oldest first",
                    (Order::Statutory, false) => "invoice by invoice, oldest first, whatever invoice the payment names: costs, interest, then principal",
                    (Order::Statutory, true) => "a named invoice first, else the oldest: costs, interest, then principal",
                }
                .to_string(),
            ),
        ),
        None => (Spread::PerClaim, true, statutory_allocation()),
    };
    Ok(ProviderPlan {
        rate,
        start,
        spread,
        honour,
        allocation_reason,
        preamble: pre,
        verified,
        used_reminder,
    })
}

/// The due date from the invoice date and the provider's payment term.
fn due_from_invoice_date(p: &Provider, invoice: NaiveDate) -> Result<(NaiveDate, Trace)> {
    let lp = p.late_payment.as_ref().ok_or_else(|| {
        Error::input(format!(
            "--invoice-date: the {} file has no payment term; give the due date with --due",
            p.id
        ))
    })?;
    match &lp.payment_term {
        PaymentTerm::DaysAfterInvoice { days, article, .. } => {
            let due = plus_days(invoice, *days)?;
            let mut t = Trace::new();
            t.step(
                p.cite(article.clone()),
                format!("invoice dated {invoice}: the payment term of {days} calendar days ends on {due}, the due date"),
            );
            Ok((due, t))
        }
        PaymentTerm::NotStated { article, .. } => Err(Error::input(format!(
            "--invoice-date: {} art. {article} prints no payment term in days, so the due date cannot be derived; give it with --due",
            p.display_name()
        ))),
    }
}

fn statutory_allocation() -> (Citation, String) {
    (
        Citation::statute(BW, "6:43, 6:44"),
        "applied to costs, then interest not yet added to the base, then the base; claim by claim, a claim the payment names first, else the oldest due first".to_string(),
    )
}

pub fn run(args: &Args, ctx: &Context) -> Result<Output> {
    let until = args.until.unwrap_or(ctx.as_of);
    let mut due_from_invoice: Option<Trace> = None;
    let (claims_in, claim_flag): (Vec<(Decimal, NaiveDate)>, &'static str) =
        match (args.principal, args.due, args.invoice_date) {
            (Some(p), Some(d), _) => (vec![(p, d)], "--due"),
            (Some(p), None, Some(inv)) => {
                let Some(id) = args.provider.as_deref() else {
                    return Err(Error::input(
                        "--invoice-date needs --provider, whose payment term gives the due date; otherwise give --due",
                    ));
                };
                let (due, trace) = due_from_invoice_date(ctx.provider(id)?, inv)?;
                due_from_invoice = Some(trace);
                (vec![(p, due)], "--invoice-date")
            }
            (Some(_), None, None) => {
                return Err(Error::input(
                    "--due is required with --principal: give the last day to pay (or --invoice-date with --provider)",
                ))
            }
            _ if !args.claim.is_empty() => (args.claim.clone(), "--claim"),
            _ => {
                return Err(Error::input(
                    "--principal with --due, or --claim AMOUNT@DATE (repeatable), is required: name the amount owed and its due date",
                ))
            }
        };
    let costs = args.costs.unwrap_or(Decimal::ZERO);
    for (i, (_, due)) in claims_in.iter().enumerate() {
        if *due > until {
            let which = if claims_in.len() > 1 {
                format!(" {}", i + 1)
            } else {
                String::new()
            };
            return Err(Error::input(format!(
                "{claim_flag}{which}: the due date {due} is after the until date {until}; use an --until (or --as-of) on or after the due date"
            )));
        }
    }
    if args.kind.is_none() && args.provider.is_none() && args.rate.is_none() {
        return Err(Error::input(
            "--kind, --provider or --rate is required: say which interest applies (--kind consumer for art. 6:119 BW, --kind commercial for art. 6:119a BW, --provider ID for a provider's clause, --rate PERCENT --per year|month for an agreed rate)",
        ));
    }
    if args.rate.is_some() && args.per.is_none() {
        return Err(Error::input(
            "--per is required with --rate: say whether the rate is per year or per month",
        ));
    }
    let tables = super::rates::tables(ctx)?;
    let mut inputs = serde_json::json!({
        "claims": claims_in.iter().map(|(a, d)| serde_json::json!({"principal": fmt_amount(*a), "due": d})).collect::<Vec<_>>(),
        "until": until,
        "payments": args.payment.iter().map(|(d, a, n)| serde_json::json!({"date": d, "amount": fmt_amount(*a), "claim": n.map(|n| n + 1)})).collect::<Vec<_>>(),
        "costs": fmt_amount(costs),
        "day_count": args.day_count.as_str(),
        "strict": args.strict,
        "rates": tables.source,
    });

    let default_starts = |kind: RateKind| -> Result<Vec<(NaiveDate, Reason)>> {
        claims_in
            .iter()
            .map(|&(_, due)| Ok((next_day(due)?, start_reason_for_kind(kind))))
            .collect()
    };
    let (rate, starts, spread, honour, allocation_reason, preamble, verified) = if let Some(kind) =
        args.kind
    {
        inputs["kind"] = serde_json::json!(kind);
        let starts = default_starts(kind)?;
        let first = starts.iter().map(|s| s.0).min();
        let table: &RateTable = tables.get(kind);
        (
            statutory_choice(table, statutory_reason(kind), first),
            starts,
            Spread::PerClaim,
            true,
            statutory_allocation(),
            Trace::new(),
            true,
        )
    } else if let Some(id) = &args.provider {
        let p = ctx.provider(id)?;
        let customer = p.customer_or_default(args.customer);
        inputs["provider"] = serde_json::json!(p.id);
        inputs["customer"] = serde_json::json!(customer);
        inputs["reminder"] = serde_json::json!(args.reminder);
        if let Some(inv) = args.invoice_date {
            inputs["invoice_date"] = serde_json::json!(inv);
        }
        let plan = provider_plan(
            p,
            customer,
            args.customer.is_some(),
            &tables,
            &claims_in,
            args.reminder,
            &args.payment,
            costs,
            until,
        )?;
        let mut pre = due_from_invoice.take().unwrap_or_default();
        pre.extend(plan.preamble);
        if args.reminder.is_some() && !plan.used_reminder {
            pre.warn(format!(
                "--reminder is not used: {}'s clause does not count from a reminder",
                p.display_name()
            ));
        }
        (
            plan.rate,
            plan.start,
            plan.spread,
            plan.honour,
            plan.allocation_reason,
            pre,
            plan.verified,
        )
    } else {
        let percent = args.rate.unwrap_or(Decimal::ZERO);
        let per = args.per.unwrap_or(PerArg::Year);
        let yearly = match per {
            PerArg::Year => percent,
            PerArg::Month => percent * Decimal::from(12),
        };
        inputs["rate"] = serde_json::json!(fmt_plain(percent));
        inputs["per"] = serde_json::json!(match per {
            PerArg::Year => "year",
            PerArg::Month => "month",
        });
        inputs["compound"] = serde_json::json!(args.compound);
        let text = match per {
                PerArg::Year => format!("agreed rate: {} % per year", fmt_plain(percent)),
                PerArg::Month => format!(
                    "agreed rate: {} % per month, counted as {} % per year (12 × the monthly rate) and pro rata per day",
                    fmt_plain(percent),
                    fmt_plain(yearly)
                ),
            };
        let compounding_reason = if args.compound {
            (Citation::input("--compound"), "the agreement compounds yearly: after each full year the unpaid interest is added to the base".to_string())
        } else {
            (Citation::convention(interest::CONV_D), "an agreed rate is simple interest unless the clause says otherwise (use --compound if it does)".to_string())
        };
        let starts = claims_in
            .iter()
            .map(|&(_, due)| {
                Ok((
                    next_day(due)?,
                    (
                        Citation::convention(interest::CONV_A),
                        "interest starts on the day after the due date".to_string(),
                        None,
                    ),
                ))
            })
            .collect::<Result<Vec<_>>>()?;
        (
            RateChoice {
                basis: RateBasis::Fixed(yearly),
                compound: args.compound,
                reason: (Citation::input("--rate"), text, None),
                compounding_reason,
                label: format!(
                    "agreed {} % per {}",
                    fmt_plain(percent),
                    match per {
                        PerArg::Year => "year",
                        PerArg::Month => "month",
                    }
                ),
            },
            starts,
            Spread::PerClaim,
            true,
            statutory_allocation(),
            Trace::new(),
            false,
        )
    };
    if args.reminder.is_some() && args.provider.is_none() {
        return Err(Error::input(
            "--reminder is only used with --provider, whose clause may count from a reminder; drop it or add --provider ID",
        ));
    }
    let claims: Vec<Claim> = claims_in
        .iter()
        .zip(&starts)
        .map(|(&(principal, due), s)| Claim {
            principal,
            due,
            first_day: s.0,
        })
        .collect();
    let payments: Vec<Payment> = args
        .payment
        .iter()
        .map(|&(date, amount, claim)| Payment {
            date,
            amount,
            claim,
        })
        .collect();
    let input = InterestInput {
        claims,
        start_reasons: starts.into_iter().map(|s| s.1).collect(),
        payments,
        until,
        costs,
        rate,
        day_count: args.day_count,
        spread,
        honour_designation: honour,
        allocation_reason,
        verified_through: verified.then_some(tables.verified_through),
        strict: args.strict,
        claim_flag,
        preamble,
    };
    let outcome = interest::compute(input)?;
    super::report(Report::new("interest", inputs, outcome))
}
