// jwtcore/key.hpp: what signing and verifying share: the algorithms, a key
// bound to exactly one of them, the standard headers of RFC 7519 and their
// segments, and the constant-time check of a token's signature (RFC 7515,
// JWS compact form). No heap.
#ifndef JWTCORE_KEY_HPP
#define JWTCORE_KEY_HPP

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t
#include <string_view>  // tokens and secrets

#include "base64url.hpp"
#include "bytes.hpp"
#include "hmac.hpp"

namespace jwtcore {

// The algorithms of RFC 7518 section 3.2. The algorithm belongs to the key,
// never to the token: a verifier accepts a token only under a key of the
// algorithm its header names (RFC 8725 section 3.1).
enum class jwt_alg : std::uint8_t { hs256, hs384, hs512 };

namespace detail {
// Arrays rather than literals, one per fact: a small target's linker then
// keeps the facts the program uses, not every string literal of the program.
inline constexpr char alg_names[][6] = {"HS256", "HS384", "HS512"};
inline constexpr char standard_header_jsons[][28] = {
    R"({"alg":"HS256","typ":"JWT"})", R"({"alg":"HS384","typ":"JWT"})", R"({"alg":"HS512","typ":"JWT"})"};
inline constexpr char standard_header_segments[][37] = {
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", "eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9",
    "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9"};
}  // namespace detail

// "HS256", "HS384", "HS512".
constexpr std::string_view alg_name(jwt_alg alg) noexcept {
  return {detail::alg_names[static_cast<std::size_t>(alg)], 5};
}
// The MAC's length in bytes: 32, 48, 64 (computed: a small target then
// links no table for it).
constexpr std::size_t mac_size(jwt_alg alg) noexcept { return 16 * (2 + static_cast<std::size_t>(alg)); }
// The signature segment's length: the unpadded base64url of the MAC (43, 64, 86).
constexpr std::size_t signature_segment_size(jwt_alg alg) noexcept { return base64url_encoded_size(mac_size(alg)); }
// RFC 7518 section 3.2: a key at least as long as the hash (32, 48, 64 bytes).
constexpr std::size_t min_secret_size(jwt_alg alg) noexcept { return mac_size(alg); }
// {"alg":"HS...","typ":"JWT"} and its segment, written by signers without a kid.
constexpr std::string_view standard_header_json(jwt_alg alg) noexcept {
  return {detail::standard_header_jsons[static_cast<std::size_t>(alg)], 27};
}
constexpr std::string_view standard_header_segment(jwt_alg alg) noexcept {
  return {detail::standard_header_segments[static_cast<std::size_t>(alg)], 36};
}
// The algorithm a header's alg names, exactly as written; alg_not_allowed for
// any other text ("none", "RS256", "hs256", ...).
constexpr result<jwt_alg> parse_alg(std::string_view name) noexcept {
  for (const jwt_alg alg : {jwt_alg::hs256, jwt_alg::hs384, jwt_alg::hs512}) {
    if (alg_name(alg) == name) return alg;
  }
  return error::alg_not_allowed;
}

// The HS256 names of the first release.
inline constexpr std::size_t hs256_min_secret_size = 32;
inline constexpr std::string_view hs256_header_json = R"({"alg":"HS256","typ":"JWT"})"sv;
inline constexpr std::string_view hs256_header_segment = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"sv;
inline constexpr std::size_t hs256_signature_segment_size = 43;

enum class short_secret {
  refuse,  // the default: a secret shorter than the hash fails with key_too_short
  allow,   // the explicit opt-in, for legacy systems that cannot rotate yet
};

class jwt_key;
namespace detail {
inline const hmac_sha256_midstates* hs256_midstates(const jwt_key& key) noexcept;
}  // namespace detail

// A key for one algorithm: the HMAC midstates of the secret, the secret's
// length and the short-secret policy, wiped on destruction. Move-only;
// clone() makes an explicit copy. The constructor picks the MAC function once,
// so a program that makes only HS256 keys links no SHA-512.
class jwt_key {
 public:
  JWTCORE_ENTRY_POINT jwt_key(jwt_alg alg, std::string_view secret_bytes,
                              short_secret policy = short_secret::refuse) noexcept;

