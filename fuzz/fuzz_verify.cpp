// fuzz/fuzz_verify.cpp: arbitrary tokens against a fixed set of HS256, HS384
// and HS512 keys, under a lax and a strict policy. The verifier must never
// crash, and whatever it accepts must carry a signature that an HMAC
// recomputed here (one-shot, from the raw secret) reproduces under a key the
// kid admits whose algorithm is exactly the header's alg. The same token
// under the set without that algorithm's keys is refused with
// alg_not_allowed.
// Input: a mode byte, then the token. Modes 1-7 treat the rest as a signing
// input and append its correct signature under key A to G, so the fuzzer
// also explores headers and claims behind a valid MAC.
#include <cstddef>      // std::size_t
#include <cstdint>      // fixed-width integers
#include <memory>       // exact-size heap buffers, so ASan sees any overrun
#include <string>       // tokens built here
#include <string_view>  // the input

#include <jwtcore/jwtcore.hpp>

#include "fuzz_support.hpp"

namespace {

struct test_key {
  jwtcore::jwt_alg alg;
  std::string_view secret;
  std::string_view kid;  // empty: tried for every token of its algorithm
  jwtcore::short_secret policy;
};

using jwtcore::jwt_alg;

// A: HS256, unnamed, 37 bytes. B: HS256, named, longer than a SHA-256 block
// (hashed first). C: HS256, a short legacy secret allowed explicitly, under
// its own name. D: HS384, unnamed. E: HS512, named, longer than a SHA-512
// block. F: HS384 under B's name, so one kid selects keys of two algorithms.
// G: HS512 with a short secret refused, kept out of the set: it never matches.
constexpr test_key test_keys[] = {
    {jwt_alg::hs256, "jwtcore-fuzz-secret-A-0123456789abcdef", "", jwtcore::short_secret::refuse},
    {jwt_alg::hs256, "jwtcore-fuzz-secret-B-a-secret-longer-than-one-sha256-block-of-64-bytes!", "k2",
     jwtcore::short_secret::refuse},
    {jwt_alg::hs256, "short", "legacy", jwtcore::short_secret::allow},
    {jwt_alg::hs384, "jwtcore-fuzz-secret-D-hs384-0123456789abcdef-0123456789", "", jwtcore::short_secret::refuse},
    {jwt_alg::hs512,
     "jwtcore-fuzz-secret-E-hs512-a-secret-longer-than-one-sha512-block-of-128-bytes-"
     "0123456789abcdef0123456789abcdef0123456789abcdef",
     "k512", jwtcore::short_secret::refuse},
    {jwt_alg::hs384, "jwtcore-fuzz-secret-F-hs384-named-like-B-0123456789abcdef", "k2", jwtcore::short_secret::refuse},
    {jwt_alg::hs512, "jwtcore-fuzz-secret-G-hs512-too-short", "", jwtcore::short_secret::refuse},
};
constexpr std::size_t key_count = sizeof(test_keys) / sizeof(test_keys[0]);
constexpr std::size_t keys_in_set = key_count - 1;  // all but G
static_assert(test_keys[6].secret.size() < jwtcore::min_secret_size(jwt_alg::hs512));

constexpr std::int64_t now = 1700000000;
constexpr std::string_view audience = "https://tenant.example.com/api/v2/";
constexpr std::string_view issuer = "https://tenant.example.com/";
constexpr std::string_view required_scope = "read:users";
constexpr std::string_view revoked_jti = "revoked-jti";

struct fixture {
  jwtcore::hs256_key hs256_keys[3] = {
      jwtcore::hs256_key(test_keys[0].secret, test_keys[0].policy),
      jwtcore::hs256_key(test_keys[1].secret, test_keys[1].policy),
      jwtcore::hs256_key(test_keys[2].secret, test_keys[2].policy),
  };
  jwtcore::jwt_key other_keys[key_count - 3] = {
      jwtcore::jwt_key(test_keys[3].alg, test_keys[3].secret, test_keys[3].policy),
      jwtcore::jwt_key(test_keys[4].alg, test_keys[4].secret, test_keys[4].policy),
      jwtcore::jwt_key(test_keys[5].alg, test_keys[5].secret, test_keys[5].policy),
      jwtcore::jwt_key(test_keys[6].alg, test_keys[6].secret, test_keys[6].policy),
  };
  const jwtcore::jwt_key* keys[key_count] = {};
  jwtcore::jwt_key_set set;
  jwtcore::jwt_key_set without[3];  // the set without the keys of one algorithm
  jwtcore::fixed_deny_list<2> denied;
  jwtcore::verifier lax, strict, lax_without[3];

