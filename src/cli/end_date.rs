//! `termcalc end-date`: when does the contract end for a notice received on a given day?

use super::{args, date_arg, Context, Output};
use chrono::NaiveDate;
use termcalc::calc::requests::{parse, EndDateInput};
use termcalc::calc::termination::EndDateResult;
use termcalc::calc::Env;
use termcalc::error::Result;
use termcalc::report::Outcome;
use termcalc::terms::termination::SpecialKind;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
termcalc end-date --provider qupra --start 2024-03-15 --notice 2025-02-10\n  \
termcalc end-date --provider compri --service dsl --customer consumer \\\n    \
--start 2024-03-15 --notice 2025-03-10 --explain")]
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
    pub choices: args::TermChoices,
    #[command(flatten)]
    pub customer: args::Customer,
    #[command(flatten)]
    pub service: args::Service,
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
            provider: a.provider.id(),
            start: a.start.start,
            notice: a.notice.notice,
            term_months: a.term_months.term_months,
            indefinite: a.choices.indefinite,
            requested_notice: a.choices.requested_notice,
            customer: a.customer.customer,
            service: a.service.service.clone(),
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
