#!/usr/bin/env python3
"""The termcalc batch benchmark of issue 11 (see docs/performance.md). Run it as bench/run.sh.

    bench/run.sh [--rows N] [--repeat K] [--only V1,V2] [--no-build] [--no-json] [--check]
                 [--claims-payments N] [--data DIR] [--rentetool]

1. Builds the release binary (cargo build --release), unless --no-build.
2. Generates the inputs with bench/gen.py (seeded; skipped when DIR already holds files for the
   same rows and seed, see DIR/.stamp).
3. Prints the load average, then for every variant runs
       termcalc --as-of 2026-11-23 --format csv CMD --input FILE > /dev/null
   (and again with --format json), and prints rows/s (rows / wall time), wall and CPU time
   (user + system, all threads) and peak RSS, each beside its target from issue 11 with
   PASS/FAIL. The best of --repeat runs counts (wall time; RSS is the largest seen).
4. Runs the one interest row of N claims x N payments (default 1,000 x 1,000) for its peak RSS.
5. With --rentetool, runs bench/rentetool_compare.py (interest act/act against rentetool's
   engine, per core).

Peak RSS and CPU come from /usr/bin/time -v when present, else from wait4() on the child
(getrusage of the child). A non-zero exit (some rows failed) is reported as an error: every
generated row is meant to be valid. --check also runs the first 20,000 rows of each file with
CSV output kept and fails on any row whose status is not ok.
"""

import argparse
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "termcalc")
AS_OF = "2026-11-23"
MB = 1024 * 1024

# variant name -> (command, input file, rows/s target)
VARIANTS = [
    ("end-date", "end-date", "end-date.csv", 1_000_000),
    ("buyout", "buyout", "buyout.csv", 1_000_000),
    ("interest ledger", "interest", "interest-ledger.csv", 1_000_000),
    ("interest provider clauses", "interest", "interest-provider.csv", 1_000_000),
    ("interest with payments", "interest", "interest-payments.csv", 1_000_000),
    ("interest act/act", "interest", "interest-actact.csv", 1_000_000),
    ("interest JSON Lines", "interest", "interest-jsonl.jsonl", 1_000_000),
    ("collection-costs", "collection-costs", "collection-costs.csv", 1_000_000),
    ("liability", "liability", "liability.csv", 1_000_000),
    ("quote", "quote", "quote.csv", 250_000),
]
RSS_TARGET = 64 * MB
BIG_RSS_TARGET = 128 * MB
JSON_RATIO_TARGET = 2.0


