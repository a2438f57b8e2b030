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

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::integrity::{self, file_name_for, sequence_from_file_name};
use super::model::Record;

/// How long a save waits for another clerkcheck's save to finish before giving up.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(30);

/// The largest file read as a record (16 MiB); a real record is a few dozen KiB.
pub const MAX_RECORD_BYTES: u64 = 16 * 1024 * 1024;

/// The name of the lock file inside the records folder.
pub const LOCK_FILE_NAME: &str = ".lock";

/// The prefix of temporary files written during a save.
pub const TEMP_PREFIX: &str = ".tmp-record-";

/// Temporary files older than this are leftovers of a crash and are removed by the next save.
const STALE_TEMP_AGE: Duration = Duration::from_mins(10);

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
    /// The record could not be serialized (not expected to happen).
    #[error("{0}")]
    Seal(#[from] integrity::SealError),
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
    /// SHA-256 (hex) of the content bytes as they are in the file now. It differs from `sha256`
    /// only when the file was edited after it was written.
    pub content_sha256: String,
}

impl StoredRecord {
    /// The fingerprint printed on the certification: the first 16 hex digits of the hash.
    #[must_use]
    pub fn fingerprint(&self) -> &str {
        self.sha256.get(..16).unwrap_or(&self.sha256)
    }

    /// True when the file's content no longer matches the hash in its trailer.
    #[must_use]
    pub fn is_altered(&self) -> bool {
        self.sha256 != self.content_sha256
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
        fs_err::create_dir_all(&self.dir)?;
        let _lock = self.lock()?;
        self.remove_stale_temp_files();
        let (newest, previous_hash) = self.newest_link()?;
        record.sequence = newest + 1;
        record.previous_hash = previous_hash;
        let sealed = integrity::seal(&record)?;
        let path = self.dir.join(file_name_for(record.sequence));
        self.write_new(&path, &sealed.bytes)?;
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
        fs_err::create_dir_all(&self.dir)?;
        let path = self.lock_path();
        let file = fs_err::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        let named = |e: std::io::Error| {
            std::io::Error::new(e.kind(), format!("cannot lock {}: {e}", path.display()))
        };
        if fs4::fs_std::FileExt::try_lock_exclusive(file.file()).map_err(named)? {
            return Ok(LockGuard { file });
        }
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("records lock".to_owned())
            .spawn(move || {
                let result = fs4::fs_std::FileExt::lock_exclusive(file.file()).map(|()| file);
                // If nobody waits any more, the file comes back here and is dropped: unlocked.
                drop(sender.send(result));
            })?;
        match receiver.recv_timeout(self.lock_timeout) {
            Ok(Ok(file)) => Ok(LockGuard { file }),
            Ok(Err(err)) => Err(RecordError::Io(named(err))),
            Err(_) => Err(RecordError::LockTimeout {
                dir: self.dir.clone(),
                seconds: self.lock_timeout.as_secs(),
            }),
        }
    }

    /// The newest sequence number in the folder (0 when empty) and the hash to link to.
    ///
    /// The hash is the one in the newest file's trailer; if that file has no readable trailer
    /// (damaged by hand), the new record links to the SHA-256 of the whole file as it is, so the
    /// chain goes on and the damage stays visible.
    fn newest_link(&self) -> Result<(u64, String), RecordError> {
        let newest = self
            .record_files()?
            .into_iter()
            .filter_map(|p| sequence_from_file_name(&p).map(|n| (n, p)))
            .max_by_key(|(n, _)| *n);
        let Some((sequence, path)) = newest else {
            return Ok((0, String::new()));
        };
        let bytes = read_capped(&path)?;
        let hash = integrity::split_trailer(&bytes).map_or_else(
            || integrity::sha256_hex(&bytes),
            |s| s.claimed_sha256.to_owned(),
        );
        Ok((sequence, hash))
    }

