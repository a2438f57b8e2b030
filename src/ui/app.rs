//! The app: its state, the [`Command`]s panels ask for, and the one place they are applied.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use serde::{Deserialize, Serialize};

use crate::checks::{CheckId, CheckSource, Finding, Policy, Verdict};
use crate::records::{Computer, SignOff, Signer, StoredRecord};

use super::history::HistoryState;
use super::session::Session;
use super::worker::{Job, News, SavePurpose, Worker, certification_file_name};
use super::{AppConfig, Clock, checklist, history, signer, signoff, theme};

/// The key of the preferences in eframe storage.
const PREFS_KEY: &str = "clerkcheck-preferences";

/// What is remembered between runs in eframe storage: preferences only, never answers or
/// records (those live in the data directory).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Who usually signs on this computer.
    pub signer: Signer,
}

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

/// A message at the top of the window until the clerk dismisses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Good news or a problem.
    pub tone: theme::Tone,
    /// What happened, naming the file and what to do.
    pub text: String,
}

/// App-wide actions that panels ask for; applied in [`App::run_cmd`].
#[must_use]
#[derive(Debug)]
pub enum Command {
    /// Show a screen.
    GoTo(View),
    /// Answers or signer changed: autosave the draft.
    DraftChanged,
    /// Run one automatic check again.
    Recheck(CheckId),
    /// Sign with the typed name.
    Sign,
    /// Start the next self-check after signing.
    StartOver,
    /// (Re)load the records for History.
    LoadHistory,
    /// Ask where to save the certification of this record, then save it.
    SaveCertification(Box<StoredRecord>),
    /// Make the certification of this record and open it in the default viewer.
    OpenForPrinting(Box<StoredRecord>),
    /// Ask where to save this CSV file (bytes, with a byte-order mark), then save it.
    ExportCsv(Vec<u8>),
    /// Hide the notice with this index.
    Dismiss(usize),
}

/// The clerkcheck app.
pub struct App {
    source: Arc<dyn CheckSource>,
    clock: Clock,
    worker: Worker,
    view: View,
    session: Session,
    policy: Option<Policy>,
    check_runs: Vec<(Receiver<Finding>, Vec<CheckId>)>,
    signoff: signoff::SignOffState,
    history: HistoryState,
    notices: Vec<Notice>,
    draft_status: DraftStatus,
    timing: Option<std::time::Instant>,
}

/// Where the autosaved draft stands, for the status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DraftStatus {
    /// Nothing changed since start.
    Unchanged,
    /// Changes waiting to be written.
    Pending,
    /// Written.
    Saved,
    /// The last write failed (a notice says why).
    Failed,
}

impl App {
    /// Builds the app: applies the theme, restores preferences, and starts the background load
    /// (policy, checklists, draft) — the checks start as soon as the policy is read.
    #[must_use]
    pub fn new(cc: &eframe::CreationContext<'_>, config: AppConfig) -> Self {
        theme::apply(&cc.egui_ctx);
        let prefs: Preferences = cc
            .storage
            .and_then(|s| eframe::get_value(s, PREFS_KEY))
            .unwrap_or_default();
        let worker = Worker::start(cc.egui_ctx.clone(), config.data_dir, config.dialogs);
        worker.send(Job::Startup {
            computer: config.computer,
        });
        Self {
            source: config.checks,
            clock: config.clock,
            worker,
            view: View::Checklist,
            session: Session {
                signer: prefs.signer,
                ..Session::default()
            },
            policy: None,
            check_runs: Vec::new(),
            signoff: signoff::SignOffState::default(),
            history: HistoryState::default(),
            notices: Vec::new(),
            draft_status: DraftStatus::Unchanged,
            timing: config.timing_start,
        }
    }

