//! Command-line definitions (clap derive) and the glue that turns arguments into typed
//! requests. One submodule per command; each has `Args` and `run(&Args, &Context)`.

pub mod args;
pub mod batch;
pub mod buyout;
pub mod collection;
pub mod end_date;
pub mod interest;
pub mod liability;
pub mod outage;
pub mod packaging;
pub mod providers;
pub mod quote;
pub mod rates;
pub mod rows;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use rust_decimal::Decimal;
use std::path::PathBuf;
use std::sync::OnceLock;
use termcalc::error::{Error, Result};
use termcalc::report::{Listing, Report};
use termcalc::terms::{CustomerType, Provider, ProviderSet};

/// Answers from the general terms of Dutch telecom and VoIP providers, with the article behind
/// every figure.
#[derive(Debug, Parser)]
#[command(name = "termcalc", version, about, max_term_width = 100)]
#[command(
    after_help = "Dates are YYYY-MM-DD. Amounts: 1234.56 or 1234,56 (no thousands\n\
separators). Exit codes: 0 success, 2 invalid arguments or input, 3 invalid\n\
provider or rate data, 4 a batch with failed rows, 5 the output could not be\n\
written.\n\n\
Examples:\n  \
termcalc end-date --provider qupra --start 2024-03-15 --notice 2025-02-10\n  \
termcalc providers"
)]
pub struct Cli {
    /// Output format: a table for people, JSON or CSV for scripts.
    #[arg(long, global = true, help_heading = "Global options", value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// The date that stands in for "today" everywhere (YYYY-MM-DD).
    #[arg(long, global = true, help_heading = "Global options", env = "TERMCALC_AS_OF", value_name = "DATE", value_parser = date_arg)]
    pub as_of: Option<NaiveDate>,
    /// Load provider files from this directory instead of the built-in ones.
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        env = "TERMCALC_PROVIDERS_DIR",
        value_name = "DIR"
    )]
    pub providers_dir: Option<PathBuf>,
    /// Load the statutory interest rate table from this file instead of the built-in one.
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "FILE"
    )]
    pub rates: Option<PathBuf>,
    /// Show every step and the article behind it (table format; JSON always has the steps).
    #[arg(long, global = true, help_heading = "Global options")]
    pub explain: bool,
    /// Batch: run the command once per row of this CSV or JSON Lines file (`-` reads stdin).
    #[arg(long, global = true, help_heading = "Global options", value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub input: Option<PathBuf>,
    /// Batch: the format of --input (default: from the extension, else by its first line).
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_enum,
        value_name = "FORMAT"
    )]
    pub input_format: Option<batch::InputFormat>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the providers, show one provider's rules, check provider files, print their schema.
    Providers(providers::Args),
    /// Print the statutory interest rate tables (BW 6:119 and 6:119a) and their coverage.
    Rates(rates::Args),
    /// When does the contract end for a notice received on a given day?
    EndDate(end_date::Args),
    /// What does leaving before the end of the term cost?
    Buyout(buyout::Args),
    /// Late-payment interest: statutory, commercial or the provider's contractual rate.
    Interest(interest::Args),
    /// Extrajudicial collection costs (BIK scale or the provider's clause).
    CollectionCosts(collection::Args),
    /// The provider's liability ceiling for a damage, and the claim deadline.
    Liability(liability::Args),
    /// Outage compensation: the statutory minimum (Tw 7.1a) against the provider's guarantee.
    Outage(outage::Args),
    /// What leaving costs, all in: end date, buyout, open invoices with interest and collection costs.
    Quote(quote::Args),
    /// Print a shell completion script (bash, zsh or fish) to stdout.
    Completions(packaging::CompletionsArgs),
    /// Print the manual page (roff) to stdout.
    Man(packaging::ManArgs),
}

/// What a command produces.
#[derive(Debug)]
pub enum Output {
    Report(Box<Report>),
    Listing(Listing),
    /// Plain text (already formatted).
    Text(String),
    /// Text for stdout followed by an error (e.g. `providers check` with some bad files).
    TextThenError(String, Error),
}

/// Everything a command needs besides its own arguments.
pub struct Context {
    pub as_of: NaiveDate,
    pub format: Format,
    pub explain: bool,
    pub providers_dir: Option<PathBuf>,
    pub rates_file: Option<PathBuf>,
    providers: OnceLock<ProviderSet>,
    single_provider: OnceLock<Provider>,
    rate_tables: OnceLock<termcalc::law::rates::RateTables>,
}

