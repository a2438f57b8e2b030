//! The signing rules, in one place for the window and the command line: what must be filled,
//! what may be marked not applicable, what the statement says, and building the record.

use super::answers::Answer;
use super::self_check::SelfCheck;
use super::text::{clean_line, clean_note, field_problem, fold_name, note_problem};
use crate::checklist::{Checklist, ChecklistOrigin};
use crate::checks::Verdict;
use crate::records::{
    AttestedChecklist, Counts, ItemStatus, JurisdictionKind, RECORD_SCHEMA_VERSION, Record,
    RecordItem, Signer,
};

/// The most raw probe output kept per item in a record (16 KiB); the rest is cut with a note,
/// so a huge configuration file can never make a record too large to read back.
pub const MAX_RAW_EVIDENCE_BYTES: usize = 16 * 1024;

/// Why a sign-off cannot be signed yet, in plain words that say what to do. Items are named by
/// their text, as the clerk saw them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    /// The checklists have not been loaded yet.
    #[error("The checklists are still loading; try again in a moment.")]
    NotLoaded,
    /// An office checklist could not be loaded.
    #[error(
        "{count} of the office's own checklist files could not be loaded ({files}), so its items \
         would be missing from the certification. Fix the file (clerkcheck validate FILE shows \
         what is wrong) or move it out of the checklists folder, then sign."
    )]
    OfficeChecklistBroken {
        /// How many files.
        count: usize,
        /// Their names.
        files: String,
    },
    /// Checks are still running.
    #[error("Wait for the automatic checks to finish ({done} of {total} done).")]
    ChecksRunning {
        /// Finished.
        done: usize,
        /// Started.
        total: usize,
    },
    /// This computer's name is not known yet.
    #[error("Still finding out this computer's name; try again in a moment.")]
    HostUnknown,
    /// A signer field is empty.
    #[error("Type {0} before signing.")]
    Missing(&'static str),
    /// A field is longer than the form allows, or holds no letters.
    #[error("{0}")]
    Field(String),
    /// The typed confirmation is empty.
    #[error("Type your full name to sign.")]
    MissingConfirmation,
    /// The typed confirmation is not the signer's name.
    #[error(
        "The name you typed, \u{201c}{typed}\u{201d}, is not the signer's name \u{201c}{expected}\u{201d}. \
         Type it as it is written there (capital letters and accents do not matter), or change \
         the signer's name."
    )]
    ConfirmationMismatch {
        /// What was typed.
        typed: String,
        /// The signer's name.
        expected: String,
    },
    /// An answer names an item no loaded checklist has.
    #[error("There is no item \"{item_id}\" in the loaded checklists; check the id.")]
    UnknownItem {
        /// The id.
        item_id: String,
    },
    /// An item is marked not applicable without a reason.
    #[error(
        "\u{201c}{text}\u{201d} is marked not applicable, but without a reason; say why it does not apply."
    )]
    MissingReason {
        /// The item's id.
        item_id: String,
        /// The item's text.
        text: String,
    },
    /// A failing or warning automatic item is marked not applicable.
    #[error(
        "\u{201c}{text}\u{201d} cannot be marked not applicable: its automatic check found a \
         {verdict} on this computer. Fix it, or sign with the {verdict} shown."
    )]
    NotApplicableOnProblem {
        /// The item's id.
        item_id: String,
        /// The item's text.
        text: String,
        /// "failure" or "warning".
        verdict: &'static str,
    },
    /// An automatic item is checked by hand although its check could tell.
    #[error(
        "\u{201c}{text}\u{201d} is checked by this computer; it can be checked by hand only when \
         the automatic check could not tell (Unknown)."
    )]
    AttestWithoutUnknown {
        /// The item's id.
        item_id: String,
        /// The item's text.
        text: String,
    },
    /// An automatic item is checked by hand without a note.
    #[error(
        "\u{201c}{text}\u{201d} is checked by hand: add a note saying who checked it, how and when."
    )]
    AttestWithoutNote {
        /// The item's id.
        item_id: String,
        /// The item's text.
        text: String,
    },
}

impl SignError {
    /// The item the refusal is about, if it is about one.
    pub fn item_id(&self) -> Option<&str> {
        match self {
            Self::UnknownItem { item_id }
            | Self::MissingReason { item_id, .. }
            | Self::NotApplicableOnProblem { item_id, .. }
            | Self::AttestWithoutUnknown { item_id, .. }
            | Self::AttestWithoutNote { item_id, .. } => Some(item_id),
            _ => None,
        }
    }
}

