//! Shared helpers for the records tests: a realistic record, and tamper tools.

// Each test file uses a different part of this module; a panic is the failure report.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::Path;

use clerkcheck::checklist::Catalog;
use clerkcheck::checks::{CheckId, Finding, Verdict};
use clerkcheck::records::{
    Answers, Computer, ItemAnswer, JurisdictionKind, Record, RecordStore, SignOff, Signer,
};

/// A record built the way the app builds one: shipped checklists, fake findings, some answers.
pub fn sample_record(signer: &str, fail_check: Option<CheckId>) -> Record {
    let catalog = Catalog::load(Path::new("/nonexistent/clerkcheck-records-test"));
    let findings: Vec<Finding> = CheckId::ALL
        .iter()
        .map(|&check| Finding {
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
        })
        .collect();
    let mut answers = Answers::new();
    for (i, item) in catalog
        .checklists
        .iter()
        .flat_map(clerkcheck::checklist::Checklist::items)
        .filter(|i| i.verification.check().is_none())
        .enumerate()
    {
        answers.insert(
            item.id.clone(),
            ItemAnswer {
                done: i % 3 != 1,
                note: if i == 0 {
                    "checked with the county IT".to_owned()
                } else {
                    String::new()
                },
                not_applicable: None,
            },
        );
    }
    SignOff {
        catalog: &catalog,
        findings: &findings,
        answers: &answers,
        signer: Signer {
            name: signer.to_owned(),
            title: "Municipal Clerk".to_owned(),
            jurisdiction_kind: JurisdictionKind::Municipality,
            jurisdiction: "Town of Dunn".to_owned(),
            county: "Dane County".to_owned(),
        },
        computer: Computer {
            host_name: "CLERK-PC".to_owned(),
            os_name: "Windows".to_owned(),
            os_version: "11 (26100)".to_owned(),
        },
        now_utc: chrono::DateTime::parse_from_rfc3339("2026-03-01T15:04:05Z")
            .unwrap()
            .to_utc(),
        utc_offset_minutes: -360,
    }
    .build()
    .unwrap()
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
    if let Ok(meta) = std::fs::metadata(path) {
        let mut perms = meta.permissions();
        #[allow(clippy::permissions_set_readonly_false)] // A test tampering on purpose.
        perms.set_readonly(false);
        std::fs::set_permissions(path, perms).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
}
