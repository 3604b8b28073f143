// jwtcore/sha512.hpp: SHA-512 and SHA-384 (FIPS 180-4) that work in constant
// expressions, in the shape of sha256.hpp. At run time every block goes
// through the kernel detail/dispatch.hpp chose.
#ifndef JWTCORE_SHA512_HPP
#define JWTCORE_SHA512_HPP

#include <array>        // std::array, the digest types
#include <cstddef>      // std::size_t
#include <cstdint>      // fixed-width integers
#include <string_view>  // the one-shot convenience

#include "bytes.hpp"
#include "detail/dispatch.hpp"
#include "detail/sha512_portable.hpp"

namespace jwtcore {

inline constexpr std::size_t sha512_digest_size = 64;
inline constexpr std::size_t sha384_digest_size = 48;
using sha512_digest = std::array<std::uint8_t, sha512_digest_size>;
using sha384_digest = std::array<std::uint8_t, sha384_digest_size>;

// The eight chaining words after a whole number of blocks, of SHA-512 or SHA-384.
struct sha512_midstate {
  std::uint64_t h[8] = {};
};

constexpr void wipe(sha512_midstate& m) noexcept { wipe(m.h); }

namespace detail {

// The block function of every SHA-512 and SHA-384 path: portable in constant expressions.
template <class Byte>
constexpr void sha512_compress(std::uint64_t* state, const Byte* blocks, std::size_t count) noexcept {
  if (is_constant_evaluated()) {
    sha512_compress_portable(state, blocks, count);
  } else {
    sha512_run_kernel(active_sha512_kernel(), state, reinterpret_cast<const std::uint8_t*>(blocks), count);
  }
}

}  // namespace detail

// Streaming SHA-512 (DigestSize 64) or SHA-384 (DigestSize 48). Caller-owned
// and trivially copyable (copy it to fork a hash mid-stream); sizeof is 200
// bytes on every target; no heap. finish() wipes the context, after which it
// must be reset() before reuse.
template <std::size_t DigestSize>
class sha512_family_hasher {
  static_assert(DigestSize == sha512_digest_size || DigestSize == sha384_digest_size);
  static constexpr const std::uint64_t* initial =
      DigestSize == sha512_digest_size ? detail::sha512_initial : detail::sha384_initial;

  // Defined first: clang will not evaluate a member template in a constant
  // expression before the point where it is defined.
  template <class Byte>
  constexpr void absorb(const Byte* data, std::size_t size) noexcept {
    std::size_t used = static_cast<std::size_t>(length_ & (sha512_block_size - 1));
    length_ += size;
    if (used != 0) {
      while (size > 0 && used < sha512_block_size) {
        buffer_[used++] = static_cast<std::uint8_t>(*data++);
        --size;
      }
      if (used < sha512_block_size) return;
      detail::sha512_compress(state_, buffer_, 1);
    }
    const std::size_t whole_blocks = size / sha512_block_size;
    if (whole_blocks > 0) {
      detail::sha512_compress(state_, data, whole_blocks);
      data += whole_blocks * sha512_block_size;
      size -= whole_blocks * sha512_block_size;
    }
    for (std::size_t i = 0; i < size; ++i) buffer_[i] = static_cast<std::uint8_t>(data[i]);
  }

 public:
  using digest = std::array<std::uint8_t, DigestSize>;

  constexpr sha512_family_hasher() noexcept { reset(); }

  // Resumes from a midstate after `bytes_absorbed` bytes (a multiple of 128).
  constexpr sha512_family_hasher(const sha512_midstate& midstate, std::uint64_t bytes_absorbed) noexcept
      : length_(bytes_absorbed) {
    for (unsigned i = 0; i < 8; ++i) state_[i] = midstate.h[i];
  }

  constexpr void reset() noexcept {
    for (unsigned i = 0; i < 8; ++i) state_[i] = initial[i];
    length_ = 0;
  }

  constexpr void update(std::string_view data) noexcept { absorb(data.data(), data.size()); }
  constexpr void update(const std::uint8_t* data, std::size_t size) noexcept { absorb(data, size); }
  constexpr void update(const char* data, std::size_t size) noexcept { absorb(data, size); }

  // The length field is 128 bits: the byte count times 8, its top three bits
  // carried into the upper word by a shift, not a 128-bit multiplication.
  constexpr digest finish() noexcept {
    std::size_t used = static_cast<std::size_t>(length_ & (sha512_block_size - 1));
    buffer_[used++] = 0x80;
    if (used > sha512_block_size - 16) {
      while (used < sha512_block_size) buffer_[used++] = 0;
      detail::sha512_compress(state_, buffer_, 1);
      used = 0;
    }
    while (used < sha512_block_size - 16) buffer_[used++] = 0;
    detail::store_be64(buffer_ + sha512_block_size - 16, length_ >> 61);
    detail::store_be64(buffer_ + sha512_block_size - 8, length_ << 3);
    detail::sha512_compress(state_, buffer_, 1);

    digest out{};
    for (unsigned i = 0; i < DigestSize / 8; ++i) detail::store_be64(out.data() + 8 * i, state_[i]);
    wipe(state_);
    wipe(buffer_);
    length_ = 0;
    return out;
  }

  // The chaining state; meaningful only when a whole number of blocks was absorbed.
  constexpr sha512_midstate midstate() const noexcept {
    sha512_midstate m{};
    for (unsigned i = 0; i < 8; ++i) m.h[i] = state_[i];
    return m;
  }
  constexpr std::uint64_t bytes_absorbed() const noexcept { return length_; }

 private:
  std::uint64_t state_[8] = {};
  std::uint8_t buffer_[sha512_block_size] = {};
  std::uint64_t length_ = 0;
};

using sha512_hasher = sha512_family_hasher<sha512_digest_size>;
using sha384_hasher = sha512_family_hasher<sha384_digest_size>;

namespace detail {
template <class Hasher, class Byte>
constexpr typename Hasher::digest hash_once(const Byte* data, std::size_t size) noexcept {
  Hasher hasher;
  hasher.update(data, size);
  return hasher.finish();
}
}  // namespace detail

// One-shot SHA-512 and SHA-384.
constexpr sha512_digest sha512(std::string_view data) noexcept {
  return detail::hash_once<sha512_hasher>(data.data(), data.size());
}
constexpr sha512_digest sha512(const std::uint8_t* data, std::size_t size) noexcept {
  return detail::hash_once<sha512_hasher>(data, size);
}
constexpr sha384_digest sha384(std::string_view data) noexcept {
  return detail::hash_once<sha384_hasher>(data.data(), data.size());
}
constexpr sha384_digest sha384(const std::uint8_t* data, std::size_t size) noexcept {
  return detail::hash_once<sha384_hasher>(data, size);
}

}  // namespace jwtcore

#endif  // JWTCORE_SHA512_HPP
