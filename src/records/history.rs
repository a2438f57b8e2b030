//! The office manager's view of the records: one row per record, CSV and JSON exports, a text
//! table for the terminal, and a search that ignores case and accents.
//!
//! Everything here is pure (rows in, text out), so the app and the command line share it.
//! Comparing two records is in [`compare`].

pub mod compare;

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use super::chain::{ChainReport, Integrity};
use super::model::JurisdictionKind;
use super::status::{Counts, ItemStatus};
use super::store::Listing;

/// One record in the history list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryRow {
    /// The record's number.
    pub sequence: u64,
    /// Its file.
    pub path: PathBuf,
    /// When it was signed, UTC, RFC 3339.
    pub signed_at_utc: String,
    /// When it was signed, in the signer's local time, e.g. `2026-11-24 09:04 -06:00`.
    pub signed_at_local: String,
    /// The signer's local date (for date filters).
    pub local_date: NaiveDate,
    /// The signer's name.
    pub signer: String,
    /// The signer's title.
    pub title: String,
    /// The jurisdiction as written everywhere, e.g. "Town of Dunn, Dane County".
    pub jurisdiction: String,
    /// Municipality or county.
    pub jurisdiction_kind: JurisdictionKind,
    /// The county.
    pub county: String,
    /// The computer's host name.
    pub computer: String,
    /// How many items had each status, computed from the items.
    pub counts: Counts,
    /// The fingerprint (first 16 hex digits of the record's hash).
    pub fingerprint: String,
    /// The record's integrity.
    pub integrity: Integrity,
    /// The integrity in plain words.
    pub integrity_detail: String,
    /// Its reviews, e.g. "Reviewed by Ann Lee, Office Manager on November 25, 2026: ok".
    pub reviews: Vec<String>,
}

impl HistoryRow {
    /// True when a check failed or a practice was not done.
    pub fn has_problems(&self) -> bool {
        self.counts.problems() > 0
    }

    /// True when `query` (any case, accents or not) is found in the signer, title,
    /// jurisdiction, county or computer name; an empty query matches everything.
    pub fn matches(&self, query: &str) -> bool {
        let query = fold(query.trim());
        query.is_empty()
            || [
                &self.signer,
                &self.title,
                &self.jurisdiction,
                &self.county,
                &self.computer,
            ]
            .iter()
            .any(|field| fold(field).contains(&query))
    }
}

/// Text folded for searching: decomposed, accents dropped, lowercase, and the few letters that
/// do not decompose spelled out ("Núñez-Øberg" → "nunez-oberg", "Nguyễn" → "nguyen").
pub fn fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization as _;
    use unicode_normalization::char::is_combining_mark;
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' => out.push('d'),
            'ł' | 'Ł' => out.push('l'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ı' => out.push('i'),
            other => out.extend(other.to_lowercase()),
        }
    }
    out
}

/// One row per readable record, by number, with its integrity from `report`.
pub fn rows(listing: &Listing, report: &ChainReport) -> Vec<HistoryRow> {
    listing
        .records
        .iter()
        .map(|stored| {
            let r = &stored.record;
            let signed = r.signed_at();
            let (integrity, integrity_detail) = report.integrity_of(&stored.path).map_or_else(
                || (Integrity::Intact, String::new()),
                |e| (e.integrity, e.detail.clone()),
            );
            HistoryRow {
                sequence: r.sequence,
                path: stored.path.clone(),
                signed_at_utc: signed.utc_text(),
                signed_at_local: signed.short(),
                local_date: signed.local_date(),
                signer: r.signer.name.clone(),
                title: r.signer.title.clone(),
                jurisdiction: r.signer.jurisdiction_line(),
                jurisdiction_kind: r.signer.jurisdiction_kind,
                county: r.signer.county.clone(),
                computer: r.computer.host_name.clone(),
                counts: r.counts(),
                fingerprint: stored.fingerprint().to_owned(),
                integrity,
                integrity_detail,
                reviews: listing
                    .reviews_of(r.sequence)
                    .filter(|review| review.review.reviewed_sha256 == stored.sha256)
                    .map(|review| review.review.line())
                    .collect(),
            }
        })
        .collect()
}

