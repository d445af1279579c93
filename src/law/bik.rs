//! The statutory scale for extrajudicial collection costs (buitengerechtelijke incassokosten):
//! Besluit vergoeding voor buitengerechtelijke incassokosten of 27 March 2012 (Stb. 2012, 141),
//! in force for claims in default from 1 July 2012, under BW art. 6:96 lid 5.
//!
//! Art. 2 lid 1 sets the brackets, lid 2 the minimum of 40 euro (and the cap of 6,775 euro is
//! part of the last bracket), lid 3 the VAT uplift for a creditor who cannot deduct VAT.
//!
//! [`bik_scale`] is the fast core: no allocation, no strings, usable in a batch loop.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::Serialize;

/// One bracket of the scale: the part of the principal above `from` up to `to` (inclusive),
/// charged at `percent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bracket {
    pub from: Decimal,
    /// `None`: no upper bound (the last bracket).
    pub to: Option<Decimal>,
    pub percent: Decimal,
}

/// BIK art. 2 lid 1: 15 % of the first 2,500; 10 % of the next 2,500; 5 % of the next 5,000;
/// 1 % of the next 190,000; 0.5 % of the rest.
pub const BRACKETS: [Bracket; 5] = [
    Bracket {
        from: dec!(0),
        to: Some(dec!(2500)),
        percent: dec!(15),
    },
    Bracket {
        from: dec!(2500),
        to: Some(dec!(5000)),
        percent: dec!(10),
    },
    Bracket {
        from: dec!(5000),
        to: Some(dec!(10000)),
        percent: dec!(5),
    },
    Bracket {
        from: dec!(10000),
        to: Some(dec!(200000)),
        percent: dec!(1),
    },
    Bracket {
        from: dec!(200000),
        to: None,
        percent: dec!(0.5),
    },
];

/// BIK art. 2 lid 2: the compensation is at least 40 euro.
pub const MINIMUM: Decimal = dec!(40);
/// BIK art. 2 lid 1, last bracket: at most 6,775 euro in total.
pub const MAXIMUM: Decimal = dec!(6775);
/// The VAT that BIK art. 2 lid 3 adds is the general rate.
pub use super::VAT_PERCENT;

/// The first day of default the Besluit covers (its entry into force, 1 July 2012).
pub fn in_force() -> NaiveDate {
    NaiveDate::from_ymd_opt(2012, 7, 1).unwrap_or_default()
}

/// The day the general VAT rate became 21 % (before: 19 %).
pub fn vat_21_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2012, 10, 1).unwrap_or_default()
}

/// `percent` % of `amount`, exact: `amount × percent / 100`. Dividing by 100 is done by moving
/// the decimal point (no long division), which gives the same value.
pub fn percent_of(amount: Decimal, percent: Decimal) -> Decimal {
    let product = amount * percent;
    let mut shifted = product;
    if product.scale() <= 26 && shifted.set_scale(product.scale() + 2).is_ok() {
        shifted
    } else {
        product / dec!(100)
    }
}

/// The sum of the brackets, exact (no rounding, no minimum, no maximum). A principal of 0 or
/// less gives 0.
pub fn scale_raw(principal: Decimal) -> Decimal {
    let mut total = Decimal::ZERO;
    for b in &BRACKETS {
        if principal <= b.from {
            break;
        }
        let top = match b.to {
            Some(to) if principal > to => to,
            _ => principal,
        };
        total += percent_of(top - b.from, b.percent);
    }
    total
}

/// The BIK amount for a principal: the brackets of art. 2 lid 1, at least 40 (lid 2), at most
/// 6,775, rounded once, on the total, half away from zero to cents. Callers check that the
/// principal is positive; 0 or less gives the minimum.
///
/// Rounding the total equals rounding each bracket: every full bracket is a whole number of
/// euros, so only the last, partial bracket can have fractions of a cent.
pub fn bik_scale(principal: Decimal) -> Decimal {
    scale_amount(scale_raw(principal))
}

/// The BIK amount from the exact sum of the brackets ([`scale_raw`], or the sum of
/// [`breakdown`]'s amounts): at least 40, at most 6,775, rounded once to cents.
pub fn scale_amount(raw: Decimal) -> Decimal {
    crate::money::round_cents(raw.clamp(MINIMUM, MAXIMUM))
}

