#!/usr/bin/env bash
# What including jwtcore costs a user's build: compiles (-c, C++17) a unit that
# includes <jwtcore/jwtcore.hpp>, signs and checks a token, against a unit that
# only includes <string>, <optional> and <array>, with g++ and clang++ at -O0
# and -O2, and prints the median times and their ratio (target: 1.5 at most),
# header-only and with JWTCORE_SEPARATE_COMPILATION (the user's unit then only
# declares the entry points; the one unit that defines them is timed apart, a
# cost paid once per program), then where the time goes (clang -ftime-trace,
# g++ -ftime-report).
# Timings are printed, never judged: CI machines are too noisy. Only a failed
# compile fails.
#   scripts/ci/compile_cost.sh      (JWTCORE_COMPILE_COST_RUNS=N, default 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd -P)
runs=${JWTCORE_COMPILE_COST_RUNS:-5}

for tool in python3 g++ clang++; do
  if ! command -v "$tool" >/dev/null; then
    echo "compile_cost: FAILED: $tool not found (Debian: python3 g++ clang)"
    exit 1
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/jwtcore-compile-cost.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The yardstick: what a unit pays for the standard headers any user has anyway.
cat >"$work/baseline.cpp" <<'EOF'
#include <array>
#include <optional>
#include <string>

int main(int argc, char** argv) {
  std::array<char, 4> tag = {'t', 'e', 's', 't'};
  std::optional<std::string> name;
  if (argc > 1) name = std::string(argv[1]);
  return name && name->size() == tag.size() ? 0 : 1;
}
EOF

# The smallest real use: sign a token into a buffer and check it.
cat >"$work/jwtcore_user.cpp" <<'EOF'
#include <jwtcore/jwtcore.hpp>

int main(int argc, char** argv) {
  const jwtcore::hs256_key key(argc > 1 ? argv[1] : "compile-cost secret of at least thirty-two bytes");
  char token[256];
  const jwtcore::result<std::size_t> length =
      jwtcore::sign_hs256_into(key, R"({"aud":"client","scope":"read:users"})", token, sizeof(token));
  if (!length) return 2;
  return jwtcore::check_hs256_signature(key, std::string_view(token, *length)) ? 0 : 1;
}
EOF

# The one unit of a separately compiled program that defines the entry points.
cat >"$work/jwtcore_implementation.cpp" <<'EOF'
#define JWTCORE_IMPLEMENTATION
#include <jwtcore/jwtcore.hpp>
EOF

python3 - "$work" "$repo/include" "$runs" <<'EOF'
import json, os, resource, statistics, subprocess, sys, time

work, include, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
limit = 1.5
# name: (source, extra flags).
separate = ["-DJWTCORE_SEPARATE_COMPILATION=1"]
variants = {
    "baseline": ("baseline", []),
    "jwtcore": ("jwtcore_user", []),
    "separate": ("jwtcore_user", separate),
    "implementation": ("jwtcore_implementation", separate),
}


def compile_once(compiler, opt, unit, extra=()):
    """Compiles one unit; returns (wall seconds, CPU seconds of the compiler, its stderr)."""
    command = [compiler, "-std=c++17", opt, "-I" + include, *extra, "-c", os.path.join(work, unit + ".cpp"),
               "-o", os.path.join(work, unit + ".o")]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=work, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.stderr.write(" ".join(command) + "\n" + done.stdout + done.stderr)
        print(f"compile_cost: FAILED: {' '.join(command)}")
        sys.exit(1)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stderr


# CPU time (user + system of the compiler process) is the figure compared: on
# a shared machine it moves far less than wall time, which is shown beside it.
print(f"compile cost, median of {runs} compiles each (-c, -std=c++17): CPU seconds (user+system) of the "
      f"compiler, wall seconds in brackets; ratio = CPU / baseline CPU")
print(f"{'compiler':<8} {'opt':<4} {'baseline':>15} {'header-only':>15} {'ratio':>6}   "
      f"{'separate':>15} {'ratio':>6}   {'implementation unit (once)':>26}")
over, worst = [], {"header-only": (0.0, ""), "separate": (0.0, "")}
for compiler in ["g++", "clang++"]:
    for opt in ["-O0", "-O2"]:
        for unit, extra in variants.values():
            compile_once(compiler, opt, unit, extra)  # warms the file cache, not counted
        samples = {name: [] for name in variants}
        for _ in range(runs):
            for name, (unit, extra) in variants.items():  # interleaved: a burst of load hits all
                samples[name].append(compile_once(compiler, opt, unit, extra)[:2])
        wall = {n: statistics.median(x[0] for x in samples[n]) for n in variants}
        cpu = {n: statistics.median(x[1] for x in samples[n]) for n in variants}
        ratio = cpu["jwtcore"] / cpu["baseline"]
        separate_ratio = cpu["separate"] / cpu["baseline"]

        def cell(name):
            return f"{cpu[name]:.3f} ({wall[name]:.3f})"

        flags = [name for name, r in (("header-only", ratio), ("separate", separate_ratio)) if r > limit]
        print(f"{compiler:<8} {opt:<4} {cell('baseline'):>15} {cell('jwtcore'):>15} {ratio:>6.2f}   "
              f"{cell('separate'):>15} {separate_ratio:>6.2f}   {cell('implementation'):>26}"
              f"{'   over 1.5: ' + ', '.join(flags) if flags else ''}")
        sys.stdout.flush()
        for name, r in (("header-only", ratio), ("separate", separate_ratio)):
            if r > limit:
                over.append(f"{compiler} {opt} {name}")
            if r > worst[name][0]:
                worst[name] = (r, f"{compiler} {opt}")


