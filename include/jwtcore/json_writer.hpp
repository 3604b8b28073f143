// jwtcore/json_writer.hpp: a tiny JSON writer of compact RFC 8259 text into a
// fixed-capacity caller buffer, also in constant expressions. It refuses
// invalid UTF-8 and never writes past the buffer. Errors are sticky: the first
// is kept and later calls do nothing, so a caller checks once, at finish().
#ifndef JWTCORE_JSON_WRITER_HPP
#define JWTCORE_JSON_WRITER_HPP

#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t, std::uint64_t, std::uint32_t
#include <cstring>      // std::memcpy, for copying runs of text at run time
#include <string_view>  // names and string values

#include "bytes.hpp"
#include "detail/dispatch.hpp"
#include "detail/utf8.hpp"
#include "json_reader.hpp"  // detail::json_skip_plain, the scan of plain text
#if JWTCORE_STD_STRING
#include <string>  // the std::string conveniences
#endif

namespace jwtcore {

namespace detail {

// From s[pos] on, past the bytes that a JSON string holds as they are (the
// writer copies such a run in one piece): by the SSE2 scan where the vector
// kernels run, else by the reader's scan of plain text.
[[gnu::always_inline]] constexpr std::size_t json_unescaped_run_end(std::string_view s, std::size_t pos) noexcept {
  if (!is_constant_evaluated() && s.size() - pos >= 16 && vector_kernels()) {
    return json_unescaped_run_end_sse2(s.data(), s.size(), pos);
  }
  return json_skip_plain(s, pos);
}

// Copies n bytes: at run time short runs with two overlapping fixed-size
// moves (plain loads and stores; 1 to 3 bytes as first, middle and last),
// runs up to 64 bytes in 16-byte moves unless size_first, longer ones with memcpy.
constexpr void json_copy_run(char* out, const char* text, std::size_t n) noexcept {
  if (is_constant_evaluated()) {
    for (std::size_t i = 0; i < n; ++i) out[i] = text[i];
  } else if (n < 4) {
    if (n == 0) return;
    out[0] = text[0];
    out[n / 2] = text[n / 2];
    out[n - 1] = text[n - 1];
  } else if (n < 8) {
    std::memcpy(out, text, 4);
    std::memcpy(out + n - 4, text + n - 4, 4);
  } else if (n <= 16) {
    std::memcpy(out, text, 8);
    std::memcpy(out + n - 8, text + n - 8, 8);
  } else if (!size_first && n <= 64) {
    for (std::size_t i = 0; i + 16 < n; i += 16) std::memcpy(out + i, text + i, 16);
    std::memcpy(out + n - 16, text + n - 16, 16);
  } else {
    std::memcpy(out, text, n);
  }
}

inline constexpr char json_digit_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

// The digits of v, at least min_digits (zero-padded), ending just before
// `end`; returns where they start. 32-bit arithmetic only: two digits a step
// from a table (pairs), or one digit a step.
template <bool pairs>
constexpr char* json_write_u32_backwards(std::uint32_t v, char* end, unsigned min_digits) noexcept {
  char* p = end;
  if constexpr (pairs) {
    for (; v >= 10; v /= 100) {
      const std::uint32_t pair = v % 100 * 2;
      *--p = json_digit_pairs[pair + 1];
      *--p = json_digit_pairs[pair];
    }
  }
  for (; v >= 10; v /= 10) *--p = static_cast<char>('0' + v % 10);
  if (v != 0 || p == end) *--p = static_cast<char>('0' + v);
  while (static_cast<unsigned>(end - p) < min_digits) *--p = '0';
  return p;
}

// v / 10^9, left in v, and v % 10^9, returned, by 35 steps of binary long
// division (the quotient is under 2^35): a 64-bit '/' or '%' would call a
// library routine on 32-bit targets, which embedded builds must not need.
constexpr std::uint32_t json_divide_by_1e9(std::uint64_t& v) noexcept {
  constexpr std::uint64_t billion = 1000000000u;
  std::uint64_t quotient = 0;
  for (unsigned bit = 35; bit-- > 0;) {
    const std::uint64_t step = billion << bit;  // at most 10^9 * 2^34, under 2^64
    if (v >= step) {
      v -= step;
      quotient |= std::uint64_t{1} << bit;
    }
  }
  const std::uint64_t remainder = v;
  v = quotient;
  return static_cast<std::uint32_t>(remainder);
}

}  // namespace detail

class json_writer {
 public:
  // Objects and arrays may nest this deep; deeper is json_writer_misuse.
  static constexpr unsigned max_depth = 32;

  constexpr json_writer(char* out, std::size_t capacity) noexcept : out_(out), capacity_(capacity) {}

