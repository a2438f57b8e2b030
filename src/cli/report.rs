//! `clerkcheck report SEQ_OR_FILE -o OUT.pdf`.

use std::path::{Path, PathBuf};

use super::{EXIT_FAILED, EXIT_OK};
use crate::files::{self, Existing};
use crate::paths::DataDir;
use crate::records::{Which, certifiable};

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

/// All digits is a sequence number (unless a file of that name exists here); anything else is a
/// file path.
fn parse_record_ref(arg: &str, exists: impl Fn(&Path) -> bool) -> Which {
    match arg.parse::<u64>() {
        Ok(n) if !exists(Path::new(arg)) => Which::Number(n),
        _ => Which::File(PathBuf::from(arg)),
    }
}

/// Writes the certification PDF of a saved record — only of a record that is intact and in
/// its place in the office's records folder; anything else is refused with the reason (exit 1).
pub fn run(data: &DataDir, args: &ReportArgs) -> anyhow::Result<u8> {
    let store = data.record_store();
    let which = parse_record_ref(&args.record, Path::exists);
    let certified = match certifiable(&store, &which) {
        Ok(certified) => certified,
        Err(refusal) => {
            log::error!("report {}: {refusal}", args.record);
            eprintln!("clerkcheck: {refusal}");
            return Ok(EXIT_FAILED);
        }
    };
    let pdf = crate::report::certification_pdf(&certified)?;
    files::write_atomic(
        &args.output,
        &pdf,
        ".tmp-certification-",
        Existing::Replace,
        false,
    )?;
    println!(
        "Wrote the certification of record {} (fingerprint {}) to {}",
        certified.record().sequence,
        certified.fingerprint(),
        args.output.display()
    );
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_a_sequence_number_and_anything_else_a_file() {
        let none = |_: &Path| false;
        assert_eq!(parse_record_ref("12", none), Which::Number(12));
        assert_eq!(
            parse_record_ref("records/000012.ron", none),
            Which::File(PathBuf::from("records/000012.ron"))
        );
        assert_eq!(
            parse_record_ref("-3", none),
            Which::File(PathBuf::from("-3"))
        );
    }

    #[test]
    fn an_existing_file_named_with_digits_is_a_file() {
        let all = |_: &Path| true;
        assert_eq!(
            parse_record_ref("12", all),
            Which::File(PathBuf::from("12"))
        );
    }
}
