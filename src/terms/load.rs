//! Reading provider files: embedded at build time, or from `--providers-dir`. Every problem is
//! reported as `file:line:col`, the key path and a hint. A file that does not read is walked
//! against the schema (`check`), so every problem comes in one run at its exact key, and the
//! semantic checks run on every section that reads.

use super::{Problem, Provider};
use crate::error::{line_col, DataIssue, Error, Result};
use std::ops::Range;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/embedded_providers.rs"));

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
    doc: Option<&SpanDoc<'_>>,
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
    let doc = match span_doc(text) {
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
        Err(first) => Err(all_problems(file, text, file_stem, &doc, first)),
    }
}

/// Every problem of a file that does not read, in one run: the structural walk against the
/// schema (each problem at its exact key, all of them), then the semantic checks of every part
/// that did read. Only when the walk finds nothing does serde's own first error stand in.
fn all_problems(
    file: &str,
    text: &str,
    file_stem: Option<&str>,
    doc: &SpanDoc<'_>,
    first: toml::de::Error,
) -> Vec<DataIssue> {
    let whole = |e: &toml::de::Error| {
        vec![issue_from_toml(
            file,
            text,
            Some(doc),
            e.message(),
            e.span(),
        )]
    };
    // A file that parses as TOML but not as a table of values (a duplicate key, say).
    let mut table: toml::Table = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => return whole(&e),
    };
    let found = super::check::structural_problems(&table);
    if found.is_empty() {
        return whole(&first);
    }
    let mut issues: Vec<DataIssue> = found
        .iter()
        .map(|f| {
            let mut issue = problem_issue(file, text, doc, f.problem.clone());
            if f.at_value {
                if let Some(span) = locate_value(doc, &f.problem.key) {
                    issue.position = Some(line_col(text, span.start));
                }
            }
            issue
        })
        .collect();
    let mut problems: Vec<Problem> = found.into_iter().map(|f| f.problem).collect();
    // The semantic checks need typed values: they run on the file without the sections that
    // have structural problems, so a problem there does not hide one elsewhere.
    let part = |key: &str| key.split(['.', '[']).next().unwrap_or("").to_string();
    let broken: Vec<String> = problems.iter().map(|p| part(&p.key)).collect();
    let identity_broken = broken
        .iter()
        .any(|b| !super::SECTION_KEYS.contains(&b.as_str()));
    if !identity_broken {
        table.retain(|k, _| !broken.iter().any(|b| b == k));
        if let Ok(provider) = toml::Value::Table(table).try_into::<Provider>() {
            problems.extend(provider.validate(file_stem));
        }
    }
    let structural = issues.len();
    issues.extend(
        problems
            .into_iter()
            .skip(structural)
            .map(|p| problem_issue(file, text, doc, p)),
    );
    issues.sort_by_key(|i| i.position);
    issues.dedup();
    issues
}

fn problem_issue(file: &str, text: &str, doc: &SpanDoc<'_>, p: Problem) -> DataIssue {
    let span = locate_key(doc, &p.key);
    DataIssue {
        file: file.to_string(),
        position: span.map(|s| line_col(text, s.start)),
        key: p.key,
        message: p.message,
        hint: p.hint,
    }
}

/// A parsed document that keeps the byte span of every key and value, used only to locate
/// problems. It is toml's own `DeTable`, the very parse `toml::from_str` runs first: no second
/// TOML parser reads the bytes (toml_edit 0.23's document parser panicked on inputs such as
/// `==\n.=`, issue 12), and the lookups below only index with checked `get`s and never
/// subtract spans without saturating, so locating a problem cannot panic.
pub type SpanDoc<'i> = toml::Spanned<toml::de::DeTable<'i>>;

/// Parses `text` for locating; the error is toml's own (message and span).
pub fn span_doc(text: &str) -> std::result::Result<SpanDoc<'_>, toml::de::Error> {
    toml::de::DeTable::parse(text)
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

type Entry<'a, 'i> = (
    &'a toml::Spanned<toml::de::DeString<'i>>,
    &'a toml::Spanned<toml::de::DeValue<'i>>,
);

fn entry<'a, 'i>(t: &'a toml::de::DeTable<'i>, name: &str) -> Option<Entry<'a, 'i>> {
    t.iter().find(|(k, _)| k.get_ref().as_ref() == name)
}

