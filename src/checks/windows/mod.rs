//! Windows: the facts the probe layer reads through WMI, COM, Win32 and the registry (no
//! program is ever started), as plain typed rows, and the pure rules that judge them. Every
//! type here deserializes from JSON too, so the rules are proven on fixtures on every OS
//! (`tests/fixtures/windows/`). Only SIDs, account numbers, registry values and numbers are
//! compared, never translated names.
//!
//! - this file: the rows and facts;
//! - [`updates`]: automatic updates, last update, pending restart;
//! - [`security`]: anti-virus, firewall, BitLocker;
//! - [`accounts`]: administrator rights, guest account, sign-in password, User Account Control;
//! - [`system`]: Windows version, screen lock, installed programs.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::Deserialize;

pub(crate) mod accounts;
pub(crate) mod security;
pub(crate) mod system;
pub(crate) mod updates;

use super::Os;

const OS: Os = Os::Windows;

/// A fact as the probe layer hands it over: what was read, or why nothing could be (in plain
/// words: "Windows did not answer within 15 seconds", "this part of Windows is not on this
/// computer").
pub(crate) type Fact<T> = Result<T, String>;

/// Registry values read natively (a value that does not exist is `None`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(crate) struct Registry {
    /// `HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion` `CurrentBuild`.
    pub(crate) current_build: Option<String>,
    /// … `UBR` (cumulative update level).
    #[serde(rename = "UBR")]
    pub(crate) ubr: Option<u32>,
    /// … `DisplayVersion` (e.g. `22H2`; `ReleaseId` on old builds).
    pub(crate) display_version: Option<String>,
    /// … `EditionID` (e.g. `Professional`, `Enterprise`, `EnterpriseS`).
    #[serde(rename = "EditionID")]
    pub(crate) edition_id: Option<String>,
    /// … `InstallationType` (`Client`, `Server`, `Server Core`).
    pub(crate) installation_type: Option<String>,
    /// `HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU` `NoAutoUpdate`.
    pub(crate) no_auto_update: Option<u32>,
    /// … `AUOptions` (2 notify, 3 download and notify, 4 install on a schedule, 5 local
    /// administrator chooses, 7 notify to install and restart).
    pub(crate) au_options: Option<u32>,
    /// … `UseWUServer` (1 = the organization's own update server).
    pub(crate) use_wu_server: Option<u32>,
    /// `HKLM\SOFTWARE\Microsoft\WindowsUpdate\UX\Settings` `PauseUpdatesExpiryTime` (ISO text).
    pub(crate) pause_updates_expiry_time: Option<String>,
    /// `Start` of the `wuauserv` service (2 automatic, 3 manual, 4 disabled).
    pub(crate) wuauserv_start: Option<u32>,
    /// `Start` of the `UsoSvc` service (Update Orchestrator).
    pub(crate) uso_svc_start: Option<u32>,
    /// The restart flags Windows Update and component servicing set, when present, with when
    /// each was last written (`…\WindowsUpdate\Auto Update\RebootRequired`,
    /// `…\Component Based Servicing\RebootPending`).
    pub(crate) reboot_keys: Vec<RebootKey>,
    /// Whether the keys that hold those flags could be read at all.
    pub(crate) reboot_keys_read: bool,
    /// `…\CurrentVersion\Policies\System` `EnableLUA`.
    #[serde(rename = "EnableLUA")]
    pub(crate) enable_lua: Option<u32>,
    /// … `ConsentPromptBehaviorAdmin` (0 never asks … 5 asks for non-Windows programs).
    pub(crate) consent_prompt_behavior_admin: Option<u32>,
    /// … `PromptOnSecureDesktop` (0 = the prompt is not on the dimmed secure desktop).
    pub(crate) prompt_on_secure_desktop: Option<u32>,
    /// … `InactivityTimeoutSecs` (machine inactivity limit: locks the computer).
    pub(crate) inactivity_timeout_secs: Option<u32>,
    /// `HKCU\Control Panel\Desktop` `ScreenSaveActive` (text; the policy value wins).
    pub(crate) screen_save_active: Option<String>,
    /// … `ScreenSaverIsSecure` (text "1": the sign-in screen on resume).
    pub(crate) screen_saver_is_secure: Option<String>,
    /// … `ScreenSaveTimeOut` (text, seconds).
    pub(crate) screen_save_time_out: Option<String>,
    /// … `SCRNSAVE.EXE` (text: the screen saver; empty or absent = none chosen).
    #[serde(rename = "SCRNSAVE.EXE")]
    pub(crate) scrnsave_exe: Option<String>,
    /// `HKLM\…\Winlogon` `AutoAdminLogon` (text "1" = automatic sign-in).
    pub(crate) auto_admin_logon: Option<String>,
    /// Whether `…\Winlogon` holds a `DefaultPassword` value (its content is never read).
    pub(crate) default_password_present: bool,
    /// `HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\{Domain,Private,Public}Profile`
    /// `EnableFirewall`: the organization's setting, which wins over the local one.
    pub(crate) firewall_policy: (Option<u32>, Option<u32>, Option<u32>),
    /// The "require sign-in on wake" power setting set by policy (plugged in, on battery).
    pub(crate) console_lock_policy: (Option<u32>, Option<u32>),
}

