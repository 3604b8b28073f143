// jwtcore/json_reader.hpp: the strict RFC 8259 reader the verifier runs on attacker-
// controlled JSON: one validating pass under explicit limits, which hands the
// top-level members to its caller as it goes, then read-only views to find
// members, compare or decode strings and read numbers. No heap, recursion or OS calls.
#ifndef JWTCORE_JSON_READER_HPP
#define JWTCORE_JSON_READER_HPP

#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t, std::uint64_t, std::int32_t, std::uint32_t, std::uint8_t
#include <string_view>  // the input text and every view handed back into it
#include <type_traits>  // std::is_same_v, for the pass that hands no member over

#include "bytes.hpp"              // error, result<T>, detail::slice; <cstring> for std::memcpy
#include "detail/dispatch.hpp"   // vector_kernels, whether the SSE2 scan runs; json_block_stops_sse2
#include "detail/utf8.hpp"       // the one UTF-8 rule, shared with the writer

namespace jwtcore {

// The depth bits live on the stack (json_max_depth_cap / 8 bytes): a larger json_limits::max_depth counts as this.
inline constexpr std::size_t json_max_depth_cap = 1024;

// What a hostile document may cost, each limit checked before the work it
// bounds. The pass reads each byte once and compares each name with the
// earlier names of its object in a small table while the open objects' names
// fit there; after that, each object is walked again when it closes, 32 names
// per walk (detail::json_check_members). So validation costs at most about
//   size * min(depth, max_depth) * (1 + ceil(max_members / 32))  byte steps
// plus max_members * size / 2 byte comparisons: linear in the size, never quadratic.
struct json_limits {
  std::size_t max_size = std::size_t{1} << 20;  // bytes; more is too_large before any is read
  std::size_t max_depth = 64;     // containers open at once (the top level is 1); more is too_deep
  std::size_t max_members = 256;  // members of one object; more is too_large
};

// The kind of a value; none is "no value" (a member that is not there).
enum class json_kind : std::uint8_t { none, object, array, string, number, true_value, false_value, null_value };

constexpr std::string_view to_string(json_kind k) noexcept {
  constexpr std::string_view names[] = {"none"sv,   "object"sv, "array"sv, "string"sv,
                                        "number"sv, "true"sv,   "false"sv, "null"sv};
  return static_cast<std::size_t>(k) < 8 ? names[static_cast<std::size_t>(k)] : "unknown";
}

// Where a number lies against the int64 range.
enum class json_range : std::uint8_t { in_range, above_max, below_min };

// A JSON number read as a NumericDate (RFC 7519 section 2): whole seconds,
// floor(value) (1.5 -> 1, -1.5 -> -2, -1e-400 -> -1), clamped to the int64
// range with range saying which way; had_fraction: the floor dropped a fraction.
struct json_numeric_date {
  std::int64_t seconds = 0;
  json_range range = json_range::in_range;
  bool had_fraction = false;
};

namespace detail {

inline constexpr std::size_t json_npos = static_cast<std::size_t>(-1);

// ' ', '\t', '\n' and '\r' as bits 31, 8, 9 and 12 of a 32-bit word, one less than the bytes.
constexpr bool json_is_space(char c) noexcept {
  const unsigned bit = static_cast<std::uint8_t>(c) - 1u;
  return bit < 32 && ((0x80001300u >> bit) & 1u) != 0;
}
constexpr bool json_is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

constexpr std::size_t json_skip_space(std::string_view s, std::size_t pos) noexcept {
  while (pos < s.size() && json_is_space(s[pos])) ++pos;
  return pos;
}

// Past the byte c at s[pos] or after the space there, or json_npos when another byte (or none) comes first.
[[gnu::always_inline]] constexpr std::size_t json_past(std::string_view s, std::size_t pos, char c) noexcept {
  if (pos < s.size() && s[pos] == c) return pos + 1;  // compact text: no space to skip
  pos = json_skip_space(s, pos);
  return pos < s.size() && s[pos] == c ? pos + 1 : json_npos;
}

// The four hex digits at s[pos, pos + 4) as a code unit, or -1.
constexpr std::int32_t json_hex4(std::string_view s, std::size_t pos) noexcept {
  if (pos > s.size() || s.size() - pos < 4) return -1;
  std::int32_t unit = 0;
  for (std::size_t i = pos; i < pos + 4; ++i) {
    const unsigned c = static_cast<std::uint8_t>(s[i]);
    const unsigned d = c - '0' < 10 ? c - '0' : (c | 0x20) - 'a' < 6 ? (c | 0x20) - 'a' + 10 : 16;
    if (d > 15) return -1;
    unit = unit * 16 + static_cast<std::int32_t>(d);
  }
  return unit;
}

constexpr bool json_is_high_surrogate(std::int32_t u) noexcept { return u >= 0xD800 && u <= 0xDBFF; }
constexpr bool json_is_low_surrogate(std::int32_t u) noexcept { return u >= 0xDC00 && u <= 0xDFFF; }

// The byte a one-letter escape stands for, or -1 for a letter RFC 8259 does not list.
constexpr std::int32_t json_simple_escape(char letter) noexcept {
  const std::size_t i = "\"\\/bfnrt"sv.find(letter);
  return i < 8 ? "\"\\/\b\f\n\r\t"[i] : -1;
}

// ---- the validating pass: untrusted text, never read outside s; each check returns where it ended ----

// The escape at s[pos] == '\\': its length (2, 6 or 12) and in cp the code
// point it stands for, or 0 when RFC 8259 does not allow it. A surrogate must
// come as a high-then-low pair of \u escapes: UTF-8 cannot carry a lone one.
constexpr std::size_t json_read_escape(std::string_view s, std::size_t pos, std::uint32_t& cp) noexcept {
  if (s.size() - pos < 2) return 0;
  if (s[pos + 1] != 'u') {
    const std::int32_t byte = json_simple_escape(s[pos + 1]);
    cp = static_cast<std::uint32_t>(byte);
    return byte < 0 ? 0 : 2;
  }
  const std::int32_t unit = json_hex4(s, pos + 2);
  cp = static_cast<std::uint32_t>(unit);
  if (unit < 0 || json_is_low_surrogate(unit)) return 0;
  if (!json_is_high_surrogate(unit)) return 6;
  const std::int32_t low = s.size() - pos >= 8 && s[pos + 6] == '\\' && s[pos + 7] == 'u' ? json_hex4(s, pos + 8) : -1;
  if (!json_is_low_surrogate(low)) return 0;
  cp = static_cast<std::uint32_t>(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
  return 12;
}

// Strings are most of a JWT payload, so plain text (no quote, backslash,
// control or non-ASCII byte) is skipped a machine word at a time; size_t is
// the widest integer that is cheap on every target.
using json_word = std::size_t;
inline constexpr json_word json_ones = static_cast<json_word>(-1) / 0xFF;  // 0x0101...01
inline constexpr json_word json_highs = json_ones * 0x80;                  // 0x8080...80

// The sizeof(Word) bytes at p, first byte lowest.
template <class Word>
constexpr Word json_load(const char* p) noexcept {
  Word w = 0;
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (!detail::is_constant_evaluated()) {
    std::memcpy(&w, p, sizeof(w));  // one unaligned load
    return w;
  }
#endif
  for (std::size_t i = 0; i < sizeof(Word); ++i) w |= static_cast<Word>(static_cast<std::uint8_t>(p[i])) << (8 * i);
  return w;
}

// The high bit of each byte of w that ends plain text: '"', '\\', below 0x20,
// 0x80 and up. Flipping bit 1 maps '"' to 0x20 and keeps the bytes below 0x20
// there, so one borrow below 0x21 finds both. A borrow runs upward from a
// flagged byte only, so the lowest flag is exact.
constexpr json_word json_string_stops(json_word w) noexcept {
  return (((w ^ json_ones * 2) - json_ones * 0x21) | ((w ^ json_ones * '\\') - json_ones) | w) & json_highs;
}

// The index of the lowest set bit of flags (not 0).
template <class Word>
constexpr std::size_t json_lowest_bit(Word flags) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  // The word's own width: a 64-bit count on a 32-bit target is a library call.
  if constexpr (sizeof(Word) > sizeof(unsigned)) {
    return static_cast<unsigned>(__builtin_ctzll(static_cast<unsigned long long>(flags)));
  } else {
    return static_cast<unsigned>(__builtin_ctz(static_cast<unsigned>(flags)));
  }
#else
  std::size_t i = 0;
  while (((flags >> i) & 1u) == 0) ++i;
  return i;
#endif
}

// The first byte at or after s[pos] that Keep refuses, or s.size(): a byte at a
// time (the small variant), or a word at a time where Stops flags the bytes.
template <bool (*Keep)(char)>
constexpr std::size_t json_skip_bytes(std::string_view s, std::size_t pos) noexcept {
  while (pos < s.size() && Keep(s[pos])) ++pos;
  return pos;
}

template <bool (*Keep)(char), json_word (*Stops)(json_word)>
[[gnu::always_inline]] constexpr std::size_t json_skip_words(std::string_view s, std::size_t pos) noexcept {
  for (; s.size() - pos >= sizeof(json_word); pos += sizeof(json_word)) {
    const json_word stops = Stops(json_load<json_word>(s.data() + pos));
    if (stops != 0) return pos + json_lowest_bit(stops) / 8;  // the first flagged byte
  }
  return json_skip_bytes<Keep>(s, pos);
}

constexpr bool json_is_plain(char c) noexcept {
  const auto byte = static_cast<std::uint8_t>(c);
  return byte != '"' && byte != '\\' && byte >= 0x20 && byte < 0x80;
}

// b - '0' borrows below '0', b + 0x46 carries into the high bit above '9'.
constexpr json_word json_digit_stops(json_word w) noexcept {
  return ((w - json_ones * '0') | (w + json_ones * 0x46) | w) & json_highs;
}

[[gnu::always_inline]] constexpr std::size_t json_skip_plain(std::string_view s, std::size_t pos) noexcept {
  return size_first ? json_skip_bytes<json_is_plain>(s, pos) : json_skip_words<json_is_plain, json_string_stops>(s, pos);
}

[[gnu::always_inline]] constexpr std::size_t json_skip_digits(std::string_view s, std::size_t pos) noexcept {
  return size_first ? json_skip_bytes<json_is_digit>(s, pos) : json_skip_words<json_is_digit, json_digit_stops>(s, pos);
}

// Bit i: s[base + i] ends plain text or lies past the end, for the 64 bytes
// from base, in a text of 64 bytes or more (the last 64 are read again,
// shifted past those before base).
inline std::uint64_t json_block_stops(std::string_view s, std::size_t base) noexcept {
  if (base >= s.size()) return ~std::uint64_t{0};
  const std::size_t left = s.size() - base;
  if (left >= 64) return json_block_stops_sse2(s.data() + base);
  return json_block_stops_sse2(s.data() + s.size() - 64) >> (64 - left) | ~std::uint64_t{0} << left;
}

// The pass's scan of plain string text. With the vector kernels, the stops of
// the block of 64 bytes around pos are known, so that where a string ends is
// a shift and a bit count away, off the path of loads and tests that leads
// from each string to the next; else json_skip_plain.
struct json_plain_scan {
  bool vectors;  // the vector kernels run and the text has 64 bytes or more
  std::size_t base;  // the block's first byte, a multiple of 64
  std::uint64_t stops;

