//! `end-date` batch rows deserialise straight into the library's request (issue 11): bad
//! values name their column with the parser's own sentence, CSV and JSON Lines rows give the
//! same answers as single calls, and a command line carrying end-date options still works.

use assert_cmd::Command;

fn termcalc() -> Command {
    let mut c = Command::cargo_bin("termcalc").unwrap();
    c.env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR");
    c
}

fn batch(format: &str, extra: &[&str], input: &str) -> (String, Option<i32>) {
    let out = termcalc()
        .args(["--as-of", "2025-06-01", "--format", format, "end-date"])
        .args(extra)
        .args(["--input", "-"])
        .write_stdin(input.to_string())
        .output()
        .unwrap();
    (String::from_utf8(out.stdout).unwrap(), out.status.code())
}

fn single_csv(args: &[&str]) -> String {
    let out = termcalc()
        .args(["--as-of", "2025-06-01", "--format", "csv", "end-date"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .nth(1)
        .unwrap()
        .to_string()
}

#[test]
fn bad_values_name_the_column_in_csv_and_json_lines() {
    let csv = "provider,notice,term_months,customer\n\
qupra,2025-02-30,,\n\
quatel,2025-05-10,0,\n\
qupra,2025-05-10,,private\n";
    let (text, code) = batch("csv", &[], csv);
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 4, "{text}");
    assert!(
        rows[1].starts_with("1,error,\"`notice`: '2025-02-30' is not a date"),
        "{text}"
    );
    assert!(
        rows[2].starts_with("2,error,`term-months`: 0 is not a possible term"),
        "{text}"
    );
    assert!(
        rows[3].starts_with("3,error,\"`customer`: 'private' is not a customer type"),
        "{text}"
    );
    assert_eq!(code, Some(4));

    let jsonl = "{\"provider\":\"qupra\",\"notice\":\"2025-02-30\"}\n\
{\"provider\":\"quatel\",\"Term_Months\":0}\n\
{\"provider\":\"quatel\",\"indefinite\":\"maybe\"}\n\
{\"notice\":\"2025-05-10\"}\n";
    let (text, code) = batch("json", &[], jsonl);
    let v: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(v.len(), 4, "{text}");
    let err = |i: usize| v[i]["error"].as_str().unwrap().to_string();
    assert!(
        err(0).starts_with("`notice`: '2025-02-30' is not a date"),
        "{text}"
    );
    assert!(
        err(1).starts_with("`term-months`: 0 is not a possible term"),
        "{text}"
    );
    assert_eq!(
        err(2),
        "`indefinite`: `maybe` is not a yes/no value; use true or false"
    );
    assert!(
        err(3).starts_with("`provider`: give a provider id"),
        "{text}"
    );
    assert_eq!(code, Some(4));
}

#[test]
fn field_rules_are_checked_for_rows() {
    let csv = "provider,notice,change,change-announced,objection\n\
voipzeker,2025-05-20,price_increase,,\n\
voipzeker,2025-05-20,,2025-05-01,\n\
voipzeker,2025-05-20,,,2025-05-10\n";
    let (text, code) = batch("csv", &[], csv);
    let rows: Vec<&str> = text.lines().collect();
    assert!(
        rows[1].contains("`change`: needs `change-announced`"),
        "{text}"
    );
    assert!(
        rows[2].contains("`change-announced`: needs `change`"),
        "{text}"
    );
    assert!(rows[3].contains("`objection`: needs `change`"), "{text}");
    assert_eq!(code, Some(4));
}

/// Rows with the change, term and yes/no columns give the single call's values, from CSV and
/// from JSON Lines (numbers and booleans as JSON values), in input order.
#[test]
fn typed_rows_match_single_calls() {
    let a: &[&str] = &[
        "--provider=compri",
        "--service=dsl",
        "--customer=business",
        "--start=2025-01-01",
        "--notice=2025-05-20",
        "--change=terms_change",
        "--change-announced=2025-05-01",
    ];
    let b: &[&str] = &[
        "--provider=quatel",
        "--notice=2025-05-10",
        "--indefinite",
        "--requested-notice",
    ];
    let c: &[&str] = &["--provider=qupra", "--start=2024-03-15", "--term-months=24"];
    let csv = "provider,service,customer,start,notice,change,change_announced,indefinite,requested-notice,term-months\n\
compri,dsl,business,2025-01-01,2025-05-20,terms_change,2025-05-01,,,\n\
quatel,,,,2025-05-10,,,yes,true,\n\
qupra,,,2024-03-15,,,,false,,24\n";
    let (text, code) = batch("csv", &[], csv);
    assert_eq!(code, Some(0), "{text}");
    let rows: Vec<&str> = text.lines().collect();
    for (i, args) in [a, b, c].iter().enumerate() {
        assert_eq!(rows[i + 1], format!("{},ok,,{}", i + 1, single_csv(args)));
    }
    let jsonl = "{\"provider\":\"quatel\",\"notice\":\"2025-05-10\",\"indefinite\":true,\"requested_notice\":true}\n\
{\"provider\":\"qupra\",\"start\":\"2024-03-15\",\"term-months\":24,\"notice\":null}\n";
    let (text, code) = batch("csv", &["--input-format", "jsonl"], jsonl);
    assert_eq!(code, Some(0), "{text}");
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows[1], format!("1,ok,,{}", single_csv(b)));
    assert_eq!(rows[2], format!("2,ok,,{}", single_csv(c)));
}

/// End-date options on the command line still apply to every row (that batch takes the
/// command-line path).
#[test]
fn options_on_the_command_line_apply_to_every_row() {
    let (text, code) = batch(
        "csv",
        &["--provider", "qupra"],
        "start,notice\n2024-03-15,2025-02-10\n",
    );
    assert_eq!(code, Some(0), "{text}");
    assert_eq!(
        text.lines().nth(1).unwrap(),
        format!(
            "1,ok,,{}",
            single_csv(&[
                "--provider=qupra",
                "--start=2024-03-15",
                "--notice=2025-02-10"
            ])
        )
    );
}
