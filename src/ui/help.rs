//! Help and settings: light or dark, the keys, this app's version, where its files are, that it
//! is not the Elections Commission's, and where to get help.

use std::path::Path;

use crate::paths::DataDir;

use super::command::{Command, View};
use super::keyboard;
use super::theme::{self, ThemeChoice};

/// The Help screen.
pub fn help_ui(
    ui: &mut egui::Ui,
    data_dir: &DataDir,
    theme_choice: ThemeChoice,
    cmds: &mut Vec<Command>,
) {
    ui.label(theme::heading("Help and settings"));

    ui.add_space(theme::BLOCK_GAP);
    ui.label(theme::section_title("Light or dark"));
    ui.horizontal_wrapped(|ui| {
        for choice in ThemeChoice::ALL {
            if ui
                .radio(theme_choice == choice, choice.label())
                .accessible_name(format!("Colours: {}", choice.label()))
                .clicked()
            {
                cmds.push(Command::SetTheme(choice));
            }
        }
    });
    ui.label(theme::small(
        "Ctrl and + make everything larger, Ctrl and − smaller, Ctrl and 0 back to normal.",
    ));

    ui.add_space(theme::BLOCK_GAP);
    ui.label(theme::section_title("Using the keyboard"));
    let ctx = ui.ctx().clone();
    let mut keys: Vec<(String, String)> = View::ALL
        .iter()
        .map(|v| {
            (
                keyboard::shortcut_text(&ctx, *v),
                format!("Show {}", v.title()),
            )
        })
        .collect();
    for (key, what) in [
        ("Tab / Shift+Tab", "Move to the next / previous control"),
        ("Arrow keys", "Move between neighbouring choices"),
        (
            "Space or Enter",
            "Choose, tick or press the control with the ring around it",
        ),
        ("Page Up / Page Down", "Scroll the page by a screen"),
        (
            "Home / End",
            "Go to the top / the end of the page (in a text field: Ctrl+Home / Ctrl+End)",
        ),
        ("Esc", "Leave the control"),
    ] {
        keys.push((key.to_owned(), what.to_owned()));
    }
    egui::Grid::new("keys")
        .num_columns(2)
        .spacing([16.0, theme::ROW_GAP])
        .show(ui, |ui| {
            for (key, what) in &keys {
                ui.label(egui::RichText::new(key).strong());
                ui.label(what);
                ui.end_row();
            }
        });

    ui.add_space(theme::BLOCK_GAP);
    ui.label(theme::section_title("About clerkcheck"));
    ui.label(format!("clerkcheck version {}", crate::APP_VERSION));
    ui.add(
        egui::Label::new(
            "Each checklist has its own edition number, shown under its title; that is not the \
             version of this app.",
        )
        .wrap(),
    );
    ui.add(
        egui::Label::new(
            "clerkcheck is a self-check aid built on public documents of the Wisconsin Elections \
             Commission. It is not issued or endorsed by the Commission. It never goes online \
             and never asks for a password.",
        )
        .wrap(),
    );
    path_ui(
        ui,
        "Your answers, records and office checklists are in",
        data_dir.root(),
    );
    path_ui(
        ui,
        "The log file (for whoever helps you with clerkcheck) is",
        &crate::logging::log_file_path(data_dir),
    );

    ui.add_space(theme::BLOCK_GAP);
    ui.label(theme::section_title("Getting help"));
    ui.add(
        egui::Label::new(
            "Questions about election security: the Elections Help Desk of the Wisconsin \
             Elections Commission, (608) 261-2028, or your county clerk.",
        )
        .wrap(),
    );
    ui.add(
        egui::Label::new(
            "Problems with clerkcheck itself: ask whoever installed it in your office (often \
             your county's IT support), and give them the log file named above.",
        )
        .wrap(),
    );
}

/// A sentence naming a folder or file, with the path selectable so it can be copied.
fn path_ui(ui: &mut egui::Ui, lead: &str, path: &Path) {
    ui.add(egui::Label::new(format!("{lead}:")).wrap());
    ui.add(egui::Label::new(egui::RichText::new(path.display().to_string()).monospace()).wrap());
}
