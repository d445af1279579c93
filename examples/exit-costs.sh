#!/bin/sh
# What leaving early costs, for a list of customers who want to leave.
#
#   examples/exit-costs.sh [CUSTOMERS.csv]        (default: examples/customers-leaving.csv)
#
# CUSTOMERS.csv: account,provider,start,end,monthly,usage_monthly,term_months,service,customer
# (`end` = the day the customer leaves; empty fields where the provider's terms fix them).
# Prints CSV: the account, then termcalc's row,status,error and result columns (total, vat,
# total_incl_vat, regular_end_date, ...).
# Exit 0 when every row worked, 4 when some rows failed (their error column says why).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/find-termcalc.sh"
. "$here/with-ids.sh"
run_with_ids "${1:-$here/customers-leaving.csv}" buyout
