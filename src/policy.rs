//! The office's policy: thresholds and approved programs, from `policy.ron` in the data folder
//! or the shipped defaults. It is the office's file, used by the automatic checks (and re-exported
//! as `checks::Policy`).
//!
//! A missing file means the shipped defaults, silently. A broken file (or a FIFO, a device, a
//! folder or anything over 64 KiB where the file should be) is reported, naming the file, and the
//! defaults are used, so the checks still run.

use std::path::Path;

use serde::{Deserialize, Deserializer, Serialize};

/// Most bytes read from a policy file: a real one is a few hundred.
const POLICY_CAP: u64 = 64 * 1024;

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
    /// or more than 366 is refused, naming the value's `line:col`). See `crate::calendar::window`.
    #[serde(deserialize_with = "deserialize_window_days")]
    pub signoff_days_before_election: u32,
}

/// The window when the policy says nothing: a sign-off within 60 days before each election.
pub const DEFAULT_WINDOW_DAYS: u32 = 60;

/// The longest window accepted: a year (366 days, for a leap year). A longer one would let one
/// sign-off cover elections more than a year apart, which defeats the purpose.
pub const MAX_WINDOW_DAYS: u32 = 366;

/// Checks a window length from the policy: 1 to [`MAX_WINDOW_DAYS`] days. The error says what
/// is wrong and what to write instead.
pub fn validate_window_days(days: u32) -> Result<u32, String> {
    if (1..=MAX_WINDOW_DAYS).contains(&days) {
        Ok(days)
    } else {
        Err(format!(
            "signoff_days_before_election is {days}, but it must be from 1 to {MAX_WINDOW_DAYS} \
             days; the default is {DEFAULT_WINDOW_DAYS}"
        ))
    }
}

/// Reads the policy's `signoff_days_before_election` and refuses 0 or more than
/// [`MAX_WINDOW_DAYS`], so that the policy file is reported with the value's `line:col` (for
/// `#[serde(deserialize_with = ...)]`).
pub fn deserialize_window_days<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<u32, D::Error> {
    let days = u32::deserialize(deserializer)?;
    validate_window_days(days).map_err(serde::de::Error::custom)
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            screen_lock_max_seconds: 900,
            antivirus_signature_max_days: 7,
            last_update_max_days: 35,
            restart_pending_max_days: 7,
            approved_programs: Vec::new(),
            signoff_days_before_election: DEFAULT_WINDOW_DAYS,
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
        let text = match crate::files::read_text_if_present(path, POLICY_CAP) {
            Ok(Some(text)) => text,
            Ok(None) => {
                return PolicyLoad {
                    policy: Self::default(),
                    problem: None,
                };
            }
            Err(e) => {
                return defaults(format!("{e}; using the default policy until it is fixed"));
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
    /// entry matches a name that contains it as whole words, e.g. "teamviewer" approves
    /// "`TeamViewer` 15" and "transmission" approves "transmission-gtk", but "vnc" does not
    /// approve "x11vnc" or "tightvnc").
    pub fn approves(&self, program: &str) -> bool {
        let program = program.to_lowercase();
        self.approved_programs
            .iter()
            .map(|a| a.trim().to_lowercase())
            .any(|a| !a.is_empty() && contains_words(&program, &a))
    }
}

/// Whether `words` occurs in `text` with no letter or digit right before or after it.
fn contains_words(text: &str, words: &str) -> bool {
    text.match_indices(words).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + words.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        crate::files::write_atomic(
            path,
            text.as_bytes(),
            ".test",
            crate::files::Existing::Replace,
            false,
        )
        .unwrap();
    }

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
        write(
            &path,
            "(screen_lock_max_seconds: 600, approved_programs: [\"TeamViewer\"])",
        );
        let load = Policy::load(&path);
        assert!(load.problem.is_none(), "{:?}", load.problem);
        assert_eq!(load.policy.screen_lock_max_seconds, 600);
        assert_eq!(load.policy.last_update_max_days, 35);
        assert!(load.policy.approves("TeamViewer Host"));
        assert!(!load.policy.approves("AnyDesk"));
    }

    #[test]
    fn an_approval_matches_whole_words_only() {
        let policy = Policy {
            approved_programs: vec!["vnc".into(), "Transmission".into(), " ".into()],
            ..Policy::default()
        };
        assert!(policy.approves("VNC Viewer"));
        assert!(policy.approves("transmission-gtk"));
        assert!(!policy.approves("x11vnc"));
        assert!(!policy.approves("TightVNC"));
        assert!(!policy.approves("AnyDesk"));
    }

    #[test]
    fn a_broken_file_is_reported_with_its_position_and_the_defaults_are_used() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("policy.ron");
        write(&path, "(\n  screen_lock_max_seconds: \"soon\",\n)");
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

    #[cfg(unix)]
    #[test]
    fn regression_a_fifo_or_a_device_as_the_policy_file_never_hangs() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("policy.ron");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        let load = Policy::load(&fifo);
        assert_eq!(load.policy, Policy::default());
        let problem = load.problem.unwrap();
        assert!(problem.contains("named pipe"), "{problem}");
        let link = dir.path().join("zero.ron");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let problem = Policy::load(&link).problem.unwrap();
        assert!(problem.contains("a device"), "{problem}");
    }
}
