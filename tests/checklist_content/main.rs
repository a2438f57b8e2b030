//! The shipped checklists' wording: every `text`, `why` and `how` reads at grade 8 or below
//! (Flesch–Kincaid), and every technical term an item uses is explained in that item.
//!
//! Run with `--nocapture` to see the readability figures (median, worst five fields).

#![expect(
    clippy::disallowed_methods,
    reason = "tests set up, tamper with and inspect files directly"
)]
#![expect(
    clippy::print_stderr,
    reason = "the readability summary is printed for whoever runs the test with --nocapture"
)]

mod readability;
mod terms;

use clerkcheck::checklist::{Checklist, ChecklistOrigin, SHIPPED, parse_checklist};

/// The highest Flesch–Kincaid grade a field may have.
const MAX_GRADE: f64 = 8.0;

fn shipped() -> Vec<Checklist> {
    SHIPPED
        .iter()
        .map(
            |f| match parse_checklist(f.name, f.text.as_bytes(), ChecklistOrigin::Shipped) {
                Ok(c) => c,
                Err(e) => panic!("{e}"),
            },
        )
        .collect()
}

/// (item id, field name, field text) for every text, why and how of the shipped checklists.
fn fields(checklists: &[Checklist]) -> Vec<(String, &'static str, String)> {
    let mut out = Vec::new();
    for c in checklists {
        for item in c.items() {
            for (name, value) in [("text", &item.text), ("why", &item.why), ("how", &item.how)] {
                out.push((item.id.clone(), name, value.clone()));
            }
        }
    }
    out
}

#[test]
fn every_text_why_and_how_reads_at_grade_8_or_below() {
    let checklists = shipped();
    let mut graded: Vec<(f64, String, &str, String)> = fields(&checklists)
        .into_iter()
        .map(|(id, field, text)| (readability::grade(&text), id, field, text))
        .collect();
    assert!(graded.len() > 200, "only {} fields", graded.len());
    graded.sort_by(|a, b| b.0.total_cmp(&a.0));
    let median = {
        let mut sorted: Vec<f64> = graded.iter().map(|g| g.0).collect();
        sorted.sort_by(f64::total_cmp);
        let mid = sorted.len() / 2;
        if sorted.len().is_multiple_of(2) {
            f64::midpoint(sorted[mid - 1], sorted[mid])
        } else {
            sorted[mid]
        }
    };
    eprintln!(
        "{} fields; median grade {median:.1}; worst five:",
        graded.len()
    );
    for (grade, id, field, _) in graded.iter().take(5) {
        eprintln!("  {grade:.1}  {id}.{field}");
    }
    let too_hard: Vec<String> = graded
        .iter()
        .filter(|g| g.0 > MAX_GRADE)
        .map(|(grade, id, field, text)| format!("{id}.{field}: grade {grade:.1}: {text}"))
        .collect();
    assert!(
        too_hard.is_empty(),
        "{} fields read above grade {MAX_GRADE}:\n{}",
        too_hard.len(),
        too_hard.join("\n")
    );
}

#[test]
fn every_technical_term_is_explained_in_the_item_that_uses_it() {
    let mut problems = Vec::new();
    for c in shipped() {
        for item in c.items() {
            for term in terms::unexplained_terms(&[&item.text, &item.why, &item.how]) {
                problems.push(format!("{}: \"{term}\" is not explained", item.id));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} unexplained terms (see the rule in tests/checklist_content/terms.rs):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn a_hard_item_text_would_fail_the_grade_test() {
    // The grade test can fail: this sentence from an early draft reads far above grade 8.
    let hard = "Have a written Election Day emergency response plan for your municipality.";
    assert!(
        readability::grade(hard) > MAX_GRADE,
        "{}",
        readability::grade(hard)
    );
}

#[test]
fn a_jargon_item_would_fail_the_terms_test() {
    // The terms test can fail: the first edition's Wi-Fi item named WPA2 and WPA3 bare.
    let item = [
        "Make sure the office Wi-Fi uses a password and WPA2 or newer encryption.",
        "Open or weak Wi-Fi lets people nearby see or reach office computers.",
        "Ask your IT support to confirm the Wi-Fi security setting is WPA2 or WPA3.",
    ];
    assert_eq!(
        terms::unexplained_terms(&item),
        vec!["WPA2/WPA3", "encryption"]
    );
}

#[test]
fn every_cited_document_is_listed_in_the_sources_doc() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/checklist-sources.md");
    let doc = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => panic!("{}: {e}", path.display()),
    };
    let mut missing = Vec::new();
    for c in shipped() {
        for item in c.items() {
            let source = &item.source;
            // The title is the quoted part of the document's name ("WEC memo \"…\"").
            let title = source
                .document
                .split('"')
                .nth(1)
                .unwrap_or(&source.document);
            if !doc.contains(title) {
                missing.push(format!("{}: document {title:?}", item.id));
            }
            if source.document == "Wisconsin Statutes" && !doc.contains(&source.reference) {
                missing.push(format!("{}: statute {}", item.id, source.reference));
            }
        }
    }
    missing.dedup();
    assert!(
        missing.is_empty(),
        "not in docs/checklist-sources.md:\n{}",
        missing.join("\n")
    );
}
