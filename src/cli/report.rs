//! `clerkcheck report SEQ_OR_FILE -o OUT.pdf`.

use std::path::PathBuf;

use crate::paths::DataDir;

/// Arguments of `clerkcheck report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// A record's sequence number, or the path of a record file.
    #[arg(value_name = "SEQ_OR_FILE")]
    pub record: String,
    /// Where to write the PDF.
    #[arg(short, long, value_name = "OUT.pdf")]
    pub output: PathBuf,
}

/// Writes the certification PDF.
pub fn run(_data: &DataDir, _args: &ReportArgs) -> anyhow::Result<u8> {
    anyhow::bail!("the certification PDF is not built yet")
}
