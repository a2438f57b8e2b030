//! Windows: pure parsers and rules. The probe layer reads registry values natively into
//! [`Registry`] and runs ONE PowerShell script ([`PROBE_SCRIPT`]) whose JSON becomes [`PsProbe`];
//! everything here is pure and tested on every OS with fixtures. Only SIDs, numbers, registry
//! values and JSON are parsed, never translated text.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use serde_json::Value;

use super::eol::{self, Table};
use super::rules::{Probe, RawLog, days_ago, finding, judge_programs, unknown};
use super::{CheckId, Finding, Os, Policy, Verdict};

const OS: Os = Os::Windows;

/// The fixed PowerShell script run once per check run (no user data is ever put into it).
/// Each section is isolated: a failure gives `{"error": "..."}` in its place.
pub const PROBE_SCRIPT: &str = r#"
$ErrorActionPreference = 'Stop'
try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false } catch { }
$r = [ordered]@{}
$r.languageMode = [string]$ExecutionContext.SessionState.LanguageMode
function Get-Part([scriptblock]$b) { try { & $b } catch { @{ error = $_.Exception.Message } } }
function Iso($d) { if ($d) { ([datetime]$d).ToUniversalTime().ToString('o') } else { $null } }
$r.av = Get-Part { @(Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct -OperationTimeoutSec 5 | ForEach-Object { [ordered]@{ displayName = $_.displayName; productState = [int64]$_.productState } }) }
$r.fwProducts = Get-Part { @(Get-CimInstance -Namespace root/SecurityCenter2 -ClassName FirewallProduct -OperationTimeoutSec 5 | ForEach-Object { [ordered]@{ displayName = $_.displayName; productState = [int64]$_.productState } }) }
$r.mp = Get-Part { $m = Get-MpComputerStatus; [ordered]@{ AMServiceEnabled = $m.AMServiceEnabled; RealTimeProtectionEnabled = $m.RealTimeProtectionEnabled; AntivirusSignatureAge = $m.AntivirusSignatureAge; AntivirusSignatureLastUpdated = (Iso $m.AntivirusSignatureLastUpdated) } }
$r.fw = Get-Part { @(Get-NetFirewallProfile -PolicyStore ActiveStore | ForEach-Object { [ordered]@{ Name = [string]$_.Name; Enabled = [string]$_.Enabled } }) }
$r.systemDrive = $env:SystemDrive
$r.bitlocker = Get-Part { $s = New-Object -ComObject Shell.Application; @(Get-CimInstance Win32_LogicalDisk -Filter 'DriveType=3' | ForEach-Object { [ordered]@{ drive = $_.DeviceID; value = $s.NameSpace($_.DeviceID + '\').Self.ExtendedProperty('System.Volume.BitLockerProtection') } }) }
$r.hotfix = Get-Part { @(Get-CimInstance Win32_QuickFixEngineering | ForEach-Object { [ordered]@{ HotFixID = $_.HotFixID; InstalledOn = [string]$_.InstalledOn } }) }
$r.au = Get-Part { $a = New-Object -ComObject Microsoft.Update.AutoUpdate; [ordered]@{ NotificationLevel = $a.Settings.NotificationLevel; LastInstall = (Iso $a.Results.LastInstallationSuccessDate) } }
$r.rebootRequired = Get-Part { (New-Object -ComObject Microsoft.Update.SystemInfo).RebootRequired }
$r.guest = Get-Part { @(Get-CimInstance Win32_UserAccount -Filter 'LocalAccount=TRUE' -OperationTimeoutSec 5 | Where-Object { $_.SID -like '*-501' } | ForEach-Object { [ordered]@{ SID = $_.SID; Disabled = $_.Disabled } }) }
$r.groups = Get-Part { (& "$env:SystemRoot\System32\whoami.exe" /groups /fo csv /nh) -join "`n" }
$r.powercfg = Get-Part { (& "$env:SystemRoot\System32\powercfg.exe" /query SCHEME_CURRENT SUB_VIDEO VIDEOIDLE) -join "`n" }
$r | ConvertTo-Json -Depth 5 -Compress
"#;

/// The script for `powershell.exe -EncodedCommand`: UTF-16LE, base64. Passing it encoded keeps
/// its quotes and line breaks away from Windows command-line quoting.
pub fn encoded_script() -> String {
    let bytes: Vec<u8> = PROBE_SCRIPT
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    base64(&bytes)
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Registry values read natively (absent values are `None`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Registry {
    /// `HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion` `CurrentBuild`.
    pub current_build: Option<String>,
    /// … `UBR` (cumulative update level).
    #[serde(rename = "UBR")]
    pub ubr: Option<u32>,
    /// … `DisplayVersion` (e.g. `22H2`).
    pub display_version: Option<String>,
    /// … `EditionID` (e.g. `Professional`, `Enterprise`, `EnterpriseS`).
    #[serde(rename = "EditionID")]
    pub edition_id: Option<String>,
    /// `…\Policies\Microsoft\Windows\WindowsUpdate\AU` `NoAutoUpdate`.
    pub no_auto_update: Option<u32>,
    /// … `AUOptions`.
    pub au_options: Option<u32>,
    /// … `UseWUServer` (WSUS).
    pub use_wu_server: Option<u32>,
    /// `HKLM\SOFTWARE\Microsoft\WindowsUpdate\UX\Settings` `PauseUpdatesExpiryTime` (ISO text).
    pub pause_updates_expiry_time: Option<String>,
    /// `Start` of the `wuauserv` service (4 = disabled).
    pub wuauserv_start: Option<u32>,
    /// `Start` of the `UsoSvc` service (4 = disabled).
    pub uso_svc_start: Option<u32>,
    /// Whether `…\WindowsUpdate\Auto Update\RebootRequired` or `…\Component Based
    /// Servicing\RebootPending` exists.
    pub reboot_pending_key: bool,
    /// `…\CurrentVersion\Policies\System` `EnableLUA`.
    #[serde(rename = "EnableLUA")]
    pub enable_lua: Option<u32>,
    /// … `ConsentPromptBehaviorAdmin`.
    pub consent_prompt_behavior_admin: Option<u32>,
    /// … `InactivityTimeoutSecs` (machine inactivity limit: locks the computer).
    pub inactivity_timeout_secs: Option<u32>,
    /// `HKCU\Control Panel\Desktop` `ScreenSaveActive` (text "1"/"0"; the policy value wins).
    pub screen_save_active: Option<String>,
    /// … `ScreenSaverIsSecure` (text).
    pub screen_saver_is_secure: Option<String>,
    /// … `ScreenSaveTimeOut` (text, seconds).
    pub screen_save_time_out: Option<String>,
    /// `HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon` `AutoAdminLogon` (text).
    pub auto_admin_logon: Option<String>,
    /// Installed programs from the Uninstall keys (HKLM 64/32-bit and HKCU).
    pub uninstall: Vec<UninstallEntry>,
}

/// One program from an `…\CurrentVersion\Uninstall\*` key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct UninstallEntry {
    /// `DisplayName`.
    pub display_name: Option<String>,
    /// `Publisher` (self-reported; may be empty).
    pub publisher: Option<String>,
    /// `SystemComponent` (1 = hidden part of Windows or another program).
    pub system_component: Option<u32>,
}

/// The parsed JSON of the PowerShell probe. Each part is the JSON value (or `{"error": …}`).
#[derive(Debug, Clone, PartialEq)]
pub struct PsProbe(Value);

impl PsProbe {
    /// Parses the probe's output; garbage or Constrained Language Mode gives the reason.
    pub fn parse(text: &str) -> Result<Self, String> {
        let start = text.find('{').ok_or_else(|| {
            format!(
                "PowerShell printed no result{}",
                first_line(text).map_or_else(String::new, |l| format!(" ({l})"))
            )
        })?;
        let value: Value = serde_json::from_str(text[start..].trim())
            .map_err(|e| format!("PowerShell's answer was not understood ({e})"))?;
        if !value.is_object() {
            return Err("PowerShell's answer was not understood (not an object)".to_owned());
        }
        if let Some(mode) = value.get("languageMode").and_then(Value::as_str)
            && mode != "FullLanguage"
        {
            return Err(format!(
                "PowerShell runs in {mode} here (set by your IT), which blocks the checks' queries"
            ));
        }
        Ok(Self(value))
    }

    /// One part; `Err` with its error text when that part failed or is missing.
    fn part(&self, name: &str) -> Result<&Value, String> {
        match self.0.get(name) {
            None | Some(Value::Null) => Err(format!("no answer for {name}")),
            Some(v) => match v.get("error").and_then(Value::as_str) {
                Some(e) => Err(e.to_owned()),
                None => Ok(v),
            },
        }
    }

    /// A part as a list (PowerShell 5.1 prints a single result as an object, not an array).
    fn list(&self, name: &str) -> Result<Vec<&Value>, String> {
        Ok(match self.part(name)? {
            Value::Array(a) => a.iter().collect(),
            v => vec![v],
        })
    }
}

fn first_line(text: &str) -> Option<&str> {
    text.lines().map(str::trim).find(|l| !l.is_empty())
}

/// A date as PowerShell prints it: ISO-8601, or 5.1's `/Date(ms)/`.
pub fn ps_date(v: &Value) -> Option<DateTime<Utc>> {
    let s = v.as_str()?;
    if let Some(ms) = s
        .strip_prefix("/Date(")
        .or_else(|| s.strip_prefix("\\/Date("))
        .and_then(|r| r.split(')').next())
    {
        return ms
            .parse::<i64>()
            .ok()
            .and_then(DateTime::from_timestamp_millis);
    }
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

fn ps_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        Value::Number(n) => n.as_i64().map(|n| n != 0),
        _ => None,
    }
}

/// The PowerShell probe's outcome as the checks see it.
pub type Ps<'a> = Result<&'a PsProbe, &'a str>;

fn raw_with(reg: &Registry, ps: Ps<'_>, parts: &[&str]) -> RawLog {
    let mut raw = RawLog::new();
    raw.add("registry", &Ok(format!("{reg:?}")));
    for part in parts {
        let p: Probe = match ps {
            Ok(ps) => Ok(ps
                .0
                .get(*part)
                .map_or_else(|| "null".to_owned(), Value::to_string)),
            Err(e) => Err(e.to_owned()),
        };
        raw.add(&format!("powershell probe: {part}"), &p);
    }
    raw
}

/// The support track of an `EditionID`.
pub fn edition_track(edition: &str) -> &'static str {
    let e = edition.to_ascii_lowercase();
    if e.ends_with("enterprises") || e.contains("ltsc") || e == "iotenterprises" {
        "windows-ltsc"
    } else if e.starts_with("enterprise")
        || e.starts_with("education")
        || e.starts_with("iotenterprise")
    {
        "windows-enterprise"
    } else {
        "windows-home-pro"
    }
}

/// `os-supported` on Windows: build and edition against the table.
pub fn os_supported(reg: &Registry, today: NaiveDate) -> Finding {
    let check = CheckId::OsSupported;
    let raw = raw_with(reg, Err("not used"), &[]);
    let (Some(build), Some(table)) = (reg.current_build.as_deref(), Table::shipped()) else {
        return unknown(check, OS, "The Windows build number could not be read", raw);
    };
    let Ok(number) = build.parse::<u32>() else {
        return unknown(
            check,
            OS,
            format!("The Windows build number {build:?} was not understood"),
            raw,
        );
    };
    let edition = reg.edition_id.as_deref().unwrap_or("");
    let family = if number >= 22000 {
        "Windows 11"
    } else {
        "Windows 10"
    };
    let shown = format!(
        "{family} {} ({edition}, build {build}.{})",
        reg.display_version.as_deref().unwrap_or(""),
        reg.ubr.unwrap_or(0)
    );
    let (verdict, mut text) = eol::judge(
        table,
        table.find(edition_track(edition), build),
        &shown,
        today,
    );
    if verdict == Verdict::Warn && text.contains("ESU") {
        text.push_str("; whether this computer is enrolled in Extended Security Updates cannot be seen without administrator rights");
    }
    finding(check, OS, verdict, text, raw)
}

/// `auto-updates` on Windows.
pub fn auto_updates(reg: &Registry, now: DateTime<Utc>) -> Finding {
    let check = CheckId::AutoUpdates;
    let raw = raw_with(reg, Err("not used"), &[]);
    let wsus = if reg.use_wu_server == Some(1) {
        " (managed by your organization's update server)"
    } else {
        ""
    };
    if reg.no_auto_update == Some(1) {
        return finding(
            check,
            OS,
            Verdict::Fail,
            "Automatic updates are turned off by a policy (NoAutoUpdate=1)",
            raw,
        );
    }
    for (name, start) in [
        ("Windows Update", reg.wuauserv_start),
        ("Update Orchestrator", reg.uso_svc_start),
    ] {
        if start == Some(4) {
            return finding(
                check,
                OS,
                Verdict::Fail,
                format!("The {name} service is disabled, so no updates are installed"),
                raw,
            );
        }
    }
    if let Some(until) = reg.pause_updates_expiry_time.as_deref() {
        match DateTime::parse_from_rfc3339(until) {
            Ok(t) if t > now => {
                return finding(
                    check,
                    OS,
                    Verdict::Warn,
                    format!("Updates are paused until {}", t.format("%B %-d, %Y")),
                    raw,
                );
            }
            Ok(_) => {}
            Err(_) => {
                return unknown(
                    check,
                    OS,
                    format!("The update pause date {until:?} was not understood"),
                    raw,
                );
            }
        }
    }
    match reg.au_options {
        Some(2 | 3) => finding(
            check,
            OS,
            Verdict::Warn,
            format!(
                "Windows only tells about updates and waits for someone to install them (AUOptions={}){wsus}",
                reg.au_options.unwrap_or(0)
            ),
            raw,
        ),
        _ => finding(
            check,
            OS,
            Verdict::Pass,
            format!("Windows installs updates automatically{wsus}"),
            raw,
        ),
    }
}

/// Parses `Win32_QuickFixEngineering.InstalledOn` (`7/10/2024` or `20240710`; others skipped).
pub fn hotfix_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%m/%d/%Y")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y%m%d"))
        .ok()
}

/// `recent-updates` on Windows.
pub fn recent_updates(reg: &Registry, ps: Ps<'_>, policy: &Policy, now: DateTime<Utc>) -> Finding {
    let check = CheckId::RecentUpdates;
    let raw = raw_with(reg, ps, &["au", "hotfix", "rebootRequired"]);
    let ps = match ps {
        Ok(p) => p,
        Err(e) => {
            return unknown(
                check,
                OS,
                format!("The update history could not be read: {e}"),
                raw,
            );
        }
    };
    let from_au = ps
        .part("au")
        .ok()
        .and_then(|a| a.get("LastInstall"))
        .and_then(ps_date);
    let from_hotfix = ps
        .list("hotfix")
        .ok()
        .and_then(|l| {
            l.iter()
                .filter_map(|h| h.get("InstalledOn")?.as_str().and_then(hotfix_date))
                .max()
        })
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc());
    let Some(last) = from_au.into_iter().chain(from_hotfix).max() else {
        return unknown(
            check,
            OS,
            "When updates were last installed could not be read",
            raw,
        );
    };
    let age = (now - last).num_days();
    let mut text = format!("Last update installed {}", days_ago(age));
    let mut verdict = if age > i64::from(policy.last_update_max_days) {
        text.push_str(&format!(
            " (more than {} days)",
            policy.last_update_max_days
        ));
        Verdict::Fail
    } else {
        Verdict::Pass
    };
    let pending =
        reg.reboot_pending_key || ps.part("rebootRequired").ok().and_then(ps_bool) == Some(true);
    if pending {
        text.push_str("; a restart is pending to finish installing updates");
        if verdict == Verdict::Pass {
            verdict = Verdict::Warn;
        }
    } else {
        text.push_str("; no restart pending");
    }
    finding(check, OS, verdict, text, raw)
}

