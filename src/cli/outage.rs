//! `termcalc outage`: the compensation owed for an outage (storingscompensatie): the statutory
//! minimum of Telecommunicatiewet art. 7.1a against the provider's own guarantee.

use super::{amount_arg, date_arg, Context, Output};
use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use termcalc::calc::outage::{fmt_hours, outage, Cause, OutageRequest, OutageSpan};
use termcalc::error::{Error, Result};
use termcalc::money::fmt_amount;
use termcalc::report::Report;
use termcalc::terms::CustomerType;

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
pub struct Args {
    /// Provider id, e.g. quatel (see `termcalc providers`).
    #[arg(long, value_name = "ID", value_parser = super::provider_values(), hide_possible_values = true)]
    pub provider: String,
    /// Customer type (default: the provider's default customer).
    #[arg(long, value_name = "TYPE", value_parser = super::customer_values(), hide_possible_values = true)]
    pub customer: Option<CustomerType>,
    /// When the service stopped working completely (YYYY-MM-DDTHH:MM).
    #[arg(long, value_name = "DATETIME", value_parser = datetime_arg, requires = "until", conflicts_with = "hours")]
    pub from: Option<NaiveDateTime>,
    /// When it worked again (YYYY-MM-DDTHH:MM).
    #[arg(long, value_name = "DATETIME", value_parser = datetime_arg, requires = "from", conflicts_with = "hours")]
    pub until: Option<NaiveDateTime>,
    /// The outage's length in hours, instead of --from/--until (e.g. 26 or 26.5).
    #[arg(long, value_name = "N", value_parser = hours_arg, allow_hyphen_values = true)]
    pub hours: Option<Decimal>,
    /// The monthly subscription fee of the service that was down (not needed with --prepaid).
    #[arg(long, value_name = "AMOUNT", value_parser = amount_arg, allow_hyphen_values = true)]
    pub monthly: Option<Decimal>,
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
    let shown = termcalc::error::echo(s);
    let t = s.trim();
    let ok_shape =
        t.len() == 16 && t.as_bytes().get(10) == Some(&b'T') && t.as_bytes().get(13) == Some(&b':');
    match NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M") {
        Ok(v) if ok_shape => Ok(v),
        _ => Err(format!(
            "'{shown}' is not a date and time: use YYYY-MM-DDTHH:MM, e.g. 2025-03-03T08:00"
        )),
    }
}

/// clap value parser: a number of hours (0 or more; the sign is checked with a sentence that
/// names the flag).
pub fn hours_arg(s: &str) -> std::result::Result<Decimal, String> {
    let shown = termcalc::error::echo(s);
    let t = s.trim();
    let (neg, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let v = termcalc::money::parse_decimal(body).map_err(|_| {
        format!("'{shown}' is not a number of hours: use digits with an optional decimal point, e.g. 26 or 26.5")
    })?;
    if v.normalize().scale() > 4 {
        return Err(format!(
            "'{shown}' has more than four decimals: give hours such as 26.5, or --from and --until to the minute"
        ));
    }
    if neg && !v.is_zero() {
        return Err(format!(
            "'{shown}' is negative: give the outage's length in hours, 0 or more, e.g. 26"
        ));
    }
    Ok(v)
}

/// clap value parser for a cause, with the causes offered to shell completion.
pub fn cause_values() -> super::Completing<Cause> {
    fn values() -> &'static [String] {
        static CAUSES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        CAUSES.get_or_init(|| Cause::ALL.iter().map(|c| c.as_str().to_string()).collect())
    }
    super::Completing::new(|s| s.parse(), values)
}

pub fn run(args: &Args, ctx: &Context) -> Result<Output> {
    let span = match (args.from, args.until, args.hours) {
        (Some(from), Some(until), None) => OutageSpan::Between { from, until },
        (None, None, Some(h)) => OutageSpan::Hours(h),
        _ => {
            return Err(Error::input(
                "give the outage as --from and --until (YYYY-MM-DDTHH:MM), or as --hours N",
            ))
        }
    };
    let provider = ctx.provider(&args.provider)?;
    let req = OutageRequest {
        provider,
        customer: args.customer,
        span,
        monthly: args.monthly,
        usage: args.usage,
        discovered: args.discovered,
        reported: args.reported,
        direct_debit: args.direct_debit,
        exclusive_carrier: args.exclusive_carrier,
        guarantee_used: args.guarantee_used,
        prepaid: args.prepaid,
        cause: args.cause,
        as_of: ctx.as_of,
    };
    let outcome = outage(&req)?;
    let amt = |v: Option<Decimal>| v.map(fmt_amount);
    let fmt_dt = |v: Option<NaiveDateTime>| v.map(|d| d.format("%Y-%m-%dT%H:%M").to_string());
    let inputs = serde_json::json!({
        "provider": provider.id,
        "customer": outcome.result.customer,
        "from": fmt_dt(args.from),
        "until": fmt_dt(args.until),
        "hours": args.hours.map(fmt_hours),
        "monthly": amt(args.monthly),
        "usage": amt(args.usage),
        "discovered": args.discovered,
        "reported": args.reported,
        "direct_debit": args.direct_debit,
        "exclusive_carrier": args.exclusive_carrier,
        "guarantee_used": args.guarantee_used,
        "prepaid": args.prepaid,
        "cause": args.cause,
        "as_of": ctx.as_of,
    });
    super::report(Report::new("outage", inputs, outcome))
}
