//! What the certification says, page by page.
//!
//! - Page 1 ([`cover`]): who signed, when, on which computer, the record and the record it
//!   follows, a QR code of the fingerprint, the counts by status, every item that needs
//!   attention in full, the statement as signed and the lines to sign.
//! - Then ([`items`]) every other item, once, by checklist and section, in two compact columns,
//!   with its evidence, note or not-applicable reason.
//! - A footer on every page ([`footer`]): jurisdiction, record number, fingerprint, page N of M.
//!
//! Every status is written with its word and symbol from [`ItemStatus`]; no internal id is
//! printed.

mod cover;
pub use cover::attention_sentence;
mod footer;
mod items;

use super::fonts::Fonts;
use super::page::Page;
use crate::records::seal::fingerprint_of;
use crate::records::{ItemStatus, Record};

/// The document title, also the PDF's title.
pub const TITLE: &str = "Election Office Security Self-Certification";

/// The line saying what this is and what it is not.
pub const NOT_ENDORSED: &str = "A self-assessment made with clerkcheck, a tool built on public \
    guidance. It is not issued or endorsed by the Wisconsin Elections Commission.";

/// The record a certification prints, with its fingerprints.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    /// The record.
    pub record: &'a Record,
    /// Its fingerprint.
    pub fingerprint: &'a str,
}

impl Subject<'_> {
    /// The fingerprint of the record this one follows; `None` for an office's first record.
    #[must_use]
    pub fn previous_fingerprint(&self) -> Option<&str> {
        self.record
            .previous_signoff()
            .map(|(_, sha256)| fingerprint_of(sha256))
    }
}

/// The line saying which record this one follows, e.g. "Follows record No. 11, fingerprint
/// 0123456789abcdef", or "First record of this office".
#[must_use]
pub fn follows_line(subject: &Subject<'_>) -> String {
    match subject.record.previous_signoff() {
        Some((sequence, sha256)) => format!(
            "Follows record No. {sequence}, fingerprint {}",
            fingerprint_of(sha256)
        ),
        None => "First record of this office".to_owned(),
    }
}

/// The record line printed on page 1 and in every footer, e.g. "Record No. 12 · fingerprint
/// 0123456789abcdef". `verify-certification` reads it back.
#[must_use]
pub fn record_line(sequence: u64, fingerprint: &str) -> String {
    format!("Record No. {sequence} · fingerprint {fingerprint}")
}

/// The jurisdiction as printed, e.g. "Town of Example, Example County".
#[must_use]
pub fn jurisdiction_line(record: &Record) -> String {
    let line = record.signer.jurisdiction_line();
    if line.is_empty() {
        "(jurisdiction not given)".to_owned()
    } else {
        line
    }
}

/// The signing time in the signer's local time, e.g.
/// "Tuesday, November 24, 2026, 9:04 AM (UTC−06:00)".
#[must_use]
pub fn local_time_line(record: &Record) -> String {
    record.signed_at().long_words()
}

/// A status as printed: its symbol and its word, e.g. "✗ Fail".
#[must_use]
pub fn status_text(status: ItemStatus) -> String {
    format!("{} {}", status.symbol(), status.word())
}

/// The title of a checklist by id (the id itself only if the record does not name it).
fn checklist_title(record: &Record, id: &str) -> String {
    record
        .checklists
        .iter()
        .find(|c| c.id == id)
        .map_or_else(|| id.to_owned(), |c| c.title.clone())
}

/// Lays out the whole certification, footers included.
#[must_use]
pub fn lay_out(fonts: &Fonts, subject: &Subject<'_>) -> Vec<Page> {
    let mut layout = super::layout::Layout::new(fonts);
    cover::page_one(&mut layout, subject);
    items::everything_else(&mut layout, subject.record);
    let mut pages = layout.finish();
    footer::add_footers(fonts, &mut pages, subject);
    pages
}

#[cfg(test)]
mod tests;
