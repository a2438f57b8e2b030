//! The office manager's view of the records: one row per record, CSV and JSON exports, a text
//! table for the terminal, and comparing two records with regressions first.
//!
//! Everything here is pure (rows in, text out), so the app and the command line share it.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use super::integrity::{ChainReport, Integrity};
use super::model::{Counts, ItemStatus, JurisdictionKind, Record};
use super::store::Listing;
use crate::checks::Verdict;

/// One record in the history list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryRow {
    /// The record's sequence number.
    pub sequence: u64,
    /// Its file.
    pub path: PathBuf,
    /// When it was signed, UTC, RFC 3339 as stored.
    pub signed_at_utc: String,
    /// When it was signed, in the signer's local time, e.g. `2026-11-24 09:04 -06:00`.
    pub signed_at_local: String,
    /// The signer's local date (for date-range filters); `None` if the stored time is unreadable.
    pub local_date: Option<NaiveDate>,
    /// The signer's name.
    pub signer: String,
    /// The signer's title.
    pub title: String,
    /// The jurisdiction's name.
    pub jurisdiction: String,
    /// Municipality or county.
    pub jurisdiction_kind: JurisdictionKind,
    /// The county.
    pub county: String,
    /// The computer's host name.
    pub computer: String,
    /// All counts as stored.
    pub counts: Counts,
    /// Passed: automatic checks that passed plus manual items done (or attested by hand).
    pub passed: u32,
    /// Failed: automatic checks that failed plus manual items not done.
    pub failed: u32,
    /// Automatic checks with a warning.
    pub warned: u32,
    /// Automatic checks whose result is unknown.
    pub unknown: u32,
    /// Items marked not applicable.
    pub not_applicable: u32,
    /// The fingerprint (first 16 hex digits of the record's hash).
    pub fingerprint: String,
    /// The record's integrity.
    pub integrity: Integrity,
    /// The integrity in plain words.
    pub integrity_detail: String,
}

impl HistoryRow {
    /// True when something needs attention: a failed check or a manual item not done.
    #[must_use]
    pub fn has_failures(&self) -> bool {
        self.failed > 0
    }
}

/// The signing time of a record in the signer's local time; `None` if the stored text is bad.
#[must_use]
pub fn local_time(record: &Record) -> Option<DateTime<FixedOffset>> {
    let utc = DateTime::parse_from_rfc3339(&record.created_at_utc).ok()?;
    let offset = FixedOffset::east_opt(record.utc_offset_minutes.checked_mul(60)?)?;
    Some(utc.with_timezone(&offset))
}

/// One row per readable record, by sequence, with its integrity from `report`.
#[must_use]
pub fn rows(listing: &Listing, report: &ChainReport) -> Vec<HistoryRow> {
    listing
        .records
        .iter()
        .map(|stored| {
            let r = &stored.record;
            let local = local_time(r);
            let (integrity, integrity_detail) = report.integrity_of(&stored.path).map_or_else(
                || (Integrity::Intact, String::new()),
                |e| (e.integrity, e.detail.clone()),
            );
            let c = r.counts;
            HistoryRow {
                sequence: r.sequence,
                path: stored.path.clone(),
                signed_at_utc: r.created_at_utc.clone(),
                signed_at_local: local.map_or_else(
                    || r.created_at_utc.clone(),
                    |t| t.format("%Y-%m-%d %H:%M %:z").to_string(),
                ),
                local_date: local.map(|t| t.date_naive()),
                signer: r.signer.name.clone(),
                title: r.signer.title.clone(),
                jurisdiction: r.signer.jurisdiction.clone(),
                jurisdiction_kind: r.signer.jurisdiction_kind,
                county: r.signer.county.clone(),
                computer: r.computer.host_name.clone(),
                counts: c,
                passed: c.passed + c.done,
                failed: c.failed + c.not_done,
                warned: c.warned,
                unknown: c.unknown,
                not_applicable: c.not_applicable,
                fingerprint: stored.fingerprint().to_owned(),
                integrity,
                integrity_detail,
            }
        })
        .collect()
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 16] = [
    "sequence",
    "signed_at_utc",
    "signed_at_local",
    "signer",
    "title",
    "jurisdiction",
    "jurisdiction_kind",
    "county",
    "computer",
    "passed",
    "failed",
    "warned",
    "unknown",
    "not_applicable",
    "fingerprint",
    "integrity",
];

