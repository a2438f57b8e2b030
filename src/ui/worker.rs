//! Background work, off the frame: one named file thread that does every read and write in
//! order (startup load, draft autosave, signing, history, the election calendar, PDFs, CSV),
//! named threads for native dialogs, and the check runs. Results come back as [`News`] over a
//! channel; the worker asks for a repaint only when it sends news.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::calendar::OfficeCalendar;
use crate::checklist::Catalog;
use crate::checks::{CheckId, CheckSource, Finding, Policy};
use crate::files::{self, Existing};
use crate::paths::DataDir;
use crate::records::history::{self, HistoryRow};
use crate::records::{ChainReport, Listing, Record, Reviewer, StoredRecord, Which, certifiable};
use crate::report::verify::{Office, check_certification_file};
use crate::session::{self, Draft, Host};

/// How long the draft waits after the last change before it is written.
pub const DRAFT_DEBOUNCE: Duration = Duration::from_secs(1);

/// How "Save …" dialogs are answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialogs {
    /// The platform's native dialogs (rfd); "Open for printing" opens the default viewer.
    Native,
    /// Tests: every save dialog answers with `folder/<suggested name>`, and "Open for printing"
    /// writes the file without starting a viewer.
    AnswerWith {
        /// The folder files are saved to.
        folder: PathBuf,
    },
}

/// What a chosen save path is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SavePurpose {
    /// The certification PDF of the record with this number.
    Certification(u64),
    /// The history as a CSV file with these bytes.
    HistoryCsv(Vec<u8>),
}

/// Work for the file thread.
#[derive(Debug)]
pub enum Job {
    /// Load the policy, the checklists, the draft, what this computer is called, and the
    /// office's election calendar for the host's today.
    Startup {
        /// The host to use instead of asking the system (tests).
        host: Option<Host>,
    },
    /// Autosave the draft (debounced: only the latest draft within a second is written).
    SaveDraft(Draft),
    /// Save the signed record, then remove the draft.
    Sign(Box<Record>),
    /// List the records folder.
    LoadHistory,
    /// Read the office's election calendar (policy window, special elections, sign-offs) and
    /// work out what is due on `today` (the host's local date).
    LoadCalendar {
        /// The day it is for.
        today: NaiveDate,
    },
    /// Build the certification PDF of record number N (if it is intact) and write it to `path`.
    SavePdf {
        /// The record's number.
        sequence: u64,
        /// Where to write.
        path: PathBuf,
    },
    /// Build the certification PDF of record number N (if it is intact), write it to a
    /// temporary folder and open the default viewer.
    OpenPdf {
        /// The record's number.
        sequence: u64,
        /// Start the viewer (false in tests).
        launch: bool,
    },
    /// Check a certification PDF: is it genuine, and a record of this office?
    CheckCertification(PathBuf),
    /// Save the office manager's review of record number N.
    Review {
        /// The record's number.
        sequence: u64,
        /// Who reviewed.
        reviewer: Reviewer,
        /// The note.
        note: String,
        /// This computer and its clock (the review's time).
        host: Host,
    },
    /// Write the history CSV to `path`.
    WriteCsv {
        /// The CSV file's bytes.
        bytes: Vec<u8>,
        /// Where to write.
        path: PathBuf,
    },
}

/// What came back from the background.
#[derive(Debug)]
pub enum News {
    /// The office policy was read (or its defaults used); `problem` names the file and fault.
    Policy {
        /// The policy in use.
        policy: Policy,
        /// Why the office's file was not used.
        problem: Option<String>,
    },
    /// The checklists were loaded.
    Catalog(Box<Catalog>),
    /// The draft was read: `Ok(None)` when there is none.
    Draft(Result<Option<Draft>, String>),
    /// This computer and its clock.
    Host(Host),
    /// The office's election calendar and what is due.
    Calendar(Box<OfficeCalendar>),
    /// The draft was written.
    DraftSaved,
    /// The draft could not be written.
    DraftFailed(String),
    /// Signing finished.
    Signed(Result<Box<StoredRecord>, String>),
    /// The records folder was listed and verified.
    History(Box<HistoryData>),
    /// A certification PDF was written (`opened`: and handed to the viewer).
    PdfWritten {
        /// Where, or why not.
        result: Result<PathBuf, String>,
        /// Whether the viewer was started.
        opened: bool,
    },
    /// The history CSV was written.
    CsvWritten(Result<PathBuf, String>),
    /// A certification was checked: its file name, whether it is genuine, and what was found
    /// in plain words.
    CertificationChecked {
        /// The file's name.
        file: String,
        /// Genuine (and, when the folder has records, a record of this office or not).
        genuine: bool,
        /// The verdict and what it means.
        words: String,
    },
    /// A review was saved (its line) or refused (why).
    Reviewed(Result<String, String>),
    /// The clerk chose a certification to check (or cancelled: `None`).
    CertificationChosen(Option<PathBuf>),
    /// The clerk chose where to save (or cancelled: `None`).
    SavePathChosen {
        /// What for.
        purpose: SavePurpose,
        /// The chosen path.
        path: Option<PathBuf>,
    },
}

