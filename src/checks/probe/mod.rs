//! The thin, OS-specific probe layer: runs programs and reads files and registry values, then
//! hands their raw text to the pure parsers and rules. Only this layer is `#[cfg]`.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::rules::Probe;
use super::run::{self, DEFAULT_TIMEOUT};
use super::{CheckId, Finding, Policy};

#[cfg(all(unix, not(target_os = "macos")))]
mod linux;
#[cfg(target_os = "macos")]
mod macos;
#[cfg(windows)]
mod windows;

/// Runs one check on this computer.
pub fn run(check: CheckId, policy: &Policy, now: DateTime<Utc>) -> Finding {
    #[cfg(all(unix, not(target_os = "macos")))]
    return linux::run(check, policy, now);
    #[cfg(target_os = "macos")]
    return macos::run(check, policy, now);
    #[cfg(windows)]
    return windows::run(check, policy, now);
    #[cfg(not(any(unix, windows)))]
    {
        let _ = (policy, now);
        super::rules::unknown(
            check,
            super::Os::current(),
            "This operating system is not supported by clerkcheck's checks",
            super::rules::RawLog::new(),
        )
    }
}

/// Runs a program; its stdout when it exits with 0, else the reason.
#[allow(dead_code)] // Not every OS's probes use every helper.
pub fn out(program: &str, args: &[&str]) -> Probe {
    let o = run::run(Path::new(program), args, DEFAULT_TIMEOUT).map_err(|e| e.to_string())?;
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

/// Runs a program; its stdout followed by its stderr, whatever its exit code.
#[allow(dead_code)] // Not every OS's probes use every helper.
pub fn all(program: &str, args: &[&str]) -> Probe {
    let o = run::run(Path::new(program), args, DEFAULT_TIMEOUT).map_err(|e| e.to_string())?;
    Ok(format!("{}{}", o.stdout, o.stderr))
}

/// Reads a text file; `Ok(None)` when there is none.
#[allow(dead_code)] // Not every OS's probes use every helper.
pub fn file(path: &str) -> Result<Option<String>, String> {
    run::read_text(Path::new(path)).map_err(|e| e.to_string())
}
