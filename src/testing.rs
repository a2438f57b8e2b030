//! Test support, built only with the `test-support` feature (tests, benchmarks and the sample
//! certification example turn it on): fake checks with fixed findings, a fixed host, and a
//! sample sign-off made through the real signing code and saved in a real records folder.

#![expect(
    clippy::expect_used,
    reason = "test support: a failure here is a broken test set-up, reported by the panic"
)]

use std::path::Path;

use crate::checklist::{Catalog, ChecklistOrigin, parse_checklist, shipped_checklists};
use crate::checks::{CheckId, CheckSource, Finding, Os, Policy, Verdict};
use crate::records::{
    Certifiable, Computer, JurisdictionKind, RecordStore, Signer, Which, certifiable,
};
use crate::session::{Answer, Clock, Host, ItemAnswer, SelfCheck};

/// The fictional office checklist of the Town of Example.
pub const OFFICE_CHECKLIST: &str =
    include_str!("../tests/fixtures/office/town-of-example-procedures.ron");

/// Answers every check at once with a fixed finding: anti-virus fails, the operating system is
/// only in extended support (Warning), the screen lock cannot be read (Unknown), everything else
/// passes.
#[derive(Debug, Clone, Copy, Default)]
pub struct FakeChecks;

impl FakeChecks {
    /// The fixed finding of `check`.
    pub fn finding(check: CheckId) -> Finding {
        let (verdict, evidence) = match check {
            CheckId::Antivirus => (
                Verdict::Fail,
                "Microsoft Defender: real-time protection is off.",
            ),
            CheckId::OsSupported => (
                Verdict::Warn,
                "This version of Windows gets security updates for less than six more months; \
                 plan the upgrade.",
            ),
            CheckId::ScreenLock => (
                Verdict::Unknown,
                "The screen lock setting could not be read.",
            ),
            CheckId::UntrustedPrograms => (
                Verdict::Pass,
                "None of the 214 installed programs is on the list of programs to avoid.",
            ),
            _ => (Verdict::Pass, "The setting is on."),
        };
        Finding {
            check,
            verdict,
            evidence: evidence.to_owned(),
            why: "Why this matters, in plain words.".to_owned(),
            fix: if verdict == Verdict::Pass {
                Vec::new()
            } else {
                vec!["Open Settings.".to_owned(), "Turn it on.".to_owned()]
            },
            raw: format!("raw output of {check}"),
        }
    }
}

impl CheckSource for FakeChecks {
    fn run(&self, check: CheckId, _policy: &Policy) -> Finding {
        Self::finding(check)
    }
}

/// The fixed computer of the tests and the sample.
pub fn computer() -> Computer {
    Computer {
        host_name: "CLERK-PC-01".into(),
        os_name: "Windows 11 Pro".into(),
        os_version: "24H2 (26100.2314)".into(),
    }
}

/// A fixed host: the test computer, at 9:04:05 AM on November 24, 2026, in Wisconsin (UTC−6).
pub fn fixed_host() -> Host {
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-24T09:04:05-06:00")
        .expect("a valid fixed time");
    Host::new(computer(), Clock::Fixed(at))
}

/// The shipped checklists and the Town of Example's own.
pub fn sample_catalog() -> Catalog {
    let mut checklists = shipped_checklists();
    checklists.push(
        parse_checklist(
            "town-of-example-procedures.ron",
            OFFICE_CHECKLIST.as_bytes(),
            ChecklistOrigin::Office,
        )
        .expect("the sample office checklist loads"),
    );
    Catalog {
        checklists,
        failed: Vec::new(),
    }
}

/// A fully answered sample self-check on Windows for the Town of Example, Example County,
/// signed by `signer_name`: every manual item answered (one not done, one not applicable),
/// the Unknown screen lock checked by hand.
pub fn sample_self_check(signer_name: &str) -> SelfCheck {
    let mut s = SelfCheck {
        catalog: Some(sample_catalog()),
        host: Some(fixed_host()),
        os: Os::Windows,
        ..SelfCheck::default()
    };
    for check in CheckId::ALL {
        s.add_finding(FakeChecks::finding(check));
    }
    s.signer = Signer {
        name: signer_name.to_owned(),
        title: "Municipal Clerk".to_owned(),
        jurisdiction_kind: JurisdictionKind::Municipality,
        jurisdiction: "Town of Example".to_owned(),
        county: "Example County".to_owned(),
    };
    let items: Vec<_> = s
        .catalog
        .iter()
        .flat_map(|c| c.checklists.iter())
        .flat_map(|c| c.items().cloned().collect::<Vec<_>>())
        .collect();
    let mut manual = 0;
    for item in &items {
        let answer = match item.verification.check() {
            Some(CheckId::ScreenLock) if !item.verification.needs_clerk() => ItemAnswer {
                answer: Some(Answer::Done),
                note: "Checked by hand on November 24 with IT support (Marta Øvergaard): the \
                       screen locks after 5 minutes and asks for the password."
                    .to_owned(),
            },
            Some(_) if !item.verification.needs_clerk() => continue,
            _ => {
                manual += 1;
                match manual {
                    3 => ItemAnswer {
                        answer: Some(Answer::NotDone),
                        note: "Starts in January, when the county moves the office email."
                            .to_owned(),
                    },
                    5 => ItemAnswer::new(Answer::NotApplicable(
                        "The county clerk's office does this for every town.".to_owned(),
                    )),
                    _ => ItemAnswer::new(Answer::Done),
                }
            }
        };
        s.answers.insert(item.id.clone(), answer);
    }
    s
}

/// The sample signed and saved as record 1 in `data_dir/records`, ready to certify.
pub fn sample_certifiable(data_dir: &Path, signer_name: &str) -> Certifiable {
    let record = sample_self_check(signer_name)
        .build_record(None)
        .expect("the sample signs");
    let store = RecordStore::new(data_dir.join("records"));
    let stored = store.save(record).expect("the sample saves");
    certifiable(&store, &Which::Number(stored.record.sequence)).expect("the sample is intact")
}

/// An office calendar for `today` (`YYYY-MM-DD`) with Wisconsin's regular elections of `years`,
/// a 60-day sign-off window, and sign-offs on `signed` (records 1, 2, … in that order).
pub fn office_calendar(
    today: &str,
    signed: &[&str],
    years: std::ops::RangeInclusive<i32>,
) -> crate::calendar::OfficeCalendar {
    use crate::calendar::{OfficeCalendar, Schedule, SignOffDate, SignoffScan, due, election_days};
    let d = |text: &str| {
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a YYYY-MM-DD date")
    };
    let days = election_days(years, &[]);
    let signoffs: Vec<SignOffDate> = signed
        .iter()
        .zip(1..)
        .map(|(date, record_sequence)| SignOffDate {
            date: d(date),
            record_sequence,
        })
        .collect();
    OfficeCalendar {
        today: d(today),
        report: due(d(today), &days, &signoffs, 60),
        schedule: Schedule {
            days,
            window_days: 60,
        },
        scan: SignoffScan {
            signoffs,
            not_counted: Vec::new(),
        },
        problems: Vec::new(),
    }
}
