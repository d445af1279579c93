//! Invariants not already held by the per-command property tests (tests/*_props.rs):
//! - an end date after a notice that reacts to an announced change (special termination
//!   right) is never before the notice date, whatever the provider, customer, service or change,
//!   unless the right ends the contract the day before the change took effect and the notice
//!   came after that day: then a warning says so;
//! - batch mode (`--input`) writes exactly one output row per input row, whatever the rows hold
//!   (tests/invariants.rs `batch_*`, run with many more cases by fuzz/run.sh).

mod common;

use chrono::NaiveDate;
use proptest::prelude::*;
use termcalc::calc::termination::{
    end_date_after_change, ChangeNotice, EndDateRequest, CHANGE_KINDS,
};
use termcalc::terms::{CustomerType, ProviderSet};

fn providers() -> &'static ProviderSet {
    static SET: std::sync::OnceLock<ProviderSet> = std::sync::OnceLock::new();
    SET.get_or_init(|| ProviderSet::embedded().unwrap())
}

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Duration::days(n)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn end_after_a_change_is_never_before_the_notice(
        p in 0..common::provider_ids().len(),
        service in 0usize..6,
        customer in 0usize..4,
        start in 0i64..(150 * 365),
        announced_after in 0i64..3000,
        notice_after in 0i64..400,
        effective in prop::option::of(0i64..400),
        term in prop::option::of(1u32..=60),
        kind in 0usize..3,
    ) {
        let set = providers();
        let provider = set.iter().nth(p).unwrap();
        let services: Vec<String> = provider
            .termination
            .as_ref()
            .map(|t| t.services.iter().map(|s| s.kind.clone()).collect())
            .unwrap_or_default();
        let announced = day(start + announced_after);
        let notice = day(start + announced_after + notice_after);
        let req = EndDateRequest {
            provider,
            start: Some(day(start)),
            notice,
            term_months: term,
            customer: [None, Some(CustomerType::Consumer), Some(CustomerType::Business), Some(CustomerType::Reseller)][customer],
            service: services.get(service).cloned(),
            indefinite: false,
            requested_notice: false,
            as_of: notice,
        };
        let change = ChangeNotice {
            kind: CHANGE_KINDS[kind],
            announced,
            effective: effective.map(|e| day(start + announced_after + e)),
            objection: Some(announced),
        };
        // Refusals (no such right in the terms, a term the terms leave to the contract) are
        // input errors; every answer must end on or after the notice.
        // The one exception: a right that ends the contract the day before the change took
        // effect, used after that day (VOIPZeker 7.7); the answer then says so in a warning.
        if let Ok(o) = end_date_after_change(&req, &change) {
            let warned = o.warnings.iter().any(|w| w.contains("before the notice arrived"));
            prop_assert!(o.result.end_date >= notice || warned, "end {} before notice {}", o.result.end_date, notice);
            prop_assert!(!o.steps.is_empty());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Batch mode: exactly one output row per input row. A proptest-driven generator writes CSV and
// JSON Lines files (good rows, bad values, bad quoting, invalid UTF-8, unknown keys, garbage
// lines, blank lines) and runs the built binary on them; cargo-fuzz cannot drive the binary's
// batch reader, which lives in src/cli/batch.rs. `batch_fuzz` (ignored) runs it for
// TERMCALC_BATCH_FUZZ_SECS seconds, with interest ledgers for the batch engine: see fuzz/run.sh.

mod batch {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    use std::process::Command;

    const AMOUNTS: &[&str] = &["100", "0.01", "1000000000000", "49,95", "0", "2500.50"];
    const DATES: &[&str] = &[
        "2025-01-31",
        "2024-02-29",
        "1900-01-01",
        "2199-12-31",
        "2025-06-30",
        "2023-03-01",
    ];
    /// Stands for every built-in provider id: `columns` puts in `common::provider_ids()`, so a
    /// file added to providers/ is fuzzed too.
    const PROVIDERS: &[&str] = &[];
    const CUSTOMERS: &[&str] = &["consumer", "business", "reseller"];
    const BOOLS: &[&str] = &["true", "false", ""];
    const TERMS: &[&str] = &["12", "24", "1", "600"];
    const SERVICES: &[&str] = &["dsl", "voip", "fiber"];
    const KINDS: &[&str] = &["consumer", "commercial"];
    const DAMAGE: &[&str] = &["direct", "indirect", "data", "property", "personal-injury"];
    const PAYMENTS: &[&str] = &[
        "2025-03-01=10",
        "2025-03-01=5@1",
        "2025-03-01=1;2025-04-01=2",
    ];
    const DAY_COUNTS: &[&str] = &["act/365", "act/act"];
    const GARBAGE: &[&str] = &[
        "",
        " ",
        "x",
        "-1",
        "1.234",
        "\"a,b\"",
        "\"",
        "a\"b",
        "é€",
        "Some(1)",
        "\t",
        "1e5",
        "\\",
        "{}",
        "null",
        "999999999999999999999",
        "\u{0}",
        "2025-02-30",
        "1,000.00",
        ";",
        "@",
    ];

    type Columns = &'static [(&'static str, &'static [&'static str])];

    /// Per command: the required columns, then the optional ones, each with good values.
    const COMMANDS: &[(&str, Columns, Columns)] = &[
        (
            "collection-costs",
            &[("principal", AMOUNTS)],
            &[
                ("customer", CUSTOMERS),
                ("provider", PROVIDERS),
                ("vat", BOOLS),
                ("letter-date", DATES),
                ("letter-sent", DATES),
                ("default-date", DATES),
            ],
        ),
        (
            "interest",
            &[("principal", AMOUNTS), ("due", DATES), ("kind", KINDS)],
            &[
                ("until", DATES),
                ("costs", AMOUNTS),
                ("payment", PAYMENTS),
                ("day-count", DAY_COUNTS),
                ("strict", BOOLS),
            ],
        ),
        (
            "end-date",
            &[("provider", PROVIDERS)],
            &[
                ("start", DATES),
                ("notice", DATES),
                ("term-months", TERMS),
                ("customer", CUSTOMERS),
                ("service", SERVICES),
            ],
        ),
        (
            "buyout",
            &[
                ("provider", PROVIDERS),
                ("start", DATES),
                ("end", DATES),
                ("monthly", AMOUNTS),
            ],
            &[
                ("term-months", TERMS),
                ("notice", DATES),
                ("usage-monthly", AMOUNTS),
                ("one-off", AMOUNTS),
                ("list-monthly", AMOUNTS),
                ("not-delivered", BOOLS),
                ("customer", CUSTOMERS),
                ("service", SERVICES),
            ],
        ),
        (
            "liability",
            &[("provider", PROVIDERS), ("damage", AMOUNTS)],
            &[
                ("event-date", DATES),
                ("known-date", DATES),
                ("damage-kind", DAMAGE),
                ("monthly", AMOUNTS),
                ("fees-paid", AMOUNTS),
                ("paid-this-year", AMOUNTS),
                ("last-invoice", AMOUNTS),
                ("insurer-payout", AMOUNTS),
                ("order-value", AMOUNTS),
                ("term-months", TERMS),
                ("series", BOOLS),
                ("customer", CUSTOMERS),
                ("gross-negligence", BOOLS),
            ],
        ),
    ];

    #[derive(Debug, Clone)]
    pub struct Case {
        command: usize,
        jsonl: bool,
        json_out: bool,
        optional: Vec<bool>,
        /// Per row: a line kind and one choice per column.
        rows: Vec<(u8, Vec<(u8, usize)>)>,
        crlf: bool,
    }

    pub fn case() -> impl Strategy<Value = Case> {
        (
            0..COMMANDS.len(),
            any::<bool>(),
            any::<bool>(),
            prop::collection::vec(any::<bool>(), 13),
            prop::collection::vec(
                (
                    any::<u8>(),
                    prop::collection::vec((any::<u8>(), any::<usize>()), 17),
                ),
                0..12,
            ),
            any::<bool>(),
        )
            .prop_map(|(command, jsonl, json_out, optional, rows, crlf)| Case {
                command,
                jsonl,
                json_out,
                optional,
                rows,
                crlf,
            })
    }

    fn columns(c: &Case) -> Vec<(&'static str, &'static [&'static str])> {
        let (_, required, optional) = COMMANDS[c.command];
        let mut cols: Vec<_> = required.to_vec();
        for (i, col) in optional.iter().enumerate() {
            if c.optional[i] {
                cols.push(*col);
            }
        }
        for (name, good) in &mut cols {
            if *name == "provider" {
                *good = crate::common::provider_ids();
            }
        }
        cols
    }

    fn value(good: &'static [&'static str], (which, n): (u8, usize)) -> &'static str {
        if which % 8 == 0 {
            GARBAGE[n % GARBAGE.len()]
        } else {
            good[n % good.len()]
        }
    }

    fn json_value(v: &str, which: u8) -> serde_json::Value {
        match which % 11 {
            1 => v
                .parse::<f64>()
                .map(serde_json::Value::from)
                .unwrap_or(serde_json::Value::Null),
            4 if v == "true" || v == "false" => serde_json::Value::Bool(v == "true"),
            7 => serde_json::json!([v]),
            _ => serde_json::Value::String(v.to_string()),
        }
    }

    /// The input file's bytes.
    pub fn input(c: &Case) -> Vec<u8> {
        let cols = columns(c);
        let nl: &[u8] = if c.crlf { b"\r\n" } else { b"\n" };
        let mut out = Vec::new();
        if !c.jsonl {
            let names: Vec<&str> = cols.iter().map(|(n, _)| *n).collect();
            out.extend_from_slice(names.join(",").as_bytes());
            out.extend_from_slice(nl);
        }
        for (kind, choices) in &c.rows {
            match kind % 24 {
                // A blank line: not a row.
                0 => {}
                1 => out.extend_from_slice(b"   "),
                // Invalid UTF-8.
                2 => out.extend_from_slice(b"\xff\xfe,\x80"),
                // A line of garbage.
                3 => out.extend_from_slice(if c.jsonl {
                    b"{\"unclosed\": "
                } else {
                    b"\"open quote"
                }),
                4 if c.jsonl => out.extend_from_slice(b"[1, 2]"),
                5 if c.jsonl => out.extend_from_slice(b"{\"no-such-key\": \"1\"}"),
                6 if !c.jsonl => {
                    out.extend_from_slice(b"1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18")
                }
                _ => {
                    if c.jsonl {
                        let mut obj = serde_json::Map::new();
                        for (i, (name, good)) in cols.iter().enumerate() {
                            let ch = choices[i % choices.len()];
                            if ch.0 % 7 == 6 {
                                continue; // an absent key
                            }
                            obj.insert(name.to_string(), json_value(value(good, ch), ch.0));
                        }
                        out.extend_from_slice(
                            serde_json::Value::Object(obj).to_string().as_bytes(),
                        );
                    } else {
                        let fields: Vec<String> = cols
                            .iter()
                            .enumerate()
                            .map(|(i, (_, good))| {
                                let ch = choices[i % choices.len()];
                                let v = value(good, ch);
                                if ch.0 % 5 == 4 {
                                    format!("\"{}\"", v.replace('"', "\"\""))
                                } else {
                                    v.to_string()
                                }
                            })
                            .collect();
                        out.extend_from_slice(fields.join(",").as_bytes());
                    }
                }
            }
            out.extend_from_slice(nl);
        }
        out
    }

    /// Input rows as batch mode counts them: the non-blank lines (after the header for CSV).
    pub fn expected_rows(bytes: &[u8], csv: bool) -> usize {
        if csv {
            // RFC 4180 records, as the csv crate reads them: a quoted field may span lines (a
            // quote never closed runs to the end). Whitespace-only lines are not rows. Minus
            // the header.
            let mut r = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .terminator(csv::Terminator::Any(b'\n'))
                .from_reader(bytes);
            let n = r
                .byte_records()
                .map(|rec| rec.unwrap())
                .filter(|rec| !(rec.len() == 1 && rec[0].iter().all(u8::is_ascii_whitespace)))
                .count();
            return n.saturating_sub(1);
        }
        let mut lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
        if lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        let n = lines
            .iter()
            .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
            .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
            .count();
        if csv {
            n.saturating_sub(1)
        } else {
            n
        }
    }

    pub fn check(c: &Case, dir: &std::path::Path) -> Result<(), TestCaseError> {
        let bytes = input(c);
        let file = dir.join(if c.jsonl { "rows.jsonl" } else { "rows.csv" });
        std::fs::write(&file, &bytes).unwrap();
        let command = COMMANDS[c.command].0;
        let out = Command::new(assert_cmd::cargo::cargo_bin("termcalc"))
            .env_remove("TERMCALC_AS_OF")
            .env_remove("TERMCALC_PROVIDERS_DIR")
            .args(["--format", if c.json_out { "json" } else { "csv" }])
            .args(["--as-of", "2025-06-30", command, "--input"])
            .arg(&file)
            .output()
            .unwrap();
        let code = out.status.code().unwrap_or(-1);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let shown = String::from_utf8_lossy(&bytes);
        prop_assert!(!stderr.contains("panicked"), "{command} {shown}\n{stderr}");
        let n = expected_rows(&bytes, !c.jsonl);
        if code == 2 {
            // A fault of the whole input (e.g. only a header): nothing written, one line.
            prop_assert!(out.stdout.is_empty(), "{command} {shown}");
            prop_assert!(stderr.starts_with("termcalc: "), "{stderr}");
            prop_assert_eq!(stderr.lines().count(), 1, "{}", stderr);
            return Ok(());
        }
        prop_assert!(
            code == 0 || code == 4,
            "exit {code} for {command}:\n{shown}\n{stderr}"
        );
        let rows: Vec<u64> = if c.json_out {
            String::from_utf8(out.stdout.clone())
                .unwrap()
                .lines()
                .map(|l| {
                    let v: serde_json::Value = serde_json::from_str(l).unwrap();
                    v["row"].as_u64().unwrap()
                })
                .collect()
        } else {
            let mut r = csv::ReaderBuilder::new()
                .has_headers(true)
                .flexible(false)
                .from_reader(out.stdout.as_slice());
            r.records()
                .map(|rec| rec.unwrap()[0].parse::<u64>().unwrap())
                .collect()
        };
        prop_assert_eq!(
            rows.len(),
            n,
            "{} input rows, {} output rows for {}:\n{}\n{}",
            n,
            rows.len(),
            command,
            shown,
            String::from_utf8_lossy(&out.stdout)
        );
        for (i, r) in rows.iter().enumerate() {
            prop_assert_eq!(*r, i as u64 + 1);
        }
        prop_assert_eq!(
            code == 0,
            n == 0 || !stderr.contains("failed"),
            "{}",
            stderr
        );
        Ok(())
    }

    pub fn tmp() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "termcalc-invariants-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    pub fn runner(seed: u64, cases: u32) -> TestRunner {
        let mut bytes = [0u8; 32];
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
        TestRunner::new_with_rng(
            Config {
                cases,
                failure_persistence: None,
                ..Config::default()
            },
            TestRng::from_seed(RngAlgorithm::ChaCha, &bytes),
        )
    }
}

