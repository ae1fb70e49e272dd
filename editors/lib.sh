# shellcheck shell=bash
# Shared shell helpers for the editor tests: the cache folder, the awsls binary and package installs.
# Source it from bash; it sets AWSLS_EDITOR_CACHE and defines the functions below.

AWSLS_EDITORS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
AWSLS_REPO_DIR="$(cd "$AWSLS_EDITORS_DIR/.." && pwd)"
export AWSLS_EDITOR_CACHE="${AWSLS_EDITOR_CACHE:-$HOME/.cache/awsls-editors}"
mkdir -p "$AWSLS_EDITOR_CACHE"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Makes AWSLS_BIN point at an awsls binary: the given one, else a release build of the workspace.
ensure_awsls_bin() {
  if [ -n "${AWSLS_BIN:-}" ]; then
    [ -x "$AWSLS_BIN" ] || die "AWSLS_BIN=$AWSLS_BIN is not an executable file"
  else
    log "building awsls (cargo build -p awsls --release)"
    (cd "$AWSLS_REPO_DIR" && cargo build -p awsls --release --quiet) || die "cargo build failed"
    AWSLS_BIN="$AWSLS_REPO_DIR/target/release/awsls"
  fi
  AWSLS_BIN="$(cd "$(dirname "$AWSLS_BIN")" && pwd)/$(basename "$AWSLS_BIN")"
  export AWSLS_BIN
}

# Installs the Debian packages among "$@" that are not installed yet (needs root or sudo).
apt_ensure() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "apt-get install ${missing[*]}"
  if [ -z "${AWSLS_APT_UPDATED:-}" ]; then
    $sudo apt-get update -qq >/dev/null || die "apt-get update failed"
    export AWSLS_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
}

# Makes sure npm is available (Debian's nodejs + npm when absent).
ensure_npm() {
  command -v npm >/dev/null 2>&1 || apt_ensure nodejs npm
}

# Runs "$@" only when the stamp file does not hold the given key; records the key on success.
# Usage: cached STAMP_FILE KEY command args...
cached() {
  local stamp="$1" key="$2"
  shift 2
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ]; then
    return 0
  fi
  rm -f "$stamp"
  "$@" && printf '%s' "$key" >"$stamp"
}
