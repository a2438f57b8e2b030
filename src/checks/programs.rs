//! Which installed programs should not be on an election office computer: remote-access tools,
//! peer-to-peer file sharing, "cleaners" and toolbars, cryptocurrency miners (from the memo and
//! CISA's advisory on remote-access tools), and the office's own list of approved ones.

use super::{Policy, Verdict};

/// Kinds of programs that should not be on an election office computer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Category {
    /// Remote-access or remote-control tools.
    RemoteAccess,
    /// Peer-to-peer file sharing.
    PeerToPeer,
    /// "Cleaners", "optimizers" and browser toolbars.
    CleanerOrToolbar,
    /// Cryptocurrency miners.
    Miner,
}

impl Category {
    /// The name shown to the clerk.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::RemoteAccess => "remote-access tool",
            Self::PeerToPeer => "peer-to-peer file sharing",
            Self::CleanerOrToolbar => "\"cleaner\" or toolbar",
            Self::Miner => "cryptocurrency miner",
        }
    }
}

/// Program names to flag, as word sequences matched against the words of a program or package
/// name (so "emule" does not match "emulex").
const FLAGGED: &[(&str, Category)] = &[
    ("teamviewer", Category::RemoteAccess),
    ("anydesk", Category::RemoteAccess),
    ("rustdesk", Category::RemoteAccess),
    ("screenconnect", Category::RemoteAccess),
    ("connectwise control", Category::RemoteAccess),
    ("logmein", Category::RemoteAccess),
    ("splashtop", Category::RemoteAccess),
    ("ultraviewer", Category::RemoteAccess),
    ("ammyy", Category::RemoteAccess),
    ("radmin", Category::RemoteAccess),
    ("supremo", Category::RemoteAccess),
    ("dwagent", Category::RemoteAccess),
    ("dwservice", Category::RemoteAccess),
    ("nomachine", Category::RemoteAccess),
    ("remotepc", Category::RemoteAccess),
    ("getscreen", Category::RemoteAccess),
    ("zoho assist", Category::RemoteAccess),
    ("chrome remote desktop", Category::RemoteAccess),
    ("x11vnc", Category::RemoteAccess),
    ("ultravnc", Category::RemoteAccess),
    ("tightvnc", Category::RemoteAccess),
    ("tightvncserver", Category::RemoteAccess),
    ("tigervnc standalone server", Category::RemoteAccess),
    ("tigervnc scraping server", Category::RemoteAccess),
    ("vnc server", Category::RemoteAccess),
    ("vnc4server", Category::RemoteAccess),
    ("xrdp", Category::RemoteAccess),
    ("utorrent", Category::PeerToPeer),
    ("bittorrent", Category::PeerToPeer),
    ("qbittorrent", Category::PeerToPeer),
    ("transmission", Category::PeerToPeer),
    ("transmission gtk", Category::PeerToPeer),
    ("deluge", Category::PeerToPeer),
    ("ktorrent", Category::PeerToPeer),
    ("rtorrent", Category::PeerToPeer),
    ("vuze", Category::PeerToPeer),
    ("frostwire", Category::PeerToPeer),
    ("limewire", Category::PeerToPeer),
    ("emule", Category::PeerToPeer),
    ("amule", Category::PeerToPeer),
    ("tixati", Category::PeerToPeer),
    ("biglybt", Category::PeerToPeer),
    ("soulseek", Category::PeerToPeer),
    ("ccleaner", Category::CleanerOrToolbar),
    ("cleanmymac", Category::CleanerOrToolbar),
    ("mackeeper", Category::CleanerOrToolbar),
    ("advanced systemcare", Category::CleanerOrToolbar),
    ("driver booster", Category::CleanerOrToolbar),
    ("reimage", Category::CleanerOrToolbar),
    ("pc optimizer", Category::CleanerOrToolbar),
    ("toolbar", Category::CleanerOrToolbar),
    ("xmrig", Category::Miner),
    ("nicehash", Category::Miner),
    ("minergate", Category::Miner),
    ("cgminer", Category::Miner),
    ("bfgminer", Category::Miner),
    ("ethminer", Category::Miner),
    ("phoenixminer", Category::Miner),
    ("nbminer", Category::Miner),
];

/// The lowercase words of a name ("TeamViewer 15 (x64)" → teamviewer, 15, x64).
fn words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The category a program or package name falls in, if it is one to flag.
pub(crate) fn classify(name: &str) -> Option<Category> {
    let words = words(name);
    FLAGGED.iter().find_map(|(pattern, category)| {
        let pattern: Vec<&str> = pattern.split(' ').collect();
        words
            .windows(pattern.len())
            .any(|w| w.iter().zip(&pattern).all(|(a, b)| a == b))
            .then_some(*category)
    })
}

/// The verdict on a list of installed program names: flagged ones fail unless the policy
/// approves them; `no_publisher` (Windows) are worth a warning.
pub(crate) fn judge_programs<'a>(
    names: impl IntoIterator<Item = &'a str>,
    no_publisher: &[String],
    policy: &Policy,
    counted: &str,
) -> (Verdict, String) {
    let mut flagged = Vec::new();
    let mut approved = Vec::new();
    for name in names {
        if let Some(category) = classify(name) {
            if policy.approves(name) {
                approved.push(name.to_owned());
            } else {
                let entry = format!("{name} ({})", category.label());
                if !flagged.contains(&entry) {
                    flagged.push(entry);
                }
            }
        }
    }
    let mut text = if flagged.is_empty() {
        format!("None of {counted} is a remote-access, file-sharing, cleaner or mining program")
    } else {
        format!("Found: {}", flagged.join("; "))
    };
    if !approved.is_empty() {
        text.push_str(&format!(
            "; approved by the office policy: {}",
            approved.join(", ")
        ));
    }
    let unnamed: Vec<&String> = no_publisher
        .iter()
        .filter(|n| !policy.approves(n))
        .collect();
    if !unnamed.is_empty() {
        text.push_str(&format!(
            "; programs with no publisher: {}",
            unnamed
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let verdict = if !flagged.is_empty() {
        Verdict::Fail
    } else if !unnamed.is_empty() {
        Verdict::Warn
    } else {
        Verdict::Pass
    };
    (verdict, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flagged_names_match_whole_words_only() {
        assert_eq!(classify("TeamViewer 15"), Some(Category::RemoteAccess));
        assert_eq!(classify("transmission-gtk"), Some(Category::PeerToPeer));
        assert_eq!(
            classify("tigervnc-standalone-server"),
            Some(Category::RemoteAccess)
        );
        assert_eq!(classify("realvnc-vnc-server"), Some(Category::RemoteAccess));
        assert_eq!(classify("xmrig"), Some(Category::Miner));
        assert_eq!(classify("emulex-firmware"), None);
        assert_eq!(classify("tigervnc-viewer"), None);
        assert_eq!(classify("libvncserver1"), None);
        assert_eq!(classify("Google Chrome"), None);
    }

    #[test]
    fn approved_programs_are_not_flagged_but_are_listed() {
        let policy = Policy {
            approved_programs: vec!["TeamViewer".into()],
            ..Policy::default()
        };
        let (v, text) = judge_programs(["TeamViewer 15", "bash"], &[], &policy, "2 packages");
        assert_eq!(v, Verdict::Pass);
        assert!(
            text.contains("approved by the office policy: TeamViewer 15"),
            "{text}"
        );
        let (v, text) = judge_programs(["TeamViewer 15", "AnyDesk"], &[], &Policy::default(), "2");
        assert_eq!(v, Verdict::Fail);
        assert!(text.contains("AnyDesk (remote-access tool)"), "{text}");
    }
}
