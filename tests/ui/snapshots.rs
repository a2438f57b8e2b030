//! Snapshot images of the main screen (light and dark) and the sign-off summary, rendered with
//! wgpu (Mesa's software renderer in CI). Update with `UPDATE_SNAPSHOTS=1 cargo test --test ui`.

use super::support::{snapshot, started};
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
