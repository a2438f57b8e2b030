//! The election calendar and what is due before each election.
//!
//! - [`wisconsin`]: Wisconsin's regular elections, computed from the statutes (never typed in).
//! - [`special`]: the office's own special elections, from `elections.ron` in the data folder.
//! - [`due`]: given today, the elections and the office's sign-offs, whether a sign-off is due,
//!   which elections are covered, and how long since the last sign-off.
//! - [`window`]: the policy's window (how many days before an election a sign-off counts).
//!
//! Everything here is pure except reading `elections.ron`: no clock is read ("today" is always
//! passed in, as a date in the clerk's local time) and nothing here knows about the UI.

pub mod due;
pub mod office;
pub mod records;
pub mod special;
pub mod window;
pub mod wisconsin;

use std::fmt;
use std::ops::RangeInclusive;

use chrono::NaiveDate;

pub use due::{
    DueReport, DueStatus, ElectionStatus, SignOffDate, days_ago_words, due, election_preceded_by,
    in_days_words,
};
pub use office::{OfficeCalendar, Schedule};
pub use records::{NotCounted, SignoffScan, signoffs_in};
pub use special::{ElectionsFileError, parse_elections, read_elections_file};
pub use window::{
    DEFAULT_WINDOW_DAYS, MAX_WINDOW_DAYS, deserialize_window_days, validate_window_days,
    window_opens,
};
pub use wisconsin::regular_elections;

/// What kind of election a day holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ElectionKind {
    /// The spring primary (third Tuesday in February).
    SpringPrimary,
    /// The spring election (first Tuesday in April).
    SpringElection,
    /// The spring election of a presidential year, which also holds the presidential preference
    /// vote: one election day, one entry.
    SpringElectionWithPresidentialPreference,
    /// The partisan primary (second Tuesday in August, even years).
    PartisanPrimary,
    /// The general election (Tuesday after the first Monday in November, even years).
    GeneralElection,
    /// A special election the office added in `elections.ron`.
    Special,
}

impl ElectionKind {
    /// The name shown to the clerk, e.g. "Spring primary".
    pub fn label(self) -> &'static str {
        match self {
            Self::SpringPrimary => "Spring primary",
            Self::SpringElection => "Spring election",
            Self::SpringElectionWithPresidentialPreference => {
                "Spring election and presidential preference vote"
            }
            Self::PartisanPrimary => "Partisan primary",
            Self::GeneralElection => "General election",
            Self::Special => "Special election",
        }
    }

    /// A stable id for files and JSON, e.g. `spring-primary`.
    pub fn id(self) -> &'static str {
        match self {
            Self::SpringPrimary => "spring-primary",
            Self::SpringElection => "spring-election",
            Self::SpringElectionWithPresidentialPreference => {
                "spring-election-presidential-preference"
            }
            Self::PartisanPrimary => "partisan-primary",
            Self::GeneralElection => "general-election",
            Self::Special => "special",
        }
    }

    /// The statute that sets the date, e.g. "Wis. Stat. § 5.02(22)"; empty for a special
    /// election (its date is set when it is called).
    pub fn citation(self) -> &'static str {
        match self {
            Self::SpringPrimary => "Wis. Stat. § 5.02(22)",
            Self::SpringElection => "Wis. Stat. § 5.02(21)",
            Self::SpringElectionWithPresidentialPreference => "Wis. Stat. §§ 5.02(21), 8.12",
            Self::PartisanPrimary => "Wis. Stat. § 5.02(12s)",
            Self::GeneralElection => "Wis. Stat. § 5.02(5)",
            Self::Special => "",
        }
    }

    /// True for the elections the statutes set every year (everything but special elections).
    pub fn is_regular(self) -> bool {
        self != Self::Special
    }
}

/// One election: its date, kind and name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Election {
    /// The election day.
    pub date: NaiveDate,
    /// What kind of election it is.
    pub kind: ElectionKind,
    /// Its name as shown: the kind's label for a regular election, the office's name for a
    /// special one (e.g. "Special election, Assembly District 7").
    pub name: String,
}

impl Election {
    /// A regular election, named by its kind.
    pub fn regular(kind: ElectionKind, date: NaiveDate) -> Self {
        Self {
            date,
            kind,
            name: kind.label().to_owned(),
        }
    }

    /// A special election with the office's name for it.
    pub fn special(name: impl Into<String>, date: NaiveDate) -> Self {
        Self {
            date,
            kind: ElectionKind::Special,
            name: name.into(),
        }
    }
}

/// Every election held on one day: the unit a sign-off covers. A special election held on the
/// day of a regular one shares its day.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ElectionDay {
    /// The day.
    pub date: NaiveDate,
    /// The elections that day, regular ones first; never empty, no two with the same name.
    pub elections: Vec<Election>,
}

