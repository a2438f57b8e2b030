//! Tests of the sign-off core: statuses, counts, progress and every signing rule.

use super::signing;
use super::*;
use crate::checklist::{Catalog, Item};
use crate::checks::Verdict;
use crate::checks::{CheckId, Finding, Os};
use crate::records::JurisdictionKind;
use crate::records::{ItemStatus, Signer};

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

fn host() -> Host {
    Host::new(
        crate::records::Computer {
            host_name: "CLERK-PC".into(),
            os_name: "Windows 11 Pro".into(),
            os_version: "24H2".into(),
        },
        Clock::Fixed(chrono::DateTime::parse_from_rfc3339("2026-03-01T09:30:00-06:00").unwrap()),
    )
}

/// A self-check of the shipped checklists on `os`, every check passing but the firewall.
fn self_check(os: Os) -> SelfCheck {
    let mut s = SelfCheck {
        catalog: Some(Catalog {
            checklists: crate::checklist::shipped_checklists(),
            failed: Vec::new(),
        }),
        host: Some(host()),
        os,
        ..SelfCheck::default()
    };
    for check in CheckId::ALL {
        let verdict = if check == CheckId::Firewall {
            Verdict::Fail
        } else {
            Verdict::Pass
        };
        s.add_finding(finding(check, verdict));
    }
    s.signer = Signer {
        name: "José Núñez-Øberg".to_owned(),
        title: "Municipal Clerk".to_owned(),
        jurisdiction_kind: JurisdictionKind::Municipality,
        jurisdiction: "Town of Dunn".to_owned(),
        county: "Dane County".to_owned(),
    };
    s
}

fn items(s: &SelfCheck) -> Vec<Item> {
    s.catalog
        .as_ref()
        .unwrap()
        .checklists
        .iter()
        .flat_map(|c| c.items().cloned().collect::<Vec<_>>())
        .collect()
}

fn first_manual(s: &SelfCheck) -> Item {
    items(s)
        .into_iter()
        .find(|i| i.verification.check().is_none())
        .unwrap()
}

fn item_with(s: &SelfCheck, check: CheckId) -> Item {
    items(s)
        .into_iter()
        .find(|i| i.verification.check() == Some(check) && !i.verification.needs_clerk())
        .unwrap()
}

#[test]
fn statuses_and_counts_follow_answers_and_findings() {
    let mut s = self_check(Os::Linux);
    let manual = first_manual(&s);
    s.answer_mut(&manual.id).answer = Some(Answer::Done);
    let record = s.build_record(Some("jose nunez-oberg")).unwrap();
    let status = |id: &str| {
        record
            .items
            .iter()
            .find(|i| i.item_id == id)
            .unwrap()
            .status
    };
    assert_eq!(status(&manual.id), ItemStatus::Done);
    assert_eq!(
        status(&item_with(&s, CheckId::Firewall).id),
        ItemStatus::Checked(Verdict::Fail)
    );
    let total = items(&s).len();
    assert_eq!(record.items.len(), total);
    let c = record.counts;
    assert_eq!(c.total() as usize, total);
    assert_eq!(c.failed, 1);
    assert_eq!(c.done, 1);
    assert_eq!(c.not_done, 0, "unanswered items are not 'not done'");
    assert!(c.not_answered > 40, "{c:?}");
    assert_eq!(record.counts, record.counts());
}

#[test]
fn progress_counts_only_what_is_done_or_passed() {
    let mut s = self_check(Os::Linux);
    let catalog = s.catalog.clone().unwrap();
    let section = catalog
        .checklists
        .iter()
        .flat_map(|c| c.sections.iter())
        .find(|sec| {
            sec.items
                .iter()
                .any(|i| i.verification.check() == Some(CheckId::Firewall))
        })
        .unwrap();
    let (settled, total) = s.section_progress(section);
    assert!(settled < total, "a failing check is not done");
    // Ticking every manual item and marking none N/A still leaves the failure open.
    for item in &section.items {
        if item.verification.needs_clerk() {
            s.answer_mut(&item.id).answer = Some(Answer::Done);
        }
    }
    let (settled, total) = s.section_progress(section);
    assert_eq!(settled + 1, total);
}

#[test]
fn a_check_that_does_not_exist_on_this_os_makes_its_item_not_applicable_with_the_reason() {
    let s = self_check(Os::Linux);
    let record = s.build_record(None).unwrap();
    let uac = record
        .items
        .iter()
        .find(|i| i.check == Some(CheckId::Uac))
        .unwrap();
    assert_eq!(uac.status, ItemStatus::NotApplicable);
    assert!(uac.na_reason.contains("Windows"), "{}", uac.na_reason);
    assert_eq!(uac.verdict, None);
    let windows = self_check(Os::Windows).build_record(None).unwrap();
    let uac = windows
        .items
        .iter()
        .find(|i| i.check == Some(CheckId::Uac))
        .unwrap();
    assert_eq!(uac.status, ItemStatus::Checked(Verdict::Pass));
}

