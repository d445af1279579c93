//! Golden buyout cases, worked out by hand from each provider's clause (the clause and the
//! arithmetic are in the comment of each case). These run the clause arithmetic with the regular
//! end worked out by hand from the termination clause, so that a change in the end-date rules
//! cannot hide a change in the buyout; `buyout_cli.rs` runs the same questions end to end.
//!
//! Conventions used throughout (see calc::buyout): the window is the days after the leaving day
//! through the regular end; months are calendar months, a partial month counts
//! days-in-window / days-in-that-month; each component is rounded once to cents, half away from
//! zero; VAT is 21 % of the total, rounded the same way.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use termcalc::calc::buyout::{buyout_with_regular_end, BuyoutRequest, BuyoutResult, RegularEnd};
use termcalc::law::mandatory::Override;
use termcalc::report::{Outcome, Trace};
use termcalc::terms::{CustomerType, ProviderSet};

fn d(s: &str) -> NaiveDate {
    termcalc::calendar::parse_date(s).unwrap()
}

/// One question: inputs, and the regular end worked out by hand.
#[derive(Clone)]
struct Case {
    provider: &'static str,
    start: &'static str,
    leave: &'static str,
    notice: &'static str,
    monthly: Decimal,
    term_months: Option<u32>,
    usage: Option<Decimal>,
    one_off: Option<Decimal>,
    list: Option<Decimal>,
    not_delivered: bool,
    customer: CustomerType,
    regular_end: &'static str,
    initial_term_end: Option<&'static str>,
}

impl Case {
    fn new(provider: &'static str, customer: CustomerType) -> Self {
        Case {
            provider,
            start: "2025-01-01",
            leave: "2025-06-30",
            notice: "2025-06-15",
            monthly: dec!(50.00),
            term_months: Some(12),
            usage: None,
            one_off: None,
            list: None,
            not_delivered: false,
            customer,
            regular_end: "2025-12-31",
            initial_term_end: Some("2025-12-31"),
        }
    }

    fn run(&self) -> termcalc::Result<Outcome<BuyoutResult>> {
        let set = ProviderSet::embedded().expect("embedded providers load");
        let provider = set.get(self.provider).expect("known provider");
        let req = BuyoutRequest {
            provider,
            start: d(self.start),
            leaving_day: d(self.leave),
            notice: d(self.notice),
            monthly: self.monthly,
            list_monthly: self.list,
            term_months: self.term_months,
            usage_monthly: self.usage,
            one_off: self.one_off,
            not_delivered: self.not_delivered,
            prices_incl_vat: false,
            customer: Some(self.customer),
            service: None,
            indefinite: false,
            requested_notice: false,
            as_of: d(self.notice),
        };
        let regular = RegularEnd {
            end_date: d(self.regular_end),
            initial_term_end: self.initial_term_end.map(d),
            regime: "hand-worked".into(),
            customer: self.customer,
            service: None,
            // Hand-worked: end-users of these (electronic communications) services are protected
            // by Tw 7.2a after the initial term; resellers are not.
            protection: self.customer.is_end_user().then_some(Override::Tw72a),
            term_months: self.term_months,
        };
        buyout_with_regular_end(&req, &regular, Trace::new())
    }

    fn ok(&self) -> Outcome<BuyoutResult> {
        match self.run() {
            Ok(o) => o,
            Err(e) => panic!("case failed: {e}"),
        }
    }
}

/// Checks total, VAT, total incl. VAT, remaining months and the component amounts.
fn check(
    o: &Outcome<BuyoutResult>,
    total: Decimal,
    vat: Decimal,
    months: Decimal,
    parts: &[Decimal],
) {
    let r = &o.result;
    assert_eq!(r.total, total, "total; steps: {:#?}", o.steps);
    assert_eq!(r.vat, vat, "vat");
    assert_eq!(r.total_incl_vat, total + vat, "total incl. VAT");
    assert_eq!(r.remaining_months, months, "remaining months");
    let got: Vec<Decimal> = r.components.iter().map(|c| c.amount).collect();
    assert_eq!(got, parts, "components: {:#?}", r.components);
}

use CustomerType::{Business, Reseller};

