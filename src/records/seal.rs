//! Sealing a record into the exact bytes of its file, and reading such bytes back.
//!
//! A record file is the record as pretty RON (its *content bytes*), then one trailer line:
//!
//! ```text
//! // clerkcheck-sha256: <64 lowercase hex digits>
//! ```
//!
//! The trailer is a RON comment, so the file stays valid RON. The hash is SHA-256 of exactly the
//! content bytes as stored. Reading hashes the stored bytes and never re-serializes, so records
//! written by older versions keep verifying. Everything here is pure: bytes in, bytes out.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use serde::Serialize;

use super::model::{MAX_SEQUENCE, Record};
use super::review::Review;

/// The start of the trailer line that ends every record file.
pub const TRAILER_PREFIX: &str = "// clerkcheck-sha256: ";

/// The largest record file read or written (16 MiB); a real record is a few dozen KiB. The
/// sign-off refuses to build a record this large, so every record written can be read back.
pub const MAX_RECORD_BYTES: u64 = 16 * 1024 * 1024;

/// A record as stored, with the hash of its stored content bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRecord {
    /// The file it was read from or written to.
    pub path: PathBuf,
    /// Its content.
    pub record: Record,
    /// SHA-256 (hex) of its stored content bytes, as written in the file's trailer.
    pub sha256: String,
    /// SHA-256 (hex) of the content bytes as they are in the file now. It differs from `sha256`
    /// only when the file was edited after it was written.
    pub content_sha256: String,
}

impl StoredRecord {
    /// The fingerprint printed on the certification: the first 16 hex digits of the hash.
    pub fn fingerprint(&self) -> &str {
        fingerprint_of(&self.sha256)
    }

    /// True when the file's content no longer matches the hash in its trailer.
    pub fn is_altered(&self) -> bool {
        self.sha256 != self.content_sha256
    }
}

/// The fingerprint of a hash: its first 16 hex digits.
pub fn fingerprint_of(sha256: &str) -> &str {
    sha256.get(..16).unwrap_or(sha256)
}

/// A review as stored, with the hash of its stored content bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredReview {
    /// The file it was read from or written to.
    pub path: PathBuf,
    /// Its content.
    pub review: Review,
    /// SHA-256 (hex) of its stored content bytes, as written in the file's trailer.
    pub sha256: String,
    /// SHA-256 (hex) of the content bytes as they are in the file now.
    pub content_sha256: String,
}

impl StoredReview {
    /// True when the file's content no longer matches the hash in its trailer.
    pub fn is_altered(&self) -> bool {
        self.sha256 != self.content_sha256
    }
}

/// A file of the records folder as read: a sign-off record or a review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// A sign-off record.
    Record(Box<StoredRecord>),
    /// An office manager's review.
    Review(Box<StoredReview>),
}

impl Stored {
    /// Its number in the chain.
    pub fn sequence(&self) -> u64 {
        match self {
            Self::Record(r) => r.record.sequence,
            Self::Review(r) => r.review.sequence,
        }
    }

    /// The hash its seal claims.
    pub fn sha256(&self) -> &str {
        match self {
            Self::Record(r) => &r.sha256,
            Self::Review(r) => &r.sha256,
        }
    }
}

/// A record turned into the exact bytes of its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    /// The whole file: content bytes, then the trailer line.
    pub bytes: Vec<u8>,
    /// SHA-256 (hex) of the content bytes.
    pub sha256: String,
}

/// Why a record could not be sealed.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    /// Serialization failed (not expected: every field serializes).
    #[error("the record could not be written as text: {0}")]
    Ron(#[from] ron::Error),
    /// The record would be too large to read back.
    #[error(
        "the record would be {size} bytes, more than the {MAX_RECORD_BYTES} bytes a record may \
         have, so it was not saved; the office checklists are far too large: remove some of \
         their files"
    )]
    TooLarge {
        /// Its size.
        size: usize,
    },
}

/// Serializes `record` as pretty RON with a short header comment, and appends the trailer.
pub fn seal(record: &Record) -> Result<Sealed, SealError> {
    seal_entry("record", record.sequence, record)
}

/// Serializes `review` like a record.
pub fn seal_review(review: &Review) -> Result<Sealed, SealError> {
    seal_entry("review", review.sequence, review)
}

