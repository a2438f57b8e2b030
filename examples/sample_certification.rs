//! Writes the sample certification: the fictional Town of Example's fully answered self-check of
//! the shipped checklists and its own, signed by the fictional clerk "Nguyễn Thị Hương", made
//! through the real signing code and saved as a real record first.
//!
//! `cargo run --example sample_certification -- OUT.pdf` (used by `scripts/sample-certification.sh`).

#![expect(
    clippy::disallowed_methods,
    reason = "set-up and output files are written directly here"
)]

use anyhow::Context as _;

fn main() -> anyhow::Result<()> {
    let out = std::env::args_os()
        .nth(1)
        .context("usage: sample_certification OUT.pdf")?;
    let data = tempfile::tempdir()?;
    let certified = clerkcheck::testing::sample_certifiable(data.path(), "Nguyễn Thị Hương");
    let pdf = clerkcheck::report::certification_pdf(&certified)?;
    fs_err::write(&out, pdf)?;
    Ok(())
}
