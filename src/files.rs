//! File primitives the whole program uses: capped reads of regular files only, atomic writes,
//! and I/O errors in plain words that name the file.
//!
//! Nothing else in `src/` opens, reads or writes files directly (`clippy.toml` bans `std::fs`,
//! and `tests/architecture.rs` fails if a module reads with `fs_err` outside this one). So every
//! file the program reads is checked the same way before a byte is read:
//!
//! - it must be a regular file: a folder, a named pipe (FIFO), a device such as `/dev/zero` or a
//!   socket is refused, also behind a symbolic link, and a FIFO is never waited on (on Unix the
//!   file is opened non-blocking and checked again after opening);
//! - its size must be within the caller's cap, checked before reading, and reading stops at the
//!   cap should the file grow meanwhile.
//!
//! Writes go to a temporary file in the same folder, are flushed to disk, and then take the
//! final name in one step, so a crash leaves the old file or the new one, never half of one.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

/// Why a file could not be read or written, in plain words, naming the file.
///
/// [`FileError::detail`] keeps the operating system's own wording for the log.
#[derive(Debug, thiserror::Error)]
#[error("{}: {}", path.display(), self.reason())]
pub struct FileError {
    /// The file or folder.
    path: PathBuf,
    /// What went wrong.
    kind: FileErrorKind,
}

/// What went wrong with a file.
#[derive(Debug)]
pub enum FileErrorKind {
    /// There is no such file.
    NotFound,
    /// The path is a folder, a named pipe, a device or a socket, not a regular file.
    NotAFile {
        /// What it is instead, e.g. "a named pipe (FIFO)".
        what: &'static str,
    },
    /// The file is larger than the caller accepts.
    TooLarge {
        /// Its size (or the cap plus one when it grew while being read).
        size: u64,
        /// The most the caller reads.
        cap: u64,
    },
    /// The file is not text in UTF-8.
    NotUtf8 {
        /// Where the first invalid byte is.
        offset: usize,
    },
    /// Any other I/O error.
    Io {
        /// What was being done, e.g. "read the file".
        action: &'static str,
        /// The operating system's error, for the log.
        source: std::io::Error,
    },
}

impl FileError {
    /// An error of `kind` about `path`.
    pub fn new(path: &Path, kind: FileErrorKind) -> Self {
        Self {
            path: path.to_owned(),
            kind,
        }
    }

    /// An I/O error while doing `action` on `path`.
    pub fn io(path: &Path, action: &'static str, source: std::io::Error) -> Self {
        if source.kind() == std::io::ErrorKind::NotFound && action.starts_with("open") {
            return Self::new(path, FileErrorKind::NotFound);
        }
        Self::new(path, FileErrorKind::Io { action, source })
    }

    /// The path the error is about.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What went wrong.
    pub fn kind(&self) -> &FileErrorKind {
        &self.kind
    }

    /// True when the file does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self.kind, FileErrorKind::NotFound)
    }

    /// What went wrong and what to do, in plain words, without the path.
    pub fn reason(&self) -> String {
        match &self.kind {
            FileErrorKind::NotFound => "the file does not exist".to_owned(),
            FileErrorKind::NotAFile { what } => {
                format!("this is {what}, not a regular file; put a regular file there or remove it")
            }
            FileErrorKind::TooLarge { size, cap } => format!(
                "the file is {size} bytes, more than the {cap} bytes clerkcheck reads from such \
                 a file; it is not the file clerkcheck expects"
            ),
            FileErrorKind::NotUtf8 { offset } => format!(
                "the file is not text in UTF-8 (byte {offset} is not valid); save it as UTF-8 text"
            ),
            FileErrorKind::Io { action, source } => {
                format!("could not {action}: {}", plain_reason(source))
            }
        }
    }

    /// The technical detail (the operating system's own words) for the log.
    pub fn detail(&self) -> String {
        match &self.kind {
            FileErrorKind::Io { source, .. } => format!("{self} ({source})"),
            _ => self.to_string(),
        }
    }
}

