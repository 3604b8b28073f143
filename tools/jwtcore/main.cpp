// tools/jwtcore/main.cpp: the jwtcore command-line tool: dispatch to the
// subcommands, the tool's --help and --version. The interface is fixed by
// DESIGN.md section 4; the code of each subcommand is in cmd_*.cpp.
#include <string>       // the version line
#include <string_view>  // arguments

#include "cli.hpp"
#include "commands.hpp"

namespace jwtcore_cli {

namespace {

const std::string_view tool_help = R"(usage: jwtcore COMMAND [OPTIONS]
       jwtcore COMMAND --help
       jwtcore --help | --version

Mints, verifies and inspects HS256, HS384 and HS512 JSON Web Tokens with
Management API scope claims (action:entity, e.g. read:users).

commands:
  mint     build the claims from flags, sign, print the token
  sign     sign a JSON payload (file or stdin) as given, print the token
  verify   check the signature and the claims, print the payload JSON
  decode   print header and payload WITHOUT checking the signature
  revoke   print the deny-list entry {"aud":...,"jti":...} of a token
  scopes   show the Management API scope catalogue (entity x action grid)
  jwk      'jwtcore jwk new': print a new random key as a JWK
  help     'jwtcore help COMMAND' is 'jwtcore COMMAND --help'

Secrets (mint, sign, verify) never come from the command line: --secret-file
PATH, --secret-file - (stdin) or --secret-env NAME, or a JSON Web Key file
(mint and sign --jwk, verify --jwks); --secret-base64url decodes a base64url
secret first; --alg HS256|HS384|HS512 names a key's algorithm (default
HS256); a secret shorter than its algorithm's hash (32, 48, 64 bytes) needs
--allow-short-secret.
Options take "--name VALUE" or "--name=VALUE"; "--" ends the options.

exit status:
  0  success
  1  the token is invalid or refused (structure, signature, header, claims,
     deny list)
  2  usage or input error (bad flag, unreadable secret, malformed or
     user-token scope, short secret)
An error is one line on stderr: "jwtcore: COMMAND: NAME: reason".

example (examples/demo.secret is a demo value, never a real secret):
  token=$(jwtcore mint --secret-file examples/demo.secret \
            --aud DEMO_CLIENT_ID --scope read:users)
  jwtcore verify --secret-file examples/demo.secret --aud DEMO_CLIENT_ID \
      -- "$token"
)";

struct subcommand {
  std::string_view name;
  int (*run)(const arguments&);
  const std::string_view* help;
};

const subcommand subcommands[] = {
    {"mint", run_mint, &mint_help},       {"sign", run_sign, &sign_help},       {"verify", run_verify, &verify_help},
    {"decode", run_decode, &decode_help}, {"revoke", run_revoke, &revoke_help}, {"scopes", run_scopes, &scopes_help},
    {"jwk", run_jwk, &jwk_help},
};

const subcommand* find_subcommand(std::string_view name) {
  for (const subcommand& s : subcommands) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

int unknown_command(std::string_view name) {
  return usage_error({}, "unknown command " + quoted(name) + "; see 'jwtcore --help'");
}

int run(const arguments& args) {
  if (args.empty()) {
    return usage_error({},
                       "a command is needed: mint, sign, verify, decode, revoke, scopes or jwk; see 'jwtcore --help'");
  }
  const std::string_view first = args[0];
  const arguments rest(args.begin() + 1, args.end());
  if (first == "--help" || first == "-h") return print_help({}, tool_help);
  if (first == "--version" || first == "-V") {
    return print_help({}, std::string("jwtcore ") + JWTCORE_VERSION_STRING + "\n");
  }
  if (first == "help") {
    if (rest.empty()) return print_help({}, tool_help);
    const subcommand* s = find_subcommand(rest[0]);
    if (s == nullptr) return unknown_command(rest[0]);
    return print_help(s->name, *s->help);
  }
  const subcommand* s = find_subcommand(first);
  if (s == nullptr) {
    if (!first.empty() && first[0] == '-') {
      return usage_error({}, "unknown option " + quoted(first.substr(0, first.find('='))) +
                                 " before the command; see 'jwtcore --help'");
    }
    return unknown_command(first);
  }
  return s->run(rest);
}

}  // namespace

int print_help(std::string_view command, std::string_view text) {
  write_out(text);
  return finish_output(command, exit_ok);
}

}  // namespace jwtcore_cli

int main(int argc, char** argv) {
  jwtcore_cli::arguments args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  return jwtcore_cli::run(args);
}
