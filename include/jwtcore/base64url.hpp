// jwtcore/base64url.hpp: strict, unpadded base64url (RFC 4648 section 5, as
// RFC 7515 section 2 uses it), into caller buffers and in constant expressions.
// Two codecs with one contract (same output, strictness and errors):
// base64url_encode_into and _decode_into (and the std::string forms) are
// branch-free and table-free on the data, for secrets and what derives from
// them (MACs before they are public); base64url_encode_public_into and
// _decode_public_into are table-driven, several times faster, for public text.
#ifndef JWTCORE_BASE64URL_HPP
#define JWTCORE_BASE64URL_HPP

#include <array>        // the decoding table
#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t, std::uint32_t, std::uint64_t
#include <cstring>      // std::memcpy, for the word loads and stores of the table encoder
#include <string_view>  // input text
#include <type_traits>  // std::is_same_v

#include "bytes.hpp"
#include "detail/dispatch.hpp"
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

// The characters of eight 6-bit values, one per byte lane: c = v + 'A', then
// corrections for v >= 26, 52, 62 and 63 selected by lane masks, not branches
// or tables. No lane leaves 0..255, so none carries into the next.
constexpr std::uint64_t base64url_lanes_at_least(std::uint64_t lanes, std::uint64_t k) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101u;
  // v + 128 - k has bit 7 set exactly when v >= k, for v < 64.
  const std::uint64_t top = (lanes + ones * (128 - k)) & (ones * 0x80);
  return top | (top - (top >> 7));  // 0x80 -> 0xFF in each lane
}
constexpr std::uint64_t base64url_chars8(std::uint64_t v) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101u;
  std::uint64_t c = v + ones * 'A';
  c += base64url_lanes_at_least(v, 26) & (ones * 6);   // 26..51 -> a..z
  c -= base64url_lanes_at_least(v, 52) & (ones * 75);  // 52..61 -> 0..9
  c -= base64url_lanes_at_least(v, 62) & (ones * 13);  // 62 -> '-'
  c += base64url_lanes_at_least(v, 63) & (ones * 49);  // 63 -> '_'
  return c;
}

// The same for one 6-bit value: the small encoder's.
constexpr char base64url_char(std::uint32_t v) noexcept {
  const auto at_least = [v](std::uint32_t k) { return 0u - (((v - k) >> 31) ^ 1u); };  // all ones when v >= k
  std::uint32_t c = v + 'A';
  c += at_least(26) & 6u;
  c -= at_least(52) & 75u;
  c -= at_least(62) & 13u;
  c += at_least(63) & 49u;
  return static_cast<char>(c);
}

// Up to six bytes, big-endian, the missing ones zero: the unused low bits of
// a partial group must be zero in canonical base64url anyway.
template <class Byte>
constexpr std::uint64_t base64url_load48(const Byte* bytes, std::size_t count) noexcept {
  std::uint64_t x = 0;
  for (std::size_t k = 0; k < 6; ++k) x = x << 8 | (k < count ? static_cast<std::uint8_t>(bytes[k]) : 0u);
  return x;
}

