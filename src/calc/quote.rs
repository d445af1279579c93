//! `termcalc quote`: one statement (offerte / opgave) of what leaving costs a customer, all in.
//!
//! The quote computes nothing itself beyond adding up: it takes the results of the end-date,
//! buyout, interest and collection-cost calculations (run by the same functions as the single
//! commands) and lists their figures as lines, each with its article, then sums them. The VAT
//! on each line is the VAT its own calculation worked out; the quote never recomputes it.
//!
//! VAT conventions (issue 10, item 7): a line is either a new charge (buyout, collection costs:
//! the amount excludes VAT and the VAT is added on top), an amount already invoiced (open
//! invoices: the amount includes the invoice's own VAT, nothing is added), or outside VAT
//! (interest, payments). The totals keep the three apart.
//!
//! Payments (item 8): the interest engine applies them, with the collection costs from the day
//! they fell due, in the order of BW 6:44 (costs, interest, principal); the quote only shows
//! what the engine did.

use crate::calc::buyout::{
    buyout, buyout_with_regular_end, BuyoutRequest, BuyoutResult, RegularEnd,
};
use crate::calc::collection::{collection_costs_traced, CollectionRequest, CollectionResult};
use crate::calc::interest::{DayCount, InterestResult};
use crate::calc::late_payment::{
    interest_answer, reminder_after_until, AgreedPer, Claims, InterestKind, InterestQuestion,
};
use crate::calc::outage::{outage_traced, OutageRequest, OutageResult, OutageSpan};
use crate::calc::requests::QuoteInput;
use crate::calc::termination::{end_date_traced, EndDateRequest, EndDateResult};
use crate::calc::Env;
use crate::error::{Error, Result};
use crate::law;
use crate::law::rates::RateKind;
use crate::money::{fmt_amount, ser_amount};
use crate::report::{Citation, Detail, Outcome, Step, Tabular, Trace, Value};
use crate::terms::late_payment::PaymentTerm;
use crate::terms::{CustomerType, Provider};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

// Steps are built only when the trace keeps them (see `calc::termination`): with tracing off
// neither the citation nor the text is composed.
macro_rules! step {
    ($t:expr, $c:expr, $text:expr $(,)?) => {
        if $t.keeps_steps() {
            $t.step($c, $text)
        }
    };
}

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
    /// All payments given, and how the engine applied them (BW 6:44).
    pub paid: Decimal,
    pub paid_to_costs: Decimal,
    pub paid_to_interest: Decimal,
    pub paid_to_principal: Decimal,
}

impl InvoiceFigures {
    /// The figures of an interest result.
    pub fn from_result(
        r: &InterestResult,
        claims: usize,
        principal_citation: Citation,
        interest_citation: Citation,
    ) -> Self {
        let sum = |f: fn(&crate::calc::interest::Allocation) -> Decimal| {
            r.allocations.iter().map(f).sum::<Decimal>()
        };
        InvoiceFigures {
            claims,
            principal: r.outstanding_principal,
            interest: r.outstanding_interest,
            surplus: r.surplus,
            principal_citation,
            interest_citation,
            paid: r.paid,
            paid_to_costs: sum(|a| a.to_costs),
            paid_to_interest: sum(|a| a.to_interest),
            paid_to_principal: sum(|a| a.to_principal),
        }
    }
}

/// The principal of each claim still unpaid at the start of `day`: the claim less what the
/// payments made before that day applied to its principal. The collection costs are fixed on
/// this amount (the principal owed when they fell due). Claims fully paid are left out.
pub fn principal_left_before(r: &InterestResult, day: NaiveDate) -> Vec<Decimal> {
    r.claims
        .iter()
        .map(|c| {
            let paid: Decimal = r
                .allocations
                .iter()
                .filter(|a| a.date < day)
                .flat_map(|a| a.parts.iter())
                .filter(|p| p.claim == c.claim)
                .map(|p| p.principal)
                .sum();
            c.principal - paid
        })
        .filter(|p| *p > Decimal::ZERO)
        .collect()
}

/// The sub-calculations a quote combines; each is the outcome of the single command's function.
#[derive(Debug, Clone)]
pub struct QuoteParts {
    /// The end date for the notice; `None` for a quote of open invoices only, where the
    /// contract data an end date needs was not given (`no_contract_reason` says what).
    pub end_date: Option<Outcome<EndDateResult>>,
    /// Why there is no end date (the end-date calculation's own message).
    pub no_contract_reason: Option<String>,
    /// The customer type the calculations used.
    pub customer: CustomerType,
    pub buyout: Option<Outcome<BuyoutResult>>,
    /// The interest result of the interest calculation, with its figures.
    pub invoices: Option<(Outcome<InterestResult>, InvoiceFigures)>,
    pub collection: Option<Outcome<CollectionResult>>,
    /// Where the collection costs fell due but nothing was owed any more: that day.
    pub collection_paid_before: Option<NaiveDate>,
    /// The day interest and collection costs are counted through.
    pub until: NaiveDate,
    /// The provider's display name (the table cites its articles without repeating it).
    pub provider_name: String,
    /// The provider's collection-cost clause (`[collection.clause]`), cited on the collection
    /// costs line when its scale or percentage set them.
    pub collection_clause: Option<Citation>,
    /// An outage compensation to credit (`calc::outage`, as the outage command works it out).
    pub outage: Option<Outcome<OutageResult>>,
}

