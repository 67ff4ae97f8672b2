#!/usr/bin/env bash
# The man pages (packaging/man/) say what --help says: every option a --help lists is in the
# man page, and every option the man page lists is in a --help; the commands of the man page's
# COMMANDS section are the ones `box-companion --help` lists; the pages name the version and
# render without groff warnings.
#
# man-options.sh MAN_DIR BOX_COMPANION [BOX_SANDBOX]
# Runs without a display (DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM unset): --help and the
# commands never open a window. Exits 1 and names each difference.
set -uo pipefail
man_dir=$1
companion=$2
sandbox=${3:-}
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# Runs a program without a display; stdout only. Fails when it exits non-zero.
run_help() {
    local out rc
    out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$@" 2>/dev/null)
    rc=$?
    if [ $rc -ne 0 ]; then
        fail "\`${*##*/}\` exited with $rc"
        return 1
    fi
    printf '%s\n' "$out"
}

# Options of a QCommandLineParser --help: the lines that start with two spaces and a dash
# ("  -h, --help", "  --port <PORT>  ..."); descriptions are indented further.
help_options() {
    grep -E '^  -' | sed -E 's/^  //; s/ {2,}.*$//; s/ <[^>]*>//g' |
        grep -oE -- '--?[A-Za-z0-9?][A-Za-z0-9-]*' | sort -u
}

# Commands that `box-companion --help` lists: the first word of each indented line after the
# "Commands:" line, up to the next blank line.
help_commands() {
    awk '/^Commands:/ { inside = 1; next }
         inside && /^[[:space:]]*$/ { inside = 0 }
         inside && /^[[:space:]]+[a-z]/ { print $1 }' | sort -u
}

# Options a man page lists in one part: "OPTIONS" (the .SH OPTIONS section) or the name of a
# .SS command of the COMMANDS section. An option is listed in the tag line of a .TP paragraph.
man_options() {
    local page=$1 part=$2
    awk -v part="$part" '
        /^\.SH / { section = ($2 == "OPTIONS") ? "OPTIONS" : ""; commands = ($2 == "COMMANDS"); next }
        /^\.SS / { if (commands) section = $2; next }
        /^\.TP/ { tag = 1; next }
        tag { tag = 0; if (section == part) print }' "$page" |
        sed 's/\\-/-/g' | grep -oE -- '(^|[ "])--?[A-Za-z0-9?][A-Za-z0-9-]*' |
        sed -E 's/^[ "]//' | sort -u
}

man_commands() {
    awk '/^\.SH / { commands = ($2 == "COMMANDS"); next }
         commands && /^\.SS / { print $2 }' "$1" | sort -u
}

# Compares two sorted lists: what is in --help only, and what is in the man page only.
compare() {
    local what=$1 help=$2 man=$3 page=$4
    local missing extra
    missing=$(comm -23 <(printf '%s\n' "$help" | sed '/^$/d') <(printf '%s\n' "$man" | sed '/^$/d'))
    extra=$(comm -13 <(printf '%s\n' "$help" | sed '/^$/d') <(printf '%s\n' "$man" | sed '/^$/d'))
    for o in $missing; do fail "$what: $o is in --help but not in ${page##*/}"; done
    for o in $extra; do fail "$what: $o is in ${page##*/} but not in --help"; done
    [ -n "$missing$extra" ] || echo "ok: $what ($(printf '%s\n' "$help" | sed '/^$/d' | wc -l) entries)"
}

# The version --version prints is the one in the page's title line.
check_version() {
    local program=$1 page=$2 version
    version=$(run_help "$program" --version | awk '{ print $NF }') || return
    if grep -qE "^\.TH .*\"Box Companion ${version//./\\.}\"" "$page"; then
        echo "ok: ${page##*/} names version $version"
    else
        fail "${page##*/}: its .TH line does not name version $version (--version)"
    fi
}

# A page that groff renders with a warning (a bad macro, a line that cannot be set) fails, as
# lintian's groff-message tag would.
check_renders() {
    local warnings
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$1" 2>&1 >/dev/null)
    if [ -n "$warnings" ]; then
        fail "${1##*/} renders with warnings: $warnings"
    else
        echo "ok: ${1##*/} renders without warnings"
    fi
}

page=$man_dir/box-companion.1
check_renders "$page"
if main_help=$(run_help "$companion" --help); then
    compare "box-companion --help" "$(help_options <<<"$main_help")" \
        "$(man_options "$page" OPTIONS)" "$page"
    listed=$(help_commands <<<"$main_help")
    [ -n "$listed" ] || fail "box-companion --help lists no commands under \"Commands:\""
    compare "box-companion --help commands" "$listed" "$(man_commands "$page")" "$page"
fi
for command in $(man_commands "$page"); do
    if command_help=$(run_help "$companion" "$command" --help); then
        compare "box-companion $command --help" "$(help_options <<<"$command_help")" \
            "$(man_options "$page" "$command")" "$page"
    fi
done
check_version "$companion" "$page"

if [ -n "$sandbox" ]; then
    page=$man_dir/box-sandbox.1
    check_renders "$page"
    if sandbox_help=$(run_help "$sandbox" --help); then
        compare "box-sandbox --help" "$(help_options <<<"$sandbox_help")" \
            "$(man_options "$page" OPTIONS)" "$page"
    fi
    check_version "$sandbox" "$page"
fi

if [ $failures -ne 0 ]; then
    echo "$failures difference(s) between the man pages in $man_dir and --help"
    exit 1
fi
echo "the man pages match --help"