/// The rows as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when needed).
///
/// Text typed by people (names, titles, places) that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading `'` so a spreadsheet shows it as text instead of running it
/// as a formula. No byte-order mark; see [`to_csv_file_bytes`] for a file Excel opens cleanly.
#[must_use]
pub fn to_csv(rows: &[HistoryRow]) -> String {
    let mut out = String::new();
    push_csv_line(&mut out, CSV_HEADER.iter().map(|h| (*h).to_owned()));
    for row in rows {
        let kind = match row.jurisdiction_kind {
            JurisdictionKind::Municipality => "municipality",
            JurisdictionKind::County => "county",
        };
        push_csv_line(
            &mut out,
            [
                row.sequence.to_string(),
                row.signed_at_utc.clone(),
                row.signed_at_local.clone(),
                defuse(&row.signer),
                defuse(&row.title),
                defuse(&row.jurisdiction),
                kind.to_owned(),
                defuse(&row.county),
                defuse(&row.computer),
                row.passed.to_string(),
                row.failed.to_string(),
                row.warned.to_string(),
                row.unknown.to_string(),
                row.not_applicable.to_string(),
                row.fingerprint.clone(),
                row.integrity.word().to_owned(),
            ],
        );
    }
    out
}

/// The CSV with a UTF-8 byte-order mark first, so Excel shows accented names correctly.
#[must_use]
pub fn to_csv_file_bytes(rows: &[HistoryRow]) -> Vec<u8> {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(to_csv(rows).as_bytes());
    bytes
}

/// Prefixes a `'` to text a spreadsheet would take for a formula.
fn defuse(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// Appends one CSV line, quoting fields that hold a comma, a quote or a line break.
fn push_csv_line(out: &mut String, fields: impl IntoIterator<Item = String>) {
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
#[must_use]
pub fn to_json(rows: &[HistoryRow]) -> String {
    // Serializing plain strings, numbers and enums into JSON cannot fail.
    serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".to_owned())
}

/// The rows as a text table for the terminal.
pub fn to_table(rows: &[HistoryRow]) -> String {
    let headers = [
        "#",
        "Signed (local)",
        "Signer",
        "Jurisdiction",
        "Passed",
        "Failed",
        "Warned",
        "Unknown",
        "N/A",
        "Fingerprint",
        "Integrity",
    ];
    let cells: Vec<[String; 11]> = rows
        .iter()
        .map(|r| {
            [
                r.sequence.to_string(),
                r.signed_at_local.clone(),
                r.signer.clone(),
                r.jurisdiction.clone(),
                r.passed.to_string(),
                r.failed.to_string(),
                r.warned.to_string(),
                r.unknown.to_string(),
                r.not_applicable.to_string(),
                r.fingerprint.clone(),
                r.integrity.word().to_owned(),
            ]
        })
        .collect();
    let mut widths = headers.map(|h| h.chars().count());
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
            let pad = w.saturating_sub(cell.chars().count());
            // Numbers right-aligned, text left-aligned.
            if (4..=8).contains(&i) || i == 0 {
                let _ = write!(text, "{}{cell}", " ".repeat(pad));
            } else {
                let _ = write!(text, "{cell}{}", " ".repeat(pad));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(&mut out, &headers.map(ToOwned::to_owned));
    for row in &cells {
        line(&mut out, row);
    }
    out
}

/// How an item changed between two records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// Worse now (e.g. passed before, fails now).
    Regression,
    /// Better now.
    Improvement,
    /// Different, neither better nor worse (e.g. became not applicable).
    Changed,
    /// The item is new in the later record.
    Added,
    /// The item is no longer in the later record.
    Removed,
}

/// One item that differs between two records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// How it changed.
    pub kind: ChangeKind,
    /// The checklist id.
    pub checklist_id: String,
    /// The item id.
    pub item_id: String,
    /// The item text (as in the later record when it has the item).
    pub text: String,
    /// Its status in the earlier record.
    pub old: Option<ItemStatus>,
    /// Its status in the later record.
    pub new: Option<ItemStatus>,
    /// In plain words, e.g. "passed on March 1, 2026, fails now".
    pub summary: String,
}

/// How good a status is, for telling regressions from improvements; `None` = not comparable.
fn goodness(status: &ItemStatus) -> Option<u8> {
    match status {
        ItemStatus::Done | ItemStatus::AttestedByHand | ItemStatus::Checked(Verdict::Pass) => {
            Some(3)
        }
        ItemStatus::Checked(Verdict::Warn) => Some(2),
        ItemStatus::Checked(Verdict::Unknown) => Some(1),
        ItemStatus::Checked(Verdict::Fail) | ItemStatus::NotDone => Some(0),
        ItemStatus::NotApplicable => None,
    }
}

/// The status in the past tense ("passed", "was not done").
fn past(status: &ItemStatus) -> &'static str {
    match status {
        ItemStatus::Done => "was done",
        ItemStatus::NotDone => "was not done",
        ItemStatus::Checked(Verdict::Pass) => "passed",
        ItemStatus::Checked(Verdict::Warn) => "had a warning",
        ItemStatus::Checked(Verdict::Fail) => "failed",
        ItemStatus::Checked(Verdict::Unknown) => "was unknown",
        ItemStatus::AttestedByHand => "was attested by hand",
        ItemStatus::NotApplicable => "was not applicable",
    }
}

