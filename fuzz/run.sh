#!/usr/bin/env bash
# Short fuzzing pass: each cargo-fuzz target for about SECS seconds (default 60), release build
# with debug assertions and overflow checks (-O -a), two at a time at most. Needs the nightly
# toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Then the batch generator (stable,
# proptest-driven: it runs the built binary on generated CSV / JSON Lines files) for as long.
#   fuzz/run.sh            # about 60 s per target
#   SECS=600 fuzz/run.sh   # the 10-minute runs of the hardening issue
#   fuzz/run.sh regress    # stable only, for CI: replay the kept corpus and every past finding
#                          # through the same harnesses, then SECS (default 30) of the batch
#                          # generator; no nightly, no cargo-fuzz (about a minute when built)
# A finding is saved under fuzz/artifacts/<target>/; replay it with
#   cargo +nightly fuzz run -O -a <target> fuzz/artifacts/<target>/<file>
# and, once fixed, copy it to tests/fuzz_regressions/<target>/ so `cargo test` keeps it.
# New inputs land in fuzz/corpus/<target>/; before committing them, minimize with
#   cargo +nightly fuzz cmin -O -a <target>   (keep the corpus near 2 MB in all)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = regress ]; then
    # fuzz/corpus/<target>/ and tests/fuzz_regressions/<target>/ through termcalc::fuzzing
    # (the code the cargo-fuzz targets call), built by stable in the test profile, which has
    # overflow checks and debug assertions on, as the fuzzers' -O -a build has.
    SECS="${SECS:-30}"
    cargo test --test fuzz_regressions
    TERMCALC_BATCH_FUZZ_SECS="$SECS" cargo test --test invariants batch_fuzz -- --ignored --nocapture
    exit 0
fi
SECS="${SECS:-60}"
cargo +nightly fuzz build -O -a
status=0
run() {
    cargo +nightly fuzz run -O -a "$1" -- -max_total_time="$SECS" -timeout=10 -print_final_stats=1 \
        >"fuzz/$1.log" 2>&1 || { echo "FINDING in $1: see fuzz/$1.log and fuzz/artifacts/$1/"; return 1; }
    echo "$1: $(grep -E '^Done [0-9]+ runs' "fuzz/$1.log" || true)"
}
run parse_files & a=$!
run calculations & b=$!
wait $a || status=1
wait $b || status=1
run parse_inputs & a=$!
TERMCALC_BATCH_FUZZ_SECS="$SECS" cargo test --release --test invariants batch_fuzz -- --ignored --nocapture \
    >fuzz/batch.log 2>&1 && echo "batch: $(grep -E 'batch_fuzz:' fuzz/batch.log || true)" \
    || { echo "FINDING in batch: see fuzz/batch.log"; status=1; }
wait $a || status=1
exit $status
