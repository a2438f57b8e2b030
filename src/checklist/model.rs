//! The validated checklist types the rest of the program trusts.

use serde::{Deserialize, Serialize};

use crate::checks::CheckId;

/// Where a checklist came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChecklistOrigin {
    /// Shipped inside the program.
    Shipped,
    /// Added by the office in the data directory's `checklists/` folder.
    Office,
}

/// A validated checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checklist {
    /// Stable id, e.g. `wec-2017-security-memo`.
    pub id: String,
    /// Title shown to the clerk.
    pub title: String,
    /// The checklist's own version, e.g. `1.0.0`.
    pub version: String,
    /// The date the checklist takes effect, `YYYY-MM-DD`.
    pub effective_date: String,
    /// The schema version the file was written in.
    pub schema_version: u32,
    /// What this checklist is and where it comes from, in a sentence or two.
    pub description: String,
    /// Sections, in order; each holds at least one item.
    pub sections: Vec<Section>,
    /// Shipped or office-made.
    pub origin: ChecklistOrigin,
    /// The file name (shipped: its name in `checklists/`; office: its path).
    pub file: String,
    /// SHA-256 of the source text, hex; records attest to exactly this text.
    pub sha256: String,
}

impl Checklist {
    /// Every item of every section, in order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    /// The item with this id, if any.
    pub fn item(&self, item_id: &str) -> Option<&Item> {
        self.items().find(|i| i.id == item_id)
    }

    /// The number of items.
    pub fn item_count(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }
}

/// A titled group of items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Stable id, unique within the checklist.
    pub id: String,
    /// Title, e.g. "Accounts and passwords".
    pub title: String,
    /// Items, in order.
    pub items: Vec<Item>,
}

/// One thing the office does or the computer must be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Stable id, unique across all loaded checklists.
    pub id: String,
    /// What to do, in plain words.
    pub text: String,
    /// Why it matters.
    pub why: String,
    /// How to do it.
    pub how: String,
    /// Where the item comes from.
    pub source: Source,
    /// Verified by a check of this computer, or attested by the clerk.
    pub verification: Verification,
    /// Whom it applies to.
    pub applies_to: AppliesTo,
    /// Line and column of the item's id in its file (1-based), for messages.
    pub position: (usize, usize),
}

/// The public document an item comes from. Never an invented page number or quotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The document's name and author, e.g. "WEC memo \"Important Election System Security Reminders\"".
    pub document: String,
    /// Its date as published: `2017-06-13`, `2017` or `2016-10`.
    pub date: String,
    /// Where in it: "item 2", "section Voting Equipment", "§ 5.84(1)".
    pub reference: String,
}

impl Source {
    /// One line for display: `document (date), reference`.
    pub fn cite(&self) -> String {
        if self.reference.is_empty() {
            format!("{} ({})", self.document, self.date)
        } else {
            format!("{} ({}), {}", self.document, self.date, self.reference)
        }
    }
}

/// How an item is verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verification {
    /// The clerk attests to it by ticking a box.
    Manual,
    /// An automatic check of this computer verifies all of it.
    Automatic(CheckId),
    /// An automatic check sees part of it and the clerk attests to the rest: the item needs
    /// both the check's verdict and the clerk's tick (e.g. memo item 5, where the
    /// `untrusted-programs` check knows only some program names).
    Assisted(CheckId),
}

impl Verification {
    /// The check that informs the item, if any (automatic or assisted).
    pub fn check(self) -> Option<CheckId> {
        match self {
            Self::Manual => None,
            Self::Automatic(c) | Self::Assisted(c) => Some(c),
        }
    }

    /// True when the clerk must tick the item: manual and assisted items.
    pub fn needs_clerk(self) -> bool {
        match self {
            Self::Manual | Self::Assisted(_) => true,
            Self::Automatic(_) => false,
        }
    }
}

/// Whom an item applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppliesTo {
    /// Municipal clerks only.
    Municipal,
    /// County clerks only.
    County,
    /// Both.
    Both,
}

impl AppliesTo {
    /// Plain words for display.
    pub fn label(self) -> &'static str {
        match self {
            Self::Municipal => "Municipal clerks",
            Self::County => "County clerks",
            Self::Both => "Municipal and county clerks",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assisted_items_have_a_check_and_need_the_clerk() {
        let cases = [
            (Verification::Manual, None, true),
            (
                Verification::Automatic(CheckId::Firewall),
                Some(CheckId::Firewall),
                false,
            ),
            (
                Verification::Assisted(CheckId::UntrustedPrograms),
                Some(CheckId::UntrustedPrograms),
                true,
            ),
        ];
        for (verification, check, clerk) in cases {
            assert_eq!(verification.check(), check, "{verification:?}");
            assert_eq!(verification.needs_clerk(), clerk, "{verification:?}");
        }
    }
}
