//! The chain's head — the number and hash of the newest entry saved — kept in a second place,
//! so that deleting the newest records does not go unnoticed: `records/HEAD`, and a copy in the
//! user's own settings folder. Both are written after each save, under the save's lock, and
//! atomically. (Someone who can edit both can still hide a deletion; the printed certifications
//! are the defence then.)

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::seal::fingerprint_of;
use crate::files::{self, Existing, FileError};

/// The name of the head file inside the records folder.
pub const HEAD_FILE_NAME: &str = "HEAD";

/// The prefix of the temporary file written while a head file is replaced.
pub const TEMP_PREFIX: &str = ".tmp-head-";

/// The most read from a head file (it holds two short fields).
const MAX_HEAD_BYTES: u64 = 4 * 1024;

/// The newest entry saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Head {
    /// Its number.
    pub sequence: u64,
    /// Its SHA-256.
    pub sha256: String,
}

impl Head {
    /// Its fingerprint.
    pub fn fingerprint(&self) -> &str {
        fingerprint_of(&self.sha256)
    }
}

/// A head file as found: where, and what it says (or why it cannot be read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadSeen {
    /// The file.
    pub path: PathBuf,
    /// What it says, or why it cannot be read.
    pub head: Result<Head, String>,
}

/// Reads a head file: `None` when there is none (a folder written before heads were kept, or a
/// new folder).
pub fn read(path: &Path) -> Option<HeadSeen> {
    let head = match files::read_text_if_present(path, MAX_HEAD_BYTES) {
        Ok(None) => return None,
        Ok(Some(text)) => ron::from_str::<Head>(&text)
            .ok()
            .filter(|h| {
                (1..=super::MAX_SEQUENCE).contains(&h.sequence)
                    && h.sha256.len() == 64
                    && h.sha256.bytes().all(|b| b.is_ascii_hexdigit())
            })
            .ok_or_else(|| "its content is damaged".to_owned()),
        Err(err) => Err(err.reason()),
    };
    Some(HeadSeen {
        path: path.to_owned(),
        head,
    })
}

/// Writes a head file atomically.
pub fn write(path: &Path, head: &Head) -> Result<(), FileError> {
    let text = format!(
        "// The newest entry saved in this records folder. Do not edit: clerkcheck verify \
         compares it with the records.\n(sequence: {}, sha256: \"{}\")\n",
        head.sequence, head.sha256
    );
    files::write_atomic(
        path,
        text.as_bytes(),
        ".tmp-head-",
        Existing::Replace,
        false,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_round_trips_and_damage_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(HEAD_FILE_NAME);
        assert_eq!(read(&path), None);
        let head = Head {
            sequence: 12,
            sha256: "ab".repeat(32),
        };
        write(&path, &head).unwrap();
        assert_eq!(read(&path).unwrap().head, Ok(head));
        files::write_atomic(&path, b"(sequence: 1)", ".t", Existing::Replace, false).unwrap();
        assert!(read(&path).unwrap().head.is_err());
        // A number no record can have (it would overflow the count of missing records).
        let huge = format!("(sequence: {}, sha256: \"{}\")", u64::MAX, "ab".repeat(32));
        files::write_atomic(&path, huge.as_bytes(), ".t", Existing::Replace, false).unwrap();
        assert!(read(&path).unwrap().head.is_err());
    }
}
