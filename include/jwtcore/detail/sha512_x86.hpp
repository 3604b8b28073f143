// jwtcore/detail/sha512_x86.hpp: the SHA-512 block function with the message
// schedule in AVX registers, two words at a time, beside the portable scalar
// rounds, whose rotations BMI2's rorx does without copies (with SSE's
// two-operand forms, or without rorx, the copies eat what the vectors save).
// Under its own target attribute; detail/dispatch.hpp calls it only on a CPU
// and OS with AVX and BMI2.
#ifndef JWTCORE_DETAIL_SHA512_X86_HPP
#define JWTCORE_DETAIL_SHA512_X86_HPP

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))

#include <tmmintrin.h>  // SSSE3 and SSE2 intrinsics (VEX-encoded under the target attribute)

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t, std::uint64_t
#include <utility>  // std::index_sequence, which unrolls the rounds

#include "sha512_portable.hpp"  // the round constants and the scalar round

// Defined for this file only: every function that executes these instructions.
#define JWTCORE_AVX_FUNCTION __attribute__((target("avx,bmi2")))
#define JWTCORE_AVX_INLINE __attribute__((target("avx,bmi2"), always_inline)) inline

namespace jwtcore {
namespace detail {

JWTCORE_AVX_INLINE __m128i avx_rotr64(__m128i x, int n) {
  return _mm_or_si128(_mm_srli_epi64(x, n), _mm_slli_epi64(x, 64 - n));
}

// Message words 2J and 2J + 1 into w[J % 8] (the ring of the last sixteen),
// and the same plus their round constants into k_plus_w, where the rounds read them.
template <unsigned J>
JWTCORE_AVX_INLINE void avx_two_words(__m128i* w, std::uint64_t* k_plus_w, const std::uint8_t* block) {
  __m128i& current = w[J % 8];
  if constexpr (J < 8) {
    const __m128i big_endian = _mm_set_epi64x(0x08090a0b0c0d0e0fLL, 0x0001020304050607LL);
    current = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * J)), big_endian);
  } else {
    // W[t-16..t-15] is `current`; alignr picks W[t-15..t-14] and W[t-7..t-6].
    const __m128i w15 = _mm_alignr_epi8(w[(J + 1) % 8], current, 8);
    const __m128i w7 = _mm_alignr_epi8(w[(J + 5) % 8], w[(J + 4) % 8], 8);
    const __m128i w2 = w[(J + 7) % 8];
    const __m128i s0 = _mm_xor_si128(_mm_xor_si128(avx_rotr64(w15, 1), avx_rotr64(w15, 8)), _mm_srli_epi64(w15, 7));
    const __m128i s1 = _mm_xor_si128(_mm_xor_si128(avx_rotr64(w2, 19), avx_rotr64(w2, 61)), _mm_srli_epi64(w2, 6));
    current = _mm_add_epi64(_mm_add_epi64(current, s0), _mm_add_epi64(w7, s1));
  }
  const __m128i k = _mm_loadu_si128(reinterpret_cast<const __m128i*>(sha512_round_constants + 2 * J));
  _mm_store_si128(reinterpret_cast<__m128i*>(k_plus_w + 2 * (J % 8)), _mm_add_epi64(current, k));
}

// Rounds T .. T + 7, each pair followed by the two words 16 further on, into
// the slots the pair emptied; after eight rounds the roles are back where they started.
template <unsigned T>
JWTCORE_AVX_INLINE void avx_eight_rounds(std::uint64_t& a, std::uint64_t& b, std::uint64_t& c, std::uint64_t& d,
                                         std::uint64_t& e, std::uint64_t& f, std::uint64_t& g, std::uint64_t& h,
                                         __m128i* w, std::uint64_t* k_plus_w, const std::uint8_t* block) {
  constexpr bool more_words = T + 16 < 80;
  sha512_rounds::round(a, b, c, d, e, f, g, h, k_plus_w[T % 16]);
  sha512_rounds::round(h, a, b, c, d, e, f, g, k_plus_w[(T + 1) % 16]);
  if constexpr (more_words) avx_two_words<T / 2 + 8>(w, k_plus_w, block);
  sha512_rounds::round(g, h, a, b, c, d, e, f, k_plus_w[(T + 2) % 16]);
  sha512_rounds::round(f, g, h, a, b, c, d, e, k_plus_w[(T + 3) % 16]);
  if constexpr (more_words) avx_two_words<T / 2 + 9>(w, k_plus_w, block);
  sha512_rounds::round(e, f, g, h, a, b, c, d, k_plus_w[(T + 4) % 16]);
  sha512_rounds::round(d, e, f, g, h, a, b, c, k_plus_w[(T + 5) % 16]);
  if constexpr (more_words) avx_two_words<T / 2 + 10>(w, k_plus_w, block);
  sha512_rounds::round(c, d, e, f, g, h, a, b, k_plus_w[(T + 6) % 16]);
  sha512_rounds::round(b, c, d, e, f, g, h, a, k_plus_w[(T + 7) % 16]);
  if constexpr (more_words) avx_two_words<T / 2 + 11>(w, k_plus_w, block);
}

template <std::size_t... J, std::size_t... R>
JWTCORE_AVX_INLINE void avx_block(std::uint64_t* state, __m128i* w, std::uint64_t* k_plus_w, const std::uint8_t* block,
                                  std::index_sequence<J...>, std::index_sequence<R...>) {
  (avx_two_words<static_cast<unsigned>(J)>(w, k_plus_w, block), ...);
  std::uint64_t a = state[0], b = state[1], c = state[2], d = state[3];
  std::uint64_t e = state[4], f = state[5], g = state[6], h = state[7];
  (avx_eight_rounds<static_cast<unsigned>(8 * R)>(a, b, c, d, e, f, g, h, w, k_plus_w, block), ...);
  state[0] += a, state[1] += b, state[2] += c, state[3] += d;
  state[4] += e, state[5] += f, state[6] += g, state[7] += h;
}

// The words it stores for the rounds are wiped.
JWTCORE_ENTRY_POINT JWTCORE_AVX_FUNCTION void sha512_compress_avx(std::uint64_t* state, const std::uint8_t* blocks,
                                                                  std::size_t count) noexcept {
  __m128i w[8];
  alignas(16) std::uint64_t k_plus_w[16];
  for (; count > 0; --count, blocks += sha512_block_size) {
    avx_block(state, w, k_plus_w, blocks, std::make_index_sequence<8>(), std::make_index_sequence<10>());
  }
  wipe(k_plus_w);
}

}  // namespace detail
}  // namespace jwtcore

#undef JWTCORE_AVX_FUNCTION
#undef JWTCORE_AVX_INLINE

#endif  // x86-64 with GCC or clang
#endif  // JWTCORE_DETAIL_SHA512_X86_HPP
