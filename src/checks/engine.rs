//! Runs checks in parallel, off the caller's thread, streaming findings as they finish.
//!
//! Every check asked for gives exactly one finding: a check whose thread panics or cannot start
//! gives an Unknown finding saying so, so nothing goes silently missing.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use super::finding::{RawLog, unknown};
use super::probe::Gather;
use super::{CheckId, Finding, Os, Policy, Verdict};

/// Something that can run one check. The real one probes this computer; tests inject fakes.
pub trait CheckSource: Send + Sync {
    /// Runs the check and returns its finding. Must not panic; must not take longer than its
    /// probes' timeouts.
    fn run(&self, check: CheckId, policy: &Policy) -> Finding;

    /// A source for one run of several checks that share what they read, or `None` to run
    /// each check on `self`. [`run_checks`] asks once per run, so nothing read is kept from
    /// one run to the next ("Check again" always reads afresh).
    fn one_run(&self) -> Option<Arc<dyn CheckSource>> {
        None
    }
}

/// The checks of this computer.
///
/// Only the checks in [`CheckId::checks_for_this_os`] should be run; asked for one that does not
/// apply (User Account Control off Windows), it answers Unknown with
/// [`CheckId::unavailable_reason`].
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemChecks;

impl CheckSource for SystemChecks {
    fn run(&self, check: CheckId, policy: &Policy) -> Finding {
        SystemRun::default().run(check, policy)
    }

    fn one_run(&self) -> Option<Arc<dyn CheckSource>> {
        Some(Arc::new(SystemRun::default()))
    }
}

/// One run of the checks of this computer: the facts they share are read once, when first
/// needed, and dropped with the run.
#[derive(Default)]
struct SystemRun {
    gather: Gather,
}

impl CheckSource for SystemRun {
    fn run(&self, check: CheckId, policy: &Policy) -> Finding {
        let os = Os::current();
        if let Some(reason) = check.unavailable_reason(os) {
            return unknown(check, os, reason, RawLog::new());
        }
        self.gather.run(check, policy, chrono::Utc::now())
    }
}

/// An Unknown finding for a check that could not run at all.
fn failed_to_run(check: CheckId, why: &str) -> Finding {
    Finding {
        check,
        verdict: Verdict::Unknown,
        evidence: format!("The check could not run: {why}"),
        why: super::advice::why(check).to_owned(),
        fix: Vec::new(),
        raw: String::new(),
    }
}

/// Starts `checks` in parallel on named threads; each finding is sent as soon as it is ready.
/// The receiver ends (disconnects) when every check has reported. `on_finding` is called after
/// each send (the app passes a repaint request).
#[expect(
    clippy::needless_pass_by_value,
    reason = "the Arcs are cloned into each thread; taking them by value is the stable public signature"
)]
pub fn run_checks(
    source: Arc<dyn CheckSource>,
    checks: &[CheckId],
    policy: &Policy,
    on_finding: Arc<dyn Fn() + Send + Sync>,
) -> Receiver<Finding> {
    let (tx, rx) = std::sync::mpsc::channel();
    let source = source.one_run().unwrap_or(source);
    for &check in checks {
        let (thread_tx, source, policy, thread_on_finding) = (
            tx.clone(),
            Arc::clone(&source),
            policy.clone(),
            Arc::clone(&on_finding),
        );
        let spawned = std::thread::Builder::new()
            .name(format!("check {check}"))
            .spawn(move || {
                let finding = catch_unwind(AssertUnwindSafe(|| source.run(check, &policy)))
                    .unwrap_or_else(|panic| {
                        let why = panic
                            .downcast_ref::<&str>()
                            .map(|s| (*s).to_owned())
                            .or_else(|| panic.downcast_ref::<String>().cloned())
                            .unwrap_or_else(|| "it stopped unexpectedly".to_owned());
                        log::error!("check {check} panicked: {why}");
                        failed_to_run(check, &format!("it stopped unexpectedly ({why})"))
                    });
                if thread_tx.send(finding).is_ok() {
                    thread_on_finding();
                }
            });
        if let Err(err) = spawned {
            log::error!("could not start the thread for check {check}: {err}");
            let finding = failed_to_run(check, &format!("no thread could be started ({err})"));
            if tx.send(finding).is_ok() {
                on_finding();
            }
        }
    }
    rx
}

