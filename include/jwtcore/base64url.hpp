// jwtcore/base64url.hpp: strict, unpadded base64url (RFC 4648 section 5, as
// RFC 7515 section 2 uses it), into caller buffers and in constant expressions.
// Two codecs with one contract (same output, same strictness, same errors):
//   base64url_encode_into, base64url_decode_into (and the std::string forms):
//     branch-free and table-free on the data, for secrets and anything derived
//     from them (tenant secrets handed out in base64url, MACs before they are
//     made public). Their timing depends on lengths only.
//   base64url_encode_public_into, base64url_decode_public_into: table-driven
//     and several times faster, but their memory accesses and branches follow
//     the data, so only for text that is public anyway: token segments, a
//     signature once it is part of a token.
#ifndef JWTCORE_BASE64URL_HPP
#define JWTCORE_BASE64URL_HPP

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t, std::uint32_t, std::uint64_t
#include <cstring>      // std::memcpy, for the word loads and stores of the fast encoder
#include <string_view>  // input text
#include <type_traits>  // std::is_same_v

#include "bytes.hpp"
#if JWTCORE_SHA256_SHANI
// x86-64 with GCC or clang, hardware kernels allowed: the fast encoder has an
// SSSE3 loop, used where the SHA-256 dispatcher chose SHA-NI (every CPU with
// SHA-NI has SSSE3, and the dispatcher checks both, once).
// (Read only where the SSSE3 helpers are defined: see JWTCORE_SEPARATE_COMPILATION.)
#if JWTCORE_DEFINE_ENTRY_POINTS
#include <tmmintrin.h>  // SSSE3, under a per-function target attribute
#endif

#include "sha256.hpp"
#endif
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

// The characters of eight 6-bit values at once, one value per byte lane (lane
// k is character k): c = v + 'A', then corrections for v >= 26 (a..z), 52
// (0..9), 62 ('-') and 63 ('_'), each selected by a lane mask rather than a
// branch or a table. No lane ever leaves 0..255, so none carries into the next.
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

// The character of one 6-bit value with the same corrections as
// base64url_chars8, on one 32-bit word: the encoder of JWTCORE_SIZE_FIRST.
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

#if JWTCORE_SHA256_SHANI
// Twelve bytes to sixteen characters per step, for as many steps as leave at
// least 4 bytes after them (each step loads 16). Returns the bytes consumed.
// The bytes of each 3-byte group are first arranged so that two 16-bit
// multiplies move its four 6-bit fields into four byte lanes; then each lane
// gets the offset of its alphabet range ('A', 'a' - 26, '0' - 52, '-' - 62,
// '_' - 63) from a 16-entry shuffle table indexed by a small range number.
// That "table" is a register shuffle, not a memory access, and nothing
// branches on the data: this loop is constant time, and serves both codecs.
inline bool base64url_ssse3_usable() noexcept { return sha256_active_kernel() == sha256_kernel::sha_ni; }

JWTCORE_ENTRY_POINT __attribute__((target("ssse3"))) std::size_t base64url_encode_ssse3(const std::uint8_t* bytes,
                                                                                        std::size_t size,
                                                                                        char* out) noexcept;
#if JWTCORE_DEFINE_ENTRY_POINTS
JWTCORE_ENTRY_POINT __attribute__((target("ssse3"))) std::size_t base64url_encode_ssse3(const std::uint8_t* bytes,
                                                                                        std::size_t size,
                                                                                        char* out) noexcept {
  const __m128i spread = _mm_setr_epi8(1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10);
  const __m128i high_fields = _mm_set1_epi32(0x0fc0fc00), high_shift = _mm_set1_epi32(0x04000040);
  const __m128i low_fields = _mm_set1_epi32(0x003f03f0), low_shift = _mm_set1_epi32(0x01000010);
  // Range numbers: 13 for 0..25, 0 for 26..51, 1..10 for 52..61, 11 for 62, 12 for 63.
  const __m128i offsets = _mm_setr_epi8(71, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -17, 32, 65, 0, 0);
  const __m128i last_letter = _mm_set1_epi8(51), first_lower = _mm_set1_epi8(26), upper = _mm_set1_epi8(13);
  std::size_t i = 0;
  for (; size - i >= 16; i += 12, out += 16) {
    const __m128i in = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i)), spread);
    const __m128i values = _mm_or_si128(_mm_mulhi_epu16(_mm_and_si128(in, high_fields), high_shift),
                                        _mm_mullo_epi16(_mm_and_si128(in, low_fields), low_shift));
    __m128i range = _mm_subs_epu8(values, last_letter);
    range = _mm_or_si128(range, _mm_and_si128(_mm_cmpgt_epi8(first_lower, values), upper));
    const __m128i text = _mm_add_epi8(values, _mm_shuffle_epi8(offsets, range));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), text);
  }
  return i;
}
#endif  // JWTCORE_DEFINE_ENTRY_POINTS
#endif

}  // namespace detail