  [[gnu::always_inline]] constexpr std::size_t skip(std::string_view s, std::size_t pos) noexcept {
    if (!x86_kernels || size_first || !vectors) return json_skip_plain(s, pos);  // (no blocks in the code)
    if ((pos ^ base) < 64) {  // pos is in the block
      const std::uint64_t ahead = stops >> (pos % 64);
      if (ahead != 0) return pos + json_lowest_bit(ahead);
    }
    return skip_blocks(s, pos);
  }

  // The same from the next block when pos is in this one, else from pos's;
  // out of line, so that the loads and constants of a block stay off the path above.
  [[gnu::noinline]] std::size_t skip_blocks(std::string_view s, std::size_t pos) noexcept {
    for (pos = (pos ^ base) < 64 ? base + 64 : pos;; pos = base + 64) {
      base = pos - pos % 64;
      stops = json_block_stops(s, base);
      if (const std::uint64_t ahead = stops >> (pos % 64); ahead != 0) return pos + json_lowest_bit(ahead);
    }
  }
};

// The rest of a string from s[pos], a byte that ends plain text: escapes,
// control bytes and UTF-8 sequences, until the closing quote.
constexpr result<std::size_t> json_check_string_rest(std::string_view s, std::size_t pos) noexcept {
  for (;; pos = json_skip_plain(s, pos)) {
    if (pos >= s.size()) return error::bad_json;  // no closing quote
    const auto byte = static_cast<std::uint8_t>(s[pos]);
    if (byte == '"') return pos + 1;
    if (byte == '\\') {
      std::uint32_t cp = 0;
      const std::size_t length = json_read_escape(s, pos, cp);
      if (length == 0) return error::bad_escape;
      pos += length;
    } else if (byte < 0x20) {
      return error::bad_json;  // RFC 8259 section 7: control characters must be escaped
    } else {
      const std::size_t length = utf8_sequence_length(s.data() + pos, s.size() - pos);
      if (length == 0) return error::bad_utf8;
      pos += length;
    }
  }
}

// Past one or more digits at s[pos], or json_npos when there is none.
[[gnu::always_inline]] constexpr std::size_t json_digits(std::string_view s, std::size_t pos) noexcept {
  return pos < s.size() && json_is_digit(s[pos]) ? json_skip_digits(s, pos + 1) : json_npos;
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at s[pos]; "01" stops after the 0.
[[gnu::always_inline]] constexpr result<std::size_t> json_check_number(std::string_view s, std::size_t pos) noexcept {
  const std::size_t n = s.size();
  if (pos < n && s[pos] == '-') ++pos;
  pos = pos < n && s[pos] == '0' ? pos + 1 : json_digits(s, pos);
  if (pos < n && s[pos] == '.') pos = json_digits(s, pos + 1);
  if (pos < n && (s[pos] == 'e' || s[pos] == 'E')) {
    pos += pos + 1 < n && (s[pos + 1] == '+' || s[pos + 1] == '-') ? 2u : 1u;
    pos = json_digits(s, pos);
  }
  if (pos == json_npos) return error::bad_json;
  return pos;
}

// A number, true, false or null at s[pos] (pos < s.size()); anything else there is bad_json.
[[gnu::always_inline]] constexpr result<std::size_t> json_check_scalar(std::string_view s, std::size_t pos) noexcept {
  const char c = s[pos];
  if (c == '-' || json_is_digit(c)) return json_check_number(s, pos);
  const std::string_view word(c == 't' ? "true" : c == 'f' ? "false" : "null", c == 'f' ? 5 : 4);
  if (slice(s, pos, word.size()) != word) return error::bad_json;
  return pos + word.size();
}

// ---- walking validated text: every step still bounded by s.size() ----

// Past the string whose opening quote is s[pos].
constexpr std::size_t json_skip_string(std::string_view s, std::size_t pos) noexcept {
  for (++pos; pos < s.size(); pos += s[pos] == '\\' ? 2u : 1u) {
    if (s[pos] == '"') return pos + 1;
  }
  return s.size();
}

// The ',' or closing bracket that ends the entry at s[pos] of a container in
// validated text (brackets counted outside strings), or s.size().
constexpr std::size_t json_entry_end(std::string_view s, std::size_t pos) noexcept {
  for (std::size_t open = 0; pos < s.size(); ++pos) {
    const char c = s[pos];
    if (c == '"') pos = json_skip_string(s, pos) - 1;
    if (c == '{' || c == '[') ++open;
    if ((c == '}' || c == ']' || c == ',') && open == 0) return pos;
    if (c == '}' || c == ']') --open;
  }
  return s.size();
}

constexpr json_kind json_kind_at(std::string_view s, std::size_t pos) noexcept {
  const char c = pos < s.size() ? s[pos] : '\0';
  return c == '{' ? json_kind::object : c == '[' ? json_kind::array : c == '"' ? json_kind::string
         : c == 't' ? json_kind::true_value : c == 'f' ? json_kind::false_value : c == 'n' ? json_kind::null_value
         : json_is_digit(c) || c == '-' ? json_kind::number : json_kind::none;
}

// One member ("name": value) or element (value) of a container.
struct json_entry {
  std::size_t name_begin = 0, name_end = 0;    // the name with its quotes (members only)
  std::size_t value_begin = 0, value_end = 0;  // the value's exact text
  std::size_t next = json_npos;                // where the next entry starts, or json_npos after the last
};

// Reads the entry at s[pos] in a container's text; false, with entry untouched, when there is none.
constexpr bool json_read_entry(std::string_view s, std::size_t pos, bool member, json_entry& entry) noexcept {
  if (pos >= s.size() || s[pos] == '}' || s[pos] == ']') return false;
  if (member) {
    entry.name_begin = pos;
    entry.name_end = json_skip_string(s, pos);
    pos = json_skip_space(s, json_skip_space(s, entry.name_end) + 1);  // past the ':'
  }
  const std::size_t end = json_entry_end(s, pos);
  entry.value_begin = pos;
  for (entry.value_end = end; entry.value_end > pos && json_is_space(s[entry.value_end - 1]);) --entry.value_end;
  entry.next = end < s.size() && s[end] == ',' ? json_skip_space(s, end + 1) : json_npos;
  return true;
}

// The text between the quotes of a string's raw text.
constexpr std::string_view json_string_body(std::string_view raw) noexcept {
  return raw.size() >= 2 ? std::string_view(raw.data() + 1, raw.size() - 2) : std::string_view();
}

constexpr bool json_has_escape(std::string_view body) noexcept {
  for (const char c : body) {
    if (c == '\\') return true;
  }
  return false;
}

// The decoded bytes of a string body one at a time, to measure and compare strings without a buffer.
class json_string_decoder {
 public:
  constexpr explicit json_string_decoder(std::string_view body) noexcept : body_(body) {}

  // The next decoded byte in out; false at the end (or at a malformed escape).
  constexpr bool next(char& out) noexcept {
    if (left_ == 0) {  // nothing held: the next byte or escape
      if (pos_ >= body_.size()) return false;
      if (body_[pos_] != '\\') {
        out = body_[pos_++];
        return true;
      }
      const std::size_t used = json_read_escape(body_, pos_, cp_);
      pos_ = used == 0 ? body_.size() : pos_ + used;
      if (used == 0) return false;
      left_ = cp_ < 0x80 ? 1 : cp_ < 0x800 ? 2 : cp_ < 0x10000 ? 3 : 4;
      lead_ = left_ == 1 ? 0u : 0xFF00u >> left_;
    }
    // UTF-8: six bits per continuation byte, the rest in the lead byte, whose
    // top bits count the bytes (none for one byte).
    const std::uint32_t bits = cp_ >> (6 * --left_);
    out = static_cast<char>(static_cast<std::uint8_t>(lead_ != 1 ? lead_ | bits : 0x80 | (bits & 0x3F)));
    lead_ = 1;
    return true;
  }

 private:
  std::string_view body_;
  std::size_t pos_ = 0;
  std::uint32_t cp_ = 0;  // a \u escape's code point, whose left_ last UTF-8 bytes are still to come
  unsigned left_ = 0;
  unsigned lead_ = 0;  // the lead byte's top bits (0 for one byte); 1 once the lead byte is out
};

// Whether a string body decodes to exactly text.
constexpr bool json_body_equals(std::string_view body, std::string_view text) noexcept {
  if (!size_first && !json_has_escape(body)) return body == text;  // raw UTF-8 is its own decoding
  json_string_decoder decoder(body);
  std::size_t i = 0;
  for (char c = 0; decoder.next(c); ++i) {
    if (i >= text.size() || text[i] != c) return false;
  }
  return i == text.size();
}

// Decodes a string body, writing its first capacity bytes to out; returns its decoded size.
constexpr std::size_t json_decode_body(std::string_view body, char* out, std::size_t capacity) noexcept {
  json_string_decoder decoder(body);
  std::size_t size = 0;
  for (char c = 0; decoder.next(c); ++size) {
    if (size < capacity) out[size] = c;
  }
  return size;
}

// ---- member names --------------------------------------------------------

// A member name as one integer, for the duplicate check and for lookups: the
// length of its decoded text (at most 255) in the top byte, its first seven
// decoded bytes below, first lowest. Equal tags settle equality for names of
// up to seven bytes; longer names with equal tags are compared in full.
constexpr std::uint64_t json_name_tag_from(std::uint64_t first_bytes, std::size_t size) noexcept {
  const std::uint64_t kept = ~(~std::uint64_t{0} << (size < 7 ? 8 * size : 56));
  return (first_bytes & kept) | std::uint64_t{size < 255 ? size : 255} << 56;
}

// The tag of a string body s[begin, end) without escapes (raw UTF-8 is its own decoding).
[[gnu::always_inline]] constexpr std::uint64_t json_plain_name_tag(std::string_view s, std::size_t begin,
                                                                   std::size_t end) noexcept {
  std::uint64_t first = 0;
  if (s.size() - begin >= 8) {
    first = json_load<std::uint64_t>(s.data() + begin);  // what follows the name is masked off
  } else {
    for (std::size_t i = begin; i < end && i < begin + 7; ++i) {
      first |= std::uint64_t{static_cast<std::uint8_t>(s[i])} << (8 * (i - begin));
    }
  }
  return json_name_tag_from(first, end - begin);
}

// The tag of an escaped string body, from its decoding.
[[gnu::noinline]] constexpr std::uint64_t json_escaped_name_tag(std::string_view body) noexcept {
  char first[8] = {};
  const std::size_t size = json_decode_body(body, first, 7);
  return json_name_tag_from(json_load<std::uint64_t>(first), size);
}

// The tag of the string body s[begin, end); where code size comes first, always from its decoding.
[[gnu::always_inline]] constexpr std::uint64_t json_name_tag(std::string_view s, std::size_t begin, std::size_t end,
                                                             bool escaped) noexcept {
  return escaped || size_first ? json_escaped_name_tag(slice(s, begin, end - begin))
                                       : json_plain_name_tag(s, begin, end);
}

// The tag of a name given as plain text ("exp"), for lookups: a backslash in it is no escape.
constexpr std::uint64_t json_name_tag(std::string_view name) noexcept {
  return json_plain_name_tag(name, 0, name.size());
}

// Whether two raw name bodies decode to the same bytes.
constexpr bool json_names_equal(std::string_view a, std::string_view b) noexcept {
  if (!size_first && (a == b || !(json_has_escape(a) || json_has_escape(b)))) return a == b;
  json_string_decoder da(a), db(b);
  for (char ca = 0, cb = 0;;) {
    const bool more = da.next(ca);
    if (more != db.next(cb) || (more && ca != cb)) return false;
    if (!more) return true;
  }
}

// ---- member checks on validated text ------------------------------------------------

// The opening quote of the string whose closing quote is s[close], in validated
// text: a quote opens a string when an even number of backslashes precede it.
constexpr std::size_t json_string_open(std::string_view s, std::size_t close) noexcept {
  for (std::size_t quote = close;;) {
    do --quote;
    while (s[quote] != '"');
    std::size_t run = quote;  // the backslashes just before the quote
    while (s[run - 1] == '\\') --run;
    if ((quote - run) % 2 == 0) return quote;
  }
}

// The '{' or '[' that opens the container whose closing bracket is s[close], in validated text.
constexpr std::size_t json_container_open(std::string_view s, std::size_t close) noexcept {
  std::size_t open = 0;
  for (std::size_t pos = close;; --pos) {
    const char c = s[pos];
    if (c == '"') {
      pos = json_string_open(s, pos);
    } else if (c == '}' || c == ']') {
      ++open;
    } else if ((c == '{' || c == '[') && --open == 0) {
      return pos;
    }
  }
}

// For the object whose '{' is s[open] in validated text: too_many when it has
// more than max_members members, else duplicate when it names a member twice.
// Its names are the strings at its own level that a ':' follows. Each walk
// remembers the next 32 names and compares every later name with them, so m
// members cost ceil(m / 32) walks; the first one also counts.
constexpr void json_check_members(std::string_view s, std::size_t open, std::size_t max_members, bool& too_many,
                                  bool& duplicate) noexcept {
  constexpr std::size_t remembered = 32;
  // The first walk counts every member, past a known duplicate: too_large comes first.
  for (std::size_t from = open + 1, walk = 0; from != json_npos && (walk == 0 || !duplicate); ++walk) {
    std::string_view names[remembered] = {};
    std::size_t held = 0, count = 0, nest = 0, pos = from;
    for (from = json_npos;; ++pos) {
      const char c = s[pos];
      if (c == '"') {
        const std::size_t end = json_skip_string(s, pos);
        if (nest == 0 && s[json_skip_space(s, end)] == ':') {
          if (walk == 0 && ++count > max_members) {
            too_many = true;
            return;
          }
          const std::string_view name = slice(s, pos + 1, end - pos - 2);
          for (std::size_t i = 0; i < held && !duplicate; ++i) duplicate = json_names_equal(names[i], name);
          if (held < remembered) {
            names[held++] = name;
            if (held == remembered) from = end;  // where the next walk's names begin
          }
        }
        pos = end - 1;
      } else if (c == '{' || c == '[') {
        ++nest;
      } else if ((c == '}' || c == ']') && nest-- == 0) {
        break;
      }
    }
  }
}

// ---- numbers ----

// A validated JSON number as a NumericDate, from its digits without floating
// point, for any number of digits.
constexpr json_numeric_date json_read_numeric_date(std::string_view raw) noexcept {
  // Counts and exponents saturate at 2^29, far past any real input, so that
  // their sums below stay inside int32.
  constexpr std::int32_t cap = std::int32_t{1} << 29;
  const bool negative = !raw.empty() && raw[0] == '-';
  std::uint64_t magnitude = 0;  // trunc(|x|), while below 10^19
  bool huge = false, fraction = false;
  // The digits and at most one '.' lie in raw[begin, end); the exponent follows.
  const std::size_t begin = negative ? 1 : 0;
  std::size_t end = begin;
  std::int32_t point = 0;  // where the point falls, in digits from the first one
  bool seen_point = false;
  for (; end < raw.size() && raw[end] != 'e' && raw[end] != 'E'; ++end) {
    seen_point = seen_point || raw[end] == '.';
    if (!seen_point && point < cap) ++point;
  }
  std::int32_t exponent = 0;
  std::size_t pos = end + 1;
  const bool negative_exponent = pos < raw.size() && raw[pos] == '-';
  if (pos < raw.size() && (raw[pos] == '+' || raw[pos] == '-')) ++pos;
  for (; pos < raw.size(); ++pos) exponent = exponent >= cap / 10 ? cap : exponent * 10 + (raw[pos] - '0');
  point += negative_exponent ? -exponent : exponent;

  // Digit by digit, zeros after the last one: those before the point make the
  // magnitude, the first non-zero one after it the fraction. A zero magnitude
  // stays zero however far the point lies, so the walk past the digits stops.
  unsigned significant = 0;  // digits of the magnitude from its first non-zero one
  for (std::size_t i = begin; i < end || (point > 0 && significant != 0); ++i) {
    const char c = i < end ? raw[i] : '0';
    if (c == '.') continue;
    if (point <= 0) {  // (left there, however many fraction digits follow)
      fraction = c != '0';
      if (fraction) break;
      continue;
    }
    --point;
    if ((significant != 0 || c != '0') && ++significant > 19) {
      huge = true;  // at least 10^19 (checked before the digit is taken: it could wrap)
      break;
    }
    magnitude = magnitude * 10 + static_cast<std::uint64_t>(c - '0');
  }
  // floor(-m.f) = -(m + 1), m + 1 cannot wrap below 10^19; then clamped to the int64 range.
  if (negative && fraction) ++magnitude;
  const std::uint64_t limit = std::uint64_t{0x7FFFFFFFFFFFFFFF} + (negative ? 1u : 0u);
  json_numeric_date date{0, json_range::in_range, fraction};
  if (huge || magnitude > limit) {
    magnitude = limit;
    date.range = negative ? json_range::below_min : json_range::above_max;
  }
  date.seconds = !negative ? static_cast<std::int64_t>(magnitude)
                 : magnitude == 0 ? 0 : -1 - static_cast<std::int64_t>(magnitude - 1);
  return date;
}

struct json_access;

}  // namespace detail

// ---- views ---------------------------------------------------------------------------

struct json_member;
template <bool Members> class json_list;
using json_members = json_list<true>;
using json_elements = json_list<false>;

// A read-only view of one value inside validated text (only the parse
// functions and the iterators make one), pointing into the caller's buffer,
// which must outlive it. A default json_value is none: no value.
class json_value {
 public:
  constexpr json_value() noexcept = default;

