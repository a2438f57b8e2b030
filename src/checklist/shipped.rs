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
    use crate::checklist::{AppliesTo, Verification};
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
    fn memo_item_5_needs_the_check_and_the_clerk() {
        // The untrusted-programs check knows only some program names, so it cannot see all of
        // memo item 5; the clerk's tick is needed as well (issue 17).
        let memo = shipped_checklists()
            .into_iter()
            .find(|c| c.id == "wec-2017-security-memo")
            .unwrap();
        let item = memo.item("memo-5-no-untrusted-programs").unwrap();
        assert_eq!(
            item.verification,
            Verification::Assisted(CheckId::UntrustedPrograms)
        );
        assert!(item.verification.needs_clerk());
        for other in memo.items().filter(|i| i.id != item.id) {
            assert!(
                !matches!(other.verification, Verification::Assisted(_)),
                "{}",
                other.id
            );
        }
    }

    /// Every item id of the first edition: offices' answers files and saved records refer to them.
    const FIRST_EDITION_IDS: [&str; 69] = [
        "memo-1-keep-wisvote-password-private",
        "memo-2-automatic-updates",
        "memo-3-antivirus",
        "memo-4-hover-over-links",
        "memo-5-no-untrusted-programs",
        "memo-6-trusted-wisvote-users",
        "memo-7-notify-help-desk-when-user-leaves",
        "memo-8-supported-operating-system",
        "memo-9-only-wec-contacts-about-wisvote-login",
        "sign-in-password-required",
        "screen-locks-when-idle",
        "daily-work-standard-account",
        "guest-account-off",
        "user-account-control-on",
        "own-computer-account-each-person",
        "wisvote-own-email-address",
        "wisvote-sign-in-code-private",
        "long-unique-passwords",
        "office-email-multi-factor",
        "official-individual-email",
        "check-unexpected-requests-by-phone",
        "no-unexpected-attachments",
        "report-suspicious-email",
        "send-voter-data-securely",
        "updates-installed-recently",
        "firewall-on",
        "disk-encrypted",
        "browser-up-to-date",
        "approved-usb-drives-only",
        "office-wifi-secured",
        "securing-wisvote-training-done",
        "wisvote-agreements-accepted",
        "review-access-yearly",
        "remove-leaver-office-accounts",
        "security-awareness-training-yearly",
        "background-checks-contractors",
        "approved-voting-equipment-only",
        "logic-and-accuracy-test-after-programming",
        "public-test-within-10-days",
        "public-test-notice-48-hours",
        "errorless-count-before-use",
        "memory-devices-sealed",
        "chain-of-custody-log",
        "serial-numbers-checked-before-polls-open",
        "modems-off-until-polls-close",
        "programming-computer-offline",
        "equipment-locked-storage",
        "key-holder-list",
        "two-person-handling",
        "office-visitors-controlled",
        "report-returns-within-2-hours",
        "post-returns-within-2-hours",
        "post-local-contests-too",
        "keep-office-open-election-night",
        "results-accounts-individual-mfa",
        "cross-check-results-with-tapes",
        "keep-printed-results",
        "practice-results-reporting",
        "results-backup-plan",
        "written-emergency-plan",
        "plan-reviewed-with-inspectors",
        "plan-shared-with-partners",
        "power-outage-procedure",
        "alternate-polling-place",
        "substitute-ballots-ready",
        "backups-offline",
        "restore-tested",
        "cyber-incident-plan",
        "exercise-plans-yearly",
    ];

    #[test]
    fn first_edition_item_ids_are_all_kept() {
        let catalog = shipped_checklists();
        let missing: Vec<&str> = FIRST_EDITION_IDS
            .iter()
            .copied()
            .filter(|id| !catalog.iter().any(|c| c.item(id).is_some()))
            .collect();
        assert!(missing.is_empty(), "item ids dropped: {missing:?}");
    }

    #[test]
    fn issue_17_practices_are_there_for_the_right_clerks() {
        let catalog = shipped_checklists();
        let applies = |id: &str| {
            catalog
                .iter()
                .find_map(|c| c.item(id))
                .map_or_else(|| panic!("missing item {id}"), |i| i.applies_to)
        };
        for (id, who) in [
            ("wisvote-computer-meets-standard", AppliesTo::Both),
            ("professional-it-support", AppliesTo::Both),
            ("election-security-contingency-plan", AppliesTo::Both),
            ("wec-election-security-training", AppliesTo::Both),
            ("join-ei-isac", AppliesTo::Both),
            ("office-inventory", AppliesTo::Both),
            ("threats-to-staff-plan", AppliesTo::Both),
            ("multi-factor-every-account", AppliesTo::Both),
            ("office-gov-domain", AppliesTo::Both),
            ("email-domain-protected", AppliesTo::Both),
            ("report-suspected-election-fraud", AppliesTo::Municipal),
            ("report-incidents-to-federal-partners", AppliesTo::Both),
            ("zero-count-before-counting", AppliesTo::Municipal),
            ("wipe-retired-computers", AppliesTo::Both),
            ("results-website-protected", AppliesTo::County),
            ("post-returns-within-2-hours", AppliesTo::County),
            ("report-returns-within-2-hours", AppliesTo::Municipal),
            ("public-test-within-10-days", AppliesTo::Municipal),
        ] {
            assert_eq!(applies(id), who, "{id}");
        }
    }

    #[test]
    fn practices_come_in_short_sections_a_clerk_can_scan() {
        let practices = shipped_checklists()
            .into_iter()
            .find(|c| c.id == "election-office-practices")
            .unwrap();
        // No upper bound on the whole checklist (issue 17); each section stays short.
        assert!(practices.item_count() >= 70, "{}", practices.item_count());
        for section in &practices.sections {
            assert!(
                (3..=12).contains(&section.items.len()),
                "section {} has {} items",
                section.title,
                section.items.len()
            );
        }
        let titles: Vec<&str> = practices
            .sections
            .iter()
            .map(|s| s.title.as_str())
            .collect();
        assert_eq!(
            titles,
            [
                "Passwords and sign-in",
                "This computer: settings and updates",
                "Email and links",
                "Office network and equipment",
                "Staff, training and WisVote access",
                "Office and storage security",
                "Voting equipment",
                "Election night results",
                "Emergency plans",
                "Backups, incidents and reporting",
            ]
        );
    }

    #[test]
    fn sources_name_a_findable_place_and_no_replaced_document() {
        for c in shipped_checklists() {
            for item in c.items() {
                let s = &item.source;
                assert!(!s.reference.trim().is_empty(), "{}: no reference", item.id);
                // CIS replaced the Handbook with the Essential Guide; EMG 2010 chapter 4 is
                // Acceptance Testing, not Physical Security (regressions from the first edition).
                assert!(
                    !s.document.contains("Handbook"),
                    "{}: {}",
                    item.id,
                    s.cite()
                );
                assert!(
                    !(s.date == "2010" && s.reference.starts_with("chapter 4")),
                    "{}: {}",
                    item.id,
                    s.cite()
                );
            }
        }
    }
}