// Encodes `size` bytes into out[0, capacity); returns the text length.
// Byte is char or std::uint8_t. Nothing is written when the buffer is too small.
// Six bytes (eight characters) at a time, by lane arithmetic (see
// base64url_chars8); a byte at a time under JWTCORE_SIZE_FIRST. Constant time
// either way: it encodes MACs.
template <class Byte>
constexpr result<std::size_t> base64url_encode_into(const Byte* bytes, std::size_t size, char* out,
                                                    std::size_t capacity) noexcept {
  static_assert(sizeof(Byte) == 1, "base64url encodes bytes");
  const std::size_t length = base64url_encoded_size(size);
  if (length > capacity) return error::buffer_too_small;
#if JWTCORE_SIZE_FIRST
  // One copy of the loop in an image: at run time, text goes through the
  // std::uint8_t form (constant evaluation cannot reinterpret it).
  if constexpr (!std::is_same_v<Byte, std::uint8_t>) {
    if (!JWTCORE_IS_CONSTANT_EVALUATED()) {
      return base64url_encode_into(reinterpret_cast<const std::uint8_t*>(bytes), size, out, capacity);
    }
  }
  // A byte at a time: the bits not yet written wait in `pending`.
  std::uint32_t pending = 0, bits = 0;
  std::size_t o = 0;
  for (std::size_t i = 0; i < size; ++i) {
    pending = pending << 8 | detail::byte_at(bytes, i);
    for (bits += 8; bits >= 6;) {
      bits -= 6;
      out[o++] = detail::base64url_char(pending >> bits & 63u);
    }
  }
  if (bits > 0) out[o] = detail::base64url_char(pending << (6 - bits) & 63u);
#else
  std::size_t i = 0, o = 0;
#if JWTCORE_SHA256_SHANI
  if (!JWTCORE_IS_CONSTANT_EVALUATED() && size >= 16 && detail::base64url_ssse3_usable()) {
    i = detail::base64url_encode_ssse3(reinterpret_cast<const std::uint8_t*>(bytes), size, out);
    o = i / 3 * 4;
  }
#endif
  for (; i + 6 <= size; i += 6, o += 8) {
    const std::uint64_t chars = detail::base64url_chars8(detail::base64url_spread_sextets(detail::base64url_load48(bytes + i, 6)));
    for (unsigned k = 0; k < 8; ++k) out[o + k] = static_cast<char>(chars >> (8 * k));
  }
  if (i < size) {
    const std::uint64_t chars =
        detail::base64url_chars8(detail::base64url_spread_sextets(detail::base64url_load48(bytes + i, size - i)));
    for (std::size_t k = 0; o + k < length; ++k) out[o + k] = static_cast<char>(chars >> (8 * k));
  }
#endif  // JWTCORE_SIZE_FIRST
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

  std::uint32_t trailing_bits = 0;
#if JWTCORE_SIZE_FIRST
  // A character at a time into a bit accumulator; a byte comes out whenever
  // eight bits are held. Which steps emit depends on positions only. About a
  // third of the code of the group-at-a-time loops below.
  std::uint32_t bits = 0;
  unsigned held = 0;
  for (std::size_t i = 0, o = 0; i < n; ++i) {
    bits = bits << 6 | detail::base64url_value(detail::byte_at(text.data(), i), invalid);
    held += 6;
    if (held >= 8) {
      held -= 8;
      if (length_ok) out[o++] = static_cast<Byte>(bits >> held);
    }
  }
  if (length_ok) trailing_bits = bits & ((1u << held) - 1);  // what the last character holds beyond its bytes
#else
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
#endif  // JWTCORE_SIZE_FIRST

  if (detail::declassify(padding | invalid | trailing_bits) != 0 || !length_ok) {
    if (length_ok) wipe(out, size);
    if (detail::declassify(padding) != 0) return error::bad_base64url_padding;
    if (detail::declassify(invalid) != 0) return error::bad_base64url_char;
    if (!length_ok) return error::bad_base64url_length;
    return error::bad_base64url_trailing_bits;
  }
  return size;
}

