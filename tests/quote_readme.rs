//! The quote tour in README.md shows real output: every `$ termcalc ...` example in that section
//! is run and compared with the text shown under it.

use assert_cmd::Command;

#[test]
fn readme_quote_examples_are_current() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("<!-- tour:quote -->").unwrap();
    let rest = &readme[start..];
    // The section ends at the next tour marker or the next level-2 heading.
    let end = [rest[1..].find("<!-- tour:"), rest.find("\n## ")]
        .into_iter()
        .flatten()
        .map(|i| i + 1)
        .min()
        .unwrap_or(rest.len());
    let section = &rest[..end];
    let mut checked = 0;
    for block in section.split("```sh\n").skip(1) {
        let block = &block[..block.find("```").unwrap()];
        let (cmd_line, shown) = block.split_once('\n').unwrap();
        let args: Vec<&str> = cmd_line
            .strip_prefix("$ termcalc ")
            .unwrap()
            .split_whitespace()
            .collect();
        let out = Command::cargo_bin("termcalc")
            .unwrap()
            .env_remove("TERMCALC_AS_OF")
            .env_remove("TERMCALC_PROVIDERS_DIR")
            .env("NO_COLOR", "1")
            .args(&args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{cmd_line}");
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            shown,
            "README output is stale for: {cmd_line}"
        );
        checked += 1;
    }
    assert!(checked >= 1);
}
