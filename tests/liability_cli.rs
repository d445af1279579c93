//! Error paths of `termcalc liability`: every bad input gets exit 2 and one sentence on stderr
//! that names the flag; never a panic.

use assert_cmd::Command;
use predicates::prelude::*;

fn cmd() -> Command {
    let mut c = Command::cargo_bin("termcalc").unwrap();
    c.env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .args(["--as-of", "2025-03-20", "liability"]);
    c
}

/// Runs the command and checks exit 2, no panic, and that stderr contains every fragment.
fn fails_with(args: &[&str], fragments: &[&str]) {
    let mut pred = predicate::str::contains("panicked")
        .not()
        .and(predicate::str::starts_with("termcalc: "))
        .boxed();
    for f in fragments {
        pred = pred.and(predicate::str::contains(*f)).boxed();
    }
    cmd().args(args).assert().code(2).stdout("").stderr(pred);
}

#[test]
fn negative_damage() {
    fails_with(
        &["--provider", "qupra", "--damage", "-5"],
        &["--damage", "negative"],
    );
}

#[test]
fn malformed_damage() {
    fails_with(
        &["--provider", "qupra", "--damage", "1.234,56"],
        &["--damage", "thousands separators"],
    );
    fails_with(&["--provider", "qupra", "--damage", "abc"], &["--damage"]);
}

#[test]
fn damage_too_large() {
    fails_with(
        &["--provider", "qupra", "--damage", "99999999999999999"],
        &["--damage", "too large"],
    );
}

#[test]
fn negative_figures_name_their_flag() {
    for flag in [
        "--monthly",
        "--fees-paid",
        "--paid-this-year",
        "--last-invoice",
        "--insurer-payout",
        "--order-value",
    ] {
        fails_with(
            &["--provider", "qupra", "--damage", "5", flag, "-1"],
            &[flag, "negative"],
        );
    }
}

#[test]
fn unknown_damage_kind_lists_the_accepted_kinds() {
    fails_with(
        &[
            "--provider",
            "qupra",
            "--damage",
            "5",
            "--damage-kind",
            "lost-profit",
        ],
        &[
            "--damage-kind",
            "direct, property, indirect, data, personal-injury",
        ],
    );
}

#[test]
fn known_date_before_event() {
    fails_with(
        &[
            "--provider",
            "qupra",
            "--damage",
            "5",
            "--event-date",
            "2025-03-10",
            "--known-date",
            "2025-03-09",
        ],
        &["--known-date", "before the event date 2025-03-10"],
    );
}

#[test]
fn known_date_without_event() {
    fails_with(
        &[
            "--provider",
            "qupra",
            "--damage",
            "5",
            "--known-date",
            "2025-03-09",
        ],
        &["--known-date needs --event-date"],
    );
}

#[test]
fn event_after_as_of() {
    fails_with(
        &[
            "--provider",
            "qupra",
            "--damage",
            "5",
            "--event-date",
            "2025-03-21",
        ],
        &["--event-date", "after the as-of date"],
    );
}

#[test]
fn malformed_dates() {
    fails_with(
        &[
            "--provider",
            "qupra",
            "--damage",
            "5",
            "--event-date",
            "10-03-2025",
        ],
        &["--event-date", "YYYY-MM-DD"],
    );
    fails_with(
        &[
            "--provider",
            "qupra",
            "--damage",
            "5",
            "--event-date",
            "2025-02-30",
        ],
        &["--event-date"],
    );
}

#[test]
fn unknown_provider_and_customer() {
    fails_with(&["--provider", "acme", "--damage", "5"], &["acme"]);
    fails_with(
        &[
            "--provider",
            "qupra",
            "--damage",
            "5",
            "--customer",
            "alien",
        ],
        &["--customer"],
    );
}

#[test]
fn missing_damage() {
    fails_with(&["--provider", "qupra"], &["--damage"]);
}

