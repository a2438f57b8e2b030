//! Windows version against the end-of-support table, when the screen locks (inactivity policy,
//! a screen saver that shows the sign-in screen, or sleep with sign-in on wake), and the
//! installed programs from the registry.

use chrono::NaiveDate;

use super::{Fact, OS, Power, Registry, UninstallEntry};
use crate::checks::eol::{self, Table};
use crate::checks::finding::{RawLog, finding, pass, unknown};
use crate::checks::judge::{self, IdleLock, duration_words};
use crate::checks::programs::judge_programs;
use crate::checks::{CheckId, Finding, Policy, Verdict};

/// The support track of an `EditionID`.
pub(crate) fn edition_track(edition: &str) -> &'static str {
    let e = edition.to_ascii_lowercase();
    if e.ends_with("enterprises") || e.contains("ltsc") || e == "iotenterprises" {
        "windows-ltsc"
    } else if e.starts_with("enterprise")
        || e.starts_with("education")
        || e.starts_with("iotenterprise")
    {
        "windows-enterprise"
    } else {
        "windows-home-pro"
    }
}

/// `os-supported` on Windows: the build (from the kernel, else the registry) and the edition
/// against the table.
pub(crate) fn os_supported(reg: &Registry, build: &Fact<u32>, today: NaiveDate) -> Finding {
    let check = CheckId::OsSupported;
    let mut raw = RawLog::new();
    raw.add(
        "RtlGetVersion build",
        &build
            .as_ref()
            .map(ToString::to_string)
            .map_err(Clone::clone),
    )
    .text(
        "registry …\\Windows NT\\CurrentVersion",
        format!(
            "CurrentBuild={:?} UBR={:?} DisplayVersion={:?} EditionID={:?} InstallationType={:?}",
            reg.current_build, reg.ubr, reg.display_version, reg.edition_id, reg.installation_type
        ),
    );
    let from_registry = reg
        .current_build
        .as_deref()
        .and_then(|b| b.trim().parse::<u32>().ok());
    let number = match (build, from_registry) {
        (Ok(n), _) => *n,
        (Err(_), Some(n)) => n,
        (Err(why), None) => {
            return unknown(
                check,
                OS,
                format!("The Windows version could not be read: {why}"),
                raw,
            );
        }
    };
    if reg
        .installation_type
        .as_deref()
        .is_some_and(|t| t.starts_with("Server"))
    {
        return unknown(
            check,
            OS,
            "This is Windows Server, whose support dates are not in clerkcheck's end-of-support table",
            raw,
        );
    }
    let Some(table) = Table::shipped() else {
        return unknown(check, OS, "The end-of-support table is damaged", raw);
    };
    let edition = reg.edition_id.as_deref().unwrap_or("");
    let family = if number >= 22000 {
        "Windows 11"
    } else {
        "Windows 10"
    };
    let shown = format!(
        "{family}{} ({}, build {number}.{})",
        reg.display_version
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(|v| format!(" {v}"))
            .unwrap_or_default(),
        if edition.is_empty() {
            "edition unknown"
        } else {
            edition
        },
        reg.ubr.unwrap_or(0)
    );
    let (verdict, mut text) = eol::judge(
        table,
        table.find(edition_track(edition), &number.to_string()),
        &shown,
        today,
    );
    if verdict == Verdict::Warn && text.contains("ESU") {
        text.push_str("; whether this computer is enrolled in Extended Security Updates cannot be seen without administrator rights");
    }
    if verdict == Verdict::Pass {
        pass(
            check,
            OS,
            text,
            "the Windows version and edition, and clerkcheck's end-of-support table",
            raw,
        )
    } else {
        finding(check, OS, verdict, text, raw)
    }
}

