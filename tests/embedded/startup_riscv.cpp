// tests/embedded/startup_riscv.cpp: the smallest startup a bare-metal RISC-V
// image needs (stack pointer, .data copy, .bss clear, then embedded_main),
// written here so that no C library start code enters the size measurement.
#include <stdint.h>

extern "C" {
// From riscv64.ld.
extern uint64_t __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[];

void embedded_main();

// Doubleword loops, not memcpy/memset: the startup must not depend on the C library.
[[noreturn]] void embedded_reset() {
  const uint64_t* from = __data_load;
  for (uint64_t* to = __data_start; to < __data_end;) *to++ = *from++;
  for (uint64_t* to = __bss_start; to < __bss_end;) *to++ = 0;
  embedded_main();
  for (;;) {
  }
}
}

// The entry point: only the stack pointer must be set before C++ code runs.
// No linker relaxation here: gp is not set up, so nothing may be made gp-relative.
asm(R"(
  .section .text.start, "ax", @progbits
  .globl _start
_start:
  .option push
  .option norelax
  la sp, __stack_top
  .option pop
  call embedded_reset
)");
