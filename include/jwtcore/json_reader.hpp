// jwtcore/json_reader.hpp: the strict RFC 8259 reader the verifier runs on attacker-
// controlled JSON: one validating pass under explicit limits, then read-only views to find
// members, compare or decode strings and read numbers. No heap, recursion, OS or libc calls.
#ifndef JWTCORE_JSON_READER_HPP
#define JWTCORE_JSON_READER_HPP

#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t, std::uint64_t, std::int32_t, std::uint32_t, std::uint8_t
#include <string_view>  // the input text and every view handed back into it

#include "bytes.hpp"         // error, result<T>, detail::slice
#include "detail/utf8.hpp"   // the one UTF-8 rule, shared with the writer

namespace jwtcore {

// The depth bits live on the stack (json_max_depth_cap / 8 bytes), so the depth
// limit has a fixed ceiling; a larger json_limits::max_depth counts as this.
inline constexpr std::size_t json_max_depth_cap = 1024;

// What a hostile document may cost. Every limit is checked before the work it
// bounds, so validation time is at most about
//   size * min(depth, max_depth) * ceil(max_members / 32)  byte steps
// plus max_members * size / 2 byte comparisons for duplicate names: linear in
// the size for fixed limits, never quadratic in it. The worst shape at these
// defaults (64 levels of 256 members over 1 MiB) takes about 0.2 s at -O2 on a
// current x86-64; at the verifier's 16 KiB token cap, well under a millisecond.
struct json_limits {
  // Bytes of input; a longer text is too_large before any of it is read.
  std::size_t max_size = std::size_t{1} << 20;
  // Objects and arrays open at once (the top-level container is depth 1);
  // deeper is too_deep. Values above json_max_depth_cap count as the cap.
  std::size_t max_depth = 64;
  // Members of one object; more is too_large. Duplicate names are found by
  // comparing names pairwise without a heap, so this bounds that square.
  std::size_t max_members = 256;
};

// The kind of a value; none is "no value" (a member that is not there).
enum class json_kind : std::uint8_t { none, object, array, string, number, true_value, false_value, null_value };

constexpr std::string_view to_string(json_kind k) noexcept {
  switch (k) {
    case json_kind::none: return "none";
    case json_kind::object: return "object";
    case json_kind::array: return "array";
    case json_kind::string: return "string";
    case json_kind::number: return "number";
    case json_kind::true_value: return "true";
    case json_kind::false_value: return "false";
    case json_kind::null_value: return "null";
  }
  return "unknown";
}

// Where a number lies against the int64 range.
enum class json_range : std::uint8_t { in_range, above_max, below_min };

// A JSON number read as a NumericDate (RFC 7519 section 2): whole seconds.
struct json_numeric_date {
  // floor(value): 1.5 -> 1, -1.5 -> -2, 1e-400 -> 0, -1e-400 -> -1; clamped to
  // INT64_MAX / INT64_MIN when out of range, and then range says which way.
  std::int64_t seconds = 0;
  json_range range = json_range::in_range;
  // The value had a non-zero fractional part, dropped by the floor.
  bool had_fraction = false;
};

namespace detail {

inline constexpr std::size_t json_npos = static_cast<std::size_t>(-1);

constexpr bool json_is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
constexpr bool json_is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

constexpr std::size_t json_skip_space(std::string_view s, std::size_t pos) noexcept {
  while (pos < s.size() && json_is_space(s[pos])) ++pos;
  return pos;
}

constexpr std::int32_t json_hex_digit(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The four hex digits at s[pos, pos + 4) as a code unit, or -1.
constexpr std::int32_t json_hex4(std::string_view s, std::size_t pos) noexcept {
  if (pos > s.size() || s.size() - pos < 4) return -1;
  std::int32_t unit = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const std::int32_t d = json_hex_digit(s[pos + i]);
    if (d < 0) return -1;
    unit = unit * 16 + d;
  }
  return unit;
}

constexpr bool json_is_high_surrogate(std::int32_t u) noexcept { return u >= 0xD800 && u <= 0xDBFF; }
constexpr bool json_is_low_surrogate(std::int32_t u) noexcept { return u >= 0xDC00 && u <= 0xDFFF; }

// The byte a one-letter escape stands for, or -1 for a letter RFC 8259 does not list.
constexpr std::int32_t json_simple_escape(char letter) noexcept {
  switch (letter) {
    case '"': return '"';
    case '\\': return '\\';
    case '/': return '/';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    default: return -1;
  }
}

// ---- the validating pass -------------------------------------------------------
// These check raw, untrusted text and return the position just past what they
// read. They never read outside s.

// The escape at s[pos] == '\\'. A \u escape of a surrogate must be one half of a
// high-then-low pair of \u escapes: UTF-8 cannot carry a lone surrogate.
constexpr result<std::size_t> json_check_escape(std::string_view s, std::size_t pos) noexcept {
  if (s.size() - pos < 2) return error::bad_escape;
  const char letter = s[pos + 1];
  if (letter != 'u') {
    if (json_simple_escape(letter) < 0) return error::bad_escape;
    return pos + 2;
  }
  const std::int32_t unit = json_hex4(s, pos + 2);
  if (unit < 0 || json_is_low_surrogate(unit)) return error::bad_escape;
  if (!json_is_high_surrogate(unit)) return pos + 6;
  if (s.size() - pos < 8 || s[pos + 6] != '\\' || s[pos + 7] != 'u') return error::bad_escape;
  if (!json_is_low_surrogate(json_hex4(s, pos + 8))) return error::bad_escape;
  return pos + 12;
}

// The string whose opening quote is s[pos].
constexpr result<std::size_t> json_check_string(std::string_view s, std::size_t pos) noexcept {
  ++pos;
  while (pos < s.size()) {
    const char c = s[pos];
    const auto byte = static_cast<std::uint8_t>(c);
    if (c == '"') return pos + 1;
    if (c == '\\') {
      const result<std::size_t> after = json_check_escape(s, pos);
      if (!after) return after;
      pos = *after;
    } else if (byte < 0x20) {
      return error::bad_json;  // RFC 8259 section 7: control characters must be escaped
    } else if (byte < 0x80) {
      ++pos;
    } else {
      const std::size_t length = utf8_sequence_length(s.data() + pos, s.size() - pos);
      if (length == 0) return error::bad_utf8;
      pos += length;
    }
  }
  return error::bad_json;  // no closing quote
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at s[pos]. What may follow is
// the caller's business: "01" stops after the 0 and the caller refuses the 1.
constexpr result<std::size_t> json_check_number(std::string_view s, std::size_t pos) noexcept {
  const std::size_t n = s.size();
  if (pos < n && s[pos] == '-') ++pos;
  if (pos >= n || !json_is_digit(s[pos])) return error::bad_json;
  if (s[pos++] != '0') {
    while (pos < n && json_is_digit(s[pos])) ++pos;
  }
  if (pos < n && s[pos] == '.') {
    ++pos;
    if (pos >= n || !json_is_digit(s[pos])) return error::bad_json;
    while (pos < n && json_is_digit(s[pos])) ++pos;
  }
  if (pos < n && (s[pos] == 'e' || s[pos] == 'E')) {
    ++pos;
    if (pos < n && (s[pos] == '+' || s[pos] == '-')) ++pos;
    if (pos >= n || !json_is_digit(s[pos])) return error::bad_json;
    while (pos < n && json_is_digit(s[pos])) ++pos;
  }
  return pos;
}

constexpr result<std::size_t> json_check_literal(std::string_view s, std::size_t pos, std::string_view word) noexcept {
  if (slice(s, pos, word.size()) != word) return error::bad_json;
  return pos + word.size();
}

// Grammar, strings, numbers and depth, in one left-to-right pass with an
// explicit stack of one bit per open container instead of recursion, so that
// no input can exhaust the call stack. The first error in text order wins.
constexpr result<void> json_check_syntax(std::string_view s, std::size_t max_depth) noexcept {
  if (max_depth > json_max_depth_cap) max_depth = json_max_depth_cap;
  std::uint64_t is_object[json_max_depth_cap / 64] = {};  // bit d: the container at depth d + 1 is an object
  std::size_t depth = 0;
  enum class want { value, name, after_value } state = want::value;
  std::size_t pos = json_skip_space(s, 0);
  const std::size_t n = s.size();
  for (;;) {
    if (state == want::after_value) {
      pos = json_skip_space(s, pos);
      if (depth == 0) {
        if (pos != n) return error::bad_json;  // trailing data: exactly one value
        return {};
      }
      if (pos >= n) return error::bad_json;
      const bool in_object = (is_object[(depth - 1) / 64] >> ((depth - 1) % 64)) & 1u;
      if (s[pos] == ',') {
        pos = json_skip_space(s, pos + 1);
        state = in_object ? want::name : want::value;  // so a trailing comma meets '}' or ']' and fails
      } else if (s[pos] == (in_object ? '}' : ']')) {
        --depth;
        ++pos;
      } else {
        return error::bad_json;
      }
      continue;
    }

    if (state == want::name) {
      if (pos >= n || s[pos] != '"') return error::bad_json;
      const result<std::size_t> after = json_check_string(s, pos);
      if (!after) return after.error();
      pos = json_skip_space(s, *after);
      if (pos >= n || s[pos] != ':') return error::bad_json;
      pos = json_skip_space(s, pos + 1);
      state = want::value;
      continue;
    }

    if (pos >= n) return error::bad_json;
    const char c = s[pos];
    if (c == '{' || c == '[') {
      if (depth >= max_depth) return error::too_deep;
      const std::uint64_t bit = std::uint64_t{1} << (depth % 64);
      if (c == '{') {
        is_object[depth / 64] |= bit;
      } else {
        is_object[depth / 64] &= ~bit;
      }
      ++depth;
      pos = json_skip_space(s, pos + 1);
      if (pos < n && s[pos] == (c == '{' ? '}' : ']')) {
        --depth;
        ++pos;
        state = want::after_value;
      } else {
        state = c == '{' ? want::name : want::value;
      }
      continue;
    }
    result<std::size_t> after = error::bad_json;
    if (c == '"') {
      after = json_check_string(s, pos);
    } else if (c == '-' || json_is_digit(c)) {
      after = json_check_number(s, pos);
    } else if (c == 't') {
      after = json_check_literal(s, pos, "true");
    } else if (c == 'f') {
      after = json_check_literal(s, pos, "false");
    } else if (c == 'n') {
      after = json_check_literal(s, pos, "null");
    }
    if (!after) return after.error();
    pos = *after;
    state = want::after_value;
  }
}

// ---- walking validated text ------------------------------------------------------
// Below, the text has passed the checks above, but every step is still bounded
// by s.size(): a walk over anything else ends early instead of reading past it.

// Past the string whose opening quote is s[pos].
constexpr std::size_t json_skip_string(std::string_view s, std::size_t pos) noexcept {
  ++pos;
  while (pos < s.size()) {
    if (s[pos] == '\\') {
      pos += 2;
    } else if (s[pos] == '"') {
      return pos + 1;
    } else {
      ++pos;
    }
  }
  return s.size();
}

// Past the value that starts at s[pos]. Containers are skipped by counting
// brackets outside strings: no stack needed once the nesting is known good.
constexpr std::size_t json_skip_value(std::string_view s, std::size_t pos) noexcept {
  if (pos >= s.size()) return s.size();
  const char first = s[pos];
  if (first == '"') return json_skip_string(s, pos);
  if (first == '{' || first == '[') {
    std::size_t open = 0;
    while (pos < s.size()) {
      const char c = s[pos];
      if (c == '"') {
        pos = json_skip_string(s, pos);
        continue;
      }
      if (c == '{' || c == '[') {
        ++open;
      } else if ((c == '}' || c == ']') && --open == 0) {
        return pos + 1;
      }
      ++pos;
    }
    return s.size();
  }
  // A number or a literal ends at the first structural character or space.
  while (pos < s.size()) {
    const char c = s[pos];
    if (c == ',' || c == '}' || c == ']' || c == ':' || json_is_space(c)) break;
    ++pos;
  }
  return pos;
}

constexpr json_kind json_kind_at(std::string_view s, std::size_t pos) noexcept {
  if (pos >= s.size()) return json_kind::none;
  switch (s[pos]) {
    case '{': return json_kind::object;
    case '[': return json_kind::array;
    case '"': return json_kind::string;
    case 't': return json_kind::true_value;
    case 'f': return json_kind::false_value;
    case 'n': return json_kind::null_value;
    default: return json_is_digit(s[pos]) || s[pos] == '-' ? json_kind::number : json_kind::none;
  }
}

// One member ("name": value) or element (value) of a container.
struct json_entry {
  std::size_t name_begin = 0, name_end = 0;    // the name with its quotes (members only)
  std::size_t value_begin = 0, value_end = 0;  // the value's exact text
  std::size_t next = json_npos;                // where the next entry starts, or json_npos after the last
};

// Reads the entry that starts at s[pos] inside a container's text s. False when
// the text there is not an entry (possible only for unvalidated text).
constexpr bool json_read_entry(std::string_view s, std::size_t pos, bool member, json_entry& entry) noexcept {
  if (pos >= s.size()) return false;
  if (member) {
    if (s[pos] != '"') return false;
    entry.name_begin = pos;
    entry.name_end = json_skip_string(s, pos);
    pos = json_skip_space(s, entry.name_end);
    if (pos >= s.size() || s[pos] != ':') return false;
    pos = json_skip_space(s, pos + 1);
  }
  if (json_kind_at(s, pos) == json_kind::none) return false;
  entry.value_begin = pos;
  entry.value_end = json_skip_value(s, pos);
  pos = json_skip_space(s, entry.value_end);
  entry.next = pos < s.size() && s[pos] == ',' ? json_skip_space(s, pos + 1) : json_npos;
  return true;
}

// The text between the quotes of a string's raw text.
constexpr std::string_view json_string_body(std::string_view raw) noexcept {
  return raw.size() >= 2 ? slice(raw, 1, raw.size() - 2) : std::string_view();
}

constexpr bool json_has_escape(std::string_view body) noexcept {
  for (const char c : body) {
    if (c == '\\') return true;
  }
  return false;
}

// Yields the decoded bytes (UTF-8) of a string body one at a time, so strings
// can be measured and compared without a buffer.
class json_string_decoder {
 public:
  constexpr explicit json_string_decoder(std::string_view body) noexcept : body_(body) {}

  // The next decoded byte in out; false at the end (or at a malformed escape,
  // which validated text does not have).
  constexpr bool next(char& out) noexcept {
    if (held_at_ < held_) {
      out = held_bytes_[held_at_++];
      return true;
    }
    if (pos_ >= body_.size()) return false;
    if (body_[pos_] != '\\') {
      out = body_[pos_++];
      return true;
    }
    if (body_.size() - pos_ < 2) return stop();
    const char letter = body_[pos_ + 1];
    if (letter != 'u') {
      const std::int32_t byte = json_simple_escape(letter);
      if (byte < 0) return stop();
      pos_ += 2;
      out = static_cast<char>(byte);
      return true;
    }
    std::int32_t unit = json_hex4(body_, pos_ + 2);
    std::size_t used = 6;
    if (unit < 0 || json_is_low_surrogate(unit)) return stop();
    if (json_is_high_surrogate(unit)) {
      const std::int32_t low =
          body_.size() - pos_ >= 8 && body_[pos_ + 6] == '\\' && body_[pos_ + 7] == 'u' ? json_hex4(body_, pos_ + 8) : -1;
      if (!json_is_low_surrogate(low)) return stop();
      unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
      used = 12;
    }
    pos_ += used;
    encode(static_cast<std::uint32_t>(unit));
    out = held_bytes_[held_at_++];
    return true;
  }

 private:
  constexpr bool stop() noexcept {
    pos_ = body_.size();
    return false;
  }

  static constexpr char byte(std::uint32_t v) noexcept { return static_cast<char>(static_cast<std::uint8_t>(v)); }

  constexpr void encode(std::uint32_t cp) noexcept {
    held_at_ = 0;
    if (cp < 0x80) {
      held_bytes_[0] = byte(cp);
      held_ = 1;
    } else if (cp < 0x800) {
      held_bytes_[0] = byte(0xC0 | (cp >> 6));
      held_bytes_[1] = byte(0x80 | (cp & 0x3F));
      held_ = 2;
    } else if (cp < 0x10000) {
      held_bytes_[0] = byte(0xE0 | (cp >> 12));
      held_bytes_[1] = byte(0x80 | ((cp >> 6) & 0x3F));
      held_bytes_[2] = byte(0x80 | (cp & 0x3F));
      held_ = 3;
    } else {
      held_bytes_[0] = byte(0xF0 | (cp >> 18));
      held_bytes_[1] = byte(0x80 | ((cp >> 12) & 0x3F));
      held_bytes_[2] = byte(0x80 | ((cp >> 6) & 0x3F));
      held_bytes_[3] = byte(0x80 | (cp & 0x3F));
      held_ = 4;
    }
  }

  std::string_view body_;
  std::size_t pos_ = 0;
  char held_bytes_[4] = {};  // the rest of a multi-byte \u escape
  unsigned held_ = 0;
  unsigned held_at_ = 0;
};

// Whether a string body decodes to exactly text.
constexpr bool json_body_equals(std::string_view body, std::string_view text) noexcept {
  if (!json_has_escape(body)) return body == text;  // raw UTF-8 is its own decoding
  json_string_decoder decoder(body);
  std::size_t i = 0;
  for (char c = 0; decoder.next(c); ++i) {
    if (i >= text.size() || text[i] != c) return false;
  }
  return i == text.size();
}

// Whether two string bodies decode to the same bytes.
constexpr bool json_bodies_equal(std::string_view a, std::string_view b) noexcept {
  json_string_decoder da(a), db(b);
  for (;;) {
    char ca = 0, cb = 0;
    const bool more_a = da.next(ca), more_b = db.next(cb);
    if (more_a != more_b) return false;
    if (!more_a) return true;
    if (ca != cb) return false;
  }
}

// A member name remembered by the duplicate check. The digest (FNV-1a of the
// decoded bytes) spares the full comparison of names that cannot be equal; a
// crafted collision only costs that comparison, which the limits already bound.
struct json_name {
  std::string_view body;
  std::uint32_t digest = 0;
  bool escaped = false;
};

constexpr json_name json_make_name(std::string_view body) noexcept {
  json_name name{body, 2166136261u, json_has_escape(body)};
  const auto mix = [&name](char c) { name.digest = (name.digest ^ static_cast<std::uint8_t>(c)) * 16777619u; };
  if (!name.escaped) {
    for (const char c : body) mix(c);  // raw UTF-8 is its own decoding
  } else {
    json_string_decoder decoder(body);
    for (char c = 0; decoder.next(c);) mix(c);
  }
  return name;
}

constexpr bool json_names_equal(const json_name& a, const json_name& b) noexcept {
  if (!a.escaped && !b.escaped) return a.body == b.body;
  if (!a.escaped) return json_body_equals(b.body, a.body);
  if (!b.escaped) return json_body_equals(a.body, b.body);
  return json_bodies_equal(a.body, b.body);
}

// Duplicate names and the member limit of the object whose '{' is s[open].
// Names are compared by their decoded value, pairwise, with no heap: each pass
// over the object remembers the next 32 names and compares every later name
// with them, so an object of m members costs ceil(m / 32) passes.
constexpr result<void> json_check_object_members(std::string_view s, std::size_t open,
                                                 std::size_t max_members) noexcept {
  constexpr std::size_t remembered = 32;
  std::size_t pass_start = json_skip_space(s, open + 1);
  if (pass_start >= s.size() || s[pass_start] == '}') return {};
  bool first_pass = true;
  while (pass_start != json_npos) {
    json_name names[remembered] = {};
    std::size_t held = 0, next_pass = json_npos, count = 0;
    for (std::size_t at = pass_start; at != json_npos;) {
      json_entry entry{};
      if (!json_read_entry(s, at, true, entry)) return error::bad_json;
      // The first pass sees every member: refuse an oversized object before
      // the quadratic work, not after it.
      if (first_pass && ++count > max_members) return error::too_large;
      const json_name name =
          json_make_name(json_string_body(slice(s, entry.name_begin, entry.name_end - entry.name_begin)));
      for (std::size_t i = 0; i < held; ++i) {
        if (names[i].digest == name.digest && json_names_equal(names[i], name)) return error::duplicate_member;
      }
      if (held < remembered) {
        names[held++] = name;
        if (held == remembered) next_pass = entry.next;
      }
      at = entry.next;
    }
    first_pass = false;
    pass_start = next_pass;
  }
  return {};
}

// Runs the member check on every object of validated text, in text order.
constexpr result<void> json_check_all_objects(std::string_view s, std::size_t max_members) noexcept {
  std::size_t pos = 0;
  while (pos < s.size()) {
    if (s[pos] == '"') {
      pos = json_skip_string(s, pos);
      continue;
    }
    if (s[pos] == '{') {
      if (const result<void> ok = json_check_object_members(s, pos, max_members); !ok) return ok;
    }
    ++pos;
  }
  return {};
}

// ---- numbers ------------------------------------------------------------------------

// The integer part of |x| for a validated JSON number x, computed from its
// digits without floating point, for any number of digits.
struct json_integer_part {
  std::uint64_t magnitude = 0;  // trunc(|x|), meaningful only when !huge
  bool negative = false;
  bool huge = false;            // |x| >= 10^19, beyond every int64
  bool fraction = false;        // x has non-zero digits after the point
};

constexpr json_integer_part json_read_integer_part(std::string_view raw) noexcept {
  // Counts and exponents saturate at 2^60, far past any real input, so that
  // their sums below stay inside int64.
  constexpr std::int64_t cap = std::int64_t{1} << 60;
  json_integer_part out{};
  std::size_t pos = 0;
  if (pos < raw.size() && raw[pos] == '-') {
    out.negative = true;
    ++pos;
  }
  const std::size_t int_begin = pos;
  while (pos < raw.size() && json_is_digit(raw[pos])) ++pos;
  const std::string_view int_digits = slice(raw, int_begin, pos - int_begin);
  std::string_view frac_digits;
  if (pos < raw.size() && raw[pos] == '.') {
    const std::size_t frac_begin = ++pos;
    while (pos < raw.size() && json_is_digit(raw[pos])) ++pos;
    frac_digits = slice(raw, frac_begin, pos - frac_begin);
  }
  std::int64_t exponent = 0;
  if (pos < raw.size() && (raw[pos] == 'e' || raw[pos] == 'E')) {
    ++pos;
    bool negative_exponent = false;
    if (pos < raw.size() && (raw[pos] == '+' || raw[pos] == '-')) negative_exponent = raw[pos++] == '-';
    for (; pos < raw.size() && json_is_digit(raw[pos]); ++pos) {
      exponent = exponent >= cap / 10 ? cap : exponent * 10 + (raw[pos] - '0');
    }
    if (negative_exponent) exponent = -exponent;
  }

  // Digits d = int_digits ++ frac_digits, x = d * 10^(exponent - |frac|). Drop
  // d's leading zeros (there are some only when the integer part is "0").
  const std::size_t int_count = int_digits.size(), all_count = int_count + frac_digits.size();
  const auto digit_at = [&](std::size_t i) -> char {
    if (i < int_count) return int_digits[i];
    return i - int_count < frac_digits.size() ? frac_digits[i - int_count] : '0';
  };
  std::size_t first = 0;
  while (first < all_count && digit_at(first) == '0') ++first;
  if (first == all_count) return out;  // zero, -0 included
  const auto clamp = [&](std::size_t v) -> std::int64_t {
    return v > static_cast<std::size_t>(cap) ? cap : static_cast<std::int64_t>(v);
  };
  // How many digits, counted from the first non-zero one, stand before the point.
  const std::int64_t point = clamp(int_count) - clamp(first) + exponent;
  if (point > 19) {
    out.huge = true;  // at least 10^19
    return out;
  }
  const std::size_t whole = point > 0 ? static_cast<std::size_t>(point) : 0;
  for (std::size_t i = 0; i < whole; ++i) {
    out.magnitude = out.magnitude * 10 + static_cast<std::uint64_t>(digit_at(first + i) - '0');
  }
  for (std::size_t i = first + whole; i < all_count && !out.fraction; ++i) out.fraction = digit_at(i) != '0';
  return out;
}

constexpr std::uint64_t json_int64_max = 0x7FFFFFFFFFFFFFFFu;

// -magnitude for magnitude <= 2^63, without the overflow of -(int64)2^63.
constexpr std::int64_t json_negate(std::uint64_t magnitude) noexcept {
  return magnitude > json_int64_max ? -static_cast<std::int64_t>(json_int64_max) - 1
                                    : -static_cast<std::int64_t>(magnitude);
}

struct json_access;

}  // namespace detail

// ---- views ---------------------------------------------------------------------------

struct json_member;
class json_members;
class json_elements;

// A read-only view of one value inside validated text: its kind and its exact
// text. Only the parse functions and the iterators make one, so its text is
// always a complete, valid value; it points into the caller's buffer, which
// must outlive it. A default json_value is none: no value.
class json_value {
 public:
  constexpr json_value() noexcept = default;