  jwt_key(jwt_key&& other) noexcept : jwt_key(other) { other.clear(); }
  jwt_key& operator=(jwt_key&& other) noexcept {
    if (this != &other) {
      clear();
      state_ = other.state_;
      other.clear();
    }
    return *this;
  }
  ~jwt_key() { clear(); }

  jwt_key clone() const noexcept { return jwt_key(*this); }

  jwt_alg alg() const noexcept { return state_.alg; }
  std::size_t secret_size() const noexcept { return state_.secret_size; }
  // key_too_short when the secret is shorter than the hash and short ones were not allowed.
  result<void> usable() const noexcept {
    if (state_.policy == short_secret::refuse && state_.secret_size < min_secret_size(state_.alg)) {
      return error::key_too_short;
    }
    return {};
  }
  // The MAC of data[0, size) into mac[0, mac_size(alg())).
  void mac(const char* data, std::size_t size, std::uint8_t* out) const noexcept {
    state_.mac(state_.midstates, data, size, out);
  }

 protected:
  struct hs256_only {};  // binds HS256 without referencing the SHA-512 code
  JWTCORE_ENTRY_POINT jwt_key(hs256_only, std::string_view secret_bytes, short_secret policy) noexcept;

 private:
  friend const hmac_sha256_midstates* detail::hs256_midstates(const jwt_key& key) noexcept;
  union midstate_union {
    hmac_sha256_midstates sha256{};
    hmac_sha384_midstates sha384;
    hmac_sha512_midstates sha512;
  };
  using mac_function = void (*)(const midstate_union&, const char*, std::size_t, std::uint8_t*) noexcept;
  template <class Hash, hmac_midstates<Hash> midstate_union::*Member>
  static void mac_with(const midstate_union& m, const char* data, std::size_t size, std::uint8_t* out) noexcept {
    detail::hmac_oneshot(m.*Member, data, size, out);
  }
  template <class Hash, hmac_midstates<Hash> midstate_union::*Member>
  void bind(std::string_view secret_bytes) noexcept {
    state_.midstates.*Member = hmac_precompute<Hash>(secret_bytes);
    state_.mac = mac_with<Hash, Member>;
  }
  struct state {
    midstate_union midstates;
    mac_function mac;
    std::size_t secret_size;
    jwt_alg alg;
    short_secret policy;
  };
  jwt_key(const jwt_key& other) noexcept : state_(other.state_) {}
  void clear() noexcept { secure_wipe(&state_.midstates, sizeof(state_.midstates)); state_.secret_size = 0; }
  state state_;
};

namespace detail {
// The SHA-256 midstates of an HS256 key (for the two-stream batch kernel); null for other keys.
inline const hmac_sha256_midstates* hs256_midstates(const jwt_key& key) noexcept {
  return key.alg() == jwt_alg::hs256 ? &key.state_.midstates.sha256 : nullptr;
}
}  // namespace detail

// An HS256 key, the type of the first release.
class hs256_key : public jwt_key {
 public:
  JWTCORE_ENTRY_POINT explicit hs256_key(std::string_view secret_bytes) noexcept;
  JWTCORE_ENTRY_POINT hs256_key(std::string_view secret_bytes, short_secret policy) noexcept;
  hs256_key clone() const noexcept { return hs256_key(jwt_key::clone()); }
  const hmac_sha256_midstates& midstates() const noexcept { return *detail::hs256_midstates(*this); }

