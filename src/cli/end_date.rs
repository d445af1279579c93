//! `termcalc end-date`: when does the contract end for a notice received on a given day?

use super::{date_arg, Context, Output};
use chrono::NaiveDate;
use termcalc::calc::termination::{
    end_date, end_date_after_change, ChangeNotice, EndDateRequest, CHANGE_KINDS,
};
use termcalc::error::Result;
use termcalc::report::Report;
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
    let shown = termcalc::error::echo(s);
    let k = s.trim().to_ascii_lowercase().replace('-', "_");
    CHANGE_KINDS
        .iter()
        .copied()
        .find(|c| c.as_str() == k)
        .ok_or_else(|| {
            format!(
                "'{shown}' is not a change kind; use price_increase, terms_change or service_change"
            )
        })
}

pub fn run(args: &Args, ctx: &Context) -> Result<Output> {
    let provider = ctx.provider(&args.provider)?;
    let notice = args.notice.unwrap_or(ctx.as_of);
    let req = EndDateRequest {
        provider,
        start: args.start,
        notice,
        term_months: args.term_months,
        customer: args.customer,
        service: args.service.clone(),
        indefinite: args.indefinite,
        requested_notice: args.requested_notice,
        as_of: ctx.as_of,
    };
    let change = match (args.change, args.change_announced) {
        (Some(kind), Some(announced)) => Some(ChangeNotice {
            kind,
            announced,
            effective: args.change_effective,
            objection: args.objection,
        }),
        _ => None,
    };
    let outcome = match &change {
        Some(c) => end_date_after_change(&req, c)?,
        None => end_date(&req)?,
    };
    let r = &outcome.result;
    let inputs = serde_json::json!({
        "provider": provider.id,
        "start": args.start,
        "notice": notice,
        "notice_source": if args.notice.is_some() { "--notice" } else { "--as-of" },
        "term_months": r.term_months,
        "indefinite": args.indefinite,
        "requested_notice": args.requested_notice,
        "customer": r.customer,
        "customer_source": if args.customer.is_some() { "--customer" } else { "provider default" },
        "service": r.service,
        "as_of": ctx.as_of,
        "change": change.as_ref().map(|c| serde_json::json!({
            "kind": c.kind.as_str(),
            "announced": c.announced,
            "effective": c.effective,
            "objection": c.objection,
        })),
    });
    super::report(Report::new("end-date", inputs, outcome))
}
