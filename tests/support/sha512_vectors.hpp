// tests/support/sha512_vectors.hpp: the NIST CAVP Monte Carlo files of SHA-384
// and SHA-512, read with the .rsp and hex readers of vectors.hpp (whose
// load_msg_vectors reads their message files).
#ifndef JWTCORE_TESTS_SUPPORT_SHA512_VECTORS_HPP
#define JWTCORE_TESTS_SUPPORT_SHA512_VECTORS_HPP

#include <cstddef>      // std::size_t
#include <optional>     // nothing when a file is missing or malformed
#include <string>       // std::stoul, hex digests
#include <string_view>  // file names
#include <utility>      // std::move
#include <vector>       // the vectors of one file

#include "vectors.hpp"

namespace jwtcore_test {

// A Monte Carlo file: the seed, then the checkpoint digests in COUNT order.
struct monte_vectors {
  byte_string seed;
  std::vector<std::string> checkpoints;
};

inline std::optional<monte_vectors> load_monte_vectors(std::string_view file, std::size_t digest_size) {
  const std::optional<std::string> text = read_data_file(file);
  if (!text) return std::nullopt;
  const std::vector<rsp_record> records = parse_rsp(*text);
  if (records.empty() || records[0].find("Seed") == nullptr) return std::nullopt;
  std::optional<byte_string> seed = from_hex(*records[0].find("Seed"));
  if (!seed || seed->size() != digest_size) return std::nullopt;
  monte_vectors out{std::move(*seed), {}};
  for (std::size_t j = 1; j < records.size(); ++j) {
    const std::string* count = records[j].find("COUNT");
    const std::string* md = records[j].find("MD");
    if (count == nullptr || md == nullptr || std::stoul(*count) != j - 1 || md->size() != 2 * digest_size) {
      return std::nullopt;
    }
    out.checkpoints.push_back(lowercase(*md));
  }
  return out;
}

}  // namespace jwtcore_test

#endif  // JWTCORE_TESTS_SUPPORT_SHA512_VECTORS_HPP
