//! macOS: pure parsers and rules over the raw text of `sw_vers`, `fdesetup`, `socketfilterfw`,
//! `sysadminctl`, `defaults`, `spctl`, `id` and the install history. Compiled and tested on every
//! OS with fixtures.
//!
//! - this file: OS version, anti-virus (XProtect and Gatekeeper), firewall, FileVault;
//! - [`updates`]: automatic updates, last update installed;
//! - [`session`]: screen lock, administrator rights, guest and automatic login, apps.

use chrono::NaiveDate;

use super::eol::{self, Table};
use super::finding::{Probe, RawLog, finding, pass, unknown};
use super::{CheckId, Finding, Os, Verdict};

pub(crate) mod session;
pub(crate) mod updates;

pub(crate) use updates::switch;

const OS: Os = Os::MacOs;

/// `ProductVersion` from `sw_vers` output.
pub(crate) fn product_version(sw_vers: &str) -> Option<&str> {
    sw_vers.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        (k.trim() == "ProductVersion").then(|| v.trim())
    })
}

/// The table key of a macOS version: the major (`14`), or `10.15` for 10.x.
pub(crate) fn major_key(version: &str) -> String {
    let mut parts = version.split('.');
    let major = parts.next().unwrap_or("");
    if major == "10" {
        format!("10.{}", parts.next().unwrap_or(""))
    } else {
        major.to_owned()
    }
}

/// `os-supported` on macOS.
pub(crate) fn os_supported(sw_vers: &Probe, today: NaiveDate) -> Finding {
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
    let text = format!("macOS {version}: {text}");
    if verdict == Verdict::Pass {
        pass(
            check,
            OS,
            text,
            "the macOS version and clerkcheck's end-of-support table",
            raw,
        )
    } else {
        finding(check, OS, verdict, text, raw)
    }
}

/// A `Key = value;` entry of `defaults read` output (top level only), quotes removed.
pub(crate) fn defaults_value<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines().find_map(|l| {
        let (k, v) = l.trim().split_once(" = ")?;
        (k.trim().trim_matches('"') == key)
            .then(|| v.trim().trim_end_matches(';').trim_matches('"'))
    })
}

