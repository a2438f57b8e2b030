//! Design tokens: every colour, spacing and text size the app uses, in one place.
//!
//! Status is always shown three ways at once: an icon, a word and a colour, so no one has to
//! tell colours apart to read it. Every text colour is chosen against every background it is
//! drawn on; [`contrast::pairs`] lists those pairs and a test holds each to WCAG's 4.5:1.

pub mod contrast;

use egui::{Color32, CornerRadius, RichText, Stroke, Theme};
use serde::{Deserialize, Serialize};

use crate::checks::Verdict;
use crate::records::{ItemStatus, Severity};

/// Space between blocks (sections, panels), in points.
pub const BLOCK_GAP: f32 = 12.0;
/// Space between rows inside a block, in points.
pub const ROW_GAP: f32 = 6.0;
/// Width of single-line text fields (names, reasons), in points.
pub const FIELD_WIDTH: f32 = 320.0;
/// Width of the wide text fields (notes, the signature), in points.
pub const WIDE_FIELD_WIDTH: f32 = 460.0;
/// Width of a date field in History, in points.
pub const DATE_FIELD_WIDTH: f32 = 110.0;
/// Body text size, in points (egui's default is 12.5; clerks read long texts here).
pub const BODY_SIZE: f32 = 15.0;
/// Secondary text (evidence, sources, hints), in points: never below 14.
pub const SMALL_SIZE: f32 = 14.0;
/// Heading text size, in points.
pub const HEADING_SIZE: f32 = 21.0;
/// Section title size, in points.
pub const SECTION_SIZE: f32 = 17.0;
/// The chart in History takes this share of the window's height (its plot area, without the
/// election names above it)…
pub const CHART_HEIGHT_SHARE: f32 = 0.36;
/// …but no less and no more than these, in points.
pub const CHART_HEIGHT_RANGE: (f32, f32) = (150.0, 240.0);
/// The radius of a point on the chart, in points.
pub const CHART_POINT_RADIUS: f32 = 4.5;
/// The width of a line on the chart, in points.
pub const CHART_LINE_WIDTH: f32 = 2.0;
/// How far from a point on the chart a click still opens its record, in points.
pub const CHART_CLICK_REACH: f32 = 12.0;
/// The width of the focus ring drawn around the control that has the keyboard focus, in points.
pub const FOCUS_RING_WIDTH: f32 = 2.5;
/// The smallest window size at which the app is still usable, in points.
pub const MIN_WINDOW: [f32; 2] = [720.0, 520.0];
/// The window size the app opens at, in points.
pub const START_WINDOW: [f32; 2] = [1100.0, 820.0];

