// tools/jwtcore/pretty_json.hpp: indents JSON text that the library has
// already validated, for people to read (decode). Values are kept exactly,
// except that DEL and the C1 control characters inside strings are written as
// \u escapes, so a hostile token cannot send terminal control sequences.
#ifndef JWTCORE_TOOLS_PRETTY_JSON_HPP
#define JWTCORE_TOOLS_PRETTY_JSON_HPP

#include <string>       // the indented text
#include <string_view>  // the validated input

namespace jwtcore_cli {

// Two spaces per level, "name": value, empty containers as {} and [], and a
// final newline. The input must be valid JSON (the result is unspecified
// otherwise, but never out of bounds).
std::string pretty_json(std::string_view json);

// The same value on one line without whitespace between tokens, and with no
// final newline (verify --batch's output lines).
std::string one_line_json(std::string_view json);

}  // namespace jwtcore_cli

#endif  // JWTCORE_TOOLS_PRETTY_JSON_HPP