def short(path):
    path = os.path.normpath(path)
    return path[len(include) + 1:] if path.startswith(include + "/") else path


def trace_profile(opt):
    """Where clang spends its time on the jwtcore unit, from -ftime-trace."""
    compile_once("clang++", opt, "jwtcore_user", ["-ftime-trace", "-ftime-trace-granularity=0"])
    with open(os.path.join(work, "jwtcore_user.json")) as f:
        events = [e for e in json.load(f)["traceEvents"] if e.get("ph") == "X"]
    totals = {e["name"][len("Total "):]: e["dur"] / 1e6 for e in events if e["name"].startswith("Total ")}
    # The trace records wall time of one compile: proportions again, not totals.
    print(f"\nclang++ {opt}, jwtcore unit (-ftime-trace, wall s of one compile): frontend {totals.get('Frontend', 0):.3f} s, "
          f"backend {totals.get('Backend', 0):.3f} s; within them: "
          f"source parsing {totals.get('Source', 0):.3f} s, "
          f"function parsing {totals.get('ParseFunctionDefinition', 0):.3f} s, "
          f"instantiation {totals.get('InstantiateFunction', 0) + totals.get('InstantiateClass', 0):.3f} s, "
          f"code generation {totals.get('CodeGen Function', 0):.3f} s, "
          f"optimization {totals.get('OptFunction', 0) + totals.get('OptModule', 0):.3f} s")

    # Header cost: the time inside each file's parse, less the files it includes
    # (the trace nests Source events), so each header is charged for itself.
    sources = sorted((e for e in events if e["name"] == "Source"), key=lambda e: (e["ts"], -e["dur"]))
    own, stack = {}, []
    for e in sources:
        while stack and stack[-1]["ts"] + stack[-1]["dur"] <= e["ts"]:
            stack.pop()
        path = e["args"]["detail"]
        own[path] = own.get(path, 0) + e["dur"] / 1e6
        if stack:
            parent = stack[-1]["args"]["detail"]
            own[parent] -= e["dur"] / 1e6
        stack.append(e)
    print("  headers, time in each one's own text (its includes not counted):")
    for path, seconds in sorted(own.items(), key=lambda kv: -kv[1])[:8]:
        print(f"    {seconds:7.3f} s  {short(path)}")

    for kind in ["InstantiateFunction", "ParseClass", "OptFunction"]:
        per_item = {}
        for e in events:
            if e["name"] == kind:
                detail = e.get("args", {}).get("detail", "?")
                per_item[detail] = per_item.get(detail, 0) + e["dur"] / 1e6
        if per_item:
            print(f"  {kind}, top 5 of {len(per_item)}:")
            for detail, seconds in sorted(per_item.items(), key=lambda kv: -kv[1])[:5]:
                print(f"    {seconds:7.3f} s  {detail[:110]}")


def gcc_report(opt):
    """g++ -ftime-report on the jwtcore unit: its phases, then its largest items."""
    report = compile_once("g++", opt, "jwtcore_user", ["-ftime-report"])[2]
    phases, items = [], []
    for line in report.splitlines():
        name, _, rest = line.partition(":")
        # "name : usr ( %) sys ( %) wall ( %) GGC ( %)"
        fields = rest.replace("(", " ").replace(")", " ").replace("%", " ").split()
        try:
            cpu = float(fields[0]) + float(fields[2])
        except (IndexError, ValueError):
            continue
        name = name.strip().lstrip("|")
        if name != "TOTAL":
            (phases if name.startswith("phase ") else items).append((cpu, name))
    # -ftime-report slows g++ down several times: its proportions are what counts.
    print(f"\ng++ {opt}, jwtcore unit (-ftime-report, user+system s, inflated by the report itself): "
          + ", ".join(f"{name[len('phase '):]} {cpu:.2f}" for cpu, name in phases if cpu >= 0.005))
    for cpu, name in sorted(items, reverse=True)[:6]:
        print(f"    {cpu:7.3f} s  {name}")


for opt in ["-O0", "-O2"]:
    trace_profile(opt)
for opt in ["-O0", "-O2"]:
    gcc_report(opt)

print()
worst_text = "; ".join(f"worst {name} {r:.2f} ({where})" for name, (r, where) in worst.items())
if over:
    print(f"compile_cost: ok: every unit compiles; ratio over {limit} (timings are noisy; informational) in: "
          f"{', '.join(over)}; {worst_text}")
else:
    print(f"compile_cost: ok: every unit compiles; every ratio within {limit}; {worst_text}")
EOF
