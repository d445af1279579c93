//! Holiday and working-day cases the end-date rules rely on (Voipro counts working days), for
//! years beside those in src/calendar.rs: 2016 (Easter in March, Hemelvaartsdag on 5 May),
//! 2026, 2027 (Easter in March) and 2030 (Koningsdag on a Saturday, not moved).

use chrono::NaiveDate;
use termcalc::calendar::{add_working_days, holiday_name, holidays, is_working_day, HolidaySet};

fn d(s: &str) -> NaiveDate {
    termcalc::calendar::parse_date(s).unwrap()
}

fn list(year: i32) -> Vec<String> {
    holidays(year, HolidaySet::Atw)
        .into_iter()
        .map(|(d, _)| d.to_string())
        .collect()
}

#[test]
fn holidays_2026() {
    // Easter 5 April: Goede Vrijdag 3 Apr, Tweede Paasdag 6 Apr, Hemelvaart 5 Apr + 39 = 14 May,
    // Tweede Pinksterdag 5 Apr + 50 = 25 May; Koningsdag Monday 27 April.
    assert_eq!(
        list(2026),
        [
            "2026-01-01",
            "2026-04-03",
            "2026-04-06",
            "2026-04-27",
            "2026-05-05",
            "2026-05-14",
            "2026-05-25",
            "2026-12-25",
            "2026-12-26"
        ]
    );
}

#[test]
fn holidays_2027_easter_in_march() {
    // Easter 28 March: Goede Vrijdag 26 Mar, Tweede Paasdag 29 Mar, Hemelvaart 6 May, Tweede
    // Pinksterdag 17 May; Koningsdag Tuesday 27 April (no bridge Monday in the Atw set).
    assert_eq!(
        list(2027),
        [
            "2027-01-01",
            "2027-03-26",
            "2027-03-29",
            "2027-04-27",
            "2027-05-05",
            "2027-05-06",
            "2027-05-17",
            "2027-12-25",
            "2027-12-26"
        ]
    );
    assert!(is_working_day(d("2027-04-26"), HolidaySet::Atw));
}

#[test]
fn holidays_2016_ascension_on_5_may() {
    // Easter 27 March 2016: Hemelvaartsdag = 27 Mar + 39 = 5 May, the same day as 5 mei, so
    // the year has eight distinct holidays.
    assert_eq!(
        list(2016),
        [
            "2016-01-01",
            "2016-03-25",
            "2016-03-28",
            "2016-04-27",
            "2016-05-05",
            "2016-05-16",
            "2016-12-25",
            "2016-12-26"
        ]
    );
}

#[test]
fn kings_day_on_saturday_stays() {
    // 27 April 2030 is a Saturday: only a Sunday moves Koningsdag (to the 26th).
    assert_eq!(
        holiday_name(d("2030-04-27"), HolidaySet::Atw),
        Some("Koningsdag")
    );
    assert_eq!(holiday_name(d("2030-04-26"), HolidaySet::Atw), None);
    // 27 April 2025 was a Sunday: Koningsdag Saturday 26 April.
    assert_eq!(
        holiday_name(d("2025-04-26"), HolidaySet::Atw),
        Some("Koningsdag")
    );
}

#[test]
fn working_days_across_christmas_and_new_year() {
    // Wednesday 2025-12-24 + 1 working day: Thu 25 and Fri 26 (Christmas), Sat, Sun -> Mon 29.
    assert_eq!(
        add_working_days(d("2025-12-24"), 1, HolidaySet::Atw),
        Some(d("2025-12-29"))
    );
    // Wednesday 2025-12-31 + 1: Thursday 1 January is Nieuwjaarsdag -> Friday 2 January 2026,
    // which is a working day under the Atw set but a decreed bridge day under AtwWithDecrees.
    assert_eq!(
        add_working_days(d("2025-12-31"), 1, HolidaySet::Atw),
        Some(d("2026-01-02"))
    );
    assert_eq!(
        add_working_days(d("2025-12-31"), 1, HolidaySet::AtwWithDecrees),
        Some(d("2026-01-05"))
    );
}
