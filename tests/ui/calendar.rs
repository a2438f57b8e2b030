//! The election calendar in the window: the first screen says the next election and whether a
//! sign-off is due; a record signed in an election's window names that election; History
//! says which elections were covered, and a click on a point of its chart opens that record.

use std::path::Path;

use clerkcheck::calendar::DueStatus;
use clerkcheck::paths::DataDir;
use clerkcheck::records::{ElectionRef, RecordStore, Signer};
use clerkcheck::session::{Answer, Answers, Clock, Draft, Host, ItemAnswer};
use clerkcheck::testing::computer;
use clerkcheck::ui::{App, AppConfig};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::records::chart_on_screen;
use super::support::{
    config, focus, harness_with, shown, started_from, step_until, step_until_shown,
};

/// The test configuration with the clock at `at` (RFC 3339, with its offset).
pub fn config_at(data: &Path, at: &str) -> AppConfig {
    let at = chrono::DateTime::parse_from_rfc3339(at).unwrap();
    AppConfig {
        host: Some(Host::new(computer(), Clock::Fixed(at))),
        ..config(data)
    }
}

/// Every manual item done, and who signs, as a draft the app restores.
fn answered_draft(data: &Path) {
    let answers: Answers = clerkcheck::checklist::Catalog::load(&DataDir::new(data).checklists())
        .checklists
        .iter()
        .flat_map(|c| c.items().cloned().collect::<Vec<_>>())
        .filter(|i| i.verification.needs_clerk())
        .map(|i| (i.id, ItemAnswer::new(Answer::Done)))
        .collect();
    Draft {
        signer: Signer {
            name: "Ann Lee".to_owned(),
            title: "Town Clerk".to_owned(),
            jurisdiction: "Town of Dunn".to_owned(),
            county: "Dane County".to_owned(),
            ..Signer::default()
        },
        answers,
    }
    .write(&DataDir::new(data).draft_file())
    .unwrap();
}

fn sign(harness: &mut Harness<'static, App>) {
    harness
        .get_by_role_and_label(Role::Button, "Sign off")
        .click();
    focus(harness, "Type your full name to sign:");
    harness
        .get_by_role_and_label(Role::TextInput, "Type your full name to sign:")
        .type_text("Ann Lee");
    harness.step();
    harness.get_by_role_and_label(Role::Button, "Sign").click();
    step_until(harness, "the record is signed", |app| {
        app.signed().is_some() || app.sign_error().is_some()
    });
    assert_eq!(harness.state().sign_error(), None);
}

#[test]
fn the_first_screen_says_the_next_election_and_that_no_signoff_is_due_yet() {
    let dir = tempfile::tempdir().unwrap();
    let harness = harness_with(
        config(dir.path()),
        egui::Theme::Light,
        egui::vec2(1000.0, 900.0),
        1.0,
    );
    let mut harness = started_from(harness);
    step_until(&mut harness, "the calendar is read", |app| {
        app.calendar().is_some()
    });
    // The fixed host's today is November 24, 2026.
    shown(
        &harness,
        "Next: Spring primary, February 16, 2027 (in 84 days).",
    );
    shown(
        &harness,
        "No sign-off is due yet: the window for the Spring primary opens on December 18, 2026",
    );
    shown(&harness, "There is no sign-off in the records yet.");
}

/// The window left open from the evening before the spring primary's sign-off window opens to
/// the morning after: the first frame of the new day reads the calendar again, and the first
/// screen says a sign-off is due, not what was true yesterday.
#[test]
fn a_window_left_open_past_midnight_follows_the_new_day() {
    let dir = tempfile::tempdir().unwrap();
    let harness = harness_with(
        config_at(dir.path(), "2026-12-17T23:59:00-06:00"),
        egui::Theme::Light,
        egui::vec2(1000.0, 900.0),
        1.0,
    );
    let mut harness = started_from(harness);
    step_until(&mut harness, "the calendar is read", |app| {
        app.calendar().is_some()
    });
    shown(
        &harness,
        "No sign-off is due yet: the window for the Spring primary opens on December 18, 2026",
    );
    let morning = chrono::DateTime::parse_from_rfc3339("2026-12-18T08:00:00-06:00").unwrap();
    harness.state_mut().set_clock(Clock::Fixed(morning));
    step_until(
        &mut harness,
        "the calendar is read for the new day",
        |app| {
            app.calendar()
                .is_some_and(|c| c.today == morning.date_naive())
        },
    );
    harness.step();
    shown(
        &harness,
        "A sign-off is due: sign off between December 18, 2026",
    );
    shown(
        &harness,
        "Next: Spring primary, February 16, 2027 (in 60 days).",
    );
}

