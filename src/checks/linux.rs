//! Linux: pure parsers and rules. They take the probes' raw text (from the thin probe layer, or
//! from fixtures in tests) and give findings. Compiled and tested on every OS.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde_json::Value;

use super::eol::{self, Table};
use super::rules::{Probe, RawLog, days_ago, finding, judge_programs, unknown};
use super::{CheckId, Finding, Os, Policy, Verdict};

const OS: Os = Os::Linux;

/// `KEY=value` pairs of an os-release file, quotes removed.
pub fn parse_os_release(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| l.trim().split_once('='))
        .filter(|(k, _)| !k.starts_with('#'))
        .map(|(k, v)| {
            let v = v.trim().trim_matches('"').trim_matches('\'');
            (k.trim().to_owned(), v.to_owned())
        })
        .collect()
}

fn field<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

/// The distribution family, for choosing probes and fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Debian, Ubuntu, Mint and other apt/dpkg systems.
    Debian,
    /// Fedora, RHEL and other dnf/rpm systems.
    Fedora,
    /// Anything else.
    Other,
}

/// The family named by an os-release file (`ID` and `ID_LIKE`).
pub fn family(os_release: &str) -> Family {
    let pairs = parse_os_release(os_release);
    let ids = format!(
        "{} {}",
        field(&pairs, "ID").unwrap_or(""),
        field(&pairs, "ID_LIKE").unwrap_or("")
    );
    let has = |w: &str| ids.split_whitespace().any(|i| i == w);
    if has("debian") || has("ubuntu") {
        Family::Debian
    } else if has("fedora") || has("rhel") || has("centos") {
        Family::Fedora
    } else {
        Family::Other
    }
}

/// `os-supported`: the release in `/etc/os-release` against the end-of-support table.
pub fn os_supported(os_release: &Probe, today: NaiveDate) -> Finding {
    let check = CheckId::OsSupported;
    let mut raw = RawLog::new();
    raw.add("cat /etc/os-release", os_release);
    let text = match os_release {
        Ok(t) => t,
        Err(why) => {
            return unknown(
                check,
                OS,
                format!("The OS version could not be read: {why}"),
                raw,
            );
        }
    };
    let pairs = parse_os_release(text);
    let Some(table) = Table::shipped() else {
        return unknown(check, OS, "The end-of-support table is damaged", raw);
    };
    let (Some(id), pretty) = (field(&pairs, "ID"), field(&pairs, "PRETTY_NAME")) else {
        return unknown(
            check,
            OS,
            "/etc/os-release does not name the distribution (no ID line)",
            raw,
        );
    };
    let shown = pretty.unwrap_or(id).to_owned();
    let Some(version) = field(&pairs, "VERSION_ID") else {
        return unknown(
            check,
            OS,
            format!(
                "{shown} has no version number (a rolling or testing release), so its end of support is not known"
            ),
            raw,
        );
    };
    // Mint and Debian are keyed by major version; Ubuntu by "22.04"; Fedora by "42".
    let release = match id {
        "linuxmint" | "debian" => version.split('.').next().unwrap_or(version),
        _ => version,
    };
    let (verdict, text) = eol::judge(table, table.find(id, release), &shown, today);
    finding(check, OS, verdict, text, raw)
}