/// A decoded Security Center `productState`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProductState {
    /// Real-time protection on (0x1000 in the 0xF000 bits).
    pub on: bool,
    /// Signatures up to date (0x00F0 bits clear).
    pub current: bool,
    /// Made by Microsoft (0x100 in the 0x0F00 bits).
    pub microsoft: bool,
}

/// Decodes a Security Center `productState` number.
pub fn product_state(state: i64) -> ProductState {
    ProductState {
        on: state & 0xF000 == 0x1000,
        current: state & 0x00F0 == 0,
        microsoft: state & 0x0F00 == 0x100,
    }
}

/// `antivirus` on Windows: Security Center products, Defender's own status for its signature age.
#[allow(clippy::too_many_lines)] // One rule read top to bottom; every branch is one verdict with its words.
pub fn antivirus(ps: Ps<'_>, policy: &Policy, now: DateTime<Utc>) -> Finding {
    let check = CheckId::Antivirus;
    let raw = raw_with(&Registry::default(), ps, &["av", "mp"]);
    let ps = match ps {
        Ok(p) => p,
        Err(e) => {
            return unknown(
                check,
                OS,
                format!("The anti-virus status could not be read: {e}"),
                raw,
            );
        }
    };
    let max = i64::from(policy.antivirus_signature_max_days);
    // Defender's own numbers, when it is the active anti-virus.
    let mp = ps.part("mp").ok();
    let mp_age = mp.and_then(|m| {
        m.get("AntivirusSignatureAge")
            .and_then(Value::as_i64)
            .or_else(|| {
                m.get("AntivirusSignatureLastUpdated")
                    .and_then(ps_date)
                    .map(|d| (now - d).num_days())
            })
    });
    let mp_realtime = mp
        .and_then(|m| m.get("RealTimeProtectionEnabled"))
        .and_then(ps_bool);
    let products: Vec<(String, ProductState)> = ps
        .list("av")
        .unwrap_or_default()
        .iter()
        .filter_map(|p| {
            let name = p.get("displayName")?.as_str()?.to_owned();
            Some((name, product_state(p.get("productState")?.as_i64()?)))
        })
        .collect();
    if products.is_empty() {
        // No Security Center (Windows Server): Defender's status alone.
        return match (mp_realtime, mp_age) {
            (Some(true), Some(age)) if age <= max => finding(
                check,
                OS,
                Verdict::Pass,
                format!(
                    "Microsoft Defender: real-time protection on; signatures updated {}",
                    days_ago(age)
                ),
                raw,
            ),
            (Some(true), Some(age)) => finding(
                check,
                OS,
                Verdict::Fail,
                format!(
                    "Microsoft Defender: signatures are out of date (updated {}; limit {max} days)",
                    days_ago(age)
                ),
                raw,
            ),
            (Some(false), _) => finding(
                check,
                OS,
                Verdict::Fail,
                "Microsoft Defender: real-time protection is off, and no other anti-virus is registered",
                raw,
            ),
            _ => unknown(
                check,
                OS,
                format!(
                    "No anti-virus is registered with Windows Security Center, and Defender's status could not be read ({})",
                    ps.part("mp").err().unwrap_or_default()
                ),
                raw,
            ),
        };
    }
    let describe = |(name, s): &(String, ProductState)| {
        format!(
            "{name}: {}{}",
            if s.on {
                "real-time protection on"
            } else {
                "off"
            },
            if s.on {
                if s.current {
                    "; signatures current"
                } else {
                    "; signatures out of date"
                }
            } else {
                ""
            }
        )
    };
    let active: Vec<&(String, ProductState)> = products.iter().filter(|(_, s)| s.on).collect();
    let others_off: Vec<String> = products
        .iter()
        .filter(|(_, s)| !s.on)
        .map(|(n, _)| format!("{n} off"))
        .collect();
    let note = if !active.is_empty() && !others_off.is_empty() {
        format!(
            " ({} because another anti-virus is active)",
            others_off.join(", ")
        )
    } else {
        String::new()
    };
    if let Some(good) = active.iter().find(|(_, s)| s.current) {
        let (name, s) = good;
        if s.microsoft
            && let Some(age) = mp_age
        {
            if age > max {
                return finding(
                    check,
                    OS,
                    Verdict::Fail,
                    format!(
                        "{name}: real-time protection on, but signatures updated {} (limit {max} days){note}",
                        days_ago(age)
                    ),
                    raw,
                );
            }
            return finding(
                check,
                OS,
                Verdict::Pass,
                format!(
                    "{name}: real-time protection on; signatures updated {}{note}",
                    days_ago(age)
                ),
                raw,
            );
        }
        return finding(
            check,
            OS,
            Verdict::Pass,
            format!("{}{note}", describe(good)),
            raw,
        );
    }
    if let Some(stale) = active.first() {
        return finding(check, OS, Verdict::Fail, describe(stale), raw);
    }
    finding(
        check,
        OS,
        Verdict::Fail,
        format!(
            "No anti-virus has real-time protection on: {}",
            products.iter().map(describe).collect::<Vec<_>>().join("; ")
        ),
        raw,
    )
}

