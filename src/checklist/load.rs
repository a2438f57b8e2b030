//! Reading a checklist file: size, encoding, schema version, syntax, then every rule at once.
//!
//! Every problem names the file, and the line and column where one exists, and says what to fix.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::model::{Checklist, ChecklistOrigin, Item, Section, Verification};
use super::raw::{RawChecklist, RawItem, RawSection, RawVerification, SchemaSniff};
use crate::checks::CheckId;

/// The largest checklist file read (1 MiB); the shipped ones are a few dozen KiB.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// One problem in a checklist file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    /// 1-based line and column, where the problem has a place in the text.
    pub position: Option<(usize, usize)>,
    /// What is wrong and what to do about it.
    pub message: String,
}

impl LoadProblem {
    pub(super) fn at(position: (usize, usize), message: String) -> Self {
        Self {
            position: Some(position),
            message,
        }
    }

    pub(super) fn at_file(message: String) -> Self {
        Self {
            position: None,
            message,
        }
    }
}

/// A checklist file that could not be loaded, with every problem found in it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadError {
    /// The file, as given (a path, or a shipped file's name).
    pub file: String,
    /// At least one problem.
    pub problems: Vec<LoadProblem>,
}

impl LoadError {
    pub(super) fn new(file: String, problems: Vec<LoadProblem>) -> Self {
        Self { file, problems }
    }

    pub(super) fn io(path: &Path, err: &std::io::Error) -> Self {
        Self::new(
            path.display().to_string(),
            vec![LoadProblem::at_file(format!(
                "cannot be read: {}",
                crate::files::plain_reason(err)
            ))],
        )
    }

    /// One line per problem: `file:line:col: message`.
    pub fn lines(&self) -> Vec<String> {
        self.problems
            .iter()
            .map(|p| match p.position {
                Some((line, col)) => format!("{}:{line}:{col}: {}", self.file, p.message),
                None => format!("{}: {}", self.file, p.message),
            })
            .collect()
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines().join("\n"))
    }
}

/// The checklist schema versions this program reads.
pub const SUPPORTED_SCHEMA_VERSIONS: &[u32] = &[1];

/// Reads and validates a checklist file from disk.
pub fn read_checklist_file(path: &Path, origin: ChecklistOrigin) -> Result<Checklist, LoadError> {
    let name = path.display().to_string();
    // Only a regular file of at most the limit is read: a huge file, a folder or a named pipe
    // is refused before a byte is read.
    let bytes = crate::files::read_capped(path, MAX_FILE_BYTES).map_err(|e| {
        let message = match e.kind() {
            crate::files::FileErrorKind::TooLarge { .. } => format!(
                "is larger than {} KiB, too large for a checklist; is this the right file?",
                MAX_FILE_BYTES / 1024
            ),
            _ => format!("cannot be read: {}", e.reason()),
        };
        LoadError::new(name.clone(), vec![LoadProblem::at_file(message)])
    })?;
    parse_checklist(&name, &bytes, origin)
}

/// Parses and validates checklist text. `file` names it in messages.
pub fn parse_checklist(
    file: &str,
    bytes: &[u8],
    origin: ChecklistOrigin,
) -> Result<Checklist, LoadError> {
    let fail = |problem: LoadProblem| LoadError::new(file.to_owned(), vec![problem]);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let pos = position_of_offset(bytes, err.valid_up_to());
            return Err(fail(LoadProblem::at(
                pos,
                "is not valid UTF-8 text; save the file as UTF-8 (in Notepad: Save As, Encoding: UTF-8)"
                    .to_owned(),
            )));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if is_blank(text) {
        return Err(fail(LoadProblem::at_file(
            "is empty; a checklist file starts with `Checklist(` and `schema_version: 1,`"
                .to_owned(),
        )));
    }

    let sniff: SchemaSniff = ron::from_str(text).map_err(|e| fail(syntax_problem(&e)))?;
    match sniff.schema_version {
        0 => {
            return Err(fail(LoadProblem::at(
                (1, 1),
                format!(
                    "has no schema_version; add `schema_version: {},` as the first field",
                    SUPPORTED_SCHEMA_VERSIONS[SUPPORTED_SCHEMA_VERSIONS.len() - 1]
                ),
            )));
        }
        v if !SUPPORTED_SCHEMA_VERSIONS.contains(&v) => {
            let pos = find_field(text, "schema_version").unwrap_or((1, 1));
            return Err(fail(LoadProblem::at(
                pos,
                format!(
                    "schema version {v} is not one this version of clerkcheck reads (it reads {}); \
                 use a newer clerkcheck or write the file in schema version {}",
                    SUPPORTED_SCHEMA_VERSIONS
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                    SUPPORTED_SCHEMA_VERSIONS[SUPPORTED_SCHEMA_VERSIONS.len() - 1]
                ),
            )));
        }
        _ => {}
    }

    let raw: RawChecklist = ron::from_str(text).map_err(|e| fail(syntax_problem(&e)))?;
    let sha256 = hex::encode(Sha256::digest(bytes));
    validate(file, text, raw, origin, sha256)
}

