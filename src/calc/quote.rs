//! `termcalc quote`: one statement (offerte / opgave) of what leaving costs a customer, all in.
//!
//! The quote computes nothing itself beyond adding up: it takes the results of the end-date,
//! buyout, interest and collection-cost calculations (run by the same functions as the single
//! commands) and lists their figures as lines, each with its article, then sums them with and
//! without VAT. The VAT on each line is the VAT its own calculation worked out; the quote never
//! recomputes it.

use crate::calc::buyout::BuyoutResult;
use crate::calc::collection::CollectionResult;
use crate::calc::interest::InterestResult;
use crate::calc::termination::EndDateResult;
use crate::error::{Error, Result};
use crate::law;
use crate::money::{fmt_amount, ser_amount};
use crate::report::{yes_no, Citation, Detail, Field, Outcome, Step, Tabular, Trace};
use crate::terms::CustomerType;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// The figures of the open invoices, as the interest calculation worked them out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceFigures {
    /// How many invoices (claims).
    pub claims: usize,
    /// Principal still unpaid on the until date, after payments (`outstanding_principal`).
    pub principal: Decimal,
    /// Interest still unpaid on the until date (`outstanding_interest`).
    pub interest: Decimal,
    /// Payments beyond everything owed (`surplus`).
    pub surplus: Decimal,
    /// The article that makes the invoices payable (the provider's payment term).
    pub principal_citation: Citation,
    /// The article behind the interest rate.
    pub interest_citation: Citation,
}

/// The sub-calculations a quote combines; each is the outcome of the single command's function.
#[derive(Debug, Clone)]
pub struct QuoteParts {
    pub end_date: Outcome<EndDateResult>,
    pub buyout: Option<Outcome<BuyoutResult>>,
    /// The interest result of the interest calculation, with its figures.
    pub invoices: Option<(Outcome<InterestResult>, InvoiceFigures)>,
    pub collection: Option<Outcome<CollectionResult>>,
    /// The day interest and collection costs are counted through.
    pub until: NaiveDate,
    /// The provider's display name (the table cites its articles without repeating it).
    pub provider_name: String,
}

/// One line of the statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    pub label: String,
    /// Excluding the VAT this statement adds (open invoices count as invoiced).
    #[serde(serialize_with = "ser_amount")]
    pub amount: Decimal,
    /// VAT on this line, as its own calculation worked it out.
    #[serde(serialize_with = "ser_amount")]
    pub vat: Decimal,
    /// The article behind the line.
    pub article: String,
}

/// The answer of `termcalc quote`. JSON keys are part of the output contract.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteResult {
    /// The provider's display name.
    pub provider: String,
    pub end_date: EndDateResult,
    pub buyout: Option<BuyoutResult>,
    pub invoices: Option<InterestResult>,
    pub collection: Option<CollectionResult>,
    /// Whether the collection costs count in the total (a consumer owes them only once the
    /// 14-day letter's term has passed by the until date).
    pub collection_included: bool,
    pub lines: Vec<Line>,
    #[serde(serialize_with = "ser_amount")]
    pub total: Decimal,
    #[serde(serialize_with = "ser_amount")]
    pub vat: Decimal,
    #[serde(serialize_with = "ser_amount")]
    pub total_incl_vat: Decimal,
    pub until: NaiveDate,
}

