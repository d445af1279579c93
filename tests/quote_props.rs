//! Property tests for `termcalc quote`: for generated contracts and invoices, each part equals
//! the single command's result for the same inputs, and the lines add up to the totals.

mod common;

use assert_cmd::Command;
use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

fn run(as_of: &str, command: &str, args: &[String]) -> Value {
    let out = Command::cargo_bin("termcalc")
        .unwrap()
        .env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR")
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
    Decimal::from_str(v.as_str().unwrap()).unwrap()
}

fn cents(c: u64) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn parts_are_the_single_commands_and_add_up(
        provider in prop::sample::select(common::provider_ids()),
        start_offset in 0i64..700,
        leave_after in 0i64..500,
        monthly in 0u64..10_000_000,
        claims in prop::collection::vec((1u64..100_000_000, 0i64..900), 0..4),
        vat in any::<bool>(),
    ) {
        let as_of = NaiveDate::from_ymd_opt(2025, 9, 1).unwrap();
        let start = as_of - Duration::days(start_offset);
        let end = start + Duration::days(leave_after);
        let as_of_s = as_of.to_string();
        let base: Vec<String> = vec![
            "--provider".into(), provider.into(),
            "--start".into(), start.to_string(),
            "--term-months".into(), "12".into(),
        ];
        let mut base = base;
        if let Some(service) = common::service_needed(provider) {
            base.extend(["--service".to_string(), service]);
        }
        let buy: Vec<String> = vec![
            "--end".into(), end.to_string(),
            "--monthly".into(), cents(monthly),
            "--usage-monthly".into(), "0".into(),
        ];
        let mut inv: Vec<String> = Vec::new();
        for (amount, back) in &claims {
            inv.push("--claim".into());
            inv.push(format!("{}@{}", cents(*amount), as_of - Duration::days(*back)));
        }
        let mut q_args = [base.clone(), buy.clone(), inv.clone()].concat();
        if vat && !claims.is_empty() {
            q_args.push("--vat".into());
        }
        let q = run(&as_of_s, "quote", &q_args);
        let r = &q["result"];

        let e = run(&as_of_s, "end-date", &base);
        prop_assert_eq!(&r["end_date"], &e["result"]);
        let b = run(&as_of_s, "buyout", &[base.clone(), buy].concat());
        prop_assert_eq!(&r["buyout"], &b["result"]);
        if claims.is_empty() {
            prop_assert!(r["invoices"].is_null());
            prop_assert!(r["collection"].is_null());
        } else {
            // The engine carries the collection costs from the day they fell due (BW 6:44), as
            // `interest --costs --costs-from` does (issue 10 item 8).
            let mut i_args = [vec!["--provider".to_string(), provider.to_string()], inv].concat();
            if r["collection_included"] == true {
                i_args.push("--costs".into());
                i_args.push(r["collection"]["total"].as_str().unwrap().to_string());
                i_args.push("--costs-from".into());
                i_args.push(r["collection"]["due_from"].as_str().unwrap().to_string());
            }
            let i = run(&as_of_s, "interest", &i_args);
            prop_assert_eq!(&r["invoices"], &i["result"]);
            let mut c_args = vec!["--provider".to_string(), provider.to_string()];
            for (amount, _) in &claims {
                c_args.push("--principal".into());
                c_args.push(cents(*amount));
            }
            if vat {
                c_args.push("--vat".into());
            }
            // Default follows from the latest due date (the costs on the sum fall due once all
            // invoices are in default).
            let latest = claims.iter().map(|(_, back)| as_of - Duration::days(*back)).max().unwrap();
            c_args.push("--due".into());
            c_args.push(latest.to_string());
            let c = run(&as_of_s, "collection-costs", &c_args);
            prop_assert_eq!(&r["collection"], &c["result"]);
        }

        let mut total = Decimal::ZERO;
        let mut v = Decimal::ZERO;
        for l in r["lines"].as_array().unwrap() {
            total += dec(&l["amount"]);
            v += dec(&l["vat"]);
        }
        prop_assert_eq!(dec(&r["total"]), total);
        prop_assert_eq!(dec(&r["vat"]), v);
        prop_assert_eq!(dec(&r["total_incl_vat"]), total + v);
        // The parts kept apart add up to the same total payable.
        prop_assert_eq!(
            dec(&r["new_charges_incl_vat"]) + dec(&r["invoiced"]) + dec(&r["not_vat"]),
            dec(&r["total_incl_vat"])
        );
        prop_assert_eq!(dec(&r["new_charges"]) + dec(&r["vat"]), dec(&r["new_charges_incl_vat"]));
        // The buyout line is the buyout's own total and VAT.
        let first = &r["lines"][0];
        prop_assert_eq!(&first["amount"], &b["result"]["total"]);
        prop_assert_eq!(&first["vat"], &b["result"]["vat"]);
    }
}
