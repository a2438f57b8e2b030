//! The desktop app driven through AccessKit roles and labels (what a screen reader hears), and
//! snapshot images of its screens.
//!
//! One test binary for all of them (linking a binary per file costs minutes on a small machine).

#![expect(
    clippy::disallowed_methods,
    reason = "tests set up, tamper with and inspect files directly"
)]
#![expect(
    clippy::unwrap_used,
    reason = "in a test, a failed unwrap is the failure report we want"
)]

mod calendar;
mod flow;
mod history;
mod keyboard;
mod office_manager;
mod records;
mod same_as_cli;
mod snapshots;
mod support;