/// `firewall` on Windows: the three profiles, or a third-party firewall registered as on.
pub fn firewall(ps: Ps<'_>) -> Finding {
    let check = CheckId::Firewall;
    let raw = raw_with(&Registry::default(), ps, &["fw", "fwProducts"]);
    let ps = match ps {
        Ok(p) => p,
        Err(e) => {
            return unknown(
                check,
                OS,
                format!("The firewall status could not be read: {e}"),
                raw,
            );
        }
    };
    let third_party: Vec<String> = ps
        .list("fwProducts")
        .unwrap_or_default()
        .iter()
        .filter_map(|p| {
            let name = p.get("displayName")?.as_str()?;
            product_state(p.get("productState")?.as_i64()?)
                .on
                .then(|| name.to_owned())
        })
        .collect();
    let profiles = match ps.list("fw") {
        Ok(p) => p,
        Err(e) if third_party.is_empty() => {
            return unknown(
                check,
                OS,
                format!("The firewall profiles could not be read: {e}"),
                raw,
            );
        }
        Err(_) => Vec::new(),
    };
    let mut off = Vec::new();
    let mut on = Vec::new();
    for p in &profiles {
        let name = p
            .get("Name")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_owned();
        match p.get("Enabled").and_then(ps_bool) {
            Some(true) => on.push(name),
            Some(false) => off.push(name),
            None => {
                return unknown(
                    check,
                    OS,
                    format!("The state of the {name} firewall profile was not understood"),
                    raw,
                );
            }
        }
    }
    if off.is_empty() && !on.is_empty() {
        finding(
            check,
            OS,
            Verdict::Pass,
            format!("Windows Firewall is on for {} networks", on.join(", ")),
            raw,
        )
    } else if !third_party.is_empty() {
        finding(
            check,
            OS,
            Verdict::Pass,
            format!(
                "{} is on (Windows Firewall is off for {} because of it)",
                third_party.join(", "),
                if off.is_empty() {
                    "-".to_owned()
                } else {
                    off.join(", ")
                }
            ),
            raw,
        )
    } else if off.is_empty() {
        unknown(check, OS, "No firewall profile was listed", raw)
    } else {
        finding(
            check,
            OS,
            Verdict::Fail,
            format!("Windows Firewall is off for {} networks", off.join(", ")),
            raw,
        )
    }
}

