//! Batch mode: `--input FILE` runs a calculation command once per row of a CSV or JSON Lines
//! file and writes one result per row, in input order, as the rows are computed.
//!
//! Every row answers through the library's one answering function for its question
//! (`Question::answer`, which a single call uses too): the row's fields, and the command's own
//! options given on the command line, deserialise straight into the command's request type
//! (see `rows.rs`). No command line is built or parsed per row. A field error names the column
//! (`` `principal`: ... ``) where a single call names the option (`--principal`).
//!
//! Decisions (see docs/batch.md):
//! - A record is one line, except that a quoted CSV field may hold line breaks as well as
//!   commas and `""` (RFC 4180): the record then runs on to the line that closes the quote and
//!   is still one row. Blank lines are not rows. Rows are numbered 1, 2, ... in input order, so
//!   an output cut short shows it by its last row number.
//! - A line longer than [`MAX_RECORD`] bytes is that row's error; it is skipped without being
//!   held in memory. Memory stays bounded whatever the input.
//! - Faults of the whole input (unreadable file, no header, an unknown, duplicate or
//!   missing column, a column also given on the command line) stop before any row: exit 2.
//!   Faults of one row (wrong number of fields, invalid UTF-8, too long, an unknown JSON key,
//!   an invalid value) give that row `status=error` and the rest go on: exit 4 at the end
//!   (3 when a row met invalid provider or rate data).

use super::{Cli, Context, Format};
use chrono::NaiveDate;
use clap::{ArgAction, CommandFactory};
use std::borrow::Cow;
use std::collections::HashMap;
use std::ffi::OsString;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use termcalc::report::{self, csv_field, TableStyle};

/// The longest record (line) read, in bytes. Longer lines are reported as that row's error.
pub const MAX_RECORD: usize = 1 << 20;

/// CSV output: error rows held back while waiting for the first successful row, whose fields
/// make the header. When this many have piled up, the header is written without result columns.
const PENDING_LIMIT: usize = 10_000;

/// Commands that do not take `--input`.
const NOT_BATCH: &[&str] = &["providers", "rates", "completions", "man", "help"];

/// The format of an `--input` file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// A header line naming the options (`principal,due,until,kind`), then one row per line.
    Csv,
    /// One JSON object per line with the options as keys (`{"principal": "100.00", ...}`).
    Jsonl,
}

/// True when the command line asks for batch mode (`--input` before any `--`), and is not a
/// request for help or the version (those go to clap as usual).
pub fn wants_batch(args: &[OsString]) -> bool {
    let mut found = false;
    for a in args.iter().skip(1) {
        let Some(s) = a.to_str() else { continue };
        match s {
            "--" => break,
            "-h" | "--help" | "-V" | "--version" => return false,
            _ if s == "--input" || s.starts_with("--input=") => found = true,
            _ => {}
        }
    }
    found
}

/// Runs a batch and returns the exit code. Messages go to stderr.
pub fn run(args: Vec<OsString>, today: NaiveDate) -> ExitCode {
    let mut batch = match Batch::setup(args, today) {
        Ok(b) => b,
        Err(msg) => return input_error(&msg),
    };
    let stdout = io::stdout();
    let style = TableStyle {
        boxed: stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        width: 80,
    };
    let mut out = RowWriter::new(
        io::BufWriter::with_capacity(1 << 16, stdout.lock()),
        batch.format,
        style,
        batch.command.clone(),
    );
    let result = batch.process(&mut out).and_then(|()| out.finish());
    match result {
        Ok(()) => {}
        Err(Stop::Input(msg)) => {
            let _ = out.finish();
            return input_error(&msg);
        }
        Err(Stop::Io(e)) => return super::write_failed(&e),
    }
    batch.summary()
}

fn input_error(msg: &str) -> ExitCode {
    super::say(msg);
    ExitCode::from(2)
}

/// Why processing stopped early.
#[derive(Debug)]
pub(crate) enum Stop {
    /// A fault of the whole input (exit 2).
    Input(String),
    /// Writing the output failed (a closed pipe ends quietly).
    Io(io::Error),
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Self {
        Stop::Io(e)
    }
}

/// One option a row may set: a long option of the command (or `--as-of`).
#[derive(Debug, Clone)]
pub(crate) struct Column {
    /// The long name without dashes, e.g. `term-months`.
    pub long: String,
    /// May be repeated (`payment`, `claim`): JSON arrays, or CSV values separated by `;`.
    pub multiple: bool,
    pub required: bool,
    /// Other long names of the option (`discovered` for `known-date`), accepted as columns.
    pub aliases: Vec<String>,
}

struct Batch {
    command: String,
    format: Format,
    explain: bool,
    input_format: InputFormat,
    reader: BufReader<Box<dyn Read + Send>>,
    input_name: String,
    /// Long names given on the command line (a column may not repeat them).
    base_given: Vec<String>,
    columns: Vec<Column>,
    by_name: HashMap<String, usize>,
    ctx: Context,
    /// The command's own options given on the command line, as (column, text): every row of a
    /// typed command starts from them.
    base_pairs: Vec<(usize, String)>,
    rows: u64,
    failed: u64,
    data_error: bool,
    line: Vec<u8>,
}

