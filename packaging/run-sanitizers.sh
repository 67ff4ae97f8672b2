#!/usr/bin/env bash
# CI's sanitizer stage: the whole test suite once more in a clang-14 build with
# AddressSanitizer + UndefinedBehaviorSanitizer (./build-asan, or $BOX_SANITIZE_BUILD_DIR),
# the fuzz harnesses' seeds and regressions included,
# inside the same headless session as packaging/run-tests.sh, then every fuzz harness for a
# short bounded time over its seeds (packaging/fuzz.sh; $BOX_FUZZ_SECONDS each, default 20).
# Tests labelled "webengine" stay out: see the README's Reliability section.
# Extra arguments go to ctest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BOX_SANITIZE_BUILD_DIR:-$root/build-asan}
fuzz_seconds=${BOX_FUZZ_SECONDS:-20}

BOX_SANITIZER_DEPS=1 bash "$root/packaging/install-deps.sh"
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
start=$(date +%s)
# One build for both: everything with ASan + UBSan (and libFuzzer's coverage hooks, which cost
# the tests little), plus the fuzz harnesses; CTest runs their seeds and regressions too.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DBOX_SANITIZE=ON \
    -DBOX_FUZZ=ON -DBOX_WITH_SANDBOX=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" \
    >/dev/null
cmake --build "$build" --parallel "${BOX_BUILD_JOBS:-$(nproc)}"
echo "sanitizers: build took $(($(date +%s) - start))s"

# Leaks are checked, minus the known one-time allocations of system libraries
# (tests/sanitizers/lsan.supp); any UB report fails the test that triggered it.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:suppressions=$root/tests/sanitizers/ubsan.supp}
export BOX_CTEST_LOG="$build/Testing/Temporary/LastTest.log"
start=$(date +%s)
(cd "$build" && bash "$root/packaging/headless-session.sh" \
    ctest --output-on-failure --timeout 900 -LE webengine "$@")
echo "sanitizers: tests took $(($(date +%s) - start))s"

start=$(date +%s)
BOX_FUZZ_BUILD_DIR="$build" bash "$root/packaging/fuzz.sh" "$fuzz_seconds"
echo "sanitizers: fuzzing took $(($(date +%s) - start))s"
