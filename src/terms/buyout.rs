//! The buyout clause (afkoopsom, remaining fees, cancellation amounts) as data: a fixed
//! vocabulary of rule kinds, each with the article it comes from and, where the clause is
//! ambiguous, the reading chosen. The arithmetic lives in `calc::buyout`.

use super::{Problem, Section};
use crate::money::{de_amount, de_decimal, fmt_amount, fmt_plain};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The `[buyout]` section of a provider file.
///
/// The window after the leaving day up to the regular end (from the end-date rules) has two
/// parts: the part inside the initial term and the part after it (a renewal period or the
/// notice period of an indefinite contract). `rules` say what the clause charges for each;
/// whatever no rule charges is owed as the ordinary fixed fees up to the regular end
/// (`ordinary_fees`). A provider without a buyout clause has no rules and a `no_clause` entry.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Buyout {
    /// How a month that is only partly in the window is counted.
    pub partial_month: PartialMonth,
    /// Where the ordinary fixed fees up to the regular end come from (billing / pro-rata
    /// articles); used for the part of the window that no rule covers.
    pub ordinary_fees: OrdinaryFees,
    /// The clause's rules, in the order the steps apply them. Empty when the terms have none.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Present exactly when the terms have no buyout clause: what the answer rests on instead.
    #[serde(default)]
    pub no_clause: Option<NoClause>,
}

/// How a month that lies only partly after the leaving day is counted. Months are the
/// contract's billing months, counted back from the day after the regular end.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PartialMonth {
    pub kind: PartialMonthKind,
    pub article: String,
    #[serde(default)]
    pub reading: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PartialMonthKind {
    /// Days left in that month / days in that month (per calendar day, pro rata).
    ProRataDays,
    /// A started month counts as a whole month.
    WholeMonthUp,
    /// A partial month is not counted.
    WholeMonthDown,
}

/// The article behind the ordinary fixed fees that run up to the regular end.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct OrdinaryFees {
    pub article: String,
    #[serde(default)]
    pub reading: Option<String>,
}

/// Which part of the window a rule covers.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Only the part of the window inside the initial term.
    InitialTerm,
    /// The rest of whichever period runs: the initial term or a renewal period.
    AnyPeriod,
}

impl Scope {
    fn describe(self) -> &'static str {
        match self {
            Scope::InitialTerm => "for the rest of the initial term",
            Scope::AnyPeriod => "for the rest of the current period (initial term or renewal)",
        }
    }
}

/// When a flat fee is charged.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// Whenever the customer leaves before the regular end.
    Always,
    /// Only when the service has not been delivered yet.
    BeforeDelivery,
    /// Only when the service has been delivered.
    AfterDelivery,
}

