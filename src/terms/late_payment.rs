//! The `[late_payment]` section of a provider file: the payment term, when default (verzuim)
//! begins, the late-payment interest clause and how payments are applied. Each rule carries the
//! article as printed and, where the clause is ambiguous, the reading chosen.

use super::{Problem, Section};
use crate::money::{de_decimal, fmt_plain, ser_plain};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The `[late_payment]` section.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LatePayment {
    /// When an invoice must be paid (betalingstermijn).
    pub payment_term: PaymentTerm,
    /// When the customer is in default (verzuim).
    pub default: DefaultRule,
    /// The interest clause for the provider's usual customers.
    pub interest: InterestClause,
    /// A different clause applied when the customer is a consumer (mandatory law or a
    /// consumer-specific reading); without it a consumer gets art. 6:119 BW.
    #[serde(default)]
    pub consumer_interest: Option<InterestClause>,
    /// How payments are applied; absent: the statutory order (art. 6:43, 6:44 BW).
    #[serde(default)]
    pub allocation: Option<AllocationClause>,
}

/// The payment term.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum PaymentTerm {
    /// N calendar days after the invoice date; the last of them is the due date.
    DaysAfterInvoice {
        /// The number of calendar days after the invoice date.
        days: u32,
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// The terms print no term in days (e.g. payment by direct debit): the due date is an input.
    NotStated {
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
}

/// When default (verzuim) begins.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum DefaultRule {
    /// Without notice, on the day after the due date (a fatal term, art. 6:83 sub a BW).
    OnExpiry {
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// After a demand (reminder) giving N calendar days, counted from the day after receipt;
    /// default begins on the day after the N-th day.
    AfterDemand {
        /// The number of calendar days the demand gives.
        days: u32,
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
}

impl DefaultRule {
    pub fn article(&self) -> &str {
        match self {
            DefaultRule::OnExpiry { article, .. } | DefaultRule::AfterDemand { article, .. } => {
                article
            }
        }
    }
}

/// Which statutory rate a clause means.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Statute {
    /// Art. 6:119 BW (wettelijke rente).
    Consumer,
    /// Art. 6:119a BW (wettelijke handelsrente).
    Commercial,
}

/// The first day interest runs.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Start {
    /// The day after the due date.
    DayAfterDue,
    /// The due date itself ("vanaf de vervaldatum" read as written): the due date is the
    /// first interest day.
    DueDate,
    /// The day after the last day of a demand: receipt of the reminder + `demand_days` + 1.
    AfterDemand,
}

/// The interest clause.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum InterestClause {
    /// A statutory rate (the terms name "wettelijke rente" or no rate at all).
    Statutory {
        statute: Statute,
        start: Start,
        /// Days of the demand, for `start = "after_demand"`.
        #[serde(default)]
        demand_days: Option<u32>,
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// A percentage for every month or part of a month (simple interest).
    PerMonthOrPart {
        #[schemars(schema_with = "crate::money::decimal_schema")]
        #[serde(deserialize_with = "de_decimal", serialize_with = "ser_plain")]
        percent: Decimal,
        start: Start,
        #[serde(default)]
        demand_days: Option<u32>,
        /// Interest is owed only once the customer is in default under `[late_payment.default]`.
        #[serde(default)]
        requires_default: bool,
        /// Where the statutory rate is higher for a month, it is owed instead.
        #[serde(default)]
        statutory_floor: bool,
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
}

impl InterestClause {
    pub fn article(&self) -> &str {
        match self {
            InterestClause::Statutory { article, .. }
            | InterestClause::PerMonthOrPart { article, .. } => article,
        }
    }

    pub fn reading(&self) -> Option<&str> {
        match self {
            InterestClause::Statutory { reading, .. }
            | InterestClause::PerMonthOrPart { reading, .. } => reading.as_deref(),
        }
    }

    pub fn start(&self) -> Start {
        match self {
            InterestClause::Statutory { start, .. }
            | InterestClause::PerMonthOrPart { start, .. } => *start,
        }
    }

    pub fn demand_days(&self) -> Option<u32> {
        match self {
            InterestClause::Statutory { demand_days, .. }
            | InterestClause::PerMonthOrPart { demand_days, .. } => *demand_days,
        }
    }

    fn describe(&self) -> String {
        let start = match self.start() {
            Start::DayAfterDue => "from the day after the due date".to_string(),
            Start::DueDate => "from the due date itself".to_string(),
            Start::AfterDemand => format!(
                "from the day after a demand of {} days (counted from the day after receipt) has run out",
                self.demand_days().unwrap_or(0)
            ),
        };
        match self {
            InterestClause::Statutory { statute, .. } => format!(
                "statutory interest, art. {} BW, {start}, compounded yearly",
                match statute {
                    Statute::Consumer => "6:119",
                    Statute::Commercial => "6:119a",
                }
            ),
            InterestClause::PerMonthOrPart {
                percent,
                requires_default,
                statutory_floor,
                ..
            } => format!(
                "{} % per month or part of a month, simple, {start}{}{}",
                fmt_plain(*percent),
                if *requires_default {
                    ", owed once the customer is in default"
                } else {
                    ""
                },
                if *statutory_floor {
                    "; the statutory rate where it is higher"
                } else {
                    ""
                }
            ),
        }
    }

    fn validate(&self, key: &str, p: &mut Vec<Problem>) {
        if self.start() == Start::AfterDemand {
            match self.demand_days() {
                None => p.push(Problem::new(
                    format!("{key}.start"),
                    "start = \"after_demand\" needs demand_days",
                    Some("add demand_days = N, the days the demand gives"),
                )),
                Some(0) | Some(366..) => p.push(Problem::new(
                    format!("{key}.demand_days"),
                    "demand_days must be between 1 and 365",
                    None,
                )),
                _ => {}
            }
        }
        if let InterestClause::PerMonthOrPart { percent, .. } = self {
            if percent.is_zero() || *percent >= Decimal::ONE_HUNDRED {
                p.push(Problem::new(
                    format!("{key}.percent"),
                    format!("{} % per month is not plausible", fmt_plain(*percent)),
                    Some("a percentage per month above 0 and below 100, e.g. \"2\""),
                ));
            }
        }
        if self.article().trim().is_empty() {
            p.push(Problem::new(
                format!("{key}.article"),
                "the article is empty",
                Some("cite the article as printed"),
            ));
        }
    }
}

/// How payments are spread over costs, interest and invoices.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    /// Claim by claim, oldest first: costs, interest, principal (art. 6:43, 6:44 BW).
    Statutory,
    /// First the costs and the interest of all claims, then the invoices oldest first.
    InterestFirst,
}

