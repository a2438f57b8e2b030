//! clerkcheck: an election office's security self-check and signed certification.
//!
//! The folders show the architecture:
//! - [`checklist`]: the checklist files, turned into checked types once, at the boundary.
//! - [`checks`]: automatic checks of this computer (probe → parser → verdict).
//! - [`records`]: signed-off records on disk (atomic store, hash chain, history).
//! - [`report`]: the certification PDF made from a saved record.
//! - [`ui`]: the egui desktop app (the only module that imports egui).
//! - [`cli`]: the command line.
//! - [`files`]: reading and writing files safely (capped, regular files only, atomic).
//! - [`assets`]: files built into the program (the app icon).
//! - [`startup`]: finding a renderer that can draw the window, and telling the clerk when none can.
//! - [`logging`]: the log file in the data folder.
//!
//! Domain modules (`checklist`, `checks`, `records`, `report`, `paths`) never import egui; a test
//! (`tests/architecture.rs`) fails if one does.

pub mod assets;
pub mod checklist;
pub mod checks;
pub mod cli;
pub mod files;
pub mod logging;
pub mod paths;
pub mod records;
pub mod report;
pub mod startup;
pub mod ui;

/// The version of this program, as written into records and certifications.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
