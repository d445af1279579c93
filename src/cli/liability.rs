//! `termcalc liability`: the provider's liability ceiling for a damage, and the claim deadline.

use super::{amount_arg, date_arg, Context, Output};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use termcalc::calc::liability::{liability, LiabilityRequest};
use termcalc::error::{Error, Result};
use termcalc::money::fmt_amount;
use termcalc::report::Report;
use termcalc::terms::liability::DamageKind;
use termcalc::terms::CustomerType;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
termcalc liability --provider qupra --damage 2500 --damage-kind property \\\n    \
--monthly 450 --event-date 2025-03-03 --as-of 2025-03-20\n  \
termcalc --format json liability --provider compri --damage 20000 \\\n    \
--fees-paid 1800 --event-date 2025-01-15\n\n\
Damage kinds: direct (the default), property, indirect, data,\n\
personal-injury. Amounts: 1234.56 or 1234,56; dates: YYYY-MM-DD.")]
pub struct Args {
    /// Provider id, e.g. qupra (see `termcalc providers`).
    #[arg(long, value_name = "ID", value_parser = super::provider_values(), hide_possible_values = true)]
    pub provider: String,
    /// The damage claimed, in euro (0 or more).
    #[arg(long, value_name = "AMOUNT", value_parser = amount_arg, allow_hyphen_values = true)]
    pub damage: Decimal,
    /// Kind of damage: direct, property, indirect, data or personal-injury (default: direct).
    #[arg(long, value_name = "KIND", value_parser = kind_values(), hide_possible_values = true)]
    pub damage_kind: Option<DamageKind>,
    /// The day the damage arose (the first event of a series).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub event_date: Option<NaiveDate>,
    /// The day the customer discovered the damage or defect, or should have (default: the
    /// event date). `--discovered` is the same option.
    #[arg(long, visible_alias = "discovered", value_name = "DATE", value_parser = date_arg)]
    pub known_date: Option<NaiveDate>,
    /// The fixed monthly fee of the service concerned, excl. VAT.
    #[arg(long, value_name = "AMOUNT", value_parser = amount_arg, allow_hyphen_values = true)]
    pub monthly: Option<Decimal>,
    /// The fees paid (or invoiced) over the months before the event that the clause names.
    #[arg(long, value_name = "AMOUNT", value_parser = amount_arg, allow_hyphen_values = true)]
    pub fees_paid: Option<Decimal>,
    /// The damage comes from a series of connected events.
    #[arg(long)]
    pub series: bool,
    /// What the provider already paid out for other events in the same calendar year (default 0,
    /// with a warning where a yearly maximum applies).
    #[arg(long, value_name = "AMOUNT", value_parser = amount_arg, allow_hyphen_values = true)]
    pub paid_this_year: Option<Decimal>,
    /// The last monthly invoice the customer paid before the event.
    #[arg(long, value_name = "AMOUNT", value_parser = amount_arg, allow_hyphen_values = true)]
    pub last_invoice: Option<Decimal>,
    /// No monthly invoice was paid before the event: where the terms allow it, the fixed
    /// monthly fee (--monthly) stands in for the last invoice.
    #[arg(long, conflicts_with = "last_invoice")]
    pub no_invoice_paid: bool,
    /// What the provider's liability insurer pays out for this damage.
    #[arg(long, value_name = "AMOUNT", value_parser = amount_arg, allow_hyphen_values = true)]
    pub insurer_payout: Option<Decimal>,
    /// The invoice value of the order the claim concerns.
    #[arg(long, value_name = "AMOUNT", value_parser = amount_arg, allow_hyphen_values = true)]
    pub order_value: Option<Decimal>,
    /// The contract term in months (for clauses that depend on it).
    #[arg(long, value_name = "N", value_parser = super::term_months_arg, allow_negative_numbers = true)]
    pub term_months: Option<u32>,
    /// Customer type (default: the provider's default customer).
    #[arg(long, value_name = "TYPE", value_parser = super::customer_values(), hide_possible_values = true)]
    pub customer: Option<CustomerType>,
    /// Intent or gross negligence of the provider or its managers (opzet of grove schuld).
    #[arg(long)]
    pub gross_negligence: bool,
}

/// clap value parser: a damage kind; completes the five kinds.
fn kind_values() -> super::Completing<DamageKind> {
    fn values() -> &'static [String] {
        static KINDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        KINDS.get_or_init(|| {
            ["direct", "property", "indirect", "data", "personal-injury"]
                .map(String::from)
                .to_vec()
        })
    }
    super::Completing::new(|s| s.parse(), values)
}

