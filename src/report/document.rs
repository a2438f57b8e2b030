//! What the certification says, page by page: the cover page to sign, the items that need
//! attention, then every item by checklist and section, and a footer on every page.

use std::fmt::Write as _;

use super::fonts::{Face, Fonts};
use super::layout::{
    BOTTOM, Column, Element, LEFT, Layout, Page, RIGHT, Row, Styled, TableContext, WIDTH, fit_text,
    leading,
};
use crate::checks::Verdict;
use crate::records::{ItemStatus, Record, RecordItem};

/// The document title, also the PDF's title.
pub const TITLE: &str = "Election Office Security Self-Certification";

/// The line saying what this is and what it is not.
pub const NOT_ENDORSED: &str = "A self-assessment made with clerkcheck, a tool built on public \
    guidance. It is not issued or endorsed by the Wisconsin Elections Commission.";

/// The item table's columns: status, item, details.
const COLUMNS: [Column; 3] = [
    Column { x: 0.0, w: 70.0 },
    Column { x: 70.0, w: 236.0 },
    Column {
        x: 306.0,
        w: WIDTH - 306.0,
    },
];

/// How an item's status is printed: a symbol and a word, and whether it needs attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusLabel {
    /// The symbol, e.g. "✓".
    pub symbol: &'static str,
    /// The word, e.g. "PASS".
    pub word: &'static str,
    /// Listed under "Needs attention"; lower sorts first.
    pub attention: Option<u8>,
}

impl StatusLabel {
    /// Symbol and word together, e.g. "✓ PASS".
    #[must_use]
    pub fn text(self) -> String {
        format!("{} {}", self.symbol, self.word)
    }
}

/// The printed status of an item.
#[must_use]
pub fn status_label(status: &ItemStatus) -> StatusLabel {
    let (symbol, word, attention) = match status {
        ItemStatus::Checked(Verdict::Fail) => ("✗", "FAIL", Some(0)),
        ItemStatus::NotDone => ("✗", "NOT DONE", Some(1)),
        ItemStatus::Checked(Verdict::Unknown) => ("?", "UNKNOWN", Some(2)),
        ItemStatus::Checked(Verdict::Warn) => ("!", "WARNING", Some(3)),
        ItemStatus::Checked(Verdict::Pass) => ("✓", "PASS", None),
        ItemStatus::Done => ("✓", "DONE", None),
        ItemStatus::AttestedByHand => ("✓", "CHECKED BY HAND", None),
        ItemStatus::NotAnswered => ("?", "NOT ANSWERED", Some(4)),
        ItemStatus::NotApplicable => ("–", "N/A", None),
    };
    StatusLabel {
        symbol,
        word,
        attention,
    }
}

/// The jurisdiction as printed, e.g. "Town of Example, Example County".
#[must_use]
pub fn jurisdiction_line(record: &Record) -> String {
    let line = record.signer.jurisdiction_line();
    if line.is_empty() {
        "(jurisdiction not given)".to_owned()
    } else {
        line
    }
}

/// The signing time in the signer's local time, e.g.
/// "Tuesday, November 24, 2026, 9:04 AM (UTC−06:00)".
#[must_use]
pub fn local_time_line(record: &Record) -> String {
    record.signed_at().long_words()
}

/// Lays out the whole certification, footers included.
#[must_use]
pub fn lay_out(fonts: &Fonts, record: &Record, fingerprint: &str) -> Vec<Page> {
    let mut layout = Layout::new(fonts);
    cover_page(&mut layout, record, fingerprint);
    layout.new_page();
    needs_attention(&mut layout, record);
    all_items(&mut layout, record);
    let mut pages = layout.finish();
    add_footers(fonts, &mut pages, record, fingerprint);
    pages
}

fn heading(layout: &mut Layout<'_>, text: &str, size: f32) {
    let s = Styled {
        size,
        ..Styled::bold(text)
    };
    layout.paragraph(&s, LEFT, WIDTH);
    layout.skip(2.0);
}

fn cover_page(layout: &mut Layout<'_>, record: &Record, fingerprint: &str) {
    heading(layout, TITLE, 18.0);
    layout.paragraph(
        &Styled {
            size: 9.0,
            gray: 0.3,
            ..Styled::body(NOT_ENDORSED)
        },
        LEFT,
        WIDTH,
    );
    layout.skip(6.0);
    layout.rule(0.75, 0.4);
    layout.skip(8.0);
    details(layout, record, fingerprint);
    layout.skip(10.0);
    summary(layout, record);
    layout.skip(12.0);
    statement(layout, record);
    signature_block(layout, record);
}