/// One rule of a buyout clause.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// A percentage of the fixed monthly fees over the remaining months (delivered service).
    RemainingFixedFees {
        #[schemars(schema_with = "crate::money::decimal_schema")]
        #[serde(deserialize_with = "de_decimal")]
        percent: Decimal,
        scope: Scope,
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// The average monthly usage charges invoiced so far × the remaining months (needs
    /// `--usage-monthly`).
    UsageAverage {
        scope: Scope,
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// Cancellation before delivery: a percentage of the fixed monthly fees over the whole
    /// initial term (the term has not started). `minimum` marks a floor the provider may exceed.
    BeforeDelivery {
        #[schemars(schema_with = "crate::money::decimal_schema")]
        #[serde(deserialize_with = "de_decimal")]
        percent: Decimal,
        #[serde(default)]
        minimum: bool,
        article: String,
        #[serde(default)]
        reading: Option<String>,
        /// A caution shown as a warning whenever the rule applies (e.g. a literal reading a
        /// court may moderate).
        #[serde(default)]
        warning: Option<String>,
    },
    /// Cancellation before delivery: the one-off installation or delivery fee at list price,
    /// without discount (needs `--one-off`).
    OneOffBeforeDelivery {
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// Discounts lapse after the initial term: fees after it are at the list price
    /// (`--list-monthly`).
    DiscountsLapse {
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// A fixed amount.
    FlatFee {
        #[schemars(schema_with = "crate::money::amount_schema")]
        #[serde(deserialize_with = "de_amount")]
        amount: Decimal,
        when: When,
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// The clause's components together are at least this amount (a minimum cancellation sum).
    MinimumTotal {
        #[schemars(schema_with = "crate::money::amount_schema")]
        #[serde(deserialize_with = "de_amount")]
        amount: Decimal,
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
}

impl Rule {
    pub fn article(&self) -> &str {
        match self {
            Rule::RemainingFixedFees { article, .. }
            | Rule::UsageAverage { article, .. }
            | Rule::BeforeDelivery { article, .. }
            | Rule::OneOffBeforeDelivery { article, .. }
            | Rule::DiscountsLapse { article, .. }
            | Rule::FlatFee { article, .. }
            | Rule::MinimumTotal { article, .. } => article,
        }
    }

    pub fn reading(&self) -> Option<&str> {
        match self {
            Rule::RemainingFixedFees { reading, .. }
            | Rule::UsageAverage { reading, .. }
            | Rule::BeforeDelivery { reading, .. }
            | Rule::OneOffBeforeDelivery { reading, .. }
            | Rule::DiscountsLapse { reading, .. }
            | Rule::FlatFee { reading, .. }
            | Rule::MinimumTotal { reading, .. } => reading.as_deref(),
        }
    }

    /// The rule kind as written in the file.
    pub fn kind(&self) -> &'static str {
        match self {
            Rule::RemainingFixedFees { .. } => "remaining_fixed_fees",
            Rule::UsageAverage { .. } => "usage_average",
            Rule::BeforeDelivery { .. } => "before_delivery",
            Rule::OneOffBeforeDelivery { .. } => "one_off_before_delivery",
            Rule::DiscountsLapse { .. } => "discounts_lapse",
            Rule::FlatFee { .. } => "flat_fee",
            Rule::MinimumTotal { .. } => "minimum_total",
        }
    }

    /// The rule in plain words.
    pub fn describe(&self) -> String {
        match self {
            Rule::RemainingFixedFees { percent, scope, .. } => format!(
                "leaving early: {} % of the fixed monthly fees {}",
                fmt_plain(*percent),
                scope.describe()
            ),
            Rule::UsageAverage { scope, .. } => format!(
                "leaving early: the average monthly usage charges invoiced so far, times the remaining months {}",
                scope.describe().trim_start_matches("for the rest ")
            ),
            Rule::BeforeDelivery {
                percent, minimum, ..
            } => format!(
                "cancelling before delivery: {}{} % of the fixed monthly fees over the whole initial term",
                if *minimum { "at least " } else { "" },
                fmt_plain(*percent)
            ),
            Rule::OneOffBeforeDelivery { .. } => {
                "cancelling before delivery: the one-off installation or delivery fee at list price, without discount".to_string()
            }
            Rule::DiscountsLapse { .. } => {
                "discounts end with the initial term: later fees are at the list price".to_string()
            }
            Rule::FlatFee { amount, when, .. } => format!(
                "a fixed fee of EUR {}{}",
                fmt_amount(*amount),
                match when {
                    When::Always => "",
                    When::BeforeDelivery => " when cancelling before delivery",
                    When::AfterDelivery => " when leaving after delivery",
                }
            ),
            Rule::MinimumTotal { amount, .. } => format!(
                "the buyout is at least EUR {}",
                fmt_amount(*amount)
            ),
        }
    }
}

/// Why there is no buyout clause and what the answer rests on instead.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct NoClause {
    /// The articles that show there is no clause (e.g. where payment obligations continue).
    pub article: String,
    /// The reading chosen for what is owed instead.
    #[serde(default)]
    pub reading: Option<String>,
}

impl Section for Buyout {
    fn validate(&self, key: &str, problems: &mut Vec<Problem>) {
        match (&self.no_clause, self.rules.is_empty()) {
            (Some(_), false) => problems.push(Problem::new(
                format!("{key}.no_clause"),
                "a section with buyout rules cannot also say there is no clause",
                Some("remove no_clause, or remove the [[buyout.rules]] entries"),
            )),
            (None, true) => problems.push(Problem::new(
                key,
                "the section has no rules and no no_clause entry",
                Some("add [[buyout.rules]], or no_clause = { article = \"...\" } where the terms have no buyout clause"),
            )),
            _ => {}
        }
        let mut seen: Vec<&'static str> = Vec::new();
        for (i, rule) in self.rules.iter().enumerate() {
            let at = format!("{key}.rules[{i}]");
            if rule.article().trim().is_empty() {
                problems.push(Problem::new(
                    format!("{at}.article"),
                    "the article is empty",
                    Some("cite the article as printed, e.g. \"5.1.d\""),
                ));
            }
            match rule {
                Rule::RemainingFixedFees { percent, .. } | Rule::BeforeDelivery { percent, .. }
                    if *percent <= Decimal::ZERO || *percent > Decimal::ONE_HUNDRED =>
                {
                    problems.push(Problem::new(
                        format!("{at}.percent"),
                        format!(
                            "{} % is not a possible share of the fees",
                            fmt_plain(*percent)
                        ),
                        Some("use a percentage above 0 and at most 100, e.g. \"100\""),
                    ));
                }
                Rule::FlatFee { amount, .. } | Rule::MinimumTotal { amount, .. }
                    if amount.is_sign_negative() && !amount.is_zero() =>
                {
                    problems.push(Problem::new(
                        format!("{at}.amount"),
                        "the amount is negative",
                        Some("use an amount of 0 or more, e.g. \"150.00\""),
                    ));
                }
                _ => {}
            }
            // Two rules of the same kind would charge the same thing twice (flat fees excepted).
            let kind = rule.kind();
            if kind != "flat_fee" && seen.contains(&kind) {
                problems.push(Problem::new(
                    format!("{at}.kind"),
                    format!("a second `{kind}` rule would charge the same thing twice"),
                    Some("keep one rule of each kind"),
                ));
            }
            seen.push(kind);
        }
    }

    fn describe(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(n) = &self.no_clause {
            out.push((
                "no buyout clause: leaving early leaves the fixed fees up to the regular end owed (an estimate, not a contractual sum)".to_string(),
                n.article.clone(),
            ));
        }
        for r in &self.rules {
            out.push((r.describe(), r.article().to_string()));
        }
        if self.no_clause.is_none() {
            out.push((
                "where no rule charges more (e.g. after the initial term): the fixed fees up to the regular end".to_string(),
                self.ordinary_fees.article.clone(),
            ));
        }
        out.push((
            match self.partial_month.kind {
                PartialMonthKind::ProRataDays => {
                    "a calendar month partly left counts pro rata: its days in the window / its days"
                }
                PartialMonthKind::WholeMonthUp => "a started month counts as a whole month",
                PartialMonthKind::WholeMonthDown => "a partial month is not counted",
            }
            .to_string(),
            self.partial_month.article.clone(),
        ));
        out
    }
}
