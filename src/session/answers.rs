//! The clerk's answers, and the one rule that turns an item, its answer and its check's finding
//! into the item's status — the same rule for the screen and for the signed record.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::checklist::Item;
use crate::checks::{Finding, Os, Verdict};
use crate::records::ItemStatus;

/// What the clerk said about an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    /// The office does this. For an automatic item whose check could not tell: checked by hand.
    Done,
    /// The office does not do this (yet).
    NotDone,
    /// It does not apply to this office, and why.
    NotApplicable(String),
}

/// The clerk's answer to one item, and a note.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, from = "ItemAnswerOnDisk")]
pub struct ItemAnswer {
    /// The answer; `None` while not answered.
    pub answer: Option<Answer>,
    /// The clerk's note (required to check an Unknown automatic item by hand).
    pub note: String,
}

/// How an answer is read from a draft: as written now, or as clerkcheck 0.1 wrote it
/// (`done: true`, `not_applicable: Some("…")`), so an older draft is never lost.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ItemAnswerOnDisk {
    answer: Option<Answer>,
    note: String,
    done: bool,
    not_applicable: Option<String>,
}

impl From<ItemAnswerOnDisk> for ItemAnswer {
    fn from(disk: ItemAnswerOnDisk) -> Self {
        let legacy = match (disk.not_applicable, disk.done) {
            (Some(reason), _) => Some(Answer::NotApplicable(reason)),
            (None, true) => Some(Answer::Done),
            (None, false) => None,
        };
        Self {
            answer: disk.answer.or(legacy),
            note: disk.note,
        }
    }
}

impl ItemAnswer {
    /// An answer without a note.
    pub fn new(answer: Answer) -> Self {
        Self {
            answer: Some(answer),
            note: String::new(),
        }
    }

    /// True when it says nothing (no answer, no note): such entries are not kept.
    pub fn is_empty(&self) -> bool {
        self.answer.is_none() && self.note.trim().is_empty()
    }

    /// The not-applicable reason, if the item is marked not applicable.
    pub fn not_applicable_reason(&self) -> Option<&str> {
        match &self.answer {
            Some(Answer::NotApplicable(reason)) => Some(reason),
            _ => None,
        }
    }
}

/// All answers so far, by item id. Items without an entry are not answered.
pub type Answers = BTreeMap<String, ItemAnswer>;

/// An item's status given the clerk's answer and its check's finding (`None` when the check has
/// not reported), on operating system `os`.
///
/// - A check that does not exist on `os` makes its item not applicable (the reason is
///   [`crate::checks::CheckId::unavailable_reason`]).
/// - A clerk's "not applicable" wins otherwise; signing refuses it on an item whose check fails
///   or warns.
/// - Automatic items take their check's verdict; an Unknown one answered Done was checked by
///   hand.
/// - Items the check only helps with (the clerk must also answer) show a failing or warning
///   check first, then the clerk's answer.
/// - Manual items take the clerk's answer, or are not answered.
pub fn status_of(
    item: &Item,
    answer: Option<&ItemAnswer>,
    finding: Option<&Finding>,
    os: Os,
) -> ItemStatus {
    let check = item.verification.check();
    if check.is_some_and(|c| !c.applies_on(os)) {
        return ItemStatus::NotApplicable;
    }
    let answer = answer.and_then(|a| a.answer.as_ref());
    if matches!(answer, Some(Answer::NotApplicable(_))) {
        return ItemStatus::NotApplicable;
    }
    let verdict = check.map(|_| finding.map_or(Verdict::Unknown, |f| f.verdict));
    let clerk = match answer {
        Some(Answer::Done) => ItemStatus::Done,
        Some(Answer::NotDone) => ItemStatus::NotDone,
        Some(Answer::NotApplicable(_)) => ItemStatus::NotApplicable,
        None => ItemStatus::NotAnswered,
    };
    match verdict {
        None => clerk,
        Some(verdict) if item.verification.needs_clerk() => match verdict {
            Verdict::Fail | Verdict::Warn => ItemStatus::Checked(verdict),
            Verdict::Pass | Verdict::Unknown => clerk,
        },
        Some(Verdict::Unknown) if clerk == ItemStatus::Done => ItemStatus::AttestedByHand,
        Some(verdict) => ItemStatus::Checked(verdict),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_written_by_clerkcheck_0_1_still_reads() {
        let old = r#"{"a": (done: true, note: "x"), "b": (not_applicable: Some("none here")), "c": (note: "later")}"#;
        let answers: Answers = ron::from_str(old).unwrap();
        assert_eq!(answers["a"].answer, Some(Answer::Done));
        assert_eq!(answers["a"].note, "x");
        assert_eq!(
            answers["b"].answer,
            Some(Answer::NotApplicable("none here".into()))
        );
        assert_eq!(answers["c"].answer, None);
    }

    #[test]
    fn answers_round_trip() {
        let mut answers = Answers::new();
        answers.insert("a".into(), ItemAnswer::new(Answer::NotDone));
        let text = ron::to_string(&answers).unwrap();
        assert_eq!(ron::from_str::<Answers>(&text).unwrap(), answers);
    }
}
