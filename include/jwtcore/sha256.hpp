// jwtcore/sha256.hpp: SHA-256 (FIPS 180-4), also in constant expressions: the
// block function, the padding and the streaming hasher (templates that
// sha512.hpp and hmac.hpp share), the one-shot function. At run time every
// block goes through the kernel detail/dispatch.hpp chose.
#ifndef JWTCORE_SHA256_HPP
#define JWTCORE_SHA256_HPP

#include <array>        // std::array, the digest type
#include <cstddef>      // std::size_t
#include <cstdint>      // fixed-width integers
#include <cstring>      // std::memcpy: wide stores and the tail at run time
#include <string_view>  // the one-shot convenience

#include "bytes.hpp"
#include "detail/dispatch.hpp"
#include "detail/sha256_portable.hpp"

namespace jwtcore {

inline constexpr std::size_t sha256_digest_size = 32;
using sha256_digest = std::array<std::uint8_t, sha256_digest_size>;

// The eight chaining words after a whole number of blocks: what HMAC keys keep
// so that the key blocks are hashed once, not once per message.
struct sha256_midstate {
  std::uint32_t h[8] = {};
};

constexpr void wipe(sha256_midstate& m) noexcept { wipe(m.h); }

template <class Hash>
using hash_digest = std::array<std::uint8_t, Hash::digest_size>;

namespace detail {

// The block function of every hashing path: portable in constant expressions.
template <class Byte>
constexpr void sha256_compress(std::uint32_t* state, const Byte* blocks, std::size_t count) noexcept {
  if (is_constant_evaluated()) {
    sha2_compress_constant<sha256_rounds>(state, blocks, count);
  } else {
    sha256_run_kernel(active_kernels().sha256, state, reinterpret_cast<const std::uint8_t*>(blocks), count);
  }
}

// Two sha256_compress calls on distinct states (the inputs may be the same),
// which hardware kernels interleave to keep more of the SHA units busy.
constexpr void sha256_compress_x2(std::uint32_t* state_a, const std::uint8_t* blocks_a, std::uint32_t* state_b,
                                  const std::uint8_t* blocks_b, std::size_t count) noexcept {
  if (is_constant_evaluated()) {
    sha2_compress_constant<sha256_rounds>(state_a, blocks_a, count);
    sha2_compress_constant<sha256_rounds>(state_b, blocks_b, count);
  } else {
    sha256_run_kernel_x2(active_kernels().sha256, state_a, blocks_a, state_b, blocks_b, count);
  }
}

// One to three sha256_compress calls on distinct states, at run time.
inline void sha256_compress_each(std::uint32_t* const (&states)[3], const std::uint8_t* const (&blocks)[3],
                                 std::size_t streams, std::size_t count) noexcept {
  const sha256_kernel kernel = active_kernels().sha256;
  if (streams == 3) return sha256_run_kernel_x3(kernel, states, blocks, count);
  if (streams == 2) return sha256_run_kernel_x2(kernel, states[0], blocks[0], states[1], blocks[1], count);
  sha256_run_kernel(kernel, states[0], blocks[0], count);
}

// A big-endian 64-bit word at out[0, 8), at run time in one store on
// little-endian GCC and clang: a hardware kernel's 16-byte load that spans
// several pending stores waits for all of them, so byte stores cost far more.
template <class Byte>
constexpr void store_be64_wide(Byte* out, std::uint64_t v) noexcept {
#if (defined(__GNUC__) || defined(__clang__)) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (!detail::is_constant_evaluated()) {
    const std::uint64_t bytes = __builtin_bswap64(v);
    std::memcpy(out, &bytes, 8);
    return;
  }
#endif
  for (unsigned i = 0; i < 8; ++i) out[i] = static_cast<Byte>(v >> (56 - 8 * i));
}

// The first digest_size bytes of `state`, big-endian, 8 bytes a store.
template <class Hash, class Byte>
constexpr void store_digest(Byte* out, const typename Hash::word* state) noexcept {
  if constexpr (sizeof(typename Hash::word) == 8) {
    for (unsigned i = 0; i < Hash::digest_size / 8; ++i) store_be64_wide(out + 8 * i, state[i]);
  } else {
    for (unsigned i = 0; i < Hash::digest_size / 4; i += 2) {
      store_be64_wide(out + 4 * i, std::uint64_t{state[i]} << 32 | state[i + 1]);
    }
  }
}

// The padded end of a message into last[0, 2 * block_size), zeros on entry:
// the bytes past its whole blocks, 0x80, the bit length of `absorbed` (whole
// blocks) plus `size` bytes. Returns the blocks to hash (1 or 2). Branches
// and indices depend on lengths only; shifts, not a multiplication helper.
template <class Hash, class Byte>
constexpr std::size_t pad_tail(std::uint8_t* last, std::uint64_t absorbed, const Byte* data,
                               std::size_t size) noexcept {
  const std::size_t tail = size & (Hash::block_size - 1), whole = size - tail;
  if (detail::is_constant_evaluated()) {
    for (std::size_t i = 0; i < tail; ++i) last[i] = static_cast<std::uint8_t>(data[whole + i]);
  } else if (tail != 0) {
    std::memcpy(last, data + whole, tail);
  }
  last[tail] = 0x80;
  const std::size_t blocks = tail + 1 + Hash::length_size > Hash::block_size ? 2 : 1;
  const std::uint64_t bytes = absorbed + size;
  std::uint8_t* end = last + blocks * Hash::block_size;
  if constexpr (Hash::length_size == 16) store_be64_wide(end - 16, bytes >> 61);
  store_be64_wide(end - 8, bytes << 3);
  return blocks;
}

// Continues a hash that has absorbed `absorbed` bytes (whole blocks) with
// data[0, size) and the padding: whole blocks hashed where they lie, the tail
// copied. Every hash ends here, so a small build links one copy of the padding.
template <class Hash, class Byte>
constexpr void continue_to_end(typename Hash::word* state, std::uint64_t absorbed, const Byte* data,
                               std::size_t size) noexcept {
  if (size >= Hash::block_size) Hash::compress(state, data, size / Hash::block_size);
  std::uint8_t last[2 * Hash::block_size] = {};
  const std::size_t blocks = pad_tail<Hash>(last, absorbed, data, size);
  Hash::compress(state, last, blocks);
  // The tail of a secret key or of a message, wiped a block at a time: a
  // constant size compiles to vector stores, the whole array to a string store.
  for (std::size_t i = 0; i < blocks; ++i) wipe(last + i * Hash::block_size, Hash::block_size);
}

// The one-shot hash of data[0, size), into out[0, digest_size) or returned.
template <class Hash, class Byte>
constexpr void hash_into(std::uint8_t* out, const Byte* data, std::size_t size) noexcept {
  typename Hash::word state[8] = {};
  for (unsigned i = 0; i < 8; ++i) state[i] = Hash::initial[i];
  continue_to_end<Hash>(state, 0, data, size);
  store_digest<Hash>(out, state);
  wipe(state);  // the digest of a long HMAC key is the key itself
}
template <class Hash, class Byte>
constexpr hash_digest<Hash> hash_once(const Byte* data, std::size_t size) noexcept {
  hash_digest<Hash> out{};
  hash_into<Hash>(out.data(), data, size);
  return out;
}

// Streaming SHA-2 of the hash Hash. Caller-owned and trivially copyable (copy
// it to fork a hash mid-stream); no heap. finish() wipes the context, after
// which it must be reset() before reuse.
template <class Hash>
class sha2_hasher {
  using word = typename Hash::word;
  static constexpr std::size_t block_size = Hash::block_size;

