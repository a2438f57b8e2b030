//! Page 1: who, when, which computer, which record (with its QR code and the record it follows),
//! the counts by status, what needs attention, the statement as signed and the lines to sign.

use std::fmt::Write as _;

use super::{
    NOT_ENDORSED, Subject, TITLE, checklist_title, follows_line, jurisdiction_line,
    local_time_line, status_text,
};
use crate::records::{ItemStatus, Record, RecordItem};
use crate::report::fonts::Face;
use crate::report::layout::Layout;
use crate::report::page::{
    Column, Element, LEFT, RIGHT, Row, Styled, TableContext, WIDTH, leading,
};
use crate::report::qr;

/// The QR code's side, quiet zone included: 1.2 in.
const QR_SIZE: f32 = 86.0;
/// The width of the labels of the details.
const LABEL_WIDTH: f32 = 88.0;

/// The columns of the "Needs attention" table: status, item, details.
const ATTENTION: [Column; 3] = [
    Column { x: 0.0, w: 66.0 },
    Column { x: 66.0, w: 236.0 },
    Column {
        x: 302.0,
        w: WIDTH - 302.0,
    },
];

/// Lays out page 1.
pub(super) fn page_one(layout: &mut Layout<'_>, subject: &Subject<'_>) {
    let record = subject.record;
    heading(layout, TITLE, 16.0);
    layout.paragraph(
        &Styled {
            size: 8.5,
            gray: 0.3,
            ..Styled::body(NOT_ENDORSED)
        },
        LEFT,
        WIDTH,
    );
    layout.skip(5.0);
    layout.rule(0.75, 0.4);
    layout.skip(7.0);
    let top = layout.y();
    // The QR code first, so it is on page 1 whatever follows.
    qr_code(layout, subject, top);
    let page = layout.page_count();
    details(layout, subject);
    if layout.page_count() == page {
        let below_details = layout.y();
        layout.set_y(below_details.min(top - QR_SIZE - 12.0));
    }
    layout.skip(6.0);
    summary(layout, record);
    layout.skip(8.0);
    let attention = attention_items(record);
    let attention_h = attention_height(layout, record, &attention);
    if attention_h + statement_height(layout, record) <= layout.remaining() {
        needs_attention(layout, record, &attention);
        statement(layout, record);
    } else {
        // Too much needs attention to keep the statement on page 1 below it: the statement
        // and signature come first, the list starts right after them.
        statement(layout, record);
        layout.skip(14.0);
        needs_attention(layout, record, &attention);
    }
}

fn heading(layout: &mut Layout<'_>, text: &str, size: f32) {
    let s = Styled {
        size,
        ..Styled::bold(text)
    };
    layout.paragraph(&s, LEFT, WIDTH);
    layout.skip(2.0);
}

fn details(layout: &mut Layout<'_>, subject: &Subject<'_>) {
    let record = subject.record;
    let signer = &record.signer;
    let who = if signer.title.trim().is_empty() {
        signer.name.clone()
    } else {
        format!("{}, {}", signer.name, signer.title)
    };
    let mut checklists = String::new();
    for (i, cl) in record.checklists.iter().enumerate() {
        if i > 0 {
            checklists.push('\n');
        }
        let _ = write!(checklists, "{}, version {}", cl.title, cl.version);
        if cl.office {
            checklists.push_str(" (this office’s own)");
        }
    }
    let mut rows: Vec<(&str, String)> = vec![
        ("Jurisdiction", jurisdiction_line(record)),
        ("Signed by", who),
        ("Signed on", local_time_line(record)),
        ("This computer", record.computer.line()),
        (
            "Record",
            format!(
                "No. {}, fingerprint {}",
                record.sequence, subject.fingerprint
            ),
        ),
        ("Previous record", follows_line(subject)),
        ("Made with", format!("clerkcheck {}", record.app_version)),
        ("Checklists", checklists),
    ];
    if let Some(election) = &record.election {
        rows.insert(3, ("Before election", election.line()));
    }
    let value_width = WIDTH - LABEL_WIDTH - QR_SIZE - 10.0;
    for (label, value) in rows {
        let value = Styled {
            size: 9.0,
            ..Styled::body(value)
        };
        let h = layout.paragraph_height(&value, value_width);
        layout.ensure(h.max(leading(9.0)));
        let top = layout.y();
        layout.text_line(
            &Styled {
                size: 9.0,
                ..Styled::bold(label)
            },
            LEFT,
            LABEL_WIDTH - 6.0,
        );
        layout.set_y(top);
        layout.paragraph(&value, LEFT + LABEL_WIDTH, value_width);
        layout.skip(2.0);
    }
}

