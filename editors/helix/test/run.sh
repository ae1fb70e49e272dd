#!/usr/bin/env bash
# Checks the Helix languages.toml fragment (Python 3.11+ tomllib) and that the command it names
# answers `initialize`. Helix itself is not installed: no package registry reachable here ships it.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../lib.sh"

ensure_awsls_bin
python3 -c 'import tomllib' 2>/dev/null || die "python3 with tomllib (3.11+) is needed"
timeout 120 python3 "$AWSLS_EDITORS_DIR/helix/test/test_languages_toml.py"
