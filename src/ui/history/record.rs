//! Below the list: the comparison of two records, and one record opened to read as signed,
//! with what its integrity means and what to do about it.

use crate::records::history::HistoryRow;
use crate::records::history::compare::compare;
use crate::records::{Integrity, MAX_NAME_CHARS, MAX_NOTE_CHARS, Record, Reviewer, StoredRecord};
use crate::ui::command::Command;
use crate::ui::theme;

use super::{HistoryState, Panel, change_word, integrity_badge, result_badge};

/// What changed between the two records picked for comparison (older first), if two are.
pub(super) fn comparison_ui(ui: &mut egui::Ui, state: &mut HistoryState) {
    let [a, b] = state.compare[..] else { return };
    let find = |s: u64| state.row(s).and_then(|row| state.stored(row));
    let (Some(older), Some(newer)) = (find(a.min(b)), find(a.max(b))) else {
        return;
    };
    let (older, newer) = (older.record.clone(), newer.record.clone());
    ui.add_space(theme::BLOCK_GAP);
    let mut close = false;
    let frame = egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(theme::section_title(format!(
            "What changed from record {} to record {}",
            older.sequence, newer.sequence
        )));
        let button = ui.button("Close comparison");
        close = button.clicked();
        changes_ui(ui, &older, &newer);
        button
    });
    state.take_jump(ui, Panel::Comparison, frame.response.rect, &frame.inner);
    if close {
        state.compare.clear();
    }
}

fn changes_ui(ui: &mut egui::Ui, older: &Record, newer: &Record) {
    let changes = compare(older, newer);
    if changes.is_empty() {
        ui.label("Nothing changed.");
    }
    for change in changes {
        let (tone, word) = change_word(change.kind);
        ui.horizontal_top(|ui| {
            tone.show(ui, word);
            ui.add(egui::Label::new(format!("{}: {}", change.text, change.summary)).wrap());
        });
    }
}

/// The opened record, if one is.
pub(super) fn open_record_ui(ui: &mut egui::Ui, state: &mut HistoryState, cmds: &mut Vec<Command>) {
    let Some(seq) = state.open else { return };
    let Some(row) = state.row(seq).cloned() else {
        return;
    };
    let Some(stored) = state.stored(&row).cloned() else {
        return;
    };
    let previous = state
        .rows()
        .iter()
        .filter(|r| r.sequence < seq)
        .map(|r| r.sequence)
        .max();
    ui.add_space(theme::BLOCK_GAP);
    let mut action = None;
    let frame = egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let first = record_ui(ui, &row, &stored, previous, &mut action, cmds);
        reviews_ui(ui, &row, &mut state.review, cmds);
        items_ui(ui, &stored.record);
        first
    });
    state.take_jump(ui, Panel::Record, frame.response.rect, &frame.inner);
    match action {
        Some(RecordAction::Close) => state.open = None,
        Some(RecordAction::CompareWith(other)) => {
            state.compare = vec![other, seq];
            state.jump = Some((Panel::Comparison, false));
        }
        None => {}
    }
}

/// What the clerk asked of the opened record.
enum RecordAction {
    Close,
    CompareWith(u64),
}

/// One record as signed. Returns its first button (the one a jump focuses).
fn record_ui(
    ui: &mut egui::Ui,
    row: &HistoryRow,
    stored: &StoredRecord,
    previous: Option<u64>,
    action: &mut Option<RecordAction>,
    cmds: &mut Vec<Command>,
) -> egui::Response {
    let r = &stored.record;
    ui.label(theme::section_title(format!("Record {}", r.sequence)));
    let close = ui.button("Close record");
    if close.clicked() {
        *action = Some(RecordAction::Close);
    }
    let title = if r.signer.title.is_empty() {
        String::new()
    } else {
        format!(", {}", r.signer.title)
    };
    ui.add(
        egui::Label::new(format!(
            "Signed {} by {}{title} for {}",
            r.signed_at().long_words(),
            r.signer.name,
            row.jurisdiction,
        ))
        .wrap(),
    );
    if let Some(election) = &r.election {
        ui.label(format!("Signed before the {}", election.line()));
    }
    ui.label(format!(
        "Computer: {}; clerkcheck {}",
        r.computer.line(),
        r.app_version
    ));
    ui.label(format!("Fingerprint: {}", row.fingerprint));
    let (tone, word) = result_badge(row);
    tone.show(ui, &format!("{word}: {}", row.counts.sentence()));
    integrity_ui(ui, row);
    let intact = row.integrity == Integrity::Intact;
    ui.horizontal_wrapped(|ui| {
        let why_not = "No certification is printed from a record that is not intact";
        if ui
            .add_enabled(intact, egui::Button::new("Save certification…"))
            .on_disabled_hover_text(why_not)
            .clicked()
        {
            cmds.push(Command::SaveCertification(r.sequence));
        }
        if ui
            .add_enabled(intact, egui::Button::new("Open for printing"))
            .on_disabled_hover_text(why_not)
            .clicked()
        {
            cmds.push(Command::OpenForPrinting(r.sequence));
        }
        if let Some(previous) = previous
            && ui
                .button(format!("Compare with record {previous}"))
                .clicked()
        {
            *action = Some(RecordAction::CompareWith(previous));
        }
    });
    close
}

