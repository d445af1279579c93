//! Issue 10, items 7-10 in `termcalc quote`: VAT kept apart, payments through the one interest
//! engine with the collection costs from the day they fell due (BW 6:44), the 14-day letter
//! before default (BW 6:96 lid 6) and 40 euro per late invoice (BW 6:96 lid 4). Every figure
//! is worked out by hand in the comment above its test.

use assert_cmd::Command;
use serde_json::Value;

fn quote(as_of: &str, args: &[&str]) -> Value {
    let out = Command::cargo_bin("termcalc")
        .unwrap()
        .env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .args(["--format", "json", "--as-of", as_of, "quote"])
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

fn amounts(q: &Value) -> Vec<(String, String)> {
    q["result"]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["amount"].as_str().unwrap().to_string(),
                l["vat_treatment"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// A consumer pays once before and once after the collection costs fell due.
///
/// Claim 1000.00 due 2025-03-31; default 2025-04-01 (Qupra 10.4.a: no notice needed);
/// statutory interest 6:119, 6 % in 2025. 14-day letter received Thu 2025-04-10: days
/// 04-11..04-24 (Thu, a working day), costs due from 2025-04-25.
/// Payment 400 on 2025-04-15, before the costs fell due: interest 04-01..04-15 = 15 days,
/// 1000 × 6 % × 15/365 = 2.4658 → 2.47; the costs cannot take it: interest 2.47, principal
/// 397.53 → 602.47. Costs fixed on 602.47 owed on 2025-04-25: 15 % = 90.3705 → 90.37.
/// Payment 100 on 2025-05-15, after: interest 04-16..05-15 = 30 days, 602.47 × 6 % × 30/365 =
/// 2.9711 → 2.97; applied to costs 90.37, interest 2.97, principal 100 − 90.37 − 2.97 = 6.66
/// → 595.81. Through 2025-05-31: 16 days, 595.81 × 6 % × 16/365 = 1.5671 → 1.57.
/// Lines: open invoice 595.81 (incl. VAT), interest 1.57, collection costs 90.37 (new charge),
/// paid towards them −90.37. Total payable 595.81 + 1.57 + 90.37 − 90.37 = 597.38.
/// Payments 500.00 = costs 90.37 + interest 2.47 + 2.97 = 5.44 + principal 397.53 + 6.66 =
/// 404.19.
#[test]
fn consumer_payments_before_and_after_the_costs_fell_due() {
    let q = quote(
        "2025-06-01",
        &[
            "--provider",
            "qupra",
            "--start",
            "2025-03-15",
            "--customer",
            "consumer",
            "--kind",
            "consumer",
            "--claim",
            "1000@2025-03-31",
            "--letter-date",
            "2025-04-10",
            "--payment",
            "2025-04-15=400",
            "--payment",
            "2025-05-15=100",
            "--until",
            "2025-05-31",
        ],
    );
    let r = &q["result"];
    assert_eq!(r["collection"]["due_from"], "2025-04-25");
    assert_eq!(r["collection"]["principal"], "602.47");
    assert_eq!(r["collection"]["costs"], "90.37");
    let a = &r["invoices"]["allocations"];
    assert_eq!(a[0]["to_costs"], "0.00");
    assert_eq!(a[0]["to_interest"], "2.47");
    assert_eq!(a[0]["to_principal"], "397.53");
    assert_eq!(a[1]["to_costs"], "90.37");
    assert_eq!(a[1]["to_interest"], "2.97");
    assert_eq!(a[1]["to_principal"], "6.66");
    assert_eq!(
        amounts(&q),
        pairs(&[
            ("595.81", "invoiced"),
            ("1.57", "none"),
            ("90.37", "added"),
            ("-90.37", "none"),
        ])
    );
    assert_eq!(r["total_incl_vat"], "597.38");
    assert_eq!(r["payments"], "500.00");
    assert_eq!(r["payments_to_costs"], "90.37");
    assert_eq!(r["payments_to_interest"], "5.44");
    assert_eq!(r["payments_to_principal"], "404.19");
    assert_eq!(r["customer"], "consumer");
}

/// The letter received on the due date is no valid letter; the day after (the first day of
/// default) it is. Consumer, claim 1000.00 due 2025-04-10, no --default-date: default follows
/// from the due date and Qupra 10.4.a, 2025-04-11.
/// On 04-10: no costs (0.00), no collection line; total payable = 1000.00 + interest.
/// On 04-11 (Fri): 14 days 04-12..04-25 (Fri, a working day), due from 04-26; 15 % × 1000 =
/// 150.00, included through 2025-05-31.
#[test]
fn letter_on_the_due_date_and_the_day_after() {
    let run = |letter: &str| {
        quote(
            "2025-06-01",
            &[
                "--provider",
                "qupra",
                "--start",
                "2025-03-15",
                "--customer",
                "consumer",
                "--kind",
                "consumer",
                "--claim",
                "1000@2025-04-10",
                "--letter-date",
                letter,
                "--until",
                "2025-05-31",
            ],
        )
    };
    let on_due = run("2025-04-10");
    let r = &on_due["result"];
    assert_eq!(r["collection"]["letter_valid"], false);
    assert_eq!(r["collection"]["default_from"], "2025-04-11");
    assert_eq!(r["collection"]["costs"], "0.00");
    assert_eq!(r["collection_included"], false);
    assert_eq!(r["new_charges"], "0.00");
    assert_eq!(r["lines"].as_array().unwrap().len(), 2);
    assert!(on_due["warnings"]
        .to_string()
        .contains("before default began on 2025-04-11"));

    let day_after = run("2025-04-11");
    let r = &day_after["result"];
    assert_eq!(r["collection"]["letter_valid"], true);
    assert_eq!(r["collection"]["due_from"], "2025-04-26");
    assert_eq!(r["collection_included"], true);
    assert_eq!(r["new_charges"], "150.00");
}

/// 40 euro per late invoice for a business (reseller), each invoice 100.00 (BIK 15 % = 15.00,
/// under 40 each). Costs due the day after the latest due date.
/// 1 invoice: 15.00 → 40.00; 2 invoices: 30.00 → 2 × 40 = 80.00; 3 invoices: 45.00 → 120.00.
#[test]
fn forty_euro_per_late_invoice() {
    let dues = ["100@2025-03-01", "100@2025-04-01", "100@2025-05-01"];
    for (n, expected) in [(1, "40.00"), (2, "80.00"), (3, "120.00")] {
        let mut args = vec![
            "--provider",
            "qupra",
            "--start",
            "2025-03-15",
            "--kind",
            "commercial",
            "--until",
            "2025-06-30",
        ];
        for d in &dues[..n] {
            args.extend(["--claim", d]);
        }
        let q = quote("2025-07-01", &args);
        let r = &q["result"];
        assert_eq!(r["collection"]["claims"], n, "{n}");
        assert_eq!(r["collection"]["costs"], expected, "{n}");
        assert_eq!(r["new_charges"], expected, "{n}");
    }
}

/// The table keeps the invoiced amounts apart and labels every total; no "Total excl. VAT"
/// that contains VAT. The customer type and regime are shown.
#[test]
fn table_labels_say_what_each_total_is() {
    let out = Command::cargo_bin("termcalc")
        .unwrap()
        .env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .args([
            "--as-of",
            "2025-10-01",
            "quote",
            "--provider",
            "voipzeker",
            "--start",
            "2024-06-01",
            "--term-months",
            "24",
            "--end",
            "2025-10-31",
            "--monthly",
            "80",
            "--claim",
            "1200@2025-07-15",
            "--vat",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("Total excl. VAT"), "{text}");
    for needle in [
        "Customer",
        "Regime",
        "Payments taken",
        "New charges excl. VAT",
        "VAT on new charges",
        "Open invoices incl. their VAT",
        "Total payable",
        "incl. VAT",
        "excl. VAT",
        "no VAT",
    ] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
}

/// Everything paid before the collection costs fell due: none are owed. Claim 100.00 due
/// 2025-03-31, letter received 2025-04-10 (costs would fall due 2025-04-25); payment 200 on
/// 2025-04-15: interest 04-01..04-15 = 15 days, 100 × 6 % × 15/365 = 0.2466 → 0.25; principal
/// 100.00; surplus 200 − 100.25 = 99.75, deducted. Total payable −99.75.
#[test]
fn all_paid_before_the_costs_fell_due() {
    let q = quote(
        "2025-09-01",
        &[
            "--provider",
            "qupra",
            "--start",
            "2025-03-15",
            "--customer",
            "consumer",
            "--kind",
            "consumer",
            "--claim",
            "100@2025-03-31",
            "--letter-date",
            "2025-04-10",
            "--payment",
            "2025-04-15=200",
        ],
    );
    let r = &q["result"];
    assert!(r["collection"].is_null());
    assert_eq!(r["invoices"]["surplus"], "99.75");
    assert_eq!(r["total_incl_vat"], "-99.75");
    assert!(q["steps"]
        .to_string()
        .contains("would fall due on 2025-04-25"));
}
