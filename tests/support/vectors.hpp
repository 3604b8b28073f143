// tests/support/vectors.hpp: test-only helpers to read the published vectors in
// tests/data: file loading, hex, a small JSON reader and a NIST CAVP .rsp reader.
// Written apart from jwtcore on purpose: a bug in the library under test cannot
// then change what the tests believe the expected values are.
#ifndef JWTCORE_TESTS_SUPPORT_VECTORS_HPP
#define JWTCORE_TESTS_SUPPORT_VECTORS_HPP

#include <array>        // std::array, fixed-size expected digests
#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t, std::uint32_t
#include <fstream>      // std::ifstream, reading data files
#include <iterator>     // std::istreambuf_iterator
#include <optional>     // a parse either succeeds or says nothing
#include <string>       // owned text
#include <string_view>  // borrowed text
#include <utility>      // std::move
#include <vector>       // byte strings, JSON arrays, .rsp records

#ifndef JWTCORE_TEST_DATA_DIR
#error "JWTCORE_TEST_DATA_DIR must name the tests/data folder (the build defines it)"
#endif

// doctest's REQUIRE needs exceptions, and the suite also builds with
// -fno-exceptions: a failed precondition is recorded, then the test case returns.
#define JWTCORE_REQUIRE(...)                                       \
  do {                                                             \
    const bool jwtcore_required_ = static_cast<bool>(__VA_ARGS__); \
    CHECK_MESSAGE(jwtcore_required_, "required: " #__VA_ARGS__);   \
    if (!jwtcore_required_) return;                                \
  } while (false)

namespace jwtcore_test {

using byte_string = std::vector<std::uint8_t>;

// ---- files -------------------------------------------------------------------

// The whole content of tests/data/<name>, or nothing when it cannot be read.
inline std::optional<std::string> read_data_file(std::string_view name) {
  std::string path = JWTCORE_TEST_DATA_DIR;
  path += '/';
  path += name;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return text;
}

// ---- bytes and hex -----------------------------------------------------------

// The value of a hex digit, or -1.
constexpr int hex_digit(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes hex of either case; nothing for an odd length or a non-hex digit.
inline std::optional<byte_string> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  byte_string bytes;
  bytes.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = hex_digit(hex[i]), lo = hex_digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    bytes.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
  }
  return bytes;
}

// Lowercase hex, the form every vector file uses: comparing hex strings makes
// a failing check print both values readably.
inline std::string to_hex(const std::uint8_t* data, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    hex += digits[data[i] >> 4];
    hex += digits[data[i] & 15];
  }
  return hex;
}
template <class Bytes>
std::string to_hex(const Bytes& bytes) {
  return to_hex(bytes.data(), bytes.size());
}

inline std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The same bytes seen as text, for the std::string_view overloads.
inline std::string_view as_chars(const byte_string& bytes) {
  return std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}
inline byte_string as_bytes(std::string_view text) { return byte_string(text.begin(), text.end()); }

// Fails to be a constant expression when reached: a typo in a hex literal
// below then stops the build instead of yielding a wrong expected value.
inline void hex_literal_has_a_bad_digit() {}

// A hex string literal as bytes, usable in static_assert.
template <std::size_t N>
constexpr std::array<std::uint8_t, (N - 1) / 2> hex_bytes(const char (&hex)[N]) {
  static_assert(N % 2 == 1, "a hex literal has an even number of digits");
  std::array<std::uint8_t, (N - 1) / 2> bytes{};
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      hex_literal_has_a_bad_digit();
      return bytes;
    }
    bytes[i] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return bytes;
}

