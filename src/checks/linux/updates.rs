//! Linux update facts: whether updates install automatically (unattended-upgrades on Debian and
//! Ubuntu, dnf-automatic on Fedora), when packages were last installed, whether a restart is
//! pending. The shared rules in [`crate::checks::judge`] judge them.

use chrono::{DateTime, Utc};

use super::{Family, OS, config_bool, parse_ini, unit_on, unit_state};
use crate::checks::finding::{Probe, RawLog, judged};
use crate::checks::judge::{self, Automatic, Restart, Sourced, UpdateFacts};
use crate::checks::{CheckId, Finding, Policy};

/// What the probes read for `auto-updates` on Linux.
#[derive(Debug, Clone)]
pub(crate) struct AutoUpdateProbes {
    /// The distribution family.
    pub(crate) family: Family,
    /// `apt-config dump`.
    pub(crate) apt_config: Probe,
    /// `dpkg-query -W -f '${Status}' unattended-upgrades` (stdout and stderr).
    pub(crate) unattended_upgrades: Probe,
    /// `systemctl is-enabled apt-daily-upgrade.timer`.
    pub(crate) apt_timer: Probe,
    /// `systemctl is-enabled` of dnf5-automatic.timer, dnf-automatic-install.timer,
    /// dnf-automatic.timer, in that order.
    pub(crate) dnf_timers: Vec<(String, Probe)>,
    /// `/etc/dnf/automatic.conf` (`Ok(None)` = no such file).
    pub(crate) dnf_automatic_conf: Result<Option<String>, String>,
}

/// A numeric `APT::Periodic::NAME "N";` value from `apt-config dump`.
pub(crate) fn apt_periodic(dump: &str, name: &str) -> Option<u32> {
    let key = format!("APT::Periodic::{name} ");
    dump.lines().rev().find_map(|l| {
        let rest = l.trim().strip_prefix(&key)?;
        rest.trim()
            .trim_end_matches(';')
            .trim_matches('"')
            .parse()
            .ok()
    })
}

/// Whether updates install automatically, from the probes; the raw log gets what was read.
pub(crate) fn automatic(p: &AutoUpdateProbes, raw: &mut RawLog) -> Sourced<Automatic> {
    match p.family {
        Family::Debian => debian_automatic(p, raw),
        Family::Fedora => fedora_automatic(p, raw),
        Family::Other => Sourced::unread(
            "this Linux distribution is neither Debian/Ubuntu nor Fedora, whose automatic updates clerkcheck knows",
            "the system's version file",
        ),
    }
}

