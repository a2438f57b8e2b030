//! The office's special elections, from `elections.ron` in the data folder.
//!
//! The file is a list of elections, each with a name and a date (YYYY-MM-DD):
//!
//! ```ron
//! [
//!     (name: "Special election, Assembly District 7", date: "2027-03-02"),
//! ]
//! ```
//!
//! A missing file means no special elections. A file that cannot be used is refused as a whole
//! with a [`ElectionsFileError`] naming `file:line:col` and what to fix; the caller reports it
//! and goes on with the regular calendar. It is read with care: only a regular file is opened (a
//! FIFO or a device would block or never end), at most [`MAX_FILE_BYTES`] are read, and the text
//! must be UTF-8.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{Datelike as _, NaiveDate};
use serde::Deserialize;
use serde::de::{self, SeqAccess, Visitor};

use super::model::Election;

/// The largest `elections.ron` read (64 KiB): room for hundreds of elections.
pub const MAX_FILE_BYTES: u64 = 64 * 1024;

/// The earliest year a special election may be in.
pub const FIRST_YEAR: i32 = 2000;

/// The latest year a special election may be in.
pub const LAST_YEAR: i32 = 2100;

/// The longest name accepted, in characters (a name is shown in one line of the app and the
/// certification).
pub const MAX_NAME_CHARS: usize = 120;

/// Why `elections.ron` could not be used. Every message names the file, the line and column where
/// there is one, and what to do.
#[derive(Debug, thiserror::Error)]
pub enum ElectionsFileError {
    /// The file exists but could not be read.
    #[error("{}: cannot be read ({reason}); check that the file is not open in another program and that you may read it", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        reason: String,
    },
    /// Something other than a regular file is there (a folder, a pipe, a device).
    #[error("{}: is {what}, not a file; replace it with a text file listing the special elections, or remove it", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What is there instead, e.g. "a folder".
        what: &'static str,
    },
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error("{}: is larger than {} KiB, far too large for a list of special elections; is this the right file?", path.display(), MAX_FILE_BYTES / 1024)]
    TooLarge {
        /// The file.
        path: PathBuf,
    },
    /// The bytes are not UTF-8 text.
    #[error(
        "{file}:{line}:{col}: is not UTF-8 text; save the file as UTF-8 (in Notepad: Save As, Encoding: UTF-8)"
    )]
    NotUtf8 {
        /// The file, as shown.
        file: String,
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column of the first bad byte.
        col: usize,
    },
    /// A mistake in the text: syntax, a missing field, an empty name, a bad or out-of-range date,
    /// or an election listed twice.
    #[error("{file}:{line}:{col}: {message}")]
    Invalid {
        /// The file, as shown.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What is wrong and what to do.
        message: String,
    },
}

/// Reads `elections.ron`. A missing file means no special elections.
pub fn read_elections_file(path: &Path) -> Result<Vec<Election>, ElectionsFileError> {
    // Only a regular file within the limit is read; a named pipe is refused, never waited on.
    let bytes = match crate::files::read_capped(path, MAX_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(err) if err.is_not_found() => return Ok(Vec::new()),
        Err(err) => {
            return Err(match err.kind() {
                crate::files::FileErrorKind::NotAFile { what } => ElectionsFileError::NotAFile {
                    path: path.to_owned(),
                    what,
                },
                crate::files::FileErrorKind::TooLarge { .. } => ElectionsFileError::TooLarge {
                    path: path.to_owned(),
                },
                _ => ElectionsFileError::Unreadable {
                    path: path.to_owned(),
                    reason: err.reason(),
                },
            });
        }
    };
    parse_elections(&path.display().to_string(), &bytes)
}

/// Parses and checks the text of an elections file; `file` names it in messages. Blank text (or
/// only `//` comment lines) means no special elections.
pub fn parse_elections(file: &str, bytes: &[u8]) -> Result<Vec<Election>, ElectionsFileError> {
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let (line, col) = position_of_offset(bytes, err.valid_up_to());
        ElectionsFileError::NotUtf8 {
            file: file.to_owned(),
            line,
            col,
        }
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let only_comments = text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with("//")
    });
    if only_comments {
        return Ok(Vec::new());
    }
    let list: RawList = ron::from_str(text).map_err(|err| ElectionsFileError::Invalid {
        file: file.to_owned(),
        line: err.span.start.line,
        col: err.span.start.col,
        message: message_for(&err.code),
    })?;
    Ok(list
        .0
        .into_iter()
        .map(|raw| Election::special(raw.name.0, raw.date.0))
        .collect())
}

