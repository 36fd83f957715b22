// No lost update: lost_update.c with the increment done by one atomic
// read-modify-write (atomic_fetch_add). T1 still stops in the middle of its work
// while T2 increments, but no stale value is written back: counter ends at 2.
// REQUIRES: runtime
// RUN: %icc -O1 -g %s -o %t
// RUN: %interleave run %t 2>%t.err >%t.out
// RUN: FileCheck %s < %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out
// RUN: %interleave run --seed 2 %t 2>&1 >/dev/null | FileCheck --check-prefix=SEED2 %s
// RUN: %interleave run --seed 3 %t 2>&1 >/dev/null | FileCheck --check-prefix=SEED3 %s
// RUN: sh -c '%interleave run %t >/dev/null 2>&1; echo status=$?' | FileCheck --check-prefix=STATUS %s
//
// CHECK-NOT: lost update
// CHECK: interleave: no findings in 1 run, seed 1; program exited with status 0
// CHECK-NOT: {{.}}
// SEED2: interleave: no findings in 1 run, seed 2; program exited with status 0
// SEED3: interleave: no findings in 1 run, seed 3; program exited with status 0
// OUT: start
// OUT-NEXT: counter = 2
// OUT-NOT: {{.}}
// STATUS: status=0{{$}}
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

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
    if (me == 2)
        wait_for(1);
    int before = atomic_load_explicit(&counter, memory_order_relaxed); /* only looked at */
    if (me == 1) {
        atomic_store_explicit(&step, 1, memory_order_relaxed);
        wait_for(2); /* T2 increments meanwhile */
    }
    atomic_fetch_add_explicit(&counter, 1, memory_order_relaxed);
    if (me == 2)
        atomic_store_explicit(&step, 2, memory_order_relaxed);
    return (void *)(intptr_t)before;
}

int main(void)
{
    pthread_t t1, t2;
    printf("start\n");
    pthread_create(&t1, NULL, increment, (void *)1);
    pthread_create(&t2, NULL, increment, (void *)2);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("counter = %d\n", atomic_load(&counter));
    return 0;
}
