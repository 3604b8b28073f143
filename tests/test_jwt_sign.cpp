// Tests of jwtcore/sign.hpp and the key of key.hpp: exact tokens made by python3
// (json, hmac, hashlib, base64), the buffer and string
// paths, the claims and text paths, the key policy, payload refusals, buffer
// bounds, RFC 7515 appendix A.1 in a constant expression, the signature check,
// the key type, and the absence of heap allocation on the buffer paths; the
// signing pipeline against an independent HMAC at every block boundary, and its
// payload check against the JSON reader.
#include <doctest/doctest.h>

#include "support/error_names.hpp"

#include <jwtcore/base64url.hpp>
#include <jwtcore/claims.hpp>
#include <jwtcore/hmac.hpp>
#include <jwtcore/json_reader.hpp>
#include <jwtcore/sign.hpp>
#include <jwtcore/sha256.hpp>

#include "support/alloc_counter.hpp"
#include "support/kernel_choice.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

using jwtcore::claims;
using jwtcore::error;
using jwtcore::hs256_key;
using jwtcore::sign_options;

// The tenant secret of every python-made token below (37 bytes).
constexpr std::string_view secret = "jwtcore-test-tenant-secret-0123456789";

// ---- Expected JSON and tokens, python3:
// b64(b) = base64.urlsafe_b64encode(b).rstrip(b'=')
// tok(key, payload, header) = b64(header) + '.' + b64(payload) + '.' +
//     b64(hmac.new(key, signing_input, hashlib.sha256).digest())
// JSON = json.dumps(d, separators=(',', ':'), ensure_ascii=False).encode()

// {"iss":"https://example-tenant.auth0.com/","aud":"GLOBAL_CLIENT_ID_abc123","iat":1700000000,
//  "exp":1700086400,"jti":"0123456789abcdef0123456789abcdef","scope":"read:users update:clients"}
constexpr std::string_view management_json =
    R"({"iss":"https://example-tenant.auth0.com/","aud":"GLOBAL_CLIENT_ID_abc123","iat":1700000000,"exp":1700086400,)"
    R"("jti":"0123456789abcdef0123456789abcdef","scope":"read:users update:clients"})";
constexpr std::string_view management_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJpc3MiOiJodHRwczovL2V4YW1wbGUtdGVuYW50LmF1dGgwLmNvbS8iLCJhdWQiOiJHTE9CQUxfQ0xJRU5UX0lEX2FiYzEyMyIsImlhdCI6MTcw"
    "MDAwMDAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiIwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZiIsInNjb3BlIjoicmVhZDp1c2Vy"
    "cyB1cGRhdGU6Y2xpZW50cyJ9.yK3vf93bZGxNucwbZvSPDmPvxMGlZtiP_3navVCMqd4";

// {"aud":"GLOBAL_CLIENT_ID_abc123","iat":1700000000,
//  "scopes":{"users":{"actions":["read","update","delete"]},"clients":{"actions":["read"]}}}
constexpr std::string_view legacy_json =
    R"({"aud":"GLOBAL_CLIENT_ID_abc123","iat":1700000000,"scopes":{"users":{"actions":["read","update","delete"]},)"
    R"("clients":{"actions":["read"]}}})";
constexpr std::string_view legacy_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJhdWQiOiJHTE9CQUxfQ0xJRU5UX0lEX2FiYzEyMyIsImlhdCI6MTcwMDAwMDAwMCwic2NvcGVzIjp7InVzZXJzIjp7ImFjdGlvbnMiOlsicmVh"
    "ZCIsInVwZGF0ZSIsImRlbGV0ZSJdfSwiY2xpZW50cyI6eyJhY3Rpb25zIjpbInJlYWQiXX19fQ.7YUGaxvXi79oFq9cW-"
    "bubDQ3Mnm1kEfKqFwiM3iKM88";

// {"sub":"auth0|5f7c8ec7c33c6c004bbafe82","name":"Zo\u00eb \"q\" \\ \n\t\x01\x1f \U0001F600 \u20ac",
//  "n":-9223372036854775808,"ok":True}
constexpr std::string_view escapes_name = "Zo\303\253 \"q\" \\ \n\t\001\037 \360\237\230\200 \342\202\254";
constexpr std::string_view escapes_json = R"({"sub":"auth0|5f7c8ec7c33c6c004bbafe82","name":"Zo)"
                                          "\303\253"
                                          R"( \"q\" \\ \n\t\u0001\u001f )"
                                          "\360\237\230\200"
                                          R"( )"
                                          "\342\202\254"
                                          R"(","n":-9223372036854775808,"ok":true})";
constexpr std::string_view escapes_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJzdWIiOiJhdXRoMHw1ZjdjOGVjN2MzM2M2YzAwNGJiYWZlODIiLCJuYW1lIjoiWm_DqyBcInFcIiBcXCBcblx0XHUwMDAxXHUwMDFmIPCfmIAg"
    "4oKsIiwibiI6LTkyMjMzNzIwMzY4NTQ3NzU4MDgsIm9rIjp0cnVlfQ.ik5GHTjzwcaBAx_LqTT_PF3JKpjeVV6WgRu2GyT52LU";

// {"iss":"https://a.example/","sub":"svc","aud":["https://api.example/","GLOBAL_CLIENT_ID_abc123"],
//  "iat":1,"nbf":2,"exp":9223372036854775807,"jti":"x"}
constexpr std::string_view audiences_json =
    R"({"iss":"https://a.example/","sub":"svc","aud":["https://api.example/","GLOBAL_CLIENT_ID_abc123"],"iat":1,)"
    R"("nbf":2,"exp":9223372036854775807,"jti":"x"})";
constexpr std::string_view audiences_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJpc3MiOiJodHRwczovL2EuZXhhbXBsZS8iLCJzdWIiOiJzdmMiLCJhdWQiOlsiaHR0cHM6Ly9hcGkuZXhhbXBsZS8iLCJHTE9CQUxfQ0xJRU5U"
    "X0lEX2FiYzEyMyJdLCJpYXQiOjEsIm5iZiI6MiwiZXhwIjo5MjIzMzcyMDM2ODU0Nzc1ODA3LCJqdGkiOiJ4In0."
    "VSt1oth53kmt8qnkrHgqrygOpGnq8uP3RltlkRGQRuc";