/// Negative amounts get a sentence naming the flag (clap only sees the number).
fn non_negative(flag: &str, v: Option<Decimal>) -> Result<()> {
    match v {
        Some(v) if v.is_sign_negative() && !v.is_zero() => Err(Error::input(format!(
            "{flag}: '{}' is negative; give an amount of 0 or more, e.g. 1234.56",
            fmt_amount(v)
        ))),
        _ => Ok(()),
    }
}

/// Figures given on the command line that the provider's clause does not use for this damage
/// (e.g. `--order-value` where the ceiling is a fixed amount): each is named in a warning, so
/// that a figure typed for nothing is not mistaken for one that counted. A warning and not an
/// error, because a batch file may carry the columns of several providers' clauses.
fn unused_figures(
    args: &Args,
    provider: &termcalc::terms::Provider,
    result: &termcalc::calc::liability::LiabilityResult,
) -> Vec<String> {
    use termcalc::terms::liability::Treatment;
    let Some(l) = &provider.liability else {
        return Vec::new();
    };
    let rule = l.kinds.get(result.damage_kind);
    let ceiling = rule.ceiling.as_ref().unwrap_or(&l.ceiling);
    let mut used = Vec::new();
    if rule.treatment == Treatment::Capped {
        ceiling.inputs(args.no_invoice_paid, &mut used);
    }
    let given = [
        ("monthly", args.monthly.is_some()),
        ("fees-paid", args.fees_paid.is_some()),
        ("paid-this-year", args.paid_this_year.is_some()),
        ("last-invoice", args.last_invoice.is_some()),
        ("insurer-payout", args.insurer_payout.is_some()),
        ("order-value", args.order_value.is_some()),
        ("term-months", args.term_months.is_some()),
    ];
    let why = match rule.treatment {
        Treatment::Capped => format!(
            "its ceiling (art. {}) is {}",
            ceiling.article(),
            ceiling.describe()
        ),
        Treatment::Excluded => format!("it excludes this damage (art. {})", rule.article),
        Treatment::NotLimited => {
            format!("it sets no limit for this damage (art. {})", rule.article)
        }
    };
    given
        .iter()
        .filter(|(flag, on)| *on && !used.contains(flag))
        .map(|(flag, _)| {
            format!(
                "--{flag} was not used: the liability clause of {} for {} damage does not depend on it; {why}.",
                provider.display_name(),
                result.damage_kind
            )
        })
        .collect()
}

pub fn run(args: &Args, ctx: &Context) -> Result<Output> {
    non_negative("--damage", Some(args.damage))?;
    non_negative("--monthly", args.monthly)?;
    non_negative("--fees-paid", args.fees_paid)?;
    non_negative("--paid-this-year", args.paid_this_year)?;
    non_negative("--last-invoice", args.last_invoice)?;
    non_negative("--insurer-payout", args.insurer_payout)?;
    non_negative("--order-value", args.order_value)?;
    let provider = ctx.provider(&args.provider)?;
    let req = LiabilityRequest {
        provider,
        damage: args.damage,
        kind: args.damage_kind,
        event_date: args.event_date,
        known_date: args.known_date,
        monthly: args.monthly,
        fees_paid: args.fees_paid,
        paid_this_year: args.paid_this_year,
        last_invoice: args.last_invoice,
        no_invoice_paid: args.no_invoice_paid,
        insurer_payout: args.insurer_payout,
        order_value: args.order_value,
        term_months: args.term_months,
        series: args.series,
        customer: args.customer,
        gross_negligence: args.gross_negligence,
        as_of: ctx.as_of,
    };
    let mut outcome = liability(&req)?;
    outcome
        .warnings
        .extend(unused_figures(args, provider, &outcome.result));
    let amt = |v: Option<Decimal>| v.map(fmt_amount);
    let inputs = serde_json::json!({
        "provider": provider.id,
        "damage": fmt_amount(args.damage),
        "damage_kind": outcome.result.damage_kind,
        "event_date": args.event_date,
        "known_date": args.known_date.or(args.event_date),
        "monthly": amt(args.monthly),
        "fees_paid": amt(args.fees_paid),
        "series": args.series,
        "paid_this_year": fmt_amount(args.paid_this_year.unwrap_or(Decimal::ZERO)),
        "paid_this_year_source": if args.paid_this_year.is_some() { "--paid-this-year" } else { "default 0" },
        "last_invoice": amt(args.last_invoice),
        "no_invoice_paid": args.no_invoice_paid,
        "insurer_payout": amt(args.insurer_payout),
        "order_value": amt(args.order_value),
        "term_months": args.term_months,
        "customer": outcome.result.customer,
        "gross_negligence": args.gross_negligence,
        "as_of": ctx.as_of,
    });
    super::report(Report::new("liability", inputs, outcome))
}
