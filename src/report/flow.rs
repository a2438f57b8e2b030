//! Two columns of item blocks: the compact list of items that are in order. Blocks flow down
//! the left column, then the right one, page after page; on the last page the two columns are
//! balanced, so a short list does not run down one side only.

use super::layout::Layout;
use super::page::{Element, LEFT, Line, Styled, WIDTH, baseline_drop};

/// The space between the two columns.
pub const GAP: f32 = 12.0;
/// The width of one column.
pub const COLUMN_WIDTH: f32 = (WIDTH - GAP) / 2.0;
/// The space under each block.
const BLOCK_GAP: f32 = 2.0;
/// A block taller than this is cut into pieces between lines, so any piece fits a column.
const MAX_BLOCK: f32 = 300.0;

/// One item in the flow.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Block {
    /// Lines across the whole column above the rest (a section title), kept with the block.
    pub heading: Vec<Line>,
    /// The narrow left part: the status.
    pub gutter: Vec<Line>,
    /// The rest: the item, its evidence, note or reason.
    pub body: Vec<Line>,
}

impl Block {
    /// Its height, the gap below included.
    #[must_use]
    pub fn height(&self) -> f32 {
        height(&self.heading) + height(&self.gutter).max(height(&self.body)) + BLOCK_GAP
    }

    /// The block cut into pieces no taller than `max` (between lines; a piece holds at least
    /// one line, so this always ends).
    fn pieces(self, max: f32) -> Vec<Self> {
        if self.height() <= max {
            return vec![self];
        }
        let mut pieces = Vec::new();
        let mut current = Self {
            heading: self.heading,
            gutter: self.gutter,
            body: Vec::new(),
        };
        for line in self.body {
            let mut next = current.clone();
            next.body.push(line.clone());
            if next.height() > max && !current.body.is_empty() {
                pieces.push(std::mem::take(&mut current));
                current.body.push(line);
            } else {
                current = next;
            }
        }
        pieces.push(current);
        pieces
    }
}

fn height(lines: &[Line]) -> f32 {
    lines.iter().map(Line::height).sum()
}

/// Where to cut `heights` into two columns so the taller one is as short as possible: the
/// number of blocks in the left column, and the taller column's height.
#[must_use]
pub fn balanced_split(heights: &[f32]) -> (usize, f32) {
    let total: f32 = heights.iter().sum();
    let mut best = (heights.len(), total);
    let mut left = 0.0_f32;
    for (k, h) in heights.iter().enumerate() {
        let taller = left.max(total - left);
        if taller < best.1 {
            best = (k, taller);
        }
        left += h;
    }
    best
}

/// How many of `heights` fit, one after the other, in `room`.
fn fitting(heights: &[f32], room: f32) -> usize {
    let mut used = 0.0;
    heights
        .iter()
        .take_while(|h| {
            used += *h;
            used <= room + 0.01
        })
        .count()
}

impl Layout<'_> {
    /// Lays `blocks` out in two columns from the cursor down, continuing on new pages (with
    /// `continued` at their top), and leaves the cursor under the taller column.
    pub fn flow(&mut self, blocks: Vec<Block>, gutter: f32, continued: &str) {
        let blocks: Vec<Block> = blocks
            .into_iter()
            .flat_map(|b| b.pieces(MAX_BLOCK))
            .collect();
        let heights: Vec<f32> = blocks.iter().map(Block::height).collect();
        let mut next = 0;
        let mut fresh = false;
        while next < blocks.len() {
            let room = self.remaining();
            let rest = &heights[next..];
            let (left, taller) = balanced_split(rest);
            if taller <= room + 0.01 {
                self.place(&blocks[next..next + left], LEFT, gutter);
                self.place(&blocks[next + left..], LEFT + COLUMN_WIDTH + GAP, gutter);
                self.set_y(self.y() - taller);
                return;
            }
            let in_left = fitting(rest, room);
            let in_right = fitting(&rest[in_left..], room);
            if in_left == 0 && !fresh {
                self.continue_flow(continued);
                fresh = true;
                continue;
            }
            // A piece is never taller than a fresh page's column, so at least one block moves
            // on; should one ever be, it is drawn anyway rather than loop.
            let in_left = in_left.max(1);
            self.place(&blocks[next..next + in_left], LEFT, gutter);
            let right_start = next + in_left;
            self.place(
                &blocks[right_start..right_start + in_right],
                LEFT + COLUMN_WIDTH + GAP,
                gutter,
            );
            next = right_start + in_right;
            if next < blocks.len() {
                self.continue_flow(continued);
                fresh = true;
            }
        }
    }

    /// A new page with the "(continued)" label.
    fn continue_flow(&mut self, continued: &str) {
        self.new_page();
        self.text_line(
            &Styled::small(format!("{continued} (continued)")),
            LEFT,
            WIDTH,
        );
        self.skip(2.0);
    }

    /// Draws `blocks` one under the other in the column at `x`, from the cursor down; the
    /// cursor itself does not move.
    fn place(&mut self, blocks: &[Block], x: f32, gutter: f32) {
        let mut top = self.y();
        for block in blocks {
            let mut y = top;
            for line in &block.heading {
                self.push_line(line, x, y);
                y -= line.height();
            }
            let (mut gy, mut by) = (y, y);
            for line in &block.gutter {
                self.push_line(line, x, gy);
                gy -= line.height();
            }
            for line in &block.body {
                self.push_line(line, x + gutter, by);
                by -= line.height();
            }
            let bottom = gy.min(by) - BLOCK_GAP / 2.0;
            self.push(Element::Rule {
                x1: x,
                y1: bottom,
                x2: x + COLUMN_WIDTH,
                y2: bottom,
                width: 0.3,
                gray: 0.75,
            });
            top -= block.height();
        }
    }

    fn push_line(&mut self, line: &Line, x: f32, top: f32) {
        self.push(Element::Text {
            x,
            y: top - baseline_drop(line.size),
            face: line.face,
            size: line.size,
            gray: line.gray,
            text: line.text.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fonts::Face;

    fn line(text: &str) -> Line {
        Line {
            text: text.to_owned(),
            face: Face::Regular,
            size: 10.0,
            gray: 0.0,
        }
    }

    #[test]
    fn the_split_balances_the_two_columns() {
        let split = |heights: &[f32]| {
            let (left, taller) = balanced_split(heights);
            // Whole points are enough to compare.
            #[expect(clippy::cast_possible_truncation, reason = "small test heights")]
            (left, taller.round() as i32)
        };
        assert_eq!(split(&[10.0, 10.0, 10.0, 10.0]), (2, 20));
        assert_eq!(split(&[30.0, 10.0, 10.0]), (1, 30));
        assert_eq!(split(&[5.0]).1, 5);
        assert_eq!(split(&[]), (0, 0));
    }

    #[test]
    fn a_tall_block_is_cut_between_lines_and_loses_nothing() {
        let block = Block {
            heading: vec![line("Section")],
            gutter: vec![line("✓ Done")],
            body: (0..100).map(|i| line(&format!("line {i}"))).collect(),
        };
        let pieces = block.pieces(100.0);
        assert!(pieces.len() > 5);
        assert!(pieces.iter().all(|p| p.height() <= 100.0));
        let lines: usize = pieces.iter().map(|p| p.body.len()).sum();
        assert_eq!(lines, 100);
        assert_eq!(pieces[0].gutter.len(), 1);
        assert!(pieces[1].gutter.is_empty() && pieces[1].heading.is_empty());
    }
}
