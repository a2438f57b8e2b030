//! The sign-off in progress: checklists, findings, answers and signer, with the pure rules the
//! panels show (progress per section, the summary). No egui here, so it is easy to test.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::checklist::{Catalog, Checklist, Item, Section};
use crate::checks::{CheckId, Finding, Verdict};
use crate::records::{Answers, Computer, ItemAnswer, Signer};

/// What is autosaved while the clerk works: the answers and who signs. Written as RON to the
/// data directory's draft file; never into eframe storage.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// Who signs (as typed so far).
    pub signer: Signer,
    /// The answers so far, by item id.
    pub answers: Answers,
}

/// The state of the sign-off being prepared.
#[derive(Debug, Default)]
pub struct Session {
    /// The loaded checklists; `None` until the background load has finished.
    pub catalog: Option<Catalog>,
    /// The latest finding of each check.
    pub findings: BTreeMap<CheckId, Finding>,
    /// Checks started and not yet reported.
    pub running: BTreeSet<CheckId>,
    /// How many checks the current run started (for "5 of 12").
    pub run_total: usize,
    /// The clerk's answers.
    pub answers: Answers,
    /// Who signs.
    pub signer: Signer,
    /// The computer checked; `None` until known.
    pub computer: Option<Computer>,
}

/// Where one item stands, for its row and for the counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemState {
    /// Not answered yet (manual not ticked; automatic still running or Unknown, not attested).
    Open,
    /// Manual item ticked as done.
    Done,
    /// Automatic item with this verdict (Unknown only when it is not attested by hand).
    Checked(Verdict),
    /// Automatic check still running.
    Checking,
    /// Automatic item whose check was Unknown, attested by hand.
    Attested,
    /// Marked not applicable with a reason.
    NotApplicable,
    /// Verified by a check that does not exist on this operating system (User Account Control
    /// off Windows): nothing to answer, recorded as not applicable with the reason.
    NotOnThisComputer,
}

impl ItemState {
    /// True when the item needs nothing more from the clerk.
    #[must_use]
    pub fn answered(self) -> bool {
        !matches!(
            self,
            Self::Open | Self::Checking | Self::Checked(Verdict::Unknown)
        )
    }
}

/// The numbers on the sign-off summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// All items.
    pub total: usize,
    /// Manual items done plus automatic items attested by hand.
    pub done: usize,
    /// Automatic items that passed.
    pub passing: usize,
    /// Automatic items with a warning.
    pub warning: usize,
    /// Automatic items that failed.
    pub failing: usize,
    /// Automatic items whose result is unknown (or still running), not attested.
    pub unknown: usize,
    /// Items marked not applicable.
    pub not_applicable: usize,
    /// Manual items not answered yet.
    pub not_answered: usize,
}

impl Session {
    /// The state of `item` given the findings and answers so far.
    #[must_use]
    pub fn item_state(&self, item: &Item) -> ItemState {
        let answer = self.answers.get(&item.id);
        if answer.is_some_and(|a| a.not_applicable.is_some()) {
            return ItemState::NotApplicable;
        }
        let done = answer.is_some_and(|a| a.done);
        if item
            .verification
            .check()
            .is_some_and(|c| !c.applies_on_this_os())
        {
            return ItemState::NotOnThisComputer;
        }
        match item.verification.check() {
            None if done => ItemState::Done,
            None => ItemState::Open,
            Some(check) => match self.findings.get(&check) {
                _ if self.running.contains(&check) => ItemState::Checking,
                None => ItemState::Open,
                Some(f) if f.verdict == Verdict::Unknown && done => ItemState::Attested,
                Some(f) => ItemState::Checked(f.verdict),
            },
        }
    }

    /// `(answered, total)` for a section, for "7 of 9 done".
    #[must_use]
    pub fn section_progress(&self, section: &Section) -> (usize, usize) {
        let answered = section
            .items
            .iter()
            .filter(|i| self.item_state(i).answered())
            .count();
        (answered, section.items.len())
    }

