//! Golden cases for `termcalc interest`, each worked out by hand from the clause or statute it
//! cites, with the arithmetic in a comment. Rates: src/law/rates.toml (statutory.md section 10).
//! Every sub-period: base × rate × days / 365 (act/365), rounded half away from zero to cents.

use assert_cmd::Command;
use serde_json::Value;

fn run(args: &[&str]) -> Value {
    let out = Command::cargo_bin("termcalc")
        .unwrap()
        .env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .args(["--format", "json", "--as-of", "2026-11-23", "interest"])
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

fn s(v: &Value, key: &str) -> String {
    v["result"][key].as_str().unwrap_or_default().to_string()
}

fn periods(v: &Value) -> Vec<(String, String, i64, String, String, String)> {
    v["result"]["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["from"].as_str().unwrap().to_string(),
                p["to"].as_str().unwrap().to_string(),
                p["days"].as_i64().unwrap(),
                p["rate"].as_str().unwrap().to_string(),
                p["base"].as_str().unwrap().to_string(),
                p["interest"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn p(
    f: &str,
    t: &str,
    d: i64,
    r: &str,
    b: &str,
    i: &str,
) -> (String, String, i64, String, String, String) {
    (f.into(), t.into(), d, r.into(), b.into(), i.into())
}

/// Rate changes inside the period and yearly compounding (art. 6:119a lid 3 BW).
/// EUR 1,000, last day to pay 2023-02-28, paid 2025-06-30 (statutory.md 4.7 cross-check).
/// First interest day 2023-03-01; anniversaries 2024-03-01 and 2025-03-01.
///   2023-03-01..06-30 122 d × 10.50 %: 1000 × 10.50 × 122 / 36500 = 35.0959 → 35.10
///   2023-07-01..12-31 184 d × 12.00 %: 1000 × 12 × 184 / 36500 = 60.4932 → 60.49
///   2024-01-01..02-29  60 d × 12.50 %: 1000 × 12.5 × 60 / 36500 = 20.5479 → 20.55
///   year 1 = 116.14 → base 1116.14 from 2024-03-01
///   2024-03-01..06-30 122 d × 12.50 %: 1116.14 × 12.5 × 122 / 36500 = 46.6334 → 46.63
///   2024-07-01..12-31 184 d × 12.25 %: 1116.14 × 12.25 × 184 / 36500 = 68.9260 → 68.93
///   2025-01-01..02-28  59 d × 11.15 %: 1116.14 × 11.15 × 59 / 36500 = 20.1162 → 20.12
///   year 2 = 135.68 → base 1251.82 from 2025-03-01
///   2025-03-01..06-30 122 d × 11.15 %: 1251.82 × 11.15 × 122 / 36500 = 46.6537 → 46.65
///   total 298.47
#[test]
fn commercial_rate_changes_and_compounding() {
    let v = run(&[
        "--principal",
        "1000",
        "--due",
        "2023-02-28",
        "--until",
        "2025-06-30",
        "--kind",
        "commercial",
    ]);
    assert_eq!(s(&v, "interest"), "298.47");
    assert_eq!(s(&v, "outstanding"), "1298.47");
    assert_eq!(s(&v, "principal"), "1000.00");
    assert_eq!(
        periods(&v),
        vec![
            p("2023-03-01", "2023-06-30", 122, "10.50", "1000.00", "35.10"),
            p("2023-07-01", "2023-12-31", 184, "12.00", "1000.00", "60.49"),
            p("2024-01-01", "2024-02-29", 60, "12.50", "1000.00", "20.55"),
            p("2024-03-01", "2024-06-30", 122, "12.50", "1116.14", "46.63"),
            p("2024-07-01", "2024-12-31", 184, "12.25", "1116.14", "68.93"),
            p("2025-01-01", "2025-02-28", 59, "11.15", "1116.14", "20.12"),
            p("2025-03-01", "2025-06-30", 122, "11.15", "1251.82", "46.65"),
        ]
    );
    let caps = v["result"]["capitalisations"].as_array().unwrap();
    assert_eq!(caps[0]["amount"], "116.14");
    assert_eq!(caps[1]["new_base"], "1251.82");
    // Steps cite the compounding article and name the conventions.
    let steps = v["steps"].to_string();
    assert!(steps.contains("6:119a lid 3"));
    assert!(steps.contains("29 February falls on 28 February"));
}

/// act/act: the divisor is the length of the current compounding year.
///   year 1 (2023-03-01..2024-02-29) has 366 days:
///     1000 × 10.5 × 122 / 36600 = 35.0000 → 35.00; 1000 × 12 × 184 / 36600 = 60.3279 → 60.33;
///     1000 × 12.5 × 60 / 36600 = 20.4918 → 20.49; year 1 = 115.82 → base 1115.82
///   year 2 (2024-03-01..2025-02-28) has 365 days:
///     1115.82 × 12.5 × 122 / 36500 = 46.6199 → 46.62; × 12.25 × 184 = 68.9059 → 68.91;
///     × 11.15 × 59 / 36500 = 20.1107 → 20.11; year 2 = 135.64 → base 1251.46
///   year 3 (2025-03-01..2026-02-28) has 365 days: 1251.46 × 11.15 × 122 / 36500 = 46.6403 → 46.64
///   total 115.82 + 135.64 + 46.64 = 298.10
#[test]
fn act_act_uses_the_compounding_year() {
    let v = run(&[
        "--principal",
        "1000",
        "--due",
        "2023-02-28",
        "--until",
        "2025-06-30",
        "--kind",
        "commercial",
        "--day-count",
        "act/act",
    ]);
    assert_eq!(s(&v, "interest"), "298.10");
    assert_eq!(v["result"]["periods"][0]["divisor"], 366);
    assert_eq!(v["result"]["periods"][3]["divisor"], 365);
}

/// Anniversary of a first interest day on 29 February (art. 6:119 BW, consumer rates 7 % in
/// 2024, 6 % in 2025). Due 2024-02-28, first interest day 2024-02-29; the anniversary in 2025
/// falls on 28 February, so year 1 ends 2025-02-27.
///   2024-02-29..12-31 307 d × 7 %: 1000 × 7 × 307 / 36500 = 58.8767 → 58.88
///   2025-01-01..02-27  58 d × 6 %: 1000 × 6 × 58 / 36500 = 9.5342 → 9.53
///   year 1 = 68.41 → base 1068.41 from 2025-02-28
///   2025-02-28..03-05   6 d × 6 %: 1068.41 × 6 × 6 / 36500 = 1.0538 → 1.05
///   total 69.46
#[test]
fn anniversary_on_29_february() {
    let v = run(&[
        "--principal",
        "1000",
        "--due",
        "2024-02-28",
        "--until",
        "2025-03-05",
        "--kind",
        "consumer",
    ]);
    assert_eq!(s(&v, "interest"), "69.46");
    assert_eq!(
        periods(&v),
        vec![
            p("2024-02-29", "2024-12-31", 307, "7.00", "1000.00", "58.88"),
            p("2025-01-01", "2025-02-27", 58, "6.00", "1000.00", "9.53"),
            p("2025-02-28", "2025-03-05", 6, "6.00", "1068.41", "1.05"),
        ]
    );
    assert_eq!(v["result"]["capitalisations"][0]["date"], "2025-02-28");
}

/// A payment on an anniversary (art. 6:119a, 6:44 BW). EUR 1000 due 2024-06-30; first
/// interest day 2024-07-01, anniversary 2025-07-01; EUR 500 paid on 2025-07-01.
///   2024-07-01..12-31 184 d × 12.25 %: 1000 × 12.25 × 184 / 36500 = 61.7534 → 61.75
///   2025-01-01..06-30 181 d × 11.15 %: 1000 × 11.15 × 181 / 36500 = 55.2918 → 55.29
///   year 1 = 117.04 capitalised on 2025-07-01 → base 1117.04
///   2025-07-01 (payment day, old base) 1 d × 10.15 %: 1117.04 × 10.15 / 36500 = 0.3106 → 0.31
///   payment 500: interest not yet capitalised 0.31, then the base: capitalised 117.04,
///   principal 382.65 → principal 617.35
///   2025-07-02..07-31 30 d × 10.15 %: 617.35 × 10.15 × 30 / 36500 = 5.1502 → 5.15
///   interest 61.75 + 55.29 + 0.31 + 5.15 = 122.50; outstanding 617.35 + 5.15 = 622.50
#[test]
fn payment_on_an_anniversary() {
    let v = run(&[
        "--principal",
        "1000",
        "--due",
        "2024-06-30",
        "--until",
        "2025-07-31",
        "--kind",
        "commercial",
        "--payment",
        "2025-07-01=500",
    ]);
    assert_eq!(s(&v, "interest"), "122.50");
    assert_eq!(s(&v, "outstanding"), "622.50");
    assert_eq!(s(&v, "outstanding_principal"), "617.35");
    let a = &v["result"]["allocations"][0];
    assert_eq!(a["to_interest"], "117.35");
    assert_eq!(a["to_principal"], "382.65");
    assert_eq!(a["parts"][0]["interest"], "0.31");
    assert_eq!(a["parts"][0]["capitalised_interest"], "117.04");
    assert_eq!(v["result"]["periods"][2]["from"], "2025-07-01");
    assert_eq!(v["result"]["periods"][2]["to"], "2025-07-01");
}

/// Several claims; the payment names claim 2 (art. 6:43 lid 1, 6:44 BW).
/// Claim 1: 500 due 2025-01-31; claim 2: 300 due 2025-02-28; 400 paid 2025-06-30 for claim 2.
///   claim 1 2025-02-01..06-30 150 d × 11.15 %: 500 × 11.15 × 150 / 36500 = 22.9110 → 22.91
///   claim 2 2025-03-01..06-30 122 d × 11.15 %: 300 × 11.15 × 122 / 36500 = 11.1805 → 11.18
///   payment: claim 2 interest 11.18 + principal 300.00; the rest 88.82 to claim 1: interest
///   22.91, principal 65.91 → claim 1 principal 434.09
///   claim 1 2025-07-01..07-31 31 d × 10.15 %: 434.09 × 10.15 × 31 / 36500 = 3.7421 → 3.74
///   interest 22.91 + 11.18 + 3.74 = 37.83; outstanding 434.09 + 3.74 = 437.83
#[test]
fn several_claims_payment_names_a_claim() {
    let v = run(&[
        "--claim",
        "500@2025-01-31",
        "--claim",
        "300@2025-02-28",
        "--until",
        "2025-07-31",
        "--kind",
        "commercial",
        "--payment",
        "2025-06-30=400@2",
    ]);
    assert_eq!(s(&v, "interest"), "37.83");
    assert_eq!(s(&v, "outstanding"), "437.83");
    assert_eq!(v["result"]["claims"][1]["outstanding"], "0.00");
    assert_eq!(v["result"]["allocations"][0]["designation_honoured"], true);
}

/// Several claims, the payment names none: the oldest due first (art. 6:43 lid 2 read with the
/// issue's rule), each claim costs → interest → principal (6:44).
///   payment 400 on 2025-06-30: claim 1 interest 22.91 + principal 377.09 → 122.91 left;
///   claim 2 untouched (300.00 + 11.18 interest)
///   July, 31 d × 10.15 %: claim 1 122.91 × 10.15 × 31 / 36500 = 1.0596 → 1.06;
///   claim 2 300 × 10.15 × 31 / 36500 = 2.5862 → 2.59
///   interest 22.91 + 11.18 + 1.06 + 2.59 = 37.74; outstanding 800 + 37.74 − 400 = 437.74
#[test]
fn several_claims_oldest_first() {
    let v = run(&[
        "--claim",
        "500@2025-01-31",
        "--claim",
        "300@2025-02-28",
        "--until",
        "2025-07-31",
        "--kind",
        "commercial",
        "--payment",
        "2025-06-30=400",
    ]);
    assert_eq!(s(&v, "interest"), "37.74");
    assert_eq!(s(&v, "outstanding"), "437.74");
    // claim 1: 122.91 + 1.06 = 123.97
    assert_eq!(v["result"]["claims"][0]["outstanding"], "123.97");
}

/// A payment larger than the debt: art. 6:119, 6 % in 2025. 100 due 2025-01-31, 150 paid
/// 2025-03-01. 2025-02-01..03-01 29 d: 100 × 6 × 29 / 36500 = 0.4767 → 0.48; the payment
/// covers 0.48 + 100.00 and leaves a surplus of 49.52; nothing accrues afterwards.
#[test]
fn payment_larger_than_the_debt() {
    let v = run(&[
        "--principal",
        "100",
        "--due",
        "2025-01-31",
        "--until",
        "2025-03-31",
        "--kind",
        "consumer",
        "--payment",
        "2025-03-01=150",
    ]);
    assert_eq!(s(&v, "interest"), "0.48");
    assert_eq!(s(&v, "outstanding"), "0.00");
    assert_eq!(s(&v, "surplus"), "49.52");
    assert!(v["warnings"][0].as_str().unwrap().contains("49.52"));
}

/// Costs go first (6:44): 100 consumer due 2025-01-31, costs 40, 60 paid 2025-03-01.
/// Interest to 03-01 0.48 (as above); payment: costs 40.00, interest 0.48, principal 19.52 →
/// 80.48 left. 2025-03-02..03-31 30 d: 80.48 × 6 × 30 / 36500 = 0.3969 → 0.40.
/// Outstanding 80.48 + 0.40 = 80.88 (= 100 + 0.88 + 40 − 60).
#[test]
fn costs_are_paid_first() {
    let v = run(&[
        "--principal",
        "100",
        "--due",
        "2025-01-31",
        "--until",
        "2025-03-31",
        "--kind",
        "consumer",
        "--costs",
        "40",
        "--payment",
        "2025-03-01=60",
    ]);
    assert_eq!(s(&v, "interest"), "0.88");
    assert_eq!(s(&v, "outstanding"), "80.88");
    assert_eq!(v["result"]["allocations"][0]["to_costs"], "40.00");
}

/// The margin change of 16 March 2013 (7.75 % → 8.75 %) inside a period.
///   2013-03-01..03-15 15 d × 7.75 %: 1000 × 7.75 × 15 / 36500 = 3.1849 → 3.18
///   2013-03-16..03-31 16 d × 8.75 %: 1000 × 8.75 × 16 / 36500 = 3.8356 → 3.84
#[test]
fn rate_change_mid_month() {
    let v = run(&[
        "--principal",
        "1000",
        "--due",
        "2013-02-28",
        "--until",
        "2013-03-31",
        "--kind",
        "commercial",
    ]);
    assert_eq!(s(&v, "interest"), "7.02");
}

/// Until on the due date: no interest day yet.
#[test]
fn until_on_due_date_is_zero() {
    let v = run(&[
        "--principal",
        "100",
        "--due",
        "2025-01-31",
        "--until",
        "2025-01-31",
        "--kind",
        "consumer",
    ]);
    assert_eq!(s(&v, "interest"), "0.00");
    assert_eq!(s(&v, "outstanding"), "100.00");
}

/// An agreed rate per month, simple: 2 % per month = 24 % per year pro rata per day.
/// 1000 due 2025-01-31, 2025-02-01..03-31 59 d: 1000 × 24 × 59 / 36500 = 38.7945 → 38.79.
#[test]
fn agreed_rate_per_month() {
    let v = run(&[
        "--principal",
        "1000",
        "--due",
        "2025-01-31",
        "--until",
        "2025-03-31",
        "--rate",
        "2",
        "--per",
        "month",
    ]);
    assert_eq!(s(&v, "interest"), "38.79");
    assert_eq!(v["result"]["compounding"], false);
}

/// Agreed rate compounding on request: 1000 at 10 % per year, due 2023-12-31, until 2025-01-31.
/// Year 1 2024-01-01..12-31 366 d: 1000 × 10 × 366 / 36500 = 100.2740 → 100.27 → base 1100.27.
/// 2025-01-01..01-31 31 d: 1100.27 × 10 × 31 / 36500 = 9.3447 → 9.34. Total 109.61.
#[test]
fn agreed_rate_compounding() {
    let v = run(&[
        "--principal",
        "1000",
        "--due",
        "2023-12-31",
        "--until",
        "2025-01-31",
        "--rate",
        "10",
        "--per",
        "year",
        "--compound",
    ]);
    assert_eq!(s(&v, "interest"), "109.61");
}

/// Amounts of 10^12 compute without overflow; the result scales with the 4.7 example.
#[test]
fn ten_to_the_twelfth() {
    let v = run(&[
        "--principal",
        "1000000000000",
        "--due",
        "2023-02-28",
        "--until",
        "2025-06-30",
        "--kind",
        "commercial",
    ]);
    assert_eq!(s(&v, "interest"), "298464987455.02");
}

/// Past the table's coverage: the last known rate, with a warning.
#[test]
fn past_coverage_warns() {
    // The table is complete through 2026-12-31 (src/law/rates.toml): interest through that day
    // needs no warning, one day more does, and the warning says what to do.
    let within = run(&[
        "--principal",
        "100",
        "--due",
        "2026-10-31",
        "--until",
        "2026-12-31",
        "--kind",
        "commercial",
    ]);
    assert_eq!(within["warnings"], serde_json::json!([]));
    let v = run(&[
        "--principal",
        "100",
        "--due",
        "2026-10-31",
        "--until",
        "2027-01-01",
        "--kind",
        "commercial",
    ]);
    let w = v["warnings"][0].as_str().unwrap();
    assert!(w.contains("complete through 2026-12-31"), "{w}");
    assert!(w.contains("up to 2027-01-01"), "{w}");
    assert!(w.contains("(10.40 % from 2026-07-01)"), "{w}");
    assert!(
        w.contains("termcalc rates --toml") && w.contains("--rates FILE"),
        "{w}"
    );
}

// ------------------------------------------------------------------ provider clauses

/// Compri art. 20.3 / 20.4: demand received 2025-03-10; 5 days 03-11..03-15; default from
/// 2025-03-16. 2 % per month or part, counted back to the due date, "vanaf de vervaldatum":
/// the due date itself is the first day (issue 10 item 14; this used to start 2025-03-02):
/// 03-01..03-31, 04-01..04-30, 05-01..(05-15, 15 days) → 3 months begun × 250 × 2 % = 15.00.
/// Statutory floor (6:119a, 11.15 %) per month ≈ 250 × 11.15 × 31 / 36500 = 2.37 < 5.00.
#[test]
fn compri_two_percent_per_month_or_part() {
    let v = run(&[
        "--provider",
        "compri",
        "--principal",
        "250",
        "--due",
        "2025-03-01",
        "--reminder",
        "2025-03-10",
        "--until",
        "2025-05-15",
    ]);
    assert_eq!(s(&v, "interest"), "15.00");
    assert_eq!(v["result"]["periods"].as_array().unwrap().len(), 3);
    assert_eq!(v["result"]["periods"][2]["days"], 15);
    let steps = v["steps"].to_string();
    assert!(steps.contains("\"20.4\""), "{steps}");
    assert!(steps.contains("vanaf de vervaldatum"), "{steps}");
    assert!(steps.contains("default (verzuim) begins on 2025-03-16"));
}

/// Compri with a payment: 100 on 2025-04-10 (inside month 2, 04-01..04-30). Months 1 and 2
/// were charged on 250 (5.00 each); the payment covers that interest 10.00 and principal
/// 90.00 → 160.00. Month 3 (from 05-01, the months running from the due date 03-01) on 160:
/// 3.20. Interest 13.20; outstanding 160 + 3.20 = 163.20.
#[test]
fn compri_payment_lowers_next_month() {
    let v = run(&[
        "--provider",
        "compri",
        "--principal",
        "250",
        "--due",
        "2025-03-01",
        "--reminder",
        "2025-03-10",
        "--until",
        "2025-05-15",
        "--payment",
        "2025-04-10=100",
    ]);
    assert_eq!(s(&v, "interest"), "13.20");
    assert_eq!(s(&v, "outstanding"), "163.20");
}

/// Compri: not in default by the until date (default begins 2025-03-16) → no interest; and
/// paid in full within the demand's 5 days → no default, no interest.
#[test]
fn compri_no_default_no_interest() {
    let v = run(&[
        "--provider",
        "compri",
        "--principal",
        "250",
        "--due",
        "2025-03-01",
        "--reminder",
        "2025-03-10",
        "--until",
        "2025-03-15",
    ]);
    assert_eq!(s(&v, "interest"), "0.00");
    let v = run(&[
        "--provider",
        "compri",
        "--principal",
        "250",
        "--due",
        "2025-03-01",
        "--reminder",
        "2025-03-10",
        "--until",
        "2025-05-15",
        "--payment",
        "2025-03-14=250",
    ]);
    assert_eq!(s(&v, "interest"), "0.00");
    assert_eq!(s(&v, "outstanding"), "0.00");
}

/// Compri, consumer: statutory interest (6:119, 6 % in 2025) from the day default begins
/// (2025-03-16) through 2025-05-15: 16 + 30 + 15 = 61 d: 250 × 6 × 61 / 36500 = 2.5068 → 2.51.
#[test]
fn compri_consumer_statutory_from_default() {
    let v = run(&[
        "--provider",
        "compri",
        "--customer",
        "consumer",
        "--principal",
        "250",
        "--due",
        "2025-03-01",
        "--reminder",
        "2025-03-10",
        "--until",
        "2025-05-15",
    ]);
    assert_eq!(s(&v, "interest"), "2.51");
    assert_eq!(v["result"]["claims"][0]["first_interest_day"], "2025-03-16");
}

/// Qupra art. 10.4.b (2nd): interest first, then the oldest invoices, even when the payment
/// names a later invoice. Same claims as above, 400 paid 2025-06-30 "for claim 2":
///   interest 22.91 + 11.18 = 34.09; principal: claim 1 365.91 → 134.09 left; claim 2 300.00.
///   July: claim 1 134.09 × 10.15 × 31 / 36500 = 1.1559 → 1.16; claim 2 2.59.
///   interest 34.09 + 1.16 + 2.59 = 37.84; outstanding 800 + 37.84 − 400 = 437.84
#[test]
fn qupra_interest_first_designation_set_aside() {
    let v = run(&[
        "--provider",
        "qupra",
        "--claim",
        "500@2025-01-31",
        "--claim",
        "300@2025-02-28",
        "--until",
        "2025-07-31",
        "--payment",
        "2025-06-30=400@2",
    ]);
    assert_eq!(s(&v, "interest"), "37.84");
    assert_eq!(s(&v, "outstanding"), "437.84");
    assert_eq!(v["result"]["allocations"][0]["designation_honoured"], false);
    assert!(v["steps"].to_string().contains("10.4.b (2nd)"));
}

/// Qupra, one invoice: 6:119a from the day after the due date (10.4.a (2nd)).
/// 2025-01-15..03-31 = 17 + 28 + 31 = 76 d: 1000 × 11.15 × 76 / 36500 = 23.2164 → 23.22.
#[test]
fn qupra_commercial_from_due_date() {
    let v = run(&[
        "--provider",
        "qupra",
        "--principal",
        "1000",
        "--due",
        "2025-01-14",
        "--until",
        "2025-03-31",
    ]);
    assert_eq!(s(&v, "interest"), "23.22");
    assert!(v["steps"].to_string().contains("reading"));
}

/// Quatel art. 4.5: statutory (commercial) interest for every day after the Vervaldatum.
/// 2025-01-06..02-04 30 d: 1000 × 11.15 × 30 / 36500 = 9.1644 → 9.16.
#[test]
fn quatel_every_day_after_vervaldatum() {
    let v = run(&[
        "--provider",
        "quatel",
        "--principal",
        "1000",
        "--due",
        "2025-01-05",
        "--until",
        "2025-02-04",
    ]);
    assert_eq!(s(&v, "interest"), "9.16");
}

/// Voipro, consumer (7.6, 7.7): notice received 2025-03-05, 7 days to 03-12, interest from
/// 2025-03-13 at 6:119 (6 %): 19 + 30 + 15 = 64 d: 250 × 6 × 64 / 36500 = 2.6301 → 2.63.
/// Business: 6:119a from the day after the due date.
#[test]
fn voipro_clauses() {
    let v = run(&[
        "--provider",
        "voipro",
        "--customer",
        "consumer",
        "--principal",
        "250",
        "--due",
        "2025-03-01",
        "--reminder",
        "2025-03-05",
        "--until",
        "2025-05-15",
    ]);
    assert_eq!(s(&v, "interest"), "2.63");
    // Business: 2025-03-02..05-15 = 75 d: 250 × 11.15 × 75 / 36500 = 5.7277 → 5.73.
    let v = run(&[
        "--provider",
        "voipro",
        "--principal",
        "250",
        "--due",
        "2025-03-01",
        "--until",
        "2025-05-15",
    ]);
    assert_eq!(s(&v, "interest"), "5.73");
}

/// VOIPZeker 8.8, 8.16, 8.19: due invoice date + 14; commercial interest from the next day.
/// 121.00 due 2025-06-15: 06-16..06-30 15 d × 11.15 %: 121 × 11.15 × 15 / 36500 = 0.5544 →
/// 0.55; 07-01..07-15 15 d × 10.15 %: 121 × 10.15 × 15 / 36500 = 0.5047 → 0.50. Total 1.05.
#[test]
fn voipzeker_commercial() {
    let v = run(&[
        "--provider",
        "voipzeker",
        "--principal",
        "121",
        "--due",
        "2025-06-15",
        "--until",
        "2025-07-15",
    ]);
    assert_eq!(s(&v, "interest"), "1.05");
    assert!(v["steps"].to_string().contains("8.8"));
}

/// A consumer under a clause that means the commercial rate: 6:119a applies only to commercial
/// contracts, so 6:119 is used. Quatel: 2025-01-06..02-04 30 d × 6 %: 1000 × 6 × 30 / 36500 =
/// 4.9315 → 4.93.
#[test]
fn consumer_never_gets_commercial_rate() {
    let v = run(&[
        "--provider",
        "quatel",
        "--customer",
        "consumer",
        "--principal",
        "1000",
        "--due",
        "2025-01-05",
        "--until",
        "2025-02-04",
    ]);
    assert_eq!(s(&v, "interest"), "4.93");
    assert!(v["steps"].to_string().contains("6:119a lid 1"));
}

/// The payment term from the provider file: VOIPZeker 8.8, 14 calendar days after the invoice
/// date. Invoice 2025-06-01 → due 2025-06-15 → the same 1.05 as `voipzeker_commercial`.
/// Qupra 10.4.c (1st): invoice 2024-12-31 → due 2025-01-14 → the 23.22 of
/// `qupra_commercial_from_due_date`.
#[test]
fn invoice_date_and_payment_term() {
    let v = run(&[
        "--provider",
        "voipzeker",
        "--principal",
        "121",
        "--invoice-date",
        "2025-06-01",
        "--until",
        "2025-07-15",
    ]);
    assert_eq!(v["result"]["claims"][0]["due"], "2025-06-15");
    assert_eq!(s(&v, "interest"), "1.05");
    assert_eq!(v["steps"][0]["citation"]["article"], "8.8");
    let v = run(&[
        "--provider",
        "qupra",
        "--principal",
        "1000",
        "--invoice-date",
        "2024-12-31",
        "--until",
        "2025-03-31",
    ]);
    assert_eq!(s(&v, "interest"), "23.22");
}

/// Compri 20.4, "vanaf de vervaldatum" read as written (issue 10 item 14): the due date
/// 2025-03-10 is the first interest day. Demand received 2025-03-12; 5 days 03-13..03-17;
/// default from 2025-03-18, before --until. Months from 03-10: 03-10..04-09 (month 1) and
/// 04-10 (month 2 begun) → 2 × 250.00 × 2 % = 10.00. (From the day after the due date it would
/// be one month, 03-11..04-10: 5.00.) Statutory floor per month ≈ 250 × 10.15 % × 31 / 365 ≈
/// 2.16, below 5.00.
#[test]
fn compri_interest_from_the_due_date_itself() {
    let v = run(&[
        "--provider",
        "compri",
        "--principal",
        "250",
        "--due",
        "2025-03-10",
        "--reminder",
        "2025-03-12",
        "--until",
        "2025-04-10",
    ]);
    assert_eq!(s(&v, "interest"), "10.00");
    assert_eq!(v["result"]["periods"].as_array().unwrap().len(), 2);
    // One day earlier (until 2025-04-09) it is still the first month: 5.00.
    let v = run(&[
        "--provider",
        "compri",
        "--principal",
        "250",
        "--due",
        "2025-03-10",
        "--reminder",
        "2025-03-12",
        "--until",
        "2025-04-09",
    ]);
    assert_eq!(s(&v, "interest"), "5.00");
}

/// --costs-from (issue 10 item 8, the engine `quote` uses): costs 50.00 that fall due on
/// 2025-03-01 cannot take a payment made before that day; a payment on that day goes to them
/// first (BW 6:44). Commercial 11.15 % (2025-H1), principal 100.00 due 2025-01-01.
/// Before: payment 60 on 2025-02-01: interest 01-02..02-01 = 31 days, 100 × 11.15 % × 31/365
/// = 0.9470 → 0.95; costs 0.00, interest 0.95, principal 59.05 → 40.95; then 02-02..04-01 =
/// 59 days, 40.95 × 11.15 % × 59/365 = 0.7381 → 0.74. Outstanding 40.95 + 0.74 + 50.00 =
/// 91.69.
/// On the day: payment 60 on 2025-03-01: interest 01-02..03-01 = 59 days, 100 × 11.15 % ×
/// 59/365 = 1.8023 → 1.80; costs 50.00, interest 1.80, principal 8.20 → 91.80.
#[test]
fn costs_from_a_day_take_payments_from_that_day_on() {
    let base = [
        "--principal",
        "100",
        "--due",
        "2025-01-01",
        "--kind",
        "commercial",
        "--costs",
        "50",
        "--costs-from",
        "2025-03-01",
        "--until",
        "2025-04-01",
    ];
    let before = run(&[&base[..], &["--payment", "2025-02-01=60"]].concat());
    let a = &before["result"]["allocations"][0];
    assert_eq!(a["to_costs"], "0.00");
    assert_eq!(a["to_interest"], "0.95");
    assert_eq!(a["to_principal"], "59.05");
    assert_eq!(s(&before, "outstanding_costs"), "50.00");
    assert_eq!(s(&before, "outstanding"), "91.69");
    assert_eq!(s(&before, "costs_from"), "2025-03-01");

    let on_the_day = run(&[&base[..], &["--payment", "2025-03-01=60"]].concat());
    let a = &on_the_day["result"]["allocations"][0];
    assert_eq!(a["to_costs"], "50.00");
    assert_eq!(a["to_interest"], "1.80");
    assert_eq!(a["to_principal"], "8.20");
    assert_eq!(s(&on_the_day, "outstanding_principal"), "91.80");
}
