//! Laying out the certification on US Letter pages: pure geometry, no PDF yet.
//!
//! The whole document is laid out first, then the footers ("Page N of M") are added once the
//! number of pages is known, then [`super::pdf`] draws it. Coordinates are PDF points from the
//! page's lower left corner.

use super::fonts::Fonts;
pub use super::page::{
    BOTTOM, CELL_PAD_X, CELL_PAD_Y, Column, Element, FOOTER_FLOOR, LEFT, Line, MARGIN, PAGE_HEIGHT,
    PAGE_WIDTH, Page, RIGHT, Row, Styled, TOP, TableContext, WIDTH, baseline_drop, leading,
};
use super::text::visual_order;
use super::wrap::{longest_fitting, wrap};

/// Lays out content top to bottom, starting new pages as needed.
pub struct Layout<'a> {
    fonts: &'a Fonts,
    pages: Vec<Page>,
    /// The top of the free space on the current page.
    y: f32,
    /// The table in progress, repeated on the next page if it breaks.
    table: Option<TableContext>,
}

impl<'a> Layout<'a> {
    /// An empty document with its first page started.
    #[must_use]
    pub fn new(fonts: &'a Fonts) -> Self {
        Self {
            fonts,
            pages: vec![Page::default()],
            y: TOP,
            table: None,
        }
    }

    /// The fonts in use.
    #[must_use]
    pub fn fonts(&self) -> &Fonts {
        self.fonts
    }

    /// The current page's free space from the top of the body down to the bottom margin.
    #[must_use]
    pub fn remaining(&self) -> f32 {
        self.y - BOTTOM
    }

    /// The top of the free space.
    #[must_use]
    pub fn y(&self) -> f32 {
        self.y
    }

    /// Moves down by `h` (never past the bottom margin).
    pub fn skip(&mut self, h: f32) {
        self.y = (self.y - h).max(BOTTOM);
    }

    /// The page count so far.
    #[must_use]
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Adds an element to the current page.
    pub fn push(&mut self, element: Element) {
        self.page().elements.push(element);
    }

