// jwtcore/hmac.hpp: HMAC (RFC 2104) over SHA-256, SHA-384 or SHA-512, also in
// constant expressions; one template over the hashes' traits. A key is kept as
// its two midstates (the state after the ipad and opad blocks), so each MAC
// costs only the message blocks plus one outer block.
#ifndef JWTCORE_HMAC_HPP
#define JWTCORE_HMAC_HPP

#include <cstddef>           // std::size_t
#include <cstdint>           // std::uint8_t
#include <cstring>           // std::memset: the batch's tail blocks
#include <initializer_list>  // the loop over the two pads
#include <string_view>       // keys and messages as text

#include "bytes.hpp"
#include "sha256.hpp"
#include "sha512.hpp"

namespace jwtcore {

// The precomputed inner and outer states of an HMAC key. Trivially copyable
// and usable in constant expressions; it does not wipe itself, so at run time
// hold keys in hmac_key (or hs256_key), which does.
template <class Hash>
struct hmac_midstates {
  typename Hash::midstate inner;
  typename Hash::midstate outer;
};

using hmac_sha256_midstates = hmac_midstates<sha256_traits>;
using hmac_sha384_midstates = hmac_midstates<sha384_traits>;
using hmac_sha512_midstates = hmac_midstates<sha512_traits>;

template <class Hash>
constexpr void wipe(hmac_midstates<Hash>& m) noexcept {
  wipe(m.inner);
  wipe(m.outer);
}

namespace detail {

// The outer hash of an HMAC is one block: the inner digest, 0x80, and the
// bit length of key block and digest (under 2^16). `block` is zeros on entry.
template <class Hash>
constexpr void hmac_outer_block(std::uint8_t* block, const typename Hash::word* inner_state) noexcept {
  constexpr std::size_t bits = (Hash::block_size + Hash::digest_size) * 8;
  store_digest<Hash>(block, inner_state);
  block[Hash::digest_size] = 0x80;
  block[Hash::block_size - 2] = static_cast<std::uint8_t>(bits >> 8);
  block[Hash::block_size - 1] = static_cast<std::uint8_t>(bits & 0xff);
}

// The HMAC of data[0, size) under precomputed midstates, into
// mac[0, digest_size): the one call per token of signing and verifying.
template <class Hash, class Byte>
constexpr void hmac_oneshot(const hmac_midstates<Hash>& key, const Byte* data, std::size_t size,
                            std::uint8_t* mac) noexcept {
  typename Hash::midstate state = key.inner;
  continue_to_end<Hash>(state.h, Hash::block_size, data, size);
  std::uint8_t block[Hash::block_size] = {};
  hmac_outer_block<Hash>(block, state.h);
  state = key.outer;
  Hash::compress(state.h, block, 1);
  store_digest<Hash>(mac, state.h);
  wipe(state);
  wipe(block);
}

// The blocks of an HMAC-SHA256's inner hash after the key block: the
// message's whole blocks where they lie, then its padded tail. Only the tail
// blocks in use are zeroed and wiped, a block at a time: a fixed 64 bytes
// compiles to vector stores, where 128 became a slow string instruction.
struct hmac_sha256_message_blocks {
  const std::uint8_t* whole = nullptr;
  std::size_t whole_count = 0;
  std::size_t count = 0;
  std::uint8_t tail[2 * sha256_block_size];

