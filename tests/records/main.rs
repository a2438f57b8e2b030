//! The records folder: saving, listing, tampering, crashes and two clerks saving at once.
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
#![expect(
    clippy::print_stderr,
    reason = "the crash tests print their seed and figures, to reproduce and to report them"
)]

mod crash;
mod reviews;
mod robust;
mod store;
mod support;
mod tamper;
