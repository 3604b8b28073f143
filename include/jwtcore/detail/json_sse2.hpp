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

// From text[pos] on, sixteen bytes at a time: where the first byte that is
// not plain text is (json_is_unescaped), or size. The caller leaves at least
// 16 bytes from pos; the last sixteen are read again, overlapping, with the
// flags of bytes before pos dropped, so no byte-wise tail remains.
JWTCORE_ENTRY_POINT __attribute__((target("sse2"))) std::size_t json_unescaped_run_end_sse2(
    const char* text, std::size_t size, std::size_t pos) noexcept {
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
  // As signed bytes, those under 0x20 and those from 0x80 on are all below 0x20.
  const auto stops = [&](std::size_t at) {
    const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + at));
    const __m128i s =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(w, quote), _mm_cmpeq_epi8(w, backslash)), _mm_cmplt_epi8(w, space));
    return static_cast<unsigned>(_mm_movemask_epi8(s));
  };
  for (; size - pos > 16; pos += 16) {
    if (const unsigned mask = stops(pos); mask != 0) return pos + static_cast<std::size_t>(__builtin_ctz(mask));
  }
  const std::size_t last = size - 16;
  const unsigned mask = stops(last) >> (pos - last);
  return mask != 0 ? pos + static_cast<std::size_t>(__builtin_ctz(mask)) : size;
}

}  // namespace detail
}  // namespace jwtcore

#endif  // x86-64 with GCC or clang
#endif  // JWTCORE_DETAIL_JSON_SSE2_HPP
