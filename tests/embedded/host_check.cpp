// tests/embedded/host_check.cpp: runs the embedded units on the build machine.
// The unit sources are compiled with -ffreestanding exactly as for the boards;
// this hosted main checks what they produce against tokens computed
// independently (python3 hmac/hashlib/base64; see inputs.hpp).
#include <cstdio>
#include <cstring>

#include "entry_points.hpp"
#include "inputs.hpp"

namespace {
int passed = 0, failed = 0;

void expect(bool ok, const char* what) {
  if (ok) {
    ++passed;
  } else {
    ++failed;
    std::printf("embedded host check FAILED: %s\n", what);
  }
}

bool token_is(const char* buffer, long length, const char* expected) {
  return length >= 0 && static_cast<std::size_t>(length) == std::strlen(expected) &&
         std::memcmp(buffer, expected, std::strlen(expected)) == 0;
}
}  // namespace

int main() {
  namespace in = embedded_inputs;
  const std::size_t secret_size = sizeof in::secret - 1;
  char buffer[512];

  long length =
      embedded_sign_raw(in::secret, secret_size, in::payload_json, sizeof in::payload_json - 1, buffer, sizeof buffer);
  expect(token_is(buffer, length, in::payload_token), "sign_hs256_raw(standard header, payload) gives the expected token");
  length = embedded_sign_raw(in::secret, secret_size, in::payload_json, sizeof in::payload_json - 1, buffer, 100);
  expect(length < 0, "sign_hs256_raw refuses a buffer too small");
  length = embedded_sign_raw(in::secret, 31, in::payload_json, sizeof in::payload_json - 1, buffer, sizeof buffer);
  expect(length < 0, "the raw entry point refuses a secret under 32 bytes");

  length = embedded_sign_payload(in::secret, secret_size, in::payload_json, sizeof in::payload_json - 1, buffer,
                                      sizeof buffer);
  expect(token_is(buffer, length, in::payload_token), "sign_hs256_into(payload text) gives the expected token");
  length = embedded_sign_payload(in::secret, secret_size, in::payload_json, sizeof in::payload_json - 1, buffer, 100);
  expect(length < 0, "sign_hs256_into(payload text) refuses a buffer too small");

  length = embedded_sign_claims(in::secret, secret_size, in::audience, sizeof in::audience - 1, in::scope,
                                sizeof in::scope - 1, in::issued_at, in::expires_at, buffer, sizeof buffer);
  expect(token_is(buffer, length, in::claims_token), "sign_hs256_into(claims) gives the expected token");

  expect(embedded_check_signature(in::secret, secret_size, in::payload_token, sizeof in::payload_token - 1) == 1,
         "check_hs256_signature accepts the token");
  char tampered[sizeof in::payload_token];
  std::memcpy(tampered, in::payload_token, sizeof tampered);
  tampered[40] = tampered[40] == 'A' ? 'B' : 'A';  // a byte of the payload segment
  expect(embedded_check_signature(in::secret, secret_size, tampered, sizeof tampered - 1) == 0,
         "check_hs256_signature refuses a changed payload");

  const long sub_length =
      embedded_verify(in::secret, secret_size, in::payload_token, sizeof in::payload_token - 1, in::audience,
                      sizeof in::audience - 1, in::issuer, sizeof in::issuer - 1, in::required_scope,
                      sizeof in::required_scope - 1, in::now, buffer, sizeof buffer);
  expect(sub_length == 9, "verifier accepts the token and reads sub \"device-42\"");
  const long wrong_audience = embedded_verify(in::secret, secret_size, in::payload_token, sizeof in::payload_token - 1,
                                              "other", 5, in::issuer, sizeof in::issuer - 1, in::required_scope,
                                              sizeof in::required_scope - 1, in::now, buffer, sizeof buffer);
  expect(wrong_audience < 0, "verifier refuses another audience");
  const long missing_scope = embedded_verify(in::secret, secret_size, in::payload_token, sizeof in::payload_token - 1,
                                             in::audience, sizeof in::audience - 1, in::issuer, sizeof in::issuer - 1,
                                             "delete:users", 12, in::now, buffer, sizeof buffer);
  expect(missing_scope < 0, "verifier refuses a token without the required scope");
  const long expired =
      embedded_verify(in::secret, secret_size, in::payload_token, sizeof in::payload_token - 1, in::audience,
                      sizeof in::audience - 1, in::issuer, sizeof in::issuer - 1, in::required_scope,
                      sizeof in::required_scope - 1, in::expires_at, buffer, sizeof buffer);
  expect(expired < 0, "verifier refuses the token at its exp");

  const std::size_t hs512_secret_size = sizeof in::secret_hs512 - 1;
  length = embedded_sign_hs512(in::secret_hs512, hs512_secret_size, in::payload_json, sizeof in::payload_json - 1,
                               buffer, sizeof buffer);
  expect(token_is(buffer, length, in::hs512_token), "sign_into(HS512 key, payload text) gives the expected token");
  length = embedded_sign_hs512(in::secret_hs512, hs512_secret_size - 1, in::payload_json,
                               sizeof in::payload_json - 1, buffer, sizeof buffer);
  expect(length < 0, "an HS512 key refuses a secret under 64 bytes");
  expect(embedded_check_hs512_signature(in::secret_hs512, hs512_secret_size, in::hs512_token,
                                        sizeof in::hs512_token - 1) == 1,
         "check_signature(HS512 key) accepts the token");
  char tampered_hs512[sizeof in::hs512_token];
  std::memcpy(tampered_hs512, in::hs512_token, sizeof tampered_hs512);
  tampered_hs512[sizeof tampered_hs512 - 20] = tampered_hs512[sizeof tampered_hs512 - 20] == 'A' ? 'B' : 'A';
  expect(embedded_check_hs512_signature(in::secret_hs512, hs512_secret_size, tampered_hs512,
                                        sizeof tampered_hs512 - 1) == 0,
         "check_signature(HS512 key) refuses a changed signature");
  expect(embedded_check_hs512_signature(in::secret_hs512, hs512_secret_size, in::payload_token,
                                        sizeof in::payload_token - 1) == 0,
         "check_signature(HS512 key) refuses an HS256 token");

  std::printf("embedded host check: %d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
