//! `termcalc quote` error paths: every bad input is one sentence on stderr naming the flag,
//! exit 2, never a panic; and --help shows a worked example.

use assert_cmd::Command;
use predicates::prelude::*;

fn termcalc() -> Command {
    let mut c = Command::cargo_bin("termcalc").unwrap();
    c.env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR");
    c
}

/// Runs `quote --provider qupra --start 2025-03-15` plus `args` on 2025-09-01 and expects exit
/// 2 with `needle` on stderr.
fn fails(args: &[&str], needle: &str) {
    termcalc()
        .args([
            "--as-of",
            "2025-09-01",
            "quote",
            "--provider",
            "qupra",
            "--start",
            "2025-03-15",
        ])
        .args(args)
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(needle))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn claim_without_a_due_date() {
    fails(&["--claim", "500"], "'--claim <AMOUNT@DATE>'");
    fails(&["--claim", "500"], "use AMOUNT@DATE");
}

#[test]
fn claim_with_a_bad_amount_or_date() {
    fails(&["--claim", "abc@2025-01-01"], "'--claim <AMOUNT@DATE>'");
    fails(&["--claim", "500@2025-13-01"], "is not a date");
    fails(&["--claim", "0@2025-01-01"], "must be more than 0");
    fails(&["--claim", "-5@2025-01-01"], "'--claim <AMOUNT@DATE>'");
    fails(
        &["--claim", "99999999999999999999999999999@2025-01-01"],
        "too large",
    );
}

#[test]
fn claim_due_after_until() {
    fails(
        &["--claim", "500@2025-10-01"],
        "--claim: the due date 2025-10-01",
    );
    fails(
        &["--claim", "500@2025-06-01", "--until", "2025-05-01"],
        "is after the until date 2025-05-01",
    );
}

#[test]
fn end_before_start() {
    fails(
        &[
            "--end",
            "2025-03-01",
            "--monthly",
            "50",
            "--usage-monthly",
            "0",
        ],
        "--end: the leaving day 2025-03-01 is before the start 2025-03-15",
    );
}

