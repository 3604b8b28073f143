# The warnings jwtcore's own code compiles clean under, in one place for every
# build file and script (never imposed on users):
#   include(jwtcore_warnings)                sets JWTCORE_WARNINGS for the project's C++
#                                            compiler and JWTCORE_WARNINGS_AS_ERRORS
#   cmake -P cmake/jwtcore_warnings.cmake    prints the GCC/Clang flags, for the scripts
#                                            and meson (add -Werror there)
set(jwtcore_gnu_warnings -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion)

if(CMAKE_SCRIPT_MODE_FILE)
  string(REPLACE ";" " " jwtcore_text "${jwtcore_gnu_warnings}")
  execute_process(COMMAND "${CMAKE_COMMAND}" -E echo "${jwtcore_text}")
  return()
endif()

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  set(JWTCORE_WARNINGS ${jwtcore_gnu_warnings})
  set(JWTCORE_WARNINGS_AS_ERRORS -Werror)
elseif(MSVC)
  set(JWTCORE_WARNINGS /W4)
  set(JWTCORE_WARNINGS_AS_ERRORS /WX)
else()
  set(JWTCORE_WARNINGS "")
  set(JWTCORE_WARNINGS_AS_ERRORS "")
endif()