/// The records folder as History shows it: listed, verified and turned into rows, all off the
/// UI thread.
#[derive(Debug, Clone, Default)]
pub struct HistoryData {
    /// What is in the folder.
    pub listing: Listing,
    /// The verification of every record and the chain.
    pub report: ChainReport,
    /// One row per readable record, by number.
    pub rows: Vec<HistoryRow>,
}

impl HistoryData {
    /// Lists, verifies and makes the rows.
    pub fn load(data: &DataDir) -> Self {
        let listing = data.record_store().list();
        let report = crate::records::verify(&listing);
        let mut rows = history::rows(&listing, &report);
        rows.sort_by_key(|r| r.sequence);
        Self {
            listing,
            report,
            rows,
        }
    }
}

/// The background side of the app. Dropping it flushes a pending draft and waits for the file
/// thread to finish its queue, so nothing typed is lost on close.
pub struct Worker {
    jobs: Option<Sender<Job>>,
    news_tx: Sender<News>,
    news_rx: Receiver<News>,
    ctx: egui::Context,
    file_thread: Option<std::thread::JoinHandle<()>>,
    dialogs: Dialogs,
}

impl Worker {
    /// Starts the file thread for `data`.
    #[must_use]
    pub fn start(ctx: egui::Context, data: DataDir, dialogs: Dialogs) -> Self {
        let (jobs_tx, jobs_rx) = std::sync::mpsc::channel();
        let (news_tx, news_rx) = std::sync::mpsc::channel();
        let notify = Notifier {
            tx: news_tx.clone(),
            ctx: ctx.clone(),
        };
        let file_thread = std::thread::Builder::new()
            .name("clerkcheck files".into())
            .spawn(move || file_loop(&data, &jobs_rx, &notify))
            .map_err(|e| log::error!("could not start the file thread: {e}"))
            .ok();
        Self {
            jobs: Some(jobs_tx),
            news_tx,
            news_rx,
            ctx,
            file_thread,
            dialogs,
        }
    }

    /// Queues a job for the file thread.
    pub fn send(&self, job: Job) {
        let sent = self.jobs.as_ref().is_some_and(|j| j.send(job).is_ok());
        if !sent {
            log::error!("the file thread has stopped; a job was dropped");
        }
    }

    /// News that arrived since the last call.
    #[must_use]
    pub fn news(&self) -> Vec<News> {
        self.news_rx.try_iter().collect()
    }

    /// Starts `checks` in the background; findings arrive on the returned receiver.
    pub fn run_checks(
        &self,
        source: &Arc<dyn CheckSource>,
        checks: &[CheckId],
        policy: &Policy,
    ) -> Receiver<Finding> {
        let ctx = self.ctx.clone();
        crate::checks::run_checks(
            Arc::clone(source),
            checks,
            policy,
            Arc::new(move || ctx.request_repaint()),
        )
    }

    /// Asks where to save, on a dialog thread (never on the frame); the answer comes back as
    /// [`News::SavePathChosen`].
    pub fn ask_save_path(&self, purpose: SavePurpose, suggested: &str, filter: (&str, &str)) {
        let notify = Notifier {
            tx: self.news_tx.clone(),
            ctx: self.ctx.clone(),
        };
        match &self.dialogs {
            Dialogs::AnswerWith { folder } => {
                notify.send(News::SavePathChosen {
                    purpose,
                    path: Some(folder.join(suggested)),
                });
            }
            Dialogs::Native => {
                let suggested = suggested.to_owned();
                let (name, ext) = (filter.0.to_owned(), filter.1.to_owned());
                let spawned = std::thread::Builder::new()
                    .name("clerkcheck save dialog".into())
                    .spawn(move || {
                        let path = rfd::FileDialog::new()
                            .set_file_name(&suggested)
                            .add_filter(&name, &[&ext])
                            .save_file();
                        notify.send(News::SavePathChosen { purpose, path });
                    });
                if let Err(err) = spawned {
                    log::error!("could not start the dialog thread: {err}");
                }
            }
        }
    }

