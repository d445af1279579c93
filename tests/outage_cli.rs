//! `termcalc outage`: golden cases worked out by hand from Telecommunicatiewet art. 7.1a (and
//! its regulation, as read in docs/outage.md) and Quatel art. 20.1-20.4, run through the
//! command line in every output format; and every error path (exit 2, one sentence naming the
//! flag, never a panic).

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn cmd() -> Command {
    let mut c = Command::cargo_bin("termcalc").unwrap();
    c.env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .args(["--as-of", "2025-06-30"]);
    c
}

fn json(args: &[&str]) -> Value {
    let out = cmd()
        .args(["--format", "json", "outage"])
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

fn fails_with(args: &[&str], fragments: &[&str]) {
    let mut pred = predicate::str::contains("panicked")
        .not()
        .and(predicate::str::starts_with("termcalc: "))
        .boxed();
    for f in fragments {
        pred = pred.and(predicate::str::contains(*f)).boxed();
    }
    cmd()
        .arg("outage")
        .args(args)
        .assert()
        .code(2)
        .stdout("")
        .stderr(pred);
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v["result"][key]
        .as_str()
        .unwrap_or_else(|| panic!("{key}: {v}"))
}

/// Every step cites something; the outage steps cite art. 7.1a.
fn cites(v: &Value, law_or_provider: &str, article: &str) -> bool {
    v["steps"].as_array().unwrap().iter().any(|st| {
        let c = &st["citation"];
        (c["law"] == law_or_provider || c["provider"] == law_or_provider)
            && c["article"].as_str().unwrap_or("").contains(article)
    })
}

// ---- the statutory rule at its boundaries (monthly 45.00: one day = 45/30 = 1.50) ----

#[test]
fn exactly_twelve_hours_gives_nothing_and_warns() {
    let v = json(&[
        "--provider",
        "voipro",
        "--from",
        "2025-03-03T08:00",
        "--until",
        "2025-03-03T20:00",
        "--monthly",
        "45",
    ]);
    assert_eq!(s(&v, "outage_hours"), "12");
    assert_eq!(v["result"]["outage_days"], 0);
    assert_eq!(s(&v, "statutory"), "0.00");
    assert_eq!(s(&v, "compensation"), "0.00");
    assert!(v["warnings"].to_string().contains("exactly 12 hours"));
}

#[test]
fn twelve_hours_and_one_minute_is_one_day() {
    // 12 h 01 min > 12: ceil(12.0167 / 24) = 1 day; 1 x 45 / 30 = 1.50.
    let v = json(&[
        "--provider",
        "voipro",
        "--from",
        "2025-03-03T08:00",
        "--until",
        "2025-03-03T20:01",
        "--monthly",
        "45",
    ]);
    assert_eq!(s(&v, "outage_hours"), "12.0167");
    assert_eq!(v["result"]["outage_days"], 1);
    assert_eq!(s(&v, "statutory"), "1.50");
    assert!(cites(&v, "Telecommunicatiewet", "7.1a"));
    assert!(cites(&v, "voipro", "4.5"));
}

#[test]
fn twenty_four_hours_is_one_day_and_a_minute_more_is_two() {
    // 24:00 exactly: ceil(24/24) = 1 -> 1.50. 24:01: ceil(24.0167/24) = 2 -> 2 x 45/30 = 3.00.
    let v = json(&["--provider", "voipro", "--hours", "24", "--monthly", "45"]);
    assert_eq!(
        (v["result"]["outage_days"].as_u64(), s(&v, "statutory")),
        (Some(1), "1.50")
    );
    let v = json(&[
        "--provider",
        "voipro",
        "--from",
        "2025-03-03T08:00",
        "--until",
        "2025-03-04T08:01",
        "--monthly",
        "45",
    ]);
    assert_eq!(
        (v["result"]["outage_days"].as_u64(), s(&v, "statutory")),
        (Some(2), "3.00")
    );
}

#[test]
fn one_euro_minimum() {
    // 14 h on 15.00: 1 x 15 / 30 = 0.50 < 1.00 -> 1.00.
    let v = json(&["--provider", "compri", "--hours", "14", "--monthly", "15"]);
    assert_eq!(s(&v, "statutory"), "1.00");
    // 14 h on 29.99: 0.9997 -> 1.00 rounded; 14 h on 28.50: 0.95 -> raised to 1.00.
    let v = json(&[
        "--provider",
        "compri",
        "--hours",
        "14",
        "--monthly",
        "28.50",
    ]);
    assert_eq!(s(&v, "statutory"), "1.00");
    // 14 h on 31.00: 1.0333 -> 1.03, above the minimum.
    let v = json(&["--provider", "compri", "--hours", "14", "--monthly", "31"]);
    assert_eq!(s(&v, "statutory"), "1.03");
}

#[test]
fn prepaid_fifty_cents_per_started_day() {
    // 30 h: ceil(30/24) = 2 days x 0.50 = 1.00; no --monthly needed.
    let v = json(&["--provider", "voipzeker", "--hours", "30", "--prepaid"]);
    assert_eq!(s(&v, "statutory"), "1.00");
    // 13 h: 1 day x 0.50 = 0.50: no EUR 1 minimum for prepaid.
    let v = json(&["--provider", "voipzeker", "--hours", "13", "--prepaid"]);
    assert_eq!(s(&v, "statutory"), "0.50");
    assert_eq!(v["result"]["prepaid"], true);
}

#[test]
fn the_four_disclaiming_providers_answer_with_the_statutory_minimum() {
    // 26 h on 46.50 (the Consumentenbond example): 2 x 46.50 / 30 = 3.10.
    for (id, article) in [
        ("compri", "8.3, 12.4, 14.10"),
        ("qupra", "7.2"),
        ("voipro", "4.5"),
        ("voipzeker", "9.7"),
    ] {
        let v = json(&[
            "--provider",
            id,
            "--customer",
            "business",
            "--hours",
            "26",
            "--monthly",
            "46.50",
        ]);
        assert_eq!(s(&v, "statutory"), "3.10", "{id}");
        assert_eq!(s(&v, "provider"), "0.00", "{id}");
        assert_eq!(s(&v, "compensation"), "3.10", "{id}");
        assert_eq!(s(&v, "basis"), "statutory", "{id}");
        assert!(v["result"]["claim_by"].is_null(), "{id}");
        assert!(cites(&v, id, article), "{id} cites {article}");
    }
}

#[test]
fn a_reseller_is_not_an_end_user() {
    // Qupra's default customer is a reseller: 7.1a protects end-users only.
    let v = json(&["--provider", "qupra", "--hours", "26", "--monthly", "46.50"]);
    assert_eq!(s(&v, "statutory"), "0.00");
    assert_eq!(s(&v, "customer"), "reseller");
}

#[test]
fn excluded_causes() {
    for cause in ["flood", "terrorism", "war", "customer-equipment"] {
        let v = json(&[
            "--provider",
            "compri",
            "--hours",
            "26",
            "--monthly",
            "46.50",
            "--cause",
            cause,
        ]);
        assert_eq!(s(&v, "statutory"), "0.00", "{cause}");
    }
}

#[test]
fn an_earthquake_does_not_lift_the_duty_but_warns() {
    // The amendment adopted in January 2016: 2 x 46.50 / 30 = 3.10 as for any other cause.
    let v = json(&[
        "--provider",
        "compri",
        "--hours",
        "26",
        "--monthly",
        "46.50",
        "--cause",
        "earthquake",
    ]);
    assert_eq!(s(&v, "statutory"), "3.10");
    assert!(v["warnings"].to_string().contains("Earthquakes"));
}

// ---- Quatel's Betrouwbaarheidsgarantie (20.1-20.4) ----

const QUATEL_OK: &[&str] = &[
    "--provider",
    "quatel",
    "--from",
    "2025-03-03T08:00",
    "--until",
    "2025-03-04T10:00",
    "--monthly",
    "40",
    "--usage",
    "12.50",
    "--discovered",
    "2025-03-03",
    "--reported",
    "2025-03-13",
    "--direct-debit",
    "--exclusive-carrier",
    "--cause",
    "network",
];

fn without(flag: &str, takes_value: bool) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut skip = false;
    for a in QUATEL_OK {
        if skip {
            skip = false;
            continue;
        }
        if *a == flag {
            skip = takes_value;
            continue;
        }
        out.push(*a);
    }
    out
}

