//! `clerkcheck check`: the automatic checks in the terminal, as a table or as JSON
//! (schema: docs/check-json.md).

use std::fmt::Write as _;

use serde::Serialize;

use super::{EXIT_FAILED, EXIT_OK};
use crate::checks::{CheckId, Finding, Os, Policy, Verdict, run_all};
use crate::paths::DataDir;

/// The version of the JSON printed by `check --json`.
pub const JSON_SCHEMA_VERSION: u32 = 1;

/// Arguments of `clerkcheck check`.
#[derive(Debug, Default, clap::Args)]
pub struct CheckArgs {
    /// Print the findings as JSON (schema in docs/check-json.md).
    #[arg(long)]
    pub json: bool,
}

/// The JSON document of `check --json`.
#[derive(Debug, Serialize)]
struct Report<'a> {
    schema_version: u32,
    generated_at: String,
    app_version: &'static str,
    host: String,
    os: Os,
    policy_file: String,
    policy_problem: Option<&'a str>,
    not_applicable: Vec<CheckId>,
    summary: Summary,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonFinding<'a> {
    check: CheckId,
    title: &'static str,
    verdict: Verdict,
    evidence: &'a str,
    why: &'a str,
    fix: &'a [String],
    raw: &'a str,
}

/// Counts of verdicts.
#[derive(Debug, Default, Serialize)]
struct Summary {
    total: usize,
    passed: usize,
    warnings: usize,
    failed: usize,
    unknown: usize,
}

impl Summary {
    fn of(findings: &[Finding]) -> Self {
        let count = |v: Verdict| findings.iter().filter(|f| f.verdict == v).count();
        Self {
            total: findings.len(),
            passed: count(Verdict::Pass),
            warnings: count(Verdict::Warn),
            failed: count(Verdict::Fail),
            unknown: count(Verdict::Unknown),
        }
    }

    fn line(&self) -> String {
        format!(
            "{} checks: {} passed, {} warning{}, {} failed, {} unknown",
            self.total,
            self.passed,
            self.warnings,
            if self.warnings == 1 { "" } else { "s" },
            self.failed,
            self.unknown
        )
    }
}

/// Runs the checks and prints them.
pub fn run(data: &DataDir, args: &CheckArgs) -> anyhow::Result<u8> {
    let policy_path = data.policy_file();
    let load = Policy::load(&policy_path);
    if let Some(problem) = &load.problem {
        eprintln!("clerkcheck: {problem}");
    }
    let findings = run_all(&load.policy);
    let summary = Summary::of(&findings);
    let code = if summary.failed > 0 {
        EXIT_FAILED
    } else {
        EXIT_OK
    };
    if args.json {
        let report = Report {
            schema_version: JSON_SCHEMA_VERSION,
            generated_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            app_version: crate::APP_VERSION,
            host: sysinfo::System::host_name().unwrap_or_default(),
            os: Os::current(),
            policy_file: policy_path.display().to_string(),
            policy_problem: load.problem.as_deref(),
            not_applicable: CheckId::ALL
                .into_iter()
                .filter(|c| !c.applies_on_this_os())
                .collect(),
            summary,
            findings: findings
                .iter()
                .map(|f| JsonFinding {
                    check: f.check,
                    title: f.check.title(),
                    verdict: f.verdict,
                    evidence: &f.evidence,
                    why: &f.why,
                    fix: &f.fix,
                    raw: &f.raw,
                })
                .collect(),
        };
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", table(&findings));
        println!("{}", summary.line());
    }
    Ok(code)
}

/// The findings as a plain-text table: id, verdict, evidence.
fn table(findings: &[Finding]) -> String {
    let id_width = findings
        .iter()
        .map(|f| f.check.as_str().len())
        .max()
        .unwrap_or(5)
        .max(5);
    let mut out = format!("{:id_width$}  {:8} EVIDENCE\n", "CHECK", "VERDICT");
    for f in findings {
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "{:id_width$}  {:8} {}",
            f.check.as_str(),
            f.verdict.word(),
            f.evidence
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_line_counts_each_verdict() {
        let f = |check, verdict| Finding {
            check,
            verdict,
            evidence: String::new(),
            why: String::new(),
            fix: Vec::new(),
            raw: String::new(),
        };
        let findings = [
            f(CheckId::Firewall, Verdict::Pass),
            f(CheckId::Antivirus, Verdict::Warn),
            f(CheckId::Uac, Verdict::Fail),
            f(CheckId::ScreenLock, Verdict::Unknown),
        ];
        assert_eq!(
            Summary::of(&findings).line(),
            "4 checks: 1 passed, 1 warning, 1 failed, 1 unknown"
        );
        let t = table(&findings);
        assert!(t.lines().nth(1).unwrap().starts_with("firewall "), "{t}");
    }
}
