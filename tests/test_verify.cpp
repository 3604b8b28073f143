// Tests of jwtcore/verify.hpp, the strict HS256 verifier: one test case per
// attack class, every refusal checked against its specific error; valid tokens,
// claim fields, buffers, decode_unverified, a mutation property and no heap.
//
// Every token, MAC and decoded value these tests check against comes from
// tests/data/verify_tokens.json, which tests/data/make_verify_tokens.py writes
// with python3's standard library alone, never with jwtcore: the script shows
// how each token was made (header, payload, secret, and the string edit of an
// attack). The few tokens too large to spell out (10,000-deep nesting, the
// 16 KiB size limit) are built here from hand-written JSON with
// jwtcore::base64url_encode and closed with a MAC python computed for exactly
// those bytes, so a construction slip shows up as bad_signature.
// The expected verdicts come from the contract in verify.hpp's comment, not
// from running the verifier.
#include <doctest/doctest.h>

#include "support/error_names.hpp"

#include <jwtcore/base64url.hpp>
#include <jwtcore/bytes.hpp>
#include <jwtcore/key.hpp>
#include <jwtcore/scopes.hpp>
#include <jwtcore/verify.hpp>

#include "support/alloc_counter.hpp"
#include "support/vectors.hpp"
#include "support/verify_tokens.hpp"

#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t, std::uint8_t
#include <limits>       // the int64 extremes
#include <optional>     // from_hex
#include <ostream>      // INFO of std::string_view
#include <string>       // tokens built at run time
#include <string_view>  // views into the token data
#include <vector>       // the tables, verify buffers with guard bytes

namespace {

using jwtcore::error;
using jwtcore::hs256_key;
using jwtcore::hs256_key_set;
using jwtcore::short_secret;
using jwtcore::verified_claims;
using jwtcore::verifier;

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();

// The clock of most cases, and the exp of most tokens.
constexpr std::int64_t now_s = 1700000000;

// The secrets python signed with.
constexpr std::string_view current_secret = "verify-current-secret-0123456789abcdef";
constexpr std::string_view previous_secret = "verify-previous-secret-0123456789abcdef";
constexpr std::string_view short_secret_text = "short-secret-16b";
constexpr std::string_view kid_a_secret = "kid-a-secret-0123456789abcdefghijkl";
constexpr std::string_view kid_b_secret = "kid-b-secret-0123456789abcdefghijkl";
constexpr std::string_view unnamed_secret = "unnamed-secret-0123456789abcdefghij";

constexpr std::string_view api_audience = "https://api.example/";
constexpr std::string_view tenant_issuer = "https://tenant.example/";

// What verify() said: accepted, or refused with one error.
struct verdict {
  bool ok;
  error e;
  friend constexpr bool operator==(verdict a, verdict b) noexcept { return a.ok == b.ok && (a.ok || a.e == b.e); }
  friend constexpr bool operator!=(verdict a, verdict b) noexcept { return !(a == b); }
};
constexpr verdict accepted{true, error::buffer_too_small};
constexpr verdict refused(error e) noexcept { return verdict{false, e}; }

doctest::String toString(const verdict& v) {
  if (v.ok) return "accepted";
  return doctest::String("refused(") + jwtcore::toString(v.e) + ")";
}

// One row of an attack table: a python-made token and the verdict it must get.
struct token_case {
  std::string_view name;
  std::string_view token;
  verdict expected;
};

// ---- the python-made tokens: tests/data/verify_tokens.json ------------------------------
// make_verify_tokens.py (beside the data) says how each was made; tests/data/PROVENANCE.md
// describes the file.

// A named value of the file: a token, a text it was made from, a MAC or a decoded field.
#define TOKEN_VALUE(name) const std::string_view name = jwtcore_test::token_value(#name)
TOKEN_VALUE(header_segment); TOKEN_VALUE(valid_payload); TOKEN_VALUE(valid_token); TOKEN_VALUE(valid_mac_hex);
TOKEN_VALUE(small_token); TOKEN_VALUE(alg_none_header_json); TOKEN_VALUE(alg_none_token); TOKEN_VALUE(b64_base_token);
TOKEN_VALUE(deep_payload_mac); TOKEN_VALUE(deep_header_mac); TOKEN_VALUE(nested_20_payload);
TOKEN_VALUE(nested_20_token); TOKEN_VALUE(nested_64_payload); TOKEN_VALUE(nested_64_token);
TOKEN_VALUE(nested_65_token); TOKEN_VALUE(mac_for_16384); TOKEN_VALUE(mac_for_16385); TOKEN_VALUE(exp_now_plus_100);
TOKEN_VALUE(nbf_now_plus_100); TOKEN_VALUE(exp_100_5); TOKEN_VALUE(nbf_100_5); TOKEN_VALUE(exp_minus_0_5);
TOKEN_VALUE(nbf_minus_1_5); TOKEN_VALUE(exp_int64_max_minus_1); TOKEN_VALUE(exp_one); TOKEN_VALUE(exp_int64_min);
TOKEN_VALUE(nbf_int64_min); TOKEN_VALUE(nbf_int64_min_plus_1); TOKEN_VALUE(nbf_int64_max); TOKEN_VALUE(iat_int64_max);
TOKEN_VALUE(iat_now_plus_10); TOKEN_VALUE(iat_now_plus_0_5); TOKEN_VALUE(no_iat); TOKEN_VALUE(no_exp);
TOKEN_VALUE(empty_claims); TOKEN_VALUE(no_exp_nbf_future); TOKEN_VALUE(exp_null); TOKEN_VALUE(exp_upper_case);
TOKEN_VALUE(exp_with_space); TOKEN_VALUE(exp_escaped_expired); TOKEN_VALUE(several_scopes_token);
TOKEN_VALUE(legacy_scopes_token); TOKEN_VALUE(legacy_scopes_json); TOKEN_VALUE(mixed_scopes_token);
TOKEN_VALUE(deny_plain); TOKEN_VALUE(deny_other_jti); TOKEN_VALUE(deny_other_aud); TOKEN_VALUE(deny_aud_array_hit);
TOKEN_VALUE(deny_aud_array_miss); TOKEN_VALUE(deny_no_jti); TOKEN_VALUE(deny_jti_prefix);
TOKEN_VALUE(deny_jti_longer); TOKEN_VALUE(deny_jti_case); TOKEN_VALUE(deny_aud_case); TOKEN_VALUE(deny_escaped);
TOKEN_VALUE(deny_no_aud); TOKEN_VALUE(deny_expired); TOKEN_VALUE(kid_a_by_a); TOKEN_VALUE(kid_b_by_b);
TOKEN_VALUE(kid_a_by_b); TOKEN_VALUE(kid_c_by_a); TOKEN_VALUE(no_kid_by_a); TOKEN_VALUE(no_kid_by_b);
TOKEN_VALUE(no_kid_by_wrong); TOKEN_VALUE(kid_empty_by_a); TOKEN_VALUE(kid_upper_a_by_a);
TOKEN_VALUE(kid_a_space_by_a); TOKEN_VALUE(kid_escaped_a_by_a); TOKEN_VALUE(kid_zzz_by_unnamed);
TOKEN_VALUE(kid_zzz_by_a); TOKEN_VALUE(kid_a_by_unnamed); TOKEN_VALUE(by_short); TOKEN_VALUE(by_empty_secret);
TOKEN_VALUE(by_previous); TOKEN_VALUE(kid_2023_by_previous); TOKEN_VALUE(kid_2024_by_previous);
TOKEN_VALUE(kid_2024_by_current); TOKEN_VALUE(by_wrong); TOKEN_VALUE(policy_ok); TOKEN_VALUE(policy_expired_and_nbf);
TOKEN_VALUE(policy_nbf_and_iat); TOKEN_VALUE(policy_iat_and_aud); TOKEN_VALUE(policy_aud_and_iss);
TOKEN_VALUE(policy_iss_and_scope); TOKEN_VALUE(policy_scope_and_revoked); TOKEN_VALUE(policy_revoked);
TOKEN_VALUE(policy_no_exp_and_aud); TOKEN_VALUE(policy_bad_type_and_expired); TOKEN_VALUE(policy_bad_type_last);
TOKEN_VALUE(order_alg_none_typ_number); TOKEN_VALUE(order_alg_none_kid_number); TOKEN_VALUE(order_crit_kid_number);
TOKEN_VALUE(order_crit_typ_array); TOKEN_VALUE(order_alg_none_crit); TOKEN_VALUE(order_crit);
TOKEN_VALUE(order_alg_none_bad_json); TOKEN_VALUE(order_kid_unknown); TOKEN_VALUE(order_unsigned_array_payload);
TOKEN_VALUE(order_unsigned_bad_utf8_payload); TOKEN_VALUE(unicode_json); TOKEN_VALUE(unicode_token);
TOKEN_VALUE(escapes_json); TOKEN_VALUE(escapes_token); TOKEN_VALUE(escapes_sub); TOKEN_VALUE(fractional_json);
TOKEN_VALUE(fractional_token); TOKEN_VALUE(bigints_json); TOKEN_VALUE(bigints_token); TOKEN_VALUE(four_kib_json);
TOKEN_VALUE(date_widths_token);
TOKEN_VALUE(four_kib_token); TOKEN_VALUE(whitespace_json); TOKEN_VALUE(whitespace_token);
TOKEN_VALUE(rich_header_json); TOKEN_VALUE(rich_payload_json); TOKEN_VALUE(rich_token); TOKEN_VALUE(rich_mac_hex);
TOKEN_VALUE(rich_iss); TOKEN_VALUE(rich_sub); TOKEN_VALUE(rich_jti); TOKEN_VALUE(rich_scope); TOKEN_VALUE(rich_kid);
TOKEN_VALUE(rich_aud0); TOKEN_VALUE(rich_aud1); TOKEN_VALUE(minimal_payload_json); TOKEN_VALUE(minimal_token);
TOKEN_VALUE(a1_token); TOKEN_VALUE(a1_key_hex); TOKEN_VALUE(a1_header_json); TOKEN_VALUE(a1_payload_json);

// Built here from text (too large to spell out) and closed with the MAC python computed for it.
constexpr std::size_t pad_for_16384 = 12200, pad_for_16385 = 12201;
const std::size_t deep_payload_token_size = jwtcore_test::token_size("deep_payload_token_size");
const std::size_t deep_header_token_size = jwtcore_test::token_size("deep_header_token_size");

// The verdict a table row names: "accepted" or an error name.
verdict expected_verdict(std::string_view name) {
  if (name == "accepted") return accepted;
  for (int i = 0; i <= 255; ++i) {
    const error e = static_cast<error>(i);
    if (jwtcore::to_string(e) == name) return refused(e);
  }
  jwtcore_test::missing_token_data().emplace_back(name);
  return refused(error::buffer_too_small);
}

// An attack table of the file: one row per token with the verdict it must get.
std::vector<token_case> cases_of(std::string_view table) {
  std::vector<token_case> cases;
  for (const jwtcore_test::token_row& row : jwtcore_test::token_table(table)) {
    cases.push_back({row.name, row.token, expected_verdict(row.expect)});
  }
  return cases;
}

#define TOKEN_TABLE(name) const std::vector<token_case> name = cases_of(#name)
TOKEN_TABLE(alg_cases); TOKEN_TABLE(header_cases); TOKEN_TABLE(header_not_object_cases); TOKEN_TABLE(typ_kid_cases);
TOKEN_TABLE(crit_cases); TOKEN_TABLE(signature_cases); TOKEN_TABLE(wrong_key_cases); TOKEN_TABLE(b64_cases);
TOKEN_TABLE(form_cases); TOKEN_TABLE(payload_cases); TOKEN_TABLE(utf8_cases); TOKEN_TABLE(duplicate_cases);
TOKEN_TABLE(numeric_date_cases); TOKEN_TABLE(wrong_type_cases); TOKEN_TABLE(audience_cases);
TOKEN_TABLE(issuer_cases); TOKEN_TABLE(scope_cases);

// ---- helpers --------------------------------------------------------------------------

constexpr char guard_byte = '\x5a';
constexpr std::size_t guard_size = 64;

bool guard_intact(const std::vector<char>& buffer, std::size_t capacity) {
  for (std::size_t i = capacity; i < buffer.size(); ++i) {
    if (buffer[i] != guard_byte) return false;
  }
  return true;
}

// Runs verify() with exactly buffer_size_for(token.size()) bytes followed by
// guard bytes, so every accepted case also shows that this size suffices and
// every case that nothing is written past the capacity.
verdict run(const verifier& v, std::string_view token) {
  const std::size_t capacity = verifier::buffer_size_for(token.size());
  std::vector<char> buffer(capacity + guard_size, guard_byte);
  const jwtcore::result<verified_claims> r = v.verify(token, buffer.data(), capacity);
  if (!guard_intact(buffer, capacity)) FAIL_CHECK("verify wrote past its capacity");
  return r ? accepted : refused(r.error());
}

verdict run_unverified(std::string_view token) {
  const std::size_t capacity = verifier::buffer_size_for(token.size());
  std::vector<char> buffer(capacity + guard_size, guard_byte);
  const jwtcore::result<jwtcore::unverified_token> r = jwtcore::decode_unverified(token, buffer.data(), capacity);
  if (!guard_intact(buffer, capacity)) FAIL_CHECK("decode_unverified wrote past its capacity");
  return r ? accepted : refused(r.error());
}

void check_cases(const verifier& v, const std::vector<token_case>& cases) {
  for (const token_case& c : cases) {
    INFO(c.name);
    CHECK(run(v, c.token) == c.expected);
  }
}

// The token of the row of that name (a failed check when there is none).
std::string_view token_named(const std::vector<token_case>& cases, std::string_view name) {
  for (const token_case& c : cases) {
    if (c.name == name) return c.token;
  }
  INFO(name);
  FAIL_CHECK("no case of that name");
  return {};
}

// A verify() result together with the buffer its views point into.
struct owned_claims {
  std::vector<char> buffer;
  jwtcore::result<verified_claims> result = error::buffer_too_small;

