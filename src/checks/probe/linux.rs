//! Linux probes (Debian/Ubuntu and Fedora families): thin, each one program or file.

use chrono::{DateTime, Utc};

use super::{all, file, out};
use crate::checks::linux::{self as rules, Family};
use crate::checks::rules::{Probe, RawLog};
use crate::checks::{CheckId, Finding, Policy};

const SYSTEMCTL: &str = "/usr/bin/systemctl";

/// Runs one check.
#[allow(clippy::too_many_lines)] // One arm per check; each arm is the whole probe for that check.
pub fn run(check: CheckId, policy: &Policy, now: DateTime<Utc>) -> Finding {
    match check {
        CheckId::OsSupported => rules::os_supported(&os_release(), now.date_naive()),
        CheckId::AutoUpdates => rules::auto_updates(&rules::AutoUpdateProbes {
            family: family(),
            apt_config: out("/usr/bin/apt-config", &["dump"]),
            unattended_upgrades: all(
                "/usr/bin/dpkg-query",
                &["-W", "-f=${Status}", "unattended-upgrades"],
            ),
            apt_timer: unit("apt-daily-upgrade.timer"),
            dnf_timers: [
                "dnf5-automatic.timer",
                "dnf-automatic-install.timer",
                "dnf-automatic.timer",
            ]
            .iter()
            .map(|u| ((*u).to_owned(), unit(u)))
            .collect(),
        }),
        CheckId::RecentUpdates => rules::recent_updates(&recent_update_facts(), policy, now),
        CheckId::Antivirus => rules::antivirus(
            &out("/usr/bin/clamscan", &["--version"]),
            &unit("clamav-freshclam.service"),
            policy,
            now,
        ),
        CheckId::Firewall => rules::firewall(&rules::FirewallProbes {
            ufw_conf: file("/etc/ufw/ufw.conf"),
            firewalld: unit("firewalld.service"),
            nftables: unit("nftables.service"),
        }),
        CheckId::DiskEncryption => {
            let lsblk = match out(
                "/usr/bin/lsblk",
                &["-J", "-o", "NAME,TYPE,FSTYPE,MOUNTPOINTS"],
            ) {
                // util-linux before 2.37 has only MOUNTPOINT.
                Err(e) if e.contains("unknown column") => out(
                    "/usr/bin/lsblk",
                    &["-J", "-o", "NAME,TYPE,FSTYPE,MOUNTPOINT"],
                ),
                other => other,
            };
            rules::disk_encryption(&out("/usr/bin/findmnt", &["-no", "SOURCE", "/"]), &lsblk)
        }
        CheckId::ScreenLock => {
            let gs = |schema: &str, key: &str| all("/usr/bin/gsettings", &["get", schema, key]);
            let home = std::env::var("HOME").unwrap_or_default();
            rules::screen_lock(
                &rules::ScreenLockProbes {
                    desktop: std::env::var("XDG_CURRENT_DESKTOP").ok(),
                    session_bus: std::env::var_os("DBUS_SESSION_BUS_ADDRESS")
                        .is_some_and(|v| !v.is_empty()),
                    lock_enabled: gs("org.gnome.desktop.screensaver", "lock-enabled"),
                    idle_delay: gs("org.gnome.desktop.session", "idle-delay"),
                    lock_delay: gs("org.gnome.desktop.screensaver", "lock-delay"),
                    kscreenlockerrc: file(&format!("{home}/.config/kscreenlockerrc")),
                },
                policy,
            )
        }
        CheckId::StandardUser => {
            let uid = out("/usr/bin/id", &["-u"])
                .ok()
                .and_then(|u| u.trim().parse().ok());
            let user = out("/usr/bin/id", &["-un"])
                .map_or_else(|_| "This account".to_owned(), |u| u.trim().to_owned());
            rules::standard_user(uid, &user, &out("/usr/bin/id", &["-nG"]))
        }
        CheckId::GuestDisabled => rules::guest_disabled(&existing(&lightdm_files())),
        CheckId::UntrustedPrograms => rules::untrusted_programs(
            &[
                (
                    "dpkg-query -W".to_owned(),
                    out(
                        "/usr/bin/dpkg-query",
                        &["-W", "-f=${db:Status-Abbrev}\t${Package}\n"],
                    )
                    .map(|t| rules::dpkg_installed(&t)),
                ),
                (
                    "rpm -qa".to_owned(),
                    out("/usr/bin/rpm", &["-qa", "--qf", "%{NAME}\n"]),
                ),
                (
                    "flatpak list --app".to_owned(),
                    out(
                        "/usr/bin/flatpak",
                        &["list", "--app", "--columns=application"],
                    ),
                ),
                ("snap list".to_owned(), out("/usr/bin/snap", &["list"])),
            ],
            policy,
        ),
        CheckId::SignInPassword => {
            let mut paths = vec![
                "/etc/gdm3/custom.conf".to_owned(),
                "/etc/gdm/custom.conf".to_owned(),
                "/etc/sddm.conf".to_owned(),
            ];
            paths.extend(conf_dir("/etc/sddm.conf.d"));
            paths.extend(lightdm_files());
            rules::sign_in_password(&existing(&paths))
        }
        CheckId::Uac => crate::checks::rules::unknown(
            check,
            crate::checks::Os::Linux,
            "Not applicable on Linux: User Account Control exists only on Windows",
            RawLog::new(),
        ),
    }
}

