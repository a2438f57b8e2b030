//! The supervisor: the double-clicked process never draws. It starts this same program again
//! for one renderer at a time and watches it; the first one that draws a frame is remembered.
//!
//! Why another process: a window's event loop can be made only once per process, and a
//! graphics driver that fails may crash or hang the process that called it. So each renderer
//! gets a fresh process, and this one stays clean to try the next, or to tell the clerk.
//!
//! How a window process reports (events first, a clock only for a hang):
//! - it prints [`READY_LINE`] on its standard output once its first frame has been drawn and
//!   shown (see `crate::ui::launch`);
//! - its exit status says how it ended: 0 when the clerk closed the window;
//! - a process that neither draws nor exits within [`FIRST_FRAME_TIMEOUT`] is stopped.

use std::ffi::OsString;
use std::io::{BufRead as _, Write as _};
use std::path::PathBuf;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::renderer::{Renderer, RendererMemory};
use crate::logging::RENDERER_VAR;

/// Set by the supervisor for the window processes it starts: they report their first frame on
/// standard output.
pub const SUPERVISED_VAR: &str = "CLERKCHECK_SUPERVISED";

/// Exit code of a window process whose renderer could not draw. (Not 3: that is what `abort()`
/// gives on Windows, which a graphics driver's failed assertion calls.)
pub const EXIT_RENDERER_FAILED: u8 = 4;

/// The line a window process prints on its standard output when its first frame is on screen.
pub const READY_LINE: &str = "clerkcheck-window-ready";

/// How long a window process may take to draw its first frame before it counts as hung. Far
/// more than any working renderer needs (under Wine on a busy 2-core machine a software
/// renderer takes a few seconds); only a hang waits this long.
pub const FIRST_FRAME_TIMEOUT: Duration = Duration::from_secs(45);

/// How one renderer's window process ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The window was drawn, and the process ended normally when the clerk closed it.
    Closed,
    /// The window was drawn, then the process failed (e.g. the graphics device was lost).
    LostAfterFirstFrame {
        /// How the process ended, in words.
        status: String,
    },
    /// The process ended without drawing a frame.
    FailedBeforeFirstFrame {
        /// How the process ended, in words.
        status: String,
    },
    /// No frame within the time allowed; the process was stopped.
    NoFirstFrame {
        /// How long it was given.
        waited: Duration,
    },
    /// The process could not be started at all.
    CouldNotStart {
        /// Why.
        error: String,
    },
}

impl Outcome {
    /// What happened, in words for the log and the results file.
    pub fn describe(&self) -> String {
        match self {
            Self::Closed => "drew the window; it was closed normally".to_owned(),
            Self::LostAfterFirstFrame { status } => {
                format!("drew the window, then failed ({status})")
            }
            Self::FailedBeforeFirstFrame { status } => {
                format!("could not draw the window ({status})")
            }
            Self::NoFirstFrame { waited } => format!(
                "drew nothing within {} seconds and was stopped",
                waited.as_secs()
            ),
            Self::CouldNotStart { error } => format!("could not be started ({error})"),
        }
    }

    /// True when a window was on screen at some point.
    pub fn drew(&self) -> bool {
        matches!(self, Self::Closed | Self::LostAfterFirstFrame { .. })
    }
}

/// One renderer tried and how it went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// The renderer.
    pub renderer: Renderer,
    /// How its window process ended.
    pub outcome: Outcome,
}

/// Starts a window process for one renderer and waits for it to end.
pub trait Launcher {
    /// Runs the window with `renderer`; calls `on_first_frame` as soon as a frame is on screen.
    fn launch(&self, renderer: Renderer, on_first_frame: &mut dyn FnMut()) -> Outcome;
}

/// How supervision ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Supervised {
    /// A window was open and the clerk closed it.
    Closed {
        /// The renderer that drew it.
        renderer: Renderer,
        /// The renderers that failed before it.
        failed: Vec<Attempt>,
    },
    /// No renderer could keep a window open.
    NothingDrew {
        /// Every renderer tried, in order.
        attempts: Vec<Attempt>,
    },
}