  bool owns(std::string_view view) const {
    const char* begin = buffer.data();
    const char* end = begin + buffer.size();
    return view.empty() || (view.data() >= begin && view.data() + view.size() <= end);
  }
};

owned_claims verify_owned(const verifier& v, std::string_view token) {
  owned_claims out;
  out.buffer.assign(verifier::buffer_size_for(token.size()), '\0');
  out.result = v.verify(token, out.buffer.data(), out.buffer.size());
  return out;
}

std::string cat(std::string_view a, std::string_view b, std::string_view c = {}, std::string_view d = {},
                std::string_view e = {}) {
  std::string s;
  s.reserve(a.size() + b.size() + c.size() + d.size() + e.size());
  s.append(a).append(b).append(c).append(d).append(e);
  return s;
}

hs256_key_set set_of(const hs256_key& k) {
  hs256_key_set s;
  s.add(k);
  return s;
}

// The keys python signed with.
const hs256_key& current_key() {
  static const hs256_key key(current_secret);
  return key;
}
const hs256_key& previous_key() {
  static const hs256_key key(previous_secret);
  return key;
}
const hs256_key_set& current_set() {
  static const hs256_key_set set = set_of(current_key());
  return set;
}

// The verifier of most cases: the current key, now = 1700000000, defaults otherwise.
verifier standard() {
  verifier v;
  v.keys(current_set()).now(now_s);
  return v;
}

// The three segments of a compact token.
struct segments {
  std::string_view header, payload, signature;
};
segments split(std::string_view token) {
  const std::size_t first = token.find('.');
  const std::size_t second = token.find('.', first + 1);
  return {token.substr(0, first), token.substr(first + 1, second - first - 1), token.substr(second + 1)};
}

}  // namespace

// ---- the data ------------------------------------------------------------------------

TEST_CASE("test data: tests/data/verify_tokens.json holds every value and table these tests name") {
  CHECK(jwtcore_test::verify_tokens().is_object());
  for (const std::string& name : jwtcore_test::missing_token_data()) {
    INFO(name);
    FAIL_CHECK("missing from tests/data/verify_tokens.json (run tests/data/make_verify_tokens.py)");
  }
  CHECK(jwtcore_test::missing_token_data().empty());
}

// ---- the header ---------------------------------------------------------------------

TEST_CASE("attack: alg is exactly \"HS256\" (none, None, \"HS256 \", HS512, RS256, ... over an HS256 MAC)") {
  check_cases(standard(), alg_cases);
}

TEST_CASE("attack: header not valid JSON, duplicate alg, bad UTF-8, too deep, too many members") {
  // The header is read before the MAC is checked, so verify.hpp holds it to
  // tight limits of its own (8 deep, 32 members) whatever max_depth says.
  verifier v = standard();
  check_cases(v, header_cases);
  v.max_depth(1000);
  check_cases(v, header_cases);
}

TEST_CASE("attack: a header that is valid JSON but not an object is bad_header (verify and decode_unverified)") {
  // verify.hpp: "header: not a JSON object ... bad_header"; error::bad_header's
  // message says the same. The payload error, bad_payload, would name the wrong segment.
  check_cases(standard(), header_not_object_cases);
  for (const token_case& c : header_not_object_cases) {
    INFO(c.name);
    CHECK(run_unverified(c.token) == refused(error::bad_header));
  }
}

TEST_CASE("attack: typ and kid that are not strings are bad_header") {
  check_cases(standard(), typ_kid_cases);
}

TEST_CASE("attack: crit in any form is crit_unsupported") {
  check_cases(standard(), crit_cases);
}

// ---- the signature and the key --------------------------------------------------------

TEST_CASE("attack: signature stripped, truncated, extended, swapped") {
  check_cases(standard(), signature_cases);
}

TEST_CASE("attack: a token signed with another key is bad_signature") {
  check_cases(standard(), wrong_key_cases);
}

// ---- the form -------------------------------------------------------------------------

TEST_CASE("attack: padding, + and /, whitespace, trailing bits, bad length in each segment") {
  // Every variant edits one segment of b64_base_token, which is itself valid.
  const verifier v = standard();
  CHECK(run(v, b64_base_token) == accepted);
  check_cases(v, b64_cases);
}

TEST_CASE("attack: 1, 2, 4 and 5 segments, leading, trailing and doubled dots") {
  check_cases(standard(), form_cases);
}

TEST_CASE("attack: 1 MiB of dots") {
  const std::string dots(std::size_t{1} << 20, '.');
  const std::string dotted_token = cat(valid_token, dots);
  verifier v = standard();
  CHECK(run(v, dots) == refused(error::too_large));
  CHECK(run(v, dotted_token) == refused(error::too_large));
  v.max_token_size(std::numeric_limits<std::size_t>::max());
  CHECK(run(v, dots) == refused(error::malformed));
  CHECK(run(v, dotted_token) == refused(error::malformed));
  CHECK(run(v, cat(dots, valid_token)) == refused(error::malformed));
  CHECK(run_unverified(dots) == refused(error::malformed));
  CHECK(run_unverified(dotted_token) == refused(error::malformed));
}

