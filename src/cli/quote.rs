//! `termcalc quote`: what it costs a customer to leave, all in: the end date for a notice, the
//! buyout for an early leaving day, open invoices with interest and collection costs, and a
//! grand total with and without VAT.
//!
//! The quote is answered by `calc::quote::answer` (the rules of the quote, and each part by the
//! library function of its single command); this module only turns the options into a
//! [`QuoteInput`] and says where each input came from.

use super::interest::PerArg;
use super::{date_arg, non_negative_amount_arg, Context, Output};
use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use termcalc::calc::late_payment::AgreedPer;
use termcalc::calc::outage::Cause;
use termcalc::calc::quote::{interest_question, InterestBasis, QuoteResult};
use termcalc::calc::requests::{parse, QuoteInput};
use termcalc::calc::Env;
use termcalc::error::Result;
use termcalc::law::rates::RateKind;
use termcalc::money::{fmt_amount, fmt_plain};
use termcalc::report::Outcome;
use termcalc::terms::CustomerType;

#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  \
termcalc --as-of 2025-09-01 quote --provider qupra --start 2025-03-15 \\\n    \
--end 2025-09-30 --monthly 50 --usage-monthly 12.40 \\\n    \
--claim 500@2025-03-01 --claim 200@2025-05-01\n\n\
The parts are the single commands' own calculations: end-date (--notice,\n\
default --as-of), buyout (only with --end), interest and collection costs\n\
(only with --claim, through --until, default --as-of). Interest follows the\n\
provider's clause unless --kind or --rate is given. VAT: 21 % on the\n\
buyout; none on interest or open invoices (counted as invoiced); on\n\
collection costs only with --vat.")]
pub struct Args {
    /// Provider id, e.g. qupra (see `termcalc providers`).
    #[arg(long, value_name = "ID", value_parser = super::provider_values(), hide_possible_values = true)]
    pub provider: String,
    /// First day of the term (delivery / ready for service); needed with --end.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub start: Option<NaiveDate>,
    /// The day the provider receives the notice [default: --as-of].
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub notice: Option<NaiveDate>,
    /// The initial term agreed in the contract, in months.
    #[arg(long, value_name = "N", value_parser = super::term_months_arg, allow_negative_numbers = true)]
    pub term_months: Option<u32>,
    /// consumer, business or reseller [default: the provider file's default].
    #[arg(long, value_name = "TYPE", value_parser = super::customer_values(), hide_possible_values = true)]
    pub customer: Option<CustomerType>,
    /// Service kind where the terms differ per service (e.g. compri: dsl, voip, hosting, ...).
    #[arg(long, value_name = "KIND", value_parser = super::service_values(), hide_possible_values = true)]
    pub service: Option<String>,
    /// The last day the customer wants the service; adds the buyout (needs --start, --monthly).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub end: Option<NaiveDate>,
    /// With --end: fixed recurring monthly fees, excluding VAT.
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = non_negative_amount_arg)]
    pub monthly: Option<Decimal>,
    /// With --end: average monthly usage charges, excluding VAT.
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = non_negative_amount_arg)]
    pub usage_monthly: Option<Decimal>,
    /// With --end: one-off installation or delivery fee at list price, excluding VAT.
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = non_negative_amount_arg)]
    pub one_off: Option<Decimal>,
    /// With --end: the undiscounted monthly list price, where discounts lapse.
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = non_negative_amount_arg)]
    pub list_monthly: Option<Decimal>,
    /// With --end: the service has not been delivered yet.
    #[arg(long)]
    pub not_delivered: bool,
    /// The prices given (--monthly, --usage-monthly, --one-off, --list-monthly) include 21 %
    /// VAT; termcalc brings them back to prices excluding VAT.
    #[arg(long)]
    pub incl_vat: bool,
    /// An open invoice: AMOUNT@DUE-DATE (incl. its VAT; repeat for each invoice).
    #[arg(long, value_name = "AMOUNT@DATE", value_parser = claim_arg, allow_hyphen_values = true)]
    pub claim: Vec<(Decimal, NaiveDate)>,
    /// A partial payment on the invoices: DATE=AMOUNT, or DATE=AMOUNT@N for invoice N.
    #[arg(long, value_name = "DATE=AMOUNT[@N]", value_parser = payment_arg)]
    pub payment: Vec<(NaiveDate, Decimal, Option<usize>)>,
    /// Interest and collection costs are counted through this day, inclusive [default: --as-of].
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub until: Option<NaiveDate>,
    /// Statutory interest instead of the provider's clause: consumer (6:119) or commercial
    /// (6:119a).
    #[arg(long, value_name = "KIND", value_parser = super::rates::kind_arg, conflicts_with = "rate")]
    pub kind: Option<RateKind>,
    /// An agreed interest rate in percent instead of the provider's clause (with --per).
    #[arg(long, value_name = "PERCENT", allow_hyphen_values = true, value_parser = percent_arg)]
    pub rate: Option<Decimal>,
    /// The period of --rate: year or month.
    #[arg(long, value_enum, value_name = "PERIOD", requires = "rate")]
    pub per: Option<PerArg>,
    /// The day a reminder or demand was received, where the provider's interest clause counts
    /// from it.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub reminder: Option<NaiveDate>,
    /// The creditor cannot deduct VAT: add 21 % to the collection costs (BIK art. 2 lid 3).
    #[arg(long)]
    pub vat: bool,
    /// The day the consumer received the 14-day letter (BW 6:96 lid 6).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub letter_date: Option<NaiveDate>,
    /// The day the 14-day letter was posted, when the day of receipt is unknown (as in
    /// collection-costs).
    #[arg(long, value_name = "DATE", value_parser = date_arg, conflicts_with = "letter_date")]
    pub letter_sent: Option<NaiveDate>,
    /// The first day the debtor was in default, for the collection costs (as in
    /// collection-costs).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub default_date: Option<NaiveDate>,
    /// Credit an outage (as `termcalc outage`): when the service stopped working completely
    /// (YYYY-MM-DDTHH:MM; with --outage-until).
    #[arg(long, value_name = "DATETIME", value_parser = datetime_arg, requires = "outage_until", conflicts_with = "outage_hours")]
    pub outage_from: Option<NaiveDateTime>,
    /// When the service worked again (YYYY-MM-DDTHH:MM).
    #[arg(long, value_name = "DATETIME", value_parser = datetime_arg, requires = "outage_from", conflicts_with = "outage_hours")]
    pub outage_until: Option<NaiveDateTime>,
    /// Credit an outage of this many hours, instead of --outage-from/--outage-until.
    #[arg(long, value_name = "N", value_parser = hours_arg, allow_hyphen_values = true)]
    pub outage_hours: Option<Decimal>,
    /// The monthly subscription fee of the service that was down (needed with an outage).
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = non_negative_amount_arg)]
    pub outage_monthly: Option<Decimal>,
    /// What caused the outage (as `outage --cause`).
    #[arg(long, value_name = "CAUSE", value_parser = super::outage::cause_values(), hide_possible_values = true)]
    pub outage_cause: Option<Cause>,
}

