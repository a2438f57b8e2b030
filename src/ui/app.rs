//! The app: its state, and the one place [`Command`]s are applied.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use serde::{Deserialize, Serialize};

use crate::checks::{CheckId, CheckSource, Finding, Policy, Verdict};
use crate::records::{Signer, StoredRecord};
use crate::session::{Host, SelfCheck};

use super::chrome::{self, DraftStatus, Notice};
use super::command::{Command, View};
use super::config::AppConfig;
use super::history::HistoryState;
use super::worker::{Job, News, SavePurpose, Worker, certification_file_name};
use super::{checklist, history, signer, signoff, theme};

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

/// The clerkcheck app.
pub struct App {
    source: Arc<dyn CheckSource>,
    worker: Worker,
    view: View,
    self_check: SelfCheck,
    policy: Option<Policy>,
    check_runs: Vec<(Receiver<Finding>, Vec<CheckId>)>,
    signoff: signoff::SignOffState,
    history: HistoryState,
    notices: Vec<Notice>,
    draft_status: DraftStatus,
    timing: Option<std::time::Instant>,
}

impl App {
    /// Builds the app: applies the theme, restores preferences, and starts the background load
    /// (policy, checklists, draft, this computer) — the checks start as soon as the policy is
    /// read.
    #[must_use]
    pub fn new(cc: &eframe::CreationContext<'_>, config: AppConfig) -> Self {
        theme::apply(&cc.egui_ctx);
        let prefs: Preferences = cc
            .storage
            .and_then(|s| eframe::get_value(s, PREFS_KEY))
            .unwrap_or_default();
        let worker = Worker::start(cc.egui_ctx.clone(), config.data_dir, config.dialogs);
        worker.send(Job::Startup { host: config.host });
        Self {
            source: config.checks,
            worker,
            view: View::Checklist,
            self_check: SelfCheck {
                signer: prefs.signer,
                ..SelfCheck::default()
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
                if view == View::History && !self.history.loaded() {
                    self.run_cmd(Command::LoadHistory);
                }
                self.view = view;
            }
            Command::DraftChanged => {
                self.self_check.tidy_answers();
                self.signoff.error = None;
                self.draft_status = DraftStatus::Pending;
                self.worker.send(Job::SaveDraft(self.self_check.draft()));
            }
            Command::Recheck(check) => self.start_checks(&[check]),
            Command::Sign => self.sign(),
            Command::StartOver => {
                self.signoff = signoff::SignOffState::default();
                self.view = View::Checklist;
                let checks = self.self_check.checks_to_run();
                self.start_checks(&checks);
            }
            Command::LoadHistory => {
                self.history.loading = true;
                self.worker.send(Job::LoadHistory);
            }
            Command::SaveCertification(sequence) => {
                self.worker.ask_save_path(
                    SavePurpose::Certification(sequence),
                    &certification_file_name(sequence),
                    ("PDF", "pdf"),
                );
            }
            Command::OpenForPrinting(sequence) => {
                self.worker.send(Job::OpenPdf {
                    sequence,
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
        let started = self.self_check.start_checks(checks);
        if started.is_empty() {
            return;
        }
        let rx = self.worker.run_checks(&self.source, &started, policy);
        self.check_runs.push((rx, started));
    }

    /// Applies the signing rules (pure, quick) and hands the record to the file thread to save.
    fn sign(&mut self) {
        if self.signoff.signing {
            return;
        }
        match self.self_check.build_record(Some(&self.signoff.signature)) {
            Ok(record) => {
                self.signoff.error = None;
                self.signoff.signing = true;
                self.worker.send(Job::Sign(Box::new(record)));
            }
            Err(err) => self.signoff.error = Some(err.to_string()),
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
                    self.start_checks_when_ready();
                }
                News::Catalog(catalog) => {
                    for failed in &catalog.failed {
                        self.problem(format!(
                            "An office checklist was skipped because it has problems; fix it \
                             before signing:\n{failed}"
                        ));
                    }
                    self.self_check.catalog = Some(*catalog);
                    self.start_checks_when_ready();
                }
                News::Draft(Ok(Some(draft))) => {
                    self.self_check.answers = draft.answers;
                    if draft.signer != Signer::default() {
                        self.self_check.signer = draft.signer;
                    }
                    self.notices.push(Notice::restored_draft());
                }
                News::Draft(Ok(None)) => {}
                News::Draft(Err(problem)) => self.problem(problem),
                News::Host(host) => self.self_check.host = Some(host),
                News::DraftSaved => {
                    if self.draft_status == DraftStatus::Pending {
                        self.draft_status = DraftStatus::Saved;
                    }
                }
                News::DraftFailed(problem) => {
                    self.draft_status = DraftStatus::Failed;
                    self.problem(problem);
                }
                News::Signed(result) => self.take_signed(result),
                News::History(data) => {
                    self.history.loading = false;
                    self.history.set_data(*data);
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
                        SavePurpose::Certification(sequence) => {
                            self.worker.send(Job::SavePdf { sequence, path });
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

    /// Starts the first run of checks once both the policy and the checklists are known (the
    /// checklists say which checks to run).
    fn start_checks_when_ready(&mut self) {
        if self.policy.is_some()
            && self.self_check.catalog.is_some()
            && self.self_check.run_total == 0
        {
            let checks = self.self_check.checks_to_run();
            self.start_checks(&checks);
        }
    }

    /// Signing finished: show the record, clear the answers, drop notices it made stale.
    fn take_signed(&mut self, result: Result<Box<StoredRecord>, String>) {
        self.signoff.signing = false;
        match result {
            Ok(stored) => {
                self.self_check.answers.clear();
                self.signoff.signature.clear();
                self.draft_status = DraftStatus::Unchanged;
                self.signoff.signed = Some(stored);
                self.history.invalidate();
                self.notices.retain(|n| !n.is_about_the_draft());
            }
            Err(problem) => self.signoff.error = Some(problem),
        }
    }

    /// Collects findings from the running checks.
    fn take_findings(&mut self) {
        let mut finished = Vec::new();
        for (index, (rx, checks)) in self.check_runs.iter().enumerate() {
            loop {
                match rx.try_recv() {
                    Ok(finding) => self.self_check.add_finding(finding),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        finished.push(index);
                        for check in checks {
                            if self.self_check.running.contains(check) {
                                self.self_check.add_finding(lost_finding(*check));
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
        self.notices.push(Notice::problem(text));
    }

    fn good(&mut self, text: String) {
        self.notices.push(Notice::good(text));
    }
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

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if let Some(start) = self.timing.take() {
            chrome::report_first_frame(start);
        }
        self.take_news();
        let mut cmds = Vec::new();
        egui::Panel::top("top bar").show(ui, |ui| chrome::top_bar_ui(ui, self.view, &mut cmds));
        egui::Panel::bottom("status bar").show(ui, |ui| {
            chrome::status_bar_ui(
                ui,
                &self.self_check,
                self.policy.is_some(),
                self.draft_status,
            );
        });
        egui::CentralPanel::default().show(ui, |ui| {
            chrome::notices_ui(ui, &self.notices, &mut cmds);
            match self.view {
                View::Checklist => {
                    egui::ScrollArea::vertical()
                        .id_salt("checklist scroll")
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            signer::signer_ui(ui, &mut self.self_check.signer, &mut cmds);
                            ui.add_space(theme::BLOCK_GAP);
                            checklist::checklists_ui(ui, &mut self.self_check, &mut cmds);
                        });
                }
                View::SignOff => {
                    egui::ScrollArea::vertical()
                        .id_salt("signoff scroll")
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            signoff::signoff_ui(ui, &self.self_check, &mut self.signoff, &mut cmds);
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
            signer: self.self_check.signer.clone(),
        };
        eframe::set_value(storage, PREFS_KEY, &prefs);
    }
}

/// Read-only access for tests and the launch-time hook.
impl App {
    /// This computer and its clock, once known.
    #[must_use]
    pub fn host(&self) -> Option<&Host> {
        self.self_check.host.as_ref()
    }

    /// True when every started check has reported.
    #[must_use]
    pub fn checks_finished(&self) -> bool {
        self.policy.is_some() && self.self_check.running.is_empty() && self.self_check.run_total > 0
    }

    /// True when the checklists, the draft and this computer are loaded.
    #[must_use]
    pub fn loaded(&self) -> bool {
        self.self_check.catalog.is_some() && self.self_check.host.is_some()
    }

    /// The self-check in progress.
    #[must_use]
    pub fn self_check(&self) -> &SelfCheck {
        &self.self_check
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

    /// The History screen's state.
    #[must_use]
    pub fn history(&self) -> &HistoryState {
        &self.history
    }
}
