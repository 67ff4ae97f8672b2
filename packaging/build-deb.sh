#!/usr/bin/env bash
# Builds the .deb with CPack from ./build (after packaging/build.sh) and lists what it holds.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BOX_BUILD_DIR:-$root/build}
cd "$build"
rm -f ./*.deb
cpack -G DEB >/dev/null
deb=$(ls ./*.deb)
echo "== $deb"
dpkg-deb --info "$deb"
echo "== contents"
dpkg-deb --contents "$deb"