/// `AMOUNT@DATE` (the same syntax as `interest --claim`).
fn claim_arg(s: &str) -> std::result::Result<(Decimal, NaiveDate), String> {
    termcalc::calc::interest::parse_claim(s)
}

/// `DATE=AMOUNT` or `DATE=AMOUNT@N` (the same syntax as `interest --payment`).
fn payment_arg(s: &str) -> std::result::Result<(NaiveDate, Decimal, Option<usize>), String> {
    termcalc::calc::interest::parse_payment(s)
}

/// A percentage above 0 and below 100 (as `interest --rate`).
fn percent_arg(s: &str) -> std::result::Result<Decimal, String> {
    termcalc::calc::interest::parse_percent(s)
}

/// `YYYY-MM-DDTHH:MM`.
fn datetime_arg(s: &str) -> std::result::Result<NaiveDateTime, String> {
    parse::datetime(s)
}

/// A number of hours, 0 or more.
fn hours_arg(s: &str) -> std::result::Result<Decimal, String> {
    parse::hours(s)
}

impl From<&Args> for QuoteInput {
    fn from(a: &Args) -> Self {
        QuoteInput {
            provider: a.provider.clone(),
            start: a.start,
            notice: a.notice,
            term_months: a.term_months,
            customer: a.customer,
            service: a.service.clone(),
            end: a.end,
            monthly: a.monthly,
            usage_monthly: a.usage_monthly,
            one_off: a.one_off,
            list_monthly: a.list_monthly,
            not_delivered: a.not_delivered,
            incl_vat: a.incl_vat,
            claim: a.claim.clone(),
            payment: a.payment.clone(),
            until: a.until,
            kind: a.kind,
            rate: a.rate,
            per: a.per.map(|p| match p {
                PerArg::Year => AgreedPer::Year,
                PerArg::Month => AgreedPer::Month,
            }),
            reminder: a.reminder,
            vat: a.vat,
            letter_date: a.letter_date,
            letter_sent: a.letter_sent,
            default_date: a.default_date,
            outage_from: a.outage_from,
            outage_until: a.outage_until,
            outage_hours: a.outage_hours,
            outage_monthly: a.outage_monthly,
            outage_cause: a.outage_cause,
            as_of: None,
        }
    }
}

