//! Checklists: the shipped ones (compiled in) and an office's own, as validated data.
//!
//! RON text is turned into a checked [`Checklist`] once, in [`load`]; the rest of the program
//! trusts it: no duplicate item ids, no empty texts, only known automatic checks, a known schema.

mod load;
mod model;
mod raw;
mod shipped;

pub use load::{LoadError, LoadProblem, MAX_FILE_BYTES, parse_checklist, read_checklist_file};
pub use model::{AppliesTo, Checklist, ChecklistOrigin, Item, Section, Source, Verification};
pub use shipped::{SHIPPED, ShippedFile, shipped_checklists};

use std::path::Path;

/// The checklist schema versions this program reads.
pub const SUPPORTED_SCHEMA_VERSIONS: &[u32] = &[1];

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
                    if let Err(err) = catalog.check_clashes(&checklist, &path) {
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