  // Defined first: clang will not evaluate a member template in a constant
  // expression before the point where it is defined.
  template <class Byte>
  constexpr void absorb(const Byte* data, std::size_t size) noexcept {
    std::size_t used = static_cast<std::size_t>(length_ % block_size);
    length_ += size;
    if (used != 0) {
      for (; size > 0 && used < block_size; --size) buffer_[used++] = static_cast<std::uint8_t>(*data++);
      if (used < block_size) return;
      Hash::compress(state_, buffer_, 1);
    }
    const std::size_t whole_blocks = size / block_size;
    if (whole_blocks > 0) {
      Hash::compress(state_, data, whole_blocks);
      data += whole_blocks * block_size;
      size -= whole_blocks * block_size;
    }
    for (std::size_t i = 0; i < size; ++i) buffer_[i] = static_cast<std::uint8_t>(data[i]);
  }

 public:
  using digest = hash_digest<Hash>;

  constexpr sha2_hasher() noexcept { reset(); }

  // Resumes from a midstate after `bytes_absorbed` bytes (a multiple of the block size).
  constexpr sha2_hasher(const typename Hash::midstate& midstate, std::uint64_t bytes_absorbed) noexcept
      : length_(bytes_absorbed) {
    for (unsigned i = 0; i < 8; ++i) state_[i] = midstate.h[i];
  }

