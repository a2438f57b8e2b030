//! When no renderer can draw the window: the automatic checks are run anyway, saved as a plain
//! text file in the data folder, and the clerk is told in plain words what happened, where the
//! results and the log are, and whom to ask.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::supervisor::Attempt;
use crate::checks::{CheckId, Finding, Policy, SystemChecks, Verdict, run_checks};
use crate::files;
use crate::logging::TimedChecks;
use crate::paths::DataDir;

/// The title of the message shown when the window cannot open. CI finds the message box by it.
pub const MESSAGE_TITLE: &str = "clerkcheck could not open its window";

/// The results of the checks run without the window, and where they were saved.
#[derive(Debug)]
pub struct SavedResults {
    /// The findings, in display order.
    pub findings: Vec<Finding>,
    /// The text file, when it could be written.
    pub file: Result<PathBuf, String>,
}

/// Runs every automatic check of this computer (each one logged with its time and outcome).
pub fn run_all_checks(data: &DataDir) -> Vec<Finding> {
    let load = Policy::load(&data.policy_file());
    if let Some(problem) = &load.problem {
        log::warn!("{problem}");
    }
    let checks = CheckId::checks_for_this_os();
    let source = Arc::new(TimedChecks::new(Arc::new(SystemChecks)));
    let rx = run_checks(source, &checks, &load.policy, Arc::new(|| {}));
    let mut findings: Vec<Finding> = rx.iter().collect();
    findings.sort_by_key(|f| f.check);
    findings
}

/// The results file's name for a day: `clerkcheck-results-2025-03-04.txt`.
pub fn results_file_name(date: chrono::NaiveDate) -> String {
    format!("clerkcheck-results-{}.txt", date.format("%Y-%m-%d"))
}

/// Runs the checks and saves them as text in the data folder (replacing the file of the same
/// day, so the latest run is what IT support reads).
pub fn run_checks_and_save(
    data: &DataDir,
    attempts: &[Attempt],
    log_file: Option<&Path>,
) -> SavedResults {
    let findings = run_all_checks(data);
    let now = chrono::Local::now();
    let path = absolute(&data.root().join(results_file_name(now.date_naive())));
    let text = results_text(&ResultsContext {
        findings: &findings,
        attempts,
        generated_at: &now.format("%Y-%m-%d %H:%M %:z").to_string(),
        host: &sysinfo::System::host_name().unwrap_or_default(),
        os: &sysinfo::System::long_os_version().unwrap_or_default(),
        log_file,
    });
    let file = match files::write_atomic(
        &path,
        text.as_bytes(),
        ".results-",
        files::Existing::Replace,
        false,
    ) {
        Ok(()) => {
            log::info!("saved the check results in {}", path.display());
            Ok(path)
        }
        Err(err) => {
            log::error!("could not save the check results: {}", err.detail());
            Err(err.to_string())
        }
    };
    SavedResults { findings, file }
}

/// `path` made absolute against the current folder (so the message names a path the clerk can
/// find); unchanged when that cannot be done.
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

/// What goes into the results file.
pub struct ResultsContext<'a> {
    /// The findings.
    pub findings: &'a [Finding],
    /// The renderers tried and how each failed.
    pub attempts: &'a [Attempt],
    /// When, in local time, as shown.
    pub generated_at: &'a str,
    /// This computer's name.
    pub host: &'a str,
    /// The operating system, as shown.
    pub os: &'a str,
    /// The log file.
    pub log_file: Option<&'a Path>,
}

/// The counts of verdicts in one line: "14 checks: 10 passed, 1 warning, 1 failed, 2 unknown".
pub fn summary_line(findings: &[Finding]) -> String {
    let count = |v: Verdict| findings.iter().filter(|f| f.verdict == v).count();
    let warnings = count(Verdict::Warn);
    format!(
        "{} check{}: {} passed, {} warning{}, {} failed, {} unknown",
        findings.len(),
        if findings.len() == 1 { "" } else { "s" },
        count(Verdict::Pass),
        warnings,
        if warnings == 1 { "" } else { "s" },
        count(Verdict::Fail),
        count(Verdict::Unknown),
    )
}

