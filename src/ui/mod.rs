//! The desktop app (egui). The only module that imports egui; it never does I/O on the frame.
//!
//! - [`app`]: the app state, its [`Command`](app::Command)s and the one place they are applied.
//! - [`theme`]: colours, spacing and text sizes (design tokens), status icons and words.
//! - One file per panel: [`signer`], [`checklist`], [`signoff`], [`history`].
//! - [`session`]: the sign-off in progress and its pure rules (progress, summary).
//! - [`worker`]: the background threads (files, dialogs, checks) and their messages.
//! - [`launch`]: opening the window with one renderer, and reporting its first frame.

pub mod app;
pub mod checklist;
pub mod history;
pub mod launch;
pub mod session;
pub mod signer;
pub mod signoff;
pub mod theme;
pub mod worker;

use std::sync::Arc;

pub use app::App;
pub use worker::Dialogs;

use crate::checks::{CheckSource, SystemChecks};
use crate::paths::DataDir;
use crate::records::Computer;

/// Where the time of signing comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The system clock and local time zone.
    System,
    /// A fixed moment (tests, so records and screens do not change between runs).
    Fixed(chrono::DateTime<chrono::FixedOffset>),
}

impl Clock {
    /// Now, in UTC, and the local offset from UTC in minutes.
    #[must_use]
    pub fn now(self) -> (chrono::DateTime<chrono::Utc>, i32) {
        match self {
            Self::System => {
                let local = chrono::Local::now();
                (
                    local.with_timezone(&chrono::Utc),
                    local.offset().local_minus_utc() / 60,
                )
            }
            Self::Fixed(at) => (
                at.with_timezone(&chrono::Utc),
                at.offset().local_minus_utc() / 60,
            ),
        }
    }
}

/// What the app is built with. Tests inject fake checks, a fixed computer and clock, and
/// dialogs that answer themselves.
#[derive(Clone)]
pub struct AppConfig {
    /// The data directory (checklists, policy, draft, records).
    pub data_dir: DataDir,
    /// Runs the automatic checks.
    pub checks: Arc<dyn CheckSource>,
    /// This computer, or `None` to ask the system (off the UI thread).
    pub computer: Option<Computer>,
    /// The time of signing.
    pub clock: Clock,
    /// How save dialogs are answered.
    pub dialogs: Dialogs,
    /// When the process started, to log the time to the first frame (`CLERKCHECK_TIMING=1`).
    pub timing_start: Option<std::time::Instant>,
}

impl AppConfig {
    /// The real thing: checks of this computer, the system clock, native dialogs.
    #[must_use]
    pub fn new(data_dir: DataDir) -> Self {
        Self {
            data_dir,
            checks: Arc::new(SystemChecks),
            computer: None,
            clock: Clock::System,
            dialogs: Dialogs::Native,
            timing_start: None,
        }
    }
}
