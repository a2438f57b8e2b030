//! Listing and verifying 10,000 records. Targets on the reference machine: list < 1 s,
//! verify (list + chain check) < 2 s.
//!
//! The records are generated once into a temporary folder, sealed exactly as the store seals
//! them (written directly, without the per-record fsyncs, to keep set-up short).

use std::fmt::Write as _;
use std::path::Path;

use clerkcheck::checklist::{Catalog, Checklist};
use clerkcheck::checks::{CheckId, Finding, Verdict};
use clerkcheck::records::integrity::{file_name_for, seal};
use clerkcheck::records::{
    Answers, Computer, ItemAnswer, JurisdictionKind, Record, RecordStore, SignOff, Signer, verify,
};
use criterion::{Criterion, criterion_group, criterion_main};

const RECORDS: u64 = 10_000;

/// A realistic record: the shipped checklists, a finding per check with a few lines of raw
/// evidence, notes on some items.
fn realistic_record() -> Option<Record> {
    let catalog = Catalog::load(Path::new("/nonexistent/clerkcheck-bench"));
    let findings: Vec<Finding> = CheckId::ALL
        .iter()
        .map(|&check| Finding {
            check,
            verdict: Verdict::Pass,
            evidence: format!(
                "{}: everything as required on this computer.",
                check.title()
            ),
            why: String::new(),
            fix: Vec::new(),
            raw: (0..20).fold(String::new(), |mut raw, i| {
                let _ = writeln!(raw, "{check} probe output line {i}: Value = {}", i * 37);
                raw
            }),
        })
        .collect();
    let answers: Answers = catalog
        .checklists
        .iter()
        .flat_map(Checklist::items)
        .filter(|i| i.verification.check().is_none())
        .map(|i| {
            (
                i.id.clone(),
                ItemAnswer {
                    done: true,
                    note: "Checked with the county IT on the first Monday.".to_owned(),
                    not_applicable: None,
                },
            )
        })
        .collect();
    SignOff {
        catalog: &catalog,
        findings: &findings,
        answers: &answers,
        signer: Signer {
            name: "José Núñez-Øberg".to_owned(),
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
        now_utc: chrono::Utc::now(),
        utc_offset_minutes: -360,
    }
    .build()
    .ok()
}

fn generate(dir: &Path) -> Option<()> {
    std::fs::create_dir_all(dir).ok()?;
    let mut record = realistic_record()?;
    let mut previous = String::new();
    for sequence in 1..=RECORDS {
        record.sequence = sequence;
        record.previous_hash = previous;
        let sealed = seal(&record).ok()?;
        std::fs::write(dir.join(file_name_for(sequence)), &sealed.bytes).ok()?;
        previous = sealed.sha256;
    }
    Some(())
}

fn records(c: &mut Criterion) {
    let Ok(temp) = tempfile::tempdir() else {
        return;
    };
    let dir = temp.path().join("records");
    if generate(&dir).is_none() {
        return;
    }
    let store = RecordStore::new(&dir);
    let listing = store.list();
    assert_eq!(
        listing.records.len() as u64,
        RECORDS,
        "{:?}",
        listing.unreadable.first()
    );
    assert!(verify(&listing).is_intact());

    let mut group = c.benchmark_group("records");
    group.sample_size(10);
    group.bench_function("list 10000", |b| b.iter(|| store.list()));
    group.bench_function("verify 10000 (list + chain)", |b| {
        b.iter(|| verify(&store.list()));
    });
    group.bench_function("chain check only, 10000 listed", |b| {
        b.iter(|| verify(&listing));
    });
    group.finish();
}

criterion_group!(benches, records);
criterion_main!(benches);
