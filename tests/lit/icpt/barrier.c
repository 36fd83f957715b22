// Barriers order phases: what any thread wrote before a barrier happens
// before what every thread does after it, so a stencil that reads its
// neighbours' cells only across barriers is race-free, and exactly one
// thread per phase gets PTHREAD_BARRIER_SERIAL_THREAD. With -DRACE a thread
// reads its neighbour's cell in the same phase in which the neighbour writes
// it. With -DSHORT a barrier for one thread more than ever arrives ends in
// the runtime's verdict that every thread is blocked for good (exit status
// 66) instead of hanging.
// REQUIRES: runtime
// RUN: %icc -O1 -g %s -o %t && env INTERLEAVE_OPTIONS=report_fd=2 %t > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out && FileCheck --check-prefix=SILENT %s < %t.err
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g %s -o %t.clang && env INTERLEAVE_OPTIONS="report_fd=2 seed=4" %t.clang > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out && FileCheck --check-prefix=SILENT %s < %t.err
// RUN: %icc -O1 -g -DRACE %s -o %t.race && env INTERLEAVE_OPTIONS=report_fd=2 %t.race 2>&1 | FileCheck --check-prefix=RACE %s
// RUN: %icc -O1 -g -DSHORT %s -o %t.short && not %timeout env INTERLEAVE_OPTIONS=report_fd=2 %t.short 2>&1 | FileCheck --check-prefix=DEADLOCK %s
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g -DSHORT %s -o %t.short.clang && not %timeout env INTERLEAVE_OPTIONS=report_fd=2 %t.short.clang 2>&1 | FileCheck --check-prefix=DEADLOCK %s
// The same through the driver's report:
// RUN: not %interleave run %t.short 2>&1 | FileCheck --check-prefix=REPORT %s
//
// REPORT: T1 waits for barrier
// REPORT: T2 waits for barrier
// OUT: serial threads: 6
// OUT: 144 144 144 144
// SILENT-NOT: kind=race
// SILENT: summary findings=0
// RACE: finding id={{[0-9]+}} kind=race
// RACE: summary findings={{[1-9]}}
// DEADLOCK: finding id=1 kind={{(deadlock|hang)}}
// DEADLOCK-DAG: note text=T1_waits_for_barrier
// DEADLOCK-DAG: note text=T2_waits_for_barrier
// DEADLOCK: summary findings=1
#include <pthread.h>
#include <stdio.h>

#define N 4
#define ROUNDS 3

static pthread_barrier_t bar;
static long cur[N], next[N];
static int serial;

static void wait_bar(void)
{
    if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD)
        __atomic_fetch_add(&serial, 1, __ATOMIC_RELAXED);
}

static void *worker(void *arg)
{
    int id = (int)(long)arg;
#ifdef SHORT
    if (id >= N - 2)
        return NULL; /* two threads never arrive */
#endif
    for (int r = 0; r < ROUNDS; r++) {
        next[id] = cur[id] + cur[(id + 1) % N];
#ifndef RACE
        wait_bar();
#endif
        cur[id] = next[id];
        wait_bar();
    }
    return NULL;
}

int main(void)
{
    for (int i = 0; i < N; i++)
        cur[i] = 18;
#ifdef SHORT
    pthread_barrier_init(&bar, NULL, N - 1);
#else
    pthread_barrier_init(&bar, NULL, N);
#endif
    pthread_t t[N];
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&bar);
    printf("serial threads: %d\n", serial);
    for (int i = 0; i < N; i++)
        printf("%ld ", cur[i]);
    printf("\n");
    return 0;
}
