//! Runs one probe program safely: absolute path, no stdin, `LC_ALL=C`, capped output, and a hard
//! timeout that kills the child. Every way it can go wrong becomes a [`ProbeError`] in plain
//! words, which the checks turn into an Unknown verdict (never a pass).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use wait_timeout::ChildExt;

/// The default hard timeout of one probe.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Most bytes kept from stdout (and from stderr); the rest is read and dropped.
pub const OUTPUT_CAP: usize = 1024 * 1024;

/// What a finished probe printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// The exit code; `None` when the program was ended by a signal.
    pub code: Option<i32>,
    /// Standard output (at most [`OUTPUT_CAP`] bytes).
    pub stdout: String,
    /// Standard error (at most [`OUTPUT_CAP`] bytes); macOS `sysadminctl` answers here.
    pub stderr: String,
}

/// Why a probe gave no usable output.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProbeError {
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
        /// The process id of the stopped child (for tests that it is gone).
        pid: u32,
    },
    /// The program printed something that is not text.
    #[error("{} printed something that is not readable text", .0.display())]
    NotText(PathBuf),
    /// Another error starting or waiting for the program.
    #[error("{} could not be run: {}", .0.display(), .1)]
    Other(PathBuf, String),
}

/// Runs `program` (an absolute path) with `args` and waits at most `timeout`.
pub fn run(program: &Path, args: &[&str], timeout: Duration) -> Result<Output, ProbeError> {
    let mut cmd = Command::new(program);
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("LC_ALL", "C")
        .env("LANG", "C")
        // macOS 11+ reports 10.16 to programs run with this set.
        .env_remove("SYSTEM_VERSION_COMPAT");
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt;
        /// CREATE_NO_WINDOW: no console window flashes up.
        const CREATE_NO_WINDOW: u32 = 0x0800_0000;
        cmd.creation_flags(CREATE_NO_WINDOW);
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
            // Kill and reap; if it already ended in between, both calls are harmless.
            let _ = child.kill();
            let _ = child.wait();
            return Err(ProbeError::Timeout {
                program: program.to_owned(),
                after: timeout,
                pid,
            });
        }
        Err(e) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(ProbeError::Other(program.to_owned(), e.to_string()));
        }
    };
    // A grandchild may still hold the pipes open: wait a moment, never forever.
    let grace = Duration::from_secs(2);
    let out = stdout.recv_timeout(grace).unwrap_or_default();
    let err = stderr.recv_timeout(grace).unwrap_or_default();
    let text = |bytes: Vec<u8>| {
        String::from_utf8(bytes).map_err(|_| ProbeError::NotText(program.to_owned()))
    };
    Ok(Output {
        code: status.code(),
        stdout: text(out)?,
        stderr: text(err)?,
    })
}

/// Reads a pipe to its end on a named thread, keeping at most [`OUTPUT_CAP`] bytes.
fn reader<R: Read + Send + 'static>(pipe: Option<R>) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    let Some(mut pipe) = pipe else {
        let _ = tx.send(Vec::new());
        return rx;
    };
    let spawned = std::thread::Builder::new()
        .name("probe output".to_owned())
        .spawn(move || {
            let mut kept = Vec::new();
            let _ = (&mut pipe).take(OUTPUT_CAP as u64).read_to_end(&mut kept);
            // Drain the rest so the child never blocks on a full pipe.
            let _ = std::io::copy(&mut pipe, &mut std::io::sink());
            let _ = tx.send(kept);
        });
    if spawned.is_err() {
        log::error!("could not start a thread to read a probe's output");
    }
    rx
}

/// Reads a small text file (e.g. `/etc/os-release`); `Ok(None)` when it does not exist.
pub fn read_text(path: &Path) -> Result<Option<String>, ProbeError> {
    match fs_err::read(path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| ProbeError::NotText(path.to_owned())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            Err(ProbeError::Denied(path.to_owned()))
        }
        Err(e) => Err(ProbeError::Other(path.to_owned(), e.to_string())),
    }
}

#[cfg(all(test, unix))]
// Tests fail loudly on purpose: unwrap is the assertion.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_probe_that_hangs_is_stopped_and_killed() {
        let started = std::time::Instant::now();
        let err = run(Path::new("/bin/sleep"), &["30"], Duration::from_millis(300)).unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(5));
        let ProbeError::Timeout { pid, .. } = &err else {
            panic!("expected a timeout, got {err:?}");
        };
        // Reaped: the process no longer exists at all.
        assert!(!Path::new(&format!("/proc/{pid}")).exists());
        assert!(
            err.to_string()
                .contains("did not answer within 0.3 seconds")
        );
    }

    #[test]
    fn output_and_exit_code_are_kept() {
        let out = run(
            Path::new("/bin/sh"),
            &["-c", "echo out; echo err >&2; exit 3"],
            DEFAULT_TIMEOUT,
        )
        .unwrap();
        assert_eq!(out.code, Some(3));
        assert_eq!(out.stdout, "out\n");
        assert_eq!(out.stderr, "err\n");
    }

    #[test]
    fn the_locale_is_c() {
        let out = run(
            Path::new("/bin/sh"),
            &["-c", "echo $LC_ALL"],
            DEFAULT_TIMEOUT,
        )
        .unwrap();
        assert_eq!(out.stdout.trim(), "C");
    }

    #[test]
    fn a_missing_program_and_garbage_output_are_errors() {
        let err = run(Path::new("/nonexistent/probe"), &[], DEFAULT_TIMEOUT).unwrap_err();
        assert_eq!(err, ProbeError::Missing("/nonexistent/probe".into()));
        let err = run(
            Path::new("/bin/sh"),
            &["-c", "printf '\\377\\376garbage'"],
            DEFAULT_TIMEOUT,
        )
        .unwrap_err();
        assert!(matches!(err, ProbeError::NotText(_)), "{err:?}");
    }

    #[test]
    fn output_is_capped() {
        let out = run(
            Path::new("/bin/sh"),
            &["-c", "head -c 3000000 /dev/zero | tr '\\0' a"],
            DEFAULT_TIMEOUT,
        )
        .unwrap();
        assert_eq!(out.stdout.len(), OUTPUT_CAP);
    }
}
