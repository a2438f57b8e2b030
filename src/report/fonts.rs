//! The fonts the certification is printed in, chosen glyph by glyph.
//!
//! - `DejaVu` Sans and `DejaVu` Sans Bold (`assets/fonts/LICENSE-DejaVu.txt`): Latin, Greek,
//!   Cyrillic, Armenian, Georgian, Hebrew, Arabic letters and most symbols.
//! - Droid Sans Fallback (Apache-2.0, `assets/fonts/LICENSE-DroidSansFallback.txt`) for what
//!   `DejaVu` lacks: Chinese, Japanese and Korean (every CJK Unified Ideograph of the basic block,
//!   every Hangul syllable, kana). It has no bold: bold CJK prints in its one weight.
//! - Symbola (free for any use, `assets/fonts/LICENSE-Symbola.txt`), cut down to emoji and
//!   symbols, in black and white.
//!
//! All are compiled into the program, so a name prints the same on every computer. The two
//! fallbacks are stored gzipped and only inflated the first time a text needs them. A character
//! none of them has is printed as a visible marker such as `[U+0905]`, never as "�" and never
//! silently dropped.

use std::io::Read as _;
use std::sync::OnceLock;

use printpdf::{FontId, ParsedFont};

/// `DejaVu` Sans, version 2.37.
const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// `DejaVu` Sans Bold, version 2.37.
const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
/// Droid Sans Fallback 2.55b, gzipped.
const CJK_TTF_GZ: &[u8] = include_bytes!("../../assets/fonts/DroidSansFallback.ttf.gz");
/// Symbola 9.17 cut down to emoji and symbols, gzipped.
const EMOJI_TTF_GZ: &[u8] = include_bytes!("../../assets/fonts/Symbola-emoji.ttf.gz");

/// The largest font inflated (the CJK font is 3.4 MB): a bound, should the build be broken.
const MAX_FONT_BYTES: u64 = 16 * 1024 * 1024;

/// The style asked for: regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    /// Regular.
    Regular,
    /// Bold.
    Bold,
}

/// A font a character is actually drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Font {
    /// `DejaVu` Sans.
    Regular,
    /// `DejaVu` Sans Bold.
    Bold,
    /// Droid Sans Fallback (CJK).
    Cjk,
    /// Symbola, emoji and symbols.
    Emoji,
}

impl Font {
    /// Every font, in the order they are embedded.
    pub const ALL: [Self; 4] = [Self::Regular, Self::Bold, Self::Cjk, Self::Emoji];

    /// The fixed PDF resource name. Its first six letters become the subset tag
    /// (`CCKREG+DejaVuSans`), so they are six capital letters and never random: the same record
    /// must give the same bytes.
    #[must_use]
    pub fn font_id(self) -> FontId {
        FontId(
            match self {
                Self::Regular => "CCKREG",
                Self::Bold => "CCKBLD",
                Self::Cjk => "CCKCJK",
                Self::Emoji => "CCKEMO",
            }
            .to_owned(),
        )
    }
}

impl Face {
    /// The `DejaVu` font of this face.
    #[must_use]
    pub fn font(self) -> Font {
        match self {
            Self::Regular => Font::Regular,
            Self::Bold => Font::Bold,
        }
    }
}

/// The fonts, parsed, with what is needed to measure text.
#[derive(Debug)]
pub struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
    cjk: OnceLock<Option<ParsedFont>>,
    emoji: OnceLock<Option<ParsedFont>>,
}

/// The fonts of this process, parsed once.
static SHARED: OnceLock<Option<Fonts>> = OnceLock::new();

impl Fonts {
    /// Parses the `DejaVu` fonts (the fallbacks are parsed when first needed); `None` only if
    /// the program was built with broken font files.
    #[must_use]
    pub fn load() -> Option<Self> {
        let mut warnings = Vec::new();
        let regular = ParsedFont::from_bytes(REGULAR_TTF, 0, &mut warnings)?;
        let bold = ParsedFont::from_bytes(BOLD_TTF, 0, &mut warnings)?;
        Some(Self {
            regular,
            bold,
            cjk: OnceLock::new(),
            emoji: OnceLock::new(),
        })
    }

