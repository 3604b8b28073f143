// jwtcore/sha512.hpp: SHA-512 and SHA-384 (FIPS 180-4) that work in constant
// expressions, on the hasher of sha256.hpp. At run time every block goes
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
#include "sha256.hpp"  // the streaming hasher

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
    sha2_compress_constant<sha512_rounds>(state, blocks, count);
  } else {
    sha512_run_kernel(active_sha512_kernel(), state, reinterpret_cast<const std::uint8_t*>(blocks), count);
  }
}

}  // namespace detail

struct sha512_traits {
  using word = std::uint64_t;
  using midstate = sha512_midstate;
  static constexpr std::size_t block_size = sha512_block_size, digest_size = sha512_digest_size, length_size = 16;
  static constexpr const word* initial = detail::sha512_initial;
  template <class Byte>
  static constexpr void compress(word* state, const Byte* blocks, std::size_t count) noexcept {
    detail::sha512_compress(state, blocks, count);
  }
};

struct sha384_traits : sha512_traits {
  static constexpr std::size_t digest_size = sha384_digest_size;
  static constexpr const word* initial = detail::sha384_initial;
};

// Streaming SHA-512 and SHA-384; sizeof is 200 bytes on every target.
using sha512_hasher = detail::sha2_hasher<sha512_traits>;
using sha384_hasher = detail::sha2_hasher<sha384_traits>;

// One-shot SHA-512 and SHA-384.
constexpr sha512_digest sha512(std::string_view data) noexcept {
  return detail::hash_once<sha512_traits>(data.data(), data.size());
}
constexpr sha512_digest sha512(const std::uint8_t* data, std::size_t size) noexcept {
  return detail::hash_once<sha512_traits>(data, size);
}
constexpr sha384_digest sha384(std::string_view data) noexcept {
  return detail::hash_once<sha384_traits>(data.data(), data.size());
}
constexpr sha384_digest sha384(const std::uint8_t* data, std::size_t size) noexcept {
  return detail::hash_once<sha384_traits>(data, size);
}

}  // namespace jwtcore

#endif  // JWTCORE_SHA512_HPP
