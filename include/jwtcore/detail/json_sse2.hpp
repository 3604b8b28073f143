// jwtcore/detail/json_sse2.hpp: the JSON writer's scan for plain string text
// on SSE2; detail/dispatch.hpp declares it and json_writer.hpp calls it unless
// the kernels are forced to the portable ones.
#ifndef JWTCORE_DETAIL_JSON_SSE2_HPP
#define JWTCORE_DETAIL_JSON_SSE2_HPP

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))

#include <emmintrin.h>  // SSE2, part of x86-64

#include <cstddef>  // std::size_t

#include "../config.hpp"

namespace jwtcore {
namespace detail {

// From text[pos] on, sixteen bytes at a time while that many remain: where the
// first byte that is not plain text is (json_is_unescaped), or the first
// position with fewer than 16 left.
JWTCORE_ENTRY_POINT __attribute__((target("sse2"))) std::size_t json_unescaped_run_end_sse2(
    const char* text, std::size_t size, std::size_t pos) noexcept {
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
  for (; size - pos >= 16; pos += 16) {
    const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + pos));
    // As signed bytes, those under 0x20 and those from 0x80 on are all below 0x20.
    const __m128i stops =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(w, quote), _mm_cmpeq_epi8(w, backslash)), _mm_cmplt_epi8(w, space));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(stops));
    if (mask != 0) return pos + static_cast<std::size_t>(__builtin_ctz(mask));
  }
  return pos;
}

}  // namespace detail
}  // namespace jwtcore

#endif  // x86-64 with GCC or clang
#endif  // JWTCORE_DETAIL_JSON_SSE2_HPP