    /// Applies one command.
    fn run_cmd(&mut self, cmd: Command) {
        match cmd {
            Command::GoTo(view) => {
                if view == View::History && self.history.listing.is_none() {
                    self.run_cmd(Command::LoadHistory);
                }
                self.view = view;
            }
            Command::DraftChanged => {
                self.session.tidy_answers();
                self.signoff.error = None;
                self.draft_status = DraftStatus::Pending;
                self.worker.send(Job::SaveDraft(self.session.draft()));
            }
            Command::Recheck(check) => self.start_checks(&[check]),
            Command::Sign => self.sign(),
            Command::StartOver => {
                self.signoff = signoff::SignOffState::default();
                self.view = View::Checklist;
                self.start_checks(&CheckId::checks_for_this_os());
            }
            Command::LoadHistory => {
                self.history.loading = true;
                self.worker.send(Job::LoadHistory);
            }
            Command::SaveCertification(stored) => {
                let name = certification_file_name(&stored);
                self.worker.ask_save_path(
                    SavePurpose::Certification(stored),
                    &name,
                    ("PDF", "pdf"),
                );
            }
            Command::OpenForPrinting(stored) => {
                self.worker.send(Job::OpenPdf {
                    stored,
                    launch: self.worker.launches_viewer(),
                });
            }
            Command::ExportCsv(bytes) => {
                self.worker.ask_save_path(
                    SavePurpose::HistoryCsv(bytes),
                    "clerkcheck-history.csv",
                    ("CSV", "csv"),
                );
            }
            Command::Dismiss(index) => {
                if index < self.notices.len() {
                    self.notices.remove(index);
                }
            }
        }
    }

    /// Starts the given checks (once the policy is known).
    fn start_checks(&mut self, checks: &[CheckId]) {
        let Some(policy) = &self.policy else {
            return;
        };
        let checks: Vec<CheckId> = checks
            .iter()
            .copied()
            .filter(|c| !self.session.running.contains(c))
            .collect();
        if checks.is_empty() {
            return;
        }
        if self.session.running.is_empty() {
            self.session.run_total = 0;
        }
        self.session.run_total += checks.len();
        self.session.running.extend(checks.iter().copied());
        let rx = self.worker.run_checks(&self.source, &checks, policy);
        self.check_runs.push((rx, checks));
    }

    /// Validates and signs: the record is built here (pure, quick) and saved by the file thread.
    fn sign(&mut self) {
        if self.signoff.signing {
            return;
        }
        self.signoff.error = None;
        let typed = self.signoff.signature.trim().to_owned();
        if typed.is_empty() {
            self.signoff.error = Some("Type your full name to sign.".to_owned());
            return;
        }
        let expected = self.session.signer.name.trim();
        if !expected.is_empty() && !same_name(expected, &typed) {
            self.signoff.error = Some(format!(
                "The name you typed does not match the signer's name \"{expected}\" on the self-check page. Type it the same way, or change the signer's name there."
            ));
            return;
        }
        let (reported, total) = self.session.check_progress();
        if !self.session.running.is_empty() {
            self.signoff.error = Some(format!(
                "Wait for the automatic checks to finish ({reported} of {total} done)."
            ));
            return;
        }
        let Some(catalog) = &self.session.catalog else {
            self.signoff.error = Some("The checklists are still loading.".to_owned());
            return;
        };
        let Some(computer) = self.session.computer.clone() else {
            self.signoff.error = Some("Still finding out this computer's name.".to_owned());
            return;
        };
        let (now_utc, utc_offset_minutes) = self.clock.now();
        let findings = self.session.findings_list();
        let mut signer = self.session.signer.clone();
        signer.name = typed;
        let built = SignOff {
            catalog,
            findings: &findings,
            answers: &self.session.answers,
            signer,
            computer,
            now_utc,
            utc_offset_minutes,
        }
        .build();
        match built {
            Ok(record) => {
                self.signoff.signing = true;
                self.worker.send(Job::Sign(Box::new(record)));
            }
            Err(err) => self.signoff.error = Some(sentence(&err.to_string())),
        }
    }

