//! The runner of the golden-case files in tests/golden/COMMAND/ (liability, outage): each case
//! lists the command-line arguments, the as-of date, the expected `result` keys (the string
//! "null" stands for JSON null), and optionally articles that some step must cite (`cites`) and
//! text that some warning must contain (`warns`). The cases themselves are worked out by hand,
//! with the clause and the arithmetic in a comment above each.

use assert_cmd::Command;
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    as_of: String,
    args: Vec<String>,
    expect: toml::Table,
    #[serde(default)]
    cites: Vec<String>,
    #[serde(default)]
    warns: Vec<String>,
}

fn expected_json(v: &toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) if s == "null" => serde_json::Value::Null,
        toml::Value::String(s) => serde_json::Value::String(s.clone()),
        toml::Value::Boolean(b) => serde_json::Value::Bool(*b),
        toml::Value::Integer(i) => serde_json::json!(i),
        other => panic!("unsupported expected value {other:?}"),
    }
}

/// Runs every case of tests/golden/COMMAND/NAME through `termcalc --format json COMMAND` and
/// checks the expected result keys, cited articles and warnings; returns the number of cases.
pub fn run_file(command: &str, name: &str) -> usize {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "golden", command, name]
        .iter()
        .collect();
    let text = std::fs::read_to_string(&path).expect("golden file");
    let file: File = toml::from_str(&text).expect("golden file parses");
    let mut failures = Vec::new();
    for case in &file.case {
        let out = Command::cargo_bin("termcalc")
            .unwrap()
            .env_remove("TERMCALC_AS_OF")
            .env_remove("TERMCALC_PROVIDERS_DIR")
            .args(["--format", "json", "--as-of", &case.as_of, command])
            .args(&case.args)
            .output()
            .unwrap();
        if !out.status.success() {
            failures.push(format!(
                "{name}: '{}': exit {:?}: {}",
                case.name,
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            ));
            continue;
        }
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let result = &json["result"];
        for (key, want) in &case.expect {
            let want = expected_json(want);
            let got = result.get(key).cloned().unwrap_or(serde_json::Value::Null);
            if got != want {
                failures.push(format!(
                    "{name}: '{}': result.{key} = {got}, expected {want}",
                    case.name
                ));
            }
        }
        let steps = json["steps"].as_array().unwrap();
        for art in &case.cites {
            let found = steps.iter().any(|s| {
                s["citation"]["article"]
                    .as_str()
                    .is_some_and(|a| a.contains(art.as_str()))
            });
            if !found {
                failures.push(format!(
                    "{name}: '{}': no step cites article {art}",
                    case.name
                ));
            }
        }
        let warnings = json["warnings"].as_array().unwrap();
        for w in &case.warns {
            if !warnings
                .iter()
                .any(|x| x.as_str().is_some_and(|x| x.contains(w.as_str())))
            {
                failures.push(format!(
                    "{name}: '{}': no warning contains '{w}': {warnings:?}",
                    case.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    file.case.len()
}
