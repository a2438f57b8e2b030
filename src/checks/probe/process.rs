//! Runs one probe program safely (macOS and Linux only; on Windows the checks start no programs):
//!
//! - by absolute path, stdin closed;
//! - in a clean environment: nothing is inherited (so `APT_CONFIG`, `DPKG_ADMINDIR`,
//!   `LD_PRELOAD`… cannot change an answer) except what the caller names, plus a fixed `PATH`
//!   and `LC_ALL=C`/`LANG=C`;
//! - in its own process group, so a timeout kills the program and everything it started;
//! - with stdout and stderr capped; output that hit the cap is marked as cut off, and the probe
//!   helpers refuse to judge it.
//!
//! Every way it can go wrong becomes a [`ProbeError`] in plain words, which the checks turn into
//! an Unknown verdict (never a pass).

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use wait_timeout::ChildExt;

/// The default hard timeout of one probe.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Most bytes kept from stdout (and from stderr); the rest is read and dropped.
pub(crate) const OUTPUT_CAP: usize = 1024 * 1024;

/// The only `PATH` a probe sees (the tools some probes start themselves are found there).
const SAFE_PATH: &str = "/usr/sbin:/usr/bin:/sbin:/bin";

/// What a finished probe printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Output {
    /// The exit code; `None` when the program was ended by a signal.
    pub(crate) code: Option<i32>,
    /// Standard output (at most [`OUTPUT_CAP`] bytes).
    pub(crate) stdout: String,
    /// Standard error (at most [`OUTPUT_CAP`] bytes); macOS `sysadminctl` answers here.
    pub(crate) stderr: String,
    /// Whether stdout or stderr was longer than [`OUTPUT_CAP`] and was cut.
    pub(crate) truncated: bool,
}

/// Why a probe gave no usable output.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum ProbeError {
    /// The program is not on this computer.
    #[error("{} is not installed on this computer", .0.display())]
    Missing(PathBuf),
    /// The program may not be run by this user.
    #[error("this user may not run {}", .0.display())]
    Denied(PathBuf),
    /// The program did not finish in time and was stopped.
    #[error("{} did not answer within {} seconds and was stopped", .program.display(), .after.as_secs_f32())]
    Timeout {
        /// The program.
        program: PathBuf,
        /// The timeout.
        after: Duration,
        /// The process id (and process group id) of the stopped child.
        pid: u32,
    },
    /// The program printed something that is not text.
    #[error("{} printed something that is not readable text", .0.display())]
    NotText(PathBuf),
    /// Another error starting or waiting for the program.
    #[error("{} could not be run: {}", .0.display(), .1)]
    Other(PathBuf, String),
}

/// Runs `program` (an absolute path) with `args` in a clean environment plus `env`, and waits
/// at most `timeout`.
pub(crate) fn run(
    program: &Path,
    args: &[&str],
    env: &[(&str, OsString)],
    timeout: Duration,
) -> Result<Output, ProbeError> {
    let mut cmd = Command::new(program);
    cmd.args(args)
        .env_clear()
        .env("PATH", SAFE_PATH)
        .env("LC_ALL", "C")
        .env("LANG", "C")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt as _;
        // Its own process group (id = its pid), so a timeout can stop everything it started.
        cmd.process_group(0);
    }
    let mut child = cmd.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ProbeError::Missing(program.to_owned()),
        std::io::ErrorKind::PermissionDenied => ProbeError::Denied(program.to_owned()),
        _ => ProbeError::Other(program.to_owned(), e.to_string()),
    })?;
    let stdout = reader(child.stdout.take());
    let stderr = reader(child.stderr.take());
    let status = match child.wait_timeout(timeout) {
        Ok(Some(status)) => status,
        Ok(None) => {
            let pid = child.id();
            stop(&mut child);
            return Err(ProbeError::Timeout {
                program: program.to_owned(),
                after: timeout,
                pid,
            });
        }
        Err(e) => {
            stop(&mut child);
            return Err(ProbeError::Other(program.to_owned(), e.to_string()));
        }
    };
    // A grandchild may still hold the pipes open: wait a moment, never forever.
    let grace = Duration::from_secs(2);
    // Output not fully read by then is an error, never an empty answer: a verdict is not read
    // from half (or none) of what a program printed.
    let unfinished = || {
        ProbeError::Other(
            program.to_owned(),
            "it ended, but something it started kept its output open, so its answer could not be read to the end".to_owned(),
        )
    };
    let (out, out_cut) = stdout.recv_timeout(grace).map_err(|_| unfinished())?;
    let (err, err_cut) = stderr.recv_timeout(grace).unwrap_or_default();
    let text = |bytes: Vec<u8>| {
        String::from_utf8(bytes).map_err(|_| ProbeError::NotText(program.to_owned()))
    };
    Ok(Output {
        code: status.code(),
        stdout: text(out)?,
        stderr: text(err)?,
        truncated: out_cut || err_cut,
    })
}

/// Kills the child's whole process group, then the child, and reaps it.
fn stop(child: &mut std::process::Child) {
    #[cfg(unix)]
    if let Ok(group) = libc::pid_t::try_from(child.id()) {
        kill_group(group);
    }
    // If it already ended in between, these are harmless; there is nothing else to do.
    if let Err(e) = child.kill() {
        log::debug!("probe already ended: {e}");
    }
    if let Err(e) = child.wait() {
        log::debug!("probe could not be reaped: {e}");
    }
}

