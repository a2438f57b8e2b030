//! Files built into the program: the app icon.
//!
//! The icon's source is `assets/icon/clerkcheck.svg`; `scripts/make-icons.sh` renders the PNG and
//! ICO sizes next to it (committed, so building needs no image tools).

/// The app icon, 256 × 256 pixels, as PNG bytes: for the window and taskbar icon
/// (`egui::ViewportBuilder::with_icon(eframe::icon_data::from_png_bytes(APP_ICON_PNG)?)`).
pub const APP_ICON_PNG: &[u8] = include_bytes!("../assets/icon/clerkcheck-256.png");
