//! `clerkcheck verify-certification FILE.pdf…`: is each certification genuine, and is it a
//! record of this office?

use std::path::PathBuf;

use super::{EXIT_FAILED, EXIT_OK};
use crate::paths::DataDir;
use crate::report::verify::{Authenticity, Place};
use crate::report::verify::{Office, check_certification_file};

/// Arguments of `clerkcheck verify-certification`.
#[derive(Debug, clap::Args)]
pub struct VerifyCertificationArgs {
    /// Certification PDFs made by clerkcheck.
    #[arg(required = true, value_name = "FILE.pdf")]
    pub files: Vec<PathBuf>,
}

/// The office's records to compare with: the data folder's records, when there are any (with
/// the head copy in the settings folder, as the window reads them, so deleted newest records
/// are seen the same way).
pub fn office_at(data: &DataDir) -> Option<Office> {
    let office = Office::load(&data.record_store());
    office.has_records().then_some(office)
}

/// Checks each PDF and prints its verdict in plain words; exit 0 only when every one is
/// genuine and, when the office's records were compared, each is an intact record of them.
#[expect(
    clippy::unnecessary_wraps,
    reason = "the same signature as the other subcommands, which `cli::run` dispatches to alike"
)]
pub fn run(data: &DataDir, args: &VerifyCertificationArgs) -> anyhow::Result<u8> {
    let office = office_at(data);
    let mut all_genuine = true;
    for file in &args.files {
        let check = check_certification_file(file, office.as_ref());
        all_genuine &= match check.authenticity {
            Authenticity::Genuine(Place::NoFolder | Place::OfThisOffice { .. }) => true,
            Authenticity::Genuine(_) => office.is_none(),
            _ => false,
        };
        println!("{}: {}", file.display(), check.authenticity.words());
        println!("  {}", check.detail);
    }
    if office.is_none() {
        println!(
            "(No records folder at {} to compare with: pass --data-dir to compare with an \
             office's records.)",
            data.records().display()
        );
    }
    Ok(if all_genuine { EXIT_OK } else { EXIT_FAILED })
}
