// tests/support/sha512_vectors.hpp: the NIST CAVP SHA-384 and SHA-512 message
// files, read with the .rsp and hex readers of vectors.hpp. The digest length
// is the caller's, so one reader serves both files of each kind.
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

struct msg_vector {
  byte_string message;
  std::string md_hex;
};

// Reads SHA{384,512}{Short,Long}Msg.rsp. Len is in bits (all multiples of 8);
// for Len = 0 the file writes "Msg = 00", a placeholder, so only Len / 8 bytes
// count. Nothing when the file is missing or a record is malformed.
inline std::optional<std::vector<msg_vector>> load_msg_vectors(std::string_view file, std::size_t digest_size) {
  const std::optional<std::string> text = read_data_file(file);
  if (!text) return std::nullopt;
  std::vector<msg_vector> vectors;
  for (const rsp_record& record : parse_rsp(*text)) {
    const std::string* len = record.find("Len");
    const std::string* msg = record.find("Msg");
    const std::string* md = record.find("MD");
    if (len == nullptr || msg == nullptr || md == nullptr) return std::nullopt;
    const std::size_t bits = std::stoul(*len);
    std::optional<byte_string> bytes = from_hex(*msg);
    if (bits % 8 != 0 || !bytes || bytes->size() < bits / 8 || md->size() != 2 * digest_size) return std::nullopt;
    bytes->resize(bits / 8);
    vectors.push_back({std::move(*bytes), lowercase(*md)});
  }
  return vectors;
}

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
