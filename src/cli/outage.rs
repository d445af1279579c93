//! `termcalc outage`: the compensation owed for an outage (storingscompensatie): the statutory
//! minimum of Telecommunicatiewet art. 7.1a against the provider's own guarantee.

use super::{amount_arg, args, date_arg, Context, Output};
use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use termcalc::calc::outage::{fmt_hours, Cause, OutageResult};
use termcalc::calc::requests::{parse, OutageInput};
use termcalc::error::{Error, Result};
use termcalc::money::fmt_amount;
use termcalc::report::Outcome;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
termcalc outage --provider compri --from 2025-03-03T08:00 \\\n    \
--until 2025-03-04T10:00 --monthly 46.50\n  \
termcalc outage --provider quatel --hours 26 --monthly 40 --usage 12.50 \\\n    \
--discovered 2025-03-03 --reported 2025-03-05 --direct-debit \\\n    \
--exclusive-carrier --cause network\n\n\
The outage: --from and --until (YYYY-MM-DDTHH:MM, local time), or --hours N.\n\
Causes: network, other, customer-equipment, earthquake, flood, terrorism, war.\n\
A condition of the provider's guarantee that is not given counts as not met,\n\
with a warning that names it.")]
#[command(mut_args(args::edit(&["provider"], args::required)))]
#[command(mut_args(args::edit(&["monthly"], monthly_for_outage)))]
pub struct Args {
    #[command(flatten)]
    pub provider: args::Provider,
    #[command(flatten)]
    pub customer: args::Customer,
    /// When the service stopped working completely (YYYY-MM-DDTHH:MM).
    #[arg(long, value_name = "DATETIME", value_parser = datetime_arg, requires = "until", conflicts_with = "hours")]
    pub from: Option<NaiveDateTime>,
    /// When it worked again (YYYY-MM-DDTHH:MM).
    #[arg(long, value_name = "DATETIME", value_parser = datetime_arg, requires = "from", conflicts_with = "hours")]
    pub until: Option<NaiveDateTime>,
    /// The outage's length in hours, instead of --from/--until (e.g. 26 or 26.5).
    #[arg(long, value_name = "N", value_parser = hours_arg, allow_hyphen_values = true)]
    pub hours: Option<Decimal>,
    #[command(flatten)]
    pub monthly: args::Monthly,
    /// The month's call charges, for a guarantee that credits them.
    #[arg(long, value_name = "AMOUNT", value_parser = amount_arg, allow_hyphen_values = true)]
    pub usage: Option<Decimal>,
    /// The day the customer discovered the outage (default: the day it started).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub discovered: Option<NaiveDate>,
    /// The day the customer reported it to the provider.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub reported: Option<NaiveDate>,
    /// The customer pays by direct debit (automatische incasso).
    #[arg(long)]
    pub direct_debit: bool,
    /// The customer uses this provider exclusively for carrier (pre)selection and calls.
    #[arg(long)]
    pub exclusive_carrier: bool,
    /// The customer already used the provider's guarantee once.
    #[arg(long)]
    pub guarantee_used: bool,
    /// A prepaid service (no monthly fee): EUR 0.50 per outage day.
    #[arg(long)]
    pub prepaid: bool,
    /// What caused the outage: network, other, customer-equipment, earthquake, flood, terrorism, war.
    #[arg(long, value_name = "CAUSE", value_parser = cause_values(), hide_possible_values = true)]
    pub cause: Option<Cause>,
}

/// clap value parser: a local date and time to the minute.
pub fn datetime_arg(s: &str) -> std::result::Result<NaiveDateTime, String> {
    parse::datetime(s)
}

/// clap value parser: a number of hours (0 or more).
pub fn hours_arg(s: &str) -> std::result::Result<Decimal, String> {
    parse::hours(s)
}

/// clap value parser for a cause, with the causes offered to shell completion.
pub fn cause_values() -> super::Completing<Cause> {
    fn values() -> &'static [String] {
        static CAUSES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        CAUSES.get_or_init(|| Cause::ALL.iter().map(|c| c.as_str().to_string()).collect())
    }
    super::Completing::new(|s| s.parse(), values)
}

impl From<&Args> for OutageInput {
    fn from(a: &Args) -> Self {
        OutageInput {
            provider: a.provider.id(),
            customer: a.customer.customer,
            from: a.from,
            until: a.until,
            hours: a.hours,
            monthly: a.monthly.monthly,
            usage: a.usage,
            discovered: a.discovered,
            reported: a.reported,
            direct_debit: a.direct_debit,
            exclusive_carrier: a.exclusive_carrier,
            guarantee_used: a.guarantee_used,
            prepaid: a.prepaid,
            cause: a.cause,
            as_of: None,
        }
    }
}

pub fn run(args: &Args, ctx: &Context) -> Result<Output> {
    // clap sees to --from needing --until and to neither going with --hours; one of the two
    // forms must be given.
    if args.hours.is_none() && (args.from.is_none() || args.until.is_none()) {
        return Err(Error::input(
            "give the outage as --from and --until (YYYY-MM-DDTHH:MM), or as --hours N",
        ));
    }
    super::report(super::answer_report(&OutageInput::from(args), ctx)?)
}

impl super::Asked for OutageInput {
    fn inputs_json(
        &self,
        env: &dyn termcalc::calc::Env,
        outcome: &Outcome<OutageResult>,
    ) -> serde_json::Value {
        let amt = |v: Option<Decimal>| v.map(fmt_amount);
        let fmt_dt = |v: Option<NaiveDateTime>| v.map(|d| d.format("%Y-%m-%dT%H:%M").to_string());
        serde_json::json!({
            "provider": env.provider(&self.provider).map_or(self.provider.as_str(), |p| p.id.as_str()),
            "customer": outcome.result.customer,
            "from": fmt_dt(self.from),
            "until": fmt_dt(self.until),
            "hours": self.hours.map(fmt_hours),
            "monthly": amt(self.monthly),
            "usage": amt(self.usage),
            "discovered": self.discovered,
            "reported": self.reported,
            "direct_debit": self.direct_debit,
            "exclusive_carrier": self.exclusive_carrier,
            "guarantee_used": self.guarantee_used,
            "prepaid": self.prepaid,
            "cause": self.cause,
            "as_of": self.as_of.unwrap_or(env.as_of()),
        })
    }
}

/// `--monthly` as outage reads it: any amount (the library says why a negative one is wrong),
/// and not needed for a prepaid service.
fn monthly_for_outage(a: clap::Arg) -> clap::Arg {
    args::monthly_any_amount(a).help(
        "Fixed recurring monthly fees of the service concerned, excluding VAT, at the contract \
         price (not needed with --prepaid)",
    )
}
