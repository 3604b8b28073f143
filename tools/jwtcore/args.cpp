// tools/jwtcore/args.cpp: the argument reader and the checked integer parse.
#include "args.hpp"

#include <charconv>      // std::from_chars: no locale, no exceptions, reports overflow
#include <system_error>  // std::errc

#include "cli.hpp"

namespace jwtcore_cli {

namespace {
bool starts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}
}  // namespace

bool arg_reader::at_positional() {
  if (!more()) return false;
  if (!options_ended_ && args_[at_] == "--") {
    options_ended_ = true;
    ++at_;
    if (!more()) return false;
  }
  const std::string_view arg = args_[at_];
  return options_ended_ || arg == "-" || arg.empty() || arg[0] != '-';
}

bool arg_reader::flag(std::string_view name) {
  if (!more()) return false;
  const std::string_view arg = args_[at_];
  if (arg == name) {
    ++at_;
    return true;
  }
  if (starts_with(arg, name) && arg.size() > name.size() && arg[name.size()] == '=') {
    fail(std::string(name) + " takes no value");
    ++at_;
    return true;
  }
  return false;
}

bool arg_reader::option(std::string_view name, std::string_view& value) {
  if (!more()) return false;
  const std::string_view arg = args_[at_];
  if (arg == name) {
    if (at_ + 1 >= args_.size()) {
      fail(std::string(name) + " needs a value");
      ++at_;
      return true;
    }
    value = args_[at_ + 1];
    at_ += 2;
    return true;
  }
  if (starts_with(arg, name) && arg.size() > name.size() && arg[name.size()] == '=') {
    value = arg.substr(name.size() + 1);
    ++at_;
    return true;
  }
  return false;
}

bool arg_reader::option_once(std::string_view name, std::string_view& value, bool& seen) {
  if (!option(name, value)) return false;
  if (seen) fail(std::string(name) + " may be given only once");
  seen = true;
  return true;
}

void arg_reader::unknown(std::string_view command) {
  std::string_view arg = args_[at_++];
  const std::size_t equals = arg.find('=');
  if (equals != std::string_view::npos) arg = arg.substr(0, equals);
  if (arg == "--secret" || arg == "-s" || arg == "--key") {
    fail(std::string(arg) +
         " does not exist: a secret on the command line shows up in ps and in shell history; use --secret-file PATH, "
         "--secret-file - (stdin) or --secret-env NAME");
  } else {
    fail("unknown option " + quoted(arg) + "; see 'jwtcore " + std::string(command) + " --help'");
  }
}

bool parse_integer(arg_reader& reader, std::string_view name, std::string_view text, std::int64_t min, std::int64_t max,
                   std::int64_t& out) {
  std::int64_t value = 0;
  const char* const end = text.data() + text.size();
  const std::from_chars_result parsed = std::from_chars(text.data(), end, value);
  if (text.empty() || parsed.ec == std::errc::invalid_argument || parsed.ptr != end) {
    reader.fail(std::string(name) + ": " + quoted(text) + " is not a whole number of seconds");
    return false;
  }
  if (parsed.ec == std::errc::result_out_of_range || value > max) {
    reader.fail(std::string(name) + ": " + quoted(text) + " is out of range (at most " + std::to_string(max) + ")");
    return false;
  }
  if (value < min) {
    reader.fail(std::string(name) + ": " + quoted(text) + " must be at least " + std::to_string(min));
    return false;
  }
  out = value;
  return true;
}

}  // namespace jwtcore_cli
