//! The record of one sign-off, and the clerk's answers it is built from.

use serde::{Deserialize, Serialize};

use crate::checks::{CheckId, Verdict};

/// The record schema version this program writes.
pub const RECORD_SCHEMA_VERSION: u32 = 1;

/// Municipality or county.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum JurisdictionKind {
    /// A town, village or city.
    #[default]
    Municipality,
    /// A county.
    County,
}

/// Who signed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Signer {
    /// Full name as typed to sign, e.g. "José Núñez-Øberg".
    pub name: String,
    /// Title, e.g. "Municipal Clerk".
    pub title: String,
    /// Municipality or county.
    pub jurisdiction_kind: JurisdictionKind,
    /// The jurisdiction's name, e.g. "Town of Dunn".
    pub jurisdiction: String,
    /// The county, e.g. "Dane County".
    pub county: String,
}

/// The computer the checks ran on.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Computer {
    /// Host name.
    pub host_name: String,
    /// OS name, e.g. "Windows 11 Pro".
    pub os_name: String,
    /// OS version, e.g. "24H2 (26100.2314)".
    pub os_version: String,
}

/// A checklist the record attests to, pinned to the exact text that was shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttestedChecklist {
    /// Checklist id.
    pub id: String,
    /// Title as shown.
    pub title: String,
    /// The checklist's version.
    pub version: String,
    /// SHA-256 of its source text.
    pub sha256: String,
    /// True for an office's own checklist (shown in its own, labelled part).
    pub office: bool,
}

/// What the clerk answered for a manual item (or an automatic one attested by hand).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ManualAnswer {
    /// The office does this.
    Done,
    /// The office does not do this (yet).
    NotDone,
}

/// The state of one item in a signed record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemStatus {
    /// Manual item the clerk ticked as done.
    Done,
    /// Manual item the clerk left not done.
    NotDone,
    /// Automatic item with the check's verdict.
    Checked(Verdict),
    /// Automatic item whose check came back Unknown, attested by hand (the note says how).
    AttestedByHand,
    /// Marked not applicable; the reason is in `na_reason`.
    NotApplicable,
}

/// One item as signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordItem {
    /// Checklist id.
    pub checklist_id: String,
    /// Section title as shown.
    pub section: String,
    /// Item id.
    pub item_id: String,
    /// The item text as shown.
    pub text: String,
    /// The check that verifies it, for automatic items.
    pub check: Option<CheckId>,
    /// The answer or verdict.
    pub status: ItemStatus,
    /// Evidence in plain words (automatic items).
    pub evidence: String,
    /// Raw probe output (automatic items), kept for the record.
    pub raw_evidence: String,
    /// The clerk's note.
    pub note: String,
    /// Why the item does not apply (required for `NotApplicable`).
    pub na_reason: String,
}

/// Counts for the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counts {
    /// Manual items done, plus automatic items attested by hand.
    pub done: u32,
    /// Manual items not done.
    pub not_done: u32,
    /// Automatic items that passed.
    pub passed: u32,
    /// Automatic items with a warning.
    pub warned: u32,
    /// Automatic items that failed.
    pub failed: u32,
    /// Automatic items whose result is unknown (and not attested by hand).
    pub unknown: u32,
    /// Items marked not applicable.
    pub not_applicable: u32,
}

/// One signed-off record, as written to `records/NNNNNN.ron`.
///
/// The file holds this struct as RON, followed by a trailer line with the SHA-256 of the bytes
/// before it (see `integrity`); `previous_hash` links it to the record before (a hash chain).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The record schema version it was written in.
    pub schema_version: u32,
    /// 1 for the first record in the folder, then one more each time.
    pub sequence: u64,
    /// When it was signed, UTC, RFC 3339 (e.g. `2026-11-24T15:04:05Z`).
    pub created_at_utc: String,
    /// The signer's local offset from UTC at that moment, in minutes (e.g. -360 for CST).
    pub utc_offset_minutes: i32,
    /// clerkcheck's version.
    pub app_version: String,
    /// The computer checked.
    pub computer: Computer,
    /// Who signed.
    pub signer: Signer,
    /// The certification statement the signer attested to, word for word.
    pub statement: String,
    /// The checklists attested.
    pub checklists: Vec<AttestedChecklist>,
    /// Every item, as shown and answered.
    pub items: Vec<RecordItem>,
    /// The summary counts.
    pub counts: Counts,
    /// SHA-256 (hex) of the previous record's content; empty for the first record.
    pub previous_hash: String,
}