impl Tabular for QuoteResult {
    fn fields(&self) -> Vec<Field> {
        let opt_amount = |v: Option<Decimal>| v.map(fmt_amount).unwrap_or_default();
        let inv = self.invoices.as_ref();
        let inv_amount = |pick: fn(&InterestResult) -> Decimal| {
            inv.map(|v| fmt_amount(pick(v))).unwrap_or_default()
        };
        let coll = self
            .collection
            .as_ref()
            .filter(|_| self.collection_included);
        vec![
            Field::new("end_date", "Last day in force", self.end_date.end_date),
            Field::new(
                "notice_timely",
                "Notice in time",
                yes_no(self.end_date.notice_timely),
            ),
            Field::new(
                "leaving_day",
                "Leaving day (--end)",
                self.buyout
                    .as_ref()
                    .map(|b| b.leaving_day.to_string())
                    .unwrap_or_default(),
            ),
            Field::new(
                "buyout",
                "Buyout excl. VAT",
                opt_amount(self.buyout.as_ref().map(|b| b.total)),
            ),
            Field::new(
                "invoices",
                "Open invoices",
                inv_amount(|r| r.outstanding_principal),
            ),
            Field::new(
                "interest",
                "Interest",
                inv_amount(|r| r.outstanding_interest),
            ),
            Field::new(
                "collection_costs",
                "Collection costs excl. VAT",
                opt_amount(coll.map(|c| c.costs)),
            ),
            Field::new("until", "Counted through", self.until),
            Field::new("total", "Total excl. VAT", fmt_amount(self.total)),
            Field::new("vat", "VAT", fmt_amount(self.vat)),
            Field::new(
                "total_incl_vat",
                "Total incl. VAT",
                fmt_amount(self.total_incl_vat),
            ),
        ]
    }

    fn details(&self) -> Vec<Detail> {
        vec![Detail {
            title: format!(
                "Statement in EUR (VAT: added on top; art.: the terms of {})",
                self.provider
            ),
            header: ["Line", "Amount", "VAT", "Article"]
                .map(String::from)
                .to_vec(),
            rows: self
                .lines
                .iter()
                .map(|l| {
                    vec![
                        l.label.clone(),
                        fmt_amount(l.amount),
                        fmt_amount(l.vat),
                        l.article
                            .strip_prefix(&format!("{} ", self.provider))
                            .unwrap_or(&l.article)
                            .to_string(),
                    ]
                })
                .chain(std::iter::once(vec![
                    "Total".to_string(),
                    fmt_amount(self.total),
                    fmt_amount(self.vat),
                    format!("incl. VAT {}", fmt_amount(self.total_incl_vat)),
                ]))
                .collect(),
        }]
    }
}

