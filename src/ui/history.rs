//! History, for the office manager: a sortable, filterable table of signed records with an
//! integrity badge per record and for the chain; open a record to read it as signed; compare two
//! (regressions first); re-create a certification; export CSV.

use std::cmp::Ordering;

use crate::records::history::{self, ChangeKind, HistoryRow};
use crate::records::integrity::{self, Integrity};
use crate::records::{ItemStatus, Listing, Record, StoredRecord};

use super::app::Command;
use super::theme::{self, Tone};

/// The History screen's state.
#[derive(Debug, Default)]
pub struct HistoryState {
    /// The records as last loaded; `None` until loaded.
    pub listing: Option<Listing>,
    /// True while loading.
    pub loading: bool,
    /// The table rows (one per readable record, by sequence), with integrity worked out.
    rows: Vec<HistoryRow>,
    /// The chain as a whole.
    chain: Option<(Tone, String)>,
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
    /// Part of the signer's name.
    pub signer: String,
    /// Part of the jurisdiction or county.
    pub jurisdiction: String,
    /// First day, `YYYY-MM-DD` (empty: no limit).
    pub from: String,
    /// Last day, `YYYY-MM-DD` (empty: no limit).
    pub to: String,
    /// Only records with failing items.
    pub failures_only: bool,
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
    /// Number of failing items.
    Failures,
}

impl HistoryState {
    /// Replaces the listing and works out rows and integrity.
    pub fn set_listing(&mut self, listing: Listing) {
        let (rows, chain) = rows_and_chain(&listing);
        self.rows = rows;
        self.chain = Some(chain);
        self.listing = Some(listing);
        self.open = self
            .open
            .filter(|s| self.rows.iter().any(|r| r.sequence == *s));
        self.compare
            .retain(|s| self.rows.iter().any(|r| r.sequence == *s));
    }

    /// The stored record behind a row.
    fn stored(&self, row: &HistoryRow) -> Option<&StoredRecord> {
        self.listing
            .as_ref()?
            .records
            .iter()
            .find(|s| s.path == row.path)
    }

    /// The row with this sequence number.
    fn row(&self, sequence: u64) -> Option<&HistoryRow> {
        self.rows.iter().find(|r| r.sequence == sequence)
    }
}

/// Rows (by sequence) from `records::history::rows`, with integrity from
/// `records::integrity::verify`, and the chain's badge: tone and verdict in words.
#[must_use]
pub fn rows_and_chain(listing: &Listing) -> (Vec<HistoryRow>, (Tone, String)) {
    let report = integrity::verify(listing);
    let mut rows = history::rows(listing, &report);
    rows.sort_by_key(|r| r.sequence);
    let tone = if report.is_intact() {
        Tone::Good
    } else {
        Tone::Bad
    };
    (rows, (tone, report.verdict()))
}

/// A row's local signing day, `YYYY-MM-DD` (empty when the stored time is unreadable).
fn day(row: &HistoryRow) -> String {
    row.local_date.map(|d| d.to_string()).unwrap_or_default()
}

/// Rows that pass the filter, sorted.
#[must_use]
pub fn visible_rows<'a>(
    rows: &'a [HistoryRow],
    filter: &Filter,
    sort: (SortKey, bool),
) -> Vec<&'a HistoryRow> {
    let contains = |hay: &str, needle: &str| {
        needle.trim().is_empty() || hay.to_lowercase().contains(&needle.trim().to_lowercase())
    };
    let mut out: Vec<&HistoryRow> = rows
        .iter()
        .filter(|row| {
            let day = day(row);
            contains(&row.signer, &filter.signer)
                && (contains(&row.jurisdiction, &filter.jurisdiction)
                    || contains(&row.county, &filter.jurisdiction))
                && (filter.from.trim().is_empty() || day.as_str() >= filter.from.trim())
                && (filter.to.trim().is_empty() || day.as_str() <= filter.to.trim())
                && (!filter.failures_only || row.has_failures())
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
            SortKey::Failures => a.failed.cmp(&b.failed),
        }
        .then(a.sequence.cmp(&b.sequence));
        if ascending { order } else { order.reverse() }
    });
    out
}

/// The word and tone of an item's status as signed.
#[must_use]
pub fn status_word(status: &ItemStatus) -> (Tone, &'static str) {
    match status {
        ItemStatus::Done => (Tone::Good, "Done"),
        ItemStatus::NotDone => (Tone::Bad, "Not done"),
        ItemStatus::Checked(v) => (theme::verdict_tone(*v), v.word()),
        ItemStatus::AttestedByHand => (Tone::Good, "Checked by hand"),
        ItemStatus::NotApplicable => (Tone::Neutral, "Not applicable"),
    }
}