/// The reason for an I/O error in plain words, with what to do where there is something to do.
pub fn plain_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match err.kind() {
        K::NotFound => "it does not exist".to_owned(),
        K::PermissionDenied => {
            "this account is not allowed to; ask your IT support for access to it".to_owned()
        }
        K::AlreadyExists => "something with that name already exists".to_owned(),
        K::StorageFull => "the disk is full; free some space and try again".to_owned(),
        K::ReadOnlyFilesystem => "the disk or folder is read-only".to_owned(),
        K::NotADirectory => "part of the path is a file where a folder should be".to_owned(),
        K::IsADirectory => "it is a folder, not a file".to_owned(),
        K::TimedOut | K::WouldBlock => {
            "the disk or network share did not answer in time; try again".to_owned()
        }
        K::InvalidData | K::UnexpectedEof => "its content is damaged".to_owned(),
        K::Interrupted => "it was interrupted; try again".to_owned(),
        K::OutOfMemory => "the computer ran out of memory".to_owned(),
        _ => "the operating system refused (see the log for its exact words)".to_owned(),
    }
}

/// What a non-regular file is, in words, or `None` for a regular file.
fn not_regular(file_type: std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some("a device");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    Some("something other than a regular file")
}

/// Opens `path` for reading without ever waiting on it: on Unix, non-blocking, so that opening a
/// named pipe returns at once (the caller then refuses it as not a regular file).
fn open_for_reading(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    #[expect(
        clippy::disallowed_methods,
        reason = "this is the one place files are opened for reading; errors are named here"
    )]
    options.open(path)
}

/// Reads a whole regular file of at most `cap` bytes.
///
/// Refuses, without reading a byte, anything that is not a regular file (also behind a symbolic
/// link) and a file larger than `cap`; stops at `cap` should the file grow while being read.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, FileError> {
    // Looked at before opening, so a FIFO is refused without being opened at all.
    let meta = std::fs::metadata(path).map_err(|e| FileError::io(path, "open the file", e))?;
    check_regular_and_size(path, &meta, cap)?;
    let file = open_for_reading(path).map_err(|e| FileError::io(path, "open the file", e))?;
    // Looked at again on what was opened: the path may have been swapped in between.
    let meta = file
        .metadata()
        .map_err(|e| FileError::io(path, "read the file", e))?;
    check_regular_and_size(path, &meta, cap)?;
    let capacity = usize::try_from(meta.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::io(path, "read the file", e))?;
    if bytes.len() as u64 > cap {
        return Err(FileError::new(
            path,
            FileErrorKind::TooLarge {
                size: bytes.len() as u64,
                cap,
            },
        ));
    }
    Ok(bytes)
}

/// Refuses what is not a regular file or is larger than `cap`.
fn check_regular_and_size(
    path: &Path,
    meta: &std::fs::Metadata,
    cap: u64,
) -> Result<(), FileError> {
    if let Some(what) = not_regular(meta.file_type()) {
        return Err(FileError::new(path, FileErrorKind::NotAFile { what }));
    }
    if meta.len() > cap {
        return Err(FileError::new(
            path,
            FileErrorKind::TooLarge {
                size: meta.len(),
                cap,
            },
        ));
    }
    Ok(())
}

/// Reads a whole regular file of at most `cap` bytes as UTF-8 text (a leading byte-order mark,
/// as Windows Notepad writes, is dropped).
pub fn read_text_capped(path: &Path, cap: u64) -> Result<String, FileError> {
    let bytes = read_capped(path, cap)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        FileError::new(
            path,
            FileErrorKind::NotUtf8 {
                offset: e.utf8_error().valid_up_to(),
            },
        )
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

/// Like [`read_text_capped`], but a missing file is `Ok(None)`.
pub fn read_text_if_present(path: &Path, cap: u64) -> Result<Option<String>, FileError> {
    match read_text_capped(path, cap) {
        Ok(text) => Ok(Some(text)),
        Err(err) if err.is_not_found() => Ok(None),
        Err(err) => Err(err),
    }
}

/// Creates `dir` and its parents. A file standing where a folder should be is named as such.
pub fn create_dir_all(dir: &Path) -> Result<(), FileError> {
    match fs_err::create_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(err) => {
            let blocking_file = dir
                .ancestors()
                .find(|p| p.metadata().is_ok_and(|m| !m.is_dir()));
            match blocking_file {
                Some(file) => Err(FileError::new(
                    file,
                    FileErrorKind::NotAFile {
                        what: "a file where clerkcheck needs a folder",
                    },
                )),
                None => Err(FileError::io(dir, "create the folder", into_io(err))),
            }
        }
    }
}

