// No deadlock: deadlock.c with both threads taking `a` before `b`. Whatever the
// schedule, one thread gets both and the other waits for it.
// REQUIRES: runtime
// RUN: %icc -O1 -g %s -o %t
// RUN: %timeout %interleave run %t 2>%t.err >%t.out
// RUN: FileCheck %s < %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out
// RUN: %timeout %interleave run --seed 2 %t 2>&1 >/dev/null | FileCheck --check-prefix=SEED2 %s
// RUN: %timeout %interleave run --seed 3 %t 2>&1 >/dev/null | FileCheck --check-prefix=SEED3 %s
// RUN: sh -c '%timeout %interleave run %t >/dev/null 2>&1; echo status=$?' | FileCheck --check-prefix=STATUS %s
//
// CHECK-NOT: deadlock
// CHECK: interleave: no findings in 1 run, seed 1; program exited with status 0
// CHECK-NOT: {{.}}
// SEED2: interleave: no findings in 1 run, seed 2; program exited with status 0
// SEED3: interleave: no findings in 1 run, seed 3; program exited with status 0
// OUT: start
// OUT-NEXT: done 2
// OUT-NOT: {{.}}
// STATUS: status=0{{$}}
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
int both; /* changed with both mutexes held */

static void *worker(void *arg)
{
    pthread_mutex_lock(&a);
    pthread_mutex_lock(&b);
    both++;
    pthread_mutex_unlock(&b);
    pthread_mutex_unlock(&a);
    return arg;
}

int main(void)
{
    pthread_t t1, t2;
    printf("start\n");
    pthread_create(&t1, NULL, worker, NULL);
    pthread_create(&t2, NULL, worker, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("done %d\n", both);
    return 0;
}
