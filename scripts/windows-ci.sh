#!/usr/bin/env bash
# The Windows .exe, run for real: cross-builds it, runs it under Wine in a throw-away prefix on a
# virtual X display (Xvfb), and proves
#   - `--version`, and `check --json` is valid JSON in which every finding states its evidence
#     (every verdict and its evidence is printed, so no check passes unseen);
#   - sign -> verify -> history --csv -> report in a C:\ data folder; the PDF starts with %PDF;
#   - two signers at once on one folder: every record saved, the chain intact;
#   - a changed record makes `verify` exit 1;
#   - double-click start (no backend variables): a window opens and draws (screenshot not
#     blank); which renderer drew it and how long the first frame took;
#   - every renderer made to fail (test switch): the message box appears, and the checks'
#     results file is written;
#   - the .exe holds no "powershell" / "EncodedCommand", as ASCII or UTF-16.
#
# Wine 8 (Debian 12) lacks bcryptprimitives.dll!ProcessPrng, which Rust's std imports; a stand-in
# built from tests/wine/bcryptprimitives.c is put in the prefix. It is for tests only and never
# shipped.
#
# Usage: scripts/windows-ci.sh            (run as root on Debian, it installs what it needs)
# Environment: WINDOWS_CI_PROFILE=release|debug (default release: what clerks run; a debug build
# links in seconds instead of minutes after a small change, for quick local runs),
# WINDOWS_CI_KEEP=1 keeps the work folder, CARGO_TARGET_DIR is honoured.
set -euo pipefail
cd "$(dirname "$0")/.."

started_at=$(date +%s)
profile="${WINDOWS_CI_PROFILE:-release}"
target_dir="${CARGO_TARGET_DIR:-target}"
triple=x86_64-pc-windows-gnu

say() { echo "windows-ci: $*"; }
fail() { echo "windows-ci: FAILED: $*" >&2; exit 1; }

