#![no_main]
//! See termcalc::fuzzing::calculations (the same harness replays fuzz/corpus/calculations in `cargo test`).

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    termcalc::fuzzing::calculations(data);
});
