//! The self-check in progress: the checklists, the checks' findings, the clerk's answers and who
//! signs, with the pure rules the screens show (statuses, counts, progress).

use std::collections::{BTreeMap, BTreeSet};

use crate::calendar::Schedule;
use crate::checklist::{Catalog, Checklist, Item, Section};
use crate::checks::{CheckId, Finding, Os};
use crate::records::{Counts, ItemStatus, Signer};

use super::answers::{Answers, ItemAnswer, status_of};
use super::draft::Draft;
use super::host::Host;

/// The self-check in progress: the checklists, the checks' findings, the clerk's answers and
/// who signs. Pure state and rules; the front ends load and save it.
#[derive(Debug, Clone)]
pub struct SelfCheck {
    /// The loaded checklists; `None` until loaded.
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
    /// This computer and its clock; `None` until known.
    pub host: Option<Host>,
    /// The operating system the checks run on.
    pub os: Os,
    /// The elections and the policy's window, to name the election a sign-off precedes;
    /// `None` until known (the record then names none).
    pub schedule: Option<Schedule>,
}

impl Default for SelfCheck {
    fn default() -> Self {
        Self {
            catalog: None,
            findings: BTreeMap::new(),
            running: BTreeSet::new(),
            run_total: 0,
            answers: Answers::new(),
            signer: Signer::default(),
            host: None,
            os: Os::current(),
            schedule: None,
        }
    }
}

impl SelfCheck {
    /// The status of `item` given the findings and answers so far (the same rule the record
    /// uses). A check still running counts as Unknown until it reports; see
    /// [`SelfCheck::is_checking`].
    pub fn item_status(&self, item: &Item) -> ItemStatus {
        let finding = item
            .verification
            .check()
            .and_then(|c| self.findings.get(&c));
        status_of(item, self.answers.get(&item.id), finding, self.os)
    }

    /// True while the check of `item` is running.
    pub fn is_checking(&self, item: &Item) -> bool {
        item.verification
            .check()
            .is_some_and(|c| self.running.contains(&c))
    }

    /// `(settled, total)` for a section, for "7 of 9 done": only what passed, was done, was
    /// checked by hand or does not apply counts as done.
    pub fn section_progress(&self, section: &Section) -> (usize, usize) {
        let settled = section
            .items
            .iter()
            .filter(|i| self.item_status(i).is_settled())
            .count();
        (settled, section.items.len())
    }

    /// How many items have each status so far.
    pub fn counts(&self) -> Counts {
        self.catalog
            .as_ref()
            .map_or_else(Counts::default, |catalog| {
                Counts::of(
                    catalog
                        .checklists
                        .iter()
                        .flat_map(Checklist::items)
                        .map(|i| self.item_status(i)),
                )
            })
    }

    /// The checks the loaded checklists name that exist on this operating system, in display
    /// order; before the checklists are loaded, every check of this operating system.
    pub fn checks_to_run(&self) -> Vec<CheckId> {
        let named: BTreeSet<CheckId> = match &self.catalog {
            Some(catalog) => catalog
                .checklists
                .iter()
                .flat_map(Checklist::items)
                .filter_map(|i| i.verification.check())
                .collect(),
            None => CheckId::ALL.into_iter().collect(),
        };
        CheckId::ALL
            .into_iter()
            .filter(|c| named.contains(c) && c.applies_on(self.os))
            .collect()
    }

    /// `(reported, started)` of the current check run.
    pub fn check_progress(&self) -> (usize, usize) {
        (
            self.run_total.saturating_sub(self.running.len()),
            self.run_total,
        )
    }

    /// Marks `checks` as started (those not already running); returns the ones to start.
    pub fn start_checks(&mut self, checks: &[CheckId]) -> Vec<CheckId> {
        let new: Vec<CheckId> = checks
            .iter()
            .copied()
            .filter(|c| !self.running.contains(c))
            .collect();
        if self.running.is_empty() {
            self.run_total = 0;
        }
        self.run_total += new.len();
        self.running.extend(new.iter().copied());
        new
    }

    /// Takes a finding in.
    pub fn add_finding(&mut self, finding: Finding) {
        self.running.remove(&finding.check);
        self.findings.insert(finding.check, finding);
    }

    /// The answer to an item, created empty on first use.
    pub fn answer_mut(&mut self, item_id: &str) -> &mut ItemAnswer {
        self.answers.entry(item_id.to_owned()).or_default()
    }

    /// Drops answers that say nothing, so the draft and the record hold only what the clerk said.
    pub fn tidy_answers(&mut self) {
        self.answers.retain(|_, a| !a.is_empty());
    }

    /// The draft to autosave.
    pub fn draft(&self) -> Draft {
        Draft {
            signer: self.signer.clone(),
            answers: self.answers.clone(),
        }
    }
}
