//! `termcalc quote`: what it costs a customer to leave, all in: the end date for a notice, the
//! buyout for an early leaving day, open invoices with interest and collection costs, and a
//! grand total with and without VAT.
//!
//! Each part is computed by the library function of its single command (end-date, buyout,
//! interest, collection-costs), so the figures are identical; `calc::quote` only adds up.

use super::interest::PerArg;
use super::{date_arg, non_negative_amount_arg, Context, Output};
use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use termcalc::calc::buyout::{buyout, BuyoutRequest};
use termcalc::calc::collection::{collection_costs, CollectionRequest};
use termcalc::calc::interest::{DayCount, InterestResult};
use termcalc::calc::late_payment::{
    check_due_dates, interest_for, AgreedPer, Claims, InterestKind, InterestQuestion,
};
use termcalc::calc::outage::{outage, Cause, OutageRequest, OutageSpan};
use termcalc::calc::quote::{principal_left_before, quote, InvoiceFigures, QuoteParts};
use termcalc::calc::termination::{end_date, EndDateRequest};
use termcalc::error::{Error, Result};
use termcalc::law::rates::RateKind;
use termcalc::law::BW;
use termcalc::money::{fmt_amount, fmt_plain, parse_positive};
use termcalc::report::{Citation, Outcome, Report};
use termcalc::terms::late_payment::PaymentTerm;
use termcalc::terms::{CustomerType, Provider};

