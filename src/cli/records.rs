//! `clerkcheck sign`, `history` and `verify`.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;

use super::{EXIT_FAILED, EXIT_OK};
use crate::checklist::{Catalog, Checklist};
use crate::checks::{CheckSource, Finding, Policy, SystemChecks, run_checks};
use crate::paths::DataDir;
use crate::records::answers_file::read_answers_file;
use crate::records::{
    self, Integrity, JurisdictionKind, RecordStore, SignOff, Signer, history,
    verify as verify_chain,
};

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

/// Signs without the window: checks the answers file, runs the automatic checks, saves the
/// record, prints its path and fingerprint. Nothing is written when anything is refused.
pub fn sign(data: &DataDir, args: &SignArgs) -> anyhow::Result<u8> {
    let catalog = Catalog::load(&data.checklists());
    if !catalog.failed.is_empty() {
        for err in &catalog.failed {
            for line in err.lines() {
                eprintln!("{line}");
            }
        }
        anyhow::bail!(
            "{} office checklist file(s) could not be loaded, so nothing was signed; fix them \
             (`clerkcheck validate FILE`) or move them out of {}",
            catalog.failed.len(),
            data.checklists().display()
        );
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
    let answers = answers_file.to_answers();
    let signer = Signer {
        name: args.signer.trim().to_owned(),
        title: args.title.trim().to_owned(),
        jurisdiction_kind: if args.county_clerk {
            JurisdictionKind::County
        } else {
            JurisdictionKind::Municipality
        },
        jurisdiction: args.jurisdiction.trim().to_owned(),
        county: args.county.trim().to_owned(),
    };

    let policy = Policy::load(&data.policy_file());
    if let Some(problem) = &policy.problem {
        eprintln!("clerkcheck: {problem}; using the default policy");
    }
    eprintln!("Running the automatic checks…");
    let findings = run_all_checks(&catalog, &policy.policy);

    let record = SignOff {
        catalog: &catalog,
        findings: &findings,
        answers: &answers,
        signer,
        computer: records::this_computer(),
        now_utc: chrono::Utc::now(),
        utc_offset_minutes: records::local_utc_offset_minutes(),
    }
    .build()
    .map_err(|e| anyhow::anyhow!("{file}: {e}; nothing was signed"))?;

    let unanswered = catalog
        .checklists
        .iter()
        .flat_map(Checklist::items)
        .filter(|i| i.verification.check().is_none() && !answers.contains_key(&i.id))
        .count();
    if unanswered > 0 {
        eprintln!(
            "Note: {unanswered} manual item(s) are not in the answers file and are recorded as \
             not done."
        );
    }

    let store = RecordStore::new(data.records());
    let stored = store
        .save(record)
        .with_context(|| format!("the record was not saved in {}", store.dir().display()))?;
    let c = stored.record.counts;
    println!(
        "Signed record {} by {}.",
        stored.record.sequence, stored.record.signer.name
    );
    println!("Saved:       {}", stored.path.display());
    println!("Fingerprint: {}", stored.fingerprint());
    println!(
        "Passed {}, failed {}, warnings {}, unknown {}, not applicable {} (manual: {} done, {} not done).",
        c.passed, c.failed, c.warned, c.unknown, c.not_applicable, c.done, c.not_done
    );
    Ok(EXIT_OK)
}

/// Runs the checks the loaded checklists use and waits for every finding.
fn run_all_checks(catalog: &Catalog, policy: &Policy) -> Vec<Finding> {
    let checks: BTreeSet<_> = catalog
        .checklists
        .iter()
        .flat_map(Checklist::items)
        .filter_map(|i| i.verification.check())
        .collect();
    let checks: Vec<_> = checks.into_iter().collect();
    let source: Arc<dyn CheckSource> = Arc::new(SystemChecks);
    let receiver = run_checks(source, &checks, policy, Arc::new(|| {}));
    receiver.iter().collect()
}

/// Prints the history as a table, or exports it as CSV or JSON.
// Same signature as the other subcommands, which `cli::run` dispatches to alike.
#[allow(clippy::unnecessary_wraps)]
pub fn history(data: &DataDir, args: &HistoryArgs) -> anyhow::Result<u8> {
    let store = RecordStore::new(data.records());
    let listing = store.list();
    let report = verify_chain(&listing);
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
    for bad in &listing.unreadable {
        println!("unreadable: {}: {}", bad.path.display(), bad.reason);
    }
    println!("{}", report.verdict());
    Ok(EXIT_OK)
}

/// Verifies every record and the chain; exit 0 when all is intact, 1 otherwise.
// Same signature as the other subcommands, which `cli::run` dispatches to alike.
#[allow(clippy::unnecessary_wraps)]
pub fn verify(data: &DataDir) -> anyhow::Result<u8> {
    let store = RecordStore::new(data.records());
    let listing = store.list();
    let report = verify_chain(&listing);
    for entry in &report.entries {
        let number = entry
            .sequence
            .map_or_else(|| "-".to_owned(), |s| s.to_string());
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
            "Compare the fingerprints above with those printed on the certifications sent to \
             the commission."
        );
    }
    Ok(if report.is_intact() {
        EXIT_OK
    } else {
        EXIT_FAILED
    })
}
