//! clerkcheck: an election office's security self-check and signed certification.
//!
//! The folders show the architecture; arrows point one way, front ends → session → domain:
//! - [`ui`]: the egui desktop app (the only module that imports egui), and [`cli`]: the command
//!   line. Each keeps only its presentation.
//! - [`session`]: the sign-off core both front ends call (the self-check in progress, answers and
//!   draft, signing rules, the host: this computer and the clock).
//! - [`checklist`]: the checklist files, turned into checked types once, at the boundary.
//! - [`checks`]: automatic checks of this computer (probe → facts → shared rule → finding).
//! - [`records`]: signed-off records on disk (status vocabulary, seal, store, chain, history).
//! - [`calendar`]: Wisconsin's election calendar and what is due.
//! - [`report`]: the certification PDF, only from a record that verified as intact.
//! - [`policy`], [`paths`]: the office's policy file; the data and settings folders.
//! - `files`: the one place files are read and written (capped, regular files only, atomic).
//! - [`assets`]: files built into the program (the app icon).
//! - [`startup`]: finding a renderer that can draw the window, and telling the clerk when none can.
//! - [`logging`]: the log file in the data folder.
//!
//! Domain modules never name egui, the window or the command line, there are no import circles,
//! and only `files` touches files: `tests/architecture.rs` fails otherwise.

pub mod assets;
pub mod calendar;
pub mod checklist;
pub mod checks;
pub mod cli;
pub mod exit;
pub(crate) mod files;
pub mod logging;
pub mod paths;
pub mod policy;
pub mod records;
pub mod report;
pub mod session;
pub mod startup;
#[cfg(feature = "test-support")]
pub mod testing;
pub mod ui;

/// The version of this program, as written into records and certifications.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
