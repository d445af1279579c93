//! `termcalc buyout` end to end: the golden questions of `buyout_golden.rs` through the binary
//! (end-date engine included), the output contract, and every error path.
//!
//! The figures are the hand-worked ones of `buyout_golden.rs`; each case repeats the short
//! arithmetic. Here the regular end comes from the end-date engine, so these cases also check
//! that the engine's regular end is the one worked out by hand.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn termcalc() -> Command {
    let mut c = Command::cargo_bin("termcalc").unwrap();
    c.env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR");
    c
}

fn json(as_of: &str, args: &[&str]) -> Value {
    let out = termcalc()
        .args(["--format", "json", "--as-of", as_of, "buyout"])
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

fn has_warning(v: &Value, needle: &str) -> bool {
    v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w.as_str().unwrap().contains(needle))
}

/// (total, vat, total incl. VAT, regular end, remaining months)
fn expect(v: &Value, total: &str, vat: &str, incl: &str, end: &str, months: &str) {
    let r = &v["result"];
    assert_eq!(r["total"], total, "{r:#}");
    assert_eq!(r["vat"], vat, "{r:#}");
    assert_eq!(r["total_incl_vat"], incl, "{r:#}");
    assert_eq!(r["regular_end_date"], end, "{r:#}");
    assert_eq!(r["remaining_months"], months, "{r:#}");
}

// ---- Qupra (5.1.d) -------------------------------------------------------------------------

/// Mid-period: 2025-07..12 = 6 months; 50 × 6 + 12.40 × 6 = 374.40; VAT 78.62.
#[test]
fn qupra_mid_period() {
    let v = json(
        "2025-06-15",
        &[
            "--provider",
            "qupra",
            "--start",
            "2025-01-01",
            "--end",
            "2025-06-30",
            "--monthly",
            "50",
            "--usage-monthly",
            "12.40",
        ],
    );
    expect(&v, "374.40", "78.62", "453.02", "2025-12-31", "6");
    let c = &v["result"]["components"];
    assert_eq!(c[0]["label"], "fixed fees");
    assert_eq!(c[0]["amount"], "300.00");
    assert_eq!(c[0]["article"], "5.1.d (i)");
    assert_eq!(c[1]["article"], "5.1.d (ii)");
    // Inputs as understood: notice from --as-of, customer from the provider default.
    assert_eq!(v["inputs"]["notice"], "2025-06-15");
    assert_eq!(v["inputs"]["customer"], "reseller");
    assert_eq!(v["command"], "buyout");
}

/// Partial months: 10/30 + 5 + 14/31 = 5.7849; 289.25 + 71.73 = 360.98; VAT 75.81.
#[test]
fn qupra_partial_month() {
    let v = json(
        "2025-09-01",
        &[
            "--provider",
            "qupra",
            "--start",
            "2025-03-15",
            "--end",
            "2025-09-20",
            "--monthly",
            "50",
            "--usage-monthly",
            "12.40",
        ],
    );
    expect(&v, "360.98", "75.81", "436.79", "2026-03-14", "5.7849");
}

/// Before delivery: 50 × 12 + one-off 250 = 850.00; VAT 178.50.
#[test]
fn qupra_before_delivery() {
    let v = json(
        "2025-05-10",
        &[
            "--provider",
            "qupra",
            "--start",
            "2025-05-01",
            "--end",
            "2025-05-10",
            "--monthly",
            "50",
            "--one-off",
            "250",
            "--not-delivered",
        ],
    );
    expect(&v, "850.00", "178.50", "1028.50", "2026-04-30", "12");
}

/// Business end-user after the initial term: Tw 7.2a end 2025-04-10; 50 × 10/30 = 16.67.
#[test]
fn qupra_after_initial_term_end_user() {
    let v = json(
        "2025-03-10",
        &[
            "--provider",
            "qupra",
            "--start",
            "2024-01-01",
            "--end",
            "2025-03-31",
            "--monthly",
            "50",
            "--customer",
            "business",
        ],
    );
    expect(&v, "16.67", "3.50", "20.17", "2025-04-10", "0.3333");
    assert_eq!(v["result"]["regime"], "Telecommunicatiewet art. 7.2a");
    let steps = v["steps"].as_array().unwrap();
    assert!(steps.iter().any(|s| s["text"]
        .as_str()
        .unwrap()
        .contains("is set aside for the days after the initial term")));
}