/// How VAT bears on a line. JSON: snake_case strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VatTreatment {
    /// A new charge: `amount` excludes VAT; `vat` is added on top.
    Added,
    /// Already invoiced: `amount` includes the invoice's own VAT; nothing is added.
    Invoiced,
    /// Outside VAT (interest is damages, payments are money received): no VAT.
    None,
}

impl VatTreatment {
    fn label(self) -> &'static str {
        match self {
            VatTreatment::Added => "excl. VAT",
            VatTreatment::Invoiced => "incl. VAT",
            VatTreatment::None => "no VAT",
        }
    }
}

/// One line of the statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    pub label: String,
    /// A new charge: excluding VAT; an open invoice: including its own VAT (see
    /// `vat_treatment`).
    #[serde(serialize_with = "ser_amount")]
    pub amount: Decimal,
    /// VAT this statement adds on the line, as its own calculation worked it out (0.00 on
    /// invoiced amounts, whose VAT is inside `amount`).
    #[serde(serialize_with = "ser_amount")]
    pub vat: Decimal,
    pub vat_treatment: VatTreatment,
    /// The article behind the line.
    pub article: String,
}

/// The answer of `termcalc quote`. JSON keys are part of the output contract.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteResult {
    /// The provider's display name.
    pub provider: String,
    /// `null` for a quote of open invoices only (no contract data given).
    pub end_date: Option<EndDateResult>,
    pub buyout: Option<BuyoutResult>,
    pub invoices: Option<InterestResult>,
    pub collection: Option<CollectionResult>,
    /// Whether the collection costs count in the total (a consumer owes them only once the
    /// 14-day letter's term has passed by the until date).
    pub collection_included: bool,
    pub lines: Vec<Line>,
    /// The sum of the line amounts before the VAT this statement adds: new charges excl.
    /// VAT + open invoices incl. their own VAT + interest − payments beyond. Kept for scripts;
    /// the parts are `new_charges`, `invoiced` and `not_vat`.
    #[serde(serialize_with = "ser_amount")]
    pub total: Decimal,
    /// VAT added on the new charges.
    #[serde(serialize_with = "ser_amount")]
    pub vat: Decimal,
    /// Everything payable: `total` + `vat`.
    #[serde(serialize_with = "ser_amount")]
    pub total_incl_vat: Decimal,
    pub until: NaiveDate,
    /// The customer type the calculations used.
    pub customer: CustomerType,
    /// The regime of the end date: "terms", or the statute that overrode them; empty without
    /// an end date.
    pub regime: String,
    /// New charges (buyout, collection costs), excluding VAT.
    #[serde(serialize_with = "ser_amount")]
    pub new_charges: Decimal,
    /// New charges including the VAT added on them.
    #[serde(serialize_with = "ser_amount")]
    pub new_charges_incl_vat: Decimal,
    /// Open invoices still unpaid, including their own VAT.
    #[serde(serialize_with = "ser_amount")]
    pub invoiced: Decimal,
    /// Lines outside VAT: interest, less payments towards the costs and beyond everything.
    #[serde(serialize_with = "ser_amount")]
    pub not_vat: Decimal,
    /// Payments given, and how they were applied (BW 6:44).
    #[serde(serialize_with = "ser_amount")]
    pub payments: Decimal,
    #[serde(serialize_with = "ser_amount")]
    pub payments_to_costs: Decimal,
    #[serde(serialize_with = "ser_amount")]
    pub payments_to_interest: Decimal,
    #[serde(serialize_with = "ser_amount")]
    pub payments_to_principal: Decimal,
    /// The outage compensation credited, as the outage command works it out.
    pub outage: Option<OutageResult>,
    /// The collection costs the interest engine took into account (amount incl. VAT, and the
    /// day they fell due), where they were charged. Not part of the JSON result.
    #[serde(skip)]
    pub collection_charged: Option<(Decimal, NaiveDate)>,
}