#[test]
fn missing_figure_names_flag_and_article() {
    // Qupra 13.6: 1 x the fixed monthly fee.
    fails_with(
        &[
            "--provider",
            "qupra",
            "--damage",
            "5",
            "--damage-kind",
            "property",
        ],
        &["--monthly is needed", "art. 13.6"],
    );
    // Compri 23.2: fees received over 3 months.
    fails_with(
        &["--provider", "compri", "--damage", "5"],
        &["--fees-paid is needed", "art. 23.2"],
    );
    // VOIPZeker 11.5 depends on the contract term.
    fails_with(
        &[
            "--provider",
            "voipzeker",
            "--damage",
            "5",
            "--order-value",
            "100",
        ],
        &["--term-months is needed", "art. 11.5"],
    );
    // VOIPZeker 11.4: the insurer's payout or the order value.
    fails_with(
        &[
            "--provider",
            "voipzeker",
            "--damage",
            "5",
            "--term-months",
            "3",
        ],
        &["--order-value is needed", "--insurer-payout", "11.4"],
    );
    // Quatel 7.3: the last invoice paid.
    fails_with(
        &["--provider", "quatel", "--damage", "5"],
        &["--last-invoice is needed", "art. 7.3"],
    );
}

#[test]
fn missing_figure_is_not_needed_when_excluded_or_uncapped() {
    cmd()
        .args([
            "--provider",
            "qupra",
            "--damage",
            "5",
            "--damage-kind",
            "indirect",
        ])
        .assert()
        .success();
    cmd()
        .args([
            "--provider",
            "compri",
            "--damage",
            "5",
            "--gross-negligence",
        ])
        .assert()
        .success();
}

#[test]
fn amounts_up_to_ten_to_the_twelfth() {
    cmd()
        .args([
            "--format",
            "json",
            "--provider",
            "compri",
            "--damage",
            "1000000000000",
            "--fees-paid",
            "999999999999.99",
            "--damage-kind",
            "property",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"recoverable\": \"15000.00\""));
    cmd()
        .args([
            "--format",
            "json",
            "--provider",
            "qupra",
            "--damage",
            "1000000000000",
            "--monthly",
            "1000000000000",
            "--series",
            "--paid-this-year",
            "1000000000000",
            "--damage-kind",
            "property",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"recoverable\": \"0.00\""));
}

#[test]
fn csv_and_table_render() {
    cmd()
        .args([
            "--format",
            "csv",
            "--provider",
            "voipro",
            "--damage",
            "7500",
            "--damage-kind",
            "property",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("ceiling").and(predicate::str::contains("5000.00")));
    cmd()
        .args([
            "--explain",
            "--provider",
            "quatel",
            "--damage",
            "80",
            "--last-invoice",
            "125.40",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("art. 7.3"));
}

#[test]
fn help_shows_an_example() {
    Command::cargo_bin("termcalc")
        .unwrap()
        .args(["liability", "--help"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Example").and(predicate::str::contains(
                "termcalc liability --provider qupra",
            )),
        );
}

#[test]
fn bad_term_months() {
    for bad in ["-3", "0", "twelve", "1.5"] {
        fails_with(
            &[
                "--provider",
                "voipzeker",
                "--damage",
                "5",
                "--term-months",
                bad,
            ],
            &["--term-months", "whole number of months"],
        );
    }
}

/// A provider file with an impossible liability value: exit 3 with file, line and key path.
#[test]
fn broken_liability_section_is_located() {
    let dir = std::env::temp_dir().join(format!("termcalc-liability-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/providers/voipro.toml"
    ))
    .unwrap();
    let bad = src.replacen("amount = \"5000.00\"", "amount = \"0.00\"", 1);
    assert_ne!(src, bad);
    let file = dir.join("voipro.toml");
    std::fs::write(&file, bad).unwrap();
    Command::cargo_bin("termcalc")
        .unwrap()
        .args(["providers", "check"])
        .arg(&file)
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains("liability.ceiling.items[0].amount")
                .and(predicate::str::contains("voipro.toml:")),
        );
    let unknown = src.replacen(
        "[liability.series]\n",
        "[liability.series]\ncolour = \"red\"\n",
        1,
    );
    std::fs::write(&file, unknown).unwrap();
    Command::cargo_bin("termcalc")
        .unwrap()
        .args(["providers", "check"])
        .arg(&file)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("colour"));
    let _ = std::fs::remove_dir_all(&dir);
}