// ---------------------------------------------------------------------------------------------
// Qupra Wholesale, art. 5.1.d: (i) 100 % of the fixed monthly fees and (ii) the average monthly
// usage × the months left, for the rest of the initial term or the renewal year; before
// delivery also the one-off fee at list price. Partial months per calendar day (9.6).
// Regular end (5.1.b/5.1.c): start M+12 − 1 day, renewals of 12 months, 1 month's notice.
// ---------------------------------------------------------------------------------------------

/// Mid-period, whole months. Start 2025-01-01, initial term to 2025-12-31; notice 2025-06-15 is
/// in time (07-15 ≤ 12-31), so the regular end is 2025-12-31. Leaving 2025-06-30: July..December
/// = 6 months. Fixed 100 % × 50.00 × 6 = 300.00; usage 12.40 × 6 = 74.40; total 374.40;
/// VAT 21 % = 78.624 → 78.62.
#[test]
fn qupra_mid_period() {
    let c = Case {
        usage: Some(dec!(12.40)),
        ..Case::new("qupra", Reseller)
    };
    let o = c.ok();
    check(
        &o,
        dec!(374.40),
        dec!(78.62),
        dec!(6),
        &[dec!(300.00), dec!(74.40)],
    );
    assert_eq!(o.result.basis, "contractual");
    assert_eq!(o.result.components[0].article, "5.1.d (i)");
    assert_eq!(o.result.components[1].article, "5.1.d (ii)");
}

/// A partial month at both ends. Start 2025-03-15 → initial term to 2026-03-14; notice
/// 2025-09-01 in time → regular end 2026-03-14. Leaving 2025-09-20: 2025-09-21..2026-03-14 =
/// 10/30 (September) + 5 (Oct..Feb) + 14/31 (March) = 5.7849 months.
/// Fixed: 50 × 5 + 50 × 10/30 + 50 × 14/31 = 250 + 16.6667 + 22.5806 = 289.2473 → 289.25.
/// Usage: 12.40 × 5 + 12.40 × 10/30 + 12.40 × 14/31 = 62 + 4.1333 + 5.6 = 71.7333 → 71.73.
/// Total 360.98; VAT 75.8058 → 75.81.
#[test]
fn qupra_partial_month() {
    let c = Case {
        start: "2025-03-15",
        leave: "2025-09-20",
        notice: "2025-09-01",
        usage: Some(dec!(12.40)),
        regular_end: "2026-03-14",
        initial_term_end: Some("2026-03-14"),
        ..Case::new("qupra", Reseller)
    };
    check(
        &c.ok(),
        dec!(360.98),
        dec!(75.81),
        dec!(5.7849),
        &[dec!(289.25), dec!(71.73)],
    );
}

/// Before delivery. Concluded 2025-05-01, 12 months (initial term would end 2026-04-30);
/// cancelled 2025-05-10. The term has not started (5.1.a), so all 12 months remain:
/// 100 % × 50.00 × 12 = 600.00, plus the one-off fee at list price 250.00; no usage invoiced.
/// Total 850.00; VAT 178.50.
#[test]
fn qupra_before_delivery() {
    let c = Case {
        start: "2025-05-01",
        leave: "2025-05-10",
        notice: "2025-05-10",
        one_off: Some(dec!(250.00)),
        not_delivered: true,
        regular_end: "2026-04-30",
        initial_term_end: Some("2026-04-30"),
        ..Case::new("qupra", Reseller)
    };
    let o = c.ok();
    check(
        &o,
        dec!(850.00),
        dec!(178.50),
        dec!(12),
        &[dec!(600.00), dec!(250.00)],
    );
}

/// Before delivery without the one-off fee: 5.1.d needs it, so the input error names
/// --one-off and the article.
#[test]
fn qupra_before_delivery_needs_one_off() {
    let c = Case {
        not_delivered: true,
        ..Case::new("qupra", Reseller)
    };
    let e = c.run().unwrap_err().to_string();
    assert!(e.starts_with("`one-off`:"), "{e}");
    assert!(e.contains("5.1.d"), "{e}");
}

