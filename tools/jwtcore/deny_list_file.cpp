// tools/jwtcore/deny_list_file.cpp: loading and searching the deny-list file.
#include "deny_list_file.hpp"

#include <algorithm>  // std::sort, std::lower_bound, std::unique
#include <utility>    // std::move

#include <jwtcore/json_reader.hpp>  // json_parse_object, json_top_member, json_value

#include "cli.hpp"
#include "os.hpp"

namespace jwtcore_cli {

namespace {

constexpr std::size_t max_deny_list_size = 64 * 1024 * 1024;

using entry = std::pair<std::string, std::string>;

bool blank(std::string_view line) {
  for (const char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

// The two members of a line, as the reader hands them over.
struct line_members {
  jwtcore::json_value aud, jti;
};

void take_member(void* context, const jwtcore::json_top_member& member) noexcept {
  line_members& line = *static_cast<line_members*>(context);
  if (member.name_is("aud")) line.aud = member.value;
  if (member.name_is("jti")) line.jti = member.value;
}

// The decoded text of string member `name`; false with a reason otherwise.
bool string_member(const jwtcore::json_value& value, std::string_view name, std::string& out, std::string& why) {
  if (!value) {
    why = "no \"" + std::string(name) + "\" member";
    return false;
  }
  const jwtcore::result<std::size_t> size = value.string_size();
  if (!size) {
    why = "\"" + std::string(name) + "\" is not a string";
    return false;
  }
  out.assign(*size, '\0');
  return static_cast<bool>(value.decode_string(out.data(), out.size()));
}

bool less(std::string_view aud_a, std::string_view jti_a, std::string_view aud_b, std::string_view jti_b) {
  return aud_a < aud_b || (aud_a == aud_b && jti_a < jti_b);
}

}  // namespace

bool deny_list_file::load(std::string_view path, std::string& why) {
  wiping_buffer text;
  if (!read_all(path, max_deny_list_size, text, why)) return false;
  const std::string_view all = text.view();
  std::size_t line_number = 0;
  for (std::size_t begin = 0; begin < all.size();) {
    std::size_t end = all.find('\n', begin);
    if (end == std::string_view::npos) end = all.size();
    std::string_view line = all.substr(begin, end - begin);
    begin = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (blank(line)) continue;

    const std::string where = "line " + std::to_string(line_number) + ": ";
    line_members members;
    const jwtcore::result<jwtcore::json_value> object =
        jwtcore::json_parse_object(line, jwtcore::json_limits{}, take_member, &members);
    if (!object) {
      why = where + std::string(jwtcore::to_string(object.error())) + ": " +
            std::string(jwtcore::message(object.error()));
      return false;
    }
    entry e;
    std::string member_why;
    if (!string_member(members.aud, "aud", e.first, member_why) ||
        !string_member(members.jti, "jti", e.second, member_why)) {
      why = where + member_why + " (each line is {\"aud\":\"...\",\"jti\":\"...\"})";
      return false;
    }
    entries_.push_back(std::move(e));
  }
  std::sort(entries_.begin(), entries_.end());
  entries_.erase(std::unique(entries_.begin(), entries_.end()), entries_.end());
  return true;
}

bool deny_list_file::is_revoked(std::string_view aud, std::string_view jti) const noexcept {
  const auto at = std::lower_bound(entries_.begin(), entries_.end(), 0,
                                   [&](const entry& e, int) { return less(e.first, e.second, aud, jti); });
  return at != entries_.end() && at->first == aud && at->second == jti;
}

}  // namespace jwtcore_cli
