//! CLI tests for `termcalc providers`, provider loading and the global options shared by every
//! command (formats, --as-of, --providers-dir, exit codes, one-line errors).

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn termcalc() -> Command {
    let mut c = Command::cargo_bin("termcalc").unwrap();
    c.env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .env("NO_COLOR", "1");
    c
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/providers")
        .join(name)
}

/// A fresh directory under the system temp dir, unique to this test.
fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("termcalc-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Copies every shipped provider file into a new directory.
fn copy_providers(name: &str) -> PathBuf {
    let d = temp_dir(name);
    for id in common::provider_ids() {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("providers/{id}.toml"));
        std::fs::copy(from, d.join(format!("{id}.toml"))).unwrap();
    }
    d
}

#[test]
fn lists_the_five_providers() {
    termcalc().arg("providers").assert().success().stdout(
        predicate::str::contains("qupra")
            .and(predicate::str::contains("voipro"))
            .and(predicate::str::contains("voipzeker"))
            .and(predicate::str::contains("compri"))
            .and(predicate::str::contains("quatel"))
            .and(predicate::str::contains("AV Qupra Wholesale")),
    );
}

#[test]
fn list_is_plain_ascii_when_not_a_terminal() {
    let out = termcalc().args(["providers", "list"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains(['┌', '│', '─', '═']),
        "box drawing in piped output:\n{text}"
    );
    assert!(!text.contains('\u{1b}'), "colour codes in piped output");
    assert!(
        text.lines().all(|l| l.chars().count() <= 80),
        "wider than 80:\n{text}"
    );
}

#[test]
fn list_as_json_and_csv() {
    let out = termcalc()
        .args(["--format", "json", "providers"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["command"], "providers");
    let ids: Vec<_> = v["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, common::provider_ids());
    let qupra = v["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "qupra")
        .unwrap();
    assert_eq!(qupra["default_customer"], "reseller");

    let out = termcalc()
        .args(["providers", "--format", "csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("id,name,terms_version,audience,default_customer")
    );
    assert_eq!(lines.count(), common::provider_ids().len());
}

#[test]
fn show_gives_identity() {
    termcalc()
        .args(["providers", "show", "compri"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("04052543").and(predicate::str::contains("Compri ICT B.V.")),
        );
}

#[test]
fn show_unknown_provider_is_exit_2_naming_the_known_ones() {
    termcalc()
        .args(["providers", "show", "kpn"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("unknown provider 'kpn'")
                .and(predicate::str::contains(common::provider_ids().join(", "))),
        );
}

#[test]
fn check_accepts_the_shipped_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut c = termcalc();
    c.args(["providers", "check"]);
    for id in common::provider_ids() {
        c.arg(root.join(format!("providers/{id}.toml")));
    }
    c.assert()
        .success()
        .stdout(predicate::str::contains("qupra.toml: ok"));
}

#[test]
fn check_reports_unknown_key_with_line_col_and_path() {
    // tests/fixtures/providers/unknown_key.toml: qupra.toml with `colour = "red"` added on
    // line 19 of the [audience] table. (That the file name differs from the id is reported
    // once the file can be read.)
    termcalc()
        .args(["providers", "check"])
        .arg(fixture("unknown_key.toml"))
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains(
                "unknown_key.toml:19:1: `audience.colour`: unknown field `colour`",
            )
            .and(predicate::str::contains("hint:")),
        );
}

#[test]
fn check_lists_every_broken_file() {
    let out = termcalc()
        .args(["providers", "check"])
        .arg(fixture("wrong_type.toml"))
        .arg(fixture("syntax.toml"))
        .arg(fixture("bad_customer.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8(out.stderr).unwrap();
    // schema_version = "one" on line 4; "[terms" unterminated on line 10; the unknown
    // customer type on line 18.
    assert!(
        err.contains("wrong_type.toml:4:18: `schema_version`"),
        "{err}"
    );
    assert!(err.contains("syntax.toml:10:"), "{err}");
    assert!(
        err.contains("bad_customer.toml:18:20: `audience.default_customer`"),
        "{err}"
    );
    assert!(err.contains("unknown variant `wholesaler`"), "{err}");
    for line in err.lines() {
        assert!(line.starts_with("termcalc: "), "{line}");
    }
}

#[test]
fn check_missing_file_is_exit_3() {
    termcalc()
        .args(["providers", "check", "/nonexistent/x.toml"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "/nonexistent/x.toml: cannot read the file: it does not exist",
        ));
}

#[test]
fn check_without_files_is_a_usage_error() {
    termcalc().args(["providers", "check"]).assert().code(2);
}

#[test]
fn check_invalid_utf8_is_exit_3_with_position() {
    let d = temp_dir("utf8");
    let f = d.join("qupra.toml");
    std::fs::write(&f, b"schema_version = 1\nid = \"q\xffpra\"\n").unwrap();
    termcalc()
        .args(["providers", "check"])
        .arg(&f)
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "qupra.toml:2:8: the file is not valid UTF-8",
        ));
}

#[test]
fn providers_dir_loads_another_set() {
    let d = copy_providers("dir-ok");
    std::fs::remove_file(d.join("quatel.toml")).unwrap();
    let out = termcalc()
        .args(["--format", "json", "providers", "--providers-dir"])
        .arg(&d)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["result"].as_array().unwrap().len(),
        common::provider_ids().len() - 1
    );
    // The same through the environment variable.
    let out = termcalc()
        .env("TERMCALC_PROVIDERS_DIR", &d)
        .args(["--format", "json", "providers"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["result"].as_array().unwrap().len(),
        common::provider_ids().len() - 1
    );
}

#[test]
fn providers_dir_with_a_broken_file_is_exit_3() {
    let d = copy_providers("dir-broken");
    let text = std::fs::read_to_string(d.join("voipro.toml")).unwrap();
    std::fs::write(
        d.join("voipro.toml"),
        text.replace("[terms]", "[terms]\nyear = 2022"),
    )
    .unwrap();
    termcalc()
        .arg("providers")
        .arg("--providers-dir")
        .arg(&d)
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains("voipro.toml:").and(predicate::str::contains("`terms.year`")),
        );
}

#[test]
fn providers_dir_file_must_be_named_after_id() {
    let d = copy_providers("dir-name");
    std::fs::rename(d.join("qupra.toml"), d.join("qupra2.toml")).unwrap();
    termcalc()
        .arg("providers")
        .arg("--providers-dir")
        .arg(&d)
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "qupra2.toml:5:1: `id`: id 'qupra' differs from the file name",
        ));
}

#[test]
fn providers_dir_missing_or_empty_is_exit_3() {
    termcalc()
        .args(["providers", "--providers-dir", "/nonexistent/dir"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "cannot read the providers directory",
        ));
    let d = temp_dir("empty");
    termcalc()
        .arg("providers")
        .arg("--providers-dir")
        .arg(&d)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("holds no .toml files"));
}

#[test]
fn bad_global_options_are_one_line_exit_2() {
    for args in [
        vec!["--as-of", "2025-02-30", "providers"],
        vec!["--as-of", "10-01-2025", "providers"],
        vec!["--as-of", "tomorrow", "providers"],
        vec!["--format", "xml", "providers"],
        vec!["frobnicate"],
        vec!["providers", "--bogus"],
    ] {
        let out = termcalc().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("termcalc: "), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    termcalc()
        .args(["--as-of", "2025-02-30", "providers"])
        .assert()
        .stderr(predicate::str::contains("--as-of").and(predicate::str::contains("YYYY-MM-DD")));
    termcalc()
        .env("TERMCALC_AS_OF", "31-12-2025")
        .arg("providers")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("YYYY-MM-DD"));
}

#[test]
fn help_and_version_exit_0() {
    termcalc()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("end-date"));
    termcalc().arg("--version").assert().success();
    termcalc()
        .args(["providers", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Example"));
}

#[test]
fn no_command_is_exit_2() {
    termcalc().assert().code(2);
}

#[test]
fn closed_stdout_pipe_is_not_an_error() {
    // The reading end is closed before termcalc writes (as with `| head -0`): the write fails
    // with a broken pipe, which must end the program quietly with exit 0.
    use std::process::{Command as Std, Stdio};
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("termcalc"))
        .args(["providers", "show", "qupra", "--format", "json"])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn show_lists_the_outage_rule_of_every_provider() {
    for (id, article) in [
        ("quatel", "20.4"),
        ("compri", "8.3, 12.4, 14.10"),
        ("qupra", "7.2"),
        ("voipro", "4.5"),
        ("voipzeker", "9.7, 9.9"),
    ] {
        let out = termcalc()
            .args(["--format", "json", "providers", "show", id])
            .output()
            .unwrap();
        assert!(out.status.success(), "{id}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let rules: Vec<&serde_json::Value> = v["result"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["section"] == "Outage compensation")
            .collect();
        assert!(!rules.is_empty(), "{id}: no outage rule");
        assert!(
            rules.iter().any(|r| r["article"] == article),
            "{id}: {rules:?}"
        );
    }
    termcalc()
        .args(["providers", "show", "quatel"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Outage compensation")
                .and(predicate::str::contains("Betrouwbaarheidsgarantie"))
                .and(predicate::str::contains("higher of the two")),
        );
}
