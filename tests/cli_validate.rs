//! `clerkcheck validate` and `clerkcheck checklists` on good and broken files, run as a user would.

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

fn clerkcheck(args: &[&str], data_dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clerkcheck"))
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .env("CLERKCHECK_SETTINGS_DIR", data_dir.join("settings"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const GOOD: &str = r#"Checklist(
    schema_version: 1,
    id: "county-extras",
    title: "County extras",
    version: "1",
    effective_date: "2026-01-01",
    sections: [
        Section(
            id: "main",
            title: "Main",
            items: [
                Item(
                    id: "seal-log",
                    text: "Keep a seal log.",
                    why: "So a broken seal is noticed.",
                    how: "Write each seal number down.",
                    source: Source(document: "EAC Chain of Custody Best Practices", date: "2021", reference: "v1.1"),
                    verification: Manual,
                    applies_to: Both,
                ),
                Item(
                    id: "lock-screen-extra",
                    text: "Lock the screen when you step away.",
                    why: "So nobody uses your session.",
                    how: "Press Windows key + L.",
                    source: Source(document: "EI-ISAC Essential Guide", date: "2023", reference: ""),
                    verification: Automatic("screen-lock"),
                    applies_to: Both,
                ),
            ],
        ),
    ],
)
"#;

/// Writes `name` with `content` into a fresh temporary folder and validates it.
fn validate_one(name: &str, content: &[u8]) -> (Output, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, content).unwrap();
    let out = clerkcheck(&["validate", path.to_str().unwrap()], dir.path());
    let text = stdout(&out);
    (out, text)
}

#[test]
fn shipped_checklists_validate() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("checklists");
    let files: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| {
            std::path::Path::new(p)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
        })
        .collect();
    assert_eq!(files.len(), 2);
    let mut args = vec!["validate"];
    args.extend(files.iter().map(String::as_str));
    let out = clerkcheck(&args, dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn good_office_file_validates() {
    let (out, text) = validate_one("county.ron", GOOD.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("ok (2 items in 1 section)"), "{text}");
}

#[test]
fn each_broken_file_exits_1_with_a_located_line() {
    let dup = GOOD.replace("\"lock-screen-extra\"", "\"seal-log\"");
    let unknown_check = GOOD.replace("\"screen-lock\"", "\"mind-reading\"");
    let unknown_field = GOOD.replace("applies_to: Both,\n                ),\n            ],", "applies_to: Both,\n                    colour: \"red\",\n                ),\n            ],");
    let syntax = GOOD.replace("title: \"Main\",", "title: \"Main\"");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "duplicate id",
            dup.into_bytes(),
            "county.ron:22:21: item id \"seal-log\" is used twice (first at 13:21)",
        ),
        (
            "unknown check",
            unknown_check.into_bytes(),
            "county.ron:27:45: item \"lock-screen-extra\" names an unknown automatic check \"mind-reading\"",
        ),
        (
            "unknown field",
            unknown_field.into_bytes(),
            "unknown field `colour`",
        ),
        ("syntax error", syntax.into_bytes(), "county.ron:11:13:"),
        ("empty file", Vec::new(), "county.ron: is empty"),
        (
            "invalid UTF-8",
            [GOOD.as_bytes(), &[0xc3, 0x28]].concat(),
            "is not valid UTF-8",
        ),
    ];
    for (what, content, want) in cases {
        let (out, text) = validate_one("county.ron", &content);
        assert_eq!(out.status.code(), Some(1), "{what}: {text}");
        assert!(text.contains(want), "{what}: want {want:?} in {text}");
        assert!(
            String::from_utf8_lossy(&out.stderr).is_empty(),
            "{what}: {:?}",
            out.stderr
        );
    }
}

#[test]
fn ten_megabyte_file_is_refused_without_panicking() {
    let big = vec![b' '; 10 * 1024 * 1024];
    let (out, text) = validate_one("county.ron", &big);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("county.ron: is larger than 1024 KiB"),
        "{text}"
    );
}

#[test]
fn missing_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let out = clerkcheck(&["validate", "no-such-file.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("no-such-file.ron: cannot be read: the file does not exist"));
}

#[test]
fn a_broken_office_file_is_listed_and_skipped_while_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let office = dir.path().join("checklists");
    std::fs::create_dir_all(&office).unwrap();
    std::fs::write(office.join("a-good.ron"), GOOD).unwrap();
    std::fs::write(office.join("b-broken.ron"), "Checklist(").unwrap();
    let out = clerkcheck(&["checklists"], dir.path());
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("wec-2017-security-memo"), "{text}");
    assert!(text.contains("county-extras"), "{text}");
    assert!(
        text.contains("1 office file(s) could not be loaded"),
        "{text}"
    );
    assert!(text.contains("b-broken.ron:"), "{text}");
}

#[test]
fn usage_error_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = clerkcheck(&["validate"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let out = clerkcheck(&["no-such-command"], dir.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn without_a_display_the_app_says_so_and_runs_the_checks() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_clerkcheck"))
        .arg("--data-dir")
        .arg(dir.path())
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no display"), "{err}");
    assert!(!stdout(&out).is_empty());
}
