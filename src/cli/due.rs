//! `clerkcheck due`: the next elections and whether a sign-off is due, for a person or for a
//! scheduled reminder (exit 0 not due, 1 due). The JSON schema is in the README.

use chrono::{Datelike as _, NaiveDate};
use serde::Serialize;

use super::{EXIT_FAILED, EXIT_OK};
use crate::calendar::{
    self, DueReport, DueStatus, ElectionStatus, NotCounted, OfficeCalendar, SignOffDate,
    SignoffScan, days_ago_words, in_days_words, long_date,
};
use crate::paths::DataDir;

/// The version of the JSON printed by `due --json`.
pub const JSON_SCHEMA_VERSION: u32 = 1;

/// The years `--on` accepts: the regular calendar is computed from 2012 (the current rules).
const ON_YEARS: std::ops::RangeInclusive<i32> = calendar::wisconsin::FIRST_YEAR..=2100;

/// Arguments of `clerkcheck due`.
#[derive(Debug, clap::Args)]
pub struct DueArgs {
    /// Work it out as if today were DATE, written YYYY-MM-DD (2026-11-24) or as month/day/year
    /// (11/24/2026). Default: today's date on this computer.
    #[arg(long, value_name = "DATE", value_parser = parse_on_date)]
    pub on: Option<NaiveDate>,
    /// Print JSON (its schema is in the README, "clerkcheck due --json").
    #[arg(long)]
    pub json: bool,
}

/// Prints the next elections and whether a sign-off is due; returns 1 when one is due, else 0.
pub fn run(data: &DataDir, args: &DueArgs) -> anyhow::Result<u8> {
    let today = args.on.unwrap_or_else(|| chrono::Local::now().date_naive());
    let OfficeCalendar {
        scan,
        report,
        problems,
        ..
    } = OfficeCalendar::load(data, today);

    if args.json {
        let json = JsonReport::new(&report, &scan, problems);
        let mut document = serde_json::to_string_pretty(&json)?;
        document.push('\n');
        print_out(&document);
    } else {
        for problem in &problems {
            eprintln!("clerkcheck: {problem}");
        }
        print_out(&text(&report, &scan));
    }
    Ok(if report.is_due() {
        EXIT_FAILED
    } else {
        EXIT_OK
    })
}

/// Prints to stdout. A reader that stopped reading (`clerkcheck due | head -1`) is not an error:
/// the exit code still says whether a sign-off is due.
fn print_out(text: &str) {
    use std::io::Write as _;

    let mut stdout = std::io::stdout().lock();
    if let Err(err) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("clerkcheck: the answer could not be printed: {err}");
    }
}

/// Reads `--on`: `YYYY-MM-DD`, or US `M/D/YYYY`, in the years the calendar covers.
fn parse_on_date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    let date = if text.contains('/') {
        let parts: Vec<&str> = text.split('/').collect();
        let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
            len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        match parts.as_slice() {
            [m, d, y] if digits(m, 1..=2) && digits(d, 1..=2) && digits(y, 4..=4) => {
                NaiveDate::parse_from_str(text, "%m/%d/%Y").ok()
            }
            _ => None,
        }
    } else {
        let b = text.as_bytes();
        let iso_shape = b.len() == 10
            && b.iter().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if iso_shape {
            NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
        } else {
            None
        }
    };
    let date = date.ok_or_else(|| {
        format!("\"{text}\" is not a date; write it as YYYY-MM-DD (2026-11-24) or as month/day/year (11/24/2026)")
    })?;
    if !ON_YEARS.contains(&date.year()) {
        return Err(format!(
            "{text} is outside the years clerkcheck's election calendar covers ({} to {})",
            ON_YEARS.start(),
            ON_YEARS.end()
        ));
    }
    Ok(date)
}

/// The plain-words answer.
fn text(report: &DueReport, scan: &SignoffScan) -> String {
    let mut out = String::new();
    let mut line = |words: String| {
        out.push_str(&words);
        out.push('\n');
    };
    line(format!("Today: {}.", long_date(report.today)));
    for (label, status) in ["Next", "Then"].iter().zip(&report.upcoming) {
        line(format!(
            "{label}: {} ({}).",
            status.day,
            in_days_words(status.days_until)
        ));
    }
    match (report.last_signoff, report.days_since_last_signoff) {
        (Some(last), Some(days)) => line(format!(
            "Your last sign-off was {} ({}, record {}).",
            days_ago_words(days),
            long_date(last.date),
            last.record_sequence
        )),
        _ => line("No sign-off is saved yet.".to_owned()),
    }
    line(report.status_sentence());
    if let Some(last) = report.past.last() {
        line(format!(
            "Last election: {}: {}.",
            last.day,
            coverage_words(last, report.window_days)
        ));
    }
    for bad in &scan.not_counted {
        let name = bad
            .file
            .clone()
            .or_else(|| bad.record.map(|n| format!("record {n}")))
            .unwrap_or_else(|| "a file".to_owned());
        line(format!("Not counted: {name}: {}.", bad.reason));
    }
    if report.signoffs_after_today > 0 {
        line(format!(
            "Note: {} sign-off(s) dated after {} were not counted.",
            report.signoffs_after_today,
            long_date(report.today)
        ));
    }
    out
}

/// "covered by your sign-off of …" or "no sign-off within 60 days before it".
fn coverage_words(status: &ElectionStatus, window_days: u32) -> String {
    match status.covered_by {
        Some(by) => format!("covered by your sign-off of {}", long_date(by.date)),
        None => format!("no sign-off within {window_days} days before it"),
    }
}