// The management payload under {"alg":"HS256","typ":"JWT","kid":"tenant-key-2024"}.
constexpr std::string_view kid_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6InRlbmFudC1rZXktMjAyNCJ9."
    "eyJpc3MiOiJodHRwczovL2V4YW1wbGUtdGVuYW50LmF1dGgwLmNvbS8iLCJhdWQiOiJHTE9CQUxfQ0xJRU5UX0lEX2FiYzEyMyIsImlhdCI6MTcw"
    "MDAwMDAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiIwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZiIsInNjb3BlIjoicmVhZDp1c2Vy"
    "cyB1cGRhdGU6Y2xpZW50cyJ9.zkFeHMpJ-zNx4nuSzlRN3LnWydPWfwsffsL-dgKR2eg";

// The legacy payload under json.dumps({"alg":"HS256","typ":"JWT","kid":"k\"1/\u00e9"}): a kid that needs escaping.
constexpr std::string_view escaped_kid = "k\"1/\303\251";
constexpr std::string_view escaped_kid_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImtcIjEvw6kifQ."
    "eyJhdWQiOiJHTE9CQUxfQ0xJRU5UX0lEX2FiYzEyMyIsImlhdCI6MTcwMDAwMDAwMCwic2NvcGVzIjp7InVzZXJzIjp7ImFjdGlvbnMiOlsicmVh"
    "ZCIsInVwZGF0ZSIsImRlbGV0ZSJdfSwiY2xpZW50cyI6eyJhY3Rpb25zIjpbInJlYWQiXX19fQ.ttL6LIK26nOTuI-Ymt9NU80dmJe8WwEgk2elv-"
    "8cszA";

// The tenant secret handed out base64url-encoded: b64(bytes(range(7, 55))), and
// the management payload signed with the 48 decoded bytes.
constexpr std::string_view encoded_secret = "BwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2";
constexpr std::string_view encoded_secret_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJpc3MiOiJodHRwczovL2V4YW1wbGUtdGVuYW50LmF1dGgwLmNvbS8iLCJhdWQiOiJHTE9CQUxfQ0xJRU5UX0lEX2FiYzEyMyIsImlhdCI6MTcw"
    "MDAwMDAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiIwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZiIsInNjb3BlIjoicmVhZDp1c2Vy"
    "cyB1cGRhdGU6Y2xpZW50cyJ9.-ZFAKMBlTk2t5mazkqJHboXXWtKhZgVotu7C7sFDI1w";

// A payload text with whitespace, signed byte for byte: b' {"a" : [1, 2.5e3, "x"] }\n'.
constexpr std::string_view raw_json = " {\"a\" : [1, 2.5e3, \"x\"] }\n";
constexpr std::string_view raw_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.IHsiYSIgOiBbMSwgMi41ZTMsICJ4Il0gfQo.H36d2iAPvFbLD4NKDPjpgxVIrw58om6R-"
    "lIL9OMWwIQ";

// {"a":1} signed with the first n bytes of bytes(range(0x41, 0x61)) ("ABC...`").
constexpr std::string_view short_payload = R"({"a":1})";
constexpr std::string_view alphabet_secret = "ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`";
constexpr std::string_view short_token_0 =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhIjoxfQ.QFhi6R_w6Kjm-IhqrB1V5HT29az6piAEg4LOGgsTJAw";
constexpr std::string_view short_token_1 =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhIjoxfQ.zWulvuB2SAICRpazDuL5dkvDzV5hddiMIrJPQRnWWXQ";
constexpr std::string_view short_token_31 =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhIjoxfQ.b0kGUpq47xuNgBkO3oPRi3fOqW5ek_wBXu6PjryM3C8";
constexpr std::string_view token_32 =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhIjoxfQ.F0NvG2-o3MQ5GXKzrgpAFqC6q_DiTdZIgogSGn8R8Xk";

// ---- The claim sets that write the JSON above.
claims management_claims() {
  claims c;
  c.issuer("https://example-tenant.auth0.com/").audience("GLOBAL_CLIENT_ID_abc123");
  c.issued_at(1700000000).expires_at(1700086400).jwt_id("0123456789abcdef0123456789abcdef");
  c.scopes("read:users update:clients");
  return c;
}
claims legacy_claims() {
  claims c;
  c.audience("GLOBAL_CLIENT_ID_abc123").issued_at(1700000000);
  c.scopes("read:users update:users read:clients delete:users read:users", jwtcore::scope_format::legacy_object);
  return c;
}
claims escapes_claims() {
  claims c;
  c.subject("auth0|5f7c8ec7c33c6c004bbafe82").custom_string("name", escapes_name);
  c.custom_integer("n", std::numeric_limits<std::int64_t>::min()).custom_boolean("ok", true);
  return c;
}
constexpr std::string_view two_audiences[] = {"https://api.example/", "GLOBAL_CLIENT_ID_abc123"};
claims audiences_claims() {
  claims c;
  c.issuer("https://a.example/").subject("svc").audiences(two_audiences).issued_at(1).not_before(2);
  c.expires_at(std::numeric_limits<std::int64_t>::max()).jwt_id("x");
  return c;
}

// ---- Signing helpers: the token, or "<error name>".
std::string err_text(error e) { return "<" + std::string(jwtcore::to_string(e)) + ">"; }

template <class Payload>
std::string sign_into(const hs256_key& key, const Payload& payload, const sign_options& options = {}) {
  std::vector<char> buffer(4096, '\0');
  const jwtcore::result<std::size_t> r = jwtcore::sign_hs256_into(key, payload, buffer.data(), buffer.size(), options);
  if (!r) return err_text(r.error());
  return std::string(buffer.data(), *r);
}

template <class Payload>
std::string sign_string(const hs256_key& key, const Payload& payload, const sign_options& options = {}) {
  const jwtcore::result<std::string> r = jwtcore::sign_hs256(key, payload, options);
  if (!r) return err_text(r.error());
  return *r;
}

// Every path must give `expected`: buffer and string, claims and text.
void check_all_paths(const hs256_key& key, const claims& c, std::string_view json, std::string_view expected,
                     const sign_options& options = {}) {
  // The claim set writes exactly the python JSON, so both paths sign the same bytes.
  const jwtcore::result<std::string> written = c.to_json();
  CHECK(written);
  CHECK(*written == json);
  CHECK(sign_into(key, c, options) == expected);
  CHECK(sign_string(key, c, options) == expected);
  CHECK(sign_into(key, json, options) == expected);
  CHECK(sign_string(key, json, options) == expected);
}

std::string alphabet_prefix(std::size_t n) { return std::string(alphabet_secret.substr(0, n)); }

}  // namespace