/// `disk-encryption` on Windows: BitLocker on the system drive (shell property; no admin).
pub fn disk_encryption(ps: Ps<'_>) -> Finding {
    let check = CheckId::DiskEncryption;
    let raw = raw_with(&Registry::default(), ps, &["systemDrive", "bitlocker"]);
    let ps = match ps {
        Ok(p) => p,
        Err(e) => {
            return unknown(
                check,
                OS,
                format!("The BitLocker status could not be read: {e}"),
                raw,
            );
        }
    };
    let system =
        ps.0.get("systemDrive")
            .and_then(Value::as_str)
            .unwrap_or("C:")
            .to_ascii_uppercase();
    let drives = match ps.list("bitlocker") {
        Ok(d) => d,
        Err(e) => {
            return unknown(
                check,
                OS,
                format!("The BitLocker status could not be read: {e}"),
                raw,
            );
        }
    };
    let Some(drive) = drives.iter().find(|d| {
        d.get("drive")
            .and_then(Value::as_str)
            .is_some_and(|n| n.eq_ignore_ascii_case(&system))
    }) else {
        return unknown(
            check,
            OS,
            format!("The system drive {system} was not among the drives listed"),
            raw,
        );
    };
    let value = drive
        .get("value")
        .and_then(|v| v.as_i64().or_else(|| v.as_str()?.trim().parse().ok()));
    let (verdict, state) = match value {
        Some(1 | 6) => (Verdict::Pass, "on"),
        Some(3) => (Verdict::Warn, "being encrypted now"),
        Some(5) => (Verdict::Warn, "suspended"),
        Some(2) => (Verdict::Fail, "off"),
        Some(4) => (Verdict::Fail, "being decrypted"),
        Some(8) => (Verdict::Fail, "waiting for activation (not protecting yet)"),
        _ => {
            return unknown(
                check,
                OS,
                format!("BitLocker's state of {system} ({value:?}) was not understood"),
                raw,
            );
        }
    };
    finding(
        check,
        OS,
        verdict,
        format!("BitLocker on the system drive {system}: {state}"),
        raw,
    )
}

