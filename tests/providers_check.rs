//! `providers check` reports every problem of a file in one run, each at the exact key (not its
//! parent table), and a missing required key says what the key is for.

use assert_cmd::Command;
use std::path::Path;
use termcalc::error::DataIssue;
use termcalc::terms::parse_provider;

fn qupra() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("providers/qupra.toml"))
        .unwrap()
}

/// `from` replaced by `to` once, after the `nth` occurrence of `after` (0-based).
fn edit(text: &str, after: &str, nth: usize, from: &str, to: &str) -> String {
    let start = text.match_indices(after).nth(nth).expect("anchor").0;
    let at = start + text[start..].find(from).expect("in text");
    format!("{}{to}{}", &text[..at], &text[at + from.len()..])
}

fn issues(text: &str) -> Vec<DataIssue> {
    parse_provider("qupra.toml", text, Some("qupra")).unwrap_err()
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect("line") + 1
}

#[test]
fn a_bad_value_in_the_second_rule_is_reported_at_that_rule() {
    // The third [[buyout.rules]] (index 2, before_delivery) gets a percentage with a thousands
    // separator; serde could only name buyout.rules[0] at the first rule's line.
    let text = edit(
        &qupra(),
        "kind = \"before_delivery\"",
        0,
        "percent = \"100\"",
        "percent = \"1.000,5\"",
    );
    let i = issues(&text);
    assert_eq!(i.len(), 1, "{i:?}");
    assert_eq!(i[0].key, "buyout.rules[2].percent");
    assert_eq!(
        i[0].position,
        Some((line_of(&text, "\"1.000,5\""), 11)),
        "{i:?}"
    );
    // The second rule (index 1) with an unknown key: named with its index.
    let text = edit(&qupra(), "kind = \"usage_average\"", 0, "scope", "scoop");
    let i = issues(&text);
    assert!(
        i.iter().any(|x| x.key == "buyout.rules[1].scoop"
            && x.position == Some((line_of(&text, "scoop"), 1))),
        "{i:?}"
    );
    // ... and the key it lacks now, with what it means.
    assert!(
        i.iter()
            .any(|x| x.key == "buyout.rules[1].scope" && x.message.contains("missing field")),
        "{i:?}"
    );
}

#[test]
fn every_problem_of_a_file_comes_in_one_run() {
    let mut text = qupra();
    // 1. identity: an unknown key
    text = text.replace("[audience]\n", "[audience]\ncolour = \"red\"\n");
    // 2. + 3. two problems in one rule of one section: an unknown kind of scope and a float
    text = edit(
        &text,
        "kind = \"remaining_fixed_fees\"",
        0,
        "scope = \"any_period\"",
        "scope = \"whole_period\"",
    );
    text = edit(
        &text,
        "kind = \"remaining_fixed_fees\"",
        0,
        "percent = \"100\"",
        "percent = 100.0",
    );
    // 4. another section: an unknown kind
    text = edit(
        &text,
        "[liability.ceiling]",
        0,
        "kind = \"",
        "kind = \"unlimited_",
    );
    let i = issues(&text);
    let keys: Vec<&str> = i.iter().map(|x| x.key.as_str()).collect();
    for want in [
        "audience.colour",
        "buyout.rules[0].scope",
        "buyout.rules[0].percent",
        "liability.ceiling.kind",
    ] {
        assert!(keys.contains(&want), "{want} not in {keys:?}");
    }
    // Problems are listed in file order.
    let positions: Vec<_> = i.iter().map(|x| x.position).collect();
    let mut sorted = positions.clone();
    sorted.sort();
    assert_eq!(positions, sorted);
}

#[test]
fn semantic_problems_come_with_structural_ones_elsewhere() {
    // A structural problem in [liability] no longer hides an impossible value in [buyout]:
    // the semantic checks run on every section that reads.
    let text = edit(
        &qupra(),
        "kind = \"remaining_fixed_fees\"",
        0,
        "percent = \"100\"",
        "percent = \"250\"",
    );
    let text = edit(
        &text,
        "[liability.ceiling]",
        0,
        "kind = \"",
        "kind = \"unlimited_",
    );
    let i = issues(&text);
    let keys: Vec<&str> = i.iter().map(|x| x.key.as_str()).collect();
    assert!(keys.contains(&"liability.ceiling.kind"), "{keys:?}");
    assert!(keys.contains(&"buyout.rules[0].percent"), "{keys:?}");
    let pct = i
        .iter()
        .find(|x| x.key == "buyout.rules[0].percent")
        .unwrap();
    assert!(pct.message.contains("250 %"), "{pct:?}");
}

