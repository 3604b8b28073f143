// jwtcore/detail/json_sse2.hpp: the SSE2 scans of plain string text, the
// reader's stops of 64 bytes and the writer's run, declared in dispatch.hpp
// (which includes this file where entry points are defined) and run where the
// vector kernels do. x86-64 guarantees SSE2; JWTCORE_PORTABLE builds neither.
#ifndef JWTCORE_DETAIL_JSON_SSE2_HPP
#define JWTCORE_DETAIL_JSON_SSE2_HPP

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint64_t

#include "../config.hpp"

#if !defined(JWTCORE_PORTABLE) && defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))

#include <emmintrin.h>  // SSE2, part of x86-64

namespace jwtcore {
namespace detail {

// The bytes that end plain text among the 16 at p, one bit each, the first
// lowest: '\\', and, as signed bytes with bit 1 flipped, those below 0x21:
// '"' (now 0x20), those under 0x20 (still there) and from 0x80 on.
inline unsigned json_stops_sse2(const char* p) noexcept {
  const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i low = _mm_cmplt_epi8(_mm_xor_si128(w, _mm_set1_epi8(2)), _mm_set1_epi8(0x21));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(low, _mm_cmpeq_epi8(w, _mm_set1_epi8('\\')))));
}

// The same for the 64 bytes at p.
JWTCORE_ENTRY_POINT std::uint64_t json_block_stops_sse2(const char* p) noexcept {
  std::uint64_t stops = 0;
  for (unsigned i = 0; i < 4; ++i) stops |= std::uint64_t{json_stops_sse2(p + 16 * i)} << (16 * i);
  return stops;
}

// From text[pos] on, sixteen bytes at a time: where the first byte that is
// not plain text is (json_is_plain), or size. The caller leaves at least
// 16 bytes from pos; the last sixteen are read again, overlapping, with the
// flags of bytes before pos dropped, so no byte-wise tail remains.
JWTCORE_ENTRY_POINT __attribute__((target("sse2"))) std::size_t json_unescaped_run_end_sse2(
    const char* text, std::size_t size, std::size_t pos) noexcept {
  for (; size - pos > 16; pos += 16) {
    if (const unsigned mask = json_stops_sse2(text + pos); mask != 0) {
      return pos + static_cast<std::size_t>(__builtin_ctz(mask));
    }
  }
  const std::size_t last = size - 16;
  const unsigned mask = json_stops_sse2(text + last) >> (pos - last);
  return mask != 0 ? pos + static_cast<std::size_t>(__builtin_ctz(mask)) : size;
}

}  // namespace detail
}  // namespace jwtcore

#endif  // SSE2 with GCC or clang
#endif  // JWTCORE_DETAIL_JSON_SSE2_HPP
