#!/usr/bin/env bash
# Installs act (runs GitHub workflows locally), pinned, into .cache/tools/bin (git-ignored), built with `go install`
# from its Go module. The act tier (`pnpm test:act`) runs the reusable workflows with it, on this machine
# (`-P ubuntu-latest=-self-hosted`, no Docker). Idempotent: the pinned build is left alone.
set -euo pipefail

ACT_MODULE=github.com/nektos/act
ACT_VERSION=v0.2.89

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/go-install.sh
source "$root/.ci/go-install.sh"
bin="$root/.cache/tools/bin"
mkdir -p "$bin"

go_install_pinned act "$bin" act "$ACT_MODULE" "$ACT_MODULE" "$ACT_VERSION"
echo "act: ready in ${bin#"$root"/}/act ($("$bin/act" --version))"
