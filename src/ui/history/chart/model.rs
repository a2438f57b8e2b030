//! What the chart shows, worked out without drawing anything, so it is tested alone: the
//! sign-offs it draws (and those it leaves out), how each status is drawn, the dates it spans,
//! the elections in that span, the month marks of its axis, which sign-off a click lands on,
//! and where the election names go so that none covers another.

use std::collections::HashMap;

use chrono::{Datelike as _, Days, NaiveDate, NaiveDateTime, Timelike as _};

use crate::calendar::{ElectionStatus, OfficeCalendar};
use crate::checks::Verdict;
use crate::records::history::HistoryRow;
use crate::records::{Counts, Integrity, ItemStatus};

/// The shape of a status's points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// A circle.
    Circle,
    /// A square.
    Square,
    /// A diamond.
    Diamond,
    /// A triangle pointing up.
    Up,
    /// A triangle pointing down.
    Down,
}

/// How a status's line is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dash {
    /// Unbroken.
    Solid,
    /// Dashes.
    Dashed,
    /// Dots.
    Dotted,
}

/// One status as the chart draws it: besides its tone's colour, a shape and a line of its own,
/// so that no two statuses look alike to someone who cannot tell the colours apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Series {
    /// The status counted.
    pub status: ItemStatus,
    /// The shape of its points.
    pub marker: Marker,
    /// Whether the shape is filled (or an outline).
    pub filled: bool,
    /// Its line.
    pub dash: Dash,
}

/// The statuses drawn, in the legend's order: what passed, what needs attention (warnings,
/// failures, practices not done) and what is open (the check could not tell, not answered).
/// Done, checked by hand and not applicable are the rest of each sign-off.
pub const SERIES: [Series; 6] = [
    Series {
        status: ItemStatus::Checked(Verdict::Pass),
        marker: Marker::Circle,
        filled: true,
        dash: Dash::Solid,
    },
    Series {
        status: ItemStatus::Checked(Verdict::Warn),
        marker: Marker::Up,
        filled: true,
        dash: Dash::Solid,
    },
    Series {
        status: ItemStatus::Checked(Verdict::Fail),
        marker: Marker::Square,
        filled: true,
        dash: Dash::Solid,
    },
    Series {
        status: ItemStatus::NotDone,
        marker: Marker::Diamond,
        filled: true,
        dash: Dash::Dashed,
    },
    Series {
        status: ItemStatus::Checked(Verdict::Unknown),
        marker: Marker::Down,
        filled: true,
        dash: Dash::Dotted,
    },
    Series {
        status: ItemStatus::NotAnswered,
        marker: Marker::Circle,
        filled: false,
        dash: Dash::Dashed,
    },
];

/// The order the statuses are drawn in, last on top: failures and practices not done are
/// never hidden under a line that happens to have the same count.
pub const DRAW_ORDER: [usize; 6] = [0, 5, 4, 1, 3, 2];

/// One sign-off as the chart draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct Signoff {
    /// The record's number.
    pub sequence: u64,
    /// Where it is on the time axis: see [`day_x`].
    pub x: f64,
    /// The signer's local date.
    pub date: NaiveDate,
    /// How many items had each status.
    pub counts: Counts,
}

/// The sign-offs the chart draws, and the records it leaves out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signoffs {
    /// Intact records, by time of signing.
    pub drawn: Vec<Signoff>,
    /// Records that are not intact, with what is wrong: their counts cannot be trusted, so
    /// they are not drawn (History lists them with what to do).
    pub left_out: Vec<(u64, Integrity)>,
}

impl Signoffs {
    /// The sign-offs in `rows`; `signed` gives each record's local time of signing (the row's
    /// date at midnight where it is missing).
    pub fn of(rows: &[HistoryRow], signed: &HashMap<u64, NaiveDateTime>) -> Self {
        let mut out = Self::default();
        for row in rows {
            if row.integrity != Integrity::Intact {
                out.left_out.push((row.sequence, row.integrity));
                continue;
            }
            let at = signed
                .get(&row.sequence)
                .copied()
                .unwrap_or_else(|| row.local_date.and_time(chrono::NaiveTime::MIN));
            out.drawn.push(Signoff {
                sequence: row.sequence,
                x: time_x(at),
                date: at.date(),
                counts: row.counts,
            });
        }
        out.drawn.sort_by(|a, b| a.x.total_cmp(&b.x));
        out
    }
}

