#!/usr/bin/env bash
# One command: the App Users benchmark (a benchmark, not a test: it prints figures).
# Builds what it needs (Release, in build/bench-release), installs the official Box Node SDK
# pinned by tests/node/package-lock.json (npm ci), and runs every scenario for Box Companion's
# code (box-app-users-bench: AppUsersModel, AppUserCsv + BulkImporter) and for the Box Node SDK
# (tests/bench/node/appusers-sdk.js) against box-sandbox on a free loopback port (temporary
# --state worlds), both as the Service Account of the sandbox's JWT app:
#   1. listing all users of a world seeded with 100,000 app users, marker paging, 1,000 per
#      page: wall time, rows/s, peak RSS (rounds alternate which side goes first);
#   1b. responsiveness: the p99 latency of GET /2.0/users/me (a second client, every 10 ms)
#      while Box Companion creates 2,000 app users in that 100,000-user --state world (each
#      change is one line appended to the state journal; goal p99 < 20 ms);
#   2. creating 2,000 app users with the rate limit off (the SDK one after another, as Box
#      CLI's bulk mode does), each side in its own fresh demo world (so that both sides create
#      in the same world);
#   3. creating N = 2L app users with the sandbox enforcing L requests per minute (fresh
#      world each side; Box Companion's pacer set to L): time against the N/L-minute floor;
#   every external ID created in 2. and 3. is then counted in a full listing (missing, twice);
#   4. cold start of box-companion to its first painted window (offscreen, one cached profile,
#      a private D-Bus + gnome-keyring session), and of a hello-world Qt Widgets window.
# Prints a table with the ratios (medians over the rounds); everything, every round included,
# goes to $OUT/app-users-bench.json.
#
# Environment: BOX_BENCH_BUILD_DIR (default build/bench-release; an existing configured build
#   dir is built as it is), BOX_BENCH_OUT (default build/bench), BOX_BENCH_USERS (100000),
#   BOX_BENCH_BULK (2000), BOX_BENCH_ROUNDS (3, for 1. and 2.), BOX_BENCH_RATE_LIMIT (L,
#   default 300: N = 600, 2 minutes), BOX_BENCH_STARTS (10), BOX_BENCH_SDK_RATE_LIMITED=0 to
#   skip the SDK's rate-limited run, BOX_BENCH_SKIP_BUILD=1 to use the binaries as they are.
# Dependencies: as for building (packaging/install-deps.sh), plus node >= 20 and npm.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BOX_BENCH_BUILD_DIR:-$root/build/bench-release}
out=${BOX_BENCH_OUT:-$root/build/bench}
users=${BOX_BENCH_USERS:-100000}
bulk=${BOX_BENCH_BULK:-2000}
rounds=${BOX_BENCH_ROUNDS:-3}
limit=${BOX_BENCH_RATE_LIMIT:-300}
starts=${BOX_BENCH_STARTS:-10}
sdk_rate_limited=${BOX_BENCH_SDK_RATE_LIMITED:-1}
limited=$((2 * limit))

say() { echo "bench-app-users: $*" >&2; }
began=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

if [ "${BOX_BENCH_SKIP_BUILD:-0}" != 1 ]; then
    if [ ! -f "$build/CMakeCache.txt" ]; then
        launcher=()
        command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
        cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
            -DBOX_WARNINGS_AS_ERRORS=ON -DBOX_WITH_SANDBOX=ON "${launcher[@]}" >/dev/null
    fi
    say "building in $build"
    cmake --build "$build" --target box-sandbox box-companion box-app-users-bench \
        box-hello-widget >/dev/null
fi
sandbox_bin=$build/app/sandbox/box-sandbox
app_bin=$build/app/box-companion
bench_bin=$build/tests/bench/box-app-users-bench
hello_bin=$build/tests/bench/box-hello-widget
for bin in "$sandbox_bin" "$app_bin" "$bench_bin" "$hello_bin"; do
    [ -x "$bin" ] || { say "$bin is not built"; exit 2; }
