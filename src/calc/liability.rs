//! Liability: up to what amount the provider is liable for a damage (the ceiling of its
//! liability clause, limited by the law that sets such clauses aside), and by when a claim
//! must be made (notification and lapse periods).

use crate::error::{Error, Result};
use crate::law;
use crate::money::{fmt_amount, fmt_plain, round_cents, ser_amount, ser_opt_amount};
use crate::report::{Citation, Outcome, Tabular, Trace, Value};
use crate::terms::liability::{
    Ceiling, DamageKind, DeadlineFrom, DeadlineKind, FeeBasis, Liability, Treatment,
};
use crate::terms::{CustomerType, Provider};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// The question "the customer suffered this damage: what can it claim, and until when?".
#[derive(Debug, Clone)]
pub struct LiabilityRequest<'a> {
    pub provider: &'a Provider,
    /// The damage claimed, in euro (0 or more).
    pub damage: Decimal,
    /// `None`: the provider file's default kind.
    pub kind: Option<DamageKind>,
    /// The day the damage arose (the event, or the first event of a series).
    pub event_date: Option<NaiveDate>,
    /// The day the customer knew, or should reasonably have known, of the damage.
    pub known_date: Option<NaiveDate>,
    /// The fixed monthly fee of the service concerned.
    pub monthly: Option<Decimal>,
    /// The fees paid or invoiced over the months before the event that the clause names.
    pub fees_paid: Option<Decimal>,
    /// What the provider already paid out for earlier events in the same calendar year.
    pub paid_this_year: Option<Decimal>,
    /// The last monthly invoice the customer paid.
    pub last_invoice: Option<Decimal>,
    /// No monthly invoice was paid before the event (as the customer states): a clause with a
    /// fallback lets the fixed monthly fee stand in for the last invoice.
    pub no_invoice_paid: bool,
    /// What the provider's liability insurer pays out.
    pub insurer_payout: Option<Decimal>,
    /// The invoice value of the order the claim concerns.
    pub order_value: Option<Decimal>,
    /// The contract term in months (for clauses that depend on it).
    pub term_months: Option<u32>,
    /// The damage comes from a series of connected events.
    pub series: bool,
    /// `None`: the provider file's default customer type.
    pub customer: Option<CustomerType>,
    /// Intent or gross negligence of the provider or its managers (opzet, grove schuld).
    pub gross_negligence: bool,
    /// "Today".
    pub as_of: NaiveDate,
}

/// One part of the ceiling, for scripts that want to see how it was put together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CeilingComponent {
    pub label: String,
    #[serde(serialize_with = "ser_amount")]
    pub amount: Decimal,
    pub article: String,
}

/// One notification or lapse period worked out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineOutcome {
    /// `notify` or `lapse`.
    pub kind: DeadlineKind,
    /// The day the period runs from.
    pub from: NaiveDate,
    /// The last day, inclusive.
    pub last_day: NaiveDate,
    pub article: String,
    /// False where mandatory law sets the period aside (consumers, BW 6:236 sub g).
    pub enforceable: bool,
    /// The as-of date is after the last day.
    pub passed: bool,
}

/// The answer. JSON keys are part of the output contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiabilityResult {
    /// The ceiling that applies; `null` when none does (excluded, or set aside by law).
    #[serde(serialize_with = "ser_opt_amount")]
    pub ceiling: Option<Decimal>,
    /// The damage limited by the ceiling; 0 when excluded.
    #[serde(serialize_with = "ser_amount")]
    pub recoverable: Decimal,
    pub excluded: bool,
    /// The earliest enforceable notification or lapse deadline (last day, inclusive).
    pub claim_deadline: Option<NaiveDate>,
    /// Whether the as-of date is after `claim_deadline`; `null` without a deadline.
    pub claim_deadline_passed: Option<bool>,
    /// A short statement of the rule that decided the result.
    pub basis: String,
    pub damage_kind: DamageKind,
    pub customer: CustomerType,
    #[serde(serialize_with = "ser_amount")]
    pub damage: Decimal,
    /// The ceiling as the clause writes it, where the law sets it aside (or where it exists
    /// beside an exclusion); `null` when it cannot be worked out from the figures given.
    #[serde(serialize_with = "ser_opt_amount")]
    pub as_written_ceiling: Option<Decimal>,
    pub ceiling_components: Vec<CeilingComponent>,
    pub deadlines: Vec<DeadlineOutcome>,
}