TEST_CASE("size limit: 16384 bytes are considered, 16385 are too_large; max_token_size moves it") {
  const std::string header_json = R"({"exp":1700086400,"pad":")";
  const auto padded = [&](std::size_t pad, std::string_view mac) {
    const std::string payload = cat(header_json, std::string(pad, 'a'), R"("})");
    return cat(header_segment, ".", jwtcore::base64url_encode(payload), ".", mac);
  };
  const std::string at_limit = padded(pad_for_16384, mac_for_16384);
  const std::string over_limit = padded(pad_for_16385, mac_for_16385);
  JWTCORE_REQUIRE(at_limit.size() == 16384);
  JWTCORE_REQUIRE(over_limit.size() == 16385);
  CHECK(verifier::default_max_token_size == 16384);

  verifier v = standard();
  CHECK(run(v, at_limit) == accepted);
  CHECK(run(v, over_limit) == refused(error::too_large));
  CHECK(run(v, std::string(16385, 'A')) == refused(error::too_large));
  CHECK(run(v, std::string(16384, 'A')) == refused(error::malformed));
  v.max_token_size(16385);
  CHECK(run(v, over_limit) == accepted);
  v.max_token_size(16383);
  CHECK(run(v, at_limit) == refused(error::too_large));
  v.max_token_size(valid_token.size());
  CHECK(run(v, valid_token) == accepted);
  v.max_token_size(valid_token.size() - 1);
  CHECK(run(v, valid_token) == refused(error::too_large));
  v.max_token_size(0);
  CHECK(run(v, valid_token) == refused(error::too_large));
  CHECK(run(v, "") == refused(error::malformed));
  // decode_unverified has no size limit of its own.
  CHECK(run_unverified(over_limit) == accepted);
}

// ---- the payload ----------------------------------------------------------------------

TEST_CASE("attack: payload not one JSON object (array, NaN, trailing data, bad grammar, 257 members)") {
  check_cases(standard(), payload_cases);
}

TEST_CASE("attack: payload with invalid UTF-8 or a lone surrogate") {
  check_cases(standard(), utf8_cases);
}

TEST_CASE("attack: duplicate exp and other duplicate members") {
  check_cases(standard(), duplicate_cases);
}

TEST_CASE("attack: 10,000-deep nesting in the header and in the payload") {
  const std::string open(10000, '['), close(10000, ']');
  const std::string deep_payload = cat(R"({"exp":1700086400,"deep":)", open, close, "}");
  const std::string deep_header = cat(R"({"alg":"HS256","deep":)", open, close, "}");
  const std::string payload_token =
      cat(header_segment, ".", jwtcore::base64url_encode(deep_payload), ".", deep_payload_mac);
  const std::string header_token =
      cat(jwtcore::base64url_encode(deep_header), ".", split(small_token).payload, ".", deep_header_mac);
  JWTCORE_REQUIRE(payload_token.size() == deep_payload_token_size);
  JWTCORE_REQUIRE(header_token.size() == deep_header_token_size);

  verifier v = standard();
  CHECK(run(v, payload_token) == refused(error::too_large));  // about 27 KB: the size limit comes first
  v.max_token_size(std::size_t{1} << 20);
  CHECK(run(v, payload_token) == refused(error::too_deep));
  CHECK(run(v, header_token) == refused(error::too_deep));
  // A depth limit above the reader's fixed ceiling counts as the ceiling.
  v.max_depth(1u << 30);
  CHECK(run(v, payload_token) == refused(error::too_deep));
  CHECK(run(v, header_token) == refused(error::too_deep));
  // Unsigned, the payload is never parsed.
  const std::string unsigned_token = cat(split(payload_token).header, ".", split(payload_token).payload, ".",
                                         split(valid_token).signature);
  CHECK(run(v, unsigned_token) == refused(error::bad_signature));
  CHECK(run_unverified(payload_token) == refused(error::too_deep));
  CHECK(run_unverified(header_token) == refused(error::too_deep));
}

TEST_CASE("nesting: 20 and 64 deep are accepted, 65 is too_deep; max_depth moves the limit") {
  verifier v = standard();
  CHECK(verifier::default_max_depth == 64);
  CHECK(run(v, nested_20_token) == accepted);
  CHECK(run(v, nested_64_token) == accepted);
  CHECK(run(v, nested_65_token) == refused(error::too_deep));
  v.max_depth(20);
  CHECK(run(v, nested_20_token) == accepted);
  CHECK(run(v, nested_64_token) == refused(error::too_deep));
  v.max_depth(19);
  CHECK(run(v, nested_20_token) == refused(error::too_deep));
  v.max_depth(65);
  CHECK(run(v, nested_65_token) == accepted);
  v.max_depth(1);
  CHECK(run(v, valid_token) == accepted);
  v.max_depth(0);  // even the payload object is one level too deep
  CHECK(run(v, valid_token) == refused(error::too_deep));
}

// ---- time -----------------------------------------------------------------------------

TEST_CASE("exp and nbf boundaries: exp == now is expired, nbf == now is valid, with and without leeway") {
  verifier v = standard();
  SUBCASE("exp = now + 100") {
    const std::string_view t = exp_now_plus_100;
    CHECK(run(v.now(now_s + 99), t) == accepted);
    CHECK(run(v.now(now_s + 100), t) == refused(error::expired));
    CHECK(run(v.now(now_s + 101), t) == refused(error::expired));
    v.leeway(30);
    CHECK(run(v.now(now_s + 129), t) == accepted);
    CHECK(run(v.now(now_s + 130), t) == refused(error::expired));
    v.leeway(-5);  // negative counts as 0
    CHECK(run(v.now(now_s + 99), t) == accepted);
    CHECK(run(v.now(now_s + 100), t) == refused(error::expired));
  }
  SUBCASE("nbf = now + 100") {
    const std::string_view t = nbf_now_plus_100;
    CHECK(run(v.now(now_s + 99), t) == refused(error::not_yet_valid));
    CHECK(run(v.now(now_s + 100), t) == accepted);
    CHECK(run(v.now(now_s + 101), t) == accepted);
    v.leeway(30);
    CHECK(run(v.now(now_s + 70), t) == accepted);
    CHECK(run(v.now(now_s + 69), t) == refused(error::not_yet_valid));
    v.leeway(-5);
    CHECK(run(v.now(now_s + 99), t) == refused(error::not_yet_valid));
    CHECK(run(v.now(now_s + 100), t) == accepted);
  }
  SUBCASE("fractional exp 100.5: valid at 100, expired at 101 (ceil)") {
    CHECK(run(v.now(99), exp_100_5) == accepted);
    CHECK(run(v.now(100), exp_100_5) == accepted);
    CHECK(run(v.now(101), exp_100_5) == refused(error::expired));
    v.leeway(1);  // exp + 1 = 101.5
    CHECK(run(v.now(101), exp_100_5) == accepted);
    CHECK(run(v.now(102), exp_100_5) == refused(error::expired));
    const owned_claims c = verify_owned(v.now(100), exp_100_5);
    JWTCORE_REQUIRE(c.result);
    CHECK(c.result->has_exp);
    CHECK(c.result->exp == 101);
  }
  SUBCASE("fractional nbf 100.5: not_yet_valid at 100, valid at 101") {
    CHECK(run(v.now(100), nbf_100_5) == refused(error::not_yet_valid));
    CHECK(run(v.now(101), nbf_100_5) == accepted);
    v.leeway(1);  // nbf - 1 = 99.5
    CHECK(run(v.now(100), nbf_100_5) == accepted);
    CHECK(run(v.now(99), nbf_100_5) == refused(error::not_yet_valid));
    const owned_claims c = verify_owned(v.now(101), nbf_100_5);
    JWTCORE_REQUIRE(c.result);
    CHECK(c.result->has_nbf);
    CHECK(c.result->nbf == 101);
  }
  SUBCASE("negative fractions: exp -0.5 and nbf -1.5") {
    CHECK(run(v.now(-1), exp_minus_0_5) == accepted);
    CHECK(run(v.now(0), exp_minus_0_5) == refused(error::expired));
    CHECK(run(v.now(-2), nbf_minus_1_5) == refused(error::not_yet_valid));
    CHECK(run(v.now(-1), nbf_minus_1_5) == accepted);
  }
}

TEST_CASE("attack: NumericDate values (1e309, -1, \"123\", 2^63, fractions, exponents)") {
  check_cases(standard(), numeric_date_cases);
}

TEST_CASE("leeway: INT64_MAX leeway and int64 extremes neither overflow nor wrap") {
  // Run under -fsanitize=undefined: an overflow in the comparisons fails there.
  verifier v = standard();
  SUBCASE("exp = INT64_MIN, leeway INT64_MAX: exp + leeway = -1 exactly") {
    CHECK(run(v.now(int64_min), exp_int64_min) == refused(error::expired));
    v.leeway(int64_max);
    CHECK(run(v.now(-2), exp_int64_min) == accepted);
    CHECK(run(v.now(-1), exp_int64_min) == refused(error::expired));
  }
  SUBCASE("exp = INT64_MAX - 1") {
    CHECK(run(v.now(int64_max - 2), exp_int64_max_minus_1) == accepted);
    CHECK(run(v.now(int64_max - 1), exp_int64_max_minus_1) == refused(error::expired));
    v.leeway(int64_max);
    CHECK(run(v.now(int64_max - 1), exp_int64_max_minus_1) == accepted);
    CHECK(run(v.now(0), exp_int64_max_minus_1) == accepted);
    CHECK(run(v.now(int64_min), exp_int64_max_minus_1) == accepted);
    v.leeway(1);  // exp + 1 = INT64_MAX exactly
    CHECK(run(v.now(int64_max - 1), exp_int64_max_minus_1) == accepted);
    CHECK(run(v.now(int64_max), exp_int64_max_minus_1) == refused(error::expired));
  }
  SUBCASE("nbf = INT64_MIN and INT64_MIN + 1") {
    CHECK(run(v.now(int64_min), nbf_int64_min) == accepted);
    CHECK(run(v.now(int64_min), nbf_int64_min_plus_1) == refused(error::not_yet_valid));
    v.leeway(1);
    CHECK(run(v.now(int64_min), nbf_int64_min_plus_1) == accepted);
    v.leeway(int64_max);
    CHECK(run(v.now(int64_min), nbf_int64_min) == accepted);
    CHECK(run(v.now(int64_min), nbf_int64_min_plus_1) == accepted);
  }
  SUBCASE("nbf = INT64_MAX, leeway INT64_MAX: nbf - leeway = 0 exactly") {
    CHECK(run(v.now(int64_max - 1), nbf_int64_max) == refused(error::not_yet_valid));
    v.leeway(1);
    CHECK(run(v.now(int64_max - 1), nbf_int64_max) == accepted);
    v.leeway(int64_max);
    CHECK(run(v.now(0), nbf_int64_max) == accepted);
    CHECK(run(v.now(-1), nbf_int64_max) == refused(error::not_yet_valid));
    CHECK(run(v.now(int64_min), nbf_int64_max) == refused(error::not_yet_valid));
  }
  SUBCASE("iat = INT64_MAX, leeway INT64_MAX: now + leeway = INT64_MAX - 1 at now -1") {
    v.reject_future_iat();
    CHECK(run(v.now(int64_max - 1), iat_int64_max) == refused(error::issued_in_future));
    v.leeway(1);
    CHECK(run(v.now(int64_max - 1), iat_int64_max) == accepted);
    v.leeway(int64_max);
    CHECK(run(v.now(0), iat_int64_max) == accepted);
    CHECK(run(v.now(-1), iat_int64_max) == refused(error::issued_in_future));
    CHECK(run(v.now(int64_max - 1), iat_int64_max) == accepted);
  }
}

