//! History, for the office manager: a sortable, filterable table of signed records with an
//! integrity badge per record and for the chain; open a record to read it as signed; compare two
//! (regressions first); re-create a certification; export CSV.

use std::cmp::Ordering;

use crate::checks::Verdict;
use crate::records::integrity::Integrity;
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
    /// The table rows (one per readable record), with integrity worked out.
    rows: Vec<Row>,
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

/// One table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The record.
    pub stored: StoredRecord,
    /// Local date and time of signing, `YYYY-MM-DD HH:MM`.
    pub signed_at: String,
    /// Whether the record is intact and linked to the one before, and why not.
    pub integrity: Result<(), String>,
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
            .filter(|s| self.rows.iter().any(|r| r.stored.record.sequence == *s));
        self.compare
            .retain(|s| self.rows.iter().any(|r| r.stored.record.sequence == *s));
    }
}

/// Rows with integrity, and the chain's badge, from `records::integrity::verify`: each record's
/// stored bytes against its own hash, its number against its file name, and its link to the
/// record before; gaps and unreadable files break the chain.
#[must_use]
pub fn rows_and_chain(listing: &Listing) -> (Vec<Row>, (Tone, String)) {
    let report = crate::records::integrity::verify(listing);
    let mut records: Vec<&StoredRecord> = listing.records.iter().collect();
    records.sort_by_key(|r| r.record.sequence);
    let rows = records
        .into_iter()
        .map(|stored| {
            let integrity = match report.integrity_of(&stored.path) {
                Some(entry) if entry.integrity == Integrity::Intact => Ok(()),
                Some(entry) => Err(format!("{}: {}", entry.integrity.word(), entry.detail)),
                None => Err("not verified".to_owned()),
            };
            Row {
                stored: stored.clone(),
                signed_at: local_time(&stored.record),
                integrity,
            }
        })
        .collect();
    let tone = if report.is_intact() {
        Tone::Good
    } else {
        Tone::Bad
    };
    (rows, (tone, report.verdict()))
}

/// The signing time in the signer's local time, `YYYY-MM-DD HH:MM`.
#[must_use]
pub fn local_time(record: &Record) -> String {
    let Ok(utc) = chrono::DateTime::parse_from_rfc3339(&record.created_at_utc) else {
        return record.created_at_utc.clone();
    };
    match chrono::FixedOffset::east_opt(record.utc_offset_minutes * 60) {
        Some(offset) => utc
            .with_timezone(&offset)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        None => utc.format("%Y-%m-%d %H:%M UTC").to_string(),
    }
}

