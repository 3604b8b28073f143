// jwtcore/key.hpp: what signing and verifying share: the HS256 key, the
// standard header of RFC 7519 and its segment, and the constant-time check of
// a token's signature (RFC 7515, JWS compact form). No heap.
#ifndef JWTCORE_KEY_HPP
#define JWTCORE_KEY_HPP

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t
#include <string_view>  // tokens and secrets

#include "base64url.hpp"
#include "bytes.hpp"
#include "hmac.hpp"

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
  JWTCORE_ENTRY_POINT explicit hs256_key(std::string_view secret_bytes) noexcept;
  JWTCORE_ENTRY_POINT hs256_key(std::string_view secret_bytes, short_secret policy) noexcept;

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

// True when the token is three segments and its signature is the HMAC of the
// first two under `key`. Checks the signature only: not the header, not the
// claims. A key refused by its short-secret policy never matches.
JWTCORE_ENTRY_POINT bool check_hs256_signature(const hs256_key& key, std::string_view token) noexcept;

#if JWTCORE_DEFINE_ENTRY_POINTS

namespace detail {

// Two constant-time ways to compare the 43 received characters with the MAC,
// same verdicts (one canonical encoding): as bytes, the public signature
// decoded by the fast decoder; as text, the MAC encoded (no decoder linked).
inline bool hs256_signature_matches_bytes(const std::uint8_t* mac, const char* signature) noexcept {
  std::uint8_t received[sha256_digest_size] = {};
  const std::string_view text(signature, hs256_signature_segment_size);
  return base64url_decode_public_into(text, received, sizeof(received)) && ct_equal(mac, received, sizeof(received));
}
inline bool hs256_signature_matches_text(const std::uint8_t* mac, const char* signature) noexcept {
  char expected[hs256_signature_segment_size] = {};
  base64url_encode_into(mac, sha256_digest_size, expected, sizeof(expected));
  const bool match = ct_equal(reinterpret_cast<const std::uint8_t*>(expected),
                              reinterpret_cast<const std::uint8_t*>(signature), sizeof(expected));
  wipe(expected);
  return match;
}

}  // namespace detail

JWTCORE_ENTRY_POINT hs256_key::hs256_key(std::string_view secret_bytes) noexcept
    : hs256_key(secret_bytes, short_secret::refuse) {}
JWTCORE_ENTRY_POINT hs256_key::hs256_key(std::string_view secret_bytes, short_secret policy) noexcept
    : key_(secret_bytes), policy_(policy) {}

JWTCORE_ENTRY_POINT bool check_hs256_signature(const hs256_key& key, std::string_view token) noexcept {
  if (!key.usable()) return false;
  // The signature of HS256 is always 43 characters, so the second dot has one
  // place; the signing input before it must hold exactly one dot.
  if (token.size() < hs256_signature_segment_size + 1) return false;
  const std::size_t end = token.size() - hs256_signature_segment_size - 1;
  if (token[end] != '.') return false;
  const std::size_t first = token.find('.');
  if (first == end || token.find('.', first + 1) != end) return false;
  std::uint8_t mac[sha256_digest_size] = {};
  detail::hmac_sha256_oneshot(key.midstates(), token.data(), end, mac);
  const char* const signature = token.data() + end + 1;
  bool match = false;
  if constexpr (detail::size_first) {
    match = detail::hs256_signature_matches_text(mac, signature);
  } else {
    match = detail::hs256_signature_matches_bytes(mac, signature);
  }
  wipe(mac);  // a valid MAC for this signing input: not left on the stack
  return match;
}

#endif  // JWTCORE_DEFINE_ENTRY_POINTS

}  // namespace jwtcore

#endif  // JWTCORE_KEY_HPP
