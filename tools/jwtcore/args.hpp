// tools/jwtcore/args.hpp: a small GNU-style argument reader for the
// subcommands: "--name VALUE" and "--name=VALUE", flags without values,
// positionals, "-" for stdin and "--" to end the options. It never exits or
// prints: the first usage error is kept and the command reports it.
#ifndef JWTCORE_TOOLS_ARGS_HPP
#define JWTCORE_TOOLS_ARGS_HPP

#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t
#include <string>       // the kept error text
#include <string_view>  // arguments are views of argv
#include <utility>      // std::move
#include <vector>       // the arguments

namespace jwtcore_cli {

class arg_reader {
 public:
  explicit arg_reader(std::vector<std::string_view> args) : args_(std::move(args)) {}

  // True while arguments remain and no error was found.
  bool more() const noexcept { return ok() && at_ < args_.size(); }
  bool ok() const noexcept { return error_.empty(); }
  const std::string& error() const noexcept { return error_; }
  void fail(std::string text) {
    if (error_.empty()) error_ = std::move(text);
  }

  // The current argument is a positional: after "--", "-" itself, or anything
  // not starting with '-'. Consumes a "--" it meets first.
  bool at_positional();
  std::string_view take_positional() { return args_[at_++]; }

  // Consumes the current argument when it is exactly `name`; "--name=..." is
  // an error (the flag takes no value).
  bool flag(std::string_view name);
  // Consumes "--name VALUE" or "--name=VALUE" and sets `value`; a missing
  // value is an error.
  bool option(std::string_view name, std::string_view& value);
  // As option(), for an option that may appear once only.
  bool option_once(std::string_view name, std::string_view& value, bool& seen);

  // Records "unknown option" for the current argument (only its name, never a
  // "=value" part, which might be a secret) and consumes it.
  void unknown(std::string_view command);

 private:
  std::vector<std::string_view> args_;
  std::size_t at_ = 0;
  bool options_ended_ = false;
  std::string error_;
};

// Parses a whole decimal integer in [min, max] for option `name`: no sign
// other than a leading '-', no spaces, no junk, no overflow. On failure it
// records a usage error on `reader` and returns false.
bool parse_integer(arg_reader& reader, std::string_view name, std::string_view text, std::int64_t min, std::int64_t max,
                   std::int64_t& out);

}  // namespace jwtcore_cli

#endif  // JWTCORE_TOOLS_ARGS_HPP
