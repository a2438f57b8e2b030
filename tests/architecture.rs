//! The folders show the architecture: domain modules never import egui or eframe.

// Test helpers unwrap: a failure there is a failed test, with the reason, which is what we want.
#![allow(clippy::unwrap_used)]

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn domain_modules_never_import_egui() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for domain in ["checklist", "checks", "records", "report"] {
        rust_files(&src.join(domain), &mut files);
    }
    files.push(src.join("paths.rs"));
    assert!(files.len() >= 5, "{files:?}");
    let mut offenders = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if ["egui", "eframe", "rfd::", "egui_kittest"]
                .iter()
                .any(|w| code.contains(w))
            {
                offenders.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "domain modules must not use the UI:\n{}",
        offenders.join("\n")
    );
}
