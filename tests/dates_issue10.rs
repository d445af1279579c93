//! Issue 10, items 1-6 ("Dates"): golden cases worked out by hand from the rule each one cites,
//! run end to end through the CLI, and the new error paths.
//!
//! Item 1: a period of n months from day S ends on the day before the same-numbered day n months
//! later, and where that day is missing from the last month, on that month's last day
//! (Regulation 1182/71 art. 3(2)(c)). Notice periods keep "receipt + n months" (clamped).

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn termcalc() -> Command {
    let mut c = Command::cargo_bin("termcalc").unwrap();
    c.env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .env("NO_COLOR", "1");
    c
}

fn json(as_of: &str, command: &str, args: &[&str]) -> Value {
    let out = termcalc()
        .args(["--as-of", as_of, "--format", "json", command])
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

fn end_date(as_of: &str, args: &[&str]) -> Value {
    json(as_of, "end-date", args)
}

fn fails(command: &str, args: &[&str], needles: &[&str]) {
    let mut a = termcalc()
        .args(["--as-of", "2025-06-01", command])
        .args(args)
        .assert()
        .failure()
        .code(2)
        .stdout(predicate::str::is_empty());
    for n in needles {
        a = a.stderr(predicate::str::contains(*n));
    }
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v["result"][key]
        .as_str()
        .unwrap_or_else(|| panic!("{key}: {}", v["result"]))
}

fn warned(v: &Value, needle: &str) -> bool {
    v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w.as_str().unwrap().contains(needle))
}

// ---- Item 1: initial terms, renewals, --not-delivered, buyout months ----

/// Qupra 5.1.b, 12 months from 2028-02-29 (reseller: the terms as written). 2029 has no 29
/// February, so the term ends on 2029-02-28 (the old rule gave 2029-02-27). Notice 2028-03-10 +
/// 1 month = 2028-04-10, inside the term: the contract ends with it. Deadline: 2029-01-31 + 1
/// month = 2029-02-28 (clamped) is in time, 2029-02-01 + 1 month = 2029-03-01 is not. The next
/// period (5.1.c, 12 months from the term start) ends 24 months on: no 29 February 2030, so
/// 2030-02-28.
#[test]
fn initial_term_from_29_february_ends_28_february() {
    let v = end_date(
        "2028-03-10",
        &[
            "--provider",
            "qupra",
            "--customer",
            "reseller",
            "--start",
            "2028-02-29",
            "--notice",
            "2028-03-10",
        ],
    );
    assert_eq!(s(&v, "initial_term_end"), "2029-02-28");
    assert_eq!(s(&v, "end_date"), "2029-02-28");
    assert_eq!(s(&v, "notice_deadline"), "2029-01-31");
    assert_eq!(s(&v, "next_period_end"), "2030-02-28");
    assert_eq!(v["result"]["notice_timely"], true);
}

/// Qupra with an agreed 6-month term from 2025-08-31, renewals of 12 months counted from the
/// term start (5.1.c, A11): period ends 6, 18 and 30 months on. No 31 February in 2026 or 2027
/// and no 31 in February 2028, so 2026-02-28, 2027-02-28 and 2028-02-29 (the old rule gave
/// 2026-02-27, 2027-02-27, 2028-02-28). Notice 2026-02-10 + 1 month = 2026-03-10 > 2026-02-28:
/// too late, the contract runs to the end of the renewal year, 2027-02-28. A year later the
/// same late notice (2027-02-10 + 1 month = 2027-03-10 > 2027-02-28) runs to 2028-02-29.
#[test]
fn renewal_periods_end_on_the_month_end_the_start_day_lacks() {
    let run = |notice: &str| {
        end_date(
            notice,
            &[
                "--provider",
                "qupra",
                "--customer",
                "reseller",
                "--start",
                "2025-08-31",
                "--term-months",
                "6",
                "--notice",
                notice,
            ],
        )
    };
    let v = run("2026-02-10");
    assert_eq!(s(&v, "initial_term_end"), "2026-02-28");
    assert_eq!(s(&v, "current_period_end"), "2026-02-28");
    assert_eq!(v["result"]["notice_timely"], false);
    assert_eq!(s(&v, "end_date"), "2027-02-28");
    assert_eq!(s(&v, "next_period_end"), "2027-02-28");
    let v = run("2027-02-10");
    assert_eq!(s(&v, "current_period_end"), "2027-02-28");
    assert_eq!(s(&v, "end_date"), "2028-02-29");
}

