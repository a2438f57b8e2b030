//! Stored text made safe to print, before any font is chosen: pure functions.
//!
//! - Unicode is composed (NFC), so "e" followed by a combining acute accent prints as one "é".
//! - Invisible characters that could reorder or hide text are removed: the bidirectional
//!   controls (a name can never reorder itself or the text around it), zero-width characters,
//!   variation selectors and tags. Other control characters become spaces; line breaks stay.
//! - A line holding right-to-left letters (Hebrew, Arabic) is put in reading order with the
//!   Unicode bidirectional algorithm, with the line's base direction left to right: the
//!   algorithm only ever sees the letters themselves, never a control character.

use unicode_normalization::UnicodeNormalization as _;

use crate::session::text::is_bidi_control;

/// True for an invisible format character that is dropped before printing: bidirectional
/// controls, zero-width spaces and joiners, the byte-order mark, soft hyphens, variation
/// selectors and tag characters. (Emoji joined with a zero-width joiner print one by one.)
#[must_use]
pub fn is_invisible(c: char) -> bool {
    is_bidi_control(c)
        || matches!(
            c,
            '\u{ad}'
                | '\u{200b}'..='\u{200d}'
                | '\u{2060}'..='\u{2064}'
                | '\u{feff}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{e0000}'..='\u{e007f}'
                | '\u{e0100}'..='\u{e01ef}'
        )
}

/// `text` composed (NFC), without invisible characters, other control characters as spaces;
/// line breaks are kept.
#[must_use]
pub fn clean(text: &str) -> String {
    text.nfc()
        .filter(|c| !is_invisible(*c))
        .map(|c| if c != '\n' && c.is_control() { ' ' } else { c })
        .collect()
}

/// True for a character of a right-to-left script.
fn is_right_to_left(c: char) -> bool {
    matches!(
        unicode_bidi::bidi_class(c),
        unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL
    )
}

/// One printed line in the order it is drawn, left to right: unchanged unless it holds
/// right-to-left letters, which are then put in reading order (base direction left to right).
#[must_use]
pub fn visual_order(line: &str) -> String {
    if !line.chars().any(is_right_to_left) {
        return line.to_owned();
    }
    let info = unicode_bidi::BidiInfo::new(line, Some(unicode_bidi::Level::ltr()));
    info.paragraphs
        .iter()
        .map(|para| info.reorder_line(para, para.range.clone()).into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_accents_are_composed() {
        assert_eq!(clean("Jose\u{301} Nun\u{303}ez"), "José Nuñez");
        assert_eq!(clean("Nguye\u{302}\u{303}n"), "Nguyễn");
    }

    #[test]
    fn bidi_controls_and_invisible_characters_are_removed() {
        // An RLO would draw "Mallory" backwards and everything after it too.
        assert_eq!(clean("\u{202e}yrollaM\u{202c} Smith"), "yrollaM Smith");
        assert_eq!(clean("a\u{200b}b\u{feff}c\u{2066}d\u{2069}"), "abcd");
        assert_eq!(clean("👍\u{fe0f}"), "👍");
        assert_eq!(clean("a\tb\nc\u{7}"), "a b\nc ");
    }

    #[test]
    fn left_to_right_text_is_never_reordered() {
        let line = "Record no. 12 · fingerprint 0123456789abcdef";
        assert_eq!(visual_order(line), line);
    }

    #[test]
    fn a_hebrew_name_is_drawn_in_reading_order_and_the_rest_stays() {
        // Logical "כהן" (k, h, n) is drawn right to left: the last letter first.
        assert_eq!(visual_order("כהן"), "ןהכ");
        assert_eq!(
            visual_order("Signed by כהן, Municipal Clerk"),
            "Signed by ןהכ, Municipal Clerk"
        );
    }
}
