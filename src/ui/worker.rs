//! Background work, off the frame: one named file thread that does every read and write in
//! order (startup load, draft autosave, signing, history, PDFs, CSV), named threads for native
//! dialogs, and the check runs. Results come back as [`News`] over a channel; the worker asks
//! for a repaint only when it sends news.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crate::checklist::Catalog;
use crate::checks::{CheckId, CheckSource, Finding, Policy};
use crate::paths::DataDir;
use crate::records::{Computer, Listing, Record, RecordStore, StoredRecord};

use super::session::Draft;

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
    /// The certification PDF of this record.
    Certification(Box<StoredRecord>),
    /// The history as a CSV file with these bytes.
    HistoryCsv(Vec<u8>),
}

/// Work for the file thread.
#[derive(Debug)]
pub enum Job {
    /// Load the policy, the checklists, the draft and what this computer is called.
    Startup {
        /// The computer to use instead of asking the system (tests).
        computer: Option<Computer>,
    },
    /// Autosave the draft (debounced: only the latest draft within a second is written).
    SaveDraft(Draft),
    /// Save the signed record, then remove the draft.
    Sign(Box<Record>),
    /// List the records folder.
    LoadHistory,
    /// Build the certification PDF of a record and write it to `path`.
    SavePdf {
        /// The saved record.
        stored: Box<StoredRecord>,
        /// Where to write.
        path: PathBuf,
    },
    /// Build the certification PDF, write it to a temporary folder and open the default viewer.
    OpenPdf {
        /// The saved record.
        stored: Box<StoredRecord>,
        /// Start the viewer (false in tests).
        launch: bool,
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
    /// This computer's name and OS.
    Computer(Computer),
    /// The draft was written.
    DraftSaved,
    /// The draft could not be written.
    DraftFailed(String),
    /// Signing finished.
    Signed(Result<Box<StoredRecord>, String>),
    /// The records folder was listed.
    History(Box<Listing>),
    /// A certification PDF was written (`opened`: and handed to the viewer).
    PdfWritten {
        /// Where, or why not.
        result: Result<PathBuf, String>,
        /// Whether the viewer was started.
        opened: bool,
    },
    /// The history CSV was written.
    CsvWritten(Result<PathBuf, String>),
    /// The clerk chose where to save (or cancelled: `None`).
    SavePathChosen {
        /// What for.
        purpose: SavePurpose,
        /// The chosen path.
        path: Option<PathBuf>,
    },
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
                pending = None;
                notify.send(News::Signed(sign(data, *record)));
            }
            other => run_job(data, other, notify),
        }
    }
}

/// Runs a job that needs no debouncing.
fn run_job(data: &DataDir, job: Job, notify: &Notifier) {
    match job {
        Job::Startup { computer } => {
            let load = Policy::load(&data.policy_file());
            notify.send(News::Policy {
                policy: load.policy,
                problem: load.problem,
            });
            notify.send(News::Catalog(Box::new(Catalog::load(&data.checklists()))));
            notify.send(News::Draft(read_draft(&data.draft_file())));
            notify.send(News::Computer(computer.unwrap_or_else(this_computer)));
        }
        Job::LoadHistory => {
            let listing = RecordStore::new(data.records()).list();
            notify.send(News::History(Box::new(listing)));
        }
        Job::SavePdf { stored, path } => {
            let result = write_pdf(&stored, &path).map(|()| path);
            notify.send(News::PdfWritten {
                result,
                opened: false,
            });
        }
        Job::OpenPdf { stored, launch } => {
            let folder = std::env::temp_dir().join("clerkcheck-prints");
            let path = folder.join(certification_file_name(&stored));
            let result = fs_err::create_dir_all(&folder)
                .map_err(|e| e.to_string())
                .and_then(|()| write_pdf(&stored, &path))
                .and_then(|()| {
                    if launch {
                        opener::open(&path).map_err(|e| {
                            format!(
                                "the PDF was saved as {} but could not be opened: {e}",
                                path.display()
                            )
                        })
                    } else {
                        Ok(())
                    }
                })
                .map(|()| path);
            notify.send(News::PdfWritten {
                result,
                opened: launch,
            });
        }
        Job::WriteCsv { bytes, path } => {
            let result = write_atomically(&path, &bytes)
                .map(|()| path)
                .map_err(|e| e.to_string());
            notify.send(News::CsvWritten(result));
        }
        Job::SaveDraft(_) | Job::Sign(_) => {
            log::error!("draft and sign jobs are handled by the file loop");
        }
    }
}

/// The suggested file name of a record's certification.
#[must_use]
pub fn certification_file_name(stored: &StoredRecord) -> String {
    format!("certification-{:06}.pdf", stored.record.sequence)
}

