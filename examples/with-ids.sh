# Sourced by the example scripts: run_with_ids LEDGER COMMAND [OPTIONS...]
# The ledger's first column (an invoice or customer number, which termcalc does not know) is
# kept aside; the other columns go to `termcalc --format csv COMMAND --input -`, and the first
# column is pasted back in front of each output line. This works because termcalc writes
# exactly one line per input row, in input order (blank lines and quoted fields with commas in
# the first column would break the pairing, so the sample ledgers have neither).
run_with_ids() {
    ledger=$1
    shift
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    cut -d, -f1 "$ledger" > "$tmp/ids"
    status=0
    cut -d, -f2- "$ledger" | "$TERMCALC" --format csv "$@" --input - > "$tmp/out" || status=$?
    # 0: all rows fine; 4: some rows failed (see their status and error columns).
    if [ "$status" -eq 0 ] || [ "$status" -eq 4 ]; then
        paste -d, "$tmp/ids" "$tmp/out"
    fi
    return "$status"
}
