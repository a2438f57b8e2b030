#!/usr/bin/env bash
# The window always opens, or the clerk is told why - proven on Linux under Xvfb:
#   1. no Vulkan driver (VK_ICD_FILENAMES points nowhere): wgpu-primary fails, the next renderer
#      draws the window (screenshot not blank), and it is remembered;
#   2. the next start tries the remembered renderer first;
#   3. a renderer that draws and then dies (the "parent device is lost" case, made by the test
#      switch) counts as failed: the window is opened again with the next renderer;
#   4. the software adapter and glow each draw, the renderers before them made to fail;
#   5. every renderer failing: the checks' results file is written and a message box
#      (xmessage here) appears.
# Needs: Xvfb, xdotool, ImageMagick, xmessage (x11-utils), Mesa (OpenGL llvmpipe; Vulkan lavapipe
# for step 3). Uses the debug build, which `cargo test` has already made.
# Usage: scripts/window-fallback-linux.sh   (CARGO_TARGET_DIR is honoured)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "window-fallback: $*"; }
fail() { echo "window-fallback: FAILED: $*" >&2; exit 1; }

for tool in Xvfb xdotool import convert xmessage; do
    command -v "$tool" >/dev/null || fail "$tool is not installed"
done
# The binary `cargo test` builds (same features, so nothing is rebuilt after the tests).
cargo test --no-run --test window_fallback
bin="$(realpath "${CARGO_TARGET_DIR:-target}")/debug/clerkcheck"

work="$(mktemp -d)"
xvfb_pid=""
app_pid=""
cleanup() {
    set +e
    if [ -n "$app_pid" ]; then stop; fi
    if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null; fi
    if [ -z "${WINDOW_FALLBACK_KEEP:-}" ]; then rm -rf "$work"; else echo "kept $work"; fi
}
trap cleanup EXIT
Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
export DISPLAY=":$(head -1 "$work/display")"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
# A settings folder of our own, so the remembered renderer starts empty.
export XDG_CONFIG_HOME="$work/config"
unset CLERKCHECK_RENDERER CLERKCHECK_SUPERVISED CLERKCHECK_TEST_RENDERER_FAIL WGPU_BACKEND CLERKCHECK_DATA_DIR

wait_for_window() {
    local title="$1" id=""
    for _ in $(seq 240); do
        id=$(xdotool search --onlyvisible --name "$title" 2>/dev/null | head -1 || true)
        [ -n "$id" ] && { echo "$id"; return 0; }
        kill -0 "$app_pid" 2>/dev/null || return 1
        sleep 0.25
    done
    return 1
}
wait_for_log() {
    for _ in $(seq 240); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.25; done
    return 1
}
assert_not_blank() {
    local colours
    colours=$(convert "$1" -format '%k' info:)
    say "$(basename "$1"): $(identify -format '%wx%h' "$1"), $colours colours"
    # The app window has many colours; a plain message box (xmessage: black on white) two.
    [ "$colours" -ge "${2:-16}" ] || fail "$1 is blank ($colours colours)"
}
# Starts the app on data folder $1 with the extra environment in the remaining arguments;
# waits for its window (title $title) and leaves its id in $id.
start() {
    local data="$1"; shift
    env "$@" "$bin" --data-dir "$data" >"$data.out" 2>&1 &
    app_pid=$!
    id=$(wait_for_window "$title") || { cat "$data.out" "$data/logs/clerkcheck.log" >&2 || true; fail "no window \"$title\""; }
}
# Stops the app: its window process (a child of the supervisor) first, then the supervisor.
stop() {
    local children
    children=$(ps -o pid= --ppid "$app_pid" 2>/dev/null || true)
    if [ -n "$children" ]; then
        # shellcheck disable=SC2086
        kill $children 2>/dev/null || true
    fi
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    for pid in $children; do
        while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    done
    app_pid=""
}
renderer_lines() { grep -E "trying renderer|graphics adapter|OpenGL context|drew the window|could not draw|then failed|fails on purpose|loses its device" "$1" | sed 's/^.*INFO  *[a-z:_]*: /  /; s/^.*ERROR *[a-z:_]*: /  /'; }

title="Election office security self-check"

