// tools/jwtcore/token_input.hpp: the TOKEN|- argument of verify, decode and
// revoke: the token itself, or "-" to read it from stdin.
#ifndef JWTCORE_TOOLS_TOKEN_INPUT_HPP
#define JWTCORE_TOOLS_TOKEN_INPUT_HPP

#include <string>       // the token read
#include <string_view>  // the argument

namespace jwtcore_cli {

// Sets `token` to `argument`, or to all of stdin when it is "-", less one
// trailing "\n" or "\r\n". Returns exit_ok, or reports why stdin could not be
// read and returns exit_usage.
int read_token(std::string_view command, std::string_view argument, std::string& token);

}  // namespace jwtcore_cli

#endif  // JWTCORE_TOOLS_TOKEN_INPUT_HPP