// The eight sextets of 48 bits, sextet k in byte lane k.
constexpr std::uint64_t base64url_spread_sextets(std::uint64_t x) noexcept {
  std::uint64_t lanes = 0;
  for (unsigned k = 0; k < 8; ++k) lanes |= (x >> (42 - 6 * k) & 63) << (8 * k);
  return lanes;
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

// ---- constant-time encoders: exactly base64url_encoded_size(size) characters
// to out, which the caller has checked room for.

// A byte at a time: the small one. At run time text goes through the
// std::uint8_t form, so an image holds one copy of the loop.
template <class Byte>
constexpr void base64url_encode_small(const Byte* bytes, std::size_t size, char* out) noexcept {
  if constexpr (!std::is_same_v<Byte, std::uint8_t>) {
    if (!is_constant_evaluated()) return base64url_encode_small(reinterpret_cast<const std::uint8_t*>(bytes), size, out);
  }
  std::uint32_t pending = 0, bits = 0;
  std::size_t o = 0;
  for (std::size_t i = 0; i < size; ++i) {
    pending = pending << 8 | byte_at(bytes, i);
    for (bits += 8; bits >= 6;) {
      bits -= 6;
      out[o++] = base64url_char(pending >> bits & 63u);
    }
  }
  if (bits > 0) out[o] = base64url_char(pending << (6 - bits) & 63u);
}

// The fast one: the SSSE3 loop where it runs, else six bytes (eight
// characters) at a time by lane arithmetic.
template <class Byte>
constexpr void base64url_encode_wide(const Byte* bytes, std::size_t size, char* out) noexcept {
  if (!is_constant_evaluated() && vector_kernels() &&
      base64url_encode_ssse3(reinterpret_cast<const std::uint8_t*>(bytes), size, out) == size) {
    return;
  }
  std::size_t i = 0, o = 0;
  for (; i + 6 <= size; i += 6, o += 8) {
    const std::uint64_t chars = base64url_chars8(base64url_spread_sextets(base64url_load48(bytes + i, 6)));
    for (unsigned k = 0; k < 8; ++k) out[o + k] = static_cast<char>(chars >> (8 * k));
  }
  if (i < size) {
    const std::uint64_t chars = base64url_chars8(base64url_spread_sextets(base64url_load48(bytes + i, size - i)));
    for (std::size_t k = 0; o + k < base64url_encoded_size(size); ++k) out[o + k] = static_cast<char>(chars >> (8 * k));
  }
}

// The constant-time decoder, a character at a time into a bit accumulator:
// stores depend on positions (public lengths) only, and nothing branches on
// the text's bytes before the verdict, of which only the broken rule is public.
template <class Byte>
constexpr result<std::size_t> base64url_decode_ct(std::string_view text, Byte* out, std::size_t capacity) noexcept {
  static_assert(sizeof(Byte) == 1, "base64url decodes to bytes");
  const std::size_t n = text.size();
  std::uint32_t invalid = 0, padding = 0, bits = 0;
  for (std::size_t i = 0; i < n; ++i) padding |= byte_in_range_mask(byte_at(text.data(), i), '=', '=');
  const bool length_ok = n % 4 != 1;
  const std::size_t size = base64url_decoded_size(n);
  if (length_ok && size > capacity) {
    return declassify(padding) != 0 ? error::bad_base64url_padding : error::buffer_too_small;
  }
  unsigned held = 0;
  for (std::size_t i = 0, o = 0; i < n; ++i) {
    bits = bits << 6 | base64url_value(byte_at(text.data(), i), invalid);
    held += 6;
    if (held >= 8) {
      held -= 8;
      if (length_ok) out[o++] = static_cast<Byte>(bits >> held);
    }
  }
  const std::uint32_t trailing_bits = length_ok ? bits & ((1u << held) - 1) : 0;  // canonical text has none
  if (declassify(padding | invalid | trailing_bits) != 0 || !length_ok) {
    if (length_ok) wipe(out, size);
    if (declassify(padding) != 0) return error::bad_base64url_padding;
    if (declassify(invalid) != 0) return error::bad_base64url_char;
    if (!length_ok) return error::bad_base64url_length;
    return error::bad_base64url_trailing_bits;
  }
  return size;
}

}  // namespace detail