/// The status in the present tense ("fails", "is done").
fn present(status: &ItemStatus) -> &'static str {
    match status {
        ItemStatus::Done => "is done",
        ItemStatus::NotDone => "is not done",
        ItemStatus::Checked(Verdict::Pass) => "passes",
        ItemStatus::Checked(Verdict::Warn) => "has a warning",
        ItemStatus::Checked(Verdict::Fail) => "fails",
        ItemStatus::Checked(Verdict::Unknown) => "is unknown",
        ItemStatus::AttestedByHand => "is attested by hand",
        ItemStatus::NotApplicable => "is not applicable",
    }
}

/// A record's local signing date in words, e.g. "March 1, 2026".
fn date_words(record: &Record) -> String {
    local_time(record).map_or_else(
        || record.created_at_utc.clone(),
        |t| t.format("%B %-d, %Y").to_string(),
    )
}

/// The items that differ between an earlier and a later record: regressions first, then
/// improvements, other changes, added and removed items; each group in the later record's order.
#[must_use]
pub fn compare(old: &Record, new: &Record) -> Vec<Change> {
    let when = date_words(old);
    let mut changes = Vec::new();
    for (position, item) in new.items.iter().enumerate() {
        let before = old.items.iter().find(|o| o.item_id == item.item_id);
        let Some(before) = before else {
            changes.push((
                position,
                Change {
                    kind: ChangeKind::Added,
                    checklist_id: item.checklist_id.clone(),
                    item_id: item.item_id.clone(),
                    text: item.text.clone(),
                    old: None,
                    new: Some(item.status.clone()),
                    summary: format!("not in the record of {when}; {} now", present(&item.status)),
                },
            ));
            continue;
        };
        if before.status == item.status {
            continue;
        }
        let kind = match (goodness(&before.status), goodness(&item.status)) {
            (Some(a), Some(b)) if b < a => ChangeKind::Regression,
            (Some(a), Some(b)) if b > a => ChangeKind::Improvement,
            _ => ChangeKind::Changed,
        };
        changes.push((
            position,
            Change {
                kind,
                checklist_id: item.checklist_id.clone(),
                item_id: item.item_id.clone(),
                text: item.text.clone(),
                old: Some(before.status.clone()),
                new: Some(item.status.clone()),
                summary: format!(
                    "{} on {when}, {} now",
                    past(&before.status),
                    present(&item.status)
                ),
            },
        ));
    }
    let after = new.items.len();
    for (position, item) in old.items.iter().enumerate() {
        if !new.items.iter().any(|n| n.item_id == item.item_id) {
            changes.push((
                after + position,
                Change {
                    kind: ChangeKind::Removed,
                    checklist_id: item.checklist_id.clone(),
                    item_id: item.item_id.clone(),
                    text: item.text.clone(),
                    old: Some(item.status.clone()),
                    new: None,
                    summary: format!(
                        "{} on {when}, no longer in the checklists",
                        past(&item.status)
                    ),
                },
            ));
        }
    }
    changes.sort_by_key(|(position, c)| (c.kind, *position));
    changes.into_iter().map(|(_, c)| c).collect()
}

