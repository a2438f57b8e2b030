//! The whole automatic check run on this computer: every check that applies, in parallel, as
//! `clerkcheck check` runs them (each run reads afresh). Target: under 0.1 s for the whole run on
//! Linux.

use std::hint::black_box;

use clerkcheck::checks::Policy;
use criterion::{Criterion, criterion_group, criterion_main};

fn all_checks(c: &mut Criterion) {
    let policy = Policy::default();
    let mut group = c.benchmark_group("checks");
    group.sample_size(20);
    group.bench_function("all checks on this computer", |b| {
        b.iter(|| black_box(clerkcheck::checks::run_all(&policy)));
    });
    group.finish();
}

criterion_group!(benches, all_checks);
criterion_main!(benches);
