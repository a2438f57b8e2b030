//! The office's sign-offs as the calendar counts them, read from the records: only a record
//! that verifies as intact counts, on the clerk's local date when signing (the record's UTC time
//! and the offset saved with it), whatever the time zone of the computer that asks.

use serde::Serialize;

use super::due::SignOffDate;
use crate::records::chain::file_label;
use crate::records::{ChainReport, EntryKind, Integrity, Listing};

/// The office's sign-offs as the calendar counts them, and the records that do not count.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SignoffScan {
    /// The local date of every counted sign-off.
    pub signoffs: Vec<SignOffDate>,
    /// Records that are not counted, and why.
    pub not_counted: Vec<NotCounted>,
}

/// A record (or a place in the chain) that does not count as a sign-off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotCounted {
    /// The record's number, where known.
    pub record: Option<u64>,
    /// The file's name, where there is a file.
    pub file: Option<String>,
    /// The record's integrity: `altered`, `out-of-order`, `unreadable` or `missing`.
    pub integrity: Integrity,
    /// Why it does not count, in plain words.
    pub reason: String,
}

/// The sign-offs in a verified listing: each intact sign-off record on its local signing date;
/// everything that is not intact listed as not counted (reviews are not sign-offs and are left
/// out either way).
pub fn signoffs_in(listing: &Listing, report: &ChainReport) -> SignoffScan {
    let mut scan = SignoffScan::default();
    for entry in &report.entries {
        if entry.kind == EntryKind::Review {
            continue;
        }
        let stored = entry
            .path
            .as_ref()
            .and_then(|path| listing.records.iter().find(|r| &r.path == path));
        let reason = match (entry.integrity, stored) {
            (Integrity::Intact, Some(stored)) => {
                scan.signoffs.push(SignOffDate {
                    date: stored.record.signed_at().local_date(),
                    record_sequence: stored.record.sequence,
                });
                continue;
            }
            (Integrity::Intact, None) => continue,
            (Integrity::Altered, _) => {
                "it was altered after it was saved, so it does not count as a sign-off".to_owned()
            }
            (Integrity::Missing, _) => format!("{} Run clerkcheck verify.", entry.detail),
            (integrity, _) => format!(
                "it is {} ({}), so it does not count as a sign-off",
                integrity.word().to_lowercase(),
                entry.detail
            ),
        };
        scan.not_counted.push(NotCounted {
            record: entry.sequence,
            file: entry.path.as_deref().map(file_label),
            integrity: entry.integrity,
            reason,
        });
    }
    scan
}
