#!/usr/bin/env bash
# One command: install dependencies, build, and run the whole test suite headless with a real
# keychain. Extra arguments go to ctest (for example -R tst_secretstore).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BOX_BUILD_DIR:-$root/build}
bash "$root/packaging/install-deps.sh"
BOX_BUILD_DIR="$build" bash "$root/packaging/build.sh" -DBOX_WITH_SANDBOX=ON
export BOX_CTEST_LOG="$build/Testing/Temporary/LastTest.log"
cd "$build"
bash "$root/packaging/headless-session.sh" ctest --output-on-failure --timeout 600 "$@"
