#!/usr/bin/env bash
# Runs after every other test (CTest fixture cleanup). Fails when any test secret (they all
# contain "bctest-secret") or any private key text is found in the test session's home,
# settings, data (including the keyring file), caches, runtime and temp dirs, or in CTest's log
# of the run.
set -u
session=${BOX_TEST_SESSION:-}
if [ -z "$session" ] || [ ! -d "$session" ]; then
    echo "scan-for-secrets: not inside a test session; run the tests through packaging/run-tests.sh" >&2
    exit 1
fi
places=("$session")
[ -f "${BOX_CTEST_LOG:-}" ] && places+=("$BOX_CTEST_LOG")
files=$(find "${places[@]}" -type f | wc -l)
found=$(grep -rlaE 'bctest-secret|PRIVATE KEY-----' "${places[@]}" 2>/dev/null | sort -u)
if [ -n "$found" ]; then
    echo "Test secrets leaked into:" >&2
    echo "$found" >&2
    exit 1
fi
echo "scanned $files files in ${places[*]}: no test secret found"
