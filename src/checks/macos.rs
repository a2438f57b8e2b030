//! macOS: pure parsers and rules over the raw text of `sw_vers`, `fdesetup`, `socketfilterfw`,
//! `sysadminctl`, `defaults`, `spctl` and `id`. Compiled and tested on every OS.

use chrono::{DateTime, NaiveDate, Utc};

use super::eol::{self, Table};
use super::rules::{Probe, RawLog, days_ago, finding, judge_programs, unknown};
use super::{CheckId, Finding, Os, Policy, Verdict};

const OS: Os = Os::MacOs;

/// `ProductVersion` from `sw_vers` output.
pub fn product_version(sw_vers: &str) -> Option<&str> {
    sw_vers.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        (k.trim() == "ProductVersion").then(|| v.trim())
    })
}

/// The table key of a macOS version: the major (`14`), or `10.15` for 10.x.
pub fn major_key(version: &str) -> String {
    let mut parts = version.split('.');
    let major = parts.next().unwrap_or("");
    if major == "10" {
        format!("10.{}", parts.next().unwrap_or(""))
    } else {
        major.to_owned()
    }
}

/// `os-supported` on macOS.
pub fn os_supported(sw_vers: &Probe, today: NaiveDate) -> Finding {
    let check = CheckId::OsSupported;
    let mut raw = RawLog::new();
    raw.add("sw_vers", sw_vers);
    let version = match sw_vers.as_deref().map(product_version) {
        Ok(Some(v)) => v.to_owned(),
        Ok(None) => {
            return unknown(
                check,
                OS,
                "sw_vers did not say which macOS version this is",
                raw,
            );
        }
        Err(e) => {
            return unknown(
                check,
                OS,
                format!("The macOS version could not be read: {e}"),
                raw,
            );
        }
    };
    let Some(table) = Table::shipped() else {
        return unknown(check, OS, "The end-of-support table is damaged", raw);
    };
    let (verdict, text) = eol::judge(
        table,
        table.find("macos", &major_key(&version)),
        &format!("macOS {version}"),
        today,
    );
    finding(check, OS, verdict, format!("macOS {version}: {text}"), raw)
}

/// A `Key = value;` entry of `defaults read` output (top level only), quotes removed.
pub fn defaults_value<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines().find_map(|l| {
        let (k, v) = l.trim().split_once(" = ")?;
        (k.trim().trim_matches('"') == key)
            .then(|| v.trim().trim_end_matches(';').trim_matches('"'))
    })
}

/// Whether a software-update switch is on (missing = Apple's default, on).
fn switch(text: &str, key: &str) -> bool {
    defaults_value(text, key).is_none_or(|v| v != "0" && v != "false")
}

/// `auto-updates` on macOS (`defaults read /Library/Preferences/com.apple.SoftwareUpdate`;
/// a missing file means Apple's defaults).
pub fn auto_updates(defaults: &Probe) -> Finding {
    let check = CheckId::AutoUpdates;
    let mut raw = RawLog::new();
    raw.add(
        "defaults read /Library/Preferences/com.apple.SoftwareUpdate",
        defaults,
    );
    let text = match defaults {
        Ok(t) => t.as_str(),
        Err(e) if e.contains("does not exist") => "",
        Err(e) => {
            return unknown(
                check,
                OS,
                format!("The update settings could not be read: {e}"),
                raw,
            );
        }
    };
    if !switch(text, "AutomaticCheckEnabled") {
        return finding(
            check,
            OS,
            Verdict::Fail,
            "The Mac does not check for updates automatically",
            raw,
        );
    }
    if !switch(text, "CriticalUpdateInstall") {
        return finding(
            check,
            OS,
            Verdict::Fail,
            "Security responses and system files are not installed automatically",
            raw,
        );
    }
    if !switch(text, "AutomaticDownload") || !switch(text, "AutomaticallyInstallMacOSUpdates") {
        return finding(
            check,
            OS,
            Verdict::Warn,
            "Security responses install automatically, but macOS updates wait for someone to install them",
            raw,
        );
    }
    finding(
        check,
        OS,
        Verdict::Pass,
        "macOS checks for, downloads and installs updates automatically",
        raw,
    )
}

