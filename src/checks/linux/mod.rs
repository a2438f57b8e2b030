//! Linux (Debian/Ubuntu and Fedora families): pure parsers and rules over the text the probes
//! read, giving findings. Compiled and tested on every OS with fixtures.
//!
//! - this file: os-release, `systemctl is-enabled` answers, INI files, the sign-in screen;
//! - [`updates`]: automatic updates, last update, pending restart;
//! - [`security`]: anti-virus, firewall, disk encryption;
//! - [`session`]: screen lock and administrator rights;
//! - [`signin`]: the sign-in screen's guest sessions and automatic sign-in;
//! - [`programs`]: installed packages.

use chrono::NaiveDate;

use super::eol::{self, Table};
use super::finding::{Probe, RawLog, finding, pass, unknown};
use super::{CheckId, Finding, Os};

pub(crate) mod programs;
pub(crate) mod security;
pub(crate) mod session;
pub(crate) mod signin;
pub(crate) mod updates;

const OS: Os = Os::Linux;

/// `KEY=value` pairs of an os-release file, quotes removed.
pub(crate) fn parse_os_release(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| l.trim().split_once('='))
        .filter(|(k, _)| !k.starts_with('#'))
        .map(|(k, v)| {
            let v = v.trim().trim_matches('"').trim_matches('\'');
            (k.trim().to_owned(), v.to_owned())
        })
        .collect()
}

fn field<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

/// The distribution family, for choosing probes and fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// Debian, Ubuntu, Mint and other apt/dpkg systems.
    Debian,
    /// Fedora, RHEL and other dnf/rpm systems.
    Fedora,
    /// Anything else.
    Other,
}

/// The family named by an os-release file (`ID` and `ID_LIKE`).
pub(crate) fn family(os_release: &str) -> Family {
    let pairs = parse_os_release(os_release);
    let ids = format!(
        "{} {}",
        field(&pairs, "ID").unwrap_or(""),
        field(&pairs, "ID_LIKE").unwrap_or("")
    );
    let has = |w: &str| ids.split_whitespace().any(|i| i == w);
    if has("debian") || has("ubuntu") {
        Family::Debian
    } else if has("fedora") || has("rhel") || has("centos") {
        Family::Fedora
    } else {
        Family::Other
    }
}

/// `os-supported`: the release in `/etc/os-release` against the end-of-support table.
pub(crate) fn os_supported(os_release: &Probe, today: NaiveDate) -> Finding {
    let check = CheckId::OsSupported;
    let mut raw = RawLog::new();
    raw.add("cat /etc/os-release", os_release);
    let text = match os_release {
        Ok(t) => t,
        Err(why) => {
            return unknown(
                check,
                OS,
                format!("The Linux version could not be read: {why}"),
                raw,
            );
        }
    };
    let pairs = parse_os_release(text);
    let Some(table) = Table::shipped() else {
        return unknown(check, OS, "The end-of-support table is damaged", raw);
    };
    let (Some(id), pretty) = (field(&pairs, "ID"), field(&pairs, "PRETTY_NAME")) else {
        return unknown(
            check,
            OS,
            "The system's version file does not name the Linux distribution",
            raw,
        );
    };
    let shown = pretty.unwrap_or(id).to_owned();
    let Some(version) = field(&pairs, "VERSION_ID") else {
        return unknown(
            check,
            OS,
            format!(
                "{shown} has no version number (a rolling or testing release), so its end of support is not known"
            ),
            raw,
        );
    };
    // Mint and Debian are keyed by major version; Ubuntu by "22.04"; Fedora by "42".
    let release = match id {
        "linuxmint" | "debian" => version.split('.').next().unwrap_or(version),
        _ => version,
    };
    let (verdict, text) = eol::judge(table, table.find(id, release), &shown, today);
    if verdict == super::Verdict::Pass {
        pass(
            check,
            OS,
            text,
            "the system's version file and clerkcheck's end-of-support table",
            raw,
        )
    } else {
        finding(check, OS, verdict, text, raw)
    }
}

