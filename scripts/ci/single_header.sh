#!/usr/bin/env bash
# Proves single_include/jwtcore.hpp: it is what scripts/amalgamate.py makes of
# include/, it compiles alone (warnings as errors) in every supported
# configuration, the vendored consumer of tests/consumers/single_header runs,
# and it coexists with the headers of include/. Work happens under mktemp -d.
#   scripts/ci/single_header.sh      (JWTCORE_KEEP_SINGLE_HEADER=1 keeps the directory)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd -P)

for tool in python3 g++ clang++; do
  if ! command -v "$tool" >/dev/null; then
    echo "single-header: FAILED: $tool not found (Debian: python3 g++ clang)"
    exit 1
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/jwtcore-single-header.XXXXXX")
if [ "${JWTCORE_KEEP_SINGLE_HEADER:-0}" = 1 ]; then
  echo "single-header: keeping $work"
else
  trap 'rm -rf "$work"' EXIT
fi

passed=0
failures=()

# verdict NAME COMMAND...: runs one check with its output in a log, shown only on failure.
verdict() {
  local name=$1 log
  shift
  log="$work/log.$((passed + ${#failures[@]}))"
  if "$@" >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "ok      $name"
  else
    failures+=("$name")
    echo "FAILED  $name"
    sed 's/^/    /' "$log" | head -n 60
  fi
}

read -ra warnings <<<"$(cmake -P cmake/jwtcore_warnings.cmake)"
warnings+=(-Werror)

# 1. Current: the committed file is exactly what the script generates now.
verdict "amalgamate.py --check" python3 scripts/amalgamate.py --check

# ...and the check can fail: one changed line in a copy must be reported.
check_detects_change() {
  sed '$s/$/ /' single_include/jwtcore.hpp >"$work/stale.hpp"
  if python3 scripts/amalgamate.py --check --output "$work/stale.hpp"; then
    echo "--check accepted a file that differs from the generated one"
    return 1
  fi
}
verdict "amalgamate.py --check refuses a stale copy" check_detects_change

# 2. Alone: the header copied into an empty directory, with no -I to include/.
alone=$work/vendor
mkdir -p "$alone"
cp single_include/jwtcore.hpp "$alone/"
cp tests/consumers/single_header/main.cpp "$work/consumer.cpp"
cat >"$work/twice.cpp" <<'EOF'
// Included twice: the second inclusion must be a no-op. HMAC-SHA256("key",
// "message") starts with 0x6e (python3 hmac).
#include "jwtcore.hpp"
#include "jwtcore.hpp"

int main() { return jwtcore::hmac_sha256("key", "message")[0] == 0x6e ? 0 : 1; }
EOF

# compile_alone COMPILER STD FLAGS...: the double-inclusion unit and the consumer, built and run.
compile_alone() {
  local compiler=$1 std=$2 out
  shift 2
  out="$work/bin.$compiler.$std.$(echo "$*" | tr -c 'A-Za-z0-9' '_')"
  (cd "$work" && "$compiler" -std=c++"$std" -O2 "$@" "${warnings[@]}" -I"$alone" twice.cpp -o "$out.twice") &&
    "$out.twice" &&
    (cd "$work" && "$compiler" -std=c++"$std" -O2 "$@" "${warnings[@]}" -I"$alone" consumer.cpp -o "$out.consumer") &&
    "$out.consumer" &&
    JWTCORE_FORCE_KERNEL=portable "$out.consumer"
}

for compiler in g++ clang++; do
  for std in 17 20; do
    for exceptions in "" "-fno-exceptions -fno-rtti"; do
      for strings in "" "-DJWTCORE_STD_STRING=0"; do
        # shellcheck disable=SC2086 # the flag groups are deliberately split
        verdict "alone: $compiler -std=c++$std${exceptions:+ $exceptions}${strings:+ $strings}" \
          compile_alone "$compiler" "$std" $exceptions $strings
      done
    done
  done
done

# The conditional kernels survive amalgamation: the portable-only build, and the
# ARMv8 kernel (syntax only: this machine cannot link or run AArch64 code).
verdict "alone: g++ -std=c++17 -DJWTCORE_PORTABLE" compile_alone g++ 17 -DJWTCORE_PORTABLE
armv8_syntax() {
  printf '#include "jwtcore.hpp"\nstatic_assert(jwtcore::detail::armv8_kernels, "the ARMv8 kernel is not compiled in");\n' \
    >"$work/armv8.cpp"
  cat "$work/consumer.cpp" >>"$work/armv8.cpp"
  clang++ --target=aarch64-linux-gnu -march=armv8-a+crypto -std=c++17 -O2 -fsyntax-only "${warnings[@]}" -I"$alone" \
    "$work/armv8.cpp"
}
verdict "alone: clang++ --target=aarch64-linux-gnu -march=armv8-a+crypto -fsyntax-only" armv8_syntax

# 3. Next to include/: both orders, and every public header of include/ before
# the single header, must compile (the shared guards keep one definition).
# together COMPILER FIRST SECOND [-fsyntax-only]: a unit including both, built and run unless syntax only.
together() {
  local compiler=$1 first=$2 second=$3 mode=${4:-run}
  printf '#include %s\n#include %s\n\nint main() { return jwtcore::sha256("abc")[0] == 0xba ? 0 : 1; }\n' \
    "$first" "$second" >"$work/together.cpp"
  if [ "$mode" = -fsyntax-only ]; then
    "$compiler" -std=c++17 -fsyntax-only "${warnings[@]}" -I"$alone" -I"$repo/include" "$work/together.cpp"
  else
    "$compiler" -std=c++17 "${warnings[@]}" -I"$alone" -I"$repo/include" "$work/together.cpp" -o "$work/together" &&
      "$work/together"
  fi
}
for compiler in g++ clang++; do
  verdict "together: $compiler single header, then <jwtcore/jwtcore.hpp>" \
    together "$compiler" '"jwtcore.hpp"' '<jwtcore/jwtcore.hpp>'
  verdict "together: $compiler <jwtcore/jwtcore.hpp>, then the single header" \
    together "$compiler" '<jwtcore/jwtcore.hpp>' '"jwtcore.hpp"'
done
for header in include/jwtcore/*.hpp; do
  name=jwtcore/${header#include/jwtcore/}
  verdict "together: g++ <$name>, then the single header" together g++ "<$name>" '"jwtcore.hpp"' -fsyntax-only
done

# Headers of another version first must stop the build instead of mixing silently.
other_version_refused() {
  printf '#define JWTCORE_VERSION_MAJOR 999\n#define JWTCORE_VERSION_MINOR 0\n#define JWTCORE_VERSION_PATCH 0\n#include "jwtcore.hpp"\n' \
    >"$work/other_version.cpp"
  if g++ -std=c++17 -fsyntax-only -I"$alone" "$work/other_version.cpp" 2>"$work/other_version.err"; then
    echo "a unit that had another version's macros compiled"
    return 1
  fi
  grep -q "another version" "$work/other_version.err"
}
verdict "another version's headers first: refused with #error" other_version_refused

echo "single-header: $passed passed, ${#failures[@]} failed"
if [ ${#failures[@]} -ne 0 ]; then
  printf 'single-header: FAILED: %s\n' "${failures[@]}"
  exit 1
fi
echo "single-header: PASSED: single_include/jwtcore.hpp is current, compiles alone and with include/"
