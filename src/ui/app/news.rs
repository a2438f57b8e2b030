//! What the background sent, taken into the app: the policy, the checklists, the draft, the
//! checks' findings, the election calendar, signing, History, certifications and the CSV
//! export, with the notices they make and the ones they make stale.

use std::sync::mpsc::TryRecvError;

use crate::calendar::OfficeCalendar;
use crate::checks::{CheckId, Finding, Policy, Verdict};
use crate::records::{Signer, StoredRecord};
use crate::ui::chrome::{DraftStatus, Subject};
use crate::ui::theme::Tone;
use crate::ui::worker::{Job, News, SavePurpose};

use super::App;

impl App {
    /// Applies what the background sent.
    pub(super) fn take_news(&mut self) {
        for news in self.worker.news() {
            match news {
                News::Policy { policy, problem } => self.take_policy(policy, problem),
                News::Catalog(catalog) => self.take_catalog(*catalog),
                News::Draft(Ok(Some(draft))) => {
                    self.self_check.answers = draft.answers;
                    if draft.signer != Signer::default() {
                        self.self_check.signer = draft.signer;
                    }
                    self.notices.push(
                        Tone::Good,
                        Subject::Draft,
                        "Your answers from last time were restored from the draft.".to_owned(),
                        String::new(),
                    );
                }
                News::Draft(Ok(None)) => {}
                News::Draft(Err(problem)) => {
                    log::warn!("{problem}");
                    let (text, details) = without_path(&problem, &self.data_dir.draft_file());
                    self.notices.push(Tone::Bad, Subject::Draft, text, details);
                }
                News::Host(host) => self.self_check.host = Some(host),
                News::Calendar(calendar) => self.take_calendar(*calendar),
                News::DraftSaved => {
                    self.notices.forget(&Subject::DraftSaving);
                    if matches!(
                        self.draft_status,
                        DraftStatus::Pending | DraftStatus::Failed
                    ) {
                        self.draft_status = DraftStatus::Saved;
                    }
                }
                News::DraftFailed(problem) => {
                    log::warn!("{problem}");
                    self.draft_status = DraftStatus::Failed;
                    let (text, details) = without_path(&problem, &self.data_dir.draft_file());
                    self.notices.push(
                        Tone::Bad,
                        Subject::DraftSaving,
                        format!(
                            "{text}. Your answers are still on the screen; they are saved again \
                             with your next change."
                        ),
                        details,
                    );
                }
                News::Signed(result) => self.take_signed(result),
                News::History(data) => {
                    self.history.loading = false;
                    self.history.set_data(*data);
                }
                News::PdfWritten { result, opened } => self.take_pdf(result, opened),
                News::CsvWritten(result) => {
                    let (tone, text, details) = match result {
                        Ok(path) => (
                            Tone::Good,
                            format!("The history was saved as {}.", file_name(&path)),
                            format!("Saved in full as {}", path.display()),
                        ),
                        Err(problem) => (Tone::Bad, problem, String::new()),
                    };
                    self.notices
                        .push(tone, Subject::HistoryExport, text, details);
                }
                News::CertificationChosen(path) => {
                    if let Some(path) = path {
                        self.worker.send(Job::CheckCertification(path));
                    }
                }
                News::CertificationChecked {
                    file,
                    genuine,
                    words,
                } => self.take_certification_check(&file, genuine, &words),
                News::Reviewed(result) => self.take_review(result),
                News::SavePathChosen { purpose, path } => {
                    let Some(path) = path else { continue };
                    match purpose {
                        SavePurpose::Certification(sequence) => {
                            self.worker.send(Job::SavePdf { sequence, path });
                        }
                        SavePurpose::HistoryCsv(bytes) => {
                            self.worker.send(Job::WriteCsv { bytes, path });
                        }
                    }
                }
            }
        }
        self.take_findings();
    }

