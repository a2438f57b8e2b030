//! The records folder: atomic writes, the lock around "read newest, write next", loading.
//!
//! (Interface first; the records work fills it in.)

use std::path::{Path, PathBuf};

use super::model::Record;

/// Why a record could not be saved or read.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// An I/O error, naming the path.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A file that is not a readable record.
    #[error("{path}: {reason}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// No record with that sequence number.
    #[error("there is no record number {0}")]
    NoSuchRecord(u64),
}

/// A record as stored, with the hash of its stored content bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRecord {
    /// The file it was read from or written to.
    pub path: PathBuf,
    /// Its content.
    pub record: Record,
    /// SHA-256 (hex) of its stored content bytes, as written in the file's trailer.
    pub sha256: String,
}

impl StoredRecord {
    /// The fingerprint printed on the certification: the first 16 hex digits of the hash.
    pub fn fingerprint(&self) -> &str {
        self.sha256.get(..16).unwrap_or(&self.sha256)
    }
}

/// A file in `records/` that could not be read as a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The file.
    pub path: PathBuf,
    /// Why.
    pub reason: String,
}

/// Everything in the records folder.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// Readable records, by sequence number.
    pub records: Vec<StoredRecord>,
    /// Files that could not be read, with the reason.
    pub unreadable: Vec<Unreadable>,
}

/// The records folder of a data directory.
#[derive(Debug, Clone)]
pub struct RecordStore {
    dir: PathBuf,
}

impl RecordStore {
    /// The store in `dir` (created on first save).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Saves `record` as the next in the chain: sets its sequence and previous hash, writes it
    /// atomically under the lock, and returns it as stored.
    pub fn save(&self, record: Record) -> Result<StoredRecord, RecordError> {
        let _ = record;
        Err(RecordError::Unreadable {
            path: self.dir.clone(),
            reason: "not built yet".into(),
        })
    }

    /// Reads every file in the folder; unreadable ones are listed, never fatal.
    pub fn list(&self) -> Listing {
        Listing::default()
    }

    /// Reads one record file.
    pub fn read_file(&self, path: &Path) -> Result<StoredRecord, RecordError> {
        Err(RecordError::Unreadable {
            path: path.to_owned(),
            reason: "not built yet".into(),
        })
    }

    /// Reads the record with this sequence number.
    pub fn read_sequence(&self, sequence: u64) -> Result<StoredRecord, RecordError> {
        Err(RecordError::NoSuchRecord(sequence))
    }
}
