// tests/support/alloc_counter.hpp: replaces the global operator new and new[]
// with versions that count their calls, so a test can show that a code path
// makes no heap allocation. Replacement functions may not be inline: include
// this header in exactly one translation unit of a test program.
#ifndef JWTCORE_TESTS_SUPPORT_ALLOC_COUNTER_HPP
#define JWTCORE_TESTS_SUPPORT_ALLOC_COUNTER_HPP

#include <atomic>   // the counter
#include <cstddef>  // std::size_t
#include <cstdlib>  // std::malloc, std::free, std::abort
#include <new>      // std::nothrow_t, std::bad_alloc

namespace jwtcore_test {

// Calls of any replaced operator new / new[] since the program started.
inline std::atomic<std::size_t> allocation_calls{0};

inline std::size_t allocations() noexcept { return allocation_calls.load(std::memory_order_relaxed); }

inline void* counted_alloc(std::size_t size) noexcept {
  allocation_calls.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}

inline void* counted_alloc_or_fail(std::size_t size) {
  void* p = counted_alloc(size);
  if (p == nullptr) {
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
    throw std::bad_alloc();
#else
    std::abort();
#endif
  }
  return p;
}

}  // namespace jwtcore_test

void* operator new(std::size_t size) { return jwtcore_test::counted_alloc_or_fail(size); }
void* operator new[](std::size_t size) { return jwtcore_test::counted_alloc_or_fail(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return jwtcore_test::counted_alloc(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return jwtcore_test::counted_alloc(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

#endif  // JWTCORE_TESTS_SUPPORT_ALLOC_COUNTER_HPP
