// Objects compiled by the driver call the ThreadSanitizer ABI, with gcc and
// with clang; clang is asked to instrument the read of `counter += 1` too.
// RUN: env INTERLEAVE_CC=gcc %icc -O1 -c %s -o %t.gcc.o
// RUN: nm %t.gcc.o | FileCheck %s
// RUN: env INTERLEAVE_CC=clang %icc -O1 -c %s -o %t.clang.o
// RUN: nm %t.clang.o | FileCheck %s
// CHECK-DAG: U __tsan_func_entry
// CHECK-DAG: U __tsan_read4
// CHECK-DAG: U __tsan_write4

// Without the driver's -mllvm flag, clang leaves the read out.
// RUN: %clang -O1 -fsanitize=thread -c %s -o %t.plain.o
// RUN: nm %t.plain.o | FileCheck --check-prefix=PLAIN %s
// PLAIN-NOT: __tsan_read4

int counter;

void bump(void)
{
    counter += 1;
}