  constexpr json_kind kind() const noexcept { return kind_; }
  // False for none, e.g. the result of find() for a missing member.
  constexpr explicit operator bool() const noexcept { return kind_ != json_kind::none; }
  // The value's exact text: strings keep their quotes and escapes.
  constexpr std::string_view raw() const noexcept { return raw_; }

  // Objects. find() compares decoded names ("\u0061" finds "a"); none when
  // this is not an object or has no such member (names are unique).
  constexpr json_value find(std::string_view name) const noexcept;
  constexpr json_members members() const noexcept;   // empty when not an object
  // Arrays.
  constexpr json_elements elements() const noexcept;  // empty when not an array

  // Strings. A value of another kind is never equal, and the others fail with
  // bad_claim (the value has the wrong type).
  constexpr bool string_equals(std::string_view text) const noexcept {
    return kind_ == json_kind::string && detail::json_body_equals(detail::json_string_body(raw_), text);
  }
  // Bytes of the decoded string.
  constexpr result<std::size_t> string_size() const noexcept {
    if (kind_ != json_kind::string) return error::bad_claim;
    detail::json_string_decoder decoder(detail::json_string_body(raw_));
    std::size_t size = 0;
    for (char c = 0; decoder.next(c);) ++size;
    return size;
  }
  // Unescapes the string into out[0, capacity) and returns its length (no
  // terminating NUL; a \u0000 escape gives a NUL byte). When it does not fit:
  // buffer_too_small, and nothing is written.
  constexpr result<std::size_t> decode_string(char* out, std::size_t capacity) const noexcept {
    const result<std::size_t> size = string_size();
    if (!size) return size;
    if (*size > capacity) return error::buffer_too_small;
    detail::json_string_decoder decoder(detail::json_string_body(raw_));
    std::size_t i = 0;
    for (char c = 0; i < *size && decoder.next(c);) out[i++] = c;
    return i;
  }

