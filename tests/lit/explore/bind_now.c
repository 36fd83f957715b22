// The driver starts fork servers with LD_BIND_NOW, so that symbols are bound once
// rather than in every execution. A program that refers to a function its library
// lacks (and never calls it) runs natively, where binding is lazy, but cannot start
// with LD_BIND_NOW: the driver then starts it again without, and it is explored.
// REQUIRES: runtime
// RUN: rm -rf %t && mkdir -p %t
// RUN: %gcc -shared -fPIC -DWITH_BAR %s -o %t/libbar.so
// RUN: %icc -g -DPROG %s -L%t -lbar -Wl,-rpath,%t -o %t/prog
// RUN: %gcc -shared -fPIC %s -o %t/libbar.so
// RUN: %t/prog | FileCheck --check-prefix=NATIVE %s
// RUN: %interleave explore --strategy random --budget 2 --no-shrink -- %t/prog 2>&1 | FileCheck %s
//
// NATIVE: foo 1
// CHECK: interleave explore: 0 bugs in 2 executions
#ifdef PROG
#include <stdio.h>
int foo(void);
int bar(void);
int main(int argc, char **argv)
{
    (void)argv;
    printf("foo %d\n", argc > 5 ? bar() : foo());
    return 0;
}
#else
int foo(void)
{
    return 1;
}
#ifdef WITH_BAR
int bar(void)
{
    return 2;
}
#endif
#endif
