//! The fast path of `interest --input` (integer cents, no steps) against the generic path (the
//! full command, run per row): the same CSV, byte for byte, on generated claims and on edge
//! cases. A `day_count` column with the default value `act/365` changes no figure but sends
//! every row down the generic path, which is what the comparison uses.

use assert_cmd::Command;

const AS_OF: &str = "2026-11-23";

fn termcalc() -> Command {
    let mut c = Command::cargo_bin("termcalc").unwrap();
    c.env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR");
    c
}

fn run(input: String, base: &[&str]) -> (Option<i32>, String) {
    let out = termcalc()
        .args(["--format", "csv", "interest"])
        .args(base)
        .args(["--input", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

/// Runs `rows` (CSV lines for `header`) both ways and compares.
fn compare(header: &str, rows: &[String], base: &[&str]) -> String {
    let fast_in = format!("{header}\n{}\n", rows.join("\n"));
    let slow_in = format!(
        "{header},day_count\n{}\n",
        rows.iter()
            .map(|r| format!("{r},act/365"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let (fast_code, fast) = run(fast_in, base);
    let (slow_code, slow) = run(slow_in, base);
    assert_eq!(fast.lines().count(), rows.len() + 1);
    for (i, (f, s)) in fast.lines().zip(slow.lines()).enumerate() {
        assert_eq!(
            f,
            s,
            "line {i}: {}",
            rows.get(i.wrapping_sub(1)).map_or("", |r| r)
        );
    }
    assert_eq!(fast_code, slow_code);
    fast
}

/// Park-Miller, as in bench/batch.sh.
struct Rng(u64);
impl Rng {
    fn next(&mut self, k: u64) -> u64 {
        self.0 = self.0 * 16807 % 2_147_483_647;
        self.0 % k
    }
}

#[test]
fn generated_claims_give_the_same_cents_both_ways() {
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
    let out = compare("principal,due,until,kind", &rows, &["--as-of", AS_OF]);
    assert!(out.lines().skip(1).all(|l| l.contains(",ok,")));
}

#[test]
fn edge_cases_and_fallback_rows_agree() {
    let rows: Vec<String> = [
        // Leap day as first interest day: anniversaries fall on 28 February.
        "1000.00,2004-02-28,2014-03-01,consumer",
        "1000.00,2008-02-28,2009-02-28,commercial",
        // Until = due (no interest day) and due + 1 (one day).
        "500.00,2024-06-30,2024-06-30,consumer",
        "500.00,2024-06-30,2024-07-01,commercial",
        // Past the table's verified date (2026-11-23 in the built-in table): a warning only
        // when a day bearing interest lies past it.
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
        // One decimal, leading zeros, spaces: all plain.
        "100.5,2020-01-01,2021-01-01,consumer",
        "00100.50,2020-01-01,2021-01-01,consumer",
        " 100.50 , 2020-01-01 , 2021-01-01 , consumer ",
        // Other accepted forms go the generic way, with the same result.
        "\"100,50\",2020-01-01,2021-01-01,consumer",
        "+100.50,2020-01-01,2021-01-01,consumer",
        "100.50,2020-01-01,2021-01-01,Consumer",
        // Until empty: --as-of.
        "100.00,2020-01-01,,commercial",
        // Errors: their messages come from the full command.
        "0,2020-01-01,2021-01-01,consumer",
        "100.00,2021-01-01,2020-01-01,consumer",
        "100.00,1990-01-01,2000-01-01,commercial",
        "100.00,2020-02-30,2021-01-01,consumer",
        "100.00,2020-01-01,2021-01-01,",
        "100.000,2020-01-01,2021-01-01,consumer",
        "100.00,2020-01-01,2250-01-01,consumer",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let out = compare("principal,due,until,kind", &rows, &["--as-of", AS_OF]);
    assert!(out.contains("\n3,ok,,2024-06-30,"), "{out}");
}

#[test]
fn kind_on_the_command_line_and_as_of_column() {
    // The until date defaults to the row's as-of date.
    let rows: Vec<String> = [
        "1000.00,2020-01-15,2024-01-01",
        "1000.00,2020-01-15,2027-01-01",
        "1000.00,2020-01-15,2019-01-01",
        "1000.00,2020-01-15,",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    compare("principal,due,as_of", &rows, &["--kind", "commercial"]);
}

#[test]
fn fast_rows_match_the_single_row_command() {
    let (_, out) = run(
        "principal,due,until,kind\n1234.56,2015-03-31,2025-03-31,commercial\n".to_string(),
        &["--as-of", AS_OF],
    );
    let single = termcalc()
        .args(["--format", "csv", "--as-of", AS_OF, "interest"])
        .args(["--principal", "1234.56", "--due", "2015-03-31"])
        .args(["--until", "2025-03-31", "--kind", "commercial"])
        .output()
        .unwrap();
    let single = String::from_utf8(single.stdout).unwrap();
    let (sh, sv) = (
        single.lines().next().unwrap(),
        single.lines().nth(1).unwrap(),
    );
    assert_eq!(
        out.lines().next().unwrap(),
        format!("row,status,error,{sh}")
    );
    assert_eq!(out.lines().nth(1).unwrap(), format!("1,ok,,{sv}"));
}

/// Many chunks (2048 rows each), with bad rows among them: every row in its place, with its
/// own error; the values themselves are compared with the generic path above.
#[test]
fn bad_rows_between_fast_rows_keep_their_place() {
    let mut input = b"principal,due,until,kind\n".to_vec();
    let mut expected: Vec<(usize, &str)> = Vec::new();
    let mut row = 0;
    for i in 0..6000u64 {
        let line: Vec<u8> = match i {
            5 | 2047 | 2048 | 4100 => b"\xff100.00,2020-01-01,2021-01-01,consumer".to_vec(),
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
                5 | 2047 | 2048 | 4100 => "error,the row is not valid UTF-8",
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
fn a_closed_pipe_ends_the_fast_path_quietly() {
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
