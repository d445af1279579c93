//! The `[liability]` section: up to what amount the provider is liable (aansprakelijkheid) for a
//! damage, which kinds of damage it excludes, and by when a claim must be made (meldings- en
//! vervaltermijnen). A fixed vocabulary of ceilings and deadlines, each rule with its article.

use super::{Problem, Section};
use crate::money::{de_amount, de_decimal, fmt_amount, fmt_plain};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The kinds of damage a user can ask about; each provider file maps its clause's own
/// categories onto these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DamageKind {
    /// Direct damage other than to property: e.g. extra costs to limit the damage (directe
    /// schade).
    Direct,
    /// Direct damage to property: a broken switch, a damaged cable (directe zaakschade).
    Property,
    /// Consequential loss: lost profit, lost turnover, downtime (indirecte schade, gevolgschade).
    Indirect,
    /// Loss or corruption of data (verlies of verminking van gegevens).
    Data,
    /// Death or personal injury (overlijden, lichamelijk letsel).
    PersonalInjury,
}

impl DamageKind {
    pub const ALL: [DamageKind; 5] = [
        DamageKind::Direct,
        DamageKind::Property,
        DamageKind::Indirect,
        DamageKind::Data,
        DamageKind::PersonalInjury,
    ];

    /// The name on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DamageKind::Direct => "direct",
            DamageKind::Property => "property",
            DamageKind::Indirect => "indirect",
            DamageKind::Data => "data",
            DamageKind::PersonalInjury => "personal-injury",
        }
    }

    /// A few plain words for the steps.
    pub fn describe(self) -> &'static str {
        match self {
            DamageKind::Direct => "direct damage other than to property",
            DamageKind::Property => "direct damage to property",
            DamageKind::Indirect => {
                "indirect or consequential loss (lost profit, turnover, downtime)"
            }
            DamageKind::Data => "loss or corruption of data",
            DamageKind::PersonalInjury => "death or personal injury",
        }
    }

    /// The accepted names, for messages.
    pub fn accepted() -> String {
        DamageKind::ALL
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for DamageKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DamageKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let shown = crate::error::echo(s);
        let t = s.trim().to_ascii_lowercase().replace('_', "-");
        DamageKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == t)
            .ok_or_else(|| {
                format!(
                    "'{shown}' is not a damage kind: use one of {}",
                    DamageKind::accepted()
                )
            })
    }
}

/// What the clause does with one kind of damage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Treatment {
    /// Recoverable up to the ceiling.
    Capped,
    /// Excluded: nothing is recoverable (unless the law sets the exclusion aside).
    Excluded,
    /// The clause itself says no limit applies (e.g. a carve-out for personal injury).
    NotLimited,
}

/// How the clause treats one kind of damage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KindRule {
    pub treatment: Treatment,
    /// The clause's own words for the category, summarised (e.g. "directe zaakschade").
    #[serde(default)]
    pub clause_term: Option<String>,
    pub article: String,
    #[serde(default)]
    pub reading: Option<String>,
    /// A ceiling that applies to this kind instead of the section's general ceiling.
    #[serde(default)]
    pub ceiling: Option<Ceiling>,
}

/// The mapping of every damage kind; all five must be present so that no kind is left to
/// chance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KindMap {
    pub direct: KindRule,
    pub property: KindRule,
    pub indirect: KindRule,
    pub data: KindRule,
    pub personal_injury: KindRule,
}

impl KindMap {
    pub fn get(&self, kind: DamageKind) -> &KindRule {
        match kind {
            DamageKind::Direct => &self.direct,
            DamageKind::Property => &self.property,
            DamageKind::Indirect => &self.indirect,
            DamageKind::Data => &self.data,
            DamageKind::PersonalInjury => &self.personal_injury,
        }
    }
}

