//! A native message box that needs no graphics card: the last way to tell the clerk something
//! when the app window cannot open.
//!
//! - Windows: `MessageBoxW` (user32), drawn by Windows itself.
//! - macOS: an `NSAlert` through rfd.
//! - Linux and other Unixes: the first of `zenity`, `kdialog`, `xmessage` that can show it (rfd
//!   would only try zenity, and could not tell us when that failed).
//!
//! The call waits until the box is closed.

/// How the message was shown (`MessageBoxW`, `zenity`, …), or why it could not be.
pub type Shown = Result<&'static str, String>;

/// Shows an error message with an OK button and waits until it is closed.
pub fn show_error(title: &str, text: &str) -> Shown {
    platform::show_error(title, text)
}

#[cfg(windows)]
mod platform {
    use super::Shown;
    use windows_sys::Win32::UI::WindowsAndMessaging::{
        MB_ICONERROR, MB_OK, MB_SETFOREGROUND, MB_TOPMOST, MessageBoxW,
    };

    /// NUL-terminated UTF-16, as Win32 takes text.
    fn wide(text: &str) -> Vec<u16> {
        text.encode_utf16().chain(std::iter::once(0)).collect()
    }

    pub fn show_error(title: &str, text: &str) -> Shown {
        let title = wide(title);
        let text = wide(text);
        #[expect(
            unsafe_code,
            reason = "MessageBoxW is a plain Win32 call with no safe wrapper"
        )]
        // SAFETY: both pointers point to NUL-terminated UTF-16 buffers owned by this function
        // that outlive the call, which only reads them; a null owner window is allowed and makes
        // the box stand on its own. MessageBoxW keeps no pointer after it returns.
        let pressed = unsafe {
            MessageBoxW(
                std::ptr::null_mut(),
                text.as_ptr(),
                title.as_ptr(),
                MB_OK | MB_ICONERROR | MB_SETFOREGROUND | MB_TOPMOST,
            )
        };
        if pressed == 0 {
            Err(format!(
                "MessageBoxW failed: {}",
                std::io::Error::last_os_error()
            ))
        } else {
            Ok("MessageBoxW")
        }
    }
}

#[cfg(target_os = "macos")]
mod platform {
    use super::Shown;

    #[expect(
        clippy::unnecessary_wraps,
        reason = "the same signature on every OS; NSAlert itself cannot fail to show"
    )]
    pub fn show_error(title: &str, text: &str) -> Shown {
        rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title(title)
            .set_description(text)
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
        Ok("NSAlert")
    }
}

#[cfg(all(unix, not(target_os = "macos")))]
mod platform {
    use super::Shown;
    use std::io::Write as _;
    use std::process::{Command, Stdio};

    /// A dialog program and how to ask it for an error message.
    struct Tool {
        program: &'static str,
        args: fn(&str, &str) -> Vec<String>,
        /// The text goes on standard input rather than the command line.
        text_on_stdin: bool,
    }

    const TOOLS: [Tool; 3] = [
        Tool {
            program: "zenity",
            args: |title, text| {
                vec![
                    "--error".into(),
                    "--no-markup".into(),
                    "--width=520".into(),
                    format!("--title={title}"),
                    format!("--text={text}"),
                ]
            },
            text_on_stdin: false,
        },
        Tool {
            program: "kdialog",
            args: |title, text| {
                vec![
                    "--title".into(),
                    title.into(),
                    "--error".into(),
                    text.into(),
                ]
            },
            text_on_stdin: false,
        },
        Tool {
            program: "xmessage",
            args: |title, _text| {
                vec![
                    "-center".into(),
                    "-title".into(),
                    title.into(),
                    "-buttons".into(),
                    "OK:0".into(),
                    "-default".into(),
                    "OK".into(),
                    "-file".into(),
                    "-".into(),
                ]
            },
            text_on_stdin: true,
        },
    ];

    pub fn show_error(title: &str, text: &str) -> Shown {
        let mut why_not = Vec::new();
        for tool in &TOOLS {
            match run(tool, title, text) {
                Ok(()) => return Ok(tool.program),
                Err(err) => why_not.push(format!("{}: {err}", tool.program)),
            }
        }
        Err(why_not.join("; "))
    }

    /// Runs one dialog program and waits for it. Exit status 0 (OK) means it was shown; 1 too
    /// for zenity and kdialog (closed without OK), unless they said they could not reach the
    /// display. A program that is not installed, or any other status, means it was not shown.
    fn run(tool: &Tool, title: &str, text: &str) -> Result<(), String> {
        let mut child = Command::new(tool.program)
            .args((tool.args)(title, text))
            .stdin(if tool.text_on_stdin {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| e.to_string())?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin
                .write_all(text.as_bytes())
                .map_err(|e| format!("could not pass the text: {e}"))?;
        }
        let output = child.wait_with_output().map_err(|e| e.to_string())?;
        let said = String::from_utf8_lossy(&output.stderr);
        let no_display = said.to_lowercase().contains("display");
        match output.status.code() {
            Some(0) => Ok(()),
            Some(1) if tool.program != "xmessage" && !no_display => Ok(()),
            _ => Err(format!("it ended with {}: {}", output.status, said.trim())),
        }
    }
}
