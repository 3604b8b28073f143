// fuzz/fuzz_json_reader.cpp: the strict reader against a plain recursive
// RFC 8259 parser written here. They must agree on every input, under the
// default limits and under tight ones; when a text is accepted, every view
// the reader hands out (kinds, raw text, members, find, elements, decoded
// strings, integers) must match the reference tree, and so must the
// top-level members the one pass hands to the verifier, with and without its
// name table. The pass's word-at-a-time scans must agree with a byte loop.
#include <cstddef>      // std::size_t, std::nullptr_t
#include <cstdint>      // fixed-width integers
#include <cstdlib>      // std::strtoll
#include <memory>       // exact-size decode buffers
#include <set>          // duplicate names in the reference
#include <string>       // decoded strings
#include <string_view>  // the input text
#include <utility>      // std::pair
#include <vector>       // the reference tree

#include <jwtcore/json_reader.hpp>

#include "fuzz_support.hpp"

namespace {

struct node {
  jwtcore::json_kind kind = jwtcore::json_kind::none;
  std::string_view raw;
  std::string text;  // strings: the decoded bytes
  std::vector<std::pair<std::string, node>> members;
  std::vector<node> elements;
};

class reference_parser {
 public:
  reference_parser(std::string_view s, std::size_t max_depth, std::size_t max_members)
      : s_(s), max_depth_(max_depth), max_members_(max_members) {}

  bool parse(node& root) {
    skip_space();
    if (!value(root, 0)) return false;
    skip_space();
    return pos_ == s_.size();
  }

 private:
  bool at_end() const { return pos_ >= s_.size(); }
  char peek() const { return s_[pos_]; }
  void skip_space() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) ++pos_;
  }

  bool value(node& out, std::size_t depth) {
    if (at_end()) return false;
    const std::size_t begin = pos_;
    bool ok = false;
    switch (peek()) {
      case '{': ok = object(out, depth + 1); break;
      case '[': ok = array(out, depth + 1); break;
      case '"': out.kind = jwtcore::json_kind::string; ok = string(out.text); break;
      case 't': out.kind = jwtcore::json_kind::true_value; ok = literal("true"); break;
      case 'f': out.kind = jwtcore::json_kind::false_value; ok = literal("false"); break;
      case 'n': out.kind = jwtcore::json_kind::null_value; ok = literal("null"); break;
      default: out.kind = jwtcore::json_kind::number; ok = number(); break;
    }
    if (ok) out.raw = s_.substr(begin, pos_ - begin);
    return ok;
  }

  bool object(node& out, std::size_t depth) {
    if (depth > max_depth_) return false;
    out.kind = jwtcore::json_kind::object;
    ++pos_;
    skip_space();
    if (!at_end() && peek() == '}') return ++pos_, true;
    std::set<std::string> names;
    for (;;) {
      skip_space();
      if (at_end() || peek() != '"') return false;
      std::string name;
      if (!string(name)) return false;
      skip_space();
      if (at_end() || peek() != ':') return false;
      ++pos_;
      skip_space();
      node member;
      if (!value(member, depth)) return false;
      if (!names.insert(name).second) return false;  // duplicate
      if (names.size() > max_members_) return false;
      out.members.emplace_back(std::move(name), std::move(member));
      skip_space();
      if (at_end()) return false;
      if (peek() == '}') return ++pos_, true;
      if (peek() != ',') return false;
      ++pos_;
    }
  }

  bool array(node& out, std::size_t depth) {
    if (depth > max_depth_) return false;
    out.kind = jwtcore::json_kind::array;
    ++pos_;
    skip_space();
    if (!at_end() && peek() == ']') return ++pos_, true;
    for (;;) {
      skip_space();
      node element;
      if (!value(element, depth)) return false;
      out.elements.push_back(std::move(element));
      skip_space();
      if (at_end()) return false;
      if (peek() == ']') return ++pos_, true;
      if (peek() != ',') return false;
      ++pos_;
    }
  }

  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  bool digits() {
    const std::size_t begin = pos_;
    while (!at_end() && peek() >= '0' && peek() <= '9') ++pos_;
    return pos_ > begin;
  }

  bool number() {
    if (!at_end() && peek() == '-') ++pos_;
    if (at_end()) return false;
    if (peek() == '0') {
      ++pos_;
    } else if (!digits()) {
      return false;
    }
    if (!at_end() && peek() == '.') {
      ++pos_;
      if (!digits()) return false;
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      ++pos_;
      if (!at_end() && (peek() == '+' || peek() == '-')) ++pos_;
      if (!digits()) return false;
    }
    return true;
  }

  bool hex4(std::uint32_t& unit) {
    if (s_.size() - pos_ < 4) return false;
    unit = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = s_[pos_++];
      std::uint32_t d = 0;
      if (c >= '0' && c <= '9') {
        d = static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        d = static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        d = static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
      unit = unit * 16 + d;
    }
    return true;
  }

  static void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool string(std::string& out) {
    ++pos_;  // the opening quote
    std::size_t raw_begin = pos_;
    const auto flush_raw = [&]() -> bool {
      const std::string_view raw = s_.substr(raw_begin, pos_ - raw_begin);
      if (!fuzz::valid_utf8(raw)) return false;
      out.append(raw.data(), raw.size());
      return true;
    };
    while (!at_end()) {
      const char c = peek();
      if (c == '"') {
        if (!flush_raw()) return false;
        ++pos_;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        ++pos_;
        continue;
      }
      if (!flush_raw()) return false;
      ++pos_;
      if (at_end()) return false;
      const char letter = s_[pos_++];
      switch (letter) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::uint32_t unit = 0;
          if (!hex4(unit)) return false;
          if (unit >= 0xDC00 && unit <= 0xDFFF) return false;
          if (unit >= 0xD800 && unit <= 0xDBFF) {
            if (s_.substr(pos_, 2) != "\\u") return false;
            pos_ += 2;
            std::uint32_t low = 0;
            if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, unit);
          break;
        }
        default: return false;
      }
      raw_begin = pos_;
    }
    return false;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  std::size_t max_depth_, max_members_;
};

