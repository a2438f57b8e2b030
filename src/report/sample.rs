//! A fictional record, for the sample certification in `docs/`, the benchmark and the tests.
//!
//! Town of Example, Example County; clerk "Nguyễn Thị Hương". Nothing here is real.

use crate::checks::{CheckId, Verdict};
use crate::records::answers::count;
use crate::records::{
    AttestedChecklist, CERTIFICATION_STATEMENT, Computer, Counts, ItemStatus, JurisdictionKind,
    Record, RecordItem, Signer,
};

const MEMO: &str = "wec-2017-security-memo";
const PRACTICES: &str = "election-office-practices";
const OFFICE: &str = "town-of-example-procedures";

/// (checklist, section, item id, text, automatic check)
type Template = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<CheckId>,
);

const MEMO_SECTION: &str = "The nine security reminders";

/// The fictional items, in checklist order.
const ITEMS: [Template; 46] = [
    (
        MEMO,
        MEMO_SECTION,
        "memo-1-keep-wisvote-password-private",
        "Never share your WisVote user ID or password with anyone. Not even with someone in your own office.",
        None,
    ),
    (
        MEMO,
        MEMO_SECTION,
        "memo-2-automatic-updates",
        "Turn on automatic updates on this computer. Install updates from your computer or system maker promptly.",
        Some(CheckId::AutoUpdates),
    ),
    (
        MEMO,
        MEMO_SECTION,
        "memo-3-antivirus",
        "Have anti-virus software on this computer, turned on and up to date.",
        Some(CheckId::Antivirus),
    ),
    (
        MEMO,
        MEMO_SECTION,
        "memo-4-hover-over-links",
        "Do not click links in emails unless they come from a trusted source. Hover over every link first to see where it really goes.",
        None,
    ),
    (
        MEMO,
        MEMO_SECTION,
        "memo-5-no-untrusted-programs",
        "Do not install programs you do not need. Never install programs from a publisher you do not trust.",
        Some(CheckId::UntrustedPrograms),
    ),
    (
        MEMO,
        MEMO_SECTION,
        "memo-6-trusted-wisvote-users",
        "Request a WisVote account only for a person who knows how to use it correctly and can be trusted with voter data. Do a background check first if you can.",
        None,
    ),
    (
        MEMO,
        MEMO_SECTION,
        "memo-7-notify-help-desk-when-user-leaves",
        "When a WisVote user stops working in your office, tell the WEC Help Desk right away so the account can be turned off.",
        None,
    ),
    (
        MEMO,
        MEMO_SECTION,
        "memo-8-supported-operating-system",
        "Upgrade this computer or its operating system when it gets too old to receive security updates.",
        Some(CheckId::OsSupported),
    ),
    (
        MEMO,
        MEMO_SECTION,
        "memo-9-only-wec-contacts-about-wisvote-login",
        "Remember that only WEC staff will contact you about your WisVote user name or password. Treat anyone else who does as suspicious.",
        None,
    ),
    (
        PRACTICES,
        "This computer",
        "screen-locks-when-idle",
        "The screen locks after a few minutes without use and asks for the password again.",
        Some(CheckId::ScreenLock),
    ),
    (
        PRACTICES,
        "This computer",
        "firewall-on",
        "The firewall is on.",
        Some(CheckId::Firewall),
    ),
    (
        PRACTICES,
        "This computer",
        "disk-encrypted",
        "The system disk is encrypted, so a stolen computer does not give away voter data.",
        Some(CheckId::DiskEncryption),
    ),
    (
        PRACTICES,
        "This computer",
        "recent-updates",
        "Updates were installed in the last month and no restart has been waiting for long.",
        Some(CheckId::RecentUpdates),
    ),
    (
        PRACTICES,
        "This computer",
        "standard-user",
        "Daily work is done in an account without administrator rights.",
        Some(CheckId::StandardUser),
    ),
    (
        PRACTICES,
        "This computer",
        "guest-off",
        "The guest account is turned off.",
        Some(CheckId::GuestDisabled),
    ),
    (
        PRACTICES,
        "This computer",
        "password-to-sign-in",
        "Signing in needs a password; the computer never signs in by itself.",
        Some(CheckId::SignInPassword),
    ),
    (
        PRACTICES,
        "This computer",
        "uac-on",
        "User Account Control is on, so programs ask before making changes.",
        Some(CheckId::Uac),
    ),
    (
        PRACTICES,
        "Accounts and passwords",
        "unique-passwords",
        "Every person uses their own account; no shared sign-ins for WisVote, email or this computer.",
        None,
    ),
    (
        PRACTICES,
        "Accounts and passwords",
        "long-passwords",
        "Passwords are long (at least 12 characters) and not used anywhere else.",
        None,
    ),
    (
        PRACTICES,
        "Accounts and passwords",
        "password-manager",
        "Passwords are kept in a password manager or a locked place, never on a note at the desk.",
        None,
    ),
    (
        PRACTICES,
        "Accounts and passwords",
        "two-step-email",
        "Two-step sign-in is on for the office email account.",
        None,
    ),
    (
        PRACTICES,
        "Email and the web",
        "report-phishing",
        "Staff know how to report a suspicious email and do so the same day.",
        None,
    ),
    (
        PRACTICES,
        "Email and the web",
        "no-personal-email",
        "Office work is not done from personal email accounts.",
        None,
    ),
    (
        PRACTICES,
        "Email and the web",
        "official-addresses",
        "WisVote and the Commission's websites are opened from saved bookmarks, not from links in emails.",
        None,
    ),
    (
        PRACTICES,
        "Paper, media and equipment",
        "usb-policy",
        "USB drives from outside the office are never plugged into this computer.",
        None,
    ),
    (
        PRACTICES,
        "Paper, media and equipment",
        "printouts-locked",
        "Printed voter lists and absentee materials are kept in a locked cabinet.",
        None,
    ),
    (
        PRACTICES,
        "Paper, media and equipment",
        "equipment-inventory",
        "There is a current list of the office's election equipment, with serial numbers.",
        None,
    ),
    (
        PRACTICES,
        "Paper, media and equipment",
        "seal-log",
        "Seal numbers on voting equipment and ballot containers are written in a log and checked before each use.",
        None,
    ),
    (
        PRACTICES,
        "Paper, media and equipment",
        "disposal",
        "Old computers and drives are wiped or destroyed before they leave the office.",
        None,
    ),
    (
        PRACTICES,
        "People and training",
        "annual-training",
        "Everyone with a WisVote account took the Commission's security training this year.",
        None,
    ),
    (
        PRACTICES,
        "People and training",
        "access-list",
        "There is a list of who has keys, codes and accounts, reviewed this quarter.",
        None,
    ),
    (
        PRACTICES,
        "People and training",
        "visitor-log",
        "Visitors to the room with election equipment sign a log.",
        None,
    ),
    (
        PRACTICES,
        "Incidents and backups",
        "incident-contacts",
        "The phone numbers of the WEC Help Desk, the county clerk and IT support are posted by this computer.",
        None,
    ),
    (
        PRACTICES,
        "Incidents and backups",
        "backup",
        "Office files are backed up each week to a drive kept somewhere else, and a restore was tried this year.",
        None,
    ),
    (
        PRACTICES,
        "Incidents and backups",
        "contingency-plan",
        "The office has a written contingency plan for power, network or equipment failure on election day.",
        None,
    ),
    (
        PRACTICES,
        "Incidents and backups",
        "router-password",
        "The office router's administrator password was changed from the factory default.",
        None,
    ),
    (
        PRACTICES,
        "Incidents and backups",
        "wifi-separate",
        "Guests use a separate wireless network from the office computers.",
        None,
    ),
    (
        OFFICE,
        "Before election day",
        "public-test",
        "The public test of the tabulators was announced 48 hours ahead and held.",
        None,
    ),
    (
        OFFICE,
        "Before election day",
        "memory-devices",
        "Memory devices were received sealed from the county and the seal numbers match the county's list.",
        None,
    ),
    (
        OFFICE,
        "Before election day",
        "poll-book-laptops",
        "Electronic poll book laptops were updated and then kept sealed until election day.",
        None,
    ),
    (
        OFFICE,
        "Before election day",
        "chief-inspectors",
        "Chief inspectors were trained on the chain of custody for ballots and equipment.",
        None,
    ),
    (
        OFFICE,
        "After election day",
        "returns",
        "Returns, ballots and memory devices were delivered to the county by two people together.",
        None,
    ),
    (
        OFFICE,
        "After election day",
        "ballot-retention",
        "Ballots are stored sealed for the retention period in the locked vault.",
        None,
    ),
    (
        OFFICE,
        "After election day",
        "equipment-resealed",
        "Voting equipment was resealed and the new seal numbers logged.",
        None,
    ),
    (
        OFFICE,
        "After election day",
        "canvass",
        "The municipal canvass was held in public and its minutes filed.",
        None,
    ),
    (
        OFFICE,
        "After election day",
        "incident-review",
        "Anything unusual on election day was written down and reviewed with the chief inspectors.",
        None,
    ),
];

