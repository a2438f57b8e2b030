//! What the app is built with: the real checks, host and dialogs, or test ones.

use std::sync::Arc;

use crate::checks::{CheckSource, SystemChecks};
use crate::paths::DataDir;
use crate::session::Host;

use super::worker::Dialogs;

/// What the app is built with. Tests inject fake checks, a fixed host (computer and clock), and
/// dialogs that answer themselves.
#[derive(Clone)]
pub struct AppConfig {
    /// The data directory (checklists, policy, draft, records).
    pub data_dir: DataDir,
    /// Runs the automatic checks.
    pub checks: Arc<dyn CheckSource>,
    /// This computer and its clock, or `None` to ask the system (off the UI thread).
    pub host: Option<Host>,
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
            host: None,
            dialogs: Dialogs::Native,
            timing_start: None,
        }
    }
}
