// A data race on a std::vector element: the element lives in the vector's heap
// block, which the report names by size and offset (element 1 of 4 ints:
// offset 4), with the user's line that allocated it (at -O2 the allocator is
// inlined into it) and the lambdas that race, with g++ and clang++. Writing
// different elements is no race.
// REQUIRES: runtime, gxx, clangxx
// RUN: %gxx -O2 %s -o %t.gcc
// RUN: %not %interleave run %t.gcc 2>&1 >/dev/null | FileCheck %s
// RUN: %clangxx -O2 %s -o %t.clang
// RUN: %not %interleave run %t.clang 2>&1 >/dev/null | FileCheck %s
// RUN: %gxx -O2 -DDISJOINT %s -o %t.gcc.ok
// RUN: %interleave run %t.gcc.ok 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %clangxx -O2 -DDISJOINT %s -o %t.clang.ok
// RUN: %interleave run %t.clang.ok 2>&1 | FileCheck --check-prefix=SILENT %s
//
// CHECK: interleave: data race on heap block of 16 bytes, offset 4 (4 bytes)
// CHECK-DAG: #0 main{{.*}}::operator(){{.*}} {{.*}}race_vector.cpp:[[@LINE+19]]
// CHECK-DAG: #0 main{{.*}}::operator(){{.*}} {{.*}}race_vector.cpp:[[@LINE+19]]
// CHECK: heap block of 16 bytes allocated by T0 at main {{.*}}race_vector.cpp:[[@LINE+16]]
// SILENT: 1 2
// SILENT-NOT: data race
// SILENT: interleave: no findings in 1 run
#include <cstdio>
#include <thread>
#include <vector>

#ifdef DISJOINT
#define OTHER 2
#else
#define OTHER 1
#endif

int main()
{
    std::vector<int> v(4);
    std::thread a([&v] { v[1] = 1; });
    std::thread b([&v] { v[OTHER] = 2; });
    a.join();
    b.join();
    std::printf("%d %d\n", v[1], v[OTHER]);
    return 0;
}
