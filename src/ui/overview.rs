//! The overview at the top of the self-check: what to do in one sentence, the next election and
//! whether a sign-off is due, how many problems the checks found on this computer, how many
//! items are answered, and jumps to the first problem and to sign-off.

use crate::calendar::{
    DueReport, DueStatus, OfficeCalendar, days_ago_words, in_days_words, long_date,
};
use crate::checklist::Checklist;
use crate::checks::Verdict;
use crate::records::{ItemStatus, Severity};
use crate::session::SelfCheck;

use super::command::{Command, Jump};
use super::keyboard;
use super::theme::{self, Tone};

/// What the overview says, worked out from the self-check (pure, so it is tested alone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    /// Automatic items that failed or warned.
    pub computer_problems: usize,
    /// Automatic items whose check could not tell, not checked by hand.
    pub unknown: usize,
    /// Items answered (by the clerk, or by a check that could tell).
    pub answered: usize,
    /// All items.
    pub total: usize,
    /// The id of the first item with a problem or a warning, in screen order.
    pub first_problem: Option<String>,
    /// Whether checks are still running: `(reported, started)`.
    pub checking: Option<(usize, usize)>,
}

impl Overview {
    /// The overview of `self_check` as it stands.
    pub fn of(self_check: &SelfCheck) -> Self {
        let mut out = Self {
            computer_problems: 0,
            unknown: 0,
            answered: 0,
            total: 0,
            first_problem: None,
            checking: (!self_check.running.is_empty()).then(|| self_check.check_progress()),
        };
        let items = self_check
            .catalog
            .iter()
            .flat_map(|c| c.checklists.iter())
            .flat_map(Checklist::items);
        for item in items {
            let status = self_check.item_status(item);
            out.total += 1;
            match status {
                ItemStatus::Checked(Verdict::Fail | Verdict::Warn) => out.computer_problems += 1,
                ItemStatus::Checked(Verdict::Unknown) => out.unknown += 1,
                _ => {}
            }
            if !matches!(
                status,
                ItemStatus::NotAnswered | ItemStatus::Checked(Verdict::Unknown)
            ) {
                out.answered += 1;
            }
            if out.first_problem.is_none()
                && matches!(status.severity(), Severity::Problem | Severity::Warning)
            {
                out.first_problem = Some(item.id.clone());
            }
        }
        out
    }

    /// "3 problems found on this computer", "No problems found on this computer".
    pub fn problems_line(&self) -> String {
        match self.computer_problems {
            0 => "No problems found on this computer".to_owned(),
            1 => "1 problem found on this computer".to_owned(),
            n => format!("{n} problems found on this computer"),
        }
    }

    /// "12 of 69 items answered".
    pub fn answered_line(&self) -> String {
        format!("{} of {} items answered", self.answered, self.total)
    }
}

/// What the overview says about the election calendar, one fact per line with its tone: the
/// next election, whether a sign-off is due (the domain's own sentence), the last sign-off, and
/// records that do not count.
pub fn election_lines(calendar: &OfficeCalendar) -> Vec<(Tone, String)> {
    let report = &calendar.report;
    let mut lines = Vec::new();
    if let Some(next) = report.next() {
        lines.push((
            Tone::Neutral,
            format!(
                "Next: {}, {} ({}).",
                next.day.name(),
                long_date(next.day.date),
                in_days_words(next.days_until)
            ),
        ));
    }
    lines.push((due_tone(report), report.status_sentence()));
    lines.push((Tone::Neutral, last_signoff_line(report)));
    let not_counted = calendar.scan.not_counted.len();
    if not_counted > 0 {
        let text = if not_counted == 1 {
            "1 record does not count as a sign-off because it is not intact; History says which \
             and what to do."
                .to_owned()
        } else {
            format!(
                "{not_counted} records do not count as sign-offs because they are not intact; \
                 History says which and what to do."
            )
        };
        lines.push((Tone::Caution, text));
    }
    match report.signoffs_after_today {
        0 => {}
        1 => lines.push((
            Tone::Caution,
            "1 sign-off is dated after today, so it is not counted: check this computer's date \
             and time."
                .to_owned(),
        )),
        n => lines.push((
            Tone::Caution,
            format!(
                "{n} sign-offs are dated after today, so they are not counted: check this \
                 computer's date and time."
            ),
        )),
    }
    lines
}

