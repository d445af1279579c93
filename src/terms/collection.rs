//! The provider's clause on extrajudicial collection costs (buitengerechtelijke incassokosten).
//!
//! The clause is data, one of four kinds: it refers to the statutory scale, it prints a scale
//! of its own, it fixes a percentage of the principal, or it claims the actual costs. Whether
//! the clause may be applied at all (not against a consumer: BW 6:96 lid 5) is decided in
//! `calc::collection`, not here.

use super::{Problem, Section};
use crate::money::{fmt_amount, fmt_plain};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The `[collection]` section of a provider file.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Collection {
    /// The collection-cost clause.
    pub clause: CostClause,
}

/// One band of a scale printed in the terms: the part of the principal up to `up_to` (the
/// previous band's `up_to` excluded), at `percent`. The last band has no `up_to`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    #[schemars(schema_with = "crate::money::amount_schema")]
    #[serde(
        default,
        deserialize_with = "crate::money::de_opt_amount",
        skip_serializing_if = "Option::is_none"
    )]
    pub up_to: Option<Decimal>,
    #[schemars(schema_with = "crate::money::decimal_schema")]
    #[serde(deserialize_with = "crate::money::de_decimal")]
    pub percent: Decimal,
}

/// What the collection-cost clause says.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum CostClause {
    /// The clause refers to the statutory scale (Besluit BIK art. 2) without printing it.
    StatutoryScale {
        article: String,
        #[serde(default)]
        reading: Option<String>,
        /// The clause also lets the provider claim proven higher actual costs.
        #[serde(default)]
        higher_costs_if_proven: bool,
    },
    /// The clause prints a scale of its own (bands, minimum, maximum).
    Scale {
        /// The bands of the scale, lowest first; the last has no `up_to`.
        tiers: Vec<Tier>,
        #[schemars(schema_with = "crate::money::amount_schema")]
        #[serde(default, deserialize_with = "crate::money::de_opt_amount")]
        minimum: Option<Decimal>,
        #[schemars(schema_with = "crate::money::amount_schema")]
        #[serde(default, deserialize_with = "crate::money::de_opt_amount")]
        maximum: Option<Decimal>,
        article: String,
        #[serde(default)]
        reading: Option<String>,
        #[serde(default)]
        higher_costs_if_proven: bool,
    },
    /// A fixed percentage of the principal, with an optional minimum and maximum.
    Percentage {
        #[schemars(schema_with = "crate::money::decimal_schema")]
        #[serde(deserialize_with = "crate::money::de_decimal")]
        percent: Decimal,
        #[schemars(schema_with = "crate::money::amount_schema")]
        #[serde(default, deserialize_with = "crate::money::de_opt_amount")]
        minimum: Option<Decimal>,
        #[schemars(schema_with = "crate::money::amount_schema")]
        #[serde(default, deserialize_with = "crate::money::de_opt_amount")]
        maximum: Option<Decimal>,
        article: String,
        #[serde(default)]
        reading: Option<String>,
        #[serde(default)]
        higher_costs_if_proven: bool,
    },
    /// The clause claims the costs actually incurred; it fixes no amount.
    ActualCosts {
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
}

impl CostClause {
    pub fn article(&self) -> &str {
        match self {
            CostClause::StatutoryScale { article, .. }
            | CostClause::Scale { article, .. }
            | CostClause::Percentage { article, .. }
            | CostClause::ActualCosts { article, .. } => article,
        }
    }

    pub fn reading(&self) -> Option<&str> {
        match self {
            CostClause::StatutoryScale { reading, .. }
            | CostClause::Scale { reading, .. }
            | CostClause::Percentage { reading, .. }
            | CostClause::ActualCosts { reading, .. } => reading.as_deref(),
        }
    }

    pub fn higher_costs_if_proven(&self) -> bool {
        match self {
            CostClause::StatutoryScale {
                higher_costs_if_proven,
                ..
            }
            | CostClause::Scale {
                higher_costs_if_proven,
                ..
            }
            | CostClause::Percentage {
                higher_costs_if_proven,
                ..
            } => *higher_costs_if_proven,
            CostClause::ActualCosts { .. } => false,
        }
    }

    /// The clause in plain words.
    pub fn summary(&self) -> String {
        let bounds = |min: &Option<Decimal>, max: &Option<Decimal>| {
            let mut s = String::new();
            if let Some(m) = min {
                s.push_str(&format!(", at least {}", fmt_amount(*m)));
            }
            if let Some(m) = max {
                s.push_str(&format!(", at most {}", fmt_amount(*m)));
            }
            s
        };
        let extra = if self.higher_costs_if_proven() {
            "; proven higher costs on top"
        } else {
            ""
        };
        match self {
            CostClause::StatutoryScale { .. } => {
                format!("collection costs by the statutory BIK scale{extra}")
            }
            CostClause::Scale {
                tiers,
                minimum,
                maximum,
                ..
            } => {
                let mut parts = Vec::new();
                let mut from = Decimal::ZERO;
                for t in tiers {
                    match t.up_to {
                        Some(to) => {
                            parts.push(format!(
                                "{} % of {}-{}",
                                fmt_plain(t.percent),
                                fmt_amount(from),
                                fmt_amount(to)
                            ));
                            from = to;
                        }
                        None => parts.push(format!(
                            "{} % above {}",
                            fmt_plain(t.percent),
                            fmt_amount(from)
                        )),
                    }
                }
                format!(
                    "collection costs by the terms' own scale: {}{}{extra}",
                    parts.join("; "),
                    bounds(minimum, maximum)
                )
            }
            CostClause::Percentage {
                percent,
                minimum,
                maximum,
                ..
            } => format!(
                "collection costs fixed at {} % of the principal{}{extra}",
                fmt_plain(*percent),
                bounds(minimum, maximum)
            ),
            CostClause::ActualCosts { .. } => {
                "the collection costs actually incurred (no amount fixed)".to_string()
            }
        }
    }

