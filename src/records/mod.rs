//! Signed-off records: what a clerk attested, kept on disk, never lost, never altered unnoticed.
//!
//! - [`model`]: the record's contents.
//! - [`answers`]: the clerk's answers (the draft) and building a record from them.
//! - `store`: atomic writes, the lock around "read newest, write next", loading what is there.
//! - `integrity`: the hash chain and its verification over the stored bytes.

pub mod answers;
pub mod model;
pub mod store;

pub use answers::{
    Answers, CERTIFICATION_STATEMENT, ItemAnswer, SignError, SignOff, validate_answers, verdict_of,
};
pub use model::*;
pub use store::{Listing, RecordError, RecordStore, StoredRecord, Unreadable};
