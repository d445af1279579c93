//! Error paths of `termcalc interest`: exit 2 and one sentence naming the flag.

use assert_cmd::Command;
use predicates::prelude::*;

fn interest(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("termcalc")
        .unwrap()
        .env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .args(["--as-of", "2026-11-23", "interest"])
        .args(args)
        .assert()
}

/// Exit 2, a single line on stderr that contains every needle.
fn fails(args: &[&str], needles: &[&str]) {
    let mut a = interest(args).code(2).stdout("");
    for n in needles {
        a = a.stderr(predicate::str::contains(*n));
    }
    let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line expected: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

const K: [&str; 2] = ["--kind", "commercial"];

#[test]
fn negative_zero_and_malformed_amounts() {
    fails(
        &[
            "--principal",
            "-5",
            "--due",
            "2025-01-01",
            "--kind",
            "consumer",
        ],
        &["--principal", "more than 0"],
    );
    fails(
        &[
            "--principal",
            "0",
            "--due",
            "2025-01-01",
            "--kind",
            "consumer",
        ],
        &["--principal", "more than 0"],
    );
    fails(
        &[
            "--principal",
            "1.234",
            "--due",
            "2025-01-01",
            "--kind",
            "consumer",
        ],
        &["--principal", "ambiguous"],
    );
    fails(
        &[
            "--principal",
            "12abc",
            "--due",
            "2025-01-01",
            "--kind",
            "consumer",
        ],
        &["--principal", "not an amount"],
    );
    fails(
        &[
            "--principal",
            "10000000000000000",
            "--due",
            "2025-01-01",
            "--kind",
            "consumer",
        ],
        &["--principal", "too large"],
    );
    fails(
        &["--claim", "0@2025-01-01", "--kind", "consumer"],
        &["--claim", "more than 0"],
    );
    fails(
        &["--claim", "100-2025-01-01", "--kind", "consumer"],
        &["--claim", "AMOUNT@DATE"],
    );
    fails(
        &[
            "--principal",
            "100",
            "--due",
            "2025-01-01",
            "--kind",
            "consumer",
            "--payment",
            "2025-02-01=-3",
        ],
        &["--payment", "more than 0"],
    );
    fails(
        &[
            "--principal",
            "100",
            "--due",
            "2025-01-01",
            "--kind",
            "consumer",
            "--costs",
            "-1",
        ],
        &["--costs", "negative"],
    );
}

#[test]
fn malformed_dates_and_payments() {
    fails(
        &[
            "--principal",
            "100",
            "--due",
            "01-02-2025",
            "--kind",
            "consumer",
        ],
        &["--due"],
    );
    fails(
        &[
            "--principal",
            "100",
            "--due",
            "2025-01-01",
            "--kind",
            "consumer",
            "--payment",
            "2025-02-01:50",
        ],
        &["--payment", "DATE=AMOUNT"],
    );
    fails(
        &[
            "--principal",
            "100",
            "--due",
            "2025-01-01",
            "--kind",
            "consumer",
            "--payment",
            "2025-02-01=50@0",
        ],
        &["--payment", "claim number"],
    );
}

#[test]
fn due_after_until() {
    fails(
        &[
            "--principal",
            "100",
            "--due",
            "2025-03-01",
            "--until",
            "2025-02-01",
            "--kind",
            "consumer",
        ],
        &["--due", "after the until date 2025-02-01"],
    );
    fails(
        &[
            "--claim",
            "100@2025-01-01",
            "--claim",
            "50@2025-03-01",
            "--until",
            "2025-02-01",
            "--kind",
            "consumer",
        ],
        &["--claim: claim 2: the due date", "after the until date"],
    );
    // Without --until the as-of date is the until date.
    fails(
        &[
            "--principal",
            "100",
            "--due",
            "2027-01-01",
            "--kind",
            "consumer",
        ],
        &["--due", "2026-11-23"],
    );
}

#[test]
fn payment_outside_the_period() {
    let base = [
        "--principal",
        "100",
        "--due",
        "2025-01-31",
        "--until",
        "2025-06-30",
        "--kind",
        "consumer",
    ];
    let mut a = base.to_vec();
    a.extend(["--payment", "2025-07-01=10"]);
    fails(
        &a,
        &[
            "--payment: the payment on 2025-07-01",
            "after the until date",
        ],
    );
    let mut a = base.to_vec();
    a.extend(["--payment", "2025-01-15=10"]);
    fails(
        &a,
        &[
            "--payment: the payment on 2025-01-15",
            "before the first due date",
        ],
    );
    let mut a = base.to_vec();
    a.extend(["--payment", "2025-03-01=10@2"]);
    fails(&a, &["--payment: the payment on 2025-03-01", "claim 2"]);
}

#[test]
fn unknown_kind_and_missing_rate() {
    fails(
        &[
            "--principal",
            "100",
            "--due",
            "2025-01-01",
            "--kind",
            "business",
        ],
        &["--kind", "consumer", "commercial"],
    );
    fails(
        &["--principal", "100", "--due", "2025-01-01"],
        &[
            "--kind: say which interest applies",
            "a provider",
            "an agreed rate",
        ],
    );
    fails(
        &["--principal", "100", "--due", "2025-01-01", "--rate", "8"],
        &["--per"],
    );
    fails(
        &[
            "--principal",
            "100",
            "--due",
            "2025-01-01",
            "--rate",
            "0",
            "--per",
            "year",
        ],
        &["--rate"],
    );
    fails(
        &[
            "--principal",
            "100",
            "--due",
            "2025-01-01",
            "--kind",
            "consumer",
            "--rate",
            "8",
            "--per",
            "year",
        ],
        &["--kind", "--rate"],
    );
    fails(
        &[
            "--principal",
            "100",
            "--due",
            "2025-01-01",
            "--kind",
            "consumer",
            "--day-count",
            "30/360",
        ],
        &["--day-count", "act/365"],
    );
}

#[test]
fn missing_claim() {
    fails(
        &["--kind", "consumer"],
        &["--principal: ", "claims as AMOUNT@DATE"],
    );
    fails(&["--principal", "100", "--kind", "consumer"], &["--due"]);
    fails(
        &[
            "--principal",
            "100",
            "--due",
            "2025-01-01",
            "--claim",
            "5@2025-01-01",
            "--kind",
            "consumer",
        ],
        &["--principal", "--claim"],
    );
}

#[test]
fn provider_clause_inputs() {
    // Compri art. 20.3 (default 5 days after a demand) and Voipro's consumer clause 7.6, 7.7
    // (interest after the notice of default): without the demand's date the customer is not
    // in default under the clause, so no interest is counted; a warning says so and names
    // --reminder (a default instead of a dead end, issue 15).
    for (args, article) in [
        (&["--provider", "compri"][..], "art. 20.3"),
        (
            &["--provider", "voipro", "--customer", "consumer"][..],
            "art. 7.6, 7.7",
        ),
    ] {
        let out = interest(
            &[
                args,
                &["--format", "json"][..],
                &["--principal", "100", "--due", "2025-01-01"][..],
            ]
            .concat(),
        )
        .success()
        .get_output()
        .stdout
        .clone();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["result"]["interest"], "0.00", "{args:?}");
        let w = v["warnings"].to_string();
        assert!(
            w.contains(article) && w.contains("the reminder date"),
            "{w}"
        );
    }
    fails(
        &[
            "--provider",
            "compri",
            "--principal",
            "100",
            "--due",
            "2025-03-01",
            "--reminder",
            "2025-02-01",
        ],
        &["--reminder", "before the due date"],
    );
    fails(
        &[
            "--provider",
            "kpn",
            "--principal",
            "100",
            "--due",
            "2025-01-01",
        ],
        &["--provider", "unknown provider 'kpn'"],
    );
    fails(
        &[
            "--principal",
            "100",
            "--due",
            "2025-01-01",
            "--kind",
            "consumer",
            "--reminder",
            "2025-01-05",
        ],
        &["--reminder: only used with a provider"],
    );
}

