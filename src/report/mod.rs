//! The explanation every figure carries (`Outcome`, `Step`, `Citation`) and the renderers that
//! turn a result into a table for people or JSON / CSV for scripts.

mod render;

pub use render::{
    render_csv, render_csv_header, render_csv_row, render_json, render_listing_csv,
    render_listing_json, render_listing_table, render_table, warnings_cell, TableStyle,
};

use serde::Serialize;
use std::fmt;

/// The version of the JSON and CSV output contract (DESIGN.md). Changes are additive only.
pub const SCHEMA_VERSION: u32 = 1;

/// What a rule's authority is: the provider's terms, a statute, or a named convention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Citation {
    /// An article of the provider's general terms, as printed.
    Provider {
        /// Provider id, e.g. `qupra`.
        provider: String,
        /// The name people know the provider by, e.g. `Qupra Wholesale`.
        name: String,
        /// Article as printed, e.g. `5.1.c`.
        article: String,
    },
    /// An article of Dutch law (BW, Telecommunicatiewet, BIK, Algemene termijnenwet, ...).
    Statute { law: String, article: String },
    /// A convention termcalc applies where neither terms nor law decide (e.g. how months are
    /// added); named so that it can be looked up in docs/contract.md.
    Convention { name: String },
    /// A value the user supplied on the command line.
    Input { flag: String },
}

impl Citation {
    pub fn provider(id: &str, name: &str, article: impl Into<String>) -> Self {
        Citation::Provider {
            provider: id.to_string(),
            name: name.to_string(),
            article: article.into(),
        }
    }

    pub fn statute(law: impl Into<String>, article: impl Into<String>) -> Self {
        Citation::Statute {
            law: law.into(),
            article: article.into(),
        }
    }

    pub fn convention(name: impl Into<String>) -> Self {
        Citation::Convention { name: name.into() }
    }

    /// A value the user gave, named by its field (`notice`); shown as the command-line option
    /// (`--notice`), which is also how a batch column of that name is documented.
    pub fn input(field: &str) -> Self {
        let field = field.trim_start_matches('-');
        let mut flag = String::with_capacity(field.len() + 2);
        flag.push_str("--");
        flag.push_str(field);
        Citation::Input { flag }
    }

    /// Values the user gave in several fields together (`from`, `until`): `--from, --until`.
    pub fn inputs(fields: &[&str]) -> Self {
        let flag = fields
            .iter()
            .map(|f| format!("--{}", f.trim_start_matches('-')))
            .collect::<Vec<_>>()
            .join(", ");
        Citation::Input { flag }
    }

    /// A field left out, so that another one stood in for it: `--notice (default: --as-of)`.
    pub fn input_defaulted(field: &str, default: &str) -> Self {
        Citation::Input {
            flag: format!(
                "--{} (default: --{})",
                field.trim_start_matches('-'),
                default.trim_start_matches('-')
            ),
        }
    }
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Citation::Provider { name, article, .. } => write!(f, "{name} art. {article}"),
            Citation::Statute { law, article } => write!(f, "{law} art. {article}"),
            Citation::Convention { name } => write!(f, "convention: {name}"),
            Citation::Input { flag } => write!(f, "input {flag}"),
        }
    }
}

/// One line of the explanation: what was decided or computed, and on whose authority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// What was decided or computed, with the dates or arithmetic involved, in plain words.
    pub text: String,
    pub citation: Citation,
    /// Where the clause is ambiguous: the reading chosen (as named in the provider file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<String>,
}

/// A result together with the steps that produced it and any warnings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome<T> {
    pub result: T,
    pub steps: Vec<Step>,
    pub warnings: Vec<String>,
}

