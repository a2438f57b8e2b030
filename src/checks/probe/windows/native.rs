//! Win32 and COM reads through the `windows` crate: the kernel's version number, this process's
//! token groups, the local accounts, the power plan, Windows Firewall's state, BitLocker's
//! shell property and the Windows Update Agent. Each `unsafe` call is one FFI call with its
//! buffers owned here; each says why it is sound.

use windows::Win32::Foundation::{CloseHandle, HANDLE, HLOCAL, LocalFree, WIN32_ERROR};
use windows::Win32::System::Com::{
    CLSCTX_INPROC_SERVER, COINIT_APARTMENTTHREADED, COINIT_MULTITHREADED, CoCreateInstance,
    CoInitializeEx, CoUninitialize,
};
use windows::core::{GUID, HSTRING, PCWSTR, PWSTR};

use super::wmi::plain_hresult;
use crate::checks::probe::deadline::with_deadline;
use crate::checks::windows::updates::counts_as_system_update;
use crate::checks::windows::{
    BitLocker, FirewallProfiles, LocalAccount, Power, Token, WindowsUpdate, ole_date,
};

fn hresult(e: &windows::core::Error) -> String {
    plain_hresult(e.code().0)
}

fn win32(code: WIN32_ERROR) -> String {
    plain_hresult(windows::core::HRESULT::from_win32(code.0).0)
}

/// COM for this thread while the guard lives.
struct Com(bool);

impl Com {
    fn init(single_threaded: bool) -> Self {
        let mode = if single_threaded {
            COINIT_APARTMENTTHREADED
        } else {
            COINIT_MULTITHREADED
        };
        #[expect(
            unsafe_code,
            reason = "COM must be started on each thread that uses it"
        )]
        // SAFETY: no pointers are passed; the matching CoUninitialize runs in Drop on this same
        // thread, only when this call succeeded.
        let started = unsafe { CoInitializeEx(None, mode) }.is_ok();
        Self(started)
    }
}

impl Drop for Com {
    fn drop(&mut self) {
        if self.0 {
            #[expect(unsafe_code, reason = "ends the COM use this thread started")]
            // SAFETY: pairs with the successful CoInitializeEx on this thread; every COM object
            // of the query was dropped before the guard (declared first, dropped last).
            unsafe {
                CoUninitialize();
            }
        }
    }
}

/// Whether a value exists under `HKLM\path`, without reading its content (used for
/// `DefaultPassword`, whose content must never be read).
pub(super) fn value_exists(path: &str, name: &str) -> bool {
    use windows::Win32::System::Registry::{
        HKEY_LOCAL_MACHINE, RRF_RT_ANY, RRF_SUBKEY_WOW6464KEY, RegGetValueW,
    };
    let (path, name) = (HSTRING::from(path), HSTRING::from(name));
    let mut size = 0u32;
    #[expect(unsafe_code, reason = "RegGetValueW has no safe wrapper")]
    // SAFETY: the strings are valid NUL-terminated wide strings that outlive the call; no data
    // buffer is passed (so nothing is read), only `size`, which we own.
    let status = unsafe {
        RegGetValueW(
            HKEY_LOCAL_MACHINE,
            &path,
            &name,
            RRF_RT_ANY | RRF_SUBKEY_WOW6464KEY,
            None,
            None,
            Some(&raw mut size),
        )
    };
    status.is_ok()
}

/// The kernel's build number (RtlGetVersion is not subject to compatibility shims).
pub(super) fn build() -> Result<u32, String> {
    use windows::Wdk::System::SystemServices::RtlGetVersion;
    use windows::Win32::System::SystemInformation::OSVERSIONINFOW;
    let mut info = OSVERSIONINFOW {
        dwOSVersionInfoSize: u32::try_from(std::mem::size_of::<OSVERSIONINFOW>()).unwrap_or(0),
        ..OSVERSIONINFOW::default()
    };
    #[expect(unsafe_code, reason = "RtlGetVersion has no safe wrapper")]
    // SAFETY: `info` is ours, writable, and its size field is set as the call requires.
    let status = unsafe { RtlGetVersion(&raw mut info) };
    if status.is_ok() {
        Ok(info.dwBuildNumber)
    } else {
        Err(format!(
            "Windows did not give its version (status {:#010X})",
            status.0
        ))
    }
}

