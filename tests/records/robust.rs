//! The records folder survives whatever is put in it: junk under a huge number, a record
//! claiming the largest number there is, a named pipe, and a record too large to read back.
//! Regression tests for the ways one file could wedge `verify`, `history` and `sign`.

use clerkcheck::records::seal::{MAX_RECORD_BYTES, seal};
use clerkcheck::records::{RecordError, verify};

use super::support::{overwrite, sample_record, store_with};

#[cfg(unix)]
/// Runs `work` on its own thread and waits for it, so a hang is a failure with a message rather
/// than a stuck test run. The wait is a safety net, far above what the work needs.
fn finishes<T: Send + 'static>(what: &str, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name(what.to_owned())
        .spawn(move || drop(tx.send(work())))
        .unwrap();
    rx.recv_timeout(std::time::Duration::from_mins(2))
        .unwrap_or_else(|_| panic!("{what} hung"))
}

#[test]
fn junk_under_a_huge_number_neither_wedges_verify_nor_moves_the_numbering() {
    let (_dir, store) = store_with(3);
    overwrite(store.dir().join("100000000.ron"), "x");
    overwrite(store.dir().join("999999.ron"), "x");
    let listing = store.list();
    let report = verify(&listing);
    // Three intact records and two unreadable files; no run of a million "missing" entries.
    assert!(report.entries.len() <= 6, "{:#?}", report.entries);
    assert_eq!(report.counts.intact, 3);
    assert_eq!(report.counts.unreadable, 2);
    assert_eq!(report.counts.missing, 0);
    // Signing goes on from the newest real record.
    let saved = store.save(sample_record("Next Clerk", None)).unwrap();
    assert_eq!(saved.record.sequence, 4);
    assert_eq!(saved.record.previous_hash, listing.records[2].sha256);
}

#[test]
fn a_record_claiming_the_largest_number_is_unreadable_and_signing_goes_on() {
    let (_dir, store) = store_with(2);
    let mut forged = sample_record("Mallory", None);
    forged.sequence = u64::MAX;
    forged.previous_hash = String::new();
    let sealed = seal(&forged).unwrap();
    overwrite(store.dir().join("000003.ron"), &sealed.bytes);
    let listing = store.list();
    assert_eq!(listing.records.len(), 2);
    assert!(
        listing.unreadable[0].reason.contains("outside 1 to 999999"),
        "{:?}",
        listing.unreadable
    );
    let report = verify(&listing);
    assert_eq!(report.counts.unreadable, 1);
    // The damaged file keeps its place: the next record is 4, linked to what file 3 holds.
    let saved = store.save(sample_record("Next Clerk", None)).unwrap();
    assert_eq!(saved.record.sequence, 4);
    assert_eq!(saved.record.previous_hash, sealed.sha256);
    let report = verify(&store.list());
    assert_eq!(report.counts.intact, 3);
    assert_eq!(report.counts.missing, 0);
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_the_records_folder_never_hangs_anything() {
    let (dir, store) = store_with(2);
    let status = std::process::Command::new("mkfifo")
        .arg(store.dir().join("000003.ron"))
        .status()
        .unwrap();
    assert!(status.success());
    let listing = finishes("listing", {
        let store = store.clone();
        move || store.list()
    });
    assert!(
        listing.unreadable[0].reason.contains("named pipe"),
        "{:?}",
        listing.unreadable
    );
    assert_eq!(
        verify(&listing).entries[2].integrity,
        clerkcheck::records::Integrity::Unreadable
    );
    let saved = finishes("signing", move || {
        store.save(sample_record("Next Clerk", None))
    });
    assert_eq!(saved.unwrap().record.sequence, 4);
    drop(dir);
}

#[test]
fn a_record_too_large_to_read_back_is_never_written() {
    let (_dir, store) = store_with(1);
    // As if twenty office checklists of about a megabyte each had loaded: each file is within
    // its own limit, together they would make a record the reader refuses.
    let mut record = sample_record("José Núñez-Øberg", None);
    let template = record.items[0].clone();
    let why = "w".repeat(4_000);
    record.items = (0..5_000)
        .map(|i| {
            let mut item = template.clone();
            item.item_id = format!("big-{i}");
            item.text.clone_from(&why);
            item
        })
        .collect();
    let err = store.save(record).unwrap_err();
    assert!(matches!(err, RecordError::Seal(_)), "{err}");
    let message = err.to_string();
    assert!(
        message.contains(&MAX_RECORD_BYTES.to_string()) && message.contains("not saved"),
        "{message}"
    );
    assert_eq!(store.list().records.len(), 1, "nothing was written");
    assert!(verify(&store.list()).is_intact());
}