#[test]
fn quatel_guarantee_met_is_the_higher_of_the_two() {
    // 26 h: statutory 2 x 40 / 30 = 2.666.. = 2.67. Guarantee (20.2): the whole month's
    // subscription 40.00 + call charges 12.50 = 52.50. Reported 2025-03-13 = discovered
    // 2025-03-03 + 10 days: the last day, in time. Higher of (20.2): 52.50, basis provider.
    let v = json(QUATEL_OK);
    assert_eq!(s(&v, "statutory"), "2.67");
    assert_eq!(s(&v, "provider"), "52.50");
    assert_eq!(s(&v, "compensation"), "52.50");
    assert_eq!(s(&v, "basis"), "provider");
    assert_eq!(s(&v, "claim_by"), "2025-03-13");
    assert_eq!(v["result"]["claim_by_passed"], false);
    assert!(cites(&v, "quatel", "20.2"));
    assert!(cites(&v, "quatel", "20.4"));
    assert!(
        v["warnings"].as_array().unwrap().is_empty(),
        "{}",
        v["warnings"]
    );
}

#[test]
fn quatel_each_condition_failing_in_turn() {
    // Each time only one condition fails: the guarantee credits 0.00 and the statutory 2.67
    // stands. A condition not given warns and names it.
    let cases: Vec<(Vec<&str>, &str, Option<&str>)> = vec![
        // Reported 2025-03-14: one day after discovery + 10.
        (
            {
                let mut a = without("--reported", true);
                a.extend(["--reported", "2025-03-14"]);
                a
            },
            "reported_within",
            None,
        ),
        (
            without("--reported", true),
            "reported_within",
            Some("the report date was not given"),
        ),
        (
            without("--direct-debit", false),
            "direct_debit",
            Some("payment by direct debit was not stated"),
        ),
        (
            without("--exclusive-carrier", false),
            "exclusive_carrier",
            Some("exclusive use was not stated"),
        ),
        (
            [QUATEL_OK, &["--guarantee-used"]].concat(),
            "once_only",
            None,
        ),
        (
            without("--cause", true),
            "not_customer_equipment",
            Some("the cause was not given"),
        ),
    ];
    for (args, failed, warned) in cases {
        let v = json(&args);
        assert_eq!(s(&v, "provider"), "0.00", "{failed}");
        assert_eq!(s(&v, "compensation"), "2.67", "{failed}");
        assert_eq!(s(&v, "basis"), "statutory", "{failed}");
        assert_eq!(v["result"]["guarantee_met"], false, "{failed}");
        let not_met: Vec<&str> = v["result"]["conditions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["met"] == false)
            .map(|c| c["condition"].as_str().unwrap())
            .collect();
        assert_eq!(not_met, vec![failed]);
        let warnings = v["warnings"].to_string();
        match warned {
            Some(flag) => assert!(warnings.contains(flag), "{failed}: {warnings}"),
            None => assert!(
                !warnings.contains("counts as not met"),
                "{failed}: {warnings}"
            ),
        }
    }
}

#[test]
fn quatel_customer_equipment_fails_guarantee_and_statute() {
    let mut args = without("--cause", true);
    args.extend(["--cause", "customer-equipment"]);
    let v = json(&args);
    assert_eq!(s(&v, "provider"), "0.00");
    assert_eq!(s(&v, "statutory"), "0.00");
    assert_eq!(s(&v, "compensation"), "0.00");
}

#[test]
fn quatel_higher_of_keeps_the_statutory_amount_when_it_is_more() {
    // 31 days (2025-03-01 00:00 to 2025-04-01 00:00 = 744 h = 31 days): statutory
    // 31 x 40 / 30 = 41.333.. = 41.33. Guarantee 40.00 + 0.00 = 40.00. Higher of: 41.33.
    // Discovery defaults to the start (2025-03-01), so the last day to report is 2025-03-11.
    let v = json(&[
        "--provider",
        "quatel",
        "--from",
        "2025-03-01T00:00",
        "--until",
        "2025-04-01T00:00",
        "--monthly",
        "40",
        "--usage",
        "0",
        "--reported",
        "2025-03-11",
        "--direct-debit",
        "--exclusive-carrier",
        "--cause",
        "other",
    ]);
    assert_eq!(s(&v, "statutory"), "41.33");
    assert_eq!(s(&v, "provider"), "40.00");
    assert_eq!(s(&v, "compensation"), "41.33");
    assert_eq!(s(&v, "basis"), "statutory");
    assert_eq!(s(&v, "claim_by"), "2025-03-11");
}

#[test]
fn quatel_with_hours_and_no_discovery_date_counts_the_window_as_not_met() {
    let v = json(&[
        "--provider",
        "quatel",
        "--hours",
        "26",
        "--monthly",
        "40",
        "--reported",
        "2025-03-05",
        "--direct-debit",
        "--exclusive-carrier",
        "--cause",
        "network",
    ]);
    assert_eq!(s(&v, "provider"), "0.00");
    assert!(v["result"]["claim_by"].is_null());
    assert!(v["warnings"]
        .to_string()
        .contains("give the day the outage was discovered"));
}

#[test]
fn csv_and_table_carry_the_result_keys() {
    let out = cmd()
        .args([
            "--format",
            "csv",
            "outage",
            "--provider",
            "compri",
            "--hours",
            "26",
            "--monthly",
            "46.50",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    for key in [
        "outage_hours",
        "outage_days",
        "statutory",
        "provider",
        "compensation",
        "basis",
        "claim_by",
    ] {
        assert!(header.split(',').any(|h| h == key), "{key} in {header}");
    }
    assert!(lines.next().unwrap().contains("3.10"));
    cmd()
        .args([
            "outage",
            "--provider",
            "compri",
            "--hours",
            "26",
            "--monthly",
            "46.50",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Compensation").and(predicate::str::contains("3.10")));
}

#[test]
fn batch_rows_match_single_calls() {
    let dir = std::env::temp_dir().join(format!("termcalc-outage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("outages.csv");
    std::fs::write(
        &file,
        "provider,hours,monthly,prepaid\ncompri,26,46.50,\nvoipzeker,30,,true\nvoipro,-3,45,\n",
    )
    .unwrap();
    let out = cmd()
        .args(["--format", "csv", "outage", "--input"])
        .arg(&file)
        .assert()
        .code(4)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[1].contains("3.10"), "{text}");
    assert!(lines[2].contains("1.00"), "{text}");
    assert!(lines[3].contains("error"), "{text}");
    std::fs::remove_dir_all(&dir).ok();
}

// ---- error paths ----

#[test]
fn bad_datetime() {
    fails_with(
        &[
            "--provider",
            "compri",
            "--from",
            "2025-03-03 08:00",
            "--until",
            "2025-03-04T08:00",
            "--monthly",
            "45",
        ],
        &["--from", "YYYY-MM-DDTHH:MM"],
    );
    fails_with(
        &[
            "--provider",
            "compri",
            "--from",
            "2025-02-30T08:00",
            "--until",
            "2025-03-04T08:00",
            "--monthly",
            "45",
        ],
        &["--from", "not a date and time"],
    );
    fails_with(
        &[
            "--provider",
            "compri",
            "--from",
            "2025-03-03T25:00",
            "--until",
            "2025-03-04T08:00",
            "--monthly",
            "45",
        ],
        &["--from", "not a date and time"],
    );
}

#[test]
fn until_before_from() {
    fails_with(
        &[
            "--provider",
            "compri",
            "--from",
            "2025-03-04T08:00",
            "--until",
            "2025-03-03T08:00",
            "--monthly",
            "45",
        ],
        &["--until", "not after the start"],
    );
    fails_with(
        &[
            "--provider",
            "compri",
            "--from",
            "2025-03-04T08:00",
            "--until",
            "2025-03-04T08:00",
            "--monthly",
            "45",
        ],
        &["--until", "not after the start"],
    );
}

#[test]
fn hours_and_from_together() {
    fails_with(
        &[
            "--provider",
            "compri",
            "--hours",
            "26",
            "--from",
            "2025-03-04T08:00",
            "--until",
            "2025-03-05T08:00",
            "--monthly",
            "45",
        ],
        &["--hours", "--from"],
    );
}

#[test]
fn no_duration() {
    fails_with(
        &["--provider", "compri", "--monthly", "45"],
        &["--from", "--hours"],
    );
    fails_with(
        &[
            "--provider",
            "compri",
            "--from",
            "2025-03-04T08:00",
            "--monthly",
            "45",
        ],
        &["--until"],
    );
}

#[test]
fn negative_amounts_and_hours() {
    fails_with(
        &["--provider", "compri", "--hours", "26", "--monthly", "-45"],
        &["--monthly", "negative"],
    );
    fails_with(
        &[
            "--provider",
            "compri",
            "--hours",
            "26",
            "--monthly",
            "45",
            "--usage",
            "-1",
        ],
        &["--usage", "negative"],
    );
    fails_with(
        &["--provider", "compri", "--hours", "-26", "--monthly", "45"],
        &["--hours", "negative"],
    );
    fails_with(
        &["--provider", "compri", "--hours", "abc", "--monthly", "45"],
        &["--hours", "number of hours"],
    );
}

#[test]
fn monthly_needed_unless_prepaid() {
    fails_with(
        &["--provider", "compri", "--hours", "26"],
        &["--monthly", "prepaid"],
    );
}

#[test]
fn bad_cause_customer_provider_and_dates() {
    fails_with(
        &[
            "--provider",
            "compri",
            "--hours",
            "26",
            "--monthly",
            "45",
            "--cause",
            "storm",
        ],
        &["--cause", "network, other"],
    );
    fails_with(
        &["--provider", "kpn", "--hours", "26", "--monthly", "45"],
        &["kpn"],
    );
    fails_with(
        &[
            "--provider",
            "quatel",
            "--from",
            "2025-03-03T08:00",
            "--until",
            "2025-03-04T08:00",
            "--monthly",
            "45",
            "--discovered",
            "2025-03-05",
            "--reported",
            "2025-03-04",
        ],
        &["--reported", "before"],
    );
    fails_with(
        &[
            "--provider",
            "quatel",
            "--from",
            "2025-03-03T08:00",
            "--until",
            "2025-03-04T08:00",
            "--monthly",
            "45",
            "--discovered",
            "2025-03-01",
        ],
        &["--discovered", "before the outage started"],
    );
}
