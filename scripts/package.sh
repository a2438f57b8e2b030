#!/usr/bin/env bash
# Builds the two release files clerks and IT staff download:
#   dist/clerkcheck-VERSION-windows-x86_64.zip   clerkcheck.exe + README-FIRST.txt
#   dist/clerkcheck_VERSION_amd64.deb            binary, .desktop entry, icons
# and checks them: the .exe is a GUI-subsystem program carrying its icon and version
# information; the .deb holds the binary, the menu entry and the icons.
#
# Needs: rustup (the pinned toolchain, target x86_64-pc-windows-gnu), cargo-deb, mingw-w64 (linker,
# windres, objdump), zip, dpkg-dev. Run as root on Debian/Ubuntu, it installs whatever is missing;
# otherwise it names what to install and stops. VERSION comes from Cargo.toml.
# Honours CARGO_TARGET_DIR. Takes a while: two full release builds (Linux and Windows).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '== %s\n' "$*"; }
die() {
    printf 'package.sh: %s\n' "$*" >&2
    exit 1
}

# --- prerequisites ------------------------------------------------------------------------------
win_target=x86_64-pc-windows-gnu
apt_missing=()
command -v zip >/dev/null || apt_missing+=(zip)
command -v x86_64-w64-mingw32-gcc >/dev/null || apt_missing+=(gcc-mingw-w64-x86-64)
command -v dpkg-shlibdeps >/dev/null || apt_missing+=(dpkg-dev)
if ((${#apt_missing[@]})); then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        say "installing ${apt_missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_missing[@]}"
    else
        die "missing tools; install them with: sudo apt-get install ${apt_missing[*]}"
    fi
fi
command -v cargo >/dev/null || die "cargo is missing; install Rust with rustup (https://rustup.rs)"
if ! rustup target list --installed | grep -qx "$win_target"; then
    say "adding the Rust target $win_target"
    rustup target add "$win_target"
fi
if ! cargo deb --version >/dev/null 2>&1; then
    say "installing cargo-deb from crates.io"
    cargo install cargo-deb --locked
fi

# --- what and where -----------------------------------------------------------------------------
# The first `version = "..."` in Cargo.toml is the package's (its [package] table comes first).
version=$(sed -n 's/^version = "\([^"]*\)"$/\1/p' Cargo.toml | head -n 1)
[[ -n "$version" ]] || die "no version = \"...\" line found in Cargo.toml"
target_dir=$(cargo metadata --format-version 1 --no-deps |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
[[ -d "$target_dir" ]] || mkdir -p "$target_dir"
linux_bin="$target_dir/release/clerkcheck"
win_exe="$target_dir/$win_target/release/clerkcheck.exe"
zip_file="dist/clerkcheck-$version-windows-x86_64.zip"
deb_file="dist/clerkcheck_${version}_amd64.deb"
mkdir -p dist
rm -f "$zip_file" "$deb_file"

# --- Linux: the .deb ----------------------------------------------------------------------------
say "building the Linux release and $deb_file"
cargo deb --output "$deb_file"
[[ -f "$deb_file" ]] || die "cargo deb did not write $deb_file"

say "checking $deb_file"
dpkg-deb --info "$deb_file"
contents=$(dpkg-deb --contents "$deb_file")
printf '%s\n' "$contents"
for path in \
    ./usr/bin/clerkcheck \
    ./usr/share/applications/clerkcheck.desktop \
    ./usr/share/icons/hicolor/scalable/apps/clerkcheck.svg \
    ./usr/share/icons/hicolor/16x16/apps/clerkcheck.png \
    ./usr/share/icons/hicolor/48x48/apps/clerkcheck.png \
    ./usr/share/icons/hicolor/256x256/apps/clerkcheck.png \
    ./usr/share/icons/hicolor/512x512/apps/clerkcheck.png; do
    grep -q " $path\$" <<<"$contents" || die "$deb_file lacks $path"
done
grep -q -- '-rwxr-xr-x .* ./usr/bin/clerkcheck$' <<<"$contents" ||
    die "$deb_file: /usr/bin/clerkcheck is not executable"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate packaging/linux/clerkcheck.desktop
fi

# --- Windows: the .zip --------------------------------------------------------------------------
say "building the Windows release ($win_target)"
cargo build --release --target "$win_target"
[[ -f "$win_exe" ]] || die "the Windows build did not write $win_exe"

say "checking $win_exe"
headers=$(x86_64-w64-mingw32-objdump -p "$win_exe")
grep -E '^Subsystem[[:space:]]+00000002[[:space:]]+\(Windows GUI\)' <<<"$headers" ||
    die "$win_exe is not a GUI-subsystem program (a console window would open behind the app)"
# windres reads the resources back out of the .exe as a resource script.
resources=$(x86_64-w64-mingw32-windres --input "$win_exe" --input-format coff --output-format rc)
# The icon: one RT_GROUP_ICON (what Explorer shows) and an RT_ICON per size in the .ico (6).
grep -qE '^[0-9]+ 14 /\* RT_GROUP_ICON \*/' <<<"$resources" || die "$win_exe carries no icon"
icons=$(grep -cE '^[0-9]+ 3 /\* RT_ICON \*/' <<<"$resources" || true)
((icons == 6)) || die "$win_exe carries $icons icon sizes, expected the 6 of clerkcheck.ico"
grep -qE '^[0-9]+ VERSIONINFO' <<<"$resources" || die "$win_exe carries no version information"
for field in ProductName FileDescription; do
    grep -q "VALUE \"$field\", \"clerkcheck" <<<"$resources" ||
        die "$win_exe's version information lacks $field"
done
for field in ProductVersion FileVersion; do
    grep -q "VALUE \"$field\", \"$version\"" <<<"$resources" ||
        die "$win_exe's $field is not $version"
done
grep -E 'RT_GROUP_ICON|VERSIONINFO|VALUE "(ProductName|ProductVersion|FileDescription)"' \
    <<<"$resources"
echo "($icons RT_ICON sizes)"

say "writing $zip_file"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp "$win_exe" "$stage/clerkcheck.exe"
# Notepad on older Windows needs CRLF line ends.
sed 's/\r*$/\r/' packaging/windows/README-FIRST.txt >"$stage/README-FIRST.txt"
(cd "$stage" && zip -q -X -9 "$OLDPWD/$zip_file" README-FIRST.txt clerkcheck.exe)
unzip -l "$zip_file"

# --- figures ------------------------------------------------------------------------------------
size() { stat -c %s "$1"; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
limit=$((25 * 1024 * 1024))
say "sizes"
printf '%-48s %10s bytes  %s\n' \
    "Linux binary" "$(size "$linux_bin")" "$(mib "$(size "$linux_bin")")" \
    "Windows clerkcheck.exe" "$(size "$win_exe")" "$(mib "$(size "$win_exe")")" \
    "$deb_file" "$(size "$deb_file")" "$(mib "$(size "$deb_file")")" \
    "$zip_file" "$(size "$zip_file")" "$(mib "$(size "$zip_file")")"
(($(size "$linux_bin") < limit)) || die "the Linux binary is over the 25 MiB target"
say "done: $zip_file and $deb_file"
