//! Error review across all commands: many bad inputs, each must fail with exit 2 (3 for data
//! files), nothing on stdout, and stderr of one line (one per issue for data files) that starts
//! with `termcalc: ` and leaks no Rust type name, debug dump or backtrace.

mod common;

use assert_cmd::Command;

/// Fragments that must never reach a user.
const LEAKS: [&str; 16] = [
    "os error",
    "Some(",
    "None",
    "Ok(",
    "Err(",
    "Decimal",
    "NaiveDate",
    "Option<",
    "unwrap",
    "panicked",
    "backtrace",
    "RUST_BACKTRACE",
    "DataIssue",
    "ProviderData",
    "RateData",
    "Input(",
];

/// A valid call per command (every value flag given), the base for the bad variants.
const BASES: &[&[&str]] = &[
    &[
        "end-date",
        "--provider",
        "compri",
        "--start",
        "2024-01-01",
        "--notice",
        "2025-03-01",
        "--term-months",
        "12",
        "--customer",
        "business",
        "--service",
        "dsl",
        "--change",
        "terms_change",
        "--change-announced",
        "2025-02-01",
        "--change-effective",
        "2025-04-01",
    ],
    &[
        "buyout",
        "--provider",
        "compri",
        "--start",
        "2024-01-01",
        "--end",
        "2025-09-20",
        "--monthly",
        "50",
        "--term-months",
        "24",
        "--notice",
        "2025-06-01",
        "--usage-monthly",
        "10",
        "--one-off",
        "50",
        "--list-monthly",
        "60",
        "--customer",
        "business",
        "--service",
        "dsl",
    ],
    &[
        "interest",
        "--claim",
        "500@2025-01-31",
        "--claim",
        "300@2025-02-28",
        "--until",
        "2025-06-30",
        "--rate",
        "8",
        "--per",
        "year",
        "--payment",
        "2025-06-30=400@2",
        "--costs",
        "10",
        "--costs-from",
        "2025-03-01",
        "--day-count",
        "act/act",
    ],
    &[
        "interest",
        "--provider",
        "compri",
        "--principal",
        "250",
        "--due",
        "2025-03-01",
        "--reminder",
        "2025-03-10",
        "--until",
        "2025-06-30",
        "--customer",
        "business",
    ],
    &[
        "interest",
        "--principal",
        "1000",
        "--due",
        "2023-02-28",
        "--kind",
        "commercial",
    ],
    &[
        "collection-costs",
        "--principal",
        "1000",
        "--customer",
        "consumer",
        "--letter-date",
        "2025-03-01",
        "--default-date",
        "2025-02-01",
        "--provider",
        "qupra",
        "--due",
        "2025-01-31",
        "--reminder",
        "2025-02-03",
    ],
    &[
        "liability",
        "--provider",
        "qupra",
        "--damage",
        "1000",
        "--event-date",
        "2025-03-03",
        "--damage-kind",
        "direct",
        "--known-date",
        "2025-03-04",
        "--monthly",
        "10",
        "--fees-paid",
        "100",
        "--paid-this-year",
        "0",
        "--last-invoice",
        "10",
        "--insurer-payout",
        "100",
        "--order-value",
        "100",
        "--term-months",
        "12",
        "--customer",
        "business",
    ],
    &[
        "outage",
        "--provider",
        "quatel",
        "--from",
        "2025-03-03T08:00",
        "--until",
        "2025-03-04T10:00",
        "--monthly",
        "40",
        "--usage",
        "12.50",
        "--discovered",
        "2025-03-03",
        "--reported",
        "2025-03-05",
        "--cause",
        "network",
        "--customer",
        "business",
    ],
    &[
        "outage",
        "--provider",
        "compri",
        "--hours",
        "26",
        "--monthly",
        "46.50",
    ],
    &[
        "quote",
        "--provider",
        "compri",
        "--service",
        "voip",
        "--outage-from",
        "2025-03-03T08:00",
        "--outage-until",
        "2025-03-04T10:00",
        "--outage-monthly",
        "46.50",
        "--outage-cause",
        "network",
    ],
    &["rates", "--kind", "consumer"],
    &["providers", "show", "qupra"],
];

