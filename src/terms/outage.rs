//! The `[outage]` section: what the provider's own terms add to the statutory outage
//! compensation (storingscompensatie, Telecommunicatiewet art. 7.1a). Either a guarantee of
//! its own (a fixed vocabulary of conditions, what it credits and how it combines with the
//! statutory minimum) or `none`, citing the article in which the provider disclaims any
//! guarantee of availability. The statutory minimum itself is law, not provider data: it lives
//! in `calc::outage`.

use super::{Problem, Section};
use crate::money::{de_decimal, fmt_plain};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The longest reporting window a file may state: a year.
pub const MAX_REPORT_DAYS: u32 = 366;

/// The provider's outage clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Outage {
    /// The terms give no compensation of their own; they disclaim any guarantee of
    /// availability (e.g. "geen garanties ten aanzien van de beschikbaarheid"). Such a
    /// disclaimer does not touch the statutory minimum.
    None {
        /// The articles of the disclaimer, as printed.
        article: String,
        /// What the disclaimer says, in our own words.
        note: String,
    },
    /// A guarantee of the provider's own (e.g. Quatel's Betrouwbaarheidsgarantie).
    Guarantee(Box<Guarantee>),
}

/// A provider's outage guarantee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Guarantee {
    /// The guarantee's name as printed, e.g. "Quatel Betrouwbaarheidsgarantie".
    pub name: String,
    /// The articles that set it up.
    pub article: String,
    /// Every condition; all must be met. Each kind at most once.
    pub conditions: Vec<Condition>,
    /// What the guarantee credits.
    pub credit: Credit,
    /// How the guarantee combines with the statutory minimum.
    pub combine: Combine,
    /// Where the clause is ambiguous: the reading chosen.
    #[serde(default)]
    pub reading: Option<String>,
}

