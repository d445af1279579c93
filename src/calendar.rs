//! Dates: strict ISO parsing, month arithmetic that clamps to the month's last day, the last day
//! of a period of months (Regulation 1182/71 art. 3(2)(c)), the Dutch
//! public holidays of the Algemene termijnenwet (Atw) art. 3, and working days.

use chrono::{Datelike, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// The first and last year termcalc accepts; holidays are computed for every year in between.
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2199;

const DATE_FORM: &str = "use YYYY-MM-DD, e.g. 2025-01-31, for a year from 1900 to 2199";

/// Parses a date written as `YYYY-MM-DD` (ISO 8601, four-digit year, two-digit month and day).
/// Impossible dates (`2025-02-30`), other orders (`10-01-2025`) and words (`tomorrow`) are
/// rejected with a message that shows the accepted form.
pub fn parse_date(input: &str) -> Result<NaiveDate, String> {
    let s = input.trim();
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(format!(
            "'{}' is not a date: {DATE_FORM}",
            crate::error::echo(input)
        ));
    }
    // The shape is checked: read the digits directly (batch rows parse millions of dates).
    let num =
        |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0'));
    let (year, month, day) = (num(0..4) as i32, num(5..7), num(8..10));
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        format!(
            "'{}' is not a date on the calendar: {DATE_FORM}",
            crate::error::echo(input)
        )
    })?;
    if !(FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        return Err(format!(
            "'{}' is out of range: {DATE_FORM}",
            crate::error::echo(input)
        ));
    }
    Ok(date)
}

/// Adds (or, for negative `n`, subtracts) calendar months. A day that does not exist in the
/// target month becomes that month's last day: 2025-01-31 + 1 month = 2025-02-28.
/// Returns `None` only outside chrono's range (far beyond 1900–2199).
pub fn add_months(date: NaiveDate, n: i32) -> Option<NaiveDate> {
    if n >= 0 {
        date.checked_add_months(Months::new(n.unsigned_abs()))
    } else {
        date.checked_sub_months(Months::new(n.unsigned_abs()))
    }
}

/// The last day of a period of `n` calendar months whose first day is `start` (a term, a
/// renewal period): the day before the same-numbered day `n` months later, and where that day
/// does not exist in the last month, that month's last day (Regulation 1182/71 art. 3(2)(c), the
/// usual reading in Dutch practice). 2025-03-15 + 12 months ends 2026-03-14; 2028-02-29 + 12
/// ends 2029-02-28; 2025-08-31 + 6 ends 2026-02-28; 2025-03-31 + 1 ends 2025-04-30.
///
/// Notice periods do not use this: a notice received on day R runs to `add_months(R, n)`.
/// Returns `None` only outside chrono's range, or for `n = 0` (an empty period has no last day).
pub fn month_period_end(start: NaiveDate, n: u32) -> Option<NaiveDate> {
    if n == 0 {
        return None;
    }
    let same_day = add_months(start, i32::try_from(n).ok()?)?;
    if same_day.day() == start.day() {
        // The same-numbered day exists: the period ends the day before it.
        add_days(same_day, -1)
    } else {
        // The day does not exist in the last month: `add_months` clamped to that month's last
        // day, which is the period's last day.
        Some(same_day)
    }
}

/// Why `month_period_end(start, n)` is the day it is, for a step: "the day before 2026-03-15" or
/// "2029 has no 2029-02-29, so the last day of that month".
pub fn month_period_end_reason(start: NaiveDate, n: u32) -> String {
    let Some(same_day) = i32::try_from(n).ok().and_then(|n| add_months(start, n)) else {
        return String::new();
    };
    if same_day.day() == start.day() {
        format!("the day before {same_day}")
    } else {
        format!(
            "{} has no day {}, so that month's last day",
            same_day.format("%B %Y"),
            start.day()
        )
    }
}

/// Adds whole days (negative subtracts).
pub fn add_days(date: NaiveDate, n: i64) -> Option<NaiveDate> {
    date.checked_add_signed(chrono::Duration::try_days(n)?)
}

/// The last day of the date's month.
pub fn end_of_month(date: NaiveDate) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(date.year(), date.month(), 1).expect("first of month");
    add_days(add_months(first, 1).expect("in range"), -1).expect("in range")
}

/// Number of days in the date's month.
pub fn days_in_month(date: NaiveDate) -> u32 {
    end_of_month(date).day()
}

/// Number of days in a year (365 or 366).
pub fn days_in_year(year: i32) -> u32 {
    if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
        366
    } else {
        365
    }
}

