//! The chain's head kept in a second place (deleting the newest record shows), and the office
//! manager's reviews as sealed entries of the chain.

use clerkcheck::records::history::{rows, to_csv};
use clerkcheck::records::{
    EntryKind, Integrity, RecordStore, Review, Reviewer, seal::seal_review, verify,
};
use clerkcheck::session::{ReviewError, review_record};
use clerkcheck::testing::fixed_host;

use super::support::{overwrite, sample_record};

/// A store in a fresh folder whose head copy lives in `settings/` beside it.
fn store() -> (tempfile::TempDir, RecordStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = RecordStore::new(dir.path().join("records"))
        .with_head_copy(dir.path().join("settings").join("head.ron"));
    (dir, store)
}

fn ann() -> Reviewer {
    Reviewer {
        name: "Ann Lee".to_owned(),
        title: "Office Manager".to_owned(),
    }
}

#[test]
fn deleting_the_newest_record_is_reported_by_number_and_fingerprint() {
    let (dir, store) = store();
    for n in 0..3 {
        store
            .save(sample_record(&format!("Clerk {n}"), None))
            .unwrap();
    }
    let newest = store.read_sequence(3).unwrap();
    assert!(verify(&store.list()).is_intact());
    fs_err::remove_file(&newest.path).unwrap();
    let report = verify(&store.list());
    assert!(!report.is_intact());
    let missing: Vec<_> = report
        .entries
        .iter()
        .filter(|e| e.integrity == Integrity::Missing)
        .collect();
    assert!(!missing.is_empty(), "{report:#?}");
    assert_eq!(missing[0].sequence, Some(3));
    assert!(
        missing[0].detail.contains(newest.fingerprint()),
        "{}",
        missing[0].detail
    );
    // The folder's own head file deleted as well: the copy in the settings folder still tells.
    fs_err::remove_file(store.head_path()).unwrap();
    let report = verify(&store.list());
    assert_eq!(report.counts.missing, 1, "{report:#?}");
    // With both gone, nothing can tell (the paper certifications are the defence then).
    fs_err::remove_file(dir.path().join("settings").join("head.ron")).unwrap();
    assert!(verify(&store.list()).is_intact());
}

#[test]
fn a_damaged_head_file_is_reported_and_the_next_save_mends_it() {
    let (_dir, store) = store();
    store.save(sample_record("Clerk", None)).unwrap();
    overwrite(store.head_path(), "not a head");
    let report = verify(&store.list());
    assert_eq!(report.counts.unreadable, 1, "{report:#?}");
    store.save(sample_record("Clerk", None)).unwrap();
    assert!(verify(&store.list()).is_intact());
}

#[test]
fn a_review_is_a_sealed_entry_of_the_chain_and_shows_in_history() {
    let (_dir, store) = store();
    let first = store.save(sample_record("José Núñez-Øberg", None)).unwrap();
    let before = fs_err::read(&first.path).unwrap();
    let review = review_record(&store, &fixed_host(), 1, &ann(), "  Looked fine.  ").unwrap();
    assert_eq!(review.review.sequence, 2);
    assert_eq!(review.review.reviewed_sha256, first.sha256);
    assert_eq!(review.review.previous_hash, first.sha256);
    let second = store.save(sample_record("Bo Yu", None)).unwrap();
    assert_eq!(second.record.sequence, 3);
    assert_eq!(second.record.previous_hash, review.sha256);
    // The certification's "follows record" skips the review.
    let previous = second.record.previous_record.clone().unwrap();
    assert_eq!(
        (previous.sequence, previous.sha256),
        (1, first.sha256.clone())
    );
    // The reviewed record's file is untouched.
    assert_eq!(fs_err::read(&first.path).unwrap(), before);

    let listing = store.list();
    let report = verify(&listing);
    assert!(report.is_intact(), "{report:#?}");
    assert_eq!(report.entries[1].kind, EntryKind::Review);
    let rows = rows(&listing, &report);
    assert_eq!(rows.len(), 2, "reviews are not rows of their own");
    assert_eq!(
        rows[0].reviews,
        ["Reviewed by Ann Lee, Office Manager on November 24, 2026: Looked fine."]
    );
    assert!(to_csv(&rows).contains("Reviewed by Ann Lee"));
}

#[test]
fn an_altered_record_cannot_be_reviewed_and_an_altered_review_is_caught() {
    let (_dir, store) = store();
    let first = store.save(sample_record("Clerk", None)).unwrap();
    store.save(sample_record("Clerk", None)).unwrap();
    let text = fs_err::read_to_string(&first.path)
        .unwrap()
        .replace("Dunn", "Dunm");
    overwrite(&first.path, text);
    let refused = review_record(&store, &fixed_host(), 1, &ann(), "").unwrap_err();
    assert!(
        matches!(refused, ReviewError::NotIntact { .. }),
        "{refused}"
    );
    assert!(refused.to_string().contains("altered"), "{refused}");

    let review = review_record(&store, &fixed_host(), 2, &ann(), "ok").unwrap();
    let text = fs_err::read_to_string(&review.path)
        .unwrap()
        .replace("Ann Lee", "Ann Lie");
    overwrite(&review.path, text);
    let report = verify(&store.list());
    let entry = report.integrity_of(&review.path).unwrap();
    assert_eq!(entry.integrity, Integrity::Altered);
    assert!(entry.detail.starts_with("Review 3"), "{}", entry.detail);
}

#[test]
fn a_review_of_another_record_than_the_one_in_the_folder_is_out_of_order() {
    let (_dir, store) = store();
    let first = store.save(sample_record("Clerk", None)).unwrap();
    let mut forged = Review {
        schema_version: 2,
        sequence: 2,
        created_at_utc: first.record.created_at_utc,
        utc_offset_minutes: 0,
        app_version: "0.1.0".to_owned(),
        reviewer: ann(),
        reviewed_sequence: 1,
        reviewed_sha256: "0".repeat(64),
        note: String::new(),
        previous_hash: first.sha256.clone(),
    };
    overwrite(
        store.dir().join("000002.ron"),
        seal_review(&forged).unwrap().bytes,
    );
    let report = verify(&store.list());
    assert_eq!(
        report.entries[1].integrity,
        Integrity::OutOfOrder,
        "{report:#?}"
    );
    forged.reviewed_sha256.clone_from(&first.sha256);
    overwrite(
        store.dir().join("000002.ron"),
        seal_review(&forged).unwrap().bytes,
    );
    assert!(verify(&store.list()).is_intact());
}

#[test]
fn a_review_needs_a_name_and_a_title() {
    let (_dir, store) = store();
    store.save(sample_record("Clerk", None)).unwrap();
    let nobody = Reviewer {
        name: " ".to_owned(),
        title: "Office Manager".to_owned(),
    };
    assert!(matches!(
        review_record(&store, &fixed_host(), 1, &nobody, ""),
        Err(ReviewError::Missing(_))
    ));
    assert!(matches!(
        review_record(&store, &fixed_host(), 9, &ann(), ""),
        Err(ReviewError::NoSuchRecord(9))
    ));
}
