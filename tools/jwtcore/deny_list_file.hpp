// tools/jwtcore/deny_list_file.hpp: the --deny-list FILE of verify: one JSON
// object {"aud":"...","jti":"..."} per line, as revoke prints them, held as
// owned strings behind the library's jwtcore::deny_list interface.
#ifndef JWTCORE_TOOLS_DENY_LIST_FILE_HPP
#define JWTCORE_TOOLS_DENY_LIST_FILE_HPP

#include <cstddef>      // std::size_t
#include <string>       // owned aud and jti
#include <string_view>  // lookups
#include <utility>      // std::pair
#include <vector>       // the sorted entries

#include <jwtcore/verify.hpp>  // jwtcore::deny_list

namespace jwtcore_cli {

class deny_list_file final : public jwtcore::deny_list {
 public:
  // Reads `path`. Blank lines are skipped; every other line must be one JSON
  // object whose "aud" and "jti" are strings (other members are ignored).
  // False with a reason naming the line on failure.
  bool load(std::string_view path, std::string& why);

  bool is_revoked(std::string_view aud, std::string_view jti) const noexcept override;
  std::size_t size() const noexcept { return entries_.size(); }

 private:
  // Sorted by (aud, jti): lookups are a binary search without allocation.
  std::vector<std::pair<std::string, std::string>> entries_;
};

}  // namespace jwtcore_cli

#endif  // JWTCORE_TOOLS_DENY_LIST_FILE_HPP
