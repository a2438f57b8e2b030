//! Writes the sample certification: a fictional 70-item record for the Town of Example, signed
//! by the fictional clerk "Nguyễn Thị Hương".
//!
//! `cargo run --example sample_certification -- OUT.pdf` (used by `scripts/sample-certification.sh`).

use anyhow::Context as _;

fn main() -> anyhow::Result<()> {
    let out = std::env::args_os()
        .nth(1)
        .context("usage: sample_certification OUT.pdf")?;
    let record = clerkcheck::report::sample::sample_record(70, "Nguyễn Thị Hương");
    let pdf = clerkcheck::report::certification_pdf(&record, "9f2c4e1a7b3d5c08")?;
    fs_err::write(&out, pdf)?;
    Ok(())
}