TEST_CASE("sign: exact tokens (python3) on every path") {
  const hs256_key key(secret);
  CHECK(key.usable());
  SUBCASE("the management token") { check_all_paths(key, management_claims(), management_json, management_token); }
  SUBCASE("the legacy scopes object") { check_all_paths(key, legacy_claims(), legacy_json, legacy_token); }
  SUBCASE("escapes and unicode") { check_all_paths(key, escapes_claims(), escapes_json, escapes_token); }
  SUBCASE("audiences array, nbf and INT64 extremes") {
    check_all_paths(key, audiences_claims(), audiences_json, audiences_token);
  }
  SUBCASE("a kid header") {
    sign_options options;
    options.kid = "tenant-key-2024";
    check_all_paths(key, management_claims(), management_json, kid_token, options);
  }
  SUBCASE("a kid that needs escaping") {
    sign_options options;
    options.kid = escaped_kid;
    check_all_paths(key, legacy_claims(), legacy_json, escaped_kid_token, options);
  }
}

TEST_CASE("sign: a tenant secret given base64url-encoded is decoded first") {
  const jwtcore::result<std::string> decoded = jwtcore::base64url_decode(encoded_secret);
  CHECK(decoded);
  // python3: bytes(range(7, 55))
  std::string expected_secret;
  for (int b = 7; b < 55; ++b) expected_secret += static_cast<char>(b);
  CHECK(*decoded == expected_secret);
  const hs256_key key(*decoded);
  CHECK(key.secret_size() == 48);
  check_all_paths(key, management_claims(), management_json, encoded_secret_token);
  // The encoded text itself is a different (64-byte) secret: a different token.
  const hs256_key wrong(encoded_secret);
  CHECK(sign_into(wrong, management_claims()) != encoded_secret_token);
}

TEST_CASE("sign: a text payload is signed byte for byte") {
  const hs256_key key(secret);
  CHECK(sign_into(key, raw_json) == raw_token);
  CHECK(sign_string(key, raw_json) == raw_token);
  // The token length is what hs256_token_size predicts for the standard header.
  for (std::string_view json : {raw_json, management_json, legacy_json, escapes_json, audiences_json, short_payload}) {
    CAPTURE(json);
    CHECK(sign_into(key, json).size() == jwtcore::hs256_token_size(json.size()));
  }
  CHECK(jwtcore::hs256_token_size(management_json.size()) == management_token.size());
  // 36 header characters, two dots, 43 signature characters around the payload's
  // ceil(4n / 3) (RFC 4648, unpadded); no size_t wraps around for huge payloads.
  CHECK(jwtcore::hs256_token_size(0) == 81);
  CHECK(jwtcore::hs256_token_size(1) == 83);
  CHECK(jwtcore::hs256_token_size(3) == 85);
  const std::size_t max = std::numeric_limits<std::size_t>::max();
  CHECK(jwtcore::hs256_token_size(max) == max);
  CHECK(jwtcore::hs256_token_size(max / 4 * 3) == max);
  CHECK(jwtcore::hs256_token_size(max - 100) == max);
}

TEST_CASE("sign: secrets under 32 bytes need short_secret::allow") {
  for (std::size_t n = 0; n < 32; ++n) {
    CAPTURE(n);
    const std::string s = alphabet_prefix(n);
    const hs256_key refused(s);
    const hs256_key refused_explicit(s, jwtcore::short_secret::refuse);
    for (const hs256_key* key : {&refused, &refused_explicit}) {
      CHECK_FALSE(key->usable());
      CHECK(key->usable().error() == error::key_too_short);
      CHECK(sign_into(*key, short_payload) == err_text(error::key_too_short));
      CHECK(sign_string(*key, short_payload) == err_text(error::key_too_short));
      CHECK(sign_into(*key, management_claims()) == err_text(error::key_too_short));
      CHECK(sign_string(*key, management_claims()) == err_text(error::key_too_short));
    }
    const hs256_key allowed(s, jwtcore::short_secret::allow);
    CHECK(allowed.usable());
    const std::string token = sign_into(allowed, short_payload);
    CHECK(token.size() == jwtcore::hs256_token_size(short_payload.size()));
    CHECK(sign_string(allowed, short_payload) == token);
    CHECK(jwtcore::check_hs256_signature(allowed, token));
    // The same token does not pass with the refusing key: its policy never matches.
    CHECK_FALSE(jwtcore::check_hs256_signature(refused, token));
    if (n == 0) CHECK(token == short_token_0);
    if (n == 1) CHECK(token == short_token_1);
    if (n == 31) CHECK(token == short_token_31);
  }
  const hs256_key exactly_32(alphabet_prefix(32));
  CHECK(exactly_32.usable());
  CHECK(sign_into(exactly_32, short_payload) == token_32);
  CHECK(sign_string(exactly_32, short_payload) == token_32);
  CHECK(jwtcore::check_hs256_signature(exactly_32, token_32));
  CHECK(jwtcore::hs256_min_secret_size == 32);
  // The key error comes before any payload check.
  CHECK(sign_into(hs256_key("short"), std::string_view("not json")) == err_text(error::key_too_short));
}

TEST_CASE("sign: every too small capacity fails and writes nothing past it") {
  const hs256_key key(secret);
  constexpr char guard = '\xA5';
  sign_options with_kid;
  with_kid.kid = escaped_kid;
  struct path {
    std::string_view name;
    std::string_view expected;
    jwtcore::result<std::size_t> (*sign)(const hs256_key&, char*, std::size_t, const sign_options&);
    const sign_options* options;
  };
  const sign_options no_kid;
  const path paths[] = {
      {"text", management_token,
       [](const hs256_key& k, char* out, std::size_t cap, const sign_options& o) {
         return jwtcore::sign_hs256_into(k, management_json, out, cap, o);
       },
       &no_kid},
      {"claims", management_token,
       [](const hs256_key& k, char* out, std::size_t cap, const sign_options& o) {
         return jwtcore::sign_hs256_into(k, management_claims(), out, cap, o);
       },
       &no_kid},
      {"text with kid", escaped_kid_token,
       [](const hs256_key& k, char* out, std::size_t cap, const sign_options& o) {
         return jwtcore::sign_hs256_into(k, legacy_json, out, cap, o);
       },
       &with_kid},
      {"claims with kid", escaped_kid_token,
       [](const hs256_key& k, char* out, std::size_t cap, const sign_options& o) {
         return jwtcore::sign_hs256_into(k, legacy_claims(), out, cap, o);
       },
       &with_kid},
      {"raw text", raw_token,
       [](const hs256_key& k, char* out, std::size_t cap, const sign_options& o) {
         return jwtcore::sign_hs256_into(k, raw_json, out, cap, o);
       },
       &no_kid},
  };
  for (const path& p : paths) {
    CAPTURE(p.name);
    const std::size_t size = p.expected.size();
    for (std::size_t capacity = 0; capacity <= size; ++capacity) {
      CAPTURE(capacity);
      std::vector<char> buffer(size + 64, guard);
      const jwtcore::result<std::size_t> r = p.sign(key, buffer.data(), capacity, *p.options);
      if (capacity < size) {
        CHECK_FALSE(r);
        CHECK(r.error() == error::buffer_too_small);
      } else {
        CHECK(r);
        CHECK(std::string_view(buffer.data(), *r) == p.expected);
      }
      std::size_t touched_past_capacity = 0;
      for (std::size_t i = capacity; i < buffer.size(); ++i) touched_past_capacity += buffer[i] != guard ? 1u : 0u;
      CHECK(touched_past_capacity == 0);
    }
  }
}

