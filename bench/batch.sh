#!/bin/sh
# Benchmark of batch mode and of a single call, on this machine.
#
#   bench/batch.sh [ROWS]        (default 1000000)
#
# 1. Generates ROWS interest claims (amounts 1.00 to 100000.00, due dates 2004-01-01 to
#    2026-12-31, until dates 0 to 3652 days (ten years) after the due date, consumer and
#    commercial kinds alternating at random), runs
#    `termcalc --format csv interest --input FILE` on a release build, writes the CSV to a file,
#    and prints rows per second (wall clock, read + compute + write) and peak memory (RSS).
# 2. Checks that a sample of the batch rows is identical, to the cent, to the single-row
#    command for the same inputs.
# 3. Times a single `end-date` call, which loads the five built-in provider files
#    (hyperfine when installed, else a loop of 200 calls).
#
# Needs: sh, awk, cargo. BENCH_DIR=DIR keeps the generated files in DIR. Uses /usr/bin/time -v for peak memory when present, else polls
# /proc/PID/status (VmHWM).
set -eu
rows=${1:-1000000}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --release --quiet
mismatch=0
bin=$root/target/release/termcalc
# BENCH_DIR=DIR keeps the generated input and the output there.
if [ -n "${BENCH_DIR:-}" ]; then
    work=$BENCH_DIR
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
as_of=2026-11-23

echo "generating $rows claims ..."
awk -v n="$rows" '
# Days since 1970-01-01 <-> civil date (H. Hinnant), integer arithmetic only.
function days_from_civil(y, m, d,    era, yoe, doy, doe) {
    y -= (m <= 2); era = int((y >= 0 ? y : y - 399) / 400); yoe = y - era * 400
    doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
    doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
    return era * 146097 + doe - 719468
}
function civil(z,    era, doe, yoe, y, doy, mp, d, m) {
    z += 719468; era = int((z >= 0 ? z : z - 146096) / 146097); doe = z - era * 146097
    yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
    y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
    mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
    m = mp + (mp < 10 ? 3 : -9); y += (m <= 2)
    return sprintf("%04d-%02d-%02d", y, m, d)
}
# Park-Miller: exact in double precision.
function rnd(k) { seed = (seed * 16807) % 2147483647; return seed % k }
BEGIN {
    seed = 20261123
    lo = days_from_civil(2004, 1, 1); span = days_from_civil(2026, 12, 31) - lo + 1
    print "principal,due,until,kind"
    for (i = 0; i < n; i++) {
        due = lo + rnd(span); until = due + rnd(3653)
        cents = 100 + rnd(9999901)
        printf "%d.%02d,%s,%s,%s\n", int(cents / 100), cents % 100, civil(due), civil(until), (rnd(2) ? "commercial" : "consumer")
    }
}' > "$work/claims.csv"
echo "input: $(wc -l < "$work/claims.csv") lines, $(wc -c < "$work/claims.csv") bytes"

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
start=$(date +%s%N)
if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "$bin" --format csv --as-of "$as_of" interest --input "$work/claims.csv" \
        > "$work/out.csv" 2> "$work/time.txt" || { cat "$work/time.txt"; exit 1; }
    peak_kb=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$work/time.txt")
    cpu=$(awk -F: '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$work/time.txt")
else
    "$bin" --format csv --as-of "$as_of" interest --input "$work/claims.csv" > "$work/out.csv" &
    pid=$!
    peak_kb=0
    while kill -0 "$pid" 2>/dev/null; do
        kb=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
        [ "${kb:-0}" -gt "$peak_kb" ] && peak_kb=$kb
        sleep 0.01
    done
    wait "$pid"
fi
end=$(date +%s%N)
out_rows=$(($(wc -l < "$work/out.csv") - 1))
failed=$(awk -F, 'NR > 1 && $2 != "ok"' "$work/out.csv" | wc -l)
ms=$(((end - start) / 1000000))
echo "interest --input: $rows rows in, $out_rows rows out ($failed with status error)"
echo "  wall time: $ms ms"
awk -v r="$rows" -v ms="$ms" 'BEGIN { printf "  throughput: %.0f rows/s\n", r / (ms / 1000) }'
echo "  peak memory (max RSS): $((peak_kb / 1024)) MiB ($peak_kb kB)"
[ -n "${cpu:-}" ] && echo "  CPU time (user + system, all threads): $cpu s"
[ -r /proc/loadavg ] && echo "  load average before/after (other work on this machine): $load_before / $(cut -d' ' -f1-3 /proc/loadavg)"

echo "checking the first 20000 rows against the generic path (the full command per row) ..."
# A day_count column with the default act/365 changes no figure but takes every row through
# the full interest command instead of the fast path.
head -n 20001 "$work/claims.csv" | sed '1s/$/,day_count/; 2,$s/$/,act\/365/' > "$work/generic.csv"
"$bin" --format csv --as-of "$as_of" interest --input "$work/generic.csv" > "$work/generic.out" || true
if head -n 20001 "$work/out.csv" | cmp -s - "$work/generic.out"; then
    echo "  identical"
else
    echo "  DIFFERENT:"
    head -n 20001 "$work/out.csv" | diff - "$work/generic.out" | head -5
    mismatch=1
fi

echo "checking a sample against the single-row command ..."
checked=0
step=$((rows / 100))
[ "$step" -ge 1 ] || step=1
i=1
while [ "$i" -le "$rows" ]; do
    line=$(sed -n "$((i + 1))p" "$work/claims.csv")
    IFS=, read -r principal due until kind <<EOT
$line
EOT
    single=$("$bin" --format csv --as-of "$as_of" interest --principal "$principal" --due "$due" \
        --until "$until" --kind "$kind" 2>&1 | sed -n 2p)
    batch=$(sed -n "$((i + 1))p" "$work/out.csv" | cut -d, -f4-)
    if [ "$single" != "$batch" ]; then
        mismatch=$((mismatch + 1))
        echo "  row $i differs:"
        echo "    batch:  $batch"
        echo "    single: $single"
    fi
    checked=$((checked + 1))
    i=$((i + step))
done
echo "  $checked rows compared, $mismatch differ"

echo "single end-date call (loads the five provider files):"
if command -v hyperfine >/dev/null 2>&1; then
    hyperfine -N --warmup 20 --runs 300 \
        "$bin --as-of 2025-02-10 end-date --provider qupra --start 2024-03-15 --notice 2025-02-10"
else
    n=200
    start=$(date +%s%N)
    j=0
    while [ "$j" -lt "$n" ]; do
        "$bin" --as-of 2025-02-10 end-date --provider qupra --start 2024-03-15 \
            --notice 2025-02-10 > /dev/null
        j=$((j + 1))
    done
    end=$(date +%s%N)
    awk -v ns="$((end - start))" -v n="$n" \
        'BEGIN { printf "  mean over %d calls (incl. process start): %.2f ms\n", n, ns / n / 1e6 }'
fi
[ "$mismatch" -eq 0 ]
