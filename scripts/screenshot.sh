#!/usr/bin/env bash
# Runs the release build in a real window under Xvfb and saves docs/screenshot.png.
# Needs: Xvfb, ImageMagick (`import`), xdotool, and a Vulkan driver for wgpu (mesa-vulkan-drivers +
# libvulkan1 give the lavapipe software renderer).
# Usage: scripts/screenshot.sh   (CARGO_TARGET_DIR is honoured)
#   SCREENSHOT_SIZE=1366x768   the screen, a clerk's laptop by default (try 1024x768)
#   SCREENSHOT_PROFILE=debug   use the debug build (quicker to build; it looks the same)
set -euo pipefail
cd "$(dirname "$0")/.."

target="${CARGO_TARGET_DIR:-target}"
profile="${SCREENSHOT_PROFILE:-release}"
if [ -z "${SCREENSHOT_SKIP_BUILD:-}" ]; then
    if [ "$profile" = release ]; then cargo build --release; else cargo build; fi
fi
bin="$target/$profile/clerkcheck"

display=":${SCREENSHOT_DISPLAY:-99}"
data="$(mktemp -d)"
log="$(mktemp)"
Xvfb "$display" -screen 0 "${SCREENSHOT_SIZE:-1366x768}x24" -nolisten tcp &
xvfb=$!
app=""
cleanup() {
    if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; fi
    kill "$xvfb" 2>/dev/null || true
    rm -rf "$data"
}
trap cleanup EXIT
sleep 1

# No XDG runtime dir in CI containers; winit and wgpu only warn about it.
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
DISPLAY="$display" "$bin" --data-dir "$data" >"$log" 2>&1 &
app=$!
# Give the window time to open and the checks time to finish.
sleep "${SCREENSHOT_WAIT:-6}"
if ! kill -0 "$app" 2>/dev/null; then
    echo "the app exited early; its output:" >&2
    cat "$log" >&2
    exit 1
fi
mkdir -p docs
# Capture the app's window only (no window manager runs, so it has no frame); fall back to the
# whole screen if the window cannot be found.
window="$(DISPLAY="$display" xdotool search --name clerkcheck 2>/dev/null | tail -1 || true)"
DISPLAY="$display" import -window "${window:-root}" docs/screenshot.png
echo "saved docs/screenshot.png"