  // Numbers. as_int64: the exact value when it is an integer (1, -0, 1.0, 1e3,
  // 12.5e1) within the int64 range; 1.5, 2^63 or a non-number is bad_claim.
  constexpr result<std::int64_t> as_int64() const noexcept {
    if (kind_ != json_kind::number) return error::bad_claim;
    const detail::json_integer_part part = detail::json_read_integer_part(raw_);
    if (part.huge || part.fraction) return error::bad_claim;
    if (part.negative) {
      if (part.magnitude > detail::json_int64_max + 1) return error::bad_claim;
      return detail::json_negate(part.magnitude);
    }
    if (part.magnitude > detail::json_int64_max) return error::bad_claim;
    return static_cast<std::int64_t>(part.magnitude);
  }
  // A NumericDate: any JSON number (1300819380, 1300819380.5, 1.3e9), floored
  // to whole seconds and clamped to int64 with the clamping reported, so a
  // verifier can refuse 1e309 rather than wrap it. Not a number: bad_claim.
  constexpr result<json_numeric_date> as_numeric_date() const noexcept {
    if (kind_ != json_kind::number) return error::bad_claim;
    const detail::json_integer_part part = detail::json_read_integer_part(raw_);
    json_numeric_date date{};
    date.had_fraction = part.fraction;
    if (part.negative) {
      // floor(-m.f) = -(m + 1); m < 10^19 here, so m + 1 cannot wrap.
      const std::uint64_t magnitude = part.magnitude + (part.fraction ? 1u : 0u);
      if (part.huge || magnitude > detail::json_int64_max + 1) {
        date.seconds = detail::json_negate(detail::json_int64_max + 1);
        date.range = json_range::below_min;
      } else {
        date.seconds = detail::json_negate(magnitude);
      }
    } else if (part.huge || part.magnitude > detail::json_int64_max) {
      date.seconds = static_cast<std::int64_t>(detail::json_int64_max);
      date.range = json_range::above_max;
    } else {
      date.seconds = static_cast<std::int64_t>(part.magnitude);
    }
    return date;
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
    return json_value(slice(s, begin, end - begin), json_kind_at(s, begin));
  }
};
}  // namespace detail

// Forward iterators over the members of an object and the elements of an array,
// for range-for. Iterators of different containers do not compare meaningfully.
class json_member_iterator {
 public:
  constexpr json_member_iterator() noexcept = default;
  constexpr const json_member& operator*() const noexcept { return current_; }
  constexpr const json_member* operator->() const noexcept { return &current_; }
  constexpr json_member_iterator& operator++() noexcept {
    load(next_);
    return *this;
  }
  friend constexpr bool operator==(const json_member_iterator& a, const json_member_iterator& b) noexcept {
    return a.pos_ == b.pos_;
  }
  friend constexpr bool operator!=(const json_member_iterator& a, const json_member_iterator& b) noexcept {
    return a.pos_ != b.pos_;
  }