impl Tabular for QuoteResult {
    fn visit_fields(&self, f: &mut dyn FnMut(&'static str, &'static str, Value<'_>)) {
        let inv = self.invoices.as_ref();
        let coll = self
            .collection
            .as_ref()
            .filter(|_| self.collection_included);
        // The first eleven columns are those of earlier versions, in their order (the CSV
        // contract changes only by adding); the columns of issue 10 follow.
        let end = self.end_date.as_ref();
        f(
            "end_date",
            "Last day in force",
            Value::date_or_empty(end.map(|e| e.end_date)),
        );
        f(
            "notice_timely",
            "Notice in time",
            end.map_or(Value::Empty, |e| Value::Bool(e.notice_timely)),
        );
        f(
            "leaving_day",
            "Leaving day",
            Value::date_or_empty(self.buyout.as_ref().map(|b| b.leaving_day)),
        );
        f(
            "buyout",
            "Buyout excl. VAT",
            Value::amount_or_empty(self.buyout.as_ref().map(|b| b.total)),
        );
        f(
            "invoices",
            "Open invoices incl. their VAT",
            Value::amount_or_empty(inv.map(|r| r.outstanding_principal)),
        );
        f(
            "interest",
            "Interest (no VAT)",
            Value::amount_or_empty(inv.map(|r| r.outstanding_interest)),
        );
        f(
            "collection_costs",
            "Collection costs excl. VAT",
            Value::amount_or_empty(coll.map(|c| c.costs)),
        );
        f("until", "Counted through", Value::Date(self.until));
        f(
            "total",
            "Sum before VAT added here",
            Value::Amount(self.total),
        );
        f("vat", "VAT on new charges", Value::Amount(self.vat));
        f(
            "total_incl_vat",
            "Total payable, all VAT included",
            Value::Amount(self.total_incl_vat),
        );
        f("customer", "Customer", Value::Text(self.customer.as_str()));
        f("regime", "Regime", Value::Text(&self.regime));
        f("payments", "Payments taken", Value::Amount(self.payments));
        f(
            "payments_to_costs",
            "of which to costs",
            Value::Amount(self.payments_to_costs),
        );
        f(
            "payments_to_interest",
            "of which to interest",
            Value::Amount(self.payments_to_interest),
        );
        f(
            "payments_to_principal",
            "of which to principal",
            Value::Amount(self.payments_to_principal),
        );
        f(
            "new_charges",
            "New charges excl. VAT",
            Value::Amount(self.new_charges),
        );
        f(
            "new_charges_incl_vat",
            "New charges incl. VAT",
            Value::Amount(self.new_charges_incl_vat),
        );
        f("not_vat", "Outside VAT", Value::Amount(self.not_vat));
        f(
            "outage_credit",
            "Outage compensation credited",
            Value::amount_or_empty(self.outage.as_ref().map(|o| o.compensation)),
        );
    }

    fn details(&self) -> Vec<Detail> {
        let total_row = |label: &str, amount: Decimal, vat: String| {
            vec![
                label.to_string(),
                fmt_amount(amount),
                String::new(),
                vat,
                String::new(),
            ]
        };
        vec![Detail {
            title: if self.regime.is_empty() {
                format!(
                    "Statement in EUR for a {} (open invoices only; art.: the terms of {})",
                    self.customer, self.provider
                )
            } else {
                format!(
                    "Statement in EUR for a {} ({}; art.: the terms of {})",
                    self.customer, self.regime, self.provider
                )
            },
            header: ["Line", "Amount", "Amount is", "VAT added", "Article"]
                .map(String::from)
                .to_vec(),
            rows: self
                .lines
                .iter()
                .map(|l| {
                    vec![
                        l.label.clone(),
                        fmt_amount(l.amount),
                        l.vat_treatment.label().to_string(),
                        match l.vat_treatment {
                            VatTreatment::Added => fmt_amount(l.vat),
                            _ => "-".to_string(),
                        },
                        l.article
                            .strip_prefix(&format!("{} ", self.provider))
                            .unwrap_or(&l.article)
                            .to_string(),
                    ]
                })
                .chain([
                    total_row("New charges", self.new_charges, fmt_amount(self.vat)),
                    total_row(
                        "New charges incl. VAT",
                        self.new_charges_incl_vat,
                        String::new(),
                    ),
                    total_row(
                        "Open invoices incl. their VAT",
                        self.invoiced,
                        String::new(),
                    ),
                    total_row("Outside VAT", self.not_vat, String::new()),
                    total_row(
                        "Total payable, all VAT included",
                        self.total_incl_vat,
                        String::new(),
                    ),
                ])
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
    if skipped > 0 && t.keeps_steps() {
        t.step(
            Citation::convention("quote: steps shown once"),
            format!("[{prefix}] ({skipped} steps that repeat the end-date steps above are not shown again)"),
        );
    }
    let steps = if t.keeps_steps() { steps } else { &[] };
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

/// The outage compensation as a credit line: the amount the outage calculation owes the customer,
/// deducted outside VAT.
fn outage_line(t: &mut Trace, lines: &mut Vec<Line>, o: &Outcome<OutageResult>) {
    group(t, "outage", &o.steps, &o.warnings, (&[], &[]));
    let r = &o.result;
    if r.compensation.is_zero() {
        step!(
            t,
            Citation::convention("quote: outage credit"),
            "[quote] Outage compensation: nothing is owed for this outage, so it adds no line.",
        );
        return;
    }
    lines.push(Line {
        label: "Outage compensation (credit)".to_string(),
        amount: -r.compensation,
        vat: Decimal::ZERO,
        vat_treatment: VatTreatment::None,
        article: r.article.clone(),
    });
    if !t.keeps_steps() {
        return;
    }
    t.step_with_reading(
        Citation::convention("quote: outage credit"),
        format!(
            "[quote] Outage compensation EUR {} ({} basis) is owed to the customer: it is deducted as a credit, outside VAT.",
            fmt_amount(r.compensation),
            r.basis
        ),
        "a compensation for the outage, not a new supply: no VAT is added or taken off here; where the provider settles it as a credit note on its fees, the VAT on that note follows the fees",
    );
}

/// Which interest the open invoices bear, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InterestBasis {
    /// A statutory kind was asked for.
    Kind(RateKind),
    /// An agreed rate in percent was given.
    Rate(Decimal),
    /// The provider's late-payment clause.
    Clause,
    /// No clause in the provider file: the statutory kind for the customer type.
    Statutory(RateKind),
}

impl InterestBasis {
    /// The basis of a quote's invoices: a kind or rate given decides; else the provider's
    /// clause; else statutory interest by customer type ([`statutory_kind`]).
    pub fn of(q: &QuoteInput, p: &Provider, customer: CustomerType) -> Self {
        match (q.kind, q.rate, &p.late_payment) {
            (Some(kind), _, _) => InterestBasis::Kind(kind),
            (None, Some(rate), _) => InterestBasis::Rate(rate),
            (None, None, Some(_)) => InterestBasis::Clause,
            (None, None, None) => InterestBasis::Statutory(statutory_kind(customer)),
        }
    }

    /// The article behind the rate.
    pub fn citation(self, p: &Provider, customer: CustomerType) -> Citation {
        match self {
            InterestBasis::Kind(k) | InterestBasis::Statutory(k) => {
                Citation::statute(law::BW, k.article())
            }
            InterestBasis::Rate(_) => Citation::input("rate"),
            InterestBasis::Clause => match &p.late_payment {
                Some(lp) => {
                    let clause = match (&lp.consumer_interest, customer == CustomerType::Consumer) {
                        (Some(c), true) => c,
                        _ => &lp.interest,
                    };
                    p.cite(clause.article())
                }
                None => Citation::input("kind"),
            },
        }
    }
}

/// Without a clause: statutory interest for a consumer (BW 6:119), commercial interest for a
/// business or reseller, who both contract in the course of their business (BW 6:119a lid 1).
pub fn statutory_kind(customer: CustomerType) -> RateKind {
    if customer == CustomerType::Consumer {
        RateKind::Consumer
    } else {
        RateKind::Commercial
    }
}

/// The interest question a quote asks about its open invoices: the question `interest` asks,
/// answered by the same engine. `costs`: the collection costs and the day they fell due, from
/// which the engine applies payments to them first (BW 6:44).
pub fn interest_question<'p>(
    q: &QuoteInput,
    p: &'p Provider,
    customer: CustomerType,
    until: NaiveDate,
    costs: Option<(Decimal, NaiveDate)>,
) -> InterestQuestion<'p> {
    let kind = match InterestBasis::of(q, p, customer) {
        InterestBasis::Rate(rate) => InterestKind::Agreed {
            rate,
            per: q.per.unwrap_or(AgreedPer::Year),
            compound: false,
        },
        InterestBasis::Clause => InterestKind::Provider {
            provider: p,
            // None lets the clause take the provider's default, as `interest` does alone.
            customer: q.customer,
            reminder: q.reminder,
        },
        InterestBasis::Kind(k) | InterestBasis::Statutory(k) => InterestKind::Statutory(k),
    };
    InterestQuestion {
        claims: Claims::repeated(q.claim.clone()),
        until,
        payments: q.payment.clone(),
        costs: costs.map_or(Decimal::ZERO, |c| c.0),
        costs_from: costs.map(|c| c.1),
        day_count: DayCount::Act365,
        strict: false,
        kind,
    }
}

/// Where a value only counts together with another: the first such value given without it.
fn stray<'a>(given: &[(&'a str, bool)]) -> Option<&'a str> {
    given.iter().find(|(_, g)| *g).map(|(name, _)| *name)
}

