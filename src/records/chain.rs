//! Verifying the records folder: each record against its seal, and the chain that links each
//! record to the one before it (`previous_hash`). Altering, removing, inserting or swapping a
//! record breaks a link. Everything here is pure: a listing in, a report out.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::seal::{file_name_for, fingerprint_of, sequence_from_file_name};
use super::store::Listing;

mod heads;
use heads::{add_head_finding, check_head};

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

/// What an entry of the chain is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    /// A sign-off record.
    Record,
    /// An office manager's review of a record.
    Review,
    /// A file that could not be read, a missing number, or a head file.
    Other,
}

/// The verdict on one record file, or on a run of missing record numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryReport {
    /// A record, a review, or neither.
    pub kind: EntryKind,
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
    /// "record 7", "review 8", "records 5 to 9", or the file name.
    pub fn label(&self) -> String {
        match (self.sequence, self.through) {
            (Some(first), Some(last)) => format!("records {first} to {last}"),
            (Some(n), None) if self.kind == EntryKind::Review => format!("review {n}"),
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

/// One entry of the chain, a record or a review, as verification sees it.
#[derive(Debug, Clone, Copy)]
struct Link<'a> {
    kind: EntryKind,
    sequence: u64,
    path: &'a Path,
    sha256: &'a str,
    content_sha256: &'a str,
    previous_hash: &'a str,
    /// For a review: the record it reviews, and that record's hash when reviewed.
    reviews: Option<(u64, &'a str)>,
}

impl Link<'_> {
    fn is_altered(&self) -> bool {
        self.sha256 != self.content_sha256
    }

    fn fingerprint(&self) -> &str {
        fingerprint_of(self.sha256)
    }

    fn word(&self) -> &'static str {
        if self.kind == EntryKind::Review {
            "Review"
        } else {
            "Record"
        }
    }
}

/// Every record and review of a listing as links.
fn links(listing: &Listing) -> Vec<Link<'_>> {
    let records = listing.records.iter().map(|r| Link {
        kind: EntryKind::Record,
        sequence: r.record.sequence,
        path: &r.path,
        sha256: &r.sha256,
        content_sha256: &r.content_sha256,
        previous_hash: &r.record.previous_hash,
        reviews: None,
    });
    let reviews = listing.reviews.iter().map(|r| Link {
        kind: EntryKind::Review,
        sequence: r.review.sequence,
        path: &r.path,
        sha256: &r.sha256,
        content_sha256: &r.content_sha256,
        previous_hash: &r.review.previous_hash,
        reviews: Some((r.review.reviewed_sequence, &r.review.reviewed_sha256)),
    });
    records.chain(reviews).collect()
}

