//! Windows update facts: whether updates install automatically (policies, the update services,
//! the pause date and the Windows Update Agent's own settings), when the last update was
//! installed (the Windows Update history and the hotfix list), and the restart flags. The
//! shared rules in [`crate::checks::judge`] judge them.

use chrono::{DateTime, Utc};

use super::{Fact, OS, QuickFixEngineering, Registry, WindowsUpdate, hotfix_date};
use crate::checks::finding::{RawLog, judged};
use crate::checks::judge::{self, Automatic, Restart, Sourced, UpdateFacts};
use crate::checks::{CheckId, Finding, Policy};

const AUTO_SOURCE: &str =
    "the update policies, the Windows Update services and Windows Update's own settings";

/// Whether updates install automatically. "On" needs positive evidence: both update services
/// present and not disabled, no policy or pause turning them off, and Windows Update reporting
/// that everything automatic updates need is there, with automatic installation.
pub(crate) fn automatic(
    reg: &Registry,
    wua: &Fact<WindowsUpdate>,
    now: DateTime<Utc>,
) -> Sourced<Automatic> {
    let off = |why: &str| Sourced::read(Automatic::Off(why.to_owned()), AUTO_SOURCE);
    if reg.no_auto_update == Some(1) {
        return off("Automatic updates are turned off by a policy set on this computer");
    }
    if reg.wuauserv_start == Some(4) {
        return off("The Windows Update service is turned off, so no updates are installed");
    }
    if reg.uso_svc_start == Some(4) {
        return off("The service that installs updates (Update Orchestrator) is turned off");
    }
    if let Some(until) = reg.pause_updates_expiry_time.as_deref() {
        match DateTime::parse_from_rfc3339(until.trim()) {
            Ok(t) if t > now => {
                return off(&format!(
                    "Updates are paused until {}",
                    t.format("%B %-d, %Y")
                ));
            }
            Ok(_) => {}
            Err(_) => {
                return Sourced::unread(
                    format!("the update pause date {until:?} was not understood"),
                    AUTO_SOURCE,
                );
            }
        }
    }
    if matches!(reg.au_options, Some(2 | 3 | 7)) {
        return off("Windows only announces updates and waits for someone to install them");
    }
    let wua = match wua {
        Ok(w) => w,
        Err(why) => {
            return Sourced::unread(
                format!("Windows Update did not answer ({why})"),
                AUTO_SOURCE,
            );
        }
    };
    match wua.notification_level {
        Some(1) => return off("Automatic updates are turned off in Windows Update's settings"),
        Some(2 | 3) => {
            return off("Windows only announces updates and waits for someone to install them");
        }
        _ => {}
    }
    let services_on = [reg.wuauserv_start, reg.uso_svc_start]
        .iter()
        .all(|s| matches!(s, Some(2 | 3)));
    if !services_on {
        return Sourced::unread("the Windows Update services could not be read", AUTO_SOURCE);
    }
    if wua.service_enabled != Some(true) {
        return Sourced::unread(
            "Windows Update did not confirm that everything automatic updates need is in place",
            AUTO_SOURCE,
        );
    }
    let managed = if reg.use_wu_server == Some(1) {
        ", from your organization's update server"
    } else {
        ""
    };
    match wua.notification_level {
        Some(0 | 4) => Sourced::read(
            Automatic::On(format!("Windows installs updates automatically{managed}")),
            AUTO_SOURCE,
        ),
        other => Sourced::unread(
            format!("Windows Update's automatic-update setting ({other:?}) was not understood"),
            AUTO_SOURCE,
        ),
    }
}

/// The updates that say nothing about whether Windows itself is kept up to date, by their KB
/// number (titles are translated, numbers are not): Microsoft Defender's definitions and
/// platform (installed every day even when Windows' own updates fail for months), the older
/// anti-virus definitions, and the Malicious Software Removal Tool.
const NOT_SYSTEM_UPDATES: [&str; 6] = [
    "KB2267602",
    "KB4052623",
    "KB2461484",
    "KB915597",
    "KB2310138",
    "KB890830",
];

/// Whether an entry of the Windows Update history, by its title, is an update of Windows (or of
/// other software) rather than a definition update that arrives every day whatever else fails.
pub(crate) fn counts_as_system_update(title: &str) -> bool {
    let upper = title.to_ascii_uppercase();
    !NOT_SYSTEM_UPDATES.iter().any(|kb| {
        upper.match_indices(kb).any(|(at, _)| {
            // "KB890830" must not match inside "KB8908301".
            !upper[at + kb.len()..].starts_with(|c: char| c.is_ascii_digit())
        })
    })
}