fn debian_automatic(p: &AutoUpdateProbes, raw: &mut RawLog) -> Sourced<Automatic> {
    const SOURCE: &str =
        "the unattended-upgrades package, the APT settings and the timer that runs it";
    raw.add(
        "apt-config dump (APT::Periodic lines)",
        &p.apt_config
            .as_ref()
            .map(|t| {
                t.lines()
                    .filter(|l| l.contains("APT::Periodic"))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .map_err(Clone::clone),
    )
    .add(
        "dpkg-query -W -f '${Status}' unattended-upgrades",
        &p.unattended_upgrades,
    )
    .add("systemctl is-enabled apt-daily-upgrade.timer", &p.apt_timer);
    let installed = match &p.unattended_upgrades {
        Ok(t) if t.trim() == "install ok installed" => true,
        Ok(t)
            if t.contains("no packages found")
                || t.contains("not-installed")
                || t.contains("deinstall") =>
        {
            false
        }
        Ok(t) => {
            return Sourced::unread(
                format!(
                    "the package manager's answer about unattended-upgrades was not understood: {:?}",
                    t.trim()
                ),
                SOURCE,
            );
        }
        Err(why) => return Sourced::unread(why.clone(), SOURCE),
    };
    if !installed {
        return Sourced::read(
            Automatic::Off(
                "Updates are not installed automatically (the automatic-update package is not installed)"
                    .to_owned(),
            ),
            SOURCE,
        );
    }
    let dump = match &p.apt_config {
        Ok(d) if d.contains("APT::") => d,
        Ok(_) => return Sourced::unread("the APT settings were empty", SOURCE),
        Err(why) => return Sourced::unread(why.clone(), SOURCE),
    };
    let unattended = apt_periodic(dump, "Unattended-Upgrade").unwrap_or(0);
    let lists = apt_periodic(dump, "Update-Package-Lists").unwrap_or(0);
    if unattended == 0 || lists == 0 {
        return Sourced::read(
            Automatic::Off(
                "Automatic updates are installed but turned off in the APT settings".to_owned(),
            ),
            SOURCE,
        );
    }
    match unit_state(&p.apt_timer) {
        Ok(s) if unit_on(&s) => Sourced::read(
            Automatic::On(format!(
                "Security updates install automatically (every {unattended} day(s))"
            )),
            SOURCE,
        ),
        Ok(s) => Sourced::read(
            Automatic::Off(format!(
                "Automatic updates are on, but the timer that runs them is {s}"
            )),
            SOURCE,
        ),
        Err(why) => Sourced::unread(why, SOURCE),
    }
}

fn fedora_automatic(p: &AutoUpdateProbes, raw: &mut RawLog) -> Sourced<Automatic> {
    const SOURCE: &str = "the dnf-automatic timers and /etc/dnf/automatic.conf";
    for (unit, probe) in &p.dnf_timers {
        raw.add(&format!("systemctl is-enabled {unit}"), probe);
    }
    let conf: Probe = p
        .dnf_automatic_conf
        .clone()
        .map(|c| c.unwrap_or_else(|| "(no such file)".to_owned()));
    raw.add("cat /etc/dnf/automatic.conf", &conf);
    let mut unread = Vec::new();
    // Every timer is looked at: one that only downloads must not hide another that installs.
    let mut download_only = None;
    for (unit, probe) in &p.dnf_timers {
        match unit_state(probe) {
            Ok(state) if unit_on(&state) => {
                if unit != "dnf-automatic.timer" && unit != "dnf5-automatic.timer" {
                    return Sourced::read(
                        Automatic::On(format!("Updates install automatically ({unit} is {state})")),
                        SOURCE,
                    );
                }
                // These timers apply updates only when automatic.conf says so (dnf5's
                // default, like dnf4's, is apply_updates = no).
                let apply = p.dnf_automatic_conf.as_ref().map(|c| {
                    c.as_deref().and_then(|c| {
                        parse_ini(c)
                            .into_iter()
                            .rev()
                            .find(|(s, k, _)| s == "commands" && k == "apply_updates")
                            .and_then(|(_, _, v)| config_bool(&v))
                    })
                });
                match apply {
                    Ok(Some(true)) => {
                        return Sourced::read(
                            Automatic::On(format!(
                                "Updates install automatically ({unit} is on and applies them)"
                            )),
                            SOURCE,
                        );
                    }
                    Ok(_) => download_only = download_only.or(Some(unit.clone())),
                    Err(why) => unread.push(why.clone()),
                }
            }
            Ok(_) => {}
            Err(why) => unread.push(why.clone()),
        }
    }
    if let Some(unit) = download_only {
        return Sourced::read(
            Automatic::Off(format!(
                "{unit} is on but only downloads updates; nobody installs them automatically"
            )),
            SOURCE,
        );
    }
    if unread.len() == p.dnf_timers.len() {
        return Sourced::unread(
            format!(
                "the dnf-automatic timers could not be read: {}",
                unread.join("; ")
            ),
            SOURCE,
        );
    }
    Sourced::read(
        Automatic::Off(
            "No automatic update timer is on; updates are only offered, and wait for someone to install them"
                .to_owned(),
        ),
        SOURCE,
    )
}

/// The newest install time in `rpm -qa --qf '%{INSTALLTIME}\n'` output; `Err` when a line is
/// not a number (garbage is never read as a date).
pub(crate) fn rpm_install_times(text: &str) -> Result<Vec<DateTime<Utc>>, String> {
    let mut times = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let secs: i64 = line
            .parse()
            .map_err(|_| format!("rpm printed {line:?} where an install time belongs"))?;
        times.push(
            DateTime::from_timestamp(secs, 0)
                .ok_or_else(|| format!("rpm printed an impossible install time {secs}"))?,
        );
    }
    if times.is_empty() {
        return Err("rpm listed no installed packages".to_owned());
    }
    Ok(times)
}

/// Since when a restart has been pending on Fedora: the first package installed after the last
/// start of the computer (`dnf needs-restarting -r` says one is needed).
pub(crate) fn fedora_restart(
    needs_restarting_code: Result<Option<i32>, String>,
    install_times: &[DateTime<Utc>],
    booted: Option<DateTime<Utc>>,
) -> Result<Restart, String> {
    match needs_restarting_code? {
        Some(0) => Ok(Restart::NotPending),
        Some(1) => Ok(booted
            .and_then(|b| install_times.iter().filter(|t| **t > b).min().copied())
            .map_or(Restart::Pending, Restart::PendingSince)),
        other => Err(format!("dnf needs-restarting ended with code {other:?}")),
    }
}

/// `auto-updates` on Linux.
pub(crate) fn auto_updates(
    facts: &UpdateFacts,
    raw: RawLog,
    policy: &Policy,
    now: DateTime<Utc>,
) -> Finding {
    let j = judge::auto_updates(facts, policy, now);
    judged(CheckId::AutoUpdates, OS, j, raw)
}

/// `recent-updates` on Linux.
pub(crate) fn recent_updates(
    facts: &UpdateFacts,
    raw: RawLog,
    policy: &Policy,
    now: DateTime<Utc>,
) -> Finding {
    let j = judge::recent_updates(facts, policy, now);
    judged(CheckId::RecentUpdates, OS, j, raw)
}

#[cfg(test)]
mod tests {
    use super::super::tests::fixture;
    use super::*;
    use crate::checks::Verdict;

    fn apt(apt_config: &str, uu: &str, timer: &str) -> AutoUpdateProbes {
        AutoUpdateProbes {
            family: Family::Debian,
            apt_config: Ok(apt_config.to_owned()),
            unattended_upgrades: Ok(uu.to_owned()),
            apt_timer: Ok(timer.to_owned()),
            dnf_timers: Vec::new(),
            dnf_automatic_conf: Ok(None),
        }
    }

    fn auto(p: &AutoUpdateProbes) -> Result<Automatic, String> {
        automatic(p, &mut RawLog::new()).value
    }

    #[test]
    fn unattended_upgrades_must_be_installed_on_and_timed() {
        let conf = fixture("apt-config_periodic.txt");
        assert!(matches!(
            auto(&apt(&conf, "install ok installed", "enabled\n")),
            Ok(Automatic::On(_))
        ));
        assert!(matches!(
            auto(&apt(
                &conf,
                "dpkg-query: no packages found matching unattended-upgrades\n",
                "enabled\n"
            )),
            Ok(Automatic::Off(_))
        ));
        assert!(matches!(
            auto(&apt(
                "APT::Periodic \"\";\n",
                "install ok installed",
                "enabled\n"
            )),
            Ok(Automatic::Off(_))
        ));
        assert!(matches!(
            auto(&apt(&conf, "install ok installed", "masked\n")),
            Ok(Automatic::Off(_))
        ));
        // Garbage, nothing at all, or the APT settings empty: never "on".
        assert!(auto(&apt(&conf, "\u{fffd}\u{fffd}", "enabled\n")).is_err());
        assert!(auto(&apt(&conf, "", "enabled\n")).is_err());
        assert!(auto(&apt("", "install ok installed", "enabled\n")).is_err());
    }

    #[test]
    fn fedora_timers_and_apply_updates() {
        let none =
            "Failed to get unit file state for dnf-automatic.timer: No such file or directory";
        let mut p = AutoUpdateProbes {
            family: Family::Fedora,
            apt_config: Err("n/a".into()),
            unattended_upgrades: Err("n/a".into()),
            apt_timer: Err("n/a".into()),
            dnf_timers: vec![
                (
                    "dnf5-automatic.timer".into(),
                    Ok(fixture("systemctl_is_enabled_disabled.txt")),
                ),
                ("dnf-automatic.timer".into(), Ok(none.into())),
            ],
            dnf_automatic_conf: Ok(None),
        };
        assert!(matches!(auto(&p), Ok(Automatic::Off(_))));
        p.dnf_timers[1].1 = Ok("enabled\n".into());
        assert!(matches!(auto(&p), Ok(Automatic::Off(_))), "download only");
        p.dnf_automatic_conf = Ok(Some("[commands]\napply_updates = yes\n".into()));
        assert!(matches!(auto(&p), Ok(Automatic::On(_))));
        p.dnf_timers[0].1 = Ok(fixture("systemctl_is_enabled_timer.txt"));
        assert!(matches!(auto(&p), Ok(Automatic::On(_))));
        // dnf5-automatic.timer on, with no automatic.conf: dnf5 only downloads by default.
        p.dnf_timers[1].1 = Ok(none.into());
        p.dnf_automatic_conf = Ok(None);
        assert!(
            matches!(auto(&p), Ok(Automatic::Off(_))),
            "dnf5 without apply_updates"
        );
        // …but a timer that installs is not hidden by one that only downloads.
        p.dnf_timers
            .push(("dnf-automatic-install.timer".into(), Ok("enabled\n".into())));
        assert!(matches!(auto(&p), Ok(Automatic::On(_))));
        p.dnf_timers.pop();
        p.dnf_automatic_conf = Ok(Some("[commands]\napply_updates = yes\n".into()));
        assert!(matches!(auto(&p), Ok(Automatic::On(_))));
        for t in &mut p.dnf_timers {
            t.1 = Err("timed out".into());
        }
        assert!(auto(&p).is_err());
    }

    #[test]
    fn the_debian_update_findings_name_their_evidence() {
        let now = DateTime::parse_from_rfc3339("2026-11-24T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let mut raw = RawLog::new();
        let probes = apt(
            &fixture("apt-config_periodic.txt"),
            "install ok installed",
            "enabled\n",
        );
        let facts = UpdateFacts {
            automatic: automatic(&probes, &mut raw),
            last_installed: Sourced::read(
                Some(now - chrono::Duration::days(3)),
                "the package database",
            ),
            restart: Sourced::read(Restart::NotPending, "the restart flag"),
        };
        let p = Policy::default();
        let f = auto_updates(&facts, raw.clone(), &p, now);
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        assert!(
            f.evidence
                .contains("Based on: the unattended-upgrades package"),
            "{}",
            f.evidence
        );
        assert!(f.raw.contains("APT::Periodic"), "{}", f.raw);
        let f = recent_updates(&facts, raw, &p, now);
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        assert!(
            f.evidence
                .contains("Based on: the package database; the restart flag"),
            "{}",
            f.evidence
        );
    }

    #[test]
    fn rpm_times_and_the_fedora_restart() {
        let times = rpm_install_times("1700000000\n1720000000\n\n1710000000\n").unwrap();
        assert_eq!(times.len(), 3);
        assert!(rpm_install_times("").is_err());
        assert!(rpm_install_times("error: rpmdb open failed\n").is_err());
        let booted = DateTime::from_timestamp(1_705_000_000, 0);
        assert_eq!(
            fedora_restart(Ok(Some(1)), &times, booted),
            Ok(Restart::PendingSince(
                DateTime::from_timestamp(1_710_000_000, 0).unwrap()
            ))
        );
        assert_eq!(
            fedora_restart(Ok(Some(1)), &times, None),
            Ok(Restart::Pending)
        );
        assert_eq!(
            fedora_restart(Ok(Some(0)), &times, booted),
            Ok(Restart::NotPending)
        );
        assert!(fedora_restart(Ok(Some(2)), &times, booted).is_err());
    }
}