/// A restart flag key that exists.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RebootKey {
    /// Which key.
    pub(crate) key: String,
    /// When it was last written (≈ since when the restart has been pending).
    pub(crate) written: Option<DateTime<Utc>>,
}

/// One program from an `…\CurrentVersion\Uninstall\*` key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(crate) struct UninstallEntry {
    /// `DisplayName`.
    pub(crate) display_name: Option<String>,
    /// `Publisher` (self-reported; may be empty).
    pub(crate) publisher: Option<String>,
    /// `SystemComponent` (1 = hidden part of Windows or another program).
    pub(crate) system_component: Option<u32>,
}

/// A row of WMI `root\Microsoft\Windows\Defender` `MSFT_MpComputerStatus`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename = "MSFT_MpComputerStatus", rename_all = "PascalCase", default)]
pub(crate) struct MpComputerStatus {
    /// The anti-malware service runs.
    #[serde(rename = "AMServiceEnabled")]
    pub(crate) am_service_enabled: Option<bool>,
    /// Real-time protection is on.
    pub(crate) real_time_protection_enabled: Option<bool>,
    /// Days since the signatures were updated, as Defender counts.
    pub(crate) antivirus_signature_age: Option<u32>,
    /// When the signatures were last updated (WMI date text, `20240806081500.000000+000`).
    pub(crate) antivirus_signature_last_updated: Option<String>,
    /// `Normal`, `Passive Mode`, `EDR Block Mode`…
    #[serde(rename = "AMRunningMode")]
    pub(crate) am_running_mode: Option<String>,
}

/// A row of WMI `root\SecurityCenter2` `AntiVirusProduct` or `FirewallProduct`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct SecurityProduct {
    /// The product's name.
    pub(crate) display_name: Option<String>,
    /// The state bit field (see [`ProductState`]).
    pub(crate) product_state: Option<u32>,
}

/// A row of WMI `Win32_QuickFixEngineering`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename = "Win32_QuickFixEngineering", default)]
pub(crate) struct QuickFixEngineering {
    /// `KB5040427`.
    #[serde(rename = "HotFixID")]
    pub(crate) hot_fix_id: Option<String>,
    /// `7/10/2024`, `20240710`, or empty.
    #[serde(rename = "InstalledOn")]
    pub(crate) installed_on: Option<String>,
}

/// What the Windows Update Agent (COM `Microsoft.Update.*`) said.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub(crate) struct WindowsUpdate {
    /// `IAutomaticUpdates::ServiceEnabled`: all parts automatic updates need are there.
    pub(crate) service_enabled: Option<bool>,
    /// `IAutomaticUpdatesSettings::NotificationLevel` (0 not configured, 1 off, 2 notify
    /// before download, 3 notify before install, 4 install on a schedule).
    pub(crate) notification_level: Option<i32>,
    /// `IAutomaticUpdatesResults::LastInstallationSuccessDate`.
    pub(crate) last_installation_success: Option<DateTime<Utc>>,
    /// `ISystemInformation::RebootRequired`.
    pub(crate) reboot_required: Option<bool>,
    /// Successful installations from `IUpdateSearcher::QueryHistory` (newest first).
    pub(crate) installed: Vec<DateTime<Utc>>,
}

/// The groups of this process's token, by SID, and its elevation type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub(crate) struct Token {
    /// The SIDs of every group in the token, enabled or "use for deny only" (a UAC-filtered
    /// administrator has Administrators as deny-only).
    pub(crate) groups: Vec<String>,
    /// `TOKEN_ELEVATION_TYPE`: 1 default, 2 full (elevated), 3 limited (an administrator's
    /// filtered token).
    pub(crate) elevation_type: Option<u32>,
    /// The SID of the account this process runs as.
    pub(crate) user_sid: Option<String>,
}

