//! Runs checks in parallel, off the caller's thread, streaming findings as they finish.
//!
//! (Interface first; the checks work fills it in.)

use std::sync::Arc;
use std::sync::mpsc::Receiver;

use super::{CheckId, Finding, Policy};

/// Something that can run one check. The real one probes this computer; tests inject fakes.
pub trait CheckSource: Send + Sync {
    /// Runs the check and returns its finding. Must not panic; must not take longer than its
    /// probes' timeouts.
    fn run(&self, check: CheckId, policy: &Policy) -> Finding;
}

/// The checks of this computer.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemChecks;

impl CheckSource for SystemChecks {
    fn run(&self, check: CheckId, _policy: &Policy) -> Finding {
        Finding {
            check,
            verdict: super::Verdict::Unknown,
            evidence: "This check is not built yet.".to_owned(),
            why: String::new(),
            fix: Vec::new(),
            raw: String::new(),
        }
    }
}

/// Starts `checks` in parallel on named threads; each finding is sent as soon as it is ready.
/// The receiver ends (disconnects) when every check has reported. `on_finding` is called after
/// each send (the app passes a repaint request).
pub fn run_checks(
    source: Arc<dyn CheckSource>,
    checks: &[CheckId],
    policy: &Policy,
    on_finding: Arc<dyn Fn() + Send + Sync>,
) -> Receiver<Finding> {
    let (tx, rx) = std::sync::mpsc::channel();
    for &check in checks {
        let (tx, source, policy, on_finding) = (
            tx.clone(),
            Arc::clone(&source),
            policy.clone(),
            Arc::clone(&on_finding),
        );
        let spawned = std::thread::Builder::new()
            .name(format!("check {check}"))
            .spawn(move || {
                let finding = source.run(check, &policy);
                if tx.send(finding).is_ok() {
                    on_finding();
                }
            });
        if let Err(err) = spawned {
            log::error!("could not start the thread for check {check}: {err}");
        }
    }
    rx
}