/// Each way this computer locks by itself, with after how long, and what could not be read.
fn lock_ways(reg: &Registry, power: &Fact<Power>) -> (Vec<(u64, String)>, Vec<String>) {
    let mut ways = Vec::new();
    let mut unread = Vec::new();
    if let Some(secs) = reg.inactivity_timeout_secs.filter(|s| *s > 0) {
        ways.push((
            u64::from(secs),
            format!(
                "Windows locks after {} of inactivity (a machine policy)",
                duration_words(u64::from(secs))
            ),
        ));
    }
    let is = |v: &Option<String>| v.as_deref().map(str::trim) == Some("1");
    let saver = reg
        .scrnsave_exe
        .as_deref()
        .is_some_and(|s| !s.trim().is_empty());
    let timeout = reg
        .screen_save_time_out
        .as_deref()
        .and_then(|t| t.trim().parse::<u64>().ok());
    if is(&reg.screen_save_active)
        && is(&reg.screen_saver_is_secure)
        && saver
        && let Some(t) = timeout.filter(|t| *t > 0)
    {
        ways.push((
            t,
            format!(
                "the screen saver starts after {} and shows the sign-in screen",
                duration_words(t)
            ),
        ));
    }
    match power {
        Ok(p) => {
            // The policy value of "require sign-in on wake" wins over the power plan's.
            let plugged_in = reg.console_lock_policy.0.or(p.console_lock.0);
            let on_battery = reg.console_lock_policy.1.or(p.console_lock.1);
            let mut sources = vec![(plugged_in, p.sleep.0)];
            if p.battery != Some(false) {
                sources.push((on_battery, p.sleep.1));
            }
            let times: Option<Vec<u64>> = sources
                .iter()
                .map(|(lock, sleep)| match (lock, sleep) {
                    (Some(1), Some(s)) if *s > 0 => Some(u64::from(*s)),
                    _ => None,
                })
                .collect();
            if let Some(t) = times.and_then(|t| t.into_iter().max()) {
                ways.push((
                    t,
                    format!(
                        "the computer sleeps after {} and asks for the password on wake",
                        duration_words(t)
                    ),
                ));
            } else if sources
                .iter()
                .any(|(lock, sleep)| lock.is_none() || sleep.is_none())
            {
                unread.push("the power plan's sleep settings were incomplete".to_owned());
            }
        }
        Err(why) => unread.push(format!("the power plan could not be read ({why})")),
    }
    (ways, unread)
}

/// `screen-lock` on Windows: the soonest of the inactivity policy, a screen saver that shows
/// the sign-in screen, and sleep with sign-in on wake.
pub(crate) fn screen_lock(reg: &Registry, power: &Fact<Power>, policy: &Policy) -> Finding {
    let check = CheckId::ScreenLock;
    let mut raw = RawLog::new();
    raw.text(
        "registry: inactivity policy and screen saver (the policy value wins)",
        format!(
            "InactivityTimeoutSecs={:?} ScreenSaveActive={:?} ScreenSaverIsSecure={:?} ScreenSaveTimeOut={:?} SCRNSAVE.EXE={:?} console lock policy={:?}",
            reg.inactivity_timeout_secs, reg.screen_save_active, reg.screen_saver_is_secure, reg.screen_save_time_out, reg.scrnsave_exe, reg.console_lock_policy
        ),
    )
    .add("power plan: sleep after, sign-in on wake, battery", &power.as_ref().map(|p| format!("{p:?}")).map_err(Clone::clone));
    let (ways, unread) = lock_ways(reg, power);
    let max = u64::from(policy.screen_lock_max_seconds);
    let soonest = ways.iter().min_by_key(|(t, _)| *t);
    let lock = match soonest {
        Some((t, how)) => IdleLock::After(*t, how.clone()),
        None => IdleLock::Never(
            "Nothing locks this computer when it is left alone: no screen saver that shows the sign-in screen, no inactivity lock, and no sleep that asks for the password on wake".to_owned(),
        ),
    };
    if !unread.is_empty() && soonest.is_none_or(|(t, _)| *t > max) {
        return unknown(
            check,
            OS,
            format!(
                "When the screen locks could not be fully read: {}",
                unread.join("; ")
            ),
            raw,
        );
    }
    let j = judge::idle_lock(
        &lock,
        "the screen saver, inactivity and power settings of this computer",
        policy,
    );
    if j.verdict == Verdict::Pass {
        pass(check, OS, j.evidence, &j.basis, raw)
    } else {
        finding(check, OS, j.verdict, j.evidence, raw)
    }
}