fn os_release() -> Probe {
    match file("/etc/os-release")? {
        Some(t) => Ok(t),
        None => {
            file("/usr/lib/os-release")?.ok_or_else(|| "there is no /etc/os-release".to_owned())
        }
    }
}

fn family() -> Family {
    os_release().map_or(Family::Other, |t| rules::family(&t))
}

/// `systemctl is-enabled UNIT` (works without a running systemd: it reads the unit files).
fn unit(name: &str) -> Probe {
    all(SYSTEMCTL, &["is-enabled", name])
}

/// `*.conf` files in a folder, sorted.
fn conf_dir(dir: &str) -> Vec<String> {
    let Ok(entries) = fs_err::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "conf"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    files
}

fn lightdm_files() -> Vec<String> {
    let mut files = conf_dir("/usr/share/lightdm/lightdm.conf.d");
    files.push("/etc/lightdm/lightdm.conf".to_owned());
    files.extend(conf_dir("/etc/lightdm/lightdm.conf.d"));
    files
}

/// The files that exist, with their text (or why they could not be read).
fn existing(paths: &[String]) -> Vec<(String, Probe)> {
    paths
        .iter()
        .filter_map(|p| match file(p) {
            Ok(Some(t)) => Some((p.clone(), Ok(t))),
            Ok(None) => None,
            Err(e) => Some((p.clone(), Err(e))),
        })
        .collect()
}

fn modified(path: &str) -> Result<Option<DateTime<Utc>>, String> {
    match fs_err::metadata(path) {
        Ok(m) => m
            .modified()
            .map(|t| Some(DateTime::<Utc>::from(t)))
            .map_err(|e| e.to_string()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.to_string()),
    }
}

#[allow(clippy::single_match_else)] // Two OS families read best as two arms.
fn recent_update_facts() -> rules::RecentUpdateFacts {
    let mut raw = RawLog::new();
    let shown = |t: &Result<Option<DateTime<Utc>>, String>| -> Probe {
        t.clone().map(|o| {
            o.map_or_else(
                || "(no such file)".to_owned(),
                |d| format!("modified {}", d.to_rfc3339()),
            )
        })
    };
    match family() {
        Family::Fedora => {
            let rpm = out("/usr/bin/rpm", &["-qa", "--qf", "%{INSTALLTIME}\n"]);
            raw.add(
                "rpm -qa --qf '%{INSTALLTIME}\\n' (newest)",
                &rpm.clone().map(|t| {
                    rules::newest_rpm_install(&t)
                        .map_or_else(|| "(none)".to_owned(), |d| d.to_rfc3339())
                }),
            );
            let last_install = rpm.and_then(|t| {
                rules::newest_rpm_install(&t)
                    .ok_or_else(|| "rpm listed no install times".to_owned())
            });
            let needs = super::run::run(
                std::path::Path::new("/usr/bin/dnf"),
                &["-C", "needs-restarting", "-r"],
                super::DEFAULT_TIMEOUT,
            );
            let restart_pending_since = match &needs {
                Ok(o) if o.code == Some(0) => Ok(None),
                // dnf does not say since when: count from now (a warning, not yet a failure).
                Ok(o) if o.code == Some(1) => Ok(Some(Utc::now())),
                Ok(o) => Err(format!("dnf needs-restarting ended with code {:?}", o.code)),
                Err(e) => Err(e.to_string()),
            };
            raw.add(
                "dnf -C needs-restarting -r",
                &needs.map(|o| o.stdout).map_err(|e| e.to_string()),
            );
            rules::RecentUpdateFacts {
                last_install,
                restart_pending_since,
                raw,
            }
        }
        _ => {
            let status = modified("/var/lib/dpkg/status");
            let reboot = modified("/var/run/reboot-required");
            raw.add("stat /var/lib/dpkg/status", &shown(&status))
                .add("stat /var/run/reboot-required", &shown(&reboot));
            let last_install = status.and_then(|s| {
                s.ok_or_else(|| {
                    "there is no /var/lib/dpkg/status (not a Debian-family system)".to_owned()
                })
            });
            rules::RecentUpdateFacts {
                last_install,
                restart_pending_since: reboot,
                raw,
            }
        }
    }
}