/// The words a clerk can act on for a RON error.
fn message_for(code: &ron::Error) -> String {
    match code {
        ron::Error::Message(message) => message.clone(),
        ron::Error::NoSuchStructField { found, .. } => format!(
            "unknown field `{found}`; each election has only `name` and `date`, e.g. \
             (name: \"Special election, Assembly District 7\", date: \"2027-03-02\")"
        ),
        ron::Error::MissingStructField { field, .. } => format!(
            "an election has no `{field}`; each election needs a `name` and a `date`, e.g. \
             (name: \"Special election, Assembly District 7\", date: \"2027-03-02\")"
        ),
        ron::Error::DuplicateStructField { field, .. } => {
            format!("the field `{field}` is written twice in one election; keep one")
        }
        other => format!(
            "{other}; the file is a list in square brackets of elections in round brackets, e.g. \
             [ (name: \"Special election, Assembly District 7\", date: \"2027-03-02\") ]; check the \
             brackets, commas and quotes near here"
        ),
    }
}

/// The whole file: a list in which no election appears twice.
struct RawList(Vec<RawElection>);

/// One election as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawElection {
    name: Name,
    date: ElectionDate,
}

/// A name that is not empty, not too long and has no control characters.
struct Name(String);

/// A date written YYYY-MM-DD, from [`FIRST_YEAR`] to [`LAST_YEAR`].
struct ElectionDate(NaiveDate);

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let name = text.trim();
        if name.is_empty() {
            return Err(de::Error::custom(
                "the election's name is empty; write what the election is, e.g. \"Special \
                 election, Assembly District 7\"",
            ));
        }
        if name.chars().any(char::is_control) {
            return Err(de::Error::custom(
                "the election's name contains a control character (a tab or a line break); \
                 write it on one line",
            ));
        }
        let chars = name.chars().count();
        if chars > MAX_NAME_CHARS {
            return Err(de::Error::custom(format!(
                "the election's name is {chars} characters long; shorten it to at most \
                 {MAX_NAME_CHARS}"
            )));
        }
        Ok(Self(name.to_owned()))
    }
}

impl<'de> Deserialize<'de> for ElectionDate {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let written = text.trim();
        let date = parse_iso_date(written).ok_or_else(|| {
            de::Error::custom(format!(
                "\"{written}\" is not a date; write it as YYYY-MM-DD, e.g. \"2027-03-02\" for \
                 March 2, 2027"
            ))
        })?;
        if !(FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
            return Err(de::Error::custom(format!(
                "\"{written}\" is outside the years {FIRST_YEAR} to {LAST_YEAR}; check the year"
            )));
        }
        Ok(Self(date))
    }
}

/// Parses exactly `YYYY-MM-DD` (four-digit year, two-digit month and day) into a real date.
fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

impl<'de> Deserialize<'de> for RawList {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(ListVisitor)
    }
}

/// Reads the list, refusing an election (same date, same name ignoring case) listed twice at the
/// second one.
struct ListVisitor;

impl<'de> Visitor<'de> for ListVisitor {
    type Value = RawList;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of elections in square brackets")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawList, A::Error> {
        let mut seen = HashSet::new();
        let mut list = Vec::new();
        while let Some(raw) = seq.next_element::<RawElection>()? {
            let key = (raw.date.0, raw.name.0.to_lowercase());
            if !seen.insert(key) {
                return Err(de::Error::custom(format!(
                    "\"{}\" on {} is listed twice; remove one of them",
                    raw.name.0, raw.date.0
                )));
            }
            list.push(raw);
        }
        Ok(RawList(list))
    }
}