/// Output of `systemctl is-enabled UNIT` (stdout and stderr) as one word: `enabled`,
/// `disabled`, `masked`, `static`, `not-found`…
pub fn unit_state(probe: &Probe) -> Result<String, String> {
    let text = probe.as_ref().map_err(Clone::clone)?;
    if text.contains("No such file") || text.contains("not found") {
        return Ok("not-found".to_owned());
    }
    text.split_whitespace()
        .next()
        .filter(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        .map(str::to_owned)
        .ok_or_else(|| format!("systemctl gave an answer that was not understood: {text:?}"))
}

/// Whether a unit state means it starts by itself.
fn unit_on(state: &str) -> bool {
    matches!(
        state,
        "enabled" | "enabled-runtime" | "static" | "alias" | "indirect" | "generated"
    )
}

/// A numeric `APT::Periodic::NAME "N";` value from `apt-config dump`.
pub fn apt_periodic(dump: &str, name: &str) -> Option<u32> {
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

/// The inputs of `auto-updates` on Linux.
#[derive(Debug, Clone)]
pub struct AutoUpdateProbes {
    /// The distribution family.
    pub family: Family,
    /// `apt-config dump`.
    pub apt_config: Probe,
    /// `dpkg-query -W -f '${Status}' unattended-upgrades` (stdout and stderr).
    pub unattended_upgrades: Probe,
    /// `systemctl is-enabled apt-daily-upgrade.timer`.
    pub apt_timer: Probe,
    /// `systemctl is-enabled` of dnf5-automatic.timer, dnf-automatic-install.timer,
    /// dnf-automatic.timer, in that order.
    pub dnf_timers: Vec<(String, Probe)>,
}

/// `auto-updates` on Linux.
#[allow(clippy::too_many_lines)] // One rule read top to bottom; every branch is one verdict with its words.
pub fn auto_updates(p: &AutoUpdateProbes) -> Finding {
    let check = CheckId::AutoUpdates;
    let mut raw = RawLog::new();
    match p.family {
        Family::Debian => {
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
                Ok(t) if t.contains("install ok installed") => true,
                Ok(t)
                    if t.contains("no packages found")
                        || t.contains("not-installed")
                        || t.contains("deinstall") =>
                {
                    false
                }
                Ok(t) => {
                    return unknown(
                        check,
                        OS,
                        format!(
                            "dpkg-query gave an answer that was not understood: {:?}",
                            t.trim()
                        ),
                        raw,
                    );
                }
                Err(why) => {
                    return unknown(
                        check,
                        OS,
                        format!(
                            "Whether unattended-upgrades is installed could not be read: {why}"
                        ),
                        raw,
                    );
                }
            };
            if !installed {
                return finding(
                    check,
                    OS,
                    Verdict::Fail,
                    "Updates are not installed automatically: the unattended-upgrades package is not installed",
                    raw,
                );
            }
            let dump = match &p.apt_config {
                Ok(d) => d,
                Err(why) => {
                    return unknown(
                        check,
                        OS,
                        format!("The APT settings could not be read: {why}"),
                        raw,
                    );
                }
            };
            let unattended = apt_periodic(dump, "Unattended-Upgrade").unwrap_or(0);
            let lists = apt_periodic(dump, "Update-Package-Lists").unwrap_or(0);
            if unattended == 0 || lists == 0 {
                return finding(
                    check,
                    OS,
                    Verdict::Fail,
                    format!(
                        "unattended-upgrades is installed but turned off (APT::Periodic::Unattended-Upgrade = {unattended}, Update-Package-Lists = {lists})"
                    ),
                    raw,
                );
            }
            match unit_state(&p.apt_timer) {
                Ok(s) if unit_on(&s) => finding(
                    check,
                    OS,
                    Verdict::Pass,
                    format!(
                        "Security updates install automatically: unattended-upgrades on (every {unattended} day(s)), apt-daily-upgrade.timer {s}"
                    ),
                    raw,
                ),
                Ok(s) => finding(
                    check,
                    OS,
                    Verdict::Fail,
                    format!(
                        "unattended-upgrades is on, but the timer that runs it (apt-daily-upgrade.timer) is {s}"
                    ),
                    raw,
                ),
                Err(why) => unknown(
                    check,
                    OS,
                    format!("Whether the update timer runs could not be read: {why}"),
                    raw,
                ),
            }
        }
        Family::Fedora => {
            let mut any_known = false;
            for (unit, probe) in &p.dnf_timers {
                raw.add(&format!("systemctl is-enabled {unit}"), probe);
            }
            for (unit, probe) in &p.dnf_timers {
                if let Ok(state) = unit_state(probe) {
                    any_known = true;
                    if unit_on(&state) {
                        let verdict = if unit == "dnf-automatic.timer" {
                            Verdict::Warn
                        } else {
                            Verdict::Pass
                        };
                        let note = if verdict == Verdict::Warn {
                            " (it may only download updates; check apply_updates in /etc/dnf/automatic.conf)"
                        } else {
                            ""
                        };
                        return finding(
                            check,
                            OS,
                            verdict,
                            format!("Automatic updates: {unit} is {state}{note}"),
                            raw,
                        );
                    }
                }
            }
            if !any_known {
                return unknown(
                    check,
                    OS,
                    "Whether dnf-automatic runs could not be read",
                    raw,
                );
            }
            finding(
                check,
                OS,
                Verdict::Warn,
                "No dnf-automatic timer is on; updates are only offered by GNOME Software, which waits for someone to install them",
                raw,
            )
        }
        Family::Other => unknown(
            check,
            OS,
            "This Linux distribution is neither Debian/Ubuntu nor Fedora; its automatic updates are not checked",
            raw,
        ),
    }
}

/// The inputs of `recent-updates` on Linux, already read from files.
#[derive(Debug, Clone)]
pub struct RecentUpdateFacts {
    /// When packages were last installed or updated, or why that is not known.
    pub last_install: Result<DateTime<Utc>, String>,
    /// Since when a restart has been pending (`None` = none pending), or why that is not known.
    pub restart_pending_since: Result<Option<DateTime<Utc>>, String>,
    /// Where those facts came from (kept as raw evidence).
    pub raw: RawLog,
}

/// The newest install time in `rpm -qa --qf '%{INSTALLTIME}\n'` output.
pub fn newest_rpm_install(text: &str) -> Option<DateTime<Utc>> {
    text.lines()
        .filter_map(|l| l.trim().parse::<i64>().ok())
        .max()
        .and_then(|s| DateTime::from_timestamp(s, 0))
}

/// `recent-updates` on Linux.
pub fn recent_updates(f: &RecentUpdateFacts, policy: &Policy, now: DateTime<Utc>) -> Finding {
    let check = CheckId::RecentUpdates;
    let raw = f.raw.clone();
    let last = match &f.last_install {
        Ok(t) => *t,
        Err(why) => {
            return unknown(
                check,
                OS,
                format!("When updates were last installed could not be read: {why}"),
                raw,
            );
        }
    };
    let age = (now - last).num_days();
    let mut text = format!("Packages last installed or updated {}", days_ago(age));
    let mut verdict = if age > i64::from(policy.last_update_max_days) {
        text.push_str(&format!(
            " (more than {} days)",
            policy.last_update_max_days
        ));
        Verdict::Fail
    } else {
        Verdict::Pass
    };
    match &f.restart_pending_since {
        Ok(None) => text.push_str("; no restart pending"),
        Ok(Some(since)) => {
            let pending = (now - *since).num_days();
            text.push_str(&format!(
                "; a restart has been pending since {}",
                days_ago(pending)
            ));
            if pending > i64::from(policy.restart_pending_max_days) {
                verdict = Verdict::Fail;
            } else if verdict == Verdict::Pass {
                verdict = Verdict::Warn;
            }
        }
        Err(why) => {
            text.push_str(&format!(
                "; whether a restart is pending is not known ({why})"
            ));
            if verdict == Verdict::Pass {
                verdict = Verdict::Unknown;
            }
        }
    }
    finding(check, OS, verdict, text, raw)
}

/// The signature database date in `clamscan --version` output
/// (`ClamAV 1.0.7/27359/Mon Aug  5 08:23:02 2024`).
pub fn clamav_db_date(text: &str) -> Option<NaiveDateTime> {
    let line = text.lines().find(|l| l.starts_with("ClamAV "))?;
    let date = line.rsplit('/').next()?;
    let date = date.split_whitespace().collect::<Vec<_>>().join(" ");
    NaiveDateTime::parse_from_str(&date, "%a %b %d %H:%M:%S %Y").ok()
}

/// `antivirus` on Linux: ClamAV, if installed, with current signatures.
pub fn antivirus(
    clamscan: &Probe,
    freshclam: &Probe,
    policy: &Policy,
    now: DateTime<Utc>,
) -> Finding {
    let check = CheckId::Antivirus;
    let mut raw = RawLog::new();
    raw.add("clamscan --version", clamscan)
        .add("systemctl is-enabled clamav-freshclam.service", freshclam);
    let text = match clamscan {
        Ok(t) => t,
        Err(why) if why.contains("not installed") => {
            return finding(
                check,
                OS,
                Verdict::Warn,
                "No anti-virus is installed (ClamAV not found). This is usual on Linux desktops; ask your IT support whether this computer needs one",
                raw,
            );
        }
        Err(why) => {
            return unknown(
                check,
                OS,
                format!("ClamAV could not be asked for its version: {why}"),
                raw,
            );
        }
    };
    let Some(db) = clamav_db_date(text) else {
        return unknown(
            check,
            OS,
            format!("clamscan's answer was not understood: {:?}", text.trim()),
            raw,
        );
    };
    let age = (now.naive_utc() - db).num_days();
    let mut evidence = format!("ClamAV installed; signatures updated {}", days_ago(age));
    let mut verdict = if age > i64::from(policy.antivirus_signature_max_days) {
        evidence.push_str(&format!(
            " (more than {} days)",
            policy.antivirus_signature_max_days
        ));
        Verdict::Fail
    } else {
        Verdict::Pass
    };
    match unit_state(freshclam) {
        Ok(s) if unit_on(&s) => evidence.push_str("; freshclam keeps them current"),
        Ok(s) => {
            evidence.push_str(&format!(
                "; the signature updater (clamav-freshclam) is {s}"
            ));
            if verdict == Verdict::Pass {
                verdict = Verdict::Warn;
            }
        }
        Err(_) => {}
    }
    evidence.push_str("; ClamAV scans on demand, it has no real-time protection here");
    finding(check, OS, verdict, evidence, raw)
}

/// The `ENABLED=` value of `/etc/ufw/ufw.conf`.
pub fn ufw_enabled(conf: &str) -> Option<bool> {
    conf.lines().rev().find_map(|l| {
        let v = l.trim().strip_prefix("ENABLED=")?;
        Some(v.trim().trim_matches('"').eq_ignore_ascii_case("yes"))
    })
}

/// The inputs of `firewall` on Linux.
#[derive(Debug, Clone)]
pub struct FirewallProbes {
    /// `/etc/ufw/ufw.conf` (`Ok(None)` = no such file).
    pub ufw_conf: Result<Option<String>, String>,
    /// `systemctl is-enabled firewalld.service`.
    pub firewalld: Probe,
    /// `systemctl is-enabled nftables.service`.
    pub nftables: Probe,
}

/// `firewall` on Linux (without root only whether a firewall starts can be read, not its rules).
pub fn firewall(p: &FirewallProbes) -> Finding {
    let check = CheckId::Firewall;
    let mut raw = RawLog::new();
    let ufw_probe: Probe = match &p.ufw_conf {
        Ok(Some(t)) => Ok(t.clone()),
        Ok(None) => Ok("(no such file)".to_owned()),
        Err(e) => Err(e.clone()),
    };
    raw.add("cat /etc/ufw/ufw.conf", &ufw_probe)
        .add("systemctl is-enabled firewalld.service", &p.firewalld)
        .add("systemctl is-enabled nftables.service", &p.nftables);
    if let Ok(Some(conf)) = &p.ufw_conf
        && ufw_enabled(conf) == Some(true)
    {
        return finding(
            check,
            OS,
            Verdict::Pass,
            "The ufw firewall is turned on (ENABLED=yes); by default it blocks connections from outside",
            raw,
        );
    }
    let firewalld = unit_state(&p.firewalld);
    if let Ok(s) = &firewalld
        && unit_on(s)
    {
        return finding(
            check,
            OS,
            Verdict::Pass,
            format!("The firewalld firewall is {s}; by default it blocks connections from outside"),
            raw,
        );
    }
    let nftables = unit_state(&p.nftables);
    if let Ok(s) = &nftables
        && unit_on(s)
    {
        return finding(
            check,
            OS,
            Verdict::Warn,
            format!(
                "The nftables service is {s}, but its rules can only be read with administrator rights, so whether they block anything is not known"
            ),
            raw,
        );
    }
    let mut unread = Vec::new();
    if let Err(e) = &p.ufw_conf {
        unread.push(format!("ufw ({e})"));
    }
    if let Err(e) = &firewalld {
        unread.push(format!("firewalld ({e})"));
    }
    if let Err(e) = &nftables {
        unread.push(format!("nftables ({e})"));
    }
    if !unread.is_empty() {
        return unknown(
            check,
            OS,
            format!(
                "No firewall was found on, but some could not be read: {}",
                unread.join("; ")
            ),
            raw,
        );
    }
    let ufw_state = match &p.ufw_conf {
        Ok(Some(_)) => "installed but off",
        _ => "not installed",
    };
    let state = |r: &Result<String, String>| match r.as_deref() {
        Ok("not-found") => "not installed".to_owned(),
        Ok(s) => s.to_owned(),
        Err(_) => "unknown".to_owned(),
    };
    finding(
        check,
        OS,
        Verdict::Fail,
        format!(
            "No firewall is turned on: ufw {ufw_state}, firewalld {}, nftables {}",
            state(&firewalld),
            state(&nftables)
        ),
        raw,
    )
}

/// A block device in `lsblk -J` output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockDevice {
    /// Its name (`nvme0n1p3`).
    pub name: String,
    /// Its type (`disk`, `part`, `crypt`, `lvm`…).
    pub kind: String,
    /// Its mount points.
    pub mountpoints: Vec<String>,
    /// The devices built on it.
    pub children: Vec<BlockDevice>,
}