TEST_CASE("leeway: now >= exp + leeway is exact where exp + leeway passes INT64_MAX (now == INT64_MAX)") {
  // verify.hpp documents expired as "now >= exp + leeway". With exp + leeway
  // beyond INT64_MAX that is false for every int64 now, INT64_MAX included;
  // a sum clamped to INT64_MAX would make it true at now == INT64_MAX.
  verifier v = standard();
  v.leeway(int64_max).now(int64_max);
  CHECK(run(v, exp_int64_max_minus_1) == accepted);  // exp + leeway = 2^64 - 2
  CHECK(run(v, exp_one) == accepted);                // exp + leeway = 2^63
  v.leeway(2);
  CHECK(run(v, exp_int64_max_minus_1) == accepted);  // exp + leeway = 2^63
}

TEST_CASE("iat in the future is refused only with reject_future_iat()") {
  verifier v = standard();
  CHECK(run(v, iat_now_plus_10) == accepted);
  v.reject_future_iat();
  CHECK(run(v, iat_now_plus_10) == refused(error::issued_in_future));
  CHECK(run(v.now(now_s + 9), iat_now_plus_10) == refused(error::issued_in_future));
  CHECK(run(v.now(now_s + 10), iat_now_plus_10) == accepted);
  CHECK(run(v.now(now_s + 11), iat_now_plus_10) == accepted);
  v.now(now_s).leeway(10);
  CHECK(run(v, iat_now_plus_10) == accepted);
  v.leeway(9);
  CHECK(run(v, iat_now_plus_10) == refused(error::issued_in_future));
  v.leeway(0);
  // iat 1700000000.5 lies after now = 1700000000.
  CHECK(run(v, iat_now_plus_0_5) == refused(error::issued_in_future));
  CHECK(run(v.now(now_s + 1), iat_now_plus_0_5) == accepted);
  CHECK(run(v.now(now_s), no_iat) == accepted);
  v.reject_future_iat(false);
  CHECK(run(v, iat_now_plus_10) == accepted);
  const owned_claims c = verify_owned(v, iat_now_plus_0_5);
  JWTCORE_REQUIRE(c.result);
  CHECK(c.result->has_iat);
  CHECK(c.result->iat == now_s + 1);
}

TEST_CASE("missing exp is missing_exp unless allow_missing_exp()") {
  verifier v = standard();
  CHECK(run(v, no_exp) == refused(error::missing_exp));
  CHECK(run(v, empty_claims) == refused(error::missing_exp));
  CHECK(run(v, exp_upper_case) == refused(error::missing_exp));  // "EXP" is not exp
  CHECK(run(v, exp_with_space) == refused(error::missing_exp));  // nor is "exp "
  CHECK(run(v, exp_escaped_expired) == refused(error::expired));  // "\u0065xp" is
  v.allow_missing_exp();
  CHECK(run(v, no_exp) == accepted);
  CHECK(run(v, empty_claims) == accepted);
  CHECK(run(v, exp_upper_case) == accepted);
  CHECK(run(v, exp_null) == refused(error::bad_claim));  // present, of the wrong type
  CHECK(run(v, no_exp_nbf_future) == refused(error::not_yet_valid));
  CHECK(run(v.now(now_s + 100), no_exp_nbf_future) == accepted);
  CHECK(run(v, exp_one) == refused(error::expired));  // a present exp still counts
  v.allow_missing_exp(false);
  CHECK(run(v, no_exp) == refused(error::missing_exp));
}

TEST_CASE("bad_claim: claim_fault names the claim and what is wrong with it") {
  const verifier v = standard();
  for (const jwtcore_test::token_row& row : jwtcore_test::token_table("claim_fault_cases")) {
    INFO(std::string(row.name));
    std::vector<char> buffer(verifier::buffer_size_for(row.token.size()));
    jwtcore::claim_fault fault;
    const jwtcore::result<verified_claims> claims = v.verify(row.token, now_s, buffer.data(), buffer.size(), &fault);
    CHECK(!claims);
    if (claims) continue;
    CHECK(claims.error() == error::bad_claim);
    CHECK(std::string(fault.claim) + ": " + std::string(fault.problem) == row.expect);
  }
  // Other verdicts leave the fault untouched.
  jwtcore::claim_fault untouched{"before", "before"};
  std::vector<char> buffer(verifier::buffer_size_for(no_exp.size()));
  CHECK(v.verify(no_exp, now_s, buffer.data(), buffer.size(), &untouched).error() == error::missing_exp);
  CHECK(untouched.claim == "before");
}

// ---- claims against the policy --------------------------------------------------------

TEST_CASE("attack: registered claims of the wrong type are bad_claim") {
  check_cases(standard(), wrong_type_cases);
}

TEST_CASE("attack: aud type confusion and matching") {
  verifier v = standard();
  v.audience(api_audience);
  check_cases(v, audience_cases);
  // Without an expected audience only the types matter.
  const verifier any = standard();
  for (const token_case& c : audience_cases) {
    INFO(c.name);
    CHECK(run(any, c.token) == (c.expected == refused(error::wrong_audience) ? accepted : c.expected));
  }
}

TEST_CASE("attack: iss must equal the expected issuer exactly") {
  verifier v = standard();
  v.issuer(tenant_issuer);
  check_cases(v, issuer_cases);
  const verifier any = standard();
  for (const token_case& c : issuer_cases) {
    INFO(c.name);
    CHECK(run(any, c.token) == (c.expected == refused(error::wrong_issuer) ? accepted : c.expected));
  }
  // The empty issuer is a value like any other.
  v.issuer("");
  CHECK(run(v, token_named(issuer_cases, "empty \"\"")) == accepted);
  CHECK(run(v, small_token) == refused(error::wrong_issuer));
}

TEST_CASE("attack: required scopes match whole words, in scope or the legacy scopes object") {
  verifier v = standard();
  v.require_scopes("read:users");
  SUBCASE("required read:users, and nothing required") {
    check_cases(v, scope_cases);
    const verifier any = standard();
    for (const token_case& c : scope_cases) {
      INFO(c.name);
      CHECK(run(any, c.token) == (c.expected == refused(error::missing_scope) ? accepted : c.expected));
    }
  }

  SUBCASE("several required scopes") {
    v.require_scopes("read:users update:clients");
    CHECK(run(v, several_scopes_token) == accepted);
    CHECK(run(v, valid_token) == accepted);
    v.require_scopes("read:users delete:clients");
    CHECK(run(v, several_scopes_token) == refused(error::missing_scope));
    v.require_scopes("read:users read:users");  // duplicates are harmless
    CHECK(run(v, several_scopes_token) == accepted);
    static constexpr std::string_view as_array[] = {"delete:users", "read:users", "update:clients"};
    v.require_scopes(as_array);
    CHECK(run(v, several_scopes_token) == accepted);
    CHECK(run(v, valid_token) == refused(error::missing_scope));
    v.require_scopes({});
    CHECK(run(v, small_token) == accepted);
  }
  SUBCASE("the legacy object") {
    v.require_scopes("read:users update:users read:clients");
    CHECK(run(v, legacy_scopes_token) == accepted);
    v.require_scopes("delete:users");
    CHECK(run(v, legacy_scopes_token) == refused(error::missing_scope));
    v.require_scopes("update:clients");
    CHECK(run(v, legacy_scopes_token) == refused(error::missing_scope));
    v.require_scopes("read");  // no entity
    CHECK(run(v, legacy_scopes_token) == refused(error::missing_scope));
    v.require_scopes("read:users:x");
    CHECK(run(v, legacy_scopes_token) == refused(error::missing_scope));
  }
  SUBCASE("scope and the legacy object together grant their union") {
    v.require_scopes("create:roles read:users");
    CHECK(run(v, mixed_scopes_token) == accepted);
    v.require_scopes("create:roles update:users");
    CHECK(run(v, mixed_scopes_token) == refused(error::missing_scope));
  }
}

