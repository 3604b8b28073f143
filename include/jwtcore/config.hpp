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
//   hardware kernel exists and the CPU has it.

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
