//! The desktop app (egui). The only module that imports egui; it never does I/O on the frame.

use crate::paths::DataDir;

/// Opens the app window and runs until it is closed.
pub fn run(data_dir: DataDir) -> anyhow::Result<()> {
    let options = eframe::NativeOptions::default();
    eframe::run_native(
        "clerkcheck",
        options,
        Box::new(move |_cc| Ok(Box::new(App { data_dir }))),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))
}

/// The app.
pub struct App {
    data_dir: DataDir,
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        ui.label(format!(
            "clerkcheck — data in {}",
            self.data_dir.root().display()
        ));
    }
}