/// The allocation clause.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AllocationClause {
    pub order: Order,
    /// Whether a payment that names an invoice goes to that invoice first.
    pub designation_honoured: bool,
    pub article: String,
    #[serde(default)]
    pub reading: Option<String>,
}

impl Section for LatePayment {
    fn validate(&self, key: &str, p: &mut Vec<Problem>) {
        if let PaymentTerm::DaysAfterInvoice { days, .. } = self.payment_term {
            if days == 0 || days > 365 {
                p.push(Problem::new(
                    format!("{key}.payment_term.days"),
                    format!("a payment term of {days} days is not plausible"),
                    Some("use the number of calendar days printed, e.g. 14"),
                ));
            }
        }
        if let DefaultRule::AfterDemand { days, .. } = self.default {
            if days == 0 || days > 365 {
                p.push(Problem::new(
                    format!("{key}.default.days"),
                    format!("a demand of {days} days is not plausible"),
                    Some("use the number of days the demand gives, e.g. 5"),
                ));
            }
        }
        self.interest.validate(&format!("{key}.interest"), p);
        if let Some(c) = &self.consumer_interest {
            c.validate(&format!("{key}.consumer_interest"), p);
        }
    }

    fn describe(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        match &self.payment_term {
            PaymentTerm::DaysAfterInvoice { days, article, .. } => out.push((
                format!("Payment term: {days} calendar days after the invoice date (the last of them is the due date)"),
                article.clone(),
            )),
            PaymentTerm::NotStated { article, .. } => out.push((
                "Payment term: none printed; the due date on the invoice (or the debit date) is an input".into(),
                article.clone(),
            )),
        }
        match &self.default {
            DefaultRule::OnExpiry { article, .. } => out.push((
                "Default (verzuim): without notice, from the day after the due date".into(),
                article.clone(),
            )),
            DefaultRule::AfterDemand { days, article, .. } => out.push((
                format!("Default (verzuim): after a demand giving {days} days, from the day after the last of them (--reminder: the day the demand was received)"),
                article.clone(),
            )),
        }
        out.push((
            format!("Late-payment interest: {}", self.interest.describe()),
            self.interest.article().to_string(),
        ));
        if let Some(c) = &self.consumer_interest {
            out.push((
                format!("Late-payment interest for consumers: {}", c.describe()),
                c.article().to_string(),
            ));
        }
        match &self.allocation {
            Some(a) => out.push((
                format!(
                    "Payments: {}{}",
                    match a.order {
                        Order::Statutory => "costs, interest, then principal, invoice by invoice, oldest first",
                        Order::InterestFirst => "first costs and the interest of all invoices, then the invoices oldest first",
                    },
                    if a.designation_honoured {
                        "; an invoice the customer names is paid first"
                    } else {
                        "; even when the customer names another invoice"
                    }
                ),
                a.article.clone(),
            )),
            None => out.push((
                "Payments: no clause; costs, interest, then principal (BW 6:44), the invoice the customer names or else the oldest (BW 6:43)".into(),
                "none".into(),
            )),
        }
        out
    }
}
