//! The office manager's review of a record: "Reviewed by NAME, TITLE on DATE", with an optional
//! note. A review is its own sealed entry in the records folder, appended to the chain like a
//! record, and names the record it reviews by number and hash — so the reviewed record's file,
//! and its certification, never change.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::model::{MAX_SEQUENCE, READABLE_SCHEMA_VERSIONS, SignedAt};

/// Who reviewed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Reviewer {
    /// Full name, e.g. "Ann Lee".
    pub name: String,
    /// Title, e.g. "Office Manager".
    pub title: String,
}

/// One review, as written to `records/NNNNNN.ron` (the next number in the chain).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// The record schema version it was written in.
    pub schema_version: u32,
    /// Its place in the chain (records and reviews share the numbering).
    pub sequence: u64,
    /// When it was made, UTC.
    pub created_at_utc: DateTime<Utc>,
    /// The reviewer's local offset from UTC then, in minutes.
    pub utc_offset_minutes: i32,
    /// clerkcheck's version.
    pub app_version: String,
    /// Who reviewed.
    pub reviewer: Reviewer,
    /// The number of the record reviewed.
    pub reviewed_sequence: u64,
    /// The SHA-256 of the record reviewed, as it was when reviewed.
    pub reviewed_sha256: String,
    /// The reviewer's note (may be empty).
    pub note: String,
    /// SHA-256 (hex) of the previous entry's content.
    pub previous_hash: String,
}

impl Review {
    /// When it was made, in the reviewer's local time.
    pub fn signed_at(&self) -> SignedAt {
        SignedAt::new(self.created_at_utc, self.utc_offset_minutes)
    }

    /// "Reviewed by Ann Lee, Office Manager on November 25, 2026" (with ": note" when there is
    /// one).
    pub fn line(&self) -> String {
        let mut line = format!(
            "Reviewed by {}{} on {}",
            self.reviewer.name,
            if self.reviewer.title.is_empty() {
                String::new()
            } else {
                format!(", {}", self.reviewer.title)
            },
            self.signed_at().date_words()
        );
        if !self.note.is_empty() {
            line.push_str(": ");
            line.push_str(&self.note);
        }
        line
    }

    /// Why this content cannot be a genuine review, if it cannot.
    pub fn implausible(&self) -> Option<String> {
        if !READABLE_SCHEMA_VERSIONS.contains(&self.schema_version) {
            return Some(format!(
                "it was written in record format {}, which this version of clerkcheck cannot \
                 read; use a newer clerkcheck",
                self.schema_version
            ));
        }
        for (what, n) in [
            ("number", self.sequence),
            ("reviewed record's number", self.reviewed_sequence),
        ] {
            if !(1..=MAX_SEQUENCE).contains(&n) {
                return Some(format!("its {what} {n} is outside 1 to {MAX_SEQUENCE}"));
            }
        }
        if self.reviewed_sequence >= self.sequence {
            return Some("it reviews a record that comes after it".to_owned());
        }
        if self.utc_offset_minutes.abs() > 18 * 60 {
            return Some(format!(
                "its time zone offset of {} minutes is not a real one",
                self.utc_offset_minutes
            ));
        }
        None
    }
}
