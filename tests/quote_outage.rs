//! `termcalc quote` with an outage credit (`--outage-*`): the credit is the outage command's own
//! compensation (one rule, one place), deducted outside VAT; and its error paths.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn termcalc() -> Command {
    let mut c = Command::cargo_bin("termcalc").unwrap();
    c.env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .args(["--as-of", "2025-09-01"]);
    c
}

const BASE: &[&str] = &[
    "quote",
    "--provider",
    "qupra",
    "--customer",
    "business",
    "--start",
    "2025-03-15",
    "--end",
    "2025-09-30",
    "--monthly",
    "50",
    "--usage-monthly",
    "12.40",
];

fn json(extra: &[&str]) -> Value {
    let out = termcalc()
        .args(["--format", "json"])
        .args(BASE)
        .args(extra)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

fn amount(v: &Value, key: &str) -> rust_decimal::Decimal {
    v["result"][key]
        .as_str()
        .unwrap_or_else(|| panic!("{key}: {v}"))
        .parse()
        .unwrap()
}

#[test]
fn the_credit_is_the_outage_commands_compensation_outside_vat() {
    // 26 h on 46.50: 2 days x 46.50 / 30 = 3.10 (Tw 7.1a; Qupra 7.2 has no guarantee).
    let without = json(&[]);
    let with = json(&["--outage-hours", "26", "--outage-monthly", "46.50"]);
    let credit = rust_decimal::Decimal::new(310, 2);
    assert_eq!(
        amount(&with, "total_incl_vat"),
        amount(&without, "total_incl_vat") - credit
    );
    assert_eq!(
        amount(&with, "not_vat"),
        amount(&without, "not_vat") - credit
    );
    assert_eq!(amount(&with, "vat"), amount(&without, "vat"));
    assert_eq!(with["result"]["outage"]["compensation"], "3.10");
    let line = with["result"]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["label"] == "Outage compensation (credit)")
        .expect("an outage line");
    assert_eq!(line["amount"], "-3.10");
    assert_eq!(line["vat_treatment"], "none");
    assert_eq!(line["article"], "Telecommunicatiewet art. 7.1a");

    // The same figure as the outage command itself.
    let out = termcalc()
        .args([
            "--format",
            "json",
            "outage",
            "--provider",
            "qupra",
            "--customer",
            "business",
            "--hours",
            "26",
            "--monthly",
            "46.50",
        ])
        .output()
        .unwrap();
    let single: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(single["result"], with["result"]["outage"]);
}

#[test]
fn no_credit_no_line() {
    // 12 h exactly: nothing owed, so no line and the totals stay as they were.
    let without = json(&[]);
    let with = json(&["--outage-hours", "12", "--outage-monthly", "46.50"]);
    assert_eq!(with["result"]["lines"], without["result"]["lines"]);
    assert_eq!(
        with["result"]["total_incl_vat"],
        without["result"]["total_incl_vat"]
    );
    assert_eq!(with["result"]["outage"]["compensation"], "0.00");
}

#[test]
fn quatel_guarantee_cannot_be_stated_in_a_quote() {
    // 14 h on 35.00: statutory 1 x 35 / 30 = 1.17; the guarantee's conditions are not given.
    let out = termcalc()
        .args([
            "--format",
            "json",
            "quote",
            "--provider",
            "quatel",
            "--term-months",
            "12",
            "--start",
            "2025-01-01",
            "--outage-from",
            "2025-05-10T06:00",
            "--outage-until",
            "2025-05-10T20:00",
            "--outage-monthly",
            "35",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["result"]["outage"]["compensation"], "1.17");
    assert!(v["warnings"].to_string().contains("run termcalc outage"));
}

#[test]
fn csv_adds_the_outage_column_at_the_end() {
    let out = termcalc()
        .args(["--format", "csv"])
        .args(BASE)
        .args(["--outage-hours", "26", "--outage-monthly", "46.50"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let header = text.lines().next().unwrap();
    assert!(
        header.ends_with(",outage_credit") || header.contains(",outage_credit,"),
        "{header}"
    );
    assert!(text.lines().nth(1).unwrap().contains("3.10"));
}

fn fails(extra: &[&str], needle: &str) {
    termcalc()
        .args(BASE)
        .args(extra)
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(needle).and(predicate::str::contains("panicked").not()));
}

#[test]
fn error_paths() {
    fails(
        &["--outage-monthly", "46.50"],
        "--outage-monthly: only used for an outage credit",
    );
    fails(
        &["--outage-cause", "flood"],
        "--outage-cause: only used for an outage credit",
    );
    fails(
        &["--outage-hours", "26"],
        "--outage-monthly: needed with an outage",
    );
    fails(
        &["--outage-hours", "-26", "--outage-monthly", "5"],
        "negative",
    );
    fails(
        &["--outage-hours", "26", "--outage-monthly", "-5"],
        "--outage-monthly",
    );
    fails(
        &[
            "--outage-hours",
            "26",
            "--outage-from",
            "2025-05-10T06:00",
            "--outage-until",
            "2025-05-11T06:00",
            "--outage-monthly",
            "5",
        ],
        "--outage-hours",
    );
    fails(
        &[
            "--outage-from",
            "2025-05-10 06:00",
            "--outage-until",
            "2025-05-11T06:00",
            "--outage-monthly",
            "5",
        ],
        "YYYY-MM-DDTHH:MM",
    );
    fails(
        &[
            "--outage-from",
            "2025-05-11T06:00",
            "--outage-until",
            "2025-05-10T06:00",
            "--outage-monthly",
            "5",
        ],
        "is not after the start",
    );
    fails(
        &[
            "--outage-hours",
            "26",
            "--outage-monthly",
            "5",
            "--outage-cause",
            "storm",
        ],
        "'storm' is not a cause",
    );
}
