//! The folders show the architecture, and these tests keep it so:
//!
//! - domain modules never name egui, eframe, rfd, the window (`ui`) or the command line (`cli`);
//! - no two modules depend on each other, however indirectly (no import circles), at the top
//!   level nor inside a module folder;
//! - no source file is over 600 lines outside tests;
//! - lints are silenced only with `#[expect(…, reason = "…")]`, never with `#[allow]`;
//! - only `src/files.rs` opens, reads or writes files.

#![expect(
    clippy::disallowed_methods,
    reason = "tests set up, tamper with and inspect files directly"
)]
#![expect(
    clippy::unwrap_used,
    reason = "in a test, a failed unwrap is the failure report we want"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The modules that may use the UI toolkit and know about the front ends: the front ends, the
/// start-up that chooses how to open the window (and the native message box), the log they
/// share, and test support.
const FRONT_ENDS: [&str; 5] = ["ui", "cli", "startup", "logging", "testing"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs_err::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
}

/// Every Rust file under `src/`, with its text.
fn sources() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    files
        .into_iter()
        .map(|p| {
            let text = fs_err::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

/// The code of a file without its `#[cfg(test)]` part and without comments.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    let end = text.find("#[cfg(test)]").unwrap_or(text.len());
    text[..end]
        .lines()
        .enumerate()
        .map(|(n, line)| (n + 1, line.split("//").next().unwrap_or("")))
        .collect()
}

/// The module path of a file: `src/records/store.rs` → `["records", "store"]`,
/// `src/records/mod.rs` → `["records"]`, `src/lib.rs` → `[]`.
fn module_of(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src()).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

fn is_domain(module: &[String]) -> bool {
    module
        .first()
        .is_some_and(|top| !FRONT_ENDS.contains(&top.as_str()))
}

#[test]
fn domain_modules_never_name_the_ui_toolkit_or_the_front_ends() {
    let mut offenders = Vec::new();
    let mut checked = 0;
    for (file, text) in sources() {
        if !is_domain(&module_of(&file)) {
            continue;
        }
        checked += 1;
        for (n, code) in code_lines(&text) {
            let bad = ["egui", "eframe", "rfd::", "crate::ui", "crate::cli"]
                .iter()
                .any(|w| code.contains(w));
            if bad {
                offenders.push(format!("{}:{n}: {}", file.display(), code.trim()));
            }
        }
    }
    assert!(checked > 20, "only {checked} domain files found");
    assert!(
        offenders.is_empty(),
        "domain modules must not use the UI or the front ends:\n{}",
        offenders.join("\n")
    );
}

/// Every module path a line of code names (`crate::a::b`, `super::c`, `self::d`, resolved to
/// absolute paths, as many segments as are written), with the item named after it, if any.
fn named_paths(module: &[String], code: &str) -> Vec<(Vec<String>, Option<String>)> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(start) {
            let begin = from + at;
            from = begin + start.len();
            if begin > 0 && (bytes[begin - 1].is_ascii_alphanumeric() || bytes[begin - 1] == b'_') {
                continue;
            }
            let rest: String = code[begin..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let mut segments: Vec<&str> = rest.split("::").filter(|s| !s.is_empty()).collect();
            let mut path: Vec<String> = match segments.first().copied() {
                Some("crate") => Vec::new(),
                Some("self") => module.to_vec(),
                Some("super") => {
                    let mut up = module.to_vec();
                    while segments.first() == Some(&"super") {
                        up.pop();
                        segments.remove(0);
                    }
                    segments.insert(0, "super");
                    up
                }
                _ => continue,
            };
            let mut item = None;
            for s in segments.iter().skip(1) {
                if s.chars().next().is_some_and(char::is_lowercase) {
                    path.push((*s).to_owned());
                } else {
                    item = Some((*s).to_owned());
                    break;
                }
            }
            // `use super::{a, b::C}`: one path per name of the group.
            let after = &code[begin + rest.len()..];
            if let Some(group) = after.strip_prefix('{') {
                let group = group.split('}').next().unwrap_or("");
                for name in group.split(',') {
                    let name = name.split(" as ").next().unwrap_or("").trim();
                    let mut sub = path.clone();
                    let mut sub_item = None;
                    for s in name.split("::").filter(|s| !s.is_empty() && *s != "self") {
                        if s.chars().next().is_some_and(char::is_lowercase) {
                            sub.push(s.to_owned());
                        } else {
                            sub_item = Some(s.to_owned());
                            break;
                        }
                    }
                    let sub_item = sub_item.or_else(|| sub.last().cloned());
                    found.push((sub, sub_item));
                }
                continue;
            }
            // `crate::records::verify`: the last lowercase segment may be a re-exported function.
            let item = item.or_else(|| path.last().cloned());
            found.push((path, item));
        }
    }
    found
}

