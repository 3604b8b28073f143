#!/usr/bin/env bash
# Times the node JWT libraries fast-jwt, jose and jsonwebtoken on the reference
# token (node_peers.mjs), and prints them in one Markdown table beside
# jwtcore's sign-from-text and verify figures.
#   bench/node_peers.sh [BUILD_DIR]    BUILD_DIR: a bench build (see README.md);
#       without one, only the node figures are printed.
# The packages are installed with npm into a scratch folder, removed on exit.
# Best of JWTCORE_BENCH_ROUNDS rounds (default 7), wall-clock ns per token for
# every library (real time for jwtcore too). Before timing, every library must
# sign the reference token byte for byte and accept it (node_peers.mjs stops
# the script otherwise). Without node or npm, it says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${1:-}
rounds=${JWTCORE_BENCH_ROUNDS:-7}
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "node_peers: node or npm is not installed: no node figures"
  exit 0
fi
jwtcore_bench=
if [ -n "$build_dir" ]; then
  jwtcore_bench=$build_dir/bench/bench_jwtcore
  if [ ! -x "$jwtcore_bench" ]; then
    echo "node_peers: $jwtcore_bench does not exist: build the benchmarks first" >&2
    exit 2
  fi
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
echo '{"private": true}' >"$scratch/package.json"
echo "node_peers: installing fast-jwt, jose and jsonwebtoken into $scratch" >&2
(cd "$scratch" && npm install --no-audit --no-fund --loglevel=error fast-jwt jose jsonwebtoken >&2)
# From the scratch folder, where its imports resolve.
cp bench/node_peers.mjs "$scratch/"
# Node and jwtcore in turn, one timing round each per round, so that both
# meet the machine at the same speeds; each figure is its best round.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$rounds"); do
  echo "node_peers: round $round of $rounds" >&2
  node "$scratch/node_peers.mjs" "$PWD/bench/reference_token.hpp" 1 >"$scratch/node.$round.json"
  if [ -n "$jwtcore_bench" ]; then
    "$jwtcore_bench" --benchmark_filter='^BM_jwtcore_(sign_hs256_into_payload|verifier_verify)$' \
      --benchmark_out="$scratch/jwtcore.$round.json" --benchmark_out_format=json >/dev/null 2>"$scratch/jwtcore.log" ||
      { cat "$scratch/jwtcore.log" >&2; exit 1; }
  fi
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

node_version=$(node --version) load_before=$load_before load_after=$load_after rounds=$rounds \
  python3 - "$scratch" <<'EOF'
import glob, json, os, sys

env = os.environ
rounds = [json.load(open(path)) for path in glob.glob(f"{sys.argv[1]}/node.*.json")]
rows = [(f"{name} {v['version']} (node {env['node_version']})", min(r[name]["sign_ns"] for r in rounds),
         min(r[name]["verify_ns"] for r in rounds)) for name, v in rounds[0].items()]
ours = None
best = {}
to_ns = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
for path in glob.glob(f"{sys.argv[1]}/jwtcore.*.json"):
    for b in json.load(open(path))["benchmarks"]:
        ns = b["real_time"] * to_ns[b.get("time_unit", "ns")]
        best[b["name"]] = min(ns, best.get(b["name"], ns))
if best:
    ours = (best["BM_jwtcore_sign_hs256_into_payload"], best["BM_jwtcore_verifier_verify"])
    rows.insert(0, ("jwtcore (sign_hs256_into from text, verifier::verify)", *ours))

print(f"Best of {env['rounds']} rounds, wall-clock ns per token; load average {env['load_before']} before, "
      f"{env['load_after']} after. x jwtcore: the row's time over jwtcore's (above 1: slower).")
print()
print("| library | sign | verify | sign x jwtcore | verify x jwtcore |")
print("|---|---:|---:|---:|---:|")
for name, sign, verify in rows:
    versus = f"| {sign / ours[0]:.1f} | {verify / ours[1]:.1f} |" if ours else "| | |"
    print(f"| {name} | {sign:.0f} ns | {verify:.0f} ns {versus}")
EOF
