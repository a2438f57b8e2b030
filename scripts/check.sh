#!/usr/bin/env bash
# Exactly what CI runs, for developers to run before pushing.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== format"
cargo fmt --check
echo "== lints (this OS)"
cargo clippy --all-targets -- -D warnings
echo "== lints (Windows) and build check (macOS)"
cargo clippy --target x86_64-pc-windows-gnu -- -D warnings
cargo check --target aarch64-apple-darwin
echo "== tests (the README's test command)"
cargo test
echo "== certification PDF: qpdf --check and embedded, subset fonts"
bash scripts/sample-certification.sh
