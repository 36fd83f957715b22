// Sleeping and yielding are modelled: a sleeper blocks on a timer in the
// scheduler so the others run meanwhile, and when everybody sleeps the
// scheduler sleeps until the earliest deadline. The program still computes
// the right value and terminates; the results of the sleep calls are those
// of an uninterrupted sleep. Sleeping is not synchronisation: in the BUG
// variant main sleeps instead of joining before it reads the worker's
// result, a race in every schedule, however long the sleep.
// REQUIRES: runtime
// RUN: %icc -O1 -g %s -o %t && env INTERLEAVE_OPTIONS=report_fd=2 %timeout %t > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out && FileCheck --check-prefix=SILENT %s < %t.err
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g %s -o %t.clang && env INTERLEAVE_OPTIONS="report_fd=2 seed=8" %timeout %t.clang > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out && FileCheck --check-prefix=SILENT %s < %t.err
// RUN: %icc -O1 -g -DBUG %s -o %t.bug && env INTERLEAVE_OPTIONS=report_fd=2 %timeout %t.bug 2>&1 | FileCheck --check-prefix=RACE %s
//
// OUT: nanosleep 0 rem 0.0
// OUT: clock_nanosleep 0 0
// OUT: thrd_sleep 0
// OUT: usleep 0 sleep 0
// OUT: result 4950 after {{[0-9]+}} polls
// SILENT-NOT: kind=race
// SILENT: summary findings=0
// RACE: finding id={{[0-9]+}} kind=race
// RACE: summary findings={{[1-9]}}
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

static long result;
static int done; /* atomic */

static void *worker(void *arg)
{
    (void)arg;
    struct timespec ts = {0, 2 * 1000 * 1000};
    nanosleep(&ts, NULL);
    long s = 0;
    for (int i = 0; i < 100; i++) {
        s += i;
        if (i % 10 == 0)
            sched_yield();
    }
    result = s;
    __atomic_store_n(&done, 1, __ATOMIC_RELEASE);
    return NULL;
}

int main(void)
{
    struct timespec req = {0, 1000 * 1000}, rem = {9, 9};
    int rc = nanosleep(&req, &rem);
    printf("nanosleep %d rem %ld.%ld\n", rc, (long)rem.tv_sec, rem.tv_nsec);
    struct timespec abs;
    clock_gettime(CLOCK_MONOTONIC, &abs);
    abs.tv_nsec += 1000 * 1000;
    if (abs.tv_nsec >= 1000000000) {
        abs.tv_sec++;
        abs.tv_nsec -= 1000000000;
    }
    printf("clock_nanosleep %d %d\n", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL),
           clock_nanosleep(CLOCK_REALTIME, 0, &req, NULL));
    printf("thrd_sleep %d\n", thrd_sleep(&req, NULL));
    int u = usleep(1000);
    unsigned s = sleep(0);
    printf("usleep %d sleep %u\n", u, s);

    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
#ifdef BUG
    sleep(1);
    long r = result;
    printf("result %ld after 0 polls\n", r);
    pthread_join(t, NULL);
#else
    int polls = 0;
    while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE)) {
        usleep(500);
        polls++;
    }
    printf("result %ld after %d polls\n", result, polls);
    pthread_join(t, NULL);
#endif
    return 0;
}
