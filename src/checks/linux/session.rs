//! Linux desktop session facts: when the screen locks (GNOME's settings or KDE's
//! `kscreenlockerrc`) and whether this account has administrator rights.

use super::{OS, config_bool, parse_ini};
use crate::checks::finding::{Probe, RawLog, finding, judged, pass, unknown};
use crate::checks::judge::{self, IdleLock, duration_words};
use crate::checks::{CheckId, Finding, Policy, Verdict};

/// Whether `XDG_CURRENT_DESKTOP` names KDE (only then is KDE's settings file read).
pub(crate) fn is_kde(desktop: Option<&str>) -> bool {
    desktop.is_some_and(|d| d.split(':').any(|part| part.eq_ignore_ascii_case("KDE")))
}

/// `screen-lock` on KDE, from `/etc/xdg/kscreenlockerrc` followed by `~/.config/kscreenlockerrc`
/// (`Ok(None)`: neither file exists, so KDE's defaults apply: lock after 5 minutes).
pub(crate) fn kde_screen_lock(
    kscreenlockerrc: &Result<Option<String>, String>,
    policy: &Policy,
) -> Finding {
    let check = CheckId::ScreenLock;
    let mut raw = RawLog::new();
    let shown: Probe = kscreenlockerrc
        .clone()
        .map(|c| c.unwrap_or_else(|| "(no such file: KDE's defaults apply)".to_owned()));
    raw.add(
        "cat /etc/xdg/kscreenlockerrc ~/.config/kscreenlockerrc",
        &shown,
    );
    let text = match kscreenlockerrc {
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
    let ini = parse_ini(&text);
    let get = |key: &str| {
        ini.iter()
            .rev()
            .find(|(s, k, _)| s == "Daemon" && k == key)
            .map(|(_, _, v)| v.as_str())
    };
    let autolock = match get("Autolock").map(config_bool) {
        None => true,
        Some(Some(on)) => on,
        Some(None) => {
            return unknown(
                check,
                OS,
                "KDE's automatic screen-lock setting was not understood",
                raw,
            );
        }
    };
    if !autolock {
        return finding(
            check,
            OS,
            Verdict::Fail,
            "KDE's automatic screen lock is off",
            raw,
        );
    }
    // Timeout is in minutes (default 5); LockGrace in seconds (default 5) during which the
    // screen can be woken without the password.
    let number = |key: &str, default: u64| -> Result<u64, String> {
        get(key).map_or(Ok(default), |v| {
            v.trim()
                .parse::<u64>()
                .map_err(|_| format!("KDE's {key} setting {v:?} is not a number"))
        })
    };
    let (minutes, grace) = match (number("Timeout", 5), number("LockGrace", 5)) {
        (Ok(m), Ok(g)) => (m, g),
        (Err(why), _) | (_, Err(why)) => return unknown(check, OS, why, raw),
    };
    // A timeout beyond a year is not a real setting (and would overflow in KDE itself).
    let Some(secs) = minutes
        .checked_mul(60)
        .and_then(|s| s.checked_add(grace))
        .filter(|s| *s <= 366 * 24 * 3600)
    else {
        return unknown(
            check,
            OS,
            format!(
                "KDE's screen-lock wait of {minutes} minutes is out of range, so when the screen locks is not known"
            ),
            raw,
        );
    };
    let how = if text.trim().is_empty() {
        "KDE's default settings lock the screen after 5 minutes".to_owned()
    } else {
        format!(
            "KDE locks the screen after {} idle{}",
            duration_words(minutes * 60),
            if grace > 0 {
                format!(" and asks for the password {} later", duration_words(grace))
            } else {
                String::new()
            }
        )
    };
    let basis = if text.trim().is_empty() {
        "this user's KDE screen-lock settings file, which does not exist, so KDE's defaults apply"
    } else {
        "this user's KDE screen-lock settings (~/.config/kscreenlockerrc)"
    };
    judged(
        check,
        OS,
        judge::idle_lock(&IdleLock::After(secs, how), basis, policy),
        raw,
    )
}

/// A `uint32 300` / `true` answer of `gsettings get`.
pub(crate) fn gsettings_value(text: &str) -> Option<&str> {
    let t = text.trim();
    Some(t.strip_prefix("uint32 ").unwrap_or(t)).filter(|v| !v.is_empty())
}

/// What the probes read for `screen-lock` on GNOME.
#[derive(Debug, Clone)]
pub(crate) struct GnomeProbes {
    /// `XDG_CURRENT_DESKTOP` of this session, if any.
    pub(crate) desktop: Option<String>,
    /// Whether this process can reach a session bus (`DBUS_SESSION_BUS_ADDRESS` set).
    pub(crate) session_bus: bool,
    /// `gsettings get org.gnome.desktop.screensaver lock-enabled` (stdout and stderr).
    pub(crate) lock_enabled: Probe,
    /// `gsettings get org.gnome.desktop.session idle-delay`.
    pub(crate) idle_delay: Probe,
    /// `gsettings get org.gnome.desktop.screensaver lock-delay`.
    pub(crate) lock_delay: Probe,
    /// `gsettings get org.gnome.desktop.lockdown disable-lock-screen` (an administrator's way to
    /// turn locking off for everyone, whatever the other settings say).
    pub(crate) lock_disabled: Probe,
}

/// The four answers of `gsettings get`, or why they cannot be used.
fn gnome_values(p: &GnomeProbes, desktop: &str) -> Result<Vec<String>, String> {
    let mut values = Vec::new();
    for probe in [
        &p.lock_enabled,
        &p.idle_delay,
        &p.lock_delay,
        &p.lock_disabled,
    ] {
        let text = probe
            .as_ref()
            .map_err(|why| format!("The screen-lock settings could not be read: {why}"))?;
        if text.contains("No such schema") {
            let shown = if desktop.is_empty() {
                "unknown"
            } else {
                desktop
            };
            return Err(format!(
                "This desktop ({shown}) is not GNOME or KDE; its screen lock is not checked"
            ));
        }
        if text.contains("GSettings backend") {
            return Err("The desktop settings store is not reachable from here (GNOME fell back to its defaults), so the real settings are not known".to_owned());
        }
        let value = gsettings_value(text).ok_or("GNOME's settings gave an empty answer")?;
        values.push(value.to_owned());
    }
    Ok(values)
}

/// `screen-lock` on GNOME (and desktops that use its settings).
pub(crate) fn gnome_screen_lock(p: &GnomeProbes, policy: &Policy) -> Finding {
    let check = CheckId::ScreenLock;
    let mut raw = RawLog::new();
    let desktop = p.desktop.clone().unwrap_or_default();
    raw.text("echo $XDG_CURRENT_DESKTOP", desktop.clone());
    if !p.session_bus {
        return unknown(
            check,
            OS,
            "There is no desktop session here, so the screen-lock settings cannot be read; run clerkcheck from the clerk's own desktop",
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
    )
    .add(
        "gsettings get org.gnome.desktop.lockdown disable-lock-screen",
        &p.lock_disabled,
    );
    let values = match gnome_values(p, &desktop) {
        Ok(v) => v,
        Err(why) => return unknown(check, OS, why, raw),
    };
    let enabled = match values[0].as_str() {
        "true" => true,
        "false" => false,
        other => {
            return unknown(
                check,
                OS,
                format!("GNOME answered {other:?} for the screen lock"),
                raw,
            );
        }
    };
    let (Ok(idle), Ok(delay)) = (values[1].parse::<u32>(), values[2].parse::<u32>()) else {
        return unknown(check, OS, "GNOME's idle times were not numbers", raw);
    };
    let locking_disabled = match values[3].as_str() {
        "true" => true,
        "false" => false,
        other => {
            return unknown(
                check,
                OS,
                format!("GNOME answered {other:?} for whether locking is disabled"),
                raw,
            );
        }
    };
    let lock = if locking_disabled {
        IdleLock::Never(
            "Locking the screen is turned off for everyone on this computer by an administrator's setting"
                .to_owned(),
        )
    } else if !enabled {
        IdleLock::Never("GNOME's automatic screen lock is off".to_owned())
    } else if idle == 0 {
        IdleLock::Never(
            "The screen never goes blank when idle, so it never locks by itself".to_owned(),
        )
    } else {
        let total = u64::from(idle) + u64::from(delay);
        IdleLock::After(
            total,
            format!(
                "the screen goes blank after {} and locks {} later",
                duration_words(u64::from(idle)),
                if delay == 0 {
                    "at once".to_owned()
                } else {
                    duration_words(u64::from(delay))
                }
            )
            .replace("locks at once later", "locks at once"),
        )
    };
    let j = judge::idle_lock(
        &lock,
        "GNOME's screen-lock and idle settings for this user",
        policy,
    );
    judged(check, OS, j, raw)
}

/// `standard-user` on Linux: root fails; membership of sudo/wheel/admin (which needs the user's
/// password to use) is a warning. Groups that cannot be read, or an empty answer, are Unknown.
pub(crate) fn standard_user(uid: &Probe, user: &str, groups: &Probe) -> Finding {
    let check = CheckId::StandardUser;
    let mut raw = RawLog::new();
    raw.add("id -u", uid).add("id -nG", groups);
    let uid = match uid.as_deref().map(str::trim).map(str::parse::<u32>) {
        Ok(Ok(u)) => u,
        Ok(Err(_)) => {
            return unknown(
                check,
                OS,
                "This account's user number was not understood",
                raw,
            );
        }
        Err(why) => {
            return unknown(
                check,
                OS,
                format!("This account's user number could not be read: {why}"),
                raw,
            );
        }
    };
    if uid == 0 {
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
    let names: Vec<&str> = groups.split_whitespace().collect();
    let valid = |g: &&str| {
        g.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '$' | '@'))
    };
    if names.is_empty() || !names.iter().all(valid) {
        return unknown(
            check,
            OS,
            "The list of this account's groups was empty or not understood",
            raw,
        );
    }
    let admin: Vec<&str> = names
        .iter()
        .copied()
        .filter(|g| matches!(*g, "sudo" | "wheel" | "admin"))
        .collect();
    if admin.is_empty() {
        pass(
            check,
            OS,
            format!("{user} is a standard account (not in the sudo, wheel or admin group)"),
            "this account's user number and list of groups",
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

#[cfg(test)]
mod tests {
    use super::super::tests::fixture;
    use super::*;

    fn gnome(enabled: &str, idle: &str, delay: &str) -> GnomeProbes {
        GnomeProbes {
            desktop: Some("GNOME".into()),
            session_bus: true,
            lock_enabled: Ok(enabled.into()),
            idle_delay: Ok(idle.into()),
            lock_delay: Ok(delay.into()),
            lock_disabled: Ok("false".into()),
        }
    }

    #[test]
    fn gnome_screen_lock_settings() {
        let p = Policy::default();
        let f = gnome_screen_lock(
            &gnome(
                &fixture("gsettings_lock_enabled.txt"),
                &fixture("gsettings_idle_delay.txt"),
                &fixture("gsettings_lock_delay.txt"),
            ),
            &p,
        );
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        assert!(
            f.evidence.contains("Based on: GNOME's screen-lock"),
            "{}",
            f.evidence
        );
        for (e, i, d) in [
            ("true", "uint32 0", "uint32 0"),
            ("true", "uint32 1800", "uint32 0"),
            ("false", "uint32 300", "uint32 0"),
        ] {
            assert_eq!(
                gnome_screen_lock(&gnome(e, i, d), &p).verdict,
                Verdict::Fail
            );
        }
        let memory = "GLib-GIO-Message: Using the 'memory' GSettings backend.  Your settings will not be saved or shared with other applications.\nuint32 300";
        assert_eq!(
            gnome_screen_lock(&gnome("true", memory, "uint32 0"), &p).verdict,
            Verdict::Unknown
        );
        assert_eq!(
            gnome_screen_lock(&gnome("true", "", "uint32 0"), &p).verdict,
            Verdict::Unknown
        );
        let mut locked_down = gnome("true", "uint32 300", "uint32 0");
        locked_down.lock_disabled = Ok("true\n".into());
        let f = gnome_screen_lock(&locked_down, &p);
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        assert!(
            f.evidence.contains("Locking the screen is turned off"),
            "{}",
            f.evidence
        );
        locked_down.lock_disabled = Ok(String::new());
        assert_eq!(
            gnome_screen_lock(&locked_down, &p).verdict,
            Verdict::Unknown
        );
        let mut no_bus = gnome("true", "uint32 300", "uint32 0");
        no_bus.session_bus = false;
        assert_eq!(gnome_screen_lock(&no_bus, &p).verdict, Verdict::Unknown);
    }

    #[test]
    fn regression_kde_negatives_and_huge_timeouts_never_pass() {
        let p = Policy::default();
        let kde = |text: &str| kde_screen_lock(&Ok(Some(text.to_owned())), &p).verdict;
        for off in ["False", "no", "off", "0", "false"] {
            assert_eq!(
                kde(&format!("[Daemon]\nAutolock={off}\n")),
                Verdict::Fail,
                "{off}"
            );
        }
        assert_eq!(kde("[Daemon]\nAutolock=perhaps\n"), Verdict::Unknown);
        // 71582789 minutes overflowed a 32-bit count of seconds to 44 s.
        assert_eq!(kde("[Daemon]\nTimeout=71582789\n"), Verdict::Unknown);
        assert_eq!(
            kde("[Daemon]\nTimeout=99999999999999999999\n"),
            Verdict::Unknown
        );
        assert_eq!(kde("[Daemon]\nTimeout=-1\n"), Verdict::Unknown);
        assert_eq!(kde("[Daemon]\nTimeout=30\n"), Verdict::Fail);
        assert_eq!(kde("[Daemon]\nTimeout=10\nLockGrace=0\n"), Verdict::Pass);
        // A key in another section is not KDE's screen-lock setting.
        assert_eq!(
            kde("[Greeter]\nAutolock=false\n[Daemon]\nTimeout=5\n"),
            Verdict::Pass
        );
        let f = kde_screen_lock(&Ok(None), &p);
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        assert!(
            f.evidence.contains("KDE's defaults apply"),
            "{}",
            f.evidence
        );
        let f = kde_screen_lock(&Err("a named pipe (FIFO), not a regular file".into()), &p);
        assert_eq!(f.verdict, Verdict::Unknown);
        assert!(is_kde(Some("KDE")));
        assert!(!is_kde(Some("ubuntu:GNOME")));
        assert!(!is_kde(None));
    }

    #[test]
    fn regression_id_groups_empty_or_an_error_is_unknown() {
        let groups = Ok(fixture("id_nG_sudo.txt"));
        let uid = |u: &str| -> Probe { Ok(format!("{u}\n")) };
        assert_eq!(
            standard_user(&uid("0"), "root", &Ok("root".into())).verdict,
            Verdict::Fail
        );
        assert_eq!(
            standard_user(&uid("1000"), "clerk", &groups).verdict,
            Verdict::Warn
        );
        let f = standard_user(&uid("1000"), "clerk", &Ok("clerk users\n".into()));
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        for bad in ["", "\n", "id: cannot find name for group ID 1000\n"] {
            assert_eq!(
                standard_user(&uid("1000"), "clerk", &Ok(bad.into())).verdict,
                Verdict::Unknown,
                "{bad:?}"
            );
        }
        assert_eq!(
            standard_user(&uid("1000"), "clerk", &Err("timed out".into())).verdict,
            Verdict::Unknown
        );
        assert_eq!(
            standard_user(&Ok(String::new()), "clerk", &groups).verdict,
            Verdict::Unknown
        );
    }
}
