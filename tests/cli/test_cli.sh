#!/usr/bin/env bash
# tests/cli/test_cli.sh: runs the built jwtcore tool and checks its output,
# stderr and exit status for every subcommand.
#   bash tests/cli/test_cli.sh path/to/jwtcore
# The expected tokens below were computed with python3's standard library
# (hmac, hashlib, base64, json) when this test was written, independently of
# jwtcore, and are baked in: running the test needs only bash and coreutils.
set -u

bin=${1:?usage: test_cli.sh path/to/jwtcore}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac  # the tests run in a temporary directory
if [ ! -x "$bin" ]; then
  echo "test_cli.sh: $bin is not an executable" >&2
  exit 2
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jwtcore-cli.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2

passed=0
failed=0

# --- the assertion helpers ------------------------------------------------------------

# run [--stdin FILE] CMD...: runs CMD with stdin from FILE (else /dev/null);
# sets $status, $out and $err (without their final newline).
run() {
  local input=/dev/null
  if [ "$1" = --stdin ]; then
    input=$2
    shift 2
  fi
  "$@" <"$input" >"$tmp/.out" 2>"$tmp/.err"
  status=$?
  slurp out "$tmp/.out"
  slurp err "$tmp/.err"
}

# slurp VAR FILE: VAR = the file's text less its final newlines, as $(cat
# FILE) gives, without forking (the suite runs the tool about 200 times).
slurp() {
  IFS= read -r -d '' "$1" <"$2"
  while [[ ${!1} == *$'\n' ]]; do printf -v "$1" '%s' "${!1%$'\n'}"; done
}

pass() { passed=$((passed + 1)); }
fail() {
  failed=$((failed + 1))
  printf 'FAIL: %s\n  %s\n  status=%s\n  stdout: %s\n  stderr: %s\n' "$1" "$2" "$status" "$out" "$err"
}

