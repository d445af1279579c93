//! Extrajudicial collection costs (buitengerechtelijke incassokosten): the BIK scale for
//! consumers (mandatory, BW 6:96 lid 5), the provider's clause for businesses where it fixes an
//! amount (never below 40 euro, BW 6:96 lid 4), VAT on top where the creditor cannot deduct it
//! (BIK art. 2 lid 3), and the first day the costs are due after a 14-day letter (6:96 lid 6).

use crate::calendar::{self, HolidaySet};
use crate::error::{Error, Result};
use crate::law::{self, bik};
use crate::money::{fmt_amount, fmt_plain, round_cents};
use crate::report::{Citation, Detail, Outcome, Tabular, Trace, Value};
use crate::terms::collection::CostClause;
use crate::terms::{CustomerType, Provider};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;
use std::borrow::Cow;

/// The question "how much may be charged for collecting these claims?".
#[derive(Debug, Clone)]
pub struct CollectionRequest<'a> {
    /// The unpaid principal of each claim against the debtor (invoice amounts incl. VAT,
    /// without interest). Several claims are added together (BW 6:96 lid 7). Borrowed where
    /// the caller keeps them (a request), owned where it works them out (a quote).
    pub principals: Cow<'a, [Decimal]>,
    /// `None`: the provider file's default customer, or business without a provider.
    pub customer: Option<CustomerType>,
    pub provider: Option<&'a Provider>,
    /// The creditor cannot deduct VAT and has said so: 21 % on top (BIK art. 2 lid 3).
    pub vat: bool,
    /// The day the debtor received the 14-day letter (consumers, BW 6:96 lid 6).
    pub letter_date: Option<NaiveDate>,
    /// The day the 14-day letter was sent, when the day of receipt is not known: receipt is
    /// then presumed (see [`presumed_receipt`]). Excludes `letter_date`.
    pub letter_sent: Option<NaiveDate>,
    /// The first day the debtor was in default (verzuim).
    pub default_date: Option<NaiveDate>,
    /// The last day to pay (the latest of the claims when there are several): without
    /// `default_date`, default is derived from it and the provider's terms.
    pub due: Option<NaiveDate>,
    /// The day a demand (aanmaning) was received, for terms under which default begins only
    /// after a demand (e.g. Compri 20.3).
    pub demand: Option<NaiveDate>,
    /// "Today".
    pub as_of: NaiveDate,
}

/// Where the amount comes from. JSON: snake_case strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The scale of BIK art. 2 (consumers always; businesses by default or by reference).
    StatutoryScale,
    /// The scale printed in the provider's terms (business).
    ProviderScale,
    /// A percentage fixed by the provider's terms (business).
    ProviderPercentage,
    /// The BIK scale as a reference amount only: the clause claims actual costs, or the claim
    /// went into default before the Besluit applied.
    StatutoryScaleReference,
}

impl Basis {
    fn label(self) -> &'static str {
        match self {
            Basis::StatutoryScale => "statutory BIK scale",
            Basis::ProviderScale => "provider's own scale",
            Basis::ProviderPercentage => "provider's percentage",
            Basis::StatutoryScaleReference => "BIK scale as reference",
        }
    }
}

/// The answer. JSON keys are part of the output contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CollectionResult {
    /// Collection costs, excluding VAT, rounded to cents.
    #[serde(serialize_with = "crate::money::ser_amount")]
    pub costs: Decimal,
    /// VAT on top (0.00 unless the creditor cannot deduct VAT).
    #[serde(serialize_with = "crate::money::ser_amount")]
    pub vat: Decimal,
    /// Costs plus VAT.
    #[serde(serialize_with = "crate::money::ser_amount")]
    pub total: Decimal,
    pub basis: Basis,
    /// The first day the costs may be charged, where known.
    pub due_from: Option<NaiveDate>,
    /// The principals added together.
    #[serde(serialize_with = "crate::money::ser_amount")]
    pub principal: Decimal,
    /// How many claims were added together.
    pub claims: usize,
    /// The customer type the calculation used.
    pub customer: CustomerType,
    /// The BIK scale amount for the principal (at least 40, at most 6,775), for comparison.
    #[serde(serialize_with = "crate::money::ser_amount")]
    pub bik_amount: Decimal,
    /// What the provider's clause gives as written, where it fixes an amount (null otherwise).
    #[serde(serialize_with = "crate::money::ser_opt_amount")]
    pub as_written: Option<Decimal>,
    /// The provider's clause was set aside by mandatory law.
    pub clause_set_aside: bool,
    /// A minimum raised the amount (BIK art. 2 lid 2, 6:96 lid 4 or the clause's own).
    pub minimum_applied: bool,
    /// A maximum lowered the amount.
    pub maximum_applied: bool,
    /// VAT percentage applied ("0" unless the creditor cannot deduct VAT).
    #[serde(serialize_with = "crate::money::ser_plain")]
    pub vat_rate: Decimal,
    /// The day the 14-day letter was received (given, or presumed from the day it was sent).
    pub letter_received: Option<NaiveDate>,
    /// Last day of the 14-day term after the Algemene termijnenwet (consumers with a letter).
    pub letter_term_end: Option<NaiveDate>,
    /// The first day of default used: the default date given, or derived from the due date and the
    /// terms; `null` when neither is known.
    pub default_from: Option<NaiveDate>,
    /// Whether the consumer's 14-day letter counts: `false` when it was received before
    /// default began (BW 6:96 lid 6), and then `costs` is 0; `null` without a letter or
    /// without a known default, and for business debtors (who need no letter).
    pub letter_valid: Option<bool>,
    /// The brackets of the scale (or the single percentage band) behind `costs`.
    pub brackets: Vec<bik::BracketAmount>,
}

