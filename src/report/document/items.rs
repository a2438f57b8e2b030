//! Every item not listed under "Needs attention", once, by checklist and section, in two compact
//! columns: status, item, and its evidence, note or not-applicable reason.

use std::fmt::Write as _;

use super::{checklist_title, status_text};
use crate::records::{Record, RecordItem};
use crate::report::flow::{Block, COLUMN_WIDTH};
use crate::report::layout::Layout;
use crate::report::page::{LEFT, Styled, WIDTH, leading};

/// The width of the status beside each item.
const GUTTER: f32 = 44.0;
/// The item text's size.
const ITEM_SIZE: f32 = 7.0;
/// The size of evidence, notes and reasons.
const DETAIL_SIZE: f32 = 6.3;

/// Lays out every item that does not need attention, by checklist.
pub(super) fn everything_else(layout: &mut Layout<'_>, record: &Record) {
    // Checklists in the order attested, then any checklist only the items name.
    let mut order: Vec<&str> = record.checklists.iter().map(|c| c.id.as_str()).collect();
    for item in &record.items {
        if !order.contains(&item.checklist_id.as_str()) {
            order.push(&item.checklist_id);
        }
    }
    let mut first = true;
    for id in order {
        let items: Vec<&RecordItem> = record
            .items
            .iter()
            .filter(|i| i.checklist_id == id)
            .collect();
        if items.is_empty() {
            continue;
        }
        if first {
            layout.ensure(leading(11.0) * 4.0 + 60.0);
            let s = Styled {
                size: 11.0,
                ..Styled::bold("Every other item, by checklist")
            };
            layout.paragraph(&s, LEFT, WIDTH);
            layout.skip(4.0);
            first = false;
        }
        checklist(layout, record, id, &items);
    }
}

fn checklist(layout: &mut Layout<'_>, record: &Record, id: &str, items: &[&RecordItem]) {
    let title = checklist_title(record, id);
    let listed = items.iter().filter(|i| i.status.needs_attention()).count();
    let mut sub = record
        .checklists
        .iter()
        .find(|c| c.id == id)
        .map(|c| {
            let office = if c.office {
                " · this office’s own checklist"
            } else {
                ""
            };
            format!("Version {}{office} · ", c.version)
        })
        .unwrap_or_default();
    let _ = match (items.len(), listed) {
        (n, 0) => write!(sub, "{n} items"),
        (n, 1) => write!(
            sub,
            "{n} items; 1 is listed under “Needs attention” instead"
        ),
        (n, l) => write!(
            sub,
            "{n} items; {l} are listed under “Needs attention” instead"
        ),
    };
    let blocks = blocks(layout, items);
    let first_h = blocks.first().map_or(0.0, Block::height);
    layout.ensure(leading(10.0) + leading(7.0) + 4.0 + first_h);
    let heading = Styled {
        size: 10.0,
        ..Styled::bold(title.clone())
    };
    layout.paragraph(&heading, LEFT, WIDTH);
    layout.text_line(&Styled::small(sub), LEFT, WIDTH);
    layout.skip(3.0);
    layout.flow(blocks, GUTTER, &title);
    layout.skip(10.0);
}

/// The flow blocks of the items that do not need attention, each section's title kept with
/// its first item.
fn blocks(layout: &Layout<'_>, items: &[&RecordItem]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut section: Option<&str> = None;
    for item in items.iter().filter(|i| !i.status.needs_attention()) {
        let mut block = item_block(layout, item);
        if section != Some(item.section.as_str()) {
            section = Some(item.section.as_str());
            let title = Styled {
                size: 8.0,
                ..Styled::bold(item.section.trim())
            };
            block.heading = layout.lines(&title, COLUMN_WIDTH);
        }
        blocks.push(block);
    }
    blocks
}

fn item_block(layout: &Layout<'_>, item: &RecordItem) -> Block {
    let status = Styled {
        size: 6.0,
        ..Styled::bold(status_text(item.status))
    };
    let body_width = COLUMN_WIDTH - GUTTER;
    let mut body = layout.lines(
        &Styled {
            size: ITEM_SIZE,
            ..Styled::body(item.text.trim())
        },
        body_width,
    );
    for detail in details(item) {
        let s = Styled {
            size: DETAIL_SIZE,
            gray: 0.3,
            ..Styled::body(detail)
        };
        body.extend(layout.lines(&s, body_width));
    }
    Block {
        heading: Vec::new(),
        gutter: layout.lines(&status, GUTTER - 4.0),
        body,
    }
}

/// What is printed under an item: the evidence of an automatic check, the clerk's note, the
/// reason it does not apply.
fn details(item: &RecordItem) -> Vec<String> {
    let mut lines = Vec::new();
    let evidence = item.evidence.trim();
    if item.check.is_some() && !evidence.is_empty() {
        lines.push(evidence.to_owned());
    }
    if matches!(item.status, crate::records::ItemStatus::NotApplicable) {
        lines.push(format!("Not applicable: {}", item.na_reason.trim()));
    }
    if !item.note.trim().is_empty() {
        lines.push(format!("Note: {}", item.note.trim()));
    }
    lines
}
