#!/usr/bin/env bash
# Consumer that knows jwtcore only through pkg-config: one plain compiler
# command line, flags from `pkg-config --cflags jwtcore`, nothing else.
#   PKG_CONFIG_PATH=PREFIX/share/pkgconfig build.sh COMPILER OUTPUT
set -euo pipefail
compiler=$1
output=$2
here=$(cd "$(dirname "$0")" && pwd)

# Header-only: the package must not ask for any library.
libs=$(pkg-config --libs jwtcore)
if [ -n "$libs" ]; then
  echo "pkg-config --libs jwtcore should be empty, got: $libs" >&2
  exit 1
fi
read -ra warnings <<<"$(cmake -P "$here/../../../cmake/jwtcore_warnings.cmake")"
# shellcheck disable=SC2046 # the flags are meant to be split
"$compiler" -std=c++17 "${warnings[@]}" -Werror $(pkg-config --cflags jwtcore) \
  "$here/../sign_and_verify.cpp" -o "$output"
