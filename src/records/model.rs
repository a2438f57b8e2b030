//! The record of one sign-off: who signed, when, on which computer, and every item as shown and
//! answered. The serialized shape is the record file format (see `seal`): fields are only ever
//! added, with defaults, so records written by older versions keep reading and verifying.

use chrono::{DateTime, FixedOffset, NaiveDate, Offset as _, Utc};
use serde::{Deserialize, Serialize};

use super::status::{Counts, ItemStatus};
use crate::checks::{CheckId, Verdict};

/// The record schema version this program writes.
///
/// - 1: the first.
/// - 2: unanswered manual items are `NotAnswered` (not `NotDone`); items keep their check's
///   verdict; counts gained `not_answered` and `checked_by_hand`; the statement says how many
///   items were not answered.
pub const RECORD_SCHEMA_VERSION: u32 = 2;

/// The record schema versions this program reads.
pub const READABLE_SCHEMA_VERSIONS: std::ops::RangeInclusive<u32> = 1..=RECORD_SCHEMA_VERSION;

/// The highest record number. Far beyond any office's needs (one sign-off a day for 2,700
/// years); it keeps arithmetic on numbers from ever overflowing, whatever a file claims.
pub const MAX_SEQUENCE: u64 = 999_999;

/// Longest name, title, jurisdiction or county, in characters.
pub const MAX_NAME_CHARS: usize = 120;

/// Longest note or not-applicable reason, in characters.
pub const MAX_NOTE_CHARS: usize = 2_000;

/// Municipality or county.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum JurisdictionKind {
    /// A city, village or town.
    #[default]
    Municipality,
    /// A county.
    County,
}

impl JurisdictionKind {
    /// A stable lowercase key for exports: `municipality` or `county`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Municipality => "municipality",
            Self::County => "county",
        }
    }
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

impl Signer {
    /// The jurisdiction as written everywhere (screen, History, PDF), e.g. "Town of Dunn, Dane
    /// County" for a municipality, "Dane County" for a county. The county is not repeated when
    /// the name already contains it.
    pub fn jurisdiction_line(&self) -> String {
        let name = self.jurisdiction.trim();
        let county = self.county.trim();
        if self.jurisdiction_kind == JurisdictionKind::Municipality
            && !county.is_empty()
            && !name.is_empty()
            && !name.contains(county)
        {
            format!("{name}, {county}")
        } else if name.is_empty() {
            county.to_owned()
        } else {
            name.to_owned()
        }
    }
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

impl Computer {
    /// One line, e.g. "CLERK-PC, Windows 11 Pro 24H2"; the OS version is left out when the OS
    /// name already contains it.
    pub fn line(&self) -> String {
        let os = if self.os_version.is_empty() || self.os_name.contains(&self.os_version) {
            self.os_name.clone()
        } else {
            format!("{} {}", self.os_name, self.os_version)
        };
        format!("{}, {os}", self.host_name)
    }
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
    /// The check that verifies it (or helps the clerk answer it), for automatic items.
    pub check: Option<CheckId>,
    /// Where it stands.
    pub status: ItemStatus,
    /// The check's verdict, for items a check looked at (schema 2; for schema 1 records it is in
    /// `status`).
    #[serde(default)]
    pub verdict: Option<Verdict>,
    /// Evidence in plain words (automatic items).
    pub evidence: String,
    /// Raw probe output (automatic items), kept for the record; capped in size.
    pub raw_evidence: String,
    /// The clerk's note.
    pub note: String,
    /// Why the item does not apply (required for `NotApplicable`).
    pub na_reason: String,
}

/// One signed-off record, as written to `records/NNNNNN.ron`.
///
/// The file holds this struct as RON, followed by a trailer line with the SHA-256 of the bytes
/// before it (see `seal`); `previous_hash` links it to the record before (a hash chain).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The record schema version it was written in.
    pub schema_version: u32,
    /// 1 for the first record in the folder, then one more each time.
    pub sequence: u64,
    /// When it was signed, UTC, written as RFC 3339 (e.g. `2026-11-24T15:04:05Z`).
    pub created_at_utc: DateTime<Utc>,
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
    /// The summary counts as written when signing (see [`Record::counts`]).
    pub counts: Counts,
    /// SHA-256 (hex) of the previous entry's content (a record or a review); empty for the
    /// first.
    pub previous_hash: String,
    /// The sign-off record before this one (reviews in between skipped), printed on the
    /// certification as "Follows record No. N" so the commission's paper copies form a chain of
    /// their own. `None` for the first record, and in records written before schema 2.
    #[serde(default)]
    pub previous_record: Option<PreviousRecord>,
    /// The election this sign-off was made before (the first election day on or after the
    /// signing date whose sign-off window held it), named on the certification; `None` when it
    /// was made in no election's window, and in records written before schema 2.
    #[serde(default)]
    pub election: Option<ElectionRef>,
}