 private:
  friend class json_members;
  constexpr json_member_iterator(std::string_view object, std::size_t pos) noexcept : object_(object) { load(pos); }

  constexpr void load(std::size_t pos) noexcept {
    detail::json_entry entry{};
    if (pos == detail::json_npos || !detail::json_read_entry(object_, pos, true, entry)) {
      pos_ = next_ = detail::json_npos;
      current_ = json_member{};
      return;
    }
    pos_ = pos;
    next_ = entry.next;
    current_.name = detail::json_access::make(object_, entry.name_begin, entry.name_end);
    current_.value = detail::json_access::make(object_, entry.value_begin, entry.value_end);
  }

  std::string_view object_{};
  std::size_t pos_ = detail::json_npos;  // where the current member starts; npos at the end
  std::size_t next_ = detail::json_npos;
  json_member current_{};
};

class json_element_iterator {
 public:
  constexpr json_element_iterator() noexcept = default;
  constexpr const json_value& operator*() const noexcept { return current_; }
  constexpr const json_value* operator->() const noexcept { return &current_; }
  constexpr json_element_iterator& operator++() noexcept {
    load(next_);
    return *this;
  }
  friend constexpr bool operator==(const json_element_iterator& a, const json_element_iterator& b) noexcept {
    return a.pos_ == b.pos_;
  }
  friend constexpr bool operator!=(const json_element_iterator& a, const json_element_iterator& b) noexcept {
    return a.pos_ != b.pos_;
  }