#[cfg(test)]
// In tests a panic is the failure report.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::checks::CheckId;
    use crate::records::model::{Computer, RecordItem, Signer};

    fn item(id: &str, status: ItemStatus) -> RecordItem {
        RecordItem {
            checklist_id: "memo".to_owned(),
            section: "Section".to_owned(),
            item_id: id.to_owned(),
            text: format!("Text of {id}"),
            check: Some(CheckId::Antivirus),
            status,
            evidence: String::new(),
            raw_evidence: String::new(),
            note: String::new(),
            na_reason: String::new(),
        }
    }

    fn record(when: &str, items: Vec<RecordItem>) -> Record {
        Record {
            schema_version: 1,
            sequence: 1,
            created_at_utc: when.to_owned(),
            utc_offset_minutes: -360,
            app_version: "0.1.0".to_owned(),
            computer: Computer::default(),
            signer: Signer::default(),
            statement: String::new(),
            checklists: Vec::new(),
            items,
            counts: Counts::default(),
            previous_hash: String::new(),
        }
    }

    #[test]
    fn compare_puts_regressions_first_in_plain_words() {
        let pass = ItemStatus::Checked(Verdict::Pass);
        let fail = ItemStatus::Checked(Verdict::Fail);
        let old = record(
            "2026-03-01T15:00:00Z",
            vec![
                item("a", fail.clone()),
                item("b", ItemStatus::Done),
                item("c", pass.clone()),
                item("d", pass.clone()),
                item("gone", ItemStatus::Done),
                item("e", ItemStatus::Done),
            ],
        );
        let new = record(
            "2026-06-01T15:00:00Z",
            vec![
                item("a", pass.clone()),
                item("b", ItemStatus::NotApplicable),
                item("c", pass),
                item("d", fail),
                item("new", ItemStatus::NotDone),
                item("e", ItemStatus::NotDone),
            ],
        );
        let changes = compare(&old, &new);
        let got: Vec<(&str, ChangeKind)> = changes
            .iter()
            .map(|c| (c.item_id.as_str(), c.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("d", ChangeKind::Regression),
                ("e", ChangeKind::Regression),
                ("a", ChangeKind::Improvement),
                ("b", ChangeKind::Changed),
                ("new", ChangeKind::Added),
                ("gone", ChangeKind::Removed),
            ]
        );
        assert_eq!(changes[0].summary, "passed on March 1, 2026, fails now");
        assert_eq!(
            changes[1].summary,
            "was done on March 1, 2026, is not done now"
        );
        assert_eq!(changes[2].summary, "failed on March 1, 2026, passes now");
    }

    #[test]
    fn local_date_uses_the_signers_offset() {
        // 03:00 UTC on March 2 is still March 1 at -06:00.
        let r = record("2026-03-02T03:00:00Z", Vec::new());
        assert_eq!(date_words(&r), "March 1, 2026");
    }

    fn row(signer: &str) -> HistoryRow {
        HistoryRow {
            sequence: 7,
            path: PathBuf::from("000007.ron"),
            signed_at_utc: "2026-03-01T15:04:05Z".to_owned(),
            signed_at_local: "2026-03-01 09:04 -06:00".to_owned(),
            local_date: NaiveDate::from_ymd_opt(2026, 3, 1),
            signer: signer.to_owned(),
            title: "Clerk".to_owned(),
            jurisdiction: "Town of Dunn".to_owned(),
            jurisdiction_kind: JurisdictionKind::Municipality,
            county: "Dane County".to_owned(),
            computer: "PC".to_owned(),
            counts: Counts::default(),
            passed: 10,
            failed: 1,
            warned: 0,
            unknown: 2,
            not_applicable: 3,
            fingerprint: "0123456789abcdef".to_owned(),
            integrity: Integrity::Intact,
            integrity_detail: String::new(),
        }
    }

    #[test]
    fn csv_quotes_commas_quotes_and_line_breaks_and_defuses_formulas() {
        let csv = to_csv(&[
            row("Núñez, José \"Pepe\""),
            row("=HYPERLINK(\"x\")"),
            row("two\nlines"),
        ]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER.join(","));
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
        assert!(lines[1].ends_with(",0123456789abcdef,intact"));
        assert!(to_csv_file_bytes(&[]).starts_with("\u{feff}sequence,".as_bytes()));
    }

    #[test]
    fn json_has_one_object_per_row() {
        let json: serde_json::Value =
            serde_json::from_str(&to_json(&[row("A"), row("B")])).unwrap();
        assert_eq!(json.as_array().unwrap().len(), 2);
        assert_eq!(json[1]["signer"], "B");
        assert_eq!(json[0]["integrity"], "intact");
        assert_eq!(json[0]["local_date"], "2026-03-01");
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
}