/// An election as a record names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElectionRef {
    /// Its name, e.g. "Spring election".
    pub name: String,
    /// Its day.
    pub date: NaiveDate,
}

impl ElectionRef {
    /// "Spring election, April 6, 2027".
    pub fn line(&self) -> String {
        format!("{}, {}", self.name, self.date.format("%B %-d, %Y"))
    }
}

/// The sign-off record before a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousRecord {
    /// Its number.
    pub sequence: u64,
    /// Its SHA-256.
    pub sha256: String,
}

impl Record {
    /// The sign-off record this one follows (reviews in between skipped): its number and hash;
    /// `None` for an office's first record. Records of schema 1 (before reviews existed) follow
    /// the entry before them.
    pub fn previous_signoff(&self) -> Option<(u64, &str)> {
        match &self.previous_record {
            Some(previous) => Some((previous.sequence, previous.sha256.as_str())),
            None if self.schema_version == 1 && !self.previous_hash.trim().is_empty() => {
                Some((self.sequence.saturating_sub(1), self.previous_hash.trim()))
            }
            None => None,
        }
    }

    /// When it was signed, in the signer's local time.
    pub fn signed_at(&self) -> SignedAt {
        SignedAt::new(self.created_at_utc, self.utc_offset_minutes)
    }

    /// The counts, computed from the items (the same as the stored counts for a record written
    /// by this version; for older records the stored counts lack the newer statuses).
    pub fn counts(&self) -> Counts {
        Counts::of(self.items.iter().map(|i| i.status))
    }

    /// Why this record's content cannot be a genuine record, if it cannot: a number or offset
    /// out of range, or an unknown schema. Checked whenever a record file is read.
    pub fn implausible(&self) -> Option<String> {
        if !READABLE_SCHEMA_VERSIONS.contains(&self.schema_version) {
            return Some(format!(
                "it was written in record format {}, which this version of clerkcheck cannot \
                 read; use a newer clerkcheck",
                self.schema_version
            ));
        }
        if !(1..=MAX_SEQUENCE).contains(&self.sequence) {
            return Some(format!(
                "its record number {} is outside 1 to {MAX_SEQUENCE}",
                self.sequence
            ));
        }
        if FixedOffset::east_opt(self.utc_offset_minutes.saturating_mul(60)).is_none()
            || self.utc_offset_minutes.abs() > 18 * 60
        {
            return Some(format!(
                "its time zone offset of {} minutes is not a real one",
                self.utc_offset_minutes
            ));
        }
        None
    }
}

/// A signing moment: the instant, and the signer's offset from UTC then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignedAt {
    utc: DateTime<Utc>,
    offset: FixedOffset,
}

impl SignedAt {
    /// The moment `utc`, seen at `offset_minutes` from UTC (UTC itself if the offset is not a
    /// real one; records with such offsets are refused when read).
    pub fn new(utc: DateTime<Utc>, offset_minutes: i32) -> Self {
        let offset =
            FixedOffset::east_opt(offset_minutes.saturating_mul(60)).unwrap_or_else(|| Utc.fix());
        Self { utc, offset }
    }

