//! The certification PDF, always made from a saved record, so any record prints again
//! identically.
//!
//! - [`fonts`]: the embedded `DejaVu` Sans fonts and text measuring.
//! - [`wrap`]: word wrapping by measured width (pure).
//! - [`layout`]: US Letter pages, tables that break across pages with their header repeated.
//! - [`document`]: what the certification says (cover page, needs attention, every item, footers).
//! - [`pdf`]: drawing with printpdf and saving deterministically.

pub mod document;
pub mod fonts;
pub mod layout;
pub mod pdf;
pub mod wrap;

use crate::records::{Certifiable, Record};

/// Why a certification could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The fonts compiled into the program do not parse: the build is broken.
    #[error(
        "the fonts built into clerkcheck cannot be read; reinstall clerkcheck or report this bug"
    )]
    Fonts,
    /// printpdf reported an error while writing.
    #[error("the certification PDF could not be written: {0}")]
    Pdf(String),
}

/// Renders the certification of a record that verified as intact in its folder: the only kind
/// a certification is made from. Its fingerprint (the first 16 hex digits of its hash) is printed
/// on every page.
///
/// The same record always gives the same bytes: nothing depends on the clock.
pub fn certification_pdf(certified: &Certifiable) -> Result<Vec<u8>, ReportError> {
    render(certified.record(), certified.fingerprint())
}

/// Lays out and draws the certification of `record`.
fn render(record: &Record, fingerprint: &str) -> Result<Vec<u8>, ReportError> {
    let fonts = fonts::Fonts::load().ok_or(ReportError::Fonts)?;
    let pages = document::lay_out(&fonts, record, fingerprint);
    pdf::render(&fonts, &pages, &metadata(record, fingerprint)).map_err(ReportError::Pdf)
}

/// The PDF metadata of a record's certification.
fn metadata(record: &Record, fingerprint: &str) -> pdf::Metadata {
    let jurisdiction = document::jurisdiction_line(record);
    pdf::Metadata {
        title: format!("{} — {jurisdiction}", document::TITLE),
        author: record.signer.name.clone(),
        subject: format!(
            "Security self-certification of {jurisdiction}, record no. {}, fingerprint {fingerprint}",
            record.sequence
        ),
        creator: format!("clerkcheck {}", record.app_version),
        keywords: vec![
            "election security".to_owned(),
            "self-certification".to_owned(),
            "clerkcheck".to_owned(),
        ],
        identifier: fingerprint.to_owned(),
        created_unix: record.created_at_utc.timestamp(),
    }
}
