//! Reads produced certification PDFs back (lopdf, through the fonts' `ToUnicode` maps) and finds
//! what a commission reader needs: the signer, the jurisdiction, the fingerprint, every item and
//! the page numbers.

// In a test, a failed expectation is the failure message we want.
#![allow(clippy::expect_used)]

use clerkcheck::records::Record;
use clerkcheck::report::certification_pdf;
use clerkcheck::report::sample::sample_record;

const FINGERPRINT: &str = "0a1b2c3d4e5f6789";

/// The text of each page, in content order.
fn pages_text(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).expect("the PDF parses");
    let pages = doc.get_pages();
    pages
        .keys()
        .map(|&n| doc.extract_text(&[n]).expect("text extracts"))
        .collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn certification(record: &Record) -> (Vec<u8>, Vec<String>) {
    let pdf = certification_pdf(record, FINGERPRINT).expect("the certification renders");
    let text = pages_text(&pdf);
    (pdf, text)
}

fn assert_everything_is_there(record: &Record) {
    let (_, pages) = certification(record);
    let all = pages.join("\n");
    let squeezed = squeeze(&all);
    assert!(
        all.contains(&record.signer.name),
        "signer {:?} missing from:\n{all}",
        record.signer.name
    );
    assert!(all.contains("Town of Example"), "jurisdiction missing");
    assert!(all.contains("Example County"), "county missing");
    assert!(all.contains(FINGERPRINT), "fingerprint missing");
    assert!(all.contains("Election Office Security Self-Certification"));
    assert!(all.contains("not issued or endorsed by the Wisconsin Elections Commission"));
    for item in &record.items {
        assert!(
            squeezed.contains(&squeeze(&item.text)),
            "item text missing: {:?}",
            item.text
        );
    }
    let n = pages.len();
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Page {} of {n}", i + 1)),
            "page {} has no page number:\n{page}",
            i + 1
        );
        assert!(
            page.contains(FINGERPRINT),
            "page {} has no fingerprint",
            i + 1
        );
    }
}

#[test]
fn a_spanish_and_norwegian_name_prints_and_reads_back() {
    assert_everything_is_there(&sample_record(20, "José Núñez-Øberg"));
}

#[test]
fn a_vietnamese_name_prints_and_reads_back() {
    assert_everything_is_there(&sample_record(20, "Nguyễn Thị Hương"));
}

#[test]
fn seventy_items_take_at_least_three_pages_each_numbered() {
    let record = sample_record(70, "Nguyễn Thị Hương");
    let (pdf, pages) = certification(&record);
    let doc = lopdf::Document::load_mem(&pdf).expect("parses");
    assert_eq!(doc.get_pages().len(), pages.len());
    assert!(pages.len() >= 3, "only {} pages", pages.len());
    assert_everything_is_there(&record);
}

#[test]
fn the_same_record_gives_the_same_bytes() {
    let record = sample_record(30, "José Núñez-Øberg");
    let a = certification_pdf(&record, FINGERPRINT).expect("renders");
    let b = certification_pdf(&record, FINGERPRINT).expect("renders");
    assert!(a == b, "two renderings of one record differ");
    let mut other = record;
    other.sequence += 1;
    assert!(certification_pdf(&other, FINGERPRINT).expect("renders") != a);
}

#[test]
fn metadata_names_the_title_signer_and_signing_date() {
    let record = sample_record(5, "José Núñez-Øberg");
    let pdf = certification_pdf(&record, FINGERPRINT).expect("renders");
    let doc = lopdf::Document::load_mem(&pdf).expect("parses");
    let info_ref = doc
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .expect("Info");
    let info = doc.get_dictionary(info_ref).expect("Info dictionary");
    let text = |key: &[u8]| {
        let bytes = info
            .get(key)
            .and_then(lopdf::Object::as_str)
            .expect("string")
            .to_vec();
        lopdf::decode_text_string(&lopdf::Object::String(bytes, lopdf::StringFormat::Literal))
            .expect("text string")
    };
    assert_eq!(text(b"Author"), "José Núñez-Øberg");
    assert!(text(b"Title").starts_with("Election Office Security Self-Certification"));
    assert!(text(b"Subject").contains(FINGERPRINT));
    // Signed 2026-11-24T15:04:05Z.
    assert_eq!(text(b"CreationDate"), "D:20261124150405+00'00'");
}

#[test]
fn the_fonts_are_embedded_and_subset() {
    let pdf =
        certification_pdf(&sample_record(5, "Nguyễn Thị Hương"), FINGERPRINT).expect("renders");
    let doc = lopdf::Document::load_mem(&pdf).expect("parses");
    let mut base_fonts = Vec::new();
    for object in doc.objects.values() {
        if let Ok(dict) = object.as_dict()
            && dict.get(b"Type").and_then(lopdf::Object::as_name).ok()
                == Some(b"FontDescriptor".as_slice())
        {
            assert!(dict.has(b"FontFile2"), "font program not embedded");
            let name = dict
                .get(b"FontName")
                .and_then(lopdf::Object::as_name)
                .expect("name");
            base_fonts.push(String::from_utf8_lossy(name).into_owned());
        }
    }
    base_fonts.sort();
    assert_eq!(base_fonts, ["CCKBLD+DejaVuSans-Bold", "CCKREG+DejaVuSans"]);
    // Subset: far smaller than the two fonts (1.4 MB) it embeds.
    assert!(pdf.len() < 200_000, "{} bytes", pdf.len());
}
