// With clang the driver also asks for the read of `x += 1` and enables
// -Wthread-safety; neither reaches the link.
// RUN: env INTERLEAVE_CC=clang %icc --interleave-dry-run %s -o %t | FileCheck %s
// CHECK: clang {{.*}}dry_run_clang.c -c -o {{.*}}.o -fsanitize=thread -g -fno-omit-frame-pointer -mllvm -tsan-instrument-read-before-write=1 -Wthread-safety -gdwarf-aranges{{$}}
// CHECK-NEXT: clang {{.*}}.o -o {{[^ ]*}} -Wl,--whole-archive {{.*}}libinterleave_rt.a {{.*}} -lrt{{$}}
// CHECK-NOT: {{.}}

// A user's own -fsanitize=thread stays with the compile only.
// RUN: env INTERLEAVE_CC=clang %icc --interleave-dry-run -fsanitize=thread %s -o %t | FileCheck --check-prefix=USER %s
// USER: clang -fsanitize=thread {{.*}}dry_run_clang.c -c {{.*}} -Wthread-safety -gdwarf-aranges{{$}}
// USER-NEXT: clang {{.*}}.o -o
// USER-NOT: -fsanitize

int main(void)
{
    return 0;
}
