//! History at a glance: how many items had each result at each sign-off, over time (`egui_plot`),
//! with the election days marked and the window before each shaded.
//!
//! Every status has its word in the legend, its tone's colour, and a shape and line of its own:
//! never colour alone. Clicking a sign-off's point opens its record. The points are not seen by
//! screen readers and cannot take the keyboard focus, so the chart is an extra: every record
//! has "Open record N" in the list below it, and the elections have their own list in words.

mod model;

use std::collections::HashMap;

use chrono::NaiveDateTime;
use egui::{Color32, CursorIcon, Pos2, Rect, Stroke, TextStyle};
use egui_plot::{
    AxisHints, GridInput, GridMark, Line, LineStyle, MarkerShape, Plot, PlotBounds, PlotPoint,
    Points, Span, VLine, VPlacement,
};

use crate::calendar::{DEFAULT_WINDOW_DAYS, OfficeCalendar, long_date};
use crate::records::history::HistoryRow;
use crate::ui::theme::{self, Palette, Tone};

use super::HistoryState;
use super::elections::coverage;
use model::{DRAW_ORDER, Dash, Marker, SERIES, Series, Signoff, Signoffs};

/// How many rows the election names above the chart take turns over.
const LABEL_ROWS: u8 = 2;
/// Space between an election's line and its name, in points.
const LABEL_GAP: f32 = 4.0;
/// How much of the shading of the windows before elections covers what is under it.
const WINDOW_SHADE: f32 = 0.8;
/// The least space between grid lines, in points.
const GRID_SPACING: f32 = 8.0;
/// The least distance between two months named on the time axis ("Sep 2026" and a gap).
const MONTH_WORDS_GAP: f64 = 76.0;

/// The chart's part of History's state.
#[derive(Debug, Default)]
pub struct ChartState {
    /// The sign-offs drawn and the records left out, from the last load.
    signoffs: Signoffs,
    /// Where each sign-off's points were drawn in the last frame, in screen points.
    points: Vec<(u64, Pos2)>,
}

impl ChartState {
    /// The chart of `rows`; `signed` gives each record's local time of signing.
    pub fn new(rows: &[HistoryRow], signed: &HashMap<u64, NaiveDateTime>) -> Self {
        Self {
            signoffs: Signoffs::of(rows, signed),
            points: Vec::new(),
        }
    }

    /// Where each sign-off's points were drawn in the last frame (record number, screen
    /// position): what a click is matched against.
    pub fn points(&self) -> &[(u64, Pos2)] {
        &self.points
    }
}

/// The chart with its legend, under its title; nothing when there is no intact record.
pub(super) fn chart_ui(
    ui: &mut egui::Ui,
    state: &mut HistoryState,
    calendar: Option<&OfficeCalendar>,
) {
    let window = calendar.map_or(DEFAULT_WINDOW_DAYS, |c| c.schedule.window_days);
    let drawn = &state.chart.signoffs.drawn;
    let Some(layout) = model::layout(drawn, calendar, |s| coverage(s, window).1) else {
        state.chart.points.clear();
        left_out_ui(ui, &state.chart.signoffs);
        return;
    };
    ui.add_space(theme::BLOCK_GAP);
    ui.label(theme::section_title("At a glance"));
    ui.add(
        egui::Label::new(
            "How many items had each result at each sign-off. Click a point to open that \
             record; the list of records below has every one of them too.",
        )
        .wrap(),
    );
    legend_ui(ui, window, calendar.is_some());
    let palette = Palette::of(ui.ctx().theme());
    let row_height = ui.text_style_height(&TextStyle::Body) + 2.0;
    let band = row_height * f32::from(LABEL_ROWS);
    let height = (ui.ctx().content_rect().height() * theme::CHART_HEIGHT_SHARE)
        .clamp(theme::CHART_HEIGHT_RANGE.0, theme::CHART_HEIGHT_RANGE.1)
        + band;

    // A little below 0, so that points at 0 are not cut in half by the chart's edge.
    let bounds = PlotBounds::from_min_max(
        [model::day_x(layout.start), -0.04 * layout.y_top],
        [model::day_x(layout.end), layout.y_top],
    );
    let contents = contents(
        drawn.clone(),
        layout.elections.clone(),
        bounds,
        ui.ctx().theme(),
    );
    let response = plot(&layout, palette, band, height).show(ui, contents);

    let transform = response.transform;
    state.chart.points = drawn
        .iter()
        .flat_map(|s| {
            SERIES.map(|series| {
                let y = f64::from(s.counts.get(series.status));
                (
                    s.sequence,
                    transform.position_from_point(&PlotPoint::new(s.x, y)),
                )
            })
        })
        .collect();
    let mut plot_response = response.response.accessible_name(chart_name(drawn));
    let hovered = plot_response
        .hover_pos()
        .and_then(|at| model::hit(&state.chart.points, at, theme::CHART_CLICK_REACH))
        .and_then(|sequence| drawn.iter().find(|s| s.sequence == sequence));
    if let Some(signoff) = hovered {
        plot_response = plot_response
            .on_hover_cursor(CursorIcon::PointingHand)
            .on_hover_text_at_pointer(signoff_words(signoff));
    }
    let clicked = plot_response
        .clicked()
        .then(|| plot_response.interact_pointer_pos())
        .flatten()
        .and_then(|at| model::hit(&state.chart.points, at, theme::CHART_CLICK_REACH));
    election_names_ui(ui, &layout.elections, &transform, band, row_height);
    left_out_ui(ui, &state.chart.signoffs);
    if let Some(sequence) = clicked {
        state.open_record(sequence);
    }
}

