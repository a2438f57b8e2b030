//! The contrast of every text colour against every background it is drawn on, by WCAG 2's
//! formula: text at least 4.5:1, the focus ring and the edges of controls at least 3:1.
//!
//! [`pairs`] is built from the very [`egui::Visuals`] the app applies ([`super::visuals`]) and
//! from the tones, so a colour changed there is measured here; the tests also check that every
//! text colour and every background of the theme appears in some pair.

use egui::{Color32, Theme};

use super::{Palette, Tone, visuals};

/// The least contrast for text (WCAG 2 level AA, normal-size text).
pub const TEXT_MINIMUM: f32 = 4.5;
/// The least contrast for the focus ring and the edges of controls (WCAG 2, non-text).
pub const NON_TEXT_MINIMUM: f32 = 3.0;

/// A foreground drawn on a background, and the least contrast it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// Where it is seen, e.g. "placeholder in a text field".
    pub what: String,
    /// The foreground (text, ring or edge), opaque.
    pub fg: Color32,
    /// The background, opaque.
    pub bg: Color32,
    /// The least contrast it needs.
    pub minimum: f32,
}

impl Pair {
    fn text(what: impl Into<String>, fg: Color32, bg: Color32) -> Self {
        Self {
            what: what.into(),
            fg,
            bg,
            minimum: TEXT_MINIMUM,
        }
    }

    fn non_text(what: impl Into<String>, fg: Color32, bg: Color32) -> Self {
        Self {
            what: what.into(),
            fg,
            bg,
            minimum: NON_TEXT_MINIMUM,
        }
    }

    /// Its contrast ratio, from 1 to 21.
    pub fn ratio(&self) -> f32 {
        ratio(self.fg, self.bg)
    }
}

/// WCAG 2 relative luminance of an opaque sRGB colour, from 0 (black) to 1 (white).
pub fn relative_luminance(color: Color32) -> f32 {
    let channel = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(color.r()) + 0.7152 * channel(color.g()) + 0.0722 * channel(color.b())
}