/// The fixed CSV columns before the counts, and after them.
const CSV_LEAD: [&str; 9] = [
    "sequence",
    "signed_at_utc",
    "signed_at_local",
    "signer",
    "title",
    "jurisdiction",
    "jurisdiction_kind",
    "county",
    "computer",
];
const CSV_TAIL: [&str; 3] = ["fingerprint", "integrity", "reviews"];

/// The CSV header: the fixed columns, one count column per status (`pass`, `done`, …,
/// `not-applicable`), then the fingerprint and integrity.
pub fn csv_header() -> Vec<&'static str> {
    CSV_LEAD
        .into_iter()
        .chain(ItemStatus::ALL.iter().map(|s| s.key()))
        .chain(CSV_TAIL)
        .collect()
}

/// The rows as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when needed).
///
/// Every text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// leading `'`, so a spreadsheet shows it as text instead of running it as a formula. No
/// byte-order mark; see [`to_csv_file_bytes`] for a file Excel opens cleanly.
pub fn to_csv(rows: &[HistoryRow]) -> String {
    let mut out = String::new();
    push_csv_line(&mut out, csv_header().into_iter().map(str::to_owned));
    for row in rows {
        let lead = [
            row.sequence.to_string(),
            row.signed_at_utc.clone(),
            row.signed_at_local.clone(),
            row.signer.clone(),
            row.title.clone(),
            row.jurisdiction.clone(),
            row.jurisdiction_kind.key().to_owned(),
            row.county.clone(),
            row.computer.clone(),
        ];
        let counts = row.counts.by_status().map(|(_, n)| n.to_string());
        let tail = [
            row.fingerprint.clone(),
            row.integrity.key().to_owned(),
            row.reviews.join("; "),
        ];
        push_csv_line(
            &mut out,
            lead.into_iter()
                .chain(counts)
                .chain(tail)
                .map(|cell| defuse(&cell)),
        );
    }
    out
}

/// The CSV with a UTF-8 byte-order mark first, so Excel shows accented names correctly.
pub fn to_csv_file_bytes(rows: &[HistoryRow]) -> Vec<u8> {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(to_csv(rows).as_bytes());
    bytes
}

