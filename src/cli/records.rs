//! `clerkcheck sign`, `history` and `verify`.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;

use super::{EXIT_FAILED, EXIT_OK};
use crate::calendar::OfficeCalendar;
use crate::checklist::Catalog;
use crate::checks::{CheckSource, Policy, SystemChecks, run_checks};
use crate::paths::DataDir;
use crate::records::{self, Integrity, JurisdictionKind, Signer, history};
use crate::session::answers_file::read_answers_file;
use crate::session::{self, Host, SelfCheck, SignError};

/// Arguments of `clerkcheck sign`.
#[derive(Debug, clap::Args)]
pub struct SignArgs {
    /// The answers file (RON): item id → `Done`, `NotDone` or `NotApplicable("reason")`, and an
    /// optional note.
    #[arg(long, value_name = "FILE")]
    pub answers: PathBuf,
    /// The signer's full name.
    #[arg(long, value_name = "NAME")]
    pub signer: String,
    /// The signer's title, e.g. "Municipal Clerk".
    #[arg(long, value_name = "TITLE")]
    pub title: String,
    /// The municipality or county, e.g. "Town of Dunn".
    #[arg(long, value_name = "J")]
    pub jurisdiction: String,
    /// The county, e.g. "Dane County".
    #[arg(long, value_name = "COUNTY", default_value = "")]
    pub county: String,
    /// The jurisdiction is a county, not a municipality.
    #[arg(long)]
    pub county_clerk: bool,
}

/// Arguments of `clerkcheck review`.
#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    /// The number of the record reviewed.
    #[arg(value_name = "SEQ")]
    pub sequence: u64,
    /// The reviewer's full name.
    #[arg(long, value_name = "NAME")]
    pub reviewer: String,
    /// The reviewer's title, e.g. "Office Manager".
    #[arg(long, value_name = "TITLE")]
    pub title: String,
    /// An optional note.
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub note: String,
}

/// Arguments of `clerkcheck history`.
#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// Export as CSV.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Export as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Signs without the window: checks the answers file, runs the automatic checks, applies the
/// same signing rules as the window, saves the record, prints its path and fingerprint. Nothing
/// is written when anything is refused.
pub fn sign(data: &DataDir, args: &SignArgs) -> anyhow::Result<u8> {
    let catalog = Catalog::load(&data.checklists());
    for err in &catalog.failed {
        for line in err.lines() {
            eprintln!("{line}");
        }
    }
    let file = args.answers.display().to_string();
    let answers_file = read_answers_file(&args.answers)?;
    let problems = answers_file.check(&file, &catalog);
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("{p}");
        }
        anyhow::bail!(
            "the answers file has {} problem(s), so nothing was signed",
            problems.len()
        );
    }
    let policy = Policy::load(&data.policy_file());
    if let Some(problem) = &policy.problem {
        eprintln!("clerkcheck: {problem}");
    }

    let mut self_check = SelfCheck {
        catalog: Some(catalog),
        answers: answers_file.to_answers(),
        signer: Signer {
            name: args.signer.clone(),
            title: args.title.clone(),
            jurisdiction_kind: if args.county_clerk {
                JurisdictionKind::County
            } else {
                JurisdictionKind::Municipality
            },
            jurisdiction: args.jurisdiction.clone(),
            county: args.county.clone(),
        },
        ..SelfCheck::default()
    };
    let host = Host::system();
    // The calendar's own file problems are `clerkcheck due`'s to report; here they only mean the
    // record may name no election.
    self_check.schedule = Some(OfficeCalendar::load(data, host.today()).schedule);
    self_check.host = Some(host);
    eprintln!("Running the automatic checks…");
    let checks = self_check.checks_to_run();
    self_check.start_checks(&checks);
    let source: Arc<dyn CheckSource> = Arc::new(SystemChecks);
    for finding in run_checks(source, &checks, &policy.policy, Arc::new(|| {})) {
        self_check.add_finding(finding);
    }
    // A check whose thread ended without a finding stays Unknown; none may stay "running".
    self_check.running.clear();

    let record = self_check.build_record(None).map_err(|err| {
        let place = err
            .item_id()
            .and_then(|id| answers_file.positions.get(id))
            .map_or_else(|| file.clone(), |(l, c)| format!("{file}:{l}:{c}"));
        match err {
            SignError::OfficeChecklistBroken { .. } => anyhow::anyhow!("{err} Nothing was signed."),
            _ => anyhow::anyhow!("{place}: {err} Nothing was signed."),
        }
    })?;
    let stored = session::save_record(data, record, false)
        .with_context(|| format!("the record was not saved in {}", data.records().display()))?;
    let c = stored.record.counts;
    println!(
        "Signed record {} by {}.",
        stored.record.sequence, stored.record.signer.name
    );
    println!("Saved:       {}", stored.path.display());
    println!("Fingerprint: {}", stored.fingerprint());
    println!("Items:       {}.", c.sentence());
    if c.not_answered > 0 {
        println!(
            "Note: {} item(s) were not in the answers file and are recorded as not answered.",
            c.not_answered
        );
    }
    Ok(EXIT_OK)
}

