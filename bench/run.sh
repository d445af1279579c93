#!/bin/sh
# The termcalc batch benchmark of issue 11: one command runs it all.
#
#   bench/run.sh                  200,000 rows per variant, csv and json, 1,000 x 1,000 row
#   bench/run.sh --rows 20000     fewer rows (quick look)
#   bench/run.sh --check          also check that the first 20,000 rows of every file are valid
#   bench/run.sh --rentetool      also compare interest act/act with rentetool (Python)
#   bench/run.sh --help           every option
#
# Needs python3 (3.8+) and cargo. Generated inputs go to bench/data/ (not committed).
# See docs/performance.md.
set -eu
exec python3 "$(dirname "$0")/run.py" "$@"
