//! The records store: round trip, create-once files, listing what is there, the lock.

use std::time::{Duration, Instant};

use super::support::{sample_record, store_with};
use clerkcheck::checks::CheckId;
use clerkcheck::records::seal::{TRAILER_PREFIX, sha256_hex, split_trailer};
use clerkcheck::records::{Integrity, RecordError, RecordStore, verify};

#[test]
fn round_trip_keeps_every_field_and_chains_records() {
    let (_dir, store) = store_with(0);
    let first = sample_record("José Núñez-Øberg", Some(CheckId::Antivirus));
    let saved1 = store.save(first.clone()).unwrap();
    let saved2 = store.save(sample_record("Second Clerk", None)).unwrap();

    assert_eq!(saved1.record.sequence, 1);
    assert_eq!(saved1.record.previous_hash, "");
    assert_eq!(saved2.record.sequence, 2);
    assert_eq!(saved2.record.previous_hash, saved1.sha256);
    assert_eq!(saved1.path, store.dir().join("000001.ron"));
    assert_eq!(saved1.fingerprint(), &saved1.sha256[..16]);
    assert_eq!(saved1.fingerprint().len(), 16);

    let read = store.read_sequence(1).unwrap();
    let mut expected = first;
    expected.sequence = 1;
    assert_eq!(read.record, expected);
    assert_eq!(read, saved1);
    assert!(!read.is_altered());
    assert_eq!(read.record.signer.name, "José Núñez-Øberg");
    assert_eq!(read.record.counts.failed, 1);

    let listing = store.list();
    assert_eq!(listing.records.len(), 2);
    assert!(listing.unreadable.is_empty());
    assert!(verify(&listing).is_intact());
}

#[test]
fn file_is_ron_content_then_a_trailer_with_the_content_hash() {
    let (_dir, store) = store_with(1);
    let bytes = fs_err::read(store.dir().join("000001.ron")).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    let last = text.lines().last().unwrap();
    assert!(last.starts_with(TRAILER_PREFIX), "{last}");
    let split = split_trailer(&bytes).unwrap();
    assert_eq!(sha256_hex(split.content), split.claimed_sha256);
    // The whole file, trailer included, is still valid RON (the trailer is a comment).
    let whole: clerkcheck::records::Record = ron::from_str(&text).unwrap();
    assert_eq!(whole.sequence, 1);
}

#[test]
fn verification_hashes_stored_bytes_not_a_reserialization() {
    // A record written by an "older version": different layout (compact RON, extra comment),
    // sealed over its own bytes. It must verify although re-serializing would give other bytes.
    let (_dir, store) = store_with(0);
    let mut record = sample_record("Old Version", None);
    record.sequence = 1;
    let content = format!(
        "// written by clerkcheck 0.0.1\n{}\n",
        ron::to_string(&record).unwrap()
    );
    let hash = sha256_hex(content.as_bytes());
    fs_err::create_dir_all(store.dir()).unwrap();
    super::support::overwrite(
        store.dir().join("000001.ron"),
        format!("{content}{TRAILER_PREFIX}{hash}\n"),
    );
    let listing = store.list();
    assert_eq!(listing.records.len(), 1, "{:?}", listing.unreadable);
    assert!(verify(&listing).is_intact());
    // And the next record links to it.
    let next = store.save(sample_record("New Version", None)).unwrap();
    assert_eq!(next.record.previous_hash, hash);
    assert!(verify(&store.list()).is_intact());
}

#[test]
fn records_are_never_overwritten() {
    let (_dir, store) = store_with(2);
    let before = fs_err::read(store.dir().join("000002.ron")).unwrap();
    // A stray file where the next record would go is not replaced: the save takes a new number.
    super::support::overwrite(store.dir().join("000003.ron"), "not a record");
    let saved = store.save(sample_record("Third", None)).unwrap();
    assert_eq!(saved.record.sequence, 4);
    assert_eq!(
        fs_err::read_to_string(store.dir().join("000003.ron")).unwrap(),
        "not a record"
    );
    assert_eq!(
        fs_err::read(store.dir().join("000002.ron")).unwrap(),
        before
    );
}

