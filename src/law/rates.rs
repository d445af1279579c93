//! Statutory interest rate tables: art. 6:119 BW (wettelijke rente) and art. 6:119a / 6:119b BW
//! (wettelijke handelsrente). The built-in table is `rates.toml` next to this file; `--rates
//! FILE` loads a file of the same shape, read by the same parser, so both are validated alike.

use crate::error::{line_col, DataIssue, Error, Result};
use crate::money::parse_decimal;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The built-in table: (name shown in messages, text).
pub const EMBEDDED: (&str, &str) = ("src/law/rates.toml", include_str!("rates.toml"));

/// Which statutory rate applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RateKind {
    /// Wettelijke rente, art. 6:119 BW: claims outside commercial contracts (consumers).
    Consumer,
    /// Wettelijke handelsrente, art. 6:119a BW (and 6:119b for government debtors): late
    /// payment under a commercial contract (handelsovereenkomst).
    Commercial,
}

impl RateKind {
    pub const ALL: [RateKind; 2] = [RateKind::Consumer, RateKind::Commercial];

    pub fn as_str(self) -> &'static str {
        match self {
            RateKind::Consumer => "consumer",
            RateKind::Commercial => "commercial",
        }
    }

    /// The article that sets the rate.
    pub fn article(self) -> &'static str {
        match self {
            RateKind::Consumer => "6:119",
            RateKind::Commercial => "6:119a",
        }
    }

    /// The article (and paragraph) that makes the interest compound yearly.
    pub fn compounding_article(self) -> &'static str {
        match self {
            RateKind::Consumer => "6:119 lid 2",
            RateKind::Commercial => "6:119a lid 3",
        }
    }

    /// The Dutch name, for people.
    pub fn dutch_name(self) -> &'static str {
        match self {
            RateKind::Consumer => "wettelijke rente",
            RateKind::Commercial => "wettelijke handelsrente",
        }
    }
}

impl fmt::Display for RateKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RateKind {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        crate::error::keyword(
            s,
            &[
                ("consumer", RateKind::Consumer),
                ("commercial", RateKind::Commercial),
            ],
        )
        .ok_or_else(|| {
            format!(
                "'{}' is not a kind of statutory interest: use consumer (art. 6:119 BW) or commercial (art. 6:119a BW)",
                crate::error::echo(s)
            )
        })
    }
}

/// How well a row is evidenced (shared/research/statutory.md section 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    Low,
    MediumLow,
    Medium,
    MediumHigh,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::MediumLow => "medium-low",
            Confidence::Medium => "medium",
            Confidence::MediumHigh => "medium-high",
            Confidence::High => "high",
        }
    }
}

/// Formats a rate (percent) with at least two decimals and no trailing zeros beyond them:
/// 10.4 → "10.40", 0.125 → "0.125".
pub fn fmt_rate(rate: Decimal) -> String {
    let mut r = rate.normalize();
    if r.scale() < 2 {
        r.rescale(2);
    }
    r.to_string()
}

/// serde: a rate as [`fmt_rate`] writes it.
pub fn ser_rate<S: serde::Serializer>(
    rate: &Decimal,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&fmt_rate(*rate))
}

/// One row: the yearly rate in force from `from` until the day before the next row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RateRow {
    pub from: NaiveDate,
    /// Percent per year, e.g. 10.15.
    #[serde(serialize_with = "ser_rate")]
    pub rate: Decimal,
    pub source: String,
    pub confidence: Confidence,
}

/// One statutory series, sorted by date, without overlaps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateTable {
    pub kind: RateKind,
    pub rows: Vec<RateRow>,
    /// The last day the rows are known to be complete.
    pub verified_through: NaiveDate,
}

impl RateTable {
    /// Index of the row in force on `date`; `None` before the first row.
    pub fn index_on(&self, date: NaiveDate) -> Option<usize> {
        let n = self.rows.partition_point(|r| r.from <= date);
        n.checked_sub(1)
    }

    /// The rate (percent per year) in force on `date`; `None` before the first row.
    pub fn rate_on(&self, date: NaiveDate) -> Option<Decimal> {
        self.index_on(date).map(|i| self.rows[i].rate)
    }