  constexpr json_writer& begin_object() noexcept { return open(true); }
  constexpr json_writer& end_object() noexcept { return close(true); }
  constexpr json_writer& begin_array() noexcept { return open(false); }
  constexpr json_writer& end_array() noexcept { return close(false); }

  // A member name; the next call must write its value.
  constexpr json_writer& key(std::string_view name) noexcept { return write_key(name, false); }

  constexpr json_writer& string(std::string_view value) noexcept {
    if (begin_value()) write_string(value);
    return *this;
  }

  // A string value written in pieces (the scope claim): begin_string, any
  // append_to_string, end_string, nothing between. Each piece must be valid
  // UTF-8 on its own: a character split across two is refused as bad_utf8.
  constexpr json_writer& begin_string() noexcept {
    if (begin_value()) {
      put('"');
      in_string_ = true;
    }
    return *this;
  }
  constexpr json_writer& append_to_string(std::string_view piece) noexcept {
    if (!in_string_) return fail(error::json_writer_misuse);
    write_string_content(piece);
    return *this;
  }
  constexpr json_writer& end_string() noexcept {
    if (!in_string_) return fail(error::json_writer_misuse);
    in_string_ = false;
    put('"');
    return *this;
  }

  constexpr json_writer& integer(std::int64_t value) noexcept {
    if (!begin_value()) return *this;
    if (value < 0) put('-');
    // Negated in unsigned arithmetic: -INT64_MIN does not fit an int64.
    const auto magnitude = static_cast<std::uint64_t>(value);
    write_digits(value < 0 ? 0 - magnitude : magnitude);
    return *this;
  }

  constexpr json_writer& unsigned_integer(std::uint64_t value) noexcept {
    if (begin_value()) write_digits(value);
    return *this;
  }

  // Text that is already valid JSON for one value, copied as is. Only for
  // text the caller produced itself (e.g. a nested writer's output).
  constexpr json_writer& raw_value(std::string_view json) noexcept {
    if (begin_value()) put_run(json.data(), json.size());
    return *this;
  }
  constexpr json_writer& boolean(bool value) noexcept { return raw_value(value ? "true"sv : "false"sv); }
  constexpr json_writer& null() noexcept { return raw_value("null"sv); }

  // The length of the complete document, or the first error.
  constexpr result<std::size_t> finish() const noexcept {
    if (failed_) return error_;
    if (depth_ != 0 || !done_ || in_string_) return error::json_writer_misuse;
    return size_;
  }

  constexpr std::size_t size() const noexcept { return size_; }

 private:
  // For claims: its registered names need no escape, so they go out unscanned.
  friend class claims;
  constexpr json_writer& plain_key(std::string_view name) noexcept { return write_key(name, true); }

  constexpr json_writer& write_key(std::string_view name, bool plain) noexcept {
    if (depth_ == 0 || in_string_ || !in_object() || expecting_value_) return fail(error::json_writer_misuse);
    write_string(name, !first_, true, plain);
    expecting_value_ = true;
    return *this;
  }

  constexpr bool in_object() const noexcept { return (object_levels_ >> (depth_ - 1)) & 1u; }

  constexpr json_writer& fail(error e) noexcept {
    if (!failed_) error_ = e;
    failed_ = true;
    return *this;
  }

  constexpr void put(char c) noexcept {
    if (failed_) return;
    if (size_ == capacity_) {
      fail(error::buffer_too_small);
      return;
    }
    out_[size_++] = c;
  }

  // Copies n bytes in one piece, or writes nothing and fails; false then.
  constexpr bool put_run(const char* text, std::size_t n) noexcept {
    if (failed_) return false;
    if (n > capacity_ - size_) {
      fail(error::buffer_too_small);
      return false;
    }
    detail::json_copy_run(out_ + size_, text, n);
    size_ += n;
    return true;
  }

  // Checks that a value may stand here and writes the comma before it.
  constexpr bool begin_value() noexcept {
    if (failed_) return false;
    if (in_string_) return fail(error::json_writer_misuse), false;
    if (depth_ == 0) {
      if (done_) return fail(error::json_writer_misuse), false;
      done_ = true;  // the top-level value; it completes when it is closed
    } else if (in_object()) {
      if (!expecting_value_) return fail(error::json_writer_misuse), false;
      expecting_value_ = false;
    } else if (!first_) {
      put(',');
    }
    first_ = false;
    return !failed_;
  }

  constexpr json_writer& open(bool object) noexcept {
    if (!begin_value()) return *this;
    if (depth_ == max_depth) return fail(error::json_writer_misuse);
    const std::uint32_t bit = std::uint32_t{1} << depth_;
    object_levels_ = object ? (object_levels_ | bit) : (object_levels_ & ~bit);
    ++depth_;
    first_ = true;
    put(object ? '{' : '[');
    return *this;
  }