/// Signed January 10, 2027, in the spring primary's window: the record names it, and the
/// first screen then says the sign-off covers it.
#[test]
fn a_signoff_in_an_election_window_names_the_election_and_covers_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    answered_draft(data);
    let harness = harness_with(
        config_at(data, "2027-01-10T10:00:00-06:00"),
        egui::Theme::Light,
        egui::vec2(1000.0, 900.0),
        1.0,
    );
    let mut harness = started_from(harness);
    step_until(&mut harness, "the calendar is read", |app| {
        app.calendar().is_some_and(|c| c.report.is_due())
    });
    shown(
        &harness,
        "A sign-off is due: sign off between December 18, 2026",
    );
    sign(&mut harness);

    let expected = ElectionRef {
        name: "Spring primary".to_owned(),
        date: chrono::NaiveDate::from_ymd_opt(2027, 2, 16).unwrap(),
    };
    let signed = harness.state().signed().unwrap();
    assert_eq!(signed.record.election.as_ref(), Some(&expected));
    // As saved on disk.
    let saved = RecordStore::new(DataDir::new(data).records()).list();
    assert_eq!(saved.records.len(), 1);
    assert_eq!(saved.records[0].record.election, Some(expected));

    // The calendar is read again: the sign-off covers the spring primary.
    step_until(&mut harness, "the calendar counts the sign-off", |app| {
        app.calendar()
            .is_some_and(|c| matches!(c.report.status, DueStatus::Covered { .. }))
    });
    harness
        .get_by_role_and_label(Role::Button, "Start a new self-check")
        .click();
    step_until_shown(&mut harness, "the overview says it is covered", |h| {
        super::support::is_shown(
            h,
            "No sign-off is due: your sign-off of January 10, 2027 covers the Spring primary",
        )
    });
    shown(&harness, "Your last sign-off was today (January 10, 2027).");

    // History says so too: the record names the election, the list says it is covered.
    harness
        .get_by_role_and_label(Role::Button, "History")
        .click();
    step_until_shown(&mut harness, "History lists the record", |h| {
        h.query_by_label("Open record 1").is_some()
    });
    shown(
        &harness,
        "Spring primary, February 16, 2027 (in 37 days): covered by record 1, signed January 10, \
         2027",
    );
    harness.get_by_label("Open record 1").click_accesskit();
    step_until_shown(&mut harness, "record 1 is open", |h| {
        super::support::is_shown(h, "Signed before the Spring primary, February 16, 2027")
    });
}

#[test]
fn a_broken_elections_file_is_a_notice_and_the_regular_calendar_still_applies() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    fs_err::write(
        DataDir::new(data).elections_file(),
        "[ (name: \"Recall\", date: ",
    )
    .unwrap();
    let harness = harness_with(
        config(data),
        egui::Theme::Light,
        egui::vec2(1000.0, 900.0),
        1.0,
    );
    let mut harness = started_from(harness);
    step_until(&mut harness, "the calendar is read", |app| {
        app.calendar().is_some()
    });
    let notice = harness
        .state()
        .notices()
        .iter()
        .find(|n| n.text.contains("elections.ron"))
        .unwrap()
        .clone();
    assert!(
        notice.text.starts_with(
            "The office's list of special elections, elections.ron, could not be used"
        ),
        "{}",
        notice.text
    );
    assert!(
        notice.details.contains("elections.ron:1:"),
        "{}",
        notice.details
    );
    shown(
        &harness,
        "Next: Spring primary, February 16, 2027 (in 84 days).",
    );
}

#[test]
fn history_says_which_elections_a_signoff_covered() {
    let dir = tempfile::tempdir().unwrap();
    let harness = chart_on_screen(dir.path(), egui::Theme::Light, (1024.0, 768.0), 1.0);
    shown(
        &harness,
        "Spring primary, February 17, 2026: not covered (no sign-off in the 60 days before it)",
    );
    shown(
        &harness,
        "Spring election, April 7, 2026: covered by record 2, signed March 20, 2026",
    );
    shown(
        &harness,
        "General election, November 3, 2026: covered by record 5, signed October 12, 2026",
    );
    // Record 4 is altered: it is not on the chart, and says so.
    shown(
        &harness,
        "Record 4 is not on the chart: it is not intact (altered)",
    );
    assert!(
        harness
            .state()
            .history()
            .chart_points()
            .iter()
            .all(|(n, _)| *n != 4)
    );
    harness.get_by_label("Open record 2, which covered the Spring election of April 7, 2026");
    // A screen reader hears what the chart is, and where else to find each sign-off.
    harness.get_by_label(
        "Chart of the results of 5 sign-offs, from December 2, 2025 to November 24, 2026. Each \
         of them is also in the list of records below.",
    );
}

/// A click on a point of the chart opens that record; every record on the chart can also be
/// opened from the list by keyboard or screen reader.
#[test]
fn clicking_a_point_on_the_chart_opens_its_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = chart_on_screen(dir.path(), egui::Theme::Light, (1024.0, 768.0), 1.0);
    let points = harness.state().history().chart_points().to_vec();
    let viewport = harness.state().scroll_viewport();
    for (sequence, _) in &points {
        assert!(
            harness
                .query_by_label(&format!("Open record {sequence}"))
                .is_some(),
            "record {sequence} has no \"Open record\" button"
        );
    }
    // The highest point of record 3 (its Pass count: nothing else is drawn there).
    let (_, at) = points
        .iter()
        .filter(|(n, _)| *n == 3)
        .min_by(|a, b| a.1.y.total_cmp(&b.1.y))
        .copied()
        .unwrap();
    assert!(viewport.contains(at), "{at:?} is not in {viewport:?}");
    assert!(
        harness
            .query_by_role_and_label(Role::Label, "Record 3")
            .is_none()
    );
    harness.hover_at(at);
    harness.step();
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    step_until_shown(&mut harness, "record 3 is open", |h| {
        h.query_by_role_and_label(Role::Label, "Record 3").is_some()
    });
}
