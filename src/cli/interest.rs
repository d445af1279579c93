//! `termcalc interest`: late-payment interest on one or more claims, statutory (6:119, 6:119a
//! BW), by the provider's clause, or at an agreed rate, with partial payments.

use super::{Asked, Context, Output};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use termcalc::calc::interest::{self, DayCount, InterestResult};
use termcalc::calc::late_payment::{AgreedPer, Claims, InterestKind, InterestQuestion};
use termcalc::calc::requests::InterestInput;
use termcalc::error::Result;
use termcalc::law::rates::{RateKind, RateTables};
use termcalc::money::{fmt_amount, fmt_plain};
use termcalc::report::Outcome;
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

impl From<&Args> for InterestInput {
    fn from(a: &Args) -> Self {
        InterestInput {
            principal: a.principal,
            due: a.due,
            invoice_date: a.invoice_date,
            claim: a.claim.clone(),
            until: a.until,
            kind: a.kind,
            provider: a.provider.clone(),
            customer: a.customer,
            rate: a.rate,
            per: a.per.map(|p| match p {
                PerArg::Year => AgreedPer::Year,
                PerArg::Month => AgreedPer::Month,
            }),
            compound: a.compound,
            payment: a.payment.clone(),
            costs: a.costs,
            costs_from: a.costs_from,
            reminder: a.reminder,
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
