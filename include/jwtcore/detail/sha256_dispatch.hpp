// jwtcore/detail/sha256_dispatch.hpp: chooses the SHA-256 kernel that runs at
// run time, once per process, and routes every block through it. The only file
// that asks the CPU what it supports or reads the environment (and only in the
// builds config.hpp allows to). Included by sha256.hpp, not meant to be used alone.
#ifndef JWTCORE_DETAIL_SHA256_DISPATCH_HPP
#define JWTCORE_DETAIL_SHA256_DISPATCH_HPP

#ifndef JWTCORE_SHA256_HPP
#  error "include <jwtcore/sha256.hpp>, which includes this file at the right point"
#endif

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t, std::uint32_t
#include <string_view>  // kernel names

#include "sha256_arm.hpp"

namespace jwtcore {
namespace detail {
#if JWTCORE_SHA256_SHANI
// The SHA-NI kernels and the CPUID probe of detail/sha256_x86.hpp, declared
// here: that file and its intrinsics headers are read only where the entry
// points are defined, so a unit built with JWTCORE_SEPARATE_COMPILATION calls
// them without reading either (see config.hpp). Called, never inlined, in
// every build: their target attribute keeps them out of other functions.
JWTCORE_ENTRY_POINT bool cpu_has_sha_ni() noexcept;
JWTCORE_ENTRY_POINT __attribute__((target("sha,sse4.1,ssse3"))) void sha256_compress_shani(
    std::uint32_t* state, const std::uint8_t* blocks, std::size_t count) noexcept;
JWTCORE_ENTRY_POINT __attribute__((target("sha,sse4.1,ssse3"))) void sha256_compress_shani_x2(
    std::uint32_t* state_a, const std::uint8_t* blocks_a, std::uint32_t* state_b, const std::uint8_t* blocks_b,
    std::size_t count) noexcept;
#endif
}  // namespace detail
}  // namespace jwtcore

#if JWTCORE_DEFINE_ENTRY_POINTS
#include "sha256_x86.hpp"
#endif

// Whether the choice is made at run time: a CPU check to cache, or an
// environment to read. Otherwise the kernel is fixed when compiling and the
// dispatcher below reduces to a constant.
#if JWTCORE_SHA256_SHANI || (JWTCORE_SHA256_ARMV8 && JWTCORE_KERNEL_ENV)
#  define JWTCORE_SHA256_RUN_TIME_CHOICE 1
#else
#  define JWTCORE_SHA256_RUN_TIME_CHOICE 0
#endif
#if JWTCORE_KERNEL_ENV
#  include <cstdlib>  // std::getenv, for JWTCORE_FORCE_KERNEL
#endif

