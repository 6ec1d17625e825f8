# shellcheck shell=bash
# Sourced by the .ci/install-*.sh scripts: installs one Go program, pinned, with `go install`, unless the binary
# there was already built from that module at that version (a binary built by `go install` records both, which
# `go version -m` reads; the programs' own version commands often do not know theirs).
#
# go_install_pinned <label> <bin-dir> <name> <module> <package> <version>
#   e.g. go_install_pinned scanners "$bin" gitleaks github.com/zricethezav/gitleaks/v8 github.com/zricethezav/gitleaks/v8 v8.30.1
go_install_pinned() {
  local label=$1 dir=$2 name=$3 module=$4 package=$5 version=$6
  built_pinned() {
    [[ -x $dir/$name ]] &&
      command -v go >/dev/null &&
      go version -m "$dir/$name" 2>/dev/null | grep -Eq "^[[:space:]]+mod[[:space:]]+${module}[[:space:]]+${version}([[:space:]]|\$)"
  }
  if built_pinned; then
    echo "$label: $name $version already installed"
    return 0
  fi
  command -v go >/dev/null || { echo "$label: go is required to install $name (https://go.dev/dl/)" >&2; return 1; }
  echo "$label: building $name $version with go install"
  GOBIN="$dir" go install "$package@$version"
  built_pinned || { echo "$label: $name $version did not install correctly" >&2; return 1; }
}
