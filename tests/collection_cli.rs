//! CLI tests for `termcalc collection-costs`: every error path (exit code and message), the
//! table at 80 columns, CSV, and invalid collection clauses in provider files (exit 3).

use assert_cmd::Command;
use predicates::prelude::*;

fn cmd() -> Command {
    let mut c = Command::cargo_bin("termcalc").unwrap();
    c.env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .env("NO_COLOR", "1")
        .args(["--as-of", "2026-11-23", "collection-costs"]);
    c
}

fn fails(args: &[&str], code: i32, needles: &[&str]) {
    let out = cmd().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(code), "{args:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "one line expected: {err}");
    for n in needles {
        assert!(err.contains(n), "{args:?}: {err:?} lacks {n:?}");
    }
    assert!(out.stdout.is_empty());
}

#[test]
fn missing_principal() {
    fails(&["--customer", "consumer"], 2, &["--principal"]);
}

#[test]
fn zero_principal() {
    fails(&["--principal", "0"], 2, &["--principal", "more than 0"]);
}

#[test]
fn negative_principal() {
    fails(&["--principal", "-5"], 2, &["--principal", "more than 0"]);
    fails(&["--principal=-0.01"], 2, &["--principal"]);
}

#[test]
fn malformed_principals() {
    fails(
        &["--principal", "abc"],
        2,
        &["--principal", "not an amount"],
    );
    fails(
        &["--principal", "1.000,50"],
        2,
        &["--principal", "thousands"],
    );
    fails(&["--principal", "1.234"], 2, &["--principal", "ambiguous"]);
    fails(&["--principal", "12.345"], 2, &["--principal"]);
    fails(&["--principal", "€100"], 2, &["--principal"]);
    fails(&["--principal", "1e5"], 2, &["--principal"]);
    fails(&["--principal", ""], 2, &["--principal"]);
    // A second, bad principal is caught too.
    fails(
        &["--principal", "100", "--principal", "x"],
        2,
        &["--principal"],
    );
}

#[test]
fn too_large_principal() {
    fails(
        &["--principal", "99999999999999999"],
        2,
        &["--principal", "too large"],
    );
}

#[test]
fn unknown_customer() {
    fails(
        &["--principal", "100", "--customer", "alien"],
        2,
        &["--customer", "consumer, business or reseller"],
    );
}

#[test]
fn unknown_provider() {
    fails(
        &["--principal", "100", "--provider", "nosuch"],
        2,
        &["nosuch"],
    );
}

#[test]
fn bad_dates() {
    fails(
        &["--principal", "100", "--letter-date", "2025-02-30"],
        2,
        &["--letter-date", "YYYY-MM-DD"],
    );
    fails(
        &["--principal", "100", "--default-date", "11-04-2025"],
        2,
        &["--default-date", "YYYY-MM-DD"],
    );
}

#[test]
fn default_date_not_after_due() {
    // Default begins at the earliest the day after the last day to pay.
    fails(
        &[
            "--principal",
            "100",
            "--due",
            "2025-04-10",
            "--default-date",
            "2025-04-10",
        ],
        2,
        &["--default-date: 2025-04-10 is not after the due date 2025-04-10"],
    );
}

#[test]
fn letter_sent_and_received_exclude_each_other() {
    fails(
        &[
            "--principal",
            "100",
            "--letter-date",
            "2025-04-10",
            "--letter-sent",
            "2025-04-08",
        ],
        2,
        &["--letter-sent", "--letter-date"],
    );
}

