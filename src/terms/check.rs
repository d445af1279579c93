//! The structural check of a provider file: its value tree walked against the JSON Schema that
//! `providers schema` prints (generated from the types of this module). Unlike serde, which stops
//! at a table's first error and, inside a tagged rule, can only point at the rule's table, the
//! walk reports every problem of the file at its exact key: unknown keys, missing keys (with what
//! the key means, from its doc comment), wrong types, unknown kinds and names, and amounts and
//! rates the money parsers refuse (with their own messages).

use super::Problem;
use crate::money::{parse_amount, parse_decimal, AMOUNT_PATTERN, DECIMAL_PATTERN};
use serde_json::Value as Schema;
use toml::Value;

/// One structural problem and whether it is about the value at its key (located at the value)
/// or about the key itself (an unknown or missing key, located at the key or its table).
pub struct Found {
    pub problem: Problem,
    pub at_value: bool,
}

/// Every structural problem of a provider file's value tree.
pub fn structural_problems(file: &toml::Table) -> Vec<Found> {
    static SCHEMA: std::sync::OnceLock<Schema> = std::sync::OnceLock::new();
    let root = SCHEMA.get_or_init(super::json_schema);
    let mut problems = Vec::new();
    Walk { root }.table(root, file, "", &mut problems);
    problems
        .into_iter()
        .map(|problem| Found {
            at_value: !(problem.message.starts_with("unknown field")
                || problem.message.starts_with("missing field")),
            problem,
        })
        .collect()
}

struct Walk<'s> {
    root: &'s Schema,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// "`a`, `b`, `c`", as serde lists the names it expected.
fn names<'a>(list: impl Iterator<Item = &'a str>) -> String {
    list.map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn found(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "a string",
        Value::Integer(_) => "a whole number",
        Value::Float(_) => "a floating point number",
        Value::Boolean(_) => "true or false",
        Value::Datetime(_) => "a date",
        Value::Array(_) => "a list",
        Value::Table(_) => "a table",
    }
}

