//! Sign off: the summary, the certification statement, the typed signature; after signing, the
//! saved record with "Save certification…" and "Open for printing".

use crate::records::{MAX_NAME_CHARS, StoredRecord};
use crate::session::SelfCheck;
use crate::session::signing::statement;

use super::command::{Command, Jump};
use super::theme::{self, Tone};

/// The sign-off screen's own state.
#[derive(Debug, Default)]
pub struct SignOffState {
    /// The full name as typed to sign.
    pub signature: String,
    /// Why the last attempt to sign was refused.
    pub error: Option<String>,
    /// The item the refusal is about, if it is about one (to jump to it).
    pub error_item: Option<String>,
    /// True while the record is being saved.
    pub signing: bool,
    /// The record saved by signing, once saved.
    pub signed: Option<Box<StoredRecord>>,
}

/// The sign-off screen.
pub fn signoff_ui(
    ui: &mut egui::Ui,
    self_check: &SelfCheck,
    state: &mut SignOffState,
    cmds: &mut Vec<Command>,
) {
    if let Some(stored) = &state.signed {
        signed_ui(ui, stored, cmds);
        return;
    }
    ui.label(theme::heading("Sign off"));
    summary_ui(ui, self_check);
    ui.add_space(theme::BLOCK_GAP);

    ui.label(theme::section_title("Certification statement"));
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.add(egui::Label::new(statement(self_check.counts())).wrap());
    });
    ui.add_space(theme::BLOCK_GAP);

    let signer = &self_check.signer;
    let jurisdiction = signer.jurisdiction_line();
    if !jurisdiction.is_empty() || !signer.title.is_empty() {
        ui.label(format!(
            "Signing as {}, {} for {}",
            signer.name.trim(),
            if signer.title.trim().is_empty() {
                "(title not given)"
            } else {
                signer.title.trim()
            },
            if jurisdiction.is_empty() {
                "(jurisdiction not given)"
            } else {
                &jurisdiction
            }
        ));
    }
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Type your full name to sign:");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut state.signature)
                    .id_salt("signature")
                    .hint_text("Full name")
                    .char_limit(MAX_NAME_CHARS)
                    .desired_width(theme::WIDE_FIELD_WIDTH),
            )
            .labelled_by(label.id);
        if field.changed() {
            state.error = None;
            state.error_item = None;
        }
        let pressed_enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let sign = ui.add_enabled(!state.signing, egui::Button::new("Sign"));
        if sign.clicked() || pressed_enter {
            cmds.push(Command::Sign);
        }
    });
    if state.signing {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Saving the signed record…");
        });
    }
    if let Some(error) = &state.error {
        Tone::Bad.show(ui, &format!("Not signed: {error}"));
        if let Some(item) = &state.error_item
            && ui.button("Show this item").clicked()
        {
            cmds.push(Command::JumpTo(Jump::Item(item.clone())));
        }
    }
}

/// The counts before signing: one line per status, with its word, icon and number.
fn summary_ui(ui: &mut egui::Ui, self_check: &SelfCheck) {
    let counts = self_check.counts();
    ui.label(theme::section_title("Summary"));
    egui::Grid::new("summary grid")
        .num_columns(2)
        .spacing([24.0, theme::ROW_GAP])
        .show(ui, |ui| {
            for (status, n) in counts.by_status() {
                let tone = if n == 0 {
                    Tone::Neutral
                } else {
                    theme::status_tone(status)
                };
                tone.show(ui, status.word());
                ui.label(n.to_string());
                ui.end_row();
            }
            ui.label(egui::RichText::new("All items").strong());
            ui.label(counts.total().to_string());
            ui.end_row();
        });
    if counts.needing_attention() > 0 {
        ui.add(
            egui::Label::new(
                "You can sign with items failing, unknown or not answered: the certification \
                 says so, and lists them first, under \"Needs attention\".",
            )
            .wrap(),
        );
    }
}

/// After signing: where the record is, and the certification buttons.
fn signed_ui(ui: &mut egui::Ui, stored: &StoredRecord, cmds: &mut Vec<Command>) {
    ui.label(theme::heading("Signed"));
    Tone::Good.show(
        ui,
        &format!(
            "Signed by {} and saved as record {}",
            stored.record.signer.name, stored.record.sequence
        ),
    );
    ui.label(format!("Fingerprint: {}", stored.fingerprint()));
    ui.label(theme::small(format!("Saved as {}", stored.path.display())));
    ui.add_space(theme::BLOCK_GAP);
    ui.horizontal_wrapped(|ui| {
        if ui.button("Save certification…").clicked() {
            cmds.push(Command::SaveCertification(stored.record.sequence));
        }
        if ui.button("Open for printing").clicked() {
            cmds.push(Command::OpenForPrinting(stored.record.sequence));
        }
        if ui.button("Start a new self-check").clicked() {
            cmds.push(Command::StartOver);
        }
    });
}