/// After the initial term, business end-user. Start 2024-01-01, initial term to 2024-12-31,
/// renewed. Tw 7.2a: notice 2025-03-10 ends the contract on 2025-04-10 (notice + 1 month).
/// Leaving 2025-03-31: 5.1.d would charge the rest of the renewal year; Tw 7.2a sets it aside.
/// Owed: the fixed fees 2025-04-01..04-10 = 10/30 month: 50 × 10/30 = 16.6667 → 16.67; no
/// usage part (so --usage-monthly is not needed). VAT 3.5007 → 3.50.
#[test]
fn qupra_after_initial_term_end_user() {
    let c = Case {
        start: "2024-01-01",
        leave: "2025-03-31",
        notice: "2025-03-10",
        regular_end: "2025-04-10",
        initial_term_end: Some("2024-12-31"),
        ..Case::new("qupra", Business)
    };
    let o = c.ok();
    check(&o, dec!(16.67), dec!(3.50), dec!(0.3333), &[dec!(16.67)]);
    assert!(o
        .steps
        .iter()
        .any(|s| s.citation.to_string() == "Telecommunicatiewet art. 7.2a"));
    assert_eq!(o.result.components[0].kind, "ordinary_fees");
}

/// The same for a reseller (not an end-user): 5.1.d applies to the renewal year. Notice
/// 2025-03-10 is in time for the period ending 2025-12-31. Leaving 2025-03-31: April..December
/// = 9 months. Fixed 50 × 9 = 450.00; usage 12.40 × 9 = 111.60; total 561.60;
/// VAT 117.936 → 117.94.
#[test]
fn qupra_renewal_year_reseller() {
    let c = Case {
        start: "2024-01-01",
        leave: "2025-03-31",
        notice: "2025-03-10",
        usage: Some(dec!(12.40)),
        regular_end: "2025-12-31",
        initial_term_end: Some("2024-12-31"),
        ..Case::new("qupra", Reseller)
    };
    check(
        &c.ok(),
        dec!(561.60),
        dec!(117.94),
        dec!(9),
        &[dec!(450.00), dec!(111.60)],
    );
}

/// Delivered, inside the term, without --usage-monthly: 5.1.d (ii) needs it.
#[test]
fn qupra_needs_usage() {
    let e = Case::new("qupra", Reseller).run().unwrap_err().to_string();
    assert!(e.starts_with("`usage-monthly`:"), "{e}");
    assert!(e.contains("5.1.d (ii)"), "{e}");
}

/// Leaving after the regular end (2026-01-15 > 2025-12-31) costs nothing; so does leaving on
/// the regular end itself.
#[test]
fn qupra_leaving_after_regular_end() {
    for leave in ["2026-01-15", "2025-12-31"] {
        let c = Case {
            leave,
            ..Case::new("qupra", Reseller)
        };
        let o = c.ok();
        check(&o, dec!(0), dec!(0), dec!(0), &[]);
        assert_eq!(o.result.basis, "none");
        assert!(o.steps.iter().any(|s| s.text.contains("nothing is owed")));
    }
}

/// One day before the regular end: 2025-12-31 = 1/31 month. Fixed 50/31 = 1.6129 → 1.61; usage
/// 12.40/31 = 0.40; total 2.01; VAT 0.4221 → 0.42.
#[test]
fn qupra_one_day_left() {
    let c = Case {
        leave: "2025-12-30",
        usage: Some(dec!(12.40)),
        ..Case::new("qupra", Reseller)
    };
    check(
        &c.ok(),
        dec!(2.01),
        dec!(0.42),
        dec!(0.0323),
        &[dec!(1.61), dec!(0.40)],
    );
}

// ---------------------------------------------------------------------------------------------
// VOIPZeker, art. 4.5/8.2: the full subscription fees for the remaining months of the initial
// term, at once; no usage (calls invoiced separately). Before delivery (1.19/4.1): a minimum of
// 20 % of the fees over the agreed term. After the term discounts lapse (4.3/7.11). Regular end
// as written: max(initial end, end of the month after the notice month) (4.4); for end-users
// Tw 7.2a: max(initial end, notice + 1 month).
// ---------------------------------------------------------------------------------------------