/// Tries the renderers in `order` until one draws a window that is then closed normally.
///
/// The renderer that draws is remembered at once (so a start that is interrupted still helps the
/// next); a remembered renderer that fails is forgotten. A window that dies after drawing is
/// opened again with the next renderer; each renderer is tried at most once.
pub fn supervise(
    launcher: &dyn Launcher,
    order: &[Renderer],
    remembered: Option<Renderer>,
    memory: &RendererMemory,
) -> Supervised {
    let mut attempts = Vec::new();
    for &renderer in order {
        log::info!("trying renderer {renderer}: {}", renderer.describe());
        let started = Instant::now();
        let mut drew = false;
        let outcome = launcher.launch(renderer, &mut || {
            drew = true;
            log::info!(
                "renderer {renderer} drew the window {} ms after it was started",
                started.elapsed().as_millis()
            );
            if remembered != Some(renderer) {
                memory.remember(renderer);
            }
        });
        if outcome == Outcome::Closed {
            log::info!("the window ({renderer}) was closed normally");
            return Supervised::Closed {
                renderer,
                failed: attempts,
            };
        }
        log::error!("renderer {renderer} {}", outcome.describe());
        if drew || remembered == Some(renderer) {
            memory.forget();
        }
        attempts.push(Attempt { renderer, outcome });
    }
    Supervised::NothingDrew { attempts }
}

/// Starts this program again with the same arguments, naming the renderer to use.
#[derive(Debug, Clone)]
pub struct SelfLauncher {
    exe: PathBuf,
    args: Vec<OsString>,
    first_frame_timeout: Duration,
}

impl SelfLauncher {
    /// This executable with this process's arguments.
    pub fn current() -> std::io::Result<Self> {
        Ok(Self {
            exe: std::env::current_exe()?,
            args: std::env::args_os().skip(1).collect(),
            first_frame_timeout: FIRST_FRAME_TIMEOUT,
        })
    }
}

/// What the thread reading a window process's output tells the supervisor.
enum Report {
    Ready,
    Ended,
}

impl Launcher for SelfLauncher {
    fn launch(&self, renderer: Renderer, on_first_frame: &mut dyn FnMut()) -> Outcome {
        let spawned = Command::new(&self.exe)
            .args(&self.args)
            .env(RENDERER_VAR, renderer.as_str())
            .env(SUPERVISED_VAR, "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn();
        let mut child = match spawned {
            Ok(child) => child,
            Err(err) => {
                return Outcome::CouldNotStart {
                    error: format!("{}: {err}", self.exe.display()),
                };
            }
        };
        log::info!("window process {} started for {renderer}", child.id());
        #[cfg(windows)]
        allow_to_come_forward(child.id());
        if let Some(stderr) = child.stderr.take() {
            pass_on_stderr(stderr, renderer);
        }
        let (tx, rx) = mpsc::channel();
        if let Some(stdout) = child.stdout.take() {
            let reader = std::thread::Builder::new()
                .name(format!("watch {renderer}"))
                .spawn(move || {
                    // Reads to the end, so the window process never blocks on a full pipe.
                    for line in std::io::BufReader::new(stdout).lines() {
                        match line {
                            Ok(line) if line.trim() == READY_LINE => {
                                if tx.send(Report::Ready).is_err() {
                                    break;
                                }
                            }
                            Ok(line) => log::debug!("window process said: {line}"),
                            Err(_) => break,
                        }
                    }
                    // The supervisor may have stopped listening; nothing is lost then.
                    drop(tx.send(Report::Ended));
                });
            if let Err(err) = reader {
                log::error!("could not start the thread watching the window process: {err}");
            }
        }
        match rx.recv_timeout(self.first_frame_timeout) {
            Ok(Report::Ready) => {
                on_first_frame();
                match child.wait() {
                    Ok(status) if status.success() => Outcome::Closed,
                    Ok(status) => Outcome::LostAfterFirstFrame {
                        status: describe_status(status),
                    },
                    Err(err) => Outcome::LostAfterFirstFrame {
                        status: format!("its end could not be read: {err}"),
                    },
                }
            }
            Ok(Report::Ended) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                let status = child.wait().map_or_else(
                    |e| format!("its end could not be read: {e}"),
                    describe_status,
                );
                Outcome::FailedBeforeFirstFrame { status }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                log::error!(
                    "window process {} drew nothing in {} s; stopping it",
                    child.id(),
                    self.first_frame_timeout.as_secs()
                );
                if let Err(err) = child.kill() {
                    log::error!("could not stop the window process: {err}");
                }
                if let Err(err) = child.wait() {
                    log::error!("could not wait for the window process: {err}");
                }
                Outcome::NoFirstFrame {
                    waited: self.first_frame_timeout,
                }
            }
        }
    }
}

