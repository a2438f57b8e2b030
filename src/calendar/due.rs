//! What is due: given today, the elections and the office's sign-offs, is a sign-off due?
//!
//! Rules (all dates are the clerk's local dates; no clock is read here):
//!
//! - A sign-off on day `S` **covers** an election on day `E` when it falls in the election's
//!   window, `E - window ≤ S ≤ E` (see [`super::window`]). A sign-off on election day counts.
//!   One sign-off may cover several elections whose windows overlap (the spring primary and the
//!   spring election are seven weeks apart, so a sign-off in February can cover both).
//! - Elections on the same day are one [`ElectionDay`] (the spring election and the presidential
//!   preference vote; a special election held with a regular one): one sign-off covers the day.
//! - A sign-off is **due** when an upcoming election's window is open today (it opened on or
//!   before today; the election is today or later) and no sign-off falls in that window yet. The
//!   window opening today counts as open. When several open windows are uncovered, the earliest
//!   election is named (its window closes first); one sign-off today covers them all.
//! - Sign-offs dated after today are not counted (they happen when "today" is set in the past,
//!   e.g. `clerkcheck due --on`, or when a computer's clock was wrong); the report counts them.
//! - Which sign-offs count at all (e.g. not an altered record) is the caller's decision: only
//!   the sign-offs passed in are considered.

use chrono::NaiveDate;

use super::model::{ElectionDay, long_date};
use super::window::window_opens;

/// One sign-off: the local date it was signed on, and the record that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SignOffDate {
    /// The local date of the signing.
    pub date: NaiveDate,
    /// The record's sequence number, to open it.
    pub record_sequence: u64,
}

/// An election day and whether a sign-off covers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElectionStatus {
    /// The election day.
    pub day: ElectionDay,
    /// The first day a sign-off counts for it.
    pub window_opens: NaiveDate,
    /// Days from today to the election: 0 on election day, negative once it has passed.
    pub days_until: i64,
    /// The latest sign-off in its window (on or before today), if any.
    pub covered_by: Option<SignOffDate>,
}

impl ElectionStatus {
    /// True when a sign-off covers the election.
    pub fn is_covered(&self) -> bool {
        self.covered_by.is_some()
    }
}

/// Whether a sign-off is due, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DueStatus {
    /// A sign-off is due: `election`'s window is open and holds no sign-off. Sign off between
    /// `opens` and `closes` (the election day); signing today covers it.
    Due {
        /// The earliest upcoming election whose open window holds no sign-off.
        election: ElectionDay,
        /// The window's first day (today or earlier).
        opens: NaiveDate,
        /// The window's last day: the election day.
        closes: NaiveDate,
    },
    /// Not due: the next election's window is open and a sign-off in it covers it.
    Covered {
        /// The next election.
        election: ElectionDay,
        /// The sign-off that covers it (the latest in its window).
        by: SignOffDate,
    },
    /// Not due yet: the window before the next election opens later.
    NotYet {
        /// The next election.
        election: ElectionDay,
        /// The day its window opens.
        opens: NaiveDate,
    },
    /// No election is known after today (the calendar given ends before today).
    NoUpcomingElection,
}

/// Everything [`due`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueReport {
    /// The day it was worked out for.
    pub today: NaiveDate,
    /// The window used, in days.
    pub window_days: u32,
    /// Whether a sign-off is due.
    pub status: DueStatus,
    /// Elections today or later, by date, each with its coverage so far.
    pub upcoming: Vec<ElectionStatus>,
    /// Elections before today, by date, each with whether a sign-off covered it (for History).
    pub past: Vec<ElectionStatus>,
    /// The latest sign-off on or before today.
    pub last_signoff: Option<SignOffDate>,
    /// Days from the last sign-off to today (0 when signed today).
    pub days_since_last_signoff: Option<i64>,
    /// Sign-offs dated after today, which were not counted.
    pub signoffs_after_today: usize,
}

impl DueReport {
    /// True when a sign-off is due now.
    pub fn is_due(&self) -> bool {
        matches!(self.status, DueStatus::Due { .. })
    }

    /// The next election (today or later), if any.
    pub fn next(&self) -> Option<&ElectionStatus> {
        self.upcoming.first()
    }