/// The display-off times (AC, DC) in seconds from `powercfg /query … VIDEOIDLE`: the last two
/// hex numbers, whatever the language of the labels.
pub fn powercfg_ac_dc(text: &str) -> Option<(u32, u32)> {
    let hex: Vec<u32> = text
        .split_whitespace()
        .filter_map(|w| w.strip_prefix("0x"))
        .filter_map(|h| u32::from_str_radix(h, 16).ok())
        .collect();
    match hex.as_slice() {
        [.., ac, dc] if hex.len() >= 2 => Some((*ac, *dc)),
        _ => None,
    }
}

/// `screen-lock` on Windows: machine inactivity limit, or a password-protected screen saver.
pub fn screen_lock(reg: &Registry, ps: Ps<'_>, policy: &Policy) -> Finding {
    let check = CheckId::ScreenLock;
    let raw = raw_with(reg, ps, &["powercfg"]);
    let max = policy.screen_lock_max_seconds;
    let mins = |s: u32| {
        if s.is_multiple_of(60) {
            format!("{} minutes", s / 60)
        } else {
            format!("{s} seconds")
        }
    };
    if let Some(secs) = reg
        .inactivity_timeout_secs
        .filter(|s| (1..=max).contains(s))
    {
        return finding(
            check,
            OS,
            Verdict::Pass,
            format!(
                "Windows locks after {} of inactivity (machine policy)",
                mins(secs)
            ),
            raw,
        );
    }
    let active = reg.screen_save_active.as_deref().map(str::trim) == Some("1");
    let secure = reg.screen_saver_is_secure.as_deref().map(str::trim) == Some("1");
    let timeout: Option<u32> = reg
        .screen_save_time_out
        .as_deref()
        .and_then(|t| t.trim().parse().ok());
    let display = match ps {
        Ok(p) => p
            .part("powercfg")
            .ok()
            .and_then(Value::as_str)
            .and_then(powercfg_ac_dc),
        Err(_) => None,
    };
    let display_note = display.map_or_else(String::new, |(ac, dc)| {
        let t = |s: u32| if s == 0 { "never".to_owned() } else { mins(s) };
        format!(
            "; the display turns off after {} plugged in, {} on battery (that alone does not lock)",
            t(ac),
            t(dc)
        )
    });
    match (active, secure, timeout) {
        (true, true, Some(t)) if (1..=max).contains(&t) => finding(
            check,
            OS,
            Verdict::Pass,
            format!(
                "The screen saver starts after {} and asks for the password",
                mins(t)
            ),
            raw,
        ),
        (true, true, Some(t)) => finding(
            check,
            OS,
            Verdict::Fail,
            format!(
                "The screen saver asks for the password but starts only after {} (limit {}){display_note}",
                mins(t),
                mins(max)
            ),
            raw,
        ),
        (true, false, _) => finding(
            check,
            OS,
            Verdict::Fail,
            format!("The screen saver does not ask for the password on resume{display_note}"),
            raw,
        ),
        _ => finding(
            check,
            OS,
            Verdict::Fail,
            format!("No screen saver with password and no inactivity lock is set{display_note}"),
            raw,
        ),
    }
}

