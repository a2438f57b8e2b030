//! The commission's roll-up of received certifications: one row per PDF, and, per jurisdiction,
//! the gaps (a record that another one follows but that was never received) and duplicates.
//! Pure: the checks come in, the table goes out (as text, CSV or JSON).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use super::verify::{CertificationCheck, check_certification_file};
use crate::files::FileError;
use crate::records::history::{defuse, fold, push_csv_line};
use crate::records::seal::fingerprint_of;
use crate::records::{Counts, ItemStatus};

/// One received certification, checked.
#[derive(Debug, Clone)]
pub struct Received {
    /// Its file name, as shown in the table.
    pub file: String,
    /// The check.
    pub check: CertificationCheck,
}

/// The PDF files in `folder` (not in its subfolders), by name.
pub fn pdf_files(folder: &Path) -> Result<Vec<PathBuf>, FileError> {
    let listing = |e| FileError::io(folder, "list the folder", e);
    let mut found = Vec::new();
    for entry in fs_err::read_dir(folder).map_err(listing)? {
        let entry = entry.map_err(listing)?;
        let path = entry.path();
        let is_pdf = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        if is_pdf && !entry.file_type().is_ok_and(|t| t.is_dir()) {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// Checks every file on a few named threads (reading and parsing thousands of PDFs is
/// CPU-bound), calling `progress` after each; the results are in the order of `paths`.
pub fn check_all(paths: &[PathBuf], progress: &(dyn Fn() + Sync)) -> Vec<Received> {
    let check = |path: &PathBuf| Received {
        file: path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        check: check_certification_file(path, None),
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(8);
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(path) = paths.get(i) else {
                return done;
            };
            done.push((i, check(path)));
            progress();
        }
    };
    let mut results: Vec<(usize, Received)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .filter_map(|n| {
                std::thread::Builder::new()
                    .name(format!("rollup {n}"))
                    .spawn_scoped(scope, work)
                    .ok()
            })
            .collect();
        let mut results: Vec<(usize, Received)> = handles
            .into_iter()
            .filter_map(|h| h.join().ok())
            .flatten()
            .collect();
        // Whatever no thread took (none could start, or one died): check it here.
        let taken: std::collections::HashSet<usize> = results.iter().map(|(i, _)| *i).collect();
        for (i, path) in paths.iter().enumerate() {
            if !taken.contains(&i) {
                results.push((i, check(path)));
            }
        }
        results
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// Something the roll-up noticed about a certification among the others of its jurisdiction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "flag", rename_all = "kebab-case")]
pub enum Flag {
    /// It follows a record that was not received.
    Gap {
        /// The number of the record not received.
        missing: u64,
        /// Its fingerprint.
        fingerprint: String,
    },
    /// The same record was received before, in another file.
    Duplicate {
        /// The other file.
        of: String,
    },
    /// Another, different record with the same number was received for the jurisdiction.
    SameNumber {
        /// The other file.
        other: String,
    },
    /// The earliest record received for the jurisdiction; the one it follows was sent before.
    Earliest {
        /// The number of the record it follows.
        follows: u64,
    },
}

impl Flag {
    /// In plain words.
    pub fn words(&self) -> String {
        match self {
            Self::Gap {
                missing,
                fingerprint,
            } => format!("gap: record No. {missing} (fingerprint {fingerprint}) was not received"),
            Self::Duplicate { of } => format!("duplicate of {of}"),
            Self::SameNumber { other } => {
                format!("another record with this number was received: {other}")
            }
            Self::Earliest { follows } => {
                format!("earliest received; follows No. {follows}, sent before this roll-up")
            }
        }
    }

    /// True for a gap, a duplicate or two records with one number; false for a note.
    pub fn is_problem(&self) -> bool {
        !matches!(self, Self::Earliest { .. })
    }
}

/// One row of the roll-up.
#[derive(Debug, Clone, Serialize)]
pub struct RollupRow {
    /// The PDF's file name.
    pub file: String,
    /// The jurisdiction, e.g. "Town of Example, Example County".
    pub jurisdiction: String,
    /// The county.
    pub county: String,
    /// The signing time, local, e.g. `2026-11-24 09:04 -06:00`.
    pub signed_on: String,
    /// The signer.
    pub signer: String,
    /// The record number.
    pub sequence: Option<u64>,
    /// How many items have each status.
    pub counts: Counts,
    /// The record's fingerprint.
    pub fingerprint: String,
    /// The fingerprint of the record it follows (empty for an office's first record).
    pub previous_fingerprint: String,
    /// True only for a genuine certification.
    pub valid: bool,
    /// The verdict key, e.g. `genuine`, `altered`.
    pub verdict: String,
    /// Why it is not valid, in plain words (empty when valid).
    pub why_not: String,
    /// Gaps, duplicates and notes.
    pub flags: Vec<Flag>,
    /// The record's full hash (not exported in the table; used to find gaps).
    #[serde(skip)]
    sha256: String,
    /// The previous record's full hash.
    #[serde(skip)]
    previous_hash: String,
    /// The previous sign-off record's number (reviews in between skipped), when known.
    #[serde(skip)]
    previous_sequence: Option<u64>,
}

impl RollupRow {
    fn of(received: &Received) -> Self {
        let check = &received.check;
        let mut row = Self {
            file: received.file.clone(),
            jurisdiction: String::new(),
            county: String::new(),
            signed_on: String::new(),
            signer: String::new(),
            sequence: None,
            counts: Counts::default(),
            fingerprint: String::new(),
            previous_fingerprint: String::new(),
            valid: check.is_genuine(),
            verdict: check.authenticity.key().to_owned(),
            why_not: if check.is_genuine() {
                String::new()
            } else {
                format!("{}: {}", check.authenticity.words(), check.detail)
            },
            flags: Vec::new(),
            sha256: String::new(),
            previous_hash: String::new(),
            previous_sequence: None,
        };
        if let Some(stored) = &check.record {
            let r = &stored.record;
            row.jurisdiction = r.signer.jurisdiction_line();
            row.county.clone_from(&r.signer.county);
            row.signed_on = r.signed_at().short();
            row.signer.clone_from(&r.signer.name);
            row.sequence = Some(r.sequence);
            row.counts = r.counts();
            stored.fingerprint().clone_into(&mut row.fingerprint);
            row.previous_sequence = r.previous_signoff().map(|(sequence, _)| sequence);
            let previous = r.previous_signoff().map_or("", |(_, sha256)| sha256);
            fingerprint_of(previous).clone_into(&mut row.previous_fingerprint);
            row.sha256.clone_from(&stored.sha256);
            previous.clone_into(&mut row.previous_hash);
        }
        row
    }
}

/// The roll-up: every row, by jurisdiction then record number, with its flags.
#[derive(Debug, Clone, Serialize)]
pub struct Rollup {
    /// The rows.
    pub rows: Vec<RollupRow>,
}

impl Rollup {
    /// Rows for every received certification, flagged per jurisdiction.
    #[must_use]
    pub fn of(received: &[Received]) -> Self {
        let mut rows: Vec<RollupRow> = received.iter().map(RollupRow::of).collect();
        rows.sort_by(|a, b| {
            (fold(&a.jurisdiction), a.sequence, &a.file).cmp(&(
                fold(&b.jurisdiction),
                b.sequence,
                &b.file,
            ))
        });
        let mut by_jurisdiction: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, row) in rows.iter().enumerate() {
            if row.sequence.is_some() {
                by_jurisdiction
                    .entry(fold(&row.jurisdiction))
                    .or_default()
                    .push(i);
            }
        }
        for members in by_jurisdiction.values() {
            flag_jurisdiction(&mut rows, members);
        }
        Self { rows }
    }

    /// How many certifications are valid.
    #[must_use]
    pub fn valid(&self) -> usize {
        self.rows.iter().filter(|r| r.valid).count()
    }

    /// How many rows carry each kind of problem flag: (gaps, duplicates, same numbers).
    #[must_use]
    pub fn problem_counts(&self) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for flag in self.rows.iter().flat_map(|r| &r.flags) {
            match flag {
                Flag::Gap { .. } => counts.0 += 1,
                Flag::Duplicate { .. } => counts.1 += 1,
                Flag::SameNumber { .. } => counts.2 += 1,
                Flag::Earliest { .. } => {}
            }
        }
        counts
    }

    /// True when every certification is valid and nothing is flagged.
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.valid() == self.rows.len() && self.problem_counts() == (0, 0, 0)
    }

    /// One line on the whole roll-up.
    #[must_use]
    pub fn summary(&self) -> String {
        let mut by_verdict: BTreeMap<&str, usize> = BTreeMap::new();
        for row in &self.rows {
            *by_verdict.entry(row.verdict.as_str()).or_default() += 1;
        }
        let verdicts: Vec<String> = by_verdict
            .iter()
            .map(|(k, n)| format!("{n} {}", k.replace('-', " ")))
            .collect();
        let (gaps, duplicates, same) = self.problem_counts();
        format!(
            "{} certifications: {}; {gaps} gap(s), {duplicates} duplicate(s), {same} number(s) \
             received twice with different records.",
            self.rows.len(),
            verdicts.join(", ")
        )
    }
}