TEST_CASE("sign: a text payload that is not one JSON object in valid UTF-8 is refused") {
  // The expected errors are json_reader.hpp's documented contract for
  // json_parse_object: a valid value of another kind is bad_payload; grammar,
  // trailing data and empty input are bad_json; bad_utf8, bad_escape, too_deep,
  // duplicate_member and too_large as named.
  struct refusal {
    std::string_view name;
    std::string_view payload;
    error expected;
  };
  const std::string deep = std::string(65, '[') + std::string(65, ']');  // one past the default max_depth of 64
  const std::string deep_object = "{\"a\":" + std::string(64, '[') + std::string(64, ']') + "}";
  const std::string huge = "{\"a\":\"" + std::string(std::size_t{1} << 20, 'x') + "\"}";  // over max_size
  const refusal refusals[] = {
      {"array", "[]", error::bad_payload},
      {"array of an object", R"([{"a":1}])", error::bad_payload},
      {"string", R"("{}")", error::bad_payload},
      {"number", "1", error::bad_payload},
      {"negative number", "-1.5e3", error::bad_payload},
      {"true", "true", error::bad_payload},
      {"null", "null", error::bad_payload},
      {"two objects", "{}{}", error::bad_json},
      {"two objects with space", R"({"a":1} {"b":2})", error::bad_json},
      {"trailing garbage", "{} x", error::bad_json},
      {"trailing comma", R"({"a":1,})", error::bad_json},
      {"unterminated", R"({"a":1)", error::bad_json},
      {"single quotes", "{'a':1}", error::bad_json},
      {"empty", "", error::bad_json},
      {"only whitespace", " \n\t", error::bad_json},
      {"raw control character in a string", "{\"a\":\"\001\"}", error::bad_json},
      {"invalid UTF-8 in a value", "{\"a\":\"\377\"}", error::bad_utf8},
      {"invalid UTF-8 in a name", "{\"\300\200\":1}", error::bad_utf8},
      {"surrogate in UTF-8", "{\"a\":\"\355\240\200\"}", error::bad_utf8},
      {"truncated UTF-8", "{\"a\":\"\342\202\"}", error::bad_utf8},
      {"invalid UTF-8 after the object", "{}\377", error::bad_json},
      {"lone surrogate escape", R"({"a":"\ud800"})", error::bad_escape},
      {"unknown escape", R"({"a":"\x41"})", error::bad_escape},
      {"duplicate member", R"({"a":1,"a":2})", error::duplicate_member},
      {"too deep", deep, error::too_deep},
      {"too deep inside an object", deep_object, error::too_deep},
      {"too large", huge, error::too_large},
  };
  const hs256_key key(secret);
  for (const refusal& r : refusals) {
    CAPTURE(r.name);
    // The reader agrees with the expectation, and the signer reports the same.
    const jwtcore::result<void> read = jwtcore::json_validate_object(r.payload);
    CHECK_FALSE(read);
    CHECK(read.error() == r.expected);
    CHECK(sign_into(key, r.payload) == err_text(r.expected));
    CHECK(sign_string(key, r.payload) == err_text(r.expected));
    sign_options with_kid;
    with_kid.kid = "k";
    CHECK(sign_into(key, r.payload, with_kid) == err_text(r.expected));
  }
  // Whitespace around one object is fine; the text is signed as given.
  CHECK(sign_into(key, std::string_view(" {}\r\n")).size() == jwtcore::hs256_token_size(5));
  CHECK(sign_into(key, std::string_view("{}")).size() == jwtcore::hs256_token_size(2));
}

TEST_CASE("sign: errors of the claim set surface from the claims path") {
  const hs256_key key(secret);
  CHECK(sign_into(key, claims().scopes("read:current_user")) == err_text(error::current_user_scope));
  CHECK(sign_into(key, claims().scopes("Read:users")) == err_text(error::malformed_scope));
  CHECK(sign_into(key, claims().custom_string("exp", "x")) == err_text(error::duplicate_member));
  CHECK(sign_into(key, claims().issuer("\377")) == err_text(error::bad_utf8));
  CHECK(sign_string(key, claims().scopes("read:user").scope_checking(jwtcore::scope_policy::known_only)) ==
        err_text(error::unknown_scope));
  // A kid in invalid UTF-8 cannot be written into the header.
  sign_options bad_kid;
  bad_kid.kid = "\300\200";
  CHECK(sign_into(key, management_claims(), bad_kid) == err_text(error::bad_utf8));
  CHECK(sign_into(key, management_json, bad_kid) == err_text(error::bad_utf8));
  CHECK(sign_string(key, management_json, bad_kid) == err_text(error::bad_utf8));
}

