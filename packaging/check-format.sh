#!/usr/bin/env bash
# Fails when any C++ file git tracks differs from what clang-format (Debian's clang-format-14,
# the .clang-format at the top) makes of it, and lists those files with the command to fix them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
format=${CLANG_FORMAT:-clang-format-14}
if ! command -v "$format" >/dev/null 2>&1; then
    echo "check-format: $format is not installed (packaging/install-deps.sh installs it)" >&2
    exit 2
fi
mapfile -t files < <(git ls-files '*.cpp' '*.h')
unformatted=()
for f in "${files[@]}"; do
    if ! "$format" --dry-run --Werror "$f" >/dev/null 2>&1; then
        unformatted+=("$f")
    fi
done
if [ ${#unformatted[@]} -ne 0 ]; then
    echo "check-format: ${#unformatted[@]} of ${#files[@]} files are not clang-formatted:" >&2
    printf '  %s\n' "${unformatted[@]}" >&2
    echo "fix with: $format -i ${unformatted[*]}" >&2
    exit 1
fi
echo "check-format: all ${#files[@]} C++ files are clang-formatted"
