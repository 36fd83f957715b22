// A lost update in a thread's second increment: T1 increments `counter` once,
// loads it again for a second increment and is stopped (relaxed handshake, every
// schedule) before its store while T2 increments; T1's store then overwrites
// T2's update: counter ends at 2, not 3. The stale load comes right after T1's
// own store, which the runtime's fast path for thread-private data must not
// take for "nothing new" (test_lost_update_through_fast_paths in
// tests/unit/test_detect.c).
// REQUIRES: runtime
// RUN: %icc -O1 -g %s -o %t
// RUN: %not %interleave run %t 2>%t.err >%t.out
// RUN: FileCheck --check-prefix=OUT %s < %t.out
// RUN: FileCheck %s < %t.err
// RUN: %not %interleave run --seed 2 %t 2>&1 >/dev/null | FileCheck %s
// RUN: %not %interleave run --seed 3 %t 2>&1 >/dev/null | FileCheck %s
//
// OUT: counter = 2
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

// CHECK: interleave: lost update on `counter` (global, 4 bytes at {{.*}}lost_update_second.c:[[@LINE+1]])
atomic_int counter;
static atomic_int step __attribute__((aligned(64)));

static void wait_for(int s)
{
    while (atomic_load_explicit(&step, memory_order_relaxed) != s)
        ;
}

static void *increment(void *arg)
{
    int me = (int)(intptr_t)arg;
    if (me == 1) { /* T1's first increment */
        int v = atomic_load_explicit(&counter, memory_order_relaxed);
        atomic_store_explicit(&counter, v + 1, memory_order_relaxed);
    } else {
        wait_for(1);
    }
    // CHECK-NEXT: T1 read counter == 1 at increment {{.*}}lost_update_second.c:[[@LINE+1]]
    int v = atomic_load_explicit(&counter, memory_order_relaxed);
    if (me == 1) {
        atomic_store_explicit(&step, 1, memory_order_relaxed);
        wait_for(2);
    }
    // CHECK: T2 wrote counter = 2 at increment {{.*}}lost_update_second.c:[[@LINE+2]]
    // CHECK: T1 wrote counter = 2 at increment {{.*}}lost_update_second.c:[[@LINE+1]], overwriting T2's update
    atomic_store_explicit(&counter, v + 1, memory_order_relaxed);
    if (me == 2)
        atomic_store_explicit(&step, 2, memory_order_relaxed);
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, NULL, increment, (void *)1);
    pthread_create(&t2, NULL, increment, (void *)2);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("counter = %d\n", atomic_load(&counter));
    return 0;
}
// CHECK: accesses to `counter`:
// CHECK: interleave: 1 finding (1 lost update) in 1 run