namespace {

// ---- RFC 7515 appendix A.1 (tests/data/rfc7515-a1.json), baked as literals.
// protected_header_octets and payload_octets, with their CR LF:
constexpr std::string_view rfc7515_header = "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}";
constexpr std::string_view rfc7515_payload =
    "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
// jwk.k, and its 64 bytes (python3: base64.urlsafe_b64decode(k + '==')).
constexpr std::string_view rfc7515_k =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
constexpr std::uint8_t rfc7515_key[64] = {0x03, 0x23, 0x35, 0x4b, 0x2b, 0x0f, 0xa5, 0xbc, 0x83, 0x7e, 0x06, 0x65, 0x77,
                                          0x7b, 0xa6, 0x8f, 0x5a, 0xb3, 0x28, 0xe6, 0xf0, 0x54, 0xc9, 0x28, 0xa9, 0x0f,
                                          0x84, 0xb2, 0xd2, 0x50, 0x2e, 0xbf, 0xd3, 0xfb, 0x5a, 0x92, 0xd2, 0x06, 0x47,
                                          0xef, 0x96, 0x8a, 0xb4, 0xc3, 0x77, 0x62, 0x3d, 0x22, 0x3d, 0x2e, 0x21, 0x72,
                                          0x05, 0x2e, 0x4f, 0x08, 0xc0, 0xcd, 0x9a, 0xf5, 0x67, 0xd0, 0x80, 0xa3};
// The RFC's compact serialization.
constexpr std::string_view rfc7515_compact =
    "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
    "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

struct token_text {
  char text[256] = {};
  std::size_t size = 0;
  bool ok = false;
};

constexpr token_text rfc7515_sign() {
  token_text t;
  const jwtcore::hmac_sha256_midstates key = jwtcore::hmac_sha256_precompute(rfc7515_key, sizeof rfc7515_key);
  const jwtcore::result<std::size_t> r =
      jwtcore::sign_hs256_raw(key, rfc7515_header, rfc7515_payload, t.text, sizeof t.text);
  t.ok = static_cast<bool>(r);
  t.size = r ? *r : 0;
  return t;
}

constexpr bool rfc7515_matches() {
  const token_text t = rfc7515_sign();
  return t.ok && std::string_view(t.text, t.size) == rfc7515_compact;
}
static_assert(rfc7515_matches(), "RFC 7515 A.1 reproduced in a constant expression");

constexpr bool rfc7515_short_buffer_refused() {
  char out[178] = {};  // the compact token is 179 characters (python3 len())
  const jwtcore::hmac_sha256_midstates key = jwtcore::hmac_sha256_precompute(rfc7515_key, sizeof rfc7515_key);
  const jwtcore::result<std::size_t> r = jwtcore::sign_hs256_raw(key, rfc7515_header, rfc7515_payload, out, sizeof out);
  return !r && r.error() == jwtcore::error::buffer_too_small;
}
static_assert(rfc7515_compact.size() == 179, "python3 len() of the compact token");
static_assert(rfc7515_short_buffer_refused(), "a short buffer is refused in a constant expression");

std::string read_file(const char* path) {
  std::string text;
  if (std::FILE* f = std::fopen(path, "rb")) {
    char chunk[4096];
    std::size_t n = 0;
    while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) text.append(chunk, n);
    std::fclose(f);
  }
  return text;
}

}  // namespace

TEST_CASE("sign: RFC 7515 appendix A.1") {
  // The baked literals are the data file's values.
  const std::string data = read_file(JWTCORE_TEST_DATA_DIR "/rfc7515-a1.json");
  CHECK_FALSE(data.empty());
  CHECK(data.find("\"compact\": \"" + std::string(rfc7515_compact) + "\"") != std::string::npos);
  CHECK(data.find("\"k\": \"" + std::string(rfc7515_k) + "\"") != std::string::npos);
  CHECK(data.find("\"key_hex_derived\": \"0323354b2b0fa5bc837e0665777ba68f5ab328e6f054c928a90f84b2d2502ebfd3fb5a92d2"
                  "0647ef968ab4c377623d223d2e2172052e4f08c0cd9af567d080a3\"") != std::string::npos);
  const jwtcore::result<std::string> k = jwtcore::base64url_decode(rfc7515_k);
  CHECK(k);
  CHECK(*k == std::string(reinterpret_cast<const char*>(rfc7515_key), sizeof rfc7515_key));

  // The same at run time, and the signature check accepts the RFC's token.
  const token_text t = rfc7515_sign();
  CHECK(t.ok);
  CHECK(std::string_view(t.text, t.size) == rfc7515_compact);
  const hs256_key key(std::string_view(reinterpret_cast<const char*>(rfc7515_key), sizeof rfc7515_key));
  CHECK(key.secret_size() == 64);
  CHECK(jwtcore::check_hs256_signature(key, rfc7515_compact));
  CHECK_FALSE(jwtcore::check_hs256_signature(hs256_key(secret), rfc7515_compact));
}

TEST_CASE("check_hs256_signature: accepts every token signed above") {
  const hs256_key key(secret);
  const std::string_view tokens[] = {management_token, legacy_token,      escapes_token, audiences_token,
                                     kid_token,        escaped_kid_token, raw_token};
  for (std::string_view token : tokens) {
    CAPTURE(token);
    CHECK(jwtcore::check_hs256_signature(key, token));
    CHECK(jwtcore::check_hs256_signature(key.clone(), token));
  }
  const jwtcore::result<std::string> decoded = jwtcore::base64url_decode(encoded_secret);
  CHECK(decoded);
  CHECK(jwtcore::check_hs256_signature(hs256_key(*decoded), encoded_secret_token));
  CHECK(jwtcore::check_hs256_signature(hs256_key(alphabet_prefix(32)), token_32));
  CHECK(jwtcore::check_hs256_signature(hs256_key("", jwtcore::short_secret::allow), short_token_0));
  CHECK(jwtcore::check_hs256_signature(hs256_key("A", jwtcore::short_secret::allow), short_token_1));
}

TEST_CASE("check_hs256_signature: refuses a wrong key") {
  const std::string_view tokens[] = {management_token, legacy_token, escapes_token,       audiences_token,
                                     kid_token,        raw_token,    encoded_secret_token};
  const std::string longer = std::string(secret) + "x";
  const std::string shorter(secret.substr(0, secret.size() - 1));
  std::string flipped(secret);
  flipped[0] = static_cast<char>(flipped[0] ^ 1);
  for (std::string_view token : tokens) {
    CAPTURE(token);
    CHECK_FALSE(jwtcore::check_hs256_signature(hs256_key(longer), token));
    CHECK_FALSE(jwtcore::check_hs256_signature(hs256_key(shorter), token));
    CHECK_FALSE(jwtcore::check_hs256_signature(hs256_key(flipped), token));
    CHECK_FALSE(jwtcore::check_hs256_signature(hs256_key(encoded_secret), token));
  }
  // The encoded-secret token is refused under the tenant secret.
  CHECK_FALSE(jwtcore::check_hs256_signature(hs256_key(secret), encoded_secret_token));
}

