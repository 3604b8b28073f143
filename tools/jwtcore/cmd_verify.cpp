// tools/jwtcore/cmd_verify.cpp: `jwtcore verify`: every check of the
// library's verifier; the payload JSON on stdout when all pass.
#include <cstdint>  // std::int64_t
#include <limits>   // std::numeric_limits
#include <string>   // the token and messages
#include <vector>   // the verify buffer

#include <jwtcore/json_reader.hpp>  // json_parse_object: the header of a refused token
#include <jwtcore/json_writer.hpp>  // write_json_string: the answers of --batch
#include <jwtcore/jwtcore.hpp>      // scopes
#include <jwtcore/verify.hpp>       // verifier, jwt_key_set, decode_unverified

#include "args.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "deny_list_file.hpp"
#include "os.hpp"
#include "pretty_json.hpp"
#include "secrets.hpp"
#include "token_input.hpp"

namespace jwtcore_cli {

const std::string_view verify_help = R"(usage: jwtcore verify (--secret-file PATH|- | --secret-env NAME | --jwks PATH|-)
                      [--alg ALG] [--kid NAME]
                      [more secrets, each with its --alg ALG, --kid NAME ...]
                      [--secret-base64url] [--allow-short-secret]
                      [--aud AUD] [--iss ISS] [--require-scope S ...]
                      [--now UNIX] [--leeway SECONDS] [--deny-list FILE]
                      [--allow-no-exp] [--reject-future-iat]
                      ([--] TOKEN|- | --batch)

Verifies an HS256, HS384 or HS512 token strictly and prints its payload JSON
(exactly as signed) on stdout. TOKEN "-" reads the token from stdin (one
trailing newline is dropped). --batch verifies many tokens (below).

Checks, in order: size, three strict base64url segments, header (alg exactly
the algorithm of a key, no crit), key (by kid when the token names one, and
of the token's alg), signature (constant time), payload JSON, claim types,
exp (required unless --allow-no-exp), nbf, iat (with --reject-future-iat),
aud, iss, required scopes, deny list.

secrets (one or more; several form a key set, e.g. during a rotation):
  --secret-file PATH     a secret from a file; "-" reads stdin. One trailing
                         newline ("\n" or "\r\n") is not part of it.
  --secret-env NAME      a secret from environment variable NAME.
  --alg ALG              binds the secret given just before it to HS256
                         (default), HS384 or HS512. A key checks only tokens
                         whose header alg is its own; secrets of several
                         algorithms form a mixed key set. After --jwks: the
                         algorithm of its keys that have no alg.
  --kid NAME             names the secret given just before it. A token whose
                         header has a kid is checked with the keys of that
                         name and the unnamed keys; a token without kid, with
                         every key.
  --jwks PATH            a JSON Web Key Set file ({"keys":[...]}; "-" reads
                         stdin): each "kty":"oct" key with use absent or
                         "sig" joins the key set under its kid, bound to its
                         alg (HS256, HS384, HS512), or else to the --alg
                         given just after --jwks (default HS256); other keys
                         are skipped. A set with no such key, a malformed k
                         or a k too short for its algorithm is an input
                         error naming the key. The key set holds at most 8
                         keys, secrets and JWKs together.
  --secret-base64url     every secret is base64url text: decode it first (a
                         JWK's k always is).
  --allow-short-secret   accept secrets shorter than their algorithm's hash
                         (32, 48 or 64 bytes for HS256, HS384 or HS512).

claims:
  --aud AUD              aud must be AUD, or an array containing it.
  --iss ISS              iss must be exactly ISS.
  --require-scope S      the token must grant S (in "scope" or the legacy
                         "scopes" object); repeat for several.
  --now UNIX             check exp/nbf/iat against this time (default: the
                         system clock).
  --leeway SECONDS       clock skew tolerated on exp, nbf and iat (default 0).
  --deny-list FILE       refuse tokens whose (aud, jti) is in FILE: one
                         {"aud":"...","jti":"..."} per line, as
                         'jwtcore revoke' prints them; blank lines are
                         skipped.
  --allow-no-exp         accept a token without exp (early Management API
                         tokens never expired).
  --reject-future-iat    refuse a token whose iat is after now + leeway.

batch:
  --batch                read tokens from stdin, one per line (blank lines
                         skipped, "\r\n" accepted), and answer each with one
                         JSON line on stdout, in order:
                           {"valid":true,"payload":{...}}
                           {"valid":false,"error":"expired","message":"..."}
                         The payload is as signed (one that spans lines is
                         put on one, without whitespace between tokens). A
                         line longer than the verifier's limit (16 KiB) is
                         that token's error (too_large). Exit 0 when every
                         token verified, 1 when any was refused.

exit status: 0 valid (payload printed); 1 refused: stderr says why in one line,
"jwtcore: verify: NAME: reason", NAME being the library's error name (expired,
bad_signature, wrong_audience, missing_scope, revoked, ...); alg_not_allowed
names the token's algorithm and the keys'; bad_claim the claim and what is
wrong with it ("nbf is a string"); missing_exp, a token without exp, points to
--allow-no-exp; 2 usage or input error (bad flag,
unreadable secret, JWK Set or deny list, short secret, a bad JWK: "bad_jwk:
keys[2] (kid "prod"): ...").
)";

namespace {

constexpr std::string_view command = "verify";
constexpr std::size_t alg_count = 3;  // HS256, HS384, HS512: the values of jwtcore::jwt_alg

// A key of the verifier's set, as the reasons name it.
struct key_label {
  jwtcore::jwt_alg alg;
  std::string_view kid;
};

struct verify_options {
  secret_options secrets;
  std::string_view aud, iss, deny_list, token;
  bool has_aud = false, has_iss = false, has_deny_list = false, has_token = false;
  std::vector<std::string_view> required_scopes;
  std::int64_t now = 0, leeway = 0;
  bool has_now = false, allow_no_exp = false, reject_future_iat = false, batch = false;
  bool help = false;
};

void parse(arg_reader& reader, verify_options& o) {
  std::string_view value;
  bool seen_now = false, seen_leeway = false;
  while (reader.more()) {
    if (reader.at_positional()) {
      const std::string_view token = reader.take_positional();
      if (o.has_token) reader.fail("verify takes one token, got a second: " + quoted(token.substr(0, 16)) + "...");
      o.token = token;
      o.has_token = true;
    } else if (reader.flag("--help") || reader.flag("-h")) {
      o.help = true;
      return;
    } else if (read_secret_option(reader, o.secrets, true)) {
      // consumed: a secret option (or --kid)
    } else if (reader.option_once("--aud", o.aud, o.has_aud)) {
    } else if (reader.option_once("--iss", o.iss, o.has_iss)) {
    } else if (reader.option_once("--deny-list", o.deny_list, o.has_deny_list)) {
    } else if (reader.option("--require-scope", value)) {
      if (!jwtcore::is_well_formed_scope(value)) {
        reader.fail("--require-scope: " + quoted(value) + " is not a scope (action:entity, one per flag)");
      }
      o.required_scopes.push_back(value);
    } else if (reader.option_once("--now", value, seen_now)) {
      o.has_now = parse_integer(reader, "--now", value, 0, std::numeric_limits<std::int64_t>::max(), o.now);
    } else if (reader.option_once("--leeway", value, seen_leeway)) {
      parse_integer(reader, "--leeway", value, 0, std::numeric_limits<std::int64_t>::max(), o.leeway);
    } else if (reader.flag("--allow-no-exp")) {
      o.allow_no_exp = true;
    } else if (reader.flag("--reject-future-iat")) {
      o.reject_future_iat = true;
    } else if (reader.flag("--batch")) {
      o.batch = true;
    } else {
      reader.unknown(command);
    }
  }
  if (!reader.ok()) return;
  if (o.batch && o.has_token) return reader.fail("--batch reads the tokens from stdin: give no TOKEN");
  if (!o.batch && !o.has_token) return reader.fail("the token to verify is missing (TOKEN, - for stdin, or --batch)");
  std::string_view stdin_reader = o.batch ? "the tokens (--batch)" : "";
  if (o.token == "-") stdin_reader = "the token";
  check_secret_options(reader, o.secrets, jwtcore::jwt_key_set::max_keys, stdin_reader);
}

// The reason for alg_not_allowed when the token's alg is an HMAC one: the
// algorithms of the keys that could have checked it (all keys when none has
// the token's alg, else those its kid selects). Empty when there is no more
// to say than the library's message.
std::string alg_refusal(std::string_view token, const std::vector<key_label>& keys) {
  std::vector<char> buffer(jwtcore::verifier::buffer_size_for(token.size()) + 1);
  const jwtcore::result<jwtcore::unverified_token> decoded =
      jwtcore::decode_unverified(token, buffer.data(), buffer.size());
  if (!decoded) return {};
  const jwtcore::result<jwtcore::json_value> header = jwtcore::json_parse_object(decoded->header_json);
  if (!header) return {};
  const jwtcore::json_value alg_value = header->find("alg");
  std::size_t alg = 0;
  while (alg < alg_count && !alg_value.string_equals(jwtcore::alg_name(static_cast<jwtcore::jwt_alg>(alg)))) ++alg;
  if (alg == alg_count) return {};
  const jwtcore::jwt_alg token_alg = static_cast<jwtcore::jwt_alg>(alg);

  // When a key has the token's alg, the kid chose keys without it.
  bool some_key_has_it = false;
  for (const key_label& key : keys) some_key_has_it |= key.alg == token_alg;
  std::string kid;
  if (some_key_has_it) {
    const jwtcore::json_value kid_value = header->find("kid");
    if (!kid_value.string_size()) return {};
    kid.resize(*kid_value.string_size());
    kid_value.decode_string(kid.data(), kid.size());
  }
  std::string text = "the token is " + std::string(jwtcore::alg_name(token_alg));
  if (some_key_has_it) text += " with kid " + quoted(kid);
  bool listed[alg_count] = {};
  std::size_t candidates = 0;
  for (const key_label& key : keys) {
    if (some_key_has_it && !key.kid.empty() && key.kid != kid) continue;
    listed[static_cast<std::size_t>(key.alg)] = true;
    ++candidates;
  }
  text += candidates == 1 ? ", the key is " : ", the keys are ";
  const char* separator = "";
  for (std::size_t i = 0; i < alg_count; ++i) {
    if (!listed[i]) continue;
    text += separator;
    text += jwtcore::alg_name(static_cast<jwtcore::jwt_alg>(i));
    separator = ", ";
  }
  return text;
}

// The one-line reason a token was refused: the library's message, or what
// the tool knows better: for an HMAC alg that no usable key has, which
// algorithms met; for bad_claim, the claim and its fault; for missing_exp,
// the flag that accepts it.
std::string refusal_message(jwtcore::error e, std::string_view token, const std::vector<key_label>& keys,
                            const jwtcore::claim_fault& fault) {
  if (e == jwtcore::error::alg_not_allowed) {
    std::string text = alg_refusal(token, keys);
    if (!text.empty()) return text;
  }
  if (e == jwtcore::error::bad_claim && !fault.claim.empty()) {
    return std::string(fault.claim) + " " + std::string(fault.problem);
  }
  if (e == jwtcore::error::missing_exp) return "the token has no exp (expiry) claim; --allow-no-exp accepts it";
  return std::string(jwtcore::message(e));
}

// The answer to one token of a batch, as one JSON line.
void append_answer(std::string& out, const jwtcore::result<jwtcore::verified_claims>& verified, std::string_view token,
                   const std::vector<key_label>& keys, const jwtcore::claim_fault& fault) {
  if (verified) {
    // JSON strings hold no raw line break, so only whitespace between tokens can.
    const std::string_view payload = verified->payload_json;
    out += R"({"valid":true,"payload":)";
    if (payload.find('\n') == std::string_view::npos && payload.find('\r') == std::string_view::npos) {
      out.append(payload.data(), payload.size());
    } else {
      out += one_line_json(payload);
    }
    out += "}\n";
    return;
  }
  const std::string_view name = jwtcore::to_string(verified.error());
  const std::string message = refusal_message(verified.error(), token, keys, fault);
  const jwtcore::result<std::string> line = jwtcore::write_json_string([&](jwtcore::json_writer& w) {
    w.begin_object().key("valid").boolean(false).key("error").string(name).key("message").string(message).end_object();
  });
  out += line ? *line : R"({"valid":false,"error":")" + std::string(name) + "\"}";
  out += '\n';
}

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

// verify --batch: tokens from stdin, one per line, each answered on stdout.
// A line is kept up to one byte over the verifier's limit, which then refuses
// it as too_large; the rest of it is skipped.
int verify_batch(const jwtcore::verifier& v, std::int64_t now, const std::vector<key_label>& keys) {
  constexpr std::size_t kept = jwtcore::verifier::default_max_token_size + 1;
  std::vector<char> buffer(jwtcore::verifier::buffer_size_for(kept) + 1);
  std::vector<char> chunk(64 * 1024);
  std::string line, out;
  bool all_valid = true, read_failed = false, overlong = false;
  std::string why;

  const auto answer = [&](std::string_view text) {
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (is_blank(text)) return;
    jwtcore::claim_fault fault;
    const jwtcore::result<jwtcore::verified_claims> verified =
        v.verify(text, now, buffer.data(), buffer.size(), &fault);
    all_valid = all_valid && static_cast<bool>(verified);
    append_answer(out, verified, text, keys, fault);
    if (out.size() >= chunk.size()) {
      write_out(out);
      out.clear();
    }
  };
  // Adds line bytes to `line`, keeping at most `kept` of them.
  const auto keep = [&](std::string_view piece) {
    const std::size_t room = kept - line.size();
    if (piece.size() > room) overlong = true;
    line.append(piece.data(), piece.size() < room ? piece.size() : room);
  };

  for (;;) {
    const std::ptrdiff_t got = read_stdin(chunk.data(), chunk.size(), why);
    if (got <= 0) {
      read_failed = got < 0;
      break;
    }
    std::string_view rest(chunk.data(), static_cast<std::size_t>(got));
    for (std::size_t end; (end = rest.find('\n')) != std::string_view::npos; rest.remove_prefix(end + 1)) {
      if (line.empty() && !overlong && end <= kept) {
        answer(rest.substr(0, end));  // the usual case: a whole line within the chunk, not copied
      } else {
        keep(rest.substr(0, end));
        answer(line);
        line.clear();
        overlong = false;
      }
    }
    keep(rest);
  }
  if (!read_failed && (!line.empty() || overlong)) answer(line);
  write_out(out);
  if (read_failed) return input_error(command, "cannot read the tokens from stdin: " + why);
  return finish_output(command, all_valid ? exit_ok : exit_refused);
}

}  // namespace

int run_verify(const arguments& args) {
  arg_reader reader(args);
  verify_options o;
  parse(reader, o);
  if (o.help && reader.ok()) return print_help(command, verify_help);
  if (!reader.ok()) return usage_error(command, reader.error());

  std::string token;
  if (!o.batch) {
    if (const int status = read_token(command, o.token, token); status != exit_ok) return status;
  }

  deny_list_file revoked;
  if (o.has_deny_list) {
    std::string why;
    if (!revoked.load(o.deny_list, why)) {
      return input_error(command, "cannot read the deny list " + quoted(o.deny_list) + ": " + why);
    }
  }

  // The secrets, then the keys of the JWK Sets, each under its kid.
  key_list keys;
  if (const int status = load_keys(command, o.secrets, keys); status != exit_ok) return status;
  jwtcore::jwk_keys jwks;
  std::vector<key_label> labels;
  for (const secret_source& source : o.secrets.sources) {
    if (!source.jwks) {
      labels.push_back({source.alg, source.kid});
    } else if (const int status = load_jwks(command, source, true, o.secrets.allow_short, jwks); status != exit_ok) {
      return status;
    }
  }
  if (keys.size() + jwks.size() > jwtcore::jwt_key_set::max_keys) {
    return input_error(command, "a key set holds at most " + std::to_string(jwtcore::jwt_key_set::max_keys) +
                                    " keys: " + std::to_string(keys.size()) + " secrets and " +
                                    std::to_string(jwks.size()) + " keys of --jwks are too many");
  }
  jwtcore::jwt_key_set key_set;
  for (std::size_t i = 0; i < keys.size(); ++i) key_set.add(*keys[i], labels[i].kid);
  for (std::size_t i = 0; i < jwks.size(); ++i) {
    key_set.add(jwks.key(i), jwks.kid(i));
    labels.push_back({jwks.key(i).alg(), jwks.kid(i)});
  }

  jwtcore::verifier v;
  v.keys(key_set).leeway(o.leeway);
  if (o.has_aud) v.audience(o.aud);
  if (o.has_iss) v.issuer(o.iss);
  if (!o.required_scopes.empty()) {
    v.require_scopes(jwtcore::scope_list(o.required_scopes.data(), o.required_scopes.size()));
  }
  if (o.has_deny_list) v.revocations(&revoked);
  v.allow_missing_exp(o.allow_no_exp).reject_future_iat(o.reject_future_iat);

  const std::int64_t now = o.has_now ? o.now : unix_now();
  if (o.batch) return verify_batch(v, now, labels);
  std::vector<char> buffer(jwtcore::verifier::buffer_size_for(token.size()) + 1);
  jwtcore::claim_fault fault;
  const jwtcore::result<jwtcore::verified_claims> verified = v.verify(token, now, buffer.data(), buffer.size(), &fault);
  if (!verified) {
    return report(command, jwtcore::to_string(verified.error()),
                  refusal_message(verified.error(), token, labels, fault), exit_refused);
  }
  write_out(verified->payload_json);
  write_out("\n");
  return finish_output(command, exit_ok);
}

}  // namespace jwtcore_cli
