#!/usr/bin/env bash
# Runs the whole test suite the way CI does: installs what it needs with
# apt-get when missing, then builds and tests every configuration we support.
#   scripts/check.sh            everything
#   scripts/check.sh quick      one CMake build with GCC, C++17
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake g++ clang libclang-rt-14-dev ninja-build meson pkg-config doctest-dev libbenchmark-dev python3
  valgrind man-db groff zsh fish)
scripts/ci/install_packages.sh check "${packages[@]}"

passed=0
failed=0
failures=()

# check NAME COMMAND...: runs one configuration, records its verdict, goes on.
check() {
  local name=$1 started=$SECONDS
  shift
  echo "=== check: $name"
  if "$@"; then
    passed=$((passed + 1))
    echo "=== check: $name: passed in $((SECONDS - started)) s"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "=== check: $name: FAILED after $((SECONDS - started)) s"
  fi
}

# cmake_suite PRESET: configure, build and ctest one configuration of
# CMakePresets.json (built under build/check/PRESET).
cmake_suite() {
  cmake --preset "$1" >/dev/null && cmake --build --preset "$1" && ctest --preset "$1"
}

# tsan_suite: the clang-tsan preset (tests/test_threads.cpp under ThreadSanitizer;
# any report fails), with the kernel the dispatch chooses, then with the
# portable one forced (the dispatch's environment path). Clang 14's TSan knows
# a fixed memory layout and aborts with "unexpected memory mapping" where the
# kernel randomizes mmap with more bits than it expects, so the tests run with
# ASLR off (setarch -R) wherever the container lets us; elsewhere as they are.
tsan_suite() {
  local no_aslr=()
  if setarch "$(uname -m)" -R true 2>/dev/null; then no_aslr=(setarch "$(uname -m)" -R); fi
  cmake --preset clang-tsan >/dev/null && cmake --build --preset clang-tsan &&
    "${no_aslr[@]}" ctest --preset clang-tsan &&
    JWTCORE_FORCE_KERNEL=portable "${no_aslr[@]}" ctest --preset clang-tsan
}

meson_suite() {
  local dir=build/check/meson
  rm -rf "$dir"
  meson setup "$dir" -Dwerror=true -Dcpp_std=c++20 -Dcpp_eh=none -Dcpp_rtti=false >/dev/null &&
    meson test -C "$dir" --print-errorlogs
}

# Every compiler x standard x exception mode, compiling the programs that use
# the whole public API (examples, the tool) at -O2, where GCC warns the most,
# under the warnings of cmake/jwtcore_warnings.cmake.
compile_matrix() {
  local out=build/check/matrix warnings
  mkdir -p "$out"
  read -ra warnings <<<"$(cmake -P cmake/jwtcore_warnings.cmake)"
  # compile COMPILER FLAGS...: every program's sources, as objects in $out.
  compile() {
    local source
    echo "$*"
    for source in examples/*.cpp tools/jwtcore/cmd_mint.cpp tools/jwtcore/cmd_verify.cpp tools/jwtcore/cmd_scopes.cpp; do
      "$@" "${warnings[@]}" -Werror -Iinclude -c "$source" -o "$out/$(basename "$source").o" || return 1
    done
  }
  local compiler std mode
  for compiler in g++ clang++; do
    for std in 17 20; do
      for mode in "" "-fno-exceptions -fno-rtti"; do
        # shellcheck disable=SC2086 # $mode is deliberately split into flags
        compile "$compiler" -std=c++$std -O2 $mode || return 1
      done
    done
  done
  # GCC's -O3 inlines the most and so finds the most (-Wstringop-overflow).
  compile g++ -std=c++17 -O3
}

# The libFuzzer harnesses, built with clang, each run for a short while from
# its seed corpus (JWTCORE_FUZZ_SECONDS each, default 20); any crash, leak or
# sanitizer report fails.
fuzz_smoke() {
  cmake --preset fuzz >/dev/null && cmake --build --preset fuzz && fuzz/run_all.sh build/check/fuzz "${JWTCORE_FUZZ_SECONDS:-20}"
}

# The full suite runs four times: between them, both compilers, both
# standards, both exception modes, and the sanitizers; the threads suite runs
# once more under TSan. The CMake ones are the
# presets of CMakePresets.json; each builds the suites again against every
# combination of switches that changes the code (JWTCORE_TEST_VARIANTS), but
# the sanitizer build, where the variant functions are tested directly.
# (The GCC build also replays the fuzz corpora through the replay drivers.)
check gcc-c++17 cmake_suite gcc-c++17
if [ "${1:-}" != quick ]; then
  check clang-c++20-no-exceptions-O2 cmake_suite clang-c++20-no-exceptions-O2
  check clang-asan-ubsan cmake_suite clang-asan-ubsan
  check clang-tsan tsan_suite
  check meson-gcc-c++20-no-exceptions meson_suite
  check compile-matrix compile_matrix
  check fuzz-smoke fuzz_smoke
  check constant-time tests/ct/run_ctgrind.sh build/check/ctgrind
  check cross-aarch64 scripts/ci/cross_aarch64.sh build/check/cross-aarch64
  check single-header scripts/ci/single_header.sh
  check consumers scripts/ci/consumers.sh
  check embedded env JWTCORE_EMBEDDED_BUILD=build/check/embedded scripts/ci/embedded.sh
  check bench-build scripts/ci/bench_build.sh
  check compile-cost scripts/ci/compile_cost.sh
fi

echo
[ ${#failures[@]} -gt 0 ] && echo "check: failed: ${failures[*]}"
echo "check: $passed passed, $failed failed, in $SECONDS s"
[ "$failed" -eq 0 ]
