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
/// Each piece is the longest fitting prefix of what is left, found by binary search.
fn split_word(word: &str, max_width: f32, measure: &dyn Fn(&str) -> f32) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = word;
    while !rest.is_empty() {
        let ends: Vec<usize> = rest
            .char_indices()
            .map(|(i, _)| i)
            .skip(1)
            .chain([rest.len()])
            .collect();
        // Pieces of 1 ..= ends.len() characters; at least one character always moves on.
        let chars = longest_fitting(ends.len(), |n| measure(&rest[..ends[n]]) <= max_width)
            .map_or(1, |n| n + 1);
        let (piece, after) = rest.split_at(ends[chars - 1]);
        pieces.push(piece.to_owned());
        rest = after;
    }
    pieces
}

/// The largest `i` in `0..n` for which `fits(i)` holds, by binary search; `fits` must hold for
/// every `i` below one that fits (a growing prefix only gets wider). `None` when `fits(0)` fails
/// or `n` is 0. Calls `fits` about log2(n) times.
pub fn longest_fitting(n: usize, fits: impl Fn(usize) -> bool) -> Option<usize> {
    if n == 0 || !fits(0) {
        return None;
    }
    // Invariant: fits(lo) holds; everything at or above `hi` fails.
    let (mut lo, mut hi) = (0, n);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(lo)
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
    fn longest_fitting_finds_the_boundary_in_few_steps() {
        let calls = std::cell::Cell::new(0);
        let calls = &calls;
        let below = |limit: usize| {
            move |i: usize| {
                calls.set(calls.get() + 1);
                i < limit
            }
        };
        assert_eq!(longest_fitting(10, below(4)), Some(3));
        assert_eq!(longest_fitting(10, below(100)), Some(9));
        assert_eq!(longest_fitting(10, below(0)), None);
        assert_eq!(longest_fitting(0, below(5)), None);
        calls.set(0);
        assert_eq!(longest_fitting(1_000_000, below(123_456)), Some(123_455));
        assert!(calls.get() <= 22, "{} calls", calls.get());
    }

    #[test]
    fn a_very_long_word_is_split_with_few_measurements() {
        let word = "x".repeat(10_000);
        let calls = std::cell::Cell::new(0);
        let measure = |s: &str| {
            calls.set(calls.get() + 1);
            chars(s)
        };
        let lines = wrap(&word, 100.0, &measure);
        assert_eq!(lines.len(), 100);
        assert!(lines.iter().all(|l| l.len() == 100));
        assert!(calls.get() < 100 * 20, "{} measurements", calls.get());
    }

    #[test]
    fn empty_text_gives_no_lines() {
        assert!(wrap("", 10.0, &chars).is_empty());
        assert!(wrap("   \n ", 10.0, &chars).is_empty());
    }
}
