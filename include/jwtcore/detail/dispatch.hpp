// jwtcore/detail/dispatch.hpp: which kernels this build has and this CPU runs,
// and the one run-time choice for every kernel family (SHA-256, SHA-512, the
// base64url and JSON vector loops), made once per process. The only file that
// asks the CPU what it supports or reads JWTCORE_FORCE_KERNEL. Unlike the
// portable kernels, the hardware ones may leave message words in vector
// registers and spill slots: C++ cannot make a wipe of those stick.
#ifndef JWTCORE_DETAIL_DISPATCH_HPP
#define JWTCORE_DETAIL_DISPATCH_HPP

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t, std::uint32_t, std::uint64_t
#include <string_view>  // kernel names

#include "sha256_portable.hpp"
#include "sha512_portable.hpp"

#if JWTCORE_KERNEL_ENV
#  include <cstdlib>  // std::getenv
#endif

// x86-64 with GCC or clang: SHA-NI, AVX, SSSE3 and SSE2 kernels under per-function
// target attributes, declared here and defined in their own files, read only
// where entry points are defined. Elsewhere the names are stand-ins no path
// calls, so the dispatcher reads the same in every build.
#if !defined(JWTCORE_PORTABLE) && defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
namespace jwtcore {
namespace detail {
inline constexpr bool x86_kernels = true;
JWTCORE_ENTRY_POINT __attribute__((target("sha,sse4.1,ssse3"))) void sha256_compress_shani(
    std::uint32_t* state, const std::uint8_t* blocks, std::size_t count) noexcept;
JWTCORE_ENTRY_POINT __attribute__((target("sha,sse4.1,ssse3"))) void sha256_compress_shani_x2(
    std::uint32_t* state_a, const std::uint8_t* blocks_a, std::uint32_t* state_b, const std::uint8_t* blocks_b,
    std::size_t count) noexcept;
JWTCORE_ENTRY_POINT __attribute__((target("sha,sse4.1,ssse3"))) void sha256_compress_shani_x3(
    std::uint32_t* const (&states)[3], const std::uint8_t* const (&blocks)[3], std::size_t count) noexcept;
JWTCORE_ENTRY_POINT __attribute__((target("avx,bmi2"))) void sha512_compress_avx(std::uint64_t* state,
                                                                                 const std::uint8_t* blocks,
                                                                                 std::size_t count) noexcept;
JWTCORE_ENTRY_POINT __attribute__((target("ssse3"))) std::size_t base64url_encode_ssse3(const std::uint8_t* bytes,
                                                                                        std::size_t size,
                                                                                        char* out) noexcept;
JWTCORE_ENTRY_POINT __attribute__((target("ssse3"))) bool base64url_decode_ssse3(const char* text, std::size_t chars,
                                                                                 std::uint8_t* out) noexcept;
JWTCORE_ENTRY_POINT __attribute__((target("sse2"))) std::size_t json_unescaped_run_end_sse2(const char* text,
                                                                                           std::size_t size,
                                                                                           std::size_t pos) noexcept;
JWTCORE_ENTRY_POINT std::uint64_t json_block_stops_sse2(const char* p) noexcept;

// CPUID leaf (and subleaf 0): eax, ebx, ecx, edx.
inline void x86_cpuid(unsigned leaf, unsigned (&r)[4]) noexcept {
  __asm__("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(0u));
}
// Bit 0: SSSE3 (CPUID.1:ECX bit 9). Bit 1: SHA-NI: also SSE4.1 (CPUID.1:ECX
// bit 19) and SHA (CPUID.(7,0):EBX bit 29). A 64-bit OS enables SSE: no XGETBV.
// Bit 2: AVX (CPUID.1:ECX bit 28), which the OS must also save (bit 27,
// OSXSAVE, then XGETBV: XCR0 bits 1 and 2), and BMI2 (CPUID.(7,0):EBX bit 8).
inline unsigned x86_probe() noexcept {
  unsigned r[4] = {};
  x86_cpuid(0, r);
  const unsigned max_leaf = r[0];
  x86_cpuid(1, r);
  const unsigned ssse3 = r[2] >> 9 & 1u, sse41 = r[2] >> 19 & 1u;
  unsigned avx = (r[2] >> 27 & r[2] >> 28) & 1u;
  if (avx != 0) {
    unsigned xcr0 = 0, high = 0;
    __asm__("xgetbv" : "=a"(xcr0), "=d"(high) : "c"(0u));
    avx = (xcr0 & 6u) == 6u ? 1u : 0u;
  }
  if (max_leaf >= 7) x86_cpuid(7, r);
  const unsigned sha = max_leaf >= 7 ? r[1] >> 29 & 1u : 0u, bmi2 = max_leaf >= 7 ? r[1] >> 8 & 1u : 0u;
  return ssse3 | (ssse3 & sse41 & sha) << 1 | (avx & bmi2) << 2;
}
}  // namespace detail
}  // namespace jwtcore
#  if JWTCORE_DEFINE_ENTRY_POINTS
#    include "base64url_ssse3.hpp"
#    include "json_sse2.hpp"
#    include "sha256_shani.hpp"
#    include "sha512_x86.hpp"
#  endif
#else
namespace jwtcore {
namespace detail {
inline constexpr bool x86_kernels = false;
inline void sha256_compress_shani(std::uint32_t*, const std::uint8_t*, std::size_t) noexcept {}
inline void sha256_compress_shani_x2(std::uint32_t*, const std::uint8_t*, std::uint32_t*, const std::uint8_t*,
                                     std::size_t) noexcept {}
inline void sha256_compress_shani_x3(std::uint32_t* const (&)[3], const std::uint8_t* const (&)[3],
                                     std::size_t) noexcept {}
inline void sha512_compress_avx(std::uint64_t*, const std::uint8_t*, std::size_t) noexcept {}
inline std::size_t base64url_encode_ssse3(const std::uint8_t*, std::size_t, char*) noexcept { return 0; }
inline bool base64url_decode_ssse3(const char*, std::size_t, std::uint8_t*) noexcept { return false; }
inline std::size_t json_unescaped_run_end_sse2(const char*, std::size_t, std::size_t pos) noexcept { return pos; }
inline std::uint64_t json_block_stops_sse2(const char*) noexcept { return ~std::uint64_t{0}; }  // every byte a stop
inline unsigned x86_probe() noexcept { return 0; }
}  // namespace detail
}  // namespace jwtcore
#endif

// AArch64 built with the SHA-2 extension, which the target guarantees.
#if !defined(JWTCORE_PORTABLE) && defined(__aarch64__) && (defined(__ARM_FEATURE_SHA2) || defined(__ARM_FEATURE_CRYPTO))
#  include "sha256_armv8.hpp"
#else
namespace jwtcore {
namespace detail {
inline constexpr bool armv8_kernels = false;
inline void sha256_compress_armv8(std::uint32_t*, const std::uint8_t*, std::size_t) noexcept {}
inline void sha256_compress_armv8_x2(std::uint32_t*, const std::uint8_t*, std::uint32_t*, const std::uint8_t*,
                                     std::size_t) noexcept {}
}  // namespace detail
}  // namespace jwtcore
#endif

// AArch64 built with the SHA-512 instructions (ARMv8.2), likewise.
#if !defined(JWTCORE_PORTABLE) && defined(__aarch64__) && defined(__ARM_FEATURE_SHA512)
#  include "sha512_armv8.hpp"
#else
namespace jwtcore {
namespace detail {
inline constexpr bool armv8_sha512_kernels = false;
inline void sha512_compress_armv8(std::uint64_t*, const std::uint8_t*, std::size_t) noexcept {}
}  // namespace detail
}  // namespace jwtcore
#endif

namespace jwtcore {
namespace detail {

// The environment's choice, or null (also where JWTCORE_KERNEL_ENV is 0).
#if JWTCORE_KERNEL_ENV
inline const char* forced_kernel() noexcept { return std::getenv("JWTCORE_FORCE_KERNEL"); }
#else
inline const char* forced_kernel() noexcept { return nullptr; }
#endif

enum class sha256_kernel : std::uint8_t { portable, sha_ni, armv8 };
enum class sha512_kernel : std::uint8_t { portable, avx, armv8 };
inline constexpr sha256_kernel sha256_every_kernel[] = {sha256_kernel::portable, sha256_kernel::sha_ni,
                                                        sha256_kernel::armv8};
inline constexpr sha512_kernel sha512_every_kernel[] = {sha512_kernel::portable, sha512_kernel::avx,
                                                        sha512_kernel::armv8};

// The names JWTCORE_FORCE_KERNEL takes and the kernel_name functions return.
constexpr const char* sha256_kernel_name(sha256_kernel kernel) noexcept {
  return kernel == sha256_kernel::sha_ni ? "sha-ni" : kernel == sha256_kernel::armv8 ? "armv8" : "portable";
}
constexpr const char* sha512_kernel_name(sha512_kernel kernel) noexcept {
  return kernel == sha512_kernel::avx ? "avx" : kernel == sha512_kernel::armv8 ? "armv8" : "portable";
}

// Whether this build contains the kernel.
constexpr bool sha256_kernel_compiled(sha256_kernel kernel) noexcept {
  return kernel == sha256_kernel::sha_ni ? x86_kernels : kernel == sha256_kernel::armv8 ? armv8_kernels : true;
}
constexpr bool sha512_kernel_compiled(sha512_kernel kernel) noexcept {
  return kernel == sha512_kernel::avx ? x86_kernels : kernel == sha512_kernel::armv8 ? armv8_sha512_kernels : true;
}

// The choices are cached in bytes with relaxed atomics (racing threads store
// the same value); builtins rather than <atomic>, lighter for freestanding builds.
#if defined(__GNUC__) || defined(__clang__)
inline unsigned load_relaxed(std::uint8_t& v) noexcept { return __atomic_load_n(&v, __ATOMIC_RELAXED); }
inline void store_relaxed(std::uint8_t& v, unsigned x) noexcept {
  __atomic_store_n(&v, static_cast<std::uint8_t>(x), __ATOMIC_RELAXED);
}
#else
inline unsigned load_relaxed(std::uint8_t& v) noexcept { return v; }
inline void store_relaxed(std::uint8_t& v, unsigned x) noexcept { v = static_cast<std::uint8_t>(x); }
#endif

// What x86_probe() said, plus 0x80 once asked: once, as CPUID traps in a VM.
inline std::uint8_t x86_features = 0;

inline unsigned cpu_x86_features() noexcept {
  if constexpr (!x86_kernels) return 0;
  unsigned known = load_relaxed(x86_features);
  if (known == 0) {
    known = 0x80u | x86_probe();
    store_relaxed(x86_features, known);
  }
  return known;
}

// Whether this build contains the kernel and this CPU can run it.
inline bool sha256_kernel_supported(sha256_kernel kernel) noexcept {
  return sha256_kernel_compiled(kernel) && (kernel != sha256_kernel::sha_ni || (cpu_x86_features() & 2u) != 0);
}
inline bool sha512_kernel_supported(sha512_kernel kernel) noexcept {
  return sha512_kernel_compiled(kernel) && (kernel != sha512_kernel::avx || (cpu_x86_features() & 4u) != 0);
}

// Whether this build has the SSSE3 base64url loops and this CPU runs them.
inline bool ssse3_supported() noexcept { return x86_kernels && (cpu_x86_features() & 1u) != 0; }

// The choice for every family at once.
struct kernel_choice {
  sha256_kernel sha256;
  bool vectors;  // the vector loops (vector_kernels)
};

// The kernels for JWTCORE_FORCE_KERNEL = `forced` (null when unset): the
// fastest when unset or empty; a supported named SHA-256 kernel with the
// vector loops; else the portable kernels of every family.
inline kernel_choice select_kernels(const char* forced) noexcept {
  const bool unset = forced == nullptr || *forced == '\0';
  for (const sha256_kernel kernel : sha256_every_kernel) {
    if (kernel != sha256_kernel::portable && sha256_kernel_supported(kernel) &&
        (unset || std::string_view(forced) == sha256_kernel_name(kernel))) {
      return {kernel, ssse3_supported()};
    }
  }
  return {sha256_kernel::portable, unset && ssse3_supported()};
}

// Whether there is a CPU to ask or an environment to read; else a constant.
inline constexpr bool run_time_choice = x86_kernels || (armv8_kernels && kernel_env);

// 0 until the first choice, then 1 + the SHA-256 kernel + 4 when the vector loops run.
inline std::uint8_t kernel_choice_made = 0;

// The first choice, out of line so that the test for it stays small in every caller.
[[gnu::noinline, gnu::cold]] inline unsigned choose_kernels() noexcept {
  const kernel_choice chosen = select_kernels(forced_kernel());
  const unsigned made = 1u + static_cast<unsigned>(chosen.sha256) + (chosen.vectors ? 4u : 0u);
  store_relaxed(kernel_choice_made, made);
  return made;
}

inline kernel_choice active_kernels() noexcept {
  if constexpr (!run_time_choice) return {armv8_kernels ? sha256_kernel::armv8 : sha256_kernel::portable, false};
  unsigned made = load_relaxed(kernel_choice_made);
  if (made == 0) made = choose_kernels();
  return {static_cast<sha256_kernel>((made - 1u) & 3u), made > 4u};
}

// Makes the next call choose again, reading the environment anew.
// For tests that change JWTCORE_FORCE_KERNEL; not safe while other threads hash.
inline void forget_kernel_choice() noexcept { store_relaxed(kernel_choice_made, 0); }

// The portable kernels at run time: out of line, as inlined their callers
// take registers the rounds need; entry points, so that a separately compiled
// unit instantiates only the rolled form that constant expressions use.
#if JWTCORE_DEFINE_ENTRY_POINTS
[[gnu::noinline]] JWTCORE_ENTRY_POINT void sha256_compress_portable_at_run_time(std::uint32_t* state,
                                                                                const std::uint8_t* blocks,
                                                                                std::size_t count) noexcept {
  sha256_compress_portable(state, blocks, count);
}
[[gnu::noinline]] JWTCORE_ENTRY_POINT void sha512_compress_portable_at_run_time(std::uint64_t* state,
                                                                                const std::uint8_t* blocks,
                                                                                std::size_t count) noexcept {
  sha512_compress_portable(state, blocks, count);
}
#else
void sha256_compress_portable_at_run_time(std::uint32_t* state, const std::uint8_t* blocks, std::size_t count) noexcept;
void sha512_compress_portable_at_run_time(std::uint64_t* state, const std::uint8_t* blocks, std::size_t count) noexcept;
#endif

// Runs `kernel`, known to be supported (tests, not a switch, keep it inline).
inline void sha256_run_kernel(sha256_kernel kernel, std::uint32_t* state, const std::uint8_t* blocks,
                              std::size_t count) noexcept {
  if (x86_kernels && kernel == sha256_kernel::sha_ni) return sha256_compress_shani(state, blocks, count);
  if (armv8_kernels && kernel == sha256_kernel::armv8) return sha256_compress_armv8(state, blocks, count);
  sha256_compress_portable_at_run_time(state, blocks, count);
}

// The same for two independent streams; the portable kernel runs them in turn.
inline void sha256_run_kernel_x2(sha256_kernel kernel, std::uint32_t* state_a, const std::uint8_t* blocks_a,
                                 std::uint32_t* state_b, const std::uint8_t* blocks_b, std::size_t count) noexcept {
  if (x86_kernels && kernel == sha256_kernel::sha_ni) {
    return sha256_compress_shani_x2(state_a, blocks_a, state_b, blocks_b, count);
  }
  if (armv8_kernels && kernel == sha256_kernel::armv8) {
    return sha256_compress_armv8_x2(state_a, blocks_a, state_b, blocks_b, count);
  }
  sha256_compress_portable_at_run_time(state_a, blocks_a, count);
  sha256_compress_portable_at_run_time(state_b, blocks_b, count);
}

// The same for three; only SHA-NI has a three-stream form.
inline void sha256_run_kernel_x3(sha256_kernel kernel, std::uint32_t* const (&states)[3],
                                 const std::uint8_t* const (&blocks)[3], std::size_t count) noexcept {
  if (x86_kernels && kernel == sha256_kernel::sha_ni) return sha256_compress_shani_x3(states, blocks, count);
  sha256_run_kernel_x2(kernel, states[0], blocks[0], states[1], blocks[1], count);
  sha256_run_kernel(kernel, states[2], blocks[2], count);
}

// Whether the vector loops run: the base64url codecs' SSSE3 loops and the
// JSON writer's SSE2 scan (a CPU without SSSE3 takes neither).
inline bool vector_kernels() noexcept { return x86_kernels && active_kernels().vectors; }

// SHA-512 follows the other families: the ARMv8 instructions along with the
// ARMv8 SHA-256 kernel, the AVX schedule (with BMI2) along with the vector
// loops, so JWTCORE_FORCE_KERNEL=portable turns both off.
inline sha512_kernel active_sha512_kernel() noexcept {
  const kernel_choice chosen = active_kernels();
  if (armv8_sha512_kernels && chosen.sha256 == sha256_kernel::armv8) return sha512_kernel::armv8;
  if (x86_kernels && chosen.vectors && sha512_kernel_supported(sha512_kernel::avx)) return sha512_kernel::avx;
  return sha512_kernel::portable;
}

// Runs `kernel`, known to be supported.
inline void sha512_run_kernel(sha512_kernel kernel, std::uint64_t* state, const std::uint8_t* blocks,
                              std::size_t count) noexcept {
  if (x86_kernels && kernel == sha512_kernel::avx) return sha512_compress_avx(state, blocks, count);
  if (armv8_sha512_kernels && kernel == sha512_kernel::armv8) return sha512_compress_armv8(state, blocks, count);
  sha512_compress_portable_at_run_time(state, blocks, count);
}

}  // namespace detail
}  // namespace jwtcore

#endif  // JWTCORE_DETAIL_DISPATCH_HPP
