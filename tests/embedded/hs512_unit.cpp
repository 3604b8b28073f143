// tests/embedded/hs512_unit.cpp: unit C of the embedded size budget. An HS512
// key signs a payload text after the strict JSON check and checks a token's
// signature, each behind a C entry point. On a 32-bit target its 64-bit words
// must take no libgcc helper.
#include <jwtcore/sign.hpp>

#include "entry_points.hpp"

extern "C" long embedded_sign_hs512(const char* secret, size_t secret_size, const char* payload_json,
                                    size_t payload_size, char* out, size_t capacity) {
  const jwtcore::jwt_key key(jwtcore::jwt_alg::hs512, std::string_view(secret, secret_size));
  const jwtcore::result<std::size_t> written =
      jwtcore::sign_into(key, std::string_view(payload_json, payload_size), out, capacity);
  return written ? static_cast<long>(*written) : -1 - static_cast<long>(written.error());
}

extern "C" long embedded_check_hs512_signature(const char* secret, size_t secret_size, const char* token,
                                               size_t token_size) {
  const jwtcore::jwt_key key(jwtcore::jwt_alg::hs512, std::string_view(secret, secret_size));
  return jwtcore::check_signature(key, std::string_view(token, token_size)) ? 1 : 0;
}
