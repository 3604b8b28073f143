// The program every packaging consumer builds: it reaches jwtcore only through
// <jwtcore/jwtcore.hpp> as found by that build system, signs one token, checks
// it both ways and prints it. Any failure exits non-zero with the reason.
#include <jwtcore/jwtcore.hpp>

#include <cstdio>
#include <string_view>

namespace {

constexpr std::string_view secret = "consumer-check secret, 32+ bytes long, not a real key";
constexpr std::string_view payload_json =
    R"({"iss":"https://consumer.example.com/","aud":"CONSUMER_CLIENT_ID","iat":1700000000,)"
    R"("exp":1700086400,"jti":"0123456789abcdef","scope":"read:users update:clients"})";

// The same token computed by python3 (hmac, hashlib, base64), so a consumer
// that compiled against a broken or stale copy of the headers cannot pass.
constexpr std::string_view expected_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJpc3MiOiJodHRwczovL2NvbnN1bWVyLmV4YW1wbGUuY29tLyIsImF1ZCI6IkNPTlNVTUVSX0NMSUVOVF9JRCIsImlhdCI6MTcwMDAwMDAwMCwi"
    "ZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiIwMTIzNDU2Nzg5YWJjZGVmIiwic2NvcGUiOiJyZWFkOnVzZXJzIHVwZGF0ZTpjbGllbnRzIn0."
    "alO-fIWC2ihKC0_ZxuIZ4lTQrZxU2--H0EXr9hh_ibY";

// The same payload under HS512 with a 64-byte-plus secret, also from python3.
constexpr std::string_view hs512_secret = "consumer-check HS512 secret: sixty-four bytes or more, not a real key";
constexpr std::string_view expected_hs512_token =
    "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9."
    "eyJpc3MiOiJodHRwczovL2NvbnN1bWVyLmV4YW1wbGUuY29tLyIsImF1ZCI6IkNPTlNVTUVSX0NMSUVOVF9JRCIsImlhdCI6MTcwMDAwMDAwMCwi"
    "ZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiIwMTIzNDU2Nzg5YWJjZGVmIiwic2NvcGUiOiJyZWFkOnVzZXJzIHVwZGF0ZTpjbGllbnRzIn0."
    "jbEcs0jyfb8oAmwsyLgNohgZ0XzzkLwK6o3BmBEcGzGbt4K6fXEnTgoURv8ieqTPIoNTa5hhr7aCOw3lhsUJRg";

int fail(const char* what) {
  std::fprintf(stderr, "consumer: %s\n", what);
  return 1;
}

int fail(const char* what, jwtcore::error e) {
  const std::string_view name = jwtcore::to_string(e);
  std::fprintf(stderr, "consumer: %s: %.*s\n", what, static_cast<int>(name.size()), name.data());
  return 1;
}

}  // namespace

int main() {
  const jwtcore::hs256_key key(secret);

  char token_buffer[512];
  const jwtcore::result<std::size_t> length =
      jwtcore::sign_hs256_into(key, payload_json, token_buffer, sizeof(token_buffer));
  if (!length) return fail("sign_hs256_into failed", length.error());
  const std::string_view token(token_buffer, *length);
  if (token != expected_token) return fail("the signed token differs from the one python3 computed");

  if (!jwtcore::check_hs256_signature(key, token)) return fail("check_hs256_signature refused the token");

  const jwtcore::jwt_key hs512_key(jwtcore::jwt_alg::hs512, hs512_secret);
  char hs512_buffer[512];
  const jwtcore::result<std::size_t> hs512_length =
      jwtcore::sign_into(hs512_key, payload_json, hs512_buffer, sizeof(hs512_buffer));
  if (!hs512_length) return fail("sign_into (HS512) failed", hs512_length.error());
  const std::string_view hs512_token(hs512_buffer, *hs512_length);
  if (hs512_token != expected_hs512_token) return fail("the HS512 token differs from the one python3 computed");

  jwtcore::jwt_key_set keys;
  keys.add(key);
  keys.add(hs512_key);
  jwtcore::verifier verifier;
  verifier.keys(keys)
      .now(1700000100)
      .audience("CONSUMER_CLIENT_ID")
      .issuer("https://consumer.example.com/")
      .require_scopes("read:users");
  char claims_buffer[1024];
  const jwtcore::result<jwtcore::verified_claims> claims = verifier.verify(token, claims_buffer, sizeof(claims_buffer));
  if (!claims) return fail("verifier refused the token", claims.error());
  if (claims->scope != "read:users update:clients") return fail("verifier returned the wrong scope");
  const jwtcore::result<jwtcore::verified_claims> hs512_claims =
      verifier.verify(hs512_token, claims_buffer, sizeof(claims_buffer));
  if (!hs512_claims) return fail("verifier refused the HS512 token", hs512_claims.error());
  if (hs512_claims->alg != jwtcore::jwt_alg::hs512) return fail("verifier named the wrong algorithm");

  // The checks must be able to fail: one flipped signature character.
  char tampered[sizeof(token_buffer)];
  for (std::size_t i = 0; i < token.size(); ++i) tampered[i] = token[i];
  tampered[token.size() - 2] = tampered[token.size() - 2] == 'A' ? 'B' : 'A';
  const std::string_view tampered_token(tampered, token.size());
  if (jwtcore::check_hs256_signature(key, tampered_token)) return fail("check_hs256_signature accepted a tampered token");
  const jwtcore::result<jwtcore::verified_claims> refused =
      verifier.verify(tampered_token, claims_buffer, sizeof(claims_buffer));
  if (refused || refused.error() != jwtcore::error::bad_signature) return fail("verifier did not refuse a tampered token");

  std::printf("jwtcore %s: %.*s\n", JWTCORE_VERSION_STRING, static_cast<int>(token.size()), token.data());
  return 0;
}
