#!/usr/bin/env bash
# Runs `awsls check` and cfn-lint 1.58.0 over the same CloudFormation and SAM
# templates and prints wall time and peak memory of each, and their ratios.
# Also times `awsls check` on a generated 2,000-resource template.
#
# Usage: tests/bench/compare-cfn-lint.sh [FOLDER]
# FOLDER defaults to ../shared/corpus beside the repository when it exists,
# else to generated templates. cfn-lint is installed from PyPI into a venv
# under ~/.cache/awsls-bench on first use.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/awsls-bench
venv=$cache/cfn-lint-1.58.0
generated=$cache/templates
awsls=$root/target/release/awsls

log() { printf '%s\n' "$*" >&2; }

if [ ! -x "$venv/bin/cfn-lint" ]; then
    log "installing cfn-lint 1.58.0 into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check cfn-lint==1.58.0
fi

log "building awsls (release)"
(cd "$root" && cargo build --release --quiet -p awsls --bin awsls --bench lsp)
lsp_bench=$(cd "$root" && cargo bench --no-run -p awsls --bench lsp 2>&1 \
    | sed -n 's/.*Executable .*(\(.*\)).*/\1/p' | tail -n 1)
if [ -z "$lsp_bench" ]; then
    log "cannot find the lsp bench executable"
    exit 1
fi
rm -rf "$generated"
"$lsp_bench" --write-templates "$generated" --sizes 100,1000,2000 >/dev/null

folder=${1:-}
if [ -z "$folder" ]; then
    if [ -d "$root/../shared/corpus" ]; then
        folder=$(cd "$root/../shared/corpus" && pwd)
    else
        folder=$generated
    fi
fi

# The templates: YAML/JSON files with a top-level Resources section, the
# same list for both tools.
list=$(mktemp)
trap 'rm -f "$list"' EXIT
find "$folder" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' -o -name '*.template' \) \
    -not -path '*cfn-lint-*-results*' -print0 \
    | xargs -0 grep -l -E '^(Resources:|  "Resources")|"Resources" *:' 2>/dev/null \
    | sort >"$list" || true
count=$(wc -l <"$list")
log "comparing on $count templates under $folder"

# Wall seconds and peak RSS (KiB) of a command, as "SECONDS KIB".
measure() {
    local out
    out=$(mktemp)
    /usr/bin/time -f '%e %M' -o "$out" "$@" >/dev/null 2>&1 || true
    tail -n 1 "$out"
    rm -f "$out"
}

# The best of three runs for awsls (it is quick); one run of cfn-lint.
best=""
for _ in 1 2 3; do
    run=$(measure xargs -a "$list" -d '\n' "$awsls" check --format json)
    if [ -z "$best" ] || awk -v a="${run% *}" -v b="${best% *}" 'BEGIN{exit !(a<b)}'; then
        best=$run
    fi
done
awsls_s=${best% *}
awsls_kib=${best#* }
log "running cfn-lint (this takes a while)"
run=$(measure xargs -a "$list" -d '\n' "$venv/bin/cfn-lint" --format json --)
lint_s=${run% *}
lint_kib=${run#* }

big=$generated/cfn-2000.yaml
big_best=""
for _ in 1 2 3 4 5; do
    run=$(measure "$awsls" check "$big")
    if [ -z "$big_best" ] || awk -v a="${run% *}" -v b="${big_best% *}" 'BEGIN{exit !(a<b)}'; then
        big_best=$run
    fi
done

awk -v n="$count" -v as="$awsls_s" -v ak="$awsls_kib" -v ls="$lint_s" -v lk="$lint_kib" \
    -v bs="${big_best% *}" -v bk="${big_best#* }" -v bb="$(wc -c <"$big")" 'BEGIN {
    printf "| tool | templates | wall s | peak RSS MiB |\n|---|---:|---:|---:|\n"
    printf "| awsls check | %d | %.2f | %.1f |\n", n, as, ak / 1024
    printf "| cfn-lint 1.58.0 | %d | %.2f | %.1f |\n", n, ls, lk / 1024
    printf "| ratio (cfn-lint / awsls) | | %.0fx | %.1fx |\n", ls / (as > 0 ? as : 0.01), lk / ak
    printf "\nawsls check on a generated 2,000-resource template (%d KiB): %.0f ms, %.1f MiB (best of 5)\n", bb / 1024, bs * 1000, bk / 1024
}'
