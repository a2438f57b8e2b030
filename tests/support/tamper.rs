//! Making certifications the way a forger would: changing the record inside, the printed text,
//! or swapping the attachment. Shared by the certification and roll-up tests.

use std::path::Path;

use clerkcheck::records::{Certifiable, RecordStore, Which, certifiable};
use clerkcheck::report::certification_pdf;
use lopdf::content::{Content, Operation};
use lopdf::{Document, Object};

/// Signs the sample self-check for `jurisdiction`, saves it in `data/records` and returns it,
/// ready to certify.
pub fn sign(data: &Path, signer: &str, jurisdiction: &str) -> Certifiable {
    let mut self_check = clerkcheck::testing::sample_self_check(signer);
    jurisdiction.clone_into(&mut self_check.signer.jurisdiction);
    let record = self_check.build_record(None).expect("the sample signs");
    let store = RecordStore::new(data.join("records"));
    let stored = store.save(record).expect("saves");
    certifiable(&store, &Which::Number(stored.record.sequence)).expect("intact")
}

/// The certification PDF of `certified`, written to `path`.
pub fn write_certification(certified: &Certifiable, path: &Path) {
    let pdf = certification_pdf(certified).expect("renders");
    std::fs::write(path, pdf).expect("writes");
}

/// The embedded file stream of the PDF (the record).
fn embedded_stream(doc: &mut Document) -> &mut lopdf::Stream {
    let id = doc
        .objects
        .iter()
        .find(|(_, o)| {
            o.as_stream().is_ok_and(|s| {
                s.dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"EmbeddedFile")
            })
        })
        .map(|(id, _)| *id)
        .expect("an embedded file");
    doc.get_object_mut(id)
        .and_then(Object::as_stream_mut)
        .expect("a stream")
}

fn save(mut doc: Document, path: &Path) {
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("saves");
    std::fs::write(path, out).expect("writes");
}

/// Changes one byte of the record inside the PDF (a letter of the signer's name).
pub fn flip_record_byte(path: &Path) {
    let mut doc = Document::load(path).expect("loads");
    let stream = embedded_stream(&mut doc);
    let mut bytes = stream.decompressed_content().expect("inflates");
    let at = bytes
        .windows(6)
        .position(|w| w == b"name: ")
        .expect("a name field")
        + 7;
    bytes[at] ^= 0x01;
    stream.dict.remove(b"Filter");
    stream.set_plain_content(bytes);
    save(doc, path);
}

/// Replaces the record inside the PDF with `record_file`'s bytes.
pub fn swap_record(path: &Path, record_file: &[u8]) {
    let mut doc = Document::load(path).expect("loads");
    let stream = embedded_stream(&mut doc);
    stream.dict.remove(b"Filter");
    stream.set_plain_content(record_file.to_vec());
    save(doc, path);
}

/// Removes the attachment altogether.
pub fn remove_record(path: &Path) {
    let mut doc = Document::load(path).expect("loads");
    let catalog = doc.catalog_mut().expect("a catalog");
    catalog.remove(b"Names");
    catalog.remove(b"AF");
    save(doc, path);
}

/// Edits the printed text of every page: wherever `from` is printed, `to` is printed instead
/// (through each font's own encoding, as a PDF editor would).
pub fn edit_printed_text(path: &Path, from: &str, to: &str) -> usize {
    let mut doc = Document::load(path).expect("loads");
    let mut edits = 0;
    for (_, page_id) in doc.get_pages() {
        let encodings: Vec<(Vec<u8>, lopdf::Encoding<'_>)> = doc
            .get_page_fonts(page_id)
            .expect("fonts")
            .into_iter()
            .filter_map(|(name, font)| Some((name, font.get_font_encoding(&doc).ok()?)))
            .collect();
        let content = doc.get_page_content(page_id);
        let mut content = Content::decode(&content).expect("decodes");
        let mut font: Option<Vec<u8>> = None;
        for op in &mut content.operations {
            if op.operator == "Tf" {
                font = op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .map(<[u8]>::to_vec);
            }
            if op.operator != "Tj" {
                continue;
            }
            let Some((_, encoding)) = encodings.iter().find(|(n, _)| Some(n) == font.as_ref())
            else {
                continue;
            };
            let Some(Object::String(bytes, format)) = op.operands.first() else {
                continue;
            };
            let Ok(text) = encoding.bytes_to_string(bytes) else {
                continue;
            };
            if text.contains(from) {
                let edited = encoding.string_to_bytes(&text.replace(from, to));
                *op = Operation::new("Tj", vec![Object::String(edited, *format)]);
                edits += 1;
            }
        }
        let bytes = content.encode().expect("encodes");
        drop(encodings);
        doc.change_page_content(page_id, bytes).expect("changes");
    }
    save(doc, path);
    edits
}
