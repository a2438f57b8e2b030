//! The checklists: sections that collapse, automatic items with their verdict and how to fix
//! it (and what changed when checked again), manual items answered Done / Not done / Not
//! applicable (with a reason), checking an Unknown automatic item by hand, and the button to
//! sign-off after the last item.

use std::collections::{BTreeMap, BTreeSet};

use crate::checklist::{Checklist, ChecklistOrigin, Item, Section};
use crate::checks::{CheckId, Verdict};
use crate::records::{ItemStatus, MAX_NOTE_CHARS};
use crate::session::{Answer, SelfCheck};

use super::command::{Command, View};
use super::keyboard;
use super::theme::{self, Tone};

/// The label of the button after the last item.
pub const CONTINUE_LABEL: &str = "Continue to sign off";

/// The self-check screen's own state, kept while the app runs.
#[derive(Debug, Default)]
pub struct ChecklistState {
    /// The sections collapsed, by [`section_key`].
    pub collapsed: BTreeSet<String>,
    /// Where to scroll and put the focus, if anywhere.
    pub jump: Option<PendingJump>,
    /// Checks run again with "Check again", and what they found.
    pub rechecks: BTreeMap<CheckId, Recheck>,
}

/// A place in the self-check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An item, by id.
    Item(String),
    /// The "Continue to sign off" button.
    ContinueButton,
}

/// A jump in two steps within one frame: scroll the target to the top, then, drawn where it now
/// is, give it the focus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PendingJump {
    /// Scroll there next.
    Scroll(Target),
    /// Focus it next.
    Focus(Target),
}

impl PendingJump {
    fn target(&self) -> &Target {
        match self {
            Self::Scroll(t) | Self::Focus(t) => t,
        }
    }
}

/// A check run again: its verdict before, and after once it reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recheck {
    /// The verdict before "Check again", if it had one.
    pub before: Option<Verdict>,
    /// The verdict it reported; `None` while it runs.
    pub after: Option<Verdict>,
}

impl Recheck {
    /// What changed, e.g. "Firewall on: still Fail" or "Firewall on: now Pass (was Fail)".
    pub fn outcome(&self, check: CheckId) -> Option<String> {
        let after = self.after?;
        let title = check.title();
        Some(match self.before {
            Some(before) if before == after => format!("{title}: still {}", after.word()),
            Some(before) => format!("{title}: now {} (was {})", after.word(), before.word()),
            None => format!("{title}: {}", after.word()),
        })
    }
}

/// The key of a section in [`ChecklistState::collapsed`].
pub fn section_key(checklist: &Checklist, section: &Section) -> String {
    format!("{}/{}", checklist.id, section.id)
}

/// Every loaded checklist, in order, then the button to sign-off.
pub fn checklists_ui(
    ui: &mut egui::Ui,
    self_check: &mut SelfCheck,
    state: &mut ChecklistState,
    cmds: &mut Vec<Command>,
) {
    let Some(catalog) = self_check.catalog.take() else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Loading the checklists…");
        });
        return;
    };
    for checklist in &catalog.checklists {
        ui.push_id(&checklist.id, |ui| {
            checklist_ui(ui, checklist, self_check, state, cmds);
        });
        ui.add_space(theme::BLOCK_GAP);
    }
    self_check.catalog = Some(catalog);
    continue_ui(ui, state, cmds);
}

/// "Continue to sign off", after the last item.
fn continue_ui(ui: &mut egui::Ui, state: &mut ChecklistState, cmds: &mut Vec<Command>) {
    ui.separator();
    ui.label("That was the last item. Check the summary and sign on the next screen.");
    let keys = keyboard::shortcut_text(ui.ctx(), View::SignOff);
    let button = keyboard::stable(ui, "continue", |ui| {
        ui.button(CONTINUE_LABEL)
            .on_hover_text(format!("Go to Sign off ({keys})"))
    });
    if button.clicked() {
        cmds.push(Command::GoTo(View::SignOff));
    }
    take_jump(ui, state, &Target::ContinueButton, button.rect, &button);
    ui.add_space(theme::BLOCK_GAP);
}

