//! The commission's roll-up: 2,000 certifications (200 offices × 10 records) read, verified and
//! tabled. Target: under 10 s on a 2-core machine.
//!
//! `cargo bench --bench rollup`. Making the 2,000 PDFs first takes a minute or two; then one
//! roll-up is timed (criterion's smallest sample, 10 runs).

#![expect(
    clippy::print_stdout,
    reason = "a benchmark reports its figures on the terminal"
)]
#![expect(
    clippy::disallowed_methods,
    reason = "the benchmark writes its generated certifications directly"
)]

use std::path::Path;
use std::time::Instant;

use clerkcheck::records::{RecordStore, Which, certifiable};
use clerkcheck::report::certification_pdf;
use clerkcheck::report::rollup::{Rollup, check_all, pdf_files};
use clerkcheck::testing::sample_self_check;
use criterion::{Criterion, criterion_group, criterion_main};

const OFFICES: usize = 200;
const RECORDS: usize = 10;

/// Signs and certifies `RECORDS` records for each of the offices `first, first + step, …`.
fn make_offices(work: &Path, folder: &Path, first: usize, step: usize) -> Option<()> {
    for office in (first..OFFICES).step_by(step) {
        let store = RecordStore::new(work.join(format!("office-{office:03}")).join("records"));
        for _ in 0..RECORDS {
            let mut self_check = sample_self_check("Nguyễn Thị Hương");
            self_check.signer.jurisdiction = format!("Town of Example {office}");
            let stored = store.save(self_check.build_record(None).ok()?).ok()?;
            let sequence = stored.record.sequence;
            let certified = certifiable(&store, &Which::Number(sequence)).ok()?;
            let pdf = certification_pdf(&certified).ok()?;
            let name = format!("office-{office:03}-record-{sequence:02}.pdf");
            fs_err::write(folder.join(name), pdf).ok()?;
        }
    }
    Some(())
}

fn rollup(c: &mut Criterion) {
    let Ok(work) = tempfile::tempdir() else {
        return;
    };
    let folder = work.path().join("received");
    if std::fs::create_dir_all(&folder).is_err() {
        return;
    }
    let started = Instant::now();
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let made = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|n| {
                let (work, folder) = (work.path(), folder.as_path());
                scope.spawn(move || make_offices(work, folder, n, threads))
            })
            .collect();
        handles
            .into_iter()
            .all(|h| h.join().ok().flatten().is_some())
    });
    let Ok(paths) = pdf_files(&folder) else {
        return;
    };
    if !made || paths.len() != OFFICES * RECORDS {
        println!("could not make the {} certifications", OFFICES * RECORDS);
        return;
    }
    println!(
        "made {} certifications in {:.1} s",
        paths.len(),
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let table = Rollup::of(&check_all(&paths, &|| {}));
    println!(
        "one roll-up: {:.2} s; {}",
        started.elapsed().as_secs_f64(),
        table.summary()
    );
    let mut group = c.benchmark_group("rollup");
    group.sample_size(10);
    group.bench_function("rollup_2000_certifications", |b| {
        b.iter(|| Rollup::of(&check_all(&paths, &|| {})));
    });
    group.finish();
}

criterion_group!(benches, rollup);
criterion_main!(benches);