/// The quote for `q` with provider `p`: the rules of the quote (which parts apply, the choice of
/// interest, the base of the collection costs) and the parts worked out by the single commands'
/// own functions, added up by [`quote`]. With `trace` off no steps are built.
pub fn answer(
    q: &QuoteInput,
    p: &Provider,
    env: &dyn Env,
    trace: bool,
) -> Result<Outcome<QuoteResult>> {
    let as_of = q.as_of.unwrap_or_else(|| env.as_of());
    let customer = p.customer_or_default(q.customer);
    let notice = q.notice.unwrap_or(as_of);
    let until = q.until.unwrap_or(as_of);

    // Values that only count with another: say so rather than ignore them.
    if q.end.is_none() {
        if let Some(name) = stray(&[
            ("monthly", q.monthly.is_some()),
            ("usage-monthly", q.usage_monthly.is_some()),
            ("one-off", q.one_off.is_some()),
            ("list-monthly", q.list_monthly.is_some()),
            ("not-delivered", q.not_delivered),
        ]) {
            return Err(Error::field(
                name,
                "only used for the buyout, which needs the leaving day: give the last day of service too, or drop this value",
            ));
        }
    }
    if q.claim.is_empty() {
        if let Some(name) = stray(&[
            ("payment", !q.payment.is_empty()),
            ("kind", q.kind.is_some()),
            ("rate", q.rate.is_some()),
            ("reminder", q.reminder.is_some()),
            ("vat", q.vat),
            ("letter-date", q.letter_date.is_some()),
            ("letter-sent", q.letter_sent.is_some()),
            ("default-date", q.default_date.is_some()),
            ("until", q.until.is_some()),
        ]) {
            return Err(Error::field(
                name,
                "only used for open invoices: give the invoices (AMOUNT@DATE) too, or drop this value",
            ));
        }
    }
    match (q.rate, q.per) {
        (Some(_), None) => {
            return Err(Error::field(
                "per",
                "needed with an agreed rate: say whether the rate is per year or per month",
            ))
        }
        (None, Some(_)) => {
            return Err(Error::field(
                "per",
                "only used with an agreed rate; statutory and provider rates are per year by their article",
            ))
        }
        _ => {}
    }
    if q.kind == Some(RateKind::Commercial) && customer == CustomerType::Consumer {
        let whose = if q.customer.is_some() {
            "the customer type given, consumer".to_string()
        } else {
            format!(
                "the customer type, consumer ({}'s default)",
                p.display_name()
            )
        };
        return Err(Error::field(
            "kind",
            format!(
                "commercial contradicts {whose}: the commercial rate (art. 6:119a BW) is for transactions between businesses; a consumer owes the statutory rate of art. 6:119 BW (kind consumer), or give the customer type"
            ),
        ));
    }

    // End date: the question `end-date` answers. A quote of open invoices only (claims, and no
    // contract data) goes on without it where the provider's rules need contract data that was
    // not given, and says so.
    let end = end_date_traced(
        &EndDateRequest {
            provider: p,
            start: q.start,
            notice,
            term_months: q.term_months,
            customer: q.customer,
            service: q.service.clone(),
            // A quote has no indefinite or requested-notice input (yet): end-date's defaults.
            indefinite: false,
            requested_notice: false,
            as_of,
        },
        trace,
    );
    let contract_given = q.start.is_some()
        || q.notice.is_some()
        || q.term_months.is_some()
        || q.service.is_some()
        || q.end.is_some();
    let (end, no_contract_reason) = match end {
        Ok(o) => (Some(o), None),
        Err(e @ (Error::Input(_) | Error::Field { .. }))
            if !contract_given && !q.claim.is_empty() =>
        {
            (None, Some(e.to_string()))
        }
        Err(e) => return Err(e),
    };

    // Buyout: the question `buyout` answers.
    let bought = match q.end {
        None => None,
        Some(leaving_day) => {
            let start = q.start.ok_or_else(|| {
                Error::field(
                    "start",
                    "needed with a leaving day: give the first day of the term, e.g. 2025-03-15",
                )
            })?;
            let monthly = q.monthly.ok_or_else(|| {
                Error::field(
                    "monthly",
                    "needed with a leaving day: give the fixed monthly fees excluding VAT, e.g. 50",
                )
            })?;
            let req = BuyoutRequest {
                provider: p,
                start,
                leaving_day,
                notice,
                monthly,
                list_monthly: q.list_monthly,
                term_months: q.term_months,
                usage_monthly: q.usage_monthly,
                one_off: q.one_off,
                not_delivered: q.not_delivered,
                prices_incl_vat: q.incl_vat,
                customer: q.customer,
                service: q.service.clone(),
                indefinite: false,
                requested_notice: false,
                as_of,
            };
            Some(match &end {
                // Without steps the end date just worked out is the buyout's regular end (as
                // `buyout` derives it from the same request), so it is not worked out twice.
                // With steps, `buyout` shows how it got there.
                Some(e) if !trace => {
                    let quick = buyout_with_regular_end(
                        &req,
                        &RegularEnd::from_end_date(p, e.result.clone()),
                        Trace::without_steps(),
                    )?;
                    if quick.result.components.is_empty() {
                        // Nothing owed: the line cites the step that says why, which only the
                        // full answer has (the result names no article for it).
                        buyout(&req)?
                    } else {
                        quick
                    }
                }
                _ => buyout(&req)?,
            })
        }
    };

    // Open invoices: interest by the interest engine, collection costs by the question
    // `collection-costs` answers. The costs are fixed on the principal owed on the day they
    // fell due, and payments from that day on go to them first (BW 6:44): one engine, run once
    // without costs to see what was paid before that day, then with them.
    let mut collection_paid_before = None;
    let mut collection_charged = None;
    let (inv, collection) = if q.claim.is_empty() {
        (None, None)
    } else {
        let request = |principals: Vec<Decimal>| CollectionRequest {
            principals: principals.into(),
            customer: q.customer,
            provider: Some(p),
            vat: q.vat,
            letter_date: q.letter_date,
            letter_sent: q.letter_sent,
            default_date: q.default_date,
            // Several invoices: the costs on their sum fall due once all are in default (the
            // latest due date). A default date given decides alone; it is then only checked
            // against the earliest due date.
            due: if q.default_date.is_some() {
                q.claim.iter().map(|c| c.1).min()
            } else {
                q.claim.iter().map(|c| c.1).max()
            },
            demand: q.reminder,
            as_of,
        };
        // The costs on every invoice's full principal: the base unless payments made before
        // the costs fell due lowered it. Where both fail, the interest's error is said first.
        let first =
            match collection_costs_traced(&request(q.claim.iter().map(|c| c.0).collect()), trace) {
                Ok(c) => c,
                Err(e) => {
                    invoices(q, p, env, customer, until, None, trace)?;
                    return Err(e);
                }
            };
        let fell_due = first
            .result
            .due_from
            .filter(|d| *d <= until && first.result.letter_valid != Some(false));
        // Whether a payment was made before `day`: only such payments lower the base, and
        // only the engine knows how much of them went to principal (BW 6:44).
        let paid_before = |day: NaiveDate| q.payment.iter().any(|(d, _, _)| *d < day);
        match fell_due {
            Some(day) if !paid_before(day) => {
                let costs = (first.result.total, day);
                collection_charged = Some(costs);
                let o = invoices(q, p, env, customer, until, Some(costs), trace)?;
                (Some(o), Some(first))
            }
            Some(day) => {
                let o = invoices(q, p, env, customer, until, None, trace)?;
                let principals = principal_left_before(&o.0.result, day);
                if principals.is_empty() {
                    // Everything was paid before the costs fell due: none are owed.
                    collection_paid_before = Some(day);
                    (Some(o), None)
                } else {
                    let c = collection_costs_traced(&request(principals), trace)?;
                    let costs = (c.result.total, day);
                    collection_charged = Some(costs);
                    let o2 = invoices(q, p, env, customer, until, Some(costs), trace)?;
                    (Some(o2), Some(c))
                }
            }
            None => {
                // Not due by the until date (or no valid letter): shown, not charged; the base
                // is what is still unpaid then.
                let o = invoices(q, p, env, customer, until, None, trace)?;
                let after = crate::calendar::add_days(until, 1).unwrap_or(until);
                let c = if first.result.letter_valid == Some(false) || !paid_before(after) {
                    Some(first)
                } else {
                    let principals = principal_left_before(&o.0.result, after);
                    if principals.is_empty() {
                        None
                    } else {
                        Some(collection_costs_traced(&request(principals), trace)?)
                    }
                };
                (Some(o), c)
            }
        }
    };

    let outage_credit = outage_part(q, p, as_of, trace)?;
    let mut outcome = quote(
        QuoteParts {
            end_date: end,
            no_contract_reason,
            customer,
            buyout: bought,
            invoices: inv,
            collection,
            collection_paid_before,
            until,
            provider_name: p.display_name().to_string(),
            collection_clause: p.collection.as_ref().map(|c| p.cite(c.clause.article())),
            outage: outage_credit,
        },
        trace,
    )?;
    outcome.result.collection_charged = collection_charged;
    outcome
        .warnings
        .extend(reminder_after_until(q.reminder, until));
    Ok(outcome)
}

