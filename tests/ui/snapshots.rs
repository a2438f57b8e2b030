//! Snapshot images of the screens, rendered with wgpu (Mesa's software renderer in CI): the
//! first screen with its overview (light and dark, and on a 1366×768 laptop), the sign-off
//! summary, the focus ring, and History with an altered record on a 1024×768 screen and at
//! 150 % zoom. Update with `UPDATE_SNAPSHOTS=1 cargo test --test ui`, and look at every image.

use super::records::history_on_screen;
use super::support::{config, harness_with, snapshot, started, started_from, step_until_shown};
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

/// History on the same screen at 150 % zoom: one card per record, nothing cut off.
#[test]
fn history_altered_150_percent() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = history_on_screen(dir.path(), egui::Theme::Light, (1024.0, 768.0), 1.5);
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