    /// Applies what the background sent.
    fn take_news(&mut self) {
        for news in self.worker.news() {
            match news {
                News::Policy { policy, problem } => {
                    if let Some(problem) = problem {
                        self.problem(problem);
                    }
                    self.policy = Some(policy);
                    self.start_checks(&CheckId::checks_for_this_os());
                }
                News::Catalog(catalog) => {
                    for failed in &catalog.failed {
                        self.problem(format!(
                            "An office checklist was skipped because it has problems:\n{failed}"
                        ));
                    }
                    self.session.catalog = Some(*catalog);
                }
                News::Draft(Ok(Some(draft))) => {
                    self.session.answers = draft.answers;
                    if draft.signer != Signer::default() {
                        self.session.signer = draft.signer;
                    }
                    self.notices.push(Notice {
                        tone: theme::Tone::Good,
                        text: "Your answers from last time were restored from the draft."
                            .to_owned(),
                    });
                }
                News::Draft(Ok(None)) => {}
                News::Draft(Err(problem)) => self.problem(problem),
                News::Computer(computer) => self.session.computer = Some(computer),
                News::DraftSaved => {
                    if self.draft_status == DraftStatus::Pending {
                        self.draft_status = DraftStatus::Saved;
                    }
                }
                News::DraftFailed(problem) => {
                    self.draft_status = DraftStatus::Failed;
                    self.problem(problem);
                }
                News::Signed(result) => {
                    self.signoff.signing = false;
                    match result {
                        Ok(stored) => {
                            self.session.answers.clear();
                            self.signoff.signature.clear();
                            self.draft_status = DraftStatus::Unchanged;
                            self.signoff.signed = Some(stored);
                            self.history.listing = None;
                        }
                        Err(problem) => self.signoff.error = Some(problem),
                    }
                }
                News::History(listing) => {
                    self.history.loading = false;
                    self.history.set_listing(*listing);
                }
                News::PdfWritten { result, opened } => match result {
                    Ok(path) => self.good(if opened {
                        format!(
                            "The certification was opened for printing ({}).",
                            path.display()
                        )
                    } else {
                        format!("The certification was saved as {}.", path.display())
                    }),
                    Err(problem) => self.problem(problem),
                },
                News::CsvWritten(result) => match result {
                    Ok(path) => self.good(format!("The history was saved as {}.", path.display())),
                    Err(problem) => {
                        self.problem(format!("The history could not be saved: {problem}"));
                    }
                },
                News::SavePathChosen { purpose, path } => {
                    let Some(path) = path else { continue };
                    match purpose {
                        SavePurpose::Certification(stored) => {
                            self.worker.send(Job::SavePdf { stored, path });
                        }
                        SavePurpose::HistoryCsv(bytes) => {
                            self.worker.send(Job::WriteCsv { bytes, path });
                        }
                    }
                }
            }
        }
        self.take_findings();
    }

    /// Collects findings from the running checks.
    fn take_findings(&mut self) {
        let mut finished = Vec::new();
        for (index, (rx, checks)) in self.check_runs.iter().enumerate() {
            loop {
                match rx.try_recv() {
                    Ok(finding) => {
                        self.session.running.remove(&finding.check);
                        self.session.findings.insert(finding.check, finding);
                    }
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        finished.push(index);
                        for check in checks {
                            if self.session.running.remove(check) {
                                self.session.findings.insert(*check, lost_finding(*check));
                            }
                        }
                        break;
                    }
                }
            }
        }
        for index in finished.into_iter().rev() {
            self.check_runs.remove(index);
        }
    }

    fn problem(&mut self, text: String) {
        log::warn!("{text}");
        self.notices.push(Notice {
            tone: theme::Tone::Bad,
            text,
        });
    }

    fn good(&mut self, text: String) {
        self.notices.push(Notice {
            tone: theme::Tone::Good,
            text,
        });
    }

    /// The bar at the top: title and the three screens.
    fn top_bar_ui(&self, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
        ui.horizontal_wrapped(|ui| {
            ui.label(theme::heading("clerkcheck"));
            ui.label("Election office security self-check");
            ui.separator();
            for (view, label) in [
                (View::Checklist, "Self-check"),
                (View::SignOff, "Sign off"),
                (View::History, "History"),
            ] {
                if ui.selectable_label(self.view == view, label).clicked() {
                    cmds.push(Command::GoTo(view));
                }
            }
        });
    }

    /// The status bar: check progress and the draft.
    fn status_bar_ui(&self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            let (reported, total) = self.session.check_progress();
            if self.policy.is_none() {
                ui.spinner();
                ui.label("Starting…");
            } else if self.session.running.is_empty() {
                theme::Tone::Good.show(ui, &format!("Checked this computer: {total} checks"));
            } else {
                ui.spinner();
                ui.label(format!("Checking this computer… {reported} of {total}"));
            }
            ui.separator();
            ui.label(match self.draft_status {
                DraftStatus::Unchanged => "Answers are saved as a draft as you go.",
                DraftStatus::Pending => "Saving draft…",
                DraftStatus::Saved => "Draft saved.",
                DraftStatus::Failed => "The draft could not be saved (see the notice above).",
            });
        });
    }

    /// Dismissible notices.
    fn notices_ui(&self, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
        for (index, notice) in self.notices.iter().enumerate() {
            ui.push_id(("notice", index), |ui| {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        let word = if notice.tone == theme::Tone::Bad {
                            "Problem"
                        } else {
                            "Note"
                        };
                        notice.tone.show(ui, word);
                        if ui
                            .button("Dismiss")
                            .on_hover_text("Hide this notice")
                            .clicked()
                        {
                            cmds.push(Command::Dismiss(index));
                        }
                    });
                    ui.label(&notice.text);
                });
            });
        }
    }
}

