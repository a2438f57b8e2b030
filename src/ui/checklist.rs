//! The checklists: sections with progress, automatic items with their verdict, manual items
//! with a checkbox, "Not applicable" with a reason, and hand attestation of Unknown checks.

use crate::checklist::{Checklist, ChecklistOrigin, Item, Section};
use crate::checks::{Finding, Os, Verdict};

use super::app::Command;
use super::session::{ItemState, Session};
use super::theme::{self, Tone};

/// Every loaded checklist, in order.
pub fn checklists_ui(ui: &mut egui::Ui, session: &mut Session, cmds: &mut Vec<Command>) {
    let Some(catalog) = session.catalog.take() else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Loading the checklists…");
        });
        return;
    };
    for checklist in &catalog.checklists {
        ui.push_id(&checklist.id, |ui| {
            checklist_ui(ui, checklist, session, cmds);
        });
        ui.add_space(theme::BLOCK_GAP);
    }
    session.catalog = Some(catalog);
}

fn checklist_ui(
    ui: &mut egui::Ui,
    checklist: &Checklist,
    session: &mut Session,
    cmds: &mut Vec<Command>,
) {
    ui.separator();
    ui.label(theme::heading(&checklist.title));
    let origin = match checklist.origin {
        ChecklistOrigin::Shipped => "Shipped with clerkcheck",
        ChecklistOrigin::Office => "Your office's own checklist",
    };
    ui.label(theme::small(format!("{origin}, version {}", checklist.version)).weak());
    if !checklist.description.is_empty() {
        ui.add(egui::Label::new(&checklist.description).wrap());
    }
    for section in &checklist.sections {
        ui.push_id(&section.id, |ui| section_ui(ui, section, session, cmds));
    }
}

fn section_ui(
    ui: &mut egui::Ui,
    section: &Section,
    session: &mut Session,
    cmds: &mut Vec<Command>,
) {
    ui.add_space(theme::ROW_GAP);
    let (answered, total) = session.section_progress(section);
    ui.horizontal_wrapped(|ui| {
        ui.label(theme::section_title(&section.title));
        let tone = if answered == total {
            Tone::Good
        } else {
            Tone::Neutral
        };
        tone.show(ui, &format!("{answered} of {total} done"));
    });
    for item in &section.items {
        ui.push_id(&item.id, |ui| item_ui(ui, item, session, cmds));
    }
}

fn item_ui(ui: &mut egui::Ui, item: &Item, session: &mut Session, cmds: &mut Vec<Command>) {
    let state = session.item_state(item);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_top(|ui| {
            let (tone, word) = state_badge(state, item.verification.check().is_some());
            tone.show(ui, word);
            ui.add(egui::Label::new(egui::RichText::new(&item.text).strong()).wrap());
        });
        ui.indent("details", |ui| {
            let finding = item
                .verification
                .check()
                .and_then(|c| session.findings.get(&c))
                .cloned();
            match item.verification.check() {
                Some(_) if state == ItemState::NotOnThisComputer => {
                    automatic_ui(ui, item, state, None, session, cmds);
                }
                Some(check) => {
                    automatic_ui(ui, item, state, finding.as_ref(), session, cmds);
                    ui.horizontal_wrapped(|ui| {
                        if ui
                            .button("Check again")
                            .accessible_name(format!("Check again: {}", item.text))
                            .clicked()
                        {
                            cmds.push(Command::Recheck(check));
                        }
                        not_applicable_checkbox(ui, item, session, cmds);
                    });
                }
                None => manual_ui(ui, item, state, session, cmds),
            }
            not_applicable_reason(ui, item, session, cmds);
        });
    });
}

/// Icon and word for an item's state.
fn state_badge(state: ItemState, automatic: bool) -> (Tone, &'static str) {
    match state {
        ItemState::Checked(v) => (theme::verdict_tone(v), v.word()),
        ItemState::Checking => (Tone::Neutral, "Checking…"),
        ItemState::Done => (Tone::Good, "Done"),
        ItemState::Attested => (Tone::Good, "Checked by hand"),
        ItemState::NotApplicable => (Tone::Neutral, "Not applicable"),
        ItemState::NotOnThisComputer => (Tone::Neutral, "Not applicable on this computer"),
        ItemState::Open if automatic => (Tone::Unknown, "Not checked"),
        ItemState::Open => (Tone::Neutral, "To do"),
    }
}