impl Batch {
    fn setup(args: Vec<OsString>, today: NaiveDate) -> Result<Batch, String> {
        // Parse the command line with every option optional: it names the command and the
        // global options and catches typos once, before any row; the rows supply the rest.
        let mut permissive = Cli::command().mut_subcommands(|sc| {
            let groups: Vec<String> = sc.get_groups().map(|g| g.get_id().to_string()).collect();
            let mut sc = sc.mut_args(|a| a.required(false));
            for g in groups {
                sc = sc.mut_group(g, |g| g.required(false));
            }
            sc
        });
        let m = match permissive.try_get_matches_from_mut(args.iter()) {
            Ok(m) => m,
            // An option that `requires` another one the rows give (e.g. `--principal` on the
            // command line, `due` in a column): read what is there; the rows are checked in full.
            Err(e) if e.kind() == clap::error::ErrorKind::MissingRequiredArgument => permissive
                .ignore_errors(true)
                .try_get_matches_from(args.iter())
                .map_err(|e| clap_message(&e))?,
            Err(e) => return Err(clap_message(&e)),
        };
        let Some((command, _)) = m.subcommand() else {
            return Err(
                "--input needs a command, e.g. termcalc interest --input claims.csv".into(),
            );
        };
        let command = command.to_string();
        if NOT_BATCH.contains(&command.as_str()) {
            return Err(format!(
                "--input works with the calculation commands (end-date, buyout, interest, \
                 collection-costs, liability, outage, quote), not with `{command}`"
            ));
        }
        let format = m
            .get_one::<Format>("format")
            .copied()
            .unwrap_or(Format::Table);
        let explain = m.get_flag("explain");
        let Some(input) = m.get_one::<PathBuf>("input").cloned() else {
            return Err("--input: give a file name, or - for stdin".into());
        };
        let explicit = m.get_one::<InputFormat>("input_format").copied();

        let parser = Cli::command();
        let columns = command_columns(&parser, &command);
        let mut by_name = HashMap::new();
        for (i, c) in columns.iter().enumerate() {
            by_name.insert(c.long.clone(), i);
            for a in &c.aliases {
                by_name.insert(a.clone(), i);
            }
        }
        let (_, base_given) = strip_input_options(&args);
        let ctx = Context::from_globals(
            m.get_one::<NaiveDate>("as_of").copied().unwrap_or(today),
            format,
            explain,
            m.get_one::<PathBuf>("providers_dir").cloned(),
            m.get_one::<PathBuf>("rates").cloned(),
        );
        // The command's own options on the command line, as text, for every row.
        let mut base_pairs = Vec::new();
        if let (Some(sub), Some(sc)) = (
            m.subcommand_matches(&command),
            parser.find_subcommand(&command),
        ) {
            for a in sc.get_arguments().filter(|a| !a.is_global_set()) {
                let id = a.get_id().as_str();
                if sub.value_source(id) != Some(clap::parser::ValueSource::CommandLine) {
                    continue;
                }
                let (Some(long), Some(raw)) = (a.get_long(), sub.get_raw(id)) else {
                    continue;
                };
                let Some(&c) = by_name.get(long) else {
                    continue;
                };
                let values: Vec<String> = raw.map(|v| v.to_string_lossy().into_owned()).collect();
                base_pairs.push((c, values.join(";")));
            }
        }

        let (source, input_name): (Box<dyn Read + Send>, String) = if input.as_os_str() == "-" {
            (Box::new(io::stdin()), "stdin".to_string())
        } else {
            let name = input.display().to_string();
            if input.is_dir() {
                return Err(format!("--input: {name} is a directory; give a file"));
            }
            let f = std::fs::File::open(&input).map_err(|e| {
                format!(
                    "--input: cannot open {name}: {}",
                    termcalc::terms::io_reason(&e)
                )
            })?;
            (Box::new(f), name)
        };
        let mut reader = BufReader::with_capacity(1 << 16, source);
        let input_format = match explicit.or_else(|| format_from_extension(&input)) {
            Some(f) => f,
            None => sniff(&mut reader).map_err(|e| read_error(&input_name, &e))?,
        };
        Ok(Batch {
            command,
            format,
            explain,
            input_format,
            reader,
            input_name,
            base_given,
            columns,
            by_name,
            ctx,
            base_pairs,
            rows: 0,
            failed: 0,
            data_error: false,
            line: Vec::with_capacity(1024),
        })
    }

