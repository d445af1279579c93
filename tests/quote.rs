//! `termcalc quote` golden cases. Each part of a quote must be the single command's own result
//! for the same inputs (run here and compared object for object), and the lines must add up to
//! the totals. The figures below are worked out by hand from the clauses; the comments give the
//! arithmetic.
//!
//! VAT in a quote: the buyout carries the 21 % its own calculation adds; interest none; open
//! invoices are counted as invoiced (their amounts include their own VAT; nothing is added);
//! collection costs carry VAT only with --vat.
//!
//! Issue 10 (items 7-8): the invoices part is now `interest --costs C --costs-from D` (the
//! collection costs, from the day they fell due, take payments first, BW 6:44) and the
//! collection part is `collection-costs --due LATEST` (default follows from the due date).
//! The comparisons below were changed to those commands; the figures did not change except
//! where a payment is involved (see payment_reduces_principal_and_collection_base).

use assert_cmd::Command;
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

fn termcalc() -> Command {
    let mut c = Command::cargo_bin("termcalc").unwrap();
    c.env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR");
    c
}

/// Runs one command with `--format json` and returns the whole JSON document.
fn run(as_of: &str, command: &str, args: &[&str]) -> Value {
    let out = termcalc()
        .args(["--format", "json", "--as-of", as_of, command])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{command} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().unwrap_or_else(|| panic!("not an amount: {v}"))).unwrap()
}

