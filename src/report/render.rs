//! Table (comfy-table), JSON and CSV renderers for `Report` and `Listing`.

use super::{Listing, Report};
use comfy_table::{presets, ContentArrangement, Table};

/// How the table looks: box drawing only on a terminal without NO_COLOR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableStyle {
    pub boxed: bool,
    /// Total width to fit; termcalc aims at 80 columns.
    pub width: u16,
}

impl Default for TableStyle {
    fn default() -> Self {
        TableStyle {
            boxed: false,
            width: 80,
        }
    }
}

fn new_table(style: TableStyle) -> Table {
    let mut t = Table::new();
    if style.boxed {
        t.load_preset(presets::UTF8_FULL_CONDENSED);
    } else {
        t.load_preset(presets::ASCII_BORDERS_ONLY_CONDENSED);
    }
    t.set_content_arrangement(ContentArrangement::Dynamic);
    t.set_width(style.width);
    t.force_no_tty();
    t
}

/// The table for people. `explain` adds the numbered steps with their citations.
pub fn render_table(report: &Report, explain: bool, style: TableStyle) -> String {
    let mut out = String::new();
    let mut t = new_table(style);
    for f in &report.fields {
        t.add_row(vec![f.label.clone(), f.value.clone()]);
    }
    out.push_str(&t.to_string());
    out.push('\n');
    for d in &report.details {
        out.push('\n');
        out.push_str(&d.title);
        out.push('\n');
        let mut t = new_table(style);
        t.set_header(d.header.clone());
        for r in &d.rows {
            t.add_row(r.clone());
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }
    if explain && !report.steps.is_empty() {
        out.push_str("\nHow this was worked out\n");
        let mut t = new_table(style);
        t.set_header(vec!["#", "Step", "Source"]);
        for (i, s) in report.steps.iter().enumerate() {
            let mut text = s.text.clone();
            if let Some(r) = &s.reading {
                text.push_str(&format!(" [reading: {r}]"));
            }
            t.add_row(vec![(i + 1).to_string(), text, s.citation.to_string()]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
    } else if !explain && !report.steps.is_empty() {
        out.push_str("(--explain shows each step and the article behind it)\n");
    }
    push_warnings(&mut out, &report.warnings, style.width.into());
    out
}

/// `warning: ...` lines after a table, wrapped at the table's width with a hanging indent.
fn push_warnings(out: &mut String, warnings: &[String], width: usize) {
    const LEAD: &str = "warning: ";
    let indent = " ".repeat(LEAD.len());
    for w in warnings {
        let mut line = String::from(LEAD);
        let mut empty = true;
        for word in w.split_whitespace() {
            if !empty && line.chars().count() + 1 + word.chars().count() > width {
                out.push_str(&line);
                out.push('\n');
                line = indent.clone();
                empty = true;
            }
            if !empty {
                line.push(' ');
            }
            line.push_str(word);
            empty = false;
        }
        out.push_str(&line);
        out.push('\n');
    }
}

/// The warnings as one CSV cell: joined by ` | `. A `|` inside a warning becomes `/`, so the
/// separator never occurs inside one and a script can split the cell on it.
pub fn warnings_cell(warnings: &[String]) -> String {
    warnings
        .iter()
        .map(|w| w.replace('|', "/"))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The listing as a table.
pub fn render_listing_table(listing: &Listing, style: TableStyle) -> String {
    let mut t = new_table(style);
    t.set_header(
        listing
            .columns
            .iter()
            .map(|(_, l)| l.clone())
            .collect::<Vec<_>>(),
    );
    for r in &listing.rows {
        t.add_row(r.clone());
    }
    let mut out = t.to_string();
    out.push('\n');
    for n in &listing.notes {
        out.push_str(n);
        out.push('\n');
    }
    push_warnings(&mut out, &listing.warnings, style.width.into());
    out
}

/// One JSON object, pretty-printed, with a trailing newline.
pub fn render_json(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(&report.envelope()).unwrap_or_default();
    s.push('\n');
    s
}

fn csv_line<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut line = items.map(super::csv_field).collect::<Vec<_>>().join(",");
    line.push('\n');
    line
}

/// The CSV header for a report: its field keys, then `warnings`.
pub fn render_csv_header(report: &Report) -> String {
    csv_line(
        report
            .fields
            .iter()
            .map(|f| f.key.as_str())
            .chain(std::iter::once("warnings")),
    )
}

/// One CSV row for a report: its field values, then the warnings cell (`warnings_cell`).
pub fn render_csv_row(report: &Report) -> String {
    let warnings = warnings_cell(&report.warnings);
    csv_line(
        report
            .fields
            .iter()
            .map(|f| f.value.as_str())
            .chain(std::iter::once(warnings.as_str())),
    )
}

/// Header and row for a single report.
pub fn render_csv(report: &Report) -> String {
    render_csv_header(report) + &render_csv_row(report)
}

/// A listing as CSV: header of column keys, a row per entry.
pub fn render_listing_csv(listing: &Listing) -> String {
    let mut out = csv_line(listing.columns.iter().map(|(k, _)| k.as_str()));
    for r in &listing.rows {
        out.push_str(&csv_line(r.iter().map(String::as_str)));
    }
    out
}

/// A listing as one JSON object.
pub fn render_listing_json(listing: &Listing) -> String {
    let mut s = serde_json::to_string_pretty(&listing.to_json()).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::super::csv_field;

    #[test]
    fn csv_quotes_when_needed() {
        assert_eq!(csv_field("a"), "a");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
    }
}