// -?[0-9]{1,18} without leading zeros: exactly representable, strtoll is the reference.
bool is_plain_integer(std::string_view raw) {
  std::size_t i = raw.size() > 0 && raw[0] == '-' ? 1 : 0;
  const std::size_t digits = raw.size() - i;
  if (digits == 0 || digits > 18) return false;
  for (; i < raw.size(); ++i) {
    if (raw[i] < '0' || raw[i] > '9') return false;
  }
  return true;
}

void compare(const jwtcore::json_value& v, const node& n) {
  FUZZ_CHECK(v.kind() == n.kind);
  FUZZ_CHECK(v.raw() == n.raw);
  switch (n.kind) {
    case jwtcore::json_kind::string: {
      const jwtcore::result<std::size_t> size = v.string_size();
      FUZZ_CHECK(size && *size == n.text.size());
      std::unique_ptr<char[]> out(new char[n.text.size() + 1]);
      const jwtcore::result<std::size_t> decoded = v.decode_string(out.get(), n.text.size());
      FUZZ_CHECK(decoded && std::string_view(out.get(), *decoded) == n.text);
      if (!n.text.empty()) {
        const jwtcore::result<std::size_t> refused = v.decode_string(out.get(), n.text.size() - 1);
        FUZZ_CHECK(!refused && refused.error() == jwtcore::error::buffer_too_small);
      }
      FUZZ_CHECK(v.string_equals(n.text));
      FUZZ_CHECK(!v.string_equals(n.text + "x"));
      FUZZ_CHECK(!v.as_int64() && !v.as_bool() && !v.as_numeric_date());
      break;
    }
    case jwtcore::json_kind::number: {
      const jwtcore::result<std::int64_t> i = v.as_int64();
      const jwtcore::result<jwtcore::json_numeric_date> date = v.as_numeric_date();
      FUZZ_CHECK(date.has_value());
      if (i) {
        // An exact integer is its own floor.
        FUZZ_CHECK(date->seconds == *i && !date->had_fraction && date->range == jwtcore::json_range::in_range);
      }
      if (is_plain_integer(n.raw)) {
        const long long expected = std::strtoll(std::string(n.raw).c_str(), nullptr, 10);
        FUZZ_CHECK(i && *i == expected);
      }
      FUZZ_CHECK(!v.string_size() && !v.as_bool());
      break;
    }
    case jwtcore::json_kind::true_value:
    case jwtcore::json_kind::false_value: {
      const jwtcore::result<bool> b = v.as_bool();
      FUZZ_CHECK(b && *b == (n.kind == jwtcore::json_kind::true_value));
      break;
    }
    case jwtcore::json_kind::object: {
      std::size_t count = 0;
      for (const jwtcore::json_member& m : v.members()) {
        FUZZ_CHECK(count < n.members.size());
        const auto& [name, value] = n.members[count];
        FUZZ_CHECK(m.name.kind() == jwtcore::json_kind::string && m.name.string_equals(name));
        compare(m.value, value);
        // Names are unique, so find() lands on this very member.
        FUZZ_CHECK(v.find(name).raw().data() == m.value.raw().data());
        ++count;
      }
      FUZZ_CHECK(count == n.members.size());
      FUZZ_CHECK(v.members().empty() == n.members.empty());
      FUZZ_CHECK(v.elements().empty());
      std::string absent = "\x01missing";
      for (const auto& member : n.members) absent += member.first;  // longer than every name
      FUZZ_CHECK(!v.find(absent));
      break;
    }
    case jwtcore::json_kind::array: {
      std::size_t count = 0;
      for (const jwtcore::json_value& e : v.elements()) {
        FUZZ_CHECK(count < n.elements.size());
        compare(e, n.elements[count]);
        ++count;
      }
      FUZZ_CHECK(count == n.elements.size());
      FUZZ_CHECK(v.elements().empty() == n.elements.empty());
      FUZZ_CHECK(v.members().empty() && !v.find(""));
      break;
    }
    default: break;
  }
}

