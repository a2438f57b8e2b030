//! The log file, so IT support can see what happened: start-up, the renderer chosen and why,
//! each check's duration and outcome, and every error with its detail.
//!
//! The log lives in the data folder ([`log_file_path`]), is capped at [`LOG_FILE_CAP`] bytes and
//! rotated: `clerkcheck.log` is the newest, then `clerkcheck.1.log`, `clerkcheck.2.log`; older
//! text is dropped. Logging never stops the program: a log file that cannot be opened or written
//! is given up (with one line on stderr), and the program carries on without it.
//!
//! More than one process may write the same log at once (the window is opened by a second
//! process, see [`crate::startup`], and an office may run the command line meanwhile): the file
//! is opened for appending and each line is written in one call, so lines never interleave, and
//! every line names the process id.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Instant;

use crate::checks::{CheckId, CheckSource, Finding, Policy};
use crate::paths::DataDir;

/// The environment variable naming the renderer a window process uses (logged with each line of
/// a window process). The supervisor (`crate::startup`) sets it for the processes it starts; IT
/// support may set it to force one renderer (`wgpu-primary`, `wgpu-gl`, `wgpu-software`,
/// `glow`), which skips the supervisor.
pub const RENDERER_VAR: &str = "CLERKCHECK_RENDERER";

/// The most bytes written to one log file before it is rotated (1 MiB).
pub const LOG_FILE_CAP: u64 = 1024 * 1024;

/// How many log files are kept: the current one and the rotated ones before it.
pub const LOG_FILES_KEPT: usize = 3;

/// The longest message written to the log; longer ones are cut (a probe's whole output has no
/// place on one log line).
const MESSAGE_CAP: usize = 16 * 1024;

/// The environment variable that sets how much is logged: `error`, `warn`, `info` (the default
/// for clerkcheck's own lines), `debug` or `trace` (for every library too).
pub const LEVEL_VAR: &str = "CLERKCHECK_LOG";

/// Where the log file is for the data folder `data`: `logs/clerkcheck.log` inside it. The app's
/// Help/About area and the "window could not open" message show this path.
pub fn log_file_path(data: &DataDir) -> PathBuf {
    data.root().join("logs").join("clerkcheck.log")
}

/// The rotated file `n` (1 = the one before the current one) next to `current`.
fn rotated_path(current: &Path, n: usize) -> PathBuf {
    let stem = current.file_stem().map_or_else(
        || "clerkcheck".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    current.with_file_name(format!("{stem}.{n}.log"))
}

/// Installs the logger writing to [`log_file_path`] and a panic hook that logs panics, then
/// writes the start-up line (version, OS, arguments). Call once, as early as possible; later
/// calls do nothing. Returns the log file's path, or `None` when it could not be opened (the
/// program then runs without a log).
pub fn init(data: &DataDir) -> Option<PathBuf> {
    static INSTALLED: OnceLock<Option<PathBuf>> = OnceLock::new();
    INSTALLED
        .get_or_init(|| {
            let path = log_file_path(data);
            let logger = LOGGER.get_or_init(|| FileLogger::new(path.clone(), Filter::from_env()));
            let opened = logger.open();
            if log::set_logger(logger).is_err() {
                // Another logger was installed first (a test harness): leave it alone.
                return None;
            }
            log::set_max_level(logger.filter.max());
            install_panic_hook();
            log::info!("{}", startup_line());
            opened.then_some(path)
        })
        .clone()
}

static LOGGER: OnceLock<FileLogger> = OnceLock::new();

/// The first line a process writes: who is starting, on what, with which arguments.
/// (clerkcheck never takes a password or any other secret on its command line, so the arguments
/// are logged as given; they are cut to a sane length.)
fn startup_line() -> String {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| format!("{:?}", a.to_string_lossy()))
        .collect();
    let mut args = args.join(" ");
    truncate_at_char_boundary(&mut args, 2000);
    let os = sysinfo::System::long_os_version().unwrap_or_else(|_| "an unknown OS".to_owned());
    let renderer = std::env::var(RENDERER_VAR)
        .map(|r| format!("; window process for renderer {r}"))
        .unwrap_or_default();
    format!(
        "clerkcheck {} starting on {os} ({}), host {}; arguments: [{args}]{renderer}",
        crate::APP_VERSION,
        std::env::consts::ARCH,
        sysinfo::System::host_name().unwrap_or_default(),
    )
}

