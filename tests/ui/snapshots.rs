//! Snapshot images of the screens, rendered with wgpu (Mesa's software renderer in CI): the
//! first screen with its overview (light and dark, and on a 1366×768 laptop, and with a
//! sign-off due), the sign-off summary, the focus ring, History with an altered record on a
//! 1024×768 screen and at 150 % zoom, and History's chart of a year of sign-offs (1024×768,
//! 150 %, dark). Update with `UPDATE_SNAPSHOTS=1 cargo test --test ui`, and look at every image.

use super::calendar::config_at;
use super::records::{chart_on_screen, history_on_screen};
use super::support::{
    config, harness_with, snapshot, started, started_from, step_until, step_until_shown,
};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;

#[test]
fn main_screen_light() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = started(dir.path(), egui::Theme::Light);
    harness.run();
    snapshot(&mut harness, "main_screen_light");
}

#[test]
fn main_screen_dark() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = started(dir.path(), egui::Theme::Dark);
    harness.run();
    snapshot(&mut harness, "main_screen_dark");
}

/// The overview at the top of the self-check, on a 1366×768 laptop screen.
#[test]
fn overview_on_a_laptop() {
    let dir = tempfile::tempdir().unwrap();
    let harness = harness_with(
        config(dir.path()),
        egui::Theme::Light,
        egui::vec2(1366.0, 768.0),
        1.0,
    );
    let mut harness = started_from(harness);
    harness.run();
    snapshot(&mut harness, "overview_1366x768");
}

/// The focus ring on a "How to fix" header after a jump to the first problem, dark theme.
#[test]
fn focus_ring_dark() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = started(dir.path(), egui::Theme::Dark);
    harness
        .get_by_role_and_label(Role::Button, "Go to first problem")
        .click_accesskit();
    step_until_shown(&mut harness, "How to fix has the focus", |h| {
        h.query_all_by_label("How to fix").any(|n| n.is_focused())
    });
    harness.run();
    snapshot(&mut harness, "focus_ring_dark");
}

#[test]
fn sign_off_summary() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = started(dir.path(), egui::Theme::Light);
    harness
        .get_by_role_and_label(Role::Button, "Sign off")
        .click();
    harness.step();
    harness.run();
    snapshot(&mut harness, "sign_off_summary");
}

/// History on a 1024×768 screen: every column visible, record 2 "Altered".
#[test]
fn history_altered_1024x768() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = history_on_screen(dir.path(), egui::Theme::Light, (1024.0, 768.0), 1.0);
    harness.run();
    snapshot(&mut harness, "history_altered_1024x768");
}

/// History on the same screen at 150 % zoom, one page down (below the chart): one card per
/// record, nothing cut off.
#[test]
fn history_altered_150_percent() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = history_on_screen(dir.path(), egui::Theme::Light, (1024.0, 768.0), 1.5);
    harness.key_press(egui::Key::PageDown);
    step_until_shown(&mut harness, "the cards are in view", |h| {
        let viewport = h.state().scroll_viewport();
        ["Open record 1", "Open record 3"]
            .iter()
            .all(|label| viewport.contains_rect(h.get_by_label(label).rect()))
    });
    harness.run();
    snapshot(&mut harness, "history_altered_150_percent");
}

/// The altered record opened: what happened and what to do, in plain words.
#[test]
fn history_altered_record_opened() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = history_on_screen(dir.path(), egui::Theme::Light, (1024.0, 768.0), 1.0);
    harness.get_by_label("Open record 2").click_accesskit();
    step_until_shown(&mut harness, "record 2 is open", |h| {
        h.query_by_role_and_label(Role::Button, "Close record")
            .is_some_and(|n| n.is_focused())
    });
    harness.run();
    snapshot(&mut harness, "history_altered_record_opened");
}

/// The overview when a sign-off is due: February 20, 2027, the last sign-off 97 days before.
#[test]
fn overview_sign_off_due() {
    let dir = tempfile::tempdir().unwrap();
    super::records::signed_on(dir.path(), "2026-11-15T10:00:00-06:00");
    let harness = harness_with(
        config_at(dir.path(), "2027-02-20T09:00:00-06:00"),
        egui::Theme::Light,
        egui::vec2(1024.0, 768.0),
        1.0,
    );
    let mut harness = started_from(harness);
    step_until(&mut harness, "the calendar is read", |app| {
        app.calendar().is_some_and(|c| c.report.is_due())
    });
    harness.run();
    snapshot(&mut harness, "overview_sign_off_due");
}

/// History's chart of a year of sign-offs on a 1024×768 screen.
#[test]
fn history_chart_1024x768() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = chart_on_screen(dir.path(), egui::Theme::Light, (1024.0, 768.0), 1.0);
    harness.run();
    snapshot(&mut harness, "history_chart_1024x768");
}

/// The same at 150 % zoom: the names and dates still readable.
#[test]
fn history_chart_150_percent() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = chart_on_screen(dir.path(), egui::Theme::Light, (1024.0, 768.0), 1.5);
    harness.run();
    snapshot(&mut harness, "history_chart_150_percent");
}

/// The chart in the dark theme, on a 1366×768 laptop.
#[test]
fn history_chart_dark() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = chart_on_screen(dir.path(), egui::Theme::Dark, (1366.0, 768.0), 1.0);
    harness.run();
    snapshot(&mut harness, "history_chart_dark");
}
