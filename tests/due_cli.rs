//! `clerkcheck due` through the real binary: the next elections, and whether a sign-off is due
//! according to the records in the data folder.
//!
//! Records are saved with chosen signing times (a fixed UTC time and the offset it was signed
//! with), so every answer here is the same in any time zone; the binary is also run under two
//! time zones far apart to show it.

#![expect(
    clippy::disallowed_methods,
    reason = "tests set up, tamper with and inspect files directly"
)]
#![expect(clippy::unwrap_used, reason = "tests: a panic is the failure report")]

use std::path::Path;
use std::process::{Command, Output};

use clerkcheck::paths::DataDir;
use clerkcheck::records::RecordStore;
use serde_json::Value;

/// Time zones 20 hours apart (UTC-6 in winter, UTC+14).
const ZONES: [&str; 2] = ["America/Chicago", "Pacific/Kiritimati"];

fn clerkcheck_in(zone: &str, data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clerkcheck"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("CLERKCHECK_DATA_DIR")
        .env("CLERKCHECK_SETTINGS_DIR", data.join("settings"))
        .env("TZ", zone)
        .output()
        .unwrap()
}

fn clerkcheck(data: &Path, args: &[&str]) -> Output {
    clerkcheck_in(ZONES[0], data, args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", text(&out.stdout), text(&out.stderr)))
}

/// Saves a record signed at `utc` (RFC 3339) by a clerk whose clock was `offset_minutes` from
/// UTC.
fn save_signed_at(data: &Path, utc: &str, offset_minutes: i32) {
    let mut record = clerkcheck::testing::sample_self_check("Pat Clerk")
        .build_record(None)
        .unwrap();
    record.created_at_utc = utc.parse().unwrap();
    record.utc_offset_minutes = offset_minutes;
    RecordStore::new(DataDir::new(data).records())
        .save(record)
        .unwrap();
}

fn names_and_dates(list: &Value) -> Vec<(String, String)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["name"].as_str().unwrap().to_owned(),
                e["date"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn on_2026_11_24_the_next_two_are_the_spring_primary_and_the_spring_election() {
    let dir = tempfile::tempdir().unwrap();
    for zone in ZONES {
        let out = clerkcheck_in(zone, dir.path(), &["due", "--on", "2026-11-24", "--json"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let report = json(&out);
        assert_eq!(report["schema_version"], 1);
        assert_eq!(report["today"], "2026-11-24");
        assert_eq!(report["window_days"], 60);
        let upcoming = names_and_dates(&report["upcoming"]);
        assert_eq!(
            upcoming[..2],
            [
                ("Spring primary".to_owned(), "2027-02-16".to_owned()),
                ("Spring election".to_owned(), "2027-04-06".to_owned()),
            ]
        );
        assert_eq!(report["next"]["date"], "2027-02-16");
        assert_eq!(report["next"]["kinds"][0], "spring-primary");
        assert_eq!(report["next"]["days_until"], 84);
        assert_eq!(report["next"]["window_opens"], "2026-12-18");
        // No records: nothing to count, and the window has not opened yet.
        assert_eq!(report["due"], false);
        assert_eq!(report["status"], "not-yet");
        assert_eq!(report["last_signoff"], Value::Null);
        assert_eq!(report["problems"].as_array().unwrap().len(), 0);
    }
}

#[test]
fn whether_a_signoff_is_due_follows_the_records() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();

    // No records: from December 18 (60 days before February 16) a sign-off is due.
    let out = clerkcheck(data, &["due", "--on", "2027-01-10"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.contains(
            "A sign-off is due: sign off between December 18, 2026 and February 16, 2027"
        ),
        "{said}"
    );
    assert!(said.contains("No sign-off is saved yet."), "{said}");

    // A sign-off on November 20, 2026 (local, Central time) is too early for February 16.
    save_signed_at(data, "2026-11-20T16:00:00Z", -360);
    let on_the_24th = json(&clerkcheck(data, &["due", "--on", "2026-11-24", "--json"]));
    assert_eq!(on_the_24th["due"], false);
    assert_eq!(on_the_24th["last_signoff"]["date"], "2026-11-20");
    assert_eq!(on_the_24th["last_signoff"]["record"], 1);
    assert_eq!(on_the_24th["days_since_last_signoff"], 4);
    let out = clerkcheck(data, &["due", "--on", "2027-01-10", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert_eq!(report["status"], "due");
    assert_eq!(report["sign_off_between"]["from"], "2026-12-18");
    assert_eq!(report["sign_off_between"]["to"], "2027-02-16");

    // Signed in the evening of January 5 in Wisconsin (03:30 UTC on January 6): it counts as
    // January 5 in any time zone, and covers February 16.
    save_signed_at(data, "2027-01-06T03:30:00Z", -360);
    for zone in ZONES {
        let out = clerkcheck_in(zone, data, &["due", "--on", "2027-01-10", "--json"]);
        assert_eq!(out.status.code(), Some(0), "{zone}: {}", text(&out.stderr));
        let report = json(&out);
        assert_eq!(report["status"], "covered", "{zone}");
        assert_eq!(report["last_signoff"]["date"], "2027-01-05", "{zone}");
        assert_eq!(report["last_signoff"]["record"], 2);
        assert_eq!(report["days_since_last_signoff"], 5);
        assert_eq!(report["next"]["covered_by"]["record"], 2);
        // January 5 is 91 days before April 6: the spring election is not covered by it.
        assert_eq!(report["upcoming"][1]["covered"], false);
    }
    let said = text(&clerkcheck(data, &["due", "--on", "2027-01-10"]).stdout);
    assert!(
        said.contains(
            "No sign-off is due: your sign-off of January 5, 2027 covers the Spring primary of February 16, 2027."
        ),
        "{said}"
    );

    // February 10: the spring election's window (from February 5) is open and holds no
    // sign-off, so one is due again.
    let out = clerkcheck(data, &["due", "--on", "02/10/2027", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert_eq!(report["sign_off_between"]["from"], "2027-02-05");
    assert_eq!(report["sign_off_between"]["to"], "2027-04-06");

    // Past elections say whether a sign-off covered them (for History).
    let later = json(&clerkcheck(data, &["due", "--on", "2027-05-01", "--json"]));
    let past = later["past"].as_array().unwrap();
    let primary = past.iter().find(|e| e["date"] == "2027-02-16").unwrap();
    assert_eq!(primary["covered"], true);
    assert_eq!(primary["covered_by"]["date"], "2027-01-05");
    let spring = past.iter().find(|e| e["date"] == "2027-04-06").unwrap();
    assert_eq!(spring["covered"], false);
}

#[test]
fn an_altered_record_does_not_count_and_the_output_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    save_signed_at(data, "2027-01-05T18:00:00Z", -360);
    let path = DataDir::new(data).records().join("000001.ron");
    let changed = fs_err::read_to_string(&path)
        .unwrap()
        .replace("Pat Clerk", "Pat Clerq");
    let mut permissions = fs_err::metadata(&path).unwrap().permissions();
    #[expect(
        clippy::permissions_set_readonly_false,
        reason = "tampering with a record on purpose"
    )]
    permissions.set_readonly(false);
    fs_err::set_permissions(&path, permissions).unwrap();
    fs_err::write(&path, changed).unwrap();

    let out = clerkcheck(data, &["due", "--on", "2027-01-10", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert_eq!(report["due"], true);
    assert_eq!(report["last_signoff"], Value::Null);
    assert_eq!(report["not_counted"][0]["file"], "000001.ron");
    assert_eq!(report["not_counted"][0]["integrity"], "altered");

    let said = text(&clerkcheck(data, &["due", "--on", "2027-01-10"]).stdout);
    assert!(
        said.contains("Not counted: 000001.ron: it was altered after it was saved"),
        "{said}"
    );
}

#[test]
fn special_elections_join_the_calendar_and_a_broken_file_is_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let file = DataDir::new(data).elections_file();
    fs_err::write(
        &file,
        "[\n    (name: \"Special election, Assembly District 7\", date: \"2026-12-15\"),\n]\n",
    )
    .unwrap();
    let report = json(&clerkcheck(data, &["due", "--on", "2026-11-24", "--json"]));
    assert_eq!(
        report["next"]["name"],
        "Special election, Assembly District 7"
    );
    assert_eq!(report["next"]["kinds"][0], "special");
    // Its window opened October 16: a sign-off is due.
    assert_eq!(report["due"], true);

    fs_err::write(
        &file,
        "[\n    (name: \"Special election\", date: \"2026-02-30\"),\n]\n",
    )
    .unwrap();
    let out = clerkcheck(data, &["due", "--on", "2026-11-24"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "the regular calendar still works"
    );
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!("{}:2:", file.display())) && err.contains("is not a date"),
        "{err}"
    );
    assert!(err.contains("regular calendar still applies"), "{err}");
    assert!(
        text(&out.stdout).contains("Next: Spring primary, February 16, 2027 (in 84 days)."),
        "{}",
        text(&out.stdout)
    );
    let report = json(&clerkcheck(data, &["due", "--on", "2026-11-24", "--json"]));
    assert!(
        report["problems"][0]
            .as_str()
            .unwrap()
            .contains("is not a date"),
        "{report}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_in_place_of_elections_ron_does_not_hang_the_command() {
    use wait_timeout::ChildExt as _;

    let dir = tempfile::tempdir().unwrap();
    let fifo = DataDir::new(dir.path()).elections_file();
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_clerkcheck"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["due", "--on", "2026-11-24"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Generous: the command takes milliseconds; only a hang takes this long.
    let status = child
        .wait_timeout(std::time::Duration::from_mins(2))
        .unwrap();
    if status.is_none() {
        child.kill().unwrap();
        panic!("clerkcheck due hung on a FIFO");
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stderr).contains("a named pipe (FIFO), not a file"));
}

#[test]
fn the_policy_sets_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let policy = DataDir::new(data).policy_file();
    fs_err::write(&policy, "(signoff_days_before_election: 14)\n").unwrap();
    let out = clerkcheck(data, &["due", "--on", "2027-01-10", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let report = json(&out);
    assert_eq!(report["window_days"], 14);
    assert_eq!(report["next"]["window_opens"], "2027-02-02");

    // An absurd window is refused with its position, and the default of 60 days is used.
    fs_err::write(&policy, "(\n  signoff_days_before_election: 0,\n)\n").unwrap();
    let out = clerkcheck(data, &["due", "--on", "2027-01-10"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains(&format!("{}:2:", policy.display())), "{err}");
    assert!(err.contains("from 1 to 366"), "{err}");
}

#[test]
fn a_wrong_date_is_a_usage_error_and_help_names_both_forms() {
    let dir = tempfile::tempdir().unwrap();
    for bad in ["24/11/2026", "2026-02-30", "next tuesday"] {
        let out = clerkcheck(dir.path(), &["due", "--on", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(
            text(&out.stderr).contains("YYYY-MM-DD"),
            "{}",
            text(&out.stderr)
        );
    }
    let help = clerkcheck(dir.path(), &["due", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    let help = text(&help.stdout);
    assert!(
        help.contains("2026-11-24") && help.contains("11/24/2026"),
        "{help}"
    );
}

#[test]
fn a_signoff_made_with_clerkcheck_sign_counts_from_today() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let answers = data.join("answers.ron");
    fs_err::write(&answers, "{}\n").unwrap();
    for zone in ZONES {
        let signed = clerkcheck_in(
            zone,
            data,
            &[
                "sign",
                "--answers",
                answers.to_str().unwrap(),
                "--signer",
                "Pat Clerk",
                "--title",
                "Municipal Clerk",
                "--jurisdiction",
                "Town of Dunn",
            ],
        );
        assert_eq!(signed.status.code(), Some(0), "{}", text(&signed.stderr));
        let out = clerkcheck_in(zone, data, &["due", "--json"]);
        let report = json(&out);
        // Signed moments ago, in the same time zone: today (or yesterday, had midnight passed
        // between the two commands).
        let since = report["days_since_last_signoff"].as_i64().unwrap();
        assert!(since == 0 || since == 1, "{zone}: {report}");
        let due = report["due"].as_bool().unwrap();
        assert_eq!(out.status.code(), Some(i32::from(due)), "{report}");
        if since == 0 {
            // A sign-off today is in the window of every election whose window is open.
            assert!(!due, "{zone}: {report}");
        }
    }
}