TEST_CASE("verified_claims::grants finds whole words of the scope text") {
  // python3: bool(text) and wanted in text.split(' ')
  struct grant_case {
    std::string_view text, wanted;
    bool granted;
  };
  static constexpr grant_case cases[] = {
      {"read:users", "read:users", true},
      {"xread:users read:users", "read:users", true},
      {"read:users_app_metadata read:users", "read:users", true},
      {"read:users_app_metadata", "read:users", false},
      {"read:usersread:users", "read:users", false},
      {"aread:users read:usersb", "read:users", false},
      {"read:users", "", false},
      {"", "", false},
      {" read:users", "", true},
      {"read:users ", "", true},
      {"a:b  c:d", "", true},
      {"a:b a:b", "a:b", true},
      {"a:b", "a:b a:b", false},
      {"ab:c", "b:c", false},
      {"b:c b", "b", true},
  };
  for (const grant_case& c : cases) {
    CAPTURE(c.text);
    CAPTURE(c.wanted);
    verified_claims claims;
    claims.scope = c.text;
    claims.has_scope = true;
    CHECK(claims.grants(c.wanted) == c.granted);
  }
}

namespace {
// A deny list over some other store: records what it was asked.
class recording_deny_list final : public jwtcore::deny_list {
 public:
  recording_deny_list(std::string_view aud, std::string_view jti) : aud_(aud), jti_(jti) {}
  bool is_revoked(std::string_view aud, std::string_view jti) const noexcept override {
    ++calls;
    last_aud = aud;
    last_jti = jti;
    return aud == aud_ && jti == jti_;
  }
  mutable int calls = 0;
  mutable std::string_view last_aud, last_jti;

 private:
  std::string_view aud_, jti_;
};
}  // namespace

TEST_CASE("deny list: revoked only for the exact (aud, jti), with aud arrays") {
  verifier v = standard();
  SUBCASE("fixed_deny_list") {
    jwtcore::fixed_deny_list<3> list;
    CHECK(list.add("GLOBAL_CLIENT", "jti-0001"));
    CHECK(list.add("", "jti-noaud"));
    CHECK(list.size() == 2);
    CHECK(run(v, deny_plain) == accepted);  // no list yet
    v.revocations(&list);
    CHECK(run(v, deny_plain) == refused(error::revoked));
    CHECK(run(v, deny_aud_array_hit) == refused(error::revoked));
    CHECK(run(v, deny_escaped) == refused(error::revoked));  // compared decoded
    CHECK(run(v, deny_no_aud) == refused(error::revoked));   // no aud: ("", jti)
    CHECK(run(v, deny_other_jti) == accepted);
    CHECK(run(v, deny_other_aud) == accepted);
    CHECK(run(v, deny_aud_array_miss) == accepted);
    CHECK(run(v, deny_no_jti) == accepted);
    CHECK(run(v, deny_jti_prefix) == accepted);
    CHECK(run(v, deny_jti_longer) == accepted);
    CHECK(run(v, deny_jti_case) == accepted);
    CHECK(run(v, deny_aud_case) == accepted);
    CHECK(run(v, deny_expired) == refused(error::expired));  // the deny list comes last
    CHECK(list.add("a", "b"));
    CHECK_FALSE(list.add("c", "d"));  // full
    CHECK(list.size() == 3);
    v.revocations(nullptr);
    CHECK(run(v, deny_plain) == accepted);
  }
  SUBCASE("a custom deny_list") {
    recording_deny_list list("GLOBAL_CLIENT", "jti-0001");
    v.revocations(&list);
    CHECK(run(v, deny_plain) == refused(error::revoked));
    CHECK(list.calls == 1);
    list.calls = 0;
    CHECK(run(v, deny_aud_array_miss) == accepted);
    CHECK(list.calls == 2);  // once per audience
    list.calls = 0;
    CHECK(run(v, deny_no_jti) == accepted);
    CHECK(run(v, deny_expired) == refused(error::expired));
    CHECK(list.calls == 0);  // asked only about otherwise valid tokens with a jti
    const owned_claims c = verify_owned(v, deny_escaped);
    CHECK_FALSE(c.result);
    CHECK(c.result.error() == error::revoked);
    CHECK(list.last_aud == "GLOBAL_CLIENT");
    CHECK(list.last_jti == "jti-0001");
  }
}

// ---- keys -----------------------------------------------------------------------------

TEST_CASE("keys: kid selects named keys; unnamed keys are tried for any kid; no kid tries all") {
  const hs256_key a(kid_a_secret), b(kid_b_secret), unnamed(unnamed_secret);
  SUBCASE("named keys only") {
    hs256_key_set set;
    CHECK(set.add(a, "a"));
    CHECK(set.add(b, "b"));
    verifier v = standard();
    v.keys(set);
    CHECK(run(v, kid_a_by_a) == accepted);
    CHECK(run(v, kid_b_by_b) == accepted);
    CHECK(run(v, kid_a_by_b) == refused(error::bad_signature));
    CHECK(run(v, kid_c_by_a) == refused(error::unknown_kid));
    CHECK(run(v, kid_empty_by_a) == refused(error::unknown_kid));
    CHECK(run(v, kid_upper_a_by_a) == refused(error::unknown_kid));
    CHECK(run(v, kid_a_space_by_a) == refused(error::unknown_kid));
    CHECK(run(v, kid_escaped_a_by_a) == accepted);
    CHECK(run(v, no_kid_by_a) == accepted);
    CHECK(run(v, no_kid_by_b) == accepted);
    CHECK(run(v, no_kid_by_wrong) == refused(error::bad_signature));
    const owned_claims c = verify_owned(v, kid_escaped_a_by_a);
    JWTCORE_REQUIRE(c.result);
    CHECK(c.result->kid == "a");
  }
  SUBCASE("a named and an unnamed key") {
    hs256_key_set set;
    set.add(a, "a");
    set.add(unnamed);
    verifier v = standard();
    v.keys(set);
    CHECK(run(v, kid_zzz_by_unnamed) == accepted);
    CHECK(run(v, kid_zzz_by_a) == refused(error::bad_signature));
    CHECK(run(v, kid_a_by_unnamed) == accepted);
    CHECK(run(v, kid_a_by_a) == accepted);
    CHECK(run(v, no_kid_by_a) == accepted);
  }
  SUBCASE("an empty name is no name") {
    hs256_key_set set;
    set.add(a, "");
    verifier v = standard();
    v.keys(set);
    CHECK(run(v, kid_zzz_by_a) == accepted);
    CHECK(run(v, kid_c_by_a) == accepted);
  }
  SUBCASE("the set holds 8 keys") {
    hs256_key_set set;
    CHECK(set.empty());
    for (std::size_t i = 0; i < hs256_key_set::max_keys; ++i) CHECK(set.add(a, "a"));
    CHECK_FALSE(set.add(b, "b"));
    CHECK(set.size() == 8);
    CHECK_FALSE(set.empty());
    verifier v = standard();
    v.keys(set);
    CHECK(run(v, kid_b_by_b) == refused(error::unknown_kid));  // b was not added
    CHECK(run(v, kid_a_by_a) == accepted);
  }
}

TEST_CASE("keys: no key, empty set, short keys") {
  verifier v;
  v.now(now_s);
  CHECK(run(v, valid_token) == refused(error::no_key));
  const hs256_key_set empty;
  v.keys(empty);
  CHECK(run(v, valid_token) == refused(error::no_key));

  const hs256_key short_refused(short_secret_text);
  const hs256_key short_allowed(short_secret_text, short_secret::allow);
  const hs256_key empty_allowed("", short_secret::allow);
  const hs256_key empty_refused("");
  const hs256_key exactly_32(current_secret.substr(0, 32));
  CHECK(exactly_32.usable());

  const hs256_key_set only_short = set_of(short_refused);
  v.keys(only_short);
  CHECK(run(v, by_short) == refused(error::key_too_short));
  CHECK(run(v, valid_token) == refused(error::key_too_short));
  const hs256_key_set only_short_allowed = set_of(short_allowed);
  v.keys(only_short_allowed);
  CHECK(run(v, by_short) == accepted);
  CHECK(run(v, valid_token) == refused(error::bad_signature));
  hs256_key_set mixed;
  mixed.add(current_key());
  mixed.add(short_refused);
  v.keys(mixed);
  CHECK(run(v, valid_token) == refused(error::key_too_short));
  hs256_key_set mixed_allowed;
  mixed_allowed.add(current_key());
  mixed_allowed.add(short_allowed);
  v.keys(mixed_allowed);
  CHECK(run(v, valid_token) == accepted);
  CHECK(run(v, by_short) == accepted);
  const hs256_key_set empty_secret = set_of(empty_allowed);
  v.keys(empty_secret);
  CHECK(run(v, by_empty_secret) == accepted);
  const hs256_key_set empty_secret_refused = set_of(empty_refused);
  v.keys(empty_secret_refused);
  CHECK(run(v, by_empty_secret) == refused(error::key_too_short));
}

TEST_CASE("keys: rotation with the previous key") {
  verifier v = standard();
  hs256_key_set both;
  both.add(current_key());
  both.add(previous_key());
  v.keys(both);
  CHECK(run(v, valid_token) == accepted);
  CHECK(run(v, by_previous) == accepted);
  CHECK(run(v, by_wrong) == refused(error::bad_signature));
  hs256_key_set reversed;
  reversed.add(previous_key());
  reversed.add(current_key());
  v.keys(reversed);
  CHECK(run(v, valid_token) == accepted);
  CHECK(run(v, by_previous) == accepted);
  hs256_key_set named;
  named.add(current_key(), "2024");
  named.add(previous_key(), "2023");
  v.keys(named);
  CHECK(run(v, kid_2023_by_previous) == accepted);
  CHECK(run(v, kid_2024_by_current) == accepted);
  CHECK(run(v, kid_2024_by_previous) == refused(error::bad_signature));
  CHECK(run(v, by_previous) == accepted);
  const owned_claims c = verify_owned(v, kid_2023_by_previous);
  JWTCORE_REQUIRE(c.result);
  CHECK(c.result->kid == "2023");
  // The rotation is over: the previous key is gone.
  v.keys(current_set());
  CHECK(run(v, by_previous) == refused(error::bad_signature));
  CHECK(run(v, kid_2024_by_current) == accepted);
}

// ---- known answers and valid tokens ---------------------------------------------------