/// The tone and word shown beside a change between two records.
#[must_use]
pub fn change_word(kind: ChangeKind) -> (Tone, &'static str) {
    match kind {
        ChangeKind::Regression => (Tone::Bad, "Worse"),
        ChangeKind::Improvement => (Tone::Good, "Better"),
        ChangeKind::Changed => (Tone::Neutral, "Changed"),
        ChangeKind::Added => (Tone::Neutral, "New"),
        ChangeKind::Removed => (Tone::Neutral, "Removed"),
    }
}

/// A row's integrity badge: tone and text.
fn integrity_badge(row: &HistoryRow) -> (Tone, String) {
    if row.integrity == Integrity::Intact {
        (Tone::Good, "Intact".to_owned())
    } else if row.integrity_detail.is_empty() {
        (Tone::Bad, format!("Problem: {}", row.integrity.word()))
    } else {
        (
            Tone::Bad,
            format!(
                "Problem: {}: {}",
                row.integrity.word(),
                row.integrity_detail
            ),
        )
    }
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
            let visible: Vec<HistoryRow> = visible_rows(&state.rows, &state.filter, state.sort)
                .into_iter()
                .cloned()
                .collect();
            ui.horizontal_wrapped(|ui| {
                if let Some((tone, text)) = &state.chain {
                    tone.show(ui, text);
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
            if state.listing.is_some() && state.rows.is_empty() {
                ui.label("No records yet. Sign off a self-check to make the first one.");
            } else {
                table_ui(ui, state, &visible);
            }
            if let Some(listing) = &state.listing {
                for bad in &listing.unreadable {
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
            ("Signer", "part of a name", &mut filter.signer),
            ("Jurisdiction", "part of a name", &mut filter.jurisdiction),
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
        ui.checkbox(&mut filter.failures_only, "Has failures");
    });
}

/// The table's header: sortable columns are buttons ("Sort by …").
fn header_ui(ui: &mut egui::Ui, sort: &mut (SortKey, bool)) {
    for (key, title) in [
        (Some(SortKey::Sequence), "No."),
        (None, "Signed"),
        (Some(SortKey::Signer), "Signer"),
        (Some(SortKey::Jurisdiction), "Jurisdiction"),
        (Some(SortKey::Failures), "Result"),
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
                ui.label(format!(
                    "{}{}",
                    row.jurisdiction,
                    if row.county.is_empty() {
                        String::new()
                    } else {
                        format!(", {}", row.county)
                    }
                ));
                let tone = if row.has_failures() {
                    Tone::Bad
                } else if row.unknown + row.warned > 0 {
                    Tone::Caution
                } else {
                    Tone::Good
                };
                tone.show(
                    ui,
                    &format!(
                        "{} passed, {} failing, {} unknown, {} N/A",
                        row.passed, row.failed, row.unknown, row.not_applicable
                    ),
                );
                let (tone, text) = integrity_badge(row);
                tone.show(ui, &text);
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
            "Signed {} by {}{} for {}{}",
            row.signed_at_local,
            r.signer.name,
            if r.signer.title.is_empty() {
                String::new()
            } else {
                format!(", {}", r.signer.title)
            },
            r.signer.jurisdiction,
            if r.signer.county.is_empty() {
                String::new()
            } else {
                format!(", {}", r.signer.county)
            },
        ));
        ui.label(format!(
            "Computer: {} ({} {}); clerkcheck {}",
            r.computer.host_name, r.computer.os_name, r.computer.os_version, r.app_version
        ));
        ui.label(format!("Fingerprint: {}", row.fingerprint));
        let (tone, text) = integrity_badge(row);
        tone.show(ui, &text);
        ui.horizontal_wrapped(|ui| {
            if ui.button("Save certification…").clicked() {
                cmds.push(Command::SaveCertification(Box::new(stored.clone())));
            }
            if ui.button("Open for printing").clicked() {
                cmds.push(Command::OpenForPrinting(Box::new(stored.clone())));
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
            let (tone, word) = status_word(&item.status);
            ui.horizontal_top(|ui| {
                tone.show(ui, word);
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
        let changes = history::compare(older, newer);
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
// A test that unwraps fails loudly with the reason, which is what a test should do.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::records::{Computer, Counts, RecordItem, Signer};

    fn record(sequence: u64, previous_hash: &str, status: ItemStatus) -> StoredRecord {
        StoredRecord {
            path: format!("records/{sequence:06}.ron").into(),
            record: Record {
                schema_version: 1,
                sequence,
                created_at_utc: format!("2026-03-0{sequence}T15:00:00Z"),
                utc_offset_minutes: -360,
                app_version: "0.1.0".into(),
                computer: Computer::default(),
                signer: Signer {
                    name: format!("Clerk {sequence}"),
                    jurisdiction: "Town of Dunn".into(),
                    ..Signer::default()
                },
                statement: String::new(),
                checklists: Vec::new(),
                items: vec![RecordItem {
                    checklist_id: "c".into(),
                    section: "S".into(),
                    item_id: "firewall".into(),
                    text: "Firewall on".into(),
                    check: None,
                    status,
                    evidence: String::new(),
                    raw_evidence: String::new(),
                    note: String::new(),
                    na_reason: String::new(),
                }],
                counts: Counts::default(),
                previous_hash: previous_hash.into(),
            },
            sha256: format!("{sequence:064}"),
            content_sha256: format!("{sequence:064}"),
        }
    }

    #[test]
    fn chain_intact_when_linked_and_broken_when_a_record_is_missing() {
        let a = record(1, "", ItemStatus::Done);
        let b = record(2, &a.sha256, ItemStatus::Done);
        let listing = Listing {
            records: vec![b.clone(), a.clone()],
            unreadable: vec![],
        };
        let (rows, (tone, _)) = rows_and_chain(&listing);
        assert_eq!(tone, Tone::Good);
        assert_eq!(rows.iter().map(|r| r.sequence).collect::<Vec<_>>(), [1, 2]);
        assert!(rows.iter().all(|r| integrity_badge(r).0 == Tone::Good));

        let c = record(3, &b.sha256, ItemStatus::Done);
        let listing = Listing {
            records: vec![a, c],
            unreadable: vec![],
        };
        let (rows, (tone, verdict)) = rows_and_chain(&listing);
        assert_eq!(tone, Tone::Bad);
        assert_eq!(rows.len(), 2);
        assert!(verdict.contains("1 missing"), "{verdict}");
    }

    #[test]
    fn filter_by_failures_and_date_and_sort_by_signer_descending() {
        let mut a = record(1, "", ItemStatus::Done);
        a.record.counts.failed = 1;
        let b = record(2, &a.sha256, ItemStatus::Done);
        // A manual item not done counts as a failure too (HistoryRow::has_failures).
        let mut c = record(3, &b.sha256, ItemStatus::NotDone);
        c.record.counts.not_done = 1;
        let (rows, _) = rows_and_chain(&Listing {
            records: vec![a, b, c],
            unreadable: vec![],
        });
        let only_failures = Filter {
            failures_only: true,
            ..Filter::default()
        };
        let seqs = |f: &Filter, s| {
            visible_rows(&rows, f, s)
                .iter()
                .map(|r| r.sequence)
                .collect::<Vec<_>>()
        };
        assert_eq!(seqs(&only_failures, (SortKey::Sequence, true)), [1, 3]);
        let march_2 = Filter {
            from: "2026-03-02".into(),
            to: "2026-03-02".into(),
            ..Filter::default()
        };
        assert_eq!(seqs(&march_2, (SortKey::Sequence, true)), [2]);
        assert_eq!(
            seqs(&Filter::default(), (SortKey::Signer, false)),
            [3, 2, 1]
        );
        let by_name = Filter {
            signer: " clerk 2 ".into(),
            ..Filter::default()
        };
        assert_eq!(seqs(&by_name, (SortKey::Sequence, true)), [2]);
    }

    #[test]
    fn sort_by_failures_breaks_ties_by_sequence() {
        let mut a = record(1, "", ItemStatus::Done);
        a.record.counts.failed = 2;
        let b = record(2, &a.sha256, ItemStatus::Done);
        let c = record(3, &b.sha256, ItemStatus::Done);
        let (rows, _) = rows_and_chain(&Listing {
            records: vec![a, b, c],
            unreadable: vec![],
        });
        let seqs = |s| {
            visible_rows(&rows, &Filter::default(), s)
                .iter()
                .map(|r| r.sequence)
                .collect::<Vec<_>>()
        };
        assert_eq!(seqs((SortKey::Failures, true)), [2, 3, 1]);
        assert_eq!(seqs((SortKey::Failures, false)), [1, 3, 2]);
    }

    #[test]
    fn set_listing_forgets_open_and_compared_records_that_are_gone() {
        let a = record(1, "", ItemStatus::Done);
        let b = record(2, &a.sha256, ItemStatus::Done);
        let mut state = HistoryState::default();
        state.set_listing(Listing {
            records: vec![a.clone(), b],
            unreadable: vec![],
        });
        state.open = Some(2);
        state.compare = vec![1, 2];
        let row = state.row(2).unwrap().clone();
        assert_eq!(state.stored(&row).unwrap().record.sequence, 2);
        state.set_listing(Listing {
            records: vec![a],
            unreadable: vec![],
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