/// The module (a file of ours) that `path` lands in: its longest prefix that is a module.
fn resolve(path: &[String], modules: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| modules.contains(p))
}

/// The names a module file re-exports from its children: `pub use store::{Listing, RecordStore};`
/// in `records/mod.rs` gives `Listing → records::store`, `RecordStore → records::store`.
fn re_exports(module: &[String], text: &str) -> BTreeMap<String, Vec<String>> {
    let mut names = BTreeMap::new();
    let code: String = code_lines(text)
        .into_iter()
        .map(|(_, l)| l)
        .collect::<Vec<_>>()
        .join("\n");
    for statement in code.split(';') {
        let statement = statement.trim();
        let Some(rest) = statement
            .strip_prefix("pub use ")
            .or_else(|| statement.strip_prefix("pub(crate) use "))
        else {
            continue;
        };
        let rest: String = rest.split_whitespace().collect();
        let (head, list) = match rest.split_once("::{") {
            Some((head, list)) => (head.to_owned(), list.trim_end_matches('}').to_owned()),
            None => match rest.rsplit_once("::") {
                Some((head, name)) => (head.to_owned(), name.to_owned()),
                None => continue,
            },
        };
        let mut child = module.to_vec();
        for segment in head.split("::") {
            match segment {
                "self" => {}
                "super" => {
                    child.pop();
                }
                "crate" => child.clear(),
                other => child.push(other.to_owned()),
            }
        }
        for name in list.split(',') {
            let name = name.split(" as ").next().unwrap_or("").trim();
            let name = name.rsplit("::").next().unwrap_or(name);
            if !name.is_empty() && name != "self" && name != "*" {
                names.insert(name.to_owned(), child.clone());
            }
        }
    }
    names
}

/// Module → the modules its code uses. Declaring and re-exporting (`mod x;`, `pub use x::…`)
/// is not using: a parent that only lists its children does not depend on them; a name used
/// through a re-export is a use of the child that defines it.
fn module_graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let sources = sources();
    let modules: BTreeSet<Vec<String>> = sources.iter().map(|(f, _)| module_of(f)).collect();
    let exports: BTreeMap<Vec<String>, BTreeMap<String, Vec<String>>> = sources
        .iter()
        .map(|(f, text)| (module_of(f), re_exports(&module_of(f), text)))
        .collect();
    let target_of = |path: &[String], item: Option<&str>| -> Option<Vec<String>> {
        let module = resolve(path, &modules)?;
        let through = item
            .and_then(|item| exports.get(&module)?.get(item))
            .and_then(|child| resolve(child, &modules));
        Some(through.unwrap_or(module))
    };
    let mut graph: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (file, text) in &sources {
        let module = module_of(file);
        let own_exports = exports.get(&module).cloned().unwrap_or_default();
        let edges = graph.entry(module.clone()).or_default();
        let mut add = |target: Option<Vec<String>>| {
            if let Some(target) = target
                && target != module
            {
                edges.insert(target);
            }
        };
        let mut in_re_export = false;
        for (_, code) in code_lines(text) {
            let trimmed = code.trim_start();
            if trimmed.starts_with("pub use ") || trimmed.starts_with("pub(crate) use ") {
                in_re_export = !trimmed.contains(';');
                continue;
            }
            if in_re_export {
                in_re_export = !trimmed.contains(';');
                continue;
            }
            if trimmed.starts_with("mod ") || trimmed.starts_with("pub mod ") {
                continue;
            }
            for (path, item) in named_paths(&module, code) {
                add(target_of(&path, item.as_deref()));
            }
            // A name this module re-exports from a child, used in its own code.
            for word in code.split(|c: char| !c.is_alphanumeric() && c != '_') {
                if let Some(child) = own_exports.get(word) {
                    add(resolve(child, &modules));
                }
            }
            // `use child::…` in a module file.
            if let Some(rest) = trimmed.strip_prefix("use ") {
                let first = rest.split("::").next().unwrap_or("");
                let mut child = module.clone();
                child.push(first.to_owned());
                if modules.contains(&child) {
                    add(Some(child));
                }
            }
        }
    }
    graph
}

/// A cycle in the graph with its modules grouped by `node_of` (modules it maps to `None` are
/// left out), if there is one, as a list of nodes.
fn find_cycle(
    graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
    node_of: impl Fn(&[String]) -> Option<Vec<String>>,
) -> Option<Vec<Vec<String>>> {
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (from, tos) in graph {
        let Some(a) = node_of(from) else { continue };
        for to in tos {
            if let Some(b) = node_of(to)
                && a != b
            {
                edges.entry(a.clone()).or_default().insert(b);
            }
        }
    }
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        if let Some(cycle) = visit(node, &edges, &mut Vec::new(), &mut done) {
            return Some(cycle);
        }
    }
    None
}

