//! What every OS shares when turning facts into a [`Finding`]: why each check matters, how to fix
//! it on each OS, the raw-evidence log, and the list of program categories to flag.
//! All pure.

use super::{CheckId, Finding, Os, Policy, Verdict};

/// What one probe gave: its text, or why there is none (in plain words).
pub type Probe = Result<String, String>;

/// The raw evidence of a check, kept for the record: each probe's command and answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawLog(String);

impl RawLog {
    /// An empty log.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one probe's answer under `label` (the command or file it came from).
    pub fn add(&mut self, label: &str, probe: &Probe) -> &mut Self {
        if !self.0.is_empty() {
            self.0.push('\n');
        }
        match probe {
            Ok(text) => {
                self.0.push_str(&format!("$ {label}\n{}", text.trim_end()));
            }
            Err(why) => self.0.push_str(&format!("$ {label}\n(no answer: {why})")),
        }
        self
    }

    /// The log as text.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// Builds a finding with the shared `why` and this OS's `fix` steps (none when it passes).
pub fn finding(
    check: CheckId,
    os: Os,
    verdict: Verdict,
    evidence: impl Into<String>,
    raw: RawLog,
) -> Finding {
    Finding {
        check,
        verdict,
        evidence: evidence.into(),
        why: why(check).to_owned(),
        fix: if verdict == Verdict::Pass {
            Vec::new()
        } else {
            fix(check, os).iter().map(|s| (*s).to_owned()).collect()
        },
        raw: raw.into_string(),
    }
}

/// An Unknown finding: the check could not read its answer, for `reason`.
pub fn unknown(check: CheckId, os: Os, reason: impl Into<String>, raw: RawLog) -> Finding {
    finding(check, os, Verdict::Unknown, reason, raw)
}

/// Why a check matters, for a clerk.
pub fn why(check: CheckId) -> &'static str {
    match check {
        CheckId::OsSupported => {
            "An operating system past its end of support gets no more security fixes: every flaw found from then on stays open for attackers."
        }
        CheckId::AutoUpdates => {
            "Most attacks use flaws that were fixed months earlier. Automatic updates close them without anyone having to remember."
        }
        CheckId::RecentUpdates => {
            "Updates only protect once installed, and many only take effect after a restart."
        }
        CheckId::Antivirus => {
            "Anti-virus stops known malicious software, such as ransomware in an e-mail attachment, but only while it runs and knows current threats."
        }
        CheckId::Firewall => {
            "The firewall blocks connections from the network that nobody asked for, such as attacks spreading from another infected computer."
        }
        CheckId::DiskEncryption => {
            "If the computer is lost or stolen, encryption keeps voter and election data on the disk unreadable without the password."
        }
        CheckId::ScreenLock => {
            "A screen left unlocked lets anyone passing by use the computer as you."
        }
        CheckId::StandardUser => {
            "Malicious software runs with the rights of the person signed in. In a standard account it cannot install itself or change the system."
        }
        CheckId::GuestDisabled => {
            "A guest account lets anyone use the computer without a password."
        }
        CheckId::UntrustedPrograms => {
            "Remote-access tools let someone control the computer from outside; file-sharing, \"cleaner\" and mining programs often bring malware. Attackers use exactly these tools."
        }
        CheckId::SignInPassword => {
            "Without a password at sign-in, anyone who turns the computer on gets in."
        }
        CheckId::Uac => {
            "User Account Control asks before a program makes changes that need administrator rights, so malicious software cannot do so silently."
        }
    }
}

