//! Shared by the UI tests: fake checks with fixed evidence, a fixed computer and clock, and a
//! bounded wait for background results.

// Each test file uses a different part of this module.
#![allow(dead_code)]
// A test that unwraps fails loudly with the reason, which is what a test should do.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use clerkcheck::checks::{CheckId, CheckSource, Finding, Policy, Verdict};
use clerkcheck::paths::DataDir;
use clerkcheck::records::Computer;
use clerkcheck::ui::{App, AppConfig, Clock, Dialogs};
use egui_kittest::Harness;

/// Answers every check at once with a fixed finding: antivirus fails, the OS check cannot
/// tell (Unknown), everything else passes.
pub struct FakeChecks;

impl CheckSource for FakeChecks {
    fn run(&self, check: CheckId, _policy: &Policy) -> Finding {
        let (verdict, evidence) = match check {
            CheckId::Antivirus => (
                Verdict::Fail,
                "Microsoft Defender: real-time protection is off.",
            ),
            CheckId::OsSupported => (
                Verdict::Unknown,
                "The operating system's support dates could not be read.",
            ),
            _ => (Verdict::Pass, "The setting is on."),
        };
        Finding {
            check,
            verdict,
            evidence: evidence.to_owned(),
            why: "Why this matters, in plain words.".to_owned(),
            fix: if verdict == Verdict::Pass {
                Vec::new()
            } else {
                vec!["Open Settings.".to_owned(), "Turn it on.".to_owned()]
            },
            raw: format!("raw output of {check}"),
        }
    }
}

/// The app's configuration for tests: fake checks, fixed computer and time, and save dialogs
/// that answer with `<data>/out/<suggested name>`.
pub fn config(data: &Path) -> AppConfig {
    AppConfig {
        data_dir: DataDir::new(data),
        checks: Arc::new(FakeChecks),
        computer: Some(Computer {
            host_name: "CLERK-PC-1".into(),
            os_name: "Windows 11 Pro".into(),
            os_version: "24H2".into(),
        }),
        clock: Clock::Fixed(
            chrono::DateTime::parse_from_rfc3339("2026-03-01T09:30:00-06:00").unwrap(),
        ),
        dialogs: Dialogs::AnswerWith {
            folder: data.join("out"),
        },
        timing_start: None,
    }
}

/// A harness around the real app with the test configuration.
pub fn harness(data: &Path, theme: egui::Theme) -> Harness<'static, App> {
    let config = config(data);
    Harness::builder()
        .with_size(egui::vec2(1000.0, 900.0))
        .with_theme(theme)
        .with_render_cursor(false)
        .build_eframe(move |cc| App::new(cc, config))
}

/// Steps the app until `done` holds, sleeping a little between frames so background threads
/// can answer; panics (naming what was awaited) after about ten seconds.
pub fn step_until(harness: &mut Harness<'_, App>, what: &str, done: impl Fn(&App) -> bool) {
    for _ in 0..1000 {
        harness.step();
        if done(harness.state()) {
            harness.step();
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let app = harness.state();
    panic!(
        "timed out waiting for: {what}\nsign error: {:?}\nnotices: {:#?}",
        app.sign_error(),
        app.notices()
    );
}

/// Starts the app and waits until the checklists are loaded and every check has reported.
pub fn started(data: &Path, theme: egui::Theme) -> Harness<'static, App> {
    let mut harness = harness(data, theme);
    step_until(
        &mut harness,
        "checklists loaded and checks finished",
        |app| app.loaded() && app.checks_finished(),
    );
    harness
}
