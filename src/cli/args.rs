//! The options that more than one calculation command takes, each declared once: its name,
//! value name, help text and value parser are the same wherever it appears. A command takes
//! them with `#[command(flatten)]`, in the place its help lists them.
//!
//! Where a command needs more of an option than the declaration says (required there, a
//! `requires` or `conflicts_with` only that command has, its own help text), the command says
//! so on its `Args` with `#[command(mut_args(args::edit(&["id"], |a| ...)))]`. Options that only
//! one command takes stay in that command's module.
//!
//! A test (below) fails when a long option of the calculation commands is declared in more than
//! one place.

use super::{date_arg, non_negative_amount_arg};
use chrono::NaiveDate;
use clap::Arg;
use rust_decimal::Decimal;
use termcalc::calc::late_payment::AgreedPer;
use termcalc::law::rates::RateKind;
use termcalc::terms::CustomerType;

/// Changes the arguments `ids` of a command with `f`, for `#[command(mut_args(...))]`.
///
/// Unlike clap's `mut_arg`, which takes the argument out and adds it again last, this leaves
/// every argument where it is: the order of the arguments is the order of the usage line, the
/// batch columns, the man page and the completions.
pub fn edit(ids: &'static [&'static str], f: fn(Arg) -> Arg) -> impl FnMut(Arg) -> Arg {
    move |a| {
        if ids.contains(&a.get_id().as_str()) {
            f(a)
        } else {
            a
        }
    }
}

/// For [`edit`]: the option is required in this command (clap then guarantees a value).
pub fn required(a: Arg) -> Arg {
    a.required(true)
}

/// `--provider`: required by every command but `interest` and `collection-costs`, which tell
/// what it does there in their own help.
#[derive(Debug, Clone, clap::Args)]
pub struct Provider {
    /// Provider id, e.g. qupra (see `termcalc providers`).
    #[arg(long, value_name = "ID", value_parser = super::provider_values(), hide_possible_values = true)]
    pub provider: Option<String>,
}

impl Provider {
    /// The id, for a command where clap requires `--provider` (empty if it were not given).
    pub fn id(&self) -> String {
        self.provider.clone().unwrap_or_default()
    }
}

/// `--customer`.
#[derive(Debug, Clone, clap::Args)]
pub struct Customer {
    /// consumer, business or reseller [default: the provider file's default].
    #[arg(long, value_name = "TYPE", value_parser = super::customer_values(), hide_possible_values = true)]
    pub customer: Option<CustomerType>,
}

/// `--service`.
#[derive(Debug, Clone, clap::Args)]
pub struct Service {
    /// Service kind where the terms differ per service (e.g. compri: dsl, voip, hosting, ...).
    #[arg(long, value_name = "KIND", value_parser = super::service_values(), hide_possible_values = true)]
    pub service: Option<String>,
}

/// `--start` (required by `buyout`).
#[derive(Debug, Clone, clap::Args)]
pub struct Start {
    /// First day of the term (delivery / ready for service), where the rules need it.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub start: Option<NaiveDate>,
}

/// `--end` (required by `buyout`).
#[derive(Debug, Clone, clap::Args)]
pub struct End {
    /// The last day the customer wants the service (the leaving day; the buyout covers the
    /// days after it).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub end: Option<NaiveDate>,
}

/// `--notice`.
#[derive(Debug, Clone, clap::Args)]
pub struct Notice {
    /// The day the provider receives the notice [default: --as-of].
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub notice: Option<NaiveDate>,
}

/// `--term-months`.
#[derive(Debug, Clone, clap::Args)]
pub struct TermMonths {
    /// The initial term agreed in the contract, in months (needed where the terms leave it to
    /// the contract or a clause depends on it).
    #[arg(long, value_name = "N", value_parser = super::term_months_arg, allow_negative_numbers = true)]
    pub term_months: Option<u32>,
}

/// `--indefinite` and `--requested-notice`: the choices the terms offer about the term and the
/// notice period (with `--term-months`, which `--indefinite` excludes).
#[derive(Debug, Clone, clap::Args)]
pub struct TermChoices {
    /// The contract was entered for an indefinite period, where the terms allow that instead of
    /// an agreed initial term (e.g. quatel, art. 10.3); excludes --term-months.
    #[arg(long, conflicts_with = "term_months")]
    pub indefinite: bool,
    /// The customer expressly asked for the longer notice period the terms offer (e.g. quatel,
    /// art. 10.3: three months instead of one).
    #[arg(long)]
    pub requested_notice: bool,
}

