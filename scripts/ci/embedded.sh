#!/usr/bin/env bash
# Proves that jwtcore builds for bare-metal targets within its code-size ceilings:
# the units of tests/embedded/ are cross-compiled for an ARM Cortex-M4 and for
# 64-bit RISC-V, linked into images with their own startup, checked for symbols
# a heap-less, exception-less build must not pull in, and measured.
#   scripts/ci/embedded.sh
# Environment: JWTCORE_EMBEDDED_BUILD (default build/embedded) is the build directory.
# Sizes are held for the Cortex-M4 build; RISC-V sizes are printed for scale.
# Two figures per unit: the target (the size the library is meant to reach) and
# the ceiling (the size it has now, plus a little room). The build fails above
# a ceiling, so no change makes the code larger unnoticed; the table shows how
# far each unit still is from its target.
#
# How the size is measured: every unit is linked twice with the same startup,
# linker script, driver and libraries; once with the real entry points and
# once with entry points that do nothing (tests/embedded/baseline_unit.cpp).
# The unit's size is the difference of the two images' .text + .rodata, which
# is the library's code and constants, the glue of the entry points, and any
# C library function the library made the link take (strlen, memchr, ...).
# memcpy, memset and memmove are linked into both images (-u), so they cancel
# out; everything else jwtcore causes is counted.
set -euo pipefail
cd "$(dirname "$0")/../.."

target_sign=2560          # sign into a buffer + signature check, bytes (all ways, HS256 and HS512)
target_sign_payload=4000  # ... with the payload text checked by the strict JSON reader
target_verify=7000        # the full verifier with the strict JSON reader, bytes
# Measured sizes plus about 3% (GCC 12, newlib-nano, -Os); README "Embedded builds" says what each holds.
ceiling_sign_raw=2440
ceiling_sign_payload=5280
ceiling_sign_claims=6864
ceiling_verify=11004
ceiling_hs512=5856

# Debian 12 packages. ARM: GCC, newlib(-nano) and its libstdc++ headers.
# RISC-V: riscv64-unknown-elf has GCC and picolibc but no C++ standard headers
# at all in Debian 12 (no libstdc++ build for that triple), so the units are
# compiled by the riscv64 Linux cross g++ for its headers, with -ffreestanding,
# and linked with -nostdlib against the bare-metal picolibc and libgcc.
packages=(g++ clang gcc-arm-none-eabi binutils-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib
  gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf picolibc-riscv64-unknown-elf g++-riscv64-linux-gnu)
scripts/ci/install_packages.sh embedded "${packages[@]}"

src=tests/embedded
out=${JWTCORE_EMBEDDED_BUILD:-build/embedded}
rm -rf "$out/cortex-m4" "$out/riscv64" "$out/host"
mkdir -p "$out"

warnings="$(cmake -P cmake/jwtcore_warnings.cmake) -Werror"
# The flags every target shares. -ffreestanding makes __STDC_HOSTED__ 0, so
# JWTCORE_STD_STRING defaults to 0; it also implies -fno-builtin.
common_flags="-std=c++17 -Os -fno-exceptions -fno-rtti -ffunction-sections -fdata-sections $warnings -Iinclude"
freestanding=-ffreestanding

problems=()
fail() {
  problems+=("$1")
  echo "embedded: FAILED: $1"
}

