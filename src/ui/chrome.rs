//! The window's frame around the screens: the top bar with the screens and their shortcuts, the
//! notices, and the status bar with the checks' progress and the draft.

use crate::checks::Verdict;
use crate::session::SelfCheck;

use super::command::{Command, View};
use super::keyboard;
use super::theme::{self, Tone};

/// How many notices show before "Show N more notices".
pub const MAX_SHOWN_NOTICES: usize = 3;

/// What a notice is about, so a newer notice about the same thing replaces it, and it goes
/// when its subject is gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// The draft was restored or could not be read: gone once the record is signed.
    Draft,
    /// The draft could not be saved: gone once it is saved.
    DraftSaving,
    /// A certification was saved or opened, or could not be.
    Certification,
    /// The history was exported, or could not be.
    HistoryExport,
    /// A certification PDF was checked.
    CertificationCheck,
    /// A record was marked as reviewed, or could not be.
    Review,
    /// An office checklist file (by name) was skipped.
    Checklist(String),
    /// The office policy file was not used.
    Policy,
    /// The office's special elections file was not used.
    Elections,
}

/// A message at the top of the window until the clerk dismisses it or its subject is gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Its number, to dismiss it or open its details.
    pub id: u64,
    /// Good news or a problem.
    pub tone: Tone,
    /// What happened and what to do, in plain words (shown on one line; all of it on hover and
    /// under "Details").
    pub text: String,
    /// More: the full list of problems, file names, technical words. Empty when there is none.
    pub details: String,
    /// What it is about.
    pub subject: Subject,
    /// Whether its details are shown.
    pub expanded: bool,
}

/// The notices, newest last.
#[derive(Debug, Default)]
pub struct Notices {
    list: Vec<Notice>,
    next_id: u64,
    /// Show every notice rather than the newest few.
    pub show_all: bool,
}

impl Notices {
    /// Adds a notice, replacing any about the same subject.
    pub fn push(&mut self, tone: Tone, subject: Subject, text: String, details: String) {
        self.forget(&subject);
        self.next_id += 1;
        self.list.push(Notice {
            id: self.next_id,
            tone,
            text,
            details,
            subject,
            expanded: false,
        });
    }

    /// Removes the notices about `subject` (its subject is gone).
    pub fn forget(&mut self, subject: &Subject) {
        self.list.retain(|n| &n.subject != subject);
    }

    /// Hides one notice.
    pub fn dismiss(&mut self, id: u64) {
        self.list.retain(|n| n.id != id);
    }

    /// Shows or hides a notice's details.
    pub fn toggle_details(&mut self, id: u64) {
        if let Some(notice) = self.list.iter_mut().find(|n| n.id == id) {
            notice.expanded = !notice.expanded;
        }
    }

    /// Every notice, oldest first.
    pub fn all(&self) -> &[Notice] {
        &self.list
    }
}

/// Where the autosaved draft stands, for the status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftStatus {
    /// Nothing changed since start.
    Unchanged,
    /// Changes waiting to be written.
    Pending,
    /// Written.
    Saved,
    /// The last write failed (a notice says why).
    Failed,
}

/// The bar at the top: the app's name, the screens, and their shortcuts.
pub fn top_bar_ui(ui: &mut egui::Ui, view: View, cmds: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(theme::heading("clerkcheck"));
        ui.separator();
        for target in View::ALL {
            let keys = keyboard::shortcut_text(ui.ctx(), target);
            let response = ui
                .selectable_label(view == target, target.title())
                .on_hover_text(format!("{} ({keys})", target.title()));
            if response.clicked() {
                cmds.push(Command::GoTo(target));
            }
        }
        let keys: Vec<String> = View::ALL
            .iter()
            .map(|v| format!("{} {}", keyboard::shortcut_text(ui.ctx(), *v), v.title()))
            .collect();
        // The shortcuts are also in each button's tooltip and in Help: on a narrow window
        // they give way rather than take a second line.
        let hint = keys.join(" · ");
        let width = ui
            .painter()
            .layout_no_wrap(
                hint.clone(),
                egui::FontId::proportional(theme::SMALL_SIZE),
                egui::Color32::PLACEHOLDER,
            )
            .size()
            .x;
        let separator = ui.spacing().item_spacing.x * 2.0 + 1.0;
        if width + separator <= ui.available_size_before_wrap().x {
            ui.separator();
            ui.label(theme::small(hint));
        }
    });
}

/// The status bar: the checks' progress and what they found, and the draft.
pub fn status_bar_ui(ui: &mut egui::Ui, self_check: &SelfCheck, started: bool, draft: DraftStatus) {
    ui.horizontal_wrapped(|ui| {
        let (reported, total) = self_check.check_progress();
        // "All passed" only once checks have run: the policy can arrive before the checklists
        // say which checks to run.
        if !started || (self_check.running.is_empty() && self_check.findings.is_empty()) {
            ui.spinner();
            ui.label("Starting…");
        } else if self_check.running.is_empty() {
            let checked = self_check.findings.len();
            let problems = self_check
                .findings
                .values()
                .filter(|f| f.verdict != Verdict::Pass)
                .count();
            let (tone, text) = match problems {
                0 => (
                    Tone::Good,
                    format!("Checked this computer: all {checked} checks passed"),
                ),
                1 => (
                    Tone::Caution,
                    format!("Checked this computer: 1 of {checked} checks needs attention"),
                ),
                n => (
                    Tone::Caution,
                    format!("Checked this computer: {n} of {checked} checks need attention"),
                ),
            };
            tone.show(ui, &text);
        } else {
            ui.spinner();
            ui.label(format!("Checking this computer… {reported} of {total}"));
        }
        ui.separator();
        ui.label(match draft {
            DraftStatus::Unchanged => "Answers are saved as a draft as you go.",
            DraftStatus::Pending => "Saving draft…",
            DraftStatus::Saved => "Draft saved.",
            DraftStatus::Failed => "The draft could not be saved (see the notice above).",
        });
    });
}

