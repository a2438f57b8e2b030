//! The office manager's tools in History: checking a certification PDF someone hands over, and
//! marking a record as reviewed — through the real app, by AccessKit roles and labels.

use clerkcheck::paths::DataDir;
use clerkcheck::report::certification_pdf;
use clerkcheck::testing::sample_certifiable;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;

use super::support::{focus, harness, is_shown, started_from, step_until_shown};

#[test]
fn a_certification_is_checked_and_a_record_reviewed_from_history() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    // A signed record, and its certification in the folder the test dialogs answer from.
    let certified = sample_certifiable(data, "José Núñez-Øberg");
    let out = data.join("out");
    fs_err::create_dir_all(&out).unwrap();
    fs_err::write(
        out.join("certification-000001.pdf"),
        certification_pdf(&certified).unwrap(),
    )
    .unwrap();

    let mut harness = started_from(harness(data, egui::Theme::Light));
    harness
        .get_by_role_and_label(Role::Button, "History")
        .click();
    step_until_shown(&mut harness, "History lists record 1", |h| {
        h.query_by_label("Open record 1").is_some()
    });

    harness
        .get_by_role_and_label(Role::Button, "Check a certification…")
        .click_accesskit();
    step_until_shown(&mut harness, "the certification is judged", |h| {
        is_shown(
            h,
            "certification-000001.pdf: Genuine, record 1 of this office.",
        )
    });

    harness.get_by_label("Open record 1").click_accesskit();
    step_until_shown(&mut harness, "record 1 is open", |h| {
        h.query_by_label("Mark as reviewed…").is_some()
    });
    harness.get_by_label("Mark as reviewed…").click_accesskit();
    for (field, text) in [
        ("Reviewer's full name", "Ann Lee"),
        ("Reviewer's title", "Office Manager"),
        ("Note (optional)", "Compared with the paper copy"),
    ] {
        focus(&mut harness, field);
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .type_text(text);
        harness.step();
    }
    harness
        .get_by_role_and_label(Role::Button, "Save review")
        .click_accesskit();
    let line =
        "Reviewed by Ann Lee, Office Manager on November 24, 2026: Compared with the paper copy";
    step_until_shown(&mut harness, "the review shows on the record", |h| {
        is_shown(h, line) && !h.state().history().loading
    });
    // Saved as the next sealed entry of the chain; the chain is intact.
    let listing = DataDir::new(data).record_store().list();
    assert_eq!(listing.reviews.len(), 1);
    assert!(clerkcheck::records::verify(&listing).is_intact());
}
