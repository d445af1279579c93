//! The batch engine (`--input`): every row is answered by the same library function as a single
//! call, so a row's CSV line is the single call's, and the figures of a CSV row (answered
//! without steps) are those of the JSON row (answered with them). Also: rows keep their place
//! across chunks and worker threads, and a row uses its own provider whatever the other threads
//! are doing.

use assert_cmd::Command;

mod common;
use common::column_form;

const AS_OF: &str = "2026-11-23";

fn termcalc() -> Command {
    let mut c = Command::cargo_bin("termcalc").unwrap();
    c.env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR");
    c
}

fn batch(format: &str, command: &str, input: String, base: &[&str]) -> (Option<i32>, String) {
    let out = termcalc()
        .args(["--format", format, command])
        .args(base)
        .args(["--input", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

/// Runs `rows` (CSV lines under `header`, no quoted commas) as one batch and each row as a
/// single call with the same options: the same CSV line, or the same error.
fn rows_match_single_calls(command: &str, header: &str, rows: &[&str], base: &[&str]) -> String {
    let (code, out) = batch(
        "csv",
        command,
        format!("{header}\n{}\n", rows.join("\n")),
        base,
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), rows.len() + 1, "{out}");
    let mut failed = false;
    for (i, row) in rows.iter().enumerate() {
        let n = i + 1;
        let mut args: Vec<String> = base.iter().map(|s| s.to_string()).collect();
        for (h, v) in header.split(',').zip(row.split(',')) {
            let v = v.trim().trim_matches('"');
            if !v.is_empty() {
                args.push(format!("--{}={v}", h.replace('_', "-")));
            }
        }
        let single = termcalc()
            .args(["--format", "csv", command])
            .args(&args)
            .output()
            .unwrap();
        if single.status.success() {
            let s = String::from_utf8(single.stdout).unwrap();
            let values = s.lines().nth(1).unwrap();
            assert_eq!(lines[n], format!("{n},ok,,{values}"), "row {n}: {row}");
        } else {
            failed = true;
            let err = String::from_utf8(single.stderr).unwrap();
            let msg = err.trim().trim_start_matches("termcalc: ");
            let msg = msg.trim_end_matches(" (see termcalc --help)");
            let prefix = format!("{n},error,");
            assert!(lines[n].starts_with(&prefix), "row {n}: {}", lines[n]);
            let got = lines[n][prefix.len()..].trim_end_matches(',');
            let got = got.trim_matches('"').replace("\"\"", "\"");
            assert!(
                got == msg || got == column_form(msg),
                "row {n}: {row}: {got} / {msg}"
            );
        }
    }
    assert_eq!(code, Some(if failed { 4 } else { 0 }), "{out}");
    out
}

/// Park-Miller (a fixed sequence, no dependency).
struct Rng(u64);
impl Rng {
    fn next(&mut self, k: u64) -> u64 {
        self.0 = self.0 * 16807 % 2_147_483_647;
        self.0 % k
    }
}

/// 1,500 generated claims: the CSV figures (answered without steps) are the JSON result's
/// (answered with every step), row by row; a sample also equals the single call.
#[test]
fn generated_claims_give_the_same_cents_with_and_without_steps() {
    use chrono::{Days, NaiveDate};
    let mut rng = Rng(20_261_123);
    let lo = NaiveDate::from_ymd_opt(2004, 1, 1).unwrap();
    let rows: Vec<String> = (0..1500)
        .map(|_| {
            let due = lo + Days::new(rng.next(8401));
            let until = due + Days::new(rng.next(3653));
            let cents = 1 + rng.next(100_000_000_000);
            let kind = if rng.next(2) == 1 {
                "commercial"
            } else {
                "consumer"
            };
            format!("{}.{:02},{due},{until},{kind}", cents / 100, cents % 100)
        })
        .collect();
    let input = format!("principal,due,until,kind\n{}\n", rows.join("\n"));
    let base = ["--as-of", AS_OF];
    let (csv_code, csv) = batch("csv", "interest", input.clone(), &base);
    let (json_code, json) = batch("json", "interest", input, &base);
    assert_eq!((csv_code, json_code), (Some(0), Some(0)));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (interest, outstanding, until) = (at("interest"), at("outstanding"), at("until"));
    let json_rows: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(json_rows.len(), rows.len());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), rows.len());
    for (i, (cells, obj)) in records.iter().zip(&json_rows).enumerate() {
        let r = &obj["result"];
        assert_eq!(obj["row"], (i + 1) as u64);
        assert_eq!(cells[interest], r["interest"], "row {}: {}", i + 1, rows[i]);
        assert_eq!(cells[outstanding], r["outstanding"], "row {}", i + 1);
        assert_eq!(cells[until], r["until"], "row {}", i + 1);
        assert!(!obj["steps"].as_array().unwrap().is_empty());
    }
    let sample: Vec<&str> = rows.iter().step_by(100).map(String::as_str).collect();
    rows_match_single_calls("interest", "principal,due,until,kind", &sample, &base);
}

