//! The draft: the answers and signer typed so far, autosaved to the data folder as RON and
//! cleared once the record is saved. A draft that cannot be read is moved aside — never
//! overwritten, never lost — and a new one is started.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::answers::Answers;
use super::text::{field_problem, note_problem};
use crate::files::{self, Existing, FileError};
use crate::records::Signer;

/// The largest draft file read (1 MiB; a full draft is a few KiB).
pub const MAX_DRAFT_BYTES: u64 = 1024 * 1024;

/// What is autosaved while the clerk works. Never kept in eframe storage.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// Who signs (as typed so far).
    pub signer: Signer,
    /// The answers so far, by item id.
    pub answers: Answers,
}

/// Why the draft could not be read or written, in plain words.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    /// The draft could not be read; it was moved aside.
    #[error(
        "{}: your saved answers could not be read ({why}); the file was kept as {} and a new \
         draft was started",
        path.display(),
        aside.display()
    )]
    MovedAside {
        /// The draft.
        path: PathBuf,
        /// Where it is now.
        aside: PathBuf,
        /// What is wrong with it.
        why: String,
    },
    /// The draft could not be read nor moved aside; it is left where it is and not overwritten.
    #[error(
        "{}: your saved answers could not be read ({why}) nor moved aside ({aside_problem}); \
         they are left as they are and will not be overwritten",
        path.display()
    )]
    Stuck {
        /// The draft.
        path: PathBuf,
        /// What is wrong with it.
        why: String,
        /// Why it could not be moved.
        aside_problem: String,
    },
    /// The draft could not be written.
    #[error("your answers could not be saved as a draft: {0}")]
    Write(#[source] FileError),
}

impl Draft {
    /// Reads the draft at `path`: `Ok(None)` when there is none. A draft that cannot be used —
    /// damaged, not UTF-8, too large, not a regular file, or with a field longer than the form
    /// allows — is moved aside to `draft.ron.broken` (or `-2`, `-3`, …) and reported.
    pub fn read(path: &Path) -> Result<Option<Self>, DraftError> {
        let why = match files::read_text_capped(path, MAX_DRAFT_BYTES) {
            Err(err) if err.is_not_found() => return Ok(None),
            Err(err) => err.reason(),
            Ok(text) => match ron::Options::default()
                .with_recursion_limit(32)
                .from_str::<Self>(&text)
            {
                Ok(draft) => match draft.problem() {
                    None => return Ok(Some(draft)),
                    Some(problem) => problem,
                },
                Err(err) => format!(
                    "it is damaged at line {}, column {}",
                    err.span.start.line, err.span.start.col
                ),
            },
        };
        Err(move_aside(path, why))
    }

    /// Writes the draft atomically.
    pub fn write(&self, path: &Path) -> Result<(), DraftError> {
        let text =
            ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default()).map_err(|e| {
                DraftError::Write(FileError::io(
                    path,
                    "write the file",
                    std::io::Error::other(e.to_string()),
                ))
            })?;
        // Refusing to write a draft that the next start would move aside keeps them in step.
        if text.len() as u64 > MAX_DRAFT_BYTES {
            return Err(DraftError::Write(FileError::io(
                path,
                "write the file",
                std::io::Error::from(std::io::ErrorKind::FileTooLarge),
            )));
        }
        files::write_atomic(
            path,
            text.as_bytes(),
            ".tmp-draft-",
            Existing::Replace,
            false,
        )
        .map_err(DraftError::Write)
    }

    /// Removes the draft after signing. A draft that cannot be removed only means the answers
    /// come back next time; the record is safe either way.
    pub fn clear(path: &Path) -> Result<(), FileError> {
        files::remove_if_present(path)
    }

    /// Why this draft cannot be used as it is (a field longer than the form allows).
    fn problem(&self) -> Option<String> {
        let s = &self.signer;
        for (what, value) in [
            ("the name", &s.name),
            ("the title", &s.title),
            ("the jurisdiction", &s.jurisdiction),
            ("the county", &s.county),
        ] {
            if let Some(problem) = field_problem(what, value) {
                return Some(problem);
            }
        }
        self.answers.iter().find_map(|(id, a)| {
            let reason = a.not_applicable_reason().unwrap_or("");
            note_problem(&format!("the note of item \"{id}\""), &a.note)
                .or_else(|| note_problem(&format!("the reason of item \"{id}\""), reason))
        })
    }
}

/// Moves a draft that cannot be used aside, never over another file.
fn move_aside(path: &Path, why: String) -> DraftError {
    let aside = free_aside_name(path);
    match fs_err::rename(path, &aside) {
        Ok(()) => DraftError::MovedAside {
            path: path.to_owned(),
            aside,
            why,
        },
        Err(err) => DraftError::Stuck {
            path: path.to_owned(),
            why,
            aside_problem: files::plain_reason(&err),
        },
    }
}

/// `draft.ron.broken`, or `draft.ron.broken-2`, … whichever does not exist yet.
fn free_aside_name(path: &Path) -> PathBuf {
    let base = path.with_extension("ron.broken");
    let mut candidate = base.clone();
    let mut n = 2;
    while candidate.symlink_metadata().is_ok() {
        candidate = PathBuf::from(format!("{}-{n}", base.display()));
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::answers::{Answer, ItemAnswer};

    fn draft() -> Draft {
        let mut d = Draft::default();
        d.signer.name = "José Núñez-Øberg".into();
        d.answers
            .insert("memo-1".into(), ItemAnswer::new(Answer::Done));
        d
    }

    #[test]
    fn a_draft_round_trips_and_clears() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draft.ron");
        assert_eq!(Draft::read(&path).unwrap(), None);
        draft().write(&path).unwrap();
        assert_eq!(Draft::read(&path).unwrap(), Some(draft()));
        Draft::clear(&path).unwrap();
        Draft::clear(&path).unwrap();
        assert_eq!(Draft::read(&path).unwrap(), None);
    }

    #[test]
    fn a_broken_draft_is_kept_aside_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draft.ron");
        for (n, bytes) in [
            b"(signer: (name: ".to_vec(),
            b"(signer: (name: \"\xff\xfe\"))".to_vec(),
        ]
        .into_iter()
        .enumerate()
        {
            files::write_atomic(&path, &bytes, ".t", Existing::Replace, false).unwrap();
            let err = Draft::read(&path).unwrap_err();
            let DraftError::MovedAside { aside, .. } = &err else {
                panic!("{err}")
            };
            let expected = if n == 0 {
                "draft.ron.broken"
            } else {
                "draft.ron.broken-2"
            };
            assert!(aside.ends_with(expected), "{}", aside.display());
            assert_eq!(files::read_capped(aside, 100).unwrap(), bytes);
            assert!(!path.exists());
        }
    }

    #[test]
    fn a_draft_with_an_absurdly_long_name_is_moved_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draft.ron");
        let mut d = draft();
        d.signer.name = "x".repeat(200_000);
        let text = ron::to_string(&d).unwrap();
        files::write_atomic(&path, text.as_bytes(), ".t", Existing::Replace, false).unwrap();
        let err = Draft::read(&path).unwrap_err().to_string();
        assert!(err.contains("name"), "{err}");
        // Over the file cap, too.
        d.signer.name = "x".repeat(2_000_000);
        let text = ron::to_string(&d).unwrap();
        files::write_atomic(&path, text.as_bytes(), ".t", Existing::Replace, false).unwrap();
        let err = Draft::read(&path).unwrap_err().to_string();
        assert!(err.contains("more than"), "{err}");
    }
}