#[test]
fn strict_past_coverage() {
    fails(
        &[
            "--principal",
            "100",
            "--due",
            "2026-10-31",
            "--until",
            "2027-01-31",
            "--kind",
            "commercial",
            "--strict",
        ],
        &["--strict", "2026-12-31"],
    );
    // Paid off before the coverage ends: no rate is needed past it, so --strict passes.
    interest(&[
        "--principal",
        "100",
        "--due",
        "2026-10-31",
        "--until",
        "2027-01-31",
        "--kind",
        "commercial",
        "--strict",
        "--payment",
        "2026-11-10=200",
    ])
    .success()
    .stdout(predicate::str::contains("complete through").not());
    // Within coverage --strict changes nothing.
    interest(&[
        "--principal",
        "100",
        "--due",
        "2026-10-31",
        "--until",
        "2026-11-23",
        "--kind",
        "commercial",
        "--strict",
    ])
    .success();
}

#[test]
fn before_the_table_starts() {
    // Commercial interest is known from 2002-08-08 only.
    fails(
        &[
            "--principal",
            "100",
            "--due",
            "2001-01-01",
            "--until",
            "2003-01-01",
            "--kind",
            "commercial",
        ],
        &["--due", "2002-08-08"],
    );
}

#[test]
fn unused_reminder_warns() {
    interest(&[
        "--provider",
        "qupra",
        "--principal",
        "100",
        "--due",
        "2025-01-01",
        "--until",
        "2025-02-01",
        "--reminder",
        "2025-01-05",
    ])
    .success()
    .stdout(predicate::str::contains(
        "warning: the reminder date is not used",
    ));
}

