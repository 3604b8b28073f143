// jwtcore/hmac.hpp: HMAC-SHA256 (RFC 2104) that works in constant expressions.
// A key is kept as its two midstates (the SHA-256 state after the ipad and opad
// blocks), so each MAC costs only the message blocks plus one outer block.
#ifndef JWTCORE_HMAC_HPP
#define JWTCORE_HMAC_HPP

#include <cstddef>           // std::size_t
#include <cstdint>           // std::uint8_t
#include <cstring>           // std::memcpy: wide stores at run time
#include <initializer_list>  // the loop over the two pads
#include <string_view>       // keys and messages as text

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

// Stores at run time are as wide as they can be: a hardware kernel loads its
// block 16 bytes at a time, and a load that spans several pending stores
// waits until they have all reached the cache, so 32 one-byte stores cost a
// block far more than 4 eight-byte ones.
#if (defined(__GNUC__) || defined(__clang__)) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
inline constexpr bool sha256_wide_stores = true;
inline std::uint64_t sha256_swap64(std::uint64_t v) noexcept { return __builtin_bswap64(v); }
#else
inline constexpr bool sha256_wide_stores = false;
inline std::uint64_t sha256_swap64(std::uint64_t v) noexcept { return v; }
#endif

// Two big-endian 32-bit words at out[0, 8).
template <class Byte>
constexpr void sha256_store_be64(Byte* out, std::uint32_t high, std::uint32_t low) noexcept {
  if (sha256_wide_stores && !detail::is_constant_evaluated()) {
    const std::uint64_t bytes = sha256_swap64(std::uint64_t{high} << 32 | low);
    std::memcpy(out, &bytes, 8);
  } else {
    store_be32(out, high);
    store_be32(out + 4, low);
  }
}

template <class Byte>
constexpr void sha256_store_digest(Byte* out, const std::uint32_t* state) noexcept {
  for (unsigned i = 0; i < 8; i += 2) sha256_store_be64(out + 4 * i, state[i], state[i + 1]);
}

// The padded end of a message into last[0, 128), zeros on entry: the bytes
// past its whole blocks, 0x80, and the bit length of `absorbed` bytes (a
// multiple of 64) and the message's `size`. Returns the blocks to hash: the 9
// bytes of 0x80 and the length need a second one past 55. Branches and
// indices depend on lengths only.
template <class Byte>
constexpr std::size_t sha256_pad_tail(std::uint8_t* last, std::uint64_t absorbed, const Byte* data,
                                      std::size_t size) noexcept {
  const std::size_t tail = size % sha256_block_size, whole = size - tail;
  if (detail::is_constant_evaluated()) {
    for (std::size_t i = 0; i < tail; ++i) last[i] = static_cast<std::uint8_t>(data[whole + i]);
  } else if (tail != 0) {
    std::memcpy(last, data + whole, tail);
  }
  last[tail] = 0x80;
  const std::size_t blocks = tail + 9 > sha256_block_size ? 2 : 1;
  const std::uint64_t bits = (absorbed + size) * 8u;
  sha256_store_be64(last + blocks * sha256_block_size - 8, static_cast<std::uint32_t>(bits >> 32),
                    static_cast<std::uint32_t>(bits));
  return blocks;
}

// Continues a SHA-256 whose state has absorbed `absorbed` bytes (a multiple of
// 64) with data[0, size) and the final padding. Whole blocks are hashed where
// they lie; only the tail is copied, to be padded. The long-key hash and both
// hashes of a one-shot MAC run through this one function, so a small build
// links one copy of the padding logic rather than the streaming hasher.
template <class Byte>
constexpr void sha256_continue_to_end(std::uint32_t* state, std::uint64_t absorbed, const Byte* data,
                                      std::size_t size) noexcept {
  if (size >= sha256_block_size) sha256_compress(state, data, size / sha256_block_size);
  std::uint8_t last[2 * sha256_block_size] = {};
  sha256_compress(state, last, sha256_pad_tail(last, absorbed, data, size));
  wipe(last);  // the tail of a secret key or of a message
}

template <class Byte>
constexpr hmac_sha256_midstates hmac_sha256_precompute(const Byte* key, std::size_t key_size) noexcept {
  // Keys longer than a block are hashed first (RFC 2104 section 2).
  std::uint8_t block[sha256_block_size] = {};
  if (key_size > sha256_block_size) {
    std::uint32_t hashed[8] = {};
    for (unsigned i = 0; i < 8; ++i) hashed[i] = sha256_initial[i];
    sha256_continue_to_end(hashed, 0, key, key_size);
    sha256_store_digest(block, hashed);
    wipe(hashed);  // for a long secret this digest is the key itself
  } else {
    for (std::size_t i = 0; i < key_size; ++i) block[i] = static_cast<std::uint8_t>(key[i]);
  }

  // The inner pad, then the outer one: one loop, so one copy of the code.
  hmac_sha256_midstates m{};
  std::uint8_t pad = 0x36;
  for (sha256_midstate* state : {&m.inner, &m.outer}) {
    for (std::uint8_t& b : block) b ^= pad;
    for (unsigned i = 0; i < 8; ++i) state->h[i] = sha256_initial[i];
    sha256_compress(state->h, block, 1);
    pad = 0x36 ^ 0x5c;  // undoes the inner pad and applies the outer one
  }
  wipe(block);
  return m;
}

