//! The checklists shipped inside the program, so the executable works on its own.

use super::load::parse_checklist;
use super::model::{Checklist, ChecklistOrigin};

/// A checklist file compiled into the binary.
#[derive(Debug, Clone, Copy)]
pub struct ShippedFile {
    /// Its file name in the repository's `checklists/` folder.
    pub name: &'static str,
    /// Its text.
    pub text: &'static str,
}

/// The shipped checklist files, in display order.
pub const SHIPPED: [ShippedFile; 2] = [
    ShippedFile {
        name: "wec-2017-security-memo.ron",
        text: include_str!("../../checklists/wec-2017-security-memo.ron"),
    },
    ShippedFile {
        name: "election-office-practices.ron",
        text: include_str!("../../checklists/election-office-practices.ron"),
    },
];

/// The shipped checklists, parsed. A shipped file that does not load is a bug caught by the tests
/// (`shipped_checklists_all_load`); at run time it is logged and left out rather than crashing.
pub fn shipped_checklists() -> Vec<Checklist> {
    SHIPPED
        .iter()
        .filter_map(|f| {
            parse_checklist(f.name, f.text.as_bytes(), ChecklistOrigin::Shipped)
                .map_err(|e| log::error!("shipped checklist does not load: {e}"))
                .ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::checks::CheckId;

    #[test]
    fn shipped_checklists_all_load() {
        for f in SHIPPED {
            if let Err(e) = parse_checklist(f.name, f.text.as_bytes(), ChecklistOrigin::Shipped) {
                panic!("{e}");
            }
        }
    }

    #[test]
    fn no_two_shipped_items_share_an_id() {
        let mut seen = HashSet::new();
        for c in shipped_checklists() {
            for item in c.items() {
                assert!(
                    seen.insert(item.id.clone()),
                    "item id {} appears twice",
                    item.id
                );
            }
        }
        assert!(seen.len() > 40);
    }

    #[test]
    fn memo_has_its_nine_items_each_citing_its_number() {
        let memo = shipped_checklists()
            .into_iter()
            .find(|c| c.id == "wec-2017-security-memo")
            .unwrap();
        assert_eq!(memo.item_count(), 9);
        for (n, item) in memo.items().enumerate() {
            assert_eq!(
                item.source.reference,
                format!("item {}", n + 1),
                "{}",
                item.id
            );
            assert_eq!(item.source.date, "2017-06-13");
        }
        let automatic: Vec<(usize, CheckId)> = memo
            .items()
            .enumerate()
            .filter_map(|(n, i)| i.verification.check().map(|c| (n + 1, c)))
            .collect();
        assert_eq!(
            automatic,
            vec![
                (2, CheckId::AutoUpdates),
                (3, CheckId::Antivirus),
                (5, CheckId::UntrustedPrograms),
                (8, CheckId::OsSupported),
            ]
        );
    }

    #[test]
    fn every_automatic_item_names_a_known_check() {
        // Unknown ids are refused at load; this pins that the shipped files use automatic checks
        // at all, and only ones the engine has.
        let checks: Vec<CheckId> = shipped_checklists()
            .iter()
            .flat_map(|c| {
                c.items()
                    .filter_map(|i| i.verification.check())
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(checks.len() >= 8, "{checks:?}");
        for c in checks {
            assert!(CheckId::ALL.contains(&c));
        }
    }

    #[test]
    fn practices_has_forty_to_sixty_items_in_the_seven_sections() {
        let practices = shipped_checklists()
            .into_iter()
            .find(|c| c.id == "election-office-practices")
            .unwrap();
        assert!(
            (40..=60).contains(&practices.item_count()),
            "{}",
            practices.item_count()
        );
        let titles: Vec<&str> = practices
            .sections
            .iter()
            .map(|s| s.title.as_str())
            .collect();
        for want in [
            "Accounts and passwords",
            "Email and links",
            "Software and updates",
            "Staff and WisVote access",
            "Voting equipment and physical security",
            "Election night results",
            "Contingency planning",
        ] {
            assert!(titles.contains(&want), "missing section {want}: {titles:?}");
        }
    }
}
