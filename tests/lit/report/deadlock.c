// The deadlock report. T1 takes `a` then `b`, T2 takes `b` then `a`; each takes
// its second mutex only once both hold their first (a relaxed handshake), so
// every schedule deadlocks, with main blocked in pthread_join. interleave says
// who waits for what, which mutex (by name) and who holds it, and ends the
// program with status 66 instead of hanging. deadlock_none.c takes the mutexes
// in one order.
// REQUIRES: runtime
// RUN: %icc -O1 -g %s -o %t
// RUN: %not %timeout %interleave run %t 2>%t.err >%t.out
// RUN: FileCheck %s < %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out
// RUN: %not %timeout %interleave run --seed 2 %t 2>&1 >/dev/null | FileCheck %s
// RUN: %not %timeout %interleave run --seed 3 %t 2>&1 >/dev/null | FileCheck %s
// RUN: sh -c '%timeout %interleave run %t >/dev/null 2>&1; echo status=$?' | FileCheck --check-prefix=STATUS %s
// Last, the mutexes by their names (the runtime must put the user's address of
// the mutex in the finding, so that the driver can name it).
// RUN: FileCheck --check-prefix=NAMES %s < %t.err
//
// What the program printed before it blocked is kept; it never gets further.
// OUT: start
// OUT-NOT: {{.}}
// STATUS: status=66{{$}}
//
// CHECK: ==================
// CHECK-NEXT: interleave: deadlock: every live thread is blocked
// CHECK-DAG: {{^}}  T0 waits for thread T1{{$}}
// CHECK-DAG: {{^}}  T1 waits for mutex {{.+}} held by T2{{$}}
// CHECK-DAG: {{^}}  T2 waits for mutex {{.+}} held by T1{{$}}
// NAMES: interleave: deadlock: every live thread is blocked
// NAMES-DAG: {{^}}  T1 waits for mutex `b` held by T2{{$}}
// NAMES-DAG: {{^}}  T2 waits for mutex `a` held by T1{{$}}
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static atomic_int holding;

static void *forward(void *arg)
{
    pthread_mutex_lock(&a);
    atomic_fetch_add(&holding, 1);
    while (atomic_load(&holding) != 2)
        ;
    pthread_mutex_lock(&b);
    pthread_mutex_unlock(&b);
    pthread_mutex_unlock(&a);
    return arg;
}

static void *backward(void *arg)
{
    pthread_mutex_lock(&b);
    atomic_fetch_add(&holding, 1);
    while (atomic_load(&holding) != 2)
        ;
    pthread_mutex_lock(&a);
    pthread_mutex_unlock(&a);
    pthread_mutex_unlock(&b);
    return arg;
}

int main(void)
{
    pthread_t t1, t2;
    printf("start\n");
    // CHECK: T1 created by T0 at main {{.*}}deadlock.c:[[@LINE+1]]
    pthread_create(&t1, NULL, forward, NULL);
    // CHECK-NEXT: T2 created by T0 at main {{.*}}deadlock.c:[[@LINE+1]]
    pthread_create(&t2, NULL, backward, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("done\n");
    return 0;
}
// CHECK: ==================
// CHECK-NEXT: interleave: 1 finding (1 deadlock) in 1 run, seed {{[0-9]+}}; program exited with status {{[0-9]+}}
// CHECK-NOT: interleave:
