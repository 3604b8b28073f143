// tests/support/kernel_choice.hpp: runs test code under each SHA-256 kernel
// choice, through JWTCORE_FORCE_KERNEL as a user would.
#ifndef JWTCORE_TEST_KERNEL_CHOICE_HPP
#define JWTCORE_TEST_KERNEL_CHOICE_HPP

#include <jwtcore/sha256.hpp>

#include <cstdlib>  // setenv, unsetenv (_putenv_s on Windows)

#include <doctest/doctest.h>

namespace jwtcore_test {

// Sets (or, for nullptr, removes) JWTCORE_FORCE_KERNEL and makes the
// dispatcher choose again on its next call.
inline void set_force_kernel(const char* value) {
#if defined(_WIN32)
  _putenv_s("JWTCORE_FORCE_KERNEL", value == nullptr ? "" : value);
#else
  if (value == nullptr) {
    unsetenv("JWTCORE_FORCE_KERNEL");
  } else {
    setenv("JWTCORE_FORCE_KERNEL", value, 1);
  }
#endif
  jwtcore::detail::forget_kernel_choice();
}

// Runs `body` once with the portable kernels forced and once with the kernels
// the dispatcher picks by itself (SHA-NI and the SSSE3 base64url loops on a
// CPU that has them). The variable is left unset.
template <class Body>
void on_every_kernel_choice(Body&& body) {
  for (const char* choice : {"portable", static_cast<const char*>(nullptr)}) {
    set_force_kernel(choice);
    INFO("SHA-256 kernel " << jwtcore::sha256_kernel_name());
    body();
  }
  set_force_kernel(nullptr);
}

}  // namespace jwtcore_test

#endif  // JWTCORE_TEST_KERNEL_CHOICE_HPP
