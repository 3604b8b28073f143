// tools/jwtcore/cmd_mint.cpp: `jwtcore mint`: claims from flags, signed with
// the secret, the token alone on stdout.
#include <cstdint>  // std::int64_t, std::uint8_t
#include <limits>   // std::numeric_limits
#include <string>   // the token and messages

#include <jwtcore/jwtcore.hpp>  // claims, scopes, json_validate, json_writer

#include "args.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "os.hpp"
#include "secrets.hpp"

namespace jwtcore_cli {

const std::string_view mint_help = R"(usage: jwtcore mint (--secret-file PATH|- | --secret-env NAME | --jwk PATH|-)
                    [--secret-base64url] [--allow-short-secret]
                    --aud AUD [--iss ISS] [--sub SUB] --scope S [--scope S ...]
                    [--legacy-scopes] [--strict-scopes] [--now UNIX]
                    [--expires-in SECONDS | --no-exp] [--jti ID | --no-jti]
                    [--alg HS256|HS384|HS512] [--kid NAME]
                    [--claim NAME=VALUE ...]

Builds a claim set from the flags, signs it with HS256 (or --alg) and prints
the token alone on stdout (one line), ready for a pipe or $(...).

secret (exactly one source; never on the command line):
  --secret-file PATH     read the secret from a file; "-" reads stdin. One
                         trailing newline ("\n" or "\r\n") is not part of it.
  --secret-env NAME      read the secret from environment variable NAME.
  --jwk PATH             sign with the key of a JSON Web Key file (one
                         "kty":"oct" JWK, as 'jwtcore jwk new' prints; "-"
                         reads stdin). Its kid goes in the header (an explicit
                         --kid wins); its alg, when it has one, is the
                         algorithm (an --alg that differs is refused).
  --secret-base64url     the secret is base64url text: decode it first (how
                         tenant secrets used to be handed out); strict and
                         unpadded.
  --allow-short-secret   accept a secret shorter than the algorithm's hash:
                         32, 48 or 64 bytes for HS256, HS384 or HS512
                         (refused by default, RFC 7518 section 3.2).
  --alg ALG              sign with HS256 (default), HS384 or HS512; the
                         header's "alg" says which.

claims (written in this order: iss, sub, aud, iat, exp, jti, scope, then
the --claim ones as given):
  --aud AUD              audience: the tenant's global client id (required).
  --iss ISS              issuer, e.g. https://TENANT.auth0.com/
  --sub SUB              subject.
  --scope S              a scope, action:entity (e.g. read:users); repeat it,
                         or give several separated by single spaces. At least
                         one. Duplicates are folded, first-seen order kept.
                         Scopes of the signed-in user (read:current_user, ...)
                         and malformed names are refused (exit 2).
  --legacy-scopes        write the early object form
                         "scopes":{"users":{"actions":["read"]}} instead of
                         the "scope" string.
  --strict-scopes        refuse names outside the Management API catalogue,
                         with a "did you mean" (see 'jwtcore scopes').
  --now UNIX             the issue time iat, in seconds since the epoch
                         (default: the system clock).
  --expires-in SECONDS   exp = iat + SECONDS (default 86400, one day).
  --no-exp               no exp: a token that never expires.
  --jti ID               the token id (default: 128 random bits from the OS, as
                         32 hex digits). Needed to deny-list the token later.
  --no-jti               no jti (such a token cannot be deny-listed).
  --kid NAME             put "kid":NAME in the header, naming the key.
  --claim NAME=VALUE     a claim of your own; repeat for several. VALUE is
                         JSON when it reads as JSON (a number, true, false,
                         null, "a string", an object, an array), else a plain
                         string: --claim tier=2 --claim team=backup. A VALUE
                         starting with {, [ or " must be strict JSON. The
                         registered names (iss sub aud iat nbf exp jti scope
                         scopes) have their own flags and are refused here.

exit status: 0 token printed; 2 usage or input error (bad flag, unreadable or
short secret, malformed or user-token scope, unknown scope with
--strict-scopes, a --claim that is registered, repeated or not strict JSON).
The reason is one line on stderr.

example:
  jwtcore mint --secret-file examples/demo.secret --aud DEMO_CLIENT_ID \
      --scope read:users --scope update:clients
)";

namespace {

constexpr std::string_view command = "mint";
constexpr std::int64_t default_lifetime = 86400;
constexpr std::size_t jti_random_bytes = 16;

// One --claim: the name, and the value as a JSON member value.
struct custom_claim {
  std::string_view name;
  std::string json;
};

struct mint_options {
  signing_options key;
  std::string_view aud, iss, sub, jti;
  bool has_aud = false, has_iss = false, has_sub = false, has_jti = false;
  std::vector<custom_claim> custom;
  std::vector<std::string_view> scopes;
  bool legacy = false, strict = false;
  std::int64_t now = 0, expires_in = default_lifetime;
  bool has_now = false, has_expires_in = false, no_exp = false, no_jti = false;
  bool help = false;
};

void require_non_empty(arg_reader& reader, std::string_view name, std::string_view value) {
  if (value.empty()) reader.fail(std::string(name) + " needs a non-empty value");
}

// Splits one --scope value on single spaces; an empty piece stays, so that
// the scope check refuses "a  b" or a trailing space as malformed.
void add_scopes(std::vector<std::string_view>& scopes, std::string_view value) {
  for (const std::string_view scope : jwtcore::scope_list(value)) scopes.push_back(scope);
}

// The flag that writes a registered claim, or empty for a name of the user's.
std::string_view flag_of_registered(std::string_view name) {
  static constexpr std::string_view flags[][2] = {
      {"iss", "--iss"},
      {"sub", "--sub"},
      {"aud", "--aud"},
      {"iat", "--now"},
      {"nbf", "'jwtcore sign --payload-file' (mint writes no nbf)"},
      {"exp", "--expires-in or --no-exp"},
      {"jti", "--jti or --no-jti"},
      {"scope", "--scope"},
      {"scopes", "--scope with --legacy-scopes"},
  };
  for (const auto& entry : flags) {
    if (entry[0] == name) return entry[1];
  }
  return {};
}

// Reads NAME=VALUE: VALUE is JSON when it reads as JSON, else a string; one
// that starts as an object, array or string must be strict JSON.
void add_custom_claim(arg_reader& reader, std::vector<custom_claim>& custom, std::string_view argument) {
  const std::size_t equals = argument.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    return reader.fail("--claim needs NAME=VALUE, got " + quoted(argument));
  }
  const std::string_view name = argument.substr(0, equals), value = argument.substr(equals + 1);
  if (const std::string_view flag = flag_of_registered(name); !flag.empty()) {
    return reader.fail("--claim: " + quoted(name) + " is a registered claim: use " + std::string(flag));
  }
  for (const custom_claim& earlier : custom) {
    if (earlier.name == name) return reader.fail("--claim: " + quoted(name) + " is given twice");
  }
  const bool is_json = static_cast<bool>(jwtcore::json_validate(value));
  const std::size_t first = value.find_first_not_of(" \t\r\n");
  if (!is_json && first != std::string_view::npos &&
      (value[first] == '{' || value[first] == '[' || value[first] == '"')) {
    const jwtcore::error e = jwtcore::json_validate(value).error();
    return reader.fail("--claim " + std::string(name) + ": the value is not strict JSON (" +
                       std::string(jwtcore::to_string(e)) + ": " + std::string(jwtcore::message(e)) + ")");
  }
  const jwtcore::result<std::string> json = jwtcore::write_json_string([&](jwtcore::json_writer& w) {
    if (is_json) {
      w.raw_value(value);
    } else {
      w.string(value);
    }
  });
  if (!json) return reader.fail("--claim " + std::string(name) + ": the value is not valid UTF-8");
  custom.push_back(custom_claim{name, *json});
}

void parse(arg_reader& reader, mint_options& o) {
  std::string_view value;
  bool seen_now = false, seen_expires = false;
  while (reader.more()) {
    if (reader.at_positional()) {
      reader.fail("mint takes no positional argument, got " + quoted(reader.take_positional()));
    } else if (reader.flag("--help") || reader.flag("-h")) {
      o.help = true;
      return;
    } else if (read_signing_option(reader, o.key)) {
      // consumed: a secret option, --alg or --kid
    } else if (reader.option_once("--aud", o.aud, o.has_aud)) {
      require_non_empty(reader, "--aud", o.aud);
    } else if (reader.option_once("--iss", o.iss, o.has_iss)) {
      require_non_empty(reader, "--iss", o.iss);
    } else if (reader.option_once("--sub", o.sub, o.has_sub)) {
      require_non_empty(reader, "--sub", o.sub);
    } else if (reader.option_once("--jti", o.jti, o.has_jti)) {
      require_non_empty(reader, "--jti", o.jti);
    } else if (reader.option("--claim", value)) {
      add_custom_claim(reader, o.custom, value);
    } else if (reader.option("--scope", value)) {
      if (value.empty()) reader.fail("--scope needs a non-empty value");
      add_scopes(o.scopes, value);
    } else if (reader.option_once("--now", value, seen_now)) {
      o.has_now = parse_integer(reader, "--now", value, 0, std::numeric_limits<std::int64_t>::max(), o.now);
    } else if (reader.option_once("--expires-in", value, seen_expires)) {
      o.has_expires_in =
          parse_integer(reader, "--expires-in", value, 0, std::numeric_limits<std::int64_t>::max(), o.expires_in);
    } else if (reader.flag("--no-exp")) {
      o.no_exp = true;
    } else if (reader.flag("--no-jti")) {
      o.no_jti = true;
    } else if (reader.flag("--legacy-scopes")) {
      o.legacy = true;
    } else if (reader.flag("--strict-scopes")) {
      o.strict = true;
    } else {
      reader.unknown(command);
    }
  }
  if (!reader.ok()) return;
  if (!o.has_aud) return reader.fail("--aud AUD is required (the tenant's global client id)");
  if (o.scopes.empty()) return reader.fail("at least one --scope is required");
  if (o.no_exp && o.has_expires_in) return reader.fail("--expires-in and --no-exp exclude each other");
  if (o.no_jti && o.has_jti) return reader.fail("--jti and --no-jti exclude each other");
  check_signing_options(reader, o.key, "");
}

// One line for a refused scope: the error's name, the scope, the reason and,
// for an unknown one, the nearest known name.
int report_scope(const jwtcore::scope_check& check) {
  std::string text = quoted(check.scope()) + ": " + std::string(jwtcore::message(check.error()));
  if (check.error() == jwtcore::error::unknown_scope) {
    if (!check.suggestion().empty()) {
      text += "; did you mean " + quoted(check.suggestion()) + "?";
    } else {
      text += "; 'jwtcore scopes' lists them";
    }
  }
  return report(command, jwtcore::to_string(check.error()), text, exit_usage);
}

std::string random_jti(std::string& why) {
  std::uint8_t bytes[jti_random_bytes] = {};
  if (!random_bytes(bytes, sizeof(bytes), why)) return {};
  static constexpr char hex[] = "0123456789abcdef";
  std::string text;
  for (const std::uint8_t b : bytes) {
    text.push_back(hex[b >> 4]);
    text.push_back(hex[b & 15]);
  }
  return text;
}

}  // namespace

int run_mint(const arguments& args) {
  arg_reader reader(args);
  mint_options o;
  parse(reader, o);
  if (o.help && reader.ok()) return print_help(command, mint_help);
  if (!reader.ok()) return usage_error(command, reader.error());

  jwtcore::claims claims;
  claims.audience(o.aud);
  if (o.has_iss) claims.issuer(o.iss);
  if (o.has_sub) claims.subject(o.sub);
  claims.scopes(jwtcore::scope_list(o.scopes.data(), o.scopes.size()),
                o.legacy ? jwtcore::scope_format::legacy_object : jwtcore::scope_format::space_separated);
  claims.scope_checking(o.strict ? jwtcore::scope_policy::known_only : jwtcore::scope_policy::any_well_formed);
  if (const jwtcore::scope_check check = claims.check_scopes(); !check) return report_scope(check);

  const std::int64_t iat = o.has_now ? o.now : unix_now();
  claims.issued_at(iat);
  if (!o.no_exp) {
    if (o.expires_in > std::numeric_limits<std::int64_t>::max() - iat) {
      return usage_error(command,
                         "--expires-in: iat + " + std::to_string(o.expires_in) + " does not fit a 64-bit time");
    }
    claims.expires_at(iat + o.expires_in);
  }
  std::string jti;
  if (!o.no_jti) {
    if (o.has_jti) {
      jti.assign(o.jti.data(), o.jti.size());
    } else {
      std::string why;
      jti = random_jti(why);
      if (jti.empty()) return report(command, "random", "cannot get random bytes for the jti: " + why, exit_usage);
    }
    claims.jwt_id(jti);
  }

  jwtcore::result<std::string> payload = claims.to_json();
  if (!payload) return report_error(command, payload.error(), exit_usage, "while writing the claims");
  // The claim set writes the registered claims; the custom ones follow as given.
  for (const custom_claim& c : o.custom) {
    const jwtcore::result<std::string> member = jwtcore::write_json_string(
        [&](jwtcore::json_writer& w) { w.begin_object().key(c.name).raw_value(c.json).end_object(); });
    if (!member) return report_error(command, member.error(), exit_usage, "--claim " + std::string(c.name));
    payload->back() = ',';
    payload->append(*member, 1, std::string::npos);
  }
  return sign_and_print(command, o.key, *payload, "while signing the claims given on the command line");
}

}  // namespace jwtcore_cli
