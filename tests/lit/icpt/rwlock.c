// Read-write locks: readers that only read under the read lock are not
// racing with each other, and the writer's updates reach them through the
// lock. A write made under a READ lock races with another reader's read:
// readers never synchronise with each other (the BUG variant has no writer,
// so nothing else orders them either: the race is seen in every schedule).
// REQUIRES: runtime
// RUN: %icc -O1 -g %s -o %t && env INTERLEAVE_OPTIONS=report_fd=2 %t > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out && FileCheck --check-prefix=SILENT %s < %t.err
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g %s -o %t.clang && env INTERLEAVE_OPTIONS="report_fd=2 seed=3" %t.clang > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out && FileCheck --check-prefix=SILENT %s < %t.err
// RUN: %icc -O1 -g -DBUG %s -o %t.bug && env INTERLEAVE_OPTIONS=report_fd=2 %t.bug 2>&1 | FileCheck --check-prefix=RACE %s
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g -DBUG %s -o %t.bug.clang && env INTERLEAVE_OPTIONS=report_fd=2 %t.bug.clang 2>&1 | FileCheck --check-prefix=RACE %s
//
// OUT: tryrdlock under rdlock: 0
// OUT: trywrlock under rdlock: busy
// OUT: wrlock by the writer: EDEADLK
// OUT: timedwrlock under rdlock: ETIMEDOUT
// OUT: sum=100 reads=600
// SILENT-NOT: kind=race
// SILENT: summary findings=0
// RACE: finding id={{[0-9]+}} kind=race
// RACE: summary findings={{[1-9]}}
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int lo = 0, hi = 100;
static long reads[3];
#ifdef BUG
static int scratch; /* written under the read lock */
#endif

static void *reader(void *arg)
{
    long *n = arg;
    for (int i = 0; i < 200; i++) {
        pthread_rwlock_rdlock(&rw);
        if (lo + hi == 100)
            ++*n;
#ifdef BUG
        if (n == &reads[0])
            scratch = i;
        else
            (void)*(volatile int *)&scratch;
#endif
        pthread_rwlock_unlock(&rw);
    }
    return NULL;
}

#ifndef BUG
static void *writer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 50; i++) {
        pthread_rwlock_wrlock(&rw);
        lo = i;
        hi = 100 - i;
        pthread_rwlock_unlock(&rw);
    }
    return NULL;
}
#endif

int main(void)
{
    /* the error paths, single-threaded */
    pthread_rwlock_rdlock(&rw);
    printf("tryrdlock under rdlock: %d\n", pthread_rwlock_tryrdlock(&rw));
    pthread_rwlock_unlock(&rw);
    printf("trywrlock under rdlock: %s\n", pthread_rwlock_trywrlock(&rw) == EBUSY ? "busy" : "?");
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 10 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    int rc = pthread_rwlock_timedwrlock(&rw, &ts);
    pthread_rwlock_unlock(&rw);
    pthread_rwlock_wrlock(&rw);
    printf("wrlock by the writer: %s\n", pthread_rwlock_wrlock(&rw) == EDEADLK ? "EDEADLK" : "?");
    pthread_rwlock_unlock(&rw);
    printf("timedwrlock under rdlock: %s\n", rc == ETIMEDOUT ? "ETIMEDOUT" : "?");

    pthread_t r[3];
#ifndef BUG
    pthread_t w;
#endif
    for (int i = 0; i < 3; i++)
        pthread_create(&r[i], NULL, reader, &reads[i]);
#ifndef BUG
    pthread_create(&w, NULL, writer, NULL);
#endif
    for (int i = 0; i < 3; i++)
        pthread_join(r[i], NULL);
#ifndef BUG
    pthread_join(w, NULL);
#endif
    printf("sum=%d reads=%ld\n", lo + hi, reads[0] + reads[1] + reads[2]);
    pthread_rwlock_destroy(&rw);
    return 0;
}
