// tests/embedded/driver.cpp: what the bare-metal image runs after startup. It
// calls the entry points a unit is made of (EMBEDDED_CALL_* macros) on inputs
// read through volatile pointers and stores the results in a volatile array,
// so the compiler can neither precompute a result nor drop a call. The
// baseline image links the same driver against empty entry points.
#include "entry_points.hpp"
#include "inputs.hpp"

#if !defined(EMBEDDED_CALL_SIGN_RAW) && !defined(EMBEDDED_CALL_SIGN_PAYLOAD) && !defined(EMBEDDED_CALL_SIGN_CLAIMS) && \
    !defined(EMBEDDED_CALL_CHECK_SIGNATURE) && !defined(EMBEDDED_CALL_VERIFY) && !defined(EMBEDDED_CALL_SIGN_HS512) && \
    !defined(EMBEDDED_CALL_CHECK_HS512_SIGNATURE)
#error "define the EMBEDDED_CALL_* macros of the entry points this image runs"
#endif

extern "C" {
// Read at run time: the optimizer must assume these may point anywhere. (External
// linkage also keeps the ones an image does not use from being warned about.)
const char* volatile embedded_secret_input = embedded_inputs::secret;
const char* volatile embedded_payload_input = embedded_inputs::payload_json;
const char* volatile embedded_token_input = embedded_inputs::payload_token;
const char* volatile embedded_secret_hs512_input = embedded_inputs::secret_hs512;
const char* volatile embedded_hs512_token_input = embedded_inputs::hs512_token;
const char* volatile embedded_audience_input = embedded_inputs::audience;
const char* volatile embedded_issuer_input = embedded_inputs::issuer;
const char* volatile embedded_scope_input = embedded_inputs::scope;
const char* volatile embedded_required_scope_input = embedded_inputs::required_scope;
volatile int64_t embedded_clock_input = embedded_inputs::now;
char embedded_token_buffer[512];
volatile long embedded_results[7];

void embedded_main() {
  [[maybe_unused]] const size_t secret_size = sizeof embedded_inputs::secret - 1;  // not in the HS512 unit
#if defined(EMBEDDED_CALL_SIGN_RAW)
  embedded_results[4] = embedded_sign_raw(embedded_secret_input, secret_size, embedded_payload_input,
                                          sizeof embedded_inputs::payload_json - 1, embedded_token_buffer,
                                          sizeof embedded_token_buffer);
#endif
#if defined(EMBEDDED_CALL_SIGN_PAYLOAD)
  embedded_results[0] = embedded_sign_payload(embedded_secret_input, secret_size, embedded_payload_input,
                                              sizeof embedded_inputs::payload_json - 1, embedded_token_buffer,
                                              sizeof embedded_token_buffer);
#endif
#if defined(EMBEDDED_CALL_SIGN_CLAIMS)
  embedded_results[1] = embedded_sign_claims(
      embedded_secret_input, secret_size, embedded_audience_input, sizeof embedded_inputs::audience - 1,
      embedded_scope_input, sizeof embedded_inputs::scope - 1, embedded_clock_input, embedded_clock_input + 86400,
      embedded_token_buffer, sizeof embedded_token_buffer);
#endif
#if defined(EMBEDDED_CALL_CHECK_SIGNATURE)
  embedded_results[2] = embedded_check_signature(embedded_secret_input, secret_size, embedded_token_input,
                                                 sizeof embedded_inputs::payload_token - 1);
#endif
#if defined(EMBEDDED_CALL_VERIFY)
  embedded_results[3] = embedded_verify(
      embedded_secret_input, secret_size, embedded_token_input, sizeof embedded_inputs::payload_token - 1,
      embedded_audience_input, sizeof embedded_inputs::audience - 1, embedded_issuer_input,
      sizeof embedded_inputs::issuer - 1, embedded_required_scope_input, sizeof embedded_inputs::required_scope - 1,
      embedded_clock_input, embedded_token_buffer, sizeof embedded_token_buffer);
#endif
#if defined(EMBEDDED_CALL_SIGN_HS512)
  embedded_results[5] = embedded_sign_hs512(embedded_secret_hs512_input, sizeof embedded_inputs::secret_hs512 - 1,
                                            embedded_payload_input, sizeof embedded_inputs::payload_json - 1,
                                            embedded_token_buffer, sizeof embedded_token_buffer);
#endif
#if defined(EMBEDDED_CALL_CHECK_HS512_SIGNATURE)
  embedded_results[6] =
      embedded_check_hs512_signature(embedded_secret_hs512_input, sizeof embedded_inputs::secret_hs512 - 1,
                                     embedded_hs512_token_input, sizeof embedded_inputs::hs512_token - 1);
#endif
}
}
