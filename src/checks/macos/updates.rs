//! macOS update facts: the software-update switches, the last update installed (from the
//! install history, which every user may read), and updates waiting. The shared rules in
//! [`crate::checks::judge`] judge them.

use chrono::{DateTime, Utc};

use super::{OS, defaults_value};
use crate::checks::finding::{Probe, RawLog, judged};
use crate::checks::judge::{self, Automatic, Restart, Sourced, UpdateFacts};
use crate::checks::{CheckId, Finding, Policy, Verdict};

const SETTINGS: &str = "the Mac's software-update settings";

/// A software-update switch as the settings file records it: `Some(true)` for `1`/`true`,
/// `Some(false)` for `0`/`false`, `None` when the key is not in the file. A missing key is
/// never taken as Apple's default: a Pass rests on what was read.
pub(crate) fn switch(text: &str, key: &str) -> Option<bool> {
    defaults_value(text, key).map(|v| v != "0" && v != "false")
}

/// Whether updates install automatically, from `defaults read
/// /Library/Preferences/com.apple.SoftwareUpdate`.
pub(crate) fn automatic(defaults: &Probe) -> Sourced<Automatic> {
    let text = match defaults {
        Ok(t) if t.trim_start().starts_with('{') => t,
        Ok(_) => {
            return Sourced::unread("the software-update settings were not understood", SETTINGS);
        }
        Err(e) => return Sourced::unread(e.clone(), SETTINGS),
    };
    let keys = [
        "AutomaticCheckEnabled",
        "CriticalUpdateInstall",
        "AutomaticDownload",
        "AutomaticallyInstallMacOSUpdates",
    ];
    let [check, critical, download, install] = keys.map(|k| switch(text, k));
    let value = if check == Some(false) {
        Automatic::Off("The Mac does not check for updates automatically".to_owned())
    } else if critical == Some(false) {
        Automatic::Off(
            "Security responses and system files are not installed automatically".to_owned(),
        )
    } else if download == Some(false) || install == Some(false) {
        Automatic::Off(
            "Security responses install automatically, but macOS updates wait for someone to install them"
                .to_owned(),
        )
    } else if check.is_some() && critical.is_some() && download.is_some() && install.is_some() {
        Automatic::On("macOS checks for, downloads and installs updates automatically".to_owned())
    } else {
        return Sourced::unread(
            "the software-update settings do not record every automatic-update switch (open System Settings › General › Software Update › Automatic updates once, so the Mac writes them down)",
            SETTINGS,
        );
    };
    Sourced::read(value, SETTINGS)
}

/// The entries of `/Library/Receipts/InstallHistory.plist` (an XML property list): each
/// install's name and date. An entry without a readable date is skipped; a file that is not a
/// property list is an error.
pub(crate) fn install_history(xml: &str) -> Result<Vec<(String, DateTime<Utc>)>, String> {
    if !xml.contains("<plist") {
        return Err("the install history is not a property list".to_owned());
    }
    let mut out = Vec::new();
    for dict in xml.split("<dict>").skip(1) {
        let dict = dict.split("</dict>").next().unwrap_or("");
        let value_after = |key: &str, tag: &str| {
            let rest = dict.split(&format!("<key>{key}</key>")).nth(1)?;
            let rest = rest.trim_start().strip_prefix(&format!("<{tag}>"))?;
            rest.split(&format!("</{tag}>")).next().map(str::trim)
        };
        let (Some(name), Some(date)) = (
            value_after("displayName", "string"),
            value_after("date", "date"),
        ) else {
            continue;
        };
        if let Ok(at) = DateTime::parse_from_rfc3339(date) {
            out.push((name.to_owned(), at.with_timezone(&Utc)));
        }
    }
    Ok(out)
}

/// Background data updates (XProtect signatures, Gatekeeper and compatibility data) that install
/// nearly every day: they do not show that macOS itself is kept up to date.
fn data_only(name: &str) -> bool {
    [
        "XProtect",
        "Gatekeeper",
        "MRT",
        "Compatibility",
        "ConfigData",
        "Bridge OS",
    ]
    .iter()
    .any(|d| name.contains(d))
}

/// When the last macOS or app update (not a background data update) was installed.
pub(crate) fn last_installed(history: &Result<String, String>) -> Sourced<Option<DateTime<Utc>>> {
    const SOURCE: &str = "the Mac's install history";
    let entries = match history
        .as_ref()
        .map_err(Clone::clone)
        .and_then(|x| install_history(x))
    {
        Ok(e) => e,
        Err(why) => return Sourced::unread(why, SOURCE),
    };
    Sourced::read(
        entries
            .iter()
            .filter(|(name, _)| !data_only(name))
            .map(|(_, at)| *at)
            .max(),
        SOURCE,
    )
}

/// The update facts of this Mac.
pub(crate) fn facts(defaults: &Probe, history: &Result<String, String>) -> UpdateFacts {
    UpdateFacts {
        automatic: automatic(defaults),
        last_installed: last_installed(history),
        restart: Sourced::read(
            Restart::NotExposed(
                "macOS does not tell, without administrator rights, whether a restart is pending"
                    .to_owned(),
            ),
            "-",
        ),
    }
}

/// The raw evidence of the update facts.
pub(crate) fn raw(defaults: &Probe, history: &Result<String, String>) -> RawLog {
    let mut raw = RawLog::new();
    raw.add(
        "defaults read /Library/Preferences/com.apple.SoftwareUpdate",
        defaults,
    );
    let entries = history
        .as_ref()
        .map_err(Clone::clone)
        .and_then(|x| install_history(x));
    raw.add(
        "/Library/Receipts/InstallHistory.plist (newest 20)",
        &entries.map(|mut e| {
            e.sort_by_key(|(_, at)| std::cmp::Reverse(*at));
            e.iter()
                .take(20)
                .map(|(n, at)| format!("{} {n}", at.to_rfc3339()))
                .collect::<Vec<_>>()
                .join("\n")
        }),
    );
    raw
}

/// `auto-updates` on macOS.
pub(crate) fn auto_updates(
    facts: &UpdateFacts,
    raw: RawLog,
    policy: &Policy,
    now: DateTime<Utc>,
) -> Finding {
    judged(
        CheckId::AutoUpdates,
        OS,
        judge::auto_updates(facts, policy, now),
        raw,
    )
}

/// `recent-updates` on macOS: the shared rule, and a warning while recommended updates wait.
pub(crate) fn recent_updates(
    facts: &UpdateFacts,
    defaults: &Probe,
    raw: RawLog,
    policy: &Policy,
    now: DateTime<Utc>,
) -> Finding {
    let mut j = judge::recent_updates(facts, policy, now);
    let waiting: u32 = defaults
        .as_deref()
        .ok()
        .and_then(|t| defaults_value(t, "LastRecommendedUpdatesAvailable"))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    if waiting > 0 {
        j.evidence.push_str(&format!(
            "; {waiting} recommended update(s) were waiting to be installed at the last check"
        ));
        j.verdict = judge::worst(j.verdict, Verdict::Warn);
    }
    judged(CheckId::RecentUpdates, OS, j, raw)
}
