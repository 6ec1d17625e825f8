#!/usr/bin/env bash
# Installs the real scanners the security-scan e2e tests run, pinned, into .cache/scanners/bin (git-ignored):
# Bandit from PyPI in its own virtualenv (with the sarif extra, which its SARIF formatter needs) and Gitleaks built
# with `go install`. Idempotent: a scanner already there at the pinned version is left alone.
set -euo pipefail

BANDIT_VERSION=1.9.4
GITLEAKS_MODULE=github.com/zricethezav/gitleaks/v8
GITLEAKS_VERSION=v8.30.1

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/go-install.sh
source "$root/.ci/go-install.sh"
dir="$root/.cache/scanners"
bin="$dir/bin"
venv="$dir/bandit-venv"
mkdir -p "$bin"

bandit_ok() {
  [[ -x $bin/bandit ]] &&
    "$bin/bandit" --version 2>/dev/null | grep -q "^bandit $BANDIT_VERSION\$" &&
    # The sarif extra: without it `bandit -f sarif` is not an accepted format.
    "$venv/bin/python" -c 'import sarif_om, jschema_to_python' 2>/dev/null
}

if bandit_ok; then
  echo "scanners: bandit $BANDIT_VERSION already installed"
else
  command -v python3 >/dev/null || { echo "scanners: python3 is required to install Bandit" >&2; exit 1; }
  echo "scanners: installing bandit[sarif]==$BANDIT_VERSION from PyPI"
  rm -rf "$venv"
  if ! python3 -m venv "$venv"; then
    echo "scanners: 'python3 -m venv' failed; on Debian install the python3-venv package" >&2
    exit 1
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "bandit[sarif]==$BANDIT_VERSION"
  ln -sf "$venv/bin/bandit" "$bin/bandit"
  bandit_ok || { echo "scanners: bandit $BANDIT_VERSION did not install correctly" >&2; exit 1; }
fi

go_install_pinned scanners "$bin" gitleaks "$GITLEAKS_MODULE" "$GITLEAKS_MODULE" "$GITLEAKS_VERSION"

echo "scanners: ready in ${bin#"$root"/} (the e2e tests look there first, then PATH):"
echo "  $("$bin/bandit" --version 2>/dev/null | head -1)"
echo "  gitleaks $GITLEAKS_VERSION ($GITLEAKS_MODULE)"
