//! Mandatory law that overrides termination clauses: Telecommunicatiewet art. 7.2a and BW 6:236
//! sub j (end-date issue).
//!
//! Both rules give the same result for a notice: after the initial term the contract can be
//! ended on any day with at most one month's notice. Which of them protects the customer depends
//! on the customer type, on whether the service is an electronic communications service, and on
//! the date the notice is given (the law in force then).

use super::{BW, TW};
use crate::report::Citation;
use crate::terms::termination::{SpecialEnd, SpecialKind, SpecialRight, Window};
use crate::terms::CustomerType;
use chrono::NaiveDate;

/// The longest notice, in months, that the overriding rules allow after the initial term.
pub const MAX_NOTICE_MONTHS: i32 = 1;

/// The longest initial term, in months, that binds a consumer of an electronic communications
/// service (Telecommunicatiewet art. 7.2a; EECC art. 105(1)).
pub const MAX_CONSUMER_TERM_MONTHS: u32 = 24;

/// The longest notice, in months, a business end-user may agree at its own express request
/// (Telecommunicatiewet art. 7.2a as extended to end-users on 2016-10-01; research/statutory.md
/// section 6.1).
pub const MAX_REQUESTED_NOTICE_MONTHS_BUSINESS: u32 = 3;

/// Whether the consumer cap on the initial term shortens this term: a consumer, an electronic
/// communications service, and a term over 24 months. Business end-users (micro and small
/// enterprises may waive the cap under EECC art. 105(1)) are warned, not capped: termcalc cannot
/// know their size or whether they waived it.
pub fn consumer_term_capped(
    customer: CustomerType,
    electronic_communications: bool,
    term_months: Option<u32>,
) -> bool {
    customer == CustomerType::Consumer
        && electronic_communications
        && term_months.is_some_and(|n| n > MAX_CONSUMER_TERM_MONTHS)
}

/// The statutory right to end the contract free of charge when the provider changes its terms
/// (a price increase included), for end-users of an electronic communications service:
/// Telecommunicatiewet art. 7.2 (lid 1 of the 2012–2021 text: the provider must offer the
/// subscriber a free termination at least one month before a change takes effect; since the
/// EECC implementation EECC art. 105(4): within one month after the notification). Used where
/// the provider's file has no rule for the change.
///
/// Reading (the 2022 Dutch text could not be retrieved; research/telecom-rules.md section 3):
/// the change takes effect no earlier than one month after the announcement; a notice received
/// on or before the day the change takes effect ends the contract on the day before, so the new
/// terms never apply; no early-termination sum. With the change taking effect one month after
/// the announcement, both texts give the same window.
pub fn statutory_change_right(kind: SpecialKind) -> SpecialRight {
    SpecialRight {
        kind,
        article: "7.2".into(),
        customers: Some(vec![CustomerType::Consumer, CustomerType::Business]),
        condition: "the provider changes the contract terms or prices to the customer's disadvantage; not a change required by law, one purely administrative without negative effect, or an indexation the contract clearly provides for".into(),
        threshold_percent: None,
        effective_after_months: Some(1),
        window: Window::OnOrBeforeEffectiveDate,
        ends: SpecialEnd::DayBeforeEffective,
        form: None,
        buyout: false,
        right: true,
        reading: Some("the change takes effect at least one month after the announcement; a notice received at the latest on that day ends the contract the day before, free of charge".into()),
    }
}

/// Tw art. 7.2a protects business end-users (eindgebruikers) from this date; before it only
/// consumers (research/statutory.md section 6.1).
pub fn tw_7_2a_business_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2016, 10, 1).unwrap_or_default()
}

/// BW 6:236 sub j (Wet Van Dam) applies from this date (research/statutory.md section 6.2).
pub fn bw_6_236_j_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2011, 12, 1).unwrap_or_default()
}

/// A statute that overrides the terms' renewal and notice rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Override {
    /// Telecommunicatiewet art. 7.2a (end-users of electronic communications services).
    Tw72a,
    /// BW art. 6:236 sub j (consumers, any contract for the regular supply of services).
    Bw6236j,
}