/// The tone of whether a sign-off is due: due is a caution, covered is good.
fn due_tone(report: &DueReport) -> Tone {
    match report.status {
        DueStatus::Due { .. } => Tone::Caution,
        DueStatus::Covered { .. } => Tone::Good,
        DueStatus::NotYet { .. } | DueStatus::NoUpcomingElection => Tone::Neutral,
    }
}

/// "Your last sign-off was 97 days ago (August 19, 2026): sign off again before the Spring
/// primary." — the last part only when a sign-off is due.
fn last_signoff_line(report: &DueReport) -> String {
    let Some(last) = report.last_signoff else {
        return match &report.status {
            DueStatus::Due { election, .. } => format!(
                "There is no sign-off in the records yet: sign off before the {}.",
                election.name()
            ),
            _ => "There is no sign-off in the records yet.".to_owned(),
        };
    };
    let ago = days_ago_words(report.days_since_last_signoff.unwrap_or_default());
    let when = format!("Your last sign-off was {ago} ({})", long_date(last.date));
    match &report.status {
        DueStatus::Due { election, .. } => {
            format!("{when}: sign off again before the {}.", election.name())
        }
        _ => format!("{when}."),
    }
}

/// The overview block.
pub fn overview_ui(
    ui: &mut egui::Ui,
    self_check: &SelfCheck,
    calendar: Option<&OfficeCalendar>,
    cmds: &mut Vec<Command>,
) {
    let overview = Overview::of(self_check);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(theme::section_title("Your election security self-check"));
        ui.add(
            egui::Label::new(
                "Go through the items below: this computer checks itself, you answer the rest, \
                 then sign off at the end.",
            )
            .wrap(),
        );
        for (tone, line) in calendar.map(election_lines).unwrap_or_default() {
            tone.show(ui, &line);
        }
        // One line each, so nothing is cut off on a narrow window or when zoomed in.
        if let Some((reported, started)) = overview.checking {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!("Checking this computer… {reported} of {started}"));
            });
        } else if self_check.catalog.is_some() {
            let tone = if overview.computer_problems == 0 {
                Tone::Good
            } else {
                Tone::Bad
            };
            tone.show(ui, &overview.problems_line());
        }
        if overview.unknown > 0 {
            let text = match overview.unknown {
                1 => "1 check could not tell: check it by hand".to_owned(),
                n => format!("{n} checks could not tell: check them by hand"),
            };
            Tone::Unknown.show(ui, &text);
        }
        let tone = if overview.answered == overview.total {
            Tone::Good
        } else {
            Tone::Neutral
        };
        tone.show(ui, &overview.answered_line());
        keyboard::stable(ui, "overview buttons", |ui| {
            buttons_ui(ui, &overview, cmds);
        });
    });
}