impl Tabular for LiabilityResult {
    fn visit_fields(&self, f: &mut dyn FnMut(&'static str, &'static str, Value<'_>)) {
        f(
            "damage_kind",
            "Damage kind",
            Value::Text(self.damage_kind.as_str()),
        );
        f("damage", "Damage", Value::Amount(self.damage));
        f("ceiling", "Ceiling", Value::amount_or_empty(self.ceiling));
        f(
            "recoverable",
            "Recoverable",
            Value::Amount(self.recoverable),
        );
        f("excluded", "Excluded", Value::Bool(self.excluded));
        f(
            "claim_deadline",
            "Claim deadline",
            Value::date_or_empty(self.claim_deadline),
        );
        f(
            "claim_deadline_passed",
            "Deadline passed",
            self.claim_deadline_passed.map_or(Value::Empty, Value::Bool),
        );
        f("basis", "Basis", Value::Text(&self.basis));
    }
}

/// The figures a ceiling may need, and where they came from.
struct Figures<'r, 'a> {
    req: &'r LiabilityRequest<'a>,
    provider_name: &'a str,
}

impl Figures<'_, '_> {
    /// The error for a figure the ceiling needs but the request lacks, naming its field.
    fn missing(&self, field: &'static str, article: &str, what: &str) -> Error {
        Error::field(
            field,
            format!(
                "needed, because {} art. {article} sets the ceiling at {what}; give it as an amount such as 125.00",
                self.provider_name
            ),
        )
    }
}

/// Works out the ceiling of one rule. `None`: the rule does not apply to this contract (e.g. a
/// fee-based cap for contracts longer than the one at hand).
fn eval(
    c: &Ceiling,
    f: &Figures,
    p: &Provider,
    trace: &mut Trace,
    parts: &mut Vec<CeilingComponent>,
) -> Result<Option<Decimal>> {
    let req = f.req;
    // The clause's step; the text is composed only when the trace keeps steps.
    let step = |trace: &mut Trace, text: &dyn Fn() -> String| {
        step_reading!(trace, p.cite(c.article()), text(), c.reading());
    };
    let mut part = |label: String, amount: Decimal| {
        parts.push(CeilingComponent {
            label,
            amount,
            article: c.article().to_string(),
        })
    };
    match c {
        Ceiling::Fixed { amount, .. } => {
            step(trace, &|| {
                format!("Fixed ceiling: EUR {}.", fmt_amount(*amount))
            });
            part("fixed amount".into(), *amount);
            Ok(Some(*amount))
        }
        Ceiling::MonthlyMultiple { multiple, .. } => {
            let m = req.monthly.ok_or_else(|| {
                f.missing(
                    "monthly",
                    c.article(),
                    &format!("{} x the fixed monthly fee", fmt_plain(*multiple)),
                )
            })?;
            let v = m
                .checked_mul(*multiple)
                .ok_or_else(|| Error::field("monthly", "the amount is too large"))?;
            let r = round_cents(v);
            step(trace, &|| {
                format!(
                    "{} x the fixed monthly fee EUR {} = EUR {}{}.",
                    fmt_plain(*multiple),
                    fmt_amount(m),
                    fmt_amount(r),
                    if r != v {
                        " (rounded to cents, half away from zero)"
                    } else {
                        ""
                    }
                )
            });
            part(format!("{} x monthly fee", fmt_plain(*multiple)), r);
            Ok(Some(r))
        }
        Ceiling::FeesPaid {
            months,
            basis,
            only_if_term_over_months,
            ..
        } => {
            if let Some(limit) = only_if_term_over_months {
                let term = req.term_months.ok_or_else(|| {
                    Error::field(
                        "term-months",
                        format!(
                            "needed, because {} art. {} applies a fee-based ceiling only to contracts longer than {limit} months; give the contract term in months",
                            f.provider_name,
                            c.article()
                        ),
                    )
                })?;
                if term <= *limit {
                    step(trace, &|| {
                        format!(
                            "The contract runs {term} months, not longer than {limit}: the ceiling of the fees over the last {months} months does not apply."
                        )
                    });
                    return Ok(None);
                }
            }
            let what = match basis {
                FeeBasis::Paid => "the fees paid",
                FeeBasis::Invoiced => "the fees invoiced",
            };
            let v = req.fees_paid.ok_or_else(|| {
                f.missing(
                    "fees-paid",
                    c.article(),
                    &format!("{what} over the {months} months before the event"),
                )
            })?;
            step(trace, &|| {
                let window = match req.event_date {
                    Some(e) => match crate::calendar::add_months(e, -(*months as i32)) {
                        Some(s) => format!(" (window {s} up to but not including {e})"),
                        None => String::new(),
                    },
                    None => String::new(),
                };
                format!(
                    "Ceiling: {what} over the {months} months before the event{window}, given as EUR {}.",
                    fmt_amount(v)
                )
            });
            part(format!("{what} over {months} months"), v);
            Ok(Some(v))
        }
        Ceiling::LastInvoice {
            fallback_monthly, ..
        } => {
            if let Some(v) = req.last_invoice {
                step(trace, &|| {
                    format!(
                        "Ceiling: the last monthly invoice paid before the event, EUR {}.",
                        fmt_amount(v)
                    )
                });
                part("last monthly invoice".into(), v);
                return Ok(Some(v));
            }
            // The fallback is for a customer who paid no invoice yet, and only when the user
            // says so: an unpaid-invoice history is a fact, never a default (issue 10, item 14).
            match (fallback_monthly, req.no_invoice_paid, req.monthly) {
                (true, true, Some(m)) => {
                    step(trace, &|| {
                        format!(
                            "No monthly invoice was paid before the event (as stated), so the fixed monthly fee EUR {} stands in for the last invoice paid.",
                            fmt_amount(m)
                        )
                    });
                    trace.warn(format!(
                        "The ceiling of art. {} is the last monthly invoice paid; with none paid yet (as stated) the fixed monthly fee was used instead.",
                        c.article()
                    ));
                    part("fixed monthly fee (no invoice paid yet)".into(), m);
                    Ok(Some(m))
                }
                (true, true, None) => Err(Error::field(
                    "monthly",
                    format!(
                        "needed, because with no invoice paid yet {} art. {} uses the fixed monthly fee in place of the last invoice; give it as an amount such as 125.00",
                        f.provider_name,
                        c.article()
                    ),
                )),
                (true, false, _) => Err(Error::field(
                    "last-invoice",
                    format!(
                        "needed, because {} art. {} caps liability at the last monthly invoice the customer paid before the event; give that amount, or, if no invoice was paid yet, say so (no invoice paid) and give the fixed monthly fee",
                        f.provider_name,
                        c.article()
                    ),
                )),
                (false, _, _) => Err(f.missing(
                    "last-invoice",
                    c.article(),
                    "the last monthly invoice paid",
                )),
            }
        }
        Ceiling::InsurerPayout { otherwise, .. } => {
            // "Niet tot uitkering overgaat" includes a payout of 0: an insurer that pays
            // nothing has not paid out, so the clause's fallback applies (issue 10, item 11).
            let payout = req
                .insurer_payout
                .filter(|v| !v.is_zero() || otherwise.is_none());
            if let Some(v) = payout {
                step(trace, &|| {
                    format!("Ceiling: what the insurer pays out, EUR {}.", fmt_amount(v))
                });
                part("insurer's payout".into(), v);
                return Ok(Some(v));
            }
            match otherwise {
                Some(o) => {
                    step(trace, &|| {
                        if req.insurer_payout.is_some() {
                            "The insurer's payout is 0: an insurer that pays nothing does not pay out (niet tot uitkering overgaat), so the fallback of this article applies.".to_string()
                        } else {
                            "No insurer's payout given: read as the insurer not paying, so the fallback of this article applies.".to_string()
                        }
                    });
                    eval(o, f, p, trace, parts).map_err(|e| match e {
                        Error::Field { field, message } => Error::field(
                            field,
                            format!(
                                "{message} (or give what the insurer pays out, where it pays, art. {})",
                                c.article()
                            ),
                        ),
                        other => other,
                    })
                }
                None => Err(f.missing("insurer-payout", c.article(), "what the insurer pays out")),
            }
        }
        Ceiling::OrderValue { .. } => {
            let v = req.order_value.ok_or_else(|| {
                f.missing("order-value", c.article(), "the invoice value of the order")
            })?;
            step(trace, &|| {
                format!(
                    "Ceiling: the invoice value of the order, EUR {}.",
                    fmt_amount(v)
                )
            });
            part("invoice value of the order".into(), v);
            Ok(Some(v))
        }
        Ceiling::YearlyMax { amount, .. } => {
            // Default 0, as the help says, but never silently (issue 10, item 13).
            let paid = match req.paid_this_year {
                Some(v) => v,
                None => {
                    trace.warn(format!(
                        "What the provider already paid out this calendar year is not given: taken as 0; the yearly maximum of art. {} is reduced by it, so give it if anything was paid out",
                        c.article()
                    ));
                    Decimal::ZERO
                }
            };
            let left = (*amount - paid).max(Decimal::ZERO);
            step(trace, &|| {
                format!(
                    "Yearly maximum EUR {} minus EUR {} already paid out this calendar year = EUR {} left.",
                    fmt_amount(*amount),
                    fmt_amount(paid),
                    fmt_amount(left)
                )
            });
            if left.is_zero() {
                trace.warn(format!(
                    "The yearly maximum of art. {} is used up: nothing more is recoverable this calendar year.",
                    c.article()
                ));
            }
            part("left of the yearly maximum".into(), left);
            Ok(Some(left))
        }
        Ceiling::LowestOf { items, .. } | Ceiling::HighestOf { items, .. } => {
            let lowest = matches!(c, Ceiling::LowestOf { .. });
            // The pick, and the values it was picked from (for the step).
            let mut pick: Option<Decimal> = None;
            let mut vals = trace.keeps_steps().then(Vec::new);
            for it in items {
                if let Some(v) = eval(it, f, p, trace, parts)? {
                    pick = Some(match pick {
                        Some(x) if lowest => x.min(v),
                        Some(x) => x.max(v),
                        None => v,
                    });
                    if let Some(vals) = vals.as_mut() {
                        vals.push(v);
                    }
                }
            }
            let Some(v) = pick else {
                return Ok(None);
            };
            step(trace, &|| {
                format!(
                    "The {} of EUR {} is EUR {}.",
                    if lowest { "lowest" } else { "highest" },
                    vals.iter()
                        .flatten()
                        .map(|v| fmt_amount(*v))
                        .collect::<Vec<_>>()
                        .join(", EUR "),
                    fmt_amount(v)
                )
            });
            Ok(Some(v))
        }
        Ceiling::PerEventOrSeries { event, series, .. } => {
            if req.series {
                step(trace, &|| {
                    "The damage comes from a series of connected events, so the ceiling for a series applies once to the whole series.".to_string()
                });
                eval(series, f, p, trace, parts)
            } else {
                step(trace, &|| {
                    "A single event (not a series of connected events): the ceiling per event applies.".to_string()
                });
                eval(event, f, p, trace, parts)
            }
        }
    }
}

fn has_series_ceiling(c: &Ceiling) -> bool {
    match c {
        Ceiling::PerEventOrSeries { .. } => true,
        Ceiling::LowestOf { items, .. } | Ceiling::HighestOf { items, .. } => {
            items.iter().any(has_series_ceiling)
        }
        Ceiling::InsurerPayout {
            otherwise: Some(o), ..
        } => has_series_ceiling(o),
        _ => false,
    }
}

/// The inputs that cannot be right, whatever the terms say. Messages name the field.
fn check_inputs(req: &LiabilityRequest) -> Result<()> {
    if let Some(e) = req.event_date {
        if e > req.as_of {
            return Err(Error::field(
                "event-date",
                format!(
                    "{e} is after the as-of date {}; give the day the damage arose, on or before the as-of date",
                    req.as_of
                ),
            ));
        }
    }
    if let Some(k) = req.known_date {
        let Some(e) = req.event_date else {
            return Err(Error::field(
                "known-date",
                "needs the event date: give the day the damage arose as well",
            ));
        };
        if k < e {
            return Err(Error::field(
                "known-date",
                format!(
                    "{k} is before the event date {e}; the customer cannot know of the damage before it arose"
                ),
            ));
        }
        if k > req.as_of {
            return Err(Error::field(
                "known-date",
                format!(
                    "{k} is after the as-of date {}; give a date on or before the as-of date",
                    req.as_of
                ),
            ));
        }
    }
    for (field, v) in [
        ("damage", Some(req.damage)),
        ("monthly", req.monthly),
        ("fees-paid", req.fees_paid),
        ("paid-this-year", req.paid_this_year),
        ("last-invoice", req.last_invoice),
        ("insurer-payout", req.insurer_payout),
        ("order-value", req.order_value),
    ] {
        if let Some(v) = v.filter(|v| v.is_sign_negative() && !v.is_zero()) {
            return Err(Error::field(
                field,
                format!(
                    "'{}' is negative; give an amount of 0 or more, e.g. 1234.56",
                    fmt_amount(v)
                ),
            ));
        }
    }
    Ok(())
}

/// The figures a request may give besides the damage, each with its field and what it is in
/// words (for the warning about a figure the clause does not use).
const FIGURES: [(&str, &str); 7] = [
    ("monthly", "the monthly fee"),
    ("fees-paid", "the fees paid"),
    ("paid-this-year", "what was already paid out this year"),
    ("last-invoice", "the last invoice paid"),
    ("insurer-payout", "the insurer's payout"),
    ("order-value", "the order value"),
    ("term-months", "the contract term"),
];

/// Figures given that the provider's clause does not use for this damage (e.g. an order value
/// where the ceiling is a fixed amount): named in one warning, so that a figure typed for
/// nothing is not mistaken for one that counted. A warning and not an error, because a batch
/// file may carry the columns of several providers' clauses.
fn warn_unused_figures(req: &LiabilityRequest, l: &Liability, kind: DamageKind, t: &mut Trace) {
    use std::fmt::Write as _;
    let given = [
        req.monthly.is_some(),
        req.fees_paid.is_some(),
        req.paid_this_year.is_some(),
        req.last_invoice.is_some(),
        req.insurer_payout.is_some(),
        req.order_value.is_some(),
        req.term_months.is_some(),
    ];
    if !given.contains(&true) {
        return;
    }
    let rule = l.kinds.get(kind);
    let ceiling = rule.ceiling.as_ref().unwrap_or(&l.ceiling);
    let mut used = Vec::new();
    if rule.treatment == Treatment::Capped {
        ceiling.inputs(req.no_invoice_paid, &mut used);
    }
    let unused: Vec<&str> = FIGURES
        .iter()
        .zip(given)
        .filter(|((field, _), on)| *on && !used.contains(field))
        .map(|((_, words), _)| *words)
        .collect();
    let Some((last, rest)) = unused.split_last() else {
        return;
    };
    let mut w = String::with_capacity(320);
    if rest.is_empty() {
        let _ = write!(w, "The figure given for {last} was not used");
    } else {
        w.push_str("The figures given for ");
        w.push_str(&rest.join(", "));
        let _ = write!(w, " and {last} were not used");
    }
    let _ = write!(
        w,
        ": the liability clause of {} for {kind} damage does not depend on {}; ",
        req.provider.display_name(),
        if rest.is_empty() { "it" } else { "them" }
    );
    let _ = match rule.treatment {
        Treatment::Capped => write!(
            w,
            "its ceiling (art. {}) is {}.",
            ceiling.article(),
            ceiling.describe()
        ),
        Treatment::Excluded => write!(w, "it excludes this damage (art. {}).", rule.article),
        Treatment::NotLimited => write!(
            w,
            "it sets no limit for this damage (art. {}).",
            rule.article
        ),
    };
    t.warn(w);
}

/// Works out the ceiling, the recoverable amount and the claim deadline for one damage, with
/// every step.
pub fn liability(req: &LiabilityRequest) -> Result<Outcome<LiabilityResult>> {
    liability_traced(req, true)
}

/// Works out the ceiling, the recoverable amount and the claim deadline for one damage. With
/// `trace` off no steps are built (the warnings are kept): for output that shows no
/// explanation, such as a CSV batch.
pub fn liability_traced(req: &LiabilityRequest, trace: bool) -> Result<Outcome<LiabilityResult>> {
    let p = req.provider;
    let Some(l) = &p.liability else {
        return Err(Error::field(
            "provider",
            format!(
                "the file for '{}' has no [liability] section; liability cannot be computed for it",
                p.id
            ),
        ));
    };
    check_inputs(req)?;
    let mut t = Trace::steps_if(trace);
    let kind = req.kind.unwrap_or(l.default_kind);
    let f = Figures {
        req,
        provider_name: p.display_name(),
    };

    // Who and what.
    let customer = super::customer_step(&mut t, p, req.customer, "mandatory law for them");
    match req.kind {
        Some(k) => step!(
            t,
            Citation::input("damage-kind"),
            format!("Damage kind: {k} ({}).", k.describe())
        ),
        None => step!(
            t,
            Citation::convention("default damage kind"),
            format!(
                "Damage kind: {kind} ({}), the default; give the damage kind for another.",
                kind.describe()
            )
        ),
    }
    let rule = l.kinds.get(kind);
    step_reading!(
        t,
        p.cite(rule.article.as_str()),
        {
            let treatment_text = match rule.treatment {
                Treatment::Capped => "recoverable up to the ceiling",
                Treatment::Excluded => "excluded",
                Treatment::NotLimited => "not limited by the terms",
            };
            let term = rule
                .clause_term
                .as_deref()
                .map(|s| format!(" (the clause's category: {s})"))
                .unwrap_or_default();
            format!(
                "Under the terms, {} is {treatment_text}{term}.",
                kind.describe()
            )
        },
        rule.reading.as_deref()
    );

    let consumer = customer == CustomerType::Consumer;
    let ceiling_rule = rule.ceiling.as_ref().unwrap_or(&l.ceiling);
    let mut parts = Vec::new();
    let (ceiling, recoverable, excluded, as_written, basis);

    if req.gross_negligence || kind == DamageKind::PersonalInjury {
        // What the clause would have allowed, for comparison only; figures may be missing.
        as_written = match rule.treatment {
            Treatment::Capped => {
                let mut scratch = Trace::without_steps();
                let mut scratch_parts = Vec::new();
                eval(ceiling_rule, &f, p, &mut scratch, &mut scratch_parts)
                    .ok()
                    .flatten()
            }
            Treatment::Excluded => Some(Decimal::ZERO),
            Treatment::NotLimited => None,
        };
        let written = || match (rule.treatment, as_written) {
            (Treatment::Excluded, _) => format!("excludes it (art. {})", rule.article),
            (Treatment::Capped, Some(v)) => format!(
                "caps it at EUR {} (art. {})",
                fmt_amount(v),
                ceiling_rule.article()
            ),
            (Treatment::Capped, None) => format!("caps it (art. {})", ceiling_rule.article()),
            (Treatment::NotLimited, _) => format!("sets no limit (art. {})", rule.article),
        };
        if req.gross_negligence {
            if let Some(c) = &l.intent_carve_out {
                step_reading!(
                    t,
                    p.cite(c.article.as_str()),
                    "The clause itself lifts its exclusions and limits for intent or gross negligence.",
                    c.reading.as_deref()
                );
            }
            step!(
                t,
                Citation::statute(law::BW, "3:40, 6:248 lid 2"),
                format!(
                    "Intent or gross negligence: the provider cannot rely on an exclusion or ceiling for its own (or its managers') intent or gross negligence; the clause, which {}, is set aside: no contractual ceiling, the full damage EUR {} is recoverable.",
                    written(),
                    fmt_amount(req.damage)
                )
            );
            basis = "no contractual ceiling: intent or gross negligence (BW 3:40, 6:248 lid 2)"
                .to_string();
        } else if rule.treatment == Treatment::NotLimited {
            step!(
                t,
                p.cite(rule.article.as_str()),
                format!(
                    "Death or personal injury: the terms themselves set no limit; the full damage EUR {} is recoverable under the general law.",
                    fmt_amount(req.damage)
                )
            );
            basis = format!(
                "no contractual ceiling for personal injury (art. {})",
                rule.article
            );
        } else {
            step!(
                t,
                Citation::statute(law::BW, "6:248 lid 2, 3:40"),
                format!(
                    "Death or personal injury: relying on a clause that limits or excludes liability for it is unacceptable by standards of reasonableness and fairness; the clause, which {}, is set aside: no contractual ceiling, the full damage EUR {} is recoverable.",
                    written(),
                    fmt_amount(req.damage)
                )
            );
            if consumer {
                step!(
                    t,
                    Citation::statute(law::BW, "6:237 sub f"),
                    "Consumer: a clause limiting liability is also presumed unreasonably onerous (grey list)."
                );
            }
            basis = "no contractual ceiling for death or personal injury (BW 6:248 lid 2, 3:40)"
                .to_string();
        }
        ceiling = None;
        recoverable = req.damage;
        excluded = false;
    } else {
        match rule.treatment {
            Treatment::Excluded => {
                step!(
                    t,
                    p.cite(rule.article.as_str()),
                    format!(
                        "Excluded: nothing of the damage EUR {} is recoverable under the terms.",
                        fmt_amount(req.damage)
                    )
                );
                ceiling = None;
                recoverable = Decimal::ZERO;
                excluded = true;
                as_written = Some(Decimal::ZERO);
                basis = format!("{kind} damage excluded (art. {})", rule.article);
            }
            Treatment::NotLimited => {
                step!(
                    t,
                    p.cite(rule.article.as_str()),
                    format!(
                        "The terms set no limit for this kind: the full damage EUR {} is recoverable.",
                        fmt_amount(req.damage)
                    )
                );
                ceiling = None;
                recoverable = req.damage;
                excluded = false;
                as_written = None;
                basis = format!("no contractual ceiling (art. {})", rule.article);
            }
            Treatment::Capped => {
                let c = eval(ceiling_rule, &f, p, &mut t, &mut parts)?;
                match c {
                    Some(c) => {
                        let r = req.damage.min(c);
                        step!(
                            t,
                            p.cite(ceiling_rule.article()),
                            format!(
                                "Recoverable: the lower of the damage EUR {} and the ceiling EUR {} = EUR {}.",
                                fmt_amount(req.damage),
                                fmt_amount(c),
                                fmt_amount(r)
                            )
                        );
                        if c.is_zero() {
                            t.warn(format!(
                                "The ceiling of art. {} comes to 0: a clause that empties liability altogether may be set aside as unacceptable (BW 6:248 lid 2).",
                                ceiling_rule.article()
                            ));
                        }
                        ceiling = Some(c);
                        recoverable = r;
                        basis = format!(
                            "{kind} damage capped at EUR {} (art. {})",
                            fmt_amount(c),
                            ceiling_rule.article()
                        );
                    }
                    None => {
                        step!(
                            t,
                            p.cite(ceiling_rule.article()),
                            format!(
                                "No ceiling of the clause applies to this contract: the full damage EUR {} is recoverable.",
                                fmt_amount(req.damage)
                            )
                        );
                        ceiling = None;
                        recoverable = req.damage;
                        basis = format!(
                            "no ceiling applies to this contract (art. {})",
                            ceiling_rule.article()
                        );
                    }
                }
                excluded = false;
                as_written = c;
            }
        }
        if consumer && rule.treatment != Treatment::NotLimited {
            step!(
                t,
                Citation::statute(law::BW, "6:237 sub f"),
                "Consumer: a clause that limits or excludes the provider's liability is on the grey list: presumed unreasonably onerous, so it may be annulled (BW 6:233 sub a); the figure above is what the clause allows."
            );
            t.warn(
                "Consumer: the liability clause is on the grey list (BW 6:237 sub f) and may be annulled; a court may allow more than the ceiling.",
            );
        }
    }

    // Series of connected events.
    if req.series {
        match &l.series {
            Some(s) => step_reading!(
                t,
                p.cite(s.article.as_str()),
                format!("A series of connected events: {}.", s.rule),
                s.reading.as_deref()
            ),
            None if !has_series_ceiling(ceiling_rule) => {
                step!(
                    t,
                    p.cite(l.article.as_str()),
                    "A series of connected events: the terms have no rule for one; the ceiling is applied once to the damage given."
                );
                t.warn("The terms set no rule for a series of connected events: the ceiling was applied once to the whole damage given; a court may apply it per event.");
            }
            None => {}
        }
    }

    // Claim deadlines.
    let deadlines = deadlines(req, l, p, customer, &mut t)?;
    let claim_deadline = deadlines
        .iter()
        .filter(|d| d.enforceable)
        .map(|d| d.last_day)
        .min();
    let claim_deadline_passed = claim_deadline.map(|d| req.as_of > d);
    if let (Some(d), Some(true)) = (claim_deadline, claim_deadline_passed) {
        t.warn(format!(
            "The claim deadline {d} has passed (as of {}): unless the claim was made in time, the terms let it lapse.",
            req.as_of
        ));
    }

    for n in &l.notes {
        step!(
            t,
            p.cite(n.article.as_str()),
            format!("{}.", n.text.trim_end_matches('.'))
        );
        // A cause-based exclusion that intent or gross negligence lifts needs no warning then.
        if n.warn && !req.gross_negligence {
            t.warn(format!("{} (art. {})", n.text, n.article));
        }
    }
    warn_unused_figures(req, l, kind, &mut t);

    Ok(t.finish(LiabilityResult {
        ceiling,
        recoverable,
        excluded,
        claim_deadline,
        claim_deadline_passed,
        basis,
        damage_kind: kind,
        customer,
        damage: req.damage,
        as_written_ceiling: as_written,
        ceiling_components: parts,
        deadlines,
    }))
}

fn deadlines(
    req: &LiabilityRequest,
    l: &Liability,
    p: &Provider,
    customer: CustomerType,
    t: &mut Trace,
) -> Result<Vec<DeadlineOutcome>> {
    let consumer = customer == CustomerType::Consumer;
    let mut out = Vec::new();
    if l.deadlines.is_empty() {
        let article = l
            .no_deadline
            .as_ref()
            .map_or(l.article.as_str(), |c| c.article.as_str());
        step!(
            t,
            p.cite(article),
            "The terms set no period for notifying or claiming the damage: no claim deadline from the terms (the statutory periods apply, e.g. prescription after five years, BW 3:310)."
        );
        return Ok(out);
    }
    let Some(event) = req.event_date else {
        step!(
            t,
            Citation::input("event-date"),
            "No event date given: the notification and lapse periods of the terms cannot be dated."
        );
        t.warn("No claim deadline was computed: give the day the damage arose (and the day it became known) to date the periods of the terms.");
        return Ok(out);
    };
    let known = req.known_date.unwrap_or(event);
    out.reserve(l.deadlines.len());
    for d in &l.deadlines {
        if !d.applies_to(customer) {
            step!(
                t,
                p.cite(d.article.as_str()),
                format!(
                    "The period of {} of art. {} is for {} customers only; it does not apply to a {customer}.",
                    d.period_text(),
                    d.article,
                    d.customers
                        .iter()
                        .flatten()
                        .map(|c| c.to_string())
                        .collect::<Vec<_>>()
                        .join(" and ")
                )
            );
            continue;
        }
        let from = match d.from {
            DeadlineFrom::Event => event,
            DeadlineFrom::Known | DeadlineFrom::LaterOfEventAndKnown => known,
        };
        let last = match (d.days, d.months, d.working_days) {
            (Some(n), _, _) => crate::calendar::add_days(from, i64::from(n)),
            (None, Some(n), _) => i32::try_from(n)
                .ok()
                .and_then(|n| crate::calendar::add_months(from, n)),
            (None, None, Some(n)) => crate::calendar::add_working_days(
                from,
                i64::from(n),
                crate::calendar::HolidaySet::Atw,
            ),
            (None, None, None) => None,
        }
        .ok_or_else(|| {
            Error::field(
                "event-date",
                format!(
                    "the deadline of art. {} falls outside the supported calendar",
                    d.article
                ),
            )
        })?;
        step_reading!(
            t,
            p.cite(d.article.as_str()),
            deadline_text(d, req.known_date.is_some(), event, from, last),
            d.reading.as_deref()
        );
        let mut enforceable = true;
        if consumer {
            if d.shorter_than_a_year() {
                enforceable = false;
                step!(
                    t,
                    Citation::statute(law::BW, "6:236 sub g"),
                    format!(
                        "Consumer: a period shorter than one year for a claim to lapse is on the black list and void; the period of art. {} is set aside.",
                        d.article
                    )
                );
            } else {
                step!(
                    t,
                    Citation::statute(law::BW, "6:237 sub h"),
                    format!(
                        "Consumer: the period of art. {} is on the grey list (presumed unreasonably onerous) and may be annulled.",
                        d.article
                    )
                );
            }
        }
        if enforceable && d.from == DeadlineFrom::Event && req.known_date.is_some_and(|k| k > last)
        {
            t.warn(format!(
                "The customer knew of the damage only on {known}, after the last day {last} of art. {}: a court may set the period aside (BW 6:248 lid 2).",
                d.article
            ));
        }
        out.push(DeadlineOutcome {
            kind: d.kind,
            from,
            last_day: last,
            article: d.article.clone(),
            enforceable,
            passed: req.as_of > last,
        });
    }
    Ok(out)
}

/// The step text of one notification or lapse period: from which day it runs, how it is
/// counted, and its last day.
fn deadline_text(
    d: &crate::terms::liability::Deadline,
    known_given: bool,
    event: NaiveDate,
    from: NaiveDate,
    last: NaiveDate,
) -> String {
    let from_text = match (d.from, known_given) {
        (DeadlineFrom::Event, _) => format!("the day the damage arose, {event}"),
        (DeadlineFrom::Known, true) => format!("the day the customer knew of the damage, {from}"),
        (DeadlineFrom::Known, false) => format!(
            "the day the customer knew of the damage (not given: the event date), {from}"
        ),
        (DeadlineFrom::LaterOfEventAndKnown, true) => format!(
            "the later of the event ({event}) and the day the customer knew of it ({from}), {from}"
        ),
        (DeadlineFrom::LaterOfEventAndKnown, false) => format!(
            "the later of the event and the day the customer knew of it (the latter not given: both {event}), {event}"
        ),
    };
    let what = match d.kind {
        DeadlineKind::Notify => format!(
            "Notify the damage{}",
            d.form
                .as_deref()
                .map(|f| format!(" ({f})"))
                .unwrap_or_default()
        ),
        DeadlineKind::Lapse => "The claim lapses".to_string(),
    };
    let period = d.period_text();
    if d.working_days.is_some() {
        format!(
            "{what} within {period} after {from_text}: the day itself is not counted; working days are Monday to Friday except the public holidays of the Algemene termijnenwet (the terms do not define werkdagen); counting {period} after {from}, the last day is {last} (inclusive)."
        )
    } else {
        format!(
            "{what} within {period} after {from_text}: the day itself is not counted, so the last day is {from} + {period} = {last} (inclusive; no shift for weekends or holidays, the Algemene termijnenwet covers statutory periods only)."
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::liability::{KindMap, KindRule, Liability};
    use crate::terms::ProviderSet;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        crate::calendar::parse_date(s).unwrap()
    }

    fn rule(treatment: Treatment) -> KindRule {
        KindRule {
            treatment,
            clause_term: None,
            article: "9.9".into(),
            reading: None,
            ceiling: None,
        }
    }

    /// The qupra identity with a hand-made liability section.
    fn provider_with(
        ceiling: Ceiling,
        deadlines: Vec<crate::terms::liability::Deadline>,
    ) -> Provider {
        let mut p = ProviderSet::embedded()
            .unwrap()
            .get("qupra")
            .unwrap()
            .clone();
        p.liability = Some(Liability {
            article: "9".into(),
            default_kind: DamageKind::Direct,
            kinds: KindMap {
                direct: rule(Treatment::Capped),
                property: rule(Treatment::Capped),
                indirect: rule(Treatment::Excluded),
                data: rule(Treatment::Excluded),
                personal_injury: rule(Treatment::NotLimited),
            },
            ceiling,
            series: None,
            intent_carve_out: None,
            deadlines,
            no_deadline: None,
            notes: vec![],
        });
        p
    }

    fn request(p: &Provider, damage: Decimal) -> LiabilityRequest<'_> {
        LiabilityRequest {
            provider: p,
            damage,
            kind: None,
            event_date: None,
            known_date: None,
            monthly: None,
            fees_paid: None,
            paid_this_year: None,
            last_invoice: None,
            no_invoice_paid: false,
            insurer_payout: None,
            order_value: None,
            term_months: None,
            series: false,
            customer: None,
            gross_negligence: false,
            as_of: d("2025-06-01"),
        }
    }

    fn fixed(amount: Decimal) -> Ceiling {
        Ceiling::Fixed {
            amount,
            article: "9.1".into(),
            reading: None,
        }
    }

    #[test]
    fn highest_of_takes_the_highest() {
        let p = provider_with(
            Ceiling::HighestOf {
                items: vec![fixed(dec!(500)), fixed(dec!(2000))],
                article: "9.1".into(),
                reading: None,
            },
            vec![],
        );
        let out = liability(&request(&p, dec!(5000))).unwrap();
        assert_eq!(out.result.ceiling, Some(dec!(2000)));
        assert_eq!(out.result.recoverable, dec!(2000));
        assert_eq!(out.result.ceiling_components.len(), 2);
    }

    #[test]
    fn fee_ceiling_skipped_for_short_contracts_leaves_no_ceiling() {
        let p = provider_with(
            Ceiling::FeesPaid {
                months: 6,
                basis: FeeBasis::Invoiced,
                only_if_term_over_months: Some(6),
                article: "9.2".into(),
                reading: None,
            },
            vec![],
        );
        let mut req = request(&p, dec!(700));
        req.term_months = Some(6);
        let out = liability(&req).unwrap();
        assert_eq!(out.result.ceiling, None);
        assert_eq!(out.result.recoverable, dec!(700));
        // Longer than six months: the figure is needed.
        req.term_months = Some(7);
        let e = liability(&req).unwrap_err().to_string();
        assert!(e.starts_with("`fees-paid`: needed, because"), "{e}");
    }

    #[test]
    fn monthly_multiple_rounds_half_away_from_zero_and_says_so() {
        let p = provider_with(
            Ceiling::MonthlyMultiple {
                multiple: dec!(1.5),
                article: "9.3".into(),
                reading: None,
            },
            vec![],
        );
        let mut req = request(&p, dec!(100));
        req.monthly = Some(dec!(0.01)); // 1.5 x 0.01 = 0.015 -> 0.02
        let out = liability(&req).unwrap();
        assert_eq!(out.result.ceiling, Some(dec!(0.02)));
        assert!(out
            .steps
            .iter()
            .any(|s| s.text.contains("half away from zero")));
    }

    #[test]
    fn known_date_moves_only_periods_that_run_from_knowledge() {
        use crate::terms::liability::Deadline;
        let dl = |from| Deadline {
            kind: DeadlineKind::Notify,
            days: Some(10),
            months: None,
            working_days: None,
            customers: None,
            from,
            form: None,
            article: "9.4".into(),
            reading: None,
        };
        let p = provider_with(
            fixed(dec!(100)),
            vec![dl(DeadlineFrom::Known), dl(DeadlineFrom::Event)],
        );
        let mut req = request(&p, dec!(50));
        req.event_date = Some(d("2025-05-01"));
        req.known_date = Some(d("2025-05-15"));
        let out = liability(&req).unwrap();
        let days: Vec<_> = out.result.deadlines.iter().map(|x| x.last_day).collect();
        // 05-15 + 10 = 05-25 (from knowledge); 05-01 + 10 = 05-11 (from the event).
        assert_eq!(days, vec![d("2025-05-25"), d("2025-05-11")]);
        assert_eq!(out.result.claim_deadline, Some(d("2025-05-11")));
        assert_eq!(out.result.claim_deadline_passed, Some(true));
        // Known after the event-based last day: a warning.
        assert!(out.warnings.iter().any(|w| w.contains("2025-05-11")));
    }

    #[test]
    fn consumer_short_period_is_void_but_ceiling_stays() {
        use crate::terms::liability::Deadline;
        let p = provider_with(
            fixed(dec!(100)),
            vec![Deadline {
                kind: DeadlineKind::Lapse,
                days: None,
                months: Some(11),
                working_days: None,
                customers: None,
                from: DeadlineFrom::Event,
                form: None,
                article: "9.5".into(),
                reading: None,
            }],
        );
        let mut req = request(&p, dec!(500));
        req.event_date = Some(d("2025-01-01"));
        req.customer = Some(CustomerType::Consumer);
        let out = liability(&req).unwrap();
        assert_eq!(out.result.claim_deadline, None);
        assert!(!out.result.deadlines[0].enforceable);
        assert_eq!(out.result.ceiling, Some(dec!(100)));
        assert!(out.warnings.iter().any(|w| w.contains("6:237 sub f")));
        // Consumers are not in qupra's audience: warned.
        assert!(out
            .warnings
            .iter()
            .any(|w| w.contains("not written for consumer")));
    }

    #[test]
    fn zero_damage_and_zero_ceiling() {
        let p = provider_with(fixed(dec!(100)), vec![]);
        let out = liability(&request(&p, Decimal::ZERO)).unwrap();
        assert_eq!(out.result.recoverable, Decimal::ZERO);
        let p = provider_with(
            Ceiling::MonthlyMultiple {
                multiple: dec!(1),
                article: "9.3".into(),
                reading: None,
            },
            vec![],
        );
        let mut req = request(&p, dec!(10));
        req.monthly = Some(Decimal::ZERO);
        let out = liability(&req).unwrap();
        assert_eq!(out.result.ceiling, Some(Decimal::ZERO));
        assert!(out.warnings.iter().any(|w| w.contains("6:248 lid 2")));
    }

    #[test]
    fn missing_liability_section_is_an_input_error() {
        let mut p = ProviderSet::embedded()
            .unwrap()
            .get("qupra")
            .unwrap()
            .clone();
        p.liability = None;
        let e = liability(&request(&p, dec!(1))).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Field {
                    field: "provider",
                    ..
                }
            ),
            "{e}"
        );
    }
}