    /// The instant in UTC.
    pub fn utc(self) -> DateTime<Utc> {
        self.utc
    }

    /// The signer's local time.
    pub fn local(self) -> DateTime<FixedOffset> {
        self.utc.with_timezone(&self.offset)
    }

    /// The signer's local date.
    pub fn local_date(self) -> NaiveDate {
        self.local().date_naive()
    }

    /// The offset from UTC in minutes.
    pub fn offset_minutes(self) -> i32 {
        self.offset.local_minus_utc() / 60
    }

    /// The local date in words, e.g. "March 1, 2026".
    pub fn date_words(self) -> String {
        self.local().format("%B %-d, %Y").to_string()
    }

    /// The local date and time in words with the offset, e.g. "Tuesday, November 24, 2026,
    /// 9:04 AM (UTC−06:00)".
    pub fn long_words(self) -> String {
        format!(
            "{} ({})",
            self.local().format("%A, %B %-d, %Y, %-I:%M %p"),
            self.offset_words()
        )
    }

    /// The local date and time, short and sortable, e.g. `2026-11-24 09:04 -06:00`.
    pub fn short(self) -> String {
        self.local().format("%Y-%m-%d %H:%M %:z").to_string()
    }

    /// The offset as `UTC−06:00` (with a real minus sign).
    pub fn offset_words(self) -> String {
        let minutes = self.offset_minutes();
        let sign = if minutes < 0 { '−' } else { '+' };
        let abs = minutes.unsigned_abs();
        format!("UTC{sign}{:02}:{:02}", abs / 60, abs % 60)
    }

    /// The UTC instant as stored, e.g. `2026-11-24T15:04:05Z`.
    pub fn utc_text(self) -> String {
        self.utc.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(utc: &str, offset: i32) -> SignedAt {
        SignedAt::new(utc.parse().unwrap(), offset)
    }

    #[test]
    fn signed_at_is_read_in_the_signers_offset_whatever_the_machine_zone() {
        // 03:00 UTC on March 2 is still March 1 at -06:00.
        let t = at("2026-03-02T03:00:00Z", -360);
        assert_eq!(t.date_words(), "March 1, 2026");
        assert_eq!(t.short(), "2026-03-01 21:00 -06:00");
        assert_eq!(t.long_words(), "Sunday, March 1, 2026, 9:00 PM (UTC−06:00)");
        assert_eq!(t.utc_text(), "2026-03-02T03:00:00Z");
        let kiritimati = at("2026-03-02T03:00:00Z", 14 * 60);
        assert_eq!(kiritimati.local_date().to_string(), "2026-03-02");
    }

    #[test]
    fn jurisdiction_line_is_written_one_way() {
        let mut s = Signer {
            jurisdiction: "Town of Dunn".into(),
            county: "Dane County".into(),
            ..Signer::default()
        };
        assert_eq!(s.jurisdiction_line(), "Town of Dunn, Dane County");
        s.jurisdiction = "Town of Dunn (Dane County)".into();
        assert_eq!(s.jurisdiction_line(), "Town of Dunn (Dane County)");
        s.jurisdiction_kind = JurisdictionKind::County;
        s.jurisdiction = "Dane County".into();
        assert_eq!(s.jurisdiction_line(), "Dane County");
    }

    #[test]
    fn computer_line_names_the_os_once() {
        let c = Computer {
            host_name: "CLERK-PC".into(),
            os_name: "Windows 11 Pro".into(),
            os_version: "24H2".into(),
        };
        assert_eq!(c.line(), "CLERK-PC, Windows 11 Pro 24H2");
        let linux = Computer {
            host_name: "pc".into(),
            os_name: "Debian GNU/Linux 12 (bookworm)".into(),
            os_version: "12".into(),
        };
        assert_eq!(linux.line(), "pc, Debian GNU/Linux 12 (bookworm)");
    }
}