/// What the plot draws: the windows before the elections shaded, the election days as dashed
/// lines, and a line with points for each status.
fn contents(
    drawn: Vec<Signoff>,
    elections: Vec<model::ElectionMark>,
    bounds: PlotBounds,
    theme: egui::Theme,
) -> impl FnOnce(&mut egui_plot::PlotUi<'_>) {
    let palette = Palette::of(theme);
    move |plot_ui| {
        plot_ui.set_plot_bounds(bounds);
        for e in &elections {
            // See-through, so the count lines show across it.
            let shade = palette.stripe.gamma_multiply(WINDOW_SHADE);
            plot_ui.span(Span::new("", e.opens_x..=e.x).fill(shade));
        }
        for e in &elections {
            plot_ui.vline(
                VLine::new(e.name.clone(), e.x)
                    .color(palette.weak_text)
                    .width(1.5)
                    .style(LineStyle::Dashed { length: 6.0 })
                    .allow_hover(false),
            );
        }
        for index in DRAW_ORDER {
            let series = SERIES[index];
            let color = theme::status_tone(series.status).color(theme);
            let values: Vec<[f64; 2]> = drawn
                .iter()
                .map(|s| [s.x, f64::from(s.counts.get(series.status))])
                .collect();
            let word = series.status.word();
            plot_ui.line(
                Line::new(word, values.clone())
                    .color(color)
                    .width(theme::CHART_LINE_WIDTH)
                    .style(line_style(series.dash))
                    .allow_hover(false),
            );
            plot_ui.points(
                Points::new(word, values)
                    .color(color)
                    .radius(theme::CHART_POINT_RADIUS)
                    .shape(marker_shape(series.marker))
                    .filled(series.filled)
                    .allow_hover(false),
            );
        }
    }
}

/// What a screen reader hears for the chart.
fn chart_name(drawn: &[Signoff]) -> String {
    let span = match (drawn.first(), drawn.last()) {
        (Some(first), Some(last)) if first.date != last.date => format!(
            ", from {} to {}",
            long_date(first.date),
            long_date(last.date)
        ),
        (Some(first), _) => format!(", on {}", long_date(first.date)),
        _ => String::new(),
    };
    format!(
        "Chart of the results of {} sign-offs{span}. Each of them is also in the list of \
         records below.",
        drawn.len()
    )
}

/// The plot without its contents: no zooming, dragging or scrolling (the page scrolls, not
/// the chart), no coordinates under the pointer, months along the bottom, whole numbers up the
/// side, and an empty band above for the election names.
fn plot<'a>(layout: &model::Layout, palette: Palette, band: f32, height: f32) -> Plot<'a> {
    let months = layout.months.clone();
    let marks = layout.months.clone();
    // Labels are either shown in full or left out, never faded below 4.5:1.
    let dates = AxisHints::new_x()
        .formatter(move |mark: GridMark, _| {
            months
                .iter()
                .find(|m| (m.x - mark.value).abs() < 0.5)
                .map(|m| m.words.clone())
                .unwrap_or_default()
        })
        .label_spacing(60.0..=60.0)
        .tick_label_color(palette.text);
    let names = AxisHints::new_x()
        .placement(VPlacement::Top)
        .min_thickness(band)
        .formatter(|_, _| String::new());
    let counts = AxisHints::new_y()
        .formatter(|mark: GridMark, _| format!("{:.0}", mark.value))
        .label_spacing(20.0..=20.0)
        .tick_label_color(palette.text);
    Plot::new("history chart")
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .allow_axis_zoom_drag(false)
        .show_x(false)
        .show_y(false)
        .show_crosshair(false)
        // Clicks, but no keyboard focus: the list of records is the way there by keyboard.
        .sense(egui::Sense::CLICK)
        .custom_x_axes(vec![dates, names])
        .custom_y_axes(vec![counts])
        .grid_spacing(GRID_SPACING..=300.0)
        // Count lines only: the months are named along the bottom, and the dashed lines are
        // the election days.
        .show_grid([false, true])
        .x_grid_spacer(move |input: GridInput| {
            // The spacer is told how many days GRID_SPACING points are.
            let points_per_day = f64::from(GRID_SPACING) / input.base_step_size;
            model::months_shown(&marks, points_per_day, MONTH_WORDS_GAP, input.bounds.1)
                .into_iter()
                .map(|(value, step_size)| GridMark { value, step_size })
                .collect()
        })
        .y_grid_spacer(|input: GridInput| {
            // At least 24 points apart.
            let step = model::count_step(input.base_step_size * 24.0 / f64::from(GRID_SPACING));
            let mut marks = Vec::new();
            let mut value = 0.0;
            while value <= input.bounds.1 {
                marks.push(GridMark {
                    value,
                    step_size: step,
                });
                value += step;
            }
            marks
        })
}

