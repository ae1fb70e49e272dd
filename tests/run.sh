#!/usr/bin/env bash
# The whole test suite: Rust unit, property, snapshot and end-to-end tests,
# then the real-editor tests under editors/ (which install their editors into
# a cache outside the checkout on first run).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --workspace
if [ -x editors/run-tests.sh ] && [ "${AWSLS_SKIP_EDITOR_TESTS:-0}" != "1" ]; then
  # The debug binary `cargo test` just built serves the editors too.
  AWSLS_BIN="${AWSLS_BIN:-$PWD/target/debug/awsls}" editors/run-tests.sh
fi