/// The polling places of the fictional town, for the per-ward items that fill up to 70.
const WARDS: [&str; 4] = [
    "Ward 1 (Town Hall)",
    "Ward 2 (Fire Station)",
    "Ward 3 (Community Center)",
    "Ward 4 (Grange Hall)",
];

/// Per-ward items.
const WARD_ITEMS: [&str; 6] = [
    "Voting equipment arrived with intact seals and the numbers matched the log.",
    "The accessible voting equipment was set up and tested before the polls opened.",
    "Ballot containers were shown empty and sealed before the polls opened.",
    "The electronic poll book was never connected to the public wireless network.",
    "The inspectors' statement and seal log were signed by two inspectors.",
    "Spare ballots were counted, sealed and returned with the other election materials.",
];

fn template(i: usize) -> (String, String, String, String, Option<CheckId>) {
    if let Some((cl, section, id, text, check)) = ITEMS.get(i) {
        return (
            (*cl).to_owned(),
            (*section).to_owned(),
            (*id).to_owned(),
            (*text).to_owned(),
            *check,
        );
    }
    let n = i - ITEMS.len();
    let ward = WARDS[(n / WARD_ITEMS.len()) % WARDS.len()];
    let text = WARD_ITEMS[n % WARD_ITEMS.len()];
    (
        OFFICE.to_owned(),
        format!("Election day: {ward}"),
        format!("ward-item-{}", n + 1),
        text.to_owned(),
        None,
    )
}