/// `--monthly` (required by `buyout`; `liability` and `outage` take a negative amount here and
/// refuse it with their own message).
#[derive(Debug, Clone, clap::Args)]
pub struct Monthly {
    /// Fixed recurring monthly fees of the service concerned, excluding VAT, at the contract
    /// price.
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = non_negative_amount_arg)]
    pub monthly: Option<Decimal>,
}

/// For [`edit`] on `--monthly`: any amount passes the command line, and the calculation refuses
/// a negative one with a sentence that names the option (`liability`, `outage`).
pub fn monthly_any_amount(a: Arg) -> Arg {
    a.value_parser(super::amount_arg)
        .allow_negative_numbers(false)
        .allow_hyphen_values(true)
}

/// The fee options of a buyout besides `--monthly` (`buyout`, `quote`).
#[derive(Debug, Clone, clap::Args)]
pub struct Fees {
    /// Average monthly usage charges invoiced so far, excluding VAT (where the clause counts them).
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = non_negative_amount_arg)]
    pub usage_monthly: Option<Decimal>,
    /// One-off installation or delivery fee at list price, excluding VAT.
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = non_negative_amount_arg)]
    pub one_off: Option<Decimal>,
    /// The undiscounted monthly list price, where the terms make discounts lapse after the
    /// initial term (default: --monthly, with a warning).
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = non_negative_amount_arg)]
    pub list_monthly: Option<Decimal>,
    /// The service has not been delivered yet (--start is then the day the contract was
    /// concluded).
    #[arg(long)]
    pub not_delivered: bool,
    /// The prices given (--monthly, --usage-monthly, --one-off, --list-monthly) include 21 %
    /// VAT; termcalc brings them back to prices excluding VAT.
    #[arg(long)]
    pub incl_vat: bool,
}

/// `--claim` (`interest`, `quote`).
#[derive(Debug, Clone, clap::Args)]
pub struct Claims {
    /// An open invoice or other claim: AMOUNT@DUE-DATE (the amount incl. its VAT; repeat for
    /// each invoice).
    #[arg(long, value_name = "AMOUNT@DATE", value_parser = claim_arg, allow_hyphen_values = true)]
    pub claim: Vec<(Decimal, NaiveDate)>,
}

/// `--payment` (`interest`, `quote`).
#[derive(Debug, Clone, clap::Args)]
pub struct Payments {
    /// A partial payment: DATE=AMOUNT, or DATE=AMOUNT@N to name claim N (repeatable).
    #[arg(long, value_name = "DATE=AMOUNT[@N]", value_parser = payment_arg)]
    pub payment: Vec<(NaiveDate, Decimal, Option<usize>)>,
}

/// `--until` as a day (`interest`, `quote`). `outage --until` is another option: a moment
/// (YYYY-MM-DDTHH:MM) that goes with `outage --from`.
#[derive(Debug, Clone, clap::Args)]
pub struct Until {
    /// The day of payment or of the calculation: interest (and a quote's collection costs) is
    /// counted through this day, inclusive [default: --as-of].
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub until: Option<NaiveDate>,
}

/// `--due` (`interest`, `collection-costs`).
#[derive(Debug, Clone, clap::Args)]
pub struct Due {
    /// The last day to pay the claim; interest starts the next day.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub due: Option<NaiveDate>,
}

/// `--reminder` (`interest`, `collection-costs`, `quote`).
#[derive(Debug, Clone, clap::Args)]
pub struct Reminder {
    /// The day a reminder or demand (aanmaning) was received, where the provider's terms count
    /// interest or default from it.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub reminder: Option<NaiveDate>,
}