# --- set-up -------------------------------------------------------------------------------------
if [ -z "${CLERKCHECK_SKIP_SETUP:-}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Wine, Xvfb, xdotool, ImageMagick, mingw-w64, jq"
    apt-get update -qq
    # libgl1-mesa-dri: OpenGL (llvmpipe) for Wine on Xvfb; mesa-vulkan-drivers: Vulkan (lavapipe)
    # for Wine's Vulkan and its Direct3D 12 (vkd3d).
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        wine wine64 libwine xvfb xauth xdotool imagemagick gcc-mingw-w64-x86-64 jq \
        libgl1-mesa-dri libglx-mesa0 libegl-mesa0 mesa-vulkan-drivers libvulkan1 >/dev/null
fi
if [ -z "${CLERKCHECK_SKIP_SETUP:-}" ]; then
    rustup target add "$triple" >/dev/null
fi
for tool in wine Xvfb xdotool import convert x86_64-w64-mingw32-gcc jq; do
    command -v "$tool" >/dev/null || fail "$tool is not installed"
done

# --- build --------------------------------------------------------------------------------------
build_start=$(date +%s)
if [ "$profile" = release ]; then
    cargo build --release --target "$triple" --bin clerkcheck
else
    cargo build --target "$triple" --bin clerkcheck
fi
exe_built="$target_dir/$triple/$profile/clerkcheck.exe"
[ -f "$exe_built" ] || fail "no $exe_built"
say "built $exe_built ($(du -h "$exe_built" | cut -f1), $profile) in $(( $(date +%s) - build_start )) s"

# --- the .exe must not look like malware --------------------------------------------------------
for word in powershell EncodedCommand; do
    # As ASCII, and as UTF-16LE (how Windows programs usually keep their strings).
    wide=$(printf '%s' "$word" | sed 's/./&\\x00/g')
    hits=$(LC_ALL=C grep -c -i -a "$word" "$exe_built" || true)
    wide_hits=$(LC_ALL=C grep -c -i -a -P "$wide" "$exe_built" || true)
    if [ "$hits" != 0 ] || [ "$wide_hits" != 0 ]; then
        fail "the .exe contains \"$word\" ($hits ASCII, $wide_hits UTF-16 lines): the checks must start no PowerShell"
    fi
    say "the .exe contains no \"$word\" (ASCII or UTF-16)"
done

# --- Wine prefix and display --------------------------------------------------------------------
work="$(mktemp -d)"
xvfb_pid=""
cleanup() {
    set +e
    if [ -n "${WINEPREFIX:-}" ]; then wineserver -k 2>/dev/null; fi
    if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null; fi
    if [ -z "${WINDOWS_CI_KEEP:-}" ]; then rm -rf "$work"; else say "kept $work"; fi
}
trap cleanup EXIT

Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
export DISPLAY=":$(head -1 "$work/display")"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"

export WINEPREFIX="$work/prefix" WINEARCH=win64 WINEDEBUG=-all
# No Mono or Gecko installer dialogs while the prefix is made; the stand-in DLL wins over any
# built-in one.
WINEDLLOVERRIDES="mscoree=;mshtml=" wineboot -i >"$work/wineboot.log" 2>&1 || fail "wineboot: $(tail -5 "$work/wineboot.log")"
# Wine 8 says it is Windows 7 unless told otherwise; clerks run Windows 10 or 11.
wine winecfg -v win10 >/dev/null 2>&1 || fail "winecfg -v win10"
wineserver -w
export WINEDLLOVERRIDES="bcryptprimitives=n"
# A clean run must not inherit a developer's renderer choice or test switches.
unset CLERKCHECK_RENDERER CLERKCHECK_SUPERVISED CLERKCHECK_TEST_RENDERER_FAIL WGPU_BACKEND CLERKCHECK_DATA_DIR
c="$WINEPREFIX/drive_c"
x86_64-w64-mingw32-gcc -shared -O2 -Wall -Wextra -o "$c/windows/system32/bcryptprimitives.dll" \
    tests/wine/bcryptprimitives.c tests/wine/bcryptprimitives.def -ladvapi32
mkdir -p "$c/clerkcheck"
cp "$exe_built" "$c/clerkcheck/clerkcheck.exe"
exe='C:\clerkcheck\clerkcheck.exe'
say "Wine prefix ready ($(wine --version)); display $DISPLAY"

# Runs the .exe; stdout and stderr as given. Wine's own start-up noise is silenced above.
clerk() { wine "$exe" "$@"; }

# --- command line -------------------------------------------------------------------------------
version=$(clerk --version | tr -d '\r')
[[ "$version" =~ ^clerkcheck\ [0-9]+\.[0-9]+\.[0-9]+ ]] || fail "--version printed: $version"
say "--version: $version"

set +e
check_start=$(date +%s%N)
clerk --data-dir 'C:\clerk-data' check --json >"$work/check.json" 2>"$work/check.err"
code=$?
check_ms=$(( ($(date +%s%N) - check_start) / 1000000 ))
set -e
[ "$code" -le 1 ] || fail "check --json exited $code: $(cat "$work/check.err")"
jq -e . "$work/check.json" >/dev/null || fail "check --json is not valid JSON: $(head -c 500 "$work/check.json")"
say "check --json: valid JSON, exit $code, ${check_ms} ms under Wine (start-up included); $(jq -r '.summary | "\(.total) findings: \(.passed) pass, \(.warnings) warn, \(.failed) fail, \(.unknown) unknown"' "$work/check.json")"
say "every finding, its verdict and the evidence it rests on:"
jq -r '.findings[] | "  \(.verdict | ascii_upcase | .[0:7])\t\(.check)\t\(.evidence | gsub("\\s+"; " ") | .[0:160])"' "$work/check.json"
empty=$(jq -r '[.findings[] | select((.evidence | gsub("\\s"; "")) == "")] | map(.check) | join(", ")' "$work/check.json")
[ -z "$empty" ] || fail "findings without evidence (a verdict must say what it rests on): $empty"
[ "$(jq '.findings | length' "$work/check.json")" -gt 0 ] || fail "check --json has no findings"
# A Pass must rest on something read: its raw evidence (and its `basis`, once findings carry one).
say "what each Pass was read from (raw evidence, first 240 characters):"
jq -r '.findings[] | select(.verdict == "pass") | "  \(.check)\t\((.raw // "") | gsub("\\s+"; " ") | .[0:240])"' "$work/check.json"
unread=$(jq -r '[.findings[] | select(.verdict == "pass")
    | select((((.raw // "") | gsub("\\s"; "")) == "") or (has("basis") and (((.basis // "") | tostring | gsub("\\s"; "")) == "")))]
    | map(.check) | join(", ")' "$work/check.json")
[ -z "$unread" ] || fail "a Pass with nothing read behind it: $unread"

# Sign -> verify -> history --csv -> report, in a C:\ data folder.
mkdir -p "$c/clerk-data"
printf '{\r\n    "memo-1-keep-wisvote-password-private": (answer: Done, note: "checked under Wine"),\r\n    "memo-4-hover-over-links": (answer: NotApplicable("no e-mail on this computer")),\r\n}\r\n' \
    >"$c/clerk-data/answers.ron"
sign() {
    clerk --data-dir 'C:\clerk-data' sign --answers 'C:\clerk-data\answers.ron' \
        --signer "$1" --title 'Municipal Clerk' --jurisdiction 'Town of Dunn' --county 'Dane County'
}
sign 'José Núñez' >"$work/sign.out" 2>&1 || fail "sign: $(cat "$work/sign.out")"
grep -q "Signed record 1" "$work/sign.out" || fail "sign printed: $(cat "$work/sign.out")"
clerk --data-dir 'C:\clerk-data' verify >"$work/verify.out" 2>&1 || fail "verify: $(cat "$work/verify.out")"
grep -q "The one record is intact." "$work/verify.out" || fail "verify printed: $(cat "$work/verify.out")"
clerk --data-dir 'C:\clerk-data' history --csv >"$work/history.csv" 2>"$work/history.err" || fail "history --csv: $(cat "$work/history.err")"
grep -q "José Núñez" "$work/history.csv" || fail "history --csv lacks the signer: $(cat "$work/history.csv")"
clerk --data-dir 'C:\clerk-data' report 1 -o 'C:\clerk-data\certification.pdf' >"$work/report.out" 2>&1 || fail "report: $(cat "$work/report.out")"
[ "$(head -c 4 "$c/clerk-data/certification.pdf")" = "%PDF" ] || fail "the certification is not a PDF"
say "sign -> verify -> history --csv -> report: 1 record, chain intact, PDF $(du -h "$c/clerk-data/certification.pdf" | cut -f1)"

# Two signers at once on one folder (Windows file locking): every record, chain intact.
per_signer=3
signers=()
for who in A B; do
    (for i in $(seq "$per_signer"); do sign "Clerk $who$i" >"$work/sign-$who$i.out" 2>&1 || echo "sign $who$i failed" >>"$work/sign-failures"; done) &
    signers+=($!)
done
wait "${signers[@]}"
[ ! -s "$work/sign-failures" ] || fail "concurrent signing: $(cat "$work/sign-failures") $(cat "$work"/sign-[AB]*.out)"
want=$((1 + 2 * per_signer))
records=$(find "$c/clerk-data/records" -name '*.ron' | wc -l)
[ "$records" = "$want" ] || fail "two signers at once: $records records, expected $want"
clerk --data-dir 'C:\clerk-data' verify >"$work/verify.out" 2>&1 || fail "verify after concurrent signing: $(cat "$work/verify.out")"
grep -q "All $want records are intact." "$work/verify.out" || fail "verify printed: $(cat "$work/verify.out")"
say "two signers at once: $want records, chain intact"

# A changed record: verify exits 1.
record="$c/clerk-data/records/000002.ron"
chmod u+w "$record"
sed -i 's/Dunn/Dunm/' "$record"
set +e
clerk --data-dir 'C:\clerk-data' verify >"$work/verify.out" 2>&1
code=$?
set -e
[ "$code" = 1 ] || fail "verify of a changed record exited $code: $(cat "$work/verify.out")"
say "a changed record: verify exits 1"

# --- the window ---------------------------------------------------------------------------------
# Waits until a visible window whose title matches $1 exists; prints its id.
wait_for_window() {
    local title="$1" seconds="$2" id=""
    for _ in $(seq $((seconds * 4))); do
        id=$(xdotool search --onlyvisible --name "$title" 2>/dev/null | head -1 || true)
        [ -n "$id" ] && { echo "$id"; return 0; }
        sleep 0.25
    done
    return 1
}
# Fails unless the PNG $1 shows more than a flat colour.
assert_not_blank() {
    local colours sd
    colours=$(convert "$1" -format '%k' info:)
    sd=$(convert "$1" -colorspace Gray -format '%[fx:standard_deviation]' info:)
    say "$(basename "$1"): $(identify -format '%wx%h' "$1"), $colours colours, grey standard deviation $sd"
    # The app window has many colours; a plain message box (xmessage: black on white) two.
    [ "$colours" -ge "${2:-16}" ] || fail "$1 is blank ($colours colours)"
}
log_of() { tr -d '\r' <"$c/$1/logs/clerkcheck.log"; }
# True when the log of data folder $1 has a line matching $2. Reads the file itself: with
# pipefail, `log_of | grep -q` fails at random when grep stops early and tr gets SIGPIPE.
log_has() { grep -q -e "$2" "$c/$1/logs/clerkcheck.log" 2>/dev/null; }

title="Election office security self-check"
renderer_lines() {
    log_of "$1" | grep -E "trying renderer|graphics adapter|OpenGL context|could not open the window|wrote:|drew the window|could not draw|then failed|drew nothing|on purpose" \
        | sed 's/^[^ ]* \[[0-9]*\] *[A-Z]* *[a-z_:]*: /  /' | cut -c1-300
}
# Starts the app as a double-click does, on data folder C:\$1, with the environment given after
# $2; waits until renderer $2 (or any, for "any") has drawn the window, screenshots it to
# $work/$1.png and checks the picture. Leaves $gui_pid, $id and $renderer.
open_window() {
    local name="$1" want="$2" pattern
    shift 2
    pattern="renderer [a-z-]* drew the window [0-9]* ms"
    [ "$want" = any ] || pattern="renderer $want drew the window [0-9]* ms"
    env "$@" wine "$exe" --data-dir "C:\\$name" >"$work/$name.out" 2>&1 &
    gui_pid=$!
    for _ in $(seq 960); do
        log_has "$name" "$pattern" && break
        kill -0 "$gui_pid" 2>/dev/null || break
        sleep 0.25
    done
    log_has "$name" "$pattern" || {
        cat "$work/$name.out" >&2; renderer_lines "$name" >&2 || true; fail "$name: no window drawn by $want"
    }
    id=$(wait_for_window "$title" 60) || fail "$name: the log says the window was drawn, but it cannot be found"
    # Let the checks fill in before the picture is taken.
    sleep 3
    import -window "$id" "$work/$name.png"
    assert_not_blank "$work/$name.png"
    renderer=$(log_of "$name" | sed -n 's/.*renderer \([a-z-]*\) drew the window [0-9]* ms.*/\1/p' | tail -1)
    say "$name: renderers tried, and the one that drew (from the log):"
    renderer_lines "$name"
}
# Closes the window as a clerk would (Alt+F4); the supervisor must then exit 0.
close_window() {
    # (There is no window manager on Xvfb; xdotool complains about that, harmlessly.)
    xdotool windowfocus --sync "$id" >/dev/null 2>&1 || true
    xdotool key --window "$id" alt+F4 >/dev/null 2>&1 || true
    for _ in $(seq 120); do kill -0 "$gui_pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$gui_pid" 2>/dev/null; then
        kill "$gui_pid" 2>/dev/null || true
        wineserver -k || true
        fail "the window did not close on Alt+F4"
    fi
    set +e; wait "$gui_pid"; code=$?; set -e
    [ "$code" = 0 ] || fail "closing the window: exit code $code"
    wineserver -w || true
}
# The remembered renderer, forgotten so that the next start tries the chain from the top.
forget_renderer() { find "$c/users" -path '*/clerkcheck/config/renderer.ron' -delete; }

# Started plainly, as a double-click does: no backend variables, nothing remembered.
say "starting the window (no backend variables)"
launch_ms=$(date +%s%3N)
open_window clerk-gui any CLERKCHECK_TIMING=1
[ -n "$renderer" ] || fail "the log does not say which renderer drew the window"
frame_ms=$(sed -n 's/.*first frame at unix_ms=\([0-9]*\).*/\1/p' "$work/clerk-gui.out" | tail -1)
if [ -n "$frame_ms" ]; then
    say "Wine ended up with renderer $renderer; launch to first frame: $((frame_ms - launch_ms)) ms"
else
    say "Wine ended up with renderer $renderer (no first-frame time printed)"
fi
[ -n "$(find "$c/users" -path '*/clerkcheck/config/renderer.ron')" ] || fail "the renderer that worked was not remembered"
close_window
say "closed with Alt+F4: exit code 0"

# The software adapter (no graphics card needed), the other renderers made to fail.
forget_renderer
open_window clerk-soft wgpu-software CLERKCHECK_TEST_RENDERER_FAIL=wgpu-primary,wgpu-gl
close_window
say "wgpu-software draws"

# A renderer that draws and then loses its device counts as failed; glow, the last resort, draws.
forget_renderer
open_window clerk-lost glow CLERKCHECK_TEST_RENDERER_FAIL=wgpu-primary,wgpu-gl:after-first-frame,wgpu-software
log_has clerk-lost "renderer wgpu-gl drew the window, then failed" || fail "the lost device was not seen as a failure"
close_window
say "wgpu-gl drew, lost its device, and the window opened again with glow"

# Every renderer made to fail: the message box, instead of silence.
say "starting with every renderer made to fail (CLERKCHECK_TEST_RENDERER_FAIL=all)"
CLERKCHECK_TEST_RENDERER_FAIL=all wine "$exe" --data-dir 'C:\clerk-fail' >"$work/fail.out" 2>&1 &
fail_pid=$!
id=$(wait_for_window "clerkcheck could not open its window" 240) || {
    cat "$work/fail.out" >&2; log_of clerk-fail >&2 || true; fail "no message box appeared within 240 s"
}
sleep 1
import -window "$id" "$work/message-box.png"
assert_not_blank "$work/message-box.png"
results=$(find "$c/clerk-fail" -maxdepth 1 -name 'clerkcheck-results-*.txt' -print -quit)
[ -n "$results" ] || fail "the message box appeared, but no results file was written"
grep -q "nothing was signed or recorded" "$results" || fail "results file: $(head -20 "$results")"
say "message box shown; results saved as C:\\clerk-fail\\$(basename "$results") ($(grep -c '^\[' "$results") findings)"
log_of clerk-fail | grep -E "fails on purpose|message box|saved the check results" | sed 's/^/  /'
xdotool key --window "$id" Return >/dev/null 2>&1 || true
for _ in $(seq 120); do kill -0 "$fail_pid" 2>/dev/null || break; sleep 0.25; done
if kill -0 "$fail_pid" 2>/dev/null; then
    kill "$fail_pid" 2>/dev/null || true
    fail "the message box did not close on Enter"
fi
set +e; wait "$fail_pid"; code=$?; set -e
[ "$code" = 1 ] || fail "after the message box: exit code $code, expected 1"
say "message box closed with Enter: exit code 1"

say "all Windows checks passed in $(( $(date +%s) - started_at )) s"