/// Turns a RON error into a problem at its position, in words a clerk can act on.
fn syntax_problem(err: &ron::error::SpannedError) -> LoadProblem {
    let message = match &err.code {
        ron::Error::NoSuchStructField {
            found, expected, ..
        } => format!(
            "unknown field `{found}`; check its spelling (the fields here are: {})",
            expected.join(", ")
        ),
        ron::Error::MissingStructField { field, .. } => {
            format!("a required field `{field}` is missing; add it")
        }
        ron::Error::DuplicateStructField { field, .. } => {
            format!("the field `{field}` is written twice; keep one")
        }
        ron::Error::NoSuchEnumVariant {
            found, expected, ..
        } => format!(
            "`{found}` is not allowed here; use one of: {}",
            expected.join(", ")
        ),
        other => format!("{other}; check the brackets, commas and quotes near here"),
    };
    LoadProblem::at((err.span.start.line, err.span.start.col), message)
}

/// True when the text holds nothing but white space and comments.
fn is_blank(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with("//")
    })
}

/// 1-based line and column (in characters) of a byte offset.
fn position_of_offset(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.split(|&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

/// Positions (1-based line, column) of every `key: "value"` in the text, in order.
fn find_key_value(text: &str, key: &str, value: &str) -> Vec<(usize, usize)> {
    let quoted = format!("\"{value}\"");
    let mut found = Vec::new();
    for (offset, _) in text.match_indices(&quoted) {
        let before = text[..offset].trim_end();
        let Some(before) = before.strip_suffix(':') else {
            continue;
        };
        let before = before.trim_end();
        if before.ends_with(key) {
            let key_start = before.len() - key.len();
            let boundary = before[..key_start]
                .chars()
                .next_back()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
            if boundary {
                found.push(position_of_offset(text.as_bytes(), key_start));
            }
        }
    }
    found
}

/// Position of the first `key:` in the text.
fn find_field(text: &str, key: &str) -> Option<(usize, usize)> {
    text.match_indices(key).find_map(|(offset, _)| {
        text[offset + key.len()..]
            .trim_start()
            .starts_with(':')
            .then(|| position_of_offset(text.as_bytes(), offset))
    })
}

/// True for ids like `memo-2-automatic-updates`: lower-case letters, digits and single hyphens.
fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// True for `YYYY-MM-DD` with a plausible month and day.
fn is_iso_date(date: &str) -> bool {
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok()
}

/// Checks every rule and builds the trusted type, reporting all problems at once.
fn validate(
    file: &str,
    text: &str,
    raw: RawChecklist,
    origin: ChecklistOrigin,
    sha256: String,
) -> Result<Checklist, LoadError> {
    let mut v = Validator {
        text,
        problems: Vec::new(),
        occurrences: HashMap::new(),
        section_ids: HashMap::new(),
        item_ids: HashMap::new(),
    };
    v.header(&raw);
    let sections: Vec<Section> = raw.sections.into_iter().map(|s| v.section(s)).collect();
    let mut problems = v.problems;
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.position);
        return Err(LoadError::new(file.to_owned(), problems));
    }
    Ok(Checklist {
        id: raw.id,
        title: raw.title,
        version: raw.version,
        effective_date: raw.effective_date,
        schema_version: raw.schema_version,
        description: raw.description.trim().to_owned(),
        sections,
        origin,
        file: file.to_owned(),
        sha256,
    })
}

