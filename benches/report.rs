//! The certification PDF of the sample record (the shipped checklists plus an office one). Targets: under 50 ms and under 200 KB.
//!
//! `cargo bench --bench report`; the size is printed once before timing.

#![expect(
    clippy::print_stdout,
    reason = "a benchmark reports its figures on the terminal"
)]

use std::hint::black_box;

use clerkcheck::report::certification_pdf;
use clerkcheck::testing::sample_certifiable;
use criterion::{Criterion, criterion_group, criterion_main};

fn certification(c: &mut Criterion) {
    let Ok(data) = tempfile::tempdir() else {
        return;
    };
    let certified = sample_certifiable(data.path(), "Nguyễn Thị Hương");
    let items = certified.record().items.len();
    if let Ok(pdf) = certification_pdf(&certified) {
        let text = String::from_utf8_lossy(&pdf);
        let pages = text.matches("/Type/Page").count() - text.matches("/Type/Pages").count();
        // Sizes are far below 2^52: exact as f64.
        #[expect(clippy::cast_precision_loss, reason = "see the comment above")]
        let kb = pdf.len() as f64 / 1024.0;
        let pages = if pages > 0 {
            format!(", {pages} pages")
        } else {
            String::new()
        };
        println!(
            "certification of {items} items: {} bytes ({kb:.1} KB){pages}",
            pdf.len()
        );
    }
    c.bench_function("certification_pdf_sample", |b| {
        b.iter(|| certification_pdf(black_box(&certified)));
    });
}

criterion_group!(benches, certification);
criterion_main!(benches);
