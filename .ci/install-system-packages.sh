#!/usr/bin/env bash
# Installs the Debian packages listed in .ci/system-packages.txt: one `apt-get update`, one `apt-get install`,
# nothing at all when the list is empty or everything is already installed.
set -euo pipefail

list="$(dirname "${BASH_SOURCE[0]}")/system-packages.txt"
mapfile -t packages < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$list" | grep -v '^$' || true)

if [[ ${#packages[@]} -eq 0 ]]; then
  echo "system packages: none listed in .ci/system-packages.txt"
  exit 0
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "system packages: already installed: ${packages[*]}"
  exit 0
fi

# Root in the CI container; a GitHub-hosted runner needs sudo.
as_root=()
if [[ $(id -u) -ne 0 ]]; then as_root=(sudo); fi
echo "system packages: installing ${missing[*]}"
# Packages such as nginx and haproxy start a system service on install; the tests start their own instances on
# loopback, so a policy-rc.d that refuses service starts keeps the machine free of daemons nobody stops.
policy=/usr/sbin/policy-rc.d
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null
  "${as_root[@]}" chmod +x "$policy"
  trap '"${as_root[@]}" rm -f "$policy"' EXIT
fi
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
