#!/usr/bin/env bash
# Runs every awsls benchmark and prints the results as Markdown tables:
#   1. library benchmarks (parse, incremental re-parse, validation, completion,
#      hover, notes) on generated templates of 100, 1,000 and 5,000 resources;
#   2. the release `awsls serve` driven over stdio through a typing session
#      (edit → diagnostics, completion, hover, spawn → initialize, peak RSS);
#   3. `awsls check` against cfn-lint 1.58.0 (installed into a cached venv).
#
# Usage: tests/bench/run.sh [--quick] [FOLDER]
#   --quick  fewer edits in the typing session and no 5,000-resource templates
#   FOLDER   templates for the cfn-lint comparison (default: ../shared/corpus
#            when present, else generated templates)
#
# The machine should be otherwise idle: the numbers are wall-clock latencies.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

sizes=100,540,1000,5000
edits=960
if [ "${1:-}" = "--quick" ]; then
    sizes=100,1000
    edits=120
    shift
fi

echo "# awsls benchmarks"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(free -g | awk '/^Mem:/ {print $2}') GiB memory"
echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo

cargo build --release --quiet -p awsls --bin awsls --bench lsp --bench analysis

echo "## Library (divan; median is the column to read)"
echo
echo '```'
cargo bench --quiet -p awsls --bench analysis 2>/dev/null
echo '```'
echo

echo "## Language server over stdio"
echo
cargo bench --quiet -p awsls --bench lsp -- --sizes "$sizes" --edits "$edits" 2>/dev/null
echo

echo "## awsls check against cfn-lint"
echo
"$root/tests/bench/compare-cfn-lint.sh" "$@"
