#!/bin/sh
# Statutory late-payment interest on a ledger of open invoices.
#
#   examples/interest-ledger.sh [LEDGER.csv]      (default: examples/open-invoices.csv)
#
# LEDGER.csv: invoice,principal,due,until,kind. `until` is the day of payment (empty: today,
# or TERMCALC_AS_OF); `kind` is consumer (art. 6:119 BW) or commercial (art. 6:119a BW).
# Prints CSV: the invoice number, then termcalc's row,status,error and result columns, and on
# stderr the totals over the rows that worked, added up in whole cents.
# Exit 0 when every row worked, 4 when some rows failed (their error column says why).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/find-termcalc.sh"
. "$here/with-ids.sh"
out=$(mktemp)
status=0
run_with_ids "${1:-$here/open-invoices.csv}" interest > "$out" || status=$?
cat "$out"
awk -F, '
    function cents(v,    p) { split(v, p, "."); return p[1] * 100 + p[2] }
    function amount(c) { return sprintf("%d.%02d", int(c / 100), c % 100) }
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    {
        # Quoted fields (which may hold commas) become one placeholder, then split on commas.
        line = $0; gsub(/"[^"]*"/, "q", line); split(line, f, ",")
        if (f[col["status"]] == "ok") {
            n++; interest += cents(f[col["interest"]]); outstanding += cents(f[col["outstanding"]])
        }
    }
    END { if (n) printf "%d invoices: interest %s, outstanding %s\n", n, amount(interest), amount(outstanding) > "/dev/stderr" }
' "$out"
rm -f "$out"
exit "$status"
