//! Windows accounts: administrator rights from this process's token (by SID, whatever the
//! language), the built-in guest account (by its number, 501, whatever its name), automatic
//! sign-in and this account's password settings, and User Account Control.

use super::{Fact, LocalAccount, OS, Registry, Token, UF_ACCOUNTDISABLE, UF_PASSWD_NOTREQD};
use crate::checks::finding::{RawLog, finding, pass, unknown};
use crate::checks::{CheckId, Finding, Verdict};

/// SID of the built-in Administrators group.
const ADMINISTRATORS: &str = "S-1-5-32-544";
/// SID of Everyone: in every real token, so a token without it was not read right.
const EVERYONE: &str = "S-1-1-0";
/// `TokenElevationTypeFull`: running with administrator rights right now.
const ELEVATION_FULL: u32 = 2;
/// `TokenElevationTypeLimited`: an administrator's token filtered by User Account Control.
const ELEVATION_LIMITED: u32 = 3;

/// `standard-user` on Windows: membership of Administrators, by SID, in this process's token
/// (a UAC-filtered administrator still has it, as "deny only", and a limited elevation type).
pub(crate) fn standard_user(token: &Fact<Token>) -> Finding {
    let check = CheckId::StandardUser;
    let mut raw = RawLog::new();
    raw.add(
        "process token: groups (SIDs) and elevation type",
        &token
            .as_ref()
            .map(|t| format!("{t:?}"))
            .map_err(Clone::clone),
    );
    let token = match token {
        Ok(t) => t,
        Err(why) => {
            return unknown(
                check,
                OS,
                format!("This account's groups could not be read: {why}"),
                raw,
            );
        }
    };
    if !token.groups.iter().any(|g| g == EVERYONE) {
        return unknown(
            check,
            OS,
            "The list of this account's groups was empty or not understood",
            raw,
        );
    }
    let member = token.groups.iter().any(|g| g == ADMINISTRATORS);
    if member || token.elevation_type == Some(ELEVATION_LIMITED) {
        let now = if token.elevation_type == Some(ELEVATION_FULL) {
            ", and clerkcheck runs with those rights right now"
        } else {
            ""
        };
        return finding(
            check,
            OS,
            Verdict::Fail,
            format!(
                "This account is an administrator{now}: a program it runs only needs a click on Yes to change the whole computer"
            ),
            raw,
        );
    }
    pass(
        check,
        OS,
        "This account is a standard user (not a member of Administrators)",
        "the groups Windows gave this account at sign-in, by their language-neutral ids",
        raw,
    )
}

fn accounts_text(accounts: &Fact<Vec<LocalAccount>>) -> Result<String, String> {
    accounts
        .as_ref()
        .map(|a| {
            a.iter()
                .map(|x| format!("rid {} flags {:#x} {}", x.rid, x.flags, x.name))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .map_err(Clone::clone)
}

/// `guest-disabled` on Windows: the local account numbered 501 (Guest, Gast, Invité…).
pub(crate) fn guest_disabled(accounts: &Fact<Vec<LocalAccount>>) -> Finding {
    let check = CheckId::GuestDisabled;
    let mut raw = RawLog::new();
    raw.add(
        "NetUserEnum (level 20): local accounts",
        &accounts_text(accounts),
    );
    let accounts = match accounts {
        Ok(a) => a,
        Err(why) => {
            return unknown(
                check,
                OS,
                format!("The local accounts could not be read: {why}"),
                raw,
            );
        }
    };
    let Some(guest) = accounts.iter().find(|a| a.rid == 501) else {
        return unknown(
            check,
            OS,
            "The built-in guest account was not among the local accounts Windows listed, so its state is not known",
            raw,
        );
    };
    if guest.flags & UF_ACCOUNTDISABLE != 0 {
        pass(
            check,
            OS,
            format!("The built-in guest account ({}) is disabled", guest.name),
            "the local accounts of this computer (the guest account found by its built-in number, whatever its name)",
            raw,
        )
    } else {
        finding(
            check,
            OS,
            Verdict::Fail,
            format!("The built-in guest account ({}) is enabled", guest.name),
            raw,
        )
    }
}

/// This process's account among the local accounts: the same name and, when the token was
/// read, the same account number as the token's user SID.
fn this_account<'a>(
    accounts: &'a Fact<Vec<LocalAccount>>,
    current_user: &Fact<String>,
    token: &Fact<Token>,
) -> Result<&'a LocalAccount, String> {
    let (user, accounts) = match (current_user, accounts) {
        (Ok(u), Ok(a)) => (u, a),
        (Err(why), _) | (_, Err(why)) => {
            return Err(format!(
                "This account's password settings could not be read: {why}"
            ));
        }
    };
    let rid = token
        .as_ref()
        .ok()
        .and_then(|t| t.user_sid.as_deref())
        .and_then(|sid| sid.rsplit('-').next())
        .and_then(|r| r.parse::<u32>().ok());
    accounts
        .iter()
        .find(|a| a.name.eq_ignore_ascii_case(user) && rid.is_none_or(|r| r == a.rid))
        .ok_or_else(|| {
            format!(
                "{user} is not a local account of this computer (an organization or domain account), so its password rules are set by your organization"
            )
        })
}