fn evidence(check: CheckId, verdict: Verdict) -> String {
    match (check, verdict) {
        (CheckId::Firewall, Verdict::Fail) => "Windows Defender Firewall is off for the Public network profile (Domain: on, Private: on, Public: off).".to_owned(),
        (CheckId::DiskEncryption, Verdict::Unknown) => "BitLocker status could not be read without administrator rights (manage-bde -status: Access is denied).".to_owned(),
        (CheckId::RecentUpdates, Verdict::Warn) => "The last update was installed 41 days ago (2026-10-14); a restart has been pending for 3 days.".to_owned(),
        (CheckId::UntrustedPrograms, Verdict::Fail) => "Found a remote-access program: AnyDesk 8.1.0 (installed 2026-03-02). Remove it unless the office approved it.".to_owned(),
        (CheckId::ScreenLock, Verdict::Unknown) => "The screen saver timeout could not be read: the setting is managed by a policy this account cannot see.".to_owned(),
        (_, Verdict::Pass) => format!("{}: yes. Read from the system settings on this computer.", check.title()),
        (_, v) => format!("{}: {}.", check.title(), v.word()),
    }
}

/// The status plan: mostly good, a few of each kind that needs attention.
fn status_for(i: usize, check: Option<CheckId>) -> ItemStatus {
    match check {
        Some(CheckId::Firewall | CheckId::UntrustedPrograms) => ItemStatus::Checked(Verdict::Fail),
        Some(CheckId::DiskEncryption) => ItemStatus::Checked(Verdict::Unknown),
        Some(CheckId::ScreenLock) => ItemStatus::AttestedByHand,
        Some(CheckId::RecentUpdates) => ItemStatus::Checked(Verdict::Warn),
        Some(CheckId::Uac) => ItemStatus::NotApplicable,
        Some(_) => ItemStatus::Checked(Verdict::Pass),
        None => match i {
            20 | 35 | 41 => ItemStatus::NotDone,
            36 | 44 => ItemStatus::NotApplicable,
            _ => ItemStatus::Done,
        },
    }
}

