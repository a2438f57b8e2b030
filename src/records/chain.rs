//! Verifying the records folder: each record against its seal, and the chain that links each
//! record to the one before it (`previous_hash`). Altering, removing, inserting or swapping a
//! record breaks a link. Everything here is pure: a listing in, a report out.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::seal::{StoredRecord, file_name_for, fingerprint_of, sequence_from_file_name};
use super::store::Listing;

/// The integrity of one record (or of a place in the numbering where records should be).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Integrity {
    /// Its bytes match its seal and it links to the record before it.
    Intact,
    /// Its content no longer matches its seal: it was edited after it was signed.
    Altered,
    /// No file holds this number although later records exist: it was removed.
    Missing,
    /// In the wrong place: its file name does not match its number, another file holds the same
    /// number, or its link points to a record other than the one before it.
    OutOfOrder,
    /// The file could not be read as a record at all.
    Unreadable,
}

impl Integrity {
    /// The short word shown in lists, e.g. "Intact", "Altered".
    pub fn word(self) -> &'static str {
        match self {
            Self::Intact => "Intact",
            Self::Altered => "Altered",
            Self::Missing => "Missing",
            Self::OutOfOrder => "Out of order",
            Self::Unreadable => "Unreadable",
        }
    }

    /// A stable lowercase key for exports, e.g. `out-of-order`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Intact => "intact",
            Self::Altered => "altered",
            Self::Missing => "missing",
            Self::OutOfOrder => "out-of-order",
            Self::Unreadable => "unreadable",
        }
    }

    /// What the office manager should do about it, in plain words (empty when intact).
    pub fn advice(self) -> &'static str {
        match self {
            Self::Intact => "",
            Self::Altered => {
                "Compare it with the paper certification of the same number. Do not rely on \
                 this record until you know who changed it and why."
            }
            Self::Missing => {
                "Find the paper certification of that number. Ask whoever can reach the \
                 records folder whether a file was deleted or moved, and restore it from a \
                 backup if you have one."
            }
            Self::OutOfOrder => {
                "Records were moved, copied, swapped or added by hand. Compare the numbers and \
                 fingerprints with the paper certifications."
            }
            Self::Unreadable => {
                "The file is damaged or is not a clerkcheck record. Restore it from a backup, \
                 or move a file that does not belong out of the records folder."
            }
        }
    }
}

impl fmt::Display for Integrity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// The verdict on one record file, or on a run of missing record numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryReport {
    /// The record number: the record's own, the one its file name stands for, or the first of a
    /// run of missing numbers; `None` for an unreadable file whose name is not a number.
    pub sequence: Option<u64>,
    /// For a run of missing numbers, the last one (`None` for a single number).
    pub through: Option<u64>,
    /// The file; `None` for missing records.
    pub path: Option<PathBuf>,
    /// The verdict.
    pub integrity: Integrity,
    /// The fingerprint its seal claims (empty when there is none).
    pub fingerprint: String,
    /// What was found, in plain words.
    pub detail: String,
}

impl EntryReport {
    /// "record 7", "records 5 to 9", or the file name.
    pub fn label(&self) -> String {
        match (self.sequence, self.through) {
            (Some(first), Some(last)) => format!("records {first} to {last}"),
            (Some(n), None) => format!("record {n}"),
            (None, _) => self
                .path
                .as_deref()
                .map_or_else(|| "a file".to_owned(), file_label),
        }
    }

    /// How many record numbers this entry covers (a run of missing numbers counts each).
    pub fn width(&self) -> u64 {
        match (self.sequence, self.through) {
            (Some(first), Some(last)) => last.saturating_sub(first) + 1,
            _ => 1,
        }
    }
}

/// How many record numbers have each verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct IntegrityCounts {
    /// Intact records.
    pub intact: u64,
    /// Altered records.
    pub altered: u64,
    /// Missing record numbers.
    pub missing: u64,
    /// Records out of order.
    pub out_of_order: u64,
    /// Unreadable files.
    pub unreadable: u64,
}

/// The verification of the whole records folder.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ChainReport {
    /// One entry per record file and per run of missing numbers, by number; unreadable files
    /// without a number come last.
    pub entries: Vec<EntryReport>,
    /// How many record numbers have each verdict.
    pub counts: IntegrityCounts,
}