/// The interest on the open invoices, with the figures the statement needs.
fn invoices(
    q: &QuoteInput,
    p: &Provider,
    env: &dyn Env,
    customer: CustomerType,
    until: NaiveDate,
    costs: Option<(Decimal, NaiveDate)>,
    trace: bool,
) -> Result<(Outcome<InterestResult>, InvoiceFigures)> {
    let basis = InterestBasis::of(q, p, customer);
    let question = interest_question(q, p, customer, until, costs);
    let tables = env.rate_tables()?;
    if q.reminder.is_some() && basis != InterestBasis::Clause {
        return Err(Error::field(
            "reminder",
            "only used where the provider's interest clause applies, which may count from a reminder; drop it, or drop the statutory kind or agreed rate",
        ));
    }
    let outcome = interest_answer(&question, tables, trace)?;
    let figures = InvoiceFigures::from_result(
        &outcome.result,
        q.claim.len(),
        match p.late_payment.as_ref().map(|lp| &lp.payment_term) {
            Some(PaymentTerm::DaysAfterInvoice { article, .. })
            | Some(PaymentTerm::NotStated { article, .. }) => p.cite(article.clone()),
            None => Citation::input("claim"),
        },
        basis.citation(p, customer),
    );
    let mut t = Trace::steps_if(trace);
    if let InterestBasis::Statutory(k) = basis {
        step!(
            t,
            Citation::statute(law::BW, k.article()),
            format!(
                "the provider file has no late-payment clause: statutory interest for a {customer}, art. {} BW ({})",
                k.article(),
                k.dutch_name()
            )
        );
    }
    let mut o = t.finish(outcome.result);
    if trace {
        o.steps.extend(outcome.steps);
    }
    o.warnings = outcome.warnings;
    Ok((o, figures))
}

