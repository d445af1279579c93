//! `termcalc interest`: late-payment interest on one or more claims, statutory (6:119, 6:119a
//! BW), by the provider's clause, or at an agreed rate, with partial payments.

use super::{Context, Output};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use termcalc::calc::interest::{self, DayCount};
use termcalc::calc::late_payment::{
    check_due_dates, interest_for, resolve_claims, AgreedPer, Claims, InterestKind,
    InterestQuestion,
};
use termcalc::error::{Error, Result};
use termcalc::law::rates::{RateKind, RateTables};
use termcalc::money::{fmt_amount, fmt_plain};
use termcalc::report::Report;
use termcalc::terms::CustomerType;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PerArg {
    Year,
    Month,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
termcalc --as-of 2025-06-30 interest --principal 1000 --due 2023-02-28 \\\n    \
--kind commercial\n  \
termcalc interest --claim 500@2025-01-31 --claim 300@2025-02-28 \\\n    \
--until 2025-12-31 --kind commercial --payment 2025-06-30=400\n  \
termcalc interest --provider compri --principal 250 --due 2025-03-01 \\\n    \
--reminder 2025-03-10 --until 2025-06-30\n\n\
Interest runs from the day after the due date through --until, both\n\
inclusive. --payment DATE=AMOUNT@N names claim N (1-based) for the payment.")]
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
    #[arg(long, value_name = "ID", value_parser = super::provider_values(), hide_possible_values = true, conflicts_with = "rate")]
    pub provider: Option<String>,
    /// With --provider: the customer type (default: the provider file's default customer).
    #[arg(long, value_name = "TYPE", value_parser = super::customer_values(), hide_possible_values = true, requires = "provider")]
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
    /// With --costs: the day the costs fell due (e.g. the day after a 14-day letter's term);
    /// payments before it go to interest and principal only (default: owed from the start).
    #[arg(long, value_name = "DATE", value_parser = super::date_arg, requires = "costs")]
    pub costs_from: Option<NaiveDate>,
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

/// The JSON `inputs` of `termcalc interest`: the inputs as understood, defaults resolved.
pub fn inputs_json(
    q: &InterestQuestion,
    claims: &[(Decimal, NaiveDate)],
    tables: &RateTables,
) -> serde_json::Value {
    let mut inputs = serde_json::json!({
        "claims": claims.iter().map(|(a, d)| serde_json::json!({"principal": fmt_amount(*a), "due": d})).collect::<Vec<_>>(),
        "until": q.until,
        "payments": q.payments.iter().map(|(d, a, n)| serde_json::json!({"date": d, "amount": fmt_amount(*a), "claim": n.map(|n| n + 1)})).collect::<Vec<_>>(),
        "costs": fmt_amount(q.costs),
        "costs_from": q.costs_from,
        "day_count": q.day_count.as_str(),
        "strict": q.strict,
        "rates": tables.source,
    });
    match q.kind {
        InterestKind::Statutory(kind) => inputs["kind"] = serde_json::json!(kind),
        InterestKind::Provider {
            provider,
            customer,
            reminder,
        } => {
            inputs["provider"] = serde_json::json!(provider.id);
            inputs["customer"] = serde_json::json!(provider.customer_or_default(customer));
            inputs["reminder"] = serde_json::json!(reminder);
            if let Claims::InvoiceDate { invoice_date, .. } = q.claims {
                inputs["invoice_date"] = serde_json::json!(invoice_date);
            }
        }
        InterestKind::Agreed {
            rate,
            per,
            compound,
        } => {
            inputs["rate"] = serde_json::json!(fmt_plain(rate));
            inputs["per"] = serde_json::json!(per.as_str());
            inputs["compound"] = serde_json::json!(compound);
        }
    }
    inputs
}

pub fn run(args: &Args, ctx: &Context) -> Result<Output> {
    let until = args.until.unwrap_or(ctx.as_of);
    let claims = match (args.principal, args.due, args.invoice_date) {
        (Some(principal), Some(due), _) => Claims::Due {
            claims: vec![(principal, due)],
            flag: "--due",
        },
        (Some(principal), None, Some(invoice_date)) => Claims::InvoiceDate {
            principal,
            invoice_date,
        },
        (Some(_), None, None) => {
            return Err(Error::input(
                "--due is required with --principal: give the last day to pay (or --invoice-date with --provider)",
            ))
        }
        _ if !args.claim.is_empty() => Claims::Due {
            claims: args.claim.clone(),
            flag: "--claim",
        },
        _ => {
            return Err(Error::input(
                "--principal with --due, or --claim AMOUNT@DATE (repeatable), is required: name the amount owed and its due date",
            ))
        }
    };
    // The checks below run in the order the messages always came in.
    let invoice_provider = match (&claims, args.provider.as_deref()) {
        (Claims::InvoiceDate { .. }, Some(id)) => Some(ctx.provider(id)?),
        _ => None,
    };
    let (claims_in, claim_flag, _) = resolve_claims(&claims, invoice_provider)?;
    check_due_dates(&claims_in, claim_flag, until)?;
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
    check_flag_combinations(args)?;
    let tables = super::rates::tables(ctx)?;
    let kind = if let Some(kind) = args.kind {
        InterestKind::Statutory(kind)
    } else if let Some(id) = &args.provider {
        InterestKind::Provider {
            provider: ctx.provider(id)?,
            customer: args.customer,
            reminder: args.reminder,
        }
    } else {
        InterestKind::Agreed {
            rate: args.rate.unwrap_or(Decimal::ZERO),
            per: match args.per {
                Some(PerArg::Month) => AgreedPer::Month,
                _ => AgreedPer::Year,
            },
            compound: args.compound,
        }
    };
    if args.reminder.is_some() && args.provider.is_none() {
        return Err(Error::input(
            "--reminder is only used with --provider, whose clause may count from a reminder; drop it or add --provider ID",
        ));
    }
    let question = InterestQuestion {
        claims,
        until,
        payments: args.payment.clone(),
        costs: args.costs.unwrap_or(Decimal::ZERO),
        costs_from: args.costs_from,
        day_count: args.day_count,
        strict: args.strict,
        kind,
    };
    let inputs = inputs_json(&question, &claims_in, tables);
    let mut outcome = interest_for(&question, tables)?;
    outcome
        .warnings
        .extend(reminder_after_until(args.reminder, until));
    super::report(Report::new("interest", inputs, outcome))
}

/// Flags that clap's `requires` does not enforce once a conflicting flag is present (clap skips
/// the check then): `--customer` without `--provider`, `--per`/`--compound` without `--rate`.
/// Each would otherwise be ignored without a word, e.g. `--kind commercial --customer consumer`
/// applied the commercial rate to a consumer.
pub fn check_flag_combinations(args: &Args) -> Result<()> {
    if args.provider.is_none() {
        if let Some(c) = args.customer {
            if c == CustomerType::Consumer && args.kind == Some(RateKind::Commercial) {
                return Err(Error::input(
                    "--kind commercial contradicts --customer consumer: the commercial rate (art. 6:119a BW) is for transactions between businesses; a consumer owes the statutory rate of art. 6:119 BW (--kind consumer)",
                ));
            }
            return Err(Error::input(format!(
                "--customer is only used with --provider (it picks the clause's rules for that customer type); without a provider, say which rate applies with --kind consumer or --kind commercial, or drop --customer {c}"
            )));
        }
    }
    if args.rate.is_none() {
        if args.per.is_some() {
            return Err(Error::input(
                "--per is only used with an agreed --rate; statutory and provider rates are per year by their article",
            ));
        }
        if args.compound {
            return Err(Error::input(
                "--compound is only used with an agreed --rate; statutory interest compounds yearly by law (art. 6:119 lid 2 BW) and a provider's clause says itself whether it compounds",
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
            "--reminder {r} is after --until {until}: interest or default that counts from the reminder has not begun by {until}; check the dates"
        )
    })
}
