//! Batch mode (`--input`): the contract of rows in and rows out, and every kind of bad input.
//! These tests use `collection-costs` (one required option, `principal`); the input handling is
//! the same for every command. tests/batch_commands.rs compares real results of every command
//! with the single-row command.

use assert_cmd::Command;
use predicates::prelude::*;
use std::io::{Read, Write};
use std::process::Stdio;

fn termcalc() -> Command {
    let mut c = Command::cargo_bin("termcalc").unwrap();
    c.env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR");
    c
}

fn tmp(name: &str, content: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("termcalc-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// Rows in CSV output: the `row` and `status` columns of each line after the header.
fn rows(csv: &str) -> Vec<(String, String)> {
    csv.lines()
        .skip(1)
        .map(|l| {
            let mut it = l.splitn(3, ',');
            (
                it.next().unwrap().to_string(),
                it.next().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn every_row_gets_one_result_in_order() {
    let out = termcalc()
        .args(["--format", "csv", "collection-costs", "--input", "-"])
        .write_stdin("principal\n100.00\nnot-an-amount\n250.00\n")
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(text.starts_with("row,status,error,"), "{text}");
    let r = rows(&text);
    assert_eq!(r.len(), 3, "{text}");
    assert_eq!(r[0].0, "1");
    assert_eq!(r[1].0, "2");
    assert_eq!(r[2].0, "3");
    assert_eq!(r[0].1, "ok");
    assert_eq!(r[1].1, "error");
    assert_eq!(r[2].1, "ok");
    // A row's error names the column, not a command-line option.
    assert!(
        text.lines()
            .nth(2)
            .unwrap()
            .contains("`principal`: 'not-an-amount'"),
        "{text}"
    );
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn a_failed_row_gives_exit_4_and_a_summary() {
    termcalc()
        .args(["--format", "csv", "collection-costs", "--input", "-"])
        .write_stdin("principal\nnot-an-amount\n")
        .assert()
        .code(4)
        .stderr(predicate::str::contains("1 of 1 rows failed"));
}

#[test]
fn json_lines_output_has_row_status_and_error() {
    let out = termcalc()
        .args(["--format", "json", "collection-costs", "--input", "-"])
        .write_stdin("{\"principal\": \"100.00\"}\n{\"principal\": \"1.234\"}\n")
        .output()
        .unwrap();
    let text = stdout_of(&out);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["row"], 1);
    assert_eq!(lines[1]["row"], 2);
    assert_eq!(lines[1]["status"], "error");
    let error = lines[1]["error"].as_str().unwrap();
    assert!(error.starts_with("`principal`: '1.234'"), "{error}");
    assert_eq!(lines[1]["command"], "collection-costs");
    assert_eq!(lines[0]["status"], "ok");
    assert_eq!(lines[0]["result"]["principal"], "100.00");
    for l in &lines {
        assert!(l["status"] == "ok" || l["status"] == "error");
        if l["status"] == "ok" {
            assert!(l["error"].is_null());
            assert_eq!(l["schema_version"], 1);
        }
    }
}

#[test]
fn unknown_column_stops_before_any_row() {
    let f = tmp("unknown.csv", b"principal,principle\n100,100\n");
    termcalc()
        .args(["--format", "csv", "collection-costs", "--input"])
        .arg(&f)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("unknown column `principle`"))
        .stderr(predicate::str::contains("collection-costs accepts"));
}

#[test]
fn duplicate_column_and_column_also_on_command_line_are_refused() {
    termcalc()
        .args(["--format", "csv", "collection-costs", "--input", "-"])
        .write_stdin("principal,as-of,as_of\n1,2025-01-01,2025-01-01\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("appears twice"));
    termcalc()
        .args([
            "--format",
            "csv",
            "--as-of",
            "2025-01-01",
            "collection-costs",
        ])
        .args(["--input", "-"])
        .write_stdin("principal,as-of\n1,2025-01-01\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("also given on the command line"));
}

#[test]
fn header_without_a_name_is_refused() {
    termcalc()
        .args(["--format", "csv", "collection-costs", "--input", "-"])
        .write_stdin("principal,\n1,\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "column 2 of the header has no name",
        ));
}

#[test]
fn empty_file_is_an_input_error() {
    let f = tmp("empty.csv", b"");
    termcalc()
        .args(["--format", "csv", "interest", "--input"])
        .arg(&f)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("the input is empty"));
}

#[test]
fn header_only_gives_no_rows_and_exit_0() {
    termcalc()
        .args(["--format", "csv", "collection-costs", "--input", "-"])
        .write_stdin("principal\r\n")
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("the input has no rows"));
}

#[test]
fn empty_json_lines_input_has_no_rows() {
    termcalc()
        .args(["--format", "json", "interest", "--input", "-"])
        .args(["--input-format", "jsonl"])
        .write_stdin("")
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("no rows"));
}

#[test]
fn bad_rows_get_their_error_and_the_rest_go_on() {
    let mut input = b"principal\n".to_vec();
    input.extend_from_slice(b"100.00,extra\n"); // 1: wrong number of fields
    input.extend_from_slice(b"\xff\xfe100\n"); // 2: not UTF-8
    input.extend_from_slice(b"\"100.00\"x\n"); // 3: text after a closing quote
    input.extend_from_slice(b"\n   \n"); // blank lines are not rows
    input.extend_from_slice(b"\"100,00\"\n"); // 4: fine: a quoted decimal comma
                                              // 5: a quote never closed: a quoted field may span lines (RFC 4180), so it runs to the end
                                              // of the input, which is this one row's error.
    input.extend_from_slice(b"\"100.00\n200\n");
    let out = termcalc()
        .args(["--format", "csv", "collection-costs", "--input", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let text = stdout_of(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "{text}");
    assert!(lines[1].starts_with("1,error,the row has 2 fields but the header has 1 columns"));
    assert!(lines[2].starts_with("2,error,the row is not valid UTF-8"));
    assert!(lines[3].starts_with("3,error,") && lines[3].contains("after its closing quote"));
    assert!(lines[4].starts_with("4,ok,,100.00,"), "{}", lines[4]);
    assert!(
        lines[5].starts_with("5,error,") && lines[5].contains("never closed"),
        "{}",
        lines[5]
    );
}

#[test]
fn an_overlong_line_is_that_rows_error_and_reading_goes_on() {
    // 3 MiB on one line (the cap is 1 MiB); the benchmark notes cover a 1 GB line.
    let mut input = b"principal\n100.00\n".to_vec();
    input.extend(std::iter::repeat_n(b'x', 3 << 20));
    input.extend_from_slice(b"\n200.00\n");
    let out = termcalc()
        .args(["--format", "csv", "collection-costs", "--input", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    let text = stdout_of(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(
        lines[2].starts_with("2,error,the row is 3145728 bytes long; rows are limited to"),
        "{}",
        lines[2]
    );
    assert!(lines[1].starts_with("1,ok,"));
    assert!(lines[3].starts_with("3,ok,"));
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn an_overlong_header_is_an_input_error() {
    let mut input = vec![b'a'; 2 << 20];
    input.push(b'\n');
    termcalc()
        .args(["--format", "csv", "interest", "--input", "-"])
        .write_stdin(input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the header line is 2097152 bytes long",
        ));
}

#[test]
fn json_lines_row_faults_are_per_row() {
    let input = "{\"principal\": 100.5, \"vat\": true}\n\
                 {\"principle\": \"100\"}\n\
                 [1, 2]\n\
                 {not json\n\
                 {\"as-of\": [\"2025-01-01\"]}\n\
                 {\"as-of\": {\"y\": 2025}}\n\
                 {\"principal\": [\"1\", \"2.50\"], \"provider\": null}\n";
    let out = termcalc()
        .args(["--format", "json", "collection-costs", "--input", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    let lines: Vec<serde_json::Value> = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 7);
    let err = |i: usize| lines[i]["error"].as_str().unwrap_or("").to_string();
    // A JSON number and a JSON boolean for a switch.
    assert_eq!(lines[0]["status"], "ok", "{}", err(0));
    assert_eq!(lines[0]["result"]["principal"], "100.50");
    assert_eq!(lines[0]["inputs"]["vat"], true);
    // A list for a repeatable option; null = not given.
    assert_eq!(lines[6]["status"], "ok", "{}", err(6));
    assert_eq!(lines[6]["result"]["principal"], "3.50");
    assert!(err(1).contains("unknown key `principle`"), "{}", err(1));
    assert!(err(2).contains("not a JSON object"));
    assert!(err(3).contains("not valid JSON"));
    assert!(err(4).contains("takes one value"));
    assert!(err(5).contains("not a nested object"));
    for (i, l) in lines.iter().enumerate() {
        assert_eq!(l["row"], i as u64 + 1);
    }
}

#[test]
fn format_is_sniffed_from_stdin_and_can_be_forced() {
    // JSON on stdin without --input-format is recognised by its `{`.
    termcalc()
        .args(["--format", "json", "collection-costs", "--input", "-"])
        .write_stdin("{\"principal\": \"x\"}\n")
        .assert()
        .code(4)
        .stdout(predicate::str::contains("\"row\":1"));
    // A .txt file read as JSON Lines because we say so.
    let f = tmp("rows.txt", b"{\"principal\": \"x\"}\n");
    termcalc()
        .args([
            "--format",
            "csv",
            "collection-costs",
            "--input-format",
            "jsonl",
            "--input",
        ])
        .arg(&f)
        .assert()
        .code(4)
        .stdout(predicate::str::starts_with("row,status,error"));
}

#[test]
fn table_format_prints_one_block_per_row() {
    termcalc()
        .args(["collection-costs", "--input", "-"])
        .write_stdin("principal\nnope\n100.00\n")
        .assert()
        .code(4)
        .stdout(predicate::str::starts_with("row 1: error: "))
        .stdout(predicate::str::contains("row 2: ok\n"));
}

#[test]
fn input_needs_a_calculation_command_and_a_readable_file() {
    termcalc()
        .args(["providers", "--input", "x.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "works with the calculation commands",
        ));
    termcalc()
        .args(["interest", "--input", "/nonexistent/claims.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot open /nonexistent/claims.csv",
        ));
    termcalc()
        .args([
            "interest",
            "--input",
            std::env::temp_dir().to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory"));
    termcalc()
        .args(["interest", "--input", "-", "--input-format", "xml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("xml"));
}

#[test]
fn help_is_not_taken_for_a_batch() {
    termcalc()
        .args(["interest", "--input", "x.csv", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--input"));
}

#[test]
fn many_rows_stream_and_a_closed_pipe_ends_quietly() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("termcalc"))
        .args(["--format", "csv", "collection-costs", "--input", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(b"principal\n");
        for _ in 0..200_000 {
            if stdin.write_all(b"100.00\n").is_err() {
                break;
            }
        }
    });
    // Read the first line only, then close the pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"row,status,error");
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
    assert_eq!(status.code(), Some(0), "stderr: {err}");
    assert!(!err.contains("cannot write"), "{err}");
}

#[test]
fn a_required_option_missing_from_header_and_command_line_stops_before_any_row() {
    termcalc()
        .args(["--format", "csv", "liability", "--input", "-"])
        .write_stdin("provider\nqupra\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "the input has no `damage` column and --damage is not on the command line",
        ));
    // Given on the command line instead, it is fine.
    termcalc()
        .args(["--format", "csv", "--as-of", "2025-06-01", "liability"])
        .args(["--damage", "100", "--input", "-"])
        .write_stdin("provider\nqupra\nnobody\n")
        .assert()
        .code(4)
        .stdout(predicate::str::contains("\n1,ok,"))
        .stdout(predicate::str::contains(
            "\n2,error,\"`provider`: unknown provider",
        ));
}

#[test]
fn an_option_on_the_command_line_may_need_a_column() {
    // --principal requires --due, which every row gives.
    let out = termcalc()
        .args(["--format", "csv", "--as-of", "2025-06-01", "interest"])
        .args(["--principal", "100", "--kind", "consumer", "--input", "-"])
        .write_stdin("due,until\n2024-01-15,2025-01-15\n2024-02-15,\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout_of(&out);
    let r = rows(&text);
    assert_eq!(r, [("1".into(), "ok".into()), ("2".into(), "ok".into())]);
}

#[test]
fn a_typo_on_the_command_line_stops_before_any_row() {
    termcalc()
        .args(["--format", "csv", "collection-costs", "--provder", "qupra"])
        .args(["--input", "-"])
        .write_stdin("principal\n100\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--provder"));
}

#[test]
fn many_failed_rows_before_the_first_good_one_are_not_held_forever() {
    // 10,000 error rows are held back waiting for a header; then the header is written
    // without result columns, and a later good row puts its values in `warnings`.
    let mut input = String::from("principal\n");
    for _ in 0..10_001 {
        input.push_str("x\n");
    }
    input.push_str("100.00\n");
    let out = termcalc()
        .args(["--format", "csv", "collection-costs", "--input", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let text = stdout_of(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 10_003);
    assert_eq!(lines[0], "row,status,error,warnings");
    assert!(lines[10_001].starts_with("10001,error,"));
    assert!(
        lines[10_002].starts_with("10002,ok,,") && lines[10_002].contains("extra field costs="),
        "{}",
        lines[10_002]
    );
}
