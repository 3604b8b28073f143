// jwtcore/detail/utf8.hpp: the one UTF-8 validity rule of the library (RFC 3629),
// shared by the JSON writer and the JSON reader so that both agree exactly.
#ifndef JWTCORE_DETAIL_UTF8_HPP
#define JWTCORE_DETAIL_UTF8_HPP

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t

namespace jwtcore::detail {

// Length (1 to 4) of the well-formed UTF-8 sequence at s[0, available), or 0
// when it is not one: a stray continuation byte, an overlong form (C0, C1,
// E0 80..9F, F0 80..8F), a UTF-16 surrogate (ED A0..BF), a code point above
// U+10FFFF (F4 90.., F5..FF), or a sequence cut short. available >= 1.
constexpr std::size_t utf8_sequence_length(const char* s, std::size_t available) noexcept {
  const unsigned lead = static_cast<std::uint8_t>(s[0]);
  if (lead < 0x80) return 1;
  if (lead < 0xC2 || lead > 0xF4) return 0;
  const std::size_t length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (available < length) return 0;
  // Continuation bytes are 80..BF; after E0, ED, F0 and F4 the second one's range is narrower.
  unsigned lo = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
  unsigned hi = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
  for (std::size_t i = 1; i < length; ++i, lo = 0x80, hi = 0xBF) {
    const unsigned b = static_cast<std::uint8_t>(s[i]);
    if (b < lo || b > hi) return 0;
  }
  return length;
}

}  // namespace jwtcore::detail

#endif  // JWTCORE_DETAIL_UTF8_HPP
