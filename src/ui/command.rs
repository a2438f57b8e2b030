//! What panels ask the app to do: values applied in one place ([`super::app::App::run_cmd`]).
//! Panels depend on this file, the app on the panels: the arrows point one way.

/// The app's screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Who signs, and the checklists.
    Checklist,
    /// The summary, the statement and the signature.
    SignOff,
    /// The office manager's history of signed records.
    History,
}

/// App-wide actions that panels ask for.
#[must_use]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Show a screen.
    GoTo(View),
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
    /// Hide the notice with this index.
    Dismiss(usize),
}
