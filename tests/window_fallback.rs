//! The window opens or the clerk is told why: the real program, on a display that cannot be
//! opened, tries every renderer in its own process, then runs the checks, saves them as text and
//! says so. (Drawing for real is proven under Xvfb by scripts/window-fallback-linux.sh and, for
//! Windows, under Wine by scripts/windows-ci.sh.)

#![expect(
    clippy::disallowed_methods,
    reason = "tests read the results and log files the program wrote"
)]
// Tests: a panic with its message is the failure report.
#![expect(
    clippy::unwrap_used,
    reason = "in a test, a failed unwrap is the failure report we want"
)]

use std::path::Path;
use std::process::{Command, Output};

/// Runs clerkcheck without a subcommand (as a double-click does) with `env` set, on X display
/// `display`, with settings in `config`.
fn open_app(data: &Path, config: &Path, display: &str, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_clerkcheck"));
    cmd.arg("--data-dir")
        .arg(data)
        .env("DISPLAY", display)
        .env_remove("WAYLAND_DISPLAY")
        .env("XDG_CONFIG_HOME", config)
        .env_remove("CLERKCHECK_DATA_DIR")
        .env_remove("CLERKCHECK_RENDERER")
        .env_remove("CLERKCHECK_SUPERVISED")
        .env_remove("CLERKCHECK_TEST_RENDERER_FAIL")
        .env_remove("WGPU_BACKEND");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// X displays are numbered from 0; nothing listens on this one.
const NO_SUCH_DISPLAY: &str = ":64999";

#[cfg(target_os = "linux")]
#[test]
fn when_no_renderer_can_open_the_window_the_checks_are_saved_and_the_clerk_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let out = open_app(&data, &config, NO_SUCH_DISPLAY, &[]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("clerkcheck could not open its window"),
        "{err}"
    );
    assert!(err.contains("The results were saved in this file"), "{err}");
    assert!(err.contains("contact your IT support"), "{err}");

    let results: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("clerkcheck-results-"))
        })
        .collect();
    assert_eq!(results.len(), 1, "{results:?}");
    let saved = std::fs::read_to_string(&results[0]).unwrap();
    assert!(saved.contains("nothing was signed or recorded"), "{saved}");
    assert!(
        err.contains(&results[0].display().to_string()),
        "the message names the file: {err}"
    );

    // Each renderer was tried in a process of its own, and each failure is in the log.
    let log = std::fs::read_to_string(data.join("logs").join("clerkcheck.log")).unwrap();
    for renderer in ["wgpu-primary", "wgpu-gl", "wgpu-software", "glow"] {
        assert!(
            log.contains(&format!("trying renderer {renderer}:")),
            "{renderer} not tried:\n{log}"
        );
        assert!(
            log.contains(&format!("renderer {renderer} could not draw the window")),
            "{renderer} did not fail:\n{log}"
        );
    }
    assert!(
        log.contains("no renderer could keep the window open"),
        "{log}"
    );
    assert!(log.contains("saved the check results in"), "{log}");
    assert!(
        err.contains(
            &data
                .join("logs")
                .join("clerkcheck.log")
                .display()
                .to_string()
        )
    );
    // Nothing worked, so nothing is remembered.
    assert!(!config.join("clerkcheck").join("renderer.ron").exists());
}

#[test]
fn an_unknown_renderer_name_is_refused_with_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = open_app(
        &dir.path().join("data"),
        &dir.path().join("config"),
        NO_SUCH_DISPLAY,
        &[("CLERKCHECK_RENDERER", "dx9")],
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("\"dx9\" is not a renderer")
            && err.contains("wgpu-primary, wgpu-gl, wgpu-software, glow"),
        "{err}"
    );
}

#[test]
fn the_log_file_records_the_start_and_every_error() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = Command::new(env!("CARGO_BIN_EXE_clerkcheck"))
        .arg("--data-dir")
        .arg(&data)
        .args(["report", "99", "-o"])
        .arg(dir.path().join("out.pdf"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let log = std::fs::read_to_string(data.join("logs").join("clerkcheck.log")).unwrap();
    let first = log.lines().next().unwrap();
    assert!(
        first.contains(&format!(
            "clerkcheck {} starting on",
            clerkcheck::APP_VERSION
        )) && first.contains("\"report\" \"99\""),
        "{log}"
    );
    assert!(
        log.lines()
            .any(|l| l.contains(" ERROR ") && l.contains("There is no record 99")),
        "{log}"
    );
}
