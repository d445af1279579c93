//! `termcalc buyout`: what leaving before the regular end costs.

use super::{args, Context, Output};
use rust_decimal::Decimal;
use termcalc::calc::buyout::BuyoutResult;
use termcalc::calc::requests::BuyoutInput;
use termcalc::error::Result;
use termcalc::money::fmt_amount;
use termcalc::report::Outcome;

#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  \
termcalc --as-of 2025-09-01 buyout --provider qupra --start 2025-03-15 \\\n    \
--end 2025-09-20 --monthly 50 --usage-monthly 12.40 --customer reseller\n\n\
The leaving day (--end) is the last day of service; the buyout covers the\n\
days after it through the regular end. Amounts exclude VAT; the result\n\
shows the total with and without 21 % VAT.")]
#[command(mut_args(args::edit(
    &["provider", "start", "end", "monthly"],
    args::required
)))]
pub struct Args {
    #[command(flatten)]
    pub provider: args::Provider,
    #[command(flatten)]
    pub start: args::Start,
    #[command(flatten)]
    pub end: args::End,
    #[command(flatten)]
    pub monthly: args::Monthly,
    #[command(flatten)]
    pub term_months: args::TermMonths,
    #[command(flatten)]
    pub notice: args::Notice,
    #[command(flatten)]
    pub fees: args::Fees,
    #[command(flatten)]
    pub choices: args::TermChoices,
    #[command(flatten)]
    pub customer: args::Customer,
    #[command(flatten)]
    pub service: args::Service,
}

impl From<&Args> for BuyoutInput {
    fn from(a: &Args) -> Self {
        BuyoutInput {
            provider: a.provider.id(),
            start: a.start.start,
            end: a.end.end,
            monthly: a.monthly.monthly,
            term_months: a.term_months.term_months,
            notice: a.notice.notice,
            usage_monthly: a.fees.usage_monthly,
            one_off: a.fees.one_off,
            list_monthly: a.fees.list_monthly,
            not_delivered: a.fees.not_delivered,
            incl_vat: a.fees.incl_vat,
            indefinite: a.choices.indefinite,
            requested_notice: a.choices.requested_notice,
            customer: a.customer.customer,
            service: a.service.service.clone(),
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