// ---- the table-driven codec, for public data only --------------------------

namespace detail {

inline constexpr std::uint8_t base64url_not_in_alphabet = 0x80;

struct base64url_public_tables {
  char encode[64];
  std::uint8_t decode[256];  // the sextet, or base64url_not_in_alphabet
};

constexpr base64url_public_tables make_base64url_public_tables() noexcept {
  base64url_public_tables t{};
  const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (std::size_t c = 0; c < 256; ++c) t.decode[c] = base64url_not_in_alphabet;
  for (std::uint8_t v = 0; v < 64; ++v) {
    t.encode[v] = alphabet[v];
    t.decode[static_cast<std::uint8_t>(alphabet[v])] = v;
  }
  return t;
}

inline constexpr base64url_public_tables base64url_public = make_base64url_public_tables();

// Encodes size bytes into exactly base64url_encoded_size(size) characters at
// out, which the caller has checked room for. The token paths call it on
// pieces of a payload: a piece whose size is a multiple of 3 ends on a whole
// group, so pieces concatenate to the encoding of the whole.

// `readable` (at least size) is how many bytes from `bytes` on may be read:
// the vector loop reads 4 bytes past the 12 it encodes, and a piece of a
// longer payload lets it run to the piece's end.
template <class Byte>
constexpr void base64url_encode_public_unchecked(const Byte* bytes, std::size_t size, char* out,
                                                 std::size_t readable) noexcept {
#if JWTCORE_SIZE_FIRST
  // The constant-time encoder, which a signer links anyway for the MAC.
  (void)readable;
  (void)base64url_encode_into(bytes, size, out, base64url_encoded_size(size));
#else
  const char* alphabet = base64url_public.encode;
  std::size_t i = 0;
#if JWTCORE_SHA256_SHANI
  if (!JWTCORE_IS_CONSTANT_EVALUATED() && size >= 12 && readable >= 16 && base64url_ssse3_usable()) {
    i = base64url_encode_ssse3(reinterpret_cast<const std::uint8_t*>(bytes), size / 12 * 12 + 4 <= readable ? size / 12 * 12 + 4 : readable, out);
    out += i / 3 * 4;
  }
#else
  (void)readable;
#endif
#if (defined(__GNUC__) || defined(__clang__)) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  // At run time: one 8-byte load (of which 6 bytes are used) and one 8-byte
  // store per group, instead of six and eight single-byte ones. Reading two
  // bytes ahead stays within the input; when the input lies ahead of the
  // output in the same buffer, the caller's gap covers them.
  if (!JWTCORE_IS_CONSTANT_EVALUATED()) {
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
  if (i < size) {
    const std::uint64_t x = base64url_load48(bytes + i, size - i);
    const std::size_t chars = base64url_encoded_size(size - i);
    for (std::size_t k = 0; k < chars; ++k) out[k] = alphabet[x >> (42 - 6 * k) & 63];
  }
#endif  // JWTCORE_SIZE_FIRST
}

// Which rule refused text that the fast decoder found wrong, in the precedence
// of the constant-time decoder: padding, then a character, then `otherwise`
// (the length or the trailing bits, whichever the caller saw).
constexpr error base64url_public_refusal(std::string_view text, error otherwise) noexcept {
  bool padding = false, outside = false;
  for (const char c : text) {
    padding = padding || c == '=';
    outside = outside || base64url_public.decode[static_cast<std::uint8_t>(c)] == base64url_not_in_alphabet;
  }
  if (padding) return error::bad_base64url_padding;
  if (outside) return error::bad_base64url_char;
  return otherwise;
}

constexpr bool base64url_has_padding(std::string_view text) noexcept {
  for (const char c : text) {
    if (c == '=') return true;
  }
  return false;
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
  detail::base64url_encode_public_unchecked(bytes, size, out, size);
  return length;
}

constexpr result<std::size_t> base64url_encode_public_into(std::string_view bytes, char* out,
                                                           std::size_t capacity) noexcept {
  return base64url_encode_public_into(bytes.data(), bytes.size(), out, capacity);
}

// base64url_decode_into for public data: the same strictness, the same errors
// in the same precedence, the same "nothing decoded is left in out on
// failure"; table-driven, with branches on the text (see the top of this file).
#if JWTCORE_SHA256_SHANI
namespace detail {
// Sixteen characters to twelve bytes per step, for the first `chars` (a
// multiple of 16) characters of text. Each character's value comes from
// range tests (a byte from 0x80 on is negative, so in no range); a character
// in no range sets the returned flag, and what it decoded to is then
// discarded by the caller. Two multiply-adds pack four 6-bit values into
// three bytes; a shuffle puts the bytes in order. Writes exactly 12 bytes per
// step. For public text only, like the rest of this codec.
JWTCORE_ENTRY_POINT __attribute__((target("ssse3"))) bool base64url_decode_public_ssse3(const char* text,
                                                                                        std::size_t chars,
                                                                                        std::uint8_t* out) noexcept;
#if JWTCORE_DEFINE_ENTRY_POINTS
JWTCORE_ENTRY_POINT __attribute__((target("ssse3"))) bool base64url_decode_public_ssse3(const char* text,
                                                                                        std::size_t chars,
                                                                                        std::uint8_t* out) noexcept {
  const __m128i before_upper = _mm_set1_epi8('A' - 1), after_upper = _mm_set1_epi8('Z' + 1);
  const __m128i before_lower = _mm_set1_epi8('a' - 1), after_lower = _mm_set1_epi8('z' + 1);
  const __m128i before_digit = _mm_set1_epi8('0' - 1), after_digit = _mm_set1_epi8('9' + 1);
  const __m128i dash = _mm_set1_epi8('-'), underscore = _mm_set1_epi8('_');
  const __m128i pairs = _mm_set1_epi32(0x01400140), quads = _mm_set1_epi32(0x00011000);
  const __m128i order = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
  __m128i all_valid = _mm_set1_epi8(-1);
  for (std::size_t i = 0; i < chars; i += 16, out += 12) {
    const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + i));
    const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(c, before_upper), _mm_cmplt_epi8(c, after_upper));
    const __m128i lower = _mm_and_si128(_mm_cmpgt_epi8(c, before_lower), _mm_cmplt_epi8(c, after_lower));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(c, before_digit), _mm_cmplt_epi8(c, after_digit));
    const __m128i is_dash = _mm_cmpeq_epi8(c, dash), is_underscore = _mm_cmpeq_epi8(c, underscore);
    // value = c + offset of its range: 'A' -> 0, 'a' -> 26, '0' -> 52, '-' -> 62, '_' -> 63.
    __m128i offset = _mm_and_si128(upper, _mm_set1_epi8(-65));
    offset = _mm_or_si128(offset, _mm_and_si128(lower, _mm_set1_epi8(-71)));
    offset = _mm_or_si128(offset, _mm_and_si128(digit, _mm_set1_epi8(4)));
    offset = _mm_or_si128(offset, _mm_and_si128(is_dash, _mm_set1_epi8(17)));
    offset = _mm_or_si128(offset, _mm_and_si128(is_underscore, _mm_set1_epi8(-32)));
    all_valid = _mm_and_si128(all_valid, _mm_or_si128(_mm_or_si128(upper, lower),
                                                      _mm_or_si128(digit, _mm_or_si128(is_dash, is_underscore))));
    const __m128i values = _mm_add_epi8(c, offset);
    const __m128i twelve_bits = _mm_maddubs_epi16(values, pairs);       // v0 * 64 + v1, per 16 bits
    const __m128i packed = _mm_madd_epi16(twelve_bits, quads);          // (v0v1) * 4096 + v2v3, per 32 bits
    const __m128i bytes = _mm_shuffle_epi8(packed, order);
    _mm_storel_epi64(reinterpret_cast<__m128i*>(out), bytes);
    const int last_four = _mm_cvtsi128_si32(_mm_srli_si128(bytes, 8));
    std::memcpy(out + 8, &last_four, 4);
  }
  return _mm_movemask_epi8(all_valid) == 0xFFFF;
}
#endif  // JWTCORE_DEFINE_ENTRY_POINTS
}  // namespace detail
#endif