    /// A certification was checked: the verdict, good only when it is genuine.
    fn take_certification_check(&mut self, file: &str, genuine: bool, words: &str) {
        let tone = if genuine { Tone::Good } else { Tone::Bad };
        self.notices.push(
            tone,
            Subject::CertificationCheck,
            format!("{file}: {words}"),
            String::new(),
        );
    }

    /// A review was saved or refused; History reloads to show it.
    fn take_review(&mut self, result: Result<String, String>) {
        let (tone, text) = match result {
            Ok(line) => (Tone::Good, line),
            Err(why) => (Tone::Bad, why),
        };
        self.notices
            .push(tone, Subject::Review, text, String::new());
        self.history.loading = true;
        self.worker.send(Job::LoadHistory);
    }

    /// The policy was read; a problem with the office's file goes to the log and a notice.
    fn take_policy(&mut self, policy: Policy, problem: Option<String>) {
        if let Some(problem) = problem {
            log::warn!("{problem}");
            self.notices.push(
                Tone::Bad,
                Subject::Policy,
                "The office's policy file could not be used, so the default policy is in use. \
                 Ask whoever set it up to fix it."
                    .to_owned(),
                format!(
                    "The file is {}. What is wrong with it is in the log file (see Help).",
                    self.data_dir.policy_file().display()
                ),
            );
        }
        self.policy = Some(policy);
        self.start_checks_when_ready();
    }

    /// The election calendar was read: signing names the election it precedes from now on; a
    /// special elections file that could not be used gets a notice (once, not again on every
    /// reload) and its problem goes to the log. A problem with the policy file is left out: the
    /// policy's own notice already says so.
    fn take_calendar(&mut self, calendar: OfficeCalendar) {
        self.self_check.schedule = Some(calendar.schedule.clone());
        let policy_file = self.data_dir.policy_file().display().to_string();
        let elections_file = self.data_dir.elections_file();
        let problems: Vec<&str> = calendar
            .problems
            .iter()
            .map(String::as_str)
            .filter(|p| !p.starts_with(&policy_file))
            .collect();
        let known = self.calendar.as_ref().map_or(&[][..], |c| &c.problems[..]);
        if problems.is_empty() {
            self.notices.forget(&Subject::Elections);
        } else if problems.iter().any(|p| !known.iter().any(|k| k == p)) {
            for problem in &problems {
                log::warn!("{problem}");
            }
            self.notices.push(
                Tone::Bad,
                Subject::Elections,
                format!(
                    "The office's list of special elections, {}, could not be used, so only the \
                     regular elections are known. Ask whoever set it up to fix it.",
                    file_name(&elections_file)
                ),
                format!(
                    "The file is {}. What is wrong with it: {}",
                    elections_file.display(),
                    problems.join(" ")
                ),
            );
        }
        self.calendar = Some(calendar);
    }

    /// The checklists were loaded; each office file skipped gets a notice with its problems.
    fn take_catalog(&mut self, catalog: crate::checklist::Catalog) {
        for failed in &catalog.failed {
            log::warn!("{failed}");
            let name = file_name(std::path::Path::new(&failed.file));
            self.notices.push(
                Tone::Bad,
                Subject::Checklist(name.clone()),
                format!(
                    "Your office's checklist {name} was skipped because it has mistakes. Fix it, \
                     or move it out of the checklists folder, before signing."
                ),
                failed.to_string(),
            );
        }
        self.self_check.catalog = Some(catalog);
        self.start_checks_when_ready();
    }

    /// A certification was written (and perhaps opened), or could not be.
    fn take_pdf(&mut self, result: Result<std::path::PathBuf, String>, opened: bool) {
        let (tone, text, details) = match result {
            Ok(path) if opened => (
                Tone::Good,
                format!(
                    "The certification {} was opened for printing.",
                    file_name(&path)
                ),
                format!("It is in {}", path.display()),
            ),
            Ok(path) => (
                Tone::Good,
                format!("The certification was saved as {}.", file_name(&path)),
                format!("Saved in full as {}", path.display()),
            ),
            Err(problem) => (Tone::Bad, problem, String::new()),
        };
        self.notices
            .push(tone, Subject::Certification, text, details);
    }