// The members of the top-level object as the one pass hands them to the
// verifier (through either form of the pass), against the reference tree.
struct handed {
  const node* root = nullptr;
  std::size_t count = 0;
};

void check_member(void* context, const jwtcore::json_top_member& m) noexcept {
  handed& h = *static_cast<handed*>(context);
  FUZZ_CHECK(h.root->kind == jwtcore::json_kind::object && h.count < h.root->members.size());
  const auto& [name, value] = h.root->members[h.count++];
  FUZZ_CHECK(m.tag == jwtcore::detail::json_name_tag(name));
  FUZZ_CHECK(m.name_escaped == (m.name.find('\\') != std::string_view::npos));
  FUZZ_CHECK(jwtcore::detail::json_body_equals(m.name, name));
  FUZZ_CHECK(m.value.raw() == value.raw);
  const bool escaped_value = value.kind == jwtcore::json_kind::string && value.raw.find('\\') != std::string_view::npos;
  FUZZ_CHECK(m.value_escaped == escaped_value);
}

template <bool CacheNames, class Sink = jwtcore::json_member_sink>
jwtcore::result<jwtcore::json_value> read_with(std::string_view text, const jwtcore::json_limits& limits,
                                               Sink on_member = nullptr, void* context = nullptr) {
  jwtcore::detail::json_pass_state state{};
  return jwtcore::detail::json_read_pass<CacheNames>(text, limits, on_member, context, state);
}

