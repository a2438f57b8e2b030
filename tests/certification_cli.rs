//! `clerkcheck verify-certification`: sign → certification → verify, and every way a forger
//! could change the PDF.

#![expect(
    clippy::disallowed_methods,
    reason = "tests write, tamper with and read certification files directly"
)]
#![expect(
    clippy::expect_used,
    reason = "in a test, a failed expectation is the failure report we want"
)]

#[path = "support/tamper.rs"]
mod tamper;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use clerkcheck::report::verify::{Authenticity, Office, Place, check_certification_file};

fn clerkcheck(data: &Path, args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clerkcheck"))
        .arg("--data-dir")
        .arg(data)
        .arg("verify-certification")
        .args(args)
        .env_remove("CLERKCHECK_DATA_DIR")
        .output()
        .expect("runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// An office with two signed records, and the certification of each.
struct Office2 {
    dir: tempfile::TempDir,
    first: PathBuf,
    second: PathBuf,
    fingerprints: [String; 2],
    second_record: Vec<u8>,
}

fn office() -> Office2 {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().join("data");
    let one = tamper::sign(&data, "王秀英", "Town of Example");
    let two = tamper::sign(&data, "佐藤 花子 👍", "Town of Example");
    let first = dir.path().join("certification-1.pdf");
    let second = dir.path().join("certification-2.pdf");
    tamper::write_certification(&one, &first);
    tamper::write_certification(&two, &second);
    Office2 {
        fingerprints: [one.fingerprint().to_owned(), two.fingerprint().to_owned()],
        second_record: two.bytes().to_vec(),
        dir,
        first,
        second,
    }
}

impl Office2 {
    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }
}

#[test]
fn a_genuine_certification_is_record_n_of_this_office_and_exits_0() {
    let o = office();
    let out = clerkcheck(&o.data(), &[&o.first, &o.second]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("certification-1.pdf: genuine, record 1 of this office"),
        "{text}"
    );
    assert!(
        text.contains("certification-2.pdf: genuine, record 2 of this office"),
        "{text}"
    );
}

#[test]
fn another_offices_folder_says_not_in_this_folder_exits_1_and_no_folder_says_genuine_record() {
    let o = office();
    let elsewhere = o.dir.path().join("other");
    tamper::sign(&elsewhere, "Someone Else", "Village of Elsewhere");
    let out = clerkcheck(&elsewhere, &[&o.first]);
    let text = stdout(&out);
    // Genuine, but not a record of the office whose folder was compared: not "all good".
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("genuine record, not in this folder"),
        "{text}"
    );
    assert!(
        text.contains("this folder's record 1 has fingerprint"),
        "{text}"
    );
    let empty = o.dir.path().join("empty");
    let out = clerkcheck(&empty, &[&o.first]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("certification-1.pdf: genuine record\n"));
}

#[test]
fn one_byte_changed_in_the_record_inside_is_altered_and_exits_1() {
    let o = office();
    tamper::flip_record_byte(&o.first);
    let out = clerkcheck(&o.data(), &[&o.first]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("certification-1.pdf: altered"), "{text}");
}

#[test]
fn an_edited_printed_fingerprint_does_not_match_its_record() {
    let o = office();
    let real = &o.fingerprints[0];
    let forged: String = real.chars().rev().collect();
    assert_ne!(&forged, real);
    let edits = tamper::edit_printed_text(&o.first, real, &forged);
    assert!(
        edits >= 2,
        "the fingerprint is printed on page 1 and in every footer"
    );
    let out = clerkcheck(&o.data(), &[&o.first]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("the PDF's text does not match its record"),
        "{text}"
    );
}

#[test]
fn an_edited_count_does_not_match_its_record() {
    let o = office();
    let record = check_certification_file(&o.first, None)
        .record
        .expect("the record inside");
    let sentence = clerkcheck::report::document::attention_sentence(&record.record);
    // "88 items. 3 need attention: …" printed as "89 items. …": the counts were edited.
    let (total, rest) = sentence.split_once(' ').expect("a count first");
    let edited = format!("{} {rest}", total.parse::<u32>().expect("a number") + 1);
    assert!(tamper::edit_printed_text(&o.first, &sentence, &edited) >= 1);
    let out = clerkcheck(&o.data(), &[&o.first]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("does not print what needs attention"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn an_edited_signer_name_does_not_match_its_record() {
    let o = office();
    assert!(tamper::edit_printed_text(&o.first, "王秀英", "王英秀") >= 1);
    let out = clerkcheck(&o.data(), &[&o.first]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("does not print the signer"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn another_records_attachment_does_not_match_the_printed_text() {
    let o = office();
    tamper::swap_record(&o.first, &o.second_record);
    let out = clerkcheck(&o.data(), &[&o.first]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("the PDF's text does not match its record"),
        "{text}"
    );
    assert!(
        text.contains(&o.fingerprints[1]),
        "names the record inside: {text}"
    );
}

#[test]
fn a_pdf_without_its_record_says_no_record_inside() {
    let o = office();
    tamper::remove_record(&o.first);
    let out = clerkcheck(&o.data(), &[&o.first, &o.second]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "one of two fails: {text}");
    assert!(
        text.contains("certification-1.pdf: no record inside"),
        "{text}"
    );
    assert!(
        text.contains("certification-2.pdf: genuine, record 2"),
        "{text}"
    );
}

#[test]
fn a_missing_file_or_a_non_pdf_is_refused_in_plain_words() {
    let o = office();
    let junk = o.dir.path().join("junk.pdf");
    std::fs::write(&junk, b"not a pdf").expect("writes");
    let missing = o.dir.path().join("missing.pdf");
    let out = clerkcheck(&o.data(), &[&junk, &missing]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(text.contains("junk.pdf: not a certification PDF"), "{text}");
    assert!(text.contains("It is not a PDF file."), "{text}");
    assert!(text.contains("the file does not exist"), "{text}");
}

#[test]
fn the_library_check_gives_the_same_verdicts_for_the_app() {
    let o = office();
    let store = clerkcheck::records::RecordStore::new(o.data().join("records"));
    let office = Office::load(&store);
    let check = check_certification_file(&o.second, Some(&office));
    assert_eq!(
        check.authenticity,
        Authenticity::Genuine(Place::OfThisOffice { sequence: 2 })
    );
    let record = check.record.expect("the record inside");
    assert_eq!(record.record.signer.name, "佐藤 花子 👍");
}
