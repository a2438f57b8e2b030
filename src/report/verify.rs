//! Checking a certification PDF: the record it carries, that record's seal, the text printed on
//! its pages, and — when an office's records folder is at hand — its place there.
//!
//! Nothing in the PDF is trusted: the file is read up to [`MAX_CERTIFICATION_BYTES`], the
//! attached record is inflated up to the largest record there can be, and page text is
//! extracted with a bound on each page's content. The PDF parser is kept from taking the whole
//! program down with it should a crafted file make it panic.
//!
//! What is compared with the printed text is the contract every certification keeps: each page
//! carries "Record No. N · fingerprint F" of the record inside; no other fingerprint is printed
//! but the previous record's, in "Follows record No. N−1, fingerprint P"; page 1 names the
//! jurisdiction and the signer as the record has them.

use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::attach::attached_files;
use super::document::{Subject, attention_sentence, follows_line, jurisdiction_line, record_line};
use super::fonts::{Face, Fonts};
use crate::files;
use crate::records::seal::{self, MAX_RECORD_BYTES, StoredRecord};
use crate::records::{ChainReport, Integrity, Listing, RecordStore, verify};

/// The largest certification PDF read (20 MiB); a real one is well under 1 MiB.
pub const MAX_CERTIFICATION_BYTES: u64 = 20 * 1024 * 1024;

/// The most decompressed content read from one page's text.
const MAX_PAGE_CONTENT: usize = 8 * 1024 * 1024;

/// The most pages whose text is read.
const MAX_PAGES: usize = 500;

/// An office's records, listed and verified once, to check certifications against.
#[derive(Debug, Clone)]
pub struct Office {
    dir: PathBuf,
    listing: Listing,
    chain: ChainReport,
}

impl Office {
    /// Lists and verifies the records folder of `store`.
    #[must_use]
    pub fn load(store: &RecordStore) -> Self {
        let listing = store.list();
        let chain = verify(&listing);
        Self {
            dir: store.dir().to_owned(),
            listing,
            chain,
        }
    }

    /// The records folder.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// True when the folder holds any record file (readable or not).
    #[must_use]
    pub fn has_records(&self) -> bool {
        !self.listing.records.is_empty() || !self.listing.unreadable.is_empty()
    }
}

/// Where a genuine certification's record stands in an office's records folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "in_folder", rename_all = "kebab-case")]
pub enum Place {
    /// No records folder was compared.
    NoFolder,
    /// The folder holds this very record, intact in its chain.
    OfThisOffice {
        /// Its number.
        sequence: u64,
    },
    /// The folder holds this very record, but the folder's chain has a problem there.
    InFolderWithProblem {
        /// Its number.
        sequence: u64,
        /// What the chain says of it.
        integrity: Integrity,
    },
    /// The folder does not hold this record.
    NotInFolder,
}

/// What a certification PDF turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", rename_all = "kebab-case")]
pub enum Authenticity {
    /// The record inside is sealed and intact, and the printed text matches it.
    Genuine(Place),
    /// The record inside is intact, but what is printed does not match it.
    TextMismatch,
    /// The record inside was changed after it was signed (or the PDF holds more than one).
    Altered,
    /// The PDF holds no record clerkcheck can read.
    NoRecord,
    /// The file is not a PDF clerkcheck can read at all.
    Unreadable,
}

impl Authenticity {
    /// True only for a genuine certification.
    pub fn is_genuine(self) -> bool {
        matches!(self, Self::Genuine(_))
    }

    /// A stable key for exports, e.g. `genuine`, `text-mismatch`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Genuine(_) => "genuine",
            Self::TextMismatch => "text-mismatch",
            Self::Altered => "altered",
            Self::NoRecord => "no-record",
            Self::Unreadable => "unreadable",
        }
    }

    /// The verdict in plain words, e.g. "genuine, record 12 of this office".
    pub fn words(self) -> String {
        match self {
            Self::Genuine(Place::NoFolder) => "genuine record".to_owned(),
            Self::Genuine(Place::OfThisOffice { sequence }) => {
                format!("genuine, record {sequence} of this office")
            }
            Self::Genuine(Place::InFolderWithProblem {
                sequence,
                integrity,
            }) => format!(
                "genuine, record {sequence} of this office, but this office's records show it \
                 as {}",
                integrity.word().to_lowercase()
            ),
            Self::Genuine(Place::NotInFolder) => "genuine record, not in this folder".to_owned(),
            Self::TextMismatch => "the PDF's text does not match its record".to_owned(),
            Self::Altered => "altered".to_owned(),
            Self::NoRecord => "no record inside".to_owned(),
            Self::Unreadable => "not a certification PDF".to_owned(),
        }
    }
}