/// The outage credit of a quote: the outage command's own calculation with the quote's
/// provider and customer. A quote has no inputs for a guarantee's conditions, so a guarantee
/// counts as not met here; `termcalc outage` checks it.
fn outage_part(
    q: &QuoteInput,
    p: &Provider,
    as_of: NaiveDate,
    trace: bool,
) -> Result<Option<Outcome<OutageResult>>> {
    let span = match (q.outage_from, q.outage_until, q.outage_hours) {
        (Some(from), Some(until), None) => OutageSpan::Between { from, until },
        (None, None, Some(h)) => OutageSpan::Hours(h),
        _ => {
            if let Some(name) = stray(&[
                ("outage-monthly", q.outage_monthly.is_some()),
                ("outage-cause", q.outage_cause.is_some()),
            ]) {
                return Err(Error::field(
                    name,
                    "only used for an outage credit: give the outage's length in hours (or when it began and ended) too, or drop this value",
                ));
            }
            return Ok(None);
        }
    };
    let monthly = q.outage_monthly.ok_or_else(|| {
        Error::field(
            "outage-monthly",
            "needed with an outage: give the monthly subscription fee of the service that was down, e.g. 45.00",
        )
    })?;
    let mut o = outage_traced(
        &OutageRequest {
            provider: p,
            customer: q.customer,
            span,
            monthly: Some(monthly),
            usage: None,
            discovered: None,
            reported: None,
            direct_debit: false,
            exclusive_carrier: false,
            guarantee_used: false,
            prepaid: false,
            cause: q.outage_cause,
            as_of,
        },
        trace,
    )?;
    if let Some(g) = &o.result.guarantee {
        o.warnings.push(format!(
            "A quote cannot state the conditions of the {g}, so it credits the statutory minimum only; run termcalc outage with the conditions to check the guarantee."
        ));
    }
    Ok(Some(o))
}