impl Override {
    /// The regime name used in results: the statute and article.
    pub fn regime(self) -> &'static str {
        match self {
            Override::Tw72a => "Telecommunicatiewet art. 7.2a",
            Override::Bw6236j => "BW art. 6:236 sub j",
        }
    }

    pub fn citation(self) -> Citation {
        match self {
            Override::Tw72a => Citation::statute(TW, "7.2a"),
            Override::Bw6236j => Citation::statute(BW, "6:236 sub j"),
        }
    }
}

/// Why [`applicable`] decided as it did; its `Display` is the reason in plain words, for a step
/// (composed only when a step is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Reseller,
    BusinessNotEcs,
    BusinessBeforeTw72a,
    BusinessTw72a,
    ConsumerEcs,
    ConsumerBw6236j,
    ConsumerBeforeBw6236j,
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::Reseller => f.write_str(
                "a reseller is not an end-user, so neither Telecommunicatiewet art. 7.2a nor the consumer rules apply: the terms apply as written",
            ),
            Reason::BusinessNotEcs => f.write_str(
                "the service is not an electronic communications service, so Telecommunicatiewet art. 7.2a does not apply to this business customer: the terms apply as written",
            ),
            Reason::BusinessBeforeTw72a => write!(
                f,
                "Telecommunicatiewet art. 7.2a protects business end-users only from {}; the notice is earlier, so the terms apply as written",
                tw_7_2a_business_from()
            ),
            Reason::BusinessTw72a => write!(
                f,
                "a business end-user of an electronic communications service is protected by Telecommunicatiewet art. 7.2a (since {})",
                tw_7_2a_business_from()
            ),
            Reason::ConsumerEcs => f.write_str(
                "a consumer of an electronic communications service is protected by Telecommunicatiewet art. 7.2a (and BW 6:236 sub j)",
            ),
            Reason::ConsumerBw6236j => write!(
                f,
                "a consumer of a recurring service is protected by BW 6:236 sub j (since {})",
                bw_6_236_j_from()
            ),
            Reason::ConsumerBeforeBw6236j => write!(
                f,
                "BW 6:236 sub j applies from {}; the notice is earlier, so the terms apply as written",
                bw_6_236_j_from()
            ),
        }
    }
}

/// Which overriding rule protects this customer for this service on the notice date, with the
/// reason (see [`Reason`]). `None` means the terms apply as written.
pub fn applicable(
    customer: CustomerType,
    electronic_communications: bool,
    notice: NaiveDate,
) -> (Option<Override>, Reason) {
    match customer {
        CustomerType::Reseller => (None, Reason::Reseller),
        CustomerType::Business => {
            if !electronic_communications {
                (None, Reason::BusinessNotEcs)
            } else if notice < tw_7_2a_business_from() {
                (None, Reason::BusinessBeforeTw72a)
            } else {
                (Some(Override::Tw72a), Reason::BusinessTw72a)
            }
        }
        CustomerType::Consumer => {
            if electronic_communications {
                (Some(Override::Tw72a), Reason::ConsumerEcs)
            } else if notice >= bw_6_236_j_from() {
                (Some(Override::Bw6236j), Reason::ConsumerBw6236j)
            } else {
                (None, Reason::ConsumerBeforeBw6236j)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::calendar::parse_date(s).unwrap()
    }

    #[test]
    fn who_is_protected() {
        let n = d("2025-01-10");
        assert_eq!(applicable(CustomerType::Reseller, true, n).0, None);
        assert_eq!(
            applicable(CustomerType::Business, true, n).0,
            Some(Override::Tw72a)
        );
        assert_eq!(applicable(CustomerType::Business, false, n).0, None);
        assert_eq!(
            applicable(CustomerType::Consumer, false, n).0,
            Some(Override::Bw6236j)
        );
        assert_eq!(
            applicable(CustomerType::Consumer, true, n).0,
            Some(Override::Tw72a)
        );
        // Business end-users only from 2016-10-01.
        assert_eq!(
            applicable(CustomerType::Business, true, d("2016-09-30")).0,
            None
        );
        assert_eq!(
            applicable(CustomerType::Business, true, d("2016-10-01")).0,
            Some(Override::Tw72a)
        );
    }
}
