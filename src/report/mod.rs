//! The certification PDF, always made from a saved record, so any record prints again identically.

use crate::records::Record;

/// Why a certification could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Not built yet.
    #[error("the certification PDF is not available in this build")]
    Unavailable,
}

/// Renders the certification of a saved record. `fingerprint` is the record's
/// first 16 hex digits of its hash, printed on every page.
pub fn certification_pdf(record: &Record, fingerprint: &str) -> Result<Vec<u8>, ReportError> {
    let _ = (record, fingerprint);
    Err(ReportError::Unavailable)
}
