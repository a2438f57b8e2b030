//! The Linux sign-in screen: whether it offers guest sessions and whether it signs a user in
//! automatically. The sign-in screen in use is found first (GDM, LightDM, SDDM); only its own
//! settings count, and no settings at all is Unknown, not a pass.

use super::{DisplayManager, OS, config_bool, parse_ini};
use crate::checks::finding::{Probe, RawLog, finding, pass, unknown};
use crate::checks::{CheckId, Finding, Verdict};

/// What both sign-in checks read: the sign-in screen in use and its settings files.
fn read_from(dm: &Result<DisplayManager, String>, confs: &[(String, Probe)]) -> RawLog {
    let mut raw = RawLog::new();
    raw.add(
        "display manager",
        &dm.as_ref()
            .map(|d| d.name().to_owned())
            .map_err(Clone::clone),
    );
    for (path, p) in confs {
        raw.add(&format!("cat {path}"), p);
    }
    raw
}

/// `guest-disabled` on Linux: only LightDM has guest sessions; GDM and SDDM have none.
pub(crate) fn guest_disabled(
    dm: &Result<DisplayManager, String>,
    confs: &[(String, Probe)],
) -> Finding {
    let check = CheckId::GuestDisabled;
    let raw = read_from(dm, confs);
    let dm = match dm {
        Ok(dm) => dm,
        Err(why) => {
            return unknown(
                check,
                OS,
                format!("Which sign-in screen this computer uses could not be read: {why}"),
                raw,
            );
        }
    };
    match dm {
        DisplayManager::Gdm | DisplayManager::Sddm => {
            return pass(
                check,
                OS,
                format!("The sign-in screen ({}) has no guest sessions", dm.name()),
                "which sign-in screen starts the desktop",
                raw,
            );
        }
        DisplayManager::Other(name) => {
            return unknown(
                check,
                OS,
                format!("The sign-in screen {name} is not one clerkcheck knows"),
                raw,
            );
        }
        DisplayManager::LightDm => {}
    }
    let mut allowed = None;
    for (path, p) in confs {
        match p {
            Ok(text) => {
                for (section, key, value) in parse_ini(text) {
                    if key == "allow-guest" && section.starts_with("Seat") {
                        allowed = Some((config_bool(&value), path.clone()));
                    }
                }
            }
            Err(why) => return unknown(check, OS, format!("{path} could not be read: {why}"), raw),
        }
    }
    match allowed {
        Some((Some(false), path)) => pass(
            check,
            OS,
            "Guest sessions are turned off at the sign-in screen",
            &format!("LightDM's settings ({path})"),
            raw,
        ),
        Some((Some(true), _)) => finding(
            check,
            OS,
            Verdict::Fail,
            "Guest sessions are allowed at the sign-in screen",
            raw,
        ),
        Some((None, path)) => unknown(
            check,
            OS,
            format!("LightDM's guest setting in {path} was not understood"),
            raw,
        ),
        None => unknown(
            check,
            OS,
            "LightDM's settings do not say whether guest sessions are allowed, and LightDM's own default depends on how it was installed",
            raw,
        ),
    }
}

