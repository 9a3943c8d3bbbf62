#!/usr/bin/env bash
# Installs the Debian packages listed in emsdk.env that are not installed yet.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../../emsdk.env"

missing=()
for pkg in $GRADPHOTO_APT_PACKAGES; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "apt.sh: installing ${missing[*]}" >&2
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