TEST_CASE("RFC 7515 appendix A.1 verifies before 1300819380 and is expired at it") {
  const std::optional<jwtcore_test::byte_string> key_bytes = jwtcore_test::from_hex(a1_key_hex);
  JWTCORE_REQUIRE(key_bytes && key_bytes->size() == 64);
  const hs256_key key(jwtcore_test::as_chars(*key_bytes));
  const hs256_key_set set = set_of(key);
  verifier v;
  v.keys(set).now(1300819379);
  const owned_claims c = verify_owned(v, a1_token);
  JWTCORE_REQUIRE(c.result);
  CHECK(c.result->header_json == a1_header_json);
  CHECK(c.result->payload_json == a1_payload_json);
  CHECK(c.result->iss == "joe");
  CHECK(c.result->has_exp);
  CHECK(c.result->exp == 1300819380);
  CHECK_FALSE(c.result->has_sub);
  CHECK(c.result->kid.empty());
  CHECK(run(v, a1_token) == accepted);
  CHECK(run(v.now(1300819380), a1_token) == refused(error::expired));
  CHECK(run(v.leeway(1), a1_token) == accepted);
  CHECK(run(v.now(0).leeway(0), a1_token) == accepted);
  CHECK(run(v.issuer("joe"), a1_token) == accepted);
  CHECK(run(v.issuer("Joe"), a1_token) == refused(error::wrong_issuer));
  verifier other = standard();
  other.now(0);
  CHECK(run(other, a1_token) == refused(error::bad_signature));
}

TEST_CASE("valid tokens from python3: unicode, escapes, fractional dates, big integers, nesting, 4 KB") {
  const verifier v = standard();
  struct valid {
    std::string_view name, token, payload_json;
  };
  const valid tokens[] = {
      {"unicode", unicode_token, unicode_json},       {"escapes", escapes_token, escapes_json},
      {"fractional", fractional_token, fractional_json}, {"bigints", bigints_token, bigints_json},
      {"4 KB", four_kib_token, four_kib_json},         {"whitespace", whitespace_token, whitespace_json},
      {"20 deep", nested_20_token, nested_20_payload}, {"64 deep", nested_64_token, nested_64_payload},
      {"minimal", minimal_token, minimal_payload_json}, {"valid", valid_token, valid_payload},
  };
  for (const valid& t : tokens) {
    INFO(t.name);
    const owned_claims c = verify_owned(v, t.token);
    CHECK(c.result);
    CHECK(c.result->payload_json == t.payload_json);
    CHECK(c.result->header_json == R"({"alg":"HS256","typ":"JWT"})");
  }
  CHECK(four_kib_json.size() >= 4096);
  const owned_claims escapes = verify_owned(v, escapes_token);
  JWTCORE_REQUIRE(escapes.result);
  CHECK(escapes.result->sub == escapes_sub);
  const owned_claims fractional = verify_owned(v, fractional_token);
  JWTCORE_REQUIRE(fractional.result);
  CHECK(fractional.result->iat == 1700000000);  // 1699999999.75 rounded up
  CHECK(fractional.result->nbf == 1700000000);  // 1699999999.999
  CHECK(fractional.result->exp == 1700000001);  // 1700000000.001
  const owned_claims widths = verify_owned(v, date_widths_token);
  JWTCORE_REQUIRE(widths.result);
  CHECK(widths.result->nbf == 123456789);
  CHECK(widths.result->iat == 1234567890123456);
  CHECK(widths.result->exp == 9876543210987654);
  verifier strict = standard();
  strict.reject_future_iat();
  CHECK(run(strict, fractional_token) == accepted);
  CHECK(run(strict.now(now_s + 1), fractional_token) == refused(error::expired));
}

TEST_CASE("verified_claims: every field equals what python encoded") {
  verifier v = standard();
  SUBCASE("all registered claims, \\u escapes and surrogate pairs decoded to UTF-8") {
    const owned_claims c = verify_owned(v, rich_token);
    JWTCORE_REQUIRE(c.result);
    const verified_claims& claims = *c.result;
    CHECK(claims.header_json == rich_header_json);
    CHECK(claims.payload_json == rich_payload_json);
    CHECK(claims.kid == rich_kid);
    CHECK(claims.has_iss);
    CHECK(claims.iss == rich_iss);
    CHECK(claims.has_sub);
    CHECK(claims.sub == rich_sub);
    CHECK(claims.has_jti);
    CHECK(claims.jti == rich_jti);
    CHECK(claims.has_scope);
    CHECK(claims.scope == rich_scope);
    CHECK(claims.audience_is_array);
    CHECK(claims.audience_count == 2);
    CHECK(claims.audiences[0] == rich_aud0);
    CHECK(claims.audiences[1] == rich_aud1);
    CHECK(claims.has_iat);
    CHECK(claims.iat == 1699999990);
    CHECK(claims.has_nbf);
    CHECK(claims.nbf == 1699999996);  // 1699999995.5 rounded up
    CHECK(claims.has_exp);
    CHECK(claims.exp == 1700086401);  // 1700086400.25 rounded up
    CHECK_FALSE(claims.has_legacy_scopes);
    CHECK(claims.legacy_scopes.empty());
    CHECK(claims.grants("read:users"));
    CHECK(claims.grants("update:clients"));
    CHECK_FALSE(claims.grants("delete:users"));
    for (std::string_view view : {claims.header_json, claims.payload_json, claims.kid, claims.iss, claims.sub,
                                  claims.jti, claims.scope, claims.audiences[0], claims.audiences[1]}) {
      CHECK(c.owns(view));
    }
  }
  SUBCASE("absent claims") {
    const owned_claims c = verify_owned(v, minimal_token);
    JWTCORE_REQUIRE(c.result);
    const verified_claims& claims = *c.result;
    CHECK_FALSE(claims.has_iss);
    CHECK_FALSE(claims.has_sub);
    CHECK_FALSE(claims.has_jti);
    CHECK_FALSE(claims.has_iat);
    CHECK_FALSE(claims.has_nbf);
    CHECK_FALSE(claims.has_scope);
    CHECK_FALSE(claims.has_legacy_scopes);
    CHECK(claims.kid.empty());
    CHECK(claims.has_exp);
    CHECK(claims.exp == 1700086400);
    CHECK_FALSE(claims.audience_is_array);
    CHECK(claims.audience_count == 1);
    CHECK(claims.audiences[0] == "GLOBAL_CLIENT");
    CHECK_FALSE(claims.grants("read:users"));
  }
  SUBCASE("the legacy scopes object, raw") {
    const owned_claims c = verify_owned(v, legacy_scopes_token);
    JWTCORE_REQUIRE(c.result);
    CHECK(c.result->has_legacy_scopes);
    CHECK(c.result->legacy_scopes == legacy_scopes_json);
    CHECK_FALSE(c.result->has_scope);
    CHECK(c.result->audience_count == 0);
    CHECK(c.result->grants("read:users"));
    CHECK(c.result->grants("update:users"));
    CHECK(c.result->grants("read:clients"));
    CHECK_FALSE(c.result->grants("delete:users"));
    CHECK_FALSE(c.result->grants("update:clients"));
  }
  SUBCASE("the other python tokens") {
    const owned_claims c = verify_owned(v, valid_token);
    JWTCORE_REQUIRE(c.result);
    CHECK(c.result->iss == "https://tenant.example/");
    CHECK(c.result->sub == "auth0|alice");
    CHECK(c.result->jti == "jti-0001");
    CHECK(c.result->scope == "read:users update:clients");
    CHECK(c.result->audiences[0] == "GLOBAL_CLIENT");
    CHECK(c.result->iat == 1699999000);
  }
}

// ---- buffers --------------------------------------------------------------------------

TEST_CASE("buffers: buffer_size_for suffices; smaller ones give buffer_too_small and write nothing past them") {
  CHECK(verifier::buffer_size_for(0) == 0);
  CHECK(verifier::buffer_size_for(100) >= 100);
  CHECK(verifier::buffer_size_for(std::numeric_limits<std::size_t>::max()) == std::numeric_limits<std::size_t>::max());
  verifier v = standard();
  v.max_token_size(1 << 20);
  struct sample {
    std::string_view name, token;
    verdict full;  // the verdict with enough room
  };
  const sample samples[] = {
      {"rich", rich_token, accepted},       {"valid", valid_token, accepted},
      {"escapes", escapes_token, accepted}, {"bigints", bigints_token, accepted},
      {"4 KB", four_kib_token, accepted},   {"kid escaped", token_named(typ_kid_cases, "kid any string (unnamed keys are tried)"), accepted},
      {"expired", exp_one, refused(error::expired)}, {"bad signature", token_named(wrong_key_cases, "signed with the wrong secret"), refused(error::bad_signature)},
  };
  for (const sample& s : samples) {
    INFO(s.name);
    const std::size_t full = verifier::buffer_size_for(s.token.size());
    const segments seg = split(s.token);
    // header_json and payload_json are views into the buffer: it must hold both decoded.
    const std::size_t decoded = jwtcore::base64url_decoded_size(seg.header.size()) +
                                jwtcore::base64url_decoded_size(seg.payload.size());
    // Every capacity for the small tokens; for the 4 KB one every capacity
    // near where the decoded segments end, and a stride elsewhere.
    const auto next = [&](std::size_t capacity) {
      if (full <= 2048 || (capacity + 64 >= decoded && capacity <= decoded + 256)) return capacity + 1;
      return capacity + 61 < full ? capacity + 61 : full;
    };
    std::size_t wrong_verdicts = 0, overruns = 0, non_monotonic = 0, views_outside = 0, refused_too_early = 0;
    bool fitted = false;
    for (std::size_t capacity = 0; capacity <= full; capacity = capacity == full ? full + 1 : next(capacity)) {
      std::vector<char> buffer(capacity + guard_size, guard_byte);
      const jwtcore::result<verified_claims> r = v.verify(s.token, buffer.data(), capacity);
      if (!guard_intact(buffer, capacity)) ++overruns;
      const bool too_small = !r && r.error() == error::buffer_too_small;
      if (too_small) {
        if (fitted) ++non_monotonic;
        continue;
      }
      if (capacity < decoded) ++refused_too_early;
      fitted = true;
      if ((r ? accepted : refused(r.error())) != s.full) ++wrong_verdicts;
      if (r) {
        const char* begin = buffer.data();
        for (std::string_view view : {r->header_json, r->payload_json, r->kid, r->iss, r->sub, r->jti, r->scope}) {
          if (!view.empty() && (view.data() < begin || view.data() + view.size() > begin + capacity)) ++views_outside;
        }
      }
    }
    CHECK(fitted);
    CHECK(overruns == 0);
    CHECK(wrong_verdicts == 0);
    CHECK(non_monotonic == 0);
    CHECK(views_outside == 0);
    CHECK(refused_too_early == 0);
    // And decode_unverified, on the same buffers.
    std::size_t unverified_overruns = 0, unverified_wrong = 0;
    for (std::size_t capacity = 0; capacity <= full; capacity = capacity == full ? full + 1 : next(capacity)) {
      std::vector<char> buffer(capacity + guard_size, guard_byte);
      const jwtcore::result<jwtcore::unverified_token> r = jwtcore::decode_unverified(s.token, buffer.data(), capacity);
      if (!guard_intact(buffer, capacity)) ++unverified_overruns;
      if (!r && r.error() != error::buffer_too_small) ++unverified_wrong;
      if (capacity < decoded && r) ++unverified_wrong;
      if (capacity == full && !r) ++unverified_wrong;
    }
    CHECK(unverified_overruns == 0);
    CHECK(unverified_wrong == 0);
  }
}

