//! `clerkcheck report SEQ_OR_FILE -o OUT.pdf`.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::EXIT_OK;
use crate::paths::DataDir;
use crate::records::{RecordStore, StoredRecord};

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

/// How the record was named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
enum RecordRef {
    /// A sequence number in the records folder.
    Sequence(u64),
    /// A record file.
    File(PathBuf),
}

/// All digits is a sequence number (unless a file of that name exists here); anything else is a
/// file path.
fn parse_record_ref(arg: &str, exists: impl Fn(&Path) -> bool) -> RecordRef {
    match arg.parse::<u64>() {
        Ok(n) if !exists(Path::new(arg)) => RecordRef::Sequence(n),
        _ => RecordRef::File(PathBuf::from(arg)),
    }
}

/// Writes the certification PDF of a saved record.
pub fn run(data: &DataDir, args: &ReportArgs) -> anyhow::Result<u8> {
    let store = RecordStore::new(data.records());
    let stored: StoredRecord = match parse_record_ref(&args.record, Path::exists) {
        RecordRef::Sequence(n) => store
            .read_sequence(n)
            .with_context(|| format!("cannot read record {n} in {}", store.dir().display()))?,
        RecordRef::File(path) => store
            .read_file(&path)
            .with_context(|| format!("cannot read the record file {}", path.display()))?,
    };
    let pdf = crate::report::certification_pdf(&stored.record, stored.fingerprint())?;
    fs_err::write(&args.output, pdf)?;
    println!(
        "Wrote the certification of record {} ({}) to {}",
        stored.record.sequence,
        stored.fingerprint(),
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
        assert_eq!(parse_record_ref("12", none), RecordRef::Sequence(12));
        assert_eq!(
            parse_record_ref("records/000012.ron", none),
            RecordRef::File(PathBuf::from("records/000012.ron"))
        );
        assert_eq!(
            parse_record_ref("-3", none),
            RecordRef::File(PathBuf::from("-3"))
        );
    }

    #[test]
    fn an_existing_file_named_with_digits_is_a_file() {
        let all = |_: &Path| true;
        assert_eq!(
            parse_record_ref("12", all),
            RecordRef::File(PathBuf::from("12"))
        );
    }
}