/// Depth-first search from `node`: the first cycle met, if any.
fn visit(
    node: &Vec<String>,
    edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
    stack: &mut Vec<Vec<String>>,
    done: &mut BTreeSet<Vec<String>>,
) -> Option<Vec<Vec<String>>> {
    if let Some(at) = stack.iter().position(|n| n == node) {
        let mut cycle = stack[at..].to_vec();
        cycle.push(node.clone());
        return Some(cycle);
    }
    if done.contains(node) {
        return None;
    }
    stack.push(node.clone());
    for next in edges.get(node).into_iter().flatten() {
        if let Some(cycle) = visit(next, edges, stack, done) {
            return Some(cycle);
        }
    }
    stack.pop();
    done.insert(node.clone());
    None
}

fn show(cycle: &[Vec<String>]) -> String {
    cycle
        .iter()
        .map(|m| m.join("::"))
        .collect::<Vec<_>>()
        .join(" → ")
}

#[test]
fn no_import_circles_between_top_level_modules() {
    let graph = module_graph();
    let cycle = find_cycle(&graph, |m| m.first().map(|top| vec![top.clone()]));
    assert!(
        cycle.is_none(),
        "import circle: {}",
        show(&cycle.unwrap_or_default())
    );
}

#[test]
fn no_import_circles_inside_a_module_folder() {
    let graph = module_graph();
    let tops: BTreeSet<String> = graph.keys().filter_map(|m| m.first().cloned()).collect();
    for top in tops {
        // Inside `top`, each file (and the folder's own mod.rs) is a node.
        let cycle = find_cycle(&graph, |m| {
            (m.first() == Some(&top)).then(|| m.iter().take(2).cloned().collect())
        });
        assert!(
            cycle.is_none(),
            "import circle inside {top}: {}",
            show(&cycle.unwrap_or_default())
        );
    }
}

#[test]
fn no_source_file_is_over_600_lines_outside_tests() {
    let long: Vec<String> = sources()
        .into_iter()
        .filter(|(file, _)| file.file_name().is_none_or(|n| n != "tests.rs"))
        .filter_map(|(file, text)| {
            let end = text.find("#[cfg(test)]").unwrap_or(text.len());
            let lines = text[..end].lines().count();
            (lines > 600).then(|| format!("{}: {lines} lines", file.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these files:\n{}", long.join("\n"));
}

#[test]
fn lints_are_silenced_only_with_a_reasoned_expect() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches", "examples"] {
        rust_files(&root.join(dir), &mut files);
    }
    let mut offenders = Vec::new();
    for file in files
        .into_iter()
        .filter(|f| !f.ends_with("architecture.rs"))
    {
        let text = fs_err::read_to_string(&file).unwrap();
        let squeezed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let allows = squeezed.matches("#[allow(").count() + squeezed.matches("#![allow(").count();
        let expects_without_reason = squeezed
            .split("expect(")
            .skip(1)
            .filter(|rest| {
                let attr = rest.split(")]").next().unwrap_or("");
                attr.starts_with("clippy::")
                    || attr.starts_with("dead_code")
                    || attr.starts_with("unsafe_code")
                    || attr.starts_with("unused")
            })
            .filter(|rest| !rest.split(")]").next().unwrap_or("").contains("reason"))
            .count();
        if allows + expects_without_reason > 0 {
            offenders.push(file.display().to_string());
        }
    }
    assert!(
        offenders.is_empty(),
        "use #[expect(lint, reason = \"...\")] instead of #[allow] in:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn only_files_rs_opens_reads_or_writes_files() {
    let mut offenders = Vec::new();
    for (file, text) in sources() {
        if file.ends_with("files.rs") {
            continue;
        }
        for (n, code) in code_lines(&text) {
            let bad = [
                "fs_err::read(",
                "fs_err::read_to_string(",
                "fs_err::write(",
                "File::open(",
                "File::create(",
                "OpenOptions::new(",
                "std::fs::read(",
                "std::fs::read_to_string(",
                "std::fs::write(",
                "temp_dir(",
            ]
            .iter()
            .any(|w| code.contains(w));
            if bad {
                offenders.push(format!("{}:{n}: {}", file.display(), code.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "read and write files through crate::files (capped, regular files only, atomic):\n{}",
        offenders.join("\n")
    );
}
