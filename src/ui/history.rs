//! History, for the office manager: a sortable, filterable table of signed records with an
//! integrity badge per record and for the chain; open a record to read it as signed; compare two
//! (regressions first); re-create a certification; export CSV.

use std::cmp::Ordering;

use crate::records::history::compare::{ChangeKind, compare};
use crate::records::history::{self, HistoryRow};
use crate::records::{Integrity, Record, StoredRecord};

use super::command::Command;
use super::theme::{self, Tone};
use super::worker::HistoryData;

/// The History screen's state.
#[derive(Debug, Default)]
pub struct HistoryState {
    /// The records as last loaded and verified (off the UI thread); `None` until loaded.
    data: Option<HistoryData>,
    /// True while loading.
    pub loading: bool,
    /// Filters.
    filter: Filter,
    /// Sort column and direction.
    sort: (SortKey, bool),
    /// The record opened for reading, by sequence.
    open: Option<u64>,
    /// Records picked for comparison, by sequence (at most two).
    compare: Vec<u64>,
}

/// The table filters.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    /// Part of a name, title, jurisdiction, county or computer (any case, accents or not).
    pub search: String,
    /// First day, `YYYY-MM-DD` (empty: no limit).
    pub from: String,
    /// Last day, `YYYY-MM-DD` (empty: no limit).
    pub to: String,
    /// Only records with problems (a failed check or a practice not done).
    pub problems_only: bool,
}

/// A sortable column.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Sequence number (= date order).
    #[default]
    Sequence,
    /// Signer name.
    Signer,
    /// Jurisdiction.
    Jurisdiction,
    /// Number of problems.
    Problems,
}

impl HistoryState {
    /// Takes newly loaded records in.
    pub fn set_data(&mut self, data: HistoryData) {
        self.open = self
            .open
            .filter(|s| data.rows.iter().any(|r| r.sequence == *s));
        self.compare
            .retain(|s| data.rows.iter().any(|r| r.sequence == *s));
        self.data = Some(data);
    }

    /// True once records were loaded (and not made stale since).
    pub fn loaded(&self) -> bool {
        self.data.is_some()
    }

    /// Forgets the records so the next visit loads them again (after signing).
    pub fn invalidate(&mut self) {
        self.data = None;
    }

    /// The rows, by number.
    pub fn rows(&self) -> &[HistoryRow] {
        self.data.as_ref().map_or(&[], |d| &d.rows)
    }

    /// The stored record behind a row.
    fn stored(&self, row: &HistoryRow) -> Option<&StoredRecord> {
        self.data
            .as_ref()?
            .listing
            .records
            .iter()
            .find(|s| s.path == row.path)
    }

    /// The row with this number.
    fn row(&self, sequence: u64) -> Option<&HistoryRow> {
        self.rows().iter().find(|r| r.sequence == sequence)
    }
}

/// Rows that pass the filter, sorted.
#[must_use]
pub fn visible_rows<'a>(
    rows: &'a [HistoryRow],
    filter: &Filter,
    sort: (SortKey, bool),
) -> Vec<&'a HistoryRow> {
    let mut out: Vec<&HistoryRow> = rows
        .iter()
        .filter(|row| {
            let day = row.local_date.to_string();
            row.matches(&filter.search)
                && (filter.from.trim().is_empty() || day.as_str() >= filter.from.trim())
                && (filter.to.trim().is_empty() || day.as_str() <= filter.to.trim())
                && (!filter.problems_only || row.has_problems())
        })
        .collect();
    let (key, ascending) = sort;
    out.sort_by(|a, b| {
        let order = match key {
            SortKey::Sequence => Ordering::Equal,
            SortKey::Signer => a.signer.to_lowercase().cmp(&b.signer.to_lowercase()),
            SortKey::Jurisdiction => a
                .jurisdiction
                .to_lowercase()
                .cmp(&b.jurisdiction.to_lowercase()),
            SortKey::Problems => a.counts.problems().cmp(&b.counts.problems()),
        }
        .then(a.sequence.cmp(&b.sequence));
        if ascending { order } else { order.reverse() }
    });
    out
}