/// Prefixes a `'` to text a spreadsheet would take for a formula.
pub(crate) fn defuse(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// Appends one CSV line, quoting fields that hold a comma, a quote or a line break.
pub(crate) fn push_csv_line(out: &mut String, fields: impl IntoIterator<Item = String>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) || field.starts_with(' ') || field.ends_with(' ')
        {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

/// The rows as pretty JSON (an array of objects, one per record).
pub fn to_json(rows: &[HistoryRow]) -> String {
    // Serializing plain strings, numbers and enums into JSON cannot fail.
    serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".to_owned())
}

/// The rows as a text table for the terminal.
pub fn to_table(rows: &[HistoryRow]) -> String {
    const HEADERS: [&str; 10] = [
        "#",
        "Signed (local)",
        "Signer",
        "Jurisdiction",
        "Problems",
        "Warnings",
        "Unknown",
        "Not answered",
        "Fingerprint",
        "Integrity",
    ];
    /// Columns of numbers, right-aligned.
    const NUMERIC: [usize; 5] = [0, 4, 5, 6, 7];
    let cells: Vec<[String; 10]> = rows
        .iter()
        .map(|r| {
            [
                r.sequence.to_string(),
                r.signed_at_local.clone(),
                r.signer.clone(),
                r.jurisdiction.clone(),
                r.counts.problems().to_string(),
                r.counts.warned.to_string(),
                r.counts.unknown.to_string(),
                r.counts.not_answered.to_string(),
                r.fingerprint.clone(),
                r.integrity.word().to_owned(),
            ]
        })
        .collect();
    let mut widths = HEADERS.map(|h| h.chars().count());
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let line = |out: &mut String, cells: &[String]| {
        let mut text = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            let pad = " ".repeat(w.saturating_sub(cell.chars().count()));
            if NUMERIC.contains(&i) {
                let _ = write!(text, "{pad}{cell}");
            } else {
                let _ = write!(text, "{cell}{pad}");
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(&mut out, &HEADERS.map(ToOwned::to_owned));
    for row in &cells {
        line(&mut out, row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(signer: &str) -> HistoryRow {
        HistoryRow {
            sequence: 7,
            path: PathBuf::from("000007.ron"),
            signed_at_utc: "2026-03-01T15:04:05Z".to_owned(),
            signed_at_local: "2026-03-01 09:04 -06:00".to_owned(),
            local_date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            signer: signer.to_owned(),
            title: "Clerk".to_owned(),
            jurisdiction: "Town of Dunn, Dane County".to_owned(),
            jurisdiction_kind: JurisdictionKind::Municipality,
            county: "Dane County".to_owned(),
            computer: "PC".to_owned(),
            counts: Counts {
                passed: 10,
                failed: 1,
                not_answered: 50,
                ..Counts::default()
            },
            fingerprint: "0123456789abcdef".to_owned(),
            integrity: Integrity::Intact,
            integrity_detail: String::new(),
            reviews: Vec::new(),
        }
    }

    #[test]
    fn csv_quotes_commas_quotes_and_line_breaks_and_defuses_every_cell() {
        let mut formula_date = row("A");
        formula_date.signed_at_local = "=HYPERLINK(\"http://x\")".to_owned();
        let csv = to_csv(&[
            row("Núñez, José \"Pepe\""),
            row("=HYPERLINK(\"x\")"),
            row("two\nlines"),
            formula_date,
        ]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], csv_header().join(","));
        assert!(lines[0].contains(",pass,done,checked-by-hand,warning,fail,not-done,unknown,not-answered,not-applicable,"), "{}", lines[0]);
        assert!(
            lines[1].contains(",\"Núñez, José \"\"Pepe\"\"\",Clerk,"),
            "{}",
            lines[1]
        );
        assert!(
            lines[2].contains(",\"'=HYPERLINK(\"\"x\"\")\","),
            "{}",
            lines[2]
        );
        assert!(csv.contains("\"two\nlines\""));
        assert!(lines[4].contains(",\"'=HYPERLINK("), "{}", lines[4]);
        assert!(
            lines[1].ends_with(",10,0,0,0,1,0,0,50,0,0123456789abcdef,intact,"),
            "{}",
            lines[1]
        );
        assert!(to_csv_file_bytes(&[]).starts_with("\u{feff}sequence,".as_bytes()));
    }

    #[test]
    fn json_has_one_object_per_row_with_every_count() {
        let json: serde_json::Value =
            serde_json::from_str(&to_json(&[row("A"), row("B")])).unwrap();
        assert_eq!(json.as_array().unwrap().len(), 2);
        assert_eq!(json[1]["signer"], "B");
        assert_eq!(json[0]["integrity"], "intact");
        assert_eq!(json[0]["local_date"], "2026-03-01");
        assert_eq!(json[0]["counts"]["not_answered"], 50);
        assert_eq!(json[0]["counts"]["failed"], 1);
    }

    #[test]
    fn unanswered_items_are_not_problems() {
        let r = row("A");
        assert!(r.has_problems());
        let mut clean = row("B");
        clean.counts.failed = 0;
        assert!(
            !clean.has_problems(),
            "50 unanswered items are not failures"
        );
    }

    #[test]
    fn table_aligns_columns() {
        let table = to_table(&[row("José")]);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("#  Signed (local)"));
        // Aligned in characters, not bytes ("é" is two bytes).
        let column = |line: &str, word: &str| line[..line.find(word).unwrap()].chars().count();
        assert_eq!(
            column(lines[0], "Fingerprint"),
            column(lines[1], "0123456789abcdef")
        );
    }

    #[test]
    fn search_ignores_case_and_accents() {
        let r = row("José Núñez-Øberg");
        assert!(r.matches("nunez"));
        assert!(r.matches("NÚÑEZ"));
        assert!(r.matches("oberg"));
        assert!(r.matches("dunn"));
        assert!(r.matches(""));
        assert!(!r.matches("madison"));
        assert_eq!(fold("Straße Œuvre"), "strasse oeuvre");
        assert_eq!(fold("Nguyễn Thị Hương"), "nguyen thi huong");
        // Decomposed input folds the same as composed input.
        assert_eq!(fold("Nu\u{303}n\u{303}ez"), "nunez");
    }
}