/// Verifies every record and review of a listing, the chain that links them, and the head files
/// that remember the newest entry.
///
/// Each entry is checked on its own (its bytes against its seal; its file name against its
/// number), then against its neighbour (its `previous_hash` against the hash of the entry
/// before it); a review also against the record it reviews. Numbers missing below the highest
/// readable entry are reported as runs, never one entry per number, so any folder content gives
/// a report of a size bounded by its files; numbers missing above it are found through the head
/// files.
pub fn verify(listing: &Listing) -> ChainReport {
    let links = links(listing);
    let mut by_sequence: BTreeMap<u64, Vec<EntryReport>> = BTreeMap::new();
    let mut unnumbered = Vec::new();

    // The entry that rightfully holds each number: unaltered and in the file named for it.
    let mut rightful: HashMap<u64, &Link<'_>> = HashMap::new();
    for link in &links {
        if !link.is_altered() && sequence_from_file_name(link.path) == Some(link.sequence) {
            rightful.entry(link.sequence).or_insert(link);
        }
    }
    let by_hash: HashMap<&str, &Link<'_>> = links.iter().map(|l| (l.sha256, l)).collect();

    for link in &links {
        let (integrity, detail) = judge(link, &rightful, &by_hash);
        by_sequence
            .entry(link.sequence)
            .or_default()
            .push(EntryReport {
                kind: link.kind,
                sequence: Some(link.sequence),
                through: None,
                path: Some(link.path.to_owned()),
                integrity,
                fingerprint: link.fingerprint().to_owned(),
                detail,
            });
    }
    for bad in &listing.unreadable {
        let entry = EntryReport {
            kind: EntryKind::Other,
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

    let newest_readable = links.iter().map(|l| l.sequence).max().unwrap_or(0);
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
        by_sequence.insert(first, vec![missing(first, last, detail)]);
    }
    let newest_numbered = by_sequence.keys().next_back().copied().unwrap_or(0);
    for seen in &listing.heads {
        if let Some(entry) = check_head(seen, newest_numbered, &rightful) {
            add_head_finding(entry, &mut by_sequence, &mut unnumbered);
        }
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

/// A run of missing numbers.
fn missing(first: u64, last: u64, detail: String) -> EntryReport {
    EntryReport {
        kind: EntryKind::Other,
        sequence: Some(first),
        through: (last != first).then_some(last),
        path: None,
        integrity: Integrity::Missing,
        fingerprint: String::new(),
        detail,
    }
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

/// The verdict on one readable record or review.
fn judge(
    link: &Link<'_>,
    rightful: &HashMap<u64, &Link<'_>>,
    by_hash: &HashMap<&str, &Link<'_>>,
) -> (Integrity, String) {
    let seq = link.sequence;
    let word = link.word();
    if link.is_altered() {
        return (
            Integrity::Altered,
            format!(
                "{word} {seq} was changed after it was signed: its content no longer matches its \
                 seal. Its fingerprint is {}; the content now gives {}.",
                link.fingerprint(),
                fingerprint_of(link.content_sha256)
            ),
        );
    }
    if let Some(misplaced) = judge_place(link, rightful) {
        return misplaced;
    }
    if seq == 1 {
        return if link.previous_hash.is_empty() {
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
        Some(prev) if prev.sha256 == link.previous_hash => (
            Integrity::Intact,
            format!(
                "Follows {} {} as it should.",
                prev.word().to_lowercase(),
                seq - 1
            ),
        ),
        Some(prev) => {
            let points_to = by_hash.get(link.previous_hash).map_or_else(
                || "a record that is not in the folder".to_owned(),
                |r| {
                    format!(
                        "{} ({} {})",
                        file_label(r.path),
                        r.word().to_lowercase(),
                        r.sequence
                    )
                },
            );
            (
                Integrity::OutOfOrder,
                format!(
                    "It should follow entry {} (fingerprint {}) but follows {points_to}: a \
                     record was inserted, replaced or re-sealed here.",
                    seq - 1,
                    prev.fingerprint()
                ),
            )
        }
        None => (
            Integrity::Intact,
            format!(
                "Its own content is intact; whether it follows entry {} cannot be checked \
                 because that entry is missing or damaged.",
                seq - 1
            ),
        ),
    }
}

/// The verdict on where an entry is: its file name, its number, and (for a review) the record
/// it reviews; `None` when all are right.
fn judge_place(link: &Link<'_>, rightful: &HashMap<u64, &Link<'_>>) -> Option<(Integrity, String)> {
    let seq = link.sequence;
    let word = link.word();
    let file = file_label(link.path);
    match sequence_from_file_name(link.path) {
        Some(n) if n == seq => {}
        Some(n) => {
            return Some((
                Integrity::OutOfOrder,
                format!(
                    "The file {file} should hold record {n} but holds {} {seq}: records were \
                     moved or swapped.",
                    word.to_lowercase()
                ),
            ));
        }
        None => {
            return Some((
                Integrity::OutOfOrder,
                format!(
                    "The file {file} holds {} {seq} but is not named {}: it is a copy, or a file \
                     added by hand.",
                    word.to_lowercase(),
                    file_name_for(seq)
                ),
            ));
        }
    }
    if rightful
        .get(&seq)
        .is_some_and(|r| !std::ptr::eq(r.path, link.path))
    {
        return Some((
            Integrity::OutOfOrder,
            format!("Another file also holds number {seq}."),
        ));
    }
    if let Some((reviewed, reviewed_sha256)) = link.reviews {
        let matches = rightful
            .get(&reviewed)
            .is_some_and(|r| r.kind == EntryKind::Record && r.sha256 == reviewed_sha256);
        if !matches {
            return Some((
                Integrity::OutOfOrder,
                format!(
                    "It reviews record {reviewed} as it was (fingerprint {}), but the folder's \
                     record {reviewed} is not that record.",
                    fingerprint_of(reviewed_sha256)
                ),
            ));
        }
    }
    None
}

/// The file name alone, for messages.
pub fn file_label(path: &Path) -> String {
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