# 1. No Vulkan driver.
say "1. no Vulkan driver (VK_ICD_FILENAMES=/nonexistent)"
start "$work/no-vulkan" VK_ICD_FILENAMES=/nonexistent VK_DRIVER_FILES=/nonexistent
wait_for_log "$work/no-vulkan/logs/clerkcheck.log" "drew the window" || fail "no first frame logged"
sleep 2
import -window "$id" "$work/no-vulkan.png"
assert_not_blank "$work/no-vulkan.png"
renderer_lines "$work/no-vulkan/logs/clerkcheck.log"
drew=$(sed -n 's/.*renderer \([a-z-]*\) drew the window.*/\1/p' "$work/no-vulkan/logs/clerkcheck.log" | tail -1)
{ [ -n "$drew" ] && [ "$drew" != wgpu-primary ]; } || fail "expected a fallback renderer to draw, got '$drew'"
grep -q "renderer wgpu-primary could not draw" "$work/no-vulkan/logs/clerkcheck.log" || fail "wgpu-primary did not fail without Vulkan"
grep -q "\"$drew\"" "$XDG_CONFIG_HOME/clerkcheck/renderer.ron" || fail "renderer $drew was not remembered"
stop
say "without Vulkan the window opened with $drew, which is remembered"

# 2. The remembered renderer goes first.
say "2. the next start"
start "$work/again" VK_ICD_FILENAMES=/nonexistent VK_DRIVER_FILES=/nonexistent
wait_for_log "$work/again/logs/clerkcheck.log" "drew the window" || fail "no first frame logged"
first=$(sed -n 's/.*trying renderer \([a-z-]*\):.*/\1/p;T;q' "$work/again/logs/clerkcheck.log")
[ "$first" = "$drew" ] || fail "the remembered renderer $drew was not tried first (got $first)"
stop
say "the remembered renderer $drew was tried first, and drew"

# 3. A renderer that draws, then dies.
say "3. the first renderer draws, then loses its device"
rm -f "$XDG_CONFIG_HOME/clerkcheck/renderer.ron"
start "$work/lost" CLERKCHECK_TEST_RENDERER_FAIL=wgpu-primary:after-first-frame
# The second first frame: a renderer other than wgpu-primary drew the window again.
wait_for_log "$work/lost/logs/clerkcheck.log" "renderer [a-z-]* drew the window [0-9]* ms" || fail "no first frame logged"
wait_for_log "$work/lost/logs/clerkcheck.log" "renderer wgpu-[gs][a-z]* drew the window [0-9]* ms\|renderer glow drew the window [0-9]* ms" \
    || { renderer_lines "$work/lost/logs/clerkcheck.log"; fail "the window was not opened again"; }
renderer_lines "$work/lost/logs/clerkcheck.log"
grep -q "renderer wgpu-primary drew the window, then failed" "$work/lost/logs/clerkcheck.log" || fail "the lost device was not seen as a failure"
sleep 2
id=$(wait_for_window "$title") || fail "no window after the lost device"
import -window "$id" "$work/lost.png"
assert_not_blank "$work/lost.png"
stop
say "the lost device counted as a failure; the window opened again with the next renderer"

# 4. The software adapter and glow, each with the renderers before it made to fail.
for case in "wgpu-software wgpu-primary,wgpu-gl" "glow wgpu-primary,wgpu-gl,wgpu-software"; do
    read -r want failing <<<"$case"
    say "4. $want (failing: $failing)"
    rm -f "$XDG_CONFIG_HOME/clerkcheck/renderer.ron"
    start "$work/$want" CLERKCHECK_TEST_RENDERER_FAIL="$failing"
    wait_for_log "$work/$want/logs/clerkcheck.log" "renderer $want drew the window [0-9]* ms" \
        || { renderer_lines "$work/$want/logs/clerkcheck.log"; fail "$want did not draw"; }
    sleep 2
    import -window "$id" "$work/$want.png"
    assert_not_blank "$work/$want.png"
    grep -E "renderer $want: (graphics adapter|OpenGL)" "$work/$want/logs/clerkcheck.log" | sed 's/^.*INFO  *[a-z:_]*: /  /' | cut -c1-200
    stop
    say "$want draws"
done

# 5. Nothing can draw.
say "5. every renderer fails"
title="clerkcheck could not open its window"
start "$work/none" CLERKCHECK_TEST_RENDERER_FAIL=all
import -window "$id" "$work/message.png"
assert_not_blank "$work/message.png" 2
results=$(find "$work/none" -maxdepth 1 -name 'clerkcheck-results-*.txt' -print -quit)
[ -n "$results" ] || fail "no results file"
grep -q "nothing was signed or recorded" "$results" || fail "results file: $(head "$results")"
grep -q "no renderer could keep the window open" "$work/none/logs/clerkcheck.log" || fail "not logged"
xdotool key --window "$id" Return >/dev/null 2>&1 || true
for _ in $(seq 120); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.25; done
set +e; wait "$app_pid"; code=$?; set -e
app_pid=""
[ "$code" = 1 ] || fail "exit code $code after the message box, expected 1"
say "message box (xmessage) shown, results in $(basename "$results"), exit code 1"
say "all passed"
