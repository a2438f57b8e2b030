//! The answers file read by `clerkcheck sign --answers FILE`: item id → answer and optional note.
//!
//! ```ron
//! // Answers for clerkcheck sign. Items not named here are recorded as not done.
//! {
//!     "memo-passwords": (answer: Done),
//!     "memo-usb": (answer: NotDone, note: "new policy from January"),
//!     "memo-wireless": (answer: NotApplicable("the office has no wireless network")),
//! }
//! ```
//!
//! Every problem names the file and, where there is one, the line and column.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::answers::{Answers, ItemAnswer};
use crate::checklist::Catalog;

/// The largest answers file read (1 MiB).
pub const MAX_ANSWERS_BYTES: u64 = 1024 * 1024;

/// The clerk's answer to one item in the answers file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileAnswer {
    /// The office does this (for an automatic item: attested by hand, allowed only when its
    /// check comes back Unknown, with a note).
    Done,
    /// The office does not do this (yet).
    NotDone,
    /// It does not apply to this office, and why (the reason may not be empty).
    NotApplicable(String),
}

/// One entry of the answers file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileItemAnswer {
    /// The answer.
    pub answer: FileAnswer,
    /// An optional note.
    #[serde(default)]
    pub note: String,
}

/// The parsed answers file, by item id, with where each id is written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnswersFile {
    /// The answers, by item id.
    pub entries: BTreeMap<String, FileItemAnswer>,
    /// 1-based line and column of each item id in the file.
    pub positions: BTreeMap<String, (usize, usize)>,
}

/// A problem with the answers file, naming the file and the place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", .position.map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default())]
pub struct AnswersFileError {
    /// The file, as given.
    pub file: String,
    /// Line and column, where there is one.
    pub position: Option<(usize, usize)>,
    /// What is wrong and what to do.
    pub message: String,
}

/// A map that refuses an item named twice.
struct NoDuplicates(BTreeMap<String, FileItemAnswer>);

impl<'de> Deserialize<'de> for NoDuplicates {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor;
        impl<'de> Visitor<'de> for MapVisitor {
            type Value = NoDuplicates;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of item id to (answer: ..., note: \"...\")")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((key, value)) = map.next_entry::<String, FileItemAnswer>()? {
                    if out.contains_key(&key) {
                        return Err(serde::de::Error::custom(format!(
                            "item \"{key}\" is answered twice; keep one answer"
                        )));
                    }
                    out.insert(key, value);
                }
                Ok(NoDuplicates(out))
            }
        }
        deserializer.deserialize_map(MapVisitor)
    }
}

/// Reads and parses an answers file from disk.
pub fn read_answers_file(path: &Path) -> Result<AnswersFile, AnswersFileError> {
    let file = path.display().to_string();
    let fail = |message: String| AnswersFileError {
        file: file.clone(),
        position: None,
        message,
    };
    let handle = fs_err::File::open(path).map_err(|e| fail(io_reason(&e)))?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(handle, MAX_ANSWERS_BYTES + 1),
        &mut bytes,
    )
    .map_err(|e| fail(io_reason(&e)))?;
    if bytes.len() as u64 > MAX_ANSWERS_BYTES {
        return Err(fail(
            "is larger than 1 MiB, too large for an answers file; is this the right file?"
                .to_owned(),
        ));
    }
    parse_answers(&file, &bytes)
}

/// The part of an I/O error worth showing.
fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "the file does not exist".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => err.to_string(),
    }
}

