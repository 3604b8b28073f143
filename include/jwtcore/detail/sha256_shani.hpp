// jwtcore/detail/sha256_shani.hpp: the SHA-256 block function on the x86 SHA
// extensions (SHA-NI), for one to three interleaved streams, under their own
// target attribute (no -m flag); detail/dispatch.hpp calls them only on a CPU that has them.
#ifndef JWTCORE_DETAIL_SHA256_SHANI_HPP
#define JWTCORE_DETAIL_SHA256_SHANI_HPP

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))

#include <tmmintrin.h>  // SSSE3 and SSE2 intrinsics (usable under a target attribute)

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t, std::uint32_t
#include <utility>  // std::index_sequence, which unrolls the rounds

#include "sha256_portable.hpp"  // the round constants

// Defined for this file only: every function that executes these instructions.
#define JWTCORE_SHANI_FUNCTION __attribute__((target("sha,sse4.1,ssse3")))
#define JWTCORE_SHANI_INLINE __attribute__((target("sha,sse4.1,ssse3"), always_inline)) inline

namespace jwtcore {
namespace detail {

// The SHA instructions through the builtins <immintrin.h> wraps: that header
// costs a user's unit more to compile than all of jwtcore.
JWTCORE_SHANI_INLINE __m128i shani_rnds2(__m128i cdgh, __m128i abef, __m128i k_plus_w) {
  return reinterpret_cast<__m128i>(__builtin_ia32_sha256rnds2(reinterpret_cast<__v4si>(cdgh),
                                                              reinterpret_cast<__v4si>(abef),
                                                              reinterpret_cast<__v4si>(k_plus_w)));
}
JWTCORE_SHANI_INLINE __m128i shani_msg1(__m128i a, __m128i b) {
  return reinterpret_cast<__m128i>(
      __builtin_ia32_sha256msg1(reinterpret_cast<__v4si>(a), reinterpret_cast<__v4si>(b)));
}
JWTCORE_SHANI_INLINE __m128i shani_msg2(__m128i a, __m128i b) {
  return reinterpret_cast<__m128i>(
      __builtin_ia32_sha256msg2(reinterpret_cast<__v4si>(a), reinterpret_cast<__v4si>(b)));
}

// The eight chaining words as the SHA instructions want them: A, B, E, F in
// one register and C, D, G, H in the other, highest lane first.
struct shani_stream {
  __m128i abef;
  __m128i cdgh;
  __m128i words[4];  // the last sixteen message words, four per register
  __m128i k_plus_w;  // the next four words plus their round constants
  const std::uint8_t* block;
};

JWTCORE_SHANI_INLINE void shani_load_state(shani_stream& s, const std::uint32_t* state) {
  const __m128i dcba = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(state)), 0x1B);
  const __m128i hgfe = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(state + 4)), 0x1B);
  s.abef = _mm_unpackhi_epi64(hgfe, dcba);
  s.cdgh = _mm_unpacklo_epi64(hgfe, dcba);
}

JWTCORE_SHANI_INLINE void shani_store_state(const shani_stream& s, std::uint32_t* state) {
  const __m128i dcba = _mm_unpackhi_epi64(s.cdgh, s.abef);
  const __m128i hgfe = _mm_unpacklo_epi64(s.cdgh, s.abef);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state), _mm_shuffle_epi32(dcba, 0x1B));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state + 4), _mm_shuffle_epi32(hgfe, 0x1B));
}

// Message words 4 * Q .. 4 * Q + 3 of sixteen (loaded, or made from the
// sixteen before), each plus its round constant from k, ready for four rounds.
template <unsigned Q, bool Load>
JWTCORE_SHANI_INLINE void shani_words(shani_stream& s, const std::uint32_t* k) {
  __m128i& current = s.words[Q];
  if constexpr (Load) {
    const __m128i big_endian = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    current = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.block + 16 * Q)), big_endian);
  } else {
    // W[t..t+3] from W[t-16..t-1], which the four registers hold in order
    // starting with `current`: msg1 adds sigma0 of the words one further on,
    // alignr picks W[t-7..t-4], msg2 adds sigma1, word by word.
    const __m128i& next = s.words[(Q + 1) % 4];
    const __m128i& before_last = s.words[(Q + 2) % 4];
    const __m128i& last = s.words[(Q + 3) % 4];
    const __m128i partial = _mm_add_epi32(shani_msg1(current, next), _mm_alignr_epi8(last, before_last, 4));
    current = shani_msg2(partial, last);
  }
  s.k_plus_w = _mm_add_epi32(current, _mm_load_si128(reinterpret_cast<const __m128i*>(k + 4 * Q)));
}