/// `sign-in-password` on Windows: automatic sign-in must be read as off, and this account must
/// be a local account that Windows requires to have a password.
pub(crate) fn sign_in_password(
    reg: &Registry,
    accounts: &Fact<Vec<LocalAccount>>,
    current_user: &Fact<String>,
    token: &Fact<Token>,
) -> Finding {
    let check = CheckId::SignInPassword;
    let mut raw = RawLog::new();
    raw.text(
        "registry Winlogon",
        format!(
            "AutoAdminLogon={:?} DefaultPassword present={}",
            reg.auto_admin_logon, reg.default_password_present
        ),
    )
    .add("GetUserNameW", current_user)
    .add(
        "NetUserEnum (level 20): local accounts",
        &accounts_text(accounts),
    );
    match reg.auto_admin_logon.as_deref().map(str::trim) {
        Some("1") => {
            return finding(
                check,
                OS,
                Verdict::Fail,
                "Windows signs in automatically, without asking for a password",
                raw,
            );
        }
        Some("0") => {}
        Some(other) => {
            return unknown(
                check,
                OS,
                format!("The automatic sign-in setting {other:?} was not understood"),
                raw,
            );
        }
        None => {
            return unknown(
                check,
                OS,
                "Windows keeps no record on this computer of whether it signs in by itself, so whether it asks for a password when it starts cannot be confirmed: restart it once and check that it asks",
                raw,
            );
        }
    }
    let account = match this_account(accounts, current_user, token) {
        Ok(a) => a,
        Err(why) => return unknown(check, OS, why, raw),
    };
    if account.flags & UF_PASSWD_NOTREQD != 0 {
        return finding(
            check,
            OS,
            Verdict::Fail,
            format!(
                "Windows does not require a password for {}: the account may have none",
                account.name
            ),
            raw,
        );
    }
    if reg.default_password_present {
        return finding(
            check,
            OS,
            Verdict::Warn,
            "Automatic sign-in is off, but a password for it is still stored on this computer, readable by its administrators",
            raw,
        );
    }
    pass(
        check,
        OS,
        format!(
            "Automatic sign-in is off, and Windows requires {} to have a password",
            account.name
        ),
        "the automatic sign-in setting and this account's settings",
        raw,
    )
}

