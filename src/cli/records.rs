//! `clerkcheck sign`, `history` and `verify`.

use std::path::PathBuf;

use crate::paths::DataDir;

/// Arguments of `clerkcheck sign`.
#[derive(Debug, clap::Args)]
pub struct SignArgs {
    /// The answers file (RON): item id → Done / NotDone / NotApplicable("reason"), optional note.
    #[arg(long, value_name = "FILE")]
    pub answers: PathBuf,
    /// The signer's full name.
    #[arg(long, value_name = "NAME")]
    pub signer: String,
    /// The signer's title, e.g. "Municipal Clerk".
    #[arg(long, value_name = "TITLE")]
    pub title: String,
    /// The municipality or county, e.g. "Town of Dunn".
    #[arg(long, value_name = "J")]
    pub jurisdiction: String,
    /// The county, e.g. "Dane County".
    #[arg(long, value_name = "COUNTY", default_value = "")]
    pub county: String,
    /// The jurisdiction is a county, not a municipality.
    #[arg(long)]
    pub county_clerk: bool,
}

/// Arguments of `clerkcheck history`.
#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// Export as CSV.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Export as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Signs without the window.
pub fn sign(_data: &DataDir, _args: &SignArgs) -> anyhow::Result<u8> {
    anyhow::bail!("signing from the command line is not built yet")
}

/// Prints the history.
pub fn history(_data: &DataDir, _args: &HistoryArgs) -> anyhow::Result<u8> {
    anyhow::bail!("history is not built yet")
}

/// Verifies the chain.
pub fn verify(_data: &DataDir) -> anyhow::Result<u8> {
    anyhow::bail!("verify is not built yet")
}