def measure(args, stdout=subprocess.DEVNULL):
    """Run args; return (exit code, wall s, cpu s, peak RSS bytes, stderr text)."""
    if os.access("/usr/bin/time", os.X_OK):
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-v"] + args, stdout=stdout,
                           stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - t0
        err = p.stderr
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1)) * 1024
        user = float(re.search(r"User time \(seconds\): ([\d.]+)", err).group(1))
        sys_ = float(re.search(r"System time \(seconds\): ([\d.]+)", err).group(1))
        m = re.search(r"Exit status: (\d+)", err)
        code = int(m.group(1)) if m else p.returncode
        msg = err.split("\tCommand being timed")[0].strip()
        return code, wall, user + sys_, rss, msg
    t0 = time.perf_counter()
    p = subprocess.Popen(args, stdout=stdout, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    msg = p.stderr.read().decode(errors="replace").strip()
    p.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux.
    return p.returncode, wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss * 1024, msg


def verdict(ok):
    return "PASS" if ok else "FAIL"


def count_rows(path):
    with open(path, "rb") as f:
        n = sum(1 for line in f if line.strip())
    return n - (0 if path.endswith(".jsonl") else 1)


def main():
    ap = argparse.ArgumentParser(description="termcalc batch benchmark (issue 11)")
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=20261204)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--only", help="comma-separated variant names or file names (e.g. quote,buyout.csv)")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--no-json", action="store_true")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--claims-payments", type=int, default=1000)
    ap.add_argument("--data", default=os.path.join(ROOT, "bench", "data"))
    ap.add_argument("--rentetool", action="store_true")
    a = ap.parse_args()

    if not a.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    stamp = os.path.join(a.data, ".stamp")
    want = f"rows={a.rows} seed={a.seed} claims_payments={a.claims_payments}\n"
    if not (os.path.exists(stamp) and open(stamp).read() == want):
        print(f"generating {a.rows} rows per variant into {a.data} ...", flush=True)
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen.py"), "--rows", str(a.rows),
                        "--seed", str(a.seed), "--out", a.data,
                        "--claims-payments", str(a.claims_payments)], check=True)
        with open(stamp, "w") as f:
            f.write(want)

    variants = VARIANTS
    if a.only:
        keep = set(a.only.split(","))
        variants = [v for v in VARIANTS if v[0] in keep or v[2] in keep or v[1] in keep]

    load = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else ["?"]
    git = subprocess.run(["git", "-C", ROOT, "log", "-1", "--format=%h %cd", "--date=short"],
                         capture_output=True, text=True).stdout.strip()
    print(f"termcalc benchmark  {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}  commit {git}")
    print(f"machine: {os.cpu_count()} cores; load average at start (1/5/15 min): {' '.join(load)}")
    print(f"rows per variant: {a.rows}; best of {a.repeat}; --as-of {AS_OF}; output to /dev/null\n")

    failures = 0
    fmt = "{:<27} {:>11} {:>12} {:>4} {:>8} {:>7} {:>11} {:>8} {:>5} {:>8} {:>6} {:>5}"
    print(fmt.format("variant (--format csv)", "rows/s", "target", "", "wall s", "cpu s",
                     "rows/cpu-s",
                     "RSS MB", "<64", "json s", "json/", "<=2x"))
    # rows/s (wall) is what the targets mean; rows per CPU second shows what a busy machine hides.
    for name, cmd, file, target in variants:
        path = os.path.join(a.data, file)
        rows = count_rows(path)
        res = {}
        for f in ["csv"] + ([] if a.no_json else ["json"]):
            best = None
            for _ in range(a.repeat):
                code, wall, cpu, rss, msg = measure(
                    [BIN, "--as-of", AS_OF, "--format", f, cmd, "--input", path])
                if code != 0:
                    print(f"  {name} --format {f}: exit {code}: {msg[-300:]}")
                    failures += 1
                if best is None or wall < best[0]:
                    best = (wall, cpu, max(rss, best[2] if best else 0))
                else:
                    best = (best[0], best[1], max(rss, best[2]))
            res[f] = best
        wall, cpu, rss = res["csv"]
        rate = rows / wall
        ok_rate, ok_rss = rate >= target, rss < RSS_TARGET
        failures += (not ok_rate) + (not ok_rss)
        jcol = ["-", "-", "-"]
        if "json" in res:
            ratio = res["json"][0] / wall
            ok_json = ratio <= JSON_RATIO_TARGET and res["json"][2] < RSS_TARGET
            failures += not ok_json
            jcol = [f"{res['json'][0]:.2f}", f"{ratio:.2f}", verdict(ok_json)]
        print(fmt.format(name, f"{rate:,.0f}", f">={target:,}", verdict(ok_rate), f"{wall:.2f}",
                         f"{cpu:.2f}", f"{rows / max(cpu, 1e-9):,.0f}", f"{rss / MB:.1f}", verdict(ok_rss), *jcol), flush=True)

    if not a.only or "big" in a.only.split(","):
        path = os.path.join(a.data, "big.csv")
        code, wall, cpu, rss, msg = measure(
            [BIN, "--as-of", AS_OF, "--format", "csv", "interest", "--input", path])
        ok = code == 0 and rss < BIG_RSS_TARGET
        failures += not ok
        n = a.claims_payments
        print(f"\none interest row of {n:,} claims x {n:,} payments: peak RSS {rss / MB:.1f} MB "
              f"(target < 128 MB) {verdict(ok)}; wall {wall:.2f} s, cpu {cpu:.2f} s"
              + (f"; exit {code}: {msg[-200:]}" if code else ""))

    if a.check:
        print("\nchecking the first 20,000 rows of each file: every row ok ...")
        for name, cmd, file, _ in variants:
            path = os.path.join(a.data, file)
            with open(path, "rb") as f:
                keep = 20_000 if file.endswith(".jsonl") else 20_001  # CSV: plus the header
                head = b"".join(line for _, line in zip(range(keep), f))
            p = subprocess.run([BIN, "--as-of", AS_OF, "--format", "csv", cmd, "--input", "-",
                                "--input-format", "jsonl" if file.endswith(".jsonl") else "csv"],
                               input=head, capture_output=True)
            lines = p.stdout.decode().splitlines()[1:]
            bad = [ln for ln in lines if ln.split(",")[1] != "ok"]
            print(f"  {name}: {len(lines)} rows, {len(bad)} not ok, exit {p.returncode}")
            for ln in bad[:3]:
                print("    " + ln[:200])
            failures += bool(bad) or p.returncode != 0

    if a.rentetool:
        print()
        r = subprocess.run([sys.executable, os.path.join(ROOT, "bench", "rentetool_compare.py"),
                            "--input", os.path.join(a.data, "interest-actact.csv"),
                            "--bin", BIN])
        failures += r.returncode != 0

    load = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else ["?"]
    print(f"\nload average at the end: {' '.join(load)}; {failures} FAIL or error(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
