//! `clerkcheck rollup FOLDER [--csv|--json]`: the commission's table of received
//! certifications, each verified, with gaps and duplicates flagged per jurisdiction.

use std::io::IsTerminal as _;
use std::path::PathBuf;

use super::{EXIT_FAILED, EXIT_OK};
use crate::report::rollup::{self, Rollup};

/// Arguments of `clerkcheck rollup`.
#[derive(Debug, clap::Args)]
pub struct RollupArgs {
    /// The folder of received certification PDFs (its subfolders are not read).
    #[arg(value_name = "FOLDER")]
    pub folder: PathBuf,
    /// Write CSV.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Write JSON.
    #[arg(long)]
    pub json: bool,
}

/// Verifies every PDF of the folder and prints the table; exit 0 only when every certification
/// is genuine and nothing is flagged.
pub fn run(args: &RollupArgs) -> anyhow::Result<u8> {
    let paths = rollup::pdf_files(&args.folder)?;
    if paths.is_empty() {
        eprintln!(
            "clerkcheck: {} holds no PDF files; put the received certifications there.",
            args.folder.display()
        );
        return Ok(EXIT_FAILED);
    }
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(paths.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "Checking certifications {bar:40} {pos}/{len} ({eta} left)",
        ) {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let received = rollup::check_all(&paths, &|| bar.inc(1));
    bar.finish_and_clear();
    let table = Rollup::of(&received);
    if args.csv {
        print!("{}", rollup::to_csv(&table));
    } else if args.json {
        println!("{}", rollup::to_json(&table));
    } else {
        print!("{}", rollup::to_table(&table));
    }
    if args.csv || args.json {
        eprintln!("{}", table.summary());
    }
    Ok(if table.is_clean() {
        EXIT_OK
    } else {
        EXIT_FAILED
    })
}
