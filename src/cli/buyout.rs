//! `termcalc buyout`: what leaving before the regular end costs.

use super::{date_arg, non_negative_amount_arg, Context, Output};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use termcalc::calc::buyout::BuyoutResult;
use termcalc::calc::requests::BuyoutInput;
use termcalc::error::Result;
use termcalc::money::fmt_amount;
use termcalc::report::Outcome;
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

impl From<&Args> for BuyoutInput {
    fn from(a: &Args) -> Self {
        BuyoutInput {
            provider: a.provider.clone(),
            start: Some(a.start),
            end: Some(a.end),
            monthly: Some(a.monthly),
            term_months: a.term_months,
            notice: a.notice,
            usage_monthly: a.usage_monthly,
            one_off: a.one_off,
            list_monthly: a.list_monthly,
            not_delivered: a.not_delivered,
            incl_vat: a.incl_vat,
            indefinite: a.indefinite,
            requested_notice: a.requested_notice,
            customer: a.customer,
            service: a.service.clone(),
            as_of: None,
        }
    }
}

pub fn run(args: &Args, ctx: &Context) -> Result<Output> {
    super::report(super::answer_report(&BuyoutInput::from(args), ctx)?)
}

impl super::Asked for BuyoutInput {
    fn inputs_json(
        &self,
        env: &dyn termcalc::calc::Env,
        outcome: &Outcome<BuyoutResult>,
    ) -> serde_json::Value {
        let as_of = self.as_of.unwrap_or(env.as_of());
        let provider = env.provider(&self.provider).ok();
        let amount = |v: Option<Decimal>| v.map(fmt_amount);
        let r = &outcome.result;
        serde_json::json!({
            "provider": provider.map_or(self.provider.as_str(), |p| p.id.as_str()),
            "start": self.start,
            "end": self.end,
            "notice": self.notice.unwrap_or(as_of),
            "monthly": amount(self.monthly),
            "term_months": self.term_months,
            "initial_term_end": r.initial_term_end,
            "usage_monthly": amount(self.usage_monthly),
            "one_off": amount(self.one_off),
            "list_monthly": amount(self.list_monthly),
            "not_delivered": self.not_delivered,
            "indefinite": self.indefinite,
            "requested_notice": self.requested_notice,
            "customer": r.customer,
            "service": r.service.clone().or_else(|| self.service.clone()),
            "as_of": as_of,
        })
    }
}
