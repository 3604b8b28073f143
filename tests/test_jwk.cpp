// jwk_keys: the oct keys of a JWK Set (RFC 7517 section 5) or of one JWK into
// keys and a key set, every other key skipped, every malformed one named; and
// the RFC 7638 thumbprint. The sets, tokens and thumbprint come from
// tests/data/verify_tokens.json (make_verify_tokens.py, python3's hmac and
// hashlib); the malformed inputs are written out here.
#include <doctest/doctest.h>

#include "support/error_names.hpp"
#include "support/verify_tokens.hpp"

#include <jwtcore/jwk.hpp>

#include <string>       // names in messages
#include <string_view>  // JSON texts
#include <vector>       // verify buffers

namespace {

using jwtcore::error;
using jwtcore::jwk_fault;
using jwtcore::jwk_keys;
using jwtcore::jwt_alg;

std::string_view value(std::string_view name) { return jwtcore_test::token_value(name); }

std::string verdict(const jwtcore::jwt_key_set& set, std::string_view token, std::int64_t now = 1700000000) {
  std::vector<char> buffer(jwtcore::verifier::buffer_size_for(token.size()));
  const auto claims = jwtcore::verifier().keys(set).verify(token, now, buffer.data(), buffer.size());
  return claims ? "accepted" : std::string(jwtcore::to_string(claims.error()));
}

}  // namespace

TEST_CASE("jwk: a mixed set yields its HMAC signing keys, bound to their alg, under their kid") {
  jwk_keys keys;
  jwk_fault fault;
  const jwtcore::result<std::size_t> added = keys.add_set(value("jwks_mixed"), jwt_alg::hs256,
                                                          jwtcore::short_secret::refuse, &fault);
  CHECK(added);
  CHECK(*added == 2);  // not the RSA key, the A128KW key or the "use":"enc" key
  CHECK(keys.size() == 2);
  CHECK(keys.kid(0) == "h256");
  CHECK(keys.key(0).alg() == jwt_alg::hs256);
  CHECK(keys.kid(1) == "h512");
  CHECK(keys.key(1).alg() == jwt_alg::hs512);
  CHECK(verdict(keys.set(), value("jwks_h256_token")) == "accepted");
  CHECK(verdict(keys.set(), value("jwks_h512_token")) == "accepted");
  // The kid h512 names an HS512 key: an HS256 token naming it is refused, even signed with its secret.
  CHECK(verdict(keys.set(), value("jwks_h512_as_h256_token")) == "alg_not_allowed");
  CHECK(verdict(keys.set(), value("hs384_token")) == "alg_not_allowed");
}

TEST_CASE("jwk: the default algorithm binds keys without alg") {
  jwk_keys keys;
  // h256's secret is 32 bytes: too short for HS512, so the default is refused for it.
  jwk_fault fault;
  CHECK(keys.add_set(value("jwks_mixed"), jwt_alg::hs512, jwtcore::short_secret::refuse, &fault).error() ==
        error::key_too_short);
  CHECK(fault.index == 1);
  CHECK(fault.kid == "h256");
  CHECK(!fault.problem.empty());
  jwk_keys allowed;
  CHECK(allowed.add_set(value("jwks_mixed"), jwt_alg::hs512, jwtcore::short_secret::allow));
  CHECK(allowed.key(0).alg() == jwt_alg::hs512);
}

TEST_CASE("jwk: RFC 7517 appendix A.3's symmetric set verifies the RFC 7515 appendix A.1 token") {
  // The A128KW key is skipped; the second is the HMAC key of RFC 7515 A.1.
  constexpr std::string_view rfc7517_a3 =
      R"({"keys":[{"kty":"oct","alg":"A128KW","k":"GawgguFyGrWKav7AX4VKUg"},)"
      R"({"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",)"
      R"("kid":"HMAC key used in JWS spec A.1 example"}]})";
  jwk_keys keys;
  const jwtcore::result<std::size_t> added = keys.add_set(rfc7517_a3);
  CHECK(added);
  CHECK(*added == 1);
  CHECK(keys.kid(0) == "HMAC key used in JWS spec A.1 example");
  CHECK(verdict(keys.set(), value("a1_token"), 1300819000) == "accepted");
  CHECK(verdict(keys.set(), value("a1_token"), 1300819380) == "expired");
}

