//! The office's calendar: the regular elections of the years asked for and the office's special
//! elections, merged into election days.

use std::ops::RangeInclusive;

use super::model::{Election, ElectionDay};
use super::wisconsin::regular_elections;

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

#[cfg(test)]
#[expect(
    clippy::disallowed_methods,
    reason = "tests write and read their fixture files directly"
)]
mod tests {
    use super::*;
    use crate::calendar::model::{ElectionKind, long_date};
    use chrono::NaiveDate;

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