/// The clerk's choice of light or dark, remembered as a preference.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the computer's light or dark setting (light when the computer does not say).
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemeChoice {
    /// Every choice, in the order shown.
    pub const ALL: [Self; 3] = [Self::System, Self::Light, Self::Dark];

    /// The words shown for the choice.
    pub fn label(self) -> &'static str {
        match self {
            Self::System => "Same as this computer",
            Self::Light => "Light",
            Self::Dark => "Dark",
        }
    }

    fn preference(self) -> egui::ThemePreference {
        match self {
            Self::System => egui::ThemePreference::System,
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// The colours of one theme. Text colours are named for what they are; backgrounds for where
/// they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// The window's background.
    pub panel: Color32,
    /// Every other row of a table.
    pub stripe: Color32,
    /// Tooltips and pop-ups.
    pub popup: Color32,
    /// Inside text fields.
    pub field: Color32,
    /// Body text.
    pub text: Color32,
    /// Secondary text: evidence, sources, hints and placeholders.
    pub weak_text: Color32,
    /// Strong text (titles, a pressed button).
    pub strong_text: Color32,
    /// Buttons: (text, background) at rest, under the pointer and pressed.
    pub button: [(Color32, Color32); 3],
    /// The edge of buttons, boxes and fields (at least 3:1 against the panel).
    pub edge: Color32,
    /// Separators and frames around groups.
    pub separator: Color32,
    /// The selected view button and selected text: (text, background).
    pub selected: (Color32, Color32),
    /// The focus ring.
    pub focus: Color32,
}

impl Palette {
    /// The palette of a theme.
    pub fn of(theme: Theme) -> Self {
        match theme {
            Theme::Light => Self {
                panel: Color32::from_gray(248),
                stripe: Color32::from_gray(236),
                popup: Color32::from_gray(252),
                field: Color32::WHITE,
                text: Color32::from_gray(28),
                weak_text: Color32::from_gray(84),
                strong_text: Color32::BLACK,
                button: [
                    (Color32::from_gray(20), Color32::from_gray(226)),
                    (Color32::BLACK, Color32::from_gray(212)),
                    (Color32::BLACK, Color32::from_gray(190)),
                ],
                edge: Color32::from_gray(118),
                separator: Color32::from_gray(180),
                selected: (
                    Color32::from_rgb(0x00, 0x33, 0x66),
                    Color32::from_rgb(0xc4, 0xdd, 0xff),
                ),
                focus: Color32::from_rgb(0x00, 0x4a, 0xc2),
            },
            Theme::Dark => Self {
                panel: Color32::from_gray(27),
                stripe: Color32::from_gray(38),
                popup: Color32::from_gray(34),
                field: Color32::from_gray(14),
                text: Color32::from_gray(232),
                weak_text: Color32::from_gray(184),
                strong_text: Color32::WHITE,
                button: [
                    (Color32::from_gray(235), Color32::from_gray(58)),
                    (Color32::WHITE, Color32::from_gray(72)),
                    (Color32::WHITE, Color32::from_gray(88)),
                ],
                edge: Color32::from_gray(140),
                separator: Color32::from_gray(80),
                selected: (Color32::WHITE, Color32::from_rgb(0x1f, 0x4e, 0x86)),
                focus: Color32::from_rgb(0xff, 0xd0, 0x40),
            },
        }
    }
}

/// The share of its normal opacity a disabled control keeps (egui's default is 0.5, which
/// leaves its text below 4.5:1).
pub const DISABLED_ALPHA: f32 = 0.7;

/// The egui visuals of a theme, built from its [`Palette`].
pub fn visuals(theme: Theme) -> egui::Visuals {
    let p = Palette::of(theme);
    let mut v = match theme {
        Theme::Light => egui::Visuals::light(),
        Theme::Dark => egui::Visuals::dark(),
    };
    v.panel_fill = p.panel;
    v.window_fill = p.popup;
    v.faint_bg_color = p.stripe;
    v.extreme_bg_color = p.field;
    v.text_edit_bg_color = Some(p.field);
    v.code_bg_color = p.stripe;
    v.weak_text_color = Some(p.weak_text);
    v.override_text_color = None;
    v.hyperlink_color = p.focus;
    v.warn_fg_color = Tone::Caution.color(theme);
    v.error_fg_color = Tone::Bad.color(theme);
    v.disabled_alpha = DISABLED_ALPHA;
    v.selection.bg_fill = p.selected.1;
    // The selection stroke is also the outline of a focused text field: as wide as the ring.
    v.selection.stroke = Stroke::new(FOCUS_RING_WIDTH, p.selected.0);
    v.text_cursor.stroke = Stroke::new(2.0, p.strong_text);
    let w = &mut v.widgets;
    w.noninteractive.bg_fill = p.panel;
    w.noninteractive.weak_bg_fill = p.panel;
    w.noninteractive.fg_stroke = Stroke::new(1.0, p.text);
    w.noninteractive.bg_stroke = Stroke::new(1.0, p.separator);
    for (visuals, (text, fill)) in [&mut w.inactive, &mut w.hovered, &mut w.active]
        .into_iter()
        .zip(p.button)
    {
        visuals.fg_stroke.color = text;
        visuals.weak_bg_fill = fill;
        visuals.bg_fill = fill;
        visuals.bg_stroke = Stroke::new(1.0, p.edge);
        visuals.corner_radius = CornerRadius::same(4);
    }
    // As wide as at rest, so a pressed or focused button does not shift its neighbours.
    w.active.bg_stroke = Stroke::new(1.0, p.strong_text);
    w.open.fg_stroke.color = p.button[1].0;
    w.open.weak_bg_fill = p.button[1].1;
    w.open.bg_fill = p.button[1].1;
    v
}

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
    /// Every tone.
    pub const ALL: [Self; 5] = [
        Self::Good,
        Self::Caution,
        Self::Bad,
        Self::Unknown,
        Self::Neutral,
    ];

    /// The colour for this tone in the given light or dark theme (at least 4.5:1 against every
    /// background of that theme; see [`contrast::pairs`]).
    #[must_use]
    pub fn color(self, theme: Theme) -> Color32 {
        match (self, theme) {
            (Self::Good, Theme::Light) => Color32::from_rgb(0x1b, 0x6b, 0x20),
            (Self::Good, Theme::Dark) => Color32::from_rgb(0x7c, 0xd6, 0x80),
            (Self::Caution, Theme::Light) => Color32::from_rgb(0x85, 0x4d, 0x00),
            (Self::Caution, Theme::Dark) => Color32::from_rgb(0xf5, 0xc0, 0x4a),
            (Self::Bad, Theme::Light) => Color32::from_rgb(0xb0, 0x1e, 0x1e),
            (Self::Bad, Theme::Dark) => Color32::from_rgb(0xff, 0x8a, 0x80),
            (Self::Unknown, Theme::Light) => Color32::from_rgb(0x4a, 0x3f, 0x9e),
            (Self::Unknown, Theme::Dark) => Color32::from_rgb(0xc0, 0xb8, 0xff),
            (Self::Neutral, Theme::Light) => Color32::from_gray(80),
            (Self::Neutral, Theme::Dark) => Color32::from_gray(192),
        }
    }

    /// Paints this tone's icon in `rect`: a tick, a cross, a warning triangle, a question mark
    /// or a dash. Painted rather than taken from a font, so it never depends on which fonts the
    /// computer has.
    pub fn paint_icon(self, painter: &egui::Painter, rect: egui::Rect, color: Color32) {
        use egui::pos2;
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
                // The cross in the panel colour: light on dark red, dark on light red.
                let cross = Stroke::new(2.0, Palette::of(painter.ctx().theme()).panel);
                painter.line_segment([at(-0.4, -0.4), at(0.4, 0.4)], cross);
                painter.line_segment([at(-0.4, 0.4), at(0.4, -0.4)], cross);
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
            self.icon(ui, color);
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

    /// Shows `icon text` on one line, cut with "…" where it does not fit; the whole text is
    /// the accessible label and shows on hover.
    pub fn show_line(self, ui: &mut egui::Ui, text: &str) -> egui::Response {
        let color = self.color(ui.ctx().theme());
        ui.horizontal(|ui| {
            self.icon(ui, color);
            ui.add(egui::Label::new(RichText::new(text).color(color).strong()).truncate())
        })
        .inner
    }

    /// Shows `icon text` in the flow of a wrapping row (`ui.horizontal_wrapped`): the text
    /// wraps onto the next line where it must, and what comes after it follows on.
    pub fn show_inline(self, ui: &mut egui::Ui, text: &str) -> egui::Response {
        let color = self.color(ui.ctx().theme());
        self.icon(ui, color);
        ui.add(egui::Label::new(RichText::new(text).color(color).strong()).wrap())
    }

    fn icon(self, ui: &mut egui::Ui, color: Color32) {
        let size = ui.text_style_height(&egui::TextStyle::Body);
        let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
        self.paint_icon(ui.painter(), rect, color);
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

/// The text styles: every one at least 14 points.
pub fn text_styles() -> std::collections::BTreeMap<egui::TextStyle, egui::FontId> {
    use egui::{FontFamily, FontId, TextStyle};
    [
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
    .into()
}

/// Applies the app's colours, text sizes and spacing to both the light and the dark style, and
/// the clerk's choice of theme. Ctrl +/− zoom stays on (egui's default).
pub fn apply(ctx: &egui::Context, choice: ThemeChoice) {
    for theme in [Theme::Light, Theme::Dark] {
        ctx.set_visuals_of(theme, visuals(theme));
    }
    ctx.options_mut(|o| {
        o.zoom_with_keyboard = true;
        // When the computer does not say (e.g. most Linux desktops), light, like paper.
        o.fallback_theme = Theme::Light;
    });
    ctx.all_styles_mut(|style| {
        style.text_styles = text_styles();
        style.spacing.item_spacing = egui::vec2(8.0, ROW_GAP);
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
        style.spacing.interact_size.y = 26.0;
        style.spacing.icon_width = 18.0;
        style.spacing.icon_width_inner = 10.0;
        // No sliding: a jump or a page scroll lands at once (and is easier on some readers).
        style.scroll_animation = egui::style::ScrollAnimation::none();
        // No fading of the text at the top and bottom of a scrolling page: faded text is below
        // 4.5:1 (the scroll bar shows there is more).
        style.spacing.scroll.fade.strength = 0.0;
    });
    set_choice(ctx, choice);
}

/// Switches to the clerk's choice of theme.
pub fn set_choice(ctx: &egui::Context, choice: ThemeChoice) {
    ctx.set_theme(choice.preference());
}

/// Secondary text (evidence, sources, hints): 14 points, in the weak text colour.
pub fn small(text: impl Into<String>) -> RichText {
    RichText::new(text).size(SMALL_SIZE).weak()
}

/// A panel heading.
pub fn heading(text: impl Into<String>) -> RichText {
    RichText::new(text).size(HEADING_SIZE).strong()
}

/// A section title inside a panel.
pub fn section_title(text: impl Into<String>) -> RichText {
    RichText::new(text).size(SECTION_SIZE).strong()
}