/// One device of `lsblk -J` output, with its children.
fn lsblk_device(v: &Value) -> Option<BlockDevice> {
    let name = v.get("name")?.as_str()?.to_owned();
    let kind = v.get("type")?.as_str()?.to_owned();
    let mut mountpoints: Vec<String> = v
        .get("mountpoints")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|m| m.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    if let Some(m) = v.get("mountpoint").and_then(Value::as_str) {
        mountpoints.push(m.to_owned());
    }
    let children = v
        .get("children")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(lsblk_device).collect())
        .unwrap_or_default();
    Some(BlockDevice {
        name,
        kind,
        mountpoints,
        children,
    })
}

/// Parses `lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINTS` (or the older `MOUNTPOINT`) output.
pub fn parse_lsblk(json: &str) -> Result<Vec<BlockDevice>, String> {
    let value: Value =
        serde_json::from_str(json).map_err(|e| format!("lsblk's answer is not JSON ({e})"))?;
    let devices = value
        .get("blockdevices")
        .and_then(Value::as_array)
        .ok_or("lsblk's answer has no device list")?;
    let parsed: Vec<BlockDevice> = devices.iter().filter_map(lsblk_device).collect();
    if parsed.len() != devices.len() {
        return Err("lsblk's answer lists a device without a name or type".to_owned());
    }
    Ok(parsed)
}

