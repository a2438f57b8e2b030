//! The dated end-of-support table (`assets/end-of-support.ron`, compiled in) and the pure rule
//! that judges a release against it. A release missing from the table is Unknown, never
//! "supported"; every finding says how old the table is.

use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::Deserialize;

use super::Verdict;

/// The table's text, compiled into the program.
const TABLE_RON: &str = include_str!("../../assets/end-of-support.ron");

/// Days before the end of support from which a still-supported release gives a warning.
const SOON_DAYS: i64 = 90;

/// Months after which a table without an end date for a release is too old to vouch for it.
const STALE_MONTHS: i64 = 12;

/// One release in the table.
#[expect(
    clippy::struct_field_names,
    reason = "the field names are the keys of the shipped table file"
)]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Release {
    /// Product key: `windows-home-pro`, `windows-enterprise`, `windows-ltsc`, `macos`, or an
    /// os-release `ID`.
    pub(crate) product: String,
    /// Release key: Windows build, macOS major version, or os-release `VERSION_ID`.
    pub(crate) release: String,
    /// The name shown to the clerk.
    pub(crate) name: String,
    /// End of regular security support; `None` = supported with no end announced.
    pub(crate) ends: Option<NaiveDate>,
    /// End of extended (paid or volunteer) support, if any.
    pub(crate) extended_ends: Option<NaiveDate>,
    /// Name of the extended support ("Debian LTS", "Extended Security Updates (ESU)").
    pub(crate) extended_name: Option<String>,
}

/// The whole table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Table {
    /// The date the table's data was taken.
    pub(crate) as_of: NaiveDate,
    /// The releases.
    pub(crate) entries: Vec<Release>,
}

impl Table {
    /// The table compiled into this program (`None` only if the asset is broken, which a test
    /// rules out).
    pub(crate) fn shipped() -> Option<&'static Self> {
        static TABLE: OnceLock<Option<Table>> = OnceLock::new();
        TABLE
            .get_or_init(|| match ron::from_str(TABLE_RON) {
                Ok(t) => Some(t),
                Err(e) => {
                    log::error!("assets/end-of-support.ron:{}: {}", e.span, e.code);
                    None
                }
            })
            .as_ref()
    }

    /// Finds a release.
    pub(crate) fn find(&self, product: &str, release: &str) -> Option<&Release> {
        self.entries
            .iter()
            .find(|r| r.product == product && r.release == release)
    }

    /// "end-of-support table as of August 2026".
    pub(crate) fn age_note(&self) -> String {
        format!("end-of-support table as of {}", self.as_of.format("%B %Y"))
    }
}

/// Judges `release` (found in `table`, or `None` when missing, described by `shown`) on `today`.
pub(crate) fn judge(
    table: &Table,
    release: Option<&Release>,
    shown: &str,
    today: NaiveDate,
) -> (Verdict, String) {
    let note = table.age_note();
    let Some(r) = release else {
        return (
            Verdict::Unknown,
            format!(
                "{shown} is not in clerkcheck's {note}, so whether it still gets security updates is not known"
            ),
        );
    };
    let day = |d: NaiveDate| d.format("%B %-d, %Y").to_string();
    let Some(ends) = r.ends else {
        let months = (today - table.as_of).num_days() / 30;
        if months > STALE_MONTHS {
            return (
                Verdict::Warn,
                format!(
                    "{} was supported when clerkcheck's {note} was made, but that table is {months} months old; newer versions may have replaced it",
                    r.name
                ),
            );
        }
        return (
            Verdict::Pass,
            format!("{} still gets security updates ({note})", r.name),
        );
    };
    if today <= ends {
        let left = (ends - today).num_days();
        if left <= SOON_DAYS {
            return (
                Verdict::Warn,
                format!(
                    "{} gets security updates only until {} ({left} days left; {note})",
                    r.name,
                    day(ends)
                ),
            );
        }
        return (
            Verdict::Pass,
            format!(
                "{} gets security updates until {} ({note})",
                r.name,
                day(ends)
            ),
        );
    }
    match (r.extended_ends, &r.extended_name) {
        (Some(ext), Some(ext_name)) if today <= ext => (
            Verdict::Warn,
            format!(
                "{}: regular support ended {}; only {ext_name} continues, until {} ({note})",
                r.name,
                day(ends),
                day(ext)
            ),
        ),
        _ => (
            Verdict::Fail,
            format!(
                "{} stopped getting security updates on {} ({note})",
                r.name,
                day(ends)
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_shipped_table_loads_and_is_dated() {
        let t = Table::shipped().unwrap();
        assert_eq!(t.as_of, d("2026-08-01"));
        assert_eq!(t.age_note(), "end-of-support table as of August 2026");
        assert!(t.find("debian", "12").is_some());
        assert!(t.find("windows-home-pro", "26100").is_some());
    }

    #[test]
    fn debian_12_is_in_lts_after_july_2026() {
        let t = Table::shipped().unwrap();
        let r = t.find("debian", "12");
        let (v, text) = judge(t, r, "Debian 12", d("2026-11-24"));
        assert_eq!(v, Verdict::Warn);
        assert!(text.contains("Debian LTS"), "{text}");
        assert!(text.contains("June 30, 2028"), "{text}");
        assert_eq!(judge(t, r, "Debian 12", d("2026-01-01")).0, Verdict::Pass);
        assert_eq!(judge(t, r, "Debian 12", d("2026-06-01")).0, Verdict::Warn);
        assert_eq!(judge(t, r, "Debian 12", d("2028-07-01")).0, Verdict::Fail);
    }

    #[test]
    fn a_missing_release_is_unknown_never_supported() {
        let t = Table::shipped().unwrap();
        let (v, text) = judge(t, t.find("debian", "99"), "Debian 99", d("2026-11-24"));
        assert_eq!(v, Verdict::Unknown);
        assert!(text.contains("as of August 2026"), "{text}");
    }

    #[test]
    fn undated_releases_pass_only_while_the_table_is_fresh() {
        let t = Table::shipped().unwrap();
        let r = t.find("macos", "15");
        assert_eq!(judge(t, r, "macOS 15", d("2026-11-24")).0, Verdict::Pass);
        assert_eq!(judge(t, r, "macOS 15", d("2028-01-01")).0, Verdict::Warn);
    }

    #[test]
    fn every_older_windows_10_and_11_build_fails_on_every_track() {
        // Wine reports build 18362 (Windows 10 1903); real offices still run old builds.
        let t = Table::shipped().unwrap();
        for build in [
            "10240", "10586", "14393", "15063", "16299", "17134", "17763", "18362", "18363",
            "19041", "19042", "19043", "19044", "22000",
        ] {
            for track in ["windows-home-pro", "windows-enterprise"] {
                let r = t.find(track, build);
                assert!(r.is_some(), "{track} {build} is missing");
                let (v, text) = judge(t, r, build, d("2026-11-25"));
                assert_eq!(v, Verdict::Fail, "{track} {build}: {text}");
                assert!(text.contains("stopped getting security updates"), "{text}");
            }
        }
        let ltsc_2016 = t.find("windows-ltsc", "14393");
        assert_eq!(
            judge(t, ltsc_2016, "LTSB", d("2026-11-25")).0,
            Verdict::Fail
        );
        let ltsc_2019 = t.find("windows-ltsc", "17763");
        assert_eq!(
            judge(t, ltsc_2019, "LTSC", d("2026-11-25")).0,
            Verdict::Pass
        );
    }
}
