//! macOS probes: thin, each one program run in a clean environment with `LC_ALL=C` (so
//! `SYSTEM_VERSION_COMPAT` and the like are never inherited), or one file read through
//! [`crate::files`].

use std::sync::OnceLock;

use chrono::{DateTime, Utc};

use super::{all, out};
use crate::checks::finding::{Probe, RawLog, unknown};
use crate::checks::judge::UpdateFacts;
use crate::checks::macos::{self as rules, session, updates};
use crate::checks::{CheckId, Finding, Os, Policy};

const DEFAULTS: &str = "/usr/bin/defaults";

/// Most bytes read from the install history (years of updates are a few hundred KiB).
const HISTORY_CAP: u64 = 8 * 1024 * 1024;

/// The facts of one run that several checks share.
#[derive(Default)]
pub(crate) struct Facts {
    software_update: OnceLock<Probe>,
    loginwindow: OnceLock<Probe>,
    updates: OnceLock<UpdateFacts>,
}

impl Facts {
    fn software_update(&self) -> &Probe {
        self.software_update.get_or_init(|| {
            out(
                DEFAULTS,
                &["read", "/Library/Preferences/com.apple.SoftwareUpdate"],
            )
        })
    }

    fn loginwindow(&self) -> &Probe {
        self.loginwindow.get_or_init(|| {
            out(
                DEFAULTS,
                &["read", "/Library/Preferences/com.apple.loginwindow"],
            )
        })
    }

    fn history() -> Result<String, String> {
        match crate::files::read_text_if_present(
            std::path::Path::new("/Library/Receipts/InstallHistory.plist"),
            HISTORY_CAP,
        ) {
            Ok(Some(text)) => Ok(text),
            Ok(None) => Err("the Mac keeps no install history".to_owned()),
            Err(e) => Err(e.to_string()),
        }
    }

    fn updates(&self) -> (&UpdateFacts, RawLog) {
        let history = Self::history();
        let facts = self
            .updates
            .get_or_init(|| updates::facts(self.software_update(), &history));
        (facts, updates::raw(self.software_update(), &history))
    }

    /// Runs one check.
    pub(crate) fn run(&self, check: CheckId, policy: &Policy, now: DateTime<Utc>) -> Finding {
        match check {
            CheckId::OsSupported => {
                rules::os_supported(&out("/usr/bin/sw_vers", &[]), now.date_naive())
            }
            CheckId::AutoUpdates => {
                let (facts, raw) = self.updates();
                updates::auto_updates(facts, raw, policy, now)
            }
            CheckId::RecentUpdates => {
                let (facts, raw) = self.updates();
                updates::recent_updates(facts, self.software_update(), raw, policy, now)
            }
            CheckId::Antivirus => rules::antivirus(
                // spctl exits 1 when assessments are disabled; its answer is still printed.
                &all("/usr/sbin/spctl", &["--status"]),
                self.software_update(),
            ),
            CheckId::Firewall => rules::firewall(&out(
                "/usr/libexec/ApplicationFirewall/socketfilterfw",
                &["--getglobalstate"],
            )),
            CheckId::DiskEncryption => {
                rules::disk_encryption(&out("/usr/bin/fdesetup", &["status"]))
            }
            CheckId::ScreenLock => session::screen_lock(
                &all("/usr/sbin/sysadminctl", &["-screenLock", "status"]),
                &out(
                    DEFAULTS,
                    &["-currentHost", "read", "com.apple.screensaver", "idleTime"],
                ),
                policy,
            ),
            CheckId::StandardUser => session::standard_user(&out("/usr/bin/id", &["-Gn"])),
            CheckId::GuestDisabled => session::guest_disabled(self.loginwindow()),
            CheckId::UntrustedPrograms => session::untrusted_programs(&apps(), policy),
            CheckId::SignInPassword => session::sign_in_password(self.loginwindow()),
            CheckId::Uac => unknown(
                check,
                Os::MacOs,
                check.unavailable_reason(Os::MacOs).unwrap_or_default(),
                RawLog::new(),
            ),
        }
    }
}

/// Names in /Applications and ~/Applications.
fn apps() -> Probe {
    let mut names = Vec::new();
    let home = std::env::var_os("HOME").unwrap_or_default();
    for dir in [
        std::path::PathBuf::from("/Applications"),
        std::path::Path::new(&home).join("Applications"),
    ] {
        if let Ok(entries) = std::fs::read_dir(&dir) {
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
