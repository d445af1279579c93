//! Statutory knowledge as data and code: rate tables (BW 6:119, 6:119a), the BIK collection-cost
//! scale, and the mandatory rules that override provider terms (Telecommunicatiewet 7.2a,
//! BW 6:236 sub j).

pub mod bik;
pub mod mandatory;
pub mod rates;

/// The general Dutch VAT rate in percent (Wet op de omzetbelasting 1968 art. 9 lid 1), 21 % since
/// 1 October 2012: the one rate for buyouts, collection costs (BIK art. 2 lid 3) and prices given
/// including VAT.
pub const VAT_PERCENT: rust_decimal::Decimal =
    rust_decimal::Decimal::from_parts(21, 0, 0, false, 0);
/// The statute behind `VAT_PERCENT`, as steps cite it.
pub const VAT_ACT: &str = "Wet op de omzetbelasting 1968";

/// Short names of the laws cited in steps.
pub const BW: &str = "BW";
pub const TW: &str = "Telecommunicatiewet";
pub const BIK: &str = "Besluit vergoeding voor buitengerechtelijke incassokosten";
pub const ATW: &str = "Algemene termijnenwet";
/// Regulation (EEC, Euratom) No 1182/71 on periods, dates and time limits: art. 3(2)(c) gives the
/// last day of a period in months.
pub const PERIODS: &str = "Regulation (EEC, Euratom) No 1182/71";