done

# The official Box Node SDK, exactly as the Node SDK tests pin it.
node_dir=$out/node-sdk
mkdir -p "$node_dir"
cp "$root/tests/node/package.json" "$root/tests/node/package-lock.json" "$node_dir/"
if ! cmp -s "$node_dir/package-lock.json" "$node_dir/node_modules/.bench-installed-lock"; then
    say "installing the Box Node SDK (npm ci)"
    (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    cp "$node_dir/package-lock.json" "$node_dir/node_modules/.bench-installed-lock"
fi
sdk() { NODE_PATH="$node_dir/node_modules" node "$root/tests/bench/node/appusers-sdk.js" "$@"; }

# The run's files: the states and config.json files hold the sandbox apps' (made-up) secrets.
run=$out/run
parts=$out/parts
rm -rf "$run" "$parts"
mkdir -m 700 -p "$run"
mkdir -p "$parts"
sandbox_pid=
stop_sandbox() {
    if [ -n "$sandbox_pid" ]; then
        kill "$sandbox_pid" 2>/dev/null || true
        wait "$sandbox_pid" 2>/dev/null || true
        sandbox_pid=
    fi
}
cleanup() {
    stop_sandbox
    rm -rf "$run"
}
trap cleanup EXIT

# start_sandbox NAME ARGS...: stops the running sandbox, seeds a --state world in $run/NAME
# (exporting the JWT app's config.json there), starts box-sandbox on it on a free loopback
# port and sets $api and $config.
start_sandbox() {
    local name=$1 dir=$run/$1 i
    shift
    stop_sandbox
    mkdir -m 700 -p "$dir"
    "$sandbox_bin" --state "$dir/state.json" "$@" --export-config "Sandbox JWT App" \
        "$dir/config" >"$dir/export.log" 2>"$dir/export.err" || {
        cat "$dir/export.err" >&2
        exit 1
    }
    config=$(tail -n 1 "$dir/export.log")
    "$sandbox_bin" --state "$dir/state.json" "$@" >"$dir/sandbox.log" 2>"$dir/sandbox.err" &
    sandbox_pid=$!
    api=
    for ((i = 0; i < 3000; i++)); do
        api=$(grep -m1 -o "listening on http://127.0.0.1:[0-9]*" "$dir/sandbox.log" || true)
        [ -n "$api" ] && break
        kill -0 "$sandbox_pid" 2>/dev/null || { cat "$dir/sandbox.err" >&2; exit 1; }
        sleep 0.1
    done
    [ -n "$api" ] || { say "the $name sandbox did not start"; exit 1; }
    api=${api#listening on }
}

# ours NAME ARGS...: box-app-users-bench; figures in $parts/NAME.json, its log (box.*
# categories) in $parts/NAME.log, its progress lines on the terminal.
ours() {
    local name=$1
    shift
    if ! "$bench_bin" "$@" --out "$parts/$name.json" >/dev/null \
        2> >(tee "$parts/$name.log" | grep --line-buffered -E '^  [0-9]+/[0-9]+$' >&2); then
        sleep 0.5
        say "box-app-users-bench $name failed; the end of $parts/$name.log:"
        tail -n 20 "$parts/$name.log" >&2
        exit 1
    fi
}
# counters NAME: the sandbox's counters and the CPU time it has used so far (clock ticks), in
# $parts/NAME.json and $parts/NAME.cpu.
counters() {
    sdk counters --api "$api" >"$parts/$1.json"
    awk '{ print $14 + $15, "'"$(getconf CLK_TCK)"'" }' "/proc/$sandbox_pid/stat" >"$parts/$1.cpu"
}
rate_limit() { sdk rate-limit --api "$api" --per-minute "$1" >/dev/null; }

# create SIDE NAME COUNT PACER: creates COUNT app users with external IDs "NAME-<n>" in the
# running sandbox, then counts them in a full listing ($parts/NAME.verify.json).
create() {
    local side=$1 name=$2 count=$3 pacer=$4
    counters "$name.before"
    if [ "$side" = ours ]; then
        ours "$name" bulk --api "$api" --config "$config" --pacer "$pacer" --count "$count" \
            --prefix "$name"
    else
        sdk create --api "$api" --config "$config" --count "$count" --prefix "$name" \
            >"$parts/$name.json"
    fi
    counters "$name.after"
    rate_limit 0
    sdk verify --api "$api" --config "$config" --expect "$name:$count" >"$parts/$name.verify.json"
}

# 1. Listing 100,000 app users.
say "seeding $users app users of the Sandbox JWT App"
start_sandbox seeded --users "$users"
for ((r = 1; r <= rounds; r++)); do
    for side in $([ $((r % 2)) = 1 ] && echo "ours sdk" || echo "sdk ours"); do
        say "1/4 listing, round $r/$rounds: $([ "$side" = ours ] &&
            echo "Box Companion (AppUsersModel, pacer off: the sandbox has no limit)" ||
            echo "Box Node SDK")"
        if [ "$side" = ours ]; then
            ours "list-ours.r$r" list --api "$api" --config "$config" --pacer off
        else
            sdk list --api "$api" --config "$config" >"$parts/list-sdk.r$r.json"
        fi
    done
done
say "1/4 listing: Box Companion with its default pacer (Box's 1,000 requests per minute)"
ours list-ours-paced list --api "$api" --config "$config" --pacer default

# 1b. GET /2.0/users/me while creating in the 100,000-user --state world.
say "1/4 GET /2.0/users/me every 10 ms while Box Companion creates $bulk app users in it"
ours me-during-bulk bulk --api "$api" --config "$config" --pacer off --count "$bulk" \
    --prefix me-probe --probe-me 10

# 2. Bulk create, rate limit off, each side in a fresh demo world (25 app users).
for ((r = 1; r <= rounds; r++)); do
    for side in $([ $((r % 2)) = 1 ] && echo "ours sdk" || echo "sdk ours"); do
        start_sandbox "bulk-$side-$r"
        say "2/4 create $bulk, round $r/$rounds: $([ "$side" = ours ] &&
            echo "Box Companion (BulkImporter, pacer off)" ||
            echo "Box Node SDK, one after another")"
        create "$side" "bulk-$side.r$r" "$bulk" off
    done
