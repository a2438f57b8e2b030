//! The answers file read by `clerkcheck sign --answers FILE`: item id → answer and optional note.
//!
//! ```ron
//! // Answers for clerkcheck sign. Items not named here are recorded as not answered.
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

use super::answers::{Answer, Answers, ItemAnswer};
use crate::checklist::Catalog;
use crate::files;

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

/// Reads and parses an answers file from disk (a regular file of at most 1 MiB).
pub fn read_answers_file(path: &Path) -> Result<AnswersFile, AnswersFileError> {
    let file = path.display().to_string();
    let bytes = files::read_capped(path, MAX_ANSWERS_BYTES).map_err(|e| AnswersFileError {
        file: file.clone(),
        position: None,
        message: e.reason(),
    })?;
    parse_answers(&file, &bytes)
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
    let parsed: NoDuplicates = ron::Options::default()
        .with_recursion_limit(32)
        .from_str(text)
        .map_err(|e| {
            let message = match &e.code {
                ron::Error::NoSuchStructField { found, .. } => {
                    format!(
                        "unknown field `{found}`; an answer has `answer:` and an optional `note:`"
                    )
                }
                ron::Error::MissingStructField { field, .. } => {
                    format!("the field `{field}` is missing; write e.g. (answer: Done)")
                }
                ron::Error::NoSuchEnumVariant { found, .. } => format!(
                    "`{found}` is not an answer; use Done, NotDone or NotApplicable(\"reason\")"
                ),
                ron::Error::Message(message) => message.clone(),
                ron::Error::ExceededRecursionLimit => {
                    "the file is nested too deeply to be an answers file".to_owned()
                }
                _ => "this is not written the way an answers file is; it is a map like \
                  { \"item-id\": (answer: Done, note: \"...\"), }"
                    .to_owned(),
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

    /// The answers as the sign-off takes them.
    pub fn to_answers(&self) -> Answers {
        self.entries
            .iter()
            .map(|(id, entry)| {
                let answer = match &entry.answer {
                    FileAnswer::Done => Answer::Done,
                    FileAnswer::NotDone => Answer::NotDone,
                    FileAnswer::NotApplicable(reason) => Answer::NotApplicable(reason.clone()),
                };
                (
                    id.clone(),
                    ItemAnswer {
                        answer: Some(answer),
                        note: entry.note.clone(),
                    },
                )
            })
            .collect()
    }
}