/// A sign-off in words, on hover: "Record 4, signed October 12, 2026: 9 Pass, 2 Fail, …
/// Click to open it."
fn signoff_words(signoff: &Signoff) -> String {
    let counts: Vec<String> = SERIES
        .iter()
        .map(|s| format!("{} {}", signoff.counts.get(s.status), s.status.word()))
        .collect();
    format!(
        "Record {}, signed {}: {}. Click to open it.",
        signoff.sequence,
        long_date(signoff.date),
        counts.join(", ")
    )
}

/// The legend, in words beside each status's shape and line, and what the lines and shading
/// mean.
fn legend_ui(ui: &mut egui::Ui, window_days: u32, elections: bool) {
    let theme = ui.ctx().theme();
    let palette = Palette::of(theme);
    ui.horizontal_wrapped(|ui| {
        for series in SERIES {
            let color = theme::status_tone(series.status).color(theme);
            let word = egui::RichText::new(series.status.word())
                .color(color)
                .strong();
            legend_entry(ui, word, |painter, rect| {
                paint_series_sample(painter, rect, series, color);
            });
        }
        if elections {
            legend_entry(ui, "Election day".into(), |painter, rect| {
                painter.rect_filled(rect, 0.0, palette.field);
                painter.rect_stroke(
                    rect,
                    0.0,
                    Stroke::new(1.0, palette.edge),
                    egui::StrokeKind::Inside,
                );
                let x = rect.center().x;
                painter.extend(egui::Shape::dashed_line(
                    &[egui::pos2(x, rect.top()), egui::pos2(x, rect.bottom())],
                    Stroke::new(1.5, palette.weak_text),
                    4.0,
                    2.5,
                ));
            });
            let words = format!("The {window_days} days before it");
            legend_entry(ui, words.into(), |painter, rect| {
                painter.rect_filled(rect, 0.0, palette.stripe);
                painter.rect_stroke(
                    rect,
                    0.0,
                    Stroke::new(1.0, palette.edge),
                    egui::StrokeKind::Inside,
                );
            });
        }
    });
}

/// One entry of the legend, a painted sample and its words, kept together on one line (the
/// row wraps between entries, never inside one).
fn legend_entry(
    ui: &mut egui::Ui,
    words: egui::RichText,
    paint: impl FnOnce(&egui::Painter, Rect),
) {
    let height = ui.text_style_height(&TextStyle::Body);
    let sample = egui::vec2(2.0 * height, height);
    let text = egui::WidgetText::from(words).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        TextStyle::Body,
    );
    let spacing = ui.spacing().item_spacing.x;
    let size = egui::vec2(
        sample.x + spacing + text.size().x,
        height.max(text.size().y),
    );
    ui.allocate_ui_with_layout(
        size,
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            let (rect, _) = ui.allocate_exact_size(sample, egui::Sense::hover());
            paint(ui.painter(), rect);
            ui.add(egui::Label::new(text));
        },
    );
}

