// fuzz/fuzz_support.hpp: what every harness shares: a property check that
// aborts (so libFuzzer and the replay driver both report it), a reader that
// turns the fuzzer's bytes into fields, and a UTF-8 rule written independently
// of the library's, so the harnesses do not check the library against itself.
#ifndef JWTCORE_FUZZ_SUPPORT_HPP
#define JWTCORE_FUZZ_SUPPORT_HPP

#include <cstddef>      // std::size_t
#include <cstdint>      // fixed-width integers
#include <cstdio>       // std::fprintf, for the line that says which property failed
#include <cstdlib>      // std::abort
#include <string_view>  // fields are views into the input

// Aborts on a violated property, naming it; never compiled out (no NDEBUG).
#define FUZZ_CHECK(condition)                                                                          \
  do {                                                                                                 \
    if (!(condition)) {                                                                                \
      std::fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__, #condition);       \
      std::abort();                                                                                    \
    }                                                                                                  \
  } while (0)

namespace fuzz {

// Reads fields front to back; past the end every field reads as zero/empty, so
// any input is a complete (if short) description.
class byte_reader {
 public:
  byte_reader(const std::uint8_t* data, std::size_t size) noexcept : data_(data), size_(size) {}

  bool empty() const noexcept { return pos_ >= size_; }
  std::size_t remaining() const noexcept { return size_ - pos_; }

  std::uint8_t u8() noexcept { return pos_ < size_ ? data_[pos_++] : 0; }
  std::uint32_t u32() noexcept {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = v << 8 | u8();
    return v;
  }
  std::uint64_t u64() noexcept {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = v << 8 | u8();
    return v;
  }
  // Up to `count` bytes (fewer at the end of the input).
  std::string_view bytes(std::size_t count) noexcept {
    if (count > remaining()) count = remaining();
    const std::string_view piece(reinterpret_cast<const char*>(data_ + pos_), count);
    pos_ += count;
    return piece;
  }
  // A string preceded by its length byte.
  std::string_view short_string() noexcept { return bytes(u8()); }
  std::string_view rest() noexcept { return bytes(remaining()); }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

// RFC 3629 validity by decoding code points (the library checks byte ranges
// instead): no overlong form, no surrogate, nothing above U+10FFFF, no
// truncated sequence, no stray continuation byte.
inline bool valid_utf8(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned lead = static_cast<unsigned char>(s[i]);
    std::size_t length = 0;
    std::uint32_t cp = 0, min = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2, cp = lead & 0x1F, min = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3, cp = lead & 0x0F, min = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4, cp = lead & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (s.size() - i < length) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const unsigned next = static_cast<unsigned char>(s[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      cp = cp << 6 | (next & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

}  // namespace fuzz

#endif  // JWTCORE_FUZZ_SUPPORT_HPP
