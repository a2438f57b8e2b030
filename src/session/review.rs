//! The office manager's review of a signed record: the rules (who reviews, an intact record
//! only, a note that fits) and making the review entry.

use crate::records::{
    Integrity, RECORD_SCHEMA_VERSION, RecordError, RecordStore, Review, Reviewer, StoredReview,
    verify,
};

use super::host::Host;
use super::text::{clean_line, clean_note, field_problem, note_problem};

/// Why a review cannot be made, in plain words.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// The reviewer's name or title is empty.
    #[error("Type {0} before marking the record as reviewed.")]
    Missing(&'static str),
    /// A field is too long.
    #[error("{0}.")]
    Field(String),
    /// No such record.
    #[error("There is no record {0} in this office's records folder.")]
    NoSuchRecord(u64),
    /// The record is not intact: a review would look like it vouches for the change.
    #[error(
        "Record {sequence} is {word}, so it cannot be marked as reviewed: a review says the \
         record was looked at as it was signed. {advice}",
        word = integrity.word().to_lowercase(),
        advice = integrity.advice()
    )]
    NotIntact {
        /// The record.
        sequence: u64,
        /// What is wrong.
        integrity: Integrity,
    },
    /// Saving failed.
    #[error("The review was not saved: {0}")]
    Save(#[from] RecordError),
}

/// Reviews record `sequence` of `store` as `reviewer`, with `note`, at the host's time: checks
/// the rules, then saves the review as the next entry of the chain.
pub fn review_record(
    store: &RecordStore,
    host: &Host,
    sequence: u64,
    reviewer: &Reviewer,
    note: &str,
) -> Result<StoredReview, ReviewError> {
    let reviewer = Reviewer {
        name: clean_line(&reviewer.name),
        title: clean_line(&reviewer.title),
    };
    let note = clean_note(note);
    if reviewer.name.is_empty() {
        return Err(ReviewError::Missing("the reviewer's full name"));
    }
    if reviewer.title.is_empty() {
        return Err(ReviewError::Missing(
            "the reviewer's title (e.g. Office Manager)",
        ));
    }
    if let Some(problem) = field_problem("The name", &reviewer.name)
        .or_else(|| field_problem("The title", &reviewer.title))
        .or_else(|| note_problem("The note", &note))
    {
        return Err(ReviewError::Field(problem));
    }
    let listing = store.list();
    let report = verify(&listing);
    let record = listing
        .records
        .iter()
        .find(|r| r.record.sequence == sequence)
        .ok_or(ReviewError::NoSuchRecord(sequence))?;
    let integrity = report
        .integrity_of(&record.path)
        .map_or(Integrity::Intact, |e| e.integrity);
    if integrity != Integrity::Intact {
        return Err(ReviewError::NotIntact {
            sequence,
            integrity,
        });
    }
    let now = host.now();
    let review = Review {
        schema_version: RECORD_SCHEMA_VERSION,
        sequence: 0,
        created_at_utc: now.utc(),
        utc_offset_minutes: now.offset_minutes(),
        app_version: crate::APP_VERSION.to_owned(),
        reviewer,
        reviewed_sequence: sequence,
        reviewed_sha256: record.sha256.clone(),
        note,
        previous_hash: String::new(),
    };
    Ok(store.save_review(review)?)
}
