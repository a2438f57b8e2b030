//! The office's policy: thresholds and approved programs, from `policy.ron` or shipped defaults.
//!
//! (Interface first; the checks work fills it in.)

use std::path::Path;

use serde::{Deserialize, Serialize};

/// Thresholds and the allowlist the checks are judged against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// Longest idle time before the screen locks, in seconds.
    pub screen_lock_max_seconds: u32,
    /// Oldest acceptable anti-virus signatures, in days.
    pub antivirus_signature_max_days: u32,
    /// Longest time since the last update was installed, in days.
    pub last_update_max_days: u32,
    /// Longest a restart may be pending, in days.
    pub restart_pending_max_days: u32,
    /// Programs the office approved (e.g. the county's remote-support tool), matched by name.
    pub approved_programs: Vec<String>,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            screen_lock_max_seconds: 900,
            antivirus_signature_max_days: 7,
            last_update_max_days: 35,
            restart_pending_max_days: 7,
            approved_programs: Vec::new(),
        }
    }
}

/// The policy in use, and the problem with the office's file if it could not be used.
#[derive(Debug, Clone)]
pub struct PolicyLoad {
    /// The policy to use (the defaults when the file is missing or broken).
    pub policy: Policy,
    /// Why the office's policy file was not used, naming the file; `None` when it was, or when
    /// there is none.
    pub problem: Option<String>,
}

impl Policy {
    /// Loads the policy file at `path`; a missing file means the defaults, a broken one is
    /// reported and the defaults are used.
    pub fn load(path: &Path) -> PolicyLoad {
        let _ = path;
        PolicyLoad {
            policy: Self::default(),
            problem: None,
        }
    }
}