  void set(const char* data, std::size_t size) noexcept {
    whole = reinterpret_cast<const std::uint8_t*>(data);
    whole_count = size / sha256_block_size;
    const std::size_t tail_blocks =
        size % sha256_block_size + 1 + sha256_traits::length_size > sha256_block_size ? 2 : 1;
    for (std::size_t i = 0; i < tail_blocks; ++i) std::memset(tail + i * sha256_block_size, 0, sha256_block_size);
    count = whole_count + pad_tail<sha256_traits>(tail, sha256_block_size, data, size);
  }
  ~hmac_sha256_message_blocks() {
    for (std::size_t i = 0; i < count - whole_count; ++i) secure_wipe(tail + i * sha256_block_size, sha256_block_size);
  }
  const std::uint8_t* at(std::size_t i) const noexcept {
    return i < whole_count ? whole + i * sha256_block_size : tail + (i - whole_count) * sha256_block_size;
  }
  // How many blocks from block i on lie one after the other.
  std::size_t run(std::size_t i) const noexcept { return (i < whole_count ? whole_count : count) - i; }
};

// One to three MACs under one key, as hmac_oneshot gives them, on the
// multi-stream block functions: at each block the messages that still have
// one, side by side, in runs as long as all of them lie one after the other.
inline void hmac_sha256_oneshot_each(const hmac_sha256_midstates& key, std::size_t streams,
                                     const char* const (&data)[3], const std::size_t (&size)[3],
                                     std::uint8_t* const (&mac)[3]) noexcept {
  hmac_sha256_message_blocks messages[3];
  sha256_midstate state[3] = {key.inner, key.inner, key.inner};  // copies: no string store to zero them first
  for (std::size_t k = 0; k < streams; ++k) messages[k].set(data[k], size[k]);
  for (std::size_t i = 0;;) {
    std::uint32_t* states[3] = {};
    const std::uint8_t* blocks[3] = {};
    std::size_t active = 0, run = 0;
    for (std::size_t k = 0; k < streams; ++k) {
      if (i >= messages[k].count) continue;
      run = active == 0 || messages[k].run(i) < run ? messages[k].run(i) : run;
      states[active] = state[k].h;
      blocks[active++] = messages[k].at(i);
    }
    if (active == 0) break;
    sha256_compress_each(states, blocks, active, run);
    i += run;
  }
  std::uint8_t outer[3][sha256_block_size];
  std::uint32_t* states[3] = {};
  const std::uint8_t* blocks[3] = {};
  for (std::size_t k = 0; k < streams; ++k) {
    std::memset(outer[k], 0, sha256_block_size);
    hmac_outer_block<sha256_traits>(outer[k], state[k].h);
    state[k] = key.outer;
    states[k] = state[k].h;
    blocks[k] = outer[k];
  }
  sha256_compress_each(states, blocks, streams, 1);
  for (std::size_t k = 0; k < streams; ++k) {
    store_digest<sha256_traits>(mac[k], state[k].h);
    wipe(state[k]);
    secure_wipe(outer[k], sha256_block_size);
  }
}

}  // namespace detail

// The midstates of `key`, for constant expressions and for callers that manage
// wiping themselves: hmac_precompute<sha512_traits>(key).
template <class Hash, class Byte>
constexpr hmac_midstates<Hash> hmac_precompute(const Byte* key, std::size_t key_size) noexcept {
  std::uint8_t block[Hash::block_size] = {};  // keys longer than a block are hashed (RFC 2104)
  if (key_size > Hash::block_size) {
    detail::hash_into<Hash>(block, key, key_size);
  } else {
    for (std::size_t i = 0; i < key_size; ++i) block[i] = static_cast<std::uint8_t>(key[i]);
  }

  // The inner pad, then the outer one: one loop, so one copy of the code.
  hmac_midstates<Hash> m{};
  std::uint8_t pad = 0x36;
  for (typename Hash::midstate* state : {&m.inner, &m.outer}) {
    for (std::uint8_t& b : block) b ^= pad;
    for (unsigned i = 0; i < 8; ++i) state->h[i] = Hash::initial[i];
    Hash::compress(state->h, block, 1);
    pad = 0x36 ^ 0x5c;  // undoes the inner pad and applies the outer one
  }
  wipe(block);
  return m;
}

template <class Hash>
constexpr hmac_midstates<Hash> hmac_precompute(std::string_view key) noexcept {
  return hmac_precompute<Hash>(key.data(), key.size());
}

constexpr hmac_sha256_midstates hmac_sha256_precompute(std::string_view key) noexcept {
  return hmac_precompute<sha256_traits>(key);
}
constexpr hmac_sha256_midstates hmac_sha256_precompute(const std::uint8_t* key, std::size_t key_size) noexcept {
  return hmac_precompute<sha256_traits>(key, key_size);
}

// Streaming HMAC over a precomputed key. Trivially copyable, no heap; sizeof
// 136 bytes for SHA-256, 264 for SHA-384 and SHA-512; finish() wipes the context.
template <class Hash>
class hmac_hasher {
 public:
  constexpr explicit hmac_hasher(const hmac_midstates<Hash>& key) noexcept
      : inner_(key.inner, Hash::block_size), outer_(key.outer) {}

  constexpr void update(std::string_view data) noexcept { inner_.update(data); }
  constexpr void update(const std::uint8_t* data, std::size_t size) noexcept { inner_.update(data, size); }
  constexpr void update(const char* data, std::size_t size) noexcept { inner_.update(data, size); }