/// Logs every panic (with where it happened) before the default hook prints it, so a crash
/// of a double-clicked program, which has no terminal, still leaves its reason in the log.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".to_owned());
        let location = info
            .location()
            .map_or_else(String::new, |l| format!(" at {}:{}", l.file(), l.line()));
        let thread = std::thread::current()
            .name()
            .map_or_else(String::new, |n| format!(" in thread '{n}'"));
        log::error!("panic{thread}{location}: {message}");
        previous(info);
    }));
}

/// Which records are written: clerkcheck's own from `info`, the window libraries' from `info`
/// (they name the graphics adapter chosen), everything else from `warn`; [`LEVEL_VAR`] raises or
/// lowers all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Filter {
    ours: log::LevelFilter,
    others: log::LevelFilter,
}

impl Filter {
    /// Crates whose `info` lines are worth keeping: they say which renderer and adapter were used.
    const CHATTY_BUT_USEFUL: [&'static str; 4] = ["clerkcheck", "eframe", "egui_wgpu", "egui_glow"];

    fn from_env() -> Self {
        Self::parse(std::env::var(LEVEL_VAR).ok().as_deref())
    }

    fn parse(value: Option<&str>) -> Self {
        let default = Self {
            ours: log::LevelFilter::Info,
            others: log::LevelFilter::Warn,
        };
        match value.map(str::trim).map(str::parse::<log::LevelFilter>) {
            Some(Ok(level)) => Self {
                ours: level,
                others: level,
            },
            _ => default,
        }
    }

    fn max(self) -> log::LevelFilter {
        self.ours.max(self.others)
    }

    fn allows(self, metadata: &log::Metadata<'_>) -> bool {
        let target = metadata.target();
        let crate_name = target.split("::").next().unwrap_or(target);
        let limit = if Self::CHATTY_BUT_USEFUL.contains(&crate_name) {
            self.ours
        } else {
            self.others
        };
        metadata.level() <= limit
    }
}

/// The logger: appends lines to the log file, rotating it by size.
struct FileLogger {
    path: PathBuf,
    filter: Filter,
    sink: Mutex<Option<Sink>>,
    gave_up: AtomicBool,
}

/// The open log file and how much is in it.
struct Sink {
    file: std::fs::File,
    size: u64,
}

impl FileLogger {
    fn new(path: PathBuf, filter: Filter) -> Self {
        Self {
            path,
            filter,
            sink: Mutex::new(None),
            gave_up: AtomicBool::new(false),
        }
    }

    /// Opens (or creates) the log file; false when it cannot be, and the logger then drops
    /// every line.
    fn open(&self) -> bool {
        let mut sink = self.sink.lock().unwrap_or_else(PoisonError::into_inner);
        match open_for_append(&self.path) {
            Ok(opened) => {
                *sink = Some(opened);
                if sink.as_ref().is_some_and(|s| s.size >= LOG_FILE_CAP) {
                    self.rotate(&mut sink);
                }
                sink.is_some()
            }
            Err(err) => {
                self.give_up(&err);
                false
            }
        }
    }

    /// Renames the current file to `.1.log` (and `.1` to `.2`, …, dropping the oldest) and
    /// starts a new one. A rename that fails (another process holds the file in a way that
    /// forbids it) only means this file grows a little past the cap.
    fn rotate(&self, sink: &mut Option<Sink>) {
        *sink = None;
        for n in (1..LOG_FILES_KEPT).rev() {
            let from = if n == 1 {
                self.path.clone()
            } else {
                rotated_path(&self.path, n - 1)
            };
            let to = rotated_path(&self.path, n);
            if from.exists() {
                // A failure here leaves both files in place; the next rotation tries again.
                if let Err(err) = fs_err::rename(&from, &to) {
                    write_stderr(&format!("clerkcheck: could not rotate the log: {err}"));
                }
            }
        }
        match open_for_append(&self.path) {
            Ok(opened) => *sink = Some(opened),
            Err(err) => self.give_up(&err),
        }
    }

