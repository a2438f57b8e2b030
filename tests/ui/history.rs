//! History as an office manager uses it: a short integrity word per record, the explanation
//! in plain words in the opened record, comparing while a record is open, search without
//! accents, American dates, and a line when nothing matches.

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use super::records::history_on_screen;
use super::support::{is_shown, shown, step_until_shown};

#[test]
fn an_altered_record_reads_altered_and_says_what_to_do_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = history_on_screen(dir.path(), egui::Theme::Light, (1024.0, 768.0), 1.0);
    // One short word per row, no explanation in the table.
    assert_eq!(harness.query_all_by_label("Altered").count(), 1);
    assert_eq!(harness.query_all_by_label("Intact").count(), 2);
    assert!(!is_shown(&harness, "changed after it was signed"));
    shown(&harness, "Problems found: 2 intact, 1 altered.");
    // The US date, as signed in Wisconsin.
    shown(&harness, "06/02/2026 2:30 PM");

    harness.get_by_label("Open record 2").click_accesskit();
    step_until_shown(&mut harness, "record 2 is open", |h| {
        is_shown(h, "Altered: record 2 was changed after it was signed.")
    });
    // The finding in full (seal, fingerprints) only under "Details".
    assert!(!is_shown(
        &harness,
        "its content no longer matches its seal"
    ));
    harness
        .get_by_role_and_label(Role::DisclosureTriangle, "Details")
        .click_accesskit();
    harness.step();
    harness.step();
    shown(&harness, "its content no longer matches its seal");
    shown(
        &harness,
        "Compare it with the paper certification of the same number",
    );
    // No certification from an altered record.
    assert!(
        harness
            .get_by_role_and_label(Role::Button, "Save certification…")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn compare_works_while_a_record_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = history_on_screen(dir.path(), egui::Theme::Light, (1024.0, 768.0), 1.0);
    harness.get_by_label("Open record 3").click_accesskit();
    step_until_shown(&mut harness, "record 3 is open", |h| {
        h.query_by_role_and_label(Role::Button, "Compare with record 2")
            .is_some()
    });
    harness
        .get_by_role_and_label(Role::Button, "Compare with record 2")
        .click_accesskit();
    step_until_shown(&mut harness, "the comparison has the focus", |h| {
        h.query_by_role_and_label(Role::Button, "Close comparison")
            .is_some_and(|n| n.is_focused())
    });
    // Its first line is on screen, and the record stays open below it.
    let viewport = harness.state().scroll_viewport();
    let heading = shown(&harness, "What changed from record 2 to record 3").rect();
    assert!(
        viewport.contains_rect(heading),
        "{heading:?} not in {viewport:?}"
    );
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Close record")
            .is_some()
    );
    assert!(harness.query_all_by_label("Worse").next().is_some());
}

#[test]
fn search_ignores_accents_dates_are_american_and_no_match_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = history_on_screen(dir.path(), egui::Theme::Light, (1024.0, 768.0), 1.0);
    let search = harness.get_by_role_and_label(Role::TextInput, "Search");
    search.focus();
    harness.step();
    harness
        .get_by_role_and_label(Role::TextInput, "Search")
        .type_text("nunez");
    harness.step();
    harness.step();
    assert!(harness.query_by_label("Open record 1").is_some());
    assert!(harness.query_by_label("Open record 3").is_none());

    // A US date is used (and shown as typed).
    harness
        .get_by_role_and_label(Role::TextInput, "From")
        .focus();
    harness.step();
    harness
        .get_by_role_and_label(Role::TextInput, "From")
        .type_text("6/1/2026");
    harness.step();
    harness.step();
    assert!(harness.query_by_label("Open record 1").is_none());
    assert!(harness.query_by_label("Open record 2").is_some());
    assert_eq!(
        harness
            .get_by_role_and_label(Role::TextInput, "From")
            .value()
            .as_deref(),
        Some("6/1/2026")
    );

    // Nothing matches: a line says so.
    harness
        .get_by_role_and_label(Role::TextInput, "Search")
        .focus();
    harness.step();
    harness
        .get_by_role_and_label(Role::TextInput, "Search")
        .type_text("zzz");
    harness.step();
    harness.step();
    shown(&harness, "No records match the search and filters");

    // A date that is not one is called out, not silently ignored.
    harness.get_by_role_and_label(Role::TextInput, "To").focus();
    harness.step();
    harness
        .get_by_role_and_label(Role::TextInput, "To")
        .type_text("13/40/2026");
    harness.step();
    harness.step();
    shown(
        &harness,
        "is not a date, so it is not used. Type it like 11/25/2026.",
    );
}

/// A file that cannot be written is named, with what to do, in plain words; the operating
/// system's own words stay in the log.
#[test]
fn a_csv_that_cannot_be_saved_says_why_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = history_on_screen(dir.path(), egui::Theme::Light, (1024.0, 768.0), 1.0);
    // A folder where the file should go.
    fs_err::create_dir_all(dir.path().join("out/clerkcheck-history.csv")).unwrap();
    harness
        .get_by_role_and_label(Role::Button, "Export CSV…")
        .click_accesskit();
    step_until_shown(&mut harness, "the export failed", |h| {
        is_shown(
            h,
            "The history could not be saved as clerkcheck-history.csv",
        )
    });
    let notice = &harness.state().notices()[0];
    assert!(notice.text.ends_with("and try again."), "{}", notice.text);
    assert!(!notice.text.contains("os error"), "{}", notice.text);
}