#[test]
fn table_fits_80_columns() {
    let a = interest(&[
        "--claim",
        "500@2025-01-31",
        "--claim",
        "1000000000000@2025-02-28",
        "--until",
        "2026-07-31",
        "--payment",
        "2025-06-30=400@2",
        "--explain",
        "--provider",
        "qupra",
        "--costs",
        "40",
    ])
    .success();
    let out = String::from_utf8_lossy(&a.get_output().stdout).to_string();
    for line in out.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    let _ = K;
}

/// A broken `[late_payment]` section is exit 3 with file:line:col and the key path.
#[test]
fn late_payment_section_is_validated() {
    let text = std::fs::read_to_string("providers/compri.toml").unwrap();
    let dir = std::env::temp_dir().join(format!("termcalc-lp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        (
            "percent = \"2\"",
            "percent = \"0\"",
            "late_payment.interest.percent",
        ),
        (
            "start = \"after_demand\", demand_days = 5,",
            "start = \"after_demand\",",
            "late_payment.consumer_interest.start",
        ),
        (
            "kind = \"after_demand\", days = 5,",
            "kind = \"after_demand\", days = 0,",
            "late_payment.default.days",
        ),
        (
            "order = \"interest_first\"",
            "order = \"newest_first\"",
            "unknown variant",
        ),
    ];
    for (i, (from, to, needle)) in cases.iter().enumerate() {
        assert!(text.contains(from), "fixture text changed: {from}");
        let broken = text.replacen(from, to, 1);
        let sub = dir.join(i.to_string());
        std::fs::create_dir_all(&sub).unwrap();
        let path = sub.join("compri.toml");
        std::fs::write(&path, &broken).unwrap();
        let line = broken.lines().position(|l| l.contains(to)).unwrap() + 1;
        let shown = path.display().to_string();
        Command::cargo_bin("termcalc")
            .unwrap()
            .args(["providers", "check"])
            .arg(&path)
            .assert()
            .code(3)
            .stderr(predicate::str::contains(format!("{shown}:{line}:")))
            .stderr(predicate::str::contains(*needle))
            .stderr(predicate::str::contains("differs from the file name").not());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn costs_from_needs_costs() {
    fails(
        &[
            "--principal",
            "100",
            "--due",
            "2025-01-01",
            "--kind",
            "commercial",
            "--costs-from",
            "2025-02-01",
        ],
        &["--costs"],
    );
}
