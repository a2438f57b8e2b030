//! Operating the app with the keyboard alone: shortcuts for the screens, Page Up / Page Down /
//! Home / End to scroll, the focused control always scrolled into view, Space and Enter never
//! acting on a control out of sight, and a focus ring drawn around whatever has the focus.
//!
//! Tab / Shift+Tab, the arrow keys (between neighbouring controls, e.g. Done / Not done / Not
//! applicable) and Space / Enter on the focused control are egui's own.

use egui::{
    Align, Context, Id, Key, KeyboardShortcut, LayerId, Modifiers, Order, Rect, Ui, UiBuilder,
};

use super::command::{Command, View};
use super::theme::{FOCUS_RING_WIDTH, Palette};

/// The shortcut that shows a screen.
pub fn shortcut(view: View) -> KeyboardShortcut {
    match view {
        View::Checklist => KeyboardShortcut::new(Modifiers::COMMAND, Key::Num1),
        View::SignOff => KeyboardShortcut::new(Modifiers::COMMAND, Key::Num2),
        View::History => KeyboardShortcut::new(Modifiers::COMMAND, Key::Num3),
        View::Help => KeyboardShortcut::new(Modifiers::NONE, Key::F1),
    }
}

/// The shortcut of a screen as this computer writes it, e.g. "Ctrl+1" (or "⌘1" on a Mac).
pub fn shortcut_text(ctx: &Context, view: View) -> String {
    ctx.format_shortcut(&shortcut(view))
}

/// A move of the page with the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageMove {
    /// Page Up: one screen up.
    Up,
    /// Page Down: one screen down.
    Down,
    /// Ctrl+Home, or Home outside a text field: to the top.
    Top,
    /// Ctrl+End, or End outside a text field: to the bottom.
    Bottom,
}

/// What the keyboard asked of the screen this frame, taken out of the input before any control
/// sees it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FrameKeys {
    /// A move of the page.
    pub page: Option<PageMove>,
    /// Space or Enter was pressed while the focused control was out of sight: it is brought
    /// into view instead of acting, so nothing is ticked or pressed unseen.
    pub reveal_focus: bool,
}

/// Takes this frame's app-wide keys out of the input: the screens' shortcuts become commands;
/// page moves and a press on a hidden control are returned for [`scroll_view`].
pub fn take_keys(ctx: &Context, cmds: &mut Vec<Command>) -> FrameKeys {
    let in_text_field = ctx.text_edit_focused();
    let hidden_focus = focused_is_hidden(ctx);
    ctx.input_mut(|input| {
        for view in View::ALL {
            if input.consume_shortcut(&shortcut(view)) {
                cmds.push(Command::GoTo(view));
            }
        }
        let mut keys = FrameKeys::default();
        let command = Modifiers::COMMAND;
        if input.consume_key(Modifiers::NONE, Key::PageUp) {
            keys.page = Some(PageMove::Up);
        } else if input.consume_key(Modifiers::NONE, Key::PageDown) {
            keys.page = Some(PageMove::Down);
        } else if input.consume_key(command, Key::Home) {
            // Every text field here is one line, where Ctrl+Home is Home: the page has it.
            keys.page = Some(PageMove::Top);
        } else if input.consume_key(command, Key::End) {
            keys.page = Some(PageMove::Bottom);
        } else if !in_text_field && input.consume_key(Modifiers::NONE, Key::Home) {
            keys.page = Some(PageMove::Top);
        } else if !in_text_field && input.consume_key(Modifiers::NONE, Key::End) {
            keys.page = Some(PageMove::Bottom);
        }
        if hidden_focus {
            let space = input.consume_key(Modifiers::NONE, Key::Space);
            let enter = input.consume_key(Modifiers::NONE, Key::Enter);
            keys.reveal_focus = space || enter;
        }
        keys
    })
}

/// The focused control's response (its rectangles this frame, or last frame before it is
/// drawn), if a control has the focus.
fn focused_response(ctx: &Context) -> Option<egui::Response> {
    ctx.memory(egui::Memory::focused)
        .and_then(|id| ctx.read_response(id))
}

/// True when the focused control was less than half visible in the last frame (e.g. after
/// Page Down moved the page away from it).
fn focused_is_hidden(ctx: &Context) -> bool {
    let Some(response) = focused_response(ctx) else {
        return false;
    };
    let shown = response.interact_rect.intersect(response.rect);
    let shown_area = if shown.is_positive() {
        shown.area()
    } else {
        0.0
    };
    shown_area < 0.5 * response.rect.area()
}

