// jwtcore/json_writer.hpp: a tiny JSON writer into a fixed-capacity caller
// buffer, usable in constant expressions. It writes compact RFC 8259 text,
// refuses invalid UTF-8 instead of copying it through, and never writes past
// the end of the buffer. Errors are sticky: the first one is kept and every
// later call does nothing, so a caller checks once, at finish().
#ifndef JWTCORE_JSON_WRITER_HPP
#define JWTCORE_JSON_WRITER_HPP

#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t, std::uint64_t, std::uint32_t
#include <string_view>  // names and string values

#include "bytes.hpp"
#include "detail/utf8.hpp"
#if JWTCORE_STD_STRING
#include <string>  // the std::string conveniences
#endif

namespace jwtcore {

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
  constexpr json_writer& key(std::string_view name) noexcept {
    if (failed_) return *this;
    if (depth_ == 0 || in_string_ || !in_object() || expecting_value_) return fail(error::json_writer_misuse);
    if (!first_) put(',');
    write_string(name);
    put(':');
    expecting_value_ = true;
    return *this;
  }

  constexpr json_writer& string(std::string_view value) noexcept {
    if (begin_value()) write_string(value);
    return *this;
  }

  // A string value written in pieces, for text that exists only in parts (the
  // space-separated scope claim): begin_string, any number of
  // append_to_string, end_string; nothing else may come between. Each piece
  // must be valid UTF-8 on its own: a character split across two pieces is
  // refused as bad_utf8.
  constexpr json_writer& begin_string() noexcept {
    if (begin_value()) {
      put('"');
      in_string_ = true;
    }
    return *this;
  }
  constexpr json_writer& append_to_string(std::string_view piece) noexcept {
    if (failed_) return *this;
    if (!in_string_) return fail(error::json_writer_misuse);
    write_string_content(piece);
    return *this;
  }
  constexpr json_writer& end_string() noexcept {
    if (failed_) return *this;
    if (!in_string_) return fail(error::json_writer_misuse);
    in_string_ = false;
    put('"');
    return *this;
  }

  constexpr json_writer& integer(std::int64_t value) noexcept {
    if (!begin_value()) return *this;
    // Negate in unsigned arithmetic: -INT64_MIN does not fit an int64.
    std::uint64_t magnitude = static_cast<std::uint64_t>(value);
    if (value < 0) {
      put('-');
      magnitude = 0 - magnitude;
    }
    write_digits(magnitude);
    return *this;
  }

  constexpr json_writer& unsigned_integer(std::uint64_t value) noexcept {
    if (begin_value()) write_digits(value);
    return *this;
  }

  constexpr json_writer& boolean(bool value) noexcept {
    if (begin_value()) put_text(value ? "true" : "false");
    return *this;
  }

  constexpr json_writer& null() noexcept {
    if (begin_value()) put_text("null");
    return *this;
  }

  // Text that is already valid JSON for one value, copied as is. Only for
  // text the caller produced itself (e.g. a nested writer's output).
  constexpr json_writer& raw_value(std::string_view json) noexcept {
    if (begin_value()) put_text(json);
    return *this;
  }

  // The length of the complete document, or the first error.
  constexpr result<std::size_t> finish() const noexcept {
    if (failed_) return error_;
    if (depth_ != 0 || !done_ || in_string_) return error::json_writer_misuse;
    return size_;
  }

  constexpr std::size_t size() const noexcept { return size_; }

 private:
  constexpr bool in_object() const noexcept { return (object_levels_ >> (depth_ - 1)) & 1u; }

  constexpr json_writer& fail(error e) noexcept {
    if (!failed_) {
      failed_ = true;
      error_ = e;
    }
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

  constexpr void put_text(std::string_view text) noexcept {
    if (failed_) return;
    if (text.size() > capacity_ - size_) {
      fail(error::buffer_too_small);
      return;
    }
    for (char c : text) out_[size_++] = c;
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
    if (failed_) return *this;
    if (depth_ == 0 || in_string_ || in_object() != object || expecting_value_) {
      return fail(error::json_writer_misuse);
    }
    --depth_;
    first_ = false;
    put(object ? '}' : ']');
    return *this;
  }

  // Decimal digits without 64-bit division, which 32-bit targets would call
  // a runtime helper for: subtract powers of ten instead (at most 9 a digit).
  constexpr void write_digits(std::uint64_t v) noexcept {
    constexpr std::uint64_t powers[20] = {10000000000000000000u, 1000000000000000000u, 100000000000000000u,
                                          10000000000000000u,    1000000000000000u,    100000000000000u,
                                          10000000000000u,       1000000000000u,       100000000000u,
                                          10000000000u,          1000000000u,          100000000u,
                                          10000000u,             1000000u,             100000u,
                                          10000u,                1000u,                100u,
                                          10u,                   1u};
    bool started = false;
    for (std::uint64_t power : powers) {
      char digit = '0';
      while (v >= power) {
        v -= power;
        ++digit;
      }
      if (digit != '0' || started || power == 1) {
        started = true;
        put(digit);
      }
    }
  }

  // A JSON string: '"', '\\' and control characters escaped (short forms where
  // RFC 8259 has them, \u00XX for the rest), other valid UTF-8 copied as is.
  constexpr void write_string(std::string_view s) noexcept {
    put('"');
    write_string_content(s);
    put('"');
  }

  constexpr void write_string_content(std::string_view s) noexcept {
    std::size_t i = 0;
    while (i < s.size() && !failed_) {
      const char c = s[i];
      const unsigned byte = static_cast<unsigned char>(c);
      if (byte >= 0x80) {
        const std::size_t length = detail::utf8_sequence_length(s.data() + i, s.size() - i);
        if (length == 0) {
          fail(error::bad_utf8);
          return;
        }
        put_text(std::string_view(s.data() + i, length));
        i += length;
        continue;
      }
      ++i;
      if (c == '"' || c == '\\') {
        put('\\');
        put(c);
      } else if (byte >= 0x20) {
        put(c);
      } else {
        put('\\');
        switch (c) {
          case '\b': put('b'); break;
          case '\f': put('f'); break;
          case '\n': put('n'); break;
          case '\r': put('r'); break;
          case '\t': put('t'); break;
          default:
            put_text("u00");
            put(static_cast<char>('0' + (byte >> 4)));
            put("0123456789abcdef"[byte & 15]);
        }
      }
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
