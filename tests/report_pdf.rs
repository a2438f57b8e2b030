//! Reads produced certification PDFs back (lopdf, through the fonts' `ToUnicode` maps) and finds
//! what a commission reader needs: the signer, the jurisdiction, the fingerprint, every item and
//! the page numbers.

#![expect(
    clippy::expect_used,
    reason = "in a test, a failed expectation is the failure report we want"
)]

use clerkcheck::records::Certifiable;
use clerkcheck::report::certification_pdf;
use clerkcheck::testing::sample_certifiable;

/// The sample sign-off, signed by `signer` and saved in a fresh records folder.
fn sample(signer: &str) -> (tempfile::TempDir, Certifiable) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let certified = sample_certifiable(dir.path(), signer);
    (dir, certified)
}

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

fn certification(certified: &Certifiable) -> (Vec<u8>, Vec<String>) {
    let pdf = certification_pdf(certified).expect("the certification renders");
    let text = pages_text(&pdf);
    (pdf, text)
}

fn assert_everything_is_there(certified: &Certifiable) {
    let record = certified.record();
    let fingerprint = certified.fingerprint();
    let (_, pages) = certification(certified);
    let all = pages.join("\n");
    let squeezed = squeeze(&all);
    assert!(
        all.contains(&record.signer.name),
        "signer {:?} missing from:\n{all}",
        record.signer.name
    );
    assert!(all.contains("Town of Example"), "jurisdiction missing");
    assert!(all.contains("Example County"), "county missing");
    assert!(all.contains(fingerprint), "fingerprint missing");
    assert!(all.contains("Election Office Security Self-Certification"));
    assert!(squeezed.contains(&squeeze(
        "not issued or endorsed by the Wisconsin Elections Commission"
    )));
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
            page.contains(fingerprint),
            "page {} has no fingerprint",
            i + 1
        );
    }
}

#[test]
fn a_spanish_and_norwegian_name_prints_and_reads_back() {
    assert_everything_is_there(&sample("José Núñez-Øberg").1);
}

#[test]
fn a_vietnamese_name_prints_and_reads_back() {
    assert_everything_is_there(&sample("Nguyễn Thị Hương").1);
}

#[test]
fn every_page_is_numbered_and_the_page_count_matches() {
    let (_dir, certified) = sample("Nguyễn Thị Hương");
    let (pdf, pages) = certification(&certified);
    let doc = lopdf::Document::load_mem(&pdf).expect("parses");
    assert_eq!(doc.get_pages().len(), pages.len());
    assert!(pages.len() >= 2, "only {} pages", pages.len());
}

#[test]
fn the_same_record_gives_the_same_bytes() {
    let (dir, certified) = sample("José Núñez-Øberg");
    let a = certification_pdf(&certified).expect("renders");
    let b = certification_pdf(&certified).expect("renders");
    assert!(a == b, "two renderings of one record differ");
    let other = sample_certifiable(dir.path(), "José Núñez-Øberg");
    assert_eq!(other.record().sequence, 2);
    assert!(certification_pdf(&other).expect("renders") != a);
}

#[test]
fn metadata_names_the_title_signer_and_signing_date() {
    let (_dir, certified) = sample("José Núñez-Øberg");
    let pdf = certification_pdf(&certified).expect("renders");
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
    assert!(text(b"Subject").contains(certified.fingerprint()));
    // Signed at 9:04:05 AM UTC−6, i.e. 2026-11-24T15:04:05Z.
    assert_eq!(text(b"CreationDate"), "D:20261124150405+00'00'");
}

#[test]
fn the_fonts_are_embedded_and_subset() {
    let (_dir, certified) = sample("Nguyễn Thị Hương");
    let pdf = certification_pdf(&certified).expect("renders");
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

/// The names of the embedded fonts (`CCKREG+DejaVuSans`, …), sorted.
fn embedded_fonts(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).expect("parses");
    let mut names: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| {
            d.get(b"Type").and_then(lopdf::Object::as_name).ok()
                == Some(b"FontDescriptor".as_slice())
        })
        .map(|d| {
            assert!(
                d.has(b"FontFile2"),
                "font program not embedded: {:?}",
                d.get(b"FontName")
            );
            let name = d
                .get(b"FontName")
                .and_then(lopdf::Object::as_name)
                .expect("name");
            String::from_utf8_lossy(name).into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn chinese_japanese_korean_and_emoji_names_print_and_read_back() {
    for name in ["王秀英", "佐藤 花子", "김민준", "Ana 👍 Silva"] {
        let (_dir, certified) = sample(name);
        let (pdf, pages) = certification(&certified);
        let all = pages.join("\n");
        assert!(all.contains(name), "{name:?} missing from:\n{all}");
        assert!(
            !all.contains('\u{fffd}'),
            "{name:?} printed a replacement character"
        );
        assert!(pdf.len() < 250_000, "{name}: {} bytes", pdf.len());
    }
    let (_dir, certified) = sample("王秀英 김민준 👍");
    let pdf = certification_pdf(&certified).expect("renders");
    assert_eq!(
        embedded_fonts(&pdf),
        [
            "CCKBLD+DejaVuSans-Bold",
            "CCKCJK+DroidSansFallback",
            "CCKEMO+Symbola",
            "CCKREG+DejaVuSans"
        ]
    );
    assert_eq!(
        pdf,
        certification_pdf(&certified).expect("renders"),
        "deterministic"
    );
}

#[test]
fn the_record_file_is_attached_byte_for_byte() {
    let (_dir, certified) = sample("José Núñez-Øberg");
    let pdf = certification_pdf(&certified).expect("renders");
    let doc = lopdf::Document::load_mem(&pdf).expect("parses");
    let files = clerkcheck::report::attach::attached_files(&doc, 16 * 1024 * 1024);
    assert_eq!(files.len(), 1);
    let file = files[0].as_ref().expect("readable");
    assert_eq!(file.name, "clerkcheck-record-000001.ron");
    assert!(
        file.bytes == certified.bytes(),
        "not the record file byte for byte"
    );
    let catalog = doc.catalog().expect("catalog");
    assert!(catalog.has(b"AF"), "an associated file");
    let spec = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .find(|s| {
            s.dict.get(b"Type").and_then(lopdf::Object::as_name).ok() == Some(b"EmbeddedFile")
        })
        .expect("an embedded file stream");
    assert_eq!(
        spec.dict
            .get(b"Subtype")
            .and_then(lopdf::Object::as_name)
            .ok(),
        Some(b"text/plain".as_slice())
    );
}

#[test]
fn the_sample_certification_fits_in_four_pages() {
    let (_dir, certified) = sample("Nguyễn Thị Hương");
    let (_, pages) = certification(&certified);
    assert!(pages.len() <= 4, "{} pages", pages.len());
    assert!(pages[0].contains("First record of this office"));
}
