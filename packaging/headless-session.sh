#!/usr/bin/env bash
# Runs a command in a throwaway, headless desktop session:
# - HOME, XDG config/data/cache/state/runtime dirs and TMPDIR in a fresh temp dir;
# - a private D-Bus session bus with gnome-keyring's Secret Service, unlocked;
# - Qt on the offscreen platform (WebEngine tests wrap themselves in xvfb-run).
# The session dir is deleted afterwards, so nothing of a test run stays on the machine.
set -euo pipefail
session=$(mktemp -d -t box-companion-session.XXXXXX)
trap 'rm -rf "$session"' EXIT
mkdir -p "$session"/{home,config,data,cache,state,runtime,tmp}
export BOX_TEST_SESSION="$session"
chmod 700 "$session/runtime"
export HOME="$session/home"
export XDG_CONFIG_HOME="$session/config" XDG_DATA_HOME="$session/data"
export XDG_CACHE_HOME="$session/cache" XDG_STATE_HOME="$session/state"
export XDG_RUNTIME_DIR="$session/runtime" TMPDIR="$session/tmp"
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
export MESA_SHADER_CACHE_DISABLE=true
# Chromium (Qt WebEngine) refuses to run as root without this; test sessions only.
export QTWEBENGINE_DISABLE_SANDBOX=1
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS

exec dbus-run-session -- bash -c '
    # --unlock reads the keyring password on stdin and creates the "login" collection.
    printf %s box-companion-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    "$@"
' headless-session "$@"
