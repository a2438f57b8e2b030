//! Every Windows query has a deadline: it runs on its own named thread, and the check waits at
//! most a few seconds for it. A query that hangs (a WMI provider stuck, a COM server that never
//! answers) gives "Windows did not answer within N seconds", never a pass; its thread is left to
//! finish or be ended with the program. While it hangs, the same query is not asked again (each
//! "Check again" would otherwise leave one more stuck thread behind): it answers at once that
//! Windows has not answered the earlier one yet. Once the stuck query returns, it can be asked
//! again.
//!
//! Plain threads and channels, nothing Windows-specific, so it is tested on every OS.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::time::Duration;

/// How long one query may take (a cold WMI provider on an old PC takes a few seconds).
#[cfg(windows)]
pub(crate) const QUERY_DEADLINE: Duration = Duration::from_secs(20);

/// The queries that passed their deadline and have not returned yet, by name, with how many.
static STUCK: Mutex<BTreeMap<String, usize>> = Mutex::new(BTreeMap::new());

/// One call's end: whether the query returned, and whether the caller gave up waiting first.
#[derive(Default)]
struct Call {
    returned: bool,
    gave_up: bool,
}

/// Runs `query` on a thread named after `what`, waiting at most [`QUERY_DEADLINE`].
#[cfg(windows)]
pub(crate) fn with_deadline<T: Send + 'static>(
    what: &str,
    query: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    with_deadline_of(what, QUERY_DEADLINE, query)
}

/// Like [`with_deadline`], with its own deadline.
pub(crate) fn with_deadline_of<T: Send + 'static>(
    what: &str,
    deadline: Duration,
    query: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    if stuck_count(what) > 0 {
        return Err(
            "Windows has not yet answered the same question asked earlier; if this \
                    lasts, restart the computer and run clerkcheck again"
                .to_owned(),
        );
    }
    let call = Arc::new(Mutex::new(Call::default()));
    let (tx, rx) = mpsc::channel();
    let name = what.to_owned();
    let thread_call = Arc::clone(&call);
    std::thread::Builder::new()
        .name(format!("query {what}"))
        .spawn(move || {
            let result = query();
            let mut c = thread_call.lock().unwrap_or_else(PoisonError::into_inner);
            c.returned = true;
            if c.gave_up {
                unstick(&name);
            }
            // The receiver may have stopped waiting (deadline passed): nothing to do then.
            tx.send(result).ok();
        })
        .map_err(|e| format!("no thread could be started to ask Windows ({e})"))?;
    match rx.recv_timeout(deadline) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            let mut c = call.lock().unwrap_or_else(PoisonError::into_inner);
            if c.returned {
                // It returned just now, between the deadline and this lock.
                drop(c);
                return rx
                    .recv()
                    .unwrap_or_else(|_| Err("the query stopped unexpectedly".to_owned()));
            }
            c.gave_up = true;
            *stuck().entry(what.to_owned()).or_insert(0) += 1;
            Err(format!(
                "Windows did not answer within {} seconds",
                deadline.as_secs()
            ))
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err("the query stopped unexpectedly".to_owned())
        }
    }
}

fn stuck() -> std::sync::MutexGuard<'static, BTreeMap<String, usize>> {
    STUCK.lock().unwrap_or_else(PoisonError::into_inner)
}

/// How many queries named `what` passed their deadline and have not returned.
fn stuck_count(what: &str) -> usize {
    stuck().get(what).copied().unwrap_or(0)
}

fn unstick(what: &str) {
    let mut map = stuck();
    if let Some(n) = map.get_mut(what) {
        *n = n.saturating_sub(1);
        if *n == 0 {
            map.remove(what);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_in_time_is_returned() {
        let r = with_deadline_of("in time", Duration::from_secs(90), || Ok(7));
        assert_eq!(r, Ok(7));
        let e: Result<u8, String> =
            with_deadline_of("in time", Duration::from_secs(90), || Err("no".to_owned()));
        assert_eq!(e, Err("no".to_owned()));
    }

    #[test]
    fn a_stuck_query_is_not_asked_again_until_it_returns() {
        let (release, wait) = mpsc::channel::<()>();
        let (returned_tx, returned) = mpsc::channel::<()>();
        let first: Result<u8, String> =
            with_deadline_of("stuck provider", Duration::from_millis(50), move || {
                wait.recv().ok();
                returned_tx.send(()).ok();
                Ok(1)
            });
        let why = first.unwrap_err();
        assert!(why.contains("did not answer within"), "{why}");

        // Asked again while the first still hangs: refused at once, and the query is not run.
        let ran = Arc::new(Mutex::new(false));
        let ran_in_query = Arc::clone(&ran);
        let again: Result<u8, String> =
            with_deadline_of("stuck provider", Duration::from_secs(90), move || {
                *ran_in_query.lock().unwrap() = true;
                Ok(2)
            });
        let why = again.unwrap_err();
        assert!(why.contains("has not yet answered"), "{why}");
        assert!(!*ran.lock().unwrap());
        // Another question is not held up by it.
        assert_eq!(
            with_deadline_of("another provider", Duration::from_secs(90), || Ok(3)),
            Ok(3)
        );

        // The stuck query returns: the same question can be asked again.
        release.send(()).unwrap();
        returned.recv().unwrap();
        // The thread clears its mark right after it returns; wait for that condition.
        while stuck_count("stuck provider") > 0 {
            std::thread::yield_now();
        }
        assert_eq!(
            with_deadline_of("stuck provider", Duration::from_secs(90), || Ok(4)),
            Ok(4)
        );
    }
}
