//! `termcalc buyout`: what leaving before the regular end costs.

use super::{date_arg, non_negative_amount_arg, Context, Output};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use termcalc::calc::buyout::{buyout, BuyoutRequest};
use termcalc::error::Result;
use termcalc::money::{fmt_amount, fmt_plain};
use termcalc::report::Report;
use termcalc::terms::CustomerType;

#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  \
termcalc --as-of 2025-09-01 buyout --provider qupra --start 2025-03-15 \\\n    \
--end 2025-09-20 --monthly 50 --usage-monthly 12.40 --customer reseller\n\n\
The leaving day (--end) is the last day of service; the buyout covers the\n\
days after it through the regular end. Amounts exclude VAT; the result\n\
shows the total with and without 21 % VAT.")]
pub struct Args {
    /// Provider id, e.g. qupra (see `termcalc providers`).
    #[arg(long, value_name = "ID", value_parser = super::provider_values(), hide_possible_values = true)]
    pub provider: String,
    /// First day of the term (delivery / ready for service); with --not-delivered, the day the
    /// contract was concluded.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub start: NaiveDate,
    /// The last day the customer wants the service.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub end: NaiveDate,
    /// Fixed recurring monthly fees, excluding VAT, at the contract price.
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = non_negative_amount_arg)]
    pub monthly: Decimal,
    /// The initial term agreed in the contract, in months, where it differs from the terms.
    #[arg(long, value_name = "N", value_parser = super::term_months_arg, allow_negative_numbers = true)]
    pub term_months: Option<u32>,
    /// The day the notice arrives (default: --as-of).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub notice: Option<NaiveDate>,
    /// Average monthly usage charges invoiced so far, excluding VAT (where the clause counts them).
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = non_negative_amount_arg)]
    pub usage_monthly: Option<Decimal>,
    /// One-off installation or delivery fee at list price, excluding VAT.
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = non_negative_amount_arg)]
    pub one_off: Option<Decimal>,
    /// The undiscounted monthly list price, where the terms make discounts lapse after the
    /// initial term (default: --monthly, with a warning).
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = non_negative_amount_arg)]
    pub list_monthly: Option<Decimal>,
    /// The service has not been delivered yet.
    #[arg(long)]
    pub not_delivered: bool,
    /// The prices given (--monthly, --usage-monthly, --one-off, --list-monthly) include 21 %
    /// VAT; termcalc brings them back to prices excluding VAT.
    #[arg(long)]
    pub incl_vat: bool,
    /// The contract was entered for an indefinite period, where the terms allow that instead of
    /// an agreed initial term (e.g. quatel, art. 10.3); excludes --term-months.
    #[arg(long, conflicts_with = "term_months")]
    pub indefinite: bool,
    /// The customer expressly asked for the longer notice period the terms offer (e.g. quatel,
    /// art. 10.3: three months instead of one).
    #[arg(long)]
    pub requested_notice: bool,
    /// Customer type (default: the provider file's default).
    #[arg(long, value_name = "TYPE", value_parser = super::customer_values(), hide_possible_values = true)]
    pub customer: Option<CustomerType>,
    /// Service kind where the terms differ per service (e.g. dsl for Compri).
    #[arg(long, value_name = "KIND", value_parser = super::service_values(), hide_possible_values = true)]
    pub service: Option<String>,
}

pub fn run(args: &Args, ctx: &Context) -> Result<Output> {
    let provider = ctx.provider(&args.provider)?;
    let notice = args.notice.unwrap_or(ctx.as_of);
    let req = BuyoutRequest {
        provider,
        start: args.start,
        leaving_day: args.end,
        notice,
        monthly: args.monthly,
        list_monthly: args.list_monthly,
        term_months: args.term_months,
        usage_monthly: args.usage_monthly,
        one_off: args.one_off,
        not_delivered: args.not_delivered,
        prices_incl_vat: args.incl_vat,
        customer: args.customer,
        service: args.service.clone(),
        indefinite: args.indefinite,
        requested_notice: args.requested_notice,
        as_of: ctx.as_of,
    };
    let mut outcome = buyout(&req)?;
    // A notice after the last day of service is possible (the customer stops, then gives
    // notice), but a date far past it is more likely a typing error; the fees of every month
    // until the regular end then count. Said as a warning with the figures it causes.
    if notice > args.end {
        let r = &outcome.result;
        outcome.warnings.push(format!(
            "--notice {notice} is after --end {} (the last day of service): the contract binds the customer through {}, so the buyout counts {} month(s) of fees after --end; check the notice date",
            args.end,
            r.regular_end_date,
            fmt_plain(r.remaining_months)
        ));
    }
    let amount = |v: Option<Decimal>| v.map(fmt_amount);
    let inputs = serde_json::json!({
        "provider": provider.id,
        "start": args.start,
        "end": args.end,
        "notice": notice,
        "monthly": fmt_amount(args.monthly),
        "term_months": args.term_months,
        "initial_term_end": outcome.result.initial_term_end,
        "usage_monthly": amount(args.usage_monthly),
        "one_off": amount(args.one_off),
        "list_monthly": amount(args.list_monthly),
        "not_delivered": args.not_delivered,
        "indefinite": args.indefinite,
        "requested_notice": args.requested_notice,
        "customer": provider.customer_or_default(args.customer),
        "service": outcome.result.service.clone().or_else(|| args.service.clone()),
        "as_of": ctx.as_of,
    });
    super::report(Report::new("buyout", inputs, outcome))
}