/// `--kind`: statutory interest (`interest`, `quote`; `rates --kind` is the same word for a
/// table).
#[derive(Debug, Clone, clap::Args)]
pub struct StatutoryKind {
    /// Statutory interest instead of the provider's clause or an agreed rate: consumer (art.
    /// 6:119 BW) or commercial (art. 6:119a BW).
    #[arg(long, value_name = "KIND", value_parser = super::rates::kind_arg, conflicts_with = "rate")]
    pub kind: Option<RateKind>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PerArg {
    Year,
    Month,
}

/// `--rate` and `--per`: an agreed interest rate (`interest`, `quote`).
#[derive(Debug, Clone, clap::Args)]
pub struct AgreedRate {
    /// An agreed interest rate in percent, instead of the provider's clause or statutory
    /// interest (with --per).
    #[arg(long, value_name = "PERCENT", value_parser = percent_arg, allow_hyphen_values = true)]
    pub rate: Option<Decimal>,
    /// The period of --rate: year or month (a monthly rate counts as 12 × per year).
    #[arg(long, value_enum, value_name = "PERIOD", requires = "rate")]
    pub per: Option<PerArg>,
}

impl AgreedRate {
    /// `--per` in the library's words.
    pub fn per(&self) -> Option<AgreedPer> {
        self.per.map(|p| match p {
            PerArg::Year => AgreedPer::Year,
            PerArg::Month => AgreedPer::Month,
        })
    }
}

/// The collection-cost options besides the claims (`collection-costs`, `quote`).
#[derive(Debug, Clone, clap::Args)]
pub struct CollectionCosts {
    /// The creditor cannot deduct VAT (and has said so): add 21 % to the collection costs (BIK
    /// art. 2 lid 3).
    #[arg(long)]
    pub vat: bool,
    /// The day the consumer received the 14-day letter (BW 6:96 lid 6).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub letter_date: Option<NaiveDate>,
    /// The day the 14-day letter was posted, when the day of receipt is unknown: receipt is
    /// presumed on the second day after, not counting Sundays, Mondays and holidays.
    #[arg(long, value_name = "DATE", value_parser = date_arg, conflicts_with = "letter_date")]
    pub letter_sent: Option<NaiveDate>,
    /// The first day the debtor was in default (verzuim), e.g. the day after the due date.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub default_date: Option<NaiveDate>,
}

/// clap value parser: `AMOUNT@DATE`.
fn claim_arg(s: &str) -> std::result::Result<(Decimal, NaiveDate), String> {
    termcalc::calc::interest::parse_claim(s)
}

/// clap value parser: `DATE=AMOUNT` or `DATE=AMOUNT@N`.
fn payment_arg(s: &str) -> std::result::Result<(NaiveDate, Decimal, Option<usize>), String> {
    termcalc::calc::interest::parse_payment(s)
}

/// clap value parser: a percentage above 0 and below 100.
fn percent_arg(s: &str) -> std::result::Result<Decimal, String> {
    termcalc::calc::interest::parse_percent(s)
}

#[cfg(test)]
mod tests {
    //! Every long option (and alias) of the calculation commands is declared in one place.
    //!
    //! clap tells which options each command has; the sources under src/cli tell where each
    //! is declared (an `#[arg(...)]` with `long` on a `pub` field). A name declared in two
    //! places is a copy that can drift from the other, so the test fails on it, unless it is
    //! one of the [`NOT_THE_SAME`] pairs: the same word for options that differ in kind.
    use crate::cli::Cli;
    use clap::CommandFactory;
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    const CALCULATIONS: [&str; 7] = [
        "end-date",
        "buyout",
        "interest",
        "collection-costs",
        "liability",
        "outage",
        "quote",
    ];

    /// Files whose options belong to commands other than the calculations (the global options,
    /// `providers`, `rates`, ...) or that declare none.
    const OTHER_FILES: [&str; 6] = [
        "mod.rs",
        "batch.rs",
        "rows.rs",
        "packaging.rs",
        "providers.rs",
        "rates.rs",
    ];

    /// Names that two options of different kinds share, with the files that declare them.
    const NOT_THE_SAME: [(&str, &[&str], &str); 3] = [
        (
            "until",
            &["args.rs", "outage.rs"],
            "a day (interest, quote) or a moment YYYY-MM-DDTHH:MM with --from (outage)",
        ),
        (
            "principal",
            &["collection.rs", "interest.rs"],
            "one amount with --due (interest) or a repeatable, required amount (collection-costs)",
        ),
        (
            "discovered",
            &["liability.rs", "outage.rs"],
            "an alias of --known-date (liability) or the outage's own option (outage)",
        ),
    ];

    /// One option declaration in the sources.
    #[derive(Debug)]
    struct Declared {
        file: String,
        item: String,
        field: String,
        names: Vec<String>,
    }