/// fs-err wraps the OS error to name the path; we name it ourselves, so keep the OS error.
fn into_io(err: std::io::Error) -> std::io::Error {
    let kind = err.kind();
    match err.into_inner() {
        Some(inner) => match inner.downcast::<std::io::Error>() {
            Ok(io) => *io,
            Err(other) => std::io::Error::new(kind, other),
        },
        None => std::io::Error::from(kind),
    }
}

/// Opens (creating it if needed) a small file that is only ever locked, never read or written,
/// such as `records/.lock`.
pub fn open_lock_file(path: &Path) -> Result<fs_err::File, FileError> {
    if let Some(dir) = path.parent() {
        create_dir_all(dir)?;
    }
    #[expect(
        clippy::disallowed_methods,
        reason = "a lock file is opened here, in the one place files are opened"
    )]
    let file = fs_err::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path);
    file.map_err(|e| FileError::io(path, "open the lock file", into_io(e)))
}

/// Opens (creating it and its folder if needed) a file to append to, such as the log file.
/// A named pipe or device there is refused, never waited on.
pub fn open_for_append(path: &Path) -> Result<std::fs::File, FileError> {
    if let Some(dir) = path.parent() {
        create_dir_all(dir)?;
    }
    if let Ok(meta) = std::fs::symlink_metadata(path)
        && let Some(what) = not_regular(meta.file_type())
    {
        return Err(FileError::new(path, FileErrorKind::NotAFile { what }));
    }
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    #[expect(
        clippy::disallowed_methods,
        reason = "a file to append to is opened here, in the one place files are opened"
    )]
    let file = options
        .open(path)
        .map_err(|e| FileError::io(path, "open the file", e))?;
    Ok(file)
}

/// Removes a file; a file that is already gone is fine.
pub fn remove_if_present(path: &Path) -> Result<(), FileError> {
    match fs_err::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(FileError::io(path, "remove the file", into_io(e))),
    }
}

/// How [`write_atomic`] treats an existing file at the destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Replace it (drafts, exports, settings).
    Replace,
    /// Refuse to replace it (records are never overwritten).
    Keep,
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder (named with
/// `temp_prefix`), flushed to disk, then given the final name in one step, then the folder is
/// flushed. The folder is created if needed. With [`Existing::Keep`] an existing file is never
/// replaced (an I/O error of kind `AlreadyExists`). `read_only` makes the new file read-only
/// (Unix permissions; on Windows the folder's permissions apply).
pub fn write_atomic(
    path: &Path,
    bytes: &[u8],
    temp_prefix: &str,
    existing: Existing,
    read_only: bool,
) -> Result<(), FileError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    create_dir_all(&dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(temp_prefix);
    #[cfg(unix)]
    if read_only {
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o444));
    }
    #[cfg(not(unix))]
    let _ = read_only;
    let mut temp = builder
        .tempfile_in(&dir)
        .map_err(|e| FileError::io(&dir, "create a temporary file in the folder", e))?;
    temp.write_all(bytes)
        .and_then(|()| temp.flush())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| FileError::io(path, "write the file", e))?;
    match existing {
        Existing::Replace => {
            temp.persist(path)
                .map_err(|e| FileError::io(path, "give the file its name", e.error))?;
        }
        Existing::Keep => {
            if let Err(err) = temp.persist_noclobber(path) {
                if err.error.kind() == std::io::ErrorKind::AlreadyExists || path.exists() {
                    return Err(FileError::io(
                        path,
                        "create the file",
                        std::io::Error::from(std::io::ErrorKind::AlreadyExists),
                    ));
                }
                // Some shared folders (SMB, FAT) cannot make hard links and have no "rename
                // unless it exists"; the callers that keep existing files hold a lock and have
                // just seen the name free, so a plain rename is safe.
                err.file
                    .persist(path)
                    .map_err(|e| FileError::io(path, "give the file its name", e.error))?;
            }
        }
    }
    sync_dir(&dir)
}