    /// The fonts shared by every certification this process makes (parsed on first use).
    #[must_use]
    pub fn shared() -> Option<&'static Self> {
        SHARED.get_or_init(Self::load).as_ref()
    }

    /// The parsed font, if it is available (a fallback is inflated and parsed on first use).
    #[must_use]
    pub fn font(&self, font: Font) -> Option<&ParsedFont> {
        match font {
            Font::Regular => Some(&self.regular),
            Font::Bold => Some(&self.bold),
            Font::Cjk => self.cjk.get_or_init(|| inflate(CJK_TTF_GZ)).as_ref(),
            Font::Emoji => self.emoji.get_or_init(|| inflate(EMOJI_TTF_GZ)).as_ref(),
        }
    }

    /// The fallback fonts already in use by this process (so they are embedded when used).
    #[must_use]
    pub fn loaded(&self, font: Font) -> Option<&ParsedFont> {
        match font {
            Font::Regular => Some(&self.regular),
            Font::Bold => Some(&self.bold),
            Font::Cjk => self.cjk.get().and_then(Option::as_ref),
            Font::Emoji => self.emoji.get().and_then(Option::as_ref),
        }
    }

    /// True if `font` has a glyph for `c`.
    #[must_use]
    pub fn has_glyph(&self, font: Font, c: char) -> bool {
        self.font(font).is_some_and(|f| glyph(f, c).is_some())
    }

    /// The font `c` is drawn in when `face` is asked for: the face itself, the other `DejaVu`
    /// face, then the CJK and the emoji fallback; `None` when no font has it.
    #[must_use]
    pub fn font_for(&self, face: Face, c: char) -> Option<Font> {
        let other = match face {
            Face::Regular => Font::Bold,
            Face::Bold => Font::Regular,
        };
        [face.font(), other, Font::Cjk, Font::Emoji]
            .into_iter()
            .find(|&f| self.has_glyph(f, c))
    }

    /// The advance of `c` in `font`, in thousandths of the font size.
    fn advance(&self, font: Font, c: char) -> f32 {
        let Some(f) = self.font(font) else {
            return 0.0;
        };
        let units_per_em = f32::from(f.pdf_font_metrics.units_per_em.max(1));
        let advance = glyph(f, c).map_or(0, |g| f.get_horizontal_advance(g));
        f32::from(advance) * 1000.0 / units_per_em
    }

    /// The width of `text` (already made [`Fonts::printable`]) at `size` points, from the
    /// glyphs' advances in the fonts they are drawn in (no kerning is applied when printing
    /// either, so this is exactly the printed width).
    #[must_use]
    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        let thousandths: f32 = text
            .chars()
            .map(|c| {
                self.font_for(face, c)
                    .map_or(0.0, |font| self.advance(font, c))
            })
            .sum();
        thousandths * size / 1000.0
    }

    /// `text` made printable in `face`: cleaned (see [`super::text::clean`]), and each character
    /// no font has replaced by a visible marker such as `[U+0905]`, so nothing silently
    /// disappears and nothing prints as "�". Line breaks stay.
    #[must_use]
    pub fn printable(&self, face: Face, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in super::text::clean(text).chars() {
            if c == '\n' || c == ' ' || self.font_for(face, c).is_some() {
                out.push(c);
            } else {
                out.push_str(&marker(c));
            }
        }
        out
    }

    /// `text` (already printable) cut into runs drawn in one font each, with each run's offset
    /// from the start of the text at `size` points.
    #[must_use]
    pub fn runs(&self, face: Face, size: f32, text: &str) -> Vec<Run> {
        let mut runs: Vec<Run> = Vec::new();
        let mut x = 0.0;
        for c in text.chars() {
            let font = self.font_for(face, c).unwrap_or(face.font());
            match runs.last_mut() {
                Some(run) if run.font == font => run.text.push(c),
                _ => runs.push(Run {
                    font,
                    offset: x,
                    text: c.to_string(),
                }),
            }
            x += self.advance(font, c) * size / 1000.0;
        }
        runs
    }
}

/// A piece of a line drawn in one font.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The font.
    pub font: Font,
    /// From the start of the line, in points.
    pub offset: f32,
    /// The text.
    pub text: String,
}