/// Values no flag accepts.
const BAD: &[&str] = &[
    "",
    "   ",
    "x",
    "12\n3",
    "Some(5)",
    "NaN",
    "€5",
    "1_000",
    "0x10",
    "1,000.00",
    "2025-02-30",
    "99999999999999999999999999999999",
    "2025-01-01\n2025-01-02",
    "\u{1}",
    "𝟙",
];

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("termcalc")
        .unwrap()
        .env_remove("TERMCALC_AS_OF")
        .env_remove("TERMCALC_PROVIDERS_DIR")
        .env("RUST_BACKTRACE", "1")
        .arg("--as-of")
        .arg("2025-06-30")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Checks a failed run; `bad` is the value given (it may be quoted in the message).
fn check_failure(args: &[&str], bad: &str, code: i32, stdout: &str, stderr: &str) {
    assert!(
        code == 2 || code == 3,
        "{args:?}: exit {code}, stderr {stderr}"
    );
    assert!(stdout.is_empty(), "{args:?}: stdout on failure: {stdout}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(!lines.is_empty(), "{args:?}: no message");
    if code == 2 {
        assert_eq!(lines.len(), 1, "{args:?}: more than one line:\n{stderr}");
    }
    for line in &lines {
        assert!(line.starts_with("termcalc: "), "{args:?}: {line}");
        assert!(line.len() > "termcalc: ".len() + 10, "{args:?}: {line}");
        for leak in LEAKS {
            if !bad.contains(leak) {
                assert!(!line.contains(leak), "{args:?}: leaks {leak}: {line}");
            }
        }
    }
}

#[test]
fn bases_succeed() {
    // Amounts up to 10^12 and dates up to 2199 work.
    let (code, _, stderr) = run(&[
        "buyout",
        "--provider",
        "qupra",
        "--start",
        "1900-01-01",
        "--end",
        "2199-12-31",
        "--monthly",
        "1000000000000",
        "--usage-monthly",
        "1000000000000",
        "--notice",
        "2199-12-31",
    ]);
    assert_eq!(code, 0, "{stderr}");
    for base in BASES {
        let (code, stdout, stderr) = run(base);
        assert_eq!(code, 0, "{base:?}: {stderr}");
        assert!(!stdout.is_empty());
    }
}

/// Every value flag of every command, given each bad value: a clean one-line error, exit 2.
#[test]
fn every_flag_with_bad_values() {
    let mut checked = 0;
    for base in BASES {
        for i in 0..base.len() {
            if !base[i].starts_with("--") || i + 1 >= base.len() || base[i + 1].starts_with("--") {
                continue;
            }
            for bad in BAD {
                let mut args: Vec<&str> = base.to_vec();
                args[i + 1] = bad;
                let (code, stdout, stderr) = run(&args);
                assert_ne!(code, 0, "{args:?} was accepted: {stdout}");
                check_failure(&args, bad, code, &stdout, &stderr);
                assert_eq!(code, 2, "{args:?}: {stderr}");
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "{checked}");
}

/// Semantic errors (each value parses, the combination is wrong) across the commands.
#[test]
fn semantic_errors() {
    let cases: &[&[&str]] = &[
        &["end-date", "--provider", "nosuch"],
        &["end-date", "--provider", "qupra", "--service", "nosuch"],
        &[
            "end-date",
            "--provider",
            "qupra",
            "--start",
            "2026-01-01",
            "--notice",
            "2025-01-01",
        ],
        &[
            "end-date",
            "--provider",
            "compri",
            "--change",
            "price_increase",
            "--change-announced",
            "2025-02-01",
        ],
        &["end-date", "--provider", "qupra", "--term-months", "0"],
        &["end-date", "--provider", "qupra", "--term-months", "100000"],
        &[
            "buyout",
            "--provider",
            "qupra",
            "--start",
            "2025-01-01",
            "--end",
            "2024-01-01",
            "--monthly",
            "50",
        ],
        &[
            "buyout",
            "--provider",
            "qupra",
            "--start",
            "2024-01-01",
            "--end",
            "2025-09-20",
            "--monthly",
            "-5",
            "--usage-monthly",
            "0",
        ],
        &[
            "buyout",
            "--provider",
            "qupra",
            "--start",
            "2024-01-01",
            "--end",
            "2025-09-20",
            "--monthly",
            "50",
        ],
        &["interest", "--principal", "100"],
        &["interest", "--due", "2025-01-01"],
        &[
            "interest",
            "--principal",
            "100",
            "--due",
            "2025-01-01",
            "--claim",
            "5@2025-01-01",
        ],
        &["interest", "--claim", "5@2025-01-01", "--rate", "8"],
        &[
            "interest",
            "--claim",
            "5@2025-01-01",
            "--payment",
            "2025-02-01=1@3",
            "--kind",
            "consumer",
        ],
        &[
            "interest",
            "--claim",
            "5@2025-01-01",
            "--kind",
            "consumer",
            "--rate",
            "8",
            "--per",
            "year",
        ],
        &[
            "interest",
            "--claim",
            "5@2025-01-01",
            "--kind",
            "consumer",
            "--until",
            "2199-12-31",
            "--strict",
        ],
        &[
            "interest",
            "--claim",
            "5@2025-01-01",
            "--rate",
            "100",
            "--per",
            "year",
        ],
        &[
            "interest",
            "--claim",
            "5@2025-01-01",
            "--rate",
            "0",
            "--per",
            "year",
        ],
        &[
            "interest",
            "--provider",
            "qupra",
            "--invoice-date",
            "2199-12-31",
            "--principal",
            "5",
            "--until",
            "2199-12-31",
        ],
        &[
            "interest",
            "--provider",
            "nosuch",
            "--principal",
            "5",
            "--due",
            "2025-01-01",
        ],
        &["interest"],
        &["collection-costs"],
        &["collection-costs", "--principal", "0"],
        &["collection-costs", "--principal", "-5"],
        &[
            "collection-costs",
            "--principal",
            "100",
            "--letter-date",
            "2025-01-01",
            "--letter-sent",
            "2025-01-01",
        ],
        &[
            "collection-costs",
            "--principal",
            "100",
            "--provider",
            "nosuch",
        ],
        &["liability", "--provider", "qupra"],
        &["liability", "--provider", "qupra", "--damage", "-1"],
        &[
            "liability",
            "--provider",
            "qupra",
            "--damage",
            "5",
            "--event-date",
            "2025-03-03",
            "--known-date",
            "2025-01-01",
        ],
        &[
            "liability",
            "--provider",
            "qupra",
            "--damage",
            "5",
            "--term-months",
            "0",
        ],
        &["providers", "show", "nosuch"],
        &["providers", "nosuch"],
        &["rates", "--kind", "nosuch"],
        &["nosuch"],
        &["end-date", "--nosuch"],
        &["--format", "xml", "rates"],
        &["--as-of", "2025-13-01", "rates"],
        &[
            "--providers-dir",
            "/nonexistent/dir",
            "end-date",
            "--provider",
            "qupra",
        ],
        &[
            "--rates",
            "/nonexistent/rates.toml",
            "interest",
            "--principal",
            "5",
            "--due",
            "2025-01-01",
            "--kind",
            "consumer",
        ],
    ];
    for args in cases {
        let (code, stdout, stderr) = run(args);
        assert_ne!(code, 0, "{args:?} was accepted: {stdout}");
        check_failure(args, "", code, &stdout, &stderr);
    }
}

/// Broken data files: exit 3, one `termcalc: file:line:col: ...` line per issue.
#[test]
fn broken_data_files() {
    let dir = std::env::temp_dir().join(format!("termcalc-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rates = dir.join("rates.toml");
    let cases: &[(&str, &str)] = &[
        ("rates", "schema_version = 1\nverified_through = \"2025-01-01\"\n[[consumer]]\nfrom = \"x\"\nrate = 8\n"),
        ("rates", "not toml at all ["),
        ("rates", "schema_version = 2\nverified_through = \"2025-13-01\"\n"),
        ("rates", "\u{0}\u{1}"),
    ];
    for (_, text) in cases {
        std::fs::write(&rates, text).unwrap();
        let args = ["--rates", rates.to_str().unwrap(), "rates"];
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, 3, "{text}: {stderr}");
        check_failure(&args, "", code, &stdout, &stderr);
        assert!(stderr.contains("rates.toml"), "{stderr}");
    }
    let pdir = dir.join("providers");
    std::fs::create_dir_all(&pdir).unwrap();
    let provider = pdir.join("qupra.toml");
    for text in [
        "id = \"qupra\"\n",
        "[[[",
        "id = 5\nname = [1, 2]\n",
        "id = \"other\"\nname = \"x\"\n",
        "\u{0}",
    ] {
        std::fs::write(&provider, text).unwrap();
        for args in [
            vec!["providers", "check", provider.to_str().unwrap()],
            vec!["--providers-dir", pdir.to_str().unwrap(), "providers"],
            vec![
                "--providers-dir",
                pdir.to_str().unwrap(),
                "end-date",
                "--provider",
                "qupra",
            ],
        ] {
            let (code, stdout, stderr) = run(&args);
            assert_eq!(code, 3, "{text}: {stderr}");
            // `providers check` reports on stdout before failing; the others print nothing.
            let out = if args.contains(&"check") { "" } else { &stdout };
            check_failure(&args, "", code, out, &stderr);
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Error paths of the calculations, each with its exit code and the words that name the flag
/// and what to do. (Messages of the individual commands are also checked in tests/*_cli.rs.)
#[test]
fn each_error_path_names_its_flag() {
    let cases: &[(&[&str], &str)] = &[
        (&["end-date", "--provider", "qupra", "--start", "2026-01-01", "--notice", "2025-01-01"], "--notice: the notice date 2025-01-01 is before the start 2026-01-01; give a notice date on or after the start date"),
        (&["end-date", "--provider", "compri"], "--service: required for Compri ICT B.V."),
        (&["end-date", "--provider", "compri", "--service", "nosuch", "--start", "2024-01-01"], "--service: 'nosuch' is not a service in the terms of Compri ICT B.V.; use one of: dsl,"),
        (&["end-date", "--provider", "compri", "--service", "dsl"], "--start: required for Compri ICT B.V."),
        (&["end-date", "--provider", "qupra", "--term-months", "0"], "0 is not a possible term; use a whole number of months from 1 to 600"),
        (&["buyout", "--provider", "qupra", "--start", "2025-01-01", "--end", "2024-01-01", "--monthly", "50", "--usage-monthly", "0"], "--end: the leaving day 2024-01-01 is before the start 2025-01-01"),
        (&["buyout", "--provider", "qupra", "--start", "2024-01-01", "--end", "2025-09-20", "--monthly", "50"], "--usage-monthly: Qupra Wholesale art. 5.1.d (ii)"),
        (&["buyout", "--provider", "voipzeker", "--start", "2024-01-01", "--end", "2025-09-20", "--monthly", "50"], "--term-months: required for VOIPZeker: art. 4.2"),
        (&["buyout", "--provider", "qupra", "--start", "2024-01-01", "--end", "2025-09-20", "--monthly", "-5", "--usage-monthly", "0"], "'-5' is negative"),
        (&["collection-costs", "--principal", "0"], "'0' must be more than 0"),
        (&["collection-costs", "--principal", "100", "--letter-date", "2025-01-01", "--letter-sent", "2025-01-01"], "'--letter-date <DATE>' cannot be used with '--letter-sent <DATE>'"),
        (&["interest", "--claim", "5@2025-01-01", "--kind", "consumer", "--until", "2024-01-01"], "--claim: the due date 2025-01-01 is after the until date 2024-01-01"),
        (&["interest", "--principal", "5", "--due", "2025-07-01", "--kind", "consumer"], "--due: the due date 2025-07-01 is after the until date 2025-06-30"),
        (&["interest", "--claim", "5@2025-01-01", "--kind", "consumer", "--payment", "2026-01-01=1"], "--payment: the payment on 2026-01-01 is after the until date 2025-06-30"),
        (&["interest", "--claim", "5@2025-01-01", "--kind", "consumer", "--payment", "2025-02-01=1@2"], "--payment: the payment on 2025-02-01 names claim 2 but there are 1 claim(s)"),
        (&["interest", "--claim", "5@2025-01-01", "--kind", "consumer", "--payment", "2025-02-01=1@0"], "'0' is not a claim number"),
        (&["interest", "--claim", "5@1950-01-01", "--kind", "commercial"], "--claim: interest would start on 1950-01-02, but the wettelijke handelsrente table"),
        (&["interest", "--claim", "5@2025-01-01", "--kind", "consumer", "--until", "2199-12-31", "--strict"], "--strict: interest runs through 2199-12-31, past the rate table's coverage"),
        (&["interest", "--invoice-date", "2025-01-01", "--principal", "5", "--kind", "consumer"], "--invoice-date: an invoice date needs a provider"),
        (&["interest", "--principal", "5", "--due", "2025-01-01"], "--kind: say which interest applies"),
        (&["interest", "--principal", "5", "--due", "2025-01-01", "--rate", "5"], "--per: required with an agreed rate"),
        (&["interest", "--principal", "5", "--due", "2025-01-01", "--kind", "consumer", "--reminder", "2025-01-05"], "--reminder: only used with a provider"),
        (&["interest", "--claim", "5@2025-01-01", "--rate", "100", "--per", "year"], "'100' is not a usable rate"),
        (&["interest", "--claim", "5", "--kind", "consumer"], "'5' is not a claim: use AMOUNT@DATE"),
        (&["interest", "--claim", "5@2025-01-01", "--kind", "consumer", "--payment", "5"], "'5' is not a payment: use DATE=AMOUNT"),
        (&["interest", "--claim", "5@2025-01-01", "--kind", "consumer", "--day-count", "30/360"], "'30/360' is not a day count"),
        (&["liability", "--provider", "qupra", "--damage", "5", "--event-date", "2025-03-03", "--known-date", "2025-01-01"], "--known-date: 2025-01-01 is before the event date 2025-03-03"),
        (&["liability", "--provider", "qupra", "--damage", "5", "--known-date", "2025-01-01"], "--known-date: needs the event date"),
        (&["liability", "--provider", "qupra", "--damage", "5", "--event-date", "2025-08-01"], "--event-date: 2025-08-01 is after the as-of date 2025-06-30"),
        (&["liability", "--provider", "qupra", "--damage", "5", "--monthly=-1"], "--monthly: '-1.00' is negative"),
        (&["outage", "--provider", "compri", "--hours", "26", "--monthly=-1"], "--monthly: '-1.00' is negative"),
        (&["outage", "--provider", "compri", "--hours", "26", "--monthly", "5", "--usage=-1"], "--usage: '-1.00' is negative"),
        (&["outage", "--provider", "compri", "--hours=-2", "--monthly", "5"], "'-2' is negative"),
        (&["outage", "--provider", "compri", "--hours", "26"], "--monthly: needed: give the monthly subscription fee"),
        (&["outage", "--provider", "compri", "--monthly", "5"], "give the outage as --from and --until"),
        (&["outage", "--provider", "compri", "--monthly", "5", "--from", "2025-03-04T08:00", "--until", "2025-03-03T08:00"], "--until: 2025-03-03T08:00 is not after the start 2025-03-04T08:00"),
        (&["outage", "--provider", "compri", "--monthly", "5", "--from", "2025-03-04 08:00", "--until", "2025-03-05T08:00"], "is not a date and time: use YYYY-MM-DDTHH:MM"),
        (&["outage", "--provider", "compri", "--monthly", "5", "--hours", "3", "--cause", "storm"], "'storm' is not a cause"),
        (&["liability", "--provider", "qupra", "--damage=-5"], "--damage: '-5.00' is negative"),
        (&["liability", "--provider", "qupra", "--damage", "5", "--damage-kind", "moral"], "'moral' is not a damage kind"),
        (&["liability", "--provider", "qupra", "--damage", "5", "--term-months", "0"], "0 is not a possible term; use a whole number of months from 1 to 600"),
        (&["providers", "show", "nosuch"], "providers show: unknown provider 'nosuch'; known providers are "),
        (&["end-date", "--provider", "nosuch"], "--provider: unknown provider 'nosuch'; known providers are "),
        (&["end-date", "--provider", "qu\npra"], "--provider: unknown provider 'qu\\npra'"),
        (&["rates", "--kind", "nosuch"], "'nosuch' is not a kind of statutory interest"),
        (&["end-date", "--provider", "qupra", "--customer", "alien"], "'alien' is not a customer type"),
        (&["end-date", "--provider", "compri", "--start", "2024-01-01", "--change", "move"], "'move' is not a change kind"),
    ];
    for (args, fragment) in cases {
        let (code, stdout, stderr) = run(args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        check_failure(args, "", code, &stdout, &stderr);
        assert!(
            stderr.contains(fragment),
            "{args:?}: expected {fragment:?} in {stderr}"
        );
    } // An unknown provider is answered with every known one (derived from providers/).
    let known = format!("known providers are {}", common::provider_ids().join(", "));
    for args in [
        &["providers", "show", "nosuch"][..],
        &["end-date", "--provider", "nosuch"][..],
    ] {
        let (_, _, stderr) = run(args);
        assert!(
            stderr.contains(&known),
            "{args:?}: expected {known:?} in {stderr}"
        );
    }
}
