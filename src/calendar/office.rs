//! The office's election calendar as the front ends need it: the regular elections and the
//! office's special elections, the policy's window, the sign-offs in the records, and what is
//! due — read in one place, off the UI thread, with every file problem in plain words.

use chrono::{Datelike as _, NaiveDate};

use super::days::election_days;
use super::due::{DueReport, due, election_preceded_by};
use super::model::ElectionDay;
use super::records::{SignoffScan, signoffs_in};
use super::special::read_elections_file;
use crate::checks::Policy;
use crate::paths::DataDir;
use crate::records::{ElectionRef, verify};

/// The election days and the policy's window: what a sign-off is matched against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// Election days, by date.
    pub days: Vec<ElectionDay>,
    /// How many days before an election a sign-off counts for it.
    pub window_days: u32,
}

impl Schedule {
    /// The election a sign-off on `signed` (the clerk's local date) precedes, as a record names
    /// it: the first election day on or after it whose window holds it.
    pub fn election_for(&self, signed: NaiveDate) -> Option<ElectionRef> {
        election_preceded_by(signed, &self.days, self.window_days).map(|day| ElectionRef {
            name: day.name(),
            date: day.date,
        })
    }
}

/// Everything the calendar says for an office on a day.
#[derive(Debug, Clone)]
pub struct OfficeCalendar {
    /// The day it is for.
    pub today: NaiveDate,
    /// The elections and the window.
    pub schedule: Schedule,
    /// The sign-offs counted, and the records not counted.
    pub scan: SignoffScan,
    /// What is due.
    pub report: DueReport,
    /// Files that could not be used (`policy.ron`, `elections.ron`), in plain words naming
    /// `file:line:col`; the regular calendar and the default window apply meanwhile.
    pub problems: Vec<String>,
}

impl OfficeCalendar {
    /// Reads the policy's window, the office's special elections and the records of `data`, and
    /// works out what is due on `today`.
    pub fn load(data: &DataDir, today: NaiveDate) -> Self {
        let mut problems = Vec::new();
        let policy = Policy::load(&data.policy_file());
        problems.extend(policy.problem);
        let window_days = policy.policy.signoff_days_before_election;
        let specials = read_elections_file(&data.elections_file()).unwrap_or_else(|err| {
            problems.push(format!(
                "{err}. Its special elections are left out until it is fixed; the regular \
                 calendar still applies"
            ));
            Vec::new()
        });
        let listing = data.record_store().list();
        let scan = signoffs_in(&listing, &verify(&listing));
        // From the year of the first sign-off (for the past elections it covered), or last year
        // if that is earlier (so the last election is always known), to the end of next year (so
        // at least two upcoming elections are always listed).
        let last_year = today.year() - 1;
        let first_year = scan
            .signoffs
            .iter()
            .map(|s| s.date.year())
            .min()
            .map_or(last_year, |year| year.min(last_year))
            .max(super::special::FIRST_YEAR.min(last_year));
        let days = election_days(first_year..=today.year() + 1, &specials);
        let report = due(today, &days, &scan.signoffs, window_days);
        Self {
            today,
            schedule: Schedule { days, window_days },
            scan,
            report,
            problems,
        }
    }
}
