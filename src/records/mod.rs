//! Signed-off records: what a clerk attested, kept on disk, never lost, never altered unnoticed.
//!
//! Arrows point one way: `status` ← `model` ← `seal` ← `store` ← `chain` ← `certify`, `history`.
//!
//! - [`status`]: the one vocabulary of item statuses and their counts.
//! - [`model`]: the record's contents (who, when, which computer, every item).
//! - [`seal`]: a record as the exact bytes of its file, with its SHA-256 seal; reading them back.
//! - [`store`]: the records folder: atomic writes, the lock around "read newest, write next",
//!   listing what is there whatever else the folder holds.
//! - [`chain`]: verifying each record and the links between them.
//! - [`certify`]: the only way to a record a certification may be printed from (intact, in place).
//! - [`history`]: the office manager's rows, CSV/JSON/table exports, comparing two records.

pub mod certify;
pub mod chain;
pub mod history;
pub mod model;
pub mod seal;
pub mod status;
pub mod store;

pub use certify::{Certifiable, NotCertifiable, Which, certifiable};
pub use chain::{ChainReport, EntryReport, Integrity, IntegrityCounts, verify};
pub use model::{
    AttestedChecklist, Computer, JurisdictionKind, MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_SEQUENCE,
    RECORD_SCHEMA_VERSION, Record, RecordItem, SignedAt, Signer,
};
pub use seal::{MAX_RECORD_BYTES, StoredRecord};
pub use status::{Counts, ItemStatus, Severity};
pub use store::{Listing, LockGuard, RecordError, RecordStore, Unreadable};
