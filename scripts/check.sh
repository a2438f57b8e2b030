#!/usr/bin/env bash
# Exactly what CI runs (.ci/run), without its machine set-up, for developers before pushing.
set -euo pipefail
cd "$(dirname "$0")/.."
CLERKCHECK_SKIP_SETUP=1 exec bash .ci/run
