//! Starting the app without a window toolkit: which renderer draws the window, what to do when
//! none can, and how the clerk is told. (The window itself is opened by `crate::ui::launch`;
//! nothing here imports egui.)
//!
//! Double-clicked, the program becomes the [`supervisor`]: it starts itself again with one
//! renderer at a time ([`renderer::Renderer`]) until one draws, and remembers that one for the
//! next start. When none can draw, the automatic checks are still run and saved as a text file
//! ([`fallback`]), and a native [`message_box`] says what happened, where the results and the
//! log are, and whom to ask. The program never ends silently.

pub mod fallback;
pub mod message_box;
pub mod renderer;
pub mod supervisor;

pub use renderer::Renderer;
use renderer::RendererMemory;
use supervisor::{SelfLauncher, Supervised};

use crate::checks::Os;
use crate::paths::DataDir;

pub use crate::logging::RENDERER_VAR;
pub use supervisor::{EXIT_RENDERER_FAILED, SUPERVISED_VAR};

/// What this process is to do when asked to open the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Find a renderer that works by starting window processes; tell the clerk if none does.
    Supervisor,
    /// Open the window with this renderer.
    Window {
        /// The renderer.
        renderer: Renderer,
        /// Started by a supervisor, which waits for the first-frame line.
        supervised: bool,
    },
}

impl Role {
    /// The role from the environment ([`RENDERER_VAR`], [`SUPERVISED_VAR`]); an unknown renderer
    /// name is an error naming the known ones.
    pub fn from_env() -> anyhow::Result<Self> {
        let Some(name) = std::env::var_os(RENDERER_VAR) else {
            return Ok(Self::Supervisor);
        };
        let name = name.to_string_lossy();
        let renderer = Renderer::from_name(&name).ok_or_else(|| {
            anyhow::anyhow!(
                "{RENDERER_VAR}={name:?} is not a renderer; use one of: {}",
                Renderer::names()
            )
        })?;
        Ok(Self::Window {
            renderer,
            supervised: std::env::var_os(SUPERVISED_VAR).is_some_and(|v| v == "1"),
        })
    }
}

/// In a window process started by the supervisor: asks Linux to end this process (SIGTERM) when
/// the supervisor ends, so that whoever stops the program they started (a script, the session)
/// stops its window too. Other systems leave the window open, which is harmless.
pub fn end_with_supervisor() {
    #[cfg(target_os = "linux")]
    {
        let signal = libc::c_ulong::from(libc::SIGTERM.cast_unsigned());
        #[expect(
            unsafe_code,
            reason = "prctl is a plain system call with no safe wrapper"
        )]
        // SAFETY: prctl(PR_SET_PDEATHSIG, signal) takes integers only, no pointers; it only sets
        // which signal the kernel sends this process when the thread that started it ends (the
        // supervisor's main thread, which lives as long as the supervisor).
        let result = unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, signal) };
        if result != 0 {
            log::warn!(
                "could not tie the window to the supervisor: {}",
                std::io::Error::last_os_error()
            );
        }
    }
}

/// False where there is certainly no display (a Unix session without X11 or Wayland).
pub fn display_available() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
}

/// The supervisor: opens the window through the renderer chain; when nothing can draw, runs
/// the checks, saves them, and shows the message. Returns the exit code: the window's (0 when
/// it was closed normally), or 1 when it could not be kept open.
pub fn run_supervisor(data: &DataDir) -> u8 {
    let memory = RendererMemory::platform_default();
    let remembered = memory.load();
    let order = renderer::attempt_order(Os::current(), remembered);
    match remembered {
        Some(r) => log::info!("renderer {r} worked last time; trying it first"),
        None => log::info!(
            "no renderer remembered; trying {}",
            order
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
    let attempts = match SelfLauncher::current() {
        Ok(launcher) => match supervisor::supervise(&launcher, &order, remembered, &memory) {
            Supervised::Closed { .. } => return crate::exit::EXIT_OK,
            Supervised::NothingDrew { attempts } => attempts,
        },
        Err(err) => {
            log::error!("cannot find this program to start its window: {err}");
            vec![supervisor::Attempt {
                renderer: order.first().copied().unwrap_or(Renderer::WgpuPrimary),
                outcome: supervisor::Outcome::CouldNotStart {
                    error: err.to_string(),
                },
            }]
        }
    };
    tell_nothing_could_draw(data, &attempts);
    crate::exit::EXIT_FAILED
}

/// Runs the checks, saves them as text, and tells the clerk (message box, and stderr for a
/// terminal).
fn tell_nothing_could_draw(data: &DataDir, attempts: &[supervisor::Attempt]) {
    log::error!(
        "no renderer could keep the window open ({} tried); running the checks without it",
        attempts.len()
    );
    let log_file = crate::logging::init(data);
    let saved = fallback::run_checks_and_save(data, attempts, log_file.as_deref());
    let text = fallback::message_text(attempts, &saved, log_file.as_deref());
    print_to_terminal(&text);
    match message_box::show_error(fallback::MESSAGE_TITLE, &text) {
        Ok(how) => log::info!("the clerk was told with a message box ({how})"),
        Err(err) => log::error!("no message box could be shown: {err}"),
    }
}

/// Prints the message for a terminal, if the program was started from one (double-clicked on
/// Windows there is none, and this goes nowhere).
#[expect(
    clippy::print_stderr,
    reason = "the same message as the box, for someone who started the program from a terminal"
)]
fn print_to_terminal(text: &str) {
    eprintln!("clerkcheck: {}\n{text}", fallback::MESSAGE_TITLE);
}
