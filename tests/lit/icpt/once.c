// pthread_once runs the init routine exactly once, and its end happens
// before every caller's return (including callers that found it running and
// waited): readers of the table it fills are race-free. The BUG variant has
// one thread read the table without calling pthread_once: a race in every
// schedule.
// REQUIRES: runtime
// RUN: %icc -O1 -g %s -o %t && env INTERLEAVE_OPTIONS=report_fd=2 %t > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out && FileCheck --check-prefix=SILENT %s < %t.err
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g %s -o %t.clang && env INTERLEAVE_OPTIONS="report_fd=2 seed=9" %t.clang > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out && FileCheck --check-prefix=SILENT %s < %t.err
// RUN: %icc -O1 -g -DBUG %s -o %t.bug && env INTERLEAVE_OPTIONS=report_fd=2 %t.bug 2>&1 | FileCheck --check-prefix=RACE %s
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g -DBUG %s -o %t.bug.clang && env INTERLEAVE_OPTIONS=report_fd=2 %t.bug.clang 2>&1 | FileCheck --check-prefix=RACE %s
//
// OUT: init ran 1 time(s), sums ok
// SILENT-NOT: kind=race
// SILENT: summary findings=0
// RACE: finding id={{[0-9]+}} kind=race
// RACE: summary findings={{[1-9]}}
#include <pthread.h>
#include <stdio.h>

#define N 4
#define TABLE 32

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int squares[TABLE];
static int runs;

static void init(void)
{
    runs++;
    for (int i = 0; i < TABLE; i++)
        squares[i] = i * i;
}

static void *worker(void *arg)
{
    long *sum = arg;
#ifdef BUG
    if (sum != NULL)
#endif
        pthread_once(&once, init);
    long s = 0;
    for (int i = 0; i < TABLE; i++)
        s += squares[i];
    if (sum)
        *sum = s;
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    long sums[N] = {0};
    for (int i = 0; i < N; i++)
#ifdef BUG
        pthread_create(&t[i], NULL, worker, i == N - 1 ? NULL : &sums[i]);
#else
        pthread_create(&t[i], NULL, worker, &sums[i]);
#endif
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    int ok = 1;
    for (int i = 0; i < N - 1; i++)
        ok &= sums[i] == (long)(TABLE - 1) * TABLE * (2 * TABLE - 1) / 6;
    printf("init ran %d time(s), sums %s\n", runs, ok ? "ok" : "WRONG");
    return 0;
}
