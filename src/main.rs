//! The `clerkcheck` executable: parses the command line and hands over to [`clerkcheck::cli`].
//!
//! On Windows this is a GUI program: double-clicking it opens the app window and no console
//! window. Started from a terminal, it attaches to that terminal's console first, so the
//! subcommands (`clerkcheck check --json`, …) still print there.

// Windows: the GUI subsystem, so Explorer opens no console window behind the app window.
#![cfg_attr(windows, windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    #[cfg(windows)]
    if std::env::var_os(clerkcheck::startup::SUPERVISED_VAR).is_none() {
        // A window process started by the supervisor keeps the standard handles it was given
        // (its standard output is the pipe the supervisor reads).
        attach_parent_console();
    }
    clerkcheck::cli::main()
}

/// Attaches this process to the console of the process that started it (a terminal), if there is
/// one, so that stdout and stderr reach that terminal. Started from Explorer there is no parent
/// console: the call fails quietly and the app runs as a plain window, as intended.
#[cfg(windows)]
fn attach_parent_console() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    #[expect(
        unsafe_code,
        reason = "AttachConsole is a plain Win32 call with no safe wrapper"
    )]
    // SAFETY: AttachConsole takes a plain integer (a process id, here the "parent" constant) and
    // no pointers, so it cannot touch our memory. It runs before anything else in `main`, with no
    // other threads alive yet to race on the standard handles it sets. Failure (no parent
    // console, or one already attached) is only a zero return value that leaves the process as it
    // was, which is the outcome we want then, so the result needs no handling.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS)
    };
}
