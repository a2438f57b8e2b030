//! The release assets agree with each other: the generated icon sizes are what
//! `scripts/make-icons.sh` promises, the window icon decodes, and the Linux menu entry names the
//! binary and icon that the .deb (`[package.metadata.deb]` in Cargo.toml) installs.

#![expect(
    clippy::disallowed_methods,
    reason = "tests set up, tamper with and inspect files directly"
)]
#![expect(
    clippy::unwrap_used,
    reason = "in a test, a failed unwrap is the failure report we want"
)]

use std::path::{Path, PathBuf};

const PNG_SIZES: [u32; 8] = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES: [u32; 6] = [16, 24, 32, 48, 64, 256];

fn repo_file(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn read(relative: &str) -> Vec<u8> {
    std::fs::read(repo_file(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

fn read_text(relative: &str) -> String {
    String::from_utf8(read(relative)).unwrap()
}

/// Width, height and colour type from a PNG's IHDR chunk.
fn png_header(bytes: &[u8]) -> (u32, u32, u8) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20), bytes[25])
}

#[test]
fn every_png_size_is_rgba_at_its_nominal_size() {
    for size in PNG_SIZES {
        let name = format!("assets/icon/clerkcheck-{size}.png");
        let (w, h, colour_type) = png_header(&read(&name));
        assert_eq!((w, h), (size, size), "{name}");
        assert_eq!(colour_type, 6, "{name} must be RGBA (transparent corners)");
    }
}

#[test]
fn the_ico_holds_every_windows_size() {
    let ico = read("assets/icon/clerkcheck.ico");
    let le16 = |at: usize| u16::from_le_bytes(ico[at..at + 2].try_into().unwrap());
    assert_eq!(
        (le16(0), le16(2)),
        (0, 1),
        "ICONDIR header: reserved 0, type 1 (icon)"
    );
    let count = usize::from(le16(4));
    let sizes: Vec<u32> = (0..count)
        .map(|i| {
            let entry = 6 + 16 * i;
            // In an ICONDIRENTRY, a width byte of 0 means 256.
            let (w, h) = (ico[entry], ico[entry + 1]);
            assert_eq!(w, h, "entry {i} is not square");
            if w == 0 { 256 } else { u32::from(w) }
        })
        .collect();
    assert_eq!(sizes, ICO_SIZES);
}

#[test]
fn the_window_icon_decodes_with_a_transparent_corner_and_an_opaque_centre() {
    let icon = eframe::icon_data::from_png_bytes(clerkcheck::assets::APP_ICON_PNG).unwrap();
    assert_eq!((icon.width, icon.height), (256, 256));
    let alpha = |x: usize, y: usize| icon.rgba[(y * 256 + x) * 4 + 3];
    assert_eq!(
        alpha(0, 0),
        0,
        "the corner outside the shield is transparent"
    );
    assert_eq!(alpha(128, 128), 255, "the shield's centre is opaque");
}

/// The value of `key=` in the `[Desktop Entry]` group.
fn desktop_value<'a>(entry: &'a str, key: &str) -> Option<&'a str> {
    entry
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
}

#[test]
fn the_desktop_entry_starts_the_installed_binary_with_the_installed_icon() {
    let entry = read_text("packaging/linux/clerkcheck.desktop");
    assert_eq!(entry.lines().next(), Some("[Desktop Entry]"));
    assert_eq!(desktop_value(&entry, "Type"), Some("Application"));
    assert_eq!(desktop_value(&entry, "Terminal"), Some("false"));
    let exec = desktop_value(&entry, "Exec").unwrap();
    let icon = desktop_value(&entry, "Icon").unwrap();

    let cargo = read_text("Cargo.toml");
    let installs = |src: &str, dest: &str| {
        cargo
            .lines()
            .any(|l| l.contains(&format!("[\"{src}\", \"{dest}")))
    };
    assert!(
        installs(&format!("target/release/{exec}"), "usr/bin/"),
        "the .deb must install Exec={exec} to /usr/bin"
    );
    assert!(installs(
        "packaging/linux/clerkcheck.desktop",
        "usr/share/applications/"
    ));
    for size in PNG_SIZES {
        assert!(
            installs(
                &format!("assets/icon/clerkcheck-{size}.png"),
                &format!("usr/share/icons/hicolor/{size}x{size}/apps/{icon}.png"),
            ),
            "the .deb must install the {size} px icon as Icon={icon}"
        );
    }
}
