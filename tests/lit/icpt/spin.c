// Spin locks are modelled like mutexes: a spinner blocks in the scheduler
// instead of burning the baton, the counter they protect is race-free and
// exact. The BUG variant has one thread skip the lock: its increments are
// ordered with nobody's, a race in every schedule.
// REQUIRES: runtime
// RUN: %icc -O1 -g %s -o %t && env INTERLEAVE_OPTIONS=report_fd=2 %t > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out && FileCheck --check-prefix=SILENT %s < %t.err
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g %s -o %t.clang && env INTERLEAVE_OPTIONS="report_fd=2 seed=7" %t.clang > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out && FileCheck --check-prefix=SILENT %s < %t.err
// RUN: %icc -O1 -g -DBUG %s -o %t.bug && env INTERLEAVE_OPTIONS=report_fd=2 %t.bug 2>&1 | FileCheck --check-prefix=RACE %s
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g -DBUG %s -o %t.bug.clang && env INTERLEAVE_OPTIONS=report_fd=2 %t.bug.clang 2>&1 | FileCheck --check-prefix=RACE %s
//
// OUT: trylock while held: busy
// OUT: counter=3000
// SILENT-NOT: kind=race
// SILENT: summary findings=0
// RACE: finding id={{[0-9]+}} kind=race
// RACE: summary findings={{[1-9]}}
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

static pthread_spinlock_t spin;
static long counter;

static void *worker(void *arg)
{
    int skip = arg != NULL;
    for (int i = 0; i < 1000; i++) {
        if (!skip)
            pthread_spin_lock(&spin);
        counter++;
        if (!skip)
            pthread_spin_unlock(&spin);
    }
    return NULL;
}

int main(void)
{
    pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
    pthread_spin_lock(&spin);
    printf("trylock while held: %s\n", pthread_spin_trylock(&spin) == EBUSY ? "busy" : "?");
    pthread_spin_unlock(&spin);
    pthread_t t[3];
    for (int i = 0; i < 3; i++) {
#ifdef BUG
        void *skip = i == 2 ? &spin : NULL;
#else
        void *skip = NULL;
#endif
        pthread_create(&t[i], NULL, worker, skip);
    }
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    pthread_spin_destroy(&spin);
    printf("counter=%ld\n", counter);
    return 0;
}