TEST_CASE("check_hs256_signature: refuses every single-byte modification") {
  const hs256_key key(secret);
  const hs256_key empty_key("", jwtcore::short_secret::allow);
  const char replacements[] = {'A', 'a', '0', '-', '_', '.', '=', '+', '/', ' ', '\0', '\377'};
  for (std::string_view token : {management_token, kid_token, raw_token, short_token_0}) {
    CAPTURE(token);
    const hs256_key& k = token == short_token_0 ? empty_key : key;
    CHECK(jwtcore::check_hs256_signature(k, token));
    std::size_t accepted = 0;
    std::string modified(token);
    for (std::size_t i = 0; i < token.size(); ++i) {
      const char original = token[i];
      auto try_byte = [&](char replacement) {
        if (replacement == original) return;
        modified[i] = replacement;
        if (jwtcore::check_hs256_signature(k, modified)) {
          ++accepted;
          FAIL_CHECK("accepted a modification at " << i << " to byte "
                                                   << static_cast<int>(static_cast<unsigned char>(replacement)));
        }
      };
      try_byte(static_cast<char>(original ^ 1));
      try_byte(static_cast<char>(original ^ 0x20));
      for (char r : replacements) try_byte(r);
      modified[i] = original;
    }
    CHECK(accepted == 0);
    CHECK(modified == token);
  }
}

TEST_CASE("check_hs256_signature: refuses malformed shapes") {
  const hs256_key key(secret);
  const std::string token(management_token);
  const std::size_t second_dot = token.rfind('.');
  const std::string signing_input = token.substr(0, second_dot);
  const std::string signature = token.substr(second_dot + 1);
  CHECK(signature.size() == 43);
  CHECK(jwtcore::check_hs256_signature(key, token));
  const std::string refused[] = {
      "",
      ".",
      "..",
      "...",
      signing_input,                                        // 2 segments
      signing_input + ".",                                  // empty signature
      token + ".",                                          // 4 segments, the last empty
      token + "." + signature,                              // 4 segments
      signing_input + "." + signature + "A",                // extended signature
      signing_input + "." + signature + "AAAA",             // extended by a whole group
      signing_input + "." + signature.substr(0, 42),        // truncated signature
      signing_input + "." + signature.substr(0, 40),        // truncated by a whole group
      signing_input + "." + signature + "=",                // padded signature
      signing_input + "." + signature.substr(0, 42) + "5",  // non-canonical: same bytes, trailing bits set
      "." + token,                                          // empty first segment added
      token.substr(token.find('.') + 1),                    // header dropped
      signing_input + ".." + signature,                     // an empty segment inserted
  };
  CHECK(signature[42] == '4');  // the last character carries 4 bits: '5' differs only in the unused bits
  for (const std::string& t : refused) {
    CAPTURE(t);
    CHECK_FALSE(jwtcore::check_hs256_signature(key, t));
  }
}

// Both ways of comparing a signature are compiled in every build; the check
// uses one (the text under JWTCORE_SIZE_FIRST). They must agree on every
// signature of the right length: the right one, and each single-character
// change (non-canonical and outside the alphabet included).
#if JWTCORE_DEFINE_ENTRY_POINTS
TEST_CASE("check_hs256_signature: the signature compared as bytes and as text gives the same verdicts") {
  const std::string token(management_token);
  const std::size_t second_dot = token.rfind('.');
  const jwtcore::sha256_digest mac = jwtcore::hmac_sha256(secret, std::string_view(token).substr(0, second_dot));
  const std::string signature = token.substr(second_dot + 1);
  CHECK(signature.size() == jwtcore::hs256_signature_segment_size);
  if (signature.size() != jwtcore::hs256_signature_segment_size) return;  // no REQUIRE: built without exceptions too
  std::vector<std::string> candidates = {signature, signature.substr(0, 42) + "5"};
  for (std::size_t i = 0; i < signature.size(); ++i) {
    for (const char r : {'A', 'a', '-', '_', '.', '=', '+', '/', '\0', static_cast<char>(signature[i] ^ 1)}) {
      std::string modified = signature;
      modified[i] = r;
      candidates.push_back(modified);
    }
  }
  for (const std::string& candidate : candidates) {
    CAPTURE(candidate);
    const bool as_bytes = jwtcore::detail::signature_matches_bytes(mac.data(), candidate);
    CHECK(as_bytes == jwtcore::detail::signature_matches_text(mac.data(), candidate));
    CHECK(as_bytes == (candidate == signature));
  }
}
#endif

TEST_CASE("check_hs256_signature: a signature cut to 31 bytes is refused even when the cut byte is zero") {
  // python3: the first {"jti":"zero-<i>"} whose MAC under the
  // tenant secret ends in a 0x00 byte is i = 752 (MAC db7a...e76d2900). Cut to 42
  // characters, its signature is still canonical base64url, of the first 31 bytes.
  constexpr std::string_view zero_token =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJqdGkiOiJ6ZXJvLTc1MiJ9.23pzrzYuMf5JMp0XJoy5-2Zb7kE5RirtJ5eig-dtKQA";
  const hs256_key key(secret);
  CHECK(sign_into(key, claims().jwt_id("zero-752")) == zero_token);
  CHECK(jwtcore::check_hs256_signature(key, zero_token));
  const std::string_view cut = zero_token.substr(0, zero_token.size() - 1);
  const jwtcore::result<std::string> cut_bytes = jwtcore::base64url_decode(cut.substr(cut.rfind('.') + 1));
  CHECK(cut_bytes);  // the cut signature decodes cleanly: only the length tells it apart
  CHECK(cut_bytes->size() == 31);
  CHECK_FALSE(jwtcore::check_hs256_signature(key, cut));
  CHECK_FALSE(jwtcore::check_hs256_signature(key, std::string(cut) + "AA"));  // 32 bytes + a zero byte
}