/// Easter Sunday of a Gregorian year (the anonymous Gregorian computus, Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("computus gives a real date")
}

/// Which days besides Saturdays and Sundays are not working days.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum HolidaySet {
    /// The holidays of Atw art. 3 lid 1 and 2 (the default everywhere in termcalc).
    #[default]
    Atw,
    /// Atw art. 3 lid 1 and 2 plus the days declared equal by decree under art. 3 lid 3
    /// (bridge days, published per three-year block; shipped as data through 2028).
    AtwWithDecrees,
    /// Only Saturdays and Sundays are not working days.
    WeekendsOnly,
}

impl HolidaySet {
    /// A short description for steps and `providers show`.
    pub fn describe(self) -> &'static str {
        match self {
            HolidaySet::Atw => {
                "Saturdays, Sundays and the holidays of Algemene termijnenwet art. 3 are not working days"
            }
            HolidaySet::AtwWithDecrees => {
                "Saturdays, Sundays, the holidays of Algemene termijnenwet art. 3 and the days declared equal by decree (art. 3 lid 3) are not working days"
            }
            HolidaySet::WeekendsOnly => "only Saturdays and Sundays are not working days",
        }
    }
}

/// Days declared equal to a public holiday by decree under Atw art. 3 lid 3, as published
/// (Besluiten gelijkstelling for 2023–2025 and 2026–2028; research/statutory.md section 7.2).
pub const DECREED_DAYS: &[(i32, u32, u32)] = &[
    (2023, 4, 28),
    (2023, 5, 19),
    (2024, 5, 10),
    (2024, 12, 27),
    (2025, 5, 30),
    (2026, 1, 2),
    (2026, 5, 15),
    (2027, 5, 7),
    (2028, 4, 28),
    (2028, 5, 26),
];

/// The day the monarch's birthday was celebrated: Koningsdag 27 April (26 April when the 27th
/// is a Sunday) from 2014; Koninginnedag 30 April before that (from 1980 moved to 29 April when a
/// Sunday, before 1980 to 1 May); before 1949 Queen Wilhelmina's 31 August (1 September when a
/// Sunday).
pub fn kings_day(year: i32) -> NaiveDate {
    let d = |m, day| NaiveDate::from_ymd_opt(year, m, day).expect("valid");
    if year >= 2014 {
        let k = d(4, 27);
        if k.weekday() == Weekday::Sun {
            d(4, 26)
        } else {
            k
        }
    } else if year >= 1949 {
        let k = d(4, 30);
        match (k.weekday(), year >= 1980) {
            (Weekday::Sun, true) => d(4, 29),
            (Weekday::Sun, false) => d(5, 1),
            _ => k,
        }
    } else {
        let k = d(8, 31);
        if k.weekday() == Weekday::Sun {
            d(9, 1)
        } else {
            k
        }
    }
}

/// The public holidays of a year under the given set, in date order, each with its Dutch name.
/// Atw art. 3 lid 1: Nieuwjaarsdag, tweede Paasdag, Hemelvaartsdag, tweede Pinksterdag, beide
/// Kerstdagen, the King's birthday and 5 mei; lid 2: Goede Vrijdag. 5 mei is applied every year.
pub fn holidays(year: i32, set: HolidaySet) -> Vec<(NaiveDate, &'static str)> {
    if set == HolidaySet::WeekendsOnly {
        return Vec::new();
    }
    let d = |m, day| NaiveDate::from_ymd_opt(year, m, day).expect("valid");
    let easter = easter_sunday(year);
    let rel = |n| add_days(easter, n).expect("in range");
    let mut days = vec![
        (d(1, 1), "Nieuwjaarsdag"),
        (rel(-2), "Goede Vrijdag"),
        (rel(1), "Tweede Paasdag"),
        (kings_day(year), "Koningsdag"),
        (d(5, 5), "Bevrijdingsdag (5 mei)"),
        (rel(39), "Hemelvaartsdag"),
        (rel(50), "Tweede Pinksterdag"),
        (d(12, 25), "Eerste Kerstdag"),
        (d(12, 26), "Tweede Kerstdag"),
    ];
    if set == HolidaySet::AtwWithDecrees {
        for &(y, m, day) in DECREED_DAYS {
            if y == year {
                days.push((d(m, day), "gelijkgestelde dag (Atw art. 3 lid 3)"));
            }
        }
    }
    days.sort();
    days.dedup_by_key(|(date, _)| *date);
    days
}