/// Combines the parts into one statement.
/// With `trace` off no steps are built (the parts' warnings are kept).
pub fn quote(parts: QuoteParts, trace: bool) -> Result<Outcome<QuoteResult>> {
    let QuoteParts {
        end_date,
        no_contract_reason,
        customer,
        buyout,
        invoices,
        collection,
        collection_paid_before,
        until,
        provider_name,
        collection_clause,
        outage,
    } = parts;
    let mut t = Trace::steps_if(trace);
    let mut lines: Vec<Line> = Vec::new();

    let no_steps: (&[Step], &[String]) = (&[], &[]);
    match &end_date {
        Some(end_date) => {
            group(
                &mut t,
                "end-date",
                &end_date.steps,
                &end_date.warnings,
                no_steps,
            );
            let e = &end_date.result;
            step!(
                t,
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
        }
        None => {
            let reason = no_contract_reason.unwrap_or_default();
            step!(
                t,
                Citation::convention("quote: open invoices only"),
                format!(
                    "[quote] No contract data was given for an end date ({reason}): this statement covers the open invoices only."
                ),
            );
            t.warn(format!(
                "no end date: the contract data it needs was not given ({reason}); this quote covers the open invoices only"
            ));
        }
    }

    if let Some(b) = &buyout {
        group(
            &mut t,
            "buyout",
            &b.steps,
            &b.warnings,
            end_date
                .as_ref()
                .map_or(no_steps, |e| (&e.steps[..], &e.warnings[..])),
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
            vat_treatment: VatTreatment::Added,
            article,
        });
        step!(
            t,
            Citation::statute("Wet op de omzetbelasting 1968", "9 lid 1"),
            format!(
                "[quote] Buyout: EUR {} excl. VAT; it is consideration for the service and carries {} % VAT, EUR {}, as the buyout worked it out.",
                fmt_amount(r.total),
                crate::money::fmt_plain(r.vat_percent),
                fmt_amount(r.vat)
            ),
        );
    } else {
        step!(
            t,
            Citation::input("end"),
            "[quote] No leaving day given before the end date, so no buyout line.",
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
                vat_treatment: VatTreatment::Invoiced,
                article: f.principal_citation.to_string(),
            });
            step!(
                t,
                f.principal_citation.clone(),
                format!(
                    "[quote] Open invoices: EUR {} principal still unpaid on {until}, as invoiced: the amount includes the invoices' own VAT, which is not split off and not added again; it is kept apart from the new charges.",
                    fmt_amount(f.principal)
                ),
            );
            if !f.paid.is_zero() {
                step!(
                    t,
                    Citation::statute(law::BW, "6:44"),
                    format!(
                        "[quote] Payments taken: EUR {}, applied by the interest engine in the order costs, interest, principal: EUR {} to collection costs, EUR {} to interest, EUR {} to principal{}.",
                        fmt_amount(f.paid),
                        fmt_amount(f.paid_to_costs),
                        fmt_amount(f.paid_to_interest),
                        fmt_amount(f.paid_to_principal),
                        if f.surplus.is_zero() { String::new() } else { format!(", EUR {} beyond everything owed", fmt_amount(f.surplus)) }
                    ),
                );
            }
            lines.push(Line {
                label: format!("Interest through {until}"),
                amount: f.interest,
                vat: Decimal::ZERO,
                vat_treatment: VatTreatment::None,
                article: f.interest_citation.to_string(),
            });
            step!(
                t,
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
                    vat_treatment: VatTreatment::None,
                    article: Citation::statute(law::BW, "6:44").to_string(),
                });
                step!(
                    t,
                    Citation::statute(law::BW, "6:44"),
                    format!(
                        "[quote] Payments exceed everything the invoices owe by EUR {}: deducted from the total.",
                        fmt_amount(f.surplus)
                    ),
                );
            }
        }
        None => step!(
            t,
            Citation::input("claim"),
            "[quote] No open invoices given, so no invoice, interest or collection-cost lines.",
        ),
    }

    let mut collection_included = false;
    if let (None, Some(d)) = (&collection, collection_paid_before) {
        step!(
            t,
            Citation::statute(law::BW, "6:96"),
            format!(
                "[quote] Collection costs: they would fall due on {d}, but the payments before that day had paid every invoice's principal: nothing was owed to collect, so no costs."
            ),
        );
    }
    if let Some(c) = &collection {
        group(&mut t, "collection", &c.steps, &c.warnings, (&[], &[]));
        let r = &c.result;
        let due = r.due_from.filter(|d| *d <= until);
        if r.letter_valid == Some(false) {
            step!(
                t,
                Citation::statute(law::BW, "6:96 lid 6"),
                "[quote] Collection costs: the 14-day letter reached the consumer before default began; it is no valid letter, so no costs are charged.",
            );
        } else if due.is_none() {
            step!(
                t,
                Citation::statute(law::BW, "6:96 lid 4-6"),
                match r.due_from {
                    Some(d) => format!(
                        "[quote] Collection costs: owed from {d}, after {until}: left out of the total."
                    ),
                    None => "[quote] Collection costs: a consumer owes them only after the term of a 14-day letter has passed unpaid; no day of receipt of such a letter is given, so they are left out of the total.".to_string(),
                },
            );
        } else {
            collection_included = true;
            // The provider's own scale or percentage cites its collection clause; otherwise
            // the costs are the statutory scale of BIK art. 2.
            let article = collection_clause
                .clone()
                .filter(|_| {
                    matches!(
                        r.basis,
                        crate::calc::collection::Basis::ProviderScale
                            | crate::calc::collection::Basis::ProviderPercentage
                    )
                })
                .unwrap_or_else(|| Citation::statute(law::BIK, "2"))
                .to_string();
            // The Besluit's full name is long; the table cites it by its usual abbreviation.
            let article = article.replace(law::BIK, "BIK");
            lines.push(Line {
                label: "Collection costs".to_string(),
                amount: r.costs,
                vat: r.vat,
                vat_treatment: VatTreatment::Added,
                article,
            });
            step!(
                t,
                Citation::statute(law::BIK, "2 lid 3"),
                if r.vat.is_zero() {
                    format!(
                        "[quote] Collection costs: EUR {} with no VAT: the creditor can deduct VAT (not stated otherwise). They fell due on {} and are fixed on the principal still owed that day, {}.",
                        fmt_amount(r.costs),
                        due.unwrap_or(until),
                        fmt_amount(r.principal)
                    )
                } else {
                    format!(
                        "[quote] Collection costs: EUR {} plus EUR {} VAT, because the creditor cannot deduct VAT (as stated). They fell due on {} and are fixed on the principal still owed that day, {}.",
                        fmt_amount(r.costs),
                        fmt_amount(r.vat),
                        due.unwrap_or(until),
                        fmt_amount(r.principal)
                    )
                },
            );
            if let Some((_, f)) = &invoices {
                if !f.paid_to_costs.is_zero() {
                    lines.push(Line {
                        label: "Paid towards the collection costs".to_string(),
                        amount: -f.paid_to_costs,
                        vat: Decimal::ZERO,
                        vat_treatment: VatTreatment::None,
                        article: Citation::statute(law::BW, "6:44").to_string(),
                    });
                    step!(
                        t,
                        Citation::statute(law::BW, "6:44 lid 1"),
                        format!(
                            "[quote] Payments made on or after the day the collection costs fell due went to them first: EUR {} is deducted.",
                            fmt_amount(f.paid_to_costs)
                        ),
                    );
                }
            }
        }
    }

    if let Some(o) = &outage {
        outage_line(&mut t, &mut lines, o);
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
    let part = |v: VatTreatment| {
        lines
            .iter()
            .filter(|l| l.vat_treatment == v)
            .try_fold(Decimal::ZERO, |acc, l| acc.checked_add(l.amount))
            .ok_or_else(too_large)
    };
    let new_charges = part(VatTreatment::Added)?;
    let new_charges_incl_vat = new_charges.checked_add(vat).ok_or_else(too_large)?;
    let invoiced = part(VatTreatment::Invoiced)?;
    let not_vat = part(VatTreatment::None)?;
    let sum_of = |v: VatTreatment, pick: fn(&Line) -> Decimal| {
        let parts: Vec<String> = lines
            .iter()
            .filter(|l| l.vat_treatment == v)
            .map(|l| fmt_amount(pick(l)))
            .collect();
        if parts.is_empty() {
            "nothing".to_string()
        } else {
            parts.join(" + ")
        }
    };
    step!(
        t,
        Citation::convention("quote: totals"),
        format!(
            "[quote] New charges excl. VAT: {} = EUR {}; VAT added on them: {} = EUR {}; new charges incl. VAT EUR {}. Open invoices incl. their own VAT: {} = EUR {}. Outside VAT (interest, payments, outage credit): {} = EUR {}. Total payable: {} + {} + {} = EUR {}. Each line is already rounded to cents by its own calculation; the sums are exact.",
            sum_of(VatTreatment::Added, |l| l.amount),
            fmt_amount(new_charges),
            sum_of(VatTreatment::Added, |l| l.vat),
            fmt_amount(vat),
            fmt_amount(new_charges_incl_vat),
            sum_of(VatTreatment::Invoiced, |l| l.amount),
            fmt_amount(invoiced),
            sum_of(VatTreatment::None, |l| l.amount),
            fmt_amount(not_vat),
            fmt_amount(new_charges_incl_vat),
            fmt_amount(invoiced),
            fmt_amount(not_vat),
            fmt_amount(total_incl_vat)
        ),
    );
    let (payments, payments_to_costs, payments_to_interest, payments_to_principal) = match &invoices
    {
        Some((_, f)) => (
            f.paid,
            f.paid_to_costs,
            f.paid_to_interest,
            f.paid_to_principal,
        ),
        None => (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO),
    };
    let regime = end_date
        .as_ref()
        .map(|e| e.result.regime.clone())
        .unwrap_or_default();

    let result = QuoteResult {
        provider: provider_name,
        end_date: end_date.map(|e| e.result),
        buyout: buyout.map(|b| b.result),
        invoices: invoices.map(|(o, _)| o.result),
        collection: collection.map(|c| c.result),
        collection_included,
        lines,
        total,
        vat,
        total_incl_vat,
        until,
        customer,
        regime,
        new_charges,
        new_charges_incl_vat,
        invoiced,
        not_vat,
        payments,
        payments_to_costs,
        payments_to_interest,
        payments_to_principal,
        outage: outage.map(|o| o.result),
        collection_charged: None,
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
