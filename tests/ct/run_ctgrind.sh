#!/usr/bin/env bash
# The constant-time proof: builds tests/ct/ctgrind.cpp with g++ and clang++ at
# -O2, -O3 and -Os (six binaries, -g, the project's warning flags; -Os selects
# JWTCORE_SIZE_FIRST, whose small paths differ), runs each one plainly (its
# verdict checks must pass) and under valgrind memcheck, where the
# secrets it feeds the library are undefined: any "Conditional jump or move
# depends on uninitialised value(s)" or "Use of uninitialised value" report
# is a branch or index on secret data, and fails. Exits non-zero on any failure.
#   tests/ct/run_ctgrind.sh [BUILD_DIR]     (default: build/ctgrind)
# Needs valgrind and its headers (Debian package valgrind); installs them with
# apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

build_dir=${1:-build/ctgrind}
mkdir -p "$build_dir"

if ! command -v valgrind >/dev/null || [ ! -f /usr/include/valgrind/memcheck.h ]; then
  echo "ctgrind: installing valgrind"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends valgrind >/dev/null
fi

warnings=(-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Werror)
memcheck=(valgrind --tool=memcheck --error-exitcode=1 --track-origins=yes --read-inline-info=yes)
# What memcheck says when a secret decides a branch, a move or an address.
secret_use='Conditional jump or move depends on uninitialised value|Use of uninitialised value'

failures=()
summary=()

for compiler in g++ clang++; do
  for opt in O2 O3 Os; do
    name="ctgrind-$compiler-$opt"
    binary="$build_dir/$name"
    echo "=== $name"
    if ! "$compiler" -std=c++17 "-$opt" -g "${warnings[@]}" -Iinclude tests/ct/ctgrind.cpp -o "$binary"; then
      failures+=("$name: does not compile")
      summary+=("$name: build failed")
      continue
    fi

    # 1. Plainly: the verdicts.
    plain_status=0
    "$binary" >"$binary.plain.txt" 2>&1 || plain_status=$?
    plain_line=$(tail -n 1 "$binary.plain.txt")
    if [ "$plain_status" -ne 0 ] || ! grep -Eq '^ctgrind: [0-9]+ passed, 0 failed$' <<<"$plain_line"; then
      grep '^FAILED' "$binary.plain.txt" || true
      failures+=("$name: verdict checks failed (exit $plain_status): $plain_line")
    fi
    echo "plain:    $plain_line"

    # 2. Under memcheck: no use of a secret.
    memcheck_status=0
    "${memcheck[@]}" --log-file="$binary.memcheck.log" "$binary" >"$binary.memcheck.txt" 2>&1 || memcheck_status=$?
    reports=$(grep -Ec "$secret_use" "$binary.memcheck.log" || true)
    error_summary=$(grep -o 'ERROR SUMMARY: .*' "$binary.memcheck.log" | tail -n 1 || true)
    memcheck_line=$(tail -n 1 "$binary.memcheck.txt")
    echo "memcheck: $memcheck_line; $error_summary"
    if [ "$memcheck_status" -ne 0 ] || [ "$reports" -ne 0 ] || [ -z "$error_summary" ]; then
      grep '^FAILED' "$binary.memcheck.txt" || true
      # Each distinct report once: what memcheck saw, and the innermost frame
      # (function, header and line) where the secret decided a branch or index.
      echo "memcheck reports (details in $binary.memcheck.log):"
      grep -E -A1 "$secret_use|uninitialised byte|Invalid (read|write)" "$binary.memcheck.log" |
        sed -E 's/^==[0-9]+== +//' | grep -v '^--$' | paste - - | sort | uniq -c | sed 's/^/  /' || true
      failures+=("$name: memcheck found secret-dependent code ($reports distinct report(s); exit $memcheck_status)")
    fi
    summary+=("$name: plain \"$plain_line\"; memcheck \"$memcheck_line\", $error_summary")
  done
done

echo
echo "ctgrind summary:"
printf '  %s\n' "${summary[@]}"
if [ ${#failures[@]} -gt 0 ]; then
  echo "ctgrind: FAILED"
  printf '  %s\n' "${failures[@]}"
  echo "A memcheck report whose innermost frame is in include/jwtcore/ is a branch or index on secret"
  echo "data inside the library (or a verdict branched on before the call returns): fix the header, do"
  echo "not suppress the report. One in tests/ct/ctgrind.cpp is a bug of the test."
  exit 1
fi
echo "ctgrind: all ${#summary[@]} builds pass plainly and under memcheck"
