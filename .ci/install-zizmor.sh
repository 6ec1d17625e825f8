#!/usr/bin/env bash
# Installs zizmor (static analysis of GitHub Actions workflows), pinned, from PyPI into its own virtualenv under
# .cache/tools (git-ignored), linked as .cache/tools/bin/zizmor. The `zizmor` step of .ci/run runs it over
# .github/workflows. Idempotent: the pinned version already there is left alone.
set -euo pipefail

ZIZMOR_VERSION=1.32.0

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.cache/tools/bin"
venv="$root/.cache/tools/zizmor-venv"
mkdir -p "$bin"

if [[ -x $bin/zizmor ]] && "$bin/zizmor" --version 2>/dev/null | grep -q "^zizmor $ZIZMOR_VERSION\$"; then
  echo "zizmor: $ZIZMOR_VERSION already installed"
  exit 0
fi
command -v python3 >/dev/null || { echo "zizmor: python3 is required to install zizmor" >&2; exit 1; }
echo "zizmor: installing zizmor==$ZIZMOR_VERSION from PyPI"
rm -rf "$venv"
python3 -m venv "$venv" || { echo "zizmor: 'python3 -m venv' failed; on Debian install the python3-venv package" >&2; exit 1; }
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "zizmor==$ZIZMOR_VERSION"
ln -sf "$venv/bin/zizmor" "$bin/zizmor"
"$bin/zizmor" --version | grep -q "^zizmor $ZIZMOR_VERSION\$" || { echo "zizmor: $ZIZMOR_VERSION did not install correctly" >&2; exit 1; }
echo "zizmor: ready in ${bin#"$root"/}/zizmor"