/// The tone and word shown beside a change between two records.
#[must_use]
pub fn change_word(kind: ChangeKind) -> (Tone, &'static str) {
    let tone = match kind {
        ChangeKind::Regression => Tone::Bad,
        ChangeKind::Improvement => Tone::Good,
        ChangeKind::Changed | ChangeKind::Added | ChangeKind::Removed => Tone::Neutral,
    };
    (tone, kind.word())
}

/// A row's integrity badge: tone and text.
fn integrity_badge(row: &HistoryRow) -> (Tone, &'static str) {
    let tone = if row.integrity == Integrity::Intact {
        Tone::Good
    } else {
        Tone::Bad
    };
    (tone, row.integrity.word())
}

/// The History screen.
pub fn history_ui(ui: &mut egui::Ui, state: &mut HistoryState, cmds: &mut Vec<Command>) {
    egui::ScrollArea::vertical()
        .id_salt("history scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(theme::heading("History of signed records"));
            if state.loading {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Loading the records…");
                });
            }
            let visible: Vec<HistoryRow> = visible_rows(state.rows(), &state.filter, state.sort)
                .into_iter()
                .cloned()
                .collect();
            ui.horizontal_wrapped(|ui| {
                if let Some(data) = &state.data {
                    let tone = if data.report.is_intact() {
                        Tone::Good
                    } else {
                        Tone::Bad
                    };
                    tone.show(ui, &data.report.verdict());
                }
                if ui.button("Reload").clicked() {
                    cmds.push(Command::LoadHistory);
                }
                let export = ui.add_enabled(!visible.is_empty(), egui::Button::new("Export CSV…"));
                if export.clicked() {
                    cmds.push(Command::ExportCsv(history::to_csv_file_bytes(&visible)));
                }
            });
            filter_ui(ui, &mut state.filter);
            ui.add_space(theme::ROW_GAP);
            if state.data.is_some() && state.rows().is_empty() {
                ui.label("No records yet. Sign off a self-check to make the first one.");
            } else if visible.is_empty() && state.data.is_some() {
                ui.label("No records match the search and filters.");
            } else {
                table_ui(ui, state, &visible);
            }
            if let Some(data) = &state.data {
                for bad in &data.listing.unreadable {
                    Tone::Bad.show(
                        ui,
                        &format!("Unreadable: {}: {}", bad.path.display(), bad.reason),
                    );
                }
            }
            if let Some(seq) = state.open
                && let Some(row) = state.row(seq)
                && let Some(stored) = state.stored(row)
            {
                ui.add_space(theme::BLOCK_GAP);
                if record_ui(ui, row, stored, cmds) {
                    state.open = None;
                }
            }
            if let [a, b] = state.compare[..] {
                let find = |s: u64| state.row(s).and_then(|row| state.stored(row));
                if let (Some(a), Some(b)) = (find(a.min(b)), find(a.max(b))) {
                    ui.add_space(theme::BLOCK_GAP);
                    compare_ui(ui, &a.record, &b.record);
                }
            }
        });
}

fn filter_ui(ui: &mut egui::Ui, filter: &mut Filter) {
    ui.horizontal_wrapped(|ui| {
        for (label, hint, value) in [
            ("Search", "name, place or computer", &mut filter.search),
            ("From", "YYYY-MM-DD", &mut filter.from),
            ("To", "YYYY-MM-DD", &mut filter.to),
        ] {
            let label = ui.label(label);
            ui.add(
                egui::TextEdit::singleline(value)
                    .hint_text(hint)
                    .desired_width(110.0),
            )
            .labelled_by(label.id);
        }
        ui.checkbox(&mut filter.problems_only, "Has problems");
    });
}

