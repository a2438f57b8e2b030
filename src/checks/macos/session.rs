//! macOS session facts: when the screen locks, administrator rights, the guest user,
//! automatic login, and the apps installed.

use super::{OS, defaults_value};
use crate::checks::finding::{Probe, RawLog, finding, pass, unknown};
use crate::checks::judge::{self, IdleLock, duration_words};
use crate::checks::programs::judge_programs;
use crate::checks::{CheckId, Finding, Policy, Verdict};

const LOGINWINDOW: &str = "the Mac's sign-in settings";

/// The password delay from `sysadminctl -screenLock status` (stderr): `Some(Some(secs))`,
/// `Some(None)` for off, `None` when not understood.
#[expect(
    clippy::option_option,
    reason = "three answers: a delay, lock off, or not understood; kept as sysadminctl words them"
)]
pub(crate) fn screen_lock_delay(stderr: &str) -> Option<Option<u32>> {
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
pub(crate) fn screen_lock(sysadminctl: &Probe, idle_time: &Probe, policy: &Policy) -> Finding {
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
    let lock = if idle == 0 {
        IdleLock::Never(
            "The screen saver never starts, so the screen never locks by itself".to_owned(),
        )
    } else {
        IdleLock::After(
            u64::from(idle) + u64::from(delay),
            format!(
                "the screen saver starts after {} and the password is asked {}",
                duration_words(u64::from(idle)),
                if delay == 0 {
                    "at once".to_owned()
                } else {
                    format!("{} later", duration_words(u64::from(delay)))
                }
            ),
        )
    };
    let j = judge::idle_lock(
        &lock,
        "the Mac's screen-lock and screen-saver settings for this user",
        policy,
    );
    if j.verdict == Verdict::Pass {
        pass(check, OS, j.evidence, &j.basis, raw)
    } else {
        finding(check, OS, j.verdict, j.evidence, raw)
    }
}

/// `standard-user` on macOS: `id -Gn` containing `admin` is a warning (the first account on a Mac
/// always is one; using it needs the password).
pub(crate) fn standard_user(groups: &Probe) -> Finding {
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
        Ok(g) if !g.trim().is_empty() => pass(
            check,
            OS,
            "This account is a standard user (not in the admin group)",
            "this account's list of groups",
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
pub(crate) fn guest_disabled(loginwindow: &Probe) -> Finding {
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
        Ok(t) if t.trim_start().starts_with('{') => match defaults_value(t, "GuestEnabled") {
            Some("0" | "false") => pass(check, OS, "The guest user is off", LOGINWINDOW, raw),
            None => pass(
                check,
                OS,
                "The guest user is off (it was never turned on)",
                LOGINWINDOW,
                raw,
            ),
            Some(other) => unknown(
                check,
                OS,
                format!("The guest setting {other:?} was not understood"),
                raw,
            ),
        },
        Ok(_) => unknown(check, OS, "The sign-in settings were not understood", raw),
        Err(e) => unknown(
            check,
            OS,
            format!("The sign-in settings could not be read: {e}"),
            raw,
        ),
    }
}

/// `sign-in-password` on macOS: `autoLoginUser` in com.apple.loginwindow.
pub(crate) fn sign_in_password(loginwindow: &Probe) -> Finding {
    let check = CheckId::SignInPassword;
    let mut raw = RawLog::new();
    raw.add(
        "defaults read /Library/Preferences/com.apple.loginwindow",
        loginwindow,
    );
    match loginwindow {
        Ok(t) if !t.trim_start().starts_with('{') => {
            unknown(check, OS, "The sign-in settings were not understood", raw)
        }
        Ok(t) => match defaults_value(t, "autoLoginUser") {
            Some(user) => finding(
                check,
                OS,
                Verdict::Fail,
                format!("The Mac logs in {user} automatically, without a password"),
                raw,
            ),
            None => pass(
                check,
                OS,
                "Automatic login is off: the Mac asks for a password",
                LOGINWINDOW,
                raw,
            ),
        },
        Err(e) => unknown(
            check,
            OS,
            format!("The sign-in settings could not be read: {e}"),
            raw,
        ),
    }
}

/// `untrusted-programs` on macOS: app names in /Applications and ~/Applications.
pub(crate) fn untrusted_programs(apps: &Probe, policy: &Policy) -> Finding {
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
    if verdict == Verdict::Pass {
        pass(
            check,
            OS,
            text,
            "the apps in /Applications and this user's Applications folder",
            raw,
        )
    } else {
        finding(check, OS, verdict, text, raw)
    }
}