/// The 1-based line and column (in characters) of a byte offset.
fn position_of_offset(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line = before.split(|&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

#[cfg(test)]
#[expect(
    clippy::disallowed_methods,
    reason = "tests write and read their fixture files directly"
)]
mod tests {
    use super::*;
    use crate::calendar::ElectionKind;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn problem(text: &str) -> String {
        parse_elections("elections.ron", text.as_bytes())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn a_good_file_gives_its_elections() {
        let text = "// Called by the governor.\n[\n    (name: \" Special election, Assembly District 7 \", date: \"2027-03-02\"),\n    (date: \"2027-01-26\", name: \"Special primary, Assembly District 7\"),\n]\n";
        let elections = parse_elections("elections.ron", text.as_bytes()).unwrap();
        assert_eq!(
            elections,
            [
                Election {
                    date: d("2027-03-02"),
                    kind: ElectionKind::Special,
                    name: "Special election, Assembly District 7".to_owned(),
                },
                Election::special("Special primary, Assembly District 7", d("2027-01-26")),
            ]
        );
    }

    #[test]
    fn blank_files_and_empty_lists_mean_no_special_elections() {
        for text in ["", "  \n", "// none yet\n", "[]", "\u{feff}[ ]\n"] {
            assert_eq!(
                parse_elections("elections.ron", text.as_bytes()).unwrap(),
                [],
                "{text:?}"
            );
        }
    }

    #[test]
    fn an_empty_name_is_refused_at_its_position() {
        let err = problem("[\n  (name: \"  \", date: \"2027-03-02\"),\n]");
        assert!(err.starts_with("elections.ron:2:"), "{err}");
        assert!(err.contains("name is empty"), "{err}");
    }

    #[test]
    fn names_with_line_breaks_or_too_long_are_refused() {
        assert!(problem(r#"[(name: "A\nB", date: "2027-03-02")]"#).contains("control character"));
        let long = "x".repeat(MAX_NAME_CHARS + 1);
        let err = problem(&format!("[(name: \"{long}\", date: \"2027-03-02\")]"));
        assert!(err.contains("121 characters"), "{err}");
    }

    #[test]
    fn bad_dates_are_refused_at_their_position_with_the_format_to_use() {
        for (date, words) in [
            ("2027-02-30", "is not a date"),
            ("2027-13-01", "is not a date"),
            ("3/2/2027", "is not a date"),
            ("2027-3-2", "is not a date"),
            ("tomorrow", "is not a date"),
            ("1999-12-31", "outside the years 2000 to 2100"),
            ("2101-01-01", "outside the years 2000 to 2100"),
        ] {
            let err = problem(&format!(
                "[\n  (name: \"Special\",\n   date: \"{date}\"),\n]"
            ));
            assert!(err.starts_with("elections.ron:3:"), "{date}: {err}");
            assert!(err.contains(words), "{date}: {err}");
            assert!(err.contains(date), "{date}: {err}");
        }
        // Leap days are real dates in leap years only.
        assert!(parse_elections("f", br#"[(name: "L", date: "2028-02-29")]"#).is_ok());
        assert!(problem(r#"[(name: "L", date: "2027-02-29")]"#).contains("not a date"));
    }

    #[test]
    fn an_election_listed_twice_is_refused_at_the_second() {
        let err = problem(
            "[\n  (name: \"Recall\", date: \"2027-03-02\"),\n  (name: \"Other\", date: \"2027-03-02\"),\n  (name: \"recall\", date: \"2027-03-02\"),\n]",
        );
        assert!(err.starts_with("elections.ron:4:"), "{err}");
        assert!(err.contains("listed twice"), "{err}");
        // The same name on another date is a different election.
        assert!(
            parse_elections(
                "f",
                br#"[(name: "Recall", date: "2027-03-02"), (name: "Recall", date: "2027-04-06")]"#
            )
            .is_ok()
        );
    }

    #[test]
    fn syntax_mistakes_and_unknown_fields_name_their_position() {
        let err = problem(
            "[\n  (name: \"A\", date: \"2027-03-02\")\n  (name: \"B\", date: \"2027-03-09\"),\n]",
        );
        assert!(err.starts_with("elections.ron:3:"), "{err}");
        assert!(err.contains("commas"), "{err}");
        let err = problem("[\n  (name: \"A\", day: \"2027-03-02\"),\n]");
        assert!(err.starts_with("elections.ron:2:"), "{err}");
        assert!(err.contains("unknown field `day`"), "{err}");
        let err = problem("[(name: \"A\")]");
        assert!(err.contains("no `date`"), "{err}");
        let err = problem("(name: \"A\", date: \"2027-03-02\")");
        assert!(err.starts_with("elections.ron:1:"), "{err}");
    }

    #[test]
    fn text_that_is_not_utf8_is_refused_with_its_position() {
        let err = parse_elections(
            "elections.ron",
            b"[\n  (name: \"Caf\xe9\", date: \"2027-03-02\")]",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("elections.ron:2:14:"), "{err}");
        assert!(err.contains("UTF-8"), "{err}");
    }

    #[test]
    fn a_missing_file_means_no_special_elections() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            read_elections_file(&dir.path().join("elections.ron")).unwrap(),
            []
        );
    }

    #[test]
    fn a_file_on_disk_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("elections.ron");
        fs_err::write(&path, "[(name: \"Recall\", date: \"2027-03-02\")]").unwrap();
        assert_eq!(read_elections_file(&path).unwrap().len(), 1);
    }

    #[test]
    fn an_oversize_file_is_refused_without_reading_it_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("elections.ron");
        let mut text = String::from("[\n");
        while text.len() as u64 <= MAX_FILE_BYTES {
            text.push_str("    // padding padding padding padding padding padding padding\n");
        }
        text.push(']');
        fs_err::write(&path, &text).unwrap();
        let err = read_elections_file(&path).unwrap_err();
        assert!(matches!(err, ElectionsFileError::TooLarge { .. }), "{err}");
        assert!(err.to_string().contains("larger than 64 KiB"), "{err}");
        // Exactly at the limit is still read.
        let at_limit = format!(
            "[]{}",
            " ".repeat(usize::try_from(MAX_FILE_BYTES).unwrap() - 2)
        );
        fs_err::write(&path, at_limit).unwrap();
        assert_eq!(read_elections_file(&path).unwrap(), []);
    }

    #[test]
    fn a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_elections_file(dir.path()).unwrap_err();
        assert!(err.to_string().contains("is a folder, not a file"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("elections.ron");
        let status = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(status.success());
        // Opening a FIFO for reading would block this test forever; it must be refused first.
        let err = read_elections_file(&path).unwrap_err();
        assert!(
            err.to_string().contains("a named pipe (FIFO), not a file"),
            "{err}"
        );
    }
}
