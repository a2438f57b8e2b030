//! Listing and verifying 10,000 records. Targets on the reference machine: list < 1 s,
//! verify (list + chain check) < 2 s.
//!
//! The records are generated once into a temporary folder, sealed exactly as the store seals
//! them (written directly, without the per-record fsyncs, to keep set-up short).

#![expect(
    clippy::disallowed_methods,
    reason = "set-up and output files are written directly here"
)]

use std::path::Path;

use clerkcheck::records::seal::{file_name_for, seal};
use clerkcheck::records::{Record, RecordStore, verify};
use clerkcheck::testing::sample_self_check;
use criterion::{Criterion, criterion_group, criterion_main};

const RECORDS: u64 = 10_000;

/// A realistic record: the sample sign-off (the shipped checklists and an office one, fully
/// answered, a finding per check) built through the real signing code.
fn realistic_record() -> Option<Record> {
    sample_self_check("José Núñez-Øberg")
        .build_record(None)
        .ok()
}

fn generate(dir: &Path) -> Option<()> {
    fs_err::create_dir_all(dir).ok()?;
    let mut record = realistic_record()?;
    let mut previous = String::new();
    for sequence in 1..=RECORDS {
        record.sequence = sequence;
        record.previous_hash = previous;
        let sealed = seal(&record).ok()?;
        fs_err::write(dir.join(file_name_for(sequence)), &sealed.bytes).ok()?;
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
