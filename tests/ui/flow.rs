//! The whole flow through the real app, driven by AccessKit roles and labels (what a screen
//! reader hears), with fake checks: start, results arrive, answer, sign, history, PDF.

use super::support::{focus, is_shown, shown, started, step_until, step_until_shown};
use clerkcheck::checklist::{Catalog, Item};
use clerkcheck::paths::DataDir;
use egui::accesskit::{Role, Toggled};
use egui_kittest::kittest::{NodeT as _, Queryable as _};

fn items(data: &std::path::Path) -> Vec<Item> {
    Catalog::load(&DataDir::new(data).checklists())
        .checklists
        .iter()
        .flat_map(|c| c.items().cloned().collect::<Vec<_>>())
        .collect()
}

fn record_files(data: &std::path::Path) -> Vec<std::path::PathBuf> {
    match fs_err::read_dir(data.join("records")) {
        Ok(entries) => entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn automatic_results_arrive_and_show_word_and_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let harness = started(dir.path(), egui::Theme::Light);
    // Every check that exists on this OS runs (User Account Control only on Windows).
    let expected = clerkcheck::checks::CheckId::checks_for_this_os().len();
    shown(
        &harness,
        &format!("Checked this computer: 3 of {expected} checks need attention"),
    );
    // Word and icon, not colour alone.
    assert!(harness.query_all_by_label("Fail").next().is_some());
    harness.get_by_label("Microsoft Defender: real-time protection is off.");
    assert!(harness.query_all_by_label("Unknown").next().is_some());
}

#[test]
fn the_whole_flow_from_start_to_certification() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut harness = started(data, egui::Theme::Light);
    let items = items(data);

    // Who signs.
    harness
        .get_by_role_and_label(Role::TextInput, "Full name")
        .focus();
    harness.step();
    harness
        .get_by_role_and_label(Role::TextInput, "Full name")
        .type_text("José Núñez-Øberg");
    harness.step();
    for (field, text) in [
        ("Title", "Town Clerk"),
        ("Name of municipality", "Town of Dunn"),
    ] {
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .focus();
        harness.step();
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .type_text(text);
        harness.step();
    }

    let not_applicable = answer_every_manual_item(&mut harness, &items);

    // Sign.
    harness
        .get_by_role_and_label(Role::Button, "Sign off")
        .click();
    harness.run();
    harness.get_by_label("Not answered");
    harness
        .get_by_role_and_label(Role::TextInput, "Type your full name to sign:")
        .focus();
    harness.step();
    harness
        .get_by_role_and_label(Role::TextInput, "Type your full name to sign:")
        .type_text("José Núñez-Øberg");
    harness.step();
    harness.get_by_role_and_label(Role::Button, "Sign").click();
    step_until(&mut harness, "the record is signed and saved", |app| {
        app.signed().is_some()
    });

    // The record is on disk, with the answers as given.
    let files = record_files(data);
    assert_eq!(files.len(), 1, "{files:?}");
    let signed = harness.state().signed().unwrap().clone();
    assert_eq!(signed.record.signer.name, "José Núñez-Øberg");
    assert_eq!(signed.record.signer.jurisdiction, "Town of Dunn");
    let na = signed
        .record
        .items
        .iter()
        .find(|i| i.item_id == not_applicable.id)
        .unwrap();
    assert_eq!(na.na_reason, "The county does this for us");
    assert_eq!(signed.record.signer.title, "Town Clerk");
    // Signing clears the draft.
    step_until(&mut harness, "the draft is removed", |_| {
        !DataDir::new(data).draft_file().exists()
    });

    // The certification PDF can be produced from it.
    harness
        .get_by_role_and_label(Role::Button, "Save certification…")
        .click();
    let pdf = data.join("out").join("certification-000001.pdf");
    step_until(&mut harness, "the certification PDF is written", |_| {
        pdf.exists()
    });
    assert!(fs_err::read(&pdf).unwrap().starts_with(b"%PDF"));

    history_lists_and_opens_record_1(&mut harness);
    exports_history_csv(&mut harness, data);
}

/// Answers every manual item through the screen: the first one not applicable with a reason,
/// the rest done. Returns the one marked not applicable.
fn answer_every_manual_item<'a>(
    harness: &mut egui_kittest::Harness<'static, clerkcheck::ui::App>,
    items: &'a [Item],
) -> &'a Item {
    let manual: Vec<&Item> = items
        .iter()
        .filter(|i| i.verification.needs_clerk())
        .collect();
    assert!(manual.len() > 2);
    let (&not_applicable, done) = manual.split_first().unwrap();
    let na_label = format!("Not applicable: {}", not_applicable.text);
    harness
        .get_by_role_and_label(Role::RadioButton, &na_label)
        .click_accesskit();
    harness.step();
    let reason_label = format!("Reason not applicable: {}", not_applicable.text);
    focus(harness, &reason_label);
    harness
        .get_by_label(&reason_label)
        .type_text("The county does this for us");
    harness.step();
    assert_eq!(
        harness.state().self_check().answers[&not_applicable.id].not_applicable_reason(),
        Some("The county does this for us")
    );
    for item in done {
        let label = format!("Done: {}", item.text);
        harness
            .get_by_role_and_label(Role::RadioButton, &label)
            .click_accesskit();
        harness.step();
    }
    step_until_shown(harness, "every answered item shows Done", |h| {
        done.iter().all(|item| {
            h.get_by_label(&format!("Done: {}", item.text))
                .accesskit_node()
                .data()
                .toggled()
                == Some(Toggled::True)
        })
    });

    not_applicable
}

