//! What a newcomer meets first: typos get a suggestion, provider ids ignore case, help keeps
//! global options apart, warnings stay readable in a table and splittable in CSV.

use assert_cmd::Command;
use predicates::prelude::*;

fn termcalc() -> Command {
    let mut c = Command::cargo_bin("termcalc").unwrap();
    c.env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .env_remove("TERMCALC_LANG");
    c
}

#[test]
fn misspelt_command_suggests_the_right_one() {
    termcalc()
        .args(["enddate", "--provider", "qupra"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean 'end-date'?"));
}

#[test]
fn misspelt_flag_suggests_the_right_one() {
    termcalc()
        .args(["end-date", "--provder", "qupra"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean '--provider'?"));
}

#[test]
fn misspelt_global_flag_suggests_the_right_one() {
    termcalc()
        .args(["--formt", "csv", "rates"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean '--format'?"));
}

#[test]
fn provider_ids_ignore_case() {
    let lower = termcalc()
        .args(["--format", "csv", "end-date", "--provider", "quatel"])
        .args(["--start", "2024-01-01", "--term-months", "12"])
        .args(["--notice", "2024-06-01"])
        .output()
        .unwrap();
    assert!(lower.status.success());
    for id in ["Quatel", "QUATEL", "qUaTeL"] {
        termcalc()
            .args(["--format", "csv", "end-date", "--provider", id])
            .args(["--start", "2024-01-01", "--term-months", "12"])
            .args(["--notice", "2024-06-01"])
            .assert()
            .success()
            .stdout(String::from_utf8(lower.stdout.clone()).unwrap());
    }
    // Also with a providers directory, and in `providers show`.
    termcalc()
        .args([
            "--providers-dir",
            "providers",
            "end-date",
            "--provider",
            "QUPRA",
        ])
        .args(["--start", "2024-01-01", "--notice", "2024-06-01"])
        .assert()
        .success();
    termcalc()
        .args(["providers", "show", "VoIPro"])
        .assert()
        .success()
        .stdout(predicate::str::contains("voipro"));
    // A wrong id is still an error.
    termcalc()
        .args(["end-date", "--provider", "quatell", "--start", "2024-01-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown provider 'quatell'"));
}

#[test]
fn provider_ids_ignore_case_in_batch_rows() {
    termcalc()
        .args(["--format", "csv", "end-date", "--input", "-"])
        .write_stdin("provider,start,notice\nQupra,2024-03-15,2025-02-10\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("1,ok,,2025-03-14"));
}

#[test]
fn help_shows_global_options_apart() {
    let out = termcalc().args(["end-date", "--help"]).output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    let global = help
        .find("Global options:")
        .expect("a Global options heading");
    // The command's own flags come before the heading, the global ones after it.
    assert!(help.find("--provider").unwrap() < global);
    assert!(help[global..].contains("--format"));
    assert!(help[global..].contains("--as-of"));
    assert!(!help[..global].contains("--as-of <DATE>"));
}

#[test]
fn table_warnings_wrap_at_80_columns() {
    // Compri's business collection clause gives two long warnings (art. 20.5; BW 6:94).
    let out = termcalc()
        .args([
            "--as-of",
            "2026-11-23",
            "collection-costs",
            "--provider",
            "compri",
        ])
        .args(["--principal", "1000", "--default-date", "2026-03-01"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("warning: "), "{text}");
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    // A continuation line is indented under the text, not under "warning:".
    assert!(text
        .lines()
        .any(|l| l.starts_with("         ") && !l.trim().is_empty()));
}

#[test]
fn csv_warnings_are_separated_by_a_bar_that_no_warning_contains() {
    let out = termcalc()
        .args([
            "--as-of",
            "2026-11-23",
            "--format",
            "csv",
            "collection-costs",
        ])
        .args(["--provider", "compri", "--principal", "1000"])
        .args(["--default-date", "2026-03-01"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let col = headers.iter().position(|h| h == "warnings").unwrap();
    let row = rdr.records().next().unwrap().unwrap();
    let parts: Vec<&str> = row[col].split(" | ").collect();
    assert_eq!(parts.len(), 2, "{}", &row[col]);
    assert!(parts[0].starts_with("art. 20.5"));
    assert!(parts[1].starts_with("the contractual 200.00"));
}

#[test]
fn warnings_cell_replaces_the_separator_inside_a_warning() {
    let cell = termcalc::report::warnings_cell(&["a|b".to_string(), "c".to_string()]);
    assert_eq!(cell, "a/b | c");
}

#[test]
fn providers_show_prints_no_internal_fields() {
    // JSON carries the provider file's whole content as data (`result.provider`) for scripts;
    // the views for people leave the maintainers' fields out.
    for format in ["table", "csv"] {
        let out = termcalc()
            .args(["--format", format, "providers", "show", "quatel"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        // The seed file's name (shared/seeds/004_...) is where the text came from, not a rule.
        assert!(!text.contains("004_4f281868e1fce945"), "{format}: {text}");
        assert!(!text.contains("Seed file"), "{format}");
    }
}

#[test]
fn completions_offer_provider_ids_customer_types_services_and_damage_kinds() {
    for shell in ["bash", "zsh", "fish"] {
        let out = termcalc().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        let script = String::from_utf8(out.stdout).unwrap();
        for value in [
            "voipzeker",
            "quatel",
            "reseller",
            "system_management",
            "telephony",
            "personal-injury",
        ] {
            assert!(script.contains(value), "{shell} completion lacks {value}");
        }
    }
}

#[test]
fn completion_values_do_not_restrict_or_clutter_help() {
    // A providers directory may hold other ids: the value list only helps completion.
    let help = termcalc().args(["end-date", "--help"]).output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(!help.contains("possible values: compri"), "{help}");
    // Customer types still parse in any case, with the same message for a wrong one.
    termcalc()
        .args(["end-date", "--provider", "qupra", "--start", "2024-03-15"])
        .args(["--notice", "2025-02-10", "--customer", "Business"])
        .assert()
        .success();
    termcalc()
        .args(["end-date", "--provider", "qupra", "--customer", "private"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "'private' is not a customer type: use consumer, business or reseller",
        ));
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = termcalc()
        .arg("--format")
        .arg("json")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Prices incl. VAT are brought back to excl. VAT: × 100 / 121, rounded half away from zero
/// to cents. 60.50 × 100 / 121 = 50.00 exactly; 15.00 × 100 / 121 = 12.3966… → 12.40. So the
/// buyout equals the one for 50.00 and 12.40 excl. VAT, and the step shows the conversion.
#[test]
fn incl_vat_prices_give_the_buyout_of_their_excl_vat_prices() {
    let base = [
        "--as-of",
        "2025-09-01",
        "buyout",
        "--provider",
        "qupra",
        "--start",
        "2025-03-15",
        "--end",
        "2025-09-20",
    ];
    let excl = json(&[&base[..], &["--monthly", "50", "--usage-monthly", "12.40"]].concat());
    let incl = json(
        &[
            &base[..],
            &[
                "--monthly",
                "60.50",
                "--usage-monthly",
                "15.00",
                "--incl-vat",
            ],
        ]
        .concat(),
    );
    assert_eq!(excl["result"], incl["result"]);
    let steps = incl["steps"].to_string();
    assert!(
        steps.contains("monthly fees 60.50 → 50.00, usage 15.00 → 12.40"),
        "{steps}"
    );
    // A price whose excl. VAT figure needs rounding: 49.99 × 100 / 121 = 41.3140… → 41.31.
    let odd = json(
        &[
            &base[..],
            &["--monthly", "49.99", "--usage-monthly", "0", "--incl-vat"],
        ]
        .concat(),
    );
    assert!(odd["steps"]
        .to_string()
        .contains("monthly fees 49.99 → 41.31"));
    // The quote passes the flag on to its buyout.
    let q = json(&[
        "--as-of",
        "2025-09-01",
        "quote",
        "--provider",
        "qupra",
        "--start",
        "2025-03-15",
        "--end",
        "2025-09-20",
        "--monthly",
        "60.50",
        "--usage-monthly",
        "15.00",
        "--incl-vat",
    ]);
    assert_eq!(q["result"]["buyout"]["total"], excl["result"]["total"]);
}

/// A quote of unpaid invoices only works for every provider (the list comes from the built-in
/// set, so a sixth provider is covered too): 500.00 invoiced stays 500.00 incl. its VAT.
#[test]
fn a_quote_of_open_invoices_only_works_for_every_provider() {
    let set = termcalc::terms::ProviderSet::embedded().unwrap();
    for id in set.ids() {
        let v = json(&[
            "--as-of",
            "2025-09-01",
            "quote",
            "--provider",
            id,
            "--claim",
            "500@2025-03-01",
        ]);
        assert_eq!(v["result"]["invoiced"], "500.00", "{id}");
        if v["result"]["end_date"].is_null() {
            let w = v["warnings"].to_string();
            assert!(
                w.contains("this quote covers the open invoices only"),
                "{id}: {w}"
            );
        }
    }
    // Qupra needs --start for an end date: without contract flags, no end date and a warning.
    let q = json(&[
        "--as-of",
        "2025-09-01",
        "quote",
        "--provider",
        "qupra",
        "--claim",
        "500@2025-03-01",
    ]);
    assert!(q["result"]["end_date"].is_null());
    // Once a contract flag is given, the end date is wanted: a missing --start is an error.
    termcalc()
        .args(["--as-of", "2025-09-01", "quote", "--provider", "qupra"])
        .args(["--claim", "500@2025-03-01", "--notice", "2025-08-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--start: required"));
}
