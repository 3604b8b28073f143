// tests/embedded/verify_unit.cpp: unit B of the embedded size budget. The full
// verifier (strict JSON reader, audience, issuer, a required scope) behind a
// C entry point.
#include <jwtcore/verify.hpp>

#include "entry_points.hpp"

extern "C" long embedded_verify(const char* secret, size_t secret_size, const char* token, size_t token_size,
                                const char* audience, size_t audience_size, const char* issuer, size_t issuer_size,
                                const char* scope, size_t scope_size, int64_t now, char* buffer, size_t capacity) {
  const jwtcore::hs256_key key(std::string_view(secret, secret_size));
  jwtcore::hs256_key_set keys;
  keys.add(key);
  jwtcore::verifier verifier;
  verifier.keys(keys)
      .audience(std::string_view(audience, audience_size))
      .issuer(std::string_view(issuer, issuer_size))
      .require_scopes(jwtcore::scope_list(std::string_view(scope, scope_size)));
  const jwtcore::result<jwtcore::verified_claims> verified =
      verifier.verify(std::string_view(token, token_size), now, buffer, capacity);
  if (!verified) return -1 - static_cast<long>(verified.error());
  return static_cast<long>(verified->sub.size());
}