/// Flags the rows of one jurisdiction (indices sorted by record number).
fn flag_jurisdiction(rows: &mut [RollupRow], members: &[usize]) {
    let mut first_file: HashMap<String, String> = HashMap::new();
    let mut by_number: HashMap<u64, (String, String)> = HashMap::new();
    // Every record received, readable, genuine or not: an altered one is reported as altered,
    // not also as a gap after it.
    let received: HashMap<String, u64> = members
        .iter()
        .filter_map(|&i| Some((rows[i].sha256.clone(), rows[i].sequence?)))
        .collect();
    let lowest = members.iter().filter_map(|&i| rows[i].sequence).min();
    for &i in members {
        let row = &rows[i];
        let (Some(sequence), sha) = (row.sequence, row.sha256.clone()) else {
            continue;
        };
        let mut flags = Vec::new();
        if let Some(of) = first_file.get(&sha) {
            flags.push(Flag::Duplicate { of: of.clone() });
        } else {
            first_file.insert(sha.clone(), row.file.clone());
            match by_number.get(&sequence) {
                Some((other_sha, other)) if *other_sha != sha => flags.push(Flag::SameNumber {
                    other: other.clone(),
                }),
                Some(_) => {}
                None => {
                    by_number.insert(sequence, (sha.clone(), row.file.clone()));
                }
            }
            if !row.previous_hash.is_empty() && !received.contains_key(&row.previous_hash) {
                // The sign-off record before it (a review in between is never printed).
                let missing = row
                    .previous_sequence
                    .unwrap_or_else(|| sequence.saturating_sub(1));
                if Some(sequence) == lowest {
                    flags.push(Flag::Earliest { follows: missing });
                } else {
                    flags.push(Flag::Gap {
                        missing,
                        fingerprint: row.previous_fingerprint.clone(),
                    });
                }
            }
        }
        rows[i].flags = flags;
    }
}