/// A local account from `NetUserEnum` level 20.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub(crate) struct LocalAccount {
    /// Its name (translated for built-in accounts: Guest, Gast, Invité…).
    pub(crate) name: String,
    /// Its relative id (500 the built-in Administrator, 501 the built-in Guest).
    pub(crate) rid: u32,
    /// `UF_*` flags.
    pub(crate) flags: u32,
}

/// `UF_ACCOUNTDISABLE`.
pub(crate) const UF_ACCOUNTDISABLE: u32 = 0x0002;
/// `UF_PASSWD_NOTREQD`: the account may have an empty password.
pub(crate) const UF_PASSWD_NOTREQD: u32 = 0x0020;

/// The power settings of the active power plan (seconds; 0 = never).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub(crate) struct Power {
    /// Sleep after (plugged in, on battery).
    pub(crate) sleep: (Option<u32>, Option<u32>),
    /// "Require a password on wakeup" (plugged in, on battery): 1 yes, 0 no.
    pub(crate) console_lock: (Option<u32>, Option<u32>),
    /// Whether the computer has a battery (`None` when not known).
    pub(crate) battery: Option<bool>,
}

/// Windows Firewall's state for each kind of network (`INetFwPolicy2::FirewallEnabled`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub(crate) struct FirewallProfiles {
    /// Domain networks.
    pub(crate) domain: Option<bool>,
    /// Private networks.
    pub(crate) private: Option<bool>,
    /// Public networks.
    pub(crate) public: Option<bool>,
}

/// The `System.Volume.BitLockerProtection` shell property of the system drive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub(crate) struct BitLocker {
    /// The drive, e.g. `C:`.
    pub(crate) drive: String,
    /// The property's value (`None` when the shell gave none).
    pub(crate) protection: Option<i32>,
}

/// A decoded Security Center `productState`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ProductState {
    /// Protection on (0x1000 in the 0xF000 bits).
    pub(crate) on: bool,
    /// Signatures up to date (0x00F0 bits clear).
    pub(crate) current: bool,
    /// Made by Microsoft (0x100 in the 0x0F00 bits).
    pub(crate) microsoft: bool,
}

/// Decodes a Security Center `productState` number.
pub(crate) fn product_state(state: u32) -> ProductState {
    ProductState {
        on: state & 0xF000 == 0x1000,
        current: state & 0x00F0 == 0,
        microsoft: state & 0x0F00 == 0x100,
    }
}

/// A WMI (CIM) date such as `20240806081500.000000+000` or `20240806081500.000000-300` (the
/// offset is in minutes), in UTC.
pub(crate) fn cim_datetime(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    let local = NaiveDateTime::parse_from_str(text.get(..14)?, "%Y%m%d%H%M%S").ok()?;
    let offset: i64 = text
        .get(21..)
        .filter(|o| !o.is_empty())
        .map_or(Some(0), |o| o.parse().ok())?;
    Some((local - chrono::Duration::minutes(offset)).and_utc())
}

/// An OLE automation date (days since 1899-12-30, the fraction the time of day; Windows Update
/// gives them in UTC) as a time; `None` for zero, negative or absurd values.
pub(crate) fn ole_date(days: f64) -> Option<DateTime<Utc>> {
    if !days.is_finite() || days <= 0.0 || days > 2_958_465.0 {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    #[expect(
        clippy::cast_possible_truncation,
        reason = "range checked above: at most year 9999 in seconds"
    )]
    let secs = (days * 86_400.0).round() as i64;
    Some((epoch + chrono::Duration::seconds(secs)).and_utc())
}