fn item(i: usize) -> RecordItem {
    let (checklist_id, section, item_id, text, check) = template(i);
    let status = status_for(i, check);
    let verdict = match (&status, check) {
        (ItemStatus::Checked(v), _) => Some(*v),
        (ItemStatus::AttestedByHand, _) => Some(Verdict::Unknown),
        _ => None,
    };
    let evidence = check
        .zip(verdict)
        .map(|(c, v)| evidence(c, v))
        .unwrap_or_default();
    let na_reason = match (&status, i) {
        (ItemStatus::NotApplicable, 44) => {
            "The canvass is done by the county for this election; the town has no canvass board."
        }
        (ItemStatus::NotApplicable, 36) => {
            "The office has no wireless network; all computers are wired."
        }
        (ItemStatus::NotApplicable, _) => {
            "This computer runs macOS, which has no User Account Control; the equivalent prompt is on."
        }
        _ => "",
    };
    let note = match (&status, i) {
        (ItemStatus::AttestedByHand, _) => {
            "Checked by hand on 2026-11-24 with IT support (Marta Øvergaard): the screen locks after 5 minutes and asks for the password."
        }
        (ItemStatus::NotDone, 20) => {
            "Two-step sign-in will be turned on when the county moves the office email in January."
        }
        (_, 27) => "Seal log kept in the red binder in the vault, shelf 2.",
        _ => "",
    };
    RecordItem {
        checklist_id,
        section,
        item_id,
        text,
        check,
        status,
        evidence,
        raw_evidence: String::new(),
        note: note.to_owned(),
        na_reason: na_reason.to_owned(),
    }
}

/// A fictional record with `items` items (70 for the sample and the benchmark), signed by
/// `signer_name` for the Town of Example, Example County.
#[must_use]
pub fn sample_record(items: usize, signer_name: &str) -> Record {
    let items: Vec<RecordItem> = (0..items).map(item).collect();
    let mut counts = Counts::default();
    for i in &items {
        count(&mut counts, &i.status);
    }
    let checklist = |id: &str, title: &str, version: &str, office: bool| AttestedChecklist {
        id: id.to_owned(),
        title: title.to_owned(),
        version: version.to_owned(),
        sha256: "0".repeat(64),
        office,
    };
    Record {
        schema_version: crate::records::RECORD_SCHEMA_VERSION,
        sequence: 12,
        created_at_utc: "2026-11-24T15:04:05Z".to_owned(),
        utc_offset_minutes: -360,
        app_version: crate::APP_VERSION.to_owned(),
        computer: Computer {
            host_name: "CLERK-PC-01".to_owned(),
            os_name: "Windows 11 Pro".to_owned(),
            os_version: "24H2 (26100.2314)".to_owned(),
        },
        signer: Signer {
            name: signer_name.to_owned(),
            title: "Municipal Clerk".to_owned(),
            jurisdiction_kind: JurisdictionKind::Municipality,
            jurisdiction: "Town of Example".to_owned(),
            county: "Example County".to_owned(),
        },
        statement: CERTIFICATION_STATEMENT.to_owned(),
        checklists: vec![
            checklist(
                MEMO,
                "WEC security reminders (June 2017 memo)",
                "1.0.0",
                false,
            ),
            checklist(PRACTICES, "Election office practices", "1.0.0", false),
            checklist(
                OFFICE,
                "Town of Example election procedures",
                "2026.2",
                true,
            ),
        ],
        items,
        counts,
        previous_hash: "4f1c0a9e2b7d".repeat(5) + "9a0b",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seventy_items_with_every_kind_of_status_and_consistent_counts() {
        let r = sample_record(70, "Nguyễn Thị Hương");
        assert_eq!(r.items.len(), 70);
        let c = r.counts;
        let sum =
            c.done + c.not_done + c.passed + c.warned + c.failed + c.unknown + c.not_applicable;
        assert_eq!(sum, 70);
        assert!(c.failed >= 1 && c.warned >= 1 && c.unknown >= 1 && c.not_done >= 1);
        assert!(c.not_applicable >= 1 && c.passed >= 1 && c.done >= 1);
        let ids: std::collections::HashSet<_> = r.items.iter().map(|i| &i.item_id).collect();
        assert_eq!(ids.len(), 70, "item ids are unique");
        assert!(
            r.items
                .iter()
                .all(|i| !matches!(i.status, ItemStatus::NotApplicable) || !i.na_reason.is_empty())
        );
    }
}