/// Lets the window process bring its window to the front. Windows lets only the process the
/// clerk just started (this one) take the foreground; without this, the window could open
/// behind others, with only a flashing taskbar button.
#[cfg(windows)]
fn allow_to_come_forward(pid: u32) {
    use windows_sys::Win32::UI::WindowsAndMessaging::AllowSetForegroundWindow;
    #[expect(
        unsafe_code,
        reason = "AllowSetForegroundWindow is a plain Win32 call with no safe wrapper"
    )]
    // SAFETY: AllowSetForegroundWindow takes a process id by value and no pointers; it only
    // changes which process Windows lets set the foreground window.
    let allowed = unsafe { AllowSetForegroundWindow(pid) };
    if allowed == 0 {
        log::info!(
            "Windows did not let the window process come to the front: {}",
            std::io::Error::last_os_error()
        );
    }
}

/// Passes what a window process writes on its standard error to ours (a terminal, if any) and
/// into the log: a graphics driver's assertion or a library's complaint is often the only
/// account of why a renderer failed.
fn pass_on_stderr(stderr: std::process::ChildStderr, renderer: Renderer) {
    let spawned = std::thread::Builder::new()
        .name(format!("stderr {renderer}"))
        .spawn(move || {
            for line in std::io::BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if line.trim().is_empty() {
                    continue;
                }
                log::info!("window process ({renderer}) wrote: {line}");
                // Started by a double-click there is no terminal; the log has the line.
                drop(writeln!(std::io::stderr().lock(), "{line}"));
            }
        });
    if let Err(err) = spawned {
        log::error!("could not start the thread reading the window process's errors: {err}");
    }
}

/// An exit status in words: "exit code 3", "exit code 0xC0000005", "killed by signal 11".
fn describe_status(status: ExitStatus) -> String {
    match status.code() {
        // Windows reports crashes as NTSTATUS codes, which are read in hexadecimal.
        Some(code) if cfg!(windows) && code < 0 => {
            format!("exit code {:#010X}", code.cast_unsigned())
        }
        // The C runtime's `abort()` on Windows (a failed assertion in a graphics driver).
        Some(3) if cfg!(windows) => "exit code 3: it aborted".to_owned(),
        Some(code) => format!("exit code {code}"),
        None => status_without_code(status),
    }
}

#[cfg(unix)]
fn status_without_code(status: ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt as _;
    status.signal().map_or_else(
        || "ended without an exit code".to_owned(),
        |s| format!("killed by signal {s}"),
    )
}

