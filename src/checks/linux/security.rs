//! Linux anti-virus (ClamAV), firewall (ufw, firewalld, nftables) and disk encryption (an
//! encrypted device under the system partition).

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::Value;

use super::{OS, unit_on, unit_state};
use crate::checks::finding::{Probe, RawLog, finding, pass, unknown};
use crate::checks::judge::{self, Signatures};
use crate::checks::{CheckId, Finding, Policy, Verdict};

/// The signature database date in `clamscan --version` output
/// (`ClamAV 1.0.7/27359/Mon Aug  5 08:23:02 2024`).
pub(crate) fn clamav_db_date(text: &str) -> Option<NaiveDateTime> {
    let line = text.lines().find(|l| l.starts_with("ClamAV "))?;
    let date = line.rsplit('/').next()?;
    let date = date.split_whitespace().collect::<Vec<_>>().join(" ");
    NaiveDateTime::parse_from_str(&date, "%a %b %d %H:%M:%S %Y").ok()
}

/// `antivirus` on Linux: ClamAV, if installed, with current signatures.
pub(crate) fn antivirus(
    clamscan: &Probe,
    freshclam: &Probe,
    policy: &Policy,
    now: DateTime<Utc>,
) -> Finding {
    let check = CheckId::Antivirus;
    let mut raw = RawLog::new();
    raw.add("clamscan --version", clamscan)
        .add("systemctl is-enabled clamav-freshclam.service", freshclam);
    let text = match clamscan {
        Ok(t) => t,
        Err(why) if why.contains("not installed") => {
            return finding(
                check,
                OS,
                Verdict::Warn,
                "No anti-virus is installed (ClamAV not found). This is usual on Linux desktops; ask your IT support whether this computer needs one",
                raw,
            );
        }
        Err(why) => {
            return unknown(
                check,
                OS,
                format!("ClamAV could not be asked for its version: {why}"),
                raw,
            );
        }
    };
    let Some(db) = clamav_db_date(text) else {
        return unknown(
            check,
            OS,
            format!("clamscan's answer was not understood: {:?}", text.trim()),
            raw,
        );
    };
    let updated = db.and_utc();
    let (current, words) =
        match judge::signatures_current(&Signatures::UpdatedAt(updated), policy, now) {
            Ok(v) => v,
            Err(why) => return unknown(check, OS, why, raw),
        };
    let mut evidence = format!("ClamAV is installed; {words}");
    let mut verdict = if current {
        Verdict::Pass
    } else {
        Verdict::Fail
    };
    match unit_state(freshclam) {
        Ok(s) if unit_on(&s) => evidence.push_str("; its signature updater keeps them current"),
        Ok(s) => {
            evidence.push_str(&format!("; its signature updater (freshclam) is {s}"));
            verdict = judge::worst(verdict, Verdict::Warn);
        }
        Err(why) => {
            evidence.push_str(&format!(
                "; whether its signature updater runs could not be read ({why})"
            ));
            verdict = judge::worst(verdict, Verdict::Warn);
        }
    }
    evidence.push_str("; ClamAV scans on request, it does not watch files as they open");
    if verdict == Verdict::Pass {
        pass(
            check,
            OS,
            evidence,
            "ClamAV's own version and signature date, and its updater's service",
            raw,
        )
    } else {
        finding(check, OS, verdict, evidence, raw)
    }
}

/// The `ENABLED=` value of `/etc/ufw/ufw.conf`.
pub(crate) fn ufw_enabled(conf: &str) -> Option<bool> {
    conf.lines().rev().find_map(|l| {
        let v = l.trim().strip_prefix("ENABLED=")?;
        Some(v.trim().trim_matches('"').eq_ignore_ascii_case("yes"))
    })
}

/// The inputs of `firewall` on Linux.
#[derive(Debug, Clone)]
pub(crate) struct FirewallProbes {
    /// `/etc/ufw/ufw.conf` (`Ok(None)` = no such file).
    pub(crate) ufw_conf: Result<Option<String>, String>,
    /// `systemctl is-enabled firewalld.service`.
    pub(crate) firewalld: Probe,
    /// `systemctl is-enabled nftables.service`.
    pub(crate) nftables: Probe,
}