/// Quatel 10.2: a 1-month term from 31 March ends 30 April (no 31 April; old rule 29 April); from
/// 30 March it ends 29 April (30 April exists). After the term the contract is indefinite
/// (10.3): a notice on 2025-04-10 runs to 2025-05-10 and ends it then.
#[test]
fn thirty_and_thirty_one_day_month_ends() {
    for (start, term_end) in [("2025-03-31", "2025-04-30"), ("2025-03-30", "2025-04-29")] {
        let v = end_date(
            "2025-04-10",
            &[
                "--provider",
                "quatel",
                "--start",
                start,
                "--term-months",
                "1",
                "--notice",
                "2025-04-10",
            ],
        );
        assert_eq!(s(&v, "initial_term_end"), term_end, "{start}");
        assert_eq!(s(&v, "end_date"), "2025-05-10", "{start}");
    }
}

/// Quatel, 6 months from 2025-08-31: the term ends 2026-02-28. Leaving 2025-12-31 (notice
/// 2025-12-01 + 1 month = 2026-01-01, inside the term, so the regular end is 2026-02-28): 17.1
/// charges the fixed fees to the end of the term, January and February 2026 in full = 2 months
/// x 40.00 = 80.00; VAT 21 % = 16.80; 96.80. (The old term end 2026-02-27 billed 1 + 27/28.)
#[test]
fn buyout_bills_february_in_full_when_the_term_ends_on_28_february() {
    let v = json(
        "2025-12-01",
        "buyout",
        &[
            "--provider",
            "quatel",
            "--start",
            "2025-08-31",
            "--term-months",
            "6",
            "--end",
            "2025-12-31",
            "--monthly",
            "40",
        ],
    );
    assert_eq!(s(&v, "regular_end_date"), "2026-02-28");
    assert_eq!(s(&v, "remaining_months"), "2");
    assert_eq!(s(&v, "total"), "80.00");
    assert_eq!(s(&v, "vat"), "16.80");
    assert_eq!(s(&v, "total_incl_vat"), "96.80");
}

/// Qupra 5.1.d before delivery: the fixed fees of the whole initial term, 12 whole months x
/// 50.00 = 600.00, over 2028-02-29..2029-02-28; the one-off fee at list price is 0.00. (The old
/// count over 2028-02-29..2029-02-27 was 1/29 + 11 + 27/28 months = 599.94.)
#[test]
fn not_delivered_counts_the_whole_term_in_months() {
    let v = json(
        "2028-03-01",
        "buyout",
        &[
            "--provider",
            "qupra",
            "--customer",
            "reseller",
            "--start",
            "2028-02-29",
            "--end",
            "2028-02-29",
            "--monthly",
            "50",
            "--one-off",
            "0",
            "--not-delivered",
        ],
    );
    assert_eq!(s(&v, "total"), "600.00");
    assert_eq!(s(&v, "remaining_months"), "12");
    let c = &v["result"]["components"][0];
    assert_eq!(c["from"], "2028-02-29");
    assert_eq!(c["through"], "2029-02-28");
}

/// VOIPZeker 1.19/4.1 before delivery: 20 % x 50.00 x 6 months = 60.00 for an agreed 6-month
/// term from 2025-08-31, which ends 2026-02-28.
#[test]
fn not_delivered_term_end_in_the_step_window() {
    let v = json(
        "2025-09-01",
        "buyout",
        &[
            "--provider",
            "voipzeker",
            "--start",
            "2025-08-31",
            "--term-months",
            "6",
            "--end",
            "2025-08-31",
            "--monthly",
            "50",
            "--not-delivered",
        ],
    );
    assert_eq!(s(&v, "total"), "60.00");
    assert_eq!(v["result"]["components"][0]["through"], "2026-02-28");
}

// ---- Item 2: the consumer's 24-month cap ----

