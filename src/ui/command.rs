//! What panels ask the app to do: values applied in one place ([`super::app::App::run_cmd`]).
//! Panels depend on this file, the app on the panels: the arrows point one way.

use super::theme::ThemeChoice;

/// The app's screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Who signs, and the checklists.
    Checklist,
    /// The summary, the statement and the signature.
    SignOff,
    /// The office manager's history of signed records.
    History,
    /// Help, settings and what this app is.
    Help,
}

impl View {
    /// Every screen, in the order of the top bar.
    pub const ALL: [Self; 4] = [Self::Checklist, Self::SignOff, Self::History, Self::Help];

    /// The screen's name on its button in the top bar.
    pub fn title(self) -> &'static str {
        match self {
            Self::Checklist => "Self-check",
            Self::SignOff => "Sign off",
            Self::History => "History",
            Self::Help => "Help",
        }
    }
}

/// A place in the self-check to scroll to and put the keyboard focus on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Jump {
    /// The first item with a problem or a warning.
    FirstProblem,
    /// The item with this id.
    Item(String),
    /// The "Continue to sign off" button after the last item.
    SignOffButton,
}

/// App-wide actions that panels ask for.
#[must_use]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Show a screen.
    GoTo(View),
    /// Scroll the self-check to a place and put the focus there.
    JumpTo(Jump),
    /// Collapse or expand a section of a checklist, by its key.
    ToggleSection(String),
    /// Expand (true) or collapse (false) every section.
    ExpandAll(bool),
    /// Answers or signer changed: autosave the draft.
    DraftChanged,
    /// Run one automatic check again.
    Recheck(crate::checks::CheckId),
    /// Sign with the typed name.
    Sign,
    /// Start the next self-check after signing.
    StartOver,
    /// (Re)load the records for History.
    LoadHistory,
    /// Ask where to save the certification of record number N, then save it (only if the record
    /// is intact).
    SaveCertification(u64),
    /// Make the certification of record number N and open it in the default viewer (only if the
    /// record is intact).
    OpenForPrinting(u64),
    /// Ask where to save this CSV file (bytes, with a byte-order mark), then save it.
    ExportCsv(Vec<u8>),
    /// Ask which certification PDF to check, then check it (genuine? a record of this office?).
    CheckCertification,
    /// Mark record number N as reviewed by the office manager.
    Review {
        /// The record's number.
        sequence: u64,
        /// Who reviewed.
        reviewer: crate::records::Reviewer,
        /// The reviewer's note.
        note: String,
    },
    /// Hide the notice with this number.
    Dismiss(u64),
    /// Show or hide the details of the notice with this number.
    ToggleDetails(u64),
    /// Show every notice, not only the newest few (or go back to the newest few).
    ShowAllNotices(bool),
    /// Use this light or dark setting (remembered as a preference).
    SetTheme(ThemeChoice),
}
