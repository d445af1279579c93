//! Issue 12 (Reliability II): no panic, no silent wrong figure, no lost output, from any input.
//! One test (or a few) per item of the issue; each failed before its fix.

mod common;

use assert_cmd::Command;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command as Std, Stdio};

fn termcalc() -> Command {
    let mut c = Command::cargo_bin("termcalc").unwrap();
    c.env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .env("NO_COLOR", "1");
    c
}

/// A fresh directory under the system temp dir, unique to this test.
fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("termcalc-rel-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

// ---- 1. A malformed data file never panics ----------------------------------------------

/// The inputs on which toml_edit 0.23's document parser panicked ("all items have spans").
const SPAN_PANICS: [&str; 2] = ["==\n.=", "a = = 1\na.b = 2\n"];

#[test]
fn malformed_provider_file_is_exit_3_not_a_panic() {
    let d = temp_dir("span-check");
    for (i, text) in SPAN_PANICS.iter().enumerate() {
        let f = write(&d, &format!("x{i}.toml"), text);
        let out = termcalc()
            .args(["providers", "check"])
            .arg(&f)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
        let err = stderr_of(&out);
        assert!(err.contains(":1:") && !err.contains("panicked"), "{err}");
    }
}

#[test]
fn malformed_rates_file_is_exit_3_not_a_panic() {
    let d = temp_dir("span-rates");
    for (i, text) in SPAN_PANICS.iter().enumerate() {
        let f = write(&d, &format!("r{i}.toml"), text);
        let out = termcalc()
            .args(["--as-of", "2025-06-30", "interest", "--kind", "consumer"])
            .args(["--principal", "100", "--due", "2025-01-01", "--rates"])
            .arg(&f)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
        assert!(!stderr_of(&out).contains("panicked"));
    }
}

#[test]
fn malformed_file_in_providers_dir_fails_every_batch_row_without_losing_any() {
    let d = temp_dir("span-dir");
    write(&d, "qupra.toml", SPAN_PANICS[0]);
    let input = write(
        &d,
        "rows.csv",
        "provider,damage\nqupra,100\nqupra,200\nqupra,300\n",
    );
    let out = termcalc()
        .args(["--format", "csv", "liability", "--input"])
        .arg(&input)
        .arg("--providers-dir")
        .arg(&d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{text}");
    assert!(rows.iter().all(|r| r.contains(",error,")), "{text}");
}

#[test]
fn span_panics_are_kept_as_fuzz_regressions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions/parse_files");
    for text in SPAN_PANICS {
        let found = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .any(|e| std::fs::read(e.path()).unwrap() == text.as_bytes());
        assert!(found, "{text:?} is not in {}", dir.display());
        termcalc::fuzzing::parse_files(text.as_bytes());
    }
}

// ---- 2 and 3. JSON Lines values are read exactly; a repeated key fails the row -------------

const INTEREST_ROW: &str = r#""due":"2024-01-01","until":"2024-02-01","kind":"consumer""#;

fn jsonl_batch(name: &str, lines: &[String]) -> std::process::Output {
    let d = temp_dir(name);
    let input = write(&d, "rows.jsonl", &(lines.join("\n") + "\n"));
    termcalc()
        .args(["--format", "json", "interest", "--input"])
        .arg(&input)
        .output()
        .unwrap()
}

fn json_rows(out: &std::process::Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn jsonl_numbers_keep_their_exact_text() {
    // 99999999999999.99 has 16 significant digits; through f64 it became 100000000000000.00.
    let out = jsonl_batch(
        "exact",
        &[
            format!(r#"{{"principal":99999999999999.99,{INTEREST_ROW}}}"#),
            format!(r#"{{"principal":0.1,{INTEREST_ROW}}}"#),
            format!(r#"{{"principal":1e3,{INTEREST_ROW}}}"#),
        ],
    );
    let rows = json_rows(&out);
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0]["inputs"]["claims"][0]["principal"],
        "99999999999999.99"
    );
    assert_eq!(rows[1]["inputs"]["claims"][0]["principal"], "0.10");
    // An exponent is not an amount: refused by the same parser as on the command line.
    assert_eq!(rows[2]["status"], "error");
    assert!(
        rows[2]["error"]
            .as_str()
            .unwrap()
            .contains("'1e3' is not an amount"),
        "{}",
        rows[2]
    );
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn jsonl_repeated_key_fails_that_row_only() {
    let out = jsonl_batch(
        "dupkey",
        &[
            r#"{"principal":"100","due":"2024-01-01","until":"2024-02-01","kind":"consumer","kind":"commercial"}"#.into(),
            format!(r#"{{"principal":"100","Principal":"200",{INTEREST_ROW}}}"#),
            format!(r#"{{"principal":"100",{INTEREST_ROW}}}"#),
        ],
    );
    let rows = json_rows(&out);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["status"], "error");
    assert!(
        rows[0]["error"]
            .as_str()
            .unwrap()
            .contains("`kind` appears twice"),
        "{}",
        rows[0]
    );
    assert_eq!(rows[1]["status"], "error");
    assert!(rows[1]["error"].as_str().unwrap().contains("appears twice"));
    assert_eq!(rows[2]["status"], "ok");
    assert_eq!(out.status.code(), Some(4));
}

// ---- 6. A closed pipe ends quietly with exit 0, in every format, single and batch ----------

/// Runs termcalc with stdout into a pipe whose reader takes one line and then closes it.
fn head_1(args: &[&str], input: Option<&Path>) -> std::process::Output {
    let mut cmd = Std::new(assert_cmd::cargo::cargo_bin("termcalc"));
    cmd.args(args).env("NO_COLOR", "1");
    if let Some(i) = input {
        cmd.arg("--input").arg(i);
    }
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    if input.is_some() {
        // A batch: take the first bytes, then close while it is still writing.
        let mut first = [0u8; 64];
        let _ = stdout.read(&mut first).unwrap();
    }
    // A single call: closed before it writes at all (its output fits a pipe buffer).
    drop(stdout);
    child.wait_with_output().unwrap()
}

#[test]
fn closed_pipe_is_quiet_success_in_every_format() {
    let d = temp_dir("epipe");
    // Enough rows that the output outgrows any pipe buffer (64 KiB on Linux).
    let mut jsonl = String::new();
    let mut csv = String::from("principal,due,until,kind\n");
    for _ in 0..3000 {
        jsonl.push_str(&format!("{{\"principal\":\"100\",{INTEREST_ROW}}}\n"));
        csv.push_str("100,2024-01-01,2024-02-01,consumer\n");
    }
    let jsonl = write(&d, "rows.jsonl", &jsonl);
    let csv = write(&d, "rows.csv", &csv);
    for format in ["json", "csv", "table"] {
        for input in [&jsonl, &csv] {
            let out = head_1(&["--format", format, "interest"], Some(input));
            assert_eq!(
                (out.status.code(), stderr_of(&out)),
                (Some(0), String::new()),
                "{format} batch from {}",
                input.display()
            );
        }
        let out = head_1(&["--format", format, "providers", "show", "qupra"], None);
        assert_eq!(
            (out.status.code(), stderr_of(&out)),
            (Some(0), String::new()),
            "{format} single"
        );
    }
}

// ---- 7. Write errors: exit 5 and one line ---------------------------------------------------

fn into_dev_full(args: &[&str]) -> std::process::Output {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    Std::new(assert_cmd::cargo::cargo_bin("termcalc"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn write_errors_are_exit_5_with_one_line() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let d = temp_dir("devfull");
    let input = write(
        &d,
        "rows.csv",
        "principal,due,until,kind\n100,2024-01-01,2024-02-01,consumer\n",
    );
    let input = input.to_str().unwrap();
    let cases: [&[&str]; 6] = [
        &["--help"],
        &["--version"],
        &["interest", "--help"],
        &["providers"],
        &["--format", "json", "interest", "--input", input],
        &["--format", "csv", "interest", "--input", input],
    ];
    for args in cases {
        let out = into_dev_full(args);
        assert_eq!(out.status.code(), Some(5), "{args:?}");
        let err = stderr_of(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.starts_with("termcalc: cannot write the output: "),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn exit_code_5_is_documented_in_help() {
    let out = termcalc().arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8(out.stdout).unwrap();
    let words: Vec<&str> = help.split_whitespace().collect();
    assert!(
        words
            .join(" ")
            .contains("4 a batch with failed rows, 5 the output could not be written."),
        "{help}"
    );
}

// ---- 4. Every table of a data file rejects an unknown key -----------------------------------

/// Every table (top level, `[section]`, inline `{...}`, each table in an array) of a TOML value,
/// as paths of keys and array indexes.
fn table_paths(v: &toml::Value, path: Vec<String>, out: &mut Vec<Vec<String>>) {
    match v {
        toml::Value::Table(t) => {
            out.push(path.clone());
            for (k, v) in t {
                let mut p = path.clone();
                p.push(k.clone());
                table_paths(v, p, out);
            }
        }
        toml::Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                let mut p = path.clone();
                p.push(format!("[{i}]"));
                table_paths(v, p, out);
            }
        }
        _ => {}
    }
}

fn table_at<'a>(v: &'a mut toml::Value, path: &[String]) -> &'a mut toml::Table {
    let mut v = v;
    for seg in path {
        v = match seg.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            Some(i) => &mut v.as_array_mut().unwrap()[i.parse::<usize>().unwrap()],
            None => v.as_table_mut().unwrap().get_mut(seg).unwrap(),
        };
    }
    v.as_table_mut().unwrap()
}

/// The shipped provider files and rate table, with one unknown key added to one table at a
/// time, for every table they contain: each variant must fail with "unknown field" (an
/// internally tagged enum with unit variants, e.g. `window = { kind = "not_stated" }`, used to
/// ignore it). The list of tables comes from the files, so a new section is covered as added.
#[test]
fn every_table_rejects_an_unknown_key() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("providers"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files.push(root.join("src/law/rates.toml"));
    let mut checked = 0;
    let mut ignored = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let value: toml::Value = toml::from_str(&text).unwrap();
        let mut paths = Vec::new();
        table_paths(&value, Vec::new(), &mut paths);
        let is_rates = file.ends_with("rates.toml");
        for path in paths {
            let mut v = value.clone();
            table_at(&mut v, &path).insert("zz_unknown".into(), toml::Value::Integer(1));
            let changed = toml::to_string(&v).unwrap();
            let stem = file.file_stem().unwrap().to_str().unwrap();
            let message = if is_rates {
                match termcalc::law::rates::parse_rates("rates.toml", &changed) {
                    Ok(_) => None,
                    Err(issues) => Some(format!("{issues:?}")),
                }
            } else {
                match termcalc::terms::parse_provider("p.toml", &changed, Some(stem)) {
                    Ok(_) => None,
                    Err(issues) => Some(format!("{issues:?}")),
                }
            };
            match message {
                Some(m) if m.contains("unknown field") && m.contains("zz_unknown") => {}
                other => ignored.push(format!("{} {}: {other:?}", file.display(), path.join("."))),
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} tables found");
    assert!(
        ignored.is_empty(),
        "extra key not rejected in:\n{}",
        ignored.join("\n")
    );
}

/// Every window kind, including those no shipped file uses, rejects a key it does not take.
#[test]
fn every_window_kind_rejects_an_unknown_key() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("providers/quatel.toml")).unwrap();
    let mut value: toml::Value = toml::from_str(&text).unwrap();
    for window in [
        r#"{ kind = "days_after_announcement", days = 30, months = 1 }"#,
        r#"{ kind = "before_effective_date", days = 14 }"#,
        r#"{ kind = "on_or_before_effective_date", days = 14 }"#,
        r#"{ kind = "after_months_of_event", months = 2, days = 1 }"#,
        r#"{ kind = "not_stated", days = 14 }"#,
        r#"{ kind = "after_objection", objection_days = 14, agreement_days = 7, days = 1 }"#,
    ] {
        let w: toml::Value =
            toml::from_str::<toml::Table>(&format!("w = {window}")).unwrap()["w"].clone();
        table_at(
            &mut value,
            &["termination".into(), "special_rights".into(), "[0]".into()],
        )
        .insert("window".into(), w);
        let changed = toml::to_string(&value).unwrap();
        let issues =
            termcalc::terms::parse_provider("p.toml", &changed, Some("quatel")).unwrap_err();
        assert!(
            issues.iter().any(|i| i.message.contains("unknown field")),
            "{window}: {issues:?}"
        );
    }
}

// ---- 5. Semantic checks of `providers check` --------------------------------------------

/// `providers check` on the shipped file `id` with `edit` applied to its text: exit code and
/// stderr.
fn check_edited(id: &str, edit: impl Fn(&str) -> String) -> (Option<i32>, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(format!("providers/{id}.toml"))).unwrap();
    let changed = edit(&text);
    assert_ne!(changed, text, "the edit changed nothing");
    let d = temp_dir(&format!("check-{id}-{:x}", changed.len()));
    let f = write(&d, &format!("{id}.toml"), &changed);
    let out = termcalc()
        .args(["providers", "check"])
        .arg(&f)
        .output()
        .unwrap();
    (out.status.code(), stderr_of(&out))
}

#[test]
fn default_customer_must_be_one_of_the_customers() {
    let (code, err) = check_edited("quatel", |t| {
        t.replace(
            "default_customer = \"business\"",
            "default_customer = \"consumer\"",
        )
    });
    assert_eq!(code, Some(3), "{err}");
    assert!(
        err.contains("`audience.default_customer`") && err.contains("not one of the customers"),
        "{err}"
    );
}

#[test]
fn an_empty_article_is_refused_in_every_section() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sections_hit = std::collections::BTreeSet::new();
    for id in common::provider_ids() {
        let text = std::fs::read_to_string(root.join(format!("providers/{id}.toml"))).unwrap();
        let count = text.matches("article = \"").count();
        assert!(count > 5, "{id}");
        // Empty each article in turn (a handful per file keeps the test quick).
        for n in (0..count).step_by(3) {
            let (code, err) = check_edited(id, |t| {
                let at = t.match_indices("article = \"").nth(n).unwrap().0 + "article = \"".len();
                let end = at + t[at..].find('"').unwrap();
                format!("{}{}", &t[..at], &t[end..])
            });
            assert_eq!(code, Some(3), "{id} article {n}: {err}");
            assert_eq!(
                err.matches("the article is empty").count(),
                1,
                "{id} article {n}: {err}"
            );
            let key = err.split('`').nth(1).unwrap_or("").to_string();
            sections_hit.insert(key.split('.').next().unwrap().to_string());
        }
    }
    for s in [
        "audience",
        "termination",
        "late_payment",
        "collection",
        "buyout",
        "liability",
    ] {
        assert!(
            sections_hit.contains(s),
            "no empty article tried in {s}: {sections_hit:?}"
        );
    }
}

#[test]
fn control_characters_in_names_and_articles_are_refused() {
    for (what, edit) in [
        ("name", r#"name = "Quatel\nB.V.""#),
        ("article", r#"article = "2.4\u001b[31m""#),
    ] {
        let (code, err) = check_edited("quatel", |t| {
            if what == "name" {
                t.replace("name = \"Quatel B.V.\"", edit)
            } else {
                t.replacen("article = \"2.4\"", edit, 1)
            }
        });
        assert_eq!(code, Some(3), "{what}: {err}");
        assert!(err.contains("control character"), "{what}: {err}");
        // The message itself stays on one line per problem and shows the character escaped.
        assert!(!err.contains('\u{1b}'), "{err:?}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn two_rights_of_one_kind_for_the_same_customers_are_refused() {
    // VOIPZeker has two price-increase entries; the second gives no right (right = false) and
    // does not compete. Making it a right as well leaves the first always chosen.
    let (code, err) = check_edited("voipzeker", |t| t.replacen("right = false\n", "", 1));
    assert_eq!(code, Some(3), "{err}");
    assert!(
        err.contains("both give a right for a price increase"),
        "{err}"
    );
    // With separate customers each right has its own audience: accepted.
    let (code, err) = check_edited("voipzeker", |t| {
        t.replacen("right = false\n", "customers = [\"reseller\"]\n", 1)
            .replacen(
                "threshold_percent = 8\n",
                "threshold_percent = 8\ncustomers = [\"business\"]\n",
                1,
            )
    });
    assert_eq!(code, Some(0), "{err}");
}

// ---- 9. Data files: capped, regular files only; --providers-dir names what it skips -------

#[test]
fn data_files_must_be_regular_and_at_most_4_mib() {
    let d = temp_dir("datafiles");
    let big = write(&d, "big.toml", &"#".repeat((4 << 20) + 1));
    let just = write(
        &d,
        "just.toml",
        &format!("{}\nid = \n", "#".repeat((4 << 20) - 8)),
    );
    let cases: [(&Path, &str); 4] = [
        (Path::new("/dev/zero"), "it is a device, not a regular file"),
        (&big, "larger than 4 MiB"),
        (&d, "it is a directory"),
        // Exactly within the cap: read, and its syntax error reported.
        (&just, ":2:"),
    ];
    for (path, expect) in cases {
        if !path.exists() {
            continue;
        }
        let out = termcalc()
            .args(["providers", "check"])
            .arg(path)
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "{}", path.display());
        assert!(
            stderr_of(&out).contains(expect),
            "{}: {}",
            path.display(),
            stderr_of(&out)
        );
        let out = termcalc()
            .args(["rates", "--rates"])
            .arg(path)
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "--rates {}", path.display());
        assert!(stderr_of(&out).contains(expect), "{}", stderr_of(&out));
    }
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = Std::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_not_waited_for() {
    let d = temp_dir("fifo");
    let fifo = d.join("x.toml");
    mkfifo(&fifo);
    for args in [vec!["providers", "check"], vec!["rates", "--rates"]] {
        let out = termcalc()
            .args(&args)
            .arg(&fifo)
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "{args:?}: {}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains("named pipe (FIFO)"),
            "{}",
            stderr_of(&out)
        );
    }
}

#[cfg(unix)]
#[test]
fn providers_dir_warns_about_entries_it_skips() {
    let d = temp_dir("skips");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("providers/qupra.toml"), d.join("qupra.toml")).unwrap();
    std::os::unix::fs::symlink("/nonexistent/termcalc", d.join("dangling.toml")).unwrap();
    mkfifo(&d.join("pipe.toml"));
    std::fs::write(d.join("README.md"), "not a provider file").unwrap();
    let out = termcalc()
        .args(["--format", "csv", "providers", "--providers-dir"])
        .arg(&d)
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("qupra"));
    assert!(
        err.contains("skipped")
            && err.contains("dangling.toml: a link to a file that does not exist"),
        "{err}"
    );
    assert!(
        err.contains("pipe.toml: it is a named pipe (FIFO)"),
        "{err}"
    );
    assert!(!err.contains("README"), "{err}");
    assert_eq!(err.lines().count(), 2, "{err}");
}

// ---- 10. A quoted line break stays in one row; rows are numbered so a cut is visible ------

#[test]
fn a_quoted_csv_field_with_a_line_break_is_one_row() {
    // `claim` takes several values separated by `;`; the second value of row 2 sits on a line
    // of its own inside the quotes. Rows 1 and 3 are plain.
    let input = "claim,until,kind\n\
                 100@2024-01-01,2024-02-01,consumer\n\
                 \"100@2024-01-01;\n50@2024-01-01\",2024-02-01,consumer\n\
                 200@2024-01-01,2024-02-01,consumer\n";
    for format in ["csv", "json"] {
        let out = termcalc()
            .args([
                "--format",
                format,
                "interest",
                "--input",
                "-",
                "--input-format",
                "csv",
            ])
            .write_stdin(input)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr_of(&out));
        let text = String::from_utf8(out.stdout).unwrap();
        let rows: Vec<&str> = text.lines().filter(|l| !l.starts_with("row,")).collect();
        assert_eq!(rows.len(), 3, "{format}: {text}");
        for (i, r) in rows.iter().enumerate() {
            let n = i + 1;
            assert!(
                r.starts_with(&format!("{n},ok,")) || r.starts_with(&format!("{{\"row\":{n},")),
                "{format}: {r}"
            );
        }
        // Row 2 has both claims: 150.00 principal.
        assert!(rows[1].contains("150.00"), "{format}: {}", rows[1]);
    }
}

/// The batch engine's reader (CSV in, CSV out) cuts chunks on records, not on lines: the quoted line break does not split row 2, and the rows after it keep their numbers.
#[test]
fn the_batch_engine_keeps_a_quoted_line_break_in_one_row() {
    let mut input = String::from("principal,due,until,kind\n");
    for i in 1..=40 {
        if i == 2 {
            input.push_str("\"100\n\",2024-01-01,2024-02-01,consumer\n");
        } else {
            input.push_str("100,2024-01-01,2024-02-01,consumer\n");
        }
    }
    let out = termcalc()
        .args([
            "--format",
            "csv",
            "interest",
            "--input",
            "-",
            "--input-format",
            "csv",
        ])
        .write_stdin(input)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(rows.len(), 40, "{text}");
    for (i, r) in rows.iter().enumerate() {
        assert!(r.starts_with(&format!("{},", i + 1)), "{r}");
    }
    // Surrounding white space (the line break) is trimmed from a value, as from any field.
    assert!(rows.iter().all(|r| r.contains(",ok,")), "{text}");
    assert_eq!(out.status.code(), Some(0));
}

// ---- 8. Contradictory or ignored flags: an error or a warning, never silence ---------------

fn json_of(args: &[&str]) -> (Option<i32>, serde_json::Value, String) {
    let out = termcalc()
        .args(["--as-of", "2025-06-30", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code(), v, stderr_of(&out))
}

fn warned(v: &serde_json::Value, needle: &str) -> bool {
    v["warnings"]
        .as_array()
        .is_some_and(|w| w.iter().any(|w| w.as_str().unwrap().contains(needle)))
}

#[test]
fn interest_flags_that_would_be_ignored_are_errors() {
    let base = ["interest", "--principal", "100", "--due", "2024-01-01"];
    for (extra, expect) in [
        (
            &["--kind", "commercial", "--customer", "consumer"][..],
            "--kind: commercial contradicts the consumer customer type",
        ),
        (
            &["--kind", "consumer", "--customer", "business"][..],
            "--customer: only used with a provider",
        ),
        (
            &["--kind", "consumer", "--compound"][..],
            "--compound: only used with an agreed rate",
        ),
        (
            &["--kind", "consumer", "--per", "month"][..],
            "--per: only used with an agreed rate",
        ),
        (
            &["--provider", "compri", "--per", "year"][..],
            "--per: only used with an agreed rate",
        ),
    ] {
        let (code, _, err) = json_of(&[&base[..], extra].concat());
        assert_eq!(code, Some(2), "{extra:?}: {err}");
        assert!(err.contains(expect), "{extra:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn quote_commercial_rate_for_a_consumer_is_an_error() {
    let base = [
        "quote",
        "--provider",
        "compri",
        "--service",
        "voip",
        "--start",
        "2024-01-01",
        "--term-months",
        "12",
        "--claim",
        "100@2024-01-01",
    ];
    let (code, _, err) = json_of(
        &[
            &base[..],
            &["--kind", "commercial", "--customer", "consumer"],
        ]
        .concat(),
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("--kind: commercial contradicts the customer type given, consumer"),
        "{err}"
    );
    let (code, _, err) = json_of(&[&base[..], &["--kind", "consumer", "--per", "month"]].concat());
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("--per: only used with an agreed rate"),
        "{err}"
    );
    // A business customer with the commercial rate is consistent.
    let (code, _, err) = json_of(
        &[
            &base[..],
            &["--kind", "commercial", "--customer", "business"],
        ]
        .concat(),
    );
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn a_reminder_after_until_is_warned() {
    let (code, v, err) = json_of(&[
        "interest",
        "--provider",
        "compri",
        "--principal",
        "100",
        "--due",
        "2024-01-01",
        "--reminder",
        "2024-03-01",
        "--until",
        "2024-02-01",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        warned(
            &v,
            "the reminder date 2024-03-01 is after the until date 2024-02-01"
        ),
        "{}",
        v["warnings"]
    );
    let (code, v, err) = json_of(&[
        "quote",
        "--provider",
        "compri",
        "--service",
        "voip",
        "--start",
        "2024-01-01",
        "--term-months",
        "12",
        "--claim",
        "100@2024-01-01",
        "--reminder",
        "2025-03-01",
        "--until",
        "2025-02-01",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        warned(
            &v,
            "the reminder date 2025-03-01 is after the until date 2025-02-01"
        ),
        "{}",
        v["warnings"]
    );
}

#[test]
fn liability_figures_the_clause_does_not_use_are_warned() {
    // Qupra excludes direct damage (art. 13.4, 13.6): no figure counts.
    let (code, v, err) = json_of(&[
        "liability",
        "--provider",
        "qupra",
        "--damage",
        "1000",
        "--order-value",
        "5",
        "--fees-paid",
        "50",
    ]);
    assert_eq!(code, Some(0), "{err}");
    // Both in one warning, in the order of the options.
    assert!(
        warned(
            &v,
            "The figures given for the fees paid and the order value were not used: the \
             liability clause of Qupra Wholesale for direct damage does not depend on them"
        ),
        "{}",
        v["warnings"]
    );
    // Quatel 7.3: with an invoice paid (--last-invoice), the monthly fee does not count.
    let (code, v, err) = json_of(&[
        "liability",
        "--provider",
        "quatel",
        "--damage",
        "1000",
        "--last-invoice",
        "20",
        "--monthly",
        "30",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        warned(&v, "The figure given for the monthly fee was not used"),
        "{}",
        v["warnings"]
    );
    // A figure the ceiling does read is not warned about: Quatel's ceiling is the last
    // invoice paid (art. 7.3), with the monthly fee where none was paid yet.
    for (flag, words, extra) in [
        ("--last-invoice", "the last invoice paid", None),
        ("--monthly", "the monthly fee", Some("--no-invoice-paid")),
    ] {
        let mut args = vec![
            "liability",
            "--provider",
            "quatel",
            "--damage",
            "1000",
            flag,
            "20",
        ];
        args.extend(extra);
        let (code, v, err) = json_of(&args);
        assert_eq!(code, Some(0), "{err}");
        assert!(
            !v["warnings"].as_array().unwrap().iter().any(|w| {
                let w = w.as_str().unwrap();
                w.contains("not used") && w.contains(words)
            }),
            "{}",
            v["warnings"]
        );
    }
}

#[test]
fn a_buyout_notice_far_after_the_end_is_warned() {
    let (code, v, err) = json_of(&[
        "buyout",
        "--provider",
        "qupra",
        "--start",
        "2024-01-01",
        "--term-months",
        "12",
        "--end",
        "2024-06-30",
        "--monthly",
        "50",
        "--usage-monthly",
        "0",
        "--notice",
        "2199-01-01",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        warned(
            &v,
            "The notice date 2199-01-01 is after the leaving day 2024-06-30"
        ) && warned(&v, "2106 month(s)"),
        "{}",
        v["warnings"]
    );
    // A notice before the end is the ordinary case: no such warning.
    let (_, v, _) = json_of(&[
        "buyout",
        "--provider",
        "qupra",
        "--start",
        "2024-01-01",
        "--term-months",
        "12",
        "--end",
        "2024-06-30",
        "--monthly",
        "50",
        "--usage-monthly",
        "0",
        "--notice",
        "2024-05-01",
    ]);
    assert!(!warned(&v, "is after the leaving day"), "{}", v["warnings"]);
}
