//! Golden cases for `termcalc liability`, one data file per provider in tests/golden/liability/.
//! Each case was worked out by hand from the clause it cites; the clause and the arithmetic are
//! in the comment above it. A case lists the command-line arguments, the as-of date, the
//! expected `result` keys (the string "null" stands for JSON null), and optionally articles that
//! some step must cite (`cites`) and text that some warning must contain (`warns`).

#[path = "common/golden.rs"]
mod golden;

#[test]
fn qupra_golden() {
    assert!(golden::run_file("liability", "qupra.toml") >= 4);
}

#[test]
fn voipro_golden() {
    assert!(golden::run_file("liability", "voipro.toml") >= 4);
}

#[test]
fn voipzeker_golden() {
    assert!(golden::run_file("liability", "voipzeker.toml") >= 4);
}

#[test]
fn compri_golden() {
    assert!(golden::run_file("liability", "compri.toml") >= 4);
}

#[test]
fn quatel_golden() {
    assert!(golden::run_file("liability", "quatel.toml") >= 4);
}
