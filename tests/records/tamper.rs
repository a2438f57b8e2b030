//! Every tamper case is detected by verification, naming the record and what happened to it.

use std::path::PathBuf;

use super::support::{sample_record, store_with};
use clerkcheck::records::seal::seal;
use clerkcheck::records::{ChainReport, Integrity, RecordStore, verify};

fn file(store: &RecordStore, seq: u64) -> PathBuf {
    store.dir().join(format!("{seq:06}.ron"))
}

/// (sequence, integrity) of every entry, in report order.
fn states(report: &ChainReport) -> Vec<(Option<u64>, Integrity)> {
    report
        .entries
        .iter()
        .map(|e| (e.sequence, e.integrity))
        .collect()
}

fn intact(seqs: std::ops::RangeInclusive<u64>) -> Vec<(Option<u64>, Integrity)> {
    seqs.map(|s| (Some(s), Integrity::Intact)).collect()
}

#[test]
fn untouched_chain_is_intact() {
    let (_dir, store) = store_with(5);
    let report = verify(&store.list());
    assert_eq!(states(&report), intact(1..=5));
    assert!(report.is_intact());
    assert_eq!(report.verdict(), "All 5 records are intact.");
}

#[test]
fn one_byte_changed_in_a_record_is_altered() {
    let (_dir, store) = store_with(5);
    let path = file(&store, 3);
    let mut bytes = fs_err::read(&path).unwrap();
    let at = bytes.windows(4).position(|w| w == b"Dunn").unwrap();
    bytes[at + 3] = b'm'; // "Town of Dunn" -> "Town of Dunm"
    super::support::overwrite(&path, &bytes);

    let listing = store.list();
    assert_eq!(listing.records.len(), 5, "an altered record still loads");
    let report = verify(&listing);
    let mut expected = intact(1..=5);
    expected[2].1 = Integrity::Altered;
    // Record 4 links to record 3's original hash, which no intact record has now: its link
    // cannot be checked, so it stays intact on its own; the chain is broken by record 3.
    assert_eq!(states(&report), expected);
    assert!(!report.is_intact());
    assert_eq!(report.counts.altered, 1);
    assert!(
        report.entries[2]
            .detail
            .contains("changed after it was signed"),
        "{}",
        report.entries[2].detail
    );
    assert!(
        report
            .verdict()
            .starts_with("Problems found: 4 intact, 1 altered")
    );
}

#[test]
fn one_byte_changed_in_the_trailer_is_altered() {
    let (_dir, store) = store_with(3);
    let path = file(&store, 2);
    let mut bytes = fs_err::read(&path).unwrap();
    let last = bytes.len() - 2; // the last hex digit
    bytes[last] = if bytes[last] == b'0' { b'1' } else { b'0' };
    super::support::overwrite(&path, &bytes);
    let report = verify(&store.list());
    assert_eq!(report.entries[1].integrity, Integrity::Altered);
    assert!(!report.is_intact());
}

#[test]
fn one_byte_changed_that_breaks_the_syntax_is_reported() {
    let (_dir, store) = store_with(3);
    let path = file(&store, 2);
    let mut bytes = fs_err::read(&path).unwrap();
    let at = bytes.iter().position(|&b| b == b'(').unwrap();
    bytes[at] = b'[';
    super::support::overwrite(&path, &bytes);
    let listing = store.list();
    assert_eq!(listing.records.len(), 2);
    assert!(
        listing.unreadable[0]
            .reason
            .starts_with("it was changed after it was saved"),
        "{:?}",
        listing.unreadable
    );
    let report = verify(&listing);
    assert_eq!(report.entries[1].integrity, Integrity::Unreadable);
    assert_eq!(report.entries[1].sequence, Some(2));
    assert!(!report.is_intact());
}

#[test]
fn a_deleted_record_is_missing() {
    let (_dir, store) = store_with(5);
    fs_err::remove_file(file(&store, 3)).unwrap();
    let report = verify(&store.list());
    let mut expected = intact(1..=5);
    expected[2].1 = Integrity::Missing;
    assert_eq!(states(&report), expected);
    assert!(report.entries[2].path.is_none());
    assert!(report.entries[2].detail.contains("deleted"));
    assert!(!report.is_intact());
}

