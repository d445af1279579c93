#!/usr/bin/env python3
"""Deterministic generator of batch inputs for the termcalc benchmark (issue 11).

    bench/gen.py [--rows N] [--seed S] [--out DIR] [--claims-payments N]

Writes one input file per variant into DIR (default bench/data):

    end-date.csv          provider, customer, service, start, notice, term_months (valid per provider)
    buyout.csv            provider, customer, service, start, end, monthly, usage/one-off/list prices
    interest-ledger.csv   principal, due, until, kind (the statutory ledger shape)
    interest-provider.csv provider, customer, principal, due or invoice_date, until, reminder
    interest-payments.csv claim (1-4 claims), payment (0-3 payments), until, kind, costs
    interest-actact.csv   principal, due, until, kind, day_count=act/act
    interest-jsonl.jsonl  mixed interest rows (single claims, several claims, payments) as JSON Lines
    collection-costs.csv  principal (1-3 claims), customer, provider, vat, letter/default dates
    liability.csv         provider, customer, damage, damage_kind, dates, monthly, fees_paid, ...
    quote.csv             provider, customer, service, start, notice, end, monthly, claims, until
    big.csv               one interest row of N claims x N payments (N = --claims-payments, 1000)

Every row is meant to be valid for the provider it names (the flags each provider needs, from
README.md's provider table and the provider files); `bench/run.sh --check` runs a sample of each
file and fails on any error row. Dates span ten years before the fixed as-of date 2026-11-23
(the runner passes `--as-of 2026-11-23`), so no interest runs past the rate table's coverage.

The same seed and row count give byte-identical files (Python's `random.Random(seed)` is
specified to be reproducible for a given seed); `sha256sum bench/data/*` pins them.
"""

import argparse
import datetime as dt
import json
import os
import random

AS_OF = dt.date(2026, 11, 23)
FIRST = dt.date(2016, 11, 24)  # ten years before AS_OF
SPAN = (AS_OF - FIRST).days

# Services and customer types per provider (providers/*.toml: [audience], [[termination.services]]).
PROVIDERS = {
    "qupra": {"customers": ["reseller", "business"], "services": ["voip"]},
    "voipro": {"customers": ["business"], "services": ["voip"]},
    "voipzeker": {"customers": ["business", "reseller"], "services": ["voip", "internet"]},
    "compri": {
        "customers": ["consumer", "business"],
        "services": ["dsl", "voip", "hosting", "housing", "system_management", "software_development"],
    },
    "quatel": {"customers": ["business"], "services": ["telephony"]},
}
NAMES = list(PROVIDERS)
DAMAGE_KINDS = ["direct", "property", "indirect", "data", "personal-injury"]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def date(self, lo=FIRST, hi=AS_OF):
        return lo + dt.timedelta(days=self.r.randrange((hi - lo).days + 1))

    def after(self, d, max_days, hi=AS_OF):
        """A date from d to min(d + max_days, hi)."""
        top = min((hi - d).days, max_days)
        return d + dt.timedelta(days=self.r.randrange(max(top, 0) + 1))

    def amount(self, lo_cents=100, hi_cents=10_000_000):
        c = self.r.randrange(lo_cents, hi_cents + 1)
        return f"{c // 100}.{c % 100:02d}"

    def pick(self, xs):
        return xs[self.r.randrange(len(xs))]

    def chance(self, p):
        return self.r.random() < p

    def contract(self, p):
        """Provider, customer, service, start, term_months as the provider needs them."""
        spec = PROVIDERS[p]
        c = self.pick(spec["customers"])
        s = self.pick(spec["services"])
        start = self.date(FIRST, AS_OF - dt.timedelta(days=30))
        term = ""
        if p == "qupra":
            term = self.pick(["", "12", "24", "36"])
        elif p == "voipro":
            if self.chance(0.5):
                term = self.pick(["12", "24", "36"])
            else:
                start = start if self.chance(0.5) else ""
        elif p == "voipzeker":
            term = self.pick(["12", "24", "36"])
        elif p == "compri":
            if s == "dsl":
                term = self.pick(["", "12", "24"])
            elif self.chance(0.5):
                term = self.pick(["12", "24", "36"])
            else:
                start = start if self.chance(0.5) else ""
        elif p == "quatel":
            term = self.pick(["1", "3", "6", "12"])
        return c, s, start, term


def s(d):
    return "" if d == "" or d is None else d.isoformat()


def write_csv(path, header, rows):
    with open(path, "w", newline="") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(row) + "\n")


def end_date(g, n):
    for _ in range(n):
        p = g.pick(NAMES)
        c, sv, start, term = g.contract(p)
        lo = start if start else FIRST
        notice = g.after(lo, 3 * 365)
        yield [p, c, sv, s(start), s(notice), term]