/// Mid-period. Start 2025-01-01, 24 months → initial term to 2026-12-31; notice 2025-06-10,
/// end max(2026-12-31, 2025-07-10) = 2026-12-31. Leaving 2025-06-30: 2025-07..2026-12 = 18
/// months × 39.95 = 719.10; VAT 151.011 → 151.01.
#[test]
fn voipzeker_mid_period() {
    let c = Case {
        notice: "2025-06-10",
        monthly: dec!(39.95),
        term_months: Some(24),
        regular_end: "2026-12-31",
        initial_term_end: Some("2026-12-31"),
        ..Case::new("voipzeker", Business)
    };
    let o = c.ok();
    check(&o, dec!(719.10), dec!(151.01), dec!(18), &[dec!(719.10)]);
    assert!(o.result.components[0].article == "4.5, 8.2");
}

/// A partial month. Start 2025-01-01, 12 months → 2025-12-31 = regular end. Leaving 2025-03-20:
/// 2025-03-21..12-31 = 11/31 + 9 months. 39.95 × 9 = 359.55; 39.95 × 11/31 = 14.1761;
/// 373.7261 → 373.73; VAT 78.4833 → 78.48.
#[test]
fn voipzeker_partial_month() {
    let c = Case {
        leave: "2025-03-20",
        notice: "2025-03-01",
        monthly: dec!(39.95),
        ..Case::new("voipzeker", Business)
    };
    check(
        &c.ok(),
        dec!(373.73),
        dec!(78.48),
        dec!(9.3548),
        &[dec!(373.73)],
    );
}

/// Before delivery (4.1 "Voortijdige beëindiging"): accepted 2025-02-01, 12 months, cancelled
/// 2025-02-05. 20 % × 39.95 × 12 = 95.88 (a minimum); VAT 20.1348 → 20.13.
#[test]
fn voipzeker_before_delivery() {
    let c = Case {
        start: "2025-02-01",
        leave: "2025-02-05",
        notice: "2025-02-05",
        monthly: dec!(39.95),
        not_delivered: true,
        regular_end: "2026-01-31",
        initial_term_end: Some("2026-01-31"),
        ..Case::new("voipzeker", Business)
    };
    let o = c.ok();
    check(&o, dec!(95.88), dec!(20.13), dec!(12), &[dec!(95.88)]);
    assert!(o.warnings.iter().any(|w| w.contains("minimum")));
}

/// Before delivery with no term: 4.1 counts over the agreed term, so it needs --term-months.
#[test]
fn voipzeker_before_delivery_needs_term() {
    let c = Case {
        not_delivered: true,
        term_months: None,
        initial_term_end: None,
        ..Case::new("voipzeker", Business)
    };
    let e = c.run().unwrap_err().to_string();
    assert!(e.starts_with("`term-months`:"), "{e}");
    assert!(e.contains("1.19, 4.1"), "{e}");
}

/// After the initial term, business end-user: start 2024-01-01, term to 2024-12-31; notice
/// 2025-03-10 → Tw 7.2a end 2025-04-10. Leaving 2025-03-20: no afkoop (4.5 covers the initial
/// term only); the fees 2025-03-21..04-10 at the list price (discounts lapsed, 4.3/7.11):
/// 49.95 × 11/31 + 49.95 × 10/30 = 17.7242 + 16.65 = 34.3742 → 34.37; VAT 7.2177 → 7.22.
/// Months 11/31 + 10/30 = 0.6882.
#[test]
fn voipzeker_after_initial_term_end_user() {
    let c = Case {
        start: "2024-01-01",
        leave: "2025-03-20",
        notice: "2025-03-10",
        monthly: dec!(39.95),
        list: Some(dec!(49.95)),
        regular_end: "2025-04-10",
        initial_term_end: Some("2024-12-31"),
        ..Case::new("voipzeker", Business)
    };
    let o = c.ok();
    check(&o, dec!(34.37), dec!(7.22), dec!(0.6882), &[dec!(34.37)]);
    assert!(o.result.components[0].article == "4.3, 7.11");
    // The steps say that 4.5 covers the initial term only and that Tw 7.2a allows no buyout
    // after it.
    assert!(o.steps.iter().any(|s| s.text.contains("initial term only")));
    assert!(o.steps.iter().any(
        |s| s.citation.to_string() == "Telecommunicatiewet art. 7.2a"
            && s.text.contains("no buyout")
    ));
}

