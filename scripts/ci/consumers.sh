#!/usr/bin/env bash
# Proves the packaging the way users take jwtcore in: builds and runs the small
# projects of tests/consumers/ (installed package through find_package and
# pkg-config, add_subdirectory, meson subproject, the entry points compiled
# once with JWTCORE_SEPARATE_COMPILATION by the program's own unit or by
# jwtcore::compiled / jwtcore_compiled_dep) with g++ and with clang++.
# Everything is built under a mktemp -d directory; the source tree is only read.
#   scripts/ci/consumers.sh           (JWTCORE_KEEP_CONSUMERS=1 keeps the directory)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd -P)

for tool in cmake ninja meson pkg-config python3 g++ clang++; do
  if ! command -v "$tool" >/dev/null; then
    echo "consumers: FAILED: $tool not found (Debian: cmake ninja-build meson pkg-config python3 g++ clang)"
    exit 1
  fi
done
compilers=(g++ clang++)

work=$(mktemp -d "${TMPDIR:-/tmp}/jwtcore-consumers.XXXXXX")
work=$(cd "$work" && pwd -P)
if [ "${JWTCORE_KEEP_CONSUMERS:-0}" = 1 ]; then
  echo "consumers: keeping $work"
else
  trap 'rm -rf "$work"' EXIT
fi

# The consumer projects refer to ../sign_and_verify.cpp; the meson one also
# needs subprojects/jwtcore beside it, which must not be created in the repository.
cp -R tests/consumers "$work/src"
mkdir -p "$work/src/meson_subproject/subprojects"
ln -sfn "$repo" "$work/src/meson_subproject/subprojects/jwtcore"

cmake_prefix=$work/cmake-prefix
cmake_compiled_prefix=$work/cmake-prefix-compiled
meson_prefix=$work/meson-prefix
version=$(sed -n 's/^project(jwtcore VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)

passed=0
failures=()

# verdict NAME COMMAND...: runs one consumer with its output in a log, prints
# one line, and shows the log's end when it failed.
verdict() {
  local name=$1
  shift
  local log=$work/${name//\//-}.log status
  # Not under `if`: errexit must stay in force inside the consumer's steps.
  set +e
  (
    set -e
    "$@"
  ) >"$log" 2>&1
  status=$?
  set -e
  if [ "$status" -eq 0 ]; then
    passed=$((passed + 1))
    echo "consumer $name: ok"
  else
    failures+=("$name")
    echo "consumer $name: FAILED"
    tail -n 40 "$log" | sed 's/^/  | /'
  fi
}

# The program prints "jwtcore VERSION: TOKEN" after all its own checks.
run_program() {
  local output
  output=$("$1")
  echo "$output"
  case $output in
    "jwtcore $version: eyJ"*) ;;
    *) echo "unexpected output from $1" >&2; return 1 ;;
  esac
}

cmake_install() {
  # Tools, tests and examples off: the package under test is the headers and
  # the CMake and pkg-config files, and nothing needs building for them.
  cmake -S "$repo" -B "$work/cmake-install" -G Ninja -DJWTCORE_BUILD_TESTS=OFF -DJWTCORE_BUILD_TOOLS=OFF \
    -DJWTCORE_BUILD_EXAMPLES=OFF
  cmake --build "$work/cmake-install"
  cmake --install "$work/cmake-install" --prefix "$cmake_prefix"
  test -f "$cmake_prefix/include/jwtcore/jwtcore.hpp"
  # The default package is headers only: no library, nothing architecture-specific.
  local libraries
  libraries=$(find "$cmake_prefix" -name '*.a' -o -name '*.so*')
  [ -z "$libraries" ] || { echo "the header-only package installed libraries: $libraries"; return 1; }
}