/// Batch output has exactly one row per input row, in order (a quick pass in every test run).
#[test]
fn batch_output_has_one_row_per_input_row() {
    let dir = batch::tmp();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_secs());
    let mut runner = batch::runner(seed, 48);
    let result = runner.run(&batch::case(), |c| batch::check(&c, &dir));
    std::fs::remove_dir_all(&dir).ok();
    if let Err(e) = result {
        panic!("seed {seed}: {e}");
    }
}

/// The long run: TERMCALC_BATCH_FUZZ_SECS seconds (default 60) of generated batch files.
#[test]
#[ignore]
fn batch_fuzz() {
    let secs: u64 = std::env::var("TERMCALC_BATCH_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let dir = batch::tmp();
    let started = std::time::Instant::now();
    let mut cases = 0u64;
    let mut ledgers = 0u64;
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_secs());
    while started.elapsed().as_secs() < secs {
        let mut runner = batch::runner(seed, 50);
        if let Err(e) = runner.run(&batch::case(), |c| batch::check(&c, &dir)) {
            panic!("seed {seed}: {e}");
        }
        cases += 50;
        let mut runner = batch::runner(seed, 1);
        if let Err(e) = runner.run(&ledger::ledger(5000), |l| ledger::check(&l, &dir)) {
            panic!("seed {seed} (interest ledger): {e}");
        }
        ledgers += 1;
        seed += 1;
    }
    std::fs::remove_dir_all(&dir).ok();
    println!(
        "batch_fuzz: {cases} generated files and {ledgers} interest ledgers in {} s, no finding",
        started.elapsed().as_secs()
    );
}

