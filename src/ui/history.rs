//! History, for the office manager: a table of signed records (columns on a wide window, one
//! card per record on a narrow one or when zoomed in) with a short integrity word per record;
//! search that ignores accents; dates typed the American way; open a record to read it as
//! signed, with what to do if it was altered; compare two (regressions first); re-create a
//! certification; export CSV. Above the list: the results over time as a chart with the
//! elections marked, and which elections a sign-off covered.

mod chart;
mod elections;
mod record;
mod table;

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::NaiveDate;

use crate::calendar::OfficeCalendar;
use crate::records::history::compare::ChangeKind;
use crate::records::history::{self, HistoryRow};
use crate::records::{Integrity, StoredRecord};

use super::command::Command;
use super::keyboard;
use super::theme::{self, Tone};
use super::worker::HistoryData;

/// The History screen's state.
#[derive(Debug, Default)]
pub struct HistoryState {
    /// The records as last loaded and verified (off the UI thread); `None` until loaded.
    data: Option<HistoryData>,
    /// When each record was signed, as shown in the table ("11/24/2026 9:04 AM"), by number.
    signed_short: HashMap<u64, String>,
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
    /// A panel to scroll to and focus, once it is drawn.
    jump: Option<(Panel, bool)>,
    /// The chart's sign-offs, and where they were drawn.
    chart: chart::ChartState,
    /// The review being typed for the opened record.
    review: record::ReviewForm,
}

/// A panel below the table that a jump can go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Panel {
    /// The opened record.
    Record,
    /// The comparison of two records.
    Comparison,
}

/// The table filters, as typed.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    /// Part of a name, title, jurisdiction, county or computer (any case, accents or not).
    pub search: String,
    /// First day, as typed: `11/25/2026` or `2026-11-25` (empty: no limit).
    pub from: String,
    /// Last day, as typed (empty: no limit).
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
        let signed: HashMap<u64, _> = data
            .listing
            .records
            .iter()
            .map(|s| {
                (
                    s.record.sequence,
                    s.record.signed_at().local().naive_local(),
                )
            })
            .collect();
        self.signed_short = signed
            .iter()
            .map(|(n, local)| (*n, local.format("%m/%d/%Y %-I:%M %p").to_string()))
            .collect();
        self.chart = chart::ChartState::new(&data.rows, &signed);
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

    /// Where each sign-off's points were drawn on the chart in the last frame (record number,
    /// screen position): a click there opens that record.
    pub fn chart_points(&self) -> &[(u64, egui::Pos2)] {
        self.chart.points()
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

    /// When record `sequence` was signed, short ("11/24/2026 9:04 AM").
    fn signed_short<'a>(&'a self, row: &'a HistoryRow) -> &'a str {
        self.signed_short
            .get(&row.sequence)
            .map_or(&row.signed_at_local, String::as_str)
    }

    /// Opens a record and scrolls to it.
    fn open_record(&mut self, sequence: u64) {
        self.open = Some(sequence);
        self.jump = Some((Panel::Record, false));
    }

    /// Picks a record for comparison (the oldest pick goes when a third is picked); scrolls to
    /// the comparison once two are picked.
    fn pick_for_comparison(&mut self, sequence: u64, picked: bool) {
        if picked {
            if !self.compare.contains(&sequence) {
                self.compare.push(sequence);
            }
            if self.compare.len() > 2 {
                self.compare.remove(0);
            }
            if self.compare.len() == 2 {
                self.jump = Some((Panel::Comparison, false));
            }
        } else {
            self.compare.retain(|s| *s != sequence);
        }
    }

    /// Moves a pending jump to `panel` on: first scroll its `rect` to the top, then focus
    /// `control`.
    fn take_jump(
        &mut self,
        ui: &egui::Ui,
        panel: Panel,
        rect: egui::Rect,
        control: &egui::Response,
    ) {
        match self.jump {
            Some((p, false)) if p == panel => {
                keyboard::scroll_to_top_of_view(ui, rect);
                self.jump = Some((panel, true));
            }
            Some((p, true)) if p == panel => {
                control.request_focus();
                self.jump = None;
            }
            _ => {}
        }
    }
}