/// The review being typed for the opened record.
#[derive(Debug, Default)]
pub(super) struct ReviewForm {
    /// The record it is for; the form is open only for it.
    for_record: Option<u64>,
    /// The reviewer's name, title and note as typed.
    name: String,
    title: String,
    note: String,
}

/// The record's reviews, and "Mark as reviewed…" for an intact record.
fn reviews_ui(ui: &mut egui::Ui, row: &HistoryRow, form: &mut ReviewForm, cmds: &mut Vec<Command>) {
    ui.add_space(theme::ROW_GAP);
    for review in &row.reviews {
        theme::Tone::Good.show(ui, review);
    }
    if row.integrity != Integrity::Intact {
        return;
    }
    if form.for_record != Some(row.sequence) {
        if ui
            .button("Mark as reviewed…")
            .on_hover_text("The office manager records that this record was looked at")
            .clicked()
        {
            *form = ReviewForm {
                for_record: Some(row.sequence),
                ..ReviewForm::default()
            };
        }
        return;
    }
    egui::Grid::new("review form")
        .num_columns(2)
        .spacing([12.0, theme::ROW_GAP])
        .show(ui, |ui| {
            for (label, hint, value, limit) in [
                (
                    "Reviewer's full name",
                    "e.g. Ann Lee",
                    &mut form.name,
                    MAX_NAME_CHARS,
                ),
                (
                    "Reviewer's title",
                    "e.g. Office Manager",
                    &mut form.title,
                    MAX_NAME_CHARS,
                ),
                (
                    "Note (optional)",
                    "e.g. Compared with the paper copy",
                    &mut form.note,
                    MAX_NOTE_CHARS,
                ),
            ] {
                let label = ui.label(label);
                ui.add(
                    egui::TextEdit::singleline(value)
                        .hint_text(hint)
                        .char_limit(limit)
                        .desired_width(theme::FIELD_WIDTH),
                )
                .labelled_by(label.id);
                ui.end_row();
            }
        });
    ui.horizontal_wrapped(|ui| {
        if ui.button("Save review").clicked() {
            cmds.push(Command::Review {
                sequence: row.sequence,
                reviewer: Reviewer {
                    name: form.name.clone(),
                    title: form.title.clone(),
                },
                note: form.note.clone(),
            });
            *form = ReviewForm::default();
        }
        if ui.button("Cancel review").clicked() {
            *form = ReviewForm::default();
        }
    });
}

/// The integrity word, and for a record that is not intact what was found and what to do, in
/// plain words.
fn integrity_ui(ui: &mut egui::Ui, row: &HistoryRow) {
    let (tone, word) = integrity_badge(row);
    if row.integrity == Integrity::Intact {
        tone.show(ui, &format!("{word}: unchanged since it was signed"));
        return;
    }
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        tone.show(ui, &integrity_headline(row));
        ui.add(egui::Label::new(egui::RichText::new(row.integrity.advice()).strong()).wrap());
        if !row.integrity_detail.is_empty() {
            egui::CollapsingHeader::new("Details")
                .id_salt("integrity details")
                .show(ui, |ui| {
                    ui.add(egui::Label::new(&row.integrity_detail).wrap());
                });
        }
    });
}

/// What happened to a record that is not intact, in one plain sentence; the finding in full
/// (seal, fingerprints, file names) is under "Details".
fn integrity_headline(row: &HistoryRow) -> String {
    let n = row.sequence;
    match row.integrity {
        Integrity::Intact => format!("Record {n} is unchanged since it was signed."),
        Integrity::Altered => format!("Altered: record {n} was changed after it was signed."),
        Integrity::Missing => format!("Missing: record {n} is not in the records folder."),
        Integrity::OutOfOrder => {
            format!("Out of order: record {n} is not where it belongs in the records folder.")
        }
        Integrity::Unreadable => format!("Unreadable: record {n} could not be read."),
    }
}

/// The items as signed, by section.
fn items_ui(ui: &mut egui::Ui, r: &Record) {
    let mut section = "";
    for item in &r.items {
        if item.section != section {
            section = &item.section;
            ui.add_space(theme::ROW_GAP);
            ui.label(egui::RichText::new(section).strong());
        }
        ui.horizontal_top(|ui| {
            theme::status_tone(item.status).show(ui, item.status.word());
            ui.add(egui::Label::new(&item.text).wrap());
        });
        for (what, text) in [
            ("Evidence", &item.evidence),
            ("Note", &item.note),
            ("Not applicable because", &item.na_reason),
        ] {
            if !text.is_empty() {
                ui.indent(what, |ui| {
                    ui.add(egui::Label::new(theme::small(format!("{what}: {text}"))).wrap());
                });
            }
        }
    }
}
