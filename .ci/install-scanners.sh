#!/usr/bin/env bash
# Installs the real tools the e2e tests run, pinned, into .cache/scanners/bin (git-ignored): for security-scan,
# Bandit from PyPI in its own virtualenv (with the sarif extra, which its SARIF formatter needs), Semgrep from PyPI
# in another (it runs offline with a local rules file and --metrics off) and Gitleaks built with `go install`; for
# quality-gate, pytest with pytest-cov (and the coverage.py that writes their reports) from PyPI in another
# virtualenv. Idempotent: a tool already there at the pinned version is left alone.
set -euo pipefail

BANDIT_VERSION=1.9.4
SEMGREP_VERSION=1.185.0
GITLEAKS_MODULE=github.com/zricethezav/gitleaks/v8
GITLEAKS_VERSION=v8.30.1
PYTEST_VERSION=9.2.0
PYTEST_COV_VERSION=7.1.0
COVERAGE_VERSION=7.17.3

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/go-install.sh
source "$root/.ci/go-install.sh"
dir="$root/.cache/scanners"
bin="$dir/bin"
venv="$dir/bandit-venv"
semgrep_venv="$dir/semgrep-venv"
pytest_venv="$dir/pytest-venv"
mkdir -p "$bin"

# A fresh virtualenv at $1, or a failure saying what Debian package is missing.
new_venv() {
  command -v python3 >/dev/null || { echo "scanners: python3 is required to install $2" >&2; exit 1; }
  rm -rf "$1"
  if ! python3 -m venv "$1"; then
    echo "scanners: 'python3 -m venv' failed; on Debian install the python3-venv package" >&2
    exit 1
  fi
}

bandit_ok() {
  [[ -x $bin/bandit ]] &&
    "$bin/bandit" --version 2>/dev/null | grep -q "^bandit $BANDIT_VERSION\$" &&
    # The sarif extra: without it `bandit -f sarif` is not an accepted format.
    "$venv/bin/python" -c 'import sarif_om, jschema_to_python' 2>/dev/null
}

# Installs PyPI packages into a fresh virtualenv and links its <tool> command into $bin, unless <check> says the pinned
# version is there already; checks it again afterwards.
# Usage: pypi_tool <tool> <what, for messages> <virtualenv> <check function> <requirement>...
pypi_tool() {
  local tool=$1 what=$2 venv_dir=$3 check=$4
  shift 4
  if "$check"; then
    echo "scanners: $what already installed"
    return
  fi
  echo "scanners: installing $* from PyPI"
  new_venv "$venv_dir" "$tool"
  "$venv_dir/bin/python" -m pip install --quiet --disable-pip-version-check "$@"
  ln -sf "$venv_dir/bin/$tool" "$bin/$tool"
  "$check" || { echo "scanners: $what did not install correctly" >&2; exit 1; }
}

pypi_tool bandit "bandit $BANDIT_VERSION" "$venv" bandit_ok "bandit[sarif]==$BANDIT_VERSION"

semgrep_ok() {
  [[ -x $bin/semgrep ]] && "$bin/semgrep" --version 2>/dev/null | grep -qx "$SEMGREP_VERSION"
}

pypi_tool semgrep "semgrep $SEMGREP_VERSION" "$semgrep_venv" semgrep_ok "semgrep==$SEMGREP_VERSION"

pytest_ok() {
  [[ -x $bin/pytest ]] &&
    "$pytest_venv/bin/python" - "$PYTEST_VERSION" "$PYTEST_COV_VERSION" "$COVERAGE_VERSION" 2>/dev/null <<'PY'
import sys
from importlib.metadata import version
wanted = dict(zip(["pytest", "pytest-cov", "coverage"], sys.argv[1:]))
sys.exit(any(version(name) != pinned for name, pinned in wanted.items()))
PY
}

pypi_tool pytest "pytest $PYTEST_VERSION with pytest-cov $PYTEST_COV_VERSION" "$pytest_venv" pytest_ok \
  "pytest==$PYTEST_VERSION" "pytest-cov==$PYTEST_COV_VERSION" "coverage==$COVERAGE_VERSION"

go_install_pinned scanners "$bin" gitleaks "$GITLEAKS_MODULE" "$GITLEAKS_MODULE" "$GITLEAKS_VERSION"

echo "scanners: ready in ${bin#"$root"/} (the e2e tests look there first, then PATH):"
echo "  $("$bin/bandit" --version 2>/dev/null | head -1)"
echo "  semgrep $("$bin/semgrep" --version 2>/dev/null | head -1)"
echo "  gitleaks $GITLEAKS_VERSION ($GITLEAKS_MODULE)"
echo "  $("$bin/pytest" --version 2>/dev/null | head -1) with pytest-cov $PYTEST_COV_VERSION"
