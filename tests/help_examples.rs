//! Every example in `--help` runs, and none is split mid-command at 80 or 100 columns.
//!
//! An example starts with `termcalc` on a line of its own; a line ending in ` \` continues on
//! the next line. A wrapped example would leave a line that neither starts an example nor
//! continues one.

use assert_cmd::Command;

const COMMANDS: &[&[&str]] = &[
    &[],
    &["providers"],
    &["rates"],
    &["end-date"],
    &["buyout"],
    &["interest"],
    &["collection-costs"],
    &["liability"],
    &["quote"],
    &["outage"],
    &["completions"],
    &["man"],
];

fn help(command: &[&str], columns: u16) -> String {
    let out = Command::cargo_bin("termcalc")
        .unwrap()
        .env("COLUMNS", columns.to_string())
        .env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .args(command)
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success(), "{command:?} --help");
    String::from_utf8(out.stdout).unwrap()
}

/// The examples of a help text, each joined into one command line.
fn examples(help: &str, context: &str) -> Vec<String> {
    let Some(start) = help
        .lines()
        .position(|l| l == "Example:" || l == "Examples:")
    else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    let mut continuing = false;
    for line in help.lines().skip(start + 1) {
        let text = line.trim();
        if text.is_empty() {
            break;
        }
        // clap wraps a line longer than the terminal; an example line must fit.
        assert!(line.chars().count() <= 80, "{context}: too wide: {line:?}");
        if continuing {
            let last = out.last_mut().unwrap();
            last.push(' ');
            last.push_str(text.trim_end_matches('\\').trim_end());
        } else {
            assert!(
                text.starts_with("termcalc "),
                "{context}: a line of the examples neither starts nor continues one \
                 (split mid-command?): {line:?}"
            );
            out.push(text.trim_end_matches('\\').trim_end().to_string());
        }
        continuing = text.ends_with('\\');
    }
    assert!(
        !continuing,
        "{context}: the last example ends in a continuation"
    );
    out
}

#[test]
fn help_examples_are_never_split_and_all_run() {
    let mut ran = 0;
    for command in COMMANDS {
        let mut seen: Option<Vec<String>> = None;
        for columns in [80u16, 100] {
            let text = help(command, columns);
            let context = format!("termcalc {} --help at {columns} columns", command.join(" "));
            let found = examples(&text, &context);
            if let Some(before) = &seen {
                assert_eq!(before, &found, "{context}");
            }
            seen = Some(found);
        }
        for example in seen.unwrap_or_default() {
            // The part before a redirection or a pipe is termcalc's own.
            let own = example.split(['>', '|']).next().unwrap().trim();
            let args = shell_words(own.strip_prefix("termcalc ").unwrap());
            let out = Command::cargo_bin("termcalc")
                .unwrap()
                .env_remove("TERMCALC_AS_OF")
                .env_remove("TERMCALC_PROVIDERS_DIR")
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .args(&args)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "example from termcalc {} --help fails: {own}\n{}",
                command.join(" "),
                String::from_utf8_lossy(&out.stderr)
            );
            ran += 1;
        }
    }
    assert!(ran >= 15, "only {ran} examples");
}

/// Splits on white space; a glob such as `providers/*.toml` is expanded.
fn shell_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in s.split_whitespace() {
        if let Some(dir) = w.strip_suffix("/*.toml") {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            let mut files: Vec<String> = std::fs::read_dir(&root)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .map(|p| p.display().to_string())
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(w.to_string());
        }
    }
    out
}