/// When the last update was installed: the newest of the Windows Update history (definition
/// updates left out by the probe, see [`counts_as_system_update`]) and the hotfix list's dates.
/// Windows Update's own "last successful installation" date is not used: a definition update
/// sets it every day. Rows without a date prove nothing; with no dated source this is not known
/// (never "no update").
pub(crate) fn last_installed(
    wua: &Fact<WindowsUpdate>,
    hotfixes: &Fact<Vec<QuickFixEngineering>>,
) -> Sourced<Option<DateTime<Utc>>> {
    const SOURCE: &str = "the Windows Update history and the list of installed Windows updates";
    let mut dates = Vec::new();
    let mut why = Vec::new();
    match wua {
        Ok(w) => {
            dates.extend(w.installed.iter().copied());
            if w.installed.is_empty() {
                why.push(
                    "the Windows Update history lists no installation other than anti-virus definitions"
                        .to_owned(),
                );
            }
        }
        Err(e) => why.push(format!(
            "the Windows Update history could not be read ({e})"
        )),
    }
    match hotfixes {
        Ok(rows) => {
            let before = dates.len();
            dates.extend(
                rows.iter()
                    .filter_map(|r| r.installed_on.as_deref().and_then(hotfix_date))
                    .filter_map(|d| d.and_hms_opt(0, 0, 0))
                    .map(|d| d.and_utc()),
            );
            if dates.len() == before {
                why.push("the list of installed Windows updates gives no dates".to_owned());
            }
        }
        Err(e) => why.push(format!(
            "the list of installed Windows updates could not be read ({e})"
        )),
    }
    match dates.into_iter().max() {
        Some(newest) => Sourced::read(Some(newest), SOURCE),
        None => Sourced::unread(why.join("; "), SOURCE),
    }
}

/// Whether a restart is pending: the restart flags in the registry (since when they were
/// written) and Windows Update's own answer. "Not pending" needs the flags' keys to have been
/// read.
pub(crate) fn restart(reg: &Registry, wua: &Fact<WindowsUpdate>) -> Sourced<Restart> {
    const SOURCE: &str = "the restart flags Windows Update and Windows servicing set";
    if !reg.reboot_keys.is_empty() {
        let since = reg.reboot_keys.iter().filter_map(|k| k.written).min();
        return Sourced::read(
            since.map_or(Restart::Pending, Restart::PendingSince),
            SOURCE,
        );
    }
    if wua.as_ref().is_ok_and(|w| w.reboot_required == Some(true)) {
        return Sourced::read(Restart::Pending, SOURCE);
    }
    if reg.reboot_keys_read {
        Sourced::read(Restart::NotPending, SOURCE)
    } else {
        Sourced::unread(
            "the registry keys that hold the restart flags were not found",
            SOURCE,
        )
    }
}

/// The update facts of this computer.
pub(crate) fn facts(
    reg: &Registry,
    wua: &Fact<WindowsUpdate>,
    hotfixes: &Fact<Vec<QuickFixEngineering>>,
    now: DateTime<Utc>,
) -> UpdateFacts {
    UpdateFacts {
        automatic: automatic(reg, wua, now),
        last_installed: last_installed(wua, hotfixes),
        restart: restart(reg, wua),
    }
}

