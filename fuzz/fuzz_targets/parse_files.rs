#![no_main]
//! See termcalc::fuzzing::parse_files (the same harness replays fuzz/corpus/parse_files in `cargo test`).

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    termcalc::fuzzing::parse_files(data);
});
