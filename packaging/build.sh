#!/usr/bin/env bash
# Configures and builds Box Companion with Ninja in ./build (or $BOX_BUILD_DIR).
# Warnings are errors, as in CI.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BOX_BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build" -G Ninja -DBOX_WARNINGS_AS_ERRORS=ON "$@" >/dev/null
cmake --build "$build" --parallel "$(nproc)"