// ---- decode_unverified ----------------------------------------------------------------

TEST_CASE("decode_unverified: header and payload of a token with a bad signature; malformed forms refused alike") {
  SUBCASE("a bad signature, alg none, an expired token") {
    const std::string zero_signature = cat(valid_token.substr(0, valid_token.rfind('.')), ".",
                                           "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");  // b64(32 zero bytes)
    CHECK(run(standard(), zero_signature) == refused(error::bad_signature));
    std::vector<char> buffer(verifier::buffer_size_for(zero_signature.size()));
    const jwtcore::result<jwtcore::unverified_token> r =
        jwtcore::decode_unverified(zero_signature, buffer.data(), buffer.size());
    JWTCORE_REQUIRE(r);
    CHECK(r->header_json == R"({"alg":"HS256","typ":"JWT"})");
    CHECK(r->payload_json == valid_payload);
    CHECK(r->signature_segment == "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    const jwtcore::result<jwtcore::unverified_token> none =
        jwtcore::decode_unverified(alg_none_token, buffer.data(), buffer.size());
    JWTCORE_REQUIRE(none);
    CHECK(none->header_json == alg_none_header_json);
    CHECK(none->payload_json == R"({"exp":1700086400})");
    CHECK(run_unverified(exp_one) == accepted);
    CHECK(run_unverified(a1_token) == accepted);
  }
  SUBCASE("the same errors as verify for every malformed form and JSON text") {
    // Errors of form and JSON are decode_unverified's too; everything later
    // (alg, keys, signature, claims) it does not check.
    const auto unverified_expectation = [](verdict expected) {
      if (expected.ok) return accepted;
      switch (expected.e) {
        case error::malformed:
        case error::bad_base64url_char:
        case error::bad_base64url_length:
        case error::bad_base64url_padding:
        case error::bad_base64url_trailing_bits:
        case error::bad_header:
        case error::bad_payload:
        case error::bad_utf8:
        case error::bad_escape:
        case error::duplicate_member:
        case error::too_deep:
          return expected;
        default:
          return accepted;
      }
    };
    const auto check_all = [&](const std::vector<token_case>& cases) {
      for (const token_case& c : cases) {
        // verify's tight header limits (8 deep, 32 members) guard the work done
        // before the MAC; decode_unverified reads with the reader's defaults.
        if (c.name == "header 9 deep" || c.name == "header of 33 members") continue;
        INFO(c.name);
        CHECK(run_unverified(c.token) == unverified_expectation(c.expected));
      }
    };
    check_all(form_cases);
    check_all(b64_cases);
    check_all(header_cases);
    check_all(alg_cases);
    check_all(crit_cases);
    check_all(payload_cases);
    check_all(utf8_cases);
    check_all(duplicate_cases);
    check_all(signature_cases);
  }
}

// ---- properties -----------------------------------------------------------------------

TEST_CASE("property: no single-byte change, deletion or insertion of a valid token is accepted") {
  // The only accepted token is the original, and its MAC is python's.
  struct original {
    std::string_view token, mac_hex;
  };
  const original originals[] = {{valid_token, valid_mac_hex}, {rich_token, rich_mac_hex}};
  for (const original& o : originals) {
    const verifier v = standard();
    const owned_claims c = verify_owned(v, o.token);
    JWTCORE_REQUIRE(c.result);
    const std::string_view signature = split(o.token).signature;
    const jwtcore::result<std::string> mac = jwtcore::base64url_decode(signature);
    JWTCORE_REQUIRE(mac);
    CHECK(jwtcore_test::to_hex(jwtcore_test::as_bytes(*mac)) == o.mac_hex);

    std::size_t accepted_variants = 0, tried = 0;
    std::string mutated(o.token);
    for (std::size_t i = 0; i < o.token.size(); ++i) {
      const char was = o.token[i];
      const char replacements[] = {'A', 'a', '0', '-', '_', '.', '=', ' ', '\n', '\0', '\xff', '+', '/',
                                   static_cast<char>(was ^ 1), static_cast<char>(was ^ 0x20),
                                   static_cast<char>(was + 1)};
      for (const char r : replacements) {
        if (r == was) continue;
        mutated[i] = r;
        ++tried;
        if (run(v, mutated) == accepted) ++accepted_variants;
      }
      mutated[i] = was;
      std::string deleted(o.token);
      deleted.erase(i, 1);
      std::string inserted(o.token);
      inserted.insert(i, 1, 'A');
      tried += 2;
      if (run(v, deleted) == accepted) ++accepted_variants;
      if (run(v, inserted) == accepted) ++accepted_variants;
    }
    CHECK(tried > 10 * o.token.size());
    CHECK(accepted_variants == 0);
  }
}

TEST_CASE("property: random multi-byte damage is never accepted") {
  jwtcore_test::test_rng rng(0x5eed0f0e1d);
  const verifier v = standard();
  std::size_t accepted_variants = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string t(valid_token);
    const std::size_t changes = 1 + rng.next() % 4;
    for (std::size_t k = 0; k < changes; ++k) {
      const std::size_t at = static_cast<std::size_t>(rng.next() % t.size());
      const char c = static_cast<char>(static_cast<unsigned char>(rng.next() >> 56));
      if (c == t[at]) continue;
      t[at] = c;
    }
    if (t == valid_token) continue;
    if (run(v, t) == accepted) ++accepted_variants;
  }
  CHECK(accepted_variants == 0);
}

// ---- no heap --------------------------------------------------------------------------

TEST_CASE("no heap: verify() and decode_unverified() allocate nothing") {
  static char buffer[16384];
  jwtcore::fixed_deny_list<2> deny;
  deny.add("GLOBAL_CLIENT", "jti-0001");
  verifier policy = standard();
  policy.audience("GLOBAL_CLIENT").issuer(tenant_issuer).require_scopes("read:users update:clients").leeway(5);
  const verifier revoking = standard().revocations(&deny);
  const verifier plain = standard();
  hs256_key_set rotation;
  rotation.add(current_key(), "2024");
  rotation.add(previous_key(), "2023");
  verifier rotating = standard();
  rotating.keys(rotation);

  const std::size_t before = jwtcore_test::allocations();
  const bool valid_ok = static_cast<bool>(policy.verify(valid_token, buffer, sizeof buffer));
  const bool rich_ok = static_cast<bool>(plain.verify(rich_token, buffer, sizeof buffer));
  const bool legacy_ok = static_cast<bool>(plain.verify(legacy_scopes_token, buffer, sizeof buffer));
  const bool rotated_ok = static_cast<bool>(rotating.verify(kid_2023_by_previous, buffer, sizeof buffer));
  const jwtcore::result<verified_claims> revoked = revoking.verify(deny_plain, buffer, sizeof buffer);
  const jwtcore::result<verified_claims> bad_signature = plain.verify(token_named(wrong_key_cases, "signed with the wrong secret"), buffer, sizeof buffer);
  const jwtcore::result<verified_claims> expired = plain.verify(exp_one, buffer, sizeof buffer);
  const jwtcore::result<verified_claims> malformed = plain.verify(token_named(form_cases, "four segments"), buffer, sizeof buffer);
  const jwtcore::result<verified_claims> bad_header = plain.verify(token_named(header_cases, "duplicate alg, HS256 first"), buffer, sizeof buffer);
  const jwtcore::result<verified_claims> too_small = plain.verify(valid_token, buffer, 10);
  const bool unverified_ok = static_cast<bool>(jwtcore::decode_unverified(rich_token, buffer, sizeof buffer));
  const jwtcore::result<jwtcore::unverified_token> unverified_bad =
      jwtcore::decode_unverified(token_named(utf8_cases, "invalid UTF-8: invalid byte FF"), buffer, sizeof buffer);
  const std::size_t allocations = jwtcore_test::allocations() - before;

  CHECK(allocations == 0);
  CHECK(valid_ok);
  CHECK(rich_ok);
  CHECK(legacy_ok);
  CHECK(rotated_ok);
  CHECK(revoked.error() == error::revoked);
  CHECK(bad_signature.error() == error::bad_signature);
  CHECK(expired.error() == error::expired);
  CHECK(malformed.error() == error::malformed);
  CHECK(bad_header.error() == error::duplicate_member);
  CHECK(too_small.error() == error::buffer_too_small);
  CHECK(unverified_ok);
  CHECK(unverified_bad.error() == error::bad_utf8);
  CHECK_FALSE(revoked);
  CHECK_FALSE(unverified_bad);
}