/// History lists record 1 and opens it as signed, intact.
fn history_lists_and_opens_record_1(
    harness: &mut egui_kittest::Harness<'static, clerkcheck::ui::App>,
) {
    harness
        .get_by_role_and_label(Role::Button, "History")
        .click();
    step_until_shown(harness, "History lists record 1", |h| {
        h.query_by_label("Open record 1").is_some()
    });
    harness.get_by_label("Open record 1").click_accesskit();
    let opened = "Signed Tuesday, November 24, 2026, 9:04 AM (UTC−06:00) by José Núñez-Øberg";
    step_until_shown(harness, "record 1 is open", |h| is_shown(h, opened));
    assert!(harness.query_all_by_label("Intact").next().is_some());
    // The table shows the date the American way.
    assert!(is_shown(harness, "11/24/2026 9:04 AM"));
}

/// The history exports as CSV through the (test-answered) save dialog.
fn exports_history_csv(
    harness: &mut egui_kittest::Harness<'_, clerkcheck::ui::App>,
    data: &std::path::Path,
) {
    harness
        .get_by_role_and_label(Role::Button, "Export CSV…")
        .click_accesskit();
    let csv = data.join("out").join("clerkcheck-history.csv");
    step_until(harness, "the history CSV is written", |_| csv.exists());
    let text = fs_err::read_to_string(&csv).unwrap();
    // A byte-order mark first, so Excel shows the accented name correctly.
    assert!(text.starts_with("\u{feff}sequence,"), "{text}");
    let line = text.lines().nth(1).unwrap();
    assert!(line.starts_with("1,2026-11-24T15:04:05Z,"), "{text}");
    assert!(
        line.contains(",2026-11-24 09:04 -06:00,José Núñez-Øberg,"),
        "{text}"
    );
}

#[test]
fn signing_is_refused_with_an_empty_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = started(dir.path(), egui::Theme::Light);
    harness
        .get_by_role_and_label(Role::Button, "Sign off")
        .click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Sign").click();
    harness.run();
    harness.get_by_label("Not signed: Type the signer's full name before signing.");
    assert!(harness.state().signed().is_none());
    assert!(record_files(dir.path()).is_empty());
}

#[test]
fn a_draft_survives_closing_and_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let manual = items(data)
        .into_iter()
        .find(|i| i.verification.needs_clerk())
        .unwrap();
    let label = format!("Done: {}", manual.text);
    {
        let mut harness = started(data, egui::Theme::Light);
        harness
            .get_by_role_and_label(Role::TextInput, "Title")
            .focus();
        harness.step();
        harness
            .get_by_role_and_label(Role::TextInput, "Title")
            .type_text("Village Clerk");
        harness.step();
        harness.get_by_label(&label).click_accesskit();
        harness.step();
        harness.step();
        // Closing the window right away: the pending draft is still written.
    }
    assert!(DataDir::new(data).draft_file().exists());

    let harness = started(data, egui::Theme::Light);
    let node = harness.get_by_label(&label);
    assert_eq!(node.accesskit_node().data().toggled(), Some(Toggled::True));
    assert_eq!(
        harness
            .get_by_role_and_label(Role::TextInput, "Title")
            .value()
            .as_deref(),
        Some("Village Clerk")
    );
    shown(&harness, "Your answers from last time were restored");
}

#[test]
fn a_broken_draft_is_reported_and_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    fs_err::write(dir.path().join("draft.ron"), "not a draft (").unwrap();
    let harness = started(dir.path(), egui::Theme::Light);
    shown(&harness, "was kept as");
    assert!(dir.path().join("draft.ron.broken").exists());
}

