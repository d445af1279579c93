#!/usr/bin/env python3
"""Interest act/act: termcalc against rentetool's engine, per core, on the same claims (issue 11).

    bench/rentetool_compare.py [--claims N] [--rentetool PATH] [--input FILE]

rentetool (github.com/Matthi-code/rentetool, Python, no licence file, so nothing of it is copied
here) computes Dutch statutory interest in backend/app/services/rente_calculator.py: pure Python,
standard library only (decimal, datetime, dataclasses, logging). Its rate table normally comes
from a Supabase database; this script loads the engine module straight from a local copy of the
repository (a work tree, or a git directory such as the one the `fetch` tool leaves, read with
`git show`) and fills its in-memory rate cache (RenteTabelCache) with termcalc's own table
(src/law/rates.toml, percent / 100), so both run on the same rates. No web server, no database,
no pip packages.

Same claims: the first N rows (default 20,000) of bench/data/interest-actact.csv (principal, due,
until, kind, day_count=act/act). Mapping:
  termcalc --day-count act/act interest --principal P --due D --until U --kind K
  rentetool Vordering(P, startdatum = D + 1 day, rentetype 1 (wettelijke rente, compounded)
            or 2 (handelsrente, compounded)), RenteCalculator([v], [], einddatum = U).bereken()
Both count interest from the day after the due date through `until` inclusive, compound on the
anniversaries of the first interest day, divide each part by the days of its compounding year,
and round each part to cents half up. Compared: total interest (termcalc `interest` column,
rentetool Vordering.totale_rente), to the cent.

Per core: claims per CPU second (user + system). rentetool runs in this process
(time.process_time around the loop only: module import and the rate table are not counted);
termcalc runs as a child process (wait4 rusage, all threads, process start included) on a file of
the same N claims with `--format csv`, output discarded.
"""

import argparse
import csv
import datetime as dt
import importlib.util
import io
import os
import subprocess
import sys
import tempfile
import time
import tomllib
from decimal import Decimal

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENGINE = "backend/app/services/rente_calculator.py"
DEFAULT_RENTETOOL = [
    os.environ.get("RENTETOOL", ""),
    "/work/.mirror/Matthi-code+rentetool/repo",
]
AS_OF = "2026-11-23"


