#!/usr/bin/env bash
# The cold-start part of the App Users benchmark; packaging/bench-app-users.sh runs it inside
# packaging/headless-session.sh (throwaway XDG dirs, private D-Bus + unlocked gnome-keyring,
# offscreen Qt), so the profile's secrets sit in a real keychain as on a desktop.
#
# Usage: coldstart.sh BENCH_BIN APP_BIN HELLO_BIN API CONFIG RUNS OUT_FILE
# Stores one profile for the sandbox's JWT app (box-app-users-bench seed-profile), then starts
# box-companion --startup-report and box-hello-widget RUNS times each, alternating. OUT_FILE
# gets one line per start: "<program> <ms after process start, as the process measured it>
# <ms from the launch here to the paint>".
set -euo pipefail
bench_bin=$1 app_bin=$2 hello_bin=$3 api=$4 config=$5 runs=$6 out=$7

"$bench_bin" seed-profile --api "$api" --config "$config"
[ -f "$XDG_CONFIG_HOME/BoxCompanion/profiles.ini" ] || {
    echo "coldstart: the profile was not stored" >&2
    exit 1
}

measure() {
    local name=$1 line launched
    shift
    launched=$(date +%s%N)
    line=$("$@" 2>/dev/null | grep -m1 '^startup-report:') || {
        echo "coldstart: $name printed no startup report" >&2
        exit 1
    }
    # "startup-report: first paint 231.4 ms after process start; wall clock 1763900000123 ms"
    local inside wall
    inside=$(sed -E 's/.*first paint ([0-9.]+) ms.*/\1/' <<<"$line")
    wall=$(sed -E 's/.*wall clock ([0-9]+) ms.*/\1/' <<<"$line")
    echo "$name $inside $((wall - launched / 1000000))" >>"$out"
}

: >"$out"
for ((i = 0; i < runs; i++)); do
    measure box-companion "$app_bin" --startup-report
    measure box-hello-widget "$hello_bin"
done
