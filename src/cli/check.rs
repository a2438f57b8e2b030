//! `clerkcheck check`: the automatic checks in the terminal.

use super::EXIT_OK;
use crate::checklist::Catalog;
use crate::paths::DataDir;

/// Arguments of `clerkcheck check`.
#[derive(Debug, Default, clap::Args)]
pub struct CheckArgs {
    /// Print the findings as JSON (schema in the README).
    #[arg(long)]
    pub json: bool,
}

/// Runs the checks and prints them. (Until the checks exist: lists the checklists.)
pub fn run(data: &DataDir, _args: &CheckArgs) -> anyhow::Result<u8> {
    let catalog = Catalog::load(&data.checklists());
    for c in &catalog.checklists {
        println!("{}: {} items", c.title, c.item_count());
    }
    Ok(EXIT_OK)
}