  constexpr json_writer& close(bool object) noexcept {
    if (depth_ == 0 || in_string_ || in_object() != object || expecting_value_) return fail(error::json_writer_misuse);
    --depth_;
    first_ = false;
    put(object ? '}' : ']');
    return *this;
  }

  // Decimal digits without a 64-bit division: values that fit 32 bits (dates
  // until 2106) in 32-bit arithmetic, larger ones first cut into 9-digit parts.
  constexpr void write_digits(std::uint64_t v) noexcept {
    char digits[20] = {};
    char* const end = digits + sizeof(digits);
    char* start = end;
    constexpr bool pairs = !detail::size_first;
    while (v > 0xFFFFFFFFu) start = detail::json_write_u32_backwards<pairs>(detail::json_divide_by_1e9(v), start, 9);
    start = detail::json_write_u32_backwards<pairs>(static_cast<std::uint32_t>(v), start, 1);
    put_run(start, static_cast<std::size_t>(end - start));
  }

  // A JSON string, with a ',' before it and a ':' after it when asked (a member
  // name). One with nothing to escape (or `plain`, known to have nothing) goes
  // out in one piece after one capacity check.
  constexpr void write_string(std::string_view s, bool comma = false, bool colon = false, bool plain = false) noexcept {
    const std::size_t n = s.size() + 2 + (comma ? 1 : 0) + (colon ? 1 : 0);
    if (!failed_ && n <= capacity_ - size_ && (plain || detail::json_unescaped_run_end(s, 0) == s.size())) {
      char* p = out_ + size_;
      if (comma) *p++ = ',';
      p[0] = '"';
      detail::json_copy_run(p + 1, s.data(), s.size());
      p[1 + s.size()] = '"';
      if (colon) p[2 + s.size()] = ':';
      size_ += n;
      return;
    }
    if (comma) put(',');
    put('"');
    write_string_content(s);
    put('"');
    if (colon) put(':');
  }

  // Runs of bytes that need no escape are copied in one piece each, valid
  // UTF-8 as it is; RFC 8259's short escapes where it has them, else \u00XX.
  constexpr void write_string_content(std::string_view s) noexcept {
    for (std::size_t i = 0; !failed_;) {
      const std::size_t run_end = detail::json_unescaped_run_end(s, i);
      if (!put_run(s.data() + i, run_end - i) || run_end == s.size()) return;
      i = run_end;
      const unsigned byte = static_cast<unsigned char>(s[i]);
      if (byte >= 0x80) {
        const std::size_t length = detail::utf8_sequence_length(s.data() + i, s.size() - i);
        if (length == 0) return void(fail(error::bad_utf8));
        put_run(s.data() + i, length);
        i += length;
        continue;
      }
      ++i;
      // The letter after the backslash: 'u' for the \u00XX form.
      const char letter = byte == '"' || byte == '\\' ? static_cast<char>(byte)
                          : byte >= 8 && byte <= 13   ? "btnufr"[byte - 8]
                                                      : 'u';
      const char escaped[6] = {'\\', letter, '0', '0', static_cast<char>('0' + (byte >> 4)),
                               "0123456789abcdef"[byte & 15]};
      put_run(escaped, letter == 'u' ? 6 : 2);
    }
  }

  char* out_;
  std::size_t capacity_;
  std::size_t size_ = 0;
  std::uint32_t object_levels_ = 0;  // bit d set: the container at depth d is an object
  unsigned depth_ = 0;
  bool first_ = true;             // nothing written yet in the current container
  bool expecting_value_ = false;  // a key was written, its value comes next
  bool done_ = false;             // the top-level value has begun
  bool in_string_ = false;        // between begin_string and end_string
  bool failed_ = false;
  error error_ = error::buffer_too_small;
};

#if JWTCORE_STD_STRING
namespace detail {
// Runs `fill(char* out, size_t capacity) -> result<size_t>` into a string,
// growing it while the answer is buffer_too_small; the text or the error.
template <class FillFn>
result<std::string> fill_string(FillFn&& fill, std::size_t initial_capacity = 256) {
  std::string text(initial_capacity, '\0');
  for (;;) {
    const result<std::size_t> written = fill(text.data(), text.size());
    if (written) {
      text.resize(*written);
      return text;
    }
    if (written.error() != error::buffer_too_small) return written.error();
    text.assign(text.size() * 2, '\0');
  }
}
}  // namespace detail

// The std::string convenience: runs `write(json_writer&)` into a string that
// grows as needed, and returns the text or the writer's first error.
template <class WriteFn>
result<std::string> write_json_string(WriteFn&& write) {
  return detail::fill_string([&write](char* out, std::size_t capacity) {
    json_writer writer(out, capacity);
    write(writer);
    return writer.finish();
  });
}
#endif  // JWTCORE_STD_STRING

}  // namespace jwtcore

#endif  // JWTCORE_JSON_WRITER_HPP
