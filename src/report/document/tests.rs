//! Layout tests of the whole certification.

use super::*;
use crate::checks::Verdict;
use crate::report::page::{Element, FOOTER_FLOOR, LEFT, RIGHT, TOP};

/// The sample record with its first `items` items (the whole sample when larger).
fn sample_record(items: usize, signer: &str) -> Record {
    let mut r = crate::testing::sample_self_check(signer)
        .build_record(None)
        .unwrap();
    r.items.truncate(items);
    r.sequence = 12;
    r
}

fn fonts() -> &'static Fonts {
    Fonts::shared().expect("fonts")
}

fn pages_of(record: &Record) -> Vec<Page> {
    lay_out(
        fonts(),
        &Subject {
            record,
            fingerprint: "0123456789abcdef",
        },
    )
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
                let overlap =
                    a.0 < c.2 - 0.01 && c.0 < a.2 - 0.01 && a.1 < c.3 - 0.01 && c.1 < a.3 - 0.01;
                assert!(!overlap, "page {n}: {:?} overlaps {:?}", a.4, c.4);
            }
        }
    }
}

/// All the text of a page, lines joined by spaces.
fn page_text(page: &Page) -> String {
    page.elements
        .iter()
        .filter_map(|e| match e {
            Element::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A record of `n` items built from the sample (a few need attention, a few are not
/// applicable, a few have notes), their texts made 60 to 250 characters long in turn (the
/// shipped items are 40 to 153 characters long, 95 on average).
fn large_record(n: usize) -> Record {
    let mut record = sample_record(usize::MAX, "Nguyễn Thị Hương");
    let template = record.items.clone();
    record.items = (0..n)
        .map(|i| {
            let mut item = template[i % template.len()].clone();
            item.item_id = format!("item-{i}");
            let length = 60 + (i * 37) % 191;
            let mut text = format!("{i}: {}", item.text.trim());
            while text.chars().count() < length {
                text.push_str(" Keep a written record of it and tell the help desk.");
            }
            item.text = text.chars().take(length).collect();
            item
        })
        .collect();
    record
}

#[test]
fn seventy_items_lay_out_without_overlaps_inside_the_margins() {
    let pages = pages_of(&sample_record(70, "Nguyễn Thị Hương"));
    assert!(pages.len() >= 2);
    assert_clean(&pages, fonts());
}

#[test]
fn a_hundred_items_of_up_to_250_characters_fit_in_four_pages() {
    let record = large_record(100);
    let pages = pages_of(&record);
    assert_clean(&pages, fonts());
    assert!(pages.len() <= 4, "{} pages", pages.len());
}

#[test]
fn every_item_is_printed_exactly_once() {
    let record = large_record(100);
    let all = squeeze(
        &pages_of(&record)
            .iter()
            .map(page_text)
            .collect::<Vec<_>>()
            .join(" "),
    );
    for item in &record.items {
        let text = squeeze(&item.text);
        assert_eq!(all.matches(&text).count(), 1, "{:?}", item.text);
    }
}

#[test]
fn page_one_carries_what_needs_attention_by_its_words() {
    let record = sample_record(usize::MAX, "Nguyễn Thị Hương");
    let pages = pages_of(&record);
    let first = page_text(&pages[0]);
    for word in ["Needs attention", "✗ Fail", "✗ Not done", "! Warning"] {
        assert!(
            first.contains(word),
            "{word:?} missing from page 1:\n{first}"
        );
    }
    assert!(
        first.contains("need attention: 1 failed, 1 not done, 1 warning."),
        "{first}"
    );
    for item in record.items.iter().filter(|i| i.status.needs_attention()) {
        assert!(
            squeeze(&first).contains(&squeeze(&item.text)),
            "{:?}",
            item.text
        );
    }
}

#[test]
fn no_internal_id_is_printed_and_the_os_is_named_once() {
    let record = sample_record(usize::MAX, "Nguyễn Thị Hương");
    let all = pages_of(&record)
        .iter()
        .map(page_text)
        .collect::<Vec<_>>()
        .join(" ");
    for checklist in &record.checklists {
        assert!(!all.contains(&checklist.id), "{}", checklist.id);
    }
    for item in &record.items {
        assert!(
            !all.contains(&format!(" {} ", item.item_id)),
            "{}",
            item.item_id
        );
    }
    assert_eq!(all.matches("Windows 11 Pro").count(), 1, "{all}");
}

#[test]
fn the_previous_record_is_named_or_this_is_the_first() {
    let mut record = sample_record(3, "A");
    let subject = Subject {
        record: &record,
        fingerprint: "0123456789abcdef",
    };
    assert_eq!(follows_line(&subject), "First record of this office");
    // The entry before may be a review; the line names the sign-off record before.
    record.previous_hash = "0123456789abcdef".repeat(4);
    record.previous_record = Some(crate::records::PreviousRecord {
        sequence: 10,
        sha256: "fedcba9876543210".repeat(4),
    });
    let subject = Subject {
        record: &record,
        fingerprint: "0123456789abcdef",
    };
    assert_eq!(
        follows_line(&subject),
        "Follows record No. 10, fingerprint fedcba9876543210"
    );
}

#[test]
fn the_election_the_sign_off_preceded_is_named_on_page_one_when_the_record_has_one() {
    let mut record = sample_record(3, "A");
    let without = page_text(&pages_of(&record)[0]);
    assert!(!without.contains("Before election"), "{without}");
    record.election = Some(crate::records::ElectionRef {
        name: "Spring election".to_owned(),
        date: chrono::NaiveDate::from_ymd_opt(2027, 4, 6).unwrap(),
    });
    let pages = pages_of(&record);
    let with = page_text(&pages[0]);
    assert!(with.contains("Before election"), "{with}");
    assert!(
        squeeze(&with).contains(&squeeze("Spring election, April 6, 2027")),
        "{with}"
    );
    assert_clean(&pages, fonts());
}

#[test]
fn a_note_longer_than_a_page_is_split_not_cut_off() {
    let mut record = sample_record(6, "José Núñez-Øberg");
    let long = "The clerk wrote a very long xylophone note about this item. ".repeat(150);
    record.items[3].note.clone_from(&long);
    let pages = pages_of(&record);
    assert_clean(&pages, fonts());
    let printed: usize = pages
        .iter()
        .map(|p| page_text(p).matches("xylophone").count())
        .sum();
    assert_eq!(printed, 150);
    assert!(pages.len() >= 2, "{}", pages.len());
}

#[test]
fn statuses_are_printed_with_the_one_vocabulary() {
    assert_eq!(status_text(ItemStatus::Checked(Verdict::Fail)), "✗ Fail");
    assert_eq!(status_text(ItemStatus::NotApplicable), "– Not applicable");
    assert_eq!(status_text(ItemStatus::NotAnswered), "? Not answered");
}

#[test]
fn jurisdiction_adds_the_county_for_a_municipality_only() {
    let mut r = sample_record(1, "A");
    assert_eq!(jurisdiction_line(&r), "Town of Example, Example County");
    r.signer.jurisdiction_kind = crate::records::JurisdictionKind::County;
    r.signer.jurisdiction = "Example County".to_owned();
    assert_eq!(jurisdiction_line(&r), "Example County");
}

#[test]
fn stored_text_never_reorders_and_decomposed_accents_are_composed() {
    let mut record = sample_record(6, "A");
    record.signer.name = "Jose\u{301} \u{202e}yrollaM\u{202c}".to_owned();
    record.items[0].note = "Checked \u{2067}by hand\u{2069} today".to_owned();
    let all = pages_of(&record)
        .iter()
        .map(page_text)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(all.contains("José yrollaM"), "{all}");
    assert!(!all.contains('\u{301}'));
    assert!(all.contains("Checked by hand today"), "{all}");
    assert!(
        !all.chars().any(crate::session::text::is_bidi_control),
        "a bidirectional control was printed"
    );
}

#[test]
fn a_ten_thousand_character_jurisdiction_is_laid_out_and_cut_in_the_footer() {
    let mut record = sample_record(10, "A");
    record.signer.jurisdiction = "Town of Example ".repeat(625);
    let pages = pages_of(&record);
    assert_clean(&pages, fonts());
    let footer = page_text(pages.last().expect("a page"));
    assert!(footer.contains("…"), "the footer cuts it");
}

#[test]
fn page_one_draws_the_qr_code_of_the_record_as_vector_squares() {
    let record = sample_record(5, "A");
    let pages = pages_of(&record);
    let squares = pages[0]
        .elements
        .iter()
        .filter(
            |e| matches!(e, Element::Fill { gray, x, .. } if *gray < 0.01 && *x > RIGHT - 100.0),
        )
        .count();
    let payload = crate::report::qr::payload(12, "0123456789abcdef", &jurisdiction_line(&record));
    let modules = crate::report::qr::modules(&payload).expect("fits a QR code");
    assert_eq!(squares, modules.runs.len());
    assert!(pages[1..].iter().all(|p| {
        !p.elements
            .iter()
            .any(|e| matches!(e, Element::Fill { gray, .. } if *gray < 0.01))
    }));
}