/// Compri DSL (12.7.1), consumer, 36 months agreed from 2025-01-01. Tw 7.2a / EECC 105(1): the
/// consumer is bound for 24 months only, 2025-01-01..2026-12-31 (1 January 2027 exists, so the
/// day before). Notice 2025-06-15 + 1 month = 2025-07-15, inside the capped term: the contract
/// ends 2026-12-31. As written (36 months) it would run to 2027-12-31.
#[test]
fn consumer_term_over_24_months_is_computed_as_24() {
    let v = end_date(
        "2025-06-15",
        &[
            "--provider",
            "compri",
            "--service",
            "dsl",
            "--customer",
            "consumer",
            "--start",
            "2025-01-01",
            "--term-months",
            "36",
            "--notice",
            "2025-06-15",
        ],
    );
    assert_eq!(s(&v, "initial_term_end"), "2026-12-31");
    assert_eq!(s(&v, "end_date"), "2026-12-31");
    assert_eq!(v["result"]["term_months"], 24);
    assert_eq!(s(&v, "regime"), "Telecommunicatiewet art. 7.2a");
    assert_eq!(s(&v, "as_written_end_date"), "2027-12-31");
    assert!(warned(&v, "over 24 months"), "{}", v["warnings"]);
}

/// Exactly 24 months: no cap and no warning; the term ends 2026-12-31 under the terms. A
/// business customer with 36 months is not capped (size and waiver unknown), only warned: its
/// term ends 2027-12-31.
#[test]
fn exactly_24_months_and_business_terms_are_not_capped() {
    let base = [
        "--provider",
        "compri",
        "--service",
        "dsl",
        "--start",
        "2025-01-01",
        "--notice",
        "2025-06-15",
    ];
    let mut a = base.to_vec();
    a.extend(["--customer", "consumer", "--term-months", "24"]);
    let v = end_date("2025-06-15", &a);
    assert_eq!(s(&v, "initial_term_end"), "2026-12-31");
    assert_eq!(s(&v, "regime"), "terms");
    assert!(!warned(&v, "over 24 months"));
    let mut b = base.to_vec();
    b.extend(["--customer", "business", "--term-months", "36"]);
    let v = end_date("2025-06-15", &b);
    assert_eq!(s(&v, "initial_term_end"), "2027-12-31");
    assert_eq!(v["result"]["term_months"], 36);
    assert!(warned(&v, "over 24 months"));
}

// ---- Item 3: VOIPZeker 7.7 with --objection ----

/// VOIPZeker, business, 24-month term from 2024-01-01 (ends 2025-12-31). Increase announced
/// 2025-03-01, effective 2025-04-01. The objection must be received by 03-01 + 14 days =
/// 2025-03-15; 7 days without agreement (03-16..03-22) give the right from 2025-03-23. A notice
/// that day ends the contract the day before the increase, 2025-03-31. Ordinary notice would
/// end it with the term, 2025-12-31.
fn voipzeker(objection: &str, notice: &str) -> Value {
    end_date(
        "2025-03-01",
        &[
            "--provider",
            "voipzeker",
            "--start",
            "2024-01-01",
            "--term-months",
            "24",
            "--notice",
            notice,
            "--change",
            "price_increase",
            "--change-announced",
            "2025-03-01",
            "--change-effective",
            "2025-04-01",
            "--objection",
            objection,
        ],
    )
}

#[test]
fn voipzeker_objection_on_day_14_gives_the_right_after_7_days() {
    let v = voipzeker("2025-03-15", "2025-03-23");
    assert_eq!(s(&v, "end_date"), "2025-03-31");
}

/// Objection on day 15 (2025-03-16 > 03-15): too late, ordinary notice: 2025-12-31.
#[test]
fn voipzeker_objection_on_day_15_is_too_late() {
    let v = voipzeker("2025-03-16", "2025-03-25");
    assert_eq!(s(&v, "end_date"), "2025-12-31");
}

/// Objection 2025-03-15, notice 2025-03-22: the 7 days to agree run to 03-22, so the right does
/// not exist yet; ordinary notice: 2025-12-31.
#[test]
fn voipzeker_notice_before_the_7_days_have_passed() {
    let v = voipzeker("2025-03-15", "2025-03-22");
    assert_eq!(s(&v, "end_date"), "2025-12-31");
}