/// The holiday's name when the date is a public holiday under the set.
pub fn holiday_name(date: NaiveDate, set: HolidaySet) -> Option<&'static str> {
    holidays(date.year(), set)
        .into_iter()
        .find(|(d, _)| *d == date)
        .map(|(_, name)| name)
}

/// A working day: not a Saturday, Sunday or holiday of the set.
pub fn is_working_day(date: NaiveDate, set: HolidaySet) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && holiday_name(date, set).is_none()
}

/// The date itself when it is a working day, otherwise the next working day.
pub fn next_working_day_on_or_after(date: NaiveDate, set: HolidaySet) -> NaiveDate {
    let mut d = date;
    while !is_working_day(d, set) {
        d = d.succ_opt().expect("in range");
    }
    d
}

/// The date itself when it is a working day, otherwise the previous working day.
pub fn previous_working_day_on_or_before(date: NaiveDate, set: HolidaySet) -> NaiveDate {
    let mut d = date;
    while !is_working_day(d, set) {
        d = d.pred_opt().expect("in range");
    }
    d
}

/// Counts `n` working days after `date` (the day itself not counted): the result is the n-th
/// working day after it. For negative `n`, counts backwards. `n = 0` returns the date itself.
pub fn add_working_days(date: NaiveDate, n: i64, set: HolidaySet) -> Option<NaiveDate> {
    let mut d = date;
    let mut left = n.unsigned_abs();
    while left > 0 {
        d = if n > 0 { d.succ_opt()? } else { d.pred_opt()? };
        if is_working_day(d, set) {
            left -= 1;
        }
    }
    Some(d)
}

