//! The geometry of a laid-out page: US Letter, its margins, and what is drawn on it. Pure data.
//!
//! Coordinates are PDF points from the page's lower left corner.

use super::fonts::Face;

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

/// The distance from one baseline to the next for text of `size` points (a little tighter for
/// the small text of the compact lists).
#[must_use]
pub fn leading(size: f32) -> f32 {
    if size < 8.0 { size * 1.16 } else { size * 1.22 }
}

/// From the top of a line box down to its baseline.
#[must_use]
pub fn baseline_drop(size: f32) -> f32 {
    size * 0.95
}

/// One laid-out line: printable text in drawing order, in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The text, printable and in drawing order.
    pub text: String,
    /// Regular or bold.
    pub face: Face,
    /// Size in points.
    pub size: f32,
    /// 0 black … 1 white.
    pub gray: f32,
}

impl Line {
    /// Its leading.
    #[must_use]
    pub fn height(&self) -> f32 {
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

/// Inner padding of table cells, left and right.
pub const CELL_PAD_X: f32 = 4.0;
/// Inner padding of table cells, top and bottom.
pub const CELL_PAD_Y: f32 = 3.0;

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