/// The raw evidence of the update facts (codes and values, for the record).
pub(crate) fn raw(
    reg: &Registry,
    wua: &Fact<WindowsUpdate>,
    hotfixes: &Fact<Vec<QuickFixEngineering>>,
) -> RawLog {
    let mut raw = RawLog::new();
    raw.text(
        "registry: update policy, services, pause, restart flags",
        format!(
            "NoAutoUpdate={:?} AUOptions={:?} UseWUServer={:?} wuauserv Start={:?} UsoSvc Start={:?} PauseUpdatesExpiryTime={:?} restart keys read={} flags={:?}",
            reg.no_auto_update,
            reg.au_options,
            reg.use_wu_server,
            reg.wuauserv_start,
            reg.uso_svc_start,
            reg.pause_updates_expiry_time,
            reg.reboot_keys_read,
            reg.reboot_keys
        ),
    )
    .add("COM Microsoft.Update (Windows Update Agent)", &wua.as_ref().map(|w| format!("{w:?}")).map_err(Clone::clone))
    .add(
        "WMI Win32_QuickFixEngineering",
        &hotfixes
            .as_ref()
            .map(|rows| {
                rows.iter()
                    .map(|r| format!("{} {}", r.hot_fix_id.as_deref().unwrap_or("?"), r.installed_on.as_deref().unwrap_or("")))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .map_err(Clone::clone),
    );
    raw
}

/// `auto-updates` on Windows.
pub(crate) fn auto_updates(
    facts: &UpdateFacts,
    raw: RawLog,
    policy: &Policy,
    now: DateTime<Utc>,
) -> Finding {
    judged(
        CheckId::AutoUpdates,
        OS,
        judge::auto_updates(facts, policy, now),
        raw,
    )
}

/// `recent-updates` on Windows.
pub(crate) fn recent_updates(
    facts: &UpdateFacts,
    raw: RawLog,
    policy: &Policy,
    now: DateTime<Utc>,
) -> Finding {
    judged(
        CheckId::RecentUpdates,
        OS,
        judge::recent_updates(facts, policy, now),
        raw,
    )
}

#[cfg(test)]
mod tests {
    use super::super::tests::{at, snapshot};
    use super::*;
    use crate::checks::Verdict;

    fn run(name: &str, now: &str) -> (Finding, Finding) {
        let s = snapshot(name);
        let now = at(now);
        let facts = facts(&s.registry, &s.windows_update, &s.hotfixes, now);
        let p = Policy::default();
        let raw = || raw(&s.registry, &s.windows_update, &s.hotfixes);
        (
            auto_updates(&facts, raw(), &p, now),
            recent_updates(&facts, raw(), &p, now),
        )
    }

    #[test]
    fn a_home_pc_with_automatic_updates_passes_both_naming_its_evidence() {
        let (auto, recent) = run("snapshot_defender_home.json", "2024-08-08T12:00:00Z");
        assert_eq!(auto.verdict, Verdict::Pass, "{}", auto.evidence);
        assert!(
            auto.evidence.contains("Based on: the update policies"),
            "{}",
            auto.evidence
        );
        assert_eq!(recent.verdict, Verdict::Pass, "{}", recent.evidence);
        assert!(
            recent
                .evidence
                .contains("Based on: the Windows Update history"),
            "{}",
            recent.evidence
        );
        // A month later with nothing installed since, the last update is too old.
        let (_, recent) = run("snapshot_defender_home.json", "2024-10-08T12:00:00Z");
        assert_eq!(recent.verdict, Verdict::Fail, "{}", recent.evidence);
    }

    #[test]
    fn paused_updates_pass_only_while_updates_are_recent() {
        // Paused until August 27 (the German PC's registry); last update July 10.
        let (auto, _) = run("snapshot_german_standard.json", "2024-07-20T12:00:00Z");
        assert_eq!(auto.verdict, Verdict::Pass, "{}", auto.evidence);
        assert!(
            auto.evidence.contains("paused until August 27, 2024"),
            "{}",
            auto.evidence
        );
        let (auto, _) = run("snapshot_german_standard.json", "2024-08-20T12:00:00Z");
        assert_eq!(auto.verdict, Verdict::Fail, "{}", auto.evidence);
    }

    #[test]
    fn a_pending_restart_is_judged_by_the_shared_rule() {
        // The ESET PC's restart flag was written on August 1.
        let (_, recent) = run("snapshot_eset_primary.json", "2024-08-05T12:00:00Z");
        assert_eq!(recent.verdict, Verdict::Warn, "{}", recent.evidence);
        let (_, recent) = run("snapshot_eset_primary.json", "2024-08-20T12:00:00Z");
        assert_eq!(recent.verdict, Verdict::Fail, "{}", recent.evidence);
        assert!(
            recent.evidence.contains("pending since 19 days ago"),
            "{}",
            recent.evidence
        );
    }

    #[test]
    fn regression_unreadable_update_services_never_pass() {
        let (auto, recent) = run("snapshot_wine.json", "2024-08-08T12:00:00Z");
        assert_eq!(auto.verdict, Verdict::Unknown, "{}", auto.evidence);
        assert_eq!(recent.verdict, Verdict::Unknown, "{}", recent.evidence);
        // Services present but Windows Update not answering: not "on".
        let s = snapshot("snapshot_defender_home.json");
        let a = automatic(
            &s.registry,
            &Err("Windows did not answer within 15 seconds".into()),
            at("2024-08-08T12:00:00Z"),
        );
        assert!(a.value.is_err(), "{a:?}");
        let mut reg = s.registry.clone();
        reg.uso_svc_start = None;
        let a = automatic(&reg, &s.windows_update, at("2024-08-08T12:00:00Z"));
        assert!(a.value.is_err(), "{a:?}");
    }

    #[test]
    fn definition_updates_never_count_as_the_last_update_of_windows() {
        for title in [
            "Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.421.1)",
            "Security Intelligence-Update für Microsoft Defender Antivirus – KB2267602 (Version 1.421.1)",
            "Update for Microsoft Defender Antivirus antimalware platform - KB4052623 (Version 4.18.24090.11)",
            "Windows Malicious Software Removal Tool x64 - v5.128 (KB890830)",
            "kb2267602",
        ] {
            assert!(!counts_as_system_update(title), "{title}");
        }
        for title in [
            "2024-07 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB5040442)",
            "2024-07 Kumulatives Update für Windows 10 Version 22H2 für x64-basierte Systeme (KB5040427)",
            "Update KB8908301",
            "",
        ] {
            assert!(counts_as_system_update(title), "{title}");
        }
    }

    #[test]
    fn windows_updates_last_success_date_alone_is_not_an_update() {
        // Only the Defender definitions installed (the probe left them out of the history):
        // Windows Update's last success date is theirs and proves nothing.
        let wua: Fact<WindowsUpdate> = Ok(WindowsUpdate {
            last_installation_success: Some(Utc::now()),
            ..WindowsUpdate::default()
        });
        let got = last_installed(&wua, &Ok(Vec::new()));
        assert!(got.value.is_err(), "{:?}", got.value);
    }
}
