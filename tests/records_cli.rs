//! `clerkcheck sign`, `history` and `verify` from the command line.

#![expect(
    clippy::disallowed_methods,
    reason = "tests set up, tamper with and inspect files directly"
)]
#![expect(
    clippy::unwrap_used,
    reason = "in a test, a failed unwrap is the failure report we want"
)]

use std::path::Path;
use std::process::{Command, Output};

use clerkcheck::checklist::Catalog;

fn clerkcheck(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clerkcheck"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("CLERKCHECK_DATA_DIR")
        .env("CLERKCHECK_SETTINGS_DIR", data.join("settings"))
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Ids of manual items in the shipped checklists.
fn manual_ids() -> Vec<String> {
    Catalog::load(Path::new("/nonexistent/clerkcheck-cli-test"))
        .checklists
        .iter()
        .flat_map(|c| c.items().cloned().collect::<Vec<_>>())
        .filter(|i| i.verification.check().is_none())
        .map(|i| i.id)
        .collect()
}

fn sign(data: &Path, answers: &Path, signer: &str) -> Output {
    clerkcheck(
        data,
        &[
            "sign",
            "--answers",
            answers.to_str().unwrap(),
            "--signer",
            signer,
            "--title",
            "Municipal Clerk",
            "--jurisdiction",
            "Town of Dunn",
            "--county",
            "Dane County",
        ],
    )
}

fn record_files(data: &Path) -> Vec<String> {
    let Ok(entries) = fs_err::read_dir(data.join("records")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| Path::new(n).extension().is_some_and(|e| e == "ron"))
        .collect();
    names.sort();
    names
}

#[test]
fn sign_history_and_verify_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let ids = manual_ids();
    let answers = data.join("answers.ron");
    fs_err::write(
        &answers,
        format!(
            "// my answers\n{{\n    \"{}\": (answer: Done, note: \"checked\"),\n    \"{}\": (answer: NotApplicable(\"no such thing here\")),\n}}\n",
            ids[0], ids[1]
        ),
    )
    .unwrap();

    let first = sign(data, &answers, "José Núñez-Øberg");
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    let out = text(&first.stdout);
    assert!(out.contains("Signed record 1"), "{out}");
    assert!(out.contains("000001.ron"), "{out}");
    let fingerprint = out
        .lines()
        .find_map(|l| l.strip_prefix("Fingerprint: "))
        .unwrap()
        .to_owned();
    assert_eq!(fingerprint.len(), 16);
    assert!(fingerprint.bytes().all(|b| b.is_ascii_hexdigit()));

    let second = sign(data, &answers, "Second, Clerk");
    assert_eq!(second.status.code(), Some(0), "{}", text(&second.stderr));
    assert_eq!(record_files(data), ["000001.ron", "000002.ron"]);

    let table = clerkcheck(data, &["history"]);
    assert_eq!(table.status.code(), Some(0));
    let table = text(&table.stdout);
    assert!(
        table.contains("José Núñez-Øberg") && table.contains(&fingerprint),
        "{table}"
    );
    assert!(table.contains("All 2 records are intact."), "{table}");

    let csv = text(&clerkcheck(data, &["history", "--csv"]).stdout);
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(lines[0].starts_with("sequence,signed_at_utc,"));
    assert!(lines[2].contains(",\"Second, Clerk\","), "{csv}");
    assert!(lines[1].contains(&fingerprint));

    let json: serde_json::Value =
        serde_json::from_str(&text(&clerkcheck(data, &["history", "--json"]).stdout)).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert_eq!(json[0]["fingerprint"], fingerprint.as_str());
    // The answers' one N/A item, plus, off Windows, the User Account Control item.
    assert_eq!(
        json[0]["counts"]["not_applicable"],
        if cfg!(windows) { 1 } else { 2 }
    );

    let verify = clerkcheck(data, &["verify"]);
    assert_eq!(verify.status.code(), Some(0), "{}", text(&verify.stdout));
    assert!(text(&verify.stdout).contains("All 2 records are intact."));

    // One byte changed: verify fails and names the record.
    let path = data.join("records").join("000001.ron");
    let changed = fs_err::read_to_string(&path)
        .unwrap()
        .replace("Dunn", "Dunm");
    let mut perms = fs_err::metadata(&path).unwrap().permissions();
    #[expect(
        clippy::permissions_set_readonly_false,
        reason = "tampering with a record on purpose"
    )]
    perms.set_readonly(false);
    fs_err::set_permissions(&path, perms).unwrap();
    fs_err::write(&path, changed).unwrap();
    let verify = clerkcheck(data, &["verify"]);
    assert_eq!(verify.status.code(), Some(1));
    let out = text(&verify.stdout);
    assert!(
        out.lines()
            .any(|l| l.contains("000001.ron") && l.contains("Altered")),
        "{out}"
    );
    assert!(out.contains("Problems found"), "{out}");
}

#[test]
fn unknown_item_is_refused_naming_file_line_and_column_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let answers = data.join("answers.ron");
    fs_err::write(&answers, "{\n    \"no-such-item\": (answer: Done),\n}\n").unwrap();
    let out = sign(data, &answers, "Clerk");
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!(
            "{}:2:5: item \"no-such-item\" is not in any",
            answers.display()
        )),
        "{err}"
    );
    assert!(err.contains("nothing was signed"), "{err}");
    assert!(record_files(data).is_empty());
}

