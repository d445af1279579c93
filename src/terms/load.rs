//! Reading provider files: embedded at build time, or from `--providers-dir`. Every problem is
//! reported as `file:line:col`, the key path and a hint; a file with several broken sections
//! gets one message per section, and semantic problems are all listed.

use super::{buyout, collection, late_payment, liability, outage, termination, Problem, Provider};
use crate::error::{line_col, DataIssue, Error, Result};
use serde::de::IgnoredAny;
use serde::Deserialize;
use std::ops::Range;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/embedded_providers.rs"));

/// The top level of a provider file with each section skipped, so that an error in one section
/// does not hide an error in the identity fields or in another section.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Header {
    schema_version: u32,
    id: String,
    name: String,
    #[serde(default)]
    trade_name: Option<String>,
    #[serde(default)]
    kvk: Option<String>,
    #[serde(default)]
    registration_note: Option<String>,
    terms: super::TermsInfo,
    audience: super::Audience,
    #[serde(default)]
    termination: Option<IgnoredAny>,
    #[serde(default)]
    late_payment: Option<IgnoredAny>,
    #[serde(default)]
    collection: Option<IgnoredAny>,
    #[serde(default)]
    buyout: Option<IgnoredAny>,
    #[serde(default)]
    liability: Option<IgnoredAny>,
    #[serde(default)]
    outage: Option<IgnoredAny>,
}

/// Deserializes one section on its own (other keys ignored) and returns its error, if any.
macro_rules! section_error {
    ($text:expr, $field:ident, $ty:ty) => {{
        #[derive(Deserialize)]
        #[allow(dead_code)]
        struct Only {
            #[serde(default)]
            $field: Option<$ty>,
        }
        toml::from_str::<Only>($text).err()
    }};
}

fn hint_for(message: &str) -> Option<String> {
    let m = message.to_ascii_lowercase();
    let h = if m.contains("unknown field") || m.contains("unknown variant") {
        "check the spelling; the accepted names are listed in the message"
    } else if m.contains("missing field") {
        "add the key; the provider files in providers/ show every key in use"
    } else if m.contains("invalid type") {
        "check the value's type: amounts and rates are strings such as \"12.50\", months and days are whole numbers"
    } else if m.contains("duplicate key") {
        "each key may appear once per table"
    } else {
        return None;
    };
    Some(h.to_string())
}

fn issue_from_toml(
    file: &str,
    text: &str,
    doc: Option<&toml_edit::Document<&str>>,
    message: &str,
    span: Option<Range<usize>>,
) -> DataIssue {
    let position = span.as_ref().map(|s| line_col(text, s.start));
    let key = match (doc, &span) {
        (Some(doc), Some(s)) => path_at(doc, s.start).unwrap_or_default(),
        _ => String::new(),
    };
    let message = message.trim().trim_end_matches('.').replace('\n', " ");
    DataIssue {
        file: file.to_string(),
        position,
        key,
        hint: hint_for(&message),
        message,
    }
}

/// Reads and checks one provider file's text. `file` is the name used in messages;
/// `file_stem`, when given, must equal the provider id.
pub fn parse_provider(
    file: &str,
    text: &str,
    file_stem: Option<&str>,
) -> std::result::Result<Provider, Vec<DataIssue>> {
    // The common case, a valid file, reads the text once; the span-keeping document that
    // locates problems is only built when there is something to report.
    let parsed = toml::from_str::<Provider>(text);
    if let Ok(provider) = &parsed {
        if provider.validate(file_stem).is_empty() {
            return parsed.map_err(|_| Vec::new());
        }
    }
    let doc = match toml_edit::Document::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            return Err(vec![issue_from_toml(
                file,
                text,
                None,
                e.message(),
                e.span(),
            )]);
        }
    };
    match parsed {
        Ok(provider) => Err(provider
            .validate(file_stem)
            .into_iter()
            .map(|p| problem_issue(file, text, &doc, p))
            .collect()),
        Err(first) => {
            let mut errors: Vec<toml::de::Error> = Vec::new();
            errors.extend(toml::from_str::<Header>(text).err());
            errors.extend(section_error!(text, termination, termination::Termination));
            errors.extend(section_error!(
                text,
                late_payment,
                late_payment::LatePayment
            ));
            errors.extend(section_error!(text, collection, collection::Collection));
            errors.extend(section_error!(text, buyout, buyout::Buyout));
            errors.extend(section_error!(text, liability, liability::Liability));
            errors.extend(section_error!(text, outage, outage::Outage));
            if errors.is_empty() {
                errors.push(first);
            }
            let mut issues: Vec<DataIssue> = errors
                .iter()
                .map(|e| issue_from_toml(file, text, Some(&doc), e.message(), e.span()))
                .collect();
            issues.sort_by_key(|i| i.position);
            issues.dedup();
            Err(issues)
        }
    }
}