/// A SID as text (`S-1-5-32-544`).
fn sid_text(sid: windows::Win32::Security::PSID) -> Option<String> {
    use windows::Win32::Security::Authorization::ConvertSidToStringSidW;
    let mut text = PWSTR::null();
    #[expect(unsafe_code, reason = "ConvertSidToStringSidW has no safe wrapper")]
    // SAFETY: `sid` points into a token buffer we own and keep alive for this call; the
    // string Windows allocates is read once and freed below with LocalFree, as documented.
    let converted = unsafe { ConvertSidToStringSidW(sid, &raw mut text) };
    converted.ok()?;
    #[expect(unsafe_code, reason = "reads and frees the string Windows allocated")]
    // SAFETY: on success `text` is a valid NUL-terminated string allocated with LocalAlloc.
    let out = unsafe {
        let s = text.to_string().ok();
        LocalFree(Some(HLOCAL(text.0.cast())));
        s
    };
    out
}

/// One piece of token information into an 8-byte-aligned buffer.
fn token_info(
    token: HANDLE,
    class: windows::Win32::Security::TOKEN_INFORMATION_CLASS,
) -> Result<Vec<u64>, String> {
    use windows::Win32::Security::GetTokenInformation;
    let mut len = 0u32;
    #[expect(unsafe_code, reason = "GetTokenInformation has no safe wrapper")]
    // SAFETY: asks only for the size; no buffer is passed.
    let sized = unsafe { GetTokenInformation(token, class, None, 0, &raw mut len) };
    drop(sized); // Fails by design with "insufficient buffer"; `len` holds the size.
    let mut buf = vec![0u64; (len as usize).div_ceil(8).max(1)];
    #[expect(unsafe_code, reason = "GetTokenInformation has no safe wrapper")]
    // SAFETY: `buf` is ours, writable, 8-byte aligned and at least `len` bytes long.
    let got = unsafe {
        GetTokenInformation(
            token,
            class,
            Some(buf.as_mut_ptr().cast()),
            len,
            &raw mut len,
        )
    };
    got.map_err(|e| hresult(&e))?;
    Ok(buf)
}

/// This process's token: its group SIDs (any attributes), elevation type and user SID.
pub(super) fn token() -> Result<Token, String> {
    use windows::Win32::Security::{
        TOKEN_GROUPS, TOKEN_QUERY, TOKEN_USER, TokenElevationType, TokenGroups, TokenUser,
    };
    use windows::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};
    let mut handle = HANDLE::default();
    #[expect(unsafe_code, reason = "OpenProcessToken has no safe wrapper")]
    // SAFETY: GetCurrentProcess is a pseudo-handle; `handle` is ours and closed below.
    let opened = unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &raw mut handle) };
    opened.map_err(|e| hresult(&e))?;
    let read = || -> Result<Token, String> {
        let groups_buf = token_info(handle, TokenGroups)?;
        #[expect(unsafe_code, reason = "reads the TOKEN_GROUPS structure Windows wrote")]
        // SAFETY: the buffer holds a TOKEN_GROUPS written by GetTokenInformation, aligned
        // for it; GroupCount entries follow it inside the same buffer, which outlives the reads.
        let groups: Vec<String> = unsafe {
            let g = &*groups_buf.as_ptr().cast::<TOKEN_GROUPS>();
            std::slice::from_raw_parts(g.Groups.as_ptr(), g.GroupCount as usize)
                .iter()
                .filter_map(|entry| sid_text(entry.Sid))
                .collect()
        };
        let elevation = token_info(handle, TokenElevationType)?;
        let user_buf = token_info(handle, TokenUser)?;
        #[expect(unsafe_code, reason = "reads the TOKEN_USER structure Windows wrote")]
        // SAFETY: the buffer holds a TOKEN_USER written by GetTokenInformation, aligned for it.
        let user_sid = unsafe { sid_text((*user_buf.as_ptr().cast::<TOKEN_USER>()).User.Sid) };
        Ok(Token {
            groups,
            elevation_type: u32::try_from(elevation[0] & 0xFFFF_FFFF).ok(),
            user_sid,
        })
    };
    let token = read();
    #[expect(unsafe_code, reason = "closes the token handle opened above")]
    // SAFETY: `handle` was opened above and is closed exactly once.
    let closed = unsafe { CloseHandle(handle) };
    drop(closed);
    token
}

