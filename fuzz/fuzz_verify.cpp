// fuzz/fuzz_verify.cpp: arbitrary tokens against a fixed key set, under a lax
// and a strict policy. The verifier must never crash, and whatever it accepts
// must carry a signature that an HMAC recomputed here (one-shot, from the raw
// secret) reproduces, under a header whose alg is exactly HS256.
// Input: a mode byte, then the token. Modes 1-3 treat the rest as a signing
// input and append its correct signature under key A, B or C, so the fuzzer
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
  std::string_view secret;
  std::string_view kid;  // empty: tried for every token
  jwtcore::short_secret policy;
};

// A: unnamed, 37 bytes. B: named, longer than a block (hashed first). C: a
// short legacy secret, allowed explicitly, under its own name.
constexpr test_key test_keys[] = {
    {"jwtcore-fuzz-secret-A-0123456789abcdef", "", jwtcore::short_secret::refuse},
    {"jwtcore-fuzz-secret-B-a-secret-longer-than-one-sha256-block-of-64-bytes!", "k2",
     jwtcore::short_secret::refuse},
    {"short", "legacy", jwtcore::short_secret::allow},
};
constexpr std::size_t key_count = sizeof(test_keys) / sizeof(test_keys[0]);

constexpr std::int64_t now = 1700000000;
constexpr std::string_view audience = "https://tenant.example.com/api/v2/";
constexpr std::string_view issuer = "https://tenant.example.com/";
constexpr std::string_view required_scope = "read:users";
constexpr std::string_view revoked_jti = "revoked-jti";

struct fixture {
  jwtcore::hs256_key keys[key_count] = {
      jwtcore::hs256_key(test_keys[0].secret, test_keys[0].policy),
      jwtcore::hs256_key(test_keys[1].secret, test_keys[1].policy),
      jwtcore::hs256_key(test_keys[2].secret, test_keys[2].policy),
  };
  jwtcore::hs256_key_set set;
  jwtcore::fixed_deny_list<2> denied;
  jwtcore::verifier lax, strict;

  fixture() {
    for (std::size_t i = 0; i < key_count; ++i) set.add(keys[i], test_keys[i].kid);
    denied.add(audience, revoked_jti);
    lax.keys(set).leeway(60).allow_missing_exp();
    strict.keys(set).leeway(60).audience(audience).issuer(issuer).require_scopes(required_scope)
        .revocations(&denied).reject_future_iat().max_depth(16);
  }
};

const fixture& the_fixture() {
  static const fixture f;
  return f;
}

std::string signature_segment(std::string_view secret, std::string_view signing_input) {
  const jwtcore::sha256_digest mac = jwtcore::hmac_sha256(secret, signing_input);
  return jwtcore::base64url_encode(
      std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
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
  FUZZ_CHECK(alg.kind() == jwtcore::json_kind::string && alg.string_equals("HS256"));
  char alg_text[8] = {};
  const jwtcore::result<std::size_t> alg_size = alg.decode_string(alg_text, sizeof(alg_text));
  FUZZ_CHECK(alg_size && std::string_view(alg_text, *alg_size) == "HS256");
  FUZZ_CHECK(!header->find("crit"));

  const jwtcore::json_value kid = header->find("kid");
  std::string kid_text;
  if (kid) {
    FUZZ_CHECK(kid.kind() == jwtcore::json_kind::string);
    kid_text.resize(*kid.string_size());
    kid.decode_string(kid_text.data(), kid_text.size());
    FUZZ_CHECK(claims.kid == kid_text);
  }

  // Some key the kid admits must have made this very signature.
  bool matched = false;
  for (const test_key& k : test_keys) {
    const bool admitted = k.kid.empty() || !kid || kid_text == k.kid;
    if (admitted && signature_segment(k.secret, signing_input) == signature) matched = true;
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
  const std::uint8_t mode = in.u8() % 4;
  std::string token(in.rest());
  if (mode != 0) {
    token += '.';
    token += signature_segment(test_keys[mode - 1].secret, std::string_view(token).substr(0, token.size() - 1));
  }

  // check_hs256_signature: exactly "two dots and the recomputed signature after the second".
  const std::size_t dots = count_dots(token);
  for (std::size_t i = 0; i < key_count; ++i) {
    bool expected = false;
    if (dots == 2) {
      const std::size_t second = token.rfind('.');
      expected = signature_segment(test_keys[i].secret, std::string_view(token).substr(0, second)) ==
                 std::string_view(token).substr(second + 1);
    }
    FUZZ_CHECK(jwtcore::check_hs256_signature(f.keys[i], token) == expected);
  }

  const std::size_t capacity = jwtcore::verifier::buffer_size_for(token.size());
  std::unique_ptr<char[]> lax_buffer, strict_buffer, small_buffer;
  const jwtcore::result<jwtcore::verified_claims> lax = verify(f.lax, token, lax_buffer, capacity);
  const jwtcore::result<jwtcore::verified_claims> strict = verify(f.strict, token, strict_buffer, capacity);

  if (lax) check_accepted(f.lax, token, *lax);
  if (strict) {
    check_accepted(f.strict, token, *strict);
    FUZZ_CHECK(lax.has_value());  // the strict policy only adds conditions
    FUZZ_CHECK(strict->has_exp && now - 60 < strict->exp);  // no overflow: exp may be near INT64_MAX
    FUZZ_CHECK(!strict->has_nbf || now + 60 >= strict->nbf);
    FUZZ_CHECK(strict->has_iss && strict->iss == issuer);
    bool has_audience = false;
    for (std::size_t i = 0; i < strict->audience_count; ++i) has_audience = has_audience || strict->audiences[i] == audience;
    FUZZ_CHECK(has_audience);
    FUZZ_CHECK(strict->grants(required_scope));
    FUZZ_CHECK(!(strict->has_jti && strict->jti == revoked_jti));
  }
  if (lax && lax->has_exp) FUZZ_CHECK(now - 60 < lax->exp);

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