/// The JSON document of `due --json`. Documented in the README; fields are only ever added
/// without raising `schema_version`.
#[derive(Debug, Serialize)]
struct JsonReport<'a> {
    schema_version: u32,
    today: String,
    window_days: u32,
    due: bool,
    status: &'static str,
    message: String,
    sign_off_between: Option<JsonBetween>,
    next: Option<JsonElection>,
    upcoming: Vec<JsonElection>,
    past: Vec<JsonElection>,
    last_signoff: Option<JsonSignoff>,
    days_since_last_signoff: Option<i64>,
    signoffs_after_today: usize,
    not_counted: &'a [NotCounted],
    problems: Vec<String>,
}

#[derive(Debug, Serialize)]
struct JsonBetween {
    from: String,
    to: String,
}

#[derive(Debug, Serialize)]
struct JsonElection {
    date: String,
    name: String,
    kinds: Vec<&'static str>,
    days_until: i64,
    window_opens: String,
    covered: bool,
    covered_by: Option<JsonSignoff>,
}

#[derive(Debug, Clone, Copy, Serialize)]
struct JsonSignoff {
    date: NaiveDate,
    record: u64,
}

impl From<SignOffDate> for JsonSignoff {
    fn from(s: SignOffDate) -> Self {
        Self {
            date: s.date,
            record: s.record_sequence,
        }
    }
}

impl From<&ElectionStatus> for JsonElection {
    fn from(s: &ElectionStatus) -> Self {
        Self {
            date: s.day.date.to_string(),
            name: s.day.name(),
            kinds: s.day.elections.iter().map(|e| e.kind.id()).collect(),
            days_until: s.days_until,
            window_opens: s.window_opens.to_string(),
            covered: s.is_covered(),
            covered_by: s.covered_by.map(JsonSignoff::from),
        }
    }
}

impl<'a> JsonReport<'a> {
    fn new(report: &DueReport, scan: &'a SignoffScan, problems: Vec<String>) -> Self {
        let (status, sign_off_between) = match &report.status {
            DueStatus::Due { opens, closes, .. } => (
                "due",
                Some(JsonBetween {
                    from: opens.to_string(),
                    to: closes.to_string(),
                }),
            ),
            DueStatus::Covered { .. } => ("covered", None),
            DueStatus::NotYet { .. } => ("not-yet", None),
            DueStatus::NoUpcomingElection => ("no-upcoming-election", None),
        };
        Self {
            schema_version: JSON_SCHEMA_VERSION,
            today: report.today.to_string(),
            window_days: report.window_days,
            due: report.is_due(),
            status,
            message: report.status_sentence(),
            sign_off_between,
            next: report.next().map(JsonElection::from),
            upcoming: report.upcoming.iter().map(JsonElection::from).collect(),
            past: report.past.iter().map(JsonElection::from).collect(),
            last_signoff: report.last_signoff.map(JsonSignoff::from),
            days_since_last_signoff: report.days_since_last_signoff,
            signoffs_after_today: report.signoffs_after_today,
            not_counted: &scan.not_counted,
            problems,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::election_days;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn on_dates_are_read_in_iso_and_us_forms() {
        assert_eq!(parse_on_date("2026-11-24"), Ok(d("2026-11-24")));
        assert_eq!(parse_on_date("11/24/2026"), Ok(d("2026-11-24")));
        assert_eq!(parse_on_date("2/3/2027"), Ok(d("2027-02-03")));
        assert_eq!(parse_on_date(" 02/29/2028 "), Ok(d("2028-02-29")));
        for bad in [
            "24/11/2026",
            "2026-11-31",
            "2026-1-5",
            "02/29/2027",
            "11/24/26",
            "tomorrow",
            "",
            "2026/11/24",
        ] {
            let err = parse_on_date(bad).unwrap_err();
            assert!(err.contains("YYYY-MM-DD"), "{bad}: {err}");
        }
        assert!(
            parse_on_date("2011-12-31")
                .unwrap_err()
                .contains("2012 to 2100")
        );
        assert!(parse_on_date("2101-01-01").is_err());
    }

    #[test]
    fn the_text_names_the_next_two_elections_the_last_signoff_and_what_to_do() {
        let days = election_days(2026..=2027, &[]);
        let signoffs = [SignOffDate {
            date: d("2026-08-20"),
            record_sequence: 4,
        }];
        let report = calendar::due(d("2026-11-25"), &days, &signoffs, 60);
        let scan = SignoffScan {
            signoffs: signoffs.to_vec(),
            not_counted: vec![NotCounted {
                record: Some(5),
                file: Some("000005.ron".to_owned()),
                integrity: crate::records::Integrity::Altered,
                reason: "it was altered after it was saved, so it does not count as a sign-off"
                    .to_owned(),
            }],
        };
        let text = text(&report, &scan);
        assert_eq!(
            text,
            "Today: November 25, 2026.\n\
             Next: Spring primary, February 16, 2027 (in 83 days).\n\
             Then: Spring election, April 6, 2027 (in 132 days).\n\
             Your last sign-off was 97 days ago (August 20, 2026, record 4).\n\
             No sign-off is due yet: the window for the Spring primary opens on December 18, 2026 (60 days before it).\n\
             Last election: General election, November 3, 2026: no sign-off within 60 days before it.\n\
             Not counted: 000005.ron: it was altered after it was saved, so it does not count as a sign-off.\n"
        );
        let due_report = calendar::due(d("2027-01-02"), &days, &signoffs, 60);
        assert_eq!(
            due_report.status_sentence(),
            "A sign-off is due: sign off between December 18, 2026 and February 16, 2027 \
             (within 60 days before the Spring primary)."
        );
    }
}
