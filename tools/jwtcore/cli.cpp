// tools/jwtcore/cli.cpp: the error line and the stdout writes of the tool.
#include "cli.hpp"

#include <cerrno>   // errno of a failed write
#include <cstdio>   // std::fwrite, std::fflush, stderr
#include <cstring>  // std::strerror

namespace jwtcore_cli {

namespace {

// Copies `text` with line breaks and other control bytes replaced by spaces:
// the report must stay on one line whatever a message contains.
void put_one_line(std::string& line, std::string_view text) {
  for (const char c : text) {
    const unsigned byte = static_cast<unsigned char>(c);
    line.push_back(byte < 0x20 || byte == 0x7f ? ' ' : c);
  }
}

}  // namespace

int report(std::string_view command, std::string_view name, std::string_view text, int status) {
  std::string line = "jwtcore: ";
  if (!command.empty()) {
    put_one_line(line, command);
    line += ": ";
  }
  put_one_line(line, name);
  line += ": ";
  put_one_line(line, text);
  line.push_back('\n');
  std::fflush(stdout);  // keep stdout and stderr in order on a shared terminal
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
  return status;
}

int report_error(std::string_view command, jwtcore::error e, int status, std::string_view detail) {
  std::string text(jwtcore::message(e));
  if (!detail.empty()) {
    text += "; ";
    text += detail;
  }
  return report(command, jwtcore::to_string(e), text, status);
}

std::string quoted(std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "\"";
  for (const char c : text) {
    const unsigned byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      out += "\\x";
      out.push_back(hex[byte >> 4]);
      out.push_back(hex[byte & 15]);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
  return out;
}

std::string_view drop_line_end(std::string_view text) {
  if (!text.empty() && text.back() == '\n') {
    text.remove_suffix(1);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  }
  return text;
}

namespace {
int first_write_errno = 0;  // why the first failed write to stdout failed
}  // namespace

bool write_out(std::string_view text) {
  errno = 0;
  if (std::fwrite(text.data(), 1, text.size(), stdout) == text.size()) return true;
  if (first_write_errno == 0) first_write_errno = errno;
  return false;
}

int finish_output(std::string_view command, int status) {
  errno = 0;
  if (std::fflush(stdout) != 0 && first_write_errno == 0) first_write_errno = errno;
  if (std::ferror(stdout)) {
    return report(command, "output",
                  std::string("cannot write to stdout: ") +
                      (first_write_errno != 0 ? std::strerror(first_write_errno) : "write error"),
                  exit_usage);
  }
  return status;
}

}  // namespace jwtcore_cli
