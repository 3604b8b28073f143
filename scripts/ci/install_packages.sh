#!/usr/bin/env bash
# Installs the Debian packages that are not installed yet, with apt-get
# (through sudo when not root). The suite's scripts call it with their name
# and their packages:
#   scripts/ci/install_packages.sh NAME PACKAGE...
set -euo pipefail
name=$1
shift
missing=()
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "$name: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo=sudo
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