/// `recent-updates` on macOS: the last full update check and updates waiting.
pub fn recent_updates(defaults: &Probe, policy: &Policy, now: DateTime<Utc>) -> Finding {
    let check = CheckId::RecentUpdates;
    let mut raw = RawLog::new();
    raw.add(
        "defaults read /Library/Preferences/com.apple.SoftwareUpdate",
        defaults,
    );
    let text = match defaults {
        Ok(t) => t,
        Err(e) => {
            return unknown(
                check,
                OS,
                format!("The update history could not be read: {e}"),
                raw,
            );
        }
    };
    let Some(last) = defaults_value(text, "LastFullSuccessfulDate")
        .and_then(|d| DateTime::parse_from_str(d, "%Y-%m-%d %H:%M:%S %z").ok())
    else {
        return unknown(
            check,
            OS,
            "When the Mac last checked for updates is not recorded",
            raw,
        );
    };
    let age = (now - last.with_timezone(&Utc)).num_days();
    let waiting: u32 = defaults_value(text, "LastRecommendedUpdatesAvailable")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut evidence = format!("Last full update check {}", days_ago(age));
    let verdict = if age > i64::from(policy.last_update_max_days) {
        evidence.push_str(&format!(
            " (more than {} days)",
            policy.last_update_max_days
        ));
        Verdict::Fail
    } else if waiting > 0 {
        evidence.push_str(&format!(
            "; {waiting} recommended update(s) were waiting to be installed"
        ));
        if age > i64::from(policy.restart_pending_max_days) {
            Verdict::Fail
        } else {
            Verdict::Warn
        }
    } else {
        evidence.push_str("; no updates waiting");
        Verdict::Pass
    };
    finding(check, OS, verdict, evidence, raw)
}

/// `antivirus` on macOS: XProtect is built in; it needs Gatekeeper and security-data updates.
pub fn antivirus(spctl: &Probe, defaults: &Probe) -> Finding {
    let check = CheckId::Antivirus;
    let mut raw = RawLog::new();
    raw.add("spctl --status", spctl).add(
        "defaults read /Library/Preferences/com.apple.SoftwareUpdate",
        defaults,
    );
    let gatekeeper = match spctl.as_deref().map(str::trim) {
        Ok("assessments enabled") => true,
        Ok("assessments disabled") => false,
        Ok(other) => return unknown(check, OS, format!("spctl answered {other:?}"), raw),
        Err(e) => {
            return unknown(
                check,
                OS,
                format!("Gatekeeper's state could not be read: {e}"),
                raw,
            );
        }
    };
    let text = match defaults {
        Ok(t) => t.as_str(),
        Err(e) if e.contains("does not exist") => "",
        Err(e) => {
            return unknown(
                check,
                OS,
                format!("The update settings could not be read: {e}"),
                raw,
            );
        }
    };
    if !gatekeeper {
        return finding(
            check,
            OS,
            Verdict::Fail,
            "Gatekeeper is off, so apps are not checked for malware before they open",
            raw,
        );
    }
    if !switch(text, "ConfigDataInstall") {
        return finding(
            check,
            OS,
            Verdict::Fail,
            "XProtect (built-in anti-virus) does not get new signatures: \"Install Security Responses and system files\" is off",
            raw,
        );
    }
    finding(
        check,
        OS,
        Verdict::Pass,
        "XProtect (built-in anti-virus) and Gatekeeper are on; signatures update automatically",
        raw,
    )
}

/// `firewall` on macOS: the number in `socketfilterfw --getglobalstate`.
pub fn firewall(text: &Probe) -> Finding {
    let check = CheckId::Firewall;
    let mut raw = RawLog::new();
    raw.add("socketfilterfw --getglobalstate", text);
    let state = text.as_deref().map(|t| {
        t.split("State = ")
            .nth(1)
            .and_then(|r| r.trim_start().chars().next())
            .and_then(|c| c.to_digit(10))
    });
    match state {
        Ok(Some(1)) => finding(check, OS, Verdict::Pass, "The macOS firewall is on", raw),
        Ok(Some(2)) => finding(
            check,
            OS,
            Verdict::Pass,
            "The macOS firewall is on and blocks all incoming connections",
            raw,
        ),
        Ok(Some(0)) => finding(check, OS, Verdict::Fail, "The macOS firewall is off", raw),
        Ok(_) => unknown(check, OS, "The firewall's answer was not understood", raw),
        Err(e) => unknown(
            check,
            OS,
            format!("The firewall state could not be read: {e}"),
            raw,
        ),
    }
}

