//! The buyout tour in README.md shows real output: every `$ termcalc ...` example in that
//! section is run and compared with the text shown under it.

use assert_cmd::Command;

#[test]
fn readme_buyout_examples_are_current() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("<!-- tour:buyout -->").unwrap();
    let rest = &readme[start..];
    let end = rest[1..]
        .find("<!-- tour:")
        .map(|i| i + 1)
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
    assert!(checked >= 2, "{checked}");
}