#[test]
fn a_missing_required_key_says_what_it_is_for() {
    let text = qupra();
    let seed_line = text.lines().find(|l| l.starts_with("seed = ")).unwrap();
    let text = text.replace(&format!("{seed_line}\n"), "");
    let i = issues(&text);
    assert_eq!(i.len(), 1, "{i:?}");
    assert_eq!(i[0].key, "terms.seed");
    assert!(
        i[0].message
            .starts_with("missing field `seed` in [terms]: "),
        "{}",
        i[0].message
    );
    // The explanation is the field's documentation: the seed file the provider file encodes.
    assert!(
        i[0].message.contains(": the seed file (in shared/seeds)"),
        "{}",
        i[0].message
    );
    // Located at the [terms] table it belongs in.
    assert_eq!(i[0].position.map(|p| p.0), Some(line_of(&text, "[terms]")));

    // A rule without its article: the key every rule has is explained once for all.
    let text = edit(
        &qupra(),
        "kind = \"one_off_before_delivery\"",
        0,
        "article = \"5.1.d\"\n",
        "",
    );
    let i = issues(&text);
    assert_eq!(i.len(), 1, "{i:?}");
    assert_eq!(i[0].key, "buyout.rules[3].article");
    assert!(i[0].message.contains("as printed in its terms"), "{i:?}");
}

#[test]
fn every_required_key_has_an_explanation() {
    // A missing key's message quotes the key's description: every required key must have one.
    let schema = termcalc::terms::json_schema();
    let mut missing = Vec::new();
    let defs = schema["definitions"].as_object().unwrap();
    let mut objects: Vec<(String, &serde_json::Value)> = vec![("(root)".into(), &schema)];
    for (name, d) in defs {
        objects.push((name.clone(), d));
        for (i, v) in d["oneOf"].as_array().into_iter().flatten().enumerate() {
            objects.push((format!("{name}/oneOf/{i}"), v));
        }
    }
    for (name, o) in objects {
        for r in o["required"].as_array().into_iter().flatten() {
            let r = r.as_str().unwrap();
            if r == "kind" || r == "article" {
                // A tagged rule's kind: the message lists the kinds. `article`: explained in
                // one place for every rule (check.rs, generic_meaning).
                continue;
            }
            let p = &o["properties"][r];
            let described = p["description"].is_string() || {
                let target = p["$ref"]
                    .as_str()
                    .or(p["allOf"][0]["$ref"].as_str())
                    .and_then(|r| r.strip_prefix("#/definitions/"));
                target.is_some_and(|t| defs[t]["description"].is_string())
            };
            if !described {
                missing.push(format!("{name}.{r}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "required keys without a doc comment (their missing-key message would explain nothing):\n{}",
        missing.join("\n")
    );
}

#[test]
fn check_prints_every_problem_with_its_line() {
    let dir = std::env::temp_dir().join(format!("termcalc-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("qupra.toml");
    let text = qupra().replace("[audience]\n", "[audience]\ncolour = \"red\"\n");
    let text = edit(
        &text,
        "kind = \"before_delivery\"",
        0,
        "percent = \"100\"",
        "percent = 100",
    );
    std::fs::write(&file, &text).unwrap();
    let out = Command::cargo_bin("termcalc")
        .unwrap()
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .args(["providers", "check"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].contains(&format!(
            "qupra.toml:{}:1: `audience.colour`: unknown field `colour`",
            line_of(&text, "colour")
        )),
        "{err}"
    );
    assert!(
        lines[1].contains(&format!(
            "qupra.toml:{}:11: `buyout.rules[2].percent`: a rate or percentage must be a string",
            text.lines().position(|l| l == "percent = 100").unwrap() + 1
        )),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