    /// The accepted column names, for messages.
    fn accepted(&self) -> String {
        self.columns
            .iter()
            .map(|c| c.long.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn process<W: Write>(&mut self, out: &mut RowWriter<W>) -> Result<(), Stop> {
        match self.input_format {
            InputFormat::Csv => self.process_csv(out),
            InputFormat::Jsonl => self.process_jsonl(out),
        }
    }

    /// Reads the next record into `self.line` (a line of JSON Lines; a CSV record, which a
    /// quoted line break continues), flushing the output first when the read may block (so a
    /// pipeline sees each result as soon as it exists).
    fn next_line<W: Write>(&mut self, out: &mut RowWriter<W>) -> Result<LineRead, Stop> {
        if self.reader.buffer().is_empty() {
            out.flush()?;
        }
        match self.input_format {
            InputFormat::Csv => read_csv_record(&mut self.reader, &mut self.line, MAX_RECORD),
            InputFormat::Jsonl => read_bounded_line(&mut self.reader, &mut self.line, MAX_RECORD),
        }
        .map_err(|e| Stop::Input(read_error(&self.input_name, &e)))
    }

    fn process_csv<W: Write>(&mut self, out: &mut RowWriter<W>) -> Result<(), Stop> {
        let header = loop {
            match self.next_line(out)? {
                LineRead::Eof => {
                    return Err(Stop::Input(format!(
                        "{}: the input is empty; a CSV input starts with a header line naming \
                         the options, e.g. {}",
                        self.input_name,
                        self.example_header()
                    )))
                }
                LineRead::TooLong(n) => {
                    return Err(Stop::Input(format!(
                        "{}: the header line is {n} bytes long; lines are limited to {} bytes",
                        self.input_name, MAX_RECORD
                    )))
                }
                LineRead::Line => {
                    let line = trim_line(&self.line);
                    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
                    if is_blank(line) {
                        continue;
                    }
                    let Ok(text) = std::str::from_utf8(line) else {
                        return Err(Stop::Input(format!(
                            "{}: the header line is not valid UTF-8",
                            self.input_name
                        )));
                    };
                    let mut fields = Vec::new();
                    split_csv_line(text, &mut fields).map_err(|e| {
                        Stop::Input(format!("{}: the header line: {e}", self.input_name))
                    })?;
                    break fields
                        .into_iter()
                        .map(|f| f.into_owned())
                        .collect::<Vec<_>>();
                }
            }
        };
        let cols = self.resolve_header(&header).map_err(Stop::Input)?;
        self.typed_rows(&cols, out)
    }

    fn process_jsonl<W: Write>(&mut self, out: &mut RowWriter<W>) -> Result<(), Stop> {
        self.typed_rows(&[], out)
    }

    /// Runs the rest of the input through the batch engine, as the command's request type.
    fn typed_rows<W: Write>(&mut self, cols: &[usize], out: &mut RowWriter<W>) -> Result<(), Stop> {
        use termcalc::calc::requests::{
            BuyoutInput, CollectionInput, EndDateInput, InterestInput, LiabilityInput, OutageInput,
            QuoteInput,
        };
        match self.command.as_str() {
            "end-date" => self.run_typed::<EndDateInput, W>(cols, out),
            "buyout" => self.run_typed::<BuyoutInput, W>(cols, out),
            "interest" => self.run_typed::<InterestInput, W>(cols, out),
            "collection-costs" => self.run_typed::<CollectionInput, W>(cols, out),
            "liability" => self.run_typed::<LiabilityInput, W>(cols, out),
            "outage" => self.run_typed::<OutageInput, W>(cols, out),
            "quote" => self.run_typed::<QuoteInput, W>(cols, out),
            other => Err(Stop::Input(format!("`{other}` does not take --input"))),
        }
    }

    fn run_typed<Q: super::Asked, W: Write>(
        &mut self,
        cols: &[usize],
        out: &mut RowWriter<W>,
    ) -> Result<(), Stop> {
        let reader = std::mem::replace(
            &mut self.reader,
            BufReader::new(Box::new(io::empty()) as Box<dyn Read + Send>),
        );
        let ctx = &self.ctx;
        let json = |text: &str| {
            json_pairs(
                text,
                &self.columns,
                &self.by_name,
                &self.base_given,
                &self.command,
            )
        };
        let plan = super::rows::Plan {
            ctx,
            format: self.format,
            explain: self.explain,
            style: out.style(),
            command: &self.command,
            input: self.input_format,
            columns: &self.columns,
            cols,
            base: &self.base_pairs,
            json: &json,
        };
        let counts = super::rows::run::<Q, W>(&plan, reader, self.rows + 1, out, &self.input_name)?;
        self.rows += counts.rows;
        self.failed += counts.failed;
        self.data_error |= counts.data_error;
        Ok(())
    }

    /// Maps header names to columns; every fault here is the whole input's.
    fn resolve_header(&self, header: &[String]) -> Result<Vec<usize>, String> {
        let mut cols = Vec::with_capacity(header.len());
        for (i, name) in header.iter().enumerate() {
            let norm = normalize(name);
            if norm.is_empty() {
                return Err(format!(
                    "{}: column {} of the header has no name; the header names the options, \
                     e.g. {}",
                    self.input_name,
                    i + 1,
                    self.example_header()
                ));
            }
            let Some(&c) = self.by_name.get(&norm) else {
                return Err(format!(
                    "{}: unknown column `{}`; {} accepts {}",
                    self.input_name,
                    name.trim(),
                    self.command,
                    self.accepted()
                ));
            };
            let col = &self.columns[c];
            if cols.contains(&c) && !col.multiple {
                return Err(format!(
                    "{}: the column `{}` appears twice in the header",
                    self.input_name, col.long
                ));
            }
            if self.base_given.contains(&col.long) {
                return Err(format!(
                    "{}: the column `{}` is also given on the command line as --{}; give it \
                     in one place",
                    self.input_name,
                    name.trim(),
                    col.long
                ));
            }
            cols.push(c);
        }
        for (i, col) in self.columns.iter().enumerate() {
            if col.required && !cols.contains(&i) && !self.base_given.contains(&col.long) {
                return Err(format!(
                    "{}: the input has no `{}` column and --{} is not on the command line; {} \
                     needs it",
                    self.input_name, col.long, col.long, self.command
                ));
            }
        }
        Ok(cols)
    }

    fn example_header(&self) -> String {
        let required: Vec<&str> = self
            .columns
            .iter()
            .filter(|c| c.required)
            .map(|c| c.long.as_str())
            .collect();
        if required.is_empty() {
            self.accepted().replace(", ", ",")
        } else {
            required.join(",")
        }
    }

    fn summary(&self) -> ExitCode {
        if self.rows == 0 {
            super::say(&format!("{}: the input has no rows", self.input_name));
            return ExitCode::SUCCESS;
        }
        if self.failed == 0 {
            return ExitCode::SUCCESS;
        }
        let r#where = if self.format == Format::Table {
            "see the rows marked error"
        } else {
            "see the status and error columns"
        };
        super::say(&format!(
            "{} of {} rows failed; {where}",
            self.failed, self.rows
        ));
        ExitCode::from(if self.data_error { 3 } else { 4 })
    }
}

/// The columns a command accepts: its long options, plus `as-of`.
fn command_columns(cli: &clap::Command, command: &str) -> Vec<Column> {
    let mut cols = Vec::new();
    if let Some(sc) = cli.find_subcommand(command) {
        for a in sc.get_arguments() {
            let Some(long) = a.get_long() else { continue };
            if a.is_global_set() || matches!(long, "help" | "version") {
                continue;
            }
            cols.push(Column {
                long: long.to_string(),
                multiple: matches!(a.get_action(), ArgAction::Append),
                required: a.is_required_set(),
                aliases: a
                    .get_all_aliases()
                    .unwrap_or_default()
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
            });
        }
    }
    cols.push(Column {
        long: "as-of".into(),
        multiple: false,
        required: false,
        aliases: Vec::new(),
    });
    cols
}

/// The command line without `--input` and `--input-format` (and their values), and the long
/// options it gives.
fn strip_input_options(args: &[OsString]) -> (Vec<OsString>, Vec<String>) {
    let mut base = Vec::with_capacity(args.len());
    let mut given = Vec::new();
    let mut i = 0;
    let mut after_dashes = false;
    while i < args.len() {
        let a = &args[i];
        if i > 0 && !after_dashes {
            if let Some(s) = a.to_str() {
                if s == "--" {
                    after_dashes = true;
                } else if s == "--input" || s == "--input-format" {
                    i += 2;
                    continue;
                } else if s.starts_with("--input=") || s.starts_with("--input-format=") {
                    i += 1;
                    continue;
                } else if let Some(name) = s.strip_prefix("--") {
                    let name = name.split('=').next().unwrap_or(name);
                    given.push(name.to_string());
                }
            }
        }
        base.push(a.clone());
        i += 1;
    }
    (base, given)
}

fn format_from_extension(path: &Path) -> Option<InputFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "csv" => Some(InputFormat::Csv),
        "jsonl" | "ndjson" | "json" => Some(InputFormat::Jsonl),
        _ => None,
    }
}

