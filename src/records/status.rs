//! The one vocabulary for where an item stands, used on screen, in History, the CSV and JSON
//! exports, the command line and the certification PDF alike.
//!
//! - Automatic items: **Pass**, **Warning**, **Fail**, **Unknown**, **Not applicable** (with
//!   the reason), and **Checked by hand** (the check could not tell; the clerk checked it by
//!   hand and wrote how).
//! - Manual items: **Done**, **Not done**, **Not answered**, **Not applicable** (with the
//!   reason).
//!
//! Each status has its word, its symbol and its severity defined here once, and every count in
//! [`Counts`] means exactly one status.

use serde::{Deserialize, Serialize};

use crate::checks::Verdict;

/// Where one item of a sign-off stands.
///
/// The serialized shape is part of the record file format: variants are only ever added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ItemStatus {
    /// A manual item the clerk said the office does.
    Done,
    /// A manual item the clerk said the office does not do (yet).
    NotDone,
    /// An automatic item with its check's verdict.
    Checked(Verdict),
    /// An automatic item whose check could not tell (Unknown), checked by hand by the clerk, with
    /// a note saying how.
    AttestedByHand,
    /// Marked not applicable; the reason is kept with the item.
    NotApplicable,
    /// A manual item the clerk did not answer. (Records of schema 1 have no such status: there,
    /// an unanswered item was written as `NotDone`.)
    NotAnswered,
}

/// How much an item's status asks for attention, worst first when sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Something is wrong: a failed check or a practice not done.
    Problem,
    /// Worth attention: a warning.
    Warning,
    /// Not known: the check could not tell, or the clerk did not answer.
    Open,
    /// In order: passed, done, or checked by hand.
    Good,
    /// Does not apply.
    NotApplicable,
}

impl ItemStatus {
    /// Every status, in the order counts are shown.
    pub const ALL: [Self; 9] = [
        Self::Checked(Verdict::Pass),
        Self::Done,
        Self::AttestedByHand,
        Self::Checked(Verdict::Warn),
        Self::Checked(Verdict::Fail),
        Self::NotDone,
        Self::Checked(Verdict::Unknown),
        Self::NotAnswered,
        Self::NotApplicable,
    ];

