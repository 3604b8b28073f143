// tests/embedded/sign_unit.cpp: unit A of the embedded size budget. Signing
// into a caller buffer (payload text signed as given, payload text checked
// first, a claim set) and the constant-time signature check, each behind a C
// entry point.
#include <jwtcore/sign.hpp>

#include "entry_points.hpp"

namespace {
long failure(jwtcore::error e) { return -1 - static_cast<long>(e); }
long outcome(const jwtcore::result<std::size_t>& written) {
  return written ? static_cast<long>(*written) : failure(written.error());
}
}  // namespace

extern "C" long embedded_sign_raw(const char* secret, size_t secret_size, const char* payload_json,
                                  size_t payload_size, char* out, size_t capacity) {
  const jwtcore::hs256_key key(std::string_view(secret, secret_size));
  if (const jwtcore::result<void> usable = key.usable(); !usable) return failure(usable.error());
  return outcome(jwtcore::sign_hs256_raw(key.midstates(), jwtcore::hs256_header_json,
                                         std::string_view(payload_json, payload_size), out, capacity));
}

extern "C" long embedded_sign_payload(const char* secret, size_t secret_size, const char* payload_json,
                                      size_t payload_size, char* out, size_t capacity) {
  const jwtcore::hs256_key key(std::string_view(secret, secret_size));
  return outcome(jwtcore::sign_hs256_into(key, std::string_view(payload_json, payload_size), out, capacity));
}

extern "C" long embedded_sign_claims(const char* secret, size_t secret_size, const char* audience, size_t audience_size,
                                     const char* scope, size_t scope_size, int64_t issued_at, int64_t expires_at,
                                     char* out, size_t capacity) {
  const jwtcore::hs256_key key(std::string_view(secret, secret_size));
  jwtcore::claims claim_set;
  claim_set.audience(std::string_view(audience, audience_size))
      .issued_at(issued_at)
      .expires_at(expires_at)
      .scopes(jwtcore::scope_list(std::string_view(scope, scope_size)));
  return outcome(jwtcore::sign_hs256_into(key, claim_set, out, capacity));
}

extern "C" long embedded_check_signature(const char* secret, size_t secret_size, const char* token, size_t token_size) {
  const jwtcore::hs256_key key(std::string_view(secret, secret_size));
  return jwtcore::check_hs256_signature(key, std::string_view(token, token_size)) ? 1 : 0;
}