/// The CSV columns before the counts.
const CSV_LEAD: [&str; 6] = [
    "file",
    "jurisdiction",
    "county",
    "signed_on",
    "signer",
    "record",
];
/// The CSV columns after the counts.
const CSV_TAIL: [&str; 6] = [
    "fingerprint",
    "previous_fingerprint",
    "valid",
    "verdict",
    "why_not",
    "flags",
];

/// The roll-up as CSV (RFC 4180, CRLF line ends), one count column per status; every text cell
/// a spreadsheet would run as a formula gets a leading `'`.
#[must_use]
pub fn to_csv(rollup: &Rollup) -> String {
    let mut out = String::new();
    let header = CSV_LEAD
        .into_iter()
        .chain(ItemStatus::ALL.iter().map(|s| s.key()))
        .chain(CSV_TAIL)
        .map(str::to_owned);
    push_csv_line(&mut out, header);
    for row in &rollup.rows {
        let lead = [
            row.file.clone(),
            row.jurisdiction.clone(),
            row.county.clone(),
            row.signed_on.clone(),
            row.signer.clone(),
            row.sequence.map(|n| n.to_string()).unwrap_or_default(),
        ];
        let counts = row.counts.by_status().map(|(_, n)| n.to_string());
        let flags: Vec<String> = row.flags.iter().map(Flag::words).collect();
        let tail = [
            row.fingerprint.clone(),
            row.previous_fingerprint.clone(),
            if row.valid { "yes" } else { "no" }.to_owned(),
            row.verdict.clone(),
            row.why_not.clone(),
            flags.join("; "),
        ];
        push_csv_line(
            &mut out,
            lead.into_iter()
                .chain(counts)
                .chain(tail)
                .map(|c| defuse(&c)),
        );
    }
    out
}

/// The roll-up as pretty JSON.
#[must_use]
pub fn to_json(rollup: &Rollup) -> String {
    // Plain strings, numbers and enums always serialize.
    serde_json::to_string_pretty(rollup).unwrap_or_else(|_| "{}".to_owned())
}

/// The roll-up as a text table for the terminal, then its summary line.
#[must_use]
pub fn to_table(rollup: &Rollup) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<32}  {:<36}  {:>6}  {:<16}  {:<8}  WHY NOT / FLAGS",
        "FILE", "JURISDICTION", "RECORD", "FINGERPRINT", "VALID"
    );
    for row in &rollup.rows {
        let mut notes: Vec<String> = row.flags.iter().map(Flag::words).collect();
        if !row.valid {
            notes.insert(0, row.why_not.clone());
        }
        let _ = writeln!(
            out,
            "{:<32}  {:<36}  {:>6}  {:<16}  {:<8}  {}",
            clip(&row.file, 32),
            clip(&row.jurisdiction, 36),
            row.sequence.map(|n| n.to_string()).unwrap_or_default(),
            row.fingerprint,
            if row.valid { "yes" } else { "NO" },
            notes.join("; ")
        );
    }
    let _ = writeln!(out, "{}", rollup.summary());
    out
}

