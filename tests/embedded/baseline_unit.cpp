// tests/embedded/baseline_unit.cpp: entry points that do nothing. Linked with
// the same startup and driver, they make the baseline image whose size is
// subtracted from each unit's image, leaving the library's own code.
#include "entry_points.hpp"

extern "C" {
long embedded_sign_raw(const char*, size_t, const char*, size_t, char*, size_t) { return 0; }
long embedded_sign_payload(const char*, size_t, const char*, size_t, char*, size_t) { return 0; }
long embedded_sign_claims(const char*, size_t, const char*, size_t, const char*, size_t, int64_t, int64_t, char*,
                          size_t) {
  return 0;
}
long embedded_check_signature(const char*, size_t, const char*, size_t) { return 0; }
long embedded_verify(const char*, size_t, const char*, size_t, const char*, size_t, const char*, size_t, const char*,
                     size_t, int64_t, char*, size_t) {
  return 0;
}
long embedded_sign_hs512(const char*, size_t, const char*, size_t, char*, size_t) { return 0; }
long embedded_check_hs512_signature(const char*, size_t, const char*, size_t) { return 0; }
}