template <class Byte>
constexpr result<std::size_t> base64url_decode_public_into(std::string_view text, Byte* out,
                                                           std::size_t capacity) noexcept {
  static_assert(sizeof(Byte) == 1, "base64url decodes to bytes");
#if JWTCORE_SIZE_FIRST
  return base64url_decode_into(text, out, capacity);  // the same contract, without the 320 bytes of tables
#else
  const std::size_t n = text.size(), rest = n % 4;
  if (rest == 1) return detail::base64url_public_refusal(text, error::bad_base64url_length);
  const std::size_t size = base64url_decoded_size(n);
  if (size > capacity) {
    return detail::base64url_has_padding(text) ? error::bad_base64url_padding : error::buffer_too_small;
  }
  const std::uint8_t* table = detail::base64url_public.decode;
  const char* p = text.data();
  // The table entries are OR-ed together: one byte outside the alphabet sets
  // base64url_not_in_alphabet in `seen`, so the loop needs no branch per byte.
  std::uint32_t seen = 0, trailing_bits = 0;
  std::size_t i = 0, o = 0;
#if JWTCORE_SHA256_SHANI
  if (!JWTCORE_IS_CONSTANT_EVALUATED() && n >= 16 && detail::base64url_ssse3_usable()) {
    i = (n - rest) / 16 * 16;
    o = i / 4 * 3;
    if (!detail::base64url_decode_public_ssse3(p, i, reinterpret_cast<std::uint8_t*>(out))) {
      seen = detail::base64url_not_in_alphabet;
    }
  }
#endif
  for (const std::size_t whole = n - rest; i < whole; i += 4, o += 3) {
    const std::uint32_t a = table[static_cast<std::uint8_t>(p[i])], b = table[static_cast<std::uint8_t>(p[i + 1])],
                        c = table[static_cast<std::uint8_t>(p[i + 2])], d = table[static_cast<std::uint8_t>(p[i + 3])];
    seen |= a | b | c | d;
    const std::uint32_t v = a << 18 | b << 12 | c << 6 | d;
    out[o] = static_cast<Byte>(v >> 16);
    out[o + 1] = static_cast<Byte>(v >> 8);
    out[o + 2] = static_cast<Byte>(v);
  }
  if (rest == 2) {
    const std::uint32_t a = table[static_cast<std::uint8_t>(p[i])], b = table[static_cast<std::uint8_t>(p[i + 1])];
    seen |= a | b;
    const std::uint32_t v = a << 6 | b;
    out[o] = static_cast<Byte>(v >> 4);
    trailing_bits = v & 0x0f;
  } else if (rest == 3) {
    const std::uint32_t a = table[static_cast<std::uint8_t>(p[i])], b = table[static_cast<std::uint8_t>(p[i + 1])],
                        c = table[static_cast<std::uint8_t>(p[i + 2])];
    seen |= a | b | c;
    const std::uint32_t v = a << 12 | b << 6 | c;
    out[o] = static_cast<Byte>(v >> 10);
    out[o + 1] = static_cast<Byte>(v >> 2);
    trailing_bits = v & 0x03;
  }
  if ((seen & detail::base64url_not_in_alphabet) != 0 || trailing_bits != 0) {
    for (std::size_t k = 0; k < size; ++k) out[k] = Byte{};
    return detail::base64url_public_refusal(text, error::bad_base64url_trailing_bits);
  }
  return size;
#endif  // JWTCORE_SIZE_FIRST
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
