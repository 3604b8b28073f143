#!/usr/bin/env bash
# fuzz/run_all.sh: runs every libFuzzer harness of a build for a while, each
# from its committed seed corpus into a scratch working corpus, and fails when
# any of them reports a crash, a leak, a timeout or a sanitizer error.
# It builds nothing: configure with clang and -DJWTCORE_BUILD_FUZZ=ON first.
#
#   fuzz/run_all.sh BUILD_DIR [SECONDS_EACH]     (default 60 seconds each)
#
# The harnesses are found in BUILD_DIR/fuzz/ (or BUILD_DIR itself). New inputs
# stay in the working corpora, printed at the end, for merging (see README.md).
set -u

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 BUILD_DIR [SECONDS_EACH]" >&2
  exit 2
fi
build_dir=$1
seconds=${2:-60}
case $seconds in
  '' | *[!0-9]*) echo "$0: SECONDS_EACH must be a whole number" >&2; exit 2 ;;
esac

fuzz_dir=$(cd "$(dirname "$0")" && pwd)
harnesses="base64url json_reader json_roundtrip verify sign_verify hash_hmac"

bin_dir=$build_dir/fuzz
[ -d "$bin_dir" ] || bin_dir=$build_dir
work=$(mktemp -d "${TMPDIR:-/tmp}/jwtcore-fuzz.XXXXXX")
echo "working corpora and logs: $work"

failed=""
for name in $harnesses; do
  binary=$bin_dir/fuzz_$name
  if [ ! -x "$binary" ]; then
    echo "$name: no $binary" >&2
    failed="$failed $name(missing)"
    continue
  fi
  # A replay driver has no -max_total_time: tell it apart by libFuzzer's help.
  if ! "$binary" -help=1 2>&1 | grep -q max_total_time; then
    echo "$name: $binary is a replay driver, not a libFuzzer binary (configure with clang)" >&2
    failed="$failed $name(not-libfuzzer)"
    continue
  fi
  mkdir -p "$work/$name/corpus" "$work/$name/artifacts"
  cp "$fuzz_dir/corpus/$name/"* "$work/$name/corpus/" 2>/dev/null
  log=$work/$name/log.txt
  echo "== $name: ${seconds}s"
  "$binary" "$work/$name/corpus" \
    -dict="$fuzz_dir/jwt.dict" \
    -max_total_time="$seconds" \
    -rss_limit_mb=2048 \
    -timeout=10 \
    -print_final_stats=1 \
    -artifact_prefix="$work/$name/artifacts/" >"$log" 2>&1
  status=$?
  grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1
  # libFuzzer exits non-zero on a crash, leak, timeout or OOM; a sanitizer
  # report that somehow did not stop the run is caught by the grep.
  if [ $status -ne 0 ] || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer|UndefinedBehaviorSanitizer)|runtime error:|property violated' "$log"; then
    echo "$name: FAILED (exit $status); log: $log; reproducers:" >&2
    ls "$work/$name/artifacts" >&2
    grep -E 'ERROR|runtime error|property violated|SUMMARY' "$log" | head -n 5 >&2
    failed="$failed $name"
  fi
done

if [ -n "$failed" ]; then
  echo "failed:$failed" >&2
  exit 1
fi
echo "all harnesses ran ${seconds}s without a failure; new inputs are in $work/*/corpus"
