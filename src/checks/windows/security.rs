//! Windows anti-virus (Security Center's products and Microsoft Defender's own status),
//! firewall (Windows Firewall's state per kind of network, or a firewall product registered
//! with Security Center) and BitLocker on the system drive (the shell property Explorer shows,
//! readable without administrator rights).

use chrono::{DateTime, Utc};

use super::{
    BitLocker, Fact, FirewallProfiles, MpComputerStatus, OS, SecurityProduct, cim_datetime,
    product_state,
};
use crate::checks::finding::{RawLog, finding, pass, unknown};
use crate::checks::judge::{self, Signatures};
use crate::checks::{CheckId, Finding, Policy, Verdict};

/// Named products with their decoded state; rows without a name or state are skipped.
fn products(rows: &[SecurityProduct]) -> Vec<(String, super::ProductState)> {
    rows.iter()
        .filter_map(|r| Some((r.display_name.clone()?, product_state(r.product_state?))))
        .collect()
}

fn rows_text<T: std::fmt::Debug>(rows: &Fact<Vec<T>>) -> Result<String, String> {
    rows.as_ref()
        .map(|r| {
            r.iter()
                .map(|x| format!("{x:?}"))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .map_err(Clone::clone)
}

/// Microsoft Defender's own status, when it actively protects: real-time protection and its
/// signatures. `None` when it is off, passive or not readable.
fn defender(rows: &Fact<Vec<MpComputerStatus>>) -> Result<(bool, Option<Signatures>), String> {
    let row = rows
        .as_ref()
        .map_err(Clone::clone)?
        .first()
        .ok_or_else(|| "Microsoft Defender gave no status".to_owned())?;
    let passive = row
        .am_running_mode
        .as_deref()
        .is_some_and(|m| !m.eq_ignore_ascii_case("Normal"));
    let on = row.am_service_enabled == Some(true)
        && row.real_time_protection_enabled == Some(true)
        && !passive;
    let signatures = row
        .antivirus_signature_last_updated
        .as_deref()
        .and_then(cim_datetime)
        .map(Signatures::UpdatedAt)
        .or(row.antivirus_signature_age.map(Signatures::AgeDays));
    if row.real_time_protection_enabled.is_none() {
        return Err(
            "Microsoft Defender's status did not say whether real-time protection is on".to_owned(),
        );
    }
    Ok((on, signatures))
}

/// `antivirus` on Windows.
pub(crate) fn antivirus(
    installation_type: Option<&str>,
    av: &Fact<Vec<SecurityProduct>>,
    mp: &Fact<Vec<MpComputerStatus>>,
    policy: &Policy,
    now: DateTime<Utc>,
) -> Finding {
    let check = CheckId::Antivirus;
    let mut raw = RawLog::new();
    raw.add("WMI root\\SecurityCenter2 AntiVirusProduct", &rows_text(av))
        .add(
            "WMI root\\Microsoft\\Windows\\Defender MSFT_MpComputerStatus",
            &rows_text(mp),
        );
    let server = installation_type.is_some_and(|t| t.starts_with("Server"));
    let defender = defender(mp);
    let listed = match av {
        Ok(rows) => products(rows),
        Err(_) => Vec::new(),
    };
    let mut stale = None;
    for (name, state) in listed.iter().filter(|(_, s)| s.on) {
        let (signatures, basis) = match (&defender, state.microsoft) {
            (Ok((true, Some(sig))), true) => (
                sig.clone(),
                "Windows Security Center's list of anti-virus products and Microsoft Defender's own status",
            ),
            _ => (
                if state.current {
                    Signatures::ReportedCurrent
                } else {
                    Signatures::ReportedOutOfDate
                },
                "Windows Security Center's list of anti-virus products",
            ),
        };
        match judge::signatures_current(&signatures, policy, now) {
            Ok((true, words)) => {
                let others: Vec<&str> = listed
                    .iter()
                    .filter(|(n, s)| !s.on && n != name)
                    .map(|(n, _)| n.as_str())
                    .collect();
                let note = if others.is_empty() {
                    String::new()
                } else {
                    format!(
                        " ({} off because another anti-virus is active)",
                        others.join(", ")
                    )
                };
                return pass(
                    check,
                    OS,
                    format!("{name}: real-time protection on; {words}{note}"),
                    basis,
                    raw,
                );
            }
            Ok((false, words)) => {
                stale = Some(format!("{name}: real-time protection on, but {words}"));
            }
            Err(why) => stale = stale.or(Some(format!("{name}: {why}"))),
        }
    }
    if let Some(stale) = stale {
        return finding(check, OS, Verdict::Fail, stale, raw);
    }
    if !listed.is_empty() {
        let names: Vec<&str> = listed.iter().map(|(n, _)| n.as_str()).collect();
        return finding(
            check,
            OS,
            Verdict::Fail,
            format!(
                "No anti-virus has real-time protection on ({} off)",
                names.join(", ")
            ),
            raw,
        );
    }
    defender_alone(av, server, defender, policy, now, raw)
}

/// `antivirus` when Security Center listed nothing, or is not there (Windows Server has none):
/// Microsoft Defender's own status, with what is known of Security Center.
fn defender_alone(
    av: &Fact<Vec<SecurityProduct>>,
    server: bool,
    defender: Result<(bool, Option<Signatures>), String>,
    policy: &Policy,
    now: DateTime<Utc>,
    raw: RawLog,
) -> Finding {
    let check = CheckId::Antivirus;
    let center = match av {
        Ok(_) if server => "Windows Server has no Security Center".to_owned(),
        Ok(_) => "Windows Security Center lists no anti-virus".to_owned(),
        Err(why) => format!("Windows Security Center could not be read ({why})"),
    };
    match defender {
        Ok((true, Some(sig))) => match judge::signatures_current(&sig, policy, now) {
            Ok((true, words)) => pass(
                check,
                OS,
                format!("Microsoft Defender: real-time protection on; {words}"),
                "Microsoft Defender's own status",
                raw,
            ),
            Ok((false, words)) => finding(
                check,
                OS,
                Verdict::Fail,
                format!("Microsoft Defender: real-time protection on, but {words}"),
                raw,
            ),
            Err(why) => unknown(check, OS, format!("Microsoft Defender: {why}"), raw),
        },
        Ok((true, None)) => unknown(
            check,
            OS,
            "Microsoft Defender is on, but how old its signatures are could not be read",
            raw,
        ),
        Ok((false, _)) if av.is_ok() && !server => finding(
            check,
            OS,
            Verdict::Fail,
            format!(
                "Microsoft Defender's real-time protection is off, and {}",
                lower_first(&center)
            ),
            raw,
        ),
        Ok((false, _)) => unknown(
            check,
            OS,
            format!(
                "Microsoft Defender's real-time protection is off, and whether another anti-virus runs could not be seen: {center}"
            ),
            raw,
        ),
        Err(why) => unknown(
            check,
            OS,
            format!("The anti-virus status could not be read: {center}; Microsoft Defender: {why}"),
            raw,
        ),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// `firewall` on Windows: Windows Firewall on for every kind of network, or a firewall product
/// registered with Security Center as on (which legitimately turns Windows Firewall off).
pub(crate) fn firewall(
    profiles: &Fact<FirewallProfiles>,
    policy: (Option<u32>, Option<u32>, Option<u32>),
    products_rows: &Fact<Vec<SecurityProduct>>,
) -> Finding {
    let check = CheckId::Firewall;
    let mut raw = RawLog::new();
    raw.add(
        "COM HNetCfg.FwPolicy2 FirewallEnabled (domain, private, public)",
        &profiles
            .as_ref()
            .map(|p| format!("{p:?}"))
            .map_err(Clone::clone),
    )
    .add(
        "WMI root\\SecurityCenter2 FirewallProduct",
        &rows_text(products_rows),
    );
    let third_party: Vec<String> = products_rows
        .as_ref()
        .map(|rows| {
            products(rows)
                .into_iter()
                .filter(|(_, s)| s.on && !s.microsoft)
                .map(|(n, _)| n)
                .collect()
        })
        .unwrap_or_default();
    raw.text(
        "registry: firewall policy (domain, private, public)",
        format!("{policy:?}"),
    );
    // The organization's policy, where set, wins over the local setting.
    let effective = |set: Option<u32>, local: Option<bool>| set.map_or(local, |v| Some(v != 0));
    let states = profiles.as_ref().map(|p| {
        [
            ("domain", effective(policy.0, p.domain)),
            ("private", effective(policy.1, p.private)),
            ("public", effective(policy.2, p.public)),
        ]
    });
    let off: Vec<&str> = match &states {
        Ok(s) => s
            .iter()
            .filter(|(_, v)| *v == Some(false))
            .map(|(n, _)| *n)
            .collect(),
        Err(_) => Vec::new(),
    };
    let unread = match &states {
        Ok(s) => s.iter().any(|(_, v)| v.is_none()),
        Err(_) => true,
    };
    if !unread && off.is_empty() {
        return pass(
            check,
            OS,
            "Windows Firewall is on for domain, private and public networks",
            "the firewall state Windows reports for each kind of network",
            raw,
        );
    }
    if !third_party.is_empty() {
        return pass(
            check,
            OS,
            format!(
                "{} is on and protects this computer in place of Windows Firewall",
                third_party.join(", ")
            ),
            "Windows Security Center's list of firewalls",
            raw,
        );
    }
    if !off.is_empty() {
        return finding(
            check,
            OS,
            Verdict::Fail,
            format!("Windows Firewall is off for {} networks", off.join(" and ")),
            raw,
        );
    }
    let why = match profiles {
        Err(why) => why.clone(),
        Ok(_) => "Windows did not say for every kind of network".to_owned(),
    };
    unknown(
        check,
        OS,
        format!("Whether the firewall is on could not be read: {why}"),
        raw,
    )
}

/// `disk-encryption` on Windows: BitLocker's state of the system drive as Explorer shows it.
/// Values (not documented by Microsoft; as read by the community and osquery): 1 on, 2 off,
/// 3 encrypting, 4 decrypting, 5 suspended, 6 on and locked, 8 waiting for activation.
pub(crate) fn disk_encryption(bitlocker: &Fact<BitLocker>) -> Finding {
    let check = CheckId::DiskEncryption;
    let mut raw = RawLog::new();
    raw.add(
        "shell property System.Volume.BitLockerProtection of the system drive",
        &bitlocker
            .as_ref()
            .map(|b| format!("{b:?}"))
            .map_err(Clone::clone),
    );
    let b = match bitlocker {
        Ok(b) => b,
        Err(why) => {
            return unknown(
                check,
                OS,
                format!("BitLocker's state could not be read: {why}"),
                raw,
            );
        }
    };
    let drive = &b.drive;
    let (verdict, state) = match b.protection {
        Some(1 | 6) => (Verdict::Pass, "on"),
        Some(3) => (Verdict::Warn, "being turned on (encryption in progress)"),
        Some(5) => (
            Verdict::Warn,
            "suspended (the drive is not protected until it is resumed)",
        ),
        Some(2) => (Verdict::Fail, "off"),
        Some(4) => (Verdict::Fail, "being turned off (decryption in progress)"),
        Some(8) => (
            Verdict::Fail,
            "waiting to be turned on (not protecting yet)",
        ),
        other => {
            return unknown(
                check,
                OS,
                format!(
                    "Windows did not give BitLocker's state of the system drive {drive} ({})",
                    other.map_or_else(|| "no value".to_owned(), |v| format!("value {v}"))
                ),
                raw,
            );
        }
    };
    let text = format!("BitLocker encryption of the system drive {drive} is {state}");
    if verdict == Verdict::Pass {
        pass(
            check,
            OS,
            text,
            "the BitLocker state Windows shows for the system drive",
            raw,
        )
    } else {
        finding(check, OS, verdict, text, raw)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{at, snapshot};
    use super::*;

    fn av(name: &str, now: &str) -> Finding {
        let s = snapshot(name);
        antivirus(
            s.registry.installation_type.as_deref(),
            &s.antivirus_products,
            &s.defender,
            &Policy::default(),
            at(now),
        )
    }

    #[test]
    fn defender_on_with_current_signatures_passes_naming_its_evidence() {
        let f = av("snapshot_defender_home.json", "2024-08-06T12:00:00Z");
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        assert!(
            f.evidence.contains("signatures updated 1 day ago"),
            "{}",
            f.evidence
        );
        assert!(
            f.evidence.contains("Based on: Windows Security Center"),
            "{}",
            f.evidence
        );
        let f = av("snapshot_defender_home.json", "2024-08-30T12:00:00Z");
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
    }

    #[test]
    fn another_anti_virus_in_place_of_defender_passes() {
        let f = av("snapshot_eset_primary.json", "2024-08-07T00:00:00Z");
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
    fn nothing_readable_is_unknown() {
        let f = av("snapshot_wine.json", "2024-08-07T00:00:00Z");
        assert_eq!(f.verdict, Verdict::Unknown, "{}", f.evidence);
        let s = snapshot("snapshot_wine.json");
        assert_eq!(
            firewall(
                &s.firewall_profiles,
                s.registry.firewall_policy,
                &s.firewall_products
            )
            .verdict,
            Verdict::Unknown
        );
        assert_eq!(disk_encryption(&s.bitlocker).verdict, Verdict::Unknown);
    }

    #[test]
    fn firewall_and_bitlocker() {
        let s = snapshot("snapshot_defender_home.json");
        let f = firewall(
            &s.firewall_profiles,
            s.registry.firewall_policy,
            &s.firewall_products,
        );
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        assert!(f.evidence.contains("public"), "{}", f.evidence);
        let f = disk_encryption(&s.bitlocker);
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        let e = snapshot("snapshot_eset_primary.json");
        let f = firewall(
            &e.firewall_profiles,
            e.registry.firewall_policy,
            &e.firewall_products,
        );
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        assert_eq!(disk_encryption(&e.bitlocker).verdict, Verdict::Fail);
        let g = snapshot("snapshot_german_standard.json");
        let f = firewall(
            &g.firewall_profiles,
            g.registry.firewall_policy,
            &g.firewall_products,
        );
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        // The organization's policy turns the public profile on: that is what counts.
        let f = firewall(
            &s.firewall_profiles,
            (None, None, Some(1)),
            &s.firewall_products,
        );
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        let none = Ok(BitLocker {
            drive: "C:".into(),
            protection: None,
        });
        assert_eq!(disk_encryption(&none).verdict, Verdict::Unknown);
    }
}