/// A screen's vertical scroll area that answers the page keys and keeps the focused control in
/// view. Returns what `add_contents` returned and the visible rectangle of the area.
pub fn scroll_view<R>(
    ui: &mut Ui,
    id_salt: &str,
    keys: FrameKeys,
    add_contents: impl FnOnce(&mut Ui) -> R,
) -> (R, Rect) {
    let output = egui::ScrollArea::vertical()
        .id_salt(id_salt)
        .auto_shrink([false, false])
        // Jumps land at once: an animated jump only moves the page from the next frame on,
        // after the frame drawn again for it (see `keep_focus_in_view`).
        .animated(false)
        .show(ui, |ui| {
            let inner = add_contents(ui);
            if let Some(page) = keys.page {
                move_page(ui, page);
            }
            keep_focus_in_view(ui, keys.reveal_focus);
            inner
        });
    (output.inner, output.inner_rect)
}

/// Scrolls the area whose contents `ui` holds by a page, or to its top or bottom.
fn move_page(ui: &Ui, page: PageMove) {
    let none = egui::style::ScrollAnimation::none();
    // A page is the visible height less a few lines, so the reader keeps their place.
    let step = (ui.clip_rect().height() - 3.0 * ui.text_style_height(&egui::TextStyle::Body))
        .max(ui.clip_rect().height() / 2.0);
    let content = ui.min_rect();
    match page {
        PageMove::Up => ui.scroll_with_delta_animation(egui::vec2(0.0, step), none),
        PageMove::Down => ui.scroll_with_delta_animation(egui::vec2(0.0, -step), none),
        PageMove::Top => ui.scroll_to_rect_animation(
            Rect::from_min_size(content.min, egui::Vec2::splat(1.0)),
            Some(Align::TOP),
            none,
        ),
        PageMove::Bottom => ui.scroll_to_rect_animation(
            Rect::from_min_max(content.max - egui::Vec2::splat(1.0), content.max),
            Some(Align::BOTTOM),
            none,
        ),
    }
    ui.ctx()
        .request_discard("the page was moved with the keyboard");
}

/// When the focused control of this scroll area has just gained the focus (Tab, Shift+Tab, an
/// arrow key) or must be revealed, and is not wholly visible, scrolls it into view, and draws
/// the frame again at once so what is shown is where the focus is.
pub fn keep_focus_in_view(ui: &Ui, reveal: bool) {
    let ctx = ui.ctx();
    let Some(response) = focused_response(ctx) else {
        return;
    };
    if !(reveal || response.gained_focus()) {
        return;
    }
    // Wholly visible where it is drawn (in this area or outside it, e.g. the top bar).
    if response.interact_rect.contains_rect(response.rect) {
        return;
    }
    // Not a control of this area.
    if !ui.min_rect().contains_rect(response.rect) {
        return;
    }
    let margin = FOCUS_RING_WIDTH + 4.0;
    ui.scroll_to_rect_animation(
        response.rect.expand(margin),
        None,
        egui::style::ScrollAnimation::none(),
    );
    ctx.request_discard("the focused control was scrolled into view");
    ctx.request_repaint();
}

/// Runs `add_contents` in a child `Ui` whose controls keep their ids whatever appears or goes
/// before them (a spinner, a line of evidence, a field), so the keyboard focus stays on the
/// control it is on. `salt` must be unique among its siblings.
pub fn stable<R>(ui: &mut Ui, salt: &str, add_contents: impl FnOnce(&mut Ui) -> R) -> R {
    let id = ui.make_persistent_id(salt);
    ui.scope_builder(UiBuilder::new().scope_id(id), add_contents)
        .inner
}

/// Brings `rect` to the top of the scroll area `ui` is in, and draws the frame again at once.
pub fn scroll_to_top_of_view(ui: &Ui, rect: Rect) {
    ui.scroll_to_rect_animation(rect, Some(Align::TOP), egui::style::ScrollAnimation::none());
    ui.ctx().request_discard("jumped to a place on the screen");
    ui.ctx().request_repaint();
}

/// Draws the focus ring: a band of [`FOCUS_RING_WIDTH`] points in the theme's focus colour
/// around the focused control, on every kind of control (buttons, radio buttons, check boxes,
/// fields, collapsible headers), clipped to where the control is visible.
pub fn paint_focus_ring(ctx: &Context) {
    let Some(response) = focused_response(ctx) else {
        return;
    };
    let visible = response.interact_rect.intersect(response.rect);
    if !visible.is_positive() {
        return;
    }
    let gap = 1.0;
    let ring = response.rect.expand(gap + FOCUS_RING_WIDTH / 2.0);
    let clip = visible.expand(gap + FOCUS_RING_WIDTH + 1.0);
    let painter = ctx
        .layer_painter(LayerId::new(Order::Foreground, Id::unique("focus ring")))
        .with_clip_rect(clip);
    painter.rect_stroke(
        ring,
        4.0,
        egui::Stroke::new(FOCUS_RING_WIDTH, Palette::of(ctx.theme()).focus),
        egui::StrokeKind::Middle,
    );
}
