#!/usr/bin/env bash
# One command: install dependencies, build, and launch Box Companion on the local Box sandbox
# (no Box account or network needed). Extra arguments go to box-companion.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BOX_BUILD_DIR:-$root/build}
bash "$root/packaging/install-deps.sh"
BOX_BUILD_DIR="$build" bash "$root/packaging/build.sh" -DBOX_WITH_SANDBOX=ON
exec "$build/app/box-companion" --sandbox "$@"
