//! Linux probes: thin, each one program or file. Programs run in a clean environment (see
//! [`super::process`]); files are read through [`crate::files`] (regular files only, capped).

use std::ffi::OsString;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};

use super::{all, all_with, file, out, out_with};
use crate::checks::finding::{Probe, RawLog};
use crate::checks::judge::{Restart, Sourced, UpdateFacts};
use crate::checks::linux::programs::{self, Source};
use crate::checks::linux::{
    self as rules, DisplayManager, Family, security, session, signin, updates,
};
use crate::checks::{CheckId, Finding, Os, Policy};

const SYSTEMCTL: &str = "/usr/bin/systemctl";

/// The facts of one run that several checks share.
#[derive(Default)]
pub(crate) struct Facts {
    os_release: OnceLock<Probe>,
    updates: OnceLock<(UpdateFacts, RawLog)>,
    display_manager: OnceLock<Result<DisplayManager, String>>,
}

impl Facts {
    /// Runs one check.
    pub(crate) fn run(&self, check: CheckId, policy: &Policy, now: DateTime<Utc>) -> Finding {
        match check {
            CheckId::OsSupported => rules::os_supported(self.os_release(), now.date_naive()),
            CheckId::AutoUpdates => {
                let (facts, raw) = self.updates();
                updates::auto_updates(facts, raw.clone(), policy, now)
            }
            CheckId::RecentUpdates => {
                let (facts, raw) = self.updates();
                updates::recent_updates(facts, raw.clone(), policy, now)
            }
            CheckId::Antivirus => security::antivirus(
                &out("/usr/bin/clamscan", &["--version"]),
                &unit("clamav-freshclam.service"),
                policy,
                now,
            ),
            CheckId::Firewall => security::firewall(&security::FirewallProbes {
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
                security::disk_encryption(&out("/usr/bin/findmnt", &["-no", "SOURCE", "/"]), &lsblk)
            }
            CheckId::ScreenLock => screen_lock(policy),
            CheckId::StandardUser => {
                let user = out("/usr/bin/id", &["-un"])
                    .map_or_else(|_| "This account".to_owned(), |u| u.trim().to_owned());
                session::standard_user(
                    &out("/usr/bin/id", &["-u"]),
                    &user,
                    &out("/usr/bin/id", &["-nG"]),
                )
            }
            CheckId::GuestDisabled => {
                let dm = self.display_manager();
                let confs = match dm {
                    Ok(DisplayManager::LightDm) => existing(&lightdm_files()),
                    _ => Vec::new(),
                };
                signin::guest_disabled(dm, &confs)
            }
            CheckId::UntrustedPrograms => programs::untrusted_programs(&program_sources(), policy),
            CheckId::SignInPassword => {
                let dm = self.display_manager();
                let paths = match dm {
                    Ok(DisplayManager::Gdm) => vec![
                        "/etc/gdm3/daemon.conf".to_owned(),
                        "/etc/gdm3/custom.conf".to_owned(),
                        "/etc/gdm/custom.conf".to_owned(),
                    ],
                    Ok(DisplayManager::LightDm) => lightdm_files(),
                    Ok(DisplayManager::Sddm) => {
                        let mut p = conf_dir("/usr/lib/sddm/sddm.conf.d");
                        p.push("/etc/sddm.conf".to_owned());
                        p.extend(conf_dir("/etc/sddm.conf.d"));
                        p
                    }
                    _ => Vec::new(),
                };
                signin::sign_in_password(dm, &existing(&paths))
            }
            CheckId::Uac => crate::checks::finding::unknown(
                check,
                Os::Linux,
                check.unavailable_reason(Os::Linux).unwrap_or_default(),
                RawLog::new(),
            ),
        }
    }

    fn os_release(&self) -> &Probe {
        self.os_release
            .get_or_init(|| match file("/etc/os-release")? {
                Some(t) => Ok(t),
                None => file("/usr/lib/os-release")?
                    .ok_or_else(|| "there is no /etc/os-release".to_owned()),
            })
    }

    fn family(&self) -> Family {
        self.os_release()
            .as_ref()
            .map_or(Family::Other, |t| rules::family(t))
    }

    fn display_manager(&self) -> &Result<DisplayManager, String> {
        self.display_manager.get_or_init(display_manager)
    }

    fn updates(&self) -> &(UpdateFacts, RawLog) {
        self.updates.get_or_init(|| {
            let mut raw = RawLog::new();
            let family = self.family();
            let probes = updates::AutoUpdateProbes {
                family,
                apt_config: if family == Family::Debian {
                    out("/usr/bin/apt-config", &["dump"])
                } else {
                    Err("not a Debian-family system".to_owned())
                },
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
                dnf_automatic_conf: file("/etc/dnf/automatic.conf"),
            };
            let automatic = updates::automatic(&probes, &mut raw);
            let (last_installed, restart) = match family {
                Family::Fedora => fedora_history(&mut raw),
                _ => debian_history(&mut raw),
            };
            (
                UpdateFacts {
                    automatic,
                    last_installed,
                    restart,
                },
                raw,
            )
        })
    }
}

/// When dpkg last changed the installed packages, and the restart flag file.
fn debian_history(raw: &mut RawLog) -> (Sourced<Option<DateTime<Utc>>>, Sourced<Restart>) {
    const FLAG_WRITER: &str = "/usr/share/update-notifier/notify-reboot-required";
    let status = modified("/var/lib/dpkg/status");
    let reboot = modified("/var/run/reboot-required");
    raw.add("stat /var/lib/dpkg/status", &shown(&status))
        .add("stat /var/run/reboot-required", &shown(&reboot));
    let last = match status {
        Ok(Some(t)) => Sourced::read(
            Some(t),
            "when the package manager last changed the installed packages",
        ),
        Ok(None) => Sourced::unread(
            "there is no package database (not a Debian-family system)",
            "the package database",
        ),
        Err(why) => Sourced::unread(why, "the package database"),
    };
    let source = "the restart flag Debian and Ubuntu set when an update needs a restart";
    // The flag file is written by update-notifier-common's hooks (Ubuntu; some Debian
    // systems): where they are not installed, nothing ever writes it, and its absence says
    // nothing.
    let restart = match reboot {
        Ok(Some(since)) => Sourced::read(Restart::PendingSince(since), source),
        Ok(None) => match modified(FLAG_WRITER) {
            Ok(Some(_)) => Sourced::read(Restart::NotPending, source),
            Ok(None) => {
                raw.text(&format!("stat {FLAG_WRITER}"), "(no such file)".to_owned());
                Sourced::read(
                    Restart::NotExposed(
                        "nothing on this computer records whether an update is waiting for a restart"
                            .to_owned(),
                    ),
                    source,
                )
            }
            Err(why) => Sourced::unread(why, source),
        },
        Err(why) => Sourced::unread(why, source),
    };
    (last, restart)
}

/// The newest rpm install time, and `dnf needs-restarting -r`.
fn fedora_history(raw: &mut RawLog) -> (Sourced<Option<DateTime<Utc>>>, Sourced<Restart>) {
    let rpm = out("/usr/bin/rpm", &["-qa", "--qf", "%{INSTALLTIME}\n"]);
    let times = rpm.and_then(|t| updates::rpm_install_times(&t));
    let newest = times
        .as_ref()
        .map(|t| t.iter().max().copied())
        .map_err(Clone::clone);
    raw.add(
        "rpm -qa --qf '%{INSTALLTIME}\\n' (newest)",
        &newest
            .clone()
            .map(|n| n.map_or_else(|| "(none)".to_owned(), |d| d.to_rfc3339())),
    );
    let last = Sourced {
        value: newest,
        source: "the install times of the installed packages".to_owned(),
    };
    let needs = super::process::run(
        std::path::Path::new("/usr/bin/dnf"),
        &["-C", "needs-restarting", "-r"],
        &[],
        super::process::DEFAULT_TIMEOUT,
    );
    raw.add(
        "dnf -C needs-restarting -r",
        &needs
            .as_ref()
            .map(|o| o.stdout.clone())
            .map_err(ToString::to_string),
    );
    let booted = sysinfo::System::boot_time()
        .ok()
        .and_then(|b| i64::try_from(b).ok())
        .and_then(|b| DateTime::from_timestamp(b, 0))
        .filter(|b| b.timestamp() > 0);
    let restart = updates::fedora_restart(
        needs.map(|o| o.code).map_err(|e| e.to_string()),
        times.as_deref().unwrap_or(&[]),
        booted,
    );
    (
        last,
        Sourced {
            value: restart,
            source: "dnf's list of updates that need a restart".to_owned(),
        },
    )
}

fn shown(t: &Result<Option<DateTime<Utc>>, String>) -> Probe {
    t.clone().map(|o| {
        o.map_or_else(
            || "(no such file)".to_owned(),
            |d| format!("modified {}", d.to_rfc3339()),
        )
    })
}

/// The screen lock of this session's desktop: KDE's file is read only on KDE.
fn screen_lock(policy: &Policy) -> Finding {
    let desktop = std::env::var("XDG_CURRENT_DESKTOP").ok();
    if session::is_kde(desktop.as_deref()) {
        // The system-wide file first, then the user's, so the user's settings win as in KDE.
        let system = crate::files::read_text_if_present(
            std::path::Path::new("/etc/xdg/kscreenlockerrc"),
            super::FILE_CAP,
        )
        .map_err(|e| e.to_string());
        let user = match std::env::var_os("HOME") {
            Some(home) if !home.is_empty() => {
                let path = std::path::Path::new(&home).join(".config/kscreenlockerrc");
                crate::files::read_text_if_present(&path, super::FILE_CAP)
                    .map_err(|e| e.to_string())
            }
            _ => Err("this account has no home folder set".to_owned()),
        };
        let rc = system.and_then(|system| {
            user.map(|user| match (system, user) {
                (None, None) => None,
                (system, user) => Some(format!(
                    "{}\n{}",
                    system.unwrap_or_default(),
                    user.unwrap_or_default()
                )),
            })
        });
        return session::kde_screen_lock(&rc, policy);
    }
    let env = session_env();
    let gs = |schema: &str, key: &str| all_with("/usr/bin/gsettings", &["get", schema, key], &env);
    session::gnome_screen_lock(
        &session::GnomeProbes {
            desktop,
            session_bus: std::env::var_os("DBUS_SESSION_BUS_ADDRESS")
                .is_some_and(|v| !v.is_empty()),
            lock_enabled: gs("org.gnome.desktop.screensaver", "lock-enabled"),
            idle_delay: gs("org.gnome.desktop.session", "idle-delay"),
            lock_delay: gs("org.gnome.desktop.screensaver", "lock-delay"),
            lock_disabled: gs("org.gnome.desktop.lockdown", "disable-lock-screen"),
        },
        policy,
    )
}

/// The variables a desktop settings tool needs to reach this user's session (and nothing else).
fn session_env() -> Vec<(&'static str, OsString)> {
    ["HOME", "XDG_RUNTIME_DIR", "DBUS_SESSION_BUS_ADDRESS"]
        .into_iter()
        .filter_map(|k| std::env::var_os(k).map(|v| (k, v)))
        .collect()
}

/// Package names from dpkg or rpm (whichever is here), flatpak and snap.
fn program_sources() -> Vec<Source> {
    let dpkg = out(
        "/usr/bin/dpkg-query",
        &["-W", "-f=${db:Status-Abbrev}\t${Package}\n"],
    );
    let rpm = out("/usr/bin/rpm", &["-qa", "--qf", "%{NAME}\n"]);
    let flatpak = out_with(
        "/usr/bin/flatpak",
        &["list", "--app", "--columns=application"],
        &session_env(),
    );
    let snap = out("/usr/bin/snap", &["list"]);
    vec![
        Source {
            label: "dpkg-query -W".to_owned(),
            system: true,
            names: dpkg.and_then(|t| programs::dpkg_installed(&t)),
        },
        Source {
            label: "rpm -qa".to_owned(),
            system: true,
            names: rpm
                .and_then(|t| programs::name_list(&t, None))
                .and_then(|n| {
                    if n.is_empty() {
                        Err("rpm listed no installed packages".to_owned())
                    } else {
                        Ok(n)
                    }
                }),
        },
        Source {
            label: "flatpak list --app".to_owned(),
            system: false,
            names: flatpak.and_then(|t| programs::name_list(&t, None)),
        },
        Source {
            label: "snap list".to_owned(),
            system: false,
            names: snap.and_then(|t| programs::name_list(&t, Some("Name"))),
        },
    ]
}

/// The sign-in screen that starts the desktop: systemd's display-manager link, else Debian's
/// `/etc/X11/default-display-manager`.
fn display_manager() -> Result<DisplayManager, String> {
    if let Ok(target) = std::fs::read_link("/etc/systemd/system/display-manager.service")
        && let Some(dm) = target.to_str().and_then(DisplayManager::from_name)
    {
        return Ok(dm);
    }
    match file("/etc/X11/default-display-manager")? {
        Some(text) => DisplayManager::from_name(&text)
            .ok_or_else(|| "/etc/X11/default-display-manager is empty".to_owned()),
        None => Err("no sign-in screen is set up to start the desktop".to_owned()),
    }
}

/// `systemctl is-enabled UNIT` (works without a running systemd: it reads the unit files).
fn unit(name: &str) -> Probe {
    all(SYSTEMCTL, &["is-enabled", name])
}

/// `*.conf` files in a folder, sorted.
fn conf_dir(dir: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
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
    match std::fs::metadata(path) {
        Ok(m) => m
            .modified()
            .map(|t| Some(DateTime::<Utc>::from(t)))
            .map_err(|e| e.to_string()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(crate::files::plain_reason(&e)),
    }
}
