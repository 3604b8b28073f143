// src/jwtcore.cpp: the one translation unit of jwtcore::compiled (CMake) and
// jwtcore_compiled_dep (meson): every entry point and the code only they use,
// compiled once. The units of a program that link it see only declarations
// (JWTCORE_SEPARATE_COMPILATION, which the target sets for them; see
// include/jwtcore/config.hpp). A build without those targets can compile
// this file itself, with JWTCORE_SEPARATE_COMPILATION=1 set for every unit.
#define JWTCORE_IMPLEMENTATION
#include <jwtcore/jwtcore.hpp>
