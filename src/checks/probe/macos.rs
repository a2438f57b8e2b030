//! macOS probes: thin, each one program run with `LC_ALL=C` and `SYSTEM_VERSION_COMPAT` cleared.

use chrono::{DateTime, Utc};

use super::{all, out};
use crate::checks::macos as rules;
use crate::checks::rules::{Probe, RawLog, unknown};
use crate::checks::{CheckId, Finding, Os, Policy};

const DEFAULTS: &str = "/usr/bin/defaults";

fn software_update() -> Probe {
    out(
        DEFAULTS,
        &["read", "/Library/Preferences/com.apple.SoftwareUpdate"],
    )
}

fn loginwindow() -> Probe {
    out(
        DEFAULTS,
        &["read", "/Library/Preferences/com.apple.loginwindow"],
    )
}

/// Names in /Applications and ~/Applications.
fn apps() -> Probe {
    let mut names = Vec::new();
    let home = std::env::var("HOME").unwrap_or_default();
    for dir in ["/Applications".to_owned(), format!("{home}/Applications")] {
        if let Ok(entries) = fs_err::read_dir(&dir) {
            names.extend(
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned()),
            );
        }
    }
    names.sort();
    if names.is_empty() {
        Err("/Applications could not be read".to_owned())
    } else {
        Ok(names.join("\n"))
    }
}

/// Runs one check.
pub fn run(check: CheckId, policy: &Policy, now: DateTime<Utc>) -> Finding {
    match check {
        CheckId::OsSupported => {
            rules::os_supported(&out("/usr/bin/sw_vers", &[]), now.date_naive())
        }
        CheckId::AutoUpdates => rules::auto_updates(&software_update()),
        CheckId::RecentUpdates => rules::recent_updates(&software_update(), policy, now),
        CheckId::Antivirus => rules::antivirus(
            &out("/usr/sbin/spctl", &["--status"]).or_else(|e| {
                // spctl exits 1 when assessments are disabled; its answer is still on stdout/stderr.
                all("/usr/sbin/spctl", &["--status"]).map_err(|_| e)
            }),
            &software_update(),
        ),
        CheckId::Firewall => rules::firewall(&out(
            "/usr/libexec/ApplicationFirewall/socketfilterfw",
            &["--getglobalstate"],
        )),
        CheckId::DiskEncryption => rules::disk_encryption(&out("/usr/bin/fdesetup", &["status"])),
        CheckId::ScreenLock => rules::screen_lock(
            &all("/usr/sbin/sysadminctl", &["-screenLock", "status"]),
            &out(
                DEFAULTS,
                &["-currentHost", "read", "com.apple.screensaver", "idleTime"],
            ),
            policy,
        ),
        CheckId::StandardUser => rules::standard_user(&out("/usr/bin/id", &["-Gn"])),
        CheckId::GuestDisabled => rules::guest_disabled(&loginwindow()),
        CheckId::UntrustedPrograms => rules::untrusted_programs(&apps(), policy),
        CheckId::SignInPassword => rules::sign_in_password(&loginwindow()),
        CheckId::Uac => unknown(
            check,
            Os::MacOs,
            "Not applicable on macOS: User Account Control exists only on Windows",
            RawLog::new(),
        ),
    }
}
