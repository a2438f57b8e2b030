//! The office's policy: thresholds and approved programs, from `policy.ron` or shipped defaults.
//!
//! A missing file means the shipped defaults, silently. A broken file is reported (naming
//! `file:line:col`) and the defaults are used, so the checks still run.

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
    /// How many days before each election a sign-off counts for it (1 to 366, default 60; 0
    /// or more than 366 is refused, naming the value's `line:col`). See [`crate::calendar::window`].
    #[serde(deserialize_with = "crate::calendar::deserialize_window_days")]
    pub signoff_days_before_election: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            screen_lock_max_seconds: 900,
            antivirus_signature_max_days: 7,
            last_update_max_days: 35,
            restart_pending_max_days: 7,
            approved_programs: Vec::new(),
            signoff_days_before_election: crate::calendar::DEFAULT_WINDOW_DAYS,
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
        let defaults = |problem: String| PolicyLoad {
            policy: Self::default(),
            problem: Some(problem),
        };
        let text = match fs_err::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return PolicyLoad {
                    policy: Self::default(),
                    problem: None,
                };
            }
            Err(e) => {
                return defaults(format!(
                    "the policy file could not be read ({e}); using the default policy"
                ));
            }
        };
        match Self::parse(&text) {
            Ok(policy) => PolicyLoad {
                policy,
                problem: None,
            },
            Err(e) => defaults(format!(
                "{}:{}:{}: the policy file is broken ({}); using the default policy until it is fixed",
                path.display(),
                e.span.start.line,
                e.span.start.col,
                e.code
            )),
        }
    }

    /// Parses policy text (RON). Fields left out keep their defaults.
    pub fn parse(text: &str) -> Result<Self, ron::error::SpannedError> {
        ron::from_str(text)
    }

    /// Whether a program name is on the office's approved list (case-insensitive; an approved
    /// entry matches a name that contains it, e.g. "teamviewer" approves "TeamViewer 15").
    pub fn approves(&self, program: &str) -> bool {
        let program = program.to_lowercase();
        self.approved_programs
            .iter()
            .map(|a| a.trim().to_lowercase())
            .any(|a| !a.is_empty() && program.contains(&a))
    }
}

#[cfg(test)]
// Tests fail loudly on purpose: unwrap is the assertion.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_gives_the_defaults_silently() {
        let dir = tempfile::tempdir().unwrap();
        let load = Policy::load(&dir.path().join("policy.ron"));
        assert_eq!(load.policy, Policy::default());
        assert!(load.problem.is_none());
    }

    #[test]
    fn a_partial_file_keeps_the_other_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("policy.ron");
        fs_err::write(
            &path,
            "(screen_lock_max_seconds: 600, approved_programs: [\"TeamViewer\"])",
        )
        .unwrap();
        let load = Policy::load(&path);
        assert!(load.problem.is_none(), "{:?}", load.problem);
        assert_eq!(load.policy.screen_lock_max_seconds, 600);
        assert_eq!(load.policy.last_update_max_days, 35);
        assert!(load.policy.approves("TeamViewer Host"));
        assert!(!load.policy.approves("AnyDesk"));
    }

    #[test]
    fn a_broken_file_is_reported_with_its_position_and_the_defaults_are_used() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("policy.ron");
        fs_err::write(&path, "(\n  screen_lock_max_seconds: \"soon\",\n)").unwrap();
        let load = Policy::load(&path);
        assert_eq!(load.policy, Policy::default());
        let problem = load.problem.unwrap();
        assert!(
            problem.starts_with(&format!("{}:2:", path.display())),
            "{problem}"
        );
        let typo = Policy::parse("(screen_lock_max_secs: 1)");
        assert!(typo.is_err(), "unknown fields are mistakes");
    }
}