    /// Asks which certification PDF to check, on a dialog thread; the answer comes back as
    /// [`News::CertificationChosen`]. In tests ([`Dialogs::AnswerWith`]) it answers with the
    /// newest PDF in the answer folder.
    pub fn ask_certification_path(&self) {
        let notify = Notifier {
            tx: self.news_tx.clone(),
            ctx: self.ctx.clone(),
        };
        match &self.dialogs {
            Dialogs::AnswerWith { folder } => {
                let newest = fs_err::read_dir(folder).ok().and_then(|entries| {
                    entries
                        .filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
                        .max()
                });
                notify.send(News::CertificationChosen(newest));
            }
            Dialogs::Native => {
                let spawned = std::thread::Builder::new()
                    .name("clerkcheck open dialog".into())
                    .spawn(move || {
                        let path = rfd::FileDialog::new()
                            .set_title("Check a certification")
                            .add_filter("PDF", &["pdf"])
                            .pick_file();
                        notify.send(News::CertificationChosen(path));
                    });
                if let Err(err) = spawned {
                    log::error!("could not start the dialog thread: {err}");
                }
            }
        }
    }

    /// Whether "Open for printing" should start the default viewer.
    #[must_use]
    pub fn launches_viewer(&self) -> bool {
        self.dialogs == Dialogs::Native
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing the job channel makes the file thread write a pending draft and stop.
        self.jobs = None;
        if let Some(handle) = self.file_thread.take()
            && handle.join().is_err()
        {
            log::error!("the file thread panicked");
        }
    }
}

/// Sends news and asks for one repaint.
#[derive(Clone)]
struct Notifier {
    tx: Sender<News>,
    ctx: egui::Context,
}

impl Notifier {
    fn send(&self, news: News) {
        // The app may be closing; then nobody is listening, and that is fine.
        if self.tx.send(news).is_ok() {
            self.ctx.request_repaint();
        }
    }
}

