//! `clerkcheck rollup`: a folder of received certifications from many offices, some altered,
//! some missing from their chains, some received twice — reported exactly.
//!
//! 200 certifications here (40 offices × 5 records), to keep the test suite quick; the
//! benchmark `cargo bench --bench rollup` runs 2,000.

#![expect(
    clippy::disallowed_methods,
    reason = "tests write, tamper with and read certification files directly"
)]
#![expect(
    clippy::expect_used,
    reason = "in a test, a failed expectation is the failure report we want"
)]

#[path = "support/tamper.rs"]
#[expect(
    dead_code,
    reason = "the forgeries of the certification tests are not all needed here"
)]
mod tamper;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const OFFICES: usize = 40;
const RECORDS: u64 = 5;

fn file_of(folder: &Path, office: usize, sequence: u64) -> PathBuf {
    folder.join(format!("office-{office:03}-record-{sequence}.pdf"))
}

/// Every office signs `RECORDS` records; each certification goes into `folder`.
fn received(work: &Path, folder: &Path) {
    std::fs::create_dir_all(folder).expect("a folder");
    std::thread::scope(|scope| {
        for half in 0..2 {
            scope.spawn(move || {
                for office in (half..OFFICES).step_by(2) {
                    let data = work.join(format!("office-{office:03}"));
                    for sequence in 1..=RECORDS {
                        let certified = tamper::sign(
                            &data,
                            "Nguyễn Thị Hương",
                            &format!("Town of Example {office}"),
                        );
                        assert_eq!(certified.record().sequence, sequence);
                        tamper::write_certification(&certified, &file_of(folder, office, sequence));
                    }
                }
            });
        }
    });
}

#[test]
fn rollup_reports_exactly_the_altered_the_gaps_and_the_duplicates() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let folder = work.path().join("received");
    received(work.path(), &folder);

    let altered = [(0, 1), (3, 5), (10, 2), (21, 4), (39, 3)];
    for (office, sequence) in altered {
        tamper::flip_record_byte(&file_of(&folder, office, sequence));
    }
    let missing = [(5, 2), (17, 4), (30, 3)];
    for (office, sequence) in missing {
        std::fs::remove_file(file_of(&folder, office, sequence)).expect("removes");
    }
    let duplicated = [(8, 1), (25, 5)];
    for (office, sequence) in duplicated {
        std::fs::copy(
            file_of(&folder, office, sequence),
            folder.join(format!(
                "zz-copy-of-office-{office:03}-record-{sequence}.pdf"
            )),
        )
        .expect("copies");
    }

    let out = Command::new(env!("CARGO_BIN_EXE_clerkcheck"))
        .args(["rollup", "--json"])
        .arg(&folder)
        .env_remove("CLERKCHECK_DATA_DIR")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "problems were found");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rows = json["rows"].as_array().expect("rows");
    let total = OFFICES * 5 - missing.len() + duplicated.len();
    assert_eq!(rows.len(), total);

    let files_where = |pred: &dyn Fn(&serde_json::Value) -> bool| -> BTreeSet<String> {
        rows.iter()
            .filter(|r| pred(r))
            .map(|r| r["file"].as_str().expect("file").to_owned())
            .collect()
    };
    let name = |office: usize, sequence: u64| format!("office-{office:03}-record-{sequence}.pdf");

    let invalid = files_where(&|r| r["valid"] == false);
    let expected: BTreeSet<String> = altered.iter().map(|&(o, s)| name(o, s)).collect();
    assert_eq!(invalid, expected);
    assert!(
        rows.iter()
            .filter(|r| r["valid"] == false)
            .all(|r| r["verdict"] == "altered")
    );

    let has_flag = |kind: &'static str| {
        move |r: &serde_json::Value| {
            r["flags"]
                .as_array()
                .is_some_and(|f| f.iter().any(|f| f["flag"] == kind))
        }
    };
    let gaps = files_where(&has_flag("gap"));
    let expected: BTreeSet<String> = missing.iter().map(|&(o, s)| name(o, s + 1)).collect();
    assert_eq!(gaps, expected, "the record after each missing one");
    for (office, sequence) in missing {
        let row = rows
            .iter()
            .find(|r| r["file"] == name(office, sequence + 1).as_str())
            .expect("the row after the gap");
        assert_eq!(row["flags"][0]["missing"], sequence);
    }

    let copies = files_where(&has_flag("duplicate"));
    let expected: BTreeSet<String> = duplicated
        .iter()
        .map(|&(o, s)| format!("zz-copy-of-office-{o:03}-record-{s}.pdf"))
        .collect();
    assert_eq!(copies, expected);

    assert!(files_where(&has_flag("same-number")).is_empty());
    assert!(files_where(&has_flag("earliest")).is_empty());
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(
        summary.contains("199 certifications: 5 altered, 194 genuine; 3 gap(s), 2 duplicate(s)"),
        "{summary}"
    );
}

#[test]
fn rollup_csv_has_one_row_per_certification_and_the_counts_by_status() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let folder = work.path().join("received");
    std::fs::create_dir_all(&folder).expect("a folder");
    let data = work.path().join("office");
    for _ in 0..2 {
        let certified = tamper::sign(&data, "José Núñez-Øberg", "=Town of Example");
        let path = folder.join(format!("c{}.pdf", certified.record().sequence));
        tamper::write_certification(&certified, &path);
    }
    let out = Command::new(env!("CARGO_BIN_EXE_clerkcheck"))
        .args(["rollup", "--csv"])
        .arg(&folder)
        .env_remove("CLERKCHECK_DATA_DIR")
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(lines[0].starts_with("file,jurisdiction,county,signed_on,signer,record,pass,done,"));
    assert!(lines[0].ends_with("fingerprint,previous_fingerprint,valid,verdict,why_not,flags"));
    // The jurisdiction starts with "=": defused for spreadsheets.
    assert!(
        lines[1].starts_with("c1.pdf,\"'=Town of Example, Example County\","),
        "{csv}"
    );
    assert!(lines[2].contains(",yes,genuine,,"), "{csv}");
}