/// Without a hint: JSON Lines when the first thing in the input is `{`, else CSV.
fn sniff(reader: &mut BufReader<Box<dyn Read + Send>>) -> io::Result<InputFormat> {
    let buf = loop {
        match reader.fill_buf() {
            Ok(b) => break b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    };
    let buf = buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(buf);
    let first = buf.iter().find(|b| !b.is_ascii_whitespace());
    Ok(if first == Some(&b'{') {
        InputFormat::Jsonl
    } else {
        InputFormat::Csv
    })
}

fn read_error(name: &str, e: &io::Error) -> String {
    format!(
        "--input: cannot read {name}: {}",
        termcalc::terms::io_reason(e)
    )
}

pub(crate) fn field_count_error(got: usize, want: usize) -> String {
    format!("the row has {got} fields but the header has {want} columns")
}

pub(crate) fn too_long(n: u64) -> String {
    format!("the row is {n} bytes long; rows are limited to {MAX_RECORD} bytes (1 MiB)")
}

pub(crate) fn not_utf8(e: &std::str::Utf8Error) -> String {
    format!(
        "the row is not valid UTF-8 (at byte {} of the line); save the file as UTF-8",
        e.valid_up_to() + 1
    )
}

/// An option name as written in a header or JSON key: `--term_months` → `term-months`.
fn normalize(name: &str) -> String {
    name.trim()
        .trim_start_matches('-')
        .replace('_', "-")
        .to_ascii_lowercase()
}

/// One JSON Lines row: its keys in order, each with the exact text of its value. Unlike a
/// `serde_json::Value` (a map, in which a repeated key silently replaces the first, and whose
/// numbers pass through f64 unless a global feature is set), this keeps both.
struct JsonRow<'a>(Vec<(String, &'a serde_json::value::RawValue)>);

impl<'de: 'a, 'a> serde::Deserialize<'de> for JsonRow<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visit<'a> {
            type Value = JsonRow<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> Result<Self::Value, M::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value: &'de serde_json::value::RawValue = map.next_value()?;
                    entries.push((key, value));
                }
                Ok(JsonRow(entries))
            }
        }
        d.deserialize_map(Visit(std::marker::PhantomData))
    }
}