def buyout(g, n):
    for _ in range(n):
        p = g.pick(NAMES)
        c, sv, start, term = g.contract(p)
        if not start:
            start = g.date(FIRST, AS_OF - dt.timedelta(days=30))
        end = g.after(start, 900)
        notice = g.after(start, (end - start).days, end) if g.chance(0.5) else ""
        monthly = g.amount(500, 500_000)
        # Qupra 5.1.d needs the usage average, and the one-off fee when not delivered.
        usage = g.amount(0, 50_000) if p == "qupra" or g.chance(0.4) else ""
        nd = "true" if g.chance(0.05) else ""
        one_off = g.amount(0, 100_000) if (nd and p == "qupra") or g.chance(0.3) else ""
        list_m = g.amount(int(float(monthly) * 100), int(float(monthly) * 150)) if g.chance(0.3) else ""
        yield [p, c, sv, s(start), s(end), s(notice), term, monthly, usage, one_off, list_m, nd]


def ledger(g, n, day_count=None):
    for _ in range(n):
        due = g.date(FIRST, AS_OF - dt.timedelta(days=1))
        until = g.after(due, 3652)
        row = [g.amount(), s(due), s(until), g.pick(["consumer", "commercial"])]
        if day_count:
            row.append(day_count)
        yield row


def interest_provider(g, n):
    for _ in range(n):
        p = g.pick(NAMES)
        c = g.pick(PROVIDERS[p]["customers"])
        d = g.date(FIRST, AS_OF - dt.timedelta(days=60))
        until = g.after(d + dt.timedelta(days=30), 2000)
        # Only Qupra and VOIPZeker print a payment term in days, so only they take invoice_date.
        due, inv = ("", s(d)) if p in ("qupra", "voipzeker") and g.chance(0.5) else (s(d), "")
        # Compri 20.3/20.4 count from the reminder: required there, optional elsewhere.
        reminder = (s(g.after(d + dt.timedelta(days=15), 60, until))
                    if p == "compri" or g.chance(0.5) else "")
        yield [p, c, g.amount(1000, 5_000_000), due, inv, s(until), reminder]


def claims_payments(g, max_claims=4, max_payments=3):
    nc = 1 + g.r.randrange(max_claims)
    first = g.date(FIRST, AS_OF - dt.timedelta(days=400))
    dues = sorted(g.after(first, 365) for _ in range(nc))
    claims = [f"{g.amount(1000, 2_000_000)}@{s(d)}" for d in dues]
    until = g.after(dues[-1] + dt.timedelta(days=1), 2500)
    pays = []
    for _ in range(g.r.randrange(max_payments + 1)):
        pd = g.after(dues[0] + dt.timedelta(days=1), (until - dues[0]).days - 1, until)
        amt = g.amount(100, 300_000)
        tgt = f"@{1 + g.r.randrange(nc)}" if g.chance(0.2) else ""
        pays.append((pd, f"{s(pd)}={amt}{tgt}"))
    pays.sort()
    return claims, [x for _, x in pays], until


def interest_payments(g, n):
    for _ in range(n):
        claims, pays, until = claims_payments(g)
        costs = g.amount(0, 50_000) if g.chance(0.3) else ""
        yield [";".join(claims), ";".join(pays), s(until), g.pick(["consumer", "commercial"]), costs]


def interest_jsonl(g, n):
    for _ in range(n):
        k = g.r.randrange(4)
        if k == 0:
            due = g.date(FIRST, AS_OF - dt.timedelta(days=1))
            o = {"principal": g.amount(), "due": s(due), "until": s(g.after(due, 3652)),
                 "kind": g.pick(["consumer", "commercial"])}
        elif k == 1:
            due = g.date(FIRST, AS_OF - dt.timedelta(days=1))
            o = {"principal": g.amount(), "due": s(due), "until": s(g.after(due, 3652)),
                 "kind": g.pick(["consumer", "commercial"]), "day_count": "act/act"}
        elif k == 2:
            claims, pays, until = claims_payments(g)
            o = {"claim": claims, "payment": pays, "until": s(until),
                 "kind": g.pick(["consumer", "commercial"])}
        else:
            p = g.pick(NAMES)
            d = g.date(FIRST, AS_OF - dt.timedelta(days=60))
            until = g.after(d + dt.timedelta(days=30), 2000)
            o = {"provider": p, "customer": g.pick(PROVIDERS[p]["customers"]),
                 "principal": g.amount(1000, 5_000_000), "due": s(d), "until": s(until)}
            if p == "compri":
                o["reminder"] = s(g.after(d + dt.timedelta(days=15), 60, until))
        yield json.dumps(o, separators=(",", ":"))


def collection(g, n):
    for _ in range(n):
        principals = ";".join(g.amount(100, 50_000_000) for _ in range(1 + g.r.randrange(3)))
        p = g.pick(NAMES) if g.chance(0.6) else ""
        c = g.pick(PROVIDERS[p]["customers"]) if p else g.pick(["consumer", "business"])
        vat = g.pick(["", "true", "false"])
        letter = sent = default = ""
        if c == "consumer":
            d = g.date()
            if g.chance(0.5):
                letter = s(d)
            else:
                sent = s(d)
        elif g.chance(0.5):
            default = s(g.date())
        yield [principals, c, p, vat, letter, sent, default]