/// The SIDs in `whoami /groups /fo csv /nh` output (the third column; names are translated,
/// SIDs are not).
pub fn whoami_sids(csv: &str) -> Vec<String> {
    csv.lines()
        .filter_map(|l| l.split("\",\"").nth(2))
        .map(|s| s.trim_matches('"').to_owned())
        .filter(|s| s.starts_with("S-1-"))
        .collect()
}

/// SID of the built-in Administrators group.
const ADMINISTRATORS: &str = "S-1-5-32-544";
/// SID of the high integrity level (running elevated).
const HIGH_INTEGRITY: &str = "S-1-16-12288";

/// `standard-user` on Windows: membership of Administrators, by SID.
pub fn standard_user(ps: Ps<'_>) -> Finding {
    let check = CheckId::StandardUser;
    let raw = raw_with(&Registry::default(), ps, &["groups"]);
    let groups = match ps.map_err(str::to_owned).and_then(|p| {
        p.part("groups")
            .map(|g| g.as_str().unwrap_or("").to_owned())
    }) {
        Ok(g) => g,
        Err(e) => {
            return unknown(
                check,
                OS,
                format!("This account's groups could not be read: {e}"),
                raw,
            );
        }
    };
    let sids = whoami_sids(&groups);
    if sids.is_empty() {
        return unknown(check, OS, "whoami's list of groups was not understood", raw);
    }
    if sids.iter().any(|s| s == ADMINISTRATORS) {
        let elevated = if sids.iter().any(|s| s == HIGH_INTEGRITY) {
            " and clerkcheck runs elevated right now"
        } else {
            ""
        };
        finding(
            check,
            OS,
            Verdict::Fail,
            format!(
                "This account is an administrator (member of Administrators, {ADMINISTRATORS}){elevated}; on Windows an administrator only has to click Yes to change the system"
            ),
            raw,
        )
    } else {
        finding(
            check,
            OS,
            Verdict::Pass,
            "This account is a standard user (not in Administrators)",
            raw,
        )
    }
}

/// `guest-disabled` on Windows: the local account whose SID ends in -501.
pub fn guest_disabled(ps: Ps<'_>) -> Finding {
    let check = CheckId::GuestDisabled;
    let raw = raw_with(&Registry::default(), ps, &["guest"]);
    let list = match ps.map_err(str::to_owned).and_then(|p| {
        p.list("guest")
            .map(|l| l.into_iter().cloned().collect::<Vec<_>>())
    }) {
        Ok(l) => l,
        Err(e) => {
            return unknown(
                check,
                OS,
                format!("The guest account could not be read: {e}"),
                raw,
            );
        }
    };
    let guests: Vec<&Value> = list
        .iter()
        .filter(|g| {
            g.get("SID")
                .and_then(Value::as_str)
                .is_some_and(|s| s.ends_with("-501"))
        })
        .collect();
    if guests.is_empty() {
        return finding(
            check,
            OS,
            Verdict::Pass,
            "There is no local guest account",
            raw,
        );
    }
    match guests
        .iter()
        .map(|g| g.get("Disabled").and_then(ps_bool))
        .collect::<Option<Vec<bool>>>()
    {
        Some(d) if d.iter().all(|x| *x) => finding(
            check,
            OS,
            Verdict::Pass,
            "The built-in guest account is disabled",
            raw,
        ),
        Some(_) => finding(
            check,
            OS,
            Verdict::Fail,
            "The built-in guest account is enabled",
            raw,
        ),
        None => unknown(
            check,
            OS,
            "Whether the guest account is disabled was not understood",
            raw,
        ),
    }
}

