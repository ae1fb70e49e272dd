#!/usr/bin/env bash
# Runs every editor integration test (or those named as arguments: vscode neovim emacs helix)
# against one awsls binary: $AWSLS_BIN if set, else `cargo build -p awsls --release`.
# Installs go to ${AWSLS_EDITOR_CACHE:-$HOME/.cache/awsls-editors}. Exits non-zero if any test fails.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

editors=("$@")
[ "${#editors[@]}" -gt 0 ] || editors=(helix neovim emacs vscode)

ensure_awsls_bin
log "using $AWSLS_BIN"

passed=() failed=()
for editor in "${editors[@]}"; do
  script="$AWSLS_EDITORS_DIR/$editor/test/run.sh"
  [ -x "$script" ] || die "no test for editor '$editor' ($script)"
  log "=== $editor"
  start=$SECONDS
  if "$script"; then
    passed+=("$editor")
    log "=== $editor passed in $((SECONDS - start)) s"
  else
    failed+=("$editor")
    log "=== $editor FAILED in $((SECONDS - start)) s"
  fi
done

log "passed: ${passed[*]:-none}; failed: ${failed[*]:-none}"
echo "editors: ${#passed[@]} passed, ${#failed[@]} failed"
[ "${#failed[@]}" -eq 0 ]