/// The check of one certification PDF.
#[derive(Debug, Clone)]
pub struct CertificationCheck {
    /// The verdict.
    pub authenticity: Authenticity,
    /// What was found, in plain words (why, and what to do when it is not genuine).
    pub detail: String,
    /// The record inside, when one could be read (also when it is altered: then its content
    /// is not to be trusted).
    pub record: Option<StoredRecord>,
}

impl CertificationCheck {
    fn new(authenticity: Authenticity, detail: impl Into<String>) -> Self {
        Self {
            authenticity,
            detail: detail.into(),
            record: None,
        }
    }

    /// True only for a genuine certification.
    pub fn is_genuine(&self) -> bool {
        self.authenticity.is_genuine()
    }
}

/// Checks the certification PDF at `path` (see the module documentation); `office` is the
/// office's records to place it in, when at hand.
#[must_use]
pub fn check_certification_file(path: &Path, office: Option<&Office>) -> CertificationCheck {
    match files::read_capped(path, MAX_CERTIFICATION_BYTES) {
        Ok(bytes) => check_certification(&bytes, office),
        Err(err) => CertificationCheck::new(
            Authenticity::Unreadable,
            format!("It cannot be read: {}.", err.reason()),
        ),
    }
}

/// Checks a certification PDF's bytes (see the module documentation).
#[must_use]
pub fn check_certification(pdf: &[u8], office: Option<&Office>) -> CertificationCheck {
    // lopdf is robust, but a crafted file must never take a whole roll-up of thousands down.
    catch_unwind(AssertUnwindSafe(|| check_unguarded(pdf, office))).unwrap_or_else(|_| {
        CertificationCheck::new(
            Authenticity::Unreadable,
            "It is damaged: the PDF reader gave up on it.",
        )
    })
}

fn check_unguarded(pdf: &[u8], office: Option<&Office>) -> CertificationCheck {
    if !pdf.starts_with(b"%PDF-") {
        return CertificationCheck::new(
            Authenticity::Unreadable,
            "It is not a PDF file. Ask the sender for the certification PDF clerkcheck made.",
        );
    }
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_PAGE_CONTENT),
        ..lopdf::LoadOptions::default()
    };
    let doc = match lopdf::Document::load_mem_with_options(pdf, options) {
        Ok(doc) => doc,
        Err(err) => {
            return CertificationCheck::new(
                Authenticity::Unreadable,
                format!("It is a damaged PDF ({err}). Ask the sender for a new copy."),
            );
        }
    };
    let stored = match record_inside(&doc) {
        Ok(stored) => stored,
        Err((authenticity, detail)) => return CertificationCheck::new(authenticity, detail),
    };
    let mut check = judge(&doc, &stored, office);
    check.record = Some(stored);
    check
}

/// The one record attached to the PDF, or the verdict when there is none or more than one.
fn record_inside(doc: &lopdf::Document) -> Result<StoredRecord, (Authenticity, String)> {
    let mut records: Vec<StoredRecord> = Vec::new();
    let mut problems = Vec::new();
    for file in attached_files(doc, MAX_RECORD_BYTES) {
        match file {
            Ok(file) => match seal::parse_record_file(Path::new(&file.name), &file.bytes) {
                Ok(stored) => {
                    if !records
                        .iter()
                        .any(|r| r.content_sha256 == stored.content_sha256)
                    {
                        records.push(stored);
                    }
                }
                Err(reason) => problems.push(format!("{}: {reason}", file.name)),
            },
            Err(err) => problems.push(err.to_string()),
        }
    }
    match records.len() {
        1 => Ok(records.remove(0)),
        0 => Err((
            Authenticity::NoRecord,
            if problems.is_empty() {
                "It carries no clerkcheck record: it is not a certification clerkcheck made, or \
                 it was made by a version from before certifications carried their record. Ask \
                 the sender for a certification made with a current clerkcheck."
                    .to_owned()
            } else {
                format!(
                    "The record it carries cannot be read ({}). Ask the sender for a new copy.",
                    problems.join("; ")
                )
            },
        )),
        n => Err((
            Authenticity::Altered,
            format!(
                "It carries {n} different records, where clerkcheck attaches exactly one: it was \
                 changed after it was made. Do not rely on it; ask the sender for a new copy."
            ),
        )),
    }
}

