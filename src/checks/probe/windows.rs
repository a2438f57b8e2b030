//! windows probes: thin, each one program, file or registry read.

use chrono::{DateTime, Utc};

use crate::checks::rules::{self, RawLog};
use crate::checks::{CheckId, Finding, Os, Policy};

/// Runs one check.
pub fn run(check: CheckId, _policy: &Policy, _now: DateTime<Utc>) -> Finding {
    rules::unknown(
        check,
        Os::current(),
        "This check is not built yet on this OS",
        RawLog::new(),
    )
}
