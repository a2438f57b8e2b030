//! The checklists: sections with progress, automatic items with their verdict and how to fix
//! it, manual items answered Done / Not done / Not applicable (with a reason), and checking an
//! Unknown automatic item by hand.

use crate::checklist::{Checklist, ChecklistOrigin, Item, Section};
use crate::checks::Verdict;
use crate::records::{ItemStatus, MAX_NOTE_CHARS};
use crate::session::{Answer, SelfCheck};

use super::command::Command;
use super::theme::{self, Tone};

/// Every loaded checklist, in order.
pub fn checklists_ui(ui: &mut egui::Ui, self_check: &mut SelfCheck, cmds: &mut Vec<Command>) {
    let Some(catalog) = self_check.catalog.take() else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Loading the checklists…");
        });
        return;
    };
    for checklist in &catalog.checklists {
        ui.push_id(&checklist.id, |ui| {
            checklist_ui(ui, checklist, self_check, cmds);
        });
        ui.add_space(theme::BLOCK_GAP);
    }
    self_check.catalog = Some(catalog);
}

fn checklist_ui(
    ui: &mut egui::Ui,
    checklist: &Checklist,
    self_check: &mut SelfCheck,
    cmds: &mut Vec<Command>,
) {
    ui.separator();
    ui.label(theme::heading(&checklist.title));
    let origin = match checklist.origin {
        ChecklistOrigin::Shipped => "Comes with clerkcheck",
        ChecklistOrigin::Office => "Your office's own checklist",
    };
    ui.label(theme::small(format!(
        "{origin} (checklist edition {})",
        checklist.version
    )));
    if !checklist.description.is_empty() {
        ui.add(egui::Label::new(&checklist.description).wrap());
    }
    for section in &checklist.sections {
        ui.push_id(&section.id, |ui| section_ui(ui, section, self_check, cmds));
    }
}

fn section_ui(
    ui: &mut egui::Ui,
    section: &Section,
    self_check: &mut SelfCheck,
    cmds: &mut Vec<Command>,
) {
    ui.add_space(theme::ROW_GAP);
    let (settled, total) = self_check.section_progress(section);
    ui.horizontal_wrapped(|ui| {
        ui.label(theme::section_title(&section.title));
        let tone = if settled == total {
            Tone::Good
        } else {
            Tone::Neutral
        };
        tone.show(ui, &format!("{settled} of {total} done"));
    });
    for item in &section.items {
        ui.push_id(&item.id, |ui| item_ui(ui, item, self_check, cmds));
    }
}

fn item_ui(ui: &mut egui::Ui, item: &Item, self_check: &mut SelfCheck, cmds: &mut Vec<Command>) {
    let status = self_check.item_status(item);
    let checking = self_check.is_checking(item);
    egui::Frame::group(ui.style()).show(ui, |ui| {
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
            let check = item.verification.check();
            let unavailable = check.and_then(|c| c.unavailable_reason(self_check.os));
            if let Some(reason) = unavailable {
                ui.add(egui::Label::new(theme::small(reason)).wrap());
                return;
            }
            if let Some(check) = check {
                automatic_ui(ui, item, checking, self_check);
                ui.horizontal_wrapped(|ui| {
                    if ui
                        .button("Check again")
                        .accessible_name(format!("Check again: {}", item.text))
                        .clicked()
                    {
                        cmds.push(Command::Recheck(check));
                    }
                });
            } else {
                why_and_how_ui(ui, item);
            }
            if item.verification.needs_clerk() {
                answer_ui(ui, item, status, self_check, cmds);
            } else {
                hand_check_ui(ui, item, self_check, cmds);
            }
            not_applicable_reason_ui(ui, item, self_check, cmds);
        });
    });
}

/// The automatic check's evidence and, when it did not pass, how to fix it.
fn automatic_ui(ui: &mut egui::Ui, item: &Item, checking: bool, self_check: &SelfCheck) {
    if checking {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Checking this computer…");
        });
    }
    let Some(finding) = item
        .verification
        .check()
        .and_then(|c| self_check.findings.get(&c))
    else {
        return;
    };
    ui.add(egui::Label::new(theme::small(&finding.evidence)).wrap());
    let title = if finding.verdict == Verdict::Pass {
        "Why it matters"
    } else {
        "How to fix"
    };
    egui::CollapsingHeader::new(title)
        .id_salt("how to fix")
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
}

/// Why the item matters and how to do it, for items the clerk answers.
fn why_and_how_ui(ui: &mut egui::Ui, item: &Item) {
    egui::CollapsingHeader::new("Why and how")
        .id_salt("why and how")
        .show(ui, |ui| {
            ui.add(egui::Label::new(&item.why).wrap());
            ui.add(egui::Label::new(&item.how).wrap());
            ui.label(theme::small(format!("Source: {}", item.source.cite())));
        });
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
        ui.label(theme::small("Who checked it, how and when (required):"));
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
                .hint_text(hint)
                .char_limit(MAX_NOTE_CHARS)
                .desired_width(theme::WIDE_FIELD_WIDTH),
        )
        .accessible_name(format!("Note: {}", item.text))
        .changed()
    {
        cmds.push(Command::DraftChanged);
    }
}

/// The reason field of an item marked not applicable.
fn not_applicable_reason_ui(
    ui: &mut egui::Ui,
    item: &Item,
    self_check: &mut SelfCheck,
    cmds: &mut Vec<Command>,
) {
    let answer = self_check.answer_mut(&item.id);
    if let Some(Answer::NotApplicable(reason)) = &mut answer.answer {
        ui.label(theme::small("Why it does not apply (required):"));
        let response = ui.add(
            egui::TextEdit::singleline(reason)
                .hint_text("e.g. the county does this for us")
                .char_limit(MAX_NOTE_CHARS)
                .desired_width(theme::WIDE_FIELD_WIDTH),
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