    /// The text from `open` (just after a `(`) to its matching `)`, skipping string literals.
    fn balanced(text: &str, open: usize) -> Option<(String, usize)> {
        let mut depth = 1;
        let mut in_str = false;
        let mut escaped = false;
        for (i, c) in text[open..].char_indices() {
            if in_str {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => in_str = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_str = true,
                '(' | '[' => depth += 1,
                ')' | ']' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some((text[open..open + i].to_string(), open + i + 1));
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// The top-level items of an attribute (split at commas outside strings and brackets).
    fn items(attr: &str) -> Vec<String> {
        let mut out = Vec::new();
        let (mut depth, mut in_str, mut escaped, mut cur) = (0, false, false, String::new());
        for c in attr.chars() {
            if in_str {
                cur.push(c);
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => in_str = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_str = true,
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    out.push(std::mem::take(&mut cur).trim().to_string());
                    continue;
                }
                _ => {}
            }
            cur.push(c);
        }
        out.push(cur.trim().to_string());
        out.retain(|i| !i.is_empty());
        out
    }

    /// The string literals in `text`.
    fn strings(text: &str) -> Vec<String> {
        text.split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    }

    /// The identifier after `keyword` at or after `from`, e.g. the name in `pub NAME:`.
    fn ident_after(text: &str, keyword: &str) -> Option<String> {
        let rest = &text[text.find(keyword)? + keyword.len()..];
        let name: String = rest
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        (!name.is_empty()).then_some(name)
    }

    /// The long options (with aliases) declared in one source file.
    fn declared_in(file: &str, text: &str) -> Vec<Declared> {
        // Not the tests (this module's text has `#[arg(` in strings).
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(found) = text[at..].find("#[arg(") {
            let open = at + found + "#[arg(".len();
            let (attr, end) = balanced(text, open).expect("an #[arg(...)] that closes");
            at = end;
            let field = ident_after(&text[end..], "pub ").expect("a pub field after #[arg]");
            let item = text[..open]
                .rfind("pub struct ")
                .and_then(|i| ident_after(&text[i..], "pub struct "))
                .unwrap_or_default();
            let mut names = Vec::new();
            for it in items(&attr) {
                let key: String = it
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                match key.as_str() {
                    "long" if it == "long" => names.push(field.replace('_', "-")),
                    "long" | "alias" | "visible_alias" | "aliases" | "visible_aliases" => {
                        names.extend(strings(&it))
                    }
                    _ => {}
                }
            }
            if !names.is_empty() {
                out.push(Declared {
                    file: file.to_string(),
                    item,
                    field,
                    names,
                });
            }
        }
        out
    }

    /// Every declaration in src/cli outside [`OTHER_FILES`].
    fn declarations() -> Vec<Declared> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "rs"))
            .collect();
        files.sort();
        let mut out = Vec::new();
        for path in files {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if OTHER_FILES.contains(&name.as_str()) {
                continue;
            }
            out.extend(declared_in(&name, &std::fs::read_to_string(&path).unwrap()));
        }
        out
    }

