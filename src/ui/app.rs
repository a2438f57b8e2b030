//! The app: its state, and the one place [`Command`]s are applied.

use std::sync::Arc;
use std::sync::mpsc::Receiver;

use serde::{Deserialize, Serialize};

use crate::calendar::OfficeCalendar;
use crate::checklist::Checklist;
use crate::checks::{CheckId, CheckSource, Finding, Policy};
use crate::paths::DataDir;
use crate::records::{Signer, StoredRecord};
use crate::session::{Host, SelfCheck};
use crate::ui::chrome::Subject;
use crate::ui::theme::Tone;

use super::checklist::{self, ChecklistState, PendingJump, Recheck, Target, section_key};
use super::chrome::{self, DraftStatus, Notice, Notices};
use super::command::{Command, Jump, View};
use super::config::AppConfig;
use super::help;
use super::history::{self, HistoryState};
use super::keyboard;
use super::overview::{self, Overview};
use super::signer;
use super::signoff;
use super::theme::{self, ThemeChoice};
use super::worker::{Job, SavePurpose, Worker, certification_file_name};

mod news;

/// The key of the preferences in eframe storage.
const PREFS_KEY: &str = "clerkcheck-preferences";

/// What is remembered between runs in eframe storage: preferences only, never answers or
/// records (those live in the data directory).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Who usually signs on this computer.
    pub signer: Signer,
    /// Light, dark, or as the computer is set.
    pub theme: ThemeChoice,
}

/// The clerkcheck app.
pub struct App {
    ctx: egui::Context,
    source: Arc<dyn CheckSource>,
    worker: Worker,
    data_dir: DataDir,
    view: View,
    theme_choice: ThemeChoice,
    self_check: SelfCheck,
    policy: Option<Policy>,
    calendar: Option<OfficeCalendar>,
    /// The day the calendar was last asked for, so a new day asks once.
    calendar_asked_for: Option<chrono::NaiveDate>,
    check_runs: Vec<(Receiver<Finding>, Vec<CheckId>)>,
    checklist: ChecklistState,
    signoff: signoff::SignOffState,
    history: HistoryState,
    notices: Notices,
    draft_status: DraftStatus,
    viewport: egui::Rect,
    timing: Option<std::time::Instant>,
}

