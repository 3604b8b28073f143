// tests/support/error_names.hpp: makes doctest print a jwtcore::error by its
// stable name ("expired") instead of its number, in every failed CHECK.
#ifndef JWTCORE_TESTS_SUPPORT_ERROR_NAMES_HPP
#define JWTCORE_TESTS_SUPPORT_ERROR_NAMES_HPP

#include <doctest/doctest.h>

#include <string_view>

#include "jwtcore/bytes.hpp"

namespace jwtcore {
// Found by argument-dependent lookup.
inline doctest::String toString(error e) {
  const std::string_view name = to_string(e);
  return doctest::String(name.data(), static_cast<doctest::String::size_type>(name.size()));
}
}  // namespace jwtcore

#endif  // JWTCORE_TESTS_SUPPORT_ERROR_NAMES_HPP