    /// Starts the first run of checks once both the policy and the checklists are known (the
    /// checklists say which checks to run).
    fn start_checks_when_ready(&mut self) {
        if self.policy.is_some()
            && self.self_check.catalog.is_some()
            && self.self_check.run_total == 0
        {
            let checks = self.self_check.checks_to_run();
            self.start_checks(&checks);
        }
    }

    /// Signing finished: show the record, clear the answers, drop notices it made stale.
    fn take_signed(&mut self, result: Result<Box<StoredRecord>, String>) {
        self.signoff.signing = false;
        match result {
            Ok(stored) => {
                self.self_check.answers.clear();
                self.signoff.signature.clear();
                self.draft_status = DraftStatus::Unchanged;
                self.signoff.signed = Some(stored);
                self.history.invalidate();
                // The new sign-off may cover the next election.
                self.reload_calendar();
                self.notices.forget(&Subject::Draft);
                self.notices.forget(&Subject::DraftSaving);
            }
            Err(problem) => {
                self.signoff.error = Some(problem);
                // Nothing was signed: the answers stay a draft, edits made meanwhile included.
                self.draft_status = DraftStatus::Pending;
                self.worker.send(Job::SaveDraft(self.self_check.draft()));
            }
        }
    }

    /// Collects findings from the running checks.
    fn take_findings(&mut self) {
        let mut finished = Vec::new();
        for index in 0..self.check_runs.len() {
            loop {
                match self.check_runs[index].0.try_recv() {
                    Ok(finding) => self.add_finding(finding),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        finished.push(index);
                        let lost: Vec<CheckId> = self.check_runs[index]
                            .1
                            .iter()
                            .filter(|c| self.self_check.running.contains(c))
                            .copied()
                            .collect();
                        for check in lost {
                            self.add_finding(lost_finding(check));
                        }
                        break;
                    }
                }
            }
        }
        for index in finished.into_iter().rev() {
            self.check_runs.remove(index);
        }
    }

    /// Takes one finding in, noting what changed for a check run again.
    fn add_finding(&mut self, finding: Finding) {
        if let Some(recheck) = self.checklist.rechecks.get_mut(&finding.check)
            && recheck.after.is_none()
        {
            recheck.after = Some(finding.verdict);
        }
        self.self_check.add_finding(finding);
    }
}

/// A problem about `path` worded for a notice's one line: the path (which the domain puts first,
/// "path: what happened") taken out and the sentence capitalised; the path goes to the details.
fn without_path(problem: &str, path: &std::path::Path) -> (String, String) {
    let shown = path.display().to_string();
    let text = problem.replace(&format!("{shown}: "), "");
    if text == problem {
        return (problem.to_owned(), String::new());
    }
    let mut chars = text.chars();
    let text = chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    (text, format!("The file is {shown}"))
}

/// A file's name, for a notice (the full path goes under "Details").
fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A check whose thread ended without a finding (e.g. it could not be started).
fn lost_finding(check: CheckId) -> Finding {
    Finding {
        check,
        verdict: Verdict::Unknown,
        evidence: "The check stopped without an answer. Use \"Check again\".".to_owned(),
        why: String::new(),
        fix: Vec::new(),
        raw: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::without_path;
    use std::path::Path;

    #[test]
    fn a_notice_line_starts_with_what_happened_not_the_path() {
        let path = Path::new("/data/draft.ron");
        let (text, details) = without_path(
            "/data/draft.ron: your saved answers could not be read (line 1)",
            path,
        );
        assert_eq!(text, "Your saved answers could not be read (line 1)");
        assert_eq!(details, "The file is /data/draft.ron");
        let (text, details) = without_path("no path here", path);
        assert_eq!((text.as_str(), details.as_str()), ("no path here", ""));
    }
}
