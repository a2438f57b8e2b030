//! What the head files (the folder's own and the copy in the settings folder) say against the
//! folder: the newest records deleted, or the newest record replaced.

use std::collections::{BTreeMap, HashMap};

use super::{EntryKind, EntryReport, Integrity, Link, missing};
use crate::records::head::HeadSeen;

/// What a head file says against what the folder holds: `None` when they agree.
pub(super) fn check_head(
    seen: &HeadSeen,
    newest_numbered: u64,
    rightful: &HashMap<u64, &Link<'_>>,
) -> Option<EntryReport> {
    let where_ = seen.path.display();
    let head = match &seen.head {
        Ok(head) => head,
        Err(reason) => {
            return Some(EntryReport {
                kind: EntryKind::Other,
                sequence: None,
                through: None,
                path: Some(seen.path.clone()),
                integrity: Integrity::Unreadable,
                fingerprint: String::new(),
                detail: format!(
                    "The file that remembers the newest record ({where_}) cannot be read: \
                     {reason}."
                ),
            });
        }
    };
    if head.sequence > newest_numbered {
        let first = newest_numbered + 1;
        let which = if first == head.sequence {
            format!("record {first}")
        } else {
            format!("records {first} to {}", head.sequence)
        };
        return Some(missing(
            first,
            head.sequence,
            format!(
                "Record {} (fingerprint {}) was the newest record saved, as {where_} remembers, \
                 but no file holds {which}: the newest records were deleted.",
                head.sequence,
                head.fingerprint()
            ),
        ));
    }
    match rightful.get(&head.sequence) {
        Some(link) if link.sha256 != head.sha256 => Some(EntryReport {
            kind: link.kind,
            sequence: Some(head.sequence),
            through: None,
            path: Some(link.path.to_owned()),
            integrity: Integrity::OutOfOrder,
            fingerprint: link.fingerprint().to_owned(),
            detail: format!(
                "Record {} was saved with fingerprint {}, as {where_} remembers, but the folder's \
                 record {} has fingerprint {}: it was replaced.",
                head.sequence,
                head.fingerprint(),
                head.sequence,
                link.fingerprint()
            ),
        }),
        _ => None,
    }
}

/// Adds what a head file says: a file (or a missing run) that already has its entry gets the
/// head's finding on that entry, so a replaced record is no longer "intact", and what both head
/// copies say is counted once.
pub(super) fn add_head_finding(
    entry: EntryReport,
    by_sequence: &mut BTreeMap<u64, Vec<EntryReport>>,
    unnumbered: &mut Vec<EntryReport>,
) {
    let Some(first) = entry.sequence else {
        unnumbered.push(entry);
        return;
    };
    let slot = by_sequence.entry(first).or_default();
    let same = |e: &EntryReport| match (&e.path, &entry.path) {
        (Some(a), Some(b)) => a == b,
        (None, None) => e.integrity == entry.integrity && e.through == entry.through,
        _ => false,
    };
    match slot.iter_mut().find(|e| same(e)) {
        Some(existing) if existing.integrity == Integrity::Intact => {
            existing.integrity = entry.integrity;
            existing.detail = entry.detail;
        }
        Some(existing) => {
            if existing.integrity != entry.integrity && !existing.detail.contains(&entry.detail) {
                existing.detail = format!("{} {}", existing.detail, entry.detail);
            }
        }
        None => slot.push(entry),
    }
}
