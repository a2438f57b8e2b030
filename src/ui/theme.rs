//! Design tokens: every colour, spacing and text size the app uses, in one place.
//!
//! Status is always shown three ways at once: an icon, a word and a colour, so no one has to
//! tell colours apart to read it.

use egui::{Color32, RichText, Theme};

use crate::checks::Verdict;
use crate::records::{ItemStatus, Severity};

/// Space between blocks (sections, panels), in points.
pub const BLOCK_GAP: f32 = 12.0;
/// Space between rows inside a block, in points.
pub const ROW_GAP: f32 = 6.0;
/// Indentation of an item's details under its title, in points.
pub const DETAIL_INDENT: f32 = 24.0;
/// Width of single-line text fields (names, reasons), in points.
pub const FIELD_WIDTH: f32 = 320.0;
/// Width of the wide text fields (notes, the signature), in points.
pub const WIDE_FIELD_WIDTH: f32 = 460.0;
/// Body text size, in points (egui's default is 12.5; clerks read long texts here).
pub const BODY_SIZE: f32 = 14.0;
/// Heading text size, in points.
pub const HEADING_SIZE: f32 = 20.0;
/// Small print (evidence, sources), in points.
pub const SMALL_SIZE: f32 = 12.5;
/// The smallest window size at which the app is still usable, in points.
pub const MIN_WINDOW: [f32; 2] = [720.0, 520.0];
/// The window size the app opens at, in points.
pub const START_WINDOW: [f32; 2] = [1100.0, 820.0];

/// How a state reads to the clerk: icon, word and colour, always all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Good: passed, done, intact.
    Good,
    /// Worth a look: a warning.
    Caution,
    /// Bad: failed, not done, altered.
    Bad,
    /// Not known: the check could not tell, or has not finished.
    Unknown,
    /// Neutral information: not applicable, pending.
    Neutral,
}

impl Tone {
    /// The colour for this tone in the given light or dark theme (contrast at least 4.5:1
    /// against the panel background of that theme).
    #[must_use]
    pub fn color(self, theme: Theme) -> Color32 {
        match (self, theme) {
            (Self::Good, Theme::Light) => Color32::from_rgb(0x1b, 0x6e, 0x20),
            (Self::Good, Theme::Dark) => Color32::from_rgb(0x7c, 0xd6, 0x80),
            (Self::Caution, Theme::Light) => Color32::from_rgb(0x8a, 0x50, 0x00),
            (Self::Caution, Theme::Dark) => Color32::from_rgb(0xf5, 0xc0, 0x4a),
            (Self::Bad, Theme::Light) => Color32::from_rgb(0xb0, 0x1e, 0x1e),
            (Self::Bad, Theme::Dark) => Color32::from_rgb(0xff, 0x8a, 0x80),
            (Self::Unknown, Theme::Light) => Color32::from_rgb(0x4a, 0x3f, 0x9e),
            (Self::Unknown, Theme::Dark) => Color32::from_rgb(0xb8, 0xae, 0xff),
            (Self::Neutral, Theme::Light) => Color32::from_rgb(0x50, 0x50, 0x50),
            (Self::Neutral, Theme::Dark) => Color32::from_rgb(0xc0, 0xc0, 0xc0),
        }
    }

