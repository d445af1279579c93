//! `termcalc liability`: the provider's liability ceiling for a damage, and the claim deadline.

use super::{amount_arg, args, date_arg, Context, Output};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use termcalc::calc::liability::LiabilityResult;
use termcalc::calc::requests::LiabilityInput;
use termcalc::error::Result;
use termcalc::money::fmt_amount;
use termcalc::report::Outcome;
use termcalc::terms::liability::DamageKind;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
termcalc liability --provider qupra --damage 2500 --damage-kind property \\\n    \
--monthly 450 --event-date 2025-03-03 --as-of 2025-03-20\n  \
termcalc --format json liability --provider compri --damage 20000 \\\n    \
--fees-paid 1800 --event-date 2025-01-15\n\n\
Damage kinds: direct (the default), property, indirect, data,\n\
personal-injury. Amounts: 1234.56 or 1234,56; dates: YYYY-MM-DD.")]
#[command(mut_args(args::edit(&["provider"], args::required)))]
#[command(mut_args(args::edit(&["monthly"], args::monthly_any_amount)))]
pub struct Args {
    #[command(flatten)]
    pub provider: args::Provider,
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
    #[command(flatten)]
    pub monthly: args::Monthly,
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
    #[command(flatten)]
    pub term_months: args::TermMonths,
    #[command(flatten)]
    pub customer: args::Customer,
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

impl From<&Args> for LiabilityInput {
    fn from(a: &Args) -> Self {
        LiabilityInput {
            provider: a.provider.id(),
            damage: Some(a.damage),
            damage_kind: a.damage_kind,
            event_date: a.event_date,
            known_date: a.known_date,
            monthly: a.monthly.monthly,
            fees_paid: a.fees_paid,
            series: a.series,
            paid_this_year: a.paid_this_year,
            last_invoice: a.last_invoice,
            no_invoice_paid: a.no_invoice_paid,
            insurer_payout: a.insurer_payout,
            order_value: a.order_value,
            term_months: a.term_months.term_months,
            customer: a.customer.customer,
            gross_negligence: a.gross_negligence,
            as_of: None,
        }
    }
}

pub fn run(args: &Args, ctx: &Context) -> Result<Output> {
    super::report(super::answer_report(&LiabilityInput::from(args), ctx)?)
}

impl super::Asked for LiabilityInput {
    fn inputs_json(
        &self,
        env: &dyn termcalc::calc::Env,
        outcome: &Outcome<LiabilityResult>,
    ) -> serde_json::Value {
        let amt = |v: Option<Decimal>| v.map(fmt_amount);
        serde_json::json!({
            "provider": env.provider(&self.provider).map_or(self.provider.as_str(), |p| p.id.as_str()),
            "damage": amt(self.damage),
            "damage_kind": outcome.result.damage_kind,
            "event_date": self.event_date,
            "known_date": self.known_date.or(self.event_date),
            "monthly": amt(self.monthly),
            "fees_paid": amt(self.fees_paid),
            "series": self.series,
            "paid_this_year": fmt_amount(self.paid_this_year.unwrap_or(Decimal::ZERO)),
            "paid_this_year_source": if self.paid_this_year.is_some() { "--paid-this-year" } else { "default 0" },
            "last_invoice": amt(self.last_invoice),
            "no_invoice_paid": self.no_invoice_paid,
            "insurer_payout": amt(self.insurer_payout),
            "order_value": amt(self.order_value),
            "term_months": self.term_months,
            "customer": outcome.result.customer,
            "gross_negligence": self.gross_negligence,
            "as_of": self.as_of.unwrap_or(env.as_of()),
        })
    }
}
