// jwtcore/sha256.hpp: SHA-256 (FIPS 180-4), also in constant expressions: the
// block function, the streaming hasher (one template, which sha512.hpp
// shares), the one-shot function. At run time every block goes through the
// kernel detail/dispatch.hpp chose.
#ifndef JWTCORE_SHA256_HPP
#define JWTCORE_SHA256_HPP

#include <array>        // std::array, the digest type
#include <cstddef>      // std::size_t
#include <cstdint>      // fixed-width integers
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

// What the streaming hasher needs to know of SHA-256; sha512.hpp describes
// SHA-512 and SHA-384 the same way.
struct sha256_family {
  using word = std::uint32_t;
  using midstate = sha256_midstate;
  static constexpr const word* initial(std::size_t) noexcept { return sha256_initial; }
  template <class Byte>
  static constexpr void compress(word* state, const Byte* blocks, std::size_t count) noexcept {
    sha256_compress(state, blocks, count);
  }
};

// Streaming SHA-2 of the family Hash, cut to DigestSize bytes. Caller-owned
// and trivially copyable (copy it to fork a hash mid-stream); no heap.
// finish() wipes the context, after which it must be reset() before reuse.
template <class Hash, std::size_t DigestSize>
class sha2_hasher {
  using word = typename Hash::word;
  static constexpr std::size_t block_size = 16 * sizeof(word);

  // Defined first: clang will not evaluate a member template in a constant
  // expression before the point where it is defined.
  template <class Byte>
  constexpr void absorb(const Byte* data, std::size_t size) noexcept {
    std::size_t used = static_cast<std::size_t>(length_ % block_size);
    length_ += size;
    if (used != 0) {
      while (size > 0 && used < block_size) {
        buffer_[used++] = static_cast<std::uint8_t>(*data++);
        --size;
      }
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
  using digest = std::array<std::uint8_t, DigestSize>;

  constexpr sha2_hasher() noexcept { reset(); }

  // Resumes from a midstate after `bytes_absorbed` bytes (a multiple of the block size).
  constexpr sha2_hasher(const typename Hash::midstate& midstate, std::uint64_t bytes_absorbed) noexcept
      : length_(bytes_absorbed) {
    for (unsigned i = 0; i < 8; ++i) state_[i] = midstate.h[i];
  }

  constexpr void reset() noexcept {
    for (unsigned i = 0; i < 8; ++i) state_[i] = Hash::initial(DigestSize)[i];
    length_ = 0;
  }

  constexpr void update(std::string_view data) noexcept { absorb(data.data(), data.size()); }
  constexpr void update(const std::uint8_t* data, std::size_t size) noexcept { absorb(data, size); }
  constexpr void update(const char* data, std::size_t size) noexcept { absorb(data, size); }

  // The length field is two words: the byte count times 8, for SHA-512 its
  // top three bits carried into the upper word by a shift, not a 128-bit product.
  constexpr digest finish() noexcept {
    std::size_t used = static_cast<std::size_t>(length_ % block_size);
    buffer_[used++] = 0x80;
    if (used > block_size - 2 * sizeof(word)) {
      while (used < block_size) buffer_[used++] = 0;
      Hash::compress(state_, buffer_, 1);
      used = 0;
    }
    while (used < block_size - 8) buffer_[used++] = 0;
    if constexpr (sizeof(word) == 8) detail::store_be(buffer_ + block_size - 16, length_ >> 61);
    detail::store_be(buffer_ + block_size - 8, length_ << 3);
    Hash::compress(state_, buffer_, 1);

    digest out{};
    for (unsigned i = 0; i < DigestSize / sizeof(word); ++i) detail::store_be(out.data() + sizeof(word) * i, state_[i]);
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

template <class Hasher, class Byte>
constexpr typename Hasher::digest hash_once(const Byte* data, std::size_t size) noexcept {
  Hasher hasher;
  hasher.update(data, size);
  return hasher.finish();
}

}  // namespace detail

// The SHA-256 kernel this process hashes with: "portable", "sha-ni" or
// "armv8" (JWTCORE_KERNEL_ENV in config.hpp forces one).
inline const char* sha256_kernel_name() noexcept { return detail::sha256_kernel_name(detail::active_kernels().sha256); }

// Streaming SHA-256; sizeof is 104 bytes on every target.
using sha256_hasher = detail::sha2_hasher<detail::sha256_family, sha256_digest_size>;

// One-shot SHA-256.
constexpr sha256_digest sha256(std::string_view data) noexcept {
  return detail::hash_once<sha256_hasher>(data.data(), data.size());
}
constexpr sha256_digest sha256(const std::uint8_t* data, std::size_t size) noexcept {
  return detail::hash_once<sha256_hasher>(data, size);
}

}  // namespace jwtcore

#endif  // JWTCORE_SHA256_HPP