    /// The summary over every loaded item.
    #[must_use]
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        let Some(catalog) = &self.catalog else {
            return s;
        };
        for item in catalog.checklists.iter().flat_map(Checklist::items) {
            s.total += 1;
            match self.item_state(item) {
                ItemState::Done | ItemState::Attested => s.done += 1,
                ItemState::Checked(Verdict::Pass) => s.passing += 1,
                ItemState::Checked(Verdict::Warn) => s.warning += 1,
                ItemState::Checked(Verdict::Fail) => s.failing += 1,
                ItemState::Checked(Verdict::Unknown) | ItemState::Checking => s.unknown += 1,
                ItemState::NotApplicable | ItemState::NotOnThisComputer => {
                    s.not_applicable += 1;
                }
                ItemState::Open if item.verification.check().is_some() => s.unknown += 1,
                ItemState::Open => s.not_answered += 1,
            }
        }
        s
    }

    /// `(reported, started)` of the current check run.
    #[must_use]
    pub fn check_progress(&self) -> (usize, usize) {
        (
            self.run_total.saturating_sub(self.running.len()),
            self.run_total,
        )
    }

    /// The answer to an item, created empty on first use.
    pub fn answer_mut(&mut self, item_id: &str) -> &mut ItemAnswer {
        self.answers.entry(item_id.to_owned()).or_default()
    }

    /// Drops answers that say nothing (not done, no note, not N/A), so the draft stays small
    /// and the record only holds what the clerk actually said.
    pub fn tidy_answers(&mut self) {
        self.answers
            .retain(|_, a| a.done || !a.note.trim().is_empty() || a.not_applicable.is_some());
    }

    /// The findings as a list, for building the record.
    #[must_use]
    pub fn findings_list(&self) -> Vec<Finding> {
        self.findings.values().cloned().collect()
    }

    /// The draft to autosave.
    #[must_use]
    pub fn draft(&self) -> Draft {
        Draft {
            signer: self.signer.clone(),
            answers: self.answers.clone(),
        }
    }
}

#[cfg(test)]
// A test that unwraps fails loudly with the reason, which is what a test should do.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn finding(check: CheckId, verdict: Verdict) -> Finding {
        Finding {
            check,
            verdict,
            evidence: String::new(),
            why: String::new(),
            fix: Vec::new(),
            raw: String::new(),
        }
    }

    fn session() -> Session {
        Session {
            catalog: Some(Catalog::load(std::path::Path::new(
                "/nonexistent-clerkcheck",
            ))),
            ..Session::default()
        }
    }

    #[test]
    fn unknown_check_counts_as_answered_only_when_attested() {
        let mut s = session();
        let catalog = s.catalog.clone().unwrap_or_default();
        let item = catalog
            .checklists
            .iter()
            .flat_map(Checklist::items)
            .find(|i| i.verification.check().is_some())
            .cloned()
            .unwrap();
        let check = item.verification.check().unwrap();
        s.findings.insert(check, finding(check, Verdict::Unknown));
        assert_eq!(s.item_state(&item), ItemState::Checked(Verdict::Unknown));
        assert!(!s.item_state(&item).answered());
        s.answer_mut(&item.id).done = true;
        assert_eq!(s.item_state(&item), ItemState::Attested);
        assert!(s.item_state(&item).answered());
    }

    #[test]
    fn summary_adds_up_to_every_item() {
        let mut s = session();
        let catalog = s.catalog.clone().unwrap_or_default();
        let mut manual = catalog
            .checklists
            .iter()
            .flat_map(Checklist::items)
            .filter(|i| i.verification.check().is_none());
        let first = manual.next().unwrap().id.clone();
        let second = manual.next().unwrap().id.clone();
        s.answer_mut(&first).done = true;
        s.answer_mut(&second).not_applicable = Some("no such machine".into());
        s.findings.insert(
            CheckId::Antivirus,
            finding(CheckId::Antivirus, Verdict::Fail),
        );
        let sum = s.summary();
        assert_eq!(sum.done, 1);
        // Off Windows, the User Account Control item is not applicable on this computer too.
        assert_eq!(sum.not_applicable, if cfg!(windows) { 1 } else { 2 });
        assert_eq!(sum.failing, 1);
        assert_eq!(
            sum.done
                + sum.passing
                + sum.warning
                + sum.failing
                + sum.unknown
                + sum.not_applicable
                + sum.not_answered,
            sum.total
        );
    }

    #[test]
    fn tidy_answers_keeps_only_what_the_clerk_said() {
        let mut s = session();
        s.answer_mut("a");
        s.answer_mut("b").note = "x".into();
        s.tidy_answers();
        assert_eq!(s.answers.keys().collect::<Vec<_>>(), ["b"]);
    }

    #[test]
    fn a_check_that_does_not_exist_here_is_not_applicable_and_answered() {
        let s = session();
        let catalog = s.catalog.as_ref().unwrap();
        let uac = catalog
            .checklists
            .iter()
            .flat_map(Checklist::items)
            .find(|i| i.verification.check() == Some(CheckId::Uac))
            .unwrap();
        let state = s.item_state(uac);
        if cfg!(windows) {
            assert_eq!(state, ItemState::Open);
        } else {
            assert_eq!(state, ItemState::NotOnThisComputer);
            assert!(state.answered());
        }
    }
}
