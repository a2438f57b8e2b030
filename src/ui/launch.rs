//! Opening the app window: the renderer's eframe options, the first-frame report to the
//! supervisor, and what a window process does when its renderer fails.
//!
//! [`open_window`] is what the program does without a subcommand. Double-clicked, it is the
//! supervisor (`crate::startup`), which starts this program again for one renderer at a time;
//! each of those window processes comes back here and runs [`run_window`].

use std::io::Write as _;
use std::sync::Arc;
use std::time::Instant;

use eframe::egui_wgpu::{self, WgpuSetup, WgpuSetupCreateNew, wgpu};

use super::{App, AppConfig, theme};
use crate::checks::SystemChecks;
use crate::logging::TimedChecks;
use crate::paths::DataDir;
use crate::startup::renderer::{TestFailure, test_failure_from_env};
use crate::startup::supervisor::READY_LINE;
use crate::startup::{self, EXIT_RENDERER_FAILED, Renderer, Role};

/// The window title. CI finds the window by it.
pub const WINDOW_TITLE: &str = "clerkcheck — Election office security self-check";

/// Opens the app and returns the exit code. Where no display can be opened (a Unix terminal
/// session), runs the checks and prints them instead.
pub fn open_window(data: &DataDir) -> anyhow::Result<u8> {
    if !startup::display_available() {
        log::warn!("no display (neither DISPLAY nor WAYLAND_DISPLAY is set)");
        return Ok(checks_in_the_terminal(data));
    }
    match Role::from_env()? {
        Role::Supervisor => Ok(startup::run_supervisor(data)),
        Role::Window {
            renderer,
            supervised,
        } => run_window(data, renderer, supervised),
    }
}

/// Without a display: the checks, printed as the results file would have them.
#[expect(
    clippy::print_stderr,
    clippy::print_stdout,
    reason = "started from a terminal without a display, the terminal is the only way to tell"
)]
fn checks_in_the_terminal(data: &DataDir) -> u8 {
    eprintln!(
        "clerkcheck: no display to open the window on; running the checks in the terminal instead."
    );
    let findings = startup::fallback::run_all_checks(data);
    for f in &findings {
        println!("{:8} {}: {}", f.verdict.word(), f.check.title(), f.evidence);
    }
    println!("{}", startup::fallback::summary_line(&findings));
    if findings
        .iter()
        .any(|f| f.verdict == crate::checks::Verdict::Fail)
    {
        crate::exit::EXIT_FAILED
    } else {
        crate::exit::EXIT_OK
    }
}

/// A window process: opens the window with `renderer` and runs until it is closed. Returns 0
/// when the clerk closed it, [`EXIT_RENDERER_FAILED`] when the renderer could not draw.
pub fn run_window(data: &DataDir, renderer: Renderer, supervised: bool) -> anyhow::Result<u8> {
    let started = process_start();
    if supervised {
        startup::end_with_supervisor();
    }
    log::info!(
        "opening the window with renderer {renderer} ({})",
        renderer.describe()
    );
    let test_failure = test_failure_from_env(renderer);
    if test_failure == Some(TestFailure::AtStart) {
        log::error!(
            "renderer {renderer} fails on purpose ({}, a test switch)",
            startup::renderer::TEST_FAIL_VAR
        );
        return Ok(EXIT_RENDERER_FAILED);
    }
    let mut config = AppConfig::new(data.clone());
    config.checks = Arc::new(TimedChecks::new(Arc::new(SystemChecks)));
    if std::env::var_os("CLERKCHECK_TIMING").is_some_and(|v| v == "1") {
        config.timing_start = Some(started);
    }
    let first_frame = FirstFrame {
        renderer,
        supervised,
        started,
        die_after: test_failure == Some(TestFailure::AfterFirstFrame),
        reported: false,
    };
    let result = eframe::run_native(
        "clerkcheck",
        native_options(renderer),
        Box::new(move |cc| {
            match &cc.wgpu_render_state {
                Some(state) => log::info!(
                    "renderer {renderer}: graphics adapter {}",
                    egui_wgpu::adapter_info_summary(&state.adapter.get_info())
                ),
                None => log::info!("renderer {renderer}: OpenGL context ready"),
            }
            cc.egui_ctx.add_plugin(first_frame);
            Ok(Box::new(App::new(cc, config)))
        }),
    );
    match result {
        Ok(()) => {
            log::info!("the window was closed");
            Ok(crate::exit::EXIT_OK)
        }
        Err(err) => {
            log::error!("renderer {renderer} could not open the window: {err}");
            if !supervised {
                anyhow::bail!("the window could not be opened with renderer {renderer}: {err}");
            }
            Ok(EXIT_RENDERER_FAILED)
        }
    }
}

