//! Comparing two records: what got worse, what got better, what changed, what is new or gone.

use serde::Serialize;

use crate::records::model::Record;
use crate::records::status::ItemStatus;

/// How an item changed between two records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// Worse now (e.g. passed before, fails now; not applicable before, a warning now).
    Regression,
    /// Better now.
    Improvement,
    /// Different, neither better nor worse (e.g. passed before, not applicable now).
    Changed,
    /// The item is new in the later record.
    Added,
    /// The item is no longer in the later record.
    Removed,
}

impl ChangeKind {
    /// The word shown, e.g. "Worse".
    pub fn word(self) -> &'static str {
        match self {
            Self::Regression => "Worse",
            Self::Improvement => "Better",
            Self::Changed => "Changed",
            Self::Added => "New item",
            Self::Removed => "Item removed",
        }
    }
}

/// One item that differs between two records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// How it changed.
    pub kind: ChangeKind,
    /// The checklist id.
    pub checklist_id: String,
    /// The item id.
    pub item_id: String,
    /// The item text (as in the later record when it has the item).
    pub text: String,
    /// Its status in the earlier record.
    pub old: Option<ItemStatus>,
    /// Its status in the later record.
    pub new: Option<ItemStatus>,
    /// In plain words, e.g. "passed on March 1, 2026, fails now".
    pub summary: String,
}

/// Worse, better or neither, going from `old` to `new`. Going from "not applicable" to
/// anything that needs attention is worse: something that did not apply is now a problem.
fn kind_of(old: ItemStatus, new: ItemStatus) -> ChangeKind {
    match (old.goodness(), new.goodness()) {
        (Some(a), Some(b)) if b < a => ChangeKind::Regression,
        (Some(a), Some(b)) if b > a => ChangeKind::Improvement,
        (None, Some(_)) if new.needs_attention() => ChangeKind::Regression,
        _ => ChangeKind::Changed,
    }
}

/// The items that differ between an earlier and a later record: regressions first, then
/// improvements, other changes, added and removed items; each group in the later record's order.
pub fn compare(old: &Record, new: &Record) -> Vec<Change> {
    let when = old.signed_at().date_words();
    let old_by_id: std::collections::HashMap<&str, &crate::records::RecordItem> =
        old.items.iter().map(|i| (i.item_id.as_str(), i)).collect();
    let new_ids: std::collections::HashSet<&str> =
        new.items.iter().map(|i| i.item_id.as_str()).collect();
    let mut changes = Vec::new();
    for (position, item) in new.items.iter().enumerate() {
        let Some(before) = old_by_id.get(item.item_id.as_str()) else {
            changes.push((
                position,
                Change {
                    kind: ChangeKind::Added,
                    checklist_id: item.checklist_id.clone(),
                    item_id: item.item_id.clone(),
                    text: item.text.clone(),
                    old: None,
                    new: Some(item.status),
                    summary: format!("not in the record of {when}; {} now", item.status.present()),
                },
            ));
            continue;
        };
        if before.status == item.status {
            continue;
        }
        changes.push((
            position,
            Change {
                kind: kind_of(before.status, item.status),
                checklist_id: item.checklist_id.clone(),
                item_id: item.item_id.clone(),
                text: item.text.clone(),
                old: Some(before.status),
                new: Some(item.status),
                summary: format!(
                    "{} on {when}, {} now",
                    before.status.past(),
                    item.status.present()
                ),
            },
        ));
    }
    let after = new.items.len();
    for (position, item) in old.items.iter().enumerate() {
        if !new_ids.contains(item.item_id.as_str()) {
            changes.push((
                after + position,
                Change {
                    kind: ChangeKind::Removed,
                    checklist_id: item.checklist_id.clone(),
                    item_id: item.item_id.clone(),
                    text: item.text.clone(),
                    old: Some(item.status),
                    new: None,
                    summary: format!(
                        "{} on {when}, no longer in the checklists",
                        item.status.past()
                    ),
                },
            ));
        }
    }
    changes.sort_by_key(|(position, c)| (c.kind, *position));
    changes.into_iter().map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{CheckId, Verdict};
    use crate::records::model::{Computer, RecordItem, Signer};
    use crate::records::status::Counts;

    fn item(id: &str, status: ItemStatus) -> RecordItem {
        RecordItem {
            checklist_id: "memo".to_owned(),
            section: "Section".to_owned(),
            item_id: id.to_owned(),
            text: format!("Text of {id}"),
            check: Some(CheckId::Antivirus),
            status,
            verdict: None,
            evidence: String::new(),
            raw_evidence: String::new(),
            note: String::new(),
            na_reason: String::new(),
        }
    }

    fn record(when: &str, items: Vec<RecordItem>) -> Record {
        Record {
            schema_version: 2,
            sequence: 1,
            created_at_utc: when.parse().unwrap(),
            utc_offset_minutes: -360,
            app_version: "0.1.0".to_owned(),
            computer: Computer::default(),
            signer: Signer::default(),
            statement: String::new(),
            checklists: Vec::new(),
            items,
            counts: Counts::default(),
            previous_hash: String::new(),
            previous_record: None,
            election: None,
        }
    }

    #[test]
    fn compare_puts_regressions_first_in_plain_words() {
        let pass = ItemStatus::Checked(Verdict::Pass);
        let fail = ItemStatus::Checked(Verdict::Fail);
        let warn = ItemStatus::Checked(Verdict::Warn);
        let old = record(
            "2026-03-01T15:00:00Z",
            vec![
                item("a", fail),
                item("b", ItemStatus::Done),
                item("c", pass),
                item("d", pass),
                item("gone", ItemStatus::Done),
                item("e", ItemStatus::Done),
                item("f", ItemStatus::NotApplicable),
            ],
        );
        let new = record(
            "2026-06-01T15:00:00Z",
            vec![
                item("a", pass),
                item("b", ItemStatus::NotApplicable),
                item("c", pass),
                item("d", fail),
                item("new", ItemStatus::NotAnswered),
                item("e", ItemStatus::NotDone),
                item("f", warn),
            ],
        );
        let changes = compare(&old, &new);
        let got: Vec<(&str, ChangeKind)> = changes
            .iter()
            .map(|c| (c.item_id.as_str(), c.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("d", ChangeKind::Regression),
                ("e", ChangeKind::Regression),
                ("f", ChangeKind::Regression),
                ("a", ChangeKind::Improvement),
                ("b", ChangeKind::Changed),
                ("new", ChangeKind::Added),
                ("gone", ChangeKind::Removed),
            ]
        );
        assert_eq!(changes[0].summary, "passed on March 1, 2026, fails now");
        assert_eq!(
            changes[1].summary,
            "was done on March 1, 2026, is not done now"
        );
        assert_eq!(
            changes[2].summary,
            "was not applicable on March 1, 2026, has a warning now"
        );
    }
}
