// tests/support/verify_tokens.hpp: the tokens of tests/data/verify_tokens.json,
// which tests/data/make_verify_tokens.py writes with python3's standard library
// alone, never with jwtcore. The file is read once; views into it live as long
// as the program. A name the file lacks reads as empty and is recorded, so that
// one test case can fail on it instead of a verdict check failing obscurely.
#ifndef JWTCORE_TESTS_SUPPORT_VERIFY_TOKENS_HPP
#define JWTCORE_TESTS_SUPPORT_VERIFY_TOKENS_HPP

#include "vectors.hpp"

#include <cstddef>      // std::size_t
#include <optional>     // the file, once read
#include <string>       // missing names
#include <string_view>  // views into the file
#include <utility>      // std::move
#include <vector>       // table rows, missing names

namespace jwtcore_test {

// The whole file; a null value when it cannot be read or parsed.
inline const json_value& verify_tokens() {
  static const json_value document = [] {
    const std::optional<std::string> text = read_data_file("verify_tokens.json");
    std::optional<json_value> parsed = text ? parse_json(*text) : std::nullopt;
    return parsed ? std::move(*parsed) : json_value{};
  }();
  return document;
}

// The names asked for that the file does not hold.
inline std::vector<std::string>& missing_token_data() {
  static std::vector<std::string> names;
  return names;
}

// The named string of "values": a token, a text it was made from, a MAC or a decoded field.
inline std::string_view token_value(std::string_view name) {
  const json_value& v = verify_tokens()["values"][name];
  if (!v.is_string()) missing_token_data().emplace_back(name);
  return v.str();
}

// The named integer of "values" (a token size).
inline std::size_t token_size(std::string_view name) {
  const std::optional<long long> n = verify_tokens()["values"][name].integer();
  if (!n || *n < 0) {
    missing_token_data().emplace_back(name);
    return 0;
  }
  return static_cast<std::size_t>(*n);
}

// One row of an attack table: its name, the token and the expected verdict,
// "accepted" or the name of the error.
struct token_row {
  std::string_view name, token, expect;
};

inline std::vector<token_row> token_table(std::string_view table) {
  const json_value& rows = verify_tokens()["tables"][table];
  if (!rows.is_array() || rows.size() == 0) missing_token_data().emplace_back(table);
  std::vector<token_row> out;
  for (const json_value& row : rows.items) {
    if (!row["name"].is_string() || !row["token"].is_string() || !row["expect"].is_string()) {
      missing_token_data().emplace_back(std::string(table) + ": a row without name, token or expect");
      continue;
    }
    out.push_back({row["name"].str(), row["token"].str(), row["expect"].str()});
  }
  return out;
}

}  // namespace jwtcore_test

#endif  // JWTCORE_TESTS_SUPPORT_VERIFY_TOKENS_HPP