    /// Starts a new page; if a table is in progress, repeats its header there.
    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
        if let Some(table) = self.table.clone() {
            self.text_line(&Styled::small(table.continued), LEFT, WIDTH);
            self.skip(2.0);
            self.table_header(&table.columns, &table.header);
        }
    }

    /// Starts a new page unless `h` points still fit on this one.
    pub fn ensure(&mut self, h: f32) {
        if self.remaining() < h {
            self.new_page();
        }
    }

    /// Draws one line of text at the cursor (cut to `width` with "…" if it is too long) and
    /// moves down by its leading.
    pub fn text_line(&mut self, s: &Styled, x: f32, width: f32) {
        self.ensure(leading(s.size));
        let text = self.fit(s, width);
        let baseline = self.y - baseline_drop(s.size);
        self.push(Element::Text {
            x,
            y: baseline,
            face: s.face,
            size: s.size,
            gray: s.gray,
            text,
        });
        self.y -= leading(s.size);
    }

    /// `s`'s text made printable and shortened with "…" to fit `width`.
    #[must_use]
    pub fn fit(&self, s: &Styled, width: f32) -> String {
        fit_text(self.fonts, s, width)
    }

    /// Moves the cursor to `y` on the current page (e.g. back up, for side-by-side columns).
    pub fn set_y(&mut self, y: f32) {
        self.y = y.clamp(BOTTOM, TOP);
    }

    /// Wraps `s` to `width` and returns its lines, each in drawing order.
    #[must_use]
    pub fn lines(&self, s: &Styled, width: f32) -> Vec<Line> {
        let text = self.fonts.printable(s.face, &s.text);
        let measure = |t: &str| self.fonts.width(s.face, s.size, t);
        wrap(&text, width, &measure)
            .into_iter()
            .map(|text| Line {
                text: visual_order(&text),
                face: s.face,
                size: s.size,
                gray: s.gray,
            })
            .collect()
    }

    /// The height `s` takes when wrapped to `width`.
    #[must_use]
    pub fn paragraph_height(&self, s: &Styled, width: f32) -> f32 {
        self.lines(s, width).iter().map(Line::height).sum()
    }

    /// A wrapped paragraph at `x`, `width` wide, breaking across pages between lines.
    pub fn paragraph(&mut self, s: &Styled, x: f32, width: f32) {
        for line in self.lines(s, width) {
            self.ensure(line.height());
            self.draw_line(&line, x);
        }
    }

    /// Draws one line at `x` at the cursor and moves down by its leading.
    pub fn draw_line(&mut self, line: &Line, x: f32) {
        let baseline = self.y - baseline_drop(line.size);
        self.push(Element::Text {
            x,
            y: baseline,
            face: line.face,
            size: line.size,
            gray: line.gray,
            text: line.text.clone(),
        });
        self.y -= line.height();
    }

    /// A horizontal rule across the body at the cursor.
    pub fn rule(&mut self, width: f32, gray: f32) {
        let y = self.y;
        self.push(Element::Rule {
            x1: LEFT,
            y1: y,
            x2: RIGHT,
            y2: y,
            width,
            gray,
        });
    }

    /// Begins a table: draws its header and remembers it for pages it continues on.
    pub fn begin_table(&mut self, context: TableContext) {
        self.table_header(&context.columns, &context.header);
        self.table = Some(context);
    }

    /// Ends the table in progress.
    pub fn end_table(&mut self) {
        self.table = None;
    }

    /// Changes the "(continued)" label of the table in progress (e.g. at a new section).
    pub fn set_continued(&mut self, label: String) {
        if let Some(t) = &mut self.table {
            t.continued = label;
        }
    }

    /// The height of a section title inside a table.
    #[must_use]
    pub fn section_height() -> f32 {
        leading(9.0) + 2.0 * CELL_PAD_Y
    }

    /// A section title spanning the table, kept on the same page as the section's first row
    /// (`first_row` high).
    pub fn table_section(&mut self, title: &str, first_row: f32) {
        let h = Self::section_height();
        self.ensure(h + first_row);
        let top = self.y;
        let s = Styled {
            size: 9.0,
            ..Styled::bold(title)
        };
        let text = self.fit(&s, WIDTH - 2.0 * CELL_PAD_X);
        self.push(Element::Fill {
            x: LEFT,
            y: top - h,
            w: WIDTH,
            h,
            gray: 0.95,
        });
        self.push(Element::Text {
            x: LEFT + CELL_PAD_X,
            y: top - CELL_PAD_Y - baseline_drop(9.0),
            face: s.face,
            size: s.size,
            gray: 0.0,
            text,
        });
        self.push(Element::Rule {
            x1: LEFT,
            y1: top - h,
            x2: RIGHT,
            y2: top - h,
            width: 0.5,
            gray: 0.6,
        });
        self.y = top - h;
    }

    /// The height of a table header row.
    #[must_use]
    pub fn header_height() -> f32 {
        leading(8.0) + 2.0 * CELL_PAD_Y
    }

    fn table_header(&mut self, columns: &[Column], titles: &[String]) {
        let h = Self::header_height();
        let top = self.y;
        self.push(Element::Fill {
            x: LEFT,
            y: top - h,
            w: WIDTH,
            h,
            gray: 0.85,
        });
        for (col, title) in columns.iter().zip(titles) {
            let s = Styled {
                size: 8.0,
                ..Styled::bold(title.clone())
            };
            let text = self.fit(&s, col.w - 2.0 * CELL_PAD_X);
            self.push(Element::Text {
                x: LEFT + col.x + CELL_PAD_X,
                y: top - CELL_PAD_Y - baseline_drop(8.0),
                face: s.face,
                size: s.size,
                gray: 0.0,
                text,
            });
        }
        self.y = top - h;
    }

    /// The laid-out lines of each cell of `row`.
    fn row_lines(&self, columns: &[Column], row: &Row) -> Vec<Vec<Line>> {
        columns
            .iter()
            .zip(&row.cells)
            .map(|(col, cell)| {
                cell.iter()
                    .flat_map(|s| self.lines(s, col.w - 2.0 * CELL_PAD_X))
                    .collect()
            })
            .collect()
    }

    /// The height of `row` in `columns`.
    #[must_use]
    pub fn row_height(&self, columns: &[Column], row: &Row) -> f32 {
        cells_height(&self.row_lines(columns, row)) + 2.0 * CELL_PAD_Y
    }

    /// Draws one table row; a row too tall for the rest of the page moves to the next page, and
    /// a row taller than a whole page is split between lines.
    pub fn table_row(&mut self, columns: &[Column], row: &Row) {
        let mut cells = self.row_lines(columns, row);
        loop {
            let needed = cells_height(&cells) + 2.0 * CELL_PAD_Y;
            if needed <= self.remaining() {
                self.draw_row_part(columns, &cells, row.highlight);
                return;
            }
            let fresh_page = TOP - BOTTOM - self.table_overhead();
            if needed <= fresh_page || self.remaining() < fresh_page / 4.0 {
                // It fits on a new page, or so little space is left that a split would be ugly.
                self.new_page();
                if needed <= self.remaining() {
                    continue;
                }
            }
            // Taller than a page: draw what fits here, continue on the next page.
            let room = self.remaining() - 2.0 * CELL_PAD_Y;
            let (now, rest) = split_cells(cells, room);
            self.draw_row_part(columns, &now, row.highlight);
            self.new_page();
            cells = rest;
        }
    }

    /// What a continued table puts at the top of a page before its rows.
    fn table_overhead(&self) -> f32 {
        if self.table.is_some() {
            leading(7.0) + 2.0 + Self::header_height()
        } else {
            0.0
        }
    }

    fn draw_row_part(&mut self, columns: &[Column], cells: &[Vec<Line>], highlight: bool) {
        let h = cells_height(cells) + 2.0 * CELL_PAD_Y;
        let top = self.y;
        if highlight && let Some(first) = columns.first() {
            self.push(Element::Fill {
                x: LEFT + first.x,
                y: top - h,
                w: first.w,
                h,
                gray: 0.9,
            });
        }
        for (col, lines) in columns.iter().zip(cells) {
            let mut y = top - CELL_PAD_Y;
            for line in lines {
                self.push(Element::Text {
                    x: LEFT + col.x + CELL_PAD_X,
                    y: y - baseline_drop(line.size),
                    face: line.face,
                    size: line.size,
                    gray: line.gray,
                    text: line.text.clone(),
                });
                y -= line.height();
            }
        }
        self.push(Element::Rule {
            x1: LEFT,
            y1: top - h,
            x2: RIGHT,
            y2: top - h,
            width: 0.5,
            gray: 0.6,
        });
        self.y = top - h;
    }

    /// The pages laid out so far (without footers).
    #[must_use]
    pub fn finish(self) -> Vec<Page> {
        self.pages
    }
}

