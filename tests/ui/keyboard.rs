//! The keyboard alone: a whole sign-off without a click, with the focused control on screen at
//! every step; page keys; shortcuts; jumps; a press on a control out of sight.

use clerkcheck::checklist::{Catalog, Item};
use clerkcheck::paths::DataDir;
use clerkcheck::ui::App;
use clerkcheck::ui::checklist::CONTINUE_LABEL;
use clerkcheck::ui::command::View;
use egui::accesskit::{Role, Toggled};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT as _, Queryable as _};

use super::support::{config, harness_with, shown, started_from, step_until};

/// The laptop screen most clerks have.
const LAPTOP: (f32, f32) = (1366.0, 768.0);

/// Controls outside the scrolling page (the top bar); always on screen.
const CHROME: [&str; 4] = ["Self-check", "Sign off", "History", "Help"];

fn started_at(data: &std::path::Path, (width, height): (f32, f32)) -> Harness<'static, App> {
    started_from(harness_with(
        config(data),
        egui::Theme::Light,
        egui::vec2(width, height),
        1.0,
    ))
}

fn manual_items(data: &std::path::Path) -> Vec<Item> {
    Catalog::load(&DataDir::new(data).checklists())
        .checklists
        .iter()
        .flat_map(|c| c.items().cloned().collect::<Vec<_>>())
        .filter(|i| i.verification.needs_clerk())
        .collect()
}

/// Whether a node has the keyboard focus.
fn has_focus(node: &egui_kittest::kittest::AccessKitNode<'_>) -> bool {
    node.is_focused()
}

/// The label of the focused control, after checking that it is wholly visible: inside the
/// page's visible area, or, for the top bar, inside the window.
fn focused_and_visible(harness: &Harness<'static, App>, step: &str) -> Option<String> {
    let node = harness.query(By::new().predicate(has_focus))?;
    let label = node.accesskit_node().label().unwrap_or_default();
    let rect = node.rect();
    let screen = harness.ctx.content_rect();
    let area = if CHROME.contains(&label.as_str()) {
        screen
    } else {
        harness.state().scroll_viewport()
    };
    assert!(
        area.expand(0.5).contains_rect(rect),
        "after {step}: the focused control {label:?} at {rect:?} is not wholly inside {area:?}"
    );
    Some(label)
}

/// Presses a key (no pointer), draws the frame, and checks the focus is visible.
fn press(harness: &mut Harness<'static, App>, key: Key, step: &str) -> Option<String> {
    press_with(harness, Modifiers::NONE, key, step)
}

fn press_with(
    harness: &mut Harness<'static, App>,
    modifiers: Modifiers,
    key: Key,
    step: &str,
) -> Option<String> {
    harness.key_press_modifiers(modifiers, key);
    harness.step();
    focused_and_visible(harness, step)
}

/// Tabs until the control labelled `label` has the focus, checking at every step that the
/// focused control is visible; fails after `limit` presses.
fn tab_to(harness: &mut Harness<'static, App>, label: &str, limit: usize) {
    let mut seen = Vec::new();
    for n in 0..limit {
        let focused = press(harness, Key::Tab, &format!("Tab {n} towards {label:?}"));
        if focused.as_deref() == Some(label) {
            return;
        }
        seen.push(focused);
    }
    panic!("{limit} presses of Tab never reached {label:?}; they went to {seen:#?}");
}

fn toggled(harness: &Harness<'static, App>, label: &str) -> bool {
    harness
        .get_by_label(label)
        .accesskit_node()
        .data()
        .toggled()
        == Some(Toggled::True)
}

/// Types into the focused field (keyboard text, no click).
fn type_text(harness: &mut Harness<'static, App>, text: &str) {
    harness.event(egui::Event::Text(text.to_owned()));
    harness.step();
}