impl Context {
    /// A context from the global options alone (a batch whose rows give the rest).
    pub fn from_globals(
        as_of: NaiveDate,
        format: Format,
        explain: bool,
        providers_dir: Option<PathBuf>,
        rates_file: Option<PathBuf>,
    ) -> Self {
        Context {
            as_of,
            format,
            explain,
            providers_dir,
            rates_file,
            providers: OnceLock::new(),
            single_provider: OnceLock::new(),
            rate_tables: OnceLock::new(),
        }
    }

    pub fn new(cli: &Cli, today: NaiveDate) -> Self {
        Context {
            as_of: cli.as_of.unwrap_or(today),
            format: cli.format,
            explain: cli.explain,
            providers_dir: cli.providers_dir.clone(),
            rates_file: cli.rates.clone(),
            providers: OnceLock::new(),
            single_provider: OnceLock::new(),
            rate_tables: OnceLock::new(),
        }
    }

    /// The provider set, loaded on first use (embedded, or `--providers-dir`).
    pub fn providers(&self) -> Result<&ProviderSet> {
        if let Some(set) = self.providers.get() {
            return Ok(set);
        }
        let set = match &self.providers_dir {
            Some(dir) => ProviderSet::from_dir(dir)?,
            None => ProviderSet::embedded()?,
        };
        for s in &set.skipped {
            say(&format!("warning: --providers-dir: skipped {s}"));
        }
        Ok(self.providers.get_or_init(|| set))
    }

    /// The statutory rate tables, loaded on first use (built in, or `--rates FILE`) and kept
    /// for every later row of a batch.
    pub fn rate_tables(&self) -> Result<&termcalc::law::rates::RateTables> {
        if let Some(t) = self.rate_tables.get() {
            return Ok(t);
        }
        let t = match &self.rates_file {
            Some(path) => termcalc::law::rates::RateTables::from_file(path)?,
            None => termcalc::law::rates::RateTables::embedded()?,
        };
        Ok(self.rate_tables.get_or_init(|| t))
    }

    /// One provider by id (exit 2 for an unknown id, 3 for broken files).
    /// With the built-in files, only the one asked for is parsed: a single calculation then
    /// does not pay for reading all five (the test suite checks all five on every run).
    pub fn provider(&self, id: &str) -> Result<&Provider> {
        if let Some(set) = self.providers.get() {
            return set.get(id);
        }
        if self.providers_dir.is_none() {
            if let Some(p) = self.single_provider.get() {
                if p.id.eq_ignore_ascii_case(id) {
                    return Ok(p);
                }
            } else if let Some(p) = ProviderSet::embedded_one(id)? {
                // Batch workers share the context: another thread may have kept a different
                // provider first, so the one kept is checked before it is returned.
                let kept = self.single_provider.get_or_init(|| p);
                if kept.id.eq_ignore_ascii_case(id) {
                    return Ok(kept);
                }
            }
        }
        self.providers()?.get(id)
    }
}

impl termcalc::calc::Env for Context {
    fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    fn provider(&self, id: &str) -> Result<&Provider> {
        Context::provider(self, id)
    }

    fn rate_tables(&self) -> Result<&termcalc::law::rates::RateTables> {
        Context::rate_tables(self)
    }
}

/// A question as the command line asks it: besides the library's answer, the JSON `inputs`
/// object of the output contract (the request as understood, defaults resolved, and where
/// each value came from, e.g. `"notice_source": "--notice"`).
/// `env` is the command line's context, or a batch row's (whose `as-of` column may differ).
pub trait Asked: termcalc::calc::Question {
    fn inputs_json(
        &self,
        env: &dyn termcalc::calc::Env,
        outcome: &termcalc::report::Outcome<Self::Answer>,
    ) -> serde_json::Value;
}

/// The full answer (steps included) as a report: a single call, and a batch row shown as JSON
/// or a table.
pub fn answer_report<Q: Asked>(q: &Q, env: &dyn termcalc::calc::Env) -> Result<Report> {
    let outcome = q.answer(env, true)?;
    let inputs = q.inputs_json(env, &outcome);
    Ok(Report::new(Q::COMMAND, inputs, outcome))
}

/// The exit code for output that could not be written (a full disk, `/dev/full`, a closed
/// file): not a bug of termcalc, so not exit 1, and not the input's fault, so not exit 2.
pub const EXIT_WRITE: u8 = 5;

/// One line on stderr, prefixed `termcalc: `. Never panics: when stderr itself cannot be
/// written there is no one left to tell, and the exit code still says what happened.
pub fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "termcalc: {line}");
}

/// The exit for a failed write to stdout: a closed pipe (`| head`) is success and silent;
/// anything else is one line on stderr and [`EXIT_WRITE`].
pub fn write_failed(e: &std::io::Error) -> std::process::ExitCode {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return std::process::ExitCode::SUCCESS;
    }
    say(&format!(
        "cannot write the output: {}",
        termcalc::terms::io_reason(e)
    ));
    std::process::ExitCode::from(EXIT_WRITE)
}