/// Reseller in the renewal year: 9 months × (50 + 12.40) = 561.60; VAT 117.94.
#[test]
fn qupra_renewal_year_reseller() {
    let v = json(
        "2025-03-10",
        &[
            "--provider",
            "qupra",
            "--start",
            "2024-01-01",
            "--end",
            "2025-03-31",
            "--monthly",
            "50",
            "--usage-monthly",
            "12.40",
        ],
    );
    expect(&v, "561.60", "117.94", "679.54", "2025-12-31", "9");
}

/// Leaving after the regular end costs nothing, and a step says so.
#[test]
fn qupra_leaving_after_regular_end() {
    let v = json(
        "2025-06-15",
        &[
            "--provider",
            "qupra",
            "--start",
            "2025-01-01",
            "--end",
            "2026-01-15",
            "--monthly",
            "50",
        ],
    );
    expect(&v, "0.00", "0.00", "0.00", "2025-12-31", "0");
    assert_eq!(v["result"]["basis"], "none");
    assert!(v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["text"].as_str().unwrap().contains("nothing is owed")));
}

// ---- VOIPZeker (4.5/8.2, 4.1, 4.3/7.11) ----------------------------------------------------

/// Mid-period: 18 months × 39.95 = 719.10; VAT 151.01.
#[test]
fn voipzeker_mid_period() {
    let v = json(
        "2025-06-10",
        &[
            "--provider",
            "voipzeker",
            "--start",
            "2025-01-01",
            "--end",
            "2025-06-30",
            "--monthly",
            "39.95",
            "--term-months",
            "24",
        ],
    );
    expect(&v, "719.10", "151.01", "870.11", "2026-12-31", "18");
}

/// Partial month: 39.95 × (11/31 + 9) = 373.73; VAT 78.48.
#[test]
fn voipzeker_partial_month() {
    let v = json(
        "2025-03-01",
        &[
            "--provider",
            "voipzeker",
            "--start",
            "2025-01-01",
            "--end",
            "2025-03-20",
            "--monthly",
            "39.95",
            "--term-months",
            "12",
        ],
    );
    expect(&v, "373.73", "78.48", "452.21", "2025-12-31", "9.3548");
}

/// Before delivery: 20 % × 39.95 × 12 = 95.88, flagged as a minimum.
#[test]
fn voipzeker_before_delivery() {
    let v = json(
        "2025-02-05",
        &[
            "--provider",
            "voipzeker",
            "--start",
            "2025-02-01",
            "--end",
            "2025-02-05",
            "--monthly",
            "39.95",
            "--term-months",
            "12",
            "--not-delivered",
        ],
    );
    expect(&v, "95.88", "20.13", "116.01", "2026-01-31", "12");
    assert!(has_warning(&v, "minimum"));
}

/// End-user after the initial term: Tw end 2025-04-10; list price 49.95 × (11/31 + 10/30) =
/// 34.37. As written for a reseller the end is 2025-04-30: 49.95 × (11/31 + 1) = 67.67.
#[test]
fn voipzeker_after_initial_term() {
    let args = [
        "--provider",
        "voipzeker",
        "--start",
        "2024-01-01",
        "--end",
        "2025-03-20",
        "--monthly",
        "39.95",
        "--term-months",
        "12",
        "--list-monthly",
        "49.95",
    ];
    let v = json("2025-03-10", &args);
    expect(&v, "34.37", "7.22", "41.59", "2025-04-10", "0.6882");
    let mut reseller = args.to_vec();
    reseller.extend(["--customer", "reseller"]);
    let v = json("2025-03-10", &reseller);
    expect(&v, "67.67", "14.21", "81.88", "2025-04-30", "1.3548");
}

