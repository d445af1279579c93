#!/bin/sh
# Extrajudicial collection costs (BIK) for a ledger of overdue invoices.
#
#   examples/collection-costs.sh [LEDGER.csv]     (default: examples/overdue-invoices.csv)
#
# LEDGER.csv: invoice,principal,customer,provider,letter_date (provider and letter_date may be
# empty). Prints CSV: the invoice number, then termcalc's row,status,error and result columns.
# Exit 0 when every row worked, 4 when some rows failed (their error column says why).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/find-termcalc.sh"
. "$here/with-ids.sh"
run_with_ids "${1:-$here/overdue-invoices.csv}" collection-costs