  constexpr json_kind kind() const noexcept { return kind_; }
  // False for none, e.g. the result of find() for a missing member.
  constexpr explicit operator bool() const noexcept { return kind_ != json_kind::none; }
  // The value's exact text: strings keep their quotes and escapes.
  constexpr std::string_view raw() const noexcept { return raw_; }

  // find() compares decoded names ("\u0061" finds "a"); none when this is not
  // an object or has no such member. members() and elements() are empty for other kinds.
  constexpr json_value find(std::string_view name) const noexcept;
  constexpr json_members members() const noexcept;
  constexpr json_elements elements() const noexcept;

  // Strings: another kind is never equal, and bad_claim for the others.
  constexpr bool string_equals(std::string_view text) const noexcept {
    return kind_ == json_kind::string && detail::json_body_equals(detail::json_string_body(raw_), text);
  }
  // Bytes of the decoded string.
  constexpr result<std::size_t> string_size() const noexcept {
    if (kind_ != json_kind::string) return error::bad_claim;
    return detail::json_decode_body(detail::json_string_body(raw_), nullptr, 0);
  }
  // Unescapes the string into out[0, capacity) and returns its length (no
  // terminating NUL; a \u0000 escape gives a NUL byte). When it does not fit:
  // buffer_too_small, and nothing is written.
  constexpr result<std::size_t> decode_string(char* out, std::size_t capacity) const noexcept {
    const result<std::size_t> size = string_size();
    if (!size) return size;
    if (*size > capacity) return error::buffer_too_small;
    return detail::json_decode_body(detail::json_string_body(raw_), out, capacity);
  }

