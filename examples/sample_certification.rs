//! Writes the sample certification: the fictional Town of Example's fully answered self-check of
//! the shipped checklists and its own, signed by the fictional clerk "Nguyễn Thị Hương", made
//! through the real signing code and saved as a real record first.
//!
//! `cargo run --example sample_certification -- OUT.pdf [SIGNER]` (used by
//! `scripts/sample-certification.sh`); SIGNER replaces the clerk's name.

#![expect(
    clippy::disallowed_methods,
    reason = "set-up and output files are written directly here"
)]

use anyhow::Context as _;

fn main() -> anyhow::Result<()> {
    let out = std::env::args_os()
        .nth(1)
        .context("usage: sample_certification OUT.pdf")?;
    let signer = std::env::args()
        .nth(2)
        .unwrap_or_else(|| "Nguyễn Thị Hương".to_owned());
    let data = tempfile::tempdir()?;
    let certified = clerkcheck::testing::sample_certifiable(data.path(), &signer);
    let pdf = clerkcheck::report::certification_pdf(&certified)?;
    fs_err::write(&out, pdf)?;
    Ok(())
}
