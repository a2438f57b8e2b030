//! The thin, OS-specific probe layer: reads files, registry values and system APIs (and on
//! macOS and Linux runs programs), then hands what it read to the pure parsers and the shared
//! rules. Only this layer is `#[cfg]`.
//!
//! Each run of the checks gathers its facts afresh ([`Gather`] lives for one run only), and the
//! checks of one run share them: the update facts, for example, are read once for both
//! `auto-updates` and `recent-updates`.

use chrono::{DateTime, Utc};

use super::{CheckId, Finding, Policy};

#[cfg(any(windows, test))]
pub(crate) mod deadline;
#[cfg(all(unix, not(target_os = "macos")))]
mod linux;
#[cfg(target_os = "macos")]
mod macos;
#[cfg(unix)]
pub(crate) mod process;
#[cfg(windows)]
mod windows;

/// Most bytes read from one settings or status file (os-release, ufw.conf, kscreenlockerrc,
/// sign-in screen configurations…): far more than any real one.
#[cfg(all(unix, not(target_os = "macos")))]
pub(crate) const FILE_CAP: u64 = 256 * 1024;

/// The facts of one run of the checks on this computer, read when first needed.
#[derive(Default)]
pub(crate) struct Gather {
    #[cfg(all(unix, not(target_os = "macos")))]
    os: linux::Facts,
    #[cfg(target_os = "macos")]
    os: macos::Facts,
    #[cfg(windows)]
    os: windows::Facts,
}

impl Gather {
    /// Runs one check on this computer.
    pub(crate) fn run(&self, check: CheckId, policy: &Policy, now: DateTime<Utc>) -> Finding {
        #[cfg(any(unix, windows))]
        return self.os.run(check, policy, now);
        #[cfg(not(any(unix, windows)))]
        {
            let _ = (policy, now);
            super::finding::unknown(
                check,
                super::Os::current(),
                "This operating system is not supported by clerkcheck's checks",
                super::finding::RawLog::new(),
            )
        }
    }
}

/// Runs a program with `LC_ALL=C` in a clean environment; its stdout when it exits with 0,
/// else the reason. Output cut off at the cap is refused: a verdict is never read from half an
/// answer.
#[cfg(unix)]
pub(crate) fn out(program: &str, args: &[&str]) -> super::finding::Probe {
    out_with(program, args, &[])
}

/// Like [`out`], with the named environment variables passed on (e.g. the session bus for
/// `gsettings`).
#[cfg(unix)]
pub(crate) fn out_with(
    program: &str,
    args: &[&str],
    env: &[(&str, std::ffi::OsString)],
) -> super::finding::Probe {
    let o = run_whole(program, args, env)?;
    if o.code == Some(0) {
        Ok(o.stdout)
    } else {
        let code = o.code.map_or_else(
            || "was stopped".to_owned(),
            |c| format!("ended with code {c}"),
        );
        let detail: String = o
            .stderr
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(300)
            .collect();
        Err(format!(
            "{program} {code}{}",
            if detail.is_empty() {
                String::new()
            } else {
                format!(": {detail}")
            }
        ))
    }
}

/// Runs a program with the default timeout; its whole output, or why there is none (output
/// cut off at the cap is refused).
#[cfg(unix)]
fn run_whole(
    program: &str,
    args: &[&str],
    env: &[(&str, std::ffi::OsString)],
) -> Result<process::Output, String> {
    let o = process::run(
        std::path::Path::new(program),
        args,
        env,
        process::DEFAULT_TIMEOUT,
    )
    .map_err(|e| e.to_string())?;
    if o.truncated {
        return Err(cut_off(program));
    }
    Ok(o)
}

/// Runs a program; its stdout followed by its stderr, whatever its exit code (for programs
/// that answer on stderr or with a non-zero code). Output cut off at the cap is refused.
#[cfg(unix)]
pub(crate) fn all(program: &str, args: &[&str]) -> super::finding::Probe {
    all_with(program, args, &[])
}

/// Like [`all`], with the named environment variables passed on.
#[cfg(unix)]
pub(crate) fn all_with(
    program: &str,
    args: &[&str],
    env: &[(&str, std::ffi::OsString)],
) -> super::finding::Probe {
    let o = run_whole(program, args, env)?;
    Ok(format!("{}{}", o.stdout, o.stderr))
}

#[cfg(unix)]
fn cut_off(program: &str) -> String {
    format!(
        "{program} printed more than {} MiB, so its answer was cut off and is not used",
        process::OUTPUT_CAP / (1024 * 1024)
    )
}

/// Reads a settings file (regular files only, at most [`FILE_CAP`] bytes); `Ok(None)` when there
/// is none.
#[cfg(all(unix, not(target_os = "macos")))]
pub(crate) fn file(path: &str) -> Result<Option<String>, String> {
    crate::files::read_text_if_present(std::path::Path::new(path), FILE_CAP)
        .map_err(|e| e.to_string())
}
