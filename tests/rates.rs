//! `termcalc rates` and `--rates FILE`: the built-in tables, coverage, and rate-table errors
//! (exit 3 with file:line:col).

use assert_cmd::Command;
use predicates::prelude::*;

fn termcalc() -> Command {
    let mut c = Command::cargo_bin("termcalc").unwrap();
    c.env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .args(["--as-of", "2026-11-23"]);
    c
}

const FIX: &str = "tests/fixtures/rates";

#[test]
fn lists_both_tables_with_coverage() {
    let out = termcalc()
        .args(["--format", "json", "rates"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v["result"].as_array().unwrap();
    assert_eq!(rows.len(), 31 + 32);
    // Every row has a source and a confidence.
    assert!(rows
        .iter()
        .all(|r| r["source"].as_str().is_some_and(|s| !s.is_empty())));
    assert!(rows.iter().all(|r| r["confidence"].is_string()));
    let last = rows.last().unwrap();
    assert_eq!(last["from"], "2026-07-01");
    assert_eq!(last["rate"], "10.40");
    assert_eq!(last["confidence"], "medium-low");
    assert!(last["until"].is_null());
    // The 2013 margin change is its own row.
    assert!(rows
        .iter()
        .any(|r| r["from"] == "2013-03-16" && r["rate"] == "8.75"));
    let notes = v["notes"].to_string();
    assert!(notes.contains("covered through 2026-12-31"), "{notes}");
}

#[test]
fn kind_filter_and_table() {
    termcalc()
        .args(["rates", "--kind", "consumer"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2026-01-01"))
        .stdout(predicate::str::contains("6:119a").not())
        .stdout(predicate::str::contains("covered through 2026-12-31"));
}

#[test]
fn unknown_kind_is_exit_2() {
    termcalc()
        .args(["rates", "--kind", "business"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--kind"))
        .stderr(predicate::str::contains("consumer"));
}

#[test]
fn as_of_past_coverage_warns() {
    Command::cargo_bin("termcalc")
        .unwrap()
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .env("TERMCALC_AS_OF", "2027-03-01")
        .args(["rates", "--kind", "commercial"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "warning: the commercial table is complete through 2026-12-31, before --as-of",
        ))
        .stdout(predicate::str::contains("termcalc rates --toml"))
        .stdout(predicate::str::contains("--rates FILE"));
}

#[test]
fn replacement_table_is_used() {
    // flat.toml: 10 % commercial from 2000. 1000 due 2025-01-31, 59 days to 2025-03-31:
    // 1000 × 10 × 59 / 36500 = 16.1644 → 16.16; covered through 2030, so no warning.
    let out = termcalc()
        .args([
            "--format",
            "json",
            "--rates",
            &format!("{FIX}/flat.toml"),
            "interest",
        ])
        .args([
            "--principal",
            "1000",
            "--due",
            "2025-01-31",
            "--until",
            "2025-03-31",
            "--kind",
            "commercial",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["result"]["interest"], "16.16");
    assert_eq!(v["warnings"].as_array().unwrap().len(), 0);
    termcalc()
        .args(["--rates", &format!("{FIX}/flat.toml"), "rates"])
        .assert()
        .success()
        .stdout(predicate::str::contains("flat.toml"));
}

fn bad_table(file: &str, needles: &[&str]) {
    let path = format!("{FIX}/{file}");
    let mut a = termcalc()
        .args(["--rates", &path, "rates"])
        .assert()
        .code(3);
    for n in needles {
        a = a.stderr(predicate::str::contains(n.replace("{path}", &path)));
    }
    // The interest command validates the same way.
    termcalc()
        .args([
            "--rates",
            &path,
            "interest",
            "--principal",
            "1",
            "--due",
            "2025-01-01",
            "--kind",
            "consumer",
        ])
        .assert()
        .code(3);
}

#[test]
fn unsorted_dates_exit_3_with_position() {
    bad_table(
        "unsorted.toml",
        &["{path}:11:1", "consumer[1].from", "date order"],
    );
}

#[test]
fn overlapping_dates_exit_3_with_position() {
    bad_table(
        "overlap.toml",
        &["{path}:17:1", "commercial[1].from", "overlaps"],
    );
}

#[test]
fn bad_rate_exit_3_with_position() {
    bad_table("bad_rate.toml", &["{path}:12:8", "string"]);
}

#[test]
fn float_rate_exit_3_with_position() {
    bad_table("float_rate.toml", &["{path}:6:8", "TOML floats are binary"]);
}

#[test]
fn syntax_error_exit_3_with_position() {
    bad_table("syntax.toml", &["{path}:2:"]);
}

#[test]
fn missing_file_exit_3() {
    termcalc()
        .args(["--rates", "no/such/file.toml", "rates"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("no/such/file.toml"))
        .stderr(predicate::str::contains("does not exist"));
}

#[test]
fn toml_prints_the_table_file_that_rates_reads_back() {
    let out = Command::cargo_bin("termcalc")
        .unwrap()
        .env_remove("TERMCALC_AS_OF")
        .args(["rates", "--toml"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("verified_through = \"2026-12-31\""));
    // Round trip: the printed file loads as a --rates table with the same rows.
    let dir = std::env::temp_dir().join(format!("termcalc-rates-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("rates.toml");
    std::fs::write(&file, &text).unwrap();
    let builtin = Command::cargo_bin("termcalc")
        .unwrap()
        .env_remove("TERMCALC_AS_OF")
        .args(["--as-of", "2026-12-01", "--format", "json", "rates"])
        .output()
        .unwrap();
    let loaded = Command::cargo_bin("termcalc")
        .unwrap()
        .env_remove("TERMCALC_AS_OF")
        .args(["--as-of", "2026-12-01", "--format", "json", "--rates"])
        .arg(&file)
        .arg("rates")
        .output()
        .unwrap();
    assert!(loaded.status.success());
    let a: serde_json::Value = serde_json::from_slice(&builtin.stdout).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&loaded.stdout).unwrap();
    assert_eq!(a["result"], b["result"]);
    let _ = std::fs::remove_dir_all(&dir);
}