  constexpr hash_digest<Hash> finish() noexcept {
    hash_digest<Hash> inner_digest = inner_.finish();
    detail::continue_to_end<Hash>(outer_.h, Hash::block_size, inner_digest.data(), Hash::digest_size);
    hash_digest<Hash> mac{};
    detail::store_digest<Hash>(mac.data(), outer_.h);
    wipe(inner_digest);
    wipe(outer_);
    return mac;
  }

 private:
  detail::sha2_hasher<Hash> inner_;
  typename Hash::midstate outer_;
};

using hmac_sha256_hasher = hmac_hasher<sha256_traits>;
using hmac_sha384_hasher = hmac_hasher<sha384_traits>;
using hmac_sha512_hasher = hmac_hasher<sha512_traits>;

// One-shot HMAC, over midstates or over the key itself.
template <class Hash>
constexpr hash_digest<Hash> hmac(const hmac_midstates<Hash>& key, std::string_view message) noexcept {
  hash_digest<Hash> mac{};
  detail::hmac_oneshot(key, message.data(), message.size(), mac.data());
  return mac;
}

template <class Hash>
constexpr hash_digest<Hash> hmac(std::string_view key, std::string_view message) noexcept {
  hmac_midstates<Hash> midstates = hmac_precompute<Hash>(key);
  const hash_digest<Hash> mac = hmac(midstates, message);
  wipe(midstates);
  return mac;
}

constexpr sha256_digest hmac_sha256(const hmac_sha256_midstates& key, std::string_view message) noexcept {
  return hmac(key, message);
}
constexpr sha256_digest hmac_sha256(std::string_view key, std::string_view message) noexcept {
  return hmac<sha256_traits>(key, message);
}
constexpr sha384_digest hmac_sha384(const hmac_sha384_midstates& key, std::string_view message) noexcept {
  return hmac(key, message);
}
constexpr sha384_digest hmac_sha384(std::string_view key, std::string_view message) noexcept {
  return hmac<sha384_traits>(key, message);
}
constexpr sha512_digest hmac_sha512(const hmac_sha512_midstates& key, std::string_view message) noexcept {
  return hmac(key, message);
}
constexpr sha512_digest hmac_sha512(std::string_view key, std::string_view message) noexcept {
  return hmac<sha512_traits>(key, message);
}

// An HMAC key for run-time use: the midstates and the secret's length
// (public, and needed for the minimum-length policy), wiped on destruction.
// Copies are explicit (clone()); a moved-from key is left wiped and empty.
template <class Hash>
class hmac_key {
 public:
  explicit hmac_key(std::string_view secret) noexcept
      : midstates_(hmac_precompute<Hash>(secret)), secret_size_(secret.size()) {}
  hmac_key(const std::uint8_t* secret, std::size_t size) noexcept
      : midstates_(hmac_precompute<Hash>(secret, size)), secret_size_(size) {}

  hmac_key(hmac_key&& other) noexcept : hmac_key(other) { other.clear(); }
  hmac_key& operator=(hmac_key&& other) noexcept {
    if (this != &other) {
      midstates_ = other.midstates_;
      secret_size_ = other.secret_size_;
      other.clear();
    }
    return *this;
  }
  ~hmac_key() { clear(); }

  hmac_key clone() const noexcept { return hmac_key(*this); }

  const hmac_midstates<Hash>& midstates() const noexcept { return midstates_; }
  std::size_t secret_size() const noexcept { return secret_size_; }

  hash_digest<Hash> mac(std::string_view message) const noexcept { return hmac(midstates_, message); }

 private:
  hmac_key(const hmac_key& other) noexcept : midstates_(other.midstates_), secret_size_(other.secret_size_) {}
  void clear() noexcept {
    wipe(midstates_);
    secret_size_ = 0;
  }

  hmac_midstates<Hash> midstates_;
  std::size_t secret_size_;
};

// A class rather than an alias, so that code which names the type the key
// had before the template (a destructor call p->~hmac_sha256_key()) compiles.
class hmac_sha256_key : public hmac_key<sha256_traits> {
 public:
  using hmac_key::hmac_key;
  hmac_sha256_key(hmac_key&& other) noexcept : hmac_key(static_cast<hmac_key&&>(other)) {}
};
using hmac_sha384_key = hmac_key<sha384_traits>;
using hmac_sha512_key = hmac_key<sha512_traits>;

}  // namespace jwtcore

#endif  // JWTCORE_HMAC_HPP