pub fn run(args: &Args, ctx: &Context) -> Result<Output> {
    super::report(super::answer_report(&QuoteInput::from(args), ctx)?)
}

impl super::Asked for QuoteInput {
    fn inputs_json(&self, env: &dyn Env, outcome: &Outcome<QuoteResult>) -> serde_json::Value {
        let r = &outcome.result;
        let as_of = self.as_of.unwrap_or(env.as_of());
        let until = self.until.unwrap_or(as_of);
        let provider = env.provider(&self.provider).ok();
        let amount = |v: Option<Decimal>| v.map(fmt_amount);
        let minute = |d: Option<NaiveDateTime>| d.map(|d| d.format("%Y-%m-%dT%H:%M").to_string());
        // The interest question as the quote asked it last (with the collection costs where
        // they were charged), in the words of `termcalc interest`.
        let (interest, interest_inputs) = match provider.filter(|_| !self.claim.is_empty()) {
            None => (serde_json::Value::Null, serde_json::Value::Null),
            Some(p) => {
                let basis = match InterestBasis::of(self, p, r.customer) {
                    InterestBasis::Kind(k) => format!("--kind {}", k.as_str()),
                    InterestBasis::Rate(rate) => format!("--rate {}", fmt_plain(rate)),
                    InterestBasis::Clause => "provider clause".to_string(),
                    InterestBasis::Statutory(k) => format!("statutory {} (no clause)", k.as_str()),
                };
                let question = interest_question(self, p, r.customer, until, r.collection_charged);
                let inputs = env.rate_tables().map_or(serde_json::Value::Null, |t| {
                    super::interest::inputs_json(&question, &self.claim, t)
                });
                (serde_json::json!(basis), inputs)
            }
        };
        serde_json::json!({
            "provider": provider.map_or(self.provider.as_str(), |p| p.id.as_str()),
            "customer": r.customer,
            "customer_source": if self.customer.is_some() { "--customer" } else { "provider default" },
            "start": self.start,
            "notice": self.notice.unwrap_or(as_of),
            "notice_source": if self.notice.is_some() { "--notice" } else { "--as-of" },
            "term_months": self.term_months,
            "service": self.service,
            "end": self.end,
            "monthly": amount(self.monthly),
            "usage_monthly": amount(self.usage_monthly),
            "one_off": amount(self.one_off),
            "list_monthly": amount(self.list_monthly),
            "not_delivered": self.not_delivered,
            "claims": self.claim.iter().map(|(a, d)| serde_json::json!({"principal": fmt_amount(*a), "due": d})).collect::<Vec<_>>(),
            "payments": self.payment.iter().map(|(d, a, n)| serde_json::json!({"date": d, "amount": fmt_amount(*a), "claim": n.map(|n| n + 1)})).collect::<Vec<_>>(),
            "interest": interest,
            "interest_inputs": interest_inputs,
            "until": until,
            "until_source": if self.until.is_some() { "--until" } else { "--as-of" },
            "vat": self.vat,
            "letter_date": self.letter_date,
            "letter_sent": self.letter_sent,
            "default_date": self.default_date,
            "outage_from": minute(self.outage_from),
            "outage_until": minute(self.outage_until),
            "outage_hours": self.outage_hours.map(termcalc::calc::outage::fmt_hours),
            "outage_monthly": amount(self.outage_monthly),
            "outage_cause": self.outage_cause,
            "as_of": as_of,
        })
    }
}