/// The file thread: jobs in order; a draft waits [`DRAFT_DEBOUNCE`] for newer drafts.
fn file_loop(data: &DataDir, jobs: &Receiver<Job>, notify: &Notifier) {
    let mut pending: Option<(Draft, Instant)> = None;
    loop {
        let job = match &pending {
            None => match jobs.recv() {
                Ok(job) => job,
                Err(_) => return,
            },
            Some((_, due)) => {
                match jobs.recv_timeout(due.saturating_duration_since(Instant::now())) {
                    Ok(job) => job,
                    Err(RecvTimeoutError::Timeout) => {
                        if let Some((draft, _)) = pending.take() {
                            notify.send(draft_saved(data, &draft));
                        }
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => {
                        if let Some((draft, _)) = pending.take()
                            && let News::DraftFailed(e) = draft_saved(data, &draft)
                        {
                            log::error!("{e}");
                        }
                        return;
                    }
                }
            }
        };
        match job {
            Job::SaveDraft(draft) => pending = Some((draft, Instant::now() + DRAFT_DEBOUNCE)),
            Job::Sign(record) => {
                // The newest edits reach the disk first: if saving the record fails, they are
                // not lost; if it succeeds, saving clears the draft.
                if let Some((draft, _)) = pending.take() {
                    notify.send(draft_saved(data, &draft));
                }
                notify.send(News::Signed(sign(data, *record)));
            }
            other => run_job(data, other, notify),
        }
    }
}

/// Runs a job that needs no debouncing.
fn run_job(data: &DataDir, job: Job, notify: &Notifier) {
    match job {
        Job::Startup { host } => {
            let load = Policy::load(&data.policy_file());
            notify.send(News::Policy {
                policy: load.policy,
                problem: load.problem,
            });
            notify.send(News::Catalog(Box::new(Catalog::load(&data.checklists()))));
            notify.send(News::Draft(
                Draft::read(&data.draft_file()).map_err(|e| e.to_string()),
            ));
            let host = host.unwrap_or_else(Host::system);
            let today = host.today();
            notify.send(News::Host(host));
            notify.send(News::Calendar(Box::new(OfficeCalendar::load(data, today))));
        }
        Job::LoadHistory => notify.send(News::History(Box::new(HistoryData::load(data)))),
        Job::LoadCalendar { today } => {
            notify.send(News::Calendar(Box::new(OfficeCalendar::load(data, today))));
        }
        Job::SavePdf { sequence, path } => {
            let result = write_pdf(data, sequence, &path).map(|()| path);
            notify.send(News::PdfWritten {
                result,
                opened: false,
            });
        }
        Job::OpenPdf { sequence, launch } => {
            let result = open_pdf(data, sequence, launch);
            notify.send(News::PdfWritten {
                result,
                opened: launch,
            });
        }
        Job::WriteCsv { bytes, path } => {
            let result = files::write_atomic(&path, &bytes, ".tmp-csv-", Existing::Replace, false)
                .map(|()| path)
                .map_err(|e| not_saved("The history", &e));
            notify.send(News::CsvWritten(result));
        }
        Job::CheckCertification(path) => notify.send(check_certification(data, &path)),
        Job::Review {
            sequence,
            reviewer,
            note,
            host,
        } => {
            let result =
                session::review_record(&data.record_store(), &host, sequence, &reviewer, &note)
                    .map(|stored| format!("Record {sequence}: {}.", stored.review.line()))
                    .map_err(|e| e.to_string());
            notify.send(News::Reviewed(result));
        }
        Job::SaveDraft(_) | Job::Sign(_) => {
            log::error!("draft and sign jobs are handled by the file loop");
        }
    }
}

/// Checks a certification PDF against its own record and, when the office has records, against
/// them.
fn check_certification(data: &DataDir, path: &std::path::Path) -> News {
    let office = Office::load(&data.record_store());
    let check = check_certification_file(path, office.has_records().then_some(&office));
    News::CertificationChecked {
        file: path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        genuine: check.is_genuine(),
        words: {
            let words = check.authenticity.words();
            let mut chars = words.chars();
            let first: String = chars
                .next()
                .map(|c| c.to_uppercase().collect())
                .unwrap_or_default();
            format!("{first}{}. {}", chars.as_str(), check.detail)
                .trim()
                .to_owned()
        },
    }
}

/// The suggested file name of a record's certification.
pub fn certification_file_name(sequence: u64) -> String {
    format!("certification-{sequence:06}.pdf")
}

/// Saves the record, then removes the draft it came from.
fn sign(data: &DataDir, record: Record) -> Result<Box<StoredRecord>, String> {
    session::save_record(data, record, true)
        .map(Box::new)
        .map_err(|e| format!("The record could not be saved: {e}"))
}

/// Builds the certification PDF of record `sequence` — refused unless the record is intact —
/// and writes it to `path`.
fn write_pdf(data: &DataDir, sequence: u64, path: &std::path::Path) -> Result<(), String> {
    let store = data.record_store();
    let certified = certifiable(&store, &Which::Number(sequence)).map_err(|e| e.to_string())?;
    let bytes = crate::report::certification_pdf(&certified).map_err(|e| {
        log::warn!("the certification of record {sequence} could not be made: {e}");
        match e {
            crate::report::ReportError::Fonts => {
                format!("The certification could not be made: {e}.")
            }
            crate::report::ReportError::Pdf(_) => "The certification could not be made. Try \
                 again; if it fails again, give the log file (see Help) to whoever helps you \
                 with clerkcheck."
                .to_owned(),
        }
    })?;
    files::write_atomic(
        path,
        &bytes,
        ".tmp-certification-",
        Existing::Replace,
        false,
    )
    .map_err(|e| not_saved("The certification", &e))
}

/// Writes the certification to a folder of its own in the system's temporary folder and
/// opens it in the default viewer.
fn open_pdf(data: &DataDir, sequence: u64, launch: bool) -> Result<PathBuf, String> {
    let folder = tempfile::Builder::new()
        .prefix("clerkcheck-print-")
        .tempdir()
        .map_err(|e| {
            format!(
                "No folder for printing could be made: {}",
                files::plain_reason(&e)
            )
        })?
        // The viewer reads the file after we return: the folder stays, in the temporary folder.
        .keep();
    let path = folder.join(certification_file_name(sequence));
    write_pdf(data, sequence, &path)?;
    if launch {
        opener::open(&path).map_err(|e| {
            log::warn!("the PDF viewer could not be started: {e}");
            format!(
                "The certification was saved as {} but no program to show it could be \
                 started; open that file yourself to print it.",
                path.display()
            )
        })?;
    }
    Ok(path)
}

/// "The history could not be saved as clerkcheck-history.csv: could not write: the disk is
/// full. Choose another folder, or free some space, and try again." The operating system's own
/// words go to the log.
fn not_saved(what: &str, err: &files::FileError) -> String {
    log::warn!("{what} could not be saved: {}", err.detail());
    let name = err.path().file_name().map_or_else(
        || err.path().display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    format!(
        "{what} could not be saved as {name}: {}. Choose another folder, or fix this, and try \
         again.",
        err.reason()
    )
}

/// Writes the draft; the news says whether it worked.
fn draft_saved(data: &DataDir, draft: &Draft) -> News {
    match draft.write(&data.draft_file()) {
        Ok(()) => News::DraftSaved,
        Err(e) => News::DraftFailed(e.to_string()),
    }
}