/// Runs every check that applies on this computer in parallel and waits for all of them;
/// the findings come back in display order. (The app streams with [`run_checks`] instead.)
pub fn run_all(policy: &Policy) -> Vec<Finding> {
    let checks = CheckId::checks_for_this_os();
    let rx = run_checks(Arc::new(SystemChecks), &checks, policy, Arc::new(|| {}));
    let mut findings: Vec<Finding> = rx.iter().collect();
    findings.sort_by_key(|f| f.check);
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    struct Fake;

    impl CheckSource for Fake {
        fn run(&self, check: CheckId, _policy: &Policy) -> Finding {
            assert!(check != CheckId::Firewall, "probe exploded");
            super::super::finding::pass(check, Os::Linux, "fine", "a fake", RawLog::new())
        }
    }

    #[test]
    fn every_check_reports_even_one_that_panics() {
        let calls = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&calls);
        let rx = run_checks(
            Arc::new(Fake),
            &CheckId::ALL,
            &Policy::default(),
            Arc::new(move || {
                counter.fetch_add(1, Ordering::SeqCst);
            }),
        );
        let findings: Vec<Finding> = rx.iter().collect();
        assert_eq!(findings.len(), CheckId::ALL.len());
        assert_eq!(calls.load(Ordering::SeqCst), CheckId::ALL.len());
        let fw = findings
            .iter()
            .find(|f| f.check == CheckId::Firewall)
            .unwrap();
        assert_eq!(fw.verdict, Verdict::Unknown);
        assert!(fw.evidence.contains("probe exploded"), "{}", fw.evidence);
    }

    /// A source whose runs count how many were started.
    struct PerRun(Arc<AtomicUsize>);

    impl CheckSource for PerRun {
        fn run(&self, check: CheckId, _policy: &Policy) -> Finding {
            super::super::finding::unknown(check, Os::Linux, "the parent itself ran", RawLog::new())
        }

        fn one_run(&self) -> Option<Arc<dyn CheckSource>> {
            self.0.fetch_add(1, Ordering::SeqCst);
            Some(Arc::new(Fake))
        }
    }

    #[test]
    fn each_run_gets_a_fresh_source_shared_by_its_checks() {
        let runs = Arc::new(AtomicUsize::new(0));
        let source: Arc<dyn CheckSource> = Arc::new(PerRun(Arc::clone(&runs)));
        for expected in 1..=2 {
            let rx = run_checks(
                Arc::clone(&source),
                &[CheckId::OsSupported, CheckId::AutoUpdates],
                &Policy::default(),
                Arc::new(|| {}),
            );
            let findings: Vec<Finding> = rx.iter().collect();
            assert!(
                findings.iter().all(|f| f.verdict == Verdict::Pass),
                "{findings:?}"
            );
            assert_eq!(
                runs.load(Ordering::SeqCst),
                expected,
                "one fresh source per run"
            );
        }
    }

    #[test]
    fn uac_applies_only_on_windows() {
        assert!(CheckId::Uac.applies_on(Os::Windows));
        assert!(!CheckId::Uac.applies_on(Os::Linux));
        assert_eq!(
            CheckId::Uac.unavailable_reason(Os::Linux).unwrap(),
            "User Account Control exists only on Windows; this computer runs Linux."
        );
        assert_eq!(CheckId::Firewall.unavailable_reason(Os::MacOs), None);
        let f = SystemChecks.run(CheckId::Uac, &Policy::default());
        if cfg!(windows) {
            assert_ne!(f.evidence, "");
        } else {
            assert_eq!(f.verdict, Verdict::Unknown);
            assert!(
                f.evidence.contains("exists only on Windows"),
                "{}",
                f.evidence
            );
        }
        assert!(CheckId::Firewall.applies_on(Os::MacOs));
        let these = CheckId::checks_for_this_os();
        assert_eq!(these.contains(&CheckId::Uac), cfg!(windows));
    }
}
