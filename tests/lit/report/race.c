// The data race report. T1 writes `data`; T2 reads it once it has seen a
// relaxed flag, which orders nothing: happens-before detection sees the race in
// every schedule, and the handshake fixes the order of the two accesses, so the
// report and its diagram are the same for every seed. race_none.c is the same
// program with release/acquire, which has no race.
// REQUIRES: runtime
// RUN: %icc -O1 -g %s -o %t
// RUN: %not %interleave run %t 2>%t.err >%t.out
// RUN: FileCheck %s < %t.err
// RUN: %diagcheck %s < %t.err
// The program's stdout is untouched: the report goes to stderr, after the end.
// RUN: FileCheck --check-prefix=OUT %s < %t.out
// RUN: %not %interleave run %t 2>/dev/null | FileCheck --check-prefix=OUT %s
// Every seed shows the same.
// RUN: %not %interleave run --seed 2 %t 2>%t.err2 >/dev/null
// RUN: FileCheck %s < %t.err2 && %diagcheck %s < %t.err2
// RUN: %not %interleave run --seed 3 %t 2>%t.err3 >/dev/null
// RUN: FileCheck %s < %t.err3 && %diagcheck %s < %t.err3
// RUN: %not %interleave run --seed 12345 %t 2>%t.err4 >/dev/null
// RUN: FileCheck %s < %t.err4 && %diagcheck %s < %t.err4
// The exit status is 66 with a finding, whatever the program's own (0 here).
// RUN: sh -c '%interleave run %t >/dev/null 2>&1; echo status=$?' | FileCheck --check-prefix=STATUS %s
// RUN: sh -c '%interleave run -q --seed 5 %t >/dev/null 2>&1; echo status=$?' | FileCheck --check-prefix=STATUS %s
//
// OUT: start
// OUT-NEXT: seen 42
// OUT-NOT: {{.}}
// STATUS: status=66{{$}}
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

// CHECK: ==================
// CHECK-NEXT: interleave: data race on `data` (global, 4 bytes at {{.*}}race.c:[[@LINE+1]])
int data __attribute__((aligned(64)));
int seen;
/* In an 8-byte granule of its own: a plain and an atomic variable sharing one are
 * test_atomic_and_plain_neighbours in tests/unit/test_detect.c and
 * race_atomic_neighbour.c. */
static atomic_int published __attribute__((aligned(64)));

static void *reader(void *arg)
{
    while (!atomic_load_explicit(&published, memory_order_relaxed))
        ;
    // CHECK-NEXT: read of 4 bytes by T2:
    // CHECK-NEXT: #0 reader {{.*}}race.c:[[@LINE+1]]
    seen = data;
    return arg;
}

static void *writer(void *arg)
{
    // CHECK: previous write of 4 bytes by T1:
    // CHECK-NEXT: #0 writer {{.*}}race.c:[[@LINE+1]]
    data = 42;
    atomic_store_explicit(&published, 1, memory_order_relaxed);
    return arg;
}

int main(void)
{
    pthread_t w, r;
    printf("start\n");
    // CHECK: T1 created by T0 at main {{.*}}race.c:[[@LINE+1]]
    pthread_create(&w, NULL, writer, NULL);
    // CHECK-NEXT: T2 created by T0 at main {{.*}}race.c:[[@LINE+1]]
    pthread_create(&r, NULL, reader, NULL);
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    printf("seen %d\n", seen);
    return 0;
}
// CHECK-EMPTY:
// CHECK-NEXT: accesses to `data`:
// CHECK: ==================
// CHECK-NEXT: interleave: 1 finding (1 data race) in 1 run, seed {{[0-9]+}}; program exited with status 0
// CHECK-NOT: interleave:

// The diagram, column by column: one row per thread, ^ under the two accesses.
// DIAG:{{  }}accesses to `data`:
// DIAG-NEXT:{{    }}T1 | w(42)
// DIAG-NEXT:{{         }}^^^^^
// DIAG-NEXT:{{    }}T2 |      r(42)
// DIAG-NEXT:{{              }}^^^^^
// DIAG-NEXT:{{       }}+----------> time