/// Moves a pending jump to `target` on: scrolls `rect` to the top, then focuses `control`.
fn take_jump(
    ui: &egui::Ui,
    state: &mut ChecklistState,
    target: &Target,
    rect: egui::Rect,
    control: &egui::Response,
) {
    match &state.jump {
        Some(PendingJump::Scroll(t)) if t == target => {
            keyboard::scroll_to_top_of_view(ui, rect.expand(theme::ROW_GAP));
            state.jump = Some(PendingJump::Focus(target.clone()));
        }
        Some(PendingJump::Focus(t)) if t == target => {
            control.request_focus();
            state.jump = None;
        }
        _ => {}
    }
}

fn checklist_ui(
    ui: &mut egui::Ui,
    checklist: &Checklist,
    self_check: &mut SelfCheck,
    state: &mut ChecklistState,
    cmds: &mut Vec<Command>,
) {
    ui.separator();
    ui.label(theme::heading(&checklist.title));
    // The checklist's own edition, worded so it cannot be read as the app's version (which
    // Help shows).
    let origin = match checklist.origin {
        ChecklistOrigin::Shipped => "Built-in checklist",
        ChecklistOrigin::Office => "Your office's own checklist",
    };
    ui.label(theme::small(format!(
        "{origin} · this checklist's edition: {}",
        checklist.version
    )));
    if !checklist.description.is_empty() {
        ui.add(egui::Label::new(&checklist.description).wrap());
    }
    for section in &checklist.sections {
        ui.push_id(&section.id, |ui| {
            section_ui(ui, checklist, section, self_check, state, cmds);
        });
    }
}

fn section_ui(
    ui: &mut egui::Ui,
    checklist: &Checklist,
    section: &Section,
    self_check: &mut SelfCheck,
    state: &mut ChecklistState,
    cmds: &mut Vec<Command>,
) {
    ui.add_space(theme::ROW_GAP);
    let key = section_key(checklist, section);
    let open = !state.collapsed.contains(&key);
    let (settled, total) = self_check.section_progress(section);
    let title = format!("{} · {settled} of {total} done", section.title);
    let response = egui::CollapsingHeader::new(theme::section_title(title))
        .id_salt("section")
        .open(Some(open))
        .show(ui, |ui| {
            for item in &section.items {
                ui.push_id(&item.id, |ui| item_ui(ui, item, self_check, state, cmds));
            }
        });
    if response.header_response.clicked() {
        cmds.push(Command::ToggleSection(key));
    }
}

fn item_ui(
    ui: &mut egui::Ui,
    item: &Item,
    self_check: &mut SelfCheck,
    state: &mut ChecklistState,
    cmds: &mut Vec<Command>,
) {
    let status = self_check.item_status(item);
    let checking = self_check.is_checking(item);
    let target = Target::Item(item.id.clone());
    let jumping_here = state.jump.as_ref().is_some_and(|j| j.target() == &target);
    let frame = egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_top(|ui| {
            if checking {
                Tone::Neutral.show(ui, "Checking…");
            } else {
                theme::status_tone(status).show(ui, status.word());
            }
            ui.add(egui::Label::new(egui::RichText::new(&item.text).strong()).wrap());
        });
        ui.indent("details", |ui| {
            details_ui(
                ui,
                item,
                status,
                checking,
                jumping_here,
                self_check,
                state,
                cmds,
            )
        })
        .inner
    });
    if let Some(header) = frame.inner {
        take_jump(ui, state, &target, frame.response.rect, &header);
    }
}

