#!/usr/bin/env bash
# CI stage: builds every benchmark program (jwtcore and its two-thread program,
# the OpenSSL and libsodium references, the cpp-jwt and libjwt peers) in
# Release with -Werror, with g++ (C++17) and clang++ (C++20), then runs each
# once, briefly. A run proves that
# the program works and that its setup checks against jwtcore passed (they
# abort otherwise); no timing is judged. Build trees go to
# JWTCORE_BENCH_BUILD_DIR (default build/ci-bench).
set -euo pipefail
cd "$(dirname "$0")/../.."

packages=(cmake g++ clang pkg-config python3 libbenchmark-dev libssl-dev libsodium-dev libcpp-jwt-dev
  nlohmann-json3-dev libjwt-dev)
scripts/ci/install_packages.sh bench-build "${packages[@]}"

# bench_sha256_x16 skips itself (exit 0, no results) on a CPU without AVX-512.
programs=(bench_jwtcore bench_threads bench_openssl bench_sodium bench_cppjwt bench_libjwt bench_sha256_x16)
root=${JWTCORE_BENCH_BUILD_DIR:-build/ci-bench}
mkdir -p "$root"

fail() {
  echo "bench-build: FAILED: $*"
  exit 1
}

# build_and_run PRESET: builds the bench preset of CMakePresets.json (compiler,
# standard, Release, -Werror) under $root, and runs each program once.
build_and_run() {
  local preset=$1 name=${1#bench-}
  local dir=$root/$name
  echo "=== bench-build: $name (preset $preset)"
  cmake --preset "$preset" -B "$dir" >"$dir.configure.log" 2>&1 ||
    { cat "$dir.configure.log" || true; fail "$name: cmake configure"; }
  # Every program must be configured here: a missing library is a failure, not a skip.
  if grep -q 'not built' "$dir.configure.log"; then
    grep 'not built' "$dir.configure.log"
    fail "$name: not every benchmark program was configured"
  fi
  cmake --build "$dir" -j 2 --target "${programs[@]}" || fail "$name: build"

  local program
  for program in "${programs[@]}"; do
    if ! "$dir/bench/$program" --benchmark_min_time=0.01 --benchmark_out="$dir/$program.json" \
      --benchmark_out_format=json >"$dir/$program.log" 2>&1; then
      tail -n 20 "$dir/$program.log" || true
      fail "$name: $program did not run through (a setup check against jwtcore stops it with a message above)"
    fi
  done

  # Every program ran every benchmark without error, and every benchmark that
  # reports the reference token's size reports 355 bytes.
  python3 - "$dir" "${programs[@]}" <<'EOF' || fail "$name: the programs' results disagree"
import json, sys

directory, programs = sys.argv[1], sys.argv[2:]
problems = []
for program in programs:
    try:
        with open(f"{directory}/{program}.json") as f:
            benchmarks = json.load(f)["benchmarks"]
    except FileNotFoundError:
        with open(f"{directory}/{program}.log") as f:
            log = f.read()
        if "skipped" not in log:
            problems.append(f"{program}: no results and no reason")
        print(f"{program}: {log.strip()}")
        continue
    if not benchmarks:
        problems.append(f"{program}: no benchmark ran")
    for b in benchmarks:
        if b.get("error_occurred"):
            problems.append(f"{program} {b['name']}: {b.get('error_message', 'error')}")
        size = b.get("signing_input_bytes")
        if size is not None and size != 355:
            problems.append(f"{program} {b['name']}: signing input of {size} bytes, not 355")
    print(f"{program}: {len(benchmarks)} benchmarks ran")
for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
EOF
}

build_and_run bench-gcc-c++17
build_and_run bench-clang-c++20
echo "bench-build: ok: ${#programs[@]} benchmark programs built with g++ (C++17) and clang++ (C++20), Release, -Werror, and each ran on the 355-byte reference token"