/// Leaving after the regular end: nothing.
#[test]
fn voipzeker_leaving_after_regular_end() {
    let v = json(
        "2025-10-15",
        &[
            "--provider",
            "voipzeker",
            "--start",
            "2025-01-01",
            "--end",
            "2026-01-31",
            "--monthly",
            "39.95",
            "--term-months",
            "12",
        ],
    );
    expect(&v, "0.00", "0.00", "0.00", "2025-12-31", "0");
}

/// Late notice straddling the end of the initial term (see buyout_golden.rs): reseller
/// 39.95 + 49.95 = 89.90 to 2026-01-31; Qupra end-user 50 + 12.40 + 16.13 = 78.53 to 2026-01-10.
#[test]
fn late_notice_straddles_the_term() {
    let v = json(
        "2025-12-10",
        &[
            "--provider",
            "voipzeker",
            "--start",
            "2025-01-01",
            "--end",
            "2025-11-30",
            "--monthly",
            "39.95",
            "--term-months",
            "12",
            "--list-monthly",
            "49.95",
            "--customer",
            "reseller",
        ],
    );
    expect(&v, "89.90", "18.88", "108.78", "2026-01-31", "2");
    let v = json(
        "2025-12-10",
        &[
            "--provider",
            "qupra",
            "--start",
            "2025-01-01",
            "--end",
            "2025-11-30",
            "--monthly",
            "50",
            "--usage-monthly",
            "12.40",
            "--customer",
            "business",
        ],
    );
    expect(&v, "78.53", "16.49", "95.02", "2026-01-10", "1.3226");
}

// ---- Quatel (17.1/17.2) --------------------------------------------------------------------

/// Mid-period 6 × 64.50 = 387.00; partial 6.5 × 64.50 = 419.25.
#[test]
fn quatel_mid_period_and_partial_month() {
    let v = json(
        "2025-09-15",
        &[
            "--provider",
            "quatel",
            "--start",
            "2025-04-01",
            "--end",
            "2025-09-30",
            "--monthly",
            "64.50",
            "--term-months",
            "12",
        ],
    );
    expect(&v, "387.00", "81.27", "468.27", "2026-03-31", "6");
    let v = json(
        "2025-09-15",
        &[
            "--provider",
            "quatel",
            "--start",
            "2025-04-01",
            "--end",
            "2025-09-15",
            "--monthly",
            "64.50",
            "--term-months",
            "12",
        ],
    );
    expect(&v, "419.25", "88.04", "507.29", "2026-03-31", "6.5");
}

/// Before RFS: 12 × 64.50 = 774.00.
#[test]
fn quatel_before_delivery() {
    let v = json(
        "2025-05-20",
        &[
            "--provider",
            "quatel",
            "--start",
            "2025-05-01",
            "--end",
            "2025-05-20",
            "--monthly",
            "64.50",
            "--term-months",
            "12",
            "--not-delivered",
        ],
    );
    expect(&v, "774.00", "162.54", "936.54", "2026-04-30", "12");
}

/// After the initial term: notice 2025-09-10 → end 2025-10-10; 64.50 × 10/31 = 20.81; leaving
/// on the regular end itself costs nothing.
#[test]
fn quatel_after_initial_term() {
    let v = json(
        "2025-09-10",
        &[
            "--provider",
            "quatel",
            "--start",
            "2024-04-01",
            "--end",
            "2025-09-30",
            "--monthly",
            "64.50",
            "--term-months",
            "12",
        ],
    );
    expect(&v, "20.81", "4.37", "25.18", "2025-10-10", "0.3226");
    let v = json(
        "2025-09-10",
        &[
            "--provider",
            "quatel",
            "--start",
            "2024-04-01",
            "--end",
            "2025-10-10",
            "--monthly",
            "64.50",
            "--term-months",
            "12",
        ],
    );
    expect(&v, "0.00", "0.00", "0.00", "2025-10-10", "0");
}

// ---- No clause: Compri, Voipro ---------------------------------------------------------------

