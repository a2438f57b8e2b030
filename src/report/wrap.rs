//! Word wrapping by measured width: pure, so it is tested without fonts.

/// Breaks `text` into lines no wider than `max_width`, as measured by `measure`.
///
/// Words are separated by whitespace; a line break in `text` starts a new line (paragraphs are
/// kept). A word wider than a whole line is split between characters, so nothing is ever wider
/// than `max_width` unless a single character is. Empty text gives no lines.
#[must_use]
pub fn wrap(text: &str, max_width: f32, measure: &dyn Fn(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if measure(&candidate) <= max_width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if measure(word) <= max_width {
                word.clone_into(&mut line);
            } else {
                // Too long for any line: split it, keeping the rest for the next words.
                let mut pieces = split_word(word, max_width, measure);
                line = pieces.pop().unwrap_or_default();
                lines.extend(pieces);
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines
}

/// Splits one word into pieces that each fit `max_width` (at least one character per piece).
fn split_word(word: &str, max_width: f32, measure: &dyn Fn(&str) -> f32) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    for c in word.chars() {
        let mut candidate = piece.clone();
        candidate.push(c);
        if !piece.is_empty() && measure(&candidate) > max_width {
            pieces.push(std::mem::take(&mut piece));
            piece.push(c);
        } else {
            piece = candidate;
        }
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character is one unit wide.
    #[expect(clippy::cast_precision_loss, reason = "test strings are short")]
    fn chars(s: &str) -> f32 {
        s.chars().count() as f32
    }

    #[test]
    fn short_text_stays_on_one_line() {
        assert_eq!(wrap("Firewall on", 20.0, &chars), vec!["Firewall on"]);
    }

    #[test]
    fn breaks_between_words_at_the_width() {
        assert_eq!(
            wrap("the quick brown fox jumps", 10.0, &chars),
            vec!["the quick", "brown fox", "jumps"]
        );
        // Exactly the width still fits.
        assert_eq!(wrap("abcde fghij", 5.0, &chars), vec!["abcde", "fghij"]);
    }

    #[test]
    fn collapses_runs_of_spaces_and_keeps_paragraphs() {
        assert_eq!(
            wrap("one   two\nthree\n\nfour", 20.0, &chars),
            vec!["one two", "three", "four"]
        );
    }

    #[test]
    fn splits_a_word_longer_than_a_line() {
        assert_eq!(
            wrap("see 0123456789abcdef0123 ok", 8.0, &chars),
            vec!["see", "01234567", "89abcdef", "0123 ok"]
        );
    }

    #[test]
    fn no_line_is_wider_than_the_width_and_no_word_is_lost() {
        let text = "Nguyễn Thị Hương attested that the guest account is off and that \
                    C:\\Windows\\System32\\very\\long\\path\\without\\spaces was checked.";
        for width in [6.0, 11.0, 17.0, 40.0] {
            let lines = wrap(text, width, &chars);
            assert!(
                lines.iter().all(|l| chars(l) <= width),
                "{width}: {lines:?}"
            );
            let rejoined: String = lines.concat().split_whitespace().collect();
            let original: String = text.split_whitespace().collect();
            assert_eq!(rejoined, original);
        }
    }

    #[test]
    fn measures_with_the_given_function() {
        // Wide "W", narrow everything else.
        let measure = |s: &str| s.chars().map(|c| if c == 'W' { 3.0 } else { 1.0 }).sum();
        assert_eq!(wrap("WW ab", 6.0, &measure), vec!["WW", "ab"]);
        assert_eq!(wrap("ab cd", 6.0, &measure), vec!["ab cd"]);
    }

    #[test]
    fn empty_text_gives_no_lines() {
        assert!(wrap("", 10.0, &chars).is_empty());
        assert!(wrap("   \n ", 10.0, &chars).is_empty());
    }
}