impl App {
    /// Builds the app: applies the theme, restores preferences, and starts the background load
    /// (policy, checklists, draft, this computer) — the checks start as soon as the policy is
    /// read.
    #[must_use]
    pub fn new(cc: &eframe::CreationContext<'_>, config: AppConfig) -> Self {
        let prefs: Preferences = cc
            .storage
            .and_then(|s| eframe::get_value(s, PREFS_KEY))
            .unwrap_or_default();
        theme::apply(&cc.egui_ctx, prefs.theme);
        let worker = Worker::start(cc.egui_ctx.clone(), config.data_dir.clone(), config.dialogs);
        worker.send(Job::Startup { host: config.host });
        Self {
            ctx: cc.egui_ctx.clone(),
            source: config.checks,
            worker,
            data_dir: config.data_dir,
            view: View::Checklist,
            theme_choice: prefs.theme,
            self_check: SelfCheck {
                signer: prefs.signer,
                ..SelfCheck::default()
            },
            policy: None,
            calendar: None,
            calendar_asked_for: None,
            check_runs: Vec::new(),
            checklist: ChecklistState::default(),
            signoff: signoff::SignOffState::default(),
            history: HistoryState::default(),
            notices: Notices::default(),
            draft_status: DraftStatus::Unchanged,
            viewport: egui::Rect::NOTHING,
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
            Command::JumpTo(jump) => self.jump_to(jump),
            Command::ToggleSection(key) => {
                if !self.checklist.collapsed.remove(&key) {
                    self.checklist.collapsed.insert(key);
                }
            }
            Command::ExpandAll(true) => self.checklist.collapsed.clear(),
            Command::ExpandAll(false) => {
                self.checklist.collapsed = self.sections().map(|(key, _)| key).collect();
            }
            Command::DraftChanged => {
                self.self_check.tidy_answers();
                self.signoff.error = None;
                self.signoff.error_item = None;
                // While a record is being saved, the draft on disk is about to be cleared:
                // an autosave queued behind it would bring signed answers back at the next
                // start. If saving fails, the draft is written then (see `take_signed`).
                if !self.signoff.signing {
                    self.draft_status = DraftStatus::Pending;
                    self.worker.send(Job::SaveDraft(self.self_check.draft()));
                }
            }
            Command::Recheck(check) => {
                let before = self.self_check.findings.get(&check).map(|f| f.verdict);
                self.checklist.rechecks.insert(
                    check,
                    Recheck {
                        before,
                        after: None,
                    },
                );
                self.start_checks(&[check]);
            }
            Command::Sign => self.sign(),
            Command::StartOver => {
                self.signoff = signoff::SignOffState::default();
                self.checklist.rechecks.clear();
                self.view = View::Checklist;
                let checks = self.self_check.checks_to_run();
                self.start_checks(&checks);
            }
            Command::LoadHistory => {
                self.history.loading = true;
                self.worker.send(Job::LoadHistory);
                // History shows which elections were covered: the records may have changed.
                self.reload_calendar();
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
            Command::CheckCertification => self.worker.ask_certification_path(),
            Command::Review {
                sequence,
                reviewer,
                note,
            } => match &self.self_check.host {
                Some(host) => self.worker.send(Job::Review {
                    sequence,
                    reviewer,
                    note,
                    host: host.clone(),
                }),
                None => self.notices.push(
                    Tone::Bad,
                    Subject::Review,
                    "Still finding out this computer's name; save the review again in a moment."
                        .to_owned(),
                    String::new(),
                ),
            },
            Command::Dismiss(id) => self.notices.dismiss(id),
            Command::ToggleDetails(id) => self.notices.toggle_details(id),
            Command::ShowAllNotices(all) => self.notices.show_all = all,
            Command::SetTheme(choice) => {
                self.theme_choice = choice;
                theme::set_choice(&self.ctx, choice);
            }
        }
    }

    /// Every section of the loaded checklists: its key, and the ids of its items.
    fn sections(&self) -> impl Iterator<Item = (String, Vec<&str>)> {
        self.self_check
            .catalog
            .iter()
            .flat_map(|c| c.checklists.iter())
            .flat_map(|c: &Checklist| {
                c.sections.iter().map(move |s| {
                    (
                        section_key(c, s),
                        s.items.iter().map(|i| i.id.as_str()).collect(),
                    )
                })
            })
    }

    /// Shows the self-check and scrolls to a place in it, opening the section it is in.
    fn jump_to(&mut self, jump: Jump) {
        let target = match jump {
            Jump::FirstProblem => Overview::of(&self.self_check)
                .first_problem
                .map(Target::Item),
            Jump::Item(id) => Some(Target::Item(id)),
            Jump::SignOffButton => Some(Target::ContinueButton),
        };
        let Some(target) = target else { return };
        if let Target::Item(id) = &target {
            let key = self
                .sections()
                .find(|(_, items)| items.contains(&id.as_str()))
                .map(|(key, _)| key);
            if let Some(key) = key {
                self.checklist.collapsed.remove(&key);
            }
        }
        self.view = View::Checklist;
        self.checklist.jump = Some(PendingJump::Scroll(target));
        self.ctx.request_repaint();
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

    /// Reads the election calendar again for the host's today (once the host is known).
    fn reload_calendar(&mut self) {
        if let Some(host) = &self.self_check.host {
            let today = host.today();
            self.calendar_asked_for = Some(today);
            self.worker.send(Job::LoadCalendar { today });
        }
    }

    /// A window left open past midnight: on the first frame of a new day (any mouse move or key
    /// draws one) the calendar is read again for that day, so the overview never says what was
    /// due yesterday. Reading the clock is not I/O; the reading itself is on the file thread.
    fn follow_the_date(&mut self) {
        let (Some(host), Some(calendar)) = (&self.self_check.host, &self.calendar) else {
            return;
        };
        let today = host.today();
        if today != calendar.today && self.calendar_asked_for != Some(today) {
            self.reload_calendar();
        }
    }

    /// Applies the signing rules (pure, quick) and hands the record to the file thread to save.
    fn sign(&mut self) {
        if self.signoff.signing {
            return;
        }
        match self.self_check.build_record(Some(&self.signoff.signature)) {
            Ok(record) => {
                self.signoff.error = None;
                self.signoff.error_item = None;
                self.signoff.signing = true;
                self.worker.send(Job::Sign(Box::new(record)));
            }
            Err(err) => {
                self.signoff.error_item = err.item_id().map(str::to_owned);
                self.signoff.error = Some(err.to_string());
            }
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if let Some(start) = self.timing.take() {
            chrome::report_first_frame(start);
        }
        self.take_news();
        self.follow_the_date();
        let mut cmds = Vec::new();
        let keys = keyboard::take_keys(ui.ctx(), &mut cmds);
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
            let ((), viewport) = match self.view {
                View::Checklist => keyboard::scroll_view(ui, "checklist scroll", keys, |ui| {
                    overview::overview_ui(ui, &self.self_check, self.calendar.as_ref(), &mut cmds);
                    ui.add_space(theme::BLOCK_GAP);
                    signer::signer_ui(ui, &mut self.self_check.signer, &mut cmds);
                    ui.add_space(theme::BLOCK_GAP);
                    checklist::checklists_ui(
                        ui,
                        &mut self.self_check,
                        &mut self.checklist,
                        &mut cmds,
                    );
                }),
                View::SignOff => keyboard::scroll_view(ui, "signoff scroll", keys, |ui| {
                    signoff::signoff_ui(ui, &self.self_check, &mut self.signoff, &mut cmds);
                }),
                View::History => keyboard::scroll_view(ui, "history scroll", keys, |ui| {
                    history::history_ui(ui, &mut self.history, self.calendar.as_ref(), &mut cmds);
                }),
                View::Help => keyboard::scroll_view(ui, "help scroll", keys, |ui| {
                    help::help_ui(ui, &self.data_dir, self.theme_choice, &mut cmds);
                }),
            };
            self.viewport = viewport;
        });
        keyboard::paint_focus_ring(ui.ctx());
        for cmd in cmds {
            self.run_cmd(cmd);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let prefs = Preferences {
            signer: self.self_check.signer.clone(),
            theme: self.theme_choice,
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

    /// The office's election calendar and what is due, once read.
    #[must_use]
    pub fn calendar(&self) -> Option<&OfficeCalendar> {
        self.calendar.as_ref()
    }

    /// The self-check in progress.
    #[must_use]
    pub fn self_check(&self) -> &SelfCheck {
        &self.self_check
    }

    /// Sets this computer's clock (tests: the window left open past midnight).
    #[cfg(feature = "test-support")]
    pub fn set_clock(&mut self, clock: crate::session::Clock) {
        if let Some(host) = &self.self_check.host {
            self.self_check.host = Some(crate::session::Host::new(host.computer().clone(), clock));
        }
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

    /// The notices, oldest first.
    #[must_use]
    pub fn notices(&self) -> &[Notice] {
        self.notices.all()
    }

    /// The History screen's state.
    #[must_use]
    pub fn history(&self) -> &HistoryState {
        &self.history
    }

    /// The screen shown.
    #[must_use]
    pub fn view(&self) -> View {
        self.view
    }

    /// Where the screen's scrolling area was visible in the last frame: a control inside it is
    /// seen only within this rectangle.
    #[must_use]
    pub fn scroll_viewport(&self) -> egui::Rect {
        self.viewport
    }

    /// What the clerk chose for light or dark.
    #[must_use]
    pub fn theme_choice(&self) -> ThemeChoice {
        self.theme_choice
    }
}
