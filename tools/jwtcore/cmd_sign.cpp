// tools/jwtcore/cmd_sign.cpp: `jwtcore sign`: a JSON payload from a file or
// stdin, strictly checked and signed byte for byte, for claims that come
// from elsewhere.
#include <string>  // messages

#include "args.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "os.hpp"
#include "secrets.hpp"

namespace jwtcore_cli {

const std::string_view sign_help = R"(usage: jwtcore sign (--secret-file PATH|- | --secret-env NAME | --jwk PATH|-)
                    [--secret-base64url] [--allow-short-secret]
                    [--alg HS256|HS384|HS512] [--kid NAME]
                    --payload-file PATH|-

Signs a JSON payload exactly as given and prints the token alone on stdout
(one line). For tokens whose claims come from elsewhere; 'jwtcore mint'
builds the usual ones from flags.

  --payload-file PATH    the payload: one JSON object, strict (valid UTF-8,
                         no duplicate member, no trailing comma or junk);
                         "-" reads stdin. One trailing newline ("\n" or
                         "\r\n") is not part of it. Nothing else is checked
                         or added: no iat, no exp unless the payload has them.
  --secret-file PATH, --secret-env NAME, --jwk PATH, --secret-base64url,
  --allow-short-secret, --alg ALG, --kid NAME
                         as for 'jwtcore mint'.

exit status: 0 token printed; 2 usage or input error (bad flag, unreadable or
short secret, a bad JWK, unreadable payload, a payload that is not one strict JSON
object: stderr names the reader's error, e.g. duplicate_member).

example:
  echo '{"sub":"svc","aud":"DEMO_CLIENT_ID","exp":1900000000}' |
    jwtcore sign --secret-file examples/demo.secret --payload-file -
)";

namespace {

constexpr std::string_view command = "sign";
// Far above any token the verifier accepts by default (16 KiB).
constexpr std::size_t max_payload_file_size = 1024 * 1024;

}  // namespace

int run_sign(const arguments& args) {
  arg_reader reader(args);
  signing_options key;
  std::string_view payload_file;
  bool has_payload_file = false, help = false;
  while (reader.more()) {
    if (reader.at_positional()) {
      reader.fail("sign takes no positional argument, got " + quoted(reader.take_positional()) +
                  "; the payload comes from --payload-file");
    } else if (reader.flag("--help") || reader.flag("-h")) {
      help = true;
      break;
    } else if (read_signing_option(reader, key)) {
      // consumed: a secret option, --alg or --kid
    } else if (reader.option_once("--payload-file", payload_file, has_payload_file)) {
    } else {
      reader.unknown(command);
    }
  }
  if (help && reader.ok()) return print_help(command, sign_help);
  if (reader.ok() && !has_payload_file) reader.fail("--payload-file PATH|- is required");
  if (reader.ok()) check_signing_options(reader, key, payload_file == "-" ? "the payload" : "");
  if (!reader.ok()) return usage_error(command, reader.error());

  const std::string from = payload_file == "-" ? "stdin" : quoted(payload_file);
  wiping_buffer text;
  std::string why;
  if (!read_all(payload_file, max_payload_file_size, text, why)) {
    return input_error(command, "cannot read the payload from " + from + ": " + why);
  }
  return sign_and_print(command, key, drop_line_end(text.view()), "the payload from " + from);
}

}  // namespace jwtcore_cli