/// A date on the time axis: days since January 1 of the year 1.
pub fn day_x(date: NaiveDate) -> f64 {
    f64::from(date.num_days_from_ce())
}

/// A local time on the time axis: its day plus the part of the day gone.
fn time_x(at: NaiveDateTime) -> f64 {
    day_x(at.date()) + f64::from(at.time().num_seconds_from_midnight()) / 86_400.0
}

/// An election day marked on the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ElectionMark {
    /// The election day on the time axis.
    pub x: f64,
    /// The day its window opens (a sign-off from then on counts for it).
    pub opens_x: f64,
    /// Its name, e.g. "General election".
    pub name: String,
    /// The election and whether a sign-off covered it, in words (shown on hover).
    pub words: String,
}

/// What the chart spans and marks.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The first day shown.
    pub start: NaiveDate,
    /// The last day shown.
    pub end: NaiveDate,
    /// The top of the count axis.
    pub y_top: f64,
    /// The elections from `start` to `end`.
    pub elections: Vec<ElectionMark>,
    /// The first day of every month from `start` to `end`.
    pub months: Vec<Month>,
}

/// The first day of a month, as a mark on the time axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Month {
    /// Where it is on the time axis.
    pub x: f64,
    /// Which month of the year, from 0 (January) to 11.
    pub month0: u32,
    /// Its words, e.g. "Mar 2026".
    pub words: String,
}

/// The average length of a month, in days.
const MONTH_DAYS: f64 = 30.44;

/// The least span of the chart, in days, so that one sign-off still shows on a readable axis.
const LEAST_SPAN_DAYS: i64 = 90;

/// What the chart spans: from a little before the first sign-off to a little after the last
/// sign-off or the next election, whichever is later; `None` when there is nothing to draw.
/// `words` says an election and its coverage in words.
pub fn layout(
    signoffs: &[Signoff],
    calendar: Option<&OfficeCalendar>,
    words: impl Fn(&ElectionStatus) -> String,
) -> Option<Layout> {
    let first = signoffs.first()?.date;
    let mut last = signoffs.last()?.date;
    let report = calendar.map(|c| &c.report);
    if let Some(next) = report.and_then(|r| r.next()) {
        last = last.max(next.day.date);
    }
    let span = last.signed_duration_since(first).num_days();
    let pad = (span / 20).max(14).max((LEAST_SPAN_DAYS - span) / 2);
    let pad = Days::new(u64::try_from(pad).unwrap_or(14));
    let start = first.checked_sub_days(pad).unwrap_or(first);
    let end = last.checked_add_days(pad).unwrap_or(last);
    let elections = report
        .into_iter()
        .flat_map(|r| r.past.iter().chain(&r.upcoming))
        .filter(|s| start <= s.day.date && s.day.date <= end)
        .map(|s| ElectionMark {
            x: day_x(s.day.date),
            opens_x: day_x(s.window_opens),
            name: s.day.name(),
            words: words(s),
        })
        .collect();
    let most = signoffs
        .iter()
        .flat_map(|s| SERIES.map(|series| s.counts.get(series.status)))
        .max()
        .unwrap_or(0);
    let most = f64::from(most);
    Some(Layout {
        start,
        end,
        y_top: most + (most * 0.1).max(1.0),
        elections,
        months: month_marks(start, end),
    })
}

/// The first day of every month after `start` up to `end`.
fn month_marks(start: NaiveDate, end: NaiveDate) -> Vec<Month> {
    let mut marks = Vec::new();
    let mut month = start
        .with_day(1)
        .and_then(|d| d.checked_add_months(chrono::Months::new(1)));
    while let Some(day) = month.filter(|d| *d <= end) {
        marks.push(Month {
            x: day_x(day),
            month0: day.month0(),
            words: day.format("%b %Y").to_string(),
        });
        month = day.checked_add_months(chrono::Months::new(1));
    }
    marks
}