// Encodes `size` bytes into out[0, capacity); returns the text length.
// Byte is char or std::uint8_t. Nothing is written when the buffer is too
// small. Constant time: it encodes MACs.
template <class Byte>
constexpr result<std::size_t> base64url_encode_into(const Byte* bytes, std::size_t size, char* out,
                                                    std::size_t capacity) noexcept {
  static_assert(sizeof(Byte) == 1, "base64url encodes bytes");
  const std::size_t length = base64url_encoded_size(size);
  if (length > capacity) return error::buffer_too_small;
  if constexpr (detail::size_first) {
    detail::base64url_encode_small(bytes, size, out);
  } else {
    detail::base64url_encode_wide(bytes, size, out);
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
// Byte is char or std::uint8_t. Constant time: it decodes secrets.
template <class Byte>
constexpr result<std::size_t> base64url_decode_into(std::string_view text, Byte* out,
                                                    std::size_t capacity) noexcept {
  return detail::base64url_decode_ct(text, out, capacity);
}

// ---- the table-driven codec, for public data only --------------------------

namespace detail {

inline constexpr char base64url_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
inline constexpr std::uint8_t base64url_not_in_alphabet = 0x80;

// The sextet of each byte, or base64url_not_in_alphabet.
constexpr std::array<std::uint8_t, 256> make_base64url_values() noexcept {
  std::array<std::uint8_t, 256> values{};
  for (std::uint8_t& v : values) v = base64url_not_in_alphabet;
  for (std::uint8_t v = 0; v < 64; ++v) values[static_cast<std::uint8_t>(base64url_alphabet[v])] = v;
  return values;
}
inline constexpr std::array<std::uint8_t, 256> base64url_values = make_base64url_values();

// The table-driven encoder, behind the vector loop where it runs.
template <class Byte>
constexpr void base64url_encode_table(const Byte* bytes, std::size_t size, char* out) noexcept {
  if (!is_constant_evaluated() && vector_kernels() &&
      base64url_encode_ssse3(reinterpret_cast<const std::uint8_t*>(bytes), size, out) == size) {
    return;
  }
  const char* alphabet = base64url_alphabet;
  std::size_t i = 0;
#if (defined(__GNUC__) || defined(__clang__)) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  // One 8-byte load and store per 6 bytes; the two read ahead stay within the input.
  if (!is_constant_evaluated()) {
    for (; i + 8 <= size; i += 6, out += 8) {
      std::uint64_t x = 0;
      std::memcpy(&x, bytes + i, 8);
      x = __builtin_bswap64(x) >> 16;
      std::uint64_t text = 0;
      for (unsigned k = 0; k < 8; ++k) {
        text |= std::uint64_t{static_cast<std::uint8_t>(alphabet[x >> (42 - 6 * k) & 63])} << (8 * k);
      }
      std::memcpy(out, &text, 8);
    }
  }
#endif
  for (; i + 6 <= size; i += 6, out += 8) {
    const std::uint64_t x = base64url_load48(bytes + i, 6);
    for (unsigned k = 0; k < 8; ++k) out[k] = alphabet[x >> (42 - 6 * k) & 63];
  }
  const std::uint64_t x = base64url_load48(bytes + i, size - i);
  for (std::size_t k = 0; k < base64url_encoded_size(size - i); ++k) out[k] = alphabet[x >> (42 - 6 * k) & 63];
}

// The public encoder without the capacity check, for the token paths.
template <class Byte>
constexpr void base64url_encode_public_unchecked(const Byte* bytes, std::size_t size, char* out) noexcept {
  if constexpr (size_first) {
    base64url_encode_small(bytes, size, out);  // which a signer links anyway for the MAC
  } else {
    base64url_encode_table(bytes, size, out);
  }
}

// Which rule refused text that the table decoder found wrong, in the
// precedence of the constant-time decoder: padding, then a character, then
// `otherwise` (the length or the trailing bits, whichever the caller saw).
constexpr error base64url_public_refusal(std::string_view text, error otherwise) noexcept {
  bool padding = false, outside = false;
  for (const char c : text) {
    padding = padding || c == '=';
    outside = outside || base64url_values[static_cast<std::uint8_t>(c)] == base64url_not_in_alphabet;
  }
  if (padding) return error::bad_base64url_padding;
  if (outside) return error::bad_base64url_char;
  return otherwise;
}

// The table-driven decoder, after the SSSE3 loop where it runs; the contract
// of base64url_decode_into.
template <class Byte>
constexpr result<std::size_t> base64url_decode_table(std::string_view text, Byte* out, std::size_t capacity) noexcept {
  const std::size_t n = text.size(), rest = n % 4;
  if (rest == 1) return base64url_public_refusal(text, error::bad_base64url_length);
  const std::size_t size = base64url_decoded_size(n);
  if (size > capacity) {
    return text.find('=') != std::string_view::npos ? error::bad_base64url_padding : error::buffer_too_small;
  }
  const std::uint8_t* table = base64url_values.data();
  const char* p = text.data();
  // Entries OR-ed into `seen`: no branch per byte.
  std::uint32_t seen = 0, trailing_bits = 0;
  std::size_t i = 0, o = 0;
  if (!is_constant_evaluated() && n - rest >= 16 && vector_kernels()) {
    i = n - rest;
    o = i / 4 * 3;
    if (!base64url_decode_ssse3(p, i, reinterpret_cast<std::uint8_t*>(out))) seen = base64url_not_in_alphabet;
  }
  for (const std::size_t whole = n - rest; i < whole; i += 4, o += 3) {
    const std::uint32_t a = table[static_cast<std::uint8_t>(p[i])], b = table[static_cast<std::uint8_t>(p[i + 1])],
                        c = table[static_cast<std::uint8_t>(p[i + 2])], d = table[static_cast<std::uint8_t>(p[i + 3])];
    seen |= a | b | c | d;
    const std::uint32_t v = a << 18 | b << 12 | c << 6 | d;
    out[o] = static_cast<Byte>(v >> 16);
    out[o + 1] = static_cast<Byte>(v >> 8);
    out[o + 2] = static_cast<Byte>(v);
  }
  std::uint32_t v = 0;  // the last group of 2 or 3 characters, whose unused low bits canonical text has zero
  for (std::size_t k = i; k < n; ++k) {
    const std::uint32_t c = table[static_cast<std::uint8_t>(p[k])];
    seen |= c;
    v = v << 6 | c;
  }
  if (rest != 0) {
    out[o] = static_cast<Byte>(rest == 2 ? v >> 4 : v >> 10);
    if (rest == 3) out[o + 1] = static_cast<Byte>(v >> 2);
    trailing_bits = v & (rest == 2 ? 0x0fu : 0x03u);
  }
  if ((seen & base64url_not_in_alphabet) != 0 || trailing_bits != 0) {
    for (std::size_t k = 0; k < size; ++k) out[k] = Byte{};
    return base64url_public_refusal(text, error::bad_base64url_trailing_bits);
  }
  return size;
}

}  // namespace detail

// base64url_encode_into for public data: the same output and errors,
// table-driven (see the top of this file for when that is allowed).
template <class Byte>
constexpr result<std::size_t> base64url_encode_public_into(const Byte* bytes, std::size_t size, char* out,
                                                           std::size_t capacity) noexcept {
  static_assert(sizeof(Byte) == 1, "base64url encodes bytes");
  const std::size_t length = base64url_encoded_size(size);
  if (length > capacity) return error::buffer_too_small;
  detail::base64url_encode_public_unchecked(bytes, size, out);
  return length;
}

constexpr result<std::size_t> base64url_encode_public_into(std::string_view bytes, char* out,
                                                           std::size_t capacity) noexcept {
  return base64url_encode_public_into(bytes.data(), bytes.size(), out, capacity);
}

// base64url_decode_into for public data: the same contract, table-driven.
template <class Byte>
constexpr result<std::size_t> base64url_decode_public_into(std::string_view text, Byte* out,
                                                           std::size_t capacity) noexcept {
  static_assert(sizeof(Byte) == 1, "base64url decodes to bytes");
  if constexpr (detail::size_first) {
    return base64url_decode_into(text, out, capacity);  // the same contract, without the tables
  } else {
    return detail::base64url_decode_table(text, out, capacity);
  }
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