// ---------------------------------------------------------------------------------------------
// Batch `interest` ledgers run through the batch engine (src/cli/rows.rs), in chunks of 1,024
// rows on worker threads, answered without steps. Property: every row gives the cents of the interest library
// (`claim_interest`, the engine of the single command), in input order, and a row is refused
// exactly when the single command refuses it.

mod ledger {
    use proptest::prelude::*;
    use proptest::test_runner::TestCaseError;
    use rust_decimal::Decimal;
    use std::process::Command;
    use termcalc::calc::interest::{claim_interest, statutory_choice, DayCount, Method};
    use termcalc::calendar::add_days;
    use termcalc::law::rates::{RateKind, RateTables};
    use termcalc::money::fmt_amount;
    use termcalc::report::Citation;

    #[derive(Debug, Clone)]
    pub struct Ledger {
        commercial: bool,
        /// (principal in cents, due as days after 1900-01-01, until as days after due, or before).
        rows: Vec<(i64, i64, i64)>,
    }

    pub fn ledger(max_rows: usize) -> impl Strategy<Value = Ledger> {
        (
            any::<bool>(),
            prop::collection::vec(
                (
                    prop_oneof![1i64..100_000, 1i64..=100_000_000_000_000],
                    0i64..(300 * 365),
                    prop_oneof![0i64..4000, -30i64..0, 0i64..(300 * 365)],
                ),
                1..max_rows,
            ),
        )
            .prop_map(|(commercial, rows)| Ledger { commercial, rows })
    }

