// fuzz/fuzz_base64url.cpp: the input as bytes is encoded and decoded back; the
// input as text is decoded by both decoders and, when accepted, must re-encode
// to itself (the decoders accept canonical text only). Both directions are
// compared with a plain reference written here, including which error is given.
#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t
#include <cstring>      // std::memcmp, std::strchr
#include <memory>       // exact-size heap buffers, so ASan sees any overrun
#include <string>       // reference outputs
#include <string_view>  // inputs

#include <jwtcore/base64url.hpp>

#include "fuzz_support.hpp"

namespace {

constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int value_of(char c) {
  if (c == '\0') return -1;
  const char* at = std::strchr(alphabet, c);
  return at == nullptr ? -1 : static_cast<int>(at - alphabet);
}

std::string reference_encode(std::string_view bytes) {
  std::string text;
  std::uint32_t bits = 0;
  int held = 0;
  for (const char c : bytes) {
    bits = bits << 8 | static_cast<std::uint8_t>(c);
    held += 8;
    while (held >= 6) {
      held -= 6;
      text += alphabet[(bits >> held) & 63];
    }
    bits &= (1u << held) - 1;
  }
  if (held > 0) text += alphabet[(bits << (6 - held)) & 63];
  return text;
}

struct reference_result {
  bool ok = false;
  jwtcore::error error = jwtcore::error::bad_base64url_char;
  std::string bytes;
};

// The documented order: '=' anywhere, then a byte outside the alphabet, then
// the length, then non-zero unused bits.
reference_result reference_decode(std::string_view text) {
  reference_result r;
  if (text.find('=') != std::string_view::npos) return r.error = jwtcore::error::bad_base64url_padding, r;
  for (const char c : text) {
    if (value_of(c) < 0) return r.error = jwtcore::error::bad_base64url_char, r;
  }
  if (text.size() % 4 == 1) return r.error = jwtcore::error::bad_base64url_length, r;
  std::uint32_t bits = 0;
  int held = 0;
  for (const char c : text) {
    bits = bits << 6 | static_cast<std::uint32_t>(value_of(c));
    held += 6;
    if (held >= 8) {
      held -= 8;
      r.bytes += static_cast<char>((bits >> held) & 0xFF);
    }
    bits &= (1u << held) - 1;
  }
  if (bits != 0) return r.error = jwtcore::error::bad_base64url_trailing_bits, r;
  r.ok = true;
  return r;
}

void check_encode(std::string_view bytes) {
  const std::string expected = reference_encode(bytes);
  FUZZ_CHECK(jwtcore::base64url_encoded_size(bytes.size()) == expected.size());

  std::unique_ptr<char[]> out(new char[expected.size() + 1]);
  const jwtcore::result<std::size_t> n = jwtcore::base64url_encode_into(bytes, out.get(), expected.size());
  FUZZ_CHECK(n && *n == expected.size());
  FUZZ_CHECK(std::string_view(out.get(), *n) == expected);
  FUZZ_CHECK(jwtcore::base64url_encode(bytes) == expected);

  // One byte short: refused, and nothing written.
  if (!expected.empty()) {
    const std::size_t short_capacity = expected.size() - 1;
    std::unique_ptr<char[]> small(new char[short_capacity + 1]);
    std::memset(small.get(), '#', short_capacity + 1);
    const jwtcore::result<std::size_t> refused =
        jwtcore::base64url_encode_into(bytes, small.get(), short_capacity);
    FUZZ_CHECK(!refused && refused.error() == jwtcore::error::buffer_too_small);
    for (std::size_t i = 0; i <= short_capacity; ++i) FUZZ_CHECK(small[i] == '#');
  }

  // And back, into std::uint8_t this time.
  const std::size_t decoded_size = jwtcore::base64url_decoded_size(expected.size());
  FUZZ_CHECK(decoded_size == bytes.size());
  std::unique_ptr<std::uint8_t[]> back(new std::uint8_t[decoded_size + 1]);
  const jwtcore::result<std::size_t> m = jwtcore::base64url_decode_into(expected, back.get(), decoded_size);
  FUZZ_CHECK(m && *m == bytes.size());
  FUZZ_CHECK(bytes.empty() || std::memcmp(back.get(), bytes.data(), bytes.size()) == 0);
}

void check_decode(std::string_view text) {
  const reference_result expected = reference_decode(text);
  const std::size_t capacity = jwtcore::base64url_decoded_size(text.size());
  constexpr char sentinel = static_cast<char>(0xA5);
  std::unique_ptr<char[]> out(new char[capacity + 1]);
  std::memset(out.get(), sentinel, capacity + 1);
  const jwtcore::result<std::size_t> n = jwtcore::base64url_decode_into(text, out.get(), capacity);
  FUZZ_CHECK(n.has_value() == expected.ok);
  // The decoder for public text (vector steps on a CPU that has them): the same
  // verdict and bytes, into an exact-size buffer.
  std::unique_ptr<char[]> public_out(new char[capacity + 1]);
  const jwtcore::result<std::size_t> p = jwtcore::base64url_decode_public_into(text, public_out.get(), capacity);
  FUZZ_CHECK(p.has_value() == expected.ok);
  FUZZ_CHECK(p ? std::string_view(public_out.get(), *p) == expected.bytes : p.error() == expected.error);
  if (!n) {
    FUZZ_CHECK(n.error() == expected.error);
    // Nothing decoded is left behind: each byte is untouched or wiped.
    for (std::size_t i = 0; i <= capacity; ++i) FUZZ_CHECK(out[i] == sentinel || out[i] == 0);
    const jwtcore::result<std::string> s = jwtcore::base64url_decode(text);
    FUZZ_CHECK(!s && s.error() == expected.error);
    return;
  }
  FUZZ_CHECK(*n == expected.bytes.size() && *n == capacity);
  FUZZ_CHECK(std::string_view(out.get(), *n) == expected.bytes);
  FUZZ_CHECK(out[capacity] == sentinel);
  // Canonical: the only text that decodes to these bytes.
  FUZZ_CHECK(jwtcore::base64url_encode(expected.bytes) == text);
  const jwtcore::result<std::string> s = jwtcore::base64url_decode(text);
  FUZZ_CHECK(s && *s == expected.bytes);

  if (capacity > 0) {
    std::unique_ptr<char[]> small(new char[capacity]);
    std::memset(small.get(), sentinel, capacity);
    const jwtcore::result<std::size_t> refused = jwtcore::base64url_decode_into(text, small.get(), capacity - 1);
    FUZZ_CHECK(!refused && refused.error() == jwtcore::error::buffer_too_small);
    for (std::size_t i = 0; i < capacity; ++i) FUZZ_CHECK(small[i] == sentinel);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  check_encode(input);
  check_decode(input);
  return 0;
}
