//! Golden end-date cases, worked out by hand from the clauses (cited per case), run through the
//! CLI with `--format json`.
//!
//! Conventions used in the arithmetic (docs/end-date.md):
//! - "D + 1 month" clamps to the month's last day (2025-01-31 + 1 month = 2025-02-28);
//! - the initial term's last day is the day before the start's day of the month `term` months
//!   later, or that month's last day where it lacks that day (Regulation 1182/71 art. 3(2)(c),
//!   issue 10 item 1): 2025-03-15 + 12 months ends 2026-03-14, 2024-02-29 + 12 ends 2025-02-28;
//! - a notice of one month received on day N ends on N + 1 month, the last day in force;
//! - timely for a period ending E when the notice's last day is on or before E.

use assert_cmd::Command;
use serde_json::Value;

const TW: &str = "Telecommunicatiewet art. 7.2a";
const BW: &str = "BW art. 6:236 sub j";

fn run(args: &[&str]) -> Value {
    let out = Command::cargo_bin("termcalc")
        .unwrap()
        .env("TERMCALC_AS_OF", "2025-06-01")
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .args(["--format", "json", "end-date"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Expected: end date, timely, current period end, deadline, regime, as-written end date.
struct E<'a> {
    end: &'a str,
    timely: bool,
    period: &'a str,
    deadline: &'a str,
    regime: &'a str,
    as_written: &'a str,
}

fn check(args: &[&str], e: E) -> Value {
    let v = run(args);
    let r = &v["result"];
    let got = (
        r["end_date"].as_str().unwrap(),
        r["notice_timely"].as_bool().unwrap(),
        r["current_period_end"].as_str().unwrap(),
        r["notice_deadline"].as_str().unwrap(),
        r["regime"].as_str().unwrap(),
        r["as_written_end_date"].as_str().unwrap(),
    );
    assert_eq!(
        got,
        (
            e.end,
            e.timely,
            e.period,
            e.deadline,
            e.regime,
            e.as_written
        ),
        "{args:?}"
    );
    assert!(
        v["steps"].as_array().is_some_and(|s| s.len() >= 5),
        "steps missing: {args:?}"
    );
    v
}

fn warnings(v: &Value) -> String {
    v["warnings"].to_string()
}

// ---------------------------------------------------------------- Qupra
// 5.1.a term from RFS; 5.1.b 12 months; 5.1.c renewal by 12 months, 1 month's notice (A12 strict).
// Default customer: reseller (terms as written).

#[test]
fn qupra_in_time() {
    // RFS 2024-03-15: initial term ends 2024-03-15 + 12 m - 1 d = 2025-03-14.
    // Notice 2025-02-10 + 1 m = 2025-03-10 <= 2025-03-14: in time. Deadline: 2025-02-14 + 1 m =
    // 2025-03-14 (the 15th would give 03-15).
    check(
        &[
            "--provider",
            "qupra",
            "--start",
            "2024-03-15",
            "--notice",
            "2025-02-10",
        ],
        E {
            end: "2025-03-14",
            timely: true,
            period: "2025-03-14",
            deadline: "2025-02-14",
            regime: "terms",
            as_written: "2025-03-14",
        },
    );
}

#[test]
fn qupra_exactly_on_deadline() {
    // 2025-02-14 + 1 m = 2025-03-14 = period end: still in time (on or before).
    check(
        &[
            "--provider",
            "qupra",
            "--start",
            "2024-03-15",
            "--notice",
            "2025-02-14",
        ],
        E {
            end: "2025-03-14",
            timely: true,
            period: "2025-03-14",
            deadline: "2025-02-14",
            regime: "terms",
            as_written: "2025-03-14",
        },
    );
}

#[test]
fn qupra_late_reseller_renews_a_year() {
    // 2025-02-15 + 1 m = 2025-03-15 > 2025-03-14: too late (5.1.c). Renewed 12 months: next
    // period ends 2024-03-15 + 24 m - 1 d = 2026-03-14 (A11). Reseller: no Tw 7.2a.
    let v = check(
        &[
            "--provider",
            "qupra",
            "--start",
            "2024-03-15",
            "--notice",
            "2025-02-15",
        ],
        E {
            end: "2026-03-14",
            timely: false,
            period: "2025-03-14",
            deadline: "2025-02-14",
            regime: "terms",
            as_written: "2026-03-14",
        },
    );
    assert_eq!(v["result"]["next_period_end"], "2026-03-14");
    assert_eq!(v["inputs"]["customer"], "reseller");
}

#[test]
fn qupra_late_business_end_user_gets_tw_7_2a() {
    // Same notice, business end-user: Tw 7.2a sets the 12-month renewal aside; end = max(initial
    // term end 2025-03-14, 2025-02-15 + 1 m = 2025-03-15) = 2025-03-15.
    check(
        &[
            "--provider",
            "qupra",
            "--start",
            "2024-03-15",
            "--notice",
            "2025-02-15",
            "--customer",
            "business",
        ],
        E {
            end: "2025-03-15",
            timely: false,
            period: "2025-03-14",
            deadline: "2025-02-14",
            regime: TW,
            as_written: "2026-03-14",
        },
    );
}

#[test]
fn qupra_clamp_from_the_31st() {
    // RFS 2024-03-01: term ends 2025-02-28. Notice 2025-01-31 + 1 m = 2025-02-28 (clamped) <=
    // 2025-02-28: in time, and 01-31 is the deadline (02-01 + 1 m = 03-01).
    check(
        &[
            "--provider",
            "qupra",
            "--start",
            "2024-03-01",
            "--notice",
            "2025-01-31",
        ],
        E {
            end: "2025-02-28",
            timely: true,
            period: "2025-02-28",
            deadline: "2025-01-31",
            regime: "terms",
            as_written: "2025-02-28",
        },
    );
    // RFS 2024-07-01: term ends 2025-06-30; 2025-05-31 + 1 m = 2025-06-30, so the deadline is
    // 05-31, not 05-30.
    check(
        &[
            "--provider",
            "qupra",
            "--start",
            "2024-07-01",
            "--notice",
            "2025-05-31",
        ],
        E {
            end: "2025-06-30",
            timely: true,
            period: "2025-06-30",
            deadline: "2025-05-31",
            regime: "terms",
            as_written: "2025-06-30",
        },
    );
}

#[test]
fn qupra_renewal_period_reseller_vs_consumer() {
    // Notice 2025-06-10 falls in the first renewal period (2025-03-15 .. 2026-03-14).
    // Reseller: 2025-07-10 <= 2026-03-14, so in time for that period end (deadline 2026-02-14).
    check(
        &[
            "--provider",
            "qupra",
            "--start",
            "2024-03-15",
            "--notice",
            "2025-06-10",
        ],
        E {
            end: "2026-03-14",
            timely: true,
            period: "2026-03-14",
            deadline: "2026-02-14",
            regime: "terms",
            as_written: "2026-03-14",
        },
    );
    // Consumer (not addressed by the terms: warning): after the initial term any day with one
    // month: 2025-06-10 + 1 m = 2025-07-10; any notice up to 06-10 ends by then.
    let v = check(
        &[
            "--provider",
            "qupra",
            "--start",
            "2024-03-15",
            "--notice",
            "2025-06-10",
            "--customer",
            "consumer",
        ],
        E {
            end: "2025-07-10",
            timely: true,
            period: "2025-07-10",
            deadline: "2025-06-10",
            regime: TW,
            as_written: "2026-03-14",
        },
    );
    assert!(warnings(&v).contains("not for a consumer"));
}

#[test]
fn qupra_business_before_october_2016() {
    // Tw 7.2a protects business end-users from 2016-10-01 only. RFS 2015-01-01: periods end
    // 2015-12-31, 2016-12-31. Notice 2016-06-15 + 1 m = 2016-07-15 <= 2016-12-31: terms.
    check(
        &[
            "--provider",
            "qupra",
            "--start",
            "2015-01-01",
            "--notice",
            "2016-06-15",
            "--customer",
            "business",
        ],
        E {
            end: "2016-12-31",
            timely: true,
            period: "2016-12-31",
            deadline: "2016-11-30",
            regime: "terms",
            as_written: "2016-12-31",
        },
    );
    // Notice 2016-10-03 (after the change): any day, 2016-10-03 + 1 m = 2016-11-03. A later
    // notice ending earlier: the law applied is the one in force on the notice date.
    check(
        &[
            "--provider",
            "qupra",
            "--start",
            "2015-01-01",
            "--notice",
            "2016-10-03",
            "--customer",
            "business",
        ],
        E {
            end: "2016-11-03",
            timely: true,
            period: "2016-11-03",
            deadline: "2016-10-03",
            regime: TW,
            as_written: "2016-12-31",
        },
    );
}

// ---------------------------------------------------------------- Voipro
// 12.2: indefinite, "per Werkdag opzegbaar" = one working day's notice (V1 (i)); working days
// exclude weekends and Atw art. 3 holidays (1 Werkdagen, V3). No initial term by default.

#[test]
fn voipro_plain_working_day() {
    // Tuesday 2025-06-03 -> Wednesday 2025-06-04. Any day; a notice up to 06-03 gives the same.
    check(
        &["--provider", "voipro", "--notice", "2025-06-03"],
        E {
            end: "2025-06-04",
            timely: true,
            period: "2025-06-04",
            deadline: "2025-06-03",
            regime: "terms",
            as_written: "2025-06-04",
        },
    );
}

#[test]
fn voipro_weekend_and_whit_monday() {
    // Friday 2025-06-06: Sat 7, Sun 8 and Monday 9 June (Tweede Pinksterdag: Easter 2025-04-20
    // + 50) are not working days -> Tuesday 2025-06-10. A notice up to Monday 06-09 still ends
    // on 06-10.
    let v = check(
        &["--provider", "voipro", "--notice", "2025-06-06"],
        E {
            end: "2025-06-10",
            timely: true,
            period: "2025-06-10",
            deadline: "2025-06-09",
            regime: "terms",
            as_written: "2025-06-10",
        },
    );
    assert!(v["steps"].to_string().contains("Tweede Pinksterdag"));
}

#[test]
fn voipro_ascension_without_bridge_day() {
    // Wednesday 2025-05-28: Thursday 29 May is Hemelvaartsdag; Friday 30 May is a bridge day
    // only by decree (Atw art. 3 lid 3), not in the Atw set the file names (V3) -> 2025-05-30.
    check(
        &["--provider", "voipro", "--notice", "2025-05-28"],
        E {
            end: "2025-05-30",
            timely: true,
            period: "2025-05-30",
            deadline: "2025-05-29",
            regime: "terms",
            as_written: "2025-05-30",
        },
    );
}

#[test]
fn voipro_easter_2025() {
    // Thursday 2025-04-17: Goede Vrijdag 18, Sat 19, Sun 20, Tweede Paasdag 21 -> Tue 22 April.
    check(
        &["--provider", "voipro", "--notice", "2025-04-17"],
        E {
            end: "2025-04-22",
            timely: true,
            period: "2025-04-22",
            deadline: "2025-04-21",
            regime: "terms",
            as_written: "2025-04-22",
        },
    );
}

#[test]
fn voipro_fixed_term_in_time_and_late() {
    // A fixed term agreed in writing (12.2 "tenzij schriftelijk anders overeengekomen", V6):
    // 2024-03-15 + 12 m - 1 d = 2025-03-14 (Friday). Notice Friday 2025-01-10 -> Monday
    // 2025-01-13 <= 03-14: in time, ends with the term. Deadline: Thursday 03-13 (its next
    // working day is Friday 03-14).
    check(
        &[
            "--provider",
            "voipro",
            "--start",
            "2024-03-15",
            "--term-months",
            "12",
            "--notice",
            "2025-01-10",
        ],
        E {
            end: "2025-03-14",
            timely: true,
            period: "2025-03-14",
            deadline: "2025-03-13",
            regime: "terms",
            as_written: "2025-03-14",
        },
    );
    // Notice on the last day 2025-03-14 (Friday) -> Monday 2025-03-17, after the term: late for
    // the term, then per working day.
    check(
        &[
            "--provider",
            "voipro",
            "--start",
            "2024-03-15",
            "--term-months",
            "12",
            "--notice",
            "2025-03-14",
        ],
        E {
            end: "2025-03-17",
            timely: false,
            period: "2025-03-14",
            deadline: "2025-03-13",
            regime: "terms",
            as_written: "2025-03-17",
        },
    );
}

#[test]
fn voipro_fixed_term_from_29_february() {
    // Corrected for issue 10 item 1 (was 2025-02-27): no 29 February in 2025, so the term ends on
    // Friday 2025-02-28. Notice Wednesday 02-26 runs to Thursday 02-27 <= 02-28: in time, the
    // contract ends with the term. Deadline: Thursday 02-27 -> Friday 02-28 is in time, Friday
    // 02-28 -> Monday 03-03 is not, so 2025-02-27.
    check(
        &[
            "--provider",
            "voipro",
            "--start",
            "2024-02-29",
            "--term-months",
            "12",
            "--notice",
            "2025-02-26",
        ],
        E {
            end: "2025-02-28",
            timely: true,
            period: "2025-02-28",
            deadline: "2025-02-27",
            regime: "terms",
            as_written: "2025-02-28",
        },
    );
}

#[test]
fn voipro_consumer_and_reseller_same_dates() {
    // One working day is shorter than the one month Tw 7.2a allows: the terms stand for every
    // customer type. Thursday 2025-06-05 -> Friday 2025-06-06.
    for c in ["consumer", "business", "reseller"] {
        let v = check(
            &[
                "--provider",
                "voipro",
                "--notice",
                "2025-06-05",
                "--customer",
                c,
            ],
            E {
                end: "2025-06-06",
                timely: true,
                period: "2025-06-06",
                deadline: "2025-06-05",
                regime: "terms",
                as_written: "2025-06-06",
            },
        );
        assert_eq!(v["result"]["customer"], c);
    }
}

// ---------------------------------------------------------------- VOIPZeker
// 3.5 start = acceptance; 4.2 term from the contract; 4.3 renewal by calendar months (V5);
// 4.4 notice: to the end of the calendar month after the month of receipt (V3 R1).
// Default customer: business end-user (Tw 7.2a applies).

#[test]
fn voipzeker_in_time() {
    // Start 2024-03-15, 12 m: ends 2025-03-14. Notice 2025-01-15 runs to the end of February
    // (2025-02-28) <= 03-14: in time. Deadline under 4.4: 2025-01-31 (a February notice runs to
    // 03-31). Tw 7.2a gives the same end, so regime = terms.
    check(
        &[
            "--provider",
            "voipzeker",
            "--start",
            "2024-03-15",
            "--term-months",
            "12",
            "--notice",
            "2025-01-15",
        ],
        E {
            end: "2025-03-14",
            timely: true,
            period: "2025-03-14",
            deadline: "2025-01-31",
            regime: "terms",
            as_written: "2025-03-14",
        },
    );
}

#[test]
fn voipzeker_exactly_on_deadline() {
    // Notice 2025-01-31 runs to 2025-02-28 <= 2025-03-14: in time, last possible day.
    check(
        &[
            "--provider",
            "voipzeker",
            "--start",
            "2024-03-15",
            "--term-months",
            "12",
            "--notice",
            "2025-01-31",
        ],
        E {
            end: "2025-03-14",
            timely: true,
            period: "2025-03-14",
            deadline: "2025-01-31",
            regime: "terms",
            as_written: "2025-03-14",
        },
    );
}

#[test]
fn voipzeker_late_reseller_vs_business() {
    // Notice 2025-02-01 runs to 2025-03-31 > 03-14: late under 4.4. Reseller (no Tw): the first
    // renewal stub ends 2025-03-31 (4.3, V5), so the contract ends 2025-03-31.
    check(
        &[
            "--provider",
            "voipzeker",
            "--start",
            "2024-03-15",
            "--term-months",
            "12",
            "--notice",
            "2025-02-01",
            "--customer",
            "reseller",
        ],
        E {
            end: "2025-03-31",
            timely: false,
            period: "2025-03-14",
            deadline: "2025-01-31",
            regime: "terms",
            as_written: "2025-03-31",
        },
    );
    // Business end-user: Tw 7.2a caps the notice at one month and sets the month-end
    // alignment aside: 2025-02-01 + 1 m = 2025-03-01 <= 03-14, so the contract ends with the
    // term on 03-14; the deadline becomes 2025-02-14 (+ 1 m = 03-14).
    check(
        &[
            "--provider",
            "voipzeker",
            "--start",
            "2024-03-15",
            "--term-months",
            "12",
            "--notice",
            "2025-02-01",
        ],
        E {
            end: "2025-03-14",
            timely: true,
            period: "2025-03-14",
            deadline: "2025-02-14",
            regime: TW,
            as_written: "2025-03-31",
        },
    );
}

#[test]
fn voipzeker_after_the_term() {
    // Notice 2025-05-15 in a monthly renewal. Reseller: period ends 2025-05-31, notice runs to
    // 2025-06-30 (end of the month after May): late for May (deadline 2025-04-30), ends 06-30.
    check(
        &[
            "--provider",
            "voipzeker",
            "--start",
            "2024-03-15",
            "--term-months",
            "12",
            "--notice",
            "2025-05-15",
            "--customer",
            "reseller",
        ],
        E {
            end: "2025-06-30",
            timely: false,
            period: "2025-05-31",
            deadline: "2025-04-30",
            regime: "terms",
            as_written: "2025-06-30",
        },
    );
    // Business: any day with one month: 2025-05-15 + 1 m = 2025-06-15.
    check(
        &[
            "--provider",
            "voipzeker",
            "--start",
            "2024-03-15",
            "--term-months",
            "12",
            "--notice",
            "2025-05-15",
        ],
        E {
            end: "2025-06-15",
            timely: true,
            period: "2025-06-15",
            deadline: "2025-05-15",
            regime: TW,
            as_written: "2025-06-30",
        },
    );
}

#[test]
fn voipzeker_start_on_29_february() {
    // Corrected for issue 10 item 1 (the term used to end 2025-02-27, which made this notice
    // late): no 29 February in 2025, so the term ends 2025-02-28. Notice 2025-01-31 runs to the
    // end of the next calendar month, 2025-02-28 <= 02-28: in time. A notice in February would run
    // to 03-31, so the deadline is 2025-01-31. Business: 01-31 + 1 m = 02-28 too, terms stand.
    check(
        &[
            "--provider",
            "voipzeker",
            "--start",
            "2024-02-29",
            "--term-months",
            "12",
            "--notice",
            "2025-01-31",
        ],
        E {
            end: "2025-02-28",
            timely: true,
            period: "2025-02-28",
            deadline: "2025-01-31",
            regime: "terms",
            as_written: "2025-02-28",
        },
    );
}

#[test]
fn voipzeker_consumer_warned() {
    // Consumers are excluded by 3.2: warning; Tw 7.2a as for business (2025-05-15 + 1 m).
    let v = check(
        &[
            "--provider",
            "voipzeker",
            "--start",
            "2024-03-15",
            "--term-months",
            "12",
            "--notice",
            "2025-05-15",
            "--customer",
            "consumer",
        ],
        E {
            end: "2025-06-15",
            timely: true,
            period: "2025-06-15",
            deadline: "2025-05-15",
            regime: TW,
            as_written: "2025-06-30",
        },
    );
    assert!(warnings(&v).contains("consumer"));
}

// ---------------------------------------------------------------- Compri
// 25.1 term from the 1st of the next full month (A2); DSL 12.7.1: 12 months, renewal by a year,
// one month's notice via 25.4 (A3 (a)); other services 25.3: indefinite, one month to the end of
// a calendar month; a fixed term agreed (25.4): renewal by a year, one month.

#[test]
fn compri_dsl_in_time_and_on_deadline() {
    // Commencement 2024-03-15 -> term from 2024-04-01 -> ends 2025-03-31. Notice 2025-02-27 +
    // 1 m = 2025-03-27 <= 03-31: in time. Deadline 2025-02-28 (+ 1 m = 03-28; 03-01 gives 04-01).
    for n in ["2025-02-27", "2025-02-28"] {
        let v = check(
            &[
                "--provider",
                "compri",
                "--service",
                "dsl",
                "--start",
                "2024-03-15",
                "--notice",
                n,
            ],
            E {
                end: "2025-03-31",
                timely: true,
                period: "2025-03-31",
                deadline: "2025-02-28",
                regime: "terms",
                as_written: "2025-03-31",
            },
        );
        assert_eq!(v["result"]["term_start"], "2024-04-01");
    }
}

#[test]
fn compri_dsl_late_business_and_consumer() {
    // Notice 2025-03-01 + 1 m = 2025-04-01 > 03-31: late; as written renewed a year to
    // 2026-03-31. DSL is electronic communications: Tw 7.2a for business end-users and
    // consumers: max(2025-03-31, 2025-04-01) = 2025-04-01.
    for c in ["business", "consumer"] {
        check(
            &[
                "--provider",
                "compri",
                "--service",
                "dsl",
                "--start",
                "2024-03-15",
                "--notice",
                "2025-03-01",
                "--customer",
                c,
            ],
            E {
                end: "2025-04-01",
                timely: false,
                period: "2025-03-31",
                deadline: "2025-02-28",
                regime: TW,
                as_written: "2026-03-31",
            },
        );
    }
}

#[test]
fn compri_hosting_fixed_term_business_vs_consumer() {
    // Hosting with a fixed term of 12 months (25.4) from 2024-01-01: ends 2024-12-31. Notice
    // 2024-12-01 + 1 m = 2025-01-01 > 12-31: late, renewed a year to 2025-12-31. Hosting is not
    // electronic communications: a business gets the terms as written.
    check(
        &[
            "--provider",
            "compri",
            "--service",
            "hosting",
            "--start",
            "2024-01-01",
            "--term-months",
            "12",
            "--notice",
            "2024-12-01",
        ],
        E {
            end: "2025-12-31",
            timely: false,
            period: "2024-12-31",
            deadline: "2024-11-30",
            regime: "terms",
            as_written: "2025-12-31",
        },
    );
    // A consumer has BW 6:236 sub j for any recurring service: max(2024-12-31, 2025-01-01).
    check(
        &[
            "--provider",
            "compri",
            "--service",
            "hosting",
            "--start",
            "2024-01-01",
            "--term-months",
            "12",
            "--notice",
            "2024-12-01",
            "--customer",
            "consumer",
        ],
        E {
            end: "2025-01-01",
            timely: false,
            period: "2024-12-31",
            deadline: "2024-11-30",
            regime: BW,
            as_written: "2025-12-31",
        },
    );
}

#[test]
fn compri_indefinite_month_end_and_clamp() {
    // 25.3 hosting, business: 2025-01-31 + 1 m = 2025-02-28 (clamped), end of that month
    // 2025-02-28. Last notice for that end: 01-31 (02-01 + 1 m = 03-01 -> 03-31).
    check(
        &[
            "--provider",
            "compri",
            "--service",
            "hosting",
            "--notice",
            "2025-01-31",
        ],
        E {
            end: "2025-02-28",
            timely: true,
            period: "2025-02-28",
            deadline: "2025-01-31",
            regime: "terms",
            as_written: "2025-02-28",
        },
    );
    check(
        &[
            "--provider",
            "compri",
            "--service",
            "hosting",
            "--notice",
            "2025-02-01",
        ],
        E {
            end: "2025-03-31",
            timely: true,
            period: "2025-03-31",
            deadline: "2025-02-28",
            regime: "terms",
            as_written: "2025-03-31",
        },
    );
}

#[test]
fn compri_indefinite_voip_business_no_month_end() {
    // VoIP under 25.3: 2025-05-10 + 1 m = 2025-06-10, moved to 2025-06-30 as written. Tw 7.2a
    // (business end-user, electronic communications) sets the month-end alignment aside:
    // 2025-06-10.
    check(
        &[
            "--provider",
            "compri",
            "--service",
            "voip",
            "--notice",
            "2025-05-10",
        ],
        E {
            end: "2025-06-10",
            timely: true,
            period: "2025-06-10",
            deadline: "2025-05-10",
            regime: TW,
            as_written: "2025-06-30",
        },
    );
}

// ---------------------------------------------------------------- Quatel
// 10.1 term from RFS; 10.2 initial term from the contract (at most 12), then indefinite;
// 10.3 one month's notice at any time (A10: during the term, the later of term end and N + 1 m).

#[test]
fn quatel_in_time_and_on_deadline() {
    // RFS 2024-03-15, 12 m: ends 2025-03-14. 2025-01-10 + 1 m = 02-10 and 2025-02-14 + 1 m =
    // 03-14 are both on or before 03-14: the contract ends with the term. Deadline 2025-02-14.
    for n in ["2025-01-10", "2025-02-14"] {
        check(
            &[
                "--provider",
                "quatel",
                "--start",
                "2024-03-15",
                "--term-months",
                "12",
                "--notice",
                n,
            ],
            E {
                end: "2025-03-14",
                timely: true,
                period: "2025-03-14",
                deadline: "2025-02-14",
                regime: "terms",
                as_written: "2025-03-14",
            },
        );
    }
}

#[test]
fn quatel_late_runs_on_indefinitely() {
    // 2025-02-20 + 1 m = 2025-03-20 > 03-14: late for the term; renewed for an indefinite
    // period (10.2), so it ends on 2025-03-20 (no 12-month lock-in). Tw 7.2a gives the same.
    check(
        &[
            "--provider",
            "quatel",
            "--start",
            "2024-03-15",
            "--term-months",
            "12",
            "--notice",
            "2025-02-20",
        ],
        E {
            end: "2025-03-20",
            timely: false,
            period: "2025-03-14",
            deadline: "2025-02-14",
            regime: "terms",
            as_written: "2025-03-20",
        },
    );
}

#[test]
fn quatel_clamp_and_weekend() {
    // After the term: 2025-05-31 + 1 m = 2025-06-30 (clamped).
    check(
        &[
            "--provider",
            "quatel",
            "--start",
            "2024-03-15",
            "--term-months",
            "12",
            "--notice",
            "2025-05-31",
        ],
        E {
            end: "2025-06-30",
            timely: true,
            period: "2025-06-30",
            deadline: "2025-05-31",
            regime: "terms",
            as_written: "2025-06-30",
        },
    );
    // A notice received on Sunday 2025-06-01 counts on that day; no working-day rule in the
    // terms, so no shift: 2025-07-01.
    check(
        &[
            "--provider",
            "quatel",
            "--start",
            "2024-03-15",
            "--term-months",
            "12",
            "--notice",
            "2025-06-01",
        ],
        E {
            end: "2025-07-01",
            timely: true,
            period: "2025-07-01",
            deadline: "2025-06-01",
            regime: "terms",
            as_written: "2025-07-01",
        },
    );
}

#[test]
fn quatel_start_29_february() {
    // Corrected for issue 10 item 1 (the old figure was 2025-02-27, start + 12 m - 1 d with the
    // clamp). 2025 has no 29 February, so the 12-month term from 2024-02-29 ends on February's
    // last day, 2025-02-28. Notice 2025-01-27 + 1 m = 02-27 <= 02-28: in time, the contract ends
    // with the term. Deadline: 01-31 + 1 m = 02-28 (clamped) is still in time, 02-01 + 1 m =
    // 03-01 is not, so 2025-01-31.
    check(
        &[
            "--provider",
            "quatel",
            "--start",
            "2024-02-29",
            "--term-months",
            "12",
            "--notice",
            "2025-01-27",
        ],
        E {
            end: "2025-02-28",
            timely: true,
            period: "2025-02-28",
            deadline: "2025-01-31",
            regime: "terms",
            as_written: "2025-02-28",
        },
    );
}

#[test]
fn quatel_customer_types_and_long_term() {
    // Every customer type gets the same dates (10.3 already matches Tw 7.2a). A reseller or
    // consumer is outside the audience (warning); 24 months exceeds 10.2's 12 (warning).
    // 2024-03-15 + 24 m - 1 d = 2026-03-14; 2025-06-10 + 1 m = 2025-07-10 <= it: in time.
    for c in ["business", "consumer", "reseller"] {
        let v = check(
            &[
                "--provider",
                "quatel",
                "--start",
                "2024-03-15",
                "--term-months",
                "24",
                "--notice",
                "2025-06-10",
                "--customer",
                c,
            ],
            E {
                end: "2026-03-14",
                timely: true,
                period: "2026-03-14",
                deadline: "2026-02-14",
                regime: "terms",
                as_written: "2026-03-14",
            },
        );
        assert!(warnings(&v).contains("at most 12 months"));
    }
}

#[test]
fn notice_defaults_to_as_of() {
    // --as-of 2025-06-01 stands in for the notice date (inputs show where it came from).
    let v = run(&[
        "--provider",
        "quatel",
        "--start",
        "2024-03-15",
        "--term-months",
        "12",
    ]);
    assert_eq!(v["inputs"]["notice"], "2025-06-01");
    assert_eq!(v["inputs"]["notice_source"], "--as-of");
    assert_eq!(v["result"]["end_date"], "2025-07-01");
}

// ---------------------------------------------------------------- Special rights (--change)
// A notice in reaction to an announced change: the right of the terms where the notice is in
// its window (the condition, e.g. "more than 5%", is assumed met and warned about), otherwise
// ordinary notice. The earlier of the two ends applies.

#[test]
fn qupra_price_increase_window() {
    // 5.1.g: 14 days from the announcement 2025-05-01 -> last day 2025-05-15 (A14: day 1 is
    // 05-02). 9.4: the increase takes effect 2025-05-01 + 1 m = 2025-06-01, so the contract
    // ends on 2025-05-31 without buyout. Ordinary notice (reseller) would end 2026-03-14.
    let v = check(
        &[
            "--provider",
            "qupra",
            "--start",
            "2024-03-15",
            "--notice",
            "2025-05-15",
            "--change",
            "price_increase",
            "--change-announced",
            "2025-05-01",
        ],
        E {
            end: "2025-05-31",
            timely: true,
            period: "2025-05-31",
            deadline: "2025-05-15",
            regime: "terms",
            as_written: "2025-05-31",
        },
    );
    assert!(warnings(&v).contains("condition"));
    assert_eq!(v["inputs"]["change"]["kind"], "price_increase");
    // One day later the window has closed: ordinary notice, 2025-06-16 <= 2026-03-14.
    check(
        &[
            "--provider",
            "qupra",
            "--start",
            "2024-03-15",
            "--notice",
            "2025-05-16",
            "--change",
            "price_increase",
            "--change-announced",
            "2025-05-01",
        ],
        E {
            end: "2026-03-14",
            timely: true,
            period: "2026-03-14",
            deadline: "2026-02-14",
            regime: "terms",
            as_written: "2026-03-14",
        },
    );
}

#[test]
fn quatel_terms_change_on_the_effective_date() {
    // 2.4: effective 2025-05-01 + 1 m = 2025-06-01; notice at the latest on that day (A20),
    // ending "per" that date: last day 2025-05-31.
    check(
        &[
            "--provider",
            "quatel",
            "--start",
            "2024-03-15",
            "--term-months",
            "12",
            "--notice",
            "2025-06-01",
            "--change",
            "terms_change",
            "--change-announced",
            "2025-05-01",
        ],
        E {
            end: "2025-05-31",
            timely: true,
            period: "2025-05-31",
            deadline: "2025-06-01",
            regime: "terms",
            as_written: "2025-05-31",
        },
    );
    // 2025-06-02 is too late for 2.4: ordinary notice after the term, 06-02 + 1 m = 07-02.
    check(
        &[
            "--provider",
            "quatel",
            "--start",
            "2024-03-15",
            "--term-months",
            "12",
            "--notice",
            "2025-06-02",
            "--change",
            "terms_change",
            "--change-announced",
            "2025-05-01",
        ],
        E {
            end: "2025-07-02",
            timely: true,
            period: "2025-07-02",
            deadline: "2025-06-02",
            regime: "terms",
            as_written: "2025-07-02",
        },
    );
}

#[test]
fn quatel_indexation_gives_no_right() {
    // 4.2: the yearly indexation gives no termination right: ordinary notice, 05-02 + 1 m.
    let v = check(
        &[
            "--provider",
            "quatel",
            "--start",
            "2024-03-15",
            "--term-months",
            "12",
            "--notice",
            "2025-05-02",
            "--change",
            "price_increase",
            "--change-announced",
            "2025-05-01",
        ],
        E {
            end: "2025-06-02",
            timely: true,
            period: "2025-06-02",
            deadline: "2025-05-02",
            regime: "terms",
            as_written: "2025-06-02",
        },
    );
    assert!(v["steps"].to_string().contains("no right to terminate"));
}

#[test]
fn voipro_ordinary_notice_is_earlier_than_6_4() {
    // 6.4 would end the day before the increase (2025-06-01 - 1 = 05-31), but one working day
    // already ends it: Friday 2025-05-02 -> Monday 5 May is Bevrijdingsdag -> Tuesday 05-06.
    check(
        &[
            "--provider",
            "voipro",
            "--notice",
            "2025-05-02",
            "--change",
            "price_increase",
            "--change-announced",
            "2025-05-01",
        ],
        E {
            end: "2025-05-06",
            timely: true,
            period: "2025-05-06",
            deadline: "2025-05-05",
            regime: "terms",
            as_written: "2025-05-06",
        },
    );
}

#[test]
fn compri_consumer_dissolution_3_2() {
    // 3.2 (consumers only): within 21 days of the announcement 2025-05-01 -> by 2025-05-22;
    // dissolution on receipt, 2025-05-20.
    check(
        &[
            "--provider",
            "compri",
            "--service",
            "hosting",
            "--customer",
            "consumer",
            "--notice",
            "2025-05-20",
            "--change",
            "terms_change",
            "--change-announced",
            "2025-05-01",
        ],
        E {
            end: "2025-05-20",
            timely: true,
            period: "2025-05-20",
            deadline: "2025-05-22",
            regime: "terms",
            as_written: "2025-05-20",
        },
    );
    // A business has no such right: 25.3, 2025-05-20 + 1 m = 06-20 -> end of June.
    let v = check(
        &[
            "--provider",
            "compri",
            "--service",
            "hosting",
            "--notice",
            "2025-05-20",
            "--change",
            "terms_change",
            "--change-announced",
            "2025-05-01",
        ],
        E {
            end: "2025-06-30",
            timely: true,
            period: "2025-06-30",
            deadline: "2025-05-31",
            regime: "terms",
            as_written: "2025-06-30",
        },
    );
    assert!(v["steps"].to_string().contains("only for consumer"));
}

#[test]
fn voipzeker_terms_change_with_announced_date() {
    // 2.9 states no window: read as before the change takes effect (2025-06-15) -> by 06-14,
    // ending 2025-06-14. Ordinary: 24-month term to 2026-03-14 (notice in time for it).
    check(
        &[
            "--provider",
            "voipzeker",
            "--start",
            "2024-03-15",
            "--term-months",
            "24",
            "--notice",
            "2025-05-02",
            "--change",
            "terms_change",
            "--change-announced",
            "2025-05-01",
            "--change-effective",
            "2025-06-15",
        ],
        E {
            end: "2025-06-14",
            timely: true,
            period: "2025-06-14",
            deadline: "2025-06-14",
            regime: "terms",
            as_written: "2025-06-14",
        },
    );
}