/// `untrusted-programs` on Windows: installed programs from the registry.
pub(crate) fn untrusted_programs(
    uninstall: &Fact<Vec<UninstallEntry>>,
    policy: &Policy,
) -> Finding {
    let check = CheckId::UntrustedPrograms;
    let mut raw = RawLog::new();
    let entries = match uninstall {
        Ok(e) => e,
        Err(why) => {
            raw.add("registry Uninstall keys", &Err(why.clone()));
            return unknown(
                check,
                OS,
                format!("The installed programs could not be listed: {why}"),
                raw,
            );
        }
    };
    let shown: Vec<&UninstallEntry> = entries
        .iter()
        .filter(|e| {
            e.system_component != Some(1)
                && e.display_name
                    .as_deref()
                    .is_some_and(|n| !n.trim().is_empty())
        })
        .collect();
    raw.text(
        "registry Uninstall keys (HKLM 64-bit, 32-bit, HKCU)",
        shown
            .iter()
            .map(|e| {
                format!(
                    "{} | {}",
                    e.display_name.as_deref().unwrap_or(""),
                    e.publisher.as_deref().unwrap_or("(no publisher)")
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
    );
    if shown.is_empty() {
        return unknown(
            check,
            OS,
            "No installed programs could be read from the registry",
            raw,
        );
    }
    // Flagged programs are looked for among every named entry: a remote-access tool that marks
    // its entry as a system component is hidden from the Settings list, not from this check.
    let names = entries
        .iter()
        .filter_map(|e| e.display_name.as_deref())
        .filter(|n| !n.trim().is_empty());
    let no_publisher: Vec<String> = shown
        .iter()
        .filter(|e| e.publisher.as_deref().is_none_or(|p| p.trim().is_empty()))
        .filter_map(|e| e.display_name.clone())
        .collect();
    let (verdict, text) = judge_programs(
        names,
        &no_publisher,
        policy,
        &format!("{} installed programs", shown.len()),
    );
    if verdict == Verdict::Pass {
        pass(
            check,
            OS,
            text,
            "the list of installed programs Windows keeps (the one Settings > Apps shows)",
            raw,
        )
    } else {
        finding(check, OS, verdict, text, raw)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{fixture, snapshot};
    use super::*;

    #[test]
    fn windows_versions_against_the_table() {
        let s = snapshot("snapshot_defender_home.json");
        let today = "2026-11-24".parse().unwrap();
        let f = os_supported(&s.registry, &s.build, today);
        assert_eq!(f.verdict, Verdict::Warn, "{}", f.evidence);
        assert!(
            f.evidence.contains("Extended Security Updates"),
            "{}",
            f.evidence
        );
        let mut reg = s.registry.clone();
        reg.edition_id = Some("Enterprise".into());
        let f = os_supported(&reg, &Ok(26100), today);
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        assert!(
            f.evidence.contains("Based on: the Windows version"),
            "{}",
            f.evidence
        );
        assert_eq!(
            os_supported(&reg, &Ok(99999), today).verdict,
            Verdict::Unknown
        );
        reg.current_build = None;
        assert_eq!(
            os_supported(&reg, &Err("no answer".into()), today).verdict,
            Verdict::Unknown
        );
    }

    #[test]
    fn the_screen_lock_fix_makes_the_check_pass() {
        let p = Policy::default();
        let s = snapshot("snapshot_german_standard.json");
        // Display off after 10 minutes on battery does not lock; the screen saver is not secure.
        let f = screen_lock(&s.registry, &s.power, &p);
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        // Following the fix: a screen saver, 15 minutes, "On resume, display logon screen".
        let mut reg = s.registry.clone();
        reg.screen_save_active = Some("1".into());
        reg.screen_saver_is_secure = Some("1".into());
        reg.screen_save_time_out = Some("900".into());
        reg.scrnsave_exe = Some(r"C:\Windows\system32\scrnsave.scr".into());
        let f = screen_lock(&reg, &s.power, &p);
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        assert!(
            f.evidence.contains("shows the sign-in screen"),
            "{}",
            f.evidence
        );
        // Sleep with sign-in on wake within the limit also locks.
        let power = Ok(Power {
            sleep: (Some(600), Some(300)),
            console_lock: (Some(1), Some(1)),
            battery: Some(true),
        });
        assert_eq!(screen_lock(&s.registry, &power, &p).verdict, Verdict::Pass);
        // Nothing readable (as under Wine) is not a pass.
        let w = snapshot("snapshot_wine.json");
        assert_eq!(
            screen_lock(&w.registry, &w.power, &p).verdict,
            Verdict::Unknown
        );
    }

    #[test]
    fn flagged_programs_and_programs_without_publisher() {
        let entries: Vec<UninstallEntry> =
            serde_json::from_str(&fixture("uninstall_entries.json")).unwrap();
        let f = untrusted_programs(&Ok(entries), &Policy::default());
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        assert!(
            f.evidence.contains("TeamViewer (remote-access tool)"),
            "{}",
            f.evidence
        );
        assert!(
            f.evidence.contains("uTorrent (peer-to-peer"),
            "{}",
            f.evidence
        );
        assert!(
            f.evidence.contains("programs with no publisher: Tool XYZ"),
            "{}",
            f.evidence
        );
        assert_eq!(
            untrusted_programs(&Ok(Vec::new()), &Policy::default()).verdict,
            Verdict::Unknown
        );
        let clean = vec![UninstallEntry {
            display_name: Some("Google Chrome".into()),
            publisher: Some("Google LLC".into()),
            system_component: None,
        }];
        let f = untrusted_programs(&Ok(clean.clone()), &Policy::default());
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        // A remote-access tool hiding its entry as a system component is still found.
        let mut hidden = clean;
        hidden.push(UninstallEntry {
            display_name: Some("AnyDesk".into()),
            publisher: Some("AnyDesk Software GmbH".into()),
            system_component: Some(1),
        });
        let f = untrusted_programs(&Ok(hidden), &Policy::default());
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        assert!(f.evidence.contains("AnyDesk"), "{}", f.evidence);
    }
}
