// tools/jwtcore/cmd_decode.cpp: `jwtcore decode`: header and payload of a
// token, indented, with NO check of the signature, and saying so first; then
// its times as dates, relative to now.
#include <cstdint>  // std::int64_t
#include <cstdio>   // std::snprintf
#include <limits>   // std::numeric_limits
#include <string>   // the token
#include <vector>   // the decode buffer

#include <jwtcore/json_reader.hpp>  // json_parse_object, as_numeric_date
#include <jwtcore/verify.hpp>       // decode_unverified, verifier::buffer_size_for

#include "args.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "os.hpp"
#include "pretty_json.hpp"
#include "token_input.hpp"

namespace jwtcore_cli {

const std::string_view decode_help = R"(usage: jwtcore decode [--now UNIX] [--] TOKEN|-

Prints the header and the payload of a token, indented, WITHOUT checking the
signature or any claim: for looking at a token, never for trusting it. TOKEN
"-" reads the token from stdin (one trailing newline is dropped).

The first line is always
  # signature NOT checked: this is what the token claims, not what is true
then the header and the payload as two JSON documents, so that
  jwtcore decode TOKEN | grep -v '^#' | jq -s .
reads them. DEL and C1 control characters in strings are shown as \u escapes.
After them, one "#" line for each of iat, nbf and exp in the payload: the
time in UTC, ISO 8601, and how long ago or from now it is (a fraction of a
second is dropped), e.g.
  # exp 2023-11-15T22:13:20Z (23h 59m from now)

  --now UNIX   "now" for those lines, in seconds since the epoch (default:
               the system clock).

exit status: 0 decoded; 1 the token is not three strict base64url segments
whose header and payload are JSON objects (stderr: "jwtcore: decode: NAME:
reason"); 2 usage error.
)";

const std::string_view decode_banner = "# signature NOT checked: this is what the token claims, not what is true\n";

namespace {

constexpr std::string_view command = "decode";

// The NumericDates an ISO 8601 date of four-digit years can show:
// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
constexpr std::int64_t first_iso_second = -62167219200;
constexpr std::int64_t last_iso_second = 253402300799;

// Seconds since the epoch as YYYY-MM-DDTHH:MM:SSZ, in the proleptic
// Gregorian calendar (the days-to-civil conversion of H. Hinnant's
// "chrono-Compatible Low-Level Date Algorithms"). `t` must be in the range above.
std::string iso_8601(std::int64_t t) {
  std::int64_t days = t / 86400, second = t % 86400;
  if (second < 0) {
    second += 86400;
    --days;
  }
  days += 719468;  // from 1970-01-01 to 0000-03-01
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t day_of_era = days - era * 146097;
  const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;  // 0 is March
  const std::int64_t day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  const std::int64_t month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  char text[128];  // room for any int64 fields, which the range above never gives
  std::snprintf(text, sizeof(text), "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", static_cast<long long>(year),
                static_cast<long long>(month), static_cast<long long>(day), static_cast<long long>(second / 3600),
                static_cast<long long>(second / 60 % 60), static_cast<long long>(second % 60));
  return text;
}

// A span of seconds in its two largest units: "2d 3h", "23h 59m", "5m 0s", "7s".
std::string span(std::uint64_t seconds) {
  static constexpr struct {
    std::uint64_t size;
    char name;
  } units[] = {{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}};
  std::size_t first = 0;
  while (units[first].size > seconds) ++first;
  std::string text = std::to_string(seconds / units[first].size) + units[first].name;
  if (first + 1 < 4) {
    text += ' ' + std::to_string(seconds % units[first].size / units[first + 1].size) + units[first + 1].name;
  }
  return text;
}

// "# exp 2023-11-15T22:13:20Z (1h 0m from now)" for a claim that is there.
std::string time_line(const jwtcore::json_value& payload, std::string_view name, std::int64_t now) {
  const jwtcore::json_value value = payload.find(name);
  if (!value) return {};
  std::string line = "# " + std::string(name) + " ";
  const jwtcore::result<jwtcore::json_numeric_date> date = value.as_numeric_date();
  if (!date) return line + "is not a NumericDate (a JSON number of seconds): " + pretty_json(value.raw());
  const std::int64_t t = date->seconds;
  if (date->range != jwtcore::json_range::in_range || t < first_iso_second || t > last_iso_second) {
    return line + std::string(value.raw()) + " is outside the years 0000 to 9999\n";
  }
  line += iso_8601(t);
  // Both lie within the ISO range or the int64 range of a clock, so the difference fits.
  const std::uint64_t ut = static_cast<std::uint64_t>(t), unow = static_cast<std::uint64_t>(now);
  if (t == now) return line + " (now)\n";
  if (t > now) return line + " (" + span(ut - unow) + " from now)\n";
  return line + " (" + span(unow - ut) + " ago)\n";
}

}  // namespace

int run_decode(const arguments& args) {
  arg_reader reader(args);
  std::string_view argument, argument_now;
  bool has_token = false, help = false, has_now = false;
  std::int64_t now = 0;
  while (reader.more()) {
    if (reader.at_positional()) {
      if (has_token) reader.fail("decode takes one token");
      argument = reader.take_positional();
      has_token = true;
    } else if (reader.flag("--help") || reader.flag("-h")) {
      help = true;
      break;
    } else if (reader.option_once("--now", argument_now, has_now)) {
      parse_integer(reader, "--now", argument_now, 0, std::numeric_limits<std::int64_t>::max(), now);
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
  if (!has_now) now = unix_now();
  const jwtcore::result<jwtcore::json_value> payload = jwtcore::json_parse_object(decoded->payload_json);
  for (const std::string_view name : {"iat", "nbf", "exp"}) write_out(time_line(*payload, name, now));
  return finish_output(command, exit_ok);
}

}  // namespace jwtcore_cli