/// The byte span of a key path such as `termination.services[1].notice.months` in a parsed
/// document; where the full path is absent, the span of the deepest part that exists.
pub fn locate_key(doc: &SpanDoc<'_>, path: &str) -> Option<Range<usize>> {
    use toml::de::DeValue;
    let mut table = Some(doc.get_ref());
    let mut array = None;
    let mut best: Option<Range<usize>> = None;
    for seg in segments(path) {
        let next = match seg {
            Seg::Name(n) => table.and_then(|t| entry(t, n)).map(|(k, v)| {
                best = Some(k.span());
                v
            }),
            Seg::Index(i) => array
                .and_then(|a: &toml::de::DeArray<'_>| a.get(i))
                .inspect(|v| best = Some(v.span())),
        };
        let Some(v) = next else { break };
        (table, array) = match v.get_ref() {
            DeValue::Table(t) => (Some(t), None),
            DeValue::Array(a) => (None, Some(a)),
            _ => (None, None),
        };
    }
    best
}

/// The byte span of the value at a key path; `None` where the path does not exist in full.
pub fn locate_value(doc: &SpanDoc<'_>, path: &str) -> Option<Range<usize>> {
    use toml::de::DeValue;
    let mut table = Some(doc.get_ref());
    let mut array = None;
    let mut span = None;
    for seg in segments(path) {
        let v = match seg {
            Seg::Name(n) => table.and_then(|t| entry(t, n)).map(|(_, v)| v),
            Seg::Index(i) => array.and_then(|a: &toml::de::DeArray<'_>| a.get(i)),
        }?;
        span = Some(v.span());
        (table, array) = match v.get_ref() {
            DeValue::Table(t) => (Some(t), None),
            DeValue::Array(a) => (None, Some(a)),
            _ => (None, None),
        };
    }
    span
}

/// The dotted key path of the deepest key or value whose span contains `offset`.
pub fn path_at(doc: &SpanDoc<'_>, offset: usize) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    walk_table(doc.get_ref(), String::new(), offset, &mut best);
    best.map(|(_, p)| p)
}

fn consider(span: Range<usize>, path: &str, offset: usize, best: &mut Option<(usize, String)>) {
    if path.is_empty() {
        return;
    }
    if span.start <= offset && offset <= span.end.max(span.start.saturating_add(1)) {
        let width = span.end.saturating_sub(span.start);
        if best
            .as_ref()
            .is_none_or(|(w, p)| width < *w || (width == *w && path.len() > p.len()))
        {
            *best = Some((width, path.to_string()));
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
    t: &toml::de::DeTable<'_>,
    prefix: String,
    offset: usize,
    best: &mut Option<(usize, String)>,
) {
    for (k, v) in t.iter() {
        let path = join(&prefix, k.get_ref());
        consider(k.span(), &path, offset, best);
        walk_value(v, path, offset, best);
    }
}

fn walk_value(
    v: &toml::Spanned<toml::de::DeValue<'_>>,
    path: String,
    offset: usize,
    best: &mut Option<(usize, String)>,
) {
    consider(v.span(), &path, offset, best);
    match v.get_ref() {
        toml::de::DeValue::Table(t) => walk_table(t, path, offset, best),
        toml::de::DeValue::Array(a) => {
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
    /// `--providers-dir` entries named *.toml that were not read, each with the reason (for a
    /// warning on stderr).
    pub skipped: Vec<String>,
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
        // Entries named *.toml that are not regular files (a dangling link, a FIFO, a
        // directory) are skipped with a warning; other names are not provider files and are
        // passed over in silence (a README may live there).
        let mut files = Vec::new();
        let mut skipped = Vec::new();
        for entry in entries {
            let path = match entry {
                Ok(e) => e.path(),
                Err(e) => {
                    skipped.push(format!("an entry of {shown}: {}", io_reason(&e)));
                    continue;
                }
            };
            if path.extension().is_none_or(|x| x != "toml") {
                continue;
            }
            match std::fs::metadata(&path) {
                Ok(m) if m.is_file() => files.push(path),
                Ok(m) => skipped.push(format!(
                    "{}: {}",
                    path.display(),
                    not_regular(&m.file_type())
                )),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => skipped.push(format!(
                    "{}: a link to a file that does not exist",
                    path.display()
                )),
                Err(e) => skipped.push(format!("{}: {}", path.display(), io_reason(&e))),
            }
        }
        files.sort();
        skipped.sort();
        if files.is_empty() {
            let message = if skipped.is_empty() {
                "the providers directory holds no .toml files".to_string()
            } else {
                format!(
                    "the providers directory holds no readable .toml files (skipped {})",
                    skipped.join("; ")
                )
            };
            return Err(Error::ProviderData(vec![DataIssue {
                file: shown,
                position: None,
                key: String::new(),
                message,
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
        let mut set = Self::finish(providers, issues, shown)?;
        set.skipped = skipped;
        Ok(set)
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
        Ok(ProviderSet {
            providers,
            source,
            skipped: Vec::new(),
        })
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
            Error::field(
                "provider",
                format!(
                    "unknown provider '{}'; known providers are {} (see `termcalc providers`)",
                    crate::error::echo(id),
                    self.ids().join(", ")
                ),
            )
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

/// The largest data file read (a provider file or a rate table): 4 MiB. The shipped files are
/// 10 to 20 KB; a cap keeps `providers check /dev/zero` or a mistaken 55 MB file from taking
/// the machine's memory.
pub const MAX_DATA_FILE: u64 = 4 << 20;

/// Reads a data file's text: only a regular file (after following links), at most
/// [`MAX_DATA_FILE`] bytes, valid UTF-8. `what` names the file in messages ("the file", "the
/// rate table"). The problem comes back as a `DataIssue` without a hint.
pub fn read_data_file(path: &Path, what: &str) -> std::result::Result<String, DataIssue> {
    use std::io::Read;
    let shown = path.display().to_string();
    let issue = |position, message: String| DataIssue {
        file: shown.clone(),
        position,
        key: String::new(),
        message,
        hint: None,
    };
    // The type is checked before opening: opening a FIFO would wait for a writer forever.
    let meta = std::fs::metadata(path)
        .map_err(|e| issue(None, format!("cannot read {what}: {}", io_reason(&e))))?;
    if !meta.is_file() {
        return Err(issue(
            None,
            format!("cannot read {what}: {}", not_regular(&meta.file_type())),
        ));
    }
    let too_big = || {
        issue(
            None,
            format!(
                "{what} is larger than {} MiB, the most a data file may hold",
                MAX_DATA_FILE >> 20
            ),
        )
    };
    if meta.len() > MAX_DATA_FILE {
        return Err(too_big());
    }
    let file = std::fs::File::open(path)
        .map_err(|e| issue(None, format!("cannot read {what}: {}", io_reason(&e))))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The cap holds even when the file grows while it is read.
    file.take(MAX_DATA_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| issue(None, format!("cannot read {what}: {}", io_reason(&e))))?;
    if bytes.len() as u64 > MAX_DATA_FILE {
        return Err(too_big());
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or("");
        issue(
            Some(line_col(valid, offset)),
            "the file is not valid UTF-8".into(),
        )
    })
}

/// What a path that is not a regular file is, in words.
fn not_regular(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "it is a named pipe (FIFO), not a regular file";
        }
        if t.is_char_device() || t.is_block_device() {
            return "it is a device, not a regular file";
        }
        if t.is_socket() {
            return "it is a socket, not a regular file";
        }
    }
    if t.is_dir() {
        "it is a directory, not a file"
    } else {
        "it is not a regular file"
    }
}

/// Reads one provider file from disk (for `--providers-dir` and `providers check`).
pub fn read_provider_file(path: &Path) -> std::result::Result<Provider, Vec<DataIssue>> {
    let shown = path.display().to_string();
    let text = read_data_file(path, "the file").map_err(|mut i| {
        if i.position.is_some() {
            i.hint = Some("save provider files as UTF-8".into());
        }
        vec![i]
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
        let doc = span_doc(text).unwrap();
        let off = text.find("c = 2").unwrap();
        assert_eq!(path_at(&doc, off).as_deref(), Some("t.b.c"));
        let off = text.rfind("e = 4").unwrap();
        assert_eq!(path_at(&doc, off).as_deref(), Some("arr[1].e"));
        let sp = locate_key(&doc, "t.b.d").unwrap();
        assert_eq!(&text[sp.start..sp.start + 1], "d");
    }
}