/// Sends SIGKILL to the process group `group` (which the probe leads).
#[cfg(unix)]
fn kill_group(group: libc::pid_t) {
    #[expect(
        unsafe_code,
        reason = "killpg has no safe wrapper in std; it only sends a signal"
    )]
    // SAFETY: killpg takes two integers and touches no memory of ours. `group` is the pid of
    // our own child, which leads its own process group (process_group(0)) and has not been
    // reaped yet, so the id cannot have been reused by an unrelated group.
    let result = unsafe { libc::killpg(group, libc::SIGKILL) };
    if result != 0 {
        log::debug!(
            "killpg({group}) failed: {}",
            std::io::Error::last_os_error()
        );
    }
}

/// Reads a pipe to its end on a named thread, keeping at most [`OUTPUT_CAP`] bytes; the flag
/// says whether more was dropped.
fn reader<R: Read + Send + 'static>(pipe: Option<R>) -> mpsc::Receiver<(Vec<u8>, bool)> {
    let (tx, rx) = mpsc::channel();
    let Some(mut pipe) = pipe else {
        // The receiver is ours and still alive: this send cannot fail.
        tx.send((Vec::new(), false)).ok();
        return rx;
    };
    let spawned = std::thread::Builder::new()
        .name("probe output".to_owned())
        .spawn(move || {
            let mut kept = Vec::new();
            let read = (&mut pipe).take(OUTPUT_CAP as u64).read_to_end(&mut kept);
            // Drain the rest so the child never blocks on a full pipe.
            let dropped = std::io::copy(&mut pipe, &mut std::io::sink()).unwrap_or(0);
            if let Err(e) = read {
                log::debug!("probe output could not be read to its end: {e}");
            }
            // The receiver may have given up waiting (grace period over): nothing to do then.
            tx.send((kept, dropped > 0)).ok();
        });
    if let Err(e) = spawned {
        log::error!("could not start a thread to read a probe's output: {e}");
    }
    rx
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn sh(script: &str) -> Result<Output, ProbeError> {
        run(Path::new("/bin/sh"), &["-c", script], &[], DEFAULT_TIMEOUT)
    }

    #[test]
    fn output_held_open_by_a_leftover_process_is_an_error_not_an_empty_answer() {
        // The shell ends at once; the `sleep` it left behind keeps stdout open past the grace.
        let got = sh("sleep 30 & exit 0");
        let err = got.expect_err("an answer not read to its end is no answer");
        assert!(err.to_string().contains("kept its output open"), "{err}");
    }

    #[test]
    fn a_probe_that_hangs_is_stopped_with_everything_it_started() {
        let dir = tempfile::tempdir().unwrap();
        let pidfile = dir.path().join("grandchild");
        let script = format!("sleep 30 & echo $! > {}; wait", pidfile.display());
        let started = std::time::Instant::now();
        let err = run(
            Path::new("/bin/sh"),
            &["-c", &script],
            &[],
            Duration::from_millis(500),
        )
        .unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(5));
        let ProbeError::Timeout { pid, .. } = &err else {
            panic!("expected a timeout, got {err:?}");
        };
        assert!(!Path::new(&format!("/proc/{pid}")).exists(), "child reaped");
        let grandchild = crate::files::read_text_capped(&pidfile, 64).unwrap();
        let status = format!("/proc/{}/status", grandchild.trim());
        // The grandchild was killed with the group: soon gone, or a zombie waiting for init.
        let gone = || {
            crate::files::read_text_capped(std::path::Path::new(&status), 1 << 16).map_or(
                true,
                |s| {
                    s.lines()
                        .any(|l| l.starts_with("State:") && l.contains('Z'))
                },
            )
        };
        let waited = std::time::Instant::now();
        while !gone() && waited.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(gone(), "the grandchild {} still runs", grandchild.trim());
        assert!(
            err.to_string()
                .contains("did not answer within 0.5 seconds")
        );
    }

    #[test]
    fn output_and_exit_code_are_kept() {
        let out = sh("echo out; echo err >&2; exit 3").unwrap();
        assert_eq!(out.code, Some(3));
        assert_eq!(out.stdout, "out\n");
        assert_eq!(out.stderr, "err\n");
        assert!(!out.truncated);
    }

    #[test]
    fn regression_probes_do_not_inherit_the_environment() {
        // The test process has many variables (CARGO_*, PATH, HOME…): none may get through.
        let out = run(
            Path::new("/usr/bin/env"),
            &[],
            &[("HOME", OsString::from("/home/clerk"))],
            DEFAULT_TIMEOUT,
        )
        .unwrap();
        let mut names: Vec<&str> = out
            .stdout
            .lines()
            .filter_map(|l| l.split_once('=').map(|(k, _)| k))
            .collect();
        names.sort_unstable();
        assert_eq!(names, ["HOME", "LANG", "LC_ALL", "PATH"], "{}", out.stdout);
        assert!(out.stdout.contains("LC_ALL=C"));
    }

    #[test]
    fn a_missing_program_and_garbage_output_are_errors() {
        let err = run(Path::new("/nonexistent/probe"), &[], &[], DEFAULT_TIMEOUT).unwrap_err();
        assert_eq!(err, ProbeError::Missing("/nonexistent/probe".into()));
        let err = sh("printf '\\377\\376garbage'").unwrap_err();
        assert!(matches!(err, ProbeError::NotText(_)), "{err:?}");
    }

    #[test]
    fn output_is_capped_and_the_cut_is_marked() {
        let out = sh("head -c 3000000 /dev/zero | tr '\\0' a").unwrap();
        assert_eq!(out.stdout.len(), OUTPUT_CAP);
        assert!(out.truncated);
    }
}