# ---- targets ------------------------------------------------------------------------
# set_target NAME: the compiler, flags and link line of one target.
set_target() {
  target=$1
  case $target in
    cortex-m4)
      cxx=arm-none-eabi-g++
      binutils=arm-none-eabi
      register_bits=32
      arch_flags="-mcpu=cortex-m4 -mthumb"
      startup=startup_cortex_m
      linker_script=$src/cortex_m4.ld
      # newlib-nano for memcpy and friends and whatever else a unit drags in;
      # nosys resolves the system calls, so that the forbidden-symbol check
      # (not an undefined reference) is what reports a heap or stdio pull.
      link_flags="--specs=nano.specs --specs=nosys.specs -nostartfiles"
      link_libraries=""
      ;;
    riscv64)
      cxx=riscv64-linux-gnu-g++
      binutils=riscv64-unknown-elf
      register_bits=64
      # rv64gc/lp64d: the Linux cross toolchain's C++ headers exist for this
      # ABI only (glibc's gnu/stubs-lp64.h is missing for soft-float).
      # No PIC, no unwind tables: what a bare-metal compiler does by default.
      # The Linux macros are undefined so that the library sees no OS.
      arch_flags="-march=rv64gc -mabi=lp64d -mcmodel=medany -fno-pic -fno-pie -fno-asynchronous-unwind-tables"
      arch_flags+=" -U__linux__ -U__linux -U__gnu_linux__ -Ulinux -U__unix__ -U__unix -Uunix"
      startup=startup_riscv
      linker_script=$src/riscv64.ld
      link_flags="-nostdlib -nostartfiles -static -no-pie -Wl,--build-id=none"
      local multilib
      multilib=$(riscv64-unknown-elf-gcc -march=rv64gc -mabi=lp64d -print-multi-directory)
      [ "$multilib" = . ] && multilib=rv64imafdc/lp64d
      link_libraries="/usr/lib/picolibc/riscv64-unknown-elf/lib/$multilib/libc.a
        $(riscv64-unknown-elf-gcc -march=rv64gc -mabi=lp64d -print-libgcc-file-name)"
      local library
      for library in $link_libraries; do
        [ -f "$library" ] || fail "riscv64: $library is missing (picolibc-riscv64-unknown-elf, gcc-riscv64-unknown-elf)"
      done
      ;;
  esac
  dir=$out/$target
  mkdir -p "$dir"
}

compile() {  # compile SOURCE OBJECT EXTRA-FLAGS...
  local source=$1 object=$2
  shift 2
  # shellcheck disable=SC2086 # flag lists are deliberately split
  $cxx $common_flags $freestanding $arch_flags "$@" -c "$source" -o "$object"
}

# link IMAGE OBJECTS...: an image with the map and the linker's messages kept
# beside it. Unresolved symbols are warnings, so that the checks below can
# name them (a target without libstdc++ leaves std::__throw_* undefined).
link() {
  local image=$1
  shift
  # shellcheck disable=SC2086
  $cxx $arch_flags $link_flags -T "$linker_script" -Wl,--gc-sections -Wl,-u,memcpy -Wl,-u,memset -Wl,-u,memmove \
    -Wl,--warn-unresolved-symbols -Wl,-Map,"${image%.elf}.map" "$@" $link_libraries -o "$image" \
    >"${image%.elf}.link.log" 2>&1 || {
    cat "${image%.elf}.link.log"
    return 1
  }
}

# ---- forbidden symbols --------------------------------------------------------------------
# Mangled names: heap, operator new/delete, the exception machinery, abort,
# std::__throw_*, the printf family, and the helpers of a division twice as
# wide as a register (64-bit on ARM; 128-bit on RISC-V 64).
forbidden_regex='^(malloc|free|realloc|calloc|_malloc_r|_free_r|_realloc_r|_calloc_r|abort|_Zn[wa].*|_Zd[la].*'
forbidden_regex+='|__cxa_.*|__gxx_personality.*|_Unwind_.*|__aeabi_unwind_cpp_pr.*|_ZSt[0-9]+__throw_.*'
forbidden_regex+='|printf|vprintf|fprintf|vfprintf|sprintf|vsprintf|snprintf|vsnprintf|asprintf|vasprintf|puts'
forbidden_regex+='|iprintf|fiprintf|siprintf|sniprintf|_printf_r|_vfprintf_r|_svfprintf_r|_vfiprintf_r|_svfiprintf_r'
forbidden_regex+='|__aeabi_uldivmod|__aeabi_ldivmod|__udivdi3|__divdi3|__umoddi3|__moddi3|__udivmoddi4|__divmoddi4'
forbidden_regex+='|__udivti3|__divti3|__umodti3|__modti3|__udivmodti4|__divmodti4)$'

# The forbidden symbols an image defines or still references.
forbidden_in() {
  "$binutils-nm" "$1" | awk '{print $NF}' | grep -E "$forbidden_regex" | sort -u || true
}