fn details(layout: &mut Layout<'_>, record: &Record, fingerprint: &str) {
    let signer = &record.signer;
    let who = if signer.title.trim().is_empty() {
        signer.name.clone()
    } else {
        format!("{}, {}", signer.name, signer.title)
    };
    let c = &record.computer;
    let computer = format!("{} — {} {}", c.host_name, c.os_name, c.os_version);
    let mut checklists = String::new();
    for (i, cl) in record.checklists.iter().enumerate() {
        if i > 0 {
            checklists.push('\n');
        }
        let _ = write!(
            checklists,
            "{} ({}, version {})",
            cl.title, cl.id, cl.version
        );
        if cl.office {
            checklists.push_str(" — this office’s own checklist");
        }
    }
    let rows: [(&str, String); 7] = [
        ("Jurisdiction", jurisdiction_line(record)),
        ("Signed by", who),
        ("Signed on", local_time_line(record)),
        ("This computer", computer),
        ("Program", format!("clerkcheck {}", record.app_version)),
        (
            "Record",
            format!("No. {}, fingerprint {fingerprint}", record.sequence),
        ),
        ("Checklists", checklists),
    ];
    let label_w = 110.0;
    for (label, value) in rows {
        let value = Styled {
            size: 10.0,
            ..Styled::body(value)
        };
        let h = layout.paragraph_height(&value, WIDTH - label_w);
        layout.ensure(h.max(leading(10.0)));
        let top = layout.y();
        layout.text_line(
            &Styled {
                size: 10.0,
                ..Styled::bold(label)
            },
            LEFT,
            label_w - 6.0,
        );
        // Back up to the row's top for the value column.
        layout.set_y(top);
        layout.paragraph(&value, LEFT + label_w, WIDTH - label_w);
        layout.skip(3.0);
    }
}

fn summary(layout: &mut Layout<'_>, record: &Record) {
    let c = record.counts();
    let cells: Vec<(char, &str, u32)> = c
        .by_status()
        .map(|(status, n)| (status.symbol(), status.word(), n))
        .collect();
    let box_h = 40.0;
    layout.ensure(leading(12.0) + 2.0 + box_h + 2.0 * leading(9.0));
    heading(layout, "Summary", 12.0);
    let top = layout.y();
    // Seven cells of equal width; the count is small and exact as f32.
    #[expect(clippy::cast_precision_loss, reason = "nine cells")]
    let w = WIDTH / cells.len() as f32;
    let mut x = LEFT;
    for (symbol, label, n) in cells {
        layout.push(Element::Rule {
            x1: x,
            y1: top,
            x2: x,
            y2: top - box_h,
            width: 0.5,
            gray: 0.5,
        });
        let number = Styled {
            size: 14.0,
            ..Styled::bold(format!("{symbol} {n}"))
        };
        let label = Styled {
            size: 8.0,
            ..Styled::body(label)
        };
        let text = layout.fit(&number, w - 8.0);
        layout.push(Element::Text {
            x: x + 5.0,
            y: top - 18.0,
            face: Face::Bold,
            size: 14.0,
            gray: 0.0,
            text,
        });
        let text = layout.fit(&label, w - 8.0);
        layout.push(Element::Text {
            x: x + 5.0,
            y: top - 32.0,
            face: Face::Regular,
            size: 8.0,
            gray: 0.0,
            text,
        });
        x += w;
    }
    for y in [top, top - box_h] {
        layout.push(Element::Rule {
            x1: LEFT,
            y1: y,
            x2: RIGHT,
            y2: y,
            width: 0.5,
            gray: 0.5,
        });
    }
    layout.push(Element::Rule {
        x1: RIGHT,
        y1: top,
        x2: RIGHT,
        y2: top - box_h,
        width: 0.5,
        gray: 0.5,
    });
    layout.skip(box_h + 6.0);
    let attention = record
        .items
        .iter()
        .filter(|i| status_label(&i.status).attention.is_some())
        .count();
    let total = record.items.len();
    let line = match attention {
        0 => format!("{total} items in all. None needs attention."),
        1 => format!(
            "{total} items in all. 1 needs attention; it is listed first, under “Needs attention”."
        ),
        n => format!(
            "{total} items in all. {n} need attention; they are listed first, under “Needs attention”."
        ),
    };
    layout.paragraph(&Styled::body(line), LEFT, WIDTH);
}

