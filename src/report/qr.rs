//! The QR code on page 1: what it holds, and its dark modules as rectangles to draw as vector
//! shapes (sharp at any printer resolution, no image in the PDF). Pure.

use qrcode::{Color, EcLevel, QrCode};

/// The most characters of the jurisdiction the code holds (longer ones are cut with "…"), so
/// the code stays small enough to scan from paper.
pub const MAX_JURISDICTION_CHARS: usize = 120;

/// What the QR code holds, in plain text a phone shows as is:
///
/// ```text
/// clerkcheck certification
/// Record No. 12
/// Fingerprint 0123456789abcdef
/// Town of Example, Example County
/// ```
#[must_use]
pub fn payload(sequence: u64, fingerprint: &str, jurisdiction: &str) -> String {
    let mut place: String = jurisdiction.chars().take(MAX_JURISDICTION_CHARS).collect();
    if jurisdiction.chars().count() > MAX_JURISDICTION_CHARS {
        place.push('…');
    }
    format!("clerkcheck certification\nRecord No. {sequence}\nFingerprint {fingerprint}\n{place}")
}

/// A QR code as rectangles of dark modules, in module units from the top left corner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Modules {
    /// Modules per side (without the quiet zone).
    pub width: usize,
    /// Dark runs: (column, row, length along the row).
    pub runs: Vec<(usize, usize, usize)>,
}

/// The QR code of `text` (error correction level M: readable with 15% of it smudged), as runs
/// of dark modules along each row; `None` if the text is too long for any QR code.
#[must_use]
pub fn modules(text: &str) -> Option<Modules> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let mut runs = Vec::new();
    for (row, line) in colors.chunks(width).enumerate() {
        let mut start = None;
        for (column, color) in line.iter().chain([&Color::Light]).enumerate() {
            match (color, start) {
                (Color::Dark, None) => start = Some(column),
                (Color::Light, Some(first)) => {
                    runs.push((first, row, column - first));
                    start = None;
                }
                _ => {}
            }
        }
    }
    Some(Modules { width, runs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_payload_names_the_record_and_cuts_a_long_jurisdiction() {
        let p = payload(12, "0123456789abcdef", "Town of Example, Example County");
        assert_eq!(
            p,
            "clerkcheck certification\nRecord No. 12\nFingerprint 0123456789abcdef\nTown of \
             Example, Example County"
        );
        let long = payload(1, "0123456789abcdef", &"x".repeat(10_000));
        assert!(long.ends_with(&format!("{}…", "x".repeat(MAX_JURISDICTION_CHARS))));
        assert!(modules(&long).is_some());
    }

    #[test]
    fn modules_have_the_three_finder_patterns() {
        let m = modules("clerkcheck").expect("fits");
        assert_eq!(m.width, 21);
        // The top row starts with a finder pattern: 7 dark modules at each end.
        assert!(m.runs.contains(&(0, 0, 7)));
        assert!(m.runs.contains(&(m.width - 7, 0, 7)));
        assert!(m.runs.contains(&(0, m.width - 1, 7)));
        // Runs never leave the code.
        assert!(
            m.runs
                .iter()
                .all(|&(x, y, n)| x + n <= m.width && y < m.width)
        );
    }
}
