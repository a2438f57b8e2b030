//! Which records a certification may be printed from: only a record that is intact and in its
//! place in this office's records folder. [`Certifiable`] can only be made here, after that
//! check, and the certification PDF is only ever made from one — so an altered, unreadable,
//! foreign or out-of-place record never prints as a clean certification.

use std::path::{Path, PathBuf};

use super::chain::{Integrity, file_label, verify};
use super::model::Record;
use super::seal::{self, MAX_RECORD_BYTES, StoredRecord};
use super::store::RecordStore;
use crate::files;

/// A record that verified as intact in its folder, with its file's exact bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certifiable {
    stored: StoredRecord,
    bytes: Vec<u8>,
}

impl Certifiable {
    /// The record.
    pub fn record(&self) -> &Record {
        &self.stored.record
    }

    /// The record as stored (path and hash).
    pub fn stored(&self) -> &StoredRecord {
        &self.stored
    }

    /// The fingerprint printed on the certification.
    pub fn fingerprint(&self) -> &str {
        self.stored.fingerprint()
    }

    /// The record file, byte for byte.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// Which record to certify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Which {
    /// The record with this number in the folder.
    Number(u64),
    /// A record file, which must be byte for byte a record of the folder.
    File(PathBuf),
}

/// Why no certification is printed from a record, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotCertifiable {
    /// No record with that number.
    #[error("There is no record {0} in this office's records folder ({1}).")]
    NoSuchRecord(u64, PathBuf),
    /// The record is not intact.
    #[error(
        "No certification is printed from record {sequence}: it is {word}. {detail} {advice}",
        word = integrity.word().to_lowercase(),
        advice = integrity.advice()
    )]
    NotIntact {
        /// The record's number.
        sequence: u64,
        /// What is wrong.
        integrity: Integrity,
        /// In plain words.
        detail: String,
    },
    /// The file cannot be read as a record.
    #[error("No certification is printed from {file}: {reason}.")]
    Unreadable {
        /// The file.
        file: String,
        /// Why.
        reason: String,
    },
    /// The file is not a record of this folder.
    #[error(
        "No certification is printed from {file}: it is not record {sequence} of this office's \
         records folder ({folder}) as saved there. Print certifications from the records folder, \
         by number (for example: clerkcheck report {sequence})."
    )]
    Foreign {
        /// The file.
        file: String,
        /// The number it claims.
        sequence: u64,
        /// The records folder.
        folder: PathBuf,
    },
}

/// Checks that the record is intact and in its place in the store's folder, and returns it
/// with its exact bytes; otherwise says why not.
pub fn certifiable(store: &RecordStore, which: &Which) -> Result<Certifiable, NotCertifiable> {
    let wanted = match which {
        Which::Number(n) => *n,
        Which::File(path) => read_outside(path)?.record.sequence,
    };
    let listing = store.list();
    let report = verify(&listing);
    let entry = report
        .entries
        .iter()
        .filter(|e| e.sequence == Some(wanted) && e.through.is_none())
        .max_by_key(|e| e.integrity)
        .ok_or_else(|| NotCertifiable::NoSuchRecord(wanted, store.dir().to_owned()))?;
    if entry.integrity != Integrity::Intact {
        return Err(NotCertifiable::NotIntact {
            sequence: wanted,
            integrity: entry.integrity,
            detail: entry.detail.clone(),
        });
    }
    let Some(stored) = listing
        .records
        .iter()
        .find(|r| Some(r.path.as_path()) == entry.path.as_deref())
    else {
        return Err(NotCertifiable::NoSuchRecord(wanted, store.dir().to_owned()));
    };
    if let Which::File(path) = which {
        let outside = read_outside(path)?;
        if outside.sha256 != stored.sha256 || outside.is_altered() {
            return Err(NotCertifiable::Foreign {
                file: path.display().to_string(),
                sequence: wanted,
                folder: store.dir().to_owned(),
            });
        }
    }
    // Read once more and check the bytes are the ones verified: the file may have changed since.
    let bytes = files::read_capped(&stored.path, MAX_RECORD_BYTES).map_err(|e| {
        NotCertifiable::Unreadable {
            file: file_label(&stored.path),
            reason: e.reason(),
        }
    })?;
    let again = seal::parse_record_file(&stored.path, &bytes).map_err(|reason| {
        NotCertifiable::Unreadable {
            file: file_label(&stored.path),
            reason,
        }
    })?;
    if again.is_altered() || again.sha256 != stored.sha256 {
        return Err(NotCertifiable::NotIntact {
            sequence: wanted,
            integrity: Integrity::Altered,
            detail: "It was changed while the certification was being made.".to_owned(),
        });
    }
    Ok(Certifiable {
        stored: again,
        bytes,
    })
}

/// Reads a record file given by path, which may be anywhere.
fn read_outside(path: &Path) -> Result<StoredRecord, NotCertifiable> {
    let unreadable = |reason: String| NotCertifiable::Unreadable {
        file: path.display().to_string(),
        reason,
    };
    let bytes = files::read_capped(path, MAX_RECORD_BYTES).map_err(|e| unreadable(e.reason()))?;
    let stored = seal::parse_record_file(path, &bytes).map_err(unreadable)?;
    if stored.is_altered() {
        return Err(NotCertifiable::NotIntact {
            sequence: stored.record.sequence,
            integrity: Integrity::Altered,
            detail: format!(
                "The file {} was changed after it was signed: its content no longer matches its \
                 seal.",
                path.display()
            ),
        });
    }
    Ok(stored)
}
