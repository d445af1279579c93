//! `termcalc end-date`: when does the contract end for a notice received on a given day?

use super::{date_arg, Context, Output};
use chrono::NaiveDate;
use termcalc::calc::requests::{parse, EndDateInput};
use termcalc::calc::termination::EndDateResult;
use termcalc::calc::Env;
use termcalc::error::Result;
use termcalc::report::Outcome;
use termcalc::terms::termination::SpecialKind;
use termcalc::terms::CustomerType;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
termcalc end-date --provider qupra --start 2024-03-15 --notice 2025-02-10\n  \
termcalc end-date --provider compri --service dsl --customer consumer \\\n    \
--start 2024-03-15 --notice 2025-03-10 --explain")]
pub struct Args {
    /// Provider id (see `termcalc providers`).
    #[arg(long, value_name = "ID", value_parser = super::provider_values(), hide_possible_values = true)]
    pub provider: String,
    /// First day of the term (delivery / ready for service), where the rules need it.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub start: Option<NaiveDate>,
    /// The day the provider receives the notice [default: --as-of].
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub notice: Option<NaiveDate>,
    /// The initial term agreed in the contract, in months (required where the terms leave it to
    /// the contract).
    #[arg(long, value_name = "N", value_parser = super::term_months_arg, allow_negative_numbers = true)]
    pub term_months: Option<u32>,
    /// The contract was entered for an indefinite period, where the terms allow that instead of
    /// an agreed initial term (e.g. quatel, art. 10.3); excludes --term-months.
    #[arg(long, conflicts_with = "term_months")]
    pub indefinite: bool,
    /// The customer expressly asked for the longer notice period the terms offer (e.g. quatel,
    /// art. 10.3: three months instead of one).
    #[arg(long)]
    pub requested_notice: bool,
    /// consumer, business or reseller [default: the provider file's default].
    #[arg(long, value_name = "TYPE", value_parser = super::customer_values(), hide_possible_values = true)]
    pub customer: Option<CustomerType>,
    /// Service kind where the terms differ per service (e.g. compri: dsl, voip, hosting, ...).
    #[arg(long, value_name = "KIND", value_parser = super::service_values(), hide_possible_values = true)]
    pub service: Option<String>,
    /// The notice reacts to an announced change: price_increase, terms_change or
    /// service_change (the terms' special termination right; needs --change-announced).
    #[arg(long, value_name = "KIND", value_parser = change_kind_arg, requires = "change_announced")]
    pub change: Option<SpecialKind>,
    /// The day the change was announced.
    #[arg(long, value_name = "DATE", value_parser = date_arg, requires = "change")]
    pub change_announced: Option<NaiveDate>,
    /// The day the change takes effect [default: as the terms say, e.g. announcement + 1 month].
    #[arg(long, value_name = "DATE", value_parser = date_arg, requires = "change")]
    pub change_effective: Option<NaiveDate>,
    /// The day the provider received the customer's objection to the change, where the right
    /// to end depends on one (e.g. voipzeker, art. 7.7).
    #[arg(long, value_name = "DATE", value_parser = date_arg, requires = "change")]
    pub objection: Option<NaiveDate>,
}

/// clap value parser: a change kind with a special termination right.
pub fn change_kind_arg(s: &str) -> std::result::Result<SpecialKind, String> {
    parse::change_kind(s)
}

impl From<&Args> for EndDateInput {
    fn from(a: &Args) -> Self {
        EndDateInput {
            provider: a.provider.clone(),
            start: a.start,
            notice: a.notice,
            term_months: a.term_months,
            indefinite: a.indefinite,
            requested_notice: a.requested_notice,
            customer: a.customer,
            service: a.service.clone(),
            change: a.change,
            change_announced: a.change_announced,
            change_effective: a.change_effective,
            objection: a.objection,
            as_of: None,
        }
    }
}

pub fn run(args: &Args, ctx: &Context) -> Result<Output> {
    super::report(super::answer_report(&EndDateInput::from(args), ctx)?)
}

impl super::Asked for EndDateInput {
    fn inputs_json(&self, env: &dyn Env, outcome: &Outcome<EndDateResult>) -> serde_json::Value {
        let as_of = self.as_of.unwrap_or(env.as_of());
        let notice = self.notice.unwrap_or(as_of);
        let change = self.change_notice();
        let r = &outcome.result;
        serde_json::json!({
            "provider": env.provider(&self.provider).map_or(self.provider.as_str(), |p| p.id.as_str()),
            "start": self.start,
            "notice": notice,
            "notice_source": if self.notice.is_some() { "--notice" } else { "--as-of" },
            "term_months": r.term_months,
            "indefinite": self.indefinite,
            "requested_notice": self.requested_notice,
            "customer": r.customer,
            "customer_source": if self.customer.is_some() { "--customer" } else { "provider default" },
            "service": r.service,
            "as_of": as_of,
            "change": change.as_ref().map(|c| serde_json::json!({
                "kind": c.kind.as_str(),
                "announced": c.announced,
                "effective": c.effective,
                "objection": c.objection,
            })),
        })
    }
}
