//! The command line: `clerkcheck [--data-dir DIR] [COMMAND]`.
//!
//! Exit codes: 0 all good, 1 something failed (a check, a file, the chain), 2 a usage error.

#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the command line's job is to print to the terminal"
)]

mod certification;
mod check;
mod checklists;
mod due;
mod records;
mod report;
mod rollup;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use crate::exit::{EXIT_FAILED, EXIT_OK, EXIT_USAGE};

use crate::paths::DataDir;

/// Election office security self-check and certification.
#[derive(Debug, Parser)]
#[command(name = "clerkcheck", version, about, long_about = None)]
pub struct Cli {
    /// Where office checklists, the policy, the draft and records live.
    /// Default: this user's data folder.
    #[arg(long, global = true, env = "CLERKCHECK_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// What to do; without one, the app window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the automatic checks of this computer and print the findings.
    Check(check::CheckArgs),
    /// Check checklist files for mistakes.
    Validate {
        /// Checklist files (`.ron`).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// List the loaded checklists, and office files that failed to load.
    Checklists,
    /// Sign off without the window: run the checks, apply answers from a file, save a record.
    Sign(records::SignArgs),
    /// List the signed-off records.
    History(records::HistoryArgs),
    /// Verify that no record was altered, removed, inserted or reordered.
    Verify,
    /// Mark a signed record as reviewed by the office manager.
    Review(records::ReviewArgs),
    /// Make the certification PDF of a saved record.
    Report(report::ReportArgs),
    /// The next elections and whether a sign-off is due (exit 0 not due, 1 due).
    Due(due::DueArgs),
    /// Check certification PDFs: genuine, and a record of this office?
    VerifyCertification(certification::VerifyCertificationArgs),
    /// Verify a folder of received certifications and write one table (for the commission).
    Rollup(rollup::RollupArgs),
}

/// Parses the command line, runs it, and returns the exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() {
                EXIT_USAGE
            } else {
                EXIT_OK
            };
            // Printing clap's message is the whole point here; a broken stdout leaves nothing to do.
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            log::error!("{err:#}");
            eprintln!("clerkcheck: {err:#}");
            ExitCode::from(EXIT_FAILED)
        }
    }
}

/// Resolves the data directory: `--data-dir`, `CLERKCHECK_DATA_DIR`, or the platform default.
fn data_dir(cli: &Cli) -> anyhow::Result<DataDir> {
    match &cli.data_dir {
        Some(dir) => Ok(DataDir::new(dir)),
        None => DataDir::platform_default().ok_or_else(|| {
            anyhow::anyhow!("cannot find a home folder for the data; pass --data-dir DIR")
        }),
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    let data = data_dir(&cli)?;
    crate::logging::init(&data);
    match cli.command {
        None => crate::ui::launch::open_window(&data),
        Some(Command::Check(args)) => check::run(&data, &args),
        Some(Command::Validate { files }) => Ok(checklists::validate(&files)),
        Some(Command::Checklists) => Ok(checklists::list(&data)),
        Some(Command::Sign(args)) => records::sign(&data, &args),
        Some(Command::History(args)) => records::history(&data, &args),
        Some(Command::Verify) => records::verify(&data),
        Some(Command::Review(args)) => records::review(&data, &args),
        Some(Command::Report(args)) => report::run(&data, &args),
        Some(Command::Due(args)) => due::run(&data, &args),
        Some(Command::VerifyCertification(args)) => certification::run(&data, &args),
        Some(Command::Rollup(args)) => rollup::run(&args),
    }
}
