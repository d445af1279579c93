//! docs/providers.md documents the provider file format; these tests keep it true.
//!
//! - The block introduced by `<!-- example-provider -->` is a complete provider file: saved under
//!   its id, `termcalc providers check` accepts it, and `--providers-dir` loads it next to the
//!   five shipped files.
//! - Every other fenced `toml` block is a fragment: merged into that example (a table that has a
//!   `kind` key, an array or a plain value replaces what is there; other tables merge key by
//!   key), the result must load. A block introduced by `<!-- rejected: KEY -->` must instead be
//!   refused with a problem at KEY.
//! - Every `kind = "..."` named on the page is a value the loader accepts, read from the serde
//!   types in src/terms/ (service kinds, which are free names, excepted).
//! - Every key and every accepted value of those types is named on the page, so a new key or
//!   rule kind cannot ship undocumented.

use assert_cmd::Command;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const PAGE: &str = "docs/providers.md";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn page() -> String {
    std::fs::read_to_string(root().join(PAGE)).expect("docs/providers.md exists")
}

fn termcalc() -> Command {
    let mut c = Command::cargo_bin("termcalc").unwrap();
    c.env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .env("NO_COLOR", "1");
    c
}

/// A fresh directory under the system temp dir, unique to this test.
fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("termcalc-docprov-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// One fenced `toml` block of the page.
struct Block {
    /// 1-based line of the opening fence.
    line: usize,
    /// The HTML comment on the last non-blank line before the fence, without `<!--`/`-->`.
    marker: Option<String>,
    text: String,
}

fn toml_blocks(page: &str) -> Vec<Block> {
    let lines: Vec<&str> = page.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim_end() != "```toml" {
            i += 1;
            continue;
        }
        let marker = lines[..i]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .and_then(|l| {
                let l = l.trim();
                l.strip_prefix("<!--")
                    .and_then(|r| r.strip_suffix("-->"))
                    .map(|m| m.trim().to_string())
            });
        let mut end = i + 1;
        while end < lines.len() && lines[end].trim_end() != "```" {
            end += 1;
        }
        assert!(end < lines.len(), "{PAGE}:{}: unclosed toml block", i + 1);
        out.push(Block {
            line: i + 1,
            marker,
            text: lines[i + 1..end].join("\n") + "\n",
        });
        i = end + 1;
    }
    out
}

fn example(blocks: &[Block]) -> &Block {
    let marked: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.marker.as_deref() == Some("example-provider"))
        .collect();
    assert_eq!(
        marked.len(),
        1,
        "{PAGE} must hold exactly one toml block introduced by <!-- example-provider -->"
    );
    marked[0]
}

fn parse_table(text: &str, what: &str) -> toml::Table {
    toml::from_str(text).unwrap_or_else(|e| panic!("{what} is not valid TOML: {e}"))
}