/// `firewall` on Linux (without root only whether a firewall starts can be read, not its rules).
pub(crate) fn firewall(p: &FirewallProbes) -> Finding {
    let check = CheckId::Firewall;
    let mut raw = RawLog::new();
    let ufw_probe: Probe = match &p.ufw_conf {
        Ok(Some(t)) => Ok(t.clone()),
        Ok(None) => Ok("(no such file)".to_owned()),
        Err(e) => Err(e.clone()),
    };
    raw.add("cat /etc/ufw/ufw.conf", &ufw_probe)
        .add("systemctl is-enabled firewalld.service", &p.firewalld)
        .add("systemctl is-enabled nftables.service", &p.nftables);
    if let Ok(Some(conf)) = &p.ufw_conf
        && ufw_enabled(conf) == Some(true)
    {
        return pass(
            check,
            OS,
            "The ufw firewall is turned on; by default it blocks connections from outside",
            "ufw's settings file (/etc/ufw/ufw.conf)",
            raw,
        );
    }
    let firewalld = unit_state(&p.firewalld);
    if let Ok(s) = &firewalld
        && unit_on(s)
    {
        return pass(
            check,
            OS,
            format!("The firewalld firewall is {s}; by default it blocks connections from outside"),
            "whether the firewalld service starts with the computer",
            raw,
        );
    }
    let nftables = unit_state(&p.nftables);
    if let Ok(s) = &nftables
        && unit_on(s)
    {
        return finding(
            check,
            OS,
            Verdict::Warn,
            format!(
                "The nftables service is {s}, but its rules can only be read with administrator rights, so whether they block anything is not known"
            ),
            raw,
        );
    }
    let mut unread = Vec::new();
    if let Err(e) = &p.ufw_conf {
        unread.push(format!("ufw ({e})"));
    }
    if let Err(e) = &firewalld {
        unread.push(format!("firewalld ({e})"));
    }
    if let Err(e) = &nftables {
        unread.push(format!("nftables ({e})"));
    }
    if !unread.is_empty() {
        return unknown(
            check,
            OS,
            format!(
                "No firewall was found on, but some could not be read: {}",
                unread.join("; ")
            ),
            raw,
        );
    }
    let ufw_state = match &p.ufw_conf {
        Ok(Some(_)) => "installed but off",
        _ => "not installed",
    };
    let state = |r: &Result<String, String>| match r.as_deref() {
        Ok("not-found") => "not installed".to_owned(),
        Ok(s) => s.to_owned(),
        Err(_) => "unknown".to_owned(),
    };
    finding(
        check,
        OS,
        Verdict::Fail,
        format!(
            "No firewall is turned on: ufw {ufw_state}, firewalld {}, nftables {}",
            state(&firewalld),
            state(&nftables)
        ),
        raw,
    )
}

/// A block device in `lsblk -J` output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BlockDevice {
    /// Its name (`nvme0n1p3`).
    pub(crate) name: String,
    /// Its type (`disk`, `part`, `crypt`, `lvm`…).
    pub(crate) kind: String,
    /// Its mount points.
    pub(crate) mountpoints: Vec<String>,
    /// The devices built on it.
    pub(crate) children: Vec<BlockDevice>,
}

/// One device of `lsblk -J` output, with its children.
fn lsblk_device(v: &Value) -> Option<BlockDevice> {
    let name = v.get("name")?.as_str()?.to_owned();
    let kind = v.get("type")?.as_str()?.to_owned();
    let mut mountpoints: Vec<String> = v
        .get("mountpoints")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|m| m.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    if let Some(m) = v.get("mountpoint").and_then(Value::as_str) {
        mountpoints.push(m.to_owned());
    }
    let children = v
        .get("children")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(lsblk_device).collect())
        .unwrap_or_default();
    Some(BlockDevice {
        name,
        kind,
        mountpoints,
        children,
    })
}

/// Parses `lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINTS` (or the older `MOUNTPOINT`) output.
pub(crate) fn parse_lsblk(json: &str) -> Result<Vec<BlockDevice>, String> {
    let value: Value =
        serde_json::from_str(json).map_err(|e| format!("lsblk's answer is not JSON ({e})"))?;
    let devices = value
        .get("blockdevices")
        .and_then(Value::as_array)
        .ok_or("lsblk's answer has no device list")?;
    let parsed: Vec<BlockDevice> = devices.iter().filter_map(lsblk_device).collect();
    if parsed.len() != devices.len() {
        return Err("lsblk's answer lists a device without a name or type".to_owned());
    }
    Ok(parsed)
}

/// The chain of devices from a top-level disk down to the one mounted at `/`.
pub(crate) fn root_chain(devices: &[BlockDevice]) -> Option<Vec<&BlockDevice>> {
    for d in devices {
        if d.mountpoints.iter().any(|m| m == "/") {
            return Some(vec![d]);
        }
        if let Some(mut chain) = root_chain(&d.children) {
            chain.insert(0, d);
            return Some(chain);
        }
    }
    None
}