/// The chain of devices from a top-level disk down to the one mounted at `/`.
pub fn root_chain(devices: &[BlockDevice]) -> Option<Vec<&BlockDevice>> {
    for d in devices {
        if d.mountpoints.iter().any(|m| m == "/") {
            return Some(vec![d]);
        }
        if let Some(mut chain) = root_chain(&d.children) {
            chain.insert(0, d);
            return Some(chain);
        }
    }
    None
}

/// `disk-encryption` on Linux: is there a `crypt` device under `/`? (An encrypted USB stick
/// elsewhere does not count.)
pub fn disk_encryption(findmnt: &Probe, lsblk: &Probe) -> Finding {
    let check = CheckId::DiskEncryption;
    let mut raw = RawLog::new();
    raw.add("findmnt -no SOURCE /", findmnt)
        .add("lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINTS", lsblk);
    let json = match lsblk {
        Ok(j) => j,
        Err(why) => {
            return unknown(
                check,
                OS,
                format!("The disks could not be listed: {why}"),
                raw,
            );
        }
    };
    let devices = match parse_lsblk(json) {
        Ok(d) => d,
        Err(why) => return unknown(check, OS, why, raw),
    };
    let source = findmnt
        .as_ref()
        .map(|s| s.trim().to_owned())
        .unwrap_or_default();
    let Some(chain) = root_chain(&devices) else {
        return unknown(
            check,
            OS,
            format!(
                "The system disk was not found among the disks (/ is mounted from {}), so its encryption is not known",
                if source.is_empty() {
                    "an unknown source"
                } else {
                    &source
                }
            ),
            raw,
        );
    };
    let path = chain
        .iter()
        .map(|d| format!("{} ({})", d.name, d.kind))
        .collect::<Vec<_>>()
        .join(" → ");
    if let Some(crypt) = chain.iter().find(|d| d.kind == "crypt") {
        finding(
            check,
            OS,
            Verdict::Pass,
            format!(
                "The system disk is encrypted: / is on {} (LUKS); {path}",
                crypt.name
            ),
            raw,
        )
    } else {
        finding(
            check,
            OS,
            Verdict::Fail,
            format!("The system disk is not encrypted: / is on {path}, with no encryption layer"),
            raw,
        )
    }
}

/// A `uint32 300` / `true` answer of `gsettings get`.
pub fn gsettings_value(text: &str) -> Option<&str> {
    let t = text.trim();
    Some(t.strip_prefix("uint32 ").unwrap_or(t)).filter(|v| !v.is_empty())
}

/// The inputs of `screen-lock` on Linux.
#[derive(Debug, Clone)]
pub struct ScreenLockProbes {
    /// `XDG_CURRENT_DESKTOP` of this session, if any.
    pub desktop: Option<String>,
    /// Whether this process can reach a session bus (`DBUS_SESSION_BUS_ADDRESS` set).
    pub session_bus: bool,
    /// GNOME: `gsettings get org.gnome.desktop.screensaver lock-enabled` (stdout and stderr).
    pub lock_enabled: Probe,
    /// GNOME: `gsettings get org.gnome.desktop.session idle-delay`.
    pub idle_delay: Probe,
    /// GNOME: `gsettings get org.gnome.desktop.screensaver lock-delay`.
    pub lock_delay: Probe,
    /// KDE: `~/.config/kscreenlockerrc` (`Ok(None)` = no file, i.e. KDE's defaults).
    pub kscreenlockerrc: Result<Option<String>, String>,
}