// std::array's operator== is constexpr only from C++20.
template <std::size_t N>
constexpr bool same_bytes(const std::array<std::uint8_t, N>& a, const std::array<std::uint8_t, N>& b) {
  for (std::size_t i = 0; i < N; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// A small deterministic generator (splitmix64) for reproducible "random" inputs.
class test_rng {
 public:
  explicit test_rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
  }
  byte_string bytes(std::size_t size) {
    byte_string out(size);
    for (std::uint8_t& b : out) b = static_cast<std::uint8_t>(next() >> 56);
    return out;
  }

 private:
  std::uint64_t state_;
};

// ---- JSON --------------------------------------------------------------------

// A parsed JSON value: enough of RFC 8259 for the vector files. Numbers are
// kept as written; object members keep their order (the first wins on lookup).
class json_value {
 public:
  enum class kind { null, boolean, number, string, array, object };

  kind type = kind::null;
  bool boolean = false;
  std::string text;               // a string's value, or a number as written
  std::vector<json_value> items;  // array elements, or object member values
  std::vector<std::string> keys;  // object member names, parallel to items

  bool is_string() const { return type == kind::string; }
  bool is_array() const { return type == kind::array; }
  bool is_object() const { return type == kind::object; }
  bool is_number() const { return type == kind::number; }
  std::size_t size() const { return items.size(); }

  const json_value* find(std::string_view key) const {
    if (type != kind::object) return nullptr;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] == key) return &items[i];
    }
    return nullptr;
  }
  // A null value for a missing member or index, so lookups chain safely.
  const json_value& operator[](std::string_view key) const {
    const json_value* v = find(key);
    return v != nullptr ? *v : null_value();
  }
  const json_value& operator[](std::size_t index) const {
    return (type == kind::array && index < items.size()) ? items[index] : null_value();
  }
  // The string's value; empty for anything that is not a string.
  const std::string& str() const { return type == kind::string ? text : null_value().text; }
  // The number when it is an integer without fraction or exponent.
  std::optional<long long> integer() const {
    if (type != kind::number || text.empty()) return std::nullopt;
    std::size_t i = text[0] == '-' ? 1 : 0;
    if (i == text.size()) return std::nullopt;
    unsigned long long magnitude = 0;
    for (; i < text.size(); ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      if (magnitude > (9223372036854775807ull - 9) / 10) return std::nullopt;
      magnitude = magnitude * 10 + static_cast<unsigned>(text[i] - '0');
    }
    const long long value = static_cast<long long>(magnitude);
    return text[0] == '-' ? -value : value;
  }

 private:
  static const json_value& null_value() {
    static const json_value null;
    return null;
  }
};

namespace detail {

class json_parser {
 public:
  explicit json_parser(std::string_view text) : s_(text) {}

  std::optional<json_value> parse_document() {
    json_value v;
    if (!parse_value(v, 0)) return std::nullopt;
    skip_space();
    if (pos_ != s_.size()) return std::nullopt;
    return v;
  }

 private:
  static constexpr int max_depth = 64;

  void skip_space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
  }
  bool eat(char c) {
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool literal(std::string_view word) {
    if (s_.compare(pos_, word.size(), word) != 0) return false;
    pos_ += word.size();
    return true;
  }

  bool parse_value(json_value& v, int depth) {
    if (depth > max_depth) return false;
    skip_space();
    if (pos_ >= s_.size()) return false;
    switch (s_[pos_]) {
      case '{':
        return parse_object(v, depth);
      case '[':
        return parse_array(v, depth);
      case '"':
        v.type = json_value::kind::string;
        return parse_string(v.text);
      case 't':
        v.type = json_value::kind::boolean;
        v.boolean = true;
        return literal("true");
      case 'f':
        v.type = json_value::kind::boolean;
        v.boolean = false;
        return literal("false");
      case 'n':
        v.type = json_value::kind::null;
        return literal("null");
      default:
        v.type = json_value::kind::number;
        return parse_number(v.text);
    }
  }

  bool parse_object(json_value& v, int depth) {
    v.type = json_value::kind::object;
    ++pos_;  // '{'
    if (eat('}')) return true;
    do {
      skip_space();
      std::string key;
      if (pos_ >= s_.size() || s_[pos_] != '"' || !parse_string(key)) return false;
      if (!eat(':')) return false;
      json_value member;
      if (!parse_value(member, depth + 1)) return false;
      v.keys.push_back(std::move(key));
      v.items.push_back(std::move(member));
    } while (eat(','));
    return eat('}');
  }

  bool parse_array(json_value& v, int depth) {
    v.type = json_value::kind::array;
    ++pos_;  // '['
    if (eat(']')) return true;
    do {
      json_value item;
      if (!parse_value(item, depth + 1)) return false;
      v.items.push_back(std::move(item));
    } while (eat(','));
    return eat(']');
  }

  bool digits() {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    return pos_ > start;
  }

  bool parse_number(std::string& out) {
    const std::size_t start = pos_;
    if (pos_ < s_.size() && s_[pos_] == '-') ++pos_;
    if (pos_ < s_.size() && s_[pos_] == '0') {
      ++pos_;
    } else if (!digits()) {
      return false;
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (!digits()) return false;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (!digits()) return false;
    }
    out.assign(s_.substr(start, pos_ - start));
    return true;
  }

  bool hex4(std::uint32_t& out) {
    if (s_.size() - pos_ < 4) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const int d = hex_digit(s_[pos_++]);
      if (d < 0) return false;
      out = out * 16 + static_cast<std::uint32_t>(d);
    }
    return true;
  }