# The package with jwtcore::compiled (JWTCORE_INSTALL_COMPILED=ON), in a prefix of its own.
cmake_install_compiled() {
  cmake -S "$repo" -B "$work/cmake-install-compiled" -G Ninja -DJWTCORE_BUILD_TESTS=OFF -DJWTCORE_BUILD_TOOLS=OFF \
    -DJWTCORE_BUILD_EXAMPLES=OFF -DJWTCORE_INSTALL_COMPILED=ON
  cmake --build "$work/cmake-install-compiled"
  cmake --install "$work/cmake-install-compiled" --prefix "$cmake_compiled_prefix"
  test -f "$cmake_compiled_prefix/include/jwtcore/jwtcore.hpp"
  find "$cmake_compiled_prefix" -name 'libjwtcore_compiled.a' | grep -q . || { echo "no libjwtcore_compiled.a installed"; return 1; }
}

meson_install() {
  meson setup "$work/meson-install" "$repo" --prefix "$meson_prefix" -Dtests=false -Dtools=false
  meson install -C "$work/meson-install"
  test -f "$meson_prefix/include/jwtcore/jwtcore.hpp"
}

find_package_consumer() {
  local compiler=$1 dir=$work/find_package-$1
  cmake -S "$work/src/find_package" -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER="$compiler" \
    -DCMAKE_PREFIX_PATH="$cmake_prefix" -DJWTCORE_EXPECTED_PREFIX="$cmake_prefix" -DCMAKE_MODULE_PATH="$repo/cmake"
  cmake --build "$dir" --verbose
  run_program "$dir/consumer"
}

add_subdirectory_consumer() {
  local compiler=$1 dir=$work/add_subdirectory-$1
  cmake -S "$work/src/add_subdirectory" -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER="$compiler" \
    -DJWTCORE_SOURCE_DIR="$repo"
  cmake --build "$dir" --verbose
  run_program "$dir/consumer"
  run_program "$dir/consumer_compiled"
  check_compiled_once "$(find "$dir" -path '*consumer_compiled.dir*' -name 'sign_and_verify.cpp.o')" \
    "$(find "$dir" -name 'libjwtcore_compiled.a')"
  # The parent enabled testing for itself; none of jwtcore's tests may appear.
  local tests
  tests=$(ctest --test-dir "$dir" -N)
  echo "$tests"
  grep -q '^Total Tests: 0$' <<<"$tests"
}

meson_subproject_consumer() {
  local compiler=$1 dir=$work/meson_subproject-$1
  CXX=$compiler meson setup "$dir" "$work/src/meson_subproject" --force-fallback-for=jwtcore
  ninja -C "$dir" -v
  run_program "$dir/consumer"
  run_program "$dir/consumer_compiled"
  check_compiled_once "$(find "$dir" -path '*consumer_compiled*' -name '*sign_and_verify.cpp.o')" \
    "$(find "$dir" -name 'libjwtcore.a')"
  # The subproject must build nothing of its own but the library the second
  # program asked for: the consumers are the only other targets.
  meson introspect --targets "$dir" | python3 -c '
import json, sys
names = sorted(target["name"] for target in json.load(sys.stdin))
print("meson targets:", names)
sys.exit(names != ["consumer", "consumer_compiled", "jwtcore"])'
}

# check_compiled_once PROGRAM-OBJECT DEFINITIONS: the program's own unit only
# calls the entry points (they are undefined in its object, and no SHA-256,
# base64url or JSON code was compiled into it); DEFINITIONS (an object or a
# static library) defines them.
check_compiled_once() {
  local program_object=$1 definitions=$2 symbol
  [ -f "$program_object" ] || { echo "no object $program_object"; return 1; }
  [ -f "$definitions" ] || { echo "no object or library $definitions"; return 1; }
  for symbol in 'jwtcore::sign_into(' 'jwtcore::check_hs256_signature(' \
    'jwtcore::verifier::verify(' 'jwtcore::hs256_key::hs256_key(' 'jwtcore::jwt_key::jwt_key('; do
    nm -C "$program_object" | grep -F " U $symbol" >/dev/null || { echo "the program does not call $symbol as an external"; return 1; }
    nm -C "$definitions" | grep -E " [TW] " | grep -F "$symbol" >/dev/null || { echo "$(basename "$definitions") does not define $symbol"; return 1; }
  done
  # (The key's inline destructor, which wipes it, is the library code it keeps.)
  if nm -C "$program_object" | grep -E ' [TWt] ' |
    grep -E 'sha256_compress|sha512_compress|sha256_continue|hmac_precompute|hmac_oneshot|hmac_sha256_oneshot|base64url_|json_|hs256_(sign|stream|prepare)'; then
    echo "the program's own unit compiled library code it should only have called"
    return 1
  fi
  echo "$(basename "$program_object") calls the entry points; $(basename "$definitions") defines them"
}

