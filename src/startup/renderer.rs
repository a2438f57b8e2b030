//! The renderers that can draw the window, the order they are tried in on each OS, the one
//! remembered from the last start, and the test switch that makes them fail.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::checks::Os;
use crate::files;

/// A way of drawing the window. The names are what the log, the settings file and
/// `CLERKCHECK_RENDERER` use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Renderer {
    /// wgpu on the system's main graphics API: Direct3D 12 or Vulkan on Windows, Metal on macOS,
    /// Vulkan on Linux.
    WgpuPrimary,
    /// wgpu on OpenGL (WGL on Windows, EGL/GLX on Linux).
    WgpuGl,
    /// wgpu on a software adapter that needs no graphics card: WARP (Microsoft Basic Render
    /// Driver) on Windows, lavapipe or llvmpipe on Linux.
    WgpuSoftware,
    /// egui's own OpenGL renderer (glow), without wgpu: the last resort.
    Glow,
}

impl Renderer {
    /// Every renderer, in the order they are tried.
    pub const ALL: [Self; 4] = [
        Self::WgpuPrimary,
        Self::WgpuGl,
        Self::WgpuSoftware,
        Self::Glow,
    ];

    /// The name used in the log, the settings file and `CLERKCHECK_RENDERER`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::WgpuPrimary => "wgpu-primary",
            Self::WgpuGl => "wgpu-gl",
            Self::WgpuSoftware => "wgpu-software",
            Self::Glow => "glow",
        }
    }

    /// The renderer with this name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == name.trim())
    }

    /// The names, for messages: "wgpu-primary, wgpu-gl, wgpu-software, glow".
    pub fn names() -> String {
        Self::ALL.map(Self::as_str).join(", ")
    }

    /// What it is, for the log and for IT support.
    pub fn describe(self) -> &'static str {
        match self {
            Self::WgpuPrimary => "wgpu on the main graphics API (Direct3D 12 or Vulkan; Metal)",
            Self::WgpuGl => "wgpu on OpenGL",
            Self::WgpuSoftware => "wgpu on a software adapter (WARP, lavapipe, llvmpipe)",
            Self::Glow => "egui's OpenGL renderer (glow)",
        }
    }

    /// The renderers worth trying on `os`, best first. (wgpu has no OpenGL and no software
    /// adapter on macOS, so only Metal and glow are tried there.)
    pub fn chain(os: Os) -> Vec<Self> {
        match os {
            Os::MacOs => vec![Self::WgpuPrimary, Self::Glow],
            Os::Windows | Os::Linux => Self::ALL.to_vec(),
        }
    }
}

impl fmt::Display for Renderer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The order to try renderers in on `os`: the one that worked last time first, then the rest of
/// the chain.
pub fn attempt_order(os: Os, remembered: Option<Renderer>) -> Vec<Renderer> {
    let mut order = Renderer::chain(os);
    if let Some(first) = remembered {
        order.retain(|r| *r != first);
        order.insert(0, first);
    }
    order
}

/// The settings file that remembers which renderer worked, so the next start tries it first.
///
/// It is forgotten when that renderer fails later, and ignored after an update of clerkcheck
/// (a new version may draw differently, so the chain is tried from the top again).
#[derive(Debug, Clone)]
pub struct RendererMemory {
    path: Option<PathBuf>,
}

/// What the settings file holds.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
struct Remembered {
    /// The renderer's name ([`Renderer::as_str`]).
    renderer: String,
    /// The clerkcheck version that found it working.
    app_version: String,
}

/// The most bytes read from the settings file.
const MEMORY_CAP: u64 = 4096;

impl RendererMemory {
    /// `renderer.ron` in the per-user settings folder (e.g. `%APPDATA%\clerkcheck\config` on
    /// Windows, `~/.config/clerkcheck` on Linux); a memory that forgets everything when there is
    /// no such folder.
    pub fn platform_default() -> Self {
        Self {
            path: directories::ProjectDirs::from("", "", "clerkcheck")
                .map(|d| d.config_dir().join("renderer.ron")),
        }
    }