/// The results file: plain text a clerk or IT support can read in Notepad. Lines end in CRLF on
/// Windows so that old Notepad shows them as lines.
pub fn results_text(cx: &ResultsContext<'_>) -> String {
    let mut lines = vec![
        format!(
            "clerkcheck {} - results of the automatic checks",
            crate::APP_VERSION
        ),
        format!("Computer: {} ({})", cx.host, cx.os),
        format!("Checked: {}", cx.generated_at),
        String::new(),
        "The clerkcheck window could not open on this computer, so the automatic checks were \
         run without it and saved in this file. This is not a sign-off: nothing was signed or \
         recorded."
            .to_owned(),
        String::new(),
        summary_line(cx.findings),
        String::new(),
    ];
    // Needs attention first, in the app's order within each verdict.
    let mut ordered: Vec<&Finding> = cx.findings.iter().collect();
    ordered.sort_by_key(|f| {
        let rank = match f.verdict {
            Verdict::Fail => 0,
            Verdict::Warn => 1,
            Verdict::Unknown => 2,
            Verdict::Pass => 3,
        };
        (rank, f.check)
    });
    for f in ordered {
        lines.push(format!(
            "[{}] {}",
            f.verdict.word().to_uppercase(),
            f.check.title()
        ));
        lines.push(format!("    Found: {}", one_line(&f.evidence)));
        if f.verdict != Verdict::Pass {
            if !f.why.is_empty() {
                lines.push(format!("    Why it matters: {}", one_line(&f.why)));
            }
            lines.extend(f.fix.iter().map(|step| format!("    - {}", one_line(step))));
        }
        lines.push(String::new());
    }
    lines.push("Ways of drawing the window that were tried:".to_owned());
    lines.extend(cx.attempts.iter().map(|a| {
        format!(
            "    {} ({}): {}",
            a.renderer,
            a.renderer.describe(),
            a.outcome.describe()
        )
    }));
    if let Some(log) = cx.log_file {
        lines.push(String::new());
        lines.push(format!(
            "The technical details are in the log: {}",
            log.display()
        ));
    }
    lines.push(String::new());
    lines.join(if cfg!(windows) { "\r\n" } else { "\n" })
}