/// `uac` on Windows: User Account Control on, asking before changes, on the secure desktop.
/// The slider positions: top (always notify) and second (the default) pass; third (no dimming)
/// is a warning; bottom (never notify) and UAC off fail.
pub(crate) fn uac(reg: &Registry) -> Finding {
    let check = CheckId::Uac;
    let mut raw = RawLog::new();
    raw.text(
        "registry …\\CurrentVersion\\Policies\\System",
        format!(
            "EnableLUA={:?} ConsentPromptBehaviorAdmin={:?} PromptOnSecureDesktop={:?}",
            reg.enable_lua, reg.consent_prompt_behavior_admin, reg.prompt_on_secure_desktop
        ),
    );
    match (reg.enable_lua, reg.consent_prompt_behavior_admin) {
        (Some(0), _) => finding(check, OS, Verdict::Fail, "User Account Control is off", raw),
        (Some(_), Some(0)) => finding(
            check,
            OS,
            Verdict::Fail,
            "User Account Control never asks (the slider is at \"Never notify\"): programs get administrator rights silently",
            raw,
        ),
        (Some(1), Some(1..=5)) if reg.prompt_on_secure_desktop == Some(0) => finding(
            check,
            OS,
            Verdict::Warn,
            "User Account Control asks before changes, but not on the dimmed secure screen, where other programs cannot click for you",
            raw,
        ),
        (Some(1), Some(1..=5)) => pass(
            check,
            OS,
            "User Account Control is on and asks before programs make changes",
            "User Account Control's settings",
            raw,
        ),
        (None, _) | (_, None) => unknown(
            check,
            OS,
            "The User Account Control settings could not be read",
            raw,
        ),
        _ => unknown(
            check,
            OS,
            "The User Account Control settings were not understood",
            raw,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::snapshot;
    use super::*;

    #[test]
    fn administrators_are_found_by_sid_in_any_language() {
        let s = snapshot("snapshot_german_standard.json");
        let f = standard_user(&s.token);
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        assert!(
            f.evidence.contains("Based on: the groups"),
            "{}",
            f.evidence
        );
        // A UAC-filtered administrator: Administrators is there as deny-only.
        let s = snapshot("snapshot_defender_home.json");
        assert_eq!(standard_user(&s.token).verdict, Verdict::Fail);
        let limited = Ok(Token {
            groups: vec![EVERYONE.into()],
            elevation_type: Some(3),
            user_sid: None,
        });
        assert_eq!(standard_user(&limited).verdict, Verdict::Fail);
        let empty = Ok(Token::default());
        assert_eq!(standard_user(&empty).verdict, Verdict::Unknown);
        assert_eq!(
            standard_user(&Err("denied".into())).verdict,
            Verdict::Unknown
        );
    }

    #[test]
    fn the_guest_account_is_found_by_its_number() {
        let s = snapshot("snapshot_german_standard.json");
        let f = guest_disabled(&s.accounts);
        assert_eq!(f.verdict, Verdict::Pass, "Gast is disabled: {}", f.evidence);
        let on = Ok(vec![LocalAccount {
            name: "Guest".into(),
            rid: 501,
            flags: 0x201,
        }]);
        assert_eq!(guest_disabled(&on).verdict, Verdict::Fail);
        let none = Ok(vec![LocalAccount {
            name: "clerk".into(),
            rid: 1001,
            flags: 0x201,
        }]);
        assert_eq!(
            guest_disabled(&none).verdict,
            Verdict::Unknown,
            "no guest listed is not a pass"
        );
    }

    #[test]
    fn regression_sign_in_password_needs_the_settings_read() {
        let s = snapshot("snapshot_german_standard.json");
        let f = sign_in_password(&s.registry, &s.accounts, &s.current_user, &s.token);
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        // Absent AutoAdminLogon (as under Wine) used to pass.
        let mut reg = s.registry.clone();
        reg.auto_admin_logon = None;
        assert_eq!(
            sign_in_password(&reg, &s.accounts, &s.current_user, &s.token).verdict,
            Verdict::Unknown
        );
        reg.auto_admin_logon = Some("1".into());
        assert_eq!(
            sign_in_password(&reg, &s.accounts, &s.current_user, &s.token).verdict,
            Verdict::Fail
        );
        // An account Windows allows an empty password.
        let mut accounts = s.accounts.clone().unwrap();
        for a in &mut accounts {
            a.flags |= UF_PASSWD_NOTREQD;
        }
        let f = sign_in_password(&s.registry, &Ok(accounts), &s.current_user, &s.token);
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        let w = snapshot("snapshot_wine.json");
        let f = sign_in_password(&w.registry, &w.accounts, &w.current_user, &w.token);
        assert_eq!(f.verdict, Verdict::Unknown, "{}", f.evidence);
    }

    #[test]
    fn uac_text_and_check_agree_with_the_slider() {
        let reg = |lua, cpba, secure| Registry {
            enable_lua: lua,
            consent_prompt_behavior_admin: cpba,
            prompt_on_secure_desktop: secure,
            ..Registry::default()
        };
        assert_eq!(
            uac(&reg(Some(1), Some(2), Some(1))).verdict,
            Verdict::Pass,
            "top"
        );
        assert_eq!(
            uac(&reg(Some(1), Some(5), Some(1))).verdict,
            Verdict::Pass,
            "default"
        );
        assert_eq!(
            uac(&reg(Some(1), Some(5), Some(0))).verdict,
            Verdict::Warn,
            "third"
        );
        assert_eq!(
            uac(&reg(Some(1), Some(0), Some(0))).verdict,
            Verdict::Fail,
            "bottom"
        );
        assert_eq!(
            uac(&reg(Some(0), Some(5), Some(1))).verdict,
            Verdict::Fail,
            "off"
        );
        assert_eq!(uac(&reg(None, None, None)).verdict, Verdict::Unknown);
        assert_eq!(uac(&reg(Some(1), None, None)).verdict, Verdict::Unknown);
        let fix = crate::checks::advice::fix(CheckId::Uac, OS).join(" ");
        assert!(
            fix.contains("top") && fix.contains("second position"),
            "{fix}"
        );
    }
}