/// The height of the tallest cell.
fn cells_height(cells: &[Vec<Line>]) -> f32 {
    cells
        .iter()
        .map(|lines| lines.iter().map(Line::height).sum::<f32>())
        .fold(0.0, f32::max)
}

/// Splits each cell's lines into what fits in `room` and the rest (at least one line moves on,
/// so a split always makes progress).
fn split_cells(cells: Vec<Vec<Line>>, room: f32) -> (Vec<Vec<Line>>, Vec<Vec<Line>>) {
    let mut now = Vec::new();
    let mut rest = Vec::new();
    for lines in cells {
        let mut used = 0.0;
        let mut take = 0;
        for line in &lines {
            if used + line.height() > room {
                break;
            }
            used += line.height();
            take += 1;
        }
        let mut lines = lines;
        let later = lines.split_off(take.min(lines.len()));
        now.push(lines);
        rest.push(later);
    }
    if now.iter().all(Vec::is_empty) {
        // Nothing fits: take one line of each cell anyway rather than loop forever.
        for (n, r) in now.iter_mut().zip(rest.iter_mut()) {
            if !r.is_empty() {
                n.push(r.remove(0));
            }
        }
    }
    (now, rest)
}

/// `s`'s text made printable, in drawing order, on one line, shortened with "…" to fit `width`.
///
/// The longest fitting prefix is found by binary search: a handful of measurements whatever the
/// length, so a 10,000-character name fits as fast as a short one.
#[must_use]
pub fn fit_text(fonts: &Fonts, s: &Styled, width: f32) -> String {
    let text = fonts.printable(s.face, &s.text).replace('\n', " ");
    let measure = |t: &str| fonts.width(s.face, s.size, t);
    visual_order(&fit_line(&text, width, &measure))
}

/// `text` if it fits `width`, else its longest prefix that fits with "…" after it (an empty
/// string when not even "…" fits). Pure: `measure` gives a text's width.
#[must_use]
pub fn fit_line(text: &str, width: f32, measure: &dyn Fn(&str) -> f32) -> String {
    if measure(text) <= width {
        return text.to_owned();
    }
    let ends: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let with_ellipsis = |chars: usize| format!("{}…", &text[..ends[chars]]);
    // Prefixes of 0 .. ends.len() - 1 characters: the whole text does not fit.
    let fitting = longest_fitting(ends.len(), |chars| measure(&with_ellipsis(chars)) <= width);
    match fitting {
        Some(chars) => with_ellipsis(chars),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[expect(clippy::cast_precision_loss, reason = "test strings are short")]
    fn chars(s: &str) -> f32 {
        s.chars().count() as f32
    }

    #[test]
    fn fit_line_keeps_what_fits_and_marks_the_cut() {
        assert_eq!(fit_line("Town of Example", 20.0, &chars), "Town of Example");
        assert_eq!(fit_line("Town of Example", 8.0, &chars), "Town of…");
        assert_eq!(fit_line("Town of Example", 1.0, &chars), "…");
        assert_eq!(fit_line("Town of Example", 0.5, &chars), "");
        assert_eq!(fit_line("王秀英佐藤", 3.0, &chars), "王秀…");
    }

    #[test]
    fn fit_line_measures_few_times_however_long_the_text() {
        let long = "x".repeat(10_000);
        let count = std::cell::Cell::new(0);
        let measure = |t: &str| {
            count.set(count.get() + 1);
            chars(t)
        };
        let fitted = fit_line(&long, 100.0, &measure);
        assert_eq!(fitted.chars().count(), 100);
        assert!(count.get() < 20, "{} measurements", count.get());
    }
}
