//! The window's frame around the screens: the top bar with the three views, the notices, and
//! the status bar with the checks' progress and the draft.

use crate::session::SelfCheck;

use super::command::{Command, View};
use super::theme::{self, Tone};

/// A message at the top of the window until the clerk dismisses it (or its subject is gone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Good news or a problem.
    pub tone: Tone,
    /// What happened, naming the file and what to do.
    pub text: String,
    /// What the notice is about, so it can go when its subject is gone.
    subject: Subject,
}

/// What a notice is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    /// The draft (restored, or a problem with it): gone once the record is signed.
    Draft,
    /// Anything else.
    Other,
}

impl Notice {
    /// A problem.
    pub fn problem(text: String) -> Self {
        Self {
            tone: Tone::Bad,
            text,
            subject: Subject::Other,
        }
    }

    /// Good news.
    pub fn good(text: String) -> Self {
        Self {
            tone: Tone::Good,
            text,
            subject: Subject::Other,
        }
    }

    /// "Your answers from last time were restored."
    pub fn restored_draft() -> Self {
        Self {
            tone: Tone::Good,
            text: "Your answers from last time were restored from the draft.".to_owned(),
            subject: Subject::Draft,
        }
    }

    /// True for a notice about the draft, which signing makes stale.
    pub fn is_about_the_draft(&self) -> bool {
        self.subject == Subject::Draft
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

/// The bar at the top: title and the three screens.
pub fn top_bar_ui(ui: &mut egui::Ui, view: View, cmds: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(theme::heading("clerkcheck"));
        ui.label("Election office security self-check");
        ui.separator();
        for (target, label) in [
            (View::Checklist, "Self-check"),
            (View::SignOff, "Sign off"),
            (View::History, "History"),
        ] {
            if ui.selectable_label(view == target, label).clicked() {
                cmds.push(Command::GoTo(target));
            }
        }
    });
}

/// The status bar: the checks' progress and what they found, and the draft.
pub fn status_bar_ui(ui: &mut egui::Ui, self_check: &SelfCheck, started: bool, draft: DraftStatus) {
    ui.horizontal_wrapped(|ui| {
        let (reported, total) = self_check.check_progress();
        if !started {
            ui.spinner();
            ui.label("Starting…");
        } else if self_check.running.is_empty() {
            let problems = self_check
                .findings
                .values()
                .filter(|f| f.verdict != crate::checks::Verdict::Pass)
                .count();
            let (tone, text) = match problems {
                0 => (
                    Tone::Good,
                    format!("Checked this computer: all {total} checks passed"),
                ),
                1 => (
                    Tone::Caution,
                    format!("Checked this computer: 1 of {total} checks needs attention"),
                ),
                n => (
                    Tone::Caution,
                    format!("Checked this computer: {n} of {total} checks need attention"),
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

/// Dismissible notices.
pub fn notices_ui(ui: &mut egui::Ui, notices: &[Notice], cmds: &mut Vec<Command>) {
    for (index, notice) in notices.iter().enumerate() {
        ui.push_id(("notice", index), |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    let word = if notice.tone == Tone::Bad {
                        "Problem"
                    } else {
                        "Note"
                    };
                    notice.tone.show(ui, word);
                    if ui
                        .button("Dismiss")
                        .on_hover_text("Hide this notice")
                        .clicked()
                    {
                        cmds.push(Command::Dismiss(index));
                    }
                });
                ui.label(&notice.text);
            });
        });
    }
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