#[test]
fn a_deleted_first_record_is_missing() {
    let (_dir, store) = store_with(3);
    fs_err::remove_file(file(&store, 1)).unwrap();
    let report = verify(&store.list());
    assert_eq!(report.entries[0].integrity, Integrity::Missing);
    assert!(!report.is_intact());
}

#[test]
fn deleting_the_first_records_and_renumbering_the_rest_is_out_of_order() {
    // Delete record 1 and rename 2 -> 1, 3 -> 2: the names match nothing inside the files.
    let (_dir, store) = store_with(3);
    fs_err::remove_file(file(&store, 1)).unwrap();
    fs_err::rename(file(&store, 2), file(&store, 1)).unwrap();
    fs_err::rename(file(&store, 3), file(&store, 2)).unwrap();
    let report = verify(&store.list());
    assert_eq!(
        states(&report),
        [
            (Some(1), Integrity::Missing),
            (Some(2), Integrity::OutOfOrder),
            (Some(3), Integrity::OutOfOrder),
        ],
        "{report:#?}"
    );
}

#[test]
fn two_swapped_records_are_out_of_order() {
    let (_dir, store) = store_with(5);
    let (a, b) = (file(&store, 2), file(&store, 3));
    let tmp = store.dir().join("swap");
    fs_err::rename(&a, &tmp).unwrap();
    fs_err::rename(&b, &a).unwrap();
    fs_err::rename(&tmp, &b).unwrap();
    let report = verify(&store.list());
    let mut expected = intact(1..=5);
    expected[1].1 = Integrity::OutOfOrder;
    expected[2].1 = Integrity::OutOfOrder;
    assert_eq!(states(&report), expected);
    assert!(
        report.entries[1].detail.contains("should hold record 3"),
        "{}",
        report.entries[1].detail
    );
}

#[test]
fn two_swapped_and_resealed_records_are_out_of_order() {
    // A careful forger swaps the contents of records 2 and 3, fixes their numbers and recomputes
    // their trailers. Each file is self-consistent, but the links no longer fit.
    let (_dir, store) = store_with(5);
    let listing = store.list();
    let mut two = listing.records[1].record.clone();
    let mut three = listing.records[2].record.clone();
    std::mem::swap(&mut two.sequence, &mut three.sequence);
    std::mem::swap(&mut two.previous_hash, &mut three.previous_hash);
    super::support::overwrite(file(&store, 2), seal(&three).unwrap().bytes);
    super::support::overwrite(file(&store, 3), seal(&two).unwrap().bytes);
    let report = verify(&store.list());
    assert!(!report.is_intact());
    assert_eq!(report.entries[0].integrity, Integrity::Intact);
    // Record 2 (now the old 3) links to the old 2's hash, which is gone; 3 and 4 link wrongly.
    assert!(report.counts.out_of_order >= 2, "{report:#?}");
}

#[test]
fn an_inserted_record_is_out_of_order() {
    // A forged record 3, sealed and linked to record 2, with the old 3..5 renamed to 4..6.
    let (_dir, store) = store_with(5);
    let listing = store.list();
    for seq in (3..=5).rev() {
        fs_err::rename(file(&store, seq), file(&store, seq + 1)).unwrap();
    }
    let mut forged = sample_record("Forger", None);
    forged.sequence = 3;
    forged.previous_hash = listing.records[1].sha256.clone();
    super::support::overwrite(file(&store, 3), seal(&forged).unwrap().bytes);

    let report = verify(&store.list());
    let got = states(&report);
    assert_eq!(
        got[..3],
        intact(1..=3)[..],
        "the forgery itself looks fine on its own"
    );
    // The old records 3..5 sit under names that do not match their numbers.
    assert_eq!(report.counts.out_of_order, 3, "{report:#?}");
    assert!(!report.is_intact());
}

#[test]
fn an_inserted_copy_under_another_name_is_out_of_order() {
    let (_dir, store) = store_with(3);
    let listing = store.list();
    let mut forged = sample_record("Forger", None);
    forged.sequence = 2;
    forged.previous_hash = listing.records[0].sha256.clone();
    super::support::overwrite(
        store.dir().join("000002 (copy).ron"),
        seal(&forged).unwrap().bytes,
    );
    let report = verify(&store.list());
    assert_eq!(report.counts.intact, 3);
    assert_eq!(report.counts.out_of_order, 1);
    let bad = report
        .entries
        .iter()
        .find(|e| e.integrity == Integrity::OutOfOrder)
        .unwrap();
    assert!(
        bad.detail.contains("is not named 000002.ron"),
        "{}",
        bad.detail
    );
}

