// jwtcore/detail/sha256_portable.hpp: the SHA-256 block function in plain
// constexpr C++, rolled (smallest) and unrolled (fastest): the reference the
// hardware kernels are tested against. No data-indexed table or branch.
#ifndef JWTCORE_DETAIL_SHA256_PORTABLE_HPP
#define JWTCORE_DETAIL_SHA256_PORTABLE_HPP

#include <cstddef>  // std::size_t
#include <cstdint>  // fixed-width integers
#include <cstring>  // std::memcpy, the unrolled kernel's run-time word load
#include <utility>  // std::index_sequence, which unrolls the rounds

#include "../bytes.hpp"

namespace jwtcore {

inline constexpr std::size_t sha256_block_size = 64;

namespace detail {

inline constexpr std::uint32_t sha256_initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                                    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

// Aligned so that vector kernels load four at a time with aligned loads.
alignas(16) inline constexpr std::uint32_t sha256_round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::uint32_t rotr32(std::uint32_t x, unsigned n) noexcept { return (x >> n) | (x << (32u - n)); }

// Byte is char or std::uint8_t: constant expressions cannot reinterpret one as the other.
template <class Byte>
constexpr std::uint32_t load_be32(const Byte* p) noexcept {
  return static_cast<std::uint32_t>(static_cast<std::uint8_t>(p[0])) << 24 |
         static_cast<std::uint32_t>(static_cast<std::uint8_t>(p[1])) << 16 |
         static_cast<std::uint32_t>(static_cast<std::uint8_t>(p[2])) << 8 |
         static_cast<std::uint32_t>(static_cast<std::uint8_t>(p[3]));
}

template <class Byte>
constexpr void store_be32(Byte* p, std::uint32_t v) noexcept {
  p[0] = static_cast<Byte>(v >> 24);
  p[1] = static_cast<Byte>(v >> 16);
  p[2] = static_cast<Byte>(v >> 8);
  p[3] = static_cast<Byte>(v);
}

// Ch and Maj as FIPS 180-4 writes them: the forms one operation shorter
// lengthen each round's chain of dependent operations, which made the unrolled
// kernel much slower.
constexpr std::uint32_t sha256_choose(std::uint32_t e, std::uint32_t f, std::uint32_t g) noexcept {
  return (e & f) ^ (~e & g);
}
constexpr std::uint32_t sha256_majority(std::uint32_t a, std::uint32_t b, std::uint32_t c) noexcept {
  return (a & b) ^ (a & c) ^ (b & c);
}

// The unrolled kernel is only fast as one function: compilers otherwise keep
// pieces out of line and pass the working variables through memory.
#if defined(__GNUC__) || defined(__clang__)
#  define JWTCORE_SHA256_UNROLLED_INLINE __attribute__((always_inline)) inline
#else
#  define JWTCORE_SHA256_UNROLLED_INLINE inline
#endif

// The message schedule kept as a ring of 16 words: word t (t >= 16) replaces word t - 16.
JWTCORE_SHA256_UNROLLED_INLINE constexpr std::uint32_t sha256_next_word_inline(std::uint32_t* w, unsigned t) noexcept {
  const std::uint32_t w15 = w[(t - 15) & 15], w2 = w[(t - 2) & 15];
  const std::uint32_t s0 = rotr32(w15, 7) ^ rotr32(w15, 18) ^ (w15 >> 3);
  const std::uint32_t s1 = rotr32(w2, 17) ^ rotr32(w2, 19) ^ (w2 >> 10);
  return w[t & 15] += s0 + w[(t - 7) & 15] + s1;
}
constexpr std::uint32_t sha256_next_word(std::uint32_t* w, unsigned t) noexcept {
  return sha256_next_word_inline(w, t);
}

// The rolled kernel: one round a step, the working variables in an array that
// shifts down by one each round; the smallest code.
template <class Byte>
constexpr void sha256_compress_rolled(std::uint32_t* state, const Byte* blocks, std::size_t count) noexcept {
  std::uint32_t w[16] = {};
  std::uint32_t v[8] = {};  // a, b, c, d, e, f, g, h
  for (; count > 0; --count, blocks += sha256_block_size) {
    for (unsigned i = 0; i < 8; ++i) v[i] = state[i];
    for (unsigned t = 0; t < 64; ++t) {
      const std::uint32_t word = t < 16 ? (w[t] = load_be32(blocks + 4 * t)) : sha256_next_word(w, t);
      const std::uint32_t a = v[0], e = v[4];
      const std::uint32_t t1 = v[7] + (rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25)) + sha256_choose(e, v[5], v[6]) +
                               sha256_round_constants[t] + word;
      const std::uint32_t t2 = (rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22)) + sha256_majority(a, v[1], v[2]);
      for (unsigned i = 7; i > 0; --i) v[i] = v[i - 1];
      v[4] += t1;
      v[0] = t1 + t2;
    }
    for (unsigned i = 0; i < 8; ++i) state[i] += v[i];
  }
  wipe(w);  // both hold key-derived words when HMAC keys are set up
  wipe(v);
}