    /// The amount the clause fixes for a principal, exact (not rounded); `None` for actual
    /// costs. `StatutoryScale` gives the statutory scale with its minimum and maximum.
    pub fn amount(&self, principal: Decimal) -> Option<Decimal> {
        let bound = |v: Decimal, min: &Option<Decimal>, max: &Option<Decimal>| {
            let v = min.map_or(v, |m| v.max(m));
            max.map_or(v, |m| v.min(m))
        };
        match self {
            CostClause::StatutoryScale { .. } => Some(
                crate::law::bik::scale_raw(principal)
                    .clamp(crate::law::bik::MINIMUM, crate::law::bik::MAXIMUM),
            ),
            CostClause::Scale {
                tiers,
                minimum,
                maximum,
                ..
            } => {
                let raw: Decimal = crate::law::bik::breakdown_tiers(
                    principal,
                    tiers.iter().map(|t| (t.up_to, t.percent)),
                )
                .iter()
                .map(|b| b.amount)
                .sum();
                Some(bound(raw, minimum, maximum))
            }
            CostClause::Percentage {
                percent,
                minimum,
                maximum,
                ..
            } => Some(bound(
                crate::law::bik::percent_of(principal, *percent),
                minimum,
                maximum,
            )),
            CostClause::ActualCosts { .. } => None,
        }
    }
}

fn check_percent(p: Decimal, key: String, problems: &mut Vec<Problem>) {
    if p <= Decimal::ZERO || p > Decimal::ONE_HUNDRED {
        problems.push(Problem::new(
            key,
            format!("{} % is not a possible percentage", fmt_plain(p)),
            Some("use a percentage above 0 and at most 100, e.g. \"15\""),
        ));
    }
}

fn check_bounds(
    minimum: &Option<Decimal>,
    maximum: &Option<Decimal>,
    key: &str,
    problems: &mut Vec<Problem>,
) {
    for (name, v) in [("minimum", minimum), ("maximum", maximum)] {
        if let Some(v) = v {
            if *v < Decimal::ZERO {
                problems.push(Problem::new(
                    format!("{key}.{name}"),
                    format!("the {name} {} is negative", fmt_amount(*v)),
                    Some("use an amount of 0 or more"),
                ));
            }
        }
    }
    if let (Some(lo), Some(hi)) = (minimum, maximum) {
        if lo > hi {
            problems.push(Problem::new(
                format!("{key}.maximum"),
                format!(
                    "the maximum {} is below the minimum {}",
                    fmt_amount(*hi),
                    fmt_amount(*lo)
                ),
                Some("the maximum must be at least the minimum"),
            ));
        }
    }
}

impl Section for Collection {
    fn validate(&self, key: &str, problems: &mut Vec<Problem>) {
        let key = format!("{key}.clause");
        if self.clause.article().trim().is_empty() {
            problems.push(Problem::new(
                format!("{key}.article"),
                "the article is empty",
                Some("give the article as printed, e.g. \"20.5\""),
            ));
        }
        match &self.clause {
            CostClause::StatutoryScale { .. } | CostClause::ActualCosts { .. } => {}
            CostClause::Percentage {
                percent,
                minimum,
                maximum,
                ..
            } => {
                check_percent(*percent, format!("{key}.percent"), problems);
                check_bounds(minimum, maximum, &key, problems);
            }
            CostClause::Scale {
                tiers,
                minimum,
                maximum,
                ..
            } => {
                check_bounds(minimum, maximum, &key, problems);
                if tiers.is_empty() {
                    problems.push(Problem::new(
                        format!("{key}.tiers"),
                        "the scale has no tiers",
                        Some("list the bands, e.g. [{ up_to = \"2500.00\", percent = \"15\" }, { percent = \"10\" }]"),
                    ));
                }
                let mut prev = Decimal::ZERO;
                for (i, t) in tiers.iter().enumerate() {
                    check_percent(t.percent, format!("{key}.tiers[{i}].percent"), problems);
                    let last = i + 1 == tiers.len();
                    match (t.up_to, last) {
                        (Some(to), _) if to <= prev => problems.push(Problem::new(
                            format!("{key}.tiers[{i}].up_to"),
                            format!(
                                "up_to {} is not above the previous band's {}",
                                fmt_amount(to),
                                fmt_amount(prev)
                            ),
                            Some("list the bands in increasing order"),
                        )),
                        (Some(to), true) => problems.push(Problem::new(
                            format!("{key}.tiers[{i}].up_to"),
                            format!(
                                "the last band ends at {}, so a larger principal has no rate",
                                fmt_amount(to)
                            ),
                            Some("leave up_to out of the last band"),
                        )),
                        (None, false) => problems.push(Problem::new(
                            format!("{key}.tiers[{i}]"),
                            "only the last band may leave up_to out",
                            Some("give up_to for every band but the last"),
                        )),
                        (Some(to), false) => prev = to,
                        (None, true) => {}
                    }
                }
            }
        }
    }

    fn describe(&self) -> Vec<(String, String)> {
        let mut text = self.clause.summary();
        if let Some(r) = self.clause.reading() {
            text.push_str(&format!(" [reading: {r}]"));
        }
        vec![
            (text, self.clause.article().to_string()),
            (
                "consumers: the BIK scale applies whatever the clause says, after a 14-day letter"
                    .to_string(),
                "BW 6:96 lid 5-6".to_string(),
            ),
        ]
    }
}
