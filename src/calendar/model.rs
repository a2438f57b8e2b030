//! The calendar's types: an election, an election day (the unit a sign-off covers), and dates
//! in words.

use std::fmt;

use chrono::NaiveDate;

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

/// A date in words, the way a US office writes it: "February 16, 2027". The same in every
/// locale.
pub fn long_date(date: NaiveDate) -> String {
    date.format("%B %-d, %Y").to_string()
}