#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  \
termcalc --as-of 2025-09-01 quote --provider qupra --start 2025-03-15 \\\n    \
--end 2025-09-30 --monthly 50 --usage-monthly 12.40 \\\n    \
--claim 500@2025-03-01 --claim 200@2025-05-01\n\n\
The parts are the single commands' own calculations: end-date (--notice,\n\
default --as-of), buyout (only with --end), interest and collection costs\n\
(only with --claim, through --until, default --as-of). Interest follows the\n\
provider's clause unless --kind or --rate is given. VAT: 21 % on the\n\
buyout; none on interest or open invoices (counted as invoiced); on\n\
collection costs only with --vat.")]
pub struct Args {
    /// Provider id, e.g. qupra (see `termcalc providers`).
    #[arg(long, value_name = "ID", value_parser = super::provider_values(), hide_possible_values = true)]
    pub provider: String,
    /// First day of the term (delivery / ready for service); needed with --end.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub start: Option<NaiveDate>,
    /// The day the provider receives the notice [default: --as-of].
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub notice: Option<NaiveDate>,
    /// The initial term agreed in the contract, in months.
    #[arg(long, value_name = "N", value_parser = super::term_months_arg, allow_negative_numbers = true)]
    pub term_months: Option<u32>,
    /// consumer, business or reseller [default: the provider file's default].
    #[arg(long, value_name = "TYPE", value_parser = super::customer_values(), hide_possible_values = true)]
    pub customer: Option<CustomerType>,
    /// Service kind where the terms differ per service (e.g. compri: dsl, voip, hosting, ...).
    #[arg(long, value_name = "KIND", value_parser = super::service_values(), hide_possible_values = true)]
    pub service: Option<String>,
    /// The last day the customer wants the service; adds the buyout (needs --start, --monthly).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub end: Option<NaiveDate>,
    /// With --end: fixed recurring monthly fees, excluding VAT.
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = non_negative_amount_arg)]
    pub monthly: Option<Decimal>,
    /// With --end: average monthly usage charges, excluding VAT.
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = non_negative_amount_arg)]
    pub usage_monthly: Option<Decimal>,
    /// With --end: one-off installation or delivery fee at list price, excluding VAT.
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = non_negative_amount_arg)]
    pub one_off: Option<Decimal>,
    /// With --end: the undiscounted monthly list price, where discounts lapse.
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = non_negative_amount_arg)]
    pub list_monthly: Option<Decimal>,
    /// With --end: the service has not been delivered yet.
    #[arg(long)]
    pub not_delivered: bool,
    /// The prices given (--monthly, --usage-monthly, --one-off, --list-monthly) include 21 %
    /// VAT; termcalc brings them back to prices excluding VAT.
    #[arg(long)]
    pub incl_vat: bool,
    /// An open invoice: AMOUNT@DUE-DATE (incl. its VAT; repeat for each invoice).
    #[arg(long, value_name = "AMOUNT@DATE", value_parser = claim_arg, allow_hyphen_values = true)]
    pub claim: Vec<(Decimal, NaiveDate)>,
    /// A partial payment on the invoices: DATE=AMOUNT, or DATE=AMOUNT@N for invoice N.
    #[arg(long, value_name = "DATE=AMOUNT[@N]", value_parser = payment_arg)]
    pub payment: Vec<(NaiveDate, Decimal, Option<usize>)>,
    /// Interest and collection costs are counted through this day, inclusive [default: --as-of].
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub until: Option<NaiveDate>,
    /// Statutory interest instead of the provider's clause: consumer (6:119) or commercial
    /// (6:119a).
    #[arg(long, value_name = "KIND", value_parser = super::rates::kind_arg, conflicts_with = "rate")]
    pub kind: Option<RateKind>,
    /// An agreed interest rate in percent instead of the provider's clause (with --per).
    #[arg(long, value_name = "PERCENT", allow_hyphen_values = true, value_parser = percent_arg)]
    pub rate: Option<Decimal>,
    /// The period of --rate: year or month.
    #[arg(long, value_enum, value_name = "PERIOD", requires = "rate")]
    pub per: Option<PerArg>,
    /// The day a reminder or demand was received, where the provider's interest clause counts
    /// from it.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub reminder: Option<NaiveDate>,
    /// The creditor cannot deduct VAT: add 21 % to the collection costs (BIK art. 2 lid 3).
    #[arg(long)]
    pub vat: bool,
    /// The day the consumer received the 14-day letter (BW 6:96 lid 6).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub letter_date: Option<NaiveDate>,
    /// The day the 14-day letter was posted, when the day of receipt is unknown (as in
    /// collection-costs).
    #[arg(long, value_name = "DATE", value_parser = date_arg, conflicts_with = "letter_date")]
    pub letter_sent: Option<NaiveDate>,
    /// The first day the debtor was in default, for the collection costs (as in
    /// collection-costs).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub default_date: Option<NaiveDate>,
    /// Credit an outage (as `termcalc outage`): when the service stopped working completely
    /// (YYYY-MM-DDTHH:MM; with --outage-until).
    #[arg(long, value_name = "DATETIME", value_parser = super::outage::datetime_arg, requires = "outage_until", conflicts_with = "outage_hours")]
    pub outage_from: Option<NaiveDateTime>,
    /// When the service worked again (YYYY-MM-DDTHH:MM).
    #[arg(long, value_name = "DATETIME", value_parser = super::outage::datetime_arg, requires = "outage_from", conflicts_with = "outage_hours")]
    pub outage_until: Option<NaiveDateTime>,
    /// Credit an outage of this many hours, instead of --outage-from/--outage-until.
    #[arg(long, value_name = "N", value_parser = super::outage::hours_arg, allow_hyphen_values = true)]
    pub outage_hours: Option<Decimal>,
    /// The monthly subscription fee of the service that was down (needed with an outage).
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = non_negative_amount_arg)]
    pub outage_monthly: Option<Decimal>,
    /// What caused the outage (as `outage --cause`).
    #[arg(long, value_name = "CAUSE", value_parser = super::outage::cause_values(), hide_possible_values = true)]
    pub outage_cause: Option<Cause>,
}

/// `AMOUNT@DATE` (the same syntax as `interest --claim`).
fn claim_arg(s: &str) -> std::result::Result<(Decimal, NaiveDate), String> {
    let (a, d) = s
        .split_once('@')
        .ok_or_else(|| format!("'{s}' is not a claim: use AMOUNT@DATE, e.g. 500.00@2025-01-31"))?;
    Ok((parse_positive(a)?, termcalc::calendar::parse_date(d)?))
}

