// jwtcore/detail/sha512_portable.hpp: the SHA-512 block function (SHA-384
// shares it) in plain constexpr C++, rolled (smallest) and unrolled (fastest):
// the reference the vector and hardware kernels are tested against. The 64-bit
// words are only shifted, rotated, added and combined bitwise, so a 32-bit
// target links no runtime helper. No data-indexed table or branch.
#ifndef JWTCORE_DETAIL_SHA512_PORTABLE_HPP
#define JWTCORE_DETAIL_SHA512_PORTABLE_HPP

#include <cstddef>  // std::size_t
#include <cstdint>  // fixed-width integers
#include <cstring>  // std::memcpy, the unrolled kernel's run-time word load
#include <utility>  // std::index_sequence, which unrolls the unrolled kernel

#include "../bytes.hpp"

namespace jwtcore {

inline constexpr std::size_t sha512_block_size = 128;

namespace detail {

inline constexpr std::uint64_t sha512_initial[8] = {0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b,
                                                    0xa54ff53a5f1d36f1, 0x510e527fade682d1, 0x9b05688c2b3e6c1f,
                                                    0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};

// SHA-384 is SHA-512 from other initial words, cut to six of them.
inline constexpr std::uint64_t sha384_initial[8] = {0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17,
                                                    0x152fecd8f70e5939, 0x67332667ffc00b31, 0x8eb44a8768581511,
                                                    0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4};

inline constexpr std::uint64_t sha512_round_constants[80] = {
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc, 0x3956c25bf348b538,
    0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242, 0x12835b0145706fbe,
    0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2, 0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235,
    0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
    0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5, 0x983e5152ee66dfab,
    0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
    0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df, 0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
    0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218,
    0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8, 0x19a4c116b8d2d0c8, 0x1e376c085141ab53,
    0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b, 0xca273eceea26619c,
    0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba, 0x0a637dc5a2c898a6,
    0x113f9804bef90dae, 0x1b710b35131c471b, 0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817};

constexpr std::uint64_t rotr64(std::uint64_t x, unsigned n) noexcept { return (x >> n) | (x << (64u - n)); }

// Byte is char or std::uint8_t: constant expressions cannot reinterpret one as the other.
template <class Byte>
constexpr std::uint64_t load_be64(const Byte* p) noexcept {
  std::uint64_t v = 0;
  for (unsigned i = 0; i < 8; ++i) v = v << 8 | static_cast<std::uint8_t>(p[i]);
  return v;
}

template <class Byte>
constexpr void store_be64(Byte* p, std::uint64_t v) noexcept {
  for (unsigned i = 0; i < 8; ++i) p[i] = static_cast<Byte>(v >> (56 - 8 * i));
}

// Compilers keep the unrolled kernel's pieces out of line and pass the
// working variables through memory unless they are told to inline them.
#if defined(__GNUC__) || defined(__clang__)
#  define JWTCORE_SHA512_INLINE __attribute__((always_inline)) inline
#else
#  define JWTCORE_SHA512_INLINE inline
#endif

// One round. The caller rotates the roles of the eight words instead of
// moving them, so only d and h change here. Ch and Maj take three operations
// each (Maj's a ^ b is the next round's b ^ c, which compilers keep), and
// Sigma1(e), the end of the longest chain, is added last.
JWTCORE_SHA512_INLINE constexpr void sha512_round(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t& d,
                                                  std::uint64_t e, std::uint64_t f, std::uint64_t g, std::uint64_t& h,
                                                  std::uint64_t k_plus_w) noexcept {
  const std::uint64_t t1 = h + k_plus_w + (((f ^ g) & e) ^ g) + (rotr64(e, 14) ^ rotr64(e, 18) ^ rotr64(e, 41));
  const std::uint64_t t2 = (rotr64(a, 28) ^ rotr64(a, 34) ^ rotr64(a, 39)) + (((a ^ b) & (b ^ c)) ^ b);
  d += t1;
  h = t1 + t2;
}

// Message word t (t >= 16) of the schedule kept as a ring of 16 words, where
// it replaces word t - 16. Each sigma rotates a rotation, which saves a copy
// where rotations overwrite their operand (x86-64 without BMI2).
JWTCORE_SHA512_INLINE constexpr std::uint64_t sha512_next_word(std::uint64_t* w, unsigned t) noexcept {
  const std::uint64_t w15 = w[(t - 15) & 15], w2 = w[(t - 2) & 15];
  return w[t & 15] += (rotr64(rotr64(w15, 7) ^ w15, 1) ^ (w15 >> 7)) + w[(t - 7) & 15] +
                      (rotr64(rotr64(w2, 42) ^ w2, 19) ^ (w2 >> 6));
}

// The rolled kernel (the size-first choice): one round a step, the working
// variables in an array rotated by one each round.
template <class Byte>
constexpr void sha512_compress_rolled(std::uint64_t* state, const Byte* blocks, std::size_t count) noexcept {
  std::uint64_t w[16] = {};
  std::uint64_t v[8] = {};  // a, b, c, d, e, f, g, h
  for (; count > 0; --count, blocks += sha512_block_size) {
    for (unsigned i = 0; i < 8; ++i) v[i] = state[i];
    for (unsigned t = 0; t < 80; ++t) {
      const std::uint64_t word = t < 16 ? (w[t] = load_be64(blocks + 8 * t)) : sha512_next_word(w, t);
      sha512_round(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], sha512_round_constants[t] + word);
      const std::uint64_t new_a = v[7];
      for (unsigned i = 7; i > 0; --i) v[i] = v[i - 1];
      v[0] = new_a;
    }
    for (unsigned i = 0; i < 8; ++i) state[i] += v[i];
  }
  wipe(w);  // both hold key-derived words when HMAC keys are set up
  wipe(v);
}

// A big-endian word of the message: at run time on little-endian GCC and
// clang one load and a byte swap, which GCC does not make of load_be64's shifts.
template <class Byte>
JWTCORE_SHA512_INLINE constexpr std::uint64_t sha512_load_word(const Byte* p) noexcept {
#if (defined(__GNUC__) || defined(__clang__)) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (!detail::is_constant_evaluated()) {
    std::uint64_t little_endian = 0;
    std::memcpy(&little_endian, p, sizeof little_endian);
    return __builtin_bswap64(little_endian);
  }
#endif
  return load_be64(p);
}