/// A filter date that is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotADate;

/// A date as typed in a filter: `11/25/2026`, `11/25/26`, `11-25-2026` or `2026-11-25`.
/// `Ok(None)` when empty.
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, NotADate> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = text.split(['/', '-', '.']).map(str::trim).collect();
    let number = |s: &str| s.parse::<u32>().map_err(|_| NotADate);
    let (year, month, day) = match parts[..] {
        [y, m, d] if y.len() == 4 => (number(y)?, number(m)?, number(d)?),
        [m, d, y] if y.len() == 4 => (number(y)?, number(m)?, number(d)?),
        [m, d, y] if y.len() == 2 => (2000 + number(y)?, number(m)?, number(d)?),
        _ => return Err(NotADate),
    };
    let year = i32::try_from(year).map_err(|_| NotADate)?;
    NaiveDate::from_ymd_opt(year, month, day)
        .map(Some)
        .ok_or(NotADate)
}

/// Rows that pass the filter, sorted. A date that is not a date sets no limit (the screen says
/// so beside the field).
#[must_use]
pub fn visible_rows<'a>(
    rows: &'a [HistoryRow],
    filter: &Filter,
    sort: (SortKey, bool),
) -> Vec<&'a HistoryRow> {
    let from = parse_date(&filter.from).ok().flatten();
    let to = parse_date(&filter.to).ok().flatten();
    let mut out: Vec<&HistoryRow> = rows
        .iter()
        .filter(|row| {
            row.matches(&filter.search)
                && from.is_none_or(|d| row.local_date >= d)
                && to.is_none_or(|d| row.local_date <= d)
                && (!filter.problems_only || row.has_problems())
        })
        .collect();
    let (key, ascending) = sort;
    out.sort_by(|a, b| {
        let order = match key {
            SortKey::Sequence => Ordering::Equal,
            SortKey::Signer => history::fold(&a.signer).cmp(&history::fold(&b.signer)),
            SortKey::Jurisdiction => {
                history::fold(&a.jurisdiction).cmp(&history::fold(&b.jurisdiction))
            }
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

/// A row's integrity: tone and short word ("Intact", "Altered").
fn integrity_badge(row: &HistoryRow) -> (Tone, &'static str) {
    let tone = if row.integrity == Integrity::Intact {
        Tone::Good
    } else {
        Tone::Bad
    };
    (tone, row.integrity.word())
}

/// A row's result, short: "2 problems", "3 to look at", "All settled"; the full sentence shows
/// on hover and in the opened record.
fn result_badge(row: &HistoryRow) -> (Tone, String) {
    let c = row.counts;
    match (c.problems(), c.needing_attention()) {
        (1, _) => (Tone::Bad, "1 problem".to_owned()),
        (n, _) if n > 1 => (Tone::Bad, format!("{n} problems")),
        (_, 0) => (Tone::Good, "All settled".to_owned()),
        (_, n) => (Tone::Caution, format!("{n} to look at")),
    }
}

/// The History screen (inside the screen's scroll area); `calendar` marks the elections.
pub fn history_ui(
    ui: &mut egui::Ui,
    state: &mut HistoryState,
    calendar: Option<&OfficeCalendar>,
    cmds: &mut Vec<Command>,
) {
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
        if ui
            .button("Check a certification…")
            .on_hover_text(
                "Choose a certification PDF: is it genuine, and is it a record of this office?",
            )
            .clicked()
        {
            cmds.push(Command::CheckCertification);
        }
    });
    if state.data.is_some() {
        chart::chart_ui(ui, state, calendar);
        ui.add_space(theme::BLOCK_GAP);
        ui.label(theme::section_title("Records"));
    }
    filter_ui(ui, &mut state.filter);
    ui.add_space(theme::ROW_GAP);
    if state.data.is_some() && state.rows().is_empty() {
        ui.label("No records yet. Sign off a self-check to make the first one.");
    } else if visible.is_empty() && state.data.is_some() {
        ui.label(
            "No records match the search and filters. Clear the search or the dates to see all.",
        );
    } else {
        table::records_ui(ui, state, &visible);
    }
    unreadable_ui(ui, state);
    if state.data.is_some() {
        elections::elections_ui(ui, state, calendar);
    }
    record::comparison_ui(ui, state);
    record::open_record_ui(ui, state, cmds);
}

fn filter_ui(ui: &mut egui::Ui, filter: &mut Filter) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Search");
        ui.add(
            egui::TextEdit::singleline(&mut filter.search)
                .id_salt("search")
                .hint_text("name, place or computer")
                .desired_width(theme::FIELD_WIDTH.min(220.0)),
        )
        .labelled_by(label.id);
        for (name, value) in [("From", &mut filter.from), ("To", &mut filter.to)] {
            let label = ui.label(name);
            ui.add(
                egui::TextEdit::singleline(value)
                    .id_salt(name)
                    .hint_text("MM/DD/YYYY")
                    .desired_width(theme::DATE_FIELD_WIDTH),
            )
            .labelled_by(label.id);
        }
        ui.checkbox(&mut filter.problems_only, "Has problems");
    });
    for (which, value) in [("From", &filter.from), ("To", &filter.to)] {
        if parse_date(value).is_err() {
            Tone::Caution.show(
                ui,
                &format!(
                    "{which}: \u{201c}{}\u{201d} is not a date, so it is not used. Type it like \
                     11/25/2026.",
                    value.trim()
                ),
            );
        }
    }
}

