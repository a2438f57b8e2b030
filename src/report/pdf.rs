//! Drawing laid-out pages with printpdf, attaching the record, and saving so the same record
//! always gives the same bytes.
//!
//! printpdf draws and subsets the fonts; it cannot attach files, so its document is taken as a
//! lopdf document (the writer printpdf itself uses), the record is attached there (see
//! [`super::attach`]), and lopdf saves it.

use std::collections::BTreeSet;

use printpdf::{
    Color, Greyscale, Line, LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
};
use sha2::{Digest, Sha256};

use super::attach::{Attachment, attach};
use super::fonts::{Font, Fonts};
use super::page::{Element, PAGE_HEIGHT, PAGE_WIDTH, Page};

/// The document's metadata.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    /// Title.
    pub title: String,
    /// Author: the signer.
    pub author: String,
    /// Subject.
    pub subject: String,
    /// The program that made it.
    pub creator: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// An identifier: the record's fingerprint.
    pub identifier: String,
    /// Creation (and modification) time, seconds since 1970 UTC: the record's signing time.
    pub created_unix: i64,
}

fn gray(level: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: level.clamp(0.0, 1.0),
        icc_profile: None,
    })
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

/// The printpdf operations of one page: backgrounds, then rules, then all text.
fn page_ops(fonts: &Fonts, page: &Page) -> Vec<Op> {
    let mut ops = Vec::new();
    for e in &page.elements {
        if let Element::Fill {
            x,
            y,
            w,
            h,
            gray: g,
        } = e
        {
            ops.push(Op::SetFillColor { col: gray(*g) });
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    mode: Some(PaintMode::Fill),
                    ..Rect::from_xywh(Pt(*x), Pt(*y), Pt(*w), Pt(*h))
                },
            });
        }
    }
    for e in &page.elements {
        if let Element::Rule {
            x1,
            y1,
            x2,
            y2,
            width,
            gray: g,
        } = e
        {
            ops.push(Op::SetOutlineColor { col: gray(*g) });
            ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![point(*x1, *y1), point(*x2, *y2)],
                    is_closed: false,
                },
            });
        }
    }
    ops.push(Op::StartTextSection);
    let mut font: Option<(Font, f32)> = None;
    let mut fill: Option<f32> = None;
    for e in &page.elements {
        if let Element::Text {
            x,
            y,
            face,
            size,
            gray: g,
            text,
        } = e
        {
            if text.is_empty() {
                continue;
            }
            if fill != Some(*g) {
                ops.push(Op::SetFillColor { col: gray(*g) });
                fill = Some(*g);
            }
            for run in fonts.runs(*face, *size, text) {
                if font != Some((run.font, *size)) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(run.font.font_id()),
                        size: Pt(*size),
                    });
                    font = Some((run.font, *size));
                }
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(Pt(x + run.offset), Pt(*y)),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(run.text)],
                });
            }
        }
    }
    ops.push(Op::EndTextSection);
    ops
}

/// The fonts the pages draw text in.
fn fonts_used(fonts: &Fonts, pages: &[Page]) -> BTreeSet<Font> {
    let mut used = BTreeSet::new();
    for e in pages.iter().flat_map(|p| &p.elements) {
        if let Element::Text {
            face, size, text, ..
        } = e
        {
            used.extend(fonts.runs(*face, *size, text).into_iter().map(|r| r.font));
        }
    }
    used
}