/// The (column, text) pairs of one JSON Lines row of a typed command, after the key checks (an
/// unknown key, a key twice under any spelling, a key also on the command line). A list (of a
/// repeatable option) becomes one `;`-separated text, as a CSV cell gives it.
fn json_pairs(
    text: &str,
    columns: &[Column],
    by_name: &HashMap<String, usize>,
    base_given: &[String],
    command: &str,
) -> Result<Vec<(usize, String)>, String> {
    let JsonRow(entries) = match serde_json::from_str::<JsonRow>(text) {
        Ok(row) => row,
        Err(e) if e.is_data() => {
            return Err(
                "the line is not a JSON object; write one {\"option\": value, ...} \
                        object per line"
                    .into(),
            )
        }
        Err(e) => return Err(format!("the line is not valid JSON: {e}")),
    };
    let accepted = || {
        columns
            .iter()
            .map(|c| c.long.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut pairs = Vec::with_capacity(entries.len());
    let mut seen: Vec<(usize, &str)> = Vec::with_capacity(entries.len());
    for (key, v) in &entries {
        let Some(&c) = by_name.get(&normalize(key)) else {
            return Err(format!(
                "unknown key `{}`; {command} accepts {}",
                termcalc::error::echo(key),
                accepted()
            ));
        };
        let col = &columns[c];
        if let Some((_, first)) = seen.iter().find(|(i, _)| *i == c) {
            return Err(format!(
                "the key `{}` appears twice in the row (as `{}` and `{}`); give each option \
                 once{}",
                col.long,
                termcalc::error::echo(first),
                termcalc::error::echo(key),
                if col.multiple {
                    ", with a list for several values"
                } else {
                    ""
                }
            ));
        }
        seen.push((c, key));
        if base_given.contains(&col.long) {
            return Err(format!(
                "`{}` is also given on the command line as --{}; give it in one place",
                termcalc::error::echo(key),
                col.long
            ));
        }
        match json_text(v.get()) {
            JsonText::List if col.multiple => {
                let items: Vec<&serde_json::value::RawValue> =
                    serde_json::from_str(v.get()).map_err(|e| format!("`{key}`: {e}"))?;
                let mut texts = Vec::with_capacity(items.len());
                for item in items {
                    texts.push(json_scalar(key, item.get())?);
                }
                pairs.push((c, texts.join(";")));
            }
            JsonText::List => return Err(format!("`{key}` takes one value, not a list")),
            _ => pairs.push((c, json_scalar(key, v.get())?)),
        }
    }
    Ok(pairs)
}

/// What kind of JSON value a (valid) JSON text is, by its first character.
#[derive(PartialEq)]
enum JsonText {
    Str,
    List,
    Object,
    Other,
}

fn json_text(raw: &str) -> JsonText {
    match raw.trim_start().as_bytes().first() {
        Some(b'"') => JsonText::Str,
        Some(b'[') => JsonText::List,
        Some(b'{') => JsonText::Object,
        _ => JsonText::Other,
    }
}

/// A JSON value's text as option text: a string unquoted, a number exactly as written, true or
/// false, null as empty (the option's default applies).
fn json_scalar(key: &str, raw: &str) -> Result<String, String> {
    match json_text(raw) {
        JsonText::Str => serde_json::from_str::<String>(raw).map_err(|e| format!("`{key}`: {e}")),
        JsonText::List | JsonText::Object => Err(format!(
            "`{key}`: give a string, number or true/false, not a nested object or list"
        )),
        JsonText::Other => {
            let t = raw.trim();
            Ok(if t == "null" {
                String::new()
            } else {
                t.to_string()
            })
        }
    }
}

/// clap's error as one line (its first paragraph), without the `error: ` prefix.
fn clap_message(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    let first: Vec<&str> = rendered
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    let msg = first.join(" ");
    msg.strip_prefix("error: ").unwrap_or(&msg).to_string()
}

/// The line without its line ending.
pub(crate) fn trim_line(line: &[u8]) -> &[u8] {
    let l = line.strip_suffix(b"\n").unwrap_or(line);
    l.strip_suffix(b"\r").unwrap_or(l)
}

pub(crate) fn is_blank(line: &[u8]) -> bool {
    line.iter().all(u8::is_ascii_whitespace)
}

/// What `read_bounded_line` found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRead {
    Eof,
    /// A line (in the buffer, with its `\n` when it had one).
    Line,
    /// A line longer than the cap; it was consumed but not kept. Its length in bytes.
    TooLong(u64),
}

/// Reads one line of at most `cap` bytes into `buf`. A longer line is read to its end and
/// dropped, so memory stays bounded whatever the input holds.
pub fn read_bounded_line<R: BufRead>(
    r: &mut R,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<LineRead> {
    buf.clear();
    let mut total: u64 = 0;
    let mut over = false;
    loop {
        let avail = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok(if total == 0 {
                LineRead::Eof
            } else if over || total > cap as u64 {
                buf.clear();
                LineRead::TooLong(total)
            } else {
                LineRead::Line
            });
        }
        let (take, done) = match avail.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        total = total.saturating_add(take as u64);
        if !over {
            if buf.len() + take > cap + 1 {
                // + 1: the cap counts the content, not the `\n`.
                over = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&avail[..take]);
            }
        }
        r.consume(take);
        if done {
            let content = total - 1;
            return Ok(if over || content > cap as u64 {
                buf.clear();
                LineRead::TooLong(content)
            } else {
                LineRead::Line
            });
        }
    }
}