/// The lines as (amount, vat) strings.
fn lines(q: &Value) -> Vec<(String, String)> {
    q["result"]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["amount"].as_str().unwrap().to_string(),
                l["vat"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Every line has a label and an article; the totals are the sums of the lines.
fn assert_adds_up(q: &Value) {
    let r = &q["result"];
    let ls = r["lines"].as_array().unwrap();
    let mut total = Decimal::ZERO;
    let mut vat = Decimal::ZERO;
    for l in ls {
        assert!(!l["label"].as_str().unwrap().is_empty());
        assert!(!l["article"].as_str().unwrap().is_empty(), "{l}");
        total += dec(&l["amount"]);
        vat += dec(&l["vat"]);
    }
    assert_eq!(dec(&r["total"]), total);
    assert_eq!(dec(&r["vat"]), vat);
    assert_eq!(dec(&r["total_incl_vat"]), total + vat);
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// Qupra Wholesale, reseller (the file's default), leaving early with two open invoices.
///
/// End date: term 2025-03-15 + 12 months - 1 day = 2026-03-14 (art. 5.1.b); the notice on
/// 2025-09-01 + 1 month is before it, so in time (5.1.c).
/// Buyout (5.1.d (i), (ii)): 2025-09-21..2026-03-14 = 10/30 + 5 + 14/31 months = 5.7849…;
/// fixed 50 × 5.7849… = 289.25; usage 12.40 × 5.7849… = 71.73; total 360.98;
/// VAT 21 % = 75.8058 → 75.81.
/// Interest (10.4.a (2nd): commercial statutory interest from the day after the due date):
/// 500 × 11.15 % × 121/365 = 18.48, 500 × 10.15 % × 63/365 = 8.76, 200 × 11.15 % × 60/365 =
/// 3.67, 200 × 10.15 % × 63/365 = 3.50; together 34.41.
/// Collection costs (10.4.d (2nd) claims actual costs; BIK as reference): 15 % × 700 = 105.00
/// (above 2 invoices × 40 = 80), due from 2025-05-02, the day after the later due date.
/// Total 360.98 + 700.00 + 34.41 + 105.00 = 1200.39; VAT 75.81; incl. VAT 1276.20.
#[test]
fn qupra_reseller_all_parts() {
    let as_of = "2025-09-01";
    let q = run(
        as_of,
        "quote",
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
            "--claim",
            "500@2025-03-01",
            "--claim",
            "200@2025-05-01",
        ],
    );
    let r = &q["result"];
    // Each part is the single command's result, object for object.
    let e = run(
        as_of,
        "end-date",
        &["--provider", "qupra", "--start", "2025-03-15"],
    );
    assert_eq!(r["end_date"], e["result"]);
    assert_eq!(r["end_date"]["end_date"], "2026-03-14");
    let b = run(
        as_of,
        "buyout",
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
    assert_eq!(r["buyout"], b["result"]);
    let i = run(
        as_of,
        "interest",
        &[
            "--provider",
            "qupra",
            "--claim",
            "500@2025-03-01",
            "--claim",
            "200@2025-05-01",
            "--costs",
            "105.00",
            "--costs-from",
            "2025-05-02",
        ],
    );
    assert_eq!(r["invoices"], i["result"]);
    let c = run(
        as_of,
        "collection-costs",
        &[
            "--provider",
            "qupra",
            "--principal",
            "500",
            "--principal",
            "200",
            "--due",
            "2025-05-01",
        ],
    );
    assert_eq!(r["collection"], c["result"]);
    // The lines are those results' figures.
    assert_eq!(b["result"]["total"], "360.98");
    assert_eq!(b["result"]["vat"], "75.81");
    assert_eq!(i["result"]["interest"], "34.41");
    assert_eq!(c["result"]["costs"], "105.00");
    assert_eq!(
        lines(&q),
        pairs(&[
            ("360.98", "75.81"),
            ("700.00", "0.00"),
            ("34.41", "0.00"),
            ("105.00", "0.00"),
        ])
    );
    assert_eq!(r["total"], "1200.39");
    assert_eq!(r["vat"], "75.81");
    assert_eq!(r["total_incl_vat"], "1276.20");
    // Kept apart: new charges 360.98 + 105.00 = 465.98, + VAT 75.81 = 541.79; invoiced
    // 700.00 incl. their VAT; interest 34.41; 541.79 + 700.00 + 34.41 = 1276.20.
    assert_eq!(r["new_charges"], "465.98");
    assert_eq!(r["new_charges_incl_vat"], "541.79");
    assert_eq!(r["invoiced"], "700.00");
    assert_eq!(r["not_vat"], "34.41");
    assert_eq!(r["customer"], "reseller");
    assert_eq!(r["payments"], "0.00");
    assert_adds_up(&q);
    // Articles: the buyout's clauses, the payment term, the interest clause, the BIK scale.
    let arts: Vec<&str> = r["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["article"].as_str().unwrap())
        .collect();
    assert_eq!(arts[0], "Qupra Wholesale art. 5.1.d (i), 5.1.d (ii)");
    assert_eq!(arts[1], "Qupra Wholesale art. 10.4.c (1st)");
    assert!(arts[2].starts_with("Qupra Wholesale art. 10.4.a (2nd)"));
    assert_eq!(arts[3], "BIK art. 2");
    // Inputs as understood, defaults resolved.
    assert_eq!(q["inputs"]["notice"], "2025-09-01");
    assert_eq!(q["inputs"]["until"], "2025-09-01");
    assert_eq!(q["inputs"]["customer"], "reseller");
}

/// VOIPZeker, business, 24-month term, the creditor cannot deduct VAT (--vat).
///
/// End date: 2024-06-01 + 24 months - 1 day = 2026-05-31. Buyout (4.5, 8.2): the fixed fees
/// 2025-11-01..2026-05-31 = 7 whole months × 80 = 560.00; VAT 21 % = 117.60.
/// Interest (8.19, commercial statutory): 2025-07-16..2025-10-01 = 78 days,
/// 1200 × 10.15 % × 78/365 = 26.0284 → 26.03.
/// Collection costs (8.23, the BIK scale as printed): 15 % × 1200 = 180.00; with --vat
/// 21 % = 37.80 (BIK art. 2 lid 3).
/// Total 560.00 + 1200.00 + 26.03 + 180.00 = 1966.03; VAT 117.60 + 37.80 = 155.40;
/// incl. VAT 2121.43.
#[test]
fn voipzeker_vat_on_buyout_and_collection_costs() {
    let as_of = "2025-10-01";
    let q = run(
        as_of,
        "quote",
        &[
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
        ],
    );
    let r = &q["result"];
    let e = run(
        as_of,
        "end-date",
        &[
            "--provider",
            "voipzeker",
            "--start",
            "2024-06-01",
            "--term-months",
            "24",
        ],
    );
    assert_eq!(r["end_date"], e["result"]);
    let b = run(
        as_of,
        "buyout",
        &[
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
        ],
    );
    assert_eq!(r["buyout"], b["result"]);
    let i = run(
        as_of,
        "interest",
        &[
            "--provider",
            "voipzeker",
            "--claim",
            "1200@2025-07-15",
            "--costs",
            "217.80",
            "--costs-from",
            "2025-07-16",
        ],
    );
    assert_eq!(r["invoices"], i["result"]);
    let c = run(
        as_of,
        "collection-costs",
        &[
            "--provider",
            "voipzeker",
            "--principal",
            "1200",
            "--vat",
            "--due",
            "2025-07-15",
        ],
    );
    assert_eq!(r["collection"], c["result"]);
    assert_eq!(
        lines(&q),
        pairs(&[
            ("560.00", "117.60"),
            ("1200.00", "0.00"),
            ("26.03", "0.00"),
            ("180.00", "37.80"),
        ])
    );
    assert_eq!(r["total"], "1966.03");
    assert_eq!(r["vat"], "155.40");
    assert_eq!(r["total_incl_vat"], "2121.43");
    // New charges 560.00 + 180.00 = 740.00 excl. VAT, 895.40 incl.; the invoice 1200.00 is not
    // "excl. VAT": it is kept apart; 895.40 + 1200.00 + 26.03 = 2121.43.
    assert_eq!(r["new_charges"], "740.00");
    assert_eq!(r["new_charges_incl_vat"], "895.40");
    assert_eq!(r["invoiced"], "1200.00");
    let kinds: Vec<&str> = r["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["vat_treatment"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["added", "invoiced", "none", "added"]);
    assert_adds_up(&q);
    // The VAT split is stated in steps.
    let steps: Vec<&str> = q["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert!(steps
        .iter()
        .any(|s| s.starts_with("[quote] Buyout") && s.contains("21 % VAT")));
    assert!(steps
        .iter()
        .any(|s| s.starts_with("[quote] Interest") && s.contains("no VAT")));
    assert!(steps
        .iter()
        .any(|s| s.starts_with("[quote] Collection costs") && s.contains("cannot deduct VAT")));
}

/// Compri, business DSL, no buyout clause (an estimate), and the 2 %-per-month clause that
/// counts once the customer is in default after a demand (--reminder).
///
/// End date: 2025-01-01 + 12 months - 1 day = 2025-12-31. Buyout estimate (9.14, 19.4): the
/// fixed fees 2025-10-01..2025-12-31 = 3 months × 45.50 = 136.50; VAT 21 % = 28.665 → 28.67.
/// Interest (20.4, 2 % for every month or part, counted back to the due date itself, "vanaf
/// de vervaldatum"): 300 from 2025-06-01 through 2025-09-30 = 4 months begun × 6.00 = 24.00;
/// 150 from 2025-07-01 = 3 months begun × 3.00 = 9.00; together 33.00.
/// Collection costs (20.5): 15 % × 450 = 67.50 → the clause's minimum 200.00 (above 2 × 40);
/// no VAT; due from 2025-07-02, the day after the later due date (business, 6:119a lid 1).
/// Total 136.50 + 450.00 + 33.00 + 200.00 = 819.50; VAT 28.67; incl. VAT 848.17.
#[test]
fn compri_estimate_and_monthly_interest_clause() {
    let as_of = "2025-10-01";
    let common = ["--provider", "compri"];
    let q = run(
        as_of,
        "quote",
        &[
            &common[..],
            &[
                "--service",
                "dsl",
                "--start",
                "2025-01-01",
                "--end",
                "2025-09-30",
                "--monthly",
                "45.50",
                "--claim",
                "300@2025-06-01",
                "--claim",
                "150@2025-07-01",
                "--reminder",
                "2025-07-10",
                "--until",
                "2025-09-30",
            ],
        ]
        .concat(),
    );
    let r = &q["result"];
    let b = run(
        as_of,
        "buyout",
        &[
            &common[..],
            &[
                "--service",
                "dsl",
                "--start",
                "2025-01-01",
                "--end",
                "2025-09-30",
                "--monthly",
                "45.50",
            ],
        ]
        .concat(),
    );
    assert_eq!(r["buyout"], b["result"]);
    let e = run(
        as_of,
        "end-date",
        &[&common[..], &["--service", "dsl", "--start", "2025-01-01"]].concat(),
    );
    assert_eq!(r["end_date"], e["result"]);
    let i = run(
        as_of,
        "interest",
        &[
            &common[..],
            &[
                "--claim",
                "300@2025-06-01",
                "--claim",
                "150@2025-07-01",
                "--reminder",
                "2025-07-10",
                "--until",
                "2025-09-30",
                "--costs",
                "200.00",
                "--costs-from",
                "2025-07-02",
            ],
        ]
        .concat(),
    );
    assert_eq!(r["invoices"], i["result"]);
    let c = run(
        as_of,
        "collection-costs",
        &[
            &common[..],
            &[
                "--principal",
                "300",
                "--principal",
                "150",
                "--due",
                "2025-07-01",
                "--reminder",
                "2025-07-10",
            ],
        ]
        .concat(),
    );
    assert_eq!(r["collection"], c["result"]);
    assert_eq!(
        lines(&q),
        pairs(&[
            ("136.50", "28.67"),
            ("450.00", "0.00"),
            ("33.00", "0.00"),
            ("200.00", "0.00"),
        ])
    );
    assert_eq!(r["total"], "819.50");
    assert_eq!(r["vat"], "28.67");
    assert_eq!(r["total_incl_vat"], "848.17");
    assert_adds_up(&q);
    // The buyout's no-clause warning is passed on, marked with its part.
    assert!(q["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w.as_str().unwrap().starts_with("buyout: ")));
}

/// Voipro, a consumer: statutory interest (7.6, 7.7: from the day after the 7 days of the
/// notice of default, received 2025-08-05, so from 2025-08-13), and collection costs only once
/// the 14-day letter's term has passed (BW 6:96 lid 6).
///
/// Letter received 2025-09-10 (Wednesday): days 2025-09-11..2025-09-24 (Wednesday, a working
/// day), so the costs are due from 2025-09-25.
/// --until 2025-09-20: interest 2025-08-13..2025-09-20 = 39 days, 250 × 6 % × 39/365 = 1.6027
/// → 1.60; the costs are not yet due: no line; total 250.00 + 1.60 = 251.60.
/// --until 2025-09-30: 49 days, 250 × 6 % × 49/365 = 2.0137 → 2.01; BIK 15 % × 250 = 37.50,
/// below the minimum: 40.00; total 250.00 + 2.01 + 40.00 = 292.01.
/// No --end: no buyout line in either.
#[test]
fn voipro_consumer_collection_costs_only_after_the_letter_term() {
    let as_of = "2025-10-01";
    let args = |until: &'static str| {
        vec![
            "--provider",
            "voipro",
            "--customer",
            "consumer",
            "--claim",
            "250@2025-08-01",
            "--reminder",
            "2025-08-05",
            "--letter-date",
            "2025-09-10",
            "--until",
            until,
        ]
    };
    let early = run(as_of, "quote", &args("2025-09-20"));
    let r = &early["result"];
    assert!(r["buyout"].is_null());
    assert_eq!(r["collection"]["due_from"], "2025-09-25");
    assert_eq!(r["collection_included"], false);
    assert_eq!(
        lines(&early),
        pairs(&[("250.00", "0.00"), ("1.60", "0.00")])
    );
    assert_eq!(r["total"], "251.60");
    assert_eq!(r["total_incl_vat"], "251.60");
    assert_adds_up(&early);

    let late = run(as_of, "quote", &args("2025-09-30"));
    let r = &late["result"];
    let i = run(
        as_of,
        "interest",
        &[
            "--provider",
            "voipro",
            "--customer",
            "consumer",
            "--claim",
            "250@2025-08-01",
            "--reminder",
            "2025-08-05",
            "--until",
            "2025-09-30",
            "--costs",
            "40.00",
            "--costs-from",
            "2025-09-25",
        ],
    );
    assert_eq!(r["invoices"], i["result"]);
    let c = run(
        as_of,
        "collection-costs",
        &[
            "--provider",
            "voipro",
            "--customer",
            "consumer",
            "--principal",
            "250",
            "--letter-date",
            "2025-09-10",
            "--due",
            "2025-08-01",
            "--reminder",
            "2025-08-05",
        ],
    );
    // Default under 7.7 from 2025-08-13; the letter of 2025-09-10 came after it: valid.
    assert_eq!(c["result"]["default_from"], "2025-08-13");
    assert_eq!(c["result"]["letter_valid"], true);
    assert_eq!(r["collection"], c["result"]);
    assert_eq!(r["collection_included"], true);
    assert_eq!(
        lines(&late),
        pairs(&[("250.00", "0.00"), ("2.01", "0.00"), ("40.00", "0.00")])
    );
    assert_eq!(r["total"], "292.01");
    assert_adds_up(&late);
}

/// No --claim: the end date and the buyout only; no invoice, interest or collection lines.
#[test]
fn no_claims_no_invoice_lines() {
    let q = run(
        "2025-09-01",
        "quote",
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
            "0",
        ],
    );
    let r = &q["result"];
    assert!(r["invoices"].is_null());
    assert!(r["collection"].is_null());
    assert_eq!(r["lines"].as_array().unwrap().len(), 1);
    // 50 × 5.7849… = 289.25; VAT 60.7425 → 60.74.
    assert_eq!(lines(&q), pairs(&[("289.25", "60.74")]));
    assert_eq!(r["total_incl_vat"], "349.99");
    assert_adds_up(&q);
}

/// Neither --end nor --claim: the end date alone, a total of nothing.
#[test]
fn end_date_only() {
    let q = run(
        "2025-02-10",
        "quote",
        &["--provider", "qupra", "--start", "2024-03-15"],
    );
    let e = run(
        "2025-02-10",
        "end-date",
        &["--provider", "qupra", "--start", "2024-03-15"],
    );
    assert_eq!(q["result"]["end_date"], e["result"]);
    assert!(q["result"]["buyout"].is_null());
    assert!(q["result"]["lines"].as_array().unwrap().is_empty());
    assert_eq!(q["result"]["total"], "0.00");
    assert_eq!(q["result"]["total_incl_vat"], "0.00");
}

/// --notice moves the end date and the buyout's regular end alike; --kind replaces the
/// provider's interest clause.
#[test]
fn notice_and_kind_are_passed_on() {
    let as_of = "2025-09-01";
    let q = run(
        as_of,
        "quote",
        &[
            "--provider",
            "qupra",
            "--start",
            "2025-03-15",
            "--notice",
            "2026-02-20",
            "--claim",
            "1000@2025-06-30",
            "--kind",
            "consumer",
        ],
    );
    let e = run(
        as_of,
        "end-date",
        &[
            "--provider",
            "qupra",
            "--start",
            "2025-03-15",
            "--notice",
            "2026-02-20",
        ],
    );
    assert_eq!(q["result"]["end_date"], e["result"]);
    // Too late for 2026-03-14 (deadline 2026-02-14): the next period ends 2027-03-14.
    assert_eq!(q["result"]["end_date"]["end_date"], "2027-03-14");
    // Reseller (the file's default): collection costs 15 % × 1000 = 150.00 from 2025-07-01.
    let i = run(
        as_of,
        "interest",
        &[
            "--claim",
            "1000@2025-06-30",
            "--kind",
            "consumer",
            "--costs",
            "150.00",
            "--costs-from",
            "2025-07-01",
        ],
    );
    assert_eq!(q["result"]["invoices"], i["result"]);
    assert_eq!(q["result"]["lines"][1]["article"], "BW art. 6:119");
    assert_adds_up(&q);
}

/// A payment after the collection costs fell due goes to them first (BW 6:44), and the costs
/// stay fixed on the principal owed when they fell due (issue 10 item 8). This test used to
/// put the payment on interest and principal only and take the costs on what was left
/// afterwards (218.48 → 40.00, total 262.31): both were wrong.
///
/// Qupra, reseller: claim 500.00 due 2025-03-01; default and collection costs from 2025-03-02
/// (6:119a lid 1, 6:96 lid 4): 15 % × 500.00 = 75.00 (BIK as reference, 10.4.d). Payment 300
/// on 2025-06-30: interest 2025-03-02..06-30 = 121 days × 500 × 11.15 % / 365 = 18.4836 →
/// 18.48; applied: costs 75.00, interest 18.48, principal 300 − 75.00 − 18.48 = 206.52 →
/// principal left 293.48. Then 2025-07-01..09-01 = 63 days × 293.48 × 10.15 % / 365 =
/// 5.1416 → 5.14. Lines: invoices 293.48 (incl. VAT), interest 5.14, collection costs 75.00,
/// paid towards them −75.00. Total payable 293.48 + 5.14 + 75.00 − 75.00 = 298.62.
#[test]
fn payment_reduces_principal_and_collection_base() {
    let as_of = "2025-09-01";
    let q = run(
        as_of,
        "quote",
        &[
            "--provider",
            "qupra",
            "--start",
            "2025-03-15",
            "--claim",
            "500@2025-03-01",
            "--payment",
            "2025-06-30=300",
        ],
    );
    let i = run(
        as_of,
        "interest",
        &[
            "--provider",
            "qupra",
            "--claim",
            "500@2025-03-01",
            "--payment",
            "2025-06-30=300",
            "--costs",
            "75.00",
            "--costs-from",
            "2025-03-02",
        ],
    );
    let r = &q["result"];
    assert_eq!(r["invoices"], i["result"]);
    let c = run(
        as_of,
        "collection-costs",
        &[
            "--provider",
            "qupra",
            "--principal",
            "500",
            "--due",
            "2025-03-01",
        ],
    );
    assert_eq!(r["collection"], c["result"]);
    assert_eq!(i["result"]["allocations"][0]["to_costs"], "75.00");
    assert_eq!(i["result"]["allocations"][0]["to_interest"], "18.48");
    assert_eq!(i["result"]["allocations"][0]["to_principal"], "206.52");
    assert_eq!(
        lines(&q),
        pairs(&[
            ("293.48", "0.00"),
            ("5.14", "0.00"),
            ("75.00", "0.00"),
            ("-75.00", "0.00"),
        ])
    );
    assert_eq!(r["total_incl_vat"], "298.62");
    assert_eq!(r["payments"], "300.00");
    assert_eq!(r["payments_to_costs"], "75.00");
    assert_eq!(r["payments_to_interest"], "18.48");
    assert_eq!(r["payments_to_principal"], "206.52");
    assert_adds_up(&q);
}

/// The table fits 80 columns, with and without --explain; CSV is one row of summary fields.
#[test]
fn table_fits_80_columns_and_csv_is_one_row() {
    let args = [
        "--as-of",
        "2025-09-01",
        "quote",
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
        "--claim",
        "500@2025-03-01",
        "--claim",
        "200@2025-05-01",
    ];
    for explain in [false, true] {
        let mut c = termcalc();
        if explain {
            c.arg("--explain");
        }
        let out = c.args(args).output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        for line in text.lines().filter(|l| !l.starts_with("warning:")) {
            assert!(line.chars().count() <= 80, "too wide: {line}");
        }
        assert!(text.contains("Statement"));
        if explain {
            assert!(text.contains("[end-date]"));
            assert!(text.contains("[buyout]"));
            assert!(text.contains("[interest]"));
            assert!(text.contains("[collection]"));
            assert!(text.contains("[quote]"));
        }
    }
    let out = termcalc()
        .args(["--format", "csv"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 2, "{text}");
    // The columns of earlier versions keep their order; issue 10 item 7 adds the customer
    // type, the regime, the payments taken and the totals kept apart after them.
    assert!(rows[0].starts_with(
        "end_date,notice_timely,leaving_day,buyout,invoices,interest,collection_costs,until,total,vat,total_incl_vat,customer,regime,payments,payments_to_costs,payments_to_interest,payments_to_principal,new_charges,new_charges_incl_vat,not_vat"
    ));
    assert!(rows[1].starts_with(
        "2026-03-14,true,2025-09-20,360.98,700.00,34.41,105.00,2025-09-01,1200.39,75.81,1276.20,reseller,terms,0.00,0.00,0.00,0.00,465.98,541.79,34.41"
    ));
}

/// A provider file without a [late_payment] section: statutory interest by customer type
/// (6:119a BW for a business or reseller, 6:119 BW for a consumer), said in a step.
#[test]
fn no_interest_clause_falls_back_to_statutory_interest() {
    let dir = std::env::temp_dir().join(format!("termcalc-quote-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/providers/qupra.toml"))
            .unwrap();
    let a = text.find("[late_payment]").unwrap();
    let b = text.find("# ==== collection costs ====").unwrap();
    std::fs::write(
        dir.join("qupra.toml"),
        format!("{}{}", &text[..a], &text[b..]),
    )
    .unwrap();
    let dir_s = dir.to_str().unwrap();
    // The reseller owes collection costs from 2025-03-02 (15 % × 500 = 75.00), which the engine
    // carries as `--costs`; the consumer has no 14-day letter, so none.
    for (customer, kind, article, costs) in [
        ("reseller", "commercial", "BW art. 6:119a", Some("75.00")),
        ("consumer", "consumer", "BW art. 6:119", None),
    ] {
        let q = run(
            "2025-09-01",
            "quote",
            &[
                "--providers-dir",
                dir_s,
                "--provider",
                "qupra",
                "--start",
                "2025-03-15",
                "--customer",
                customer,
                "--claim",
                "500@2025-03-01",
            ],
        );
        // The same figure as `interest --kind KIND`.
        let mut args = vec!["--claim", "500@2025-03-01", "--kind", kind];
        if let Some(c) = costs {
            args.extend(["--costs", c, "--costs-from", "2025-03-02"]);
        }
        let i = run("2025-09-01", "interest", &args);
        assert_eq!(q["result"]["invoices"], i["result"]);
        assert_eq!(q["result"]["lines"][1]["article"], article);
        assert!(q["steps"].as_array().unwrap().iter().any(|s| s["text"]
            .as_str()
            .unwrap()
            .contains("the provider file has no late-payment clause")));
        assert_adds_up(&q);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// --default-date and --letter-sent reach the collection costs as in `collection-costs`.
#[test]
fn collection_flags_are_passed_on() {
    let as_of = "2025-10-01";
    let q = run(
        as_of,
        "quote",
        &[
            "--provider",
            "voipro",
            "--start",
            "2025-02-01",
            "--customer",
            "consumer",
            "--claim",
            "250@2025-08-01",
            "--reminder",
            "2025-08-05",
            "--letter-sent",
            "2025-09-08",
            "--default-date",
            "2025-08-13",
        ],
    );
    let c = run(
        as_of,
        "collection-costs",
        &[
            "--provider",
            "voipro",
            "--customer",
            "consumer",
            "--principal",
            "250",
            "--letter-sent",
            "2025-09-08",
            "--default-date",
            "2025-08-13",
        ],
    );
    assert_eq!(q["result"]["collection"], c["result"]);
    // Posted Monday 2025-09-08: received (presumed) Wednesday 2025-09-10; the 14 days end on
    // Wednesday 2025-09-24, so the costs are due from 2025-09-25, before --until (as_of).
    assert_eq!(q["result"]["collection"]["due_from"], "2025-09-25");
    assert_eq!(q["result"]["collection_included"], true);
    assert_adds_up(&q);
}

/// Boundary: the collection costs count from their first due day itself (2025-09-25, see
/// above), not the day before.
#[test]
fn consumer_collection_costs_boundary() {
    for (until, included) in [("2025-09-24", false), ("2025-09-25", true)] {
        let q = run(
            "2025-10-01",
            "quote",
            &[
                "--provider",
                "voipro",
                "--start",
                "2025-02-01",
                "--customer",
                "consumer",
                "--claim",
                "250@2025-08-01",
                "--reminder",
                "2025-08-05",
                "--letter-date",
                "2025-09-10",
                "--until",
                until,
            ],
        );
        assert_eq!(q["result"]["collection_included"], included, "{until}");
        let n = q["result"]["lines"].as_array().unwrap().len();
        assert_eq!(n, if included { 3 } else { 2 }, "{until}");
        assert_adds_up(&q);
    }
}