// ---- the order of the checks ----------------------------------------------------------

TEST_CASE("order of checks: each check wins over every later one, as verify.hpp lists them") {
  const hs256_key_set empty;
  verifier v = standard();
  const segments valid = split(valid_token);

  // size, form, base64url (all three segments before any JSON)
  CHECK(run(v, std::string(16385, '.')) == refused(error::too_large));
  CHECK(run(v, "a=.b.c.d") == refused(error::malformed));
  CHECK(run(v, cat(valid.header, "=.", cat(" ", valid.payload), ".", valid.signature)) ==
        refused(error::bad_base64url_padding));
  CHECK(run(v, cat(valid.header, ".", cat(valid.payload, "="), ".", cat(valid.signature, " "))) ==
        refused(error::bad_base64url_padding));
  CHECK(run(v, cat(split(order_alg_none_bad_json).header, ".", valid.payload, ".", cat(valid.signature, "="))) ==
        refused(error::bad_base64url_padding));
  // header JSON, then alg, then crit, then the types of typ and kid
  CHECK(run(v, order_alg_none_bad_json) == refused(error::bad_header));
  CHECK(run(v, order_alg_none_crit) == refused(error::alg_not_allowed));
  CHECK(run(v, order_alg_none_typ_number) == refused(error::alg_not_allowed));
  CHECK(run(v, order_alg_none_kid_number) == refused(error::alg_not_allowed));
  CHECK(run(v, order_crit_kid_number) == refused(error::crit_unsupported));
  CHECK(run(v, order_crit_typ_array) == refused(error::crit_unsupported));
  // the header before the keys
  v.keys(empty);
  CHECK(run(v, order_crit) == refused(error::crit_unsupported));
  CHECK(run(v, alg_none_token) == refused(error::alg_not_allowed));
  CHECK(run(v, token_named(typ_kid_cases, "kid 1")) == refused(error::bad_header));
  // the keys before the signature
  const std::string garbage_signature = cat(valid.header, ".", valid.payload, ".AAAA");
  CHECK(run(v, garbage_signature) == refused(error::no_key));
  const hs256_key a(kid_a_secret), short_refused(short_secret_text);
  hs256_key_set named;
  named.add(a, "a");
  v.keys(named);
  CHECK(run(v, order_kid_unknown) == refused(error::unknown_kid));
  const hs256_key_set only_short = set_of(short_refused);
  v.keys(only_short);
  CHECK(run(v, garbage_signature) == refused(error::key_too_short));
  // the signature before the payload
  v.keys(current_set());
  CHECK(run(v, garbage_signature) == refused(error::bad_signature));
  CHECK(run(v, order_unsigned_array_payload) == refused(error::bad_signature));
  CHECK(run(v, order_unsigned_bad_utf8_payload) == refused(error::bad_signature));

  // claim types, then exp present, then exp, nbf, iat, aud, iss, scopes, deny list
  jwtcore::fixed_deny_list<1> deny;
  deny.add(api_audience, "jti-revoked");
  v.audience(api_audience).issuer(tenant_issuer).require_scopes("read:users").revocations(&deny).reject_future_iat();
  CHECK(run(v, policy_ok) == accepted);
  CHECK(run(v, policy_bad_type_and_expired) == refused(error::bad_claim));
  CHECK(run(v, policy_bad_type_last) == refused(error::bad_claim));
  CHECK(run(v, policy_no_exp_and_aud) == refused(error::missing_exp));
  CHECK(run(v, policy_expired_and_nbf) == refused(error::expired));
  CHECK(run(v, policy_nbf_and_iat) == refused(error::not_yet_valid));
  CHECK(run(v, policy_iat_and_aud) == refused(error::issued_in_future));
  CHECK(run(v, policy_aud_and_iss) == refused(error::wrong_audience));
  CHECK(run(v, policy_iss_and_scope) == refused(error::wrong_issuer));
  CHECK(run(v, policy_scope_and_revoked) == refused(error::missing_scope));
  CHECK(run(v, policy_revoked) == refused(error::revoked));
}

// ---- the one pass over the payload, the standard header, decode_unverified's limits -----

namespace {

// wide_token: 41 members before the registered claims, more than the one pass
// keeps for itself, so the claims are read again from the text. The others:
// the standard header reordered or spaced, a duplicate 10 objects deep (and
// the same without it), a header of 33 members, a header 9 deep.
TOKEN_VALUE(wide_token); TOKEN_VALUE(reordered_header_token); TOKEN_VALUE(spaced_header_token);
TOKEN_VALUE(deep_duplicate_token); TOKEN_VALUE(deep_distinct_token); TOKEN_VALUE(header_33_members_token);
TOKEN_VALUE(header_9_deep_token);

}  // namespace

TEST_CASE("one pass: a payload wider than the pass keeps is read again, to the same claims") {
  verifier v = standard();
  v.audience("GLOBAL_CLIENT").issuer(tenant_issuer).require_scopes("read:users");
  const owned_claims c = verify_owned(v, wide_token);
  JWTCORE_REQUIRE(c.result);
  CHECK(c.result->exp == 1700086400);
  CHECK(c.result->iss == tenant_issuer);
  CHECK(c.result->audience_is_array);
  CHECK(c.result->audience_count == 2);
  CHECK(c.result->audiences[0] == "a");
  CHECK(c.result->audiences[1] == "GLOBAL_CLIENT");
  CHECK(c.result->scope == "read:users");
  CHECK(c.result->jti == "wide-1");
  CHECK(c.result->sub == "x\xC3\xA9");
  CHECK(c.owns(c.result->sub));
  CHECK(run(standard(), wide_token) == accepted);
}

TEST_CASE("one pass: objects nested deeper than it follows are still checked for duplicates") {
  CHECK(run(standard(), deep_duplicate_token) == refused(error::duplicate_member));
  const verifier v = standard();
  const owned_claims c = verify_owned(v, deep_distinct_token);
  JWTCORE_REQUIRE(c.result);
  CHECK(c.result->iss == tenant_issuer);
  CHECK(c.result->exp == 1700086400);
}

TEST_CASE("header: only the standard header segment, byte for byte, skips the parse; others are read") {
  verifier v = standard();
  for (const std::string_view token : {small_token, reordered_header_token, spaced_header_token}) {
    INFO(token);
    const owned_claims c = verify_owned(v, token);
    JWTCORE_REQUIRE(c.result);
    CHECK(c.owns(c.result->header_json));
    const jwtcore::result<std::string> header = jwtcore::base64url_decode(split(token).header);
    JWTCORE_REQUIRE(header);
    CHECK(c.result->header_json == *header);
    CHECK(c.result->payload_json == R"({"exp":1700086400})");
  }
  // The fast path applies to the segment, not to its decoding: one character
  // off anywhere in it is as strict as any other header.
  const std::string standard_token(small_token);
  for (std::size_t i = 0; i < header_segment.size(); ++i) {
    std::string changed = standard_token;
    changed[i] = changed[i] == 'A' ? 'B' : 'A';
    INFO(i);
    CHECK(run(v, changed) != accepted);
  }
}

TEST_CASE("decode_unverified under a verifier's limits: its size limit and the tight header limits") {
  verifier v = standard();
  const auto member = [&](std::string_view token) {
    std::vector<char> buffer(verifier::buffer_size_for(token.size()) + guard_size, guard_byte);
    const jwtcore::result<jwtcore::unverified_token> r =
        v.decode_unverified(token, buffer.data(), buffer.size() - guard_size);
    if (!guard_intact(buffer, buffer.size() - guard_size)) FAIL_CHECK("decode_unverified wrote past its capacity");
    return r ? accepted : refused(r.error());
  };
  // The free function reads headers under the reader's defaults; the member as verify() does.
  CHECK(run_unverified(header_33_members_token) == accepted);
  CHECK(member(header_33_members_token) == refused(error::bad_header));
  CHECK(run(v, header_33_members_token) == refused(error::bad_header));
  CHECK(run_unverified(header_9_deep_token) == accepted);
  CHECK(member(header_9_deep_token) == refused(error::too_deep));
  CHECK(run(v, header_9_deep_token) == refused(error::too_deep));
  // The verifier's size limit and its depth limit for the payload.
  CHECK(member(valid_token) == accepted);
  v.max_token_size(valid_token.size() - 1);
  CHECK(member(valid_token) == refused(error::too_large));
  CHECK(run_unverified(valid_token) == accepted);
  v.max_token_size(verifier::default_max_token_size);
  CHECK(member(nested_20_token) == accepted);
  v.max_depth(19);
  CHECK(member(nested_20_token) == refused(error::too_deep));
  CHECK(run(v, nested_20_token) == refused(error::too_deep));
  CHECK(run_unverified(nested_20_token) == accepted);
  // What it decodes is what the free function decodes.
  std::vector<char> a(verifier::buffer_size_for(rich_token.size())), b(a.size());
  const jwtcore::result<jwtcore::unverified_token> free_result = jwtcore::decode_unverified(rich_token, a.data(), a.size());
  const jwtcore::result<jwtcore::unverified_token> member_result = standard().decode_unverified(rich_token, b.data(), b.size());
  JWTCORE_REQUIRE(free_result);
  JWTCORE_REQUIRE(member_result);
  CHECK(free_result->header_json == member_result->header_json);
  CHECK(free_result->payload_json == member_result->payload_json);
  CHECK(free_result->signature_segment == member_result->signature_segment);
}
