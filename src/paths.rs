//! Where an office's own files live: office checklists, the policy, drafts and records.
//!
//! Everything lives under one data directory: `--data-dir`, `CLERKCHECK_DATA_DIR`, or the
//! platform's per-user data directory.

use std::path::{Path, PathBuf};

/// The data directory and the well-known paths inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// A data directory at `root` (it is created on first write, not here).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
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
}