template <bool CacheNames>
void compare_top_members(std::string_view text, const jwtcore::json_limits& limits, const node& root) {
  handed h{&root, 0};
  const jwtcore::result<jwtcore::json_value> value = read_with<CacheNames>(text, limits, check_member, &h);
  FUZZ_CHECK(value.has_value() && value->raw() == root.raw);
  FUZZ_CHECK(h.count == (root.kind == jwtcore::json_kind::object ? root.members.size() : 0));
}

// The first byte at or after pos that ends plain string text, byte by byte.
std::size_t plain_end(std::string_view s, std::size_t pos) {
  while (pos < s.size()) {
    const auto b = static_cast<unsigned char>(s[pos]);
    if (b == '"' || b == '\\' || b < 0x20 || b >= 0x80) break;
    ++pos;
  }
  return pos;
}

void check_scans(std::string_view text) {
  // Every start in the first 64 bytes, then every 61st: each scan may run to
  // the end, and all of them would cost the square of the size.
  for (std::size_t pos = 0; pos <= text.size(); pos += pos < 64 ? 1 : 61) {
    const std::size_t expected = plain_end(text, pos);
    FUZZ_CHECK(jwtcore::detail::json_skip_plain(text, pos) == expected);
    std::size_t digits_end = pos;
    while (digits_end < text.size() && text[digits_end] >= '0' && text[digits_end] <= '9') ++digits_end;
    FUZZ_CHECK(jwtcore::detail::json_skip_digits(text, pos) == digits_end);
  }
}

bool same_verdict(const jwtcore::result<jwtcore::json_value>& a, const jwtcore::result<jwtcore::json_value>& b) {
  if (a.has_value() != b.has_value()) return false;
  return a ? a->raw().data() == b->raw().data() && a->raw().size() == b->raw().size() : a.error() == b.error();
}

// Every form of the pass (without its name table, as JWTCORE_SIZE_FIRST
// builds use it; handing no member over) gives the verdict and root of the
// one with the table that hands members over.
void compare_passes(std::string_view text, const jwtcore::json_limits& limits) {
  const jwtcore::result<jwtcore::json_value> cached = read_with<true>(text, limits);
  FUZZ_CHECK(same_verdict(cached, read_with<false>(text, limits)));
  FUZZ_CHECK(same_verdict(cached, read_with<true, std::nullptr_t>(text, limits)));
  FUZZ_CHECK(same_verdict(cached, read_with<false, std::nullptr_t>(text, limits)));
}

void check(std::string_view text, const jwtcore::json_limits& limits) {
  compare_passes(text, limits);
  node root;
  reference_parser reference(text, limits.max_depth, limits.max_members);
  const bool expected = text.size() <= limits.max_size && reference.parse(root);
  const jwtcore::result<jwtcore::json_value> parsed = jwtcore::json_parse(text, limits);
  FUZZ_CHECK(parsed.has_value() == expected);
  FUZZ_CHECK(jwtcore::json_validate(text, limits).has_value() == expected);
  const jwtcore::result<jwtcore::json_value> object = jwtcore::json_parse_object(text, limits);
  FUZZ_CHECK(object.has_value() == (expected && root.kind == jwtcore::json_kind::object));
  if (expected && !object) FUZZ_CHECK(object.error() == jwtcore::error::bad_payload);
  if (!parsed) {
    const jwtcore::error e = parsed.error();
    FUZZ_CHECK(e == jwtcore::error::bad_json || e == jwtcore::error::bad_utf8 || e == jwtcore::error::bad_escape ||
               e == jwtcore::error::too_deep || e == jwtcore::error::too_large ||
               e == jwtcore::error::duplicate_member);
    return;
  }
  compare(*parsed, root);
  compare_top_members<true>(text, limits, root);
  compare_top_members<false>(text, limits, root);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_scans(text);
  check(text, jwtcore::json_limits{});
  check(text, jwtcore::json_limits{size, 3, 3});
  check(text, jwtcore::json_limits{size > 0 ? size - 1 : 0, 64, 256});  // one byte over the size limit
  check(text, jwtcore::json_limits{size, 1, 1});
  return 0;
}