/// The state of one validation pass: the problems so far and the ids already seen.
struct Validator<'t> {
    text: &'t str,
    problems: Vec<LoadProblem>,
    /// How many times each id has been located so far, so the n-th use maps to the n-th place.
    occurrences: HashMap<String, usize>,
    section_ids: HashMap<String, (usize, usize)>,
    item_ids: HashMap<String, (usize, usize)>,
}

impl Validator<'_> {
    fn problem(&mut self, position: (usize, usize), message: String) {
        self.problems.push(LoadProblem::at(position, message));
    }

    /// Position of the next use of `id: "<id>"` in the text (ids are met in text order).
    fn locate(&mut self, id: &str) -> (usize, usize) {
        let n = self.occurrences.entry(id.to_owned()).or_insert(0);
        let spots = find_key_value(self.text, "id", id);
        let pos = spots
            .get(*n)
            .or_else(|| spots.last())
            .copied()
            .unwrap_or((1, 1));
        *n += 1;
        pos
    }

    /// The checklist's own fields.
    fn header(&mut self, raw: &RawChecklist) {
        let top = |field: &str| find_field(self.text, field).unwrap_or((1, 1));
        for (field, value) in [
            ("id", &raw.id),
            ("title", &raw.title),
            ("version", &raw.version),
            ("effective_date", &raw.effective_date),
        ] {
            if value.trim().is_empty() {
                self.problem(
                    top(field),
                    format!("the checklist's `{field}` is empty; fill it in"),
                );
            }
        }
        if !raw.id.trim().is_empty() && !is_valid_id(&raw.id) {
            self.problem(top("id"), format!(
                "checklist id \"{}\" may use only lower-case letters, digits and hyphens, e.g. \"county-extra-checks\"",
                raw.id
            ));
        }
        if !raw.effective_date.trim().is_empty() && !is_iso_date(&raw.effective_date) {
            self.problem(top("effective_date"), format!(
                "effective_date \"{}\" is not a date written as YYYY-MM-DD, e.g. \"2026-01-15\"",
                raw.effective_date
            ));
        }
        if raw.sections.is_empty() {
            self.problem(
                top("sections"),
                "the checklist has no sections; add at least one with at least one item".to_owned(),
            );
        }
    }

    /// Checks that `id` is well formed and not used before by a `kind` ("item" or "section").
    fn claim_id(&mut self, kind: &str, id: &str, pos: (usize, usize)) {
        let seen = if kind == "item" {
            &mut self.item_ids
        } else {
            &mut self.section_ids
        };
        let message = if !is_valid_id(id) {
            format!(
                "{kind} id \"{id}\" may use only lower-case letters, digits and hyphens, e.g. \"screen-lock\""
            )
        } else if let Some(first) = seen.get(id) {
            format!(
                "{kind} id \"{id}\" is used twice (first at {}:{}); give each {kind} its own id",
                first.0, first.1
            )
        } else {
            seen.insert(id.to_owned(), pos);
            return;
        };
        self.problem(pos, message);
    }

    fn section(&mut self, raw: RawSection) -> Section {
        let pos = self.locate(&raw.id);
        self.claim_id("section", &raw.id, pos);
        if raw.title.trim().is_empty() {
            self.problem(
                pos,
                format!("section \"{}\" has an empty title; fill it in", raw.id),
            );
        }
        if raw.items.is_empty() {
            self.problem(
                pos,
                format!(
                    "section \"{}\" has no items; add one or remove the section",
                    raw.id
                ),
            );
        }
        let items = raw.items.into_iter().map(|i| self.item(i)).collect();
        Section {
            id: raw.id,
            title: raw.title,
            items,
        }
    }

    /// The check named in `Automatic("…")` or `Assisted("…")` (`variant`), or a problem naming
    /// the known checks.
    fn known_check(
        &mut self,
        item_id: &str,
        variant: &str,
        check: &str,
        item_pos: (usize, usize),
    ) -> Option<CheckId> {
        let known = CheckId::from_id(check);
        if known.is_none() {
            let pos = find_check_reference(self.text, variant, check).unwrap_or(item_pos);
            self.problem(
                pos,
                format!(
                    "item \"{item_id}\" names an unknown automatic check \"{check}\"; \
                     use one of: {}, or make it Manual",
                    CheckId::known_ids()
                ),
            );
        }
        known
    }

    fn item(&mut self, raw: RawItem) -> Item {
        let pos = self.locate(&raw.id);
        self.claim_id("item", &raw.id, pos);
        for (field, value) in [
            ("text", &raw.text),
            ("why", &raw.why),
            ("how", &raw.how),
            ("source.document", &raw.source.document),
            ("source.date", &raw.source.date),
        ] {
            if value.trim().is_empty() {
                self.problem(
                    pos,
                    format!("item \"{}\" has an empty `{field}`; fill it in", raw.id),
                );
            }
        }
        let verification = match raw.verification {
            RawVerification::Manual => Verification::Manual,
            RawVerification::Automatic(check) => self
                .known_check(&raw.id, "Automatic", &check, pos)
                .map_or(Verification::Manual, Verification::Automatic),
            RawVerification::Assisted(check) => self
                .known_check(&raw.id, "Assisted", &check, pos)
                .map_or(Verification::Manual, Verification::Assisted),
        };
        Item {
            id: raw.id,
            text: raw.text.trim().to_owned(),
            why: raw.why.trim().to_owned(),
            how: raw.how.trim().to_owned(),
            source: raw.source,
            verification,
            applies_to: raw.applies_to,
            position: pos,
        }
    }
}

