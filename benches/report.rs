//! The certification PDF of a 70-item record. Targets: under 50 ms and under 200 KB.
//!
//! `cargo bench --bench report`; the size is printed once before timing.

// A benchmark reports its figures on the terminal.
#![allow(clippy::print_stdout)]

use std::hint::black_box;

use clerkcheck::report::certification_pdf;
use clerkcheck::report::sample::sample_record;
use criterion::{Criterion, criterion_group, criterion_main};

fn certification(c: &mut Criterion) {
    let record = sample_record(70, "Nguyễn Thị Hương");
    if let Ok(pdf) = certification_pdf(&record, "9f2c4e1a7b3d5c08") {
        let text = String::from_utf8_lossy(&pdf);
        let pages = text.matches("/Type/Page").count() - text.matches("/Type/Pages").count();
        // Sizes are far below 2^52: exact as f64.
        #[allow(clippy::cast_precision_loss)] // see the comment above
        let kb = pdf.len() as f64 / 1024.0;
        let pages = if pages > 0 {
            format!(", {pages} pages")
        } else {
            String::new()
        };
        println!(
            "certification of 70 items: {} bytes ({kb:.1} KB){pages}",
            pdf.len()
        );
    }
    c.bench_function("certification_pdf_70_items", |b| {
        b.iter(|| certification_pdf(black_box(&record), black_box("9f2c4e1a7b3d5c08")));
    });
}

criterion_group!(benches, certification);
criterion_main!(benches);
