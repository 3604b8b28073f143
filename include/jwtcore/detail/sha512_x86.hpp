// jwtcore/detail/sha512_x86.hpp: the SHA-512 block function with the message
// schedule in AVX registers, two words at a time, beside the portable kernel's
// scalar rounds. The function carries its own target attribute, so users need
// no -m flag; detail/dispatch.hpp declares it and calls it only on a CPU (and
// OS) with AVX. With SSE's two-operand forms it gains little: the copies eat
// what the vectors save.
#ifndef JWTCORE_DETAIL_SHA512_X86_HPP
#define JWTCORE_DETAIL_SHA512_X86_HPP

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))

#include <tmmintrin.h>  // SSSE3 and SSE2 intrinsics (VEX-encoded under the target attribute)

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t, std::uint64_t
#include <utility>  // std::index_sequence, which unrolls the rounds

#include "sha512_portable.hpp"  // the round constants and the scalar round

// Defined for this file only: every function that executes these instructions.
#define JWTCORE_AVX_FUNCTION __attribute__((target("avx")))
#define JWTCORE_AVX_INLINE __attribute__((target("avx"), always_inline)) inline

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

// Rounds T and T + 1, then words T + 16 and T + 17 into the slots they emptied.
template <unsigned T>
JWTCORE_AVX_INLINE void avx_two_rounds(std::uint64_t* v, __m128i* w, std::uint64_t* k_plus_w, const std::uint64_t* kw,
                                       const std::uint8_t* block) {
  constexpr unsigned a = (8 - T % 8) % 8;  // where round T finds a; the other roles follow
  sha512_round(v[a], v[(a + 1) % 8], v[(a + 2) % 8], v[(a + 3) % 8], v[(a + 4) % 8], v[(a + 5) % 8],
               v[(a + 6) % 8], v[(a + 7) % 8], kw[T % 16]);
  sha512_round(v[(a + 7) % 8], v[a], v[(a + 1) % 8], v[(a + 2) % 8], v[(a + 3) % 8], v[(a + 4) % 8],
               v[(a + 5) % 8], v[(a + 6) % 8], kw[(T + 1) % 16]);
  if constexpr (T + 16 < 80) avx_two_words<T / 2 + 8>(w, k_plus_w, block);
}

template <std::size_t... J, std::size_t... R>
JWTCORE_AVX_INLINE void avx_block(std::uint64_t* state, __m128i* w, std::uint64_t* k_plus_w, const std::uint8_t* block,
                                  std::index_sequence<J...>, std::index_sequence<R...>) {
  (avx_two_words<static_cast<unsigned>(J)>(w, k_plus_w, block), ...);
  std::uint64_t v[8] = {state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7]};
  // The rounds read the words back through a pointer the compiler cannot
  // trace: GCC would otherwise move each out of a vector register, slower.
  const std::uint64_t* kw = k_plus_w;
  __asm__("" : "+r"(kw));
  (avx_two_rounds<static_cast<unsigned>(2 * R)>(v, w, k_plus_w, kw, block), ...);
  for (unsigned i = 0; i < 8; ++i) state[i] += v[i];
}

// Like the SHA-256 hardware kernels, this one may leave message words in
// vector registers; the words it stores for the rounds are wiped.
JWTCORE_ENTRY_POINT JWTCORE_AVX_FUNCTION void sha512_compress_avx(std::uint64_t* state, const std::uint8_t* blocks,
                                                                  std::size_t count) noexcept {
  __m128i w[8];
  alignas(16) std::uint64_t k_plus_w[16];
  for (; count > 0; --count, blocks += sha512_block_size) {
    avx_block(state, w, k_plus_w, blocks, std::make_index_sequence<8>(), std::make_index_sequence<40>());
  }
  wipe(k_plus_w);
}

}  // namespace detail
}  // namespace jwtcore

#undef JWTCORE_AVX_FUNCTION
#undef JWTCORE_AVX_INLINE

#endif  // x86-64 with GCC or clang
#endif  // JWTCORE_DETAIL_SHA512_X86_HPP
