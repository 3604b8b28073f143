// jwtcore/config.hpp: every configuration macro of the library, in one place.
// Each follows the same form: provided by the user, else detected, else a default.
#ifndef JWTCORE_CONFIG_HPP
#define JWTCORE_CONFIG_HPP

#include <type_traits>  // std::is_constant_evaluated and its feature macro (C++20)

// The library's version; the CMake and meson projects carry the same number.
#define JWTCORE_VERSION_MAJOR 0
#define JWTCORE_VERSION_MINOR 1
#define JWTCORE_VERSION_PATCH 0
#define JWTCORE_VERSION_STRING "0.1.0"

// JWTCORE_DECLASSIFY(pointer, size) (default: does nothing)
//   Called where the library deliberately branches on a value derived from a
//   secret because that value is the verdict it returns: whether a MAC matched,
//   whether a base64url secret was valid. Constant-time checkers define it
//   (tests/ct defines it as VALGRIND_MAKE_MEM_DEFINED) so that these points are
//   told apart from a leak.
#ifndef JWTCORE_DECLASSIFY
#  define JWTCORE_DECLASSIFY(pointer, size) ((void)(pointer), (void)(size))
#endif

// JWTCORE_STD_STRING (default: 1, or 0 in a freestanding build)
//   The std::string conveniences (base64url_encode, base64url_decode,
//   sign_hs256, claims::to_json, write_json_string) are the only part of the
//   library that can allocate. Define it to 0 to leave them and <string> out:
//   the buffer APIs remain, and no path of the library reaches the heap.
#ifndef JWTCORE_STD_STRING
#  if defined(__STDC_HOSTED__) && __STDC_HOSTED__ == 0
#    define JWTCORE_STD_STRING 0
#  else
#    define JWTCORE_STD_STRING 1
#  endif
#endif

// JWTCORE_PORTABLE (default: undefined)
//   Define to use the portable constexpr SHA-256 kernel everywhere, even where a
//   hardware kernel exists and the CPU has it. No intrinsic is then compiled, no
//   CPUID instruction runs and the environment is never read.
//
// JWTCORE_NO_SHANI (default: undefined; means something on x86-64 only)
//   Define to leave the x86 SHA extensions kernel (SHA-NI) out of the build.
//
// JWTCORE_SHA256_SHANI, JWTCORE_SHA256_ARMV8 (detected; not for users to define)
//   1 when that hardware kernel is compiled in. SHA-NI: x86-64 with GCC or clang
//   (per-function target attributes, so no -m flag is needed; it runs only when
//   CPUID reports SHA, SSE4.1 and SSSE3). ARMv8: AArch64 compiled with the SHA-2
//   extension (e.g. -march=armv8-a+crypto or +sha2), which the target then
//   guarantees, so it needs no run-time check.
#if !defined(JWTCORE_PORTABLE) && !defined(JWTCORE_NO_SHANI) && defined(__x86_64__) && \
    (defined(__GNUC__) || defined(__clang__))
#  define JWTCORE_SHA256_SHANI 1
#else
#  define JWTCORE_SHA256_SHANI 0
#endif
#if !defined(JWTCORE_PORTABLE) && defined(__aarch64__) && \
    (defined(__ARM_FEATURE_SHA2) || defined(__ARM_FEATURE_CRYPTO))
#  define JWTCORE_SHA256_ARMV8 1
#else
#  define JWTCORE_SHA256_ARMV8 0
#endif

// JWTCORE_KERNEL_ENV (default: 1 on Linux, Apple, Windows and the BSDs when a
// hardware kernel is compiled in, else 0)
//   Whether the environment variable JWTCORE_FORCE_KERNEL (portable, sha-ni or
//   armv8) is read, once, to force a SHA-256 kernel at run time; tests and
//   benchmarks use it. A kernel this build or CPU lacks, or an unknown name,
//   selects the portable kernel; jwtcore::sha256_kernel_name() tells which one
//   runs. Define it to 0 and the library never calls getenv; bare-metal and
//   freestanding (-ffreestanding) builds get 0: they have no environment.
#ifndef JWTCORE_KERNEL_ENV
#  if (JWTCORE_SHA256_SHANI || JWTCORE_SHA256_ARMV8) && !(defined(__STDC_HOSTED__) && __STDC_HOSTED__ == 0) && \
      (defined(__linux__) || defined(__APPLE__) || defined(_WIN32) || defined(__FreeBSD__) ||               \
       defined(__NetBSD__) || defined(__OpenBSD__))
#    define JWTCORE_KERNEL_ENV 1
#  else
#    define JWTCORE_KERNEL_ENV 0
#  endif
#endif