/// How to fix a check on `os`, step by step, for a clerk.
#[allow(clippy::too_many_lines)] // One plain table of texts; splitting it would only scatter them.
pub fn fix(check: CheckId, os: Os) -> &'static [&'static str] {
    use CheckId as C;
    use Os::{Linux, MacOs, Windows};
    match (check, os) {
        (C::OsSupported, Windows) => &[
            "Open Settings > Windows Update and install the newest feature update offered.",
            "If this computer cannot run Windows 11, ask your county IT about Extended Security Updates or a replacement computer.",
        ],
        (C::OsSupported, MacOs) => &[
            "Open System Settings > General > Software Update and upgrade to the newest macOS offered.",
            "If this Mac cannot upgrade any more, plan to replace it.",
        ],
        (C::OsSupported, Linux) => &[
            "Upgrade to the current release of your distribution (ask your IT support to do this).",
        ],
        (C::AutoUpdates, Windows) => &[
            "Open Settings > Windows Update.",
            "If updates are paused, click \"Resume updates\".",
            "If a notice says \"Some settings are managed by your organization\", ask your IT support to allow automatic updates.",
        ],
        (C::AutoUpdates, MacOs) => &[
            "Open System Settings > General > Software Update > Automatic updates (the (i) button).",
            "Turn on every switch, including \"Install Security Responses and system files\".",
        ],
        (C::AutoUpdates, Linux) => &[
            "Debian/Ubuntu: in a terminal run: sudo apt install unattended-upgrades, then: sudo dpkg-reconfigure -plow unattended-upgrades and answer Yes.",
            "Fedora: run: sudo dnf install dnf5-plugin-automatic (or dnf-automatic), then: sudo systemctl enable --now dnf5-automatic.timer.",
        ],
        (C::RecentUpdates, Windows) => &[
            "Open Settings > Windows Update and click \"Check for updates\"; install everything offered.",
            "Restart the computer when asked (Start > Power > Update and restart).",
        ],
        (C::RecentUpdates, MacOs) => &[
            "Open System Settings > General > Software Update and install the updates offered.",
            "Restart when asked.",
        ],
        (C::RecentUpdates, Linux) => &[
            "Install updates: Debian/Ubuntu: sudo apt update && sudo apt upgrade; Fedora: sudo dnf upgrade.",
            "Restart the computer afterwards.",
        ],
        (C::Antivirus, Windows) => &[
            "Open Start > Windows Security > Virus & threat protection.",
            "Turn on \"Real-time protection\" and, under \"Protection updates\", click \"Check for updates\".",
            "If another anti-virus program is installed, open it and update it instead.",
        ],
        (C::Antivirus, MacOs) => &[
            "Open System Settings > General > Software Update > Automatic updates (i) and turn on \"Install Security Responses and system files\" so XProtect stays current.",
        ],
        (C::Antivirus, Linux) => &[
            "Ask your IT support whether this computer needs anti-virus; if so: sudo apt install clamav clamav-freshclam (Fedora: sudo dnf install clamav clamav-update) and keep freshclam running.",
        ],
        (C::Firewall, Windows) => &[
            "Open Start > Windows Security > Firewall & network protection.",
            "Turn on the firewall for Domain, Private and Public networks.",
        ],
        (C::Firewall, MacOs) => &["Open System Settings > Network > Firewall and turn it on."],
        (C::Firewall, Linux) => &[
            "Debian/Ubuntu: sudo apt install ufw, then: sudo ufw enable.",
            "Fedora: sudo systemctl enable --now firewalld.",
        ],
        (C::DiskEncryption, Windows) => &[
            "Open Settings > Privacy & security > Device encryption (Windows Home) or Control Panel > BitLocker Drive Encryption (Pro) and turn it on for drive C:.",
            "Save the recovery key where your office keeps such keys (not on this computer).",
        ],
        (C::DiskEncryption, MacOs) => &[
            "Open System Settings > Privacy & Security > FileVault and click \"Turn On\".",
            "Keep the recovery key where your office keeps such keys.",
        ],
        (C::DiskEncryption, Linux) => &[
            "Encryption of the system disk is chosen when Linux is installed: ask your IT support to reinstall with \"Encrypt the disk\" (LUKS), after a backup.",
        ],
        (C::ScreenLock, Windows) => &[
            "Open Settings > Accounts > Sign-in options and set \"If you've been away, when should Windows require you to sign in again?\" to \"When PC wakes up from sleep\".",
            "Open Settings > System > Power & battery > Screen and sleep and set the screen to turn off after 15 minutes or less.",
            "Press Windows key + L whenever you leave the computer.",
        ],
        (C::ScreenLock, MacOs) => &[
            "Open System Settings > Lock Screen: set \"Turn display off when inactive\" to 15 minutes or less and \"Require password after screen saver begins or display is turned off\" to \"Immediately\".",
            "Press Control + Command + Q whenever you leave the computer.",
        ],
        (C::ScreenLock, Linux) => &[
            "Open Settings > Privacy > Screen Lock (GNOME) or System Settings > Screen Locking (KDE): turn on automatic screen lock after 15 minutes or less.",
            "Press Super + L whenever you leave the computer.",
        ],
        (C::StandardUser, Windows) => &[
            "Ask your IT support to create a standard (non-administrator) account for daily work, and use the administrator account only to install software.",
            "Settings > Accounts > Other users > (account) > Change account type > Standard User.",
        ],
        (C::StandardUser, MacOs) => &[
            "Create a second, administrator account for installing software (System Settings > Users & Groups > Add User).",
            "Then turn off \"Allow this user to administer this computer\" for your daily account.",
        ],
        (C::StandardUser, Linux) => &[
            "Do daily work in an account that is not root and not in the sudo, wheel or admin group; ask your IT support to set one up.",
        ],
        (C::GuestDisabled, Windows) => &[
            "Ask your IT support to disable the Guest account (Computer Management > Local Users and Groups > Users > Guest > Account is disabled).",
        ],
        (C::GuestDisabled, MacOs) => &[
            "Open System Settings > Users & Groups > Guest User and turn off \"Allow guests to log in to this computer\".",
        ],
        (C::GuestDisabled, Linux) => &[
            "Remove allow-guest=true from the LightDM configuration (/etc/lightdm/lightdm.conf and /etc/lightdm/lightdm.conf.d/), or ask your IT support.",
        ],
        (C::UntrustedPrograms, Windows) => &[
            "Open Settings > Apps > Installed apps and uninstall the programs listed, unless your office approved them.",
            "If your county IT uses one of them for remote support, add its name to approved_programs in the policy file.",
        ],
        (C::UntrustedPrograms, MacOs) => &[
            "Open Finder > Applications and move the programs listed to the Trash, unless your office approved them.",
            "If your county IT uses one of them for remote support, add its name to approved_programs in the policy file.",
        ],
        (C::UntrustedPrograms, Linux) => &[
            "Remove the packages listed (sudo apt remove NAME, or sudo dnf remove NAME), unless your office approved them.",
            "If your county IT uses one of them for remote support, add its name to approved_programs in the policy file.",
        ],
        (C::SignInPassword, Windows) => &[
            "Ask your IT support to turn off automatic sign-in (the AutoAdminLogon setting) so Windows asks for a password.",
        ],
        (C::SignInPassword, MacOs) => {
            &["Open System Settings > Users & Groups and set \"Automatically log in as\" to Off."]
        }
        (C::SignInPassword, Linux) => &[
            "GNOME: Settings > Users > turn off \"Automatic Login\". LightDM: remove autologin-user from /etc/lightdm/lightdm.conf.",
        ],
        (C::Uac, Windows) => &[
            "Open Control Panel > User Accounts > Change User Account Control settings and set the slider to the default (second from top); restart.",
        ],
        (C::Uac, MacOs | Linux) => &[],
    }
}

/// Kinds of programs that should not be on an election office computer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
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
    pub fn label(self) -> &'static str {
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
pub fn classify(name: &str) -> Option<Category> {
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
pub fn judge_programs<'a>(
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

/// "3 days ago", "today", "1 day ago".
pub fn days_ago(days: i64) -> String {
    match days {
        i64::MIN..=0 => "today".to_owned(),
        1 => "1 day ago".to_owned(),
        n => format!("{n} days ago"),
    }
}

#[cfg(test)]
// Tests fail loudly on purpose: unwrap is the assertion.
#[allow(clippy::unwrap_used)]
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

    #[test]
    fn fixes_are_given_unless_it_passes() {
        let f = finding(
            CheckId::Firewall,
            Os::Linux,
            Verdict::Fail,
            "off",
            RawLog::new(),
        );
        assert!(f.fix[0].contains("ufw"));
        let f = finding(
            CheckId::Firewall,
            Os::Linux,
            Verdict::Pass,
            "on",
            RawLog::new(),
        );
        assert!(f.fix.is_empty());
        assert!(!f.why.is_empty());
    }
}
