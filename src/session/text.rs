//! Cleaning and bounding what people type: names and notes are stored and printed as typed,
//! minus what could hide or reorder text, and never longer than the form allows.

use unicode_normalization::UnicodeNormalization as _;

use crate::records::{MAX_NAME_CHARS, MAX_NOTE_CHARS};

/// A line of text as typed, made safe to store and print: Unicode composed (NFC), control and
/// bidirectional-override characters removed (so a name cannot reorder itself when printed),
/// runs of spaces made one, and trimmed.
pub fn clean_line(text: &str) -> String {
    let kept: String = text
        .nfc()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control() && !is_bidi_control(*c))
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A note as typed, made safe: like [`clean_line`], but line breaks are kept.
pub fn clean_note(text: &str) -> String {
    text.lines()
        .map(clean_line)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

/// The invisible characters that change the direction of text (U+202A–U+202E, U+2066–U+2069,
/// U+200E, U+200F, U+061C).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Why a signer field cannot be used (too long), or `None`.
pub fn field_problem(what: &str, value: &str) -> Option<String> {
    let chars = value.chars().count();
    (chars > MAX_NAME_CHARS).then(|| {
        format!(
            "{what} is {chars} characters long; at most {MAX_NAME_CHARS} fit on the certification"
        )
    })
}

/// Why a note or reason cannot be used (too long), or `None`.
pub fn note_problem(what: &str, value: &str) -> Option<String> {
    let chars = value.chars().count();
    (chars > MAX_NOTE_CHARS)
        .then(|| format!("{what} is {chars} characters long; at most {MAX_NOTE_CHARS} are kept"))
}

/// Folds a name for the typed confirmation: case, accents and spacing do not matter.
pub fn fold_name(name: &str) -> String {
    crate::records::history::fold(&clean_line(name))
}