    /// Paints this tone's icon in `rect`: a tick, a cross, a warning triangle, a question mark
    /// or a dash. Painted rather than taken from a font, so it never depends on which fonts the
    /// computer has.
    pub fn paint_icon(self, painter: &egui::Painter, rect: egui::Rect, color: Color32) {
        use egui::{Stroke, pos2};
        let c = rect.center();
        let r = rect.width().min(rect.height()) / 2.0 - 1.0;
        let stroke = Stroke::new(2.0, color);
        let at = |x: f32, y: f32| pos2(c.x + x * r, c.y + y * r);
        match self {
            Self::Good => {
                painter.circle_stroke(c, r, Stroke::new(1.5, color));
                painter.line(vec![at(-0.5, 0.0), at(-0.1, 0.4), at(0.5, -0.4)], stroke);
            }
            Self::Bad => {
                painter.circle_filled(c, r, color);
                let white = Stroke::new(2.0, Color32::WHITE);
                painter.line_segment([at(-0.4, -0.4), at(0.4, 0.4)], white);
                painter.line_segment([at(-0.4, 0.4), at(0.4, -0.4)], white);
            }
            Self::Caution => {
                painter.add(egui::Shape::closed_line(
                    vec![at(0.0, -0.95), at(0.95, 0.8), at(-0.95, 0.8)],
                    Stroke::new(1.5, color),
                ));
                painter.line_segment([at(0.0, -0.4), at(0.0, 0.25)], stroke);
                painter.circle_filled(at(0.0, 0.55), 1.2, color);
            }
            Self::Unknown => {
                painter.circle_stroke(c, r, Stroke::new(1.5, color));
                painter.text(
                    c,
                    egui::Align2::CENTER_CENTER,
                    "?",
                    egui::FontId::proportional(r * 1.6),
                    color,
                );
            }
            Self::Neutral => {
                painter.circle_stroke(c, r, Stroke::new(1.5, color));
                painter.line_segment([at(-0.45, 0.0), at(0.45, 0.0)], stroke);
            }
        }
    }

    /// Shows `icon word`: the painted icon and the word in this tone's colour. The word is the
    /// accessible label; the icon is decoration that repeats it.
    pub fn show(self, ui: &mut egui::Ui, word: &str) -> egui::Response {
        let color = self.color(ui.ctx().theme());
        ui.horizontal(|ui| {
            let size = ui.text_style_height(&egui::TextStyle::Body);
            let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
            self.paint_icon(ui.painter(), rect, color);
            let label = egui::Label::new(RichText::new(word).color(color).strong());
            // Short words stay whole (they sit in table cells); long messages wrap.
            if word.chars().count() > 40 {
                ui.add(label.wrap())
            } else {
                ui.add(label.extend())
            }
        })
        .inner
    }
}

/// The tone of a check's verdict.
#[must_use]
pub fn verdict_tone(verdict: Verdict) -> Tone {
    match verdict {
        Verdict::Pass => Tone::Good,
        Verdict::Warn => Tone::Caution,
        Verdict::Fail => Tone::Bad,
        Verdict::Unknown => Tone::Unknown,
    }
}

/// The tone of an item's status (from its severity, defined once in `records::status`).
#[must_use]
pub fn status_tone(status: ItemStatus) -> Tone {
    match status.severity() {
        Severity::Good => Tone::Good,
        Severity::Warning => Tone::Caution,
        Severity::Problem => Tone::Bad,
        Severity::Open => Tone::Unknown,
        Severity::NotApplicable => Tone::Neutral,
    }
}

/// Applies the app's text sizes and spacing to both the light and the dark style, and follows
/// the system's light or dark setting. Ctrl +/− zoom stays on (egui's default).
pub fn apply(ctx: &egui::Context) {
    ctx.set_theme(egui::ThemePreference::System);
    ctx.options_mut(|o| o.zoom_with_keyboard = true);
    ctx.all_styles_mut(|style| {
        use egui::{FontFamily, FontId, TextStyle};
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(HEADING_SIZE, FontFamily::Proportional),
            ),
            (
                TextStyle::Body,
                FontId::new(BODY_SIZE, FontFamily::Proportional),
            ),
            (
                TextStyle::Button,
                FontId::new(BODY_SIZE, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(SMALL_SIZE, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(SMALL_SIZE, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, ROW_GAP);
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
        style.spacing.interact_size.y = 24.0;
    });
}

/// Small, weak text (evidence, sources, hints).
pub fn small(text: impl Into<String>) -> RichText {
    RichText::new(text).size(SMALL_SIZE)
}

/// A panel heading.
pub fn heading(text: impl Into<String>) -> RichText {
    RichText::new(text).size(HEADING_SIZE).strong()
}

/// A section title inside a panel.
pub fn section_title(text: impl Into<String>) -> RichText {
    RichText::new(text).size(BODY_SIZE + 2.0).strong()
}
