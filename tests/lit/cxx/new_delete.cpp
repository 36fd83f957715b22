// operator new and delete in every form (plain, array, nothrow, aligned, and
// the sized deletes) are heap allocations: a race on a block names it with its
// size and the user's `new` line as allocation site (not libstdc++'s malloc
// call), and a delete racing with a use is a race on the whole block. Blocks
// handed over through join and then deleted are silent. g++ and clang++.
// REQUIRES: runtime, gxx, clangxx
// RUN: %gxx -fsized-deallocation -O1 %s -o %t.gcc
// RUN: %interleave run %t.gcc 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %clangxx -fsized-deallocation -O1 %s -o %t.clang
// RUN: %interleave run %t.clang 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %gxx -fsized-deallocation -O1 -DBUG %s -o %t.gcc.bug
// RUN: %not %interleave run %t.gcc.bug 2>&1 >/dev/null | FileCheck --check-prefix=RACE %s
// RUN: %clangxx -fsized-deallocation -O1 -DBUG %s -o %t.clang.bug
// RUN: %not %interleave run %t.clang.bug 2>&1 >/dev/null | FileCheck --check-prefix=RACE %s
// RUN: %gxx -fsized-deallocation -O1 -DFREE %s -o %t.gcc.free
// RUN: %not %interleave run %t.gcc.free 2>&1 >/dev/null | FileCheck --check-prefix=FREE %s
// RUN: %clangxx -fsized-deallocation -O1 -DFREE %s -o %t.clang.free
// RUN: %not %interleave run %t.clang.free 2>&1 >/dev/null | FileCheck --check-prefix=FREE %s
//
// SILENT: sum 36
// SILENT-NOT: data race
// SILENT: interleave: no findings in 1 run
#include <atomic>
#include <cstdio>
#include <new>
#include <thread>

struct alignas(64) Wide { // over-aligned: the std::align_val_t forms
    int v;
};

static int spare;
static std::atomic<bool> used;

__attribute__((noinline)) void touch(int *a, int *b, int *c, int *d, Wide *e, Wide *f, Wide *g,
                                     Wide *h)
{
    a[0]++, b[1]++, c[0]++, d[1]++, e->v++, f[1].v++, g->v++, h[1].v++;
    used.store(true, std::memory_order_relaxed);
}

int main()
{
    // RACE-DAG: heap block of 4 bytes allocated by T0 at main {{.*}}new_delete.cpp:[[@LINE+1]]
    int *a = new int(1);
    // RACE-DAG: heap block of 8 bytes allocated by T0 at main {{.*}}new_delete.cpp:[[@LINE+1]]
    int *b = new int[2]{2, 3};
    // RACE-DAG: heap block of 4 bytes allocated by T0 at main {{.*}}new_delete.cpp:[[@LINE+1]]
    int *c = new (std::nothrow) int(4);
    // RACE-DAG: heap block of 8 bytes allocated by T0 at main {{.*}}new_delete.cpp:[[@LINE+1]]
    int *d = new (std::nothrow) int[2]{5, 6};
    // RACE-DAG: heap block of 64 bytes allocated by T0 at main {{.*}}new_delete.cpp:[[@LINE+1]]
    Wide *e = new Wide{7};
    // RACE-DAG: heap block of 128 bytes allocated by T0 at main {{.*}}new_delete.cpp:[[@LINE+1]]
    Wide *f = new Wide[2]{{0}, {0}};
    // RACE-DAG: heap block of 64 bytes allocated by T0 at main {{.*}}new_delete.cpp:[[@LINE+1]]
    Wide *g = new (std::nothrow) Wide{0};
    // RACE-DAG: heap block of 128 bytes allocated by T0 at main {{.*}}new_delete.cpp:[[@LINE+1]]
    Wide *h = new (std::nothrow) Wide[2]{{0}, {0}};
    std::thread t(touch, a, b, c, d, e, f, g, h);
#ifdef BUG
    touch(a, b, c, d, e, f, g, h);
#endif
#ifdef FREE
    // The other thread has used the block (a relaxed flag says so, no order):
    // the delete is a write of the whole block that races with that use.
    while (!used.load(std::memory_order_relaxed))
        std::this_thread::yield();
    // FREE: interleave: data race on heap block of 4 bytes
    // FREE: write of 4 bytes by T0:
    // FREE-NEXT: #0 main {{.*}}new_delete.cpp:[[@LINE+2]]
    // FREE: heap block of 4 bytes allocated by T0 at main {{.*}}new_delete.cpp:
    delete a;
    a = &spare;
#endif
    t.join();
    int sum = a[0] + b[0] + b[1] + c[0] + d[0] + d[1] + e->v + f[1].v + g->v + h[1].v;
    std::printf("sum %d\n", sum);
#ifndef FREE
    ::operator delete(a, sizeof(int)); // sized
#endif
    ::operator delete[](b, 2 * sizeof(int)); // sized array
    ::operator delete(c, std::nothrow);
    ::operator delete[](d, std::nothrow);
    ::operator delete(e, std::align_val_t(alignof(Wide)));
    ::operator delete[](f, 2 * sizeof(Wide), std::align_val_t(alignof(Wide))); // sized aligned
    ::operator delete(g, std::align_val_t(alignof(Wide)), std::nothrow);
    ::operator delete[](h, std::align_val_t(alignof(Wide)), std::nothrow);
    // the remaining forms: plain delete and delete[], sized aligned delete
    int *x = new int[3];
    delete[] x;
    Wide *y = new Wide;
    ::operator delete(y, sizeof(Wide), std::align_val_t(alignof(Wide)));
    ::operator delete[](::operator new[](4, std::align_val_t(32), std::nothrow),
                        std::align_val_t(32));
    delete new int;
    return 0;
}
// RACE: interleave: {{[89]}} findings (8 data races{{(, 1 lost update)?}})