/// The item's details under its title; returns its "How to fix" or "Why and how" header (the
/// control a jump focuses).
#[expect(
    clippy::too_many_arguments,
    reason = "an item's details need the item, its state, the self-check and the screen's state"
)]
fn details_ui(
    ui: &mut egui::Ui,
    item: &Item,
    status: ItemStatus,
    checking: bool,
    open_help: bool,
    self_check: &mut SelfCheck,
    state: &ChecklistState,
    cmds: &mut Vec<Command>,
) -> Option<egui::Response> {
    let check = item.verification.check();
    if let Some(reason) = check.and_then(|c| c.unavailable_reason(self_check.os)) {
        ui.add(egui::Label::new(theme::small(reason)).wrap());
        return None;
    }
    let header = if let Some(check) = check {
        let header = automatic_ui(ui, item, checking, open_help, self_check);
        keyboard::stable(ui, "check again", |ui| {
            check_again_ui(ui, item, check, checking, state, cmds);
        });
        header
    } else {
        Some(why_and_how_ui(ui, item, open_help))
    };
    keyboard::stable(ui, "answer", |ui| {
        if item.verification.needs_clerk() {
            answer_ui(ui, item, status, self_check, cmds);
        } else {
            hand_check_ui(ui, item, self_check, cmds);
        }
        not_applicable_reason_ui(ui, item, self_check, cmds);
    });
    header
}

/// The automatic check's evidence and, when it did not pass, how to fix it.
fn automatic_ui(
    ui: &mut egui::Ui,
    item: &Item,
    checking: bool,
    open_help: bool,
    self_check: &SelfCheck,
) -> Option<egui::Response> {
    let finding = item
        .verification
        .check()
        .and_then(|c| self_check.findings.get(&c));
    // Only the first run has a line of its own; checking again shows its spinner beside the
    // button, so nothing above the button moves while the focus is on it.
    let Some(finding) = finding else {
        if checking {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Checking this computer…");
            });
        }
        return None;
    };
    ui.add(egui::Label::new(theme::small(&finding.evidence)).wrap());
    let title = if finding.verdict == Verdict::Pass {
        "Why it matters"
    } else {
        "How to fix"
    };
    let shown = egui::CollapsingHeader::new(title)
        .id_salt("how to fix")
        .open(open_help.then_some(true))
        .show(ui, |ui| {
            if !finding.why.is_empty() {
                ui.add(egui::Label::new(&finding.why).wrap());
            }
            for (n, step) in finding.fix.iter().enumerate() {
                ui.add(egui::Label::new(format!("{}. {step}", n + 1)).wrap());
            }
            ui.add(egui::Label::new(&item.how).wrap());
            ui.label(theme::small(format!("Source: {}", item.source.cite())));
        });
    Some(shown.header_response)
}

/// "Check again", and while it runs a spinner, then what changed.
fn check_again_ui(
    ui: &mut egui::Ui,
    item: &Item,
    check: CheckId,
    checking: bool,
    state: &ChecklistState,
    cmds: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Check again")
            .accessible_name(format!("Check again: {}", item.text))
            .clicked()
        {
            cmds.push(Command::Recheck(check));
        }
        let recheck = state.rechecks.get(&check);
        if checking && recheck.is_some() {
            ui.spinner();
            ui.label("Checking again…");
        } else if let Some((recheck, outcome)) = recheck.and_then(|r| Some((r, r.outcome(check)?)))
        {
            let tone = recheck.after.map_or(Tone::Neutral, theme::verdict_tone);
            tone.show(ui, &outcome);
        }
    });
}

/// Why the item matters and how to do it, for items the clerk answers.
fn why_and_how_ui(ui: &mut egui::Ui, item: &Item, open: bool) -> egui::Response {
    egui::CollapsingHeader::new("Why and how")
        .id_salt("why and how")
        .open(open.then_some(true))
        .show(ui, |ui| {
            ui.add(egui::Label::new(&item.why).wrap());
            ui.add(egui::Label::new(&item.how).wrap());
            ui.label(theme::small(format!("Source: {}", item.source.cite())));
        })
        .header_response
}