def liability(g, n):
    for _ in range(n):
        p = g.pick(NAMES)
        c = g.pick(PROVIDERS[p]["customers"])
        ev = g.date(FIRST, AS_OF - dt.timedelta(days=1))
        known = s(g.after(ev, 60)) if g.chance(0.3) else ""
        monthly = g.amount(500, 500_000)
        # Qupra 13.6 and Voipro 8.3 cap per calendar year: they need paid_this_year.
        paid = g.amount(0, 1_000_000) if p in ("qupra", "voipro") or g.chance(0.2) else ""
        yield [p, c, g.amount(0, 10_000_000), g.pick(DAMAGE_KINDS), s(ev), known, monthly,
               g.amount(1000, 5_000_000), "true" if g.chance(0.1) else "", paid, g.amount(500, 500_000),
               g.amount(0, 5_000_000) if g.chance(0.2) else "", g.amount(1000, 5_000_000),
               g.pick(["12", "24", "36"]), "true" if g.chance(0.05) else ""]


def quote(g, n):
    for _ in range(n):
        p = g.pick(NAMES)
        c, sv, start, term = g.contract(p)
        if not start:
            start = g.date(FIRST, AS_OF - dt.timedelta(days=30))
        notice = g.after(start, 3 * 365)
        end = monthly = usage = ""
        if g.chance(0.7):
            end = s(g.after(start, 900))
            monthly = g.amount(500, 500_000)
            usage = g.amount(0, 50_000) if p == "qupra" or g.chance(0.4) else ""
        claims = pays = until = reminder = ""
        if g.chance(0.7):
            cl, py, u = claims_payments(g, 3, 2)
            claims, pays, until = ";".join(cl), ";".join(py), s(u)
            if p == "compri":
                first_due = dt.date.fromisoformat(cl[0].split("@")[1])
                reminder = s(g.after(first_due + dt.timedelta(days=1), 60, u))
        yield [p, c, sv, s(start), s(notice), term, end, monthly, usage, claims, pays, until,
               reminder]


def big(n):
    """One interest row: n claims, n payments, spread over ten years (deterministic)."""
    claims = []
    for i in range(n):
        d = FIRST + dt.timedelta(days=(i * 1789) % 1800)
        claims.append(f"{100 + (i * 37) % 9000}.{i % 100:02d}@{s(d)}")
    pays = []
    for j in range(n):
        d = FIRST + dt.timedelta(days=30 + (j * SPAN * 7 // 8) // n)
        pays.append(f"{s(d)}={5 + (j * 13) % 400}.00")
    return [";".join(claims), ";".join(pays), s(AS_OF), "commercial"]


VARIANTS = {
    # file: (header, generator)
    "end-date.csv": (["provider", "customer", "service", "start", "notice", "term_months"], end_date),
    "buyout.csv": (["provider", "customer", "service", "start", "end", "notice", "term_months",
                    "monthly", "usage_monthly", "one_off", "list_monthly", "not_delivered"], buyout),
    "interest-ledger.csv": (["principal", "due", "until", "kind"], ledger),
    "interest-provider.csv": (["provider", "customer", "principal", "due", "invoice_date", "until",
                               "reminder"], interest_provider),
    "interest-payments.csv": (["claim", "payment", "until", "kind", "costs"], interest_payments),
    "interest-actact.csv": (["principal", "due", "until", "kind", "day_count"],
                            lambda g, n: ledger(g, n, "act/act")),
    "interest-jsonl.jsonl": (None, interest_jsonl),
    "collection-costs.csv": (["principal", "customer", "provider", "vat", "letter_date",
                              "letter_sent", "default_date"], collection),
    "liability.csv": (["provider", "customer", "damage", "damage_kind", "event_date", "known_date",
                       "monthly", "fees_paid", "series", "paid_this_year", "last_invoice",
                       "insurer_payout", "order_value", "term_months", "gross_negligence"],
                      liability),
    "quote.csv": (["provider", "customer", "service", "start", "notice", "term_months", "end",
                   "monthly", "usage_monthly", "claim", "payment", "until", "reminder"], quote),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=20261204)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "data"))
    ap.add_argument("--claims-payments", type=int, default=1000)
    ap.add_argument("--only", help="comma-separated file names to write")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    only = set(a.only.split(",")) if a.only else None
    for i, (name, (header, fn)) in enumerate(VARIANTS.items()):
        if only and name not in only:
            continue
        g = Gen(a.seed * 100 + i)  # one stream per file: adding a file changes no other
        path = os.path.join(a.out, name)
        if header is None:
            with open(path, "w") as f:
                for line in fn(g, a.rows):
                    f.write(line + "\n")
        else:
            write_csv(path, header, fn(g, a.rows))
    if not only or "big.csv" in only:
        write_csv(os.path.join(a.out, "big.csv"), ["claim", "payment", "until", "kind"],
                  [big(a.claims_payments)])


if __name__ == "__main__":
    main()
