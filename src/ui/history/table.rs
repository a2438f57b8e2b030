//! The list of records: one column each for number, date, signer, jurisdiction, result and
//! integrity when the window is wide enough; one card per record when it is not (a small
//! screen, or zoomed in), so no column is ever cut off.

use crate::records::history::HistoryRow;

use super::{HistoryState, SortKey, integrity_badge, result_badge};
use crate::ui::theme;

/// The least width, in points, at which the records show as a table with columns.
pub const WIDE_TABLE: f32 = 900.0;
/// The widest the jurisdiction column gets before its text is cut with "…".
const JURISDICTION_WIDTH: f32 = 230.0;

/// What the clerk did in the list this frame, applied after it is drawn.
#[derive(Default)]
struct Actions {
    open: Option<u64>,
    picks: Vec<(u64, bool)>,
}

/// The records, as a table or as cards depending on the width.
pub(super) fn records_ui(ui: &mut egui::Ui, state: &mut HistoryState, visible: &[HistoryRow]) {
    let mut actions = Actions::default();
    if ui.available_width() >= WIDE_TABLE {
        table_ui(ui, state, visible, &mut actions);
    } else {
        cards_ui(ui, state, visible, &mut actions);
    }
    if let Some(sequence) = actions.open {
        state.open_record(sequence);
    }
    for (sequence, picked) in actions.picks {
        state.pick_for_comparison(sequence, picked);
    }
    if state.compare.len() == 1 {
        ui.label("Tick \u{201c}Compare\u{201d} on a second record to see what changed.");
    }
}

/// A column title that sorts by it; the column sorted by has a triangle pointing up (first to
/// last) or down (last to first), painted so it needs no font to have the glyph.
fn sort_button(ui: &mut egui::Ui, sort: &mut (SortKey, bool), key: SortKey, title: &str) {
    let sorted = (sort.0 == key).then_some(sort.1);
    let (text, direction) = match sorted {
        // No-break spaces: room for the triangle that layout does not trim away.
        Some(true) => (
            format!("{title}\u{a0}\u{a0}\u{a0}\u{a0}"),
            ", now first to last",
        ),
        Some(false) => (
            format!("{title}\u{a0}\u{a0}\u{a0}\u{a0}"),
            ", now last to first",
        ),
        None => (title.to_owned(), ""),
    };
    let response = ui
        .button(egui::RichText::new(text).strong())
        .accessible_name(format!("Sort by {title}{direction}"));
    if let Some(ascending) = sorted {
        let size = 0.35 * ui.text_style_height(&egui::TextStyle::Body);
        let rect = response.rect;
        let c = egui::pos2(rect.right() - 8.0 - size, rect.center().y);
        let (tip, base) = if ascending {
            (-size, size)
        } else {
            (size, -size)
        };
        let points = vec![
            egui::pos2(c.x, c.y + tip),
            egui::pos2(c.x + size, c.y + base),
            egui::pos2(c.x - size, c.y + base),
        ];
        let color = ui.visuals().strong_text_color();
        ui.painter().add(egui::Shape::convex_polygon(
            points,
            color,
            egui::Stroke::NONE,
        ));
    }
    if response.clicked() {
        *sort = (key, sorted != Some(true));
    }
}

/// "Open" and "Compare" for one record.
fn actions_ui(ui: &mut egui::Ui, row: &HistoryRow, picked: bool, actions: &mut Actions) {
    let seq = row.sequence;
    if ui
        .button("Open")
        .accessible_name(format!("Open record {seq}"))
        .clicked()
    {
        actions.open = Some(seq);
    }
    let mut now = picked;
    if ui
        .checkbox(&mut now, "Compare")
        .accessible_name(format!("Compare record {seq}"))
        .changed()
    {
        actions.picks.push((seq, now));
    }
}

fn badges_ui(ui: &mut egui::Ui, row: &HistoryRow) {
    let (tone, text) = result_badge(row);
    tone.show(ui, &text).on_hover_text(row.counts.sentence());
    let (tone, word) = integrity_badge(row);
    tone.show(ui, word)
        .on_hover_text("Open the record to read what this means and what to do");
}

fn table_ui(
    ui: &mut egui::Ui,
    state: &mut HistoryState,
    visible: &[HistoryRow],
    actions: &mut Actions,
) {
    egui::Grid::new("history table")
        .striped(true)
        .num_columns(7)
        .spacing([12.0, theme::ROW_GAP])
        .show(ui, |ui| {
            sort_button(ui, &mut state.sort, SortKey::Sequence, "No.");
            ui.label(egui::RichText::new("Signed").strong());
            sort_button(ui, &mut state.sort, SortKey::Signer, "Signer");
            sort_button(ui, &mut state.sort, SortKey::Jurisdiction, "Jurisdiction");
            sort_button(ui, &mut state.sort, SortKey::Problems, "Result");
            ui.label(egui::RichText::new("Integrity").strong());
            ui.label("");
            ui.end_row();
            for row in visible {
                ui.label(row.sequence.to_string());
                ui.label(state.signed_short(row));
                ui.label(&row.signer);
                ui.scope(|ui| {
                    ui.set_max_width(JURISDICTION_WIDTH);
                    ui.add(egui::Label::new(&row.jurisdiction).truncate());
                });
                let (tone, text) = result_badge(row);
                tone.show(ui, &text).on_hover_text(row.counts.sentence());
                let (tone, word) = integrity_badge(row);
                tone.show(ui, word)
                    .on_hover_text("Open the record to read what this means and what to do");
                let picked = state.compare.contains(&row.sequence);
                ui.horizontal(|ui| actions_ui(ui, row, picked, actions));
                ui.end_row();
            }
        });
}

fn cards_ui(
    ui: &mut egui::Ui,
    state: &mut HistoryState,
    visible: &[HistoryRow],
    actions: &mut Actions,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Sort by");
        sort_button(ui, &mut state.sort, SortKey::Sequence, "No.");
        sort_button(ui, &mut state.sort, SortKey::Signer, "Signer");
        sort_button(ui, &mut state.sort, SortKey::Jurisdiction, "Jurisdiction");
        sort_button(ui, &mut state.sort, SortKey::Problems, "Result");
    });
    let stripe = ui.visuals().faint_bg_color;
    for (index, row) in visible.iter().enumerate() {
        let fill = if index % 2 == 0 {
            stripe
        } else {
            egui::Color32::TRANSPARENT
        };
        ui.push_id(row.sequence, |ui| {
            egui::Frame::new()
                .fill(fill)
                .inner_margin(egui::Margin::symmetric(6, 4))
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        ui.label(egui::RichText::new(format!("No. {}", row.sequence)).strong());
                        ui.label(state.signed_short(row));
                        ui.label(egui::RichText::new(&row.signer).strong());
                        ui.label(&row.jurisdiction);
                    });
                    ui.horizontal_wrapped(|ui| {
                        badges_ui(ui, row);
                        let picked = state.compare.contains(&row.sequence);
                        actions_ui(ui, row, picked, actions);
                    });
                });
        });
    }
}
