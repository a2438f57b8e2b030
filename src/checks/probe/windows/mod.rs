//! Windows probes: WMI over COM, Win32 and COM calls, and the registry. No program is ever
//! started on Windows (no `cmd`, no shell scripts): a test greps the source for the names that
//! would betray one. Every query runs on its own thread with a deadline; each run of the checks
//! reads afresh, and the checks of one run share what they read.

use std::sync::OnceLock;

use chrono::{DateTime, Utc};

use crate::checks::probe::deadline::with_deadline;
use crate::checks::windows::{
    Fact, LocalAccount, QuickFixEngineering, Registry, Token, UninstallEntry, WindowsUpdate,
    accounts, security, system, updates,
};
use crate::checks::{CheckId, Finding, Policy};

mod native;
mod registry;
mod wmi;

/// The facts of one run that several checks share, each read when first needed.
#[derive(Default)]
pub(crate) struct Facts {
    registry: OnceLock<Registry>,
    windows_update: OnceLock<Fact<WindowsUpdate>>,
    hotfixes: OnceLock<Fact<Vec<QuickFixEngineering>>>,
    token: OnceLock<Fact<Token>>,
    accounts: OnceLock<Fact<Vec<LocalAccount>>>,
    uninstall: OnceLock<Fact<Vec<UninstallEntry>>>,
}

impl Facts {
    fn registry(&self) -> &Registry {
        self.registry.get_or_init(registry::read)
    }

    fn windows_update(&self) -> &Fact<WindowsUpdate> {
        self.windows_update.get_or_init(native::windows_update)
    }

    fn hotfixes(&self) -> &Fact<Vec<QuickFixEngineering>> {
        self.hotfixes.get_or_init(wmi::hotfixes)
    }

    fn token(&self) -> &Fact<Token> {
        self.token.get_or_init(native::token)
    }

    fn accounts(&self) -> &Fact<Vec<LocalAccount>> {
        self.accounts
            .get_or_init(|| with_deadline("local accounts", native::local_accounts))
    }

    /// Runs one check.
    pub(crate) fn run(&self, check: CheckId, policy: &Policy, now: DateTime<Utc>) -> Finding {
        let reg = self.registry();
        match check {
            CheckId::OsSupported => system::os_supported(reg, &native::build(), now.date_naive()),
            CheckId::AutoUpdates | CheckId::RecentUpdates => {
                let (wua, hotfixes) = (self.windows_update(), self.hotfixes());
                let facts = updates::facts(reg, wua, hotfixes, now);
                let raw = updates::raw(reg, wua, hotfixes);
                if check == CheckId::AutoUpdates {
                    updates::auto_updates(&facts, raw, policy, now)
                } else {
                    updates::recent_updates(&facts, raw, policy, now)
                }
            }
            CheckId::Antivirus => security::antivirus(
                reg.installation_type.as_deref(),
                &wmi::antivirus_products(),
                &wmi::defender(),
                policy,
                now,
            ),
            CheckId::Firewall => security::firewall(
                &native::firewall_profiles(),
                reg.firewall_policy,
                &wmi::firewall_products(),
            ),
            CheckId::DiskEncryption => security::disk_encryption(&native::bitlocker()),
            CheckId::ScreenLock => {
                system::screen_lock(reg, &with_deadline("power plan", native::power), policy)
            }
            CheckId::StandardUser => accounts::standard_user(self.token()),
            CheckId::GuestDisabled => accounts::guest_disabled(self.accounts()),
            CheckId::UntrustedPrograms => system::untrusted_programs(
                self.uninstall.get_or_init(registry::uninstall_entries),
                policy,
            ),
            CheckId::SignInPassword => accounts::sign_in_password(
                reg,
                self.accounts(),
                &native::current_user(),
                self.token(),
            ),
            CheckId::Uac => accounts::uac(reg),
        }
    }
}
