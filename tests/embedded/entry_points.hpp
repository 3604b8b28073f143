// tests/embedded/entry_points.hpp: the C entry points of the two size-measured
// units. A driver calls them with data the compiler cannot see (volatile or
// extern), so nothing of the library is folded away at compile time.
#ifndef JWTCORE_TESTS_EMBEDDED_ENTRY_POINTS_HPP
#define JWTCORE_TESTS_EMBEDDED_ENTRY_POINTS_HPP

#include <stddef.h>  // size_t, without C++ library headers: the baseline includes no jwtcore
#include <stdint.h>  // int64_t

extern "C" {

// Results: the length written (>= 0), or -1 - the jwtcore::error's value.

// Unit A (sign into a buffer, check a signature). sign_raw signs the payload
// text as given (sign_hs256_raw under the standard header); sign_payload
// checks it with the strict JSON reader first (sign_hs256_into).
long embedded_sign_raw(const char* secret, size_t secret_size, const char* payload_json, size_t payload_size,
                       char* out, size_t capacity);
long embedded_sign_payload(const char* secret, size_t secret_size, const char* payload_json, size_t payload_size,
                           char* out, size_t capacity);
long embedded_sign_claims(const char* secret, size_t secret_size, const char* audience, size_t audience_size,
                          const char* scope, size_t scope_size, int64_t issued_at, int64_t expires_at, char* out,
                          size_t capacity);
// 1 when the signature matches, else 0.
long embedded_check_signature(const char* secret, size_t secret_size, const char* token, size_t token_size);

// Unit B (the full verifier). On success the length of the verified "sub" claim.
long embedded_verify(const char* secret, size_t secret_size, const char* token, size_t token_size, const char* audience,
                     size_t audience_size, const char* issuer, size_t issuer_size, const char* scope, size_t scope_size,
                     int64_t now, char* buffer, size_t capacity);

// Unit C (HS512): sign_hs512 checks the payload text and signs it under an
// HS512 key (sign_into); check_hs512_signature is check_signature under it.
long embedded_sign_hs512(const char* secret, size_t secret_size, const char* payload_json, size_t payload_size,
                         char* out, size_t capacity);
long embedded_check_hs512_signature(const char* secret, size_t secret_size, const char* token, size_t token_size);
}

#endif  // JWTCORE_TESTS_EMBEDDED_ENTRY_POINTS_HPP