/// `DATE=AMOUNT` or `DATE=AMOUNT@N` (the same syntax as `interest --payment`).
fn payment_arg(s: &str) -> std::result::Result<(NaiveDate, Decimal, Option<usize>), String> {
    let (d, rest) = s.split_once('=').ok_or_else(|| {
        format!("'{s}' is not a payment: use DATE=AMOUNT or DATE=AMOUNT@N, e.g. 2025-06-30=400")
    })?;
    let date = termcalc::calendar::parse_date(d)?;
    let (a, n) = match rest.split_once('@') {
        Some((a, n)) => {
            let n: usize = n.trim().parse().ok().filter(|&n| n >= 1).ok_or_else(|| {
                format!("'{n}' is not an invoice number: use 1 for the first --claim")
            })?;
            (a, Some(n - 1))
        }
        None => (rest, None),
    };
    Ok((date, parse_positive(a)?, n))
}

/// A percentage above 0 and below 100 (as `interest --rate`).
fn percent_arg(s: &str) -> std::result::Result<Decimal, String> {
    let v = termcalc::money::parse_decimal(s)?;
    if v <= Decimal::ZERO || v >= Decimal::ONE_HUNDRED {
        return Err(format!(
            "'{s}' is not a usable rate: use a percentage above 0 and below 100, e.g. 8.15"
        ));
    }
    Ok(v)
}

/// Which interest the invoices bear, and the article behind it.
fn interest_basis(args: &Args, p: &Provider, customer: CustomerType) -> (String, Citation) {
    if let Some(kind) = args.kind {
        return (
            format!("--kind {}", kind.as_str()),
            Citation::statute(BW, kind.article()),
        );
    }
    if let Some(r) = args.rate {
        return (format!("--rate {}", fmt_plain(r)), Citation::input("rate"));
    }
    match &p.late_payment {
        Some(lp) => {
            let clause = match (&lp.consumer_interest, customer == CustomerType::Consumer) {
                (Some(c), true) => c,
                _ => &lp.interest,
            };
            ("provider clause".to_string(), p.cite(clause.article()))
        }
        None => {
            let kind = statutory_kind(customer);
            (
                format!("statutory {} (no clause)", kind.as_str()),
                Citation::statute(BW, kind.article()),
            )
        }
    }
}

/// Without a clause: statutory interest for a consumer, commercial interest for a business or
/// reseller (both contract in the course of their business, BW 6:119a lid 1).
fn statutory_kind(customer: CustomerType) -> RateKind {
    if customer == CustomerType::Consumer {
        RateKind::Consumer
    } else {
        RateKind::Commercial
    }
}

/// The interest on the claims: the same question `termcalc interest` asks, answered by the
/// same library function.
fn invoices(
    args: &Args,
    ctx: &Context,
    p: &Provider,
    customer: CustomerType,
    until: NaiveDate,
    costs: Option<(Decimal, NaiveDate)>,
) -> Result<(Outcome<InterestResult>, InvoiceFigures, serde_json::Value)> {
    let use_provider = args.kind.is_none() && args.rate.is_none() && p.late_payment.is_some();
    let kind = if let Some(rate) = args.rate {
        InterestKind::Agreed {
            rate,
            per: match args.per {
                Some(PerArg::Month) => AgreedPer::Month,
                _ => AgreedPer::Year,
            },
            compound: false,
        }
    } else if use_provider {
        InterestKind::Provider {
            provider: p,
            // None lets the clause take the provider's default, as `interest` does alone.
            customer: args.customer,
            reminder: args.reminder,
        }
    } else {
        InterestKind::Statutory(args.kind.unwrap_or_else(|| statutory_kind(customer)))
    };
    let question = InterestQuestion {
        claims: Claims::Due {
            claims: args.claim.clone(),
            field: "claim",
        },
        until,
        payments: args.payment.clone(),
        // The collection costs, from the day they fell due: the engine applies payments to
        // them first from that day on (BW 6:44), as `interest --costs --costs-from` does.
        costs: costs.map_or(Decimal::ZERO, |c| c.0),
        costs_from: costs.map(|c| c.1),
        day_count: DayCount::Act365,
        strict: false,
        kind,
    };
    // The checks in the order `termcalc interest` makes them.
    check_due_dates(&args.claim, "claim", until)?;
    let tables = super::rates::tables(ctx)?;
    if args.reminder.is_some() && !use_provider {
        return Err(Error::input(
            "--reminder is only used with --provider, whose clause may count from a reminder; drop it or add --provider ID",
        ));
    }
    let interest_inputs = super::interest::inputs_json(&question, &args.claim, tables);
    let outcome = interest_for(&question, tables)?;
    let figures = InvoiceFigures::from_result(
        &outcome.result,
        args.claim.len(),
        match p.late_payment.as_ref().map(|lp| &lp.payment_term) {
            Some(PaymentTerm::DaysAfterInvoice { article, .. })
            | Some(PaymentTerm::NotStated { article, .. }) => p.cite(article.clone()),
            None => Citation::input("claim"),
        },
        interest_basis(args, p, customer).1,
    );
    let mut steps_outcome = Outcome::new(outcome.result);
    if p.late_payment.is_none() && args.kind.is_none() && args.rate.is_none() {
        let k = statutory_kind(customer);
        steps_outcome.steps.push(termcalc::report::Step {
            text: format!(
                "the provider file has no late-payment clause: statutory interest for a {customer}, art. {} BW ({})",
                k.article(),
                k.dutch_name()
            ),
            citation: Citation::statute(BW, k.article()),
            reading: None,
        });
    }
    steps_outcome.steps.extend(outcome.steps);
    steps_outcome.warnings = outcome.warnings;
    Ok((steps_outcome, figures, interest_inputs))
}