/// Merges `fragment` into `base`: a table with a `kind` key (a tagged rule), an array or a
/// plain value replaces what is there; any other table merges key by key.
fn merge(base: &mut toml::Table, fragment: &toml::Table) {
    for (k, v) in fragment {
        match (base.get_mut(k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(f)) if !f.contains_key("kind") => {
                merge(b, f)
            }
            _ => {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

#[test]
fn the_example_provider_file_passes_providers_check() {
    let page = page();
    let blocks = toml_blocks(&page);
    let ex = example(&blocks);
    let table = parse_table(&ex.text, "the example provider file");
    let id = table
        .get("id")
        .and_then(|v| v.as_str())
        .expect("the example has an id");
    let shipped: Vec<String> = std::fs::read_dir(root().join("providers"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        !shipped.iter().any(|s| s == id),
        "the example must be a new provider, not '{id}'"
    );

    let dir = temp_dir("example");
    let file = dir.join(format!("{id}.toml"));
    std::fs::write(&file, &ex.text).unwrap();
    let out = termcalc()
        .arg("providers")
        .arg("check")
        .arg(&file)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{PAGE}:{}: providers check refused the example:\n{stdout}{}",
        ex.line,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains(&format!(": ok ({id}, ")), "{stdout}");

    // Next to the shipped files, as the page's "Adding a sixth provider" describes.
    for s in &shipped {
        std::fs::copy(
            root().join("providers").join(format!("{s}.toml")),
            dir.join(format!("{s}.toml")),
        )
        .unwrap();
    }
    let out = termcalc()
        .arg("--providers-dir")
        .arg(&dir)
        .args(["--format", "json", "providers"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let listing: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = listing.to_string();
    assert!(text.contains(&format!("\"id\":\"{id}\"")), "{text}");
    for s in &shipped {
        assert!(text.contains(&format!("\"id\":\"{s}\"")), "{text}");
    }
    termcalc()
        .arg("--providers-dir")
        .arg(&dir)
        .args(["providers", "show", id])
        .assert()
        .success();

    // The same file under another name is refused: the file is named after the id.
    let other = dir.join("renamed.toml");
    std::fs::write(&other, &ex.text).unwrap();
    termcalc()
        .arg("providers")
        .arg("check")
        .arg(&other)
        .assert()
        .code(3);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_toml_block_loads_when_merged_into_the_example() {
    let page = page();
    let blocks = toml_blocks(&page);
    let ex = example(&blocks);
    let base = parse_table(&ex.text, "the example provider file");
    let mut checked = 0;
    let mut rejected = 0;
    // What loads must also pass the published schema (`termcalc providers schema`), so an
    // editor never flags a documented example.
    let schema = jsonschema::draft7::new(&termcalc::terms::json_schema()).unwrap();
    for b in &blocks {
        if std::ptr::eq(b, ex) {
            continue;
        }
        let what = format!("{PAGE}:{}", b.line);
        let fragment = parse_table(&b.text, &what);
        let mut merged = base.clone();
        merge(&mut merged, &fragment);
        let text = toml::to_string(&merged).unwrap();
        let result = termcalc::terms::parse_provider(&what, &text, None);
        match b
            .marker
            .as_deref()
            .and_then(|m| m.strip_prefix("rejected:"))
        {
            Some(key) => {
                let key = key.trim();
                let issues = match result {
                    Ok(_) => panic!("{what}: the block is shown as rejected but loads"),
                    Err(issues) => issues,
                };
                assert!(
                    issues.iter().any(|i| i.key == key),
                    "{what}: expected a problem at `{key}`, got {:?}",
                    issues
                        .iter()
                        .map(|i| format!("`{}`: {}", i.key, i.message))
                        .collect::<Vec<_>>()
                );
                rejected += 1;
            }
            None => {
                if let Err(issues) = result {
                    panic!(
                        "{what}: the block does not load in the example:\n{}\nmerged file:\n{text}",
                        issues
                            .iter()
                            .map(|i| i.to_string())
                            .collect::<Vec<_>>()
                            .join("\n")
                    );
                }
                let errors: Vec<String> = schema
                    .iter_errors(&serde_json::to_value(&merged).unwrap())
                    .map(|e| format!("{}: {e}", e.instance_path()))
                    .collect();
                assert!(
                    errors.is_empty(),
                    "{what}: the block loads but the schema refuses it:\n{}",
                    errors.join("\n")
                );
            }
        }
        checked += 1;
    }
    // The page documents every section with examples; a parser that finds none is broken.
    assert!(checked >= 30, "only {checked} toml blocks found on {PAGE}");
    assert!(rejected >= 3, "only {rejected} rejected examples on {PAGE}");
}

/// What the serde types in src/terms/ (and the holiday sets of src/calendar.rs) accept.
#[derive(Default, Debug)]
struct Vocabulary {
    /// Every value of every enum read from a provider file, as written in the file.
    values: BTreeSet<String>,
    /// The values that go in a `kind = "..."` key: tagged-enum variants and the values of
    /// enums that are the type of a field named `kind`.
    kinds: BTreeSet<String>,
    /// Every key of every table.
    keys: BTreeSet<String>,
}

fn case(name: &str, sep: char) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push(sep);
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn quoted_after<'a>(attrs: &'a str, key: &str) -> Option<&'a str> {
    let at = attrs.find(key)? + key.len();
    let rest = attrs[at..].trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    rest.split('"').next()
}

/// `name` of a line `    [pub ]name: Type` (struct field, `indent` spaces) or `None`.
fn field_name(line: &str, indent: usize) -> Option<(&str, &str)> {
    let body = line.strip_prefix(&" ".repeat(indent))?;
    if body.starts_with(' ') {
        return None;
    }
    let body = body.strip_prefix("pub ").unwrap_or(body);
    let (name, ty) = body.split_once(':')?;
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    ok.then(|| (name, ty.trim().trim_end_matches(',')))
}

fn read_vocabulary() -> Vocabulary {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("src/terms"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    files.push(root().join("src/calendar.rs"));

    let mut voc = Vocabulary::default();
    // enum name -> (tagged by kind, values)
    let mut enums: Vec<(String, bool, Vec<String>)> = Vec::new();
    // type names of fields called `kind`
    let mut kind_types: BTreeSet<String> = BTreeSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let in_calendar = file.ends_with("calendar.rs");
        let lines: Vec<&str> = text.lines().collect();
        let mut attrs = String::new();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            let t = line.trim();
            if t.starts_with("#[") {
                // An attribute, possibly over several lines.
                let mut depth = 0i32;
                loop {
                    let l = lines[i];
                    attrs.push_str(l.trim());
                    attrs.push(' ');
                    depth += l.matches('[').count() as i32 - l.matches(']').count() as i32;
                    if depth <= 0 || i + 1 >= lines.len() {
                        break;
                    }
                    i += 1;
                }
                i += 1;
                continue;
            }
            if t.starts_with("//") {
                i += 1;
                continue;
            }
            let item = line
                .strip_prefix("pub ")
                .unwrap_or(line)
                .split_once(' ')
                .filter(|(k, _)| *k == "struct" || *k == "enum");
            let Some((item_kind, rest)) = item else {
                attrs.clear();
                i += 1;
                continue;
            };
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let deserialized = attrs.contains("Deserialize");
            let tagged = attrs.contains("tag = \"kind\"");
            let sep = quoted_after(&attrs, "rename_all").map(|r| match r {
                "kebab-case" => '-',
                "snake_case" => '_',
                other => panic!("{}: rename_all = {other:?} is not handled", file.display()),
            });
            attrs.clear();
            // The body, up to the closing brace in column 0.
            let mut body = Vec::new();
            if line.trim_end().ends_with('{') {
                i += 1;
                while i < lines.len() && lines[i] != "}" {
                    body.push(lines[i]);
                    i += 1;
                }
            }
            i += 1;
            if !deserialized || (in_calendar && name != "HolidaySet") {
                continue;
            }
            let mut values = Vec::new();
            let mut member_attrs = String::new();
            for l in &body {
                let t = l.trim();
                if t.starts_with("#[") {
                    member_attrs.push_str(t);
                    continue;
                }
                if t.starts_with("//") || t.is_empty() {
                    continue;
                }
                if !member_attrs.is_empty() && !member_attrs.trim_end().ends_with(']') {
                    // The rest of an attribute written over several lines.
                    member_attrs.push_str(t);
                    continue;
                }
                let skipped = member_attrs.contains("skip)")
                    || member_attrs.contains("skip,")
                    || member_attrs.contains("skip_deserializing");
                let renamed = quoted_after(&member_attrs, "rename").map(str::to_string);
                if item_kind == "enum" {
                    if let Some(v) = l
                        .strip_prefix("    ")
                        .filter(|v| v.starts_with(|c: char| c.is_ascii_uppercase()))
                    {
                        let ident: String = v
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric())
                            .collect();
                        if !skipped {
                            values.push(renamed.clone().unwrap_or_else(|| match sep {
                                Some(s) => case(&ident, s),
                                None => ident.clone(),
                            }));
                        }
                    } else if let Some((f, _)) = field_name(l, 8) {
                        if !skipped {
                            voc.keys.insert(renamed.clone().unwrap_or(f.to_string()));
                        }
                    }
                } else if let Some((f, ty)) = field_name(l, 4) {
                    if !skipped {
                        voc.keys.insert(renamed.clone().unwrap_or(f.to_string()));
                    }
                    if f == "kind" {
                        kind_types.insert(ty.to_string());
                    }
                }
                member_attrs.clear();
            }
            if item_kind == "enum" {
                enums.push((name, tagged, values));
            }
        }
    }
    for (name, tagged, values) in &enums {
        voc.values.extend(values.iter().cloned());
        if *tagged || kind_types.contains(name) {
            voc.kinds.extend(values.iter().cloned());
        }
    }
    voc
}

#[test]
fn the_vocabulary_reader_finds_the_known_types() {
    // Guards the tests below against a reader that silently finds nothing.
    let voc = read_vocabulary();
    for k in [
        "ready_for_service",
        "set_by_contract",
        "end_of_calendar_month",
        "days_after_announcement",
        "per_month_or_part",
        "statutory_scale",
        "one_off_before_delivery",
        "whole_month_down",
        "per_event_or_series",
        "price_increase",
        "lapse",
    ] {
        assert!(voc.kinds.contains(k), "kind {k} not found: {:?}", voc.kinds);
    }
    for v in [
        "personal-injury",
        "atw_with_decrees",
        "registered_post",
        "month_end",
    ] {
        assert!(voc.values.contains(v), "value {v} not found");
    }
    // Service kinds are free names, not an enum.
    assert!(!voc.kinds.contains("voip"));
    for k in [
        "schema_version",
        "only_if_term_over_months",
        "designation_honoured",
    ] {
        assert!(voc.keys.contains(k), "key {k} not found");
    }
    assert!(voc.kinds.len() >= 50, "{:?}", voc.kinds);
}

/// Every `kind = "..."` on the page, with its line, leaving out service kinds (the `kind` of a
/// `[[termination.services]]` table), which are free names.
fn kinds_on_page(page: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_toml = false;
    let mut header = String::new();
    for (n, line) in page.lines().enumerate() {
        let t = line.trim();
        if t == "```toml" {
            in_toml = true;
            header.clear();
            continue;
        }
        if t == "```" {
            in_toml = false;
            continue;
        }
        if in_toml && t.starts_with('[') {
            header = t.to_string();
        }
        if in_toml && header.ends_with("services]]") && t.starts_with("kind") {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("kind = \"") {
            // `kind`, not the end of another key such as `default_kind`.
            let whole_word = !rest[..at].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_');
            rest = &rest[at + "kind = \"".len()..];
            let value: String = rest.chars().take_while(|c| *c != '"').collect();
            // `kind = "..."` in prose is a placeholder.
            if whole_word && value != "..." {
                out.push((n + 1, value));
            }
        }
    }
    out
}

#[test]
fn every_kind_named_on_the_page_is_accepted_by_the_loader() {
    let voc = read_vocabulary();
    let page = page();
    let kinds = kinds_on_page(&page);
    assert!(kinds.len() >= 50, "only {} kinds found", kinds.len());
    let unknown: Vec<String> = kinds
        .iter()
        .filter(|(_, k)| !voc.kinds.contains(k))
        .map(|(n, k)| format!("{PAGE}:{n}: kind = \"{k}\""))
        .collect();
    assert!(
        unknown.is_empty(),
        "kinds the loader does not accept:\n{}\naccepted: {:?}",
        unknown.join("\n"),
        voc.kinds
    );
}

#[test]
fn every_key_and_value_the_loader_accepts_is_documented() {
    let voc = read_vocabulary();
    let page = page();
    let kinds: BTreeSet<String> = kinds_on_page(&page).into_iter().map(|(_, k)| k).collect();
    let mut missing = Vec::new();
    for k in &voc.kinds {
        if !kinds.contains(k) {
            missing.push(format!("kind = \"{k}\""));
        }
    }
    for v in &voc.values {
        if !page.contains(&format!("\"{v}\"")) {
            missing.push(format!("the value \"{v}\""));
        }
    }
    for k in &voc.keys {
        if !page.contains(&format!("`{k}`")) && !page.contains(&format!("{k} = ")) {
            missing.push(format!("the key `{k}`"));
        }
    }
    assert!(
        missing.is_empty(),
        "{PAGE} does not document what src/terms/ accepts:\n{}",
        missing.join("\n")
    );
}