TEST_CASE("jwk: one JWK") {
  jwk_keys keys;
  const jwtcore::result<std::size_t> index = keys.add_key(value("jwk_h512"));
  CHECK(index);
  CHECK(*index == 0);
  CHECK(keys.key(0).alg() == jwt_alg::hs512);
  CHECK(keys.kid(0) == "h512");
  CHECK(verdict(keys.set(), value("jwks_h512_token")) == "accepted");
  jwk_fault fault;
  CHECK(keys.add_key(R"({"kty":"RSA","e":"AQAB","n":"AQAB"})", jwt_alg::hs256, jwtcore::short_secret::refuse, &fault)
            .error() == error::bad_jwk);
  CHECK(!fault.problem.empty());
  CHECK(keys.add_key(R"({"kty":"oct","use":"enc","k":"AAAA"})").error() == error::bad_jwk);
  CHECK(keys.size() == 1);
}

TEST_CASE("jwk: every malformed set or key is refused, with the key named") {
  const std::string k32 = R"("k":"YWxnLWhzMjU2LXNlY3JldC0wMTIzNDU2Nzg5YWJjZGU")";  // 32 bytes
  struct bad_case {
    std::string json;
    error expected;
    std::size_t index;
  };
  const bad_case cases[] = {
      {"[]", error::bad_payload, 0},
      {"{", error::bad_json, 0},
      {R"({"keys":[],"keys":[]})", error::duplicate_member, 0},
      {R"({})", error::bad_jwk, 0},
      {R"({"keys":{}})", error::bad_jwk, 0},
      {R"({"keys":[]})", error::no_key, 0},
      {R"({"keys":[{"kty":"RSA"}]})", error::no_key, 0},
      {R"({"keys":[7]})", error::bad_jwk, 0},
      {"{\"keys\":[{\"kty\":\"oct\"," + k32 + "},{" + k32 + "}]}", error::bad_jwk, 1},
      {R"({"keys":[{"kty":1}]})", error::bad_jwk, 0},
      {R"({"keys":[{"kty":"oct"}]})", error::bad_jwk, 0},
      {R"({"keys":[{"kty":"oct","k":7}]})", error::bad_jwk, 0},
      {"{\"keys\":[{\"kty\":\"oct\",\"kid\":7," + k32 + "}]}", error::bad_jwk, 0},
      {"{\"keys\":[{\"kty\":\"oct\",\"alg\":null," + k32 + "}]}", error::bad_jwk, 0},
      {R"({"keys":[{"kty":"oct","k":"YWxn+HMy"}]})", error::bad_base64url_char, 0},
      {R"({"keys":[{"kty":"oct","k":"YWxnLWhzMjU2LXNlY3JldC0wMTIzNDU2Nzg5YWJjZGU="}]})", error::bad_base64url_padding, 0},
      {R"({"keys":[{"kty":"oct","k":"YWxnLWhzMjU2LXNlY3JldC0wMTIzNDU2Nzg5YWJjZGV"}]})", error::bad_base64url_trailing_bits, 0},
      {R"({"keys":[{"kty":"oct","k":"c2hvcnQ"}]})", error::key_too_short, 0},
      {"{\"keys\":[{\"kty\":\"oct\",\"alg\":\"HS384\"," + k32 + "}]}", error::key_too_short, 0},
      {"{\"keys\":[{\"kty\":\"oct\",\"kid\":\"" + std::string(257, 'x') + "\"," + k32 + "}]}", error::bad_jwk, 0},
      {"{\"keys\":[{\"kty\":\"oct\",\"k\":\"" + std::string(1400, 'A') + "\"}]}", error::bad_jwk, 0},
  };
  for (const bad_case& c : cases) {
    CAPTURE(c.json.substr(0, 120));
    jwk_keys keys;
    jwk_fault fault;
    const jwtcore::result<std::size_t> added = keys.add_set(c.json, jwt_alg::hs256, jwtcore::short_secret::refuse, &fault);
    CHECK(!added);
    if (added) continue;
    CHECK(added.error() == c.expected);
    CHECK(fault.index == c.index);
    CHECK(keys.size() == 0);
    CHECK(keys.set().empty());
  }
  // Nine usable keys: one more than a key set holds.
  std::string nine = R"({"keys":[)";
  for (int i = 0; i < 9; ++i) nine += std::string(i == 0 ? "" : ",") + "{\"kty\":\"oct\"," + k32 + "}";
  nine += "]}";
  jwk_keys keys;
  jwk_fault fault;
  CHECK(keys.add_set(nine, jwt_alg::hs256, jwtcore::short_secret::refuse, &fault).error() == error::bad_jwk);
  CHECK(fault.index == 8);
}

TEST_CASE("jwk: the RFC 7638 thumbprint of an oct key") {
  const std::array<char, 43> thumbprint = jwtcore::jwk_thumbprint_oct("YWxnLWhzMjU2LXNlY3JldC0wMTIzNDU2Nzg5YWJjZGU");
  CHECK(std::string_view(thumbprint.data(), thumbprint.size()) == value("jwk_h256_thumbprint"));
}