#[test]
fn voipzeker_objection_errors() {
    let base = [
        "--provider",
        "voipzeker",
        "--start",
        "2024-01-01",
        "--term-months",
        "24",
        "--notice",
        "2025-03-23",
        "--change",
        "price_increase",
        "--change-announced",
        "2025-03-01",
        "--change-effective",
        "2025-04-01",
    ];
    fails(
        "end-date",
        &base,
        &["--objection: required", "art. 7.6, 7.7, 7.9"],
    );
    let mut a = base.to_vec();
    a.extend(["--objection", "2025-02-28"]);
    fails("end-date", &a, &["--objection", "before the announcement"]);
    let mut b = base.to_vec();
    b.extend(["--objection", "2025-03-24"]);
    fails("end-date", &b, &["--objection", "after the notice"]);
    let mut c = base.to_vec();
    c.extend(["--objection", "2025-13-01"]);
    fails("end-date", &c, &["--objection", "YYYY-MM-DD"]);
    // --objection belongs to --change.
    fails(
        "end-date",
        &["--provider", "voipzeker", "--objection", "2025-03-01"],
        &["--change"],
    );
}

// ---- Item 4: Quatel 10.3 ----

/// Quatel 10.3, a contract entered for an indefinite period: no start or term needed; a notice
/// on 2025-05-10 + 1 month = 2025-06-10.
#[test]
fn quatel_indefinite_contract() {
    let v = end_date(
        "2025-05-10",
        &[
            "--provider",
            "quatel",
            "--indefinite",
            "--notice",
            "2025-05-10",
        ],
    );
    assert_eq!(s(&v, "end_date"), "2025-06-10");
    assert_eq!(v["result"]["term_months"], Value::Null);
    assert_eq!(v["result"]["initial_term_end"], Value::Null);
    assert_eq!(s(&v, "regime"), "terms");
}

/// Quatel 10.3, 3 months at the customer's express request: 2025-05-10 + 3 months =
/// 2025-08-10. A business end-user may agree that at its own request (Tw 7.2a), so the terms
/// stand. Were the customer a consumer, the law allows one month: 2025-06-10.
#[test]
fn quatel_three_month_notice_on_request() {
    let args = [
        "--provider",
        "quatel",
        "--indefinite",
        "--requested-notice",
        "--notice",
        "2025-05-10",
    ];
    let v = end_date("2025-05-10", &args);
    assert_eq!(s(&v, "end_date"), "2025-08-10");
    assert_eq!(s(&v, "regime"), "terms");
    let mut c = args.to_vec();
    c.extend(["--customer", "consumer"]);
    let v = end_date("2025-05-10", &c);
    assert_eq!(s(&v, "end_date"), "2025-06-10");
    assert_eq!(s(&v, "as_written_end_date"), "2025-08-10");
    assert_eq!(s(&v, "regime"), "Telecommunicatiewet art. 7.2a");
}

/// Quatel, 12 months from 2025-01-01 (ends 2025-12-31), 3-month notice on request received
/// 2025-11-15: 2025-11-15 + 3 months = 2026-02-15, after the term; the contract then runs for
/// an indefinite period (10.3) and ends 2026-02-15.
#[test]
fn quatel_requested_notice_during_the_term() {
    let v = end_date(
        "2025-11-15",
        &[
            "--provider",
            "quatel",
            "--start",
            "2025-01-01",
            "--term-months",
            "12",
            "--requested-notice",
            "--notice",
            "2025-11-15",
        ],
    );
    assert_eq!(s(&v, "end_date"), "2026-02-15");
}

#[test]
fn indefinite_and_requested_notice_errors() {
    fails(
        "end-date",
        &["--provider", "quatel", "--notice", "2025-05-10"],
        &[
            "--term-months: required",
            "entered for an indefinite period",
            "art. 10.3",
        ],
    );
    fails(
        "end-date",
        &[
            "--provider",
            "quatel",
            "--indefinite",
            "--term-months",
            "12",
        ],
        &["--indefinite", "--term-months"],
    );
    fails(
        "end-date",
        &[
            "--provider",
            "qupra",
            "--start",
            "2025-01-01",
            "--indefinite",
        ],
        &["--indefinite", "12 months", "art. 5.1.b"],
    );
    fails(
        "end-date",
        &[
            "--provider",
            "voipzeker",
            "--start",
            "2025-01-01",
            "--indefinite",
        ],
        &["--indefinite: ", "art. 4.2", "agreed term in months"],
    );
    fails(
        "end-date",
        &[
            "--provider",
            "qupra",
            "--start",
            "2025-01-01",
            "--requested-notice",
        ],
        &["--requested-notice", "no longer notice period"],
    );
    fails(
        "buyout",
        &[
            "--provider",
            "qupra",
            "--start",
            "2025-01-01",
            "--end",
            "2025-03-01",
            "--monthly",
            "10",
            "--indefinite",
        ],
        &["--indefinite"],
    );
}