/// The name this process runs as.
pub(super) fn current_user() -> Result<String, String> {
    use windows::Win32::System::WindowsProgramming::GetUserNameW;
    let mut buf = [0u16; 257];
    let mut len = u32::try_from(buf.len()).unwrap_or(0);
    #[expect(unsafe_code, reason = "GetUserNameW has no safe wrapper")]
    // SAFETY: `buf` is ours with room for `len` characters (the documented maximum plus one).
    let got = unsafe { GetUserNameW(Some(PWSTR(buf.as_mut_ptr())), &raw mut len) };
    got.map_err(|e| hresult(&e))?;
    let end = (len as usize).saturating_sub(1).min(buf.len());
    String::from_utf16(&buf[..end]).map_err(|_| "the account name was not readable text".to_owned())
}

/// The local accounts with their numbers and flags (`NetUserEnum` level 20; every signed-in
/// user may list them on a workstation).
pub(super) fn local_accounts() -> Result<Vec<LocalAccount>, String> {
    use windows::Win32::NetworkManagement::NetManagement::{
        FILTER_NORMAL_ACCOUNT, MAX_PREFERRED_LENGTH, NetApiBufferFree, NetUserEnum, USER_INFO_20,
    };
    let mut buf: *mut USER_INFO_20 = std::ptr::null_mut();
    let (mut read, mut total) = (0u32, 0u32);
    #[expect(unsafe_code, reason = "NetUserEnum has no safe wrapper")]
    // SAFETY: all out-pointers are ours; Windows allocates `buf`, freed below with
    // NetApiBufferFree.
    let status = unsafe {
        NetUserEnum(
            PCWSTR::null(),
            20,
            FILTER_NORMAL_ACCOUNT,
            (&raw mut buf).cast(),
            MAX_PREFERRED_LENGTH,
            &raw mut read,
            &raw mut total,
            None,
        )
    };
    if buf.is_null() {
        return Err(if status == 0 {
            "Windows listed no local accounts".to_owned()
        } else {
            win32(WIN32_ERROR(status))
        });
    }
    #[expect(
        unsafe_code,
        reason = "reads the USER_INFO_20 array Windows allocated, then frees it"
    )]
    // SAFETY: on success (or ERROR_MORE_DATA) `buf` holds `read` USER_INFO_20 entries whose
    // strings live in the same allocation; everything is copied before NetApiBufferFree.
    let accounts = unsafe {
        let rows = std::slice::from_raw_parts(buf, read as usize);
        let out: Vec<LocalAccount> = rows
            .iter()
            .map(|r| LocalAccount {
                name: r.usri20_name.to_string().unwrap_or_default(),
                rid: r.usri20_user_id,
                flags: r.usri20_flags.0,
            })
            .collect();
        NetApiBufferFree(Some(buf.cast()));
        out
    };
    if status != 0 && status != 234 {
        return Err(win32(WIN32_ERROR(status)));
    }
    Ok(accounts)
}

