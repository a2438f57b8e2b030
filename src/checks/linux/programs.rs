//! Linux installed programs: package names from dpkg or rpm (the system's package manager,
//! which must answer), plus flatpak and snap apps where those are installed.

use super::OS;
use crate::checks::finding::{Probe, RawLog, finding, pass, unknown};
use crate::checks::programs::judge_programs;
use crate::checks::{CheckId, Finding, Policy, Verdict};

/// Whether a word can be a package or app name (Debian, Fedora, flatpak and snap names are
/// letters, digits and `.+-_`).
fn package_name(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-' | '_' | ':'))
}

/// The installed package names in `dpkg-query -W -f='${db:Status-Abbrev}\t${Package}\n'`
/// output (removed packages with configuration left are skipped). Any line not of that shape,
/// or no installed package at all, is an error: garbage is never read as "nothing installed".
pub(crate) fn dpkg_installed(text: &str) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let Some((status, name)) = line.split_once('\t') else {
            return Err(format!(
                "the package list has a line that was not understood: {:?}",
                first_chars(line)
            ));
        };
        let name = name.trim();
        if status.len() < 2 || !package_name(name) {
            return Err(format!(
                "the package list has a line that was not understood: {:?}",
                first_chars(line)
            ));
        }
        // The second letter is the package's state: installed, or its files at least partly
        // on disk (unpacked, half-configured, half-installed, awaiting triggers). Only "not
        // installed" and "config files only" leave no program behind.
        if matches!(
            status.chars().nth(1),
            Some('i' | 'U' | 'F' | 'H' | 'W' | 't')
        ) {
            names.push(name.to_owned());
        }
    }
    if names.is_empty() {
        return Err("the package manager listed no installed packages".to_owned());
    }
    Ok(names)
}

/// One name per line (`rpm -qa --qf '%{NAME}\n'`, `flatpak list --columns=application`), or
/// `snap list` (a `Name …` header, then the name first on each line).
pub(crate) fn name_list(text: &str, header: Option<&str>) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    for (i, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let first = line.split_whitespace().next().unwrap_or("");
        if i == 0 && header.is_some_and(|h| h == first) {
            continue;
        }
        if !package_name(first) {
            return Err(format!(
                "the list has a line that was not understood: {:?}",
                first_chars(line)
            ));
        }
        names.push(first.to_owned());
    }
    Ok(names)
}

fn first_chars(line: &str) -> String {
    line.chars().take(60).collect()
}

/// What one source of program names gave.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    /// The command it came from (for the raw log).
    pub(crate) label: String,
    /// Whether this is the system's package manager (dpkg or rpm), which must answer.
    pub(crate) system: bool,
    /// The names, or why there are none.
    pub(crate) names: Result<Vec<String>, String>,
}