/// WCAG 2 contrast ratio of two opaque colours, from 1 to 21 (order does not matter).
pub fn ratio(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `fg` on `bg`, both faded to `alpha` over `under` as a disabled control is painted: the
/// colours a person actually sees, `(fg, bg)`.
fn faded(fg: Color32, bg: Color32, under: Color32, alpha: f32) -> (Color32, Color32) {
    let bg = under.blend(bg.gamma_multiply(alpha));
    (bg.blend(fg.gamma_multiply(alpha)), bg)
}

/// Every foreground the theme draws with the background it is drawn on.
pub fn pairs(theme: Theme) -> Vec<Pair> {
    let v = visuals(theme);
    let mut out = Vec::new();
    surface_pairs(&v, theme, &mut out);
    field_pairs(&v, &mut out);
    control_pairs(&v, &mut out);
    non_text_pairs(&v, Palette::of(theme).focus, &mut out);
    chart_pairs(&v, theme, &mut out);
    out
}

/// History's chart: the status lines and points and the dashed election days, on the chart's
/// background and on the shaded windows before elections (graphics: 3:1). Its words (dates,
/// counts, election names, the legend) are text and status words on the window, measured
/// above.
fn chart_pairs(v: &egui::Visuals, theme: Theme, out: &mut Vec<Pair>) {
    let backgrounds = [
        ("the chart", v.extreme_bg_color),
        ("a window before an election", Palette::of(theme).stripe),
    ];
    for (where_, bg) in backgrounds {
        for tone in Tone::ALL {
            out.push(Pair::non_text(
                format!("{tone:?} line and points on {where_}"),
                tone.color(theme),
                bg,
            ));
        }
        out.push(Pair::non_text(
            format!("an election day on {where_}"),
            v.weak_text_color(),
            bg,
        ));
    }
}

/// Text, secondary text, strong text and every status colour on the window, a table stripe
/// and a tooltip.
fn surface_pairs(v: &egui::Visuals, theme: Theme, out: &mut Vec<Pair>) {
    let surfaces = [
        ("the window", v.panel_fill),
        ("a table stripe", v.faint_bg_color),
        ("a tooltip", v.window_fill),
    ];
    for (where_, bg) in surfaces {
        out.push(Pair::text(format!("text on {where_}"), v.text_color(), bg));
        out.push(Pair::text(
            format!("secondary text on {where_}"),
            v.weak_text_color(),
            bg,
        ));
        out.push(Pair::text(
            format!("strong text on {where_}"),
            v.strong_text_color(),
            bg,
        ));
        for tone in Tone::ALL {
            out.push(Pair::text(
                format!("{tone:?} status word on {where_}"),
                tone.color(theme),
                bg,
            ));
        }
    }
}

/// Typed text, placeholders and selected text in a text field.
fn field_pairs(v: &egui::Visuals, out: &mut Vec<Pair>) {
    let w = &v.widgets;
    let field = v.text_edit_bg_color();
    out.push(Pair::text(
        "typed text in a field",
        w.inactive.text_color(),
        field,
    ));
    out.push(Pair::text(
        "placeholder in a field",
        v.weak_text_color(),
        field,
    ));
    out.push(Pair::text(
        "selected text in a field",
        w.inactive.text_color(),
        v.selection.bg_fill,
    ));
}

/// Buttons, check boxes and radio buttons in every state, the selected view button, and
/// disabled controls as they are painted (faded over the window).
fn control_pairs(v: &egui::Visuals, out: &mut Vec<Pair>) {
    let w = &v.widgets;
    out.push(Pair::text(
        "selected view button",
        v.selection.stroke.color,
        v.selection.bg_fill,
    ));
    for (state, visuals) in [
        ("at rest", &w.inactive),
        ("under the pointer", &w.hovered),
        ("pressed or focused", &w.active),
        ("open", &w.open),
    ] {
        out.push(Pair::text(
            format!("button text {state}"),
            visuals.text_color(),
            visuals.weak_bg_fill,
        ));
        out.push(Pair::text(
            format!("check box or radio label {state}"),
            visuals.text_color(),
            v.panel_fill,
        ));
    }
    let (fg, bg) = faded(
        w.inactive.text_color(),
        w.inactive.weak_bg_fill,
        v.panel_fill,
        v.disabled_alpha(),
    );
    out.push(Pair::text("disabled button text", fg, bg));
    let (fg, bg) = faded(
        v.text_color(),
        v.panel_fill,
        v.panel_fill,
        v.disabled_alpha(),
    );
    out.push(Pair::text("disabled label", fg, bg));
}

/// The focus ring on everything it can surround, and the edges of controls.
fn non_text_pairs(v: &egui::Visuals, focus: Color32, out: &mut Vec<Pair>) {
    let w = &v.widgets;
    let field = v.text_edit_bg_color();
    for (where_, bg) in [
        ("the window", v.panel_fill),
        ("a table stripe", v.faint_bg_color),
        ("a field", field),
        ("a button", w.inactive.weak_bg_fill),
        ("a pressed button", w.active.weak_bg_fill),
    ] {
        out.push(Pair::non_text(format!("focus ring on {where_}"), focus, bg));
    }
    out.push(Pair::non_text(
        "edge of a control on the window",
        w.inactive.bg_stroke.color,
        v.panel_fill,
    ));
    out.push(Pair::non_text(
        "edge of a control on a table stripe",
        w.inactive.bg_stroke.color,
        v.faint_bg_color,
    ));
    out.push(Pair::non_text(
        "outline of a focused field",
        v.selection.stroke.color,
        field,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_formula_matches_known_ratios() {
        assert!((ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((ratio(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.001);
        // #767676 on white is the well-known lightest grey that passes 4.5:1.
        let grey = ratio(Color32::from_gray(0x76), Color32::WHITE);
        assert!((grey - 4.54).abs() < 0.01, "{grey}");
    }

    #[test]
    #[expect(
        clippy::print_stdout,
        reason = "the lowest ratio per theme is worth seeing in the test output"
    )]
    fn every_text_colour_meets_its_minimum_in_both_themes() {
        let mut failures = Vec::new();
        for theme in [Theme::Light, Theme::Dark] {
            let pairs = pairs(theme);
            let lowest = pairs
                .iter()
                .filter(|p| p.minimum > NON_TEXT_MINIMUM)
                .map(Pair::ratio)
                .fold(f32::INFINITY, f32::min);
            println!(
                "{theme:?}: {} pairs, lowest text contrast {lowest:.2}:1",
                pairs.len()
            );
            for pair in pairs {
                if pair.ratio() < pair.minimum {
                    failures.push(format!(
                        "{theme:?}: {} is {:.2}:1, needs {}:1",
                        pair.what,
                        pair.ratio(),
                        pair.minimum
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    /// The pairs cannot miss a colour: every text colour and every background the theme's
    /// visuals define is measured.
    #[test]
    fn every_colour_of_the_theme_is_measured() {
        for theme in [Theme::Light, Theme::Dark] {
            let v = visuals(theme);
            let w = &v.widgets;
            let pairs = pairs(theme);
            let foregrounds = [
                v.text_color(),
                v.weak_text_color(),
                v.strong_text_color(),
                v.selection.stroke.color,
                w.noninteractive.text_color(),
                w.inactive.text_color(),
                w.hovered.text_color(),
                w.active.text_color(),
                w.open.text_color(),
                Palette::of(theme).focus,
            ]
            .into_iter()
            .chain(Tone::ALL.map(|t| t.color(theme)));
            for fg in foregrounds {
                assert!(pairs.iter().any(|p| p.fg == fg), "{theme:?}: {fg:?}");
            }
            for bg in [
                v.panel_fill,
                v.faint_bg_color,
                v.window_fill,
                v.text_edit_bg_color(),
                v.selection.bg_fill,
                w.inactive.weak_bg_fill,
                w.hovered.weak_bg_fill,
                w.active.weak_bg_fill,
                w.open.weak_bg_fill,
            ] {
                assert!(pairs.iter().any(|p| p.bg == bg), "{theme:?}: {bg:?}");
            }
        }
    }

    /// Regression: egui fades the text at the edges of a scrolling page to half its opacity,
    /// which took the last line of Help below 4.5:1.
    #[test]
    fn the_applied_style_neither_fades_nor_shrinks_text() {
        let ctx = egui::Context::default();
        super::super::apply(&ctx, super::super::ThemeChoice::Light);
        for theme in [Theme::Light, Theme::Dark] {
            let style = ctx.style_of(theme);
            assert!(style.spacing.scroll.fade.strength <= 0.0, "{theme:?}");
            assert_eq!(style.visuals, visuals(theme), "{theme:?}");
            for font in style.text_styles.values() {
                assert!(font.size >= 14.0, "{theme:?}: {font:?}");
            }
        }
    }

    #[test]
    fn every_text_style_is_at_least_14_points() {
        for (style, font) in super::super::text_styles() {
            assert!(font.size >= 14.0, "{style:?} is {} points", font.size);
        }
    }
}
