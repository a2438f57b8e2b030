//! Everything loaded at start-up: the shipped checklists and the office's own, in display order,
//! and the office files that failed. A broken office file never stops loading; office files
//! beyond a total budget of items are refused, so no set of files can make a record too large.

use std::path::Path;

use super::load::{LoadError, LoadProblem, read_checklist_file};
use super::model::{Checklist, ChecklistOrigin, Item};
use super::shipped::shipped_checklists;

/// The most items all loaded checklists may hold together (the shipped ones hold under 100):
/// an office file that would go past it is refused with a message.
pub const MAX_ITEMS: usize = 2_000;

/// Everything loaded at start-up: the checklists in display order, and office files that failed.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Shipped checklists first, then the office's own, each sorted by file name.
    pub checklists: Vec<Checklist>,
    /// Office files that could not be loaded; they are skipped, never fatal.
    pub failed: Vec<LoadError>,
}

impl Catalog {
    /// Loads the shipped checklists and every `*.ron` file in `office_dir` (missing folder = none).
    ///
    /// A broken office file never stops loading: it is reported in [`Catalog::failed`] and skipped.
    /// An office file whose checklist id or item ids clash with one already loaded is skipped too.
    pub fn load(office_dir: &Path) -> Self {
        let mut catalog = Self::default();
        for checklist in shipped_checklists() {
            catalog.checklists.push(checklist);
        }
        let mut paths = match fs_err::read_dir(office_dir) {
            Ok(entries) => entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")))
                .collect::<Vec<_>>(),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(err) => {
                catalog.failed.push(LoadError::io(office_dir, &err));
                Vec::new()
            }
        };
        paths.sort();
        for path in paths {
            match read_checklist_file(&path, ChecklistOrigin::Office) {
                Ok(checklist) => {
                    if let Err(err) = catalog
                        .check_clashes(&checklist, &path)
                        .and_then(|()| catalog.check_budget(&checklist, &path))
                    {
                        catalog.failed.push(err);
                    } else {
                        catalog.checklists.push(checklist);
                    }
                }
                Err(err) => catalog.failed.push(err),
            }
        }
        catalog
    }

    /// Refuses a checklist that would take the items of all checklists past [`MAX_ITEMS`].
    fn check_budget(&self, new: &Checklist, path: &Path) -> Result<(), LoadError> {
        let loaded: usize = self.checklists.iter().map(Checklist::item_count).sum();
        if loaded + new.item_count() <= MAX_ITEMS {
            return Ok(());
        }
        Err(LoadError::new(
            path.display().to_string(),
            vec![LoadProblem::at_file(format!(
                "has {} items, and with the {loaded} already loaded that is more than the \
                 {MAX_ITEMS} a self-check can hold; split the office's checklists or remove some \
                 of their files",
                new.item_count()
            ))],
        ))
    }

    /// Refuses a checklist whose id or item ids are already used by a loaded checklist.
    fn check_clashes(&self, new: &Checklist, path: &Path) -> Result<(), LoadError> {
        let mut problems = Vec::new();
        for old in &self.checklists {
            if old.id == new.id {
                problems.push(LoadProblem::at_file(format!(
                    "checklist id \"{}\" is already used by \"{}\"; give this file its own id",
                    new.id, old.title
                )));
            }
            for item in new.items() {
                if old.item(&item.id).is_some() {
                    problems.push(LoadProblem::at(
                        item.position,
                        format!(
                            "item id \"{}\" is already used in checklist \"{}\"; give it another id",
                            item.id, old.title
                        ),
                    ));
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(LoadError::new(path.display().to_string(), problems))
        }
    }

    /// Finds an item by id in any loaded checklist.
    pub fn item(&self, item_id: &str) -> Option<(&Checklist, &Item)> {
        self.checklists
            .iter()
            .find_map(|c| c.item(item_id).map(|i| (c, i)))
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    #[test]
    fn office_files_past_the_item_budget_are_refused_with_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let mut items = String::new();
        for i in 0..MAX_ITEMS {
            write!(
                items,
                "Item(id: \"bulk-{i}\", text: \"Do item {i}.\", why: \"w\", how: \"h\", \
                 source: Source(document: \"d\", date: \"2026\", reference: \"r\"), \
                 verification: Manual, applies_to: Both),"
            )
            .unwrap();
        }
        let text = format!(
            "Checklist(schema_version: 1, id: \"bulk\", title: \"Bulk\", version: \"1\", \
             effective_date: \"2026-01-01\", sections: [Section(id: \"s\", title: \"S\", \
             items: [{items}])])"
        );
        crate::files::write_atomic(
            &dir.path().join("bulk.ron"),
            text.as_bytes(),
            ".t",
            crate::files::Existing::Replace,
            false,
        )
        .unwrap();
        let catalog = Catalog::load(dir.path());
        assert_eq!(catalog.checklists.len(), shipped_checklists().len());
        let message = catalog.failed[0].to_string();
        assert!(message.contains("more than the 2000"), "{message}");
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_among_the_office_files_is_refused_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(dir.path().join("county.ron"))
            .status()
            .unwrap();
        assert!(status.success());
        let catalog = Catalog::load(dir.path());
        let message = catalog.failed[0].to_string();
        assert!(message.contains("named pipe"), "{message}");
    }
}