#[test]
fn a_whole_sign_off_with_the_keyboard_alone() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut harness = started_at(data, LAPTOP);
    let manual = manual_items(data);

    tab_to(&mut harness, "Full name", 30);
    type_text(&mut harness, "Ann Clerk");
    tab_to(&mut harness, "Title", 2);
    type_text(&mut harness, "Town Clerk");
    tab_to(&mut harness, "Name of municipality", 5);
    type_text(&mut harness, "Town of Dunn");

    // The first manual item: the arrow keys move between the three choices.
    let (first, rest) = manual.split_first().unwrap();
    tab_to(&mut harness, &format!("Done: {}", first.text), 60);
    press(&mut harness, Key::ArrowRight, "ArrowRight");
    let label = press(&mut harness, Key::ArrowRight, "ArrowRight").unwrap();
    assert_eq!(label, format!("Not applicable: {}", first.text));
    press(&mut harness, Key::Space, "Space on Not applicable");
    assert!(toggled(&harness, &label));
    let reason = format!("Reason not applicable: {}", first.text);
    tab_to(&mut harness, &reason, 3);
    // Typed a letter at a time, the focus stays in the field (the reminder under it goes
    // after the first letter).
    type_text(&mut harness, "T");
    harness.step();
    assert!(
        harness.get_by_label(&reason).is_focused(),
        "the reason field lost the focus"
    );
    type_text(&mut harness, "he county does this for us");

    // Every other manual item: Tab to "Done", Space.
    for item in rest {
        let label = format!("Done: {}", item.text);
        tab_to(&mut harness, &label, 40);
        press(&mut harness, Key::Space, &format!("Space on {label:?}"));
        assert!(toggled(&harness, &label), "Space did not choose {label:?}");
    }

    // After the last item: the button to sign-off, pressed with Enter.
    tab_to(&mut harness, CONTINUE_LABEL, 40);
    press(&mut harness, Key::Enter, "Enter on Continue");
    assert_eq!(harness.state().view(), View::SignOff);

    tab_to(&mut harness, "Type your full name to sign:", 20);
    type_text(&mut harness, "Ann Clerk");
    press(&mut harness, Key::Enter, "Enter in the signature field");
    step_until(&mut harness, "the record is signed", |app| {
        app.signed().is_some()
    });
    let record = &harness.state().signed().unwrap().record;
    assert_eq!(record.signer.name, "Ann Clerk");
    let na = record.items.iter().find(|i| i.item_id == first.id).unwrap();
    assert_eq!(na.na_reason, "The county does this for us");
    shown(&harness, "Signed by Ann Clerk and saved as record 1");
}

#[test]
fn page_keys_scroll_and_space_never_acts_on_a_control_out_of_sight() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut harness = started_at(data, LAPTOP);
    let first = manual_items(data).remove(0);
    let label = format!("Done: {}", first.text);
    tab_to(&mut harness, &label, 60);
    let viewport = harness.state().scroll_viewport();

    // Page Down moves the page; the focused radio button scrolls out of sight.
    for _ in 0..3 {
        harness.key_press(Key::PageDown);
        harness.step();
    }
    let rect = harness.get_by_label(&label).rect();
    assert!(!viewport.intersects(rect), "{rect:?} still in {viewport:?}");

    // Space on it brings it back into view instead of choosing it...
    let seen = press(&mut harness, Key::Space, "Space on a hidden control");
    assert_eq!(seen.as_deref(), Some(label.as_str()));
    assert!(
        !toggled(&harness, &label),
        "Space chose a control out of sight"
    );
    // ...and the next Space chooses it.
    press(&mut harness, Key::Space, "Space on the revealed control");
    assert!(toggled(&harness, &label));

    // Ctrl+End shows the end of the page, Ctrl+Home its top.
    harness.key_press(Key::Escape);
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::End);
    harness.step();
    let end = harness.get_by_label(CONTINUE_LABEL).rect();
    assert!(viewport.contains_rect(end), "{end:?} not in {viewport:?}");
    harness.key_press(Key::Home);
    harness.step();
    let top = harness
        .get_by_label("Your election security self-check")
        .rect();
    assert!(viewport.contains_rect(top), "{top:?} not in {viewport:?}");

    // In a (one-line) text field, Ctrl+End still moves the page; End stays in the field.
    tab_to(&mut harness, "Full name", 30);
    harness.key_press(Key::End);
    harness.step();
    let top = harness
        .get_by_label("Your election security self-check")
        .rect();
    assert!(viewport.contains_rect(top), "End in a field moved the page");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::End);
    harness.step();
    let end = harness.get_by_label(CONTINUE_LABEL).rect();
    assert!(viewport.contains_rect(end), "{end:?} not in {viewport:?}");
}