/// Runs the parsed command.
pub fn run(cli: &Cli, ctx: &Context) -> Result<Output> {
    match &cli.command {
        Command::Providers(a) => providers::run(a, ctx),
        Command::Rates(a) => rates::run(a, ctx),
        Command::EndDate(a) => end_date::run(a, ctx),
        Command::Buyout(a) => buyout::run(a, ctx),
        Command::Interest(a) => interest::run(a, ctx),
        Command::CollectionCosts(a) => collection::run(a, ctx),
        Command::Liability(a) => liability::run(a, ctx),
        Command::Outage(a) => outage::run(a, ctx),
        Command::Quote(a) => quote::run(a, ctx),
        Command::Completions(a) => packaging::completions(a),
        Command::Man(a) => packaging::man(a),
    }
}

/// clap value parser: an ISO date.
pub fn date_arg(s: &str) -> std::result::Result<NaiveDate, String> {
    termcalc::calendar::parse_date(s)
}

/// clap value parser: an amount (may be negative; commands check the sign they need).
pub fn amount_arg(s: &str) -> std::result::Result<Decimal, String> {
    termcalc::money::parse_amount(s)
}

/// clap value parser: an amount of 0 or more.
pub fn non_negative_amount_arg(s: &str) -> std::result::Result<Decimal, String> {
    termcalc::money::parse_non_negative(s)
}

/// clap value parser: an amount of more than 0.
pub fn positive_amount_arg(s: &str) -> std::result::Result<Decimal, String> {
    termcalc::money::parse_positive(s)
}

/// clap value parser: a contract term in whole months (1 to the longest term a provider file
/// may state), the same for every command that takes `--term-months`.
pub fn term_months_arg(s: &str) -> std::result::Result<u32, String> {
    termcalc::calc::requests::parse::term_months(s)
}

/// clap value parser: a customer type.
pub fn customer_arg(s: &str) -> std::result::Result<CustomerType, String> {
    s.parse()
}

/// A `Report` as command output.
pub fn report(r: Report) -> Result<Output> {
    Ok(Output::Report(Box::new(r)))
}

/// A value parser that parses with `parse` and offers `values` to shell completion (and, unless
/// the argument hides them, to `--help`). The values are computed only when asked for, so a
/// normal run does not pay for them.
#[derive(Clone)]
pub struct Completing<T: Clone + Send + Sync + 'static> {
    parse: fn(&str) -> std::result::Result<T, String>,
    values: fn() -> &'static [String],
}

impl<T: Clone + Send + Sync + 'static> Completing<T> {
    pub fn new(
        parse: fn(&str) -> std::result::Result<T, String>,
        values: fn() -> &'static [String],
    ) -> Self {
        Completing { parse, values }
    }
}

impl<T: Clone + Send + Sync + 'static> clap::builder::TypedValueParser for Completing<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> std::result::Result<T, clap::Error> {
        clap::builder::TypedValueParser::parse_ref(&self.parse, cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            (self.values)()
                .iter()
                .map(|v| clap::builder::PossibleValue::new(v.as_str())),
        ))
    }
}

/// `--provider`: any id (a `--providers-dir` may hold others); completes the built-in ids.
pub fn provider_values() -> Completing<String> {
    fn values() -> &'static [String] {
        static IDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        IDS.get_or_init(|| {
            ProviderSet::embedded()
                .map(|s| s.ids().iter().map(|i| i.to_string()).collect())
                .unwrap_or_default()
        })
    }
    Completing {
        parse: |s| Ok(s.to_string()),
        values,
    }
}

/// `--service`: any kind (checked against the provider's terms later); completes the kinds the
/// built-in providers name.
pub fn service_values() -> Completing<String> {
    fn values() -> &'static [String] {
        static KINDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        KINDS.get_or_init(|| {
            let mut kinds: Vec<String> = ProviderSet::embedded()
                .map(|set| {
                    set.iter()
                        .filter_map(|p| p.termination.as_ref())
                        .flat_map(|t| t.services.iter().map(|s| s.kind.clone()))
                        .collect()
                })
                .unwrap_or_default();
            kinds.sort();
            kinds.dedup();
            kinds
        })
    }
    Completing {
        parse: |s| Ok(s.to_string()),
        values,
    }
}

/// `--customer`: consumer, business or reseller (any case).
pub fn customer_values() -> Completing<CustomerType> {
    fn values() -> &'static [String] {
        static TYPES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        TYPES.get_or_init(|| {
            ["consumer", "business", "reseller"]
                .map(String::from)
                .to_vec()
        })
    }
    Completing {
        parse: customer_arg,
        values,
    }
}