/// The ceiling vocabulary (not an expression language). Each leaf needs at most one figure
/// from the command line; combinations say how leaves combine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Ceiling {
    /// A fixed amount per event (or per series, inside `per_event_or_series`).
    Fixed {
        #[schemars(schema_with = "crate::money::amount_schema")]
        #[serde(deserialize_with = "de_amount")]
        amount: Decimal,
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// A multiple of the fixed monthly fee (`--monthly`).
    MonthlyMultiple {
        #[schemars(schema_with = "crate::money::decimal_schema")]
        #[serde(deserialize_with = "de_decimal")]
        multiple: Decimal,
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// The fees paid or invoiced over the N months before the event (`--fees-paid`).
    /// Applies only when the contract runs longer than `only_if_term_over_months`
    /// (`--term-months`), where set.
    FeesPaid {
        /// The number of months before the event whose fees count.
        months: u32,
        /// "paid" or "invoiced", as the clause says.
        basis: FeeBasis,
        #[serde(default)]
        only_if_term_over_months: Option<u32>,
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// The last monthly invoice the customer paid (`--last-invoice`); optionally the fixed
    /// monthly fee (`--monthly`) where no invoice was paid yet.
    LastInvoice {
        #[serde(default)]
        fallback_monthly: bool,
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// What the provider's insurer pays out (`--insurer-payout`); `otherwise` applies where the
    /// insurer does not cover or pay.
    InsurerPayout {
        #[serde(default)]
        otherwise: Option<Box<Ceiling>>,
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// The invoice value of the order the claim concerns (`--order-value`).
    OrderValue {
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// A maximum per calendar year: what is left of it after `--paid-this-year`.
    YearlyMax {
        #[schemars(schema_with = "crate::money::amount_schema")]
        #[serde(deserialize_with = "de_amount")]
        amount: Decimal,
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// The lowest of the items.
    LowestOf {
        /// The ceilings compared.
        items: Vec<Ceiling>,
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// The highest of the items.
    HighestOf {
        /// The ceilings compared.
        items: Vec<Ceiling>,
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// One ceiling for a single event, another for a series of connected events (`--series`).
    PerEventOrSeries {
        event: Box<Ceiling>,
        series: Box<Ceiling>,
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
}

/// Whether a fee-based ceiling counts what was paid or what was invoiced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FeeBasis {
    Paid,
    Invoiced,
}

impl Ceiling {
    pub fn article(&self) -> &str {
        match self {
            Ceiling::Fixed { article, .. }
            | Ceiling::MonthlyMultiple { article, .. }
            | Ceiling::FeesPaid { article, .. }
            | Ceiling::LastInvoice { article, .. }
            | Ceiling::InsurerPayout { article, .. }
            | Ceiling::OrderValue { article, .. }
            | Ceiling::YearlyMax { article, .. }
            | Ceiling::LowestOf { article, .. }
            | Ceiling::HighestOf { article, .. }
            | Ceiling::PerEventOrSeries { article, .. } => article,
        }
    }

    pub fn reading(&self) -> Option<&str> {
        match self {
            Ceiling::Fixed { reading, .. }
            | Ceiling::MonthlyMultiple { reading, .. }
            | Ceiling::FeesPaid { reading, .. }
            | Ceiling::LastInvoice { reading, .. }
            | Ceiling::InsurerPayout { reading, .. }
            | Ceiling::OrderValue { reading, .. }
            | Ceiling::YearlyMax { reading, .. }
            | Ceiling::LowestOf { reading, .. }
            | Ceiling::HighestOf { reading, .. }
            | Ceiling::PerEventOrSeries { reading, .. } => reading.as_deref(),
        }
    }

    /// The command-line figures this ceiling reads (long option names without dashes), so
    /// that a figure given for a clause that does not use it can be pointed out.
    /// `no_invoice_paid`: `--no-invoice-paid` was given, so a last-invoice ceiling falls back to
    /// the monthly fee (where the clause allows it) instead of reading `--last-invoice`.
    pub fn inputs(&self, no_invoice_paid: bool, out: &mut Vec<&'static str>) {
        match self {
            Ceiling::Fixed { .. } => {}
            Ceiling::MonthlyMultiple { .. } => out.push("monthly"),
            Ceiling::FeesPaid {
                only_if_term_over_months,
                ..
            } => {
                out.push("fees-paid");
                if only_if_term_over_months.is_some() {
                    out.push("term-months");
                }
            }
            Ceiling::LastInvoice {
                fallback_monthly, ..
            } => {
                if !no_invoice_paid {
                    out.push("last-invoice");
                } else if *fallback_monthly {
                    out.push("monthly");
                }
            }
            Ceiling::InsurerPayout { otherwise, .. } => {
                out.push("insurer-payout");
                if let Some(o) = otherwise {
                    o.inputs(no_invoice_paid, out);
                }
            }
            Ceiling::OrderValue { .. } => out.push("order-value"),
            Ceiling::YearlyMax { .. } => out.push("paid-this-year"),
            Ceiling::LowestOf { items, .. } | Ceiling::HighestOf { items, .. } => {
                for i in items {
                    i.inputs(no_invoice_paid, out);
                }
            }
            Ceiling::PerEventOrSeries { event, series, .. } => {
                event.inputs(no_invoice_paid, out);
                series.inputs(no_invoice_paid, out);
            }
        }
    }

    /// The rule in plain words.
    pub fn describe(&self) -> String {
        match self {
            Ceiling::Fixed { amount, .. } => format!("EUR {}", fmt_amount(*amount)),
            Ceiling::MonthlyMultiple { multiple, .. } => {
                format!("{} x the fixed monthly fee", fmt_plain(*multiple))
            }
            Ceiling::FeesPaid {
                months,
                basis,
                only_if_term_over_months,
                ..
            } => {
                let what = match basis {
                    FeeBasis::Paid => "fees paid",
                    FeeBasis::Invoiced => "fees invoiced",
                };
                let cond = only_if_term_over_months
                    .map(|m| format!(" (only for contracts longer than {m} months)"))
                    .unwrap_or_default();
                format!("the {what} over the {months} months before the event{cond}")
            }
            Ceiling::LastInvoice {
                fallback_monthly, ..
            } => {
                if *fallback_monthly {
                    "the last monthly invoice paid (the fixed monthly fee if none was paid yet)"
                        .to_string()
                } else {
                    "the last monthly invoice paid".to_string()
                }
            }
            Ceiling::InsurerPayout { otherwise, .. } => match otherwise {
                Some(o) => format!(
                    "the insurer's payout; where the insurer does not pay: {}",
                    o.describe()
                ),
                None => "the insurer's payout".to_string(),
            },
            Ceiling::OrderValue { .. } => "the invoice value of the order".to_string(),
            Ceiling::YearlyMax { amount, .. } => {
                format!("at most EUR {} per calendar year", fmt_amount(*amount))
            }
            Ceiling::LowestOf { items, .. } => format!(
                "the lowest of: {}",
                items
                    .iter()
                    .map(Ceiling::describe)
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            Ceiling::HighestOf { items, .. } => format!(
                "the highest of: {}",
                items
                    .iter()
                    .map(Ceiling::describe)
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            Ceiling::PerEventOrSeries { event, series, .. } => format!(
                "per event {}, per series of connected events {}",
                event.describe(),
                series.describe()
            ),
        }
    }

    fn validate(&self, key: &str, p: &mut Vec<Problem>) {
        if self.article().trim().is_empty() {
            p.push(Problem::new(
                format!("{key}.article"),
                "the article is empty",
                Some("cite the article as printed, e.g. \"13.6\""),
            ));
        }
        match self {
            Ceiling::Fixed { amount, .. } | Ceiling::YearlyMax { amount, .. }
                if *amount <= Decimal::ZERO =>
            {
                p.push(Problem::new(
                    format!("{key}.amount"),
                    format!("the amount {} is not more than 0", fmt_amount(*amount)),
                    Some("a ceiling is a positive amount such as \"5000.00\""),
                ));
            }
            Ceiling::MonthlyMultiple { multiple, .. }
                if *multiple <= Decimal::ZERO || *multiple > Decimal::from(1200) =>
            {
                p.push(Problem::new(
                    format!("{key}.multiple"),
                    format!("the multiple {} is out of range", fmt_plain(*multiple)),
                    Some("use a number above 0 and at most 1200, e.g. \"4\""),
                ));
            }
            Ceiling::FeesPaid {
                months,
                only_if_term_over_months,
                ..
            } => {
                if *months == 0 || *months > 120 {
                    p.push(Problem::new(
                        format!("{key}.months"),
                        format!("{months} months is out of range"),
                        Some("use 1 to 120 months"),
                    ));
                }
                if only_if_term_over_months.is_some_and(|m| m > 1200) {
                    p.push(Problem::new(
                        format!("{key}.only_if_term_over_months"),
                        "the term is out of range",
                        Some("use at most 1200 months"),
                    ));
                }
            }
            Ceiling::InsurerPayout {
                otherwise: Some(o), ..
            } => o.validate(&format!("{key}.otherwise"), p),
            Ceiling::LowestOf { items, .. } | Ceiling::HighestOf { items, .. } => {
                if items.len() < 2 {
                    p.push(Problem::new(
                        format!("{key}.items"),
                        "a combination needs at least two items",
                        Some("use the single ceiling directly"),
                    ));
                }
                for (i, it) in items.iter().enumerate() {
                    it.validate(&format!("{key}.items[{i}]"), p);
                }
            }
            Ceiling::PerEventOrSeries { event, series, .. } => {
                event.validate(&format!("{key}.event"), p);
                series.validate(&format!("{key}.series"), p);
            }
            _ => {}
        }
    }
}

/// What a series of connected events (reeks samenhangende gebeurtenissen) counts as, where the
/// clause says so outside a `per_event_or_series` ceiling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeriesRule {
    /// Plain words, e.g. "a series of connected events counts as one event".
    pub rule: String,
    pub article: String,
    #[serde(default)]
    pub reading: Option<String>,
}

/// Whether a deadline is a duty to notify or a lapse of the claim itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// Written notice of the damage within the period (meldingstermijn).
    Notify,
    /// The claim lapses after the period (vervaltermijn).
    Lapse,
}

/// The day the period runs from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineFrom {
    /// The day the damage arose (`--event-date`).
    Event,
    /// The day the customer knew or should have known (`--known-date`, else the event).
    Known,
    /// The later of the two.
    LaterOfEventAndKnown,
}

/// A notification or lapse period: "within N days (or months) after X"; the last day is X + N.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    pub kind: DeadlineKind,
    #[serde(default)]
    pub days: Option<u32>,
    #[serde(default)]
    pub months: Option<u32>,
    /// Working days (Monday to Friday, not the public holidays of the Algemene termijnenwet),
    /// for clauses that count in werkdagen.
    #[serde(default)]
    pub working_days: Option<u32>,
    /// The customer types the period applies to; absent: every customer.
    #[serde(default)]
    pub customers: Option<Vec<super::CustomerType>>,
    pub from: DeadlineFrom,
    /// The form the notice must take, e.g. "written".
    #[serde(default)]
    pub form: Option<String>,
    pub article: String,
    #[serde(default)]
    pub reading: Option<String>,
}

impl Deadline {
    /// True when the period is shorter than one year (the limit of BW 6:236 sub g).
    pub fn shorter_than_a_year(&self) -> bool {
        match (self.days, self.months, self.working_days) {
            (Some(d), _, _) => d < 365,
            (None, Some(m), _) => m < 12,
            // 260 working days are about one year.
            (None, None, Some(w)) => w < 260,
            (None, None, None) => false,
        }
    }

    pub fn period_text(&self) -> String {
        match (self.days, self.months, self.working_days) {
            (Some(d), _, _) => format!("{d} days"),
            (None, Some(1), _) => "1 month".to_string(),
            (None, Some(m), _) => format!("{m} months"),
            (None, None, Some(1)) => "1 working day".to_string(),
            (None, None, Some(w)) => format!("{w} working days"),
            (None, None, None) => "no period".to_string(),
        }
    }

    /// Whether the period applies to this customer type.
    pub fn applies_to(&self, customer: super::CustomerType) -> bool {
        self.customers
            .as_ref()
            .is_none_or(|c| c.contains(&customer))
    }

    pub fn from_text(&self) -> &'static str {
        match self.from {
            DeadlineFrom::Event => "the day the damage arose",
            DeadlineFrom::Known => "the day the customer knew or should have known of it",
            DeadlineFrom::LaterOfEventAndKnown => {
                "the later of the day the damage arose and the day the customer knew or should have known of it"
            }
        }
    }
}

/// A provision in our own words shown with every answer (e.g. a cause-based exclusion that the
/// calculation cannot decide).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// The provision in our own words.
    pub text: String,
    pub article: String,
    /// Also show it as a warning.
    #[serde(default)]
    pub warn: bool,
}

/// An article reference with an optional reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    pub article: String,
    #[serde(default)]
    pub reading: Option<String>,
}

/// The `[liability]` section of a provider file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Liability {
    /// The articles of the liability clause as a whole, e.g. "13.4-13.10".
    pub article: String,
    /// The damage kind assumed when `--damage-kind` is not given.
    #[serde(default = "default_kind")]
    pub default_kind: DamageKind,
    /// How each kind of damage is treated.
    pub kinds: KindMap,
    /// The general ceiling.
    pub ceiling: Ceiling,
    #[serde(default)]
    pub series: Option<SeriesRule>,
    /// Where the clause itself lifts its limits for intent or gross negligence.
    #[serde(default)]
    pub intent_carve_out: Option<Clause>,
    /// Notification and lapse periods; empty when the terms set none.
    #[serde(default)]
    pub deadlines: Vec<Deadline>,
    /// Where `deadlines` is empty: the article(s) showing the terms set none.
    #[serde(default)]
    pub no_deadline: Option<Clause>,
    #[serde(default)]
    pub notes: Vec<Note>,
}

fn default_kind() -> DamageKind {
    DamageKind::Direct
}

impl Section for Liability {
    fn validate(&self, key: &str, p: &mut Vec<Problem>) {
        if self.article.trim().is_empty() {
            p.push(Problem::new(
                format!("{key}.article"),
                "the article is empty",
                Some("cite the articles of the liability clause, e.g. \"13.4-13.10\""),
            ));
        }
        self.ceiling.validate(&format!("{key}.ceiling"), p);
        for kind in DamageKind::ALL {
            let name = kind.as_str().replace('-', "_");
            let rule = self.kinds.get(kind);
            if rule.article.trim().is_empty() {
                p.push(Problem::new(
                    format!("{key}.kinds.{name}.article"),
                    "the article is empty",
                    Some("cite the article that treats this kind of damage"),
                ));
            }
            if let Some(c) = &rule.ceiling {
                if rule.treatment != Treatment::Capped {
                    p.push(Problem::new(
                        format!("{key}.kinds.{name}.ceiling"),
                        "a ceiling is given for a kind that is not capped",
                        Some("use treatment = \"capped\" or remove the ceiling"),
                    ));
                }
                c.validate(&format!("{key}.kinds.{name}.ceiling"), p);
            }
        }
        for (i, d) in self.deadlines.iter().enumerate() {
            let k = format!("{key}.deadlines[{i}]");
            let given = [d.days, d.months, d.working_days]
                .iter()
                .filter(|v| v.is_some())
                .count();
            match (d.days, d.months, d.working_days) {
                _ if given != 1 => p.push(Problem::new(
                    k.clone(),
                    "a deadline needs exactly one of days, months or working_days",
                    Some("e.g. days = 30, months = 1 or working_days = 5"),
                )),
                (Some(n), _, _) if n == 0 || n > 3660 => p.push(Problem::new(
                    format!("{k}.days"),
                    format!("{n} days is out of range"),
                    Some("use 1 to 3660 days"),
                )),
                (_, Some(n), _) if n == 0 || n > 120 => p.push(Problem::new(
                    format!("{k}.months"),
                    format!("{n} months is out of range"),
                    Some("use 1 to 120 months"),
                )),
                (_, _, Some(n)) if n == 0 || n > 2600 => p.push(Problem::new(
                    format!("{k}.working_days"),
                    format!("{n} working days is out of range"),
                    Some("use 1 to 2600 working days"),
                )),
                _ => {}
            }
            if d.customers.as_ref().is_some_and(|c| c.is_empty()) {
                p.push(Problem::new(
                    format!("{k}.customers"),
                    "an empty customer list makes the period apply to no one",
                    Some("name the customer types, e.g. customers = [\"business\"], or leave the key out"),
                ));
            }
        }
        if !self.deadlines.is_empty() && self.no_deadline.is_some() {
            p.push(Problem::new(
                format!("{key}.no_deadline"),
                "no_deadline is given while deadlines are listed",
                Some("remove one of them"),
            ));
        }
    }

    fn describe(&self) -> Vec<(String, String)> {
        let mut out = vec![(
            format!("Ceiling: {}", self.ceiling.describe()),
            self.ceiling.article().to_string(),
        )];
        for kind in DamageKind::ALL {
            let r = self.kinds.get(kind);
            let what = match r.treatment {
                Treatment::Capped => match &r.ceiling {
                    Some(c) => format!("capped at {}", c.describe()),
                    None => "recoverable up to the ceiling".to_string(),
                },
                Treatment::Excluded => "excluded".to_string(),
                Treatment::NotLimited => "not limited by the terms".to_string(),
            };
            let term = r
                .clause_term
                .as_deref()
                .map(|t| format!(" (clause: {t})"))
                .unwrap_or_default();
            out.push((
                format!("Damage kind {}{term}: {what}", kind.as_str()),
                r.article.clone(),
            ));
        }
        if let Some(s) = &self.series {
            out.push((format!("Series: {}", s.rule), s.article.clone()));
        }
        if let Some(c) = &self.intent_carve_out {
            out.push((
                "No limit for intent or gross negligence".to_string(),
                c.article.clone(),
            ));
        }
        for d in &self.deadlines {
            let what = match d.kind {
                DeadlineKind::Notify => "Notify the damage",
                DeadlineKind::Lapse => "The claim lapses",
            };
            let form = d
                .form
                .as_deref()
                .map(|f| format!(" ({f})"))
                .unwrap_or_default();
            let who = d
                .customers
                .as_ref()
                .map(|c| {
                    format!(
                        " ({} only)",
                        c.iter()
                            .map(|c| c.to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })
                .unwrap_or_default();
            out.push((
                format!(
                    "{what}{form} within {} after {}{who}",
                    d.period_text(),
                    d.from_text()
                ),
                d.article.clone(),
            ));
        }
        if let Some(c) = &self.no_deadline {
            out.push((
                "No notification or lapse period in the terms".to_string(),
                c.article.clone(),
            ));
        }
        for n in &self.notes {
            out.push((n.text.clone(), n.article.clone()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damage_kind_parses_both_spellings() {
        assert_eq!(
            "personal_injury".parse::<DamageKind>(),
            Ok(DamageKind::PersonalInjury)
        );
        assert_eq!(
            "Personal-Injury".parse::<DamageKind>(),
            Ok(DamageKind::PersonalInjury)
        );
        let e = "lost-profit".parse::<DamageKind>().unwrap_err();
        assert!(e.contains("direct, property, indirect, data, personal-injury"));
    }

    #[test]
    fn deadline_year_limit() {
        let d = |days, months| Deadline {
            kind: DeadlineKind::Lapse,
            days,
            months,
            working_days: None,
            customers: None,
            from: DeadlineFrom::Event,
            form: None,
            article: "x".into(),
            reading: None,
        };
        assert!(d(Some(364), None).shorter_than_a_year());
        assert!(!d(Some(365), None).shorter_than_a_year());
        assert!(d(None, Some(11)).shorter_than_a_year());
        assert!(!d(None, Some(12)).shorter_than_a_year());
    }
}