/// `untrusted-programs` on Windows: installed programs from the registry.
pub fn untrusted_programs(reg: &Registry, policy: &Policy) -> Finding {
    let check = CheckId::UntrustedPrograms;
    let mut raw = RawLog::new();
    let shown: Vec<&UninstallEntry> = reg
        .uninstall
        .iter()
        .filter(|e| {
            e.system_component != Some(1)
                && e.display_name
                    .as_deref()
                    .is_some_and(|n| !n.trim().is_empty())
        })
        .collect();
    raw.add(
        "registry Uninstall keys",
        &Ok(shown
            .iter()
            .map(|e| {
                format!(
                    "{} | {}",
                    e.display_name.as_deref().unwrap_or(""),
                    e.publisher.as_deref().unwrap_or("(no publisher)")
                )
            })
            .collect::<Vec<_>>()
            .join("\n")),
    );
    if shown.is_empty() {
        return unknown(
            check,
            OS,
            "No installed programs could be read from the registry",
            raw,
        );
    }
    let names = shown.iter().filter_map(|e| e.display_name.as_deref());
    let no_publisher: Vec<String> = shown
        .iter()
        .filter(|e| e.publisher.as_deref().is_none_or(|p| p.trim().is_empty()))
        .filter_map(|e| e.display_name.clone())
        .collect();
    let (verdict, text) = judge_programs(
        names,
        &no_publisher,
        policy,
        &format!("{} installed programs", shown.len()),
    );
    finding(check, OS, verdict, text, raw)
}

/// `sign-in-password` on Windows: automatic logon.
pub fn sign_in_password(reg: &Registry) -> Finding {
    let raw = raw_with(reg, Err("not used"), &[]);
    if reg.auto_admin_logon.as_deref().map(str::trim) == Some("1") {
        finding(
            CheckId::SignInPassword,
            OS,
            Verdict::Fail,
            "Windows signs in automatically without a password (AutoAdminLogon=1)",
            raw,
        )
    } else {
        finding(
            CheckId::SignInPassword,
            OS,
            Verdict::Pass,
            "Automatic sign-in is off: Windows asks for a password or PIN",
            raw,
        )
    }
}

/// `uac` on Windows.
pub fn uac(reg: &Registry) -> Finding {
    let check = CheckId::Uac;
    let raw = raw_with(reg, Err("not used"), &[]);
    match (reg.enable_lua, reg.consent_prompt_behavior_admin) {
        (Some(0), _) => finding(
            check,
            OS,
            Verdict::Fail,
            "User Account Control is off (EnableLUA=0)",
            raw,
        ),
        (_, Some(0)) => finding(
            check,
            OS,
            Verdict::Warn,
            "User Account Control is on but never asks administrators (ConsentPromptBehaviorAdmin=0)",
            raw,
        ),
        (None, _) => unknown(
            check,
            OS,
            "The User Account Control setting could not be read",
            raw,
        ),
        _ => finding(
            check,
            OS,
            Verdict::Pass,
            "User Account Control is on and asks before changes",
            raw,
        ),
    }
}