  static void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xc0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xe0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    }
  }

  bool parse_string(std::string& out) {
    ++pos_;  // '"'
    while (pos_ < s_.size()) {
      const char c = s_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= s_.size()) return false;
      switch (s_[pos_++]) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xdc00 && cp <= 0xdfff) return false;  // a lone low surrogate
          if (cp >= 0xd800 && cp <= 0xdbff) {
            std::uint32_t low = 0;
            if (!literal("\\u") || !hex4(low) || low < 0xdc00 || low > 0xdfff) return false;
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          }
          append_utf8(out, cp);
          break;
        }
        default:
          return false;
      }
    }
    return false;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace detail

inline std::optional<json_value> parse_json(std::string_view text) {
  return detail::json_parser(text).parse_document();
}

// ---- NIST CAVP .rsp ----------------------------------------------------------

// One record of a .rsp file: its "Name = value" lines, in order.
struct rsp_record {
  std::vector<std::pair<std::string, std::string>> fields;

  const std::string* find(std::string_view name) const {
    for (const auto& field : fields) {
      if (field.first == name) return &field.second;
    }
    return nullptr;
  }
};

// Records are runs of "Name = value" lines separated by blank lines; '#'
// comments and "[L = 32]" section headers are not records. CR LF or LF.
inline std::vector<rsp_record> parse_rsp(std::string_view text) {
  std::vector<rsp_record> records;
  rsp_record current;
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
  };
  auto flush = [&] {
    if (!current.fields.empty()) records.push_back(std::move(current));
    current = rsp_record{};
  };
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.empty()) {
      flush();
      continue;
    }
    if (line.front() == '#' || line.front() == '[') continue;
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    current.fields.emplace_back(std::string(trim(line.substr(0, eq))), std::string(trim(line.substr(eq + 1))));
  }
  flush();
  return records;
}

// ---- NIST CAVP message files ----------------------------------------------------

struct msg_vector {
  std::size_t len_bits;
  byte_string message;
  std::string md_hex;
};
using sha256_msg_vector = msg_vector;

// Reads SHA{256,384,512}{Short,Long}Msg.rsp, whose digests are digest_size
// bytes. Len is in bits (all multiples of 8 there); for Len = 0 the file
// writes "Msg = 00", a placeholder, so only Len / 8 bytes count. Nothing when
// the file is missing or a record is malformed.
inline std::optional<std::vector<msg_vector>> load_msg_vectors(std::string_view file, std::size_t digest_size) {
  const std::optional<std::string> text = read_data_file(file);
  if (!text) return std::nullopt;
  std::vector<msg_vector> vectors;
  for (const rsp_record& record : parse_rsp(*text)) {
    const std::string* len = record.find("Len");
    const std::string* msg = record.find("Msg");
    const std::string* md = record.find("MD");
    if (len == nullptr || msg == nullptr || md == nullptr) return std::nullopt;
    const std::size_t bits = std::stoul(*len);
    std::optional<byte_string> bytes = from_hex(*msg);
    if (bits % 8 != 0 || !bytes || bytes->size() < bits / 8 || md->size() != 2 * digest_size) return std::nullopt;
    bytes->resize(bits / 8);
    vectors.push_back({bits, std::move(*bytes), lowercase(*md)});
  }
  return vectors;
}

inline std::optional<std::vector<msg_vector>> load_sha256_msg_vectors(std::string_view file) {
  return load_msg_vectors(file, 32);
}

}  // namespace jwtcore_test

#endif  // JWTCORE_TESTS_SUPPORT_VECTORS_HPP
