//! Windows probes: registry values read natively (winreg), and ONE PowerShell run per check run
//! (`-EncodedCommand` of the fixed script `checks::windows::PROBE_SCRIPT`) whose JSON answer is
//! shared by all checks (cached for a few seconds, behind a lock, so checks running in parallel
//! never start PowerShell twice).

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use winreg::RegKey;
use winreg::enums::{
    HKEY_CURRENT_USER, HKEY_LOCAL_MACHINE, KEY_READ, KEY_WOW64_32KEY, KEY_WOW64_64KEY,
};

use crate::checks::run::{self, DEFAULT_TIMEOUT};
use crate::checks::windows::{self as rules, PsProbe, Registry, UninstallEntry};
use crate::checks::{CheckId, Finding, Policy};

const POWERSHELL: &str = r"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe";

/// How long one PowerShell answer is reused (all checks of one run share it).
const PS_FRESH: Duration = Duration::from_secs(30);

type PsResult = Arc<Result<PsProbe, String>>;

static PS_CACHE: Mutex<Option<(Instant, PsResult)>> = Mutex::new(None);

/// The PowerShell probe's answer: run once, shared by the checks of this run.
fn powershell() -> PsResult {
    let mut cache = PS_CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((at, result)) = cache.as_ref()
        && at.elapsed() < PS_FRESH
    {
        return Arc::clone(result);
    }
    let result = Arc::new(
        run::run(
            std::path::Path::new(POWERSHELL),
            &[
                "-NoLogo",
                "-NoProfile",
                "-NonInteractive",
                "-ExecutionPolicy",
                "Bypass",
                "-EncodedCommand",
                &rules::encoded_script(),
            ],
            DEFAULT_TIMEOUT.saturating_mul(3),
        )
        .map_err(|e| e.to_string())
        .and_then(|o| {
            PsProbe::parse(&o.stdout).map_err(|e| {
                let detail = o
                    .stderr
                    .lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty())
                    .unwrap_or("");
                if detail.is_empty() {
                    e
                } else {
                    format!("{e}: {detail}")
                }
            })
        }),
    );
    *cache = Some((Instant::now(), Arc::clone(&result)));
    result
}

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

fn exists(path: &str) -> bool {
    key(HKEY_LOCAL_MACHINE, path, KEY_WOW64_64KEY).is_some()
}

fn uninstall_entries() -> Vec<UninstallEntry> {
    const UNINSTALL: &str = r"SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall";
    let mut out = Vec::new();
    for (hive, view) in [
        (HKEY_LOCAL_MACHINE, KEY_WOW64_64KEY),
        (HKEY_LOCAL_MACHINE, KEY_WOW64_32KEY),
        (HKEY_CURRENT_USER, KEY_WOW64_64KEY),
    ] {
        let Some(root) = key(hive, UNINSTALL, view) else {
            continue;
        };
        for name in root.enum_keys().filter_map(Result::ok) {
            let Ok(entry) = root.open_subkey_with_flags(&name, KEY_READ | view) else {
                continue;
            };
            // Updates and parts of other programs.
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
    out
}

fn registry() -> Registry {
    const CV: &str = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion";
    const AU: &str = r"SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU";
    const SYS: &str = r"SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System";
    const DESKTOP: &str = r"Control Panel\Desktop";
    const DESKTOP_POLICY: &str = r"Software\Policies\Microsoft\Windows\Control Panel\Desktop";
    // The policy value wins over the user's own setting.
    let desktop = |name: &str| {
        text(HKEY_CURRENT_USER, DESKTOP_POLICY, name)
            .or_else(|| text(HKEY_CURRENT_USER, DESKTOP, name))
    };
    Registry {
        current_build: text(HKEY_LOCAL_MACHINE, CV, "CurrentBuild"),
        ubr: dword(HKEY_LOCAL_MACHINE, CV, "UBR"),
        display_version: text(HKEY_LOCAL_MACHINE, CV, "DisplayVersion")
            .or_else(|| text(HKEY_LOCAL_MACHINE, CV, "ReleaseId")),
        edition_id: text(HKEY_LOCAL_MACHINE, CV, "EditionID"),
        no_auto_update: dword(HKEY_LOCAL_MACHINE, AU, "NoAutoUpdate"),
        au_options: dword(HKEY_LOCAL_MACHINE, AU, "AUOptions"),
        use_wu_server: dword(HKEY_LOCAL_MACHINE, AU, "UseWUServer"),
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
        reboot_pending_key: exists(
            r"SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired",
        ) || exists(
            r"SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending",
        ),
        enable_lua: dword(HKEY_LOCAL_MACHINE, SYS, "EnableLUA"),
        consent_prompt_behavior_admin: dword(HKEY_LOCAL_MACHINE, SYS, "ConsentPromptBehaviorAdmin"),
        inactivity_timeout_secs: dword(HKEY_LOCAL_MACHINE, SYS, "InactivityTimeoutSecs"),
        screen_save_active: desktop("ScreenSaveActive"),
        screen_saver_is_secure: desktop("ScreenSaverIsSecure"),
        screen_save_time_out: desktop("ScreenSaveTimeOut"),
        auto_admin_logon: text(
            HKEY_LOCAL_MACHINE,
            r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon",
            "AutoAdminLogon",
        ),
        uninstall: Vec::new(),
    }
}

/// Runs one check.
pub fn run(check: CheckId, policy: &Policy, now: DateTime<Utc>) -> Finding {
    let needs_ps = matches!(
        check,
        CheckId::RecentUpdates
            | CheckId::Antivirus
            | CheckId::Firewall
            | CheckId::DiskEncryption
            | CheckId::ScreenLock
            | CheckId::StandardUser
            | CheckId::GuestDisabled
    );
    let ps_result = if needs_ps { Some(powershell()) } else { None };
    let ps: rules::Ps<'_> = match ps_result.as_deref() {
        Some(Ok(p)) => Ok(p),
        Some(Err(e)) => Err(e.as_str()),
        None => Err("not run"),
    };
    match check {
        CheckId::OsSupported => rules::os_supported(&registry(), now.date_naive()),
        CheckId::AutoUpdates => rules::auto_updates(&registry(), now),
        CheckId::RecentUpdates => rules::recent_updates(&registry(), ps, policy, now),
        CheckId::Antivirus => rules::antivirus(ps, policy, now),
        CheckId::Firewall => rules::firewall(ps),
        CheckId::DiskEncryption => rules::disk_encryption(ps),
        CheckId::ScreenLock => rules::screen_lock(&registry(), ps, policy),
        CheckId::StandardUser => rules::standard_user(ps),
        CheckId::GuestDisabled => rules::guest_disabled(ps),
        CheckId::UntrustedPrograms => {
            let reg = Registry {
                uninstall: uninstall_entries(),
                ..Registry::default()
            };
            rules::untrusted_programs(&reg, policy)
        }
        CheckId::SignInPassword => rules::sign_in_password(&registry()),
        CheckId::Uac => rules::uac(&registry()),
    }
}