impl ChainReport {
    /// True when every record is intact (an empty folder is intact).
    pub fn is_intact(&self) -> bool {
        self.entries
            .iter()
            .all(|e| e.integrity == Integrity::Intact)
    }

    /// The verdict on a record file, by path.
    pub fn integrity_of(&self, path: &Path) -> Option<&EntryReport> {
        self.entries
            .iter()
            .find(|e| e.path.as_deref() == Some(path))
    }

    /// One line on the whole folder, e.g. "All 12 records are intact." or "Problems found:
    /// 10 intact, 1 altered, 1 missing."
    pub fn verdict(&self) -> String {
        let c = self.counts;
        if self.entries.is_empty() {
            return "No records yet.".to_owned();
        }
        if self.is_intact() {
            return if c.intact == 1 {
                "The one record is intact.".to_owned()
            } else {
                format!("All {} records are intact.", c.intact)
            };
        }
        let parts: Vec<String> = [
            (c.intact, "intact"),
            (c.altered, "altered"),
            (c.missing, "missing"),
            (c.out_of_order, "out of order"),
            (c.unreadable, "unreadable"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| format!("{n} {word}"))
        .collect();
        format!("Problems found: {}.", parts.join(", "))
    }
}

/// Verifies every record of a listing and the chain that links them.
///
/// Each record is checked on its own (its bytes against its seal; its file name against its
/// number), then against its neighbour (its `previous_hash` against the hash of the record
/// before it). Numbers missing below the highest readable record are reported as runs, never
/// one entry per number, so any folder content gives a report of a size bounded by its files.
pub fn verify(listing: &Listing) -> ChainReport {
    let mut by_sequence: BTreeMap<u64, Vec<EntryReport>> = BTreeMap::new();
    let mut unnumbered = Vec::new();

    // The record that rightfully holds each number: unaltered and in the file named for it.
    let mut rightful: HashMap<u64, &StoredRecord> = HashMap::new();
    for stored in &listing.records {
        let seq = stored.record.sequence;
        if !stored.is_altered() && sequence_from_file_name(&stored.path) == Some(seq) {
            rightful.entry(seq).or_insert(stored);
        }
    }
    let by_hash: HashMap<&str, &StoredRecord> = listing
        .records
        .iter()
        .map(|r| (r.sha256.as_str(), r))
        .collect();

    for stored in &listing.records {
        let seq = stored.record.sequence;
        let (integrity, detail) = judge(stored, &rightful, &by_hash);
        by_sequence.entry(seq).or_default().push(EntryReport {
            sequence: Some(seq),
            through: None,
            path: Some(stored.path.clone()),
            integrity,
            fingerprint: stored.fingerprint().to_owned(),
            detail,
        });
    }
    for bad in &listing.unreadable {
        let entry = EntryReport {
            sequence: sequence_from_file_name(&bad.path),
            through: None,
            path: Some(bad.path.clone()),
            integrity: Integrity::Unreadable,
            fingerprint: String::new(),
            detail: bad.reason.clone(),
        };
        match entry.sequence {
            Some(seq) => by_sequence.entry(seq).or_default().push(entry),
            None => unnumbered.push(entry),
        }
    }

    let newest_readable = listing
        .records
        .iter()
        .map(|r| r.record.sequence)
        .max()
        .unwrap_or(0);
    for (first, last) in gaps(by_sequence.keys().copied(), newest_readable) {
        let detail = if first == last {
            format!(
                "No file holds record {first} ({}), but later records exist: it was deleted or \
                 renamed.",
                file_name_for(first)
            )
        } else {
            format!(
                "No files hold records {first} to {last} ({} to {}), but later records exist: \
                 they were deleted or renamed.",
                file_name_for(first),
                file_name_for(last)
            )
        };
        by_sequence.insert(
            first,
            vec![EntryReport {
                sequence: Some(first),
                through: (last != first).then_some(last),
                path: None,
                integrity: Integrity::Missing,
                fingerprint: String::new(),
                detail,
            }],
        );
    }

    let mut report = ChainReport::default();
    for entry in by_sequence.into_values().flatten().chain(unnumbered) {
        let c = &mut report.counts;
        let width = entry.width();
        match entry.integrity {
            Integrity::Intact => c.intact += width,
            Integrity::Altered => c.altered += width,
            Integrity::Missing => c.missing += width,
            Integrity::OutOfOrder => c.out_of_order += width,
            Integrity::Unreadable => c.unreadable += width,
        }
        report.entries.push(entry);
    }
    report
}

/// The runs of numbers from 1 to `newest` that are not among `present` (sorted ascending), as
/// `(first, last)` pairs.
fn gaps(present: impl Iterator<Item = u64>, newest: u64) -> Vec<(u64, u64)> {
    let mut runs = Vec::new();
    let mut next = 1;
    for n in present {
        if n > newest {
            break;
        }
        if n > next {
            runs.push((next, n - 1));
        }
        next = next.max(n.saturating_add(1));
    }
    if next <= newest {
        runs.push((next, newest));
    }
    runs
}

/// The verdict on one readable record.
fn judge(
    stored: &StoredRecord,
    rightful: &HashMap<u64, &StoredRecord>,
    by_hash: &HashMap<&str, &StoredRecord>,
) -> (Integrity, String) {
    let seq = stored.record.sequence;
    if stored.is_altered() {
        return (
            Integrity::Altered,
            format!(
                "Record {seq} was changed after it was signed: its content no longer matches its \
                 seal. Its certification's fingerprint is {}; the content now gives {}.",
                stored.fingerprint(),
                fingerprint_of(&stored.content_sha256)
            ),
        );
    }
    let file = file_label(&stored.path);
    match sequence_from_file_name(&stored.path) {
        Some(n) if n == seq => {}
        Some(n) => {
            return (
                Integrity::OutOfOrder,
                format!(
                    "The file {file} should hold record {n} but holds record {seq}: records were \
                     moved or swapped."
                ),
            );
        }
        None => {
            return (
                Integrity::OutOfOrder,
                format!(
                    "The file {file} holds record {seq} but is not named {}: it is a copy, or a \
                     file added by hand.",
                    file_name_for(seq)
                ),
            );
        }
    }
    if rightful
        .get(&seq)
        .is_some_and(|r| !std::ptr::eq(*r, stored))
    {
        return (
            Integrity::OutOfOrder,
            format!("Another file also holds record {seq}."),
        );
    }
    if seq == 1 {
        return if stored.record.previous_hash.is_empty() {
            (Integrity::Intact, "The first record.".to_owned())
        } else {
            (
                Integrity::OutOfOrder,
                "It is numbered 1 but follows an earlier record: records before it were removed \
                 and the rest renumbered."
                    .to_owned(),
            )
        };
    }
    match rightful.get(&(seq - 1)) {
        Some(prev) if prev.sha256 == stored.record.previous_hash => (
            Integrity::Intact,
            format!("Follows record {} as it should.", seq - 1),
        ),
        Some(prev) => {
            let points_to = by_hash
                .get(stored.record.previous_hash.as_str())
                .map_or_else(
                    || "a record that is not in the folder".to_owned(),
                    |r| format!("{} (record {})", file_label(&r.path), r.record.sequence),
                );
            (
                Integrity::OutOfOrder,
                format!(
                    "It should follow record {} (fingerprint {}) but follows {points_to}: a \
                     record was inserted, replaced or re-sealed here.",
                    seq - 1,
                    prev.fingerprint()
                ),
            )
        }
        None => (
            Integrity::Intact,
            format!(
                "Its own content is intact; whether it follows record {} cannot be checked \
                 because that record is missing or damaged.",
                seq - 1
            ),
        ),
    }
}

/// The file name alone, for messages.
pub(crate) fn file_label(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_are_runs_not_one_entry_per_number() {
        assert_eq!(gaps([1, 2, 3].into_iter(), 3), []);
        assert_eq!(gaps([2, 3].into_iter(), 3), [(1, 1)]);
        assert_eq!(gaps([1, 5, 9].into_iter(), 9), [(2, 4), (6, 8)]);
        assert_eq!(gaps([1, 999_999].into_iter(), 999_999), [(2, 999_998)]);
        // Numbers above the newest readable record make no gap.
        assert_eq!(gaps([1, 2, 900_000].into_iter(), 2), []);
        assert_eq!(gaps(std::iter::empty(), 0), []);
        assert_eq!(gaps([u64::MAX].into_iter(), 3), [(1, 3)]);
    }
}