    /// One plain sentence on whether a sign-off is due, e.g. "A sign-off is due: sign off
    /// between December 18, 2026 and February 16, 2027 (within 60 days before the Spring
    /// primary)."
    pub fn status_sentence(&self) -> String {
        let window = self.window_days;
        match &self.status {
            DueStatus::Due {
                election,
                opens,
                closes,
            } => format!(
                "A sign-off is due: sign off between {} and {} (within {window} days before the \
                 {}).",
                long_date(*opens),
                long_date(*closes),
                election.name()
            ),
            DueStatus::Covered { election, by } => format!(
                "No sign-off is due: your sign-off of {} covers the {} of {}.",
                long_date(by.date),
                election.name(),
                long_date(election.date)
            ),
            DueStatus::NotYet { election, opens } => format!(
                "No sign-off is due yet: the window for the {} opens on {} ({window} days before \
                 it).",
                election.name(),
                long_date(*opens)
            ),
            DueStatus::NoUpcomingElection => format!(
                "No sign-off is due: no election is known after {}.",
                long_date(self.today)
            ),
        }
    }
}

/// Days ahead in words: "today", "tomorrow", "in 12 days".
pub fn in_days_words(days: i64) -> String {
    match days {
        0 => "today".to_owned(),
        1 => "tomorrow".to_owned(),
        n => format!("in {n} days"),
    }
}

/// Days back in words: "today", "yesterday", "12 days ago".
pub fn days_ago_words(days: i64) -> String {
    match days {
        0 => "today".to_owned(),
        1 => "yesterday".to_owned(),
        n => format!("{n} days ago"),
    }
}

/// Works out what is due on `today` from the election days (regular and special, e.g. from
/// [`super::election_days`]), the office's counted sign-offs and the window in days.
pub fn due(
    today: NaiveDate,
    days: &[ElectionDay],
    signoffs: &[SignOffDate],
    window_days: u32,
) -> DueReport {
    let mut counted: Vec<SignOffDate> = signoffs
        .iter()
        .copied()
        .filter(|s| s.date <= today)
        .collect();
    counted.sort();
    let signoffs_after_today = signoffs.len() - counted.len();
    let last_signoff = counted.last().copied();

    let mut days: Vec<&ElectionDay> = days.iter().collect();
    days.sort_by_key(|day| day.date);
    let statuses = days.into_iter().map(|day| {
        let opens = window_opens(day.date, window_days);
        let last_counted_day = day.date.min(today);
        let covered_by = counted
            .iter()
            .rev()
            .find(|s| opens <= s.date && s.date <= last_counted_day)
            .copied();
        ElectionStatus {
            day: day.clone(),
            window_opens: opens,
            days_until: day.date.signed_duration_since(today).num_days(),
            covered_by,
        }
    });
    let (past, upcoming): (Vec<_>, Vec<_>) = statuses.partition(|s| s.day.date < today);

    let uncovered_open = upcoming
        .iter()
        .find(|s| s.window_opens <= today && s.covered_by.is_none());
    let status = match (uncovered_open, upcoming.first()) {
        (Some(open), _) => DueStatus::Due {
            election: open.day.clone(),
            opens: open.window_opens,
            closes: open.day.date,
        },
        (None, Some(next)) => match next.covered_by {
            Some(by) => DueStatus::Covered {
                election: next.day.clone(),
                by,
            },
            None => DueStatus::NotYet {
                election: next.day.clone(),
                opens: next.window_opens,
            },
        },
        (None, None) => DueStatus::NoUpcomingElection,
    };

    DueReport {
        today,
        window_days,
        status,
        upcoming,
        past,
        last_signoff,
        days_since_last_signoff: last_signoff
            .map(|s| today.signed_duration_since(s.date).num_days()),
        signoffs_after_today,
    }
}

