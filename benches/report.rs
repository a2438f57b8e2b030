//! The certification PDF. Targets: the sample record (the shipped checklists plus an office
//! one) under 50 ms and under 200 KB; a record whose jurisdiction is 10,000 characters long
//! (text fitted by binary search) well under 1 s.
//!
//! `cargo bench --bench report`; sizes and page counts are printed once before timing.

#![expect(
    clippy::print_stdout,
    reason = "a benchmark reports its figures on the terminal"
)]

use std::hint::black_box;

use clerkcheck::records::{RecordStore, Which, certifiable};
use clerkcheck::report::certification_pdf;
use clerkcheck::testing::{sample_certifiable, sample_self_check};
use criterion::{Criterion, criterion_group, criterion_main};

fn describe(what: &str, pdf: &[u8]) {
    let pages = lopdf::Document::load_mem(pdf).map_or(0, |d| d.get_pages().len());
    // Sizes are far below 2^52: exact as f64.
    #[expect(clippy::cast_precision_loss, reason = "see the comment above")]
    let kb = pdf.len() as f64 / 1024.0;
    println!("{what}: {} bytes ({kb:.1} KB), {pages} pages", pdf.len());
}

fn certification(c: &mut Criterion) {
    let Ok(data) = tempfile::tempdir() else {
        return;
    };
    let certified = sample_certifiable(data.path(), "Nguyễn Thị Hương");
    if let Ok(pdf) = certification_pdf(&certified) {
        let items = certified.record().items.len();
        describe(&format!("certification of {items} items"), &pdf);
    }
    c.bench_function("certification_pdf_sample", |b| {
        b.iter(|| certification_pdf(black_box(&certified)));
    });

    let cjk = sample_certifiable(data.path(), "王秀英 김민준 佐藤 花子 👍");
    if let Ok(pdf) = certification_pdf(&cjk) {
        describe("certification signed 王秀英 김민준 佐藤 花子 👍", &pdf);
    }
    c.bench_function("certification_pdf_cjk_and_emoji_name", |b| {
        b.iter(|| certification_pdf(black_box(&cjk)));
    });
}

/// A record with a 10,000-character jurisdiction: saved as it is (the signing form refuses
/// more than 120 characters, but a record file made by other means must still print fast).
fn long_jurisdiction(c: &mut Criterion) {
    let Ok(data) = tempfile::tempdir() else {
        return;
    };
    let Ok(mut record) = sample_self_check("Nguyễn Thị Hương").build_record(None) else {
        return;
    };
    record.signer.jurisdiction = "Town of Example ".repeat(625);
    let store = RecordStore::new(data.path().join("records"));
    let Ok(stored) = store.save(record) else {
        return;
    };
    let Ok(certified) = certifiable(&store, &Which::Number(stored.record.sequence)) else {
        return;
    };
    if let Ok(pdf) = certification_pdf(&certified) {
        describe("certification with a 10,000-character jurisdiction", &pdf);
    }
    let mut group = c.benchmark_group("long_text");
    group.sample_size(10);
    group.bench_function("certification_pdf_10000_character_jurisdiction", |b| {
        b.iter(|| certification_pdf(black_box(&certified)));
    });
    group.finish();
}

criterion_group!(benches, certification, long_jurisdiction);
criterion_main!(benches);
