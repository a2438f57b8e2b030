//! The clerk's answers before signing (the draft), and turning them into a [`Record`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::{
    AttestedChecklist, Computer, Counts, ItemStatus, RECORD_SCHEMA_VERSION, Record, RecordItem,
    Signer,
};
use crate::checklist::{Catalog, ChecklistOrigin};
use crate::checks::{CheckId, Finding, Verdict};

/// The certification statement the signer attests to.
pub const CERTIFICATION_STATEMENT: &str = "I certify that I reviewed each item in this self-check for my office, that the answers recorded here are true to the best of my knowledge, and that the automatic checks were run on the computer named in this certification. This is a self-assessment made with clerkcheck, a tool built on public guidance; it is not issued or endorsed by the Wisconsin Elections Commission.";

/// The clerk's answer to one item.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ItemAnswer {
    /// A manual item ticked as done, or an automatic item whose check was Unknown attested by hand.
    pub done: bool,
    /// The clerk's optional note (required to attest an Unknown check by hand).
    pub note: String,
    /// `Some(reason)` when the item is marked not applicable; the reason may not be empty.
    pub not_applicable: Option<String>,
}

/// All answers so far, by item id. Items without an entry are unanswered.
pub type Answers = BTreeMap<String, ItemAnswer>;

/// Why answers cannot be signed yet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    /// The signer's name is empty.
    #[error("type your full name to sign")]
    MissingName,
    /// An answer names an item that no loaded checklist has.
    #[error("item \"{0}\" is not in any loaded checklist; check the id")]
    UnknownItem(String),
    /// An item is marked not applicable without a reason.
    #[error("item \"{0}\" is marked not applicable but has no reason; say why it does not apply")]
    MissingReason(String),
    /// An automatic item is attested by hand although its check did not come back Unknown.
    #[error("item \"{0}\" can be attested by hand only when its automatic check is Unknown")]
    AttestWithoutUnknown(String),
    /// An automatic item attested by hand without a note saying how it was checked.
    #[error("item \"{0}\" is attested by hand; add a note saying who checked it and when")]
    AttestWithoutNote(String),
}

/// Checks the answers against the catalog and findings without building anything.
pub fn validate_answers(
    catalog: &Catalog,
    findings: &[Finding],
    answers: &Answers,
) -> Result<(), SignError> {
    for (item_id, answer) in answers {
        let Some((_, item)) = catalog.item(item_id) else {
            return Err(SignError::UnknownItem(item_id.clone()));
        };
        if let Some(reason) = &answer.not_applicable {
            if reason.trim().is_empty() {
                return Err(SignError::MissingReason(item_id.clone()));
            }
            continue;
        }
        if let (Some(check), true) = (item.verification.check(), answer.done) {
            if verdict_of(findings, check) != Verdict::Unknown {
                return Err(SignError::AttestWithoutUnknown(item_id.clone()));
            }
            if answer.note.trim().is_empty() {
                return Err(SignError::AttestWithoutNote(item_id.clone()));
            }
        }
    }
    Ok(())
}

/// The verdict of a check among the findings; a check with no finding is Unknown.
#[must_use]
pub fn verdict_of(findings: &[Finding], check: CheckId) -> Verdict {
    findings
        .iter()
        .find(|f| f.check == check)
        .map_or(Verdict::Unknown, |f| f.verdict)
}

/// Everything a record is built from, apart from its place in the chain.
#[derive(Debug, Clone)]
pub struct SignOff<'a> {
    /// The loaded checklists.
    pub catalog: &'a Catalog,
    /// The automatic findings.
    pub findings: &'a [Finding],
    /// The clerk's answers.
    pub answers: &'a Answers,
    /// Who signs.
    pub signer: Signer,
    /// The computer checked.
    pub computer: Computer,
    /// Signing time, UTC.
    pub now_utc: chrono::DateTime<chrono::Utc>,
    /// Local offset from UTC in minutes.
    pub utc_offset_minutes: i32,
}

impl SignOff<'_> {
    /// Builds the record's content; `sequence` and `previous_hash` are set by the store.
    pub fn build(&self) -> Result<Record, SignError> {
        if self.signer.name.trim().is_empty() {
            return Err(SignError::MissingName);
        }
        validate_answers(self.catalog, self.findings, self.answers)?;
        let mut items = Vec::new();
        let mut counts = Counts::default();
        for checklist in &self.catalog.checklists {
            for section in &checklist.sections {
                for item in &section.items {
                    let answer = self.answers.get(&item.id).cloned().unwrap_or_default();
                    let check = item.verification.check();
                    let finding = check.and_then(|c| self.findings.iter().find(|f| f.check == c));
                    let status = match (&answer.not_applicable, check) {
                        (Some(_), _) => ItemStatus::NotApplicable,
                        (None, None) if answer.done => ItemStatus::Done,
                        (None, None) => ItemStatus::NotDone,
                        (None, Some(c)) => {
                            let verdict = verdict_of(self.findings, c);
                            if verdict == Verdict::Unknown && answer.done {
                                ItemStatus::AttestedByHand
                            } else {
                                ItemStatus::Checked(verdict)
                            }
                        }
                    };
                    count(&mut counts, &status);
                    items.push(RecordItem {
                        checklist_id: checklist.id.clone(),
                        section: section.title.clone(),
                        item_id: item.id.clone(),
                        text: item.text.clone(),
                        check,
                        status,
                        evidence: finding.map_or_else(
                            || {
                                check.map_or_else(String::new, |_| {
                                    "The check did not run.".to_owned()
                                })
                            },
                            |f| f.evidence.clone(),
                        ),
                        raw_evidence: finding.map(|f| f.raw.clone()).unwrap_or_default(),
                        note: answer.note.trim().to_owned(),
                        na_reason: answer
                            .not_applicable
                            .as_deref()
                            .unwrap_or("")
                            .trim()
                            .to_owned(),
                    });
                }
            }
        }
        Ok(Record {
            schema_version: RECORD_SCHEMA_VERSION,
            sequence: 0,
            created_at_utc: self
                .now_utc
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            utc_offset_minutes: self.utc_offset_minutes,
            app_version: crate::APP_VERSION.to_owned(),
            computer: self.computer.clone(),
            signer: self.signer.clone(),
            statement: CERTIFICATION_STATEMENT.to_owned(),
            checklists: self
                .catalog
                .checklists
                .iter()
                .map(|c| AttestedChecklist {
                    id: c.id.clone(),
                    title: c.title.clone(),
                    version: c.version.clone(),
                    sha256: c.sha256.clone(),
                    office: c.origin == ChecklistOrigin::Office,
                })
                .collect(),
            items,
            counts,
            previous_hash: String::new(),
        })
    }
}

/// Adds one item's status to the counts.
pub fn count(counts: &mut Counts, status: &ItemStatus) {
    match status {
        ItemStatus::Done | ItemStatus::AttestedByHand => counts.done += 1,
        ItemStatus::NotDone => counts.not_done += 1,
        ItemStatus::Checked(Verdict::Pass) => counts.passed += 1,
        ItemStatus::Checked(Verdict::Warn) => counts.warned += 1,
        ItemStatus::Checked(Verdict::Fail) => counts.failed += 1,
        ItemStatus::Checked(Verdict::Unknown) => counts.unknown += 1,
        ItemStatus::NotApplicable => counts.not_applicable += 1,
    }
}
