//! `termcalc providers [list] | show ID | check FILE... | schema`

use super::{Context, Output};
use std::path::PathBuf;
use termcalc::error::{Error, Result};
use termcalc::report::{Detail, Field, Listing, Report};
use termcalc::terms::load_file;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  termcalc providers\n  termcalc providers show qupra\n  termcalc providers check providers/*.toml\n  termcalc providers schema > provider.schema.json"
)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// List the providers: id, name, terms version, audience (the default).
    List,
    /// Every rule of one provider in plain words, with its article.
    Show {
        /// Provider id, e.g. qupra.
        id: String,
    },
    /// Validate provider files; lists every problem found (exit 3 when any).
    Check {
        /// Provider files (.toml).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the JSON Schema (draft-07) of the provider file, for editors such as taplo /
    /// Even Better TOML (always JSON, whatever --format says).
    Schema,
}

pub fn run(args: &Args, ctx: &Context) -> Result<Output> {
    match &args.action {
        None | Some(Action::List) => list(ctx),
        Some(Action::Show { id }) => show(ctx, id),
        Some(Action::Check { files }) => check(files),
        Some(Action::Schema) => schema(),
    }
}

fn list(ctx: &Context) -> Result<Output> {
    let set = ctx.providers()?;
    let columns = [
        ("id", "Id"),
        ("name", "Name"),
        ("terms_version", "Terms version"),
        ("audience", "Audience"),
        ("default_customer", "Default customer"),
    ]
    .iter()
    .map(|(k, l)| (k.to_string(), l.to_string()))
    .collect();
    let mut rows = Vec::new();
    let mut result = Vec::new();
    for p in set.iter() {
        rows.push(vec![
            p.id.clone(),
            p.display_name().to_string(),
            p.terms.version.clone(),
            p.audience_summary(),
            p.audience.default_customer.to_string(),
        ]);
        result.push(serde_json::json!({
            "id": p.id,
            "name": p.name,
            "trade_name": p.trade_name,
            "terms_version": p.terms.version,
            "audience": p.audience.customers,
            "default_customer": p.audience.default_customer,
        }));
    }
    Ok(Output::Listing(Listing {
        command: "providers".into(),
        columns,
        rows,
        result: serde_json::Value::Array(result),
        notes: vec![format!("source: {}", set.source)],
        warnings: vec![],
    }))
}

fn show(ctx: &Context, id: &str) -> Result<Output> {
    let p = ctx.providers()?.get(id).map_err(|_| {
        Error::input(format!(
            "providers show: unknown provider '{}'; known providers are {}",
            termcalc::error::echo(id),
            ctx.providers()
                .map(|s| s.ids().join(", "))
                .unwrap_or_default()
        ))
    })?;
    let mut fields = vec![
        Field::new("id", "Id", &p.id),
        Field::new("name", "Legal name", &p.name),
    ];
    if let Some(t) = &p.trade_name {
        fields.push(Field::new("trade_name", "Trade name", t));
    }
    if let Some(k) = &p.kvk {
        fields.push(Field::new("kvk", "KvK number", k));
    }
    if let Some(n) = &p.registration_note {
        fields.push(Field::new("registration_note", "Registration", n));
    }
    fields.push(Field::new(
        "terms",
        "Terms",
        format!("{} ({})", p.terms.title, p.terms.version),
    ));
    // The seed file name (`terms.seed`) is a maintainer's record of where the text came from;
    // it is not shown to users.
    fields.push(Field::new(
        "audience",
        "Audience",
        format!(
            "{} (art. {}); default customer: {}",
            p.audience_summary(),
            p.audience.article,
            p.audience.default_customer
        ),
    ));
    if let Some(n) = &p.audience.note {
        fields.push(Field::new("audience_note", "Who the terms address", n));
    }
    let mut details = Vec::new();
    let mut rules_json = Vec::new();
    for (section, rules) in p.describe() {
        details.push(Detail {
            title: section.to_string(),
            header: vec!["Rule".into(), "Article".into()],
            rows: rules
                .iter()
                .map(|(t, a)| vec![t.clone(), a.clone()])
                .collect(),
        });
        for (t, a) in rules {
            rules_json.push(serde_json::json!({"section": section, "rule": t, "article": a}));
        }
    }
    let result = serde_json::json!({
        "provider": serde_json::to_value(p).unwrap_or_default(),
        "rules": rules_json,
    });
    super::report(Report {
        command: "providers show".into(),
        inputs: serde_json::json!({ "id": id }),
        result: Box::new(result),
        fields,
        details,
        steps: vec![],
        warnings: vec![],
    })
}

fn check(files: &[PathBuf]) -> Result<Output> {
    let mut ok = String::new();
    let mut issues = Vec::new();
    for f in files {
        match load_file(f) {
            Ok(p) => ok.push_str(&format!(
                "{}: ok ({}, {})\n",
                f.display(),
                p.id,
                p.display_name()
            )),
            Err(e) => issues.extend(e),
        }
    }
    if issues.is_empty() {
        Ok(Output::Text(ok))
    } else {
        Ok(Output::TextThenError(ok, Error::ProviderData(issues)))
    }
}

fn schema() -> Result<Output> {
    let schema = termcalc::terms::json_schema();
    // Serialising a `serde_json::Value` cannot fail.
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    Ok(Output::Text(text))
}