impl<T> Outcome<T> {
    pub fn new(result: T) -> Self {
        Outcome {
            result,
            steps: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Builds an outcome from a result and an existing trace.
    pub fn with_trace(result: T, trace: Trace) -> Self {
        Outcome {
            result,
            steps: trace.steps,
            warnings: trace.warnings,
        }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Outcome<U> {
        Outcome {
            result: f(self.result),
            steps: self.steps,
            warnings: self.warnings,
        }
    }
}

/// Collects steps and warnings while a calculation runs; becomes an `Outcome` at the end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trace {
    pub steps: Vec<Step>,
    pub warnings: Vec<String>,
    /// Steps are not kept (warnings are): for output that shows no explanation.
    quiet: bool,
}

impl Trace {
    pub fn new() -> Self {
        Self::default()
    }

    /// A trace that keeps the warnings but no steps (tracing off).
    pub fn without_steps() -> Self {
        Trace {
            quiet: true,
            ..Self::default()
        }
    }

    /// A trace with steps when `on`, else [`Trace::without_steps`].
    pub fn steps_if(on: bool) -> Self {
        if on {
            Self::new()
        } else {
            Self::without_steps()
        }
    }

    /// Whether steps are kept; a caller may skip composing a costly step text when not.
    pub fn keeps_steps(&self) -> bool {
        !self.quiet
    }

    pub fn step(&mut self, citation: Citation, text: impl Into<String>) {
        if self.quiet {
            return;
        }
        self.steps.push(Step {
            text: text.into(),
            citation,
            reading: None,
        });
    }

    /// A step that applies a reading chosen for an ambiguous clause.
    pub fn step_with_reading(
        &mut self,
        citation: Citation,
        text: impl Into<String>,
        reading: impl Into<String>,
    ) {
        if self.quiet {
            return;
        }
        self.steps.push(Step {
            text: text.into(),
            citation,
            reading: Some(reading.into()),
        });
    }

    pub fn warn(&mut self, message: impl Into<String>) {
        self.warnings.push(message.into());
    }

    /// Appends another trace (e.g. of a sub-calculation).
    pub fn extend(&mut self, other: Trace) {
        self.steps.extend(other.steps);
        self.warnings.extend(other.warnings);
    }

    pub fn finish<T>(self, result: T) -> Outcome<T> {
        Outcome::with_trace(result, self)
    }
}

/// One named value of a result, as shown in the table (label) and in CSV (key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Stable machine name, also the CSV column and normally the JSON key: `end_date`.
    pub key: String,
    /// What a person reads in the table: `Last day in force`.
    pub label: String,
    /// The value as text: dates ISO, amounts with two decimals, booleans `true`/`false`,
    /// absent values empty.
    pub value: String,
}

impl Field {
    pub fn new(key: &str, label: &str, value: impl ToString) -> Self {
        Field {
            key: key.to_string(),
            label: label.to_string(),
            value: value.to_string(),
        }
    }
}

/// A detail table shown below the summary in table format (e.g. interest periods).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The value of one result field, not yet formatted: each exporter (table, CSV) formats it, so
/// that a CSV batch writes it straight into its output without building a `String` per field.
#[derive(Clone, Copy)]
pub enum Value<'a> {
    /// Text as is.
    Text(&'a str),
    /// Anything displayable, e.g. `format_args!(...)` (no allocation).
    Display(&'a dyn fmt::Display),
    /// An ISO date.
    Date(chrono::NaiveDate),
    /// An amount, rounded half away from zero to cents and shown with two decimals
    /// ([`crate::money::fmt_amount`]).
    Amount(rust_decimal::Decimal),
    /// A whole number.
    Count(u64),
    /// `true` / `false`.
    Bool(bool),
    /// No value (an absent optional date or amount): an empty cell.
    Empty,
}

impl<'a> Value<'a> {
    /// A date, or an empty cell.
    pub fn date_or_empty(d: Option<chrono::NaiveDate>) -> Self {
        d.map_or(Value::Empty, Value::Date)
    }

    /// An amount, or an empty cell.
    pub fn amount_or_empty(a: Option<rust_decimal::Decimal>) -> Self {
        a.map_or(Value::Empty, Value::Amount)
    }

    /// Text, or an empty cell.
    pub fn text_or_empty(t: Option<&'a str>) -> Self {
        t.map_or(Value::Empty, Value::Text)
    }

    /// Appends the value as text (the form of tables and CSV cells, before CSV quoting).
    pub fn write_to(&self, out: &mut String) {
        use std::fmt::Write as _;
        match *self {
            Value::Text(t) => out.push_str(t),
            Value::Display(d) => {
                let _ = write!(out, "{d}");
            }
            Value::Date(d) => push_date(out, d),
            Value::Amount(a) => crate::money::write_amount(out, a),
            Value::Count(n) => {
                let _ = write!(out, "{n}");
            }
            Value::Bool(b) => out.push_str(yes_no(b)),
            Value::Empty => {}
        }
    }
}

impl fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.write_to(&mut s);
        f.write_str(&s)
    }
}