    fn day(n: i64) -> chrono::NaiveDate {
        let last = chrono::NaiveDate::from_ymd_opt(2199, 12, 31).unwrap();
        add_days(chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap(), n)
            .unwrap()
            .min(last)
    }

    pub fn check(l: &Ledger, dir: &std::path::Path) -> Result<(), TestCaseError> {
        let tables = RateTables::embedded().unwrap();
        let kind = if l.commercial {
            RateKind::Commercial
        } else {
            RateKind::Consumer
        };
        let table = tables.get(kind);
        let mut text = String::from("principal,due,until\n");
        let mut expected = Vec::new();
        for &(cents, due, until) in &l.rows {
            let principal = Decimal::new(cents, 2);
            let due_d = day(due);
            let until_d = day((due + until).max(0));
            text.push_str(&format!(
                "{},{},{}\n",
                fmt_amount(principal),
                due_d,
                until_d
            ));
            let first = add_days(due_d, 1).unwrap();
            let want = if until_d < due_d {
                None
            } else if until_d == due_d {
                // No interest day: nothing to compute, whatever the table covers.
                Some("0.00".to_string())
            } else if table.first_day().is_none_or(|f| first < f) {
                None
            } else {
                let rc = statutory_choice(
                    table,
                    Some((Citation::convention("test"), String::new(), None)),
                    Some(first),
                );
                let m = Method {
                    basis: rc.basis,
                    compound: rc.compound,
                    day_count: DayCount::Act365,
                };
                claim_interest(principal, first, until_d, &m)
                    .ok()
                    .map(fmt_amount)
            };
            expected.push(want);
        }
        let file = dir.join("ledger.csv");
        std::fs::write(&file, &text).unwrap();
        let out = Command::new(assert_cmd::cargo::cargo_bin("termcalc"))
            .env_remove("TERMCALC_AS_OF")
            .env_remove("TERMCALC_PROVIDERS_DIR")
            .args([
                "--format",
                "csv",
                "--as-of",
                "2025-06-30",
                "interest",
                "--kind",
            ])
            .arg(if l.commercial {
                "commercial"
            } else {
                "consumer"
            })
            .arg("--input")
            .arg(&file)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        prop_assert!(!stderr.contains("panicked"), "{stderr}");
        let mut r = csv::Reader::from_reader(out.stdout.as_slice());
        let headers = r.headers().unwrap().clone();
        let col = |name: &str| headers.iter().position(|h| h == name);
        let records: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
        prop_assert_eq!(records.len(), l.rows.len());
        for (i, (rec, want)) in records.iter().zip(&expected).enumerate() {
            let n = (i + 1).to_string();
            prop_assert_eq!(&rec[0], n.as_str());
            let ok = &rec[1] == "ok";
            match want {
                Some(w) => {
                    prop_assert!(
                        ok,
                        "row {}: {} refused: {}",
                        i + 1,
                        text.lines().nth(i + 1).unwrap(),
                        &rec[2]
                    );
                    let got = &rec[col("interest").unwrap()];
                    prop_assert_eq!(
                        got,
                        w.as_str(),
                        "row {}: {}",
                        i + 1,
                        text.lines().nth(i + 1).unwrap()
                    );
                }
                None => prop_assert!(
                    !ok,
                    "row {} accepted: {}",
                    i + 1,
                    text.lines().nth(i + 1).unwrap()
                ),
            }
        }
        Ok(())
    }
}

/// The batch engine gives the library's cents on every row of an interest ledger.
#[test]
fn batch_interest_ledger_equals_the_library() {
    let dir = batch::tmp();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_secs());
    // Two ledgers that may cross the 1,024-row chunk boundaries.
    let mut runner = batch::runner(seed, 2);
    let result = runner.run(&ledger::ledger(2600), |l| ledger::check(&l, &dir));
    std::fs::remove_dir_all(&dir).ok();
    if let Err(e) = result {
        panic!("seed {seed}: {e}");
    }
}
