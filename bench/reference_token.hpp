// bench/reference_token.hpp: the token every benchmark signs, checks or MACs,
// shared by the jwtcore, OpenSSL, libsodium and peer JWT library programs so
// that all of them hash the same bytes. It is a client-credentials Management
// API token whose signing input is 355 bytes: 6 inner SHA-256 blocks plus 1
// outer block.
#ifndef JWTCORE_BENCH_REFERENCE_TOKEN_HPP
#define JWTCORE_BENCH_REFERENCE_TOKEN_HPP

#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t
#include <cstdio>       // std::fprintf, for the setup checks
#include <cstdlib>      // std::abort
#include <string>       // the token, built once outside the timed loops
#include <string_view>  // the claim values
#include <vector>       // pattern_bytes, the verification buffer

#include <benchmark/benchmark.h>  // the helpers shared by the programs

#include <jwtcore/jwtcore.hpp>

namespace bench {

// Exactly 32 bytes, so that libsodium's one-shot crypto_auth_hmacsha256 (which
// takes 32-byte keys only) can use it too. A benchmark value, never a secret.
inline constexpr std::string_view secret = "bench-only-secret-not-a-real-one";
static_assert(secret.size() == 32, "the one-shot sodium HMAC needs a 32-byte key");
// The HS384 and HS512 tokens' secret: 64 bytes, the HS512 minimum (RFC 7518
// section 3.2), which fits one SHA-512 block, so the pads are precomputed.
inline constexpr std::string_view secret_hs512 = "bench-only-secret-for-hs384-and-hs512-not-a-real-one-64-bytes!!!";
static_assert(secret_hs512.size() == 64, "the HS512 minimum");

inline constexpr std::string_view issuer = "https://example-tenant.auth0.com/";
// sub is there to bring the signing input to 355 bytes (the client id of the
// calling machine, as client-credentials tokens carry it).
inline constexpr std::string_view subject = "m2m_abc12@clients";
inline constexpr std::string_view audience = "GLOBAL_CLIENT_ID_abc123";
inline constexpr std::int64_t issued_at = 1700000000;
inline constexpr std::int64_t expires_at = 1700086400;
inline constexpr std::int64_t verify_time = issued_at + 100;
inline constexpr std::string_view jwt_id = "5f0c3b9e2a7d41c8b6e9f1a0d3c7e24b";
inline constexpr std::string_view scope = "read:users update:clients read:clients delete:users";
inline constexpr std::string_view required_scope = "delete:users";

// What the claims above give; checked when the token is built.
inline constexpr std::size_t expected_signing_input_size = 355;

inline jwtcore::claims reference_claims() noexcept {
  jwtcore::claims c;
  c.issuer(issuer).subject(subject).audience(audience).issued_at(issued_at).expires_at(expires_at).jwt_id(jwt_id).scopes(scope);
  return c;
}

[[noreturn]] inline void setup_failed(const char* what) noexcept {
  std::fprintf(stderr, "bench setup: %s\n", what);
  std::abort();
}

// The reference token re-signed under HS384 and HS512 with secret_hs512
// (same payload segment; the header's alg names the algorithm). Computed by
// python3, independently of jwtcore:
//   b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
//   claims = {"iss": issuer, "sub": subject, "aud": audience, "iat": issued_at, "exp": expires_at,
//             "jti": jwt_id, "scope": scope}  # the values above, in this order
//   payload = b64(json.dumps(claims, separators=(",", ":")).encode())
//   signing_input = b64(b'{"alg":"HS512","typ":"JWT"}') + "." + payload
//   token = signing_input + "." + b64(hmac.new(secret_hs512, signing_input.encode(), hashlib.sha512).digest())
// (and "HS384" with hashlib.sha384).
inline constexpr std::string_view expected_hs384_token =
    "eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9."
    "eyJpc3MiOiJodHRwczovL2V4YW1wbGUtdGVuYW50LmF1dGgwLmNvbS8iLCJzdWIiOiJtMm1fYWJjMTJAY2xpZW50cyIsImF1ZCI6IkdMT0JB"
    "TF9DTElFTlRfSURfYWJjMTIzIiwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjE3MDAwODY0MDAsImp0aSI6IjVmMGMzYjllMmE3ZDQxYzhiNmU5"
    "ZjFhMGQzYzdlMjRiIiwic2NvcGUiOiJyZWFkOnVzZXJzIHVwZGF0ZTpjbGllbnRzIHJlYWQ6Y2xpZW50cyBkZWxldGU6dXNlcnMifQ."
    "YQ73vIX9C4qKE4WE8FLfQJQe3d6CGjRi5_lPNjh030Qm76RUIWaExLr6rFM_00pC";
inline constexpr std::string_view expected_hs512_token =
    "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9."
    "eyJpc3MiOiJodHRwczovL2V4YW1wbGUtdGVuYW50LmF1dGgwLmNvbS8iLCJzdWIiOiJtMm1fYWJjMTJAY2xpZW50cyIsImF1ZCI6IkdMT0JB"
    "TF9DTElFTlRfSURfYWJjMTIzIiwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjE3MDAwODY0MDAsImp0aSI6IjVmMGMzYjllMmE3ZDQxYzhiNmU5"
    "ZjFhMGQzYzdlMjRiIiwic2NvcGUiOiJyZWFkOnVzZXJzIHVwZGF0ZTpjbGllbnRzIHJlYWQ6Y2xpZW50cyBkZWxldGU6dXNlcnMifQ."
    "7yJCwDoDpmp-jtdb_vDSlfWXrdG4q9ZRm-FnxdHorF7oO9edJNlF-KSF1yrTCB5NfxtVmW5KuupoxFf8yk3maA";

struct reference_token {
  std::string payload_json;    // the claim set as jwtcore writes it
  std::string token;           // header.payload.signature
  std::string hs384_token;     // the same payload under HS384 and HS512, secret_hs512
  std::string hs512_token;
  std::string_view signing_input() const noexcept {
    return std::string_view(token).substr(0, token.rfind('.'));
  }
};

// Builds the token from jwtcore's parts (claims JSON, base64url, HMAC) rather
// than its signing functions, so that bench_jwtcore can check those against
// it, and checks the size the figures are quoted for.
inline reference_token make_reference_token() {
  const jwtcore::claims claims = reference_claims();
  char json[512];
  const jwtcore::result<std::size_t> json_size = claims.write_json(json, sizeof json);
  if (!json_size) setup_failed("claims::write_json failed");
  reference_token t;
  t.payload_json.assign(json, *json_size);

  char text[1024];
  const jwtcore::result<std::size_t> payload_size = jwtcore::base64url_encode_into(t.payload_json, text, sizeof text);
  if (!payload_size) setup_failed("base64url_encode_into failed");
  t.token.assign(jwtcore::hs256_header_segment);
  t.token += '.';
  t.token.append(text, *payload_size);
  if (t.token.size() != expected_signing_input_size) setup_failed("the signing input is not 355 bytes");

  const jwtcore::sha256_digest mac = jwtcore::hmac_sha256(secret, t.token);
  const jwtcore::result<std::size_t> signature_size = jwtcore::base64url_encode_into(mac.data(), mac.size(), text, sizeof text);
  if (!signature_size) setup_failed("base64url_encode_into failed");
  t.token += '.';
  t.token.append(text, *signature_size);

  // The same payload segment under the other headers, MACed by the primitives.
  const std::string payload_segment = t.token.substr(t.token.find('.'), t.token.rfind('.') - t.token.find('.'));
  const auto resign = [&](jwtcore::jwt_alg alg, const auto& hmac, std::string_view expected) {
    std::string token = std::string(jwtcore::standard_header_segment(alg)) + payload_segment;
    const auto digest = hmac(token);
    const jwtcore::result<std::size_t> size =
        jwtcore::base64url_encode_into(digest.data(), digest.size(), text, sizeof text);
    if (!size) setup_failed("base64url_encode_into failed");
    token += '.';
    token.append(text, *size);
    if (token != expected) setup_failed("an HS384 or HS512 reference token differs from python's");
    return token;
  };
  t.hs384_token = resign(
      jwtcore::jwt_alg::hs384, [](std::string_view input) { return jwtcore::hmac_sha384(secret_hs512, input); },
      expected_hs384_token);
  t.hs512_token = resign(
      jwtcore::jwt_alg::hs512, [](std::string_view input) { return jwtcore::hmac_sha512(secret_hs512, input); },
      expected_hs512_token);
  return t;
}

// Shared by the benchmark programs.
// Makes the optimizer assume that anything may read or write *p from now on
// (every DoNotOptimize and ClobberMemory in a loop then stands for such a
// write), so work on inputs that never change cannot be hoisted out of the
// timed loop. The objects escaped this way are not const for the same reason.
inline void escape(const void* p) { benchmark::DoNotOptimize(p); }

inline std::vector<std::uint8_t> pattern_bytes(std::size_t size) {
  std::vector<std::uint8_t> bytes(size);
  std::uint32_t x = 0x12345678u;
  for (std::uint8_t& b : bytes) {
    x = x * 1664525u + 1013904223u;
    b = static_cast<std::uint8_t>(x >> 24);
  }
  return bytes;
}

inline const reference_token& reference() {
  static const reference_token token = make_reference_token();
  return token;
}

inline void add_signing_input_counter(benchmark::State& state) {
  state.counters["signing_input_bytes"] = static_cast<double>(reference().signing_input().size());
}

// ---- for the peer JWT library programs ---------------------------------------------

// The verifier every program's verification is compared with: what
// BM_jwtcore_verifier_verify runs (exp at verify_time, aud, iss, one scope).
struct reference_verifier {
  jwtcore::hs256_key key{secret};
  jwtcore::hs256_key_set keys;
  jwtcore::verifier verifier;
  reference_verifier() noexcept {
    keys.add(key);
    verifier.keys(keys).now(verify_time).audience(audience).issuer(issuer).require_scopes(required_scope);
  }
  reference_verifier(const reference_verifier&) = delete;
  reference_verifier& operator=(const reference_verifier&) = delete;
};

// A peer serializes the same claims in its own member order, so its token
// differs from ours byte for byte; this proves it is still the same token:
// jwtcore's full verification accepts it, and every claim has the reference
// value. `peer` names the library in the message that stops the program.
inline void check_accepted_by_jwtcore(std::string_view token, const char* peer) {
  const reference_verifier reference_checks;
  std::vector<char> buffer(jwtcore::verifier::buffer_size_for(token.size()));
  const jwtcore::result<jwtcore::verified_claims> claims =
      reference_checks.verifier.verify(token, buffer.data(), buffer.size());
  if (!claims) {
    const std::string_view reason = jwtcore::to_string(claims.error());
    std::fprintf(stderr, "bench setup: jwtcore refused %s's token (%.*s): %.*s\n", peer,
                 static_cast<int>(reason.size()), reason.data(), static_cast<int>(token.size()), token.data());
    std::abort();
  }
  const bool same_claims = claims->has_iss && claims->iss == issuer && claims->has_sub && claims->sub == subject &&
                           claims->audience_count == 1 && !claims->audience_is_array && claims->audiences[0] == audience &&
                           claims->has_iat && claims->iat == issued_at && claims->has_exp && claims->exp == expires_at &&
                           claims->has_jti && claims->jti == jwt_id && claims->has_scope && claims->scope == scope;
  if (!same_claims) {
    std::fprintf(stderr, "bench setup: %s's token carries other claims than the reference: %.*s\n", peer,
                 static_cast<int>(claims->payload_json.size()), claims->payload_json.data());
    std::abort();
  }
}

// The reference token with one signature character changed (a middle one,
// so that all of its 6 bits count even to a decoder that ignores the unused
// low bits of the last character): every peer must refuse it.
inline std::string tampered_reference_token() {
  std::string token = reference().token;
  char& c = token[token.rfind('.') + 10];
  c = c == 'A' ? 'B' : 'A';
  return token;
}

// For peers with no notion of scopes: the whole-word search of a
// space-separated scope string that a caller of theirs would write.
inline bool scope_string_grants(std::string_view scopes, std::string_view wanted) noexcept {
  std::size_t start = 0;
  while (start <= scopes.size()) {
    std::size_t end = scopes.find(' ', start);
    if (end == std::string_view::npos) end = scopes.size();
    if (scopes.substr(start, end - start) == wanted) return true;
    start = end + 1;
  }
  return false;
}

// 1 when a peer's token is byte for byte the reference token, else 0:
// printed next to the peer's signing figures.
inline void add_same_bytes_counter(benchmark::State& state, std::string_view peer_token) {
  state.counters["same_bytes_as_jwtcore"] = peer_token == reference().token ? 1.0 : 0.0;
}

}  // namespace bench

#endif  // JWTCORE_BENCH_REFERENCE_TOKEN_HPP
