//! `termcalc collection-costs`: extrajudicial collection costs (BIK scale or the provider's
//! clause), with VAT and the first day they are due.

use super::{args, positive_amount_arg, Context, Output};
use rust_decimal::Decimal;
use termcalc::calc::collection::{resolve_customer, CollectionResult};
use termcalc::calc::requests::CollectionInput;
use termcalc::error::Result;
use termcalc::money::fmt_amount;
use termcalc::report::Outcome;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
termcalc collection-costs --principal 3000 --customer consumer \\\n    \
--letter-date 2025-04-11\n  \
termcalc collection-costs --provider compri --principal 1200 \\\n    \
--principal 800.50\n\n\
Consumers: the BIK scale (15/10/5/1/0.5 %, at least 40, at most 6775)\n\
whatever the terms say, due the day after the 14-day term that starts the\n\
day after the letter is received. Businesses: the provider's clause where\n\
it fixes an amount, never below 40 (BW 6:96 lid 4).")]
#[command(mut_args(args::edit(&["customer"], |a| a.help(
    "consumer, business or reseller (a reseller counts as a business). Default: the \
     provider's default customer; business without --provider"
))))]
#[command(mut_args(args::edit(&["provider"], |a| a.help(
    "Apply this provider's collection-cost clause (businesses; set aside for consumers)"
))))]
#[command(mut_args(args::edit(&["due"], |a| a.help(
    "The last day to pay (the latest, for several claims). Without --default-date, default \
     follows from it (and the provider's terms); a consumer's 14-day letter received before \
     default began is no valid letter (BW 6:96 lid 6) and gives no costs"
))))]
#[command(mut_args(args::edit(&["reminder"], |a| a.requires("due"))))]
pub struct Args {
    /// Unpaid principal of a claim (incl. its VAT, without interest); repeat for several
    /// claims against the same debtor, which are added together (BW 6:96 lid 7).
    #[arg(
        long = "principal",
        value_name = "AMOUNT",
        required = true,
        allow_negative_numbers = true,
        value_parser = positive_amount_arg
    )]
    pub principals: Vec<Decimal>,
    #[command(flatten)]
    pub customer: args::Customer,
    #[command(flatten)]
    pub provider: args::Provider,
    #[command(flatten)]
    pub costs: args::CollectionCosts,
    #[command(flatten)]
    pub due: args::Due,
    #[command(flatten)]
    pub reminder: args::Reminder,
}

impl From<&Args> for CollectionInput {
    fn from(a: &Args) -> Self {
        CollectionInput {
            principals: a.principals.clone(),
            customer: a.customer.customer,
            provider: a.provider.provider.clone(),
            vat: a.costs.vat,
            letter_date: a.costs.letter_date,
            letter_sent: a.costs.letter_sent,
            default_date: a.costs.default_date,
            due: a.due.due,
            reminder: a.reminder.reminder,
            as_of: None,
        }
    }
}

pub fn run(args: &Args, ctx: &Context) -> Result<Output> {
    super::report(super::answer_report(&CollectionInput::from(args), ctx)?)
}

impl super::Asked for CollectionInput {
    fn inputs_json(
        &self,
        env: &dyn termcalc::calc::Env,
        outcome: &Outcome<CollectionResult>,
    ) -> serde_json::Value {
        let provider = self
            .provider
            .as_deref()
            .and_then(|id| env.provider(id).ok());
        let (customer, source) = resolve_customer(self.customer, provider);
        serde_json::json!({
            "principals": self.principals.iter().map(|p| fmt_amount(*p)).collect::<Vec<_>>(),
            "provider": self.provider,
            "customer": customer,
            "customer_source": source,
            "vat": self.vat,
            "letter_date": self.letter_date,
            "letter_sent": self.letter_sent,
            "default_date": self.default_date,
            "due": self.due,
            "reminder": self.reminder,
            "default_from": outcome.result.default_from,
            "as_of": self.as_of.unwrap_or(env.as_of()),
        })
    }
}