fn problem_issue(file: &str, text: &str, doc: &toml_edit::Document<&str>, p: Problem) -> DataIssue {
    let span = locate_key(doc, &p.key);
    DataIssue {
        file: file.to_string(),
        position: span.map(|s| line_col(text, s.start)),
        key: p.key,
        message: p.message,
        hint: p.hint,
    }
}

/// One step of a key path: a name, or an index into an array (of tables).
enum Seg<'a> {
    Name(&'a str),
    Index(usize),
}

fn segments(path: &str) -> Vec<Seg<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (name, rest) = part.split_once('[').unwrap_or((part, ""));
        if !name.is_empty() {
            out.push(Seg::Name(name));
        }
        for idx in rest.split('[') {
            if let Ok(i) = idx.trim_end_matches(']').parse() {
                out.push(Seg::Index(i));
            }
        }
    }
    out
}

/// The byte span of a key path such as `termination.services[1].notice.months` in a parsed
/// document; where the full path is absent, the span of the deepest part that exists.
pub fn locate_key(doc: &toml_edit::Document<&str>, path: &str) -> Option<Range<usize>> {
    use toml_edit::{Item, Table, Value};
    enum Node<'a> {
        Table(&'a Table),
        Item(&'a Item),
        Value(&'a Value),
    }
    let mut node = Node::Table(doc.as_table());
    let mut best: Option<Range<usize>> = None;
    for seg in segments(path) {
        let table = match &node {
            Node::Table(t) => Some(*t),
            Node::Item(Item::Table(t)) => Some(t),
            _ => None,
        };
        let inline = match &node {
            Node::Item(Item::Value(Value::InlineTable(t))) | Node::Value(Value::InlineTable(t)) => {
                Some(t)
            }
            _ => None,
        };
        let next = match seg {
            Seg::Name(n) => {
                if let Some(t) = table {
                    best = t.key(n).and_then(|k| k.span()).or(best);
                    t.get(n).map(Node::Item)
                } else if let Some(t) = inline {
                    best = t.key(n).and_then(|k| k.span()).or(best);
                    t.get(n).map(Node::Value)
                } else {
                    None
                }
            }
            Seg::Index(i) => match &node {
                Node::Item(Item::ArrayOfTables(a)) => a.get(i).map(|t| {
                    best = t.span().or(best.clone());
                    Node::Table(t)
                }),
                Node::Item(Item::Value(Value::Array(a))) | Node::Value(Value::Array(a)) => {
                    a.get(i).map(|v| {
                        best = v.span().or(best.clone());
                        Node::Value(v)
                    })
                }
                _ => None,
            },
        };
        match next {
            Some(n) => node = n,
            None => break,
        }
    }
    best
}

/// The dotted key path of the deepest key or value whose span contains `offset`.
pub fn path_at(doc: &toml_edit::Document<&str>, offset: usize) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    walk_table(doc.as_table(), String::new(), offset, &mut best);
    best.map(|(_, p)| p)
}

fn consider(
    span: Option<Range<usize>>,
    path: &str,
    offset: usize,
    best: &mut Option<(usize, String)>,
) {
    if let Some(s) = span {
        if s.start <= offset && offset <= s.end.max(s.start + 1) {
            let width = s.end - s.start;
            if best
                .as_ref()
                .is_none_or(|(w, p)| width < *w || (width == *w && path.len() > p.len()))
            {
                *best = Some((width, path.to_string()));
            }
        }
    }
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

fn walk_table(
    t: &toml_edit::Table,
    prefix: String,
    offset: usize,
    best: &mut Option<(usize, String)>,
) {
    consider(t.span(), &prefix, offset, best);
    for (k, item) in t.iter() {
        let path = join(&prefix, k);
        if let Some(key) = t.key(k) {
            consider(key.span(), &path, offset, best);
        }
        walk_item(item, path, offset, best);
    }
}

fn walk_item(
    item: &toml_edit::Item,
    path: String,
    offset: usize,
    best: &mut Option<(usize, String)>,
) {
    match item {
        toml_edit::Item::Table(t) => walk_table(t, path, offset, best),
        toml_edit::Item::ArrayOfTables(a) => {
            for (i, t) in a.iter().enumerate() {
                walk_table(t, format!("{path}[{i}]"), offset, best);
            }
        }
        toml_edit::Item::Value(v) => walk_value(v, path, offset, best),
        toml_edit::Item::None => {}
    }
}

fn walk_value(
    v: &toml_edit::Value,
    path: String,
    offset: usize,
    best: &mut Option<(usize, String)>,
) {
    consider(v.span(), &path, offset, best);
    match v {
        toml_edit::Value::InlineTable(t) => {
            for (k, val) in t.iter() {
                let p = join(&path, k);
                if let Some(key) = t.key(k) {
                    consider(key.span(), &p, offset, best);
                }
                walk_value(val, p, offset, best);
            }
        }
        toml_edit::Value::Array(a) => {
            for (i, val) in a.iter().enumerate() {
                walk_value(val, format!("{path}[{i}]"), offset, best);
            }
        }
        _ => {}
    }
}

/// The providers in use: the embedded five, or the files of `--providers-dir`.
#[derive(Debug, Clone)]
pub struct ProviderSet {
    providers: Vec<Provider>,
    /// "embedded" or the directory read.
    pub source: String,
}

impl ProviderSet {
    /// The five files shipped in the binary.
    pub fn embedded() -> Result<Self> {
        let mut providers = Vec::new();
        let mut issues = Vec::new();
        for (file, text) in EMBEDDED {
            let stem = Path::new(file).file_stem().and_then(|s| s.to_str());
            match parse_provider(file, text, stem) {
                Ok(p) => providers.push(p),
                Err(e) => issues.extend(e),
            }
        }
        Self::finish(providers, issues, "embedded".to_string())
    }

    /// Only the built-in file of one provider; `None` when no built-in file has that id.
    pub fn embedded_one(id: &str) -> Result<Option<Provider>> {
        // Provider ids ignore case on the command line (`Quatel` is `quatel`).
        let Some((file, text, stem)) = EMBEDDED.iter().find_map(|(f, t)| {
            let stem = Path::new(f).file_stem().and_then(|s| s.to_str())?;
            stem.eq_ignore_ascii_case(id).then_some((f, t, stem))
        }) else {
            return Ok(None);
        };
        parse_provider(file, text, Some(stem))
            .map(Some)
            .map_err(Error::ProviderData)
    }

    /// Every `*.toml` file of a directory (not recursive), instead of the embedded set.
    pub fn from_dir(dir: &Path) -> Result<Self> {
        let shown = dir.display().to_string();
        let entries = std::fs::read_dir(dir).map_err(|e| {
            Error::ProviderData(vec![DataIssue {
                file: shown.clone(),
                position: None,
                key: String::new(),
                message: format!("cannot read the providers directory: {}", io_reason(&e)),
                hint: Some("--providers-dir (or TERMCALC_PROVIDERS_DIR) must name a directory of provider .toml files".into()),
            }])
        })?;
        let mut files: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(Error::ProviderData(vec![DataIssue {
                file: shown,
                position: None,
                key: String::new(),
                message: "the providers directory holds no .toml files".into(),
                hint: Some("put one provider file per provider in it, e.g. qupra.toml".into()),
            }]));
        }
        let mut providers = Vec::new();
        let mut issues = Vec::new();
        for path in &files {
            match read_provider_file(path) {
                Ok(p) => providers.push(p),
                Err(e) => issues.extend(e),
            }
        }
        Self::finish(providers, issues, shown)
    }

    fn finish(
        mut providers: Vec<Provider>,
        issues: Vec<DataIssue>,
        source: String,
    ) -> Result<Self> {
        if !issues.is_empty() {
            return Err(Error::ProviderData(issues));
        }
        providers.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(ProviderSet { providers, source })
    }

    pub fn iter(&self) -> impl Iterator<Item = &Provider> {
        self.providers.iter()
    }

    pub fn ids(&self) -> Vec<&str> {
        self.providers.iter().map(|p| p.id.as_str()).collect()
    }

    /// The provider with this id; an unknown id is an input error naming the known ones.
    pub fn get(&self, id: &str) -> Result<&Provider> {
        // Ids ignore case, as customer types and services do.
        let found = self.providers.iter().find(|p| p.id == id);
        let found = found.or_else(|| {
            self.providers
                .iter()
                .find(|p| p.id.eq_ignore_ascii_case(id))
        });
        found.ok_or_else(|| {
            Error::input(format!(
                "--provider: unknown provider '{}'; known providers are {} (see `termcalc providers`)",
                crate::error::echo(id),
                self.ids().join(", ")
            ))
        })
    }
}

/// Why a file or directory could not be read, in words (no "(os error N)" suffix).
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "it does not exist".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "it is a directory, not a file".into(),
        std::io::ErrorKind::NotADirectory => "it is a file, not a directory".into(),
        _ => {
            let text = e.to_string();
            match text.split_once(" (os error") {
                Some((reason, _)) => reason.to_lowercase(),
                None => text,
            }
        }
    }
}