/// The jumps, and collapsing or expanding every section.
fn buttons_ui(ui: &mut egui::Ui, overview: &Overview, cmds: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        let first = ui
            .add_enabled(
                overview.first_problem.is_some(),
                egui::Button::new("Go to first problem"),
            )
            .on_hover_text("Scroll to the first item that failed, warned or is not done")
            .on_disabled_hover_text("Nothing failed, warned or is marked not done");
        if first.clicked() {
            cmds.push(Command::JumpTo(Jump::FirstProblem));
        }
        if ui
            .button("Go to sign-off")
            .on_hover_text("Scroll to the button after the last item")
            .clicked()
        {
            cmds.push(Command::JumpTo(Jump::SignOffButton));
        }
        if ui.button("Collapse all sections").clicked() {
            cmds.push(Command::ExpandAll(false));
        }
        if ui.button("Expand all sections").clicked() {
            cmds.push(Command::ExpandAll(true));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::sample_self_check;

    fn calendar(today: &str, signed: &[&str]) -> OfficeCalendar {
        crate::testing::office_calendar(today, signed, 2026..=2028)
    }

    fn lines(calendar: &OfficeCalendar) -> Vec<(Tone, String)> {
        election_lines(calendar)
    }

    #[test]
    fn before_the_window_opens_the_next_election_and_no_signoff_yet() {
        assert_eq!(
            lines(&calendar("2026-11-24", &[])),
            [
                (
                    Tone::Neutral,
                    "Next: Spring primary, February 16, 2027 (in 84 days).".to_owned()
                ),
                (
                    Tone::Neutral,
                    "No sign-off is due yet: the window for the Spring primary opens on \
                     December 18, 2026 (60 days before it)."
                        .to_owned()
                ),
                (
                    Tone::Neutral,
                    "There is no sign-off in the records yet.".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn a_signoff_due_is_a_caution_that_says_how_long_since_the_last() {
        // 97 days after November 15, 2026; the spring primary has passed and the spring
        // election's window opened on February 5.
        assert_eq!(
            lines(&calendar("2027-02-20", &["2026-11-15"])),
            [
                (
                    Tone::Neutral,
                    "Next: Spring election, April 6, 2027 (in 45 days).".to_owned()
                ),
                (
                    Tone::Caution,
                    "A sign-off is due: sign off between February 5, 2027 and April 6, 2027 \
                     (within 60 days before the Spring election)."
                        .to_owned()
                ),
                (
                    Tone::Neutral,
                    "Your last sign-off was 97 days ago (November 15, 2026): sign off again \
                     before the Spring election."
                        .to_owned()
                ),
            ]
        );
    }

    #[test]
    fn a_covered_election_is_good_and_uncounted_records_are_a_caution() {
        let mut cal = calendar("2027-01-10", &["2027-01-05", "2027-01-11"]);
        cal.scan.not_counted.push(crate::calendar::NotCounted {
            record: Some(3),
            file: None,
            integrity: crate::records::Integrity::Altered,
            reason: String::new(),
        });
        let lines = lines(&cal);
        assert_eq!(
            lines[1],
            (
                Tone::Good,
                "No sign-off is due: your sign-off of January 5, 2027 covers the Spring primary \
                 of February 16, 2027."
                    .to_owned()
            )
        );
        assert_eq!(
            lines[2].1,
            "Your last sign-off was 5 days ago (January 5, 2027)."
        );
        assert_eq!(lines[3].0, Tone::Caution);
        assert!(lines[3].1.starts_with("1 record does not count"));
        assert_eq!(
            lines[4].1,
            "1 sign-off is dated after today, so it is not counted: check this computer's date \
             and time."
        );
    }

    #[test]
    fn the_sample_has_problems_and_every_item_answered() {
        let s = sample_self_check("Ann Lee");
        let overview = Overview::of(&s);
        let counts = s.counts();
        assert_eq!(overview.total, counts.total() as usize);
        assert_eq!(
            overview.computer_problems,
            (counts.failed + counts.warned) as usize
        );
        assert!(overview.computer_problems > 0);
        assert_eq!(
            overview.answered,
            (counts.total() - counts.not_answered - counts.unknown) as usize
        );
        let first = overview.first_problem.clone().unwrap();
        let status = s
            .catalog
            .iter()
            .flat_map(|c| c.checklists.iter())
            .flat_map(Checklist::items)
            .find(|i| i.id == first)
            .map(|i| s.item_status(i))
            .unwrap();
        assert!(matches!(
            status.severity(),
            Severity::Problem | Severity::Warning
        ));
        assert!(
            overview
                .problems_line()
                .ends_with("problems found on this computer")
        );
    }
}