/// Parses answers file text. `file` names it in messages.
pub fn parse_answers(file: &str, bytes: &[u8]) -> Result<AnswersFile, AnswersFileError> {
    let at = |position: Option<(usize, usize)>, message: String| AnswersFileError {
        file: file.to_owned(),
        position,
        message,
    };
    let text = std::str::from_utf8(bytes)
        .map_err(|_| at(None, "is not valid UTF-8 text; save it as UTF-8".to_owned()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parsed: NoDuplicates = ron::from_str(text).map_err(|e| {
        let message = match &e.code {
            ron::Error::NoSuchStructField { found, .. } => {
                format!("unknown field `{found}`; an answer has `answer:` and an optional `note:`")
            }
            ron::Error::MissingStructField { field, .. } => {
                format!("the field `{field}` is missing; write e.g. (answer: Done)")
            }
            ron::Error::NoSuchEnumVariant { found, .. } => format!(
                "`{found}` is not an answer; use Done, NotDone or NotApplicable(\"reason\")"
            ),
            other => format!(
                "{other}; the file is a map like {{ \"item-id\": (answer: Done, note: \"...\"), }}"
            ),
        };
        at(Some((e.span.start.line, e.span.start.col)), message)
    })?;
    let positions = parsed
        .0
        .keys()
        .filter_map(|id| key_position(text, id).map(|p| (id.clone(), p)))
        .collect();
    Ok(AnswersFile {
        entries: parsed.0,
        positions,
    })
}

/// Where `"id"` is first written in the text (1-based line and column).
fn key_position(text: &str, id: &str) -> Option<(usize, usize)> {
    let needle = format!("\"{id}\"");
    let offset = text.find(&needle)?;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rfind('\n').map_or(offset, |nl| offset - nl - 1) + 1;
    Some((line, col))
}

impl AnswersFile {
    /// Checks every id against the catalog and every not-applicable reason; returns all
    /// problems found, each naming the file and the item's place.
    #[must_use]
    pub fn check(&self, file: &str, catalog: &Catalog) -> Vec<AnswersFileError> {
        let mut problems = Vec::new();
        for (id, entry) in &self.entries {
            let position = self.positions.get(id).copied();
            if catalog.item(id).is_none() {
                problems.push(AnswersFileError {
                    file: file.to_owned(),
                    position,
                    message: format!(
                        "item \"{id}\" is not in any loaded checklist; check the id \
                         (`clerkcheck checklists` lists them)"
                    ),
                });
            }
            if matches!(&entry.answer, FileAnswer::NotApplicable(r) if r.trim().is_empty()) {
                problems.push(AnswersFileError {
                    file: file.to_owned(),
                    position,
                    message: format!(
                        "item \"{id}\" is marked not applicable with an empty reason; \
                         say why it does not apply"
                    ),
                });
            }
        }
        problems
    }

    /// The answers in the form [`super::SignOff`] takes.
    #[must_use]
    pub fn to_answers(&self) -> Answers {
        self.entries
            .iter()
            .map(|(id, entry)| {
                let answer = match &entry.answer {
                    FileAnswer::Done => ItemAnswer {
                        done: true,
                        note: entry.note.clone(),
                        not_applicable: None,
                    },
                    FileAnswer::NotDone => ItemAnswer {
                        done: false,
                        note: entry.note.clone(),
                        not_applicable: None,
                    },
                    FileAnswer::NotApplicable(reason) => ItemAnswer {
                        done: false,
                        note: entry.note.clone(),
                        not_applicable: Some(reason.clone()),
                    },
                };
                (id.clone(), answer)
            })
            .collect()
    }
}

#[cfg(test)]
// In tests a panic is the failure report.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::load(Path::new("/nonexistent/clerkcheck-test"))
    }

    fn manual_ids(catalog: &Catalog) -> Vec<String> {
        catalog
            .checklists
            .iter()
            .flat_map(crate::checklist::Checklist::items)
            .filter(|i| i.verification.check().is_none())
            .map(|i| i.id.clone())
            .collect()
    }

    #[test]
    fn parses_all_three_answers_with_notes() {
        let text = "// answers\n{\n    \"a\": (answer: Done),\n    \"b\": (answer: NotDone, note: \"soon\"),\n    \"c\": (answer: NotApplicable(\"no wifi\")),\n}\n";
        let parsed = parse_answers("answers.ron", text.as_bytes()).unwrap();
        assert_eq!(parsed.entries.len(), 3);
        assert_eq!(parsed.positions["b"], (4, 5));
        let answers = parsed.to_answers();
        assert!(answers["a"].done);
        assert!(!answers["b"].done);
        assert_eq!(answers["b"].note, "soon");
        assert_eq!(answers["c"].not_applicable.as_deref(), Some("no wifi"));
    }

    #[test]
    fn syntax_error_names_file_line_and_column() {
        let text = "{\n    \"a\": (answer: Dun),\n}\n";
        let err = parse_answers("answers.ron", text.as_bytes()).unwrap_err();
        let shown = err.to_string();
        assert!(shown.starts_with("answers.ron:2:"), "{shown}");
        assert!(shown.contains("Done, NotDone or NotApplicable"), "{shown}");
    }

    #[test]
    fn unknown_field_is_refused() {
        let text = "{ \"a\": (answer: Done, notes: \"x\") }";
        let err = parse_answers("f.ron", text.as_bytes()).unwrap_err();
        assert!(err.message.contains("unknown field `notes`"), "{err}");
    }

    #[test]
    fn duplicate_item_is_refused() {
        let text = "{ \"a\": (answer: Done), \"a\": (answer: NotDone) }";
        let err = parse_answers("f.ron", text.as_bytes()).unwrap_err();
        assert!(err.message.contains("answered twice"), "{err}");
    }

    #[test]
    fn unknown_item_and_empty_reason_are_reported_with_positions() {
        let catalog = catalog();
        let known = manual_ids(&catalog);
        let text = format!(
            "{{\n  \"no-such-item\": (answer: Done),\n  \"{}\": (answer: NotApplicable(\"  \")),\n}}",
            known[0]
        );
        let parsed = parse_answers("f.ron", text.as_bytes()).unwrap();
        let problems = parsed.check("f.ron", &catalog);
        assert_eq!(problems.len(), 2, "{problems:?}");
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            shown
                .iter()
                .any(|s| s.starts_with("f.ron:2:3: item \"no-such-item\" is not in any")),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .any(|s| s.starts_with("f.ron:3:3:") && s.contains("empty reason")),
            "{shown:?}"
        );
    }

    #[test]
    fn valid_file_has_no_problems() {
        let catalog = catalog();
        let known = manual_ids(&catalog);
        let text = format!("{{ \"{}\": (answer: Done) }}", known[0]);
        let parsed = parse_answers("f.ron", text.as_bytes()).unwrap();
        assert!(parsed.check("f.ron", &catalog).is_empty());
    }
}
