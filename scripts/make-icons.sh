#!/usr/bin/env bash
# Turns the icon's source, assets/icon/clerkcheck.svg, into every size the platforms need:
#   assets/icon/clerkcheck-N.png  for N in 16 24 32 48 64 128 256 512 (Linux hicolor theme, the
#                                 app window's icon)
#   assets/icon/clerkcheck.ico    16..256 in one file (embedded in the Windows .exe by build.rs)
# The generated files are committed, so building never needs these tools; run this script again
# after changing the SVG, and commit what it writes.
#
# Needs (Debian/Ubuntu): rsvg-convert  (apt-get install librsvg2-bin)
#                        convert       (apt-get install imagemagick)
# Installs nothing itself.
set -euo pipefail
cd "$(dirname "$0")/.."

need() {
    if ! command -v "$1" >/dev/null 2>&1; then
        echo "make-icons: '$1' is missing; install it with: apt-get install $2" >&2
        exit 1
    fi
}
need rsvg-convert librsvg2-bin
need convert imagemagick

dir=assets/icon
svg="$dir/clerkcheck.svg"
png_sizes=(16 24 32 48 64 128 256 512)
ico_sizes=(16 24 32 48 64 256)

for size in "${png_sizes[@]}"; do
    # Rendering each size from the SVG (not shrinking a big PNG) keeps small sizes sharp.
    rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio "$svg" \
        --output "$dir/clerkcheck-$size.png.tmp"
    # -strip drops ImageMagick's timestamps, so re-running gives byte-identical files.
    convert "$dir/clerkcheck-$size.png.tmp" -strip "PNG32:$dir/clerkcheck-$size.png"
    rm -f "$dir/clerkcheck-$size.png.tmp"
done

ico_inputs=()
for size in "${ico_sizes[@]}"; do
    ico_inputs+=("$dir/clerkcheck-$size.png")
done
convert "${ico_inputs[@]}" -strip "$dir/clerkcheck.ico"

# Check what was written: every PNG has its size, and the .ico holds every size.
for size in "${png_sizes[@]}"; do
    got=$(identify -format '%wx%h' "$dir/clerkcheck-$size.png")
    if [[ "$got" != "${size}x${size}" ]]; then
        echo "make-icons: $dir/clerkcheck-$size.png is $got, expected ${size}x${size}" >&2
        exit 1
    fi
done
got=$(identify -format '%w ' "$dir/clerkcheck.ico")
if [[ "$got" != "${ico_sizes[*]} " ]]; then
    echo "make-icons: $dir/clerkcheck.ico holds sizes '$got', expected '${ico_sizes[*]}'" >&2
    exit 1
fi
echo "make-icons: wrote ${#png_sizes[@]} PNGs and clerkcheck.ico (${ico_sizes[*]}) in $dir"