/// Output of `systemctl is-enabled UNIT` (stdout and stderr) as one word: `enabled`,
/// `disabled`, `masked`, `static`, `not-found`…
pub(crate) fn unit_state(probe: &Probe) -> Result<String, String> {
    let text = probe.as_ref().map_err(Clone::clone)?;
    if text.contains("No such file") || text.contains("not found") {
        return Ok("not-found".to_owned());
    }
    text.split_whitespace()
        .next()
        .filter(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        .map(str::to_owned)
        .ok_or_else(|| format!("systemctl gave an answer that was not understood: {text:?}"))
}

/// Whether a unit state means it starts by itself.
pub(crate) fn unit_on(state: &str) -> bool {
    matches!(
        state,
        "enabled" | "enabled-runtime" | "static" | "alias" | "indirect" | "generated"
    )
}

/// `[section]`/`key=value` lines of an INI-style file, as (section, key, value).
pub(crate) fn parse_ini(text: &str) -> Vec<(String, String, String)> {
    let mut section = String::new();
    let mut out = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(s) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            s.clone_into(&mut section);
        } else if let Some((k, v)) = line.split_once('=') {
            out.push((section.clone(), k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    out
}

/// A true/false setting as KConfig, GDM and LightDM read it: `Some(true)` for
/// `true`/`yes`/`on`/`1`, `Some(false)` for `false`/`no`/`off`/`0`, `None` for anything else.
pub(crate) fn config_bool(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "1" => Some(true),
        "false" | "no" | "off" | "0" => Some(false),
        _ => None,
    }
}

/// The sign-in screen (display manager) that starts the desktop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DisplayManager {
    /// GNOME's GDM (gdm3 on Debian and Ubuntu).
    Gdm,
    /// LightDM.
    LightDm,
    /// SDDM (KDE).
    Sddm,
    /// Another one, by name.
    Other(String),
}

impl DisplayManager {
    /// The display manager named by a path or unit name such as `/usr/sbin/gdm3` or
    /// `gdm.service`.
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        let base = name
            .trim()
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".service");
        match base {
            "" => None,
            "gdm" | "gdm3" => Some(Self::Gdm),
            "lightdm" => Some(Self::LightDm),
            "sddm" => Some(Self::Sddm),
            other => Some(Self::Other(other.to_owned())),
        }
    }

    /// Its name for the clerk.
    pub(crate) fn name(&self) -> &str {
        match self {
            Self::Gdm => "GDM",
            Self::LightDm => "LightDM",
            Self::Sddm => "SDDM",
            Self::Other(name) => name,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn fixture(name: &str) -> String {
        let path = format!("{}/tests/fixtures/linux/{name}", env!("CARGO_MANIFEST_DIR"));
        crate::files::read_text_capped(std::path::Path::new(&path), 1 << 20)
            .unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn os_releases_are_judged_against_the_table() {
        let f = os_supported(&Ok(fixture("os-release_debian12")), date("2026-11-24"));
        assert_eq!(f.verdict, super::super::Verdict::Warn, "{}", f.evidence);
        assert!(f.evidence.contains("Debian LTS"));
        let f = os_supported(&Ok(fixture("os-release_ubuntu2204")), date("2026-11-24"));
        assert_eq!(f.verdict, super::super::Verdict::Pass, "{}", f.evidence);
        assert!(f.evidence.contains("Based on: the system's version file"));
        let f = os_supported(&Ok(fixture("os-release_mint21")), date("2026-11-24"));
        assert_eq!(f.verdict, super::super::Verdict::Pass, "{}", f.evidence);
        // Fedora 40 is not in the table: unknown, never supported.
        let f = os_supported(&Ok(fixture("os-release_fedora40")), date("2026-11-24"));
        assert_eq!(f.verdict, super::super::Verdict::Unknown, "{}", f.evidence);
        assert!(f.evidence.contains("as of August 2026"));
        let f = os_supported(&Ok("garbage\u{1}".to_owned()), date("2026-11-24"));
        assert_eq!(f.verdict, super::super::Verdict::Unknown);
        let f = os_supported(&Ok(String::new()), date("2026-11-24"));
        assert_eq!(f.verdict, super::super::Verdict::Unknown);
        assert_eq!(family(&fixture("os-release_mint21")), Family::Debian);
        assert_eq!(family(&fixture("os-release_fedora40")), Family::Fedora);
    }

    #[test]
    fn kconfig_booleans_and_display_managers() {
        for v in ["False", "no", "off", "0"] {
            assert_eq!(config_bool(v), Some(false), "{v}");
        }
        for v in ["true", "Yes", "ON", "1"] {
            assert_eq!(config_bool(v), Some(true), "{v}");
        }
        assert_eq!(config_bool("maybe"), None);
        assert_eq!(
            DisplayManager::from_name("/usr/sbin/gdm3\n"),
            Some(DisplayManager::Gdm)
        );
        assert_eq!(
            DisplayManager::from_name("lightdm.service"),
            Some(DisplayManager::LightDm)
        );
        assert_eq!(DisplayManager::from_name(" "), None);
    }
}