/// Reads one CSV record of at most `cap` bytes into `buf`: a line, or several when a quoted
/// field holds a line break (RFC 4180), so that such a record stays one row. A longer record is
/// read to its end and dropped, as [`read_bounded_line`] does, so memory stays bounded. A quote
/// opens a quoted field only at the start of a field (after a comma or at the start of the
/// record), as [`split_csv_line`] reads it; inside it `""` is a quote and a lone `"` closes it.
/// A quote never closed runs to the end of the input, which is then that one row's error.
pub fn read_csv_record<R: BufRead>(
    r: &mut R,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<LineRead> {
    buf.clear();
    let mut total: u64 = 0;
    let mut over = false;
    // Quote state, carried from one buffer fill to the next.
    let mut quoted = false;
    let mut pending = false; // a `"` inside a quoted field: a close, or the first of `""`
    let mut prev: Option<u8> = None;
    loop {
        let avail = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok(if total == 0 {
                LineRead::Eof
            } else if over || total > cap as u64 {
                buf.clear();
                LineRead::TooLong(total)
            } else {
                LineRead::Line
            });
        }
        let mut i = 0;
        let mut end = None;
        while i < avail.len() {
            if quoted {
                if pending {
                    pending = false;
                    if avail[i] == b'"' {
                        i += 1; // `""`: a quote inside the field
                    } else {
                        quoted = false; // the `"` before closed the field
                    }
                    continue;
                }
                match avail[i..].iter().position(|&b| b == b'"') {
                    Some(j) => {
                        pending = true;
                        i += j + 1;
                    }
                    None => i = avail.len(),
                }
            } else {
                match avail[i..].iter().position(|&b| b == b'\n' || b == b'"') {
                    None => i = avail.len(),
                    Some(j) if avail[i + j] == b'\n' => {
                        end = Some(i + j + 1);
                        break;
                    }
                    Some(j) => {
                        let k = i + j;
                        let before = if k > 0 { Some(avail[k - 1]) } else { prev };
                        quoted = matches!(before, None | Some(b','));
                        i = k + 1;
                    }
                }
            }
        }
        let take = end.unwrap_or(avail.len());
        prev = avail[..take].last().copied().or(prev);
        total = total.saturating_add(take as u64);
        if !over {
            if buf.len() + take > cap + 1 {
                // + 1: the cap counts the content, not the `\n`.
                over = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&avail[..take]);
            }
        }
        r.consume(take);
        if end.is_some() {
            let content = total - 1;
            return Ok(if over || content > cap as u64 {
                buf.clear();
                LineRead::TooLong(content)
            } else {
                LineRead::Line
            });
        }
    }
}

/// Splits one CSV record into fields (RFC 4180). A field in double quotes may hold commas,
/// line breaks (see [`read_csv_record`]) and `""` for a quote.
pub fn split_csv_line<'a>(line: &'a str, out: &mut Vec<Cow<'a, str>>) -> Result<(), String> {
    out.clear();
    let b = line.as_bytes();
    let mut i = 0;
    loop {
        if b.get(i) == Some(&b'"') {
            let mut s = String::new();
            i += 1;
            let mut start = i;
            loop {
                match b[i..].iter().position(|&c| c == b'"') {
                    None => {
                        return Err(format!(
                            "field {} opens a quote that is never closed (a quoted field runs \
                             on to its closing quote, over line breaks too)",
                            out.len() + 1
                        ))
                    }
                    Some(j) => {
                        let q = i + j;
                        s.push_str(&line[start..q]);
                        if b.get(q + 1) == Some(&b'"') {
                            s.push('"');
                            i = q + 2;
                            start = i;
                        } else {
                            i = q + 1;
                            break;
                        }
                    }
                }
            }
            out.push(Cow::Owned(s));
            match b.get(i) {
                None => return Ok(()),
                Some(b',') => i += 1,
                Some(_) => {
                    return Err(format!(
                        "field {} has text after its closing quote; quote the whole field",
                        out.len()
                    ))
                }
            }
        } else {
            match b[i..].iter().position(|&c| c == b',') {
                None => {
                    out.push(Cow::Borrowed(&line[i..]));
                    return Ok(());
                }
                Some(j) => {
                    out.push(Cow::Borrowed(&line[i..i + j]));
                    i += j + 1;
                }
            }
        }
    }
}

/// Writes one result per row in the chosen format.
pub(crate) struct RowWriter<W: Write> {
    pub(crate) w: W,
    format: Format,
    style: TableStyle,
    command: String,
    /// CSV: the result columns, once known.
    header: Option<Vec<String>>,
    pending: Vec<(u64, String)>,
}

impl<W: Write> RowWriter<W> {
    pub(crate) fn new(w: W, format: Format, style: TableStyle, command: String) -> Self {
        RowWriter {
            w,
            format,
            style,
            command,
            header: None,
            pending: Vec::new(),
        }
    }

    pub(crate) fn style(&self) -> TableStyle {
        self.style
    }