/// The window's size, title and icon.
fn viewport() -> egui::ViewportBuilder {
    let viewport = egui::ViewportBuilder::default()
        .with_title(WINDOW_TITLE)
        .with_app_id("clerkcheck")
        .with_inner_size(theme::START_WINDOW)
        .with_min_inner_size(theme::MIN_WINDOW);
    // The icon is compiled in and tested (tests/release_assets.rs); should it ever fail to
    // decode, the window opens with the system's default icon rather than not at all.
    match eframe::icon_data::from_png_bytes(crate::assets::APP_ICON_PNG) {
        Ok(icon) => viewport.with_icon(icon),
        Err(err) => {
            log::warn!("the window icon could not be decoded: {err}");
            viewport
        }
    }
}

/// eframe's options for `renderer`.
pub fn native_options(renderer: Renderer) -> eframe::NativeOptions {
    let mut options = eframe::NativeOptions {
        viewport: viewport(),
        ..eframe::NativeOptions::default()
    };
    let wgpu_setup = |backends: wgpu::Backends, software: bool| {
        let mut setup = WgpuSetupCreateNew::without_display_handle();
        setup.instance_descriptor.backends = backends;
        if software {
            setup.native_adapter_selector = Some(Arc::new(software_adapter));
        }
        WgpuSetup::CreateNew(setup)
    };
    match renderer {
        Renderer::WgpuPrimary => {
            options.renderer = eframe::Renderer::Wgpu;
            // wgpu's own variable still narrows the choice, for IT support who know it.
            let backends = wgpu::Backends::from_env().unwrap_or(wgpu::Backends::PRIMARY);
            options.wgpu_options.wgpu_setup = wgpu_setup(backends, false);
        }
        Renderer::WgpuGl => {
            options.renderer = eframe::Renderer::Wgpu;
            options.wgpu_options.wgpu_setup = wgpu_setup(wgpu::Backends::GL, false);
        }
        Renderer::WgpuSoftware => {
            options.renderer = eframe::Renderer::Wgpu;
            options.wgpu_options.wgpu_setup =
                wgpu_setup(wgpu::Backends::PRIMARY | wgpu::Backends::GL, true);
        }
        Renderer::Glow => options.renderer = eframe::Renderer::Glow,
    }
    options
}

/// Picks a software adapter (one that needs no graphics card: WARP on Windows, lavapipe or
/// llvmpipe elsewhere) that can draw to the window.
fn software_adapter(
    adapters: &[wgpu::Adapter],
    surface: Option<&wgpu::Surface<'_>>,
) -> Result<wgpu::Adapter, String> {
    adapters
        .iter()
        .filter(|a| a.get_info().device_type == wgpu::DeviceType::Cpu)
        .find(|a| surface.is_none_or(|s| a.is_surface_supported(s)))
        .cloned()
        .ok_or_else(|| {
            let seen: Vec<String> = adapters
                .iter()
                .map(|a| egui_wgpu::adapter_info_summary(&a.get_info()))
                .collect();
            format!(
                "no software graphics adapter that can draw to the window (adapters found: {})",
                if seen.is_empty() {
                    "none".to_owned()
                } else {
                    seen.join("; ")
                }
            )
        })
}

/// Reports the first frame once it is on screen: logs it and, for a supervised window process,
/// prints [`READY_LINE`] for the supervisor.
///
/// eframe paints a frame and shows the window right after the pass that made it, on the same
/// thread; so when the second pass begins, the first frame has been painted and presented
/// without the renderer failing. The first pass asks for that second one.
struct FirstFrame {
    renderer: Renderer,
    supervised: bool,
    started: Instant,
    /// The test switch: end the way a lost graphics device ends the process (exit code 101, as
    /// wgpu's panic would), once the frame is reported.
    die_after: bool,
    reported: bool,
}

impl egui::Plugin for FirstFrame {
    fn debug_name(&self) -> &'static str {
        "clerkcheck first frame"
    }

    fn on_begin_pass(&mut self, ui: &mut egui::Ui) {
        if self.reported || ui.ctx().cumulative_frame_nr() == 0 {
            return;
        }
        self.reported = true;
        log::info!(
            "renderer {}: first frame on screen {} ms after the process started",
            self.renderer,
            self.started.elapsed().as_millis()
        );
        if self.supervised {
            let mut stdout = std::io::stdout().lock();
            if let Err(err) = writeln!(stdout, "{READY_LINE}").and_then(|()| stdout.flush()) {
                log::error!("could not tell the supervisor the window is open: {err}");
            }
        }
        if self.die_after {
            log::error!(
                "renderer {} loses its device on purpose ({}, a test switch)",
                self.renderer,
                startup::renderer::TEST_FAIL_VAR
            );
            std::process::exit(101);
        }
    }

    fn on_end_pass(&mut self, ui: &mut egui::Ui) {
        if !self.reported {
            ui.ctx().request_repaint();
        }
    }
}

/// When the process started, as close as we can tell: the first time this is called, which
/// [`run_window`] does before anything else of the window is made.
fn process_start() -> Instant {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    *START.get_or_init(Instant::now)
}
