//! Snapshot images of the main screen (light and dark) and the sign-off summary, rendered with
//! wgpu (a software renderer in CI). Update with `UPDATE_SNAPSHOTS=1 cargo test --test ui_snapshots`.

// A test that unwraps fails loudly with the reason, which is what a test should do.
#![allow(clippy::unwrap_used)]

mod ui_support;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use ui_support::started;

#[test]
fn main_screen_light() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = started(dir.path(), egui::Theme::Light);
    harness.run();
    harness.snapshot("main_screen_light");
}

#[test]
fn main_screen_dark() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = started(dir.path(), egui::Theme::Dark);
    harness.run();
    harness.snapshot("main_screen_dark");
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
    harness.snapshot("sign_off_summary");
}