/// Compri DSL: 8 months × 29.00 = 232.00, an estimate with a warning.
#[test]
fn compri_no_clause() {
    let v = json(
        "2025-06-10",
        &[
            "--provider",
            "compri",
            "--service",
            "dsl",
            "--start",
            "2025-03-01",
            "--end",
            "2025-06-30",
            "--monthly",
            "29",
        ],
    );
    expect(&v, "232.00", "48.72", "280.72", "2026-02-28", "8");
    assert_eq!(v["result"]["basis"], "estimate");
    assert!(has_warning(&v, "no buyout clause"));
    // VoIP, indefinite: Tw 7.2a end 2025-07-10; 29 × (20/30 + 10/31) = 28.69.
    let v = json(
        "2025-06-10",
        &[
            "--provider",
            "compri",
            "--service",
            "voip",
            "--start",
            "2025-03-01",
            "--end",
            "2025-06-10",
            "--monthly",
            "29",
        ],
    );
    expect(&v, "28.69", "6.02", "34.71", "2025-07-10", "0.9892");
    assert_eq!(v["inputs"]["service"], "voip");
}

/// Voipro: written 12-month term, 6 months × 100 = 600.00 (estimate); default per working day:
/// end 2025-06-11, 1/30 × 100 = 3.33.
#[test]
fn voipro_no_clause() {
    let v = json(
        "2025-06-15",
        &[
            "--provider",
            "voipro",
            "--start",
            "2025-01-01",
            "--end",
            "2025-06-30",
            "--monthly",
            "100",
            "--term-months",
            "12",
        ],
    );
    expect(&v, "600.00", "126.00", "726.00", "2025-12-31", "6");
    let v = json(
        "2025-06-10",
        &[
            "--provider",
            "voipro",
            "--start",
            "2025-01-01",
            "--end",
            "2025-06-10",
            "--monthly",
            "100",
        ],
    );
    expect(&v, "3.33", "0.70", "4.03", "2025-06-11", "0.0333");
    assert_eq!(v["result"]["basis"], "estimate");
}

// ---- Output formats ------------------------------------------------------------------------