// ---- Item 5: the statutory right on changed terms ----

/// Compri has no rule for a price increase (3.2 covers changes of the terms, for consumers).
/// DSL consumer, 12-month term from 2025-01-01 (ends 2025-12-31). Increase announced 2025-05-01;
/// Tw 7.2: it takes effect one month later at the earliest, 2025-06-01; a notice received at the
/// latest that day ends the contract free of charge the day before, 2025-05-31.
fn compri_price(customer: &str, notice: &str) -> Value {
    end_date(
        notice,
        &[
            "--provider",
            "compri",
            "--service",
            "dsl",
            "--customer",
            customer,
            "--start",
            "2025-01-01",
            "--notice",
            notice,
            "--change",
            "price_increase",
            "--change-announced",
            "2025-05-01",
        ],
    )
}

#[test]
fn statutory_right_on_a_price_increase_without_a_rule() {
    let v = compri_price("consumer", "2025-05-20");
    assert_eq!(s(&v, "end_date"), "2025-05-31");
    assert_eq!(s(&v, "regime"), "Telecommunicatiewet art. 7.2");
    let steps = v["steps"].as_array().unwrap();
    assert!(steps.iter().any(|st| st["text"]
        .as_str()
        .unwrap()
        .contains("(Telecommunicatiewet art. 7.2; EECC art. 105(4))")));
    // Received on the effective day itself: still in time; the contract ends the day before.
    let v = compri_price("consumer", "2025-06-01");
    assert_eq!(s(&v, "end_date"), "2025-05-31");
    assert!(warned(&v, "before the notice arrived"));
    // A day later: too late; ordinary notice runs to the end of the term.
    let v = compri_price("consumer", "2025-06-02");
    assert_eq!(s(&v, "end_date"), "2025-12-31");
    // A business end-user too, with a warning to check the customer is covered.
    let v = compri_price("business", "2025-05-20");
    assert_eq!(s(&v, "end_date"), "2025-05-31");
    assert!(warned(&v, "business customer"));
}

/// Not for a service that is no electronic communications service (Compri hosting): still the
/// refusal, exit 2.
#[test]
fn statutory_right_needs_an_electronic_communications_service() {
    fails(
        "end-date",
        &[
            "--provider",
            "compri",
            "--service",
            "hosting",
            "--customer",
            "consumer",
            "--notice",
            "2025-05-20",
            "--change",
            "price_increase",
            "--change-announced",
            "2025-05-01",
        ],
        &[
            "no rule for a price increase",
            "Telecommunicatiewet art. 7.2",
        ],
    );
}

// ---- Item 6: the default customer type deciding the regime ----

#[test]
fn default_customer_deciding_the_regime_is_warned() {
    let args = [
        "--provider",
        "qupra",
        "--start",
        "2024-03-15",
        "--notice",
        "2025-05-15",
    ];
    let v = end_date("2025-05-15", &args);
    assert!(warned(&v, "No customer type given"), "{}", v["warnings"]);
    assert!(warned(
        &v,
        "business customer would get Telecommunicatiewet art. 7.2a"
    ));
    let mut given = args.to_vec();
    given.extend(["--customer", "reseller"]);
    assert!(!warned(
        &end_date("2025-05-15", &given),
        "No customer type given"
    ));
    // Voipro is for businesses only: the default cannot decide anything.
    let v = end_date(
        "2025-05-15",
        &["--provider", "voipro", "--notice", "2025-05-15"],
    );
    assert!(!warned(&v, "No customer type given"));
}

// ---- Batch: the new columns map to the new flags ----

#[test]
fn batch_rows_take_the_new_columns() {
    let input = "provider,notice,indefinite,requested-notice,term-months,start\n\
quatel,2025-05-10,true,true,,\n\
quatel,2025-05-10,yes,no,,\n\
quatel,2025-05-10,true,,12,2025-01-01\n";
    let out = termcalc()
        .args([
            "--as-of",
            "2025-05-10",
            "--format",
            "csv",
            "end-date",
            "--input",
            "-",
        ])
        .write_stdin(input)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 4, "{text}");
    // 2025-05-10 + 3 months = 2025-08-10; + 1 month = 2025-06-10; the third row is refused.
    assert!(rows[1].contains("2025-08-10"), "{text}");
    assert!(
        rows[2].starts_with("2025-06-10") || rows[2].contains(",2025-06-10,"),
        "{text}"
    );
    assert!(
        rows[3].contains("`indefinite`: cannot be used with `term-months`"),
        "{text}"
    );
    assert_eq!(out.status.code(), Some(4));
}

