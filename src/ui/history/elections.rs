//! Which elections a sign-off covered: every election since the first sign-off and the next
//! two, each with the record that covered it (a button opens it) or what is missing.

use crate::calendar::{ElectionStatus, OfficeCalendar, in_days_words, long_date};
use crate::ui::theme::{self, Tone};

use super::HistoryState;

/// How many upcoming elections the list shows.
const UPCOMING_SHOWN: usize = 2;

/// An election and whether a sign-off covered it, in words with a tone: e.g. "General
/// election, November 3, 2026: covered by record 4, signed October 12, 2026".
pub fn coverage(status: &ElectionStatus, window_days: u32) -> (Tone, String) {
    let election = format!("{}, {}", status.day.name(), long_date(status.day.date));
    let upcoming = status.days_until >= 0;
    let when = if upcoming {
        format!(" ({})", in_days_words(status.days_until))
    } else {
        String::new()
    };
    match status.covered_by {
        Some(by) => (
            Tone::Good,
            format!(
                "{election}{when}: covered by record {}, signed {}",
                by.record_sequence,
                long_date(by.date)
            ),
        ),
        None if !upcoming => (
            Tone::Bad,
            format!("{election}: not covered (no sign-off in the {window_days} days before it)"),
        ),
        // The window is open (it opens `window_days` before the election).
        None if status.days_until <= i64::from(window_days) => (
            Tone::Caution,
            format!("{election}{when}: not covered yet; sign off before it"),
        ),
        None => (
            Tone::Neutral,
            format!(
                "{election}{when}: a sign-off counts for it from {}",
                long_date(status.window_opens)
            ),
        ),
    }
}

/// The elections the list shows: the past ones on or after the first sign-off, and the next
/// [`UPCOMING_SHOWN`].
pub fn listed(calendar: &OfficeCalendar) -> Vec<&ElectionStatus> {
    let report = &calendar.report;
    let first = calendar.scan.signoffs.iter().map(|s| s.date).min();
    report
        .past
        .iter()
        .filter(|s| first.is_some_and(|first| s.day.date >= first))
        .chain(report.upcoming.iter().take(UPCOMING_SHOWN))
        .collect()
}

/// The list, under its title.
pub(super) fn elections_ui(
    ui: &mut egui::Ui,
    state: &mut HistoryState,
    calendar: Option<&OfficeCalendar>,
) {
    let Some(calendar) = calendar else { return };
    let window = calendar.schedule.window_days;
    ui.add_space(theme::BLOCK_GAP);
    ui.label(theme::section_title("Elections and sign-offs"));
    ui.add(
        egui::Label::new(format!(
            "A sign-off covers an election when it is made in the {window} days before it."
        ))
        .wrap(),
    );
    let mut open = None;
    for status in listed(calendar) {
        let (tone, words) = coverage(status, window);
        ui.push_id(("election", status.day.date), |ui| {
            ui.horizontal_wrapped(|ui| {
                tone.show_inline(ui, &words);
                if let Some(by) = status.covered_by {
                    let n = by.record_sequence;
                    let button = ui.button(format!("Record {n}")).accessible_name(format!(
                        "Open record {n}, which covered the {} of {}",
                        status.day.name(),
                        long_date(status.day.date)
                    ));
                    if button.clicked() {
                        open = Some(n);
                    }
                }
            });
        });
    }
    if let Some(sequence) = open {
        state.open_record(sequence);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calendar(today: &str, signed: &[&str]) -> OfficeCalendar {
        crate::testing::office_calendar(today, signed, 2025..=2027)
    }

    #[test]
    fn each_election_since_the_first_signoff_says_whether_one_covered_it() {
        let cal = calendar("2027-01-10", &["2026-03-03", "2026-10-12", "2027-01-05"]);
        let lines: Vec<(Tone, String)> =
            listed(&cal).into_iter().map(|s| coverage(s, 60)).collect();
        assert_eq!(
            lines,
            [
                (
                    Tone::Good,
                    "Spring election, April 7, 2026: covered by record 1, signed March 3, 2026"
                        .to_owned()
                ),
                (
                    Tone::Bad,
                    "Partisan primary, August 11, 2026: not covered (no sign-off in the 60 days \
                     before it)"
                        .to_owned()
                ),
                (
                    Tone::Good,
                    "General election, November 3, 2026: covered by record 2, signed October \
                     12, 2026"
                        .to_owned()
                ),
                (
                    Tone::Good,
                    "Spring primary, February 16, 2027 (in 37 days): covered by record 3, \
                     signed January 5, 2027"
                        .to_owned()
                ),
                (
                    Tone::Neutral,
                    "Spring election, April 6, 2027 (in 86 days): a sign-off counts for it from \
                     February 5, 2027"
                        .to_owned()
                ),
            ]
        );
    }

    #[test]
    fn an_open_window_without_a_signoff_is_a_caution_and_no_signoff_lists_only_the_next() {
        let cal = calendar("2027-01-10", &[]);
        let lines: Vec<(Tone, String)> =
            listed(&cal).into_iter().map(|s| coverage(s, 60)).collect();
        assert_eq!(
            lines,
            [
                (
                    Tone::Caution,
                    "Spring primary, February 16, 2027 (in 37 days): not covered yet; sign off \
                     before it"
                        .to_owned()
                ),
                (
                    Tone::Neutral,
                    "Spring election, April 6, 2027 (in 86 days): a sign-off counts for it from \
                     February 5, 2027"
                        .to_owned()
                ),
            ]
        );
    }
}
