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