# The entry points compiled once by the program's own implementation.cpp,
# against the installed package.
separate_compilation_consumer() {
  local compiler=$1 dir=$work/separate_compilation-$1
  cmake -S "$work/src/separate_compilation" -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER="$compiler" \
    -DCMAKE_PREFIX_PATH="$cmake_prefix" -DCMAKE_MODULE_PATH="$repo/cmake"
  cmake --build "$dir" --verbose
  run_program "$dir/consumer"
  check_compiled_once "$(find "$dir" -name 'sign_and_verify.cpp.o')" "$(find "$dir" -name 'implementation.cpp.o')"
}

# The entry points compiled once by the installed jwtcore::compiled.
find_package_compiled_consumer() {
  local compiler=$1 dir=$work/find_package_compiled-$1
  cmake -S "$work/src/find_package_compiled" -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER="$compiler" \
    -DCMAKE_PREFIX_PATH="$cmake_compiled_prefix" -DCMAKE_MODULE_PATH="$repo/cmake"
  cmake --build "$dir" --verbose
  run_program "$dir/consumer"
  check_compiled_once "$(find "$dir" -name 'sign_and_verify.cpp.o')" \
    "$(find "$cmake_compiled_prefix" -name 'libjwtcore_compiled.a')"
}

# pkg_config_consumer COMPILER PKGCONFIG-DIR PREFIX
pkg_config_consumer() {
  local compiler=$1 prefix=$3
  export PKG_CONFIG_PATH=$2
  local found
  found=$(pkg-config --modversion jwtcore)
  [ "$found" = "$version" ] || { echo "pkg-config found jwtcore $found, want $version"; return 1; }
  local include_dir
  include_dir=$(pkg-config --variable=includedir jwtcore)
  echo "includedir: $include_dir; cflags: $(pkg-config --cflags jwtcore)"
  # The relocatable prefix must resolve to the directory it was installed into.
  [ "$(cd "$include_dir" && pwd -P)" = "$prefix/include" ] || { echo "includedir is not $prefix/include"; return 1; }
  local program
  program=$work/pkg_config-$compiler-$(basename "$prefix")
  bash "$work/src/pkg_config/build.sh" "$compiler" "$program"
  run_program "$program"
}

verdict "cmake-install" cmake_install
verdict "cmake-install-compiled" cmake_install_compiled
verdict "meson-install" meson_install
for compiler in "${compilers[@]}"; do
  verdict "find_package/$compiler" find_package_consumer "$compiler"
  verdict "add_subdirectory/$compiler" add_subdirectory_consumer "$compiler"
  verdict "meson_subproject/$compiler" meson_subproject_consumer "$compiler"
  verdict "separate_compilation/$compiler" separate_compilation_consumer "$compiler"
  verdict "find_package_compiled/$compiler" find_package_compiled_consumer "$compiler"
  verdict "pkg_config-cmake-install/$compiler" pkg_config_consumer "$compiler" "$cmake_prefix/share/pkgconfig" \
    "$cmake_prefix"
  meson_pc_dir=$(dirname "$(find "$meson_prefix" -name jwtcore.pc -print -quit 2>/dev/null || true)")
  verdict "pkg_config-meson-install/$compiler" pkg_config_consumer "$compiler" "$meson_pc_dir" "$meson_prefix"
done

if [ ${#failures[@]} -eq 0 ]; then
  echo "consumers: ok: $passed passed (find_package, add_subdirectory, meson subproject, separate compilation, jwtcore::compiled installed, pkg-config; g++ and clang++)"
else
  echo "consumers: FAILED: ${failures[*]} ($passed passed)"
  exit 1
fi
