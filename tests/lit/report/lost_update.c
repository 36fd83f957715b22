// The lost update report. Two threads increment `counter` with an atomic load
// and a separate atomic store (no data race). A relaxed handshake makes T1 stop
// between its load and its store while T2 does its whole increment, in every
// schedule: T1's store then overwrites T2's update. lost_update_none.c is the
// same program with atomic_fetch_add, which loses nothing.
// REQUIRES: runtime
// RUN: %icc -O1 -g %s -o %t
// RUN: %not %interleave run %t 2>%t.err >%t.out
// RUN: FileCheck %s < %t.err
// RUN: %diagcheck %s < %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out
// RUN: %not %interleave run --seed 3 %t 2>/dev/null | FileCheck --check-prefix=OUT %s
// Seeds 2, 3 and 4 show the same.
// RUN: %not %interleave run --seed 2 %t 2>%t.err2 >/dev/null
// RUN: FileCheck %s < %t.err2 && %diagcheck %s < %t.err2
// RUN: %not %interleave run --seed 3 %t 2>%t.err3 >/dev/null
// RUN: FileCheck %s < %t.err3 && %diagcheck %s < %t.err3
// RUN: %not %interleave run --seed 4 %t 2>%t.err4 >/dev/null
// RUN: FileCheck %s < %t.err4 && %diagcheck %s < %t.err4
// Exit status 66 for the finding, although the program exited with 0.
// RUN: sh -c '%interleave run %t >/dev/null 2>&1; echo status=$?' | FileCheck --check-prefix=STATUS %s
// Without the lost-update check, nothing is left to report.
// RUN: %interleave run --no-lost-updates %t 2>&1 >/dev/null | FileCheck --check-prefix=OFF %s
//
// OUT: start
// OUT-NEXT: counter = 1
// OUT-NOT: {{.}}
// STATUS: status=66{{$}}
// OFF-NOT: lost update
// OFF: interleave: no findings in 1 run, seed 1; program exited with status 0
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

// CHECK: ==================
// CHECK-NEXT: interleave: lost update on `counter` (global, 4 bytes at {{.*}}lost_update.c:[[@LINE+1]])
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
        wait_for(1); /* T2 starts after T1's load */
    // CHECK-NEXT: T1 read counter == 0 at increment {{.*}}lost_update.c:[[@LINE+1]]
    int v = atomic_load_explicit(&counter, memory_order_relaxed);
    if (me == 1) {
        atomic_store_explicit(&step, 1, memory_order_relaxed);
        wait_for(2); /* T1 waits here, between its load and its store */
    }
    // CHECK: T2 wrote counter = 1 at increment {{.*}}lost_update.c:[[@LINE+2]]
    // CHECK: T1 wrote counter = 1 at increment {{.*}}lost_update.c:[[@LINE+1]], overwriting T2's update
    atomic_store_explicit(&counter, v + 1, memory_order_relaxed);
    if (me == 2)
        atomic_store_explicit(&step, 2, memory_order_relaxed);
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    printf("start\n");
    // CHECK: T1 created by T0 at main {{.*}}lost_update.c:[[@LINE+1]]
    pthread_create(&t1, NULL, increment, (void *)1);
    // CHECK-NEXT: T2 created by T0 at main {{.*}}lost_update.c:[[@LINE+1]]
    pthread_create(&t2, NULL, increment, (void *)2);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("counter = %d\n", atomic_load(&counter));
    return 0;
}
// CHECK-EMPTY:
// CHECK-NEXT: accesses to `counter`:
// CHECK: ==================
// CHECK-NEXT: interleave: 1 finding (1 lost update) in 1 run, seed {{[0-9]+}}; program exited with status 0
// CHECK-NOT: interleave:

// T1 reads 0, T2 reads 0 and writes 1, T1 writes 1 over it; main reads 1 at the end.
// The marks: T1's read and write, and T2's write that was lost.
// DIAG:{{  }}accesses to `counter`:
// DIAG-NEXT:{{    }}T0 |                  r(1)
// DIAG-NEXT:{{    }}T1 | r(0)         w(1)
// DIAG-NEXT:{{         }}^^^^         ^^^^
// DIAG-NEXT:{{    }}T2 |     r(0) w(1)
// DIAG-NEXT:{{                  }}^^^^
// DIAG-NEXT:{{       }}+---------------------> time