/// `disk-encryption` on macOS: `fdesetup status`.
pub fn disk_encryption(text: &Probe) -> Finding {
    let check = CheckId::DiskEncryption;
    let mut raw = RawLog::new();
    raw.add("fdesetup status", text);
    let t = match text {
        Ok(t) => t,
        Err(e) => {
            return unknown(
                check,
                OS,
                format!("FileVault's state could not be read: {e}"),
                raw,
            );
        }
    };
    if t.contains("Encryption in progress") {
        finding(
            check,
            OS,
            Verdict::Warn,
            "FileVault is being turned on (encryption in progress)",
            raw,
        )
    } else if t.contains("Decryption in progress") {
        finding(
            check,
            OS,
            Verdict::Fail,
            "FileVault is being turned off (decryption in progress)",
            raw,
        )
    } else if t.contains("Deferred enablement") {
        finding(
            check,
            OS,
            Verdict::Fail,
            "FileVault is off; it is set to turn on at the next sign-out",
            raw,
        )
    } else if t.contains("FileVault is On.") {
        finding(
            check,
            OS,
            Verdict::Pass,
            "FileVault disk encryption is on",
            raw,
        )
    } else if t.contains("FileVault is Off.") {
        finding(
            check,
            OS,
            Verdict::Fail,
            "FileVault disk encryption is off",
            raw,
        )
    } else {
        unknown(check, OS, "fdesetup's answer was not understood", raw)
    }
}

/// The password delay from `sysadminctl -screenLock status` (stderr): `Some(Some(secs))`,
/// `Some(None)` for off, `None` when not understood.
pub fn screen_lock_delay(stderr: &str) -> Option<Option<u32>> {
    if stderr.contains("screenLock is off") {
        return Some(None);
    }
    let rest = stderr.split("screenLock delay is ").nth(1)?.trim();
    if rest.starts_with("immediate") {
        return Some(Some(0));
    }
    rest.split_whitespace().next()?.parse().ok().map(Some)
}

/// `screen-lock` on macOS: screen-saver start plus password delay within the limit.
pub fn screen_lock(sysadminctl: &Probe, idle_time: &Probe, policy: &Policy) -> Finding {
    let check = CheckId::ScreenLock;
    let mut raw = RawLog::new();
    raw.add("sysadminctl -screenLock status", sysadminctl).add(
        "defaults -currentHost read com.apple.screensaver idleTime",
        idle_time,
    );
    let delay = match sysadminctl.as_deref().map(screen_lock_delay) {
        Ok(Some(d)) => d,
        Ok(None) => return unknown(check, OS, "sysadminctl's answer was not understood", raw),
        Err(e) => {
            return unknown(
                check,
                OS,
                format!("The screen-lock setting could not be read: {e}"),
                raw,
            );
        }
    };
    let Some(delay) = delay else {
        return finding(
            check,
            OS,
            Verdict::Fail,
            "No password is asked when the screen saver starts or the display sleeps",
            raw,
        );
    };
    let idle: u32 = match idle_time.as_deref().map(|t| t.trim().parse()) {
        Ok(Ok(s)) => s,
        _ => {
            return unknown(
                check,
                OS,
                "When the screen saver starts is not set for this user, so when the screen locks is not known",
                raw,
            );
        }
    };
    let max = policy.screen_lock_max_seconds;
    if idle == 0 {
        return finding(
            check,
            OS,
            Verdict::Fail,
            "The screen saver never starts",
            raw,
        );
    }
    let total = idle.saturating_add(delay);
    if total <= max {
        finding(
            check,
            OS,
            Verdict::Pass,
            format!(
                "The screen locks {total} seconds after the last use (screen saver after {idle} s, password after {delay} s)"
            ),
            raw,
        )
    } else {
        finding(
            check,
            OS,
            Verdict::Fail,
            format!("The screen locks only {total} seconds after the last use (limit {max})"),
            raw,
        )
    }
}

