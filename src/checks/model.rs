//! The checks' core types: which checks exist ([`CheckId`]), their outcomes ([`Verdict`]), a
//! result in plain words ([`Finding`]) and the operating systems they run on ([`Os`]).
//!
//! Everything else in `checks` (and the checklist, records, report and UI) depends on these;
//! they depend on nothing else of the program, so the arrows point one way.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The stable id of an automatic check, as named by checklist files (`Automatic(check: "...")`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckId {
    /// The operating system still gets security updates from its maker.
    OsSupported,
    /// Automatic updates are turned on.
    AutoUpdates,
    /// The last update was installed recently and no restart has been pending for long.
    RecentUpdates,
    /// Anti-virus is installed, real-time protection is on, signatures are current.
    Antivirus,
    /// The firewall is on.
    Firewall,
    /// The system disk is encrypted.
    DiskEncryption,
    /// The screen locks after a short idle time and asks for the password on wake.
    ScreenLock,
    /// Daily work is not done in an administrator account.
    StandardUser,
    /// The guest account is turned off.
    GuestDisabled,
    /// No remote-access tools, peer-to-peer programs, "cleaners", toolbars or miners.
    UntrustedPrograms,
    /// Signing in needs a password; no automatic sign-in.
    SignInPassword,
    /// Windows User Account Control is on.
    Uac,
}

impl CheckId {
    /// Every check, in the order they are shown.
    pub const ALL: [Self; 12] = [
        Self::OsSupported,
        Self::AutoUpdates,
        Self::RecentUpdates,
        Self::Antivirus,
        Self::Firewall,
        Self::DiskEncryption,
        Self::ScreenLock,
        Self::StandardUser,
        Self::GuestDisabled,
        Self::UntrustedPrograms,
        Self::SignInPassword,
        Self::Uac,
    ];

    /// The stable id, e.g. `"os-supported"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OsSupported => "os-supported",
            Self::AutoUpdates => "auto-updates",
            Self::RecentUpdates => "recent-updates",
            Self::Antivirus => "antivirus",
            Self::Firewall => "firewall",
            Self::DiskEncryption => "disk-encryption",
            Self::ScreenLock => "screen-lock",
            Self::StandardUser => "standard-user",
            Self::GuestDisabled => "guest-disabled",
            Self::UntrustedPrograms => "untrusted-programs",
            Self::SignInPassword => "sign-in-password",
            Self::Uac => "uac",
        }
    }

    /// Parses a stable id; `None` for an id no check has.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == id)
    }

    /// A short title in plain words, e.g. "Operating system still supported".
    pub fn title(self) -> &'static str {
        match self {
            Self::OsSupported => "Operating system still supported",
            Self::AutoUpdates => "Automatic updates on",
            Self::RecentUpdates => "Updates installed recently",
            Self::Antivirus => "Anti-virus on and current",
            Self::Firewall => "Firewall on",
            Self::DiskEncryption => "Disk encrypted",
            Self::ScreenLock => "Screen locks when idle",
            Self::StandardUser => "Daily work without administrator rights",
            Self::GuestDisabled => "Guest account off",
            Self::UntrustedPrograms => "No untrusted or unneeded programs",
            Self::SignInPassword => "Password needed to sign in",
            Self::Uac => "User Account Control on",
        }
    }

    /// Whether this check means anything on the operating system this program was built for.
    /// User Account Control exists only on Windows; every other check applies everywhere.
    /// The engine never runs a check that does not apply: a checklist item naming one shows
    /// "Not applicable on this computer" instead of a verdict.
    pub fn applies_on_this_os(self) -> bool {
        self.applies_on(Os::current())
    }

    /// Whether this check means anything on `os` (pure; [`Self::applies_on_this_os`] for this
    /// computer).
    pub fn applies_on(self, os: Os) -> bool {
        self.unavailable_reason(os).is_none()
    }

    /// Why this check does not exist on `os`, in plain words for the clerk ("User Account
    /// Control exists only on Windows; this computer runs Linux."), or `None` when it applies.
    ///
    /// The one place that sentence is written: the engine, the records and the UI all use it.
    pub fn unavailable_reason(self, os: Os) -> Option<String> {
        match (self, os) {
            (Self::Uac, Os::MacOs | Os::Linux) => Some(format!(
                "User Account Control exists only on Windows; this computer runs {}.",
                os.name()
            )),
            _ => None,
        }
    }

    /// The checks that apply on this computer, in display order.
    pub fn checks_for_this_os() -> Vec<Self> {
        Self::ALL
            .into_iter()
            .filter(|c| c.applies_on_this_os())
            .collect()
    }

    /// All known ids, for messages such as "known checks are: …".
    pub fn known_ids() -> String {
        Self::ALL.map(Self::as_str).join(", ")
    }
}

impl fmt::Display for CheckId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The outcome of a check. Ordered from best to worst for sorting ("needs attention" first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The computer meets the requirement.
    Pass,
    /// Not a clear failure, but worth attention (e.g. no firewall rules readable without root).
    Warn,
    /// The computer does not meet the requirement.
    Fail,
    /// The check could not read its answer; the finding says why.
    Unknown,
}

impl Verdict {
    /// The word shown to the clerk.
    pub fn word(self) -> &'static str {
        match self {
            Self::Pass => "Pass",
            Self::Warn => "Warning",
            Self::Fail => "Fail",
            Self::Unknown => "Unknown",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// The result of one automatic check, in plain words, with the raw evidence kept for the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Which check this is.
    pub check: CheckId,
    /// The verdict.
    pub verdict: Verdict,
    /// What was found, in plain words ("Microsoft Defender: real-time protection on; …").
    pub evidence: String,
    /// Why this matters, for a clerk.
    pub why: String,
    /// How to fix it on this OS, step by step (empty when there is nothing to fix).
    pub fix: Vec<String>,
    /// The raw output the verdict was read from, kept for the record.
    pub raw: String,
}

/// The operating system family a check or a fix is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Os {
    /// Microsoft Windows.
    Windows,
    /// Apple macOS.
    MacOs,
    /// Linux (Debian/Ubuntu and Fedora families).
    Linux,
}

impl Os {
    /// The OS this program was built for (other Unixes are treated as Linux).
    pub fn current() -> Self {
        if cfg!(target_os = "windows") {
            Self::Windows
        } else if cfg!(target_os = "macos") {
            Self::MacOs
        } else {
            Self::Linux
        }
    }

    /// The name shown to the clerk.
    pub fn name(self) -> &'static str {
        match self {
            Self::Windows => "Windows",
            Self::MacOs => "macOS",
            Self::Linux => "Linux",
        }
    }
}