    /// Stops logging to the file after an error, saying so once on stderr.
    fn give_up(&self, err: &std::io::Error) {
        if !self.gave_up.swap(true, Ordering::Relaxed) {
            write_stderr(&format!(
                "clerkcheck: the log file {} cannot be written ({err}); carrying on without it",
                self.path.display()
            ));
        }
    }
}

impl log::Log for FileLogger {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        self.filter.allows(metadata)
    }

    fn log(&self, record: &log::Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let line = format_line(
            &chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, false),
            std::process::id(),
            record.level(),
            record.target(),
            &record.args().to_string(),
        );
        let mut sink = self.sink.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(open) = sink.as_mut() else {
            return;
        };
        match open.file.write_all(line.as_bytes()) {
            Ok(()) => {
                open.size += line.len() as u64;
                if open.size >= LOG_FILE_CAP {
                    self.rotate(&mut sink);
                }
            }
            Err(err) => {
                *sink = None;
                self.give_up(&err);
            }
        }
    }

    fn flush(&self) {
        let mut sink = self.sink.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(open) = sink.as_mut()
            && let Err(err) = open.file.flush()
        {
            *sink = None;
            self.give_up(&err);
        }
    }
}

/// Opens the log file for appending, creating it and its folder.
fn open_for_append(path: &Path) -> std::io::Result<Sink> {
    let file =
        crate::files::open_for_append(path).map_err(|e| std::io::Error::other(e.to_string()))?;
    let size = file.metadata().map_or(0, |m| m.len());
    Ok(Sink { file, size })
}

/// One log line: local time with its offset, process id, level, where, and the message on one
/// line (line breaks inside the message are kept, indented, so a multi-line error stays whole).
fn format_line(time: &str, pid: u32, level: log::Level, target: &str, message: &str) -> String {
    let mut message = message.trim_end().to_owned();
    truncate_at_char_boundary(&mut message, MESSAGE_CAP);
    let message = message.replace('\n', "\n    ");
    format!("{time} [{pid}] {level:<5} {target}: {message}\n")
}

/// Cuts `text` to at most `max` bytes without splitting a character, marking the cut.
fn truncate_at_char_boundary(text: &mut String, max: usize) {
    if text.len() <= max {
        return;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text.push_str(" …(cut)");
}

/// The one place this module writes to stderr: when the log itself fails.
#[expect(
    clippy::print_stderr,
    reason = "the log cannot report its own failure to itself"
)]
fn write_stderr(text: &str) {
    eprintln!("{text}");
}

/// Runs checks through `inner` and logs each one's duration and outcome.
pub struct TimedChecks {
    inner: Arc<dyn CheckSource>,
}

impl TimedChecks {
    /// Wraps `inner`.
    pub fn new(inner: Arc<dyn CheckSource>) -> Self {
        Self { inner }
    }
}

impl CheckSource for TimedChecks {
    fn run(&self, check: CheckId, policy: &Policy) -> Finding {
        let started = Instant::now();
        let finding = self.inner.run(check, policy);
        let mut evidence = finding.evidence.clone();
        truncate_at_char_boundary(&mut evidence, 300);
        log::info!(
            "check {check}: {} in {} ms: {evidence}",
            finding.verdict.word(),
            started.elapsed().as_millis()
        );
        finding
    }
}

#[cfg(test)]
#[expect(
    clippy::disallowed_methods,
    reason = "tests write and inspect log files directly"
)]
mod tests {
    use super::*;
    use log::Log as _;

