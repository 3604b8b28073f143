// jwtcore/jwt.hpp: HS256 JSON Web Tokens (RFC 7519, JWS compact form of
// RFC 7515): the key type, signing into a caller buffer or a string, and the
// constant-time signature check. The buffer paths make no heap allocation.
#ifndef JWTCORE_JWT_HPP
#define JWTCORE_JWT_HPP

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t
#include <cstring>      // std::memmove, for encoding in place at run time
#include <string_view>  // tokens, payloads and secrets

#include "base64url.hpp"
#include "bytes.hpp"
#include "claims.hpp"
#include "hmac.hpp"
#include "json_reader.hpp"
#include "json_writer.hpp"
#if JWTCORE_STD_STRING
#include <string>  // the std::string conveniences
#endif

namespace jwtcore {

// RFC 7518 section 3.2: an HS256 key must be at least as long as the hash.
inline constexpr std::size_t hs256_min_secret_size = 32;

enum class short_secret {
  refuse,  // the default: a secret under 32 bytes fails with key_too_short
  allow,   // the explicit opt-in, for legacy systems that cannot rotate yet
};

// An HS256 key: the HMAC midstates of the secret and its length, wiped on
// destruction. Move-only; clone() makes an explicit copy.
class hs256_key {
 public:
  explicit hs256_key(std::string_view secret_bytes) noexcept : hs256_key(secret_bytes, short_secret::refuse) {}
  hs256_key(std::string_view secret_bytes, short_secret policy) noexcept : key_(secret_bytes), policy_(policy) {}

  hs256_key(hs256_key&&) noexcept = default;
  hs256_key& operator=(hs256_key&&) noexcept = default;

  hs256_key clone() const noexcept { return hs256_key(key_.clone(), policy_); }

  // key_too_short when the secret is under 32 bytes and short ones were not allowed.
  result<void> usable() const noexcept {
    if (policy_ == short_secret::refuse && key_.secret_size() < hs256_min_secret_size) return error::key_too_short;
    return {};
  }
  std::size_t secret_size() const noexcept { return key_.secret_size(); }
  const hmac_sha256_midstates& midstates() const noexcept { return key_.midstates(); }