/// The same without --list-monthly: --monthly is used, with a warning that it may be too low:
/// 39.95 × 11/31 + 39.95 × 10/30 = 14.1761 + 13.3167 = 27.4928 → 27.49.
#[test]
fn voipzeker_lapsed_discount_without_list_price_warns() {
    let c = Case {
        start: "2024-01-01",
        leave: "2025-03-20",
        notice: "2025-03-10",
        monthly: dec!(39.95),
        regular_end: "2025-04-10",
        initial_term_end: Some("2024-12-31"),
        ..Case::new("voipzeker", Business)
    };
    let o = c.ok();
    check(&o, dec!(27.49), dec!(5.77), dec!(0.6882), &[dec!(27.49)]);
    assert!(o
        .warnings
        .iter()
        .any(|w| w.contains("no list price was given")));
}

/// Leaving after the regular end: start 2025-01-01, 12 months, notice 2025-10-15 → end
/// max(2025-12-31, 2025-11-15) = 2025-12-31; leaving 2026-01-31 costs nothing.
#[test]
fn voipzeker_leaving_after_regular_end() {
    let c = Case {
        leave: "2026-01-31",
        notice: "2025-10-15",
        ..Case::new("voipzeker", Business)
    };
    check(&c.ok(), dec!(0), dec!(0), dec!(0), &[]);
}

/// Late notice straddling the end of the initial term, reseller (as written): start 2025-01-01,
/// initial term to 2025-12-31; notice 2025-12-10 is too late for it (4.4: to the end of the month
/// after the notice month), so the end is 2026-01-31. Leaving 2025-11-30: December is the afkoop
/// at the contract price (4.5/8.2): 39.95; January is an ordinary month at the list price
/// (4.3/7.11): 49.95. Total 89.90; VAT 18.879 → 18.88.
#[test]
fn voipzeker_late_notice_straddles_the_term() {
    let c = Case {
        leave: "2025-11-30",
        notice: "2025-12-10",
        monthly: dec!(39.95),
        list: Some(dec!(49.95)),
        regular_end: "2026-01-31",
        ..Case::new("voipzeker", Reseller)
    };
    let o = c.ok();
    check(
        &o,
        dec!(89.90),
        dec!(18.88),
        dec!(2),
        &[dec!(39.95), dec!(49.95)],
    );
    assert_eq!(o.result.components[0].article, "4.5, 8.2");
    assert_eq!(o.result.components[1].article, "4.3, 7.11");
}

/// The same straddle for a Qupra business end-user: Tw 7.2a end = 2025-12-10 + 1 month =
/// 2026-01-10. Leaving 2025-11-30: December under 5.1.d: 50.00 + usage 12.40; January 1-10 only
/// as ordinary fees (5.1.d set aside after the initial term): 50 × 10/31 = 16.1290 → 16.13.
/// Total 78.53; VAT 16.4913 → 16.49; months 1 + 10/31 = 1.3226.
#[test]
fn qupra_late_notice_straddles_the_term_end_user() {
    let c = Case {
        leave: "2025-11-30",
        notice: "2025-12-10",
        usage: Some(dec!(12.40)),
        regular_end: "2026-01-10",
        ..Case::new("qupra", Business)
    };
    check(
        &c.ok(),
        dec!(78.53),
        dec!(16.49),
        dec!(1.3226),
        &[dec!(50.00), dec!(12.40), dec!(16.13)],
    );
}

// ---------------------------------------------------------------------------------------------
// Quatel, art. 17.1: ending during the initial term costs the fixed charges from the leaving day
// to the end of the initial term, at once; 17.2: otherwise to the earliest regular end (the end
// of the one-month notice period, 10.3). Before RFS: the whole intended term (17.2, A38).
// ---------------------------------------------------------------------------------------------

/// Mid-period. RFS 2025-04-01, 12 months → 2026-03-31; notice 2025-09-15 → end
/// max(2026-03-31, 2025-10-15) = 2026-03-31. Leaving 2025-09-30: 2025-10..2026-03 = 6 months ×
/// 64.50 = 387.00; VAT 81.27.
#[test]
fn quatel_mid_period() {
    let c = Case {
        start: "2025-04-01",
        leave: "2025-09-30",
        notice: "2025-09-15",
        monthly: dec!(64.50),
        regular_end: "2026-03-31",
        initial_term_end: Some("2026-03-31"),
        ..Case::new("quatel", Business)
    };
    let o = c.ok();
    check(&o, dec!(387.00), dec!(81.27), dec!(6), &[dec!(387.00)]);
    assert!(o.result.components[0].article == "17.1");
}

