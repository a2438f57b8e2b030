//! The record file attached to its certification, byte for byte, and read back.
//!
//! It is written as a PDF embedded file (`/Type /EmbeddedFile`, MIME type `text/plain`) in a
//! file specification named `clerkcheck-record-000012.ron`, listed in the document's
//! `/Names /EmbeddedFiles` tree (what `pdfdetach -list` and the attachments pane of PDF readers
//! show) and as the document's associated file (`/AF`, relationship `/Source`: the data the
//! document was made from).
//!
//! Reading never trusts the PDF: the name tree is walked to a bounded depth, only `FlateDecode`
//! or unfiltered streams are read, and inflating stops at a cap.

use std::io::Read as _;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

/// The file name of a record attached to its certification, e.g.
/// `clerkcheck-record-000012.ron`.
#[must_use]
pub fn file_name(sequence: u64) -> String {
    format!("clerkcheck-record-{sequence:06}.ron")
}

/// A file to attach.
#[derive(Debug, Clone)]
pub struct Attachment<'a> {
    /// Its name, e.g. `clerkcheck-record-000012.ron`.
    pub file_name: String,
    /// Its bytes.
    pub bytes: &'a [u8],
    /// A description readers show beside it.
    pub description: String,
    /// Its modification time as a PDF date, e.g. `D:20261124150405+00'00'`.
    pub modified: String,
}

/// Attaches `attachment` to `doc` (see the module documentation).
pub fn attach(doc: &mut Document, attachment: &Attachment<'_>) -> Result<(), lopdf::Error> {
    let size = i64::try_from(attachment.bytes.len()).unwrap_or(i64::MAX);
    let params = Dictionary::from_iter(vec![
        ("Size", Object::Integer(size)),
        ("ModDate", literal(&attachment.modified)),
    ]);
    let embedded = Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"EmbeddedFile".to_vec())),
            ("Subtype", Object::Name(b"text/plain".to_vec())),
            ("Params", Object::Dictionary(params)),
        ]),
        attachment.bytes.to_vec(),
    );
    let embedded_id = doc.add_object(embedded);
    let spec = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Filespec".to_vec())),
        ("F", literal(&attachment.file_name)),
        (
            "UF",
            Object::string_literal(attachment.file_name.as_bytes()),
        ),
        ("Desc", text_string(&attachment.description)),
        ("AFRelationship", Object::Name(b"Source".to_vec())),
        (
            "EF",
            Object::Dictionary(Dictionary::from_iter(vec![
                ("F", Object::Reference(embedded_id)),
                ("UF", Object::Reference(embedded_id)),
            ])),
        ),
    ]);
    let spec_id = doc.add_object(spec);
    let names = Dictionary::from_iter(vec![(
        "EmbeddedFiles",
        Object::Dictionary(Dictionary::from_iter(vec![(
            "Names",
            Object::Array(vec![
                literal(&attachment.file_name),
                Object::Reference(spec_id),
            ]),
        )])),
    )]);
    let catalog = doc.catalog_mut()?;
    catalog.set("Names", Object::Dictionary(names));
    catalog.set("AF", Object::Array(vec![Object::Reference(spec_id)]));
    // Associated files and UTF-8 file names are PDF 1.7 (and PDF/A-3) features.
    "1.7".clone_into(&mut doc.version);
    Ok(())
}

fn literal(text: &str) -> Object {
    Object::String(text.as_bytes().to_vec(), StringFormat::Literal)
}

/// A PDF text string: ASCII as is, anything else as UTF-16BE with its byte-order mark.
fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        return literal(text);
    }
    let mut bytes = vec![0xfe, 0xff];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// A file attached to a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attached {
    /// The name it is attached under.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Why an attached file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttachedError {
    /// It is larger than the cap once inflated.
    #[error("the attached file {name} is larger than {cap} bytes")]
    TooLarge {
        /// Its name.
        name: String,
        /// The cap.
        cap: u64,
    },
    /// Its stream cannot be read.
    #[error("the attached file {name} cannot be read: {reason}")]
    Unreadable {
        /// Its name.
        name: String,
        /// Why.
        reason: String,
    },
}