    /// A memory kept in the file `path`.
    pub fn at(path: impl Into<PathBuf>) -> Self {
        Self {
            path: Some(path.into()),
        }
    }

    /// The settings file, if there is one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The renderer that worked last time with this version of clerkcheck, if any. A missing,
    /// unreadable or outdated file is no memory (the reason is logged).
    pub fn load(&self) -> Option<Renderer> {
        let path = self.path.as_deref()?;
        let text = match files::read_text_if_present(path, MEMORY_CAP) {
            Ok(Some(text)) => text,
            Ok(None) => return None,
            Err(err) => {
                log::warn!("the remembered renderer is ignored: {}", err.detail());
                return None;
            }
        };
        match ron::from_str::<Remembered>(&text) {
            Ok(r) if r.app_version != crate::APP_VERSION => {
                log::info!(
                    "the remembered renderer {} was found by clerkcheck {}; trying them all again after the update",
                    r.renderer,
                    r.app_version
                );
                None
            }
            Ok(r) => {
                let renderer = Renderer::from_name(&r.renderer);
                if renderer.is_none() {
                    log::warn!(
                        "{}: unknown renderer {:?} is ignored",
                        path.display(),
                        r.renderer
                    );
                }
                renderer
            }
            Err(err) => {
                log::warn!(
                    "{}: not a renderer setting ({err}); it is ignored",
                    path.display()
                );
                None
            }
        }
    }

    /// Remembers `renderer` as the one that works (written atomically).
    pub fn remember(&self, renderer: Renderer) {
        let Some(path) = self.path.as_deref() else {
            return;
        };
        let remembered = Remembered {
            renderer: renderer.as_str().to_owned(),
            app_version: crate::APP_VERSION.to_owned(),
        };
        let text = match ron::ser::to_string_pretty(&remembered, ron::ser::PrettyConfig::default())
        {
            Ok(text) => text,
            Err(err) => {
                log::error!("could not write the renderer setting: {err}");
                return;
            }
        };
        match files::write_atomic(
            path,
            text.as_bytes(),
            ".renderer-",
            files::Existing::Replace,
            false,
        ) {
            Ok(()) => log::info!("remembered renderer {renderer} in {}", path.display()),
            Err(err) => log::warn!(
                "could not remember the renderer (the next start tries them all again): {}",
                err.detail()
            ),
        }
    }

    /// Forgets the remembered renderer (it failed), so the next start tries them all again.
    pub fn forget(&self) {
        let Some(path) = self.path.as_deref() else {
            return;
        };
        match fs_err::remove_file(path) {
            Ok(()) => log::info!("forgot the remembered renderer ({})", path.display()),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => log::warn!("could not forget the remembered renderer: {err}"),
        }
    }
}

/// The environment variable of the test switch: for tests only, it makes renderers fail.
///
/// A comma-separated list of `all` or renderer names, each optionally followed by
/// `:after-first-frame`. A plain entry makes the window process fail before it opens a window;
/// with `:after-first-frame` it draws one frame and then dies the way a lost graphics device
/// does. `CLERKCHECK_TEST_RENDERER_FAIL=all` proves the "window could not open" message.
pub const TEST_FAIL_VAR: &str = "CLERKCHECK_TEST_RENDERER_FAIL";

/// When the test switch makes a renderer fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestFailure {
    /// Before any window is made.
    AtStart,
    /// After the first frame is drawn (a lost device).
    AfterFirstFrame,
}

/// How the test switch `value` treats `renderer`; `None` when it does not make it fail.
pub fn test_failure(value: Option<&str>, renderer: Renderer) -> Option<TestFailure> {
    let value = value?;
    value
        .split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .find_map(|entry| {
            let (name, when) = match entry.split_once(':') {
                Some((name, "after-first-frame")) => (name, TestFailure::AfterFirstFrame),
                Some(_) => return None,
                None => (entry, TestFailure::AtStart),
            };
            (name == "all" || name == renderer.as_str()).then_some(when)
        })
}

/// The test switch's setting for `renderer` from the environment.
pub fn test_failure_from_env(renderer: Renderer) -> Option<TestFailure> {
    test_failure(std::env::var(TEST_FAIL_VAR).ok().as_deref(), renderer)
}