/// Reads one provider file from disk (for `--providers-dir` and `providers check`).
pub fn read_provider_file(path: &Path) -> std::result::Result<Provider, Vec<DataIssue>> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        vec![DataIssue {
            file: shown.clone(),
            position: None,
            key: String::new(),
            message: format!("cannot read the file: {}", io_reason(&e)),
            hint: None,
        }]
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or("");
        vec![DataIssue {
            file: shown.clone(),
            position: Some(line_col(valid, offset)),
            key: String::new(),
            message: "the file is not valid UTF-8".into(),
            hint: Some("save provider files as UTF-8".into()),
        }]
    })?;
    let stem = path.file_stem().and_then(|s| s.to_str());
    parse_provider(&shown, &text, stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_files_load() {
        let set = ProviderSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        // Every file of providers/ is built in (build.rs), none left out, none extra.
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("providers");
        let mut stems: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        stems.sort();
        assert_eq!(set.ids(), stems);
        assert!(set.ids().contains(&"qupra"));
    }

    #[test]
    fn embedded_one_reads_only_that_file() {
        let p = ProviderSet::embedded_one("quatel").unwrap().unwrap();
        assert_eq!(p.id, "quatel");
        let p = ProviderSet::embedded_one("QuaTel").unwrap().unwrap();
        assert_eq!(p.id, "quatel");
        assert!(ProviderSet::embedded_one("kpn").unwrap().is_none());
    }

    #[test]
    fn unknown_provider_is_input_error() {
        let set = ProviderSet::embedded().unwrap();
        let e = set.get("kpn").unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains(&set.ids().join(", ")));
    }

    fn qupra_text() -> &'static str {
        EMBEDDED
            .iter()
            .find(|(f, _)| f.ends_with("qupra.toml"))
            .unwrap()
            .1
    }

    #[test]
    fn unknown_key_gives_line_col_and_path() {
        let text = qupra_text().replace("[audience]\n", "[audience]\ncolour = \"red\"\n");
        let issues = parse_provider("q.toml", &text, None).unwrap_err();
        assert_eq!(issues.len(), 1, "{issues:?}");
        let i = &issues[0];
        let line = text.lines().position(|l| l.starts_with("colour")).unwrap() + 1;
        assert_eq!(i.position, Some((line, 1)));
        assert_eq!(i.key, "audience.colour");
        assert!(i.message.contains("unknown field"), "{}", i.message);
        assert!(i.hint.is_some());
    }

    #[test]
    fn several_broken_sections_are_all_reported() {
        // The liability section exists in qupra.toml, so the bad key goes inside it (a second
        // [liability] table would be a syntax error that hides the other problem).
        let text = qupra_text()
            .replace("schema_version = 1", "schema_version = \"one\"")
            .replace("[liability]\n", "[liability]\nnonsense = 1\n");
        let issues = parse_provider("q.toml", &text, None).unwrap_err();
        assert!(issues.len() >= 2, "{issues:?}");
    }

    #[test]
    fn syntax_error_has_position() {
        let issues = parse_provider("q.toml", "id = \n", None).unwrap_err();
        assert_eq!(issues[0].position, Some((1, 6)));
    }

    #[test]
    fn semantic_problems_located() {
        let text = qupra_text().replace("schema_version = 1", "schema_version = 7");
        let issues = parse_provider("q.toml", &text, Some("qupra")).unwrap_err();
        assert_eq!(issues[0].key, "schema_version");
        assert_eq!(issues[0].position.map(|p| p.1), Some(1));
        let issues = parse_provider("x.toml", qupra_text(), Some("x")).unwrap_err();
        assert!(issues[0].message.contains("differs from the file name"));
    }

    #[test]
    fn path_at_finds_nested_keys() {
        let text = "a = 1\n[t]\nb = { c = 2, d = [1, 2] }\n[[arr]]\ne = 3\n[[arr]]\ne = 4\n";
        let doc = toml_edit::Document::parse(text).unwrap();
        let off = text.find("c = 2").unwrap();
        assert_eq!(path_at(&doc, off).as_deref(), Some("t.b.c"));
        let off = text.rfind("e = 4").unwrap();
        assert_eq!(path_at(&doc, off).as_deref(), Some("arr[1].e"));
        let sp = locate_key(&doc, "t.b.d").unwrap();
        assert_eq!(&text[sp.start..sp.start + 1], "d");
    }
}
