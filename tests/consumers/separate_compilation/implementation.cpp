// The one unit of the program that holds jwtcore's entry points.
#define JWTCORE_IMPLEMENTATION
#include <jwtcore/jwtcore.hpp>
