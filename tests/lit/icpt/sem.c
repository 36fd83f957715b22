// Semaphores: a value handed from a producer to a consumer through
// sem_post/sem_wait is race-free (the post happens before the wait that
// takes it). The BUG variant has the consumer skip sem_wait: nothing orders
// the write and the read, a race in every schedule. Also the non-blocking
// and timed paths: sem_trywait fails with EAGAIN, sem_timedwait on an empty
// semaphore times out (the scheduler sleeps until the deadline), sem_getvalue
// sees the model's count.
// REQUIRES: runtime
// RUN: %icc -O1 -g %s -o %t && env INTERLEAVE_OPTIONS=report_fd=2 %t > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out && FileCheck --check-prefix=SILENT %s < %t.err
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g %s -o %t.clang && env INTERLEAVE_OPTIONS="report_fd=2 seed=5" %t.clang > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out && FileCheck --check-prefix=SILENT %s < %t.err
// RUN: %icc -O1 -g -DBUG %s -o %t.bug && env INTERLEAVE_OPTIONS=report_fd=2 %t.bug 2>&1 | FileCheck --check-prefix=RACE %s
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g -DBUG %s -o %t.bug.clang && env INTERLEAVE_OPTIONS=report_fd=2 %t.bug.clang 2>&1 | FileCheck --check-prefix=RACE %s
//
// OUT: trywait on 0: -1 EAGAIN
// OUT: timedwait on 0: -1 ETIMEDOUT
// OUT: value after 2 posts: 2
// OUT: sum=5050
// SILENT-NOT: kind=race
// SILENT: summary findings=0
// RACE: finding id={{[0-9]+}} kind=race
// RACE: summary findings={{[1-9]}}
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <time.h>

static sem_t full, empty;
static int mailbox;

static void *producer(void *arg)
{
    (void)arg;
    for (int i = 1; i <= 100; i++) {
        sem_wait(&empty);
        mailbox = i;
        sem_post(&full);
    }
    return NULL;
}

static void *consumer(void *arg)
{
    long *sum = arg;
    for (int i = 1; i <= 100; i++) {
#ifdef BUG
        *sum += i;
        (void)*(volatile int *)&mailbox;
        continue;
#endif
        sem_wait(&full);
        *sum += mailbox;
        sem_post(&empty);
    }
    return NULL;
}

int main(void)
{
    sem_t s;
    sem_init(&s, 0, 0);
    int rc = sem_trywait(&s);
    printf("trywait on 0: %d %s\n", rc, rc == -1 && errno == EAGAIN ? "EAGAIN" : "?");
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 10 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    rc = sem_timedwait(&s, &ts);
    printf("timedwait on 0: %d %s\n", rc, rc == -1 && errno == ETIMEDOUT ? "ETIMEDOUT" : "?");
    sem_post(&s);
    sem_post(&s);
    int v = -1;
    sem_getvalue(&s, &v);
    printf("value after 2 posts: %d\n", v);
    sem_destroy(&s);

    long sum = 0;
    sem_init(&full, 0, 0);
#ifdef BUG
    sem_init(&empty, 0, 100);
#else
    sem_init(&empty, 0, 1);
#endif
    pthread_t p, c;
    pthread_create(&c, NULL, consumer, &sum);
    pthread_create(&p, NULL, producer, NULL);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("sum=%ld\n", sum);
    return 0;
}