done

# 3. Bulk create, N = 2L rows, the sandbox enforcing L requests per minute per user (fixed
# one-minute windows, 429 with retry-after beyond).
start_sandbox limited-ours --rate-limit "$limit"
say "3/4 create $limited at $limit requests/minute: Box Companion (pacer $limit)"
create ours limited-ours "$limited" "$limit"
if [ "$sdk_rate_limited" = 1 ]; then
    start_sandbox limited-sdk --rate-limit "$limit"
    say "3/4 create $limited at $limit requests/minute: Box Node SDK"
    create sdk limited-sdk "$limited" -
fi

# 4. Cold start, in a headless desktop session with the profile in its keychain.
start_sandbox coldstart
say "4/4 cold start: box-companion --startup-report and box-hello-widget, $starts times each"
bash "$root/packaging/headless-session.sh" bash "$root/tests/bench/coldstart.sh" \
    "$bench_bin" "$app_bin" "$hello_bin" "$api" "$config" "$starts" "$parts/coldstart.txt" \
    2>"$parts/coldstart.log" || {
    say "the cold-start runs failed; the end of $parts/coldstart.log:"
    tail -n 20 "$parts/coldstart.log" >&2
    exit 1
}
stop_sandbox

NODE_PATH="$node_dir/node_modules" node "$root/tests/bench/node/appusers-report.js" \
    --parts "$parts" --out "$out/app-users-bench.json" --users "$users" --bulk "$bulk" \
    --limit "$limit" --rounds "$rounds" --total-seconds "$(($(date +%s) - began))" \
    --load-before "$load_before"
