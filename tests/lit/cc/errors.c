// Driver errors are one line starting with `interleave cc: `, and a failing
// compiler's status comes back unchanged.
// RUN: env INTERLEAVE_RTLIB_DIR=%t.missing not %icc %s -o %t 2>&1 | FileCheck --check-prefix=NORT %s
// NORT: interleave cc: runtime library not found in {{.*}}.missing: run `make` first
// RUN: env INTERLEAVE_CC=no-such-compiler-xyz not %icc -c %s -o %t.o 2>&1 | FileCheck --check-prefix=NOCC %s
// NOCC: interleave cc: INTERLEAVE_CC=no-such-compiler-xyz: no such program
// RUN: env INTERLEAVE_CC=%icc not %icc -c %s -o %t.o 2>&1 | FileCheck --check-prefix=SELF %s
// SELF: interleave cc: the real compiler {{.*}} is interleave itself
// RUN: not %icc -DBROKEN -c %s -o %t.o 2>&1 | FileCheck --check-prefix=BROKEN %s
// BROKEN: error
// BROKEN-NOT: interleave cc:
// Without a runtime, compiling alone still works.
// RUN: env INTERLEAVE_RTLIB_DIR=%t.missing %icc -c %s -o %t.o

#ifdef BROKEN
#error broken on purpose
#endif

int main(void)
{
    return 0;
}
