//! Automatic checks of this computer.
//!
//! Each check goes probe → facts → shared rule → finding, judged against the office's
//! [`Policy`]:
//!
//! - [`model`]: the core types ([`CheckId`], [`Verdict`], [`Finding`], [`Os`]);
//! - [`engine`]: runs checks in parallel, one finding per check, whatever happens;
//! - `probe`: the only OS-specific code, reading this computer (on Windows through WMI, COM,
//!   Win32 and the registry, with no programs started; on macOS and Linux also by running
//!   programs in a clean environment);
//! - `windows`, `macos`, `linux`: pure parsers turning what was read into facts and findings,
//!   compiled and tested on every OS with fixtures;
//! - `judge`: the thresholds every OS shares (update age, pending restart, signature age,
//!   idle lock);
//! - `finding`, `advice`, `programs`, `eol`: building findings, the words for clerks, the
//!   programs to flag, the end-of-support table.
//!
//! A check that could not read its answer gives [`Verdict::Unknown`] with the reason, and a
//! [`Verdict::Pass`] always names the evidence it rests on ("Based on: …").

#![expect(
    clippy::format_push_string,
    reason = "evidence sentences are built piece by piece; write! would add an infallible Result at every step"
)]
#![expect(
    clippy::doc_markdown,
    reason = "product names in prose (LightDM, ClamAV, BitLocker, XProtect) are not code"
)]

mod advice;
pub mod engine;
pub(crate) mod eol;
pub(crate) mod finding;
pub(crate) mod judge;
#[cfg_attr(
    not(any(all(unix, not(target_os = "macos")), test)),
    expect(
        dead_code,
        reason = "compiled and tested on every OS; used only on Linux"
    )
)]
pub(crate) mod linux;
#[cfg_attr(
    not(any(target_os = "macos", test)),
    expect(
        dead_code,
        reason = "compiled and tested on every OS; used only on macOS"
    )
)]
pub(crate) mod macos;
pub mod model;
mod probe;
pub(crate) mod programs;
#[cfg_attr(
    not(any(windows, test)),
    expect(
        dead_code,
        reason = "compiled and tested on every OS; used only on Windows"
    )
)]
pub(crate) mod windows;

pub use crate::policy::{Policy, PolicyLoad};
pub use engine::{CheckSource, SystemChecks, run_all, run_checks};
pub use model::{CheckId, Finding, Os, Verdict};
