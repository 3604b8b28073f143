#!/usr/bin/env bash
# Runs the whole test suite the way CI does: installs what it needs with
# apt-get when missing, then builds and tests every configuration we support.
#   scripts/check.sh            everything
#   scripts/check.sh quick      one CMake build with GCC, C++17
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake g++ clang libclang-rt-14-dev ninja-build meson pkg-config doctest-dev libbenchmark-dev python3
  valgrind)
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

# cmake_suite NAME CMAKE-ARGS...: configure, build and ctest one configuration.
cmake_suite() {
  local dir=build/check/$1
  shift
  cmake -S . -B "$dir" -G Ninja -DJWTCORE_WERROR=ON -DCMAKE_BUILD_TYPE=Debug "$@" >/dev/null &&
    cmake --build "$dir" &&
    ctest --test-dir "$dir" --output-on-failure
}

meson_suite() {
  local dir=build/check/meson
  rm -rf "$dir"
  meson setup "$dir" -Dwerror=true -Dcpp_std=c++20 -Dcpp_eh=none -Dcpp_rtti=false >/dev/null &&
    meson test -C "$dir" --print-errorlogs
}

# Every compiler x standard x exception mode, compiling the programs that use
# the whole public API (examples, the tool) at -O2, where GCC warns the most.
compile_matrix() {
  local out=build/check/matrix
  mkdir -p "$out"
  local compiler std mode sources=(examples/*.cpp tools/jwtcore/cmd_mint.cpp tools/jwtcore/cmd_verify.cpp tools/jwtcore/cmd_scopes.cpp)
  for compiler in g++ clang++; do
    for std in 17 20; do
      for mode in "" "-fno-exceptions -fno-rtti"; do
        echo "$compiler -std=c++$std -O2 $mode"
        for source in "${sources[@]}"; do
          # shellcheck disable=SC2086 # $mode is deliberately split into flags
          "$compiler" -std=c++$std -O2 $mode -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion \
            -Werror -Iinclude -c "$source" -o "$out/$(basename "$source").o" || return 1
        done
      done
    done
  done
  # GCC's -O3 inlines the most and so finds the most (-Wstringop-overflow).
  echo "g++ -std=c++17 -O3"
  for source in "${sources[@]}"; do
    g++ -std=c++17 -O3 -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Werror -Iinclude \
      -c "$source" -o "$out/$(basename "$source").o" || return 1
  done
}

# The libFuzzer harnesses, built with clang, each run for a short while from
# its seed corpus (JWTCORE_FUZZ_SECONDS each, default 20); any crash, leak or
# sanitizer report fails.
fuzz_smoke() {
  local dir=build/check/fuzz
  cmake -S . -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DJWTCORE_WERROR=ON -DJWTCORE_BUILD_FUZZ=ON \
    -DJWTCORE_BUILD_TESTS=OFF -DJWTCORE_BUILD_TOOLS=OFF -DJWTCORE_BUILD_EXAMPLES=OFF >/dev/null &&
    cmake --build "$dir" &&
    fuzz/run_all.sh "$dir" "${JWTCORE_FUZZ_SECONDS:-20}"
}

no_exceptions="-fno-exceptions -fno-rtti"
sanitizers="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"

# The full suite runs four times: between them, both compilers, both
# standards, both exception modes, and the sanitizers.
# (The GCC build also replays the fuzz corpora through the replay drivers.)
check gcc-c++17 cmake_suite gcc-17 -DCMAKE_CXX_COMPILER=g++ -DCMAKE_CXX_STANDARD=17 -DJWTCORE_BUILD_FUZZ=ON
if [ "${1:-}" != quick ]; then
  check clang-c++20-no-exceptions-O2 cmake_suite clang-20-noexc -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_CXX_STANDARD=20 -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS=$no_exceptions"
  check clang-asan-ubsan cmake_suite asan -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_STANDARD=17 \
    "-DCMAKE_CXX_FLAGS=$sanitizers" "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined"
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
