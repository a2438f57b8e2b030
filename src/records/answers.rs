//! The clerk's answers before signing (the draft), and turning them into a [`Record`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::{
    AttestedChecklist, Computer, Counts, ItemStatus, RECORD_SCHEMA_VERSION, Record, RecordItem,
    Signer,
};
use crate::checklist::{Catalog, ChecklistOrigin};
use crate::checks::{CheckId, Finding, Os, Verdict};

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
                    // A check that does not exist on this OS (User Account Control off Windows)
                    // makes its item not applicable here, with the reason written for the clerk.
                    let os_reason = check.filter(|c| !c.applies_on_this_os()).map(|_| {
                        format!(
                            "Does not apply on {}: this check exists only on Windows.",
                            Os::current().name()
                        )
                    });
                    let na_reason = answer.not_applicable.clone().or(os_reason);
                    let status = match (&na_reason, check) {
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
                        na_reason: na_reason.as_deref().unwrap_or("").trim().to_owned(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::Checklist;
    use crate::records::{Computer, JurisdictionKind};

    fn finding(check: CheckId, verdict: Verdict) -> Finding {
        Finding {
            check,
            verdict,
            evidence: format!("{check} evidence"),
            why: String::new(),
            fix: Vec::new(),
            raw: "raw".to_owned(),
        }
    }

    fn sign(
        catalog: &Catalog,
        findings: &[Finding],
        answers: &Answers,
    ) -> Result<Record, SignError> {
        SignOff {
            catalog,
            findings,
            answers,
            signer: Signer {
                name: "José Núñez-Øberg".to_owned(),
                title: "Clerk".to_owned(),
                jurisdiction_kind: JurisdictionKind::Municipality,
                jurisdiction: "Town of Dunn".to_owned(),
                county: "Dane County".to_owned(),
            },
            computer: Computer::default(),
            now_utc: chrono::DateTime::UNIX_EPOCH,
            utc_offset_minutes: -360,
        }
        .build()
    }

    fn catalog() -> Catalog {
        Catalog {
            checklists: crate::checklist::shipped_checklists(),
            failed: Vec::new(),
        }
    }

    #[test]
    fn statuses_and_counts_follow_answers_and_findings() {
        let catalog = catalog();
        let findings: Vec<Finding> = CheckId::ALL
            .iter()
            .map(|&c| {
                finding(
                    c,
                    if c == CheckId::Firewall {
                        Verdict::Fail
                    } else {
                        Verdict::Pass
                    },
                )
            })
            .collect();
        let mut answers = Answers::new();
        answers.insert(
            "memo-1-keep-wisvote-password-private".into(),
            ItemAnswer {
                done: true,
                ..ItemAnswer::default()
            },
        );
        answers.insert(
            "memo-6-trusted-wisvote-users".into(),
            ItemAnswer {
                not_applicable: Some("No WisVote users besides me".into()),
                ..ItemAnswer::default()
            },
        );
        let record = sign(&catalog, &findings, &answers).unwrap();
        let status = |id: &str| {
            record
                .items
                .iter()
                .find(|i| i.item_id == id)
                .unwrap()
                .status
                .clone()
        };
        assert_eq!(
            status("memo-1-keep-wisvote-password-private"),
            ItemStatus::Done
        );
        assert_eq!(status("memo-4-hover-over-links"), ItemStatus::NotDone);
        assert_eq!(
            status("memo-6-trusted-wisvote-users"),
            ItemStatus::NotApplicable
        );
        assert_eq!(status("firewall-on"), ItemStatus::Checked(Verdict::Fail));
        let total = catalog
            .checklists
            .iter()
            .map(Checklist::item_count)
            .sum::<usize>();
        assert_eq!(record.items.len(), total);
        let c = record.counts;
        let counted =
            c.done + c.not_done + c.passed + c.warned + c.failed + c.unknown + c.not_applicable;
        assert_eq!(counted as usize, total);
        assert_eq!(c.failed, 1);
    }

    #[test]
    fn a_check_that_does_not_exist_on_this_os_makes_its_item_not_applicable() {
        let catalog = catalog();
        let record = sign(&catalog, &[], &Answers::new()).unwrap();
        let uac = record
            .items
            .iter()
            .find(|i| i.check == Some(CheckId::Uac))
            .unwrap();
        if cfg!(windows) {
            assert_eq!(uac.status, ItemStatus::Checked(Verdict::Unknown));
        } else {
            assert_eq!(uac.status, ItemStatus::NotApplicable);
            assert!(
                uac.na_reason.starts_with("Does not apply on"),
                "{}",
                uac.na_reason
            );
        }
    }

    #[test]
    fn refusals() {
        let catalog = catalog();
        let mut answers = Answers::new();
        answers.insert("no-such-item".into(), ItemAnswer::default());
        assert_eq!(
            sign(&catalog, &[], &answers),
            Err(SignError::UnknownItem("no-such-item".into()))
        );
        let mut answers = Answers::new();
        answers.insert(
            "memo-4-hover-over-links".into(),
            ItemAnswer {
                not_applicable: Some("  ".into()),
                ..ItemAnswer::default()
            },
        );
        assert_eq!(
            sign(&catalog, &[], &answers),
            Err(SignError::MissingReason("memo-4-hover-over-links".into()))
        );
        let mut answers = Answers::new();
        answers.insert(
            "firewall-on".into(),
            ItemAnswer {
                done: true,
                ..ItemAnswer::default()
            },
        );
        assert_eq!(
            sign(
                &catalog,
                &[finding(CheckId::Firewall, Verdict::Fail)],
                &answers
            ),
            Err(SignError::AttestWithoutUnknown("firewall-on".into()))
        );
        assert_eq!(
            sign(&catalog, &[], &answers),
            Err(SignError::AttestWithoutNote("firewall-on".into()))
        );
    }
}
