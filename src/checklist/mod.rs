//! Checklists: the shipped ones (compiled in) and an office's own, as validated data.
//!
//! RON text is turned into a checked [`Checklist`] once, in `load`; the rest of the program
//! trusts it: no duplicate item ids, no empty texts, only known automatic checks, a known schema.
//! `catalog` loads the shipped checklists and the office's own, within a total budget.

mod catalog;
mod load;
mod model;
mod raw;
mod shipped;

pub use catalog::{Catalog, MAX_ITEMS};
pub use load::{
    LoadError, LoadProblem, MAX_FILE_BYTES, SUPPORTED_SCHEMA_VERSIONS, parse_checklist,
    read_checklist_file,
};
pub use model::{AppliesTo, Checklist, ChecklistOrigin, Item, Section, Source, Verification};
pub use shipped::{SHIPPED, ShippedFile, shipped_checklists};