#[test]
fn table_shows_totals_and_components_within_80_columns() {
    let out = termcalc()
        .args([
            "--as-of",
            "2025-09-01",
            "buyout",
            "--provider",
            "qupra",
            "--start",
            "2025-03-15",
            "--end",
            "2025-09-20",
            "--monthly",
            "50",
            "--usage-monthly",
            "12.40",
            "--explain",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Buyout excl. VAT"));
    assert!(text.contains("360.98"));
    assert!(text.contains("436.79"));
    assert!(text.contains("Components"));
    assert!(text.contains("art. 5.1.d (i)"));
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
}

#[test]
fn csv_has_the_result_columns() {
    termcalc()
        .args([
            "--format",
            "csv",
            "--as-of",
            "2025-06-15",
            "buyout",
            "--provider",
            "quatel",
            "--start",
            "2025-01-01",
            "--end",
            "2025-06-30",
            "--monthly",
            "10",
            "--term-months",
            "12",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "total,vat,total_incl_vat,leaving_day,regular_end_date,remaining_months,",
        ))
        .stdout(predicate::str::contains(
            "60.00,12.60,72.60,2025-06-30,2025-12-31,6,",
        ));
}

#[test]
fn help_has_an_example() {
    termcalc()
        .args(["buyout", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Example:"))
        .stdout(predicate::str::contains("termcalc --as-of"));
}

// ---- Error paths: exit 2, one sentence naming the flag (and the clause) ---------------------

fn fails(args: &[&str], needles: &[&str]) {
    let out = termcalc().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    for n in needles {
        assert!(err.contains(n), "{n:?} not in {err}");
    }
    assert!(out.stdout.is_empty());
}

#[test]
fn leaving_day_before_start() {
    fails(
        &[
            "--as-of",
            "2025-02-01",
            "buyout",
            "--provider",
            "qupra",
            "--start",
            "2025-02-01",
            "--end",
            "2025-01-31",
            "--monthly",
            "50",
        ],
        &["--end", "before the start 2025-02-01"],
    );
}

#[test]
fn negative_fees() {
    for flag in [
        "--monthly",
        "--usage-monthly",
        "--one-off",
        "--list-monthly",
    ] {
        let mut args = vec![
            "--as-of",
            "2025-02-01",
            "buyout",
            "--provider",
            "qupra",
            "--start",
            "2025-01-01",
            "--end",
            "2025-03-01",
        ];
        if flag != "--monthly" {
            args.extend(["--monthly", "50"]);
        }
        args.extend([flag, "-5"]);
        fails(&args, &[flag, "negative"]);
    }
}

#[test]
fn missing_usage_for_qupra() {
    fails(
        &[
            "--as-of",
            "2025-02-01",
            "buyout",
            "--provider",
            "qupra",
            "--start",
            "2025-01-01",
            "--end",
            "2025-03-01",
            "--monthly",
            "50",
        ],
        &["--usage-monthly", "art. 5.1.d (ii)"],
    );
}

#[test]
fn missing_one_off_before_delivery_for_qupra() {
    fails(
        &[
            "--as-of",
            "2025-02-01",
            "buyout",
            "--provider",
            "qupra",
            "--start",
            "2025-01-01",
            "--end",
            "2025-01-20",
            "--monthly",
            "50",
            "--not-delivered",
        ],
        &["--one-off", "art. 5.1.d"],
    );
}

#[test]
fn missing_term_for_voipzeker() {
    fails(
        &[
            "--as-of",
            "2025-02-01",
            "buyout",
            "--provider",
            "voipzeker",
            "--start",
            "2025-01-01",
            "--end",
            "2025-01-20",
            "--monthly",
            "50",
            "--not-delivered",
        ],
        &["--term-months"],
    );
}

#[test]
fn bad_values() {
    fails(
        &[
            "buyout",
            "--provider",
            "qupra",
            "--start",
            "2025-13-01",
            "--end",
            "2025-01-20",
            "--monthly",
            "50",
        ],
        &["--start", "YYYY-MM-DD"],
    );
    fails(
        &[
            "buyout",
            "--provider",
            "qupra",
            "--start",
            "2025-01-01",
            "--end",
            "2025-01-20",
            "--monthly",
            "1.234,56",
        ],
        &["--monthly", "thousands"],
    );
    fails(
        &[
            "--as-of",
            "2025-02-01",
            "buyout",
            "--provider",
            "nosuch",
            "--start",
            "2025-01-01",
            "--end",
            "2025-01-20",
            "--monthly",
            "5",
        ],
        &["--provider", "unknown provider"],
    );
    fails(
        &[
            "buyout",
            "--provider",
            "qupra",
            "--start",
            "2025-01-01",
            "--end",
            "2025-01-20",
        ],
        &["--monthly"],
    );
    fails(
        &[
            "buyout",
            "--provider",
            "qupra",
            "--start",
            "2025-01-01",
            "--end",
            "2025-01-20",
            "--monthly",
            "5",
            "--customer",
            "alien",
        ],
        &["--customer", "consumer, business or reseller"],
    );
    fails(
        &[
            "buyout",
            "--provider",
            "qupra",
            "--start",
            "2025-01-01",
            "--end",
            "2025-01-20",
            "--monthly",
            "5",
            "--term-months",
            "9999",
        ],
        &["--term-months"],
    );
}

/// A broken buyout section in a provider file: exit 3 with file:line:col and the key.
#[test]
fn broken_buyout_section_is_a_data_error() {
    let dir = std::env::temp_dir().join(format!("termcalc-buyout-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/providers/quatel.toml"
    ))
    .unwrap()
    .replace(
        "percent = \"100\"\nscope = \"initial_term\"",
        "percent = \"150\"\nscope = \"initial_term\"",
    );
    let file = dir.join("quatel.toml");
    std::fs::write(&file, text).unwrap();
    let out = termcalc()
        .args(["providers", "check"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("quatel.toml:"), "{err}");
    assert!(err.contains("buyout.rules[0].percent"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
