//! `termcalc collection-costs`: extrajudicial collection costs (BIK scale or the provider's
//! clause), with VAT and the first day they are due.

use super::{date_arg, positive_amount_arg, Context, Output};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use termcalc::calc::collection::{resolve_customer, CollectionResult};
use termcalc::calc::requests::CollectionInput;
use termcalc::error::Result;
use termcalc::money::fmt_amount;
use termcalc::report::Outcome;
use termcalc::terms::CustomerType;

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
    /// consumer, business or reseller (a reseller counts as a business). Default: the
    /// provider's default customer; business without --provider.
    #[arg(long, value_name = "TYPE", value_parser = super::customer_values(), hide_possible_values = true)]
    pub customer: Option<CustomerType>,
    /// Apply this provider's collection-cost clause (businesses; set aside for consumers).
    #[arg(long, value_name = "ID", value_parser = super::provider_values(), hide_possible_values = true)]
    pub provider: Option<String>,
    /// The creditor cannot deduct VAT (and has said so): add 21 % (BIK art. 2 lid 3).
    #[arg(long)]
    pub vat: bool,
    /// The day the consumer received the 14-day letter (BW 6:96 lid 6).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub letter_date: Option<NaiveDate>,
    /// The day the 14-day letter was posted, when the day of receipt is unknown: receipt is
    /// presumed on the second day after, not counting Sundays, Mondays and holidays.
    #[arg(long, value_name = "DATE", value_parser = date_arg, conflicts_with = "letter_date")]
    pub letter_sent: Option<NaiveDate>,
    /// The first day the debtor was in default (verzuim), e.g. the day after the due date.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub default_date: Option<NaiveDate>,
    /// The last day to pay (the latest, for several claims). Without --default-date, default
    /// follows from it (and the provider's terms); a consumer's 14-day letter received before
    /// default began is no valid letter (BW 6:96 lid 6) and gives no costs.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub due: Option<NaiveDate>,
    /// With --due and --provider: the day a demand (aanmaning) was received, where the terms
    /// put default after a demand giving some days (as in `quote --reminder`).
    #[arg(long, value_name = "DATE", value_parser = date_arg, requires = "due")]
    pub reminder: Option<NaiveDate>,
}

impl From<&Args> for CollectionInput {
    fn from(a: &Args) -> Self {
        CollectionInput {
            principals: a.principals.clone(),
            customer: a.customer,
            provider: a.provider.clone(),
            vat: a.vat,
            letter_date: a.letter_date,
            letter_sent: a.letter_sent,
            default_date: a.default_date,
            due: a.due,
            reminder: a.reminder,
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