/// `disk-encryption` on Linux: is there a `crypt` device under `/`? (An encrypted USB stick
/// elsewhere does not count.)
pub(crate) fn disk_encryption(findmnt: &Probe, lsblk: &Probe) -> Finding {
    let check = CheckId::DiskEncryption;
    let mut raw = RawLog::new();
    raw.add("findmnt -no SOURCE /", findmnt)
        .add("lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINTS", lsblk);
    let json = match lsblk {
        Ok(j) => j,
        Err(why) => {
            return unknown(
                check,
                OS,
                format!("The disks could not be listed: {why}"),
                raw,
            );
        }
    };
    let devices = match parse_lsblk(json) {
        Ok(d) => d,
        Err(why) => return unknown(check, OS, why, raw),
    };
    let source = findmnt
        .as_ref()
        .map(|s| s.trim().to_owned())
        .unwrap_or_default();
    let Some(chain) = root_chain(&devices) else {
        return unknown(
            check,
            OS,
            format!(
                "The system disk was not found among the disks (/ is mounted from {}), so its encryption is not known",
                if source.is_empty() {
                    "an unknown source"
                } else {
                    &source
                }
            ),
            raw,
        );
    };
    let path = chain
        .iter()
        .map(|d| format!("{} ({})", d.name, d.kind))
        .collect::<Vec<_>>()
        .join(" → ");
    if let Some(crypt) = chain.iter().find(|d| d.kind == "crypt") {
        pass(
            check,
            OS,
            format!(
                "The system disk is encrypted: the system partition is on the encrypted device {}",
                crypt.name
            ),
            "the list of disks and the partition the system starts from",
            raw,
        )
    } else {
        finding(
            check,
            OS,
            Verdict::Fail,
            format!(
                "The system disk is not encrypted: the system partition is on {path}, with no encryption layer"
            ),
            raw,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::fixture;
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn clamav_signature_age() {
        let text = fixture("clamscan_version.txt");
        assert_eq!(
            clamav_db_date(&text).unwrap().to_string(),
            "2024-08-05 08:23:02"
        );
        let p = Policy::default();
        let f = antivirus(
            &Ok(text.clone()),
            &Ok("enabled".into()),
            &p,
            at("2024-08-07T00:00:00Z"),
        );
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        let f = antivirus(
            &Ok(text),
            &Ok("enabled".into()),
            &p,
            at("2024-09-07T00:00:00Z"),
        );
        assert_eq!(
            f.verdict,
            Verdict::Fail,
            "signatures out of date: {}",
            f.evidence
        );
        let f = antivirus(
            &Err("/usr/bin/clamscan is not installed on this computer".into()),
            &Ok("not-found".into()),
            &p,
            at("2024-09-07T00:00:00Z"),
        );
        assert_eq!(f.verdict, Verdict::Warn);
        let f = antivirus(
            &Ok("Segmentation fault".into()),
            &Ok("enabled".into()),
            &p,
            at("2024-09-07T00:00:00Z"),
        );
        assert_eq!(f.verdict, Verdict::Unknown);
    }

    #[test]
    fn firewall_states() {
        let none =
            "Failed to get unit file state for x.service: No such file or directory".to_owned();
        let p = |ufw: Option<String>, fwd: &str, nft: &str| FirewallProbes {
            ufw_conf: Ok(ufw),
            firewalld: Ok(fwd.to_owned()),
            nftables: Ok(nft.to_owned()),
        };
        let off = fixture("ufw.conf");
        assert_eq!(ufw_enabled(&off), Some(false));
        assert_eq!(
            firewall(&p(Some(off.clone()), &none, &none)).verdict,
            Verdict::Fail
        );
        let on = off.replace("ENABLED=no", "ENABLED=yes");
        assert_eq!(firewall(&p(Some(on), &none, &none)).verdict, Verdict::Pass);
        assert_eq!(firewall(&p(None, "enabled", &none)).verdict, Verdict::Pass);
        assert_eq!(firewall(&p(None, &none, "enabled")).verdict, Verdict::Warn);
        let f = firewall(&p(None, &none, &none));
        assert_eq!(f.verdict, Verdict::Fail);
        assert!(f.evidence.contains("ufw not installed"), "{}", f.evidence);
        let mut broken = p(None, &none, &none);
        broken.firewalld = Err("/usr/bin/systemctl did not answer within 10 seconds".into());
        assert_eq!(firewall(&broken).verdict, Verdict::Unknown);
    }

    #[test]
    fn only_an_encrypted_system_disk_counts() {
        let f = disk_encryption(
            &Ok("/dev/mapper/ubuntu--vg-ubuntu--lv\n".into()),
            &Ok(fixture("lsblk_luks_lvm.json")),
        );
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        // Only the USB stick is encrypted: that must not count.
        let f = disk_encryption(
            &Ok("/dev/sda2\n".into()),
            &Ok(fixture("lsblk_usb_stick_encrypted.json")),
        );
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        let f = disk_encryption(
            &Ok("/dev/sda2\n".into()),
            &Ok(fixture("lsblk_old_mountpoint.json")),
        );
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        let f = disk_encryption(
            &Ok("overlay\n".into()),
            &Ok(r#"{"blockdevices":[{"name":"sda","type":"disk","mountpoints":[null]}]}"#.into()),
        );
        assert_eq!(f.verdict, Verdict::Unknown);
        let f = disk_encryption(&Ok("/dev/sda2".into()), &Ok("lsblk: garbage".into()));
        assert_eq!(f.verdict, Verdict::Unknown);
    }
}