 private:
  friend class json_elements;
  constexpr json_element_iterator(std::string_view array, std::size_t pos) noexcept : array_(array) { load(pos); }

  constexpr void load(std::size_t pos) noexcept {
    detail::json_entry entry{};
    if (pos == detail::json_npos || !detail::json_read_entry(array_, pos, false, entry)) {
      pos_ = next_ = detail::json_npos;
      current_ = json_value{};
      return;
    }
    pos_ = pos;
    next_ = entry.next;
    current_ = detail::json_access::make(array_, entry.value_begin, entry.value_end);
  }

  std::string_view array_{};
  std::size_t pos_ = detail::json_npos;
  std::size_t next_ = detail::json_npos;
  json_value current_{};
};

// The members of an object (empty for any other kind).
class json_members {
 public:
  constexpr json_member_iterator begin() const noexcept {
    return text_.empty() ? end() : json_member_iterator(text_, detail::json_skip_space(text_, 1));
  }
  constexpr json_member_iterator end() const noexcept { return json_member_iterator(); }
  constexpr bool empty() const noexcept { return begin() == end(); }

 private:
  friend class json_value;
  constexpr explicit json_members(std::string_view object) noexcept : text_(object) {}
  std::string_view text_;
};

// The elements of an array (empty for any other kind).
class json_elements {
 public:
  constexpr json_element_iterator begin() const noexcept {
    return text_.empty() ? end() : json_element_iterator(text_, detail::json_skip_space(text_, 1));
  }
  constexpr json_element_iterator end() const noexcept { return json_element_iterator(); }
  constexpr bool empty() const noexcept { return begin() == end(); }

