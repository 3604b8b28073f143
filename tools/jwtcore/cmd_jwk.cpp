// tools/jwtcore/cmd_jwk.cpp: `jwtcore jwk new`: a fresh random HMAC key as a
// JSON Web Key, for 'mint --jwk' and 'verify --jwks'.
#include <array>    // the thumbprint
#include <cstdint>  // std::uint8_t
#include <string>   // messages

#include <jwtcore/base64url.hpp>    // base64url_encode_into (constant time: k is the secret)
#include <jwtcore/json_writer.hpp>  // json_writer: the kid may need escaping
#include <jwtcore/jwk.hpp>          // jwk_thumbprint_oct
#include <jwtcore/key.hpp>          // jwt_alg, mac_size, alg_name

#include "args.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "os.hpp"
#include "secrets.hpp"

namespace jwtcore_cli {

const std::string_view jwk_help = R"(usage: jwtcore jwk new [--alg HS256|HS384|HS512] [--kid NAME]

Prints a fresh random JSON Web Key (RFC 7517) for HMAC on stdout, one line:
  {"kty":"oct","kid":"...","alg":"HS256","use":"sig","k":"..."}
k, base64url, is a secret as long as the algorithm's hash (32, 48 or 64
bytes, RFC 7518 section 3.2) from the OS's random source (getrandom). Keep
the file as secret as any key: 'jwtcore mint --jwk FILE' signs with it,
'jwtcore verify --jwks' takes it in a set, {"keys":[...]}.

  --alg ALG              the key's algorithm and "alg": HS256 (default),
                         HS384 or HS512.
  --kid NAME             the key's "kid" (default: its RFC 7638 thumbprint,
                         the base64url SHA-256 of {"k":"...","kty":"oct"}).

exit status: 0 JWK printed; 2 usage error, or no random bytes from the OS.

example:
  (umask 077; jwtcore jwk new --alg HS512 >hs512.jwk)
  jwtcore mint --jwk hs512.jwk --aud DEMO_CLIENT_ID --scope read:users
)";

namespace {

constexpr std::string_view command = "jwk";

struct jwk_options {
  jwtcore::jwt_alg alg = jwtcore::jwt_alg::hs256;
  std::string_view kid;
  bool has_action = false, has_alg = false, has_kid = false, help = false;
};

void parse(arg_reader& reader, jwk_options& o) {
  std::string_view value;
  while (reader.more()) {
    if (reader.at_positional()) {
      const std::string_view action = reader.take_positional();
      if (o.has_action || action != "new")
        return reader.fail("unknown action " + quoted(action) + "; jwk has one: new");
      o.has_action = true;
    } else if (reader.flag("--help") || reader.flag("-h")) {
      o.help = true;
      return;
    } else if (reader.option_once("--alg", value, o.has_alg)) {
      parse_alg_option(reader, value, o.alg);
    } else if (reader.option_once("--kid", o.kid, o.has_kid)) {
      if (o.kid.empty()) reader.fail("--kid needs a non-empty value");
    } else {
      reader.unknown(command);
    }
  }
  if (reader.ok() && !o.has_action) reader.fail("an action is needed: 'jwtcore jwk new'");
}

}  // namespace

int run_jwk(const arguments& args) {
  arg_reader reader(args);
  jwk_options o;
  parse(reader, o);
  if (o.help && reader.ok()) return print_help(command, jwk_help);
  if (!reader.ok()) return usage_error(command, reader.error());

  const std::size_t size = jwtcore::mac_size(o.alg);
  std::uint8_t secret[64] = {};
  char k[jwtcore::base64url_encoded_size(sizeof(secret))] = {};
  std::string why;
  if (!random_bytes(secret, size, why)) {
    return report(command, "random", "cannot get random bytes for the key: " + why, exit_usage);
  }
  const std::size_t k_size = *jwtcore::base64url_encode_into(secret, size, k, sizeof(k));
  jwtcore::secure_wipe(secret, sizeof(secret));
  const std::string_view k_text(k, k_size);
  const std::array<char, 43> thumbprint = jwtcore::jwk_thumbprint_oct(k_text);

  // The JWK holds the secret: written into a buffer that wipes itself.
  wiping_buffer line;
  line.reserve_more(128 + 6 * o.kid.size() + k_size);
  jwtcore::json_writer w(line.spare(), line.spare_size());
  w.begin_object().key("kty").string("oct");
  w.key("kid").string(o.has_kid ? o.kid : std::string_view(thumbprint.data(), thumbprint.size()));
  w.key("alg").string(jwtcore::alg_name(o.alg)).key("use").string("sig").key("k").string(k_text).end_object();
  jwtcore::secure_wipe(k, sizeof(k));
  const jwtcore::result<std::size_t> written = w.finish();
  if (!written) return report_error(command, written.error(), exit_usage, "--kid " + quoted(o.kid));
  line.commit(*written);
  line.append("\n");
  write_out(line.view());
  return finish_output(command, exit_ok);
}

}  // namespace jwtcore_cli