/// Citations of several components in one short text: articles of the same source are
/// grouped ("Qupra Wholesale art. 5.1.d (i), 5.1.d (ii)").
pub fn join_citations<'a>(cites: impl IntoIterator<Item = &'a Citation>) -> String {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for c in cites {
        let (head, article) = match c {
            Citation::Provider { name, article, .. } => (format!("{name} art."), article.clone()),
            Citation::Statute { law, article } => (format!("{law} art."), article.clone()),
            other => (other.to_string(), String::new()),
        };
        match groups.iter_mut().find(|(h, _)| *h == head) {
            Some((_, arts)) => {
                if !article.is_empty() && !arts.contains(&article) {
                    arts.push(article);
                }
            }
            None => groups.push((
                head,
                if article.is_empty() {
                    Vec::new()
                } else {
                    vec![article]
                },
            )),
        }
    }
    groups
        .into_iter()
        .map(|(h, arts)| {
            if arts.is_empty() {
                h
            } else {
                format!("{h} {}", arts.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Prefixes each step and warning of a sub-calculation so that the combined explanation stays
/// readable.
/// Steps also in `skip` (the buyout repeats the end-date engine's steps) are left out once.
fn group(
    t: &mut Trace,
    prefix: &str,
    steps: &[Step],
    warnings: &[String],
    skip: (&[Step], &[String]),
) {
    let (skip, skip_warnings) = skip;
    let skipped = steps.iter().filter(|s| skip.contains(s)).count();
    if skipped > 0 {
        t.step(
            Citation::convention("quote: steps shown once"),
            format!("[{prefix}] ({skipped} steps that repeat the end-date steps above are not shown again)"),
        );
    }
    for s in steps {
        if skip.contains(s) {
            continue;
        }
        let text = format!("[{prefix}] {}", s.text);
        match &s.reading {
            Some(r) => t.step_with_reading(s.citation.clone(), text, r.clone()),
            None => t.step(s.citation.clone(), text),
        }
    }
    for w in warnings.iter().filter(|w| !skip_warnings.contains(w)) {
        let w = format!("{prefix}: {w}");
        if !t.warnings.contains(&w) {
            t.warn(w);
        }
    }
}

fn too_large() -> Error {
    Error::input(
        "the quote's amounts add up to more than termcalc can compute; use smaller amounts",
    )
}

/// Combines the parts into one statement.
pub fn quote(parts: QuoteParts) -> Result<Outcome<QuoteResult>> {
    let QuoteParts {
        end_date,
        buyout,
        invoices,
        collection,
        until,
        provider_name,
    } = parts;
    let mut t = Trace::new();
    let mut lines: Vec<Line> = Vec::new();

    group(
        &mut t,
        "end-date",
        &end_date.steps,
        &end_date.warnings,
        (&[], &[]),
    );
    let e = &end_date.result;
    t.step(
        Citation::convention("quote: end date"),
        format!(
            "[quote] Notice received {}: the contract ends on {} ({}). The end date is a date, not an amount: it adds no line.",
            e.notice_date,
            e.end_date,
            if e.notice_timely {
                "the notice is in time for the current period"
            } else {
                "the notice is too late for the current period"
            }
        ),
    );

    if let Some(b) = &buyout {
        group(
            &mut t,
            "buyout",
            &b.steps,
            &b.warnings,
            (&end_date.steps, &end_date.warnings),
        );
        let r = &b.result;
        let article = if r.components.is_empty() {
            // Nothing owed: cite the step that says why (the one before the VAT step).
            b.steps
                .iter()
                .rev()
                .find(|s| !s.text.contains("VAT"))
                .map(|s| s.citation.to_string())
                .unwrap_or_default()
        } else {
            join_citations(r.components.iter().map(|c| &c.citation))
        };
        lines.push(Line {
            label: format!("Buyout through {}", r.regular_end_date),
            amount: r.total,
            vat: r.vat,
            article,
        });
        t.step(
            Citation::statute("Wet op de omzetbelasting 1968", "9 lid 1"),
            format!(
                "[quote] Buyout: EUR {} excl. VAT; it is consideration for the service and carries {} % VAT, EUR {}, as the buyout worked it out.",
                fmt_amount(r.total),
                crate::money::fmt_plain(r.vat_percent),
                fmt_amount(r.vat)
            ),
        );
    } else {
        t.step(
            Citation::input("--end"),
            "[quote] No --end: no leaving day before the end date, so no buyout line.",
        );
    }

    match &invoices {
        Some((o, f)) => {
            group(&mut t, "interest", &o.steps, &o.warnings, (&[], &[]));
            lines.push(Line {
                label: format!(
                    "Open invoice{} ({}), principal",
                    if f.claims == 1 { "" } else { "s" },
                    f.claims
                ),
                amount: f.principal,
                vat: Decimal::ZERO,
                article: f.principal_citation.to_string(),
            });
            t.step(
                f.principal_citation.clone(),
                format!(
                    "[quote] Open invoices: EUR {} principal still unpaid on {until}, counted as invoiced (their own VAT is part of the invoice amounts and is not split off); no VAT is added.",
                    fmt_amount(f.principal)
                ),
            );
            lines.push(Line {
                label: format!("Interest through {until}"),
                amount: f.interest,
                vat: Decimal::ZERO,
                article: f.interest_citation.to_string(),
            });
            t.step(
                Citation::statute("Wet op de omzetbelasting 1968", "1 sub a"),
                format!(
                    "[quote] Interest: EUR {} still unpaid on {until}. Late-payment interest is damages for late payment (BW 6:119 lid 1), not consideration for a supply or service, which is all VAT taxes: no VAT.",
                    fmt_amount(f.interest)
                ),
            );
            if f.surplus > Decimal::ZERO {
                lines.push(Line {
                    label: "Paid beyond the invoices".to_string(),
                    amount: -f.surplus,
                    vat: Decimal::ZERO,
                    article: Citation::statute(law::BW, "6:44").to_string(),
                });
                t.step(
                    Citation::statute(law::BW, "6:44"),
                    format!(
                        "[quote] Payments exceed everything the invoices owe by EUR {}: deducted from the total.",
                        fmt_amount(f.surplus)
                    ),
                );
            }
        }
        None => t.step(
            Citation::input("--claim"),
            "[quote] No --claim: no open invoices, so no invoice, interest or collection-cost lines.",
        ),
    }

    let mut collection_included = false;
    if let Some(c) = &collection {
        group(&mut t, "collection", &c.steps, &c.warnings, (&[], &[]));
        let r = &c.result;
        let consumer = r.customer == CustomerType::Consumer;
        let due = r.due_from.filter(|d| *d <= until);
        if consumer && due.is_none() {
            t.step(
                Citation::statute(law::BW, "6:96 lid 6"),
                match r.due_from {
                    Some(d) => format!(
                        "[quote] Collection costs: a consumer owes them from {d}, after {until}: left out of the total."
                    ),
                    None => "[quote] Collection costs: a consumer owes them only after the term of a 14-day letter has passed unpaid; no --letter-date, so they are left out of the total.".to_string(),
                },
            );
        } else {
            collection_included = true;
            let article = c
                .steps
                .iter()
                .rev()
                .find(|s| matches!(s.citation, Citation::Provider { .. }))
                .filter(|_| {
                    matches!(
                        r.basis,
                        crate::calc::collection::Basis::ProviderScale
                            | crate::calc::collection::Basis::ProviderPercentage
                    )
                })
                .map(|s| s.citation.to_string())
                .unwrap_or_else(|| Citation::statute(law::BIK, "2").to_string());
            // The Besluit's full name is long; the table cites it by its usual abbreviation.
            let article = article.replace(law::BIK, "BIK");
            lines.push(Line {
                label: "Collection costs".to_string(),
                amount: r.costs,
                vat: r.vat,
                article,
            });
            t.step(
                Citation::statute(law::BIK, "2 lid 3"),
                if r.vat.is_zero() {
                    format!(
                        "[quote] Collection costs: EUR {} with no VAT: the creditor can deduct VAT (without --vat).",
                        fmt_amount(r.costs)
                    )
                } else {
                    format!(
                        "[quote] Collection costs: EUR {} plus EUR {} VAT, because the creditor cannot deduct VAT (--vat).",
                        fmt_amount(r.costs),
                        fmt_amount(r.vat)
                    )
                },
            );
        }
    }

    let total = lines
        .iter()
        .try_fold(Decimal::ZERO, |acc, l| acc.checked_add(l.amount))
        .ok_or_else(too_large)?;
    let vat = lines
        .iter()
        .try_fold(Decimal::ZERO, |acc, l| acc.checked_add(l.vat))
        .ok_or_else(too_large)?;
    let total_incl_vat = total.checked_add(vat).ok_or_else(too_large)?;
    let sum_text = |pick: fn(&Line) -> Decimal| {
        if lines.is_empty() {
            "nothing".to_string()
        } else {
            lines
                .iter()
                .map(|l| fmt_amount(pick(l)))
                .collect::<Vec<_>>()
                .join(" + ")
        }
    };
    t.step(
        Citation::convention("quote: totals"),
        format!(
            "[quote] Total excl. VAT: {} = EUR {}; VAT: {} = EUR {}; total incl. VAT EUR {}. Each line is already rounded to cents by its own calculation; the sums are exact.",
            sum_text(|l| l.amount),
            fmt_amount(total),
            sum_text(|l| l.vat),
            fmt_amount(vat),
            fmt_amount(total_incl_vat)
        ),
    );

    let result = QuoteResult {
        provider: provider_name,
        end_date: end_date.result,
        buyout: buyout.map(|b| b.result),
        invoices: invoices.map(|(o, _)| o.result),
        collection: collection.map(|c| c.result),
        collection_included,
        lines,
        total,
        vat,
        total_incl_vat,
        until,
    };
    Ok(t.finish(result))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_group_by_source() {
        let a = Citation::provider("qupra", "Qupra Wholesale", "5.1.d (i)");
        let b = Citation::provider("qupra", "Qupra Wholesale", "5.1.d (ii)");
        let c = Citation::statute("BW", "6:236 sub j");
        assert_eq!(
            join_citations([&a, &b, &a, &c]),
            "Qupra Wholesale art. 5.1.d (i), 5.1.d (ii); BW art. 6:236 sub j"
        );
    }
}