/// The active power plan's sleep and "require a password on wakeup" settings, and whether
/// there is a battery.
pub(super) fn power() -> Result<Power, String> {
    use windows::Win32::System::Power::{
        GetSystemPowerStatus, PowerGetActiveScheme, PowerReadACValueIndex, PowerReadDCValueIndex,
        SYSTEM_POWER_STATUS,
    };
    const SLEEP_SUBGROUP: GUID = GUID::from_u128(0x238c9fa8_0aad_41ed_83f4_97be242c8f20);
    const STANDBY_TIMEOUT: GUID = GUID::from_u128(0x29f6c1db_86da_48c5_9fdb_f2b67b1f44da);
    const NO_SUBGROUP: GUID = GUID::from_u128(0xfea3413e_7e05_4911_9a71_700331f1c294);
    const CONSOLE_LOCK: GUID = GUID::from_u128(0x0e796bdb_100d_47d6_a2d5_f7d2daa51f51);
    let mut scheme: *mut GUID = std::ptr::null_mut();
    #[expect(unsafe_code, reason = "PowerGetActiveScheme has no safe wrapper")]
    // SAFETY: `scheme` is ours; Windows allocates the GUID, freed below with LocalFree.
    let status = unsafe { PowerGetActiveScheme(None, &raw mut scheme) };
    if status.is_err() || scheme.is_null() {
        return Err(format!(
            "the power plan could not be read: {}",
            win32(status)
        ));
    }
    let read = |sub: &GUID, setting: &GUID, ac: bool| -> Option<u32> {
        let mut value = 0u32;
        #[expect(
            unsafe_code,
            reason = "PowerReadACValueIndex/PowerReadDCValueIndex have no safe wrapper"
        )]
        // SAFETY: `scheme` is the valid GUID Windows gave above; the GUIDs and `value` are ours.
        let status = unsafe {
            if ac {
                PowerReadACValueIndex(None, Some(scheme), Some(sub), Some(setting), &raw mut value)
            } else {
                WIN32_ERROR(PowerReadDCValueIndex(
                    None,
                    Some(scheme),
                    Some(sub),
                    Some(setting),
                    &raw mut value,
                ))
            }
        };
        status.is_ok().then_some(value)
    };
    let power = Power {
        sleep: (
            read(&SLEEP_SUBGROUP, &STANDBY_TIMEOUT, true),
            read(&SLEEP_SUBGROUP, &STANDBY_TIMEOUT, false),
        ),
        console_lock: (
            read(&NO_SUBGROUP, &CONSOLE_LOCK, true),
            read(&NO_SUBGROUP, &CONSOLE_LOCK, false),
        ),
        battery: {
            let mut s = SYSTEM_POWER_STATUS::default();
            #[expect(unsafe_code, reason = "GetSystemPowerStatus has no safe wrapper")]
            // SAFETY: `s` is ours and writable.
            let got = unsafe { GetSystemPowerStatus(&raw mut s) };
            match (got.is_ok(), s.BatteryFlag) {
                (true, 128) => Some(false),
                (true, 255) | (false, _) => None,
                (true, _) => Some(true),
            }
        },
    };
    #[expect(unsafe_code, reason = "frees the GUID PowerGetActiveScheme allocated")]
    // SAFETY: `scheme` was allocated by PowerGetActiveScheme and is freed exactly once.
    unsafe {
        LocalFree(Some(HLOCAL(scheme.cast())));
    }
    Ok(power)
}

/// Windows Firewall's state for each kind of network (`HNetCfg.FwPolicy2`).
pub(super) fn firewall_profiles() -> Result<FirewallProfiles, String> {
    with_deadline("Windows Firewall", || {
        use windows::Win32::NetworkManagement::WindowsFirewall::{
            INetFwPolicy2, NET_FW_PROFILE2_DOMAIN, NET_FW_PROFILE2_PRIVATE, NET_FW_PROFILE2_PUBLIC,
            NetFwPolicy2,
        };
        let _com = Com::init(false);
        #[expect(unsafe_code, reason = "CoCreateInstance has no safe wrapper")]
        // SAFETY: a documented in-process class; the interface is released when dropped.
        let policy: INetFwPolicy2 =
            unsafe { CoCreateInstance(&NetFwPolicy2, None, CLSCTX_INPROC_SERVER) }
                .map_err(|e| format!("Windows Firewall did not answer: {}", hresult(&e)))?;
        let state = |profile| -> Result<bool, String> {
            #[expect(unsafe_code, reason = "a COM property read")]
            // SAFETY: `policy` is a live interface; the call only fills a VARIANT_BOOL.
            let on = unsafe { policy.get_FirewallEnabled(profile) };
            on.map(windows::Win32::Foundation::VARIANT_BOOL::as_bool)
                .map_err(|e| format!("Windows Firewall did not answer: {}", hresult(&e)))
        };
        Ok(FirewallProfiles {
            domain: Some(state(NET_FW_PROFILE2_DOMAIN)?),
            private: Some(state(NET_FW_PROFILE2_PRIVATE)?),
            public: Some(state(NET_FW_PROFILE2_PUBLIC)?),
        })
    })
}

