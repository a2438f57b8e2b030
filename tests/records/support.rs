//! Shared helpers for the records tests: a realistic record, and tamper tools.

use std::path::Path;

use clerkcheck::checklist::Catalog;
use clerkcheck::checks::{CheckId, Finding, Os, Verdict};
use clerkcheck::records::{Computer, JurisdictionKind, Record, RecordStore, Signer};
use clerkcheck::session::{Answer, Clock, Host, ItemAnswer, SelfCheck};

/// A record built the way the app builds one: shipped checklists, fake findings, some answers
/// (every third manual item not done, the rest done).
pub fn sample_record(signer: &str, fail_check: Option<CheckId>) -> Record {
    let mut s = SelfCheck {
        catalog: Some(Catalog::load(Path::new(
            "/nonexistent/clerkcheck-records-test",
        ))),
        host: Some(Host::new(
            Computer {
                host_name: "CLERK-PC".to_owned(),
                os_name: "Windows".to_owned(),
                os_version: "11 (26100)".to_owned(),
            },
            Clock::Fixed(
                chrono::DateTime::parse_from_rfc3339("2026-03-01T09:04:05-06:00").unwrap(),
            ),
        )),
        os: Os::Windows,
        signer: Signer {
            name: signer.to_owned(),
            title: "Municipal Clerk".to_owned(),
            jurisdiction_kind: JurisdictionKind::Municipality,
            jurisdiction: "Town of Dunn".to_owned(),
            county: "Dane County".to_owned(),
        },
        ..SelfCheck::default()
    };
    for check in CheckId::ALL {
        s.add_finding(Finding {
            check,
            verdict: if Some(check) == fail_check {
                Verdict::Fail
            } else {
                Verdict::Pass
            },
            evidence: format!("{check}: looked fine"),
            why: String::new(),
            fix: Vec::new(),
            raw: format!("raw output of {check}\nline two with \"quotes\""),
        });
    }
    let manual: Vec<String> = s
        .catalog
        .iter()
        .flat_map(|c| c.checklists.iter())
        .flat_map(clerkcheck::checklist::Checklist::items)
        .filter(|i| i.verification.needs_clerk())
        .map(|i| i.id.clone())
        .collect();
    for (i, id) in manual.into_iter().enumerate() {
        s.answers.insert(
            id,
            ItemAnswer {
                answer: Some(if i % 3 == 1 {
                    Answer::NotDone
                } else {
                    Answer::Done
                }),
                note: if i == 0 {
                    "checked with the county IT".to_owned()
                } else {
                    String::new()
                },
            },
        );
    }
    s.build_record(None).unwrap()
}

/// A store in a fresh temporary folder with `n` records saved.
pub fn store_with(n: usize) -> (tempfile::TempDir, RecordStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = RecordStore::new(dir.path().join("records"));
    for i in 0..n {
        store
            .save(sample_record(&format!("Clerk {i}"), None))
            .unwrap();
    }
    (dir, store)
}

/// Writes a file even where a record file is read-only (as saved records are on Unix).
pub fn overwrite(path: impl AsRef<Path>, bytes: impl AsRef<[u8]>) {
    let path = path.as_ref();
    if let Ok(meta) = fs_err::metadata(path) {
        let mut perms = meta.permissions();
        #[expect(
            clippy::permissions_set_readonly_false,
            reason = "a test tampering with a record on purpose"
        )]
        perms.set_readonly(false);
        fs_err::set_permissions(path, perms).unwrap();
    }
    fs_err::write(path, bytes).unwrap();
}