TEST_CASE("hs256_key: move wipes the source, clone copies, no implicit copy") {
  static_assert(!std::is_copy_constructible_v<hs256_key>, "keys are not copied implicitly");
  static_assert(!std::is_copy_assignable_v<hs256_key>, "keys are not copied implicitly");
  static_assert(std::is_nothrow_move_constructible_v<hs256_key>, "");
  static_assert(std::is_nothrow_move_assignable_v<hs256_key>, "");
  static_assert(!std::is_convertible_v<std::string_view, hs256_key>, "the constructor is explicit");

  const auto all_zero = [](const hs256_key& k) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(&k.midstates());
    for (std::size_t i = 0; i < sizeof(jwtcore::hmac_sha256_midstates); ++i) {
      if (bytes[i] != 0) return false;
    }
    return true;
  };

  hs256_key a(secret);
  CHECK(a.secret_size() == secret.size());
  CHECK_FALSE(all_zero(a));
  hs256_key b(std::move(a));
  CHECK(a.secret_size() == 0);  // NOLINT(bugprone-use-after-move): the wipe is what is tested
  CHECK(all_zero(a));
  CHECK_FALSE(a.usable());
  CHECK(sign_into(a, management_json) == err_text(error::key_too_short));
  CHECK_FALSE(jwtcore::check_hs256_signature(a, management_token));
  CHECK(b.secret_size() == secret.size());
  CHECK(sign_into(b, management_json) == management_token);

  const hs256_key c = b.clone();
  CHECK(c.secret_size() == secret.size());
  CHECK(sign_into(c, management_json) == management_token);
  CHECK(sign_into(b, management_json) == management_token);  // the original still works

  hs256_key d(alphabet_prefix(32));
  d = std::move(b);
  CHECK(b.secret_size() == 0);  // NOLINT(bugprone-use-after-move)
  CHECK(all_zero(b));
  CHECK(sign_into(d, management_json) == management_token);

  // The short-secret policy travels with moves and clones.
  hs256_key s("short", jwtcore::short_secret::allow);
  const hs256_key s_clone = s.clone();
  const hs256_key s_moved(std::move(s));
  CHECK(s_clone.usable());
  CHECK(s_moved.usable());
  CHECK(sign_into(s_clone, short_payload) == sign_into(s_moved, short_payload));
}

TEST_CASE("no heap on the buffer paths") {
  // The counter is live: the std::string conveniences allocate.
  const hs256_key warm(secret);
  const std::size_t before_string = jwtcore_test::allocations();
  const jwtcore::result<std::string> as_string = jwtcore::sign_hs256(warm, management_json);
  const std::size_t string_allocations = jwtcore_test::allocations() - before_string;
  CHECK(string_allocations > 0);
  CHECK(as_string);

  // Everything below runs between two readings of the counter, with no test
  // macro in between (doctest itself may allocate).
  static char out_text[512], out_claims[512], out_kid[512], out_raw[512];
  const claims c = management_claims();
  sign_options kid;
  kid.kid = "tenant-key-2024";
  const std::size_t before = jwtcore_test::allocations();
  const hs256_key key(secret);
  const hs256_key key_clone = key.clone();
  const jwtcore::result<std::size_t> text = jwtcore::sign_hs256_into(key, management_json, out_text, sizeof out_text);
  const jwtcore::result<std::size_t> from_claims =
      jwtcore::sign_hs256_into(key_clone, c, out_claims, sizeof out_claims);
  const jwtcore::result<std::size_t> with_kid =
      jwtcore::sign_hs256_into(key, legacy_claims(), out_kid, sizeof out_kid, kid);
  const jwtcore::result<std::size_t> raw = jwtcore::sign_hs256_into(key, raw_json, out_raw, sizeof out_raw);
  const bool checked =
      jwtcore::check_hs256_signature(key, management_token) &&
      jwtcore::check_hs256_signature(key, std::string_view(out_claims, from_claims ? *from_claims : 0));
  const bool refused = jwtcore::check_hs256_signature(key, legacy_token.substr(0, 100));
  const jwtcore::result<std::size_t> bad_payload = jwtcore::sign_hs256_into(key, std::string_view("[1]"), out_raw, 0);
  const std::size_t buffer_path_allocations = jwtcore_test::allocations() - before;

  CHECK(buffer_path_allocations == 0);
  CHECK(text);
  CHECK(from_claims);
  CHECK(with_kid);
  CHECK(raw);
  CHECK(std::string_view(out_text, *text) == management_token);
  CHECK(std::string_view(out_claims, *from_claims) == management_token);
  CHECK(std::string_view(out_raw, *raw) == raw_token);
  CHECK(checked);
  CHECK_FALSE(refused);
  CHECK_FALSE(bad_payload);
  CHECK(*as_string == management_token);
}

// ---- the signing pipeline -------------------------------------------------------

namespace {

using jwtcore_test::on_every_kernel_choice;

// The token as the definitions say, from parts the signer does not use: the
// constant-time encoder and the streaming HMAC over the whole signing input.
std::string reference_token(std::string_view key, std::string_view header_json, std::string_view payload_json) {
  const std::string signing_input =
      jwtcore::base64url_encode(header_json) + "." + jwtcore::base64url_encode(payload_json);
  const jwtcore::sha256_digest mac = jwtcore::hmac_sha256(key, signing_input);
  return signing_input + "." +
         jwtcore::base64url_encode(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
}

// The signer reports exactly the reader's verdict and signs exactly the text.
void check_payload_against_reader(const hs256_key& key, std::string_view payload) {
  CAPTURE(payload);
  const jwtcore::result<void> read = jwtcore::json_validate_object(payload);
  const std::string signed_text = sign_into(key, payload);
  if (read) {
    CHECK(signed_text == reference_token(secret, jwtcore::hs256_header_json, payload));
  } else {
    CHECK(signed_text == err_text(read.error()));
  }
}

}  // namespace

TEST_CASE("sign: tokens at every payload size across block boundaries match an independent HMAC") {
  // Signing inputs of 37 + 4/3 * size characters: 0 to 8 blocks, every
  // remainder mod 64, and so every split between the whole blocks hashed
  // from the token and the padded tail (one block or two).
  on_every_kernel_choice([] {
    const hs256_key key(secret);
    for (std::size_t size = 0; size <= 360; ++size) {
      const std::string payload = size < 8 ? std::string("{}") : "{\"p\":\"" + std::string(size - 8, 'x') + "\"}";
      CAPTURE(payload.size());
      const std::string expected = reference_token(secret, jwtcore::hs256_header_json, payload);
      CHECK(sign_into(key, payload) == expected);
      CHECK(sign_into(key, claims().custom_string("p", std::string_view(payload).substr(payload.size() < 8 ? 0 : 6,
                                                                                         payload.size() < 8 ? 0 : size - 8))) ==
            (size < 8 ? reference_token(secret, jwtcore::hs256_header_json, "{\"p\":\"\"}") : expected));
      char out[1024];
      const jwtcore::result<std::size_t> raw =
          jwtcore::sign_hs256_raw(key.midstates(), jwtcore::hs256_header_json, payload, out, sizeof out);
      CHECK(raw);
      CHECK(std::string_view(out, raw ? *raw : 0) == expected);
      CHECK(jwtcore::check_hs256_signature(key, expected));
    }
  });
}

TEST_CASE("sign: a kid of every length up to 100 characters, each at its exact capacity") {
  on_every_kernel_choice([] {
    const hs256_key key(secret);
    for (std::size_t length = 1; length <= 100; ++length) {
      std::string kid;
      for (std::size_t i = 0; i < length; ++i) kid += "k\"/\\e"[i % 5];  // quotes and backslashes to escape
      sign_options options;
      options.kid = kid;
      std::string header_json = R"({"alg":"HS256","typ":"JWT","kid":")";
      for (const char c : kid) header_json += c == '"' || c == '\\' ? std::string{'\\', c} : std::string(1, c);
      header_json += "\"}";
      const std::string expected = reference_token(secret, header_json, management_json);
      CAPTURE(kid);
      CHECK(sign_into(key, management_json, options) == expected);
      CHECK(sign_into(key, management_claims(), options) == expected);
      std::vector<char> exact(expected.size());
      const jwtcore::result<std::size_t> fits =
          jwtcore::sign_hs256_into(key, management_claims(), exact.data(), exact.size(), options);
      CHECK(fits);
      CHECK(std::string_view(exact.data(), exact.size()) == expected);
      const jwtcore::result<std::size_t> short_by_one =
          jwtcore::sign_hs256_into(key, management_json, exact.data(), exact.size() - 1, options);
      CHECK(short_by_one.error() == error::buffer_too_small);
    }
  });
}

