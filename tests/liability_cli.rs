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

/// `termcalc --as-of DATE liability`.
fn cmd_at(as_of: &str) -> Command {
    let mut c = Command::cargo_bin("termcalc").unwrap();
    c.env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .args(["--as-of", as_of, "liability"]);
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
        &["--known-date: needs the event date"],
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
        &["--monthly: needed, because", "art. 13.6"],
    );
    // Compri 23.2: fees received over 3 months.
    fails_with(
        &["--provider", "compri", "--damage", "5"],
        &["--fees-paid: needed, because", "art. 23.2"],
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
        &["--term-months: needed, because", "art. 11.5"],
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
        &[
            "--order-value: needed, because",
            "what the insurer pays out",
            "11.4",
        ],
    );
    // Quatel 7.3: the last invoice paid.
    fails_with(
        &["--provider", "quatel", "--damage", "5"],
        &[
            "--last-invoice: needed, because",
            "art. 7.3",
            "no invoice paid",
        ],
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
            "--paid-this-year",
            "0",
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

#[test]
fn yearly_maximum_without_paid_this_year_defaults_to_0_with_a_warning() {
    // Voipro 8.3: lowest of EUR 5,000 and what is left of EUR 10,000 a calendar year. Issue 10
    // item 13: --paid-this-year defaults to 0 (as its help says), with a warning. (This test
    // used to expect exit 2.) Ceiling = min(5000.00, 10000.00 - 0.00) = 5000.00; recoverable =
    // min(7500.00, 5000.00) = 5000.00.
    cmd()
        .args([
            "--format",
            "json",
            "--provider",
            "voipro",
            "--damage",
            "7500",
            "--damage-kind",
            "property",
        ])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("\"ceiling\": \"5000.00\"")
                .and(predicate::str::contains("\"recoverable\": \"5000.00\""))
                .and(predicate::str::contains(
                    "already paid out this calendar year is not given: taken as 0",
                ))
                .and(predicate::str::contains(
                    "\"paid_this_year_source\": \"default 0\"",
                )),
        );
    // Given, it is used and no warning is shown: min(5000.00, 10000.00 - 6000.00) = 4000.00.
    cmd()
        .args([
            "--format",
            "json",
            "--provider",
            "voipro",
            "--damage",
            "7500",
            "--damage-kind",
            "property",
            "--paid-this-year",
            "6000",
        ])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("\"ceiling\": \"4000.00\"")
                .and(predicate::str::contains("not given: taken as 0").not()),
        );
}

#[test]
fn quatel_needs_the_last_invoice_or_an_explicit_no_invoice_paid() {
    // Issue 10 item 14: the fixed monthly fee no longer stands in silently for 7.3's last
    // invoice paid; only --no-invoice-paid (none paid yet) lets it.
    fails_with(
        &[
            "--provider",
            "quatel",
            "--damage",
            "1000",
            "--monthly",
            "99",
        ],
        &[
            "--last-invoice: needed, because",
            "art. 7.3",
            "no invoice paid",
        ],
    );
    fails_with(
        &[
            "--provider",
            "quatel",
            "--damage",
            "1000",
            "--no-invoice-paid",
        ],
        &["--monthly: needed, because", "no invoice paid yet", "7.3"],
    );
    fails_with(
        &[
            "--provider",
            "quatel",
            "--damage",
            "1000",
            "--no-invoice-paid",
            "--last-invoice",
            "50",
        ],
        &["--no-invoice-paid", "--last-invoice"],
    );
}

#[test]
fn voipzeker_insurer_paying_0_falls_back_to_the_order_value() {
    // 11.4: "niet tot uitkering overgaat" includes a payout of 0, so the cap is the order's
    // invoice value 800.00, not 0. 11.5 does not apply (--term-months 3 is not over 6 months).
    // Ceiling = 800.00; recoverable = min(2000.00, 800.00) = 800.00.
    cmd()
        .args([
            "--format",
            "json",
            "--provider",
            "voipzeker",
            "--damage",
            "2000",
            "--insurer-payout",
            "0",
            "--order-value",
            "800",
            "--term-months",
            "3",
        ])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("\"ceiling\": \"800.00\"")
                .and(predicate::str::contains("\"recoverable\": \"800.00\""))
                .and(predicate::str::contains("niet tot uitkering overgaat")),
        );
    // A payout of 0 without the order value: the fallback's figure is needed.
    fails_with(
        &[
            "--provider",
            "voipzeker",
            "--damage",
            "2000",
            "--insurer-payout",
            "0",
            "--term-months",
            "3",
        ],
        &["--order-value: needed, because", "11.4"],
    );
    // A payout of 0.01 is a payout: the cap is 0.01.
    cmd()
        .args([
            "--format",
            "json",
            "--provider",
            "voipzeker",
            "--damage",
            "2000",
            "--insurer-payout",
            "0.01",
            "--order-value",
            "800",
            "--term-months",
            "3",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"ceiling\": \"0.01\""));
}

#[test]
fn compri_22_1_five_working_days_for_business_beside_the_year_of_26() {
    // Discovered Thu 2025-04-24; 5 working days after it, Atw holidays excluded: Fri 25 (1),
    // Mon 28 (2), Tue 29 (3), Sun 27 skipped, Koningsdag is Sat 26 in 2025 (a weekend day
    // anyway), Wed 30 (4), Thu 1 May (5) -> last day 2025-05-01. Art. 26: the claim lapses
    // 12 months after the event 2025-04-20 -> 2026-04-20. Earliest: 2025-05-01; on as-of
    // 2025-05-02 it has passed.
    cmd_at("2025-05-02")
        .args([
            "--format",
            "json",
            "--provider",
            "compri",
            "--damage",
            "500",
            "--fees-paid",
            "900",
            "--event-date",
            "2025-04-20",
            "--discovered",
            "2025-04-24",
            "--customer",
            "business",
        ])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("\"claim_deadline\": \"2025-05-01\"")
                .and(predicate::str::contains("\"claim_deadline_passed\": true"))
                .and(predicate::str::contains("\"last_day\": \"2026-04-20\""))
                .and(predicate::str::contains("\"article\": \"22.1\"")),
        );
    // On the last day itself it has not passed.
    cmd_at("2025-05-01")
        .args([
            "--format",
            "json",
            "--provider",
            "compri",
            "--damage",
            "500",
            "--fees-paid",
            "900",
            "--event-date",
            "2025-04-20",
            "--discovered",
            "2025-04-24",
        ])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("\"claim_deadline\": \"2025-05-01\"")
                .and(predicate::str::contains("\"claim_deadline_passed\": false")),
        );
    // A consumer: the one-month period of 22.1 is shorter than a year and set aside (BW
    // 6:236 sub g, as for every such period); the 5 working days do not apply to consumers.
    cmd_at("2025-05-02")
        .args([
            "--format",
            "json",
            "--provider",
            "compri",
            "--damage",
            "500",
            "--fees-paid",
            "900",
            "--event-date",
            "2025-04-20",
            "--discovered",
            "2025-04-24",
            "--customer",
            "consumer",
        ])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("2025-05-01")
                .not()
                .and(predicate::str::contains("does not apply to a consumer")),
        );
}