#[cfg(test)]
// Tests fail loudly on purpose: unwrap is the assertion.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        let path = format!(
            "{}/tests/fixtures/windows/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn probe(name: &str) -> PsProbe {
        PsProbe::parse(&fixture(name)).unwrap()
    }

    fn registry(name: &str) -> Registry {
        serde_json::from_str(&fixture(name)).unwrap()
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_script_is_base64_utf16() {
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
        // "a" in UTF-16LE is 61 00.
        assert_eq!(base64(&[0x61, 0x00]), "YQA=");
        assert!(encoded_script().len() > PROBE_SCRIPT.len() * 2);
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
    fn defender_off_because_another_av_is_primary_passes() {
        let p = probe("ps_probe_eset_primary.json");
        let f = antivirus(Ok(&p), &Policy::default(), at("2024-08-07T00:00:00Z"));
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        assert!(
            f.evidence
                .contains("ESET Security: real-time protection on"),
            "{}",
            f.evidence
        );
        assert!(
            f.evidence
                .contains("Windows Defender off because another anti-virus is active"),
            "{}",
            f.evidence
        );
    }

    #[test]
    fn defender_with_current_and_old_signatures() {
        let p = probe("ps_probe_defender_home.json");
        let f = antivirus(Ok(&p), &Policy::default(), at("2024-08-06T12:00:00Z"));
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        assert!(
            f.evidence.contains("signatures updated 1 day ago"),
            "{}",
            f.evidence
        );
        let p = probe("ps_probe_signatures_out_of_date.json");
        let f = antivirus(Ok(&p), &Policy::default(), at("2024-08-02T00:00:00Z"));
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        assert!(f.evidence.contains("out of date"), "{}", f.evidence);
    }

    #[test]
    fn powershell_5_dates() {
        let v =
            serde_json::from_str::<Value>(&fixture("mpcomputerstatus_ps51_rawdate.json")).unwrap();
        let d = ps_date(&v["AntivirusSignatureLastUpdated"]).unwrap();
        assert_eq!(d.to_rfc3339(), "2024-07-09T08:07:14+00:00");
    }

    #[test]
    fn german_windows_is_read_by_sid_and_number() {
        let p = probe("ps_probe_german_standard.json");
        let f = standard_user(Ok(&p));
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        assert_eq!(
            powercfg_ac_dc(&fixture("powercfg_video_de.txt")),
            Some((0, 600))
        );
        assert_eq!(
            powercfg_ac_dc(&fixture("powercfg_video_en.txt")),
            Some((900, 300))
        );
        let f = screen_lock(&Registry::default(), Ok(&p), &Policy::default());
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        assert!(
            f.evidence
                .contains("never plugged in, 10 minutes on battery"),
            "{}",
            f.evidence
        );
        let f = guest_disabled(Ok(&p));
        assert_eq!(f.verdict, Verdict::Pass, "Gast is disabled: {}", f.evidence);
    }

    #[test]
    fn an_administrator_with_a_filtered_token_is_still_an_administrator() {
        let sids = whoami_sids(&fixture("whoami_groups_admin_filtered.csv"));
        assert!(sids.contains(&ADMINISTRATORS.to_owned()));
        let p = probe("ps_probe_defender_home.json");
        assert_eq!(standard_user(Ok(&p)).verdict, Verdict::Fail);
    }

    #[test]
    fn constrained_language_and_garbage_are_unknown() {
        let err = PsProbe::parse(&fixture("ps_probe_constrained.json")).unwrap_err();
        assert!(err.contains("ConstrainedLanguage"), "{err}");
        let err = PsProbe::parse("\u{1b}[31mFehler\u{0}").unwrap_err();
        let f = antivirus(Err(&err), &Policy::default(), at("2024-08-06T12:00:00Z"));
        assert_eq!(f.verdict, Verdict::Unknown);
        assert_eq!(firewall(Err(&err)).verdict, Verdict::Unknown);
        assert_eq!(disk_encryption(Err(&err)).verdict, Verdict::Unknown);
    }

    #[test]
    fn registry_checks() {
        let reg = registry("registry_win10_pro.json");
        let f = os_supported(&reg, "2026-11-24".parse().unwrap());
        assert_eq!(f.verdict, Verdict::Warn, "{}", f.evidence);
        assert!(
            f.evidence.contains("Extended Security Updates"),
            "{}",
            f.evidence
        );
        let f = auto_updates(&reg, at("2024-08-20T00:00:00Z"));
        assert_eq!(f.verdict, Verdict::Warn, "paused: {}", f.evidence);
        assert_eq!(
            auto_updates(&reg, at("2024-09-20T00:00:00Z")).verdict,
            Verdict::Pass
        );
        let mut off = reg.clone();
        off.wuauserv_start = Some(4);
        assert_eq!(
            auto_updates(&off, at("2024-09-20T00:00:00Z")).verdict,
            Verdict::Fail
        );
        assert_eq!(uac(&reg).verdict, Verdict::Pass);
        assert_eq!(sign_in_password(&reg).verdict, Verdict::Pass);
        let f = untrusted_programs(&reg, &Policy::default());
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        assert!(
            f.evidence.contains("TeamViewer (remote-access tool)"),
            "{}",
            f.evidence
        );
        assert!(
            f.evidence.contains("uTorrent (peer-to-peer"),
            "{}",
            f.evidence
        );
        assert!(
            f.evidence.contains("programs with no publisher: Tool XYZ"),
            "{}",
            f.evidence
        );
        let mut win11 = reg.clone();
        win11.current_build = Some("26100".into());
        win11.edition_id = Some("Enterprise".into());
        assert_eq!(
            os_supported(&win11, "2026-11-24".parse().unwrap()).verdict,
            Verdict::Pass
        );
        win11.current_build = Some("99999".into());
        assert_eq!(
            os_supported(&win11, "2026-11-24".parse().unwrap()).verdict,
            Verdict::Unknown
        );
    }

    #[test]
    fn recent_updates_firewall_and_bitlocker() {
        let reg = registry("registry_win10_pro.json");
        let p = probe("ps_probe_defender_home.json");
        let f = recent_updates(&reg, Ok(&p), &Policy::default(), at("2024-08-06T00:00:00Z"));
        assert_eq!(f.verdict, Verdict::Warn, "restart pending: {}", f.evidence);
        let f = recent_updates(&reg, Ok(&p), &Policy::default(), at("2024-10-06T00:00:00Z"));
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        assert_eq!(firewall(Ok(&p)).verdict, Verdict::Fail);
        let f = disk_encryption(Ok(&p));
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        let e = probe("ps_probe_eset_primary.json");
        assert_eq!(firewall(Ok(&e)).verdict, Verdict::Pass);
        assert_eq!(disk_encryption(Ok(&e)).verdict, Verdict::Fail);
        assert_eq!(
            hotfix_date("7/10/2024"),
            NaiveDate::from_ymd_opt(2024, 7, 10)
        );
        assert_eq!(hotfix_date("01cc2ba8a0f8f5d6"), None);
    }
}