// Each rnds2 does two rounds and returns the new A, B, E, F; the old ones are
// then the new C, D, G, H, so the two registers swap roles twice in four rounds.
JWTCORE_SHANI_INLINE void shani_first_two_rounds(shani_stream& s) {
  s.cdgh = shani_rnds2(s.cdgh, s.abef, s.k_plus_w);
}
JWTCORE_SHANI_INLINE void shani_last_two_rounds(shani_stream& s) {
  s.abef = shani_rnds2(s.abef, s.cdgh, _mm_shuffle_epi32(s.k_plus_w, 0x0E));
}

// Four rounds of each stream, the streams alternating every two rounds: one
// stream's rounds run while the others wait on the latency of their previous ones.
template <unsigned Q, bool Load, class... Stream>
JWTCORE_SHANI_INLINE void shani_four_rounds(const std::uint32_t* k, Stream&... s) {
  (shani_words<Q, Load>(s, k), ...);
  (shani_first_two_rounds(s), ...);
  (shani_last_two_rounds(s), ...);
}

// Sixteen rounds of each stream, with the constants from k.
template <bool Load, std::size_t... Q, class... Stream>
JWTCORE_SHANI_INLINE void shani_sixteen_rounds(const std::uint32_t* k, std::index_sequence<Q...>, Stream&... s) {
  (shani_four_rounds<static_cast<unsigned>(Q), Load>(k, s...), ...);
}

// One block of each stream: the sixteen rounds that load the message, then
// three times the sixteen that extend it, one copy of the code for those as
// the four registers of words repeat their roles.
template <class... Stream>
JWTCORE_SHANI_INLINE void shani_block(Stream&... s) {
  const __m128i abef[] = {s.abef...}, cdgh[] = {s.cdgh...};
  shani_sixteen_rounds<true>(sha256_round_constants, std::make_index_sequence<4>(), s...);
  for (unsigned t = 16; t < 64; t += 16) {
    shani_sixteen_rounds<false>(sha256_round_constants + t, std::make_index_sequence<4>(), s...);
  }
  std::size_t k = 0;
  ((s.abef = _mm_add_epi32(s.abef, abef[k]), s.cdgh = _mm_add_epi32(s.cdgh, cdgh[k]), s.block += 64, ++k), ...);
}

template <class... Stream>
JWTCORE_SHANI_INLINE void shani_compress(std::uint32_t* const (&states)[sizeof...(Stream)],
                                         const std::uint8_t* const (&blocks)[sizeof...(Stream)], std::size_t count,
                                         Stream... s) {
  if (count == 0) return;
  std::size_t k = 0;
  ((s.block = blocks[k], shani_load_state(s, states[k]), ++k), ...);
  for (; count > 0; --count) shani_block(s...);
  k = 0;
  ((shani_store_state(s, states[k]), ++k), ...);
}

// Three streams keep the SHA units busier than two where the core has more of
// them than one stream's latency can feed; a fourth would not fit the registers.
JWTCORE_ENTRY_POINT JWTCORE_SHANI_FUNCTION void sha256_compress_shani(std::uint32_t* state,
                                                                      const std::uint8_t* blocks,
                                                                      std::size_t count) noexcept {
  shani_compress({state}, {blocks}, count, shani_stream{});
}

JWTCORE_ENTRY_POINT JWTCORE_SHANI_FUNCTION void sha256_compress_shani_x2(std::uint32_t* state_a,
                                                                         const std::uint8_t* blocks_a,
                                                                         std::uint32_t* state_b,
                                                                         const std::uint8_t* blocks_b,
                                                                         std::size_t count) noexcept {
  shani_compress({state_a, state_b}, {blocks_a, blocks_b}, count, shani_stream{}, shani_stream{});
}

JWTCORE_ENTRY_POINT JWTCORE_SHANI_FUNCTION void sha256_compress_shani_x3(std::uint32_t* const (&states)[3],
                                                                         const std::uint8_t* const (&blocks)[3],
                                                                         std::size_t count) noexcept {
  shani_compress(states, blocks, count, shani_stream{}, shani_stream{}, shani_stream{});
}

}  // namespace detail
}  // namespace jwtcore

#undef JWTCORE_SHANI_FUNCTION
#undef JWTCORE_SHANI_INLINE

#endif  // x86-64 with GCC or clang
#endif  // JWTCORE_DETAIL_SHA256_SHANI_HPP