// JWTCORE_SIZE_FIRST (default: 1 when optimizing for size, else 0)
//   1: where the library has a fast path beside a small one, only the small
//   one is compiled, for flash-constrained targets. Results and errors are the
//   same either way; only speed and code size change. It selects the rolled
//   SHA-256 kernel (JWTCORE_SHA256_UNROLL), base64url a byte at a time and for
//   public data through the table-free constant-time codec, signing in two
//   plain steps (encode the token text, then one HMAC over it) instead of the
//   one-pass stream, the payload text checked by the JSON reader alone (no
//   quick check ahead of the encoder), the signature checked as text (the
//   MAC encoded, no decoder), the JSON writer without its lookup tables, and
//   the JSON reader's compact pass (detail::json_scan_compact: no names kept
//   in the one pass; member counts and duplicates checked object by object,
//   names compared through the string decoder alone), and one copy of the
//   base64url encoder for text and bytes.
//   GCC and clang define __OPTIMIZE_SIZE__ under -Os and -Oz, which selects 1.
#ifndef JWTCORE_SIZE_FIRST
#  if defined(__OPTIMIZE_SIZE__)
#    define JWTCORE_SIZE_FIRST 1
#  else
#    define JWTCORE_SIZE_FIRST 0
#  endif
#endif

// JWTCORE_SHA256_UNROLL (default: 0 under JWTCORE_SIZE_FIRST, else 1)
//   1: the portable kernel runs its 64 rounds as straight-line code (a fifth
//   faster on x86-64 with GCC 12 and clang 14).
//   0: it loops over one round at a time, for flash-constrained targets:
//   352 bytes of code instead of about 7.6 KB on a Cortex-M4 at -Os.
#ifndef JWTCORE_SHA256_UNROLL
#  if JWTCORE_SIZE_FIRST
#    define JWTCORE_SHA256_UNROLL 0
#  else
#    define JWTCORE_SHA256_UNROLL 1
#  endif
#endif

// JWTCORE_SEPARATE_COMPILATION (default 0)
//   0: header-only: every function is defined, inline, in the headers.
//   1: the run-time entry points (hs256_key's constructors, sign_hs256_into,
//   sign_hs256, sign_hs256_batch, check_hs256_signature, verifier::verify and
//   decode_unverified, verified_claims::grants) are only declared, so a
//   translation unit that calls them compiles none of the hashing, base64url
//   or JSON code beneath them; exactly one translation unit of the program
//   defines JWTCORE_IMPLEMENTATION before it includes <jwtcore/jwtcore.hpp>, and
//   holds their definitions (src/jwtcore.cpp, the library that the CMake
//   target jwtcore::compiled and meson's jwtcore_compiled_dep build and
//   set this macro for). Set it the same way for every translation unit
//   of a program (mixing the two is an ODR violation). The constexpr functions
//   (sha256, hmac_sha256, base64url, the JSON reader and writer, claims)
//   stay defined in the headers either way; what they call at run time that
//   needs the x86 intrinsics headers (the SHA-NI kernels and the CPUID probe,
//   the SSSE3 base64url loops, the SSE2 JSON scans) is compiled once the same
//   way, so that the other units do not read those headers.
//   JWTCORE_ENTRY_POINT marks every function compiled once.
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

// JWTCORE_CONSTEXPR_DISPATCH: 1 when the compiler can tell a constant evaluation
// from a run-time one. Hardware kernels, memcpy and the volatile wipe are used
// only at run time; in a constant expression the portable code runs instead.
#ifndef JWTCORE_CONSTEXPR_DISPATCH
#  if defined(__cpp_lib_is_constant_evaluated)
#    define JWTCORE_CONSTEXPR_DISPATCH 1
#    define JWTCORE_IS_CONSTANT_EVALUATED() std::is_constant_evaluated()
#  elif defined(__has_builtin)
#    if __has_builtin(__builtin_is_constant_evaluated)
#      define JWTCORE_CONSTEXPR_DISPATCH 1
#      define JWTCORE_IS_CONSTANT_EVALUATED() __builtin_is_constant_evaluated()
#    endif
#  endif
#  if !defined(JWTCORE_CONSTEXPR_DISPATCH) && defined(__GNUC__) && __GNUC__ >= 9
#    define JWTCORE_CONSTEXPR_DISPATCH 1
#    define JWTCORE_IS_CONSTANT_EVALUATED() __builtin_is_constant_evaluated()
#  endif
#  ifndef JWTCORE_CONSTEXPR_DISPATCH
//   Without the distinction the library is still correct and constexpr: it
//   simply always takes the portable path.
#    define JWTCORE_CONSTEXPR_DISPATCH 0
#    define JWTCORE_IS_CONSTANT_EVALUATED() true
#  endif
#endif

#endif  // JWTCORE_CONFIG_HPP