pub fn run(args: &Args, ctx: &Context) -> Result<Output> {
    let p = ctx.provider(&args.provider)?;
    let customer = p.customer_or_default(args.customer);
    let notice = args.notice.unwrap_or(ctx.as_of);
    let until = args.until.unwrap_or(ctx.as_of);

    // Flags that only count with another flag: say so rather than ignore them.
    if args.end.is_none() {
        let stray = [
            ("--monthly", args.monthly.is_some()),
            ("--usage-monthly", args.usage_monthly.is_some()),
            ("--one-off", args.one_off.is_some()),
            ("--list-monthly", args.list_monthly.is_some()),
            ("--not-delivered", args.not_delivered),
        ];
        if let Some((flag, _)) = stray.iter().find(|(_, given)| *given) {
            return Err(Error::input(format!(
                "{flag} is only used for the buyout: add --end DATE (the last day of service) or drop {flag}"
            )));
        }
    }
    if args.claim.is_empty() {
        let stray = [
            ("--payment", !args.payment.is_empty()),
            ("--kind", args.kind.is_some()),
            ("--rate", args.rate.is_some()),
            ("--reminder", args.reminder.is_some()),
            ("--vat", args.vat),
            ("--letter-date", args.letter_date.is_some()),
            ("--letter-sent", args.letter_sent.is_some()),
            ("--default-date", args.default_date.is_some()),
            ("--until", args.until.is_some()),
        ];
        if let Some((flag, _)) = stray.iter().find(|(_, given)| *given) {
            return Err(Error::input(format!(
                "{flag} is only used for open invoices: add --claim AMOUNT@DATE or drop {flag}"
            )));
        }
    }
    if args.rate.is_some() && args.per.is_none() {
        return Err(Error::input(
            "--per is required with --rate: say whether the rate is per year or per month",
        ));
    }
    // clap skips `requires` once a conflicting flag (--kind) is given; say it here.
    if args.rate.is_none() && args.per.is_some() {
        return Err(Error::input(
            "--per is only used with an agreed --rate; statutory and provider rates are per year by their article",
        ));
    }
    if args.kind == Some(RateKind::Commercial) && customer == CustomerType::Consumer {
        let whose = if args.customer.is_some() {
            "--customer consumer".to_string()
        } else {
            format!(
                "the customer type, consumer ({}'s default)",
                p.display_name()
            )
        };
        return Err(Error::input(format!(
            "--kind commercial contradicts {whose}: the commercial rate (art. 6:119a BW) is for transactions between businesses; a consumer owes the statutory rate of art. 6:119 BW (--kind consumer, or give --customer)"
        )));
    }

    // End date: the same request `termcalc end-date` builds. A quote of open invoices only
    // (--claim, and none of the contract flags) goes on without it where the provider's rules
    // need contract data that was not given, and says so.
    let end = end_date(&EndDateRequest {
        provider: p,
        start: args.start,
        notice,
        term_months: args.term_months,
        customer: args.customer,
        service: args.service.clone(),
        // quote has no --indefinite / --requested-notice (yet): the defaults of end-date.
        indefinite: false,
        requested_notice: false,
        as_of: ctx.as_of,
    });
    let contract_given = args.start.is_some()
        || args.notice.is_some()
        || args.term_months.is_some()
        || args.service.is_some()
        || args.end.is_some();
    let (end, no_contract_reason) = match end {
        Ok(o) => (Some(o), None),
        Err(e @ (Error::Input(_) | Error::Field { .. }))
            if !contract_given && !args.claim.is_empty() =>
        {
            (None, Some(e.for_command_line()))
        }
        Err(e) => return Err(e),
    };

    // Buyout: the same request `termcalc buyout` builds.
    let bought = match args.end {
        None => None,
        Some(leaving_day) => {
            let start = args.start.ok_or_else(|| {
                Error::input("--start is required with --end: give the first day of the term, e.g. --start 2025-03-15")
            })?;
            let monthly = args.monthly.ok_or_else(|| {
                Error::input("--monthly is required with --end: give the fixed monthly fees excluding VAT, e.g. --monthly 50")
            })?;
            Some(buyout(&BuyoutRequest {
                provider: p,
                start,
                leaving_day,
                notice,
                monthly,
                list_monthly: args.list_monthly,
                term_months: args.term_months,
                usage_monthly: args.usage_monthly,
                one_off: args.one_off,
                not_delivered: args.not_delivered,
                prices_incl_vat: args.incl_vat,
                customer: args.customer,
                service: args.service.clone(),
                indefinite: false,
                requested_notice: false,
                as_of: ctx.as_of,
            })?)
        }
    };

    // Open invoices: interest by `termcalc interest`, collection costs by the same request
    // `termcalc collection-costs` builds. The costs are fixed on the principal owed on the day
    // they fell due, and payments from that day on go to them first (BW 6:44): one engine,
    // run once without costs to see what was paid before that day, then with them.
    let mut collection_paid_before = None;
    let (inv, collection, interest_inputs) = if args.claim.is_empty() {
        (None, None, serde_json::Value::Null)
    } else {
        let (o, f, inputs) = invoices(args, ctx, p, customer, until, None)?;
        let request = |principals: Vec<Decimal>| CollectionRequest {
            principals: principals.into(),
            customer: args.customer,
            provider: Some(p),
            vat: args.vat,
            letter_date: args.letter_date,
            letter_sent: args.letter_sent,
            default_date: args.default_date,
            // Several invoices: the costs on their sum fall due once all are in default (the
            // latest due date). A --default-date given decides alone; it is then only checked
            // against the earliest due date.
            due: if args.default_date.is_some() {
                args.claim.iter().map(|c| c.1).min()
            } else {
                args.claim.iter().map(|c| c.1).max()
            },
            demand: args.reminder,
            as_of: ctx.as_of,
        };
        let first = collection_costs(&request(args.claim.iter().map(|c| c.0).collect()))?;
        let fell_due = first
            .result
            .due_from
            .filter(|d| *d <= until && first.result.letter_valid != Some(false));
        match fell_due {
            Some(day) => {
                let principals = principal_left_before(&o.result, day);
                if principals.is_empty() {
                    // Everything was paid before the costs fell due: none are owed.
                    collection_paid_before = Some(day);
                    (Some((o, f)), None, inputs)
                } else {
                    let c = collection_costs(&request(principals))?;
                    let (o2, f2, inputs2) =
                        invoices(args, ctx, p, customer, until, Some((c.result.total, day)))?;
                    (Some((o2, f2)), Some(c), inputs2)
                }
            }
            None => {
                // Not due by the until date (or no valid letter): shown, not charged; the base
                // is what is still unpaid then.
                let c = if first.result.letter_valid == Some(false) {
                    Some(first)
                } else {
                    let after = termcalc::calendar::add_days(until, 1).unwrap_or(until);
                    let principals = principal_left_before(&o.result, after);
                    if principals.is_empty() {
                        None
                    } else {
                        Some(collection_costs(&request(principals))?)
                    }
                };
                (Some((o, f)), c, inputs)
            }
        }
    };

    let amount = |v: Option<Decimal>| v.map(fmt_amount);
    let inputs = serde_json::json!({
        "provider": p.id,
        "customer": customer,
        "customer_source": if args.customer.is_some() { "--customer" } else { "provider default" },
        "start": args.start,
        "notice": notice,
        "notice_source": if args.notice.is_some() { "--notice" } else { "--as-of" },
        "term_months": args.term_months,
        "service": args.service,
        "end": args.end,
        "monthly": amount(args.monthly),
        "usage_monthly": amount(args.usage_monthly),
        "one_off": amount(args.one_off),
        "list_monthly": amount(args.list_monthly),
        "not_delivered": args.not_delivered,
        "claims": args.claim.iter().map(|(a, d)| serde_json::json!({"principal": fmt_amount(*a), "due": d})).collect::<Vec<_>>(),
        "payments": args.payment.iter().map(|(d, a, n)| serde_json::json!({"date": d, "amount": fmt_amount(*a), "claim": n.map(|n| n + 1)})).collect::<Vec<_>>(),
        "interest": if args.claim.is_empty() { serde_json::Value::Null } else { serde_json::json!(interest_basis(args, p, customer).0) },
        "interest_inputs": interest_inputs,
        "until": until,
        "until_source": if args.until.is_some() { "--until" } else { "--as-of" },
        "vat": args.vat,
        "letter_date": args.letter_date,
        "letter_sent": args.letter_sent,
        "default_date": args.default_date,
        "outage_from": args.outage_from.map(|d| d.format("%Y-%m-%dT%H:%M").to_string()),
        "outage_until": args.outage_until.map(|d| d.format("%Y-%m-%dT%H:%M").to_string()),
        "outage_hours": args.outage_hours.map(termcalc::calc::outage::fmt_hours),
        "outage_monthly": amount(args.outage_monthly),
        "outage_cause": args.outage_cause,
        "as_of": ctx.as_of,
    });
    let outage_credit = outage_part(args, p, ctx)?;
    let mut outcome = quote(QuoteParts {
        end_date: end,
        no_contract_reason,
        customer,
        buyout: bought,
        invoices: inv,
        collection,
        collection_paid_before,
        until,
        provider_name: p.display_name().to_string(),
        outage: outage_credit,
    })?;
    outcome
        .warnings
        .extend(super::interest::reminder_after_until(args.reminder, until));
    super::report(Report::new("quote", inputs, outcome))
}

