//! The exit codes: 0 all good, 1 something failed (a check, a file, the chain), 2 a usage error.

/// Exit code: everything fine.
pub const EXIT_OK: u8 = 0;
/// Exit code: something failed (a check, a file, the chain).
pub const EXIT_FAILED: u8 = 1;
/// Exit code: the command line was wrong.
pub const EXIT_USAGE: u8 = 2;