    /// The word a person reads, e.g. "Pass", "Not answered".
    pub fn word(self) -> &'static str {
        match self {
            Self::Checked(Verdict::Pass) => "Pass",
            Self::Checked(Verdict::Warn) => "Warning",
            Self::Checked(Verdict::Fail) => "Fail",
            Self::Checked(Verdict::Unknown) => "Unknown",
            Self::AttestedByHand => "Checked by hand",
            Self::Done => "Done",
            Self::NotDone => "Not done",
            Self::NotAnswered => "Not answered",
            Self::NotApplicable => "Not applicable",
        }
    }

    /// A stable lowercase key for exports (CSV, JSON), e.g. `pass`, `not-answered`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Checked(Verdict::Pass) => "pass",
            Self::Checked(Verdict::Warn) => "warning",
            Self::Checked(Verdict::Fail) => "fail",
            Self::Checked(Verdict::Unknown) => "unknown",
            Self::AttestedByHand => "checked-by-hand",
            Self::Done => "done",
            Self::NotDone => "not-done",
            Self::NotAnswered => "not-answered",
            Self::NotApplicable => "not-applicable",
        }
    }

    /// The symbol printed beside the word (never the only sign: the word is always there too).
    pub fn symbol(self) -> char {
        match self.severity() {
            Severity::Good => '✓',
            Severity::Problem => '✗',
            Severity::Warning => '!',
            Severity::Open => '?',
            Severity::NotApplicable => '–',
        }
    }

    /// How much it asks for attention.
    pub fn severity(self) -> Severity {
        match self {
            Self::Checked(Verdict::Pass) | Self::Done | Self::AttestedByHand => Severity::Good,
            Self::Checked(Verdict::Fail) | Self::NotDone => Severity::Problem,
            Self::Checked(Verdict::Warn) => Severity::Warning,
            Self::Checked(Verdict::Unknown) | Self::NotAnswered => Severity::Open,
            Self::NotApplicable => Severity::NotApplicable,
        }
    }

    /// True when the item needs the clerk's or IT support's attention: a failure, a practice
    /// not done, a warning, an unknown result or an unanswered item.
    pub fn needs_attention(self) -> bool {
        matches!(
            self.severity(),
            Severity::Problem | Severity::Warning | Severity::Open
        )
    }

    /// True when the item counts as progress: passed, done, checked by hand, or not applicable
    /// with a reason. A failure or a warning is an answer, but not progress.
    pub fn is_settled(self) -> bool {
        matches!(self.severity(), Severity::Good | Severity::NotApplicable)
    }

    /// The status in the past tense, for comparisons ("passed", "was not answered").
    pub fn past(self) -> &'static str {
        match self {
            Self::Checked(Verdict::Pass) => "passed",
            Self::Checked(Verdict::Warn) => "had a warning",
            Self::Checked(Verdict::Fail) => "failed",
            Self::Checked(Verdict::Unknown) => "was unknown",
            Self::AttestedByHand => "was checked by hand",
            Self::Done => "was done",
            Self::NotDone => "was not done",
            Self::NotAnswered => "was not answered",
            Self::NotApplicable => "was not applicable",
        }
    }

    /// The status in the present tense ("fails", "is done").
    pub fn present(self) -> &'static str {
        match self {
            Self::Checked(Verdict::Pass) => "passes",
            Self::Checked(Verdict::Warn) => "has a warning",
            Self::Checked(Verdict::Fail) => "fails",
            Self::Checked(Verdict::Unknown) => "is unknown",
            Self::AttestedByHand => "is checked by hand",
            Self::Done => "is done",
            Self::NotDone => "is not done",
            Self::NotAnswered => "is not answered",
            Self::NotApplicable => "is not applicable",
        }
    }

    /// The word after a count, e.g. "3 passed", "1 warning", "2 warnings", "5 not answered".
    pub fn count_word(self, count: u32) -> &'static str {
        match self {
            Self::Checked(Verdict::Pass) => "passed",
            Self::Checked(Verdict::Warn) if count == 1 => "warning",
            Self::Checked(Verdict::Warn) => "warnings",
            Self::Checked(Verdict::Fail) => "failed",
            Self::Checked(Verdict::Unknown) => "unknown",
            Self::AttestedByHand => "checked by hand",
            Self::Done => "done",
            Self::NotDone => "not done",
            Self::NotAnswered => "not answered",
            Self::NotApplicable => "not applicable",
        }
    }

    /// How good it is, for telling a regression from an improvement: `None` for not applicable,
    /// which is neither better nor worse than anything.
    pub fn goodness(self) -> Option<u8> {
        match self.severity() {
            Severity::Good => Some(3),
            Severity::Warning => Some(2),
            Severity::Open => Some(1),
            Severity::Problem => Some(0),
            Severity::NotApplicable => None,
        }
    }
}

impl std::fmt::Display for ItemStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.word())
    }
}

/// How many items have each status. Every field counts exactly one [`ItemStatus`].
///
/// The serialized field names are part of the record file format (`warned` is the Warning
/// count); fields added after schema 1 default to zero when read from older records, whose
/// counts should be recomputed with [`Counts::of`] rather than trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Counts {
    /// Manual items done.
    pub done: u32,
    /// Manual items not done.
    pub not_done: u32,
    /// Automatic items that passed.
    pub passed: u32,
    /// Automatic items with a warning.
    pub warned: u32,
    /// Automatic items that failed.
    pub failed: u32,
    /// Automatic items whose check could not tell, not checked by hand.
    pub unknown: u32,
    /// Items not applicable (with a reason).
    pub not_applicable: u32,
    /// Manual items not answered.
    pub not_answered: u32,
    /// Automatic items whose check could not tell, checked by hand by the clerk.
    pub checked_by_hand: u32,
}

impl Counts {
    /// Counts the statuses.
    pub fn of(statuses: impl IntoIterator<Item = ItemStatus>) -> Self {
        let mut counts = Self::default();
        for status in statuses {
            *counts.slot(status) += 1;
        }
        counts
    }