/// Prints when the first frame was drawn (only with `CLERKCHECK_TIMING=1`): the wall-clock time,
/// so `scripts/launch-time.sh` can measure from the moment it started the process, and the time
/// since the window was requested.
// The launch-time script reads this line from stderr; it is the whole point of the hook.
#[allow(clippy::print_stderr)]
fn report_first_frame(start: std::time::Instant) {
    let unix_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    eprintln!(
        "clerkcheck: first frame at unix_ms={unix_ms} ({} ms after the window was requested)",
        start.elapsed().as_millis()
    );
}

/// A check whose thread ended without a finding (e.g. it could not be started).
fn lost_finding(check: CheckId) -> Finding {
    Finding {
        check,
        verdict: Verdict::Unknown,
        evidence: "The check stopped without an answer. Use \"Check again\".".to_owned(),
        why: String::new(),
        fix: Vec::new(),
        raw: String::new(),
    }
}

/// The same name, ignoring case and extra spaces.
fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

/// An error message as a sentence: capital first letter, full stop.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if let Some(start) = self.timing.take() {
            report_first_frame(start);
        }
        self.take_news();
        let mut cmds = Vec::new();
        egui::Panel::top("top bar").show(ui, |ui| self.top_bar_ui(ui, &mut cmds));
        egui::Panel::bottom("status bar").show(ui, |ui| self.status_bar_ui(ui));
        egui::CentralPanel::default().show(ui, |ui| {
            self.notices_ui(ui, &mut cmds);
            match self.view {
                View::Checklist => {
                    egui::ScrollArea::vertical()
                        .id_salt("checklist scroll")
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            signer::signer_ui(ui, &mut self.session.signer, &mut cmds);
                            ui.add_space(theme::BLOCK_GAP);
                            checklist::checklists_ui(ui, &mut self.session, &mut cmds);
                        });
                }
                View::SignOff => {
                    egui::ScrollArea::vertical()
                        .id_salt("signoff scroll")
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            signoff::signoff_ui(ui, &self.session, &mut self.signoff, &mut cmds);
                        });
                }
                View::History => history::history_ui(ui, &mut self.history, &mut cmds),
            }
        });
        for cmd in cmds {
            self.run_cmd(cmd);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let prefs = Preferences {
            signer: self.session.signer.clone(),
        };
        eframe::set_value(storage, PREFS_KEY, &prefs);
    }
}

/// Read-only access for tests and the launch-time hook.
impl App {
    /// The computer the checks run on, once known.
    #[must_use]
    pub fn computer(&self) -> Option<&Computer> {
        self.session.computer.as_ref()
    }

    /// True when every started check has reported.
    #[must_use]
    pub fn checks_finished(&self) -> bool {
        self.policy.is_some() && self.session.running.is_empty() && self.session.run_total > 0
    }

    /// True when the checklists are loaded.
    #[must_use]
    pub fn loaded(&self) -> bool {
        self.session.catalog.is_some() && self.session.computer.is_some()
    }

    /// The record signed in this session, if any.
    #[must_use]
    pub fn signed(&self) -> Option<&StoredRecord> {
        self.signoff.signed.as_deref()
    }

    /// Why signing was refused or failed, if it was.
    #[must_use]
    pub fn sign_error(&self) -> Option<&str> {
        self.signoff.error.as_deref()
    }

    /// The notices shown.
    #[must_use]
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }
}