  constexpr void reset() noexcept {
    for (unsigned i = 0; i < 8; ++i) state_[i] = Hash::initial[i];
    length_ = 0;
  }

  constexpr void update(std::string_view data) noexcept { absorb(data.data(), data.size()); }
  constexpr void update(const std::uint8_t* data, std::size_t size) noexcept { absorb(data, size); }
  constexpr void update(const char* data, std::size_t size) noexcept { absorb(data, size); }

  constexpr digest finish() noexcept {
    const std::size_t used = static_cast<std::size_t>(length_ % block_size);
    continue_to_end<Hash>(state_, length_ - used, buffer_, used);
    digest out{};
    store_digest<Hash>(out.data(), state_);
    wipe(state_);
    wipe(buffer_);
    length_ = 0;
    return out;
  }

  // The chaining state; meaningful only when a whole number of blocks was absorbed.
  constexpr typename Hash::midstate midstate() const noexcept {
    typename Hash::midstate m{};
    for (unsigned i = 0; i < 8; ++i) m.h[i] = state_[i];
    return m;
  }
  constexpr std::uint64_t bytes_absorbed() const noexcept { return length_; }

 private:
  word state_[8] = {};
  std::uint8_t buffer_[block_size] = {};
  std::uint64_t length_ = 0;
};

}  // namespace detail

// What the hashing and HMAC templates need to know of SHA-256; sha512.hpp
// describes SHA-512 and SHA-384 the same way. `length_size` is the bytes of
// the bit length that ends the padding.
struct sha256_traits {
  using word = std::uint32_t;
  using midstate = sha256_midstate;
  static constexpr std::size_t block_size = sha256_block_size, digest_size = sha256_digest_size, length_size = 8;
  static constexpr const word* initial = detail::sha256_initial;
  template <class Byte>
  static constexpr void compress(word* state, const Byte* blocks, std::size_t count) noexcept {
    detail::sha256_compress(state, blocks, count);
  }
};

// The SHA-256 kernel this process hashes with: "portable", "sha-ni" or
// "armv8" (JWTCORE_KERNEL_ENV in config.hpp forces one).
inline const char* sha256_kernel_name() noexcept { return detail::sha256_kernel_name(detail::active_kernels().sha256); }

// Streaming SHA-256; sizeof is 104 bytes on every target.
using sha256_hasher = detail::sha2_hasher<sha256_traits>;

// One-shot SHA-256.
constexpr sha256_digest sha256(std::string_view data) noexcept {
  return detail::hash_once<sha256_traits>(data.data(), data.size());
}
constexpr sha256_digest sha256(const std::uint8_t* data, std::size_t size) noexcept {
  return detail::hash_once<sha256_traits>(data, size);
}

}  // namespace jwtcore

#endif  // JWTCORE_SHA256_HPP
