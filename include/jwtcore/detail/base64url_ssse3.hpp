// jwtcore/detail/base64url_ssse3.hpp: the base64url vector loops on SSSE3,
// each under its own target attribute; detail/dispatch.hpp declares them and
// the codecs of base64url.hpp call them only on a CPU that has SSSE3.
#ifndef JWTCORE_DETAIL_BASE64URL_SSSE3_HPP
#define JWTCORE_DETAIL_BASE64URL_SSSE3_HPP

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))

#include <tmmintrin.h>  // SSSE3, under a per-function target attribute

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t
#include <cstring>  // std::memcpy

#include "../bytes.hpp"  // secure_wipe
#include "../config.hpp"

namespace jwtcore {
namespace detail {

// Twelve bytes, spread by `spread` below, to sixteen characters. Two 16-bit
// multiplies move each group's four 6-bit fields into byte lanes; each lane
// gets its alphabet offset from a register shuffle indexed by its range: no
// memory lookup, no branch on the data, so this is constant time and serves
// both codecs.
__attribute__((target("ssse3"), always_inline)) inline __m128i base64url_text_ssse3(__m128i in) noexcept {
  const __m128i high_fields = _mm_set1_epi32(0x0fc0fc00), high_shift = _mm_set1_epi32(0x04000040);
  const __m128i low_fields = _mm_set1_epi32(0x003f03f0), low_shift = _mm_set1_epi32(0x01000010);
  // Range numbers: 13 for 0..25, 0 for 26..51, 1..10 for 52..61, 11 for 62, 12 for 63.
  const __m128i offsets = _mm_setr_epi8(71, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -17, 32, 65, 0, 0);
  const __m128i last_letter = _mm_set1_epi8(51), first_lower = _mm_set1_epi8(26), upper = _mm_set1_epi8(13);
  const __m128i values = _mm_or_si128(_mm_mulhi_epu16(_mm_and_si128(in, high_fields), high_shift),
                                      _mm_mullo_epi16(_mm_and_si128(in, low_fields), low_shift));
  __m128i range = _mm_subs_epu8(values, last_letter);
  range = _mm_or_si128(range, _mm_and_si128(_mm_cmpgt_epi8(first_lower, values), upper));
  return _mm_add_epi8(values, _mm_shuffle_epi8(offsets, range));
}

// Twelve bytes per step while 16 can be loaded; then the rest (4 to 15
// bytes) by steps that load the last 16 and shuffle the unread ones down
// (lanes past the end read as zero), the last step's characters copied out so
// that nothing is written past them. Returns the bytes encoded: all of them,
// or none under 16.
JWTCORE_ENTRY_POINT __attribute__((target("ssse3"))) std::size_t base64url_encode_ssse3(const std::uint8_t* bytes,
                                                                                        std::size_t size,
                                                                                        char* out) noexcept {
  if (size < 16) return 0;
  const __m128i spread = _mm_setr_epi8(1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10);
  std::size_t i = 0;
  for (; size - i >= 16; i += 12, out += 16) {
    const __m128i in = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i)), spread);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), base64url_text_ssse3(in));
  }
  const __m128i last16 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + size - 16));
  for (;; i += 12, out += 16) {
    const std::size_t left = size - i;
    const __m128i lanes = _mm_add_epi8(spread, _mm_set1_epi8(static_cast<char>(16 - left)));
    const __m128i in = _mm_shuffle_epi8(last16, _mm_or_si128(lanes, _mm_cmpgt_epi8(lanes, _mm_set1_epi8(15))));
    const __m128i text = base64url_text_ssse3(in);
    if (left > 12) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out), text);
      continue;
    }
    char last[16];
    _mm_storeu_si128(reinterpret_cast<__m128i*>(last), text);
    std::memcpy(out, last, left / 3 * 4 + (left % 3 == 0 ? 0 : left % 3 + 1));
    secure_wipe(last, sizeof last);  // the tail of a MAC's text
    return size;
  }
}

// Whole groups text[0, chars) (chars a multiple of 4, at least 16) to bytes,
// sixteen characters per step, the last step overlapping the one before.
// Muła's nibble tables: the low nibble's entry holds the high-nibble classes
// in which it is not in the alphabet, so a character is refused when its two
// entries share a bit. The high nibble, plus one for '_' to 0x7f (which tells
// '_' apart from 'P'..'Z'), picks the value's offset. Two multiply-adds and a
// shuffle pack the bytes. Returns false on a character outside the alphabet
// (the caller discards the output); public text only. Aligned to a cache line
// so that its loop's place in the fetch windows does not move with the code before it.
JWTCORE_ENTRY_POINT __attribute__((target("ssse3"), aligned(64))) bool base64url_decode_ssse3(const char* text, std::size_t chars,
                                                                                 std::uint8_t* out) noexcept {
  const __m128i outside = _mm_setr_epi8(0x0b, 3, 3, 3, 3, 3, 3, 3, 3, 3, 7, 0x37, 0x37, 0x35, 0x37, 0x27);
  const __m128i classes = _mm_setr_epi8(1, 1, 2, 4, 8, 0x10, 8, 0x20, 1, 1, 1, 1, 1, 1, 1, 1);
  const __m128i offsets = _mm_setr_epi8(0, 0, 17, 4, -65, -65, -32, -71, -71, 0, 0, 0, 0, 0, 0, 0);
  const __m128i nibble = _mm_set1_epi8(0x0f), before_underscore = _mm_set1_epi8('_' - 1);
  const __m128i pairs = _mm_set1_epi32(0x01400140), quads = _mm_set1_epi32(0x00011000);
  const __m128i order = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
  __m128i refused = _mm_setzero_si128();
  for (std::size_t i = 0;;) {
    const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + i));
    const __m128i high = _mm_and_si128(_mm_srli_epi32(c, 4), nibble);
    refused = _mm_or_si128(refused, _mm_and_si128(_mm_shuffle_epi8(outside, _mm_and_si128(c, nibble)),
                                                  _mm_shuffle_epi8(classes, high)));
    const __m128i row = _mm_sub_epi8(high, _mm_cmpgt_epi8(c, before_underscore));
    const __m128i values = _mm_add_epi8(c, _mm_shuffle_epi8(offsets, row));
    const __m128i twelve_bits = _mm_maddubs_epi16(values, pairs);  // v0 * 64 + v1, per 16 bits
    const __m128i packed = _mm_madd_epi16(twelve_bits, quads);     // (v0v1) * 4096 + v2v3, per 32 bits
    const __m128i bytes = _mm_shuffle_epi8(packed, order);
    std::uint8_t* const at = out + i / 4 * 3;
    if (i + 32 <= chars) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(at), bytes);  // the next step rewrites the last four
    } else {
      _mm_storel_epi64(reinterpret_cast<__m128i*>(at), bytes);
      const int last_four = _mm_cvtsi128_si32(_mm_srli_si128(bytes, 8));
      std::memcpy(at + 8, &last_four, 4);
    }
    if (i + 16 >= chars) break;
    i = i + 32 <= chars ? i + 16 : chars - 16;
  }
  return _mm_movemask_epi8(_mm_cmpeq_epi8(refused, _mm_setzero_si128())) == 0xFFFF;
}

}  // namespace detail
}  // namespace jwtcore

#endif  // x86-64 with GCC or clang
#endif  // JWTCORE_DETAIL_BASE64URL_SSSE3_HPP