/// A partial month: as above, leaving 2025-09-15: 2025-09-16..2026-03-31 = 15/30 + 6 = 6.5
/// months × 64.50 = 419.25; VAT 88.0425 → 88.04.
#[test]
fn quatel_partial_month() {
    let c = Case {
        start: "2025-04-01",
        leave: "2025-09-15",
        notice: "2025-09-15",
        monthly: dec!(64.50),
        regular_end: "2026-03-31",
        initial_term_end: Some("2026-03-31"),
        ..Case::new("quatel", Business)
    };
    check(
        &c.ok(),
        dec!(419.25),
        dec!(88.04),
        dec!(6.5),
        &[dec!(419.25)],
    );
}

/// Before RFS: concluded 2025-05-01, 12 months, cancelled 2025-05-20: literal 17.2 reading, the
/// whole intended term: 100 % × 64.50 × 12 = 774.00; VAT 162.54.
#[test]
fn quatel_before_delivery() {
    let c = Case {
        start: "2025-05-01",
        leave: "2025-05-20",
        notice: "2025-05-20",
        monthly: dec!(64.50),
        not_delivered: true,
        regular_end: "2026-04-30",
        initial_term_end: Some("2026-04-30"),
        ..Case::new("quatel", Business)
    };
    let o = c.ok();
    check(&o, dec!(774.00), dec!(162.54), dec!(12), &[dec!(774.00)]);
    assert!(
        o.warnings.iter().any(|w| w.contains("BW 6:94")),
        "{:?}",
        o.warnings
    );
}

/// After the initial term (end-user; the contract runs for an indefinite period, 10.2): RFS
/// 2024-04-01, term to 2025-03-31; notice 2025-09-10 → end 2025-10-10 (10.3, Tw 7.2a).
/// Leaving 2025-09-30: 2025-10-01..10-10 = 10/31 × 64.50 = 20.8065 → 20.81; VAT 4.3701 → 4.37.
#[test]
fn quatel_after_initial_term_end_user() {
    let c = Case {
        start: "2024-04-01",
        leave: "2025-09-30",
        notice: "2025-09-10",
        monthly: dec!(64.50),
        regular_end: "2025-10-10",
        initial_term_end: Some("2025-03-31"),
        ..Case::new("quatel", Business)
    };
    let o = c.ok();
    check(&o, dec!(20.81), dec!(4.37), dec!(0.3226), &[dec!(20.81)]);
    assert!(o.result.components[0].article == "17.2, 10.3");
}

/// Leaving on the regular end itself (2025-10-10) costs nothing.
#[test]
fn quatel_leaving_on_regular_end() {
    let c = Case {
        start: "2024-04-01",
        leave: "2025-10-10",
        notice: "2025-09-10",
        monthly: dec!(64.50),
        regular_end: "2025-10-10",
        initial_term_end: Some("2025-03-31"),
        ..Case::new("quatel", Business)
    };
    check(&c.ok(), dec!(0), dec!(0), dec!(0), &[]);
}

// ---------------------------------------------------------------------------------------------
// Compri and Voipro have no buyout clause: the answer says so, and what is owed instead is the
// fixed fees up to the regular end, flagged as an estimate.
// ---------------------------------------------------------------------------------------------

/// Compri DSL, 12 months from 2025-03-01 → 2026-02-28; business end-user, notice 2025-06-10 →
/// end max(2026-02-28, 2025-07-10) = 2026-02-28. Leaving 2025-06-30: 2025-07..2026-02 = 8 months
/// × 29.00 = 232.00 (estimate, not contractual); VAT 48.72.
#[test]
fn compri_no_clause_inside_term() {
    let c = Case {
        start: "2025-03-01",
        notice: "2025-06-10",
        monthly: dec!(29.00),
        regular_end: "2026-02-28",
        initial_term_end: Some("2026-02-28"),
        ..Case::new("compri", Business)
    };
    let o = c.ok();
    check(&o, dec!(232.00), dec!(48.72), dec!(8), &[dec!(232.00)]);
    assert_eq!(o.result.basis, "estimate");
    assert!(o.warnings.iter().any(|w| w.contains("no buyout clause")));
    assert!(o
        .steps
        .iter()
        .any(|s| s.text.contains("has no buyout clause")));
}

