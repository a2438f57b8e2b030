//! `clerkcheck validate` and `clerkcheck checklists`.

use std::path::PathBuf;

use super::{EXIT_FAILED, EXIT_OK};
use crate::checklist::{Catalog, ChecklistOrigin, read_checklist_file};
use crate::paths::DataDir;

/// Validates each file; prints one line per problem. Exit 1 if any file has a problem.
pub fn validate(files: &[PathBuf]) -> u8 {
    let mut bad = 0;
    for file in files {
        match read_checklist_file(file, ChecklistOrigin::Office) {
            Ok(c) => println!(
                "{}: ok ({} in {})",
                file.display(),
                plural(c.item_count(), "item"),
                plural(c.sections.len(), "section")
            ),
            Err(err) => {
                bad += 1;
                for line in err.lines() {
                    println!("{line}");
                }
            }
        }
    }
    if bad == 0 { EXIT_OK } else { EXIT_FAILED }
}

/// Lists the loaded checklists with item counts, then every office file that failed to load.
pub fn list(data: &DataDir) -> u8 {
    let catalog = Catalog::load(&data.checklists());
    for c in &catalog.checklists {
        let origin = match c.origin {
            ChecklistOrigin::Shipped => "shipped",
            ChecklistOrigin::Office => "office",
        };
        println!(
            "{:<32} {:>3} items  v{:<8} {:<7} {}",
            c.id,
            c.item_count(),
            c.version,
            origin,
            c.title
        );
        for s in &c.sections {
            println!("    {:>3}  {}", s.items.len(), s.title);
        }
    }
    println!(
        "Office checklists are read from {}",
        data.checklists().display()
    );
    if catalog.failed.is_empty() {
        EXIT_OK
    } else {
        println!(
            "{} office file(s) could not be loaded and were skipped:",
            catalog.failed.len()
        );
        for err in &catalog.failed {
            for line in err.lines() {
                println!("  {line}");
            }
        }
        EXIT_FAILED
    }
}

/// "1 item", "2 items".
pub(super) fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