#[test]
fn an_unknown_check_is_settled_only_when_checked_by_hand_with_a_note() {
    let mut s = self_check(Os::Linux);
    let item = item_with(&s, CheckId::DiskEncryption);
    s.add_finding(finding(CheckId::DiskEncryption, Verdict::Unknown));
    assert_eq!(s.item_status(&item), ItemStatus::Checked(Verdict::Unknown));
    s.answer_mut(&item.id).answer = Some(Answer::Done);
    assert_eq!(s.item_status(&item), ItemStatus::AttestedByHand);
    assert!(matches!(
        s.build_record(None),
        Err(SignError::AttestWithoutNote { .. })
    ));
    s.answer_mut(&item.id).note = "IT confirmed BitLocker on March 1".into();
    let record = s.build_record(None).unwrap();
    assert_eq!(record.counts.checked_by_hand, 1);
}

#[test]
fn a_passing_or_failing_check_cannot_be_checked_by_hand() {
    let mut s = self_check(Os::Linux);
    let item = item_with(&s, CheckId::Firewall);
    s.answer_mut(&item.id).answer = Some(Answer::Done);
    s.answer_mut(&item.id).note = "trust me".into();
    let err = s.build_record(None).unwrap_err();
    assert!(
        matches!(err, SignError::AttestWithoutUnknown { .. }),
        "{err}"
    );
    assert!(
        err.to_string().contains(&item.text),
        "names the item's text: {err}"
    );
}

#[test]
fn a_failing_check_cannot_be_made_not_applicable() {
    let mut s = self_check(Os::Linux);
    let item = item_with(&s, CheckId::Firewall);
    s.answer_mut(&item.id).answer = Some(Answer::NotApplicable("we have none".into()));
    let err = s.build_record(None).unwrap_err();
    assert!(
        matches!(
            err,
            SignError::NotApplicableOnProblem {
                verdict: "failure",
                ..
            }
        ),
        "{err}"
    );
    // A warning neither.
    s.add_finding(finding(CheckId::Firewall, Verdict::Warn));
    assert!(matches!(
        s.build_record(None),
        Err(SignError::NotApplicableOnProblem {
            verdict: "warning",
            ..
        })
    ));
    // A manual item may, with a reason.
    let mut s = self_check(Os::Linux);
    let manual = first_manual(&s);
    s.answer_mut(&manual.id).answer = Some(Answer::NotApplicable("  ".into()));
    assert!(matches!(
        s.build_record(None),
        Err(SignError::MissingReason { .. })
    ));
    s.answer_mut(&manual.id).answer = Some(Answer::NotApplicable("No such machine".into()));
    let record = s.build_record(None).unwrap();
    let item = record
        .items
        .iter()
        .find(|i| i.item_id == manual.id)
        .unwrap();
    assert_eq!(item.status, ItemStatus::NotApplicable);
    assert_eq!(item.na_reason, "No such machine");
}

#[test]
fn name_title_and_jurisdiction_are_required() {
    for (field, expected) in [(0, "full name"), (1, "title"), (2, "city, village or town")] {
        let mut s = self_check(Os::Linux);
        match field {
            0 => s.signer.name = "   ".into(),
            1 => s.signer.title = String::new(),
            _ => s.signer.jurisdiction = "\u{202e}".into(),
        }
        let err = s.build_record(None).unwrap_err();
        assert!(matches!(err, SignError::Missing(_)), "{err}");
        assert!(err.to_string().contains(expected), "{err}");
    }
}

#[test]
fn the_forms_spelling_is_stored_not_the_typed_confirmation() {
    let s = self_check(Os::Linux);
    let record = s.build_record(Some("  josé núñez-øberg ")).unwrap();
    assert_eq!(record.signer.name, "José Núñez-Øberg");
    let record = s.build_record(Some("JOSE NUNEZ-OBERG")).unwrap();
    assert_eq!(record.signer.name, "José Núñez-Øberg");
    let err = s.build_record(Some("Mallory")).unwrap_err();
    assert!(
        matches!(err, SignError::ConfirmationMismatch { .. }),
        "{err}"
    );
    assert!(matches!(
        s.build_record(Some("  ")),
        Err(SignError::MissingConfirmation)
    ));
}

#[test]
fn bidirectional_controls_and_extra_spaces_are_removed_from_names() {
    let mut s = self_check(Os::Linux);
    s.signer.name = "  Eve\u{202e}  kciR  ".into();
    s.signer.title = "Clerk\u{2066}".into();
    let record = s.build_record(None).unwrap();
    assert_eq!(record.signer.name, "Eve kciR");
    assert_eq!(record.signer.title, "Clerk");
}

#[test]
fn fields_longer_than_the_form_allows_are_refused() {
    let mut s = self_check(Os::Linux);
    s.signer.jurisdiction = "x".repeat(10_000);
    let err = s.build_record(None).unwrap_err();
    assert!(err.to_string().contains("10000 characters"), "{err}");
}

