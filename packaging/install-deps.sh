#!/usr/bin/env bash
# Installs everything Box Companion needs to build, run, test and package on Debian 12
# (lintian, appstream and desktop-file-utils check the .deb: packaging/build-deb.sh).
# Idempotent: installs only what is missing, and does nothing when all is there.
set -euo pipefail

packages=(
    g++ cmake ninja-build pkgconf
    qt6-base-dev qt6-webengine-dev
    qtkeychain-qt6-dev libssl-dev libgl-dev libsecret-1-0
    xvfb xauth dbus-x11 gnome-keyring libsecret-tools
    dpkg-dev file fonts-dejavu-core clang-format-14
    lintian appstream desktop-file-utils git
)
# The sanitizer build and the fuzz harnesses (packaging/run-sanitizers.sh, packaging/fuzz.sh)
# need clang; they ask for it with BOX_SANITIZER_DEPS=1.
if [ "${BOX_SANITIZER_DEPS:-0}" = 1 ]; then
    packages+=(clang-14 libclang-rt-14-dev libfuzzer-14-dev openssl)
fi
# The official Box Node SDK tests need Node.js and npm; keep a Node that is already installed.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages are installed"
    exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