/// The certification statement, with how many items were not answered or could not be told,
/// in the statement itself.
pub fn statement(counts: Counts) -> String {
    let total = counts.total();
    let open = match (counts.not_answered, counts.unknown) {
        (0, 0) => "every item was answered or checked".to_owned(),
        (n, 0) => format!("{n} {} not answered", were(n)),
        (0, u) => format!("for {u} the automatic check could not tell"),
        (n, u) => format!(
            "{n} {} not answered and for {u} the automatic check could not tell",
            were(n)
        ),
    };
    format!(
        "I certify that I went through this self-check of {total} items for my office ({open}), \
         that the answers recorded here are true to the best of my knowledge, and that the \
         automatic checks were run on the computer named in this certification. This is a \
         self-assessment made with clerkcheck, a tool built on public guidance; it is not issued \
         or endorsed by the Wisconsin Elections Commission."
    )
}

fn were(n: u32) -> &'static str {
    if n == 1 { "was" } else { "were" }
}

/// Raw output cut to [`MAX_RAW_EVIDENCE_BYTES`] at a character boundary, saying how much was cut.
fn capped_raw(raw: &str) -> String {
    if raw.len() <= MAX_RAW_EVIDENCE_BYTES {
        return raw.to_owned();
    }
    let mut end = MAX_RAW_EVIDENCE_BYTES;
    while !raw.is_char_boundary(end) {
        end -= 1;
    }
    format!(
        "{}\n… ({} more bytes not kept in the record)",
        &raw[..end],
        raw.len() - end
    )
}