/// The election a sign-off on `signed` precedes: the first election day on or after it whose
/// window holds it. `None` when the sign-off is in no election's window (for the certification:
/// it then names no election).
pub fn election_preceded_by(
    signed: NaiveDate,
    days: &[ElectionDay],
    window_days: u32,
) -> Option<&ElectionDay> {
    days.iter()
        .filter(|day| day.date >= signed && window_opens(day.date, window_days) <= signed)
        .min_by_key(|day| day.date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{Election, ElectionKind, election_days};

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn signed(dates: &[&str]) -> Vec<SignOffDate> {
        dates
            .iter()
            .zip(1..)
            .map(|(date, n)| SignOffDate {
                date: d(date),
                record_sequence: n,
            })
            .collect()
    }

    fn calendar() -> Vec<ElectionDay> {
        election_days(2026..=2028, &[])
    }

    #[test]
    fn on_2026_11_24_the_next_two_are_the_spring_primary_and_spring_election_of_2027() {
        let report = due(d("2026-11-24"), &calendar(), &[], 60);
        let next: Vec<_> = report
            .upcoming
            .iter()
            .take(2)
            .map(|s| (s.day.name(), s.day.date))
            .collect();
        assert_eq!(
            next,
            [
                ("Spring primary".to_owned(), d("2027-02-16")),
                ("Spring election".to_owned(), d("2027-04-06")),
            ]
        );
        assert_eq!(report.upcoming[0].days_until, 84);
        assert_eq!(
            report.status,
            DueStatus::NotYet {
                election: report.upcoming[0].day.clone(),
                opens: d("2026-12-18"),
            }
        );
        assert!(!report.is_due());
        assert_eq!(report.last_signoff, None);
        assert_eq!(report.days_since_last_signoff, None);
        // The general election of November 3, 2026 has passed, uncovered.
        let general = report.past.last().unwrap();
        assert_eq!(general.day.date, d("2026-11-03"));
        assert!(!general.is_covered());
    }

    #[test]
    fn due_from_the_day_the_window_opens_until_election_day() {
        let days = calendar();
        // The day before the window opens: not yet.
        let before = due(d("2026-12-17"), &days, &[], 60);
        assert!(!before.is_due());
        // The window opens today: due.
        let opening = due(d("2026-12-18"), &days, &[], 60);
        assert_eq!(
            opening.status,
            DueStatus::Due {
                election: opening.upcoming[0].day.clone(),
                opens: d("2026-12-18"),
                closes: d("2027-02-16"),
            }
        );
        // Election day itself: still due, and the election is listed as upcoming (0 days).
        let election_day = due(d("2027-02-16"), &days, &[], 60);
        assert!(election_day.is_due());
        assert_eq!(election_day.upcoming[0].days_until, 0);
        // The day after: the primary is past; the spring election's window (from February 5)
        // is open and uncovered.
        let after = due(d("2027-02-17"), &days, &[], 60);
        match &after.status {
            DueStatus::Due {
                election, opens, ..
            } => {
                assert_eq!(election.date, d("2027-04-06"));
                assert_eq!(*opens, d("2027-02-05"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_signoff_in_the_window_covers_the_election() {
        let days = calendar();
        let signoffs = signed(&["2026-08-19", "2027-01-05"]);
        let report = due(d("2027-01-10"), &days, &signoffs, 60);
        assert_eq!(
            report.status,
            DueStatus::Covered {
                election: report.upcoming[0].day.clone(),
                by: signoffs[1],
            }
        );
        assert_eq!(report.days_since_last_signoff, Some(5));
        assert_eq!(report.last_signoff, Some(signoffs[1]));
        // January 5 is 91 days before April 6: outside the spring election's window, which
        // opens February 5.
        assert!(!report.upcoming[1].is_covered());
        // The August 19, 2026 sign-off was 76 days before the general election of November 3:
        // too early to cover it.
        let general = report
            .past
            .iter()
            .find(|s| s.day.date == d("2026-11-03"))
            .unwrap();
        assert!(!general.is_covered());
        // Nor does it cover the partisan primary of August 11, 2026: it came after it.
        let august = report
            .past
            .iter()
            .find(|s| s.day.date == d("2026-08-11"))
            .unwrap();
        assert!(!august.is_covered());
    }

    #[test]
    fn a_signoff_on_election_day_covers_it_and_one_before_the_window_does_not() {
        let days = calendar();
        let on_the_day = due(d("2027-02-20"), &days, &signed(&["2027-02-16"]), 60);
        let primary = on_the_day
            .past
            .iter()
            .find(|s| s.day.date == d("2027-02-16"))
            .unwrap();
        assert!(primary.is_covered());
        let too_early = due(d("2027-02-20"), &days, &signed(&["2026-12-17"]), 60);
        let primary = too_early
            .past
            .iter()
            .find(|s| s.day.date == d("2027-02-16"))
            .unwrap();
        assert!(!primary.is_covered());
        // On the window's first day it counts.
        let first_day = due(d("2027-02-20"), &days, &signed(&["2026-12-18"]), 60);
        assert!(
            first_day
                .past
                .iter()
                .any(|s| s.day.date == d("2027-02-16") && s.is_covered())
        );
    }

    #[test]
    fn one_signoff_can_cover_two_elections_whose_windows_overlap() {
        let days = calendar();
        // February 10, 2027 is within 60 days of both February 16 and April 6.
        let report = due(d("2027-02-10"), &days, &signed(&["2027-02-10"]), 60);
        assert!(report.upcoming[0].is_covered());
        assert!(report.upcoming[1].is_covered());
        assert!(matches!(report.status, DueStatus::Covered { .. }));
    }

    #[test]
    fn a_later_open_window_without_a_signoff_makes_a_signoff_due() {
        let days = calendar();
        // Signed January 5 (covers the primary); on February 10 the spring election's window
        // (from February 5) is open and holds no sign-off.
        let report = due(d("2027-02-10"), &days, &signed(&["2027-01-05"]), 60);
        assert!(report.upcoming[0].is_covered());
        match &report.status {
            DueStatus::Due {
                election,
                opens,
                closes,
            } => {
                assert_eq!(election.date, d("2027-04-06"));
                assert_eq!((*opens, *closes), (d("2027-02-05"), d("2027-04-06")));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn signoffs_after_today_are_not_counted() {
        let days = calendar();
        let report = due(
            d("2027-01-10"),
            &days,
            &signed(&["2027-01-05", "2027-01-11"]),
            60,
        );
        assert_eq!(report.signoffs_after_today, 1);
        assert_eq!(report.last_signoff.unwrap().date, d("2027-01-05"));
        let future_only = due(d("2027-01-10"), &days, &signed(&["2027-01-11"]), 60);
        assert!(future_only.is_due());
        assert_eq!(future_only.last_signoff, None);
    }

    #[test]
    fn the_window_follows_the_policy_and_leap_years() {
        let days = calendar();
        // 2028: 60 days before April 4 is February 4 (February has 29 days).
        let on_feb_4 = due(d("2028-02-16"), &days, &signed(&["2028-02-04"]), 60);
        let spring = on_feb_4
            .upcoming
            .iter()
            .find(|s| s.day.date == d("2028-04-04"))
            .unwrap();
        assert_eq!(spring.window_opens, d("2028-02-04"));
        assert!(spring.is_covered());
        assert_eq!(
            spring.day.elections[0].kind,
            ElectionKind::SpringElectionWithPresidentialPreference
        );
        // A 14-day window: not due on January 10 for February 16.
        assert!(!due(d("2027-01-10"), &days, &[], 14).is_due());
        assert!(due(d("2027-02-02"), &days, &[], 14).is_due());
    }

    #[test]
    fn a_special_election_on_its_own_day_has_its_own_window() {
        let specials = [Election::special(
            "Special election, Assembly District 7",
            d("2027-03-02"),
        )];
        let days = election_days(2026..=2027, &specials);
        // Signed January 5: covers February 16; March 2's window opens January 1, so it is
        // covered too.
        let report = due(d("2027-02-20"), &days, &signed(&["2027-01-05"]), 60);
        let special = &report.upcoming[0];
        assert_eq!(special.day.name(), "Special election, Assembly District 7");
        assert!(special.is_covered());
        // Signed December 20, 2026: covers February 16 only; on February 20 the special's
        // window (from January 1) is open and uncovered.
        let report = due(d("2027-02-20"), &days, &signed(&["2026-12-20"]), 60);
        match &report.status {
            DueStatus::Due { election, .. } => assert_eq!(election.date, d("2027-03-02")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn no_upcoming_election_beyond_the_calendar() {
        let report = due(d("2029-01-01"), &calendar(), &[], 60);
        assert_eq!(report.status, DueStatus::NoUpcomingElection);
        assert!(!report.is_due());
        assert!(report.upcoming.is_empty());
    }

    #[test]
    fn day_counts_read_naturally() {
        assert_eq!(in_days_words(0), "today");
        assert_eq!(in_days_words(1), "tomorrow");
        assert_eq!(in_days_words(83), "in 83 days");
        assert_eq!(days_ago_words(0), "today");
        assert_eq!(days_ago_words(1), "yesterday");
        assert_eq!(days_ago_words(97), "97 days ago");
    }

    #[test]
    fn each_status_has_its_sentence() {
        let days = calendar();
        let sentences: Vec<String> = [
            due(d("2026-11-24"), &days, &[], 60),
            due(d("2027-01-10"), &days, &[], 60),
            due(d("2027-01-10"), &days, &signed(&["2027-01-05"]), 60),
            due(d("2029-01-01"), &days, &[], 60),
        ]
        .iter()
        .map(DueReport::status_sentence)
        .collect();
        assert_eq!(
            sentences,
            [
                "No sign-off is due yet: the window for the Spring primary opens on December 18, \
                 2026 (60 days before it).",
                "A sign-off is due: sign off between December 18, 2026 and February 16, 2027 \
                 (within 60 days before the Spring primary).",
                "No sign-off is due: your sign-off of January 5, 2027 covers the Spring primary of \
                 February 16, 2027.",
                "No sign-off is due: no election is known after January 1, 2029.",
            ]
        );
    }

    #[test]
    fn the_certification_names_the_election_it_precedes() {
        let days = calendar();
        assert_eq!(
            election_preceded_by(d("2027-01-05"), &days, 60).map(|day| day.date),
            Some(d("2027-02-16"))
        );
        // On election day: that election.
        assert_eq!(
            election_preceded_by(d("2027-04-06"), &days, 60).map(|day| day.date),
            Some(d("2027-04-06"))
        );
        // Too long before any election: none.
        assert_eq!(election_preceded_by(d("2026-11-20"), &days, 60), None);
    }
}
