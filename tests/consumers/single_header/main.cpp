// A project that vendors only single_include/jwtcore.hpp: it is compiled with
// that one file beside it and nothing else on the include path. It mints a
// token, checks it, verifies it, and makes sure that altered tokens are refused.
#include "jwtcore.hpp"

#include <array>        // the constexpr digest
#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t
#include <cstdio>       // the verdict
#include <string_view>  // token text

namespace {

constexpr std::string_view secret = "vendored-single-header secret: at least thirty-two bytes";
constexpr std::string_view payload_json =
    R"({"iss":"https://issuer.single-header.example/","sub":"service-42","aud":"SINGLE_HEADER_CLIENT",)"
    R"("iat":1750000000,"exp":1750003600,"jti":"f00dfeedcafe0001","scope":"read:users read:clients"})";

// Computed independently with python3 (hmac, hashlib, base64.urlsafe_b64encode
// without padding): a stale or broken amalgamation cannot reproduce it by accident.
constexpr std::string_view expected_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJpc3MiOiJodHRwczovL2lzc3Vlci5zaW5nbGUtaGVhZGVyLmV4YW1wbGUvIiwic3ViIjoic2VydmljZS00MiIsImF1ZCI6IlNJTkdMRV9IRUFE"
    "RVJfQ0xJRU5UIiwiaWF0IjoxNzUwMDAwMDAwLCJleHAiOjE3NTAwMDM2MDAsImp0aSI6ImYwMGRmZWVkY2FmZTAwMDEiLCJzY29wZSI6InJlYWQ6"
    "dXNlcnMgcmVhZDpjbGllbnRzIn0."
    "mQlVtmlFD2cisX9wLTo2ad4CgliVAtKW5Sf6W0fYYlU";

// The constexpr promise survives amalgamation: SHA-256("abc") from FIPS 180-2,
// appendix B.1, evaluated by the compiler.
constexpr std::array<std::uint8_t, 32> abc_digest = jwtcore::sha256("abc");
static_assert(abc_digest[0] == 0xba && abc_digest[1] == 0x78 && abc_digest[30] == 0x15 && abc_digest[31] == 0xad,
              "constexpr SHA-256 of \"abc\"");

int failures = 0;

void expect(bool holds, const char* what) {
  if (!holds) {
    std::fprintf(stderr, "single-header consumer: FAILED: %s\n", what);
    ++failures;
  }
}

void expect_error(const jwtcore::result<jwtcore::verified_claims>& outcome, jwtcore::error wanted, const char* what) {
  if (outcome) {
    std::fprintf(stderr, "single-header consumer: FAILED: %s: accepted\n", what);
    ++failures;
  } else if (outcome.error() != wanted) {
    const std::string_view got = jwtcore::to_string(outcome.error());
    std::fprintf(stderr, "single-header consumer: FAILED: %s: refused with %.*s\n", what, static_cast<int>(got.size()),
                 got.data());
    ++failures;
  }
}

}  // namespace

int main() {
  const jwtcore::hs256_key key(secret);

  char token_buffer[512];
  const jwtcore::result<std::size_t> length = jwtcore::sign_hs256_into(key, payload_json, token_buffer, sizeof token_buffer);
  if (!length) {
    std::fprintf(stderr, "single-header consumer: FAILED: sign_hs256_into refused the payload\n");
    return 1;
  }
  const std::string_view token(token_buffer, *length);
  expect(token == expected_token, "the signed token is the one python3 computed");
  expect(jwtcore::check_hs256_signature(key, token), "check_hs256_signature accepts the token");

  jwtcore::hs256_key_set keys;
  expect(keys.add(key), "the key set takes the key");
  jwtcore::verifier verifier;
  verifier.keys(keys).now(1750001800).audience("SINGLE_HEADER_CLIENT").issuer("https://issuer.single-header.example/");
  verifier.require_scopes("read:clients");

  char claims_buffer[1024];
  const jwtcore::result<jwtcore::verified_claims> claims = verifier.verify(token, claims_buffer, sizeof claims_buffer);
  expect(static_cast<bool>(claims), "the verifier accepts the token");
  if (claims) {
    expect(claims->sub == "service-42", "sub comes back");
    expect(claims->has_exp && claims->exp == 1750003600, "exp comes back");
    expect(claims->grants("read:users"), "the scope claim grants read:users");
  }

  // Altered tokens: one signature character (not the last: its low bits must
  // stay zero, or the refusal would be for non-canonical base64url), and one
  // payload character.
  char tampered[sizeof token_buffer];
  for (std::size_t i = 0; i < token.size(); ++i) tampered[i] = token[i];
  const std::string_view tampered_token(tampered, token.size());
  const std::size_t in_signature = token.size() - 5;
  tampered[in_signature] = token[in_signature] == 'A' ? 'B' : 'A';
  expect(!jwtcore::check_hs256_signature(key, tampered_token), "check_hs256_signature refuses an altered signature");
  expect_error(verifier.verify(tampered_token, claims_buffer, sizeof claims_buffer), jwtcore::error::bad_signature,
               "the verifier refuses an altered signature");
  tampered[in_signature] = token[in_signature];
  const std::size_t in_payload = token.find('.') + 10;
  tampered[in_payload] = token[in_payload] == 'A' ? 'B' : 'A';
  expect(!jwtcore::check_hs256_signature(key, tampered_token), "check_hs256_signature refuses an altered payload");
  expect_error(verifier.verify(tampered_token, claims_buffer, sizeof claims_buffer), jwtcore::error::bad_signature,
               "the verifier refuses an altered payload");

  // The right token under the wrong key.
  const jwtcore::hs256_key other_key("another secret of thirty-two bytes or more, unrelated");
  expect(!jwtcore::check_hs256_signature(other_key, token), "check_hs256_signature refuses another key");

  // HS384 and HS512 through the amalgamation: RFC 4231 test case 2 ("Jefe"),
  // evaluated by the compiler, and a round trip under a key bound to HS384.
  static_assert(jwtcore::hmac_sha512("Jefe", "what do ya want for nothing?")[0] == 0x16 &&
                    jwtcore::hmac_sha512("Jefe", "what do ya want for nothing?")[63] == 0x37,
                "constexpr HMAC-SHA512, RFC 4231 test case 2");
  const jwtcore::jwt_key hs384_key(jwtcore::jwt_alg::hs384, "a single-header HS384 secret of forty-eight bytes!");
  char hs384_buffer[512];
  const jwtcore::result<std::size_t> hs384_length =
      jwtcore::sign_into(hs384_key, payload_json, hs384_buffer, sizeof hs384_buffer);
  expect(static_cast<bool>(hs384_length), "sign_into signs under HS384");
  if (hs384_length) {
    const std::string_view hs384_token(hs384_buffer, *hs384_length);
    expect(jwtcore::check_signature(hs384_key, hs384_token), "check_signature accepts the HS384 token");
    expect(!jwtcore::check_hs256_signature(key, hs384_token), "an HS256 key refuses the HS384 token");
    expect_error(verifier.verify(hs384_token, claims_buffer, sizeof claims_buffer), jwtcore::error::alg_not_allowed,
                 "a verifier holding only HS256 keys refuses an HS384 token");
  }

  if (failures != 0) return 1;
  std::printf("single-header consumer: jwtcore %s signed, checked and verified a %zu-byte token\n", JWTCORE_VERSION_STRING,
              token.size());
  return 0;
}