fn clip(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(chars - 1).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        let mut out = String::new();
        push_csv_line(&mut out, ["=HYPERLINK(1)", "a,b", "say \"hi\""].map(defuse));
        assert_eq!(out, "'=HYPERLINK(1),\"a,b\",\"say \"\"hi\"\"\"\r\n");
    }

    fn row(file: &str, jurisdiction: &str, sequence: u64, sha: &str, previous: &str) -> RollupRow {
        RollupRow {
            file: file.to_owned(),
            jurisdiction: jurisdiction.to_owned(),
            county: String::new(),
            signed_on: String::new(),
            signer: String::new(),
            sequence: Some(sequence),
            counts: Counts::default(),
            fingerprint: fingerprint_of(sha).to_owned(),
            previous_fingerprint: fingerprint_of(previous).to_owned(),
            valid: true,
            verdict: "genuine".to_owned(),
            why_not: String::new(),
            flags: Vec::new(),
            sha256: sha.to_owned(),
            previous_hash: previous.to_owned(),
            previous_sequence: None,
        }
    }

    fn flags_of(mut rows: Vec<RollupRow>) -> Vec<Vec<Flag>> {
        let members: Vec<usize> = (0..rows.len()).collect();
        flag_jurisdiction(&mut rows, &members);
        rows.into_iter().map(|r| r.flags).collect()
    }

    #[test]
    fn a_record_whose_predecessor_never_came_is_a_gap_and_a_second_copy_a_duplicate() {
        let flags = flags_of(vec![
            row("a.pdf", "Town of A", 1, "h1", ""),
            row("b.pdf", "Town of A", 2, "h2", "h1"),
            row("d.pdf", "Town of A", 4, "h4", "h3"),
            row("e.pdf", "Town of A", 4, "h4", "h3"),
            row("f.pdf", "Town of A", 5, "h5x", "h4"),
            row("g.pdf", "Town of A", 5, "h5y", "h4"),
        ]);
        assert!(flags[0].is_empty() && flags[1].is_empty());
        assert_eq!(
            flags[2],
            [Flag::Gap {
                missing: 3,
                fingerprint: "h3".to_owned()
            }]
        );
        assert_eq!(
            flags[3],
            [Flag::Duplicate {
                of: "d.pdf".to_owned()
            }]
        );
        assert!(flags[4].is_empty());
        assert_eq!(
            flags[5],
            [Flag::SameNumber {
                other: "f.pdf".to_owned()
            }]
        );
    }

    #[test]
    fn a_gap_names_the_sign_off_before_not_a_review_in_between() {
        // Record 10, a review (11, never printed), record 12 — and record 10 never came.
        let mut twelve = row("m.pdf", "Town of A", 12, "h12", "h10");
        twelve.previous_sequence = Some(10);
        let mut fourteen = row("n.pdf", "Town of A", 14, "h14", "h13");
        fourteen.previous_sequence = Some(13);
        let flags = flags_of(vec![
            row("j.pdf", "Town of A", 9, "h9", "h8"),
            twelve,
            fourteen,
        ]);
        assert_eq!(
            flags[1],
            [Flag::Gap {
                missing: 10,
                fingerprint: "h10".to_owned()
            }]
        );
    }

    #[test]
    fn the_earliest_record_received_is_noted_not_flagged() {
        let flags = flags_of(vec![
            row("k.pdf", "Town of A", 11, "h11", "h10"),
            row("l.pdf", "Town of A", 12, "h12", "h11"),
        ]);
        assert_eq!(flags[0], [Flag::Earliest { follows: 10 }]);
        assert!(!flags[0][0].is_problem());
        assert!(flags[1].is_empty());
    }

    #[test]
    fn flags_read_in_plain_words() {
        let gap = Flag::Gap {
            missing: 11,
            fingerprint: "0123456789abcdef".to_owned(),
        };
        assert_eq!(
            gap.words(),
            "gap: record No. 11 (fingerprint 0123456789abcdef) was not received"
        );
        assert!(gap.is_problem());
        assert!(!Flag::Earliest { follows: 3 }.is_problem());
    }
}