/// The table's header: sortable columns are buttons ("Sort by …").
fn header_ui(ui: &mut egui::Ui, sort: &mut (SortKey, bool)) {
    for (key, title) in [
        (Some(SortKey::Sequence), "No."),
        (None, "Signed"),
        (Some(SortKey::Signer), "Signer"),
        (Some(SortKey::Jurisdiction), "Jurisdiction"),
        (Some(SortKey::Problems), "Result"),
        (None, "Integrity"),
        (None, ""),
        (None, ""),
    ] {
        match key {
            Some(key) => {
                let arrow = match *sort {
                    (k, true) if k == key => " (up)",
                    (k, false) if k == key => " (down)",
                    _ => "",
                };
                if ui
                    .button(egui::RichText::new(format!("{title}{arrow}")).strong())
                    .accessible_name(format!("Sort by {title}"))
                    .clicked()
                {
                    *sort = (key, if sort.0 == key { !sort.1 } else { true });
                }
            }
            None => {
                ui.label(egui::RichText::new(title).strong());
            }
        }
    }
}

fn table_ui(ui: &mut egui::Ui, state: &mut HistoryState, visible: &[HistoryRow]) {
    egui::Grid::new("history table")
        .striped(true)
        .num_columns(8)
        .spacing([14.0, theme::ROW_GAP])
        .show(ui, |ui| {
            header_ui(ui, &mut state.sort);
            ui.end_row();
            for row in visible {
                let seq = row.sequence;
                ui.label(seq.to_string());
                ui.label(&row.signed_at_local);
                ui.label(&row.signer);
                ui.label(&row.jurisdiction);
                let c = row.counts;
                let tone = if row.has_problems() {
                    Tone::Bad
                } else if c.needing_attention() > 0 {
                    Tone::Caution
                } else {
                    Tone::Good
                };
                tone.show(ui, &c.sentence());
                let (tone, text) = integrity_badge(row);
                tone.show(ui, text);
                if ui
                    .button("Open")
                    .accessible_name(format!("Open record {seq}"))
                    .clicked()
                {
                    state.open = Some(seq);
                }
                let mut picked = state.compare.contains(&seq);
                if ui
                    .checkbox(&mut picked, "Compare")
                    .accessible_name(format!("Compare record {seq}"))
                    .changed()
                {
                    if picked {
                        state.compare.push(seq);
                        if state.compare.len() > 2 {
                            state.compare.remove(0);
                        }
                    } else {
                        state.compare.retain(|s| *s != seq);
                    }
                }
                ui.end_row();
            }
        });
    if state.compare.len() == 1 {
        ui.label("Tick \"Compare\" on a second record to see what changed.");
    }
}

/// One record as signed; returns true when the clerk closes it.
fn record_ui(
    ui: &mut egui::Ui,
    row: &HistoryRow,
    stored: &StoredRecord,
    cmds: &mut Vec<Command>,
) -> bool {
    let r = &stored.record;
    let mut close = false;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(theme::section_title(format!("Record {}", r.sequence)));
        ui.label(format!(
            "Signed {} by {}{} for {}",
            row.signed_at_local,
            r.signer.name,
            if r.signer.title.is_empty() {
                String::new()
            } else {
                format!(", {}", r.signer.title)
            },
            row.jurisdiction,
        ));
        ui.label(format!(
            "Computer: {}; clerkcheck {}",
            r.computer.line(),
            r.app_version
        ));
        ui.label(format!("Fingerprint: {}", row.fingerprint));
        let (tone, text) = integrity_badge(row);
        tone.show(ui, text);
        let intact = row.integrity == Integrity::Intact;
        if !intact {
            ui.add(egui::Label::new(&row.integrity_detail).wrap());
            ui.add(egui::Label::new(row.integrity.advice()).wrap());
        }
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
            if ui.button("Close record").clicked() {
                close = true;
            }
        });
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
    });
    close
}

