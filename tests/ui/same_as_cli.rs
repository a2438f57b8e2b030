//! The window and `clerkcheck sign` sign the same way on the same PC: the same computer line,
//! the same checks, the same answers give the same statuses, and a broken office checklist is
//! refused by both with the same words. Real checks and the real host on both sides.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use clerkcheck::checks::SystemChecks;
use clerkcheck::paths::DataDir;
use clerkcheck::records::{Record, RecordStore, Signer};
use clerkcheck::session::{Answer, Answers, Draft, ItemAnswer};
use clerkcheck::ui::{AppConfig, Dialogs};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;

use super::support::{focus, harness_with, step_until};

const NAME: &str = "José Núñez-Øberg";

fn signer() -> Signer {
    Signer {
        name: NAME.to_owned(),
        title: "Municipal Clerk".to_owned(),
        jurisdiction: "Town of Dunn".to_owned(),
        county: "Dane County".to_owned(),
        ..Signer::default()
    }
}

/// Every manual item of the shipped checklists done.
fn answers(data: &Path) -> Answers {
    clerkcheck::checklist::Catalog::load(&DataDir::new(data).checklists())
        .checklists
        .iter()
        .flat_map(|c| c.items().cloned().collect::<Vec<_>>())
        .filter(|i| i.verification.needs_clerk())
        .map(|i| (i.id, ItemAnswer::new(Answer::Done)))
        .collect()
}

/// Signs in the window with the real checks and host; returns the sign error, if refused.
fn sign_in_window(data: &Path) -> Option<String> {
    Draft {
        signer: signer(),
        answers: answers(data),
    }
    .write(&DataDir::new(data).draft_file())
    .unwrap();
    let config = AppConfig {
        checks: Arc::new(SystemChecks),
        host: None,
        dialogs: Dialogs::AnswerWith {
            folder: data.join("out"),
        },
        ..AppConfig::new(DataDir::new(data).with_settings(data.join("settings")))
    };
    let mut harness = harness_with(config, egui::Theme::Light, egui::vec2(1000.0, 900.0), 1.0);
    step_until(&mut harness, "loaded and checked", |app| {
        app.loaded() && app.checks_finished()
    });
    harness
        .get_by_role_and_label(Role::Button, "Sign off")
        .click();
    focus(&mut harness, "Type your full name to sign:");
    harness
        .get_by_role_and_label(Role::TextInput, "Type your full name to sign:")
        .type_text(NAME);
    harness.step();
    harness.get_by_role_and_label(Role::Button, "Sign").click();
    step_until(&mut harness, "signed or refused", |app| {
        app.signed().is_some() || app.sign_error().is_some()
    });
    harness.state().sign_error().map(str::to_owned)
}

/// Signs with `clerkcheck sign` and the same answers; returns (exit code, stderr).
fn sign_on_command_line(data: &Path) -> (Option<i32>, String) {
    let file = data.join("answers.ron");
    let entries: String = answers(data)
        .keys()
        .flat_map(|id| ["\"", id.as_str(), "\": (answer: Done),\n"])
        .collect();
    fs_err::write(&file, format!("{{\n{entries}}}\n")).unwrap();
    let s = signer();
    let out = Command::new(env!("CARGO_BIN_EXE_clerkcheck"))
        .arg("--data-dir")
        .arg(data)
        .args(["sign", "--answers"])
        .arg(&file)
        .args(["--signer", &s.name, "--title", &s.title])
        .args(["--jurisdiction", &s.jurisdiction, "--county", &s.county])
        .env_remove("CLERKCHECK_DATA_DIR")
        .env("CLERKCHECK_SETTINGS_DIR", data.join("settings"))
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn records(data: &Path) -> Vec<Record> {
    RecordStore::new(DataDir::new(data).records())
        .list()
        .records
        .into_iter()
        .map(|s| s.record)
        .collect()
}

#[test]
fn the_window_and_the_command_line_sign_alike() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    assert_eq!(sign_in_window(data), None);
    let (code, stderr) = sign_on_command_line(data);
    assert_eq!(code, Some(0), "{stderr}");
    let [window, cli] = &records(data)[..] else {
        panic!("expected two records")
    };
    assert_eq!(
        window.computer, cli.computer,
        "the same computer, written the same way"
    );
    assert_eq!(window.signer, cli.signer);
    let checked = |r: &Record| -> Vec<(String, bool)> {
        r.items
            .iter()
            .map(|i| (i.item_id.clone(), i.verdict.is_some()))
            .collect()
    };
    assert_eq!(checked(window), checked(cli), "the same checks ran");
    let manual = |r: &Record| -> Vec<(String, String)> {
        r.items
            .iter()
            .filter(|i| i.check.is_none())
            .map(|i| (i.item_id.clone(), i.status.word().to_owned()))
            .collect()
    };
    assert_eq!(
        manual(window),
        manual(cli),
        "the same answers, the same statuses"
    );
}

#[test]
fn the_window_and_the_command_line_refuse_a_broken_office_checklist_alike() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let office = DataDir::new(data).checklists();
    fs_err::create_dir_all(&office).unwrap();
    fs_err::write(office.join("county.ron"), "Checklist(").unwrap();
    let window = sign_in_window(data).expect("the window refuses");
    let (code, stderr) = sign_on_command_line(data);
    assert_eq!(code, Some(1));
    assert!(window.contains("county.ron"), "{window}");
    assert!(
        stderr.contains(&window),
        "the same words:\nwindow: {window}\ncli: {stderr}"
    );
    assert!(records(data).is_empty());
}
