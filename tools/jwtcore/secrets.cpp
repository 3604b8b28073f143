// tools/jwtcore/secrets.cpp: reading, decoding and checking secrets.
#include "secrets.hpp"

#include <cctype>  // std::toupper: the "did you mean" of --alg ignores case
#include <string>  // messages

#include <jwtcore/base64url.hpp>    // base64url_decode_into, base64url_decoded_size
#include <jwtcore/json_reader.hpp>  // json_parse_object: is a JWK file a set
#include <jwtcore/scopes.hpp>       // nearest_name
#include <jwtcore/sign.hpp>         // sign

#include "cli.hpp"
#include "os.hpp"

namespace jwtcore_cli {

namespace {

// A secret file larger than this is not a secret file.
constexpr std::size_t max_secret_file_size = 64 * 1024;

// A JWK Set with RSA or EC keys beside the oct ones may be long, but not this long.
constexpr std::size_t max_jwk_file_size = 1024 * 1024;

std::string describe(const secret_source& source) {
  if (source.from_environment) return "--secret-env " + std::string(source.location);
  if (source.location == "-") return "--secret-file - (stdin)";
  return "--secret-file " + quoted(source.location);
}

}  // namespace

bool parse_alg_option(arg_reader& reader, std::string_view text, jwtcore::jwt_alg& out) {
  if (const jwtcore::result<jwtcore::jwt_alg> alg = jwtcore::parse_alg(text)) {
    out = *alg;
    return true;
  }
  static constexpr std::string_view names[] = {"HS256", "HS384", "HS512"};
  std::string upper;
  for (const char c : text) upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  std::string message = "--alg: " + quoted(text) + " is not HS256, HS384 or HS512";
  // RS256, ES256, ... are one edit from an HMAC name, but not a typo of one.
  const std::string_view nearest = upper.compare(0, 2, "HS") == 0 ? jwtcore::nearest_name(upper, names, 3) : "";
  message += nearest.empty() ? "; jwtcore signs with HMAC only" : "; did you mean " + quoted(nearest) + "?";
  reader.fail(message);
  return false;
}

bool read_secret_option(arg_reader& reader, secret_options& options, bool names_key) {
  std::string_view value;
  if (reader.option("--secret-file", value)) {
    options.sources.push_back(secret_source{false, value, {}});
  } else if (reader.option("--secret-env", value)) {
    if (value.empty()) reader.fail("--secret-env needs the name of an environment variable");
    options.sources.push_back(secret_source{true, value, {}});
  } else if (reader.flag("--secret-base64url")) {
    options.base64url = true;
  } else if (reader.flag("--allow-short-secret")) {
    options.allow_short = true;
  } else if (names_key && reader.option("--alg", value)) {
    if (options.sources.empty()) {
      reader.fail("--alg binds the secret given just before it: put it after a --secret-file, --secret-env or --jwks");
    } else if (options.sources.back().has_alg) {
      reader.fail("--alg: the secret before it already has an algorithm");
    } else {
      options.sources.back().has_alg = parse_alg_option(reader, value, options.sources.back().alg);
    }
  } else if (names_key && reader.option("--jwks", value)) {
    options.sources.push_back(secret_source{false, value, {}});
    options.sources.back().jwks = true;
  } else if (names_key && reader.option("--kid", value)) {
    if (options.sources.empty()) {
      reader.fail("--kid names the secret given just before it: put it after a --secret-file or --secret-env");
    } else if (options.sources.back().jwks) {
      reader.fail("--kid: the keys of --jwks have their own kids");
    } else if (!options.sources.back().kid.empty()) {
      reader.fail("--kid: the secret before it already has a name");
    } else if (value.empty()) {
      reader.fail("--kid needs a non-empty name");
    } else {
      options.sources.back().kid = value;
    }
  } else {
    return false;
  }
  return true;
}

void check_secret_options(arg_reader& reader, const secret_options& options, std::size_t max_sources,
                          std::string_view stdin_reader) {
  if (options.sources.empty()) {
    reader.fail("a secret is required: --secret-file PATH, --secret-file - (stdin) or --secret-env NAME");
    return;
  }
  if (options.sources.size() > max_sources) {
    reader.fail(max_sources == 1 ? std::string("only one secret may be given")
                                 : "at most " + std::to_string(max_sources) + " secrets may be given");
    return;
  }
  std::size_t from_stdin = 0;
  for (const secret_source& source : options.sources) {
    if (!source.from_environment && source.location == "-") ++from_stdin;
  }
  if (from_stdin > 1) reader.fail("stdin can hold only one secret: --secret-file - was given twice");
  if (from_stdin > 0 && !stdin_reader.empty()) {
    reader.fail("the secret and " + std::string(stdin_reader) +
                " cannot both come from stdin: put one of them in a file");
  }
}

bool read_signing_option(arg_reader& reader, signing_options& options) {
  std::string_view value;
  if (read_secret_option(reader, options.secrets, false)) return true;
  if (reader.option_once("--jwk", options.jwk, options.has_jwk)) {
    // the key's file; checked with the others after parsing
  } else if (reader.option_once("--alg", value, options.has_alg)) {
    parse_alg_option(reader, value, options.alg);
  } else if (reader.option_once("--kid", options.kid, options.has_kid)) {
    if (options.kid.empty()) reader.fail("--kid needs a non-empty value");
  } else {
    return false;
  }
  return true;
}

void check_signing_options(arg_reader& reader, signing_options& options, std::string_view stdin_reader) {
  if (!options.has_jwk) {
    check_secret_options(reader, options.secrets, 1, stdin_reader);
    if (reader.ok()) options.secrets.sources.front().alg = options.alg;
  } else if (!options.secrets.sources.empty()) {
    reader.fail("--jwk and --secret-file/--secret-env exclude each other: the JWK holds the secret");
  } else if (options.secrets.base64url) {
    reader.fail("--secret-base64url does not apply to --jwk: its k is base64url already");
  } else if (options.jwk == "-" && !stdin_reader.empty()) {
    reader.fail("the JWK and " + std::string(stdin_reader) + " cannot both come from stdin: put one of them in a file");
  }
}

int sign_and_print(std::string_view command, const signing_options& options, std::string_view payload_json,
                   std::string_view what) {
  key_list keys;
  jwtcore::jwk_keys jwk;
  jwtcore::sign_options sign;
  sign.kid = options.kid;
  if (options.has_jwk) {
    secret_source source;
    source.location = options.jwk;
    source.alg = options.alg;
    if (const int status = load_jwks(command, source, false, options.secrets.allow_short, jwk); status != exit_ok) {
      return status;
    }
    if (options.has_alg && jwk.key(0).alg() != options.alg) {
      return usage_error(command, "--alg " + std::string(jwtcore::alg_name(options.alg)) + ": the JWK is for " +
                                      std::string(jwtcore::alg_name(jwk.key(0).alg())) +
                                      " (its alg); leave --alg out or give the same");
    }
    if (!options.has_kid) sign.kid = jwk.kid(0);
  } else if (const int status = load_keys(command, options.secrets, keys); status != exit_ok) {
    return status;
  }
  const jwtcore::jwt_key& key = options.has_jwk ? jwk.key(0) : *keys.front();
  const jwtcore::result<std::string> token = jwtcore::sign(key, payload_json, sign);
  if (!token) return report_error(command, token.error(), exit_usage, what);
  write_out(*token);
  write_out("\n");
  return finish_output(command, exit_ok);
}

int load_keys(std::string_view command, const secret_options& options, key_list& keys) {
  for (const secret_source& source : options.sources) {
    if (source.jwks) continue;
    wiping_buffer text;
    if (source.from_environment) {
      if (!read_environment(source.location, text)) {
        return input_error(command, "environment variable " + quoted(source.location) + " is not set");
      }
    } else {
      std::string why;
      if (!read_all(source.location, max_secret_file_size, text, why)) {
        return input_error(command, "cannot read the secret from " + describe(source) + ": " + why);
      }
      text.shrink(drop_line_end(text.view()).size());
    }

    wiping_buffer decoded;
    std::string_view secret = text.view();
    if (options.base64url) {
      decoded.reserve_more(jwtcore::base64url_decoded_size(secret.size()) + 1);
      const jwtcore::result<std::size_t> size =
          jwtcore::base64url_decode_into(secret, decoded.data(), decoded.spare_size());
      if (!size) {
        return report_error(command, size.error(), exit_usage,
                            "the secret from " + describe(source) + " is not base64url (--secret-base64url)");
      }
      decoded.commit(*size);
      text.clear();
      secret = decoded.view();
    }

    if (secret.empty()) return input_error(command, "the secret from " + describe(source) + " is empty");
    if (secret.size() < jwtcore::min_secret_size(source.alg) && !options.allow_short) {
      return report_error(command, jwtcore::error::key_too_short, exit_usage,
                          "the secret from " + describe(source) + " is " + std::to_string(secret.size()) + " bytes; " +
                              std::string(jwtcore::alg_name(source.alg)) + " needs " +
                              std::to_string(jwtcore::min_secret_size(source.alg)) +
                              "; --allow-short-secret accepts it");
    }
    keys.push_back(std::make_unique<jwtcore::jwt_key>(
        source.alg, secret, options.allow_short ? jwtcore::short_secret::allow : jwtcore::short_secret::refuse));
    // text and decoded wipe themselves here.
  }
  return exit_ok;
}

int load_jwks(std::string_view command, const secret_source& source, bool set, bool allow_short,
              jwtcore::jwk_keys& keys) {
  const std::string where =
      (set ? "--jwks " : "--jwk ") + (source.location == "-" ? std::string("- (stdin)") : quoted(source.location));
  wiping_buffer text;
  std::string why;
  if (!read_all(source.location, max_jwk_file_size, text, why)) {
    return input_error(
        command, std::string(set ? "cannot read the JWK Set from " : "cannot read the JWK from ") + where + ": " + why);
  }
  // Whether the text is a JWK Set: a fault is then about one of its keys.
  const jwtcore::result<jwtcore::json_value> json = jwtcore::json_parse_object(text.view());
  const bool has_keys = json && json->find("keys").kind() == jwtcore::json_kind::array;
  if (!set && has_keys) {
    return report(command, jwtcore::to_string(jwtcore::error::bad_jwk),
                  "a JWK Set, not one JWK, in " + where + "; 'jwtcore jwk new' prints one", exit_usage);
  }

  const jwtcore::short_secret policy = allow_short ? jwtcore::short_secret::allow : jwtcore::short_secret::refuse;
  jwtcore::jwk_fault fault;
  const jwtcore::result<std::size_t> added = set ? keys.add_set(text.view(), source.alg, policy, &fault)
                                                 : keys.add_key(text.view(), source.alg, policy, &fault);
  if (added) return exit_ok;
  const jwtcore::error e = added.error();
  if (fault.problem.empty()) return report_error(command, e, exit_usage, "in " + where);  // not JSON
  std::string line;
  if (!set || (has_keys && e != jwtcore::error::no_key)) {
    line = set ? "keys[" + std::to_string(fault.index) + "]" : std::string("the JWK");
    if (!fault.kid.empty()) line += " (kid " + quoted(fault.kid) + ")";
    line += ": ";
  }
  line += std::string(fault.problem);
  if (e == jwtcore::error::bad_jwk && fault.problem == jwtcore::jwk_keys::too_many_keys) {
    line += " (a key set holds at most " + std::to_string(jwtcore::jwt_key_set::max_keys) + " keys)";
  }
  return report(command, jwtcore::to_string(e), line + "; in " + where, exit_usage);
}

}  // namespace jwtcore_cli