/// The outage credit of a quote: the outage command's own calculation (`calc::outage`) with the
/// quote's provider and customer. A quote has no flags for a guarantee's conditions, so a
/// guarantee counts as not met here; `termcalc outage` checks it.
fn outage_part(
    args: &Args,
    p: &Provider,
    ctx: &Context,
) -> Result<Option<Outcome<termcalc::calc::outage::OutageResult>>> {
    let span = match (args.outage_from, args.outage_until, args.outage_hours) {
        (Some(from), Some(until), None) => OutageSpan::Between { from, until },
        (None, None, Some(h)) => OutageSpan::Hours(h),
        _ => {
            if let Some(flag) = [
                ("--outage-monthly", args.outage_monthly.is_some()),
                ("--outage-cause", args.outage_cause.is_some()),
            ]
            .iter()
            .find(|(_, given)| *given)
            .map(|(f, _)| f)
            {
                return Err(Error::input(format!(
                    "{flag} is only used for an outage credit: add --outage-hours N (or --outage-from and --outage-until), or drop {flag}"
                )));
            }
            return Ok(None);
        }
    };
    let monthly = args.outage_monthly.ok_or_else(|| {
        Error::input("--outage-monthly is needed with an outage: give the monthly subscription fee of the service that was down, e.g. --outage-monthly 45.00")
    })?;
    let req = OutageRequest {
        provider: p,
        customer: args.customer,
        span,
        monthly: Some(monthly),
        usage: None,
        discovered: None,
        reported: None,
        direct_debit: false,
        exclusive_carrier: false,
        guarantee_used: false,
        prepaid: false,
        cause: args.outage_cause,
        as_of: ctx.as_of,
    };
    let mut o = outage(&req)?;
    if let Some(g) = &o.result.guarantee {
        o.warnings.push(format!(
            "A quote cannot state the conditions of the {g}, so it credits the statutory minimum only; run termcalc outage with the conditions to check the guarantee."
        ));
    }
    Ok(Some(o))
}
