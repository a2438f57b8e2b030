#!/usr/bin/env bash
# Measures launch to first frame of the release build under Xvfb, 5 runs, and prints the median.
# The app prints the wall-clock time of its first frame when CLERKCHECK_TIMING=1; this script
# subtracts the moment it started the process.
# Usage: scripts/launch-time.sh [RUNS]   (expects a release build; CARGO_TARGET_DIR is honoured)
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-5}"
target="${CARGO_TARGET_DIR:-target}"
bin="$target/release/clerkcheck"
[ -x "$bin" ] || { echo "build it first: cargo build --release" >&2; exit 2; }

display=":${LAUNCH_DISPLAY:-98}"
Xvfb "$display" -screen 0 1280x900x24 -nolisten tcp &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"

times=()
for i in $(seq "$runs"); do
    data="$(mktemp -d)"
    log="$(mktemp)"
    start=$(date +%s%3N)
    DISPLAY="$display" CLERKCHECK_TIMING=1 "$bin" --data-dir "$data" >"$log" 2>&1 &
    app=$!
    for _ in $(seq 100); do
        grep -q "first frame at" "$log" && break
        sleep 0.05
    done
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    frame=$(sed -n 's/.*first frame at unix_ms=\([0-9]*\).*/\1/p' "$log" | head -1)
    if [ -z "$frame" ]; then
        echo "run $i: no first frame within 5 s; output:" >&2
        cat "$log" >&2
        exit 1
    fi
    ms=$((frame - start))
    echo "run $i: ${ms} ms"
    times+=("$ms")
    rm -rf "$data" "$log"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median launch to first frame: ${median} ms (target < 300 ms)"
