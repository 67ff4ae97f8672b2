#!/usr/bin/env bash
# man-options.sh notices drift: on copies of the man pages where box-companion.1 lost an option
# the app has (--startup-report) and box-sandbox.1 gained one the sandbox does not have, it
# fails and names both.
# man-options-selftest.sh MAN_DIR BOX_COMPANION BOX_SANDBOX
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
man_dir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# box-companion.1 without the .TP paragraph of --startup-report.
awk '/^\.TP/ { held = $0; next }
     held != "" { if ($0 ~ /startup\\-report/) { skip = 1 } else { print held; skip = 0 }; held = "" }
     skip && /^\.(TP|SH|SS)/ { skip = 0 }
     !skip { print }' "$man_dir/box-companion.1" >"$work/box-companion.1"
# box-sandbox.1 with an option the sandbox does not have, in its OPTIONS section.
sed '/^\.SH OPTIONS/a .TP\n.B \\-\\-no\\-such\\-option\nAn option the program does not have.' \
    "$man_dir/box-sandbox.1" >"$work/box-sandbox.1"

set +e
out=$(bash "$here/man-options.sh" "$work" "$2" "$3")
rc=$?
set -e
printf '%s\n' "$out"
[ $rc -eq 1 ] || { echo "FAIL: man-options.sh exited with $rc on drifted pages, expected 1"; exit 1; }
grep -qx 'FAIL: box-companion --help: --startup-report is in --help but not in box-companion.1' \
    <<<"$out" || { echo "FAIL: the missing --startup-report was not named"; exit 1; }
grep -qx 'FAIL: box-sandbox --help: --no-such-option is in box-sandbox.1 but not in --help' \
    <<<"$out" || { echo "FAIL: the extra --no-such-option was not named"; exit 1; }
echo "man-options.sh names both differences"