/// A status's line and shape, as the chart draws them.
fn paint_series_sample(painter: &egui::Painter, rect: Rect, series: Series, color: Color32) {
    let y = rect.center().y;
    let ends = [egui::pos2(rect.left(), y), egui::pos2(rect.right(), y)];
    let stroke = Stroke::new(theme::CHART_LINE_WIDTH, color);
    match series.dash {
        Dash::Solid => {
            painter.line_segment(ends, stroke);
        }
        Dash::Dashed => {
            painter.extend(egui::Shape::dashed_line(&ends, stroke, 5.0, 3.0));
        }
        Dash::Dotted => {
            painter.extend(egui::Shape::dotted_line(
                &ends,
                color,
                5.0,
                theme::CHART_LINE_WIDTH / 1.5,
            ));
        }
    }
    let c = rect.center();
    let r = theme::CHART_POINT_RADIUS;
    let (fill, outline) = if series.filled {
        (color, Stroke::NONE)
    } else {
        (
            Palette::of(painter.ctx().theme()).field,
            Stroke::new(1.5, color),
        )
    };
    let at = |x: f32, y: f32| egui::pos2(c.x + x * r, c.y + y * r);
    let half = std::f32::consts::FRAC_1_SQRT_2;
    let shape = match series.marker {
        Marker::Circle => egui::Shape::circle_filled(c, r, fill),
        Marker::Square => egui::Shape::convex_polygon(
            vec![
                at(-half, -half),
                at(half, -half),
                at(half, half),
                at(-half, half),
            ],
            fill,
            outline,
        ),
        Marker::Diamond => egui::Shape::convex_polygon(
            vec![at(0.0, -1.0), at(1.0, 0.0), at(0.0, 1.0), at(-1.0, 0.0)],
            fill,
            outline,
        ),
        Marker::Up => egui::Shape::convex_polygon(
            vec![at(0.0, -1.0), at(0.87, 0.5), at(-0.87, 0.5)],
            fill,
            outline,
        ),
        Marker::Down => egui::Shape::convex_polygon(
            vec![at(0.0, 1.0), at(-0.87, -0.5), at(0.87, -0.5)],
            fill,
            outline,
        ),
    };
    painter.add(shape);
    if series.marker == Marker::Circle && !series.filled {
        painter.circle_stroke(c, r, outline);
    }
}

fn marker_shape(marker: Marker) -> MarkerShape {
    match marker {
        Marker::Circle => MarkerShape::Circle,
        Marker::Square => MarkerShape::Square,
        Marker::Diamond => MarkerShape::Diamond,
        Marker::Up => MarkerShape::Up,
        Marker::Down => MarkerShape::Down,
    }
}

fn line_style(dash: Dash) -> LineStyle {
    match dash {
        Dash::Solid => LineStyle::Solid,
        Dash::Dashed => LineStyle::Dashed { length: 8.0 },
        Dash::Dotted => LineStyle::Dotted { spacing: 6.0 },
    }
}

/// The election names in the band above the chart, beside their lines, taking turns over
/// [`LABEL_ROWS`] rows and cut short ("…") where there is no room; the whole name and whether
/// a sign-off covered it show on hover (and in the list of elections below, in words).
fn election_names_ui(
    ui: &mut egui::Ui,
    elections: &[model::ElectionMark],
    transform: &egui_plot::PlotTransform,
    band: f32,
    row_height: f32,
) {
    let frame = *transform.frame();
    let font = TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    let painter = ui.painter().clone();
    let widths: Vec<f32> = elections
        .iter()
        .map(|e| {
            painter
                .layout_no_wrap(e.name.clone(), font.clone(), color)
                .size()
                .x
        })
        .collect();
    let xs: Vec<f32> = elections
        .iter()
        .map(|e| transform.position_from_point_x(e.x))
        .collect();
    let spots = model::place_labels(
        &xs,
        &widths,
        (frame.left(), frame.right()),
        usize::from(LABEL_ROWS),
        LABEL_GAP,
    );
    let line = Stroke::new(1.5, ui.visuals().weak_text_color());
    for (((election, spot), index), &x) in elections.iter().zip(&spots).zip(0_u32..).zip(&xs) {
        let row = f32::from(u8::try_from(spot.row).unwrap_or(0));
        let top = frame.top() - band + row * row_height;
        // The election's line goes on up to its name, unless a name below is in the way.
        if model::line_is_clear(&spots, spot.row, x) {
            painter.extend(egui::Shape::dashed_line(
                &[egui::pos2(x, top + 2.0), egui::pos2(x, frame.top())],
                line,
                6.0,
                6.0 * 0.618,
            ));
        }
        if spot.width < 1.0 {
            continue;
        }
        let mut job =
            egui::text::LayoutJob::simple_singleline(election.name.clone(), font.clone(), color);
        job.wrap = egui::text::TextWrapping::truncate_at_width(spot.width);
        let galley = painter.layout_job(job);
        let rect = Rect::from_min_size(egui::pos2(spot.left, top), galley.size());
        painter.galley(rect.min, galley, color);
        ui.interact(
            rect,
            ui.scope_id().with(("election name", index)),
            egui::Sense::hover(),
        )
        .on_hover_text(&election.words);
    }
}

/// Records not drawn because they are not intact, with where to read more.
fn left_out_ui(ui: &mut egui::Ui, signoffs: &Signoffs) {
    for (sequence, integrity) in &signoffs.left_out {
        Tone::Bad.show(
            ui,
            &format!(
                "Record {sequence} is not on the chart: it is not intact ({}), so its counts \
                 cannot be trusted. Open it in the list below to see what to do.",
                integrity.word().to_lowercase()
            ),
        );
    }
}