/// Position of `Automatic("check")` or `Assisted("check")` (`variant`) in the text.
fn find_check_reference(text: &str, variant: &str, check: &str) -> Option<(usize, usize)> {
    let quoted = format!("\"{check}\"");
    text.match_indices(&quoted).find_map(|(offset, _)| {
        text[..offset]
            .trim_end()
            .strip_suffix('(')
            .is_some_and(|b| b.trim_end().ends_with(variant))
            .then(|| position_of_offset(text.as_bytes(), offset))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, check: &str) -> String {
        format!(
            r#"        (
            id: "{id}",
            text: "Do the thing.",
            why: "Because.",
            how: "Like this.",
            source: (document: "Test", date: "2017", reference: "item 1"),
            verification: {check},
            applies_to: Both,
        ),
"#
        )
    }

    fn checklist(items: &str) -> String {
        format!(
            r#"Checklist(
    schema_version: 1,
    id: "county",
    title: "County extras",
    version: "1",
    effective_date: "2026-01-01",
    sections: [(
        id: "main",
        title: "Main",
        items: [
{items}        ],
    )],
)
"#
        )
    }

    fn parse(text: &str) -> Result<Checklist, LoadError> {
        parse_checklist("county.ron", text.as_bytes(), ChecklistOrigin::Office)
    }

    #[test]
    fn valid_file_loads_with_positions_and_hash() {
        let text = checklist(&(item("a", "Manual") + &item("b", "Automatic(\"firewall\")")));
        let c = parse(&text).unwrap();
        assert_eq!(c.item_count(), 2);
        assert_eq!(
            c.item("b").unwrap().verification,
            Verification::Automatic(CheckId::Firewall)
        );
        assert_eq!(c.item("a").unwrap().position, (12, 13));
        assert_eq!(c.sha256.len(), 64);
    }

    #[test]
    fn duplicate_item_id_names_both_places() {
        let text = checklist(&(item("screen-lock", "Manual") + &item("screen-lock", "Manual")));
        let err = parse(&text).unwrap_err();
        assert_eq!(
            err.lines(),
            vec![
                "county.ron:21:13: item id \"screen-lock\" is used twice (first at 12:13); give each item its own id"
            ]
        );
    }

    #[test]
    fn unknown_check_is_refused_with_known_ids() {
        let err = parse(&checklist(&item("a", "Automatic(\"telepathy\")"))).unwrap_err();
        let line = &err.lines()[0];
        assert!(
            line.starts_with(
                "county.ron:17:37: item \"a\" names an unknown automatic check \"telepathy\""
            ),
            "{line}"
        );
        assert!(line.contains("os-supported"), "{line}");
    }

    #[test]
    fn assisted_item_loads_with_its_check() {
        let text = checklist(&item("a", "Assisted(\"untrusted-programs\")"));
        let c = parse(&text).unwrap();
        let verification = c.item("a").unwrap().verification;
        assert_eq!(
            verification,
            Verification::Assisted(CheckId::UntrustedPrograms)
        );
        assert!(verification.needs_clerk());
    }

    #[test]
    fn unknown_assisted_check_is_refused_at_its_place() {
        let err = parse(&checklist(&item("a", "Assisted(\"telepathy\")"))).unwrap_err();
        let line = &err.lines()[0];
        assert!(
            line.starts_with(
                "county.ron:17:36: item \"a\" names an unknown automatic check \"telepathy\""
            ),
            "{line}"
        );
        assert!(line.contains("untrusted-programs"), "{line}");
    }

    #[test]
    fn unknown_field_names_the_field_and_position() {
        let text = checklist(&item("a", "Manual")).replace(
            "applies_to: Both,",
            "applies_to: Both,\n            colour: \"red\",",
        );
        let line = &parse(&text).unwrap_err().lines()[0];
        assert!(line.starts_with("county.ron:19:"), "{line}");
        assert!(line.contains("unknown field `colour`"), "{line}");
    }

    #[test]
    fn syntax_error_has_a_position() {
        let text = checklist(&item("a", "Manual")).replace("title: \"Main\",", "title: \"Main\"");
        let line = &parse(&text).unwrap_err().lines()[0];
        assert!(line.starts_with("county.ron:10:"), "{line}");
    }

    #[test]
    fn empty_and_comment_only_files_are_refused() {
        for text in ["", "  \n", "// nothing here\n"] {
            let line = &parse(text).unwrap_err().lines()[0];
            assert!(line.contains("is empty"), "{line}");
        }
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let mut bytes = checklist(&item("a", "Manual")).into_bytes();
        bytes.splice(30..30, [0xff, 0xfe]);
        let err = parse_checklist("county.ron", &bytes, ChecklistOrigin::Office).unwrap_err();
        assert!(
            err.lines()[0].starts_with("county.ron:2:"),
            "{}",
            err.lines()[0]
        );
        assert!(err.lines()[0].contains("UTF-8"));
    }

    #[test]
    fn unknown_schema_version_is_refused_before_field_checks() {
        let text = checklist(&item("a", "Manual"))
            .replace("schema_version: 1", "schema_version: 7")
            .replace("applies_to: Both,", "applies_to: Both, future_field: 1,");
        let line = &parse(&text).unwrap_err().lines()[0];
        assert!(
            line.starts_with("county.ron:2:5: schema version 7"),
            "{line}"
        );
    }

    #[test]
    fn empty_text_and_every_problem_reported_at_once() {
        let text = checklist(&(item("a", "Manual") + &item("b", "Manual")))
            .replacen("text: \"Do the thing.\"", "text: \" \"", 1)
            .replacen("how: \"Like this.\"", "how: \"\"", 2);
        let err = parse(&text).unwrap_err();
        assert_eq!(err.problems.len(), 3, "{err}");
        assert!(err.lines()[0].contains("item \"a\" has an empty `text`"));
    }

    #[test]
    fn bad_ids_and_dates_are_refused() {
        let text = checklist(&item("Screen Lock", "Manual")).replace("2026-01-01", "01/01/2026");
        let err = parse(&text).unwrap_err();
        assert_eq!(err.problems.len(), 2, "{err}");
    }

    #[test]
    fn key_value_search_skips_other_keys() {
        let text = "(xid: \"a\", id: \"a\")";
        assert_eq!(find_key_value(text, "id", "a"), vec![(1, 12)]);
    }
}