/// The QR code at the top right, `QR_SIZE` square, its top at `top`.
fn qr_code(layout: &mut Layout<'_>, subject: &Subject<'_>, top: f32) {
    let record = subject.record;
    let text = qr::payload(
        record.sequence,
        subject.fingerprint,
        &jurisdiction_line(record),
    );
    let Some(modules) = qr::modules(&text) else {
        return;
    };
    // Four modules of quiet zone on each side.
    #[expect(
        clippy::cast_precision_loss,
        reason = "a QR code is at most 177 modules wide"
    )]
    let module = QR_SIZE / (modules.width + 8) as f32;
    let left = RIGHT - QR_SIZE + 4.0 * module;
    let first_row = top - 4.0 * module;
    for (column, row, length) in modules.runs {
        #[expect(
            clippy::cast_precision_loss,
            reason = "a QR code is at most 177 modules wide"
        )]
        let (x, y, w) = (column as f32, row as f32, length as f32);
        layout.push(Element::Fill {
            x: left + x * module,
            y: first_row - (y + 1.0) * module,
            w: w * module,
            h: module,
            gray: 0.0,
        });
    }
    let caption = Styled {
        size: 6.0,
        gray: 0.35,
        ..Styled::body("Record No. and fingerprint")
    };
    let text = layout.fit(&caption, QR_SIZE);
    let width = layout.fonts().width(Face::Regular, 6.0, &text);
    layout.push(Element::Text {
        x: RIGHT - QR_SIZE + (QR_SIZE - width) / 2.0,
        y: top - QR_SIZE - 5.0,
        face: Face::Regular,
        size: 6.0,
        gray: 0.35,
        text,
    });
}

fn summary(layout: &mut Layout<'_>, record: &Record) {
    let counts = record.counts();
    let cells: Vec<(ItemStatus, u32)> = counts.by_status().collect();
    let box_h = 36.0;
    layout.ensure(leading(11.0) + 2.0 + box_h + 2.0 * leading(9.0));
    heading(layout, "Summary", 11.0);
    let top = layout.y();
    #[expect(clippy::cast_precision_loss, reason = "nine cells")]
    let w = WIDTH / cells.len() as f32;
    let mut x = LEFT;
    for (status, n) in cells {
        let number = Styled {
            size: 12.0,
            ..Styled::bold(format!("{} {n}", status.symbol()))
        };
        let text = layout.fit(&number, w - 8.0);
        layout.push(Element::Text {
            x: x + 4.0,
            y: top - 14.0,
            face: Face::Bold,
            size: 12.0,
            gray: if n == 0 { 0.45 } else { 0.0 },
            text,
        });
        let label = Styled {
            size: 7.0,
            ..Styled::body(status.word())
        };
        for (i, line) in layout.lines(&label, w - 8.0).iter().take(2).enumerate() {
            #[expect(clippy::cast_precision_loss, reason = "two lines")]
            let i = i as f32;
            layout.push(Element::Text {
                x: x + 4.0,
                y: top - 24.0 - i * leading(7.0),
                face: Face::Regular,
                size: 7.0,
                gray: 0.0,
                text: line.text.clone(),
            });
        }
        x += w;
    }
    grid(layout, top, box_h, w);
    layout.set_y(top - box_h);
    layout.skip(5.0);
    layout.paragraph(&Styled::body(attention_sentence(record)), LEFT, WIDTH);
}

/// The boxes around the summary's cells.
fn grid(layout: &mut Layout<'_>, top: f32, h: f32, cell: f32) {
    let rule = |x1, y1, x2, y2| Element::Rule {
        x1,
        y1,
        x2,
        y2,
        width: 0.5,
        gray: 0.5,
    };
    let mut x = LEFT;
    while x < RIGHT + 0.5 {
        layout.push(rule(x, top, x, top - h));
        x += cell;
    }
    layout.push(rule(LEFT, top, RIGHT, top));
    layout.push(rule(LEFT, top - h, RIGHT, top - h));
}

/// E.g. "71 items. 3 need attention: 1 failed, 1 not done, 1 warning." — the statuses that
/// need attention by their words, worst first.
#[must_use]
pub fn attention_sentence(record: &Record) -> String {
    let counts = record.counts();
    let total = counts.total();
    let mut parts: Vec<(ItemStatus, u32)> = counts
        .by_status()
        .filter(|(s, n)| s.needs_attention() && *n > 0)
        .collect();
    parts.sort_by_key(|(s, _)| s.severity());
    let words: Vec<String> = parts
        .iter()
        .map(|(s, n)| format!("{n} {}", s.count_word(*n)))
        .collect();
    match counts.needing_attention() {
        0 => format!("{total} items. None needs attention."),
        1 => format!("{total} items. 1 needs attention: {}.", words.join(", ")),
        n => format!("{total} items. {n} need attention: {}.", words.join(", ")),
    }
}