TEST_CASE("sign: a claim set signs the same in a buffer of any size, however far its JSON is placed") {
  const hs256_key key(secret);
  for (const std::size_t capacity : {std::size_t{350}, std::size_t{351}, std::size_t{512}, std::size_t{4096},
                                     std::size_t{1} << 20}) {
    CAPTURE(capacity);
    std::vector<char> buffer(capacity, '\xA5');
    const jwtcore::result<std::size_t> r =
        jwtcore::sign_hs256_into(key, management_claims(), buffer.data(), buffer.size());
    if (capacity < management_token.size()) {
      CHECK(r.error() == error::buffer_too_small);
    } else {
      CHECK(r);
      CHECK(std::string_view(buffer.data(), *r) == management_token);
    }
  }
}

TEST_CASE("sign: the payload check is the reader's, verdict for verdict") {
  const hs256_key key(secret);
  const std::string many_names = [] {
    std::string t = "{";
    for (int i = 0; i < 40; ++i) t += (i ? ",\"n" : "\"n") + std::to_string(i) + "\":" + std::to_string(i);
    return t + "}";
  }();
  const std::string many_names_duplicate = many_names.substr(0, many_names.size() - 1) + ",\"n39\":0}";
  const std::string deep = "{\"a\":" + std::string(40, '[') + std::string(40, ']') + "}";
  const std::string deep_objects = [] {
    std::string t;
    for (int i = 0; i < 30; ++i) t += "{\"a\":";
    t += "1";
    return t + std::string(30, '}');
  }();
  const std::string long_string = "{\"s\":\"" + std::string(2500, 'y') + "\"}";
  const std::string_view payloads[] = {
      management_json, legacy_json, escapes_json, audiences_json, raw_json, short_payload,
      // Every kind of value, nesting, space.
      "{}", " {} ", "\t{\r\n}\n", R"({"a":{}})", R"({"a":[]})", R"({"a":[[],{}]})", R"({"a":[1,"x",true,false,null]})",
      R"({"a":{"a":{"a":1}},"b":{"a":2}})", R"({"a":[{"b":1},{"b":2}]})", R"({"a" : 1 , "b" : [ 1 , 2 ] })",
      R"({"n":0,"m":-0,"f":1.5,"e":1e5,"g":-2.5E-3,"h":12345678901234567890123})",
      R"({"s":"\"\\\/\b\f\n\r\t\u0041\ud83d\ude00"})", "{\"\xc3\xa9\":\"\xe2\x82\xac\xf0\x9f\x98\x80\"}",
      R"({"abcdefgh1":1,"abcdefgh2":2,"abcdefgh12345678":3,"abcdefgh12345679":4})",
      // Escaped names, many names, deep nesting, long strings.
      R"({"\u0061":1,"b":2})", R"({"a\n":1})", many_names, deep, deep_objects, long_string,
      // Refusals, each with the reader's error.
      R"({"a":1,"a":2})", R"({"a":1,"\u0061":2})", R"({"a":{"x":1},"a":2})", R"({"a":{"b":1,"b":2}})",
      many_names_duplicate, "", " ", "{", "}", "{}}", "{}{}", "[]", "1", "\"{}\"", "null", R"({"a"})", R"({"a":})",
      R"({"a":1,})", R"({,"a":1})", R"({"a":1 "b":2})", R"({"a":[1,]})", R"({"a":[,1]})", R"({"a":01})",
      R"({"a":1.})", R"({"a":-})", R"({"a":.5})", R"({"a":1e})", R"({"a":tru})", R"({"a":nul})", R"({"a":True})",
      R"({'a':1})", R"({a:1})", "{\"a\":\"\x01\"}", "{\"a\":\"\xff\"}", "{\"\xc0\x80\":1}", R"({"a":"\x"})",
      R"({"a":"\ud800"})", R"({"a":"\udc00"})", R"({"a":"unterminated})", "{\"a\":1}\x00", "{\"a\":1} x",
  };
  for (const std::string_view payload : payloads) check_payload_against_reader(key, payload);
}

TEST_CASE("sign: every single-byte change of real payloads gets the reader's verdict") {
  const hs256_key key(secret);
  const char replacements[] = {'"', '\\', ',', ':', '{', '}', '[', ']', ' ', 'a', '0', '-', '.', 'e', 't', 'n',
                               '\0', '\x1f', '\x7f', '\x80', '\xc3', '\xff'};
  for (const std::string_view original : {management_json, legacy_json, escapes_json, audiences_json}) {
    std::string payload(original);
    for (std::size_t at = 0; at < payload.size(); ++at) {
      const char kept = payload[at];
      for (const char replacement : replacements) {
        if (replacement == kept) continue;
        payload[at] = replacement;
        check_payload_against_reader(key, payload);
      }
      payload[at] = kept;
    }
  }
}
