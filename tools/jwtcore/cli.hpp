// tools/jwtcore/cli.hpp: what every subcommand of the jwtcore tool shares: the
// exit statuses, the one-line error report, quoting of echoed input, and
// checked writes to stdout.
#ifndef JWTCORE_TOOLS_CLI_HPP
#define JWTCORE_TOOLS_CLI_HPP

#include <string>       // quoted() builds a string
#include <string_view>  // names and messages

#include <jwtcore/bytes.hpp>  // jwtcore::error

namespace jwtcore_cli {

// The exit statuses of DESIGN.md section 4.
enum exit_status : int {
  exit_ok = 0,       // success
  exit_refused = 1,  // the token is invalid or refused
  exit_usage = 2,    // usage or input error
};

// Prints "jwtcore: COMMAND: NAME: TEXT" as exactly one line on stderr and
// returns `status`. NAME is a jwtcore::error name, or "usage" / "input" /
// a tool-specific name. Newlines in TEXT are never printed as such.
int report(std::string_view command, std::string_view name, std::string_view text, int status);

// A library error: its stable name and its message, then `detail` when given
// ("jwtcore: verify: expired: the token has expired").
int report_error(std::string_view command, jwtcore::error e, int status, std::string_view detail = {});

// Shorthands for the two usual kinds of exit-2 report.
inline int usage_error(std::string_view command, std::string_view text) {
  return report(command, "usage", text, exit_usage);
}
inline int input_error(std::string_view command, std::string_view text) {
  return report(command, "input", text, exit_usage);
}

// Text from the command line, a file or a token, made safe to echo inside one
// line: wrapped in double quotes, with quotes, backslashes, control bytes and
// DEL escaped (\" \\ \n \xNN). Bytes >= 0x80 are copied as they are.
std::string quoted(std::string_view text);

// `text` less one final "\n" or "\r\n": a line end closing a file or stdin
// is not part of the secret, token or payload read from it.
std::string_view drop_line_end(std::string_view text);

// Writes to stdout; false when the write failed (the caller reports it).
bool write_out(std::string_view text);
// Flushes stdout; on failure reports "jwtcore: COMMAND: output: ..." and
// returns exit_usage, else `status` unchanged.
int finish_output(std::string_view command, int status);

}  // namespace jwtcore_cli

#endif  // JWTCORE_TOOLS_CLI_HPP