/// The items that need attention, worst first, in record order within a status.
pub(super) fn attention_items(record: &Record) -> Vec<&RecordItem> {
    let mut items: Vec<&RecordItem> = record
        .items
        .iter()
        .filter(|i| i.status.needs_attention())
        .collect();
    items.sort_by_key(|i| i.status.severity());
    items
}

fn attention_row(record: &Record, item: &RecordItem) -> Row {
    let place = format!(
        "{} › {}",
        checklist_title(record, &item.checklist_id),
        item.section.trim()
    );
    let mut details = Vec::new();
    let evidence = item.evidence.trim();
    if item.check.is_some() && !evidence.is_empty() {
        details.push(Styled::body(evidence));
    }
    if !item.note.trim().is_empty() {
        details.push(Styled::body(format!("Note: {}", item.note.trim())));
    }
    Row {
        cells: vec![
            vec![Styled::bold(status_text(item.status))],
            vec![Styled::body(item.text.trim()), Styled::small(place)],
            details,
        ],
        highlight: true,
    }
}

fn attention_height(layout: &Layout<'_>, record: &Record, items: &[&RecordItem]) -> f32 {
    let rows: f32 = items
        .iter()
        .map(|i| layout.row_height(&ATTENTION, &attention_row(record, i)))
        .sum();
    leading(11.0) + 2.0 + leading(8.5) * 2.0 + Layout::header_height() + rows + 16.0
}

fn needs_attention(layout: &mut Layout<'_>, record: &Record, items: &[&RecordItem]) {
    let Some(first) = items.first() else {
        return;
    };
    let first_h = layout.row_height(&ATTENTION, &attention_row(record, first));
    layout.ensure(leading(11.0) + 2.0 + leading(8.5) + Layout::header_height() + first_h);
    heading(layout, "Needs attention", 11.0);
    layout.begin_table(TableContext {
        continued: "Needs attention (continued)".to_owned(),
        header: vec![
            "Status".to_owned(),
            "Item".to_owned(),
            "Evidence or note".to_owned(),
        ],
        columns: ATTENTION.to_vec(),
    });
    for item in items {
        layout.table_row(&ATTENTION, &attention_row(record, item));
    }
    layout.end_table();
    layout.skip(12.0);
}

fn statement_text(record: &Record) -> (Styled, Styled) {
    let text = Styled {
        size: 9.0,
        ..Styled::body(record.statement.trim())
    };
    let signed = Styled::body(format!(
        "Signed in clerkcheck by {} on {}. Sign below by hand for the printed copy.",
        record.signer.name,
        local_time_line(record)
    ));
    (text, signed)
}

/// The height of the statement, the signed line and the signature block.
fn statement_height(layout: &Layout<'_>, record: &Record) -> f32 {
    let (text, signed) = statement_text(record);
    leading(11.0)
        + 2.0
        + layout.paragraph_height(&text, WIDTH - 10.0)
        + 6.0
        + layout.paragraph_height(&signed, WIDTH)
        + signature_height()
}

fn signature_height() -> f32 {
    34.0 + 3.0 + leading(7.0)
}

fn statement(layout: &mut Layout<'_>, record: &Record) {
    let (text, signed) = statement_text(record);
    layout.ensure(leading(11.0) + 4.0 * leading(9.0));
    heading(layout, "Certification", 11.0);
    let top = layout.y();
    let page = layout.page_count();
    layout.paragraph(&text, LEFT + 10.0, WIDTH - 10.0);
    if layout.page_count() == page {
        layout.push(Element::Rule {
            x1: LEFT + 2.0,
            y1: top,
            x2: LEFT + 2.0,
            y2: layout.y(),
            width: 2.0,
            gray: 0.6,
        });
    }
    layout.skip(6.0);
    layout.paragraph(&signed, LEFT, WIDTH);
    signature_block(layout, record);
}

fn signature_block(layout: &mut Layout<'_>, record: &Record) {
    layout.ensure(signature_height());
    layout.skip(34.0);
    let y = layout.y();
    let sig_right = LEFT + 320.0;
    let date_left = sig_right + 30.0;
    for (x1, x2) in [(LEFT, sig_right), (date_left, RIGHT)] {
        layout.push(Element::Rule {
            x1,
            y1: y,
            x2,
            y2: y,
            width: 0.75,
            gray: 0.0,
        });
    }
    layout.skip(3.0);
    let s = &record.signer;
    let who = if s.title.trim().is_empty() {
        format!("Signature of {}", s.name)
    } else {
        format!("Signature of {}, {}", s.name, s.title)
    };
    let caption_top = layout.y();
    layout.text_line(&Styled::small(who), LEFT, sig_right - LEFT);
    layout.set_y(caption_top);
    layout.text_line(&Styled::small("Date"), date_left, RIGHT - date_left);
}
