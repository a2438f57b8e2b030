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
//! - [`worker`]: the background threads (files, dialogs, checks) and their messages.

pub mod app;
pub mod checklist;
pub mod chrome;
pub mod command;
pub mod config;
pub mod help;
pub mod history;
pub mod keyboard;
pub mod overview;
pub mod signer;
pub mod signoff;
pub mod theme;
pub mod worker;

pub use app::App;
pub use config::AppConfig;
pub use worker::Dialogs;

use crate::paths::DataDir;

/// Opens the app window and runs until it is closed.
pub fn run(data_dir: DataDir) -> anyhow::Result<()> {
    let mut config = AppConfig::new(data_dir);
    if std::env::var_os("CLERKCHECK_TIMING").is_some_and(|v| v == "1") {
        config.timing_start = Some(process_start());
    }
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("clerkcheck — Election office security self-check")
        .with_app_id("clerkcheck")
        .with_inner_size(theme::START_WINDOW)
        .with_min_inner_size(theme::MIN_WINDOW);
    // The icon is compiled in and tested (tests/release_assets.rs); should it ever fail to
    // decode, the window opens with the system's default icon rather than not at all.
    match eframe::icon_data::from_png_bytes(crate::assets::APP_ICON_PNG) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(err) => log::warn!("the window icon could not be decoded: {err}"),
    }
    let options = eframe::NativeOptions {
        viewport,
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "clerkcheck",
        options,
        Box::new(move |cc| Ok(Box::new(App::new(cc, config)))),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))
}

/// When the process started, as close as we can tell: the first time this is called, which
/// `run` does before anything else of the window is made.
fn process_start() -> std::time::Instant {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    *START.get_or_init(std::time::Instant::now)
}