#[test]
fn edge_cases_match_single_calls() {
    let rows = [
        // Leap day as first interest day: anniversaries fall on 28 February.
        "1000.00,2004-02-28,2014-03-01,consumer",
        "1000.00,2008-02-28,2009-02-28,commercial",
        // Until = due (no interest day) and due + 1 (one day).
        "500.00,2024-06-30,2024-06-30,consumer",
        "500.00,2024-06-30,2024-07-01,commercial",
        // Past the table's verified date: a warning only when a day bearing interest lies
        // past it.
        "500.00,2027-03-01,2027-03-01,consumer",
        "500.00,2027-03-01,2027-03-02,commercial",
        "500.00,2026-11-22,2026-11-23,commercial",
        "500.00,2026-11-22,2026-11-24,consumer",
        // Around rate changes (1 January / 1 July) and a year-long run ending on one.
        "2500.00,2012-12-31,2013-01-01,commercial",
        "2500.00,2012-06-30,2013-06-30,consumer",
        // Smallest and largest plain amounts.
        "0.01,2010-01-01,2020-01-01,commercial",
        "9999999999999.99,2004-01-01,2026-11-23,commercial",
        // One decimal, leading zeros, a sign, a capital.
        "100.5,2020-01-01,2021-01-01,consumer",
        "00100.50,2020-01-01,2021-01-01,consumer",
        "+100.50,2020-01-01,2021-01-01,consumer",
        "100.50,2020-01-01,2021-01-01,Consumer",
        // Until empty: --as-of.
        "100.00,2020-01-01,,commercial",
        // Errors: the single call's sentence, naming the column.
        "0,2020-01-01,2021-01-01,consumer",
        "100.00,2021-01-01,2020-01-01,consumer",
        "100.00,1990-01-01,2000-01-01,commercial",
        "100.00,2020-02-30,2021-01-01,consumer",
        "100.00,2020-01-01,2021-01-01,",
        "100.000,2020-01-01,2021-01-01,consumer",
        "100.00,2020-01-01,2250-01-01,consumer",
    ];
    let out = rows_match_single_calls(
        "interest",
        "principal,due,until,kind",
        &rows,
        &["--as-of", AS_OF],
    );
    assert!(out.contains("\n3,ok,,2024-06-30,"), "{out}");
}

#[test]
fn kind_on_the_command_line_and_as_of_column() {
    // The until date defaults to the row's as-of date.
    rows_match_single_calls(
        "interest",
        "principal,due,as_of",
        &[
            "1000.00,2020-01-15,2024-01-01",
            "1000.00,2020-01-15,2027-01-01",
            "1000.00,2020-01-15,2019-01-01",
            "1000.00,2020-01-15,",
        ],
        &["--kind", "commercial"],
    );
}