fn judge(
    doc: &lopdf::Document,
    stored: &StoredRecord,
    office: Option<&Office>,
) -> CertificationCheck {
    let record = &stored.record;
    if stored.is_altered() {
        return CertificationCheck::new(
            Authenticity::Altered,
            format!(
                "The record it carries (No. {}) was changed after it was signed: its content no \
                 longer matches its seal. Do not rely on this certification; ask the office for \
                 a new one.",
                record.sequence
            ),
        );
    }
    let pages = match pages_text(doc) {
        Ok(pages) => pages,
        Err(reason) => {
            return CertificationCheck::new(
                Authenticity::TextMismatch,
                format!(
                    "Its printed text cannot be read ({reason}), so it cannot be compared \
                         with the record it carries."
                ),
            );
        }
    };
    let subject = Subject {
        record,
        fingerprint: stored.fingerprint(),
    };
    if let Some(problem) = text_problem(&pages, &subject) {
        return CertificationCheck::new(
            Authenticity::TextMismatch,
            format!(
                "{problem} The record it carries is No. {}, fingerprint {}. Do not rely on the \
                 printed text; ask the office for a new certification.",
                record.sequence,
                stored.fingerprint()
            ),
        );
    }
    let place = office.map_or(Place::NoFolder, |office| place_in(office, stored));
    let detail = match place {
        Place::NoFolder => format!(
            "The record it carries (No. {}, fingerprint {}) is sealed and intact, and the \
             printed text matches it. No office records folder was compared.",
            record.sequence,
            stored.fingerprint()
        ),
        Place::OfThisOffice { sequence } => format!(
            "It carries record {sequence} of the records folder {}, byte for byte, and the \
             printed text matches it.",
            office.map_or_else(String::new, |o| o.dir.display().to_string())
        ),
        Place::InFolderWithProblem { integrity, .. } => format!(
            "It carries a record of the records folder, byte for byte, but that folder's \
             records show it as {}. {}",
            integrity.word().to_lowercase(),
            integrity.advice()
        ),
        Place::NotInFolder => not_in_folder_detail(office, stored),
    };
    CertificationCheck::new(Authenticity::Genuine(place), detail)
}

fn not_in_folder_detail(office: Option<&Office>, stored: &StoredRecord) -> String {
    let same_number = office.and_then(|o| {
        o.listing
            .records
            .iter()
            .find(|r| r.record.sequence == stored.record.sequence)
    });
    let mut detail = format!(
        "The record it carries (No. {}, fingerprint {}) is sealed and intact and the printed \
         text matches it, but it is not in this records folder",
        stored.record.sequence,
        stored.fingerprint()
    );
    match same_number {
        Some(other) => {
            let _ = write!(
                detail,
                ": this folder's record {} has fingerprint {}. It is another office's record, or \
                 one of the two was replaced.",
                other.record.sequence,
                other.fingerprint()
            );
        }
        None => detail.push_str(": it is another office's record, or it was removed here."),
    }
    detail
}

/// Where `stored` stands in the office's records.
fn place_in(office: &Office, stored: &StoredRecord) -> Place {
    let Some(mine) = office
        .listing
        .records
        .iter()
        .find(|r| r.sha256 == stored.sha256 && !r.is_altered())
    else {
        return Place::NotInFolder;
    };
    let sequence = mine.record.sequence;
    match office.chain.integrity_of(&mine.path).map(|e| e.integrity) {
        Some(Integrity::Intact) => Place::OfThisOffice { sequence },
        Some(integrity) => Place::InFolderWithProblem {
            sequence,
            integrity,
        },
        None => Place::NotInFolder,
    }
}

