//! The footer of every page: the jurisdiction, "Record No. N · fingerprint F", the program, and
//! "Page N of M".

use super::{Subject, jurisdiction_line, record_line};
use crate::report::fonts::{Face, Fonts};
use crate::report::layout::fit_text;
use crate::report::page::{BOTTOM, Element, LEFT, Page, RIGHT, Styled, WIDTH};

/// Adds the footer to every page.
pub(super) fn add_footers(fonts: &Fonts, pages: &mut [Page], subject: &Subject<'_>) {
    let record = subject.record;
    let total = pages.len();
    let jurisdiction = jurisdiction_line(record);
    let record_text = format!(
        "{} · clerkcheck {}",
        record_line(record.sequence, subject.fingerprint),
        record.app_version
    );
    let rule_y = BOTTOM - 8.0;
    let size = 8.0;
    for (i, page) in pages.iter_mut().enumerate() {
        let page_text = format!("Page {} of {total}", i + 1);
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
                fit(Face::Regular, &record_text),
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