/// The marker printed for a character no font has, e.g. `[U+0905]`.
#[must_use]
pub fn marker(c: char) -> String {
    format!("[U+{:04X}]", u32::from(c))
}

/// The glyph of `c` in `font`, if it has one (glyph 0 is "no glyph").
fn glyph(font: &ParsedFont, c: char) -> Option<u16> {
    font.lookup_glyph_index(u32::from(c)).filter(|&g| g != 0)
}

/// Inflates and parses a gzipped font; `None` if the build is broken.
fn inflate(gz: &[u8]) -> Option<ParsedFont> {
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(gz)
        .take(MAX_FONT_BYTES)
        .read_to_end(&mut bytes)
        .ok()?;
    let mut warnings = Vec::new();
    let font = ParsedFont::from_bytes(&bytes, 0, &mut warnings);
    if font.is_none() {
        log::error!("a fallback font built into clerkcheck does not parse");
    }
    font
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        Fonts::shared().expect("the embedded fonts parse")
    }

    #[test]
    fn dejavu_covers_the_names_and_status_symbols() {
        let f = fonts();
        let needed = "José Núñez-Øberg Nguyễn Thị Hương ✓✗–?!…·“”’ÀÉÎÕÜàéîõüÇçßÆæŁłŃńŻżŠšČčĐđ";
        for face in [Face::Regular, Face::Bold] {
            for c in needed.chars() {
                assert!(
                    f.has_glyph(face.font(), c),
                    "{face:?} lacks {c:?} (U+{:04X})",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn cjk_and_emoji_fall_back_glyph_by_glyph() {
        let f = fonts();
        for c in "王秀英佐藤花子김민준ひらがなカタカナ".chars() {
            assert_eq!(f.font_for(Face::Regular, c), Some(Font::Cjk), "{c}");
            assert_eq!(f.font_for(Face::Bold, c), Some(Font::Cjk), "{c}");
        }
        for c in "👍🗳🎉⭐🙂".chars() {
            assert_eq!(f.font_for(Face::Regular, c), Some(Font::Emoji), "{c}");
        }
        // DejaVu Sans draws a few emoticons itself.
        assert_eq!(f.font_for(Face::Regular, '😀'), Some(Font::Regular));
        assert_eq!(f.font_for(Face::Bold, 'A'), Some(Font::Bold));
        let runs = f.runs(Face::Regular, 10.0, "Li 王秀英 👍");
        let fonts: Vec<Font> = runs.iter().map(|r| r.font).collect();
        assert_eq!(
            fonts,
            [Font::Regular, Font::Cjk, Font::Regular, Font::Emoji]
        );
        assert_eq!(runs[1].text, "王秀英");
        assert!(runs[1].offset > 0.0 && runs[2].offset > runs[1].offset);
        assert!((runs[0].offset - 0.0).abs() < f32::EPSILON);
    }

    #[test]
    fn printable_marks_what_no_font_has_and_never_prints_a_replacement_character() {
        let f = fonts();
        // U+E000 is private use; Devanagari is in none of the fonts.
        assert_eq!(
            f.printable(Face::Regular, "a\tb\u{E000}c\nअ"),
            "a b[U+E000]c\n[U+0905]"
        );
        assert_eq!(f.printable(Face::Bold, "Hương 王 😀"), "Hương 王 😀");
        assert!(
            !f.printable(Face::Regular, "\u{202e}x\u{fffe}")
                .contains('\u{fffd}')
        );
    }

    #[test]
    fn widths_grow_with_text_and_size_and_bold_is_wider() {
        let f = fonts();
        let w = f.width(Face::Regular, 10.0, "Election");
        assert!(w > 30.0 && w < 60.0, "{w}");
        assert!((f.width(Face::Regular, 20.0, "Election") - 2.0 * w).abs() < 0.01);
        assert!(f.width(Face::Bold, 10.0, "Election") > w);
        assert!((f.width(Face::Regular, 10.0, "") - 0.0).abs() < f32::EPSILON);
        // An ideograph is about one em wide.
        let han = f.width(Face::Regular, 10.0, "王");
        assert!(han > 8.0 && han < 11.0, "{han}");
    }
}