#[test]
fn the_statement_says_how_many_items_were_not_answered() {
    let s = self_check(Os::Linux);
    let record = s.build_record(None).unwrap();
    let n = record.counts.not_answered;
    assert!(n > 0);
    assert!(
        record.statement.contains(&format!("{n} were not answered")),
        "{}",
        record.statement
    );
    assert!(
        record
            .statement
            .contains(&format!("{} items", record.counts.total()))
    );
}

#[test]
fn a_broken_office_checklist_stops_signing() {
    let mut s = self_check(Os::Linux);
    s.catalog
        .as_mut()
        .unwrap()
        .failed
        .push(crate::checklist::LoadError {
            file: "county.ron".into(),
            problems: Vec::new(),
        });
    let err = s.build_record(None).unwrap_err();
    assert!(
        matches!(err, SignError::OfficeChecklistBroken { count: 1, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("county.ron"), "{err}");
}

#[test]
fn signing_waits_for_running_checks() {
    let mut s = self_check(Os::Linux);
    s.start_checks(&[CheckId::Firewall]);
    assert!(matches!(
        s.build_record(None),
        Err(SignError::ChecksRunning { done: 0, total: 1 })
    ));
}

#[test]
fn huge_raw_evidence_is_capped_in_the_record() {
    let mut s = self_check(Os::Linux);
    let mut big = finding(CheckId::ScreenLock, Verdict::Pass);
    big.raw = "é".repeat(5_000_000);
    s.add_finding(big);
    let record = s.build_record(None).unwrap();
    let item = record
        .items
        .iter()
        .find(|i| i.check == Some(CheckId::ScreenLock))
        .unwrap();
    assert!(item.raw_evidence.len() < signing::MAX_RAW_EVIDENCE_BYTES + 100);
    assert!(item.raw_evidence.ends_with("not kept in the record)"));
}

#[test]
fn unknown_item_ids_are_refused() {
    let mut s = self_check(Os::Linux);
    s.answer_mut("no-such-item").answer = Some(Answer::Done);
    assert_eq!(
        s.build_record(None).unwrap_err(),
        SignError::UnknownItem {
            item_id: "no-such-item".into()
        }
    );
}

#[test]
fn checks_to_run_are_those_the_checklists_name_on_this_os() {
    let s = self_check(Os::Linux);
    let checks = s.checks_to_run();
    assert!(!checks.contains(&CheckId::Uac));
    assert!(checks.contains(&CheckId::Firewall));
    let w = self_check(Os::Windows);
    assert!(w.checks_to_run().contains(&CheckId::Uac));
}

#[test]
fn tidy_answers_keeps_only_what_the_clerk_said() {
    let mut s = SelfCheck::default();
    s.answer_mut("a");
    s.answer_mut("b").note = "x".into();
    s.tidy_answers();
    assert_eq!(s.answers.keys().collect::<Vec<_>>(), ["b"]);
}

#[test]
fn an_assisted_item_needs_the_clerks_answer_and_shows_a_failing_check_first() {
    let mut s = self_check(Os::Linux);
    let assisted = items(&s)
        .into_iter()
        .find(|i| i.verification.check().is_some() && i.verification.needs_clerk())
        .expect("memo 5 is checked by this computer and answered by the clerk");
    let check = assisted.verification.check().unwrap();
    s.add_finding(finding(check, Verdict::Pass));
    assert_eq!(s.item_status(&assisted), ItemStatus::NotAnswered);
    s.answer_mut(&assisted.id).answer = Some(Answer::Done);
    assert_eq!(s.item_status(&assisted), ItemStatus::Done);
    // The clerk's tick needs no note and is allowed whatever the check says.
    s.add_finding(finding(check, Verdict::Fail));
    assert_eq!(s.item_status(&assisted), ItemStatus::Checked(Verdict::Fail));
    let record = s.build_record(None).unwrap();
    let item = record
        .items
        .iter()
        .find(|i| i.item_id == assisted.id)
        .unwrap();
    assert_eq!(item.status, ItemStatus::Checked(Verdict::Fail));
    assert_eq!(item.verdict, Some(Verdict::Fail));
    // Not applicable is refused while its check fails.
    s.answer_mut(&assisted.id).answer = Some(Answer::NotApplicable("none".into()));
    assert!(matches!(
        s.build_record(None),
        Err(SignError::NotApplicableOnProblem { .. })
    ));
}

#[test]
fn the_record_names_the_election_it_precedes() {
    let mut s = self_check(Os::Linux);
    // Signed March 1, 2026 (the tests' host): the spring election of April 7, 2026 is 37 days
    // away, inside a 60-day window and outside a 30-day one.
    let days = crate::calendar::election_days(2025..=2027, &[]);
    s.schedule = Some(crate::calendar::Schedule {
        days: days.clone(),
        window_days: 30,
    });
    assert_eq!(s.build_record(None).unwrap().election, None);
    s.schedule = Some(crate::calendar::Schedule {
        days,
        window_days: 60,
    });
    let election = s.build_record(None).unwrap().election.unwrap();
    assert_eq!(election.line(), "Spring election, April 7, 2026");
}
