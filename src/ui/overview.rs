//! The overview at the top of the self-check: what to do in one sentence, how many problems the
//! checks found on this computer, how many items are answered, and jumps to the first problem
//! and to sign-off.

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

/// The overview block.
pub fn overview_ui(ui: &mut egui::Ui, self_check: &SelfCheck, cmds: &mut Vec<Command>) {
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
