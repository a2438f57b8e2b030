//! The records folder: atomic writes, the lock around "read newest, write next", loading.
//!
//! - One file per record, named for its sequence number (`000042.ron`), created once and never
//!   overwritten.
//! - A save writes a temporary file in the same folder, flushes and fsyncs it, gives it its final
//!   name without replacing anything, then fsyncs the folder. A crash at any moment leaves either
//!   no record or a whole one; a leftover temporary file (`.tmp-record-*`) is ignored when
//!   listing and removed by a later save once it is old.
//! - Saves take an exclusive lock on `records/.lock` (an OS file lock through fs4: `flock` on
//!   Unix, `LockFileEx` on Windows). The OS releases such a lock when the process holding it
//!   exits or is killed, so a crashed clerkcheck never leaves a stale lock behind. A save waits
//!   for the lock at most [`DEFAULT_LOCK_TIMEOUT`], then fails with a clear message instead of
//!   hanging (e.g. when a network share's server keeps a dead client's lock until its lease ends).
//! - Listing reads every file; a corrupt, truncated or foreign file is listed as unreadable with
//!   the reason and never stops the rest from loading.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::head::{self, HEAD_FILE_NAME, Head, HeadSeen};
use super::model::{MAX_SEQUENCE, PreviousRecord, Record};
use super::review::Review;
use super::seal::{
    self, MAX_RECORD_BYTES, SealError, Sealed, Stored, StoredRecord, StoredReview, file_name_for,
    sequence_from_file_name,
};
use crate::files::{self, Existing, FileError, FileErrorKind};

/// How long a save waits for another clerkcheck's save to finish before giving up.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(30);

/// The name of the lock file inside the records folder.
pub const LOCK_FILE_NAME: &str = ".lock";

/// The prefix of temporary files written during a save.
pub const TEMP_PREFIX: &str = ".tmp-record-";

/// Temporary files older than this are leftovers of a crash and are removed by the next save.
const STALE_TEMP_AGE: Duration = Duration::from_mins(10);

/// Why a record could not be saved or read.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// A file or folder could not be read or written (the message names it).
    #[error(transparent)]
    File(#[from] FileError),
    /// A file that is not a readable record.
    #[error("{}: {reason}", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// No record with that number.
    #[error("there is no record number {0}")]
    NoSuchRecord(u64),
    /// Another save held the lock for longer than the timeout.
    #[error(
        "another clerkcheck has been saving a record in {dir} for more than {seconds} seconds, so \
         this record was not saved; wait a moment and sign again. If no other clerkcheck is \
         running, the computer or server holding the shared folder may still hold a lock from a \
         crashed session: try again in a few minutes"
    )]
    LockTimeout {
        /// The records folder.
        dir: PathBuf,
        /// How long the save waited.
        seconds: u64,
    },
    /// The lock could not be taken.
    #[error("{}: the records folder could not be locked for saving: {reason}", path.display())]
    Lock {
        /// The lock file.
        path: PathBuf,
        /// Why, in plain words.
        reason: String,
    },
    /// The folder holds the highest record number already.
    #[error("{}: the records folder already holds record {MAX_SEQUENCE}, the highest number; start a new records folder", .0.display())]
    Full(PathBuf),
    /// The record could not be sealed.
    #[error(transparent)]
    Seal(#[from] SealError),
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
    /// Readable sign-off records, by number.
    pub records: Vec<StoredRecord>,
    /// Readable reviews, by number.
    pub reviews: Vec<StoredReview>,
    /// Files that could not be read, with the reason.
    pub unreadable: Vec<Unreadable>,
    /// The head files found (the folder's own and the user's copy), which remember the newest
    /// entry saved.
    pub heads: Vec<HeadSeen>,
}

impl Listing {
    /// The reviews of record `sequence`, oldest first.
    pub fn reviews_of(&self, sequence: u64) -> impl Iterator<Item = &StoredReview> {
        self.reviews
            .iter()
            .filter(move |r| r.review.reviewed_sequence == sequence)
    }
}

/// The records folder of a data directory.
#[derive(Debug, Clone)]
pub struct RecordStore {
    dir: PathBuf,
    lock_timeout: Duration,
    head_copy: Option<PathBuf>,
}