/// `YYYY-MM-DD` without going through chrono's formatter (years 0-9999, as the parsers accept).
fn push_date(out: &mut String, d: chrono::NaiveDate) {
    use chrono::Datelike;
    let (y, m, day) = (d.year().clamp(0, 9999) as u32, d.month(), d.day());
    let digits = [
        b'0' + (y / 1000) as u8,
        b'0' + (y / 100 % 10) as u8,
        b'0' + (y / 10 % 10) as u8,
        b'0' + (y % 10) as u8,
        b'-',
        b'0' + (m / 10) as u8,
        b'0' + (m % 10) as u8,
        b'-',
        b'0' + (day / 10) as u8,
        b'0' + (day % 10) as u8,
    ];
    out.push_str(std::str::from_utf8(&digits).unwrap_or_default());
}

/// How a result presents itself in table and CSV form. JSON comes from `Serialize`.
///
/// Implement [`Tabular::visit_fields`] (the one list of fields); [`Tabular::fields`] collects
/// it for tables. (An implementation of `fields` alone still works, through the default
/// `visit_fields`, at the cost of a `String` per field.)
pub trait Tabular {
    /// Calls `f(key, label, value)` for every summary value, in display order: the key is the
    /// stable machine name (also the CSV column), the label what a person reads in the table.
    fn visit_fields(&self, f: &mut dyn FnMut(&'static str, &'static str, Value<'_>)) {
        for field in self.fields() {
            // Keys and labels of a `fields()`-only implementation are leaked once per distinct
            // text: the set of keys and labels of a result type is small and fixed.
            f(
                leak(&field.key),
                leak(&field.label),
                Value::Text(&field.value),
            );
        }
    }
    /// The summary values, in display order; also the CSV columns.
    fn fields(&self) -> Vec<Field> {
        let mut out = Vec::new();
        self.visit_fields(&mut |key, label, value| {
            let mut v = String::new();
            value.write_to(&mut v);
            out.push(Field {
                key: key.to_string(),
                label: label.to_string(),
                value: v,
            });
        });
        out
    }
    /// Optional detail tables for the table format.
    fn details(&self) -> Vec<Detail> {
        Vec::new()
    }
}

/// A `&'static str` for a key or label of a `fields()`-only [`Tabular`] (see there).
fn leak(s: &str) -> &'static str {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static TEXTS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut set = TEXTS
        .get_or_init(|| Mutex::new(HashSet::new()))
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(t) = set.get(s) {
        return t;
    }
    let t: &'static str = Box::leak(s.to_string().into_boxed_str());
    set.insert(t);
    t
}

/// A rendered-ready result of one command: type-erased so that the binary and batch mode can
/// treat every command alike. The result stays the typed value (serialised when written, never
/// copied into a JSON tree); `fields` and `details` are its table form.
pub struct Report {
    pub command: String,
    /// The inputs as understood, defaults resolved (e.g. the notice date taken from the as-of date).
    pub inputs: serde_json::Value,
    pub result: Box<dyn erased_serde::Serialize + Send>,
    pub fields: Vec<Field>,
    pub details: Vec<Detail>,
    pub steps: Vec<Step>,
    pub warnings: Vec<String>,
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Report")
            .field("command", &self.command)
            .field("fields", &self.fields)
            .field("warnings", &self.warnings)
            .finish_non_exhaustive()
    }
}