/// One bracket's share of a principal, for the breakdown shown to people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BracketAmount {
    #[serde(serialize_with = "crate::money::ser_amount")]
    pub from: Decimal,
    #[serde(serialize_with = "crate::money::ser_opt_amount")]
    pub to: Option<Decimal>,
    /// Percentage, e.g. `"15"` or `"0.5"`.
    #[serde(serialize_with = "crate::money::ser_plain")]
    pub rate: Decimal,
    /// The part of the principal in this bracket.
    #[serde(serialize_with = "crate::money::ser_amount")]
    pub portion: Decimal,
    /// `portion × rate / 100`, exact; serialised rounded to cents.
    #[serde(serialize_with = "crate::money::ser_amount")]
    pub amount: Decimal,
}

/// The brackets a principal reaches under any tiered scale, each with its exact amount.
/// `tiers` are (upper bound, percent) in increasing order; `None` = no upper bound.
pub fn breakdown_tiers(
    principal: Decimal,
    tiers: impl IntoIterator<Item = (Option<Decimal>, Decimal)>,
) -> Vec<BracketAmount> {
    let mut out = Vec::new();
    let mut from = Decimal::ZERO;
    for (to, percent) in tiers {
        if principal <= from {
            break;
        }
        let top = match to {
            Some(t) if principal > t => t,
            _ => principal,
        };
        let portion = top - from;
        out.push(BracketAmount {
            from,
            to,
            rate: percent,
            portion,
            amount: percent_of(portion, percent),
        });
        match to {
            Some(t) => from = t,
            None => break,
        }
    }
    out
}

/// The statutory brackets a principal reaches.
pub fn breakdown(principal: Decimal) -> Vec<BracketAmount> {
    breakdown_tiers(principal, BRACKETS.iter().map(|b| (b.to, b.percent)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_are_contiguous() {
        for w in BRACKETS.windows(2) {
            assert_eq!(w[0].to, Some(w[1].from));
        }
    }

    #[test]
    fn scale_at_edges() {
        // 15 % × 2,500 = 375
        assert_eq!(bik_scale(dec!(2500)), dec!(375));
        // 375 + 10 % × 2,500 = 625
        assert_eq!(bik_scale(dec!(5000)), dec!(625));
        // 625 + 5 % × 5,000 = 875
        assert_eq!(bik_scale(dec!(10000)), dec!(875));
        // 875 + 1 % × 190,000 = 2,775
        assert_eq!(bik_scale(dec!(200000)), dec!(2775));
        // 2,775 + 0.5 % × 800,000 = 6,775 (the cap is reached exactly)
        assert_eq!(bik_scale(dec!(1000000)), dec!(6775));
        assert_eq!(bik_scale(dec!(1000000000000)), dec!(6775));
        // 15 % × 266.66 = 39.999 → minimum 40
        assert_eq!(bik_scale(dec!(266.66)), dec!(40));
        // 15 % × 266.67 = 40.0005 → 40.00 after rounding the total
        assert_eq!(bik_scale(dec!(266.67)), dec!(40.00));
        // 15 % × 0.01
        assert_eq!(bik_scale(dec!(0.01)), dec!(40));
    }

    #[test]
    fn percent_of_moves_the_decimal_point_exactly() {
        assert_eq!(percent_of(dec!(2500), dec!(15)), dec!(375));
        assert_eq!(percent_of(dec!(266.67), dec!(15)), dec!(40.0005));
        assert_eq!(percent_of(dec!(0.01), dec!(0.5)), dec!(0.00005));
        // At the largest scale the decimal point cannot move further: divided instead.
        let tiny = Decimal::new(1, 27);
        assert_eq!(percent_of(tiny, dec!(10)), tiny * dec!(10) / dec!(100));
        for (a, p) in [(dec!(12345.67), dec!(1)), (dec!(999.99), dec!(7.25))] {
            assert_eq!(percent_of(a, p), a * p / dec!(100));
        }
    }

    #[test]
    fn breakdown_sums_to_raw() {
        for p in [
            dec!(0.01),
            dec!(2500.01),
            dec!(12345.67),
            dec!(250000),
            dec!(2000000),
        ] {
            let sum: Decimal = breakdown(p).iter().map(|b| b.amount).sum();
            assert_eq!(sum, scale_raw(p));
            let portions: Decimal = breakdown(p).iter().map(|b| b.portion).sum();
            assert_eq!(portions, p);
        }
    }
}
