//! Every example in README.md and docs/*.md runs, and where a page shows output, the output is
//! current.
//!
//! In a fenced `sh` or `console` block:
//! - `$ COMMAND` (a trailing `\` continues it on the next line) is run with bash, and the lines
//!   after it up to the next `$ ` are compared with what it printed (stdout, then stderr).
//!   It must exit 0 unless the page shows its error (a `termcalc: ` line) or an `echo $?`.
//!   `$ cat FILE` of a file that does not exist creates it with the text shown, so an example
//!   can show its own input file; `$ echo $?` shows the previous command's exit code.
//! - Without any `$ ` line, each line that starts with `termcalc` or `mkdir` is run and must
//!   exit 0 (install lines, commands whose long output the page leaves out).
//!
//! `TERMCALC_BLESS=1 cargo test --test docs_examples` writes what the commands print into the
//! pages instead of failing (read the diff before committing it).
//!
//! Commands run in a scratch directory (also `$HOME`) that links `examples/`, `tests/`,
//! `providers/` and `src/` of the repository, with the freshly built `termcalc` first on `PATH`.

use std::path::{Path, PathBuf};
use std::process::Command;

struct Example {
    page: String,
    line: usize,
    command: String,
    /// The output shown under a `$ ` command; `None` for commands shown without output.
    shown: Option<String>,
    /// The 0-based line range of the shown output in the page.
    shown_lines: (usize, usize),
}

fn pages() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .expect("docs/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

/// The examples of one page, in order.
fn examples(page: &Path) -> Vec<Example> {
    let text = std::fs::read_to_string(page).unwrap();
    let name = page.file_name().unwrap().to_string_lossy().into_owned();
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let fence = lines[i].trim_end();
        if fence != "```sh" && fence != "```console" {
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut end = start;
        while end < lines.len() && lines[end].trim_end() != "```" {
            end += 1;
        }
        let block = &lines[start..end];
        let prompted = block.iter().any(|l| l.starts_with("$ "));
        let mut j = 0;
        while j < block.len() {
            let first = block[j];
            let line_no = start + j + 1;
            if prompted && !first.starts_with("$ ") {
                j += 1;
                continue;
            }
            // Join continuation lines.
            let mut command = first.strip_prefix("$ ").unwrap_or(first).to_string();
            while command.ends_with('\\') && j + 1 < block.len() {
                command.pop();
                j += 1;
                command.push(' ');
                command.push_str(block[j].trim_start());
            }
            j += 1;
            if prompted {
                let mut shown = String::new();
                let from = start + j;
                while j < block.len() && !block[j].starts_with("$ ") {
                    shown.push_str(block[j]);
                    shown.push('\n');
                    j += 1;
                }
                out.push(Example {
                    page: name.clone(),
                    line: line_no,
                    command,
                    shown: Some(shown),
                    shown_lines: (from, start + j),
                });
            } else if command.starts_with("termcalc") || command.starts_with("mkdir") {
                out.push(Example {
                    page: name.clone(),
                    line: line_no,
                    command,
                    shown: None,
                    shown_lines: (0, 0),
                });
            }
        }
        i = end + 1;
    }
    out
}

fn scratch() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("termcalc-docs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for sub in ["examples", "tests", "providers", "src"] {
        std::os::unix::fs::symlink(root.join(sub), dir.join(sub)).unwrap();
    }
    dir
}

#[test]
fn every_example_in_readme_and_docs_runs_and_shows_current_output() {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_termcalc"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let dir = scratch();
    let mut failures = Vec::new();
    let mut checked = 0;
    let bless = std::env::var_os("TERMCALC_BLESS").is_some();
    for page in pages() {
        let mut last_status = 0;
        // Replacements for blessing: (line range, new text), applied from the end.
        let mut blessed: Vec<((usize, usize), String)> = Vec::new();
        for ex in examples(&page) {
            let here = format!("{}:{}: {}", ex.page, ex.line, ex.command);
            if ex.command == "echo $?" {
                let shown = ex.shown.as_deref().unwrap_or("").trim();
                if shown != last_status.to_string() {
                    failures.push(format!("{here}\n  shows {shown}, was {last_status}"));
                }
                checked += 1;
                continue;
            }
            if let (Some(file), Some(shown)) = (ex.command.strip_prefix("cat "), &ex.shown) {
                let target = dir.join(file.trim());
                if !target.exists() {
                    std::fs::write(&target, shown).unwrap();
                    continue;
                }
            }
            let out = Command::new("bash")
                .arg("-c")
                .arg(&ex.command)
                .current_dir(&dir)
                .env("PATH", &path)
                .env("HOME", &dir)
                .env("NO_COLOR", "1")
                .env_remove("TERMCALC_AS_OF")
                .env_remove("TERMCALC_PROVIDERS_DIR")
                .env_remove("TERMCALC_LANG")
                .output()
                .unwrap();
            last_status = out.status.code().unwrap_or(-1);
            let printed = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            checked += 1;
            match &ex.shown {
                Some(shown) => {
                    let error_shown = shown.lines().any(|l| l.starts_with("termcalc: "));
                    if printed != *shown && bless {
                        blessed.push((ex.shown_lines, printed.clone()));
                    } else if printed != *shown {
                        failures.push(format!(
                            "{here}\n--- shown\n{shown}--- printed (exit {last_status})\n{printed}"
                        ));
                    } else if last_status != 0 && !error_shown {
                        failures.push(format!("{here}\n  exit {last_status}"));
                    }
                }
                None => {
                    if last_status != 0 {
                        failures.push(format!("{here}\n  exit {last_status}:\n{printed}"));
                    }
                }
            }
        }
        if !blessed.is_empty() {
            let text = std::fs::read_to_string(&page).unwrap();
            let mut lines: Vec<String> = text.lines().map(String::from).collect();
            for ((from, to), new) in blessed.into_iter().rev() {
                lines.splice(from..to, new.lines().map(String::from));
            }
            std::fs::write(&page, lines.join("\n") + "\n").unwrap();
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        failures.is_empty(),
        "{} of {checked} examples are stale or fail:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(checked >= 20, "only {checked} examples found");
}

/// The README is the front door: short, recipes by role; the guide lives in docs/.
#[test]
fn readme_stays_under_20_kb() {
    let size = std::fs::metadata(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .unwrap()
        .len();
    assert!(
        size <= 20_000,
        "README.md is {size} bytes; move detail into docs/"
    );
}
