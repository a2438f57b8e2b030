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

use super::model::{MAX_SEQUENCE, Record};
use super::seal::{
    self, MAX_RECORD_BYTES, SealError, StoredRecord, file_name_for, sequence_from_file_name,
};
use crate::files::{self, Existing, FileError};

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
    /// Readable records, by sequence number.
    pub records: Vec<StoredRecord>,
    /// Files that could not be read, with the reason.
    pub unreadable: Vec<Unreadable>,
}

/// The records folder of a data directory.
#[derive(Debug, Clone)]
pub struct RecordStore {
    dir: PathBuf,
    lock_timeout: Duration,
}

impl RecordStore {
    /// The store in `dir` (created on first save).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
        }
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

    /// Saves `record` as the next in the chain: sets its sequence and previous hash, writes it
    /// atomically under the lock, and returns it as stored.
    pub fn save(&self, mut record: Record) -> Result<StoredRecord, RecordError> {
        let _lock = self.lock()?;
        self.remove_stale_temp_files();
        let (sequence, previous_hash) = self.next_link()?;
        record.sequence = sequence;
        record.previous_hash = previous_hash;
        let sealed = seal::seal(&record)?;
        let path = self.dir.join(file_name_for(record.sequence));
        files::write_atomic(&path, &sealed.bytes, TEMP_PREFIX, Existing::Keep, true)?;
        Ok(StoredRecord {
            path,
            record,
            content_sha256: sealed.sha256.clone(),
            sha256: sealed.sha256,
        })
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

    /// The number of the next record and the hash it links to.
    ///
    /// The newest record is the highest-numbered file that reads as a record; a file that does
    /// not (junk dropped into the folder under any number) cannot push the numbering up. If the
    /// files right after the newest record exist but are damaged (a newest record cut short by a
    /// crash of the disk), the next record takes the first free number after them and links to
    /// the damaged file's claimed hash, or to the hash of its bytes as they are, so the chain
    /// goes on and the damage stays visible.
    fn next_link(&self) -> Result<(u64, String), RecordError> {
        let mut numbered: Vec<(u64, PathBuf)> = self
            .record_files()?
            .into_iter()
            .filter_map(|p| sequence_from_file_name(&p).map(|n| (n, p)))
            .collect();
        numbered.sort_unstable_by_key(|(n, _)| std::cmp::Reverse(*n));
        let newest = numbered.iter().find_map(|(n, path)| {
            self.read_file(path)
                .ok()
                .filter(|stored| stored.record.sequence == *n)
                .map(|stored| (*n, stored.sha256))
        });
        let (mut sequence, mut hash) = newest.unwrap_or((0, String::new()));
        loop {
            let next = sequence + 1;
            if next > MAX_SEQUENCE {
                return Err(RecordError::Full(self.dir.clone()));
            }
            let path = self.dir.join(file_name_for(next));
            match files::read_capped(&path, MAX_RECORD_BYTES) {
                Err(err) if err.is_not_found() => return Ok((next, hash)),
                Ok(bytes) => {
                    hash = seal::split_trailer(&bytes)
                        .map_or_else(|| seal::sha256_hex(&bytes), |s| s.claimed_sha256.to_owned());
                }
                // A file there that cannot even be read (a FIFO, a folder): skip past it.
                Err(_) => hash = String::new(),
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
                .is_some_and(|n| n.starts_with(TEMP_PREFIX));
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
                Ok(stored) => listing.records.push(stored),
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
        listing.unreadable.sort_by(|a, b| a.path.cmp(&b.path));
        listing
    }

    /// Reads files on a few named threads (reading and parsing thousands of records is
    /// CPU-bound); falls back to this thread if no thread can be started.
    fn read_all(&self, files: Vec<PathBuf>) -> Vec<(PathBuf, Result<StoredRecord, RecordError>)> {
        let threads = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .min(8);
        if threads < 2 || files.len() < 64 {
            return files
                .into_iter()
                .map(|p| {
                    let r = self.read_file(&p);
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
                                .map(|p| (p.clone(), self.read_file(p)))
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
                            .map(|p| (p.clone(), self.read_file(p)))
                            .collect()
                    })
                })
                .collect()
        })
    }

    /// Reads one record file (regular files only, at most [`MAX_RECORD_BYTES`]).
    pub fn read_file(&self, path: &Path) -> Result<StoredRecord, RecordError> {
        let unreadable = |reason: String| RecordError::Unreadable {
            path: path.to_owned(),
            reason,
        };
        let bytes =
            files::read_capped(path, MAX_RECORD_BYTES).map_err(|e| unreadable(e.reason()))?;
        seal::parse_file(path, &bytes).map_err(unreadable)
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