    /// The long options and aliases of each calculation command, as clap builds it.
    fn options() -> BTreeMap<&'static str, BTreeSet<String>> {
        let cli = Cli::command();
        let mut out = BTreeMap::new();
        for name in CALCULATIONS {
            let sc = cli.find_subcommand(name).expect("a calculation command");
            let mut longs = BTreeSet::new();
            for a in sc.get_arguments().filter(|a| !a.is_global_set()) {
                let Some(long) = a.get_long() else { continue };
                if long == "help" {
                    continue;
                }
                longs.insert(long.to_string());
                for alias in a.get_all_aliases().unwrap_or_default() {
                    longs.insert(alias.to_string());
                }
            }
            out.insert(name, longs);
        }
        out
    }

    /// Checks `declared` against what the commands take; the faults, one per line.
    fn faults(declared: &[Declared], options: &BTreeMap<&str, BTreeSet<String>>) -> Vec<String> {
        let mut faults = Vec::new();
        let all: BTreeSet<&String> = options.values().flatten().collect();
        for name in all {
            let places: Vec<&Declared> =
                declared.iter().filter(|d| d.names.contains(name)).collect();
            let shown = places
                .iter()
                .map(|d| format!("{}: {}.{}", d.file, d.item, d.field))
                .collect::<Vec<_>>()
                .join(", ");
            let files: BTreeSet<&str> = places.iter().map(|d| d.file.as_str()).collect();
            match NOT_THE_SAME.iter().find(|(n, _, _)| n == name) {
                Some((_, expected, why)) => {
                    let expected: BTreeSet<&str> = expected.iter().copied().collect();
                    if places.len() != expected.len() || files != expected {
                        faults.push(format!(
                            "--{name} ({why}) should be declared once in each of {expected:?}, \
                             is declared in: {shown}"
                        ));
                    }
                }
                None if places.is_empty() => faults.push(format!(
                    "--{name}: no #[arg(long ...)] declaration found under src/cli"
                )),
                None if places.len() > 1 => faults.push(format!(
                    "--{name} is declared {} times ({shown}); declare it once in src/cli/args.rs \
                     and flatten it into each command",
                    places.len()
                )),
                None => {}
            }
        }
        faults
    }

    #[test]
    fn every_long_option_is_declared_once() {
        let options = options();
        let faults = faults(&declarations(), &options);
        assert!(faults.is_empty(), "\n{}", faults.join("\n"));
        // Every command that is not a calculation is listed as one.
        let cli = Cli::command();
        let others: Vec<&str> = cli
            .get_subcommands()
            .map(|s| s.get_name())
            .filter(|n| !CALCULATIONS.contains(n))
            .collect();
        assert_eq!(others, ["providers", "rates", "completions", "man"]);
    }

    #[test]
    fn a_copy_of_an_option_is_found() {
        // The check itself: a second `--notice` or `--vat` (in another struct), and a second
        // declaration of a name the exceptions allow once per file, are faults.
        let options = options();
        let mut declared = declarations();
        let copy = |file: &str, names: &[&str]| Declared {
            file: file.into(),
            item: "Args".into(),
            field: names[0].replace('-', "_"),
            names: names.iter().map(|n| n.to_string()).collect(),
        };
        declared.push(copy("end_date.rs", &["notice"]));
        declared.push(copy("quote.rs", &["vat"]));
        declared.push(copy("quote.rs", &["until"]));
        let faults = faults(&declared, &options);
        assert_eq!(faults.len(), 3, "{faults:#?}");
        assert!(
            faults[0].starts_with("--notice is declared 2 times"),
            "{faults:#?}"
        );
        assert!(faults[1].starts_with("--until ("), "{faults:#?}");
        assert!(
            faults[2].starts_with("--vat is declared 2 times"),
            "{faults:#?}"
        );
        // The scanner reads attributes as rustfmt writes them, over several lines too.
        let text = "pub struct A {\n    /// Doc, with (parens).\n    #[arg(\n        long = \"x-y\",\n        value_parser = f(\"a, b\"),\n        visible_aliases = [\"p\", \"q\"]\n    )]\n    pub z: u8,\n    #[arg(long, alias = \"w\")]\n    pub two_words: bool,\n    #[arg(value_enum)]\n    pub positional: u8,\n}\n";
        let found = declared_in("a.rs", text);
        assert_eq!(found.len(), 2);
        assert_eq!(
            (found[0].item.as_str(), found[0].field.as_str()),
            ("A", "z")
        );
        assert_eq!(found[0].names, ["x-y", "p", "q"]);
        assert_eq!(found[1].names, ["two-words", "w"]);
    }

    #[test]
    fn required_options_per_command() {
        // Shared options are optional in their declaration; the commands that need them make
        // them required. This is the command line's contract (and the batch's required columns).
        let cli = Cli::command();
        let expected: [(&str, &[&str]); 7] = [
            ("end-date", &["provider"]),
            ("buyout", &["provider", "start", "end", "monthly"]),
            ("interest", &[]),
            ("collection-costs", &["principal"]),
            ("liability", &["provider", "damage"]),
            ("outage", &["provider"]),
            ("quote", &["provider"]),
        ];
        for (name, required) in expected {
            let sc = cli.find_subcommand(name).unwrap();
            let got: Vec<&str> = sc
                .get_arguments()
                .filter(|a| a.is_required_set())
                .filter_map(|a| a.get_long())
                .collect();
            assert_eq!(got, required, "{name}");
        }
    }

    #[test]
    fn each_edit_names_an_option_of_its_command() {
        // `edit` passes over an id no argument has, so a misspelt one would change nothing.
        let cli = Cli::command();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli");
        let files = [
            ("end-date", "end_date.rs"),
            ("buyout", "buyout.rs"),
            ("interest", "interest.rs"),
            ("collection-costs", "collection.rs"),
            ("liability", "liability.rs"),
            ("outage", "outage.rs"),
            ("quote", "quote.rs"),
        ];
        let mut edits = 0;
        for (name, file) in files {
            let text = std::fs::read_to_string(dir.join(file)).unwrap();
            let sc = cli.find_subcommand(name).unwrap();
            for part in text.split("args::edit(").skip(1) {
                let part = part
                    .trim_start()
                    .strip_prefix("&[")
                    .expect("edit(&[ids], f)");
                let ids = &part[..part.find(']').unwrap()];
                for id in strings(ids) {
                    assert!(
                        sc.get_arguments().any(|a| a.get_id() == id.as_str()),
                        "{file}: edit(&[\"{id}\"]) names no option of `{name}`"
                    );
                    edits += 1;
                }
            }
        }
        assert!(edits >= 15, "{edits}");
    }
}