impl SelfCheck {
    /// Checks every signing rule and builds the record (its number and link are set when it is
    /// saved). `confirmation` is the name typed to sign in the window; the command line, where
    /// the name is given once, passes `None`. The signer's name as written in the form is what
    /// is stored, never the typed confirmation's spelling.
    pub fn build_record(&self, confirmation: Option<&str>) -> Result<Record, SignError> {
        let catalog = self.catalog.as_ref().ok_or(SignError::NotLoaded)?;
        if !catalog.failed.is_empty() {
            return Err(SignError::OfficeChecklistBroken {
                count: catalog.failed.len(),
                files: catalog
                    .failed
                    .iter()
                    .map(|f| f.file.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        let host = self.host.as_ref().ok_or(SignError::HostUnknown)?;
        if !self.running.is_empty() {
            let (done, total) = self.check_progress();
            return Err(SignError::ChecksRunning { done, total });
        }
        let signer = self.checked_signer()?;
        if let Some(typed) = confirmation {
            if clean_line(typed).is_empty() {
                return Err(SignError::MissingConfirmation);
            }
            if fold_name(typed) != fold_name(&signer.name) {
                return Err(SignError::ConfirmationMismatch {
                    typed: clean_line(typed),
                    expected: signer.name,
                });
            }
        }
        self.check_answers()?;

        let mut items = Vec::new();
        for checklist in &catalog.checklists {
            for section in &checklist.sections {
                for item in &section.items {
                    items.push(self.record_item(checklist, &section.title, item));
                }
            }
        }
        let counts = Counts::of(items.iter().map(|i| i.status));
        let signed_at = host.now();
        Ok(Record {
            schema_version: RECORD_SCHEMA_VERSION,
            sequence: 0,
            created_at_utc: signed_at.utc(),
            utc_offset_minutes: signed_at.offset_minutes(),
            app_version: crate::APP_VERSION.to_owned(),
            computer: host.computer().clone(),
            signer,
            statement: statement(counts),
            checklists: catalog.checklists.iter().map(attested).collect(),
            items,
            counts,
            previous_hash: String::new(),
            previous_record: None,
            election: self
                .schedule
                .as_ref()
                .and_then(|schedule| schedule.election_for(signed_at.local_date())),
        })
    }

    /// The signer with every field cleaned, and the required ones present.
    fn checked_signer(&self) -> Result<Signer, SignError> {
        let s = &self.signer;
        let signer = Signer {
            name: clean_line(&s.name),
            title: clean_line(&s.title),
            jurisdiction_kind: s.jurisdiction_kind,
            jurisdiction: clean_line(&s.jurisdiction),
            county: clean_line(&s.county),
        };
        for (what, value) in [
            ("the name", &signer.name),
            ("the title", &signer.title),
            ("the jurisdiction", &signer.jurisdiction),
            ("the county", &signer.county),
        ] {
            if let Some(problem) = field_problem(what, value) {
                return Err(SignError::Field(format!("{}.", capitalized(&problem))));
            }
        }
        if signer.name.is_empty() {
            return Err(SignError::Missing("the signer's full name"));
        }
        if signer.title.is_empty() {
            return Err(SignError::Missing(
                "the signer's title (e.g. Municipal Clerk)",
            ));
        }
        if signer.jurisdiction.is_empty() {
            return Err(SignError::Missing(match signer.jurisdiction_kind {
                JurisdictionKind::Municipality => {
                    "the name of your city, village or town (e.g. Town of Dunn)"
                }
                JurisdictionKind::County => "the name of your county (e.g. Dane County)",
            }));
        }
        Ok(signer)
    }

    /// Checks every answer against its item and its check's finding.
    fn check_answers(&self) -> Result<(), SignError> {
        let Some(catalog) = &self.catalog else {
            return Err(SignError::NotLoaded);
        };
        for (item_id, answer) in &self.answers {
            let Some((_, item)) = catalog.item(item_id) else {
                return Err(SignError::UnknownItem {
                    item_id: item_id.clone(),
                });
            };
            let text = item.text.clone();
            let item_id = item_id.clone();
            if let Some(problem) = note_problem("The note", &answer.note) {
                return Err(SignError::Field(format!(
                    "\u{201c}{text}\u{201d}: {problem}."
                )));
            }
            let Some(check) = item.verification.check() else {
                if let Some(reason) = answer.not_applicable_reason() {
                    self.check_reason(&item_id, &text, reason)?;
                }
                continue;
            };
            if !check.applies_on(self.os) {
                continue;
            }
            let verdict = self
                .findings
                .get(&check)
                .map_or(Verdict::Unknown, |f| f.verdict);
            match &answer.answer {
                Some(Answer::NotApplicable(reason)) => {
                    self.check_reason(&item_id, &text, reason)?;
                    let verdict = match verdict {
                        Verdict::Fail => "failure",
                        Verdict::Warn => "warning",
                        Verdict::Pass | Verdict::Unknown => continue,
                    };
                    return Err(SignError::NotApplicableOnProblem {
                        item_id,
                        text,
                        verdict,
                    });
                }
                Some(Answer::Done) if !item.verification.needs_clerk() => {
                    if verdict != Verdict::Unknown {
                        return Err(SignError::AttestWithoutUnknown { item_id, text });
                    }
                    if clean_note(&answer.note).is_empty() {
                        return Err(SignError::AttestWithoutNote { item_id, text });
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// A not-applicable reason must say something and fit.
    #[expect(clippy::unused_self, reason = "a rule among the other answer rules")]
    fn check_reason(&self, item_id: &str, text: &str, reason: &str) -> Result<(), SignError> {
        if clean_note(reason).is_empty() {
            return Err(SignError::MissingReason {
                item_id: item_id.to_owned(),
                text: text.to_owned(),
            });
        }
        if let Some(problem) = note_problem("The reason", reason) {
            return Err(SignError::Field(format!(
                "\u{201c}{text}\u{201d}: {problem}."
            )));
        }
        Ok(())
    }

    /// One item as it goes into the record.
    fn record_item(
        &self,
        checklist: &Checklist,
        section: &str,
        item: &crate::checklist::Item,
    ) -> RecordItem {
        let answer = self.answers.get(&item.id);
        let check = item.verification.check();
        let finding = check.and_then(|c| self.findings.get(&c));
        let status = self.item_status(item);
        let na_reason = if status == ItemStatus::NotApplicable {
            check
                .and_then(|c| c.unavailable_reason(self.os))
                .or_else(|| {
                    answer
                        .and_then(|a| a.not_applicable_reason())
                        .map(clean_note)
                })
                .unwrap_or_default()
        } else {
            String::new()
        };
        let applies = check.is_some_and(|c| c.applies_on(self.os));
        RecordItem {
            checklist_id: checklist.id.clone(),
            section: section.to_owned(),
            item_id: item.id.clone(),
            text: item.text.clone(),
            check,
            status,
            verdict: applies.then(|| finding.map_or(Verdict::Unknown, |f| f.verdict)),
            evidence: match (applies, finding) {
                (true, Some(f)) => f.evidence.clone(),
                (true, None) => "The check did not run.".to_owned(),
                (false, _) => String::new(),
            },
            raw_evidence: finding.map(|f| capped_raw(&f.raw)).unwrap_or_default(),
            note: answer.map(|a| clean_note(&a.note)).unwrap_or_default(),
            na_reason,
        }
    }
}

/// A loaded checklist as attested in a record.
fn attested(c: &Checklist) -> AttestedChecklist {
    AttestedChecklist {
        id: c.id.clone(),
        title: c.title.clone(),
        version: c.version.clone(),
        sha256: c.sha256.clone(),
        office: c.origin == ChecklistOrigin::Office,
    }
}

/// The text with its first letter a capital.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
