// tools/jwtcore/pretty_json.cpp: a one-pass indenter (or squeezer) over valid JSON text.
#include "pretty_json.hpp"

#include <cstddef>  // std::size_t

namespace jwtcore_cli {

namespace {

// A line break and the indent of `depth`, when indenting.
void newline(std::string& out, std::size_t depth, bool indent) {
  if (!indent) return;
  out.push_back('\n');
  out.append(2 * depth, ' ');
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Copies the string starting at json[pos] (its opening quote) and returns the
// position after its closing quote.
std::size_t copy_string(std::string_view json, std::size_t pos, std::string& out) {
  static constexpr char hex[] = "0123456789abcdef";
  out.push_back(json[pos++]);
  while (pos < json.size()) {
    const char c = json[pos];
    const unsigned byte = static_cast<unsigned char>(c);
    if (c == '\\' && pos + 1 < json.size()) {
      out.push_back(c);
      out.push_back(json[pos + 1]);
      pos += 2;
    } else if (c == '"') {
      out.push_back(c);
      return pos + 1;
    } else if (byte == 0x7f) {
      out += "\\u007f";
      ++pos;
    } else if (byte == 0xc2 && pos + 1 < json.size() && static_cast<unsigned char>(json[pos + 1]) >= 0x80 &&
               static_cast<unsigned char>(json[pos + 1]) <= 0x9f) {
      // U+0080..U+009F, encoded C2 80..C2 9F: C1 controls (CSI is U+009B).
      const unsigned code = static_cast<unsigned char>(json[pos + 1]);
      out += "\\u00";
      out.push_back(hex[code >> 4]);
      out.push_back(hex[code & 15]);
      pos += 2;
    } else {
      out.push_back(c);
      ++pos;
    }
  }
  return pos;
}

// The next byte after json[pos] that is not JSON whitespace, or '\0'.
char next_significant(std::string_view json, std::size_t pos) {
  while (pos < json.size() && is_space(json[pos])) ++pos;
  return pos < json.size() ? json[pos] : '\0';
}

// The layout of both: indented, or on one line without any space.
std::string lay_out(std::string_view json, bool indent) {
  std::string out;
  out.reserve(indent ? json.size() * 2 : json.size());
  std::size_t depth = 0;
  std::size_t pos = 0;
  while (pos < json.size()) {
    const char c = json[pos];
    if (is_space(c)) {
      ++pos;
    } else if (c == '"') {
      pos = copy_string(json, pos, out);
    } else if (c == '{' || c == '[') {
      const char close = c == '{' ? '}' : ']';
      out.push_back(c);
      ++pos;
      if (next_significant(json, pos) == close) {
        while (json[pos] != close) ++pos;
        out.push_back(close);
        ++pos;
      } else {
        newline(out, ++depth, indent);
      }
    } else if (c == '}' || c == ']') {
      newline(out, depth > 0 ? --depth : 0, indent);
      out.push_back(c);
      ++pos;
    } else if (c == ',') {
      out.push_back(',');
      newline(out, depth, indent);
      ++pos;
    } else if (c == ':') {
      out += indent ? ": " : ":";
      ++pos;
    } else {
      out.push_back(c);  // numbers, true, false, null: copied byte by byte
      ++pos;
    }
  }
  if (indent) out.push_back('\n');
  return out;
}

}  // namespace

std::string pretty_json(std::string_view json) { return lay_out(json, true); }

std::string one_line_json(std::string_view json) { return lay_out(json, false); }

}  // namespace jwtcore_cli
