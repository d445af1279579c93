//! `termcalc providers schema`: the JSON Schema of the provider file, generated from the types in
//! src/terms/. It must be a valid draft-07 schema, every shipped provider file must validate
//! against it, and what it refuses the loader refuses too (so an editor never flags a file that
//! `providers check` accepts, and flags the usual mistakes while typing).

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn termcalc() -> Command {
    let mut c = Command::cargo_bin("termcalc").unwrap();
    c.env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .env("NO_COLOR", "1");
    c
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&termcalc::terms::json_schema())
        .unwrap_or_else(|e| panic!("the schema does not compile: {e}"))
}

/// A provider file as an editor's validator sees it: the TOML document as JSON.
fn as_json(text: &str) -> Value {
    let table: toml::Table = toml::from_str(text).expect("valid TOML");
    serde_json::to_value(table).expect("TOML converts to JSON")
}

/// Every schema error: "instance path: message".
fn schema_errors(v: &jsonschema::Validator, text: &str) -> Vec<String> {
    v.iter_errors(&as_json(text))
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn shipped_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("providers"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn the_schema_is_valid_draft_07() {
    let schema = termcalc::terms::json_schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    if let Err(e) = jsonschema::draft7::meta::validate(&schema) {
        panic!("not a valid draft-07 schema: {e} at {}", e.instance_path());
    }
    // The question sections are the `Provider` type's table-valued keys besides the identity,
    // in file order, each described with the question it answers.
    let sections: Vec<&str> = schema["properties"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, v)| !["terms", "audience"].contains(&k.as_str()) && v["allOf"].is_array())
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(sections, termcalc::terms::SECTION_KEYS);
    for section in sections {
        let s = &schema["properties"][section];
        assert!(s["description"].is_string(), "{section}: {s}");
    }
    // A file with every section lists them all, in that order.
    let set = termcalc::terms::ProviderSet::embedded().unwrap();
    let full = set
        .iter()
        .find(|p| p.sections().count() == termcalc::terms::SECTION_KEYS.len())
        .expect("a built-in provider has every section");
    assert!(full
        .sections()
        .map(|(k, _, _)| k)
        .eq(termcalc::terms::SECTION_KEYS));
}

#[test]
fn every_shipped_provider_file_validates() {
    let v = validator();
    let files = shipped_files();
    // Every embedded file is in providers/, and the other way round.
    let set = termcalc::terms::ProviderSet::embedded().unwrap();
    assert_eq!(files.len(), set.ids().len());
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let errors = schema_errors(&v, &text);
        assert!(
            errors.is_empty(),
            "{} does not validate against the schema:\n{}",
            f.display(),
            errors.join("\n")
        );
    }
}

fn quatel() -> String {
    std::fs::read_to_string(root().join("providers/quatel.toml")).unwrap()
}

#[test]
fn what_the_schema_refuses_the_loader_refuses() {
    let v = validator();
    let base = quatel();
    assert!(schema_errors(&v, &base).is_empty());
    // (what is replaced, by what, the instance path the schema points at)
    let cases: &[(&str, &str, &str)] = &[
        // An unknown key in a closed table.
        (
            "[audience]\n",
            "[audience]\ncolour = \"red\"\n",
            "/audience",
        ),
        // A required field left out.
        ("\nseed = ", "\nseed_file = ", "/terms"),
        // A kind outside the vocabulary.
        (
            "kind = \"direct_debit\"",
            "kind = \"paper_invoice\"",
            "/outage",
        ),
        // An amount or rate written as a TOML float.
        (
            "fraction_of_month = \"1\"",
            "fraction_of_month = 1.0",
            "/outage",
        ),
        // A rate with a thousands separator and a sign.
        (
            "fraction_of_month = \"1\"",
            "fraction_of_month = \"-1\"",
            "/outage",
        ),
        // A version this build does not read.
        (
            "schema_version = 1",
            "schema_version = 2",
            "/schema_version",
        ),
        // An id that is not lower-case.
        ("id = \"quatel\"", "id = \"QuaTel\"", "/id"),
        // A count that is not a whole number.
        ("days = 10", "days = \"10\"", "/outage"),
    ];
    for (from, to, at) in cases {
        assert!(base.contains(from), "{from:?} not in quatel.toml");
        let text = base.replacen(from, to, 1);
        let errors = schema_errors(&v, &text);
        assert!(
            errors.iter().any(|e| e.starts_with(at)),
            "{to:?}: the schema should refuse it at {at}, got {errors:?}"
        );
        let stem = if to.contains("QuaTel") {
            "QuaTel"
        } else {
            "quatel"
        };
        assert!(
            termcalc::terms::parse_provider("quatel.toml", &text, Some(stem)).is_err(),
            "{to:?}: the schema refuses it, so must the loader"
        );
    }
}

#[test]
fn amounts_and_rates_follow_the_loader() {
    // The patterns accept what the money parsers accept, and refuse what they refuse.
    let amount = regex_of(termcalc::money::AMOUNT_PATTERN);
    for ok in ["2500", "2500.00", "2500,5", " 12.50 ", "+3"] {
        assert!(amount(ok), "{ok}");
        assert!(termcalc::money::parse_non_negative(ok).is_ok(), "{ok}");
    }
    for bad in ["1.000", "1.234,56", "12.", ".5", "-5", "EUR 5", "1e3", ""] {
        assert!(!amount(bad), "{bad}");
        assert!(termcalc::money::parse_non_negative(bad).is_err(), "{bad}");
    }
    let decimal = regex_of(termcalc::money::DECIMAL_PATTERN);
    for ok in ["8.15", "15", "0,125", "0.0000000001"] {
        assert!(decimal(ok), "{ok}");
        assert!(termcalc::money::parse_decimal(ok).is_ok(), "{ok}");
    }
    for bad in ["-1", "+1", "1.", "0.00000000001", "1.5.2", "8 %", ""] {
        assert!(!decimal(bad), "{bad}");
        assert!(termcalc::money::parse_decimal(bad).is_err(), "{bad}");
    }
}

/// A matcher for a pattern, through the JSON Schema validator (as editors apply it).
fn regex_of(pattern: &str) -> impl Fn(&str) -> bool {
    let v = jsonschema::draft7::new(&serde_json::json!({"type": "string", "pattern": pattern}))
        .unwrap();
    move |s| v.is_valid(&Value::String(s.to_string()))
}

#[test]
fn providers_schema_prints_the_schema() {
    let out = termcalc().args(["providers", "schema"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stderr.is_empty());
    let printed: Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(printed, termcalc::terms::json_schema());
    assert_eq!(printed["title"], "termcalc provider file");
    // The same JSON whatever --format says: it is a file for editors, not a report.
    for format in ["json", "csv", "table"] {
        let again = termcalc()
            .args(["--format", format, "providers", "schema"])
            .output()
            .unwrap();
        assert_eq!(again.stdout, out.stdout, "--format {format}");
    }
    // The printed schema validates a shipped file as a separate tool would (file to file).
    let v = jsonschema::draft7::new(&printed).unwrap();
    assert!(schema_errors(&v, &quatel()).is_empty());
}

#[test]
fn providers_schema_takes_no_arguments() {
    termcalc()
        .args(["providers", "schema", "quatel"])
        .assert()
        .code(2);
}