    /// Writes `bytes` to `path` atomically, refusing to replace an existing file.
    fn write_new(&self, path: &Path, bytes: &[u8]) -> Result<(), RecordError> {
        let named = |e: std::io::Error, what: &str| {
            std::io::Error::new(e.kind(), format!("{what} in {}: {e}", self.dir.display()))
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_PREFIX);
        // Read-only for everyone (within the umask): other clerks' accounts on a shared folder
        // can read the record, and nobody edits it by accident. (Windows: inherited ACLs.)
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o444));
        let mut temp = builder
            .tempfile_in(&self.dir)
            .map_err(|e| named(e, "cannot create a temporary file"))?;
        temp.write_all(bytes)
            .and_then(|()| temp.flush())
            .and_then(|()| temp.as_file().sync_all())
            .map_err(|e| named(e, "cannot write the record"))?;
        if let Err(err) = temp.persist_noclobber(path) {
            if err.error.kind() == std::io::ErrorKind::AlreadyExists || path.exists() {
                return Err(RecordError::Io(std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    format!(
                        "{} already exists; records are never overwritten",
                        path.display()
                    ),
                )));
            }
            // Some shared folders (SMB, FAT) cannot make hard links and have no "rename unless
            // it exists". We hold the lock and the name is free, so a plain rename is safe.
            err.file.persist(path).map_err(|e| {
                std::io::Error::new(
                    e.error.kind(),
                    format!("cannot name the record {}: {}", path.display(), e.error),
                )
            })?;
        }
        sync_dir(&self.dir)?;
        Ok(())
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

    /// The files in the folder that listing reads: everything except the lock, temporary files,
    /// hidden files and the thumbnails/settings files file managers drop into folders.
    fn record_files(&self) -> Result<Vec<PathBuf>, std::io::Error> {
        let entries = match fs_err::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(err) => return Err(err),
        };
        let mut files = Vec::new();
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                files.push(entry.path());
                continue;
            };
            let ignored = name.starts_with('.')
                || name.eq_ignore_ascii_case("thumbs.db")
                || name.eq_ignore_ascii_case("desktop.ini");
            if !ignored && !entry.file_type().is_ok_and(|t| t.is_dir()) {
                files.push(entry.path());
            }
        }
        Ok(files)
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
                    reason: format!("the records folder cannot be read: {err}"),
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

    /// Reads one record file.
    pub fn read_file(&self, path: &Path) -> Result<StoredRecord, RecordError> {
        let bytes = read_capped(path).map_err(|e| RecordError::Unreadable {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
        integrity::parse_file(path, &bytes).map_err(|reason| RecordError::Unreadable {
            path: path.to_owned(),
            reason,
        })
    }

    /// Reads the record with this sequence number.
    pub fn read_sequence(&self, sequence: u64) -> Result<StoredRecord, RecordError> {
        let path = self.dir.join(file_name_for(sequence));
        if !path.exists() {
            return Err(RecordError::NoSuchRecord(sequence));
        }
        self.read_file(&path)
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

/// Reads a whole file, refusing one larger than [`MAX_RECORD_BYTES`].
fn read_capped(path: &Path) -> Result<Vec<u8>, std::io::Error> {
    let file = fs_err::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_RECORD_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_RECORD_BYTES {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "larger than {} MiB: not a record",
                MAX_RECORD_BYTES / 1024 / 1024
            ),
        ));
    }
    Ok(bytes)
}

/// Makes the new file name durable: fsyncs the folder (Unix).
#[cfg(unix)]
fn sync_dir(dir: &Path) -> Result<(), std::io::Error> {
    fs_err::File::open(dir)?.sync_all()
}

/// Windows cannot open a folder as a file to fsync it; NTFS journals the rename itself, and
/// the file's own data was already flushed before it was named.
#[cfg(not(unix))]
// The same signature as the Unix version, so the caller is the same on every OS.
#[allow(clippy::unnecessary_wraps)]
fn sync_dir(_dir: &Path) -> Result<(), std::io::Error> {
    Ok(())
}
