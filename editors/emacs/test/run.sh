#!/usr/bin/env bash
# Runs the Emacs test: Debian's emacs-nox 28 with elpa-eglot, in batch mode, against `awsls serve`.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../lib.sh"

ensure_awsls_bin
apt_ensure emacs-nox elpa-eglot

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$AWSLS_EDITORS_DIR/fixtures/template-broken.yaml" "$work/template.yaml"
cp "$AWSLS_EDITORS_DIR/fixtures/plain-broken.yaml" "$work/plain.yaml"
cp "$AWSLS_EDITORS_DIR/fixtures/template-unknown-type.json" "$work/template.json"

log "running $(emacs --version | head -n1)"
cd "$work"
HOME="$work" AWSLS_PLAIN_FILE="$work/plain.yaml" AWSLS_JSON_FILE="$work/template.json" AWSLS_NOTES_DIR="$AWSLS_EDITORS_DIR/fixtures/notes" \
  timeout 120 emacs --batch -l "$AWSLS_EDITORS_DIR/emacs/test/awsls-test.el" "$work/template.yaml"
