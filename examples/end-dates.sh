#!/bin/sh
# End dates for a list of customers who gave notice.
#
#   examples/end-dates.sh [CUSTOMERS.csv]         (default: examples/customers-notice.csv)
#
# CUSTOMERS.csv: account,provider,start,notice,term_months,service,customer (the last three may
# be empty where the provider's terms fix them). Prints CSV: the account, then termcalc's
# row,status,error and result columns (end_date, notice_timely, notice_deadline, ...).
# Exit 0 when every row worked, 4 when some rows failed (their error column says why).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/find-termcalc.sh"
. "$here/with-ids.sh"
run_with_ids "${1:-$here/customers-notice.csv}" end-date
