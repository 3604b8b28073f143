// tests/embedded/startup_cortex_m.cpp: the smallest startup a Cortex-M image
// needs (vector table, .data copy, .bss clear, then embedded_main), written
// here so that no C library start code enters the size measurement.
#include <stdint.h>

extern "C" {
// From cortex_m4.ld.
extern uint32_t __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[];
extern char __stack_top[];

void embedded_main();

// Word loops, not memcpy/memset: the startup must not depend on the C library.
[[noreturn]] void Reset_Handler() {
  const uint32_t* from = __data_load;
  for (uint32_t* to = __data_start; to < __data_end;) *to++ = *from++;
  for (uint32_t* to = __bss_start; to < __bss_end;) *to++ = 0;
  embedded_main();
  for (;;) {
  }
}

[[noreturn]] void Default_Handler() {
  for (;;) {
  }
}

// The initial stack pointer, then the handlers of the Cortex-M exceptions
// (reset, NMI, hard fault, and the configurable faults of the M4).
struct vector_table {
  void* initial_stack_pointer;
  void (*handlers[6])();
};
__attribute__((section(".isr_vector"), used)) const vector_table embedded_vector_table = {
    __stack_top, {Reset_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler}};
}
