//! The desktop app (egui). The only module that imports egui; it never does I/O on the frame.
//!
//! The sign-off itself (state, rules, draft) lives in [`crate::session`]; this module only shows
//! it and sends work to the background.
//!
//! - [`command`]: what panels ask for ([`Command`](command::Command)) and the screens.
//! - [`config`]: what the app is built with (real or test checks, host, dialogs).
//! - [`app`]: the app state and the one place commands are applied.
//! - [`chrome`]: the top bar, notices and status bar around the screens.
//! - [`keyboard`]: shortcuts, page keys, the focus kept in view, the focus ring.
//! - [`theme`]: colours, spacing and text sizes (design tokens), status icons and words, and
//!   the contrast of every text colour.
//! - One file per panel: [`overview`], [`signer`], [`checklist`], [`signoff`], [`history`],
//!   [`help`].
//! - [`launch`]: opening the window with one renderer, and reporting its first frame.
//! - [`worker`]: the background threads (files, dialogs, checks) and their messages.

pub mod app;
pub mod checklist;
pub mod chrome;
pub mod command;
pub mod config;
pub mod help;
pub mod history;
pub mod keyboard;
pub mod launch;
pub mod overview;
pub mod signer;
pub mod signoff;
pub mod theme;
pub mod worker;

pub use app::App;
pub use config::AppConfig;
pub use worker::Dialogs;