/// `screen-lock` on Linux (GNOME and KDE).
#[allow(clippy::too_many_lines)] // One rule read top to bottom; every branch is one verdict with its words.
pub fn screen_lock(p: &ScreenLockProbes, policy: &Policy) -> Finding {
    let check = CheckId::ScreenLock;
    let mut raw = RawLog::new();
    let desktop = p.desktop.clone().unwrap_or_default();
    raw.add("echo $XDG_CURRENT_DESKTOP", &Ok(desktop.clone()));
    let max = policy.screen_lock_max_seconds;
    if desktop.to_uppercase().contains("KDE") {
        let conf: Probe = p
            .kscreenlockerrc
            .clone()
            .map(|c| c.unwrap_or_else(|| "(no file: KDE defaults)".to_owned()));
        raw.add("cat ~/.config/kscreenlockerrc", &conf);
        let text = match &p.kscreenlockerrc {
            Ok(t) => t.clone().unwrap_or_default(),
            Err(why) => {
                return unknown(
                    check,
                    OS,
                    format!("KDE's screen-lock settings could not be read: {why}"),
                    raw,
                );
            }
        };
        let get = |k: &str| {
            text.lines()
                .find_map(|l| l.trim().strip_prefix(k)?.strip_prefix('=').map(str::trim))
        };
        let autolock = get("Autolock").is_none_or(|v| v != "false");
        let minutes: u32 = match get("Timeout").map(str::parse) {
            None => 5,
            Some(Ok(m)) => m,
            Some(Err(_)) => {
                return unknown(
                    check,
                    OS,
                    "KDE's screen-lock timeout was not understood",
                    raw,
                );
            }
        };
        let secs = minutes * 60;
        return if autolock && secs > 0 && secs <= max {
            finding(
                check,
                OS,
                Verdict::Pass,
                format!("KDE locks the screen after {minutes} minutes idle"),
                raw,
            )
        } else if !autolock {
            finding(
                check,
                OS,
                Verdict::Fail,
                "KDE's automatic screen lock is off",
                raw,
            )
        } else {
            finding(
                check,
                OS,
                Verdict::Fail,
                format!(
                    "KDE locks the screen only after {minutes} minutes idle (limit {} minutes)",
                    max / 60
                ),
                raw,
            )
        };
    }
    if !p.session_bus {
        return unknown(
            check,
            OS,
            "There is no desktop session here (no session bus), so the screen-lock settings cannot be read; run clerkcheck from the clerk's own desktop",
            raw,
        );
    }
    raw.add(
        "gsettings get org.gnome.desktop.screensaver lock-enabled",
        &p.lock_enabled,
    )
    .add(
        "gsettings get org.gnome.desktop.session idle-delay",
        &p.idle_delay,
    )
    .add(
        "gsettings get org.gnome.desktop.screensaver lock-delay",
        &p.lock_delay,
    );
    let mut values = Vec::new();
    for probe in [&p.lock_enabled, &p.idle_delay, &p.lock_delay] {
        match probe {
            Ok(t) if t.contains("No such schema") => {
                return unknown(
                    check,
                    OS,
                    format!(
                        "This desktop ({}) is not GNOME or KDE; its screen lock is not checked",
                        if desktop.is_empty() {
                            "unknown"
                        } else {
                            &desktop
                        }
                    ),
                    raw,
                );
            }
            Ok(t)
                if t.contains("memory' GSettings backend")
                    || t.contains("memory GSettings backend") =>
            {
                return unknown(
                    check,
                    OS,
                    "The desktop settings store is not reachable from here (GSettings fell back to defaults), so the real settings are not known",
                    raw,
                );
            }
            Ok(t) => match gsettings_value(t) {
                Some(v) => values.push(v.to_owned()),
                None => return unknown(check, OS, "gsettings gave an empty answer", raw),
            },
            Err(why) => {
                return unknown(
                    check,
                    OS,
                    format!("The screen-lock settings could not be read: {why}"),
                    raw,
                );
            }
        }
    }
    let enabled = match values[0].as_str() {
        "true" => true,
        "false" => false,
        other => {
            return unknown(
                check,
                OS,
                format!("gsettings answered {other:?} for lock-enabled"),
                raw,
            );
        }
    };
    let (Ok(idle), Ok(delay)) = (values[1].parse::<u32>(), values[2].parse::<u32>()) else {
        return unknown(check, OS, "gsettings' idle times were not numbers", raw);
    };
    if !enabled {
        return finding(
            check,
            OS,
            Verdict::Fail,
            "The automatic screen lock is off",
            raw,
        );
    }
    if idle == 0 {
        return finding(
            check,
            OS,
            Verdict::Fail,
            "The screen never goes blank when idle, so it never locks by itself",
            raw,
        );
    }
    let total = idle.saturating_add(delay);
    let shown = |s: u32| {
        if s.is_multiple_of(60) {
            format!("{} minutes", s / 60)
        } else {
            format!("{s} seconds")
        }
    };
    if total <= max {
        finding(
            check,
            OS,
            Verdict::Pass,
            format!("The screen locks after {} idle", shown(total)),
            raw,
        )
    } else {
        finding(
            check,
            OS,
            Verdict::Fail,
            format!(
                "The screen locks only after {} idle (limit {})",
                shown(total),
                shown(max)
            ),
            raw,
        )
    }
}

/// `standard-user` on Linux: root fails; membership of sudo/wheel/admin (which needs the user's
/// password to use) is a warning.
pub fn standard_user(uid: Option<u32>, user: &str, groups: &Probe) -> Finding {
    let check = CheckId::StandardUser;
    let mut raw = RawLog::new();
    raw.add(
        "id -u",
        &uid.map(|u| u.to_string())
            .ok_or_else(|| "not known".to_owned()),
    )
    .add("id -nG", groups);
    if uid == Some(0) {
        return finding(
            check,
            OS,
            Verdict::Fail,
            "clerkcheck runs as root, the all-powerful administrator account: daily work must not be done as root",
            raw,
        );
    }
    let groups = match groups {
        Ok(g) => g,
        Err(why) => {
            return unknown(
                check,
                OS,
                format!("This account's groups could not be read: {why}"),
                raw,
            );
        }
    };
    let admin: Vec<&str> = groups
        .split_whitespace()
        .filter(|g| matches!(*g, "sudo" | "wheel" | "admin"))
        .collect();
    if uid.is_none() {
        return unknown(
            check,
            OS,
            "This account's user number could not be read",
            raw,
        );
    }
    if admin.is_empty() {
        finding(
            check,
            OS,
            Verdict::Pass,
            format!("{user} is a standard account (not in the sudo, wheel or admin group)"),
            raw,
        )
    } else {
        finding(
            check,
            OS,
            Verdict::Warn,
            format!(
                "{user} can act as administrator (member of {}), after typing its password; a separate administrator account is safer",
                admin.join(", ")
            ),
            raw,
        )
    }
}

