//! Build script: embeds the app icon and version information in the Windows executable.
//!
//! It acts only when the target is Windows (native or cross-built with mingw's `windres`,
//! `apt-get install gcc-mingw-w64-x86-64`); on other targets it does nothing. The icon is made
//! from `assets/icon/clerkcheck.svg` by `scripts/make-icons.sh` and committed, so building never
//! needs the image tools.

use std::path::Path;

/// The multi-size icon that Explorer, the taskbar and Alt+Tab show.
const ICON: &str = "assets/icon/clerkcheck.ico";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={ICON}");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return Ok(());
    }

    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR")?;
    let icon = Path::new(&manifest_dir).join(ICON);
    let icon = icon
        .to_str()
        .ok_or_else(|| format!("the icon path {} is not valid UTF-8", icon.display()))?;
    let version = std::env::var("CARGO_PKG_VERSION")?;

    let mut res = winresource::WindowsResource::new();
    res.set_icon(icon)
        .set("ProductName", "clerkcheck")
        .set(
            "FileDescription",
            "clerkcheck - election office security self-check",
        )
        .set("ProductVersion", &version)
        .set("FileVersion", &version)
        .set("OriginalFilename", "clerkcheck.exe")
        .set("InternalName", "clerkcheck")
        .set("LegalCopyright", "Licensed under MIT OR Apache-2.0")
        .set(
            "Comments",
            "Not issued or endorsed by the Wisconsin Elections Commission. \
             Never goes online; never asks for a password.",
        );
    // Only the app binary carries the resources; test and bench executables do not need them.
    res.compile_for("clerkcheck").map_err(|err| {
        format!(
            "could not embed the icon and version information in the Windows executable \
             ({err}); install mingw's resource compiler: apt-get install gcc-mingw-w64-x86-64"
        )
    })?;
    Ok(())
}
