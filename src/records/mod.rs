//! Signed-off records: what a clerk attested, kept on disk, never lost, never altered unnoticed.
//!
//! - [`model`]: the record's contents.
//! - [`answers`]: the clerk's answers (the draft) and building a record from them.
//! - [`answers_file`]: the answers file `clerkcheck sign --answers FILE` reads.
//! - [`store`]: atomic writes, the lock around "read newest, write next", loading what is there.
//! - [`integrity`]: the hash chain and its verification over the stored bytes.
//! - [`history`]: the office manager's view: rows, CSV and JSON exports, comparing two records.

pub mod answers;
pub mod answers_file;
pub mod history;
pub mod integrity;
pub mod model;
pub mod store;

pub use answers::{
    Answers, CERTIFICATION_STATEMENT, ItemAnswer, SignError, SignOff, validate_answers, verdict_of,
};
pub use integrity::{ChainReport, EntryReport, Integrity, IntegrityCounts, verify};
pub use model::*;
pub use store::{Listing, LockGuard, RecordError, RecordStore, StoredRecord, Unreadable};

/// The computer this program runs on: host name, OS name and OS version ("unknown" where the
/// OS does not say).
#[must_use]
pub fn this_computer() -> Computer {
    let or_unknown = |r: Result<String, sysinfo::Error>| {
        r.ok()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "unknown".to_owned())
    };
    Computer {
        host_name: or_unknown(sysinfo::System::host_name()),
        os_name: or_unknown(sysinfo::System::name()),
        os_version: or_unknown(sysinfo::System::os_version()),
    }
}

/// The local offset from UTC now, in minutes (e.g. -360 for Central Standard Time).
#[must_use]
pub fn local_utc_offset_minutes() -> i32 {
    chrono::Local::now().offset().local_minus_utc() / 60
}