/// Files in the records folder that could not be read, with what to do.
fn unreadable_ui(ui: &mut egui::Ui, state: &HistoryState) {
    let Some(data) = &state.data else { return };
    for bad in &data.listing.unreadable {
        let name = bad.path.file_name().map_or_else(
            || bad.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        Tone::Bad.show(
            ui,
            &format!("A file in the records folder could not be read: {name}"),
        );
        ui.add(
            egui::Label::new(format!("{} {}", bad.reason, Integrity::Unreadable.advice())).wrap(),
        );
    }
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

    /// Regression: a US date ("11/25/2026") was silently ignored.
    #[test]
    fn us_dates_filter_like_iso_dates() {
        let rows = [row(1, "A", 0), row(2, "B", 0), row(3, "C", 0)];
        for (from, to) in [
            ("03/02/2026", "3/3/2026"),
            ("3/2/26", "03-03-2026"),
            (" 2026-03-02 ", "2026-3-3"),
        ] {
            let f = Filter {
                from: from.into(),
                to: to.into(),
                ..Filter::default()
            };
            assert_eq!(
                seqs(&rows, &f, (SortKey::Sequence, true)),
                [2, 3],
                "{from}..{to}"
            );
        }
        assert_eq!(parse_date("13/40/2026"), Err(NotADate));
        assert_eq!(parse_date("tomorrow"), Err(NotADate));
        assert_eq!(parse_date("  "), Ok(None));
        assert_eq!(
            parse_date("11/25/2026"),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 25))
        );
        // A date that is not one sets no limit.
        let bad = Filter {
            from: "13/40/2026".into(),
            ..Filter::default()
        };
        assert_eq!(seqs(&rows, &bad, (SortKey::Sequence, true)), [1, 2, 3]);
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
    fn a_third_pick_for_comparison_replaces_the_oldest() {
        let mut state = HistoryState::default();
        for seq in [1, 2, 3] {
            state.pick_for_comparison(seq, true);
        }
        assert_eq!(state.compare, [2, 3]);
        assert_eq!(state.jump, Some((Panel::Comparison, false)));
        state.pick_for_comparison(2, false);
        assert_eq!(state.compare, [3]);
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

    #[test]
    fn results_are_short_words() {
        let mut r = row(1, "A", 2);
        assert_eq!(result_badge(&r), (Tone::Bad, "2 problems".to_owned()));
        r.counts = Counts {
            passed: 3,
            ..Counts::default()
        };
        assert_eq!(result_badge(&r), (Tone::Good, "All settled".to_owned()));
        r.counts.not_answered = 4;
        assert_eq!(result_badge(&r), (Tone::Caution, "4 to look at".to_owned()));
    }
}
