//! `termcalc interest`: late-payment interest on one or more claims, statutory (6:119, 6:119a
//! BW), by the provider's clause, or at an agreed rate, with partial payments.

use super::{args, Asked, Context, Output};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use termcalc::calc::interest::{DayCount, InterestResult};
use termcalc::calc::late_payment::{Claims, InterestKind, InterestQuestion};
use termcalc::calc::requests::InterestInput;
use termcalc::error::Result;
use termcalc::law::rates::RateTables;
use termcalc::money::{fmt_amount, fmt_plain};
use termcalc::report::Outcome;

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
#[command(mut_args(args::edit(&["due"], |a| a.requires("principal"))))]
#[command(mut_args(args::edit(&["kind"], |a| a.conflicts_with("provider"))))]
#[command(mut_args(args::edit(&["provider"], |a| a
    .conflicts_with("rate")
    .help("Apply this provider's late-payment clause"))))]
#[command(mut_args(args::edit(&["customer"], |a| a.requires("provider"))))]
pub struct Args {
    /// The amount of one claim (invoice), with --due.
    #[arg(long, value_name = "AMOUNT", value_parser = super::positive_amount_arg, conflicts_with = "claim", allow_hyphen_values = true)]
    pub principal: Option<Decimal>,
    #[command(flatten)]
    pub due: args::Due,
    /// With --provider, instead of --due: the invoice date; the due date follows from the
    /// provider's payment term.
    #[arg(long, value_name = "DATE", value_parser = super::date_arg, requires = "provider", conflicts_with = "due")]
    pub invoice_date: Option<NaiveDate>,
    #[command(flatten)]
    pub claim: args::Claims,
    #[command(flatten)]
    pub until: args::Until,
    #[command(flatten)]
    pub kind: args::StatutoryKind,
    #[command(flatten)]
    pub provider: args::Provider,
    #[command(flatten)]
    pub customer: args::Customer,
    #[command(flatten)]
    pub rate: args::AgreedRate,
    /// With --rate: compound yearly (an agreed rate is simple unless the clause says so).
    #[arg(long, requires = "rate")]
    pub compound: bool,
    #[command(flatten)]
    pub payment: args::Payments,
    /// Costs already owed (no interest); payments go to them first (art. 6:44 BW).
    #[arg(long, value_name = "AMOUNT", value_parser = super::non_negative_amount_arg, allow_hyphen_values = true)]
    pub costs: Option<Decimal>,
    /// With --costs: the day the costs fell due (e.g. the day after a 14-day letter's term);
    /// payments before it go to interest and principal only (default: owed from the start).
    #[arg(long, value_name = "DATE", value_parser = super::date_arg, requires = "costs")]
    pub costs_from: Option<NaiveDate>,
    #[command(flatten)]
    pub reminder: args::Reminder,
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

impl From<&Args> for InterestInput {
    fn from(a: &Args) -> Self {
        InterestInput {
            principal: a.principal,
            due: a.due.due,
            invoice_date: a.invoice_date,
            claim: a.claim.claim.clone(),
            until: a.until.until,
            kind: a.kind.kind,
            provider: a.provider.provider.clone(),
            customer: a.customer.customer,
            rate: a.rate.rate,
            per: a.rate.per(),
            compound: a.compound,
            payment: a.payment.payment.clone(),
            costs: a.costs,
            costs_from: a.costs_from,
            reminder: a.reminder.reminder,
            day_count: Some(a.day_count),
            strict: a.strict,
            as_of: None,
        }
    }
}

impl Asked for InterestInput {
    fn inputs_json(
        &self,
        env: &dyn termcalc::calc::Env,
        outcome: &Outcome<InterestResult>,
    ) -> serde_json::Value {
        // The question was answered, so it and the tables are there; the claims as resolved
        // (an invoice date's due date included) are the result's.
        let (Ok(q), Ok(tables)) = (self.question(env), env.rate_tables()) else {
            return serde_json::Value::Null;
        };
        let claims: Vec<(Decimal, NaiveDate)> = outcome
            .result
            .claims
            .iter()
            .map(|c| (c.principal, c.due))
            .collect();
        inputs_json(&q, &claims, tables)
    }
}

pub fn run(args: &Args, ctx: &Context) -> Result<Output> {
    super::report(super::answer_report(&InterestInput::from(args), ctx)?)
}