#[test]
fn a_truncated_file_is_unreadable_and_not_also_missing() {
    let (_dir, store) = store_with(4);
    let path = file(&store, 2);
    let bytes = fs_err::read(&path).unwrap();
    super::support::overwrite(&path, &bytes[..bytes.len() / 3]);
    let listing = store.list();
    assert_eq!(listing.records.len(), 3, "the other records still load");
    let report = verify(&listing);
    let mut expected = intact(1..=4);
    expected[1].1 = Integrity::Unreadable;
    assert_eq!(states(&report), expected);
    assert!(
        report.entries[1].detail.contains("cut short"),
        "{}",
        report.entries[1].detail
    );
}

#[test]
fn a_foreign_file_dropped_in_is_unreadable() {
    let (_dir, store) = store_with(3);
    super::support::overwrite(store.dir().join("budget.xlsx"), b"PK\x03\x04 not a record");
    super::support::overwrite(store.dir().join("000004.ron"), "Record(sequence: 4)\n");
    let listing = store.list();
    assert_eq!(listing.records.len(), 3);
    assert_eq!(listing.unreadable.len(), 2);
    let report = verify(&listing);
    assert_eq!(report.counts.intact, 3);
    assert_eq!(report.counts.unreadable, 2);
    assert!(!report.is_intact());
    let numbered = report
        .entries
        .iter()
        .find(|e| e.sequence == Some(4))
        .unwrap();
    assert_eq!(numbered.integrity, Integrity::Unreadable);
    let other = report.entries.last().unwrap();
    assert_eq!(other.sequence, None);
    assert!(other.path.as_ref().unwrap().ends_with("budget.xlsx"));
}

#[test]
fn a_rewritten_chain_is_caught_by_the_head_and_otherwise_only_by_the_paper_copies() {
    // Someone with write access re-seals every record from 2 on. The head file, which remembers
    // the newest record's hash, catches it; someone who rewrites the head file too is caught
    // only by the fingerprints printed on the certifications.
    let (_dir, store) = store_with(4);
    let original = store.list();
    let mut previous = original.records[0].sha256.clone();
    let mut newest = None;
    for stored in &original.records[1..] {
        let mut record = stored.record.clone();
        record.signer.name = "Someone Else".to_owned();
        record.previous_hash = previous.clone();
        let sealed = seal(&record).unwrap();
        super::support::overwrite(&stored.path, &sealed.bytes);
        previous = sealed.sha256.clone();
        newest = Some(clerkcheck::records::head::Head {
            sequence: record.sequence,
            sha256: sealed.sha256,
        });
    }
    let report = verify(&store.list());
    assert_eq!(report.counts.out_of_order, 1, "{report:#?}");
    let caught = report
        .entries
        .iter()
        .find(|e| e.integrity == Integrity::OutOfOrder)
        .unwrap();
    assert_eq!(caught.sequence, Some(4));
    assert!(
        caught.detail.contains("it was replaced"),
        "{}",
        caught.detail
    );
    // The replaced record has one entry, and it is not "intact" anywhere it is looked up
    // (History, the calendar, reviews and verify-certification ask by path).
    assert_eq!(report.entries.len(), 4, "{report:#?}");
    assert_eq!(report.counts.intact, 3, "{report:#?}");
    let newest_path = &original.records[3].path;
    assert_eq!(
        report.integrity_of(newest_path).unwrap().integrity,
        Integrity::OutOfOrder
    );
    // Both head copies (the folder's and the settings folder's) say the same: counted once.
    let mut twice = store.list();
    let copy = twice.heads[0].clone();
    twice.heads.push(copy);
    let report = verify(&twice);
    assert_eq!(report.counts.out_of_order, 1, "{report:#?}");
    assert_eq!(report.entries.len(), 4, "{report:#?}");

    clerkcheck::records::head::write(&store.head_path(), &newest.unwrap()).unwrap();
    let rewritten = store.list();
    assert!(verify(&rewritten).is_intact());
    for (before, after) in original.records.iter().zip(&rewritten.records).skip(1) {
        assert_ne!(before.fingerprint(), after.fingerprint());
    }
    assert_eq!(
        original.records[0].fingerprint(),
        rewritten.records[0].fingerprint()
    );
}