impl Report {
    pub fn new<T: Serialize + Tabular + Send + 'static>(
        command: &str,
        inputs: serde_json::Value,
        outcome: Outcome<T>,
    ) -> Self {
        Report {
            command: command.to_string(),
            inputs,
            fields: outcome.result.fields(),
            details: outcome.result.details(),
            result: Box::new(outcome.result),
            steps: outcome.steps,
            warnings: outcome.warnings,
        }
    }

    /// The JSON object of the output contract, ready to serialise.
    pub fn envelope(&self) -> Envelope<'_> {
        Envelope {
            row: None,
            command: &self.command,
            inputs: &self.inputs,
            result: &*self.result,
            steps: &self.steps,
            warnings: &self.warnings,
        }
    }
}

/// The JSON object of the output contract (DESIGN.md): `schema_version`, `command`, `inputs`,
/// `result`, `steps`, `warnings`; a batch row puts `row`, `status` and `error` (null) first.
/// Serialised straight from the typed result: the one JSON exporter of single calls and batch.
pub struct Envelope<'a> {
    /// A batch row's number.
    pub row: Option<u64>,
    pub command: &'a str,
    pub inputs: &'a serde_json::Value,
    pub result: &'a dyn erased_serde::Serialize,
    pub steps: &'a [Step],
    pub warnings: &'a [String],
}

impl Serialize for Envelope<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        if let Some(row) = self.row {
            m.serialize_entry("row", &row)?;
            m.serialize_entry("status", "ok")?;
            m.serialize_entry("error", &())?;
        }
        m.serialize_entry("schema_version", &SCHEMA_VERSION)?;
        m.serialize_entry("command", self.command)?;
        m.serialize_entry("inputs", self.inputs)?;
        m.serialize_entry("result", self.result)?;
        m.serialize_entry("steps", self.steps)?;
        m.serialize_entry("warnings", self.warnings)?;
        m.end()
    }
}

/// A batch row that failed, as JSON: `row`, `status` (`error`), `error`, `schema_version`,
/// `command`.
#[derive(Serialize)]
pub struct ErrorRow<'a> {
    pub row: u64,
    pub status: &'static str,
    pub error: &'a str,
    pub schema_version: u32,
    pub command: &'a str,
}

impl<'a> ErrorRow<'a> {
    pub fn new(row: u64, error: &'a str, command: &'a str) -> Self {
        ErrorRow {
            row,
            status: "error",
            error,
            schema_version: SCHEMA_VERSION,
            command,
        }
    }
}

/// Quotes a CSV field when it needs it (RFC 4180): a comma, quote or line break.
pub fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    // A byte scan: the four characters are ASCII, and much faster to find than a char pattern.
    if s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        std::borrow::Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Appends `s` as a CSV field to `out`, quoted when it needs it (as [`csv_field`]), without an
/// intermediate string.
pub fn push_csv_field(out: &mut Vec<u8>, s: &str) {
    if s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push(b'"');
        for part in s.split_inclusive('"') {
            out.extend_from_slice(part.as_bytes());
            if part.ends_with('"') {
                out.push(b'"');
            }
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(s.as_bytes());
    }
}

/// A listing (providers, rates): several rows with the same columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    pub command: String,
    /// (key, label) per column.
    pub columns: Vec<(String, String)>,
    pub rows: Vec<Vec<String>>,
    /// The JSON `result` (normally an array of objects).
    pub result: serde_json::Value,
    /// Lines printed under the table (e.g. the coverage of a rate table).
    pub notes: Vec<String>,
    pub warnings: Vec<String>,
}

impl Listing {
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "schema_version": SCHEMA_VERSION,
            "command": self.command,
            "result": self.result,
            "notes": self.notes,
            "warnings": self.warnings,
        })
    }
}

/// Formats a boolean for tables and CSV.
pub fn yes_no(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

#[cfg(test)]
mod csv_tests {
    use super::{csv_field, push_csv_field};

    #[test]
    fn pushing_a_field_gives_the_quoted_form() {
        for s in [
            "",
            "plain",
            "a,b",
            "say \"hi\"",
            "\"",
            "line\nbreak",
            "cr\r",
            "end\"",
        ] {
            let mut out = Vec::new();
            push_csv_field(&mut out, s);
            assert_eq!(String::from_utf8(out).unwrap(), csv_field(s), "{s:?}");
        }
    }
}
