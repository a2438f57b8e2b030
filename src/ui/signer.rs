//! Who signs: name, title, municipality or county, jurisdiction and county.

use crate::records::{JurisdictionKind, MAX_NAME_CHARS, Signer};

use super::command::Command;
use super::theme;

/// The signer fields. Changes autosave with the draft and are remembered as preferences.
pub fn signer_ui(ui: &mut egui::Ui, signer: &mut Signer, cmds: &mut Vec<Command>) {
    ui.label(theme::section_title("Who is signing"));
    let mut changed = false;
    egui::Grid::new("signer grid")
        .num_columns(2)
        .spacing([12.0, theme::ROW_GAP])
        .show(ui, |ui| {
            changed |= field(ui, "Full name", "e.g. José Núñez-Øberg", &mut signer.name);
            changed |= field(ui, "Title", "e.g. Municipal Clerk", &mut signer.title);

            ui.label("Office of a");
            ui.horizontal(|ui| {
                changed |= ui
                    .radio_value(
                        &mut signer.jurisdiction_kind,
                        JurisdictionKind::Municipality,
                        "Municipality",
                    )
                    .changed();
                changed |= ui
                    .radio_value(
                        &mut signer.jurisdiction_kind,
                        JurisdictionKind::County,
                        "County",
                    )
                    .changed();
            });
            ui.end_row();

            let (label, hint) = match signer.jurisdiction_kind {
                JurisdictionKind::Municipality => ("Name of municipality", "e.g. Town of Dunn"),
                JurisdictionKind::County => ("Name of county", "e.g. Dane County"),
            };
            changed |= field(ui, label, hint, &mut signer.jurisdiction);
            changed |= field(ui, "County", "e.g. Dane County", &mut signer.county);
        });
    if changed {
        cmds.push(Command::DraftChanged);
    }
}

/// One labelled text field in the grid; true when it changed.
fn field(ui: &mut egui::Ui, label: &str, hint: &str, value: &mut String) -> bool {
    let label_response = ui.label(label);
    let changed = ui
        .add(
            egui::TextEdit::singleline(value)
                .id_salt(label)
                .hint_text(hint)
                .char_limit(MAX_NAME_CHARS)
                .desired_width(theme::FIELD_WIDTH),
        )
        .labelled_by(label_response.id)
        .changed();
    ui.end_row();
    changed
}
