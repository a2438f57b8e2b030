//! The certification PDF, always made from a record that verified as intact, so any record
//! prints again identically; and checking a certification PDF against the record it carries.
//!
//! - [`text`]: stored text made safe to print (NFC, no bidirectional controls), pure.
//! - [`fonts`]: the embedded fonts, chosen glyph by glyph (`DejaVu` Sans, CJK and emoji
//!   fallbacks), and text measuring.
//! - [`wrap`]: word wrapping and fitting by measured width (pure).
//! - [`page`]: the page geometry and what is drawn (pure data).
//! - [`layout`]: US Letter pages, tables that break across pages with their header repeated.
//! - [`flow`]: two compact columns of item blocks.
//! - [`qr`]: the QR code of page 1.
//! - [`document`]: what the certification says (page 1, every other item, footers).
//! - [`attach`]: the record file attached to the PDF, and read back.
//! - [`pdf`]: drawing with printpdf, attaching, and saving deterministically.
//! - [`verify`]: checking a certification PDF: its record, its seal, its printed text, its
//!   place in an office's records.
//! - [`rollup`]: the commission's table of received certifications, with gaps and duplicates.

pub mod attach;
pub mod document;
pub mod flow;
pub mod fonts;
pub mod layout;
pub mod page;
pub mod pdf;
pub mod qr;
pub mod rollup;
pub mod text;
pub mod verify;
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
    /// printpdf or lopdf reported an error while writing.
    #[error("the certification PDF could not be written: {0}")]
    Pdf(String),
}

/// Renders the certification of a record that verified as intact in its folder: the only kind
/// a certification is made from. Its fingerprint (the first 16 hex digits of its hash) is printed
/// on every page, and the record file itself is attached, byte for byte.
///
/// The same record always gives the same bytes: nothing depends on the clock.
pub fn certification_pdf(certified: &Certifiable) -> Result<Vec<u8>, ReportError> {
    render(
        certified.record(),
        certified.fingerprint(),
        certified.bytes(),
    )
}

/// Lays out and draws the certification of `record`, attaching `record_file`.
fn render(record: &Record, fingerprint: &str, record_file: &[u8]) -> Result<Vec<u8>, ReportError> {
    let fonts = fonts::Fonts::shared().ok_or(ReportError::Fonts)?;
    let subject = document::Subject {
        record,
        fingerprint,
    };
    let pages = document::lay_out(fonts, &subject);
    let attachment = attach::Attachment {
        file_name: attach::file_name(record.sequence),
        bytes: record_file,
        description: format!(
            "The signed record No. {} of {}, fingerprint {fingerprint}, byte for byte. Check it \
             with: clerkcheck verify-certification",
            record.sequence,
            document::jurisdiction_line(record)
        ),
        modified: record
            .created_at_utc
            .format("D:%Y%m%d%H%M%S+00'00'")
            .to_string(),
    };
    pdf::render(fonts, &pages, &metadata(record, fingerprint), &attachment)
        .map_err(ReportError::Pdf)
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