/// `Win32_QuickFixEngineering.InstalledOn`: `7/10/2024` or `20240710` (others, such as the
/// 16-hex-digit form some hotfixes have, are skipped).
pub(crate) fn hotfix_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%m/%d/%Y")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y%m%d"))
        .ok()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn fixture(name: &str) -> String {
        let path = format!(
            "{}/tests/fixtures/windows/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        crate::files::read_text_capped(std::path::Path::new(&path), 1 << 20)
            .unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    pub(crate) fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// Everything the probe layer reads on one computer, as fixtures keep it: each part
    /// `{"Ok": …}` or `{"Err": "why"}`, as the probe layer hands it to the rules.
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct Snapshot {
        pub(crate) registry: Registry,
        pub(crate) build: Fact<u32>,
        pub(crate) defender: Fact<Vec<MpComputerStatus>>,
        pub(crate) antivirus_products: Fact<Vec<SecurityProduct>>,
        pub(crate) firewall_products: Fact<Vec<SecurityProduct>>,
        pub(crate) firewall_profiles: Fact<FirewallProfiles>,
        pub(crate) bitlocker: Fact<BitLocker>,
        pub(crate) hotfixes: Fact<Vec<QuickFixEngineering>>,
        pub(crate) windows_update: Fact<WindowsUpdate>,
        pub(crate) token: Fact<Token>,
        pub(crate) accounts: Fact<Vec<LocalAccount>>,
        pub(crate) current_user: Fact<String>,
        pub(crate) power: Fact<Power>,
    }

    pub(crate) fn snapshot(name: &str) -> Snapshot {
        serde_json::from_str(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    #[test]
    fn regression_under_wine_no_check_passes_without_evidence() {
        let s = snapshot("snapshot_wine.json");
        let now = at("2024-08-08T12:00:00Z");
        let p = crate::checks::Policy::default();
        let facts = updates::facts(&s.registry, &s.windows_update, &s.hotfixes, now);
        let raw = || updates::raw(&s.registry, &s.windows_update, &s.hotfixes);
        let findings = [
            system::os_supported(&s.registry, &s.build, now.date_naive()),
            updates::auto_updates(&facts, raw(), &p, now),
            updates::recent_updates(&facts, raw(), &p, now),
            security::antivirus(None, &s.antivirus_products, &s.defender, &p, now),
            security::firewall(
                &s.firewall_profiles,
                s.registry.firewall_policy,
                &s.firewall_products,
            ),
            security::disk_encryption(&s.bitlocker),
            system::screen_lock(&s.registry, &s.power, &p),
            accounts::standard_user(&s.token),
            accounts::guest_disabled(&s.accounts),
            accounts::sign_in_password(&s.registry, &s.accounts, &s.current_user, &s.token),
            accounts::uac(&s.registry),
        ];
        for f in &findings {
            assert_ne!(
                f.verdict,
                crate::checks::Verdict::Pass,
                "{}: {}",
                f.check,
                f.evidence
            );
        }
    }

    #[test]
    fn product_states_decode() {
        assert_eq!(
            product_state(397_568),
            ProductState {
                on: true,
                current: true,
                microsoft: true
            }
        );
        assert!(!product_state(397_584).current);
        assert!(!product_state(393_472).on);
        assert_eq!(
            product_state(266_240),
            ProductState {
                on: true,
                current: true,
                microsoft: false
            }
        );
    }

    #[test]
    fn wmi_dates_and_hotfix_dates() {
        assert_eq!(
            cim_datetime("20240806081500.000000+000"),
            Some(at("2024-08-06T08:15:00Z"))
        );
        assert_eq!(
            cim_datetime("20240806081500.000000-300"),
            Some(at("2024-08-06T13:15:00Z"))
        );
        assert_eq!(cim_datetime("garbage"), None);
        assert_eq!(cim_datetime(""), None);
        assert_eq!(
            hotfix_date("7/10/2024"),
            NaiveDate::from_ymd_opt(2024, 7, 10)
        );
        assert_eq!(
            hotfix_date("20240710"),
            NaiveDate::from_ymd_opt(2024, 7, 10)
        );
        assert_eq!(hotfix_date("01cc2ba8a0f8f5d6"), None);
        assert_eq!(ole_date(45_512.5), Some(at("2024-08-08T12:00:00Z")));
        assert_eq!(ole_date(0.0), None);
        assert_eq!(ole_date(f64::NAN), None);
    }

    #[test]
    fn wmi_rows_deserialize_by_their_wmi_names() {
        let rows: Vec<MpComputerStatus> =
            serde_json::from_str(&fixture("wmi_mpcomputerstatus.json")).unwrap();
        assert_eq!(rows[0].real_time_protection_enabled, Some(true));
        assert_eq!(rows[0].am_running_mode.as_deref(), Some("Normal"));
        let rows: Vec<SecurityProduct> =
            serde_json::from_str(&fixture("wmi_antivirusproduct_two.json")).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].product_state, Some(266_240));
        let rows: Vec<QuickFixEngineering> =
            serde_json::from_str(&fixture("wmi_quickfixengineering.json")).unwrap();
        assert!(
            rows.iter()
                .any(|r| r.hot_fix_id.as_deref() == Some("KB5040427"))
        );
    }
}
