//! Shared by the UI tests: the app with fake checks, a fixed host and dialogs that answer
//! themselves, and waiting for conditions (never for a number of frames).

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clerkcheck::paths::DataDir;
use clerkcheck::testing::{FakeChecks, fixed_host};
use clerkcheck::ui::{App, AppConfig, Dialogs};
use egui::accesskit::Role;
use egui_kittest::{Harness, SnapshotError};

/// How long a background result may take before a test gives up: long, because a busy CI
/// machine can be slow; a test that passes never waits this long.
pub const PATIENCE: Duration = Duration::from_mins(2);

/// The app's configuration for tests: fake checks, the fixed host, and save dialogs that answer
/// with `<data>/out/<suggested name>`.
pub fn config(data: &Path) -> AppConfig {
    AppConfig {
        data_dir: DataDir::new(data).with_settings(data.join("settings")),
        checks: Arc::new(FakeChecks),
        host: Some(fixed_host()),
        dialogs: Dialogs::AnswerWith {
            folder: data.join("out"),
        },
        timing_start: None,
    }
}

/// A harness around the real app with the test configuration.
pub fn harness(data: &Path, theme: egui::Theme) -> Harness<'static, App> {
    harness_with(config(data), theme, egui::vec2(1000.0, 900.0), 1.0)
}

/// A harness around the real app with `config`, on a screen of `size` pixels at `zoom` (1.5 is
/// Windows' 150 %: the same screen holds two thirds as many points).
pub fn harness_with(
    config: AppConfig,
    theme: egui::Theme,
    size: egui::Vec2,
    zoom: f32,
) -> Harness<'static, App> {
    Harness::builder()
        .with_size(size / zoom)
        .with_pixels_per_point(zoom)
        .with_theme(theme)
        .with_render_cursor(false)
        .build_eframe(move |cc| App::new(cc, config))
}

/// The text shown on screen (a label, not a button that names it) that contains `text`.
pub fn shown<'h>(harness: &'h Harness<'static, App>, text: &'h str) -> egui_kittest::Node<'h> {
    use egui_kittest::kittest::{By, Queryable as _};
    harness.get(By::new().role(Role::Label).label_contains(text))
}

/// Whether a label containing `text` is shown.
pub fn is_shown(harness: &Harness<'static, App>, text: &str) -> bool {
    use egui_kittest::kittest::{By, Queryable as _};
    harness
        .query_all(By::new().role(Role::Label).label_contains(text))
        .next()
        .is_some()
}

/// Steps the app until `done` holds, letting background threads work between frames; panics,
/// naming what was awaited and what the app shows, if it never holds within [`PATIENCE`].
pub fn step_until(harness: &mut Harness<'_, App>, what: &str, done: impl Fn(&App) -> bool) {
    let deadline = Instant::now() + PATIENCE;
    loop {
        harness.step();
        if done(harness.state()) {
            // One more frame, so what the state now holds is also laid out on screen.
            harness.step();
            return;
        }
        if Instant::now() > deadline {
            let app = harness.state();
            panic!(
                "timed out waiting for: {what}\nsign error: {:?}\nnotices: {:#?}",
                app.sign_error(),
                app.notices()
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Steps the app until `shown` holds of what is on screen (AccessKit nodes); panics like
/// [`step_until`] if it never does.
pub fn step_until_shown(
    harness: &mut Harness<'static, App>,
    what: &str,
    shown: impl Fn(&Harness<'static, App>) -> bool,
) {
    let deadline = Instant::now() + PATIENCE;
    loop {
        harness.step();
        if shown(harness) {
            // One more frame, so what just appeared is laid out where it stays (a table sizes
            // its columns on the frame after it first appears).
            harness.step();
            return;
        }
        assert!(Instant::now() <= deadline, "timed out waiting for: {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Moves the keyboard focus to the control labelled `label` and waits until it has it (a
/// control that is about to appear, or just appeared, takes a frame or two to be focusable).
pub fn focus(harness: &mut Harness<'static, App>, label: &str) {
    use egui_kittest::kittest::Queryable as _;
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(node) = harness.query_by_label(label) {
            node.focus();
        }
        harness.step();
        if harness
            .query_by_label(label)
            .is_some_and(|n| n.is_focused())
        {
            return;
        }
        assert!(Instant::now() <= deadline, "{label:?} never took the focus");
    }
}

/// Starts the app and waits until the checklists are loaded and every check has reported.
pub fn started(data: &Path, theme: egui::Theme) -> Harness<'static, App> {
    started_from(harness(data, theme))
}

/// Waits until the app in `harness` has loaded the checklists and every check has reported.
pub fn started_from(mut harness: Harness<'static, App>) -> Harness<'static, App> {
    step_until(
        &mut harness,
        "checklists loaded and checks finished",
        |app| app.loaded() && app.checks_finished(),
    );
    harness
}

/// Set (to anything) where a renderer must be present, as in CI: a snapshot test that cannot
/// render then fails instead of being skipped.
pub const REQUIRE_RENDERER: &str = "CLERKCHECK_REQUIRE_RENDERER";

/// Compares the screen with the stored snapshot `name`. Where no GPU driver or software renderer
/// is installed, says loudly that the comparison was skipped (and fails if
/// [`REQUIRE_RENDERER`] is set); any other difference fails the test.
pub fn snapshot(harness: &mut Harness<'static, App>, name: &str) {
    match harness.try_snapshot(name) {
        Ok(()) => {}
        Err(SnapshotError::RenderError { err }) if std::env::var_os(REQUIRE_RENDERER).is_none() => {
            #[expect(
                clippy::print_stderr,
                reason = "a skipped snapshot must be seen in the test output"
            )]
            {
                eprintln!(
                    "\n*** SKIPPED snapshot {name}: no renderer on this machine ({err}).\n*** \
                     Install Mesa's software renderer (apt-get install mesa-vulkan-drivers \
                     libvulkan1) to run it; CI sets {REQUIRE_RENDERER} and runs it.\n"
                );
            }
        }
        Err(err) => panic!("snapshot {name}: {err}"),
    }
}
