//! The library's calculations know nothing of the command line: no string literal in
//! `src/calc/` names an option (`--notice`). An input error names a field (`notice`) and the
//! front end phrases it as the option or as the batch column (issue 11).

use std::path::Path;

/// The string literals of Rust source text (normal and raw strings), with their line numbers;
/// comments and char literals are skipped.
fn string_literals(src: &str) -> Vec<(usize, String)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < b.len() {
        match b[i] {
            b'\n' => line += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end = src[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
                line += src[i..end].matches('\n').count();
                i = end;
                continue;
            }
            // A char literal such as '"' or '\'' (a lifetime has no closing quote close by).
            b'\'' if b.get(i + 2) == Some(&b'\'') => {
                i += 3;
                continue;
            }
            b'\'' if b.get(i + 1) == Some(&b'\\') && b.get(i + 3) == Some(&b'\'') => {
                i += 4;
                continue;
            }
            b'r' if matches!(b.get(i + 1), Some(b'#') | Some(b'"'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                let open = i + 1 + hashes;
                if b.get(open) == Some(&b'"') {
                    let close = format!("\"{}", "#".repeat(hashes));
                    let end = src[open + 1..]
                        .find(&close)
                        .map_or(b.len(), |e| open + 1 + e);
                    out.push((line, src[open + 1..end].to_string()));
                    line += src[i..end].matches('\n').count();
                    i = end + close.len();
                    continue;
                }
            }
            b'"' => {
                let start_line = line;
                let mut text = String::new();
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        text.push(b[i] as char);
                        i += 1;
                    }
                    if i < b.len() {
                        if b[i] == b'\n' {
                            line += 1;
                        }
                        text.push(b[i] as char);
                    }
                    i += 1;
                }
                out.push((start_line, text));
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// `--` followed by a lower-case letter: an option name.
fn names_an_option(s: &str) -> bool {
    s.as_bytes()
        .windows(3)
        .any(|w| w[0] == b'-' && w[1] == b'-' && w[2].is_ascii_lowercase())
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn calc_holds_no_option_names() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/calc"),
        &mut files,
    );
    assert!(files.len() > 5, "src/calc has its modules");
    let mut found = Vec::new();
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        for (line, lit) in string_literals(&src) {
            if names_an_option(&lit) {
                found.push(format!("{}:{line}: \"{lit}\"", f.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "option names in src/calc (name the field instead):\n{}",
        found.join("\n")
    );
}

/// The scanner sees strings (also raw and multi-line ones) and skips comments.
#[test]
fn the_scanner_finds_an_option_in_every_kind_of_string() {
    let src = "// a comment about --notice\nlet a = \"plain --notice\";\nlet b = r#\"raw --end\"#;\nlet c = '\"'; let d = \"x \\\n  --term-months\";\n/* --block */";
    let hits: Vec<(usize, String)> = string_literals(src)
        .into_iter()
        .filter(|(_, s)| names_an_option(s))
        .collect();
    let lines: Vec<usize> = hits.iter().map(|h| h.0).collect();
    assert_eq!(lines, [2, 3, 4], "{hits:?}");
}