/// Rows that pass the filter, sorted.
#[must_use]
pub fn visible_rows<'a>(rows: &'a [Row], filter: &Filter, sort: (SortKey, bool)) -> Vec<&'a Row> {
    let contains = |hay: &str, needle: &str| {
        needle.trim().is_empty() || hay.to_lowercase().contains(&needle.trim().to_lowercase())
    };
    let mut out: Vec<&Row> = rows
        .iter()
        .filter(|row| {
            let r = &row.stored.record;
            let day = row.signed_at.get(..10).unwrap_or("");
            contains(&r.signer.name, &filter.signer)
                && (contains(&r.signer.jurisdiction, &filter.jurisdiction)
                    || contains(&r.signer.county, &filter.jurisdiction))
                && (filter.from.trim().is_empty() || day >= filter.from.trim())
                && (filter.to.trim().is_empty() || day <= filter.to.trim())
                && (!filter.failures_only || r.counts.failed > 0)
        })
        .collect();
    let (key, ascending) = sort;
    out.sort_by(|a, b| {
        let (a, b) = (&a.stored.record, &b.stored.record);
        let order = match key {
            SortKey::Sequence => Ordering::Equal,
            SortKey::Signer => a
                .signer
                .name
                .to_lowercase()
                .cmp(&b.signer.name.to_lowercase()),
            SortKey::Jurisdiction => a
                .signer
                .jurisdiction
                .to_lowercase()
                .cmp(&b.signer.jurisdiction.to_lowercase()),
            SortKey::Failures => a.counts.failed.cmp(&b.counts.failed),
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

/// True when the status means the item is met.
fn is_good(status: &ItemStatus) -> bool {
    matches!(
        status,
        ItemStatus::Done
            | ItemStatus::AttestedByHand
            | ItemStatus::NotApplicable
            | ItemStatus::Checked(Verdict::Pass)
    )
}

/// One difference between two records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Worse now than before.
    pub regression: bool,
    /// What changed, in a sentence.
    pub text: String,
}

/// The differences from `older` to `newer`: regressions first, then everything else.
#[must_use]
pub fn compare(older: &Record, newer: &Record) -> Vec<Change> {
    let older_day = local_time(older).get(..10).unwrap_or("").to_owned();
    let mut changes = Vec::new();
    for item in &newer.items {
        let (_, now) = status_word(&item.status);
        match older.items.iter().find(|o| o.item_id == item.item_id) {
            None => changes.push(Change {
                regression: false,
                text: format!("{}: new item, now {now}", item.text),
            }),
            Some(old) if old.status != item.status => {
                let (_, then) = status_word(&old.status);
                let regression = is_good(&old.status) && !is_good(&item.status);
                changes.push(Change {
                    regression,
                    text: format!("{}: {then} on {older_day}, {now} now", item.text),
                });
            }
            Some(_) => {}
        }
    }
    for old in &older.items {
        if !newer.items.iter().any(|n| n.item_id == old.item_id) {
            changes.push(Change {
                regression: false,
                text: format!("{}: no longer on the checklist", old.text),
            });
        }
    }
    changes.sort_by_key(|c| !c.regression);
    changes
}

/// The rows as CSV (RFC 4180), one line per record.
#[must_use]
pub fn to_csv(rows: &[&Row]) -> String {
    fn field(s: &str) -> String {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_owned()
        }
    }
    let mut out = String::from(
        "sequence,signed_at,signer,title,jurisdiction,county,done,not_done,passed,warnings,failed,unknown,not_applicable,fingerprint,integrity\r\n",
    );
    for row in rows {
        let r = &row.stored.record;
        let c = &r.counts;
        let integrity = match &row.integrity {
            Ok(()) => "intact".to_owned(),
            Err(why) => format!("problem: {why}"),
        };
        let fields = [
            r.sequence.to_string(),
            row.signed_at.clone(),
            r.signer.name.clone(),
            r.signer.title.clone(),
            r.signer.jurisdiction.clone(),
            r.signer.county.clone(),
            c.done.to_string(),
            c.not_done.to_string(),
            c.passed.to_string(),
            c.warned.to_string(),
            c.failed.to_string(),
            c.unknown.to_string(),
            c.not_applicable.to_string(),
            row.stored.fingerprint().to_owned(),
            integrity,
        ];
        out.push_str(
            &fields
                .iter()
                .map(|f| field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    out
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
            let visible: Vec<Row> = visible_rows(&state.rows, &state.filter, state.sort)
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
                    cmds.push(Command::ExportCsv(to_csv(
                        &visible.iter().collect::<Vec<_>>(),
                    )));
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
                && let Some(row) = state.rows.iter().find(|r| r.stored.record.sequence == seq)
            {
                ui.add_space(theme::BLOCK_GAP);
                if record_ui(ui, row, cmds) {
                    state.open = None;
                }
            }
            if let [a, b] = state.compare[..] {
                let find = |s: u64| state.rows.iter().find(|r| r.stored.record.sequence == s);
                if let (Some(a), Some(b)) = (find(a.min(b)), find(a.max(b))) {
                    ui.add_space(theme::BLOCK_GAP);
                    compare_ui(ui, &a.stored.record, &b.stored.record);
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

fn table_ui(ui: &mut egui::Ui, state: &mut HistoryState, visible: &[Row]) {
    egui::Grid::new("history table")
        .striped(true)
        .num_columns(8)
        .spacing([14.0, theme::ROW_GAP])
        .show(ui, |ui| {
            header_ui(ui, &mut state.sort);
            ui.end_row();
            for row in visible {
                let r = &row.stored.record;
                let seq = r.sequence;
                ui.label(seq.to_string());
                ui.label(&row.signed_at);
                ui.label(&r.signer.name);
                ui.label(format!(
                    "{}{}",
                    r.signer.jurisdiction,
                    if r.signer.county.is_empty() {
                        String::new()
                    } else {
                        format!(", {}", r.signer.county)
                    }
                ));
                let c = &r.counts;
                let tone = if c.failed > 0 {
                    Tone::Bad
                } else if c.unknown + c.warned > 0 {
                    Tone::Caution
                } else {
                    Tone::Good
                };
                tone.show(
                    ui,
                    &format!(
                        "{} passed, {} failing, {} unknown, {} N/A",
                        c.passed, c.failed, c.unknown, c.not_applicable
                    ),
                );
                match &row.integrity {
                    Ok(()) => Tone::Good.show(ui, "Intact"),
                    Err(why) => Tone::Bad.show(ui, &format!("Problem: {why}")),
                };
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
fn record_ui(ui: &mut egui::Ui, row: &Row, cmds: &mut Vec<Command>) -> bool {
    let stored = &row.stored;
    let r = &stored.record;
    let mut close = false;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(theme::section_title(format!("Record {}", r.sequence)));
        ui.label(format!(
            "Signed {} by {}{} for {}{}",
            row.signed_at,
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
        ui.label(format!("Fingerprint: {}", stored.fingerprint()));
        match &row.integrity {
            Ok(()) => Tone::Good.show(ui, "Intact"),
            Err(why) => Tone::Bad.show(ui, &format!("Problem: {why}")),
        };
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
        let changes = compare(older, newer);
        if changes.is_empty() {
            ui.label("Nothing changed.");
        }
        for change in changes {
            let (tone, word) = if change.regression {
                (Tone::Bad, "Worse")
            } else {
                (Tone::Neutral, "Changed")
            };
            ui.horizontal_top(|ui| {
                tone.show(ui, word);
                ui.add(egui::Label::new(change.text).wrap());
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
        assert!(rows.iter().all(|r| r.integrity.is_ok()));

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
    fn regressions_come_first_with_the_earlier_date() {
        let older = record(1, "", ItemStatus::Checked(Verdict::Pass)).record;
        let mut newer = record(2, "", ItemStatus::Checked(Verdict::Fail)).record;
        newer.items.push(RecordItem {
            item_id: "new".into(),
            text: "New item".into(),
            ..newer.items[0].clone()
        });
        let changes = compare(&older, &newer);
        assert!(changes[0].regression);
        assert_eq!(changes[0].text, "Firewall on: Pass on 2026-03-01, Fail now");
        assert!(!changes[1].regression);
    }

    #[test]
    fn filter_by_failures_and_date_and_sort_by_signer_descending() {
        let mut a = record(1, "", ItemStatus::Done);
        a.record.counts.failed = 1;
        let b = record(2, &a.sha256, ItemStatus::Done);
        let (rows, _) = rows_and_chain(&Listing {
            records: vec![a, b],
            unreadable: vec![],
        });
        let only_failures = Filter {
            failures_only: true,
            ..Filter::default()
        };
        let seqs = |f: &Filter, s| {
            visible_rows(&rows, f, s)
                .iter()
                .map(|r| r.stored.record.sequence)
                .collect::<Vec<_>>()
        };
        assert_eq!(seqs(&only_failures, (SortKey::Sequence, true)), [1]);
        let from_march_2 = Filter {
            from: "2026-03-02".into(),
            ..Filter::default()
        };
        assert_eq!(seqs(&from_march_2, (SortKey::Sequence, true)), [2]);
        assert_eq!(seqs(&Filter::default(), (SortKey::Signer, false)), [2, 1]);
    }

    #[test]
    fn csv_quotes_commas_and_quotes() {
        let mut a = record(1, "", ItemStatus::Done);
        a.record.signer.name = "Núñez, \"Pepa\"".into();
        let (rows, _) = rows_and_chain(&Listing {
            records: vec![a],
            unreadable: vec![],
        });
        let csv = to_csv(&rows.iter().collect::<Vec<_>>());
        assert!(
            csv.lines()
                .nth(1)
                .unwrap()
                .contains(",\"Núñez, \"\"Pepa\"\"\","),
            "{csv}"
        );
    }
}
