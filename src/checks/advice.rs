//! What a clerk reads beside a verdict: why each check matters and how to fix it on each OS, in
//! plain words. Each fix, followed, changes exactly what the check reads, so the check then
//! passes. No codes, commands or jargon here: those belong in the raw evidence.

use super::{CheckId, Os};

/// Why a check matters, for a clerk.
pub(crate) fn why(check: CheckId) -> &'static str {
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
#[expect(
    clippy::too_many_lines,
    reason = "one plain table of texts; splitting it would only scatter them"
)]
pub(crate) fn fix(check: CheckId, os: Os) -> &'static [&'static str] {
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
            "Open Settings > Windows Update. If updates are paused, click \"Resume updates\".",
            "Click \"Check for updates\" and install everything offered, so that updates are installed within the office's limit even while automatic updates are off.",
            "If a notice says \"Some settings are managed by your organization\", ask your IT support to turn automatic updates on.",
        ],
        (C::AutoUpdates, MacOs) => &[
            "Open System Settings > General > Software Update > Automatic updates (the (i) button).",
            "Turn on every switch, including \"Install Security Responses and system files\".",
        ],
        (C::AutoUpdates, Linux) => &[
            "Open Software & Updates (Ubuntu) or Software > Update Preferences and choose to download and install security updates automatically.",
            "If those settings are missing, ask your IT support to set up automatic security updates (the unattended-upgrades package on Debian and Ubuntu, dnf-automatic on Fedora).",
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
            "Open Software Updater (Ubuntu) or Software > Updates and install everything offered.",
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
            "Ask your IT support whether this computer needs anti-virus; if so, have them install ClamAV with its automatic signature updates (freshclam) turned on.",
        ],
        (C::Firewall, Windows) => &[
            "Open Start > Windows Security > Firewall & network protection.",
            "Turn on the firewall for Domain, Private and Public networks.",
        ],
        (C::Firewall, MacOs) => &["Open System Settings > Network > Firewall and turn it on."],
        (C::Firewall, Linux) => &[
            "Ask your IT support to turn on the firewall: ufw on Debian and Ubuntu (the Firewall Configuration app, gufw, can do it), firewalld on Fedora.",
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
            "Encryption of the system disk is chosen when Linux is installed: ask your IT support to make a backup and reinstall with \"Encrypt the disk\" turned on.",
        ],
        (C::ScreenLock, Windows) => &[
            "Open Settings > Personalization > Lock screen > Screen saver (on Windows 10: Screen saver settings).",
            "Choose a screen saver (for example \"Blank\"), set \"Wait\" to 15 minutes or less, tick \"On resume, display logon screen\", and click OK.",
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
            "Ask your IT support to set up an account without administrator rights for daily work, and keep the administrator account for installing software.",
        ],
        (C::GuestDisabled, Windows) => &[
            "Ask your IT support to disable the Guest account (Computer Management > Local Users and Groups > Users > Guest > Account is disabled).",
        ],
        (C::GuestDisabled, MacOs) => &[
            "Open System Settings > Users & Groups > Guest User and turn off \"Allow guests to log in to this computer\".",
        ],
        (C::GuestDisabled, Linux) => &[
            "Ask your IT support to turn off guest sessions at the sign-in screen (LightDM's guest setting).",
        ],
        (C::UntrustedPrograms, Windows) => &[
            "Open Settings > Apps > Installed apps and uninstall the programs listed, unless your office approved them.",
            "If your county IT uses one of them for remote support, add its name to the approved programs in the office's policy file.",
        ],
        (C::UntrustedPrograms, MacOs) => &[
            "Open Finder > Applications and move the programs listed to the Trash, unless your office approved them.",
            "If your county IT uses one of them for remote support, add its name to the approved programs in the office's policy file.",
        ],
        (C::UntrustedPrograms, Linux) => &[
            "Remove the programs listed with Software (or ask your IT support to), unless your office approved them.",
            "If your county IT uses one of them for remote support, add its name to the approved programs in the office's policy file.",
        ],
        (C::SignInPassword, Windows) => &[
            "Open Settings > Accounts > Sign-in options and make sure this account has a password (Password > Add or Change).",
            "Ask your IT support to turn off automatic sign-in, so Windows asks for the password every time it starts.",
        ],
        (C::SignInPassword, MacOs) => {
            &["Open System Settings > Users & Groups and set \"Automatically log in as\" to Off."]
        }
        (C::SignInPassword, Linux) => &[
            "Open Settings > Users and turn off \"Automatic Login\" (GNOME), or System Settings > Login Screen > Behavior and turn off automatic log-in (KDE).",
            "On other desktops, ask your IT support to turn off automatic log-in at the sign-in screen.",
        ],
        (C::Uac, Windows) => &[
            "Open Control Panel > User Accounts > User Accounts > Change User Account Control settings.",
            "Move the slider to the top or to the second position from the top (Windows' default, \"Notify me only when apps try to make changes\"), click OK and restart the computer.",
        ],
        (C::Uac, MacOs | Linux) => &[],
    }
}