/// Compri, indefinite contract, end-user: notice 2025-06-10 → end 2025-07-10. Leaving
/// 2025-06-10: 2025-06-11..07-10 = 20/30 + 10/31: 29 × 20/30 + 29 × 10/31 = 19.3333 + 9.3548 =
/// 28.6882 → 28.69 (estimate); VAT 6.0249 → 6.02.
#[test]
fn compri_no_clause_indefinite() {
    let c = Case {
        start: "2025-03-01",
        leave: "2025-06-10",
        notice: "2025-06-10",
        monthly: dec!(29.00),
        term_months: None,
        regular_end: "2025-07-10",
        initial_term_end: None,
        ..Case::new("compri", Business)
    };
    check(
        &c.ok(),
        dec!(28.69),
        dec!(6.02),
        dec!(0.9892),
        &[dec!(28.69)],
    );
}

/// Compri, leaving after the regular end: nothing.
#[test]
fn compri_leaving_after_regular_end() {
    let c = Case {
        leave: "2026-02-01",
        monthly: dec!(29.00),
        ..Case::new("compri", Business)
    };
    let o = c.ok();
    check(&o, dec!(0), dec!(0), dec!(0), &[]);
    assert_eq!(o.result.basis, "none");
}

/// Voipro, fixed term agreed in writing: 2025-01-01..2025-12-31, notice 2025-06-15, leaving
/// 2025-06-30: 6 months × 100.00 = 600.00 (estimate); VAT 126.00.
#[test]
fn voipro_no_clause_fixed_term() {
    let c = Case {
        monthly: dec!(100.00),
        ..Case::new("voipro", Business)
    };
    let o = c.ok();
    check(&o, dec!(600.00), dec!(126.00), dec!(6), &[dec!(600.00)]);
    assert_eq!(o.result.basis, "estimate");
}

/// Voipro default (terminable per working day): notice Tuesday 2025-06-10, regular end the next
/// working day 2025-06-11; leaving 2025-06-10: 1/30 × 100.00 = 3.3333 → 3.33; VAT 0.6993 → 0.70.
#[test]
fn voipro_no_clause_per_working_day() {
    let c = Case {
        leave: "2025-06-10",
        notice: "2025-06-10",
        monthly: dec!(100.00),
        term_months: None,
        regular_end: "2025-06-11",
        initial_term_end: None,
        ..Case::new("voipro", Business)
    };
    check(&c.ok(), dec!(3.33), dec!(0.70), dec!(0.0333), &[dec!(3.33)]);
}

/// A leaving day before the start is an input error naming --end.
#[test]
fn leaving_before_start_is_an_input_error() {
    let c = Case {
        leave: "2024-12-31",
        ..Case::new("quatel", Business)
    };
    let e = c.run().unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert!(e.to_string().starts_with("`end`:"), "{e}");
}

/// Negative fees are input errors naming the flag.
#[test]
fn negative_fees_are_input_errors() {
    let c = Case {
        monthly: dec!(-1),
        ..Case::new("quatel", Business)
    };
    let e = c.run().unwrap_err().to_string();
    assert!(e.starts_with("`monthly`:"), "{e}");
    let c = Case {
        usage: Some(dec!(-0.01)),
        ..Case::new("qupra", Reseller)
    };
    let e = c.run().unwrap_err().to_string();
    assert!(e.starts_with("`usage-monthly`:"), "{e}");
}

/// Amounts up to 10^12 work: Quatel, 6 months × 10^12 = 6 × 10^12; VAT 1.26 × 10^12.
#[test]
fn large_amounts() {
    let c = Case {
        start: "2025-04-01",
        leave: "2025-09-30",
        notice: "2025-09-15",
        monthly: dec!(1000000000000),
        regular_end: "2026-03-31",
        initial_term_end: Some("2026-03-31"),
        ..Case::new("quatel", Business)
    };
    check(
        &c.ok(),
        dec!(6000000000000),
        dec!(1260000000000),
        dec!(6),
        &[dec!(6000000000000)],
    );
}
