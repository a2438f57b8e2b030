//! Signed-off records: what a clerk attested, kept on disk, never lost, never altered unnoticed.
//!
//! Arrows point one way: `status` ← `model`, `review` ← `seal` ← `head`, `store` ← `chain` ← `certify`, `history`.
//!
//! - [`status`]: the one vocabulary of item statuses and their counts.
//! - [`model`]: the record's contents (who, when, which computer, every item).
//! - [`seal`]: a record as the exact bytes of its file, with its SHA-256 seal; reading them back.
//! - [`review`]: the office manager's review of a record, its own entry in the chain.
//! - [`head`]: the newest entry remembered in a second place, so deleting it shows.
//! - [`store`]: the records folder: atomic writes, the lock around "read newest, write next",
//!   listing what is there whatever else the folder holds.
//! - [`chain`]: verifying each record and the links between them.
//! - [`certify`]: the only way to a record a certification may be printed from (intact, in place).
//! - [`history`]: the office manager's rows, CSV/JSON/table exports, comparing two records.

pub mod certify;
pub mod chain;
pub mod head;
pub mod history;
pub mod model;
pub mod review;
pub mod seal;
pub mod status;
pub mod store;

pub use certify::{Certifiable, NotCertifiable, Which, certifiable};
pub use chain::{ChainReport, EntryKind, EntryReport, Integrity, IntegrityCounts, verify};
pub use model::{
    AttestedChecklist, Computer, ElectionRef, JurisdictionKind, MAX_NAME_CHARS, MAX_NOTE_CHARS,
    MAX_SEQUENCE, PreviousRecord, RECORD_SCHEMA_VERSION, Record, RecordItem, SignedAt, Signer,
};
pub use review::{Review, Reviewer};
pub use seal::{MAX_RECORD_BYTES, Stored, StoredRecord, StoredReview};
pub use status::{Counts, ItemStatus, Severity};
pub use store::{Listing, LockGuard, RecordError, RecordStore, Unreadable};
