#!/usr/bin/env bash
# Installs actionlint, pinned, into .cache/tools/bin (git-ignored), built with `go install` from its Go module.
# The `actionlint` step and the checks' integration test run it; shellcheck (a Debian package in
# system-packages.txt) lets it check the scripts inside `run:` too. Idempotent: the pinned build is left alone.
set -euo pipefail

ACTIONLINT_MODULE=github.com/rhysd/actionlint
ACTIONLINT_VERSION=v1.7.12

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.cache/tools/bin"
mkdir -p "$bin"

# A binary built by `go install` records its module and version.
actionlint_ok() {
  [[ -x $bin/actionlint ]] &&
    command -v go >/dev/null &&
    go version -m "$bin/actionlint" 2>/dev/null | grep -Eq "^[[:space:]]+mod[[:space:]]+$ACTIONLINT_MODULE[[:space:]]+$ACTIONLINT_VERSION([[:space:]]|\$)"
}

if actionlint_ok; then
  echo "actionlint: $ACTIONLINT_VERSION already installed"
else
  command -v go >/dev/null || { echo "actionlint: go is required to install actionlint (https://go.dev/dl/)" >&2; exit 1; }
  echo "actionlint: building $ACTIONLINT_VERSION with go install"
  GOBIN="$bin" go install "$ACTIONLINT_MODULE/cmd/actionlint@$ACTIONLINT_VERSION"
  actionlint_ok || { echo "actionlint: $ACTIONLINT_VERSION did not install correctly" >&2; exit 1; }
fi
echo "actionlint: ready in ${bin#"$root"/}/actionlint ($("$bin/actionlint" -version | head -1))"