#[test]
fn a_broken_office_checklist_is_a_dismissible_notice() {
    let dir = tempfile::tempdir().unwrap();
    fs_err::create_dir_all(dir.path().join("checklists")).unwrap();
    fs_err::write(dir.path().join("checklists/broken.ron"), "Checklist(").unwrap();
    let mut harness = started(dir.path(), egui::Theme::Light);
    shown(&harness, "broken.ron");
    // One line, with the file's problems under "Details".
    let details = harness
        .get_all_by_role(Role::Button)
        .find(|b| {
            b.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with("Details: "))
        })
        .unwrap();
    // Opened with the keyboard: the focus stays on the same button, now "Hide details"
    // (regression: it moved onto "Dismiss", so a second Enter hid the notice).
    details.focus();
    harness.step();
    harness.key_press(egui::Key::Enter);
    harness.step();
    harness.step();
    assert!(
        is_shown(&harness, "broken.ron:"),
        "the details name the file and line"
    );
    let focused = harness
        .get_all_by_role(Role::Button)
        .find(egui_kittest::Node::is_focused)
        .and_then(|b| b.accesskit_node().label())
        .unwrap_or_default();
    assert!(focused.starts_with("Hide details: "), "{focused:?}");
    let dismiss = harness
        .get_all_by_role(Role::Button)
        .find(|b| {
            b.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with("Dismiss: "))
        })
        .unwrap();
    dismiss.click();
    harness.run();
    assert!(!is_shown(&harness, "broken.ron"));
}

#[test]
fn keyboard_alone_reaches_the_signer_name_and_ticks_an_item() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = started(dir.path(), egui::Theme::Light);
    // Tab through the controls until the name field has focus, then type into it.
    let mut reached = false;
    for _ in 0..10 {
        harness.key_press(egui::Key::Tab);
        harness.step();
        if harness
            .get_by_role_and_label(Role::TextInput, "Full name")
            .is_focused()
        {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab never reached the name field");
    harness
        .get_by_role_and_label(Role::TextInput, "Full name")
        .type_text("Ann Clerk");
    harness.step();
    assert_eq!(
        harness
            .get_by_role_and_label(Role::TextInput, "Full name")
            .value()
            .as_deref(),
        Some("Ann Clerk")
    );
    // Tab on to the first "Done" box and tick it with Space.
    let first_manual = items(dir.path())
        .into_iter()
        .find(|i| i.verification.needs_clerk())
        .unwrap();
    let label = format!("Done: {}", first_manual.text);
    let mut ticked = false;
    for _ in 0..30 {
        harness.key_press(egui::Key::Tab);
        harness.step();
        if harness.get_by_label(&label).is_focused() {
            harness.key_press(egui::Key::Space);
            harness.step();
            harness.step();
            ticked = harness
                .get_by_label(&label)
                .accesskit_node()
                .data()
                .toggled()
                == Some(Toggled::True);
            break;
        }
    }
    assert!(ticked, "Tab and Space did not tick {label:?}");
}

/// Signing refused over one item offers to show it: the self-check opens at that item, with the
/// focus on its "Why and how".
#[test]
fn a_refusal_about_an_item_shows_that_item() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut harness = started(data, egui::Theme::Light);
    let item = items(data)
        .into_iter()
        .rfind(|i| i.verification.needs_clerk())
        .unwrap();
    for (field, text) in [
        ("Full name", "Ann Lee"),
        ("Title", "Clerk"),
        ("Name of municipality", "Town of Dunn"),
    ] {
        focus(&mut harness, field);
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .type_text(text);
        harness.step();
    }
    // Not applicable, without a reason.
    harness
        .get_by_label(&format!("Not applicable: {}", item.text))
        .click_accesskit();
    harness.step();
    harness
        .get_by_role_and_label(Role::Button, "Sign off")
        .click_accesskit();
    step_until_shown(&mut harness, "the sign-off screen", |h| {
        h.query_by_label("Type your full name to sign:").is_some()
    });
    focus(&mut harness, "Type your full name to sign:");
    harness
        .get_by_role_and_label(Role::TextInput, "Type your full name to sign:")
        .type_text("Ann Lee");
    harness.step();
    harness
        .get_by_role_and_label(Role::Button, "Sign")
        .click_accesskit();
    step_until(&mut harness, "signing is refused", |app| {
        app.sign_error().is_some()
    });
    assert!(
        harness.state().sign_error().unwrap().contains(&item.text),
        "the refusal names the item by its text"
    );
    harness
        .get_by_role_and_label(Role::Button, "Show this item")
        .click_accesskit();
    step_until_shown(&mut harness, "the item has the focus", |h| {
        h.query_all_by_label("Why and how").any(|n| n.is_focused())
    });
    let focused = harness
        .query_all_by_label("Why and how")
        .find(egui_kittest::Node::is_focused)
        .unwrap()
        .rect();
    let viewport = harness.state().scroll_viewport();
    assert!(
        viewport.contains_rect(focused),
        "{focused:?} not in {viewport:?}"
    );
    // The reason field of that very item is on screen under it.
    let reason = harness
        .get_by_label(&format!("Reason not applicable: {}", item.text))
        .rect();
    assert!(
        viewport.contains_rect(reason),
        "{reason:?} not in {viewport:?}"
    );
}