  // Numbers. as_int64: the exact value when it is an integer (1, -0, 1.0, 1e3,
  // 12.5e1) within the int64 range; 1.5, 2^63 or a non-number is bad_claim.
  constexpr result<std::int64_t> as_int64() const noexcept {
    const result<json_numeric_date> date = as_numeric_date();
    if (!date || date->had_fraction || date->range != json_range::in_range) return error::bad_claim;
    return date->seconds;
  }
  // A NumericDate: any JSON number, floored and clamped with the clamping
  // reported, so a verifier can refuse 1e309 rather than wrap it. Not a number: bad_claim.
  constexpr result<json_numeric_date> as_numeric_date() const noexcept {
    if (kind_ != json_kind::number) return error::bad_claim;
    return detail::json_read_numeric_date(raw_);
  }

  // true and false; anything else is bad_claim.
  constexpr result<bool> as_bool() const noexcept {
    if (kind_ == json_kind::true_value) return true;
    if (kind_ == json_kind::false_value) return false;
    return error::bad_claim;
  }

 private:
  friend struct detail::json_access;
  constexpr json_value(std::string_view raw, json_kind kind) noexcept : raw_(raw), kind_(kind) {}

  std::string_view raw_{};
  json_kind kind_ = json_kind::none;
};

// A member of an object: its name (a string value) and its value.
struct json_member {
  json_value name;
  json_value value;
};

namespace detail {
struct json_access {
  // The value at s[begin, end); its kind comes from its first byte.
  static constexpr json_value make(std::string_view s, std::size_t begin, std::size_t end) noexcept {
    if (begin >= end || end > s.size()) return json_value();
    return json_value(std::string_view(s.data() + begin, end - begin), json_kind_at(s, begin));
  }
};
}  // namespace detail

// Forward iterators over the members of an object or the elements of an array,
// for range-for. Iterators of different containers do not compare meaningfully.
template <bool Members>
class json_iterator {
  using item = std::conditional_t<Members, json_member, json_value>;