/// A text on one line (line breaks become spaces).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The message shown to the clerk: what happened, that the checks were still run and where
/// their results are, where the log is, and whom to ask.
pub fn message_text(attempts: &[Attempt], saved: &SavedResults, log_file: Option<&Path>) -> String {
    let what = if attempts.iter().any(|a| a.outcome.drew()) {
        "The clerkcheck window closed unexpectedly, and it could not be opened again."
    } else {
        "The clerkcheck window could not be opened on this computer."
    };
    let mut paragraphs = vec![format!(
        "{what} It tried {} ways of drawing it and none worked. This usually means the graphics \
         driver is missing, out of date or blocked (for example over Remote Desktop or in a \
         virtual machine).",
        attempts.len()
    )];
    let checks = format!(
        "The automatic checks of this computer were still run ({}).",
        summary_line(&saved.findings)
    );
    paragraphs.push(match &saved.file {
        Ok(path) => format!(
            "{checks} The results were saved in this file:\n{}",
            path.display()
        ),
        Err(err) => format!("{checks} Their results could not be saved: {err}"),
    });
    if let Some(log) = log_file {
        paragraphs.push(format!(
            "The technical details are in the log file:\n{}",
            log.display()
        ));
    }
    paragraphs.push(
        "Please contact your IT support and give them these files. Nothing was signed; your \
         saved sign-offs are not affected."
            .to_owned(),
    );
    paragraphs.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::super::renderer::Renderer;
    use super::super::supervisor::Outcome;
    use super::*;

    fn finding(check: CheckId, verdict: Verdict, evidence: &str) -> Finding {
        Finding {
            check,
            verdict,
            evidence: evidence.to_owned(),
            why: "Because.".to_owned(),
            fix: vec!["Turn it on.".to_owned()],
            raw: String::new(),
        }
    }

    fn attempts() -> Vec<Attempt> {
        vec![
            Attempt {
                renderer: Renderer::WgpuPrimary,
                outcome: Outcome::LostAfterFirstFrame {
                    status: "exit code 101".to_owned(),
                },
            },
            Attempt {
                renderer: Renderer::Glow,
                outcome: Outcome::FailedBeforeFirstFrame {
                    status: "exit code 3".to_owned(),
                },
            },
        ]
    }

    #[test]
    fn the_file_name_carries_the_date() {
        let date = chrono::NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
        assert_eq!(results_file_name(date), "clerkcheck-results-2025-03-04.txt");
    }

    #[test]
    fn the_results_put_what_needs_attention_first_and_say_nothing_was_signed() {
        let findings = [
            finding(
                CheckId::Firewall,
                Verdict::Pass,
                "Firewall on for all profiles",
            ),
            finding(
                CheckId::Antivirus,
                Verdict::Fail,
                "No anti-virus\nis running",
            ),
            finding(CheckId::ScreenLock, Verdict::Unknown, "Could not read"),
        ];
        let text = results_text(&ResultsContext {
            findings: &findings,
            attempts: &attempts(),
            generated_at: "2025-03-04 09:15 -06:00",
            host: "CLERK-PC",
            os: "Windows 10 Pro",
            log_file: Some(Path::new("C:\\data\\logs\\clerkcheck.log")),
        })
        .replace("\r\n", "\n");
        assert!(
            text.contains("Computer: CLERK-PC (Windows 10 Pro)"),
            "{text}"
        );
        assert!(text.contains("nothing was signed or recorded"), "{text}");
        assert!(
            text.contains("3 checks: 1 passed, 0 warnings, 1 failed, 1 unknown"),
            "{text}"
        );
        let fail = text.find("[FAIL]").unwrap();
        let unknown = text.find("[UNKNOWN]").unwrap();
        let pass = text.find("[PASS]").unwrap();
        assert!(fail < unknown && unknown < pass, "{text}");
        assert!(text.contains("Found: No anti-virus is running"), "{text}");
        assert!(text.contains("    - Turn it on."), "{text}");
        assert!(
            text.contains("wgpu-primary (") && text.contains("then failed (exit code 101)"),
            "{text}"
        );
        assert!(text.contains("C:\\data\\logs\\clerkcheck.log"), "{text}");
    }

    #[test]
    fn the_message_says_what_happened_where_the_files_are_and_whom_to_ask() {
        let saved = SavedResults {
            findings: vec![finding(CheckId::Firewall, Verdict::Pass, "on")],
            file: Ok(PathBuf::from("C:\\data\\clerkcheck-results-2025-03-04.txt")),
        };
        let log = Path::new("C:\\data\\logs\\clerkcheck.log");
        let text = message_text(&attempts(), &saved, Some(log));
        assert!(
            text.starts_with("The clerkcheck window closed unexpectedly"),
            "{text}"
        );
        assert!(text.contains("tried 2 ways"), "{text}");
        assert!(text.contains("were still run (1 check: 1 passed"), "{text}");
        assert!(
            text.contains("C:\\data\\clerkcheck-results-2025-03-04.txt"),
            "{text}"
        );
        assert!(text.contains("C:\\data\\logs\\clerkcheck.log"), "{text}");
        assert!(text.contains("IT support"), "{text}");

        let unsaved = SavedResults {
            findings: Vec::new(),
            file: Err("C:\\data: access denied".to_owned()),
        };
        let never_drew = &attempts()[1..];
        let text = message_text(never_drew, &unsaved, None);
        assert!(
            text.starts_with("The clerkcheck window could not be opened"),
            "{text}"
        );
        assert!(
            text.contains("could not be saved: C:\\data: access denied"),
            "{text}"
        );
    }
}