 private:
  friend class json_value;
  constexpr explicit json_elements(std::string_view array) noexcept : text_(array) {}
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

// ---- entry points ---------------------------------------------------------------------

// Validates text as exactly one JSON value under limits and returns a view of
// it. Errors: too_large (size or members of one object), bad_json (grammar,
// control character in a string, trailing data, empty input), bad_utf8,
// bad_escape (unknown escape, short \u, lone surrogate escape), too_deep,
// duplicate_member. Grammar, UTF-8, escape and depth errors are reported in text
// order before any duplicate_member.
constexpr result<json_value> json_parse(std::string_view text, const json_limits& limits = {}) noexcept {
  if (text.size() > limits.max_size) return error::too_large;
  if (const result<void> ok = detail::json_check_syntax(text, limits.max_depth); !ok) return ok.error();
  if (const result<void> ok = detail::json_check_all_objects(text, limits.max_members); !ok) return ok.error();
  const std::size_t begin = detail::json_skip_space(text, 0);
  return detail::json_access::make(text, begin, detail::json_skip_value(text, begin));
}

// As json_parse, and the value must be an object, as a JWT header or payload
// is: a valid document of another kind is bad_payload.
constexpr result<json_value> json_parse_object(std::string_view text, const json_limits& limits = {}) noexcept {
  const result<json_value> value = json_parse(text, limits);
  if (value && value->kind() != json_kind::object) return error::bad_payload;
  return value;
}

constexpr result<void> json_validate(std::string_view text, const json_limits& limits = {}) noexcept {
  const result<json_value> value = json_parse(text, limits);
  if (!value) return value.error();
  return {};
}

constexpr result<void> json_validate_object(std::string_view text, const json_limits& limits = {}) noexcept {
  const result<json_value> value = json_parse_object(text, limits);
  if (!value) return value.error();
  return {};
}

}  // namespace jwtcore

#endif  // JWTCORE_JSON_READER_HPP