impl ElectionDay {
    /// The day's name, e.g. "Spring election", or "Spring election and Special election,
    /// Assembly District 7" when a special election shares the day.
    pub fn name(&self) -> String {
        self.elections
            .iter()
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>()
            .join(" and ")
    }

    /// True when a regular (statutory) election is held that day.
    pub fn has_regular(&self) -> bool {
        self.elections.iter().any(|e| e.kind.is_regular())
    }
}

impl fmt::Display for ElectionDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, {}", self.name(), long_date(self.date))
    }
}

/// The election days of the regular elections of `years` plus the `specials` that fall in those
/// years, by date. Elections on the same day are one [`ElectionDay`]; a special election with the
/// same name (ignoring case) as another election that day is listed once.
pub fn election_days(years: RangeInclusive<i32>, specials: &[Election]) -> Vec<ElectionDay> {
    use chrono::Datelike as _;

    let mut all: Vec<Election> = years.clone().flat_map(regular_elections).collect();
    all.extend(
        specials
            .iter()
            .filter(|e| years.contains(&e.date.year()))
            .cloned(),
    );
    // Regular before special on the same day (ElectionKind orders Special last), then by name.
    all.sort_by(|a, b| (a.date, a.kind, &a.name).cmp(&(b.date, b.kind, &b.name)));

    let mut days: Vec<ElectionDay> = Vec::new();
    for election in all {
        match days.last_mut() {
            Some(day) if day.date == election.date => {
                let duplicate = day
                    .elections
                    .iter()
                    .any(|e| e.name.to_lowercase() == election.name.to_lowercase());
                if !duplicate {
                    day.elections.push(election);
                }
            }
            _ => days.push(ElectionDay {
                date: election.date,
                elections: vec![election],
            }),
        }
    }
    days
}

/// A date in words, the way a US office writes it: "February 16, 2027". The same in every
/// locale.
pub fn long_date(date: NaiveDate) -> String {
    date.format("%B %-d, %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn long_dates_are_written_out() {
        assert_eq!(long_date(d("2027-02-16")), "February 16, 2027");
        assert_eq!(long_date(d("2026-12-01")), "December 1, 2026");
    }

    #[test]
    fn a_special_election_on_a_regular_election_day_shares_the_day() {
        let specials = [
            Election::special("Special election, Assembly District 7", d("2027-04-06")),
            Election::special("Special primary, Senate District 4", d("2027-03-02")),
            Election::special("Next century", d("2101-04-05")),
        ];
        let days = election_days(2027..=2027, &specials);
        let dates: Vec<String> = days.iter().map(|day| day.date.to_string()).collect();
        assert_eq!(dates, ["2027-02-16", "2027-03-02", "2027-04-06"]);
        assert_eq!(
            days[2].name(),
            "Spring election and Special election, Assembly District 7"
        );
        assert!(days[2].has_regular());
        assert!(!days[1].has_regular());
        assert_eq!(
            days[2].to_string(),
            "Spring election and Special election, Assembly District 7, April 6, 2027"
        );
    }

    #[test]
    fn an_added_election_with_a_regular_name_is_listed_once() {
        let specials = [
            Election::special("spring election", d("2027-04-06")),
            Election::special("Recall", d("2027-04-06")),
            Election::special("Recall", d("2027-04-06")),
        ];
        let days = election_days(2027..=2027, &specials);
        assert_eq!(days[1].name(), "Spring election and Recall");
    }

    #[test]
    fn every_kind_has_a_label_an_id_and_a_citation() {
        let kinds = [
            ElectionKind::SpringPrimary,
            ElectionKind::SpringElection,
            ElectionKind::SpringElectionWithPresidentialPreference,
            ElectionKind::PartisanPrimary,
            ElectionKind::GeneralElection,
        ];
        for kind in kinds {
            assert!(!kind.label().is_empty());
            assert!(kind.citation().starts_with("Wis. Stat."), "{kind:?}");
            assert!(kind.is_regular());
        }
        let ids: std::collections::BTreeSet<_> = kinds.iter().map(|k| k.id()).collect();
        assert_eq!(ids.len(), kinds.len());
        assert!(!ElectionKind::Special.is_regular());
    }

    #[test]
    fn the_calendar_never_imports_the_ui_or_the_command_line() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/calendar");
        // Spelled in pieces so that this test does not find itself.
        let banned = [
            ["eg", "ui"].concat(),
            ["efr", "ame"].concat(),
            ["rfd", "::"].concat(),
            ["crate::", "ui"].concat(),
            ["crate::", "cli"].concat(),
        ];
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for banned in &banned {
                    assert!(
                        !code.contains(banned.as_str()),
                        "{}:{}: uses {banned}: {line}",
                        path.display(),
                        n + 1
                    );
                }
            }
            checked += 1;
        }
        assert!(checked >= 5, "{checked} files checked");
    }
}
