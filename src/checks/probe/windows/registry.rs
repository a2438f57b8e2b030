//! Registry reads (winreg, read-only access, the 64-bit view unless said otherwise): the
//! Windows version, update policies and services, restart flags, User Account Control, screen
//! saver and inactivity settings, automatic sign-in, installed programs.

use chrono::{DateTime, Utc};
use winreg::RegKey;
use winreg::enums::{
    HKEY_CURRENT_USER, HKEY_LOCAL_MACHINE, KEY_READ, KEY_WOW64_32KEY, KEY_WOW64_64KEY,
};

use crate::checks::windows::{RebootKey, Registry, UninstallEntry};

const CV: &str = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion";
const AU: &str = r"SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU";
const WU_POLICY: &str = r"SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate";
const SYS: &str = r"SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System";
const WINLOGON: &str = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon";
const DESKTOP: &str = r"Control Panel\Desktop";
const DESKTOP_POLICY: &str = r"Software\Policies\Microsoft\Windows\Control Panel\Desktop";
/// "Require a password on wakeup" set by policy.
const CONSOLE_LOCK_POLICY: &str =
    r"SOFTWARE\Policies\Microsoft\Power\PowerSettings\0e796bdb-100d-47d6-a2d5-f7d2daa51f51";
const FIREWALL_POLICY: &str = r"SOFTWARE\Policies\Microsoft\WindowsFirewall";
const WU_AUTO_UPDATE: &str = r"SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update";
const CBS: &str = r"SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing";

fn key(hive: winreg::HKEY, path: &str, view: u32) -> Option<RegKey> {
    RegKey::predef(hive)
        .open_subkey_with_flags(path, KEY_READ | view)
        .ok()
}

fn dword(hive: winreg::HKEY, path: &str, name: &str) -> Option<u32> {
    key(hive, path, KEY_WOW64_64KEY)?
        .get_value::<u32, _>(name)
        .ok()
}

fn text(hive: winreg::HKEY, path: &str, name: &str) -> Option<String> {
    key(hive, path, KEY_WOW64_64KEY)?
        .get_value::<String, _>(name)
        .ok()
}

/// A key's last write time.
fn written(k: &RegKey) -> Option<DateTime<Utc>> {
    let info = k.query_info().ok()?;
    let ft = info.last_write_time;
    let ticks = (u64::from(ft.dwHighDateTime) << 32) | u64::from(ft.dwLowDateTime);
    // FILETIME counts 100 ns from 1601-01-01; Unix time starts 11 644 473 600 s later.
    let secs = i64::try_from(ticks / 10_000_000).ok()? - 11_644_473_600;
    DateTime::from_timestamp(secs, 0)
}

/// The restart flags that exist, and whether their parent keys could be read.
fn reboot_keys() -> (Vec<RebootKey>, bool) {
    let mut found = Vec::new();
    let mut read = true;
    for (parent, child) in [(WU_AUTO_UPDATE, "RebootRequired"), (CBS, "RebootPending")] {
        let Some(parent_key) = key(HKEY_LOCAL_MACHINE, parent, KEY_WOW64_64KEY) else {
            read = false;
            continue;
        };
        match parent_key.open_subkey_with_flags(child, KEY_READ) {
            Ok(flag) => found.push(RebootKey {
                key: format!(r"{parent}\{child}"),
                written: written(&flag),
            }),
            // Only a flag that is not there means "not pending"; access denied proves nothing.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(_) => read = false,
        }
    }
    (found, read)
}

