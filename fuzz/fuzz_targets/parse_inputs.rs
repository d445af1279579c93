#![no_main]
//! See termcalc::fuzzing::parse_inputs (the same harness replays fuzz/corpus/parse_inputs in `cargo test`).

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    termcalc::fuzzing::parse_inputs(data);
});