impl<'s> Walk<'s> {
    /// The schema a node stands for: `$ref`s followed, a lone `allOf` (a described `$ref`)
    /// unwrapped.
    fn resolve(&self, mut node: &'s Schema) -> &'s Schema {
        for _ in 0..16 {
            if let Some(r) = node.get("$ref").and_then(Schema::as_str) {
                let name = r.trim_start_matches("#/definitions/");
                match self.root["definitions"].get(name) {
                    Some(n) => node = n,
                    None => return node,
                }
            } else if let Some([only]) = node
                .get("allOf")
                .and_then(Schema::as_array)
                .map(|a| a.as_slice())
            {
                node = only;
            } else {
                break;
            }
        }
        node
    }

    fn value(&self, node: &'s Schema, v: &Value, path: &str, out: &mut Vec<Problem>) {
        let node = self.resolve(node);
        if let Some(variants) = node.get("oneOf").and_then(Schema::as_array) {
            return self.one_of(variants, v, path, out);
        }
        if let Some(c) = node.get("const") {
            let ok = match (c, v) {
                (Schema::Number(n), Value::Integer(i)) => n.as_i64() == Some(*i),
                (Schema::String(s), Value::String(t)) => s == t,
                _ => false,
            };
            if !ok {
                let same_type = matches!(
                    (c, v),
                    (Schema::Number(_), Value::Integer(_)) | (Schema::String(_), Value::String(_))
                );
                out.push(Problem::new(
                    path,
                    if same_type {
                        format!("the value must be {c}")
                    } else {
                        format!("invalid type: {}, expected {c}", found(v))
                    },
                    Some("this build reads only this value"),
                ));
            }
            return;
        }
        let expected = node.get("type").and_then(Schema::as_str).unwrap_or("");
        match (expected, v) {
            ("object", Value::Table(t)) => self.table(node, t, path, out),
            ("array", Value::Array(items)) => {
                let item = &node["items"];
                for (i, x) in items.iter().enumerate() {
                    self.value(item, x, &format!("{path}[{i}]"), out);
                }
            }
            ("string", Value::String(s)) => {
                let parsed = match node.get("pattern").and_then(Schema::as_str) {
                    Some(AMOUNT_PATTERN) => parse_amount(s).err(),
                    Some(DECIMAL_PATTERN) => parse_decimal(s).err(),
                    _ => None,
                };
                if let Some(e) = parsed {
                    out.push(Problem::new(path, e, None));
                }
            }
            ("integer", Value::Integer(i)) => {
                if *i < 0 || *i > i64::from(u32::MAX) {
                    out.push(Problem::new(
                        path,
                        format!("{i} is not a possible count"),
                        Some("use a whole number from 0"),
                    ));
                }
            }
            ("boolean", Value::Boolean(_)) => {}
            ("", _) => {}
            (_, v) => {
                let pattern = node.get("pattern").and_then(Schema::as_str);
                let (message, hint) = match (expected, pattern) {
                    ("string", Some(AMOUNT_PATTERN)) => (
                        "an amount must be a string such as \"5000.00\" (TOML floats are binary)"
                            .to_string(),
                        "write the amount in quotes, e.g. \"2500.00\"",
                    ),
                    ("string", Some(DECIMAL_PATTERN)) => (
                        "a rate or percentage must be a string such as \"8.15\" (TOML floats are binary)"
                            .to_string(),
                        "write the number in quotes, e.g. \"8.15\"",
                    ),
                    _ => {
                        let want = match expected {
                            "string" => "a string",
                            "integer" => "a whole number",
                            "boolean" => "true or false",
                            "array" => "a list",
                            "object" => "a table",
                            other => other,
                        };
                        (
                            format!("invalid type: {}, expected {want}", found(v)),
                            "check the value's type: amounts and rates are strings such as \"12.50\", months and days are whole numbers",
                        )
                    }
                };
                out.push(Problem::new(path, message, Some(hint)));
            }
        }
    }

    /// A closed table: every key known, every required key present.
    fn table(&self, node: &'s Schema, t: &toml::Table, path: &str, out: &mut Vec<Problem>) {
        let node = self.resolve(node);
        let empty = serde_json::Map::new();
        let props = node["properties"].as_object().unwrap_or(&empty);
        self.keys(props, node, t, path, out);
    }

    fn keys(
        &self,
        props: &'s serde_json::Map<String, Schema>,
        node: &'s Schema,
        t: &toml::Table,
        path: &str,
        out: &mut Vec<Problem>,
    ) {
        for (k, v) in t {
            match props.get(k) {
                Some(p) if k == "kind" && p.get("const").is_some() => {} // checked by one_of
                Some(p) => self.value(p, v, &join(path, k), out),
                None => out.push(Problem::new(
                    join(path, k),
                    format!(
                        "unknown field `{k}`, expected one of {}",
                        names(props.keys().map(String::as_str))
                    ),
                    Some("check the spelling; the accepted names are listed in the message"),
                )),
            }
        }
        for r in node["required"].as_array().into_iter().flatten() {
            let Some(r) = r.as_str() else { continue };
            if t.contains_key(r) {
                continue;
            }
            let meaning = props
                .get(r)
                .map(|p| {
                    let d = p
                        .get("description")
                        .or_else(|| self.resolve(p).get("description"))
                        .and_then(Schema::as_str)
                        .unwrap_or("");
                    d.split_whitespace().collect::<Vec<_>>().join(" ")
                })
                .filter(|d| !d.is_empty())
                .or_else(|| generic_meaning(r).map(str::to_string));
            let at = if path.is_empty() {
                "the top level".to_string()
            } else {
                format!("[{path}]")
            };
            out.push(Problem::new(
                join(path, r),
                match meaning {
                    Some(m) => format!(
                        "missing field `{r}` in {at}: {}",
                        sentence_part(m.trim_end_matches('.'))
                    ),
                    None => format!("missing field `{r}` in {at}"),
                },
                Some("add the key; the provider files in providers/ show every key in use"),
            ));
        }
    }

    /// A fixed list of names (each a `const`), or a rule tagged by its `kind`.
    fn one_of(&self, variants: &'s [Schema], v: &Value, path: &str, out: &mut Vec<Problem>) {
        let consts: Vec<&str> = variants
            .iter()
            .filter_map(|x| x.get("const").and_then(Schema::as_str))
            .collect();
        if consts.len() == variants.len() {
            match v {
                Value::String(s) if consts.contains(&s.as_str()) => {}
                Value::String(s) => out.push(Problem::new(
                    path,
                    format!(
                        "unknown variant `{s}`, expected one of {}",
                        names(consts.into_iter())
                    ),
                    Some("check the spelling; the accepted names are listed in the message"),
                )),
                other => out.push(Problem::new(
                    path,
                    format!(
                        "invalid type: {}, expected one of {}",
                        found(other),
                        names(consts.into_iter())
                    ),
                    None,
                )),
            }
            return;
        }
        let kinds: Vec<&str> = variants
            .iter()
            .filter_map(|x| x["properties"]["kind"]["const"].as_str())
            .collect();
        let Value::Table(t) = v else {
            out.push(Problem::new(
                path,
                format!("invalid type: {}, expected a table with a `kind`", found(v)),
                None,
            ));
            return;
        };
        let kind = t.get("kind");
        let chosen = kind.and_then(Value::as_str).and_then(|k| {
            variants
                .iter()
                .find(|x| x["properties"]["kind"]["const"] == k)
        });
        match (kind, chosen) {
            (_, Some(variant)) => self.table(variant, t, path, out),
            (None, _) => out.push(Problem::new(
                join(path, "kind"),
                format!("missing field `kind`: one of {}", names(kinds.into_iter())),
                Some("add the key; the provider files in providers/ show every key in use"),
            )),
            (Some(k), None) => out.push(Problem::new(
                join(path, "kind"),
                match k.as_str() {
                    Some(k) => format!(
                        "unknown variant `{k}`, expected one of {}",
                        names(kinds.into_iter())
                    ),
                    None => format!(
                        "invalid type: {}, expected one of {}",
                        found(k),
                        names(kinds.into_iter())
                    ),
                },
                Some("check the spelling; the accepted names are listed in the message"),
            )),
        }
    }
}

/// What a key means where every rule has it, so that its doc comment is not repeated on each.
fn generic_meaning(key: &str) -> Option<&'static str> {
    match key {
        "article" => Some(
            "the provider's article(s) behind this rule, as printed in its terms (e.g. \"5.1.c\"); every rule cites its article",
        ),
        _ => None,
    }
}

/// A doc comment's sentence continued after a colon: "The seed file ..." reads "the seed file
/// ...", but "KvK number" keeps its capital.
fn sentence_part(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_string(),
    }
}
