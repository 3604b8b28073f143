// tools/jwtcore/commands.hpp: the subcommands of the jwtcore tool, one file
// each (cmd_*.cpp). Each takes the arguments after its own name and returns
// the exit status; each has its --help text beside it.
#ifndef JWTCORE_TOOLS_COMMANDS_HPP
#define JWTCORE_TOOLS_COMMANDS_HPP

#include <string_view>  // arguments and help texts
#include <vector>       // the arguments

namespace jwtcore_cli {

using arguments = std::vector<std::string_view>;

int run_mint(const arguments& args);
int run_sign(const arguments& args);
int run_verify(const arguments& args);
int run_decode(const arguments& args);
int run_revoke(const arguments& args);
int run_scopes(const arguments& args);
int run_jwk(const arguments& args);

extern const std::string_view mint_help;
extern const std::string_view sign_help;
extern const std::string_view verify_help;
extern const std::string_view decode_help;
extern const std::string_view revoke_help;
extern const std::string_view scopes_help;
extern const std::string_view jwk_help;

// Prints a help text on stdout and returns exit_ok (or exit_usage when
// stdout cannot be written).
int print_help(std::string_view command, std::string_view text);

}  // namespace jwtcore_cli

#endif  // JWTCORE_TOOLS_COMMANDS_HPP