    /// The first change of rate after `date` (the `from` of the next row), if any.
    pub fn next_change_after(&self, date: NaiveDate) -> Option<NaiveDate> {
        let n = self.rows.partition_point(|r| r.from <= date);
        self.rows.get(n).map(|r| r.from)
    }

    /// The first day with a known rate.
    pub fn first_day(&self) -> Option<NaiveDate> {
        self.rows.first().map(|r| r.from)
    }

    /// The coverage warning for interest that runs past `verified_through`, split around the
    /// last interest day so that a caller can put the day in between: `pre + day + post`.
    /// It says what was assumed and what to do about it.
    pub fn coverage_warning_parts(&self, verified_through: NaiveDate) -> (String, String) {
        let last = self
            .rows
            .last()
            .map(|r| format!(" ({} % from {})", fmt_rate(r.rate), r.from))
            .unwrap_or_default();
        (
            format!(
                "the {} table is complete through {}; for the days after it up to ",
                self.kind.dutch_name(),
                verified_through
            ),
            format!(
                " the last known rate{last} is used, and a later change may be missing; to \
                 update, save `termcalc rates --toml` to a file, add the new rate and pass the \
                 file with --rates FILE"
            ),
        )
    }

    /// The coverage warning for interest that runs through `last_day`, past `verified_through`.
    pub fn coverage_warning(&self, verified_through: NaiveDate, last_day: NaiveDate) -> String {
        let (pre, post) = self.coverage_warning_parts(verified_through);
        format!("{pre}{last_day}{post}")
    }

    /// The highest rate in force on any day of `from..=to` (for comparisons such as a statutory
    /// floor); `None` if no day of the range has a rate.
    pub fn max_rate_between(&self, from: NaiveDate, to: NaiveDate) -> Option<Decimal> {
        let start = self.index_on(from).unwrap_or(0);
        self.rows[start..]
            .iter()
            .take_while(|r| r.from <= to)
            .map(|r| r.rate)
            .max()
    }
}

/// Both statutory tables and where they came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateTables {
    pub consumer: RateTable,
    pub commercial: RateTable,
    pub verified_through: NaiveDate,
    /// "built-in" or the file read.
    pub source: String,
}

impl RateTables {
    pub fn get(&self, kind: RateKind) -> &RateTable {
        match kind {
            RateKind::Consumer => &self.consumer,
            RateKind::Commercial => &self.commercial,
        }
    }

    /// The table built into termcalc.
    pub fn embedded() -> Result<Self> {
        let mut t = parse_rates(EMBEDDED.0, EMBEDDED.1).map_err(Error::RateData)?;
        t.source = "built-in".to_string();
        Ok(t)
    }