/// Done / Not done / Not applicable, and a note.
fn answer_ui(
    ui: &mut egui::Ui,
    item: &Item,
    status: ItemStatus,
    self_check: &mut SelfCheck,
    cmds: &mut Vec<Command>,
) {
    let answer = self_check.answer_mut(&item.id);
    let current = match &answer.answer {
        Some(Answer::Done) => Some(0),
        Some(Answer::NotDone) => Some(1),
        Some(Answer::NotApplicable(_)) => Some(2),
        None => None,
    };
    ui.horizontal_wrapped(|ui| {
        for (index, word) in [(0, "Done"), (1, "Not done"), (2, "Not applicable")] {
            if ui
                .radio(current == Some(index), word)
                .accessible_name(format!("{word}: {}", item.text))
                .clicked()
                && current != Some(index)
            {
                answer.answer = Some(match index {
                    0 => Answer::Done,
                    1 => Answer::NotDone,
                    _ => Answer::NotApplicable(String::new()),
                });
                cmds.push(Command::DraftChanged);
            }
        }
    });
    if status != ItemStatus::NotApplicable {
        note_ui(ui, item, "Note (optional)", &mut answer.note, cmds);
    }
}

/// For an automatic item whose check could not tell: "Checked by hand", with a required note.
fn hand_check_ui(
    ui: &mut egui::Ui,
    item: &Item,
    self_check: &mut SelfCheck,
    cmds: &mut Vec<Command>,
) {
    let unknown = item
        .verification
        .check()
        .and_then(|c| self_check.findings.get(&c))
        .is_some_and(|f| f.verdict == Verdict::Unknown);
    if !unknown {
        return;
    }
    let answer = self_check.answer_mut(&item.id);
    let mut done = answer.answer == Some(Answer::Done);
    if ui
        .checkbox(&mut done, "Checked by hand")
        .accessible_name(format!("Checked by hand: {}", item.text))
        .on_hover_text("The check could not tell; confirm it yourself and say how in the note")
        .changed()
    {
        answer.answer = done.then_some(Answer::Done);
        cmds.push(Command::DraftChanged);
    }
    if done {
        ui.label("Who checked it, how and when (required):");
        note_ui(
            ui,
            item,
            "e.g. checked by our county IT on March 3",
            &mut answer.note,
            cmds,
        );
    }
}

fn note_ui(ui: &mut egui::Ui, item: &Item, hint: &str, note: &mut String, cmds: &mut Vec<Command>) {
    if ui
        .add(
            egui::TextEdit::singleline(note)
                .id_salt("note")
                .hint_text(hint)
                .char_limit(MAX_NOTE_CHARS)
                .desired_width(theme::WIDE_FIELD_WIDTH.min(ui.available_width())),
        )
        .accessible_name(format!("Note: {}", item.text))
        .changed()
    {
        cmds.push(Command::DraftChanged);
    }
}

/// The reason field of an item marked not applicable: its instruction is a label above it, not
/// only a placeholder.
fn not_applicable_reason_ui(
    ui: &mut egui::Ui,
    item: &Item,
    self_check: &mut SelfCheck,
    cmds: &mut Vec<Command>,
) {
    let answer = self_check.answer_mut(&item.id);
    if let Some(Answer::NotApplicable(reason)) = &mut answer.answer {
        ui.label("Why it does not apply (required):");
        let response = ui.add(
            egui::TextEdit::singleline(reason)
                .id_salt("reason")
                .hint_text("e.g. the county does this for us")
                .char_limit(MAX_NOTE_CHARS)
                .desired_width(theme::WIDE_FIELD_WIDTH.min(ui.available_width())),
        );
        let response = response.accessible_name(format!("Reason not applicable: {}", item.text));
        if response.changed() {
            cmds.push(Command::DraftChanged);
        }
        if reason.trim().is_empty() {
            Tone::Caution.show(ui, "Say why it does not apply, or choose another answer.");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recheck_says_whether_anything_changed() {
        let check = CheckId::Firewall;
        let running = Recheck {
            before: Some(Verdict::Fail),
            after: None,
        };
        assert_eq!(running.outcome(check), None);
        let same = Recheck {
            after: Some(Verdict::Fail),
            ..running
        };
        assert_eq!(same.outcome(check).unwrap(), "Firewall on: still Fail");
        let better = Recheck {
            after: Some(Verdict::Pass),
            ..running
        };
        assert_eq!(
            better.outcome(check).unwrap(),
            "Firewall on: now Pass (was Fail)"
        );
    }
}
