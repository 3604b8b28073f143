// tools/jwtcore/cmd_revoke.cpp: `jwtcore revoke`: the body of a deny-list
// request, {"aud":"...","jti":"..."}, for a token; optionally appended to a
// deny-list file that `verify --deny-list` reads.
#include <string>  // the token and the lines
#include <vector>  // the decode buffer, the audiences

#include <jwtcore/json_reader.hpp>  // json_parse_object
#include <jwtcore/json_writer.hpp>  // json_writer, write_json_string
#include <jwtcore/verify.hpp>       // decode_unverified

#include "args.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "os.hpp"
#include "token_input.hpp"

namespace jwtcore_cli {

const std::string_view revoke_help = R"(usage: jwtcore revoke [--append FILE] [--] TOKEN|-

Prints {"aud":"...","jti":"..."} for the token: the body of a request to the
deny-list endpoint (POST /api/v2/blacklists/tokens), and one line of the file
that 'jwtcore verify --deny-list FILE' reads. A token whose aud is an array
gives one line per audience. TOKEN "-" reads the token from stdin.

The signature is NOT checked: no secret is needed, and deny-listing a forged
token does no harm.

  --append FILE   also append the line(s) to FILE (created when missing).

exit status: 0 printed; 1 the token cannot be revoked: it is not a well-formed
token, or it has no jti (missing_jti) or no aud (missing_aud) -- such a token
ends only when it expires or the secret changes -- or they are not strings
(bad_claim); 2 usage or input error (bad flag, FILE not writable).
)";

namespace {

constexpr std::string_view command = "revoke";

// The decoded text of a JSON string value.
std::string decoded(const jwtcore::json_value& value) {
  std::string text(*value.string_size(), '\0');
  value.decode_string(text.data(), text.size());
  return text;
}

// One {"aud":...,"jti":...} line, written by the library's JSON writer.
std::string entry_line(std::string_view aud, std::string_view jti) {
  const jwtcore::result<std::string> json = jwtcore::write_json_string(
      [&](jwtcore::json_writer& w) { w.begin_object().key("aud").string(aud).key("jti").string(jti).end_object(); });
  return *json + "\n";
}

}  // namespace

int run_revoke(const arguments& args) {
  arg_reader reader(args);
  std::string_view argument, append_to;
  bool has_token = false, has_append = false, help = false;
  while (reader.more()) {
    if (reader.at_positional()) {
      if (has_token) reader.fail("revoke takes one token");
      argument = reader.take_positional();
      has_token = true;
    } else if (reader.flag("--help") || reader.flag("-h")) {
      help = true;
      break;
    } else if (reader.option_once("--append", append_to, has_append)) {
      if (append_to.empty()) reader.fail("--append needs a file name");
    } else {
      reader.unknown(command);
    }
  }
  if (help && reader.ok()) return print_help(command, revoke_help);
  if (reader.ok() && !has_token) reader.fail("the token to revoke is missing (TOKEN, or - for stdin)");
  if (!reader.ok()) return usage_error(command, reader.error());

  std::string token;
  if (const int status = read_token(command, argument, token); status != exit_ok) return status;
  std::vector<char> buffer(jwtcore::verifier::buffer_size_for(token.size()) + 1);
  const jwtcore::result<jwtcore::unverified_token> token_parts =
      jwtcore::decode_unverified(token, buffer.data(), buffer.size());
  if (!token_parts) return report_error(command, token_parts.error(), exit_refused);
  const jwtcore::result<jwtcore::json_value> payload = jwtcore::json_parse_object(token_parts->payload_json);
  if (!payload) return report_error(command, payload.error(), exit_refused);

  const jwtcore::json_value jti = payload->find("jti");
  if (!jti) {
    return report(command, "missing_jti",
                  "the token has no jti, so it cannot be deny-listed by (aud, jti); it ends only when it expires or "
                  "the secret changes",
                  exit_refused);
  }
  if (jti.kind() != jwtcore::json_kind::string) {
    return report_error(command, jwtcore::error::bad_claim, exit_refused, "jti is not a string");
  }
  const jwtcore::json_value aud = payload->find("aud");
  std::vector<std::string> audiences;
  if (aud.kind() == jwtcore::json_kind::string) {
    audiences.push_back(decoded(aud));
  } else if (aud.kind() == jwtcore::json_kind::array) {
    for (const jwtcore::json_value& one : aud.elements()) {
      if (one.kind() != jwtcore::json_kind::string) {
        return report_error(command, jwtcore::error::bad_claim, exit_refused, "aud holds a value that is not a string");
      }
      audiences.push_back(decoded(one));
    }
  } else if (aud) {
    return report_error(command, jwtcore::error::bad_claim, exit_refused, "aud is neither a string nor an array");
  }
  if (audiences.empty()) {
    return report(command, "missing_aud",
                  "the token has no aud, and a deny-list entry is an (aud, jti) pair; it ends only when it expires "
                  "or the secret changes",
                  exit_refused);
  }

  std::string lines;
  const std::string jti_text = decoded(jti);
  for (const std::string& one : audiences) lines += entry_line(one, jti_text);
  if (has_append) {
    std::string why;
    if (!append_to_file(append_to, lines, why)) {
      return input_error(command, "cannot append to " + quoted(append_to) + ": " + why);
    }
  }
  write_out(lines);
  return finish_output(command, exit_ok);
}

}  // namespace jwtcore_cli