/// Makes a new file name durable: flushes the folder (Unix).
#[cfg(unix)]
fn sync_dir(dir: &Path) -> Result<(), FileError> {
    open_for_reading(dir)
        .and_then(|f| f.sync_all())
        .map_err(|e| FileError::io(dir, "flush the folder to disk", e))
}

/// Windows cannot open a folder as a file to flush it; NTFS journals the rename itself, and the
/// file's own data was flushed before it was named.
#[cfg(not(unix))]
#[expect(
    clippy::unnecessary_wraps,
    reason = "the same signature as the Unix version, so callers are the same on every OS"
)]
fn sync_dir(_dir: &Path) -> Result<(), FileError> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_small_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        write_atomic(
            &path,
            b"\xef\xbb\xbfhello",
            ".tmp-",
            Existing::Replace,
            false,
        )
        .unwrap();
        assert_eq!(read_text_capped(&path, 100).unwrap(), "hello");
        assert_eq!(read_capped(&path, 100).unwrap().len(), 8);
    }

    #[test]
    fn refuses_a_file_over_the_cap_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        write_atomic(&path, &[b'x'; 101], ".tmp-", Existing::Replace, false).unwrap();
        let err = read_capped(&path, 100).unwrap_err();
        assert!(
            matches!(
                err.kind(),
                FileErrorKind::TooLarge {
                    size: 101,
                    cap: 100
                }
            ),
            "{err}"
        );
        assert!(err.to_string().contains("big"), "{err}");
    }

    #[test]
    fn a_missing_file_is_not_found_and_optional() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("none.ron");
        assert!(read_capped(&path, 10).unwrap_err().is_not_found());
        assert_eq!(read_text_if_present(&path, 10).unwrap(), None);
    }

    #[test]
    fn a_folder_is_refused_in_words() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_capped(dir.path(), 10).unwrap_err();
        assert!(err.to_string().contains("a folder"), "{err}");
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("latin1.ron");
        write_atomic(&path, b"ab\xe9", ".tmp-", Existing::Replace, false).unwrap();
        let err = read_text_capped(&path, 10).unwrap_err();
        assert!(
            matches!(err.kind(), FileErrorKind::NotUtf8 { offset: 2 }),
            "{err}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("policy.ron");
        let status = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(status.success());
        let err = read_capped(&path, 10).unwrap_err();
        assert!(err.to_string().contains("named pipe"), "{err}");
        // Behind a symbolic link too.
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        let err = read_capped(&link, 10).unwrap_err();
        assert!(
            matches!(err.kind(), FileErrorKind::NotAFile { .. }),
            "{err}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_behind_a_link_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("kscreenlockerrc");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let err = read_capped(&link, 1 << 30).unwrap_err();
        assert!(err.to_string().contains("a device"), "{err}");
    }

    #[test]
    fn keep_never_replaces_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("000001.ron");
        write_atomic(&path, b"first", ".tmp-", Existing::Keep, true).unwrap();
        let err = write_atomic(&path, b"second", ".tmp-", Existing::Keep, true).unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
        assert_eq!(read_capped(&path, 100).unwrap(), b"first");
        // No temporary file is left behind.
        assert_eq!(fs_err::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn replace_overwrites_and_creates_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("draft.ron");
        write_atomic(&path, b"one", ".tmp-", Existing::Replace, false).unwrap();
        write_atomic(&path, b"two", ".tmp-", Existing::Replace, false).unwrap();
        assert_eq!(read_capped(&path, 100).unwrap(), b"two");
    }

    #[test]
    fn a_file_where_a_folder_should_be_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("records");
        write_atomic(&blocker, b"x", ".tmp-", Existing::Replace, false).unwrap();
        let err = create_dir_all(&blocker.join("inner")).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("records") && text.contains("needs a folder"),
            "{text}"
        );
        assert!(!text.contains("os error"), "{text}");
    }
}