 private:
  explicit hs256_key(jwt_key&& key) noexcept : jwt_key(static_cast<jwt_key&&>(key)) {}
};

// True when the token is three segments and its signature is the MAC of the
// first two under `key`, with the length of the key's algorithm. Checks the
// signature only: not the header, not the claims. A key refused by its
// short-secret policy never matches.
JWTCORE_ENTRY_POINT bool check_signature(const jwt_key& key, std::string_view token) noexcept;
JWTCORE_ENTRY_POINT bool check_hs256_signature(const hs256_key& key, std::string_view token) noexcept;

#if JWTCORE_DEFINE_ENTRY_POINTS

namespace detail {

// Two constant-time ways to compare the received signature text with the MAC,
// same verdicts (one canonical encoding): as bytes, the public signature
// decoded by the fast decoder; as text, the MAC encoded (no decoder linked).
inline bool signature_matches_bytes(const std::uint8_t* mac, std::string_view signature) noexcept {
  std::uint8_t received[sha512_digest_size] = {};
  const std::size_t size = base64url_decoded_size(signature.size());
  return base64url_decode_public_into(signature, received, size) && ct_equal(mac, received, size);
}
inline bool signature_matches_text(const std::uint8_t* mac, std::string_view signature) noexcept {
  char expected[base64url_encoded_size(sha512_digest_size)] = {};
  const std::size_t size = base64url_decoded_size(signature.size());
  base64url_encode_into(mac, size, expected, sizeof(expected));
  const bool match = ct_equal(reinterpret_cast<const std::uint8_t*>(expected),
                              reinterpret_cast<const std::uint8_t*>(signature.data()), signature.size());
  wipe(expected);
  return match;
}

}  // namespace detail

JWTCORE_ENTRY_POINT jwt_key::jwt_key(jwt_alg alg, std::string_view secret_bytes, short_secret policy) noexcept
    : state_{{}, nullptr, secret_bytes.size(), alg, policy} {
  switch (alg) {
    case jwt_alg::hs256: bind<sha256_traits, &midstate_union::sha256>(secret_bytes); break;
    case jwt_alg::hs384: bind<sha384_traits, &midstate_union::sha384>(secret_bytes); break;
    case jwt_alg::hs512: bind<sha512_traits, &midstate_union::sha512>(secret_bytes); break;
  }
}
JWTCORE_ENTRY_POINT jwt_key::jwt_key(hs256_only, std::string_view secret_bytes, short_secret policy) noexcept
    : state_{{}, mac_with<sha256_traits, &midstate_union::sha256>, secret_bytes.size(), jwt_alg::hs256, policy} {
  state_.midstates.sha256 = hmac_precompute<sha256_traits>(secret_bytes);
}

JWTCORE_ENTRY_POINT hs256_key::hs256_key(std::string_view secret_bytes) noexcept
    : jwt_key(hs256_only{}, secret_bytes, short_secret::refuse) {}
JWTCORE_ENTRY_POINT hs256_key::hs256_key(std::string_view secret_bytes, short_secret policy) noexcept
    : jwt_key(hs256_only{}, secret_bytes, policy) {}

JWTCORE_ENTRY_POINT bool check_signature(const jwt_key& key, std::string_view token) noexcept {
  if (!key.usable()) return false;
  // The signature's length is the algorithm's, so the second dot has one
  // place; the signing input before it must hold exactly one dot.
  const std::size_t signature_size = signature_segment_size(key.alg());
  if (token.size() < signature_size + 1) return false;
  const std::size_t end = token.size() - signature_size - 1;
  if (token[end] != '.') return false;
  const std::size_t first = token.find('.');
  if (first == end || token.find('.', first + 1) != end) return false;
  std::uint8_t mac[sha512_digest_size] = {};
  key.mac(token.data(), end, mac);
  const std::string_view signature = detail::slice(token, end + 1);
  bool match = false;
  if constexpr (detail::size_first) {
    match = detail::signature_matches_text(mac, signature);
  } else {
    match = detail::signature_matches_bytes(mac, signature);
  }
  wipe(mac);  // a valid MAC for this signing input: not left on the stack
  return match;
}

JWTCORE_ENTRY_POINT bool check_hs256_signature(const hs256_key& key, std::string_view token) noexcept {
  return check_signature(key, token);
}

#endif  // JWTCORE_DEFINE_ENTRY_POINTS

}  // namespace jwtcore

#endif  // JWTCORE_KEY_HPP
