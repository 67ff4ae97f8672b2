#!/usr/bin/env bash
# Builds the .deb with CPack from ./build (after packaging/build.sh), lists what it holds, and
# checks it as Debian would: lintian on the package (fails on any error), appstreamcli on the
# metainfo and desktop-file-validate on the desktop entry, both as installed by the package
# (fail on any error, warning, info or hint; AppStream's pedantic hints are only printed).
# Prints every validator's full output.
# The Maintainer comes from DEBFULLNAME/DEBEMAIL when set, else from the last git commit's
# author (packaging/debian/maintainer.cmake); the line "Maintainer: ..., from ..." says which.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BOX_BUILD_DIR:-$root/build}
cd "$build"
rm -f ./*.deb
if ! cpack -G DEB >cpack-deb.log 2>&1; then
    cat cpack-deb.log
    exit 1
fi
grep -E -- '-- Maintainer: ' cpack-deb.log | sed 's/^.*-- //' ||
    echo "build-deb: cpack did not say where the Maintainer came from" >&2
deb=$(ls ./*.deb)
echo "== $deb"
dpkg-deb --info "$deb"
echo "== contents"
dpkg-deb --contents "$deb"

status=0
echo "== lintian $(lintian --version | awk '{ print $2 }')"
# --display-info: informational tags too; --fail-on error: warnings and infos are printed, not
# fatal. lintian's warning about running as root (CI containers) is left out.
lintian_rc=0
lintian_out=$(lintian --display-info --fail-on error "$deb" 2>&1) || lintian_rc=$?
printf '%s\n' "$lintian_out" | grep -v '^running with root privileges is not recommended!$' || true
if [ $lintian_rc -eq 0 ]; then
    echo "lintian: no errors"
else
    echo "lintian: failed (exit code $lintian_rc)"
    status=1
fi

installed=$(mktemp -d)
trap 'rm -rf "$installed"' EXIT
dpkg-deb -x "$deb" "$installed"

metainfo=$installed/usr/share/metainfo/dev.boxcompanion.BoxCompanion.metainfo.xml
# --strict: infos fail too (errors and warnings always do); pedantic hints are printed only.
echo "== appstreamcli validate --no-net --strict --pedantic ${metainfo#"$installed"}"
appstreamcli validate --no-net --strict --pedantic "$metainfo" 2>&1 || status=1
echo "== appstreamcli validate-tree --no-net --strict (the installed tree: metainfo and desktop entry)"
appstreamcli validate-tree --no-net --strict "$installed" 2>&1 || status=1

desktop=$installed/usr/share/applications/dev.boxcompanion.BoxCompanion.desktop
echo "== desktop-file-validate ${desktop#"$installed"}"
if ! out=$(desktop-file-validate "$desktop" 2>&1) || [ -n "$out" ]; then
    printf '%s\n' "$out"
    status=1
else
    echo "desktop-file-validate: no errors, warnings or hints"
fi

[ $status -eq 0 ] || echo "build-deb: the package failed validation (see above)"
exit $status
