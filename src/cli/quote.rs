//! `termcalc quote`: what it costs a customer to leave, all in: the end date for a notice, the
//! buyout for an early leaving day, open invoices with interest and collection costs, and a
//! grand total with and without VAT.
//!
//! The quote is answered by `calc::quote::answer` (the rules of the quote, and each part by the
//! library function of its single command); this module only turns the options into a
//! [`QuoteInput`] and says where each input came from.

use super::{args, non_negative_amount_arg, Context, Output};
use chrono::NaiveDateTime;
use rust_decimal::Decimal;
use termcalc::calc::outage::Cause;
use termcalc::calc::quote::{interest_question, InterestBasis, QuoteResult};
use termcalc::calc::requests::QuoteInput;
use termcalc::calc::Env;
use termcalc::error::Result;
use termcalc::money::{fmt_amount, fmt_plain};
use termcalc::report::Outcome;

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
#[command(mut_args(args::edit(&["provider"], args::required)))]
pub struct Args {
    #[command(flatten)]
    pub provider: args::Provider,
    #[command(flatten)]
    pub start: args::Start,
    #[command(flatten)]
    pub notice: args::Notice,
    #[command(flatten)]
    pub term_months: args::TermMonths,
    #[command(flatten)]
    pub customer: args::Customer,
    #[command(flatten)]
    pub service: args::Service,
    #[command(flatten)]
    pub end: args::End,
    #[command(flatten)]
    pub monthly: args::Monthly,
    #[command(flatten)]
    pub fees: args::Fees,
    #[command(flatten)]
    pub claim: args::Claims,
    #[command(flatten)]
    pub payment: args::Payments,
    #[command(flatten)]
    pub until: args::Until,
    #[command(flatten)]
    pub kind: args::StatutoryKind,
    #[command(flatten)]
    pub rate: args::AgreedRate,
    #[command(flatten)]
    pub reminder: args::Reminder,
    #[command(flatten)]
    pub collection: args::CollectionCosts,
    /// Credit an outage (as `termcalc outage`): when the service stopped working completely
    /// (YYYY-MM-DDTHH:MM; with --outage-until).
    #[arg(long, value_name = "DATETIME", value_parser = super::outage::datetime_arg, requires = "outage_until", conflicts_with = "outage_hours")]
    pub outage_from: Option<NaiveDateTime>,
    /// When the service worked again (YYYY-MM-DDTHH:MM).
    #[arg(long, value_name = "DATETIME", value_parser = super::outage::datetime_arg, requires = "outage_from", conflicts_with = "outage_hours")]
    pub outage_until: Option<NaiveDateTime>,
    /// Credit an outage of this many hours, instead of --outage-from/--outage-until.
    #[arg(long, value_name = "N", value_parser = super::outage::hours_arg, allow_hyphen_values = true)]
    pub outage_hours: Option<Decimal>,
    /// The monthly subscription fee of the service that was down (needed with an outage).
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = non_negative_amount_arg)]
    pub outage_monthly: Option<Decimal>,
    /// What caused the outage (as `outage --cause`).
    #[arg(long, value_name = "CAUSE", value_parser = super::outage::cause_values(), hide_possible_values = true)]
    pub outage_cause: Option<Cause>,
}

impl From<&Args> for QuoteInput {
    fn from(a: &Args) -> Self {
        QuoteInput {
            provider: a.provider.id(),
            start: a.start.start,
            notice: a.notice.notice,
            term_months: a.term_months.term_months,
            customer: a.customer.customer,
            service: a.service.service.clone(),
            end: a.end.end,
            monthly: a.monthly.monthly,
            usage_monthly: a.fees.usage_monthly,
            one_off: a.fees.one_off,
            list_monthly: a.fees.list_monthly,
            not_delivered: a.fees.not_delivered,
            incl_vat: a.fees.incl_vat,
            claim: a.claim.claim.clone(),
            payment: a.payment.payment.clone(),
            until: a.until.until,
            kind: a.kind.kind,
            rate: a.rate.rate,
            per: a.rate.per(),
            reminder: a.reminder.reminder,
            vat: a.collection.vat,
            letter_date: a.collection.letter_date,
            letter_sent: a.collection.letter_sent,
            default_date: a.collection.default_date,
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
