#!/usr/bin/env bash
# Runs every benchmark program of a build and prints one Markdown table of CPU
# times with their ratios to jwtcore's counterpart and to OpenSSL's
# 7-compression limit: the figures of bench/README.md.
#   scripts/bench_all.sh [BUILD_DIR]     default build/bench, configured with
#       -DCMAKE_BUILD_TYPE=Release -DJWTCORE_BUILD_BENCH=ON and built
# Extra arguments after BUILD_DIR go to every program (e.g. --benchmark_filter=sign).
# The programs run in JWTCORE_BENCH_ROUNDS rounds (default 7), each program
# once a round, in turn. Ratios are taken between each benchmark's best round:
# on a shared virtual machine whose speed moves between levels from one
# second to the next, programs timed at different moments are otherwise
# compared at different speeds; the best rounds are the ones at full speed.
# The JSON of each round is kept in BUILD_DIR/bench-results/.
# Then, when node and npm are installed, bench/node_peers.sh: the node JWT
# libraries beside jwtcore, in a second table (JWTCORE_BENCH_NODE=0 skips it).
# bench_threads is not run here: its wall-clock figures need an idle machine
# (bench/README.md, "Two threads"); nor is bench_sha256_x16, whose
# iterations are 16 blocks or 16 tokens (bench/README.md, "16 AVX-512 lanes").
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${1:-build/bench}
shift || true
programs_dir=$build_dir/bench
results_dir=$build_dir/bench-results

if [ ! -d "$programs_dir" ]; then
  echo "bench_all: $programs_dir does not exist: configure and build with -DJWTCORE_BUILD_BENCH=ON first" >&2
  exit 2
fi

# bench_jwtcore first: the other programs' ratios are taken to its figures.
programs=()
for name in bench_jwtcore bench_openssl bench_sodium bench_cppjwt bench_libjwt; do
  if [ -x "$programs_dir/$name" ]; then programs+=("$name"); fi
done
for path in "$programs_dir"/bench_*; do
  name=$(basename "$path")
  if [ ! -f "$path" ] || [ ! -x "$path" ] || [ "$name" = bench_threads ] || [ "$name" = bench_sha256_x16 ]; then continue; fi
  case " ${programs[*]} " in *" $name "*) ;; *) programs+=("$name") ;; esac
done
if [ ${#programs[@]} -eq 0 ]; then
  echo "bench_all: no benchmark program in $programs_dir" >&2
  exit 2
fi

mkdir -p "$results_dir"
rm -f "$results_dir"/*.json
rounds=${JWTCORE_BENCH_ROUNDS:-7}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$rounds"); do
  echo "bench_all: round $round of $rounds: ${programs[*]}" >&2
  for name in "${programs[@]}"; do
    "$programs_dir/$name" --benchmark_out="$results_dir/$name.$round.json" --benchmark_out_format=json "$@" >/dev/null
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

compiler=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build_dir/CMakeCache.txt" 2>/dev/null || true)
[ -n "$compiler" ] && compiler=$("$compiler" --version 2>/dev/null | head -n 1 || echo "$compiler")
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build_dir/CMakeCache.txt" 2>/dev/null || true)
versions=$(dpkg-query -W -f='${Package} ${Version}, ' libssl-dev libsodium-dev libcpp-jwt-dev libjwt-dev \
  libbenchmark-dev 2>/dev/null || true)

build_type=$build_type compiler=$compiler versions=$versions load_before=$load_before load_after=$load_after \
  rounds=$rounds python3 - "$results_dir" "${programs[@]}" <<'EOF'
import json, os, re, sys

results_dir, programs = sys.argv[1], sys.argv[2:]
context = os.environ
to_ns = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}

rounds = int(context["rounds"])
rows = []   # (program, benchmark, best ns, median ns) in the programs' order
best = {}   # benchmark -> best ns
for program in programs:
    times = {}  # benchmark -> CPU ns of each round, in the order first seen
    for round in range(1, rounds + 1):
        try:
            with open(f"{results_dir}/{program}.{round}.json") as f:
                report = json.load(f)
        except (FileNotFoundError, json.JSONDecodeError):  # a --benchmark_filter that matched none of its benchmarks
            continue
        for b in report["benchmarks"]:
            if b.get("run_type", "iteration") == "iteration":
                times.setdefault(b["name"], []).append(b["cpu_time"] * to_ns[b.get("time_unit", "ns")])
    for name, ns in times.items():
        ns.sort()
        rows.append((program, name, ns[0], ns[len(ns) // 2]))
        best[name] = ns[0]

# What each row is set against in bench_jwtcore (none for jwtcore's own rows).
def counterpart(name):
    base, _, arg = name.partition("/")
    if base.startswith("BM_jwtcore_"):
        return None
    if base.endswith("_7_compressions"):
        return "BM_jwtcore_7_compressions"
    if base.endswith("_4_sha512_compressions"):
        return "BM_jwtcore_4_sha512_compressions"
    if "sha512" in base:
        return ("BM_jwtcore_sha512/" + arg) if arg else None
    if base.endswith("_verify"):
        return "BM_jwtcore_verifier_verify"
    if re.search(r"_(build_and_)?sign$", base):
        return "BM_jwtcore_sign_hs256_into_claims"
    if re.search(r"hmac|_MAC", base, re.IGNORECASE):
        return "BM_jwtcore_hmac_sha256_midstates"
    if base.startswith("BM_sodium_") and arg == "16384":
        return "BM_jwtcore_portable_kernel_16KiB"  # portable C against the portable kernel
    if arg:
        return "BM_jwtcore_sha256/" + arg
    return None

limit_name = "BM_openssl_7_compressions"
limit = best.get(limit_name)

print(f"Best and median of {rounds} rounds (CPU time), {context['build_type'] or 'no build type'} build, "
      f"{context['compiler']}.")
print(f"Load average {context['load_before']} before, {context['load_after']} after; "
      + context["versions"].rstrip(", ") + ".")
if limit:
    print(f"The 7-compression limit ({limit_name}, best round): {limit:.0f} ns.")
else:
    print("The 7-compression limit is not there: bench_openssl was not built.")
print("x the limit, x jwtcore: the row's best time over the limit's, or over its jwtcore counterpart's best "
      "(above 1: slower).")
print()
print("| program | benchmark | best | median | x the limit | x jwtcore | jwtcore counterpart |")
print("|---|---|---:|---:|---:|---:|---|")
for program, name, ns, med in rows:
    peer = counterpart(name)
    versus = f"{ns / best[peer]:.2f}" if peer in best else ""
    over_limit = f"{ns / limit:.2f}" if limit else ""
    print(f"| {program} | {name} | {ns:.0f} ns | {med:.0f} ns | {over_limit} | {versus} | {peer if peer in best else ''} |")
EOF

if [ "${JWTCORE_BENCH_NODE:-1}" != 0 ]; then
  echo
  bench/node_peers.sh "$build_dir" || echo "bench_all: the node peers did not run through (see above)" >&2
fi
