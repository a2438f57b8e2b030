//! `clerkcheck check --json` on this computer: every check that applies appears with a verdict
//! and evidence; on Linux the checks readable without a desktop give real verdicts; and the program
//! carries no shell or encoded-script strings.

#![expect(
    clippy::disallowed_methods,
    reason = "tests set up, tamper with and inspect files directly"
)]
#![expect(
    clippy::unwrap_used,
    reason = "tests fail loudly on purpose: unwrap is the assertion"
)]

use std::process::Command;

use serde_json::Value;

fn check_json(data: &std::path::Path) -> (Option<i32>, Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_clerkcheck"))
        .args(["--data-dir"])
        .arg(data)
        .args(["check", "--json"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (
        out.status.code(),
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_check_appears_with_a_verdict_and_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let (code, json, _) = check_json(dir.path());
    assert_eq!(json["schema_version"], 1);
    assert!(json["policy_problem"].is_null());
    let findings = json["findings"].as_array().unwrap();
    let ids: Vec<&str> = findings
        .iter()
        .map(|f| f["check"].as_str().unwrap())
        .collect();
    let not_applicable: Vec<&str> = json["not_applicable"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    for id in clerkcheck::checks::CheckId::ALL.map(clerkcheck::checks::CheckId::as_str) {
        assert!(
            ids.contains(&id) != not_applicable.contains(&id),
            "{id} must be either checked or listed as not applicable"
        );
    }
    for f in findings {
        assert!(
            ["pass", "warn", "fail", "unknown"].contains(&f["verdict"].as_str().unwrap()),
            "{f}"
        );
        assert!(!f["evidence"].as_str().unwrap().is_empty(), "{f}");
        assert!(!f["why"].as_str().unwrap().is_empty(), "{f}");
    }
    let failed = findings.iter().any(|f| f["verdict"] == "fail");
    assert_eq!(
        code,
        Some(i32::from(failed)),
        "exit 1 exactly when something fails"
    );
    for f in findings.iter().filter(|f| f["verdict"] == "pass") {
        assert!(
            f["evidence"].as_str().unwrap().contains("Based on: "),
            "a pass names the evidence it rests on: {f}"
        );
    }
    for f in findings {
        assert!(
            f["raw"].as_str().unwrap().len() < 17 * 1024,
            "raw evidence is capped: {f}"
        );
    }
    if cfg!(target_os = "linux") {
        for id in [
            "os-supported",
            "auto-updates",
            "disk-encryption",
            "firewall",
            "standard-user",
            "untrusted-programs",
        ] {
            let f = findings.iter().find(|f| f["check"] == id).unwrap();
            assert_ne!(
                f["verdict"], "unknown",
                "{id} must give a real verdict here: {f}"
            );
        }
    }
}

#[test]
fn a_broken_policy_is_reported_and_the_checks_still_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("policy.ron"), "(screen_lock_max_seconds: )").unwrap();
    let (_, json, stderr) = check_json(dir.path());
    let problem = json["policy_problem"].as_str().unwrap();
    assert!(problem.contains("policy.ron:1:"), "{problem}");
    assert!(stderr.contains("policy.ron:1:"), "{stderr}");
    assert!(!json["findings"].as_array().unwrap().is_empty());
}

/// Every file compiled into the program, or read by it from the repository.
fn program_sources() -> Vec<std::path::PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path
                .extension()
                .is_some_and(|e| ["rs", "ron", "toml", "txt", "json"].iter().any(|x| e == *x))
            {
                out.push(path);
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("build.rs"), root.join("Cargo.toml")];
    for dir in ["src", "assets", "checklists"] {
        if root.join(dir).is_dir() {
            walk(&root.join(dir), &mut files);
        }
    }
    files
}

#[test]
fn the_program_never_starts_a_shell_or_encoded_script() {
    // Endpoint security flags programs that carry these (MITRE ATT&CK T1059): the checks read
    // Windows through WMI, COM, Win32 and the registry instead.
    let banned = ["powershell", "encodedcommand", "cmd.exe"];
    let files = program_sources();
    assert!(files.len() > 20, "{files:?}");
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap().to_lowercase();
        for word in banned {
            if text.contains(word) {
                found.push(format!("{}: {word}", file.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "banned strings in the program:\n{}",
        found.join("\n")
    );
}

#[test]
fn windows_checks_start_no_programs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/checks");
    for file in program_sources().iter().filter(|f| f.starts_with(&root)) {
        let text = std::fs::read_to_string(file).unwrap();
        let windows_side = file.components().any(|c| c.as_os_str() == "windows");
        if windows_side {
            for word in [
                "std::process",
                "Command::new",
                "CreateProcess",
                "ShellExecute",
                "WinExec",
            ] {
                assert!(!text.contains(word), "{} uses {word}", file.display());
            }
        }
    }
}