/// `standard-user` on macOS: `id -Gn` containing `admin` is a warning (the first account on a Mac
/// always is one; using it needs the password).
pub fn standard_user(groups: &Probe) -> Finding {
    let check = CheckId::StandardUser;
    let mut raw = RawLog::new();
    raw.add("id -Gn", groups);
    match groups {
        Ok(g) if g.split_whitespace().any(|x| x == "admin") => finding(
            check,
            OS,
            Verdict::Warn,
            "This account is an administrator (group admin); a separate administrator account for installing software is safer",
            raw,
        ),
        Ok(g) if !g.trim().is_empty() => finding(
            check,
            OS,
            Verdict::Pass,
            "This account is a standard user (not in the admin group)",
            raw,
        ),
        Ok(_) => unknown(check, OS, "id gave no groups", raw),
        Err(e) => unknown(
            check,
            OS,
            format!("This account's groups could not be read: {e}"),
            raw,
        ),
    }
}

/// `guest-disabled` on macOS: `GuestEnabled` in com.apple.loginwindow.
pub fn guest_disabled(loginwindow: &Probe) -> Finding {
    let check = CheckId::GuestDisabled;
    let mut raw = RawLog::new();
    raw.add(
        "defaults read /Library/Preferences/com.apple.loginwindow",
        loginwindow,
    );
    match loginwindow {
        Ok(t) if defaults_value(t, "GuestEnabled") == Some("1") => {
            finding(check, OS, Verdict::Fail, "The guest user may log in", raw)
        }
        Ok(_) => finding(check, OS, Verdict::Pass, "The guest user is off", raw),
        Err(e) if e.contains("does not exist") => finding(
            check,
            OS,
            Verdict::Pass,
            "The guest user is off (never turned on)",
            raw,
        ),
        Err(e) => unknown(
            check,
            OS,
            format!("The sign-in settings could not be read: {e}"),
            raw,
        ),
    }
}

/// `sign-in-password` on macOS: `autoLoginUser` in com.apple.loginwindow.
pub fn sign_in_password(loginwindow: &Probe) -> Finding {
    let check = CheckId::SignInPassword;
    let mut raw = RawLog::new();
    raw.add(
        "defaults read /Library/Preferences/com.apple.loginwindow",
        loginwindow,
    );
    match loginwindow {
        Ok(t) => match defaults_value(t, "autoLoginUser") {
            Some(user) => finding(
                check,
                OS,
                Verdict::Fail,
                format!("The Mac logs in {user} automatically, without a password"),
                raw,
            ),
            None => finding(check, OS, Verdict::Pass, "Automatic login is off", raw),
        },
        Err(e) if e.contains("does not exist") => {
            finding(check, OS, Verdict::Pass, "Automatic login is off", raw)
        }
        Err(e) => unknown(
            check,
            OS,
            format!("The sign-in settings could not be read: {e}"),
            raw,
        ),
    }
}

/// `untrusted-programs` on macOS: app names in /Applications and ~/Applications.
pub fn untrusted_programs(apps: &Probe, policy: &Policy) -> Finding {
    let check = CheckId::UntrustedPrograms;
    let mut raw = RawLog::new();
    raw.add("ls /Applications ~/Applications", apps);
    let names: Vec<&str> = match apps {
        Ok(t) => t
            .lines()
            .map(|l| l.trim().trim_end_matches(".app"))
            .filter(|l| !l.is_empty())
            .collect(),
        Err(e) => {
            return unknown(
                check,
                OS,
                format!("The installed apps could not be listed: {e}"),
                raw,
            );
        }
    };
    if names.is_empty() {
        return unknown(check, OS, "No apps were found in /Applications", raw);
    }
    let (verdict, text) = judge_programs(
        names.iter().copied(),
        &[],
        policy,
        &format!("{} apps", names.len()),
    );
    finding(check, OS, verdict, text, raw)
}