#[test]
fn empty_not_applicable_reason_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let answers = data.join("answers.ron");
    fs_err::write(
        &answers,
        format!(
            "{{ \"{}\": (answer: NotApplicable(\"\")) }}",
            manual_ids()[0]
        ),
    )
    .unwrap();
    let out = sign(data, &answers, "Clerk");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("empty reason"),
        "{}",
        text(&out.stderr)
    );
    assert!(record_files(data).is_empty());
}

#[test]
fn broken_answers_file_is_refused_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let answers = data.join("answers.ron");
    fs_err::write(&answers, "{\n  \"x\": (answer: Yes),\n}\n").unwrap();
    let out = sign(data, &answers, "Clerk");
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains(&format!("{}:2:", answers.display())), "{err}");
    assert!(err.contains("Done, NotDone or NotApplicable"), "{err}");
    assert!(record_files(data).is_empty());
}

#[test]
fn verify_and_history_on_an_empty_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let verify = clerkcheck(dir.path(), &["verify"]);
    assert_eq!(verify.status.code(), Some(0));
    assert!(text(&verify.stdout).contains("No records yet."));
    let history = clerkcheck(dir.path(), &["history"]);
    assert_eq!(history.status.code(), Some(0));
    assert!(text(&history.stdout).contains("No records yet"));
}

/// Makes a record file writable and replaces `from` with `to` in it (no re-sealing).
fn tamper(path: &Path, from: &str, to: &str) {
    let changed = fs_err::read_to_string(path).unwrap().replace(from, to);
    let mut perms = fs_err::metadata(path).unwrap().permissions();
    #[expect(
        clippy::permissions_set_readonly_false,
        reason = "tampering with a record on purpose"
    )]
    perms.set_readonly(false);
    fs_err::set_permissions(path, perms).unwrap();
    fs_err::write(path, changed).unwrap();
}

#[test]
fn a_certification_is_printed_only_from_an_intact_record_of_this_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let answers = data.join("answers.ron");
    fs_err::write(&answers, "{}").unwrap();
    for signer in ["José Núñez-Øberg", "Ann Lee", "Bo Yu"] {
        let out = sign(data, &answers, signer);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    let pdf = data.join("cert.pdf");
    let report = |what: &str| clerkcheck(data, &["report", what, "-o", pdf.to_str().unwrap()]);

    let ok = report("2");
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stderr));
    assert!(fs_err::read(&pdf).unwrap().starts_with(b"%PDF"));
    fs_err::remove_file(&pdf).unwrap();

    // The signer of record 3 edited, not re-sealed: refused, saying why; no PDF.
    let record_3 = data.join("records").join("000003.ron");
    tamper(&record_3, "Bo Yu", "Mallory");
    let refused = report("3");
    assert_eq!(refused.status.code(), Some(1));
    let why = text(&refused.stderr);
    assert!(
        why.contains("No certification is printed from record 3: it is altered"),
        "{why}"
    );
    assert!(!pdf.exists());

    // A forged file outside the folder, and a faithful copy of a record that is altered in the
    // folder, are refused too; a faithful copy of an intact record prints.
    let outside = data.join("forged.ron");
    fs_err::copy(data.join("records").join("000002.ron"), &outside).unwrap();
    let copy = report(outside.to_str().unwrap());
    assert_eq!(copy.status.code(), Some(0), "{}", text(&copy.stderr));
    tamper(&outside, "Ann Lee", "Mallory");
    let forged = report(outside.to_str().unwrap());
    assert_eq!(forged.status.code(), Some(1));
    assert!(
        text(&forged.stderr).contains("altered"),
        "{}",
        text(&forged.stderr)
    );

    // A missing number is named as such.
    let missing = report("7");
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        text(&missing.stderr).contains("There is no record 7"),
        "{}",
        text(&missing.stderr)
    );
}

#[test]
fn signing_refuses_empty_title_and_jurisdiction_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let answers = data.join("answers.ron");
    fs_err::write(&answers, "{}").unwrap();
    let out = clerkcheck(
        data,
        &[
            "sign",
            "--answers",
            answers.to_str().unwrap(),
            "--signer",
            "Ann Lee",
            "--title",
            " ",
            "--jurisdiction",
            "",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("title"), "{}", text(&out.stderr));
    assert!(record_files(data).is_empty());
}

#[test]
fn verify_names_a_deleted_newest_record_and_review_adds_to_history() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let answers = data.join("answers.ron");
    fs_err::write(&answers, "{}").unwrap();
    for signer in ["Ann Lee", "Bo Yu"] {
        assert_eq!(sign(data, &answers, signer).status.code(), Some(0));
    }
    let reviewed = clerkcheck(
        data,
        &[
            "review",
            "1",
            "--reviewer",
            "Cy Doe",
            "--title",
            "Office Manager",
            "--note",
            "fine",
        ],
    );
    assert_eq!(
        reviewed.status.code(),
        Some(0),
        "{}",
        text(&reviewed.stderr)
    );
    let history = text(&clerkcheck(data, &["history"]).stdout);
    assert!(
        history.contains("record 1: Reviewed by Cy Doe, Office Manager on"),
        "{history}"
    );
    let csv = text(&clerkcheck(data, &["history", "--csv"]).stdout);
    assert!(csv.contains("Reviewed by Cy Doe"), "{csv}");

    fs_err::remove_file(data.join("records").join("000003.ron")).unwrap();
    let verify = clerkcheck(data, &["verify"]);
    assert_eq!(verify.status.code(), Some(1));
    let out = text(&verify.stdout);
    assert!(
        out.contains("Record 3 (fingerprint") && out.contains("the newest records were deleted"),
        "{out}"
    );
}
