#!/usr/bin/env bash
# The ARMv8 SHA-256 and SHA-512 kernels, tested on x86 machines: cross-compiles
# the SHA-256, SHA-512, HMAC and base64url test programs for AArch64
# (statically linked), runs them under qemu-aarch64 -cpu max with the ARMv8
# kernels forced and with the portable ones forced: with the SHA-2 extension,
# then SHA-512 and HMAC with the SHA-512 instructions (ARMv8.2 +crypto+sha3) too; and
# runs the kernel tests once more from a build without the SHA-2 extension,
# where only the portable kernels may be found.
#   scripts/ci/cross_aarch64.sh [BUILD_DIR]     (default: build/cross-aarch64)
# Needs g++-aarch64-linux-gnu, qemu-user and doctest-dev; installs them with
# apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

build_dir=${1:-build/cross-aarch64}
mkdir -p "$build_dir"

packages=(g++-aarch64-linux-gnu qemu-user doctest-dev)
scripts/ci/install_packages.sh cross-aarch64 "${packages[@]}"

cxx=aarch64-linux-gnu-g++
warnings=(-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Werror)
# doctest is header-only, but the host's /usr/include cannot go on a cross
# compiler's path (it holds the host's C library headers): expose doctest alone.
mkdir -p "$build_dir/doctest-include"
ln -sfn /usr/include/doctest "$build_dir/doctest-include/doctest"
flags=(-std=c++17 -O2 "${warnings[@]}" -Iinclude -isystem "$build_dir/doctest-include"
  "-DJWTCORE_TEST_DATA_DIR=\"$PWD/tests/data\"" -static)

failures=()

# build NAME MARCH SOURCE: one test program linked with the shared doctest main.
build() {
  local name=$1 march=$2 source=$3
  echo "=== build $name ($march)"
  if ! "$cxx" "${flags[@]}" "-march=$march" tests/main.cpp "$source" -o "$build_dir/$name"; then
    failures+=("$name: does not compile")
    return 1
  fi
}

# run NAME KERNEL: runs a built program under qemu with JWTCORE_FORCE_KERNEL=KERNEL.
run() {
  local name=$1 kernel=$2 log="$build_dir/$1.$2.log"
  local status=0
  JWTCORE_FORCE_KERNEL=$kernel qemu-aarch64 -cpu max "$build_dir/$name" >"$log" 2>&1 || status=$?
  local verdict
  verdict=$(grep -E '^\[doctest\] (test cases|assertions):' "$log" | tr -s ' ' | paste -sd ';' -)
  echo "$name, JWTCORE_FORCE_KERNEL=$kernel: exit $status; $verdict"
  grep -E 'MESSAGE: (active|exercised|kernel|two-stream)' "$log" | sed 's/^.*MESSAGE: /  /' | sort -u || true
  if [ "$status" -ne 0 ]; then
    grep -E -B2 -A6 'ERROR|FAILED' "$log" | head -n 60 || true
    failures+=("$name with JWTCORE_FORCE_KERNEL=$kernel: exit $status (log: $log)")
  fi
}

# With the extension: the ARMv8 kernel is compiled in and must be the one that runs when forced
# (test_sha256_kernels checks the active kernel against the variable), and the portable one likewise.
# SHA-512 stays portable here: the SHA-512 instructions are not part of this target.
for test in sha256 sha256_kernels sha512 hmac base64url; do
  if build "test_$test" armv8-a+crypto "tests/test_$test.cpp"; then
    for kernel in armv8 portable; do run "test_$test" "$kernel"; done
  fi
done
if [ -f "$build_dir/test_sha256_kernels.armv8.log" ] &&
  ! grep -q 'MESSAGE: active SHA-256 kernel: armv8;' "$build_dir/test_sha256_kernels.armv8.log"; then
  failures+=("test_sha256_kernels: the ARMv8 kernel was not the active one when forced")
fi
if [ -f "$build_dir/test_sha512.armv8.log" ] &&
  ! grep -q 'MESSAGE: active SHA-512 kernel: portable;' "$build_dir/test_sha512.armv8.log"; then
  failures+=("test_sha512: a SHA-512 kernel other than the portable one ran without the SHA-512 instructions")
fi

# With the SHA-512 instructions: the ARMv8 SHA-512 kernel runs unless the portable one is forced,
# and must pass the SHA-384/512 CAVP and HMAC (Wycheproof, RFC 4231) suites either way.
for test in sha512 hmac; do
  if build "test_$test-sha512" armv8.2-a+crypto+sha3 "tests/test_$test.cpp"; then
    for kernel in armv8 portable; do run "test_$test-sha512" "$kernel"; done
  fi
done
if [ -f "$build_dir/test_sha512-sha512.armv8.log" ] &&
  ! grep -q 'MESSAGE: active SHA-512 kernel: armv8;' "$build_dir/test_sha512-sha512.armv8.log"; then
  failures+=("test_sha512-sha512: the ARMv8 SHA-512 kernel was not the active one when forced")
fi

# Without it: no hardware kernel exists, and forcing one must fall back to the portable kernel.
if build test_sha256_kernels-no-sha2 armv8-a tests/test_sha256_kernels.cpp; then
  run test_sha256_kernels-no-sha2 armv8
  if ! grep -q 'MESSAGE: active SHA-256 kernel: portable;' "$build_dir/test_sha256_kernels-no-sha2.armv8.log"; then
    failures+=("test_sha256_kernels-no-sha2: a kernel other than the portable one ran")
  fi
fi

echo
if [ ${#failures[@]} -gt 0 ]; then
  echo "cross-aarch64: FAILED"
  printf '  %s\n' "${failures[@]}"
  exit 1
fi
echo "cross-aarch64: the SHA-256, SHA-512, HMAC and base64url tests pass on AArch64 (qemu) with the ARMv8 and the portable kernels"
