//! Every Windows query has a deadline: it runs on its own named thread, and the check waits at
//! most a few seconds for it. A query that hangs (a WMI provider stuck, a COM server that never
//! answers) gives "Windows did not answer within N seconds", never a pass; its thread is left to
//! finish or be ended with the program.

use std::sync::mpsc;
use std::time::Duration;

/// How long one query may take (a cold WMI provider on an old PC takes a few seconds).
pub(super) const QUERY_DEADLINE: Duration = Duration::from_secs(20);

/// Runs `query` on a thread named after `what`, waiting at most [`QUERY_DEADLINE`].
pub(super) fn with_deadline<T: Send + 'static>(
    what: &str,
    query: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    with_deadline_of(what, QUERY_DEADLINE, query)
}

/// Like [`with_deadline`], with its own deadline.
pub(super) fn with_deadline_of<T: Send + 'static>(
    what: &str,
    deadline: Duration,
    query: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name(format!("query {what}"))
        .spawn(move || {
            // The receiver may have stopped waiting (deadline passed): nothing to do then.
            tx.send(query()).ok();
        })
        .map_err(|e| format!("no thread could be started to ask Windows ({e})"))?;
    match rx.recv_timeout(deadline) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!(
            "Windows did not answer within {} seconds",
            deadline.as_secs()
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err("the query stopped unexpectedly".to_owned())
        }
    }
}