impl RecordStore {
    /// The store in `dir` (created on first save).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
            head_copy: None,
        }
    }

    /// The same store, also keeping a copy of the head file at `path` (in the user's own
    /// settings folder), compared by `verify` with the folder's own.
    #[must_use]
    pub fn with_head_copy(mut self, path: impl Into<PathBuf>) -> Self {
        self.head_copy = Some(path.into());
        self
    }

    /// The folder's head file.
    pub fn head_path(&self) -> PathBuf {
        self.dir.join(HEAD_FILE_NAME)
    }

    /// The same store, waiting at most `timeout` for the lock when saving.
    #[must_use]
    pub fn with_lock_timeout(mut self, timeout: Duration) -> Self {
        self.lock_timeout = timeout;
        self
    }

    /// The folder.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The lock file.
    #[must_use]
    pub fn lock_path(&self) -> PathBuf {
        self.dir.join(LOCK_FILE_NAME)
    }

    /// Saves `record` as the next in the chain: sets its number, its link to the entry before
    /// it and to the sign-off record before it, writes it atomically under the lock, updates the
    /// head files, and returns it as stored.
    pub fn save(&self, mut record: Record) -> Result<StoredRecord, RecordError> {
        let _lock = self.lock()?;
        self.remove_stale_temp_files();
        let next = self.next_link()?;
        record.sequence = next.sequence;
        record.previous_hash = next.previous_hash;
        record.previous_record = next.previous_record;
        let sealed = seal::seal(&record)?;
        let path = self.write_entry(record.sequence, &sealed)?;
        Ok(StoredRecord {
            path,
            record,
            content_sha256: sealed.sha256.clone(),
            sha256: sealed.sha256,
        })
    }

    /// Saves `review` as the next entry in the chain, like a record.
    pub fn save_review(&self, mut review: Review) -> Result<StoredReview, RecordError> {
        let _lock = self.lock()?;
        self.remove_stale_temp_files();
        let next = self.next_link()?;
        review.sequence = next.sequence;
        review.previous_hash = next.previous_hash;
        let sealed = seal::seal_review(&review)?;
        let path = self.write_entry(review.sequence, &sealed)?;
        Ok(StoredReview {
            path,
            review,
            content_sha256: sealed.sha256.clone(),
            sha256: sealed.sha256,
        })
    }

    /// Writes a sealed entry under its number (never over another file), then the head files.
    /// A head file that cannot be written does not undo the save: the entry is safe, and is
    /// logged.
    fn write_entry(&self, sequence: u64, sealed: &Sealed) -> Result<PathBuf, RecordError> {
        let path = self.dir.join(file_name_for(sequence));
        files::write_atomic(&path, &sealed.bytes, TEMP_PREFIX, Existing::Keep, true)?;
        let head = Head {
            sequence,
            sha256: sealed.sha256.clone(),
        };
        for target in std::iter::once(self.head_path()).chain(self.head_copy.clone()) {
            if let Err(err) = head::write(&target, &head) {
                log::warn!("the head file could not be updated: {}", err.detail());
            }
        }
        Ok(path)
    }

    /// Takes the exclusive lock, waiting at most the store's timeout. Released when the guard
    /// is dropped, and by the OS if the process dies.
    ///
    /// The wait is a blocking OS lock call on a named helper thread, so a waiting save is woken
    /// the moment the lock is free (fair between two clerks saving at once). If the timeout
    /// passes first, the helper thread stays blocked and releases the lock as soon as it gets it.
    pub fn lock(&self) -> Result<LockGuard, RecordError> {
        let path = self.lock_path();
        let file = files::open_lock_file(&path)?;
        let failed = |e: std::io::Error| RecordError::Lock {
            path: path.clone(),
            reason: files::plain_reason(&e),
        };
        if fs4::fs_std::FileExt::try_lock_exclusive(file.file()).map_err(failed)? {
            return Ok(LockGuard { file });
        }
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("records lock".to_owned())
            .spawn(move || {
                let result = fs4::fs_std::FileExt::lock_exclusive(file.file()).map(|()| file);
                // If nobody waits any more, the file comes back here and is dropped: unlocked.
                drop(sender.send(result));
            })
            .map_err(failed)?;
        match receiver.recv_timeout(self.lock_timeout) {
            Ok(Ok(file)) => Ok(LockGuard { file }),
            Ok(Err(err)) => Err(failed(err)),
            Err(_) => Err(RecordError::LockTimeout {
                dir: self.dir.clone(),
                seconds: self.lock_timeout.as_secs(),
            }),
        }
    }

    /// The number of the next entry, the hash it links to, and the newest sign-off record.
    ///
    /// The newest entry is the highest-numbered file that reads as a record or review; a file
    /// that does not (junk dropped into the folder under any number) cannot push the numbering
    /// up. If the files right after the newest entry exist but are damaged (a newest record cut
    /// short by a failing disk), the next entry takes the first free number after them and links
    /// to the damaged file's claimed hash, or to the hash of its bytes as they are, so the chain
    /// goes on and the damage stays visible.
    fn next_link(&self) -> Result<NextLink, RecordError> {
        let mut numbered: Vec<(u64, PathBuf)> = self
            .record_files()?
            .into_iter()
            .filter_map(|p| sequence_from_file_name(&p).map(|n| (n, p)))
            .collect();
        numbered.sort_unstable_by_key(|(n, _)| std::cmp::Reverse(*n));
        let mut newest = None;
        let mut previous_record = None;
        for (n, path) in &numbered {
            // A file that is there but cannot be read right now (locked by anti-virus, no
            // permission, a network share timing out) stops the save: linking past it would
            // break the chain for good. Junk (a folder, a pipe, an oversize or garbled file)
            // is skipped.
            let bytes = match files::read_capped(path, MAX_RECORD_BYTES) {
                Ok(bytes) => bytes,
                Err(err) if matches!(err.kind(), FileErrorKind::Io { .. }) => {
                    return Err(RecordError::File(err));
                }
                Err(_) => continue,
            };
            let Ok(entry) = seal::parse_file(path, &bytes) else {
                continue;
            };
            if entry.sequence() != *n {
                continue;
            }
            newest.get_or_insert_with(|| (*n, entry.sha256().to_owned()));
            if let Stored::Record(record) = entry {
                previous_record = Some(PreviousRecord {
                    sequence: *n,
                    sha256: record.sha256,
                });
                break;
            }
        }
        let (mut sequence, mut previous_hash) = newest.unwrap_or((0, String::new()));
        loop {
            let next = sequence + 1;
            if next > MAX_SEQUENCE {
                return Err(RecordError::Full(self.dir.clone()));
            }
            let path = self.dir.join(file_name_for(next));
            match files::read_capped(&path, MAX_RECORD_BYTES) {
                Err(err) if err.is_not_found() => {
                    return Ok(NextLink {
                        sequence: next,
                        previous_hash,
                        previous_record,
                    });
                }
                Ok(bytes) => {
                    previous_hash = seal::split_trailer(&bytes)
                        .map_or_else(|| seal::sha256_hex(&bytes), |s| s.claimed_sha256.to_owned());
                }
                Err(err) if matches!(err.kind(), FileErrorKind::Io { .. }) => {
                    return Err(RecordError::File(err));
                }
                // A file there that is not a record file at all (a FIFO, a folder, oversize):
                // skip past it.
                Err(_) => previous_hash = String::new(),
            }
            sequence = next;
        }
    }

    /// Removes temporary files left behind by a crashed save, once they are old. Best effort.
    fn remove_stale_temp_files(&self) {
        let Ok(entries) = fs_err::read_dir(&self.dir) else {
            return;
        };
        let now = SystemTime::now();
        for entry in entries.filter_map(Result::ok) {
            let is_temp = entry
                .file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(TEMP_PREFIX) || n.starts_with(head::TEMP_PREFIX));
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| now.duration_since(t).ok())
                .is_some_and(|age| age > STALE_TEMP_AGE);
            if is_temp
                && old
                && let Err(err) = fs_err::remove_file(entry.path())
            {
                log::warn!("could not remove a leftover temporary file: {err}");
            }
        }
    }

    /// The files in the folder that listing reads: everything except folders (an office's own
    /// "old" folder, say), the lock, temporary files, hidden files and the thumbnails/settings
    /// files file managers drop into folders. Named pipes and devices are listed too, and
    /// reported as unreadable (never waited on) when read.
    fn record_files(&self) -> Result<Vec<PathBuf>, FileError> {
        let entries = match fs_err::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(err) => return Err(FileError::io(&self.dir, "list the folder", err)),
        };
        let mut found = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| FileError::io(&self.dir, "list the folder", e))?;
            let name = entry.file_name();
            let ignored = name.to_str().is_some_and(|name| {
                name.starts_with('.')
                    || name == HEAD_FILE_NAME
                    || name.eq_ignore_ascii_case("thumbs.db")
                    || name.eq_ignore_ascii_case("desktop.ini")
            });
            let folder = entry.file_type().is_ok_and(|t| t.is_dir());
            if !ignored && !folder {
                found.push(entry.path());
            }
        }
        Ok(found)
    }

    /// Reads every file in the folder; unreadable ones are listed, never fatal.
    #[must_use]
    pub fn list(&self) -> Listing {
        let mut listing = Listing::default();
        let files = match self.record_files() {
            Ok(files) => files,
            Err(err) => {
                listing.unreadable.push(Unreadable {
                    path: self.dir.clone(),
                    reason: format!("the records folder cannot be read: {}", err.reason()),
                });
                return listing;
            }
        };
        for (path, result) in self.read_all(files) {
            match result {
                Ok(Stored::Record(stored)) => listing.records.push(*stored),
                Ok(Stored::Review(stored)) => listing.reviews.push(*stored),
                Err(RecordError::Unreadable { path, reason }) => {
                    listing.unreadable.push(Unreadable { path, reason });
                }
                Err(other) => listing.unreadable.push(Unreadable {
                    path,
                    reason: other.to_string(),
                }),
            }
        }
        listing
            .records
            .sort_by(|a, b| (a.record.sequence, &a.path).cmp(&(b.record.sequence, &b.path)));
        listing
            .reviews
            .sort_by(|a, b| (a.review.sequence, &a.path).cmp(&(b.review.sequence, &b.path)));
        listing.unreadable.sort_by(|a, b| a.path.cmp(&b.path));
        listing.heads = std::iter::once(self.head_path())
            .chain(self.head_copy.clone())
            .filter_map(|p| head::read(&p))
            .collect();
        listing
    }

    /// Reads files on a few named threads (reading and parsing thousands of records is
    /// CPU-bound); falls back to this thread if no thread can be started.
    fn read_all(&self, files: Vec<PathBuf>) -> Vec<(PathBuf, Result<Stored, RecordError>)> {
        let threads = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .min(8);
        if threads < 2 || files.len() < 64 {
            return files
                .into_iter()
                .map(|p| {
                    let r = self.read_entry(&p);
                    (p, r)
                })
                .collect();
        }
        let chunk = files.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = files
                .chunks(chunk)
                .enumerate()
                .map(|(i, part)| {
                    let spawned = std::thread::Builder::new()
                        .name(format!("records list {i}"))
                        .spawn_scoped(scope, move || {
                            part.iter()
                                .map(|p| (p.clone(), self.read_entry(p)))
                                .collect::<Vec<_>>()
                        });
                    (part, spawned)
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|(part, spawned)| {
                    let joined = spawned.ok().and_then(|h| h.join().ok());
                    joined.unwrap_or_else(|| {
                        part.iter()
                            .map(|p| (p.clone(), self.read_entry(p)))
                            .collect()
                    })
                })
                .collect()
        })
    }

    /// Reads one file of the folder: a record or a review (regular files only, at most
    /// [`MAX_RECORD_BYTES`]).
    pub fn read_entry(&self, path: &Path) -> Result<Stored, RecordError> {
        let unreadable = |reason: String| RecordError::Unreadable {
            path: path.to_owned(),
            reason,
        };
        let bytes =
            files::read_capped(path, MAX_RECORD_BYTES).map_err(|e| unreadable(e.reason()))?;
        seal::parse_file(path, &bytes).map_err(unreadable)
    }

    /// Reads one sign-off record file.
    pub fn read_file(&self, path: &Path) -> Result<StoredRecord, RecordError> {
        match self.read_entry(path)? {
            Stored::Record(record) => Ok(*record),
            Stored::Review(_) => Err(RecordError::Unreadable {
                path: path.to_owned(),
                reason: "it is a review, not a sign-off record".to_owned(),
            }),
        }
    }

    /// Reads the record with this number.
    pub fn read_sequence(&self, sequence: u64) -> Result<StoredRecord, RecordError> {
        if !(1..=MAX_SEQUENCE).contains(&sequence) {
            return Err(RecordError::NoSuchRecord(sequence));
        }
        let path = self.dir.join(file_name_for(sequence));
        match self.read_file(&path) {
            Err(RecordError::Unreadable { .. }) if !path.exists() => {
                Err(RecordError::NoSuchRecord(sequence))
            }
            other => other,
        }
    }
}

/// Where the next entry goes in the chain.
struct NextLink {
    /// Its number.
    sequence: u64,
    /// The hash of the entry before it.
    previous_hash: String,
    /// The newest sign-off record before it.
    previous_record: Option<PreviousRecord>,
}

/// Holds the records folder's lock; dropping it (or the process ending) releases it.
#[derive(Debug)]
pub struct LockGuard {
    file: fs_err::File,
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first just makes it prompt.
        if let Err(err) = fs4::fs_std::FileExt::unlock(self.file.file()) {
            log::warn!("could not release the records lock: {err}");
        }
    }
}
