// tools/jwtcore/secrets.hpp: where mint, sign and verify get their keys.
// Secrets come from a file, stdin or an environment variable, never from argv;
// they may be base64url-encoded; each key is bound to one algorithm; shorter
// than that algorithm's hash they need an explicit opt-in. Every copy of a
// secret the tool makes is wiped.
#ifndef JWTCORE_TOOLS_SECRETS_HPP
#define JWTCORE_TOOLS_SECRETS_HPP

#include <cstddef>      // std::size_t
#include <memory>       // std::unique_ptr: keys must not move once a key set points at them
#include <string_view>  // option values are views of argv
#include <vector>       // the sources and the keys

#include <jwtcore/jwk.hpp>  // jwtcore::jwk_keys
#include <jwtcore/key.hpp>  // jwtcore::jwt_key, jwt_alg

#include "args.hpp"

namespace jwtcore_cli {

struct secret_source {
  bool from_environment = false;  // else a file, "-" for stdin
  std::string_view location;      // the path or the variable name
  std::string_view kid;           // the key's name, from a --kid after it (verify)
  // The key's algorithm, from an --alg after it (verify) or the command's --alg.
  jwtcore::jwt_alg alg = jwtcore::jwt_alg::hs256;
  bool has_alg = false;
  // A JWK Set file (verify --jwks): its oct keys, alg the default of those
  // without one. load_keys skips it; load_jwks reads it.
  bool jwks = false;
};

struct secret_options {
  std::vector<secret_source> sources;
  bool base64url = false;    // --secret-base64url
  bool allow_short = false;  // --allow-short-secret
};

// Consumes one of --secret-file, --secret-env, --secret-base64url,
// --allow-short-secret at the reader's position; true when it did. When
// `names_key` is set, "--kid NAME" names the secret given just before it,
// "--alg ALG" binds that secret's key to ALG (or is the default algorithm of
// a JWK Set's keys), and "--jwks PATH" adds a JWK Set.
bool read_secret_option(arg_reader& reader, secret_options& options, bool names_key);

// Parses the value of --alg: exactly HS256, HS384 or HS512. Otherwise records
// a usage error on `reader`, with the name it probably meant, and returns false.
bool parse_alg_option(arg_reader& reader, std::string_view text, jwtcore::jwt_alg& out);

// After parsing: at least one secret, at most `max_sources`, stdin used once
// at most (and not at all when `stdin_reader`, e.g. "the token", is not empty:
// that one reads stdin). Records a usage error on the reader otherwise.
void check_secret_options(arg_reader& reader, const secret_options& options, std::size_t max_sources,
                          std::string_view stdin_reader);

using key_list = std::vector<std::unique_ptr<jwtcore::jwt_key>>;

// Reads, strips, decodes and checks every secret, one key of its source's
// algorithm per source, in order (JWK Set sources skipped). Returns exit_ok,
// or reports the reason (one line) and returns exit_usage.
int load_keys(std::string_view command, const secret_options& options, key_list& keys);

// Adds the oct keys of the JWK Set (`set`) or the one JWK in the file at
// `source.location` to `keys`, of source.alg when a key has no alg. Returns
// exit_ok, or reports the reason, naming the key, and returns exit_usage.
int load_jwks(std::string_view command, const secret_source& source, bool set, bool allow_short,
              jwtcore::jwk_keys& keys);

// The key of a command that signs (mint, sign): one secret, the algorithm
// its key is for (--alg) and the kid written in the header (--kid).
struct signing_options {
  secret_options secrets;
  jwtcore::jwt_alg alg = jwtcore::jwt_alg::hs256;
  std::string_view kid, jwk;  // jwk: the path of a JWK file (--jwk), the key instead of a secret
  bool has_alg = false, has_kid = false, has_jwk = false;
};

// Consumes a secret option, --jwk, --alg or --kid; true when it did.
bool read_signing_option(arg_reader& reader, signing_options& options);
// After parsing: exactly one secret (or one --jwk), as check_secret_options.
void check_signing_options(arg_reader& reader, signing_options& options, std::string_view stdin_reader);

// Loads the key, signs `payload_json` as it is and prints the token and a
// newline. A JWK's kid goes in the header unless --kid gives another; its
// alg must agree with an --alg. A payload the library refuses is reported as `what` ("the payload
// from ..."), exit_usage.
int sign_and_print(std::string_view command, const signing_options& options, std::string_view payload_json,
                   std::string_view what);

}  // namespace jwtcore_cli

#endif  // JWTCORE_TOOLS_SECRETS_HPP