# expect NAME STATUS [STDOUT]: the exit status, and stdout exactly when given;
# on success stderr must be empty.
expect() {
  if [ "$status" -ne "$2" ]; then
    fail "$1" "expected exit status $2"
  elif [ $# -ge 3 ] && [ "$out" != "$3" ]; then
    fail "$1" "expected stdout: $3"
  elif [ "$2" -eq 0 ] && [ -n "$err" ]; then
    fail "$1" "expected an empty stderr"
  else
    pass
  fi
}

# expect_error NAME STATUS COMMAND KIND [SUBSTRING]: a refusal: the status,
# nothing on stdout, and exactly one stderr line "jwtcore: COMMAND: KIND: ..."
# that contains SUBSTRING when given.
expect_error() {
  local newlines=${err//[!$'\n']/}
  if [ "$status" -ne "$2" ]; then
    fail "$1" "expected exit status $2"
  elif [ -n "$out" ]; then
    fail "$1" "expected nothing on stdout"
  elif [ -n "$newlines" ] || [ -z "$err" ]; then
    fail "$1" "expected exactly one line on stderr"
  elif [[ "$err" != "jwtcore: $3: $4: "* ]]; then
    fail "$1" "expected stderr to start with 'jwtcore: $3: $4: '"
  elif [ $# -ge 5 ] && [[ "$err" != *"$5"* ]]; then
    fail "$1" "expected stderr to contain: $5"
  else
    pass
  fi
}

# check NAME CONDITION-COMMAND...: a free-form assertion.
check() {
  local name=$1
  shift
  if "$@"; then pass; else fail "$name" "condition failed: $*"; fi
}

contains() { [[ "$1" == *"$2"* ]]; }
lacks() { [[ "$1" != *"$2"* ]]; }

# --- fixtures: secrets in files, and tokens computed by python3 -----------------------

printf '%s\n' 'jwtcore-cli-test-secret-0123456789abcdef' >secret          # 40 bytes + newline
printf '%s\n' 'jwtcore-cli-test-OLD-secret-before-rotation' >old.secret   # the secret before a rotation
printf '%s' 'jwtcore-cli-test-secret-0123456789abcdef' >secret.nonl      # no trailing newline
printf '%s\r\n' 'jwtcore-cli-test-secret-0123456789abcdef' >secret.crlf  # a Windows line end
printf '%s\n' 'short-secret' >short.secret                              # 12 bytes
: >empty.secret
# 43 binary bytes (200..239, then \n \0 \r), base64url-encoded as tenant secrets were.
printf '%s\n' 'yMnKy8zNzs_Q0dLT1NXW19jZ2tvc3d7f4OHi4-Tl5ufo6err7O3u7woADQ' >b64.secret
printf '%s\n' 'this is not base64url!' >notb64.secret
printf '%s\n' 'yMnKy8zNzs+Q0dLT1NXW19jZ2tvc3d7f4OHi4/Tl5ufo6err7O3u7woADQ==' >b64-standard.secret
printf '%s\n' 'jwtcore-cli-test-HS384-secret-0123456789abcdefgh' >secret384                 # 48 bytes
printf '%s\n' 'jwtcore-cli-test-HS512-secret-0123456789abcdefghijklmnopqrstuvwx' >secret512 # 64 bytes

# mint --aud test-client --iss https://tenant.example.com/ --sub svc-backup --scope read:users
#      --scope update:clients --scope read:users --now 1700000000 --expires-in 3600 --jti test-jti-1
T_FULL=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL3RlbmFudC5leGFtcGxlLmNvbS8iLCJzdWIiOiJzdmMtYmFja3VwIiwiYXVkIjoidGVzdC1jbGllbnQiLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwMzYwMCwianRpIjoidGVzdC1qdGktMSIsInNjb3BlIjoicmVhZDp1c2VycyB1cGRhdGU6Y2xpZW50cyJ9.P42ZBvVong9A9XEN8Z91zKu2ZRB9d0Ecim6V-jylT_Y
P_FULL='{"iss":"https://tenant.example.com/","sub":"svc-backup","aud":"test-client","iat":1700000000,"exp":1700003600,"jti":"test-jti-1","scope":"read:users update:clients"}'
# mint --aud test-client --scope read:users --scope update:users --scope read:clients --scope read:users
#      --legacy-scopes --no-exp --jti j2 --now 1700000000
T_LEGACY=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJ0ZXN0LWNsaWVudCIsImlhdCI6MTcwMDAwMDAwMCwianRpIjoiajIiLCJzY29wZXMiOnsidXNlcnMiOnsiYWN0aW9ucyI6WyJyZWFkIiwidXBkYXRlIl19LCJjbGllbnRzIjp7ImFjdGlvbnMiOlsicmVhZCJdfX19.wmQvtgrzA_fDx7ldDVzFwRu41M_sDGuEvjY8lWdQga4
P_LEGACY='{"aud":"test-client","iat":1700000000,"jti":"j2","scopes":{"users":{"actions":["read","update"]},"clients":{"actions":["read"]}}}'
# mint --aud test-client --scope read:users --now 1700000000 --no-jti (default exp: iat + 86400)
T_NOJTI=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJ0ZXN0LWNsaWVudCIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDg2NDAwLCJzY29wZSI6InJlYWQ6dXNlcnMifQ.vbVdpXrVrfx8yukbEbQlJ8b33p19EP6IG2t2dv0zHE8
# the same claims with --jti j3, signed with the OLD secret under "kid":"k-old"
T_KID=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6Imstb2xkIn0.eyJhdWQiOiJ0ZXN0LWNsaWVudCIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiJqMyIsInNjb3BlIjoicmVhZDp1c2VycyJ9.7ARvrNePX9NtLCer7yTIgnNgdAcSc6q_e3KZUMerkjw
# --jti j4, signed with the 43 decoded binary bytes of b64.secret
T_BIN=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJ0ZXN0LWNsaWVudCIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiJqNCIsInNjb3BlIjoicmVhZDp1c2VycyJ9.lXKYyfmyfMZD4k64-yMk4hw59aSFYY7wM91RlXXFlZg
# --jti j5, signed with the 12-byte "short-secret"
T_SHORT=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJ0ZXN0LWNsaWVudCIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiJqNSIsInNjb3BlIjoicmVhZDp1c2VycyJ9.8UNpu2wJNgTKVJfmIPB2eLP0aWUhOy2HcTZ4qCXyNwM
# made by python alone (its own member order and spacing, aud an array), signed with `secret`
T_PYTHON=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6ICJyZWFkOnVzZXJzIHJlYWQ6Y2xpZW50cyIsICJhdWQiOiBbIm90aGVyIiwgInRlc3QtY2xpZW50Il0sICJleHAiOiAxNzAwMDg2NDAwLCAiaWF0IjogMTcwMDAwMDAwMCwgImp0aSI6ICJweS0xIn0.U7OvXzgrMCYfmpvDoymrlar5dDLNjVzBtL4XSsOMFlk
P_PYTHON='{"scope": "read:users read:clients", "aud": ["other", "test-client"], "exp": 1700086400, "iat": 1700000000, "jti": "py-1"}'
# a valid token without aud: {"iat":1700000000,"exp":1700086400,"jti":"j6"}, signed with `secret`
T_NO_AUD=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDA4NjQwMCwianRpIjoiajYifQ.BqZ0PUPjDT7u4_r8NP_g1_uzlRT4zUf_R6N74wYCtfk
# mint --alg HS384 --secret-file secret384 --aud test-client --scope read:users --now 1700000000 --jti j7
T_HS384=eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJ0ZXN0LWNsaWVudCIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiJqNyIsInNjb3BlIjoicmVhZDp1c2VycyJ9.oRZhsVEefx1pII-rKRJsjAiYfAvZcKd4QDZoRH9C1DAt5tFQT3hy2dcOGCVRaFyV
# the same with --alg HS512 --secret-file secret512 --kid k-512 --jti j8
T_HS512=eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCIsImtpZCI6ImstNTEyIn0.eyJhdWQiOiJ0ZXN0LWNsaWVudCIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiJqOCIsInNjb3BlIjoicmVhZDp1c2VycyJ9.i0emBeLMOno7njQjHIfwFetHFdQgfjSiAwpiAd9vwSeTY2hAbrNIpnSevM_Tm07F6zq6FnstKJmLjeNHnKzigQ
# {"aud":"test-client","exp":1700086400,"nbf":"soon"}, signed with `secret`
T_NBF_STRING=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJ0ZXN0LWNsaWVudCIsImV4cCI6MTcwMDA4NjQwMCwibmJmIjoic29vbiJ9.ZOSFLAhCf0OjVLP7U3msiDIj07wRFINmntoWLStYols
# {"aud":["test-client",7],"exp":1700086400}
T_AUD_NUMBER=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOlsidGVzdC1jbGllbnQiLDddLCJleHAiOjE3MDAwODY0MDB9.OmtX517VH9DHur_J7-c_JDP5LMP4K1wgnexCBs04cls
# {"aud":"test-client","exp":1e300}
T_EXP_HUGE=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJ0ZXN0LWNsaWVudCIsImV4cCI6MWUzMDB9.QVkxRZnQwciAYymdh54pGprDfeQrPIvgrZyvekMeExE
# {"aud":"test-client","iat":1700000000}: no exp
T_NO_EXP=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJ0ZXN0LWNsaWVudCIsImlhdCI6MTcwMDAwMDAwMH0.I8D7mICnftwNRrLBSQogQyAFV9DjKtPLBjSX0W03NFE
# JWKs: k is python's base64url (unpadded) of secret, old.secret, secret384 and secret512
K_SECRET=and0Y29yZS1jbGktdGVzdC1zZWNyZXQtMDEyMzQ1Njc4OWFiY2RlZg
K_OLD=and0Y29yZS1jbGktdGVzdC1PTEQtc2VjcmV0LWJlZm9yZS1yb3RhdGlvbg
K_384=and0Y29yZS1jbGktdGVzdC1IUzM4NC1zZWNyZXQtMDEyMzQ1Njc4OWFiY2RlZmdo
K_512=and0Y29yZS1jbGktdGVzdC1IUzUxMi1zZWNyZXQtMDEyMzQ1Njc4OWFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eA
RSA_JWK='{"kty":"RSA","kid":"rsa-1","use":"sig","alg":"RS256","n":"0vx7agoebGcQSuuPiLJXZpt","e":"AQAB"}'
# T_HS512's claims under the header {"alg":"HS512","typ":"JWT","kid":"other"}
T_HS512_OTHER=eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCIsImtpZCI6Im90aGVyIn0.eyJhdWQiOiJ0ZXN0LWNsaWVudCIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiJqOCIsInNjb3BlIjoicmVhZDp1c2VycyJ9.5NOJ1QwWW05buC7jdGG1LUjZ5zzvkX2mgWtfJVFtMT_sJ6jyDOUTh7VoqhzWxEDcxKPf_4onJZdaRJy1lbXDpQ
# {"alg":"none"} with a junk signature
T_ALG_NONE=eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJhdWQiOiJ0ZXN0LWNsaWVudCIsImV4cCI6MTcwMDA4NjQwMH0.eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHg

NOW=1700000000
LATER=1700000001
banner='# signature NOT checked: this is what the token claims, not what is true'

# --- help and version -----------------------------------------------------------------

run "$bin" --help
expect "tool --help" 0
check "tool --help lists the commands" contains "$out" "mint     build the claims"
check "tool --help gives the exit statuses" contains "$out" "2  usage or input error"
run "$bin" --version
expect "--version" 0
check "--version names the tool" contains "$out" "jwtcore "
for command in mint sign verify decode revoke scopes jwk; do
  run "$bin" "$command" --help
  expect "$command --help" 0
  check "$command --help starts with its usage" contains "${out%%$'\n'*}" "usage: jwtcore $command"
  check "$command --help gives the exit status" contains "$out" "exit status"
  run "$bin" help "$command"
  expect "help $command" 0
done
run "$bin" mint --help --aud x
expect "--help wins over other flags" 0
check "mint --help documents --secret-base64url" contains "$(
  "$bin" mint --help
)" "--secret-base64url"
check "verify --help documents --kid" contains "$("$bin" verify --help)" "--kid NAME"

# --- usage errors (exit 2) ------------------------------------------------------------

run "$bin"
[[ "$err" == "jwtcore: usage: "* ]] && [ "$status" -eq 2 ] && pass || fail "no command" "expected 'jwtcore: usage: ...' and 2"
run "$bin" frobnicate
[[ "$err" == "jwtcore: usage: unknown command \"frobnicate\""* ]] && [ "$status" -eq 2 ] && pass ||
  fail "unknown command" "expected exit 2 naming the command"
run "$bin" mint --secret-file secret --aud test-client --scope read:users --frob
expect_error "mint: unknown flag" 2 mint usage "unknown option \"--frob\""
run "$bin" verify --frob=1 --secret-file secret "$T_FULL"
expect_error "verify: unknown flag" 2 verify usage "unknown option \"--frob\""
run "$bin" decode --frob "$T_FULL"
expect_error "decode: unknown flag" 2 decode usage "--frob"
run "$bin" revoke --frob "$T_FULL"
expect_error "revoke: unknown flag" 2 revoke usage "--frob"
run "$bin" scopes --frob
expect_error "scopes: unknown flag" 2 scopes usage "--frob"
run "$bin" mint --secret hunter2-the-secret --aud test-client --scope read:users
expect_error "--secret does not exist" 2 mint usage "--secret does not exist"
run "$bin" mint --secret=hunter2-the-secret --aud test-client --scope read:users
expect_error "--secret=VALUE does not exist" 2 mint usage "--secret-file"
check "--secret=VALUE: the value is not echoed" lacks "$err" "hunter2"
run "$bin" verify --secret hunter2-the-secret "$T_FULL"
expect_error "verify --secret does not exist" 2 verify usage "--secret does not exist"
run "$bin" mint --secret-file secret --scope read:users
expect_error "mint: --aud is required" 2 mint usage "--aud"
run "$bin" mint --secret-file secret --aud test-client
expect_error "mint: a scope is required" 2 mint usage "--scope"
run "$bin" mint --aud test-client --scope read:users
expect_error "mint: a secret is required" 2 mint usage "secret is required"
run "$bin" mint --secret-file secret --secret-file old.secret --aud test-client --scope read:users
expect_error "mint: one secret only" 2 mint usage "only one secret"
run "$bin" mint --secret-file secret --aud a --aud b --scope read:users
expect_error "mint: --aud twice" 2 mint usage "only once"
run "$bin" mint --secret-file secret --aud test-client --scope read:users --expires-in 60 --no-exp
expect_error "mint: --expires-in with --no-exp" 2 mint usage "exclude each other"
run "$bin" mint --secret-file secret --aud test-client --scope read:users --jti x --no-jti
expect_error "mint: --jti with --no-jti" 2 mint usage "exclude each other"
run "$bin" mint --secret-file secret --aud test-client --scope read:users --now 17e8
expect_error "mint: --now junk" 2 mint usage "not a whole number"
run "$bin" mint --secret-file secret --aud test-client --scope read:users --now ' 1'
expect_error "mint: --now with a space" 2 mint usage "not a whole number"
run "$bin" mint --secret-file secret --aud test-client --scope read:users --now +1
expect_error "mint: --now with a plus" 2 mint usage "not a whole number"
run "$bin" mint --secret-file secret --aud test-client --scope read:users --now=-1
expect_error "mint: --now negative" 2 mint usage "at least 0"
run "$bin" mint --secret-file secret --aud test-client --scope read:users --now 99999999999999999999
expect_error "mint: --now overflow" 2 mint usage "out of range"
run "$bin" mint --secret-file secret --aud test-client --scope read:users --expires-in -60
expect_error "mint: --expires-in negative" 2 mint usage "at least 0"
run "$bin" mint --secret-file secret --aud test-client --scope read:users --now 9223372036854775807
expect_error "mint: exp overflow" 2 mint usage "--expires-in"
run "$bin" mint --secret-file secret --aud test-client --scope read:users --now
expect_error "mint: --now without a value" 2 mint usage "needs a value"
run "$bin" mint --secret-file secret --aud test-client --scope read:users --no-exp=yes
expect_error "mint: a flag with a value" 2 mint usage "takes no value"
run "$bin" mint --secret-file secret --aud test-client --scope read:users stray
expect_error "mint: a stray positional" 2 mint usage "no positional"
run "$bin" verify --secret-file secret --now 1 --leeway -5 "$T_FULL"
expect_error "verify: --leeway negative" 2 verify usage "at least 0"
run "$bin" verify --secret-file secret --leeway 5s "$T_FULL"
expect_error "verify: --leeway junk" 2 verify usage "not a whole number"
run "$bin" verify --secret-file secret
expect_error "verify: no token" 2 verify usage "missing"
run "$bin" verify "$T_FULL"
expect_error "verify: no secret" 2 verify usage "secret is required"
run "$bin" verify --secret-file secret "$T_FULL" "$T_FULL"
expect_error "verify: two tokens" 2 verify usage "one token"
run "$bin" verify --secret-file secret --require-scope 'read users' "$T_FULL"
expect_error "verify: malformed --require-scope" 2 verify usage "not a scope"
run "$bin" verify --kid k1 --secret-file secret "$T_FULL"
expect_error "verify: --kid before any secret" 2 verify usage "--kid"
run --stdin secret "$bin" verify --secret-file - -
expect_error "verify: secret and token both from stdin" 2 verify usage "both come from stdin"
run "$bin" decode
expect_error "decode: no token" 2 decode usage "missing"
run "$bin" revoke
expect_error "revoke: no token" 2 revoke usage "missing"

# --- secrets --------------------------------------------------------------------------

run "$bin" mint --secret-file missing.secret --aud test-client --scope read:users
expect_error "unreadable secret file" 2 mint input "missing.secret"
run "$bin" mint --secret-file . --aud test-client --scope read:users
expect_error "a directory as secret file" 2 mint input "cannot read the secret"
run "$bin" mint --secret-file empty.secret --aud test-client --scope read:users
expect_error "empty secret" 2 mint input "empty"
run "$bin" mint --secret-file short.secret --aud test-client --scope read:users --now $NOW --jti j5
expect_error "short secret refused" 2 mint key_too_short "--allow-short-secret"
run "$bin" mint --secret-file short.secret --allow-short-secret --aud test-client --scope read:users --now $NOW --jti j5
expect "short secret allowed with --allow-short-secret (python's bytes)" 0 "$T_SHORT"
run "$bin" verify --secret-file short.secret --now $LATER "$T_SHORT"
expect_error "verify: short secret refused" 2 verify key_too_short
run "$bin" verify --secret-file short.secret --allow-short-secret --now $LATER "$T_SHORT"
expect "verify: short secret allowed" 0
run "$bin" mint --secret-file b64.secret --secret-base64url --aud test-client --scope read:users --now $NOW --jti j4
expect "--secret-base64url: binary secret decoded (python's bytes)" 0 "$T_BIN"
run "$bin" verify --secret-file b64.secret --secret-base64url --now $LATER "$T_BIN"
expect "verify --secret-base64url" 0
run "$bin" verify --secret-file b64.secret --now $LATER "$T_BIN"
expect_error "base64url secret used undecoded" 1 verify bad_signature
run "$bin" mint --secret-file b64-standard.secret --secret-base64url --aud test-client --scope read:users
expect_error "--secret-base64url refuses padded standard base64" 2 mint bad_base64url_padding "--secret-base64url"
run "$bin" mint --secret-file notb64.secret --secret-base64url --aud test-client --scope read:users
expect_error "--secret-base64url refuses text outside the alphabet" 2 mint bad_base64url_char "notb64.secret"

FULL_ARGS=(--aud test-client --iss https://tenant.example.com/ --sub svc-backup --scope read:users
  --scope update:clients --scope read:users --now $NOW --expires-in 3600 --jti test-jti-1)
run "$bin" mint --secret-file secret "${FULL_ARGS[@]}"
expect "mint: exact token (python's bytes), duplicates folded" 0 "$T_FULL"
check "mint prints the token and one newline" [ "$(wc -c <"$tmp/.out")" -eq $((${#T_FULL} + 1)) ]
run "$bin" mint "${FULL_ARGS[@]}" --secret-file=secret.nonl
expect "secret file without a trailing newline" 0 "$T_FULL"
run "$bin" mint --secret-file secret.crlf "${FULL_ARGS[@]}"
expect "secret file ending in CRLF" 0 "$T_FULL"
run --stdin secret "$bin" mint --secret-file - "${FULL_ARGS[@]}"
expect "secret from stdin" 0 "$T_FULL"
JWTCORE_TEST_SECRET=jwtcore-cli-test-secret-0123456789abcdef run "$bin" mint --secret-env JWTCORE_TEST_SECRET "${FULL_ARGS[@]}"
expect "secret from the environment" 0 "$T_FULL"
run env -u JWTCORE_UNSET_VARIABLE "$bin" mint --secret-env JWTCORE_UNSET_VARIABLE "${FULL_ARGS[@]}"
expect_error "unset --secret-env" 2 mint input "JWTCORE_UNSET_VARIABLE"
run "$bin" mint --secret-file secret --aud test-client --scope "read:users update:clients read:users" \
  --iss https://tenant.example.com/ --sub svc-backup --now $NOW --expires-in 3600 --jti test-jti-1
expect "one --scope with several space-separated scopes" 0 "$T_FULL"

# --- mint: claim shapes ---------------------------------------------------------------

run "$bin" mint --secret-file secret --aud test-client --scope read:users --scope update:users --scope read:clients \
  --scope read:users --legacy-scopes --no-exp --jti j2 --now $NOW
expect "legacy scopes object, --no-exp (python's bytes)" 0 "$T_LEGACY"
run "$bin" mint --secret-file secret --aud test-client --scope read:users --now $NOW --no-jti
expect "--no-jti, default exp = iat + 86400 (python's bytes)" 0 "$T_NOJTI"
run "$bin" mint --secret-file old.secret --kid k-old --aud test-client --scope read:users --now $NOW --jti j3
expect "--kid in the header (python's bytes)" 0 "$T_KID"

run "$bin" mint --secret-file secret --aud test-client --scope read:users --now $NOW
token_a=$out
run "$bin" verify --secret-file secret --now $LATER "$token_a"
expect "default exp and random jti verify" 0
check "default exp is iat + 86400" contains "$out" '"iat":1700000000,"exp":1700086400,'
[[ "$out" =~ \"jti\":\"[0-9a-f]{32}\" ]] && pass || fail "default jti is 32 hex digits" "payload: $out"
run "$bin" mint --secret-file secret --aud test-client --scope read:users --now $NOW
check "two default jtis differ" [ "$out" != "$token_a" ]

before=$(date +%s)
run "$bin" mint --secret-file secret --aud test-client --scope read:users
token_now=$out
after=$(date +%s)
run "$bin" verify --secret-file secret "$token_now"
expect "default iat from the clock verifies against the clock" 0
iat=$(printf '%s' "$out" | sed -n 's/.*"iat":\([0-9]*\).*/\1/p')
check "default iat is now (lower bound)" [ "${iat:-0}" -ge "$before" ]
check "default iat is now (upper bound)" [ "${iat:-0}" -le "$after" ]

# --- mint: scope errors (exit 2) ------------------------------------------------------

run "$bin" mint --secret-file secret --aud test-client --scope read:users --scope read:current_user
expect_error "current_user scope refused" 2 mint current_user_scope "that user's own token"
check "  ... naming the scope" contains "$err" '"read:current_user"'
run "$bin" mint --secret-file secret --aud test-client --scope update:current_user_metadata
expect_error "update:current_user_metadata refused" 2 mint current_user_scope
run "$bin" mint --secret-file secret --aud test-client --scope Read:users
expect_error "malformed scope (upper case)" 2 mint malformed_scope '"Read:users"'
run "$bin" mint --secret-file secret --aud test-client --scope readusers
expect_error "malformed scope (no colon)" 2 mint malformed_scope
run "$bin" mint --secret-file secret --aud test-client --scope 'read:users  update:users'
expect_error "malformed scope (double space)" 2 mint malformed_scope '""'
run "$bin" mint --secret-file secret --aud test-client --scope $'read:users\nx'
expect_error "a newline in a scope stays on one stderr line" 2 mint malformed_scope '\n'
run "$bin" mint --secret-file secret --aud test-client --scope read:user --strict-scopes
expect_error "--strict-scopes: unknown scope" 2 mint unknown_scope 'did you mean "read:users"?'
run "$bin" mint --secret-file secret --aud test-client --scope read:user --now $NOW
expect "without --strict-scopes any well-formed scope is accepted" 0
run "$bin" mint --secret-file secret --aud test-client --scope frobnicate:everything --strict-scopes
expect_error "--strict-scopes: nothing close" 2 mint unknown_scope "jwtcore scopes"
run "$bin" mint --secret-file secret --aud test-client --scope read:users --scope blacklist:tokens --strict-scopes
expect "--strict-scopes: known scopes pass" 0

# --- verify ---------------------------------------------------------------------------

VERIFY=(--secret-file secret --aud test-client --iss https://tenant.example.com/ --now $LATER)
run "$bin" verify "${VERIFY[@]}" --require-scope read:users --require-scope update:clients "$T_FULL"
expect "verify: payload printed as signed" 0 "$P_FULL"
printf '%s\n' "$T_FULL" >token.txt
run --stdin token.txt "$bin" verify "${VERIFY[@]}" -
expect "verify: token from stdin" 0 "$P_FULL"
run "$bin" verify "${VERIFY[@]}" -- "$T_FULL"
expect "verify: token after --" 0 "$P_FULL"
run "$bin" verify --secret-file secret --aud test-client --now $LATER "$T_PYTHON"
expect "verify: a token made by python (aud array, spacing kept)" 0 "$P_PYTHON"
run "$bin" verify --secret-file secret --aud test-client --now 1700003600 "$T_FULL"
expect_error "verify: expired at exp" 1 verify expired "the token has expired"
check "  ... exactly the documented line" [ "$err" = "jwtcore: verify: expired: the token has expired" ]
run "$bin" verify --secret-file secret --aud test-client --now 1700003600 --leeway 1 "$T_FULL"
expect "verify: --leeway accepts it" 0
run "$bin" verify --secret-file secret --aud other-client --now $LATER "$T_FULL"
expect_error "verify: wrong --aud" 1 verify wrong_audience
run "$bin" verify --secret-file secret --iss https://evil.example.com/ --now $LATER "$T_FULL"
expect_error "verify: wrong --iss" 1 verify wrong_issuer
run "$bin" verify --secret-file secret --require-scope delete:users --now $LATER "$T_FULL"
expect_error "verify: missing --require-scope" 1 verify missing_scope
run "$bin" verify --secret-file secret --now $LATER --allow-no-exp --require-scope update:users "$T_LEGACY"
expect "verify: legacy scopes grant, --allow-no-exp" 0 "$P_LEGACY"
run "$bin" verify --secret-file secret --now $LATER "$T_LEGACY"
expect_error "verify: no exp refused by default" 1 verify missing_exp
run "$bin" verify --secret-file secret --now 1699999000 --reject-future-iat "$T_FULL"
expect_error "verify: --reject-future-iat" 1 verify issued_in_future
run "$bin" verify --secret-file secret --now 1699999000 "$T_FULL"
expect "verify: a future iat is accepted by default" 0
run "$bin" verify --secret-file old.secret --now $LATER "$T_FULL"
expect_error "verify: wrong secret" 1 verify bad_signature
run "$bin" verify --secret-file secret --now $LATER "${T_FULL%?}A"
expect_error "verify: tampered signature" 1 verify bad_signature
run "$bin" verify --secret-file secret --now $LATER "not-a-token"
expect_error "verify: malformed" 1 verify malformed
run "$bin" verify --secret-file secret --now $LATER "$T_ALG_NONE"
expect_error "verify: alg none" 1 verify alg_not_allowed

# rotation: a key set from several secrets
run "$bin" verify --secret-file secret --secret-file old.secret --now $LATER "$T_KID"
expect "rotation: old token verifies with new + old secrets" 0
run "$bin" verify --secret-file secret --now $LATER "$T_KID"
expect_error "rotation: only the new secret" 1 verify bad_signature
run "$bin" verify --secret-file secret --kid k-new --secret-file old.secret --kid k-old --now $LATER "$T_KID"
expect "rotation: named keys, the kid picks k-old" 0
run "$bin" verify --secret-file old.secret --kid k-other --now $LATER "$T_KID"
expect_error "rotation: kid names no key" 1 verify unknown_kid
run --stdin old.secret "$bin" verify --secret-file secret --secret-file - --now $LATER "$T_KID"
expect "rotation: one secret from stdin" 0

# --- decode ---------------------------------------------------------------------------

run "$bin" decode --now $LATER "$T_FULL"
expect "decode" 0
check "decode: first line says the signature was not checked" [ "${out%%$'\n'*}" = "$banner" ]
expected_decode="$banner
{
  \"alg\": \"HS256\",
  \"typ\": \"JWT\"
}
{
  \"iss\": \"https://tenant.example.com/\",
  \"sub\": \"svc-backup\",
  \"aud\": \"test-client\",
  \"iat\": 1700000000,
  \"exp\": 1700003600,
  \"jti\": \"test-jti-1\",
  \"scope\": \"read:users update:clients\"
}
# iat 2023-11-14T22:13:20Z (1s ago)
# exp 2023-11-14T23:13:20Z (59m 59s from now)"
check "decode: pretty-printed header and payload, then the times" [ "$out" = "$expected_decode" ]
run --stdin token.txt "$bin" decode - --now $LATER
expect "decode: token from stdin" 0 "$expected_decode"
run "$bin" decode --now=$LATER "${T_FULL%?}A"
expect "decode: a bad signature is not checked" 0 "$expected_decode"
run "$bin" decode --now 1700003600 "$T_FULL"
check "decode: a time that is now" contains "$out" $'# iat 2023-11-14T22:13:20Z (1h 0m ago)\n# exp 2023-11-14T23:13:20Z (now)'
check "decode: nothing after the time lines" [ "${out##*$'\n'}" = "# exp 2023-11-14T23:13:20Z (now)" ]
run "$bin" decode "$T_FULL"
check "decode: the clock by default" contains "$out" "# exp 2023-11-14T23:13:20Z ("
check "  ... long past" contains "$out" " ago)"
# iat 2000-02-29 (a leap day), nbf a string, exp with a fraction
run "$bin" decode --now $LATER eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjk1MTc4MjQwMCwibmJmIjoic29vbiIsImV4cCI6NDEwNzU0MjQwMC43NX0.c2ln
check "decode: times (python's datetime)" contains "$out" '# iat 2000-02-29T00:00:00Z (8659d 22h ago)
# nbf is not a NumericDate (a JSON number of seconds): "soon"
# exp 2100-03-01T00:00:00Z (27865d 1h from now)'
# the first and last seconds of ISO 8601's four-digit years, and one past
run "$bin" decode --now $LATER eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOi02MjE2NzIxOTIwMCwibmJmIjoyNTM0MDIzMDA3OTksImV4cCI6MjUzNDAyMzAwODAwfQ.c2ln
check "decode: the ends of the ISO range" contains "$out" '# iat 0000-01-01T00:00:00Z (739203d 22h ago)
# nbf 9999-12-31T23:59:59Z (2913221d 1h from now)
# exp 253402300800 is outside the years 0000 to 9999'
run "$bin" decode --now 0 eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjFlNDAwLCJpYXQiOjB9.c2ln
check "decode: exp beyond int64, iat at the epoch" contains "$out" '# iat 1970-01-01T00:00:00Z (now)
# exp 1e400 is outside the years 0000 to 9999'
run "$bin" decode --now soon "$T_FULL"
expect_error "decode: --now junk" 2 decode usage "not a whole number"
run "$bin" decode --now 1 --now 2 "$T_FULL"
expect_error "decode: --now twice" 2 decode usage "only once"
run "$bin" decode "$T_LEGACY"
check "decode: nested objects indented" contains "$out" $'  "scopes": {\n    "users": {\n      "actions": [\n        "read",'
run "$bin" decode "a.b"
expect_error "decode: malformed" 1 decode malformed
run "$bin" decode "eyJhbGciOiJIUzI1NiJ9.e30.@@@"
check "decode: bad base64url refused" [ "$status" -eq 1 ]

# --- algorithms: HS384, HS512, mixed key sets -------------------------------------------

ALG_ARGS=(--aud test-client --scope read:users --now "$NOW")
run "$bin" mint --alg HS384 --secret-file secret384 "${ALG_ARGS[@]}" --jti j7
expect "mint --alg HS384 (python's bytes)" 0 "$T_HS384"
run "$bin" mint --secret-file secret512 --alg=HS512 --kid k-512 "${ALG_ARGS[@]}" --jti j8
expect "mint --alg HS512 with kid (python's bytes)" 0 "$T_HS512"
run "$bin" mint --alg HS256 --secret-file secret "${FULL_ARGS[@]}"
expect "mint --alg HS256 is the default" 0 "$T_FULL"
run "$bin" verify --secret-file secret384 --alg HS384 --now $LATER "$T_HS384"
expect "verify HS384" 0 '{"aud":"test-client","iat":1700000000,"exp":1700086400,"jti":"j7","scope":"read:users"}'
run "$bin" verify --secret-file secret512 --alg HS512 --kid k-512 --now $LATER "$T_HS512"
expect "verify HS512 with kid" 0 '{"aud":"test-client","iat":1700000000,"exp":1700086400,"jti":"j8","scope":"read:users"}'
run "$bin" decode "$T_HS512"
check "decode shows the HS512 header as it is" contains "$out" $'{\n  "alg": "HS512",\n  "typ": "JWT",\n  "kid": "k-512"\n}'

# a token minted with --alg HS512 against python's hmac, computed now
run "$bin" mint --alg HS512 --secret-file secret512 --aud test-client --scope read:users
token_512=$out
if command -v python3 >/dev/null 2>&1; then
  python_mac=$(python3 -c '
import base64, hashlib, hmac, sys
signing_input, _, signature = sys.argv[1].rpartition(".")
secret = open("secret512", "rb").read().rstrip(b"\n")
mac = hmac.new(secret, signing_input.encode(), hashlib.sha512).digest()
print(base64.urlsafe_b64encode(mac).rstrip(b"=").decode())' "$token_512")
  check "mint --alg HS512: python's hmac gives the same signature" [ "$python_mac" = "${token_512##*.}" ]
  check "mint --alg HS512: a 64-byte MAC (86 characters)" [ "${#python_mac}" -eq 86 ]
else
  echo "cli: python3 not found: the live HS512 cross-check is skipped"
fi
run "$bin" verify --secret-file secret512 --alg HS512 "$token_512"
expect "HS512 round trip (system clock)" 0
run "$bin" mint --alg HS384 --secret-file secret384 --aud test-client --scope read:users
run "$bin" verify --secret-file secret384 --alg HS384 "$out"
expect "HS384 round trip (system clock)" 0

# mixed key sets
MIXED=(--secret-file secret --secret-file secret384 --alg HS384 --secret-file secret512 --alg HS512 --kid k-512)
for token in "$T_FULL" "$T_HS384" "$T_HS512"; do
  run "$bin" verify "${MIXED[@]}" --now $LATER "$token"
  expect "mixed key set verifies ${token:0:20}..." 0
done
run "$bin" verify --secret-file secret512 --alg HS512 --kid k-other --now $LATER "$T_HS512"
expect_error "mixed: the kid names no key" 1 verify unknown_kid
run "$bin" verify --secret-file secret512 --alg HS512 --kid k-other --secret-file secret384 --alg HS384 --now $LATER "$T_HS512"
expect_error "the kid selects only an unnamed key of another alg" 1 verify alg_not_allowed \
  'the token is HS512 with kid "k-512", the key is HS384'

# an algorithm that is not the key's
run "$bin" verify --secret-file secret512 --now $LATER "$T_HS512"
expect_error "HS512 token, HS256 key" 1 verify alg_not_allowed "the token is HS512, the key is HS256"
check "  ... exactly that reason" [ "$err" = "jwtcore: verify: alg_not_allowed: the token is HS512, the key is HS256" ]
run "$bin" verify --secret-file secret --secret-file secret384 --alg HS384 --now $LATER "$T_HS512"
expect_error "HS512 token, HS256 and HS384 keys" 1 verify alg_not_allowed "the token is HS512, the keys are HS256, HS384"
run "$bin" verify --secret-file secret384 --alg HS384 --now $LATER "$T_FULL"
expect_error "HS256 token, HS384 key" 1 verify alg_not_allowed "the token is HS256, the key is HS384"
run "$bin" verify --secret-file secret512 --alg HS512 --kid k-other --secret-file secret --alg HS256 --kid k-512 \
  --now $LATER "$T_HS512"
expect_error "the kid selects a key of another alg" 1 verify alg_not_allowed \
  'the token is HS512 with kid "k-512", the key is HS256'
run "$bin" verify --secret-file secret --now $LATER "$T_ALG_NONE"
expect_error "alg none keeps the library's reason" 1 verify alg_not_allowed "not the algorithm of a key"

# short secrets name their algorithm's minimum
run "$bin" mint --alg HS384 --secret-file secret "${ALG_ARGS[@]}"
expect_error "HS384: a 40-byte secret is short" 2 mint key_too_short \
  'the secret from --secret-file "secret" is 40 bytes; HS384 needs 48; --allow-short-secret accepts it'
run "$bin" mint --alg HS512 --secret-file secret384 "${ALG_ARGS[@]}"
expect_error "HS512: a 48-byte secret is short" 2 mint key_too_short "is 48 bytes; HS512 needs 64"
run "$bin" mint --secret-file short.secret "${ALG_ARGS[@]}"
expect_error "HS256: a 12-byte secret is short" 2 mint key_too_short "is 12 bytes; HS256 needs 32"
run "$bin" verify --secret-file secret --secret-file secret384 --alg HS512 --now $LATER "$T_HS512"
expect_error "verify: a short secret for HS512" 2 verify key_too_short "is 48 bytes; HS512 needs 64"
run "$bin" mint --alg HS512 --secret-file secret384 --allow-short-secret "${ALG_ARGS[@]}"
expect "HS512 with a short secret and --allow-short-secret" 0
run "$bin" verify --secret-file secret384 --alg HS512 --allow-short-secret --now $LATER "$out"
expect "  ... verifies with the same opt-in" 0

# bad --alg values
run "$bin" mint --alg HS385 --secret-file secret "${ALG_ARGS[@]}"
expect_error "mint --alg HS385" 2 mint usage '"HS385" is not HS256, HS384 or HS512; did you mean "HS384"?'
run "$bin" mint --alg hs512 --secret-file secret "${ALG_ARGS[@]}"
expect_error "mint --alg lower case" 2 mint usage 'did you mean "HS512"?'
run "$bin" mint --alg RS256 --secret-file secret "${ALG_ARGS[@]}"
expect_error "mint --alg RS256" 2 mint usage "HMAC only"
run "$bin" mint --alg none --secret-file secret "${ALG_ARGS[@]}"
expect_error "mint --alg none" 2 mint usage '"none" is not'
run "$bin" mint --alg HS256 --alg HS384 --secret-file secret "${ALG_ARGS[@]}"
expect_error "mint --alg twice" 2 mint usage "only once"
run "$bin" mint --alg --secret-file secret "${ALG_ARGS[@]}"
expect_error "mint --alg eats the next word" 2 mint usage '"--secret-file" is not'
run "$bin" verify --alg HS384 --secret-file secret384 "$T_HS384"
expect_error "verify --alg before any secret" 2 verify usage "put it after a --secret-file"
run "$bin" verify --secret-file secret384 --alg HS384 --alg HS512 "$T_HS384"
expect_error "verify: two --alg for one secret" 2 verify usage "already has an algorithm"
run "$bin" verify --secret-file secret384 --alg HS38 "$T_HS384"
expect_error "verify --alg HS38" 2 verify usage 'did you mean "HS384"?'

# --- mint --claim ----------------------------------------------------------------------

# python's bytes for the claims below after the registered ones:
# "tier":2,"team":"backup","roles":["a","b"],"meta":{"x":null},"ok":true,"q":"quoted","n":null,"f":1.5,
# "zip":"007","e":"","s":"two words"
T_CLAIMS=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJ0ZXN0LWNsaWVudCIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiJqOSIsInNjb3BlIjoicmVhZDp1c2VycyIsInRpZXIiOjIsInRlYW0iOiJiYWNrdXAiLCJyb2xlcyI6WyJhIiwiYiJdLCJtZXRhIjp7IngiOm51bGx9LCJvayI6dHJ1ZSwicSI6InF1b3RlZCIsIm4iOm51bGwsImYiOjEuNSwiemlwIjoiMDA3IiwiZSI6IiIsInMiOiJ0d28gd29yZHMifQ.vzh83qjQLzyp-5-LWqQhNzyqGNKK2SHM5oZV8DRsLLg
run "$bin" mint --secret-file secret "${ALG_ARGS[@]}" --jti j9 --claim tier=2 --claim team=backup \
  --claim 'roles=["a","b"]' --claim 'meta={"x":null}' --claim ok=true --claim 'q="quoted"' --claim n=null \
  --claim f=1.5 --claim zip=007 --claim e= --claim 's=two words'
expect "mint --claim: JSON values and plain strings (python's bytes)" 0 "$T_CLAIMS"
run "$bin" verify --secret-file secret --now $LATER "$T_CLAIMS"
expect "  ... and it verifies" 0
CLAIM_ARGS=(--secret-file secret "${ALG_ARGS[@]}")
run "$bin" mint "${CLAIM_ARGS[@]}" --claim exp=5
expect_error "--claim exp is refused" 2 mint usage '"exp" is a registered claim: use --expires-in or --no-exp'
for pair in iss:--iss sub:--sub aud:--aud iat:--now nbf:"jwtcore sign --payload-file" jti:--jti scope:--scope \
  scopes:--legacy-scopes; do
  run "$bin" mint "${CLAIM_ARGS[@]}" --claim "${pair%%:*}=x"
  expect_error "--claim ${pair%%:*} points to ${pair#*:}" 2 mint usage "${pair#*:}"
done
run "$bin" mint "${CLAIM_ARGS[@]}" --claim tier
expect_error "--claim without =" 2 mint usage 'needs NAME=VALUE, got "tier"'
run "$bin" mint "${CLAIM_ARGS[@]}" --claim =2
expect_error "--claim without a name" 2 mint usage "needs NAME=VALUE"
run "$bin" mint "${CLAIM_ARGS[@]}" --claim tier=1 --claim tier=2
expect_error "--claim twice" 2 mint usage '"tier" is given twice'
run "$bin" mint "${CLAIM_ARGS[@]}" --claim 'roles=["a",]'
expect_error "--claim: an array that is not strict JSON" 2 mint usage "roles: the value is not strict JSON (bad_json"
run "$bin" mint "${CLAIM_ARGS[@]}" --claim 'o={"a":1,"a":2}'
expect_error "--claim: an object with a duplicate member" 2 mint usage "duplicate_member"
run "$bin" mint "${CLAIM_ARGS[@]}" --claim 'q="unterminated'
expect_error "--claim: a quoted string that is not JSON" 2 mint usage "not strict JSON"
run "$bin" mint "${CLAIM_ARGS[@]}" --claim $'t=\xff'
expect_error "--claim: a value that is not UTF-8" 2 mint usage "not valid UTF-8"
check "mint --help documents --claim" contains "$("$bin" mint --help)" "--claim NAME=VALUE"

# --- sign ------------------------------------------------------------------------------

# python's bytes: the payload exactly as in the file (spaces and a newline inside kept)
printf '%s\n' '{"sub": "svc", "n": [1, 2],' ' "x": {}}' >payload.json
T_SIGNED=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiAic3ZjIiwgIm4iOiBbMSwgMl0sCiAieCI6IHt9fQ.cZMqwf7-MLKcbJATe6bE7f71RBxkpMbAbg_XhmtiB7Y
T_SIGNED384=eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCIsImtpZCI6ImstMzg0In0.eyJzdWIiOiJzdmMifQ.TqRTM59G0RLy9u58D3laHFGpj9IY3TFSB0Ak_SPkHD9hRukZUHEypS5RpjaDKKvU
run "$bin" sign --secret-file secret --payload-file payload.json
expect "sign: the payload as given (python's bytes)" 0 "$T_SIGNED"
printf '%s\r\n' '{"sub":"svc"}' >payload.crlf
run --stdin payload.crlf "$bin" sign --secret-file secret384 --alg HS384 --kid k-384 --payload-file -
expect "sign: HS384, kid, payload from stdin, CRLF dropped (python's bytes)" 0 "$T_SIGNED384"
run "$bin" verify --secret-file secret384 --alg HS384 --allow-no-exp "$T_SIGNED384"
expect "sign: the token verifies" 0 '{"sub":"svc"}'
run "$bin" sign --secret-file secret
expect_error "sign: --payload-file is required" 2 sign usage "--payload-file PATH|- is required"
run "$bin" sign --payload-file payload.json
expect_error "sign: a secret is required" 2 sign usage "secret is required"
run --stdin payload.crlf "$bin" sign --secret-file - --payload-file -
expect_error "sign: secret and payload both from stdin" 2 sign usage "the secret and the payload cannot both come from stdin"
run "$bin" sign --secret-file secret --payload-file payload.json extra
expect_error "sign: a positional" 2 sign usage "no positional"
run "$bin" sign --secret-file secret --payload-file missing.json
expect_error "sign: unreadable payload" 2 sign input 'cannot read the payload from "missing.json"'
printf '%s\n' '{"sub":"a","sub":"b"}' >dup.json
run "$bin" sign --secret-file secret --payload-file dup.json
expect_error "sign: duplicate member" 2 sign duplicate_member 'the payload from "dup.json"'
printf '%s\n' '{"sub":"a",}' >comma.json
run "$bin" sign --secret-file secret --payload-file comma.json
expect_error "sign: trailing comma" 2 sign bad_json
printf '%s\n' '[1,2]' >array.json
run "$bin" sign --secret-file secret --payload-file array.json
expect_error "sign: not an object" 2 sign bad_payload
printf '{"s":"\xff"}\n' >latin1.json
run "$bin" sign --secret-file secret --payload-file latin1.json
expect_error "sign: not UTF-8" 2 sign bad_utf8
run "$bin" sign --secret-file secret --alg HS512 --payload-file payload.json
expect_error "sign: short secret for HS512" 2 sign key_too_short "HS512 needs 64"
run "$bin" sign --secret-file secret --kid a --kid b --payload-file payload.json
expect_error "sign: --kid twice" 2 sign usage "only once"

# --- verify --batch ----------------------------------------------------------------------

{
  printf '%s\n' "$T_HS384" '' "$T_SIGNED"
  printf '%s\r\n' "$T_PYTHON"
  printf '%s\n' '   ' "${T_HS384%?}A" garbage "$(head -c 20000 /dev/zero | tr '\0' a)" "$T_HS512"
  printf '%s' "$T_KID"  # no final newline
} >batch.txt
BATCH=(--secret-file secret --secret-file secret384 --alg HS384 --secret-file old.secret --kid k-old --now 1700003600
  --allow-no-exp)
run --stdin batch.txt "$bin" verify "${BATCH[@]}" --batch
expected_batch='{"valid":true,"payload":{"aud":"test-client","iat":1700000000,"exp":1700086400,"jti":"j7","scope":"read:users"}}
{"valid":true,"payload":{"sub":"svc","n":[1,2],"x":{}}}
{"valid":true,"payload":'"$P_PYTHON"'}
{"valid":false,"error":"bad_signature","message":"'"$(printf '%s' "$("$bin" verify --secret-file secret --now 1 "${T_FULL%?}A" 2>&1)" | sed 's/^jwtcore: verify: bad_signature: //')"'"}
{"valid":false,"error":"malformed","message":"'"$(printf '%s' "$("$bin" verify --secret-file secret garbage 2>&1)" | sed 's/^jwtcore: verify: malformed: //')"'"}
{"valid":false,"error":"too_large","message":"'"$(printf '%s' "$("$bin" verify --secret-file secret "$(head -c 20000 /dev/zero | tr '\0' a)" 2>&1)" | sed 's/^jwtcore: verify: too_large: //')"'"}
{"valid":false,"error":"alg_not_allowed","message":"the token is HS512, the keys are HS256, HS384"}
{"valid":true,"payload":{"aud":"test-client","iat":1700000000,"exp":1700086400,"jti":"j3","scope":"read:users"}}'
expect_batch() {
  if [ "$status" -ne "$2" ]; then fail "$1" "expected exit status $2"
  elif [ "$out" != "$3" ]; then fail "$1" "expected stdout: $3"
  elif [ -n "$err" ]; then fail "$1" "expected an empty stderr"
  else pass; fi
}
expect_batch "verify --batch: one JSON line per token, blank lines skipped, a refusal is exit 1" 1 "$expected_batch"
check "  ... a payload on several lines is put on one" contains "$expected_batch" '{"sub":"svc","n":[1,2],"x":{}}'
check "  ... the single-token messages are the library's" contains "$expected_batch" '"message":"the token'
printf '%s\n' "$T_FULL" "$T_FULL" >batch-ok.txt
run --stdin batch-ok.txt "$bin" verify --secret-file secret --now $LATER --batch
expect_batch "verify --batch: all valid is exit 0" 0 "{\"valid\":true,\"payload\":$P_FULL}
{\"valid\":true,\"payload\":$P_FULL}"
run --stdin batch-ok.txt "$bin" verify --secret-file secret --batch
expect_batch "verify --batch: expired by the clock" 1 '{"valid":false,"error":"expired","message":"the token has expired"}
{"valid":false,"error":"expired","message":"the token has expired"}'
{ head -c 150000 /dev/zero | tr '\0' a; printf '\n%s\n' "$T_FULL"; } >batch-long.txt
run --stdin batch-long.txt "$bin" verify --secret-file secret --now $LATER --batch
expect_batch "verify --batch: a line over several reads is one too_large, the next token still verifies" 1 \
  "$(sed -n 6p <<<"$expected_batch")
{\"valid\":true,\"payload\":$P_FULL}"
: >batch-empty.txt
run --stdin batch-empty.txt "$bin" verify --secret-file secret --batch
expect_batch "verify --batch: no tokens, nothing to refuse" 0 ""
printf '%s\n' "$T_KID" >batch-kid.txt
run --stdin batch-kid.txt "$bin" verify --secret-file secret512 --alg HS512 --secret-file secret --kid k-x --batch
expect_batch "verify --batch: the kid message is JSON-escaped" 1 \
  '{"valid":false,"error":"alg_not_allowed","message":"the token is HS256 with kid \"k-old\", the key is HS512"}'
run "$bin" verify --secret-file secret --batch "$T_FULL"
expect_error "verify --batch with a TOKEN" 2 verify usage "give no TOKEN"
run --stdin secret "$bin" verify --secret-file - --batch
expect_error "verify --batch with the secret on stdin" 2 verify usage "the tokens (--batch)"
run --stdin . "$bin" verify --secret-file secret --batch
expect_error "verify --batch: stdin unreadable" 2 verify input "cannot read the tokens from stdin"

# --- verify: which claim, and a token without exp ---------------------------------------

run "$bin" verify --secret-file secret --now $NOW "$T_NBF_STRING"
expect_error "verify: bad_claim names the claim and its fault" 1 verify bad_claim
check "  ... exactly 'nbf is a string'" [ "$err" = "jwtcore: verify: bad_claim: nbf is a string" ]
run "$bin" verify --secret-file secret --now $NOW "$T_AUD_NUMBER"
expect_error "verify: bad_claim in an aud array" 1 verify bad_claim "aud array holds a number"
run "$bin" verify --secret-file secret --now $NOW "$T_EXP_HUGE"
expect_error "verify: bad_claim for an exp out of range" 1 verify bad_claim "exp is beyond the NumericDate range"
run "$bin" verify --secret-file secret --now $NOW "$T_NO_EXP"
expect_error "verify: a token without exp is missing_exp" 1 verify missing_exp "--allow-no-exp accepts it"
run "$bin" verify --secret-file secret --now $NOW --allow-no-exp "$T_NO_EXP"
expect "verify: --allow-no-exp accepts it" 0 '{"aud":"test-client","iat":1700000000}'
run "$bin" mint --secret-file secret --aud test-client --scope read:users --no-exp
run "$bin" verify --secret-file secret "$out"
expect_error "verify: the tool's own mint --no-exp token is missing_exp" 1 verify missing_exp "--allow-no-exp"
printf '%s\n' "$T_NBF_STRING" "$T_NO_EXP" "$T_AUD_NUMBER" >batch-claims.txt
run --stdin batch-claims.txt "$bin" verify --secret-file secret --now $NOW --batch
expect_batch "verify --batch: bad_claim and missing_exp messages" 1 \
  '{"valid":false,"error":"bad_claim","message":"nbf is a string"}
{"valid":false,"error":"missing_exp","message":"the token has no exp (expiry) claim; --allow-no-exp accepts it"}
{"valid":false,"error":"bad_claim","message":"aud array holds a number"}'

# --- JWKs: verify --jwks, mint --jwk ----------------------------------------------------

P_KID='{"aud":"test-client","iat":1700000000,"exp":1700086400,"jti":"j3","scope":"read:users"}'
P_HS512='{"aud":"test-client","iat":1700000000,"exp":1700086400,"jti":"j8","scope":"read:users"}'
P_HS384='{"aud":"test-client","iat":1700000000,"exp":1700086400,"jti":"j7","scope":"read:users"}'
cat >jwks.json <<EOF
{"keys":[$RSA_JWK,
  {"kty":"oct","kid":"k-old","k":"$K_OLD"},
  {"kty":"oct","kid":"k-512","alg":"HS512","use":"sig","k":"$K_512"},
  {"kty":"oct","kid":"enc-1","use":"enc","k":"$K_SECRET"},
  {"kty":"oct","kid":"wrap-1","alg":"A128KW","k":"$K_SECRET"}]}
EOF
run "$bin" verify --jwks jwks.json --now $NOW "$T_KID"
expect "verify --jwks: an oct key by its kid (RSA, enc and A128KW keys skipped)" 0 "$P_KID"
run "$bin" verify --jwks jwks.json --now $NOW "$T_HS512"
expect "verify --jwks: a key bound to its alg HS512" 0 "$P_HS512"
run "$bin" verify --jwks jwks.json --now $NOW "$T_HS384"
expect_error "verify --jwks: the reason names the algorithms of the set's keys" 1 verify alg_not_allowed \
  "the token is HS384, the keys are HS256, HS512"
run "$bin" verify --jwks jwks.json --now $NOW "$T_FULL"
expect_error "verify --jwks: a token signed with another secret" 1 verify bad_signature
run "$bin" verify --jwks jwks.json --secret-file secret --now $NOW "$T_FULL"
expect "verify --jwks with --secret-file: a mixed set" 0 "$P_FULL"
run "$bin" verify --secret-file secret384 --alg HS384 --jwks jwks.json --now $NOW "$T_HS384"
expect "verify --jwks after a secret with its --alg" 0 "$P_HS384"
printf '{"keys":[{"kty":"oct","k":"%s"}]}\n' "$K_384" >jwks384.json
run "$bin" verify --jwks jwks384.json --alg HS384 --now $NOW "$T_HS384"
expect "verify --jwks PATH --alg: the algorithm of its keys without alg" 0 "$P_HS384"
run "$bin" verify --jwks jwks384.json --now $NOW "$T_HS384"
expect_error "verify --jwks: keys without alg are HS256 by default" 1 verify alg_not_allowed "the key is HS256"
run --stdin jwks.json "$bin" verify --jwks - --now $NOW "$T_KID"
expect "verify --jwks - reads the set from stdin" 0 "$P_KID"
printf '%s\n' "$T_KID" "$T_HS384" >batch-jwks.txt
run --stdin batch-jwks.txt "$bin" verify --jwks jwks.json --now $NOW --batch
expect_batch "verify --jwks --batch" 1 "{\"valid\":true,\"payload\":$P_KID}
{\"valid\":false,\"error\":\"alg_not_allowed\",\"message\":\"the token is HS384, the keys are HS256, HS512\"}"

# The input errors name the file and the key.
run "$bin" verify --jwks missing.json "$T_KID"
expect_error "verify --jwks: a missing file" 2 verify input 'cannot read the JWK Set from --jwks "missing.json"'
printf 'not json\n' >notjson.json
run "$bin" verify --jwks notjson.json "$T_KID"
expect_error "verify --jwks: not JSON" 2 verify bad_json 'in --jwks "notjson.json"'
printf '{"kty":"oct","k":"%s"}\n' "$K_SECRET" >nokeys.json
run "$bin" verify --jwks nokeys.json "$T_KID"
expect_error "verify --jwks: no keys array" 2 verify bad_jwk '"keys" is missing or not an array; in --jwks "nokeys.json"'
printf '{"keys":[%s,{"kty":"oct","kid":"prod-2026","k":"%s+/"}]}\n' "$RSA_JWK" "$K_SECRET" >badk.json
run "$bin" verify --jwks badk.json "$T_KID"
expect_error "verify --jwks: a k that is not base64url" 2 verify bad_base64url_char \
  'keys[1] (kid "prod-2026"): k is not strict base64url; in --jwks "badk.json"'
printf '{"keys":[{"kty":"oct","k":"%s"},{"kty":"oct","kid":"short-512","alg":"HS512","k":"%s"}]}\n' \
  "$K_SECRET" "$K_SECRET" >shortk.json
run "$bin" verify --jwks shortk.json "$T_KID"
expect_error "verify --jwks: a k too short for its alg" 2 verify key_too_short 'keys[1] (kid "short-512"): k is shorter'
run "$bin" verify --jwks shortk.json --allow-short-secret --now $NOW "$T_NO_AUD"
expect "verify --jwks --allow-short-secret accepts it" 0 '{"iat":1700000000,"exp":1700086400,"jti":"j6"}'
printf '{"keys":[{"kty":"oct","k":"%s"},{"kty":"oct","k":"%s"},{"kty":"oct","kid":7,"k":"%s"}]}\n' \
  "$K_SECRET" "$K_OLD" "$K_OLD" >kidnum.json
run "$bin" verify --jwks kidnum.json "$T_KID"
expect_error "verify --jwks: a kid that is not a string" 2 verify bad_jwk 'keys[2]: kid is not a string'
printf '{"keys":[%s]}\n' "$RSA_JWK" >rsaonly.json
run "$bin" verify --jwks rsaonly.json "$T_KID"
expect_error "verify --jwks: no usable key" 2 verify no_key \
  'the set holds no oct key for HS256, HS384 or HS512; in --jwks "rsaonly.json"'
many=$(for i in 1 2 3 4 5 6 7 8 9; do printf '{"kty":"oct","kid":"k%s","k":"%s"},' "$i" "$K_SECRET"; done)
printf '{"keys":[%s]}\n' "${many%,}" >nine.json
run "$bin" verify --jwks nine.json "$T_KID"
expect_error "verify --jwks: nine keys" 2 verify bad_jwk 'keys[8] (kid "k9"):'
check "  ... says a key set holds 8" contains "$err" "at most 8 keys"
many=$(for i in 1 2 3 4 5 6 7; do printf '{"kty":"oct","kid":"k%s","k":"%s"},' "$i" "$K_SECRET"; done)
printf '{"keys":[%s]}\n' "${many%,}" >seven.json
run "$bin" verify --jwks seven.json --secret-file secret --now $NOW "$T_FULL"
expect "verify --jwks: seven keys and a secret make eight" 0 "$P_FULL"
run "$bin" verify --jwks seven.json --secret-file secret --secret-file old.secret "$T_FULL"
expect_error "verify --jwks: seven keys and two secrets are too many" 2 verify input \
  "a key set holds at most 8 keys: 2 secrets and 7 keys of --jwks are too many"
run "$bin" verify --jwks jwks.json --kid x "$T_KID"
expect_error "verify --jwks: --kid after it" 2 verify usage "the keys of --jwks have their own kids"
run --stdin jwks.json "$bin" verify --jwks - -
expect_error "verify --jwks - with the token on stdin" 2 verify usage "cannot both come from stdin"

# mint --jwk: the JWK's kid in the header, its alg binding the key
printf '{"kty":"oct","kid":"k-512","alg":"HS512","use":"sig","k":"%s"}\n' "$K_512" >jwk512.json
J8=(--aud test-client --scope read:users --now "$NOW" --jti j8)
run "$bin" mint --jwk jwk512.json "${J8[@]}"
expect "mint --jwk: the JWK's alg and kid (python's bytes)" 0 "$T_HS512"
run "$bin" mint --jwk jwk512.json --alg HS512 "${J8[@]}"
expect "mint --jwk with the same --alg" 0 "$T_HS512"
run "$bin" mint --jwk jwk512.json --kid other "${J8[@]}"
expect "mint --jwk --kid: the explicit kid wins" 0 "$T_HS512_OTHER"
run "$bin" mint --jwk jwk512.json --alg HS256 "${J8[@]}"
expect_error "mint --jwk: an --alg against the JWK's alg" 2 mint usage "--alg HS256: the JWK is for HS512 (its alg)"
printf '{"kty":"oct","k":"%s"}\n' "$K_384" >jwk384.json
run "$bin" mint --jwk jwk384.json --alg HS384 --aud test-client --scope read:users --now $NOW --jti j7
expect "mint --jwk: a JWK without alg takes --alg, no kid" 0 "$T_HS384"
run --stdin jwk384.json "$bin" mint --jwk - --alg HS384 --aud test-client --scope read:users --now $NOW --jti j7
expect "mint --jwk - reads the JWK from stdin" 0 "$T_HS384"
run "$bin" mint --jwk jwk384.json --alg HS512 "${J8[@]}"
expect_error "mint --jwk: too short for the --alg" 2 mint key_too_short 'the JWK: k is shorter'
run "$bin" mint --jwk jwk384.json --alg HS512 --allow-short-secret "${J8[@]}"
expect "mint --jwk --allow-short-secret" 0
run "$bin" mint --jwk jwk512.json --secret-file secret "${J8[@]}"
expect_error "mint --jwk with --secret-file" 2 mint usage "exclude each other"
run "$bin" mint --jwk jwk512.json --secret-base64url "${J8[@]}"
expect_error "mint --jwk with --secret-base64url" 2 mint usage "its k is base64url already"
run "$bin" mint --jwk jwk512.json --jwk jwk384.json "${J8[@]}"
expect_error "mint --jwk twice" 2 mint usage "only once"
run "$bin" mint --jwk jwks.json "${J8[@]}"
expect_error "mint --jwk: a JWK Set" 2 mint bad_jwk "a JWK Set, not one JWK"
printf '%s\n' "$RSA_JWK" >rsa.json
run "$bin" mint --jwk rsa.json "${J8[@]}"
expect_error "mint --jwk: an RSA key" 2 mint bad_jwk 'the JWK (kid "rsa-1"): not an oct key'
run "$bin" mint --jwk missing.json "${J8[@]}"
expect_error "mint --jwk: a missing file" 2 mint input 'cannot read the JWK from --jwk "missing.json"'
run "$bin" mint --jwk notjson.json "${J8[@]}"
expect_error "mint --jwk: not JSON" 2 mint bad_json
run "$bin" sign --jwk jwk512.json --payload-file payload.json
check "sign --jwk: the header is T_HS512's (HS512, kid k-512)" [ "${out%%.*}" = "${T_HS512%%.*}" ]
printf '{"keys":[%s]}\n' "$(cat jwk512.json)" >jwks512.json
run "$bin" verify --jwks jwks512.json --allow-no-exp "$out"
expect "sign --jwk: the token verifies" 0 "$(cat payload.json)"
run --stdin payload.json "$bin" sign --jwk - --payload-file -
expect_error "sign --jwk - with the payload on stdin" 2 sign usage "the JWK and the payload cannot both come from stdin"

# --- jwk new -----------------------------------------------------------------------------

# check_jwk JWK BYTES [KID]: python3 parses the line, finds exactly the members
# kty, kid, alg, use, k in that order, k strict unpadded base64url of BYTES
# bytes, and kid the RFC 7638 thumbprint it computes with hashlib (or KID).
check_jwk() {
  python3 -c '
import base64, hashlib, json, sys
jwk = json.loads(sys.argv[1])
assert list(jwk) == ["kty", "kid", "alg", "use", "k"], list(jwk)
assert jwk["kty"] == "oct" and jwk["use"] == "sig", jwk
k = jwk["k"]
assert "=" not in k and set(k) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), k
secret = base64.urlsafe_b64decode(k + "=" * (-len(k) % 4))
assert base64.urlsafe_b64encode(secret).rstrip(b"=").decode() == k, "k not canonical"
assert len(secret) == int(sys.argv[2]), len(secret)
want = sys.argv[3] if len(sys.argv) > 3 else base64.urlsafe_b64encode(
    hashlib.sha256(("{\"k\":\"" + k + "\",\"kty\":\"oct\"}").encode()).digest()).rstrip(b"=").decode()
assert jwk["kid"] == want, (jwk["kid"], want)
' "$@"
}
if command -v python3 >/dev/null 2>&1; then
  run "$bin" jwk new
  expect "jwk new" 0
  check "  ... HS256, 32 bytes, kid the thumbprint (python's json, base64, hashlib)" check_jwk "$out" 32
  check "  ... alg HS256" contains "$out" '"alg":"HS256"'
  first=$out
  run "$bin" jwk new
  check "jwk new: two runs differ" [ "$out" != "$first" ]
  run "$bin" jwk new --alg HS384
  check "jwk new --alg HS384: 48 bytes" check_jwk "$out" 48
  check "  ... alg HS384" contains "$out" '"alg":"HS384"'
  run "$bin" jwk new --alg HS512 --kid 'prod "2026"'
  check "jwk new --alg HS512 --kid: 64 bytes, the kid given, escaped" check_jwk "$out" 64 'prod "2026"'
  check "  ... alg HS512" contains "$out" '"alg":"HS512"'
else
  echo "SKIP: jwk new checks (no python3)"
fi
run "$bin" jwk new --alg HS512
printf '%s\n' "$out" >new512.jwk
printf '{"keys":[%s,%s]}\n' "$RSA_JWK" "$out" >new512.jwks
run "$bin" mint --jwk new512.jwk "${J8[@]}"
new_token=$out
check "jwk new then mint --jwk: HS512 with the thumbprint as kid" \
  contains "$("$bin" decode "$new_token")" "\"kid\": \"$(sed 's/.*"kid":"\([^"]*\)".*/\1/' new512.jwk)\""
run "$bin" verify --jwks new512.jwks --now $NOW "$new_token"
expect "jwk new, mint --jwk, verify --jwks: the round trip" 0 "$P_HS512"
run "$bin" verify --jwks jwks.json --now $NOW "$new_token"
expect_error "  ... another key set refuses it" 1 verify unknown_kid
run "$bin" jwk
expect_error "jwk without an action" 2 jwk usage "'jwtcore jwk new'"
run "$bin" jwk old
expect_error "jwk: an unknown action" 2 jwk usage 'unknown action "old"'
run "$bin" jwk new new
expect_error "jwk: new twice" 2 jwk usage 'unknown action "new"'
run "$bin" jwk new --alg RS256
expect_error "jwk new --alg RS256" 2 jwk usage "HMAC only"
run "$bin" jwk new --alg hs384
expect_error "jwk new --alg hs384" 2 jwk usage 'did you mean "HS384"?'
run "$bin" jwk new --kid ''
expect_error "jwk new --kid ''" 2 jwk usage "non-empty"
run "$bin" jwk new --kid a --kid b
expect_error "jwk new --kid twice" 2 jwk usage "only once"
run "$bin" jwk new --frob
expect_error "jwk new --frob" 2 jwk usage 'unknown option "--frob"'
run "$bin" jwk new --secret-file secret
expect_error "jwk new takes no secret" 2 jwk usage 'unknown option "--secret-file"'

# --- revoke and the deny list round trip ----------------------------------------------

run "$bin" revoke "$T_FULL"
expect "revoke: the request body" 0 '{"aud":"test-client","jti":"test-jti-1"}'
run --stdin token.txt "$bin" revoke -
expect "revoke: token from stdin" 0 '{"aud":"test-client","jti":"test-jti-1"}'
run "$bin" revoke "$T_PYTHON"
expect "revoke: one line per audience" 0 '{"aud":"other","jti":"py-1"}
{"aud":"test-client","jti":"py-1"}'
run "$bin" revoke "$T_NOJTI"
expect_error "revoke: a token without jti is refused" 1 revoke missing_jti "no jti"
run "$bin" revoke "$T_NO_AUD"
expect_error "revoke: a token without aud is refused" 1 revoke missing_aud "no aud"
run "$bin" revoke "garbage"
expect_error "revoke: malformed token" 1 revoke malformed
run "$bin" revoke --append /nonexistent-dir/deny.txt "$T_FULL"
expect_error "revoke: --append to an unwritable place" 2 revoke input "/nonexistent-dir/deny.txt"

run "$bin" mint --secret-file secret --aud test-client --scope read:users --now $NOW
revoked_token=$out
run "$bin" mint --secret-file secret --aud test-client --scope read:users --now $NOW
kept_token=$out
run "$bin" verify --secret-file secret --now $LATER --deny-list deny.txt "$revoked_token"
expect_error "deny list: a missing file is an input error" 2 verify input "deny.txt"
run "$bin" revoke --append deny.txt "$revoked_token"
expect "revoke --append prints the line" 0
check "revoke --append wrote the same line" [ "$(cat deny.txt)" = "$out" ]
run "$bin" revoke --append deny.txt "$T_FULL"
printf '\n' >>deny.txt  # a blank line is allowed
run "$bin" verify --secret-file secret --now $LATER --deny-list deny.txt "$revoked_token"
expect_error "deny list: the revoked token is refused" 1 verify revoked
run "$bin" verify --secret-file secret --now $LATER --deny-list deny.txt "$kept_token"
expect "deny list: another token still verifies" 0
run "$bin" verify "${VERIFY[@]}" --deny-list deny.txt "$T_FULL"
expect_error "deny list: the second revoked token" 1 verify revoked
check "deny list has two entries and a blank line" [ "$(wc -l <deny.txt)" -eq 3 ]
printf '%s\n' '{"aud":"test-client","jti":"x"}' '{"aud":"test-client"}' >bad-deny.txt
run "$bin" verify --secret-file secret --now $LATER --deny-list bad-deny.txt "$kept_token"
expect_error "deny list: a line without jti" 2 verify input "line 2"
printf '%s\n' '{"aud":"test-client","jti":"x"}' '' 'not json' >bad-deny.txt
run "$bin" verify --secret-file secret --now $LATER --deny-list bad-deny.txt "$kept_token"
expect_error "deny list: a line that is not JSON" 2 verify input "line 3: bad_json"

# --- scopes ---------------------------------------------------------------------------

run "$bin" scopes
expect "scopes: the grid" 0
check "scopes: header row" [ "${out%%$'\n'*}" = "entity                                  read  create  update  delete  blacklist" ]
check "scopes: users row" contains "$out" $'\nusers                                    x      x       x       x\n'
check "scopes: tokens row (blacklist)" contains "$out" $'\ntokens                                                                    x\n'
check "scopes: current_user row marked u" contains "$out" $'\ncurrent_user                             u                      u\n'
run "$bin" scopes users
expect "scopes users" 0 $'read:users\ncreate:users\nupdate:users\ndelete:users'
run "$bin" scopes user
expect_error "scopes: unknown entity" 2 scopes unknown_entity 'did you mean "users"?'
run "$bin" scopes zzzzzzzz
expect_error "scopes: unknown entity, nothing close" 2 scopes unknown_entity
run "$bin" scopes users clients
expect_error "scopes: two entities" 2 scopes usage

# --------------------------------------------------------------------------------------

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
