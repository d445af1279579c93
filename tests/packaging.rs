//! `termcalc completions` and `termcalc man`: generated from the clap definitions.

use assert_cmd::Command;
use predicates::prelude::*;

fn termcalc() -> Command {
    Command::cargo_bin("termcalc").unwrap()
}

const COMMANDS: &[&str] = &[
    "end-date",
    "buyout",
    "interest",
    "collection-costs",
    "liability",
    "providers",
    "rates",
];

#[test]
fn completions_for_bash_zsh_and_fish_name_every_command() {
    for (shell, marker) in [
        ("bash", "complete -F _termcalc"),
        ("zsh", "#compdef termcalc"),
        ("fish", "complete -c termcalc"),
    ] {
        let out = termcalc().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(marker), "{shell}: no `{marker}`");
        for c in COMMANDS {
            assert!(text.contains(c), "{shell} completion lacks {c}");
        }
        assert!(
            text.contains("input-format"),
            "{shell} lacks --input-format"
        );
    }
}

#[test]
fn bash_completion_is_valid_bash() {
    if std::process::Command::new("bash")
        .arg("--version")
        .output()
        .is_err()
    {
        return;
    }
    let out = termcalc().args(["completions", "bash"]).output().unwrap();
    let dir = std::env::temp_dir().join(format!("termcalc-pkg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("termcalc.bash");
    std::fs::write(&f, out.stdout).unwrap();
    let check = std::process::Command::new("bash")
        .arg("-n")
        .arg(&f)
        .output()
        .unwrap();
    assert!(check.status.success(), "{:?}", check);
}

#[test]
fn unknown_shell_is_refused() {
    termcalc()
        .args(["completions", "cmd.exe"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cmd.exe"));
}

#[test]
fn man_page_is_roff_with_every_command() {
    let out = termcalc().arg("man").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(".TH termcalc 1"));
    assert!(text.contains(".SH SYNOPSIS"));
    for c in COMMANDS {
        assert!(text.contains(&c.replace('-', "\\-")), "man page lacks {c}");
    }
}

#[test]
fn man_page_of_one_command_has_its_example() {
    let out = termcalc().args(["man", "completions"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(".TH termcalc-completions 1"), "{text}");
    assert!(text.contains("termcalc completions bash"), "{text}");
    for c in COMMANDS {
        termcalc()
            .args(["man", c])
            .assert()
            .success()
            .stdout(predicate::str::contains(format!(".TH termcalc-{c} 1")));
    }
}

#[test]
fn man_page_of_an_unknown_command_is_refused() {
    termcalc()
        .args(["man", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("there is no command `nope`"));
}

#[test]
fn man_renders_with_man_when_installed() {
    // Only where `man` exists; the roff must not make it complain.
    let Ok(probe) = std::process::Command::new("man").arg("--version").output() else {
        return;
    };
    if !probe.status.success() {
        return;
    }
    let out = termcalc().arg("man").output().unwrap();
    let dir = std::env::temp_dir().join(format!("termcalc-man-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("termcalc.1");
    std::fs::write(&f, out.stdout).unwrap();
    let r = std::process::Command::new("man")
        .arg("-l")
        .arg(&f)
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output()
        .unwrap();
    assert!(r.status.success());
    assert!(String::from_utf8_lossy(&r.stdout).contains("interest"));
}
