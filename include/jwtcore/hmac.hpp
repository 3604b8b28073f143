// jwtcore/hmac.hpp: HMAC-SHA256 (RFC 2104) that works in constant expressions.
// A key is kept as its two midstates (the SHA-256 state after the ipad and opad
// blocks), so each MAC costs only the message blocks plus one outer block.
#ifndef JWTCORE_HMAC_HPP
#define JWTCORE_HMAC_HPP

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t
#include <string_view>  // keys and messages as text

#include "bytes.hpp"
#include "sha256.hpp"

namespace jwtcore {

// The precomputed inner and outer states of an HMAC-SHA256 key. Trivially
// copyable and usable in constant expressions; it does not wipe itself, so at
// run time hold keys in hmac_sha256_key (or hs256_key), which does.
struct hmac_sha256_midstates {
  sha256_midstate inner;
  sha256_midstate outer;
};

constexpr void wipe(hmac_sha256_midstates& m) noexcept {
  wipe(m.inner);
  wipe(m.outer);
}

namespace detail {

template <class Byte>
constexpr hmac_sha256_midstates hmac_sha256_precompute(const Byte* key, std::size_t key_size) noexcept {
  // Keys longer than a block are hashed first (RFC 2104 section 2).
  std::uint8_t block[sha256_block_size] = {};
  if (key_size > sha256_block_size) {
    sha256_hasher hasher;
    hasher.update(key, key_size);
    sha256_digest hashed = hasher.finish();
    for (std::size_t i = 0; i < hashed.size(); ++i) block[i] = hashed[i];
    wipe(hashed);  // for a long secret this digest is the key itself
  } else {
    for (std::size_t i = 0; i < key_size; ++i) block[i] = static_cast<std::uint8_t>(key[i]);
  }

  hmac_sha256_midstates m{};
  for (std::uint8_t& b : block) b ^= 0x36;
  for (unsigned i = 0; i < 8; ++i) m.inner.h[i] = sha256_initial[i];
  sha256_compress(m.inner.h, block, 1);
  for (std::uint8_t& b : block) b ^= 0x36 ^ 0x5c;
  for (unsigned i = 0; i < 8; ++i) m.outer.h[i] = sha256_initial[i];
  sha256_compress(m.outer.h, block, 1);
  wipe(block);
  return m;
}

}  // namespace detail

// The midstates of `key`, for constant expressions and for callers that manage
// wiping themselves.
constexpr hmac_sha256_midstates hmac_sha256_precompute(std::string_view key) noexcept {
  return detail::hmac_sha256_precompute(key.data(), key.size());
}
constexpr hmac_sha256_midstates hmac_sha256_precompute(const std::uint8_t* key, std::size_t key_size) noexcept {
  return detail::hmac_sha256_precompute(key, key_size);
}

// Streaming HMAC-SHA256 over a precomputed key. Trivially copyable, no heap,
// sizeof 136 bytes; finish() wipes the context.
class hmac_sha256_hasher {
 public:
  constexpr explicit hmac_sha256_hasher(const hmac_sha256_midstates& key) noexcept
      : inner_(key.inner, sha256_block_size), outer_(key.outer) {}

  constexpr void update(std::string_view data) noexcept { inner_.update(data); }
  constexpr void update(const std::uint8_t* data, std::size_t size) noexcept { inner_.update(data, size); }
  constexpr void update(const char* data, std::size_t size) noexcept { inner_.update(data, size); }

  constexpr sha256_digest finish() noexcept {
    sha256_digest inner_digest = inner_.finish();
    sha256_hasher outer(outer_, sha256_block_size);
    outer.update(inner_digest.data(), inner_digest.size());
    wipe(inner_digest);
    wipe(outer_);
    return outer.finish();
  }

 private:
  sha256_hasher inner_;
  sha256_midstate outer_;
};

// One-shot HMAC-SHA256.
constexpr sha256_digest hmac_sha256(std::string_view key, std::string_view message) noexcept {
  hmac_sha256_midstates midstates = hmac_sha256_precompute(key);
  hmac_sha256_hasher hasher(midstates);
  wipe(midstates);
  hasher.update(message);
  return hasher.finish();
}

constexpr sha256_digest hmac_sha256(const hmac_sha256_midstates& key, std::string_view message) noexcept {
  hmac_sha256_hasher hasher(key);
  hasher.update(message);
  return hasher.finish();
}

// An HMAC-SHA256 key for run-time use: the midstates and the secret's length
// (public, and needed for the minimum-length policy), wiped on destruction.
// Copies are explicit (clone()); a moved-from key is left wiped and empty.
class hmac_sha256_key {
 public:
  explicit hmac_sha256_key(std::string_view secret) noexcept
      : midstates_(hmac_sha256_precompute(secret)), secret_size_(secret.size()) {}
  hmac_sha256_key(const std::uint8_t* secret, std::size_t size) noexcept
      : midstates_(hmac_sha256_precompute(secret, size)), secret_size_(size) {}

  hmac_sha256_key(const hmac_sha256_key&) = delete;
  hmac_sha256_key& operator=(const hmac_sha256_key&) = delete;
  hmac_sha256_key(hmac_sha256_key&& other) noexcept
      : midstates_(other.midstates_), secret_size_(other.secret_size_) {
    other.clear();
  }
  hmac_sha256_key& operator=(hmac_sha256_key&& other) noexcept {
    if (this != &other) {
      midstates_ = other.midstates_;
      secret_size_ = other.secret_size_;
      other.clear();
    }
    return *this;
  }
  ~hmac_sha256_key() { clear(); }

  hmac_sha256_key clone() const noexcept { return hmac_sha256_key(*this, clone_tag{}); }

  const hmac_sha256_midstates& midstates() const noexcept { return midstates_; }
  std::size_t secret_size() const noexcept { return secret_size_; }

  sha256_digest mac(std::string_view message) const noexcept { return hmac_sha256(midstates_, message); }

 private:
  struct clone_tag {};
  hmac_sha256_key(const hmac_sha256_key& other, clone_tag) noexcept
      : midstates_(other.midstates_), secret_size_(other.secret_size_) {}
  void clear() noexcept {
    wipe(midstates_);
    secret_size_ = 0;
  }

  hmac_sha256_midstates midstates_;
  std::size_t secret_size_;
};

}  // namespace jwtcore

#endif  // JWTCORE_HMAC_HPP