// The outer hash of an HMAC is one block: the inner digest, 0x80, and the
// length of key block and digest (768 bits). `block` is zeros on entry.
constexpr void hmac_sha256_outer_block(std::uint8_t* block, const std::uint32_t* inner_state) noexcept {
  sha256_store_digest(block, inner_state);
  block[sha256_digest_size] = 0x80;
  block[sha256_block_size - 2] = (sha256_block_size + sha256_digest_size) * 8 >> 8;
}

// HMAC-SHA256 of data[0, size) under precomputed midstates, into mac[0, 32):
// the message's whole blocks hashed where they lie, its tail padded, then the
// outer block. Signing, the signature check and the verifier each make this
// one call per token.
template <class Byte>
constexpr void hmac_sha256_oneshot(const hmac_sha256_midstates& key, const Byte* data, std::size_t size,
                                   std::uint8_t* mac) noexcept {
  std::uint32_t state[8] = {};
  for (unsigned i = 0; i < 8; ++i) state[i] = key.inner.h[i];
  sha256_continue_to_end(state, sha256_block_size, data, size);
  std::uint8_t block[sha256_block_size] = {};
  hmac_sha256_outer_block(block, state);
  for (unsigned i = 0; i < 8; ++i) state[i] = key.outer.h[i];
  sha256_compress(state, block, 1);
  sha256_store_digest(mac, state);
  wipe(state);
  wipe(block);
}

// The blocks of an HMAC's inner hash after the key block: the message's whole
// blocks where they lie, then its padded tail.
struct hmac_sha256_message_blocks {
  const std::uint8_t* whole = nullptr;
  std::size_t whole_count = 0;
  std::size_t count = 0;
  std::uint8_t tail[2 * sha256_block_size] = {};

  hmac_sha256_message_blocks(const char* data, std::size_t size) noexcept
      : whole(reinterpret_cast<const std::uint8_t*>(data)), whole_count(size / sha256_block_size) {
    count = whole_count + sha256_pad_tail(tail, sha256_block_size, data, size);
  }
  ~hmac_sha256_message_blocks() { wipe(tail); }
  const std::uint8_t* at(std::size_t i) const noexcept {
    return i < whole_count ? whole + i * sha256_block_size : tail + (i - whole_count) * sha256_block_size;
  }
  // How many blocks from block i on lie one after the other.
  std::size_t run(std::size_t i) const noexcept { return (i < whole_count ? whole_count : count) - i; }
};

// Two MACs under one key, as two calls of hmac_sha256_oneshot would give
// them, on the two-stream block function: the blocks of both messages side by
// side as far as the shorter one goes, the rest of the longer one alone.
inline void hmac_sha256_oneshot_x2(const hmac_sha256_midstates& key, const char* data_a, std::size_t size_a,
                                   const char* data_b, std::size_t size_b, std::uint8_t* mac_a,
                                   std::uint8_t* mac_b) noexcept {
  const hmac_sha256_message_blocks a(data_a, size_a), b(data_b, size_b);
  sha256_midstate state_a = key.inner, state_b = key.inner;
  std::size_t i = 0;
  for (std::size_t run = 0; i < a.count && i < b.count; i += run) {
    run = a.run(i) < b.run(i) ? a.run(i) : b.run(i);
    sha256_compress_x2(state_a.h, a.at(i), state_b.h, b.at(i), run);
  }
  for (std::size_t j = i; j < a.count; j += a.run(j)) sha256_compress(state_a.h, a.at(j), a.run(j));
  for (std::size_t j = i; j < b.count; j += b.run(j)) sha256_compress(state_b.h, b.at(j), b.run(j));
  std::uint8_t outer_a[sha256_block_size] = {}, outer_b[sha256_block_size] = {};
  hmac_sha256_outer_block(outer_a, state_a.h);
  hmac_sha256_outer_block(outer_b, state_b.h);
  state_a = key.outer;
  state_b = key.outer;
  sha256_compress_x2(state_a.h, outer_a, state_b.h, outer_b, 1);
  sha256_store_digest(mac_a, state_a.h);
  sha256_store_digest(mac_b, state_b.h);
  wipe(state_a);
  wipe(state_b);
  wipe(outer_a);
  wipe(outer_b);
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
    // The outer hash through the padding code that the one-shot MAC of a
    // text message links anyway (its char instantiation).
    char inner_chars[sha256_digest_size] = {};
    for (std::size_t i = 0; i < sha256_digest_size; ++i) inner_chars[i] = static_cast<char>(inner_digest[i]);
    detail::sha256_continue_to_end(outer_.h, sha256_block_size, inner_chars, sha256_digest_size);
    sha256_digest mac{};
    detail::sha256_store_digest(mac.data(), outer_.h);
    wipe(inner_digest);
    wipe(inner_chars);
    wipe(outer_);
    return mac;
  }

 private:
  sha256_hasher inner_;
  sha256_midstate outer_;
};

// One-shot HMAC-SHA256.
constexpr sha256_digest hmac_sha256(const hmac_sha256_midstates& key, std::string_view message) noexcept {
  sha256_digest mac{};
  detail::hmac_sha256_oneshot(key, message.data(), message.size(), mac.data());
  return mac;
}

constexpr sha256_digest hmac_sha256(std::string_view key, std::string_view message) noexcept {
  hmac_sha256_midstates midstates = hmac_sha256_precompute(key);
  const sha256_digest mac = hmac_sha256(midstates, message);
  wipe(midstates);
  return mac;
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