/// How deep a name tree is followed (real ones are one or two levels).
const MAX_TREE_DEPTH: usize = 8;
/// How many attachments are looked at.
const MAX_ATTACHMENTS: usize = 64;

/// Every file attached to `doc` (through `/Names /EmbeddedFiles` or `/AF`), each once, in the
/// order found, with its bytes inflated up to `cap` bytes.
#[must_use]
pub fn attached_files(doc: &Document, cap: u64) -> Vec<Result<Attached, AttachedError>> {
    let mut specs: Vec<(String, ObjectId)> = Vec::new();
    if let Ok(catalog) = doc.catalog() {
        if let Ok(tree) = catalog
            .get(b"Names")
            .and_then(|n| resolve_dict(doc, n))
            .and_then(|n| n.get(b"EmbeddedFiles"))
            .and_then(|t| resolve_dict(doc, t))
        {
            walk_name_tree(doc, tree, 0, &mut specs);
        }
        if let Ok(Object::Array(af)) = catalog.get(b"AF").and_then(|a| resolve(doc, a)) {
            for entry in af.iter().take(MAX_ATTACHMENTS) {
                if let Ok(id) = entry.as_reference() {
                    specs.push((String::new(), id));
                }
            }
        }
    }
    let mut seen = Vec::new();
    let mut files = Vec::new();
    for (tree_name, spec_id) in specs {
        if seen.contains(&spec_id) || seen.len() >= MAX_ATTACHMENTS {
            continue;
        }
        seen.push(spec_id);
        let Ok(spec) = doc.get_dictionary(spec_id) else {
            continue;
        };
        let name = spec_name(spec).unwrap_or(tree_name);
        files.push(read_spec(doc, spec, name, cap));
    }
    files
}

fn resolve<'a>(doc: &'a Document, object: &'a Object) -> Result<&'a Object, lopdf::Error> {
    match object {
        Object::Reference(id) => doc.get_object(*id),
        other => Ok(other),
    }
}

fn resolve_dict<'a>(doc: &'a Document, object: &'a Object) -> Result<&'a Dictionary, lopdf::Error> {
    resolve(doc, object)?.as_dict()
}

fn walk_name_tree(
    doc: &Document,
    node: &Dictionary,
    depth: usize,
    out: &mut Vec<(String, ObjectId)>,
) {
    if depth > MAX_TREE_DEPTH || out.len() >= MAX_ATTACHMENTS {
        return;
    }
    if let Ok(Object::Array(names)) = node.get(b"Names").and_then(|n| resolve(doc, n)) {
        for pair in names.chunks(2).take(MAX_ATTACHMENTS) {
            if let [key, Object::Reference(id)] = pair {
                let name = key.as_str().map(decode_text).unwrap_or_default();
                out.push((name, *id));
            }
        }
    }
    if let Ok(Object::Array(kids)) = node.get(b"Kids").and_then(|k| resolve(doc, k)) {
        for kid in kids.iter().take(MAX_ATTACHMENTS) {
            if let Ok(kid) = resolve_dict(doc, kid) {
                walk_name_tree(doc, kid, depth + 1, out);
            }
        }
    }
}