#[test]
fn end_needs_monthly_and_start() {
    fails(
        &["--end", "2025-10-01"],
        "--monthly: needed with a leaving day",
    );
    // Without --start the end date itself names it.
    termcalc()
        .args([
            "--as-of",
            "2025-09-01",
            "quote",
            "--provider",
            "qupra",
            "--end",
            "2025-10-01",
            "--monthly",
            "50",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--start: required"));
}

#[test]
fn buyout_flags_need_end() {
    fails(&["--monthly", "50"], "--monthly: only used for the buyout");
    fails(&["--one-off", "50"], "--one-off: only used for the buyout");
    fails(
        &["--not-delivered"],
        "--not-delivered: only used for the buyout",
    );
}

#[test]
fn invoice_flags_need_claims() {
    fails(
        &["--payment", "2025-06-30=10"],
        "--payment: only used for open invoices",
    );
    fails(&["--vat"], "--vat: only used for open invoices");
    fails(
        &["--kind", "consumer"],
        "--kind: only used for open invoices",
    );
    fails(
        &["--until", "2025-10-01"],
        "--until: only used for open invoices",
    );
    fails(
        &["--letter-date", "2025-08-01"],
        "--letter-date: only used for open invoices",
    );
    fails(
        &["--default-date", "2025-08-01"],
        "--default-date: only used for open invoices",
    );
}

#[test]
fn letter_before_default_date_charges_no_costs() {
    // Issue 10 item 9 (this used to be exit 2): a consumer's letter received 2025-06-10,
    // before default began on 2025-07-01, is no valid 14-day letter (BW 6:96 lid 6): exit 0,
    // no collection line, a warning that says why.
    let out = termcalc()
        .args([
            "--as-of",
            "2025-09-01",
            "--format",
            "json",
            "quote",
            "--provider",
            "qupra",
            "--start",
            "2025-03-15",
            "--customer",
            "consumer",
            "--claim",
            "500@2025-06-01",
            "--letter-date",
            "2025-06-10",
            "--default-date",
            "2025-07-01",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["result"]["collection_included"], false);
    assert_eq!(v["result"]["collection"]["letter_valid"], false);
    assert_eq!(v["result"]["collection"]["costs"], "0.00");
    assert!(v["warnings"]
        .to_string()
        .contains("before default began on 2025-07-01"));
    fails(
        &[
            "--claim",
            "500@2025-06-01",
            "--letter-date",
            "2025-06-10",
            "--letter-sent",
            "2025-06-08",
        ],
        "cannot be used with",
    );
    // --default-date on or before the due date is refused, as in collection-costs.
    fails(
        &["--claim", "500@2025-06-01", "--default-date", "2025-06-01"],
        "--default-date: 2025-06-01 is not after the due date 2025-06-01",
    );
}

#[test]
fn interest_choice_errors() {
    fails(
        &[
            "--claim",
            "5@2025-01-01",
            "--kind",
            "consumer",
            "--rate",
            "5",
            "--per",
            "year",
        ],
        "'--kind <KIND>' cannot be used with '--rate <PERCENT>'",
    );
    fails(
        &["--claim", "5@2025-01-01", "--rate", "5"],
        "--per: needed with an agreed rate",
    );
    fails(
        &["--claim", "5@2025-01-01", "--rate", "100", "--per", "year"],
        "not a usable rate",
    );
    fails(
        &["--claim", "5@2025-01-01", "--kind", "bogus"],
        "'--kind <KIND>'",
    );
}

#[test]
fn bad_payments() {
    fails(
        &["--claim", "5@2025-01-01", "--payment", "2025-06-30"],
        "'--payment <DATE=AMOUNT[@N]>'",
    );
    fails(
        &["--claim", "5@2025-01-01", "--payment", "2025-06-30=5@2"],
        "--payment: the payment on 2025-06-30 names claim 2",
    );
    fails(
        &["--claim", "5@2025-01-01", "--payment", "2025-06-30=5@0"],
        "is not a claim number",
    );
}

#[test]
fn bad_amounts_dates_and_customer() {
    fails(
        &["--end", "2025-10-01", "--monthly", "-5"],
        "'--monthly <AMOUNT>'",
    );
    fails(&["--term-months", "0"], "'--term-months <N>'");
    fails(&["--notice", "2025-02-30"], "'--notice <DATE>'");
    fails(&["--customer", "alien"], "'--customer <TYPE>'");
}

#[test]
fn consumer_interest_clause_needs_the_reminder() {
    // Voipro's consumer clause (7.6, 7.7) counts from the notice of default.
    termcalc()
        .args([
            "--as-of",
            "2025-09-01",
            "quote",
            "--provider",
            "voipro",
            "--customer",
            "consumer",
            "--claim",
            "250@2025-08-01",
        ])
        .assert()
        // No demand date: no interest under the clause, with a warning asking for its date.
        .success()
        .stdout(predicate::str::contains(
            "no demand (aanmaning) date was given",
        ))
        .stdout(predicate::str::contains(
            "give that day as the reminder date",
        ));
}

#[test]
fn unknown_provider() {
    termcalc()
        .args(["quote", "--provider", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--provider: unknown provider 'nope'",
        ));
}

#[test]
fn amounts_of_a_trillion_work() {
    termcalc()
        .args([
            "--as-of",
            "2025-09-01",
            "--format",
            "json",
            "quote",
            "--provider",
            "qupra",
            "--start",
            "2025-03-15",
            "--end",
            "2025-09-20",
            "--monthly",
            "1000000000000",
            "--usage-monthly",
            "1000000000000",
            "--claim",
            "1000000000000@2025-01-01",
            "--claim",
            "1000000000000@2025-02-01",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"total_incl_vat\""));
    // The largest accepted amount, with twenty years of interest (which is then larger than
    // any amount accepted as input).
    termcalc()
        .args([
            "--as-of",
            "2025-09-01",
            "--format",
            "csv",
            "quote",
            "--provider",
            "qupra",
            "--start",
            "2025-03-15",
            "--claim",
            "999999999999999@2005-01-01",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "\n2026-03-14,true,,,999999999999999.00,",
        ));
}

#[test]
fn help_shows_a_worked_example() {
    termcalc()
        .args(["quote", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Example:\n  termcalc --as-of 2025-09-01 quote",
        ));
    // The example runs as shown.
    let out = termcalc().args(["quote", "--help"]).output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    let example = help.split("Example:\n").nth(1).unwrap();
    let example = example.split("\n\n").next().unwrap().replace("\\\n", " ");
    let args: Vec<&str> = example.split_whitespace().skip(1).collect();
    assert!(args.contains(&"--claim"), "{args:?}");
    termcalc().args(&args).assert().success();
}
