// A shared library is instrumented but not linked with the runtime: the
// program that loads it provides the __tsan_ symbols.
// RUN: env INTERLEAVE_CC=gcc %icc --interleave-dry-run -shared -fPIC %s -o %t.so | FileCheck %s
// CHECK: gcc -fPIC {{.*}}shared.c -c -o {{.*}}.o -fsanitize=thread
// CHECK-NEXT: gcc -shared -fPIC {{.*}}.o -o {{.*}}.so -fsanitize=thread -B{{.*}}/gcc-link/{{$}}
// CHECK-NOT: {{.}}

// And it really builds, with no libtsan in it.
// RUN: env INTERLEAVE_CC=gcc %icc -shared -fPIC %s -o %t.so
// RUN: nm -D %t.so | FileCheck --check-prefix=SYMS %s
// SYMS: U __tsan_func_entry
// SYMS-NOT: tsan.so
// RUN: env INTERLEAVE_CC=clang %icc -shared -fPIC %s -o %t.clang.so
// RUN: nm -D %t.clang.so | FileCheck --check-prefix=SYMS %s

int shared_counter;

int shared_bump(void)
{
    return ++shared_counter;
}