namespace jwtcore {
namespace detail {

enum class sha256_kernel : std::uint8_t { portable, sha_ni, armv8 };

inline constexpr sha256_kernel sha256_every_kernel[] = {sha256_kernel::portable, sha256_kernel::sha_ni,
                                                        sha256_kernel::armv8};

// The names JWTCORE_FORCE_KERNEL takes and sha256_kernel_name() returns.
constexpr const char* sha256_kernel_name(sha256_kernel kernel) noexcept {
  switch (kernel) {
    case sha256_kernel::sha_ni:
      return "sha-ni";
    case sha256_kernel::armv8:
      return "armv8";
    case sha256_kernel::portable:
      break;
  }
  return "portable";
}

// Whether this build contains the kernel.
constexpr bool sha256_kernel_compiled(sha256_kernel kernel) noexcept {
  switch (kernel) {
    case sha256_kernel::sha_ni:
      return JWTCORE_SHA256_SHANI != 0;
    case sha256_kernel::armv8:
      return JWTCORE_SHA256_ARMV8 != 0;
    case sha256_kernel::portable:
      break;
  }
  return true;
}

#if JWTCORE_SHA256_SHANI
// What CPUID said about SHA-NI: 0 not asked yet, 1 absent, 2 present. Asked
// once per process because CPUID traps to the hypervisor in a virtual machine.
inline std::uint8_t sha256_cpu_sha_ni = 0;

inline bool sha256_cpu_has_sha_ni() noexcept {
  std::uint8_t known = __atomic_load_n(&sha256_cpu_sha_ni, __ATOMIC_RELAXED);
  if (known == 0) {
    known = cpu_has_sha_ni() ? 2 : 1;
    __atomic_store_n(&sha256_cpu_sha_ni, known, __ATOMIC_RELAXED);
  }
  return known == 2;
}
#endif

// Whether this build contains the kernel and this CPU can run it.
inline bool sha256_kernel_supported(sha256_kernel kernel) noexcept {
  switch (kernel) {
    case sha256_kernel::sha_ni:
#if JWTCORE_SHA256_SHANI
      return sha256_cpu_has_sha_ni();
#else
      return false;
#endif
    case sha256_kernel::armv8:
      return JWTCORE_SHA256_ARMV8 != 0;  // the compiler's target already promises it
    case sha256_kernel::portable:
      break;
  }
  return true;
}

// The kernel to use when JWTCORE_FORCE_KERNEL has the value `forced` (null when
// unset): the fastest supported one when unset or empty; the named one when it
// is supported; the portable one for a kernel this build or CPU lacks and for
// an unknown name, since the portable kernel is correct everywhere.
inline sha256_kernel sha256_select_kernel(const char* forced) noexcept {
  if (forced == nullptr || *forced == '\0') {
    if (sha256_kernel_supported(sha256_kernel::sha_ni)) return sha256_kernel::sha_ni;
    if (sha256_kernel_supported(sha256_kernel::armv8)) return sha256_kernel::armv8;
    return sha256_kernel::portable;
  }
  for (const sha256_kernel kernel : sha256_every_kernel) {
    if (std::string_view(forced) == sha256_kernel_name(kernel)) {
      return sha256_kernel_supported(kernel) ? kernel : sha256_kernel::portable;
    }
  }
  return sha256_kernel::portable;
}

#if JWTCORE_SHA256_RUN_TIME_CHOICE

// 0 until the first choice, then the kernel plus one. Relaxed atomic accesses
// are enough: every thread that races to choose computes and stores the same
// value. (The GCC and clang builtins rather than <atomic>, which drags
// <string> and more into freestanding builds; only those compilers get here.)
inline std::uint8_t sha256_kernel_choice = 0;

inline sha256_kernel sha256_choose_kernel() noexcept {
#if JWTCORE_KERNEL_ENV
  const sha256_kernel kernel = sha256_select_kernel(std::getenv("JWTCORE_FORCE_KERNEL"));
#else
  const sha256_kernel kernel = sha256_select_kernel(nullptr);
#endif
  __atomic_store_n(&sha256_kernel_choice, static_cast<std::uint8_t>(static_cast<std::uint8_t>(kernel) + 1u),
                   __ATOMIC_RELAXED);
  return kernel;
}

inline sha256_kernel sha256_active_kernel() noexcept {
  const std::uint8_t choice = __atomic_load_n(&sha256_kernel_choice, __ATOMIC_RELAXED);
  if (choice != 0) return static_cast<sha256_kernel>(choice - 1u);
  return sha256_choose_kernel();
}

// Makes the next block choose again, reading the environment anew.
// For tests that change JWTCORE_FORCE_KERNEL; not safe while other threads hash.
inline void sha256_forget_kernel_choice() noexcept {
  __atomic_store_n(&sha256_kernel_choice, std::uint8_t{0}, __ATOMIC_RELAXED);
}

#else

constexpr sha256_kernel sha256_active_kernel() noexcept {
  return JWTCORE_SHA256_ARMV8 ? sha256_kernel::armv8 : sha256_kernel::portable;
}
inline void sha256_forget_kernel_choice() noexcept {}

#endif

// The portable kernel as the dispatcher calls it: out of line, because inlined
// into its callers (the hasher, HMAC) it measured a third slower with GCC 12:
// the surrounding code takes registers the 64 unrolled rounds need.
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
inline void sha256_compress_portable_at_run_time(std::uint32_t* state, const std::uint8_t* blocks,
                                                 std::size_t count) noexcept {
  sha256_compress_portable(state, blocks, count);
}

// Runs `kernel`, which the caller knows is supported here. (Tests rather
// than a switch: GCC 12 then keeps the kernel call inline in its callers; the
// switch form cost an HMAC about 50 ns.)
inline void sha256_run_kernel(sha256_kernel kernel, std::uint32_t* state, const std::uint8_t* blocks,
                              std::size_t count) noexcept {
#if JWTCORE_SHA256_SHANI
  if (kernel == sha256_kernel::sha_ni) return sha256_compress_shani(state, blocks, count);
#endif
#if JWTCORE_SHA256_ARMV8
  if (kernel == sha256_kernel::armv8) return sha256_compress_armv8(state, blocks, count);
#endif
  (void)kernel;
  sha256_compress_portable_at_run_time(state, blocks, count);
}

// The same for two independent streams; the portable kernel runs them in turn.
inline void sha256_run_kernel_x2(sha256_kernel kernel, std::uint32_t* state_a, const std::uint8_t* blocks_a,
                                 std::uint32_t* state_b, const std::uint8_t* blocks_b, std::size_t count) noexcept {
#if JWTCORE_SHA256_SHANI
  if (kernel == sha256_kernel::sha_ni) return sha256_compress_shani_x2(state_a, blocks_a, state_b, blocks_b, count);
#endif
#if JWTCORE_SHA256_ARMV8
  if (kernel == sha256_kernel::armv8) return sha256_compress_armv8_x2(state_a, blocks_a, state_b, blocks_b, count);
#endif
  (void)kernel;
  sha256_compress_portable_at_run_time(state_a, blocks_a, count);
  sha256_compress_portable_at_run_time(state_b, blocks_b, count);
}

// One named kernel, bypassing the choice: for tests and benchmarks that
// compare kernels. False, touching nothing, when it is not supported here.
inline bool sha256_compress_with(sha256_kernel kernel, std::uint32_t* state, const std::uint8_t* blocks,
                                 std::size_t count) noexcept {
  if (!sha256_kernel_supported(kernel)) return false;
  sha256_run_kernel(kernel, state, blocks, count);
  return true;
}
inline bool sha256_compress_x2_with(sha256_kernel kernel, std::uint32_t* state_a, const std::uint8_t* blocks_a,
                                    std::uint32_t* state_b, const std::uint8_t* blocks_b, std::size_t count) noexcept {
  if (!sha256_kernel_supported(kernel)) return false;
  sha256_run_kernel_x2(kernel, state_a, blocks_a, state_b, blocks_b, count);
  return true;
}

// Every block hashed at run time goes through these two.
inline void sha256_compress_at_run_time(std::uint32_t* state, const std::uint8_t* blocks, std::size_t count) noexcept {
  sha256_run_kernel(sha256_active_kernel(), state, blocks, count);
}
inline void sha256_compress_x2_at_run_time(std::uint32_t* state_a, const std::uint8_t* blocks_a, std::uint32_t* state_b,
                                           const std::uint8_t* blocks_b, std::size_t count) noexcept {
  sha256_run_kernel_x2(sha256_active_kernel(), state_a, blocks_a, state_b, blocks_b, count);
}

}  // namespace detail
}  // namespace jwtcore

#endif  // JWTCORE_DETAIL_SHA256_DISPATCH_HPP