/// BitLocker's state of the system drive, as Explorer shows it (no administrator rights needed).
pub(super) fn bitlocker() -> Result<BitLocker, String> {
    with_deadline("BitLocker", || {
        use windows::Win32::System::SystemInformation::GetSystemWindowsDirectoryW;
        use windows::Win32::UI::Shell::PropertiesSystem::{
            GPS_DEFAULT, IPropertyStore, PSGetPropertyKeyFromName,
            SHGetPropertyStoreFromParsingName,
        };
        let _com = Com::init(true);
        let mut dir = [0u16; 260];
        #[expect(unsafe_code, reason = "GetSystemWindowsDirectoryW has no safe wrapper")]
        // SAFETY: `dir` is ours; Windows writes at most its length.
        let len = unsafe { GetSystemWindowsDirectoryW(Some(&mut dir)) } as usize;
        let windows_dir = String::from_utf16_lossy(&dir[..len.min(dir.len())]);
        let drive: String = windows_dir.chars().take(2).collect();
        if drive.len() != 2 || !drive.ends_with(':') {
            return Err("the system drive could not be found".to_owned());
        }
        let mut key = windows::Win32::Foundation::PROPERTYKEY::default();
        #[expect(unsafe_code, reason = "PSGetPropertyKeyFromName has no safe wrapper")]
        // SAFETY: a static NUL-terminated name and a key we own.
        let found = unsafe {
            PSGetPropertyKeyFromName(
                windows::core::w!("System.Volume.BitLockerProtection"),
                &raw mut key,
            )
        };
        found.map_err(|e| {
            format!(
                "Windows does not know the BitLocker property: {}",
                hresult(&e)
            )
        })?;
        let path = HSTRING::from(format!("{drive}\\"));
        #[expect(
            unsafe_code,
            reason = "SHGetPropertyStoreFromParsingName has no safe wrapper"
        )]
        // SAFETY: `path` is a valid wide string for the call; the store is released when dropped.
        let store: IPropertyStore =
            unsafe { SHGetPropertyStoreFromParsingName(&path, None, GPS_DEFAULT) }.map_err(
                |e| format!("the drive's properties could not be read: {}", hresult(&e)),
            )?;
        #[expect(unsafe_code, reason = "a COM property read")]
        // SAFETY: `store` is live and `key` is a valid property key.
        let value = unsafe { store.GetValue(&raw const key) }.map_err(|e| {
            format!(
                "the drive's BitLocker property could not be read: {}",
                hresult(&e)
            )
        })?;
        Ok(BitLocker {
            drive,
            protection: i32::try_from(&value).ok(),
        })
    })
}