    /// The counter of one status.
    fn slot(&mut self, status: ItemStatus) -> &mut u32 {
        match status {
            ItemStatus::Done => &mut self.done,
            ItemStatus::NotDone => &mut self.not_done,
            ItemStatus::Checked(Verdict::Pass) => &mut self.passed,
            ItemStatus::Checked(Verdict::Warn) => &mut self.warned,
            ItemStatus::Checked(Verdict::Fail) => &mut self.failed,
            ItemStatus::Checked(Verdict::Unknown) => &mut self.unknown,
            ItemStatus::NotApplicable => &mut self.not_applicable,
            ItemStatus::NotAnswered => &mut self.not_answered,
            ItemStatus::AttestedByHand => &mut self.checked_by_hand,
        }
    }

    /// How many items have `status`.
    pub fn get(self, status: ItemStatus) -> u32 {
        let mut copy = self;
        *copy.slot(status)
    }

    /// Every status with its count, in [`ItemStatus::ALL`] order.
    pub fn by_status(self) -> impl Iterator<Item = (ItemStatus, u32)> {
        ItemStatus::ALL.into_iter().map(move |s| (s, self.get(s)))
    }

    /// All items.
    pub fn total(self) -> u32 {
        self.by_status().map(|(_, n)| n).sum()
    }

    /// Items that need attention (problems, warnings, unknown, not answered).
    pub fn needing_attention(self) -> u32 {
        self.by_status()
            .filter(|(s, _)| s.needs_attention())
            .map(|(_, n)| n)
            .sum()
    }

    /// Items settled: passed, done, checked by hand, or not applicable.
    pub fn settled(self) -> u32 {
        self.by_status()
            .filter(|(s, _)| s.is_settled())
            .map(|(_, n)| n)
            .sum()
    }

    /// The problems: failed checks and practices not done.
    pub fn problems(self) -> u32 {
        self.failed + self.not_done
    }

    /// One line in words listing every non-zero count, e.g. "3 passed, 1 failed, 50 not
    /// answered" ("no items" when empty).
    pub fn sentence(self) -> String {
        let parts: Vec<String> = self
            .by_status()
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| format!("{n} {}", s.count_word(n)))
            .collect();
        if parts.is_empty() {
            "no items".to_owned()
        } else {
            parts.join(", ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_its_own_word_key_and_count() {
        let words: std::collections::HashSet<_> =
            ItemStatus::ALL.iter().map(|s| s.word()).collect();
        let keys: std::collections::HashSet<_> = ItemStatus::ALL.iter().map(|s| s.key()).collect();
        assert_eq!(words.len(), ItemStatus::ALL.len());
        assert_eq!(keys.len(), ItemStatus::ALL.len());
        for status in ItemStatus::ALL {
            let counts = Counts::of([status]);
            assert_eq!(counts.get(status), 1, "{status}");
            assert_eq!(counts.total(), 1, "{status}");
        }
    }

    #[test]
    fn failures_and_warnings_are_answers_but_not_progress() {
        assert!(!ItemStatus::Checked(Verdict::Fail).is_settled());
        assert!(!ItemStatus::Checked(Verdict::Warn).is_settled());
        assert!(!ItemStatus::NotAnswered.is_settled());
        assert!(ItemStatus::NotApplicable.is_settled());
        assert!(ItemStatus::AttestedByHand.is_settled());
        assert!(ItemStatus::NotAnswered.needs_attention());
        assert!(!ItemStatus::NotApplicable.needs_attention());
    }

    #[test]
    fn not_answered_is_not_counted_as_failing() {
        let counts = Counts::of([
            ItemStatus::NotAnswered,
            ItemStatus::NotAnswered,
            ItemStatus::Checked(Verdict::Fail),
            ItemStatus::Checked(Verdict::Warn),
        ]);
        assert_eq!(counts.problems(), 1);
        assert_eq!(counts.not_answered, 2);
        assert_eq!(counts.warned, 1);
        assert_eq!(counts.needing_attention(), 4);
        assert_eq!(counts.sentence(), "1 warning, 1 failed, 2 not answered");
    }

    #[test]
    fn schema_1_counts_read_with_the_new_fields_at_zero() {
        let old = "(done: 1, not_done: 2, passed: 3, warned: 4, failed: 5, unknown: 6, not_applicable: 7)";
        let counts: Counts = ron::from_str(old).unwrap();
        assert_eq!(counts.not_answered, 0);
        assert_eq!(counts.total(), 28);
    }
}