/// `sign-in-password` on Linux: automatic login in the sign-in screen that starts the desktop
/// (GDM's `daemon.conf`/`custom.conf`, LightDM, SDDM). Its settings must have been read: no
/// settings at all is Unknown, not a pass.
pub(crate) fn sign_in_password(
    dm: &Result<DisplayManager, String>,
    confs: &[(String, Probe)],
) -> Finding {
    let check = CheckId::SignInPassword;
    let raw = read_from(dm, confs);
    let dm = match dm {
        Ok(DisplayManager::Other(name)) => {
            return unknown(
                check,
                OS,
                format!("The sign-in screen {name} is not one clerkcheck knows"),
                raw,
            );
        }
        Ok(dm) => dm,
        Err(why) => {
            return unknown(
                check,
                OS,
                format!("Which sign-in screen this computer uses could not be read: {why}"),
                raw,
            );
        }
    };
    if confs.is_empty() {
        return unknown(
            check,
            OS,
            format!(
                "No settings of the sign-in screen ({}) were found, so whether it signs in automatically is not known",
                dm.name()
            ),
            raw,
        );
    }
    for (path, p) in confs {
        let text = match p {
            Ok(t) => t,
            Err(why) => return unknown(check, OS, format!("{path} could not be read: {why}"), raw),
        };
        let ini = parse_ini(text);
        let get = |section: &str, key: &str| {
            ini.iter()
                .rev()
                .find(|(s, k, _)| s.starts_with(section) && k == key)
                .map(|(_, _, v)| v.as_str())
        };
        let automatic = match dm {
            DisplayManager::Gdm => ["AutomaticLoginEnable", "TimedLoginEnable"]
                .iter()
                .filter_map(|k| get("daemon", k))
                .map(config_bool)
                .any(|v| v != Some(false)),
            DisplayManager::LightDm => get("Seat", "autologin-user").is_some_and(|u| !u.is_empty()),
            DisplayManager::Sddm => get("Autologin", "User").is_some_and(|u| !u.is_empty()),
            DisplayManager::Other(_) => false,
        };
        if automatic {
            return finding(
                check,
                OS,
                Verdict::Fail,
                format!(
                    "The sign-in screen ({}) signs a user in automatically, with no password",
                    dm.name()
                ),
                raw,
            );
        }
    }
    let read: Vec<&str> = confs.iter().map(|(p, _)| p.as_str()).collect();
    pass(
        check,
        OS,
        format!(
            "The sign-in screen ({}) asks for a password: automatic sign-in is not set up",
            dm.name()
        ),
        &format!("the sign-in screen's settings ({})", read.join(", ")),
        raw,
    )
}

#[cfg(test)]
mod tests {
    use super::super::tests::fixture;
    use super::*;

    #[test]
    fn lightdm_guest_sessions() {
        let lightdm = Ok(DisplayManager::LightDm);
        let conf = fixture("lightdm.conf");
        let f = guest_disabled(&lightdm, &[("/etc/lightdm/lightdm.conf".into(), Ok(conf))]);
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        let off = "[Seat:*]\nallow-guest=false\n".to_owned();
        let f = guest_disabled(&lightdm, &[("/etc/lightdm/lightdm.conf".into(), Ok(off))]);
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        assert_eq!(guest_disabled(&lightdm, &[]).verdict, Verdict::Unknown);
        assert_eq!(
            guest_disabled(&Ok(DisplayManager::Gdm), &[]).verdict,
            Verdict::Pass
        );
        assert_eq!(
            guest_disabled(&Err("no link".into()), &[]).verdict,
            Verdict::Unknown
        );
    }

    #[test]
    fn regression_debian_gdm3_daemon_conf_is_read_and_no_settings_is_unknown() {
        let gdm = Ok(DisplayManager::Gdm);
        let daemon = fixture("gdm3_daemon.conf");
        let f = sign_in_password(
            &gdm,
            &[("/etc/gdm3/daemon.conf".into(), Ok(daemon.clone()))],
        );
        assert_eq!(f.verdict, Verdict::Pass, "commented out: {}", f.evidence);
        assert!(
            f.evidence.contains("/etc/gdm3/daemon.conf"),
            "{}",
            f.evidence
        );
        let on = daemon
            .replace(
                "#  AutomaticLoginEnable = true",
                "AutomaticLoginEnable = True",
            )
            .replace("#  AutomaticLogin = user1", "AutomaticLogin = clerk");
        let f = sign_in_password(&gdm, &[("/etc/gdm3/daemon.conf".into(), Ok(on))]);
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        // No configuration at all used to pass.
        assert_eq!(sign_in_password(&gdm, &[]).verdict, Verdict::Unknown);
        assert_eq!(
            sign_in_password(&Err("none".into()), &[]).verdict,
            Verdict::Unknown
        );
        let lightdm = fixture("lightdm.conf");
        let f = sign_in_password(
            &Ok(DisplayManager::LightDm),
            &[("/etc/lightdm/lightdm.conf".into(), Ok(lightdm))],
        );
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        let sddm = "[Autolock]\n[Autologin]\nUser=clerk\nSession=plasma\n".to_owned();
        let f = sign_in_password(
            &Ok(DisplayManager::Sddm),
            &[("/etc/sddm.conf".into(), Ok(sddm))],
        );
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
    }
}