/// `untrusted-programs` on Linux. The system's package manager must have listed packages;
/// a source that failed for another reason than not being installed makes a clean result
/// Unknown.
pub(crate) fn untrusted_programs(sources: &[Source], policy: &Policy) -> Finding {
    let check = CheckId::UntrustedPrograms;
    let mut raw = RawLog::new();
    let mut names: Vec<&str> = Vec::new();
    let mut read = Vec::new();
    let mut failed = Vec::new();
    let mut system_read = false;
    for s in sources {
        match &s.names {
            Ok(list) => {
                names.extend(list.iter().map(String::as_str));
                read.push(format!("{} from {}", list.len(), s.label));
                raw.text(&s.label, format!("({} names)", list.len()));
                system_read |= s.system;
            }
            Err(why) => {
                if !why.contains("not installed") {
                    failed.push(format!("{}: {why}", s.label));
                }
                raw.add(&s.label, &Probe::Err(why.clone()));
            }
        }
    }
    if !system_read {
        return unknown(
            check,
            OS,
            format!(
                "The installed programs could not be listed: {}",
                if failed.is_empty() {
                    "no package manager answered".to_owned()
                } else {
                    failed.join("; ")
                }
            ),
            raw,
        );
    }
    let counted = format!("{} installed packages ({})", names.len(), read.join(", "));
    let (verdict, mut text) = judge_programs(names.iter().copied(), &[], policy, &counted);
    if !failed.is_empty() {
        text.push_str(&format!("; not read: {}", failed.join("; ")));
    }
    match verdict {
        Verdict::Pass if failed.is_empty() => pass(
            check,
            OS,
            text,
            "the package manager's full list of installed packages",
            raw,
        ),
        Verdict::Pass => finding(check, OS, Verdict::Unknown, text, raw),
        other => finding(check, OS, other, text, raw),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::fixture;
    use super::*;

    fn dpkg(text: &str) -> Source {
        Source {
            label: "dpkg-query -W".into(),
            system: true,
            names: dpkg_installed(text),
        }
    }

    fn missing(label: &str) -> Source {
        Source {
            label: label.into(),
            system: false,
            names: Err(format!(
                "/usr/bin/{label} is not installed on this computer"
            )),
        }
    }

    #[test]
    fn flagged_packages_fail_unless_approved() {
        let sources = vec![
            dpkg(&fixture("dpkg-query_packages.txt")),
            missing("flatpak"),
        ];
        let f = untrusted_programs(&sources, &Policy::default());
        assert_eq!(f.verdict, Verdict::Fail, "{}", f.evidence);
        assert!(
            f.evidence.contains("anydesk (remote-access tool)"),
            "{}",
            f.evidence
        );
        assert!(
            f.evidence.contains("transmission-gtk (peer-to-peer"),
            "{}",
            f.evidence
        );
        assert!(
            !f.evidence.contains("teamviewer"),
            "removed packages do not count: {}",
            f.evidence
        );
        let policy = Policy {
            approved_programs: vec!["anydesk".into(), "transmission".into()],
            ..Policy::default()
        };
        let f = untrusted_programs(&sources, &policy);
        assert_eq!(f.verdict, Verdict::Pass, "{}", f.evidence);
        assert!(
            f.evidence.contains("Based on: the package manager"),
            "{}",
            f.evidence
        );
    }

    #[test]
    fn half_installed_packages_count_and_removed_ones_do_not() {
        let text = "ii \tbash\niU \tanydesk\niF \tx11vnc\nrc \tteamviewer\nun \trustdesk\n";
        assert_eq!(
            dpkg_installed(text).unwrap(),
            vec!["bash", "anydesk", "x11vnc"]
        );
    }

    #[test]
    fn regression_dpkg_printing_nothing_garbage_or_only_errors_is_unknown() {
        for text in [
            "",
            "\n\n",
            "Segmentation fault",
            "ii anydesk\n",
            "dpkg-query: error: x\n",
        ] {
            let f = untrusted_programs(&[dpkg(text), missing("flatpak")], &Policy::default());
            assert_eq!(f.verdict, Verdict::Unknown, "{text:?}: {}", f.evidence);
        }
        // The probe layer refuses output past the cap: the check sees an error, not a list.
        let cut = Source {
            label: "dpkg-query -W".into(),
            system: true,
            names: Err("/usr/bin/dpkg-query printed more than 1 MiB, so its answer was cut off and is not used".into()),
        };
        let f = untrusted_programs(&[cut, missing("snap")], &Policy::default());
        assert_eq!(f.verdict, Verdict::Unknown, "{}", f.evidence);
        // Only a side source answered: not enough for a pass.
        let flatpak = Source {
            label: "flatpak list".into(),
            system: false,
            names: Ok(vec!["org.gnome.Calculator".into()]),
        };
        let f = untrusted_programs(&[missing("dpkg-query"), flatpak], &Policy::default());
        assert_eq!(f.verdict, Verdict::Unknown, "{}", f.evidence);
    }

    #[test]
    fn name_lists_refuse_garbage() {
        assert_eq!(
            name_list("bash\nanydesk\n", None).unwrap(),
            ["bash", "anydesk"]
        );
        assert_eq!(
            name_list(
                "Name  Version Rev\ncore22 2024 1 latest canonical\n",
                Some("Name")
            )
            .unwrap(),
            ["core22"]
        );
        assert!(name_list("\u{1}\u{2}\n", None).is_err());
    }
}