#[cfg(test)]
// Tests fail loudly on purpose: unwrap is the assertion.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    // Probes are Results; a fixture stands in for a probe that answered.
    #[allow(clippy::unnecessary_wraps)]
    fn fixture(name: &str) -> Probe {
        let path = format!("{}/tests/fixtures/macos/{name}", env!("CARGO_MANIFEST_DIR"));
        Ok(std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
    }

    #[test]
    fn versions_against_the_table() {
        let today = "2026-11-24".parse().unwrap();
        assert_eq!(
            os_supported(&fixture("sw_vers_14.txt"), today).verdict,
            Verdict::Pass
        );
        assert_eq!(
            os_supported(&fixture("sw_vers_catalina.txt"), today).verdict,
            Verdict::Fail
        );
        let f = os_supported(&fixture("sw_vers_rsr.txt"), today);
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        assert_eq!(
            os_supported(&Ok("garbage".into()), today).verdict,
            Verdict::Unknown
        );
    }

    #[test]
    fn software_update_settings() {
        let d = fixture("defaults_softwareupdate.txt");
        assert_eq!(
            auto_updates(&d).verdict,
            Verdict::Warn,
            "macOS updates not auto-installed"
        );
        assert_eq!(
            auto_updates(&Err(
                "Domain /Library/Preferences/com.apple.SoftwareUpdate does not exist".into()
            ))
            .verdict,
            Verdict::Pass
        );
        let now = DateTime::parse_from_rfc3339("2024-08-08T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            recent_updates(&d, &Policy::default(), now).verdict,
            Verdict::Warn
        );
        assert_eq!(
            antivirus(&fixture("spctl_enabled.txt"), &d).verdict,
            Verdict::Pass
        );
        let off = d
            .clone()
            .map(|t| t.replace("ConfigDataInstall = 1", "ConfigDataInstall = 0"));
        assert_eq!(
            antivirus(&fixture("spctl_enabled.txt"), &off).verdict,
            Verdict::Fail
        );
    }

    #[test]
    fn firewall_and_filevault() {
        assert_eq!(
            firewall(&fixture("socketfilterfw_on.txt")).verdict,
            Verdict::Pass
        );
        assert_eq!(
            firewall(&fixture("socketfilterfw_blockall.txt")).verdict,
            Verdict::Pass
        );
        assert_eq!(
            firewall(&fixture("socketfilterfw_off.txt")).verdict,
            Verdict::Fail
        );
        assert_eq!(firewall(&Ok("\u{0}\u{1}".into())).verdict, Verdict::Unknown);
        assert_eq!(
            disk_encryption(&fixture("fdesetup_on.txt")).verdict,
            Verdict::Pass
        );
        assert_eq!(
            disk_encryption(&fixture("fdesetup_off.txt")).verdict,
            Verdict::Fail
        );
        assert_eq!(
            disk_encryption(&fixture("fdesetup_encrypting.txt")).verdict,
            Verdict::Warn
        );
        assert_eq!(
            disk_encryption(&fixture("fdesetup_deferred.txt")).verdict,
            Verdict::Fail
        );
    }

    #[test]
    fn screen_lock_from_stderr() {
        let p = Policy::default();
        let idle = fixture("screensaver_idletime.txt");
        assert_eq!(
            screen_lock(
                &fixture("sysadminctl_screenlock_immediate.stderr"),
                &idle,
                &p
            )
            .verdict,
            Verdict::Pass
        );
        let f = screen_lock(&fixture("sysadminctl_screenlock_300.stderr"), &idle, &p);
        assert_eq!(
            f.verdict,
            Verdict::Pass,
            "600 s + 300 s is exactly the limit: {}",
            f.evidence
        );
        let long = Ok("1200".to_owned());
        assert_eq!(
            screen_lock(&fixture("sysadminctl_screenlock_300.stderr"), &long, &p).verdict,
            Verdict::Fail
        );
        assert_eq!(
            screen_lock(&fixture("sysadminctl_screenlock_off.stderr"), &idle, &p).verdict,
            Verdict::Fail
        );
        assert_eq!(
            screen_lock(
                &fixture("sysadminctl_screenlock_immediate.stderr"),
                &Err("does not exist".into()),
                &p
            )
            .verdict,
            Verdict::Unknown
        );
    }

    #[test]
    fn accounts_and_apps() {
        assert_eq!(
            standard_user(&fixture("id_Gn_admin.txt")).verdict,
            Verdict::Warn
        );
        assert_eq!(
            standard_user(&Ok("staff everyone".into())).verdict,
            Verdict::Pass
        );
        let lw = fixture("defaults_loginwindow.txt");
        assert_eq!(guest_disabled(&lw).verdict, Verdict::Fail);
        assert_eq!(sign_in_password(&lw).verdict, Verdict::Fail);
        let f = untrusted_programs(&fixture("applications_ls.txt"), &Policy::default());
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        assert!(
            f.evidence.contains("AnyDesk (remote-access tool)"),
            "{}",
            f.evidence
        );
        assert!(f.evidence.contains("CleanMyMac X"), "{}", f.evidence);
    }
}