/// The newest notices, one line each, with their details on demand.
pub fn notices_ui(ui: &mut egui::Ui, notices: &Notices, cmds: &mut Vec<Command>) {
    let all = notices.all();
    let hidden = if notices.show_all {
        0
    } else {
        all.len().saturating_sub(MAX_SHOWN_NOTICES)
    };
    for notice in all.iter().skip(hidden).rev() {
        ui.push_id(("notice", notice.id), |ui| notice_ui(ui, notice, cmds));
    }
    if hidden > 0 {
        let text = if hidden == 1 {
            "Show 1 older notice".to_owned()
        } else {
            format!("Show {hidden} older notices")
        };
        if ui.button(text).clicked() {
            cmds.push(Command::ShowAllNotices(true));
        }
    } else if notices.show_all
        && all.len() > MAX_SHOWN_NOTICES
        && ui.button("Show only the newest notices").clicked()
    {
        cmds.push(Command::ShowAllNotices(false));
    }
    if !all.is_empty() {
        ui.add_space(theme::ROW_GAP);
    }
}

fn notice_ui(ui: &mut egui::Ui, notice: &Notice, cmds: &mut Vec<Command>) {
    let word = if notice.tone == Tone::Bad {
        "Problem"
    } else {
        "Note"
    };
    egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::symmetric(6, 2))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let details = if notice.expanded {
                "Hide details"
            } else {
                "Details"
            };
            ui.horizontal(|ui| {
                notice.tone.show(ui, word);
                // The text takes what the two buttons leave, cut with "…" on one line. The
                // scope is there open or not, so the buttons after it keep their ids and the
                // focus stays on "Details" when it becomes "Hide details".
                let buttons = button_width(ui, details) + button_width(ui, "Dismiss");
                let room = (ui.available_width() - buttons).max(0.0);
                let used = ui
                    .scope(|ui| {
                        if notice.expanded {
                            return room;
                        }
                        ui.set_max_width(room);
                        ui.add(egui::Label::new(&notice.text).truncate())
                            .on_hover_text(&notice.text)
                            .rect
                            .width()
                    })
                    .inner;
                // The buttons line up from one notice to the next.
                ui.add_space((room - used - ui.spacing().item_spacing.x).max(0.0));
                if ui
                    .button(details)
                    .accessible_name(format!("{details}: {}", notice.text))
                    .clicked()
                {
                    cmds.push(Command::ToggleDetails(notice.id));
                }
                if ui
                    .button("Dismiss")
                    .accessible_name(format!("Dismiss: {}", notice.text))
                    .on_hover_text("Hide this notice")
                    .clicked()
                {
                    cmds.push(Command::Dismiss(notice.id));
                }
            });
            if notice.expanded {
                ui.add(egui::Label::new(&notice.text).wrap());
                if !notice.details.is_empty() {
                    egui::ScrollArea::vertical()
                        .max_height(160.0)
                        .show(ui, |ui| {
                            ui.add(egui::Label::new(theme::small(&notice.details)).wrap());
                        });
                }
            }
        });
}

/// The width a button with `text` takes, with the space after it.
fn button_width(ui: &egui::Ui, text: &str) -> f32 {
    let font = egui::TextStyle::Button.resolve(ui.style());
    let text_width = ui
        .painter()
        .layout_no_wrap(text.to_owned(), font, egui::Color32::PLACEHOLDER)
        .size()
        .x;
    text_width + 2.0 * ui.spacing().button_padding.x + ui.spacing().item_spacing.x
}

/// Prints when the first frame was drawn (only with `CLERKCHECK_TIMING=1`): the wall-clock time,
/// so `scripts/launch-time.sh` can measure from the moment it started the process, and the time
/// since the window was requested.
#[expect(
    clippy::print_stderr,
    reason = "the launch-time script reads this line from stderr; it is the whole point"
)]
pub fn report_first_frame(start: std::time::Instant) {
    let unix_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    eprintln!(
        "clerkcheck: first frame at unix_ms={unix_ms} ({} ms after the window was requested)",
        start.elapsed().as_millis()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newer_notice_about_the_same_subject_replaces_the_older() {
        let mut notices = Notices::default();
        let pdf = |n: u32| format!("The certification was saved as certification-{n}.pdf.");
        notices.push(Tone::Good, Subject::Certification, pdf(1), String::new());
        notices.push(Tone::Good, Subject::Draft, "restored".into(), String::new());
        notices.push(Tone::Good, Subject::Certification, pdf(2), String::new());
        let texts: Vec<&str> = notices.all().iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, ["restored", pdf(2).as_str()]);
    }

    #[test]
    fn a_notice_goes_when_its_subject_is_gone_and_ids_stay_unique() {
        let mut notices = Notices::default();
        notices.push(Tone::Bad, Subject::DraftSaving, "a".into(), String::new());
        let first = notices.all()[0].id;
        notices.forget(&Subject::DraftSaving);
        assert!(notices.all().is_empty());
        notices.push(Tone::Bad, Subject::DraftSaving, "b".into(), String::new());
        assert_ne!(notices.all()[0].id, first);
        notices.toggle_details(notices.all()[0].id);
        assert!(notices.all()[0].expanded);
    }
}