/// A PDF text string's bytes as text (UTF-16BE with a byte-order mark, or `PDFDocEncoding` read
/// as Latin-1, which agrees with it on every character a file name uses).
fn decode_text(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = utf16
            .chunks_exact(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    std::str::from_utf8(bytes).map_or_else(
        |_| bytes.iter().map(|&b| char::from(b)).collect(),
        ToOwned::to_owned,
    )
}

fn spec_name(spec: &Dictionary) -> Option<String> {
    [b"UF".as_slice(), b"F".as_slice()]
        .iter()
        .find_map(|key| spec.get(key).ok()?.as_str().ok().map(decode_text))
}

fn read_spec(
    doc: &Document,
    spec: &Dictionary,
    name: String,
    cap: u64,
) -> Result<Attached, AttachedError> {
    let unreadable = |reason: &str| AttachedError::Unreadable {
        name: name.clone(),
        reason: reason.to_owned(),
    };
    let ef = spec
        .get(b"EF")
        .and_then(|ef| resolve_dict(doc, ef))
        .map_err(|_| unreadable("its file specification has no embedded file"))?;
    let stream = ef
        .get(b"F")
        .or_else(|_| ef.get(b"UF"))
        .and_then(|f| resolve(doc, f))
        .and_then(Object::as_stream)
        .map_err(|_| unreadable("its embedded file is not a stream"))?;
    let bytes = inflate(stream, cap).map_err(|reason| match reason {
        Inflate::TooLarge => AttachedError::TooLarge {
            name: name.clone(),
            cap,
        },
        Inflate::Other(reason) => unreadable(&reason),
    })?;
    Ok(Attached { name, bytes })
}

enum Inflate {
    TooLarge,
    Other(String),
}

/// The stream's content, unfiltered or inflated, at most `cap` bytes.
fn inflate(stream: &Stream, cap: u64) -> Result<Vec<u8>, Inflate> {
    let filters: Vec<Vec<u8>> = match stream.dict.get(b"Filter") {
        Err(_) => Vec::new(),
        Ok(Object::Name(name)) => vec![name.clone()],
        Ok(Object::Array(names)) => names
            .iter()
            .filter_map(|n| n.as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        Ok(_) => {
            return Err(Inflate::Other(
                "its compression is not one PDF knows".into(),
            ));
        }
    };
    let mut bytes = stream.content.clone();
    for filter in filters {
        if filter != b"FlateDecode" {
            return Err(Inflate::Other(format!(
                "it is compressed with {}, which clerkcheck does not read",
                String::from_utf8_lossy(&filter)
            )));
        }
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(bytes.as_slice())
            .take(cap.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(|_| Inflate::Other("its compressed data is damaged".into()))?;
        bytes = out;
    }
    if bytes.len() as u64 > cap {
        return Err(Inflate::TooLarge);
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document_with(attachment: &Attachment<'_>) -> Document {
        let mut doc = Document::with_version("1.3");
        let pages = doc.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Pages".to_vec())),
            ("Kids", Object::Array(Vec::new())),
            ("Count", Object::Integer(0)),
        ]));
        let catalog = doc.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Pages", Object::Reference(pages)),
        ]));
        doc.trailer.set("Root", Object::Reference(catalog));
        attach(&mut doc, attachment).expect("attaches");
        doc
    }

    fn sample(bytes: &[u8]) -> Attachment<'_> {
        Attachment {
            file_name: file_name(12),
            bytes,
            description: "Record No. 12 — Town of Example".to_owned(),
            modified: "D:20261124150405+00'00'".to_owned(),
        }
    }

    #[test]
    fn an_attached_file_reads_back_byte_for_byte_through_compression() {
        let bytes: Vec<u8> = (0..5_000u32).map(|i| (i % 251) as u8).collect();
        let mut doc = document_with(&sample(&bytes));
        doc.compress();
        let mut pdf = Vec::new();
        doc.save_to(&mut pdf).expect("saves");
        let back = Document::load_mem(&pdf).expect("loads");
        let files = attached_files(&back, 1_000_000);
        assert_eq!(files.len(), 1, "listed in the name tree and /AF, read once");
        let file = files[0].as_ref().expect("readable");
        assert_eq!(file.name, "clerkcheck-record-000012.ron");
        assert_eq!(file.bytes, bytes);
    }

    #[test]
    fn an_attachment_over_the_cap_is_refused_without_inflating_it_all() {
        let bytes = vec![b'a'; 100_000];
        let mut doc = document_with(&sample(&bytes));
        doc.compress();
        let files = attached_files(&doc, 1_000);
        assert!(matches!(
            files[0],
            Err(AttachedError::TooLarge { cap: 1_000, .. })
        ));
    }

    #[test]
    fn file_names_are_zero_padded_like_the_records() {
        assert_eq!(file_name(7), "clerkcheck-record-000007.ron");
        assert_eq!(decode_text(&[0xfe, 0xff, 0, b'a', 0x5b, 0x8b]), "a宋");
    }
}
