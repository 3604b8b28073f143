// tests/support/jwtcore_implementation.cpp: the one translation unit that
// holds the entry points' definitions when the suites are built with
// JWTCORE_SEPARATE_COMPILATION=1 (see include/jwtcore/config.hpp).
#define JWTCORE_IMPLEMENTATION
#include <jwtcore/jwtcore.hpp>