/// The months the time axis marks when a day is `points_per_day` wide and a mark's words need
/// `least_gap` points: every month, or every 2, 3, 6 or 12 months (from January), whichever is
/// the first whose marks are far enough apart; none so close to the right end (`right`, in
/// days) that its words would be cut. Each comes with the distance between marks, in days.
pub fn months_shown(
    months: &[Month],
    points_per_day: f64,
    least_gap: f64,
    right: f64,
) -> Vec<(f64, f64)> {
    let every = [1, 2, 3, 6, 12]
        .into_iter()
        .find(|&n| f64::from(n) * MONTH_DAYS * points_per_day >= least_gap)
        .unwrap_or(12);
    let step = f64::from(every) * MONTH_DAYS;
    let half_words = least_gap / 2.0 / points_per_day.max(f64::EPSILON);
    months
        .iter()
        .filter(|m| m.month0 % every == 0 && m.x + half_words <= right)
        .map(|m| (m.x, step))
        .collect()
}

/// The steps of the count axis: the smallest of 1, 2, 5, 10, 20, 50… that is at least
/// `least`.
pub fn count_step(least: f64) -> f64 {
    let mut scale = 1.0;
    loop {
        for step in [1.0, 2.0, 5.0] {
            if step * scale >= least {
                return step * scale;
            }
        }
        scale *= 10.0;
        if scale > 1e9 {
            return scale;
        }
    }
}

/// The sign-off whose point is nearest to `at`, if one is within `reach` (all in screen
/// points). `points` are where each sign-off's points were drawn.
pub fn hit(points: &[(u64, egui::Pos2)], at: egui::Pos2, reach: f32) -> Option<u64> {
    points
        .iter()
        .map(|(sequence, pos)| (*sequence, pos.distance(at)))
        .filter(|(_, distance)| *distance <= reach)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(sequence, _)| sequence)
}

/// Where one election name goes above the chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spot {
    /// The row, from the top.
    pub row: usize,
    /// Its left edge.
    pub left: f32,
    /// Its width: less than the text's when the text must be cut short ("…"); 0 when there is
    /// no room at all.
    pub width: f32,
}

/// Places names above their lines: at `xs` (sorted), `widths` wide, between `left` and
/// `right`, taking turns over `rows` rows, each to the right of its line where it fits, else to
/// the left, else in the room there is (cut short). No two names in a row overlap.
pub fn place_labels(
    xs: &[f32],
    widths: &[f32],
    (left, right): (f32, f32),
    rows: usize,
    gap: f32,
) -> Vec<Spot> {
    let rows = rows.max(1);
    let mut row_end = vec![f32::NEG_INFINITY; rows];
    let mut spots = Vec::with_capacity(xs.len());
    for (i, (&x, &width)) in xs.iter().zip(widths).enumerate() {
        let row = i % rows;
        let next = xs.get(i + rows).map_or(right, |next| next.min(right));
        let after = x + gap;
        let room_after = next - gap - after;
        let before_end = x - gap;
        let before_start = left.max(row_end[row] + gap);
        let room_before = before_end - before_start;
        let (spot_left, spot_width) = if room_after >= width {
            (after, width)
        } else if room_before >= width {
            (before_end - width, width)
        } else if room_after >= room_before {
            (after, room_after.max(0.0))
        } else {
            (before_start, room_before.max(0.0))
        };
        row_end[row] = spot_left + spot_width;
        spots.push(Spot {
            row,
            left: spot_left,
            width: spot_width,
        });
    }
    spots
}