#[test]
fn letter_before_default_warns_and_charges_nothing() {
    // Issue 10 item 9 (this used to be exit 2): sent Thu 2025-04-10, presumed received Sat
    // 04-12, default from 04-14: no valid letter, costs 0.00, exit 0 with a warning.
    let out = cmd()
        .args([
            "--format",
            "json",
            "--principal",
            "100",
            "--customer",
            "consumer",
            "--default-date",
            "2025-04-14",
            "--letter-sent",
            "2025-04-10",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["result"]["costs"], "0.00");
    assert_eq!(v["result"]["letter_valid"], false);
    assert!(v["warnings"]
        .to_string()
        .contains("before default began on 2025-04-14"));
}

#[test]
fn letter_near_the_end_of_the_calendar() {
    // The 14-day term would run past 2199-12-31 + a few days: still no panic.
    let out = cmd()
        .args([
            "--principal",
            "100",
            "--customer",
            "consumer",
            "--letter-date",
            "2199-12-31",
        ])
        .output()
        .unwrap();
    assert!(out.status.code() == Some(0) || out.status.code() == Some(2));
}

#[test]
fn huge_amounts_do_not_overflow() {
    let big = "999999999999999";
    let mut args = vec!["--format", "json"];
    let mut c = Command::cargo_bin("termcalc").unwrap();
    for _ in 0..50 {
        args.extend(["--principal", big]);
    }
    c.env_remove("TERMCALC_AS_OF")
        .args(["--as-of", "2026-11-23", "collection-costs"])
        .args(&args[2..])
        .args(["--format", "json", "--provider", "compri", "--vat"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"claims\": 50"));
}

#[test]
fn table_fits_80_columns() {
    let out = cmd()
        .args([
            "--explain",
            "--provider",
            "compri",
            "--customer",
            "consumer",
            "--principal",
            "1000000000000",
            "--principal",
            "0.01",
            "--vat",
            "--letter-date",
            "2026-04-30",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for line in text.lines() {
        if line.starts_with("warning:") {
            continue;
        }
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    assert!(text.contains("Collection costs (excl. VAT)"));
    assert!(text.contains("Brackets"));
}

#[test]
fn csv_has_header_and_row() {
    let out = cmd()
        .args(["--format", "csv", "--principal", "3000", "--vat"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("principal,claims,customer,basis,costs,vat,total,due_from"));
    assert!(lines[1].starts_with("3000.00,1,business,statutory BIK scale,425.00,89.25,514.25,"));
}

#[test]
fn json_inputs_resolve_defaults() {
    let out = cmd()
        .args([
            "--format",
            "json",
            "--provider",
            "qupra",
            "--principal",
            "10",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["inputs"]["customer"], "reseller");
    assert_eq!(json["inputs"]["customer_source"], "provider_default");
    assert_eq!(json["inputs"]["principals"][0], "10.00");
    assert_eq!(json["command"], "collection-costs");
    assert_eq!(json["result"]["due_from"], serde_json::Value::Null);
}

#[test]
fn help_shows_an_example() {
    Command::cargo_bin("termcalc")
        .unwrap()
        .args(["collection-costs", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "termcalc collection-costs --principal",
        ));
}

/// Writes a copy of compri.toml with its collection clause replaced, checks it, and expects
/// exit 3 with the key and a line number.
fn bad_clause(clause: &str, needles: &[&str]) {
    let original = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/providers/compri.toml"
    ))
    .unwrap();
    let start = original.find("[collection.clause]").unwrap();
    let end = original[start..].find("\n# ====").unwrap() + start;
    let text = format!("{}{}{}", &original[..start], clause, &original[end..]);
    let dir = std::env::temp_dir().join(format!(
        "termcalc-collection-{}-{}",
        std::process::id(),
        needles[0].len() * 1000 + clause.len()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("compri.toml");
    std::fs::write(&file, text).unwrap();
    let out = Command::cargo_bin("termcalc")
        .unwrap()
        .args(["providers", "check"])
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(3), "{clause}: {err}");
    for n in needles {
        assert!(err.contains(n), "{clause}: {err:?} lacks {n:?}");
    }
    // The same file through --providers-dir: exit 3 for the command too.
    let out = Command::cargo_bin("termcalc")
        .unwrap()
        .arg("--providers-dir")
        .arg(&dir)
        .args([
            "collection-costs",
            "--principal",
            "100",
            "--provider",
            "compri",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn invalid_clauses_in_provider_files() {
    bad_clause(
        "[collection.clause]\nkind = \"percentage\"\npercent = \"0\"\narticle = \"20.5\"\n",
        &["collection.clause.percent", "compri.toml:"],
    );
    bad_clause(
        "[collection.clause]\nkind = \"percentage\"\npercent = \"15\"\nminimum = \"300.00\"\nmaximum = \"200.00\"\narticle = \"20.5\"\n",
        &["collection.clause.maximum", "below the minimum"],
    );
    bad_clause(
        "[collection.clause]\nkind = \"scale\"\ntiers = [{ up_to = \"5000.00\", percent = \"15\" }, { up_to = \"2500.00\", percent = \"10\" }, { percent = \"1\" }]\narticle = \"8.23\"\n",
        &["collection.clause.tiers[1].up_to", "increasing"],
    );
    bad_clause(
        "[collection.clause]\nkind = \"scale\"\ntiers = [{ up_to = \"2500.00\", percent = \"15\" }]\narticle = \"8.23\"\n",
        &["collection.clause.tiers[0].up_to", "last band"],
    );
    bad_clause(
        "[collection.clause]\nkind = \"fixed_fee\"\narticle = \"20.5\"\n",
        &["fixed_fee"],
    );
    bad_clause(
        "[collection.clause]\nkind = \"percentage\"\npercent = 15\narticle = \"20.5\"\n",
        &["string"],
    );
    bad_clause(
        "[collection.clause]\nkind = \"actual_costs\"\narticle = \"\"\n",
        &["collection.clause.article"],
    );
    bad_clause(
        "[collection.clause]\nkind = \"actual_costs\"\narticle = \"4.5\"\nrate = \"3\"\n",
        &["rate"],
    );
}

#[test]
fn reminder_needs_due() {
    fails(
        &["--principal", "100", "--reminder", "2025-02-01"],
        2,
        &["--due"],
    );
}
