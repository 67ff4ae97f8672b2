#!/usr/bin/env bash
# Runs a libFuzzer harness once over every file in the given directories (seed corpus and
# regression inputs), without fuzzing: a harness given file arguments just executes them.
# Fails when any input crashes or breaks one of the harness's checks. The seeds that hold private
# keys are made fresh first (make-key-seeds.sh): the repository holds no key material.
set -euo pipefail
harness=$1
shift
generated=$(mktemp -d)
trap 'rm -rf "$generated"' EXIT
bash "$(dirname "$0")/make-key-seeds.sh" "$generated"
files=()
for dir in "$@" "$generated/$(basename "$harness")"; do
    [ -d "$dir" ] || continue
    while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$dir" -type f -print0 | sort -z)
done
if [ ${#files[@]} -eq 0 ]; then
    echo "run-inputs: no inputs in $*" >&2
    exit 1
fi
"$harness" "${files[@]}"
