// jwtcore/base64url.hpp: strict, unpadded base64url (RFC 4648 section 5, as
// RFC 7515 section 2 uses it), into caller buffers and in constant expressions.
// Encoding and decoding are branch-free and table-free on the data, because
// secrets (tenant secrets handed out in base64url, MACs) pass through here.
#ifndef JWTCORE_BASE64URL_HPP
#define JWTCORE_BASE64URL_HPP

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t, std::uint32_t
#include <string_view>  // input text

#include "bytes.hpp"
#if JWTCORE_STD_STRING
#include <string>  // the std::string conveniences
#endif

namespace jwtcore {

// Length of the encoding of n bytes. Saturates at SIZE_MAX for sizes no
// buffer could hold, so a capacity check against it fails cleanly.
constexpr std::size_t base64url_encoded_size(std::size_t n) noexcept {
  const std::size_t groups = n / 3, rest = n % 3;
  if (groups > (static_cast<std::size_t>(-1) - 3) / 4) return static_cast<std::size_t>(-1);
  return groups * 4 + (rest == 0 ? 0 : rest + 1);
}

// Number of bytes that base64url text of this length decodes to (for the
// lengths a valid text can have; length mod 4 == 1 is refused by the decoder).
constexpr std::size_t base64url_decoded_size(std::size_t text_length) noexcept {
  const std::size_t rest = text_length % 4;
  return text_length / 4 * 3 + (rest == 0 ? 0 : rest - 1);
}

namespace detail {

// All ones when lo <= c <= hi, else zero; c, lo, hi are byte values. An
// out-of-range difference wraps around and sets the top bit.
constexpr std::uint32_t byte_in_range_mask(std::uint32_t c, std::uint32_t lo, std::uint32_t hi) noexcept {
  return 0u - ((((c - lo) | (hi - c)) >> 31) ^ 1u);
}

// The character for a 6-bit value, by arithmetic rather than a table lookup.
constexpr char base64url_char(std::uint32_t v) noexcept {
  std::uint32_t c = v + 'A';                                         // 0..25  -> A..Z
  c += byte_in_range_mask(v, 26, 63) & static_cast<std::uint32_t>('a' - 'A' - 26);  // 26..51 -> a..z
  c -= byte_in_range_mask(v, 52, 63) & 75u;                          // 52..61 -> 0..9
  c -= byte_in_range_mask(v, 62, 63) & 13u;                          // 62 -> '-'
  c += byte_in_range_mask(v, 63, 63) & 49u;                          // 63 -> '_'
  return static_cast<char>(c);
}

// The 6-bit value of a character; sets all bits of `invalid` for a byte
// outside the alphabet (the value is then 0).
constexpr std::uint32_t base64url_value(std::uint32_t c, std::uint32_t& invalid) noexcept {
  const std::uint32_t upper = byte_in_range_mask(c, 'A', 'Z');
  const std::uint32_t lower = byte_in_range_mask(c, 'a', 'z');
  const std::uint32_t digit = byte_in_range_mask(c, '0', '9');
  const std::uint32_t dash = byte_in_range_mask(c, '-', '-');
  const std::uint32_t underscore = byte_in_range_mask(c, '_', '_');
  invalid |= ~(upper | lower | digit | dash | underscore);
  return (upper & (c - 'A')) | (lower & (c - 'a' + 26)) | (digit & (c - '0' + 52)) | (dash & 62u) |
         (underscore & 63u);
}

template <class Byte>
constexpr std::uint32_t byte_at(const Byte* p, std::size_t i) noexcept {
  return static_cast<std::uint8_t>(p[i]);
}

}  // namespace detail

// Encodes `size` bytes into out[0, capacity); returns the text length.
// Byte is char or std::uint8_t. Nothing is written when the buffer is too small.
template <class Byte>
constexpr result<std::size_t> base64url_encode_into(const Byte* bytes, std::size_t size, char* out,
                                                    std::size_t capacity) noexcept {
  static_assert(sizeof(Byte) == 1, "base64url encodes bytes");
  const std::size_t length = base64url_encoded_size(size);
  if (length > capacity) return error::buffer_too_small;
  std::size_t i = 0, o = 0;
  for (; i + 3 <= size; i += 3, o += 4) {
    const std::uint32_t v = detail::byte_at(bytes, i) << 16 | detail::byte_at(bytes, i + 1) << 8 |
                            detail::byte_at(bytes, i + 2);
    out[o] = detail::base64url_char(v >> 18);
    out[o + 1] = detail::base64url_char(v >> 12 & 63);
    out[o + 2] = detail::base64url_char(v >> 6 & 63);
    out[o + 3] = detail::base64url_char(v & 63);
  }
  if (size - i == 1) {
    const std::uint32_t v = detail::byte_at(bytes, i);
    out[o] = detail::base64url_char(v >> 2);
    out[o + 1] = detail::base64url_char(v << 4 & 63);
  } else if (size - i == 2) {
    const std::uint32_t v = detail::byte_at(bytes, i) << 8 | detail::byte_at(bytes, i + 1);
    out[o] = detail::base64url_char(v >> 10);
    out[o + 1] = detail::base64url_char(v >> 4 & 63);
    out[o + 2] = detail::base64url_char(v << 2 & 63);
  }
  return length;
}

constexpr result<std::size_t> base64url_encode_into(std::string_view bytes, char* out,
                                                    std::size_t capacity) noexcept {
  return base64url_encode_into(bytes.data(), bytes.size(), out, capacity);
}

// Decodes strict unpadded base64url into out[0, capacity); returns the number
// of bytes. Refused, each with its own error: '=' anywhere, any byte outside
// the alphabet (whitespace included), length mod 4 == 1, non-zero unused bits
// in the last character. On failure nothing decoded is left in `out`.
// Byte is char or std::uint8_t.
template <class Byte>
constexpr result<std::size_t> base64url_decode_into(std::string_view text, Byte* out,
                                                    std::size_t capacity) noexcept {
  static_assert(sizeof(Byte) == 1, "base64url decodes to bytes");
  // Nothing below branches on the text's bytes until the verdict: the flags
  // are accumulated, and only "was it valid" (then, for invalid text, which
  // rule broke) is made public. Lengths are public.
  const std::size_t n = text.size();
  std::uint32_t invalid = 0, padding = 0;
  for (std::size_t i = 0; i < n; ++i) padding |= detail::byte_in_range_mask(detail::byte_at(text.data(), i), '=', '=');
  const bool length_ok = n % 4 != 1;
  const std::size_t size = base64url_decoded_size(n);
  if (length_ok && size > capacity) {
    return detail::declassify(padding) != 0 ? error::bad_base64url_padding : error::buffer_too_small;
  }

  std::size_t i = 0, o = 0;
  const std::size_t whole = length_ok ? n / 4 * 4 : 0;
  for (; i < whole; i += 4, o += 3) {
    const std::uint32_t v = detail::base64url_value(detail::byte_at(text.data(), i), invalid) << 18 |
                            detail::base64url_value(detail::byte_at(text.data(), i + 1), invalid) << 12 |
                            detail::base64url_value(detail::byte_at(text.data(), i + 2), invalid) << 6 |
                            detail::base64url_value(detail::byte_at(text.data(), i + 3), invalid);
    out[o] = static_cast<Byte>(v >> 16);
    out[o + 1] = static_cast<Byte>(v >> 8);
    out[o + 2] = static_cast<Byte>(v);
  }
  std::uint32_t trailing_bits = 0;
  if (length_ok && n - i == 2) {
    const std::uint32_t v = detail::base64url_value(detail::byte_at(text.data(), i), invalid) << 6 |
                            detail::base64url_value(detail::byte_at(text.data(), i + 1), invalid);
    out[o] = static_cast<Byte>(v >> 4);
    trailing_bits = v & 0x0f;
  } else if (length_ok && n - i == 3) {
    const std::uint32_t v = detail::base64url_value(detail::byte_at(text.data(), i), invalid) << 12 |
                            detail::base64url_value(detail::byte_at(text.data(), i + 1), invalid) << 6 |
                            detail::base64url_value(detail::byte_at(text.data(), i + 2), invalid);
    out[o] = static_cast<Byte>(v >> 10);
    out[o + 1] = static_cast<Byte>(v >> 2);
    trailing_bits = v & 0x03;
  } else if (!length_ok) {
    // Still classify every byte, so a bad character wins over a bad length.
    for (; i < n; ++i) detail::base64url_value(detail::byte_at(text.data(), i), invalid);
  }

  if (detail::declassify(padding | invalid | trailing_bits) != 0 || !length_ok) {
    if (length_ok) wipe(out, size);
    if (detail::declassify(padding) != 0) return error::bad_base64url_padding;
    if (detail::declassify(invalid) != 0) return error::bad_base64url_char;
    if (!length_ok) return error::bad_base64url_length;
    return error::bad_base64url_trailing_bits;
  }
  return size;
}

#if JWTCORE_STD_STRING
// The std::string conveniences of the public contract (they allocate).
inline std::string base64url_encode(std::string_view bytes) {
  std::string text(base64url_encoded_size(bytes.size()), '\0');
  base64url_encode_into(bytes, text.data(), text.size());
  return text;
}

inline result<std::string> base64url_decode(std::string_view text) {
  std::string bytes(base64url_decoded_size(text.size()), '\0');
  const result<std::size_t> decoded = base64url_decode_into(text, bytes.data(), bytes.size());
  if (!decoded) return decoded.error();
  bytes.resize(*decoded);
  return bytes;
}
#endif  // JWTCORE_STD_STRING

}  // namespace jwtcore

#endif  // JWTCORE_BASE64URL_HPP