impl Tabular for CollectionResult {
    fn visit_fields(&self, f: &mut dyn FnMut(&'static str, &'static str, Value<'_>)) {
        f("principal", "Principal", Value::Amount(self.principal));
        f(
            "claims",
            "Claims added together",
            Value::Count(self.claims as u64),
        );
        f("customer", "Customer", Value::Text(self.customer.as_str()));
        f("basis", "Basis", Value::Text(self.basis.label()));
        f(
            "costs",
            "Collection costs (excl. VAT)",
            Value::Amount(self.costs),
        );
        f("vat", "VAT", Value::Amount(self.vat));
        f("total", "Total", Value::Amount(self.total));
        f("due_from", "Due from", Value::date_or_empty(self.due_from));
        f(
            "bik_amount",
            "BIK scale amount",
            Value::Amount(self.bik_amount),
        );
        f(
            "default_from",
            "In default from",
            Value::date_or_empty(self.default_from),
        );
        f(
            "letter_valid",
            "14-day letter valid",
            self.letter_valid.map_or(Value::Empty, Value::Bool),
        );
    }

    fn details(&self) -> Vec<Detail> {
        if self.brackets.is_empty() {
            return Vec::new();
        }
        vec![Detail {
            title: "Brackets (amounts exact, shown rounded to cents)".to_string(),
            header: ["From", "To", "Rate %", "Portion", "Amount"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            rows: self
                .brackets
                .iter()
                .map(|b| {
                    vec![
                        fmt_amount(b.from),
                        b.to.map(fmt_amount).unwrap_or_else(|| "-".to_string()),
                        fmt_plain(b.rate),
                        fmt_amount(b.portion),
                        fmt_amount(b.amount),
                    ]
                })
                .collect(),
        }]
    }
}

/// Where the customer type came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerSource {
    /// Given with the request.
    Given,
    /// The provider file's `audience.default_customer`.
    ProviderDefault,
    /// Neither: business (the amount is the same BIK scale for a consumer).
    DefaultWithoutProvider,
}

/// The customer type to use and where it came from (for the steps and `inputs`).
pub fn resolve_customer(
    asked: Option<CustomerType>,
    provider: Option<&Provider>,
) -> (CustomerType, CustomerSource) {
    match (asked, provider) {
        (Some(c), _) => (c, CustomerSource::Given),
        (None, Some(p)) => (p.customer_or_default(None), CustomerSource::ProviderDefault),
        (None, None) => (
            CustomerType::Business,
            CustomerSource::DefaultWithoutProvider,
        ),
    }
}

/// The presumed day of receipt of a posted letter: the second day after sending, where
/// Sundays, Mondays and holidays are not counted (HR 25 November 2016, ECLI:NL:HR:2016:2704,
/// for default judgments; post is not delivered on Sundays and Mondays).
pub fn presumed_receipt(sent: NaiveDate) -> Option<NaiveDate> {
    let mut d = sent;
    let mut counted = 0;
    while counted < 2 {
        d = calendar::add_days(d, 1)?;
        let skip = matches!(d.weekday(), chrono::Weekday::Sun | chrono::Weekday::Mon)
            || calendar::holiday_name(d, HolidaySet::AtwWithDecrees).is_some();
        if !skip {
            counted += 1;
        }
    }
    Some(d)
}

/// The 14-day letter of BW 6:96 lid 6: the term starts the day after receipt and runs 14
/// days; an end on a Saturday, Sunday or holiday moves to the next working day (Atw art. 1,
/// with the days declared equal by decree under art. 3 lid 3), and the term must hold at
/// least two working days (Atw art. 2). Returns (unextended end, extended end).
pub fn letter_term(received: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let set = HolidaySet::AtwWithDecrees;
    let first = calendar::add_days(received, 1)?;
    let plain_end = calendar::add_days(received, 14)?;
    let mut end = plain_end;
    while !calendar::is_working_day(end, set) {
        end = calendar::add_days(end, 1)?;
    }
    // Atw art. 2: at least two working days inside the term (always true for 14 days, checked
    // anyway so that the rule is visible in code).
    // Counting stops at two: more are not needed.
    let mut working = 0;
    let mut d = first;
    while d <= end && working < 2 {
        if calendar::is_working_day(d, set) {
            working += 1;
        }
        d = calendar::add_days(d, 1)?;
    }
    while working < 2 {
        end = calendar::add_days(end, 1)?;
        if calendar::is_working_day(end, set) {
            working += 1;
        }
    }
    Some((plain_end, end))
}

/// The brackets as arithmetic for a step: "15 % × 2500.00 = 375; 10 % × 500.00 = 50".
fn brackets_text(brackets: &[bik::BracketAmount]) -> String {
    brackets
        .iter()
        .map(|b| {
            format!(
                "{} % × {} = {}",
                fmt_plain(b.rate),
                fmt_amount(b.portion),
                fmt_plain(b.amount)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Applies a clause's own minimum and maximum; where `text` is given (tracing), notes each in
/// the step text.
fn clause_bounds(
    value: Decimal,
    minimum: Option<Decimal>,
    maximum: Option<Decimal>,
    mut text: Option<&mut String>,
    minimum_applied: &mut bool,
    maximum_applied: &mut bool,
) -> Decimal {
    let mut v = value;
    if let Some(m) = minimum.filter(|m| v < *m) {
        v = m;
        *minimum_applied = true;
        if let Some(text) = text.as_deref_mut() {
            text.push_str(&format!(
                ", raised to the clause's minimum {}",
                fmt_amount(m)
            ));
        }
    }
    if let Some(m) = maximum.filter(|m| v > *m) {
        v = m;
        *maximum_applied = true;
        if let Some(text) = text {
            text.push_str(&format!(
                ", lowered to the clause's maximum {}",
                fmt_amount(m)
            ));
        }
    }
    v
}

fn describe_day(d: NaiveDate) -> String {
    match calendar::holiday_name(d, HolidaySet::AtwWithDecrees) {
        Some(h) => format!("{d} ({}, {h})", calendar::weekday_name(d)),
        None => format!("{d} ({})", calendar::weekday_name(d)),
    }
}

/// Works out the collection costs, with every step.
pub fn collection_costs(req: &CollectionRequest) -> Result<Outcome<CollectionResult>> {
    collection_costs_traced(req, true)
}

/// Works out the collection costs. With `trace` off no steps are built (the warnings are
/// kept): for output that shows no explanation, such as a CSV batch.
pub fn collection_costs_traced(
    req: &CollectionRequest,
    trace: bool,
) -> Result<Outcome<CollectionResult>> {
    let mut t = Trace::steps_if(trace);
    let bw = |a: &str| Citation::statute(law::BW, a);
    let besluit = |a: &str| Citation::statute(law::BIK, a);

    // --- inputs -------------------------------------------------------------------------
    if req.principals.is_empty() {
        return Err(Error::field(
            "principal",
            "give the unpaid principal of each claim, e.g. 1250.00",
        ));
    }
    let mut principal = Decimal::ZERO;
    for p in req.principals.iter() {
        if *p <= Decimal::ZERO {
            return Err(Error::field(
                "principal",
                format!(
                    "{} must be more than 0: give the unpaid principal of the claim",
                    fmt_amount(*p)
                ),
            ));
        }
        principal = principal.checked_add(*p).ok_or_else(|| {
            Error::field(
                "principal",
                "the principals add up to more than termcalc can compute",
            )
        })?;
    }
    // The day of receipt, the field it comes from, and the day of sending where receipt is
    // presumed from it.
    let received = match (req.letter_date, req.letter_sent) {
        (Some(_), Some(_)) => {
            return Err(Error::field(
                "letter-sent",
                "give either the day the 14-day letter was received or the day it was sent, \
                 not both",
            ))
        }
        (Some(r), None) => Some((r, "letter-date", None)),
        (None, Some(s)) => {
            let r = presumed_receipt(s).ok_or_else(|| {
                Error::field(
                    "letter-sent",
                    format!(
                        "{s}: the presumed day of receipt is past the last date termcalc \
                         supports"
                    ),
                )
            })?;
            Some((r, "letter-sent", Some(s)))
        }
        (None, None) => None,
    };
    let (customer, source) = resolve_customer(req.customer, req.provider);
    let consumer = customer == CustomerType::Consumer;
    match (source, req.provider) {
        (CustomerSource::Given, _) => step!(
            t,
            Citation::input("customer"),
            format!("Customer: {customer} (as given).")
        ),
        (CustomerSource::ProviderDefault, Some(p)) => step!(
            t,
            p.cite(p.audience.article.as_str()),
            format!("Customer: {customer}, the default for these terms.")
        ),
        _ => step!(
            t,
            Citation::convention("customer without a provider"),
            "Customer: business (neither a customer type nor a provider given). For a consumer \
             the amount would be the same BIK scale, but due only after a 14-day letter; give \
             the customer type consumer for that."
        ),
    }
    if customer == CustomerType::Reseller {
        step!(
            t,
            bw("6:96 lid 4"),
            "A reseller contracts in the course of its business: treated as a business debtor."
        );
    }
    if let Some(p) = req.provider {
        if consumer && !p.audience.customers.contains(&CustomerType::Consumer) {
            t.warn(format!(
                "{} addresses its terms to {} only (art. {}); consumer law is applied anyway",
                p.display_name(),
                p.audience_summary(),
                p.audience.article
            ));
        }
    }

    // --- default (verzuim) and the letter ------------------------------------------------------
    let default_from = resolve_default(req, customer, &mut t)?;
    // BW 6:96 lid 6: the letter must remind a debtor who is already in default; one received
    // before default began (before or on the due date) is no valid letter (HR 25 November
    // 2016, ECLI:NL:HR:2016:2704), and no costs may be charged on it.
    let letter_valid = match (consumer, received, default_from) {
        (true, Some((r, _, sent)), Some(d)) => {
            let given = || match sent {
                Some(s) => format!("sent {s}, presumed received {r}"),
                None => format!("received {r}"),
            };
            if r < d {
                step!(
                    t,
                    bw("6:96 lid 6"),
                    format!(
                        "The 14-day letter ({}) reached the debtor before default began on \
                         {d}: it is no valid 14-day letter, so no collection costs may be \
                         charged on it (HR 25 November 2016, ECLI:NL:HR:2016:2704).",
                        given()
                    )
                );
                t.warn(format!(
                    "the 14-day letter was received on {r}, before default began on {d}: it does \
                     not count, and no collection costs are due until a new letter is received \
                     on or after {d} and its 14 days pass unpaid"
                ));
                Some(false)
            } else {
                step!(
                    t,
                    bw("6:96 lid 6"),
                    format!(
                        "The 14-day letter ({}) reached the debtor on or after the first day of \
                         default, {d}: it can count as the 14-day letter.",
                        given()
                    )
                );
                Some(true)
            }
        }
        _ => None,
    };

    // --- principal ------------------------------------------------------------------------
    let n = req.principals.len();
    if n > 1 {
        step!(t, bw("6:96 lid 7"), {
            let parts: Vec<String> = req.principals.iter().map(|p| fmt_amount(*p)).collect();
            format!(
                "{n} claims against one debtor are added together: {} = {}.",
                parts.join(" + "),
                fmt_amount(principal)
            )
        });
    } else {
        step!(
            t,
            Citation::input("principal"),
            format!("Principal: {}.", fmt_amount(principal))
        );
    }
    step!(
        t,
        besluit("2 lid 1"),
        "The base is the unpaid principal (invoice amounts including their VAT), without \
         interest or earlier costs."
    );

    // --- which period's law ------------------------------------------------------------------
    let mut pre_bik = false;
    match default_from {
        Some(d) if d < bik::in_force() => {
            pre_bik = true;
            step!(
                t,
                besluit("1, 2"),
                format!(
                    "The claim went into default on {d}, before {}: the Besluit does not \
                     cover it. termcalc has no verified table of the rules used before \
                     (Rapport Voor-werk II) and shows the BIK scale as a reference only.",
                    bik::in_force()
                )
            );
            t.warn(format!(
                "default before {}: the BIK scale is shown as a reference only; the court \
                 practice of the time (Rapport Voor-werk II) is not implemented",
                bik::in_force()
            ));
        }
        Some(d) => step!(
            t,
            besluit("1"),
            format!(
                "The claim went into default on {d}, on or after {}: the Besluit applies.",
                bik::in_force()
            )
        ),
        None if received.is_some_and(|(r, _, _)| r < bik::in_force()) => {
            pre_bik = true;
            step!(
                t,
                besluit("1, 2"),
                format!(
                    "The 14-day letter was received before {}, so the claim was in default \
                     before then: the Besluit does not cover it; the BIK scale is shown as a \
                     reference only.",
                    bik::in_force()
                )
            );
            t.warn(format!(
                "default before {}: the BIK scale is shown as a reference only; the court \
                 practice of the time (Rapport Voor-werk II) is not implemented",
                bik::in_force()
            ));
        }
        None => step!(
            t,
            Citation::convention("default date assumed after 2012-07-01"),
            "No default date given: the claim is assumed to have gone into default on or after \
             2012-07-01, when the Besluit took effect."
        ),
    }

    // --- the statutory scale ------------------------------------------------------------------
    // The brackets behind the costs: the statutory ones, unless the provider's own scale or
    // percentage decides (below). Their exact sum is the scale's raw amount.
    let bik_brackets = bik::breakdown(principal);
    let raw: Decimal = bik_brackets.iter().map(|b| b.amount).sum();
    let bik_amount = bik::scale_amount(raw);
    let mut own_brackets = None;

    let clause = req
        .provider
        .and_then(|p| p.collection.as_ref().map(|c| (p, &c.clause)));
    if let (Some(p), None) = (req.provider, clause) {
        t.warn(format!(
            "the provider file of {} has no collection-cost clause; the BIK scale is used",
            p.display_name()
        ));
    }
    let as_written = clause.and_then(|(_, c)| c.amount(principal));

    // BIK art. 2 lid 1 and 2: the scale's sum, at least the minimum, at most the maximum.
    let mut minimum_applied = false;
    let mut maximum_applied = false;
    let mut clause_set_aside = false;
    let exact: Decimal;
    let basis: Basis;

    let scale_step = |t: &mut Trace, minimum_applied: &mut bool, maximum_applied: &mut bool| {
        *minimum_applied |= raw < bik::MINIMUM;
        *maximum_applied |= raw > bik::MAXIMUM;
        step!(t, besluit("2 lid 1 and 2"), {
            let mut text = format!(
                "BIK scale: {}; sum {}",
                brackets_text(&bik_brackets),
                fmt_plain(raw)
            );
            if raw < bik::MINIMUM {
                text.push_str(&format!(
                    ", below the minimum: {} (art. 2 lid 2)",
                    fmt_amount(bik::MINIMUM)
                ));
            } else if raw > bik::MAXIMUM {
                text.push_str(&format!(
                    ", above the maximum: {} (art. 2 lid 1)",
                    fmt_amount(bik::MAXIMUM)
                ));
            }
            text.push('.');
            text
        });
    };

    if consumer {
        basis = if pre_bik {
            Basis::StatutoryScaleReference
        } else {
            Basis::StatutoryScale
        };
        step!(
            t,
            bw("6:96 lid 5"),
            "Consumer debtor: the BIK scale is mandatory; no term may charge more."
        );
        if let Some((p, c)) = clause {
            // Set aside unless its amount equals the scale and it claims nothing more.
            clause_set_aside = as_written.is_none_or(|w| round_cents(w) != bik_amount)
                || c.higher_costs_if_proven();
            step!(t, p.cite(c.article()), {
                let mut text = format!(
                    "Art. {} ({}) is set aside for a consumer: BW 6:96 lid 5 allows no deviation \
                     from the Besluit to the debtor's detriment",
                    c.article(),
                    c.summary()
                );
                match as_written {
                    Some(w) if round_cents(w) != bik_amount => {
                        text.push_str(&format!("; as written it would give {}", fmt_amount(w)))
                    }
                    Some(_) => text.push_str("; its amount equals the scale here"),
                    None => {}
                }
                if c.higher_costs_if_proven() {
                    text.push_str("; its claim to proven higher costs does not apply either");
                }
                text.push('.');
                text
            });
        }
        scale_step(&mut t, &mut minimum_applied, &mut maximum_applied);
        exact = raw.clamp(bik::MINIMUM, bik::MAXIMUM);
    } else {
        match clause {
            None => {
                basis = if pre_bik {
                    Basis::StatutoryScaleReference
                } else {
                    Basis::StatutoryScale
                };
                step!(
                    t,
                    besluit("2"),
                    "Business debtor without a clause that fixes an amount: the BIK scale \
                     applies as default law (courts follow it for businesses too, Rapport \
                     BGK-integraal)."
                );
                scale_step(&mut t, &mut minimum_applied, &mut maximum_applied);
                exact = raw.clamp(bik::MINIMUM, bik::MAXIMUM);
            }
            Some((p, c)) => {
                let reading = c.reading();
                match c {
                    CostClause::StatutoryScale { .. } => {
                        basis = if pre_bik {
                            Basis::StatutoryScaleReference
                        } else {
                            Basis::StatutoryScale
                        };
                        step_reading!(
                            t,
                            p.cite(c.article()),
                            format!(
                                "Business debtor: art. {} sets the costs by the statutory scale.",
                                c.article()
                            ),
                            reading
                        );
                        scale_step(&mut t, &mut minimum_applied, &mut maximum_applied);
                        exact = raw.clamp(bik::MINIMUM, bik::MAXIMUM);
                    }
                    CostClause::ActualCosts { .. } => {
                        basis = Basis::StatutoryScaleReference;
                        step_reading!(
                            t,
                            p.cite(c.article()),
                            format!(
                                "Business debtor: art. {} claims the costs actually incurred and \
                                 fixes no amount; the BIK scale is used as the reference amount.",
                                c.article()
                            ),
                            reading
                        );
                        t.warn(format!(
                            "art. {} of {} claims the actual collection costs; termcalc shows the \
                             BIK scale as the reference amount; higher actual costs must be \
                             shown and be reasonable (BW 6:96 lid 2 sub c)",
                            c.article(),
                            p.display_name()
                        ));
                        scale_step(&mut t, &mut minimum_applied, &mut maximum_applied);
                        exact = raw.clamp(bik::MINIMUM, bik::MAXIMUM);
                    }
                    CostClause::Scale {
                        tiers,
                        minimum,
                        maximum,
                        ..
                    } => {
                        basis = Basis::ProviderScale;
                        let brackets = bik::breakdown_tiers(
                            principal,
                            tiers.iter().map(|x| (x.up_to, x.percent)),
                        );
                        let sum: Decimal = brackets.iter().map(|b| b.amount).sum();
                        let mut text = t.keeps_steps().then(|| {
                            format!(
                                "Business debtor: the scale of art. {}: {}; sum {}",
                                c.article(),
                                brackets_text(&brackets),
                                fmt_plain(sum)
                            )
                        });
                        exact = clause_bounds(
                            sum,
                            *minimum,
                            *maximum,
                            text.as_mut(),
                            &mut minimum_applied,
                            &mut maximum_applied,
                        );
                        if let Some(mut text) = text {
                            text.push('.');
                            step_reading!(t, p.cite(c.article()), text, reading);
                        }
                        own_brackets = Some(brackets);
                    }
                    CostClause::Percentage {
                        percent,
                        minimum,
                        maximum,
                        ..
                    } => {
                        basis = Basis::ProviderPercentage;
                        let pct = bik::percent_of(principal, *percent);
                        own_brackets = Some(vec![bik::BracketAmount {
                            from: Decimal::ZERO,
                            to: None,
                            rate: *percent,
                            portion: principal,
                            amount: pct,
                        }]);
                        let mut text = t.keeps_steps().then(|| {
                            format!(
                                "Business debtor: art. {} fixes {} % of the principal: {} % × {} \
                                 = {}",
                                c.article(),
                                fmt_plain(*percent),
                                fmt_plain(*percent),
                                fmt_amount(principal),
                                fmt_plain(pct)
                            )
                        });
                        exact = clause_bounds(
                            pct,
                            *minimum,
                            *maximum,
                            text.as_mut(),
                            &mut minimum_applied,
                            &mut maximum_applied,
                        );
                        if let Some(mut text) = text {
                            text.push('.');
                            step_reading!(t, p.cite(c.article()), text, reading);
                        }
                    }
                }
                if c.higher_costs_if_proven() {
                    t.warn(format!(
                        "art. {} also allows proven, reasonably necessary higher costs; they are \
                         not included",
                        c.article()
                    ));
                }
                if matches!(basis, Basis::ProviderScale | Basis::ProviderPercentage)
                    && round_cents(exact) > bik_amount
                {
                    t.warn(format!(
                        "the contractual {} is more than the BIK scale's {}; a court may reduce a \
                         stipulated amount to the scale (art. 242 Rv, BW 6:94)",
                        fmt_amount(exact),
                        fmt_amount(bik_amount)
                    ));
                }
            }
        }
    }

    // Business: never below 40 per late invoice (BW 6:96 lid 4, implementing directive 2011/7
    // art. 6 lid 1: a fixed sum for each transaction paid late, also when several are claimed
    // together, CJEU 20 October 2022, C-585/20 BFF Finance Iberia), whatever the clause.
    let mut exact = exact;
    if !consumer {
        let minimum = bik::MINIMUM * Decimal::from(n);
        let per = || {
            if n > 1 {
                format!(
                    "{} per late invoice × {n} invoices = {} (each invoice is a transaction of \
                     its own, directive 2011/7 art. 6 lid 1; CJEU C-585/20 BFF Finance Iberia)",
                    fmt_amount(bik::MINIMUM),
                    fmt_amount(minimum)
                )
            } else {
                fmt_amount(minimum)
            }
        };
        if exact < minimum {
            step!(
                t,
                bw("6:96 lid 4"),
                format!(
                    "Commercial claim: at least {}; {} is raised to {}.",
                    per(),
                    fmt_plain(exact),
                    fmt_amount(minimum)
                )
            );
            exact = minimum;
            minimum_applied = true;
        } else {
            step!(
                t,
                bw("6:96 lid 4"),
                format!(
                    "Commercial claim: at least {}; {} is not below it.",
                    per(),
                    fmt_plain(exact)
                )
            );
        }
        if let Some(d) = default_from {
            let lid4 = NaiveDate::from_ymd_opt(2013, 3, 16).unwrap_or_default();
            if d < lid4 {
                t.warn(format!(
                    "BW 6:96 lid 4 (the 40.00 minimum for commercial claims) applies from {lid4} \
                     (Stb. 2012, 647); this claim went into default on {d}"
                ));
            }
        }
    }

    let costs = round_cents(exact);
    step!(
        t,
        Citation::convention("rounding"),
        format!(
            "Rounded once, on the total, half away from zero to cents: {} → {}. Bracket \
             amounts are kept exact until then.",
            fmt_plain(exact),
            fmt_amount(costs)
        )
    );

    // --- VAT ------------------------------------------------------------------------------
    let (vat_rate, vat) = if req.vat {
        let v = round_cents(costs * bik::VAT_PERCENT / Decimal::ONE_HUNDRED);
        step!(
            t,
            besluit("2 lid 3"),
            format!(
                "The creditor cannot deduct VAT and has said so (to a consumer, in the 14-day \
                 letter): {} % VAT on top: {} × {} % = {} (rounded half away from zero to \
                 cents).",
                fmt_plain(bik::VAT_PERCENT),
                fmt_amount(costs),
                fmt_plain(bik::VAT_PERCENT),
                fmt_amount(v)
            )
        );
        if default_from.is_some_and(|d| d < bik::vat_21_from()) {
            t.warn(format!(
                "the general VAT rate was 19 % before {}; termcalc adds 21 %",
                bik::vat_21_from()
            ));
        }
        (bik::VAT_PERCENT, v)
    } else {
        step!(
            t,
            besluit("2 lid 3"),
            "No VAT added: only a creditor who cannot deduct VAT may add it, and that was not \
             stated."
        );
        (Decimal::ZERO, Decimal::ZERO)
    };
    let total = costs + vat;

    // --- when the costs are due ---------------------------------------------------------------
    let mut due_from = None;
    let mut letter_term_end = None;
    if consumer {
        match received {
            Some(_) if letter_valid == Some(false) => {}
            Some((received, field, sent)) => {
                if let Some(s) = sent {
                    step!(
                        t,
                        Citation::convention("presumed receipt of a posted letter"),
                        format!(
                            "Letter sent on {}: receipt presumed on {}, the second day after \
                             sending, not counting Sundays, Mondays and holidays (the \
                             presumption of HR 25 November 2016 for default judgments).",
                            describe_day(s),
                            describe_day(received)
                        )
                    );
                    t.warn(
                        "the day of receipt is presumed from the day the letter was sent; the \
                         debtor may show a later receipt, and the due date then moves with it",
                    );
                }
                let (plain_end, end) = letter_term(received).ok_or_else(|| {
                    Error::field(
                        field,
                        format!(
                            "{received}: the 14-day term runs past the last date termcalc \
                             supports"
                        ),
                    )
                })?;
                step!(t, bw("6:96 lid 6"), {
                    let first = calendar::add_days(received, 1).unwrap_or(received);
                    format!(
                        "14-day letter received on {}: the term starts the next day ({first}) \
                         and its 14th day is {} (HR 25 November 2016, ECLI:NL:HR:2016:2704). \
                         The letter must name the costs that will be charged if payment does \
                         not follow.",
                        describe_day(received),
                        describe_day(plain_end)
                    )
                });
                if end != plain_end {
                    step!(t, Citation::statute(law::ATW, "1 lid 1, 3"), {
                        let mut skipped = Vec::new();
                        let mut s = plain_end;
                        while s < end {
                            skipped.push(describe_day(s));
                            s = calendar::add_days(s, 1).unwrap_or(end);
                        }
                        format!(
                            "A statutory term ending on a Saturday, Sunday or holiday runs on to \
                             the next working day: {} are not working days, so the term ends \
                             on {}.",
                            skipped.join(", "),
                            describe_day(end)
                        )
                    });
                } else {
                    step!(
                        t,
                        Citation::statute(law::ATW, "1 lid 1"),
                        format!(
                            "{} is a working day: the Algemene termijnenwet does not extend the \
                             term.",
                            describe_day(end)
                        )
                    );
                }
                if end.year() > calendar_decree_horizon() {
                    t.warn(
                        "days declared equal to holidays by decree (Atw art. 3 lid 3) are known \
                         through 2028 only",
                    );
                }
                let due = calendar::add_days(end, 1).unwrap_or(end);
                step!(
                    t,
                    bw("6:96 lid 6"),
                    format!(
                        "Unpaid by the end of the term: the costs are due from {due}, the day \
                         after its last day."
                    )
                );
                due_from = Some(due);
                letter_term_end = Some(end);
            }
            None => {
                t.warn(
                    "a consumer owes collection costs only after a 14-day letter (BW 6:96 lid 6); \
                     give the day the letter was received (or the day it was sent) to get the \
                     first day they are due",
                );
            }
        }
    } else {
        if received.is_some() {
            step!(
                t,
                bw("6:96 lid 4"),
                "A business debtor needs no 14-day letter; the letter does not change the due \
                 date."
            );
        }
        match default_from {
            Some(d) => {
                step!(
                    t,
                    bw("6:96 lid 4"),
                    format!(
                        "Commercial claim: due without a reminder from the first day of \
                         default, {d}."
                    )
                );
                due_from = Some(d);
            }
            None => step!(
                t,
                bw("6:96 lid 4"),
                "Neither a default date nor a due date given: the costs are due from the day \
                 after the last day to pay; give either to see it."
            ),
        }
        if let (Some(d), Some((_, c))) = (due_from, clause) {
            if !matches!(c, CostClause::ActualCosts { .. }) {
                step!(
                    t,
                    req.provider.map_or_else(
                        || Citation::convention("clause trigger"),
                        |p| p.cite(c.article()),
                    ),
                    format!(
                        "{d} is the first day for the statutory minimum; the clause's own \
                         conditions (e.g. a notice of default) may make its amount due later."
                    )
                );
            }
        }
    }
    if let Some(d) = due_from.filter(|d| *d > req.as_of) {
        t.warn(format!(
            "on {} the costs are not due yet: they may be charged from {d}",
            req.as_of
        ));
    }
    if default_from.is_some_and(|d| d > req.as_of) {
        t.warn(format!(
            "default begins after the calculation date {}; the figures assume the claim is \
             still unpaid then",
            req.as_of
        ));
    }

    // An invalid letter: nothing may be charged (the scale amount stays in bik_amount).
    let (costs, vat, total) = if letter_valid == Some(false) {
        step!(
            t,
            bw("6:96 lid 6"),
            format!(
                "No valid 14-day letter: collection costs charged 0.00 (the {} worked out above \
                 is owed only after a valid letter's term has passed unpaid).",
                fmt_amount(total)
            )
        );
        (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO)
    } else {
        (costs, vat, total)
    };

    Ok(t.finish(CollectionResult {
        costs,
        vat,
        total,
        basis,
        due_from,
        principal,
        claims: n,
        customer,
        bik_amount,
        as_written: as_written.map(round_cents),
        clause_set_aside,
        minimum_applied,
        maximum_applied,
        vat_rate,
        letter_received: received.map(|(r, _, _)| r),
        letter_term_end,
        default_from,
        letter_valid,
        brackets: own_brackets.unwrap_or(bik_brackets),
    }))
}

/// The first day of default (verzuim): the default date as given, or derived from the due
/// date. A business debtor is in default the day after the last day to pay without a demand
/// (BW 6:119a lid 1, 6:96 lid 4). A consumer: as the provider's terms say (a fatal term,
/// BW 6:83 sub a, or a demand giving N days); without terms, the due date read as a fixed term.
fn resolve_default(
    req: &CollectionRequest,
    customer: CustomerType,
    t: &mut Trace,
) -> Result<Option<NaiveDate>> {
    use crate::terms::late_payment::{DefaultRule, Start};
    use std::borrow::Cow;
    if let Some(d) = req.default_date {
        if let Some(due) = req.due.filter(|due| d <= *due) {
            return Err(Error::field(
                "default-date",
                format!(
                    "{d} is not after the due date {due}: default begins at the earliest on the \
                     day after the last day to pay"
                ),
            ));
        }
        return Ok(Some(d));
    }
    let Some(due) = req.due else {
        return Ok(None);
    };
    let day_after = calendar::add_days(due, 1)
        .ok_or_else(|| Error::field("due", format!("{due} is out of range")))?;
    if customer != CustomerType::Consumer {
        step!(
            t,
            Citation::statute(law::BW, "6:119a lid 1, 6:96 lid 4"),
            format!(
                "Commercial claim: default begins without a demand on the day after the last \
                 day to pay {due}: {day_after}."
            )
        );
        return Ok(Some(day_after));
    }
    // A consumer clause that reads default as beginning only after a demand (e.g. Voipro
    // 7.6/7.7 for consumers) decides over the general default rule.
    let consumer_rule = req.provider.and_then(|p| {
        let lp = p.late_payment.as_ref()?;
        let c = lp.consumer_interest.as_ref()?;
        match (c.start(), c.demand_days()) {
            (Start::AfterDemand, Some(days)) => Some((
                p,
                Cow::Owned(DefaultRule::AfterDemand {
                    days,
                    article: c.article().to_string(),
                    reading: None,
                }),
            )),
            _ => None,
        }
    });
    let rule = consumer_rule.or_else(|| {
        req.provider.and_then(|p| {
            p.late_payment
                .as_ref()
                .map(|lp| (p, Cow::Borrowed(&lp.default)))
        })
    });
    match rule {
        Some((p, rule)) => {
            let rule = rule.as_ref();
            let (d, text) = crate::calc::late_payment::default_begins(rule, due, req.demand)?;
            step!(t, p.cite(rule.article()), text);
            match d {
                Some(d) => Ok(Some(d)),
                None => {
                    t.warn(format!(
                        "{} art. {} puts default after a demand; without a default date (or a \
                         demand date) termcalc takes the earliest day it can begin, {day_after}; \
                         a letter is valid only once default has begun",
                        p.display_name(),
                        rule.article()
                    ));
                    Ok(Some(day_after))
                }
            }
        }
        None => {
            step!(
                t,
                Citation::statute(law::BW, "6:83 sub a"),
                format!(
                    "No default date given: the due date {due} is taken as a fixed term, so \
                     default begins the next day, {day_after}."
                )
            );
            Ok(Some(day_after))
        }
    }
}

/// The last year for which decreed Atw days are shipped.
fn calendar_decree_horizon() -> i32 {
    calendar::DECREED_DAYS
        .iter()
        .map(|&(y, _, _)| y)
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        calendar::parse_date(s).unwrap()
    }

    fn request(principals: Vec<Decimal>, customer: CustomerType) -> CollectionRequest<'static> {
        CollectionRequest {
            principals: principals.into(),
            customer: Some(customer),
            provider: None,
            vat: false,
            letter_date: None,
            letter_sent: None,
            default_date: None,
            due: None,
            demand: None,
            as_of: d("2026-11-23"),
        }
    }

    #[test]
    fn letter_term_plain_and_extended() {
        // Fri 2025-04-11 + 14 = Fri 2025-04-25, a working day.
        assert_eq!(
            letter_term(d("2025-04-11")),
            Some((d("2025-04-25"), d("2025-04-25")))
        );
        // Sat 2025-03-15 → Mon 2025-03-17.
        assert_eq!(
            letter_term(d("2025-03-01")),
            Some((d("2025-03-15"), d("2025-03-17")))
        );
        // Thu 2026-05-14 Hemelvaartsdag, Fri 15 decreed, weekend → Mon 2026-05-18.
        assert_eq!(
            letter_term(d("2026-04-30")),
            Some((d("2026-05-14"), d("2026-05-18")))
        );
    }

    #[test]
    fn presumed_receipt_skips_sundays_mondays_and_holidays() {
        // Thu → Fri (1), Sat (2).
        assert_eq!(presumed_receipt(d("2025-04-10")), Some(d("2025-04-12")));
        // Fri 2025-03-07 → Sat (1), Sun and Mon skipped, Tue (2).
        assert_eq!(presumed_receipt(d("2025-03-07")), Some(d("2025-03-11")));
        // Wed 2026-04-01 → Thu (1), Good Friday, Sun, Easter Monday skipped; Sat (2).
        assert_eq!(presumed_receipt(d("2026-04-01")), Some(d("2026-04-04")));
    }

    #[test]
    fn resellers_are_businesses_and_get_the_minimum() {
        let out = collection_costs(&request(vec![dec!(10)], CustomerType::Reseller)).unwrap();
        assert_eq!(out.result.costs, dec!(40));
        assert!(out.result.minimum_applied);
        assert!(out
            .steps
            .iter()
            .any(|s| s.citation == Citation::statute(law::BW, "6:96 lid 4")));
    }

    #[test]
    fn rejects_non_positive_principals() {
        for p in [dec!(0), dec!(-1)] {
            let e = collection_costs(&request(vec![dec!(5), p], CustomerType::Consumer));
            match e {
                Err(e @ Error::Field { .. }) => {
                    assert!(e.to_string().starts_with("`principal`: "), "{e}")
                }
                other => panic!("{other:?}"),
            }
        }
        assert!(collection_costs(&request(vec![], CustomerType::Consumer)).is_err());
    }

    #[test]
    fn due_in_the_future_warns() {
        let mut r = request(vec![dec!(100)], CustomerType::Consumer);
        r.letter_date = Some(d("2026-11-20"));
        let out = collection_costs(&r).unwrap();
        assert_eq!(out.result.due_from, Some(d("2026-12-05")));
        assert!(out.warnings.iter().any(|w| w.contains("not due yet")));
    }
}