fn statement(layout: &mut Layout<'_>, record: &Record) {
    layout.ensure(leading(12.0) + 4.0 * leading(10.0));
    heading(layout, "Certification", 12.0);
    let text = Styled {
        size: 10.0,
        ..Styled::body(record.statement.trim())
    };
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
    let signed = format!(
        "Signed in clerkcheck by {} on {}. Sign below by hand for the printed copy.",
        record.signer.name,
        local_time_line(record)
    );
    layout.paragraph(&Styled::body(signed), LEFT, WIDTH);
}

fn signature_block(layout: &mut Layout<'_>, record: &Record) {
    let block = 40.0 + leading(8.0) + 2.0 * leading(9.0);
    layout.ensure(block);
    layout.skip(40.0);
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

fn item_row(item: &RecordItem, with_section: Option<&str>) -> Row {
    let label = status_label(&item.status);
    let status = if label.attention.is_some() {
        Styled::bold(label.text())
    } else {
        Styled::body(label.text())
    };
    let how = match (&item.status, item.check) {
        (ItemStatus::NotApplicable, _) => "",
        (ItemStatus::AttestedByHand, _) | (_, None) => "by hand",
        (_, Some(_)) => "automatic",
    };
    let mut status_cell = vec![status];
    if !how.is_empty() {
        status_cell.push(Styled::small(how));
    }
    let mut item_cell = vec![Styled::body(item.text.trim())];
    if let Some(section) = with_section {
        item_cell.push(Styled::small(section));
    }
    let mut details = Vec::new();
    let evidence = item.evidence.trim();
    let not_applicable = matches!(item.status, ItemStatus::NotApplicable);
    if item.check.is_some() && !(not_applicable && evidence.is_empty()) {
        details.push(Styled::body(if evidence.is_empty() {
            "(no evidence recorded)"
        } else {
            evidence
        }));
    }
    if matches!(item.status, ItemStatus::NotApplicable) {
        details.push(Styled::body(format!(
            "Not applicable: {}",
            item.na_reason.trim()
        )));
    }
    if !item.note.trim().is_empty() {
        details.push(Styled::body(format!("Note: {}", item.note.trim())));
    }
    Row {
        cells: vec![status_cell, item_cell, details],
        highlight: label.attention.is_some(),
    }
}

fn table_titles() -> Vec<String> {
    vec![
        "Status".to_owned(),
        "Item".to_owned(),
        "Evidence, note or reason".to_owned(),
    ]
}

fn checklist_title(record: &Record, id: &str) -> String {
    record
        .checklists
        .iter()
        .find(|c| c.id == id)
        .map_or_else(|| id.to_owned(), |c| c.title.clone())
}

fn needs_attention(layout: &mut Layout<'_>, record: &Record) {
    let mut items: Vec<&RecordItem> = record
        .items
        .iter()
        .filter(|i| status_label(&i.status).attention.is_some())
        .collect();
    items.sort_by_key(|i| status_label(&i.status).attention);
    heading(layout, "Needs attention", 14.0);
    if items.is_empty() {
        layout.paragraph(
            &Styled::body("No item failed, is unknown, not done or has a warning."),
            LEFT,
            WIDTH,
        );
        layout.skip(14.0);
        return;
    }
    layout.paragraph(
        &Styled::body(
            "Items that failed, are not done, could not be checked, or have a warning. \
             Each appears again in its place in the full list below.",
        ),
        LEFT,
        WIDTH,
    );
    layout.skip(4.0);
    let first = item_row(items[0], Some(""));
    let first_h = layout.row_height(&COLUMNS, &first);
    layout.ensure(Layout::header_height() + first_h);
    layout.begin_table(TableContext {
        continued: "Needs attention (continued)".to_owned(),
        header: table_titles(),
        columns: COLUMNS.to_vec(),
    });
    for item in items {
        let place = format!(
            "{} › {}",
            checklist_title(record, &item.checklist_id),
            item.section
        );
        layout.table_row(&COLUMNS, &item_row(item, Some(&place)));
    }
    layout.end_table();
    layout.skip(16.0);
}

fn all_items(layout: &mut Layout<'_>, record: &Record) {
    // Checklists in the order attested, then any checklist only the items name.
    let mut order: Vec<String> = record.checklists.iter().map(|c| c.id.clone()).collect();
    for item in &record.items {
        if !order.contains(&item.checklist_id) {
            order.push(item.checklist_id.clone());
        }
    }
    for id in order {
        let items: Vec<&RecordItem> = record
            .items
            .iter()
            .filter(|i| i.checklist_id == id)
            .collect();
        if items.is_empty() {
            continue;
        }
        checklist_items(layout, record, &id, &items);
    }
}

fn checklist_items(layout: &mut Layout<'_>, record: &Record, id: &str, items: &[&RecordItem]) {
    let title = checklist_title(record, id);
    let sub = record.checklists.iter().find(|c| c.id == id).map_or_else(
        || id.to_owned(),
        |c| {
            let office = if c.office {
                " · this office’s own checklist"
            } else {
                ""
            };
            format!("{} · version {}{office}", c.id, c.version)
        },
    );
    let first_h = layout.row_height(&COLUMNS, &item_row(items[0], None));
    layout.ensure(
        leading(13.0)
            + 6.0
            + leading(7.5)
            + Layout::header_height()
            + Layout::section_height()
            + first_h,
    );
    heading(layout, &title, 13.0);
    layout.text_line(&Styled::small(sub), LEFT, WIDTH);
    layout.skip(4.0);
    layout.begin_table(TableContext {
        continued: format!("{title} (continued)"),
        header: table_titles(),
        columns: COLUMNS.to_vec(),
    });
    let mut section: Option<&str> = None;
    for item in items {
        let row = item_row(item, None);
        if section != Some(item.section.as_str()) {
            section = Some(item.section.as_str());
            let row_h = layout.row_height(&COLUMNS, &row);
            layout.table_section(item.section.trim(), row_h);
            layout.set_continued(format!("{title} › {} (continued)", item.section.trim()));
        }
        layout.table_row(&COLUMNS, &row);
    }
    layout.end_table();
    layout.skip(14.0);
}

/// Adds "jurisdiction / record, fingerprint / Page N of M" to every page.
fn add_footers(fonts: &Fonts, pages: &mut [Page], record: &Record, fingerprint: &str) {
    let total = pages.len();
    let jurisdiction = jurisdiction_line(record);
    let record_line = format!(
        "Record no. {} · fingerprint {fingerprint} · clerkcheck {}",
        record.sequence, record.app_version
    );
    let rule_y = BOTTOM - 8.0;
    for (i, page) in pages.iter_mut().enumerate() {
        let page_text = format!("Page {} of {total}", i + 1);
        let size = 8.0;
        let page_w = fonts.width(Face::Bold, size, &page_text);
        let left_w = WIDTH - page_w - 12.0;
        let fit = |face: Face, text: &str| {
            fit_text(
                fonts,
                &Styled {
                    face,
                    size,
                    ..Styled::body(text)
                },
                left_w,
            )
        };
        page.elements.push(Element::Rule {
            x1: LEFT,
            y1: rule_y,
            x2: RIGHT,
            y2: rule_y,
            width: 0.5,
            gray: 0.5,
        });
        let lines = [
            (fit(Face::Bold, &jurisdiction), Face::Bold, rule_y - 11.0),
            (
                fit(Face::Regular, &record_line),
                Face::Regular,
                rule_y - 21.0,
            ),
        ];
        for (text, face, y) in lines {
            page.elements.push(Element::Text {
                x: LEFT,
                y,
                face,
                size,
                gray: 0.2,
                text,
            });
        }
        page.elements.push(Element::Text {
            x: RIGHT - page_w,
            y: rule_y - 11.0,
            face: Face::Bold,
            size,
            gray: 0.0,
            text: page_text,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::layout::{FOOTER_FLOOR, TOP};

    /// The sample record with its first `items` items (the whole sample when larger).
    fn sample_record(items: usize, signer: &str) -> Record {
        let mut r = crate::testing::sample_self_check(signer)
            .build_record(None)
            .unwrap();
        r.items.truncate(items);
        r.sequence = 12;
        r
    }

    fn fonts() -> Fonts {
        Fonts::load().expect("fonts")
    }

    /// (left, bottom, right, top) of every text element of a page.
    fn text_boxes(fonts: &Fonts, page: &Page) -> Vec<(f32, f32, f32, f32, String)> {
        page.elements
            .iter()
            .filter_map(|e| match e {
                Element::Text {
                    x,
                    y,
                    face,
                    size,
                    text,
                    ..
                } => Some((
                    *x,
                    y - 0.24 * size,
                    x + fonts.width(*face, *size, text),
                    y + 0.76 * size,
                    text.clone(),
                )),
                _ => None,
            })
            .collect()
    }

    fn assert_clean(pages: &[Page], fonts: &Fonts) {
        for (n, page) in pages.iter().enumerate() {
            let boxes = text_boxes(fonts, page);
            for (l, b, r, t, text) in &boxes {
                assert!(
                    *l >= LEFT - 0.01 && *r <= RIGHT + 0.01,
                    "page {n}: {text:?} sticks out sideways"
                );
                assert!(
                    *b >= FOOTER_FLOOR && *t <= TOP + 0.01,
                    "page {n}: {text:?} is cut off at the top or bottom"
                );
            }
            for (i, a) in boxes.iter().enumerate() {
                for c in &boxes[i + 1..] {
                    let overlap = a.0 < c.2 - 0.01
                        && c.0 < a.2 - 0.01
                        && a.1 < c.3 - 0.01
                        && c.1 < a.3 - 0.01;
                    assert!(!overlap, "page {n}: {:?} overlaps {:?}", a.4, c.4);
                }
            }
        }
    }

    #[test]
    fn seventy_items_lay_out_without_overlaps_inside_the_margins() {
        let f = fonts();
        let pages = lay_out(
            &f,
            &sample_record(70, "Nguyễn Thị Hương"),
            "0123456789abcdef",
        );
        assert!(pages.len() >= 3);
        assert_clean(&pages, &f);
    }

    #[test]
    fn a_note_longer_than_a_page_is_split_not_cut_off() {
        let f = fonts();
        let mut record = sample_record(6, "José Núñez-Øberg");
        let long = "The clerk wrote a very long xylophone note about this item. ".repeat(150);
        record.items[3].note.clone_from(&long);
        let pages = lay_out(&f, &record, "0123456789abcdef");
        assert_clean(&pages, &f);
        // Every word of the note is printed.
        let printed: usize = pages
            .iter()
            .flat_map(|p| &p.elements)
            .filter_map(|e| match e {
                Element::Text { text, .. } => Some(text.matches("xylophone").count()),
                _ => None,
            })
            .sum();
        assert_eq!(printed, 150);
        assert!(pages.len() >= 3, "{}", pages.len());
    }

    #[test]
    fn the_table_header_is_repeated_on_every_page_it_continues_on() {
        let f = fonts();
        let pages = lay_out(
            &f,
            &sample_record(70, "Nguyễn Thị Hương"),
            "0123456789abcdef",
        );
        for page in &pages[1..] {
            let has_header = page.elements.iter().any(
                |e| matches!(e, Element::Text { text, face: Face::Bold, .. } if text == "Evidence, note or reason"),
            );
            assert!(has_header, "an items page without the table header");
        }
    }

    #[test]
    fn statuses_have_a_symbol_and_a_word_and_attention_ones_sort_first() {
        let fail = status_label(&ItemStatus::Checked(Verdict::Fail));
        assert_eq!(fail.text(), "✗ FAIL");
        assert_eq!(status_label(&ItemStatus::NotApplicable).text(), "– N/A");
        assert_eq!(
            status_label(&ItemStatus::Checked(Verdict::Unknown)).text(),
            "? UNKNOWN"
        );
        assert!(
            status_label(&ItemStatus::Checked(Verdict::Pass))
                .attention
                .is_none()
        );
        assert!(status_label(&ItemStatus::Done).attention.is_none());
        assert!(fail.attention < status_label(&ItemStatus::Checked(Verdict::Warn)).attention);
        assert!(status_label(&ItemStatus::NotDone).attention.is_some());
    }

    #[test]
    fn jurisdiction_adds_the_county_for_a_municipality_only() {
        let mut r = sample_record(1, "A");
        assert_eq!(jurisdiction_line(&r), "Town of Example, Example County");
        r.signer.jurisdiction_kind = crate::records::JurisdictionKind::County;
        r.signer.jurisdiction = "Example County".to_owned();
        assert_eq!(jurisdiction_line(&r), "Example County");
    }
}
