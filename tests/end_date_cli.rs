//! Every error path of `termcalc end-date` (exit code and message), the termination part of
//! provider-file validation, `providers show`, and the table/CSV output.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::PathBuf;

fn cmd() -> Command {
    let mut c = Command::cargo_bin("termcalc").unwrap();
    c.env("TERMCALC_AS_OF", "2025-06-01")
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .env("NO_COLOR", "1");
    c
}

fn fails(args: &[&str], code: i32, needles: &[&str]) {
    let mut c = cmd();
    c.arg("end-date").args(args);
    let mut a = c
        .assert()
        .failure()
        .code(code)
        .stdout(predicate::str::is_empty());
    for n in needles {
        a = a.stderr(predicate::str::contains(*n));
    }
}

#[test]
fn unknown_provider() {
    fails(
        &["--provider", "nope"],
        2,
        &["--provider", "'nope'", "qupra"],
    );
}

#[test]
fn missing_provider_flag() {
    fails(&["--start", "2024-01-01"], 2, &["--provider"]);
}

#[test]
fn unknown_service_lists_kinds() {
    fails(
        &["--provider", "compri", "--service", "fibre"],
        2,
        &[
            "--service",
            "'fibre'",
            "dsl, voip, hosting, housing, system_management",
        ],
    );
    fails(
        &[
            "--provider",
            "qupra",
            "--service",
            "dsl",
            "--start",
            "2024-01-01",
        ],
        2,
        &["--service", "'dsl'", "use one of: voip"],
    );
}

#[test]
fn compri_needs_a_service() {
    fails(
        &["--provider", "compri", "--notice", "2025-01-10"],
        2,
        &["--service: required", "dsl", "hosting"],
    );
}

#[test]
fn unknown_customer() {
    fails(
        &["--provider", "qupra", "--customer", "private"],
        2,
        &["--customer", "'private'", "consumer, business or reseller"],
    );
}

#[test]
fn start_required_names_the_rule() {
    fails(
        &["--provider", "qupra", "--notice", "2025-01-10"],
        2,
        &["--start: required", "art. 5.1.a", "YYYY-MM-DD"],
    );
    // Compri DSL: the 12-month term of 12.7.1 runs from the 1st of the next full month (25.1).
    fails(
        &["--provider", "compri", "--service", "dsl"],
        2,
        &["--start: required", "art. 25.1"],
    );
    // A fixed term agreed with Voipro needs its start too.
    fails(
        &["--provider", "voipro", "--term-months", "12"],
        2,
        &["--start: required", "art. 3.9, 12.1"],
    );
}

#[test]
fn term_months_required_names_the_article() {
    fails(
        &["--provider", "voipzeker", "--start", "2024-01-01"],
        2,
        &["--term-months: required", "art. 4.2"],
    );
    fails(
        &["--provider", "quatel", "--start", "2024-01-01"],
        2,
        &["--term-months: required", "art. 10.2"],
    );
}

#[test]
fn bad_term_months() {
    for (v, msg) in [
        ("0", "0 is not a possible term"),
        ("-3", "-3 is not a possible term"),
        ("601", "601 is not a possible term"),
        ("twelve", "'twelve' is not a number of months"),
        ("1.5", "'1.5' is not a number of months"),
        ("99999999999999999999", "is not a number of months"),
    ] {
        fails(
            &[
                "--provider",
                "qupra",
                "--start",
                "2024-01-01",
                "--term-months",
                v,
            ],
            2,
            &["--term-months", msg],
        );
    }
}

#[test]
fn bad_dates() {
    for v in [
        "2025-02-30",
        "10-01-2025",
        "tomorrow",
        "2025-1-5",
        "1899-12-31",
    ] {
        fails(
            &["--provider", "qupra", "--start", v],
            2,
            &["--start", "YYYY-MM-DD"],
        );
        fails(
            &[
                "--provider",
                "qupra",
                "--start",
                "2024-01-01",
                "--notice",
                v,
            ],
            2,
            &["--notice", "YYYY-MM-DD"],
        );
    }
}

#[test]
fn notice_before_start() {
    fails(
        &[
            "--provider",
            "qupra",
            "--start",
            "2024-03-15",
            "--notice",
            "2024-03-14",
        ],
        2,
        &["--notice", "2024-03-14 is before the start 2024-03-15"],
    );
    // Also where the start is optional (Compri hosting without a fixed term).
    fails(
        &[
            "--provider",
            "compri",
            "--service",
            "hosting",
            "--start",
            "2025-01-01",
            "--notice",
            "2024-12-31",
        ],
        2,
        &["is before the start"],
    );
}

#[test]
fn far_dates_do_not_panic() {
    // 600 months from 2199: beyond the supported years but computed without overflow.
    cmd()
        .args([
            "--format",
            "json",
            "end-date",
            "--provider",
            "qupra",
            "--start",
            "2199-12-31",
            "--term-months",
            "600",
            "--notice",
            "2199-12-31",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"end_date\": \"2249-12-30\""));
    cmd()
        .args(["end-date", "--provider", "voipro", "--notice", "2199-12-31"])
        .assert()
        .success();
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("termcalc-enddate-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn qupra_text() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/providers/qupra.toml")).unwrap()
}

#[test]
fn broken_termination_section_is_exit_3_with_position() {
    let dir = temp_dir("broken");
    let text = qupra_text()
        .replace(
            "notice = { unit = \"months\", length = 1,",
            "notice = { unit = \"months\", length = 0,",
        )
        .replace("kind = \"voip\"", "kind = \"VoIP!\"");
    let f = dir.join("qupra.toml");
    std::fs::write(&f, text).unwrap();
    cmd()
        .args(["providers", "check"])
        .arg(&f)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("termination.notice.length"))
        .stderr(predicate::str::contains("termination.services[0].kind"))
        .stderr(predicate::str::is_match(r"qupra\.toml:\d+:\d+").unwrap());
    // Through --providers-dir the same file stops end-date with exit 3.
    cmd()
        .arg("--providers-dir")
        .arg(&dir)
        .args(["end-date", "--provider", "qupra", "--start", "2024-01-01"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("termination.notice.length"));
}