    fn record_at(level: log::Level, target: &str) -> log::Metadata<'_> {
        log::Metadata::builder().level(level).target(target).build()
    }

    #[test]
    fn the_log_lives_in_the_data_folder() {
        let data = DataDir::new("/srv/clerk");
        assert_eq!(
            log_file_path(&data),
            Path::new("/srv/clerk/logs/clerkcheck.log")
        );
        assert_eq!(
            rotated_path(&log_file_path(&data), 2),
            Path::new("/srv/clerk/logs/clerkcheck.2.log")
        );
    }

    #[test]
    fn our_info_lines_are_kept_and_library_chatter_is_not() {
        let filter = Filter::parse(None);
        assert!(filter.allows(&record_at(log::Level::Info, "clerkcheck::startup")));
        assert!(filter.allows(&record_at(log::Level::Info, "egui_wgpu")));
        assert!(!filter.allows(&record_at(log::Level::Info, "wgpu_core::instance")));
        assert!(filter.allows(&record_at(log::Level::Warn, "wgpu_hal::gles")));
        assert!(!filter.allows(&record_at(log::Level::Debug, "clerkcheck")));
    }

    #[test]
    fn the_level_variable_applies_to_everything_and_nonsense_is_ignored() {
        let debug = Filter::parse(Some("debug"));
        assert!(debug.allows(&record_at(log::Level::Debug, "wgpu_core")));
        assert_eq!(debug.max(), log::LevelFilter::Debug);
        assert_eq!(Filter::parse(Some("loud")), Filter::parse(None));
    }

    #[test]
    fn a_line_keeps_a_multi_line_message_whole_and_cuts_a_huge_one() {
        let line = format_line(
            "2025-01-02T03:04:05.006-06:00",
            42,
            log::Level::Error,
            "clerkcheck::startup",
            "first\nsecond\n",
        );
        assert_eq!(
            line,
            "2025-01-02T03:04:05.006-06:00 [42] ERROR clerkcheck::startup: first\n    second\n"
        );
        let huge = "é".repeat(MESSAGE_CAP);
        let line = format_line("t", 1, log::Level::Info, "x", &huge);
        assert!(line.len() < MESSAGE_CAP + 100, "{}", line.len());
        assert!(line.ends_with("…(cut)\n"));
    }

    #[test]
    fn the_log_rotates_at_the_cap_and_keeps_three_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("logs").join("clerkcheck.log");
        let logger = FileLogger::new(path.clone(), Filter::parse(None));
        assert!(logger.open());
        // Under the message cap, so each line is written whole.
        let message = "x".repeat(10 * 1024);
        // Enough for a little over three full files.
        for _ in 0..350 {
            logger.log(
                &log::Record::builder()
                    .level(log::Level::Info)
                    .target("clerkcheck")
                    .args(format_args!("{message}"))
                    .build(),
            );
        }
        logger.flush();
        let size = |p: &Path| std::fs::metadata(p).map(|m| m.len());
        let first = rotated_path(&path, 1);
        let second = rotated_path(&path, 2);
        assert!(size(&path).unwrap() < LOG_FILE_CAP);
        assert!(size(&first).unwrap() >= LOG_FILE_CAP);
        assert!(size(&second).unwrap() >= LOG_FILE_CAP);
        assert!(
            !rotated_path(&path, 3).exists(),
            "only three files are kept"
        );
        let entries = std::fs::read_dir(path.parent().unwrap()).unwrap().count();
        assert_eq!(entries, LOG_FILES_KEPT);
    }

    #[test]
    fn a_log_that_cannot_be_opened_is_given_up_and_logging_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the logs folder should be.
        std::fs::write(dir.path().join("logs"), b"not a folder").unwrap();
        let logger = FileLogger::new(
            dir.path().join("logs").join("clerkcheck.log"),
            Filter::parse(None),
        );
        assert!(!logger.open());
        logger.log(
            &log::Record::builder()
                .level(log::Level::Error)
                .target("clerkcheck")
                .args(format_args!("still fine"))
                .build(),
        );
        logger.flush();
        assert!(logger.gave_up.load(Ordering::Relaxed));
    }

    #[test]
    fn an_existing_full_log_is_rotated_when_opened() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("clerkcheck.log");
        std::fs::write(&path, vec![b'x'; usize::try_from(LOG_FILE_CAP).unwrap()]).unwrap();
        let logger = FileLogger::new(path.clone(), Filter::parse(None));
        assert!(logger.open());
        assert_eq!(std::fs::metadata(&path).unwrap().len(), 0);
        assert!(rotated_path(&path, 1).exists());
    }
}