// One round of the unrolled kernel. The caller rotates the roles of the eight
// words instead of moving them, so only d and h change here.
JWTCORE_SHA256_UNROLLED_INLINE constexpr void sha256_round(std::uint32_t a, std::uint32_t b, std::uint32_t c,
                                                           std::uint32_t& d, std::uint32_t e, std::uint32_t f,
                                                           std::uint32_t g, std::uint32_t& h,
                                                           std::uint32_t k_plus_w) noexcept {
  const std::uint32_t t1 = h + (rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25)) + sha256_choose(e, f, g) + k_plus_w;
  const std::uint32_t t2 = (rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22)) + sha256_majority(a, b, c);
  d += t1;
  h = t1 + t2;
}

// A big-endian message word: one load and a byte swap at run time on
// little-endian GCC and clang, which do not always see it in load_be32.
template <class Byte>
JWTCORE_SHA256_UNROLLED_INLINE constexpr std::uint32_t sha256_load_word(const Byte* p) noexcept {
#if (defined(__GNUC__) || defined(__clang__)) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (!is_constant_evaluated()) {
    std::uint32_t little_endian = 0;
    std::memcpy(&little_endian, p, sizeof little_endian);
    return __builtin_bswap32(little_endian);
  }
#endif
  return load_be32(p);
}

// Message word T, in place in the ring w: the template argument makes every
// ring index a constant, so no index arithmetic and no test of T is left.
template <unsigned T, class Byte>
JWTCORE_SHA256_UNROLLED_INLINE constexpr std::uint32_t sha256_word(std::uint32_t* w, const Byte* block) noexcept {
  if constexpr (T < 16) {
    return w[T] = sha256_load_word(block + 4 * T);
  } else {
    return sha256_next_word_inline(w, T);
  }
}

// Rounds T .. T + 7; after eight rounds the roles are back where they started.
template <unsigned T, class Byte>
JWTCORE_SHA256_UNROLLED_INLINE constexpr void sha256_eight_rounds(std::uint32_t& a, std::uint32_t& b, std::uint32_t& c,
                                                                  std::uint32_t& d, std::uint32_t& e, std::uint32_t& f,
                                                                  std::uint32_t& g, std::uint32_t& h, std::uint32_t* w,
                                                                  const Byte* block) noexcept {
  const std::uint32_t* k = sha256_round_constants + T;
  sha256_round(a, b, c, d, e, f, g, h, k[0] + sha256_word<T + 0>(w, block));
  sha256_round(h, a, b, c, d, e, f, g, k[1] + sha256_word<T + 1>(w, block));
  sha256_round(g, h, a, b, c, d, e, f, k[2] + sha256_word<T + 2>(w, block));
  sha256_round(f, g, h, a, b, c, d, e, k[3] + sha256_word<T + 3>(w, block));
  sha256_round(e, f, g, h, a, b, c, d, k[4] + sha256_word<T + 4>(w, block));
  sha256_round(d, e, f, g, h, a, b, c, k[5] + sha256_word<T + 5>(w, block));
  sha256_round(c, d, e, f, g, h, a, b, k[6] + sha256_word<T + 6>(w, block));
  sha256_round(b, c, d, e, f, g, h, a, k[7] + sha256_word<T + 7>(w, block));
}

template <class Byte, std::size_t... Octet>
JWTCORE_SHA256_UNROLLED_INLINE constexpr void sha256_unrolled_block(std::uint32_t* state, std::uint32_t* w,
                                                                    const Byte* block,
                                                                    std::index_sequence<Octet...>) noexcept {
  std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
  std::uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
  (sha256_eight_rounds<static_cast<unsigned>(8 * Octet)>(a, b, c, d, e, f, g, h, w, block), ...);
  state[0] += a, state[1] += b, state[2] += c, state[3] += d;
  state[4] += e, state[5] += f, state[6] += g, state[7] += h;
}

// The unrolled kernel: the same rounds as straight-line code, the schedule
// computed in place as the rounds need it.
template <class Byte>
constexpr void sha256_compress_unrolled(std::uint32_t* state, const Byte* blocks, std::size_t count) noexcept {
  std::uint32_t w[16] = {};
  for (; count > 0; --count, blocks += sha256_block_size) {
    sha256_unrolled_block(state, w, blocks, std::make_index_sequence<8>());
  }
  wipe(w);  // the schedule holds key-derived words when HMAC keys are set up
}

// The portable block function: absorbs `count` 64-byte blocks into `state`.
template <class Byte>
constexpr void sha256_compress_portable(std::uint32_t* state, const Byte* blocks, std::size_t count) noexcept {
  if constexpr (size_first) {
    sha256_compress_rolled(state, blocks, count);
  } else {
    sha256_compress_unrolled(state, blocks, count);
  }
}

}  // namespace detail
}  // namespace jwtcore

#undef JWTCORE_SHA256_UNROLLED_INLINE

#endif  // JWTCORE_DETAIL_SHA256_PORTABLE_HPP