/// `[section]`/`key=value` lines of an INI-style file, as (section, key, value).
pub fn parse_ini(text: &str) -> Vec<(String, String, String)> {
    let mut section = String::new();
    let mut out = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(s) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            s.clone_into(&mut section);
        } else if let Some((k, v)) = line.split_once('=') {
            out.push((section.clone(), k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    out
}

/// `guest-disabled` on Linux: LightDM's `allow-guest` (GDM and SDDM have no guest sessions).
pub fn guest_disabled(lightdm_confs: &[(String, Probe)]) -> Finding {
    let check = CheckId::GuestDisabled;
    let mut raw = RawLog::new();
    for (path, p) in lightdm_confs {
        raw.add(&format!("cat {path}"), p);
    }
    let mut allowed = None;
    for (path, p) in lightdm_confs {
        match p {
            Ok(text) => {
                for (section, key, value) in parse_ini(text) {
                    if key == "allow-guest"
                        && (section.starts_with("Seat") || section == "SeatDefaults")
                    {
                        allowed = Some((value == "true", path.clone()));
                    }
                }
            }
            Err(why) => return unknown(check, OS, format!("{path} could not be read: {why}"), raw),
        }
    }
    match allowed {
        Some((true, path)) => finding(
            check,
            OS,
            Verdict::Fail,
            format!(
                "Guest sessions are allowed at the sign-in screen (allow-guest=true in {path})"
            ),
            raw,
        ),
        Some((false, path)) => finding(
            check,
            OS,
            Verdict::Pass,
            format!("Guest sessions are turned off (allow-guest=false in {path})"),
            raw,
        ),
        None if lightdm_confs.is_empty() => finding(
            check,
            OS,
            Verdict::Pass,
            "No guest sign-in exists: LightDM (the only Linux sign-in screen with guest sessions) is not set up, and GDM and SDDM have none",
            raw,
        ),
        None => finding(
            check,
            OS,
            Verdict::Pass,
            "LightDM does not allow guest sessions (allow-guest is not set, and its default is off)",
            raw,
        ),
    }
}

/// The installed package names in `dpkg-query -W -f='${db:Status-Abbrev}\t${Package}\n'` output
/// (packages removed but with configuration left are skipped).
pub fn dpkg_installed(text: &str) -> String {
    text.lines()
        .filter_map(|l| l.split_once('\t'))
        .filter(|(status, _)| status.starts_with("ii") || status.starts_with("hi"))
        .map(|(_, name)| name.trim())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `untrusted-programs` on Linux: package names from dpkg/rpm, flatpak and snap.
pub fn untrusted_programs(sources: &[(String, Probe)], policy: &Policy) -> Finding {
    let check = CheckId::UntrustedPrograms;
    let mut raw = RawLog::new();
    let mut names = Vec::new();
    let mut read = Vec::new();
    let mut failed = Vec::new();
    for (label, p) in sources {
        match p {
            Ok(text) => {
                let before = names.len();
                names.extend(
                    text.lines()
                        .filter_map(|l| l.split_whitespace().next())
                        .filter(|n| *n != "Name")
                        .map(str::to_owned),
                );
                read.push(format!("{} from {label}", names.len() - before));
                raw.add(label, &Ok(format!("({} names)", names.len() - before)));
            }
            Err(why) => {
                if !why.contains("not installed") {
                    failed.push(format!("{label}: {why}"));
                }
                raw.add(label, p);
            }
        }
    }
    if read.is_empty() {
        return unknown(
            check,
            OS,
            format!(
                "The installed programs could not be listed: {}",
                failed.join("; ")
            ),
            raw,
        );
    }
    let counted = format!("{} installed packages ({})", names.len(), read.join(", "));
    let (verdict, mut text) =
        judge_programs(names.iter().map(String::as_str), &[], policy, &counted);
    if !failed.is_empty() {
        text.push_str(&format!("; not read: {}", failed.join("; ")));
    }
    let verdict = if verdict == Verdict::Pass && !failed.is_empty() {
        Verdict::Unknown
    } else {
        verdict
    };
    finding(check, OS, verdict, text, raw)
}

/// `sign-in-password` on Linux: automatic login in GDM, LightDM or SDDM.
pub fn sign_in_password(confs: &[(String, Probe)]) -> Finding {
    let check = CheckId::SignInPassword;
    let mut raw = RawLog::new();
    for (path, p) in confs {
        raw.add(&format!("cat {path}"), p);
    }
    for (path, p) in confs {
        let text = match p {
            Ok(t) => t,
            Err(why) => return unknown(check, OS, format!("{path} could not be read: {why}"), raw),
        };
        let ini = parse_ini(text);
        let get = |k: &str| {
            ini.iter()
                .rev()
                .find(|(_, key, _)| key == k)
                .map(|(_, _, v)| v.as_str())
        };
        let gdm_on = |k: &str| get(k).is_some_and(|v| v.eq_ignore_ascii_case("true") || v == "1");
        if gdm_on("AutomaticLoginEnable") || gdm_on("TimedLoginEnable") {
            let user = get("AutomaticLogin")
                .or(get("TimedLogin"))
                .unwrap_or("a user");
            return finding(
                check,
                OS,
                Verdict::Fail,
                format!(
                    "The computer signs in {user} automatically, with no password (GDM, {path})"
                ),
                raw,
            );
        }
        if let Some(user) = get("autologin-user").filter(|u| !u.is_empty()) {
            return finding(
                check,
                OS,
                Verdict::Fail,
                format!(
                    "The computer signs in {user} automatically, with no password (LightDM, {path})"
                ),
                raw,
            );
        }
        if path.contains("sddm")
            && let Some(user) = ini
                .iter()
                .find(|(s, k, v)| s == "Autologin" && k == "User" && !v.is_empty())
                .map(|(_, _, v)| v)
        {
            return finding(
                check,
                OS,
                Verdict::Fail,
                format!(
                    "The computer signs in {user} automatically, with no password (SDDM, {path})"
                ),
                raw,
            );
        }
    }
    let looked = if confs.is_empty() {
        "no sign-in screen settings found (GDM, LightDM, SDDM)".to_owned()
    } else {
        format!(
            "checked {}",
            confs
                .iter()
                .map(|(p, _)| p.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    finding(
        check,
        OS,
        Verdict::Pass,
        format!("No automatic sign-in is set up ({looked})"),
        raw,
    )
}

#[cfg(test)]
// Tests fail loudly on purpose: unwrap is the assertion.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        let path = format!("{}/tests/fixtures/linux/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn os_releases_are_judged_against_the_table() {
        let f = os_supported(&Ok(fixture("os-release_debian12")), date("2026-11-24"));
        assert_eq!(f.verdict, Verdict::Warn, "{}", f.evidence);
        assert!(f.evidence.contains("Debian LTS"));
        let f = os_supported(&Ok(fixture("os-release_ubuntu2204")), date("2026-11-24"));
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        let f = os_supported(&Ok(fixture("os-release_mint21")), date("2026-11-24"));
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        // Fedora 40 is not in the table: unknown, never supported.
        let f = os_supported(&Ok(fixture("os-release_fedora40")), date("2026-11-24"));
        assert_eq!(f.verdict, Verdict::Unknown, "{}", f.evidence);
        assert!(f.evidence.contains("as of August 2026"));
        let f = os_supported(&Ok("garbage\u{1}".to_owned()), date("2026-11-24"));
        assert_eq!(f.verdict, Verdict::Unknown);
        assert_eq!(family(&fixture("os-release_mint21")), Family::Debian);
        assert_eq!(family(&fixture("os-release_fedora40")), Family::Fedora);
    }

    fn apt(apt_config: &str, uu: &str, timer: &str) -> AutoUpdateProbes {
        AutoUpdateProbes {
            family: Family::Debian,
            apt_config: Ok(apt_config.to_owned()),
            unattended_upgrades: Ok(uu.to_owned()),
            apt_timer: Ok(timer.to_owned()),
            dnf_timers: Vec::new(),
        }
    }

    #[test]
    fn unattended_upgrades_must_be_installed_on_and_timed() {
        let conf = fixture("apt-config_periodic.txt");
        let f = auto_updates(&apt(&conf, "install ok installed", "enabled\n"));
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        let f = auto_updates(&apt(
            &conf,
            "dpkg-query: no packages found matching unattended-upgrades\n",
            "enabled\n",
        ));
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        let f = auto_updates(&apt(
            "APT::Periodic \"\";\n",
            "install ok installed",
            "enabled\n",
        ));
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        let f = auto_updates(&apt(&conf, "install ok installed", "masked\n"));
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        let f = auto_updates(&apt(&conf, "\u{fffd}\u{fffd}", "enabled\n"));
        assert_eq!(f.verdict, Verdict::Unknown, "garbage is never a pass");
    }

    #[test]
    fn fedora_without_dnf_automatic_is_a_warning() {
        let p = AutoUpdateProbes {
            family: Family::Fedora,
            apt_config: Err("n/a".into()),
            unattended_upgrades: Err("n/a".into()),
            apt_timer: Err("n/a".into()),
            dnf_timers: vec![
                ("dnf5-automatic.timer".into(), Ok(fixture("systemctl_is_enabled_disabled.txt"))),
                ("dnf-automatic.timer".into(), Ok("Failed to get unit file state for dnf-automatic.timer: No such file or directory".into())),
            ],
        };
        assert_eq!(auto_updates(&p).verdict, Verdict::Warn);
        let mut p = p;
        p.dnf_timers[0].1 = Ok(fixture("systemctl_is_enabled_timer.txt"));
        assert_eq!(auto_updates(&p).verdict, Verdict::Pass);
    }

    #[test]
    fn recent_updates_and_pending_restarts() {
        let now = at("2026-11-24T12:00:00Z");
        let facts = |last: &str, pending: Option<&str>| RecentUpdateFacts {
            last_install: Ok(at(last)),
            restart_pending_since: Ok(pending.map(at)),
            raw: RawLog::new(),
        };
        let p = Policy::default();
        assert_eq!(
            recent_updates(&facts("2026-11-20T00:00:00Z", None), &p, now).verdict,
            Verdict::Pass
        );
        assert_eq!(
            recent_updates(&facts("2026-09-01T00:00:00Z", None), &p, now).verdict,
            Verdict::Fail
        );
        assert_eq!(
            recent_updates(
                &facts("2026-11-20T00:00:00Z", Some("2026-11-22T00:00:00Z")),
                &p,
                now
            )
            .verdict,
            Verdict::Warn
        );
        let f = recent_updates(
            &facts("2026-11-20T00:00:00Z", Some("2026-11-01T00:00:00Z")),
            &p,
            now,
        );
        assert_eq!(f.verdict, Verdict::Fail);
        assert!(
            f.evidence
                .contains("restart has been pending since 23 days ago"),
            "{}",
            f.evidence
        );
        assert_eq!(
            newest_rpm_install("1700000000\n1720000000\n\n1710000000\n"),
            DateTime::from_timestamp(1_720_000_000, 0)
        );
    }

    #[test]
    fn clamav_signature_age() {
        let text = fixture("clamscan_version.txt");
        assert_eq!(
            clamav_db_date(&text).unwrap().to_string(),
            "2024-08-05 08:23:02"
        );
        let p = Policy::default();
        let f = antivirus(
            &Ok(text.clone()),
            &Ok("enabled".into()),
            &p,
            at("2024-08-07T00:00:00Z"),
        );
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        let f = antivirus(
            &Ok(text),
            &Ok("enabled".into()),
            &p,
            at("2024-09-07T00:00:00Z"),
        );
        assert_eq!(
            f.verdict,
            Verdict::Fail,
            "signatures out of date: {}",
            f.evidence
        );
        let f = antivirus(
            &Err("/usr/bin/clamscan is not installed on this computer".into()),
            &Ok("not-found".into()),
            &p,
            at("2024-09-07T00:00:00Z"),
        );
        assert_eq!(f.verdict, Verdict::Warn);
        let f = antivirus(
            &Ok("Segmentation fault".into()),
            &Ok("enabled".into()),
            &p,
            at("2024-09-07T00:00:00Z"),
        );
        assert_eq!(f.verdict, Verdict::Unknown);
    }

    #[test]
    fn firewall_states() {
        let none =
            "Failed to get unit file state for x.service: No such file or directory".to_owned();
        let p = |ufw: Option<String>, fwd: &str, nft: &str| FirewallProbes {
            ufw_conf: Ok(ufw),
            firewalld: Ok(fwd.to_owned()),
            nftables: Ok(nft.to_owned()),
        };
        let off = fixture("ufw.conf");
        assert_eq!(ufw_enabled(&off), Some(false));
        assert_eq!(
            firewall(&p(Some(off.clone()), &none, &none)).verdict,
            Verdict::Fail
        );
        let on = off.replace("ENABLED=no", "ENABLED=yes");
        assert_eq!(firewall(&p(Some(on), &none, &none)).verdict, Verdict::Pass);
        assert_eq!(firewall(&p(None, "enabled", &none)).verdict, Verdict::Pass);
        assert_eq!(firewall(&p(None, &none, "enabled")).verdict, Verdict::Warn);
        let f = firewall(&p(None, &none, &none));
        assert_eq!(f.verdict, Verdict::Fail);
        assert!(f.evidence.contains("ufw not installed"), "{}", f.evidence);
        let mut broken = p(None, &none, &none);
        broken.firewalld = Err("/usr/bin/systemctl did not answer within 10 seconds".into());
        assert_eq!(firewall(&broken).verdict, Verdict::Unknown);
    }

    #[test]
    fn only_an_encrypted_system_disk_counts() {
        let f = disk_encryption(
            &Ok("/dev/mapper/ubuntu--vg-ubuntu--lv\n".into()),
            &Ok(fixture("lsblk_luks_lvm.json")),
        );
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        // Only the USB stick is encrypted: that must not count.
        let f = disk_encryption(
            &Ok("/dev/sda2\n".into()),
            &Ok(fixture("lsblk_usb_stick_encrypted.json")),
        );
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        let f = disk_encryption(
            &Ok("/dev/sda2\n".into()),
            &Ok(fixture("lsblk_old_mountpoint.json")),
        );
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        let f = disk_encryption(
            &Ok("overlay\n".into()),
            &Ok(r#"{"blockdevices":[{"name":"sda","type":"disk","mountpoints":[null]}]}"#.into()),
        );
        assert_eq!(f.verdict, Verdict::Unknown);
        let f = disk_encryption(&Ok("/dev/sda2".into()), &Ok("lsblk: garbage".into()));
        assert_eq!(f.verdict, Verdict::Unknown);
    }

    fn gnome(enabled: &str, idle: &str, delay: &str) -> ScreenLockProbes {
        ScreenLockProbes {
            desktop: Some("GNOME".into()),
            session_bus: true,
            lock_enabled: Ok(enabled.into()),
            idle_delay: Ok(idle.into()),
            lock_delay: Ok(delay.into()),
            kscreenlockerrc: Ok(None),
        }
    }

    #[test]
    fn gnome_and_kde_screen_locks() {
        let p = Policy::default();
        let f = screen_lock(
            &gnome(
                &fixture("gsettings_lock_enabled.txt"),
                &fixture("gsettings_idle_delay.txt"),
                &fixture("gsettings_lock_delay.txt"),
            ),
            &p,
        );
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        assert_eq!(
            screen_lock(&gnome("true", "uint32 0", "uint32 0"), &p).verdict,
            Verdict::Fail
        );
        assert_eq!(
            screen_lock(&gnome("true", "uint32 1800", "uint32 0"), &p).verdict,
            Verdict::Fail
        );
        assert_eq!(
            screen_lock(&gnome("false", "uint32 300", "uint32 0"), &p).verdict,
            Verdict::Fail
        );
        let memory = "GLib-GIO-Message: Using the 'memory' GSettings backend.  Your settings will not be saved or shared with other applications.\nuint32 300";
        assert_eq!(
            screen_lock(&gnome("true", memory, "uint32 0"), &p).verdict,
            Verdict::Unknown
        );
        let mut no_bus = gnome("true", "uint32 300", "uint32 0");
        no_bus.session_bus = false;
        assert_eq!(screen_lock(&no_bus, &p).verdict, Verdict::Unknown);
        let mut kde = no_bus.clone();
        kde.desktop = Some("KDE".into());
        assert_eq!(
            screen_lock(&kde, &p).verdict,
            Verdict::Pass,
            "KDE defaults lock after 5 minutes"
        );
        kde.kscreenlockerrc = Ok(Some("[Daemon]\nAutolock=false\n".into()));
        assert_eq!(screen_lock(&kde, &p).verdict, Verdict::Fail);
    }

    #[test]
    fn root_fails_sudo_warns() {
        let groups = Ok(fixture("id_nG_sudo.txt"));
        assert_eq!(
            standard_user(Some(0), "root", &Ok("root".into())).verdict,
            Verdict::Fail
        );
        assert_eq!(
            standard_user(Some(1000), "clerk", &groups).verdict,
            Verdict::Warn
        );
        assert_eq!(
            standard_user(Some(1000), "clerk", &Ok("clerk users".into())).verdict,
            Verdict::Pass
        );
        assert_eq!(
            standard_user(Some(1000), "clerk", &Err("timed out".into())).verdict,
            Verdict::Unknown
        );
    }

    #[test]
    fn lightdm_guest_and_autologin() {
        let conf = fixture("lightdm.conf");
        let f = guest_disabled(&[("/etc/lightdm/lightdm.conf".into(), Ok(conf.clone()))]);
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        assert_eq!(guest_disabled(&[]).verdict, Verdict::Pass);
        let f = sign_in_password(&[("/etc/lightdm/lightdm.conf".into(), Ok(conf))]);
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        let gdm = fixture("gdm3_custom.conf");
        let f = sign_in_password(&[("/etc/gdm3/custom.conf".into(), Ok(gdm.clone()))]);
        assert_eq!(
            f.verdict,
            Verdict::Pass,
            "commented-out autologin: {}",
            f.evidence
        );
        let on = gdm
            .replace(
                "#  AutomaticLoginEnable = true",
                "AutomaticLoginEnable = true",
            )
            .replace("#  AutomaticLogin = user1", "AutomaticLogin = clerk");
        let f = sign_in_password(&[("/etc/gdm3/custom.conf".into(), Ok(on))]);
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
    }

    #[test]
    fn flagged_packages_fail_unless_approved() {
        let dpkg = fixture("dpkg-query_packages.txt");
        let sources = vec![
            ("dpkg-query -W".to_owned(), Ok(dpkg)),
            (
                "flatpak list".to_owned(),
                Err("/usr/bin/flatpak is not installed on this computer".to_owned()),
            ),
        ];
        let f = untrusted_programs(&sources, &Policy::default());
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        assert!(
            f.evidence.contains("anydesk (remote-access tool)"),
            "{}",
            f.evidence
        );
        assert!(
            f.evidence.contains("transmission-gtk (peer-to-peer"),
            "{}",
            f.evidence
        );
        let policy = Policy {
            approved_programs: vec!["anydesk".into(), "transmission".into()],
            ..Policy::default()
        };
        assert_eq!(untrusted_programs(&sources, &policy).verdict, Verdict::Pass);
        let none = vec![("dpkg-query -W".to_owned(), Err("timed out".to_owned()))];
        assert_eq!(
            untrusted_programs(&none, &Policy::default()).verdict,
            Verdict::Unknown
        );
    }
}