 public:
  constexpr json_iterator() noexcept = default;
  constexpr const item& operator*() const noexcept { return current_; }
  constexpr const item* operator->() const noexcept { return &current_; }
  constexpr json_iterator& operator++() noexcept {
    load(next_);
    return *this;
  }
  friend constexpr bool operator==(const json_iterator& a, const json_iterator& b) noexcept { return a.pos_ == b.pos_; }
  friend constexpr bool operator!=(const json_iterator& a, const json_iterator& b) noexcept { return a.pos_ != b.pos_; }

 private:
  friend class json_list<Members>;
  constexpr json_iterator(std::string_view text, std::size_t pos) noexcept : text_(text) { load(pos); }

  constexpr void load(std::size_t pos) noexcept {
    detail::json_entry entry{};  // left as it is (none) when there is no entry
    pos_ = detail::json_read_entry(text_, pos, Members, entry) ? pos : detail::json_npos;
    next_ = entry.next;
    const json_value value = detail::json_access::make(text_, entry.value_begin, entry.value_end);
    if constexpr (Members) {
      current_ = {detail::json_access::make(text_, entry.name_begin, entry.name_end), value};
    } else {
      current_ = value;
    }
  }

  std::string_view text_{};
  std::size_t pos_ = detail::json_npos;  // where the current entry starts; npos at the end
  std::size_t next_ = detail::json_npos;
  item current_{};
};

// The members of an object or the elements of an array (empty for any other kind).
template <bool Members>
class json_list {
 public:
  constexpr json_iterator<Members> begin() const noexcept {
    return json_iterator<Members>(text_, detail::json_skip_space(text_, 1));  // empty text: end()
  }
  constexpr json_iterator<Members> end() const noexcept { return {}; }
  constexpr bool empty() const noexcept { return begin() == end(); }

