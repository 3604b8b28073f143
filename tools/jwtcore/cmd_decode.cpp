// tools/jwtcore/cmd_decode.cpp: `jwtcore decode`: header and payload of a
// token, indented, with NO check of the signature, and saying so first.
#include <string>  // the token
#include <vector>  // the decode buffer

#include <jwtcore/verify.hpp>  // decode_unverified, verifier::buffer_size_for

#include "args.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "pretty_json.hpp"
#include "token_input.hpp"

namespace jwtcore_cli {

const std::string_view decode_help = R"(usage: jwtcore decode [--] TOKEN|-

Prints the header and the payload of a token, indented, WITHOUT checking the
signature or any claim: for looking at a token, never for trusting it. TOKEN
"-" reads the token from stdin (one trailing newline is dropped).

The first line is always
  # signature NOT checked: this is what the token claims, not what is true
then the header and the payload as two JSON documents, so that
  jwtcore decode TOKEN | tail -n +2 | jq -s .
reads them. DEL and C1 control characters in strings are shown as \u escapes.

exit status: 0 decoded; 1 the token is not three strict base64url segments
whose header and payload are JSON objects (stderr: "jwtcore: decode: NAME:
reason"); 2 usage error.
)";

const std::string_view decode_banner = "# signature NOT checked: this is what the token claims, not what is true\n";

namespace {
constexpr std::string_view command = "decode";
}  // namespace

int run_decode(const arguments& args) {
  arg_reader reader(args);
  std::string_view argument;
  bool has_token = false, help = false;
  while (reader.more()) {
    if (reader.at_positional()) {
      if (has_token) reader.fail("decode takes one token");
      argument = reader.take_positional();
      has_token = true;
    } else if (reader.flag("--help") || reader.flag("-h")) {
      help = true;
      break;
    } else {
      reader.unknown(command);
    }
  }
  if (help && reader.ok()) return print_help(command, decode_help);
  if (reader.ok() && !has_token) reader.fail("the token to decode is missing (TOKEN, or - for stdin)");
  if (!reader.ok()) return usage_error(command, reader.error());

  std::string token;
  if (const int status = read_token(command, argument, token); status != exit_ok) return status;
  std::vector<char> buffer(jwtcore::verifier::buffer_size_for(token.size()) + 1);
  const jwtcore::result<jwtcore::unverified_token> decoded =
      jwtcore::decode_unverified(token, buffer.data(), buffer.size());
  if (!decoded) return report_error(command, decoded.error(), exit_refused);
  write_out(decode_banner);
  write_out(pretty_json(decoded->header_json));
  write_out(pretty_json(decoded->payload_json));
  return finish_output(command, exit_ok);
}

}  // namespace jwtcore_cli