#[cfg(test)]
#[expect(
    clippy::disallowed_methods,
    reason = "tests write the remembered-renderer file directly"
)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for r in Renderer::ALL {
            assert_eq!(Renderer::from_name(r.as_str()), Some(r));
        }
        assert_eq!(Renderer::from_name("dx11"), None);
        assert_eq!(
            Renderer::names(),
            "wgpu-primary, wgpu-gl, wgpu-software, glow"
        );
    }

    #[test]
    fn the_chain_ends_with_glow_on_every_os() {
        for os in [Os::Windows, Os::MacOs, Os::Linux] {
            let chain = Renderer::chain(os);
            assert_eq!(chain.first(), Some(&Renderer::WgpuPrimary), "{os:?}");
            assert_eq!(chain.last(), Some(&Renderer::Glow), "{os:?}");
        }
        assert!(Renderer::chain(Os::Windows).contains(&Renderer::WgpuSoftware));
        assert!(!Renderer::chain(Os::MacOs).contains(&Renderer::WgpuGl));
    }

    #[test]
    fn the_remembered_renderer_goes_first_and_is_not_tried_twice() {
        assert_eq!(
            attempt_order(Os::Windows, Some(Renderer::WgpuGl)),
            [
                Renderer::WgpuGl,
                Renderer::WgpuPrimary,
                Renderer::WgpuSoftware,
                Renderer::Glow
            ]
        );
        assert_eq!(
            attempt_order(Os::Linux, None),
            Renderer::chain(Os::Linux).as_slice()
        );
        // A renderer remembered from another OS's chain is still tried first.
        assert_eq!(
            attempt_order(Os::MacOs, Some(Renderer::WgpuGl)),
            [Renderer::WgpuGl, Renderer::WgpuPrimary, Renderer::Glow]
        );
    }

    #[test]
    fn the_memory_remembers_forgets_and_survives_a_missing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let memory = RendererMemory::at(dir.path().join("config").join("renderer.ron"));
        assert_eq!(memory.load(), None);
        memory.remember(Renderer::Glow);
        assert_eq!(memory.load(), Some(Renderer::Glow));
        memory.forget();
        assert_eq!(memory.load(), None);
        memory.forget();
    }

    #[test]
    fn a_broken_or_outdated_memory_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("renderer.ron");
        let memory = RendererMemory::at(&path);
        std::fs::write(&path, "not ron at all {").unwrap();
        assert_eq!(memory.load(), None);
        std::fs::write(
            &path,
            r#"(renderer: "wgpu-gl", app_version: "0.0.0-older")"#,
        )
        .unwrap();
        assert_eq!(memory.load(), None);
        std::fs::write(
            &path,
            format!(
                r#"(renderer: "dx9", app_version: "{}")"#,
                crate::APP_VERSION
            ),
        )
        .unwrap();
        assert_eq!(memory.load(), None);
        std::fs::write(
            &path,
            format!(
                r#"(renderer: "wgpu-gl", app_version: "{}")"#,
                crate::APP_VERSION
            ),
        )
        .unwrap();
        assert_eq!(memory.load(), Some(Renderer::WgpuGl));
    }

    #[test]
    fn the_test_switch_names_renderers_and_when_they_fail() {
        use TestFailure::{AfterFirstFrame, AtStart};
        assert_eq!(test_failure(None, Renderer::Glow), None);
        assert_eq!(test_failure(Some(""), Renderer::Glow), None);
        assert_eq!(test_failure(Some("all"), Renderer::Glow), Some(AtStart));
        let value = Some("wgpu-primary:after-first-frame, wgpu-gl");
        assert_eq!(
            test_failure(value, Renderer::WgpuPrimary),
            Some(AfterFirstFrame)
        );
        assert_eq!(test_failure(value, Renderer::WgpuGl), Some(AtStart));
        assert_eq!(test_failure(value, Renderer::Glow), None);
        assert_eq!(test_failure(Some("glow:sometimes"), Renderer::Glow), None);
    }
}