/// The registry values the checks read.
pub(super) fn read() -> Registry {
    // The policy value wins over the user's own setting.
    let desktop = |name: &str| {
        text(HKEY_CURRENT_USER, DESKTOP_POLICY, name)
            .or_else(|| text(HKEY_CURRENT_USER, DESKTOP, name))
    };
    let (reboot_keys, reboot_keys_read) = reboot_keys();
    Registry {
        current_build: text(HKEY_LOCAL_MACHINE, CV, "CurrentBuild"),
        ubr: dword(HKEY_LOCAL_MACHINE, CV, "UBR"),
        display_version: text(HKEY_LOCAL_MACHINE, CV, "DisplayVersion")
            .or_else(|| text(HKEY_LOCAL_MACHINE, CV, "ReleaseId")),
        edition_id: text(HKEY_LOCAL_MACHINE, CV, "EditionID"),
        installation_type: text(HKEY_LOCAL_MACHINE, CV, "InstallationType"),
        no_auto_update: dword(HKEY_LOCAL_MACHINE, AU, "NoAutoUpdate"),
        au_options: dword(HKEY_LOCAL_MACHINE, AU, "AUOptions"),
        use_wu_server: dword(HKEY_LOCAL_MACHINE, AU, "UseWUServer")
            .or_else(|| dword(HKEY_LOCAL_MACHINE, WU_POLICY, "UseWUServer")),
        pause_updates_expiry_time: text(
            HKEY_LOCAL_MACHINE,
            r"SOFTWARE\Microsoft\WindowsUpdate\UX\Settings",
            "PauseUpdatesExpiryTime",
        ),
        wuauserv_start: dword(
            HKEY_LOCAL_MACHINE,
            r"SYSTEM\CurrentControlSet\Services\wuauserv",
            "Start",
        ),
        uso_svc_start: dword(
            HKEY_LOCAL_MACHINE,
            r"SYSTEM\CurrentControlSet\Services\UsoSvc",
            "Start",
        ),
        reboot_keys,
        reboot_keys_read,
        enable_lua: dword(HKEY_LOCAL_MACHINE, SYS, "EnableLUA"),
        consent_prompt_behavior_admin: dword(HKEY_LOCAL_MACHINE, SYS, "ConsentPromptBehaviorAdmin"),
        prompt_on_secure_desktop: dword(HKEY_LOCAL_MACHINE, SYS, "PromptOnSecureDesktop"),
        inactivity_timeout_secs: dword(HKEY_LOCAL_MACHINE, SYS, "InactivityTimeoutSecs"),
        screen_save_active: desktop("ScreenSaveActive"),
        screen_saver_is_secure: desktop("ScreenSaverIsSecure"),
        screen_save_time_out: desktop("ScreenSaveTimeOut"),
        scrnsave_exe: desktop("SCRNSAVE.EXE"),
        auto_admin_logon: text(HKEY_LOCAL_MACHINE, WINLOGON, "AutoAdminLogon"),
        default_password_present: super::native::value_exists(WINLOGON, "DefaultPassword"),
        firewall_policy: (
            dword(
                HKEY_LOCAL_MACHINE,
                &format!(r"{FIREWALL_POLICY}\DomainProfile"),
                "EnableFirewall",
            ),
            dword(
                HKEY_LOCAL_MACHINE,
                &format!(r"{FIREWALL_POLICY}\PrivateProfile"),
                "EnableFirewall",
            ),
            dword(
                HKEY_LOCAL_MACHINE,
                &format!(r"{FIREWALL_POLICY}\PublicProfile"),
                "EnableFirewall",
            ),
        ),
        console_lock_policy: (
            dword(HKEY_LOCAL_MACHINE, CONSOLE_LOCK_POLICY, "ACSettingIndex"),
            dword(HKEY_LOCAL_MACHINE, CONSOLE_LOCK_POLICY, "DCSettingIndex"),
        ),
    }
}

/// Installed programs from the Uninstall keys: HKLM in both views, and HKCU. Updates and parts
/// of other programs (`ParentKeyName`, `ReleaseType`) are left out.
pub(super) fn uninstall_entries() -> Result<Vec<UninstallEntry>, String> {
    const UNINSTALL: &str = r"SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall";
    let mut out = Vec::new();
    let mut opened = 0;
    for (hive, view) in [
        (HKEY_LOCAL_MACHINE, KEY_WOW64_64KEY),
        (HKEY_LOCAL_MACHINE, KEY_WOW64_32KEY),
        (HKEY_CURRENT_USER, KEY_WOW64_64KEY),
    ] {
        let Some(root) = key(hive, UNINSTALL, view) else {
            continue;
        };
        opened += 1;
        for name in root.enum_keys().filter_map(Result::ok) {
            let Ok(entry) = root.open_subkey_with_flags(&name, KEY_READ | view) else {
                continue;
            };
            if entry.get_value::<String, _>("ParentKeyName").is_ok()
                || entry.get_value::<String, _>("ReleaseType").is_ok()
            {
                continue;
            }
            out.push(UninstallEntry {
                display_name: entry.get_value("DisplayName").ok(),
                publisher: entry.get_value("Publisher").ok(),
                system_component: entry.get_value("SystemComponent").ok(),
            });
        }
    }
    if opened == 0 {
        return Err("the list of installed programs is not in the registry".to_owned());
    }
    Ok(out)
}