#[test]
fn unknown_key_and_unit_in_termination() {
    let dir = temp_dir("unknown");
    let text = qupra_text().replace("unit = \"months\"", "unit = \"weeks\"");
    let f = dir.join("qupra.toml");
    std::fs::write(&f, text).unwrap();
    cmd()
        .args(["providers", "check"])
        .arg(&f)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("weeks"))
        .stderr(predicate::str::contains("working_days"));
}

#[test]
fn missing_termination_section_is_exit_3() {
    let dir = temp_dir("missing");
    let text = qupra_text();
    let start = text.find("[termination]").unwrap();
    let end = text.find("# ==== late payment").unwrap();
    let cut = format!("{}{}", &text[..start], &text[end..]);
    std::fs::write(dir.join("qupra.toml"), cut).unwrap();
    cmd()
        .arg("--providers-dir")
        .arg(&dir)
        .args(["end-date", "--provider", "qupra", "--start", "2024-01-01"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("no [termination] section"));
}

#[test]
fn providers_show_lists_termination_rules_with_articles() {
    let out = cmd()
        .args(["--format", "json", "providers", "show", "compri"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<_> = v["result"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["section"] == "Termination")
        .collect();
    assert!(rules.len() >= 15, "{}", rules.len());
    let text = serde_json::to_string(&rules).unwrap();
    for needle in [
        "12.7.1",
        "25.3",
        "25.4",
        "Service 'dsl'",
        "3.2, 3.3",
        "24.3",
    ] {
        assert!(text.contains(needle), "{needle}");
    }
    for id in ["qupra", "voipro", "voipzeker", "quatel"] {
        cmd()
            .args(["providers", "show", id])
            .assert()
            .success()
            .stdout(predicate::str::contains("Termination"))
            .stdout(predicate::str::contains("Special right"));
    }
}

#[test]
fn table_fits_80_columns_and_explain_shows_steps() {
    let out = cmd()
        .args([
            "--explain",
            "end-date",
            "--provider",
            "compri",
            "--service",
            "dsl",
            "--start",
            "2024-03-15",
            "--notice",
            "2025-03-01",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    for line in s.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    assert!(s.contains("Last day in force"));
    assert!(s.contains("2025-04-01"));
    assert!(s.contains("set aside"));
    assert!(s.contains("reading:"));
}

#[test]
fn csv_has_the_result_columns() {
    cmd()
        .args([
            "--format", "csv", "end-date", "--provider", "qupra", "--start", "2024-03-15",
            "--notice", "2025-02-10",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "end_date,notice_timely,current_period_end,notice_deadline,regime,as_written_end_date,customer",
        ))
        .stdout(predicate::str::contains(
            "2025-03-14,true,2025-03-14,2025-02-14,terms,2025-03-14,reseller",
        ));
}

#[test]
fn help_shows_an_example() {
    cmd()
        .args(["end-date", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "termcalc end-date --provider qupra",
        ));
}

#[test]
fn change_errors() {
    let base = [
        "--provider",
        "qupra",
        "--start",
        "2024-03-15",
        "--notice",
        "2025-05-02",
    ];
    let with = |extra: &[&'static str]| {
        let mut v: Vec<&str> = base.to_vec();
        v.extend_from_slice(extra);
        v
    };
    fails(
        &with(&["--change", "move", "--change-announced", "2025-05-01"]),
        2,
        &[
            "--change",
            "'move'",
            "price_increase, terms_change or service_change",
        ],
    );
    fails(
        &with(&["--change-announced", "2025-05-01"]),
        2,
        &["--change"],
    );
    fails(
        &with(&["--change", "terms_change"]),
        2,
        &["--change-announced"],
    );
    fails(
        &with(&[
            "--change",
            "terms_change",
            "--change-announced",
            "2025-06-01",
        ]),
        2,
        &["--notice", "before the change was announced"],
    );
    fails(
        &with(&[
            "--change",
            "terms_change",
            "--change-announced",
            "2025-05-01",
            "--change-effective",
            "2025-04-30",
        ]),
        2,
        &["--change-effective", "before the announcement"],
    );
    fails(
        &with(&[
            "--change",
            "terms_change",
            "--change-announced",
            "2025-13-01",
        ]),
        2,
        &["--change-announced", "YYYY-MM-DD"],
    );
    // VOIPZeker 2.9 names no effective date: it must be given.
    fails(
        &[
            "--provider",
            "voipzeker",
            "--start",
            "2024-03-15",
            "--term-months",
            "24",
            "--notice",
            "2025-05-02",
            "--change",
            "terms_change",
            "--change-announced",
            "2025-05-01",
        ],
        2,
        &["--change-effective: required", "art. 2.9"],
    );
    // Voipro has no rule for a change of the service. Since issue 10 item 5 an end-user then has
    // the statutory right of Tw 7.2 (tests/dates_issue10.rs); a reseller, who is no end-user,
    // still gets the refusal.
    fails(
        &[
            "--provider",
            "voipro",
            "--customer",
            "reseller",
            "--notice",
            "2025-05-02",
            "--change",
            "service_change",
            "--change-announced",
            "2025-05-01",
        ],
        2,
        &[
            "--change",
            "no rule for a change of the service",
            "not for a reseller",
            "price_increase",
        ],
    );
}