/// Prints the history as a table, or exports it as CSV or JSON.
#[expect(
    clippy::unnecessary_wraps,
    reason = "the same signature as the other subcommands, which `cli::run` dispatches to alike"
)]
pub fn history(data: &DataDir, args: &HistoryArgs) -> anyhow::Result<u8> {
    let store = data.record_store();
    let listing = store.list();
    let report = records::verify(&listing);
    let rows = history::rows(&listing, &report);
    if args.csv {
        print!("{}", history::to_csv(&rows));
        return Ok(EXIT_OK);
    }
    if args.json {
        println!("{}", history::to_json(&rows));
        return Ok(EXIT_OK);
    }
    if rows.is_empty() && listing.unreadable.is_empty() {
        println!("No records yet in {}.", store.dir().display());
        return Ok(EXIT_OK);
    }
    print!("{}", history::to_table(&rows));
    for row in rows.iter().filter(|r| !r.reviews.is_empty()) {
        for review in &row.reviews {
            println!("record {}: {review}", row.sequence);
        }
    }
    for bad in &listing.unreadable {
        println!("unreadable: {}: {}", bad.path.display(), bad.reason);
    }
    println!("{}", report.verdict());
    Ok(EXIT_OK)
}

/// Marks a record as reviewed by the office manager: a sealed review entry appended to the chain.
#[expect(
    clippy::unnecessary_wraps,
    reason = "the same signature as the other subcommands, which `cli::run` dispatches to alike"
)]
pub fn review(data: &DataDir, args: &ReviewArgs) -> anyhow::Result<u8> {
    let reviewer = crate::records::Reviewer {
        name: args.reviewer.clone(),
        title: args.title.clone(),
    };
    match session::review_record(
        &data.record_store(),
        &Host::system(),
        args.sequence,
        &reviewer,
        &args.note,
    ) {
        Ok(stored) => {
            println!(
                "Record {}: {} (saved as entry {}).",
                args.sequence,
                stored.review.line(),
                stored.review.sequence
            );
            Ok(EXIT_OK)
        }
        Err(refusal) => {
            log::error!("review {}: {refusal}", args.sequence);
            eprintln!("clerkcheck: {refusal}");
            Ok(EXIT_FAILED)
        }
    }
}

/// Verifies every record and the chain; exit 0 when all is intact, 1 otherwise.
#[expect(
    clippy::unnecessary_wraps,
    reason = "the same signature as the other subcommands, which `cli::run` dispatches to alike"
)]
pub fn verify(data: &DataDir) -> anyhow::Result<u8> {
    let store = data.record_store();
    let listing = store.list();
    let report = records::verify(&listing);
    for entry in &report.entries {
        let number = match (entry.sequence, entry.through) {
            (Some(first), Some(last)) => format!("{first}-{last}"),
            (Some(n), None) => n.to_string(),
            (None, _) => "-".to_owned(),
        };
        let file = entry.path.as_ref().map_or_else(
            || "(no file)".to_owned(),
            |p| {
                p.file_name().map_or_else(
                    || p.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                )
            },
        );
        let fingerprint = if entry.fingerprint.is_empty() {
            "-"
        } else {
            &entry.fingerprint
        };
        println!(
            "{number:>6}  {file:<12}  {:<12}  {fingerprint:<16}  {}",
            entry.integrity.word(),
            entry.detail
        );
    }
    println!("{}", report.verdict());
    if report
        .entries
        .iter()
        .any(|e| e.integrity != Integrity::Intact)
    {
        println!(
            "Compare the numbers and fingerprints above with those printed on the certifications \
             sent to the commission."
        );
    }
    Ok(if report.is_intact() {
        EXIT_OK
    } else {
        EXIT_FAILED
    })
}
