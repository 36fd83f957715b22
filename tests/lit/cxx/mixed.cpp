// A mixed program: C objects from `interleave cc` (gcc and clang), C++ objects
// from `interleave c++`, linked by `interleave c++`. The race on the C global
// between a C function and a C++ lambda is reported with both languages'
// names; with the C mutex taken on both sides it is silent.
// REQUIRES: runtime, gxx, clangxx
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: env INTERLEAVE_CC=gcc %icc -O1 -c %S/Inputs/mixed_part.c -o %t.dir/part_gcc.o
// RUN: env INTERLEAVE_CC=clang %icc -O1 -c %S/Inputs/mixed_part.c -o %t.dir/part_clang.o
// RUN: %gxx -O1 -c %s -o %t.dir/main_gcc.o
// RUN: %clangxx -O1 -c %s -o %t.dir/main_clang.o
// RUN: %icxx %t.dir/main_gcc.o %t.dir/part_clang.o -o %t.dir/mixed1
// RUN: %not %interleave run %t.dir/mixed1 2>&1 >/dev/null | FileCheck %s
// RUN: %icxx %t.dir/main_clang.o %t.dir/part_gcc.o -o %t.dir/mixed2
// RUN: %not %interleave run %t.dir/mixed2 2>&1 >/dev/null | FileCheck %s
// RUN: %gxx -O1 -DLOCKED %s %t.dir/part_gcc.o -o %t.dir/mixed_ok
// RUN: %interleave run %t.dir/mixed_ok 2>&1 | FileCheck --check-prefix=SILENT %s
//
// CHECK: interleave: data race on `shared_total` (global, 4 bytes at {{.*}}mixed_part.c:4)
// CHECK-DAG: #0 add_from_c {{.*}}mixed_part.c:11
// CHECK-DAG: #0 main{{.*}}::operator(){{.*}} {{.*}}mixed.cpp:[[@LINE+26]]
// SILENT: total 30
// SILENT-NOT: data race
// SILENT: interleave: no findings in 1 run
#include <cstdio>
#include <thread>

extern "C" {
extern int shared_total;
void add_from_c(int n, int locked);
void lock_total(void);
void unlock_total(void);
}

#ifdef LOCKED
static const int locked = 1;
#else
static const int locked = 0;
#endif

int main()
{
    std::thread c([] { add_from_c(10, locked); });
    std::thread cxx([] {
        if (locked)
            lock_total();
        shared_total += 20;
        if (locked)
            unlock_total();
    });
    c.join();
    cxx.join();
    std::printf("total %d\n", shared_total);
    return 0;
}
