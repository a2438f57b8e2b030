//! Saving a signed record into the data folder's records, then clearing the draft it came from.

use crate::paths::DataDir;
use crate::records::{Record, RecordError, StoredRecord};

use super::draft::Draft;

/// Saves a signed record into the data folder's records, then clears the draft it came from
/// (the window's flow; the command line has no draft). A draft that cannot be removed only
/// means the answers come back next time: the record is safe either way.
pub fn save_record(
    data: &DataDir,
    record: Record,
    clear_draft: bool,
) -> Result<StoredRecord, RecordError> {
    let stored = data.record_store().save(record)?;
    if clear_draft && let Err(err) = Draft::clear(&data.draft_file()) {
        log::warn!(
            "the draft could not be removed after signing: {}",
            err.detail()
        );
    }
    Ok(stored)
}