/// What the Windows Update Agent says: whether automatic updates are in place and set to
/// install, its last successful installation, its installation history and the restart flag.
pub(super) fn windows_update() -> Result<WindowsUpdate, String> {
    with_deadline("Windows Update", || {
        use windows::Win32::System::UpdateAgent::{
            AutomaticUpdates, IAutomaticUpdates2, ISystemInformation, SystemInformation,
        };
        let _com = Com::init(false);
        let failed =
            |e: &windows::core::Error| format!("Windows Update did not answer: {}", hresult(e));
        #[expect(unsafe_code, reason = "CoCreateInstance has no safe wrapper")]
        // SAFETY: a documented in-process class; the interface is released when dropped.
        let au: IAutomaticUpdates2 =
            unsafe { CoCreateInstance(&AutomaticUpdates, None, CLSCTX_INPROC_SERVER) }
                .map_err(|e| failed(&e))?;
        let mut out = WindowsUpdate::default();
        #[expect(unsafe_code, reason = "COM property reads on a live interface")]
        // SAFETY: `au` and the interfaces it returns are live for these calls; each only fills
        // a value or returns a new interface that is released when dropped.
        unsafe {
            out.service_enabled = au
                .ServiceEnabled()
                .ok()
                .map(windows::Win32::Foundation::VARIANT_BOOL::as_bool);
            out.notification_level = au
                .Settings()
                .and_then(|s| s.NotificationLevel())
                .ok()
                .map(|l| l.0);
            out.last_installation_success = au
                .Results()
                .and_then(|r| r.LastInstallationSuccessDate())
                .ok()
                .as_ref()
                .and_then(variant_date)
                .and_then(ole_date);
        }
        #[expect(unsafe_code, reason = "CoCreateInstance has no safe wrapper")]
        // SAFETY: as above.
        let info: Result<ISystemInformation, _> =
            unsafe { CoCreateInstance(&SystemInformation, None, CLSCTX_INPROC_SERVER) };
        #[expect(unsafe_code, reason = "a COM property read")]
        // SAFETY: `info` is live when Ok.
        let reboot = info.and_then(|i| unsafe { i.RebootRequired() });
        out.reboot_required = reboot
            .ok()
            .map(windows::Win32::Foundation::VARIANT_BOOL::as_bool);
        out.installed = installed_history().map_err(|e| failed(&e))?;
        Ok(out)
    })
}

/// The OLE date a `VT_DATE` VARIANT holds (`None` for any other type, e.g. `VT_EMPTY` when
/// Windows Update never installed anything).
fn variant_date(v: &windows::Win32::System::Variant::VARIANT) -> Option<f64> {
    if v.vt() != windows::Win32::System::Variant::VT_DATE {
        return None;
    }
    #[expect(
        unsafe_code,
        reason = "reads the union field the VARIANT's type tag names"
    )]
    // SAFETY: the type tag says VT_DATE, so the union holds the `date` member.
    let date = unsafe { v.Anonymous.Anonymous.Anonymous.date };
    Some(date)
}

/// The dates of successful installations in the Windows Update history (the newest 50),
/// anti-virus definition updates left out.
fn installed_history() -> windows::core::Result<Vec<chrono::DateTime<chrono::Utc>>> {
    use windows::Win32::System::UpdateAgent::{
        IUpdateSession, UpdateSession, orcSucceeded, orcSucceededWithErrors, uoInstallation,
    };
    #[expect(unsafe_code, reason = "COM calls on live interfaces")]
    // SAFETY: each interface is live for the calls made on it and released when dropped; the
    // history is asked for at most 50 entries, and only entries it holds are read.
    unsafe {
        let session: IUpdateSession = CoCreateInstance(&UpdateSession, None, CLSCTX_INPROC_SERVER)?;
        let searcher = session.CreateUpdateSearcher()?;
        let count = searcher.GetTotalHistoryCount()?.clamp(0, 50);
        let entries = searcher.QueryHistory(0, count)?;
        let mut dates = Vec::new();
        for i in 0..entries.Count()? {
            let entry = entries.get_Item(i)?;
            let result = entry.ResultCode()?;
            let succeeded = result == orcSucceeded || result == orcSucceededWithErrors;
            let title = entry.Title().map(|t| t.to_string()).unwrap_or_default();
            if succeeded && entry.Operation()? == uoInstallation && counts_as_system_update(&title)
            {
                dates.extend(ole_date(entry.Date()?));
            }
        }
        Ok(dates)
    }
}