/// Saves the record, then removes the draft it came from.
fn sign(data: &DataDir, record: Record) -> Result<Box<StoredRecord>, String> {
    let stored = RecordStore::new(data.records())
        .save(record)
        .map_err(|e| format!("the record could not be saved: {e}"))?;
    match fs_err::remove_file(data.draft_file()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        // The record is safe; a leftover draft only means the answers come back next time.
        Err(e) => log::warn!("the draft could not be removed: {e}"),
    }
    Ok(Box::new(stored))
}

/// Builds the certification PDF of `stored` and writes it to `path`.
fn write_pdf(stored: &StoredRecord, path: &Path) -> Result<(), String> {
    let bytes = crate::report::certification_pdf(&stored.record, stored.fingerprint())
        .map_err(|e| format!("the certification could not be made: {e}"))?;
    write_atomically(path, &bytes).map_err(|e| e.to_string())
}

/// Writes the draft; the news says whether it worked.
fn draft_saved(data: &DataDir, draft: &Draft) -> News {
    let text = match ron::ser::to_string_pretty(draft, ron::ser::PrettyConfig::default()) {
        Ok(text) => text,
        Err(e) => return News::DraftFailed(format!("the draft could not be written: {e}")),
    };
    match write_atomically(&data.draft_file(), text.as_bytes()) {
        Ok(()) => News::DraftSaved,
        Err(e) => News::DraftFailed(format!("the draft could not be saved: {e}")),
    }
}

/// Reads the draft. A broken one is renamed `*.broken` (never overwritten) and reported.
fn read_draft(path: &Path) -> Result<Option<Draft>, String> {
    let text = match fs_err::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("the draft could not be read: {e}")),
    };
    match ron::from_str::<Draft>(&text) {
        Ok(draft) => Ok(Some(draft)),
        Err(parse) => {
            let aside = free_aside_name(path);
            match fs_err::rename(path, &aside) {
                Ok(()) => Err(format!(
                    "{}: the saved draft could not be read ({parse}); it was kept as {} and a new draft was started",
                    path.display(),
                    aside.display()
                )),
                Err(e) => Err(format!(
                    "{}: the saved draft could not be read ({parse}) nor kept aside ({e})",
                    path.display()
                )),
            }
        }
    }
}

/// `draft.ron.broken`, or `draft.ron.broken-2`, … whichever does not exist yet.
fn free_aside_name(path: &Path) -> PathBuf {
    let base = path.with_extension("ron.broken");
    let mut candidate = base.clone();
    let mut n = 2;
    while candidate.exists() {
        candidate = PathBuf::from(format!("{}-{n}", base.display()));
        n += 1;
    }
    candidate
}

/// Writes `bytes` to `path` via a temporary file in the same folder and a rename, so the file is
/// either the old one or the whole new one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    fs_err::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| {
        std::io::Error::new(e.error.kind(), format!("{}: {}", path.display(), e.error))
    })?;
    Ok(())
}

/// This computer's host name and OS, from the system.
fn this_computer() -> Computer {
    Computer {
        host_name: sysinfo::System::host_name().unwrap_or_else(|_| "(unknown)".to_owned()),
        os_name: sysinfo::System::long_os_version()
            .or_else(|_| sysinfo::System::name())
            .unwrap_or_else(|_| "(unknown)".to_owned()),
        os_version: sysinfo::System::os_version().unwrap_or_default(),
    }
}

#[cfg(test)]
// A test that unwraps fails loudly with the reason, which is what a test should do.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn broken_draft_is_kept_aside_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draft.ron");
        std::fs::write(&path, "this is not RON (").unwrap();
        let err = read_draft(&path).unwrap_err();
        assert!(err.contains("draft.ron.broken"), "{err}");
        assert!(!path.exists());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("draft.ron.broken")).unwrap(),
            "this is not RON ("
        );
        // A second broken draft does not overwrite the first one kept aside.
        std::fs::write(&path, "also broken").unwrap();
        read_draft(&path).unwrap_err();
        assert!(dir.path().join("draft.ron.broken-2").exists());
    }

    #[test]
    fn draft_round_trips_and_missing_draft_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        assert_eq!(read_draft(&data.draft_file()).unwrap(), None);
        let mut draft = Draft::default();
        draft.signer.name = "José Núñez-Øberg".into();
        draft.answers.entry("x".into()).or_default().done = true;
        assert!(matches!(draft_saved(&data, &draft), News::DraftSaved));
        assert_eq!(read_draft(&data.draft_file()).unwrap(), Some(draft));
    }
}