    pub(crate) fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }

    /// CSV: writes the header (with the given result columns) and any rows held back.
    pub(crate) fn csv_header(&mut self, keys: Vec<String>) -> io::Result<()> {
        self.w.write_all(b"row,status,error")?;
        for k in &keys {
            write!(self.w, ",{}", csv_field(k))?;
        }
        self.w.write_all(b",warnings\n")?;
        self.header = Some(keys);
        for (row, msg) in std::mem::take(&mut self.pending) {
            self.csv_error_row(row, &msg)?;
        }
        Ok(())
    }

    fn csv_error_row(&mut self, row: u64, msg: &str) -> io::Result<()> {
        let empties = self.header.as_ref().map_or(0, Vec::len) + 1;
        write!(self.w, "{row},error,{}", csv_field(msg))?;
        for _ in 0..empties {
            self.w.write_all(b",")?;
        }
        self.w.write_all(b"\n")
    }

    /// CSV: one ok row from a result's fields and warnings (no report needed).
    pub(crate) fn ok_csv(
        &mut self,
        row: u64,
        fields: &[report::Field],
        warnings: &[String],
    ) -> io::Result<()> {
        if self.header.is_none() {
            self.csv_header(fields.iter().map(|f| f.key.clone()).collect())?;
        }
        let keys = self.header.as_deref().unwrap_or(&[]);
        let mut warnings = warnings.to_vec();
        write!(self.w, "{row},ok,")?;
        for k in keys {
            let v = fields.iter().find(|f| &f.key == k).map_or("", |f| &f.value);
            write!(self.w, ",{}", csv_field(v))?;
        }
        for f in fields {
            if !keys.contains(&f.key) {
                warnings.push(format!("extra field {}={}", f.key, f.value));
            }
        }
        writeln!(
            self.w,
            ",{}",
            csv_field(&termcalc::report::warnings_cell(&warnings))
        )
    }

    /// Rows as a worker of the batch engine wrote them. CSV: ok lines whose result columns are
    /// `keys`. The first ones make the header; should the header have been written with other
    /// columns (many failed rows before the first good one), each line is read back and its
    /// values put under the header's columns, as [`RowWriter::ok_csv`] does.
    pub(crate) fn ok_csv_lines(&mut self, lines: &[u8], keys: &[&'static str]) -> io::Result<()> {
        if lines.is_empty() {
            return Ok(());
        }
        if self.format != Format::Csv {
            // JSON and table rows are complete as the worker wrote them.
            return self.w.write_all(lines);
        }
        if self.header.is_none() {
            self.csv_header(keys.iter().map(|k| k.to_string()).collect())?;
        }
        if self
            .header
            .as_deref()
            .is_some_and(|h| h.iter().map(String::as_str).eq(keys.iter().copied()))
        {
            return self.w.write_all(lines);
        }
        for line in lines.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            let text = String::from_utf8_lossy(line);
            let mut cells = Vec::new();
            if split_csv_line(&text, &mut cells).is_err() || cells.len() != keys.len() + 4 {
                continue;
            }
            let row: u64 = cells[0].parse().unwrap_or(0);
            let fields: Vec<report::Field> = keys
                .iter()
                .zip(&cells[3..3 + keys.len()])
                .map(|(k, v)| report::Field::new(k, k, v))
                .collect();
            let warnings: Vec<String> = cells[3 + keys.len()]
                .split(" | ")
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            self.ok_csv(row, &fields, &warnings)?;
        }
        Ok(())
    }

    pub(crate) fn error(&mut self, row: u64, msg: &str) -> io::Result<()> {
        match self.format {
            Format::Csv => {
                if self.header.is_some() {
                    self.csv_error_row(row, msg)
                } else {
                    self.pending.push((row, msg.to_string()));
                    if self.pending.len() >= PENDING_LIMIT {
                        self.csv_header(Vec::new())?;
                    }
                    Ok(())
                }
            }
            Format::Json => {
                let obj = report::ErrorRow::new(row, msg, &self.command);
                serde_json::to_writer(&mut self.w, &obj).map_err(io::Error::from)?;
                self.w.write_all(b"\n")
            }
            Format::Table => writeln!(self.w, "row {row}: error: {msg}\n"),
        }
    }

    /// Writes what is held back and flushes.
    fn finish(&mut self) -> Result<(), Stop> {
        if self.format == Format::Csv && self.header.is_none() && !self.pending.is_empty() {
            self.csv_header(Vec::new())?;
        }
        self.w.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Result<Vec<String>, String> {
        let mut v = Vec::new();
        split_csv_line(s, &mut v)?;
        Ok(v.into_iter().map(Cow::into_owned).collect())
    }

    #[test]
    fn splits_plain_and_quoted_fields() {
        assert_eq!(split("a,b,c").unwrap(), ["a", "b", "c"]);
        assert_eq!(split("").unwrap(), [""]);
        assert_eq!(split("a,").unwrap(), ["a", ""]);
        assert_eq!(split(",").unwrap(), ["", ""]);
        assert_eq!(split("\"a,b\",c").unwrap(), ["a,b", "c"]);
        assert_eq!(split("\"say \"\"x\"\"\",\"\"").unwrap(), ["say \"x\"", ""]);
        assert_eq!(split("1234,56").unwrap(), ["1234", "56"]);
        assert_eq!(split("\"1234,56\",é").unwrap(), ["1234,56", "é"]);
    }

    #[test]
    fn rejects_open_quote_and_text_after_quote() {
        assert!(split("\"abc,d").unwrap_err().contains("never closed"));
        assert!(split("\"ab\"c,d")
            .unwrap_err()
            .contains("after its closing quote"));
    }

    #[test]
    fn bounded_lines() {
        let data = b"ab\ncdefgh\r\n\nxyz";
        let mut r = BufReader::with_capacity(2, &data[..]);
        let mut buf = Vec::new();
        assert_eq!(
            read_bounded_line(&mut r, &mut buf, 4).unwrap(),
            LineRead::Line
        );
        assert_eq!(buf, b"ab\n");
        assert_eq!(
            read_bounded_line(&mut r, &mut buf, 4).unwrap(),
            LineRead::TooLong(7)
        );
        assert!(buf.is_empty());
        assert_eq!(
            read_bounded_line(&mut r, &mut buf, 4).unwrap(),
            LineRead::Line
        );
        assert_eq!(buf, b"\n");
        assert_eq!(
            read_bounded_line(&mut r, &mut buf, 4).unwrap(),
            LineRead::Line
        );
        assert_eq!(buf, b"xyz");
        assert_eq!(
            read_bounded_line(&mut r, &mut buf, 4).unwrap(),
            LineRead::Eof
        );
    }

    #[test]
    fn line_of_exactly_the_cap_is_kept() {
        let data = b"abcd\nabcde";
        let mut r = BufReader::with_capacity(3, &data[..]);
        let mut buf = Vec::new();
        assert_eq!(
            read_bounded_line(&mut r, &mut buf, 4).unwrap(),
            LineRead::Line
        );
        assert_eq!(
            read_bounded_line(&mut r, &mut buf, 4).unwrap(),
            LineRead::TooLong(5)
        );
    }

    #[test]
    fn strips_input_options() {
        let args: Vec<OsString> = [
            "termcalc",
            "--format",
            "csv",
            "interest",
            "--input",
            "a.csv",
            "--input-format=csv",
            "--kind=consumer",
        ]
        .iter()
        .map(OsString::from)
        .collect();
        let (base, given) = strip_input_options(&args);
        assert_eq!(
            base,
            ["termcalc", "--format", "csv", "interest", "--kind=consumer"]
        );
        assert_eq!(given, ["format", "kind"]);
    }

    #[test]
    fn columns_come_from_the_command_definition() {
        let cmd = clap::Command::new("t").subcommand(
            clap::Command::new("x")
                .arg(clap::Arg::new("principal").long("principal").required(true))
                .arg(
                    clap::Arg::new("payment")
                        .long("payment")
                        .action(ArgAction::Append),
                )
                .arg(clap::Arg::new("vat").long("vat").action(ArgAction::SetTrue)),
        );
        let cols = command_columns(&cmd, "x");
        let names: Vec<&str> = cols.iter().map(|c| c.long.as_str()).collect();
        assert_eq!(names, ["principal", "payment", "vat", "as-of"]);
        assert!(cols[0].required && !cols[0].multiple);
        assert!(cols[1].multiple && !cols[2].multiple);
    }

    #[test]
    fn names_normalize() {
        assert_eq!(normalize(" Term_Months "), "term-months");
        assert_eq!(normalize("--due"), "due");
    }

    fn records(data: &[u8], capacity: usize, cap: usize) -> Vec<Result<String, u64>> {
        let mut r = BufReader::with_capacity(capacity, data);
        let mut buf = Vec::new();
        let mut out = Vec::new();
        loop {
            match read_csv_record(&mut r, &mut buf, cap).unwrap() {
                LineRead::Eof => return out,
                LineRead::Line => out.push(Ok(String::from_utf8(buf.clone()).unwrap())),
                LineRead::TooLong(n) => out.push(Err(n)),
            }
        }
    }

    #[test]
    fn a_quoted_line_break_continues_the_record() {
        let data = b"a,\"x\ny\",b\n\"q\"\"\n\"\"\",c\nd\"e,f\ng,\"h\"\r\n\"open\nto the end";
        for capacity in [1, 2, 3, 7, 64] {
            assert_eq!(
                records(data, capacity, 100),
                [
                    Ok("a,\"x\ny\",b\n".to_string()),
                    // `""` inside a quoted field is a quote, not its end.
                    Ok("\"q\"\"\n\"\"\",c\n".to_string()),
                    // A quote inside an unquoted field is a character.
                    Ok("d\"e,f\n".to_string()),
                    Ok("g,\"h\"\r\n".to_string()),
                    Ok("\"open\nto the end".to_string()),
                ],
                "buffer of {capacity}"
            );
        }
        // The cap counts the whole record; an over-long one is consumed to its end.
        assert_eq!(
            records(b"\"abc\ndef\"\nok\n", 2, 5),
            [Err(9), Ok("ok\n".to_string())]
        );
    }

    proptest::proptest! {
        #[test]
        fn records_read_what_the_csv_crate_writes(
            rows in proptest::collection::vec(
                proptest::collection::vec("[a-z ,\"\n\r0-9;.-]{0,8}", 1..5), 1..5),
            capacity in 1usize..16,
        ) {
            let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n'))
                .flexible(true).from_writer(Vec::new());
            for r in &rows {
                w.write_record(r).unwrap();
            }
            let bytes = w.into_inner().unwrap();
            let got = records(&bytes, capacity, 1 << 20);
            proptest::prop_assert_eq!(got.len(), rows.len());
            for (rec, want) in got.iter().zip(&rows) {
                let rec = rec.as_ref().unwrap();
                let line = rec.strip_suffix('\n').unwrap();
                proptest::prop_assert_eq!(&split(line).unwrap(), want);
            }
        }

        #[test]
        fn split_reads_what_the_csv_crate_writes(
            fields in proptest::collection::vec("[a-z ,\"é0-9;.-]{0,8}", 1..6)
        ) {
            let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n'))
                .from_writer(Vec::new());
            w.write_record(&fields).unwrap();
            let bytes = w.into_inner().unwrap();
            let text = String::from_utf8(bytes).unwrap();
            let line = text.strip_suffix('\n').unwrap();
            // The csv crate writes a lone empty field as `""`.
            proptest::prop_assert_eq!(split(line).unwrap(), fields);
        }
    }
}
