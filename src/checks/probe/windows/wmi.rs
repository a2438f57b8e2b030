//! WMI queries through COM (the `wmi` crate): each on its own thread with a deadline, each
//! with a fixed query text (no user data is ever put into one). A namespace or class that does
//! not exist (Security Center on Windows Server, Defender removed, Wine) is reported in plain
//! words, and the check says Unknown.

use serde::de::DeserializeOwned;

use crate::checks::probe::deadline::with_deadline;
use crate::checks::windows::{MpComputerStatus, QuickFixEngineering, SecurityProduct};

/// Plain words for a WMI or COM error code.
pub(super) fn plain_hresult(code: i32) -> String {
    // The codes are HRESULTs: compare their bits as unsigned numbers.
    #[expect(
        clippy::cast_sign_loss,
        reason = "an HRESULT's bits, read as the documented unsigned code"
    )]
    let unsigned = code as u32;
    let words = match unsigned {
        0x8004_100E => "this part of Windows is not on this computer (no such WMI namespace)",
        0x8004_1010 => "this part of Windows is not on this computer (no such WMI class)",
        0x8004_1002 => "Windows found nothing to answer with",
        0x8004_1003 | 0x8007_0005 => "this account is not allowed to read it",
        0x8004_1006 => "Windows ran out of memory answering",
        0x8004_0154 => "this part of Windows is not installed (class not registered)",
        0x8000_4001 => "this part of Windows is not implemented here",
        0x8001_06BA => {
            "Microsoft Defender is not running (another anti-virus may have turned it off)"
        }
        0x8007_06BA | 0x8007_06BE => "the Windows service that answers this is not running",
        _ => "Windows refused",
    };
    format!("{words} (code {unsigned:#010X})")
}

fn plain(namespace: &str, err: &wmi::WMIError) -> String {
    match err {
        wmi::WMIError::HResultError { hres } => {
            format!("{} [WMI {namespace}]", plain_hresult(*hres))
        }
        other => format!("Windows' answer was not understood ({other}) [WMI {namespace}]"),
    }
}

/// Runs `wql` in `namespace` and deserializes the rows.
fn query<T: DeserializeOwned + Send + 'static>(
    namespace: &'static str,
    wql: &'static str,
) -> Result<Vec<T>, String> {
    with_deadline(&format!("WMI {namespace}"), move || {
        let con =
            wmi::WMIConnection::with_namespace_path(namespace).map_err(|e| plain(namespace, &e))?;
        con.raw_query::<T>(wql).map_err(|e| plain(namespace, &e))
    })
}

/// Microsoft Defender's own status.
pub(super) fn defender() -> Result<Vec<MpComputerStatus>, String> {
    query(
        r"ROOT\Microsoft\Windows\Defender",
        "SELECT AMServiceEnabled, RealTimeProtectionEnabled, AntivirusSignatureAge, AntivirusSignatureLastUpdated, AMRunningMode FROM MSFT_MpComputerStatus",
    )
}

/// The anti-virus products registered with Security Center (workstations only).
pub(super) fn antivirus_products() -> Result<Vec<SecurityProduct>, String> {
    query(
        r"ROOT\SecurityCenter2",
        "SELECT displayName, productState FROM AntiVirusProduct",
    )
}

/// The firewall products registered with Security Center (workstations only).
pub(super) fn firewall_products() -> Result<Vec<SecurityProduct>, String> {
    query(
        r"ROOT\SecurityCenter2",
        "SELECT displayName, productState FROM FirewallProduct",
    )
}

/// The installed Windows updates (hotfixes) and their install dates.
pub(super) fn hotfixes() -> Result<Vec<QuickFixEngineering>, String> {
    query(
        r"ROOT\CIMV2",
        "SELECT HotFixID, InstalledOn FROM Win32_QuickFixEngineering",
    )
}