 private:
  friend class json_value;
  constexpr explicit json_list(std::string_view text) noexcept : text_(text) {}
  std::string_view text_;
};

constexpr json_members json_value::members() const noexcept {
  return json_members(kind_ == json_kind::object ? raw_ : std::string_view());
}

constexpr json_elements json_value::elements() const noexcept {
  return json_elements(kind_ == json_kind::array ? raw_ : std::string_view());
}

constexpr json_value json_value::find(std::string_view name) const noexcept {
  for (const json_member& member : members()) {
    if (member.name.string_equals(name)) return member.value;
  }
  return json_value();
}

// ---- the one pass -----------------------------------------------------------------------

// A member of the top-level object, as the pass hands it to its caller.
struct json_top_member {
  std::uint64_t tag = 0;        // detail::json_name_tag of its name
  std::string_view name;        // the raw name, between its quotes
  bool name_escaped = false;    // the name holds an escape (its decoding differs from its raw text)
  json_value value;
  bool value_escaped = false;   // a string value that holds an escape

  // Whether the name decodes to exactly text.
  constexpr bool name_is(std::string_view text) const noexcept { return detail::json_body_equals(name, text); }
};

// Called by json_read for each top-level member, in text order, as soon as
// its value has been read: before the rest of the text is, so the member is
// only a candidate until json_read has returned a value.
using json_member_sink = void (*)(void* context, const json_top_member& member) noexcept;

namespace detail {

// Whether the names whose opening quotes are s[a] and s[b] are the same, given that their tags are equal.
[[gnu::noinline]] constexpr bool json_same_tagged_name(std::string_view s, std::size_t a, std::size_t b, std::uint64_t tag) noexcept {
  if ((tag >> 56) < 8) return true;  // the tag holds every byte of both
  return json_names_equal(json_string_body(slice(s, a, json_skip_string(s, a) - a)),
                          json_string_body(slice(s, b, json_skip_string(s, b) - b)));
}

// One bit of a word for a tag: an object's names leave theirs in a word, and
// only a name whose bit is already there is compared with the earlier ones.
constexpr std::size_t json_name_bit(std::uint64_t tag) noexcept {
  return std::size_t{1} << ((tag * 0x9E3779B97F4A7C15u) >> 58 & (8 * sizeof(std::size_t) - 1));
}

// The pass's stack, left uninitialized at run time (each entry is written before it is read). Its table
// holds the names of the open objects, outermost first, each object's after a marker entry.
inline constexpr std::size_t json_names_cached = 32;
struct json_pass_state {
  std::uint32_t is_object[json_max_depth_cap / 32];  // bit d: the container at depth d + 1 is an object
  std::uint64_t tags[json_names_cached];              // json_name_tag; at a marker, the outer object's first
  std::size_t at[json_names_cached];                  // a name's opening quote; at a marker, json_name_bit's
};

// Whether the pass has a sink to call: a function pointer may be null; an
// object (a caller's own, whose call inlines) is always there.
template <class Sink>
constexpr bool json_sink_given(const Sink& sink) noexcept {
  if constexpr (std::is_pointer_v<Sink>) return sink != nullptr;
  return true;
}

// The one pass: grammar, strings, numbers, depth, member counts and duplicate
// names, left to right, with one bit per open container instead of recursion.
// The first grammar, UTF-8, escape or depth error in text order is the verdict;
// else too_large when an object has too many members, else duplicate_member.
// With CacheNames, names are compared by tag with the earlier ones of their
// object in the table as they are read; once a name or marker does not fit,
// the table is dropped and, as without CacheNames (less code, more time), each
// object is checked when it closes. Sink: json_member_sink, std::nullptr_t or an object called as one.
template <bool CacheNames, class Sink>
constexpr result<json_value> json_read_pass(std::string_view s, const json_limits& limits, Sink on_member,
                                            [[maybe_unused]] void* context, json_pass_state& state) noexcept {
  constexpr bool hands_members = !std::is_same_v<Sink, std::nullptr_t>;
  if (s.size() > limits.max_size) return error::too_large;
  const std::size_t n = s.size();
  const std::size_t max_depth = limits.max_depth < json_max_depth_cap ? limits.max_depth : json_max_depth_cap;
  std::size_t depth = 0;
  // The table holds state.tags[0, cached), json_npos once dropped; the innermost
  // object's names in it start at first; seen: json_name_bit of those names.
  std::size_t cached = CacheNames ? 0 : json_npos, first = 0, seen = 0;
  const std::size_t max_members = limits.max_members;
  bool in_object = false, name_next = false, too_many = false, duplicate = false;
  [[maybe_unused]] bool top_pending = false;  // a top-level member's name is read, its value not yet ended
  [[maybe_unused]] std::size_t top_value = 0;
  [[maybe_unused]] json_top_member top{};
  std::size_t pos = 0;
  const bool vectors = !size_first && n >= 64 && !is_constant_evaluated() && vector_kernels();
  json_plain_scan plain{vectors, 0, vectors ? json_block_stops(s, 0) : 0};
  // Each round reads a member's name (name_next) or a value, or skips space;
  // names and string values share one scan, so the pass has a single copy of it.
  for (;;) {
    if (pos >= n) return error::bad_json;
    const char c = s[pos];
    if (c == '"') {
      const std::size_t open = pos;
      pos = size_first ? pos + 1 : plain.skip(s, pos + 1);  // small: json_check_string_rest reads it all
      bool escaped = false;
      if (pos >= n || s[pos] != '"') {
        const result<std::size_t> after = json_check_string_rest(s, pos);
        if (!after) return after.error();
        escaped = json_has_escape(slice(s, pos, *after - pos));
        pos = *after - 1;
      }
      ++pos;  // past the closing quote
      if (name_next) {
        name_next = false;
        const bool tagged = CacheNames || (hands_members && depth == 1);
        const std::size_t close = pos - 1;
        const std::uint64_t tag = tagged ? json_name_tag(s, open + 1, close, escaped) : 0;
        if (cached < json_names_cached) {
          const std::size_t bit = json_name_bit(tag);
          for (std::size_t i = (seen & bit) != 0 ? first : cached; i < cached; ++i) {
            if (state.tags[i] == tag) duplicate = duplicate || json_same_tagged_name(s, state.at[i], open, tag);
          }
          seen |= bit;
          state.tags[cached] = tag;
          state.at[cached++] = open;
          if (cached - first > max_members) too_many = true, cached = json_npos;  // no later name needs a look
        } else {
          cached = json_npos;  // a name that does not fit: the table goes
        }
        pos = json_past(s, pos, ':');
        if (pos == json_npos) return error::bad_json;
        if (hands_members && depth == 1) {
          top_pending = true, top_value = json_skip_space(s, pos);
          top.tag = tag, top.name = slice(s, open + 1, close - open - 1);
          top.name_escaped = escaped, top.value_escaped = false;
        }
        continue;
      }
      if (hands_members && depth == 1) top.value_escaped = escaped;
    } else if (json_is_space(c)) {
      pos = json_skip_space(s, pos + 1);
      continue;
    } else if (name_next) {
      return error::bad_json;
    } else if (c == '{' || c == '[') {
      if (depth >= max_depth) return error::too_deep;
      in_object = name_next = c == '{';
      const std::uint32_t bit = std::uint32_t{1} << (depth % 32);
      state.is_object[depth / 32] = in_object ? state.is_object[depth / 32] | bit : state.is_object[depth / 32] & ~bit;
      ++depth;
      if (in_object && cached < json_names_cached) {
        state.tags[cached] = first;  // the marker
        state.at[cached++] = seen;
        first = cached, seen = 0;
      } else if (in_object) {
        cached = json_npos;  // a marker that does not fit: the table goes
      }
      pos = json_skip_space(s, pos + 1);
      // An empty container goes on to its closing bracket, below, like any other.
      if (!(pos < n && s[pos] == (in_object ? '}' : ']'))) continue;
    } else {
      const result<std::size_t> after = json_check_scalar(s, pos);
      if (!after) return after.error();
      pos = *after;
    }

    // A value has ended at pos: a ',' leads to the next entry, a bracket closes
    // the container, which is a value that has ended, and so on outwards.
    for (;;) {
      if (depth == 0) {
        if (json_skip_space(s, pos) != n) return error::bad_json;  // exactly one value
        if (too_many) return error::too_large;
        if (duplicate) return error::duplicate_member;
        return json_access::make(s, json_skip_space(s, 0), pos);
      }
      if constexpr (hands_members) {
        if (depth == 1 && top_pending) {
          top_pending = false;
          if (json_sink_given(on_member)) {
            top.value = json_access::make(s, top_value, pos);
            on_member(context, top);
          }
        }
      }
      if (const std::size_t next = json_past(s, pos, ','); next != json_npos) {
        pos = next;  // a trailing comma then meets '}' or ']' and fails
        name_next = in_object;
        break;
      }
      pos = json_skip_space(s, pos);
      if (pos >= n || s[pos] != (in_object ? '}' : ']')) return error::bad_json;
      ++pos;
      if (in_object && cached == json_npos && !too_many) {
        json_check_members(s, json_container_open(s, pos - 1), max_members, too_many, duplicate);
      } else if (in_object && cached != json_npos) {
        cached = first - 1;  // its marker goes too; then the names of the object around it
        seen = state.at[cached];
        first = static_cast<std::size_t>(state.tags[cached]);
      }
      --depth;
      in_object = depth > 0 && ((state.is_object[(depth - 1) / 32] >> ((depth - 1) % 32)) & 1u) != 0;
    }
  }
}

template <class Sink>
inline result<json_value> json_read_at_run_time(std::string_view text, const json_limits& limits, Sink on_member,
                                                void* context) noexcept {
  json_pass_state state;  // written before it is read (see json_pass_state)
  return json_read_pass<!size_first>(text, limits, on_member, context, state);
}

template <class Sink>
constexpr result<json_value> json_read_with(std::string_view text, const json_limits& limits, Sink on_member,
                                            void* context) noexcept {
  if (!detail::is_constant_evaluated()) return json_read_at_run_time(text, limits, on_member, context);
  json_pass_state state{};  // a constant expression may not leave it uninitialized
  return json_read_pass<!size_first>(text, limits, on_member, context, state);
}

constexpr result<json_value> json_object_only(const result<json_value>& value) noexcept {
  if (value && value->kind() != json_kind::object) return error::bad_payload;
  return value;
}

constexpr result<void> json_verdict(const result<json_value>& value) noexcept {
  if (!value) return value.error();
  return {};
}

}  // namespace detail

// ---- entry points ---------------------------------------------------------------------

// Validates text as exactly one JSON value under limits and returns a view of
// it, calling on_member, when given, with each member of a top-level object.
// Errors: too_large (size, members of one object), bad_json (grammar, control
// character in a string, trailing data, empty input), bad_utf8, bad_escape
// (unknown, short \u, lone surrogate), too_deep, duplicate_member; the first
// four in text order, then too_large, then duplicate_member. Under 1 KiB of stack.
constexpr result<json_value> json_read(std::string_view text, const json_limits& limits, json_member_sink on_member,
                                       void* context) noexcept {
  return detail::json_read_with(text, limits, on_member, context);
}

// As above with no member handed over (nor its code linked).
constexpr result<json_value> json_parse(std::string_view text, const json_limits& limits = {}) noexcept {
  return detail::json_read_with(text, limits, nullptr, nullptr);
}

// As json_read, and the value must be an object (else bad_payload), as a JWT header or payload is.
constexpr result<json_value> json_parse_object(std::string_view text, const json_limits& limits,
                                               json_member_sink on_member, void* context) noexcept {
  return detail::json_object_only(json_read(text, limits, on_member, context));
}

constexpr result<json_value> json_parse_object(std::string_view text, const json_limits& limits = {}) noexcept {
  return detail::json_object_only(json_parse(text, limits));
}

constexpr result<void> json_validate(std::string_view text, const json_limits& limits = {}) noexcept {
  return detail::json_verdict(json_parse(text, limits));
}

constexpr result<void> json_validate_object(std::string_view text, const json_limits& limits = {}) noexcept {
  return detail::json_verdict(json_parse_object(text, limits));
}

}  // namespace jwtcore

#endif  // JWTCORE_JSON_READER_HPP