#[test]
fn listing_skips_lock_temp_and_hidden_files_and_survives_junk() {
    let (_dir, store) = store_with(3);
    let d = store.dir();
    super::support::overwrite(d.join(".tmp-record-abc123"), "half a rec");
    super::support::overwrite(d.join(".DS_Store"), [0u8, 1, 2]);
    super::support::overwrite(d.join("Thumbs.db"), [0u8, 1, 2]);
    super::support::overwrite(d.join("notes.txt"), "the clerk's notes");
    super::support::overwrite(d.join("000099.ron"), [0xffu8, 0xfe, 0x00]);
    super::support::overwrite(d.join("empty.ron"), "");
    fs_err::create_dir(d.join("old")).unwrap();

    let listing = store.list();
    assert_eq!(listing.records.len(), 3);
    let names: Vec<String> = listing
        .unreadable
        .iter()
        .map(|u| u.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["000099.ron", "empty.ron", "notes.txt"]);
    for u in &listing.unreadable {
        assert!(!u.reason.is_empty());
    }
    assert!(
        listing.unreadable[1].reason.contains("empty"),
        "{:?}",
        listing.unreadable[1]
    );
    assert!(
        listing.unreadable[2]
            .reason
            .contains("does not end with clerkcheck's seal line")
    );
}

#[test]
fn missing_folder_lists_nothing_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecordStore::new(dir.path().join("records"));
    let listing = store.list();
    assert!(listing.records.is_empty() && listing.unreadable.is_empty());
    let report = verify(&listing);
    assert!(report.is_intact());
    assert_eq!(report.verdict(), "No records yet.");
    assert!(matches!(
        store.read_sequence(1),
        Err(RecordError::NoSuchRecord(1))
    ));
}

#[test]
fn a_held_lock_makes_a_save_wait_then_fail_clearly() {
    let (_dir, store) = store_with(1);
    let holder = RecordStore::new(store.dir());
    let guard = holder.lock().unwrap();
    let impatient = RecordStore::new(store.dir()).with_lock_timeout(Duration::from_millis(300));
    let started = Instant::now();
    let err = impatient.save(sample_record("Waiting", None)).unwrap_err();
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert!(matches!(err, RecordError::LockTimeout { .. }), "{err:?}");
    assert!(err.to_string().contains("was not saved"), "{err}");
    assert_eq!(store.list().records.len(), 1, "nothing was written");
    drop(guard);
    let saved = impatient.save(sample_record("Now", None)).unwrap();
    assert_eq!(saved.record.sequence, 2);
}

#[test]
fn saving_after_a_damaged_newest_file_continues_the_chain() {
    let (_dir, store) = store_with(2);
    let path = store.dir().join("000002.ron");
    let bytes = fs_err::read(&path).unwrap();
    super::support::overwrite(&path, &bytes[..bytes.len() / 2]);
    let saved = store.save(sample_record("After", None)).unwrap();
    assert_eq!(saved.record.sequence, 3);
    assert_eq!(
        saved.record.previous_hash,
        sha256_hex(&bytes[..bytes.len() / 2])
    );
    let report = verify(&store.list());
    let states: Vec<_> = report.entries.iter().map(|e| e.integrity).collect();
    assert_eq!(
        states,
        [Integrity::Intact, Integrity::Unreadable, Integrity::Intact]
    );
}

#[cfg(unix)]
#[test]
fn saved_records_are_read_only_and_readable_by_other_accounts() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, store) = store_with(1);
    let mode = fs_err::metadata(store.dir().join("000001.ron"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o222, 0, "no write bits: {mode:o}");
    assert_eq!(mode & 0o400, 0o400, "owner can read: {mode:o}");
}
