//! The sign-off window: how many days before an election a sign-off counts for it.
//!
//! The office's policy sets it (`signoff_days_before_election` in `policy.ron`, default 60). A
//! sign-off on day `S` covers an election on day `E` when `E - window ≤ S ≤ E`: the window opens
//! `window` days before the election and closes at the end of election day. A sign-off on the
//! election day itself counts (a clerk may sign off before the polls open, and only dates are
//! kept, not times).

use chrono::{Days, NaiveDate};

pub use crate::policy::{DEFAULT_WINDOW_DAYS, MAX_WINDOW_DAYS};

/// The first day a sign-off counts for an election on `election` (the window's opening day).
/// Leap days count like any other day: 60 days before April 4, 2028 is February 4, 2028.
pub fn window_opens(election: NaiveDate, window_days: u32) -> NaiveDate {
    election
        .checked_sub_days(Days::new(u64::from(window_days)))
        .unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
#[expect(
    clippy::disallowed_methods,
    reason = "tests write and read their fixture files directly"
)]
mod tests {
    use super::*;
    use crate::checks::Policy;
    use crate::policy::validate_window_days;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_window_opens_sixty_days_before_across_leap_days() {
        assert_eq!(window_opens(d("2027-02-16"), 60), d("2026-12-18"));
        assert_eq!(window_opens(d("2027-04-06"), 60), d("2027-02-05"));
        // February 2028 has 29 days.
        assert_eq!(window_opens(d("2028-04-04"), 60), d("2028-02-04"));
        assert_eq!(window_opens(d("2028-03-01"), 1), d("2028-02-29"));
        assert_eq!(window_opens(d("2027-03-01"), 1), d("2027-02-28"));
        assert_eq!(window_opens(d("2027-04-06"), 366), d("2026-04-05"));
    }

    #[test]
    fn window_lengths_from_1_to_366_days_are_accepted() {
        assert_eq!(validate_window_days(1), Ok(1));
        assert_eq!(validate_window_days(366), Ok(366));
        let zero = validate_window_days(0).unwrap_err();
        assert!(
            zero.contains("is 0") && zero.contains("from 1 to 366"),
            "{zero}"
        );
        assert!(validate_window_days(367).is_err());
        assert!(validate_window_days(u32::MAX).is_err());
    }

    #[test]
    fn the_policy_defaults_to_sixty_days() {
        assert_eq!(Policy::default().signoff_days_before_election, 60);
        let policy = Policy::parse("(screen_lock_max_seconds: 600)").unwrap();
        assert_eq!(policy.signoff_days_before_election, 60);
        let policy = Policy::parse("(signoff_days_before_election: 45)").unwrap();
        assert_eq!(policy.signoff_days_before_election, 45);
    }

    #[test]
    fn an_absurd_window_in_the_policy_file_is_refused_with_its_position() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("policy.ron");
        for (value, shown) in [("0", "is 0"), ("400", "is 400")] {
            fs_err::write(
                &path,
                format!("(\n    screen_lock_max_seconds: 600,\n    signoff_days_before_election: {value},\n)\n"),
            )
            .unwrap();
            let load = Policy::load(&path);
            assert_eq!(load.policy, Policy::default());
            let problem = load.problem.unwrap();
            assert!(
                problem.starts_with(&format!("{}:3:", path.display())),
                "{problem}"
            );
            assert!(problem.contains(shown), "{problem}");
            assert!(problem.contains("from 1 to 366"), "{problem}");
        }
        fs_err::write(&path, "(signoff_days_before_election: -5)").unwrap();
        assert!(Policy::load(&path).problem.is_some());
    }
}
