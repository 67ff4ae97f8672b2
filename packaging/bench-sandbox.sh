#!/usr/bin/env bash
# One command: the Box sandbox benchmark (a benchmark, not a test: it prints figures).
# Installs dependencies, builds, installs Prism (npm ci, pinned by tests/bench/package-lock.json),
# seeds a sandbox with 100,000 app users, starts it and a Prism mock of Box's OpenAPI spec on
# 127.0.0.1, drives both with the same keep-alive load (box-http-bench) and prints a table of
# requests/s, p50 and p99 latency, the sandbox/Prism ratios and memory. The figures are also
# written to $BUILD/bench/sandbox-bench.json.
#
# Usage: packaging/bench-sandbox.sh [box-http-bench options, e.g. --duration 20 --connections 8]
# Environment: BOX_BUILD_DIR (default ./build), BOX_BENCH_USERS (default 100000),
#   BOX_OPENAPI_SPEC (default tests/box-openapi/openapi.json),
#   BOX_BENCH_SKIP_BUILD=1 to reuse an existing build (no install-deps/build step).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BOX_BUILD_DIR:-$root/build}
users=${BOX_BENCH_USERS:-100000}
spec=${BOX_OPENAPI_SPEC:-$root/tests/box-openapi/openapi.json}
sandbox_bin=${BOX_SANDBOX_BIN:-$build/app/sandbox/box-sandbox}
bench_bin=${BOX_HTTP_BENCH_BIN:-$build/tests/bench/box-http-bench}

if [ "${BOX_BENCH_SKIP_BUILD:-0}" != 1 ]; then
    bash "$root/packaging/install-deps.sh"
    BOX_BUILD_DIR="$build" bash "$root/packaging/build.sh" -DBOX_WITH_SANDBOX=ON
fi
for bin in "$sandbox_bin" "$bench_bin"; do
    [ -x "$bin" ] || { echo "bench-sandbox: $bin is not built" >&2; exit 2; }
done
[ -f "$spec" ] || { echo "bench-sandbox: Box's OpenAPI spec not found at $spec" >&2; exit 2; }

bench=$build/bench
prism_dir=$bench/prism
mkdir -p "$prism_dir"
cp "$root/tests/bench/package.json" "$root/tests/bench/package-lock.json" "$prism_dir/"
if ! cmp -s "$prism_dir/package-lock.json" "$prism_dir/node_modules/.bench-installed-lock"; then
    echo "bench-sandbox: installing Prism (npm ci)"
    (cd "$prism_dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$prism_dir/package-lock.json" "$prism_dir/node_modules/.bench-installed-lock"
fi
prism_bin=$prism_dir/node_modules/.bin/prism

# The run's files: the state (holds the apps' secrets) and the JWT app's config.json.
run=$bench/run
rm -rf "$run"
mkdir -m 700 -p "$run"

pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    # The state and config.json hold the sandbox apps' secrets: nothing of them stays behind.
    rm -rf "$run"
}
trap cleanup EXIT

# Waits until file has a line matching pattern while process pid lives; prints the line.
wait_for_line() {
    local file=$1 pattern=$2 pid=$3 seconds=$4 line
    for ((i = 0; i < seconds * 10; i++)); do
        line=$(grep -m1 -- "$pattern" "$file" 2>/dev/null || true)
        if [ -n "$line" ]; then
            echo "$line"
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "bench-sandbox: gave up waiting for \"$pattern\" in $file" >&2
    tail -n 20 "$file" >&2 || true
    return 1
}

port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

echo "bench-sandbox: seeding $users app users and exporting the JWT app's config.json"
"$sandbox_bin" --state "$run/state.json" --users "$users" \
    --export-config "Sandbox JWT App" "$run/config" >"$run/export.log" 2>"$run/export.err"
config=$(tail -n 1 "$run/export.log")

"$sandbox_bin" --state "$run/state.json" >"$run/sandbox.log" 2>"$run/sandbox.err" &
sandbox_pid=$!
pids+=("$sandbox_pid")
# For the memory of seeding alone: the same users, no state file (idle during the run).
"$sandbox_bin" --users "$users" >"$run/seed-only.log" 2>"$run/seed-only.err" &
seed_pid=$!
pids+=("$seed_pid")

prism_port=4010
while port_open "$prism_port"; do
    prism_port=$((prism_port + 1))
done
# Prism serves the spec's paths without the server URL's /2.0 (GET /users/me). Least logging,
# so Prism is measured at its fastest.
"$prism_bin" mock --host 127.0.0.1 --port "$prism_port" --verboseLevel error "$spec" \
    >"$run/prism.log" 2>&1 &
prism_pid=$!
pids+=("$prism_pid")

sandbox_url=$(wait_for_line "$run/sandbox.log" "Box sandbox listening on " "$sandbox_pid" 300)
sandbox_url=${sandbox_url##* }
wait_for_line "$run/seed-only.log" "Box sandbox listening on " "$seed_pid" 300 >/dev/null
echo "bench-sandbox: sandbox on $sandbox_url; waiting for Prism to load Box's spec"
for ((i = 0; i < 1200; i++)); do
    port_open "$prism_port" && break
    kill -0 "$prism_pid" 2>/dev/null || { cat "$run/prism.log" >&2; exit 1; }
    sleep 0.1
done
port_open "$prism_port" || { echo "bench-sandbox: Prism did not start" >&2; exit 1; }

"$bench_bin" --sandbox-api "$sandbox_url/2.0" --jwt-config "$config" \
    --sandbox-pid "$sandbox_pid" --seed-only-pid "$seed_pid" \
    --prism-api "http://127.0.0.1:$prism_port" --prism-pid "$prism_pid" \
    --users "$users" --out "$bench/sandbox-bench.json" "$@"