fn compare_ui(ui: &mut egui::Ui, older: &Record, newer: &Record) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(theme::section_title(format!(
            "What changed from record {} to record {}",
            older.sequence, newer.sequence
        )));
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
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::{Counts, Listing};

    fn row(sequence: u64, signer: &str, failed: u32) -> HistoryRow {
        HistoryRow {
            sequence,
            path: format!("records/{sequence:06}.ron").into(),
            signed_at_utc: String::new(),
            signed_at_local: String::new(),
            local_date: chrono::NaiveDate::from_ymd_opt(2026, 3, u32::try_from(sequence).unwrap())
                .unwrap(),
            signer: signer.to_owned(),
            title: "Clerk".to_owned(),
            jurisdiction: "Town of Dunn, Dane County".to_owned(),
            jurisdiction_kind: crate::records::JurisdictionKind::Municipality,
            county: "Dane County".to_owned(),
            computer: "PC".to_owned(),
            counts: Counts {
                failed,
                not_answered: 40,
                ..Counts::default()
            },
            fingerprint: String::new(),
            integrity: Integrity::Intact,
            integrity_detail: String::new(),
            reviews: Vec::new(),
        }
    }

    fn seqs(rows: &[HistoryRow], f: &Filter, s: (SortKey, bool)) -> Vec<u64> {
        visible_rows(rows, f, s)
            .iter()
            .map(|r| r.sequence)
            .collect()
    }

    #[test]
    fn filter_by_problems_date_and_search_and_sort_by_signer_descending() {
        let rows = [
            row(1, "José Núñez", 1),
            row(2, "Ann Lee", 0),
            row(3, "Bo Yu", 2),
        ];
        let problems = Filter {
            problems_only: true,
            ..Filter::default()
        };
        assert_eq!(seqs(&rows, &problems, (SortKey::Sequence, true)), [1, 3]);
        let march_2 = Filter {
            from: "2026-03-02".into(),
            to: "2026-03-02".into(),
            ..Filter::default()
        };
        assert_eq!(seqs(&rows, &march_2, (SortKey::Sequence, true)), [2]);
        assert_eq!(
            seqs(&rows, &Filter::default(), (SortKey::Signer, false)),
            [1, 3, 2]
        );
        let nunez = Filter {
            search: " nunez ".into(),
            ..Filter::default()
        };
        assert_eq!(seqs(&rows, &nunez, (SortKey::Sequence, true)), [1]);
    }

    #[test]
    fn sort_by_problems_breaks_ties_by_number() {
        let rows = [row(1, "A", 2), row(2, "B", 0), row(3, "C", 0)];
        assert_eq!(
            seqs(&rows, &Filter::default(), (SortKey::Problems, true)),
            [2, 3, 1]
        );
        assert_eq!(
            seqs(&rows, &Filter::default(), (SortKey::Problems, false)),
            [1, 3, 2]
        );
    }

    #[test]
    fn new_data_forgets_open_and_compared_records_that_are_gone() {
        let mut state = HistoryState::default();
        state.set_data(HistoryData {
            rows: vec![row(1, "A", 0), row(2, "B", 0)],
            ..HistoryData::default()
        });
        state.open = Some(2);
        state.compare = vec![1, 2];
        state.set_data(HistoryData {
            listing: Listing::default(),
            rows: vec![row(1, "A", 0)],
            ..HistoryData::default()
        });
        assert_eq!(state.open, None);
        assert_eq!(state.compare, [1]);
    }

    #[test]
    fn only_regressions_are_shown_as_worse() {
        assert_eq!(change_word(ChangeKind::Regression), (Tone::Bad, "Worse"));
        for kind in [
            ChangeKind::Improvement,
            ChangeKind::Changed,
            ChangeKind::Added,
            ChangeKind::Removed,
        ] {
            assert_ne!(change_word(kind).0, Tone::Bad, "{kind:?}");
        }
    }
}