def load_engine(path):
    """Import rente_calculator.py from a work tree or a git directory."""
    src = os.path.join(path, ENGINE)
    if os.path.exists(src):
        text = open(src).read()
        rev = "work tree"
    else:
        text = subprocess.run(["git", "--git-dir", path, "show", f"HEAD:{ENGINE}"],
                              capture_output=True, text=True, check=True).stdout
        rev = subprocess.run(["git", "--git-dir", path, "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True).stdout.strip()
    tmp = tempfile.NamedTemporaryFile("w", suffix="_rente_calculator.py", delete=False)
    tmp.write(text)
    tmp.close()
    spec = importlib.util.spec_from_file_location("rente_calculator", tmp.name)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    os.unlink(tmp.name)
    return mod, rev


def fill_rates(mod):
    """Put termcalc's rate table into rentetool's cache (newest first, fractions)."""
    t = tomllib.load(open(os.path.join(ROOT, "src", "law", "rates.toml"), "rb"))

    def rows(key):
        return sorted(((dt.date.fromisoformat(r["from"]), Decimal(r["rate"]) / 100) for r in t[key]),
                      reverse=True)

    c = mod.get_rentetabel_cache()
    c._wettelijk, c._handels = rows("consumer"), rows("commercial")
    c._wijzigingsdata_wettelijk = sorted(d for d, _ in c._wettelijk)
    c._wijzigingsdata_handels = sorted(d for d, _ in c._handels)
    c._loaded = True


def main():
    ap = argparse.ArgumentParser(description="termcalc vs rentetool, interest act/act per core")
    ap.add_argument("--claims", type=int, default=20_000)
    ap.add_argument("--rentetool", help="rentetool work tree or git directory")
    ap.add_argument("--input", default=os.path.join(ROOT, "bench", "data", "interest-actact.csv"))
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "termcalc"))
    ap.add_argument("--show", type=int, default=5, help="differences to print")
    a = ap.parse_args()

    cands = [a.rentetool] if a.rentetool else [p for p in DEFAULT_RENTETOOL if p]
    path = next((p for p in cands if os.path.exists(p)), None)
    if path is None:
        print("rentetool not found: clone github.com/Matthi-code/rentetool and pass --rentetool DIR")
        return 2
    mod, rev = load_engine(path)
    fill_rates(mod)

    with open(a.input) as f:
        rd = csv.DictReader(f)
        claims = [r for _, r in zip(range(a.claims), rd)]
    n = len(claims)

    # rentetool, in this process.
    rt = []
    t0 = time.process_time()
    for r in claims:
        due = dt.date.fromisoformat(r["due"])
        v = mod.Vordering(kenmerk="1", oorspronkelijk_bedrag=Decimal(r["principal"]),
                          startdatum=due + dt.timedelta(days=1),
                          rentetype=1 if r["kind"] == "consumer" else 2)
        mod.RenteCalculator([v], [], dt.date.fromisoformat(r["until"])).bereken()
        rt.append(v.totale_rente)
    rt_cpu = time.process_time() - t0

    # termcalc, as a child, on a file of the same claims.
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as tmp:
        w = csv.writer(tmp, lineterminator="\n")
        w.writerow(["principal", "due", "until", "kind", "day_count"])
        for r in claims:
            w.writerow([r["principal"], r["due"], r["until"], r["kind"], "act/act"])
    args = [a.bin, "--as-of", AS_OF, "--format", "csv", "interest", "--input", tmp.name]
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    tc_cpu = ru.ru_utime + ru.ru_stime
    out = subprocess.run(args, capture_output=True, text=True)
    os.unlink(tmp.name)
    tc = [row for row in csv.DictReader(io.StringIO(out.stdout))]
    if os.waitstatus_to_exitcode(status) != 0 or len(tc) != n:
        print(f"termcalc failed (exit {out.returncode}): {out.stderr[-300:]}")
        return 1

    diffs = []
    for i, (r, mine, theirs) in enumerate(zip(claims, tc, rt)):
        if mine["status"] != "ok" or Decimal(mine["interest"]) != theirs:
            diffs.append((i + 1, r, mine.get("interest"), theirs))
    rt_rate, tc_rate = n / rt_cpu, n / tc_cpu
    ratio = tc_rate / rt_rate
    load = " ".join(open("/proc/loadavg").read().split()[:3])
    print(f"interest act/act, {n:,} claims (first rows of {os.path.relpath(a.input, ROOT)}); "
          f"rentetool {rev}; load average {load}")
    print(f"  rentetool engine (Python {sys.version.split()[0]}): {rt_cpu:8.2f} CPU s  "
          f"{rt_rate:12,.0f} claims/s per core")
    print(f"  termcalc (release, batch CSV):  {tc_cpu:8.2f} CPU s  {tc_rate:12,.0f} claims/s per core")
    print(f"  ratio termcalc / rentetool: {ratio:.2f}x (target >= 50x) {'PASS' if ratio >= 50 else 'FAIL'}")
    print(f"  results: {n - len(diffs):,} of {n:,} claims agree to the cent; {len(diffs):,} differ")
    if diffs:
        by_cents = sorted(abs(Decimal(d[2] or 0) - d[3]) for d in diffs)
        print(f"  differences: median {by_cents[len(by_cents) // 2]}, largest {by_cents[-1]}")
        for i, r, mine, theirs in diffs[: a.show]:
            print(f"    claim {i}: {r['principal']} due {r['due']} until {r['until']} {r['kind']}: "
                  f"termcalc {mine}, rentetool {theirs}")
    return 0 if ratio >= 50 and not diffs else 1


if __name__ == "__main__":
    sys.exit(main())
