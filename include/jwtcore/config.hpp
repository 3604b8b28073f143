// jwtcore/config.hpp: every configuration switch of the library, in one place.
// Each takes the same form: provided by the user, else detected, else a default.
// Kernel detection (which instruction sets a build may use) is not a switch:
// detail/dispatch.hpp derives it from the target and JWTCORE_PORTABLE.
#ifndef JWTCORE_CONFIG_HPP
#define JWTCORE_CONFIG_HPP

#include <type_traits>  // std::is_constant_evaluated (C++20)

// The library's version; the CMake and meson projects carry the same number.
#define JWTCORE_VERSION_MAJOR 0
#define JWTCORE_VERSION_MINOR 1
#define JWTCORE_VERSION_PATCH 0
#define JWTCORE_VERSION_STRING "0.1.0"

// JWTCORE_STD_STRING (default: 1, or 0 in a freestanding build)
//   The std::string conveniences (base64url_encode/decode, sign_hs256,
//   claims::to_json, write_json_string), the only part that can allocate.
//   At 0 they and <string> are left out; no path of the library reaches the heap.
#ifndef JWTCORE_STD_STRING
#  if defined(__STDC_HOSTED__) && __STDC_HOSTED__ == 0
#    define JWTCORE_STD_STRING 0
#  else
#    define JWTCORE_STD_STRING 1
#  endif
#endif

// JWTCORE_PORTABLE (default: undefined)
//   Defined: the portable kernels only; no intrinsics header, no CPUID, no
//   environment. Otherwise detail/dispatch.hpp compiles in what the target
//   allows: on x86-64 with GCC or clang SHA-NI, AVX SHA-512, the SSSE3
//   base64url loops and the SSE2 JSON scan, run when CPUID reports them; on
//   AArch64 the ARMv8 SHA-2 kernels the target's -march enables.

// JWTCORE_KERNEL_ENV (default: 1 on Linux, Apple, Windows and the BSDs, unless
// JWTCORE_PORTABLE or a freestanding build; else 0)
//   Whether JWTCORE_FORCE_KERNEL (portable, sha-ni or armv8) is read, once,
//   to force the kernels (tests and benchmarks do); any other name, or a
//   kernel this build or CPU lacks, forces every family to its portable form.
//   At 0 the library never calls getenv.
#ifndef JWTCORE_KERNEL_ENV
#  if !defined(JWTCORE_PORTABLE) && !(defined(__STDC_HOSTED__) && __STDC_HOSTED__ == 0) &&        \
      (defined(__linux__) || defined(__APPLE__) || defined(_WIN32) || defined(__FreeBSD__) || \
       defined(__NetBSD__) || defined(__OpenBSD__))
#    define JWTCORE_KERNEL_ENV 1
#  else
#    define JWTCORE_KERNEL_ENV 0
#  endif
#endif

// JWTCORE_SIZE_FIRST (default: 1 when optimizing for size, which GCC and
// clang announce with __OPTIMIZE_SIZE__ under -Os and -Oz; else 0)
//   Where the library keeps a small and a fast variant of the same job, 1
//   picks the small ones, for flash-constrained targets (the rolled SHA-2
//   kernels, the byte-wise constant-time base64url codec for public data too,
//   ...). Results and errors are the same either way; both variants are
//   compiled and tested in every build, and detail::size_first chooses.
#ifndef JWTCORE_SIZE_FIRST
#  if defined(__OPTIMIZE_SIZE__)
#    define JWTCORE_SIZE_FIRST 1
#  else
#    define JWTCORE_SIZE_FIRST 0
#  endif
#endif

// JWTCORE_SEPARATE_COMPILATION (default 0)
//   0: header-only, every function defined inline in the headers.
//   1: the run-time entry points (those marked JWTCORE_ENTRY_POINT: key
//   set-up, signing, the signature check, the verifier) and the hardware
//   kernels are only declared, so a calling unit reads neither their code nor
//   any intrinsics header. One unit defines JWTCORE_IMPLEMENTATION before it
//   includes <jwtcore/jwtcore.hpp> and holds the definitions (src/jwtcore.cpp:
//   CMake's jwtcore::compiled, meson's jwtcore_compiled_dep). Every unit of a
//   program must agree (ODR).
#ifndef JWTCORE_SEPARATE_COMPILATION
#  define JWTCORE_SEPARATE_COMPILATION 0
#endif
#if !JWTCORE_SEPARATE_COMPILATION
#  define JWTCORE_ENTRY_POINT inline
#  define JWTCORE_DEFINE_ENTRY_POINTS 1
#elif defined(JWTCORE_IMPLEMENTATION)
#  define JWTCORE_ENTRY_POINT
#  define JWTCORE_DEFINE_ENTRY_POINTS 1
#else
#  define JWTCORE_ENTRY_POINT
#  define JWTCORE_DEFINE_ENTRY_POINTS 0
#endif

// JWTCORE_DECLASSIFY(pointer, size) (default: does nothing)
//   A test hook where the library branches on a secret-derived value because
//   it is the verdict (a MAC matched, a base64url secret was valid); tests/ct
//   makes it VALGRIND_MAKE_MEM_DEFINED to tell these points from a leak.
#ifndef JWTCORE_DECLASSIFY
#  define JWTCORE_DECLASSIFY(pointer, size) ((void)(pointer), (void)(size))
#endif

namespace jwtcore {
namespace detail {

inline constexpr bool size_first = JWTCORE_SIZE_FIRST != 0;
inline constexpr bool kernel_env = JWTCORE_KERNEL_ENV != 0;

// Whether the caller runs in a constant expression. Hardware kernels, memcpy
// and the volatile wipe are used only at run time. A compiler that cannot
// tell gets "always": the portable code, correct and constexpr, runs everywhere.
#if defined(__GNUC__) || defined(__clang__)
__attribute__((always_inline)) constexpr bool is_constant_evaluated() noexcept {
  return __builtin_is_constant_evaluated();
}
#elif defined(__cpp_lib_is_constant_evaluated)
constexpr bool is_constant_evaluated() noexcept { return std::is_constant_evaluated(); }
#else
constexpr bool is_constant_evaluated() noexcept { return true; }
#endif

}  // namespace detail
}  // namespace jwtcore

#endif  // JWTCORE_CONFIG_HPP