  fixture() {
    for (std::size_t i = 0; i < key_count; ++i) keys[i] = i < 3 ? &hs256_keys[i] : &other_keys[i - 3];
    for (std::size_t i = 0; i < keys_in_set; ++i) {
      set.add(*keys[i], test_keys[i].kid);
      for (std::size_t a = 0; a < 3; ++a) {
        if (static_cast<std::size_t>(test_keys[i].alg) != a) without[a].add(*keys[i], test_keys[i].kid);
      }
    }
    denied.add(audience, revoked_jti);
    lax.keys(set).leeway(60).allow_missing_exp();
    strict.keys(set).leeway(60).audience(audience).issuer(issuer).require_scopes(required_scope)
        .revocations(&denied).reject_future_iat().max_depth(16);
    for (std::size_t a = 0; a < 3; ++a) lax_without[a].keys(without[a]).leeway(60).allow_missing_exp();
  }
};

const fixture& the_fixture() {
  static const fixture f;
  return f;
}

// The signature segment of `signing_input` under a secret, by the one-shot
// HMAC of the algorithm (the HMACs themselves are fuzz_hash_hmac's business).
std::string signature_segment(const test_key& key, std::string_view signing_input) {
  const auto encode = [](const auto& mac) {
    return jwtcore::base64url_encode(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
  };
  switch (key.alg) {
    case jwt_alg::hs384:
      return encode(jwtcore::hmac_sha384(key.secret, signing_input));
    case jwt_alg::hs512:
      return encode(jwtcore::hmac_sha512(key.secret, signing_input));
    default:
      return encode(jwtcore::hmac_sha256(key.secret, signing_input));
  }
}

bool usable(const test_key& key) {
  return key.policy == jwtcore::short_secret::allow || key.secret.size() >= jwtcore::min_secret_size(key.alg);
}

std::size_t count_dots(std::string_view s) {
  std::size_t dots = 0;
  for (const char c : s) dots += c == '.' ? 1 : 0;
  return dots;
}

// Verifies into a buffer of exactly `capacity` bytes.
jwtcore::result<jwtcore::verified_claims> verify(const jwtcore::verifier& v, std::string_view token,
                                                 std::unique_ptr<char[]>& buffer, std::size_t capacity) {
  buffer.reset(new char[capacity + 1]);
  return v.verify(token, now, buffer.get(), capacity);
}

// What every accepted token must satisfy, checked without the verifier.
void check_accepted(const jwtcore::verifier& v, std::string_view token, const jwtcore::verified_claims& claims) {
  FUZZ_CHECK(count_dots(token) == 2);
  const std::size_t first = token.find('.'), second = token.rfind('.');
  const std::string_view header_segment = token.substr(0, first);
  const std::string_view payload_segment = token.substr(first + 1, second - first - 1);
  const std::string_view signing_input = token.substr(0, second);
  const std::string_view signature = token.substr(second + 1);

  const jwtcore::result<std::string> header_json = jwtcore::base64url_decode(header_segment);
  const jwtcore::result<std::string> payload_json = jwtcore::base64url_decode(payload_segment);
  FUZZ_CHECK(header_json && payload_json);
  FUZZ_CHECK(claims.header_json == *header_json && claims.payload_json == *payload_json);

  const jwtcore::result<jwtcore::json_value> header = jwtcore::json_parse_object(*header_json);
  FUZZ_CHECK(header.has_value());
  const jwtcore::json_value alg = header->find("alg");
  FUZZ_CHECK(alg.kind() == jwtcore::json_kind::string && alg.string_equals(jwtcore::alg_name(claims.alg)));
  char alg_text[8] = {};
  const jwtcore::result<std::size_t> alg_size = alg.decode_string(alg_text, sizeof(alg_text));
  FUZZ_CHECK(alg_size && std::string_view(alg_text, *alg_size) == jwtcore::alg_name(claims.alg));
  FUZZ_CHECK(!header->find("crit"));

  const jwtcore::json_value kid = header->find("kid");
  std::string kid_text;
  if (kid) {
    FUZZ_CHECK(kid.kind() == jwtcore::json_kind::string);
    kid_text.resize(*kid.string_size());
    kid.decode_string(kid_text.data(), kid_text.size());
    FUZZ_CHECK(claims.kid == kid_text);
  }

  // Some key of the set that the kid admits, of the header's algorithm, must
  // have made this very signature.
  bool matched = false;
  for (std::size_t i = 0; i < keys_in_set; ++i) {
    const test_key& k = test_keys[i];
    const bool admitted = (k.kid.empty() || !kid || kid_text == k.kid) && k.alg == claims.alg;
    if (admitted && signature_segment(k, signing_input) == signature) matched = true;
  }
  FUZZ_CHECK(matched);

  // The payload passed the strict reader, so decode_unverified agrees, alone
// and under the verifier's own limits.
  std::unique_ptr<char[]> buffer(new char[2 * token.size() + 1]);
  const jwtcore::result<jwtcore::unverified_token> decoded =
      jwtcore::decode_unverified(token, buffer.get(), 2 * token.size());
  FUZZ_CHECK(decoded && decoded->header_json == *header_json && decoded->payload_json == *payload_json &&
             decoded->signature_segment == signature);
  const jwtcore::result<jwtcore::unverified_token> limited = v.decode_unverified(token, buffer.get(), 2 * token.size());
  FUZZ_CHECK(limited && limited->header_json == *header_json && limited->payload_json == *payload_json &&
             limited->signature_segment == signature);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fixture& f = the_fixture();
  fuzz::byte_reader in(data, size);
  const std::uint8_t mode = in.u8() % (key_count + 1);
  std::string token(in.rest());
  if (mode != 0) {
    token += '.';
    token += signature_segment(test_keys[mode - 1], std::string_view(token).substr(0, token.size() - 1));
  }

  // check_signature: exactly "two dots and the recomputed signature of the
  // key's algorithm after the second", and never for a key refused as short.
  const std::size_t dots = count_dots(token);
  for (std::size_t i = 0; i < key_count; ++i) {
    bool expected = false;
    if (dots == 2 && usable(test_keys[i])) {
      const std::size_t second = token.rfind('.');
      expected = signature_segment(test_keys[i], std::string_view(token).substr(0, second)) ==
                 std::string_view(token).substr(second + 1);
    }
    FUZZ_CHECK(jwtcore::check_signature(*f.keys[i], token) == expected);
    if (i < 3) FUZZ_CHECK(jwtcore::check_hs256_signature(f.hs256_keys[i], token) == expected);
  }

  const std::size_t capacity = jwtcore::verifier::buffer_size_for(token.size());
  std::unique_ptr<char[]> lax_buffer, strict_buffer, small_buffer;
  const jwtcore::result<jwtcore::verified_claims> lax = verify(f.lax, token, lax_buffer, capacity);
  const jwtcore::result<jwtcore::verified_claims> strict = verify(f.strict, token, strict_buffer, capacity);

  if (lax) check_accepted(f.lax, token, *lax);
  if (strict) {
    check_accepted(f.strict, token, *strict);
    FUZZ_CHECK(lax.has_value());                            // the strict policy only adds conditions
    FUZZ_CHECK(strict->has_exp && now - 60 < strict->exp);  // no overflow: exp may be near INT64_MAX
    FUZZ_CHECK(!strict->has_nbf || now + 60 >= strict->nbf);
    FUZZ_CHECK(strict->has_iss && strict->iss == issuer);
    bool has_audience = false;
    for (std::size_t i = 0; i < strict->audience_count; ++i)
      has_audience = has_audience || strict->audiences[i] == audience;
    FUZZ_CHECK(has_audience);
    FUZZ_CHECK(strict->grants(required_scope));
    FUZZ_CHECK(!(strict->has_jti && strict->jti == revoked_jti));
  }
  if (lax && lax->has_exp) FUZZ_CHECK(now - 60 < lax->exp);

  // Without the keys of the token's algorithm: alg_not_allowed; without those
  // of another: the same verdict, as its key is still there.
  for (std::size_t a = 0; a < 3; ++a) {
    std::unique_ptr<char[]> without_buffer;
    const jwtcore::result<jwtcore::verified_claims> without = verify(f.lax_without[a], token, without_buffer, capacity);
    if (without) FUZZ_CHECK(lax && without->alg == lax->alg && static_cast<std::size_t>(without->alg) != a);
    if (lax) {
      FUZZ_CHECK(static_cast<std::size_t>(lax->alg) == a
                     ? !without && without.error() == jwtcore::error::alg_not_allowed
                     : without.has_value());
    }
  }

  // A smaller buffer changes nothing but may run out: then buffer_too_small.
  const std::size_t small = capacity / 3;
  const jwtcore::result<jwtcore::verified_claims> lax_small = verify(f.lax, token, small_buffer, small);
  if (lax_small) {
    FUZZ_CHECK(lax.has_value());
    FUZZ_CHECK(lax_small->payload_json == lax->payload_json && lax_small->exp == lax->exp);
  } else {
    FUZZ_CHECK(lax_small.error() == jwtcore::error::buffer_too_small || (!lax && lax_small.error() == lax.error()));
  }
  return 0;
}