    /// A replacement table from a file (`--rates FILE`); problems are exit 3 with file:line:col.
    pub fn from_file(path: &std::path::Path) -> Result<Self> {
        let shown = path.display().to_string();
        let text = crate::terms::read_data_file(path, "the rate table").map_err(|mut i| {
            i.hint = Some(if i.position.is_some() {
                "save rate tables as UTF-8".into()
            } else {
                "--rates must name a TOML file shaped like `termcalc rates --format json` describes (see docs/interest.md)".into()
            });
            Error::RateData(vec![i])
        })?;
        let mut t = parse_rates(&shown, &text).map_err(Error::RateData)?;
        t.source = shown;
        Ok(t)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    schema_version: u32,
    verified_through: String,
    #[serde(default)]
    consumer: Vec<RawRow>,
    #[serde(default)]
    commercial: Vec<RawRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    from: String,
    #[serde(deserialize_with = "de_rate_text")]
    rate: String,
    source: String,
    confidence: Confidence,
}

/// A rate must be a string: a bare TOML number is refused with the reason.
fn de_rate_text<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<String, D::Error> {
    String::deserialize(d).map_err(|_| {
        serde::de::Error::custom(
            "a rate must be a string such as \"8.15\" (TOML floats are binary)",
        )
    })
}

/// Reads and checks a rate table's text. `file` is the name used in messages. Every problem
/// found is returned, each with its file:line:col and key path.
pub fn parse_rates(file: &str, text: &str) -> std::result::Result<RateTables, Vec<DataIssue>> {
    let issue =
        |position: Option<(usize, usize)>, key: &str, message: String, hint: &str| DataIssue {
            file: file.to_string(),
            position,
            key: key.to_string(),
            message,
            hint: Some(hint.to_string()),
        };
    let doc = crate::terms::span_doc(text).map_err(|e| {
        vec![issue(
            e.span().map(|s| line_col(text, s.start)),
            "",
            e.message().trim().trim_end_matches('.').replace('\n', " "),
            "the rate table is TOML: see src/law/rates.toml for the shape",
        )]
    })?;
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        vec![issue(
            e.span().map(|s| line_col(text, s.start)),
            "",
            e.message().trim().trim_end_matches('.').replace('\n', " "),
            "each row has from = \"YYYY-MM-DD\", rate = \"8.15\", source and confidence; top level has schema_version = 1 and verified_through",
        )]
    })?;
    let at = |key: &str| crate::terms::locate_key(&doc, key).map(|s| line_col(text, s.start));
    let mut issues = Vec::new();
    if raw.schema_version != 1 {
        issues.push(issue(
            at("schema_version"),
            "schema_version",
            format!("schema version {} is not supported", raw.schema_version),
            "this build reads schema_version = 1",
        ));
    }
    let verified = match crate::calendar::parse_date(&raw.verified_through) {
        Ok(d) => Some(d),
        Err(e) => {
            issues.push(issue(
                at("verified_through"),
                "verified_through",
                e,
                "use YYYY-MM-DD",
            ));
            None
        }
    };
    let mut tables = Vec::new();
    for (kind, rows) in [
        (RateKind::Consumer, &raw.consumer),
        (RateKind::Commercial, &raw.commercial),
    ] {
        let name = kind.as_str();
        if rows.is_empty() {
            issues.push(issue(
                at(name),
                name,
                format!("the {name} table (art. {} BW) has no rows", kind.article()),
                "add [[consumer]] and [[commercial]] rows with from, rate, source and confidence",
            ));
        }
        let mut out: Vec<RateRow> = Vec::with_capacity(rows.len());
        for (i, r) in rows.iter().enumerate() {
            let from_key = format!("{name}[{i}].from");
            let rate_key = format!("{name}[{i}].rate");
            let from = match crate::calendar::parse_date(&r.from) {
                Ok(d) => Some(d),
                Err(e) => {
                    issues.push(issue(at(&from_key), &from_key, e, "use YYYY-MM-DD"));
                    None
                }
            };
            let rate = match parse_decimal(&r.rate) {
                Ok(v) if v < Decimal::ONE_HUNDRED => Some(v),
                Ok(v) => {
                    issues.push(issue(
                        at(&rate_key),
                        &rate_key,
                        format!("rate {v} % per year is not plausible"),
                        "rates are percentages per year below 100, e.g. \"10.15\"",
                    ));
                    None
                }
                Err(e) => {
                    issues.push(issue(
                        at(&rate_key),
                        &rate_key,
                        e,
                        "rates are percentages per year written as strings, e.g. \"10.15\"",
                    ));
                    None
                }
            };
            if r.source.trim().is_empty() {
                let k = format!("{name}[{i}].source");
                issues.push(issue(
                    at(&k),
                    &k,
                    "the source is empty".into(),
                    "name the instrument or the publication the rate comes from",
                ));
            }
            let (Some(from), Some(rate)) = (from, rate) else {
                continue;
            };
            if let Some(prev) = out.last() {
                if from == prev.from {
                    issues.push(issue(
                        at(&from_key),
                        &from_key,
                        format!("{from} overlaps the previous row, which starts on the same day"),
                        "each row starts on its own date; remove or merge the duplicate",
                    ));
                    continue;
                }
                if from < prev.from {
                    issues.push(issue(
                        at(&from_key),
                        &from_key,
                        format!(
                            "{from} comes before the previous row's {}: rows must be in date order",
                            prev.from
                        ),
                        "sort the rows by their from date, oldest first",
                    ));
                    continue;
                }
            }
            out.push(RateRow {
                from,
                rate,
                source: r.source.clone(),
                confidence: r.confidence,
            });
        }
        if let (Some(v), Some(last)) = (verified, out.last()) {
            if v < last.from {
                issues.push(issue(
                    at("verified_through"),
                    "verified_through",
                    format!(
                        "verified_through {v} is before the last {name} row ({})",
                        last.from
                    ),
                    "verified_through is the last day the rows are known to be complete",
                ));
            }
        }
        tables.push(out);
    }
    if !issues.is_empty() {
        issues.sort_by_key(|i| i.position);
        issues.dedup();
        return Err(issues);
    }
    let verified_through = verified.unwrap_or(NaiveDate::MIN);
    let commercial = tables.pop().unwrap_or_default();
    let consumer = tables.pop().unwrap_or_default();
    Ok(RateTables {
        consumer: RateTable {
            kind: RateKind::Consumer,
            rows: consumer,
            verified_through,
        },
        commercial: RateTable {
            kind: RateKind::Commercial,
            rows: commercial,
            verified_through,
        },
        verified_through,
        source: file.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn embedded_table_loads_and_is_sorted() {
        let t = RateTables::embedded().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.consumer.rows.len(), 31);
        assert_eq!(t.commercial.rows.len(), 32);
        assert_eq!(t.verified_through, d("2026-12-31"));
        for tab in [&t.consumer, &t.commercial] {
            assert!(tab.rows.windows(2).all(|w| w[0].from < w[1].from));
        }
    }

    #[test]
    fn lookups() {
        let t = RateTables::embedded().unwrap();
        let c = &t.commercial;
        assert_eq!(c.rate_on(d("2025-06-30")), Some(dec!(11.15)));
        assert_eq!(c.rate_on(d("2025-07-01")), Some(dec!(10.15)));
        assert_eq!(c.rate_on(d("2002-08-07")), None);
        assert_eq!(c.next_change_after(d("2025-07-01")), Some(d("2026-07-01")));
        assert_eq!(c.next_change_after(d("2026-07-01")), None);
        assert_eq!(c.rate_on(d("2013-03-15")), Some(dec!(7.75)));
        assert_eq!(c.rate_on(d("2013-03-16")), Some(dec!(8.75)));
        assert_eq!(t.consumer.rate_on(d("2026-11-23")), Some(dec!(4.00)));
        assert_eq!(
            c.max_rate_between(d("2023-01-01"), d("2024-12-31")),
            Some(dec!(12.50))
        );
    }

    #[test]
    fn unsorted_and_duplicate_rows_are_located() {
        let text = "schema_version = 1\nverified_through = \"2026-01-01\"\n\
[[consumer]]\nfrom = \"2020-01-01\"\nrate = \"2\"\nsource = \"x\"\nconfidence = \"high\"\n\
[[consumer]]\nfrom = \"2019-01-01\"\nrate = \"3\"\nsource = \"x\"\nconfidence = \"high\"\n\
[[commercial]]\nfrom = \"2020-01-01\"\nrate = \"8\"\nsource = \"x\"\nconfidence = \"high\"\n\
[[commercial]]\nfrom = \"2020-01-01\"\nrate = \"9\"\nsource = \"x\"\nconfidence = \"high\"\n";
        let issues = parse_rates("r.toml", text).unwrap_err();
        assert_eq!(issues.len(), 2, "{issues:?}");
        assert_eq!(issues[0].key, "consumer[1].from");
        assert_eq!(issues[0].position, Some((9, 1)));
        assert!(issues[0].message.contains("date order"));
        assert_eq!(issues[1].key, "commercial[1].from");
        assert!(issues[1].message.contains("overlaps"));
    }

    #[test]
    fn bad_rate_and_unknown_key() {
        let text = "schema_version = 1\nverified_through = \"2026-01-01\"\n\
[[consumer]]\nfrom = \"2020-01-01\"\nrate = \"-2\"\nsource = \"x\"\nconfidence = \"high\"\n\
[[commercial]]\nfrom = \"2020-01-01\"\nrate = \"8\"\nsource = \"x\"\nconfidence = \"high\"\n";
        let issues = parse_rates("r.toml", text).unwrap_err();
        assert_eq!(issues[0].key, "consumer[0].rate");
        assert_eq!(issues[0].position, Some((5, 1)));
        let issues = parse_rates(
            "r.toml",
            &text.replace(
                "source = \"x\"\nconfidence = \"high\"\n[[commercial]]",
                "source = \"x\"\nconfidence = \"high\"\ncolour = 1\n[[commercial]]",
            ),
        )
        .unwrap_err();
        assert!(issues[0].message.contains("unknown field"), "{issues:?}");
        assert!(issues[0].position.is_some());
    }
}
