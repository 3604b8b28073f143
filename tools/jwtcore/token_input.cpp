// tools/jwtcore/token_input.cpp: reading the token argument.
#include "token_input.hpp"

#include <cstddef>  // std::size_t

#include "cli.hpp"
#include "os.hpp"

namespace jwtcore_cli {

namespace {
// Far above the verifier's own limit (16 KiB by default), which then refuses
// the token as too_large with exit 1; this only bounds what stdin may cost.
constexpr std::size_t max_token_input_size = 1024 * 1024;
}  // namespace

int read_token(std::string_view command, std::string_view argument, std::string& token) {
  if (argument != "-") {
    token.assign(argument.data(), argument.size());
    return exit_ok;
  }
  wiping_buffer text;
  std::string why;
  if (!read_all("-", max_token_input_size, text, why))
    return input_error(command, "cannot read the token from stdin: " + why);
  const std::string_view view = drop_line_end(text.view());
  token.assign(view.data(), view.size());
  return exit_ok;
}

}  // namespace jwtcore_cli