/// True when no name in a row below `row` (nearer the chart) is in the way of a line at `x`
/// going up to `row`.
pub fn line_is_clear(spots: &[Spot], row: usize, x: f32) -> bool {
    spots
        .iter()
        .filter(|s| s.row > row && s.width > 0.0)
        .all(|s| x < s.left - 1.0 || s.left + s.width + 1.0 < x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{OfficeCalendar, long_date};

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn same(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} is not {b}");
    }

    fn signoff(sequence: u64, date: &str, counts: Counts) -> Signoff {
        Signoff {
            sequence,
            x: day_x(d(date)),
            date: d(date),
            counts,
        }
    }

    fn calendar(today: &str, signed: &[&str]) -> OfficeCalendar {
        crate::testing::office_calendar(today, signed, 2025..=2027)
    }

    #[test]
    fn every_status_looks_different_without_its_colour() {
        for (i, a) in SERIES.iter().enumerate() {
            for b in &SERIES[i + 1..] {
                assert_ne!(
                    (a.marker, a.filled, a.dash),
                    (b.marker, b.filled, b.dash),
                    "{:?} and {:?}",
                    a.status,
                    b.status
                );
            }
        }
        let mut order = DRAW_ORDER.to_vec();
        order.sort_unstable();
        assert_eq!(order, [0, 1, 2, 3, 4, 5]);
        // Failures are drawn last, on top.
        assert_eq!(
            SERIES[DRAW_ORDER[5]].status,
            ItemStatus::Checked(Verdict::Fail)
        );
    }

    #[test]
    fn the_chart_spans_the_signoffs_and_the_next_election_with_the_elections_between() {
        let counts = Counts {
            passed: 7,
            failed: 2,
            not_answered: 12,
            ..Counts::default()
        };
        let signoffs = [
            signoff(1, "2026-03-03", counts),
            signoff(2, "2026-10-20", Counts::default()),
        ];
        let cal = calendar("2026-11-24", &["2026-03-03", "2026-10-20"]);
        let layout = layout(&signoffs, Some(&cal), |s| long_date(s.day.date)).unwrap();
        // March 3, 2026 to February 16, 2027 (the next election) is 350 days: 17 days either
        // side.
        assert_eq!(layout.start, d("2026-02-14"));
        assert_eq!(layout.end, d("2027-03-05"));
        let names: Vec<(&str, &str)> = layout
            .elections
            .iter()
            .map(|e| (e.name.as_str(), e.words.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("Spring primary", "February 17, 2026"),
                ("Spring election", "April 7, 2026"),
                ("Partisan primary", "August 11, 2026"),
                ("General election", "November 3, 2026"),
                ("Spring primary", "February 16, 2027"),
            ]
        );
        same(layout.elections[3].x - layout.elections[3].opens_x, 60.0);
        // The most items of one drawn status is 12: the axis goes a little above.
        assert!((layout.y_top - 13.2).abs() < 1e-9, "{}", layout.y_top);
        // Months from March 2026 to March 2027.
        assert_eq!(layout.months.first().unwrap().words, "Mar 2026");
        assert_eq!(layout.months.last().unwrap().words, "Mar 2027");
        assert_eq!(layout.months.len(), 13);
        assert!(layout.months.iter().all(|m| m.x > day_x(layout.start)));
    }

    #[test]
    fn month_marks_thin_out_on_a_narrow_chart_and_stay_clear_of_the_right_end() {
        let months = month_marks(d("2025-11-15"), d("2027-03-05"));
        let shown = |points_per_day: f64| -> Vec<String> {
            months_shown(&months, points_per_day, 80.0, day_x(d("2027-03-05")))
                .iter()
                .map(|(x, _)| {
                    let month = months.iter().find(|m| (m.x - *x).abs() < 0.5).unwrap();
                    month.words.clone()
                })
                .collect()
        };
        // 3 points a day: every month, but not March 2027 (4 days from the end).
        let wide = shown(3.0);
        assert_eq!(wide.first().unwrap(), "Dec 2025");
        assert_eq!(wide.last().unwrap(), "Feb 2027");
        assert_eq!(wide.len(), 15);
        // 1.5 points a day: every other month (46 points a month is too close).
        assert_eq!(
            shown(1.5),
            [
                "Jan 2026", "Mar 2026", "May 2026", "Jul 2026", "Sep 2026", "Nov 2026", "Jan 2027"
            ]
        );
        // Very narrow: January only, and not January 2027, whose words would be cut at the end.
        assert_eq!(shown(0.2), ["Jan 2026"]);
        let gaps = months_shown(&months, 1.5, 80.0, f64::MAX);
        assert!(gaps.iter().all(|(_, step)| step * 1.5 >= 80.0));
    }

    #[test]
    fn one_signoff_and_no_calendar_still_span_a_readable_axis() {
        let one = [signoff(1, "2026-11-24", Counts::default())];
        let layout = layout(&one, None, |_| String::new()).unwrap();
        assert_eq!(
            layout.end.signed_duration_since(layout.start).num_days(),
            90
        );
        assert!(layout.elections.is_empty());
        same(layout.y_top, 1.0);
        assert!(super::layout(&[], None, |_| String::new()).is_none());
    }

    #[test]
    fn records_not_intact_are_left_out_and_the_rest_sorted_by_time() {
        let row = |sequence: u64, date: &str, integrity: Integrity| HistoryRow {
            sequence,
            path: format!("{sequence}.ron").into(),
            signed_at_utc: String::new(),
            signed_at_local: String::new(),
            local_date: d(date),
            signer: String::new(),
            title: String::new(),
            jurisdiction: String::new(),
            jurisdiction_kind: crate::records::JurisdictionKind::Municipality,
            county: String::new(),
            computer: String::new(),
            counts: Counts::default(),
            fingerprint: String::new(),
            integrity,
            integrity_detail: String::new(),
            reviews: Vec::new(),
        };
        let rows = [
            row(1, "2026-03-03", Integrity::Intact),
            row(2, "2026-06-02", Integrity::Altered),
            row(3, "2026-03-03", Integrity::Intact),
        ];
        let times = HashMap::from([
            (1, d("2026-03-03").and_hms_opt(15, 0, 0).unwrap()),
            (3, d("2026-03-03").and_hms_opt(9, 0, 0).unwrap()),
        ]);
        let signoffs = Signoffs::of(&rows, &times);
        let order: Vec<u64> = signoffs.drawn.iter().map(|s| s.sequence).collect();
        assert_eq!(order, [3, 1]);
        assert!((signoffs.drawn[1].x - day_x(d("2026-03-03")) - 0.625).abs() < 1e-9);
        assert_eq!(signoffs.left_out, [(2, Integrity::Altered)]);
    }

    #[test]
    fn count_steps_are_round_numbers() {
        same(count_step(0.3), 1.0);
        same(count_step(1.5), 2.0);
        same(count_step(3.0), 5.0);
        same(count_step(7.0), 10.0);
        same(count_step(11.0), 20.0);
    }

    #[test]
    fn a_click_opens_the_nearest_signoff_within_reach() {
        let points = [
            (1, egui::pos2(100.0, 50.0)),
            (1, egui::pos2(100.0, 150.0)),
            (2, egui::pos2(130.0, 150.0)),
        ];
        assert_eq!(hit(&points, egui::pos2(104.0, 148.0), 12.0), Some(1));
        assert_eq!(hit(&points, egui::pos2(120.0, 150.0), 12.0), Some(2));
        assert_eq!(hit(&points, egui::pos2(115.0, 100.0), 12.0), None);
        assert_eq!(hit(&[], egui::pos2(0.0, 0.0), 12.0), None);
    }

    #[test]
    fn election_names_never_overlap_in_a_row_and_stay_inside() {
        // Seven weeks apart on a narrow chart: the names take turns over two rows, and a name
        // near the right edge goes left of its line.
        let xs = [10.0, 90.0, 170.0, 250.0, 395.0];
        let widths = [110.0, 110.0, 90.0, 120.0, 110.0];
        let spots = place_labels(&xs, &widths, (0.0, 400.0), 2, 4.0);
        for (i, spot) in spots.iter().enumerate() {
            assert!(
                spot.left >= 0.0 && spot.left + spot.width <= 400.0,
                "{spot:?}"
            );
            for other in &spots[i + 1..] {
                if other.row == spot.row {
                    assert!(
                        spot.left + spot.width <= other.left
                            || other.left + other.width <= spot.left,
                        "{spot:?} {other:?}"
                    );
                }
            }
        }
        assert_eq!(
            spots[0],
            Spot {
                row: 0,
                left: 14.0,
                width: 110.0
            }
        );
        // The last is left of its line, whole.
        same(f64::from(spots[4].width), 110.0);
        assert!(spots[4].left + spots[4].width <= 395.0);
        // A line goes up to its name unless a name in a row below is in the way.
        assert!(line_is_clear(&spots, 1, 90.0));
        assert!(line_is_clear(&spots, 0, 10.0));
        assert!(!line_is_clear(&spots, 0, 170.0), "{spots:?}");
        // Crowded: cut short rather than overlap.
        let crowded = place_labels(&[10.0, 20.0, 30.0], &[80.0; 3], (0.0, 100.0), 1, 4.0);
        assert!(crowded.iter().any(|s| s.width < 80.0));
    }
}