// Message word T of the block being compressed, in place in the ring w: the
// template argument makes every ring index a constant.
template <unsigned T, class Byte>
JWTCORE_SHA512_INLINE constexpr std::uint64_t sha512_word(std::uint64_t* w, const Byte* block) noexcept {
  if constexpr (T < 16) {
    return w[T] = sha512_load_word(block + 8 * T);
  } else {
    return sha512_next_word(w, T);
  }
}

// Rounds T .. T + 7 of the unrolled kernel; after eight rounds the roles are
// back where they started.
template <unsigned T, class Byte>
JWTCORE_SHA512_INLINE constexpr void sha512_eight_rounds(std::uint64_t* v, std::uint64_t* w,
                                                         const Byte* block) noexcept {
  const std::uint64_t* k = sha512_round_constants + T;
  sha512_round(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], k[0] + sha512_word<T + 0>(w, block));
  sha512_round(v[7], v[0], v[1], v[2], v[3], v[4], v[5], v[6], k[1] + sha512_word<T + 1>(w, block));
  sha512_round(v[6], v[7], v[0], v[1], v[2], v[3], v[4], v[5], k[2] + sha512_word<T + 2>(w, block));
  sha512_round(v[5], v[6], v[7], v[0], v[1], v[2], v[3], v[4], k[3] + sha512_word<T + 3>(w, block));
  sha512_round(v[4], v[5], v[6], v[7], v[0], v[1], v[2], v[3], k[4] + sha512_word<T + 4>(w, block));
  sha512_round(v[3], v[4], v[5], v[6], v[7], v[0], v[1], v[2], k[5] + sha512_word<T + 5>(w, block));
  sha512_round(v[2], v[3], v[4], v[5], v[6], v[7], v[0], v[1], k[6] + sha512_word<T + 6>(w, block));
  sha512_round(v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[0], k[7] + sha512_word<T + 7>(w, block));
}

template <class Byte, std::size_t... Octet>
JWTCORE_SHA512_INLINE constexpr void sha512_unrolled_block(std::uint64_t* state, std::uint64_t* w, const Byte* block,
                                                           std::index_sequence<Octet...>) noexcept {
  std::uint64_t v[8] = {state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7]};
  (sha512_eight_rounds<static_cast<unsigned>(8 * Octet)>(v, w, block), ...);
  for (unsigned i = 0; i < 8; ++i) state[i] += v[i];
}

// The unrolled kernel (the default choice): the same rounds as
// straight-line code.
template <class Byte>
constexpr void sha512_compress_unrolled(std::uint64_t* state, const Byte* blocks, std::size_t count) noexcept {
  std::uint64_t w[16] = {};
  for (; count > 0; --count, blocks += sha512_block_size) {
    sha512_unrolled_block(state, w, blocks, std::make_index_sequence<10>());
  }
  wipe(w);  // the schedule holds key-derived words when HMAC keys are set up
}

template <class Byte>
constexpr void sha512_compress_portable(std::uint64_t* state, const Byte* blocks, std::size_t count) noexcept {
  if constexpr (!size_first) {
    sha512_compress_unrolled(state, blocks, count);
  } else {
    sha512_compress_rolled(state, blocks, count);
  }
}

}  // namespace detail
}  // namespace jwtcore

#undef JWTCORE_SHA512_INLINE

#endif  // JWTCORE_DETAIL_SHA512_PORTABLE_HPP
