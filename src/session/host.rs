//! This computer and the time: the one source of the computer's name and of "now" for signing,
//! whether the window or the command line signs. Tests use a fixed host.

use chrono::{DateTime, FixedOffset, NaiveDate, SubsecRound as _, Utc};

use crate::records::{Computer, SignedAt};

/// Where the time of signing comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The system clock and the local time zone.
    System,
    /// A fixed moment (tests, so records and screens do not change between runs).
    Fixed(DateTime<FixedOffset>),
}

/// The computer the sign-off is made on, and its clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Host {
    computer: Computer,
    clock: Clock,
}

impl Host {
    /// This computer, as the operating system names it, and the system clock. Asking the
    /// system may take a moment: call it off the UI thread.
    pub fn system() -> Self {
        Self {
            computer: this_computer(),
            clock: Clock::System,
        }
    }

    /// A given computer and clock (tests).
    pub fn new(computer: Computer, clock: Clock) -> Self {
        Self { computer, clock }
    }

    /// The computer.
    pub fn computer(&self) -> &Computer {
        &self.computer
    }

    /// The clock.
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// Now, to the second, with the local offset from UTC.
    pub fn now(&self) -> SignedAt {
        match self.clock {
            Clock::System => {
                let local = chrono::Local::now().trunc_subsecs(0);
                SignedAt::new(
                    local.with_timezone(&Utc),
                    local.offset().local_minus_utc() / 60,
                )
            }
            Clock::Fixed(at) => SignedAt::new(
                at.with_timezone(&Utc).trunc_subsecs(0),
                at.offset().local_minus_utc() / 60,
            ),
        }
    }

    /// Today's local date.
    pub fn today(&self) -> NaiveDate {
        self.now().local_date()
    }
}

/// This computer's name and operating system, as the system reports them; "unknown" for what
/// it does not say.
fn this_computer() -> Computer {
    let known = |r: Result<String, sysinfo::Error>| {
        r.ok()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "unknown".to_owned())
    };
    Computer {
        host_name: known(sysinfo::System::host_name()),
        os_name: known(sysinfo::System::long_os_version().or_else(|_| sysinfo::System::name())),
        os_version: sysinfo::System::os_version()
            .map(|s| s.trim().to_owned())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_gives_the_same_moment_in_any_machine_time_zone() {
        let at = DateTime::parse_from_rfc3339("2026-03-01T21:30:15.750-06:00").unwrap();
        let host = Host::new(Computer::default(), Clock::Fixed(at));
        let now = host.now();
        assert_eq!(now.utc_text(), "2026-03-02T03:30:15Z");
        assert_eq!(now.offset_minutes(), -360);
        assert_eq!(host.today().to_string(), "2026-03-01");
    }

    #[test]
    fn the_system_host_names_this_computer() {
        let host = Host::system();
        assert!(!host.computer().host_name.is_empty());
        assert!(!host.computer().os_name.is_empty());
    }
}