#[test]
fn shortcuts_show_each_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = started_at(dir.path(), LAPTOP);
    for (modifiers, key, view) in [
        (Modifiers::COMMAND, Key::Num2, View::SignOff),
        (Modifiers::COMMAND, Key::Num3, View::History),
        (Modifiers::NONE, Key::F1, View::Help),
        (Modifiers::COMMAND, Key::Num1, View::Checklist),
    ] {
        harness.key_press_modifiers(modifiers, key);
        harness.step();
        assert_eq!(harness.state().view(), view, "{key:?}");
    }
    // The shortcuts are written in the top bar.
    shown(
        &harness,
        "Ctrl+1 Self-check · Ctrl+2 Sign off · Ctrl+3 History · F1 Help",
    );
}

#[test]
fn jumps_go_to_the_first_problem_and_to_sign_off_with_the_focus() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = started_at(dir.path(), LAPTOP);
    tab_to(&mut harness, "Go to first problem", 20);
    // Enter jumps: the focus lands on the "How to fix" of the first failing item, in view.
    let label = press(&mut harness, Key::Enter, "Enter on Go to first problem");
    assert_eq!(label.as_deref(), Some("How to fix"));
    shown(&harness, "Microsoft Defender: real-time protection is off.");

    // Esc leaves the control; Tab starts again from the top.
    harness.key_press(Key::Escape);
    harness.step();
    tab_to(&mut harness, "Go to sign-off", 20);
    let label = press(&mut harness, Key::Enter, "Enter on Go to sign-off");
    assert_eq!(label.as_deref(), Some(CONTINUE_LABEL));
}

#[test]
fn a_collapsed_section_stays_collapsed_while_the_app_runs() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut harness = started_at(data, LAPTOP);
    let first = manual_items(data).remove(0);
    let done = format!("Done: {}", first.text);
    assert!(harness.query_by_label(&done).is_some());
    let header = harness
        .get_all_by_role(Role::DisclosureTriangle)
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.contains(" of ") && l.contains(" done"))
        })
        .unwrap()
        .accesskit_node()
        .label()
        .unwrap();
    tab_to(&mut harness, &header, 40);
    press(&mut harness, Key::Space, "Space on a section header");
    assert!(
        harness.query_by_label(&done).is_none(),
        "the section did not collapse"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.step();
    assert!(
        harness.query_by_label(&done).is_none(),
        "the section opened again"
    );
}

/// Regression: a spinner drawn above "Check again" while the check ran shifted the ids of the
/// controls under it, and the focus left the button that was pressed.
#[test]
fn check_again_keeps_the_focus_and_says_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = started_at(dir.path(), LAPTOP);
    let button = harness
        .get_all_by_role(Role::Button)
        .filter_map(|b| b.accesskit_node().label())
        .find(|l| l.starts_with("Check again: Have anti-virus"))
        .unwrap();
    tab_to(&mut harness, &button, 60);
    press(&mut harness, Key::Enter, "Enter on Check again");
    step_until(&mut harness, "the check ran again", |app| {
        app.self_check().running.is_empty()
    });
    shown(&harness, "Anti-virus on and current: still Fail");
    assert_eq!(
        focused_and_visible(&harness, "the check ran again").as_deref(),
        Some(button.as_str())
    );
}
