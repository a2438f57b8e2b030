//! Laying out the certification on US Letter pages: pure geometry, no PDF yet.
//!
//! The whole document is laid out first, then the footers ("Page N of M") are added once the
//! number of pages is known, then [`super::pdf`] draws it. Coordinates are PDF points from the
//! page's lower left corner.

use super::fonts::{Face, Fonts};
use super::wrap::wrap;

/// US Letter width: 8.5 in.
pub const PAGE_WIDTH: f32 = 612.0;
/// US Letter height: 11 in.
pub const PAGE_HEIGHT: f32 = 792.0;
/// Left and right margins: 0.75 in, well inside what any printer prints.
pub const MARGIN: f32 = 54.0;
/// The left edge of the text.
pub const LEFT: f32 = MARGIN;
/// The right edge of the text.
pub const RIGHT: f32 = PAGE_WIDTH - MARGIN;
/// The top of the body: 0.75 in from the top edge.
pub const TOP: f32 = PAGE_HEIGHT - MARGIN;
/// The bottom of the body: 1 in from the bottom edge, leaving room for the footer.
pub const BOTTOM: f32 = 72.0;
/// The lowest point anything is drawn at (the footer's descenders): 0.5 in from the bottom.
pub const FOOTER_FLOOR: f32 = 36.0;
/// The width of the body.
pub const WIDTH: f32 = RIGHT - LEFT;

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Element {
    /// One line of text; `y` is its baseline.
    Text {
        /// Left edge.
        x: f32,
        /// Baseline.
        y: f32,
        /// Regular or bold.
        face: Face,
        /// Size in points.
        size: f32,
        /// 0 black … 1 white.
        gray: f32,
        /// The text, already made printable in `face`.
        text: String,
    },
    /// A straight line.
    Rule {
        /// Start x.
        x1: f32,
        /// Start y.
        y1: f32,
        /// End x.
        x2: f32,
        /// End y.
        y2: f32,
        /// Thickness in points.
        width: f32,
        /// 0 black … 1 white.
        gray: f32,
    },
    /// A filled rectangle (a background); `y` is its bottom.
    Fill {
        /// Left.
        x: f32,
        /// Bottom.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// 0 black … 1 white.
        gray: f32,
    },
}

/// One laid-out page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// Backgrounds and rules first, then text, in drawing order.
    pub elements: Vec<Element>,
}

/// A piece of text in a table cell or paragraph: one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Styled {
    /// The text (wrapped to the cell's width when laid out).
    pub text: String,
    /// Regular or bold.
    pub face: Face,
    /// Size in points.
    pub size: f32,
    /// 0 black … 1 white.
    pub gray: f32,
}

impl Styled {
    /// Body text: regular, 8.5 pt, black.
    #[must_use]
    pub fn body(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            face: Face::Regular,
            size: 8.5,
            gray: 0.0,
        }
    }

    /// Bold body text.
    #[must_use]
    pub fn bold(text: impl Into<String>) -> Self {
        Self {
            face: Face::Bold,
            ..Self::body(text)
        }
    }

    /// Small grey text.
    #[must_use]
    pub fn small(text: impl Into<String>) -> Self {
        Self {
            size: 7.0,
            gray: 0.35,
            ..Self::body(text)
        }
    }
}

/// The distance from one baseline to the next for text of `size` points.
#[must_use]
pub fn leading(size: f32) -> f32 {
    size * 1.22
}

/// From the top of a line box down to its baseline.
fn baseline_drop(size: f32) -> f32 {
    size * 0.95
}

/// One laid-out line of a cell.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    text: String,
    face: Face,
    size: f32,
    gray: f32,
}

impl Line {
    fn height(&self) -> f32 {
        leading(self.size)
    }
}

/// A table column: its left edge (relative to [`LEFT`]) and width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    /// Left edge, from the body's left edge.
    pub x: f32,
    /// Width.
    pub w: f32,
}

/// Inner padding of table cells.
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 3.0;

/// One row of a table, as cells of styled paragraphs.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// One list of paragraphs per column.
    pub cells: Vec<Vec<Styled>>,
    /// A grey background behind the first cell, to make the row stand out (with words and
    /// symbols, never by colour alone).
    pub highlight: bool,
}

/// What to repeat at the top of a page when a table continues there.
#[derive(Debug, Clone, PartialEq)]
pub struct TableContext {
    /// E.g. "WEC security reminders › Accounts (continued)".
    pub continued: String,
    /// The column titles.
    pub header: Vec<String>,
    /// The columns.
    pub columns: Vec<Column>,
}

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

    /// Wraps `s` to `width` and returns its lines.
    fn lines(&self, s: &Styled, width: f32) -> Vec<Line> {
        let text = self.fonts.printable(s.face, &s.text);
        let measure = |t: &str| self.fonts.width(s.face, s.size, t);
        wrap(&text, width, &measure)
            .into_iter()
            .map(|text| Line {
                text,
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

    fn draw_line(&mut self, line: &Line, x: f32) {
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

/// `s`'s text made printable and shortened with "…" to fit `width`.
#[must_use]
pub fn fit_text(fonts: &Fonts, s: &Styled, width: f32) -> String {
    let text = fonts.printable(s.face, &s.text).replace('\n', " ");
    if fonts.width(s.face, s.size, &text) <= width {
        return text;
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().collect::<String>() + "…";
        if fonts.width(s.face, s.size, &candidate) <= width {
            return candidate;
        }
    }
    String::new()
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
