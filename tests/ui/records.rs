//! Records for the History tests: three sign-offs made through the real signing code, on three
//! dates, the second then edited by hand (so it is Altered), and History opened on them.

use std::path::Path;

use clerkcheck::checklist::Checklist;
use clerkcheck::paths::DataDir;
use clerkcheck::session::{Answer, Clock, Host, ItemAnswer, save_record};
use clerkcheck::testing::{computer, sample_self_check};
use clerkcheck::ui::App;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::support::{config, harness_with, started_from, step_until_shown};

/// Saves records 1 to 3 in `data` (signed March 3, June 2 and November 24, 2026, in
/// Wisconsin's time), then changes one letter in record 2.
pub fn three_records_second_altered(data: &Path) {
    let dir = DataDir::new(data);
    let signed = [
        ("2026-03-03T10:15:00-06:00", "José Núñez-Øberg"),
        ("2026-06-02T14:30:00-05:00", "José Núñez-Øberg"),
        ("2026-11-24T09:04:05-06:00", "Ann Lee"),
    ];
    for (n, (at, signer)) in signed.into_iter().enumerate() {
        let mut s = sample_self_check(signer);
        let at = chrono::DateTime::parse_from_rfc3339(at).unwrap();
        s.host = Some(Host::new(computer(), Clock::Fixed(at)));
        if n == 2 {
            // The last record has one more practice not done: a change for the worse.
            let id = s
                .catalog
                .iter()
                .flat_map(|c| c.checklists.iter())
                .flat_map(Checklist::items)
                .filter(|i| i.verification.needs_clerk())
                .map(|i| i.id.clone())
                .next()
                .unwrap();
            s.answers.insert(id, ItemAnswer::new(Answer::NotDone));
        }
        save_record(&dir, s.build_record(None).unwrap(), false).unwrap();
    }
    let path = dir.records().join("000002.ron");
    let mut bytes = fs_err::read(&path).unwrap();
    let at = bytes
        .windows(b"Town of Example".len())
        .position(|w| w == b"Town of Example")
        .unwrap();
    bytes[at + "Town of Exampl".len()] = b'a';
    fs_err::write(&path, bytes).unwrap();
}

/// The app on a `width`×`height` pixel screen at `zoom`, with the three records, showing
/// History once it has listed them.
pub fn history_on_screen(
    data: &Path,
    theme: egui::Theme,
    (width, height): (f32, f32),
    zoom: f32,
) -> Harness<'static, App> {
    three_records_second_altered(data);
    let harness = harness_with(config(data), theme, egui::vec2(width, height), zoom);
    let mut harness = started_from(harness);
    harness
        .get_by_role_and_label(Role::Button, "History")
        .click();
    step_until_shown(&mut harness, "History lists the three records", |h| {
        h.query_by_label("Open record 3").is_some()
    });
    harness
}

/// When each of the year's records was signed (Wisconsin time), and how it was answered: the
/// share of manual items left unanswered, how many were not done, and whether the anti-virus
/// was fixed by then.
const A_YEAR: [(&str, usize, usize, bool); 6] = [
    ("2025-12-02T10:15:00-06:00", 2, 1, false),
    ("2026-03-20T14:30:00-05:00", 4, 2, false),
    ("2026-06-20T09:00:00-05:00", 8, 3, true),
    ("2026-08-25T11:45:00-05:00", 0, 4, true),
    ("2026-10-12T16:20:00-05:00", 0, 1, true),
    ("2026-11-24T08:30:00-06:00", 0, 0, true),
];

/// Saves six records signed over a year (December 2, 2025 to November 24, 2026) whose results
/// get better; with `altered`, changes one letter in record 4 afterwards.
pub fn a_year_of_records(data: &Path, altered: bool) {
    use clerkcheck::checks::{CheckId, Verdict};
    use clerkcheck::testing::FakeChecks;

    let store = DataDir::new(data).record_store();
    for (at, every_nth_unanswered, not_done, fixed) in A_YEAR {
        let mut s = sample_self_check("Ann Lee");
        let at = chrono::DateTime::parse_from_rfc3339(at).unwrap();
        s.host = Some(Host::new(computer(), Clock::Fixed(at)));
        if fixed {
            let mut finding = FakeChecks::finding(CheckId::Antivirus);
            finding.verdict = Verdict::Pass;
            s.add_finding(finding);
        }
        let manual: Vec<String> = s
            .catalog
            .iter()
            .flat_map(|c| c.checklists.iter())
            .flat_map(Checklist::items)
            .filter(|i| i.verification.needs_clerk() && i.verification.check().is_none())
            .map(|i| i.id.clone())
            .collect();
        for (n, id) in manual.iter().enumerate() {
            if every_nth_unanswered > 0 && n % every_nth_unanswered == 0 {
                s.answers.remove(id);
            } else if n < not_done * 3 && n % 3 == 1 {
                s.answers
                    .insert(id.clone(), ItemAnswer::new(Answer::NotDone));
            } else {
                s.answers.insert(id.clone(), ItemAnswer::new(Answer::Done));
            }
        }
        store.save(s.build_record(None).unwrap()).unwrap();
    }
    if altered {
        let path = DataDir::new(data).records().join("000004.ron");
        let mut bytes = fs_err::read(&path).unwrap();
        let at = bytes
            .windows(b"Town of Example".len())
            .position(|w| w == b"Town of Example")
            .unwrap();
        bytes[at + "Town of Exampl".len()] = b'a';
        fs_err::write(&path, bytes).unwrap();
    }
}

/// The app on a `width`×`height` pixel screen at `zoom`, with a year of records (record 4
/// altered), showing History once the chart is drawn.
pub fn chart_on_screen(
    data: &Path,
    theme: egui::Theme,
    (width, height): (f32, f32),
    zoom: f32,
) -> Harness<'static, App> {
    a_year_of_records(data, true);
    let harness = harness_with(config(data), theme, egui::vec2(width, height), zoom);
    let mut harness = started_from(harness);
    harness
        .get_by_role_and_label(Role::Button, "History")
        .click();
    step_until_shown(&mut harness, "History draws the chart", |h| {
        h.state().calendar().is_some()
            && !h.state().history().chart_points().is_empty()
            && h.query_by_label("Open record 6").is_some()
    });
    harness
}

/// Saves one sample record signed at `at` (RFC 3339, with its offset).
pub fn signed_on(data: &Path, at: &str) {
    let mut s = sample_self_check("Ann Lee");
    let at = chrono::DateTime::parse_from_rfc3339(at).unwrap();
    s.host = Some(Host::new(computer(), Clock::Fixed(at)));
    save_record(&DataDir::new(data), s.build_record(None).unwrap(), false).unwrap();
}