/// The text of each page, in content order.
fn pages_text(doc: &lopdf::Document) -> Result<Vec<String>, String> {
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err("it has no pages".to_owned());
    }
    pages
        .keys()
        .take(MAX_PAGES)
        .map(|&n| {
            doc.extract_text_with_limit(&[n], MAX_PAGE_CONTENT)
                .map_err(|e| format!("page {n}: {e}"))
        })
        .collect()
}

/// Text without any whitespace, for comparing text however it was wrapped.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every 16-hex-digit fingerprint printed after the word "fingerprint".
fn printed_fingerprints(squeezed: &str) -> Vec<&str> {
    squeezed
        .match_indices("fingerprint")
        .filter_map(|(i, word)| {
            let hex = squeezed.get(i + word.len()..i + word.len() + 16)?;
            hex.bytes().all(|b| b.is_ascii_hexdigit()).then_some(hex)
        })
        .collect()
}

/// What the printed text gets wrong about the record, if anything.
fn text_problem(pages: &[String], subject: &Subject<'_>) -> Option<String> {
    let record = subject.record;
    let own = subject.fingerprint;
    let previous = subject.previous_fingerprint();
    let line = squeeze(&record_line(record.sequence, own));
    for (i, page) in pages.iter().enumerate() {
        let text = squeeze(page);
        let n = i + 1;
        if !text.contains(&line) {
            return Some(format!(
                "Page {n} does not print “{}”.",
                record_line(record.sequence, own)
            ));
        }
        if let Some(other) = printed_fingerprints(&text)
            .into_iter()
            .find(|f| *f != own && Some(*f) != previous)
        {
            return Some(format!(
                "Page {n} prints the fingerprint {other}, which is neither this record's nor \
                 the one it follows."
            ));
        }
    }
    let first = squeeze(pages.first().map_or("", String::as_str));
    let expected = [
        ("the record it follows", follows_line(subject)),
        ("the jurisdiction", jurisdiction_line(record)),
        ("the signer", record.signer.name.clone()),
        // The counts, as the sentence under the summary says them: an edit of "1 failed" to
        // "0 failed" on an otherwise untouched PDF is caught here.
        ("what needs attention", attention_sentence(record)),
        (
            "the statement as signed",
            record.statement.trim().to_owned(),
        ),
    ];
    for (what, text) in expected {
        if !printed_on(&first, &text) {
            return Some(format!(
                "Page 1 does not print {what} as the record has it: “{text}”."
            ));
        }
    }
    None
}

/// True when `text` is printed in `squeezed` page text, as the certification prints it (made
/// printable with its fonts, in drawing order).
fn printed_on(squeezed: &str, text: &str) -> bool {
    let printable = Fonts::shared().map_or_else(
        || super::text::clean(text),
        |fonts| fonts.printable(Face::Regular, text),
    );
    squeezed.contains(&squeeze(&printable))
        || squeezed.contains(&squeeze(&super::text::visual_order(&printable)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_found_after_the_word_only() {
        let text = squeeze(
            "Record No. 12 · fingerprint 0123456789abcdef Follows record No. 11, fingerprint \
             fedcba9876543210 fingerprint xyz",
        );
        assert_eq!(
            printed_fingerprints(&text),
            ["0123456789abcdef", "fedcba9876543210"]
        );
    }

    #[test]
    fn verdicts_say_what_the_issue_asks_in_plain_words() {
        let genuine = Authenticity::Genuine(Place::OfThisOffice { sequence: 12 });
        assert_eq!(genuine.words(), "genuine, record 12 of this office");
        assert!(genuine.is_genuine());
        assert_eq!(
            Authenticity::Genuine(Place::NotInFolder).words(),
            "genuine record, not in this folder"
        );
        assert_eq!(
            Authenticity::TextMismatch.words(),
            "the PDF's text does not match its record"
        );
        assert_eq!(Authenticity::Altered.words(), "altered");
        assert_eq!(Authenticity::NoRecord.words(), "no record inside");
        assert!(!Authenticity::NoRecord.is_genuine());
    }

    #[test]
    fn a_file_that_is_not_a_pdf_is_unreadable_not_a_crash() {
        let check = check_certification(b"hello", None);
        assert_eq!(check.authenticity, Authenticity::Unreadable);
        let check = check_certification(b"%PDF-1.7\ngarbage", None);
        assert_eq!(check.authenticity, Authenticity::Unreadable);
    }
}