#[cfg(not(unix))]
fn status_without_code(_status: ExitStatus) -> String {
    "ended without an exit code".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::collections::HashMap;

    /// A launcher whose renderers end as told, recording what was launched.
    struct Fake {
        outcomes: HashMap<Renderer, Outcome>,
        launched: RefCell<Vec<Renderer>>,
    }

    impl Fake {
        fn new(outcomes: &[(Renderer, Outcome)]) -> Self {
            Self {
                outcomes: outcomes.iter().cloned().collect(),
                launched: RefCell::new(Vec::new()),
            }
        }
    }

    impl Launcher for Fake {
        fn launch(&self, renderer: Renderer, on_first_frame: &mut dyn FnMut()) -> Outcome {
            self.launched.borrow_mut().push(renderer);
            let outcome = self.outcomes.get(&renderer).cloned().unwrap_or_else(|| {
                Outcome::FailedBeforeFirstFrame {
                    status: "exit code 3".to_owned(),
                }
            });
            if outcome.drew() {
                on_first_frame();
            }
            outcome
        }
    }

    fn failed() -> Outcome {
        Outcome::FailedBeforeFirstFrame {
            status: "exit code 3".to_owned(),
        }
    }

    fn lost() -> Outcome {
        Outcome::LostAfterFirstFrame {
            status: "exit code 101".to_owned(),
        }
    }

    #[test]
    fn the_first_renderer_that_draws_is_used_and_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let memory = RendererMemory::at(dir.path().join("renderer.ron"));
        let fake = Fake::new(&[(Renderer::WgpuGl, Outcome::Closed)]);
        let result = supervise(&fake, &Renderer::ALL, None, &memory);
        let Supervised::Closed { renderer, failed } = result else {
            panic!("{result:?}");
        };
        assert_eq!(renderer, Renderer::WgpuGl);
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].renderer, Renderer::WgpuPrimary);
        assert_eq!(
            *fake.launched.borrow(),
            [Renderer::WgpuPrimary, Renderer::WgpuGl]
        );
        assert_eq!(memory.load(), Some(Renderer::WgpuGl));
    }

    #[test]
    fn a_window_that_loses_its_device_counts_as_failed_and_is_forgotten() {
        // The Direct3D 12 case: the window opens, then "Parent device is lost".
        let dir = tempfile::tempdir().unwrap();
        let memory = RendererMemory::at(dir.path().join("renderer.ron"));
        memory.remember(Renderer::WgpuPrimary);
        let fake = Fake::new(&[
            (Renderer::WgpuPrimary, lost()),
            (Renderer::WgpuGl, failed()),
            (Renderer::WgpuSoftware, Outcome::Closed),
        ]);
        let result = supervise(&fake, &Renderer::ALL, Some(Renderer::WgpuPrimary), &memory);
        assert!(
            matches!(
                result,
                Supervised::Closed {
                    renderer: Renderer::WgpuSoftware,
                    ..
                }
            ),
            "{result:?}"
        );
        assert_eq!(memory.load(), Some(Renderer::WgpuSoftware));
    }

    #[test]
    fn a_remembered_renderer_that_fails_is_forgotten_even_when_nothing_else_draws() {
        let dir = tempfile::tempdir().unwrap();
        let memory = RendererMemory::at(dir.path().join("renderer.ron"));
        memory.remember(Renderer::Glow);
        let fake = Fake::new(&[]);
        let order =
            super::super::renderer::attempt_order(crate::checks::Os::Windows, Some(Renderer::Glow));
        let result = supervise(&fake, &order, Some(Renderer::Glow), &memory);
        let Supervised::NothingDrew { attempts } = result else {
            panic!("{result:?}");
        };
        assert_eq!(
            attempts.iter().map(|a| a.renderer).collect::<Vec<_>>(),
            order,
            "every renderer is tried once"
        );
        assert_eq!(memory.load(), None);
    }

    #[test]
    fn a_window_that_dies_after_drawing_with_every_renderer_ends_in_nothing_drew() {
        let dir = tempfile::tempdir().unwrap();
        let memory = RendererMemory::at(dir.path().join("renderer.ron"));
        let fake = Fake::new(&Renderer::ALL.map(|r| (r, lost())));
        let result = supervise(&fake, &Renderer::ALL, None, &memory);
        let Supervised::NothingDrew { attempts } = result else {
            panic!("{result:?}");
        };
        assert!(attempts.iter().all(|a| a.outcome.drew()));
        assert_eq!(memory.load(), None);
    }

    #[test]
    fn outcomes_are_described_in_words() {
        assert_eq!(
            lost().describe(),
            "drew the window, then failed (exit code 101)"
        );
        assert_eq!(
            Outcome::NoFirstFrame {
                waited: Duration::from_secs(45)
            }
            .describe(),
            "drew nothing within 45 seconds and was stopped"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_self_launcher_reads_the_ready_line_and_the_exit_status() {
        // `sh -c` stands in for the window process: the renderer's name arrives in the
        // environment, the ready line on standard output.
        let launcher = |script: &str| SelfLauncher {
            exe: PathBuf::from("/bin/sh"),
            args: vec!["-c".into(), script.into()],
            first_frame_timeout: Duration::from_secs(30),
        };
        let mut ready = 0;
        let ok = launcher(&format!(
            r#"test "${RENDERER_VAR}" = glow && test "${SUPERVISED_VAR}" = 1 && echo {READY_LINE}"#
        ));
        assert_eq!(
            ok.launch(Renderer::Glow, &mut || ready += 1),
            Outcome::Closed
        );
        assert_eq!(ready, 1);
        let lost = launcher(&format!("echo {READY_LINE}; exit 101"));
        assert_eq!(
            lost.launch(Renderer::Glow, &mut || ready += 1),
            Outcome::LostAfterFirstFrame {
                status: "exit code 101".to_owned()
            }
        );
        let failed = launcher("echo starting; exit 3");
        assert_eq!(
            failed.launch(Renderer::Glow, &mut || ready += 1),
            Outcome::FailedBeforeFirstFrame {
                status: "exit code 3".to_owned()
            }
        );
        assert_eq!(ready, 2);
    }

    #[cfg(unix)]
    #[test]
    fn a_window_process_that_hangs_is_stopped() {
        let launcher = SelfLauncher {
            exe: PathBuf::from("/bin/sh"),
            args: vec!["-c".into(), "exec sleep 600".into()],
            first_frame_timeout: Duration::from_millis(200),
        };
        assert_eq!(
            launcher.launch(Renderer::WgpuPrimary, &mut || {}),
            Outcome::NoFirstFrame {
                waited: Duration::from_millis(200)
            }
        );
    }

    #[test]
    fn a_program_that_does_not_exist_could_not_start() {
        let launcher = SelfLauncher {
            exe: PathBuf::from("/nonexistent/clerkcheck"),
            args: Vec::new(),
            first_frame_timeout: Duration::from_secs(1),
        };
        assert!(matches!(
            launcher.launch(Renderer::Glow, &mut || {}),
            Outcome::CouldNotStart { .. }
        ));
    }
}