/// Serializes an entry of the chain as pretty RON (with its struct name, `Record(` or
/// `Review(`, which tells them apart when read) after a header comment, and appends the trailer.
fn seal_entry(what: &str, sequence: u64, entry: &impl Serialize) -> Result<Sealed, SealError> {
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .struct_names(true);
    let body = ron::ser::to_string_pretty(entry, config)?;
    let mut content = format!(
        "// clerkcheck {what} {sequence}. Do not edit this file: any change to it is detected.\n{body}\n"
    );
    if !content.ends_with('\n') {
        content.push('\n');
    }
    let sha256 = sha256_hex(content.as_bytes());
    let mut bytes = content.into_bytes();
    bytes.extend_from_slice(TRAILER_PREFIX.as_bytes());
    bytes.extend_from_slice(sha256.as_bytes());
    bytes.push(b'\n');
    if bytes.len() as u64 > MAX_RECORD_BYTES {
        return Err(SealError::TooLarge { size: bytes.len() });
    }
    Ok(Sealed { bytes, sha256 })
}

/// SHA-256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A record file split into its content bytes and the hash its trailer claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The content bytes (everything before the trailer line).
    pub content: &'a [u8],
    /// The 64 hex digits written in the trailer.
    pub claimed_sha256: &'a str,
}

/// Splits a file into content and trailer; `None` when the last line is not a valid trailer.
pub fn split_trailer(bytes: &[u8]) -> Option<Split<'_>> {
    let without_newline = bytes.strip_suffix(b"\n")?;
    let start = without_newline
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = std::str::from_utf8(&without_newline[start..]).ok()?;
    let hex = line.strip_prefix(TRAILER_PREFIX)?;
    let valid = hex.len() == 64
        && hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    valid.then(|| Split {
        content: &bytes[..start],
        claimed_sha256: hex,
    })
}

/// Reads a record file's bytes (a sign-off record or a review): the trailer, the hash of the
/// stored content, and the RON.
///
/// A file whose content no longer matches its trailer is still returned when it parses (it is
/// then altered); an error says in words what is wrong.
pub fn parse_file(path: &Path, bytes: &[u8]) -> Result<Stored, String> {
    let Some(split) = split_trailer(bytes) else {
        return Err(if bytes.is_empty() {
            "the file is empty: it was cut short, or it is not a record".to_owned()
        } else {
            "the file does not end with clerkcheck's seal line: it was cut short, or it is not a \
             record"
                .to_owned()
        });
    };
    let content_sha256 = sha256_hex(split.content);
    let altered = content_sha256 != split.claimed_sha256;
    let and = if altered {
        "it was changed after it was saved, and "
    } else {
        ""
    };
    let text = std::str::from_utf8(split.content)
        .map_err(|e| format!("{and}it is not text (bad byte at {})", e.valid_up_to()))?;
    let unreadable = |e: ron::error::SpannedError| {
        format!(
            "{and}it is not a record clerkcheck can read (at line {}, column {})",
            e.span.start.line, e.span.start.col
        )
    };
    let options = ron::Options::default().with_recursion_limit(64);
    let sha256 = split.claimed_sha256.to_owned();
    let stored = if is_review(text) {
        let review: Review = options.from_str(text).map_err(unreadable)?;
        if let Some(why) = review.implausible() {
            return Err(format!("{and}{why}"));
        }
        Stored::Review(Box::new(StoredReview {
            path: path.to_owned(),
            review,
            sha256,
            content_sha256,
        }))
    } else {
        let record: Record = options.from_str(text).map_err(unreadable)?;
        if let Some(why) = record.implausible() {
            return Err(format!("{and}{why}"));
        }
        Stored::Record(Box::new(StoredRecord {
            path: path.to_owned(),
            record,
            sha256,
            content_sha256,
        }))
    };
    Ok(stored)
}

/// Like [`parse_file`], for a file that must be a sign-off record.
pub fn parse_record_file(path: &Path, bytes: &[u8]) -> Result<StoredRecord, String> {
    match parse_file(path, bytes)? {
        Stored::Record(record) => Ok(*record),
        Stored::Review(_) => Err("it is a review, not a sign-off record".to_owned()),
    }
}

/// True when the text's first item (after comments) is a `Review(`.
fn is_review(text: &str) -> bool {
    text.lines()
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !l.starts_with("//"))
        .is_some_and(|l| l.starts_with("Review("))
}

/// The record number a file's name stands for: `000042.ron` → 42. `None` for any other name,
/// and for numbers beyond [`MAX_SEQUENCE`].
pub fn sequence_from_file_name(path: &Path) -> Option<u64> {
    let name = path.file_name()?.to_str()?;
    let digits = name.strip_suffix(".ron")?;
    if digits.is_empty() || digits.len() > 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| *n <= MAX_SEQUENCE)
}

/// The file name of record `sequence`: zero-padded to six digits, e.g. `000042.ron`.
pub fn file_name_for(sequence: u64) -> String {
    format!("{sequence:06}.ron")
}