/// Workers share the provider files: a row must get its own provider, also when a worker on
/// another chunk asked for a different one at the same moment (a race once returned the
/// provider another thread loaded first). Rows of two providers, chunk after chunk.
#[test]
fn each_row_gets_its_own_provider_across_threads() {
    let mut input = String::from("provider,customer,service,start,notice,term_months\n");
    for i in 0..3000 {
        input.push_str(if (i / 1024) % 2 == 0 {
            "voipro,business,voip,2024-08-07,2026-11-15,12\n"
        } else {
            "quatel,business,telephony,2024-08-07,2026-11-15,12\n"
        });
    }
    for _ in 0..3 {
        let (code, out) = batch("json", "end-date", input.clone(), &["--as-of", AS_OF]);
        assert_eq!(code, Some(0), "{out}");
        for (i, line) in out.lines().enumerate() {
            let obj: serde_json::Value = serde_json::from_str(line).unwrap();
            let want = obj["inputs"]["provider"].as_str().unwrap().to_string();
            for step in obj["steps"].as_array().unwrap() {
                let cited = &step["citation"]["provider"];
                assert!(
                    cited.is_null() || cited == want.as_str(),
                    "row {}: a {want} row cites {cited}",
                    i + 1
                );
            }
        }
        let (code, out) = batch("csv", "end-date", input.clone(), &["--as-of", AS_OF]);
        assert_eq!(code, Some(0), "{out}");
    }
}

/// Many chunks (1024 rows each), with bad rows among them and at the chunk edges: every row
/// in its place, with its own error.
#[test]
fn bad_rows_between_good_rows_keep_their_place() {
    let mut input = b"principal,due,until,kind\n".to_vec();
    let mut expected: Vec<(usize, &str)> = Vec::new();
    let mut row = 0;
    for i in 0..6000u64 {
        let line: Vec<u8> = match i {
            5 | 1023 | 1024 | 2047 | 2048 | 4100 => {
                b"\xff100.00,2020-01-01,2021-01-01,consumer".to_vec()
            }
            6 | 3000 => b"100.00,2020-01-01".to_vec(),
            7 => vec![b'9'; 1 << 21],
            8 | 4500 => b"100.00,2021-01-01,2020-01-01,consumer".to_vec(),
            9 | 10 => b"  ".to_vec(), // blank: not a row
            _ => format!(
                "{}.{:02},2015-01-1{},2025-0{}-01,{}",
                1 + i,
                i % 100,
                i % 10,
                1 + i % 9,
                if i % 2 == 0 { "consumer" } else { "commercial" }
            )
            .into_bytes(),
        };
        input.extend_from_slice(&line);
        input.push(b'\n');
        if i == 9 || i == 10 {
            continue;
        }
        row += 1;
        expected.push((
            row,
            match i {
                5 | 1023 | 1024 | 2047 | 2048 | 4100 => "error,the row is not valid UTF-8",
                6 | 3000 => "error,the row has 2 fields but the header has 4 columns",
                7 => "error,the row is 2097152 bytes long",
                8 | 4500 => "error,`due`: the due date 2021-01-01 is after the until date",
                _ => "ok,,2025-",
            },
        ));
    }
    let out = termcalc()
        .args([
            "--format", "csv", "--as-of", AS_OF, "interest", "--input", "-",
        ])
        .write_stdin(input)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), expected.len() + 1);
    for (line, (n, what)) in lines[1..].iter().zip(&expected) {
        assert!(
            line.starts_with(&format!("{n},{what}")),
            "row {n}: expected {what}, got {line}"
        );
    }
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn a_closed_pipe_ends_the_batch_quietly() {
    use std::io::{Read, Write};
    use std::process::Stdio;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("termcalc"))
        .args([
            "--format", "csv", "--as-of", AS_OF, "interest", "--input", "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(b"principal,due,until,kind\n");
        for _ in 0..500_000 {
            if stdin
                .write_all(b"100.00,2015-01-01,2025-01-01,commercial\n")
                .is_err()
            {
                break;
            }
        }
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let status = child.wait().unwrap();
    let _ = writer.join();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert_eq!(err, "");
}