/// The Dutch name of a weekday, for steps that explain a weekend shift.
pub fn weekday_name(date: NaiveDate) -> &'static str {
    match date.weekday() {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn parse_accepts_iso_only() {
        assert_eq!(
            d("2025-01-31"),
            NaiveDate::from_ymd_opt(2025, 1, 31).unwrap()
        );
        for bad in [
            "2025-02-30",
            "10-01-2025",
            "tomorrow",
            "2025-1-31",
            "2025/01/31",
            "",
            "20250131",
            "1899-12-31",
            "2200-01-01",
            "2025-13-01",
            "+025-01-01",
        ] {
            assert!(parse_date(bad).is_err(), "{bad:?} should be rejected");
        }
        assert!(parse_date("2025-02-30").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse_date("1900-01-01").is_ok());
        assert!(parse_date("2199-12-31").is_ok());
    }

    #[test]
    fn months_clamp_to_month_end() {
        assert_eq!(add_months(d("2025-01-31"), 1), Some(d("2025-02-28")));
        assert_eq!(add_months(d("2024-01-31"), 1), Some(d("2024-02-29")));
        assert_eq!(add_months(d("2024-02-29"), 12), Some(d("2025-02-28")));
        assert_eq!(add_months(d("2025-03-31"), -1), Some(d("2025-02-28")));
        assert_eq!(add_months(d("2025-05-31"), 1), Some(d("2025-06-30")));
        assert_eq!(end_of_month(d("2024-02-10")), d("2024-02-29"));
        assert_eq!(days_in_month(d("2100-02-01")), 28);
        assert_eq!(days_in_year(2000), 366);
        assert_eq!(days_in_year(1900), 365);
    }

    #[test]
    fn month_periods_end_per_regulation_1182_71() {
        // Worked by hand: the day before the same-numbered day n months on; where that day is
        // missing from the last month, that month's last day.
        for (start, n, end) in [
            ("2025-03-15", 12, "2026-03-14"), // 15 March 2026 exists: the 14th
            ("2025-01-01", 1, "2025-01-31"),  // 1 February exists: 31 January
            ("2028-02-29", 12, "2029-02-28"), // no 29 February 2029: its last day, the 28th
            ("2028-02-29", 48, "2032-02-28"), // 29 February 2032 exists: the 28th
            ("2025-08-31", 6, "2026-02-28"),  // no 31 February: 28 February
            ("2027-08-31", 6, "2028-02-29"),  // leap year: 29 February
            ("2025-03-31", 1, "2025-04-30"),  // no 31 April: 30 April
            ("2025-03-30", 1, "2025-04-29"),  // 30 April exists: the 29th
            ("2025-01-29", 1, "2025-02-28"),  // no 29 February 2025: the 28th
            ("2025-01-28", 1, "2025-02-27"),  // 28 February exists: the 27th
            ("2025-01-31", 2, "2025-03-30"),  // 31 March exists: the 30th
            ("2024-12-31", 24, "2026-12-30"), // exactly 24 months
            ("2025-05-31", 1, "2025-06-30"),  // no 31 June: 30 June
        ] {
            assert_eq!(month_period_end(d(start), n), Some(d(end)), "{start} + {n}");
        }
        assert_eq!(month_period_end(d("2025-03-15"), 0), None);
    }

    #[test]
    fn easter_known_years() {
        // Published Easter Sundays.
        for (y, e) in [
            (1900, "1900-04-15"),
            (1913, "1913-03-23"),
            (2008, "2008-03-23"),
            (2016, "2016-03-27"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2038, "2038-04-25"),
            (2100, "2100-03-28"),
            (2199, "2199-04-14"),
        ] {
            assert_eq!(easter_sunday(y), d(e), "Easter {y}");
        }
    }

    #[test]
    fn holidays_2025_kings_day_on_saturday_26_april() {
        let h: Vec<_> = holidays(2025, HolidaySet::Atw)
            .into_iter()
            .map(|(d, _)| d.to_string())
            .collect();
        assert_eq!(
            h,
            [
                "2025-01-01",
                "2025-04-18",
                "2025-04-21",
                "2025-04-26",
                "2025-05-05",
                "2025-05-29",
                "2025-06-09",
                "2025-12-25",
                "2025-12-26"
            ]
        );
    }

    #[test]
    fn holidays_2024_easter_in_march() {
        // Easter 31 March 2024: Goede Vrijdag 29 March, Tweede Paasdag 1 April,
        // Hemelvaartsdag 9 May, Tweede Pinksterdag 20 May; Koningsdag Saturday 27 April.
        let set = HolidaySet::Atw;
        for s in [
            "2024-03-29",
            "2024-04-01",
            "2024-05-09",
            "2024-05-20",
            "2024-04-27",
        ] {
            assert!(holiday_name(d(s), set).is_some(), "{s}");
        }
        assert!(holiday_name(d("2024-04-26"), set).is_none());
    }

    #[test]
    fn kings_day_history() {
        assert_eq!(kings_day(2014), d("2014-04-26")); // 27 April 2014 was a Sunday
        assert_eq!(kings_day(2026), d("2026-04-27"));
        assert_eq!(kings_day(2013), d("2013-04-30"));
        assert_eq!(kings_day(2006), d("2006-04-29")); // 30 April 2006 was a Sunday
        assert_eq!(kings_day(1967), d("1967-05-01")); // 30 April 1967 was a Sunday
        assert_eq!(kings_day(1900), d("1900-08-31"));
    }

    #[test]
    fn decreed_days_only_in_that_set() {
        assert!(is_working_day(d("2025-05-30"), HolidaySet::Atw));
        assert!(!is_working_day(d("2025-05-30"), HolidaySet::AtwWithDecrees));
        assert!(is_working_day(d("2025-12-25"), HolidaySet::WeekendsOnly));
    }

    #[test]
    fn every_year_has_its_holidays() {
        for y in FIRST_YEAR..=LAST_YEAR {
            let n = holidays(y, HolidaySet::Atw).len();
            // Nine, or eight when Hemelvaartsdag falls on 5 May (e.g. 1910, 2005: Easter 27 March).
            assert!(
                n == 9
                    || (n == 8
                        && add_days(easter_sunday(y), 39)
                            .unwrap()
                            .to_string()
                            .ends_with("-05-05")),
                "year {y}: {n}"
            );
        }
        assert_eq!(holidays(2005, HolidaySet::Atw).len(), 8);
    }

    #[test]
    fn working_days() {
        // Thursday 24 April 2025 + 2 working days: Fri 25, (Sat 26 Koningsdag, Sun 27), Mon 28.
        assert_eq!(
            add_working_days(d("2025-04-24"), 2, HolidaySet::Atw),
            Some(d("2025-04-28"))
        );
        // Christmas 2025: Thu 25, Fri 26 are holidays.
        assert_eq!(
            next_working_day_on_or_after(d("2025-12-25"), HolidaySet::Atw),
            d("2025-12-29")
        );
        assert_eq!(
            previous_working_day_on_or_before(d("2025-12-28"), HolidaySet::Atw),
            d("2025-12-24")
        );
        assert_eq!(
            add_working_days(d("2025-12-29"), -1, HolidaySet::Atw),
            Some(d("2025-12-24"))
        );
        assert_eq!(
            add_working_days(d("2025-12-29"), 0, HolidaySet::Atw),
            Some(d("2025-12-29"))
        );
    }
}