# On a 32-bit target no libgcc helper may be linked at all, whatever its name
# (__aeabi_uldivmod, __aeabi_llsl, __lshrdi3, __popcountdi2, ...): SHA-512's
# 64-bit words must take shifts, rotates and adds the compiler does inline.
# Prints the symbols the linker took a libgcc member for (from the map).
libgcc_helpers_in() {
  [ "$register_bits" = 32 ] || return 0
  awk '/^Archive member included/ { on = 1; next }
    /^(Discarded input sections|Memory Configuration|Allocating common symbols)/ { on = 0 }
    on && /^[^ ]/ { member = $1; if (NF == 1) next }
    on && member ~ /\/libgcc\.a\(/ && match($0, / \([^()]*\)$/) { print substr($0, RSTART + 2, RLENGTH - 3) }' \
    "${1%.elf}.map" | sort -u
}

# why_linked IMAGE SYMBOL LINK-INPUTS...: who brought SYMBOL in: the functions
# of our objects that refer to it, the archive members the linker took for it
# (from the map), and the linker's own trace (from a relink with --trace-symbol).
why_linked() {
  local image=$1 symbol=$2 input
  shift 2
  echo "    $(echo "$symbol" | "$binutils-c++filt"):"
  for input in "$@"; do
    case $input in *.o) ;; *) continue ;; esac
    "$binutils-objdump" -dr "$input" | awk -v s="$symbol" '
      /^[0-9a-f]+ <.*>:$/ { fn = substr($2, 2, length($2) - 3) }
      $0 ~ ("[ \t]" s "([+-]0x[0-9a-f]+)?$") && fn != "" { print fn }' | sort -u |
      while read -r function; do
        echo "      called from $(echo "$function" | "$binutils-c++filt") ($(basename "$input"))"
      done
  done
  # The "Archive member included to satisfy reference by file (symbol)" pairs.
  awk -v s="($symbol)" '
    /^Archive member included/ { on = 1; next }
    /^(Discarded input sections|Memory Configuration|Allocating common symbols)/ { on = 0 }
    on && /^[^ ]/ { member = $0; sub(/.*\//, "", member) }
    on && index($0, s) { sub(/^ +/, ""); sub(/.*\//, ""); print "      the linker took " member " for " $0 }' \
    "${image%.elf}.map"
  grep -F -- "$symbol" "${image%.elf}.trace.link.log" | sed 's/^/      trace: /' || true
}

# check_image IMAGE LINK-INPUTS...: no forbidden symbol (nor, on a 32-bit
# target, libgcc helper), no other unresolved symbol, no constructor to run. Prints what it finds; returns 1 on any.
check_image() {
  local image=$1 bad=0 symbol found undefined
  shift
  found=$({
    forbidden_in "$image"
    libgcc_helpers_in "$image"
  } | sort -u)
  if [ -n "$found" ]; then
    echo "  $(basename "$image"): forbidden symbols:"
    local traces=()
    for symbol in $found; do traces+=("-Wl,--trace-symbol=$symbol"); done
    link "${image%.elf}.trace.elf" "$@" "${traces[@]}" >/dev/null || true
    for symbol in $found; do why_linked "$image" "$symbol" "$@"; done
    bad=1
  fi
  undefined=$("$binutils-nm" -u "$image" | awk '{print $NF}' | grep -vE "$forbidden_regex" || true)
  if [ -n "$undefined" ]; then
    echo "  $(basename "$image"): unresolved symbols: $(echo "$undefined" | "$binutils-c++filt" | tr '\n' ' ')"
    bad=1
  fi
  if [ "$(section_size "$image" .init_array)" -ne 0 ]; then
    echo "  $(basename "$image"): has static constructors (.init_array), which this startup does not run"
    bad=1
  fi
  return $bad
}

# ---- sizes --------------------------------------------------------------------------------
section_size() {  # section_size IMAGE SECTION
  "$binutils-size" -A "$1" | awk -v s="$2" '$1 == s { print $2; found = 1 } END { if (!found) print 0 }'
}

# The units: the entry points each calls (driver macros) and the source of
# their definitions.
declare -A unit_calls=(
  [sign_raw]="-DEMBEDDED_CALL_SIGN_RAW -DEMBEDDED_CALL_CHECK_SIGNATURE"
  [sign_payload]="-DEMBEDDED_CALL_SIGN_PAYLOAD -DEMBEDDED_CALL_CHECK_SIGNATURE"
  [sign_claims]="-DEMBEDDED_CALL_SIGN_CLAIMS -DEMBEDDED_CALL_CHECK_SIGNATURE"
  [verify]="-DEMBEDDED_CALL_VERIFY"
  [hs512]="-DEMBEDDED_CALL_SIGN_HS512 -DEMBEDDED_CALL_CHECK_HS512_SIGNATURE"
)
declare -A unit_source=([sign_raw]=sign_unit [sign_payload]=sign_unit [sign_claims]=sign_unit [verify]=verify_unit
  [hs512]=hs512_unit)
declare -A unit_target=([sign_raw]=$target_sign [sign_payload]=$target_sign_payload [sign_claims]=$target_sign
  [verify]=$target_verify [hs512]=$target_sign)
declare -A unit_ceiling=([sign_raw]=$ceiling_sign_raw [sign_payload]=$ceiling_sign_payload
  [sign_claims]=$ceiling_sign_claims [verify]=$ceiling_verify [hs512]=$ceiling_hs512)
units=(sign_raw sign_payload sign_claims verify hs512)

table=()
over_ceiling=()
# measure UNIT VARIANT [EXTRA-FLAGS...]: builds the unit and its baseline,
# checks the unit image, and adds a row to the size table. VARIANT names the
# row ("" for the held build); only that one is held to its ceiling.
measure() {
  local unit=$1 variant=$2
  shift 2
  local tag=$unit${variant:+-$variant}
  # shellcheck disable=SC2086
  compile "$src/driver.cpp" "$dir/driver-$unit.o" ${unit_calls[$unit]} || return 1
  compile "$src/${unit_source[$unit]}.cpp" "$dir/$tag.o" "$@" || return 1
  local inputs=("$dir/$startup.o" "$dir/driver-$unit.o" "$dir/$tag.o")
  link "$dir/$tag.elf" "${inputs[@]}" || return 1
  link "$dir/baseline-$unit.elf" "$dir/$startup.o" "$dir/driver-$unit.o" "$dir/baseline_unit.o" || return 1
  check_image "$dir/$tag.elf" "${inputs[@]}" || fail "$target $tag pulls in what an embedded build must not"

  local section text rodata data bss
  declare -A delta
  for section in .text .rodata .data .bss; do
    delta[$section]=$(($(section_size "$dir/$tag.elf" $section) - $(section_size "$dir/baseline-$unit.elf" $section)))
  done
  text=${delta[.text]} rodata=${delta[.rodata]} data=${delta[.data]} bss=${delta[.bss]}
  local total=$((text + rodata)) goal=${unit_target[$unit]} ceiling=${unit_ceiling[$unit]} verdict
  # Sizes are held for the Cortex-M4; other targets and variants are shown for scale.
  if [ -n "$variant" ] || [ "$target" != cortex-m4 ]; then
    verdict="(for scale)"
    goal=- ceiling=-
  elif [ "$total" -gt "$ceiling" ]; then
    verdict="OVER the ceiling by $((total - ceiling))"
    fail "$target $unit: $total bytes of .text+.rodata, over its ceiling of $ceiling"
    over_ceiling+=("$dir/$tag.symbols.txt")
  elif [ "$total" -le "$goal" ]; then
    verdict="within target"
  else
    verdict="$((total - goal)) over target"
    over_ceiling+=("$dir/$tag.symbols.txt")
  fi
  if [ -z "$variant" ] && [ $((data + bss)) -ne 0 ]; then
    verdict+=", writable statics!"
    fail "$target $unit: adds $data bytes of .data and $bss of .bss (the library should hold no state)"
  fi
  table+=("$(printf '%-10s %-28s %6d %7d %6d %5d %4d %6s %7s  %s' "$target" "$tag" "$text" "$rodata" "$total" "$data" \
    "$bss" "$goal" "$ceiling" "$verdict")")

  # What the unit added, largest first (the report's detail).
  if [ -z "$variant" ]; then
    {
      echo "== $target $tag: symbols added to the baseline image (bytes, name)"
      # One line per address: aliases (a constructor's complete and base
      # object symbols) are one piece of code.
      awk 'NR == FNR { in_baseline[$NF] = 1; next }
        NF == 4 && !($4 in in_baseline) && !($1 in listed) { listed[$1] = 1; print $2 + 0, $4 }' \
        <("$binutils-nm" "$dir/baseline-$unit.elf") <("$binutils-nm" -S --radix=d "$dir/$tag.elf") | sort -rn |
        while read -r size name; do printf '  %6d  %s\n' "$size" "$(echo "$name" | "$binutils-c++filt")"; done
      echo "  C library and libgcc members it made the link take:"
      awk '/^Archive member included/ { on = 1; next } /^(Discarded input|Memory Configuration)/ { on = 0 }
        on && /^[^ ]/ { sub(/.*\//, ""); print "    " $0 }' "$dir/$tag.map" | sort -u
    } >"$dir/$tag.symbols.txt"
  fi
}

build_target() {
  set_target "$1"
  echo "=== embedded: $target ($cxx $arch_flags)"
  compile "$src/$startup.cpp" "$dir/$startup.o" || return 1
  compile "$src/baseline_unit.cpp" "$dir/baseline_unit.o" || return 1
  local unit
  for unit in "${units[@]}"; do
    measure "$unit" "" || fail "$target $unit does not build"
  done
  # -O2 for scale (it also picks the fast variants: JWTCORE_SIZE_FIRST follows -Os).
  measure sign_payload O2 -O2 || fail "$target sign_payload at -O2 does not build"
  measure hs512 O2 -O2 || fail "$target hs512 at -O2 does not build"
  # Without -ffreestanding the hosted defaults apply (JWTCORE_STD_STRING 1):
  # it must still build and link clean.
  freestanding=""
  measure verify hosted || fail "$target verify without -ffreestanding does not build"
  freestanding=-ffreestanding
}

# ---- the check of the check ---------------------------------------------------------
# Each probe must be refused, and the report must name it as the culprit.
probe_check() {
  set_target "$1"
  local probe count=0 probes=(HEAP NEW THROWING_SUBSTR PRINTF DIVISION STATIC_GUARD ABORT)
  [ "$register_bits" = 32 ] && probes+=(WIDE_HELPER)
  compile "$src/driver.cpp" "$dir/driver-probe.o" -DEMBEDDED_CALL_CHECK_SIGNATURE || return 1
  compile "$src/sign_unit.cpp" "$dir/sign-with-probe.o" || return 1
  for probe in "${probes[@]}"; do
    # The probe's own warnings are beside the point (the probes are meant to be bad code).
    # shellcheck disable=SC2086
    $cxx -std=c++17 -Os -fno-exceptions -fno-rtti -ffunction-sections -fdata-sections -ffreestanding $arch_flags \
      -DPROBE_$probe -c "$src/forbidden_probe.cpp" -o "$dir/probe-$probe.o"
    local image=$dir/probe-$probe.elf report
    local inputs=("-Wl,-u,embedded_probe" "$dir/$startup.o" "$dir/driver-probe.o" "$dir/sign-with-probe.o"
      "$dir/probe-$probe.o")
    link "$image" "${inputs[@]}" || {
      fail "$target probe $probe does not link"
      continue
    }
    if report=$(check_image "$image" "${inputs[@]}"); then
      fail "$target: the forbidden-symbol check let probe $probe through"
    elif ! grep -q "embedded_probe" <<<"$report"; then
      echo "$report"
      fail "$target: the report on probe $probe does not name the function that caused it"
    else
      count=$((count + 1))
      echo "  probe $probe refused: $(grep -E '^    [^ ]' <<<"$report" | sed 's/^ *//; s/:$//' | tr '\n' ' ')"
    fi
  done
  echo "  $count of ${#probes[@]} probes refused with their culprit named"
}

# ---- host: the same sources with -ffreestanding, run -------------------------------------
host_check() {
  local dir=$out/host compiler std header
  mkdir -p "$dir"
  echo "=== embedded: host x86-64, -ffreestanding"
  # Every public header alone, freestanding, both compilers and standards:
  # it must compile, JWTCORE_STD_STRING must default to 0, and <string> must
  # stay out (its include guard, _GLIBCXX_STRING, must stay undefined). When
  # it gets in, the chain of includes that brought it is printed.
  for compiler in g++ clang++; do
    for std in 17 20; do
      local with_string=()
      for header in include/jwtcore/*.hpp; do
        printf '#include <jwtcore/%s>\nstatic_assert(JWTCORE_STD_STRING == 0, "the freestanding default");\n' \
          "$(basename "$header")" >"$dir/header.cpp"
        # shellcheck disable=SC2086
        if ! $compiler -std=c++$std -ffreestanding -fno-exceptions -fno-rtti $warnings -Iinclude -fsyntax-only \
          "$dir/header.cpp"; then
          fail "host: $(basename "$header") does not compile with $compiler -std=c++$std -ffreestanding"
        elif $compiler -std=c++$std -ffreestanding -Iinclude -dM -E "$dir/header.cpp" >"$dir/macros.txt" &&
          grep -q '_GLIBCXX_STRING ' "$dir/macros.txt"; then
          with_string+=("$(basename "$header")")
        fi
      done
      if [ ${#with_string[@]} -gt 0 ]; then
        fail "host: $compiler -std=c++$std -ffreestanding: <string> is included by ${with_string[*]}"
        printf '#include <jwtcore/%s>\n' "${with_string[0]}" >"$dir/header.cpp"
        echo "  the includes that bring <string> into ${with_string[0]}:"
        $compiler -std=c++$std -ffreestanding -Iinclude -H -fsyntax-only "$dir/header.cpp" 2>"$dir/includes.txt" || true
        awk '/^\.+ / { depth = length($1); stack[depth] = $2
               if ($2 ~ /\/string$/) { for (i = 1; i <= depth; ++i) print "    " stack[i]; exit } }' "$dir/includes.txt"
      fi
    done
  done
  # The units as built for the boards, run against independent tokens.
  local unit
  for unit in sign_unit verify_unit hs512_unit; do
    # shellcheck disable=SC2086
    g++ $common_flags $freestanding -c "$src/$unit.cpp" -o "$dir/$unit.o" || fail "host: $unit does not build freestanding"
  done
  # shellcheck disable=SC2086
  if ! { g++ -std=c++17 -O2 $warnings -c "$src/host_check.cpp" -o "$dir/host_check.o" &&
    g++ "$dir/host_check.o" "$dir/sign_unit.o" "$dir/verify_unit.o" "$dir/hs512_unit.o" -o "$dir/host_check" &&
    "$dir/host_check"; }; then
    fail "host: the freestanding units do not produce the expected tokens"
  fi
  # A freestanding build has no environment to read.
  # (Lists into files, not pipes: grep -q would close a pipe early, and under
  # pipefail the writer's SIGPIPE would turn a match into a miss.)
  nm "$dir/sign_unit.o" "$dir/verify_unit.o" "$dir/hs512_unit.o" >"$dir/symbols.txt"
  if grep -qw getenv "$dir/symbols.txt"; then
    fail "host: the freestanding units call getenv"
  fi
}

for target in cortex-m4 riscv64; do
  build_target "$target" || fail "$target: the startup does not build"
  probe_check "$target" || fail "$target: the probes do not build"
done
host_check

echo
echo "embedded: bytes added to a baseline image with the same startup and driver (see the top of this script)"
printf '%-10s %-28s %6s %7s %6s %5s %4s %6s %7s  %s\n' target unit .text .rodata total .data .bss target ceiling verdict
printf '%s\n' "${table[@]}"
echo "(symbol lists: $out/<target>/<unit>.symbols.txt)"
for list in "${over_ceiling[@]}"; do
  echo
  head -n 16 "$list"
  echo "  ..."
  sed -n '/C library and libgcc/,$p' "$list"
done
echo
if [ ${#problems[@]} -gt 0 ]; then
  echo "embedded: FAILED (${#problems[@]} problems):"
  printf '  %s\n' "${problems[@]}"
  exit 1
fi
echo "embedded: OK: both targets build, link clean and stay within their ceilings"
