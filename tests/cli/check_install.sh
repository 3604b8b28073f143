#!/usr/bin/env bash
# tests/cli/check_install.sh: `cmake --install` of a build into a temporary
# prefix puts the tool, its manual page and its completions where man and the
# shells look for them, and the installed tool runs.
#   bash tests/cli/check_install.sh path/to/cmake BUILD_DIR [CONFIG]
set -u

cmake=${1:?usage: check_install.sh path/to/cmake BUILD_DIR [CONFIG]}
build=${2:?usage: check_install.sh path/to/cmake BUILD_DIR [CONFIG]}
prefix=$(mktemp -d "${TMPDIR:-/tmp}/jwtcore-install.XXXXXX") || exit 2
trap 'rm -rf "$prefix"' EXIT

"$cmake" --install "$build" --prefix "$prefix" ${3:+--config "$3"} >/dev/null || {
  echo "check_install.sh: cmake --install failed"
  exit 1
}
failed=0
for file in bin/jwtcore share/man/man1/jwtcore.1 share/bash-completion/completions/jwtcore \
  share/zsh/site-functions/_jwtcore share/fish/vendor_completions.d/jwtcore.fish; do
  [ -f "$prefix/$file" ] || {
    echo "FAIL: $file is not installed"
    failed=$((failed + 1))
  }
done
"$prefix/bin/jwtcore" --version >/dev/null || {
  echo "FAIL: the installed jwtcore does not run"
  failed=$((failed + 1))
}
if command -v man >/dev/null 2>&1 && command -v groff >/dev/null 2>&1; then
  MANPATH=$prefix/share/man LC_ALL=C.UTF-8 man jwtcore 2>/dev/null | grep -q "jwtcore verify" || {
    echo "FAIL: man does not find the installed page"
    failed=$((failed + 1))
  }
fi
echo "cli install: $failed failed"
[ "$failed" -eq 0 ]
