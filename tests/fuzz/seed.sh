#!/usr/bin/env bash
# Fills corpus/<target>/ with the repository's own fixtures and examples and
# the small seeds in seeds/. Corpus files start with the byte the target
# reads first (the file name to use, or the format for `edits`).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mkdir -p "$here/corpus/parse_yaml" "$here/corpus/parse_json" "$here/corpus/edits"

# $1: output file, $2: first byte (decimal), $3: input file
prefixed() {
    { printf "\\$(printf '%03o' "$2")"; cat "$3"; } > "$1"
}

n=0
while IFS= read -r -d '' file; do
    n=$((n + 1))
    case "$file" in
        *.json)
            for name in 0 1 2; do prefixed "$here/corpus/parse_json/fixture-$n-$name" "$name" "$file"; done
            format=1 ;;
        *)
            for name in 0 1 2; do prefixed "$here/corpus/parse_yaml/fixture-$n-$name" "$name" "$file"; done
            format=0 ;;
    esac
    # edits: the format byte, the seed text, a NUL, then a few edits.
    {
        printf "\\$(printf '%03o' "$format")"
        cat "$file"
        printf '\000'
        printf '\040\000\004\021Ref:'
        printf '\100\000\000\015\n  '
        printf '\010\000\010\000'
    } > "$here/corpus/edits/fixture-$n"
done < <(find "$root/tests/fixtures" "$root/examples" "$here/seeds" -type f \
    \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -print0 | sort -z)
echo "seeded $n files into $here/corpus"