 private:
  hs256_key(hmac_sha256_key&& key, short_secret policy) noexcept : key_(static_cast<hmac_sha256_key&&>(key)), policy_(policy) {}
  hmac_sha256_key key_;
  short_secret policy_;
};

// {"alg":"HS256","typ":"JWT"}, encoded once.
inline constexpr std::string_view hs256_header_json = R"({"alg":"HS256","typ":"JWT"})";
inline constexpr std::string_view hs256_header_segment = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
inline constexpr std::size_t hs256_signature_segment_size = 43;  // base64url of 32 bytes

struct sign_options {
  // When not empty, the header carries "kid" (the name of the key, for
  // verifiers that hold several): {"alg":"HS256","typ":"JWT","kid":"..."}.
  std::string_view kid;
};

// The length of the token for a payload of this many JSON bytes under the
// standard header (no kid); SIZE_MAX when no buffer could hold it.
constexpr std::size_t hs256_token_size(std::size_t payload_json_size) noexcept {
  const std::size_t payload = base64url_encoded_size(payload_json_size);
  const std::size_t fixed = hs256_header_segment.size() + 2 + hs256_signature_segment_size;
  return payload > static_cast<std::size_t>(-1) - fixed ? static_cast<std::size_t>(-1) : payload + fixed;
}

namespace detail {

// Turns the `size` bytes at out[0] into their base64url text at out[0] without
// another buffer: the bytes move right so that they end where the text will
// end, and the forward encoder never overtakes what it has not read yet.
constexpr result<std::size_t> base64url_encode_in_place(char* out, std::size_t size, std::size_t capacity) noexcept {
  const std::size_t length = base64url_encoded_size(size);
  if (length > capacity) return error::buffer_too_small;
  const std::size_t shift = length - size;
  if (JWTCORE_IS_CONSTANT_EVALUATED()) {
    for (std::size_t i = size; i > 0; --i) out[shift + i - 1] = out[i - 1];
  } else if (size > 0) {
    std::memmove(out + shift, out, size);
  }
  return base64url_encode_into(out + shift, size, out, capacity);
}

// Appends ".<signature>" to the signing input out[0, signing_input_size).
constexpr result<std::size_t> append_hs256_signature(const hmac_sha256_midstates& key, char* out,
                                                     std::size_t signing_input_size, std::size_t capacity) noexcept {
  if (capacity - signing_input_size < 1 + hs256_signature_segment_size) return error::buffer_too_small;
  hmac_sha256_hasher mac(key);
  mac.update(out, signing_input_size);
  sha256_digest signature = mac.finish();
  out[signing_input_size] = '.';
  const result<std::size_t> encoded = base64url_encode_into(signature.data(), signature.size(),
                                                            out + signing_input_size + 1,
                                                            capacity - signing_input_size - 1);
  wipe(signature);
  if (!encoded) return encoded.error();
  return signing_input_size + 1 + *encoded;
}

// Writes the header segment (the constant one, or one carrying kid).
constexpr result<std::size_t> write_hs256_header(const sign_options& options, char* out, std::size_t capacity) noexcept {
  if (options.kid.empty()) {
    if (capacity < hs256_header_segment.size()) return error::buffer_too_small;
    for (std::size_t i = 0; i < hs256_header_segment.size(); ++i) out[i] = hs256_header_segment[i];
    return hs256_header_segment.size();
  }
  json_writer w(out, capacity);
  w.begin_object().key("alg").string("HS256").key("typ").string("JWT").key("kid").string(options.kid).end_object();
  const result<std::size_t> json = w.finish();
  if (!json) return json.error();
  return base64url_encode_in_place(out, *json, capacity);
}

// The signing input so far is out[0, prefix); encode the payload JSON that
// sits at out[prefix, prefix + json_size) in place and sign.
constexpr result<std::size_t> finish_hs256_token(const hmac_sha256_midstates& key, char* out, std::size_t prefix,
                                                 std::size_t json_size, std::size_t capacity) noexcept {
  const result<std::size_t> payload = base64url_encode_in_place(out + prefix, json_size, capacity - prefix);
  if (!payload) return payload.error();
  return append_hs256_signature(key, out, prefix + *payload, capacity);
}

// The header segment is out[0, header_size): appends '.', the payload's
// base64url and the signature.
constexpr result<std::size_t> append_payload_and_signature(const hmac_sha256_midstates& key,
                                                           std::string_view payload_json, char* out,
                                                           std::size_t header_size, std::size_t capacity) noexcept {
  if (header_size == capacity) return error::buffer_too_small;
  out[header_size] = '.';
  const std::size_t prefix = header_size + 1;
  const result<std::size_t> payload = base64url_encode_into(payload_json, out + prefix, capacity - prefix);
  if (!payload) return payload.error();
  return append_hs256_signature(key, out, prefix + *payload, capacity);
}

}  // namespace detail

// Signs header and payload JSON exactly as given, with no checks at all: the
// primitive under the checked functions, usable in constant expressions (it
// reproduces RFC 7515 appendix A.1, whose header is not the standard one).
constexpr result<std::size_t> sign_hs256_raw(const hmac_sha256_midstates& key, std::string_view header_json,
                                             std::string_view payload_json, char* out, std::size_t capacity) noexcept {
  const result<std::size_t> header = base64url_encode_into(header_json, out, capacity);
  if (!header) return header.error();
  return detail::append_payload_and_signature(key, payload_json, out, *header, capacity);
}

// Signs `payload_json` under {"alg":"HS256","typ":"JWT"} (plus kid when
// given) into out[0, capacity) and returns the token's length. The payload is
// signed byte for byte as given, after checking that it is one JSON object in
// valid UTF-8 (bad_payload, or the reader's specific error), within the
// reader's default json_limits (1 MiB, depth 64, 256 members an object). No heap.
inline result<std::size_t> sign_hs256_into(const hs256_key& key, std::string_view payload_json, char* out,
                                           std::size_t capacity, const sign_options& options) noexcept {
  if (const result<void> usable = key.usable(); !usable) return usable.error();
  if (const result<void> payload_ok = json_validate_object(payload_json); !payload_ok) return payload_ok.error();
  const result<std::size_t> header = detail::write_hs256_header(options, out, capacity);
  if (!header) return header.error();
  return detail::append_payload_and_signature(key.midstates(), payload_json, out, *header, capacity);
}

inline result<std::size_t> sign_hs256_into(const hs256_key& key, std::string_view payload_json, char* out,
                                           std::size_t capacity) noexcept {
  return sign_hs256_into(key, payload_json, out, capacity, sign_options{});
}

// Signs a claim set: its JSON is written into `out` itself and encoded there
// in place, so no other buffer is needed. No heap.
inline result<std::size_t> sign_hs256_into(const hs256_key& key, const claims& claim_set, char* out,
                                           std::size_t capacity, const sign_options& options = {}) noexcept {
  if (const result<void> usable = key.usable(); !usable) return usable.error();
  const result<std::size_t> header = detail::write_hs256_header(options, out, capacity);
  if (!header) return header.error();
  if (*header == capacity) return error::buffer_too_small;
  out[*header] = '.';
  const std::size_t prefix = *header + 1;
  const result<std::size_t> json = claim_set.write_json(out + prefix, capacity - prefix);
  if (!json) return json.error();
  return detail::finish_hs256_token(key.midstates(), out, prefix, *json, capacity);
}

#if JWTCORE_STD_STRING
// The std::string conveniences (they allocate).
inline result<std::string> sign_hs256(const hs256_key& key, std::string_view payload_json,
                                      const sign_options& options = {}) {
  return detail::fill_string(
      [&](char* out, std::size_t capacity) { return sign_hs256_into(key, payload_json, out, capacity, options); },
      hs256_token_size(payload_json.size()) + 2 * options.kid.size() + 64);
}

inline result<std::string> sign_hs256(const hs256_key& key, const claims& claim_set, const sign_options& options = {}) {
  return detail::fill_string(
      [&](char* out, std::size_t capacity) { return sign_hs256_into(key, claim_set, out, capacity, options); }, 512);
}
#endif  // JWTCORE_STD_STRING

namespace detail {
// Where the signing input of a compact token ends: the position of its second
// dot, when the token is exactly three segments; npos otherwise.
constexpr std::size_t signing_input_end(std::string_view token) noexcept {
  const std::size_t first = token.find('.');
  if (first == std::string_view::npos) return std::string_view::npos;
  const std::size_t second = token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return std::string_view::npos;
  }
  return second;
}
}  // namespace detail

// True when the token is three segments and its signature is the HMAC of the
// first two under `key`. Checks the signature only: not the header, not the
// claims. The received signature is decoded (strictly) and compared as bytes
// in constant time; a key refused by its short-secret policy never matches.
inline bool check_hs256_signature(const hs256_key& key, std::string_view token) noexcept {
  if (!key.usable()) return false;
  const std::size_t end = detail::signing_input_end(token);
  if (end == std::string_view::npos) return false;
  const std::string_view signature_text = detail::slice(token, end + 1);
  if (signature_text.size() != hs256_signature_segment_size) return false;
  std::uint8_t received[sha256_digest_size] = {};
  if (!base64url_decode_into(signature_text, received, sizeof(received))) return false;
  sha256_digest expected = hmac_sha256(key.midstates(), detail::slice(token, 0, end));
  const bool match = ct_equal(expected.data(), received, sizeof(received));
  wipe(expected);  // a valid MAC for this signing input: not left on the stack
  return match;
}

}  // namespace jwtcore

#endif  // JWTCORE_JWT_HPP