/// One condition of a guarantee (a fixed vocabulary).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// The outage was reported to the provider within `days` calendar days of its discovery
    /// (`--discovered`, `--reported`); the last day is discovery + `days`, inclusive.
    ReportedWithin {
        /// The reporting window in calendar days after discovery.
        days: u32,
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// The customer uses this provider exclusively for carrier (pre)selection and no other
    /// provider for calls (`--exclusive-carrier`).
    ExclusiveCarrier {
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// The customer pays by direct debit (automatische incasso, `--direct-debit`).
    DirectDebit {
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// The guarantee can be used only once (`--guarantee-used` says it already was).
    OnceOnly {
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// The provider's investigation finds a cause other than the customer's own equipment or
    /// cabling (`--cause`).
    NotCustomerEquipment {
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
}

impl Condition {
    pub fn name(&self) -> &'static str {
        match self {
            Condition::ReportedWithin { .. } => "reported_within",
            Condition::ExclusiveCarrier { .. } => "exclusive_carrier",
            Condition::DirectDebit { .. } => "direct_debit",
            Condition::OnceOnly { .. } => "once_only",
            Condition::NotCustomerEquipment { .. } => "not_customer_equipment",
        }
    }

    pub fn article(&self) -> &str {
        match self {
            Condition::ReportedWithin { article, .. }
            | Condition::ExclusiveCarrier { article, .. }
            | Condition::DirectDebit { article, .. }
            | Condition::OnceOnly { article, .. }
            | Condition::NotCustomerEquipment { article, .. } => article,
        }
    }

    pub fn reading(&self) -> Option<&str> {
        match self {
            Condition::ReportedWithin { reading, .. }
            | Condition::ExclusiveCarrier { reading, .. }
            | Condition::DirectDebit { reading, .. }
            | Condition::OnceOnly { reading, .. }
            | Condition::NotCustomerEquipment { reading, .. } => reading.as_deref(),
        }
    }

    /// The condition in plain words.
    pub fn describe(&self) -> String {
        match self {
            Condition::ReportedWithin { days, .. } => {
                format!("reported to the provider within {days} days of discovery")
            }
            Condition::ExclusiveCarrier { .. } => {
                "the customer uses this provider exclusively for carrier (pre)selection and no other provider for calls".into()
            }
            Condition::DirectDebit { .. } => "the customer pays by direct debit".into(),
            Condition::OnceOnly { .. } => "the guarantee was not used before (once only)".into(),
            Condition::NotCustomerEquipment { .. } => {
                "the provider's investigation finds a cause other than the customer's own equipment or cabling".into()
            }
        }
    }
}

/// What the guarantee credits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Credit {
    /// The monthly subscription fee (`--monthly`) is credited.
    pub subscription: bool,
    /// The month's call charges (`--usage`) are credited.
    pub usage: bool,
    /// The part of the month credited: 1 = the whole month.
    #[schemars(schema_with = "crate::money::decimal_schema")]
    #[serde(deserialize_with = "de_decimal")]
    pub fraction_of_month: Decimal,
    /// What is left out, in our own words (e.g. facility costs, service numbers).
    #[serde(default)]
    pub excludes: Option<String>,
    pub article: String,
    #[serde(default)]
    pub reading: Option<String>,
}

/// How the guarantee combines with the statutory minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CombineRule {
    /// The customer gets the higher of the two, not both.
    HigherOf,
    /// The guarantee comes on top of the statutory minimum.
    InAddition,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Combine {
    pub rule: CombineRule,
    pub article: String,
    #[serde(default)]
    pub reading: Option<String>,
}

impl Outage {
    /// The articles of the clause, for citations.
    pub fn article(&self) -> &str {
        match self {
            Outage::None { article, .. } => article,
            Outage::Guarantee(g) => &g.article,
        }
    }
}

fn empty(p: &mut Vec<Problem>, key: String, what: &str, hint: &str) {
    p.push(Problem::new(key, format!("{what} is empty"), Some(hint)));
}

impl Section for Outage {
    fn validate(&self, key: &str, p: &mut Vec<Problem>) {
        const ART: &str = "cite the article as printed, e.g. \"20.2\"";
        match self {
            Outage::None { article, note } => {
                if article.trim().is_empty() {
                    empty(p, format!("{key}.article"), "the article", ART);
                }
                if note.trim().is_empty() {
                    empty(
                        p,
                        format!("{key}.note"),
                        "the note",
                        "say in a few words what the disclaimer says",
                    );
                }
            }
            Outage::Guarantee(g) => {
                if g.name.trim().is_empty() {
                    empty(
                        p,
                        format!("{key}.name"),
                        "the name",
                        "the guarantee's name as printed",
                    );
                }
                if g.article.trim().is_empty() {
                    empty(p, format!("{key}.article"), "the article", ART);
                }
                let mut seen: Vec<&str> = Vec::new();
                for (i, c) in g.conditions.iter().enumerate() {
                    let ck = format!("{key}.conditions[{i}]");
                    if seen.contains(&c.name()) {
                        p.push(Problem::new(
                            format!("{ck}.kind"),
                            format!("the condition {} appears twice", c.name()),
                            Some("state each kind of condition once"),
                        ));
                    }
                    seen.push(c.name());
                    if c.article().trim().is_empty() {
                        empty(p, format!("{ck}.article"), "the article", ART);
                    }
                    if let Condition::ReportedWithin { days, .. } = c {
                        if *days == 0 || *days > MAX_REPORT_DAYS {
                            p.push(Problem::new(
                                format!("{ck}.days"),
                                format!("{days} is not a possible reporting window"),
                                Some("a number of calendar days from 1 to 366, e.g. 10"),
                            ));
                        }
                    }
                }
                let c = &g.credit;
                if c.fraction_of_month <= Decimal::ZERO || c.fraction_of_month > Decimal::ONE {
                    p.push(Problem::new(
                        format!("{key}.credit.fraction_of_month"),
                        format!(
                            "{} is not a part of a month",
                            fmt_plain(c.fraction_of_month)
                        ),
                        Some("a decimal more than 0 and at most 1, e.g. \"1\" for the whole month"),
                    ));
                }
                if !c.subscription && !c.usage {
                    p.push(Problem::new(
                        format!("{key}.credit"),
                        "the guarantee credits neither the subscription nor the usage",
                        Some("set subscription = true, usage = true, or both"),
                    ));
                }
                if c.article.trim().is_empty() {
                    empty(p, format!("{key}.credit.article"), "the article", ART);
                }
                if g.combine.article.trim().is_empty() {
                    empty(p, format!("{key}.combine.article"), "the article", ART);
                }
            }
        }
    }

    fn describe(&self) -> Vec<(String, String)> {
        match self {
            Outage::None { article, note } => vec![(
                format!(
                    "No outage guarantee of its own: {note}. The statutory minimum \
                     (Telecommunicatiewet art. 7.1a) applies regardless"
                ),
                article.clone(),
            )],
            Outage::Guarantee(g) => {
                let mut out = Vec::new();
                let c = &g.credit;
                let mut what = Vec::new();
                if c.subscription {
                    what.push("the monthly subscription");
                }
                if c.usage {
                    what.push("the month's call charges");
                }
                let part = if c.fraction_of_month == Decimal::ONE {
                    "in full".to_string()
                } else {
                    format!("x {}", fmt_plain(c.fraction_of_month))
                };
                let excl = c
                    .excludes
                    .as_deref()
                    .map(|e| format!(" (without {e})"))
                    .unwrap_or_default();
                out.push((
                    format!("{}: credits {} {part}{excl}", g.name, what.join(" and ")),
                    c.article.clone(),
                ));
                for cond in &g.conditions {
                    out.push((
                        format!("Condition: {}", cond.describe()),
                        cond.article().to_string(),
                    ));
                }
                let comb = match g.combine.rule {
                    CombineRule::HigherOf => {
                        "With the statutory minimum: the higher of the two, not both"
                    }
                    CombineRule::InAddition => "With the statutory minimum: in addition to it",
                };
                out.push((comb.to_string(), g.combine.article.clone()));
                out
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::terms::{parse_provider, ProviderSet, EMBEDDED};

    fn quatel_text() -> &'static str {
        EMBEDDED
            .iter()
            .find(|(f, _)| f.ends_with("quatel.toml"))
            .unwrap()
            .1
    }

    #[test]
    fn every_built_in_provider_states_its_outage_clause() {
        let set = ProviderSet::embedded().unwrap();
        for p in set.iter() {
            let o = p
                .outage
                .as_ref()
                .unwrap_or_else(|| panic!("{} has no [outage]", p.id));
            assert!(!o.article().trim().is_empty(), "{}", p.id);
        }
        assert!(matches!(
            set.get("quatel").unwrap().outage,
            Some(super::Outage::Guarantee(_))
        ));
    }

    fn problems(from: &str, to: &str) -> Vec<crate::error::DataIssue> {
        let text = quatel_text().replacen(from, to, 1);
        assert_ne!(text, quatel_text(), "{from} not found");
        parse_provider("quatel.toml", &text, Some("quatel")).unwrap_err()
    }

    #[test]
    fn unknown_keys_and_kinds_are_located() {
        let i = problems("[outage.credit]\n", "[outage.credit]\nvat = true\n");
        // A tagged enum's content is buffered by serde, so the error points at [outage] and the
        // message names the key.
        assert!(i[0].key.starts_with("outage"), "{i:?}");
        assert!(i[0].message.contains("`vat`"), "{i:?}");
        assert!(i[0].position.is_some());
        let i = problems("kind = \"direct_debit\"", "kind = \"paper_invoice\"");
        assert!(i[0].message.contains("paper_invoice"), "{i:?}");
        assert!(i[0].position.is_some());
        let i = problems("rule = \"higher_of\"", "rule = \"lower_of\"");
        assert!(i[0].message.contains("lower_of"), "{i:?}");
    }

    #[test]
    fn impossible_values_are_located() {
        let i = problems("days = 10", "days = 0");
        assert_eq!(i[0].key, "outage.conditions[0].days", "{i:?}");
        let i = problems("fraction_of_month = \"1\"", "fraction_of_month = \"1.5\"");
        assert_eq!(i[0].key, "outage.credit.fraction_of_month", "{i:?}");
        let i = problems("kind = \"direct_debit\"", "kind = \"once_only\"");
        assert!(i[0].message.contains("twice"), "{i:?}");
        let i = problems(
            "subscription = true\nusage = true",
            "subscription = false\nusage = false",
        );
        assert_eq!(i[0].key, "outage.credit", "{i:?}");
    }
}
