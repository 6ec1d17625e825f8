#!/usr/bin/env bash
# The steps of the release workflow (.github/workflows/release.yml), one subcommand each, so they can be read, run
# and shellchecked outside YAML. docs/releasing.md says how to release and how to recover from a failed step.
#   release.sh verify TAG            the tag is vX.Y.Z, its commit is on origin/main, CHANGELOG.md has its notes
#   release.sh notes TAG             prints the notes of TAG's version from CHANGELOG.md
#   release.sh publish TAG           publishes the release of TAG (needs gh and GH_TOKEN) and checks it is immutable
#   release.sh move-major-tag TAG SHA   points vX at SHA in one API call (needs gh and GH_TOKEN)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
PNPM_SPEC="$(node -p "require('./package.json').packageManager")"

fail() {
  echo "release: $*" >&2
  exit 1
}

notes() { npx --yes "$PNPM_SPEC" exec tsx tools/checks/src/release-notes-cli.ts "$1"; }

verify() {
  local tag=$1
  notes "$tag" >/dev/null
  # fetch-depth: 0 in the workflow fetched origin/main with the tag.
  git merge-base --is-ancestor HEAD origin/main ||
    fail "$tag points at $(git rev-parse --short HEAD), which is not on main: tag a commit of main (delete this tag with 'git push --delete origin $tag')"
  echo "release: $tag is on main and CHANGELOG.md has its notes"
}

publish() {
  local tag=$1 repo=${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set} file
  file="$(mktemp)"
  notes "$tag" >"$file"
  # A draft first: the release becomes visible (and, with immutability enabled, locked) only when it is complete.
  gh release create "$tag" --repo "$repo" --verify-tag --draft --title "$tag" --notes-file "$file"
  gh release edit "$tag" --repo "$repo" --draft=false
  local immutable
  immutable="$(gh api "repos/$repo/releases/tags/$tag" --jq '.immutable')"
  [[ $immutable == true ]] ||
    fail "$tag was published but is not immutable (the API says immutable: $immutable): enable release immutability in the repository's Settings → General → Releases, then delete this release and its tag and tag again; the major tag was not moved"
  echo "release: published $tag (immutable)"
}

move_major_tag() {
  local tag=$1 sha=$2 repo=${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set} major
  major="${tag%%.*}"
  [[ $major =~ ^v[0-9]+$ ]] || fail "cannot take a major version from '$tag'"
  # PATCH moves an existing ref in one step (force: the major tag moves forward by design); POST makes the first one.
  if gh api "repos/$repo/git/ref/tags/$major" --silent 2>/dev/null; then
    gh api --method PATCH "repos/$repo/git/refs/tags/$major" -f sha="$sha" -F force=true --silent
  else
    gh api --method POST "repos/$repo/git/refs" -f ref="refs/tags/$major" -f sha="$sha" --silent
  fi
  echo "release: $major now points at $sha ($tag)"
}

case "${1:-}" in
  verify) verify "${2:?usage: release.sh verify TAG}" ;;
  notes) notes "${2:?usage: release.sh notes TAG}" ;;
  publish) publish "${2:?usage: release.sh publish TAG}" ;;
  move-major-tag) move_major_tag "${2:?usage: release.sh move-major-tag TAG SHA}" "${3:?usage: release.sh move-major-tag TAG SHA}" ;;
  *) fail "usage: release.sh verify|notes|publish|move-major-tag TAG [SHA]" ;;
esac
