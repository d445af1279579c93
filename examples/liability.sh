#!/bin/sh
# Liability ceilings and claim deadlines for a file of damage claims (JSON Lines: one object per
# claim, keys = the options of `termcalc liability` without dashes).
#
#   examples/liability.sh [CLAIMS.jsonl]           (default: examples/damage-claims.jsonl)
#
# Prints one CSV line per claim. Exit 0 when every claim worked, 4 when some failed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/find-termcalc.sh"
exec "$TERMCALC" --format csv liability --input "${1:-$here/damage-claims.jsonl}"
