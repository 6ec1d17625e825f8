#!/usr/bin/env bash
# Installs actionlint, pinned, into .cache/tools/bin (git-ignored), built with `go install` from its Go module.
# The `actionlint` step and the checks' integration test run it; shellcheck (a Debian package in
# system-packages.txt) lets it check the scripts inside `run:` too. Idempotent: the pinned build is left alone.
set -euo pipefail

ACTIONLINT_MODULE=github.com/rhysd/actionlint
ACTIONLINT_VERSION=v1.7.12

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/go-install.sh
source "$root/.ci/go-install.sh"
bin="$root/.cache/tools/bin"
mkdir -p "$bin"

go_install_pinned actionlint "$bin" actionlint "$ACTIONLINT_MODULE" "$ACTIONLINT_MODULE/cmd/actionlint" "$ACTIONLINT_VERSION"
echo "actionlint: ready in ${bin#"$root"/}/actionlint ($("$bin/actionlint" -version | head -1))"
