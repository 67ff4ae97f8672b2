#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang-14, ASan + UBSan) in ./build-fuzz (or
# $BOX_FUZZ_BUILD_DIR), runs each over its seeds and regression inputs, then fuzzes each for
# SECONDS (default 60). New corpus entries go to a temporary directory, never into the repo.
# Fails if any harness crashes, trips a sanitizer or breaks one of its checks; the input that
# did it is saved under $BOX_FUZZ_ARTIFACTS (default: build-fuzz/fuzz-artifacts) and its path
# printed. BOX_FUZZ_TARGETS="fuzz_csv fuzz_httpparser" runs only those.
#   packaging/fuzz.sh [SECONDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
build=${BOX_FUZZ_BUILD_DIR:-$root/build-fuzz}
artifacts=${BOX_FUZZ_ARTIFACTS:-$build/fuzz-artifacts}
jobs=${BOX_FUZZ_JOBS:-$(nproc)}

BOX_SANITIZER_DEPS=1 bash "$root/packaging/install-deps.sh"
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DBOX_FUZZ=ON \
    -DBOX_WITH_SANDBOX=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
cmake --build "$build" --target fuzzers --parallel "$jobs"

read -r -a targets <<<"${BOX_FUZZ_TARGETS:-$(tr '\n' ' ' <"$build/fuzz-targets.txt")}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export QT_QPA_PLATFORM=offscreen
# Seeds holding private keys are made fresh (the repository holds no key material).
bash "$root/tests/fuzz/make-key-seeds.sh" "$work/key-seeds"

failed=()
for t in "${targets[@]}"; do
    harness=$build/tests/fuzz/$t
    seeds=$root/tests/fuzz/corpus/$t
    regressions=$root/tests/fuzz/regressions/$t
    corpus=$work/$t
    mkdir -p "$corpus"
    [ -d "$seeds" ] && cp "$seeds"/* "$corpus"/ 2>/dev/null || true
    [ -d "$regressions" ] && cp "$regressions"/* "$corpus"/ 2>/dev/null || true
    [ -d "$work/key-seeds/$t" ] && cp "$work/key-seeds/$t"/* "$corpus"/
    log=$work/$t.log
    echo "fuzz: $t for ${seconds}s over $(find "$corpus" -type f | wc -l) inputs"
    # -timeout: one input taking longer than 10 s is a bug (a hang) too.
    if "$harness" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=8192 -print_final_stats=1 -artifact_prefix="$artifacts/$t-" >"$log" 2>&1; then
        grep -E '^stat::(number_of_executed_units|new_units_added)' "$log" | tr '\n' ' ' || true
        echo
    else
        echo "fuzz: $t FAILED; the end of its log:"
        tail -n 60 "$log"
        found=$(grep -oE "Test unit written to [^ ]+" "$log" | sed 's/Test unit written to //' || true)
        if [ -n "$found" ]; then
            echo "fuzz: $t: the input that failed is $found"
            echo "fuzz: reproduce with: $harness $found"
        fi
        failed+=("$t")
    fi
done

if [ ${#failed[@]} -ne 0 ]; then
    echo "fuzz: FAILED: ${failed[*]} (inputs in $artifacts)"
    exit 1
fi
echo "fuzz: all ${#targets[@]} harnesses ran ${seconds}s each without a finding"
