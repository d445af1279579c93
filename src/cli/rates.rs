//! `termcalc rates [--kind consumer|commercial]`: the statutory interest rate tables and their
//! coverage.

use super::{Context, Output};
use termcalc::error::Result;
use termcalc::law::rates::fmt_rate;
use termcalc::law::rates::{RateKind, RateTables};
use termcalc::report::Listing;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  termcalc rates --kind commercial\n  \
termcalc rates --toml\n  \
termcalc --rates src/law/rates.toml rates --format json\n\n\
To add a new rate: termcalc rates --toml > rates.toml, add a row with its\n\
date, rate and source, then pass --rates rates.toml to every command.")]
pub struct Args {
    /// Only one table: consumer (art. 6:119 BW) or commercial (art. 6:119a BW).
    #[arg(long, value_name = "KIND", value_parser = kind_arg, conflicts_with = "toml")]
    pub kind: Option<RateKind>,
    /// Print the rate table file itself (the built-in one, or --rates FILE) as TOML, to copy,
    /// update and pass back with --rates FILE.
    #[arg(long)]
    pub toml: bool,
}

/// clap value parser: a statutory kind.
pub fn kind_arg(s: &str) -> std::result::Result<RateKind, String> {
    s.parse()
}

/// The rate tables in use: `--rates FILE` or the built-in ones.
pub fn tables(ctx: &Context) -> Result<&RateTables> {
    ctx.rate_tables()
}

pub fn run(args: &Args, ctx: &Context) -> Result<Output> {
    let t = tables(ctx)?;
    if args.toml {
        // The file as read (it has just been validated), comments and all.
        let text = match &ctx.rates_file {
            Some(path) => std::fs::read_to_string(path).map_err(|e| {
                termcalc::Error::input(format!(
                    "--rates {}: {}",
                    path.display(),
                    termcalc::terms::io_reason(&e)
                ))
            })?,
            None => termcalc::law::rates::EMBEDDED.1.to_string(),
        };
        return Ok(Output::Text(text));
    }
    let kinds: Vec<RateKind> = match args.kind {
        Some(k) => vec![k],
        None => RateKind::ALL.to_vec(),
    };
    // Narrow columns so that the table reads at 80 columns; JSON has every field by name.
    let columns = [
        ("article", "Art. BW"),
        ("from", "From"),
        ("until", "Until"),
        ("rate", "%/yr"),
        ("confidence", "Confidence"),
        ("source", "Source"),
    ]
    .iter()
    .map(|(k, l)| (k.to_string(), l.to_string()))
    .collect();
    let mut rows = Vec::new();
    let mut result = Vec::new();
    let mut notes = Vec::new();
    let mut warnings = Vec::new();
    for kind in kinds {
        let table = t.get(kind);
        for (i, r) in table.rows.iter().enumerate() {
            let until = table
                .rows
                .get(i + 1)
                .and_then(|n| n.from.pred_opt())
                .map(|d| d.to_string())
                .unwrap_or_default();
            rows.push(vec![
                kind.article().to_string(),
                r.from.to_string(),
                until.clone(),
                fmt_rate(r.rate),
                r.confidence.as_str().to_string(),
                r.source.clone(),
            ]);
            result.push(serde_json::json!({
                "kind": kind,
                "article": format!("BW {}", kind.article()),
                "from": r.from,
                "until": if until.is_empty() { serde_json::Value::Null } else { serde_json::Value::String(until) },
                "rate": fmt_rate(r.rate),
                "confidence": r.confidence,
                "source": r.source,
            }));
        }
        if let (Some(first), Some(last)) = (table.rows.first(), table.rows.last()) {
            notes.extend(wrap(&format!(
                "{kind} (art. {} BW, {}): {} rows from {}; current rate {} % since {}; covered through {}",
                kind.article(),
                kind.dutch_name(),
                table.rows.len(),
                first.from,
                fmt_rate(last.rate),
                last.from,
                t.verified_through
            )));
        }
        if t.verified_through < ctx.as_of {
            warnings.push(format!(
                "the {kind} table is complete through {}, before --as-of {}: a later rate change may be missing; to update, save `termcalc rates --toml` to a file, add the new rate and pass the file with --rates FILE",
                t.verified_through, ctx.as_of
            ));
        }
    }
    notes.extend(wrap(&format!(
        "Each rate holds from its date until the day before the next row. Dates after {} use the last known rate with a warning (--strict: an error). Source: {}.",
        t.verified_through, t.source
    )));
    Ok(Output::Listing(Listing {
        command: "rates".into(),
        columns,
        rows,
        result: serde_json::Value::Array(result),
        notes,
        warnings,
    }))
}

/// Breaks a note into lines of at most 80 characters at spaces.
fn wrap(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > 80 {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