/// Compri 3.2 gives a right on a change of the terms to consumers only. For a business end-user
/// of DSL the terms thus have no rule, and Tw 7.2 applies as above: announced 2025-05-01,
/// effective 2025-06-01 at the earliest, notice 2025-05-20 in time, last day 2025-05-31.
#[test]
fn statutory_right_where_the_terms_give_it_only_to_consumers() {
    let v = end_date(
        "2025-05-20",
        &[
            "--provider",
            "compri",
            "--service",
            "dsl",
            "--customer",
            "business",
            "--start",
            "2025-01-01",
            "--notice",
            "2025-05-20",
            "--change",
            "terms_change",
            "--change-announced",
            "2025-05-01",
        ],
    );
    assert_eq!(s(&v, "end_date"), "2025-05-31");
    assert_eq!(s(&v, "regime"), "Telecommunicatiewet art. 7.2");
}

/// Provider-file validation of the new window: an objection window of 0 days is refused (exit
/// 3), naming the key.
#[test]
fn objection_window_of_zero_days_is_invalid_provider_data() {
    let dir = std::env::temp_dir().join(format!("termcalc-issue10-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/providers/voipzeker.toml"
    ))
    .unwrap();
    let bad = good.replace("objection_days = 14", "objection_days = 0");
    assert_ne!(good, bad);
    let file = dir.join("voipzeker.toml");
    std::fs::write(&file, bad).unwrap();
    termcalc()
        .args(["providers", "check"])
        .arg(&file)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("special_rights[0].window"))
        .stderr(predicate::str::contains("objection window of 0 days"));
    std::fs::remove_dir_all(&dir).unwrap();
}

mod month_period_props {
    use chrono::{Datelike, NaiveDate};
    use proptest::prelude::*;
    use termcalc::calendar::{add_days, add_months, days_in_month, month_period_end};

    proptest! {
        /// The period's last day is the old "start + n months - 1 day", moved one day later
        /// exactly where the last month lacks the start's day (then it is that month's last
        /// day); the ends of consecutive periods strictly increase.
        #[test]
        fn period_end_matches_the_regulation(off in 0i64..(150 * 365), n in 1u32..=600) {
            let start = add_days(NaiveDate::from_ymd_opt(1900, 1, 1).unwrap(), off).unwrap();
            let end = month_period_end(start, n).unwrap();
            let same = add_months(start, n as i32).unwrap();
            let lacks_day = start.day() > days_in_month(same);
            if lacks_day {
                prop_assert_eq!(end, same);
                prop_assert_eq!(end.day(), days_in_month(end));
            } else {
                prop_assert_eq!(end, add_days(same, -1).unwrap());
            }
            let next = month_period_end(start, n + 1).unwrap();
            prop_assert!(next > end);
            prop_assert!(end >= start);
        }
    }
}

/// VOIPZeker has two rules for a price increase: 7.6/7.7/7.9 (a right after an objection) and
/// 7.8 (no right for a third party's increase passed on). The one applied is named, and so is
/// the other, with why it was not used, so file order does not decide silently.
#[test]
fn every_rule_of_the_kind_is_named() {
    let v = end_date(
        "2025-06-01",
        &[
            "--provider",
            "voipzeker",
            "--start",
            "2024-01-01",
            "--term-months",
            "12",
            "--notice",
            "2025-05-20",
            "--change",
            "price_increase",
            "--change-announced",
            "2025-05-01",
            "--objection",
            "2025-05-10",
            "--change-effective",
            "2025-07-01",
        ],
    );
    let steps = v["steps"].as_array().unwrap();
    let other = steps
        .iter()
        .find(|s| s["text"].as_str().unwrap().starts_with("Another rule"))
        .expect("a step names the other rule");
    assert_eq!(other["citation"]["article"], "7.8");
    assert!(other["text"]
        .as_str()
        .unwrap()
        .contains("termcalc applies art. 7.6, 7.7, 7.9"));
}