/// `antivirus` on macOS: XProtect is built in; it needs Gatekeeper and security-data updates.
pub(crate) fn antivirus(spctl: &Probe, defaults: &Probe) -> Finding {
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
        Ok(t) if !t.trim().is_empty() => t.as_str(),
        Ok(_) => return unknown(check, OS, "The software-update settings were empty", raw),
        Err(e) => {
            return unknown(
                check,
                OS,
                format!("The software-update settings could not be read: {e}"),
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
    match switch(text, "ConfigDataInstall") {
        Some(true) => {}
        Some(false) => {
            return finding(
                check,
                OS,
                Verdict::Fail,
                "XProtect (built-in anti-virus) does not get new signatures: \"Install Security Responses and system files\" is off",
                raw,
            );
        }
        None => {
            return unknown(
                check,
                OS,
                "Gatekeeper is on, but whether XProtect (built-in anti-virus) gets new signatures is not recorded in the software-update settings",
                raw,
            );
        }
    }
    pass(
        check,
        OS,
        "XProtect (the anti-virus built into macOS) and Gatekeeper are on, and XProtect's signatures install automatically",
        "Gatekeeper's state and the Mac's software-update settings",
        raw,
    )
}

const FIREWALL_BASIS: &str = "the state the macOS application firewall reports";

/// `firewall` on macOS: the number in `socketfilterfw --getglobalstate`.
pub(crate) fn firewall(text: &Probe) -> Finding {
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
        Ok(Some(1)) => pass(check, OS, "The macOS firewall is on", FIREWALL_BASIS, raw),
        Ok(Some(2)) => pass(
            check,
            OS,
            "The macOS firewall is on and blocks all incoming connections",
            FIREWALL_BASIS,
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
pub(crate) fn disk_encryption(text: &Probe) -> Finding {
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
        pass(
            check,
            OS,
            "FileVault disk encryption is on",
            "the state FileVault reports",
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

#[cfg(test)]
mod tests {
    use super::session::*;
    use super::updates::*;
    use super::*;
    use crate::checks::Policy;
    use chrono::{DateTime, Utc};

    // Probes are Results; a fixture stands in for a probe that answered.
    #[expect(
        clippy::unnecessary_wraps,
        reason = "probes are Results; a fixture stands in for a probe that answered"
    )]
    pub(crate) fn fixture(name: &str) -> Probe {
        let path = format!("{}/tests/fixtures/macos/{name}", env!("CARGO_MANIFEST_DIR"));
        Ok(
            crate::files::read_text_capped(std::path::Path::new(&path), 1 << 20)
                .unwrap_or_else(|e| panic!("{path}: {e}")),
        )
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
        let history = fixture("InstallHistory.plist");
        let now = DateTime::parse_from_rfc3339("2024-08-08T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let p = Policy::default();
        // macOS updates wait for someone, but the last one was installed 9 days ago: prompt.
        let facts = updates::facts(&d, &history);
        let f = auto_updates(&facts, updates::raw(&d, &history), &p, now);
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        assert!(f.raw.contains("macOS Sonoma 14.6"), "{}", f.raw);
        assert!(
            f.evidence.contains("installed promptly by hand"),
            "{}",
            f.evidence
        );
        // The XProtect data update of August 6 does not count as an update of macOS.
        let f = recent_updates(&facts, &d, RawLog::new(), &p, now);
        assert_eq!(
            f.verdict,
            Verdict::Warn,
            "an update is waiting: {}",
            f.evidence
        );
        assert!(f.evidence.contains("8 days ago"), "{}", f.evidence);
        // Settings missing altogether are not Apple's defaults: nothing was read.
        let gone = updates::facts(
            &Err("Domain /Library/Preferences/com.apple.SoftwareUpdate does not exist".into()),
            &Err("no such file".into()),
        );
        assert_eq!(
            auto_updates(&gone, RawLog::new(), &p, now).verdict,
            Verdict::Unknown
        );
        let on = d.clone().map(|t| {
            t.replace(
                "AutomaticallyInstallMacOSUpdates = 0",
                "AutomaticallyInstallMacOSUpdates = 1",
            )
        });
        let f = auto_updates(
            &updates::facts(&on, &Err("x".into())),
            RawLog::new(),
            &p,
            now,
        );
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        assert!(install_history("garbage").is_err());
        assert_eq!(install_history(&history.unwrap()).unwrap().len(), 3);
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
        assert_eq!(
            antivirus(&fixture("spctl_enabled.txt"), &Ok(String::new())).verdict,
            Verdict::Unknown
        );
        // A key missing from the settings is not taken as Apple's default: not read, no Pass.
        let no_key = on.clone().map(|t| t.replace("ConfigDataInstall = 1;", ""));
        let f = antivirus(&fixture("spctl_enabled.txt"), &no_key);
        assert_eq!(f.verdict, Verdict::Unknown, "{}", f.evidence);
        assert!(f.evidence.contains("not recorded"), "{}", f.evidence);
        let no_key = on.map(|t| t.replace("AutomaticDownload = 1;", ""));
        let got = updates::automatic(&no_key);
        let why = got.value.unwrap_err();
        assert!(why.contains("do not record"), "{why}");
        let bare: Probe =
            Ok("{\n    LastSuccessfulDate = \"2024-08-06 07:41:10 +0000\";\n}\n".into());
        let f = auto_updates(
            &updates::facts(&bare, &Err("x".into())),
            RawLog::new(),
            &p,
            now,
        );
        assert_eq!(f.verdict, Verdict::Unknown, "{}", f.evidence);
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
        let missing: Probe =
            Err("Domain /Library/Preferences/com.apple.loginwindow does not exist".into());
        assert_eq!(guest_disabled(&missing).verdict, Verdict::Unknown);
        assert_eq!(sign_in_password(&missing).verdict, Verdict::Unknown);
        let plain: Probe = Ok("{\n    lastUserName = clerk;\n}\n".into());
        assert_eq!(guest_disabled(&plain).verdict, Verdict::Pass);
        assert_eq!(sign_in_password(&plain).verdict, Verdict::Pass);
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
