//! Where an office's own files live: office checklists, the policy, drafts and records.
//!
//! Everything lives under one data directory: `--data-dir`, `CLERKCHECK_DATA_DIR`, or the
//! platform's per-user data directory.

use std::path::{Path, PathBuf};

use crate::records::RecordStore;

/// The environment variable that moves the user's settings folder (tests, and IT staff who
/// keep per-user settings elsewhere).
pub const SETTINGS_DIR_VAR: &str = "CLERKCHECK_SETTINGS_DIR";

/// The user's own settings folder (never shared between users or PCs), e.g.
/// `%APPDATA%\clerkcheck\config` on Windows, `~/.config/clerkcheck` on Linux:
/// `CLERKCHECK_SETTINGS_DIR` if set. `None` when the platform has no home directory.
pub fn settings_dir() -> Option<PathBuf> {
    match std::env::var_os(SETTINGS_DIR_VAR) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => {
            directories::ProjectDirs::from("", "", "clerkcheck").map(|d| d.config_dir().to_owned())
        }
    }
}

/// The data directory and the well-known paths inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
    settings: Option<PathBuf>,
}

impl DataDir {
    /// A data directory at `root` (it is created on first write, not here).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            settings: None,
        }
    }

    /// The same data directory, with the user's settings kept in `settings` instead of the
    /// platform's settings folder (tests).
    #[must_use]
    pub fn with_settings(mut self, settings: impl Into<PathBuf>) -> Self {
        self.settings = Some(settings.into());
        self
    }

    /// The user's own settings folder for this data directory (see [`settings_dir`]).
    pub fn settings(&self) -> Option<PathBuf> {
        self.settings.clone().or_else(settings_dir)
    }

    /// The platform's per-user data directory, e.g. `%APPDATA%\clerkcheck\data` on Windows,
    /// `~/Library/Application Support/clerkcheck` on macOS, `~/.local/share/clerkcheck` on Linux.
    /// `None` when the platform has no home directory to put it in.
    pub fn platform_default() -> Option<Self> {
        directories::ProjectDirs::from("", "", "clerkcheck").map(|d| Self::new(d.data_dir()))
    }

    /// The root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Folder of the office's own checklist files (`*.ron`).
    pub fn checklists(&self) -> PathBuf {
        self.root.join("checklists")
    }

    /// Folder of signed-off records.
    pub fn records(&self) -> PathBuf {
        self.root.join("records")
    }

    /// The office's policy file (thresholds and approved programs).
    pub fn policy_file(&self) -> PathBuf {
        self.root.join("policy.ron")
    }

    /// The office's special elections (`elections.ron`), added to the regular calendar.
    pub fn elections_file(&self) -> PathBuf {
        self.root.join("elections.ron")
    }

    /// The autosaved draft of the sign-off in progress.
    pub fn draft_file(&self) -> PathBuf {
        self.root.join("draft.ron")
    }

    /// The records folder as a store, keeping a copy of its head file in the user's settings
    /// folder (one file per records folder, named after the folder's path), so deleting the
    /// newest records shows even when the folder's own head file is deleted with them.
    pub fn record_store(&self) -> RecordStore {
        let store = RecordStore::new(self.records());
        match self.settings() {
            Some(settings) => {
                store.with_head_copy(settings.join("heads").join(self.head_copy_name()))
            }
            None => store,
        }
    }

    /// The name of this records folder's head copy: a fingerprint of its absolute path.
    fn head_copy_name(&self) -> String {
        let records = self.records();
        let absolute = std::path::absolute(&records).unwrap_or(records);
        let hash = crate::records::seal::sha256_hex(absolute.to_string_lossy().as_bytes());
        format!("{}.ron", &hash[..16])
    }
}