/// Writes the pages as a PDF with the fonts they use embedded and subset, and `attachment`
/// attached.
pub fn render(
    fonts: &Fonts,
    pages: &[Page],
    meta: &Metadata,
    attachment: &Attachment<'_>,
) -> Result<Vec<u8>, String> {
    let mut doc = PdfDocument::new(&meta.title);
    for font in fonts_used(fonts, pages) {
        let Some(parsed) = fonts.loaded(font) else {
            return Err(format!("the font {font:?} is not available"));
        };
        // Fixed resource names instead of `add_font`'s random ones: see `Font::font_id`.
        doc.resources
            .fonts
            .map
            .insert(font.font_id(), printpdf::PdfFont::new(parsed.clone()));
    }
    let info = &mut doc.metadata.info;
    info.author.clone_from(&meta.author);
    info.subject.clone_from(&meta.subject);
    info.creator.clone_from(&meta.creator);
    "clerkcheck (printpdf 0.12)".clone_into(&mut info.producer);
    info.keywords.clone_from(&meta.keywords);
    info.identifier.clone_from(&meta.identifier);
    let created = printpdf::OffsetDateTime::from_unix_timestamp(meta.created_unix)
        .map_err(|e| format!("the signing time cannot be written: {e}"))?;
    info.creation_date = created;
    info.modification_date = created;
    info.metadata_date = created;
    let pdf_pages = pages
        .iter()
        .map(|p| {
            // Exactly 612 × 792 pt; going through millimetres would round to 792.001.
            let letter = Rect::from_wh(Pt(PAGE_WIDTH), Pt(PAGE_HEIGHT));
            PdfPage {
                media_box: letter.clone(),
                trim_box: letter.clone(),
                crop_box: letter,
                ops: page_ops(fonts, p),
            }
        })
        .collect();
    doc.with_pages(pdf_pages);
    let options = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    let mut lopdf_doc = doc.to_lopdf_document(&options, &mut warnings);
    let errors: Vec<String> = warnings
        .into_iter()
        .filter(|w| w.severity == PdfParseErrorSeverity::Error)
        .map(|w| w.msg)
        .collect();
    if !errors.is_empty() {
        return Err(errors.join("; "));
    }
    attach(&mut lopdf_doc, attachment).map_err(|e| e.to_string())?;
    // As printpdf saves: compressed streams, then lopdf's writer.
    lopdf_doc.compress();
    let mut bytes = Vec::new();
    lopdf_doc
        .save_to(&mut bytes)
        .map_err(|e| format!("the PDF could not be written: {e}"))?;
    Ok(fix_document_id(bytes))
}

/// printpdf writes a random document id in the trailer (`/ID[(…)(…)]`, two 32-letter strings).
/// Replaces both with the first 32 hex digits of the SHA-256 of everything before the trailer,
/// so the same content always gives the same file. The replacement has the same length, and the
/// trailer comes after the cross-reference table, so no offset changes.
#[must_use]
pub fn fix_document_id(mut bytes: Vec<u8>) -> Vec<u8> {
    let Some(trailer) = find_last(&bytes, b"trailer") else {
        return bytes;
    };
    let digest = Sha256::digest(&bytes[..trailer]);
    let id = hex::encode_upper(digest);
    let id = &id.as_bytes()[..32];
    let Some(start) = find_last(&bytes[trailer..], b"/ID").map(|i| i + trailer) else {
        return bytes;
    };
    // Expect `/ID[(XXXX…)(XXXX…)]`, possibly with spaces.
    let mut pos = start + 3;
    for _ in 0..2 {
        let Some(open) = bytes[pos..]
            .iter()
            .position(|&b| b == b'(')
            .map(|i| i + pos)
        else {
            return bytes;
        };
        let close = open + 1 + 32;
        if bytes.get(close) != Some(&b')')
            || !bytes[open + 1..close].iter().all(u8::is_ascii_alphanumeric)
        {
            return bytes;
        }
        bytes[open + 1..close].copy_from_slice(id);
        pos = close + 1;
    }
    bytes
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_id_becomes_a_hash_of_the_content_with_the_same_length() {
        let body = b"%PDF-1.3\n1 0 obj\n<<>>\nendobj\nxref\n0 1\n".to_vec();
        let trailer = b"trailer\n<</Root 1 0 R/ID[(ABCDEFGHIJABCDEFGHIJABCDEFGHIJAB)(JIHGFEDCBAJIHGFEDCBAJIHGFEDCBAJI)]>>\nstartxref\n9\n%%EOF\n";
        let mut a = body.clone();
        a.extend_from_slice(trailer);
        let fixed = fix_document_id(a.clone());
        assert_eq!(fixed.len(), a.len());
        let id = &hex::encode_upper(Sha256::digest(&body))[..32];
        let text = String::from_utf8_lossy(&fixed).into_owned();
        assert!(text.contains(&format!("/ID[({id})({id})]")), "{text}");
        // Different random ids in, the same id out.
        let mut b = body;
        b.extend_from_slice(
            &trailer
                .to_vec()
                .iter()
                .map(|&c| if c == b'J' { b'C' } else { c })
                .collect::<Vec<_>>(),
        );
        assert_eq!(fix_document_id(b), text.into_bytes());
    }

    #[test]
    fn bytes_without_a_trailer_are_left_alone() {
        let bytes = b"%PDF-1.5 no classic trailer here".to_vec();
        assert_eq!(fix_document_id(bytes.clone()), bytes);
    }
}