fn automatic_ui(
    ui: &mut egui::Ui,
    item: &Item,
    state: ItemState,
    finding: Option<&Finding>,
    session: &mut Session,
    cmds: &mut Vec<Command>,
) {
    if state == ItemState::Checking {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Checking this computer…");
        });
    }
    if state == ItemState::NotOnThisComputer {
        ui.add(
            egui::Label::new(theme::small(format!(
                "This check exists only on Windows; it does not apply on {}.",
                Os::current().name()
            )))
            .wrap(),
        );
        return;
    }
    let Some(finding) = finding else { return };
    ui.add(egui::Label::new(theme::small(&finding.evidence)).wrap());
    let needs_fix = finding.verdict != Verdict::Pass;
    let title = if needs_fix {
        "How to fix"
    } else {
        "Why it matters"
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
            ui.label(theme::small(format!("Source: {}", item.source.cite())).weak());
        });
    if finding.verdict == Verdict::Unknown && state != ItemState::NotApplicable {
        let answer = session.answer_mut(&item.id);
        let mut done = answer.done;
        if ui
            .checkbox(&mut done, "Checked by hand")
            .accessible_name(format!("Checked by hand: {}", item.text))
            .on_hover_text("The check could not tell; confirm it yourself and say how in the note")
            .changed()
        {
            answer.done = done;
            cmds.push(Command::DraftChanged);
        }
        if answer.done {
            note_ui(
                ui,
                item,
                "Who checked it and when (required), e.g. checked by our county IT on March 3",
                &mut answer.note,
                cmds,
            );
        }
    }
}

fn manual_ui(
    ui: &mut egui::Ui,
    item: &Item,
    state: ItemState,
    session: &mut Session,
    cmds: &mut Vec<Command>,
) {
    egui::CollapsingHeader::new("Why and how")
        .id_salt("why and how")
        .show(ui, |ui| {
            ui.add(egui::Label::new(&item.why).wrap());
            ui.add(egui::Label::new(&item.how).wrap());
            ui.label(theme::small(format!("Source: {}", item.source.cite())).weak());
        });
    ui.horizontal_wrapped(|ui| {
        if state != ItemState::NotApplicable {
            let answer = session.answer_mut(&item.id);
            let mut done = answer.done;
            if ui
                .checkbox(&mut done, "Done")
                .accessible_name(format!("Done: {}", item.text))
                .changed()
            {
                answer.done = done;
                cmds.push(Command::DraftChanged);
            }
        }
        not_applicable_checkbox(ui, item, session, cmds);
    });
    if state != ItemState::NotApplicable {
        let answer = session.answer_mut(&item.id);
        note_ui(ui, item, "Note (optional)", &mut answer.note, cmds);
    }
}

fn note_ui(ui: &mut egui::Ui, item: &Item, hint: &str, note: &mut String, cmds: &mut Vec<Command>) {
    if ui
        .add(
            egui::TextEdit::singleline(note)
                .hint_text(hint)
                .desired_width(theme::WIDE_FIELD_WIDTH),
        )
        .accessible_name(format!("Note: {}", item.text))
        .changed()
    {
        cmds.push(Command::DraftChanged);
    }
}

fn not_applicable_checkbox(
    ui: &mut egui::Ui,
    item: &Item,
    session: &mut Session,
    cmds: &mut Vec<Command>,
) {
    let answer = session.answer_mut(&item.id);
    let mut na = answer.not_applicable.is_some();
    if ui
        .checkbox(&mut na, "Not applicable")
        .accessible_name(format!("Not applicable: {}", item.text))
        .on_hover_text("Mark this item as not applying to your office; say why")
        .changed()
    {
        answer.not_applicable = na.then(String::new);
        cmds.push(Command::DraftChanged);
    }
}

fn not_applicable_reason(
    ui: &mut egui::Ui,
    item: &Item,
    session: &mut Session,
    cmds: &mut Vec<Command>,
) {
    let answer = session.answer_mut(&item.id);
    if let Some(reason) = &mut answer.not_applicable {
        let response = ui.add(
            egui::TextEdit::singleline(reason)
                .hint_text("Why it does not apply (required)")
                .desired_width(theme::WIDE_FIELD_WIDTH),
        );
        let response = response.accessible_name(format!("Reason not applicable: {}", item.text));
        if response.changed() {
            cmds.push(Command::DraftChanged);
        }
        if reason.trim().is_empty() {
            Tone::Caution.show(ui, "Say why it does not apply, or untick it.");
        }
    }
}
