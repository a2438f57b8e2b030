//! The fonts the certification is printed in: `DejaVu` Sans and `DejaVu` Sans Bold, shipped in
//! `assets/fonts/` (licence: `assets/fonts/LICENSE-DejaVu.txt`) and compiled into the program,
//! so any name (José Núñez-Øberg, Nguyễn Thị Hương) prints the same on every computer.

use printpdf::{FontId, ParsedFont};

/// `DejaVu` Sans, version 2.37.
const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// `DejaVu` Sans Bold, version 2.37.
const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// The character printed in place of one the font has no glyph for.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    /// `DejaVu` Sans.
    Regular,
    /// `DejaVu` Sans Bold.
    Bold,
}

impl Face {
    /// The fixed PDF resource name. Its first six letters become the subset tag
    /// (`CCKREG+DejaVuSans`), so they are six capital letters and never random: the same record
    /// must give the same bytes.
    #[must_use]
    pub fn font_id(self) -> FontId {
        FontId(
            match self {
                Self::Regular => "CCKREG",
                Self::Bold => "CCKBLD",
            }
            .to_owned(),
        )
    }
}

/// Both faces, parsed, with what is needed to measure text.
#[derive(Debug, Clone)]
pub struct Fonts {
    /// `DejaVu` Sans.
    pub regular: ParsedFont,
    /// `DejaVu` Sans Bold.
    pub bold: ParsedFont,
}

impl Fonts {
    /// Parses the embedded fonts; `None` only if the program was built with broken font files.
    #[must_use]
    pub fn load() -> Option<Self> {
        let mut warnings = Vec::new();
        let regular = ParsedFont::from_bytes(REGULAR_TTF, 0, &mut warnings)?;
        let bold = ParsedFont::from_bytes(BOLD_TTF, 0, &mut warnings)?;
        Some(Self { regular, bold })
    }

    /// The parsed face.
    #[must_use]
    pub fn face(&self, face: Face) -> &ParsedFont {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    /// True if `face` has a glyph for `c`.
    #[must_use]
    pub fn has_glyph(&self, face: Face, c: char) -> bool {
        self.face(face)
            .lookup_glyph_index(u32::from(c))
            .is_some_and(|g| g != 0)
    }

    /// The width of `text` at `size` points, from the glyphs' advances (no kerning is applied
    /// when printing either, so this is exactly the printed width).
    #[must_use]
    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        let font = self.face(face);
        let units_per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        let units: u32 = text
            .chars()
            .map(|c| {
                font.lookup_glyph_index(u32::from(c))
                    .map_or(0, |g| u32::from(font.get_horizontal_advance(g)))
            })
            .sum();
        // A line is at most a few thousand font units per glyph times a few hundred glyphs:
        // far inside f32's exact integer range.
        #[expect(clippy::cast_precision_loss, reason = "see the comment above")]
        let units = units as f32;
        units * size / units_per_em
    }

    /// `text` made printable in `face`: line breaks stay, other control characters become spaces
    /// and characters the font has no glyph for become U+FFFD, so nothing silently disappears.
    #[must_use]
    pub fn printable(&self, face: Face, text: &str) -> String {
        text.chars()
            .map(|c| {
                if c == '\n' {
                    c
                } else if c.is_control() {
                    ' '
                } else if self.has_glyph(face, c) {
                    c
                } else {
                    REPLACEMENT
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts::load().expect("the embedded fonts parse")
    }

    #[test]
    fn both_faces_cover_the_names_and_status_symbols() {
        let f = fonts();
        let needed = "José Núñez-Øberg Nguyễn Thị Hương ✓✗–?!…·“”’ÀÉÎÕÜàéîõüÇçßÆæŁłŃńŻżŠšČčĐđ";
        for face in [Face::Regular, Face::Bold] {
            for c in needed.chars() {
                assert!(
                    f.has_glyph(face, c),
                    "{face:?} lacks {c:?} (U+{:04X})",
                    c as u32
                );
            }
            assert!(f.has_glyph(face, REPLACEMENT));
        }
    }

    #[test]
    fn printable_replaces_missing_glyphs_and_control_characters() {
        let f = fonts();
        // U+E000 is a private-use character DejaVu Sans has no glyph for.
        assert_eq!(
            f.printable(Face::Regular, "a\tb\u{E000}c\nd"),
            "a b\u{FFFD}c\nd"
        );
        assert_eq!(f.printable(Face::Bold, "Hương"), "Hương");
    }

    #[test]
    fn widths_grow_with_text_and_size_and_bold_is_wider() {
        let f = fonts();
        let w = f.width(Face::Regular, 10.0, "Election");
        assert!(w > 30.0 && w < 60.0, "{w}");
        assert!((f.width(Face::Regular, 20.0, "Election") - 2.0 * w).abs() < 0.01);
        assert!(f.width(Face::Bold, 10.0, "Election") > w);
        assert!((f.width(Face::Regular, 10.0, "") - 0.0).abs() < f32::EPSILON);
    }
}
