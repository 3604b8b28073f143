// tests/embedded/forbidden_probe.cpp: code that pulls in one of the things the
// embedded images must not contain, chosen by a PROBE_* macro. The CI script
// links each probe into an image and expects the forbidden-symbol check to
// refuse it: proof that the check can fail, and that it names the culprit.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <string_view>

// Where allocated memory escapes to, so that the compiler cannot elide the
// allocation (C++14 lets it drop a new/delete pair it can see through).
extern "C" void* volatile embedded_probe_escape;
void* volatile embedded_probe_escape = nullptr;

extern "C" long embedded_probe(const char* text, size_t size) {
#if defined(PROBE_HEAP)
  void* memory = malloc(size);
  embedded_probe_escape = memory;
  free(memory);
  return text[0];
#elif defined(PROBE_NEW)
  char* memory = new char[size + 1];
  embedded_probe_escape = memory;
  delete[] memory;
  return text[0];
#elif defined(PROBE_THROWING_SUBSTR)
  // substr throws (here: calls std::__throw_out_of_range_fmt) when 3 > size.
  return static_cast<long>(std::string_view(text, size).substr(3).size());
#elif defined(PROBE_PRINTF)
  char line[24];
  return snprintf(line, sizeof line, "%lu", static_cast<unsigned long>(size));
#elif defined(PROBE_DIVISION)
  // A division twice as wide as a register: a libgcc helper on every target.
#if UINTPTR_MAX > 0xFFFFFFFFu
  __extension__ typedef unsigned __int128 double_word;
#else
  typedef uint64_t double_word;
#endif
  const double_word dividend = static_cast<double_word>(size) << 40;
  return static_cast<long>(dividend / static_cast<double_word>(reinterpret_cast<uintptr_t>(text)));
#elif defined(PROBE_WIDE_HELPER)
  // A population count of a 64-bit word: __popcountdi2 on a 32-bit target,
  // a libgcc helper that no name list of the check holds.
  return __builtin_popcountll(static_cast<uint64_t>(size) << 32 | reinterpret_cast<uintptr_t>(text));
#elif defined(PROBE_STATIC_GUARD)
  // A function-local static with a run-time initializer takes __cxa_guard_acquire.
  static const size_t first_size = size;
  return static_cast<long>(first_size);
#elif defined(PROBE_ABORT)
  if (size == 0) abort();
  return text[0];
#else
#error "define one PROBE_* macro"
#endif
}
