// The driver's plan for gcc: a compile-and-link line is split, and the link
// gets interleave's runtime; it keeps -fsanitize=thread (gcc instruments -flto
// code there) with -B naming the empty stand-ins for gcc's libtsan.
// RUN: env INTERLEAVE_CC=gcc %icc --interleave-dry-run -O1 -DN=3 %s -o %t -lm | FileCheck %s
// CHECK: gcc -O1 -DN=3 {{.*}}dry_run_gcc.c -c -o {{.*}}interleave-cc-XXXXXX-0.o -fsanitize=thread -g -fno-omit-frame-pointer{{$}}
// CHECK-NEXT: gcc -O1 {{.*}}interleave-cc-XXXXXX-0.o -o {{.*}} -lm -fsanitize=thread -B{{.*}}/gcc-link/ -Wl,--whole-archive {{.*}}/libinterleave_rt.a -Wl,--no-whole-archive -Wl,--dynamic-list={{.*}}/libinterleave_rt.syms -lpthread -ldl -lrt{{$}}
// CHECK-NOT: {{.}}

// The environment variable does the same as the flag.
// RUN: env INTERLEAVE_CC=gcc INTERLEAVE_CC_DRYRUN=1 %icc -c %s -o %t.o | FileCheck --check-prefix=COMPILE %s
// COMPILE: gcc -c {{.*}}dry_run_gcc.c -o {{.*}}.o -fsanitize=thread -g -fno-omit-frame-pointer{{$}}
// COMPILE-NOT: {{.}}

int main(void)
{
    return 0;
}
