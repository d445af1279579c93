//! Golden cases for `termcalc outage`, in tests/golden/outage/ (the statutory minimum; Quatel).
//! Each case was worked out by hand from the clause it cites; the clause and the arithmetic are
//! in the comment above it. A case lists the command-line arguments, the as-of date, the
//! expected `result` keys (the string "null" stands for JSON null), and optionally articles that
//! some step must cite (`cites`) and text that some warning must contain (`warns`).

#[path = "common/golden.rs"]
mod golden;

#[test]
fn statutory_golden() {
    assert!(golden::run_file("outage", "statutory.toml") >= 10);
}

#[test]
fn quatel_golden() {
    assert!(golden::run_file("outage", "quatel.toml") >= 8);
}
